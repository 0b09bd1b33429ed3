"""The rows an operation reads: one report's table rows at a 科目 level, or its projects, from the facts
table (never a retrieval top-k).

`select_rows(op, item, facts)` picks the table the question's words point at (its title, a column it
names, the kind of row: 科目 by 科目编码 or 项目 by name), the level (类 3 digits, 款 5, 项 7 — from the
question, else the table's finest), the column read (one the question names, else the table's total
column) and returns one Row per 科目 or project.
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import replace
from typing import Iterable, Sequence

from ..lexicon import terms, total_scopes
from ..lexicon.formula_table import formulas, operation_words
from ..models import Fact
from ..search.named import without_names
from ..search.operation import Operation
from ..search.operation_words import counts_things, names_kinds_of_things
from ..text.chars import longest_first
from .projects import PROJECT_TABLE, project_cells
from .asked import CHANGE_MEASURES, INDICATOR_FACTS, asks_indicators, ranks_indicators
from .row_records import NARRATIVE, Row, RowSet, kept
from .columns import named_column
from .table_pair import table_name_of, table_titled
from .listed_rows import _TOTAL, described_projects, narrative_parts_of_whole, parts_of_whole, _bigrams, _drop_subtotals, _picked_by_quote, picked_by_name, _project_rows, _under_heading, named_group, paragraph_parts


def _level_of(code: str | None) -> str | None:
    digits = operation_words()["level_digits"]
    return next((lv for lv, n in digits.items() if code and len(code) == n), None)


def _wants_projects(op: Operation, item: str) -> bool:
    """Whether the rows asked are projects (项目), not 科目; 支出项目 is a line of spending, a 科目; and not a
    project's indicators (项目自评表里哪个三级指标得分最低)."""
    return "项目" in item.replace("支出项目", "") and op.level is None and "科目" not in item \
        and not ranks_indicators(item)


def _group_codes(item: str) -> tuple[str, ...]:
    """经济分类 codes of an item the formula table names as a group (公用经费 -> 302, 310)."""
    groups = formulas().code_groups
    named = [g for g in sorted(groups, key=longest_first) if g in item]
    return groups[named[0]] if named else ()




def _column(item: str, facts: Sequence[Fact]) -> str | None:
    """The column the question names (公用经费, 决算数, 基本支出), else the table's total column."""
    measures = {f.measure for f in facts if f.measure}
    named = named_column(item, facts)
    if named:
        return named
    total = next((m for m in formulas().row_columns if m in measures), None)
    # a table of one column (项目名称 | 自评分数) is read in that column
    return total or (next(iter(measures)) if len(measures) == 1 else None)


def _coded_rows(op: Operation, item: str, facts: Sequence[Fact], column: str) -> tuple[str | None, list[Fact]]:
    """The 科目 rows of one column at the asked level (the finest the column has when none is asked)."""
    group = _group_codes(item)
    family = "3" if group or asks_economic(item) else "2"  # 经济分类 codes start with 3, 功能分类 codes with 2 (1 for 收入)
    cells = [_with_class_code(f) for f in facts if f.measure == column]
    cells = [f for f in cells if f.subject_code and f.subject_code.isdigit()]
    if not any(f.subject_code.startswith(family) for f in cells):
        family = ""
    cells = [f for f in cells if f.subject_code.startswith(family)]
    if group:
        cells = [f for f in cells if f.subject_code.startswith(group)]
    # 人大事务（款）里的项, 普通教育款下面有几个项: the rows under the 类 or 款 the question names
    digits = operation_words()["level_digits"]
    # (a row the question lists by name is one of the rows, not their parent: 基本工资、津贴补贴、奖金哪项最多)
    listed = {f.subject for f in picked_by_name(op, cells)} if op.named else set()
    parents = [f for f in _parents(item, cells) if f.subject not in op.excluding  # 除了X: X is left out, not opened
               and (not op.level or digits[op.level] > len(f.subject_code)) and f.subject not in listed]
    if parents:
        parent = max(parents, key=lambda f: len(f.subject)).subject_code
        cells = [f for f in cells if f.subject_code.startswith(parent) and len(f.subject_code) > len(parent)]
    if op.level:
        level = op.level
    else:
        present = {_level_of(f.subject_code) for f in cells} - {None}
        level = max(present, key=lambda lv: digits[lv], default=None)
    rows = [f for f in cells if _level_of(f.subject_code) == level]
    if not op.level and cells and all(f.subject_code[0] in "35" for f in cells):
        # 经济分类 has 类 and 款 only; a local finer code (3021101 差旅费 under 30211) stands beside 款 rows
        # that have none: the rows are those no other row details
        codes = {f.subject_code for f in cells}
        rows = [f for f in cells if not any(c != f.subject_code and c.startswith(f.subject_code) for c in codes)]
        level = "款" if all(len(f.subject_code) == 5 for f in rows) else None
    # 名字叫“行政运行”的几个项: the rows of the quoted name, when it names several (one would be a lookup)
    for name in op.quoted:
        same = [f for f in rows if f.subject == name]
        if len({f.subject_code for f in same}) >= 2:
            return level, same
    return level, rows


def _parents(item: str, cells: Sequence[Fact]) -> list[Fact]:
    """The 类 or 款 rows the question names by their 科目 name (a table of 类 rows only holds no 款 to open)."""
    return [f for f in cells if f.subject_code and f.subject_code.isdigit() and len(f.subject_code) in (3, 5)
            and len(f.subject) >= 2 and f.subject in item]


#: the (经济分类 fit, table named, not narrowed) part of a score, for rows no table prints: as a table that is none of them
_NO_TABLE = (False, False, True)


def _narrowed(table: str, item: str, tables: Iterable[str]) -> bool:
    """Whether the table is another table of the report narrowed to a fund the question does not name
    (一般公共预算财政拨款支出决算表 beside 支出决算表, asked of neither fund)."""
    words = [w for w in total_scopes()[0] if w in table and w not in item]
    if not words:
        return False
    name = table_name_of(table)
    for w in words:
        name = name.replace(w, "")
    return any(t != table and table_name_of(t) == name for t in tables)


def asks_economic(item: str) -> bool:
    """Whether the question reads 经济分类 rows (按经济分类, 经济科目): codes opening with 3 (or 5), not 功能 ones."""
    return any(w in item for w in ("经济分类", "经济科目"))


def _with_class_code(f: Fact) -> Fact:
    """A 类 row printed without its 科目编码 (`八、社会保障和就业支出` in a 收支总表) gets the national code."""
    if f.subject_code:
        return f
    code = formulas().class_code(re.sub(r"^[一二三四五六七八九十]+[、.．]", "", f.subject))
    return replace(f, subject_code=code) if code else f


def size_fit(op: Operation, size: int) -> int:
    """How near a set of `size` rows is to the size the question gives it (0 best; 0 for all when none given)."""
    return -abs(size - op.members) if op.members else 0


def names_rows(op: Operation, text: str) -> bool:
    """Whether the question asks about 科目 rows (a level, 科目, 功能/经济分类, 哪一类): those are read from
    the coded tables, not from a list or a table's uncoded rows."""
    kinds = names_kinds_of_things(text)  # (15辆车里哪类, 政府购买服务里哪一类: kinds of cars, of services bought)
    return bool(op.level) or any(w in text for w in _CODED_WORDS if not (kinds and w in _KIND_WORDS))


def coded_group_rows(item: str, facts: Sequence[Fact]) -> bool:
    """Whether the report's tables hold the rows the question names: of the 经济分类 group it names (公用经费:
    302, 310) or under the 类 or 款 it names (人大事务下面哪一项). Those rows, not a sentence's list, are asked."""
    group = _group_codes(item)
    if group and any(f.subject_code and f.subject_code.startswith(group) for f in facts):
        return True
    return bool(_parents(item, [_with_class_code(f) for f in facts if f.table]))


_CODED_WORDS = ("科目", "功能", "经济分类", "类级", "款级", "项级", "哪一类", "哪类", "哪一款")
_KIND_WORDS = ("哪一类", "哪类")


def asks_kinds_of_things(text: str) -> bool:
    """Whether the question asks which kind of the things it counts (15辆车里哪类最多): a list each report prints."""
    return counts_things(text) and any(w in text for w in _KIND_WORDS)


def _one_per_subject(cells: Sequence[Fact]) -> list[Row]:
    seen: dict[str, Fact] = {}
    for f in sorted(cells, key=lambda f: (f.page or 0, (f.lines or (0, 0))[0])):
        seen.setdefault(f.subject_code or f.subject, f)
    return [Row(f.subject, f.subject_code, f.value, f.unit, f) for f in seen.values()]


def names_units(item: str, subjects: Iterable[str] = ()) -> bool:
    """Whether the question asks about the units of the department (哪家, 几个单位) as rows (operations.json
    member_units.as_rows); a word inside a name the report prints (行政事业单位医疗, of `行政事业单位医疗的合计`)
    asks no units."""
    words = operation_words()["member_units"]["as_rows"]
    # (a name ending in the word, 下属单位, is the units themselves)
    names = [s for s in subjects if s in item and any(w in s[:-len(w)] for w in words)]
    spans = [(m.start(), m.start() + len(s)) for s in names for m in re.finditer(re.escape(s), item)]
    return any(not any(a <= m.start() and m.end() <= b for a, b in spans)
               for w in words for m in re.finditer(re.escape(w), item))


def unit_rows(item: str, facts: Sequence[Fact], op: Operation) -> RowSet | None:
    """The rows of a table printed per unit of the department (…休养所, …服务中心 of a 收入预算总表), in the
    column the question names (else the table's total); the department's own row, the sum of its units', is
    none of them. None when no table has two or more unit rows."""
    ends = tuple(operation_words()["member_units"]["name_ends"])
    wanted = _bigrams(item)
    best: tuple[tuple, RowSet] | None = None
    for table, cells in _by_table(facts).items():
        column = _column(item, cells)
        named = [f for f in cells if f.measure == column and f.subject.endswith(ends) and not _TOTAL.match(f.subject)]
        every = _one_per_subject(named)
        total = round(sum(r.value for r in every), 6)
        every = [r for r in every if abs(2 * r.value - total) > 0.015]  # (the department: the others' sum)
        rows = kept(every, op.excluding, cells)
        if len(every) < 2 or not rows:
            continue
        score = (len(wanted & _bigrams(table)), len(rows))
        if best is None or score > best[0]:
            best = (score, RowSet(table, column, None, tuple(rows), noun="单位"))
    return best[1] if best else None


def unit_rows_against(item: str, facts: Sequence[Fact], op: Operation) -> RowSet | None:
    """The units' rows of a table, each with its figure in the column the question names and, as the row's
    reference, its figure in the column the condition names (`在职人数超过编制数`: 在职人数 against 人员编制数, a
    column named by its last words); None unless both are columns of one table printed per unit."""
    reference = op.threshold.reference if op.threshold else None
    if not reference:
        return None
    own = unit_rows(item.replace(reference, " "), facts, op)
    if own is None:
        return None
    cells = [f for f in facts if f.table == own.table and f.measure != own.measure]
    column = next((m for m in sorted({f.measure for f in cells}, key=len) if m.endswith(reference)), None)
    if column is None:
        return None
    refs = {f.subject: f for f in cells if f.measure == column}
    rows = tuple(replace(r, ref=refs[r.subject]) for r in own.rows if r.subject in refs)
    return replace(own, rows=rows) if len(rows) >= 2 else None


def group_rows(item: str, facts: Sequence[Fact]) -> RowSet | None:
    """The rows of the group the question names (`信息化服务类`: the rows whose names hold it), from the table
    whose rows give the longest such name (its title sharing most of the question's words on a tie); every
    row kept, separate purchases of one name included. None when no table's rows hold a group it names."""
    printed_in: dict[str, set[str | None]] = defaultdict(set)  # subject -> the tables (None: the narrative)
    for f in facts:
        printed_in[f.subject].add(f.table)
    known = set(printed_in)
    wanted = _bigrams(item)
    best: tuple[tuple, RowSet] | None = None
    for table, cells in _by_table(facts).items():
        column = _column(item, cells)
        elsewhere = {s for s, tables in printed_in.items() if tables - {table}}
        got = named_group(item, cells, column, known, elsewhere) if column else None
        if got is None:
            continue
        name, hits = got
        rows = tuple(Row(f.subject, f.subject_code, f.value, f.unit, f) for f in hits)
        score = (len(name), len(wanted & _bigrams(table)))
        if best is None or score > best[0]:
            best = (score, RowSet(table, column, None, rows, noun=f"名称含“{name}”的行"))
    return best[1] if best else None


def _by_table(facts: Sequence[Fact]) -> dict[str, list[Fact]]:
    by_table: dict[str, list[Fact]] = defaultdict(list)
    for f in facts:
        if f.table:
            by_table[f.table].append(f)
    return by_table


def select_rows(op: Operation, item: str, facts: Sequence[Fact], units: Sequence[str] = ()) -> RowSet | None:
    """The rows of one report the operation reads, or None when no table has two or more such rows.

    A set of as many rows as the question says it has (`14个项目里`) comes first, then the nearest in size.
    Then tables are scored by how much of the question's wording their title shares, then by naming the
    column the question asks for; a tie goes to the shorter (more general) title. `units`: the report's
    department (and unit) names, whose rows in a table of projects are the unit's total, not a project.
    """
    if names_units(item, {f.subject for f in facts}):  # 哪家单位收入最多: the rows a table prints per unit
        per_unit = unit_rows(item, facts, op)
        if per_unit is not None:
            return per_unit
    by_table: dict[str, list[Fact]] = defaultdict(list)
    for f in facts:
        if f.table:
            by_table[f.table].append(f)
        elif f.subject_code:  # 科目 the narrative lists with their codes (按项级科目：2010301行政运行3756.19万元…)
            by_table[NARRATIVE].append(f)
    # 医疗保障管理事务下面哪个项目: under a 类 or 款 the question names, 项目 are its 项级科目
    # (除了城乡医疗救助: a name left out opens no 款 of its own, 医疗救助)
    projects = _wants_projects(op, item) and not _parents(without_names(item, op.excluding), [_with_class_code(f) for f in facts])
    wanted = _bigrams(item)
    titled = table_titled(item, facts)  # (支出决算表 named: that table, not a longer title sharing words)
    best: tuple[tuple, RowSet] | None = None
    for table, cells in by_table.items():
        if "收入" in table and "支出" not in table and "收入" not in item:
            continue  # an income table's 科目 rows answer no question about spending
        indicators = all(f.measure in INDICATOR_FACTS for f in cells)
        if indicators and not asks_indicators(item):
            continue  # a project's targets and scores are rows only of a question about them (哪个指标, 目标最高)
        overlap = len(wanted & _bigrams(table))
        as_projects = projects and (bool(PROJECT_TABLE.search(table)) or overlap >= 2)
        if projects and not as_projects and not op.members:
            continue  # projects are read from a projects table, or one the question names by title
        # (a question giving the set's size, 14个项目里, may call 科目 项目: a table's 科目 rows count too)
        column = _column(item, cells)
        if column is None:
            continue
        if as_projects:
            level, chosen = None, _drop_subtotals([f for f in _project_rows(cells, column) if f.subject not in units])
        else:
            level, chosen = _coded_rows(op, item, cells, column)
            if projects and len(_one_per_subject(chosen)) != op.members:
                continue  # 科目 read as the projects asked only when they are exactly as many as the question says
            if not chosen and overlap >= 3 and not names_rows(op, item) and not _group_codes(item):
                # 政府采购的货物里哪一样: the rows of the table the question names, under the heading it names
                listed = _project_rows(cells, column)
                picked = _picked_by_quote(op, listed)  # 为“部门集中采购”的: a category's rows, under no heading
                # (a project's indicators are no sums of each other: no heading adds any of them up)
                level, chosen = None, picked if picked is not listed or indicators else _under_heading(item, listed)
        parts = parts_of_whole(item, [f for f in cells if f.measure == column])
        if parts:  # 三公经费里哪几类是零支出: the parts the lexicon gives the whole, though a zero part reads as a subtotal
            level, chosen = None, parts
        every = _one_per_subject(picked_by_name(op, _picked_by_quote(op, chosen)))
        rows = kept(every, op.excluding, cells)
        if len(every) < 2 or not rows:
            continue
        named_column = column not in formulas().row_columns
        kind_fit = bool(PROJECT_TABLE.search(table)) if projects else True
        # (经济分类 asked: a table of 经济分类 rows before a 功能 table of a title said alike)
        economic = asks_economic(item) and all((r.code or "").startswith(("3", "5")) for r in every)
        # (no fund named: the report's whole spending, not a table its title narrows to 财政拨款 or 一般公共预算)
        unasked = _narrowed(table, item, by_table)
        score = (size_fit(op, len(every)), bool(_parents(item, cells)), (economic, table == titled, not unasked),
                 overlap + kind_fit, named_column, -len(table))
        if best is None or score > best[0]:
            best = (score, RowSet(table, column, level, tuple(rows), **({"noun": "指标"} if indicators else {})))
    # 三公经费里哪项最多, no 三公 table printed: its parts as the text states them (before rows under no whole named)
    named_parts = None if best and (best[0][1] or best[1].table != NARRATIVE) else narrative_parts_of_whole(item, facts)
    best = ((size_fit(op, len(named_parts.rows)), True, _NO_TABLE, 0, True, 0), named_parts) if named_parts is not None else best
    parts = sentence_parts(item, facts, op, own_totals=best is None)
    if parts is not None:  # 贸易高质量发展专项里哪一部分: the parts a sentence lists of the whole named in full
        score = (size_fit(op, len(parts.rows)), False, _NO_TABLE, len(_bigrams(parts.table)), True, 0)
        if best is None or score > best[0]:
            best = (score, parts)
    # 项目支出中不到20万元的项目: the parts the paragraphs after 项目支出主要用于： list, when no table prints rows of it
    listed = paragraph_parts(item, facts) if best is None else None
    if listed is not None:
        whole, cells = listed
        rows = kept(_one_per_subject(cells), op.excluding)
        score = (size_fit(op, len(cells)), len(wanted & _bigrams(whole.subject)) + 2, _NO_TABLE, True, 0)
        if rows and (best is None or score > best[0]):
            best = (score, RowSet(f"{NARRATIVE}：{whole.subject}", whole.measure, None, tuple(rows), noun="部分"))
    described = described_projects(facts) if projects or "专项" in item else []
    # (a described project the question names itself: its parts are asked, or the projects it lists, not all of them)
    described = [] if op.named or any(re.sub(r"[（(][^）)]*[）)]", "", f.subject) in item for f in described) else described
    if described:  # 几个政策资金专项里哪个最多: the projects the report describes one by one, each its own total
        rows = kept(_one_per_subject(described), op.excluding)
        shared = len(wanted & _bigrams("".join(f.subject for f in described)))  # (专项, 政策资金: words of their names)
        score = (size_fit(op, len(described)), shared, _NO_TABLE, True, 0)
        if len(rows) >= 2 and shared and (best is None or score > best[0]):
            best = (score, RowSet("项目经费情况说明", described[0].measure, None, tuple(rows), noun="项目"))
    if projects:
        evaluated = _evaluated_projects(facts, op, item)
        if evaluated is not None:
            score = (size_fit(op, len(evaluated.rows)), len(wanted & _bigrams(evaluated.table)) + 1.5, _NO_TABLE, False, 0)
            if best is None or score > best[0]:
                best = (score, evaluated)
    return best[1] if best else None


#: the fewest characters of a whole's name, as the question must write it, for its sentence's parts to be rows
WHOLE_WORDS_MIN = 4


def sentence_parts(item: str, facts: Sequence[Fact], op: Operation, own_totals: bool = False) -> RowSet | None:
    """The parts one narrative sentence lists (其中 …, 主要包括 …: operations.json parts_opens) of a whole the
    question names in full (`贸易高质量发展专项`: `项目总预算2921.00万，其中支持外贸发展370.00万，…市级支持总部经济
    1262.00万`): the sentence's other amounts, in one unit, as rows; None when no sentence states such a whole with
    two or more parts. The report's own totals (项目支出, 公用经费) are such a whole only when `own_totals` (no
    table prints their parts as rows)."""
    if op.level or names_rows(op, item):  # 科目 rows are asked: a table's
        return None
    wanted = _bigrams(item)
    opens = tuple(operation_words()["parts_opens"])
    by_quote: dict[str, list[Fact]] = defaultdict(list)
    for f in facts:
        if f.table is None and f.unit in ("元", "万元", "亿元") and f.measure not in CHANGE_MEASURES and any(w in f.quote for w in opens):
            by_quote[f.quote].append(f)
    general = set() if own_totals else set(terms()["items"]) | set(terms()["total_subjects"])
    best: tuple[int, RowSet] | None = None
    for said in by_quote.values():
        for whole in said:
            core = re.sub(r"[（(].*?[)）]", "", whole.subject)  # 贸易高质量发展专项（政策资金）: its name as said
            named = len(wanted & _bigrams(whole.subject))
            if len(core) < WHOLE_WORDS_MIN or core not in item or whole.subject in general or (
                    best is not None and named <= best[0]):
                continue
            cells = [f for f in said if f.subject != whole.subject and whole.subject not in f.subject
                     and f.value < whole.value and f.unit == whole.unit]
            rows = kept(_one_per_subject(cells), op.excluding)
            if len(rows) >= 2:
                best = (named, RowSet(f"{NARRATIVE}：{core}", whole.measure, None, tuple(rows), noun="部分"))
    return best[1] if best else None


def _evaluated_projects(facts: Sequence[Fact], op: Operation, item: str = "") -> RowSet | None:
    """The projects of a report's 项目绩效自评 tables (one table per project), in the column the question asks."""
    column, cells = project_cells(facts, op, item)
    rows = kept(_one_per_subject(cells), op.excluding)
    return RowSet("项目绩效自评", column, None, tuple(rows)) if len(rows) >= 2 else None
