"""Question variants: each question of a gold set answered right is asked again as a user might type it (请问…,
2023年度, 23年, a comma typed as a space, full-width digits, 我想知道…, 与 for 和 …; qa.eval.variants) and scored
against the same gold. Prints, per variant kind, how many were asked and how many flipped to a wrong answer, then
the questions with any variant flipped. Asserts nothing.

    python benchmarks/question_variants.py GOLD [GOLD …] --index INDEX [--corpus FOLDER] [--every N] [--ids]

GOLD: a .jsonl file or a folder of them. `--every N` asks every Nth question only (a sample); `--ids` lists the
flipped questions' ids and kinds (not their text: run it on held-out sets without reading them).
"""
from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from qa.api import ask  # noqa: E402
from qa.config import Settings  # noqa: E402
from qa.eval.gold import load_gold  # noqa: E402
from qa.eval.scoring import load_corpus_texts  # noqa: E402
from qa.eval.variants import check_variants  # noqa: E402


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("gold", nargs="+")
    p.add_argument("--index", required=True)
    p.add_argument("--corpus", help="folder of the report files (quotes are checked against them)")
    p.add_argument("--every", type=int, default=1)
    p.add_argument("--ids", action="store_true")
    args = p.parse_args()
    logging.disable(logging.WARNING)
    items = []
    for g in args.gold:
        path = Path(g)
        for f in sorted(path.glob("*.jsonl")) if path.is_dir() else [path]:
            items += load_gold(f)
    items = items[:: max(args.every, 1)]
    settings = Settings.resolve(None, index_dir=args.index)
    corpus = load_corpus_texts(args.corpus) if args.corpus else None
    report = check_variants(items, lambda q: ask(q, settings=settings), corpus=corpus)
    print(f"{len(items)} questions asked, {report.questions} answered right; their variants:\n")
    print(report.table())
    if args.ids:
        for qid, kinds in sorted(report.flipped_ids.items()):
            print(f"- {qid}: {', '.join(kinds)}")


if __name__ == "__main__":
    main()
