"""Rendering helpers: the output being written, signed figures, roll-ups of items into 类/款 rows, subject tables."""
from __future__ import annotations

from typing import Callable, Sequence

from .ledger import _Item, money_cell, money_text, pct_text, rate_tenths
from .profiles import _CLASS_NAME, _KUAN_NAME
from .records import UNIT, Block, Heading, Paragraph, SampleFact, SampleTable

YEAR_MIN, YEAR_MAX = 2019, 2026



# ---------------------------------------------------------------------------------------------------------
# Building blocks and facts together
# ---------------------------------------------------------------------------------------------------------


class _Out:
    """Collects blocks and facts side by side, so every printed figure has its fact."""

    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.facts: list[SampleFact] = []
        self.where = ""

    def h(self, text: str, level: int) -> None:
        self.blocks.append(Heading(text, level))
        if level <= 2:
            self.where = text

    def p(self, text: str) -> None:
        self.blocks.append(Paragraph(text))

    def m(self, subject: str, measure: str, c: int, code: str | None = None) -> str:
        """An amount in narrative form, recorded; returns "1228.72万元"."""
        printed = money_text(c) + UNIT
        self.facts.append(SampleFact(subject, measure, c / 100, UNIT, printed, self.where, code))
        return printed

    def r(self, subject: str, measure: str, tenths: int, code: str | None = None) -> str:
        """A percentage, recorded; returns "126.3%"."""
        printed = pct_text(tenths) + "%"
        self.facts.append(SampleFact(subject, measure, tenths / 10, "%", printed, self.where, code))
        return printed

    def n(self, subject: str, measure: str, count: int, unit: str) -> str:
        printed = f"{count}{unit}"
        self.facts.append(SampleFact(subject, measure, float(count), unit, printed, self.where))
        return printed

    def change(self, subject: str, cur: int, prev: int, up: str = "增长", down: str = "下降") -> str:
        """增加Y万元，增长Z% / 减少Y万元，下降Z% / 与上年持平, recorded as signed 增减额 and 增长率."""
        delta = cur - prev
        if delta == 0:
            return "持平"
        amount = self.m(subject, "增减额", abs(delta))
        self.facts[-1] = _signed(self.facts[-1], delta)
        rate = self.r(subject, "增长率", rate_tenths(abs(delta), prev))
        self.facts[-1] = _signed(self.facts[-1], delta)
        return f"{'增加' if delta > 0 else '减少'}{amount}，{up if delta > 0 else down}{rate}"

    def table(self, t: SampleTable, measures: Sequence[str | None], subject_col: int = 1,
              code_col: int | None = 0, label_cols: Sequence[tuple[int, Sequence[int]]] = ()) -> None:
        """Adds a table and a fact for every non-empty amount cell.

        By default the subject is column `subject_col` and measures[i] names column i (None = not an amount).
        `label_cols` handles side-by-side layouts (收入 | 支出): (label column, its amount columns).
        """
        self.blocks.append(t)
        groups = label_cols or ((subject_col, [i for i, m in enumerate(measures) if m]),)
        for row in t.rows:
            for label_col, cols in groups:
                subject = _strip_ordinal(row[label_col])
                if not subject:
                    continue
                code = (row[code_col] or None) if code_col is not None and not label_cols else None
                for i in cols:
                    cell = row[i]
                    if cell and measures[i]:
                        value = float(cell.replace(",", ""))
                        self.facts.append(SampleFact(subject, measures[i] or "", value, t.unit, cell, t.code, code))


def _signed(f: SampleFact, delta: int) -> SampleFact:
    return f if delta >= 0 else SampleFact(f.subject, f.measure, -f.value, f.unit, f.printed, f.where,
                                           f.subject_code)


def _strip_ordinal(label: str) -> str:
    label = label.strip()
    if "、" in label[:5]:
        label = label.split("、", 1)[1]
    return label.replace(" ", "")


_Rows = list[tuple[str, str, tuple[int, ...]]]  # (科目编码, 科目名称, amounts)


def _rollup(items: Sequence[_Item], cols: Callable[[_Item], tuple[int, ...]]) -> _Rows:
    """合计, then 类 / 款 / 项 rows in code order; items whose columns are all zero are left out."""
    acc: dict[str, list[int]] = {}
    names: dict[str, str] = {}
    total: list[int] | None = None
    for it in items:
        v = cols(it)
        if not any(v):
            continue
        if total is None:
            total = [0] * len(v)
        for code in (it.code[:3], it.code[:5], it.code):
            a = acc.setdefault(code, [0] * len(v))
            for i, x in enumerate(v):
                a[i] += x
        names[it.code] = it.name
        for i, x in enumerate(v):
            total[i] += x
    if total is None:
        return []
    rows = [("", "合计", tuple(total))]
    for code in sorted(acc):
        name = names.get(code) or _KUAN_NAME.get(code) or _CLASS_NAME[code]
        rows.append((code, name, tuple(acc[code])))
    return rows


def _subject_table(code: str, title: str, top: str, columns: Sequence[str], rows: _Rows,
                   note: str, empty_note: str = "") -> SampleTable:
    """A 科目 table: header 科目编码 | 科目名称 | <top spanning the amount columns>, then the column names."""
    n = len(columns)
    header = (("科目编码", "科目名称", top) + ("",) * (n - 1), ("", "") + tuple(columns))
    spans = ((0, 0, 0, 1), (1, 0, 1, 1), (2, 0, n + 1, 0))
    body = tuple((c, name) + tuple(money_cell(x) for x in v) for c, name, v in rows)
    if not body:
        body = (("", "合计") + ("",) * n,)
    full_note = note + (("\n" + empty_note) if empty_note else "")
    return SampleTable(code, title, header, body, spans, (1.0, 2.6) + (1.0,) * n, 2, full_note)


# ---------------------------------------------------------------------------------------------------------
# 决算
# ---------------------------------------------------------------------------------------------------------
