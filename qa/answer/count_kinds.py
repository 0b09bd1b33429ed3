"""The kinds a count is made of (`那15辆车都是什么车，各有几辆`, `一共有多少辆车？分哪几类？`): the whole the report
counts and the parts its sentence lists after 其中 (共有车辆15辆，其中，副部（省）级及以上领导干部用车1辆、机要通信用车
2辆…), each with its count, cited."""
from __future__ import annotations

import re
from typing import Sequence

from ..lexicon import question_words
from ..models import Answer, Fact, Figure
from ..search.parts import counted_noun
from ..search.query import Query
from ..store.index import Index
from ..text.numbers import format_value
from .across import reports
from .asked import count_units_asked
from .match import Statement
from .statements import _citations, _report_name

#: the fewest parts a sentence must list for its count to be read as made of kinds
PARTS_MIN = 2


def asks_kinds(query: Query) -> bool:
    """Whether a count question asks what kinds the things it counts are (questions.json kinds_asked)."""
    return query.figure_kind == "count" and not query.more_kinds \
        and any(w in query.text for w in question_words()["kinds_asked"])  # (…是什么车？政府采购预算多少？: more asked)


def answer_count_kinds(question: str, query: Query, doc_ids: Sequence[str], index: Index) -> Answer | None:
    """The counted whole and its kinds, of the one report asked; None when the question asks no kinds, reads
    several reports, or the report states no count of the asked unit split into parts."""
    if not asks_kinds(query) or query.parts:
        return None  # (…有几辆车、是什么车？政府采购预算多少？: each part in turn)
    units = set(count_units_asked(query))
    if not units:
        return None
    groups = reports([index.documents_by_id[d] for d in doc_ids])
    if len(groups) != 1:
        return None  # (两家各有多少辆车: 各 is each report's; their counts are the lookup's)
    noun = counted_noun(query.text)  # (有几个…分别是什么 asks of rows, not of a thing counted in a unit of its own)
    if noun is None:
        return None
    said = {float(n) for n in re.findall(r"(?<![\d.])(\d+)(?![\d.])", query.text)}
    ((_, ids),) = groups
    split = _split_count([f for f in index.facts(sorted(ids)) if f.unit in units and f.table is None], said, noun)
    return _answer(question, *split, index) if split is not None else None


def _split_count(facts: Sequence[Fact], said: set[float], noun: str) -> tuple[Fact, list[Fact]] | None:
    """The whole of the thing counted (`noun`, 车: a whole named 车辆) a sentence splits into parts after 其中, and its
    parts (in the order printed): the one whose count the question states (那15辆车), else the one with most parts;
    None when no sentence splits such a count."""
    best: tuple[tuple, tuple[Fact, list[Fact]]] | None = None
    for whole in facts:
        if whole.value <= 0 or noun[-1] not in whole.subject:
            continue
        quote = whole.quote or ""
        at = quote.find("其中")
        printed = re.search(rf"{re.escape(format_value(whole.value))}\s*{re.escape(whole.unit or '')}", quote)
        if at < 0 or printed is None or printed.start() > at:
            continue
        parts = [f for f in facts if f.quote == quote and f.subject != whole.subject and f.value <= whole.value
                 and quote.find(f.subject, at) > at]
        parts.sort(key=lambda f: quote.find(f.subject, at))
        if len(parts) < PARTS_MIN or sum(f.value for f in parts) > whole.value + 1e-9:
            continue
        rank = (whole.value in said, len(parts), whole.value)
        if best is None or rank > best[0]:
            best = (rank, (whole, parts))
    return best[1] if best else None


def _answer(question: str, whole: Fact, parts: Sequence[Fact], index: Index) -> Answer:
    listed = "、".join(f"{f.subject}{format_value(f.value)}{f.unit}" for f in parts)
    text = (f"{_report_name(index, whole.doc_id)}：{whole.subject}共{format_value(whole.value)}{whole.unit}，"
            f"其中{listed}。")
    cited = _citations([Statement(whole.doc_id, whole.subject, whole.measure, whole.value, whole.unit, (whole,))], index)
    figures = (Figure(whole.value, whole.unit, whole.subject), *(Figure(f.value, f.unit, f.subject) for f in parts))
    return Answer(question=question, found=True, text=text, figures=figures, citations=tuple(cited), method="facts")
