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
the whole file, or one page per form-feed (`\f`) part with `first_line` set, so that line i of a
page's text is line `first_line + i - 1` of the file. Tables printed as text lines (公开NN表 /
部门… 单位：万元 / header lines / rows) are found by `find_text_tables`, with `row_lines`.
"""
from __future__ import annotations

import logging
from pathlib import Path
from typing import Callable, Iterable

from ..errors import InputError
from ..models import Page
from .pdf import _pdf_to_pages
from .text import text_to_pages

logger = logging.getLogger(__name__)

SUPPORTED_SUFFIXES = (".pdf", ".txt")
TEXT_SUFFIXES = (".txt", ".text", ".md")
TEXT_ENCODINGS = ("utf-8", "gb18030")







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
    if _mostly_control(text):  # NUL-filled or binary bytes that happen to decode: not a report
        raise InputError(f"{p} holds binary data, not text (NUL or control bytes). "
                         "Give the report as a PDF or as text extracted from it.")
    if not text.strip():
        raise InputError(f"{p} holds no text. Give a report with its text layer, or extract it first.")
    logger.debug("%s: decoded as %s", p.name, encoding)
    pages = text_to_pages(text)
    warnings = [f"page {pg.number} is empty" for pg in pages if pg.number and not pg.text.strip()]
    return pages, warnings


def _mostly_control(text: str) -> bool:
    """More than a tenth of the characters are control characters other than line breaks and tabs."""
    sample = text[:65536]
    if not sample:
        return False
    control = sum(1 for ch in sample if ch < " " and ch not in "\n\t\f\v")
    return control * 10 > len(sample)


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
