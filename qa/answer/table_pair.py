"""One row read in two tables the question names (`收支预算总表和财政拨款收支预算总表里的项目支出差多少`,
`支出总表的教育支出比财政拨款口径的…多多少`): the row's figure in each, and their difference — an auditor's check
that two tables of one report agree."""
from __future__ import annotations

import re
from typing import Sequence

from ..lexicon import question_words
from ..lexicon.formula_table import formulas
from ..models import Answer, Fact, Figure
from ..search.query import Query
from ..store.index import Index
from ..text.chars import find_cue, squash
from ..text.numbers import AMOUNT_UNITS, format_value, to_wan
from .match import Statement, match_question
from .said_names import operation_free
from .statements import _citations, _report_name

#: a table named in a question: words ending in 表 (收支预算总表, 财政拨款收支总表)
_TABLE_SAID = re.compile(r"[\u4e00-\u9fff“”]{2,16}?表")
#: the column a table's row is read in when the question names none, best first
_MAIN_COLUMNS = ("合计", "预算数", "决算数", "本年预算数", "年初预算数", "全年预算数", "小计")


def answer_table_pair(question: str, query: Query, facts: Sequence[Fact], doc: dict, index: Index) -> Answer | None:
    """The row the question names in each of the two tables it names, and how far apart they are; None when it
    names no two of the report's tables, asks no difference, or either table lacks the row."""
    if not asks_table_gap(query):
        return None
    said, tables = tables_named(query.topic, facts)
    if len(tables) != 2:
        return None
    item = operation_free(squash(query.topic))
    for s in sorted(said, key=len, reverse=True):  # (财政拨款收支预算总表 before the 收支预算总表 inside it)
        item = item.replace(s, " ")
    agree = "|".join(map(re.escape, question_words()["agreement_asked"]))
    item = re.sub(rf"(?:{agree}|口径|里|中|的|和|与|比|跟|差|多|少|一致)+", " ", item).strip()
    rows = [_row(item, [f for f in facts if f.table == t]) for t in tables]
    if any(r is None for r in rows) or len({r.unit in AMOUNT_UNITS for r in rows}) != 1:
        return None
    a, b = rows
    gap = round(to_wan(a.value, a.unit) - to_wan(b.value, b.unit), 2) if a.unit in AMOUNT_UNITS else round(a.value - b.value, 2)
    unit = "万元" if a.unit in AMOUNT_UNITS else a.unit
    formula = f"{format_value(to_wan(a.value, a.unit))} − {format_value(to_wan(b.value, b.unit))} = {format_value(gap)}{unit}"
    name = _report_name(index, doc["doc_id"])
    lines = [f"{name}：{a.table}中{a.subject}{_column(a)} {format_value(a.value)}{a.unit}；"
             f"{b.table}中{b.subject}{_column(b)} {format_value(b.value)}{b.unit}。",
             ("两表一致。" if abs(gap) < 0.005 else f"两表相差 {format_value(abs(gap))}{unit}（计算：{formula}）。")]
    figures = (Figure(a.value, a.unit, f"{a.table} {a.subject}"), Figure(b.value, b.unit, f"{b.table} {b.subject}"),
               Figure(abs(gap), unit, "两表相差", formula))
    return Answer(question=question, found=True, text="\n".join(lines), figures=figures,
                  citations=tuple(_citations([Statement.of(a), Statement.of(b)], index)), method="facts")


def asks_table_gap(query: Query) -> bool:
    """Whether the question asks a gap (差多少, 对得上吗) and says two tables' words (…表 … …表)."""
    return len(_said_tables(query.topic)) >= 2 and any(
        find_cue(c, query.text) for c in (*formulas().formulas["差额"].cues, *question_words()["agreement_asked"]))


def _said_tables(text: str) -> list[str]:
    return [squash(m.group(0)) for m in _TABLE_SAID.finditer(re.sub(r"[和与跟同及、，,]", " ", text))]


def tables_named(text: str, facts: Sequence[Fact]) -> tuple[list[str], list[str]]:
    """The tables a question names by their titles' words (`收支预算总表和财政拨款收支预算总表`): the words as said,
    and the report's titles they name, in order."""
    said = _said_tables(text)
    titles = sorted({f.table for f in facts if f.table}, key=len)
    return said, list(dict.fromkeys(t for s in said if (t := _title_of(s, titles)) is not None))


#: what a table's title prints beside its name: its number (公开03表, 预算05表, 表5, 表十一), an ordinal (十二、) and year
_TITLE_MARKS = re.compile(r"(?:公开|预算)\d+表[：:]?|表[\d一二三四五六七八九十]+|^[一二三四五六七八九十]+、|^\d{4}年度?|^年度?")
#: the fewest characters of a table's name that say it
_NAME_MIN = 4


def table_name_of(title: str) -> str:
    """A table's name without what its title prints beside it (2024年度支出决算表 公开03表 → 支出决算表)."""
    return _TITLE_MARKS.sub("", squash(title))


def table_titled(text: str, facts: Sequence[Fact]) -> str | None:
    """The table whose whole name the question says (`支出决算表里`: 支出决算表 公开03表, not 一般公共预算财政拨款支出
    决算表, whose name is longer than what is said; `…明细表（按支出经济分类里`: that one, not …（按支出功), the
    longest such name; else the shortest title holding the words said before 表; None when it says none, or two
    names alike."""
    said = squash(text)
    names: dict[str, set[str]] = {}
    for title in {f.table for f in facts if f.table}:
        name = table_name_of(title)
        if len(name) >= _NAME_MIN and name in said:
            names.setdefault(name, set()).add(title)
    if not names:  # (部门支出总表 said as 支出总表: the words 部门 went to the report's scope) the shortest title
        # holding the words said before 表
        titles = sorted({f.table for f in facts if f.table}, key=len)
        return next((t for w in _said_tables(text) if len(w) >= _NAME_MIN and (t := _title_of(w, titles))), None)
    longest = max(names, key=len)
    return next(iter(names[longest])) if len(names[longest]) == 1 else None


def _title_of(said: str, titles: Sequence[str]) -> str | None:
    """The shortest title holding the table's words as said (收支预算总表: 收支预算总表, not 财政拨款收支预算总表)."""
    return next((t for t in titles if said in squash(t)), None)


def _row(item: str, facts: Sequence[Fact]) -> Fact | None:
    """The row the item names in one table, in the column named, else the table's main column."""
    if not facts or not item:
        return None
    match = match_question(item, {f.subject for f in facts})
    if match is None or len(match.subjects) != 1:
        return None
    mine = [f for f in facts if f.subject == match.subjects[0]]
    for measure in (*match.measures, *_MAIN_COLUMNS):
        got = [f for f in mine if f.measure == measure]
        if got:
            return got[0]
    return mine[0] if len({f.measure for f in mine}) == 1 else None


def _column(f: Fact) -> str:
    return "" if f.measure in _MAIN_COLUMNS else f"（{f.measure}）"
