"""Citations from both files of a report published in two (narrative + tables)."""
from __future__ import annotations

from dataclasses import replace
from typing import Sequence

from ..models import Answer, Citation
from ..store.index import Index
from ..text.numbers import same_amount
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
            if any(not g.formula and same_amount(g.value, g.unit, f.value, f.unit) and len(f.subject) >= 2
                   and f.subject in g.label for g in a.figures):
                added.extend(_citations([Statement(f.doc_id, f.subject, f.measure, f.value, f.unit, (f,))], index))
    if not added:
        return a
    return replace(a, citations=(*a.citations, *dict.fromkeys(added)))
