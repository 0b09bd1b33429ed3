"""Row round trip: questions over many rows of a report's tables, generated from its own facts, with their
answers computed from those facts — the round trip (qa/eval/roundtrip.py) for operations over rows.

Each report's 科目 tables (rows with a 科目编码; `Fact.table`, `Fact.subject_code`) give questions whose right answer
is computed here from the rows: the largest and smallest row of a level (类 3 digits, 款 5, 项 7), how many rows the
level has, how many pass a bound, the first three; the rows with money in one column (有项目支出的), the rows under
a 类; a fund's rows asked by its words (财政拨款支出涉及几个项级科目); the 经济分类 rows of a 基本支出 table.

Phrasings (`PHRASINGS`), each asked of the table by its title's words unless it says otherwise:
- `title`: 长沙市公安局2025年一般公共预算支出表中，哪个项级科目最多？ (max, min, count, filter, rank)
- `formal`: the department's short form — 在公安局2025年的…里，金额最大的项级科目是什么，是多少？
- `plain`: no table named, of the report's whole spending table — 公安局2025年哪一项支出最多？
- `column`: a column of the table — …中，项目支出最多的项级科目是哪个？ / 有项目支出的项级科目有几个？
- `parent`: the rows under a 类 — …中，公共安全支出下面有几个项级科目？ / 公共安全支出里哪一项最多？
- `fund`: the fund's words, no title — …财政拨款支出涉及几个项级科目？
- `econ`: 经济分类 款 rows of a 基本支出 table — …里，哪个经济分类款级科目最多？

Only sets a question can ask without ambiguity are used: three rows or more, each name once, every figure distinct
and above zero. `benchmarks/row_operations.py` asks them and prints the share answered right.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any, Iterable, Sequence

from ..answer.table_pair import table_name_of
from ..lexicon.formula_table import formulas
from ..models import Fact
from ..text.numbers import to_wan
from .generated import GeneratedQuestion
from .gold import GoldItem, GoldValue
from .roundtrip import ReportFacts, full_name, printed_decimals, short_name

PHRASINGS = ("title", "formal", "plain", "column", "parent", "fund", "econ")
OPERATIONS = ("max", "min", "count", "filter", "rank")
#: 科目 levels by the digits of their code
LEVELS = {"类": 3, "款": 5, "项": 7}
#: the columns a spending table splits its total into
PART_COLUMNS = ("基本支出", "项目支出")
#: the words of a fund, narrowest first, and the words a title of that fund's spending table must not hold
FUNDS = {"一般公共预算财政拨款": (), "财政拨款": ("一般公共预算",)}
#: a title names a narrower table than the report's whole spending: not the `plain` table
NARROWER = ("财政拨款", "一般公共预算", "基本支出", "项目支出", "政府性基金", "国有资本", "三公")
#: bounds tried for a filter, largest first (万元)
STEPS = (10000, 5000, 1000, 500, 100, 50, 10, 5, 1, 0.5, 0.1)


@dataclass(frozen=True)
class RowQuestion(GeneratedQuestion):
    """One generated question over rows: `table` = the title of the table its rows are read from."""

    table: str
    rows: tuple[Fact, ...] = field(repr=False, default=())

    def gold(self) -> GoldItem:
        return self.as_gold("aggregate", note=f"{self.table}: {len(self.rows)} rows")

    def to_dict(self) -> dict[str, Any]:
        return {**super().to_dict(), "table": self.table,
                "rows": [f"{f.subject_code} {f.subject} {f.value}" for f in self.rows]}


def table_words(title: str, department: str = "") -> str:
    """A table's title as a question says it: its name (`table_pair.table_name_of`: without its number, 公开03表, and
    year) without the department (2025年部门支出预算总表 → 部门支出预算总表)."""
    words = table_name_of(title)
    return words.replace(department, "") if department else words


def _figure(f: Fact) -> GoldValue:
    return GoldValue(value=f.value, unit=f.unit, decimals=printed_decimals(f))


def _count(n: int) -> GoldValue:
    return GoldValue(value=n, unit="个", decimals=0)


def _name(f: Fact) -> GoldValue:
    return GoldValue(value=f.subject)


def _clean(rows: Iterable[Fact]) -> list[Fact] | None:
    """The rows, largest first, when a question can ask of them without ambiguity; else None."""
    rows = list(rows)
    values = [f.value for f in rows]
    if len(rows) < 3 or len({f.subject for f in rows}) < len(rows) or len(set(values)) < len(values) \
            or min(values) <= 0:
        return None
    return sorted(rows, key=lambda f: -f.value)


def _cells(facts: Sequence[Fact], column: str, digits: int, family: str = "2") -> list[Fact]:
    """One cell per 科目编码 of a column, at one level of one classification (2 功能, 3 经济)."""
    seen: dict[str, Fact] = {}
    for f in facts:
        code = f.subject_code or ""
        if f.measure == column and code.isdigit() and len(code) == digits and code.startswith(family):
            seen.setdefault(code, f)
    return list(seen.values())


def _total_column(facts: Sequence[Fact]) -> str | None:
    measures = {f.measure for f in facts}
    return next((c for c in formulas().row_columns if c in measures), None)


def _bound(rows: Sequence[Fact]) -> tuple[float, int] | None:
    """(a round bound in 万元 between the middle rows, how many rows exceed it), or None."""
    k = len(rows) // 2
    high, low = to_wan(rows[k - 1].value, rows[k - 1].unit), to_wan(rows[k].value, rows[k].unit)
    return next(((b, k) for step in STEPS if low < (b := int(high / step) * step) < high), None)


def _spending_tables(facts: Sequence[Fact]) -> dict[str, list[Fact]]:
    tables: dict[str, list[Fact]] = defaultdict(list)
    for f in facts:
        if f.table and f.subject_code and "支出" in f.table and "收入" not in f.table:
            tables[f.table].append(f)
    return tables


def plan_rows(report: ReportFacts) -> list[RowQuestion]:
    """Every row question of one report, in a fixed order."""
    ident = report.identity
    who, short, year = full_name(ident), short_name(ident) or full_name(ident), ident.year
    out: list[tuple[str, str, str, tuple[GoldValue, ...], str, Sequence[Fact]]] = []

    def ask(op: str, phrasing: str, question: str, answers: Sequence[GoldValue], table: str, rows: Sequence[Fact]):
        out.append((op, phrasing, question, tuple(answers), table, tuple(rows)))

    tables = _spending_tables(report.facts)
    for title, facts in tables.items():
        said = f"{who}{year}年{table_words(title, ident.department or '')}"
        column = _total_column(facts)
        if column is None:
            continue
        for level, digits in LEVELS.items():
            rows = _clean(_cells(facts, column, digits))
            if rows is None:
                continue
            top, low = rows[0], rows[-1]
            ask("max", "title", f"{said}中，哪个{level}级科目最多？", (_name(top), _figure(top)), title, rows)
            ask("min", "title", f"{said}中哪个{level}级科目最少？", (_name(low), _figure(low)), title, rows)
            ask("count", "title", f"{said}里有几个{level}级科目？", (_count(len(rows)),), title, rows)
            bound = _bound(rows)
            if bound is not None:
                ask("filter", "title", f"{said}里，超过{bound[0]:g}万元的{level}级科目有几个？", (_count(bound[1]),), title,
                    rows)
            ask("rank", "title", f"{said}中排前三的{level}级科目是哪些？", [_name(f) for f in rows[:3]], title, rows)
            words = table_words(title, ident.department or "")
            ask("max", "formal", f"在{short}{year}年的{words}里，金额最大的{level}级科目是什么，是多少？",
                (_name(top), _figure(top)), title, rows)
            if level == "项" and "支出" in title and not any(w in title for w in NARROWER):
                ask("max", "plain", f"{short}{year}年哪一项支出最多？", (_name(top), _figure(top)), title, rows)
                ask("count", "plain", f"{short}{year}年支出涉及几个项级科目？", (_count(len(rows)),), title, rows)
        _column_questions(said, title, facts, ask)
        _parent_questions(said, title, facts, column, ask)
    _fund_questions(who, short, year, tables, ask)
    _econ_questions(who, year, ident.department or "", report.facts, ask)
    return [RowQuestion(id=f"{report.label}#{i}:{op}:{phrasing}", report=report.label, op=op, phrasing=phrasing,
                        question=q, answers=answers, sources=report.sources, table=table, rows=rows)
            for i, (op, phrasing, q, answers, table, rows) in enumerate(out)]


def _column_questions(said: str, title: str, facts: Sequence[Fact], ask) -> None:
    """The 项 rows with money in one of the columns the total splits into, and the largest of them."""
    for column in PART_COLUMNS:
        cells = _cells(facts, column, LEVELS["项"])
        if len(cells) < 3 or len({f.subject for f in cells}) < len(cells):
            continue
        held = sorted((f for f in cells if f.value > 0), key=lambda f: -f.value)
        ask("count", "column", f"{said}里，有{column}的项级科目有几个？", (_count(len(held)),), title, held)
        if len(held) >= 2 and held[0].value != held[1].value:
            ask("max", "column", f"{said}中，{column}最多的项级科目是哪个？", (_name(held[0]), _figure(held[0])), title, held)


def _parent_questions(said: str, title: str, facts: Sequence[Fact], column: str, ask) -> None:
    """The 项 rows under each 类 of the table."""
    items = _cells(facts, column, LEVELS["项"])
    for parent in _cells(facts, column, LEVELS["类"]):
        kids = [f for f in items if f.subject_code.startswith(parent.subject_code)]
        if len(parent.subject) < 3 or len(kids) < 2 or len({f.subject for f in kids}) < len(kids):
            continue
        ask("count", "parent", f"{said}中，{parent.subject}下面有几个项级科目？", (_count(len(kids)),), title, kids)
        kids.sort(key=lambda f: -f.value)
        if kids[0].value != kids[1].value:
            ask("max", "parent", f"{said}中，{parent.subject}里哪一项最多？", (_name(kids[0]), _figure(kids[0])), title, kids)


def _fund_questions(who: str, short: str, year: int | None, tables: dict[str, list[Fact]], ask) -> None:
    """A fund's 项 rows asked by the fund's words, when one table of the report holds that fund's spending."""
    for fund, unless in FUNDS.items():
        titles = [t for t in tables if fund in t and not any(w in t for w in (*unless, *NARROWER[2:]))]
        if len(titles) != 1:
            continue
        column = _total_column(tables[titles[0]])
        rows = _clean(_cells(tables[titles[0]], column, LEVELS["项"])) if column else None
        if rows is None:
            continue
        ask("count", "fund", f"{who}{year}年{fund}支出涉及几个项级科目？", (_count(len(rows)),), titles[0], rows)
        ask("max", "fund", f"{short}{year}年{fund}支出中，哪个项级科目最多？", (_name(rows[0]), _figure(rows[0])), titles[0], rows)
        ask("min", "fund", f"{who}{year}年{fund}支出里最少的项级科目是哪个？", (_name(rows[-1]), _figure(rows[-1])), titles[0],
            rows)


def _econ_questions(who: str, year: int | None, department: str, facts: Sequence[Fact], ask) -> None:
    """The 经济分类 款 rows of each 基本支出 table."""
    tables: dict[str, list[Fact]] = defaultdict(list)
    for f in facts:
        if f.table and "基本支出" in f.table and "收入" not in f.table:
            tables[f.table].append(f)
    for title, cells in tables.items():
        column = _total_column(cells)
        rows = _clean(f for f in _cells(cells, column, LEVELS["款"], family="3") if f.value > 0) if column else None
        if rows is None:
            continue
        said = f"{who}{year}年{table_words(title, department)}"
        ask("max", "econ", f"{said}里，哪个经济分类款级科目最多？", (_name(rows[0]), _figure(rows[0])), title, rows)
        ask("rank", "econ", f"{said}里，按经济分类排前三的款级科目是哪些？", [_name(f) for f in rows[:3]], title, rows)


__all__ = ["OPERATIONS", "PHRASINGS", "RowQuestion", "plan_rows", "table_words"]
