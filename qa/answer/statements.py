"""Statements: facts grouped into what an answer says (one subject, one measure, one value), computed ones with their formula."""
from __future__ import annotations

import re
from dataclasses import replace
from typing import Sequence

from ..lexicon.formula_table import formulas
from ..facts.labels import AMOUNT_MEASURES, COUNT_MEASURES
from ..models import Citation, Fact
from ..search.query import terms
from ..store.index import Index
from ..text.chars import squash
from ..text.numbers import AMOUNT_UNITS, exact_sum, format_value, printed_decimals, same_amount
from .derived import MAX_TERMS_SHOWN, rate_from_change, shown_sum
from .match import Statement


def _group_same(facts: Sequence[Fact]) -> list[list[Fact]]:
    """Facts of one subject and measure, grouped by the amount they state: one figure printed in 元 in a table
    and in 万元 in the text is one group (`same_amount`, to the printed precision), not a conflict."""
    groups: list[list[Fact]] = []
    for f in facts:
        for g in groups:
            if same_amount(g[0].value, g[0].unit, f.value, f.unit):
                g.append(f)
                break
        else:
            groups.append([f])
    return groups


def _parts_folded(groups: list[list[Fact]]) -> list[list[Fact]]:
    """Table rows sharing the item's name (公务用车运行维护费 under two 功能分类 科目) whose figures add up
    to another figure of the item (the narrative's 27.95 = 25.905 + 2.043) are that figure's parts: one group
    with it, not the report disagreeing with itself."""
    if len(groups) < 3:
        return groups
    for whole in groups:
        parts = [g for g in groups if g is not whole and all(f.table for f in g)]
        if len(parts) < 2 or len({f.unit for g in parts for f in g} | {whole[0].unit}) != 1:
            continue
        if same_amount(whole[0].value, whole[0].unit, round(sum(g[0].value for g in parts), 6), whole[0].unit):
            return [whole + [f for g in parts for f in g]] + [g for g in groups if g is not whole and g not in parts]
    return groups


def _prefer_narrative(facts: Sequence[Fact]) -> list[Fact]:
    return sorted(facts, key=lambda f: (f.table is not None, f.page or 0, (f.lines or (0, 0))[0]))


def _cited(group: Sequence[Fact]) -> tuple[Fact, ...]:
    """The facts a statement cites: the first two, and the first of each other file of the report (its
    narrative states what a row of its tables file prints: both are where a reader checks it)."""
    cited = list(group[:2])
    for f in group[2:]:
        if all(f.doc_id != c.doc_id for c in cited):
            cited.append(f)
    return tuple(cited)


def _narrative_also(stated: Fact, subject: str, facts: Sequence[Fact]) -> tuple[Fact, ...]:
    """A table figure the report's narrative also states, about the same item: its sentence, cited too
    (a reader of the narrative finds the figure there; a report in two files has it in the other file)."""
    if stated.table is None:
        return ()
    def names(f: Fact) -> bool:  # the sentence names the item: in full, or most of its character pairs
        pairs = {subject[i : i + 2] for i in range(len(subject) - 1)}
        quote = squash(f.quote)
        return f.subject == subject or subject in quote or bool(pairs) and sum(p in quote for p in pairs) >= 0.6 * len(pairs)

    said = [f for f in _prefer_narrative(facts) if f.table is None and same_amount(f.value, f.unit, stated.value, stated.unit)
            and names(f)]
    return tuple(said[:1])


#: the total columns of a table row: they print the row's own amount (a budget row's 预算数 and its 合计 column
#: are one figure; two different values are the report disagreeing with itself)
_COLUMNS = ("合计", "小计", "本年支出", "本年收入", "项目总额", "资金总额")
#: what a final account's narrative calls the amount spent besides 决算数
_SPENT = ("执行数",)
#: planned amounts of a final account: another figure than its 决算数, never the same amount as a column
_PLANNED = ("年初预算数", "全年预算数")


def _topic_column(f: Fact) -> bool:
    """A column named after its table's topic (机关运行经费 in 一般公共预算机关运行经费支出预算表): that table's own
    amount of the row, another 口径 of the row's amount than a 基本支出 table's."""
    return bool(f.table) and len(f.measure) >= 3 and f.measure in f.table


def _own_measure(kind: str | None) -> str | None:
    """The report's own amount: the first default measure of its kind (预算数 of a budget, 决算数 of a final account)."""
    defaults = terms()["default_measures"].get(kind or "")
    return defaults[0] if defaults else None


def _same_amount_measures(chosen: str, asked: bool, kind: str | None) -> set[str]:
    """The measures that state the same amount as `chosen`: a row's total column, when `chosen` is the
    report's own amount or none was asked."""
    if asked and chosen != _own_measure(kind):
        return {chosen}
    if chosen == "决算数":  # a project's 执行数 (its self-evaluation) is what was spent too: one figure, or two
        return {chosen, *_COLUMNS, *_SPENT}
    return {chosen, *_COLUMNS} if chosen not in _PLANNED else {chosen}


def statements_for(doc_id: str, facts: Sequence[Fact], subjects: Sequence[str], measures: Sequence[str],
                   asked: bool, kind: str | None = None) -> list[Statement]:
    """What to state for one report: for each subject, the asked measures (or the best default one)."""
    out: list[Statement] = []
    for subject in subjects:
        mine = [f for f in facts if f.subject == subject and f.measure]
        chosen: list[str] = [m for m in measures if any(f.measure == m for f in mine)]
        if not chosen and _own_measure(kind) in measures:
            # the report's own amount (预算数, among the budgets `预算` reads), asked or read by default (安排了多少),
            # of a row that prints it only in its total column (合计; a project's 项目总额, 资金总额)
            chosen = [m for m in _COLUMNS if any(f.measure == m for f in mine)][:1]
        if not asked:
            chosen = chosen[:1]
        for measure in chosen:
            same = _same_amount_measures(measure, asked, kind)
            own = same != {measure}  # the row's own amount asked: a table's topic column states it too
            groups = _parts_folded(_group_same([f for f in mine if f.measure in same or own and _topic_column(f)]))
            if len(groups) > 1 and _separate_rows(groups):
                out += _rows_and_total(doc_id, subject, measure, groups)
                continue
            conflict = len(groups) > 1
            for group in sorted(groups, key=lambda g: _prefer_narrative(g)[0].table is not None):
                g = _prefer_narrative(group)
                cited = _cited(g) + _narrative_also(g[0], subject, facts)
                said = g[0].measure if g[0].measure in _SPENT else measure  # (执行数 5.21 beside 决算数 5.24)
                out.append(Statement(doc_id, subject, said, g[0].value, g[0].unit, cited, conflict=conflict))
        if asked and not chosen:
            out += _computed(doc_id, subject, mine, measures)
        out = rate_rechecked(out, subject, mine)
    return out


#: how far (percentage points) a printed rate of change may stand from the one its own figures give before the
#: two are both stated: rounding of the printed amounts moves a rate by far less
RATE_TOLERANCE = 0.5


def rate_rechecked(out: list[Statement], subject: str, facts: Sequence[Fact] = ()) -> list[Statement]:
    """A printed rate of change that its own amount and change do not give (`会议费32万元，减少14.2万元，下降
    44.38%`: 14.2 ÷ 46.2 is 30.74%): the computed rate is stated beside it with its formula, and the printed one
    is marked as the report disagreeing with itself. `facts`: the subject's facts, for the amount the change's
    sentence prints when no statement gives it."""
    mine = [x for x in out if x.subject == subject and not x.formula and not x.row and x.facts]
    rate = next((x for x in mine if x.measure == "增减率" and x.unit == "%"), None)
    change = next((x for x in mine if x.measure == "增减额"), None)
    if rate is None or change is None or rate.conflict:
        return out
    # this year's amount: stated beside them, else the one the change's own sentence prints
    amounts = [x.facts[0] for x in mine if x.measure in AMOUNT_MEASURES and x.measure != "增减额"] + [
        f for f in facts if f.subject == subject and f.quote == change.facts[0].quote and f.measure in AMOUNT_MEASURES
        and f.measure != "增减额"]
    computed = rate_from_change(amounts[0], change.facts[0]) if amounts else None
    if computed is None:
        return out
    checked = Statement(rate.doc_id, subject, "增减率", computed.value, "%", computed.inputs, formula=computed.formula)
    at = out.index(rate)
    if abs(computed.value - rate.value) > RATE_TOLERANCE:
        return out[:at] + [replace(rate, conflict=True), checked] + out[at + 1:]
    # a rate printed to the whole percent (按规定压减10%) that its figures give to the hundredth: both, the
    # computed one with its formula
    if rate.value == round(rate.value) and abs(computed.value - rate.value) >= WHOLE_PERCENT_GAP:
        return out[:at + 1] + [checked] + out[at + 1:]
    return out


#: how far (percentage points) the computed rate stands from a rate printed as a whole percent before it is stated
WHOLE_PERCENT_GAP = 0.05


def _separate_rows(groups: Sequence[Sequence[Fact]]) -> bool:
    """Whether figures that differ are separate rows of one table sharing a name (会议服务 bought for three
    meetings) or 科目 of different codes (行政运行 under two 款): separate items, not the report disagreeing with itself."""
    codes = [{f.subject_code for f in g} for g in groups]
    if all(None not in c for c in codes) and all(not (a & b) for i, a in enumerate(codes) for b in codes[i + 1:]):
        return True  # 2010301 行政运行 and 2040601 行政运行: two 科目
    facts = [f for g in groups for f in g]
    if any(f.table is None for f in facts):
        return False
    # each table that prints them prints them on rows of their own (基本工资 under 行政运行 and under 事业运行,
    # in the 支出总表 and again in the 基本支出表)
    rows = [{(f.table, f.page, squash(f.quote)) for f in g} for g in groups]
    shared = any(sum(any(f.table == t for f in g) for g in groups) >= 2 for t in {f.table for f in facts})
    return shared and all(not (a & b) for i, a in enumerate(rows) for b in rows[i + 1:])


def _rows_and_total(doc_id: str, subject: str, measure: str, groups: Sequence[Sequence[Fact]]) -> list[Statement]:
    """Each row's figure in the table's order, then their sum with its formula when they are amounts in one unit."""
    ordered = sorted(groups, key=lambda g: (g[0].page or 0, (g[0].lines or (0, 0))[0]))
    rows = [Statement(doc_id, subject, measure, g[0].value, g[0].unit, _cited(g), row=True) for g in ordered]
    units = {s.unit for s in rows}
    if len(units) != 1 or not units <= set(AMOUNT_UNITS):
        return rows
    total = exact_sum([s.value for s in rows])
    # (the terms as the report prints them; many are left to the citations, their count said)
    formula, shown = shown_sum(" + ".join(printed(s.value, s.facts[0].quote) for s in rows), len(rows))
    name = f"{subject}各行" if measure == "合计" else f"{subject}各行合计"
    return rows + [Statement(doc_id, name, measure, total, rows[0].unit, (), formula=formula, shown=shown)]


def statements_with_fallback(doc_id: str, facts: Sequence[Fact], subjects: Sequence[str], measures: Sequence[str],
                             asked: bool, kind: str | None) -> list[Statement]:
    """As `statements_for`; when a 预算/决算 amount was asked and the report prints it only in table
    columns (a budget report's tables hold budget figures), the report's own default amount answers."""
    out = statements_for(doc_id, facts, subjects, measures, asked, kind)
    amounts = {"年初预算数", "预算数", "全年预算数", "决算数", "执行数"}
    if not out and asked and set(measures) <= amounts:
        defaults = terms()["default_measures"].get(kind or "决算", [])
        if (kind == "预算") == bool(set(measures) & {"年初预算数", "预算数", "全年预算数"}):
            out = statements_for(doc_id, facts, subjects, defaults, False, kind)
    if not out and asked and measures and measures[0] in formulas().basis_of_change:
        out = _basis_of_change(doc_id, facts, subjects, measures[0])
    counts = tuple(m for m in measures if m in COUNT_MEASURES.values())
    if not out and asked and counts:  # 有多少人 of a unit whose table prints its 在职人数: the count of that kind
        kinds = sorted({f.measure for f in facts if f.subject in subjects and f.measure.endswith(counts)})
        out = statements_for(doc_id, facts, subjects, kinds, True, kind) if kinds else []
    return out


def _basis_of_change(doc_id: str, facts: Sequence[Fact], subjects: Sequence[str], measure: str) -> list[Statement]:
    """The basis a change is measured against, asked and not printed (`支出13.71万元，比年初预算数减少27.49万元`:
    年初预算数 = 13.71 + 27.49): the amount of the change's own sentence less the change."""
    words = re.compile(formulas().basis_of_change[measure] + "(?:相比|比较)?[^，。；0-9]{0,4}$")
    out: list[Statement] = []
    for subject in subjects:
        mine = [f for f in facts if f.subject == subject and f.table is None]
        for change in (f for f in mine if f.measure == "增减额"):
            at = squash(change.quote).find(squash(format_value(abs(change.value))))
            amount = next((f for f in mine if f.quote == change.quote and f.measure in ("决算数", "执行数")
                           and f.unit == change.unit), None)
            if at < 0 or amount is None or not words.search(squash(change.quote)[:at]):
                continue
            value = round(amount.value - change.value, 2)
            sign = "+" if change.value < 0 else "−"
            out.append(Statement(doc_id, subject, measure, value, change.unit, (amount, change),
                                 formula=f"{format_value(amount.value)} {sign} {format_value(abs(change.value))} = {format_value(value)}{change.unit or ''}"))
            break
    return out


def _one(facts: Sequence[Fact], measure: str) -> Fact | None:
    got = _prefer_narrative([f for f in facts if f.measure == measure])
    return got[0] if got else None


def _computed(doc_id: str, subject: str, facts: Sequence[Fact], measures: Sequence[str]) -> list[Statement]:
    """Measures the report does not print for this subject but that its printed figures give."""
    out: list[Statement] = []
    if "执行率" in measures:
        for num, den, name in (("决算数", "年初预算数", "执行率"), ("执行数", "全年预算数", "完成预算率")):
            a, b = _one(facts, num), _one(facts, den)
            if a and b and b.value:
                v = round(a.value / b.value * 100, 2)  # (as every computed rate: 2 decimals, as reports print them)
                out.append(Statement(doc_id, subject, name, v, "%", (a, b),
                                     formula=f"{num} {format_value(a.value)} ÷ {den} {format_value(b.value)} = {format_value(v)}%"))
    return out


def _label(s: Statement) -> str:
    labels = terms()["measure_labels"]
    label = labels.get(s.measure, s.measure)
    if s.facts and s.facts[0].table and s.measure not in labels:
        label = f"{label}（{table_name(s.facts[0].table)}）"
    return label


def _citations(statements: Sequence[Statement], index: Index) -> list[Citation]:
    """One citation per quoted row or sentence; a table row's names its table, row and the column of each figure."""
    out: dict[tuple[str, str], Citation] = {}
    for s in statements:
        for f in s.facts:  # a report in two files: each fact's own file
            source = index.documents_by_id[f.doc_id]["source"]
            key = (source, squash(f.quote))
            row = " ".join(x for x in (f.subject_code, f.subject) if x) if f.table else None
            cited = out.get(key)
            if cited is None:
                out[key] = Citation(source=source, quote=f.quote, page=f.page, lines=f.lines, score=1.0, table=f.table,
                                    row=row, cells=((f.measure, f.value),) if f.table else ())
            elif f.table and (f.measure, f.value) not in cited.cells:  # another figure of the same row
                column = f.measure if row == cited.row else f"{f.subject} {f.measure}"
                out[key] = replace(cited, cells=cited.cells + ((column, f.value),))
    return list(out.values())


_TABLE_NUMBER = re.compile(r"\s*(?:(?:公开|附)?(?:表|附表)\s*[\d一二三四五六七八九十]+(?:[-－]\d+)?|公开\d+表)\s*$")
_TABLE_PREFIX = re.compile(r"^\s*(?:(?:预算|决算|公开|附)?\s*\d+\s*表|(?:预算|决算|公开)表\s*\d+|[一二三四五六七八九十]+、)?\s*(?:\d{4}\s*年度?)?\s*")


def table_name(title: str) -> str:
    """A table's title without its number (`表10`, `公开05表`, `六、`), which a reader would take for a
    figure, and without the year every table of the report carries."""
    return _TABLE_NUMBER.sub("", _TABLE_PREFIX.sub("", title)).strip() or title


def without_report(label: str) -> str:
    """A figure's label without the report's title it may open with (…2019年度部门预算 公务接待费预算数): the
    answer's lines name the report already."""
    return re.sub(r"^\S*年度\S*\s+", "", label)


def _report_name(index: Index, doc_id: str) -> str:
    d = index.documents_by_id[doc_id]
    return d["title"] or d["source"]


def printed(value: float, quote: str) -> str:
    """`value` as its quote prints it (905.60, not 905.6): the report's precision; else `format_value`."""
    decimals = printed_decimals(value, [quote])
    return format_value(abs(value)) if decimals is None else f"{abs(value):.{decimals}f}"


#: a change's sign said in words, as reports say it: (up, down)
CHANGE_WORDS = {"增减额": ("增加", "减少"), "增减率": ("增长", "下降")}


def _said_value(s: Statement) -> str:
    """The statement's figure as said: as the report prints it, with its unit; a change's sign in words."""
    value = f"{printed(s.value, s.facts[0].quote) if s.facts and not s.formula else format_value(abs(s.value))}{s.unit or ''}"
    if s.measure in ("增减额", "增减率"):  # the sign is said in words, as reports do
        up, down = CHANGE_WORDS[s.measure]
        value = f"{up if s.value > 0 else down} {value}" if s.value else f"持平（{value}）"
        contrary = _contrary_reason(s) if s.facts and not s.formula else None
        if contrary:
            value += f"（报告同句又称“{contrary}”，增减方向前后不一）"
    return value


#: a reason's opening naming the direction it explains (减少的主要原因是…)
_REASON_OF = re.compile(r"(增加|增长|上升|减少|下降|降低)的?(?:主要)?原因")


def _contrary_reason(s: Statement) -> str | None:
    """The opening of the reason a change's own sentence gives when it explains the opposite direction
    (`较上年增加9.49万元，减少的主要原因是…压缩经费`): the report contradicts itself; None otherwise."""
    m = _REASON_OF.search(squash(s.facts[0].quote))
    if m is None or not s.value:
        return None
    down = m.group(1) in ("减少", "下降", "降低")
    return m.group(0) if down == (s.value > 0) else None


def _statement_text(s: Statement, index: Index) -> str:
    label = _label(s)
    # a label that starts with the subject says it already (车辆 + 车辆数, 合计 + 合计（政府采购预算表）): named once
    subject = "" if label.startswith(s.subject) else s.subject
    if subject.endswith(label):  # 参保缴费人数 + 人数: the subject names its measure already
        label = ""
    text = f"{subject}{label}：{_said_value(s)}"
    if s.formula:
        text += f"（计算：{s.shown or s.formula}）"
    if s.conflict and s.facts:  # which table (口径) or the narrative states it: the reader sees which is which
        where = table_name(s.facts[0].table) if s.facts[0].table else "正文"
        text += f"（{where}所载；报告内不同处数字不一致）"
    return text


def statements_text(statements: Sequence[Statement], index: Index) -> str:
    """The statements joined with "；"; rows of one table sharing a name are said once, their figures in the
    table's order (会议服务合计（政府采购预算表）各行：1035.00万元、113.63万元、206.10万元), then their total."""
    parts: list[str] = []
    run: list[Statement] = []
    for s in [*statements, None]:
        if run and (s is None or not s.row or (s.subject, s.measure) != (run[0].subject, run[0].measure)):
            if len(run) == 1:
                parts.append(_statement_text(run[0], index))
            elif len(run) <= MAX_TERMS_SHOWN:  # (which row is which: each citation names its row and 科目编码)
                values = "、".join(_said_value(r) for r in run)
                parts.append(f"{run[0].subject}{_label(run[0])}各行：{values}")
            # (more rows than that are left to their total's formula and the citations, not buried in the text)
            run = []
        if s is not None and s.row:
            run.append(s)
        elif s is not None:
            parts.append(_statement_text(s, index))
    return "；".join(parts)


def report_labels(index: Index, doc_ids: Sequence[str]) -> dict[str, str]:
    """The shortest name that tells each report from the others: its region when regions differ, its
    department when departments do, and its year when one department's reports of several years are compared."""
    docs = {d: index.documents_by_id[d] for d in doc_ids}

    def differ(key: str) -> bool:
        return len({d.get(key) for d in docs.values()}) > 1

    out = {}
    for doc_id, d in docs.items():
        name = (d["department"] if differ("department") and d.get("department") else
                d["region"] if differ("region") and d.get("region") else "")
        if differ("year") and d.get("year"):
            name += f"{d['year']}年"
        out[doc_id] = name or d["region"] or _report_name(index, doc_id)
    return out
