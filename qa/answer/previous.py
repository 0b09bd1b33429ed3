"""A year asked of the report that follows it: its figures as that report prints them for 上年.

A 2026 budget report states 2025's figures as 上年 — in a column (上年预算数) or in words (`比上年减少16.03万元`).
Asked for 2025 when only the 2026 report is held, the answer is the 上年 figure the report prints, or the one
its figures give (本年 − 增减 = 上年, with the formula); never the 2026 figure itself.
"""
from __future__ import annotations

import re
from dataclasses import replace
from typing import Sequence

from ..lexicon import cues, question_words, terms
from ..lexicon.formula_table import operation_words
from ..models import Answer, Fact, Figure
from ..search.query import Query
from ..search.retrieve import Hit, Retriever, Scope
from ..store.index import Index
from ..text.numbers import format_value
from .across import reports
from .joining import joined
from .columns import match_in_table
from .match import Statement, match_question
from .said_names import item_text
from .one_report import names_no_item, spelled_out
from .whole_report import whole_report_subjects
from .passages import SENTENCE_POOL
from .pick import names_year
from .statements import _citations, _prefer_narrative, _report_name, statements_text

#: the amounts a report states for its own year, in preference order
CURRENT = ("预算数", "年初预算数", "决算数", "合计", "全年预算数")


def answer_previous_year(question: str, query: Query, doc_ids: Sequence[str], index: Index) -> Answer | None:
    """The 上年 figure of the asked item in the (next year's) reports in scope, or None when they give none."""
    if query.operation.derived == "执行率":  # how last year's budget was spent: no 上年 amount says that
        return None
    docs = [index.documents_by_id[d] for d in doc_ids]
    facts = index.facts(doc_ids)
    item = item_text(query, [d["department"] or "" for d in docs], [d["region"] or "" for d in docs])
    match = match_question(item, {f.subject for f in facts})
    if match is None:  # 学前教育财政拨款预算: the words of a table (财政拨款支出表) and its row
        in_table = match_in_table(item, facts)
        match = in_table[0] if in_table else None
    if match is None and not names_no_item(item):
        return None
    # 上一年预算是多少 names no item: the report's totals whose change it states
    subjects = match.subjects if match is not None else whole_report_subjects(facts, "增减额")
    # a budget report's 上年 figures are last year's budget: asked for what was spent (决算), only a 上年 决算数 or
    # 执行数 it prints answers
    actual_only = query.asks_actual and all(d["kind"] == "预算" for d in docs)
    statements = _last_year_of(subjects, facts, actual_only)
    if not statements and match is not None:
        # 打击欺诈骗保 matched 打击欺诈骗保费用, whose 上年 no sentence states: the item written out under another
        # name holding the same words in order (打击欺诈骗取医保, its project form's name) may state it
        spelled = spelled_out(item, match.subjects, {f.subject for f in facts})
        statements = _last_year_of(spelled, facts, actual_only)[:1]
    if not statements and match is not None and set(match.subjects) <= set(terms()["total_subjects"]):
        # 2023年决算支出 of a report stating no 上年 支出合计: the totals of that side whose change its narrative states
        sides = [side for side in terms()["total_sides"] if any(side in m for m in match.subjects)]
        totals = [t for t in whole_report_subjects(facts, "增减额") if len(sides) == 1 and sides[0] in t]
        statements = _last_year_of(totals, facts, actual_only)
    if not statements and match is not None and match.alternatives and names_no_item(item):
        # 2024年预算是多少, read as 收入总计 or 支出总计 that state no 上年: the totals whose change it states
        statements = _last_year_of(whole_report_subjects(facts, "增减额"), facts, actual_only)
    if not statements:
        return None
    doc_id = statements[0].doc_id
    if query.operation.derived == "倍数":  # 是上年的几倍: this year's amount over last year's
        return _times_last_year(question, statements[0], facts, index)
    text = f"{_report_name(index, doc_id)}：" + statements_text(statements, index) + "。"
    return Answer(question=question, found=True, text=text,
                  figures=tuple(Figure(s.value, s.unit, f"{s.subject}上年数", s.formula) for s in statements),
                  citations=tuple(_citations(statements, index)), method="facts")


def _times_last_year(question: str, last: Statement, facts: Sequence[Fact], index: Index) -> Answer | None:
    """This year's amount as a multiple of last year's (高等教育是上年的几倍: 10000 ÷ 1000 = 10倍): this year's from
    the sentence or table row that gives last year's, or from which last year's was worked out."""
    said = last.facts[0]
    now = said if said.measure in CURRENT else next(
        (f for m in CURRENT for f in facts if f.subject == last.subject and f.measure == m and f.quote == said.quote), None)
    if now is None or now.unit != last.unit or not last.value:
        return None
    times = round(now.value / last.value, 2)
    formula = f"{format_value(now.value)} ÷ {format_value(last.value)} = {format_value(times)}倍"
    text = (f"{_report_name(index, now.doc_id)}：{last.subject}本年{format_value(now.value)}{now.unit or ''}，"
            f"上年{format_value(last.value)}{last.unit or ''}，是上年的 {format_value(times)} 倍（计算：{formula}）。")
    cited = Statement(now.doc_id, last.subject, last.measure, last.value, last.unit, tuple(dict.fromkeys((now, *last.facts))))
    return Answer(question=question, found=True, text=text,
                  figures=(Figure(times, "倍", f"{last.subject}本年÷上年", formula),),
                  citations=tuple(_citations([cited], index)), method="facts")


def _last_year_of(subjects: Sequence[str], facts: Sequence[Fact], actual_only: bool) -> list[Statement]:
    """Each subject's 上年 figure: as printed (a 上年 column or sentence), else from its change."""
    statements: list[Statement] = []
    for subject in subjects:
        mine = [f for f in facts if f.subject == subject]
        printed = _prefer_narrative([f for f in mine if f.measure.startswith("上年")
                                     and (not actual_only or "决算" in f.measure or "执行" in f.measure)])
        if printed:
            f = printed[0]
            statements.append(Statement(f.doc_id, subject, f.measure, f.value, f.unit, (f,)))
            continue
        derived = _from_change(subject, mine, actual_only)
        if derived is not None:
            statements.append(derived)
    return statements


def _from_change(subject: str, facts: Sequence[Fact], actual_only: bool = False) -> Statement | None:
    """上年 = this year's amount − its change: both from one sentence (`…6.51万元，较上年增加9.49万元`), else the
    amount the narrative states on the same page, in the sentence before (`收入预算68632.12万元…。收入较去年减少…`).
    `actual_only`: only a change measured against last year's actual figure (`比上年执行数减少`)."""
    # (a change printed as 0 — `变化0万元，增长0%` of a unit new this year — says nothing of last year, unless the
    # sentence says the two years are the same: 与上年持平)
    changes = [f for f in facts if f.measure == "增减额" and (not actual_only or cues().actual_basis.search(f.quote))
               and (f.value != 0 or any(w in f.quote for w in operation_words()["thresholds"]["signs"]["eq"]))]
    for change in _prefer_narrative(changes):
        amounts = [f for f in facts if f.measure in CURRENT and f.unit == change.unit]
        same = [f for f in amounts if f.quote == change.quote] or \
            [f for f in amounts if f.table is None and change.table is None and f.page == change.page]
        if len({f.value for f in same}) > 1:  # two amounts on the page: the one the printed rate agrees with
            same = _agreeing_with_rate(same, change, facts)
        if len({f.value for f in same}) != 1:  # (which one changed is not said)
            continue
        now = min(same, key=lambda f: CURRENT.index(f.measure))
        value = round(now.value - change.value, 6)
        said = f"− 增加{format_value(change.value)}" if change.value >= 0 else f"+ 减少{format_value(-change.value)}"
        formula = f"本年{format_value(now.value)} {said} = {format_value(value)}{now.unit or ''}"
        return Statement(now.doc_id, subject, "上年数", value, now.unit, (now, change), formula=formula)
    return None


def _agreeing_with_rate(amounts: Sequence[Fact], change: Fact, facts: Sequence[Fact]) -> list[Fact]:
    """The amounts that, as this year's figure, give the rate printed with the change (`减少56.95万元，下降1.87%`:
    2995.39, not the 0.3 of another total on the page), the nearest when several come near; none when no rate is
    printed with it."""
    rates = [f.value for f in facts if f.measure == "增减率" and f.quote == change.quote]
    if not rates:
        return []

    def rate(now: Fact) -> float | None:
        before = now.value - change.value
        return 100 * change.value / before if before > 0 else None

    off = {f: abs(r - rates[0]) for f in amounts if (r := rate(f)) is not None and abs(r - rates[0]) <= 0.06}
    # (the nearest: 决算数 2940.05 gives 2.10%, the 年初预算数 2993.92 on the same page 2.07%)
    return [f for f in off if off[f] <= min(off.values()) + 1e-9]


def later_report_of_change(query: Query, scope_ids: Sequence[str],
                           docs: Sequence[dict]) -> tuple[tuple[str, ...], str] | None:
    """(The later report's doc_ids, the question asking its change against 上年) when a change is asked between two
    consecutive years of one department whose reports are of two kinds (`2025年财政拨款预算比2024年预算增长了百分之几`,
    a 2025 budget and a 2024 final account held): the later report's own change against 上年 is measured on its
    basis, which the two reports' figures are not. None when the words after the earlier year name the other
    report's basis (比2024年决算)."""
    if not (query.operation.derived in ("增减额", "增减率") or "增减" in query.measures):
        return None
    groups = reports(docs)
    if len(groups) != 2:
        return None
    (early, _), (late, late_ids) = sorted(groups, key=lambda g: g[0].get("year") or 0)
    if early.get("department") != late.get("department") or not early.get("year") \
            or late["year"] - early["year"] != 1 or early["kind"] == late["kind"]:
        return None
    said = f"{early['year']}年"
    at = query.text.find(said)
    if early["year"] not in query.compare_years or at < 0:  # (比2024年: the year compared against)
        return None
    end = at + len(said)
    after = re.split(r"[，,。？?；;]", query.text[end:], maxsplit=1)[0][:6]
    named = {kind for kind, words in question_words()["basis_words"].items() if any(w in after for w in words)}
    if named - {late["kind"]}:
        return None
    return tuple(d for d in scope_ids if d in late_ids), query.text[:at] + "上年" + query.text[end:]


#: a change asked against the year before, naming no year (比上年, 较去年, 同比)
AGAINST_LAST_YEAR = re.compile(r"(?:比|较|与|同|和|跟)\s*(?:去年|上年|上一年)度?|同比")


def previous_report_of_change(query: Query, scope_ids: Sequence[str], index: Index) -> tuple[tuple[str, ...], str] | None:
    """(Both reports' doc_ids, the question naming both years) when a change against 上年 is asked of one report
    whose department's report of the year before, of the same kind, is held too (`人大办2019年三公经费预算比上年少了
    多少`, the 2019 and 2018 budgets held): the change is the two reports' figures apart, when the report asked
    states none. None otherwise."""
    op = query.operation
    if not (op.derived in ("增减额", "增减率") or "增减" in query.measures) or query.compare_years:
        return None
    if op.function is not None or op.is_aggregate:  # 比上年减少的项级科目有几个: rows counted by their own change
        return None
    if not AGAINST_LAST_YEAR.search(query.text):
        return None
    groups = reports([index.documents_by_id[d] for d in scope_ids])
    if len(groups) != 1 or not groups[0][0].get("year") or not groups[0][0].get("department"):
        return None
    (late, late_ids), = groups
    year = late["year"]
    early = _same_department(late, year - 1, late.get("kind"), index)
    if not early:
        return None
    text = AGAINST_LAST_YEAR.sub(f"比{year - 1}年", query.text, count=1)
    if f"{year}年" not in text:
        text = f"{year}年{text}"
    return tuple(d for d in scope_ids if d in late_ids) + tuple(early), text


def passages_naming_year(retriever: Retriever, query: Query, scope: Scope, year: int, top_k: int) -> list[Hit]:
    """The passages of the scoped reports that name `year`, the retrieved ones first: a report looks back on its
    previous year in a few sentences (存在的问题: `2022年调整预算数…`), which retrieval need not rank high."""
    hits = [h for h in retriever.search(query, top_k=max(top_k, SENTENCE_POOL), doc_ids=scope.doc_ids)
            if names_year(h.chunk.text, year)]
    index, seen = retriever.index, {h.row for h in hits}
    rows = [int(r) for r in index.rows_of(scope.doc_ids) if int(r) not in seen]
    return hits + [Hit(r, c, 0.0) for r, c in zip(rows, index.chunks(rows)) if names_year(c.text, year)]


def with_next_budget(question: str, a: Answer, query: Query, index: Index) -> Answer:
    """A year's budget asked of its final account, the next year's budget held too: that report's 上年 figure
    beside the final account's, both labelled by their report, when it states another figure."""
    later = next_budget(query, query.doc_ids, index) if a.found else ()
    printed = answer_previous_year(question, replace(query, previous_year=True), later, index) if later else None
    if printed is None or {f.value for f in printed.figures} <= {f.value for f in a.figures}:
        return a
    return joined([a, printed], question)


def next_budget(query: Query, scope_ids: Sequence[str], index: Index) -> tuple[str, ...]:
    """The doc_ids of the department's budget of the next year, when a budget figure is asked of a year whose final
    account is the one report in scope (普陀区财政局2024年预算是多少, the 2024 决算 and the 2025 预算 held): the later
    budget prints that year's budget as its 上年, and the two may differ (年初预算数 2993.92 beside a 上年 of
    3013.80). Empty otherwise: an actual figure asked, a change or an operation, no such report held."""
    if query.asks_actual or query.operation.kind != "lookup" or query.operation.derived or query.parts \
            or "预算" not in query.text or re.search("决算|执行|实际|完成", query.text):
        return ()
    groups = reports([index.documents_by_id[d] for d in scope_ids if d in index.documents_by_id])
    if len(groups) != 1 or groups[0][0].get("kind") != "决算" or not groups[0][0].get("year"):
        return ()
    final = groups[0][0]
    if query.previous_year or (query.year or final["year"]) != final["year"]:  # (2023年 read from the 2024 report)
        return ()
    return tuple(_same_department(final, final["year"] + 1, "预算", index))


def _same_department(report: dict, year: int, kind: str | None, index: Index) -> list[str]:
    """The doc_ids of the reports of `report`'s department and region of that year and kind."""
    return [d["doc_id"] for d in index.documents if d.get("year") == year and d.get("kind") == kind
            and (d.get("department"), d.get("region")) == (report.get("department"), report.get("region"))]
