"""Narrative fact yield: of the narrative sentences that print a number with a unit (an amount in 元/万元/亿元, a
rate in %, a count in 人/辆/批次/人次/个/项/台/套 …), how many give at least one narrative fact.

Two counts per report: all such sentences, and those that state a figure — at least one figure not printed as a
target or score (after ≥ ≤ ＜ ＞ = ＝, 不低于/不超过/以上…, or in a clause with 得分/得满分/扣…分): the residue of
performance-target tables (`产出指标数量指标≥25个`) prints figures that are targets, not facts.

    python benchmarks/narrative_yield.py                          # the 10 reports of devset/a
    python benchmarks/narrative_yield.py FILE [FILE …] [--json out.json] [--cache DIR] [--misses N]

Reports are read with qa's loader (`qa.ingest.document.load_document`); `--cache DIR` keeps the loaded Documents
as pickles so a second run skips PDF parsing. Prints a Markdown table (one row per report, then the total) and,
with `--misses N`, up to N sentences per report that print a figure but give no fact. Asserts nothing.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import pickle
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from qa.facts.labels import AMOUNT_UNITS, COUNT_MEASURES  # noqa: E402
from qa.facts.narrative import narrative_facts  # noqa: E402
from qa.facts.sentences import page_sentences  # noqa: E402
from qa.ingest.document import load_document  # noqa: E402
from qa.models import Document  # noqa: E402
from qa.text.chars import squash  # noqa: E402
from qa.text.numbers import find_numbers  # noqa: E402

DEV = ROOT.parent / "shared" / "corpus" / "dev"
UNITS = set(AMOUNT_UNITS) | {"%"} | set(COUNT_MEASURES)


def half_a_reports() -> list[Path]:
    """The report files devset/a's questions name (the tables file of a report in two parts included)."""
    names: set[str] = set()
    for f in sorted((ROOT / "devset" / "a").glob("*.jsonl")):
        for line in f.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            doc = json.loads(line).get("doc")
            for d in doc if isinstance(doc, list) else [doc]:
                if d:
                    names.add(d)
    paths = sorted(DEV / n for n in names)
    for p in list(paths):  # a report published as narrative + tables: its other file
        other = DEV / p.name.replace("-20", "-tables-20", 1)
        if "-tables-" not in p.name and other.exists() and other not in paths:
            paths.append(other)
    return sorted(paths)


def load(path: Path, cache: Path | None) -> Document:
    if cache is None:
        return load_document(path)
    key = hashlib.sha256(path.read_bytes()).hexdigest()[:16]
    pk = cache / f"{path.stem}-{key}.pkl"
    if pk.exists():
        return pickle.loads(pk.read_bytes())
    doc = load_document(path)
    cache.mkdir(parents=True, exist_ok=True)
    pk.write_bytes(pickle.dumps(doc))
    return doc


TARGET_BEFORE = re.compile(r"(?:[≥≤≧≦<>＞＜=＝]|不低于|不高于|不少于|不超过|以上|以下|超过|低于|高于|大于|小于|不足|不到)\s*$")
SCORE_CLAUSE = re.compile(r"得满分|不得分|得\d+(?:\.\d+)?分|扣\d+(?:\.\d+)?分|得分")


def figures(text: str) -> list:
    """Numbers printed with a unit of amount, rate or count (years, codes and ordinals aside)."""
    return [n for n in find_numbers(text) if n.unit in UNITS and n.kind in ("amount", "percent", "count")]


def states_figure(text: str) -> bool:
    """At least one figure that is not a target or a score (see the module docstring)."""
    for n in figures(text):
        clause = re.split(r"[，,；;。]", text[n.end:], maxsplit=1)[0]
        head = re.split(r"[，,；;。]", text[:n.start])[-1]
        if not TARGET_BEFORE.search(text[:n.start]) and not SCORE_CLAUSE.search(head + n.text + clause):
            return True
    return False


def report_yield(doc: Document) -> dict:
    """Sentences with a figure and with a stated figure, how many of each give ≥1 fact, and the stated ones giving none."""
    facts = narrative_facts(doc)
    quoted: dict[int | None, list[str]] = {}
    for f in facts:
        quoted.setdefault(f.page, []).append(squash(f.quote))
    out = {"sentences": 0, "with_fact": 0, "stated": 0, "stated_with_fact": 0, "misses": []}
    for page in doc.pages:
        for sent in page_sentences(page, doc):
            if not figures(sent.text):
                continue
            q = squash(sent.quote)
            hit = any(q in fq for fq in quoted.get(sent.page, ()))
            stated = states_figure(sent.text)
            out["sentences"] += 1
            out["with_fact"] += hit
            out["stated"] += stated
            out["stated_with_fact"] += hit and stated
            if stated and not hit:
                out["misses"].append(sent.text)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("files", nargs="*", type=Path)
    ap.add_argument("--json", type=Path)
    ap.add_argument("--cache", type=Path)
    ap.add_argument("--misses", type=int, default=0)
    args = ap.parse_args(argv)
    rows = []
    for path in args.files or half_a_reports():
        print(f"reading {path.name}", file=sys.stderr)
        rows.append({"report": path.name, **report_yield(load(path, args.cache))})
    print("| report | sentences with a figure | giving ≥1 fact | share | stating a figure | giving ≥1 fact | share |")
    print("|---|---|---|---|---|---|---|")
    for r in rows + [{"report": "**total**", **{k: sum(x[k] for x in rows) for k in ("sentences", "with_fact", "stated",
                                                                                      "stated_with_fact")}}]:
        a = r["with_fact"] / r["sentences"] if r["sentences"] else 0.0
        b = r["stated_with_fact"] / r["stated"] if r["stated"] else 0.0
        print(f"| {r['report']} | {r['sentences']} | {r['with_fact']} | {a:.1%} | {r['stated']} | {r['stated_with_fact']} | {b:.1%} |")
    if args.misses:
        for r in rows:  # sentences stating a figure that give no fact
            for s in r["misses"][: args.misses]:
                print(f"- {r['report']}: {s[:160]}")
    if args.json:
        args.json.write_text(json.dumps(rows, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
