"""Chunk records and page lines: a page as lines with their source line numbers, table lines marked."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Sequence

from ..models import Document, Page, Table
from ..text.chars import WS_RE, squash

# A heading marker at the start of a line, with its level (0 = 第一部分 … 5 = ①).
# "2023年度收入支出决算总表", "一般公共预算支出表": a table title printed in the text
_PAGE_NUMBER_RE = re.compile(
    r"[-—－–]?\s*\d{1,3}\s*[-—－–]?|第\s*\d{1,3}\s*页(?:\s*[,，/]?\s*共\s*\d{1,3}\s*页)?|\d{1,3}\s*/\s*\d{1,3}"
)
_HAS_DIGIT_RE = re.compile(r"\d")


# ---------------------------------------------------------------------------------------------------


# records


@dataclass(frozen=True)
class Line:
    """One printed line of narrative: `page` (None for text files) and `lineno` (1-based source line
    for text files, line on the page for PDFs); `gap_before` is True when lines were dropped before it
    (a table), so a sentence never continues across it."""

    page: int | None
    lineno: int
    text: str
    gap_before: bool = False


@dataclass(frozen=True)
class Unit:
    """A sentence, heading or sentence piece with its source position.

    level: heading level when the unit starts a heading or a numbered item (0 = 第一部分, 1 = 一、,
    2 = （一）, 3 = 1., 4 = （1）, 5 = ①), else None; title: a heading line standing alone (it goes into the
    heading trail); sep: what joins it to the previous unit ("\\n" at a line start, " " or "");
    trail: the headings above it.
    """

    text: str
    page: int | None
    first_line: int
    last_line: int
    level: int | None = None
    title: bool = False
    sep: str = ""
    trail: tuple[str, ...] = ()


@dataclass(frozen=True)
class Passage:
    """A packed run of units: the text of a narrative chunk and where it comes from."""

    text: str
    page: int | None
    first_line: int
    last_line: int
    trail: tuple[str, ...] = ()


# ---------------------------------------------------------------------------------------------------
# document label


def document_label(doc: Document) -> str:
    """The report as a reader names it: its title, plus region, department, year and kind (预算/决算)
    when the title does not already say them. Used as every chunk's context."""
    title = WS_RE.sub(" ", (doc.title or "").strip())
    if not title:
        title = re.sub(r"\.[A-Za-z0-9]+$", "", doc.source or doc.doc_id)
    compact = WS_RE.sub("", title)
    extra: list[str] = []
    for value in (doc.region, doc.department):
        if value and WS_RE.sub("", value) not in compact:
            extra.append(value)
    if doc.year and str(doc.year) not in compact:
        extra.append(f"{doc.year}年度")
    if doc.kind and doc.kind not in compact:
        extra.append(doc.kind)
    return f"{title}（{' '.join(extra)}）" if extra else title


# ---------------------------------------------------------------------------------------------------
# lines


def _clean(line: str) -> str:
    return WS_RE.sub(" ", line).strip()



class _TableMatcher:
    """Tells whether a printed line is part of a table (a row, or a fragment of a wrapped cell)."""

    def __init__(self, table: Table):
        self.cells = [c for c in (squash(x) for row in table.rows for x in row) if c]
        self.rows_concat = "\x00".join("".join(squash(x) for x in row) for row in table.rows)
        self.cells_concat = "\x00".join(self.cells)
        self.cell_set = set(self.cells)

    def matches(self, line: str) -> bool:
        ns = squash(line)
        if not ns or not self.cells:
            return False
        if len(ns) >= 2 and ns in self.rows_concat:
            return True
        if "。" in ns:
            return False
        for token in line.split():
            if token not in self.cells_concat:
                return False
            if token in self.cell_set:
                continue
            # a piece of a wrapped cell: never a figure, and not a stray short word inside a long cell
            if _HAS_DIGIT_RE.search(token) or not any(token in c and (len(token) >= 3 or 3 * len(token) >= len(c))
                                                     for c in self.cells):
                return False
        return True


def _table_part(table: Table, number: int | None) -> Table:
    """The header and the rows of `table` printed on page `number` (a table may run over pages)."""
    if number is None or len(table.row_pages) != len(table.rows):
        return table
    keep = [i for i, pg in enumerate(table.row_pages) if i < table.header_rows or pg == number]
    return Table(title=table.title, rows=tuple(table.rows[i] for i in keep), header_rows=table.header_rows,
                 unit=table.unit, page=number, row_pages=tuple(table.row_pages[i] for i in keep),
                 row_lines=tuple(table.row_lines[i] for i in keep if i < len(table.row_lines)))


def tables_by_page(doc: Document) -> dict[int | None, list[Table]]:
    """Page number -> the tables (or parts of tables) printed on it. A table that runs on over a page
    break is listed once, on its first page; `row_pages` says where its other rows are."""
    out: dict[int | None, list[Table]] = {}
    for page in doc.pages:
        for table in page.tables:
            pages = {pg for pg in table.row_pages if pg is not None} or {page.number}
            for number in sorted(pages, key=lambda x: (x is None, x or 0)):
                out.setdefault(number, []).append(_table_part(table, number))
    return out


def _table_line_indices(page: Page, raw: Sequence[str], tables: Sequence[Table]) -> set[int]:
    """Indices (0-based, in `raw`) of the page's lines that belong to one of `tables`."""
    out: set[int] = set()
    for table in tables:
        if not table.rows:
            continue
        matcher = _TableMatcher(table)
        known = [ln - page.first_line for ln in table.row_lines if ln is not None]
        known = [i for i in known if 0 <= i < len(raw)]
        if known:
            lo, hi = min(known), max(known)
            out.update(known)
            for i in range(lo, hi + 1):
                if not raw[i].strip() or matcher.matches(raw[i]):
                    out.add(i)
            # header fragments printed above the first row (multi-line column headings)
            i = lo - 1
            while i >= 0 and (not raw[i].strip() or matcher.matches(raw[i])):
                if raw[i].strip():
                    out.add(i)
                i -= 1
        else:
            # PDFs (or a loader that did not record lines): find the table's lines by their content
            for i, line in enumerate(raw):
                if line.strip() and matcher.matches(line):
                    out.add(i)
    return out


def page_to_lines(page: Page, tables: Sequence[Table] | None = None) -> list[Line]:
    """The page's narrative lines: blank lines, page numbers and table lines dropped; whitespace collapsed.

    `tables` are the tables printed on the page (default `page.tables`; pass `tables_by_page(doc)[n]`
    so that the continuation of a table from an earlier page is recognised too).
    """
    raw = page.text.split("\n")
    tables = page.tables if tables is None else tables
    skip = _table_line_indices(page, raw, tables) if tables else set()
    out: list[Line] = []
    gap = False
    for i, line in enumerate(raw):
        if i in skip:
            gap = True
            continue
        text = _clean(line)
        if not text or _PAGE_NUMBER_RE.fullmatch(text):
            continue
        out.append(Line(page.number, page.first_line + i, text, gap))
        gap = False
    return out


# ---------------------------------------------------------------------------------------------------
