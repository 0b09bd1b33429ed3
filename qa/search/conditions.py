"""Conditions rows of a count, list or sum must meet, read from a question's words (data/operations.json
thresholds): a bound on the row's own figure (`超过1000万元`, `不到80%`), the row's figure against another of the
same row (`超过年初预算`, `比上年减少`), or a figure of another column of the row (`年初预算为0`).

Pure: the same text always gives the same condition.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any, Iterable

from ..lexicon import cues
from ..lexicon.formula_table import operation_words
from ..text.chars import longest_first

_OPS = {"gt": ">", "ge": "≥", "lt": "<", "le": "≤", "eq": "="}
NUMBER = r"(\d+(?:\.\d+)?|[零一二两三四五六七八九十百千]+)"
#: a noun of a figure (编制数, 实有人数): another column of the same rows, when a condition names it
_FIGURE_NOUN = r"[\u4e00-\u9fff]{1,5}?数"


@dataclass(frozen=True)
class Threshold:
    """A comparison rows must pass: `op` gt/ge/lt/le/eq; `value` in `unit` (万元 for amounts after scaling, %
    for rates) or, for a threshold against another figure of the same row (`超过年初预算`), `reference` =
    the measure compared with and value None. `column` names another figure of the row that the bound is on
    (`年初预算为0`: 年初预算数 = 0), when it is not the row's own."""

    op: str
    value: float | None = None
    unit: str | None = None
    dimension: str | None = None  # amount / rate / count
    reference: str | None = None
    column: str | None = None
    #: the bound is on the row's change against last year, said right after the sign (比上年减少超过1000万元)
    of_change: bool = False

    @property
    def pairs_figures(self) -> bool:
        """Whether rows are judged by two figures of their own (a rate, a change, one against another), which a
        sentence's list of one amount an item cannot state."""
        return bool(self.reference) or self.dimension == "rate" or self.of_change

    def passes(self, x: float, ref: float | None = None) -> bool:
        y = ref if self.reference else self.value
        if y is None:
            return False
        return {"gt": x > y + 1e-9, "ge": x >= y - 1e-9, "lt": x < y - 1e-9, "le": x <= y + 1e-9,
                "eq": abs(x - y) < 0.005}[self.op]  # (equal to the printed cent)

    def describe(self) -> str:
        rhs = self.reference if self.reference else f"{self.value:g}{self.unit or ''}"
        return f"{self.column + ' ' if self.column else ''}{_OPS[self.op]} {rhs}"


def _on_change(before: str, th: Threshold) -> Threshold:
    """The amount bound as one on the change when a sign of two or more characters is said right before it
    (减少超过1000万元, 下降了1000万元以上): how much a row moved, not the row's amount."""
    said = re.search(rf"(?:{_sign_words(('lt', 'gt'), shortest=2)})了?\s*$", before)
    return replace(th, of_change=True) if said and th.dimension == "amount" else th


def _over_budget(before: str, th: Threshold) -> Threshold:
    """A rate bound said as so much over a budget (比年初预算超出了10%以上): a bound on the rate of that budget
    (执行率 ≥ 110%), not a rate of 10%. Over 上年 it stays a rate of change (比上年增长超过10%)."""
    if th.dimension != "rate" or th.value is None:
        return th
    th_words = _words()["thresholds"]
    budgets = [f for ref, forms in th_words["references"].items() if ref != cues().basis_measure for f in forms]
    over = "|".join(map(re.escape, sorted(th_words["prefix"]["gt"], key=longest_first)))
    said = re.search(rf"比(?:{'|'.join(map(re.escape, sorted(budgets, key=longest_first)))})数?(?:{over})?了?\s*$", before)
    return replace(th, value=100 + th.value) if said else th


@lru_cache(maxsize=1)
def _words() -> dict[str, Any]:
    return operation_words()


def _has(text: str, words: list[str]) -> bool:
    return any(w in text for w in words)


def chinese_number(s: str) -> float | None:
    """`12.5` -> 12.5, `三` -> 3, `十二` -> 12, `二十` -> 20, `三百` -> 300, `两千` -> 2000; None when not a number."""
    if re.fullmatch(r"\d+(?:\.\d+)?", s):
        return float(s)
    nums = _words()["numerals"]
    if not s or any(ch not in nums for ch in s):
        return None
    total, current = 0, 0
    for ch in s:
        v = nums[ch]
        if v >= 10:
            total += (current or 1) * v
            current = 0
        else:
            current = v
    return float(total + current)


def _unit_pattern() -> str:
    units = sorted(_words()["units"], key=longest_first)
    return "|".join(re.escape(u) for u in units)


def _threshold_from(op: str, number: str, unit: str | None) -> Threshold | None:
    value = chinese_number(number)
    if value is None:
        return None
    units = _words()["units"]
    if unit and unit in units:
        dimension, scale = units[unit]
        if dimension == "amount":
            return Threshold(op, round(value * scale, 6), "万元", "amount")
        if dimension == "rate":
            return Threshold(op, round(value * scale, 6), "%", "rate")
        return Threshold(op, value, unit, "count")
    return Threshold(op, value, None, None)


#: words right after a bound's reference asking by how much it is passed (超出年初预算百分之几, 超过预算多少)
_ASKS_BY_HOW_MUCH = re.compile(r"(?:数|的)?了?(?:百分之|多少|几)")


def find_threshold(text: str) -> Threshold | None:
    """`超过1000万元` -> > 1000 万元; `不到80%` -> < 80 %; `500万元以上` -> ≥ 500 万元; `超过年初预算` -> > 年初预算数."""
    th = _words()["thresholds"]
    for words, share in th["fractions"].items():  # 连一半都不到: < 50%
        text = text.replace(words, share)
    units = _unit_pattern()
    prefix = sorted(((w, op) for op, ws in th["prefix"].items() for w in ws), key=lambda p: -len(p[0]))
    for word, op in prefix:
        for m in re.finditer(re.escape(word) + r"\s*" + NUMBER + rf"\s*({units})?", text):
            got = _threshold_from(op, m.group(1), m.group(2))
            if got is not None and not _is_year(m.group(1), m.group(2)) and not _names_things(text[m.end():]):
                return _over_budget(text[:m.end(0) - len(m.group(0))] + word, _on_change(text[:m.start()], got))
        if word in text:
            after = text[text.index(word) + len(word):]
            for ref, forms in th["references"].items():
                said = next((f for f in sorted(forms, key=len, reverse=True) if after.startswith(f)), None)
                # (超出年初预算百分之几, 超过预算多少: by how much, a figure asked of the item, no rows picked)
                # (决算不到年初预算的80%: a share of the reference, the rate the row's figure is of it)
                share = re.match(r"数?的\s*" + NUMBER + r"\s*(%)", after[len(said):]) if said is not None else None
                if share is not None and (got := _threshold_from(op, share.group(1), share.group(2))) is not None:
                    return got
                if said is not None and not _ASKS_BY_HOW_MUCH.match(after[len(said):]):
                    return Threshold(op, reference=ref)
            # 在职人数超过编制数: another column of the same rows, named by a noun of a figure (…数)
            other = re.match(rf"{_FIGURE_NOUN}(?!多少|几|量)", after)
            if other:
                return Threshold(op, reference=other.group(0))
    suffix = sorted(((w, op) for op, ws in th["suffix"].items() for w in ws), key=lambda p: -len(p[0]))
    for word, op in suffix:
        m = re.search(NUMBER + rf"\s*({units})?\s*" + re.escape(word), text)
        if m and not _is_year(m.group(1), m.group(2)) and not _names_things(text[m.end():]):
            got = _threshold_from(op, m.group(1), m.group(2))
            if got is not None:
                return _over_budget(text[:m.start()], _on_change(text[:m.start()], got))
    return None


def _names_things(after: str) -> bool:
    """Whether the words after an amount bound name things of that value (单位价值100万元以上的设备, 单价50万元以上
    车辆; operations.json thresholds.named_things): the bound is part of their name, no condition on rows."""
    after = re.sub(r"^\s*(?:[（(]含[)）])?\s*的?", "", after)
    return after.startswith(tuple(_words()["thresholds"]["named_things"]))


def _year_before_asked(text: str) -> list[str]:
    """The year before the one a question asks of, as it says it after a word of comparing (`2019年…比2018年`:
    2018年), or []."""
    years = [int(y) for y in re.findall(r"(?<!\d)((?:19|20)\d{2})\s*年", text)]
    return [f"{years[0] - 1}年"] if years and years[0] - 1 in years[1:] else []


def row_condition(text: str) -> Threshold | None:
    """A condition rows of a count or list must meet without a threshold word: the row's own figure against
    another of the same row (`有几个比上年减少` < 上年数, `决算与年初预算持平的` = 年初预算数), or equal to a
    figure (`完成预算100%的有几个` = 100%). None unless the question counts or lists rows."""
    words, th = _words(), _words()["thresholds"]
    rows_asked = _has(text.replace("哪几", "哪"), words["functions"]["count"]) or _has(text, words["kinds"]["list"]) \
        or _signed_which(text)
    # 比上年减少的项级科目合计多少: rows a relative clause picks, summed (合计比上年减少了多少 is one total's change)
    summed = not rows_asked and _has(text, words["functions"]["sum"])
    if not rows_asked and not summed:
        return None
    column = column_condition(text)
    if column is not None:
        return column
    # 没有完成预算的, 有几个没有100%完成: rows short of their full budget (执行率 < 100%); a target or task left
    # undone is an indicator's, not a rate's
    short = "|".join(re.escape(w) for w in sorted(th["short_of_full"], key=longest_first))
    said = re.sub(r"(没有?|未)\s*100\s*[%％]\s*", r"\1", text)
    # 没有把预算执行完: the thing left undone said between (把…), as 没有执行完 says it
    said = re.sub(r"(没有?|未)把[\u4e00-\u9fff]{1,8}?(执行完|花完|用完)", r"\1\2", said)
    if re.search(rf"(?:{short})(?![\u4e00-\u9fff]{{0,4}}(?:目标|指标|任务|计划))", said):
        return _threshold_from("lt", "100", "%")
    # 与上年相比减少100%的, 增长了20%的有几个: rows whose change is of that rate
    # (因压减10%而减少: the rows a cut of 10% reduced)
    m = re.search(rf"(?:{_sign_words(('lt', 'gt'), shortest=2)})了?\s*[“\"「]?\s*{NUMBER}\s*(%|％)", text)
    if m:
        return _threshold_from("eq", m.group(1), "%")
    versus = "|".join(re.escape(w) for w in th["versus"])
    adverbs = "|".join(re.escape(w) for w in sorted(th["adverbs"], key=longest_first))
    for ref, forms in th["references"].items():
        # (比2018年减少 in a question of 2019: the year before the one asked is 上年)
        forms = [*forms, *_year_before_asked(text)] if ref == "上年数" else forms
        named = "|".join(re.escape(f) for f in sorted(forms, key=longest_first))
        for op in th["signs"]:
            said = _sign_words((op,))
            # (和上年预算一样: the reference said with the kind of its figure)
            if re.search(rf"(?:{versus})\s*(?:{named})(?:预算|决算)?数?\s*(?:相比|比较|比)?[，,]?\s*(?:{adverbs})?(?:{said}){'了?的' if summed else ''}", text):
                return Threshold(op, reference=ref)
    if summed:
        return None
    # 在职人数比编制数还多: another column of the same rows, named by a noun of a figure (…数)
    other = re.search(rf"(?:{versus})\s*({_FIGURE_NOUN})\s*(?:还|更|要)?(?:{adverbs})?({_sign_words(th['signs'])})", text)
    if other and not any(other.group(1).startswith(f) for forms in th["references"].values() for f in forms):
        return Threshold(next(op for op, ws in th["signs"].items() if other.group(2) in ws), reference=other.group(1))
    # 有几个因压减而减少, 减少的有几个: a sign said as the rows' own condition is against last year
    # (减少的项有多少个: the kind of row may stand between)
    m = re.search(rf"({_sign_words(th['signs'], shortest=2)})(?:了)?(?:的(?:{_ROW_NOUNS})?(?:有|是)?(?:几|哪|多少)|[？?。]?$)", text)
    if m:
        return Threshold(next(op for op, ws in th["signs"].items() if m.group(1) in ws), reference="上年数")
    for word, (value, unit) in th["named_values"].items():  # 拿了满分的有几个: = 100分
        if word in text:  # (没拿满分, 未得满分: short of it; 不为零: above it)
            other = re.search(rf"(?:没有?|未|不是?)[\u4e00-\u9fff]{{0,2}}{re.escape(word)}", text)
            return _threshold_from(("gt" if value == 0 else "lt") if other else "eq", str(value), unit)
    equal = "|".join(re.escape(w) for w in th["equal_to"])
    done = "|".join(re.escape(w) for w in sorted(th["done_after"], key=longest_first))
    # (执行率100%）的, 100%执行完的
    m = re.search(rf"(?:{equal})?\s*{NUMBER}\s*({_unit_pattern()})\s*[）)]?\s*(?:{done})?\s*(?:的|(?=有几|有哪|是哪))", text)
    # (最多的三项是哪些: the number of rows asked, no figure they must equal)
    if m and not _is_year(m.group(1), m.group(2)) and m.group(2) not in _ROW_COUNTERS:
        return _threshold_from("eq", m.group(1), m.group(2))
    # （完成100%）, 执行了100%的: the figure said after the word for reaching it (完成预算100%, 完成了年初预算的100%:
    # the figure reached named between them)
    reached = "|".join(re.escape(f) for forms in th["references"].values() for f in sorted(forms, key=longest_first))
    m = re.search(rf"(?:{done})了?\s*(?:(?:{reached})的?)?\s*{NUMBER}\s*({_unit_pattern()})", text)
    if m and not _is_year(m.group(1), m.group(2)):
        return _threshold_from("eq", m.group(1), m.group(2))
    # 有几个执行率是100%？: the figure the rows must equal, said last (a particle after it: 是100%呢？)
    # (是100%执行完？ with the word for reaching it; 执行率100%？ right after the rate's name)
    m = re.search(rf"(?:{equal}|(?<=率))\s*{NUMBER}\s*({_unit_pattern()})\s*(?:{done})?\s*[呢吗啊呀]?\s*(?:[？?。，,]|$)", text)
    if m and not _is_year(m.group(1), m.group(2)):
        return _threshold_from("eq", m.group(1), m.group(2))
    # 有几项是0, 哪些科目为零: nothing, said without a unit (a zero is one in any unit)
    if re.search(rf"(?:{equal})\s*(?:0(?:\.0+)?|零)\s*[呢吗啊呀]?\s*(?:[？?。，,]|$)", text):
        return _threshold_from("eq", "0", "万元")
    return None


#: counters of rows themselves (三项, 两个): a number in one says how many rows, not a figure of theirs
_ROW_COUNTERS = ("项", "个", "笔", "条", "类", "款")
#: the kinds of row a count names after its condition (减少的项有几个, 增长的科目有哪些)
_ROW_NOUNS = "项级科目|款级科目|类级科目|科目|项目|项|款|类|笔|条"


def _signed_which(text: str) -> bool:
    """Whether one row is asked for by a sign alone (减少的是哪个, 哪一项减少了): the rows of that sign are asked, as
    by 哪几个 (a maximum, 减少最多的是哪个, says more than a sign)."""
    signs = _sign_words(_words()["thresholds"]["signs"], shortest=2)
    return bool(re.search(rf"(?:{signs})了?的(?:{_ROW_NOUNS})?(?:是|有)?哪一?(?:个|项)?(?:{_ROW_NOUNS})?\s*[？?。，,]?$", text)
                or re.search(rf"哪一?(?:个|项)(?:{_ROW_NOUNS})?(?:{signs})了?\s*[？?。，,]?$", text))


def _sign_words(ops: Iterable[str], shortest: int = 1) -> str:
    """The words of the signs `ops` (thresholds.signs: lt, gt, eq) as one alternation, each sign's longest first;
    only words of `shortest` characters or more."""
    signs = _words()["thresholds"]["signs"]
    return "|".join(re.escape(w) for op in ops for w in sorted(signs[op], key=longest_first) if len(w) >= shortest)


#: a column of money a row lists (列了项目支出, 有“其他收入”的): a figure's noun after the verb, closing the clause or
#: before 的
_HAS_COLUMN = re.compile(r"(?:列了|列有|安排了|安排有|(?<![没还])有)\s*[“\"「]?([\u4e00-\u9fff]{0,8}?(?:支出|收入|经费|拨款|资金))"
                         r"[”\"」]?(?=的|有几|有哪|是哪|[？?，,。]|$)")


def column_condition(text: str) -> Threshold | None:
    """A bound on another figure of the row than its own: `年初预算为0`, `上年是零`, and the word for none inside
    the figure's name (`年初没有预算`, `年初未安排预算`): that figure = 0."""
    th = _words()["thresholds"]
    absent = "|".join(re.escape(w) for w in sorted(th["absent"], key=longest_first))
    for ref, forms in th["references"].items():
        for form in sorted(forms, key=longest_first):
            zero = rf"{re.escape(form)}数?\s*(?:为|是|等于)?\s*(?:0|零)(?![.\d])"
            # (a name of four characters or more can hold the word for none: 年初|没有|预算)
            split = [re.escape(form[:k]) + rf"\s*(?:{absent})(?:安排|列|编)?\s*" + re.escape(form[k:])
                     for k in range(2, len(form) - 1)] if len(form) >= 4 else []
            if any(re.search(p, text) for p in (zero, *split)):
                return Threshold("eq", 0.0, "万元", "amount", column=ref)
    # 哪些项级科目列了项目支出, 有“其他收入”的有几家: rows with a figure in the column named (> 0); 有实际支出,
    # 有支出 name the rows' own figure, no other column
    listed = _HAS_COLUMN.search(text)
    if listed and len(listed.group(1)) >= 4 and not re.search(r"多少|几|哪|实际|决算|年底|全年", listed.group(1)):
        return Threshold("gt", 0.0, "万元", "amount", column=listed.group(1))
    return None


def _is_year(number: str, unit: str | None) -> bool:
    return unit is None and bool(re.fullmatch(r"(19|20)\d{2}", number))
