"""The parts of a whole the question states by its amount (`项目支出1097.63万元都用在了哪些项目上？各多少？`,
`收入预算131,349.6万元，按来源分各是多少？`): the report's figures of that amount, and the rows, columns or listed
parts that add up to it exactly. The sum is the check: a set of figures is the whole's parts only when it adds up
to the amount the user gave, so no name has to say which table or column holds them."""
from __future__ import annotations

import re
from itertools import combinations
from typing import Iterable, Sequence

from ..lexicon import question_words, terms
from ..models import Answer, Fact, Figure
from ..search.query import Query
from ..store.index import Index
from ..text.chars import find_cue
from ..text.numbers import AMOUNT_UNITS, Number, find_numbers, format_value, to_wan
from .derived import _TOTAL_ROWS  # (rows that close a table or a part of it: never a part of the whole)
from .match import Statement
from .statements import _citations, _report_name

#: the fewest and most parts a whole is answered with (more is a table, not an answer)
PARTS_MIN, PARTS_MAX = 2, 12
#: how far, in 万元, a sum may be from the amount stated (rounding of two-decimal figures)
SUM_TOLERANCE = 0.015


def answer_stated_whole(question: str, query: Query, facts: Sequence[Fact], doc: dict, index: Index) -> Answer | None:
    """The parts of the whole whose amount the question states, with each part's figure and the sum's check;
    None when the question states no amount, asks no parts, or no set of the report's figures adds up to it."""
    said_wholes = wholes_said(query)
    if not said_wholes:
        return None
    sided = [f for f in facts if not _other_side(f.table, query.text)]
    groups = _row_groups(sided)  # (read once for every whole tried)
    for n in said_wholes:
        said = Fact("", "", "", n.value, n.unit, "")
        wholes = [f for f in facts if _alike(f, said) and abs(_size(f) - _size(said)) < 0.005]
        # (项目 said in any way, 项目支出 too: the parts of 项目支出 are its projects first)
        best = _best_parts(wholes, sided, groups, question_words()["projects_asked"]["word"] in query.text)
        # (预算2921万元，其中区级和市级支持总部经济各是多少: parts the question names after the whole are asked alone,
        # not every part of the whole)
        if best is not None and not any(len(f.subject) >= 4 and f.subject in query.text[n.end:] for f in best[1]):
            return _answer(question, doc, index, *best)
    return None


def wholes_said(query: Query) -> list[Number]:
    """The figures the question states that may be a whole whose parts it asks: an amount, or a count whose unit
    the parts are asked in (102辆公务用车，按类型分各有多少辆; not 在职6人，人均…各是多少, nor 7个项目里…各多少分); never a
    bound on rows (超过100万元的项目各多少). [] when the parts' amounts are not asked (各多少, 分别是多少; not only
    what they are, 用在哪些方面) or an operation picks one of them (…32.65万元的支出里哪一项最多)."""
    if not any(find_cue(w, query.text) for w in question_words()["parts_asked"]) or "多少" not in query.text \
            or query.operation.function in ("max", "min", "rank", "count"):
        return []
    bound = query.operation.threshold
    bounded = bound.value if bound is not None and bound.value is not None else None
    return [n for n in find_numbers(query.text) if n.value > 0 and n.value != bounded
            and (n.unit in AMOUNT_UNITS or n.kind == "count" and re.search(f"(?:多少|几){re.escape(n.unit or '')}", query.text))]


def _other_side(table: str | None, question: str) -> bool:
    """Whether a table is of the side the question does not ask (收入预算…按来源分: no 支出 table's rows)."""
    every = tuple(terms()["total_sides"])  # (支出, 收入)
    sides = [side for side in every if side in question]
    if table is None or len(sides) != 1:
        return False
    return any(other in table for other in every if other != sides[0]) and sides[0] not in table


def _best_parts(wholes: Sequence[Fact], facts: Sequence[Fact], groups: Sequence[tuple[str, str, int | None, list[Fact]]],
                projects: bool) -> tuple[Fact, list[Fact]] | None:
    """The whole and its parts: a set adding up to it from the rows beside it in its own table or its own sentence
    first, else from its row's columns or any table; the fewest parts on a tie. None when two different sets are
    equally good (which one is meant the sum cannot tell)."""
    found: list[tuple[tuple, Fact, list[Fact]]] = []
    for whole in wholes:
        for rank, parts in _candidates(whole, facts, groups, projects):
            if PARTS_MIN <= len(parts) <= PARTS_MAX and _adds_up(parts, whole) \
                    and len({_part_name(f, whole) for f in parts}) == len(parts):
                found.append(((rank, len(parts)), whole, parts))
    if not found:
        return None
    found.sort(key=lambda c: c[0])
    best = found[0]
    rivals = [c for c in found[1:] if c[0] == best[0] and {f.value for f in c[2]} != {f.value for f in best[2]}]
    return None if rivals else (best[1], best[2])


def _candidates(whole: Fact, facts: Sequence[Fact], groups: Sequence[tuple[str, str, int | None, list[Fact]]],
                projects: bool) -> Iterable[tuple[int, list[Fact]]]:
    """(rank, parts) of the sets that may make up the whole, best rank first; projects asked (用在了哪些项目上),
    a table of projects first."""
    if projects:
        for table, measure, level, rows in groups:
            if "项目" in table and level is None:
                yield -1, [f for f in rows if f is not whole]
    if whole.table is not None:  # (its own row's columns: 合计 of 收入总表 by source, after the rows beside it)
        yield 2, [f for f in facts if f.table == whole.table and f.subject == whole.subject and f.measure != whole.measure
                  and f.measure not in _TOTAL_ROWS and f.unit == whole.unit and f.page == whole.page]
    for table, measure, level, rows in groups:
        rank = 1 if table == whole.table and measure == whole.measure else 2
        yield rank, [f for f in rows if f is not whole]
    if whole.table is None:
        said = [f for f in facts if f.table is None and f.quote == whole.quote and f is not whole
                and _alike(f, whole) and f.measure == whole.measure and f.subject != whole.subject]
        yield 1, said
        yield -1 if projects else 1, _run_after(whole, facts)  # (one sentence a project: 用在了哪些项目上)


def _run_after(whole: Fact, facts: Sequence[Fact]) -> list[Fact]:
    """The narrative figures stated one after another right after the whole (`项目支出1097.63万元…①城乡医疗救助
    995.33万元…②…60万元`), each item once, up to where they add up to it; [] when they never do."""
    if whole.lines is None:
        return []
    after = sorted((f for f in facts if f.table is None and f.lines is not None and _alike(f, whole)
                    and f.measure == whole.measure and f.subject != whole.subject and f.value > 0
                    and whole.lines[0] <= f.lines[0] <= whole.lines[1] + RUN_LINES and f is not whole),
                   key=lambda f: (f.lines[0], f.quote != whole.quote, f.quote.find(f.subject)))
    goal = _size(whole)
    items: list[Fact] = []
    for f in after:  # (a sentence's first amount is its item's: `②…经费60万元，…追回违规医保基金76.83万元` states one;
        # the whole's own sentence lists its parts: `102辆，其中：执法执勤用车84辆，特种专业技术用车12辆`)
        own = f.quote == whole.quote
        if _size(f) < goal and not any(g.subject == f.subject or g.quote == f.quote and not own for g in items):
            items.append(f)
    # (parts numbered ①②③ or 1. 2. from the first on: those alone, not the amounts the sentences between state)
    own = [f for f in items if f.quote == whole.quote]
    later = [f for f in items if f.quote != whole.quote]
    numbered = [f for f in later if _NUMBERED.search(f.quote[: max(f.quote.find(f.subject), 0)])]
    items = (own + numbered if len(numbered) >= PARTS_MIN and later[0] is numbered[0] else items)[:RUN_MOST]
    # the shortest run adding up to the whole, leaving out as few of the amounts between as may be (a figure a
    # part's sentence goes on to state: 审批依申请救助178万元)
    for skipped in range(RUN_SKIPS + 1):
        for end in range(PARTS_MIN + skipped, len(items) + 1):
            for left_out in combinations(range(end - 1), skipped):
                run = [f for k, f in enumerate(items[:end]) if k not in left_out]
                if abs(sum(_size(f) for f in run) - goal) <= SUM_TOLERANCE:
                    return run
    return []


#: how many amounts after the whole are read, and how many of them a run may leave out
RUN_MOST, RUN_SKIPS = 14, 2


#: a list's number right before a part's name (①, 1., （一）, 2、)
_NUMBERED = re.compile(r"(?:[①-⑳]|[（(]?[一二三四五六七八九十\d]{1,2}[)）、.．])\s*$")
#: how many lines after the whole its parts may be stated, one sentence each
RUN_LINES = 100


def _row_groups(facts: Sequence[Fact]) -> list[tuple[str, str, int | None, list[Fact]]]:
    """A table's rows of one column at one level (the same length of 科目编码, or uncoded), totals aside, each
    row once (a table printed again repeats its rows)."""
    groups: dict[tuple[str, str, int | None], dict[str, Fact]] = {}
    for f in facts:
        if f.table is None or not f.unit or f.unit == "%" or f.subject in _TOTAL_ROWS or f.value <= 0:
            continue
        key = (f.table, f.measure, len(f.subject_code) if f.subject_code else None)
        groups.setdefault(key, {}).setdefault(f.subject, f)
    return [(t, m, lv, list(rows.values())) for (t, m, lv), rows in groups.items()]


def _adds_up(parts: Sequence[Fact], whole: Fact) -> bool:
    if not all(_alike(f, whole) for f in parts):
        return False
    return abs(sum(_size(f) for f in parts) - _size(whole)) <= SUM_TOLERANCE


def _alike(f: Fact, whole: Fact) -> bool:
    """Figures that add up with the whole: amounts (in any money unit), or counts in its own unit."""
    return f.unit in AMOUNT_UNITS and whole.unit in AMOUNT_UNITS or bool(f.unit) and f.unit == whole.unit


def _size(f: Fact) -> float:
    """An amount in 万元, a count as it is."""
    return to_wan(f.value, f.unit) if f.unit in AMOUNT_UNITS else f.value


def _answer(question: str, doc: dict, index: Index, whole: Fact, parts: list[Fact]) -> Answer:
    name = whole.subject if whole.subject not in _TOTAL_ROWS else whole.measure
    listed = "；".join(f"{_part_name(f, whole)} {format_value(f.value)}{f.unit}" for f in parts)
    terms = " + ".join(format_value(f.value) for f in parts)
    text = (f"{_report_name(index, doc['doc_id'])}：{name} {format_value(whole.value)}{whole.unit}，其中：{listed}。\n"
            f"各项相加：{terms} = {format_value(whole.value)}{whole.unit}，与所问的数一致。")
    figures = [Figure(whole.value, whole.unit, name), *(Figure(f.value, f.unit, _part_name(f, whole)) for f in parts)]
    statements = [Statement.of(whole), *(Statement.of(f) for f in parts)]
    return Answer(question=question, found=True, text=text, figures=tuple(figures),
                  citations=tuple(_citations(statements, index)), method="facts")


def _part_name(part: Fact, whole: Fact) -> str:
    """A row's name, or the column's on the whole's own row (a column the table names in no words: said so)."""
    return (part.measure or "未标栏名的一栏") if part.subject == whole.subject else part.subject
