"""The measure cues of report sentences (data/cues.json), compiled once: the words that name a figure's measure,
its basis and its unit, and the other sentence patterns fact extraction reads (`cues()`).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ..text.chars import longest_first
from .files import load_json


@dataclass(frozen=True)
class MeasureCue:
    """Words that name a figure's measure (`完成年初预算的` -> 执行率): `pattern` over text with whitespace
    removed, `kinds` = the figures it may name (amount / percent / count), `sign` -1 for a decrease, `rate` = the
    measure it names for a percent when that differs (增加 -> 增减额, but 增长 X% -> 增减率)."""

    measure: str
    pattern: re.Pattern[str]
    kinds: frozenset[str]
    sign: int = 1
    rate: str | None = None

    def measure_for(self, kind: str) -> str:
        return self.rate if kind == "percent" and self.rate else self.measure


@dataclass(frozen=True)
class CueLexicon:
    """data/cues.json, compiled: see its `_doc`. `before` patterns are anchored at the end of the words before
    a figure (connectors allowed between), `after` ones at the start of the words after it."""

    before: tuple[MeasureCue, ...]
    after: tuple[MeasureCue, ...]
    bases: re.Pattern[str]
    skip_before: re.Pattern[str]
    skip_after: re.Pattern[str]
    score_clause: re.Pattern[str]
    #: (the measure of a score, the words just before a figure in 分 naming it: 自评得分为)
    scores: tuple[str, re.Pattern[str]]
    indicator_subject: re.Pattern[str]
    indicator_levels: tuple[str, ...]
    #: the columns after an indicator's two values, in order (分值, 得分), each with the header words naming it
    indicator_points: tuple[tuple[str, tuple[str, ...]], ...]
    negations: re.Pattern[str]
    #: words holding a cue that name a thing (稳增长: a policy, no change); a cue inside one is no cue
    names_holding_cues: tuple[str, ...]
    count_units: dict[str, str]
    count_other: str
    subject_counts: dict[str, dict[str, Any]]
    not_a_unit_after: re.Pattern[str]
    totals: dict[str, str]
    budget_totals: dict[str, str]
    basis_measure: str
    basis_years: re.Pattern[str]
    topic_words: tuple[str, ...]
    label_heads: tuple[str, ...]
    projects: tuple[re.Pattern[str], ...]
    #: the title of a report section about one project (`2024年度X项目绩效评价报告`)
    project_reports: re.Pattern[str]
    project_forms: re.Pattern[str]
    #: a sentence's item that only says "the project" (`项目实际支出`, `该项目`): the section's project
    project_generic: re.Pattern[str]
    #: the clause of a change printed again on another basis (按与上年统计口径一致相比)
    other_basis: re.Pattern[str]
    #: a change measured against last year's actual figure (比上年执行数)
    actual_basis: re.Pattern[str]
    #: a clause saying the amount just stated is as last year's (与上年相比持平)
    unchanged: re.Pattern[str]
    #: words opening with a lead filler that are words of their own (中止, 中央): the filler stays
    not_fillers: tuple[str, ...]
    #: canonical item -> the patterns that write it, in the order they are tried
    narrative_subjects: tuple[tuple[str, tuple[str, ...]], ...]
    #: a count's subject that names only the area counted in (全区): the count is of what follows it
    area_subjects: re.Pattern[str]
    #: a sentence saying it is about its section's project (该项目批复的…)
    this_project: re.Pattern[str]
    #: units of things a list counts (辆, 台): the parts of a qualified whole take its qualifier
    listed_units: tuple[str, ...]
    #: the words just before an evaluation's grade in the sentence giving it (绩效评价结果级别为)
    grade_lead: re.Pattern[str]
    #: the first of several reasons counted (一是, 首先) and a sentence going on to the next one (二是, 其次)
    first_reason: re.Pattern[str]
    next_reason: re.Pattern[str]
    #: the measure a change's item is named with before its basis (…支出决算数比上年)
    named_measure_end: re.Pattern[str]


def _measure_cues(entries: list[dict], connectors: str, before: bool) -> tuple[MeasureCue, ...]:
    out = []
    for e in entries:
        alts = "|".join(f"(?:{c})" for c in e["cues"])
        pattern = f"(?:{alts})(?:{connectors})*$" if before else f"(?:{alts})"
        out.append(MeasureCue(e["measure"], re.compile(pattern), frozenset(e["kinds"]), e.get("sign", 1), e.get("rate")))
    return tuple(out)


@lru_cache(maxsize=1)
def cues() -> CueLexicon:
    """Measure cues, bases, thresholds and count units of report sentences (data/cues.json)."""
    d = load_json("cues.json")
    connectors = "|".join(re.escape(c) for c in sorted(d["connectors"], key=longest_first))
    return CueLexicon(
        before=_measure_cues(d["measures"], connectors, True),
        after=_measure_cues(d["after"], connectors, False),
        bases=re.compile("(?:" + "|".join(d["bases"]) + ")$"),
        skip_before=re.compile("(?:" + "|".join(d["skip_before"]) + ")$"),
        skip_after=re.compile("|".join(d["skip_after"])),
        score_clause=re.compile(d["score_clause"]),
        scores=(d["scores"]["measure"], re.compile(d["scores"]["lead"])),
        indicator_subject=re.compile(d["indicator_subject"]),
        indicator_levels=tuple(d["indicator_levels"]),
        indicator_points=tuple((column, tuple(words)) for column, words in d["indicator_points"].items()),
        negations=re.compile(d["negations"]),
        names_holding_cues=tuple(d["names_holding_cues"]),
        count_units=dict(d["count_units"]),
        count_other=d["count_other"],
        subject_counts=dict(d.get("subject_counts", {})),
        not_a_unit_after=re.compile(d["not_a_unit_after"]),
        totals=dict(d["totals"]),
        budget_totals=dict(d["budget_totals"]),
        basis_measure=d["basis_measure"],
        basis_years=re.compile(d["basis_years"]),
        topic_words=tuple(d["topic_words"]),
        label_heads=tuple(d["label_heads"]),
        projects=tuple(re.compile(p) for p in d["projects"]),
        project_reports=re.compile(d["project_reports"]),
        project_forms=re.compile(d["project_forms"]),
        project_generic=re.compile(d["project_generic"]),
        other_basis=re.compile("[^，,。；;]*(?:" + "|".join(map(re.escape, d["other_basis"])) + ")[^，,。；;]*"),
        actual_basis=re.compile("(?:" + "|".join(map(re.escape, d["actual_basis"]["years"])) + ")度?(?:的)?(?:"
                                + "|".join(map(re.escape, d["actual_basis"]["words"])) + ")"),
        unchanged=re.compile(d["unchanged"]),
        not_fillers=tuple(d["not_fillers"]),
        narrative_subjects=tuple((e["subject"], tuple(e["patterns"])) for e in d["narrative_subjects"]),
        area_subjects=re.compile(d["area_subjects"]),
        this_project=re.compile(d["this_project"]),
        listed_units=tuple(d["listed_units"]),
        grade_lead=re.compile(d["grade_lead"]),
        first_reason=re.compile(d["counted_reasons"]["first"]),
        next_reason=re.compile(d["counted_reasons"]["next"]),
        named_measure_end=re.compile(d["named_measure_end"]),
    )
