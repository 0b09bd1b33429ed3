"""PDF characters -> lines, grouped by vertical overlap (digits in another font sit lower than their sentence)."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterable, Sequence

#: a character joins a line when its vertical overlap with the line's band is at least this
#: fraction of the smaller of the two heights (scale-free: works for 9 pt tables and 18 pt titles)
LINE_OVERLAP = 0.5
#: a horizontal gap wider than this fraction of the font size becomes a space
SPACE_GAP = 0.3






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
