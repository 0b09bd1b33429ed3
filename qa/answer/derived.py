"""Derived measures: a figure the report does not print, computed from facts it does print, by the
formula table (qa/lexicon/data/formulas.json).

Every computed figure carries its formula with its inputs (`995.33 ÷ 788 = 126.3%`) and the facts it
rests on, so each input is cited. Nothing here picks a value the facts do not give: when an input is
missing, there is no figure.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Sequence

from ..lexicon.formula_table import Formula, Reading, formulas
from ..models import Fact
from ..text.numbers import exact_sum, format_value, to_wan

_OPS = {"ratio": "÷", "share": "÷", "diff": "−", "sum": "+"}


@dataclass(frozen=True)
class Derived:
    """A computed figure. name = the derived measure (执行率, 占比, 增减额 …); label = the reading used
    (决算数÷年初预算数); formula = inputs and result (`995.33 ÷ 788 = 126.3%`); inputs = the facts used."""

    name: str
    label: str
    value: float
    unit: str | None
    formula: str
    inputs: tuple[Fact, ...]


def fmt(v: float) -> str:
    """A figure as reports print it: at most 2 decimals, no trailing zeros (1,228.70 -> 1228.7)."""
    return f"{v:.2f}".rstrip("0").rstrip(".") if abs(v - round(v)) > 1e-9 else str(int(round(v)))


#: the terms of a sum an answer's text spells out; more are left to the figure's formula and the citations, so
#: that the figures a reader looks for are not buried among the terms
MAX_TERMS_SHOWN = 4


def sum_formula(terms: Sequence[float], total: float, unit: str) -> tuple[str, str]:
    """(the sum's formula, what the text shows of it: the formula when its terms are few, else how many it adds)."""
    return shown_sum(plain_sum(terms, total, unit), len(terms))


def plain_sum(terms: Sequence[float], total: float, unit: str) -> str:
    """`a + b + c = total unit`."""
    return " + ".join(format_value(v) for v in terms) + f" = {format_value(total)}{unit}"


def shown_sum(formula: str, n: int) -> tuple[str, str]:
    """(a sum's formula of `n` terms, what the text shows of it): the formula while its terms are few
    (MAX_TERMS_SHOWN), else the formula with its count and, shown, how many it adds."""
    if n <= MAX_TERMS_SHOWN:
        return formula, formula
    return f"{formula}（{n}项）", f"{n}项相加，各项见引用"


def _amount(f: Fact) -> tuple[float, str | None]:
    """A fact's value in 万元 when it is an amount in 元/万元/亿元 (so inputs printed in different units
    combine), else as printed."""
    if f.unit in ("元", "万元", "亿元"):
        return to_wan(f.value, f.unit), "万元"
    return f.value, f.unit


def _same_dimension(facts: Sequence[Fact]) -> bool:
    units = {_amount(f)[1] for f in facts}
    return len(units) <= 1


def ratio(name: str, label: str, a: Fact, b: Fact) -> Derived | None:
    """a ÷ b as a percentage (执行率, 占比): None when b is zero or the units differ."""
    (x, ux), (y, uy) = _amount(a), _amount(b)
    if not y or ux != uy:
        return None
    v = round(x / y * 100, 2)
    return Derived(name, label, v, "%", f"{fmt(x)} ÷ {fmt(y)} = {fmt(v)}%", (a, b))


def difference(name: str, label: str, a: Fact, b: Fact) -> Derived | None:
    """a − b in the inputs' unit (增减额, 差额)."""
    (x, ux), (y, uy) = _amount(a), _amount(b)
    if ux != uy:
        return None
    v = round(x - y, 2)
    return Derived(name, label, v, ux, f"{fmt(x)} − {fmt(y)} = {fmt(v)}{ux or ''}", (a, b))


def change_rate(name: str, label: str, a: Fact, b: Fact) -> Derived | None:
    """(a − b) ÷ b as a percentage (增减率): None when b is zero."""
    (x, ux), (y, uy) = _amount(a), _amount(b)
    if not y or ux != uy:
        return None
    v = round((x - y) / y * 100, 2)
    return Derived(name, label, v, "%", f"({fmt(x)} − {fmt(y)}) ÷ {fmt(y)} = {fmt(v)}%", (a, b))


def total(name: str, label: str, parts: Sequence[Fact]) -> Derived | None:
    """The sum of the parts (合计 over rows or reports), in their common unit."""
    if not parts or not _same_dimension(parts):
        return None
    values = [_amount(f) for f in parts]
    v = exact_sum([x for x, _ in values])
    unit = values[0][1]
    return Derived(name, label, v, unit, plain_sum([x for x, _ in values], v, unit or ""), tuple(parts))


def times(name: str, label: str, a: Fact, b: Fact) -> Derived | None:
    """a ÷ b as a multiple (甲是乙的几倍): None when b is zero or the units differ."""
    (x, ux), (y, uy) = _amount(a), _amount(b)
    if not y or ux != uy:
        return None
    v = round(x / y, 2)
    return Derived(name, label, v, "倍", f"{fmt(x)} ÷ {fmt(y)} = {fmt(v)}倍", (a, b))


_BINARY = {"ratio": ratio, "share": ratio, "diff": difference, "change_rate": change_rate, "times": times}


def apply(formula: Formula, label: str, a: Fact, b: Fact) -> Derived | None:
    """A binary formula (ratio / share / diff / change_rate) over two facts."""
    return _BINARY[formula.op](formula.name, label, a, b)


def _pick(facts: Sequence[Fact], measures: Iterable[str]) -> Fact | None:
    """The first fact stating one of the measures, in their order; a narrative statement before a table cell."""
    for m in measures:
        got = sorted((f for f in facts if f.measure == m), key=lambda f: (f.table is not None, f.page or 0))
        if got:
            return got[0]
    return None


def derive(name: str, facts: Sequence[Fact], question: str = "") -> list[Derived]:
    """The derived measure `name` (执行率, 增减额, 增减率) of one subject from its facts, by every reading
    of the formula table whose inputs the facts state (each labelled); [] when none applies. A reading that
    asks for a basis (比年初预算) applies only to a question naming it, and then alone."""
    formula = formulas().formulas.get(name)
    if formula is None or formula.op not in _BINARY:
        return []

    def applied(readings: Sequence[Reading]) -> list[Derived]:
        out: list[Derived] = []
        used: set[tuple[int, int]] = set()
        for reading in readings:
            a, b = _pick(facts, reading.a), _pick(facts, reading.b)
            if a is None or b is None or a is b or (id(a), id(b)) in used:
                continue
            got = apply(formula, reading.label, a, b)
            if got is not None:
                used.add((id(a), id(b)))
                out.append(got)
        return out

    # (少花了多少 with no 上年数 printed: the readings its words ask only when none needing no basis applies)
    return applied(formula.readings_for(question)) or applied(formula.otherwise_readings(question))


def totals_for(part: str, code: str | None = None) -> tuple[str, ...]:
    """The totals a share of `part` is taken of, best first (formula table)."""
    return formulas().totals_for(part, code)


def share(part: Fact, whole: Fact) -> Derived | None:
    """part ÷ whole as 占比, labelled with both names (two columns of one row: the row, then the columns)."""
    if part.subject == whole.subject and part.measure != whole.measure and part.subject not in _TOTAL_ROWS:
        return ratio("占比", f"{part.subject}{part.measure}÷{whole.measure}", part, whole)
    return ratio("占比", f"{row_name(part)}÷{row_name(whole)}", part, whole)


def share_of_rows(rows: Sequence[Fact], whole: Fact) -> Derived | None:
    """The sum of a table's rows sharing one name ÷ the whole as 占比 (会议服务 printed on three rows):
    `(a + b + c) ÷ whole = p%`; None when the units differ or the whole is zero."""
    return _share_of_summed(rows, whole, f"{row_name(rows[0])}各行合计")


def share_of_parts(parts: Sequence[Fact], whole: Fact) -> Derived | None:
    """The sum of several parts the question names together ÷ the whole as 占比 (区级和市级支持总部经济一共占…):
    `(a + b) ÷ whole = p%`; None when the units differ or the whole is zero."""
    return _share_of_summed(parts, whole, "＋".join(row_name(f) for f in parts))


def _share_of_summed(parts: Sequence[Fact], whole: Fact, name: str) -> Derived | None:
    amounts = [_amount(f) for f in parts]
    y, uy = _amount(whole)
    if not y or {u for _, u in amounts} != {uy}:
        return None
    x = round(sum(v for v, _ in amounts), 2)
    v = round(x / y * 100, 2)
    terms = " + ".join(fmt(a) for a, _ in amounts)
    return Derived("占比", f"{name}÷{row_name(whole)}", v, "%", f"({terms}) ÷ {fmt(y)} = {fmt(v)}%", (*parts, whole))


def share_of_sum(part: Fact, wholes: Sequence[Fact]) -> Derived | None:
    """The part ÷ the sum of the items a question lists as its whole (会议费 of `三公经费、会议费、培训费合计`):
    `a ÷ (a + b + c) = p%`; None when the units differ or the sum is zero."""
    (x, ux), amounts = _amount(part), [_amount(f) for f in wholes]
    y = round(sum(v for v, _ in amounts), 2)
    if not y or {u for _, u in amounts} != {ux}:
        return None
    v = round(x / y * 100, 2)
    terms = " + ".join(fmt(a) for a, _ in amounts)
    return Derived("占比", f"{row_name(part)}÷({'+'.join(row_name(f) for f in wholes)})", v, "%",
                   f"{fmt(x)} ÷ ({terms}) = {fmt(v)}%", (part, *wholes))


_TOTAL_ROWS = {"合计", "总计", "小计"}


def row_name(f: Fact) -> str:
    """What a fact's figure is of: its subject, or on a table's total row (合计) its column."""
    return f.subject if f.subject not in _TOTAL_ROWS else f.measure


def across(name: str, a: Fact, b: Fact, label: str | None = None) -> Derived | None:
    """A binary formula between two facts of different reports or subjects (差额, 增减额 between years)."""
    formula = formulas().formulas.get(name)
    if formula is None or formula.op not in _BINARY:
        return None
    return apply(formula, label or formula.readings[0].label, a, b)


def rate_from_change(amount: Fact, change: Fact) -> Derived | None:
    """增减率 when a report prints this year's amount and its change but not the rate: the change over last
    year's amount, which is this year's less the change (`97 ÷ (86.95 + 97) = 52.73%`)."""
    (a, unit_a), (d, unit_d) = _amount(amount), _amount(change)
    previous = round(a - d, 6)
    label = "增减额÷上年数（上年数 = 本年数 − 增减额）"
    if unit_a != unit_d:
        return None
    if previous < 0 < d < a + d and a > 0:  # (previous 0: new this year, a rate of nothing)
        # an increase larger than this year's amount leaves last year's below zero: the change was a decrease
        # (the report says 增加 and gives the reason for a 减少: `6.51万元，较上年增加9.49万元，减少的主要原因…`)
        d, previous = -d, round(a + d, 6)
        label = "增减额÷上年数（所称增加大于本年数，上年数不能为负，按减少计：上年数 = 本年数 + 减少额）"
    if previous <= 0:
        return None
    rate = round(d / previous * 100, 2)
    formula = f"{fmt(abs(d))} ÷ {_less_the_change(a, d)} = {fmt(abs(rate))}%"
    return Derived("增减率", label, rate, "%", formula, (amount, change))


def _less_the_change(a: float, d: float) -> str:
    """The base a change implies, written out: this amount less its change (`(86.95 + 97)` for a decrease of 97)."""
    return f"({fmt(a)} {'+' if d < 0 else '−'} {fmt(abs(d))})"


def rate_of_budget_from_change(actual: Fact, change: Fact) -> Derived | None:
    """执行率 when a sentence states the actual amount and its change against the budget but neither the budget nor
    the rate (机关运行经费支出7.78万元，比年初预算数减少0.91万元): the actual over the budget, which is the actual
    less the change (`7.78 ÷ (7.78 + 0.91) = 89.53%`)."""
    (a, unit_a), (d, unit_d) = _amount(actual), _amount(change)
    budget = round(a - d, 6)
    if unit_a != unit_d or budget <= 0 or a < 0:
        return None
    rate = round(a / budget * 100, 2)
    formula = f"{fmt(a)} ÷ {_less_the_change(a, d)} = {fmt(rate)}%"
    return Derived("执行率", "决算数÷年初预算数（年初预算数 = 决算数 − 增减额）", rate, "%", formula, (actual, change))
