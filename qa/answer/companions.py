"""Citations from both files of a report published in two (narrative + tables)."""
from __future__ import annotations

import re

from dataclasses import replace
from typing import Sequence

from ..lexicon import terms
from ..models import Answer, Citation, Fact
from ..store.index import Index
from ..text.numbers import AMOUNT_UNITS, find_numbers, same_amount, to_wan
from .across import reports
from .match import Statement
from .statements import _citations


#: how many facts apart a whole's parts may be stated and still be read as stating it together
PARTS_APART = 8


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
        facts = index.facts(others)
        inputs = _input_names(a)
        for f in facts:
            if len(f.subject) >= 2 and (any(not g.formula and same_amount(g.value, g.unit, f.value, f.unit)
                                            and f.subject in g.label for g in a.figures)
                                        or (f.subject in a.text or f.subject.endswith(inputs)) and _an_input(f, a)):
                added.extend(_citations([Statement.of(f)], index))
        for parts in _parts_adding_up(a, facts):
            added.extend(_citations([Statement.of(f) for f in parts], index))
    if not added:
        return a
    return replace(a, citations=(*a.citations, *dict.fromkeys(added)))


def _input_names(a: Answer) -> tuple[str, ...]:
    """The names of a computed figure's inputs as its label gives them (服务, 货物 of `服务÷货物`): an item ending with
    one is that input named in full (政府采购服务)."""
    return tuple({w for g in a.figures if g.formula for w in re.split(r"[÷−+＋（）()]", g.label) if len(w) >= 2})


def _an_input(f: Fact, a: Answer) -> bool:
    """Whether the fact's amount is an input of a figure computed in the answer (12081.46 of `12081.46 ÷ 20153.75 =
    59.95%`), as printed or in 万元."""
    values = {round(f.value, 2), round(to_wan(f.value, f.unit), 2)} if f.unit in AMOUNT_UNITS else {round(f.value, 2)}
    for g in a.figures:
        if g.formula and "=" in g.formula:
            if values & {round(n.value, 2) for n in find_numbers(g.formula.split("=")[0])}:
                return True
    return False


def _parts_adding_up(a: Answer, facts: Sequence[Fact]) -> list[list[Fact]]:
    """For each whole the answer states (三公经费 509.20万元) that the lexicon splits into parts (terms.json items'
    parts), the other file's narrative facts stating those parts close together (in the order extracted, on one
    page) when they add up to it (因公出国（境）费 70, 公务用车… 411.20, 公务接待费 28): the file states the whole
    only as its parts."""
    out: list[list[Fact]] = []
    for g in a.figures:
        if g.formula or g.unit not in AMOUNT_UNITS:
            continue
        for whole, entry in terms()["items"].items():
            parts = entry.get("parts", [])
            if not parts or whole not in g.label:
                continue
            at = {p: [(i, f) for i, f in enumerate(facts) if f.subject == p and f.unit in AMOUNT_UNITS and f.table is None]
                  for p in parts}
            for i, first in at[parts[0]]:
                near = [min(((abs(j - i), f) for j, f in at[p] if f.doc_id == first.doc_id and f.page == first.page),
                            key=lambda x: x[0], default=(PARTS_APART + 1, None)) for p in parts[1:]]
                group = [first, *(f for _, f in near)]
                if all(d <= PARTS_APART for d, _ in near) and abs(sum(to_wan(f.value, f.unit) for f in group)
                                                                  - to_wan(g.value, g.unit)) < 0.006:
                    out.append(group)
                    break
    return out
