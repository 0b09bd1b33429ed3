"""Sample report records: headings, paragraphs, tables and the facts each states."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Union

from ..models import Table

FICTION_NOTICE = "（本报告由 disclosure-qa 示例生成器生成，地区、部门及全部数字均为虚构，仅供演示和测试。）"
YEAR_MIN, YEAR_MAX = 2019, 2026
UNIT = "万元"



# ---------------------------------------------------------------------------------------------------------
# Records
# ---------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SampleFact:
    """One ground-truth figure of a generated report.

    subject = 科目名称 or the item a sentence is about (e.g. 城乡医疗救助, “三公”经费, 收支总计);
    measure = the column header for table cells (小计, 基本支出, 决算数…) or the quantity for narrative
    figures (年初预算数, 决算数, 执行率, 增减额, 增长率, 占比…); unit = 万元 / % / 辆 / 人 / 个 / 人次.
    `printed` is the figure exactly as it appears in the report (`1,228.72` in tables, `1228.72万元` in text);
    for 增减额 / 增长率 the value is signed (negative = decrease) while the text says 减少 / 下降.
    `where` is the table code ("公开05表") or the level-2 heading of the narrative section.
    """

    subject: str
    measure: str
    value: float
    unit: str
    printed: str
    where: str
    subject_code: str | None = None


@dataclass(frozen=True)
class Heading:
    """A heading on its own line. level 1 = 第X部分 (starts a page in the PDF), 2 = 一、…, 3 = （一）…"""

    text: str
    level: int


@dataclass(frozen=True)
class Paragraph:
    """A narrative paragraph (one line in text output, wrapped in the PDF)."""

    text: str


@dataclass(frozen=True)
class SampleTable:
    """A report table as printed. Zero amounts print as empty cells, as in real reports.

    `header` rows come first; `spans` are merged header cells (col0, row0, col1, row1), inclusive, in header
    coordinates, the cells they cover hold "". `widths` are relative column widths for the PDF; columns from
    `numeric_from` on are amounts (right-aligned). `note` is printed under the table.
    """

    code: str
    title: str
    header: tuple[tuple[str, ...], ...]
    rows: tuple[tuple[str, ...], ...]
    spans: tuple[tuple[int, int, int, int], ...] = ()
    widths: tuple[float, ...] = ()
    numeric_from: int = 2
    note: str = ""
    unit: str = UNIT

    @property
    def ncols(self) -> int:
        return len(self.header[0])

    def to_table(self) -> Table:
        """As the pipeline's `qa.models.Table` (title, header + body rows, unit)."""
        return Table(title=self.title, rows=self.header + self.rows, header_rows=len(self.header), unit=self.unit)

    def __repr__(self) -> str:
        return f"SampleTable({self.code} {self.title!r}, rows={len(self.rows)})"


Block = Union[Heading, Paragraph, SampleTable]


@dataclass(frozen=True)
class SampleReport:
    """A generated report: metadata, content blocks in reading order, and its ground-truth facts.

    region = 地区 (fictional, 示例市…), department = 部门, year = 年度, kind = "决算" or "预算".
    """

    seed: int
    kind: str
    region: str
    department: str
    year: int
    title: str
    blocks: tuple[Block, ...]
    facts: tuple[SampleFact, ...]

    @property
    def tables(self) -> tuple[SampleTable, ...]:
        return tuple(b for b in self.blocks if isinstance(b, SampleTable))

    @property
    def paragraphs(self) -> tuple[str, ...]:
        return tuple(b.text for b in self.blocks if isinstance(b, Paragraph))

    def table(self, code: str) -> SampleTable:
        """The table with this code ("公开05表"); KeyError naming the codes there are."""
        for t in self.tables:
            if t.code == code:
                return t
        raise KeyError(f"no table {code!r}; this report has {', '.join(t.code for t in self.tables)}")

    def find_facts(self, subject: str | None = None, measure: str | None = None,
                   where: str | None = None) -> list[SampleFact]:
        """Facts matching every given field exactly (where may be a prefix, e.g. "公开0")."""
        return [f for f in self.facts
                if (subject is None or f.subject == subject) and (measure is None or f.measure == measure)
                and (where is None or f.where.startswith(where))]

    def __repr__(self) -> str:
        return f"SampleReport({self.title!r}, seed={self.seed}, tables={len(self.tables)}, facts={len(self.facts)})"


@dataclass(frozen=True)
class PdfInfo:
    """What `write_pdf` laid out: page count and the 1-based pages each table occupies."""

    path: Path | None
    pages: int
    table_pages: dict[str, tuple[int, ...]]
    repeat_header: bool
