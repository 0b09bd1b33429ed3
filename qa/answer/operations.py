"""Operations over many facts: aggregates over a report's table rows (count, sum, max/min, rank,
threshold filters, lists), shares and changes computed by the formula table, comparisons and sums
between reports, counts by quote and reasons (one table column's rows are answered in qa.answer.row_answer).

`answer_operation` is the one entry point `answer_from_facts` calls first: it parses the question's
operation (qa.search.operation) and answers when the operation is one it computes; None hands the
question on to the lookup path.
"""
from __future__ import annotations

import re
from dataclasses import replace
from typing import Sequence

from ..lexicon.formula_table import formulas, operation_words
from ..models import Answer, Fact, Figure
from ..search.operation import Operation
from ..search.query import Query, terms
from ..store.index import Index
from ..text.chars import longest_first
from ..text.numbers import AMOUNT_UNITS, exact_sum, format_value
from .by_value import answer_by_value
from .across import answer_across, reports
from .listed_rows import _bigrams, breakdown_said, described_projects, named_rows, table_of_stated_total
from .difference import answer_difference, answer_multiple
from .asked import count_units_asked, wanted_measures
from .loose_match import match_members
from .match import _LOWER, Statement
from .joining import joined
from .result_share import with_share, with_share_of_its_table
from .share_words import split_share
from .one_report import answer_measure
from .share_change import share_of_each
from .shares import answer_listed_share, answer_share
from .item_sums import _asks_sum
from .per_head import answer_per_head
from .procurement import answer_by_method, purchase_rows
from .projects import overall_rate, printed_mean, without_funding_parts
from .row_answer import rows_answer
from .row_records import RowSet
from .row_measures import measured_rows, ranks_by_measure
from .columns import named_column
from .rows import group_rows, names_units, select_rows, unit_rows, unit_rows_against
from .statements import _citations, _label, _report_name, _statement_text, report_labels
from .pick import CONTEXT_WORDS


def _comparison(query: Query, per_doc: Sequence[tuple[str, list[Statement]]], index: Index) -> list[str]:
    """One line naming the highest (or lowest) report when every report states the same measure."""
    firsts = [(doc_id, group[0]) for doc_id, group in per_doc]
    measures = {s.measure for _, s in firsts}
    if len(measures) != 1:
        return []
    names = report_labels(index, [d for d, _ in firsts])
    names = {d: query.written(n) for d, n in names.items()}
    lower = any(w in query.text for w in _LOWER)
    ranked = sorted(firsts, key=lambda p: p[1].value, reverse=not lower)
    best_doc, best = ranked[0]
    word = "最低" if lower else "最高"
    if len(ranked) == 2:
        word = "更少" if lower else "更多"
    order = " > ".join(f"{names[d]} {format_value(s.value)}{s.unit or ''}"
                       for d, s in sorted(firsts, key=lambda p: -p[1].value))
    return [f"比较：{names[best_doc]}{word}（{order}）。"]


def _count_by_quote(question: str, query: Query, item: str, facts: Sequence[Fact], index: Index) -> Answer | None:
    """A count (人次, 辆, 人…) whose item the subjects do not name: the count fact whose sentence shares
    most of the question's wording, when one stands out."""
    measures, asked = wanted_measures(query, (), None)
    counts = set(terms()["counts"].values())
    if not asked or not set(measures) <= counts:
        return None
    wanted = _bigrams(item)
    if len(wanted) < 2:
        return None
    scored = sorted(((len(wanted & _bigrams(f.quote)) / len(wanted), f) for f in facts if f.measure in measures),
                    key=lambda p: -p[0])
    if not scored or scored[0][0] < 0.5:
        return None
    best = [f for sc, f in scored if sc == scored[0][0]]
    if len({f.value for f in best}) != 1:
        return None
    f = best[0]
    st = Statement(f.doc_id, f.subject, f.measure, f.value, f.unit, tuple(best[:2]))
    text = f"{_report_name(index, f.doc_id)}：{_statement_text(st, index)}。"
    return Answer(question=question, found=True, text=text,
                  figures=(Figure(value=f.value, unit=f.unit, label=f"{f.subject}{f.measure}"),),
                  citations=tuple(_citations([st], index)), method="facts")


def _reason_answer(question: str, statements: Sequence[Statement], index: Index) -> Answer | None:
    """Why a figure changed: the report's own sentence stating the change and its 主要原因."""
    changes = [s for s in statements if s.measure in ("增减额", "增减率") and "原因" in s.facts[0].quote]
    if not changes:
        return None
    s = changes[0]
    f = s.facts[0]
    quote = re.sub(r"\s+", " ", f.quote)
    text = f"{_report_name(index, s.doc_id)}：{quote}"
    return Answer(question=question, found=True, text=text,
                  figures=tuple(Figure(value=x.value, unit=x.unit, label=f"{x.subject}{_label(x)}")
                                for x in statements if x.facts[0] is f),
                  citations=tuple(_citations([s], index)), method="facts")


def _sum_line(query: Query, per_doc: Sequence[tuple[str, list[Statement]]]) -> tuple[str, Statement] | None:
    """合计/一共 over reports: the sum of each report's first figure, with the formula."""
    if not _asks_sum(query):
        return None
    firsts = [group[0] for _, group in per_doc]
    if len({(s.measure, s.unit) for s in firsts}) != 1:
        return None
    total = exact_sum([s.value for s in firsts])
    formula = " + ".join(format_value(s.value) for s in firsts)
    st = Statement(firsts[0].doc_id, f"{firsts[0].subject}（各报告合计）", firsts[0].measure, total, firsts[0].unit, (),
                   formula=formula)
    return f"合计：{format_value(total)}{firsts[0].unit or ''}（计算：{formula}）。", st



#: a share asked of the one row at an end of the ranking (最大那项占…), not of the rows ranked
_ONE_END = re.compile(r"(?:最大|最多|最高|最小|最少|最低)的?那一?[项个笔类]|第一[名项]")


def _sums_the_ranked(query: Query) -> bool:
    """Whether the rows a ranking answers are added up for the share asked (`最大的两项…合计占商品和服务支出多少`): a
    sum word said before 占 (not in the whole's name after it, 占机关运行经费合计), no one end pointed at."""
    text = query.text
    before = text[: text.rfind("占")] if "占" in text else text
    return any(w in before for w in formulas().formulas["合计"].cues) and not _ONE_END.search(text)


def _with_share_asked(got: Answer | None, op: Operation, item: str, facts: Sequence[Fact], index: Index,
                      asks_sum: bool = False) -> Answer | None:
    """An answer over rows with the share of its result in the whole the question names, when a share is asked
    (哪个项目最多？占全部项目支出多少？); unchanged when the share is of the rows' own set (占这些项目合计: read
    with them, Operation.also) or none is asked."""
    if got is None or op.derived != "占比" or any(o.function == "share" for o in op.also):
        return got
    ranked = [f for f in got.figures if f.unit in AMOUNT_UNITS]
    if (op.n or 0) >= 2 and op.function in ("max", "min", "rank") and asks_sum and len(ranked) >= 2 \
            and len({f.unit for f in ranked}) == 1:  # 最大的两项…合计占多少: the share of the rows' sum
        total = exact_sum([f.value for f in ranked])
        formula = " + ".join(format_value(f.value) for f in ranked) + f" = {format_value(total)}{ranked[0].unit}"
        summed = replace(got, text=f"{got.text}\n合计：{format_value(total)}{ranked[0].unit}（计算：{formula}）。",
                         figures=(Figure(total, ranked[0].unit, "合计", formula), *got.figures))  # (the sum first:
        # the figure a share is of)
        shared = with_share(summed, item, facts, index)
        return shared if shared is not summed else got
    shared = with_share(got, item, facts, index)
    context, _, whole = split_share(item.replace(" ", ""))
    ends = operation_words()["functions"]
    if shared is got and op.function in ("max", "min") and (not whole or any(w in whole for f in ("max", "min")
                                                                              for w in ends[f])):
        # 三公经费中哪一项占比最大: no whole after 占 but the extreme asked; the whole is what the rows were ranked in
        return with_share_of_its_table(got, context, facts, index, said=item)
    return shared


def answer_operation(question: str, query: Query, item: str, facts: Sequence[Fact], docs: Sequence[dict],
                     index: Index) -> Answer | None:
    """An answer computed over many facts (rows of a table, several reports, a share), or None when the
    question asks for no such operation or the facts do not support it (the lookup path then answers)."""
    op = query.operation
    by_value = answer_by_value(question, query, facts, index) if len(reports(docs)) == 1 else None
    if by_value is not None:  # 1035万是哪个会的会议经费: the item of the amount stated
        return by_value
    if op.function == "avg" and printed_mean(query.text, facts):
        return None  # 平均得分99.43分: the report's own mean of all its projects, read by the lookup path
    facts = without_funding_parts(facts, item)
    groups = reports(docs)
    one = len(groups) == 1  # a report published as narrative + tables files is one report
    totalled = table_of_stated_total(query.text, facts) if one and (op.is_aggregate or op.function) else None
    # 打击欺诈骗保那72.35万元里哪一项最大: the rows of the table with that total; 打击欺诈骗取医保的钱都花在哪些方面:
    # the rows of the table breaking that thing down
    totalled = totalled or (breakdown_said(query.text, facts) if one and (op.is_aggregate or op.function) else None)
    if totalled is not None:
        facts = [f for f in facts if f.table == totalled]
    subjects = {f.subject for f in facts}
    units_in_item = names_units(item, subjects)
    units_ranked = op.function in ("max", "min") and units_in_item  # 哪家单位最多: the units' rows, not reports
    paired = op.threshold is not None and op.threshold.pairs_figures
    # 各单位, 哪些单位: the units the table prints rows for (单位 after 的 or 哪些 left the item: the question says it)
    units_named = units_in_item or names_units(query.topic, subjects)
    # 哪些单位在职人数超过编制数: units compared on two of their figures
    against = unit_rows_against(item, facts, op) if paired and units_named else None
    # (rows the question lists by name, when two or more of them are rows of a table)
    named = bool(op.named) and named_rows(op, [f for f in facts if f.table and f.subject_code]) is not None
    # (items listed by name that the narrative states, none a table row: 科技创新、生命健康…四个专项哪个最多 is read of
    # those items by the lookup, not of a table's rows)
    listed_items = len(op.named) > 1 and not named and (match_members(query.topic, subjects) or match_members(
        "、".join(op.named), subjects)) is not None
    over_rows = not listed_items and (op.is_aggregate or units_ranked) and (totalled is not None or _reads_rows(op, item, query.text, named) or units_in_item
                                                       or against is not None or _NAMED_PARENT.search(query.text)
                                                       or _of_described(op, item, facts) or _ranks_under_parent(op, item, facts))
    listed = answer_listed_share(question, query, facts, docs[0], index) if one and op.derived == "占比" else None
    if listed is not None:  # 会议费占三公、会议费、培训费合计的比例: a whole listed as the items it adds up
        return listed
    by_method = answer_by_method(question, query.text, facts, index, query.figure_kind == "count") if one else None
    if by_method is not None:  # 采购组织形式为政府集中采购的有几条、合计多少
        return with_share(by_method, item, facts, index) if op.derived == "占比" else by_method
    bought = purchase_rows(op, query.text, item, facts) if one else None
    if bought is not None:  # 政府采购货物里哪样最多, 会议费加起来多少: the procurement table's own rows
        # (最大的一笔占服务类采购的比例: the row's share of the whole the question names, as over other rows)
        return _with_share_asked(rows_answer(question, op, bought, index), op, item, facts, index, _sums_the_ranked(query))
    if one and over_rows:
        measured = (op, against) if against is not None else measured_rows(op, item, query.text, facts)
        if measured is not None:
            op, rowset = measured
        else:
            # (rows ranked by a rate no row states are not ranked by their amounts instead)
            rowset = None if paired or ranks_by_measure(op, query.text) else select_rows(op, item, facts, [d["department"] for d in docs if d.get("department")])
        rowset = rowset or group_rows(item, facts)
        if rowset is not None:
            got = _with_other_column(rows_answer(question, op, rowset, index), question, op, item, rowset, facts, index)
            got = _with_share_asked(got, op, item, facts, index, _sums_the_ranked(query))
            return _with_printed_count(got, op, item, facts, index)
    elif one and op.function == "sum":  # 信息化服务类合计: the rows of a group the question names and no row is
        per_unit = _unit_sums(question, query, item, facts, index) if units_named else None  # 各单位在职人数合计
        if per_unit is not None:
            return per_unit
        group = group_rows(item, facts)
        if group is not None:
            return rows_answer(question, op, group, index)
    if op.derived == "占比" and one:
        return answer_share(question, query, item, facts, docs[0], index)
    if op.derived == "人均" and one:
        return answer_per_head(question, query, item, facts, docs[0], index)
    if one and op.derived == "倍数":  # 提租补贴是住房公积金的几倍: two items of the report
        multiple = answer_multiple(question, item, facts, docs[0], index)
        if multiple is not None:
            return multiple
    # 基本支出比项目支出多多少: two items of the report (增幅多大 too: the rate comes with the amount)
    if one and op.derived in ("增减额", "差额", "增减率"):
        between = answer_difference(question, item, facts, docs[0], index, count_units_asked(query))
        if between is not None:
            return between
    together = overall_rate(question, op, facts, index) if one else None
    if together is not None:  # 4个项目总的执行率: their 执行数 summed over their 全年预算数 summed
        return together
    if one and op.kind in ("compute", "compare", "lookup"):
        return answer_measure(question, query, op, item, facts, docs[0], index)
    if not one:
        if over_rows and op.over == "rows" and op.level:  # 哪个项级科目最多 of two reports: each report's rows, not
            each = _each_report(question, query, item, facts, groups, index)  # the reports ranked by a total
            if each is not None:
                return each
        computed = answer_across(question, query, op, item, facts, docs, index)
        each = share_of_each(question, query, item, facts, groups, index) if computed is None and op.derived == "占比" else None
        if each is not None:  # 占比比2018年提高了几个百分点: each report's own share (their gap: points.with_point_gap)
            return each
        printed = _printed_change(question, query, op, item, facts, docs, index)
        if printed is None and computed is None and over_rows and op.over == "rows":
            return _each_report(question, query, item, facts, groups, index)  # 信访局 held for two regions
        formula = formulas().formulas.get(op.derived or "")
        own = op.derived == "执行率" or formula is not None and bool(formula.basis_readings(query.text))
        if printed is None and computed is None and op.kind == "compute" and own and query.figure_kind != "percent":
            # 医保局2023年行政运行花掉了年初预算的多少, 决算和年初预算差了多少, 医保局 held for two regions: each
            # report's own measure (a rate asked as one, 完成年初预算的比例, is each report's printed rate: the lookup
            # states those alone; a change from last year, 增减额, each report's printed change)
            each = [answer_measure(question, query, op, item, [f for f in facts if f.doc_id in ids], d, index)
                    for d, ids in groups]
            return joined([a for a in each if a is not None and a.found], question)
        # the change the later report prints (its own 口径) first, then the one computed between the reports
        return joined([a for a in (printed, computed) if a is not None])
    return None


def _with_other_column(a: Answer | None, question: str, op: Operation, item: str, rowset: RowSet,
                       facts: Sequence[Fact], index: Index) -> Answer | None:
    """A sum of the rows read, with the same sum in a second column of their table the question names too
    (`编制数加起来一共多少人？在职人数合计呢？`): the same rows, each in that column, summed on a line of its own."""
    if a is None or not a.found or op.function != "sum" or op.threshold is not None or op.derived not in (None, "合计"):
        return a
    cells = [f for f in facts if f.table == rowset.table]
    other = named_column(item.replace(rowset.measure, " "), [f for f in cells if f.measure != rowset.measure])
    if other is None:
        return a
    rows = []
    for r in rowset.rows:  # (the same printed row: its line, else the one cell of its name in that column)
        same = [f for f in cells if f.measure == other and f.subject == r.subject]
        cell = next((f for f in same if f.quote == r.fact.quote), same[0] if len(same) == 1 else None)
        if cell is None:
            return a
        rows.append(replace(r, value=cell.value, unit=cell.unit, fact=cell, ref=None, inputs=(), also=None))
    more = rows_answer(question, op, replace(rowset, measure=other, rows=tuple(rows)), index)
    if more is None or not more.found:
        return a
    # (in the order the question names the two columns)
    return joined([more, a] if item.find(other) < item.find(rowset.measure) else [a, more])


def _unit_sums(question: str, query: Query, item: str, facts: Sequence[Fact], index: Index) -> Answer | None:
    """The sum of a column over the units a table lists (各单位在职人数合计), or of each of two columns joined by a
    conjunction (编制数和在职人数分别合计); a count asked is summed only from counts, an amount only from amounts
    (所属单位车一共有几辆 is no sum of the units' budgets)."""
    words = "|".join(map(re.escape, sorted(operation_words()["conjunctions"], key=longest_first)))
    answers, summed = [], set()
    for part in [p for p in re.split(words, item) if p.strip()] or [item]:
        rs = unit_rows(part, facts, query.operation)
        if rs is None or (query.figure_kind == "count") == (rs.rows[0].unit in AMOUNT_UNITS) or rs.measure in summed:
            continue
        got = _with_other_column(rows_answer(question, query.operation, rs, index), question, query.operation, part, rs,
                                 facts, index)
        if got is not None:
            answers.append(got)
            summed.add(rs.measure)
    if len(answers) > 1:
        return joined(answers)
    return answers[0] if answers else None


#: the fewest character pairs a printed count's name shares with the question for it to count the same things
COUNT_NAME_PAIRS = 3


def _with_printed_count(a: Answer | None, op: Operation, item: str, facts: Sequence[Fact], index: Index) -> Answer | None:
    """A count of rows, with the count the narrative prints of the same things when it differs (`绩效自评的项目有几个`:
    5 rows of 项目自评 tables, and `共涉及8个二级项目`): a second reading, cited, never silently dropped."""
    if a is None or not a.found or op.function != "count" or op.threshold is not None or not a.figures:
        return a
    counted = a.figures[0].value
    wanted = _bigrams(item) - {"项目"}
    said = [(len(wanted & _bigrams(f.subject)), f) for f in facts if f.table is None and f.measure == "个数"
            and f.unit in ("个", "项") and f.value != counted and f.value == int(f.value)]
    said = [(n, f) for n, f in said if n >= COUNT_NAME_PAIRS]
    if not said:
        return a
    f = max(said, key=lambda p: p[0])[1]
    line = f"报告正文另载：{f.subject} {format_value(f.value)}{f.unit}（与所列行数不同，两者均列出）。"
    extra = _citations([Statement.of(f)], index)
    return replace(a, text=f"{a.text}\n{line}", figures=(*a.figures, Figure(f.value, f.unit, f"{f.subject}（正文所载）")),
                   citations=(*a.citations, *extra))


def _each_report(question: str, query: Query, item: str, facts: Sequence[Fact],
                 groups: Sequence[tuple[dict, set[str]]], index: Index) -> Answer | None:
    """An operation over table rows asked of several reports (a department named alone, held for two regions):
    each report's own answer, one after the other, labelled by its report; the reports that have no such rows
    are named as such. None when none has them."""
    got = [(ids, answer_operation(question, query, item, [f for f in facts if f.doc_id in ids],
                                  [index.documents_by_id[i] for i in sorted(ids)], index)) for _, ids in groups]
    answered = joined([a for _, a in got if a is not None and a.found])
    none = [_report_name(index, sorted(ids)[0]) for ids, a in got if a is None or not a.found]
    if answered is None or not none:
        return answered
    return replace(answered, text=f"{answered.text}\n（{'、'.join(none)}：报告中没有可据以回答的表格行。）")


def _printed_change(question: str, query: Query, op: Operation, item: str, facts: Sequence[Fact],
                    docs: Sequence[dict], index: Index) -> Answer | None:
    """A change asked between two consecutive years of one department (2018年比2017年多了多少): the change the
    later year's report states itself (会议费271.26万元，比上年增加43.26万元), or None."""
    pair = reports(docs)
    if op.derived not in ("增减额", "增减率") or len(pair) != 2:
        return None
    (a, a_ids), (b, b_ids) = sorted(pair, key=lambda p: p[0].get("year") or 0)
    if (a.get("department"), a.get("kind")) != (b.get("department"), b.get("kind")) or not a.get("year") \
            or b.get("year") != a["year"] + 1:
        return None
    return answer_measure(question, query, op, item, [f for f in facts if f.doc_id in b_ids], b, index)


#: a 类 or 款 named with its level (退役安置（款）下面有几个项): its rows are asked, though the item lost the mark
_NAMED_PARENT = re.compile(r"[（(][类款][）)]")


def _ranks_under_parent(op: Operation, item: str, facts: Sequence[Fact]) -> bool:
    """`普通教育里，哪个学段给的钱最多`: a 类 or 款 the report prints, named before a context word, with its rows ranked
    by a kind of row the lexicon does not know (学段)."""
    if op.function not in ("max", "min", "rank"):
        return False
    parents = {f.subject for f in facts if f.subject_code and len(f.subject_code) in (3, 5) and len(f.subject) >= 2}
    return any(re.search(rf"{re.escape(p)}(?:{CONTEXT_WORDS}|下)", item) for p in parents)


def _of_described(op: Operation, item: str, facts: Sequence[Fact]) -> bool:
    """Whether the question reads the 专项 a budget report describes one by one (几个政策资金专项里哪个最多), listing
    none of them itself."""
    return "专项" in item and not op.named and bool(described_projects(facts))


def _reads_rows(op: Operation, item: str, text: str, named: bool = False) -> bool:
    """Whether the aggregate reads table rows: the question names a level, a kind of row (科目, 项目,
    哪一项), rows by a quoted name (为“部门集中采购”的), a group of 经济分类 codes (公用经费), or counts rows
    (超过200万的有几项)."""
    words = operation_words()
    # (哪些项 asks rows, though the item has lost its 哪些 to the operation words)
    asks = [w for w in words["row_words"] if w.startswith("哪")]
    return bool(op.level or op.quoted or named or any(w in item for w in words["row_words"]) or any(w in text for w in words["row_counts"])
                or any(w in text for w in asks)
                or any(g in item for g in formulas().code_groups) or op.n is not None and _N_ROWS.search(text))


#: the rows a ranking asks for by their number (最大的三项, 前5笔): rows of a table, not reports
_N_ROWS = re.compile(r"[两二三四五六七八九十\d]+(?:项|笔)(?!目)")
