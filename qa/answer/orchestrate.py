"""The answer step: facts first, then passages; or say why not. Every answer is grounded in its citations."""
from __future__ import annotations

import re
from dataclasses import replace
from typing import Sequence

from ..lexicon import question_words, terms
from ..lexicon.formula_table import formulas, operation_words
from ..models import Answer, Figure
from ..search.named import without_names
from ..search.query import Query
from ..search.parts import figure_clauses, text_clauses, names_own_item
from ..search.shape import find_terms
from ..search.retrieve import Retriever, Scope
from ..search.years import asks_last_year
from ..store.index import Index
from ..text.chars import squash
from ..text.numbers import AMOUNT_UNITS, convert_amount, format_value
from .across import reports
from .breakdowns import with_activity_figures, with_breakdown
from .companions import companion_citations
from .count_kinds import answer_count_kinds
from .held_items import held_by_item
from .completion import (figure_kind_of, not_a_head_count, not_a_rate, not_a_score, only_targets, with_every_kind,
                         with_grade)
from .enumerations import answer_enumeration
from .listed_rows import names_a_table
from .rows import asks_kinds_of_things, coded_group_rows, names_rows, sentence_parts
from .asked import known_subjects, mentioned
from .facts import answer_from_facts
from .grounding import ground
from .passages import (
    SENTENCE_POOL,
    answer_from_passages,
    item_text,
    not_found,
    wants_figure,
)
from .later_parts import (
    beside,
    figure_sentence,
    top_row,
    with_count_companions,
    without_named,
    without_trailing_filler,
)
from .in_parts import answer_in_parts
from .joining import joined
from .points import with_gap_to_named_value, with_point_gap
from .precision import with_precision, with_rate_checks
from .procurement import lists_bought
from .row_measures import ranks_by_measure
from .previous import (answer_previous_year, later_report_of_change, passages_naming_year, previous_report_of_change,
                       with_next_budget)
from .reasons import answer_reason, states_no_reason
from .evaluation_reasons import evaluation_reason
from .member_units import answer_units, asks_units
from .stated_whole import answer_stated_whole, wholes_said
from .table_pair import answer_table_pair, asks_table_gap
from .year_before import no_year_before


def answer(question: str, retriever: Retriever, query: Query, scope: Scope, *, top_k: int = 8) -> Answer:
    """Answer from the scoped reports: facts first, then passages; or say why not. Always grounded."""
    scope = held_by_item(query, scope, retriever.index)
    query = replace(query, doc_ids=scope.doc_ids)
    # 项目支出457.72万元，主要用在哪些项目上、各多少: the figures adding up to the amount said, however the
    # question is split
    a = _whole_or_two_tables(question, retriever, query, scope)
    if a is None and query.parts:
        a = answer_in_parts(question, retriever, query, scope, top_k, _answer)
    if a is None:
        a = _answer(question, retriever, query, scope, top_k=top_k)
        a = with_next_budget(question, a, query, retriever.index)
    a = with_every_kind(a, query) if a.found else a
    if a.found and not query.parts:
        a = _with_text_asked(question, a, retriever, query, scope, top_k)
    if not _states_change(a):
        a = _against_previous_report(question, a, retriever, query, scope, top_k)
    a = with_activity_figures(with_breakdown(with_count_companions(a), query), query, retriever.index)
    a = with_precision(a, query.decimals, scope.doc_ids, retriever.index,
                       rate_asked=_asks_rate(query))
    a = with_point_gap(with_rate_checks(a, scope.doc_ids, retriever.index), question)
    a = with_gap_to_named_value(a, question, query.operation.derived)
    if a.found and not_a_score(a, query):
        a = not_found(question, "报告中没有所问的得分（所找到的数字都不是分数）。", method=a.method)
    if a.found and not_a_head_count(a, query):
        a = not_found(question, "报告中没有所问的人数（所找到的数字都不是本部门的编制或人员数）。", method=a.method)
    if only_targets(a, query):
        a = not_found(question, "报告只列出目标值，没有实际完成数。", method=a.method)
    if a.found and query.form == "figure":  # 比2018年增长了多少 of a department new in 2019: no 2018 figure
        a = no_year_before(question, query, scope.doc_ids, retriever.index) or a
    no_reason = states_no_reason(a, query)  # (为什么 answered by a table or a figure found near the words asked)
    if no_reason or query.form == "reason" and not a.found and not query.parts:
        # 征缴工作经费为什么执行率才18.5%: the narrative gives none; the project's 绩效自评表 may
        cell = evaluation_reason(question, query, scope.doc_ids, retriever.index)
        a = cell or (not_found(question, "报告中没有说明所问的原因。", method=a.method) if no_reason else a)
    if a.found and not_a_rate(a, query):
        a = not_found(question, "报告中没有所问的比例（所找到的数字都不是百分比），也没有可用来计算它的数。", method=a.method)
    a = with_grade(companion_citations(in_asked_unit(a, query.unit), scope.doc_ids, retriever.index), query, retriever.index)
    if a.found and scope.note:  # e.g. the department named is held for several regions: say so
        a = replace(a, text=f"{a.text}\n（{scope.note.rstrip('。')}。）")
    return a


def _with_text_asked(question: str, a: Answer, retriever: Retriever, query: Query, scope: Scope, top_k: int) -> Answer:
    """A figure's answer with the text a later clause asks of the same item (`花了多少钱？买的是什么？`): the
    passage answering that clause, read in the first clause's item, joined when it adds to what was said."""
    clauses = text_clauses(question)
    if not clauses:
        return a
    # (the item of the clause asking the figure: 政府采购 of 政府采购了多少)
    first = retriever.parse(question[: question.find(clauses[0])])
    item = without_trailing_filler(item_text(first) or first.topic)
    answers = [a]
    for clause in clauses:
        # read in the figure's item (政府采购 + 都是买什么), or alone when it names an item of its own; the other
        # reading when the first finds nothing beside the figure
        own = find_terms(clause, terms()["items"])[0] or names_own_item(without_named(clause, query))
        readings = [clause, f"{item}{clause}"] if own else [f"{item}{clause}", clause]
        for part in dict.fromkeys(readings if item else [clause]):
            got = _answer(part, retriever, retriever.parse(part).in_scope_of(query), scope, top_k=top_k)
            said = squash(got.text.partition("：")[2])
            if got.found and said and said not in squash(a.text) and beside(got, a):
                answers.append(got)
                break
        else:  # 有几辆车？是什么车？: the sentence the figure was read from says it (共有车辆2辆，其中…老干部服务用车)
            stated = figure_sentence(a)
            if stated is not None:
                answers.append(stated)
    return joined(answers, question) if len(answers) > 1 else a


def _states_change(a: Answer) -> bool:
    return a.found and any("增减" in f.label for f in a.figures)  # (增减额, 增减率, 增减额（2019年−2018年）…)


def _against_previous_report(question: str, a: Answer, retriever: Retriever, query: Query, scope: Scope,
                             top_k: int) -> Answer:
    """A change against 上年 the report asked does not state (`2019年三公经费比上年少了多少`, its 上年 column empty),
    when the department's report of the year before is held: the two reports' figures apart, with the formula."""
    found = previous_report_of_change(query, scope.doc_ids, retriever.index)
    if found is None:
        return a
    ids, text = found
    sub = replace(retriever.parse(text), doc_ids=ids)
    got = _answer(text, retriever, sub, replace(scope, doc_ids=ids), top_k=top_k)
    return replace(got, question=question) if _states_change(got) else a


def _prints_last_execution(query: Query, docs: Sequence[dict], index: Index) -> bool:
    """Whether a budget report asked an actual figure of an earlier year prints that year's execution (2025年当年预算
    执行数为…万元 in a 2026 budget: its 上年执行数)."""
    earlier = any(y < d["year"] for y in (*query.compare_years, query.year or 0) if y for d in docs if d.get("year"))
    return (earlier or asks_last_year(query.text, query.year)) and index.mentions([d["doc_id"] for d in docs], "执行数")


def _answer(question: str, retriever: Retriever, query: Query, scope: Scope, *, top_k: int,
            last_year_read: bool = False) -> Answer:
    if scope.empty:
        return not_found(question, scope.reason, method="scope")
    docs = [retriever.index.documents_by_id[d] for d in scope.doc_ids]
    if query.previous_year:  # only the next year's report is held: its 上年 figures, or nothing
        previous = answer_previous_year(question, query, scope.doc_ids, retriever.index)
        if previous is not None:
            return ground(previous)
        year = query.year or min((d["year"] for d in docs if d.get("year")), default=1) - 1  # (去年: the year before)
        if query.asks_actual and all(d["kind"] == "预算" for d in docs):
            return not_found(question, f"索引中没有所问{year}年的报告；{year + 1}年的报告是预算报告，所列上年（{year}年）数是"
                             "预算数，不是决算（实际支出）数。", method="facts")
        # a sentence looking back on that year by name (`2022年调整预算数1910.44万元，…执行率58.31%`)
        looked_back = answer_from_passages(question, query, passages_naming_year(retriever, query, scope, year, top_k),
                                           retriever, year=year) if wants_figure(query) and query.year else None
        if looked_back is not None and looked_back.found:
            return ground(looked_back)
        return not_found(question, f"索引中没有所问{year}年的报告；{year + 1}年的报告中也没有所问项目的上年（{year}年）数。",
                         method="facts")
    if not query.previous_year and query.year and not query.parts and len(reports(docs)) == 1 \
            and not last_year_read and asks_last_year(query.text, query.year) \
            and query.operation.derived not in ("增减额", "增减率"):  # (比上年执行数多多少: the change, computed below)
        # 2026年高等教育上年是多少: the year before the one named, as its report prints it (上年数, or the amount
        # less the change it states)
        previous = answer_previous_year(question, replace(query, previous_year=True), scope.doc_ids, retriever.index)
        if previous is not None and query.form == "reason":  # 上一年是多少？为什么涨这么多？: and the reason beside it
            why = _answer(question, retriever, query, scope, top_k=top_k, last_year_read=True)
            return joined([ground(previous), why]) if why.found and not states_no_reason(why, query) else ground(previous)
        if previous is not None:
            return ground(previous)
    if query.asks_actual and all(d["kind"] == "预算" for d in docs) \
            and not _prints_last_execution(query, docs, retriever.index):
        titles = "、".join(dict.fromkeys(d["title"] or d["source"] for d in docs[:3]))
        return not_found(question, f"所查报告（{titles}）是预算报告，只有预算数，没有决算（实际支出）数。", method="scope")
    later = later_report_of_change(query, scope.doc_ids, docs)
    if later:  # 2025年预算比2024年预算增长了多少, a 2024 final account also held: the 2025 report's own change
        got = _answer(question, retriever, retriever.parse(later[1]), replace(scope, doc_ids=later[0]), top_k=top_k)
        if got.found and any(f.label.endswith(("增减额", "增减率")) for f in got.figures):
            return got
    if query.form == "reason" and query.year and query.compare_years \
            and not any(w in query.text for w in question_words()["figure_words"]):
        # 2019年为什么比2018年多: the 2019 report explains its change; the 2018 report explains another one
        own = [d for d in docs if d.get("year") == query.year]
        if own:  # (the reports read from here on are those of the scope: docs follows it)
            scope, docs = replace(scope, doc_ids=tuple(d["doc_id"] for d in own)), own
    searched: list = []  # the passages, searched once however many paths read them
    answered: list = []  # the facts' answer, read once however many paths ask it

    def facts_answer() -> Answer | None:
        if not answered:
            answered.append(answer_from_facts(question, query, scope.doc_ids, retriever.index))
        return answered[0]

    checked: list = []  # (科目 the question names that some report states, whether the scoped reports lack them)

    def passages() -> list:
        if not searched:
            searched.append(retriever.search(query, top_k=max(top_k, SENTENCE_POOL), doc_ids=scope.doc_ids))
        return searched[0]

    def required_subjects() -> tuple[tuple[str, ...], bool]:
        if not checked:
            required = known_subjects(query, scope.doc_ids, retriever.index)
            checked.append((required, bool(required) and not mentioned(required, scope.doc_ids, retriever.index)))
        return checked[0]

    kinds = answer_count_kinds(question, query, scope.doc_ids, retriever.index)
    if kinds is not None:  # 那15辆车都是什么车，各有几辆: the count and the kinds its sentence lists (before the
        # reason path: 按用途分别是哪几类 reads as a purpose asked)
        return ground(kinds)
    if query.form == "reason":  # the report's own reason, next to the sentence stating the change
        required, absent = required_subjects()
        if not absent:
            # 增长了多少，为什么: the figure from the facts first, then the reason given beside it
            # (a ranking may say no figure word: 哪个项级科目最低)
            figure = _figure_beside_reason(query, scope, retriever) or (
                facts_answer() if any(w in query.text for w in question_words()["figure_words"]) else None)
            ranked = _ranked_row_reason(question, query, figure, scope, retriever) if figure is not None else None
            if ranked is not None:  # 哪个项级科目执行率最低？为什么？: the row found, then its own reason
                return ground(ranked)
            reason = answer_reason(question, query, passages(), retriever, required=required, figure=figure)
            if reason is not None:
                return ground(reason)
    op = query.operation
    named = without_names(query.topic, op.excluding)  # 除了城乡医疗救助: names no 款 (医疗救助) whose rows are asked
    coded: list[bool] = []
    held: list = []

    def scoped_facts() -> list:  # (the reports' facts read once, and only when a list or aggregate asks)
        if not held:
            held.append(retriever.index.facts(scope.doc_ids))
        return held[0]

    def names_coded_rows() -> bool:
        if not coded:
            facts = scoped_facts()
            coded.append(names_rows(op, query.text) or coded_group_rows(named, facts) or names_a_table(query.text, facts))
        return coded[0]

    if asks_units(query):  # 包括哪几个单位: the sentence listing the report's units
        units = answer_units(question, query, scope.doc_ids, retriever.index)
        if units is not None:
            return ground(units)
    # a list a sentence prints (其中A x万，B y万…), of one report; of several, each report's, labelled
    groups = reports(docs)
    # (over several reports, an ordering is of the reports — 哪一年最高 — unless things counted are asked of each:
    # 15辆车里哪类最多)
    # (a condition on a rate, 执行率100%的有几个, or against another figure of each row, 在职人数超过编制数, is of
    # rows that state those: a sentence's list states one amount an item)
    over_a_list = (op.is_aggregate or op.function == "sum" and op.excluding) and not names_coded_rows() \
        and not (op.threshold is not None and op.threshold.pairs_figures) and not ranks_by_measure(op, query.text) \
        and (len(groups) == 1 or op.over == "rows" and asks_kinds_of_things(query.text))
    if over_a_list and len(groups) == 1:
        listed = answer_enumeration(question, query, passages(), retriever.index)
        if listed is not None:
            return ground(listed)
    elif over_a_list:
        each = [answer_enumeration(question, query, retriever.search(query, top_k=max(top_k, SENTENCE_POOL),
                                                                     doc_ids=sorted(ids)), retriever.index)
                for _, ids in groups]
        if any(a is not None for a in each):  # a report without such a list says so
            titles = [d["title"] or d["source"] for d, _ in groups]
            return ground(joined([a or Answer(question=question, found=False, text=f"{t}：报告中没有所问的分项。")
                                  for a, t in zip(each, titles)], question))
    # 主要工作任务有哪几项, 包括哪些单位: a list the narrative gives, unless the question names 科目 or 项目 rows
    narrative_list = query.form == "list" and op.kind == "list" and not lists_bought(op, query.text) \
        and not any(w in named for w in operation_words()["row_nouns"]) and not names_coded_rows()
    if narrative_list and len(groups) == 1 and sentence_parts(named, scoped_facts(), op):
        narrative_list = False  # 专项具体分成哪几块: the parts a sentence lists of the whole named, with their amounts
    if (wants_figure(query) or "原因" in query.measures or query.operation.kind != "lookup") and not narrative_list:
        from_facts = facts_answer()
        if from_facts is not None and not _lacks_kind(from_facts, query):
            return ground(from_facts)
        if from_facts is not None:  # a question asking two kinds of figure: one sentence may state both
            both = ground(answer_from_passages(question, query, passages(), retriever))
            return both if both.found and not _lacks_kind(both, query) else ground(from_facts)
        # a 科目 some report states, asked of reports that never mention it: nothing to answer from;
        # when they do mention it, only sentences naming it may answer
        required, absent = required_subjects()
        if absent:
            return not_found(question, f"所查报告中没有“{'、'.join(required)}”的数据。", method="facts")
    else:
        required = ()
    return ground(answer_from_passages(question, query, passages(), retriever, required=required))


def _whole_or_two_tables(question: str, retriever: Retriever, query: Query, scope: Scope) -> Answer | None:
    """The parts of a whole the question states by its amount, or one row in two tables it names, of one report
    (qa/answer/stated_whole.py, qa/answer/table_pair.py)."""
    if scope.empty or not wholes_said(query) and not asks_table_gap(query):
        return None  # (the report's facts are read only for a question asking either)
    docs = [retriever.index.documents_by_id[d] for d in scope.doc_ids]
    if len(reports(docs)) != 1:
        return None
    facts = retriever.index.facts(scope.doc_ids)
    got = answer_stated_whole(question, query, facts, docs[0], retriever.index) \
        or answer_table_pair(question, query, facts, docs[0], retriever.index)  # (两张表里的同一行: their gap)
    return ground(got) if got is not None else None


def _figure_beside_reason(query: Query, scope: Scope, retriever: Retriever) -> Answer | None:
    """The figure the clauses before a why ask (少花了多少？原因是什么？), read as a question of its own: the reason's
    words name no measure of it; None when the question is no such pair or they find nothing."""
    asked = figure_clauses(query.text)
    if asked is None:
        return None
    got = answer_from_facts(asked, retriever.parse(asked), scope.doc_ids, retriever.index)
    return got if got is not None and got.found else None


#: the words a ranking clause asks its row with (哪个项级科目, 哪一项, 哪个项目)
_WHICH_ROW = re.compile(r"哪(?:一)?(?:个|项|类|款|笔)?(?:项级|款级|类级)?(?:科目|项目|支出)?")


def _ranked_row_reason(question: str, query: Query, got: Answer, scope: Scope, retriever: Retriever) -> Answer | None:
    """A row ranked before a why (哪个项级科目完成年初预算的比例最低？为什么？): with the ranking the facts answered
    (`got`), the reason asked of the row it found (统计信息事务…为什么); None when the clauses before the why ask
    no row, the answer ranks none, or no reason is found for it."""
    asked = figure_clauses(query.text)
    row = top_row(got)
    if asked is None or row is None or not _WHICH_ROW.search(asked):
        return None
    why = _WHICH_ROW.sub(row, query.text, count=1)
    reason_query = retriever.parse(why).in_scope_of(query)
    hits = retriever.search(reason_query, top_k=SENTENCE_POOL, doc_ids=scope.doc_ids)
    return answer_reason(question, reason_query, hits, retriever, figure=got)


def _asks_rate(query: Query) -> bool:
    """Whether the question asks a percentage: in its words (百分之几, 比例) or by the measure it derives (执行率)."""
    derived = formulas().formulas.get(query.operation.derived) if query.operation.derived else None
    return query.figure_kind == "percent" or "percent" in query.more_kinds or bool(derived and derived.unit == "%")


def _lacks_kind(a: Answer, query: Query) -> bool:
    """Whether the answer states no figure of a kind the question also asks (an amount besides a count)."""
    if not query.more_kinds:
        return False
    stated = {figure_kind_of(f.unit) or "count" for f in a.figures}
    return any(k not in stated for k in (query.figure_kind, *query.more_kinds))


def in_asked_unit(a: Answer, unit: str | None) -> Answer:
    """The answer with each amount also given in the unit the question asks for, when the report states it in
    another (the report's own figure stays first: 27.95万元，即279500元). Asked in no unit, amounts the report
    states in 元 beside others in 万元, or one or two amounts in 元 alone, are also given in 万元, so that two
    readings compare at a glance and a figure of 元 reads as most reports and readers count."""
    if not a.found or unit and any((f.unit or "").startswith(f"{unit}/") for f in a.figures):
        return a  # (人均多少元: the per-head figure is in the asked unit, its inputs as the report prints them)
    if unit is None:  # (a computed figure already states its inputs in one unit: 257.8 + 133.3 + …)
        units = [f.unit for f in a.figures if f.unit in AMOUNT_UNITS]
        # one or two amounts a table prints in 元 (423,360.00元) read at a glance in 万元 too
        few_in_yuan = set(units) == {"元"} and len(units) <= 2
        if any(f.formula for f in a.figures) or not ({"元", "万元"} <= set(units) or few_in_yuan):
            return a
        unit = "万元"
    extra, figures = [], list(a.figures)
    for f in a.figures:
        if f.unit in AMOUNT_UNITS and f.unit != unit and not f.formula:
            v = convert_amount(f.value, f.unit, unit)
            # in 万元 to the cent's hundredth, as reports print 万元 (423360元 ≈ 42.34万元)
            v, eq = (round(v, 2), "≈") if unit == "万元" and round(v, 2) != round(v, 6) else (round(v, 6), "=")
            extra.append(f"{format_value(f.value)}{f.unit}，即{'约' if eq == '≈' else ''}{format_value(v)}{unit}")
            figures.append(Figure(v, unit, f.label, formula=f"{format_value(f.value)}{f.unit} {eq} {format_value(v)}{unit}"))
    if not extra:
        return a
    return replace(a, text=f"{a.text}\n（换算：{'；'.join(dict.fromkeys(extra))}。）", figures=tuple(figures))
