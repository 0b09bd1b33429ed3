"""Other readings of a change the report prints (增减额 / 增减率): on another basis its sentence names, or the same
change printed again with other figures — each shown beside the one answered, never silently dropped."""
from __future__ import annotations

from typing import Sequence

from ..lexicon import cues
from ..models import Fact
from .match import Statement

CHANGES = ("增减额", "增减率")


def other_readings_of_change(doc_id: str, subject: str, chosen: Sequence[Fact], printed: Sequence[Fact]) -> list[Statement]:
    """The change of `subject` printed elsewhere than in the chosen sentence with other figures:
    - on another basis its sentence names (`按与上年统计口径一致相比，本年比上年减少161.96万元`): a second legitimate
      reading, labelled with that basis;
    - else the report disagreeing with itself (`收、支预算总计各增加3608.98万元` on one page, `3756.18万元` on
      another): the first such sentence's amount and rate, marked as a disagreement."""
    if not any(f.measure in CHANGES for f in chosen):
        return []
    stated = {(f.measure, f.value) for f in chosen}
    amounts = {f.value for f in chosen if f.measure == "增减额"}
    based: list[Statement] = []
    for f in printed:
        basis = cues().other_basis.search(f.quote) if f.table is None else None
        if basis and f.measure in CHANGES and (f.measure, f.value) not in stated:
            stated.add((f.measure, f.value))
            based.append(Statement(doc_id, f"{subject}（{basis.group(0).strip()}）", f.measure, f.value, f.unit, (f,)))
    # (a sentence whose change amount is another: its amount and its rate, read together)
    other = next((f for f in printed if f.table is None and f.measure == "增减额" and amounts and f.value not in amounts
                  and (f.measure, f.value) not in stated), None)
    disagreeing = [Statement(doc_id, subject, f.measure, f.value, f.unit, (f,), conflict=True) for f in printed
                   if other is not None and f.quote == other.quote and f.measure in CHANGES
                   and (f.measure, f.value) not in stated]
    return sorted(based, key=lambda st: st.measure != "增减额") + sorted(disagreeing, key=lambda st: st.measure != "增减额")
