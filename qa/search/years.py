"""The years a question names, and whether it asks last year's figure or a change against it (see qa.search.scope's
docstring for the forms read: 2023年, 2023年度, 2023-2025年, 23年 beside 预算/决算 or a word of comparison, 17到19年)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..lexicon import question_words
from ..lexicon.formula_table import formulas, operation_words
from ..text.chars import BRACKETED, longest_first

_YEAR_RE = re.compile(r"(?<![\d.])((?:19|20)\d{2})(?:\s*(?:[-~～—至到]\s*)((?:19|20)\d{2}))?\s*(年度|年)?(?![\d.%％万亿元千百])")
#: 2017年至2019年 (each year) — unless it gives a change's two ends (从2017年到2019年增加了多少)
_YEAR_SPAN_RE = re.compile(r"(?<!从)(?<![\d.])((?:19|20)\d{2})\s*年度?\s*(?:[-~～—至到]|一直到)\s*((?:19|20)\d{2})\s*年")
_SHORT_RANGE_RE = re.compile(r"(?<![\d.])((?:19|20)?\d{2})\s*年?\s*(?:[-~～—]|到|至)\s*(\d{2})\s*年(?!\d)")
#: a year's end as the date of a stock (截至2025年底, 2025年末, 截止2025年12月31日, 截至24年底)
AS_OF_END = re.compile(r"(?:截至|截止|到)\s*(?:19|20)?\d{2}\s*年?\s*(?:底|末|12月31日)|(?<!\d)(?:19|20)?\d{2}\s*年\s*(?:底|末)")
_SHORT_YEAR_RE = re.compile(r"(?<![\d.])(\d{2})\s*年(?:度|(?=预算|决算|部门|单位))")
#: a two-digit year said alone (信访局24年三公经费, 24年底): 2010–2029, not a span of time (连续12年, 近15年来, 30年代)
_LOOSE_SHORT_YEAR_RE = re.compile(r"(?<![\d.第前近满共余多每已有达续长时去])([12]\d)\s*年(?![\d以来间内多左右代龄限期])")

@dataclass(frozen=True)
class Span:
    """A recognised part of the question: question[start:end] == text; value = what it stands for
    (a region's display form, a department's full name, a year, 预算/决算)."""

    start: int
    end: int
    text: str
    value: str


#: words right before a year that make it what a change is measured against (为啥比2024年少了)
AGAINST = re.compile(r"(?:比|较|与|同|跟|对比)\s*$")
#: last year named relative to the report (去年的, 上一年), not as the base of a comparison (比上年, 与去年相比)
LAST_YEAR = re.compile(r"(?<![比较与同和跟])(?:去年|上年|上一年)(?!度?(?:相比|比|同期|同比)|结转|结余)")

def asks_last_year(text: str, year: int | None) -> bool:
    """Whether a question asks a figure of the year before the one in scope — 上年预算是多少, 推算2016年…是多少 (of a
    2017 report) — not a change against it (比上年少了多少)."""
    named = year is not None and re.search(rf"(?<![比较与同和跟]){year - 1}\s*年", text) is not None
    return (named or LAST_YEAR.search(text) is not None) and not asks_change(text)


def find_years(q: str) -> tuple[set[int], tuple[Span, ...]]:
    """Years the question names (see the module docstring), with their spans. A year named only in a bracketed
    aside, when the question names another outside it, is no year asked (its span is still recognised); nor one
    named only in a clause that asks nothing, when the clause that asks names its own (2018年…暴涨了1681.14%，2017年
    这笔钱原本有多少: 2017; 2016年…是多少？用2017年的数倒推: 2016)."""
    years, spans = _years_in(q)
    outside, _ = _years_in(BRACKETED.sub(lambda m: " " * len(m.group(0)), q))
    return _years_asked(q, outside or years), spans


def _says_how(clause: str) -> bool:
    """Whether a clause says how the asker would work a figure out (questions.json method_words): 倒推, 推算
    anywhere, 根据 / 用 right before a year (用2017年的数; not the 用 of 费用)."""
    words = question_words()["method_words"]
    before = "|".join(map(re.escape, words["with_a_year"]))
    return any(w in clause for w in words["alone"]) or re.search(rf"(?:{before})\s*(?:19|20)?\d{{2}}\s*年", clause) is not None


#: words right before a year that make it the base of a rate asked (按2020年预算数), beside those of a change (AGAINST)
_BASE = re.compile(r"(?:按照?|以|相对于?)\s*$")
#: a year said after 和 / 跟 and before 比 / 相比 (和2018年比): the base of a comparison, not a year joined to another
_WITH_THEN_COMPARED = re.compile(r"(?:和|跟|同|与)\s*$")
_COMPARED_AFTER = re.compile(r"\s*度?(?:相比|比较|对比|比)")
#: words of a clause that asks (多少, 几, 哪, 吗…): a clause without any states or says how, asking nothing
_ASKING = re.compile(r"多少|几|哪|什么|吗|呢|是否|怎么|如何|怎样|有没有|是不是")


def _years_asked(q: str, years: set[int]) -> set[int]:
    """The years of the clauses that ask, when one of them names a year of its own (not the base of a comparison,
    比2017年) and another year is named only in clauses that ask nothing; `years` otherwise."""
    clauses = [c for c in re.split(r"[，,。；;？?！!]", BRACKETED.sub(" ", q)) if c.strip()]
    if len(years) < 2 or any(_says_how(c) for c in clauses):
        return years  # (根据2018年预算说明推算: the year of the report to work from is said on purpose)
    asking = [c for c in clauses if _ASKING.search(c)]
    if any(AGAINST.search(c[: m.start()]) or _BASE.search(c[: m.start()]) or _WITH_THEN_COMPARED.search(c[: m.start()])
           and _COMPARED_AFTER.match(c, m.end()) for c in asking for m in _YEAR_RE.finditer(c)):
        return years  # (与2022年比提高了多少, 按2020年预算数计算增幅: a change between the years)
    own = {y for c in asking for y in _years_in(c)[0]}
    return own if own and own < years else years


def _years_in(q: str) -> tuple[set[int], tuple[Span, ...]]:
    years: set[int] = set()
    spans = []
    for m in _YEAR_RE.finditer(q):
        a = int(m.group(1))
        b = int(m.group(2)) if m.group(2) else a
        if b < a or b - a > 20:
            b = a
        years.update(range(a, b + 1))
        spans.append(Span(m.start(), m.end(), m.group(0), m.group(0)))
    for m in _YEAR_SPAN_RE.finditer(q) if not asks_change(q) else ():
        a, b = int(m.group(1)), int(m.group(2))
        if a < b <= a + 20:
            years.update(range(a, b + 1))
    for m in _SHORT_RANGE_RE.finditer(q):  # 17到19年, 17-19年, 2017至19年: every year of the range
        a, b = int(m.group(1)) % 100 + 2000, 2000 + int(m.group(2))
        if a < b <= a + 20:
            years.update(range(a, b + 1))
            spans = [s for s in spans if not m.start() <= s.start < m.end()]  # (2017 of 2017至19年: read as one range)
            spans.append(Span(m.start(), m.end(), m.group(0), m.group(0)))
    for m in (*_SHORT_YEAR_RE.finditer(q), *_compared_short_years().finditer(q), *_LOOSE_SHORT_YEAR_RE.finditer(q)):
        group = 1 if m.group(1) else 2
        start, end = m.start(group), m.end(0)
        if any(s.start <= start < s.end for s in spans):
            continue
        years.add(2000 + int(m.group(group)))
        spans.append(Span(start, end, q[start:end], str(2000 + int(m.group(group)))))
    return years, tuple(sorted(spans, key=lambda s: s.start))


def with_full_years(q: str) -> str:
    """The question with each two-digit year it names written in full (普陀区财政局25年…比24年 -> 2025年…比2024年;
    17到19年 -> 2017到2019年), so every later reader of the question finds the years `find_years` finds."""
    out, at = [], 0
    for s in _years_in(q)[1]:
        out += [q[at:s.start], re.sub(r"(?<!\d)(\d{2})(?!\d)", r"20\1", s.text)]
        at = s.end
    return "".join(out) + q[at:]


def asks_change(q: str) -> bool:
    """Whether the question asks a change (the formula table's cues of 增减额 and 增减率)."""
    return any(w in q for w in _change_cues())


@lru_cache(maxsize=1)
def _change_cues() -> tuple[str, ...]:
    table = formulas().formulas
    return tuple(w for name in ("增减额", "增减率") for w in (*table[name].cues, *table[name].also_cues) if "…" not in w)


@lru_cache(maxsize=1)
def _compared_short_years() -> re.Pattern[str]:
    """A two-digit year before or after a word of comparison or range (18年比19年, 比18年, 17年到19年)."""
    words = "|".join(re.escape(w) for w in sorted((*operation_words()["thresholds"]["versus"], "到", "至"),
                                                  key=longest_first))
    return re.compile(rf"(?<![\d.])(\d{{2}})\s*年(?=\s*(?:{words}))|(?:{words})\s*(\d{{2}})\s*年")
