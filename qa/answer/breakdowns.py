"""Figures a report states together with the one answered, added to a lookup's answer: the parts its own sentence
splits it into (`实有人员97人，其中市委宣传部行政85人、市委讲师团事业12人`), and for a count of what a 三公 item
pays for, the other counts and the spend its paragraph states beside it (`因公出国（境）费20.74万元…组织出国团组5个；
全年因公出国（境）累计15人次`). A reader asking one of them is told the figures the report gives with it."""
from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from ..lexicon import terms
from ..models import Answer, Fact, Figure
from ..search.query import Query
from ..store.index import Index
from ..text.chars import squash
from ..text.numbers import AMOUNT_UNITS, Number, find_numbers, format_value
from .listed_rows import _bigrams
from .match import Statement
from .statements import _citations

#: 其中 right after a figure (its clause may go on a little first: 97人，其中…; 62 人，其中：…)
_PARTS_OPEN = re.compile(r"^[^。；;\d]{0,6}?其中[：:，,]?")
#: words joining a part's label to its figure (行政编制 7 人, 在职为85人): not part of the label
_LABEL_ENDS = re.compile(r"(?:共计|合计|共|计|为|是|达|有)+$")
#: the most parts a sentence may list and still be read as splitting the whole (with it, five figures: an answer
#: stating more buries the one asked)
MOST_PARTS = 4
#: how many facts apart, in the order extracted, a paragraph's counts may stand and still be read together
FACTS_APART = 2
#: how many facts before a count its activity's spend may stand (the spend is stated first, then what it paid for:
#: 公务接待费支出0.16万元…；共接待国外来访团组0个，来访外宾0人次；发生国内接待1次)
SPEND_BEFORE = 5


def with_breakdown(a: Answer, query: Query) -> Answer:
    """The answer with the parts its cited sentence splits a figure it states into, in that figure's unit and
    adding up to no more than it; as it is when no sentence does or more than a lookup was asked."""
    if not _a_lookup(a, query) or len(a.figures) != 1:
        return a
    known = {(round(f.value, 2), f.unit) for f in a.figures}
    lines, figures = [], []
    for f in a.figures:
        if f.formula or f.unit is None or f.unit == "%":
            continue
        for c in a.citations:
            parts = _parts_of(f, squash(c.quote))
            parts = [(label, n) for label, n in parts if (round(n.value, 2), n.unit) not in known]
            if parts:
                known |= {(round(n.value, 2), n.unit) for _, n in parts}
                lines.append("其中：" + "，".join(f"{label}{format_value(n.value)}{n.unit}" for label, n in parts) + "。")
                figures.extend(Figure(n.value, n.unit, label) for label, n in parts)
                break
    if not lines:
        return a
    return replace(a, text="\n".join([a.text, *lines]), figures=(*a.figures, *figures))


def _parts_of(whole: Figure, quote: str) -> list[tuple[str, Number]]:
    """(label, number) of each part `quote` lists after `whole` opened by 其中, in its unit, while they add up to no
    more than it; [] when the figure is not followed by such a list."""
    numbers = find_numbers(quote)
    for i, n in enumerate(numbers):
        if abs(n.value - whole.value) > 1e-9 or n.unit != whole.unit:
            continue
        rest = quote[n.end:]
        opened = _PARTS_OPEN.match(rest)
        if not opened:
            continue
        sentence_end = min((k for k in (rest.find("。"), rest.find("；"), rest.find(";")) if k >= 0), default=len(rest))
        start, parts, total = n.end + opened.end(), [], 0.0
        for m in numbers[i + 1:]:
            if m.start >= n.end + sentence_end or len(parts) == MOST_PARTS:
                break
            between = quote[start:m.start]
            if re.search(r"[（(]\s*其中", between) or m.unit != whole.unit:
                break  # (a part's own 其中, in brackets, splits the part, not the whole)
            label = _LABEL_ENDS.sub("", re.sub(r"^[，,、：:；\s]+|[，,、：:\s]+$", "", between))
            if len(label) < 2 or total + m.value > whole.value * 1.0001:
                break
            if m.value == 0:  # (a part the report says is none tells nothing of the whole's make-up)
                start = m.end
                continue
            parts.append((label, m))
            total += m.value
            start = m.end
        return parts
    return []


def with_activity_figures(a: Answer, query: Query, index: Index) -> Answer:
    """A count answered from the narrative (组织出国团组5个, 发生国内接待1次) with the figures its paragraph states
    beside it of the same activity: a count in another unit (15人次) and the activity's spend (20.74万元), the
    nearest of each among the facts extracted next to it that share a word with it; as it is when none do."""
    if not _a_lookup(a, query) or query.figure_kind != "count":
        return a
    counts = [f for f in a.figures if not f.formula and f.unit and f.unit not in (*AMOUNT_UNITS, "%")]
    if not counts:
        return a
    count = counts[0]
    quotes = {squash(c.quote) for c in a.citations}
    for doc_id in query.doc_ids:
        facts = index.facts([doc_id])
        at = next((k for k, f in enumerate(facts) if f.table is None and f.unit == count.unit
                   and abs(f.value - count.value) < 1e-9 and any(squash(f.quote) in q for q in quotes)), None)
        if at is None:
            continue
        near = _beside(facts, at, {u for u in (f.unit for f in a.figures) if u})
        if not near:
            return a
        said = [Statement.of(f) for f in near]
        lines = [f"{f.subject}：{format_value(f.value)}{f.unit}" for f in near]
        return replace(a, text=f"{a.text}\n{'；'.join(lines)}。",
                       figures=(*a.figures, *(Figure(f.value, f.unit, f.subject) for f in near)),
                       citations=tuple(dict.fromkeys((*a.citations, *_citations(said, index)))))
    return a


def _beside(facts: list[Fact], at: int, stated_units: set[str]) -> list[Fact]:
    """The nearest narrative facts around facts[at], on its page, sharing a word with it that tells the parts of a
    whole apart: one count in each unit not yet stated and one amount."""
    counted = facts[at]
    words = _bigrams(counted.subject) - _shared_by_parts()
    # (only a count of what a part of a whole pays for: 出国团组 of 因公出国（境）费, 接待 of 公务接待费)
    words &= _part_words()
    picked: dict[str, Fact] = {}
    for k in sorted(range(max(0, at - SPEND_BEFORE), min(len(facts), at + FACTS_APART + 1)), key=lambda k: abs(k - at)):
        f = facts[k]
        reach = SPEND_BEFORE if k < at and f.unit in AMOUNT_UNITS else FACTS_APART
        if k == at or abs(k - at) > reach or f.table is not None or not f.unit or f.unit == "%" or f.page != counted.page \
                or f.unit in stated_units or not words & _bigrams(f.subject):
            continue
        kind = "amount" if f.unit in AMOUNT_UNITS else f.unit
        picked.setdefault(kind, f)
    return list(picked.values())


@lru_cache(maxsize=1)
def _part_words() -> frozenset[str]:
    """The character pairs of the lexicon's parts of wholes (三公经费: 因公出国（境）费, 公务用车购置及运行维护费,
    公务接待费)."""
    return frozenset(b for item in terms()["items"].values() for p in item.get("parts", ()) for b in _bigrams(p))


@lru_cache(maxsize=1)
def _shared_by_parts() -> frozenset[str]:
    """Character pairs two parts of one whole share (公务 of 公务用车… and 公务接待费): they tell no part apart."""
    shared: set[str] = set()
    for item in terms()["items"].values():
        parts = [_bigrams(p) for p in item.get("parts", ())]
        shared |= {b for k, p in enumerate(parts) for q in parts[k + 1:] for b in p & q}
    return frozenset(shared)


def _a_lookup(a: Answer, query: Query) -> bool:
    """Whether the answer states a figure or two looked up, for one question asking one thing (几个 asks a count
    the report may state)."""
    op = query.operation
    asked = op.kind == "lookup" or op.kind == "aggregate" and op.function == "count" and op.threshold is None
    return a.found and query.form == "figure" and asked and op.derived is None and not query.parts \
        and not query.more_kinds and 0 < len(a.figures) <= 2 and not any(f.formula for f in a.figures)
