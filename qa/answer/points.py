"""A gap between two rates asked in percentage points (`两个科目的完成率相差多少个百分点`, `执行率提高了几个百分点`):
when an answer states the two rates, their difference, with its formula. A gap to a value the question names in
words (`比满分少了多少分`): the one figure of that unit against it."""
from __future__ import annotations

import re
from dataclasses import replace

from ..lexicon.formula_table import operation_words
from ..models import Answer, Figure
from .derived import fmt
from .statements import without_report

#: the word asking a gap in percentage points, and saying one was stated
POINTS = "百分点"
#: the rates a gap in points is asked between, as a figure's label ends (基本支出占比, 城乡医疗救助执行率)
RATE_WORDS = ("占比", "比重", "执行率", "完成率")


def with_point_gap(a: Answer, question: str) -> Answer:
    """The answer with the gap between the two rates it states (first − second, and which is higher), when the
    question asks one in percentage points and the answer states exactly two rates and no gap yet."""
    if not a.found or POINTS not in question or POINTS in a.text:
        return a
    rates = [f for f in a.figures if f.unit == "%"]
    if len(rates) > 2:  # (a change's rate stated beside two shares or two 执行率: the two of one measure)
        rates = next((same for word in RATE_WORDS if len(same := [f for f in rates if f.label.endswith(word)]) == 2), rates)
    if len(rates) != 2 or len({f.value for f in rates}) != 2:
        return a
    first, second = rates
    gap = round(abs(first.value - second.value), 2)
    high, low = (first, second) if first.value > second.value else (second, first)
    formula = f"{fmt(high.value)}% − {fmt(low.value)}% = {fmt(gap)}个百分点"
    line = f"{high.label} 比 {low.label} 高 {fmt(gap)} 个百分点（计算：{formula}）。"
    # (two items' rates: each stated alone; two readings of one item's rate keep the figures they are read from)
    text = _rates_only(a.text, rates) if len({f.label for f in rates}) == 2 else a.text
    return replace(a, text=f"{text}\n{line}", figures=a.figures + (Figure(gap, "个百分点", "两者相差", formula),))


def _rates_only(text: str, rates: list[Figure]) -> str:
    """Each line stating one of the rates, with only the rate: the amounts it was worked from are in its citations
    (a gap in points asks the two rates, not their inputs)."""
    out = []
    for line in text.split("\n"):
        head, sep, body = line.partition("：")
        parts = re.split("[；;]", body.rstrip("。"))
        kept = [p for p in parts if any(re.search(rf"(?<![\d.]){re.escape(fmt(abs(r.value)))}0*%", p) for r in rates)]
        out.append(f"{head}：{'；'.join(kept)}。" if sep and kept and len(kept) < len(parts) else line)
    return "\n".join(out)


#: words setting a figure against a value named in words (比满分, 离满分, 距离满分)
_AGAINST = r"(?:比|离|距离?|与|跟|和|同)"


def with_gap_to_named_value(a: Answer, question: str, derived: str | None) -> Answer:
    """The answer with its one figure's gap to a value the question names in words and asks a difference from
    (自评总分比满分少了多少分, 离满分还差几分: 100分 − 83.7分; operations.json thresholds.named_values)."""
    named = named_value_against(question, derived) if a.found else None
    if named is not None:
        word, value, unit = named
        same = [f for f in a.figures if f.unit == unit]
        if len(same) != 1 or same[0].value == value:
            return a
        gap = round(abs(value - same[0].value), 2)
        side = "少" if same[0].value < value else "多"
        formula = f"{fmt(max(value, same[0].value))} − {fmt(min(value, same[0].value))} = {fmt(gap)}{unit}"
        line = f"{without_report(same[0].label)}比{word}（{fmt(value)}{unit}）{side} {fmt(gap)}{unit}（计算：{formula}）。"
        return replace(a, text=f"{a.text}\n{line}", figures=a.figures + (Figure(gap, unit, f"比{word}{side}", formula),))
    return a


def named_value_against(question: str, derived: str | None) -> tuple[str, float, str] | None:
    """The value the question names in words and asks a difference from (比满分少了多少分: 满分, 100, 分), or None."""
    for word, (value, unit) in operation_words()["thresholds"]["named_values"].items():
        # (离满分还差几分: 差 asks the gap where no formula cue is said)
        if re.search(_AGAINST + re.escape(word) + (r"" if derived in ("增减额", "差额") else r"[^，,。？?]{0,3}差"), question):
            return word, value, unit
    return None
