"""A whole less the parts a question leaves out (公务用车除执法执勤用车外的其他各类合计多少辆): the whole's figure
less each left-out part's, with the formula, when the report states both and no rows or listed parts answered."""
from __future__ import annotations

import re
from typing import Sequence

from ..lexicon.formula_table import formulas, operation_words
from ..models import Answer, Fact, Figure
from ..search.named import without_names
from ..search.query import Query
from ..store.index import Index
from ..text.chars import longest_first
from ..text.numbers import AMOUNT_UNITS, exact_sum, format_value
from .match import Statement, match_question
from .statements import _citations, _report_name

#: words saying "the rest" around the parts left out (其他各类, 其余, 剩下的), no word of the whole
_REST = re.compile(r"其他|其余|剩下的?|剩余的?|另外的?|各类|各项|以外|之外")


def whole_left(item: str, excluding: Sequence[str]) -> str:
    """What an item says of the whole once the parts left out, the words leaving them out (除…外, 不含), the words
    for the rest (其他各类) and the sum's words (合计) are taken out: 公务用车 of 除执法执勤用车外的其他各类公务用车合计."""
    words = operation_words()["exclude"]
    said = without_names(item, excluding)
    for w in sorted({*words["before"], *words.get("after", ()), *formulas().formulas["合计"].cues}, key=longest_first):
        said = said.replace(w, " ")
    return _REST.sub(" ", said)


def answer_remainder(question: str, query: Query, item: str, facts: Sequence[Fact], index: Index) -> Answer | None:
    """The whole the item names less the parts `query.operation.excluding` leaves out, each one figure of the same
    unit stated by the report; None unless the question sums what is left and all of them are found once."""
    op = query.operation
    if not op.excluding or (op.function != "sum" and op.derived != "合计"):
        return None
    said = whole_left(item, op.excluding)
    subjects = {f.subject for f in facts}
    whole = match_question(said, subjects)
    parts = [match_question(x, subjects) for x in op.excluding]
    if whole is None or whole.alternatives or len(whole.subjects) != 1 \
            or any(p is None or p.alternatives or len(p.subjects) != 1 for p in parts):
        return None
    kind = {"count": False, "amount": True}.get(query.figure_kind)
    whole_fact = _one_figure(whole.subjects[0], facts, kind)
    part_facts = [_one_figure(p.subjects[0], facts, kind) for p in parts]
    if whole_fact is None or any(f is None or f.unit != whole_fact.unit or f is whole_fact for f in part_facts):
        return None
    rest = exact_sum([whole_fact.value, *(-f.value for f in part_facts)])
    if rest < 0:
        return None
    unit = whole_fact.unit or ""
    formula = " − ".join(format_value(f.value) for f in (whole_fact, *part_facts)) + f" = {format_value(rest)}{unit}"
    left_out = "、".join(f.subject for f in part_facts)
    text = (f"{_report_name(index, whole_fact.doc_id)}：{whole_fact.subject} {format_value(whole_fact.value)}{unit}，"
            + "，".join(f"{f.subject} {format_value(f.value)}{unit}" for f in part_facts)
            + f"；除{left_out}外 {format_value(rest)}{unit}（计算：{formula}）。")
    figures = (Figure(whole_fact.value, whole_fact.unit, whole_fact.subject),
               *(Figure(f.value, f.unit, f.subject) for f in part_facts),
               Figure(rest, whole_fact.unit, f"{whole_fact.subject}（除{left_out}外）", formula))
    return Answer(question=question, found=True, text=text, figures=figures,
                  citations=tuple(_citations([Statement.of(f) for f in (whole_fact, *part_facts)], index)), method="facts")


def _one_figure(subject: str, facts: Sequence[Fact], amount: bool | None) -> Fact | None:
    """The one figure (of the kind asked: an amount, or a count) the report states for the subject, its first when
    every statement of it gives the same value; None when it states several."""
    mine = [f for f in facts if f.subject == subject and f.unit not in (None, "%")
            and (amount is None or (f.unit in AMOUNT_UNITS) == amount)]
    return mine[0] if mine and len({(f.value, f.unit) for f in mine}) == 1 else None
