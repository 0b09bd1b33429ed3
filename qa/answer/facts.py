"""Answers from the facts table: the figure the question asks for, placed by item (科目) and measure.

The question's item is matched against the subjects of the scoped reports' facts (longest match; several
items when the question names several, `人员经费和公用经费`), its measure against the facts' measures
through the vocabulary in `data/terms.json`. A measure the report does not print but that follows from
printed figures (执行率 = 决算数 ÷ 年初预算数, 占比) is computed, and the formula shown. Every legitimate
answer is given and labelled (年初预算 basis vs 项目自评 basis); a figure the table and the narrative
state differently is shown both ways and flagged. Questions over several reports get one row per report
and the comparison. Nothing here invents a figure: each stated value is a fact's value or a formula over
facts, and every fact used is cited.
"""
from __future__ import annotations

import re
from dataclasses import replace
from typing import Sequence

from ..facts.labels import INDICATOR_MEASURES, INDICATOR_POINTS
from ..lexicon import funding_parts, question_words, terms, total_scopes, year_totals
from ..lexicon.formula_table import operation_words
from ..models import Answer, Fact, Figure
from ..search.query import Query, region_stripped
from ..search.shape import find_terms
from ..store.index import Index
from ..text.numbers import AMOUNT_UNITS, same_amount
from .across import reports
from .one_report import compares_with_target
from .procurement import purchase_lookup
from .whole_report import whole_report_subjects
from .whole_of_parts import whole_of_parts
from .derived import rate_from_change
from .coded import coded_as_asked, coded_named
from .funds import funds_asked, none_of_fund, of_funds
from .asked import as_table_rows, nouns_counted, said_units, wanted_measures
from .columns import match_column, match_in_table, row_and_columns, table_named_whole, under_named_parent
from .match import _COMPARE, Match, Statement, match_question
from .said_names import item_text
from .loose_match import (fits_kind, match_after_context, match_by_unit, match_containing, match_members, match_spread,
                          unit_named_in_full)
from .item_sums import _asks_sum, _items_sum_line, items_extreme_line, share_of_items_sum
from .remainder import answer_remainder
from .listed_readings import listed_sum_line
from .unmet import OWN_CHANGE, asked_later, unmet_derived
from .table_pair import tables_named
from .other_names import change_under_near_name, same_item_readings, whole_by_full_share
from .operations import (
    _comparison,
    _count_by_quote,
    _reason_answer,
    _sum_line,
    answer_operation,
)
from .statements import (
    _citations,
    _label,
    _prefer_narrative,
    _report_name,
    statements_text,
    statements_for,
    statements_with_fallback,
)


def answer_from_facts(question: str, query: Query, doc_ids: Sequence[str], index: Index) -> Answer | None:
    """An answer from facts, or None when the facts do not hold the item and measure asked."""
    if not doc_ids:
        return None
    docs = [index.documents_by_id[d] for d in doc_ids]
    facts = index.facts(doc_ids)
    if not facts:
        return None
    base = {d["doc_id"] for d in docs if d.get("year") in query.compare_years}
    # 2019年比2017年: what the 2017 report states of its own change is against 2016, no answer to this one
    facts = [f for f in facts if f.doc_id not in base or f.measure not in OWN_CHANGE]
    funds = funds_asked(query)
    if funds:  # 政府性基金预算支出表里有多少支出: only a figure of that fund answers (none printed: the text says why)
        facts = of_funds(facts, funds)
        if not facts:
            return None
    query = replace(query, topic=coded_named(query.topic, facts))
    item = item_text(query, [d["department"] or "" for d in docs], [d["region"] or "" for d in docs])
    # a performance indicator's value answers only the kind of figure asked: a rate (医疗救助资金发放准确率 100%)
    # answers no amount asked of money its long name mentions (拨付了多少救助资金)
    if not set(query.measures) & set(INDICATOR_MEASURES) and not compares_with_target(query.text, query.operation.derived):
        # (and a noun counted in its own unit: 有多少编制 is counted in 人, no 篇 of an indicator 编制年度论文汇编)
        units = nouns_counted(query)
        facts = [f for f in facts if f.measure not in INDICATOR_MEASURES
                 or fits_kind(f, query.figure_kind) and (not units or f.unit in units)]
    # an indicator's weight or score (分值, 得分: a number of 分) answers only a score asked, never a count
    asked = {fm for m in query.measures for fm in terms()["measures"].get(m, {}).get("fact_measures", ())}
    if not asked & set(INDICATOR_POINTS):
        facts = [f for f in facts if f.measure not in INDICATOR_POINTS]
    operated = answer_operation(question, query, item, facts, docs, index)
    if operated is not None:
        return operated
    remainder = answer_remainder(question, query, item, facts, index) if len(reports(docs)) == 1 else None
    if remainder is not None:  # 除执法执勤用车外的其他各类合计多少辆: the whole less the part left out
        return remainder
    if query.operation.function is None:  # 行政运转保障经费里物业管理服务: one thing bought, read under its 专项
        bought = purchase_lookup(question, item, facts, index, one_bought=True)
        if bought is not None:
            return bought
    hinted, _ = wanted_measures(query, query.measures, docs[0]["kind"])
    stating = {f.subject for f in facts if f.measure in hinted}
    match = match_question(item, {f.subject for f in facts}, prefer=stating)
    if match is not None and not match.alternatives and query.figure_kind in ("amount", "count"):
        match = unit_named_in_full(match, facts, query.figure_kind, stating, item)
    match, columns = (None, ()) if match is None else row_and_columns(match, facts, item, query.topic)
    named = tables_named(query.topic, facts)[1] if match is not None and not columns else []  # (…表里会议费)
    shown = {f.subject for f in facts if named and f.table == named[0]}  # (each item the table named prints)
    facts = [f for f in facts if len(named) != 1 or f.table == named[0] or f.subject not in shown & set(match.subjects)]
    if match is None:  # 资本性支出的公用经费: a table column named after the row's item
        match, columns = match_column(item, facts)
    if match is None:  # 一般公共预算基本支出中福利费: a table named, and a row of it
        in_table = match_in_table(item, facts)
        if in_table is not None:  # (烈士陵园管理所的一般公共预算收入: and the columns of its row named)
            match, facts = in_table[0], [f for f in facts if f.table == in_table[1]]
            match, columns = row_and_columns(match, facts, item, query.topic)
    subjects = {f.subject for f in facts}
    if match is None:  # 军队离休退休干部休养所: a unit named without the region the report prefixes to it
        bare = region_stripped(subjects, [d["region"] or "" for d in docs])
        match = match_question(item, subjects | set(bare)) if bare else None
        if match is not None:
            match = replace(match, subjects=tuple(bare.get(s, s) for s in match.subjects))
            match, columns = row_and_columns(match, facts, item, query.topic)
    if match is None:  # 下属单位有多少辆车: the department's units say whose figure, no word of the item
        own = _without_own_units(item)
        match = match_question(own, subjects) if own != item else None
    if match is None:  # 生命健康、商业创新、贸易高质量发展这三个专项: items listed, each matched alone
        match = match_members(query.topic, subjects)
    if match is None and len(query.operation.named) > 1:  # (the names the operation read out of the list, alone)
        match = match_members("、".join(_after_scope(query.operation.named, query)), subjects)
    if match is None and _asks_sum(query):  # 支持总部经济一共多少: the items holding the name, summed
        match = match_containing(item, subjects)
    if match is None and not re.search(r"[、，,和及与]", query.text) and len(item.split()) <= 1:
        match = match_spread(item, subjects)  # 举报欺诈骗保的人…奖励费: one name said with words between its parts
    if match is None and query.figure_kind == "count":  # 每期计划印多少册: the one item counted in 册
        match = match_by_unit(item, facts, said_units(query))
    if match is None and query.operation.function in (None, "sum"):  # 整体绩效自评里商品和服务支出: a context no
        match = match_after_context(item, subjects)  # subject names, then the item (…项目中最多的: rows, no item)
    if match is None:  # 机要及电子政务业务费里采购路由器: a thing bought, under the 专项 it is bought for
        bought = purchase_lookup(question, item, facts, index) if query.operation.function is None else None
        none = none_of_fund(question, facts, index) if funds and len(reports(docs)) == 1 else None
        return bought or none or _count_by_quote(question, query, item, facts, index) or whole_of_parts(
            question, item, facts, docs, index)  # 三公经费 a report states only by its parts: their sum
    facts = under_named_parent(facts, item, match.subjects)
    match = as_table_rows(match, facts, query)
    if len(match.subjects) == 1 and not match.alternatives and len(reports(docs)) == 1 \
            and any(w in query.text for w in question_words()["each_words"]):
        # 三公经费各是多少: the whole with each of its parts one report states (terms.json items' parts; over
        # several reports, 各 is each report's)
        parts = [p for p in terms()["items"].get(match.subjects[0], {}).get("parts", []) if any(f.subject == p for f in facts)]
        match = replace(match, subjects=(*match.subjects, *parts))
    per_doc: list[tuple[str, list[Statement]]] = []
    filled: set[str] = set()  # reports whose figure is the total of the table the item names
    groups = reports(docs)
    for d, ids in groups:  # a report published as two files (narrative + tables) is one report
        mine = coded_as_asked([f for f in facts if f.doc_id in ids], query.text)
        measures, asked = wanted_measures(query, match.measures, d["kind"])
        if columns:  # 行政运行的基本支出: the row's 基本支出 column
            measures, asked = list(columns), True
        present = [s for s in match.subjects if any(f.subject == s for f in mine)]
        present += _scoped_alternatives(present, mine, query.text)
        if match.alternatives:  # the candidate that states the most of what was asked; the first on a tie
            options = [statements_with_fallback(d["doc_id"], mine, [s], measures, asked, d["kind"]) for s in present]
            found = max(options, key=lambda st: len({x.measure for x in st}), default=[])
            lacking = [m for m in measures if m in ("增减额", "增减率") and m not in {x.measure for x in found}]
            if asked and found and lacking:
                found = found + _total_in_sentence(d["doc_id"], mine, found[0].value, lacking)
        else:
            found = statements_with_fallback(d["doc_id"], mine, present, measures, asked, d["kind"])
            if found and not columns and len(groups) == 1:  # (over several reports each states its own reading)
                found += _other_readings(d["doc_id"], mine, present, found, measures, asked, d["kind"])
                found += same_item_readings(d["doc_id"], mine, present, found, asked, d["kind"])
                found += whole_by_full_share(mine, present, found)
                found += change_under_near_name(d["doc_id"], mine, found, measures, asked, d["kind"])
            if query.figure_kind == "percent" or "percent" in query.more_kinds:
                found += _rate_of_change(d["doc_id"], mine, found, d["kind"])
        if not found and len(groups) > 1 and not columns:
            # 2017—2019年政府采购预算: a report of tables alone states the item as the total of the table it names
            whole = table_named_whole(mine, item)
            if whole is not None:
                filled.add(d["doc_id"])  # (only beside reports that state the item themselves)
                found = statements_with_fallback(d["doc_id"], whole[2], list(whole[0].subjects), measures, asked, d["kind"])
        if found:
            per_doc.append((d["doc_id"], found))
    if all(doc_id in filled for doc_id, _ in per_doc):
        per_doc = []
    if not per_doc and match.alternatives and len(groups) == 1:  # 预算是多少 of a final report as a whole
        per_doc = _whole_report_budget(groups[0][0], [f for f in facts if f.doc_id in groups[0][1]], query, match)
    if not per_doc:
        return None
    if len(per_doc) > 1 and query.figure_kind == "percent":  # a rate asked of several reports: each one's rate
        per_doc = [(d, [s for s in group if s.unit == "%"] or group) for d, group in per_doc]
    elif len(per_doc) > 1 and query.figure_kind == "amount" and "percent" not in query.more_kinds:
        # an amount asked of several reports (提租补贴的增减额, no year): each one's amount, not its rate beside it
        per_doc = [(d, [s for s in group if s.unit != "%"] or group) for d, group in per_doc]
    statements = [s for _, group in per_doc for s in group]
    if "原因" in match.measures:
        reason = _reason_answer(question, statements, index)
        if reason is not None or not any(w in query.text for w in ("多少", "几")):
            return reason
    lines: list[str] = []
    for doc_id, group in per_doc:
        lines.append(f"{_report_name(index, doc_id)}：" + statements_text(group, index) + "。")
    if len(per_doc) == 1 and len(match.subjects) > 1:  # several items of one report added up (基本工资、津贴补贴和奖金加起来)
        # (one item's other readings, stated beside it, are no items to add: 公务员医疗补助合计 is no sum)
        # the items the question names, not the other readings of one item stated beside them
        named = [s for s in statements if s.subject.startswith(match.subjects)]
        end = items_extreme_line(query, named)  # 四个专项哪个预算最多: the item at that end
        if end is not None:
            lines.append(end)
        total = _items_sum_line(query, named)
        if total is not None:
            lines.append(total[0])
            statements.append(total[1])
            # (占全部项目支出的比例 after the sum: the sum's share of that whole)
            share = share_of_items_sum(query, total[1], [f for f in facts if f.doc_id == per_doc[0][0]])
            if share is not None:
                lines.append(share[0])
                statements.append(share[1])
    if len(per_doc) > 1 and any(w in query.text for w in _COMPARE):  # ranked only when a comparison is asked
        lines += _comparison(query, per_doc, index)
        total = _sum_line(query, per_doc)
        if total is not None:
            lines.append(total[0])
            statements.append(total[1])
    listed = listed_sum_line(statements, facts, query.text) if len(per_doc) == 1 and _asks_sum(query) else None
    if listed is not None:  # 一共追回多少: the readings one passage lists for separate things, added
        lines, statements = [f"{_report_name(index, per_doc[0][0])}：{listed[0]}"], listed[1]
    unmet = unmet_derived(question, query, statements)
    if unmet is not None and not asked_later(query):  # 比2014年涨了多少, and the report gives this year's figure alone
        return unmet
    if unmet is not None:  # (…分别多少？和去年比有变化吗？: the figures asked first, and the change said missing)
        lines.append(f"（{unmet.text.removeprefix('未找到答案。')}）")
    figures = [Figure(value=s.value, unit=s.unit, label=f"{_report_name(index, s.doc_id)} {s.subject}{_label(s)}",
                      formula=s.formula) for s in statements]
    return Answer(question=question, found=True, text="\n".join(lines), figures=tuple(figures),
                  citations=tuple(_citations(statements, index)), method="facts")

#: how much longer than the asked item a row's name may be and still name the same item
RELATED_EXTRA = 8


def _other_readings(doc_id: str, facts: Sequence[Fact], present: Sequence[str], found: Sequence[Statement],
                    measures: Sequence[str], asked: bool, kind: str | None) -> list[Statement]:
    """A row or sentence of the report that names the asked item inside a slightly longer name
    (职业年金缴费 -> 机关事业单位职业年金缴费支出) and states another amount: a second reading, shown and
    marked as the report disagreeing with itself, never silently dropped."""
    stated = [s for s in found if s.unit in AMOUNT_UNITS]
    if not stated:
        return []
    out: list[Statement] = []
    named = {f.subject for f in facts if len(f.subject) >= 3}
    for name in (n for n in present if len(n) >= 3):  # (服务: every 会议服务, 印刷服务… is another item)
        # (湖州市…休养所公务接待费 is the unit's 公务接待费: an item the report names after it is no reading of it)
        longer = sorted({f.subject for f in facts if name in f.subject and f.subject != name
                         and len(f.subject) <= len(name) + RELATED_EXTRA and not _names_another_item(f.subject, name)
                         and not any(o in f.subject.split(name, 1)[1] for o in named - {name})
                         # (信息化运行维护财政拨款: a project's funding part, the 财政拨款 of an item the report names)
                         and not (name in funding_parts() and f.subject.split(name, 1)[0] in named)})
        whole = [x for x in stated if x.subject == name]
        parts = _parts_of(longer, whole, facts)
        # (信息化运行维护其他资金 0.00 of 1032.99: with its 财政拨款 and 上年结转资金, which are no readings, a breakdown
        # of the item, no reading of it)
        every_part = _parts_of(sorted({f.subject for f in facts if f.subject.startswith(name) and f.subject != name}),
                               whole, facts)
        longer = [n for n in longer if n not in every_part or n in parts]
        scoped = [scope + name for scope in total_scopes()[0] if scope + name in named and scope + name not in longer]
        for other in longer + _without_parent(name, facts) + scoped:
            stated_other = statements_for(doc_id, facts, [other], measures, asked, kind)
            # the measure first stated, and every figure the report gives it (table and narrative disagreeing)
            for st in [x for x in stated_other if x.measure == stated_other[0].measure]:
                if other in scoped and not any(_not_less(st, x) for x in stated if x.subject == name):
                    continue  # (a funding source's share of the item, less than the whole: a part, not a reading)
                if st.facts and st.unit in AMOUNT_UNITS and not any(same_amount(st.value, st.unit, x.value, x.unit)
                                                       for x in [*stated, *out]):
                    out.append(replace(st, conflict=other not in parts))
    return out


def _parts_of(longer: list[str], whole: Sequence[Statement], facts: Sequence[Fact]) -> list[str]:
    """The longer names that are the item's parts: two or more whose figures (in the whole's measure and unit) add
    up to it (政府采购货物、工程、服务 of 政府采购 921.97万元) are its breakdown, stated as such — no reading of it the
    report disagrees with; [] when they do not add up."""
    if len(longer) < 2 or not whole:
        return []
    w = whole[0]
    figures = {n: next((f.value for f in facts if f.subject == n and f.measure == w.facts[0].measure and f.unit == w.unit),
                       None) for n in longer} if w.facts else {}
    parts = [n for n, v in figures.items() if v is not None]
    return parts if len(parts) >= 2 and abs(sum(figures[n] for n in parts) - w.value) < 0.015 else []


#: how much less than an item a funding source's share of it may be and still be the whole item, the rest
#: rounding (863.61 of 863.62 万元)
ROUNDING_SHARE = 0.001


def _not_less(part: Statement, whole: Statement) -> bool:
    """A scope's figure of an item (一般公共预算财政拨款收入) that is the item's whole (财政拨款收入), or more than it:
    one amount printed twice, the report disagreeing with itself — not a part of the item."""
    if part.unit != whole.unit or whole.value <= 0:
        return False
    return part.value >= whole.value * (1 - ROUNDING_SHARE)


#: the budgets a final report states for its totals, each a reading of `预算是多少`
_BUDGET_READINGS = ("年初预算数", "全年预算数", "调整预算数")


def _whole_report_budget(doc: dict, facts: Sequence[Fact], query: Query, match: Match) -> list[tuple[str, list[Statement]]]:
    """The budget asked of a final report as a whole (社工部2024年的预算是多少): the 年初 and the 全年 (adjusted)
    budgets its narrative states for its totals, each labelled; [] for a budget report or another measure."""
    measures, asked = wanted_measures(query, match.measures, doc["kind"])
    if doc["kind"] != "决算" or not asked or not set(measures) & {"预算数", "年初预算数"}:
        return []
    out: list[Statement] = []
    for subject in whole_report_subjects(facts, measures=_BUDGET_READINGS)[:1]:
        out += statements_for(doc["doc_id"], facts, [subject], list(_BUDGET_READINGS), True, doc["kind"])
    return [(doc["doc_id"], out)] if out else []


def _rate_of_change(doc_id: str, facts: Sequence[Fact], found: Sequence[Statement], kind: str | None) -> list[Statement]:
    """A rate of change asked (`增长了百分之几`) of a change the report states only as an amount: the rate from
    this year's amount (`107.62 ÷ (3121.42 − 107.62) = 3.57%`), with its formula."""
    have = {(s.subject, s.measure) for s in found}
    out: list[Statement] = []
    for s in found:
        if s.measure != "增减额" or (s.subject, "增减率") in have or s.unit not in AMOUNT_UNITS or not s.facts:
            continue
        defaults = terms()["default_measures"].get(kind or "决算", [])
        own = [x for x in statements_for(doc_id, facts, [s.subject], defaults, False, kind) if x.unit in AMOUNT_UNITS]
        got = rate_from_change(own[0].facts[0], s.facts[0]) if own and own[0].facts else None
        if got is not None:
            out.append(Statement(doc_id, s.subject, "增减率", got.value, "%", got.inputs, formula=got.formula))
    return out


def _without_parent(name: str, facts: Sequence[Fact]) -> list[str]:
    """The 科目 row `name` means when it is the row's name after its parent's (人大事务行政运行 = 20101 人大事务 +
    2010101 行政运行): the report's table prints the row without the parent's name."""
    parents = {f.subject_code: f.subject for f in facts if f.subject_code and f.subject}
    return sorted({f.subject for f in facts if f.subject_code and len(f.subject_code) > 3 and f.subject != name
                   and name.endswith(f.subject) and parents.get(f.subject_code[:-2]) == name[: -len(f.subject)]})


def _names_another_item(longer: str, name: str) -> bool:
    """一般公共预算财政拨款基本支出 is not a reading of 一般公共预算: its extra words name an item of their own."""
    vocab = terms()
    extra = longer.replace(name, " ")
    # 国有资本经营预算财政拨款支出 is a narrower scope of 财政拨款支出, not a reading of it
    return bool(find_terms(extra, vocab["items"])[0]) or any(sc in extra for sc in total_scopes()[0])


def _total_in_sentence(doc_id: str, facts: Sequence[Fact], total: float, measures: Sequence[str]) -> list[Statement]:
    """The asked measure (a change, a rate) of a report's total when the narrative states it in the sentence
    that states the total itself (`全年预算安排收入737.86万元，比2020年预算增加206.32万元，增长38%`), whatever
    that sentence calls the total."""
    for f in _prefer_narrative([f for f in facts if f.table is None and f.measure in measures]):
        same = [g for g in facts if g.quote == f.quote and g.subject == f.subject]
        if any(abs(g.value - total) < 0.005 for g in same if g.measure not in measures):
            return [Statement(doc_id, g.subject, g.measure, g.value, g.unit, (g,)) for g in same if g.measure in measures]
    return []


def _scoped_alternatives(subjects: Sequence[str], facts: Sequence[Fact], question: str) -> list[str]:
    """收入总计 asked without naming it: the year's own total it holds (本年收入合计, without 上年结转结余) is
    another legitimate reading; asked without a scope, so is the 财政拨款 (or 一般公共预算) total the report also
    prints (all funds vs the fiscal allocation: 支出合计 -> 一般公共预算财政拨款支出). Each is stated after
    the asked total, labelled by its own name, and only when its figure differs."""
    scopes, totals = total_scopes()
    def values(subject: str) -> set[float]:
        return {round(f.value, 2) for f in facts if f.subject == subject}

    def differs(name: str, s: str) -> bool:  # (the fiscal allocation is often the whole budget: nothing more said)
        return bool(values(name)) and not values(name) <= values(s)

    out = [year_totals()[s] for s in subjects if s in year_totals() and s not in question
           and differs(year_totals()[s], s)][:1]
    if any(sc in question for sc in scopes):
        return out
    names = lambda s: [f"{sc}{s}" for sc in scopes[:4]] + (  # noqa: E731 (a 本年 total is its scope's 本年 figure)
        [f"{sc}{s[:-2]}" for sc in scopes[:4]] if s.endswith("合计") else [])
    return out + [n for s in subjects if s in totals for n in names(s) if differs(n, s)][:1]


def _after_scope(names: Sequence[str], query: Query) -> list[str]:
    """The names a list holds, the first without the department and year said before it (北京市审计局2026年“信息化设备
    购置”项目计划采购的便携式计算机: the department is no word of the member)."""
    said = [form for _, form in query.named_as if form] + re.findall(r"\d{4}\s*年度?", names[0])
    cut = max((names[0].rfind(w) + len(w) for w in said if w in names[0]), default=0)
    return [names[0][cut:] or names[0], *names[1:]]


def _without_own_units(item: str) -> str:
    """The item without the words naming the department's own units (下属单位, 所属各单位: operations.json
    member_units `affixes` before 单位), which say whose figure is asked, not which."""
    affixes = "|".join(re.escape(a) for a in operation_words()["member_units"]["affixes"] if len(a) >= 2)
    return re.sub(rf"(?:{affixes})各?(?:预算)?单位", " ", item).strip()
