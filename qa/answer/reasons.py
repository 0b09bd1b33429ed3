"""Why a figure is what it is: the report's sentence that gives the reason, next to the one stating the change.

Reports explain a change right after stating it — `…与上年相比增加9,000万元，增长900%。主要原因是增加市校共建
专项。` — so a 为什么 question is answered by the best-matching sentence about the asked item and, within the
next few sentences of the same item, the first one holding a reason cue (`主要原因`, `原因：`, `由于`; the
lexicon's `reason_cues`). A reason for a decrease does not answer a question about an increase: the
question's direction (多/少) is matched against the words around the reason.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Sequence

from rapidfuzz import fuzz

from ..lexicon import cues as lexicon_cues, question_words
from ..models import Answer, Chunk, Citation, Figure
from ..search.query import Query
from ..search.retrieve import Hit, Retriever
from ..text.chars import PART_HEADING, longest_first, squash
from ..text.numbers import AMOUNT_UNITS, convert_amount, find_numbers
from ..text.spoken import spoken_amounts
from .lists import ITEM_START
from .passages import MIN_COVERAGE, Sentence, following_sentences, rank_sentences

#: anchors tried: the best-ranked sentences scoring at least this share of the best
ANCHOR_RATIO = 0.6
MAX_ANCHORS = 8
#: the least coverage of a sentence that prints a figure the question quotes, for it to be an anchor
QUOTED_COVERAGE = 0.3
#: a reason stands within this many sentences after the one stating the change
REASON_WINDOW = 5
#: a reason found further from its anchor counts a little less
DISTANCE_COST = 0.08
#: a reason whose words say the opposite direction from the question (减少 for 为什么多了)
OPPOSITE = 0.5
#: the weight of a reason whose sentences say no change at all, asked why something went up or down
UNMOVED = 0.8
#: an anchor stating an amount or a rate the question quotes (只花了4.7万, 增长55.72%) is very likely the one asked about
SAID_AMOUNT = 1.5
#: an anchor stating no figure is rarely the statement of a change
NO_FIGURE = 0.7
#: a sentence whose reason cue comes after at most this many characters opens with its reason
#: (`增加（减少）主要原因是…`): it explains the sentence before it
LEADING_CUE = 8
#: at most this many characters of the reason sentence are quoted in the answer
REASON_MAX = 240
#: how much naming the asked item just before a reason counts; a name only close to it counts this much
ITEM_WEIGHT = 0.5
NEAR_NAME = 0.8
#: a cue that says what money is for, not why it changed (questions.json weak_reason_cues), when the
#: question asks why it went up or down
WEAK_CUE = 0.6
# where a new enumerated item starts after a sentence end: `。（三）`, `。8.`
_ITEM_AFTER_END = re.compile(r"[。；;]\s*(?=[（(]?[一二三四五六七八九十\d]{1,3}[)）、.．])")


@dataclass(frozen=True)
class Reason:
    anchor: str
    anchor_chunk: Chunk
    reason: str
    reason_chunk: Chunk
    score: float


@lru_cache(maxsize=1)
def _not_directions() -> re.Pattern[str]:
    """The words in which 多 says no direction (questions.json not_directions: 多少 asks, 这么多 stresses, 九千多万
    approximates), as one pattern."""
    return re.compile("|".join(question_words()["not_directions"]))


def direction(text: str) -> str | None:
    """`up`, `down` or None: which way the words say a figure went (多了/增加 vs 少/节约)."""
    words = question_words()["directions"]
    text = _not_directions().sub("", text)  # 多少, 这么多, 九千多万
    up = any(w in text for w in words["up"])
    down = any(w in text for w in words["down"])
    return "up" if up and not down else "down" if down and not up else None


def find_reason(query: Query, hits: Sequence[Hit], retriever: Retriever, required: Sequence[str] = (),
                stated: Sequence[Figure] = (), cited: Sequence[str] = ()) -> Reason | None:
    """The best (anchor, reason) pair of sentences for a 为什么 question, or None when no sentence near a
    well-matching one gives a reason. `required`: 科目 of which the anchor must name one; `stated`: figures
    already found for the item (增长了多少，为什么): a sentence printing one of them states the change asked about;
    `cited`: the sentences (whitespace removed) those figures were read from, which state it though they leave the
    item's name to the sentence before."""
    cited = set(cited)
    topic = _topic_only(query)
    item = max(topic.topic.split() or [""], key=len)  # the item's own name, without the user's other words
    said = spoken_amounts(query.text)
    rates = [n.value for n in find_numbers(query.text) if n.unit == "%"]
    every = rank_sentences(topic, hits)
    ranked = [s for s in every if s.coverage >= MIN_COVERAGE]
    if required:
        ranked = [s for s in ranked if any(r in _unmarked(_own_part(s.text)) for r in required)]
    if not ranked:
        return None
    top = ranked[0].score
    # a sentence printing the very figure the question quotes (增长55.72%的原因) is the statement asked about,
    # though it leaves the item's name to the sentence before it (…住房保障（类）支出…。与上年相比…增长55.72%。)
    quoted = [replace(s, score=top) for s in every if s not in ranked
              and (s.coverage >= QUOTED_COVERAGE or _named_just_before(s, item) or squash(s.text) in cited)
              and (said and _states_amount(s, said) or rates and _states_rate(s, rates)
                   or _states_figure(s, [f for f in stated if f.unit in AMOUNT_UNITS]))] if said or rates or stated else []
    ranked = [*quoted[:MAX_ANCHORS], *ranked]
    cues, weak = question_words()["reason_cues"], question_words()["weak_reason_cues"]
    asked = direction(query.text)
    best: Reason | None = None
    for anchor in ranked[:MAX_ANCHORS]:
        if anchor.score < ANCHOR_RATIO * top:
            break
        own = _own_part(anchor.text)
        if _opens_with_reason(own, cues):
            continue  # the reason of the sentence before it, not a statement of its own
        window = [(own, anchor.hit.chunk)]
        anchor_names_item = any(x in _unmarked(own) for x in (item, *required)) or _named_just_before(anchor, item) \
            or squash(anchor.text) in cited  # (the sentence the asked figure was read from states the item's change)
        for text, chunk in following_sentences(anchor, retriever, limit=400)[:REASON_WINDOW]:
            if PART_HEADING.match(text) or ITEM_START.match(text):
                break  # the next item or part: its reasons are about something else
            window.append((text, chunk))
        for distance, (text, chunk) in enumerate(window):
            if not any(c in text for c in cues):
                continue
            went = direction(own + text)
            fit = OPPOSITE if asked and went and went != asked else UNMOVED if asked and not went else 1.0
            # of several reasons near the anchor, the one given right after the asked item is named
            # (…购置支出…原因是无购置计划；运行维护费支出…。比上年减少100%，原因是系统更新…)
            before = squash((window[distance - 1][0] if distance else "") + text[: _cue_at(text, cues)])
            # a reason after an anchor that names the item itself, before the next item starts, is the item's
            # (…（项）”615.12万元，主要用于…。年初预算为…完成51.68%。决算数小于预算数的主要原因：…)
            named = 1.0 if item in before or (distance and anchor_names_item) else \
                NEAR_NAME * fuzz.partial_ratio(item, before) / 100
            fit *= 1 - ITEM_WEIGHT + ITEM_WEIGHT * named
            if all(c in weak for c in cues if c in text):  # 主要用于 says what the money is for, not why it changed
                fit *= WEAK_CUE if asked else 1.0
            if said and _states_amount(anchor, said) or rates and _states_rate(anchor, rates) \
                    or _states_figure(anchor, stated):
                fit *= SAID_AMOUNT
            if not anchor.figures:
                fit *= NO_FIGURE
            score = anchor.score * fit * (1 - DISTANCE_COST * distance)
            if best is None or score > best.score:
                best = Reason(own, anchor.hit.chunk, _counted_on(window, distance, cues), chunk, score)
    return best


def _counted_on(window: Sequence[tuple[str, Chunk]], at: int, cues: Sequence[str]) -> str:
    """The reason clause of `window[at]`, with the sentences after it that go on counting reasons
    (主要原因：一是…减少；二是…增加了该项支出。): the reasons counted on are all the reason."""
    text = window[at][0]
    reason = _reason_part(text, cues)
    if reason == text and lexicon_cues().first_reason.search(reason):
        # (a short last reason was kept with the sentence after it, `五是…支出。其中：财政拨款收入…`: not that sentence)
        for piece in (p for following, _ in window[at + 1:] for p in re.split(r"(?<=[。；;])", following) if p.strip()):
            if not lexicon_cues().next_reason.match(piece.lstrip()):
                break
            reason += piece
    return reason


def _cue_at(text: str, cues: Sequence[str]) -> int:
    return min((text.find(c) for c in cues if c in text), default=len(text))


def _opens_with_reason(text: str, cues: Sequence[str]) -> bool:
    at = min((squash(text).find(c) for c in cues if c in squash(text)), default=-1)
    return 0 <= at <= LEADING_CUE


def _states_amount(sentence: Sentence, said: Sequence[tuple[float, float]]) -> bool:
    """Whether the sentence prints an amount within one of the ranges the question says (in 元)."""
    for n in sentence.figures:
        if n.unit in AMOUNT_UNITS:
            yuan = convert_amount(n.value, n.unit, "元")
            if any(low <= abs(yuan) < high for low, high in said):
                return True
    return False


def _states_figure(sentence: Sentence, figures: Sequence[Figure]) -> bool:
    """Whether the sentence prints one of the figures (value and unit; a change's sign aside)."""
    return any(n.unit == f.unit and abs(abs(n.value) - abs(f.value)) < 0.005 for n in sentence.figures for f in figures)


def _states_rate(sentence: Sentence, rates: Sequence[float]) -> bool:
    """Whether the sentence prints a rate the question quotes (增长55.72%的原因)."""
    return any(n.unit == "%" and any(abs(abs(n.value) - r) < 0.005 for r in rates) for n in sentence.figures)


def _topic_only(query: Query) -> Query:
    """The query with the words that ask why and which way (为什么, 增加, 少) taken out of its topic: they
    are in every reason sentence and say nothing of the item asked about."""
    words = question_words()
    # (and the words a report opens a reason with, 主要原因: the question's 的主要原因是什么 names no item either)
    noise = sorted({*words["answer_forms"]["reason"], *words["reason_cues"], *words["directions"]["up"],
                    *words["directions"]["down"]}, key=longest_first)
    # (这么多 / 很多 stress, 多少 asks: neither is an item's word, and the 多 left alone would read as a direction)
    topic = _not_directions().sub(" ", query.topic)
    for w in noise:
        topic = topic.replace(w, " ")  # (a gapped cue's parts go with the plain words and directions)
    return replace(query, topic=" ".join(topic.split()))


#: how far before a sentence the item's name may stand for the sentence to state the item's change
NAME_BEFORE = 80


def _named_just_before(s: Sentence, item: str) -> bool:
    """Whether the item's name stands just before the sentence in its chunk (…社会保障和就业（类）支出1289.52万元。
    与上年相比减少710.87万元: the change is the item's, though its sentence leaves the name to the one before)."""
    text = squash(s.hit.chunk.text)
    at = text.find(squash(s.text)[:12])
    return len(item) >= 2 and at > 0 and item in _unmarked(text[max(0, at - NAME_BEFORE):at])


def _unmarked(text: str) -> str:
    """The text without its 科目 level marks: `其他人大事务（项）支出` names 其他人大事务支出."""
    return re.sub(r"[（(][类款项][）)]", "", squash(text))


def _own_part(sentence: str) -> str:
    """The sentence from its last enumerated item on: a short sentence ending the item before (its reason)
    was kept with this one as if it were a heading (`主要原因是科目调整。（三）一般行政管理事务…`)."""
    starts = [m.end() for m in _ITEM_AFTER_END.finditer(sentence)]
    return sentence[starts[-1]:] if starts else sentence


def _reason_part(text: str, cues: Sequence[str]) -> str:
    """The text up to the end of the clause giving the reason: a short reason sentence was kept with the next
    item's heading (`主要原因是增加市校共建专项。8.普通教育（款）…`), which is no part of it."""
    parts = re.split(r"(?<=[。；;！？])", text)
    for i, part in enumerate(parts):
        if any(c in part for c in cues):
            return "".join(parts[: i + 1])
    return text


def answer_reason(question: str, query: Query, hits: Sequence[Hit], retriever: Retriever,
                  required: Sequence[str] = (), figure: Answer | None = None) -> Answer | None:
    """The reason the report gives, quoted after the sentence stating what it explains; None when no reason
    sentence is found (the other paths then answer). `figure`: the answer of the figure the question also asks
    (增长了多少，为什么), stated first; the reason is looked for beside the sentence that prints it."""
    found = find_reason(query, hits, retriever, required, stated=figure.figures if figure else (),
                        cited=[squash(c.quote) for c in figure.citations] if figure else ())
    if found is None:
        return None
    docs = retriever.index.documents_by_id
    doc = docs.get(found.anchor_chunk.doc_id, {})
    title = doc.get("title") or found.anchor_chunk.source
    anchor = re.sub(r"\s+", "", found.anchor)
    reason = re.sub(r"\s+", "", found.reason)[:REASON_MAX]
    text = f"{title}：{reason}" if reason.startswith(anchor) else f"{title}：{anchor}{reason}"
    citations = [_cite(found.anchor, found.anchor_chunk, found.score)]
    if found.reason != found.anchor:
        citations.append(_cite(found.reason, found.reason_chunk, found.score))
    if figure is not None:
        # the anchor's own citation repeats the figure's when both quote the same sentence
        quoted = [squash(c.quote) for c in figure.citations]
        citations = [c for c in citations if not any(q and squash(c.quote) in q for q in quoted) or c.quote == found.reason]
        return Answer(question=question, found=True, text=f"{figure.text}\n{text}", figures=figure.figures,
                      citations=tuple(dict.fromkeys((*figure.citations, *citations))),
                      method=f"{figure.method}+passages")
    return Answer(question=question, found=True, text=text, figures=(), citations=tuple(citations),
                  method="passages")


def _cite(sentence: str, chunk: Chunk, score: float) -> Citation:
    return Citation(source=chunk.source, quote=sentence, page=chunk.page, lines=chunk.lines, score=score,
                    **chunk.table_fields())


def states_no_reason(a: Answer, query: Query) -> bool:
    """Whether an answer to a question asking why states no reason: neither its text nor a passage it
    cites holds a word a report opens a reason with (questions.json reason_cues). Such an answer is a figure or a
    table found near the words asked, and says nothing of why."""
    if query.form != "reason" or query.parts or not a.found \
            or any(w in query.text for w in question_words()["purpose_words"]):  # (用在哪些方面: rows may answer)
        return False
    said = [a.text, *(c.quote for c in a.citations)]
    return not any(cue in text for cue in question_words()["reason_cues"] for text in said)
