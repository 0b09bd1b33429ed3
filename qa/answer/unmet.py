"""A derived measure asked (增减, 增减幅度, 占比) that the facts found cannot give: the item's own figure alone
(三公经费决算数 for 比2014年涨了多少) is no answer, and saying so beats stating it as one."""
from __future__ import annotations

import re
from typing import Sequence

from ..models import Answer
from ..search.operation import parse_operation
from ..search.query import Query
from .asked import CHANGE_MEASURES
from .match import Statement
from .passages import not_found
from .points import named_value_against
from .statements import _label

#: what a report states of its own change against its previous year: figures that state or let one read a change
OWN_CHANGE = (*CHANGE_MEASURES, "上年数", "上年预算数", "上年决算数", "上年执行数")
#: how the refusal names each derived measure
_SAID = {"增减额": "增减", "增减率": "增减幅度", "占比": "占比", "人均": "人均数"}
#: a figure stated per head or per thing itself (人均…, 平均每辆…, a standard, 元/人): the per-head figure asked, printed
_PER_HEAD_SAID = re.compile(r"人均|平均|每[人名位辆台个次户]|标准|/")


def lacks_derived(query: Query, statements: Sequence[Statement]) -> str | None:
    """The derived measure asked when the statements neither state it nor give a second figure to derive it
    from; None when they do, or when nothing is derived."""
    derived = query.operation.derived
    if derived not in _SAID or any(s.formula for s in statements):
        return None
    if derived == "占比":
        return None if any(s.measure == "占比" or s.unit == "%" for s in statements) else derived
    if derived == "人均":  # 摊到每个民警身上多少, and no head count to divide by: the whole amount is no answer
        printed = any(_PER_HEAD_SAID.search(f"{f.subject} {f.unit} {f.quote}") for s in statements for f in s.facts)
        return None if printed else derived
    if any(s.measure in OWN_CHANGE or derived == "增减率" and s.unit == "%" for s in statements):
        return None
    return derived if len({s.measure for s in statements}) < 2 else None


def unmet_derived(question: str, query: Query, statements: Sequence[Statement]) -> Answer | None:
    """A refusal naming what the report gives, when the derived measure asked cannot be read from it; None
    otherwise (and when the question sets the figure against a value it names itself: 比满分少了多少分)."""
    unmet = lacks_derived(query, statements)
    if unmet is None or named_value_against(question, query.operation.derived) is not None:
        return None
    said = "、".join(dict.fromkeys(f"{s.subject}{_label(s)}" for s in statements))
    return not_found(question, f"报告只给出{said}，没有所问的{_SAID[unmet]}，也没有可用来计算它的另一个数。", method="facts")


def asked_later(query: Query) -> bool:
    """Whether the derived measure is asked only after the question's first part (三公经费预算多少？…分别多少？和去年
    比有变化吗？): the figures the first parts ask are answered, and the change said missing, not the whole refused."""
    return len(query.parts) > 1 and parse_operation(query.parts[0]).derived is None
