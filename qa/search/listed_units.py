"""A unit named as if it published a report of its own (平潭综合实验区信访局在职多少人) while it is a row of another
department's report (管委会办公室's 列入部门预算编制范围的单位 table): the reports printing that name as a subject
are the ones to read. Found only when the question's scope names a department or a kind of one the index does not
hold there, so a department that is held is never read as another's unit."""
from __future__ import annotations

from typing import Sequence

from ..store.index import Index
from ..text.chars import squash
from .forms import HeldReport
from .scope import Scope

#: the fewest characters of a unit's name written out in the question (信访局 alone names a kind of department)
UNIT_NAME_MIN = 5


def unit_listed(question: str, found: Scope, held: Sequence[HeldReport],
                index: Index) -> tuple[str, str, tuple[str, ...]] | None:
    """(the question with the unit's full name written in, that name, the reports printing it) when `found` is an
    empty scope naming a department the index does not hold there and one of `held` prints, as a subject, a longer
    name holding that department's words (信访局 -> 平潭综合实验区信访局) — written out in the question, or with the
    region said short (平潭信访局: the held report's own region name, 平潭综合实验区, in its place); the longest such
    name; None otherwise."""
    said = [s.text for s in (*found.departments, *found.unknown) if s.text]
    if found.doc_ids or not held or not said:
        return None
    ids = [r.doc_id for r in held]
    # (平潭 said for 福建省平潭综合实验区: each held report's own name of that place written in its stead)
    places = {r.region for r in held if r.region for s in found.regions if s.value.endswith(r.region)}
    readings = [question, *(question.replace(s.text, p, 1)
                            for s in found.regions for p in sorted(places) if s.text != p)]
    best: tuple[str, str, set[str]] | None = None
    for text in readings:
        for name, doc_id in index.subjects_within(squash(text), ids):
            if len(name) < UNIT_NAME_MIN or not any(w in name and len(name) > len(w) for w in said):
                continue
            if best is None or len(name) > len(best[1]):
                best = (text, name, {doc_id})
            elif name == best[1]:
                best[2].add(doc_id)
    return (best[0], best[1], tuple(sorted(best[2]))) if best else None
