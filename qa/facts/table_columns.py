"""Table headers -> columns: which measure each column holds, panels of two-sided tables, 三公经费 columns, the identities between columns."""
from __future__ import annotations

import re
from collections import Counter
from typing import Sequence

from ..lexicon import terms
from ..text.chars import longest_first, squash
from .labels import (
    _CODE_WORDS,
    _GROUP_NAMES,
    _HEADER_NAMES,
    _LABEL_WORDS,
    _PANEL_WORDS,
    _SANGONG_ITEMS,
    _STOP_MEASURES,
    _TOTAL_MEASURES,
    MEASURE_UNKNOWN,
    _sangong_item,
    normalize_measure,
)
from .table_rows import _Column

# tables: header -> columns


def _scan_names(text: str) -> list[tuple[int, str]]:
    """Header names (and label words) in `text` (spaces removed), longest first: (offset, name)."""
    vocab = sorted(set(_HEADER_NAMES) | set(_LABEL_WORDS), key=longest_first)
    out = []
    i = 0
    while i < len(text):
        for v in vocab:
            if text.startswith(v, i):
                out.append((i, v))
                i += len(v)
                break
        else:
            i += 1
    return out


def _column_number_counts(header: Sequence[Sequence[str]]) -> tuple[list[int] | None, int | None]:
    """From a 栏次 row (`栏次 1 栏次 2 3 4 5`): amount columns per panel; from a bare `1 2 3 4 5` row:
    the number of numbered columns (labels included)."""
    for row in header:
        cells = [squash(c) for c in row if c.strip()]
        if not cells:
            continue
        if any("栏次" in c for c in cells):
            counts: list[int] = []
            for c in cells:
                if "栏次" in c:
                    counts.append(0)
                    rest = c.replace("栏次", "")
                    if rest.isdigit():
                        counts[-1] += 1
                elif c.isdigit() and counts:
                    counts[-1] += 1
            return counts, None
        if len(cells) >= 2 and all(c.isdigit() for c in cells):
            vals = [int(c) for c in cells]
            if vals[0] <= 2 and all(b == a + 1 for a, b in zip(vals, vals[1:])):
                return None, len(vals)
    return None, None


def _flat_panels(header: Sequence[Sequence[str]], kind: str | None) -> list[list[_Column]]:
    """Amount columns of a flattened table, by panel, from the header text and the 栏次 row."""
    lines = [squash("".join(c for c in row)).replace("-般", "一般") for row in header]
    text = "".join(lines)
    starts = []
    pos = 0
    for ln in lines:
        starts.append(pos)
        pos += len(ln)

    def line_of(offset: int) -> int:
        k = 0
        while k + 1 < len(starts) and starts[k + 1] <= offset:
            k += 1
        return k

    names = [(off, n, line_of(off)) for off, n in _scan_names(text)]
    panel_words = [n for _, n, _ in names if n in _PANEL_WORDS]
    repeated = next((w for w in panel_words if panel_words.count(w) > 1), None)
    panels: list[list[tuple[str, int]]] = []
    if repeated is None:
        panels.append([(n, ln) for _, n, ln in names if n in _HEADER_NAMES])
    else:
        for _, n, ln in names:
            if n == repeated:
                panels.append([])
            elif n in _HEADER_NAMES and panels:
                panels[-1].append((n, ln))
    out = []
    for p in panels:
        out.append(_resolve_groups(p))
    counts, numbered = _column_number_counts(header)
    if counts and len(counts) == len(out):
        fixed = []
        for cols, n in zip(out, counts):
            while len(cols) > n and any(c in _GROUP_NAMES for c in cols):
                k = next(i for i, c in enumerate(cols) if c in _GROUP_NAMES)
                cols = cols[:k] + cols[k + 1:]
            fixed.append(cols if len(cols) == n else [MEASURE_UNKNOWN] * n)
        out = fixed
    elif counts and len(out) == 1 and len(counts) == 1 and len(out[0]) != counts[0]:
        out = [[MEASURE_UNKNOWN] * counts[0]]
    return [[_Column(normalize_measure(n, kind) if n else MEASURE_UNKNOWN) for n in cols] for cols in out]


def _resolve_groups(names: list[tuple[str, int]]) -> list[str]:
    """Drop header names that span the columns under them: a group name directly followed by a total
    (`本年支出 小计 基本支出 项目支出`), or alone on its header line with a later line of two or more names,
    which then take its place (`年初结转和结余 本年收入 本年支出 年末结转和结余 / 小计 基本支出 项目支出`)."""
    out = list(names)
    i = 0
    while i < len(out):
        n, ln = out[i]
        if n in _GROUP_NAMES and i + 1 < len(out) and out[i + 1][0] in ("合计", "小计", "总计") and out[i + 1][1] == ln:
            out.pop(i)
            continue
        i += 1
    by_line: dict[int, list[int]] = {}
    for k, (_, ln) in enumerate(out):
        by_line.setdefault(ln, []).append(k)
    for ln in sorted(by_line, reverse=True):
        idxs = by_line[ln]
        if len(idxs) < 2:
            continue
        # nearest earlier lone group name
        lone = [k for k in range(idxs[0]) if out[k][0] in _GROUP_NAMES and len(by_line.get(out[k][1], [])) == 1]
        if not lone:
            continue
        g = lone[-1]
        sub = [out[k] for k in idxs]
        rest = [x for k, x in enumerate(out) if k not in idxs and k != g]
        insert_at = sum(1 for k in range(g) if k not in idxs)
        out = rest[:insert_at] + sub + rest[insert_at:]
        break
    return [n for n, _ in out]


def _span_fill(header: Sequence[Sequence[str]]) -> list[list[str]]:
    """Header cells with merged cells spread over the columns they span (a cell spans to the next
    non-empty cell of its row, within its parent's span)."""
    width = max((len(r) for r in header), default=0)
    filled: list[list[str]] = []
    parent_ends = [width] * width
    opened: set[int] = set()  # columns where a header cell of a row above starts: a span never crosses one
    for row in header:
        row = list(row) + [""] * (width - len(row))
        out = [""] * width
        ends = [width] * width
        j = 0
        while j < width:
            if row[j].strip():
                k = j + 1
                while k < width and not row[k].strip() and k < parent_ends[j] and k not in opened:
                    k += 1
                for x in range(j, k):
                    out[x] = row[j]
                    ends[x] = k
                j = k
            else:
                ends[j] = parent_ends[j]
                j += 1
        filled.append(out)
        parent_ends = ends
        opened |= {j for j in range(width) if row[j].strip()}
    return filled


def _kept_panels(header: Sequence[Sequence[str]], kind: str | None) -> tuple[list[list[_Column]], list[int]]:
    """Amount columns of a table with kept cells, by panel, from each column's header cells; and the
    cell index where each panel starts."""
    if not header:
        return [], []
    width = max(len(r) for r in header)
    raw = [list(r) + [""] * (width - len(r)) for r in header]
    # side-by-side panels repeat their name header (项目 … 项目, 科目名称 … 科目名称)
    repeated: set[int] = set()
    for r in raw:
        cells = [_panel_word(c) for c in r]
        for w in _PANEL_WORDS:
            at = [j for j, c in enumerate(cells) if c == w]
            if len(at) > 1:
                repeated.update(at)
    panel_starts: list[int] = []
    for j in sorted(repeated):
        # a panel starts at its 科目编码 column when that is printed left of the name
        k = j
        while k > 0 and k - 1 not in panel_starts and k - 1 not in repeated and any(
                squash(r[k - 1]) in _CODE_WORDS or squash(r[k - 1]) in ("类", "款", "项") for r in raw):
            k -= 1
        if k not in panel_starts:
            panel_starts.append(k)
    if not panel_starts:
        panel_starts = [0]
    panels: list[list[_Column]] = [[] for _ in panel_starts]
    unnamed: list[tuple[int, int, str]] = []
    for j in range(width):
        p = max((k for k, s in enumerate(panel_starts) if s <= j), default=0)
        if any(squash(r[j]) in _LABEL_WORDS or squash(r[j]) in _CODE_WORDS for r in raw):
            continue  # a 科目编码 / 科目名称 / 行次 column
        # the lowest header cell naming a column is the column (本年支出 / 小计 -> 小计); a cell naming
        # two (`基本支出 项目支出`) gives two columns sharing the cell
        leaf_names: list[str] = []
        for r in range(len(raw) - 1, -1, -1):
            cell = squash(raw[r][j])
            if not cell or cell in _LABEL_WORDS:
                continue
            found = [n for _, n in _scan_names(cell) if n in _HEADER_NAMES]
            if found:
                leaf_names = found
                break
        if not leaf_names:
            own = _own_column_name([squash(r[j]) for r in raw])
            if own is not None:
                unnamed.append((p, j, own))
            continue
        for n in leaf_names:
            panels[p].append(_Column(normalize_measure(n, kind), None, frozenset((j,))))
    # a column the lexicon does not name is read under its own header words, and holds only the figures printed
    # in its cells (a 绩效目标表's 资金总额 is no column of its indicator rows' targets and scores); a name printed
    # over several columns (会议费 under 2020年 and 2021年) names no column without its group
    printed = Counter((p, own) for p, _, own in unnamed)
    for p, j, own in unnamed:
        if printed[p, own] == 1:
            panels[p].append(_Column(own, None, frozenset((j,)), own=True))
            panels[p].sort(key=lambda c: min(c.cells))
    return panels, panel_starts


def _panel_word(cell: str) -> str:
    """A header cell as a panel's name: `项目(按支出性质和经济分类)` is the panel word 项目 with what it
    classifies by, so a second panel headed so repeats the first one's `项目`."""
    s = squash(cell)
    bare = re.sub(r"[（(][^()（）]*[)）]$", "", s)
    return bare if bare != s and bare in _PANEL_WORDS else s


#: header words of columns that hold no amounts (notes, codes, names, units of count)
_NOT_AMOUNT_RE = re.compile(r"备注|说明|编码|代码|编号|名称|行次|栏次|序号|单位|类型|性质|方式|形式|依据|内容|指标|目标|科目|品目")
#: the words an amount column's name ends with (支出, 经费, 资金, 金额…)
_AMOUNT_NAME_RE = re.compile(r"(?:支出|收入|经费|费用|费|资金|金额|拨款|补助|合计|小计|总计|[^编]数|额)$")


def _own_column_name(cells: Sequence[str]) -> str | None:
    """A header column no header name of the lexicon names (专项业务经费支出 beside 合计, 人员经费, 公用经费):
    its own lowest header words are its measure, so that its figures are placed by their cells instead of
    leaving the whole row's figures unplaced. None for a column of notes, codes or names."""
    for cell in reversed(cells):
        if not cell or cell in _LABEL_WORDS or _COLUMN_NUMBER.fullmatch(cell):
            continue  # (a row numbering the columns, 1 2 3 or ** ** 1, names none)
        cell = _PART_OF.sub("", cell)  # 其中：经费拨款: a part of the column before it, named by its own words
        if _NOT_AMOUNT_RE.search(cell) or not _AMOUNT_NAME_RE.search(cell) or len(cell) > 16:
            return None
        return cell
    return None


#: a header cell numbering its column (1, 2, 3 …; ** over the name columns)
_COLUMN_NUMBER = re.compile(r"[\d*]+")
#: the words opening a column that is part of the one before it (其中：)
_PART_OF = re.compile(r"^其中[:：]?")


_SANGONG_MEASURE_WORDS = {"预算数": "预算数", "本年预算数": "预算数", "全年预算数": "预算数", "决算数": "决算数"}


def _sangong_columns(header: Sequence[Sequence[str]], kept: bool, kind: str | None) -> list[_Column]:
    """Columns of a 三公经费 table: (item, 预算数 / 决算数) per column. Kept cells are read from their
    header (the most specific item above a column; 小计 is its group's total); a flattened table gets
    the national template (合计, 因公出国（境）费, 公务用车购置及运行维护费 (小计, 购置费, 运行维护费),
    公务接待费, for 预算数 and, when printed, 决算数)."""
    default = "预算数" if kind == "预算" else MEASURE_UNKNOWN
    if kept and header:
        width = max(len(r) for r in header)
        filled = _span_fill(header)
        grand = any(squash(x) in ("会议费", "培训费") for row in header for x in row)
        cols = []
        for j in range(width):
            stack = [squash(r[j]) for r in filled]
            measure = next((_SANGONG_MEASURE_WORDS[x] for x in stack if x in _SANGONG_MEASURE_WORDS), default)
            # the column's own cells, a name wrapped over header lines read whole (公务接 / 待费)
            own = [x for x in (squash(r[j]) if j < len(r) else "" for r in header)
                   if x and x not in _SANGONG_MEASURE_WORDS and x != "小计"]
            item = None
            if own:
                item = ("合计" if grand else "三公经费") if own[-1] == "合计" else _sangong_item("".join(own)) or (
                    own[-1] if own[-1] in ("会议费", "培训费") else None)
            for x in reversed(stack) if item is None else ():  # a 小计 or blank column: the group above it
                if not x or x in _SANGONG_MEASURE_WORDS or x == "小计":
                    continue
                if x == "合计":
                    item = "合计" if grand else "三公经费"
                else:
                    item = _sangong_item(x) or (x if x in ("会议费", "培训费") else None)
                if item:
                    break
            if item:
                cols.append(_Column(measure, item, frozenset((j,))))
        if cols:
            return cols
    text = squash("".join("".join(r) for r in header))
    measures = ["预算数", "决算数"] if "决算数" in text else ["预算数" if ("预算数" in text or kind == "预算") else default]
    if len(measures) == 2 and text.count("预算数决算数") >= 2:
        # 预算数 决算数 printed under each item in turn: the columns go item by item
        return [_Column(m, it) for it in _SANGONG_ITEMS for m in measures]
    return [_Column(m, it) for m in measures for it in _SANGONG_ITEMS]


def _identities(cols: Sequence[_Column]) -> list[tuple[int, list[int]]]:
    """Row identities among a panel's columns: (total, parts)."""
    out: list[tuple[int, list[int]]] = []
    if any(c.subject for c in cols):  # 三公 tables
        idx = {(c.subject, c.measure): k for k, c in enumerate(cols)}
        for m in {c.measure for c in cols}:
            t = idx.get(("三公经费", m))
            car = idx.get(("公务用车购置及运行维护费", m))
            parts = [idx.get((s, m)) for s in ("因公出国（境）费", "公务用车购置及运行维护费", "公务接待费")]
            if t is not None and all(p is not None for p in parts):
                out.append((t, [p for p in parts if p is not None]))
            sub = [idx.get((s, m)) for s in ("公务用车购置费", "公务用车运行维护费")]
            if car is not None and all(p is not None for p in sub):
                out.append((car, [p for p in sub if p is not None]))
            g = idx.get(("合计", m))
            extra = [idx.get((s, m)) for s in ("会议费", "培训费")]
            if g is not None and t is not None and all(p is not None for p in extra):
                out.append((g, [t] + [p for p in extra if p is not None]))
        return out
    names = [c.measure for c in cols]
    for t, n in enumerate(names):
        if n not in _TOTAL_MEASURES:
            continue
        if n == "本年支出" and not (t + 1 < len(names) and names[t + 1] == "基本支出"):
            continue
        parts = []
        for k in range(t + 1, len(names)):
            if names[k] in _TOTAL_MEASURES or names[k] in _STOP_MEASURES or not names[k]:
                break
            parts.append(k)
        if parts:
            out.append((t, parts))
    return out


# --------------------------------------------------------------------------------------------


def column_unit(measure: str) -> str | None:
    """The unit a column's name gives its figures (自评分数 -> 分: terms.json `column_units`), or None."""
    for unit, words in terms()["column_units"].items():
        if measure.endswith(tuple(words)):
            return unit
    return None


def header_title(header: Sequence[Sequence[str]]) -> str | None:
    """A name for a table printed without a title line: its header's words (`项目名称 自评分数`), so that its rows
    are read as one table's, not as sentences; None when it has no header."""
    words = [squash(c) for r in header for c in r if squash(c)]
    return " ".join(dict.fromkeys(words))[:60] or None
