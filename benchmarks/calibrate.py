"""Calibrate the answerer's refusal thresholds on questions with known answers, and print a table.

    python benchmarks/calibrate.py --set devset/a=/tmp/dev-index --set ../shared/eval/gold_public.jsonl=/tmp/pub-index

Each `--set GOLD=INDEX` names gold questions and an index already built over their reports (`qa index …`).
For every combination of the thresholds below, every question is asked and scored with the gold scorer
(qa.eval.scoring): strict accuracy, false refusals (an answerable question refused), and wrong answers given
to unanswerable questions. Pick the setting that answers most without answering the unanswerable; never
calibrate on a held-out half (devset/b).

Thresholds:
- match.LEFTOVER_SHARE — share of a question's item the matched 科目 may leave unexplained (facts path);
- passages.MIN_COVERAGE — how much of the item a sentence must hold to be stated (passage path).
"""
from __future__ import annotations

import argparse
import itertools
import json
import sys
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--set", action="append", required=True, help="GOLD=INDEX (gold .jsonl file or folder = index folder)")
    ap.add_argument("--leftover", default="0,0.2,0.34,0.5", help="values of match.LEFTOVER_SHARE")
    ap.add_argument("--coverage", default="0.35,0.45,0.55", help="values of passages.MIN_COVERAGE")
    ap.add_argument("--json", type=Path, help="also write the rows as JSON")
    args = ap.parse_args(argv)

    import qa
    from qa.answer import match, passages
    from qa.config import Settings
    from qa.eval.gold import load_gold
    from qa.eval.scoring import score_answer

    sets = []
    for spec in args.set:
        gold, _, index = spec.partition("=")
        sets.append((gold, load_gold(gold), Settings(index_dir=index)))
    rows = []
    grid = itertools.product([float(x) for x in args.leftover.split(",")], [float(x) for x in args.coverage.split(",")])
    for leftover, coverage in grid:
        match.LEFTOVER_SHARE, passages.MIN_COVERAGE = leftover, coverage
        for name, items, settings in sets:
            scores = [score_answer(g, qa.ask(g.question, settings=settings).to_dict()) for g in items]
            answerable = [s for s, g in zip(scores, items) if g.type != "unanswerable"]
            unanswerable = [s for s, g in zip(scores, items) if g.type == "unanswerable"]
            rows.append({
                "set": name, "leftover": leftover, "coverage": coverage, "n": len(items),
                "correct": sum(s.correct for s in scores),
                "false_refusals": sum(not s.found for s in answerable),
                "answered_unanswerable": sum(s.found for s in unanswerable),
            })
            r = rows[-1]
            print(f"| {name} | {leftover} | {coverage} | {r['correct']}/{r['n']} ({100 * r['correct'] / r['n']:.1f}%) "
                  f"| {r['false_refusals']} | {r['answered_unanswerable']} |", flush=True)
    if args.json:
        args.json.write_text(json.dumps(rows, ensure_ascii=False, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    print("| set | LEFTOVER_SHARE | MIN_COVERAGE | strict | false refusals | answered unanswerable |\n|---|---|---|---|---|---|")
    sys.exit(main())
