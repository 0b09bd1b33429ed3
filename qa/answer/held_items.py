"""The reports a question over several of them reads when it writes out a name only some of them state
(人大事务款下面…, 贸易高质量发展专项里…)."""
from __future__ import annotations

import re
from dataclasses import replace

from ..search.query import Query
from ..search.retrieve import Scope
from ..store.index import Index
from ..text.chars import squash
from .across import reports

#: the fewest characters of a name the question writes out for it to pick the reports holding it
HELD_NAME_MIN = 4


def held_by_item(query: Query, scope: Scope, index: Index) -> Scope:
    """A question naming no department or region, over several reports, that writes out a name only some of them
    state (人大事务款下面…, 贸易高质量发展专项里…): the reports stating it. The longest such name decides; a name
    every report states (行政运行) leaves the scope as it is."""
    if query.departments or query.region or query.regions or len(scope.doc_ids) < 2:
        return scope
    text = squash(re.sub(r"[（(][类款项][）)]", "", query.topic))
    marked = set(re.findall(r"([\u4e00-\u9fff]{2,})[（(][类款项][）)]", query.topic))  # 法院（款）: a 科目 named as one
    holders: dict[str, set[str]] = {}
    for name, doc_id in index.subjects_within(text, scope.doc_ids):  # (贸易高质量发展专项（政策资金）: without the aside)
        if len(name) >= HELD_NAME_MIN or any(m.endswith(name) for m in marked):
            holders.setdefault(name, set()).add(doc_id)
    if not holders:
        return scope
    longest = max(map(len, holders))
    held = set().union(*(ids for name, ids in holders.items() if len(name) == longest))
    groups = reports([index.documents_by_id[d] for d in scope.doc_ids])
    kept = [ids for _, ids in groups if ids & held]
    if not kept or len(kept) == len(groups):
        return scope
    return replace(scope, doc_ids=tuple(d for d in scope.doc_ids if any(d in ids for ids in kept)))
