"""Fact coverage: of the amounts a report prints (decimals and thousands-separated numbers, with or without a unit),
the share that some fact of that report holds — a blind measure of extraction, read from an index without
reading any question.

A printed number counts as held when a fact of its report has that value (its absolute value, or it times or over
10 000 for 元 and 万元, or times 100 for a rate). Dates (2024.6.21), codes and scores printed as decimals count as
misses too, so no report reaches 100%; the measure is for comparing code on one index build against another, and
reports against each other (a template whose rows extraction loses stands out).

    python benchmarks/fact_coverage.py INDEX [SOURCE_SUBSTRING …] [--misses N]

Prints a Markdown table (one row per report, worst first, then the total) and, with `--misses N`, up to N missed
numbers per report with the words around them. Asserts nothing.
"""
from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from qa.ingest.document import load_document  # noqa: E402
from qa.store.index import open_index  # noqa: E402

#: a printed amount: thousands-separated (1,228.72 / 371,514,655.00) or with decimals (8.34)
_NUMBER = re.compile(r"(?<![\d.])(\d{1,3}(?:[,，]\s?\d{3})+(?:\.\d+)?|\d+\.\d+)")


def held_values(facts) -> set[float]:
    out: set[float] = set()
    for f in facts:
        v = abs(f.value)
        out.update(round(x, 2) for x in (v, v * 10000, v / 10000, v * 100))
    return out


def coverage(path: Path, held: set[float]) -> tuple[int, int, list[str]]:
    """(held, printed, the missed numbers with the words around them) of one report file."""
    doc = load_document(path)
    printed = covered = 0
    missed: list[str] = []
    for page in doc.pages:
        for m in _NUMBER.finditer(page.text):
            value = float(re.sub(r"[,，\s]", "", m.group(1)))
            if value == 0:
                continue
            printed += 1
            if round(value, 2) in held:
                covered += 1
            else:
                around = page.text[max(0, m.start() - 24):m.end() + 8].replace("\n", "⏎")
                missed.append(f"p{page.number or 1} {m.group(1)} | {around}")
    return covered, printed, missed


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("index")
    ap.add_argument("only", nargs="*", help="report file names holding one of these substrings (default: all)")
    ap.add_argument("--misses", type=int, default=0)
    args = ap.parse_args()
    index = open_index(args.index)
    rows = []
    for doc_id, d in index.documents_by_id.items():
        if args.only and not any(o in d["source"] for o in args.only):
            continue
        covered, printed, missed = coverage(Path(d["path"]), held_values(index.facts([doc_id])))
        rows.append((covered / max(printed, 1), d["source"], covered, printed, missed))
    rows.sort()
    print("| report | held / printed | share |\n|---|---|---|")
    for share, source, covered, printed, _ in rows:
        print(f"| {source} | {covered}/{printed} | {share:.1%} |")
    total = [sum(r[2] for r in rows), sum(r[3] for r in rows)]
    print(f"| **all ({len(rows)})** | {total[0]}/{total[1]} | {total[0] / max(total[1], 1):.1%} |")
    for _, source, _, _, missed in rows:
        for line in missed[: args.misses]:
            print(f"{source} {line}")


if __name__ == "__main__":
    main()
