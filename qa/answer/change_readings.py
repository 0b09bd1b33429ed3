"""Other readings of a change the report prints (增减额 / 增减率): on another basis its sentence names, or the same
change printed again with other figures — each shown beside the one answered, never silently dropped; and whether
a change question asks its rate, its amount or both (`asks_rate`, `asks_amount`)."""
from __future__ import annotations

import re
from typing import Sequence

from ..lexicon import cues, terms
from ..lexicon.formula_table import formulas
from ..models import Fact
from ..search.operation import Operation
from ..search.query import Query
from ..text.chars import find_cue
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


def asks_rate(query: Query, op: Operation) -> bool:
    """Whether a change question asks its rate (增长率, 降了百分之几) as well as, or instead of, its amount."""
    rate = formulas().formulas["增减率"]
    return op.derived == "增减率" or query.figure_kind == "percent" or "percent" in query.more_kinds or any(
        c in query.text for c in (*rate.cues, *rate.also_cues)) or _ends_in_change(query.text)


def _ends_in_change(text: str) -> bool:
    """Whether a question closes on a bare change word, asking neither 多少 nor 百分之几 (2021比2020增长): the
    amount and the rate are both its answer."""
    bare = re.sub(r"[了吗呢\s？?。！!]+$", "", text)
    return any(bare.endswith(w) for w in terms()["measures"]["增减"]["aliases"] if not w.startswith(("比", "较")))


def asks_amount(query: Query) -> bool:
    """Whether a question asking a change's rate asks its amount too (多了多少？增长幅度是多少？)."""
    amount = formulas().formulas["增减额"]
    words = [c for c in amount.cues if re.search(r"多少|多还是少|还是", c)]  # (比上年, 变化: no amount asked alone)
    return any(find_cue(c, query.text) for c in words)  # (超出年初预算多少钱: a cue with a gap)
