"""A report saying it holds no figure of the year before its own (我局为2019年新成立单位，无2018年决算数; 无法与2014年
相较，原因是…新成立机构): a change against that year, or that year's figure, is not in it. Whatever the tables' empty
上年 columns would give (a change of 1668.14 "against" nothing, a 上年数 of 0), the answer is the report's sentence
saying so. The words are data (questions.json no_year_before)."""
from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache
from typing import Sequence

from ..lexicon import question_words
from ..models import Answer, Chunk, Citation
from ..search.query import Query
from ..search.years import LAST_YEAR
from ..store.index import Index
from ..text.chars import squash
from .passages import item_text, not_found, split_sentences
from .previous import AGAINST_LAST_YEAR

#: the derived measures that set a figure against the year before
_CHANGES = ("增减额", "增减率")


@lru_cache(maxsize=16)
def _said(year: int) -> re.Pattern[str]:
    """A sentence saying there is no figure of `year` (or of 上年) to set against."""
    words = question_words()["no_year_before"]
    before = rf"(?:上年|{year}年度?)"
    return re.compile("|".join(p.replace("{year}", before) for p in words["said"]))


def _asks_year_before(query: Query, year: int) -> bool:
    """Whether the question asks the year before the report's own, or a change against it (比2018年增长了多少,
    比上年, 2018年的决算数)."""
    if query.previous_year or any(y < year for y in query.compare_years) or (query.year or year) < year:
        return True
    return query.operation.derived in _CHANGES and (LAST_YEAR.search(query.text) is not None
                                                   or AGAINST_LAST_YEAR.search(query.text) is not None)


def no_year_before(question: str, query: Query, doc_ids: Sequence[str], index: Index) -> Answer | None:
    """The refusal citing the report's sentence that it holds no figure of the year asked before its own; None
    when the question asks no such year, several reports are read, or the report says nothing of the kind. A
    sentence counts when it gives the department's being new as the reason (新成立单位, words of `new_unit`) or
    names the item asked; the one naming most of the item's words is cited."""
    docs = [index.documents_by_id[d] for d in dict.fromkeys(doc_ids) if d in index.documents_by_id]
    years = {d.get("year") for d in docs}
    year = years.pop() if len(years) == 1 else None
    if year is None or not _asks_year_before(query, year):
        return None
    said = _said(year - 1)
    new_unit = tuple(question_words()["no_year_before"]["new_unit"])
    item = squash(item_text(query))
    pairs = {item[i:i + 2] for i in range(len(item) - 1)}  # (the item's character pairs a sentence names)
    found: list[tuple[int, str, Chunk, dict]] = []  # (the item's pairs named, sentence, chunk, report)
    for doc in docs:
        for chunk in index.chunks(list(index.rows_of([doc["doc_id"]]))):
            if chunk.kind != "text" or not said.search(squash(chunk.text)):
                continue
            for sentence in split_sentences(chunk.text):
                flat = squash(sentence)
                named = sum(p in flat for p in pairs)
                if said.search(flat) and (named or any(w in flat for w in new_unit)):
                    found.append((named, sentence.strip(), chunk, doc))
    if not found:
        return None
    _, sentence, chunk, doc = max(found, key=lambda x: x[0])
    title = doc.get("title") or doc["source"]
    # (the clauses saying so, without the amounts beside them: a refusal states no figure; the quote is cited)
    said_so = "，".join(c.strip() for c in re.split(r"[，,；;]", sentence)
                       if said.search(squash(c)) or any(w in c for w in new_unit))
    refusal = not_found(question, f"{title}称没有{year - 1}年的数可比：{said_so.rstrip('。')}。", method="facts")
    return replace(refusal, citations=(Citation(source=chunk.source, quote=sentence, page=chunk.page, lines=chunk.lines),))
