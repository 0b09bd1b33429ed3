"""The fact measures that answer a question: those its measure words name (the lexicon's fact_measures), a count
in the unit it names, a performance indicator's target or achieved value, else the report kind's default."""
from __future__ import annotations

import re
from dataclasses import replace
from typing import Sequence

from ..facts.indicators import ACHIEVED, INDICATOR_MEASURES, TARGET
from ..facts.labels import INDICATOR_POINTS
from ..lexicon import question_words
from ..models import Fact
from ..search.query import Query, terms
from ..search.shape import listed_measures
from ..store.index import Index
from .match import Match, match_question
from .said_names import item_text

#: the measures of a change of a figure (its amount and its rate)
CHANGE_MEASURES = ("增减额", "增减率")
#: the measures of a performance indicator: its target, what was achieved, its weight and its score
INDICATOR_FACTS = INDICATOR_MEASURES + INDICATOR_POINTS


def asks_indicators(text: str) -> bool:
    """Whether the words ask about performance indicators: a word naming them (questions.json indicator_words), or
    one for their measures (目标值, 实际完成值, 分值, 得分: terms.json)."""
    measures = terms()["measures"]
    words = [*question_words()["indicator_words"], *(a for m in INDICATOR_FACTS for a in measures[m]["aliases"])]
    return any(w in text for w in words)


def ranks_indicators(item: str) -> bool:
    """Whether the rows asked are performance indicators: 哪个 (哪些, 哪项…) before a word naming them (三级指标)."""
    return any(re.search(f"哪[^，,。？?；;]{{0,4}}{re.escape(w)}", item) for w in question_words()["indicator_words"])


def wanted_measures(query: Query, named: Sequence[str], kind: str | None) -> tuple[list[str], bool]:
    """(fact measures that answer the question, in preference order; whether the measure was asked)."""
    vocab = terms()
    counts = list(dict.fromkeys(vocab["counts"][w] for w in count_units_asked(query) if w in vocab["counts"]))
    # 档案局编制多少人: the count a counted noun said opens the name of (questions.json counted_nouns and
    # unit_count_nouns: 编制 -> 编制数), before the count of the unit asked (人数, which 在职人数 ends with)
    words = question_words()
    nouns = [n for n in words["counted_nouns"] if n in query.text]
    opened = [m for m in words["unit_count_nouns"] if any(m.startswith(n) for n in nouns)]
    counts = [*opened, *counts] if counts else counts
    asked: list[str] = []
    # (目标和实际各是多少: measures listed together are asked, though the item's match took none of their words)
    for m in named or listed_measures(query.text, vocab["measures"]):
        asked += vocab["measures"][m].get("fact_measures", [])
    points = [m for m in asked if m in INDICATOR_POINTS]  # 住院救助人次数的得分: the score, not the count its name says
    if counts and not points and (query.figure_kind == "count" or "count" in query.more_kinds):  # (几个科目一共多少: an amount)
        # a performance indicator counted in its own unit (住院救助人次数 ≥2500 人次 2941 人次): its target when
        # asked, else what a final account achieved or a budget plans
        # (named elsewhere in the question, 多少人次？目标是多少？: both)
        own = ACHIEVED if kind != "预算" else TARGET
        said = [fm for m in query.measures for fm in vocab["measures"].get(m, {}).get("fact_measures", [])]
        indicator = [m for m in asked if m in INDICATOR_MEASURES] or [own, *(m for m in said if m in INDICATOR_MEASURES)]
        # 参保人数多少？比上年少了多少人: the change of the count is asked too, counted in the same unit
        changes = [m for m in (*asked, query.operation.derived) if m in CHANGE_MEASURES]
        return list(dict.fromkeys(indicator + counts + changes)), True
    # an indicator's measure the question says, when its match names none (各级财政补助标准的目标是多少)
    asked = asked or [fm for m in query.measures if m in INDICATOR_FACTS for fm in vocab["measures"][m]["fact_measures"]]
    if asked:
        if set(asked) <= {"占比", "增减率"}:  # a share or a rate of change is stated with its amount
            asked += vocab["default_measures"].get(kind or "决算", [])[:1]
        return list(dict.fromkeys(asked)), True
    return list(vocab["default_measures"].get(kind or "决算", vocab["default_measures"]["决算"])), False


def count_units_asked(query: Query) -> list[str]:
    """The units the question counts in: those it says (多少人, 人次数), a counted noun's own (有多少编制: 人), and
    the units of the same kind (几台车: 辆 or 台; count_unit_kinds)."""
    return _with_kin(said_units(query) + nouns_counted(query))


def said_units(query: Query) -> list[str]:
    """The units the question says it counts in (多少人, 人次数, 印多少册)."""
    return [word for word in terms()["counts"] if _counted(word, query.text, "数|次")]


def nouns_counted(query: Query) -> list[str]:
    """The units of the nouns a count question counts (有多少编制: 人; questions.json counted_nouns), with those of
    the same kind."""
    if query.figure_kind != "count":
        return []
    # (编制数, 有多少编制; 谁的车辆更多: the noun compared, no 几 or 多少 said)
    return _with_kin([unit for noun, unit in question_words()["counted_nouns"].items()
                      if _counted(noun, query.text, "数|(?:还|更|最|较|比较)?(?:多|少)")])


def _with_kin(units: list[str]) -> list[str]:
    """The units with those of the same kind (几台车: 辆 or 台; questions.json count_unit_kinds)."""
    kin = [u for word in units for group in question_words()["count_unit_kinds"] if word in group for u in group]
    return list(dict.fromkeys((*units, *kin)))


def _counted(word: str, text: str, after: str) -> bool:
    """Whether the question asks how many of `word`: after 几 / 多少 (a few characters between), or with one of the
    endings `after` (编制数, 人次)."""
    return re.search(rf"(几|多少)[^，。？]{{0,3}}{word}|{word}(?:{after})", text) is not None


def as_table_rows(match: Match, facts: Sequence[Fact], query: Query) -> Match:
    """An item a sentence states only as a change (信息化建设经费增加35万元), asked its amount: the one table row
    naming it with a second column in brackets (信息化建设经费（其他商品和服务支出）, of a procurement table)."""
    if query.operation.derived or set(query.measures) & set(CHANGE_MEASURES):
        return match

    def named(s: str) -> str:
        rows = {f.subject for f in facts if f.subject.startswith(f"{s}（") and f.table and f.measure not in CHANGE_MEASURES}
        only_changes = all(f.measure in CHANGE_MEASURES for f in facts if f.subject == s)
        return rows.pop() if only_changes and len(rows) == 1 else s
    return replace(match, subjects=tuple(named(s) for s in match.subjects))


def known_subjects(query: Query, doc_ids: Sequence[str], index: Index) -> tuple[str, ...]:
    """The 科目 (subjects with a 科目编码 in any indexed report) that the question names, or ()."""
    docs = [index.documents_by_id[d] for d in doc_ids]
    item = item_text(query, [d["department"] or "" for d in docs], [d["region"] or "" for d in docs])
    subjects = index.coded_subjects()
    match = match_question(item, subjects)
    if match is None or match.alternatives:
        return ()
    # only a 科目 the question writes out in full is required; a near match (公务车 ~ 公务用车购置) is a guess
    return tuple(x for x in match.subjects if x in item)


def mentioned(subjects: Sequence[str], doc_ids: Sequence[str], index: Index) -> bool:
    """Whether any scoped report's text mentions any of the subjects at all."""
    return any(index.mentions(doc_ids, subject) for subject in subjects)
