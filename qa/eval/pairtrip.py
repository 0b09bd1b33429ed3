"""Pair round trip: questions asking two figures of a report at once, or one figure computed from two, generated
from its own facts with their answers — the round trip (qa/eval/roundtrip.py) for questions asked in parts and
for derived measures, in users' words.

Operations and their phrasings (`PLANS`):
- `row`: one row, two of its columns — 行政运行的基本支出和项目支出分别是多少 (`and`), 行政运行基本支出多少，项目支出多少
  (`comma`);
- `col`: two rows, one column — 行政运行和机关服务的决算数各是多少 (`and`), 行政运行、机关服务决算数分别多少 (`list`);
- `two`: any two facts — A是多少？B是多少？ (`qq`), A和B各是多少 (`and`);
- `exec`: 执行率 of an item printing its 决算数 and 年初预算数 (the rate computed here) — 预算执行率是多少 (`rate`),
  完成了年初预算的百分之几 (`pct`), 花掉了年初预算的多少 (`spent`);
- `gap`: 决算数 less 年初预算数 — 实际支出比年初预算多了多少 (`more`), 决算和年初预算差了多少 (`gap`).

Only facts a question can name without ambiguity are used (`roundtrip.askable_facts`), a few per report and
operation, drawn with a seed from the report's label. `benchmarks/pair_questions.py` asks them.
"""
from __future__ import annotations

import random
from collections import defaultdict
from dataclasses import dataclass
from typing import Any, Sequence

from ..lexicon.formula_table import formulas
from ..models import Fact
from .generated import GeneratedQuestion
from .gold import GoldItem, GoldValue
from .roundtrip import ReportFacts, askable_facts, full_name, printed_decimals, short_name, topic_of

#: operation -> its phrasings
PLANS = {"row": ("and", "comma"), "col": ("and", "list"), "two": ("qq", "and"), "exec": ("rate", "pct", "spent"),
         "gap": ("more", "gap")}
#: pairs drawn per report and operation
PER_REPORT = 4
#: the decimals a computed rate is scored at (a report printing 126.3% states the rate computed as 126.31%)
RATE_DECIMALS = 1
_AMOUNT = ("万元", "元")


@dataclass(frozen=True)
class PairQuestion(GeneratedQuestion):
    """One generated pair question: `facts` = the facts it names or computes from."""

    facts: tuple[Fact, ...] = ()

    def gold(self) -> GoldItem:
        return self.as_gold("rate_or_change" if self.op in ("exec", "gap") else "lookup_table")

    def to_dict(self) -> dict[str, Any]:
        return {**super().to_dict(), "facts": [f"{f.subject} {f.measure} {f.value}" for f in self.facts]}


def _value(f: Fact) -> GoldValue:
    return GoldValue(value=float(f.value), unit=f.unit, decimals=printed_decimals(f))


def plan_pairs(report: ReportFacts, per_report: int = PER_REPORT, seed: int = 0) -> list[PairQuestion]:
    """The report's pair questions, in the order of `PLANS`."""
    ident = report.identity
    who = full_name(ident)
    short = short_name(ident) or who
    year = f"{ident.year}年" if ident.year else ""
    rng = random.Random(f"{seed}:{report.label}")
    kept, _ = askable_facts(report.facts)
    # (a table's total row, 合计, is no name a question asks a figure of)
    kept = [f for f in kept if f.subject not in (ident.department, who, *formulas().row_columns) and f.value
            and len(f.subject) >= 2]
    out: list[PairQuestion] = []

    def ask(op: str, phrasing: str, question: str, answers: Sequence[GoldValue], facts: Sequence[Fact]) -> None:
        out.append(PairQuestion(id=f"{report.label}#{len(out)}:{op}:{phrasing}", report=report.label, op=op,
                                phrasing=phrasing, question=question, answers=tuple(answers), sources=report.sources,
                                facts=tuple(facts)))

    for a, b in _drawn(_grouped(kept, lambda f: (f.table, f.subject), "measure"), rng, per_report):
        ask("row", "and", f"{who}{year}{a.subject}的{a.measure}和{b.measure}分别是多少？", (_value(a), _value(b)), (a, b))
        ask("row", "comma", f"{short}{year}{a.subject}{a.measure}多少，{b.measure}多少？", (_value(a), _value(b)), (a, b))
    for a, b in _drawn(_grouped(kept, lambda f: (f.table, f.measure), "subject"), rng, per_report):
        if a.subject in b.subject or b.subject in a.subject:
            continue
        ask("col", "and", f"{who}{year}{a.subject}和{b.subject}的{a.measure}各是多少？", (_value(a), _value(b)), (a, b))
        ask("col", "list", f"{short}{year}{a.subject}、{b.subject}{a.measure}分别多少？", (_value(a), _value(b)), (a, b))
    said = [f for f in kept if not f.table] or kept
    drawn: set[frozenset[int]] = set()
    for _ in range(per_report if len(said) >= 2 else 0):
        a, b = rng.sample(said, 2)
        if a.value == b.value or a.subject == b.subject or {id(a), id(b)} in drawn:
            continue
        drawn.add(frozenset((id(a), id(b))))
        ta, tb = topic_of(a.subject, a.measure or ""), topic_of(b.subject, b.measure or "")
        ask("two", "qq", f"{who}{year}{ta}是多少？{tb}是多少？", (_value(a), _value(b)), (a, b))
        ask("two", "and", f"{short}{year}{ta}和{tb}各是多少？", (_value(a), _value(b)), (a, b))
    for spent, budget in _spent_and_budget(kept)[:per_report]:
        s = spent.subject
        rate = (GoldValue(value=round(100 * spent.value / budget.value, 2), unit="%", decimals=RATE_DECIMALS),)
        ask("exec", "rate", f"{who}{year}{s}的预算执行率是多少？", rate, (spent, budget))
        ask("exec", "pct", f"{who}{year}{s}完成了年初预算的百分之几？", rate, (spent, budget))
        ask("exec", "spent", f"{short}{year}{s}花掉了年初预算的多少？", rate, (spent, budget))
        decimals = max(printed_decimals(spent), printed_decimals(budget))
        gap = (GoldValue(value=round(abs(spent.value - budget.value), decimals), unit=spent.unit, decimals=decimals),)
        more = "多" if spent.value > budget.value else "少"
        ask("gap", "more", f"{who}{year}{s}实际支出比年初预算{more}了多少？", gap, (spent, budget))
        ask("gap", "gap", f"{short}{year}{s}决算和年初预算差了多少？", gap, (spent, budget))
    return out


def _grouped(facts: Sequence[Fact], key, differing: str) -> list[list[Fact]]:
    """Table facts grouped by `key`, the groups holding two or more values of `differing` (measure or subject)."""
    groups: dict[Any, list[Fact]] = defaultdict(list)
    for f in facts:
        if f.table and f.measure:
            groups[key(f)].append(f)
    return [g for g in groups.values() if len({getattr(f, differing) for f in g}) >= 2]


def _drawn(groups: list[list[Fact]], rng: random.Random, n: int) -> list[tuple[Fact, Fact]]:
    """Up to n pairs, one from each of n groups drawn; a pair of equal values is left out (either would answer)."""
    groups = list(groups)
    rng.shuffle(groups)
    pairs = [tuple(rng.sample(g, 2)) for g in groups[:n]]
    return [(a, b) for a, b in pairs if a.value != b.value]


def _spent_and_budget(facts: Sequence[Fact]) -> list[tuple[Fact, Fact]]:
    """(决算数, 年初预算数) of each item printing both in one unit, the two differing, in the report's order."""
    by: dict[str, dict[str, Fact]] = defaultdict(dict)
    for f in facts:
        if f.measure in ("决算数", "年初预算数") and f.unit in _AMOUNT and f.value > 0:
            by[f.subject][f.measure] = f
    return [(d["决算数"], d["年初预算数"]) for s, d in by.items() if len(d) == 2 and len(s) >= 3
            and d["决算数"].unit == d["年初预算数"].unit and d["决算数"].value != d["年初预算数"].value]
