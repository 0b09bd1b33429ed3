"""A rate asked to more decimals than the report prints it (`完成年初预算的比例是多少（保留两位小数）`: the report
prints 103.6%): the rate computed from the figures its own sentence or row states (2031.52 ÷ 1961.18 = 103.59%),
stated beside the printed one with its formula."""
from __future__ import annotations

import re
from dataclasses import replace
from typing import Callable, Sequence

from ..models import Answer, Fact, Figure
from ..store.index import Index
from ..text.numbers import format_value
from .derived import Derived, rate_from_change, ratio
from .match import Statement
from .statements import _citations, _report_name, statements_text

#: the figures a printed rate is of, by its measure: (numerators, denominators), best first
_INPUTS = {
    "执行率": (("决算数", "执行数"), ("年初预算数", "全年预算数", "预算数", "调整预算数")),
    "完成预算率": (("决算数", "执行数"), ("全年预算数", "年初预算数", "预算数", "调整预算数")),
}
#: the measures of an item's own amount this year, which its change is from
_THIS_YEAR = ("决算数", "预算数", "执行数", "合计")
#: how far a computed rate may stand from the printed one it refines, in units of the printed last decimal
#: (its rounding, and a little for the rounding of its inputs)
ROUNDING = 0.51


def printed_decimals(value: float) -> int:
    text = f"{value:.6f}".rstrip("0")
    return len(text.split(".")[1]) if "." in text else 0


def finer_rates(found: Sequence[Statement], facts: Sequence[Fact], decimals: int | None) -> list[Statement]:
    """For each printed rate of `found` with fewer decimals than asked, the same rate computed from the figures
    printed with it (same sentence or row), when they give it back at the printed precision."""
    if not decimals:
        return []
    out: list[Statement] = []
    for s in found:
        if s.unit != "%" or s.formula or not s.facts or printed_decimals(s.value) >= decimals:
            continue
        beside = _beside(s, facts)
        tolerance = ROUNDING * 10 ** -printed_decimals(s.value)
        got = None
        if s.measure == "增减率":
            change = next((f for f in beside if f.measure == "增减额"), None)
            # this year's amount: printed with the change, else any of the item's amounts (the printed rate, given
            # back at its own precision, tells the right one)
            amount = next((f for f in beside if f.measure not in ("增减额", "增减率") and f.unit != "%"), None)
            if change and amount:
                got = rate_from_change(amount, change)
            elif change:
                rates = [r for f in facts if f.subject == s.subject and f.measure in _THIS_YEAR
                         and (r := rate_from_change(f, change))]
                got = next((r for r in rates if abs(r.value - s.value) <= tolerance), None)
            if got is not None and s.value < 0 < got.value:
                got = None  # (a fall printed as a negative rate: the change's sign is the sentence's word)
        elif s.measure in _INPUTS:
            got = _nearest_ratio(s, beside)
        if got is None or abs(abs(got.value) - abs(s.value)) > tolerance:
            continue
        value = round(got.value, decimals)
        if abs(value - s.value) < 10 ** -(decimals + 1):
            continue  # the printed rate says as much already
        out.append(Statement(s.doc_id, s.subject, s.measure, value, "%", got.inputs,
                             formula=re.sub(r"= [-\d.]+%$", f"= {value}%", got.formula)))
    return out


def _nearest_ratio(s: Statement, beside: Sequence[Fact]) -> Derived | None:
    """The printed rate computed again from the figures printed with it, by the pair of them that comes nearest."""
    tops, bottoms = _INPUTS[s.measure]
    pairs = [(a, b) for a in beside if a.measure in tops for b in beside if b.measure in bottoms]
    candidates = [r for a, b in pairs if (r := ratio(s.measure, f"{a.measure}÷{b.measure}", a, b))]
    return min(candidates, key=lambda r: abs(r.value - s.value), default=None)


def _beside(s: Statement, facts: Sequence[Fact]) -> list[Fact]:
    """The other figures of the sentence or row a statement's figure is printed in."""
    return [f for f in facts if f.subject == s.subject and f.quote == s.facts[0].quote and f is not s.facts[0]]


def unequal_rates(found: Sequence[Statement], facts: Sequence[Fact]) -> list[Statement]:
    """Each printed 执行率 of `found` that the figures printed with it do not give back: the rate they give, which
    the report states otherwise (年初预算为274.82万元，支出决算为245.53万元，完成年初预算的93.57%)."""
    out: list[Statement] = []
    for s in found:
        if s.unit != "%" or s.formula or not s.facts or s.measure not in _INPUTS:
            continue
        got = _nearest_ratio(s, _beside(s, facts))
        if got is None or abs(got.value - s.value) <= ROUNDING * 10 ** -printed_decimals(s.value):
            continue
        out.append(Statement(s.doc_id, s.subject, s.measure, got.value, "%", got.inputs, formula=got.formula))
    return out


def with_rate_checks(a: Answer, doc_ids: Sequence[str], index: Index) -> Answer:
    """The answer with each printed 执行率 it states that its own inputs do not give back computed from them, on a
    line of its own that says the report's figures disagree (see unequal_rates)."""
    printed = [f for f in a.figures if f.unit == "%" and not f.formula] if a.found else []
    return _with_recomputed(a, printed, doc_ids, index, unequal_rates,
                            lambda said: f"按报告所列数计算，{said}（与报告所载不一致）")


#: the decimals a rate asked in no precision is also computed to, when the report prints it with fewer (126.3%:
#: 995.33 ÷ 788 = 126.31%), as readers who work it out themselves state it
RATE_DECIMALS = 2


def with_precision(a: Answer, decimals: int | None, doc_ids: Sequence[str], index: Index, *,
                   rate_asked: bool = False) -> Answer:
    """The answer with each printed rate it states computed again to the decimals asked (see finer_rates), on a
    line of its own with its formula and citations; unchanged when none is asked or none can be. A rate asked
    (`rate_asked`) in no precision is computed again to RATE_DECIMALS."""
    if not a.found or not decimals and not (rate_asked and _few_figures(a)):
        return a
    asked = decimals or RATE_DECIMALS
    printed = [f for f in a.figures if f.unit == "%" and not f.formula and printed_decimals(f.value) < asked]
    a = _with_recomputed(a, printed, doc_ids, index, lambda found, facts: finer_rates(found, facts, asked),
                         lambda said: f"{said}（保留{decimals}位小数）" if decimals else f"按所列数计算：{said}")
    return _from_stated_inputs(a, asked) if not decimals else a


#: the most figures an answer may state for a rate asked in no precision to be given at RATE_DECIMALS too (more,
#: and the finer figures bury the ones asked)
FEW_FIGURES = 4


def _few_figures(a: Answer) -> bool:
    """Whether the answer states a few figures, of one report."""
    return len(a.figures) <= FEW_FIGURES and len({c.source for c in a.citations}) <= 1


def _from_stated_inputs(a: Answer, decimals: int) -> Answer:
    """The answer with each printed 执行率 it states to fewer decimals computed again from the two amounts of the
    same item it also states (城乡医疗救助决算数 995.33 ÷ 年初预算数 788 = 126.31%), when they give it back at the
    printed precision and the answer states no such figure yet."""
    lines, added = [], []
    known = {round(f.value, decimals) for f in a.figures if f.unit == "%"}
    amounts = {f.label: f for f in a.figures if f.unit and f.unit != "%" and not f.formula}
    for f in a.figures:
        measure = next((m for m in _INPUTS if f.label.endswith(m)), None)
        if f.unit != "%" or f.formula or measure is None or printed_decimals(f.value) >= decimals:
            continue
        item = f.label[: -len(measure)]
        tops, bottoms = _INPUTS[measure]
        top = next((amounts[item + m] for m in tops if item + m in amounts), None)
        bottom = next((amounts[item + m] for m in bottoms if item + m in amounts), None)
        if top is None or bottom is None or top.unit != bottom.unit or bottom.value <= 0:
            continue
        value = round(100 * top.value / bottom.value, decimals)
        if abs(value - f.value) > ROUNDING * 10 ** -printed_decimals(f.value) or value in known:
            continue
        known.add(value)
        formula = f"{format_value(top.value)} ÷ {format_value(bottom.value)} = {format_value(value)}%"
        lines.append(f"按所列数计算：{f.label}{format_value(value)}%（计算：{formula}）。")
        added.append(Figure(value, "%", f.label, formula))
    if not lines:
        return a
    return replace(a, text="\n".join([a.text, *lines]), figures=(*a.figures, *added))


def _with_recomputed(a: Answer, printed: Sequence[Figure], doc_ids: Sequence[str], index: Index,
                     recompute: Callable[[Sequence[Statement], Sequence[Fact]], list[Statement]],
                     line: Callable[[str], str]) -> Answer:
    """The answer with the rates `recompute` gives for the facts of its printed rates, each on a line of its own
    (`line` says it) with its formula and citations; unchanged when it gives none."""
    if not printed:
        return a
    facts = index.facts(doc_ids)
    added: list[Statement] = []
    for fig in printed:  # (the fact a printed rate was read from: its value, and its subject in the figure's label)
        for fact in [f for f in facts if f.unit == "%" and f.value == fig.value and f.subject in fig.label][:1]:
            added += recompute([Statement.of(fact)], facts)
    stated = {round(f.value, 2) for f in a.figures if f.unit == "%"}
    added = [s for s in added if round(s.value, 2) not in stated]  # (a rate the answer computed already)
    if not added:
        return a
    lines = [f"{_report_name(index, s.doc_id)}：{line(statements_text([s], index))}。" for s in added]
    figures = tuple(Figure(s.value, s.unit, f"{s.subject}{s.measure}", s.formula) for s in added)
    return replace(a, text="\n".join([a.text, *lines]), figures=a.figures + figures,
                   citations=a.citations + tuple(_citations(added, index)))
