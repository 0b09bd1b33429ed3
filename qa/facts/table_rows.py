"""Table rows as tokens: cells typed once (code, label, amount, rate), wrapped rows joined into logical rows."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Sequence

from ..models import Document, Page, Table
from ..text.chars import CJK_RE, squash
from ..text.numbers import is_subject_code
from .labels import _HEADER_NAMES, _LABEL_WORDS, _ORDINAL_RE

# tables: rows and tokens


@dataclass
class _Tok:
    """One cell of a row: kind "code" / "num" / "label"; col = its cell index when cells are kept."""

    kind: str
    text: str
    col: int | None = None
    value: float = 0.0
    is_int: bool = False


@dataclass
class _Row:
    """A logical table row (a row wrapped over several text lines is joined)."""

    cells: list[tuple[int, str]]  # (cell index, text), non-empty cells only
    quote: str
    page: int | None
    lines: tuple[int, int] | None


@dataclass
class _Segment:
    """A row's label (科目) with its code and figures; side-by-side tables give several per row."""

    row: _Row
    label: str = ""
    code: str | None = None
    label_col: int | None = None
    nums: list[_Tok] = field(default_factory=list)
    panel: int | None = None
    rowno_done: bool = False
    complete: bool = True  # some placement satisfies the row identities (no figure missing)


@dataclass
class _Column:
    """An amount column: its measure, the item it names (三公 tables), and the cell indices it covers."""

    measure: str
    subject: str | None = None
    cells: frozenset[int] = frozenset()
    own: bool = False  # named by its own header words, not the lexicon: holds only the figures printed under it


_NUM_CELL_RE = re.compile(r"^[-−]?\d{1,3}(?:,\s?\d{3})+(?:\.\s?\d+)?$|^[-−]?\d+(?:\.\s?\d+)?$")
_PCT_CELL_RE = re.compile(r"^[-−]?\d+(?:\.\d+)?\s?%$")
_CODE_RE = re.compile(r"^\d{3}(?:\d{2}){0,2}$")


def _cell_number(text: str) -> tuple[float, bool] | None:
    s = text.strip().replace("−", "-")
    if _NUM_CELL_RE.match(s):
        return float(squash(s).replace(",", "")), "." not in s and "," not in s
    if _PCT_CELL_RE.match(s):
        return float(squash(s).rstrip("%")), False
    return None


def _is_amount_cell(text: str) -> bool:
    parsed = _cell_number(text)
    return parsed is not None and not parsed[1]


def _is_label(text: str) -> bool:
    return bool(CJK_RE.search(text))


def _row_tokens(cells: Sequence[tuple[int, str]]) -> list[_Tok]:
    """Cells -> tokens: 科目编码 (3/5/7 digits, or a PDF's split 类/款/项 cells, before a label), figures, labels."""
    toks: list[_Tok] = []
    items = [(j, c.strip()) for j, c in cells if c.strip()]
    i = 0
    while i < len(items):
        j, c = items[i]
        sq = squash(c)
        nxt = items[i + 1][1] if i + 1 < len(items) else ""
        # split code: 201 | 06 | 01 | 行政运行
        if re.fullmatch(r"\d{3}", sq) and i + 1 < len(items) and re.fullmatch(r"\d{2}", squash(nxt)):
            parts = [sq]
            k = i + 1
            while k < len(items) and len(parts) < 3 and re.fullmatch(r"\d{2}", squash(items[k][1])):
                parts.append(squash(items[k][1]))
                k += 1
            if k < len(items) and _is_label(items[k][1]) and is_subject_code("".join(parts)):
                toks.append(_Tok("code", "".join(parts), j))
                i = k
                continue
        # a code before its name, after it (a wrapped name's first line), or opening a row of figures whose
        # name is printed around it (`2080506 257.14 257.14` between `…职业年金缴` and `费支出`)
        if _CODE_RE.match(sq) and is_subject_code(sq) and (
                _is_label(nxt) or (toks and toks[-1].kind == "label") or (not toks and _cell_number(nxt) is not None)):
            toks.append(_Tok("code", sq, j))
        elif re.fullmatch(r"0\d+", sq) or (len(sq) >= 5 and _CODE_RE.match(sq) and is_subject_code(sq)):
            pass  # a unit code (`046001`) or a 科目编码 out of place: not a figure
        elif (parsed := _cell_number(c)) is not None:
            toks.append(_Tok("num", c, j, parsed[0], parsed[1]))
        elif _is_label(c):
            toks.append(_Tok("label", sq, j))
        i += 1
    return toks


def _is_data_row(cells: Sequence[str]) -> bool:
    texts = [c for c in cells if c.strip()]
    if not texts or any("栏次" in squash(c) for c in texts):
        return False
    if any(_is_amount_cell(c) for c in texts):
        return True
    toks = _row_tokens(list(enumerate(texts)))
    if any(t.kind == "code" for t in toks):
        return True
    labels = [t for t in toks if t.kind == "label" and t.text not in _LABEL_WORDS and t.text not in _HEADER_NAMES]
    return bool(labels) and any(t.kind == "num" for t in toks)


def keeps_cells(table: Table, page: Page, doc: Document, raw: list[str] | None = None) -> bool:
    """PDF tables and tab-separated text rows keep their empty cells; space-separated rows do not.
    `raw`: the page's lines, when the caller has them already (splitting per table is quadratic)."""
    if table.cells_kept or (doc.source or "").lower().endswith(".pdf") or (doc.path or "").lower().endswith(".pdf"):
        return True
    raw = page.text.split("\n") if raw is None else raw
    for ln in table.row_lines:
        if ln is not None and 0 <= ln - page.first_line < len(raw) and "\t" in raw[ln - page.first_line]:
            return True
    return False


def _starts_new(label: str) -> bool:
    """A label that begins a row of its own (an ordinal, or a total), never a wrapped name's end."""
    sq = squash(label)
    return bool(_ORDINAL_RE.match(sq)) or sq.endswith(("合计", "总计")) or sq in ("上年结转", "结转下年")


def _shape(row: Sequence[str]) -> str:
    """`label` (name text only), `code_row` (a 科目编码 and figures, no name), or `other`."""
    cells = [c for c in row if c.strip()]
    kinds = [t.kind for t in _row_tokens(list(enumerate(cells)))]
    if kinds and all(k == "label" for k in kinds):
        return "label"
    if cells and _CODE_RE.match(squash(cells[0])) and "label" not in kinds and "num" in kinds:
        return "code_row"
    if len(kinds) >= 3 and kinds[0] == "label" and kinds[1] == "code" and "num" in kinds:
        return "name_code_row"  # the first line of a wrapped name, then the code and figures
    return "other"


def _wrapped_tails(table: Table, first: int) -> set[int]:
    """Rows that end the name of the 科目编码 row above them: a long name printed in two lines around its
    row (`机关事业单位职业年金缴` / `2080506 257.14 257.14` / `费支出`). A name line right after such a row
    is its tail unless another name-less row follows it (then it is that row's head)."""
    rows = [(i, table.rows[i]) for i in range(first, len(table.rows)) if any(c.strip() for c in table.rows[i])]
    shapes = [_shape(r) for _, r in rows]
    out = set()
    for k in range(1, len(rows)):
        if shapes[k] != "label" or _starts_new(rows[k][1][0]):
            continue
        if k + 1 < len(rows) and shapes[k + 1] == "code_row":
            continue  # the head of the next row
        if shapes[k - 1] == "code_row" and k >= 2 and shapes[k - 2] == "label":
            out.add(rows[k][0])  # the row had its head above: this is its tail
        elif shapes[k - 1] == "name_code_row":
            out.add(rows[k][0])  # the row began its name on its own line: this ends it
    return out


def _logical_rows(table: Table, first: int, kept: bool) -> list[_Row]:
    """Body rows from index `first`; flattened text rows wrapped over several lines are joined
    (a 科目编码 alone, then name fragments, then the figures)."""
    groups: list[list[int]] = []
    tails = set() if kept else _wrapped_tails(table, first)
    for i in range(first, len(table.rows)):
        row = table.rows[i]
        if not any(c.strip() for c in row):
            continue
        if kept or not groups:
            groups.append([i])
            continue
        if i in tails or (_shape(row) == "code_row" and _shape(table.rows[groups[-1][-1]]) == "label"):
            groups[-1].append(i)  # a name printed around its 科目编码 row: head above, tail below
            continue
        prev = [table.rows[k] for k in groups[-1]]
        prev_cells = [c for r in prev for c in r if c.strip()]
        code_only = len(prev_cells) == 1 and bool(_CODE_RE.match(squash(prev_cells[0])))  # `2080505` alone
        prev_has_num = not code_only and any(t.kind == "num" for t in _row_tokens(list(enumerate(prev_cells))))
        toks = _row_tokens([(j, c) for j, c in enumerate(row) if c.strip()])
        starts_with_code = bool(toks) and toks[0].kind == "code"
        first_label = toks[0].text if toks and toks[0].kind == "label" else ""
        if (not prev_has_num and not starts_with_code and len(groups[-1]) < 6
                and not (first_label and _starts_new(first_label))):
            groups[-1].append(i)
        else:
            groups.append([i])
    rows = []
    for g in groups:
        cells: list[tuple[int, str]] = []
        for k in g:
            for j, c in enumerate(table.rows[k]):
                if not c.strip():
                    continue
                if k == first and j > 0 and CJK_RE.fullmatch(c.strip()):
                    continue  # a header cell's last character wrapped into the first row (采购组织形 / 式)
                if k in tails:  # the end of the name printed under its figures
                    at = max((n for n, (_, cc) in enumerate(cells) if _is_label(cc) and _cell_number(cc) is None), default=None)
                    if at is not None:
                        cells[at] = (cells[at][0], cells[at][1] + squash(c))
                        continue
                # a name wrapped onto the next line continues the last label
                if (not kept and cells and k != g[0] and j == next(jj for jj, cc in enumerate(table.rows[k]) if cc.strip())
                        and _is_label(cells[-1][1]) and _is_label(c) and not _starts_new(c)
                        and _cell_number(cells[-1][1]) is None):
                    cells[-1] = (cells[-1][0], cells[-1][1] + squash(c))
                else:
                    cells.append((j, c))
        quote = " ".join(c for _, c in cells if squash(c) not in _LABEL_WORDS)
        pages = [table.row_pages[k] for k in g if k < len(table.row_pages)]
        lines = [table.row_lines[k] for k in g if k < len(table.row_lines) and table.row_lines[k] is not None]
        pg = next((p for p in pages if p is not None), table.page)
        rows.append(_Row(cells, quote, pg, (min(lines), max(lines)) if lines else None))
    return rows


# --------------------------------------------------------------------------------------------
