"""Rows judged or ranked by a figure of their own row: the row's amount against another figure of the same
row (`超过年初预算`, `比上年减少`, `与年初预算持平`), or a derived measure of the row (执行率, 增减额, 增减率)
as the report prints it or as the formula table computes it from the row's figures (`哪个项目执行率最低`,
`哪个科目比上年降幅最大`, `完成预算100%的有几个`).

Projects when the question names them, else 科目 of the level it names, under the 类 or 款 it names. The
rows come from the facts table (table cells and narrative sentences alike), never from a retrieval top-k.
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import replace
from functools import lru_cache
from typing import Sequence

from ..lexicon import question_words, total_scopes
from ..lexicon.formula_table import formulas, operation_words
from ..models import Fact
from ..search.operation import Operation, Threshold
from ..search.query import terms
from .derived import derive
from .listed_rows import _TOTAL
from .projects import project_cells
from .row_records import Row, RowSet, excluded
from .asked import CHANGE_MEASURES
from .table_pair import table_titled
from .rows import _parents, _wants_projects, _with_class_code, names_rows, size_fit

#: the row's own amount, by the kind of report (a final account's 决算数, a budget's 预算数)
_OWN = ("决算数", "执行数", "预算数", "本年数")
_REFERENCES = {"年初预算数": ("年初预算数", "预算数"), "全年预算数": ("全年预算数", "调整预算数"), "上年数": ("上年数",)}
#: a derived measure as reports print it
_PRINTED = {"执行率": ("执行率", "完成预算率"), "增减额": ("增减额",), "增减率": ("增减率",)}


def _says(kind: str, text: str) -> bool:
    """Whether the question words a change of `kind` (questions.json row_change_words): `fall` (降幅最大, 节约最多),
    `gap` (差距最大: either way), `rate` (幅, 率, 百分: its rate, not its amount)."""
    return any(w in text for w in question_words()["row_change_words"][kind])


def measured_rows(op: Operation, item: str, text: str, facts: Sequence[Fact]) -> tuple[Operation, RowSet] | None:
    """(the operation as the rows answer it, the rows), or None when the question judges or ranks rows by no
    figure of their own row (select_rows then reads a table column)."""
    th = op.threshold
    name = _ranked_measure(op, text)
    if name is not None and th is not None and th.reference and op.function in ("max", "min", "rank"):
        op, th = replace(op, threshold=None), None  # 超出年初预算最多: ranked by how far over, not filtered by it
    if th is None and name is None:
        return None
    if th is not None and not (th.column or th.pairs_figures):
        return None
    if th is not None and th.dimension == "rate":  # 执行率不到80%; 降幅超过50%: a rate of change when one is asked
        name = "增减率" if op.derived in CHANGE_MEASURES else "执行率"
    elif th is not None and th.of_change:  # 比上年减少超过1000万元: the bound is on the row's change
        name = "增减额"
    table = table_titled(item, facts)  # 支出决算表里有项目支出的: the column of that table
    fall = name in CHANGE_MEASURES and (th is None or th.dimension == "rate" or th.of_change) and _says("fall", text)
    gap = th is None and _says("gap", text)  # 差距最大: the largest difference either way
    chosen = _by_row(op, item, facts)
    if any(w in text for w in operation_words()["nonzero"]):  # 仍有预算的项级科目: not those fallen to 0
        chosen = {s: fs for s, fs in chosen.items() if (own := _first(fs, _OWN)) is None or own.value != 0}
    rows = _measured_rows(chosen, th, name, fall, text, gap, table)
    if _wants_projects(op, item) and (not rows or op.members):
        # 哪些支出项目…: the report's 科目 when no project states it, or when they are nearer the size the
        # question gives the set (14个项目里: the 14 科目 a central department's narrative lists)
        as_subjects = item.replace("项目", "科目")
        coded = _measured_rows(_by_row(op, as_subjects, facts), th, name, fall, text, gap)
        if coded and (not rows or size_fit(op, len(coded)) > size_fit(op, len(rows))):
            item, rows = as_subjects, coded
    if op.members and len(rows) > op.members:
        rows = _of_table_sized(rows, op.members, facts)
    if not rows or len(rows) < 2 and op.function in ("max", "min", "rank"):
        return None
    if th is not None and th.reference == "上年数":
        op = replace(op, threshold=Threshold(th.op, 0.0, None, "change"))
        measure = "增减额"
    elif th is not None and th.reference:
        measure = "决算数"
    elif th is not None and th.column:  # 年初预算为0的: the rows' own figures, judged by the column named
        measure = rows[0].fact.measure
    else:
        measure = {"增减额": "减少额", "增减率": "降幅"}[name] if fall else name
        if name in CHANGE_MEASURES and _budget_basis(name, text):  # 比年初预算节约最多: against the budget, not last year
            measure = ("与年初预算差额" if gap else f"比年初预算{'减少额' if fall else '增加额'}") if name == "增减额" \
                else f"比年初预算{'降幅' if fall else '增幅'}"
    table = table or ("各项目" if _wants_projects(op, item) else "各科目")
    return op, RowSet(table, measure, op.level, tuple(rows), noun="科目" if table == "各科目" else None)


def _measured_rows(chosen: dict[str, list[Fact]], th: Threshold | None, name: str | None, fall: bool,
                   question: str = "", gap: bool = False, table: str | None = None) -> list[Row]:
    """One Row per row of `chosen`: its own amount against the reference (th.reference), its change against last
    year (or against the budget when the question names it), or its derived measure `name` (a fall stated as a
    positive 降幅 when `fall`; a gap either way as its size when `gap`)."""
    rows: list[Row] = []
    for subject, fs in chosen.items():
        code = next((f.subject_code for f in fs if f.subject_code), None)
        if th is not None and th.reference == "上年数":  # 比上年减少: the row's change against zero
            got = _measured(fs, "增减额")
            if got is not None and not got[3]:  # (the row's own amount, from the change's sentence first: summed
                # when the rows are asked of their amounts, 比上年减少的科目合计多少)
                own = _first([f for f in fs if f.quote == got[2].quote], _OWN) or _first(fs, _OWN)
                got = (*got[:3], (own,) if own is not None else ())
        elif th is not None and (th.reference or th.column):
            named = th.reference or th.column
            if th.column and table:  # (a row of the table the question names; a 科目 it prints not is no row)
                fs = [f for f in fs if f.table == table]
            b = _first(fs, _REFERENCES.get(named, (named,)))
            # the row's own figure from the reference's sentence or table row when it states one: a 科目 of the
            # same name in another classification (住房公积金, 功能 2210201 and 经济 30113) is another row
            # (a table row's own amount is its total column: 合计 of a 支出决算表 beside its 基本支出)
            same_row = [f for f in fs if b is not None and f.quote == b.quote and f.measure != b.measure]
            a = _first(same_row, (*_OWN, *(formulas().row_columns if code else ()))) or _first(fs, _OWN) \
                or (_first(fs, formulas().row_columns) if code and th.column and table else None)  # (a row printed
            # over several lines: its cells quote apart)
            # (a row with nothing in its own column either is a blank line of the template, no row of 年初预算为0)
            blank = th.column is not None and a is not None and a.value == 0
            if a is not None and b is not None and not blank:
                rows.append(Row(subject, code, a.value, a.unit, a, ref=b))
            continue
        else:
            got = _measured(fs, name, question)
        if got is not None:
            value, unit, fact, inputs = got
            value = abs(value) if gap else -value if fall else value
            # a printed change with its other figure, as its sentence states it (减少280万元，下降30.77%)
            other = {"增减额": "增减率", "增减率": "增减额"}.get(fact.measure)
            also = next((f for f in fs if other and f.measure == other and f.quote == fact.quote), None)
            rows.append(Row(subject, code, value, unit, fact, inputs=inputs, also=also))
    return _without_short_names(rows)


def _of_table_sized(rows: list[Row], members: int, facts: Sequence[Fact]) -> list[Row]:
    """The rows of the one table, or of the report's 项目绩效自评, that holds as many rows as the question says the
    set has (10个项目的绩效自评里: the ten evaluated projects, not a narrative's rate of the whole beside them), or
    all rows when none does."""
    groups: dict[str, list[Row]] = {}
    for r in rows:
        for t in dict.fromkeys(f.table for f in (r.fact, *r.inputs, *([r.ref] if r.ref else [])) if f.table):
            groups.setdefault(t, []).append(r)
    evaluated = {f.subject for f in project_cells(facts, Operation())[1]}
    groups["项目绩效自评"] = [r for r in rows if r.subject in evaluated]
    sized = [rs for rs in groups.values() if len(rs) == members]
    return sized[0] if len(sized) == 1 else rows


def ranks_by_measure(op: Operation, text: str) -> bool:
    """Whether the question ranks rows by a derived measure of each row (执行率最低, 降幅最大), not by amount."""
    return _ranked_measure(op, text) is not None


def _ranked_measure(op: Operation, text: str) -> str | None:
    """The derived measure rows are ranked by (`执行率最低`, `降幅最大`, `比年初预算节约最多`), or None."""
    if op.function not in ("max", "min", "rank"):
        return None
    if op.derived in (None, "差额") and _budget_basis("增减额", text):
        return "增减率" if _says("rate", text) else "增减额"
    if op.derived not in ("执行率", *CHANGE_MEASURES):
        return None
    if op.derived == "增减额" and _says("rate", text):
        return "增减率"
    return op.derived


def _by_row(op: Operation, item: str, facts: Sequence[Fact]) -> dict[str, list[Fact]]:
    """The facts of each row the question reads: projects (no 科目编码) when it names them, else 科目 of its
    level under the 类 or 款 it names. A narrative sentence about a 科目 joins the row of that name."""
    by_subject = _joined_rows(facts)
    digits = operation_words()["level_digits"]
    parents = _parents(item, [_with_class_code(f) for f in facts if f.table])
    parent = max(parents, key=lambda f: len(f.subject)).subject_code if parents else None
    out: dict[str, list[Fact]] = {}
    kuan = {f.subject: f.subject_code for f in facts if f.subject_code and len(f.subject_code) == digits["款"]}
    for subject, fs in by_subject.items():
        lengths = {len(f.subject_code) for f in fs if f.subject_code and f.subject_code.startswith("2")}
        if op.level and digits[op.level] in lengths and len(lengths) > 1:
            # 其他教育支出 is a 款 (20599) and its 项 (2059999): the row of the level asked (its sentences kept)
            fs = [f for f in fs if not (f.subject_code or "").startswith("2") or len(f.subject_code) == digits[op.level]]
        code = next((f.subject_code for f in fs if f.subject_code), None)
        if code and op.level and len(code) < digits[op.level] and op.level in _marked_levels(subject, fs):
            # 统计信息事务（款）统计信息事务（项）: a 项 sharing its 款's name, stated by the narrative only
            fs, code = [f for f in fs if f.table is None], None
        if _wants_projects(op, item) and (code or _standing_item(subject) or _marked_level(subject, fs)
                                          or _fund_total(subject) or subject.startswith(tuple(terms()["whole_report_words"]))):
            # (a 科目 the narrative marks 行政运行（项）, a fund's total 一般公共预算财政拨款支出, 部门整体: no project)
            continue
        # (a level asked: the narrative's mark of that level; none asked: a mark of any, 其他普通教育支出（项）)
        marks = _marked_levels(subject, fs)
        marked = not code and (op.level in marks if op.level else bool(marks))
        if op.level and not marked and (not code or len(code) != digits[op.level]) or \
                names_rows(op, item) and not code and not marked:
            continue  # (功能科目里…: only rows with a 科目编码, or that the narrative marks as of the level asked)
        if code and not code.startswith(_code_family(item)):
            continue
        # (a row the narrative marks gets the code of the 款 it is printed under: a child of that 款 itself)
        under = code or (_marked_under(subject, fs, kuan) if _marked_level(subject, fs) else None)
        if parent and not (under and under.startswith(parent) and (len(under) > len(parent) or not code)):
            continue  # (普通教育（款）其他普通教育支出（项）: a 项 the tables leave out, under its 款's code)
        if excluded(subject, op.excluding, by_subject):
            continue
        out[subject] = fs
    # 科目 rows beside the template's standing items (公务接待费, stated with its 年初预算 too): those are no 科目,
    # unless the question names one of them (三公经费里哪一项超了年初预算)
    coded = any(f.subject_code for fs in out.values() for f in fs)
    if coded and not _wants_projects(op, item) and not any(w in item for w in _standing_words()):
        out = {s: fs for s, fs in out.items() if any(f.subject_code for f in fs) or not _standing_item(s)}
        out = _subjects_only(out, item)
    return out


def _subjects_only(rows: dict[str, list[Fact]], item: str) -> dict[str, list[Fact]]:
    """The 科目 among rows that mix them with what no 科目编码 or level mark names (a 项目自评's projects beside the
    支出 科目 the narrative explains), and of one classification: 功能 科目 unless the question names 经济分类
    (公务接待费 is 30217 as well as a 三公 item)."""
    def code(fs: Sequence[Fact]) -> str:
        return next((f.subject_code for f in fs if f.subject_code), "")

    def marked(subject: str, fs: Sequence[Fact]) -> bool:
        return bool(code(fs)) or _marked_level(subject, fs) is not None

    kept = {s: fs for s, fs in rows.items() if marked(s, fs)}
    if any(code(fs).startswith("2") for fs in kept.values()) and "经济" not in item:
        kept = {s: fs for s, fs in kept.items() if not code(fs)[:1] in ("3", "5")}
    return kept if len(kept) >= 2 else rows


def _marked_level(subject: str, fs: Sequence[Fact]) -> str | None:
    """The level a narrative sentence marks the row with (…其他普通教育支出（项）支出0万元: 项): a 科目 the tables
    leave out when it has no money this year, though the narrative states its fall. The first of its marks."""
    return next(iter(_marked_levels(subject, fs)), None)


def _marked_levels(subject: str, fs: Sequence[Fact]) -> list[str]:
    """Every level the row's name is marked with, in order (统计信息事务（款）统计信息事务（项）: 款, 项)."""
    pattern = re.compile(rf"{re.escape(subject)}\s*[（(]\s*([类款项])\s*[)）]")
    return [m.group(1) for f in fs for m in pattern.finditer(f.quote or "")]


def _marked_under(subject: str, fs: Sequence[Fact], kuan: dict[str, str]) -> str | None:
    """The 科目编码 of the 款 a narrative sentence names a row under (`普通教育（款）其他普通教育支出（项）`), when
    the tables print that 款 with its code."""
    for f in fs:
        m = re.search(rf"([\u4e00-\u9fff]+)\s*[（(]\s*款\s*[)）]\s*{re.escape(subject)}", f.quote or "")
        if m and m.group(1) in kuan:
            return kuan[m.group(1)]
    return None


def _joined_rows(facts: Sequence[Fact]) -> dict[str, list[Fact]]:
    """Facts by row; a narrative sentence about a 科目 joins its coded row when it names the row in longer words
    (归口管理的行政单位离退休 -> 行政单位离退休) or in other order with the row's amount (一般行政事务管理
    5804.83 -> 2040502 一般行政管理事务 5,804.83)."""
    groups: dict[str, list[Fact]] = defaultdict(list)
    for f in facts:
        if f.subject and not _TOTAL.match(f.subject):
            groups[f.subject].append(f)
    coded = {name: {round(f.value, 2) for f in fs} for name, fs in groups.items()
             if len(name) >= 4 and any(f.subject_code for f in fs)}
    out: dict[str, list[Fact]] = defaultdict(list)
    for name, fs in groups.items():
        if name not in coded:
            amounts = {round(f.value, 2) for f in fs}
            # (其他普通教育支出 is a 科目 of its own, the catch-all of its 款, not 教育支出 said in longer words)
            longer = [c for c in coded if name.endswith(c)] if not name.startswith("其他") else []
            reordered = [c for c in coded if len(c) == len(name) and sorted(c) == sorted(name) and coded[c] & amounts]
            name = max(longer, key=len) if longer else reordered[0] if reordered else name
        out[name] += fs
    parents = {f.subject_code: f.subject for f in facts if f.subject_code}
    return {name: fs for rows in (_split_by_code(n, fs, parents) for n, fs in out.items()) for name, fs in rows.items()}


def _split_by_code(name: str, fs: list[Fact], parents: dict[str, str]) -> dict[str, list[Fact]]:
    """The rows of one name: one row, unless the name is printed under two 科目编码 of one level (一般行政管理事务 of
    2101502 and of 2130502): then a row per code, named with its parent's name (its code when the report prints no
    parent), and each sentence about the name joins the row whose amount it states (one it cannot place joins none)."""
    codes = sorted({f.subject_code for f in fs if f.subject_code})
    if len(codes) < 2 or len({len(c) for c in codes}) != 1:
        return {name: fs}
    out: dict[str, list[Fact]] = {f"{name}（{parents.get(c[:-2], c)}）": [f for f in fs if f.subject_code == c]
                                  for c in codes}
    amounts = {key: {round(f.value, 2) for f in rows} for key, rows in out.items()}
    said: dict[str, list[Fact]] = defaultdict(list)
    for f in fs:
        if not f.subject_code:
            said[f.quote].append(f)
    for sentence in said.values():
        stated = {round(f.value, 2) for f in sentence}
        place = [key for key in out if amounts[key] & stated]
        if len(place) == 1:
            out[place[0]] += sentence
    return out


def _code_family(item: str) -> str | tuple[str, ...]:
    """The first digit of the 科目编码 a question's classification names: 功能分类 2 (支出), 经济分类 3 or 5."""
    if "功能" in item:
        return "2"
    return ("3", "5") if "经济" in item else ""


def _standing_item(subject: str) -> bool:
    """Whether a row is one of the template's standing items (三公经费 and its parts, 公用经费, 机关运行经费…:
    its name opens with a word of the lexicon's items), which reports state beside their projects: not a project."""
    return any(subject.startswith(w) for w in _standing_words())


def _fund_total(subject: str) -> bool:
    """Whether a row is a fund's whole spending or income (一般公共预算财政拨款支出, 财政拨款收入合计): the tables'
    scoped totals, which a narrative states with their rate beside the projects'."""
    scopes, totals = total_scopes()
    return any(subject.startswith(sc) and subject[len(sc):] in ("支出", "收入", *totals) for sc in scopes)


@lru_cache(maxsize=1)
def _standing_words() -> tuple[str, ...]:
    items = terms()["items"].values()
    return tuple(w for e in items for w in (*e["aliases"], *e.get("phrases", ())) if len(w) >= 3)


def _first(facts: Sequence[Fact], measures: Sequence[str]) -> Fact | None:
    for m in measures:
        got = [f for f in facts if f.measure == m]
        if got:
            return got[0]
    return None


def _budget_basis(name: str, text: str) -> bool:
    """Whether the question measures a change against the budget (比年初预算节约最多, 与年初预算差距最大)."""
    formula = formulas().formulas.get(name)
    named = formula is not None and bool(formula.basis_readings(text))
    return named or bool(_says("gap", text) and "预算" in text and "决算" in text)


def _measured(facts: Sequence[Fact], name: str, question: str = "") -> tuple[float, str | None, Fact, tuple[Fact, ...]] | None:
    """(value, unit, the fact cited, the inputs of a computed value) of a derived measure of one row: as
    printed, else computed by the formula table's first reading the row's figures allow (the reading the question
    asks for by naming its basis, 比年初预算, when it does: a printed change is against last year)."""
    basis = name in CHANGE_MEASURES and _budget_basis(name, question)
    printed = None if basis else _first(facts, _PRINTED[name])
    if printed is not None:
        return printed.value, printed.unit, printed, _printed_inputs(printed, facts, name)
    got = derive(name, facts, "比年初预算" if basis else question)
    if not got:
        return None
    return got[0].value, got[0].unit, got[0].inputs[0], tuple(got[0].inputs)


def _printed_inputs(rate: Fact, facts: Sequence[Fact], name: str) -> tuple[Fact, ...]:
    """The figures a printed rate's own sentence states it of (`年初预算为590.53万元，支出决算为4.7万元，完成年初预算的
    0.8%`: 决算数 and 年初预算数), by the formula table's readings; () for a change or when the sentence states
    them not."""
    if name != "执行率":
        return ()
    # (a table's rate: the row's own figures on its line, 年度资金总额 1639.5 1032.99 … 63.01%)
    said = [f for f in facts if f.quote == rate.quote and f is not rate and (rate.table is None or f.subject == rate.subject)]
    # the reading that gives the printed rate best (a 自评表's is of its 全年预算数, not the 年初预算数 beside it)
    fits = []
    for reading in formulas().formulas[name].readings:
        a, b = _first(said, reading.a), _first(said, reading.b)
        if a is not None and b is not None and b.value:
            off = abs(a.value / b.value * 100 - rate.value)
            if off < RATE_SAID_WITHIN:
                fits.append((off, a, b))
    return min(fits, key=lambda x: x[0])[1:] if fits else ()


#: how far (percentage points) the rate two figures give may stand from the printed one they are shown as its inputs
RATE_SAID_WITHIN = 0.06


def _without_short_names(rows: Sequence[Row]) -> list[Row]:
    """A row named by part of another row's name with the same figure is that row said again (征缴工作经费 in a
    summary sentence, 城乡居民医疗保险征缴工作经费 in the project's own section): kept once, by its full name."""
    return [r for r in rows if not any(o is not r and r.subject in o.subject and len(o.subject) > len(r.subject)
                                       and abs(o.value - r.value) < 0.005 for o in rows)]
