"""The figure a sentence states about the asked item and measure: what the passage path says instead of
quoting the whole sentence (the quote goes in the citation).

Each figure of the sentence is scored by how well the words just before it name the item (characters in
order, so `公务车` finds `公务用车`), whether the asked measure's words stand near it, and whether its kind
fits what is asked (`Query.figure_kind`: a rate for 执行率/占比/比例, a count for 几辆/多少人, else an amount).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Sequence

from rapidfuzz import fuzz

from ..facts.clauses import split_clauses
from ..lexicon import cues, question_words
from ..text.chars import CJK_RE, longest_first, squash
from ..text.numbers import Number, find_numbers
from ..text.tokens import word_list

FIGURE_KINDS = ("amount", "percent", "count", "number")
#: how many characters before a figure the asked measure's words may stand
WINDOW = 24
#: an item named this many characters before a figure counts half as much as one right before it
DECAY_CHARS = 20
#: an item named after its figure (为4213人次办理…) counts this much of one named before it
AFTER_WEIGHT = 0.8
_CLAUSE_END = re.compile(r"[，,。；;：:（(）)、]")
#: a context word after an amount's name (政府采购里…, 预算中…): what follows it is the part asked of it
CONTEXT_WORDS = "当中|之中|里面|中|里"
# (中 opening a word of its own — 政府采购中小企业, 中标, 中央: cues.json not_fillers — says no context)
_CONTEXT_AFTER = re.compile(
    rf"(?<=[出费购算款入项目表金助贴额])(?!{'|'.join(map(re.escape, cues().not_fillers))})({CONTEXT_WORDS})")
_CONTEXT_SET = frozenset(CONTEXT_WORDS.split("|"))


@lru_cache(maxsize=4096)
def context_spans(text: str) -> tuple[tuple[int, int], ...]:
    """Where a context word stands in `text`: after an amount's word (项目支出中), or as a word of its own after a
    name (车辆中执法执勤用车: jieba reads 中 alone), never inside a word (其中, 集中采购, 中小企业)."""
    spans = {m.span() for m in _CONTEXT_AFTER.finditer(text)}
    at = 0
    for word in word_list(text):
        if at and word in _CONTEXT_SET and CJK_RE.match(text[at - 1]):
            spans.add((at, at + len(word)))
        at += len(word)
    out: list[tuple[int, int]] = []
    for start, end in sorted(spans):  # (当中 and its 中: the longer one)
        if out and start < out[-1][1]:
            continue
        out.append((start, end))
    return tuple(out)


def split_context(text: str) -> list[str]:
    """`text` split at its context words, each kept between the pieces (as `re.split` with a group)."""
    pieces, at = [], 0
    for start, end in context_spans(text):
        pieces += [text[at:start], text[start:end]]
        at = end
    return pieces + [text[at:]]


def without_context(text: str, put: str = "") -> str:
    """`text` with each context word replaced by `put`."""
    pieces = split_context(text)
    return "".join(p if i % 2 == 0 else put for i, p in enumerate(pieces))


def focus_of(item: str) -> str:
    """The part of the item a figure must be named by: `政府采购里货物类` -> `货物类` (the context, 政府采购,
    names the sentence, not the figure); the item itself when it has no context word."""
    focus = split_context(item)[-1].strip()
    return focus if len(squash(focus)) >= 2 else item


@dataclass(frozen=True)
class Picked:
    number: Number
    label: str
    score: float


def figure_kind(n: Number) -> str:
    """amount / percent / count / number: a bare number counts when a counting unit follows it (3辆)."""
    if n.kind == "number":
        return "count" if n.unit in question_words()["count_units"] else "number"
    return n.kind


def compared(sentence: str, n: Number) -> bool:
    """Whether the sentence measures the figure against a basis before it (比上年, 较去年, 同比, 与…相比), or
    states it as a change of the item right after the item's name (工会经费人均定额增加1000元): a change asked
    is answered by such a figure only (每下降百分之5 states a rule, no change of the item)."""
    head = squash(sentence[: n.start])
    if re.search(cues().bases.pattern.rstrip("$"), head) is not None:
        return True
    moved = [w for ws in question_words()["directions"].values() for w in ws if len(w) >= 2 and head.endswith(w)]
    return bool(moved) and not re.search(r"每\w{0,4}$", head[: -len(moved[0])])


def counts_other_things(n: Number, question: str) -> bool:
    """Whether `n` is a count of another kind of thing than the question counts (多少人 vs 2家)."""
    kinds = question_words()["count_unit_kinds"]
    units = question_words()["count_units"]
    asked = re.findall("(?:几|多少)(" + "|".join(sorted(units, key=longest_first)) + ")", question)
    nouns = question_words()["counted_nouns"]  # 有多少编制: a head count, though no 人 is said
    # (多少在编在职人员: a few words may stand between the asking word and the noun counted)
    asked = asked or [nouns[w] for w in re.findall("(?:几|多少)[^，,。？?；;\\d]{0,4}?(" + "|".join(sorted(nouns, key=longest_first)) + ")", question)]
    # 人员编制数是多少: the noun made a count (编制数, 车辆数) counts in its unit too
    asked = asked or [nouns[w] for w in re.findall("(" + "|".join(sorted(nouns, key=longest_first)) + ")数(?![据字])", question)]
    stand_ins = question_words()["count_stand_ins"]  # (多少件 is answered by 15个, never by 4次)
    groups = [next(([*g, *stand_ins.get(u, ())] for g in kinds if u in g), None) for u in asked]
    if not asked or None in groups:  # nothing counted, or a count of anything (几个)
        return False
    # any counting unit outside the asked kind counts other things, listed or not (10篇 is no head count)
    counted = n.unit in units or (n.kind == "count" and bool(n.unit))
    base = re.sub("^[万亿千百]", "", n.unit or "")  # (95.72万人 counts people as 人 does)
    return counted and all(n.unit not in g and base not in g for g in groups)


def _looks_like_code(sentence: str, n: Number) -> bool:
    """A 科目 or project code printed before its name (`30201-办公费`, `2010801 行政运行`), not a figure."""
    if n.unit or n.decimals or not 3 <= len(n.text.strip()) <= 20:
        return False
    after = sentence[n.end : n.end + 2].lstrip()
    return bool(after) and (after[0] in "-－—_" or "\u4e00" <= after[0] <= "\u9fff")


def label_before(sentence: str, number: Number) -> str:
    """The words before a figure within its clause: `支出决算为995.33万元` -> `支出决算`."""
    head = sentence[: number.start]
    clause = _CLAUSE_END.split(head)[-1]
    for cue in sorted(question_words()["reason_cues"], key=longest_first):  # 主要原因是工会经费…增加1000元
        if clause.strip().startswith(cue):
            clause = clause.strip()[len(cue):]
            break
    clause = re.sub(r"^(其中|比|较|为|是|共|合计为?)", "", clause.strip())
    clause = re.sub(r"(为|是|达|共|约|计|：|:)$", "", clause.strip())
    return clause.strip() or squash(head[-12:])


def pick_figures(sentence: str, item: str, measure_words: Sequence[str], want: str | Sequence[str],
                 limit: int = 1, scores: bool = False) -> list[Picked]:
    """The figures of `sentence` that best answer (item, measure, kind), best first, at most `limit`. A figure of
    a clause stating a scoring rule (`合格率低于100%高于90%得2分`, `每少5人扣1分`: the lexicon's score_clause, as
    facts skip them) is none, unless a score is asked (`scores`)."""
    numbers = [n for n in find_numbers(sentence) if n.kind in FIGURE_KINDS and not _looks_like_code(sentence, n)]
    if not scores:
        rules = [(c.start, c.end) for c in split_clauses(sentence) if cues().score_clause.search(sentence, c.start, c.end)]
        numbers = [n for n in numbers if not any(a <= n.start < b for a, b in rules)]
    wants = (want,) if isinstance(want, str) else tuple(want)  # several kinds when the question asks several
    item = squash(item)
    out = []
    for n in numbers:
        kind = figure_kind(n)
        if kind == "number" and n.decimals == 0 and (n.value < 10 or 1900 <= n.value <= 2100):
            continue  # a bare year, or a small bare integer (a table's or an item's number): no figure asked
        if kind == "number" and re.match(r"\s*[月日号]", sentence[n.end:]):
            continue  # a date (12月31日)
        if n.decimals == 0 and not n.unit and sentence[n.end:n.end + 1] == "表":
            continue  # a table's number (预算11表, 公开05表)
        if cues().skip_after.match(sentence[n.end:].lstrip()):
            continue  # a threshold (单价50万元以上), a score rule (低于90%得2分): the lexicon's, as facts skip them
        head = squash(sentence[: n.start])
        window = head[-WINDOW:]
        near = 0.0
        if item and head:  # the item named before the figure, the closer the better (it carries over clauses)
            found = fuzz.partial_ratio_alignment(item, head)
            near = found.score / 100 / (1 + (len(head) - found.dest_end) / DECAY_CHARS)
        label = label_before(sentence, n)
        # a figure its clause names nothing before (2024年为4213人次办理异地就医备案) is named by the words right
        # after it, a little less surely; in a table's line (A 100 B 200) the words after are the next row's
        unnamed = len(re.sub(r"[^\u4e00-\u9fff]|\d+年度?|年|[为是共有计约达了]", "", label)) < 2
        # (only a figure with its unit, the words running on from it: a table's cells stand apart)
        if item and unnamed and n.unit and re.match(r"[\u4e00-\u9fff]", sentence[n.end:n.end + 1]):
            after = squash(re.split(r"\d", _CLAUSE_END.split(sentence[n.end:], maxsplit=1)[0], maxsplit=1)[0])
            found = fuzz.partial_ratio_alignment(item, after) if len(after) >= 2 else None
            later = AFTER_WEIGHT * found.score / 100 / (1 + found.dest_start / DECAY_CHARS) if found else 0.0
            if later > near:
                near, label = later, after
        measure = 1.0 if any(w and w in window for w in measure_words) else 0.0
        fits = 1.0 if kind in wants else 0.3 if kind == "number" else 0.0
        out.append(Picked(n, label, 0.4 * near + 0.2 * measure + 0.4 * fits))
    out = _total_of_parts(out, item, sentence)
    out.sort(key=lambda p: (-p.score, p.number.start))
    return out[:limit]


#: a figure labelled as the sum of those before it (预算执行得15分，目标评价得80分，共得95分)
_TOTAL_LABEL = re.compile(r"^(?:共计|合计|总计|累计|总共|一共|共|总)")
#: how much a sentence's total beats its parts when the question names none of the parts
TOTAL_BONUS = 0.05
#: the words after a figure that open the list of its parts (15辆，其中, 40.61万元，其中：)
_PARTS_FOLLOW = re.compile(r"\s*[）)]?\s*[，,]?\s*其中\s*[：:，,]?")


def _total_of_parts(picked: list[Picked], item: str, sentence: str) -> list[Picked]:
    """A sentence that states parts and then their total (`…预算执行得15分，年度绩效目标评价得80分，共得95分`),
    asked about the whole it opens with (`整体绩效自评得分`): the total, not the first part. Only when the
    question names none of the parts (asked about 预算执行, the part is the answer). A total its parts follow
    (`共有车辆15辆，其中，领导干部用车1辆…`) comes first too, when no words of the item are among the parts'."""
    def clause(p: Picked) -> str:
        return squash(_CLAUSE_END.split(sentence[: p.number.start])[-1])
    totals = [p for p in picked if _TOTAL_LABEL.match(clause(p))]
    if not totals:
        return _total_before_parts(picked, item, sentence)
    total = max(totals, key=lambda p: p.number.start)
    parts = [p for p in picked if p not in totals and p.number.start < total.number.start
             and figure_kind(p.number) == figure_kind(total.number)]
    if not parts:
        return picked
    asked = squash(item)
    for p in parts:  # a part named by the question: by its whole name, or by its own last words (预算执行)
        own = re.sub(r"[得为是]$", "", clause(p))
        tail = own.replace(asked, "")
        if own.endswith(asked) or len(tail) >= 2 and tail[-4:] in asked:
            return picked
    best = max(p.score for p in picked)
    return [replace(p, score=best + TOTAL_BONUS, label=clause(p)) if p is total else p for p in picked]


def _total_before_parts(picked: list[Picked], item: str, sentence: str) -> list[Picked]:
    """The figure the list of its parts follows (15辆，其中…), first, when the item's words are none of the parts'."""
    total = next((p for p in picked if _PARTS_FOLLOW.match(sentence[p.number.end:])), None)
    if total is None or not any(p.number.start > total.number.start and figure_kind(p.number) == figure_kind(total.number)
                                for p in picked):
        return picked
    words = {item[k:k + 2] for k in range(len(item) - 1)} - {""}
    if any(w in sentence[total.number.end:] for w in words if CJK_RE.fullmatch(w[0]) and CJK_RE.fullmatch(w[-1])):
        return picked  # (离退休干部用的有几辆: a part asked)
    best = max(p.score for p in picked)
    return [replace(p, score=best + TOTAL_BONUS) if p is total else p for p in picked]


_YEAR_SAID = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*年(?:度)?(?:(?!\s*\d)|(?=\s*\d{1,2}\s*月))")  # (2024年12月底 too)


def names_year(text: str, year: int) -> bool:
    """Whether the text names `year` as a year (`2022 年`, `2022年度`; not a figure 2022 nor 2022.6.21)."""
    return any(int(m.group(1)) == year for m in _YEAR_SAID.finditer(text))


def stated_for(sentence: str, n: Number) -> int | None:
    """The year a figure is stated for: the last year the sentence names before it, unless that year is the basis
    of a comparison (比2024年增加…: the change is of the later year), or the figure is a change."""
    years = [m for m in _YEAR_SAID.finditer(sentence[: n.start])]
    if not years or compared(sentence, n):
        return None
    last = years[-1]
    basis = re.search(r"(?:比|较|与|同|对比|相比)\s*$", sentence[: last.start()])
    return None if basis else int(last.group(1))
