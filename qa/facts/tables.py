"""Table -> facts: figures placed in their columns by header, and by the table identities when empty cells were lost
(the placement itself: table_placement.py)."""
from __future__ import annotations

import logging
import re
from typing import Sequence

from ..lexicon import procurement
from ..models import Document, Fact, Page, Table
from ..text.chars import squash
from ..text.numbers import is_subject_code
from .table_labels import UNIT_ROW, is_expense, item_of_column, own_measure, scoped_total, summary_total
from .table_placement import _TOTAL_ROW_LABELS, _candidates, _corroborate, _solve_hierarchy
from .table_layout import attribute_columns, national_code, without_attributes, without_second_classification
from .labels import DEFAULT_UNIT, MEASURE_UNKNOWN, normalize_subject, purchase_project, split_code_chain
from .table_columns import _flat_panels, _identities, _kept_panels, _sangong_columns, column_unit, header_title
from .table_rows import (
    _CODE_RE,
    keeps_cells,
    _Column,
    _is_data_row,
    _logical_rows,
    _Row,
    _row_tokens,
    _Segment,
    _starts_new,
    _Tok,
)

logger = logging.getLogger(__name__)


def _segments(row: _Row, has_rowno: bool, panel_starts: Sequence[int], kept: bool) -> list[_Segment]:
    toks = _row_tokens(row.cells)
    segs: list[_Segment] = []
    cur: _Segment | None = None

    def panel_of(col: int | None) -> int | None:
        if not kept or col is None or len(panel_starts) < 2:
            return None
        return max((k for k, s in enumerate(panel_starts) if s <= col), default=0)

    for t in toks:
        if t.kind == "code":
            if cur is not None and cur.label and not cur.code and not cur.nums and not kept:
                cur.code = t.text  # a name printed before its 科目编码 (a wrapped name's first line)
                continue
            cur = _Segment(row, code=t.text, label_col=t.col, panel=panel_of(t.col))
            segs.append(cur)
        elif t.kind == "label":
            new_panel = panel_of(t.col)
            if (cur is None or cur.nums or cur.rowno_done or (cur.label and (_starts_new(t.text) or not kept))
                    or (kept and new_panel is not None and cur.panel is not None and new_panel != cur.panel)):
                if cur is not None and cur.code and not cur.label and not cur.nums:
                    cur.label = t.text
                    cur.panel = new_panel if new_panel is not None else cur.panel
                    continue
                cur = _Segment(row, label=t.text, label_col=t.col, panel=new_panel)
                segs.append(cur)
            else:
                cur.label = cur.label + t.text if cur.label else t.text
                if cur.label_col is None:
                    cur.label_col = t.col
        else:
            if cur is None:
                if has_rowno and t.is_int and t.value < 200:
                    continue  # 行次 of an empty left side
                cur = _Segment(row, panel=panel_of(t.col))
                segs.append(cur)
            elif kept and panel_of(t.col) is not None and cur.panel is not None and panel_of(t.col) != cur.panel:
                # a figure under another side's column has no label of its own in this row
                cur = _Segment(row, panel=panel_of(t.col))
                segs.append(cur)
            if has_rowno and t.is_int and t.value < 200 and not cur.nums:
                if (cur.label or cur.code) and not cur.rowno_done:
                    cur.rowno_done = True
                    continue
                if cur.rowno_done:
                    # the next side's 行次 with an empty label: its figures start a segment of their own
                    cur = _Segment(row, rowno_done=True)
                    segs.append(cur)
                    continue
            cur.nums.append(t)
    return segs


class _DocText:
    """A document's pages as fact placement reads them, prepared once per document: each page's text with
    whitespace removed, its lines, and the page holding each table. Preparing them per table made fact
    extraction grow with the square of a file's size (8 MB of text: 75 s)."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.squashed = {p.number: squash(p.text) for p in doc.pages}
        self.lines = {p.number: p.text.split("\n") for p in doc.pages}
        self.page_of = {id(t): p for p in doc.pages for t in p.tables}

    def near(self, page: Page, lines: tuple[int, int] | None) -> str:
        """The squashed text a row's quote is looked for in: its own lines (and one either side) when they are
        known, else its page. A text file is one page, so searching the whole of it per figure was quadratic."""
        if lines is None:
            return self.squashed.get(page.number, "")
        raw = self.lines.get(page.number, [])
        a, b = lines[0] - page.first_line, lines[1] - page.first_line
        return squash("".join(raw[max(0, a - 1): b + 2]))

    def printed(self, page: Page, lines: tuple[int, int] | None) -> str:
        """A row printed over several lines of a text file (a name wrapped around its figures), those lines
        whitespace-collapsed; "" for a one-line row (its own quote is that line) or when not known."""
        if lines is None or lines[0] == lines[1]:
            return ""
        raw = self.lines.get(page.number, [])
        a, b = lines[0] - page.first_line, lines[1] - page.first_line
        return " ".join(" ".join(x.split()) for x in raw[max(0, a): b + 1] if x.strip())


_last_doc: list[_DocText] = []  # one slot: table_facts is called table by table for the same document


def _doc_text(doc: Document) -> _DocText:
    held = _last_doc[0] if _last_doc else None
    if held is None or held.doc is not doc:
        held = _DocText(doc)
        _last_doc[:] = [held]
    return held


def _fit_quote(seg: _Segment, tok: _Tok, page_text: str, printed: str = "") -> str:
    """The row as printed; when the page text has the row's cells apart (a PDF cell wrapped over
    lines), the lines the row is printed on (a text file), the segment's label with the figure, else
    the figure alone — always verbatim."""
    # (a wrapped row's own line keeps its 采购组织形式 with its figure: `政府集中采购 99.00`)
    methods = [f"{m} {tok.text}" for m in procurement()["methods"] if m in seg.row.quote]
    for q in (seg.row.quote, printed, f"{seg.code or ''} {seg.label} {tok.text}".strip(), f"{seg.label} {tok.text}",
              *methods, tok.text):
        if q and squash(q) in page_text:
            return q
    return seg.row.quote


def table_facts(table: Table, doc: Document, *, default_unit: str | None = None,
                known: dict[tuple[str, float], set[str]] | None = None) -> list[Fact]:
    """One Fact per figure of `table` (see the module docstring for placement rules).

    `known` maps (subject, value) to the measures the narrative states it with (("基本支出", 131.09) ->
    {"决算数"}): a 合计 row or 三公 row whose figures fit several columns takes the placement those
    statements confirm (`extract_facts` passes the report's own narrative)."""
    text = _doc_text(doc)
    page = text.page_of.get(id(table)) or next((p for p in doc.pages if table in p.tables),
                                               doc.pages[0] if doc.pages else None)
    if page is None:
        return []
    kept = keeps_cells(table, page, doc, text.lines.get(page.number))
    first = next((i for i, r in enumerate(table.rows) if _is_data_row(r)), len(table.rows))
    if kept:
        table = without_second_classification(table, first)
    header = table.rows[:first]
    rows = _logical_rows(table, first, kept)
    if not rows:
        return []
    unit = table.unit or default_unit or DEFAULT_UNIT
    header_text = squash("".join("".join(r) for r in header))
    has_rowno = "行次" in header_text or re.search(r"(?:^|\D)行(?:\D|$)", "".join(
        squash(c) + "|" for r in header for c in r)) is not None
    sangong = "三公" in squash(table.title) and not any(
        _CODE_RE.match(squash(c)) for r in table.rows[first:] for c in r if c.strip())
    if sangong:
        panels = [_sangong_columns(header, kept, doc.kind)]
        panel_starts: list[int] = [0]
    elif kept:
        panels, panel_starts = _kept_panels(header, doc.kind)
        if not any(panels):
            panels, panel_starts = _flat_panels(header, doc.kind), [0]
    else:
        panels, panel_starts = _flat_panels(header, doc.kind), [0]
    panels = [p for p in panels if p] or [[]]
    segs: list[_Segment] = []
    same = all([c.measure for c in p] == [c.measure for c in panels[0]] for p in panels)
    for row in rows:
        group = _segments(row, has_rowno, panel_starts if kept else [0], kept)
        # which panel each segment belongs to
        for k, s in enumerate(group):
            if s.panel is not None and s.panel < len(panels):
                continue
            if len(panels) == 1 or same:
                s.panel = min(k, len(panels) - 1)
            elif len(group) == len(panels):
                s.panel = k
            elif len(panels) == 2:
                s.panel = 1 if is_expense(s.label) else 0
            else:
                fits = [p for p, cols in enumerate(panels) if len(cols) >= len(s.nums)]
                alike = fits and all([c.measure for c in panels[p]] == [c.measure for c in panels[fits[0]]] for p in fits)
                s.panel = fits[0] if alike else None
        segs.extend(s for s in group if s.nums)
    cands: dict[int, list[tuple[int, ...]]] = {}
    for i, s in enumerate(segs):
        cols = panels[s.panel] if s.panel is not None else []
        cands[i] = _candidates(s, cols, kept, _identities(cols)) if cols else []
    # a flattened table whose rows mostly contradict its own header identities: the header was misread
    checked = [s for s in segs if len(s.nums) >= 2 and s.panel is not None and _identities(panels[s.panel])]
    if not kept and checked and sum(not s.complete for s in checked) > len(checked) / 2:
        logger.debug("%s: header columns do not fit the rows; figures kept row-level", table.title)
        cands = {i: [] for i in cands}
    _corroborate(segs, cands, panels, known or {})
    if not sangong:
        for p, cols in enumerate(panels):
            idx = [i for i, s in enumerate(segs) if s.panel == p]
            local = {k: cands[i] for k, i in enumerate(idx)}
            _solve_hierarchy([segs[i] for i in idx], local, len(cols))
            for k, i in enumerate(idx):
                cands[i] = local[k]
    # codes that only repeat the parent row's code are not this row's code
    first_code: dict[str, int] = {}
    for i, s in enumerate(segs):
        if s.code and s.code not in first_code:
            first_code[s.code] = i
    pages = {p.number: p for p in doc.pages}
    title_key = squash(table.title or "")
    title = table.title or header_title(header)
    attributes = attribute_columns(table, first) if kept else frozenset()
    out: list[Fact] = []
    two_sided = len(panels) == 2 and not same or (len(panels) == 2 and "收入" in header_text and "支出" in header_text)
    for i, s in enumerate(segs):
        cols = panels[s.panel] if s.panel is not None else []
        label = normalize_subject(without_attributes(s.label, s.row.cells, attributes)) if s.label else ""
        # a one-row summary (支出预算总表: 合计 基本支出 项目支出 …) under columns each named once (a name printed
        # under two groups, 本年收入 小计 and 上年结转 小计, says no total alone)
        if not label and len(rows) == 1 and not s.code and _named_once(cols):
            label = summary_total(title_key)
        if label in ("总计",) and two_sided:
            label = "支出总计" if s.panel == 1 else "收入总计"
        label = purchase_project(scoped_total(label, title_key), header_text)
        code = s.code if s.code and first_code.get(s.code) == i else national_code(s.code, label)
        chain = split_code_chain(label)
        if chain is not None:  # 50101-工资奖金津补贴 30101-基本工资: the row is 30101 基本工资
            label, code = chain[0], code or (chain[1] if is_subject_code(chain[1]) else None)
        cs = cands.get(i) or []
        for n, tok in enumerate(s.nums):
            placed = {c[n] for c in cs}
            col = cols[placed.pop()] if len(placed) == 1 and -1 not in placed else None
            subject = col.subject if col is not None and col.subject else ("三公经费" if sangong else label)
            if sangong and UNIT_ROW.search(label):  # a 三公 table with a row per unit: that unit's figure
                subject = f"{label}{subject}"
            if not subject:
                continue
            measure = col.measure if col is not None else MEASURE_UNKNOWN
            unit_ = "%" if tok.text.strip().endswith("%") else column_unit(measure) or unit
            row_page = pages.get(s.row.page if s.row.page in pages else None)
            quote = _fit_quote(s, tok, text.near(row_page, s.row.lines) if row_page is not None else "",
                               text.printed(row_page, s.row.lines) if row_page is not None else "")
            out.append(Fact(doc.doc_id, subject, measure, tok.value, unit_, quote, table=title,
                            subject_code=code, page=s.row.page, lines=s.row.lines))
            item = item_of_column(measure) if label in _TOTAL_ROW_LABELS else None
            # the 合计 of the column 机关运行经费支出 of the 机关运行经费支出预算表 is the report's 机关运行经费
            if item and item in title_key and (own := own_measure(doc.kind or "")):
                out.append(Fact(doc.doc_id, item, own, tok.value, unit_, quote, table=title,
                                page=s.row.page, lines=s.row.lines))
    return out


def _named_once(cols: Sequence[_Column]) -> bool:
    """Columns, each with a name no other of them has."""
    measures = [c.measure for c in cols]
    return bool(measures) and len(set(measures)) == len(measures)
