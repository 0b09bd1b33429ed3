"""PDF tables: rows adopted from above, cells rebuilt from characters, running headers dropped, tables continued across pages merged."""
from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from typing import Sequence

from ..models import Table
from ..text.chars import squash
from .cells import (
    _INT_RE,
    LABEL_RE,
    _caption_in_row,
    _count_header_rows,
    _is_caption_line,
    _is_title_line,
    _leading_caption,
    caption_to_title,
    collapse_cell,
)
from .pdf_lines import TextLine, _RawPage, _RawTable

#: a first/last page line repeated on at least this share of pages (and >= 3 pages) is a running header/footer
RUNNING_SHARE = 0.2


_PAGE_NUM_RES = (
    re.compile(r"^[-—–－_~\s]*\d{1,4}[-—–－_~\s]*$"),
    re.compile(r"^第\s*\d{1,4}\s*页(\s*[,，/]?\s*共\s*\d{1,4}\s*页)?$"),
    re.compile(r"^\d{1,4}\s*/\s*\d{1,4}$"),
    re.compile(r"^[-—–－]\s*\d{1,4}\s*[-—–－]$"),
)




def _running_lines(pages: Sequence[_RawPage]) -> dict[int, set[int]]:
    """Indexes of lines to drop per page: running headers/footers and bare page numbers.

    Lines are peeled from the top (at most 2) and the bottom (at most 2) of each page while they are
    running lines — the same text among the first/last two lines of >= 3 pages and >= RUNNING_SHARE
    of them — or page numbers. A bare number is a page number when its offset from the page's own
    number is shared by another page; decorated forms (`- 3 -`, `第 3 页`, `3/25`) always are.
    """
    n = len(pages)
    drop: dict[int, set[int]] = defaultdict(set)
    positions: dict[str, set[int]] = defaultdict(set)
    offsets: Counter[int] = Counter()

    def ends(rp: _RawPage) -> list[int]:
        k = len(rp.lines)
        return sorted({i for i in (0, 1, k - 2, k - 1) if 0 <= i < k})

    for rp in pages:
        for i in ends(rp):
            t = rp.lines[i].text.strip()
            sq = squash(t)
            positions[sq].add(rp.number)
            if (_INT_RE.match(sq) and len(sq) <= 4) or _is_decorated_page_number(t):
                offsets[int(re.search(r"\d+", sq).group(0)) - rp.number] += 1  # type: ignore[union-attr]
    need = max(3, math.ceil(RUNNING_SHARE * n))
    running = {key for key, pgs in positions.items() if key and len(pgs) >= need}
    for rp in pages:
        k = len(rp.lines)
        for order in (range(0, min(2, k)), range(k - 1, max(k - 3, -1), -1)):
            for i in order:
                t = rp.lines[i].text.strip()
                sq = squash(t)
                if sq in running or _is_decorated_page_number(t) or _is_bare_page_number(rp.number, sq, offsets, n):
                    drop[rp.number].add(i)
                else:
                    break
    return drop


def _is_decorated_page_number(t: str) -> bool:
    if _INT_RE.match(squash(t)):
        return False
    return any(r.match(t) for r in _PAGE_NUM_RES)


def _is_bare_page_number(page: int, sq: str, offsets: Counter[int], n: int) -> bool:
    if not (_INT_RE.match(sq) and len(sq) <= 4):
        return False
    return offsets[int(sq) - page] >= 2 or n == 1


def _place_tables(rp: _RawPage, kept: list[tuple[TextLine, bool]], dangling: list[str]) -> list[str]:
    """Attach caption lines (the text just above) and at_top/at_bottom flags to a page's tables.

    `dangling` are caption-like lines (title, 公开NN表, unit) left at the bottom of the previous page
    under its last table; they belong to this page's first table. Returns this page's dangling lines.
    """
    free = [ln for ln, inside in kept if not inside]
    tables = sorted(rp.tables, key=lambda t: t.bbox[1])
    rp.tables = tables
    prev_bottom = -1.0
    for k, t in enumerate(tables):
        top = t.bbox[1]
        above = [ln.text for ln in free if ln.bottom <= top + 2 and ln.top >= prev_bottom - 2]
        # (a cell's last characters wrapped past the page's end, 置更新 of 信息网络及软件购置更新, stand above a
        # continuation and leave it at the top)
        t.at_top = k == 0 and not dangling and all(_is_cell_tail(s) for s in above)
        if k == 0 and dangling:
            above = list(dangling) + above
        t.caption = above[-6:]
        t.row_pages = [rp.number] * len(t.rows)
        prev_bottom = t.bbox[3]
    below = [ln.text for ln in free if ln.top >= prev_bottom - 2] if tables else [ln.text for ln in free]
    if tables:
        tables[-1].at_bottom = not below
    tail: list[str] = []
    for s in reversed(below):
        if _is_caption_line(s):
            tail.insert(0, s)
        else:
            break
    if tables and tail and len(tail) == len(below):
        tables[-1].at_bottom = False  # the next page starts a new, captioned table
    return tail


#: the most characters a wrapped cell's tail carried over a page break has
CELL_TAIL_CHARS = 6


def _is_cell_tail(line: str) -> bool:
    """A few characters of a table cell printed alone above the next page's part of the table: no caption, no
    sentence, no figure."""
    s = squash(line)
    return 0 < len(s) <= CELL_TAIL_CHARS and not _is_caption_line(line) and not _is_title_line(line) \
        and not re.search(r"[\d。，,；;：:]", s)


def _split_at_captions(t: _RawTable) -> list[_RawTable]:
    """Split a grid that holds the end of one table and the start of the next: a row inside it
    that prints a title (…表 / 公开NN表) starts a new table."""
    for i in range(1, len(t.rows)):
        lead, consumed = _caption_in_row(t.rows[i])
        if consumed and any(_is_title_line(s) or LABEL_RE.search(squash(s)) for s in lead):
            head = _RawTable(
                page=t.page, bbox=t.bbox, rows=t.rows[:i], col_x=t.col_x, caption=t.caption,
                at_top=t.at_top, at_bottom=False, row_pages=t.row_pages[:i],
            )
            tail = _RawTable(
                page=t.page, bbox=t.bbox, rows=t.rows[i:], col_x=t.col_x, caption=[],
                at_top=False, at_bottom=t.at_bottom, row_pages=t.row_pages[i:],
            )
            return [head] + _split_at_captions(tail)
    return [t]


def _merge_continued(tables: list[_RawTable]) -> list[_RawTable]:
    """Join a table that continues on the next page into the table it continues.

    The continuation's columns are mapped onto the first part's columns by x-position (grids of
    the two parts often differ); a header repeated at the top of the continuation is dropped. When
    the columns cannot be mapped, the continuation stays a table of its own that inherits the
    title, unit and header (`continues`).
    """
    out: list[_RawTable] = []
    for t in tables:
        prev = out[-1] if out else None
        if prev is None or not _continues(prev, t):
            out.append(t)
            continue
        mapping = _map_columns(prev, t)
        if mapping is None:
            t.continues = prev.continues or prev
            out.append(t)
            continue
        rows = []
        for r in t.rows:
            new: list[str | None] = [None] * len(prev.col_x)
            for j, v in enumerate(r):
                if v:
                    k = mapping[j]
                    new[k] = f"{new[k]}\n{v}" if new[k] else v
            rows.append(new)
        pages = [t.page] * len(rows)
        hdr = _count_header_rows(_clean_rows(prev.rows))
        if hdr and [_norm_row(r) for r in rows[:hdr]] == [_norm_row(r) for r in prev.rows[:hdr]]:
            rows, pages = rows[hdr:], pages[hdr:]  # a repeated header
        prev.rows = prev.rows + rows
        prev.row_pages = prev.row_pages + pages
        prev.at_bottom = t.at_bottom
        prev.last_page = t.page
    return out


def _norm_row(row: Sequence[str | None]) -> tuple[str, ...]:
    return tuple(squash(c or "") for c in row)


def _continues(prev: _RawTable, t: _RawTable) -> bool:
    """t starts the next page right where prev ended its page, with no caption of its own, and the
    two tables start at the same x (within 3 pt), or end at the same x with t starting further right (its
    empty first columns unruled); `_map_columns` then lines up their columns."""
    if t.page != (prev.last_page or prev.page) + 1 or not prev.at_bottom or not t.at_top:
        return False
    if not prev.rows or not t.rows:
        return False
    lead, _ = _leading_caption(t.rows)
    if any(_is_title_line(s) or LABEL_RE.search(squash(s)) for s in lead):
        return False  # its own title is printed inside its first cells
    # the same left edge, or the same right edge when the continuation's first columns hold nothing to rule
    return abs(prev.bbox[0] - t.bbox[0]) <= 3 or abs(prev.bbox[2] - t.bbox[2]) <= 3 and t.bbox[0] > prev.bbox[0]


def _map_columns(prev: _RawTable, t: _RawTable) -> dict[int, int] | None:
    """Map each of t's used columns to the column of prev that fits it best (overlap over the span of both),
    None when one overlaps none by half."""
    used = [j for j in range(len(t.col_x)) if any(r[j] for r in t.rows if j < len(r))]
    mapping: dict[int, int] = {}
    for j in used:
        a0, a1 = t.col_x[j]
        best, best_ov, best_fit = None, 0.0, 0.0
        for k, (b0, b1) in enumerate(prev.col_x):
            ov = min(a1, b1) - max(a0, b0)
            fit = ov / max(max(a1, b1) - min(a0, b0), 1e-6)  # the closest column, not the widest that covers it
            if ov > 0 and fit > best_fit:
                best, best_ov, best_fit = k, ov, fit
        if best is None or best_ov < 0.5 * min(a1 - a0, prev.col_x[best][1] - prev.col_x[best][0]):
            return None
        mapping[j] = best
    return mapping


def _clean_rows(rows: Sequence[Sequence[str | None]]) -> list[list[str]]:
    return [[collapse_cell(c) for c in r] for r in rows]


def _raw_to_table(rt: _RawTable) -> Table | None:
    """Clean a raw table: collapse cells, lift a caption out of the first cells, drop empty rows,
    empty columns and tables that hold nothing; find title, unit and header rows."""
    caption_lines, skip = _leading_caption(rt.rows)
    raw_rows = list(rt.rows)[skip:]
    pages = (list(rt.row_pages) or [rt.page] * len(rt.rows))[skip:]
    rows = _clean_rows(raw_rows)
    keep = [i for i, r in enumerate(rows) if any(r)]
    rows = [rows[i] for i in keep]
    pages = [pages[i] for i in keep]
    if not rows:
        return None
    ncols = max(len(r) for r in rows)
    rows = [r + [""] * (ncols - len(r)) for r in rows]
    cols = [j for j in range(ncols) if any(r[j] for r in rows)]
    rows = [[r[j] for j in cols] for r in rows]
    if len(cols) < 2:
        return None  # a framed paragraph or a list, not a table
    header_rows = _count_header_rows(rows)
    if rt.continues is not None:
        first = _raw_to_table(rt.continues)
        title = f"{first.title}（续）" if first and first.title else ""
        unit = first.unit if first else None
        if first and first.header_rows and header_rows == 0 and len(first.rows[0]) == len(rows[0]):
            rows = [list(r) for r in first.header] + rows
            pages = [first.page] * first.header_rows + pages
            header_rows = first.header_rows
    else:
        title, unit = caption_to_title(rt.caption + caption_lines)
        if len(rows) == 1 and not title:
            return None  # one untitled row: a framed line of text (a page's ruled narrative), not a table
    return Table(
        title=title,
        rows=tuple(tuple(r) for r in rows),
        header_rows=header_rows,
        unit=unit,
        page=pages[0] if pages else rt.page,
        row_pages=tuple(pages),
    )
