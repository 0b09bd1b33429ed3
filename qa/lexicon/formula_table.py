"""The formula table (data/formulas.json) and the operation words (data/operations.json), typed and read once.

A derived measure is a measure the report does not print but that follows from figures it does print:
执行率 = 决算数 ÷ 年初预算数, 增减额 = 本年 − 上年, 占比 = part ÷ the total the table names for it, …
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from . import load_json, terms
from .measure_cues import cues
from ..text.chars import longest_first


@dataclass(frozen=True)
class Reading:
    """One way to compute a formula: `a` and `b` are the fact measures read (numerator / minuend / current
    and denominator / subtrahend / previous), in preference order; `label` says which way it is."""

    label: str
    a: tuple[str, ...] = ()
    b: tuple[str, ...] = ()
    #: the basis a question must name for this reading (比年初预算): it is then the only reading stated
    asked: tuple[str, ...] = ()
    #: words that ask this reading when the question names no basis and no reading needing none applies
    #: (行政运行少花了多少 in a final account that prints no 上年数: spent against the budget)
    otherwise: tuple[str, ...] = ()


@dataclass(frozen=True)
class Formula:
    """A derived measure (measure = 执行率 / 增减额 / 增减率 / 占比 / 差额 / 合计). op = ratio / diff /
    change_rate / share / sum; unit = % or None (the inputs' unit); cues = how a question asks for it."""

    name: str
    op: str
    unit: str | None
    cues: tuple[str, ...]
    readings: tuple[Reading, ...]
    also_cues: tuple[str, ...] = ()  # words asking another measure that this one answers too (增长了多少: its rate)

    def basis_readings(self, question: str) -> tuple[Reading, ...]:
        """The readings whose basis the question names (比年初预算), or whose two sides it names by their measures'
        words (年初预算 决算 差额: the reading's own basis, the first of its `b`, and one of its `a`); () when none."""
        named = named_measures(question)
        found = tuple(r for r in self.readings if r.asked and any(w in question for w in r.asked)
                      or r.a and r.b and r.b[0] in named and named & set(r.a))
        # (调整预算比年初预算: the reading whose two sides it names, not every one measured against 年初预算)
        both = tuple(r for r in found if r.a and r.b and r.b[0] in named and named & set(r.a))
        return both or found

    def readings_for(self, question: str) -> tuple[Reading, ...]:
        """The readings that apply to a question: those whose basis it names, else every reading needing none."""
        return self.basis_readings(question) or tuple(r for r in self.readings if not r.asked)

    def otherwise_readings(self, question: str) -> tuple[Reading, ...]:
        """The readings a question asks by their `otherwise` words, when it names no basis (少花了多少)."""
        if self.basis_readings(question) or _year_compared().search(question):
            return ()  # (比上年少花了多少: the basis is named)
        return tuple(r for r in self.readings if any(w in question for w in r.otherwise))


@lru_cache(maxsize=1)
def _year_compared() -> re.Pattern[str]:
    """A year a question compares with (比上年, 较2024年: cues.json basis_years after a word of comparing)."""
    return re.compile(rf"[比较与同跟和](?:{cues().basis_years.pattern})")


def named_measures(question: str) -> set[str]:
    """The measures a question names by their words (terms.json measures' aliases, bare_measures), a longer word
    claiming its characters first (年初预算 is 年初预算数, not also 预算数)."""
    claimed = [False] * len(question)
    found: set[str] = set()
    for word, measure in _measure_words():
        start = question.find(word)
        while start >= 0:
            end = start + len(word)
            if not any(claimed[start:end]):
                claimed[start:end] = [True] * len(word)
                found.add(measure)
            start = question.find(word, end)
    return found


@lru_cache(maxsize=1)
def _measure_words() -> tuple[tuple[str, str], ...]:
    vocab = terms()
    pairs = {a: name for name, m in vocab["measures"].items() for a in m["aliases"]}
    pairs.update({w: m for w, m in vocab["bare_measures"].items() if w not in pairs})
    return tuple(sorted(pairs.items(), key=lambda p: longest_first(p[0])))


@dataclass(frozen=True)
class TotalRule:
    """The totals a share of a part is taken of: parts by name, or 科目 by the length of their 科目编码."""

    total: tuple[str, ...]
    parts: tuple[str, ...] = ()
    code_length: tuple[int, ...] = ()


@dataclass(frozen=True)
class FormulaTable:
    formulas: dict[str, Formula]
    totals: tuple[TotalRule, ...]
    share_default_total: tuple[str, ...]
    amount_measures: tuple[str, ...]
    code_groups: dict[str, tuple[str, ...]]  # 公用经费 -> (302, 310): an item that is a set of 经济分类 codes
    row_columns: tuple[str, ...]  # a table's total column, in preference order
    class_codes: dict[str, str]  # 类 科目编码 -> name (national 支出功能分类)
    economic_codes: dict[str, str]  # 款 科目编码 -> name (national 支出经济分类)
    #: of the per-head formula (op per): the count word after 每 -> the count units answering it, best first
    per_counts: dict[str, tuple[str, ...]]
    per_words: dict[str, str]  # a word naming its count itself (人均 -> 人)
    #: a basis amount -> the words before a change measured against it (年初预算数: 比年初预算)
    basis_of_change: dict[str, str]
    former_class_names: dict[str, str] = field(default_factory=dict)  # a 类's name of earlier years -> its code

    def class_code(self, name: str) -> str | None:
        """The 类 code a name gives, today's or an earlier year's (文化体育与传媒支出: 207)."""
        return next((c for c, n in self.class_codes.items() if n == name), None) or self.former_class_names.get(name)

    def totals_for(self, part: str, code: str | None = None) -> tuple[str, ...]:
        """The totals a share of `part` (科目编码 `code`) is taken of, best first; the report's total
        expenditure when the table names none."""
        for rule in self.totals:
            if part in rule.parts or (code and code.isdigit() and len(code) in rule.code_length):
                return rule.total
        return self.share_default_total


def _said_without_le(cues: list[str] | tuple[str, ...]) -> tuple[str, ...]:
    """The cues, each also as said without its 了 (降了多少 -> 降多少, 下降了百分之 -> 下降百分之): people drop it."""
    out = dict.fromkeys(cues)
    out.update(dict.fromkeys(c.replace("了", "") for c in cues if "了" in c and len(c.replace("了", "")) >= 3))
    return tuple(out)


@lru_cache(maxsize=1)
def formulas() -> FormulaTable:
    """The formula table (data/formulas.json)."""
    d = load_json("formulas.json")
    return FormulaTable(
        formulas={
            name: Formula(name, f["op"], f.get("unit"), _said_without_le(f["cues"]),
                          tuple(Reading(r["label"], tuple(r.get("a", ())), tuple(r.get("b", ())), tuple(r.get("asked", ())),
                                          tuple(r.get("otherwise", ())))
                                for r in f["readings"]),
                          _said_without_le(f.get("also_cues", ())))
            for name, f in d["formulas"].items()
        },
        totals=tuple(TotalRule(tuple(t["total"]), tuple(t.get("parts", ())), tuple(t.get("code_length", ())))
                     for t in d["totals"]),
        share_default_total=tuple(d["share_default_total"]),
        amount_measures=tuple(d["amount_measures"]),
        code_groups={k: tuple(v) for k, v in d["code_groups"].items()},
        row_columns=tuple(d["row_columns"]),
        class_codes=dict(d["class_codes"]),
        former_class_names=dict(d.get("former_class_names", {})),
        economic_codes=dict(d["economic_codes"]),
        per_counts={w: tuple(units) for f in d["formulas"].values() for w, units in f.get("per", {}).items()},
        per_words={w: c for f in d["formulas"].values() for w, c in f.get("per_words", {}).items()},
        basis_of_change=dict(d["basis_of_change"]),
    )


def operation_words() -> dict[str, Any]:
    """The operation words of questions (data/operations.json)."""
    return load_json("operations.json")


@lru_cache(maxsize=1)
def operation_terms() -> tuple[str, ...]:
    """The words of a question that say what to do with figures, not which figure: operation kinds,
    functions and directions, the formula cues, fillers and the words for several reports; longest first."""
    w = operation_words()
    words = [x for group in ("kinds", "functions", "directions") for ws in w[group].values() for x in ws]
    words += [c for f in formulas().formulas.values() for c in f.cues] + w["fillers"] + w["over_reports"]
    return tuple(sorted(set(words), key=longest_first))
