"""Extractive answers from retrieved passages: pick the sentence(s) that answer, state their figures,
cite them. No language model: every word of an answer's evidence is the report's own.

A sentence is scored by how much of the question's topic it covers (terms weighted by how rare they
are in the scoped reports), whether it carries the report phrasing of the asked measure (e.g.
`完成年初预算的` for 执行率), and whether it holds a figure when the question asks for one. Below
`MIN_COVERAGE` nothing is stated and the answer says it found nothing.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace
from typing import Sequence

from rapidfuzz import fuzz

from ..models import Answer, Chunk, Citation, Figure
from ..lexicon import in_report_words, question_words
from ..lexicon.formula_table import operation_words
from ..search.parts import count_unit_asked
from ..search.query import Query, terms
from ..search.retrieve import Hit, Retriever
from ..text.chars import PART_HEADING, longest_first, squash
from ..text.numbers import Number, find_numbers, format_value
from ..text.tokens import word_tokens
from .across import reports
from .lists import _ITEM_INSIDE, _item_marker, _marker_value, opens_list
from .nothing import stated_none, withheld
from .sections import section_items
from .listed_total import listed_names, listed_total
from .pick import (FIGURE_KINDS, compared, counts_other_things, figure_kind, focus_of, label_before, names_year,
                   pick_figures, stated_for)

#: share of the topic's (idf-weighted) terms a sentence must cover to be stated as an answer
MIN_COVERAGE = 0.45  # calibrated: benchmarks/calibrate.py on devset/a and the public gold (benchmarks/README.md)
#: a sentence holding the item's characters in order counts as covering this share of it at most
FUZZY_WEIGHT = 0.9
#: the fewest of the item's characters a fuzzy match must hold (its partial_ratio × its length) to cover it at all
FUZZY_FLOOR = 4  # calibrated on the tunable sets: 0, 3, 4 -> 2612, 2612, 2613 of 2859 right
#: a sentence holding the report phrasing of the item the lexicon recognised (车 -> 车辆) covers this share
LEXICON_COVERAGE = 0.8
#: the weight of a sentence whose figures are none of the kind asked (amounts when a count is asked)
OTHER_KIND = 0.8
#: passages read for sentences: more than the retrieval's top k, since sentences are ranked again here
SENTENCE_POOL = 16
#: a second or third sentence is stated only when it scores this close to the best
KEEP_RATIO = 0.85
#: how much more the last term of the item weighs than its first when a sentence's coverage is counted
HEAD_WEIGHT = 0.5
MAX_SENTENCES = 3
#: a figure answer states the figures of at most this many sentences
MAX_FIGURE_SENTENCES = 2
#: of one sentence, the best figure and those scoring this close to it (团组52个，520人次), at most MAX_PICKED
PICK_RATIO = 0.85
MAX_PICKED = 3
#: a "哪些" question looks this far down the ranked sentences for one that opens a list
MAX_LIST_CANDIDATES = 6
#: a sentence this short with no figure is a heading for the next one
HEADING_MAX = 40
#: a reason or list answer quotes at most this many characters of its passage
TEXT_ANSWER_MAX = 600

#: a 、 between two single characters (收、支) joins them into the word they abbreviate
_ENUM_COMMA = re.compile(r"(?<=[\u4e00-\u9fff])、(?=[\u4e00-\u9fff](?:[\u4e00-\u9fff]|$))")
_SENTENCE_END = re.compile(r"(?<=[。；！？;!?])|\n")
_UNIT_WRAPPED = re.compile(r"(\d)\s*\n\s*(万元|亿元|元|%)")
# words that carry no topic in a question (the scope is handled by filters)
_STOP = {"的", "和", "与", "及", "是", "了", "年", "年度", "多少", "各", "比", "在", "有", "为", "把", "对", "中", "其"}
#: a list or reason answer stops before it would state more distinct figures than this
TEXT_ANSWER_FIGURES = 5
@dataclass(frozen=True)
class Sentence:
    text: str
    hit: Hit
    score: float
    coverage: float
    figures: tuple[Number, ...]


def split_sentences(text: str) -> list[str]:
    """Sentences of a passage; a table row is one sentence. A short sentence without figures (a
    numbered heading such as `5.卫生健康支出(类)医疗救助(款)城乡医疗救助(项)。`) stays with the sentence
    after it, which states the figures it is about — unless that one opens a numbered item of its own and the short
    one, a whole sentence, opens none: then it ends the sentence before it (a clause opening a list, 包括：, stays)."""
    text = _UNIT_WRAPPED.sub(r"\1 \2", text)  # `年初预算为 1,190.14` / `万元，…`: one figure wrapped over two lines
    parts = [s.strip() for s in _SENTENCE_END.split(text) if s and s.strip()]
    out: list[str] = []
    carry = ""
    reason_cues = question_words()["reason_cues"]
    for p in parts:
        if carry and out and _item_marker(p) and not _item_marker(carry) and carry.endswith(("。", "；", ";")):
            # (…一是…。二是进一步提升征缴的质量。 before `3.特殊人群…`: the end of the item before, no heading of the next)
            out[-1], carry = f"{out[-1]}{carry}", ""
        if not _figures(p) and len(p) <= HEADING_MAX and not any(c in p for c in reason_cues):  # (a reason is no heading)
            carry = f"{carry}{p}"
            continue
        out.append(f"{carry}{p}")
        carry = ""
    if carry:
        out.append(carry)
    return out


def _figures(text: str) -> tuple[Number, ...]:
    return tuple(n for n in find_numbers(text) if n.kind in FIGURE_KINDS)



#: a glossary entry (名词解释: `8.基本支出：是…`, `…（项）：指…`) weighs this much unless a meaning is asked
DEFINITION_WEIGHT = 0.6
_DEFINES = re.compile(r"[：:]\s*(?:是指|指|是)(?![\d])")
#: how much naming the part asked (货物 of 政府采购里货物类) adds to a sentence's coverage of the item
FOCUS_WEIGHT = 0.1


def item_text(query: Query) -> str:
    """The topic without the measure words: what the question is about (`城乡医疗救助执行率` -> `城乡医疗救助`)."""
    vocab = terms()["measures"]
    words = sorted({a for m in vocab.values() for a in m["aliases"]}, key=longest_first)
    text = query.topic
    for w in words:
        text = text.replace(w, " ")
    # 多少个内设处室: the counting unit asked in opens the topic, no word of the item
    unit = count_unit_asked(query.text)
    if unit and text.lstrip().startswith(unit):
        text = text.lstrip()[len(unit):]
    text = in_report_words(text, shortest=4)  # 笔记本电脑: the report's 便携式计算机
    text = re.sub(r"(?<=[\u4e00-\u9fff]{2})类(?=\s|$)", "", text)  # 服务类: reports write 拟购买服务
    text = re.sub(r"\s+", " ", text).strip()
    return "" if re.fullmatch(r"[的之]?", text) else text  # (的预算执行率: no item, the department as a whole)


def topic_terms(text: str) -> list[str]:
    vocab = terms()
    noise = _STOP | set(vocab["filler"]) | set(vocab["question_words"])
    return [t for t in dict.fromkeys(word_tokens(text)) if t not in noise and not t.isdigit()]


def _idf(terms_: Sequence[str], texts: Sequence[str]) -> dict[str, float]:
    """Rare terms weigh more; a term no retrieved passage holds weighs nothing — it is the user's own word
    (今年, 里, 大概), not a sign that the passages miss the item."""
    n = max(len(texts), 1)
    df = {t: sum(1 for x in texts if t in x) for t in terms_}
    return {t: math.log(1 + n / (1 + d)) for t, d in df.items() if d}


def wants_figure(query: Query) -> bool:
    return query.form == "figure"


def _measure_words(query: Query) -> list[str]:
    vocab = terms()["measures"]
    words = [w.replace("%", "") for m in query.measures for w in (*vocab[m]["aliases"], *vocab[m]["phrases"])]
    return [w for w in words if len(w) >= 2]


def fmt_number(n: Number) -> str:
    """A figure as the report prints it: its own decimals, thousands separators dropped, its unit."""
    return f"{n.value:.{n.decimals}f}{n.unit or ''}"


def rank_sentences(query: Query, hits: Sequence[Hit]) -> list[Sentence]:
    """Sentences of the hits, best first. `coverage` is the share of the item's (idf-weighted) terms a
    sentence holds; the score also asks for the measure's phrasing and, when wanted, a figure."""
    item = item_text(query) or query.topic
    item_terms = topic_terms(item)
    lowered = [h.chunk.text.lower() for h in hits]
    idf = _idf(item_terms, lowered)
    # the head of a Chinese noun phrase comes last (核查中心追回违规金额: 追回违规金额 is asked, 核查中心 says whose)
    last = max(len(item_terms) - 1, 1)
    idf = {t: w * (1 + HEAD_WEIGHT * item_terms.index(t) / last) for t, w in idf.items()}
    total = sum(idf.values()) or 1.0
    measure_words = _measure_words(query)
    items = terms()["items"]
    item_phrases = [squash(ph) for it in query.items for ph in items[it]["phrases"] if len(ph) >= 2]
    need_figure = wants_figure(query)
    asks_meaning = any(w in query.text for w in question_words()["meaning_words"])
    item_key = squash(item).lower()
    focus = focus_of(item)  # 政府采购里货物类: a sentence naming 货物 beats one naming only 政府采购
    focus_terms = topic_terms(focus) if focus != item else []
    out: list[Sentence] = []
    for rank, hit in enumerate(hits):
        previous, joining = "", False
        for sent in split_sentences(hit.chunk.text):
            # 其中…；…；… names the parts of the sentence before it: read with it, up to the list's end
            joining = bool(previous) and (sent.lstrip().startswith("其中") or joining and previous.rstrip().endswith(("；", ";")))
            if joining:
                sent = previous + sent
            previous = sent
            low = _ENUM_COMMA.sub("", sent.lower())  # 收、支总计 names 收支
            # (naming no item, the question asks of the department as a whole: a sentence stating the measure covers it)
            coverage = sum(w for t, w in idf.items() if t in low) / total if item_terms \
                else float(not item_key and bool(measure_words) and any(w in sent for w in measure_words))
            if item_key and item_key in squash(low):
                coverage = 1.0
            elif item_key:  # the item's characters in order (公务车 in 公务用车): one word more or less is no miss
                near = fuzz.partial_ratio(item_key, squash(low))
                if near * len(item_key) / 100 >= FUZZY_FLOOR:  # (two characters of a name said elsewhere: no cover)
                    coverage = max(coverage, near / 100 * FUZZY_WEIGHT)
            if any(ph in squash(sent) for ph in item_phrases):  # the report's own words for the item the lexicon read
                coverage = max(coverage, LEXICON_COVERAGE)
            figures = _figures(sent)
            if focus_terms:
                coverage += FOCUS_WEIGHT * sum(t in low for t in focus_terms) / len(focus_terms)
            score = coverage
            if measure_words and not any(w in sent for w in measure_words):
                score *= 0.6
            if need_figure and not figures:
                score *= 0.5
            elif need_figure and not any(figure_kind(n) in (query.figure_kind, *query.more_kinds) for n in figures):
                score *= OTHER_KIND  # holds figures, but none of the kind asked (a count for 几辆)
            if not asks_meaning and _DEFINES.search(sent):  # a glossary entry (X：指…) answers 什么是X only
                score *= DEFINITION_WEIGHT
            score *= 1.0 - 0.02 * rank  # retrieval order breaks ties
            out.append(Sentence(sent, hit, score, coverage, figures))
    out.sort(key=lambda s: -s.score)
    return out


def _with_following(s: Sentence, retriever: Retriever, limit: int = TEXT_ANSWER_MAX,
                    purposes: bool = False) -> tuple[str, tuple[int, int] | None]:
    """The sentence plus the sentences after it in the report (this passage, then the next ones), up to
    `limit` characters, and the lines that span: a list or a reason often runs past the passage that names
    it. A list stops after its last item."""
    following = [(x, chunk.lines) for x, chunk in following_sentences(s, retriever, limit)]
    out, span = s.text, s.hit.chunk.lines
    listing: tuple[int, int] | None = None  # (style, number) of the last item once a list has opened
    for nxt, lines in following:
        if len(out) + len(nxt) > limit or len({n.value for n in _figures(out + nxt)}) > TEXT_ANSWER_FIGURES:
            break
        if purposes and _PURPOSES.search(out):  # X（项）。主要用于：A、B。 — what a list of its uses asks
            break
        item = _item_marker(nxt)
        if listing is None and opens_list(out):
            markers = list(_ITEM_INSIDE.finditer(out))
            if not markers:  # a list run together with 、 is whole in its sentence
                break
            listing = _marker_value(markers[-1])
        if listing is None and item and item[1] == 1 and out.rstrip().endswith(("：", ":")):
            listing = item
        elif listing is not None:  # the list ends where the next item or the next part would not follow it
            if PART_HEADING.match(nxt) or (item and item != (listing[0], listing[1] + 1)):
                break
            listing = item or listing
        out += nxt
        if span and lines:
            span = (span[0], max(span[1], lines[1]))
    return out, span


_PURPOSES = re.compile(r"(?:^|[。：:])\s*(?:主要)?用于[^。]*。?$")


def following_sentences(s: Sentence, retriever: Retriever, limit: int) -> list[tuple[str, Chunk]]:
    """The sentences after `s` in its report — the rest of its passage, then the next text passages — up to
    about `limit` characters, each with its passage."""
    sentences = split_sentences(s.hit.chunk.text)
    start = sentences.index(s.text) + 1 if s.text in sentences else len(sentences)
    following = [(x, s.hit.chunk) for x in sentences[start:]]
    index = retriever.index
    row = s.hit.row + 1
    doc = index.documents_by_id.get(s.hit.chunk.doc_id)
    while doc and row < doc["first_row"] + doc["n_rows"] and sum(len(x) for x, _ in following) < limit:
        nxt = index.chunks([row])[0]
        if nxt.kind == "text":
            seen = {x for x, _ in following}
            following += [(x, nxt) for x in split_sentences(nxt.text) if x not in seen and x != s.text]
        row += 1
    return following


def _list_continued(s: Sentence, names: Sequence[str], retriever: Retriever) -> Sentence:
    """The sentence with the next one when that names the listed items it lacks (`其中：中央 185万元，省级 18万元。
    市级 412.1万元，区级 788万元。`: a list a full stop cut in two)."""
    def stated(name: str, text: str) -> bool:  # the name with a figure right after it (省级 18万元)
        return re.search(rf"{re.escape(name)}[^，,。；;、\d]{{0,4}}\d", text) is not None

    missing = [n for n in names if not stated(n, s.text)]
    if not missing or len(missing) == len(names):
        return s
    nxt = following_sentences(s, retriever, LIST_CONTINUED_MAX)[:1]
    if nxt and all(stated(n, nxt[0][0]) for n in missing) and s.hit.chunk is nxt[0][1]:
        return replace(s, text=s.text + nxt[0][0])
    return s


#: the most characters of the next sentence read for the rest of a list
LIST_CONTINUED_MAX = 200


def not_found(question: str, reason: str, method: str = "passages") -> Answer:
    return Answer(question=question, found=False, text=f"未找到答案。{reason}", method=method)


def answer_from_passages(question: str, query: Query, hits: Sequence[Hit], retriever: Retriever,
                         required: Sequence[str] = (), year: int | None = None) -> Answer:
    """`required`: subjects of which an answering sentence must name one; `year`: a year an answering sentence
    must name (a year before the report's own, asked of the report that looks back on it)."""
    if not hits:
        return not_found(question, "相关报告中没有与此问题有关的段落。")
    ranked = rank_sentences(query, hits)
    if required:
        ranked = [s for s in ranked if any(r in squash(s.text) for r in required)]
    if year is not None:
        ranked = [s for s in ranked if names_year(s.text, year)]
    docs = retriever.index.documents_by_id
    one_report = len(reports([docs[d] for d in query.doc_ids if d in docs])) <= 1
    if query.operation.function in ("max", "min") and one_report:  # 哪个项目最多: a sentence saying which end
        ends = ("最", *operation_words()["functions"][query.operation.function])
        ranked = [s for s in ranked if any(w in s.text for w in ends)]
    if not ranked or ranked[0].coverage < MIN_COVERAGE:
        return not_found(question, "报告中没有足够相关的段落来回答这个问题。")
    top = ranked[0].score
    chosen: list[Sentence] = []
    spans: dict[int, tuple[int, int] | None] = {}  # a list or reason answer can run into later passages
    seen_texts: set[str] = set()
    for s in ranked:
        if len(chosen) >= MAX_SENTENCES or s.score < KEEP_RATIO * top:
            break
        key = re.sub(r"\s+", "", s.text)
        if key in seen_texts or any(key in re.sub(r"\s+", "", c.text) for c in chosen):
            continue
        if chosen and s.figures and {f.value for f in s.figures} <= {f.value for c in chosen for f in c.figures}:
            continue  # states nothing new
        seen_texts.add(key)
        chosen.append(s)
    if query.form == "list":  # a section the report heads with what is asked, when the passage is not under it
        section = section_items(question, query, retriever.index, unless_under=chosen[0].hit.chunk)
        if section is not None:
            return section
    if query.form in ("reason", "list"):  # lists and reasons: the sentence and what follows it
        first, (text, span) = chosen[0], _with_following(chosen[0], retriever, purposes=query.form == "list")
        if query.form == "list" and not opens_list(text):
            # of the passages that match about as well, the one that goes on to enumerate is the answer
            for s in ranked[1:MAX_LIST_CANDIDATES]:
                if s.score < KEEP_RATIO * top:
                    break
                longer, longer_span = _with_following(s, retriever, purposes=True)
                if opens_list(longer):
                    first, text, span = s, longer, longer_span
                    break
        chosen = [replace(first, text=text)]
        spans[id(chosen[0])] = span
    stating = wants_figure(query)
    undisclosed = withheld(chosen[0].text, squash(query.topic)) if not stating else None
    if undisclosed is not None:  # 内设哪些处室: the report says it does not disclose that
        return replace(not_found(question, f"报告称此项内容不予公开：{undisclosed}。"),
                       citations=(Citation(source=chosen[0].hit.chunk.source, quote=chosen[0].text,
                                           page=chosen[0].hit.chunk.page, lines=chosen[0].hit.chunk.lines),))
    if stating:  # the figure that stands with the asked item, labelled; the sentence goes in the citation
        unique = list({squash(c.text): c for c in reversed(chosen)}.values())[::-1]  # one passage seen twice
        # (a sentence stated for its figures covers the item as the threshold asks, like the best one)
        chosen = [c for c in unique if c.figures and c.coverage >= MIN_COVERAGE][:MAX_FIGURE_SENTENCES] or unique[:1]
        names = listed_names(query)
        chosen = [_list_continued(c, names, retriever) for c in chosen] if names else chosen
    item = item_text(query) or query.topic
    measure_words = _measure_words(query)
    want = query.figure_kind
    wanted = (want, *query.more_kinds)
    lines_out, figures, citations = [], [], []
    for s in chosen:
        doc = docs.get(s.hit.chunk.doc_id, {})
        title = doc.get("title") or s.hit.chunk.source
        picked = pick_figures(s.text, focus_of(item), measure_words, wanted, limit=8,
                              scores="得分" in query.measures) if stating else []
        picked = [x for x in picked if figure_kind(x.number) in wanted or ("amount" in wanted and figure_kind(x.number) == "number")]
        picked = [x for x in picked if not counts_other_things(x.number, query.text)
                  and (query.operation.derived not in ("增减额", "增减率") or compared(s.text, x.number))
                  and (year is None or stated_for(s.text, x.number) == year)]
        best_of_kind = [next((x for x in picked if figure_kind(x.number) == k), None) for k in wanted[1:]]
        picked = [x for x in picked if x.score >= PICK_RATIO * picked[0].score][:MAX_PICKED]
        picked += [x for x in best_of_kind if x is not None and x not in picked]  # each kind asked, its best
        picked = list({(x.number.value, x.number.unit): x for x in reversed(picked)}.values())[::-1]  # each value once
        if stating and not picked:
            continue  # the sentence states no figure of the kind asked (an amount when a head count is asked)
        if picked:
            said = "；".join(f"{p.label}：{fmt_number(p.number)}" for p in picked)
            if f"{title}：{said}。" in lines_out:  # overlapping passages hold the sentence twice
                continue
            lines_out.append(f"{title}：{said}。")
            figures += [Figure(value=p.number.value, unit=p.number.unit, label=p.label) for p in picked]
        else:
            sentence = re.sub(r"\s+", " ", s.text)
            lines_out.append(f"{title}：{sentence}")
            figures += [Figure(value=n.value, unit=n.unit, label=label_before(s.text, n)) for n in s.figures]
        citations.append(Citation(source=s.hit.chunk.source, quote=s.text, page=s.hit.chunk.page,
                                  lines=spans.get(id(s), s.hit.chunk.lines), score=s.score,
                                  **s.hit.chunk.table_fields()))
    if not lines_out:
        none = stated_none(question, item, ranked, lambda c: docs.get(c.doc_id, {}).get("title") or c.source) \
            if want == "amount" else None
        if none is not None:  # 无国有资产占用情况: it has none
            return none
        what = {"count": "数量", "percent": "比例", "amount": "金额"}.get(want, "数字")
        return not_found(question, f"相关段落中没有所问的{what}。")
    total = listed_total(query, figures)
    if total is not None:
        lines_out.append(f"合计：{format_value(total.value)}{total.unit}（计算：{total.formula}）。")
        figures.append(total)
    return Answer(question=question, found=True, text="\n".join(lines_out), figures=tuple(figures),
                  citations=tuple(citations), method="passages")
