"""Rows and columns of a table as a question names them: a row's columns (`行政运行的基本支出`), the item named
after a context word (`基本支出里奖金`), a row named under its parent (`医疗保障管理事务下的一般行政管理事务`)."""
from __future__ import annotations

import re
from dataclasses import replace
from difflib import SequenceMatcher
from typing import Iterable, Sequence

from ..lexicon.formula_table import formulas, operation_words
from ..models import Fact
from ..search.query import terms
from ..text.chars import longest_first, squash
from ..text.tokens import word_tokens
from .listed_rows import TABLE_TOTALS
from .match import Match, match_question
from .pick import CONTEXT_WORDS, focus_of, without_context


def split_columns(match: Match, facts: Iterable[Fact], item: str) -> tuple[Match, tuple[str, ...]]:
    """`行政运行的基本支出`: a matched subject that is also a column (a measure) of another matched subject's
    table row is asked as that column, not as a second item; so are the columns of the matched subject's rows
    that the item names besides it. Returns the match without such subjects and the columns."""
    measures_of: dict[str, set[str]] = {}
    for f in facts:
        if f.table:
            measures_of.setdefault(f.subject, set()).add(f.measure)
    columns = tuple(s for s in match.subjects
                    if any(s in measures_of.get(other, ()) for other in match.subjects if other != s))
    if columns and len(columns) < len(match.subjects):
        rows = tuple(s for s in match.subjects if s not in columns)
        # (支出合计、基本支出和项目支出: the total column listed with the others is a column too, no sum asked)
        said = squash(item)
        total = next((m.group(1) for m in _TOTAL_LISTED.finditer(said)
                      if said[m.end():].startswith(("、", "，", ",", "和", "及", "与", "跟", *columns))), None)
        if total and any(total in measures_of.get(r, ()) for r in rows):
            columns = (total, *columns)
        return replace(match, subjects=rows), columns
    rest = squash(item)
    for s in match.subjects:
        rest = rest.replace(s, " ")
    vocab = terms()["measures"]  # measures the lexicon reads from the question already (预算数, 执行率)
    known = {x for m in vocab.values() for x in (*m["aliases"], *m.get("fact_measures", ()))}
    # (一般公共预算收入 names the column 一般公共预算财政拨款: a column is named by its name less the words a
    # name may leave out, terms.json optional_words)
    named = sorted({m for s in match.subjects for m in measures_of.get(s, ())
                    if len(m) >= 3 and m not in known and _where_said(m, rest) >= 0}, key=longest_first)
    # (编制数 在职人数: each column named, in the order named; a name inside a longer one named is that one's)
    named = [m for i, m in enumerate(named) if not any(m in longer for longer in named[:i])]
    return match, tuple(sorted(named, key=lambda m: _where_said(m, rest)))


def _where_said(column: str, text: str) -> int:
    """Where text names a column, in full or without the words a name may leave out (一般公共预算财政拨款 said as
    一般公共预算, of at least three characters); -1 when it does not."""
    if column in text:
        return text.find(column)
    short = column
    for word in sorted(terms()["optional_words"], key=longest_first):
        short = short.replace(word, "")
    # (not in the name of a table the question names: 一般公共预算支出功能分类预算表中 names no column)
    return _TABLE_SAID.sub(lambda m: " " * len(m.group(0)), text).find(short) if len(short) >= 3 and short != column else -1


#: a table the question names (收入预算总表里, 一般公共预算支出功能分类预算表中)
_TABLE_SAID = re.compile(r"[^\s，,、]*表(?:中|里|内|上)?")


#: a total column named in a list of columns (合计、基本支出和项目支出; 支出合计, 基本支出: the row's total column)
_TOTAL_LISTED = re.compile(r"(?:支出)?(合计|总计|小计)")


def row_and_columns(match: Match, facts: Sequence[Fact], item: str, topic: str) -> tuple[Match, tuple[str, ...]]:
    """The rows asked and the columns asked of them. Items named after a context word are the ones asked
    (`基本支出里奖金`: 奖金), unless they are only columns of the row named before it (`一般行政管理事务支出里，
    基本支出和项目支出各是多少`: that row's two columns). A row named under its parent (`医疗保障管理事务下的
    一般行政管理事务`) is the child alone."""
    focused = _table_named(in_focus(match, topic), facts, item)
    if focused.subjects != match.subjects:
        whole, columns = split_columns(match, facts, item)
        if columns and set(focused.subjects) <= set(columns):
            return child_named(whole, item, facts), columns
    focused, columns = split_columns(focused, facts, item)
    return child_named(focused, item, facts), columns


#: the words that put a row under the row named before it (医疗保障管理事务下的一般行政管理事务, X款中的Y), or a
#: dash or nothing between them (财政事务—行政运行, 档案事务行政运行: the path of the 科目, as the tables print it)
_UNDER = r"(?:[（(]?[类款][）)]?(?:下面|下|中|里|之下)?的?|(?:下面|之下|项下|下|中|里)的?|的|[-—–－/·]?)"


def _parents_named(child: str, names: Iterable[str], item: str, facts: Sequence[Fact]) -> set[str]:
    """The 类 or 款 named just before the child (`P下的C`, `P（款）C`, `P中的C`): a row printed with a 类 or 款
    科目编码, or a national 类 name, under whose code the child is printed; a total or a table named before a row
    is no parent of it."""
    named = {p for p in names if p != child and len(p) >= 2
             and re.search(f"{re.escape(p)}{_UNDER}{re.escape(child)}", item)}
    if not named:  # (most questions name no parent: the report's codes are not read for them)
        return set()
    codes: dict[str, set[str]] = {name: {code} for code, name in formulas().class_codes.items() if name in named}
    for f in facts:
        if f.subject in named and f.subject_code and f.subject_code.isdigit() and len(f.subject_code) in (3, 5):
            codes.setdefault(f.subject, set()).add(f.subject_code)
    # (the child must be printed somewhere with a 科目编码 under the parent's: 卫生健康支出的财政拨款收入 names a
    # row's column, not a child of 卫生健康支出)
    under = {f.subject_code for f in facts if f.subject == child and f.subject_code and f.subject_code.isdigit()}
    return {p for p in named if any(c.startswith(pc) and len(c) > len(pc) for c in under for pc in codes.get(p, ()))}


def child_named(match: Match, item: str, facts: Sequence[Fact]) -> Match:
    """The match without a parent row named just before its child: the child is asked."""
    if len(match.subjects) < 2:
        return match
    item = squash(item)
    parents = {p for c in match.subjects for p in _parents_named(c, match.subjects, item, facts)}
    kept = tuple(s for s in match.subjects if s not in parents)
    return replace(match, subjects=kept) if parents and kept else match


def under_named_parent(facts: Sequence[Fact], item: str, subjects: Sequence[str]) -> list[Fact]:
    """Of the rows sharing a child's name (一般行政管理事务 under two 款), those under the parent the question
    names before it: by the parent's 科目编码, or in a table printed without codes, the first such row after the
    parent's own row. Facts of other subjects, and children named without a parent, are kept as they are."""
    item = squash(item)
    names = {f.subject for f in facts}
    out = list(facts)
    for child in subjects:
        parents = _parents_named(child, names, item, facts)
        if not parents:
            continue
        codes = {f.subject_code for f in facts if f.subject in parents and f.subject_code}
        starts = {(f.table, f.lines[0]) for f in facts if f.subject in parents and f.table and f.lines}

        said_with_parent = any(f.subject == child and f.table is None and any(p in f.quote for p in parents)
                               for f in facts)

        def under(f: Fact) -> bool:
            if f.subject_code and codes:
                return any(f.subject_code.startswith(c) and len(f.subject_code) > len(c) for c in codes)
            after = [line for table, line in starts if table == f.table and f.lines and line < f.lines[0]]
            if f.table is None:  # a sentence: the one naming the parent, when some sentence does
                return any(p in f.quote for p in parents) or not said_with_parent
            if not after:
                return False
            first = min((g.lines[0] for g in facts if g.subject == child and g.table == f.table and g.lines
                         and g.lines[0] > max(after)), default=None)
            return f.lines[0] == first
        kept = [f for f in out if f.subject != child or under(f)]
        out = kept if any(f.subject == child for f in kept) else out
    return out


def in_focus(match: Match, topic: str) -> Match:
    """`基本支出里奖金`: of the items matched, those named after the context word (奖金); the context
    (基本支出) only says where the item is."""
    focus = squash(focus_of(topic))
    keep = tuple(s for s in match.subjects if s in focus)
    return replace(match, subjects=keep) if keep and len(keep) < len(match.subjects) and focus != squash(topic) else match


def _table_named(match: Match, facts: Sequence[Fact], item: str) -> Match:
    """`政府采购预算 会议服务 合计`: a subject named before another whose every figure is a row of a table titled
    with it (政府采购预算表) says where that row is, as `政府采购预算中会议服务` would; the row is asked. Items
    joined by a conjunction (`基本支出和工资福利支出`) are each asked."""
    if len(match.subjects) < 2:
        return match
    item = squash(item)
    tables = {s: {f.table for f in facts if f.subject == s} for s in match.subjects}
    joins = operation_words()["conjunctions"]

    def says_where(a: str, b: str) -> bool:  # (words between them are the title's own: 政府采购【预算】会议服务)
        at, bt = item.find(a), item.find(b)
        between = without_context(item[at + len(a): bt]) if 0 <= at < bt else None
        return (between is not None and not any(j in between for j in joins) and bool(tables[b])
                and None not in tables[b] and all(a in t and between in t.split(a, 1)[1] for t in tables[b]))

    where = {a for a in match.subjects if any(b != a and says_where(a, b) for b in match.subjects)}
    keep = tuple(s for s in match.subjects if s not in where)
    return replace(match, subjects=keep) if where and keep else match


def match_column(item: str, facts: Sequence[Fact]) -> tuple[Match | None, tuple[str, ...]]:
    """The item read as a row and a column of a table (`资本性支出的公用经费`): a table measure the item names
    (longest first) taken out, and the rest matched to a subject. (None, ()) when that does not match."""
    named = sorted({f.measure for f in facts if f.table and f.measure and len(f.measure) >= 3 and f.measure in item},
                   key=longest_first)
    for column in named:
        # 预算收入里其他收入: the kind the column is of (收入, 支出) is no other item
        rest = without_context(item, " ").replace(column, " ").replace(column[-2:], " ")
        match = match_question(rest, {f.subject for f in facts if f.measure == column})
        if match is not None and len(match.subjects) == 1:
            return match, (column,)
        # 人员经费多少, of a report printing it only as a column of its tables: the 合计 row's (总计's) figure
        totals = [t for t in ("合计", "总计") if any(f.subject == t and f.measure == column for f in facts)]
        if totals and not re.sub(r"[^\u4e00-\u9fff]", "", _TOTAL_ASKED.sub("", rest)):
            return Match((totals[0],), ()), (column,)
    return None, ()


#: the words that ask for a table's total and nothing else (总额, 合计多少)
_TOTAL_ASKED = re.compile(r"总额|总计|合计|总共|一共|共计|总数|是多少|多少|的|预算数|决算数|预算|决算|金额|\s")  # (the column named with it)

#: the fewest characters of a table's title the question must repeat for them to name that table
TABLE_WORDS_MIN = 4


#: words a table's title names a part of the spending by (基本支出明细表, 项目支出表)
_PART_TABLE_WORDS = ("基本支出", "项目支出")


def match_in_table(item: str, facts: Sequence[Fact]) -> tuple[Match, str] | None:
    """The item read as a table's name and a row of it (`一般公共预算基本支出中福利费`: the row 福利费 of the
    一般公共预算基本支出…经济分类预算表): the longest run of the item's words that a table's title repeats taken
    out, and the rest matched to that table's rows. (match, table title), or None when no one table fits best."""
    item = squash(item)
    fits: list[tuple[int, str, Match]] = []
    for table in sorted({f.table for f in facts if f.table}):
        named = common_run(item, squash(table))
        if len(named) < TABLE_WORDS_MIN:
            continue
        rows = {f.subject for f in facts if f.table == table}
        # (政府采购预算中十三届…: the context word left after the table's words goes with them)
        rest = re.sub(rf"^\s*(?:{CONTEXT_WORDS})", " ", without_context(item.replace(named, " "), " "))
        match = match_question(rest, rows)
        total = next((t for t in TABLE_TOTALS if t in rows), None)
        if match is None and total and not _TOTAL_ASKED.sub("", rest).strip():
            match = Match((total,), ())  # 政府采购预算总额: the total row of the table its words name
        if match is not None and not match.alternatives:
            fits.append((len(named), table, match))
    if not fits:
        return None
    best = max(n for n, _, _ in fits)
    tied = [(t, m) for n, t, m in fits if n == best]
    # (一般公共预算会议费: the 一般公共预算 table of all spending, not its 基本支出 part the question does not name)
    whole = [(t, m) for t, m in tied if not any(w in squash(t) and w not in item for w in _PART_TABLE_WORDS)]
    tied = whole or tied
    if len({m.subjects for _, m in tied}) > 1:  # tables naming the words equally well disagree on the row
        return None
    return tied[0][1], tied[0][0]


def table_named_whole(facts: Sequence[Fact], *items: str) -> tuple[Match, str, list[Fact]] | None:
    """The item read as a table itself (政府采购预算: the 合计 row of 2019年政府采购预算表): (the match, the table,
    its cells) for the first of `items` that match_in_table places, when the row it matches is the table's total."""
    in_table = next((m for m in (match_in_table(i, facts) for i in items) if m is not None), None)
    if in_table is None or in_table[0].subjects[0] not in TABLE_TOTALS:
        return None
    return in_table[0], in_table[1], [f for f in facts if f.table == in_table[1]]


def common_run(a: str, b: str) -> str:
    """The longest run of characters `a` and `b` share (the earliest in `a` on a tie)."""
    m = SequenceMatcher(None, a, b, autojunk=False).find_longest_match(0, len(a), 0, len(b))
    return a[m.a : m.a + m.size]


#: the last characters of a column's name that name it alone (编制数 of 人员编制数)
COLUMN_END = 3


def named_column(item: str, facts: Sequence[Fact]) -> str | None:
    """The column of `facts` the question names: by its name, by its last words when no other column ends so, or in
    the user's words for it; None when it names none."""
    measures = {f.measure for f in facts if f.measure}
    named = [m for m in sorted(measures, key=longest_first) if len(m) >= 2 and m in item and m not in ("合计", "小计")]
    if named:
        return named[0]
    # a column named by its last words when no other column ends so (编制数: the column 人员编制数)
    # (where a word of the question opens: 目支出 of 项目支出 inside 项级科目支出 names no column)
    ends = [m for m in measures if len(m) > COLUMN_END and _opens_a_word(item, m[-COLUMN_END:])]
    if len(ends) == 1 and sum(m.endswith(ends[0][-COLUMN_END:]) for m in measures) == 1:
        return ends[0]
    # a column named in the user's words (在职人员 for the column 在职人数: the lexicon's aliases of one subject)
    aliases = terms()["subject_aliases"]
    said = {aliases[a] for a in aliases if len(a) >= 3 and a in item}
    kin = [m for m in measures if aliases.get(m, m) in said]
    return kin[0] if len(kin) == 1 else None


def _opens_a_word(text: str, part: str) -> bool:
    """Whether `part` occurs in text where one of its words opens (编制数 of 在职人员编制数; not 目支出 of 科目支出)."""
    if part not in text:  # (the question is segmented only when the words are in it: _column runs for every table)
        return False
    opens = {m.start() for w in word_tokens(text) for m in re.finditer(re.escape(w), text)}
    return any(m.start() in opens for m in re.finditer(re.escape(part), text))
