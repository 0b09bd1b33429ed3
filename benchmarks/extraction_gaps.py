"""Extraction gaps, counted blind: what a report prints that no question can reach, read from an index without
reading any question, so that reports nobody may tune on (a held-out half) can be measured by counts alone.

- silent rows: table rows (subject of one table) whose figures all carry no measure;
- table figures missed: figures with decimals or thousands separators in a table's data rows that no fact of the
  rows' pages holds (as such, or times or over 10 000 for 元 and 万元);
- narrative amounts / counts missed: a figure with 万元/元/亿元/% (amounts) or a count unit (counts) in a text chunk
  that no fact of the report holds.

    python benchmarks/extraction_gaps.py INDEX [--group NAME=SUBSTRING,SUBSTRING …] [--blind NAME] [--misses N]

Prints a Markdown table per group (one row per report, then the group's totals). `--group` puts the reports whose
file name holds one of the substrings in a group (repeatable; reports in no group form `other`). A group named with
`--blind` is reported by totals only: no report name, no missed figure (a held-out half). `--misses N` prints up to
N missed table and narrative figures per report of the other groups, with the words around them. Asserts nothing.
"""
from __future__ import annotations

import argparse
import re
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from qa.ingest.document import load_document  # noqa: E402
from qa.store.index import open_index  # noqa: E402
from qa.text.numbers import find_numbers  # noqa: E402

_AMOUNT = re.compile(r"(\d[\d,，]*(?:\.\d+)?)\s*(万元|亿元|元|%)")
_COUNT = re.compile(r"(\d[\d,，]*(?:\.\d+)?)\s*(人次|批次|家次|人|辆|个|家|项|次|台|件|户|名|场|条)")


@dataclass
class Gaps:
    rows: int = 0
    silent: int = 0
    table_figures: int = 0
    table_missed: int = 0
    amounts: int = 0
    amounts_missed: int = 0
    counts: int = 0
    counts_missed: int = 0
    missed: list[str] = field(default_factory=list)

    def add(self, other: "Gaps") -> None:
        for name in ("rows", "silent", "table_figures", "table_missed", "amounts", "amounts_missed", "counts",
                     "counts_missed"):
            setattr(self, name, getattr(self, name) + getattr(other, name))


def _values(facts) -> set[float]:
    out: set[float] = set()
    for f in facts:
        v = abs(f.value)
        out.update(round(x, 2) for x in (v, v * 10000, v / 10000, v * 100, v / 100))
    return out


def report_gaps(index, doc_id: str, path: Path) -> Gaps:
    g = Gaps()
    facts = index.facts([doc_id])
    by_row: dict[tuple[str, str], list] = defaultdict(list)
    on_page: dict[int | None, set[float]] = defaultdict(set)
    for f in facts:
        if f.table:
            by_row[f.table, f.subject].append(f)
            on_page[f.page].update(_values([f]))
    g.rows = len(by_row)
    g.silent = sum(1 for fs in by_row.values() if all(not f.measure for f in fs))
    for page in load_document(path).pages:
        for table in page.tables:
            held = set().union(*(on_page.get(p, set()) for p in {*(table.row_pages or ()), page.number}))
            for row in table.rows[table.header_rows:]:
                for cell in row:
                    for n in find_numbers(cell):
                        if n.kind in ("year", "code", "ordinal") or n.value is None or not re.search(r"[.,]", n.text):
                            continue
                        g.table_figures += 1
                        if round(abs(n.value), 2) not in held:
                            g.table_missed += 1
                            g.missed.append(f"table p{page.number} {n.text} | {' '.join(c for c in row if c)[:80]}")
    held = _values(facts)
    seen: set[tuple[str, str]] = set()
    for chunk in index.chunks(list(index.rows_of([doc_id]))):
        if chunk.kind != "text":
            continue
        for pattern, kind in ((_AMOUNT, "amounts"), (_COUNT, "counts")):
            for m in pattern.finditer(chunk.text):
                key = (m.group(0), chunk.text[max(0, m.start() - 12):m.start()])
                if key in seen:
                    continue
                seen.add(key)
                value = float(re.sub(r"[,，]", "", m.group(1)) or 0) * (10000 if m.group(2) == "亿元" else 1)
                setattr(g, kind, getattr(g, kind) + 1)
                if round(value, 2) not in held:
                    setattr(g, f"{kind}_missed", getattr(g, f"{kind}_missed") + 1)
                    around = chunk.text[max(0, m.start() - 30):m.end() + 6].replace("\n", " ")
                    g.missed.append(f"text p{chunk.page} {m.group(0)} | {around}")
    return g


def _share(part: int, whole: int) -> str:
    return f"{part}/{whole} ({part / max(whole, 1):.1%})"


def _line(name: str, g: Gaps) -> str:
    return (f"| {name} | {_share(g.silent, g.rows)} | {_share(g.table_missed, g.table_figures)} | "
            f"{_share(g.amounts_missed, g.amounts)} | {_share(g.counts_missed, g.counts)} |")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("index")
    ap.add_argument("--group", action="append", default=[], help="NAME=SUBSTRING,SUBSTRING …")
    ap.add_argument("--blind", action="append", default=[], help="a group reported by totals only")
    ap.add_argument("--misses", type=int, default=0)
    args = ap.parse_args()
    groups = {}
    for spec in args.group:
        name, _, subs = spec.partition("=")
        groups[name] = [s for s in subs.split(",") if s]
    index = open_index(args.index)
    found: dict[str, list[tuple[str, Gaps]]] = defaultdict(list)
    for doc_id, d in sorted(index.documents_by_id.items(), key=lambda kv: kv[1]["source"]):
        group = next((n for n, subs in groups.items() if any(s in d["source"] for s in subs)), "other")
        found[group].append((d["source"], report_gaps(index, doc_id, Path(d["path"]))))
    for group in [*groups, "other"]:  # (in the order the groups were given, then the rest)
        reports = found.get(group, [])
        if not reports:
            continue
        blind = group in args.blind
        print(f"\n### {group}{' (totals only)' if blind else ''}\n")
        print("| report | silent rows | table figures missed | narrative amounts missed | narrative counts missed |")
        print("|---|---|---|---|---|")
        total = Gaps()
        for source, g in reports:
            total.add(g)
            if not blind:
                print(_line(source, g))
        print(_line(f"**all ({len(reports)})**", total))
        if not blind and args.misses:
            for source, g in reports:
                for line in g.missed[: args.misses]:
                    print(f"{source} {line}")


if __name__ == "__main__":
    main()
