"""One table column's rows answered: count, sum, mean, maxima and rankings, filters and lists, over the rows a
condition passes, each row cited (the rows come from qa.answer.rows and qa.answer.row_measures)."""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from typing import Sequence

from ..lexicon import question_words
from ..lexicon.formula_table import operation_words
from ..models import Answer, Citation, Fact, Figure
from ..search.operation import Operation
from ..search.shape import answer_shape
from ..store.index import Index
from ..text.numbers import AMOUNT_UNITS, exact_sum, format_value
from .derived import sum_formula
from .joining import joined
from .set_share import picked, share_line
from .listed_rows import named_rows
from .reasons import direction
from .row_records import Row, RowSet, kept
from .match import Statement
from .statements import CHANGE_WORDS, _citations, _report_name, table_name

#: the most rows a sum over a condition names in its text (more are in its citations)
LISTED_MAX = 8

#: a project's code printed before its name (11000026T000003749543-经济责任与城管审计项目): no figure of the answer
_PROJECT_CODE = re.compile(r"^[0-9A-Za-z]{2,}[-－—]\s*(?=[\u4e00-\u9fff])")


def _printed_code(r: Row) -> bool:
    """Whether the row's 科目编码 is printed in its quote (a code given by the national list is not shown)."""
    return bool(r.code) and re.search(rf"(?<!\d){r.code}(?!\d)", r.fact.quote) is not None


def _passing(op: Operation, rows: Sequence[Row]) -> list[Row]:
    th = op.threshold
    if th is None:
        return list(rows)
    if th.reference:
        return [r for r in rows if r.ref_wan is not None and th.passes(r.wan, r.ref_wan)]
    if th.column:  # 年初预算为0的: the bound is on the other column's figure (the rows' own when they are of it)
        return [r for r in rows if (r.ref_wan is not None and th.passes(r.ref_wan))
                or (r.ref_wan is None and r.fact.measure == th.column and th.passes(r.wan))]
    return [r for r in rows if th.passes(r.wan if th.dimension == "amount" else r.value)]


def _sum_clause(question: str) -> str:
    """The words asking the sum, without the clause that picks the rows (比上年增加的有几项？增加额合计多少: 增加额合计
    多少; 比上年减少的科目合计多少: 科目合计多少)."""
    words = operation_words()["functions"]["sum"]
    clause = next((c for c in reversed(re.split(r"[？?，,、；;]", question)) if any(w in c for w in words)), "")
    return clause.rpartition("的")[2]


def _inputs_said(inputs: Sequence[Fact]) -> str:
    """The figures a rate is of, as labelled statements (决算数 4.7万元，年初预算数 590.53万元)."""
    return "，".join(f"{f.measure} {format_value(f.value)}{f.unit or ''}" for f in inputs)


#: a question asking each row's own figure (各降了多少, 分别是多少)
_EACH_FIGURE = re.compile(r"(?:各|分别)[\u4e00-\u9fff]{0,6}?(?:多少|几)")


def rows_answer(question: str, op: Operation, rs: RowSet, index: Index) -> Answer | None:
    """count / sum / avg / max / min / rank / filter / list over the rows of one table column (named as the report
    of its first row), and each other function the question asks of them (哪个最多？一共多少？), in turn."""
    first = _rows_answer(question, replace(op, also=()), rs, index)
    if first is None or not op.also:
        return first
    return joined([first, *(a for o in op.also if (a := _set_share(question, op, rs, index) if o.function == "share"
                                                     else _rows_answer(question, o, _without(rs, o, op), index)) is not None)])


def _without(rs: RowSet, later: Operation, first: Operation) -> RowSet:
    """The rows a later function reads: those the first read, less the ones only it leaves out (几个项级科目？除去
    行政运行，哪项最多？)."""
    if not later.excluding or later.excluding == first.excluding:
        return rs
    rows = tuple(kept(rs.rows, later.excluding))
    return replace(rs, rows=rows) if rows else rs


def _set_share(question: str, op: Operation, rs: RowSet, index: Index) -> Answer | None:
    """What the rows the operation picks hold of all the rows read (哪个最多？占这些项目合计的比例？)."""
    rows = _passing(op, rs.rows)
    chosen = picked(op, rows)
    if not chosen:
        return None
    unit = "万元" if rs.rows[0].unit in AMOUNT_UNITS else rs.rows[0].unit or ""
    got = share_line(f"{_report_name(index, rs.rows[0].fact.doc_id)}：{table_name(rs.table)}（{rs.measure}）中",
                     "、".join(r.subject for r in chosen), [r.wan for r in chosen], exact_sum([r.wan for r in rs.rows]),
                     "所列各项合计", unit)
    if got is None:
        return None
    text, figure = got
    return Answer(question=question, found=True, text=text, figures=(figure,),
                  citations=_cited(list(dict.fromkeys(r.fact for r in rs.rows)), index), method="facts")


def _cited(facts: Sequence[Fact], index: Index) -> tuple[Citation, ...]:
    """The facts' citations, each file of a report in two files cited on its own."""
    per_file = [Statement(d, "", "", 0.0, None, tuple(f for f in facts if f.doc_id == d))
                for d in dict.fromkeys(f.doc_id for f in facts)]
    return tuple(_citations(per_file, index))


def _rows_answer(question: str, op: Operation, rs: RowSet, index: Index) -> Answer | None:
    doc_id = rs.rows[0].fact.doc_id
    kind = f"{rs.level}级科目" if rs.level else rs.noun or ("科目" if rs.rows and all(r.code for r in rs.rows) else "项目")
    if named_rows(op, [r.fact for r in rs.rows]):  # 基本工资、津贴补贴、奖金哪项最多: of the rows named only
        kind = f"所问{kind}（{'、'.join(r.subject for r in rs.rows)}）"
    where = f"{_report_name(index, doc_id)}：{table_name(rs.table)}（{rs.measure}）"
    th = op.threshold
    cond = "" if th is None else th.describe() if th.column else f"{rs.measure} {th.describe()}"
    rows = _passing(op, rs.rows)
    fn = op.function
    if fn in ("max", "min", "rank"):
        desc = op.direction != "asc"
        ordered = sorted(rows, key=lambda r: r.wan, reverse=desc)
        top, first = op.places(ordered, 1 if fn in ("max", "min") else 5)  # (排第三的: the one row at that place)
        if not top:
            return None
        word = "最高" if desc else "最低"
        def in_wan(r: Row) -> float | None:  # an amount a table prints in 元, read in 万元 too: 506480元（50.65万元）
            return round(r.wan, 2) if r.unit == "元" and r.value >= 10_000 and len(top) <= 3 else None

        # a code is said only where the name alone is not enough (行政运行 under two 款)
        shared = {n for n, c in Counter(r.subject for r in rs.rows).items() if c > 1}

        def shows_inputs(r: Row) -> bool:  # a rate of one or two rows ranked: what it is of (决算数, 年初预算数)
            return r.unit == "%" and len(r.inputs) == 2 and len(top) <= 2 and r.also is None

        def said(r: Row) -> str:
            also = f"（{CHANGE_WORDS[r.also.measure][r.also.value < 0]} {format_value(abs(r.also.value))}{r.also.unit or ''}）" \
                if r.also and len(top) <= 3 else ""
            wan = f"（{format_value(in_wan(r))}万元）" if in_wan(r) is not None else ""
            of = f"（{_inputs_said(r.inputs)}）" if shows_inputs(r) else ""
            return f"{_PROJECT_CODE.sub('', r.subject)}{'（' + r.code + '）' if r.subject in shared and _printed_code(r) else ''} {format_value(r.value)}{r.unit or ''}{wan}{also}{of}"
        listed = "；".join(f"{i}. {said(r)}" for i, r in enumerate(top, 1))
        text = f"{where}中{cond and cond + '的'}{kind}{word}的{'是' if len(top) == 1 else f'{len(top)}个依次为'}：{listed}。"
        if op.position:
            text = f"{where}中{cond and cond + '的'}{kind}{'从高到低' if desc else '从低到高'}排第{op.position}的是：{said(top[0])}。"
        if op.direction == "both" and fn in ("max", "min") and not op.n and len(ordered) > 1:  # 最多和最少的
            top = [ordered[0], ordered[-1]]
            text = f"{where}中{cond and cond + '的'}{kind}最高的是：{said(top[0])}；最低的是：{said(top[1])}。"
        order = "降序" if desc else "升序"
        used = top
        figures = [Figure(r.value, r.unit, f"{r.subject} {rs.measure}", f"{order}第{i}（{cond or rs.measure}）")
                   for i, r in enumerate(top, first)]
        figures += [Figure(w, "万元", f"{r.subject} {rs.measure}", f"{format_value(r.value)}元 ÷ 10000 = {format_value(w)}万元")
                    for r in top if (w := in_wan(r)) is not None]
        figures += [Figure(f.value, f.unit, f"{r.subject} {f.measure}") for r in top if shows_inputs(r) for f in r.inputs]
    elif fn == "avg" and len({r.unit for r in rows}) == 1 and rows:
        if rows[0].unit != "分" and any(w in question for w in question_words()["score_words"]):
            return None  # 平均得了多少分: a mean of scores, not of the amounts another column holds
        total = round(sum(r.value for r in rows), 2)
        mean = round(total / len(rows), 2)
        unit = rows[0].unit or ""
        # the inputs are the cited rows; the formula says their sum and count
        formula = f"{format_value(total)} ÷ {len(rows)} = {format_value(mean)}{unit}"
        text = f"{where}中{cond and cond + '的'}{kind}共 {len(rows)} 个，平均 {format_value(mean)}{unit}（计算：{formula}）。"
        used, figures = rows, [Figure(mean, rows[0].unit, f"{kind}平均", formula)]
    elif fn == "sum":
        if rs.measure == "增减额" and rows and all(r.inputs for r in rows) and direction(_sum_clause(question)) is None:
            # 比上年减少的科目合计多少: the rows the change picks, their own amounts summed (合计减少了多少: the changes)
            rows = [Row(r.subject, r.code, r.inputs[0].value, r.inputs[0].unit, r.inputs[0]) for r in rows]
            where = where.replace(f"（{rs.measure}）", f"（{rows[0].fact.measure}）")
        total_word = "合计"
        if rows and all(r.unit == "%" for r in rows):  # (rates add up to nothing)
            changes = direction(_sum_clause(question)) is not None
            if changes and all(r.also is not None and r.also.unit in AMOUNT_UNITS for r in rows):
                # 压减10%的科目…总共压减了多少: the changes the rates are of, as their sentences state them
                rows = [Row(r.subject, r.code, r.also.value, r.also.unit, r.also) for r in rows]
                if all(r.value < 0 for r in rows):  # (合计减少 210.83万元, not 合计 -210.83万元)
                    rows, total_word = [replace(r, value=-r.value) for r in rows], f"合计{CHANGE_WORDS['增减额'][True]}"
            elif all(r.inputs for r in rows):  # 执行率不到80%的…合计多少: the rows' own amounts
                rows = [Row(r.subject, r.code, r.inputs[0].value, r.inputs[0].unit, r.inputs[0]) for r in rows]
            else:
                return None
            where = where.replace(f"（{rs.measure}）", f"（{rows[0].fact.measure}）")
        if op.n:  # 排前三的…加起来: the first n of the ranking asked before
            rows = picked(op, rows)
            kind = f"{'最高' if op.direction != 'asc' else '最低'}的{op.n}个{kind}"
        # rows sharing a unit are added in it, as the report prints them (元 rows in 元, 在职人数 in 人); rows in
        # several amount units in 万元
        units = {r.unit for r in rows}
        unit = units.pop() if len(units) == 1 and None not in units else "万元"
        if unit in AMOUNT_UNITS and answer_shape(question)[2] == "万元":
            unit = "万元"  # (加起来是多少万元: rows printed in 元 added in the unit asked)
        terms = [r.wan if unit == "万元" else r.value for r in rows]
        total = exact_sum(terms)
        # (the rows are the formula's terms: their count would be one more figure to read, not a check)
        formula, shown = sum_formula(terms, total, unit)
        # rows chosen by a condition are named (超过10万元的有哪些，加起来多少): which rows passed is half the answer
        which = f"共 {len(rows)} 个（{'、'.join(r.subject for r in rows)}），" if op.threshold and len(rows) <= LISTED_MAX else ""
        text = f"{where}中{cond and cond + '的'}{kind}{which}{total_word} {format_value(total)}{unit}（计算：{shown}）。"
        used, figures = rows, [Figure(total, unit, f"{kind}{total_word}", formula)]
        if which:
            figures.append(Figure(float(len(rows)), "个", f"{kind}个数", f"计数（{cond}）：{'、'.join(r.subject for r in rows)}"))
    else:  # count, filter, list
        names = "、".join(r.subject for r in rows)
        # a few rows, or the rows a condition picked or a list asked when asked which (不到400万元的有哪些, 具体分成
        # 哪几块; not 有几个): each with its figure
        # (a row said with a second figure, 1092.8万元（项目支出 8.77万元）, takes two: three such rows bury a count)
        few = len(rows) <= (2 if any(r.ref or r.also for r in rows) else 3)
        # (有几个…各降了多少: the count, and each row's figure asked beside it)
        each = _EACH_FIGURE.search(question) is not None
        if few or (fn == "filter" and (op.threshold is not None or op.kind == "list") or each) and len(rows) <= LISTED_MAX:
            # (a rate picked by, with the change it is of: 人大立法 10%（减少 9万元）)
            names = "、".join(f"{r.subject} {format_value(r.value)}{r.unit or ''}"
                              + (f"（{r.ref.measure} {format_value(r.ref.value)}{r.ref.unit or ''}）" if r.ref else
                                 f"（{CHANGE_WORDS[r.also.measure][r.also.value < 0]} {format_value(abs(r.also.value))}"
                                 f"{r.also.unit or ''}）" if r.also and r.unit == "%" and r.also.measure in CHANGE_WORDS else "") for r in rows)
        head = f"{where}中{cond and cond + '的'}{kind}"
        text = f"{head}共 {len(rows)} 个" + (f"：{names}。" if rows else "。")
        used = rows if rows else list(rs.rows)
        figures = [Figure(float(len(rows)), "个", f"{kind}个数", f"计数（{cond or rs.measure}）：{names or '无'}")]
    cited = list(dict.fromkeys(f for r in used for f in (r.fact, *((r.ref,) if r.ref else ()), *r.inputs)))
    return Answer(question=question, found=True, text=text, figures=tuple(figures),
                  citations=_cited(cited, index), method="facts",
                  listed=tuple(Figure(r.value, r.unit, r.subject) for r in rows) if fn not in ("max", "min", "rank") else ())
