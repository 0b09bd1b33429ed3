"""Lists a report prints: `项目总预算2921.00万，其中支持外贸发展370.00万，…，合计2921.00万`, or numbered
`项目支出主要用于①城乡医疗救助995.33万元，…。②…60万元` / `（1）…；（2）…`.

A report often breaks a project's or a category's money down in its narrative rather than a table. An
aggregate asked of that group (`贸易高质量发展专项里哪一块最多`, `除了城乡医疗救助，其余项目一共花了多少`) is
answered from the items of such a list: each item is a label and an amount. A sentence's list is trusted when
its items add up to the total it states (before `其中`, or as `合计`) or when it has three or more items; a
numbered list runs ①②③… (or （1）（2）…) from the first. Which list a question means is decided by how much of
its group's wording the words before the list hold — the list's own sentence, the sentence before it, then the
headings above it, each heading passed costing a little (`best_enumeration`).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Sequence

from ..lexicon import parts_named, question_words
from ..lexicon.formula_table import operation_words
from ..models import Answer, Citation, Figure
from ..search.operation import Operation
from ..search.operation_words import counts_things
from ..search.query import Query, terms
from ..search.retrieve import Hit
from ..store.index import Index
from ..text.chars import CJK, longest_first, shortest_first, squash
from ..text.numbers import AMOUNT_UNITS, Number, exact_sum, find_numbers, format_value, to_wan
from .derived import sum_formula
from .joining import joined
from .set_share import picked, share_of_list
from .said_names import asks_projects, operation_free
from .listed_rows import _bigrams

_SENTENCE = re.compile(r"(?<=[。！？!?])")
# spaces a PDF puts between letters (`财 政 业 务 费 10.00 万 元`) or inside a wrapped line
_INNER_SPACE = re.compile(rf"(?<=[{CJK}\d.，、：；（）])\s+(?=[{CJK}\d.，、：；（）])")
_SEPARATOR = "，,、；;：:"
_LEAD = re.compile(r"^(?:其中|包括|主要包括|主要是|分别是|分别为|具体为|含|即)[：:，,]?")
_TAIL = re.compile(r"(?:分别)?(?:为|是|约|共|(?<![合共总审会统设])计|达|占|：|:)$")
# words between a total and its first item (`公用经费94.88万元，主要包括：办公费…`)
_OPENS = re.compile(r"其中|包括|主要有|主要是|分别|明细|如下|[：:]")
_TOTAL = re.compile(r"^(?:合计|共计|总计|小计|总额|总计为|合计为)")
# a clause about a change or a share (`，比上年增加`, `，增长`) is not an item of a breakdown; `支持商销稳增长`
# is: a change leaves no label once its verb is taken away
_CHANGE_VERB = re.compile(r"(?:增加|减少|增长|下降|上升|降低|增|减)了?$")
_CHANGE_LEAD = re.compile(r"^(?:比|较|同比|与上年|占)")
#: an item's label: at least two characters of text, at most this many
LABEL_MAX = 30
#: the share of the question's group words (贸易高质量发展专项) the words before a list must hold
MIN_FIT = 0.75
#: how many of the best passages are read for a list; how many passages above one are read for its headings;
#: how many after one a list may run on into; how many characters two neighbouring passages may share
LIST_HITS = 8
CONTEXT_PASSAGES = 3
LIST_PASSAGES = 6
OVERLAP_MAX = 200
#: a heading is a line of at most this many characters that states no amount
HEADING_MAX = 40
#: what each heading passed on the way up takes off a list's fit
FARTHER = 0.02


@dataclass(frozen=True)
class Listed:
    """One item of a list: its label and amount as printed (value in `unit`)."""

    label: str
    value: float
    unit: str

    @property
    def wan(self) -> float:
        """The amount in 万元; a count (辆, 人) as it is."""
        return to_wan(self.value, self.unit) if self.unit in AMOUNT_UNITS else self.value


@dataclass(frozen=True)
class Enumeration:
    """The items of one sentence's breakdown; head = the words before the items (what they break down),
    total = the amount the sentence states for them all, if any; sentence = the sentence as printed."""

    head: str
    items: tuple[Listed, ...]
    total: Listed | None
    sentence: str
    quotes: tuple[str, ...] = ()  # what a citation quotes: the sentence, or each item of a numbered list

    @property
    def cited(self) -> tuple[str, ...]:
        return self.quotes or (self.sentence,)

    @property
    def adds_up(self) -> bool:
        return self.total is not None and abs(sum(i.wan for i in self.items) - self.total.wan) < 0.015


def _label(segment: str) -> str:
    label = _LEAD.sub("", segment.strip(_SEPARATOR + " "))
    return _TAIL.sub("", label).strip(_SEPARATOR + " ")


def _one(sentence: str, counts: bool = False) -> Enumeration | None:
    flat = _INNER_SPACE.sub("", sentence)
    if _MARKER.search(flat):
        return None  # a numbered list is read by its markers (_numbered)
    # amounts, or things counted in one unit (车辆15辆，其中…用车1辆、…其他用车6辆) when things are counted
    amounts = _counts_in_one_unit(flat) if counts else \
        [n for n in find_numbers(flat) if n.kind == "amount" and n.unit in AMOUNT_UNITS]
    if len(amounts) < 3:
        return None
    entries: list[tuple[str, Listed, str]] = []  # (label, item, the text between it and the previous figure)
    previous = 0
    for n in amounts:
        between = flat[previous:n.start]
        previous = n.end
        cut = max(between.rfind(c) for c in _SEPARATOR)
        entries.append((_label(between[cut + 1:] if cut >= 0 else between), Listed("", n.value, n.unit or "万元"), between))
    items: list[Listed] = []
    head, total = "", None
    for i, (label, got, between) in enumerate(entries):
        if _TOTAL.match(label) or label.endswith(("合计", "共计", "总计")):
            total = total or Listed(label, got.value, got.unit)
            continue
        if i == 0 and (_OPENS.search(flat[amounts[0].end:amounts[1].start]) or "总" in label):
            head, total = flat[:amounts[0].start], Listed(label, got.value, got.unit)
            continue
        if _CHANGE_LEAD.match(label) or not re.search(f"[{CJK}]{{2}}", _CHANGE_VERB.sub("", label)):
            continue
        if len(label) > LABEL_MAX:
            if items:
                break  # the list ended
            head = flat[:amounts[i].start]
            continue
        items.append(Listed(label, got.value, got.unit))
    changes = sum(bool(_CHANGE_VERB.search(i.label)) for i in items) * 2 >= len(items)
    repeated = len({i.label for i in items}) < len(items)  # 追回违规医保基金…，追回违规医保基金…: an account, no list
    if len(items) < 2 or changes or repeated or total is not None and _CHANGE_VERB.search(total.label):
        return None  # (比上年增加21.9万元，其中X增加…: changes, not the parts of a whole)
    found = Enumeration(head or flat[: flat.find(items[0].label)], tuple(items), total, sentence.strip())
    return found if found.adds_up or len(items) >= 3 else None


def _counts_in_one_unit(flat: str) -> list[Number]:
    """The counts of a sentence in its most used counting unit of one kind (辆, 人, 台; questions.json)."""
    kinds = [u for group in question_words()["count_unit_kinds"] for u in group]
    counts = [n for n in find_numbers(flat) if n.kind == "count" and n.unit in kinds]
    if not counts:
        return []
    unit = max({n.unit for n in counts}, key=lambda u: sum(n.unit == u for n in counts))
    return [n for n in counts if n.unit == unit]


# ①…②…: the items of a numbered list, each the first amount after its marker, however long its sentence
_MARKER = re.compile("[\u2460-\u2473]|[（(]\\d{1,2}[）)]")


def _marker_number(m: re.Match) -> int:
    text = m.group()
    return ord(text) - 0x2460 + 1 if len(text) == 1 else int(text[1:-1])


def _numbered(flat: str) -> Enumeration | None:
    """A list numbered ①②③… or （1）（2）…, each item's label the words between its marker and its first
    amount (`项目支出主要用于①城乡医疗救助995.33万元，主要用于…。②医保基金监管…60万元，…`)."""
    run: list[re.Match] = []
    for m in _MARKER.finditer(flat):  # 1, 2, 3 … in order from 1, of one kind of marker
        if _marker_number(m) == len(run) + 1 and (not run or len(m.group()) == len(run[0].group())):
            run.append(m)
        elif _marker_number(m) == 1 and len(run) < 2:
            run = [m]
    if len(run) < 2:
        return None
    items, quotes = [], []
    for m, after in zip(run, [*run[1:], None]):
        segment = flat[m.end(): after.start() if after else m.end() + LABEL_MAX + 20]
        amount = next((n for n in find_numbers(segment) if n.kind == "amount" and n.unit in AMOUNT_UNITS), None)
        if amount is None:
            break
        label = _label(segment[: amount.start])
        if not re.search(f"[{CJK}]{{2}}", label) or len(label) > LABEL_MAX:
            break
        items.append(Listed(label, amount.value, amount.unit or "万元"))
        quotes.append(f"{m.group()}{segment[: amount.end]}")
    if len(items) < 2:
        return None
    start = run[0].start()
    head = re.split(r"[。；;]", flat[:start])[-1]
    return Enumeration(head, tuple(items), None, flat[start: run[len(items) - 1].end() + len(quotes[-1])], tuple(quotes))


def enumerations(text: str, counts: bool = False) -> list[Enumeration]:
    """The breakdowns `text` prints: one per sentence that holds one, and each numbered list ①②③ (see the
    module docstring). `counts`: also lists of things counted in one unit (用车1辆、…其他用车6辆)."""
    joined = re.sub(r"\n(?!\s*[一二三四五六七八九十]+、)", "", text)  # lines wrapped inside a sentence
    found = [e for s in _SENTENCE.split(joined) if (e := _one(s, counts)) is not None]
    numbered = _numbered(_INNER_SPACE.sub("", joined))
    return found + [numbered] if numbered is not None else found


def _group_words(query: Query) -> str:
    """What the question's list is of (贸易高质量发展专项, 公用经费): the topic without the operation's and
    the row words (哪一块, 前三项)."""
    text = operation_free(query.topic)
    for word in query.operation.excluding:  # 除了支持物流，其余…: the items left out are not the group
        text = text.replace(word, " ")
    text = re.sub(r"除了?|以外|之外|其余|剩下|剩余", " ", text)
    kept = sorted({a for e in terms()["items"].values() for a in e["aliases"] if len(a) >= 3 and a in text}, key=shortest_first)
    for n, alias in enumerate(kept):  # 项目支出 is an item, not the row word 项目 and 支出
        text = text.replace(alias, f"\x00{n}\x00")
    for word in sorted({*operation_words()["row_words"], *terms()["question_words"]}, key=longest_first):
        text = text.replace(word, " ")
    text = re.sub("\x00(\\d+)\x00", lambda m: kept[int(m.group(1))], text)
    text = re.sub(r"(?:[哪几前后]+[一二两三四五六七八九十\d]*|[一二两三四五六七八九十\d]+)[个项块类笔样辆台人名]的?|花钱|花费|花了|用了|开支|安排了?|钱|里|中|下面|都|具体|主要|分别|什么|是|的",
                  " ", text)
    # 车 -> 车辆: a user's word for things a list counts (questions.json counted_nouns, terms.json subject_aliases);
    # a lone character left over names nothing
    alias = {w: a for w, a in terms()["subject_aliases"].items() if w in question_words()["counted_nouns"]}
    return " ".join(alias.get(t, t) for t in text.split() if len(alias.get(t, t)) >= 2)


def _is_heading(line: str) -> bool:
    """A short line that states no amount (`贸易高质量发展专项（政策资金）经费情况说明`, `六、年度预算安排`)."""
    return 2 <= len(line) <= HEADING_MAX and not any(n.kind == "amount" for n in find_numbers(line))


def _lines(text: str) -> list[str]:
    return [x for x in (squash(y) for y in text.split("\n")) if x]


def _stitched(hit: Hit, index: Index | None) -> tuple[list[str], list[str]]:
    """(lines above, lines of the passage and the passages after it), whitespace removed: the passages
    before a hit in its report (where a list's heading may be), and the hit with what follows it (where a
    list may run on). The overlap between neighbouring passages is taken out once."""
    below = _lines(hit.chunk.text)
    above: list[str] = []
    if index is None:
        return above, below
    after = [r for r in range(hit.row + 1, hit.row + 1 + LIST_PASSAGES) if r < len(index)]
    for chunk in index.chunks(after):
        if chunk.doc_id != hit.chunk.doc_id or chunk.kind != "text":
            break
        more, text = _lines(chunk.text), "".join(below)
        joined = "".join(more)
        overlap = next((k for k in range(min(len(joined), len(text), OVERLAP_MAX), 0, -1) if text.endswith(joined[:k])), 0)
        while overlap > 0 and more:  # drop the shared characters from the start of the next passage
            cut = min(overlap, len(more[0]))
            more[0], overlap = more[0][cut:], overlap - cut
            if not more[0]:
                more.pop(0)
        below += more
    previous = [r for r in range(hit.row - CONTEXT_PASSAGES, hit.row) if r >= 0]
    for chunk in index.chunks(previous):
        above = [] if chunk.doc_id != hit.chunk.doc_id or chunk.kind != "text" else above + _lines(chunk.text)
    return above, below


def _fit(wanted: set[str], e: Enumeration, lines_before: Sequence[str], lead: str = "") -> float:
    """How well the words before a list name the group asked: the share of its bigrams found in the list's
    head and the headings above it, walking up; each heading passed on the way costs FARTHER."""
    seen = wanted & _bigrams(lead + e.head)
    fit = len(seen) / len(wanted)
    passed = 0
    for line in reversed(lines_before):
        if not _is_heading(line):
            continue
        passed += 1
        seen |= wanted & _bigrams(line)
        fit = max(fit, len(seen) / len(wanted) - FARTHER * passed)
        if len(seen) == len(wanted):
            break
    return fit


def best_enumeration(query: Query, hits: Sequence[Hit], index: Index | None = None,
                     own_words_only: bool = False) -> tuple[Enumeration, Hit] | None:
    """The list, among the best passages, that the words before it (its sentence's head, the passage up
    to it and the passages just above: a project's heading) say is of the group the question names; a
    group named further up counts less. None when no list reaches MIN_FIT."""
    wanted = _bigrams(_group_words(query))
    excluded = query.operation.excluding
    # 除了城乡医疗救助，其余项目: the item left out names the list; things counted (车辆) may be named in a word
    counts = counts_things(query.text)
    if len(wanted) < (1 if counts else 2) and not excluded:
        return None
    best: tuple[tuple, Enumeration, Hit] | None = None
    # (最多的三个项目: projects asked; a list of kinds of spending — 社会保障和就业支出…, 人员支出… — is of none)
    projects = asks_projects(query.topic)
    # (三公经费里哪项最多: a list of the whole the lexicon gives parts holds one of them, not 政府采购's goods)
    parts = [p[:4] for p in parts_named(query.topic)]
    for hit in [h for h in hits[:LIST_HITS] if h.chunk.kind == "text"]:
        above, below = _stitched(hit, index)
        text = "\n".join(below)
        for e in enumerations(text, counts):
            if wanted and any(wanted & _bigrams(i.label) == wanted for i in e.items):
                continue  # the question names one of the items (货物 of 货物/工程/服务): not a list inside it
            if excluded and not any(x in i.label or i.label in x for x in excluded for i in e.items):
                continue
            if projects and all(squash(i.label).endswith("支出") for i in e.items):
                continue
            if parts and sum(any(p in squash(i.label) for i in e.items) for p in parts) < min(2, len(parts)):
                continue  # (two of its parts at least: 公务用车购置费 and 运行维护费 are one part's own list)
            at = squash(text).find(squash(e.sentence)[:12])
            before, count = [], 0
            for line in below:  # the lines of the stitched passages before the list starts
                if count + len(line) > at:
                    break
                before.append(line)
                count += len(line)
            lead = re.split(r"[。！？]", squash(text)[:at])[-2:]  # the sentence before the list introduces it
            headings = [] if own_words_only else above + before
            fit = _fit(wanted, e, headings, "".join(lead)) if wanted else MIN_FIT  # else: the item left out
            # of equal fits, the list whose own head names the group, then the longer reading of a list (a
            # passage that holds all of it)
            rank = (fit, len(wanted & _bigrams(e.head)), len(e.items))
            if fit >= MIN_FIT and (best is None or rank > best[0]):
                best = (rank, e, hit)
    return (best[1], best[2]) if best else None


def _short_head(e: Enumeration) -> str:
    """The words that introduce a list, without the heading and sentences before them, with its total:
    `六、年度预算安排2025年度项目总预算` -> `2025年度项目总预算2921.00万元`."""
    head = re.split(r"[。；;]|[一二三四五六七八九十]+、", e.head)[-1]
    head = re.sub(r"^[^\d，,]{0,10}(?=\d{4}年)", "", head).strip("，,：: ")
    head = re.sub(r"(?:其中|主要包括|包括)$", "", head).strip("，,：: ")
    clauses = [c for c in re.split(r"[，,]", head) if re.search(f"[{CJK}]{{2}}", c)]
    head = clauses[-1] if clauses else ""
    head = re.sub(r"^[（(][一二三四五六七八九十\d]+[）)]|\d[\d,.]*\s*(?:亿元|万元|元|万)", "", head)  # figures: in the quote
    if e.total is not None and head:
        head = f"{head}{format_value(e.total.value)}{e.total.unit}"
    return head


def answer_enumeration(question: str, query: Query, hits: Sequence[Hit], index: Index) -> Answer | None:
    """max / min / rank / sum / count over the items of the list the question names (see best_enumeration)."""
    op = query.operation
    if op.function not in ("max", "min", "rank", "sum", "count", "filter"):
        return None
    # `有哪些`: only a list its own sentence names (项目支出455万元，其中：（1）…); else the list path reads it
    found = best_enumeration(query, hits, index, own_words_only=op.function == "filter" and op.threshold is None)
    if found is None:
        return None
    e, hit = found
    first = _over_items(question, op, query, e, hit, index)
    title = index.documents_by_id[hit.chunk.doc_id]["title"] or hit.chunk.source
    cited = tuple(Citation(source=hit.chunk.source, quote=q, page=hit.chunk.page, score=hit.score) for q in e.cited)
    return joined([first, *(a for o in op.also if (a := share_of_list(question, op, e.items, e.total, f"{title}：", cited)
                                                     if o.function == "share" else
                                                     _over_items(question, o, query, e, hit, index)) is not None)]) \
        if first else None


def _over_items(question: str, op: Operation, query: Query, e: Enumeration, hit: Hit, index: Index) -> Answer | None:
    """One function over the list's items (see answer_enumeration)."""
    items = [i for i in e.items if not any(x in i.label or i.label in x for x in op.excluding)]
    if op.threshold is not None and op.threshold.dimension == "amount" and not op.threshold.of_change:
        items = [i for i in items if op.threshold.passes(i.wan)]
    title = index.documents_by_id[hit.chunk.doc_id]["title"] or hit.chunk.source
    group = re.sub(r"\s+", "", _group_words(query))
    head = _short_head(e)
    where = f"{title}：{group or head}" + (f"（{head}）" if group and head and head != group else "")
    if op.excluding:
        where += f"（除{'、'.join(op.excluding)}外）"
    if op.function in ("max", "min") and op.direction == "both" and len(items) >= 2:  # 最大和最小的分别是哪个
        high, low = max(items, key=lambda i: i.wan), min(items, key=lambda i: i.wan)
        text = (f"{where}，所列各项中最高的是：{high.label} {format_value(high.value)}{high.unit}；"
                f"最低的是：{low.label} {format_value(low.value)}{low.unit}。")
        figures = [Figure(high.value, high.unit, high.label, "降序第1"), Figure(low.value, low.unit, low.label, "升序第1")]
    elif op.function in ("max", "min", "rank"):
        desc = op.direction != "asc"
        ordered = sorted(items, key=lambda i: i.wan, reverse=desc)
        top, first = op.places(ordered, 1 if op.function in ("max", "min") else 5)  # (排第二的: the one item there)
        if not top:
            return None
        listed = "；".join(f"{n}. {i.label} {format_value(i.value)}{i.unit}" for n, i in enumerate(top, 1))
        word = "最高" if desc else "最低"
        text = f"{where}，所列各项中{word}的{'是' if len(top) == 1 else '依次为'}：{listed}。"
        if op.position:
            text = (f"{where}，所列各项中{'从高到低' if desc else '从低到高'}排第{op.position}的是："
                    f"{top[0].label} {format_value(top[0].value)}{top[0].unit}。")
        figures = [Figure(i.value, i.unit, i.label, f"{'降序' if desc else '升序'}第{n}") for n, i in enumerate(top, first)]
    elif op.function == "sum":
        if op.n:  # 排前三的…加起来: the first n of the ranking asked before
            items = picked(op, items)
        unit = "万元" if items and items[0].unit in AMOUNT_UNITS else (items[0].unit if items else "万元")
        total = exact_sum([i.wan for i in items])
        formula, shown = sum_formula([i.wan for i in items], total, unit)
        text = f"{where}，所列各项合计 {format_value(total)}{unit}（计算：{shown}）。"
        figures = [Figure(total, unit, "合计", formula)]
    else:
        names = "、".join(f"{i.label} {format_value(i.value)}{i.unit}" for i in items)
        text = f"{where}，共 {len(items)} 项：{names}。" if items else f"{where}，所列各项中没有符合条件的。"
        figures = [Figure(float(len(items)), "项", "项数", f"计数：{names}")]
    cited = tuple(Citation(source=hit.chunk.source, quote=q, page=hit.chunk.page, score=hit.score) for q in e.cited)
    return Answer(question=question, found=True, text=text, figures=tuple(figures), citations=cited, method="passages",
                  listed=tuple(Figure(i.value, i.unit, i.label) for i in items))
