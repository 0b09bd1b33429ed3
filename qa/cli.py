"""Command line: `qa index|remove|reports|ask|inspect|serve|eval`. Parses options, calls `qa.api`, formats output.

Results go to stdout; logs and progress to stderr. A QAError prints its message and exits 2.
"""
from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from pathlib import Path
from typing import Sequence

from .config import Settings
from .errors import Interrupted, QAError
from .models import Answer
from .text.numbers import format_value

logger = logging.getLogger("qa")


def _progress_bar():
    """An on_progress callback drawing one tqdm bar per stage on stderr."""
    from tqdm import tqdm

    bars: dict[str, tqdm] = {}

    def update(stage: str, done: int, total: int) -> None:
        bar = bars.get(stage)
        if bar is None:
            if total == 0:
                return
            label = {"read": "reading reports", "embed": "embedding chunks"}.get(stage, stage)
            bar = bars[stage] = tqdm(total=total, desc=label, unit="chunk" if stage == "embed" else "file",
                                     file=sys.stderr, leave=False)
        bar.n = done
        bar.refresh()
        if done >= total:
            bar.close()

    return update


class _AboveTheBars(logging.StreamHandler):
    """Log lines printed through tqdm, which lifts its bars first: a warning never lands glued to a bar."""

    def emit(self, record: logging.LogRecord) -> None:
        from tqdm import tqdm

        try:
            tqdm.write(self.format(record), file=sys.stderr)
        except Exception:  # noqa: BLE001 - logging must not raise
            self.handleError(record)


def format_answer(a: Answer) -> str:
    out = [a.text]
    if a.figures:
        out.append("")
        for f in a.figures:
            how = f"  = {f.formula}" if f.formula else ""
            out.append(f"  · {f.label}: {format_value(f.value)}{f.unit or ''}{how}")
    if a.citations:
        out.append("\n来源 (sources):")
        for i, c in enumerate(a.citations, 1):
            where = f"p.{c.page}" if c.page else (f"lines {c.lines[0]}–{c.lines[1]}" if c.lines else "")
            out.append(f"  [{i}] {c.source} {where}: “{c.quote}”")
    return "\n".join(out)


def cmd_index(args: argparse.Namespace) -> int:
    from .api import build_index

    report = build_index(args.paths, index=args.index, region=args.region, department=args.department,
                         year=args.year, kind=args.kind, on_progress=None if args.quiet else _progress_bar())
    for w in report.warnings:
        print(f"warning: {w}", file=sys.stderr)
    problems = report.problems()
    if problems:
        print("not indexed:", file=sys.stderr)
        for line in problems:
            print(f"  {line}", file=sys.stderr)
    print(report.summary())
    return 2 if report.failed else 0


def cmd_remove(args: argparse.Namespace) -> int:
    from .api import remove_from_index

    print(remove_from_index(args.paths, index=args.index).summary())
    return 0


def cmd_ask(args: argparse.Namespace) -> int:
    from .api import ask

    a = ask(args.question, index=args.index, region=args.region, department=args.department, year=args.year, kind=args.kind)
    if args.json:
        print(json.dumps(a.to_dict(), ensure_ascii=False, indent=2))
    else:
        print(format_answer(a))
    return 0


def cmd_reports(args: argparse.Namespace) -> int:
    from .api import reports

    infos = reports(index=args.index)
    if args.json:
        print(json.dumps([r.to_dict() for r in infos], ensure_ascii=False, indent=2))
        return 0
    if not infos:
        print(f"No reports in the index at {Settings.resolve(index_dir=args.index).index_dir}.")
        return 0
    for r in infos:
        what = " ".join(str(v) for v in (r.region, r.department, r.year, r.kind) if v) or "（未识别）"
        warned = f", {len(r.warnings)} warnings" if r.warnings else ""
        print(f"{r.source}\t{what}\t{r.pages} pages, {r.facts} facts, {r.chunks} chunks{warned}")
    print(f"{len(infos)} reports")
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    from .web import launch

    launch(index=args.index, host=args.host, port=args.port)
    return 0


def cmd_inspect(args: argparse.Namespace) -> int:
    from .api import inspect

    infos = inspect(args.files, region=args.region, department=args.department, year=args.year, kind=args.kind)
    if args.json:
        print(json.dumps(infos, ensure_ascii=False, indent=2))
        return 0
    for info in infos:
        ident = info["identity"]
        print(f"{info['file']}\n  {ident['title']}")
        for key, label in (("region", "地区"), ("department", "部门"), ("year", "年度"), ("kind", "类型"), ("scope", "部门/单位")):
            print(f"  {label}: {ident[key] if ident[key] is not None else '（未识别）'}")
        if ident["department_aliases"]:
            print(f"  简称: {'、'.join(ident['department_aliases'][:12])}")
        print(f"  pages {info['pages']}, tables {len(info['tables'])}, facts {info['facts']['total']} "
              f"({info['facts']['from_tables']} from tables)")
        for w in info["warnings"]:
            print(f"  warning: {w}")
    return 0


def cmd_eval(args: argparse.Namespace) -> int:
    from .api import evaluate_sets

    result = evaluate_sets(args.gold, corpus=args.corpus, index=args.index, roundtrip=args.roundtrip,
                           roundtrip_per_report=args.roundtrip_per_report, roundtrip_seed=args.roundtrip_seed,
                           on_progress=None if args.quiet else _progress_bar())
    print(result.format_table())
    if args.json_out:
        args.json_out.write_text(json.dumps(result.to_dict(), ensure_ascii=False, indent=2), encoding="utf-8")
        print(f"\nJSON written to {args.json_out}", file=sys.stderr)
    return 0


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="qa", description="Question answering over Chinese budget/final-account reports, with citations.")
    p.add_argument("-v", "--verbose", action="store_true", help="log progress details")
    p.add_argument("-q", "--quiet", action="store_true", help="only results and errors")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def scope_options(sp: argparse.ArgumentParser, what: str) -> None:
        sp.add_argument("--region", help=f"region (地区) {what}, e.g. 武汉市青山区")
        sp.add_argument("--year", type=int, help=f"report year {what}")
        sp.add_argument("--kind", choices=["预算", "决算"], help=f"report kind {what}")

    sp = sub.add_parser("index", help="add or refresh reports (PDF or .txt files, or folders) in the index")
    sp.add_argument("paths", nargs="+", help="report files or folders")
    sp.add_argument("--index", help="index folder (default: QA_INDEX_DIR or ./index)")
    sp.add_argument("--department", help="department (部门) for these files, overriding detection")
    scope_options(sp, "for these files, overriding detection")
    sp.set_defaults(func=cmd_index)

    sp = sub.add_parser("remove", help="remove reports from the index (by path or file name)")
    sp.add_argument("paths", nargs="+")
    sp.add_argument("--index", help="index folder (default: QA_INDEX_DIR or ./index)")
    sp.set_defaults(func=cmd_remove)

    sp = sub.add_parser("reports", help="list the indexed reports: file, region, department, year, kind, counts")
    sp.add_argument("--index", help="index folder (default: QA_INDEX_DIR or ./index)")
    sp.add_argument("--json", action="store_true", help="print JSON (one object per report)")
    sp.set_defaults(func=cmd_reports)

    sp = sub.add_parser("ask", help="answer a question from the indexed reports")
    sp.add_argument("question")
    sp.add_argument("--index", help="index folder (default: QA_INDEX_DIR or ./index)")
    sp.add_argument("--json", action="store_true", help="print the answer as JSON")
    sp.add_argument("--department", help="department (部门) to search, full name or short form")
    scope_options(sp, "to search (default: read from the question)")
    sp.set_defaults(func=cmd_ask)

    sp = sub.add_parser("inspect", help="show what files would be indexed as (identity, pages, tables, facts, warnings) without indexing")
    sp.add_argument("files", nargs="+", help="report files (PDF or .txt)")
    sp.add_argument("--json", action="store_true", help="print JSON")
    sp.add_argument("--department", help="department (部门), overriding detection")
    scope_options(sp, "overriding detection")
    sp.set_defaults(func=cmd_inspect)

    sp = sub.add_parser("serve", help="start the web chat (Gradio)")
    sp.add_argument("--index", help="index folder (default: QA_INDEX_DIR or ./index)")
    sp.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1: this machine only)")
    sp.add_argument("--port", type=int, default=7860)
    sp.set_defaults(func=cmd_serve)

    sp = sub.add_parser("eval", help="score the system on gold questions (several sets side by side) and on its own facts (--roundtrip)")
    sp.add_argument("gold", type=Path, nargs="*", help="gold questions (.jsonl files or folders of them); several are shown side by side")
    sp.add_argument("--corpus", type=Path, action="append",
                    help="folder of the reports a gold set refers to; indexed first. Repeat it once per gold set, in "
                         "the same order, or give one folder for all")
    sp.add_argument("--index", help="index folder (default: a temporary one when --corpus is given; with several "
                                    "corpora, one subfolder each)")
    sp.add_argument("--roundtrip", action="store_true",
                    help="also ask questions generated from every indexed report's own facts, in several phrasings")
    sp.add_argument("--roundtrip-per-report", type=int, default=None, metavar="N",
                    help="facts sampled per report for the round trip (default 40; 0 = all)")
    sp.add_argument("--roundtrip-seed", type=int, default=0, help="seed of the round trip's sample (default 0)")
    sp.add_argument("--json", type=Path, dest="json_out", help="also write the results (every answer) as JSON here")
    sp.set_defaults(func=cmd_eval)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        configured = Settings.from_env().log_level.upper()
    except QAError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    level = logging.INFO if args.verbose else logging.ERROR if args.quiet else getattr(logging, configured, logging.WARNING)
    handler = _AboveTheBars(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    logging.basicConfig(level=level, handlers=[handler])
    # the terminal shows our progress and one line per problem: no model-loading bars (read at transformers' import)
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    for handler in logging.getLogger().handlers:  # bm25s sets its own logger to DEBUG when imported
        handler.setLevel(level)
    for noisy in ("httpx", "sentence_transformers", "transformers", "jieba", "bm25s"):
        logging.getLogger(noisy).setLevel(max(level, logging.WARNING))
    try:
        return args.func(args)
    except QAError as e:
        _say(f"error: {e}")
        return 2
    except KeyboardInterrupt as e:  # qa index says what it kept (errors.Interrupted); elsewhere nothing changed
        _say(str(e) if isinstance(e, Interrupted) else "interrupted")
        return 130


def _say(line: str) -> None:
    """One line on stderr, on a line of its own even while a progress bar is drawn."""
    if "tqdm" in sys.modules:
        from tqdm import tqdm

        tqdm.write(line, file=sys.stderr)
    else:
        print(line, file=sys.stderr)


if __name__ == "__main__":
    sys.exit(main())
