"""Table text: cells collapsed, captions found and turned into titles, header rows counted."""
from __future__ import annotations

import re
from typing import Sequence

from ..text.chars import CJK, CJK_RE, WS_RE, squash

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




def _is_title_line(s: str) -> bool:
    s = s.strip()
    if not s or len(s) > 60 or "表" not in s:
        return False
    if any(ch in s for ch in "。；;，,") or DEPT_RE.match(s) or UNIT_RE.search(s) or s.startswith(("注", "说明")):
        return False
    if LABEL_RE.fullmatch(squash(s)):
        return False
    return bool(CJK_RE.search(s))



_END_RE = re.compile(r"^\s*(注\s*[：:1１]|注\s*$|说明\s*[：:]|备注\s*[：:]|第[一二三四五六七八九十]+部分)")
_SECTION_TITLE_RE = re.compile(r"^\s*[一二三四五六七八九十]+\s*[、.．]\s*\S+表\s*$")

def collapse_cell(cell: str | None) -> str:
    """A cell's text with inner whitespace collapsed: line breaks inside CJK text vanish, other runs
    become one space, and a figure printed with inner spaces (`2, 031. 52`) is closed up (`2,031.52`)."""
    if not cell:
        return ""
    if AMOUNT_RE.match(cell.strip()):
        return WS_RE.sub("", cell)
    parts = [p for p in (WS_RE.sub(" ", ln).strip() for ln in cell.split("\n")) if p]
    out = ""
    for p in parts:
        if out and not (CJK_RE.match(out[-1]) and CJK_RE.match(p[0])) and not (out[-1] in "（(" or p[0] in "）)、，。；："):
            out += " "
        out += p
    return out


def normalize_title(s: str) -> str:
    """A heading as a title: whitespace collapsed, and removed between CJK characters and next to
    figures (`收 入 支 出 决 算 总 表` -> `收入支出决算总表`, `2024 年度` -> `2024年度`)."""
    s = WS_RE.sub(" ", s).strip()
    s = re.sub(f"(?<=[{CJK}（）“”、])\\s+(?=[{CJK}（）“”\\d])", "", s)
    s = re.sub(f"(?<=\\d)\\s+(?=[{CJK}])", "", s)
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
    first = squash(cells[0])
    if _CODE_RE.match(first) and len(cells) > 1 and any(CJK_RE.search(c) for c in cells[1:]):
        return True
    return any(AMOUNT_RE.match(c) for c in cells)

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
    if any(AMOUNT_RE.match(squash(c)) for c in cells) or len(cells) > 4:
        return [], False
    if all(_is_caption_line(ln) for ln in lines):
        return lines, True
    if any(DEPT_RE.match(ln) or UNIT_RE.search(ln) for ln in lines) and all(len(squash(ln)) <= 40 for ln in lines):
        return [" ".join(lines)], True
    return [], False


def _is_caption_line(s: str) -> bool:
    """A title (…表), a label (公开05表), a 部门：… line or a 单位：万元 line."""
    sq = squash(s)
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
        sq = squash(st)
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
        label = squash(label)
        if label not in squash(title):
            title = f"{title} {label}".strip()
    return title, unit
