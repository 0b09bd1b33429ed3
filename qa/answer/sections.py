"""A list asked of a section a report heads by name (`主要工作任务有哪几个方面` of `三、2019年部门主要工作任务及目标`): the
items the section enumerates (一是…, （一）…, 1、…), each by its opening clause, read from the chunks under that
heading — not a table of contents that names the heading among others."""
from __future__ import annotations

import re
from typing import Sequence

from ..models import Answer, Chunk, Citation
from ..search.query import Query
from ..store.index import Index
from ..text.chars import squash
from .columns import common_run

#: the fewest characters a heading and the question must share (工作任务), besides words every report heads with
SECTION_MATCH_MIN = 4
#: words of headings that tell no section from another
_GENERIC = re.compile(r"\d+|年度?|部门|单位|情况|说明|预算|决算|主要|本|的|及|和")
#: an item the section enumerates, at a sentence's start: 一是…, （一）…, 1、…; its opening clause
_ITEM = re.compile(r"(?:^|(?<=[。；;\s]))((?:[一二三四五六七八九十]是|[（(][一二三四五六七八九十]{1,2}[)）]|\d{1,2}[、.．](?!\d))"
                   r"[^。；;]{2,80})")
_NUMBERED = re.compile(r"^[一二三四五六七八九十\d]+[、.．]\s*")
#: the fewest items that make a list
ITEMS_MIN = 2


def section_items(question: str, query: Query, index: Index, unless_under: Chunk | None = None) -> Answer | None:
    """The items of the section whose heading names what the question asks, in the scoped reports; None when no
    heading shares SECTION_MATCH_MIN characters (generic words aside) with the question, when it lists fewer than
    ITEMS_MIN items, or when `unless_under` (the passage found) is under that heading already."""
    asked = _core(query.topic)
    if len(asked) < SECTION_MATCH_MIN:
        return None
    chunks = [c for c in index.chunks(list(index.rows_of(query.doc_ids))) if c.kind == "text"]
    best: tuple[int, str, str] | None = None  # (characters shared, doc_id, heading)
    docs = index.documents_by_id
    for c in chunks:
        heading = _heading(c)
        # (the report's own names in a heading, 第二部分 江苏省高级人民法院2019年度部门预算表, name no section)
        d = docs.get(c.doc_id, {})
        core = _core(heading)
        for name in (d.get("title"), d.get("department"), d.get("region"), *(d.get("department_aliases") or ())):
            core = core.replace(_core(name or "") or "\x00", "")
        shared = len(common_run(core, asked)) if heading else 0
        if shared >= SECTION_MATCH_MIN and (best is None or shared > best[0]):
            best = (shared, c.doc_id, heading)
    if best is None:
        return None
    _, doc_id, heading = best
    if unless_under is not None and (unless_under.doc_id, _heading(unless_under)) == (doc_id, heading):
        return None
    under = [c for c in chunks if c.doc_id == doc_id and _heading(c) == heading]
    items = _items(under)
    if len(items) < ITEMS_MIN:
        return None
    title = index.documents_by_id[doc_id].get("title") or under[0].source
    named = _NUMBERED.sub("", heading)  # 三、2019年部门主要工作任务及目标 -> 2019年部门主要工作任务及目标
    lines = [f"{title}：{named}："]
    lines += [f"{k}. {text}" for k, (text, _) in enumerate(items, start=1)]
    citations = tuple(Citation(source=c.source, quote=text, page=c.page, lines=c.lines, score=1.0) for text, c in items)
    return Answer(question=question, found=True, text="\n".join(lines), citations=citations, method="passages")


def _heading(chunk: Chunk) -> str:
    """The innermost heading a chunk is under (its context's trail: `报告 | 第一部分 部门概况 > 三、…目标`)."""
    parts = chunk.context.split(" | ")
    return parts[1].split(" > ")[-1].strip() if len(parts) >= 2 else ""


def _core(text: str) -> str:
    return _GENERIC.sub("", re.sub(r"[^\u4e00-\u9fff\d]", "", squash(text)))


def _items(chunks: Sequence[Chunk]) -> list[tuple[str, Chunk]]:
    """Each enumerated item once, in order, by its opening clause (overlapping chunks repeat sentences)."""
    out: list[tuple[str, Chunk]] = []
    seen: set[str] = set()
    for c in chunks:
        for m in _ITEM.finditer(c.text):
            text = m.group(1).strip()
            key = squash(text)[:12]
            if key not in seen:
                seen.add(key)
                out.append((text, c))
    return out
