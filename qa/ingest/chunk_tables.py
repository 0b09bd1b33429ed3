"""Table -> one chunk per row, with its table title, unit and column headers as context."""
from __future__ import annotations

import re

from ..models import Table
from ..text.chars import squash
from ..text.numbers import find_numbers, is_subject_code
from .chunk_lines import _clean

# A heading marker at the start of a line, with its level (0 = 第一部分 … 5 = ①).
# "2023年度收入支出决算总表", "一般公共预算支出表": a table title printed in the text
_CODE_COLUMN_RE = re.compile(r"编码|代码|编号|序号|行次|栏次|代\s*码")
_FILLER_CELL_RE = re.compile(r"[\d\s]+|栏\s*次|行\s*次|行|栏|序号")


# ---------------------------------------------------------------------------------------------------


# tables


def _is_filler(cell: str) -> bool:
    return bool(_FILLER_CELL_RE.fullmatch(cell))


def table_columns(table: Table) -> list[str]:
    """A label per column from the header rows, top to bottom: e.g. "本年支出 小计".

    A header cell left empty under a spanning heading takes the heading to its left when the row
    below has a sub-heading in that column (`本年支出` over `小计 基本支出 项目支出`); column numbers
    (栏次 1 2 3) are left out.
    """
    header = table.header
    ncols = max((len(r) for r in table.rows), default=0)

    def cell(r: int, c: int) -> str:
        row = header[r]
        return _clean(row[c]) if c < len(row) else ""

    labels: list[list[str]] = [[] for _ in range(ncols)]
    for hi in range(len(header)):
        last = ""
        for c in range(ncols):
            text = cell(hi, c)
            if text:
                last = text
            elif hi + 1 < len(header) and (below := cell(hi + 1, c)) and not _is_filler(below):
                text = last
            if text and not _is_filler(text) and text not in labels[c]:
                labels[c].append(text)
    return [" ".join(x) for x in labels]


def _is_aligned(table: Table) -> bool:
    """True when cells keep their columns (some row has an empty cell before a filled one), as PDF
    tables and tab-separated rows do; space-separated text rows lose empty cells, so their figures
    cannot be matched to column headings by position."""
    for row in table.rows:
        seen_empty = False
        for cell in row:
            if not cell.strip():
                seen_empty = True
            elif seen_empty:
                return True
    return False


def _marker_columns(table: Table) -> set[int]:
    """Columns of codes or row numbers (科目编码, 行次, 栏次…): their figures are not amounts."""
    out = set()
    for row in table.header:
        for c, cell in enumerate(row):
            if _CODE_COLUMN_RE.search(cell) or _clean(cell) in ("行", "栏", "序号", "行次"):
                out.add(c)
    return out


def _is_figure(cell: str) -> bool:
    """An amount, rate or count filling the cell; a 科目编码-shaped integer is a code, not a figure."""
    found = find_numbers(cell)
    if len(found) != 1 or found[0].start != 0 or found[0].end != len(cell):
        return False
    return found[0].kind not in ("code", "ordinal") and not is_subject_code(cell)


def _header_text(table: Table) -> str:
    seen: list[str] = []
    for row in table.header:
        for cell in row:
            c = _clean(cell)
            if c and not _is_filler(c) and c not in seen:
                seen.append(c)
    return " ".join(seen)


def table_to_row_chunks(table: Table, label: str, *, page: int | None = None) -> list[tuple[int | None, int | None, str, str]]:
    """One entry per non-empty body row: (page, source line or None, text as printed, context).

    text = the row's non-empty cells joined by spaces (verbatim, so quotes match); context = report
    label | table title（unit） | column headers | each figure with its column label when the table keeps
    its columns (`小计 995.33；项目支出 995.33`). Rows that are empty, column numbers, or short
    fragments without a digit are skipped.
    """
    title = _clean(table.title)
    if table.unit and table.unit not in title:
        title = f"{title}（{table.unit}）" if title else f"（{table.unit}）"
    columns = table_columns(table)
    header = _header_text(table)
    ncols = len(columns)
    aligned = _is_aligned(table) and any(columns)
    markers = _marker_columns(table)
    out = []
    for k, row in enumerate(table.body):
        j = table.header_rows + k
        cells = [_clean(c) for c in row]
        present = [c for c in cells if c]
        if not present or all(_is_filler(c) for c in present):
            continue
        if _clean(present[0]).replace(" ", "") in ("栏次",):
            continue
        text = " ".join(present)
        if not re.search(r"\d", text) and len(squash(text)) < 6:
            continue  # a fragment of a heading printed vertically (政/府/性…): nothing to find
        pairs = []
        if aligned and len(cells) == ncols:
            for c, cell in enumerate(cells):
                if cell and columns[c] and c not in markers and _is_figure(cell):
                    pairs.append(f"{columns[c]} {cell}")
        ctx = " | ".join(x for x in (label, title, header, "；".join(pairs)) if x)
        row_page = table.row_pages[j] if j < len(table.row_pages) and table.row_pages[j] is not None else (table.page if table.page is not None else page)
        row_line = table.row_lines[j] if j < len(table.row_lines) else None
        out.append((row_page, row_line, text, ctx))
    return out


# ---------------------------------------------------------------------------------------------------
