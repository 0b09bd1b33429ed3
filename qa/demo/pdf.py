"""A sample report -> PDF, with reportlab and its built-in CJK font (no font files)."""
from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any, BinaryIO, Callable

from .records import (
    FICTION_NOTICE,
    Heading,
    Paragraph,
    PdfInfo,
    SampleReport,
    SampleTable,
)

YEAR_MIN, YEAR_MAX = 2019, 2026
FONT_NAME = "STSong-Light"



# ---------------------------------------------------------------------------------------------------------
# PDF output (reportlab, imported lazily)
# ---------------------------------------------------------------------------------------------------------

_PDF: dict[str, Any] = {}
_NUMERIC = re.compile(r"-?[\d,]+(\.\d+)?")

#: characters that may not start a line (they hang at the end of the previous one) and may not end one
_NO_LINE_START = frozenset("，。、；：？！）」』】》”’%‰,.;:!?)")
_NO_LINE_END = frozenset("（「『【《“‘(")


def _tokens(text: str) -> list[str]:
    """Line-breaking units: runs of ASCII letters/digits/number punctuation stay whole, anything else is a unit."""
    out: list[str] = []
    run = ""
    for ch in text:
        if ch.isascii() and (ch.isalnum() or ch in ".,%+-/_"):
            run += ch
            continue
        if run:
            out.append(run)
            run = ""
        out.append(ch)
    if run:
        out.append(run)
    return out


def wrap_cjk(text: str, width: float, size: float, first_indent: float = 0.0,
             measure: Callable[[str, str, float], float] | None = None) -> list[str]:
    """Greedy line breaking for Chinese text: numbers are never cut, closing punctuation never starts a line
    (it hangs at the end of the previous one) and opening punctuation never ends one."""
    if measure is None:
        measure = _pdf_kit()["stringWidth"]  # registers the font
    cache: dict[str, float] = {}
    lines: list[str] = []
    line: list[str] = []
    used = first_indent
    for tok in _tokens(text):
        w = cache.get(tok)
        if w is None:
            w = cache[tok] = measure(tok, FONT_NAME, size)
        if line and used + w > width and tok not in _NO_LINE_START:
            carry: list[str] = []
            while len(line) > 1 and line[-1] in _NO_LINE_END:
                carry.insert(0, line.pop())
            lines.append("".join(line).rstrip())
            line, used = [], 0.0
            for c in carry:
                line.append(c)
                used += cache[c]
        if not line and tok == " ":
            continue
        line.append(tok)
        used += w
    if line:
        lines.append("".join(line).rstrip())
    return lines


def _pdf_kit() -> dict[str, Any]:
    """reportlab objects, built once per process: font registration, styles, flowable classes."""
    if _PDF:
        return _PDF
    from reportlab.lib import colors
    from reportlab.lib.enums import TA_CENTER
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import cm
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import (
        Flowable,
        PageBreak,
        SimpleDocTemplate,
        Spacer,
        TableStyle,
    )
    from reportlab.platypus import Paragraph as RLParagraph
    from reportlab.platypus import Table as RLTable

    try:
        pdfmetrics.getFont(FONT_NAME)
    except KeyError:
        pdfmetrics.registerFont(UnicodeCIDFont(FONT_NAME))
    string_width = pdfmetrics.stringWidth

    class TextBlock(Flowable):  # type: ignore[misc]
        """Wrapped text in STSong-Light that splits across pages line by line (see `wrap_cjk`)."""

        def __init__(self, text: str, size: float, leading: float, *, indent: float = 0.0, align: str = "left",
                     before: float = 0.0, after: float = 0.0, lines: list[str] | None = None,
                     first: bool = True) -> None:
            super().__init__()
            self.text, self.size, self.leading, self.indent, self.align = text, size, leading, indent, align
            self.before, self.after, self.lines, self.first = before, after, lines, first

        def wrap(self, aw: float, ah: float) -> tuple[float, float]:
            if self.lines is None:
                self.lines = wrap_cjk(self.text, aw, self.size, self.indent if self.first else 0.0, string_width)
            self.width, self.height = aw, len(self.lines) * self.leading
            return aw, self.height

        def split(self, aw: float, ah: float) -> list[Any]:
            self.wrap(aw, ah)
            assert self.lines is not None
            n = int((ah + 1e-6) // self.leading)
            if n <= 0 or n >= len(self.lines):
                return [] if n <= 0 else [self]
            kw = dict(indent=self.indent, align=self.align)
            return [TextBlock(self.text, self.size, self.leading, before=self.before, lines=self.lines[:n],
                              first=self.first, **kw),
                    TextBlock(self.text, self.size, self.leading, after=self.after, lines=self.lines[n:],
                              first=False, **kw)]

        def getSpaceBefore(self) -> float:
            return self.before

        def getSpaceAfter(self) -> float:
            return self.after

        def draw(self) -> None:
            c = self.canv
            c.setFont(FONT_NAME, self.size)
            y = self.height - (self.leading + self.size * 0.7) / 2
            for i, line in enumerate(self.lines or ()):
                if self.align == "center":
                    c.drawCentredString(self.width / 2, y, line)
                elif self.align == "right":
                    c.drawRightString(self.width, y, line)
                else:
                    c.drawString(self.indent if (i == 0 and self.first) else 0.0, y, line)
                y -= self.leading

    class TwoSides(Flowable):  # type: ignore[misc]
        """部门：… on the left and 单位：万元 on the right of one line, no table lines."""

        def __init__(self, left: str, right: str, size: float = 9) -> None:
            super().__init__()
            self.left, self.right, self.size = left, right, size

        def wrap(self, aw: float, ah: float) -> tuple[float, float]:
            self.width = aw
            return aw, self.size * 1.6

        def draw(self) -> None:
            c = self.canv
            c.setFont(FONT_NAME, self.size)
            c.drawString(0, self.size * 0.4, self.left)
            c.drawRightString(self.width, self.size * 0.4, self.right)

    class Doc(SimpleDocTemplate):  # type: ignore[misc]
        """Records the pages each table lands on (split parts included)."""

        def __init__(self, *a: Any, **kw: Any) -> None:
            super().__init__(*a, **kw)
            self.table_pages: dict[str, list[int]] = {}
            self._code: str | None = None

        def afterFlowable(self, flowable: Any) -> None:
            code = getattr(flowable, "_qa_table_code", None)
            if code is not None:
                self._code = code or None
            elif isinstance(flowable, RLTable) and self._code:
                pages = self.table_pages.setdefault(self._code, [])
                if self.page not in pages:
                    pages.append(self.page)

    def text(size: float, leading: float, **kw: Any) -> Callable[[str], Any]:
        return lambda s: TextBlock(s, size, leading, **kw)

    def cell_style(name: str, size: float, **kw: Any) -> ParagraphStyle:
        return ParagraphStyle(name, fontName=FONT_NAME, fontSize=size, leading=size * 1.25, wordWrap="CJK", **kw)

    _PDF.update(
        colors=colors, A4=A4, cm=cm, stringWidth=string_width, PageBreak=PageBreak, Spacer=Spacer,
        P=RLParagraph, RLTable=RLTable, TableStyle=TableStyle, TwoSides=TwoSides, Doc=Doc,
        cover=text(24, 36, align="center"), cover_year=text(20, 30, align="center"),
        notice=text(10, 15, align="center"),
        h1=text(16, 24, align="center", before=6, after=10), h2=text(13, 20, before=8, after=4),
        h3=text(12, 19, before=4, after=2), body=text(11, 19, indent=22, after=2),
        table_title=text(14, 20, align="center", after=2), code=text(9, 12, align="right"),
        note=text(8, 12, before=4),
        cell=cell_style("cell", 8), head=cell_style("head", 8, alignment=TA_CENTER),
    )
    return _PDF


def _pdf_table(t: SampleTable, width: float, repeat_header: bool, k: dict[str, Any]) -> Any:
    """A ruled reportlab table: widths from the relative hints; amounts right-aligned (the font shrinks until
    they fit), labels left-aligned and wrapped when too long, header cells centred and wrapped."""
    sw = k["stringWidth"]
    ncols = t.ncols
    rel = t.widths or (1.0,) * ncols
    widths = [r * width / sum(rel) for r in rel]
    numeric = [i >= t.numeric_from and all(_NUMERIC.fullmatch(row[i]) for row in t.rows if row[i])
               for i in range(ncols)]
    size, pad = 8.0, 2.5
    while size > 5.5 and not all(sw(row[i], FONT_NAME, size) + 2 * pad <= widths[i]
                                 for row in t.rows for i in range(ncols) if numeric[i] and row[i]):
        size -= 0.5
    head_style = k["head"] if size == 8 else k["head"].clone("head_s", fontSize=size, leading=size * 1.25)
    cell_style = k["cell"] if size == 8 else k["cell"].clone("cell_s", fontSize=size, leading=size * 1.25)
    P = k["P"]
    data: list[list[Any]] = [[P(c, head_style) if c else "" for c in row] for row in t.header]
    for row in t.rows:
        data.append([P(c, cell_style) if c and not numeric[i] and sw(c, FONT_NAME, size) + 2 * pad > widths[i]
                     else c for i, c in enumerate(row)])
    nh = len(t.header)
    cmds: list[tuple[Any, ...]] = [
        ("FONT", (0, 0), (-1, -1), FONT_NAME, size),
        ("GRID", (0, 0), (-1, -1), 0.5, k["colors"].black),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("ALIGN", (0, 0), (-1, nh - 1), "CENTER"),
        ("LEFTPADDING", (0, 0), (-1, -1), pad), ("RIGHTPADDING", (0, 0), (-1, -1), pad),
        ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
    ]
    cmds += [("ALIGN", (i, nh), (i, -1), "RIGHT") for i in range(ncols) if numeric[i]]
    cmds += [("SPAN", (c0, r0), (c1, r1)) for c0, r0, c1, r1 in t.spans]
    return k["RLTable"](data, colWidths=widths, repeatRows=nh if repeat_header else 0, style=k["TableStyle"](cmds),
                        hAlign="CENTER")


def _pdf_story(report: SampleReport, width: float, repeat_header: bool, k: dict[str, Any]) -> list[Any]:
    PageBreak, Spacer, cm = k["PageBreak"], k["Spacer"], k["cm"]
    dept = report.region + report.department
    story: list[Any] = [Spacer(1, 7 * cm), k["cover"](dept), Spacer(1, 0.6 * cm),
                        k["cover_year"](f"{report.year}年度部门{report.kind}"), Spacer(1, 9 * cm),
                        k["notice"](FICTION_NOTICE)]
    for b in report.blocks:
        if isinstance(b, Paragraph):
            story.append(k["body"](b.text))
        elif isinstance(b, Heading):
            if b.level == 1:
                story.append(PageBreak())
            para = k[f"h{min(b.level, 3)}"](b.text)
            para._qa_table_code = ""  # ends the previous table's page tracking
            story.append(para)
        else:
            story.append(PageBreak())
            title = k["table_title"](b.title)
            title._qa_table_code = b.code
            story += [title, k["code"](b.code), k["TwoSides"](f"部门：{dept}", f"单位：{b.unit}"),
                      _pdf_table(b, width, repeat_header, k)]
            story += [k["note"](line) for line in b.note.split("\n")]
    return story


def write_pdf(report: SampleReport, path: str | os.PathLike[str] | BinaryIO, *, repeat_header: bool = True) -> PdfInfo:
    """Renders the report as an A4 PDF with reportlab's built-in CID font STSong-Light (no font files).

    Page 1 is the cover (title in two lines, no page number); every later page has a running header (the
    report title above a rule) and a centred footer `- n -` where n is the physical page number. Parts and
    tables start on new pages; each table has its title, code (公开05表), `部门：… 单位：万元`, a ruled grid,
    and its note. 公开06表 lists every economic item (≈63 rows) so it always runs onto a second page; with
    repeat_header=True (default) its header row is repeated on the continuation page.
    """
    k = _pdf_kit()
    A4, cm = k["A4"], k["cm"]
    target = str(path) if isinstance(path, (str, os.PathLike)) else path
    margin_x, margin_top, margin_bottom = 2.2 * cm, 2.4 * cm, 2.2 * cm
    doc = k["Doc"](target, pagesize=A4, leftMargin=margin_x, rightMargin=margin_x, topMargin=margin_top,
                   bottomMargin=margin_bottom, title=report.title,
                   author="disclosure-qa sample generator (fictional data)",
                   subject=FICTION_NOTICE, invariant=True)  # invariant: same bytes for the same report
    page_w, page_h = A4
    title = report.title

    def later(canvas: Any, _doc: Any) -> None:
        canvas.saveState()
        canvas.setFont(FONT_NAME, 9)
        canvas.drawCentredString(page_w / 2, page_h - 1.5 * cm, title)
        canvas.setLineWidth(0.5)
        canvas.line(margin_x, page_h - 1.65 * cm, page_w - margin_x, page_h - 1.65 * cm)
        canvas.setFont(FONT_NAME, 10)
        canvas.drawCentredString(page_w / 2, 1.2 * cm, f"- {canvas.getPageNumber()} -")
        canvas.restoreState()

    story = _pdf_story(report, page_w - 2 * margin_x, repeat_header, k)
    doc.build(story, onFirstPage=lambda c, d: None, onLaterPages=later)
    return PdfInfo(Path(target) if isinstance(target, str) else None, doc.page,
                   {c: tuple(p) for c, p in doc.table_pages.items()}, repeat_header)
