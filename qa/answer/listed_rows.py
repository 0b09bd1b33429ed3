"""Rows a table lists without a 科目编码 (projects, purchases) in reading order: a row printed again on each page
is one row, a heading row adding up the rows under it is a subtotal, and a question may pick the rows of one
heading (政府采购的货物里) or of a category their line prints (组织形式为“部门集中采购”的).
"""
from __future__ import annotations

import re
from dataclasses import replace
from typing import Sequence

from ..lexicon import parts_named
from ..lexicon.formula_table import operation_words
from ..models import Fact
from ..search.operation import Operation
from ..text.chars import squash, unquoted, written_shorter
from ..text.numbers import to_wan
from .asked import CHANGE_MEASURES
from .row_records import NARRATIVE, Row, RowSet

_TOTAL = re.compile(r"^([\u4e00-\u9fff]{0,6}(?:合计|总计|小计)|项目名称|项目|科目名称|栏次)$")


def _bigrams(text: str) -> set[str]:
    text = re.sub(r"[^\u4e00-\u9fff]", "", text)
    return {text[i : i + 2] for i in range(len(text) - 1)}


def _project_rows(facts: Sequence[Fact], column: str) -> list[Fact]:
    """The uncoded rows of a column; a row printed again on each page its cells span (a project's name and
    amount above each page's part of its targets) is one row, so that a heading's sum can be checked."""
    rows = [f for f in facts if f.measure == column and not f.subject_code and not _TOTAL.match(f.subject)]
    pages: dict[tuple[str, float], int] = {}
    kept = []
    for f in rows:  # (the same row twice on one page is two purchases of one thing: both kept)
        last = pages.get((f.subject, f.value))
        if last is None or f.page is None or f.page != last + 1:
            kept.append(f)
        pages[(f.subject, f.value)] = f.page if f.page is not None else -2
    return kept


def _subtotals(ordered: Sequence[Fact], single: bool = False) -> tuple[list[Fact], list[bool]]:
    """(the rows, whether each is a subtotal), rows in reading order. A row is a subtotal when its value is
    the sum of a run of two or more rows right after it (a department or group heading its projects), or
    equals the next row when that row is a subtotal itself (a chain of headings). `single`: a row the next
    row equals is one too (a project heading its only purchase), and that row is named with it
    (会议服务（人代会五次会议经费）: several projects may buy the same thing)."""
    subtotal = [False] * len(ordered)
    ends = list(range(len(ordered)))  # a subtotal's last row (the end of the rows it adds up)
    for i in range(len(ordered) - 1, -1, -1):
        value, run, counted, k = ordered[i].value, 0.0, 0, i + 1
        while k < len(ordered):
            run += ordered[k].value  # a heading below stands for its rows: they are skipped
            counted += 1
            if abs(run - value) < 0.005 and (counted >= 2 or subtotal[i + 1] or single and not subtotal[k]):
                subtotal[i], ends[i] = True, ends[k]
                break
            if run > value + 0.005:
                break
            k = ends[k] + 1
    rows = list(ordered)
    if single:
        for i in range(len(ordered) - 1):
            f, g = ordered[i], ordered[i + 1]
            if subtotal[i] and not subtotal[i + 1] and abs(f.value - g.value) < 0.005 and f.subject not in g.subject:
                rows[i + 1] = replace(g, subject=f"{g.subject}（{f.subject}）")
    return rows, subtotal


def _drop_subtotals(cells: Sequence[Fact]) -> list[Fact]:
    """The rows that are not subtotals (see `_subtotals`), in reading order."""
    ordered = sorted(cells, key=lambda f: (f.page or 0, (f.lines or (0, 0))[0]))
    rows, subtotal = _subtotals(ordered)
    return [f for f, sub in zip(rows, subtotal) if not sub]


def _under_heading(item: str, cells: Sequence[Fact]) -> list[Fact]:
    """The rows of a table that are not subtotals; when the question names a subtotal row (货物 of
    `一、货物A`), only the rows it adds up."""
    ordered = sorted(cells, key=lambda f: (f.page or 0, (f.lines or (0, 0))[0]))
    kept = _drop_subtotals(ordered)
    wanted = _bigrams(item)
    headings = [i for i, f in enumerate(ordered) if _bigrams(f.subject) & wanted]
    if not headings:
        return kept
    start = max(headings, key=lambda i: ordered[i].value)  # the section's own row is its largest
    total = ordered[start].value
    # the rows that add up to the heading: first without single-row headings, then with them (a project's one
    # purchase printed under it); the sum decides
    for single in (False, True):
        rows, subtotal = _subtotals(ordered, single)
        run, under = 0.0, []
        for f, sub in zip(rows[start + 1:], subtotal[start + 1:]):
            if run >= total - 0.005:
                break
            if not sub:
                under.append(f)
                run += f.value
        if abs(run - total) < 0.015:
            return under
    return kept


def _picked_by_quote(op: Operation, rows: list[Fact]) -> list[Fact]:
    """The rows whose printed line holds the category the question quotes (组织形式为“部门集中采购”的: the rows of
    that 采购组织形式), when some but not all do."""
    for name in op.quoted:
        hit = [f for f in rows if name in squash(f.quote or "")]
        if 0 < len(hit) < len(rows):
            return hit
    return rows


def picked_by_name(op: Operation, rows: list[Fact]) -> list[Fact]:
    """The rows the question lists by name, or all rows when it lists none or fewer than two of its names are
    rows here (the 、 joined other words: 年初没预算、年中追加的)."""
    named = named_rows(op, rows)
    return rows if named is None else named


def named_rows(op: Operation, rows: Sequence[Fact]) -> list[Fact] | None:
    """The rows the question lists by name (`学前、小学、初中这几项`: 学前教育, 小学教育, 初中教育): a row whose
    name the listed name opens (学前 -> 学前教育), or, for the first and last names, which carry the question's
    words around them, the row name they end or open with; None unless two or more of its names are rows."""
    if not op.named:
        return None
    last = len(op.named) - 1

    def matches(subject: str, k: int) -> bool:
        name = squash(op.named[k])
        return subject.startswith(name) or k == 0 and name.endswith(subject) or k == last and name.startswith(subject)

    hit = [f for f in rows if any(len(f.subject) >= 2 and matches(f.subject, k) for k in range(len(op.named)))]
    found = {k for k in range(len(op.named)) if any(matches(f.subject, k) for f in hit)}
    return hit if len(found) >= 2 else None


#: the fewest characters of a group's name, as the question writes it (信息化服务, 会议服务)
GROUP_NAME_MIN = 3


def named_group(item: str, cells: Sequence[Fact], column: str, known: set[str],
                elsewhere: set[str]) -> tuple[str, list[Fact]] | None:
    """The rows of one column whose names hold a group the question names but no row is named (`信息化服务类合计`:
    every `0210-信息化服务…` row of a 政府购买服务 table, separate purchases included), with that name; the longest
    such name held by two or more rows of two or more names, not by all of them. None when the question names none.
    `known`: the report's subjects; a name within one the question names is that item, to look up, not a group.
    `elsewhere`: the subjects of the report's other tables."""
    rows = _drop_subtotals(_project_rows(cells, column))
    if len(rows) < 3:
        return None
    runs = re.findall(r"[\u4e00-\u9fff]+", item)
    flat = "".join(runs)  # (an item named with its punctuation: 举办理论研讨会、行业交流会等)
    items = [k for k in known if len(k) >= GROUP_NAME_MIN and re.sub(r"[^\u4e00-\u9fff]", "", k) in flat]
    names = sorted({p[i:j] for p in runs for i in range(len(p)) for j in range(i + GROUP_NAME_MIN, len(p) + 1)},
                   key=lambda s: (-len(s), s))
    for name in names:
        hits = [f for f in rows if name in f.subject]
        if len(hits) < 2 or len(hits) == len(rows):
            continue
        named = {f.subject for f in hits}
        if len(named) < 2 or any(name in k for k in items) or named & elsewhere or any(
                name in k for k in known - named):
            # (the longest name the rows share decides: one row's name, an item named, a name within another item
            # of the report — 湖州市军队离休退休干部休养所, whose 三公 rows these are — or rows the report's other
            # tables print too are no group)
            return None
        return name, hits
    return None


#: how many narrative figures after a whole are read for the paragraphs listing its parts
PARAGRAPH_SCAN = 60


def paragraph_parts(item: str, facts: Sequence[Fact]) -> tuple[Fact, list[Fact]] | None:
    """A whole the question names in full (项目支出) whose parts the next paragraphs list, each opening with the
    part's name and amount (`项目支出主要用于：` / `打击欺诈骗保监督检查工作经费项目 11.20 万元，主要成效：…`): (the whole,
    its parts) when those amounts add up to the whole exactly; None otherwise. A sentence's later figures, and a
    sentence not opening with its own figure's name, are no part."""
    asked = squash(item)
    named = re.split("里|中", asked)[0]  # 项目支出中…: the whole, which the report may name longer (…财政拨款项目支出)
    said = [f for f in facts if f.table is None and f.unit in ("元", "万元", "亿元") and f.measure not in CHANGE_MEASURES]
    said.sort(key=lambda f: (f.page or 0, f.lines[0] if f.lines else 0))  # (stable: reading order within a page)
    for i, whole in enumerate(said):
        # (the whole is the last thing the question names before its parts: not 基本支出 of 基本支出的商品和服务支出)
        if len(whole.subject) < 4 or whole.value <= 0 or len(named) < 4 or not (
                named.endswith(whole.subject) or whole.subject.endswith(named)):
            continue
        goal, total, parts, quotes = to_wan(whole.value, whole.unit), 0.0, [], {whole.quote}
        for f in said[i + 1 : i + 1 + PARAGRAPH_SCAN]:
            if f.quote in quotes:
                continue
            quotes.add(f.quote)
            text = squash(f.quote)
            at = text.find(f.subject)
            wan = to_wan(f.value, f.unit)
            # the part's name in its sentence's first clause (医保局 2018-2021 年X项目…), or right after the words
            # opening the list (项目支出主要用于：X项目…)
            lead = text[:at]
            if at < 0 or re.search(r"[，,。；;：:]", lead.rstrip("：:")) or total + wan > goal + 0.005 or wan == goal:
                continue
            parts.append(f)
            total += wan
            if abs(total - goal) < 0.005:
                return (whole, parts) if len(parts) >= 2 else None
    return None


def described_projects(facts: Sequence[Fact]) -> list[Fact]:
    """The projects a budget report describes one by one (`贸易高质量发展专项（政策资金）经费情况说明 … 2025年度项目
    总预算2921.00万，其中…`, operations.json project_totals): for each, the fact stating the total its sentence opens
    with under the section's own name, which the sentence does not write. [] when fewer than two are described."""
    opens = "|".join(map(re.escape, operation_words()["project_totals"]))
    total = re.compile(rf"(?:{opens})(?:为|是)?([\d,]+(?:\.\d+)?)")
    out: dict[str, Fact] = {}
    for f in facts:
        if f.table is not None or f.unit not in ("元", "万元", "亿元") or len(f.subject) < 2:
            continue
        m = total.search(squash(f.quote))
        if m and abs(float(m.group(1).replace(",", "")) - f.value) < 0.005 and f.subject not in squash(f.quote):
            out.setdefault(f.subject, f)
    return list(out.values()) if len(out) >= 2 else []


#: the fewest characters of a table's title, ending with 表, a question must write for the title to name that table
TABLE_NAME_MIN = 5


def names_a_table(text: str, facts: Sequence[Fact]) -> bool:
    """Whether the question names a table the report's facts are read from (`项目支出预算表里哪个项目最大`: 2026年市级部门
    项目支出预算表): its rows are what it asks about, not a list a sentence gives."""
    said = squash(text)
    titles = {squash(f.table) for f in facts if f.table}
    if any(said[i:j] in t for j in range(TABLE_NAME_MIN, len(said) + 1) if said[j - 1] == "表"
           for i in range(0, j - TABLE_NAME_MIN + 1) for t in titles) or table_of_stated_total(text, facts):
        return True
    # 打击欺诈骗保项目的支出明细: a title said with words left out (打击欺诈骗取医保项目支出明细), ending as it ends
    plain = unquoted(said).replace("的", "")  # (“打击欺诈骗取医保”项目的支出明细: the marks no part of it)
    for t in {re.sub(r"^\d{4}年度?", "", t) for t in titles}:
        ends = [m.end() for m in re.finditer(re.escape(t[-2:]), plain)] if len(t) >= TABLE_TITLE_SAID else []
        if any(written_shorter(plain[i:j], t, TABLE_TITLE_SHARE, shortest=TABLE_TITLE_SAID)
               for j in ends for i in range(0, j - TABLE_TITLE_SAID + 1)):
            return True
    return breakdown_said(text, facts) is not None


def breakdown_said(text: str, facts: Sequence[Fact]) -> str | None:
    """The one table breaking down a thing the question names in full (打击欺诈骗取医保的钱都花在哪些方面: the table
    打击欺诈骗取医保项目支出明细), or None when it names none or several."""
    plain = unquoted(squash(text))
    said = {t for t in {f.table for f in facts if f.table and _BREAKDOWN.search(f.table)}
            if len(head := _BREAKDOWN.sub("", squash(t))) >= BREAKDOWN_HEAD_MIN and head in plain}
    return said.pop() if len(said) == 1 else None


#: the title of a breakdown printed for one thing (打击欺诈骗取医保项目支出明细), not a table of many (…明细表)
_BREAKDOWN = re.compile(r"(?:项目)?(?:支出)?明细$")
#: the fewest characters of that thing's name the question must say
BREAKDOWN_HEAD_MIN = 4


#: a table title said with words left out: at least this many characters, and this share of the title
TABLE_TITLE_SAID = 6
TABLE_TITLE_SHARE = 0.75


#: the rows a table prints its total on
TABLE_TOTALS = ("合计", "总计")


#: a whole the question states by its amount before what is asked of it (`打击欺诈骗保那72.35万元里，哪一项最大`,
#: `城乡医疗救助预算1403.1万元里，区级财政出了多大比例`)
STATED_WHOLE = re.compile(r"(\d+(?:\.\d+)?)\s*(万元|亿元|元)(?:的?(?:预算|资金|支出|经费))?(?:里|中|当中|之中|里面)")


def table_of_stated_total(text: str, facts: Sequence[Fact]) -> str | None:
    """The one table whose total row (合计, 总计) is the amount the question states as the whole its rows are asked
    of; None when it states none, or no table or several have that total."""
    m = STATED_WHOLE.search(squash(text))
    if m is None:
        return None
    wan = to_wan(float(m.group(1)), m.group(2))
    tables = {f.table for f in facts if f.table and f.subject in TABLE_TOTALS and f.unit in ("元", "万元", "亿元")
              and abs(to_wan(f.value, f.unit) - wan) < 0.005}
    return tables.pop() if len(tables) == 1 else None


def parts_of_whole(item: str, cells: Sequence[Fact]) -> list[Fact]:
    """The rows that are the parts the lexicon gives a whole the question names (三公经费 -> 因公出国（境）费,
    公务用车购置及运行维护费, 公务接待费), when two or more of them are rows here; else []."""
    parts = parts_named(item)
    got = [f for f in cells if names_part(f.subject, parts)]
    return got if len({f.subject for f in got}) >= 2 else []


def narrative_parts_of_whole(item: str, facts: Sequence[Fact]) -> RowSet | None:
    """The parts the lexicon gives a whole the question names, each as the narrative states its amount (the first
    budget or final figure of its name), when two or more are stated; else None."""
    parts = parts_named(item)
    stated = [f for f in facts if f.table is None and f.measure in ("预算数", "决算数") and names_part(f.subject, parts)]
    firsts = {}
    for f in stated:
        firsts.setdefault(f.subject, f)
    if len(firsts) < 2:
        return None
    rows = tuple(Row(f.subject, None, f.value, f.unit, f) for f in firsts.values())
    return RowSet(NARRATIVE, rows[0].fact.measure, None, rows, noun="部分")


def names_part(subject: str, parts: Sequence[str]) -> bool:
    """Whether a row or sentence names one of the parts, as printed with 支出 or 费用 (因公出国（境）费用)."""
    return subject.removesuffix("支出").removesuffix("用") in parts
