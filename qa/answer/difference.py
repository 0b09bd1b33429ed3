"""The difference between two items of one report a question compares (`基本支出比项目支出多多少`): the first
item's amount less the second's, with its formula; or the first as a multiple of the second
(`提租补贴是住房公积金的几倍`). Not a change against a year or a budget (比上年, 比2023年, 比年初预算): those are the
item's own figures of two times, read by the formula table."""
from __future__ import annotations

import re
from typing import Sequence

from ..facts.indicators import INDICATOR_MEASURES
from ..lexicon import cues
from ..lexicon.formula_table import formulas, operation_words
from ..models import Answer, Fact, Figure
from ..store.index import Index
from ..text.numbers import AMOUNT_UNITS, format_value, to_wan
from .derived import across
from .match import Statement, match_question
from .one_report import find_amount
from .pick import context_spans
from .statements import _citations, _report_name

#: `A比B多`, `A较B少`, `A与B相差`: the two items and the comparison after them. 比 and 较 are read before the
#: conjunctions, which also sit inside names (结转和结余)
_COMPARED = tuple(re.compile(rf"^(?P<a>.{{2,30}}?)(?:{joins})(?P<b>.{{2,30}}?)(?:相比)?(?:多|少|高|低|相差|差|增加|减少|增长|下降)")
                  for joins in ("比|较", "与|和|跟"))
#: `A是B的几倍`, `A相当于B的多少倍`: the two items a multiple is asked of
_MULTIPLE = re.compile(r"^(?P<a>.{2,30}?)(?:是|为|相当于|等于)(?P<b>.{2,30}?)的?(?:几|多少)?倍")
#: the times of one balance a report states twice (年初结转和结余, 年末结转和结余): `年底…比年初` compares them
_TIMES = re.compile(r"^(?:年初|年末|年底|期初|期末|底|末)")  # (底 of 2015年底: the year is read as scope)


def answer_difference(question: str, item: str, facts: Sequence[Fact], doc: dict, index: Index,
                      counted: Sequence[str] = ()) -> Answer | None:
    """`A比B多多少` when A and B are two items of the report, each matched to one subject; else None. `counted`: the
    units a difference of two counts is asked in (少几人: 人, 名; asked.count_units_asked)."""
    pair = next(filter(None, (_pair(m, facts, counted) for m in (c.match(item.replace(" ", "")) for c in _COMPARED) if m)),
                None)
    if pair is None:
        return None
    a, b = pair
    unit = a.unit if a.unit == b.unit else "万元"
    x, y = (a.value, b.value) if a.unit == b.unit else (to_wan(a.value, a.unit), to_wan(b.value, b.unit))
    diff = round(x - y, 2)
    formula = f"{format_value(x)} − {format_value(y)} = {format_value(diff)}{unit}"
    said = f"{'多' if diff >= 0 else '少'} {format_value(abs(diff))}{unit}"
    text = f"{_report_name(index, doc['doc_id'])}：{a.subject}比{b.subject}{said}（计算：{formula}）。"
    figures = [Figure(diff, unit, f"{a.subject}−{b.subject}", formula)]
    rate = formulas().formulas["增减率"]
    if y > 0 and any(w in question for w in (*rate.cues, *rate.also_cues, "幅")):  # 增长多少, 增幅: the rate too
        pct = round(100 * diff / y, 2)
        shown = f"({format_value(x)} − {format_value(y)}) ÷ {format_value(y)} = {format_value(pct)}%"
        text += f"\n{'增长' if pct >= 0 else '下降'} {format_value(abs(pct))}%（计算：{shown}）。"
        figures.append(Figure(pct, "%", f"({a.subject}−{b.subject})÷{b.subject}", shown))
    cited = _citations([Statement(a.doc_id, "", "", 0.0, None, (a, b))], index)
    return Answer(question=question, found=True, text=text, figures=tuple(figures), citations=tuple(cited),
                  method="facts")


def answer_multiple(question: str, item: str, facts: Sequence[Fact], doc: dict, index: Index) -> Answer | None:
    """`A是B的几倍` when A and B are two items of the report, each matched to one subject; else None."""
    m = _MULTIPLE.match(item.replace(" ", ""))
    pair = _pair(m, facts) if m else None
    if pair is None:
        return None
    a, b = pair
    got = across("倍数", a, b, f"{a.subject}÷{b.subject}")
    if got is None:
        return None
    said = f"{a.subject}是{b.subject}的 {format_value(got.value)} 倍（计算：{got.formula}）。"
    text = f"{_report_name(index, doc['doc_id'])}：{said}"
    cited = _citations([Statement(a.doc_id, "", "", 0.0, None, (a, b))], index)
    return Answer(question=question, found=True, text=text, figures=(Figure(got.value, "倍", got.label, got.formula),),
                  citations=tuple(cited), method="facts")


def _pair(m: re.Match[str], facts: Sequence[Fact], counted: Sequence[str] = ()) -> tuple[Fact, Fact] | None:
    """The two amounts a comparison names, or two counts when it asks one (`counted`), each matched to one subject
    of the report; None when either is not."""
    first, second = m.group("a"), m.group("b")
    if _TIMES.fullmatch(second) and _TIMES.match(first):  # 年底结转结余比年初: the same balance at the year's start
        balance = _TIMES.sub("", first)
        second = second + balance
        first = first if first.startswith(("年初", "期初")) else "年末" + balance  # (年底, 底: the year's end)
    # (after 比 a year, 上年 or a budget is the item's own figure of another time: cues.json `bases`)
    elif cues().bases.search("比" + second) or any(second.startswith(w)
                                                   for ws in operation_words()["thresholds"]["references"].values()
                                                   for w in ws) or _own_basis("比" + second):
        return None
    subjects = {f.subject for f in facts}
    pair = []
    for side in (first, second):
        spans = context_spans(side)  # (装备购置项目中民警被装配备标准: the words after the context name the item)
        got = match_question(side, subjects) or (match_question(side[spans[-1][1]:], subjects) if spans else None)
        if got is None or got.alternatives or len(got.subjects) != 1:
            return None
        # (an indicator's own value before a nearer name's amount: 民警被装配备标准 is no 标准25万元)
        pair.append(_indicator_value(got.subjects[0], facts) or find_amount(got.subjects[0], facts) or next(
            filter(None, (find_amount(got.subjects[0], facts, unit=u) for u in counted)), None))
    a, b = pair
    if a is None or b is None or a.subject == b.subject:
        return None
    # two amounts, or two figures in one unit of their own (被装配备标准 6800 and 4400 元/人); never two rates
    return (a, b) if a.unit in AMOUNT_UNITS and b.unit in AMOUNT_UNITS or a.unit == b.unit != "%" else None


def _own_basis(said: str) -> bool:
    """Whether `比X` names a basis the formula table reads a change of the item's own against (比目标, 比计划,
    比年初预算: a reading's `asked` words), not a second item."""
    table = formulas().formulas
    return any(said.startswith(w) for name in ("增减额", "增减率") for r in table[name].readings for w in r.asked
               if w.startswith("比"))


def _indicator_value(subject: str, facts: Sequence[Fact]) -> Fact | None:
    """The one value a performance indicator states (a budget's target: 民警被装配备标准 ≤6800 元/人), or None when it
    states none or several (a target and what was achieved)."""
    values = [f for f in facts if f.subject == subject and f.measure in INDICATOR_MEASURES]
    return values[0] if len(values) == 1 else None
