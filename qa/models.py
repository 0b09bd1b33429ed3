"""Typed records that flow through the pipeline: load -> Document -> Chunk/Fact -> Answer.

Pages are 1-based. Text files have no pages: their location is a line range (1-based, inclusive).
"""
from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from typing import Any

# a `column value` pair of a table row's context (`决算数 995.33；…`) and the figures a row prints
_CELL = re.compile(r"([^；\s][^；]*?) (-?[\d,]+(?:\.\d+)?)(?=；|$)")
_FIGURE_TOKENS = re.compile(r"(?:\s|^)-?(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+\.\d+|\d+(?=%))%?(?=\s|$)")


def _short(text: str, n: int = 60) -> str:
    text = text.replace("\n", " ")
    return text if len(text) <= n else text[: n - 1] + "…"


@dataclass(frozen=True)
class Table:
    """A table as printed, cells kept. It may run across pages (row_pages says where each row is).

    `rows` holds every row, header rows first (`header_rows` of them); a cell is its text with
    inner whitespace collapsed, "" when empty. `unit` is the table's 金额单位 (万元 / 元) when printed.
    """

    title: str
    rows: tuple[tuple[str, ...], ...]
    header_rows: int = 0
    unit: str | None = None
    page: int | None = None
    row_pages: tuple[int | None, ...] = ()
    row_lines: tuple[int | None, ...] = ()
    #: each cell is one printed cell, empty ones included (a PDF table, tab-separated rows, a table read out of a
    #: line); False for space-separated rows, whose empty cells are lost
    cells_kept: bool = False

    @property
    def header(self) -> tuple[tuple[str, ...], ...]:
        return self.rows[: self.header_rows]

    @property
    def body(self) -> tuple[tuple[str, ...], ...]:
        return self.rows[self.header_rows :]

    def __repr__(self) -> str:
        return f"Table({self.title!r}, rows={len(self.rows)}, page={self.page})"


@dataclass(frozen=True)
class Page:
    """One page of a PDF (number >= 1), or the whole of a text file (number None).

    `text` is the page's text in reading order, one printed line per line. `first_line` is the
    1-based line number in the source file of the first line of `text` (1 for PDFs), so a character
    offset in `text` maps to a source line.
    """

    number: int | None
    text: str
    tables: tuple[Table, ...] = ()
    first_line: int = 1

    def __repr__(self) -> str:
        return f"Page({self.number}, {_short(self.text)!r}, tables={len(self.tables)})"


@dataclass(frozen=True)
class Document:
    """A report. Metadata is detected from its content and can be overridden by the caller.

    region = 地区 (e.g. 武汉市青山区), department = 部门, year = 预算/决算年度, kind = "预算" or "决算",
    scope = "部门" or "单位" (a department's report or one unit's); region_path = the gazetteer's
    (name, level, adcode) of each level of the region; department_aliases = the short forms people use
    (医保局, 青山区医保局). `warnings` lists problems found while loading (scanned pages, (cid:…) garbage,
    an identity not fully read), for the user.
    """

    doc_id: str
    source: str
    title: str
    pages: tuple[Page, ...]
    region: str | None = None
    department: str | None = None
    year: int | None = None
    kind: str | None = None
    path: str | None = None
    content_hash: str = ""
    warnings: tuple[str, ...] = ()
    scope: str | None = None
    region_path: tuple[tuple[str, str, str | None], ...] = ()
    department_aliases: tuple[str, ...] = ()

    def meta(self) -> dict[str, Any]:
        return {
            "doc_id": self.doc_id,
            "source": self.source,
            "title": self.title,
            "region": self.region,
            "department": self.department,
            "year": self.year,
            "kind": self.kind,
            "path": self.path,
            "content_hash": self.content_hash,
            "scope": self.scope,
            "region_path": [list(r) for r in self.region_path],
            "department_aliases": list(self.department_aliases),
        }

    def __repr__(self) -> str:
        return f"Document({self.source!r}, {self.region}, {self.year}, {self.kind}, pages={len(self.pages)})"


@dataclass(frozen=True)
class ReportInfo:
    """An indexed report as the library lists it (`qa.api.reports`).

    region = 地区, department = 部门, year = 年度, kind = 预算 / 决算; `facts` = figures found in its tables and
    sentences, `chunks` = passages and table rows searched; `warnings` = problems found while reading it.
    """

    doc_id: str
    source: str
    title: str
    region: str | None
    department: str | None
    year: int | None
    kind: str | None
    pages: int
    facts: int
    chunks: int
    warnings: tuple[str, ...] = ()
    path: str | None = None

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["warnings"] = list(self.warnings)
        return d


@dataclass(frozen=True)
class Chunk:
    """A retrievable unit: a narrative passage or one table row.

    `text` is what the report prints (what a citation quotes). `context` is what the chunk needs to be
    understood alone: report title, and for table rows the table title, unit and column headers. Search
    runs over `context + text` (see `search_text`).
    """

    id: str
    doc_id: str
    source: str
    text: str
    kind: str = "text"  # "text" | "table_row"
    context: str = ""
    page: int | None = None
    lines: tuple[int, int] | None = None

    @property
    def search_text(self) -> str:
        return f"{self.context}\n{self.text}" if self.context else self.text

    def table_fields(self) -> dict[str, Any]:
        """For a table row: its table title, row label (科目编码 and 科目名称) and (column, value) cells, read
        back from `context` (`report | title（unit） | headers | 列名 数值；…`); {} for narrative text."""
        if self.kind != "table_row":
            return {}
        parts = self.context.split(" | ")
        last = parts[-1].split("；") if len(parts) >= 3 else []
        pairs = parts[-1] if last and all(_CELL.fullmatch(x) for x in last) else ""
        cells = tuple((m.group(1), float(m.group(2).replace(",", ""))) for m in _CELL.finditer(pairs)
                      if "编码" not in m.group(1))  # a 科目编码 column holds codes, not figures
        title = parts[1] if len(parts) >= 2 else None
        row = _FIGURE_TOKENS.sub("", self.text).strip() or None
        return {"table": title, "row": row, "cells": cells}

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["lines"] = list(self.lines) if self.lines else None
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Chunk":
        d = dict(d)
        if d.get("lines") is not None:
            d["lines"] = tuple(d["lines"])
        return cls(**d)

    def __repr__(self) -> str:
        return f"Chunk({self.id!r}, {self.kind}, {_short(self.text)!r})"


@dataclass(frozen=True)
class Fact:
    """One figure of a report, placed in its table cell or narrative sentence.

    subject = 科目名称 (or the item a sentence is about, e.g. 三公经费), subject_code = 科目编码,
    measure = the column or quantity (年初预算数, 决算数, 基本支出, 执行率, 增长率…), unit = 万元 / 元 / % / 人…
    """

    doc_id: str
    subject: str
    measure: str
    value: float
    unit: str | None
    quote: str
    table: str | None = None
    subject_code: str | None = None
    page: int | None = None
    lines: tuple[int, int] | None = None

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["lines"] = list(self.lines) if self.lines else None
        return d


@dataclass(frozen=True)
class Citation:
    """Where a statement comes from. source = the file's name; quote = verbatim report text.

    For a table row, `table` is the table's title, `row` the row's label (科目编码 and 科目名称) and `cells`
    the (column, value) of each cited figure, so a reader sees `公开05表 | 2101301 城乡医疗救助 | 决算数 995.33`.
    """

    source: str
    quote: str
    page: int | None = None
    lines: tuple[int, int] | None = None
    score: float = 0.0
    table: str | None = None
    row: str | None = None
    cells: tuple[tuple[str, float], ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "page": self.page,
            "lines": list(self.lines) if self.lines else None,
            "quote": self.quote,
            "score": round(float(self.score), 4),
            "table": self.table,
            "row": self.row,
            "cells": [{"column": c, "value": v} for c, v in self.cells],
        }


@dataclass(frozen=True)
class Figure:
    """A figure an answer states. formula is None when the report prints it, else how it was computed."""

    value: float
    unit: str | None
    label: str
    formula: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"value": self.value, "unit": self.unit, "label": self.label, "formula": self.formula}


@dataclass(frozen=True)
class Answer:
    """The result of `qa.ask`. found=False is a legitimate answer: `text` says why nothing was found."""

    question: str
    found: bool
    text: str
    figures: tuple[Figure, ...] = ()
    citations: tuple[Citation, ...] = ()
    method: str = "passages"
    listed: tuple[Figure, ...] = ()  # the items a count or list names, each with its amount (what a later part reads)

    def to_dict(self) -> dict[str, Any]:
        return {
            "question": self.question,
            "found": self.found,
            "text": self.text,
            "figures": [f.to_dict() for f in self.figures],
            "citations": [c.to_dict() for c in self.citations],
            "method": self.method,
            "listed": [f.to_dict() for f in self.listed],
        }

    def __repr__(self) -> str:
        return f"Answer(found={self.found}, {_short(self.text)!r}, citations={len(self.citations)})"
