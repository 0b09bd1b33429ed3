"""Check dev-set question files: fields, unique ids, and every evidence quote verbatim in its report.

    python devset/verify.py devset/a devset/b                    # reads the reports with qa's loader
    python devset/verify.py devset/a --text-dir /tmp/devtext      # or from a folder of extracted <stem>.txt

A quote is found when, with all whitespace removed, it is a substring of the report's text (the scorer's rule).
Exits 1 and lists each problem when anything fails.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

SHARED = Path(__file__).resolve().parents[2] / "shared" / "corpus"
# Reports live in several corpus folders (dev/, pdf/, pdf-more/, the shared .txt at the top).
CORPORA = [SHARED / "dev", SHARED / "pdf", SHARED / "pdf-more", SHARED]


def report_path(doc: str) -> Path | None:
    return next((folder / doc for folder in CORPORA if (folder / doc).is_file()), None)
TYPES = {"lookup_table", "lookup_text", "rate_or_change", "reason", "list_or_text", "ambiguous", "cross_doc",
         "unanswerable", "aggregate"}
OPS = {"lookup", "compute", "compare", "aggregate", "list", "explain", "none"}


def squash(s: str) -> str:
    return re.sub(r"\s+", "", s)


def report_text(doc: str, text_dir: Path | None, cache: dict[str, str]) -> str:
    if doc not in cache:
        if text_dir is not None:
            cache[doc] = (text_dir / (Path(doc).stem + ".txt")).read_text(encoding="utf-8")
        else:
            from qa.ingest.document import load_document  # noqa: PLC0415 (only when no text folder is given)

            cache[doc] = "\n".join(p.text for p in load_document(report_path(doc)).pages)
        cache[doc] = squash(cache[doc])
    return cache[doc]


def check(path: Path, text_dir: Path | None, cache: dict[str, str], seen: set[str]) -> list[str]:
    problems = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        where = f"{path}:{n}"
        try:
            q = json.loads(line)
        except json.JSONDecodeError as e:
            problems.append(f"{where}: not JSON ({e})")
            continue
        qid = q.get("id")
        where += f" ({qid})"
        if not qid or qid in seen:
            problems.append(f"{where}: missing or repeated id")
        seen.add(qid)
        if q.get("type") not in TYPES:
            problems.append(f"{where}: type {q.get('type')!r} not in {sorted(TYPES)}")
        if q.get("op") not in OPS:
            problems.append(f"{where}: op {q.get('op')!r} not in {sorted(OPS)}")
        if not q.get("question"):
            problems.append(f"{where}: empty question")
        docs = q.get("doc")
        docs = [] if docs is None else [docs] if isinstance(docs, str) else docs
        for d in docs:
            if report_path(d) is None:
                problems.append(f"{where}: no report {d} in {', '.join(map(str, CORPORA))}")
        if q.get("type") == "unanswerable":
            if q.get("answers"):
                problems.append(f"{where}: unanswerable with answers")
            continue
        if not q.get("answers"):
            problems.append(f"{where}: no answers")
        if not q.get("evidence"):
            problems.append(f"{where}: no evidence")
        for e in q.get("evidence") or []:
            if e.get("doc") not in docs or report_path(e["doc"]) is None:
                problems.append(f"{where}: evidence doc {e.get('doc')} is not in doc")
                continue
            if squash(e.get("quote", "")) not in report_text(e["doc"], text_dir, cache):
                problems.append(f"{where}: quote not in {e['doc']}: {e.get('quote')!r}")
    return problems


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("paths", nargs="+", type=Path, help="jsonl files or folders of them")
    ap.add_argument("--text-dir", type=Path, help="folder of extracted <report stem>.txt instead of the loader")
    args = ap.parse_args(argv)
    files = [f for p in args.paths for f in (sorted(p.glob("*.jsonl")) if p.is_dir() else [p])]
    cache: dict[str, str] = {}
    seen: set[str] = set()
    problems = [msg for f in files for msg in check(f, args.text_dir, cache, seen)]
    print("\n".join(problems) if problems else f"ok: {len(seen)} questions in {len(files)} files")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
