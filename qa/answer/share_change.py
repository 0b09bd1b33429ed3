"""A share asked of several reports (住房保障支出占总支出的比重比2018年提高了几个百分点): each report's own share,
one line each, read from that report alone; the gap between two of them is stated by points.with_point_gap."""
from __future__ import annotations

import re
from typing import Sequence

from ..models import Answer, Fact, Figure
from ..search.query import Query
from ..store.index import Index
from .derived import fmt
from .shares import answer_share
from .statements import _report_name, without_report

#: the words of a share, and a change of it said after them (占比比上年提高了几个百分点)
_SHARE_WORD = re.compile(r"占比|比重|占")
_CHANGE_OF_IT = re.compile(r"(?:比|跟|较|与|和|同)[^，,]*?百分点")


def share_without_change(item: str) -> str:
    """The share an item names without the change of it said after it (住房保障支出占总支出的比重比提高百分点 ->
    住房保障支出占总支出的比重): each report's share is taken first, their gap after."""
    words = list(_SHARE_WORD.finditer(item))
    if not words:
        return item
    change = _CHANGE_OF_IT.search(item, words[-1].end())
    return item[:change.start()] if change is not None else item


def share_of_each(question: str, query: Query, item: str, facts: Sequence[Fact],
                  groups: Sequence[tuple[dict, set[str]]], index: Index) -> Answer | None:
    """Each report's share of the part in its whole, as that report prints it or else computed (its inputs are
    in the formula and the citations), labelled by the report's year; the one report's answer when only one of
    several gives it (the part is its own: a unit of that department), no change between them being asked; None
    when none does."""
    said = share_without_change(item)
    lines, figures, citations, answered = [], [], [], []
    for d, ids in groups:
        a = answer_share(question, query, said, [f for f in facts if f.doc_id in ids], d, index)
        rate = next((f for f in a.figures if f.unit == "%"), None) if a is not None and a.found else None
        if rate is None:
            continue
        answered.append(a)
        label = without_report(rate.label)
        # (one figure a report, the division named in its label: its inputs are in the figure's formula and the
        # cited rows, so the gap asked stands out)
        lines.append(f"{_report_name(index, d['doc_id'])}：{label} {fmt(rate.value)}%。")
        figures.append(Figure(rate.value, "%", f"{d.get('year') or ''}年{label}", rate.formula))
        citations += [c for c in a.citations if c not in citations]
    if len(answered) == 1 and len(groups) > 1 and said == item and not query.compare_years:
        return answered[0]  # 平潭…服务中心的在职人数占编制数: the one report of 平潭's three holding both
    if len(figures) < 2:
        return None
    return Answer(question=question, found=True, text="\n".join(lines), figures=tuple(figures),
                  citations=tuple(citations), method="facts")
