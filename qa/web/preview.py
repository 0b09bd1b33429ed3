"""The cited page: a PDF page drawn by pypdfium2 with the quote's characters highlighted (their boxes come
from pdfplumber, found on that page at render time, whitespace-insensitively), or a text report's lines
around the citation with the cited ones marked."""
from __future__ import annotations

import html
import logging
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Sequence

logger = logging.getLogger(__name__)

#: rendered page width in pixels (A4 portrait at about 170 dpi: a table's figures stay legible when zoomed)
PAGE_WIDTH_PX = 1400
#: the close-up of the quote keeps this many pixels of the page above and below it
FOCUS_MARGIN_PX = 90
HIGHLIGHT_FILL = (255, 214, 0, 110)
HIGHLIGHT_EDGE = (220, 38, 38, 255)
#: text lines shown above and below a cited range
CONTEXT_LINES = 6
#: a piece of the quote shorter than this is not looked for on its own (it would match anywhere)
MIN_PIECE = 2


@dataclass(frozen=True)
class PagePreview:
    image: Any  # PIL.Image
    page: int
    boxes: tuple[tuple[float, float, float, float], ...]  # highlighted areas in image pixels

    @property
    def found(self) -> bool:
        return bool(self.boxes)

    def focus(self, margin: int = FOCUS_MARGIN_PX):
        """The part of the page around the highlighted quote, so it reads at the preview's width (None when
        nothing was found)."""
        if not self.boxes:
            return None
        left = max(0, int(min(b[0] for b in self.boxes)) - 2 * margin)
        right = min(self.image.width, int(max(b[2] for b in self.boxes)) + 2 * margin)
        top = max(0, int(min(b[1] for b in self.boxes)) - margin)
        bottom = min(self.image.height, int(max(b[3] for b in self.boxes)) + margin)
        return self.image.crop((left, top, right, bottom))


def _norm(ch: str) -> str:
    folded = unicodedata.normalize("NFKC", ch)
    return folded if len(folded) == 1 else ch


def _reading_order(chars: Sequence[dict]) -> list[dict]:
    """Characters line by line (tops within 3 pt are one line), left to right: the order quotes are in."""
    lines: list[list[dict]] = []
    for c in sorted(chars, key=lambda c: (c["top"], c["x0"])):
        if lines and abs(lines[-1][0]["top"] - c["top"]) <= 3:
            lines[-1].append(c)
        else:
            lines.append([c])
    return [c for line in lines for c in sorted(line, key=lambda c: c["x0"])]


def find_quote(chars: Sequence[dict], quote: str) -> list[dict]:
    """The page characters that spell `quote`, ignoring whitespace; when the whole quote is not there in one
    run (a wrapped table cell, a heading printed apart), each whitespace-separated piece found in order."""
    ordered = [c for c in _reading_order(chars) if c["text"].strip()]
    page_text = "".join(_norm(c["text"]) for c in ordered)
    wanted = "".join(_norm(ch) for ch in quote if not ch.isspace())
    if not wanted:
        return []
    at = page_text.find(wanted)
    if at >= 0:
        return ordered[at : at + len(wanted)]
    out: list[dict] = []
    pos = 0
    for piece in quote.split():
        piece = "".join(_norm(ch) for ch in piece)
        if len(piece) < MIN_PIECE:
            continue
        at = page_text.find(piece, pos)
        if at >= 0:
            out += ordered[at : at + len(piece)]
            pos = at + len(piece)
    return out


def _line_boxes(chars: Sequence[dict]) -> list[tuple[float, float, float, float]]:
    """One box per printed line of the matched characters (x0, top, x1, bottom in PDF points)."""
    boxes: list[list[float]] = []
    for c in chars:
        if boxes and abs(boxes[-1][1] - c["top"]) <= 3 and c["x0"] >= boxes[-1][0] - 1:
            b = boxes[-1]
            b[0], b[1], b[2], b[3] = min(b[0], c["x0"]), min(b[1], c["top"]), max(b[2], c["x1"]), max(b[3], c["bottom"])
        else:
            boxes.append([c["x0"], c["top"], c["x1"], c["bottom"]])
    return [tuple(b) for b in boxes]  # type: ignore[misc]


def render_pdf_page(path: str | Path, page: int, quote: str = "", width: int = PAGE_WIDTH_PX) -> PagePreview:
    """Page `page` (1-based) of the PDF as an image `width` pixels wide, the quote highlighted."""
    import pdfplumber
    import pypdfium2 as pdfium
    from PIL import Image, ImageDraw

    from ..errors import InputError

    with pdfplumber.open(path) as pdf:
        if not 1 <= page <= len(pdf.pages):
            raise InputError(f"{Path(path).name} 没有第 {page} 页（共 {len(pdf.pages)} 页）。")
        p = pdf.pages[page - 1]
        x_off, y_off = p.bbox[0], p.bbox[1]
        matched = find_quote(p.chars, quote) if quote else []
        boxes_pt = _line_boxes(matched)
        page_width = float(p.width)
    doc = pdfium.PdfDocument(str(path))
    try:
        scale = width / page_width
        image = doc[page - 1].render(scale=scale).to_pil().convert("RGBA")
    finally:
        doc.close()
    overlay = Image.new("RGBA", image.size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(overlay)
    boxes = []
    for x0, top, x1, bottom in boxes_pt:
        box = ((x0 - x_off) * scale - 2, (top - y_off) * scale - 2, (x1 - x_off) * scale + 2, (bottom - y_off) * scale + 2)
        draw.rectangle(box, fill=HIGHLIGHT_FILL, outline=HIGHLIGHT_EDGE, width=2)
        boxes.append(box)
    if quote and not boxes:
        logger.info("quote not found on %s page %d", Path(path).name, page)
    return PagePreview(Image.alpha_composite(image, overlay).convert("RGB"), page, tuple(boxes))


def text_excerpt_html(text: str, lines: tuple[int, int] | None, quote: str = "", context: int = CONTEXT_LINES) -> str:
    """The report's lines around `lines` (1-based, inclusive) with line numbers, the cited ones marked.
    Without a line range, the line that holds the quote's start is used."""
    all_lines = text.split("\n")
    if lines is None and quote:
        head = re.sub(r"\s+", "", quote)[:12]
        for i, line in enumerate(all_lines, 1):
            if head and head in re.sub(r"\s+", "", line):
                lines = (i, i)
                break
    if lines is None:
        return "<p>无法定位引文所在行。</p>"
    first, last = lines
    start, stop = max(1, first - context), min(len(all_lines), last + context)
    rows = []
    for i in range(start, stop + 1):
        line = html.escape(all_lines[i - 1]) or "&nbsp;"
        cited = first <= i <= last
        body = f"<mark>{line}</mark>" if cited else line
        rows.append(f'<div class="qa-line{" qa-cited" if cited else ""}"><span class="qa-ln">{i}</span>{body}</div>')
    return '<div class="qa-text-preview">' + "".join(rows) + "</div>"
