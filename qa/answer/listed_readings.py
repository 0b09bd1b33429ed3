"""一共 / 加起来 of a figure the narrative states once for each of several things it lists in one passage
(`自查自纠，追回违规医保基金76.83万元；加强药店监管，追回违规医保基金10.45万元，…；…追回违规医保基金68.02万元`): those
readings are separate items, not the report disagreeing with itself, and a sum asked of them is their sum.

Only an item the narrative alone names (no table row, no 科目 code, no lexicon item: a budget line has one amount
per measure, and its several readings are 年初 vs 决算 or table vs text) and only readings in consecutive sentences,
each its own sentence naming no other of them (a target beside its result is one sentence)."""
from __future__ import annotations

import re
from typing import Sequence

from ..lexicon import terms
from ..models import Fact
from ..text.numbers import exact_sum, format_value
from .match import Statement
from .statements import printed

#: the most lines between one reading's sentence and the next for both to stand in one passage
PASSAGE_GAP = 3


def _passages(facts: Sequence[Fact]) -> list[list[Fact]]:
    """The facts in report order, cut where the next one starts more than PASSAGE_GAP lines after the last ended."""
    placed = sorted((f for f in facts if f.lines), key=lambda f: f.lines)
    runs: list[list[Fact]] = []
    for f in placed:
        if runs and f.lines[0] - runs[-1][-1].lines[1] <= PASSAGE_GAP:
            runs[-1].append(f)
        else:
            runs.append([f])
    return runs


def _states_one(f: Fact, values: Sequence[float]) -> bool:
    """Whether the fact's sentence prints only its own value of `values` (no second reading beside it), and not as
    a part of a whole it states first (`总编制人数62人，其中：…事业编制55人`: two sentences breaking down two wholes)."""
    said = re.sub(r"[\s,，]", "", f.quote)
    at = said.find(format_value(f.value))
    return sum(format_value(v) in said for v in values) == 1 and "其中" not in said[:max(at, 0)]


def listed_readings(statements: Sequence[Statement], facts: Sequence[Fact]) -> list[Fact]:
    """The readings one passage lists of the one narrative item the statements state, in report order; [] unless
    the statements are one item's, that item is the narrative's own, and a passage lists two or more of its values."""
    keys = {(s.subject, s.measure, s.unit) for s in statements}
    if len(keys) != 1:
        return []
    ((subject, measure, unit),) = keys
    vocab = terms()
    if subject in vocab["items"] or subject in vocab["subject_aliases"] or any(
            f.subject == subject and (f.table or f.subject_code) for f in facts):
        return []  # (a 科目 said under several codes: rows of their own, told apart by code)
    mine = [f for f in facts if (f.subject, f.measure, f.unit) == (subject, measure, unit) and not f.table]
    best: list[Fact] = []
    for run in _passages(mine):
        values = [f.value for f in run]
        if len(set(values)) != len(values) or len({f.quote for f in run}) != len(run):
            continue  # (a value said twice, or two readings in one sentence: no list of separate things)
        if all(_states_one(f, values) for f in run) and len(run) > len(best):
            best = run
    return best if len(best) >= 2 else []


#: a count of the readings asked beside their sum (追回了几笔？加起来多少？), in the counter asked; in a clause of
#: its own (几笔追回违规资金加起来多少 names the readings it sums)
_COUNT_ASKED = re.compile(r"(?:几|多少)(笔|次|处|回|项)(?![^，,？?；;。]*(?:加起来|一共|合计|总共|共计|总计))")


def listed_sum_line(statements: Sequence[Statement], facts: Sequence[Fact],
                    question: str = "") -> tuple[str, list[Statement]] | None:
    """(the line, its statements) of the readings one passage lists, added — with any larger reading the report
    states of the item elsewhere (全区共计…追回违规医保基金260.77万元: a total of its own, over more than the list),
    which is the other legitimate answer to 一共多少; None when no passage lists the item's readings. A count of
    them the question asks (几笔) is said with the sum."""
    listed = listed_readings(statements, facts)
    if not listed:
        return None
    unit = listed[0].unit or ""
    total = exact_sum([f.value for f in listed])
    said = [printed(f.value, f.quote) for f in listed]  # (76.83 + 10.45 + 68.02 = 155.30: the report's precision)
    decimals = max(len(x.partition(".")[2]) for x in said)
    formula = f"{' + '.join(said)} = {total:.{decimals}f}{unit}"
    subject = listed[0].subject
    st = Statement(listed[0].doc_id, subject, "合计", total, listed[0].unit, tuple(listed), formula=formula)
    counted = _COUNT_ASKED.search(question)
    many = f"，共{len(listed)}{counted.group(1)}" if counted else ""
    line = f"{subject}（同一段落所列各笔{many}）合计：{total:.{decimals}f}{unit}（计算：{formula}）"
    larger = list({round(s.value, 6): s for s in statements
                   if s.value > total + 1e-9 and s.unit == listed[0].unit}.values())
    if larger:
        line += "；报告另处所载：" + "、".join(f"{printed(s.value, s.facts[0].quote)}{unit}" for s in larger)
    return line + "。", [st, *larger]
