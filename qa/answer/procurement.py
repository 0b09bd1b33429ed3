"""Rows of a 政府采购预算表 picked by their 采购组织形式 (政府集中采购, 部门集中采购, 分散自行组织 …): how many,
their sum with its formula, each row cited — within one class (货物, 工程, 服务) when the question names one.

The form is printed in a column of its own, on the line of the row's amount (`PC服务器 政府集中采购 68.00`, or
`政府集中采购 99.00` between the lines of a wrapped name); the table's subtotal rows (专项, 经济科目) print none."""
from __future__ import annotations

from typing import Sequence

from ..lexicon import procurement
from ..models import Answer, Fact, Figure
from ..store.index import Index
from ..text.chars import longest_first
from ..text.numbers import AMOUNT_UNITS, format_value, to_wan
from .derived import plain_sum, shown_sum
from .match import Statement
from .statements import _citations, _report_name


def method_asked(text: str) -> str | None:
    """The 采购组织形式 a question names (the longest; tables.json procurement `methods`), or None."""
    return next((m for m in sorted(procurement()["methods"], key=longest_first) if m in text), None)


def answer_by_method(question: str, text: str, facts: Sequence[Fact], index: Index, counted: bool = False) -> Answer | None:
    """The rows of the table printing the asked 采购组织形式 most often (of the class the question names, when it
    names one): count and sum (`counted`: the count asked first); None when no table prints it on two rows or more."""
    method = method_asked(text)
    if method is None:
        return None
    tables: dict[str, list[Fact]] = {}
    for f in facts:
        if f.table and f.unit in AMOUNT_UNITS:
            tables.setdefault(f.table, []).append(f)
    classes = list(procurement()["classes"].values())
    asked = next((c for c in classes if c in text), None)
    best: list[Fact] = []
    for rows in tables.values():
        picked, current = [], None
        for f in rows:  # (rows in printed order: a class's rows follow its own row, 一、货物A)
            current = f.subject if f.subject in classes else current
            if _printed_with(f, method) and (asked is None or current == asked):
                picked.append(f)
        if len(picked) > len(best):
            best = picked
    if len(best) < 2:
        return None
    values = [to_wan(f.value, f.unit) for f in best]
    total = round(sum(values), 2)
    formula = plain_sum(values, total, "万元")
    doc_id = best[0].doc_id
    kind = f"{asked}类" if asked else ""
    formula, shown = shown_sum(formula, len(best))  # (many rows: their figures are in the citations)
    names = "、".join(f.subject for f in best)
    body = (f"{best[0].table}中采购组织形式为“{method}”的{kind}共 {len(best)} 条（{names}），"
            f"合计 {format_value(total)}万元（计算：{shown}）。")
    statements = [Statement(doc_id, f.subject, f.measure, f.value, f.unit, (f,)) for f in best]
    how = f"计数（{method}）：{names}"
    figures = (Figure(float(len(best)), "条", f"{method}{kind}条数", how), Figure(total, "万元", f"{method}{kind}合计", formula))
    figures = figures if counted else figures[::-1]
    return Answer(question=question, found=True, text=f"{_report_name(index, doc_id)}：{body}", figures=figures,
                  citations=tuple(_citations(statements, index)), method="facts")


def _printed_with(f: Fact, method: str) -> bool:
    """Whether a row's printed line gives the 采购组织形式 (a row printing only the form and its amount, under the
    item of the row above, is named by the form: `部门集中采购 430.00`)."""
    return method in f.quote
