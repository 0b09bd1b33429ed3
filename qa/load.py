"""path -> pages: text and tables per page, for PDFs and plain-text files.

`load_pages(path)` is the entry point; it owns file-type and encoding detection and wraps every
third-party failure in `InputError`.

PDF (pdfplumber):
- Lines are rebuilt from the characters by vertical overlap (`chars_to_lines`), not by a fixed
  tolerance on `top`: a character joins the line whose band it overlaps by at least half of the
  smaller height. This keeps figures set in another, lower-sitting font inside their sentence
  (Shanghai 决算 narrative pages print `2995.39` ~5 pt below the Chinese around it).
- Table cells come from `page.find_tables()` geometry, filled with the same rebuilt lines.
  Empty tables, empty rows and empty columns are dropped; a title, 公开NN表 label or unit printed
  inside the first cells is lifted out as the table's caption.
- A table's title and unit come from the text lines just above it on the page (a 公开NN表 label
  left alone at the bottom of the previous page counts too); a grid that holds the end of one
  table and, after a title row, the start of the next is split in two.
- A table that runs on across a page break (no text between the end of one page's last table and
  the next page's first table, same left edge, no title of its own) is merged into one `Table`
  that lives on the page where it starts: its columns are mapped by x-position, a repeated header
  is dropped, and `row_pages` gives each row's page. The continuation page no longer lists it.
  (When the columns cannot be mapped, the continuation stays separate with the same title + （续）,
  unit and header.) Rows printed just above a grid whose top rule is missing — typical of a
  continued Word table — are taken into it. All of this is done here, not in document.py, so every
  caller of `load_pages` sees whole tables.
- Running headers/footers (the same first or last line on many pages) and bare page numbers
  (`- 3 -`, `第 3 页`, `3`) are dropped from page text.
- `(cid:NNN)` glyphs are stripped, and pages without any text are reported, in the warnings.

Text files: decoded as utf-8 / utf-8-sig / utf-16 (BOM) / gb18030; one `Page(number=None)` for
the whole file, or one page per form-feed (`\\f`) part with `first_line` set, so that line i of a
page's text is line `first_line + i - 1` of the file. Tables printed as text lines (公开NN表 /
部门… 单位：万元 / header lines / rows) are found by `find_text_tables`, with `row_lines`.
"""
from __future__ import annotations

import bisect
import logging
import math
import re
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Sequence

from .errors import InputError
from .models import Page, Table

logger = logging.getLogger(__name__)

SUPPORTED_SUFFIXES = (".pdf", ".txt")
TEXT_SUFFIXES = (".txt", ".text", ".md")
TEXT_ENCODINGS = ("utf-8", "gb18030")

#: a character joins a line when its vertical overlap with the line's band is at least this
#: fraction of the smaller of the two heights (scale-free: works for 9 pt tables and 18 pt titles)
LINE_OVERLAP = 0.5
#: a horizontal gap wider than this fraction of the font size becomes a space
SPACE_GAP = 0.3
#: a first/last page line repeated on at least this share of pages (and >= 3 pages) is a running header/footer
RUNNING_SHARE = 0.2

_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_CJK_RE = re.compile(f"[{_CJK}]")
_CID_RE = re.compile(r"\(cid:\d+\)")
_WS_RE = re.compile(r"\s+")

#: 金额单位 printed near a table: 单位：万元, 金额单位：元, 资金单位:万元, (单位: 亿元)
UNIT_RE = re.compile(r"单\s*位\s*[：:]\s*(亿元|万元|千元|元)")
#: table labels: 公开01表, 公开 05 表, 公开表一, 表一, 附表3
LABEL_RE = re.compile(r"(公开\s*\d+\s*表|公开表\s*[一二三四五六七八九十]+|附表\s*\d+|^表\s*[一二三四五六七八九十\d]+$)")
#: lines that name the department/unit above a table (not a title)
DEPT_RE = re.compile(r"^\s*(编制部门|部\s*门(名称)?|单位名称|预算单位|预算主管部门|填报单位)\s*[：:]")
#: an amount as printed: 1,228.72 / 2, 031. 52 / 371,514,655.00 / -3.5 / 12.5% / 12.5 %
AMOUNT_RE = re.compile(r"^[-−]?\d{1,3}(?:,\s?\d{3})+(?:\.\s?\d+)?\s?%?$|^[-−]?\d+\.\s?\d+\s?%?$")
_INT_RE = re.compile(r"^\d+$")
_CODE_RE = re.compile(r"^\d{3,7}$")
#: number tokens inside a space-separated text row (keeps `2, 031. 52` together)
_NUM_TOKEN_RE = re.compile(r"[-−]?\d{1,3}(?:,\s?\d{3})+(?:\.\s?\d+)?(?:\s?%)?|[-−]?\d+(?:\.\s?\d+)?(?:\s?%)?")
_PAGE_NUM_RES = (
    re.compile(r"^[-—–－_~\s]*\d{1,4}[-—–－_~\s]*$"),
    re.compile(r"^第\s*\d{1,4}\s*页(\s*[,，/]?\s*共\s*\d{1,4}\s*页)?$"),
    re.compile(r"^\d{1,4}\s*/\s*\d{1,4}$"),
    re.compile(r"^[-—–－]\s*\d{1,4}\s*[-—–－]$"),
)


# --------------------------------------------------------------------------------------------
# entry point


def load_pages(path: str | Path, on_progress: Callable[[int, int], None] | None = None) -> tuple[list[Page], list[str]]:
    """Read a report into pages. Returns (pages, warnings).

    PDF: one Page per page (1-based `number`), text in reading order and tables found on it.
    Text: one Page (number None) for the file, or one per `\\f`-separated part (number 1, 2, …).
    `on_progress(done, total)` is called after each PDF page is parsed.
    Raises InputError for a missing, unsupported, empty or unreadable file.
    """
    p = Path(path)
    kind = detect_file_type(p)
    if kind == "pdf":
        return _pdf_to_pages(p, on_progress or _no_progress)
    data = p.read_bytes()
    text, encoding = decode_text(data, name=str(p))
    if not text.strip():
        raise InputError(f"{p} holds no text. Give a report with its text layer, or extract it first.")
    logger.debug("%s: decoded as %s", p.name, encoding)
    pages = text_to_pages(text)
    warnings = [f"{p.name}: page {pg.number} is empty" for pg in pages if pg.number and not pg.text.strip()]
    return pages, warnings


def _no_progress(done: int, total: int) -> None:
    pass


def detect_file_type(path: str | Path) -> str:
    """"pdf" or "text", by sniffing the first bytes (`%PDF`) and then the suffix.

    Raises InputError when the file is missing, is a directory, is empty, or is neither PDF nor text.
    """
    p = Path(path)
    if not p.exists():
        raise InputError(f"{p}: no such file. Check the path (supported: {', '.join(SUPPORTED_SUFFIXES)}).")
    if p.is_dir():
        raise InputError(f"{p} is a directory. Pass the report files inside it (supported: {', '.join(SUPPORTED_SUFFIXES)}).")
    try:
        with p.open("rb") as fh:
            head = fh.read(1024)
    except OSError as e:
        raise InputError(f"{p}: cannot read the file ({e}). Check its permissions.") from e
    if not head:
        raise InputError(f"{p} is empty (0 bytes). Give a report with content.")
    if head.lstrip(b"\x00\t\r\n ").startswith(b"%PDF"):
        return "pdf"
    suffix = p.suffix.lower()
    if suffix == ".pdf":
        raise InputError(f"{p} is named .pdf but is not a PDF (no %PDF header). Re-download or re-export it.")
    if suffix in TEXT_SUFFIXES:
        return "text"
    if suffix == "" and _looks_like_text(head):
        return "text"
    raise InputError(
        f"{p}: unsupported file type {suffix or '(no suffix)'!r}. Supported: {', '.join(SUPPORTED_SUFFIXES)}; "
        "convert Word/Excel/HTML reports to PDF or plain text first."
    )


def _looks_like_text(head: bytes) -> bool:
    if b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return False
    try:
        decode_text(head)
    except InputError:
        return False
    return True


def decode_text(data: bytes, name: str = "text") -> tuple[str, str]:
    """Decode report text: BOM (utf-8-sig, utf-16), then utf-8, then gb18030. Returns (text, encoding).

    Line ends are normalised to `\\n` (`\\r\\n` and lone `\\r`), which keeps line numbers as editors count them.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        candidates: Iterable[str] = ("utf-8-sig",)
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        candidates = ("utf-16",)
    else:
        candidates = TEXT_ENCODINGS
    for enc in candidates:
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        return text.replace("\r\n", "\n").replace("\r", "\n"), enc
    raise InputError(
        f"{name}: cannot decode the text as {', '.join(candidates)}. Save it as UTF-8 (or GB18030) and retry."
    )


# --------------------------------------------------------------------------------------------
# text files


def text_to_pages(text: str) -> list[Page]:
    """Split text on form feeds into pages (1-based), or return one Page(number=None) without any.

    Each page's `first_line` is the file line its text starts on; tables come from `find_text_tables`.
    """
    if "\f" not in text:
        return [Page(number=None, text=text, tables=tuple(find_text_tables(text.split("\n"), 1)), first_line=1)]
    parts = text.split("\f")
    if len(parts) > 1 and not parts[-1].strip():
        parts = parts[:-1]  # pdftotext ends every page with \f
    pages = []
    line = 1
    for i, part in enumerate(parts, start=1):
        tables = find_text_tables(part.split("\n"), line, page=i)
        pages.append(Page(number=i, text=part, tables=tuple(tables), first_line=line))
        line += part.count("\n")
    return pages


def _is_title_line(s: str) -> bool:
    s = s.strip()
    if not s or len(s) > 60 or "表" not in s:
        return False
    if any(ch in s for ch in "。；;，,") or DEPT_RE.match(s) or UNIT_RE.search(s) or s.startswith(("注", "说明")):
        return False
    if LABEL_RE.fullmatch(_squash(s)):
        return False
    return bool(_CJK_RE.search(s))


def _squash(s: str) -> str:
    return _WS_RE.sub("", s)


_END_RE = re.compile(r"^\s*(注\s*[：:1１]|注\s*$|说明\s*[：:]|备注\s*[：:]|第[一二三四五六七八九十]+部分)")
_SECTION_TITLE_RE = re.compile(r"^\s*[一二三四五六七八九十]+\s*[、.．]\s*\S+表\s*$")


def find_text_tables(lines: Sequence[str], first_line: int = 1, page: int | None = None) -> list[Table]:
    """Find tables printed as text lines: a title line (…表) and/or a 公开NN表 label, a unit line
    (单位：万元) within the next few lines, header lines, then one row per line until a 注/说明 line,
    the next table or a section heading.

    `lines[i]` is file line `first_line + i`. Each Table has `row_lines` (the file line of each row),
    `header_rows` (the lines up to the 栏次 / column-number line, or before the first figure row),
    `unit` and a title such as `2023年度一般公共预算财政拨款支出决算表 公开05表`.
    """
    n = len(lines)
    starts: list[tuple[int, int, str, str | None]] = []  # (first caption line, unit line, title, unit)
    for u, s in enumerate(lines):
        if not (UNIT_RE.search(s) and len(s.strip()) <= 80):
            continue
        top = _text_caption_top(lines, u)
        if top is None:
            continue
        title, unit = caption_to_title([lines[k] for k in range(top, u + 1) if lines[k].strip()])
        starts.append((top, u, title, unit))
    tables = []
    for k, (top, u, title, unit) in enumerate(starts):
        stop = starts[k + 1][0] if k + 1 < len(starts) else n
        body: list[int] = []
        for i in range(u + 1, stop):
            st = lines[i].strip()
            if not st:
                continue
            if _END_RE.match(st) or _SECTION_TITLE_RE.match(st):
                break
            if "。" in st and len(st) > 30 and "\t" not in lines[i]:
                break  # narrative resumed
            if re.fullmatch(r"\d{1,3}", st) and (i + 1 >= n or not lines[i + 1].strip()):
                continue  # a page number left in the extracted text
            body.append(i)
        if not body:
            continue
        rows = [split_text_row(lines[i]) for i in body]
        width = max(len(r) for r in rows)
        rows = [r + ("",) * (width - len(r)) for r in rows]
        tables.append(
            Table(
                title=title,
                rows=tuple(rows),
                header_rows=_count_header_rows(rows),
                unit=unit,
                page=page,
                row_pages=tuple(page for _ in rows),
                row_lines=tuple(first_line + i for i in body),
            )
        )
    return tables


def _text_caption_top(lines: Sequence[str], u: int) -> int | None:
    """Index of the first caption line (title / 公开NN表 / 部门：…) above unit line u, or None when
    no title or label sits within the 5 non-empty lines above it."""
    top, seen, found = None, 0, False
    if _is_title_line(lines[u].split("单位")[0]) or LABEL_RE.search(_squash(lines[u])):
        top, found = u, True
    j = u
    while j > 0 and seen < 5:
        j -= 1
        s = lines[j].strip()
        if not s:
            continue
        seen += 1
        if LABEL_RE.fullmatch(_squash(s)) or _is_title_line(s):
            top, found = j, True
        elif DEPT_RE.match(s):
            top = j
        else:
            break
    return top if found else None


def split_text_row(line: str) -> tuple[str, ...]:
    """Split one printed table row into cells.

    Tab-separated rows keep their empty cells. Space-separated rows get one cell per token: 科目编码,
    name, figures; a figure printed with inner spaces (`2, 031. 52`) stays one cell, and a run of
    spaced-out single characters (`合 计`, `栏 次`) is joined into one cell.
    """
    if "\t" in line:
        return tuple(collapse_cell(c) for c in line.rstrip("\n").split("\t"))
    s = line.strip()
    cells: list[str] = []
    singles: list[str] = []
    pos = 0
    while pos < len(s):
        if s[pos].isspace():
            pos += 1
            continue
        num = _NUM_TOKEN_RE.match(s, pos)
        if num and (num.end() == len(s) or s[num.end()].isspace()):
            tok, pos = _WS_RE.sub("", num.group(0)), num.end()
        else:
            end = pos
            while end < len(s) and not s[end].isspace():
                end += 1
            tok, pos = s[pos:end], end
        if len(tok) == 1 and _CJK_RE.match(tok):
            singles.append(tok)
            continue
        if singles:
            cells.append("".join(singles))
            singles.clear()
        cells.append(tok)
    if singles:
        cells.append("".join(singles))
    return tuple(cells)


def collapse_cell(cell: str | None) -> str:
    """A cell's text with inner whitespace collapsed: line breaks inside CJK text vanish, other runs
    become one space, and a figure printed with inner spaces (`2, 031. 52`) is closed up (`2,031.52`)."""
    if not cell:
        return ""
    if AMOUNT_RE.match(cell.strip()):
        return _WS_RE.sub("", cell)
    parts = [p for p in (_WS_RE.sub(" ", ln).strip() for ln in cell.split("\n")) if p]
    out = ""
    for p in parts:
        if out and not (_CJK_RE.match(out[-1]) and _CJK_RE.match(p[0])) and not (out[-1] in "（(" or p[0] in "）)、，。；："):
            out += " "
        out += p
    return out


def normalize_title(s: str) -> str:
    """A heading as a title: whitespace collapsed, and removed between CJK characters and next to
    figures (`收 入 支 出 决 算 总 表` -> `收入支出决算总表`, `2024 年度` -> `2024年度`)."""
    s = _WS_RE.sub(" ", s).strip()
    s = re.sub(f"(?<=[{_CJK}（）“”、])\\s+(?=[{_CJK}（）“”\\d])", "", s)
    s = re.sub(f"(?<=\\d)\\s+(?=[{_CJK}])", "", s)
    return s


# --------------------------------------------------------------------------------------------
# header rows


_HEADER_END_RE = re.compile(r"栏\s*次")


def _count_header_rows(rows: Sequence[Sequence[str]]) -> int:
    """Rows before the body: up to and including a 栏次 / column-number row, else before the first
    row that holds a figure or starts with a 科目编码 and a name. 0 when no row does."""
    first_data = None
    for i, row in enumerate(rows):
        cells = [c for c in row if c]
        if not cells:
            continue
        if any(_HEADER_END_RE.search(c) for c in cells) or _is_column_number_row(cells):
            return i + 1
        if first_data is None and _is_data_row(cells):
            first_data = i
    return first_data if first_data is not None else 0


def _is_column_number_row(cells: Sequence[str]) -> bool:
    if len(cells) < 2 or not all(_INT_RE.match(c) for c in cells):
        return False
    vals = [int(c) for c in cells]
    return vals[0] <= 2 and all(b == a + 1 for a, b in zip(vals, vals[1:]))


def _is_data_row(cells: Sequence[str]) -> bool:
    first = _squash(cells[0])
    if _CODE_RE.match(first) and len(cells) > 1 and any(_CJK_RE.search(c) for c in cells[1:]):
        return True
    return any(AMOUNT_RE.match(c) for c in cells)


# --------------------------------------------------------------------------------------------
# PDF: characters -> lines


@dataclass
class TextLine:
    """One printed line: text plus its box on the page (PDF points, top-down)."""

    text: str
    top: float
    bottom: float
    x0: float
    x1: float
    chars: Sequence[dict[str, Any]] = ()


def chars_to_lines(chars: Iterable[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """Group pdfplumber characters into printed lines by vertical overlap; each line sorted by x.

    A character joins the open line it overlaps most when that overlap is at least LINE_OVERLAP of
    the smaller height (line band = its first character's box); otherwise it starts a new line.
    Lines come out top to bottom. Exact duplicates (text drawn twice for bold) are dropped.
    """
    ordered = sorted(chars, key=lambda c: (c["top"], c["x0"]))
    lines: list[list[Any]] = []  # [top, bottom, chars]
    active: list[list[Any]] = []
    for c in ordered:
        top, bottom = c["top"], c["bottom"]
        h = max(bottom - top, 1e-6)
        if active and active[0][1] <= top:
            active = [ln for ln in active if ln[1] > top]
        best, best_r = None, 0.0
        for ln in active:
            ov = min(bottom, ln[1]) - max(top, ln[0])
            if ov <= 0:
                continue
            r = ov / min(h, max(ln[1] - ln[0], 1e-6))
            if r > best_r:
                best, best_r = ln, r
        if best is not None and best_r >= LINE_OVERLAP:
            best[2].append(c)
        else:
            ln = [top, bottom, [c]]
            lines.append(ln)
            active.append(ln)
            active.sort(key=lambda x: x[1])
    out = []
    for ln in sorted(lines, key=lambda x: (x[0] + x[1]) / 2):
        cs = sorted(ln[2], key=lambda c: c["x0"])
        kept: list[dict[str, Any]] = []
        for c in cs:
            if any(k["text"] == c["text"] and abs(k["x0"] - c["x0"]) < 1 and abs(k["top"] - c["top"]) < 1 for k in kept[-3:]):
                continue
            kept.append(c)
        out.append(kept)
    return out


def line_text(chars: Sequence[dict[str, Any]]) -> str:
    """The text of one line of characters (sorted by x). A printed space, or a gap wider than
    SPACE_GAP × the font size, becomes one space; leading and trailing spaces are dropped."""
    parts: list[str] = []
    prev = None
    pending = False
    for c in chars:
        t = c["text"]
        if not t.strip():
            pending = bool(parts)
            continue
        if prev is not None:
            size = min(c.get("size") or 10.0, prev.get("size") or 10.0)
            if pending or c["x0"] - prev["x1"] > SPACE_GAP * size:
                parts.append(" ")
        parts.append(t)
        prev = c
        pending = False
    return "".join(parts)


def _to_textline(chars: Sequence[dict[str, Any]]) -> TextLine:
    ink = [c for c in chars if c["text"].strip()] or list(chars)
    return TextLine(
        text=line_text(chars),
        top=min(c["top"] for c in ink),
        bottom=max(c["bottom"] for c in ink),
        x0=ink[0]["x0"],
        x1=max(c["x1"] for c in ink),
        chars=chars,
    )


# --------------------------------------------------------------------------------------------
# PDF: pages and tables


@dataclass
class _RawTable:
    page: int
    bbox: tuple[float, float, float, float]
    rows: list[list[str | None]]  # cell text, lines joined by "\n"; None = covered by a merged cell
    col_x: list[tuple[float, float]]  # x-range of each grid column
    caption: list[str] = field(default_factory=list)  # text lines just above, top to bottom
    at_top: bool = False  # nothing but running headers above it on its page
    at_bottom: bool = False  # nothing but footers below it
    row_pages: list[int] = field(default_factory=list)
    last_page: int = 0  # the page its last row is on, once merged
    continues: "_RawTable | None" = None  # the table it continues, when it could not be merged into it


@dataclass
class _RawPage:
    number: int
    lines: list[TextLine]
    tables: list[_RawTable]
    in_table: list[bool]  # per line: lies inside a table
    cid: int = 0
    has_chars: bool = True


def _pdf_to_pages(path: Path, on_progress: Callable[[int, int], None]) -> tuple[list[Page], list[str]]:
    try:
        import pdfplumber
    except ImportError as e:  # pragma: no cover - pdfplumber is a dependency
        raise InputError(f"{path}: reading PDFs needs pdfplumber (pip install pdfplumber).") from e
    raw_pages: list[_RawPage] = []
    started = time.perf_counter()
    try:
        pdf = pdfplumber.open(path)
        pdf_pages = pdf.pages
    except Exception as e:  # pdfminer raises many unrelated types (PDFSyntaxError, PSEOF, KeyError…)
        raise InputError(
            f"{path}: cannot parse the PDF ({type(e).__name__}: {e}). Check that the file is a complete, unencrypted PDF."
        ) from e
    with pdf:
        total = len(pdf_pages)
        for i, page in enumerate(pdf_pages, start=1):
            try:
                raw_pages.append(_read_pdf_page(page, i))
            except Exception as e:
                raise InputError(
                    f"{path}: cannot parse the PDF on page {i} ({type(e).__name__}: {e}). "
                    "Check that the file is complete; re-export or repair it (e.g. qpdf) and retry."
                ) from e
            finally:
                page.close()
            on_progress(i, total)
    elapsed = time.perf_counter() - started
    logger.debug("%s: %d pages in %.2f s (%.1f pages/s)", path.name, total, elapsed, total / max(elapsed, 1e-9))
    if not raw_pages:
        raise InputError(f"{path}: the PDF has no pages.")
    warnings: list[str] = []
    cid_pages = [rp.number for rp in raw_pages if rp.cid]
    if cid_pages:
        warnings.append(
            f"{path.name}: stripped unmapped (cid:…) glyphs on page(s) {_ranges(cid_pages)}; text there may be incomplete"
        )
    for rp in raw_pages:
        if not rp.has_chars:
            warnings.append(f"{path.name}: page {rp.number} has no text layer (scanned?)")
    if all(not rp.has_chars for rp in raw_pages):
        raise InputError(f"{path}: no page has a text layer (a scanned PDF?). OCR it first (e.g. ocrmypdf) and retry.")
    drop = _running_lines(raw_pages)
    kept_lines: dict[int, list[TextLine]] = {}
    dangling: list[str] = []
    for rp in raw_pages:
        gone = drop.get(rp.number, set())
        kept = [(ln, inside) for k, (ln, inside) in enumerate(zip(rp.lines, rp.in_table)) if k not in gone]
        kept_lines[rp.number] = [ln for ln, _ in kept]
        dangling = _place_tables(rp, kept, dangling)
    tables = _merge_continued([part for rp in raw_pages for t in rp.tables for part in _split_at_captions(t)])
    by_page: dict[int, list[Table]] = defaultdict(list)
    for rt in tables:
        t = _raw_to_table(rt)
        if t is not None:
            by_page[t.page or rt.page].append(t)
    pages = [
        Page(number=rp.number, text="\n".join(ln.text for ln in kept_lines[rp.number]), tables=tuple(by_page[rp.number]))
        for rp in raw_pages
    ]
    for w in warnings:
        logger.info(w)
    return pages, warnings


def _ranges(nums: Sequence[int]) -> str:
    """[3, 4, 5, 9] -> "3-5, 9"."""
    out: list[str] = []
    for n in nums:
        if out and "-" not in out[-1].split(", ")[-1] and int(out[-1]) == n - 1:
            out[-1] = f"{out[-1]}-{n}"
        elif out and "-" in out[-1] and int(out[-1].split("-")[1]) == n - 1:
            out[-1] = f"{out[-1].split('-')[0]}-{n}"
        else:
            out.append(str(n))
    return ", ".join(out)


def _read_pdf_page(page: Any, number: int) -> _RawPage:
    chars = []
    cid = 0
    for c in page.chars:
        t = c["text"]
        if "(cid:" in t:
            t = _CID_RE.sub("", t)
            cid += 1
            if not t:
                continue
            c = dict(c, text=t)
        chars.append(c)
    has_text = any(c["text"].strip() for c in chars)
    lines = [ln for ln in (_to_textline(cs) for cs in chars_to_lines(chars)) if ln.text]
    found = page.find_tables() if (page.rects or page.lines or page.curves) else []
    tables = []
    for ft in found:
        rows, col_x = _cells_from_chars(ft, chars)
        tables.append(_RawTable(page=number, bbox=tuple(ft.bbox), rows=rows, col_x=col_x))
    if tables:
        _adopt_rows_above(min(tables, key=lambda t: t.bbox[1]), lines)
    in_table = []
    for ln in lines:
        cy = (ln.top + ln.bottom) / 2
        in_table.append(any(t.bbox[1] <= cy <= t.bbox[3] and ln.x0 < t.bbox[2] and ln.x1 > t.bbox[0] for t in tables))
    return _RawPage(number=number, lines=lines, tables=tables, in_table=in_table, cid=cid, has_chars=has_text)


def _looks_like_row(text: str) -> bool:
    tokens = text.split()
    if not tokens:
        return False
    if _CODE_RE.match(tokens[0]) and len(tokens) > 1 and _CJK_RE.match(tokens[1]):
        return True
    return any(AMOUNT_RE.match(t) for t in tokens) and not UNIT_RE.search(text)


def _adopt_rows_above(t: _RawTable, lines: Sequence[TextLine]) -> None:
    """Take table rows printed just above a table's ruled grid into it.

    A table continued from the previous page often lacks the top rule of its first row, so
    pdfplumber's grid starts one row late. Lines right above the grid (no wider gap than a line's
    height, inside its width) that look like rows (科目编码 + name, or figures) become its first
    rows, split into the grid's columns by x-position.
    """
    x0, top, x1, _ = t.bbox
    above = [ln for ln in lines if ln.bottom <= top + 2]
    adopted: list[TextLine] = []
    edge = top
    for ln in reversed(above):
        height = ln.bottom - ln.top
        if edge - ln.bottom > max(height, 4) or ln.x0 < x0 - 2 or ln.x1 > x1 + 2 or not _looks_like_row(ln.text):
            break
        adopted.insert(0, ln)
        edge = ln.top
    if not adopted or not t.col_x:
        return
    new_rows: list[list[str | None]] = []
    for ln in adopted:
        cols: dict[int, list[dict[str, Any]]] = defaultdict(list)
        for c in ln.chars:
            cx = (c["x0"] + c["x1"]) / 2
            j = min(range(len(t.col_x)), key=lambda k: 0 if t.col_x[k][0] <= cx <= t.col_x[k][1] else min(abs(cx - t.col_x[k][0]), abs(cx - t.col_x[k][1])))
            cols[j].append(c)
        new_rows.append([line_text(cols[j]).strip() if j in cols else "" for j in range(len(t.col_x))])
    t.rows = new_rows + t.rows
    t.bbox = (x0, adopted[0].top, x1, t.bbox[3])


def _cells_from_chars(ft: Any, chars: Sequence[dict[str, Any]]) -> tuple[list[list[str | None]], list[tuple[float, float]]]:
    """Fill a pdfplumber table's cell grid with our own lines (so cell text matches page text).

    Returns the rows (None where a merged cell covers the slot) and each grid column's x-range.
    """
    grid = [list(r.cells) for r in ft.rows]
    ncols = max((len(r) for r in grid), default=0)
    xs = sorted({round(v, 1) for r in grid for b in r if b for v in (b[0], b[2])})
    ys = sorted({round(v, 1) for r in grid for b in r if b for v in (b[1], b[3])})
    xi = {v: k for k, v in enumerate(xs)}
    yi = {v: k for k, v in enumerate(ys)}
    owner: dict[tuple[int, int], tuple[int, int]] = {}
    for i, r in enumerate(grid):
        for j, b in enumerate(r):
            if not b:
                continue
            for gy in range(yi[round(b[1], 1)], yi[round(b[3], 1)]):
                for gx in range(xi[round(b[0], 1)], xi[round(b[2], 1)]):
                    owner[(gy, gx)] = (i, j)
    buckets: dict[tuple[int, int], list[dict[str, Any]]] = defaultdict(list)
    x0, top, x1, bottom = ft.bbox
    for c in chars:
        cx, cy = (c["x0"] + c["x1"]) / 2, (c["top"] + c["bottom"]) / 2
        if not (x0 <= cx <= x1 and top <= cy <= bottom):
            continue
        cell = owner.get((bisect.bisect_right(ys, cy) - 1, bisect.bisect_right(xs, cx) - 1))
        if cell is not None:
            buckets[cell].append(c)
    rows: list[list[str | None]] = []
    for i, r in enumerate(grid):
        row: list[str | None] = []
        for j in range(ncols):
            b = r[j] if j < len(r) else None
            if b is None:
                row.append(None)
            else:
                cs = buckets.get((i, j))
                row.append("\n".join(line_text(ln) for ln in chars_to_lines(cs)) if cs else "")
        rows.append(row)
    col_x = []
    for j in range(ncols):
        bs = [r[j] for r in grid if j < len(r) and r[j]]
        col_x.append((min(b[0] for b in bs), min(b[2] for b in bs)) if bs else (0.0, 0.0))
    return rows, col_x


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
            sq = _squash(t)
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
                sq = _squash(t)
                if sq in running or _is_decorated_page_number(t) or _is_bare_page_number(rp.number, sq, offsets, n):
                    drop[rp.number].add(i)
                else:
                    break
    return drop


def _is_decorated_page_number(t: str) -> bool:
    if _INT_RE.match(_squash(t)):
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
        t.at_top = k == 0 and not above and not dangling
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


def _split_at_captions(t: _RawTable) -> list[_RawTable]:
    """Split a grid that holds the end of one table and the start of the next: a row inside it
    that prints a title (…表 / 公开NN表) starts a new table."""
    for i in range(1, len(t.rows)):
        lead, consumed = _caption_in_row(t.rows[i])
        if consumed and any(_is_title_line(s) or LABEL_RE.search(_squash(s)) for s in lead):
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
    return tuple(_squash(c or "") for c in row)


def _continues(prev: _RawTable, t: _RawTable) -> bool:
    """t starts the next page right where prev ended its page, with no caption of its own, and the
    two tables start at the same x (within 3 pt); `_map_columns` then lines up their columns."""
    if t.page != (prev.last_page or prev.page) + 1 or not prev.at_bottom or not t.at_top:
        return False
    if not prev.rows or not t.rows:
        return False
    lead, _ = _leading_caption(t.rows)
    if any(_is_title_line(s) or LABEL_RE.search(_squash(s)) for s in lead):
        return False  # its own title is printed inside its first cells
    return abs(prev.bbox[0] - t.bbox[0]) <= 3


def _map_columns(prev: _RawTable, t: _RawTable) -> dict[int, int] | None:
    """Map each of t's used columns to the column of prev it overlaps most (None when one overlaps none)."""
    used = [j for j in range(len(t.col_x)) if any(r[j] for r in t.rows if j < len(r))]
    mapping: dict[int, int] = {}
    for j in used:
        a0, a1 = t.col_x[j]
        best, best_ov = None, 0.0
        for k, (b0, b1) in enumerate(prev.col_x):
            ov = min(a1, b1) - max(a0, b0)
            if ov > best_ov:
                best, best_ov = k, ov
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
    return Table(
        title=title,
        rows=tuple(tuple(r) for r in rows),
        header_rows=header_rows,
        unit=unit,
        page=pages[0] if pages else rt.page,
        row_pages=tuple(pages),
    )


def _leading_caption(rows: Sequence[Sequence[str | None]]) -> tuple[list[str], int]:
    """Caption lines printed in a table's first rows, and how many rows they take."""
    lines: list[str] = []
    k = 0
    while k < len(rows):
        lead, consumed = _caption_in_row(rows[k])
        if not consumed:
            break
        lines += lead
        k += 1
    return lines, k


def _caption_in_row(row: Sequence[str | None]) -> tuple[list[str], bool]:
    """Caption lines printed inside a table's first row (title, 公开NN表, 部门：…, 单位：万元).

    Returns (lines, True) when the row is a caption row to drop: every cell is caption-like, or the
    row is 部门/单位 cells plus a few short names, or a single cell that starts with a title (the
    whole title block of a rotated page can land in one cell). Empty rows are dropped as well.
    """
    cells = [c.strip() for c in row if c and c.strip()]
    if not cells:
        return [], True
    lines = [ln.strip() for c in cells for ln in c.split("\n") if ln.strip()]
    if len(cells) == 1 and len(lines) > 1 and not _is_caption_line(lines[0]) and _is_caption_line(collapse_cell(cells[0])):
        lines = [collapse_cell(cells[0])]  # a title wrapped inside its cell
    if len(cells) == 1 and len(lines) > 1 and _is_caption_line(lines[0]):
        lead = []
        for ln in lines:
            if not _is_caption_line(ln):
                break
            lead.append(ln)
        return lead, True
    if any(AMOUNT_RE.match(_squash(c)) for c in cells) or len(cells) > 4:
        return [], False
    if all(_is_caption_line(ln) for ln in lines):
        return lines, True
    if any(DEPT_RE.match(ln) or UNIT_RE.search(ln) for ln in lines) and all(len(_squash(ln)) <= 40 for ln in lines):
        return [" ".join(lines)], True
    return [], False


def _is_caption_line(s: str) -> bool:
    """A title (…表), a label (公开05表), a 部门：… line or a 单位：万元 line."""
    sq = _squash(s)
    if not sq:
        return False
    return bool(
        LABEL_RE.fullmatch(sq)
        or DEPT_RE.match(s)
        or (UNIT_RE.search(s) and len(sq) <= 40)
        or (_is_title_line(s) and not re.search(r"\d{3,}\.\d", s))
    )


def caption_to_title(lines: Sequence[str]) -> tuple[str, str | None]:
    """Title and unit of a table from the lines printed just above it (top to bottom).

    The title is the nearest line naming a table (…表), normalised, plus the 公开NN表 label when
    one is printed; the unit is the nearest 单位：万元 / 元. ("", None) when nothing fits.
    """
    title, label, unit = "", "", None
    for s in reversed(list(lines)[-6:]):
        st = s.strip()
        if not st:
            continue
        sq = _squash(st)
        m = UNIT_RE.search(st)
        if m and unit is None:
            unit = m.group(1)
        lm = LABEL_RE.search(sq)
        if lm and not label:
            label = lm.group(1)
        if DEPT_RE.match(st) or (m and len(sq) <= 40 and "表" not in st) or LABEL_RE.fullmatch(sq):
            continue
        if not title and _is_title_line(st):
            title = normalize_title(st)
            if label:
                break
            continue
        if title or "。" in st or len(st) > 60:
            break
    if label:
        label = _squash(label)
        if label not in _squash(title):
            title = f"{title} {label}".strip()
    return title, unit
