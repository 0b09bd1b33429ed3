"""A question asking two kinds of figure (项目数和涉及金额, 有几个？涉及多少钱？) answered with one kind only:
the other is read from the sentences already cited, which often state both (`编报绩效目标的项目共25个，涉及
项目预算资金11381.60万元`). A figure is taken only from a clause whose own words share some with the question,
so an unrelated amount of the same sentence is not offered as the answer. Also: a grade asked beside a score
(`with_grade`), and whether a score asked was answered by no score (`not_a_score`)."""
from __future__ import annotations

import re
from dataclasses import replace

from ..lexicon import cues, question_words
from ..models import Answer, Citation, Figure
from ..search.query import Query
from ..store.index import Index
from ..text.chars import squash
from ..text.numbers import AMOUNT_UNITS, find_numbers
from .listed_rows import _bigrams

_CLAUSE = re.compile(r"[，,；;。：:]")
# words that join a label to its figure (共25个, 为11381.60万元): not part of the label
_JOINERS = re.compile(r"(?:共计|合计|共|计|为|是|达|约|总额|金额)+$")
#: the least share of a clause label's character pairs the question must hold
MIN_SHARED = 0.25


def figure_kind_of(unit: str | None) -> str | None:
    """The kind of figure a unit states: percent, amount (元/万元/亿元), count (any other unit); None without one."""
    if unit == "%":
        return "percent"
    if unit in AMOUNT_UNITS:
        return "amount"
    return "count" if unit else None


def with_every_kind(a: Answer, query: Query) -> Answer:
    """The answer with a figure of each kind it was asked and lacks, read from its cited sentences; the
    answer as it is when none of them states one in a clause about what was asked."""
    if not a.found or not query.more_kinds:
        return a
    # (a list's rows said with their rates state that kind too, though only their count is a figure)
    stated = {figure_kind_of(f.unit) for f in a.figures} | {figure_kind_of(n.unit) for n in find_numbers(a.text)}
    missing = [k for k in (query.figure_kind, *query.more_kinds) if k not in stated]
    asked = _bigrams(squash(query.text))
    added_text, added = [], []
    for kind in missing:
        best: tuple[float, str, Figure, str] | None = None
        for c in a.citations:
            for clause in _CLAUSE.split(squash(c.quote)):
                for n in find_numbers(clause):
                    if n.kind != kind or figure_kind_of(n.unit) != kind:
                        continue
                    label = _JOINERS.sub("", re.sub(r"[\d.,％%]+$", "", clause[:n.start]))
                    pairs = _bigrams(label)
                    if len(label) < 2 or not pairs:
                        continue
                    shared = len(pairs & asked) / len(pairs)
                    if shared >= MIN_SHARED and (best is None or shared > best[0]):
                        best = (shared, label, Figure(n.value, n.unit, label), n.canonical)
        if best is not None:
            _, label, figure, printed = best
            added.append(figure)
            added_text.append(f"{label}：{printed}")
    if not added:
        return a
    return replace(a, text=f"{a.text}\n{'；'.join(added_text)}。", figures=(*a.figures, *added))


def with_grade(a: Answer, query: Query, index: Index | None = None) -> Answer:
    """A grade asked beside a score (整体支出绩效评价得分和等级): the grade the cited sentence gives the score
    (…得分98.99分，结果为优秀), added to the answer; else the grade the cited report states of its evaluation in a
    sentence of its own (`整体支出绩效评价结果级别为：“优”`), added and cited; the answer as it is when none does."""
    words = question_words()
    if not a.found or not any(w in query.text for w in words["grade_asked"]):
        return a
    grades = "|".join(words["grades"])  # (longest first in the list: 不合格 before 合格, 优秀 before 优)
    given = re.compile(rf"(?:{'|'.join(words['grade_asked'])}|评定)[为是：:]{{0,2}}[“\"]?({grades})")
    for c in a.citations:
        m = given.search(squash(c.quote))
        if m and f"等级：{m.group(1)}" not in a.text:
            return replace(a, text=f"{a.text}\n等级：{m.group(1)}。")
    stated = _grade_sentence(a, given, index) if index is not None else None
    if stated is not None and f"等级：{stated[0]}" not in a.text:
        return replace(a, text=f"{a.text}\n等级：{stated[0]}。", citations=(*a.citations, stated[1]))
    return a


def _grade_sentence(a: Answer, given: re.Pattern[str], index: Index) -> tuple[str, Citation] | None:
    """(grade, citation) of the first sentence of a cited report that gives its evaluation a grade, or None."""
    sources = {c.source for c in a.citations}
    doc_ids = [d["doc_id"] for d in index.documents if d["source"] in sources]
    for chunk in index.chunks(list(index.rows_of(doc_ids))):
        for sentence in re.split(r"(?<=[。；])", chunk.text):
            m = given.search(squash(sentence))
            if m and cues().grade_lead.search(squash(sentence)[: m.start()]):
                return m.group(1), Citation(source=chunk.source, quote=sentence.strip(), page=chunk.page, lines=chunk.lines)
    return None


def not_a_score(a: Answer, query: Query) -> bool:
    """Whether a score was asked (自评得分多少) and every figure found is of another unit (7个, 175.52万元): a
    budget report sets 绩效目标 but scores nothing, and a count or amount beside them answers no score."""
    units = {f.unit for f in a.figures}
    # (几个项目是满分 counts projects: an aggregate's count answers it)
    return "得分" in query.measures and query.operation.kind == "lookup" and bool(units) and None not in units \
        and "分" not in units


#: the units a head count of people is stated in, and a question asking one
_HEAD_UNITS = ("人", "名")
_HEADS_ASKED = re.compile(r"(?:多少|几)个?[人名]|人数|编制数")


def not_a_head_count(a: Answer, query: Query) -> bool:
    """Whether a head count of the department's own staff was asked (编制多少人, 在职实有人数; questions.json
    staff_words) and no figure found is a count of the staff asked (接待人数 13人, 保障人数 4200人, 10篇; 编制338名
    asked 在职): counts of other people or things answer no such question. Amounts beside them leave it to the
    answer when the question asks money too."""
    asked = [group for group in question_words()["staff_words"] if any(w in query.text for w in group)]
    if not asked or not _HEADS_ASKED.search(query.text) or query.figure_kind != "count" \
            or not a.figures or query.operation.kind != "lookup":  # (离退休干部用车几辆 counts cars)
        return False
    if "amount" in query.more_kinds and any(figure_kind_of(f.unit) != "count" for f in a.figures):
        return False
    staff = [w for group in asked for w in group]
    return not any(f.unit in _HEAD_UNITS and any(w in f.label for w in staff) for f in a.figures)


def only_targets(a: Answer, query: Query) -> bool:
    """Whether what was done is asked (实际救助了多少人次; questions.json done_words) and every figure found is a
    target, its label closing with a bound's sign (医疗救助人员≥ 3000人次, a 绩效目标 of a budget): a target says
    what was planned, not what was done."""
    words = question_words()["done_words"]
    if not a.found or not a.figures or not any(w in query.text for w in words["asked"]):
        return False
    return all(f.label.rstrip().endswith(tuple(words["target_signs"])) for f in a.figures)


#: derived measures that are rates: asked alone, an answer stating no percent answers none of them
RATES = ("增减率", "占比", "执行率")


def not_a_rate(a: Answer, query: Query) -> bool:
    """Whether a rate was asked alone (增长了百分之几, 占比多少) and the answer states no percent: the amounts it
    found (其他收入增减额：增加25335万元) answer another question. A question that itself states a percent (压减10%的
    有几项) or counts or lists rows asks no rate of its own."""
    return query.figure_kind == "percent" and query.operation.derived in RATES and query.operation.function is None \
        and not query.parts and "%" not in query.text and bool(a.figures) \
        and not any(figure_kind_of(f.unit) == "percent" for f in a.figures)
