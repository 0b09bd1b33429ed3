"""A figure asked of a fund beside the general budget (政府性基金, 国有资本经营; terms.json narrow_funds): only a
figure whose subject, column or table names that fund answers it — the department's 支出总计 or 财政拨款支出合计
does not. A report whose figures of that fund are all 0 has none of it: the answer is 0, cited from the report."""
from __future__ import annotations

from typing import Sequence

from ..lexicon import terms
from ..models import Answer, Fact, Figure
from ..search.query import Query
from ..store.index import Index
from ..text.numbers import AMOUNT_UNITS
from .grounding import ground
from .match import Statement
from .statements import _citations, _report_name, _statement_text


def funds_asked(query: Query) -> list[str]:
    """The narrow funds the question asks a figure of, alone: [] when it names the general budget too (一般公共预算和
    政府性基金各多少) or asks a share (政府性基金占财政拨款的比重), which read other funds' figures as well."""
    named = [w for w in terms()["narrow_funds"] if w in query.text]
    if not named or any(w in query.text for w in terms()["fund_scopes"]) or query.operation.derived == "占比":
        return []
    return named


def of_funds(facts: Sequence[Fact], funds: Sequence[str]) -> list[Fact]:
    """The facts whose subject, measure or table names one of `funds`."""
    return [f for f in facts if any(w in f"{f.subject}{f.measure}{f.table or ''}" for w in funds)]


def none_of_fund(question: str, facts: Sequence[Fact], index: Index) -> Answer | None:
    """0 of the asked fund, when the report prints its figures and every one is 0 (政府性基金支出预算支出 0万元): the
    first such amount stated and cited; None when any is not 0 or none is an amount."""
    amounts = [f for f in facts if f.unit in AMOUNT_UNITS]
    if not amounts or any(f.value != 0 for f in amounts):
        return None
    f = amounts[0]
    said = Statement.of(f)
    return ground(Answer(question=question, found=True,
                         text=f"{_report_name(index, f.doc_id)}：{_statement_text(said, index)}（本部门无此项资金）。",
                         figures=(Figure(0.0, f.unit, f"{f.subject}{f.measure}"),),
                         citations=tuple(_citations([said], index)), method="facts"))
