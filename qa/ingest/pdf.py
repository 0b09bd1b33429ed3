"""PDF pages: text and tables of each page read with pdfplumber, in reading order."""
from __future__ import annotations

import bisect
import io
import logging
import re
import time
from collections import defaultdict
from pathlib import Path
from typing import Any, Callable, Sequence

from ..errors import InputError
from ..models import Page, Table
from ..text.chars import CJK_RE
from .cells import _CODE_RE, AMOUNT_RE, UNIT_RE
from .pdf_lines import (
    TextLine,
    _RawPage,
    _RawTable,
    _to_textline,
    chars_to_lines,
    line_text,
)
from .pdf_tables import (
    _merge_continued,
    _place_tables,
    _raw_to_table,
    _running_lines,
    _split_at_captions,
)

logger = logging.getLogger(__name__)

_CID_RE = re.compile(r"\(cid:\d+\)")


def _decrypted(path: Path) -> io.BytesIO | None:
    """The PDF without its encryption, when it is encrypted but opens without a password (an owner password
    only: it limits printing or copying). pdfminer decrypts such a file's streams in pure Python (RC4) every
    time it reads them; PDFium removes the security once, in C, and pdfplumber reads the plain copy.
    None when the file is not encrypted or PDFium cannot open it (pdfplumber then says what is wrong)."""
    try:
        import pypdfium2 as pdfium
        import pypdfium2.raw as pdfium_c
    except ImportError:  # pragma: no cover - pypdfium2 is a dependency
        return None
    try:
        doc = pdfium.PdfDocument(str(path))
    except Exception:  # a user password, or a file PDFium cannot read: pdfplumber's error says which
        return None
    try:
        if pdfium_c.FPDF_GetSecurityHandlerRevision(doc.raw) == -1:
            return None
        plain = io.BytesIO()
        doc.save(plain, flags=pdfium_c.FPDF_REMOVE_SECURITY)
    except Exception as e:  # keep reading the encrypted file, the slow way
        logger.debug("%s: PDFium could not remove the encryption (%s)", path.name, e)
        return None
    finally:
        doc.close()
    plain.seek(0)
    logger.debug("%s: owner-password PDF decrypted with PDFium before parsing", path.name)
    return plain


def _pdf_to_pages(path: Path, on_progress: Callable[[int, int], None]) -> tuple[list[Page], list[str]]:
    try:
        import pdfplumber
    except ImportError as e:  # pragma: no cover - pdfplumber is a dependency
        raise InputError(f"{path}: reading PDFs needs pdfplumber (pip install pdfplumber).") from e
    raw_pages: list[_RawPage] = []
    started = time.perf_counter()
    try:
        pdf = pdfplumber.open(_decrypted(path) or path)
        pdf_pages = pdf.pages
    except Exception as e:  # pdfminer raises many unrelated types (PDFSyntaxError, PSEOF, KeyError…)
        if _password_protected(e):
            raise InputError(
                f"{path}: the PDF is password-protected. Open it with its password and save an unprotected copy "
                "(e.g. qpdf --password=… --decrypt in.pdf out.pdf), then index that."
            ) from e
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
            f"stripped unmapped (cid:…) glyphs on page(s) {_ranges(cid_pages)}; text there may be incomplete"
        )
    for rp in raw_pages:
        if not rp.has_chars:
            warnings.append(f"page {rp.number} has no text layer (scanned?)")
    if all(not rp.has_chars for rp in raw_pages):
        if cid_pages:  # glyphs are there, but the fonts map them to no characters: not a scan
            raise InputError(
                f"{path}: the PDF's text cannot be decoded (its fonts map glyphs to no characters, shown as (cid:…)). "
                "Re-export it with Unicode fonts, or OCR the pages (e.g. ocrmypdf --force-ocr) and retry.")
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
    for w in warnings:  # a document's warnings leave out its file name; whoever lists several adds it once
        logger.info("%s: %s", path.name, w)
    return pages, warnings


def _password_protected(e: BaseException) -> bool:
    """pdfminer's password errors arrive wrapped (PdfminerException: ) and with empty messages."""
    seen: BaseException | None = e
    while seen is not None:
        if "Password" in type(seen).__name__ or any("Password" in type(a).__name__ for a in seen.args
                                                     if isinstance(a, BaseException)):
            return True
        seen = seen.__cause__ or seen.__context__
    return False


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
    if _CODE_RE.match(tokens[0]) and len(tokens) > 1 and CJK_RE.match(tokens[1]):
        return True
    return any(AMOUNT_RE.match(t) for t in tokens) and not UNIT_RE.search(text)


def _cell_fragment(text: str) -> bool:
    """A short line of words only: part of a table cell's text wrapped over lines, not a caption."""
    sq = "".join(text.split())
    return 0 < len(sq) <= 12 and CJK_RE.match(sq) is not None and not UNIT_RE.search(text) \
        and not any(ch.isdigit() for ch in sq) and not re.search(r"表|单位|部分|情况|说明", sq)


def _adopt_rows_above(t: _RawTable, lines: Sequence[TextLine]) -> None:
    """Take table rows printed just above a table's ruled grid into it.

    A table continued from the previous page often lacks the top rule of its first row, so
    pdfplumber's grid starts one row late. Lines right above the grid (no wider gap than a line's
    height, inside its width) that look like rows (科目编码 + name, or figures) become its first
    rows, split into the grid's columns by x-position.
    """
    x0, top, x1, _ = t.bbox
    above = [ln for ln in lines if ln.bottom <= top + 2]
    block: list[TextLine] = []
    edge = top
    for ln in reversed(above):
        height = ln.bottom - ln.top
        # a wrapped cell's other lines (`计算机设备维修和保` / `养服务` around `分散自行组织 2.00`) go with the row
        if (edge - ln.bottom > max(height, 4) or ln.x0 < x0 - 2 or ln.x1 > x1 + 2
                or not (_looks_like_row(ln.text) or _cell_fragment(ln.text))):
            break
        block.insert(0, ln)
        edge = ln.top
    # the block starts at a row's first line: a line of figures, or the fragment just above one
    while block and not _looks_like_row(block[0].text) and not (len(block) > 1 and _looks_like_row(block[1].text)):
        block.pop(0)
    if not any(_looks_like_row(ln.text) for ln in block) or not t.col_x:
        return
    # one table row per line of figures; a fragment joins the nearest one (it is that row's wrapped cell)
    anchors = [k for k, ln in enumerate(block) if _looks_like_row(ln.text)]
    groups: dict[int, list[TextLine]] = defaultdict(list)
    for k, ln in enumerate(block):
        groups[min(anchors, key=lambda a: (abs(a - k), a))].append(ln)
    new_rows: list[list[str | None]] = []
    for a in anchors:
        cols: dict[int, list[list[dict[str, Any]]]] = defaultdict(list)
        for ln in groups[a]:
            by_col: dict[int, list[dict[str, Any]]] = defaultdict(list)
            for c in ln.chars:
                cx = (c["x0"] + c["x1"]) / 2
                j = min(range(len(t.col_x)), key=lambda k: 0 if t.col_x[k][0] <= cx <= t.col_x[k][1] else min(abs(cx - t.col_x[k][0]), abs(cx - t.col_x[k][1])))
                by_col[j].append(c)
            for j, cs in by_col.items():
                cols[j].append(cs)
        new_rows.append(["".join(line_text(cs).strip() for cs in cols[j]) if j in cols else "" for j in range(len(t.col_x))])
    t.rows = new_rows + t.rows
    t.bbox = (x0, block[0].top, x1, t.bbox[3])


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
