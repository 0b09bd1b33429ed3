"""Tables a text file prints without a unit line or tabs. A project's spending itemised as a numbered list, under a two-word header (`项目支出明细 金额`,
then `合计 32.65`, `1、聘请法律顾问 5`, `2.购买服务：审计费 24` …): a table of one amount column, titled by the
project the form names above it (`项目名称 机构运转 项目代码` -> 机构运转项目支出明细)."""
from __future__ import annotations

import re
from typing import Sequence

from ..models import Table
from ..text.chars import squash

#: the header line: what is itemised (…明细) and the amount column
_HEADER = re.compile(r"^(\S*明细)\s+(金额|预算数|预算金额|金额（万元）)$")
_TOTAL = re.compile(r"^(合\s*计)\s+([\d,]+(?:\.\d+)?)$")
#: a numbered item with its amount (`3、信息化设备网络维护 7.15`)
_ITEM = re.compile(r"^\d{1,2}\s*[、.．]\s*(\S.*?)\s+([\d,]+(?:\.\d+)?)$")
#: the project a form is of, printed above its itemised spending
_PROJECT = re.compile(r"项目名称\s+(\S+?)\s+项目代码")
_UNIT = re.compile(r"(?:资金)?单位[：:]\s*(万元|元)")
#: how far above the header the project's name and the unit are looked for
LOOK_BACK = 150
#: the fewest items that make such a table
ITEMS_MIN = 2


def detail_tables(lines: Sequence[str], first_line: int, page: int | None, taken: set[int]) -> list[Table]:
    """Every itemised list of `lines` (file line `first_line + i` is `lines[i]`) whose lines no other table holds."""
    out: list[Table] = []
    for i, line in enumerate(lines):
        header = _HEADER.match(line.strip())
        if header is None or first_line + i in taken:
            continue
        rows: list[tuple[str, str]] = [("名称", header.group(2))]  # (…明细 in the header would read as a column)
        kept: list[int] = [i]
        for j in range(i + 1, len(lines)):
            text = lines[j].strip()
            if not text:
                continue
            m = _TOTAL.match(text) if len(rows) == 1 else None
            m = m or _ITEM.match(text)
            if m is None or first_line + j in taken:
                break
            rows.append((squash(m.group(1)), m.group(2)))
            kept.append(j)
        if sum(1 for label, _ in rows[1:] if label != "合计") < ITEMS_MIN:
            continue
        above = lines[max(0, i - LOOK_BACK):i]
        project = next((m.group(1) for t in reversed(above) for m in [_PROJECT.search(t)] if m), "")
        unit = next((m.group(1) for t in reversed(above) for m in [_UNIT.search(t)] if m), None)
        title = f"{project}{header.group(1)}" if project and not header.group(1).startswith(project) else header.group(1)
        out.append(Table(title=title, rows=tuple(rows), header_rows=1, unit=unit, page=page,
                         row_pages=tuple(page for _ in rows), row_lines=tuple(first_line + k for k in kept)))
    return out


#: a header line naming the two years before the report's (`2019 年 2020 年`, under `近两年收支金额`)
_TWO_YEARS = re.compile(r"^((?:19|20)\d{2})\s*年\s+((?:19|20)\d{2})\s*年$")
#: a row: its name, this year's amount, its share, then the two years' amounts
_YEARS_ROW = re.compile(r"^(\S+?)\s+([\d,]+(?:\.\d+)?)\s+([\d.]+%)\s+([\d,]+(?:\.\d+)?)\s+([\d,]+(?:\.\d+)?)$")
#: a line naming the side the rows after it are of (收入构成, 支出构成)
_SIDE = re.compile(r"^(收入|支出)构成$")
#: the most lines between the two years' header and the first row, and between rows
YEARS_GAP = 4


def two_year_tables(lines: Sequence[str], first_line: int, page: int | None, taken: set[int]) -> list[Table]:
    """A department's funds this year beside the two years before (部门整体支出绩效目标表: `财政拨款 737.86 100.00%
    67.5 531.54` under `2019 年 2020 年`): a table of this year's amount and the later year's, which is 上年数. A
    合计 row is named by the side it closes (收入合计, 支出合计)."""
    out: list[Table] = []
    for i, line in enumerate(lines):
        years = _TWO_YEARS.match(line.strip())
        if years is None or first_line + i in taken or int(years.group(2)) != int(years.group(1)) + 1:
            continue
        # (the columns a header names: this year's and last year's amounts; the share and the year before are
        # read by no column name and would misplace the rest)
        rows: list[tuple[str, ...]] = [("名称", "预算数", "上年数")]
        kept, side, gap = [i], "", 0
        for j in range(i + 1, len(lines)):
            text = lines[j].strip()
            if not text:
                continue
            named = _SIDE.match(text)
            row = _YEARS_ROW.match(text)
            if named:
                side = named.group(1)
            elif row and first_line + j not in taken:
                name = f"{side}合计" if row.group(1) == "合计" and side else row.group(1)
                rows.append((name, row.group(2), row.group(5)))
                kept.append(j)
            elif gap >= YEARS_GAP or len(rows) > 1:
                break
            gap = gap + 1 if not row else 0
        if len(rows) > 2:
            out.append(Table(title="部门总体资金情况", rows=tuple(rows), header_rows=1, unit="万元", page=page,
                             row_pages=tuple(page for _ in rows), row_lines=tuple(first_line + k for k in kept)))
    return out


#: a self-evaluation form's last line: its total score (`总分 83.7`)
_TOTAL_SCORE = re.compile(r"^总分\s*(\d{1,3}(?:\.\d+)?)\s*分?$")
#: the project a self-evaluation form is of, on its own line (`项目名称 城乡医疗救助`)
_FORM_PROJECT = re.compile(r"^项目名称\s+(\S+)")
#: the most lines a project's self-evaluation form runs over
FORM_LINES = 200


def score_tables(lines: Sequence[str], first_line: int, page: int | None, taken: set[int]) -> list[Table]:
    """A project's self-evaluation form printed as text ends with its total score (`总分 83.7`): a table of the
    project the form names (`项目名称 X`, the nearest above with no other 总分 between) and that score, in the
    national template's rows (项目名称, 总分), read as its 自评分数."""
    out: list[Table] = []
    for i, line in enumerate(lines):
        score = _TOTAL_SCORE.match(line.strip())
        if score is None or first_line + i in taken:
            continue
        for k in range(i - 1, max(-1, i - FORM_LINES), -1):
            text = lines[k].strip()
            if _TOTAL_SCORE.match(text):
                break  # the form above ended there: this score's form names no project
            project = _FORM_PROJECT.match(text)
            if project:
                name = project.group(1)
                # (read by the national template of tables.json: its subject row, then its 总分 row)
                out.append(Table(title=f"{name}项目支出绩效自评表", rows=(("项目名称", name), ("总分", score.group(1))),
                                 header_rows=1, unit="万元", page=page, row_pages=(page, page),
                                 row_lines=(first_line + i, first_line + i)))  # (the name's line stays narrative)
                break
    return out
