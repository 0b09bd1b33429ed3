"""Document -> Chunks: narrative passages split on the report's own structure, one chunk per table row.

The steps are small functions, each testable alone:

- `page_to_lines`: the page's printed lines, minus blank lines, page numbers and lines that belong to a
  table (those are chunked as rows);
- `lines_to_units`: lines joined into sentences (`。；！？`) and headings (`第一部分`, `一、`, `（一）`, `1.`,
  `（1）`, `①`), each unit remembering its source lines; a sentence longer than a chunk is cut at a comma or
  a space, never inside a number;
- `units_to_passages`: units packed into passages of about `chunk_size` characters, starting a new one at
  major headings, preferring to break where an item starts, with an overlap of whole sentences;
- `table_to_row_chunks`: one `kind="table_row"` chunk per table body row.

A chunk's `text` is report text as printed (numbers untouched), apart from line joins and whitespace, so a
citation can quote it. Its `context` carries what the text needs to be understood alone: the report title
(region, year and kind added when the title lacks them), the heading trail, and for table rows the table
title, unit, column headers and each figure's column.
"""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from typing import Sequence

from .errors import ConfigError
from .models import Chunk, Document, Page, Table
from .numbers import find_numbers, is_subject_code

logger = logging.getLogger(__name__)

__all__ = [
    "DEFAULT_CHUNK_SIZE",
    "DEFAULT_OVERLAP",
    "chunk_document",
    "document_label",
    "table_columns",
    "page_to_lines",
    "tables_by_page",
    "lines_to_units",
    "units_to_passages",
    "table_to_row_chunks",
]

DEFAULT_CHUNK_SIZE = 300
DEFAULT_OVERLAP = 40

# A heading marker at the start of a line, with its level (0 = 第一部分 … 5 = ①).
_HEADING_RES: tuple[tuple[int, re.Pattern[str]], ...] = (
    (0, re.compile(r"第[一二三四五六七八九十]{1,3}部分")),
    (1, re.compile(r"[一二三四五六七八九十]{1,3}[、．]")),
    (2, re.compile(r"[（(][一二三四五六七八九十]{1,3}[）)]")),
    (3, re.compile(r"\d{1,2}(?:[、．]|\.(?!\d)|\.(?=(?:19|20)\d\d\s*年|[23]\d{2}(?:\d{2}){0,2}\s+[\u4e00-\u9fff]))")),
    (4, re.compile(r"[（(]\d{1,2}[）)]")),
    (5, re.compile(r"[①-⑳]")),
)
_BULLET_RE = re.compile(r"[-•·●▪]\s+")
# "2023年度收入支出决算总表", "一般公共预算支出表": a table title printed in the text
_TABLE_TITLE_RE = re.compile(r"[^，。；：:,;]{2,40}表")
_PAGE_NUMBER_RE = re.compile(
    r"[-—－–]?\s*\d{1,3}\s*[-—－–]?|第\s*\d{1,3}\s*页(?:\s*[,，/]?\s*共\s*\d{1,3}\s*页)?|\d{1,3}\s*/\s*\d{1,3}"
)
_SENTENCE_END = "。；！？;!?"
_CLOSERS = "”’」』）)】》\"'"
_TITLE_FORBIDDEN_RE = re.compile(r"[，,；;]")
_PROSE_RE = re.compile(r"[，。]")
_NUMERIC_TOKEN_RE = re.compile(r"[-+]?[\d,.]*\d[\d,.]*%?")
#: heading levels that name a section (kept in the heading trail); deeper levels are list items
TRAIL_LEVELS = 2
_WS_RE = re.compile(r"\s+")
_HAS_DIGIT_RE = re.compile(r"\d")
_CODE_COLUMN_RE = re.compile(r"编码|代码|编号|序号|行次|栏次|代\s*码")
_FILLER_CELL_RE = re.compile(r"[\d\s]+|栏\s*次|行\s*次|行|栏|序号")


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
    title = _WS_RE.sub(" ", (doc.title or "").strip())
    if not title:
        title = re.sub(r"\.[A-Za-z0-9]+$", "", doc.source or doc.doc_id)
    compact = _WS_RE.sub("", title)
    extra: list[str] = []
    for value in (doc.region, doc.department):
        if value and _WS_RE.sub("", value) not in compact:
            extra.append(value)
    if doc.year and str(doc.year) not in compact:
        extra.append(f"{doc.year}年度")
    if doc.kind and doc.kind not in compact:
        extra.append(doc.kind)
    return f"{title}（{' '.join(extra)}）" if extra else title


# ---------------------------------------------------------------------------------------------------
# lines


def _clean(line: str) -> str:
    return _WS_RE.sub(" ", line).strip()


def _nospace(s: str) -> str:
    return _WS_RE.sub("", s)


class _TableMatcher:
    """Tells whether a printed line is part of a table (a row, or a fragment of a wrapped cell)."""

    def __init__(self, table: Table):
        self.cells = [c for c in (_nospace(x) for row in table.rows for x in row) if c]
        self.rows_concat = "\x00".join("".join(_nospace(x) for x in row) for row in table.rows)
        self.cells_concat = "\x00".join(self.cells)
        self.cell_set = set(self.cells)

    def matches(self, line: str) -> bool:
        ns = _nospace(line)
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
# units


def _heading_level(text: str) -> int | None:
    body = _BULLET_RE.sub("", text, count=1) if _BULLET_RE.match(text) else text
    for level, rx in _HEADING_RES:
        if rx.match(body):
            return level
    return None


def _width(s: str) -> float:
    return sum(1.0 if ord(ch) > 0x2E80 else 0.5 for ch in s)


def _typical_width(lines: Sequence[Line]) -> float:
    """The width of a full line of prose (80th percentile over lines with a comma or full stop)."""
    widths = sorted(_width(x.text) for x in lines if _PROSE_RE.search(x.text) and _width(x.text) >= 8)
    if len(widths) < 5:
        return float("inf")
    return widths[int(0.8 * (len(widths) - 1))]


def _is_title(text: str, level: int | None, typical: float) -> bool:
    """A heading line that stands alone (not the first line of a paragraph)."""
    if level == 0:
        return len(text) <= 60
    if _TITLE_FORBIDDEN_RE.search(text) or len(text) > 50:
        return False
    if sum(1 for tok in text.split() if _NUMERIC_TOKEN_RE.fullmatch(tok)) >= 2 or re.search(r"\d\.\d", text):
        return False  # a flattened table row such as "八、其他收入 8 八、社会保障和就业支出 39 6.26"
    inner = text.rstrip("。:：")
    if any(ch in inner for ch in "。！？"):
        return False
    if text.endswith("。") and len(text) > 30:
        return False
    return _width(text) <= 0.85 * typical


def _joiner(left: str, right: str) -> str:
    """What joins two printed lines: nothing between Chinese text, a space next to Latin letters or
    digits, nothing when a number was broken after its comma or point."""
    if not left or not right:
        return ""
    a, b = left[-1], right[0]
    if a in ",." and b.isdigit() and len(left) >= 2 and left[-2].isdigit():
        return ""
    if (a.isascii() and a.isalnum()) or (b.isascii() and b.isalnum()) or a == "%":
        return " "
    return ""


def _split_long(text: str, size: int, opens: Sequence[bool] = ()) -> list[tuple[str, str]]:
    """Cut `text` into pieces of at most `size` characters where it can be helped; never inside a number.

    Preferred cuts, in order: after `，；`; at a line start that followed a space (a flattened table row);
    after `、：` or at a space; at any line start. Returns (separator before the piece, piece).
    """
    if len(text) <= size:
        return [("", text)]
    inside: set[int] = set()
    for n in find_numbers(text):
        inside.update(range(n.start + 1, n.end))
    ranked: list[list[tuple[int, bool]]] = [[], [], [], []]
    for i, ch in enumerate(text):
        cut = i + 1
        if cut in inside or cut >= len(text):
            continue
        if ch in "，；;,":
            ranked[0].append((cut, False))
        elif ch in "、：:" or ch == " ":
            ranked[2].append((cut, ch == " "))
        if cut < len(opens) and opens[cut]:
            ranked[1 if ch == " " else 3].append((cut, ch == " "))
    pieces: list[tuple[str, str]] = []
    start, sep = 0, ""
    while len(text) - start > size:
        limit = start + size
        choice = None
        for lo in (start + size // 3, start + 1):
            for group in ranked:
                found = [p for p in group if lo <= p[0] <= limit]
                if found:
                    choice = found[-1]
                    break
            if choice:
                break
        if choice is None:
            cut, at_space = limit, False
            while cut in inside and cut < len(text):
                cut += 1
        else:
            cut, at_space = choice
        piece = text[start:cut].strip()
        if piece:
            pieces.append((sep, piece))
        sep = " " if at_space or text[cut - 1: cut] == " " or text[cut: cut + 1] == " " else ""
        start = cut
    rest = text[start:].strip()
    if rest:
        pieces.append((sep, rest))
    return pieces


@dataclass
class _Buffer:
    """Characters of the sentence being assembled, each with its (page, line) and whether it opens a line."""

    chars: list[str] = field(default_factory=list)
    pos: list[tuple[int | None, int]] = field(default_factory=list)
    opens: list[bool] = field(default_factory=list)
    scanned: int = 0  # chars already searched for a sentence end


    def append(self, line: Line) -> None:
        if self.chars:
            for ch in _joiner("".join(self.chars[-2:]), line.text):
                self.chars.append(ch)
                self.pos.append(self.pos[-1])
                self.opens.append(False)
        for k, ch in enumerate(line.text):
            self.chars.append(ch)
            self.pos.append((line.page, line.lineno))
            self.opens.append(k == 0)

    def take(self, n: int) -> tuple[str, list[tuple[int | None, int]], list[bool]]:
        taken = ("".join(self.chars[:n]), self.pos[:n], self.opens[:n])
        del self.chars[:n], self.pos[:n], self.opens[:n]
        self.scanned = 0
        return taken


def _sentence_end(text: Sequence[str], start: int) -> int:
    """Index just after the first sentence end at or after `start`, or -1 (closing quotes and brackets
    stay with their sentence; one at the very end may still come with the next line)."""
    for i in range(start, len(text)):
        if text[i] in _SENTENCE_END:
            j = i + 1
            while j < len(text) and text[j] in _CLOSERS:
                j += 1
            return j
    return -1


def lines_to_units(lines: Sequence[Line], chunk_size: int = DEFAULT_CHUNK_SIZE) -> list[Unit]:
    """Join lines into sentences and headings; cut sentences longer than `chunk_size` at a comma or space."""
    typical = _typical_width(lines)
    units: list[Unit] = []
    trail: dict[int, str] = {}
    buf = _Buffer()
    pending_level: list[int | None] = [None]

    def emit(text: str, pos: Sequence[tuple[int | None, int]], opens: Sequence[bool], level: int | None,
             title: bool) -> None:
        lead = len(text) - len(text.lstrip())
        body = text.strip()
        if not body:
            return
        pos = pos[lead: lead + len(body)]
        sep = "\n" if opens[lead] else ""
        offset = 0
        for k, (psep, piece) in enumerate(_split_long(body, chunk_size, opens[lead: lead + len(body)])):
            at = max(body.find(piece, offset), 0)
            ppos = pos[at: at + len(piece)] or pos[-1:]
            offset = at + len(piece)
            linenos = [p[1] for p in ppos]
            units.append(Unit(
                text=piece,
                page=ppos[0][0],
                first_line=min(linenos),
                last_line=max(linenos),
                level=level if k == 0 else None,
                title=title and k == 0,
                sep=sep if k == 0 else psep,
                trail=tuple(trail[lv] for lv in sorted(trail)),
            ))

    def drain(final: bool) -> None:
        """Emit the complete sentences in the buffer (and what is left when `final`)."""
        while buf.chars:
            end = _sentence_end(buf.chars, buf.scanned)
            if end < 0:
                buf.scanned = len(buf.chars)
                if not final:
                    return
                end = len(buf.chars)
            emit(*buf.take(end), pending_level[0], False)
            pending_level[0] = None

    def emit_title(line: Line, level: int) -> None:
        nonlocal trail
        trail = {k: v for k, v in trail.items() if k < level}
        emit(line.text, [(line.page, line.lineno)] * len(line.text), [True] * len(line.text), level, True)
        if level <= TRAIL_LEVELS:
            trail[level] = line.text

    for line in lines:
        if line.gap_before:
            drain(final=True)
        level = _heading_level(line.text)
        if level is None and _TABLE_TITLE_RE.fullmatch(line.text) and _is_title(line.text, 1, typical):
            drain(final=True)
            emit_title(line, 1)
            continue
        if level is not None:
            drain(final=True)
            if _is_title(line.text, level, typical):
                emit_title(line, level)
                continue
            if level <= 2:  # a numbered paragraph: its siblings' and deeper titles end here
                trail = {k: v for k, v in trail.items() if k < level}
            pending_level[0] = level
        buf.append(line)
        drain(final=False)
    drain(final=True)
    return units


# ---------------------------------------------------------------------------------------------------
# passages


def _joined_len(units: Sequence[Unit]) -> int:
    if not units:
        return 0
    return len(units[0].text) + sum(len(u.sep) + len(u.text) for u in units[1:])


def _to_passage(units: Sequence[Unit]) -> Passage | None:
    text = units[0].text + "".join(u.sep + u.text for u in units[1:])
    text = text.strip()
    if not text:
        return None
    # the page cited is where the content is: a heading at the foot of the previous page moves on
    main = next((u for u in units if not u.title), units[0])
    return Passage(
        text=text,
        page=main.page,
        first_line=min(u.first_line for u in units if u.page == main.page),
        last_line=max(u.last_line for u in units if u.page == units[-1].page),
        trail=main.trail,
    )


#: a numbered item starts a new passage once the current one is this full (share of chunk_size)
ITEM_BREAK = 0.4


def units_to_passages(units: Sequence[Unit], chunk_size: int = DEFAULT_CHUNK_SIZE,
                      overlap: int = DEFAULT_OVERLAP) -> list[Passage]:
    """Pack units into passages of at most `chunk_size` characters (a single longer unit stays whole).

    A section title starts a new passage once the current one holds an eighth (第一部分) or a quarter
    (一、 / （一）) of `chunk_size`, so a table of contents does not become a string of tiny passages.
    When a passage is full it ends where the last item or heading begins if that keeps it at least 40%
    full; otherwise it ends at a sentence and the next passage starts with the last whole sentences
    (at most `overlap` characters) again.
    """
    out: list[Passage] = []
    cur: list[Unit] = []
    n_overlap = 0  # leading units of `cur` repeated from the previous passage

    def flush(us: Sequence[Unit]) -> None:
        p = _to_passage(us) if us else None
        if p is not None:
            out.append(p)

    for u in units:
        if cur and u.title and u.level is not None and u.level <= TRAIL_LEVELS:
            if n_overlap == len(cur):
                cur, n_overlap = [], 0  # sentences repeated from the previous section stay there
            elif _joined_len(cur[n_overlap:]) >= (chunk_size // 8 if u.level == 0 else chunk_size // 4):
                flush(cur)
                cur, n_overlap = [], 0
        if (cur and u.level is not None and u.level > TRAIL_LEVELS
                and _joined_len(cur[n_overlap:]) >= ITEM_BREAK * chunk_size):
            # a numbered item (`5.…(项)。年初预算为…`) is a self-contained statement: one per passage
            # once the passage holds a fair share, so its figures are not diluted by its siblings'
            flush(cur)
            cur, n_overlap = [], 0
        while cur and _joined_len(cur) + len(u.sep) + len(u.text) > chunk_size:
            if n_overlap and n_overlap == len(cur):
                cur, n_overlap = [], 0  # the repeated sentences alone do not fit with u: drop them
                break
            if all(x.title for x in cur[n_overlap:]):
                break  # a heading stays with what follows it, even if that overflows a little
            # structural break: the last heading/item start that keeps this passage >= 40% full
            cut = 0
            for i in range(max(1, n_overlap), len(cur)):
                if cur[i].level is not None and _joined_len(cur[:i]) >= 0.4 * chunk_size:
                    cut = i
            if cut:
                flush(cur[:cut])
                cur, n_overlap = cur[cut:], 0
                continue
            # sentence break; a trailing title moves on with the next passage
            k = len(cur)
            while k > 1 and cur[k - 1].title:
                k -= 1
            head, tail = cur[:k], cur[k:]
            flush(head)
            carried: list[Unit] = []
            if overlap > 0 and not tail:
                total = 0
                for prev in reversed(head[1:]):
                    if prev.title:
                        break
                    total += len(prev.text) + len(prev.sep)
                    if total > overlap:
                        break
                    carried.insert(0, prev)
            cur = carried + tail
            n_overlap = len(carried)
            if tail:
                # a title plus u may still be too long: give up on keeping them together
                if _joined_len(cur) + len(u.sep) + len(u.text) > chunk_size:
                    flush(cur)
                    cur, n_overlap = [], 0
                break
        cur.append(u)
    flush(cur)
    return out


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
        if not re.search(r"\d", text) and len(_nospace(text)) < 6:
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
# the whole document


def _cites_lines(doc: Document) -> bool:
    """Text files cite source lines (also when split into pages at form feeds); PDFs cite pages."""
    if all(p.number is None for p in doc.pages):
        return True
    if any(name.lower().endswith(".pdf") for name in (doc.source, doc.path or "") if name):
        return False
    return any(p.first_line > 1 for p in doc.pages)


def chunk_document(doc: Document, *, chunk_size: int = DEFAULT_CHUNK_SIZE, overlap: int = DEFAULT_OVERLAP) -> list[Chunk]:
    """All chunks of a report: narrative passages (`kind="text"`) and table rows (`kind="table_row"`).

    Text files give `lines=(first, last)`, 1-based source lines (and `page` too when the file was split
    into pages at form feeds); PDF chunks give `page`. Ids are `doc_id:page:n` (page 0 for text files), n counting per page in reading order,
    so rebuilding the same document gives the same ids.
    """
    if chunk_size <= 0:
        raise ConfigError(f"chunk_size must be greater than 0; got {chunk_size}")
    if not 0 <= overlap < chunk_size:
        raise ConfigError(f"chunk_overlap must be >= 0 and smaller than chunk_size ({chunk_size}); got {overlap}")
    label = document_label(doc)
    text_file = _cites_lines(doc)

    lines: list[Line] = []
    on_page = tables_by_page(doc)
    for page in doc.pages:  # a sentence may run on over a page break
        lines.extend(page_to_lines(page, on_page.get(page.number, [])))
    units = lines_to_units(lines, chunk_size)
    passages = units_to_passages(units, chunk_size, overlap)

    drafts: list[tuple[tuple[int, int, int, int], dict]] = []
    for seq, p in enumerate(passages):
        ctx = label + (" | " + " > ".join(p.trail) if p.trail else "")
        key = (p.page or 0, p.first_line if text_file else 0, 0, seq)
        drafts.append((key, dict(text=p.text, kind="text", context=ctx, page=p.page,
                                 lines=(p.first_line, p.last_line) if text_file else None)))
    seq = 0
    for page in doc.pages:
        for table in page.tables:
            for row_page, row_line, text, ctx in table_to_row_chunks(table, label, page=page.number):
                seq += 1
                line_key = row_line if (text_file and row_line is not None) else 10 ** 9
                key = (row_page or 0, line_key, 1, seq)
                drafts.append((key, dict(text=text, kind="table_row", context=ctx, page=row_page,
                                         lines=(row_line, row_line) if (text_file and row_line is not None) else None)))
    drafts.sort(key=lambda d: d[0])

    chunks: list[Chunk] = []
    counters: dict[int, int] = {}
    for key, d in drafts:
        if not d["text"].strip():
            continue
        pg = key[0]
        n = counters.get(pg, 0)
        counters[pg] = n + 1
        chunks.append(Chunk(id=f"{doc.doc_id}:{pg}:{n}", doc_id=doc.doc_id, source=doc.source, **d))
    logger.debug("chunked %s: %d chunks (%d passages)", doc.source, len(chunks), len(passages))
    return chunks
