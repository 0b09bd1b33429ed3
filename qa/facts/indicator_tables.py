"""Performance indicators read from a table whose header names its columns — the budget's 绩效目标表 and the final
account's 绩效自评表 as PDF tables print them:

    一级指标 二级指标 三级指标       指标值 计量单位 指标值类型 …
    产出指标 数量指标 全年管理辅警人数 5000  人       ≥
    三级指标 年度指标值 实际完成值 分值 得分
    设备完好率 ≥96% 85% 10 7.1

Each indicator row gives its `目标值` and `实际完成值` in its own unit — printed in the value's cell (`≥330台套`) or in
the unit column (`5000 | 人`) — and its `分值` and `得分` in 分. The columns are found by their header words
(tables.json `indicator_columns`), on whichever row of the table prints them: a self-evaluation form prints its
funding rows first and its indicators' header half-way down. A value with no unit, or a qualitative one (`定性`,
`到位`), is no fact.

An indicator's facts are placed under its project's indicators (`X绩效指标`, as qa.facts.indicators does): the
project column's name, carried down the rows under it, else the form's 项目名称 row, else none, when they go under the
table's title. The cells read are no figures of the budget: `read_indicators` takes them out of
the table the column reader reads, so `5000` is not read as 5000 万元.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Sequence

from ..lexicon import cues, indicator_columns
from ..models import Document, Fact, Table
from ..text.chars import CJK_RE, squash
from .indicators import FORM_TABLE, FORM_PROJECT, FORM_TITLE, NOT_A_NAME, UNIT_AFTER
from .labels import INDICATOR_MEASURES, INDICATOR_POINTS, normalize_subject, split_code_chain

#: the measures an indicator row prints, each in its own column
MEASURES = INDICATOR_MEASURES + INDICATOR_POINTS
#: a value cell: a bound, a number, its unit (`≥330台套`, `≤1638.67万元`, `96.72%`, `100`)
_VALUE = re.compile(r"(?:[≥≤＞＜><=＝≧≦]|不低于|不高于|不少于|不超过|大于等于|小于等于)?"
                    r"(?P<number>\d+(?:,\d{3})*(?:\.\d+)?)(?P<unit>%|[\u4e00-\u9fff]{1,4}(?:/[\u4e00-\u9fff]{1,3})?)?")
#: a unit printed in its own column (`%`, `人次`, `元/人`)
_UNIT = re.compile(r"%|[\u4e00-\u9fff]{1,4}(?:/[\u4e00-\u9fff]{1,3})?")
#: a bracket after a header word (`实际完成值（B）`, `指标值（%）`): no part of the word
_HEADER_ASIDE = re.compile(r"[（(][^）)]{0,8}[）)]$")
#: a bound column saying the target is no figure
_QUALITATIVE = "定性"
#: the most rows above the indicators' header that may print the rest of it (a project column's name)
_HEADER_ABOVE = 3


@dataclass(frozen=True)
class IndicatorColumns:
    """Where an indicator table prints what: the header's row, and the column of each role."""

    header: int
    name: int
    measures: dict[str, int]
    project: int | None = None
    unit: int | None = None
    bound: int | None = None

    @property
    def quoted(self) -> list[int]:
        """The columns a row's quote is made of, in printed order: the name, the values, their bound and unit."""
        return sorted({self.name, *self.measures.values(), *(c for c in (self.unit, self.bound) if c is not None)})


def indicator_columns_of(table: Table, kept: bool) -> IndicatorColumns | None:
    """The indicator columns of `table`, found on the first row naming an indicator's name and one of its values;
    None when its rows did not keep their empty cells (`kept`: space-separated rows, where a column is no place)."""
    if not kept:
        return None
    words = indicator_columns()
    for i, row in enumerate(table.rows):
        roles = _roles(row, words)
        if "name" not in roles or not any(m in roles for m in INDICATOR_MEASURES):
            continue
        for above in table.rows[max(0, i - _HEADER_ABOVE):i]:  # (单位（项目）名称 printed a row above 三级指标)
            for role, col in _roles(above, words).items():
                roles.setdefault(role, col)
        return IndicatorColumns(i, roles["name"], {m: roles[m] for m in MEASURES if m in roles},
                                roles.get("project"), roles.get("unit"), roles.get("bound"))
    return None


def _roles(row: Sequence[str], words: dict[str, tuple[str, ...]]) -> dict[str, int]:
    """role -> the column of the first header cell naming it."""
    out: dict[str, int] = {}
    for col, cell in enumerate(row):
        text = _HEADER_ASIDE.sub("", squash(cell))
        role = next((r for r, ws in words.items() if text in ws), None)
        if role is not None:
            out.setdefault(role, col)
    return out


def read_indicators(table: Table, doc: Document, kept: bool) -> tuple[list[Fact], Table]:
    """(the 目标值, 实际完成值, 分值 and 得分 facts of every indicator row of `table`, the table without the cells they
    were read from); ([], table) when it prints no indicators. The cells read are targets and scores, not figures of
    the budget: the rows left for the column reader no longer hold them (`5000 | 人` is no 5000 万元)."""
    columns = indicator_columns_of(table, kept)
    if columns is None:
        return [], table
    form = _form_project(table, columns.header)
    project: str | None = None
    out: list[Fact] = []
    rows = list(table.rows)
    pages = table.row_pages or tuple(table.page for _ in table.rows)
    lines = table.row_lines or tuple(None for _ in table.rows)
    for i in range(columns.header + 1, len(table.rows)):
        row = table.rows[i]
        if columns.project is not None and (named := _project_name(_cell(row, columns.project))):
            project = named
        name, unit_aside = _indicator_name(_cell(row, columns.name))
        if name is None:
            continue
        bound = squash(_cell(row, columns.bound)) if columns.bound is not None else ""
        printed_unit = squash(_cell(row, columns.unit)) if columns.unit is not None else ""
        quoted = " ".join(row[c] for c in columns.quoted if c < len(row) and row[c].strip())
        of = project or form
        where = FORM_TABLE.format(project=of) if of else (table.title or None)
        line = lines[i] if i < len(lines) else None
        read = [Fact(doc.doc_id, name, measure, value[0], value[1], quoted, where, None,
                     pages[i] if i < len(pages) else table.page, (line, line) if line else None)
                for measure, col in columns.measures.items()
                if (value := _value(_cell(row, col), measure, bound, printed_unit or unit_aside)) is not None]
        if read and i >= table.header_rows:
            rows[i] = tuple("" if c in columns.quoted else cell for c, cell in enumerate(row))
        out.extend(read)
    return out, replace(table, rows=tuple(rows))


def _cell(row: Sequence[str], col: int | None) -> str:
    return row[col] if col is not None and col < len(row) else ""


def _value(cell: str, measure: str, bound: str, unit: str) -> tuple[float, str] | None:
    """(value, unit) of an indicator's cell, or None when it states no figure in a unit."""
    m = _VALUE.fullmatch(squash(cell).replace("％", "%"))
    if m is None:
        return None
    number = float(m.group("number").replace(",", ""))
    if measure in INDICATOR_POINTS:
        return (number, "分") if m.group("unit") in (None, "分") else None
    if bound == _QUALITATIVE:
        return None
    printed = unit.replace("％", "%")
    unit = m.group("unit") or (printed if _UNIT.fullmatch(printed) else None)
    return (number, unit) if unit else None


def _indicator_name(cell: str) -> tuple[str | None, str]:
    """(the indicator's name, the unit printed in brackets after it: 参保人数（人）), or (None, "") for no name."""
    name = squash(cell).strip("：:，,、。；;")
    aside = UNIT_AFTER.search(name)
    unit = aside.group(0)[1:-1] if aside else ""
    name = UNIT_AFTER.sub("", name)
    levels = cues().indicator_levels
    if len(name) < 2 or name in levels or NOT_A_NAME.match(name) or not CJK_RE.search(name) or _VALUE.fullmatch(name):
        return None, ""
    return name, unit


def _project_name(cell: str) -> str | None:
    """A project column's name, without its codes (`11000022T0000004602 16-《北京审计》杂志办刊经费`)."""
    if not CJK_RE.search(cell):
        return None
    chain = split_code_chain(cell)
    return normalize_subject(chain[0] if chain else cell) or None


def _form_project(table: Table, header: int) -> str | None:
    """The project a form is of: its 项目名称 row above the indicators, else the title's bracket."""
    for row in table.rows[:header]:
        cells = [squash(c) for c in row if c.strip()]
        if cells and (m := FORM_PROJECT.match(" ".join(cells[:2]))):
            return m.group(1)
    form = FORM_TITLE.search(squash(table.title or ""))
    return form.group("name") if form else None
