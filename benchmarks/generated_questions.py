"""Generated questions, asked through the product: the runner behind benchmarks/row_operations.py and
benchmarks/pair_questions.py. A family plans questions for each indexed report (`plan(report)` gives records with
`question`, `op`, `phrasing`, `gold()`, `to_dict()`); each is asked and scored by the gold set's rules. Prints the
share right per operation and phrasing, then per report. Asserts nothing.

Options of both scripts: `--only` / `--skip` keep or leave out the reports whose label or file names match;
`--failures` prints each wrong answer with its question and gold (do not use it on reports kept aside for
measuring); `--json OUT` writes every question with its answer and score.
"""
from __future__ import annotations

import argparse
import json
import logging
import re
import sys
from collections import Counter
from pathlib import Path
from typing import Callable, Iterable, Sequence

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from qa.api import ask  # noqa: E402
from qa.config import Settings  # noqa: E402
from qa.eval.roundtrip import group_reports  # noqa: E402
from qa.eval.scoring import score_answer  # noqa: E402
from qa.store.index import open_index  # noqa: E402


def _matches(pattern: str | None, report) -> bool:
    return bool(pattern) and any(re.search(pattern, s) for s in (report.label, *report.sources))


def run(description: str, plan: Callable[[object], Iterable], operations: Sequence[str], phrasings: Sequence[str]) -> None:
    p = argparse.ArgumentParser(description=description)
    p.add_argument("--index", required=True)
    p.add_argument("--only")
    p.add_argument("--skip")
    p.add_argument("--failures", action="store_true")
    p.add_argument("--json")
    args = p.parse_args()
    logging.disable(logging.WARNING)
    settings = Settings.resolve(None, index_dir=args.index)
    index = open_index(args.index)
    reports = [r for r in group_reports(index.documents, index.facts())
               if (not args.only or _matches(args.only, r)) and not _matches(args.skip, r)]
    asked, right, refused, per_report = Counter(), Counter(), Counter(), Counter()
    rows = []
    for report in reports:
        for q in plan(report):
            got = ask(q.question, settings=settings).to_dict()
            score = score_answer(q.gold(), got)
            for key in ((q.op, q.phrasing), (q.op, "all"), ("all", q.phrasing), ("all", "all")):
                asked[key] += 1
                right[key] += score.correct
                refused[key] += not got.get("found")
            per_report[(report.label, "asked")] += 1
            per_report[(report.label, "right")] += score.correct
            rows.append({**q.to_dict(), "correct": score.correct, "reason": score.reason, "answer": got.get("text", "")})
            if args.failures and not score.correct:
                print(f"- {q.question} | gold {[v.value for v in q.gold().answers]} | {score.reason}\n"
                      f"  {got.get('text', '')[:300]}", file=sys.stderr)
    print(f"{len(reports)} reports, {asked[('all', 'all')]} questions\n")
    print("| operation | " + " | ".join(phrasings) + " | all |")
    print("|---|" + "---:|" * (len(phrasings) + 1))
    for op in (*operations, "all"):
        cells = [f"{right[(op, ph)]}/{asked[(op, ph)]}" if asked[(op, ph)] else "" for ph in (*phrasings, "all")]
        print(f"| {op} | " + " | ".join(cells) + " |")
    total = asked[("all", "all")]
    print(f"\nright {right[('all', 'all')]}/{total} ({100 * right[('all', 'all')] / max(total, 1):.1f}%), "
          f"refused {refused[('all', 'all')]}\n")
    print("| report | right |\n|---|---:|")
    for report in reports:
        n = per_report[(report.label, "asked")]
        if n:
            print(f"| {report.label} | {per_report[(report.label, 'right')]}/{n} |")
    if args.json:
        Path(args.json).write_text(json.dumps(rows, ensure_ascii=False, indent=1), encoding="utf-8")
