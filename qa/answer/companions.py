"""Citations from both files of a report published in two (narrative + tables)."""
from __future__ import annotations

from dataclasses import replace
from typing import Sequence

from ..models import Answer, Citation, Fact
from ..store.index import Index
from ..text.numbers import AMOUNT_UNITS, find_numbers, same_amount, to_wan
from .across import reports
from .match import Statement
from .statements import _citations


def companion_citations(a: Answer, doc_ids: Sequence[str], index: Index) -> Answer:
    """A figure cited from one file of a report published in two (narrative + tables) is also cited from the
    other file where that file states the same amount under the same item: a reader holding either file finds it."""
    if not a.found or not a.citations or not a.figures:
        return a
    docs = [index.documents_by_id[d] for d in doc_ids]
    cited = {c.source for c in a.citations}
    added: list[Citation] = []
    for _, ids in reports(docs):
        files = {index.documents_by_id[i]["source"]: i for i in ids}
        if len(files) < 2 or not cited & set(files):
            continue
        others = [i for s, i in files.items() if s not in cited]
        for f in index.facts(others):
            if len(f.subject) >= 2 and (any(not g.formula and same_amount(g.value, g.unit, f.value, f.unit)
                                            and f.subject in g.label for g in a.figures)
                                        or f.subject in a.text and _an_input(f, a)):
                added.extend(_citations([Statement(f.doc_id, f.subject, f.measure, f.value, f.unit, (f,))], index))
    if not added:
        return a
    return replace(a, citations=(*a.citations, *dict.fromkeys(added)))


def _an_input(f: Fact, a: Answer) -> bool:
    """Whether the fact's amount is an input of a figure computed in the answer (12081.46 of `12081.46 ÷ 20153.75 =
    59.95%`), as printed or in 万元."""
    values = {round(f.value, 2), round(to_wan(f.value, f.unit), 2)} if f.unit in AMOUNT_UNITS else {round(f.value, 2)}
    for g in a.figures:
        if g.formula and "=" in g.formula:
            if values & {round(n.value, 2) for n in find_numbers(g.formula.split("=")[0])}:
                return True
    return False
