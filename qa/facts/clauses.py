"""Sentence -> clauses -> figures: every number with a unit (amount / rate / count), the words before and after it
within its clause, and the measure those words name (vocabulary: qa.lexicon.cues(), data/cues.json).

    for fig in sentence_figures("三公经费支出995.33万元，执行进度126.3%，比上年减少3万元"):
        fig.measure, fig.sign, fig.rest   # (None, 1, '三公经费支出'), ('执行率', 1, ''), ('增减额', -1, '比上年')

A clause ends at ，；：。 (a comma inside a number such as `1,228.72` or `2, 031. 52` is not an end), and at 、
only after a figure (`社会保障和就业支出5756.51万元、卫生健康支出71.42万元` is two clauses, `收入、支出总计` one);
nothing inside brackets or quotes ends a clause. A figure is never a fact when it is a year, a 科目编码, a list
ordinal, a threshold or score (`≥95%`, `权重10`, `不到80%`), or has no unit of amount, rate or count.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Sequence

from ..lexicon import cues
from ..text.numbers import AMOUNT_UNITS, Number, find_numbers

#: the measure of a figure after a negated cue (`未执行数`): no fact
NEGATED = "!"
_CLAUSE_ENDS = "，,；;：:。！？!?"
_OPEN, _CLOSE = "（(“\"‘[【《", "）)”\"’]】》"


@dataclass(frozen=True)
class Clause:
    """A clause of a sentence: `start`/`end` are offsets in the sentence (the end mark excluded)."""

    start: int
    end: int


@dataclass(frozen=True)
class Figure:
    """A figure with a unit in a clause. `kind` = amount / percent / count / score (分); `lead` = the clause's words from the
    previous figure (or the clause start) up to it; `after` = the words after it up to the next figure or the
    clause end; `measure` / `sign` = what a cue in those words names (None when none does); `rest` = `lead`
    without that cue (where the figure's item is named); `clause` = the clause's index in the sentence."""

    number: Number
    kind: str
    lead: str
    after: str
    measure: str | None
    sign: int
    rest: str
    clause: int

    @property
    def unit(self) -> str:
        return self.number.unit or ""


def split_clauses(text: str) -> list[Clause]:
    """Clauses of a sentence (text with whitespace removed or not): see the module docstring."""
    numbers = find_numbers(text)
    inside = set()
    for n in numbers:
        inside.update(range(n.start, n.end))
    figure_ends = {n.end for n in numbers if n.unit}
    out: list[Clause] = []
    depth = 0
    start = 0
    last_figure = -1
    for i, ch in enumerate(text):
        if ch in _OPEN and not (ch == '"' and depth):
            depth += 1
            continue
        if ch in _CLOSE and depth:
            depth -= 1
            continue
        if i + 1 in figure_ends or i in figure_ends:
            last_figure = i
        if depth or i in inside:
            continue
        if ch in _CLAUSE_ENDS or (ch == "、" and last_figure >= start):
            if i > start:
                out.append(Clause(start, i))
            start = i + 1
    if start < len(text):
        out.append(Clause(start, len(text)))
    return out


def unit_kind(n: Number) -> str | None:
    """amount / percent / count for a figure whose unit the lexicon knows, else None."""
    if n.unit == "%":
        return "percent"
    if n.unit in AMOUNT_UNITS:
        return "amount"
    if n.unit in cues().count_units:
        return "count"
    return None


def measure_cue(lead: str, after: str, kind: str) -> tuple[str | None, int, str]:
    """(measure, sign, lead without the cue) from the words just before a figure, else just after it;
    `NEGATED` when the cue is negated (`未执行数`)."""
    lex = cues()
    for cue in lex.before:
        if kind not in cue.kinds:
            continue
        m = cue.pattern.search(lead)
        if m and m.start() > 0 and lex.negations.fullmatch(lead[m.start() - 1]):
            return NEGATED, 1, lead  # `未执行数407.77万元`: not what the cue names
        if m and any(lead[: m.end()].endswith(w) for w in lex.names_holding_cues):
            continue  # `支持商销稳增长30.00万`: the words name the thing the figure is of
        if m:
            rest = lead[: m.start()]
            if kind == "amount" and cue.sign > 0 and _names_earlier_year(lead):
                return lex.basis_measure, 1, ""  # `比2025年年初预算数30385.62万元`: the basis's own figure
            return cue.measure_for(kind), cue.sign, rest
    for cue in lex.after:
        if kind in cue.kinds and cue.pattern.match(after):
            return cue.measure_for(kind), cue.sign, lead
    return None, 1, lead


def _names_earlier_year(lead: str) -> bool:
    """True when the whole lead is a basis naming an earlier year (`比上年`, `比2025年年初预算数`)."""
    lex = cues()
    m = lex.bases.search(lead)
    return bool(m and m.start() == 0 and m.end() == len(lead) and lex.basis_years.search(lead))


def is_fact_figure(n: Number, text: str, lead: str) -> bool:
    """False for years, codes, ordinals, thresholds, scores and units glued to the next word (see module doc)."""
    kind = unit_kind(n)
    if kind is None or n.kind in ("year", "code", "ordinal"):
        return False
    lex = cues()
    if lex.skip_before.search(lead) or lex.skip_after.match(text[n.end:]):
        return False
    if kind == "count" and lex.not_a_unit_after.match(text[n.end:]):
        return False
    return True


def _score_cue(n: Number, lead: str) -> re.Match[str] | None:
    """The words naming a score just before a figure in 分 (`项目自评得分为88.5分`), else None."""
    return cues().scores[1].search(lead.rstrip()) if n.unit == "分" else None


def _with_borrowed_unit(n: Number, lead: str, numbers: Sequence[Number], text: str) -> Number:
    """A bare number an amount's cue names, in a clause the next clause's amount follows, in that amount's unit
    (`年初预算为 0，支出决算为 150 万元`: 0 万元): the template's sentence with its first unit left out."""
    if n.kind != "number" or measure_cue(lead, "", "amount")[0] in (None, NEGATED):
        return n
    later = next((m for m in numbers if m.start >= n.end), None)
    if later is None or later.unit not in AMOUNT_UNITS or not re.fullmatch(r"\s*[，,；;]\s*[\u4e00-\u9fff]{1,12}?\s*",
                                                                           text[n.end:later.start]):
        return n
    return replace(n, unit=later.unit, kind="amount")


def sentence_figures(text: str) -> list[Figure]:
    """Every fact figure of a sentence, clause by clause, with its cue (see `Figure`)."""
    out: list[Figure] = []
    clauses = split_clauses(text)
    numbers = find_numbers(text)
    for ci, cl in enumerate(clauses):
        if cues().score_clause.search(text, cl.start, cl.end):
            continue
        mine = [n for n in numbers if cl.start <= n.start < cl.end]
        pos = cl.start
        kept: list[tuple[Number, str, str, re.Match[str] | None]] = []
        for n in mine:
            lead = text[pos:n.start]
            n = _with_borrowed_unit(n, lead, numbers, text)
            before = text[clauses[ci - 1].start:cl.start] if ci and not lead.strip() else ""
            if before.rstrip().endswith(("：", ":")) and _score_cue(n, before + lead):
                lead = before + lead  # 项目绩效自评得分：98分: the words naming the score before the colon
            cue = _score_cue(n, lead)
            if cue is None and not is_fact_figure(n, text, lead):
                continue
            kept.append((n, "score" if cue else unit_kind(n) or "", lead, cue))
            pos = n.end
        for k, (n, kind, lead, cue) in enumerate(kept):
            stop = kept[k + 1][0].start if k + 1 < len(kept) else cl.end
            after = text[n.end:max(n.end, stop)]
            measure, sign, rest = (cues().scores[0], 1, lead[:cue.start()]) if cue else measure_cue(lead, after, kind)
            if measure == NEGATED:
                continue
            out.append(Figure(n, kind, lead, after, measure, sign, rest, ci))
    return out
