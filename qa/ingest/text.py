"""Text files -> pages: form feeds split pages, tab- or space-separated rows become tables."""
from __future__ import annotations

import re
from dataclasses import replace
from typing import Sequence

from ..models import Page, Table
from ..text.chars import CJK_RE, SECTION_HEADING, SUBSECTION_HEADING, WS_RE, squash
from .detail_tables import detail_tables, score_tables, two_year_tables
from .cells import (
    _END_RE,
    _SECTION_TITLE_RE,
    DEPT_RE,
    LABEL_RE,
    UNIT_RE,
    _count_header_rows,
    _is_title_line,
    caption_to_title,
    collapse_cell,
)

#: number tokens inside a space-separated text row (keeps `2, 031. 52` together)
_NUM_TOKEN_RE = re.compile(r"[-−]?\d{1,3}(?:,\s?\d{3})+(?:\.\s?\d+)?(?:\s?%)?|[-−]?\d+(?:\.\s?\d+)?(?:\s?%)?")




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
    pages: list[Page] = []
    line = 1
    for i, part in enumerate(parts, start=1):
        lines = part.split("\n")
        tables = find_text_tables(lines, line, page=i)
        holder = next((k for k in range(len(pages) - 1, -1, -1) if pages[k].tables), None)
        if holder is not None:  # the last table so far, on its own page or continued onto the previous one
            table = pages[holder].tables[-1]
            continued = _continue_table(table, pages[-1], lines, line, i, tables)
            if continued is not None:
                pages[holder] = replace(pages[holder], tables=pages[holder].tables[:-1] + (continued,))
        pages.append(Page(number=i, text=part, tables=tuple(tables), first_line=line))
        line += part.count("\n")
    return pages


def _continue_table(table: Table, page: Page, lines: Sequence[str], first_line: int, number: int,
                    tables_here: Sequence[Table]) -> Table | None:
    """`table` with the rows printed at the top of the next page (`lines`) added, when it runs on over the
    break after `page`: it reached the end of `page`, and the next page opens with figure rows before any caption.
    A table continued without its caption would otherwise lose every row after its first page."""
    raw = page.text.split("\n")
    last = max((ln for ln in table.row_lines if ln is not None), default=None)
    if last is None or not 0 <= last - page.first_line < len(raw):
        return None  # its last row is not on the previous page
    after = [x.strip() for x in raw[last - page.first_line + 1:]]
    if any(x and not re.fullmatch(r"\d{1,3}", x) for x in after):
        return None  # something else follows the table on its own page: it ended there
    stop = min((ln - first_line for t in tables_here for ln in t.row_lines[:1] if ln is not None), default=len(lines))
    stop = min(stop, next((k for k, x in enumerate(lines) if UNIT_RE.search(x) and len(x.strip()) <= 80), len(lines)))
    body = _body_lines(lines, 0, stop)
    # (a name wrapped over the break opens the page: 其他城乡社区公共设施支 / 2120399 615.12 615.12 / 出)
    lead = next((k for k, i in enumerate(body[:3]) if not _WRAPPED_PIECE.fullmatch(lines[i].strip())), len(body))
    first_row = split_text_row(lines[body[lead]]) if lead < min(len(body), 3) else ()
    if sum(1 for c in first_row if _NUM_TOKEN_RE.fullmatch(c)) < 1:
        return None  # the page opens with narrative or a header of its own
    rows = table.rows + tuple(split_text_row(lines[i]) for i in body)
    width = max(len(r) for r in rows)
    return replace(
        table,
        rows=tuple(r + ("",) * (width - len(r)) for r in rows),
        row_pages=(table.row_pages or tuple(table.page for _ in table.rows)) + tuple(number for _ in body),
        row_lines=table.row_lines + tuple(first_line + i for i in body),
    )


#: a piece of a row's name wrapped onto a line of its own (其他城乡社区公共设施支), no header word
_WRAPPED_PIECE = re.compile(r"(?!.*(?:项目|科目|编码|名称|合计|总计|单位|分类|表))[\u4e00-\u9fff（）()、]{2,14}")


def _body_lines(lines: Sequence[str], start: int, stop: int) -> list[int]:
    """Indices of a table's row lines from `start`: until a 注/说明 line, a section heading or narrative."""
    body: list[int] = []
    n = len(lines)
    for i in range(start, stop):
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
    return body

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
    tables: list[Table] = []
    for k, (top, u, title, unit) in enumerate(starts):
        stop = starts[k + 1][0] if k + 1 < len(starts) else n
        body = _body_lines(lines, u + 1, stop)
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
    taken = {line for t in tables for line in t.row_lines}
    tables += _headed_tables(lines, first_line, page, taken)
    tables += detail_tables(lines, first_line, page, {line for t in tables for line in t.row_lines})
    tables += two_year_tables(lines, first_line, page, {line for t in tables for line in t.row_lines})
    tables += score_tables(lines, first_line, page, {line for t in tables for line in t.row_lines})
    taken = {line for t in tables for line in t.row_lines}
    return tables + [t for i, s in enumerate(lines) if first_line + i not in taken for t in inline_tables(s, page)]


#: a header cell naming an amount column (年初预算数, 调整预算数, 决算数, 全年执行数)
_AMOUNT_HEAD = re.compile(r"(?:预算|决算|执行|上年|本年)数$")
#: a dash left before a label by an empty cell (`-日常公用经费`)
_DASHED_LABEL = re.compile(r"^[-－—]+(?=[\u4e00-\u9fff（(一二三四五六七八九十])")


def _headed_tables(lines: Sequence[str], first_line: int, page: int | None, taken: set[int]) -> list[Table]:
    """Tables printed without a caption or unit line (`详见下表(以下金额单位为万元):` then the table): a
    tab-separated header line naming two or more amount columns (年初预算数, 调整预算数 …), then the
    tab-separated rows up to the first line without a tab. The unit is read from the lines just above; the
    title is the heading above them (`(一) 2024 年度预算情况`)."""
    out: list[Table] = []
    i, n = 0, len(lines)
    while i < n:
        cells = [c.strip() for c in lines[i].split("\t")]
        heads = [c for c in cells if _AMOUNT_HEAD.search(squash(c))]
        if first_line + i in taken or "\t" not in lines[i] or re.search(r"\d", lines[i]) or len(heads) < 2:
            i += 1
            continue
        body, j = [i], i + 1
        while j < n and ("\t" in lines[j] or not lines[j].strip()):
            if lines[j].strip():
                body.append(j)
            j += 1
        if len(body) >= 3 and not taken & {first_line + k for k in body}:
            above = [lines[k].strip() for k in range(max(0, i - 8), i) if lines[k].strip()][-4:]
            unit = next((m.group(1) for t in reversed(above) for m in [re.search(r"单位[为是：:]*\s*(万元|元)", t)] if m), None)
            # the heading of the section the table is in: `(一) 2024 年度预算情况`
            title = next((t.strip() for t in reversed(lines[max(0, i - 30):i]) if _numbered_heading(t.strip())
                          and len(t.strip()) <= 40 and "。" not in t), "表")
            rows, kept = _unwrapped([tuple(_DASHED_LABEL.sub("", collapse_cell(c)) for c in lines[k].rstrip("\n").split("\t"))
                                     for k in body])
            width = max(len(r) for r in rows)
            rows = [r + ("",) * (width - len(r)) for r in rows]
            out.append(Table(title=squash(title), rows=tuple(rows), header_rows=_count_header_rows(rows), unit=unit,
                             page=page, row_pages=tuple(page for _ in rows),
                             row_lines=tuple(first_line + body[k] for k in kept)))
        i = j
    return out


#: a cell of a table flattened into a line: a figure, or `/` `-` for an empty one
_INLINE_FIGURE = re.compile(r"[-−]?\d[\d,]*(?:\.\d+)?%?|[/／\-－—]")
#: a header token naming a figure column ends like one (编制数, 金额, 增长率, 合计)
_FIGURE_HEAD_END = re.compile(r"(?:数|额|率|计|人数)$")
#: records a flattened table has at least; fewer is a sentence with two figures in it
INLINE_ROWS_MIN = 3


def inline_tables(line: str, page: int | None) -> list[Table]:
    """Tables a web page's text flattened into one line of the narrative (`见下表: 单位名称 经费性质 人员 编制数
    在职 人数 X本级 财政核拨 65 67 Y 财政核拨 9 7 …`): a header of short words, then records of the same shape —
    the same number of words then the same number of figures — INLINE_ROWS_MIN or more times. The header words
    are grouped into the record's columns: one word a text column, the rest split where a word ends like a
    figure column's name (编制数, 人数). The line itself stays narrative (its rows have no line of their own, so
    neither sentence reading nor chunking masks it); the table is read beside it."""
    tokens = line.split()
    if len(tokens) < 4 * INLINE_ROWS_MIN:
        return []
    groups: list[tuple[int, int, int]] = []  # (first word, first figure, end) of each run of words then figures
    i = 0
    while i < len(tokens):
        j = i
        while j < len(tokens) and not _INLINE_FIGURE.fullmatch(tokens[j]):
            j += 1
        k = j
        while k < len(tokens) and _INLINE_FIGURE.fullmatch(tokens[k]):
            k += 1
        if k == j:
            break
        groups.append((i, j, k))
        i = k
    out: list[Table] = []
    g = 1
    while g < len(groups):
        words, figures = groups[g][1] - groups[g][0], groups[g][2] - groups[g][1]
        h = g
        while h < len(groups) and groups[h][1] - groups[h][0] == words and groups[h][2] - groups[h][1] == figures:
            h += 1
        first = groups[g - 1]
        if h - g + 1 >= INLINE_ROWS_MIN and first[2] - first[1] == figures and first[1] - first[0] > words:
            table = _inline_table(tokens, first, groups[g:h], words, figures, page)
            if table is not None:
                out.append(table)
        g = max(h, g + 1)
    return out


def _inline_table(tokens: Sequence[str], first: tuple[int, int, int], rest: Sequence[tuple[int, int, int]],
                  words: int, figures: int, page: int | None) -> Table | None:
    """The Table of one run of records, its header the words before the first record back to a colon or stop."""
    lead = list(tokens[first[0]:first[1] - words])
    start = max((n + 1 for n, t in enumerate(lead) if re.search(r"[:：。；]", t)), default=0)
    caption = " ".join(lead[:start])
    head = lead[start:]
    if start and re.search(r"[:：。；]", lead[start - 1]) and re.split(r"[:：。；]", lead[start - 1])[-1]:
        head = [re.split(r"[:：。；]", lead[start - 1])[-1]] + head
    if len(head) < words + figures or any(len(t) > 10 or re.search(r"\d", t) for t in head):
        return None
    text_cols, figure_words = head[:words], head[words:]
    cut = [n + 1 for n, t in enumerate(figure_words) if _FIGURE_HEAD_END.search(t)]
    if len(cut) != figures or cut[-1] != len(figure_words):
        if len(figure_words) % figures:
            return None
        cut = [len(figure_words) // figures * (n + 1) for n in range(figures)]
    figure_cols = ["".join(figure_words[a:b]) for a, b in zip([0] + cut[:-1], cut)]
    rows = [tuple(text_cols + figure_cols)]
    rows += [tuple(tokens[a:c]) for a, _, c in [(first[1] - words, first[1], first[2]), *rest]]
    title = re.split(r"[:：。；，,]", caption.rstrip(":：。；"))[-1] if caption else ""
    title = re.sub(r"(?:详细情况|具体情况)?(?:详)?见下表$", "", squash(title)) or "表"
    return Table(title=title, rows=tuple(rows), header_rows=1, unit=None, page=page,
                 row_pages=tuple(page for _ in rows), row_lines=tuple(None for _ in rows), cells_kept=True)


def _numbered_heading(line: str) -> bool:
    return bool(SECTION_HEADING.match(line) or SUBSECTION_HEADING.match(line))


def _unwrapped(rows: Sequence[tuple[str, ...]]) -> tuple[list[tuple[str, ...]], list[int]]:
    """The rows without the header printed again (at a page break) and with a label wrapped onto a row of its
    own (`基本支出和项目支` | `出合计`) joined to the row above; and the index of each kept row."""
    out: list[tuple[str, ...]] = []
    kept: list[int] = []
    for k, row in enumerate(rows):
        filled = [j for j, c in enumerate(row) if c]
        if k and squash("".join(row)) == squash("".join(rows[0])):
            continue
        if out and len(filled) == 1 and not re.search(r"\d", row[filled[0]]) and filled[0] < len(out[-1]) \
                and out[-1][filled[0]] and re.search(r"\d", "".join(out[-1])):
            j = filled[0]
            out[-1] = out[-1][:j] + (out[-1][j] + row[j],) + out[-1][j + 1:]
            continue
        out.append(row)
        kept.append(k)
    return out, kept


def _text_caption_top(lines: Sequence[str], u: int) -> int | None:
    """Index of the first caption line (title / 公开NN表 / 部门：…) above unit line u, or None when
    no title or label sits within the 5 non-empty lines above it."""
    top, seen, found = None, 0, False
    if _is_title_line(lines[u].split("单位")[0]) or LABEL_RE.search(squash(lines[u])):
        top, found = u, True
    j = u
    while j > 0 and seen < 5:
        j -= 1
        s = lines[j].strip()
        if not s:
            continue
        seen += 1
        if LABEL_RE.fullmatch(squash(s)) or _is_title_line(s):
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
            tok, pos = WS_RE.sub("", num.group(0)), num.end()
        else:
            end = pos
            while end < len(s) and not s[end].isspace():
                end += 1
            tok, pos = s[pos:end], end
        if len(tok) == 1 and CJK_RE.match(tok):
            singles.append(tok)
            continue
        if singles:
            cells.append("".join(singles))
            singles.clear()
        cells.append(tok)
    if singles:
        cells.append("".join(singles))
    return tuple(cells)
