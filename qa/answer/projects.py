"""Projects of a report's self-evaluation tables (项目支出绩效自评表) as rows of an operation: each project, not
its funding parts (其中：财政拨款, 上年结转) unless the question names one, and a mean the report prints itself."""
from __future__ import annotations

import re
from typing import Sequence

from ..lexicon import funding_parts, question_words, terms
from ..lexicon.formula_table import operation_words
from ..models import Answer, Fact, Figure
from ..search.operation import Operation
from ..text.chars import longest_first
from ..store.index import Index
from .listed_rows import _TOTAL
from .match import Statement
from .statements import _citations, _report_name

#: a table whose title names projects (项目绩效自评表), not a budget table
PROJECT_TABLE = re.compile(r"项目")


def printed_mean(question: str, facts: Sequence[Fact]) -> bool:
    """Whether a sentence of the report states the mean the question asks (平均得分 asked, `平均得分99.43分`)."""
    words = [w for w in operation_words()["functions"]["avg"] if w in question]
    return any(re.search(f"{re.escape(w)}(?:为|是|：|:)?\\s*\\d", f.quote) for w in words for f in facts)


def without_funding_parts(facts: Sequence[Fact], item: str) -> Sequence[Fact]:
    """The facts but a project's funding parts (信息化运行维护财政拨款 under 信息化运行维护 in its 自评表): rows of
    projects are the projects. A question naming a part (各项目上年结转资金) reads that part of each project instead."""
    projects = {(f.table, f.subject) for f in facts if f.table}

    def part_of(f: Fact) -> str | None:
        return next((p for p in funding_parts() if f.table and f.subject.endswith(p)
                     and (f.table, f.subject[:-len(p)]) in projects), None)

    named = next((p for p in funding_parts() if p in item or p.removesuffix("资金") in item), None)
    if named is None:
        return [f for f in facts if part_of(f) is None]
    holders = {f.subject[:-len(named)] for f in facts if part_of(f) == named}  # (their narrative figures too)
    return [f for f in facts if part_of(f) in (None, named) and f.subject not in holders]


def project_cells(facts: Sequence[Fact], op: Operation, item: str = "") -> tuple[str, list[Fact]]:
    """(the column, its cells) of the projects of a report's 项目绩效自评 tables: each project's 全年预算数, or the
    column of theirs the question names (执行数), the score it asks (得分最低, 满分), what was spent (实际支出)."""
    whole = tuple(terms()["whole_report_words"])  # (部门整体: the department, no project of it)
    # (from the narrative or a project's own table: a budget table's 调整预算数 column holds no projects)
    projects = {f.subject for f in facts if f.measure == "全年预算数" and not f.subject_code and not _TOTAL.match(f.subject)
                and not f.subject.startswith(whole) and (f.table is None or PROJECT_TABLE.search(f.table))}
    # a final account's narrative naming each project with what it spent (`X项目 304.67 万元，主要成效：…`)
    projects |= {f.subject for f in facts if f.table is None and f.measure == "决算数" and not f.subject_code
                 and re.search(rf"{re.escape(f.subject)}项目\s*[\d.,]+\s*万元", f.quote) and len(f.subject) >= 4}
    measures = {f.measure for f in facts if f.subject in projects and f.unit in ("万元", "元")}
    # a score asked (得分最低): the lexicon's measure whose words the question says, among the projects' facts
    said = {fm for m in terms()["measures"].values() if any(a in item for a in m["aliases"]) for fm in m.get("fact_measures", ())}
    in_points = op.threshold is not None and op.threshold.unit == "分"  # 得了满分的 (= 100分): a score column
    scored = sorted(m for m in {f.measure for f in facts if f.subject in projects and f.unit == "分"} if in_points or m in said)
    # 花了多少, 花钱最多, 实际支出: what was spent (a budget report's projects state no such column)
    # (a final account's projects ranked by amount, no column named, by what they spent: 金额最大的项目)
    final = op.function in ("max", "min", "rank") and any(f.measure == "决算数" for f in facts) \
        and not any(a in item for a in question_words()["budget_words"])
    spent = [m for m in ("执行数", "决算数") if m in measures and (m in said or "花" in item or final)]
    column = next((m for m in sorted(measures, key=longest_first) if len(m) >= 3 and m in item), None) or \
        (scored[0] if scored else spent[0] if spent else "全年预算数")
    # (what a project spent: its self-evaluation's 执行数, or the 决算数 the narrative states of it)
    read = set(spent) if column in spent else {column}
    cells = [f for f in facts if f.subject in projects and f.measure in read and not f.subject_code]
    return column, cells


def overall_rate(question: str, op: Operation, facts: Sequence[Fact], index: Index) -> Answer | None:
    """The execution rate of a report's evaluated projects taken
    together (`4个项目绩效自评，总的预算执行率是多少`): the sum of their 执行数 over the sum of their 全年预算数,
    each project's pair cited; None unless the question asks it of projects together and two or more state both."""
    together = any(w in question for w in operation_words()["together"])  # (总的执行率, 这些项目的执行率)
    if op.derived != "执行率" or "项目" not in question or not (op.members or together):
        return None
    spent_op = Operation(kind="aggregate", function="sum")
    _, budgets = project_cells(facts, spent_op, "全年预算数")
    _, spent = project_cells(facts, spent_op, "执行数")
    budget_of = {f.subject: f for f in budgets if f.unit == "万元"}
    pairs = [(budget_of[f.subject], f) for f in spent if f.unit == "万元" and f.subject in budget_of]
    pairs = list({b.subject: (b, e) for b, e in pairs}.values())
    if len(pairs) < 2 or op.members and len(pairs) != op.members:
        return None
    total_budget = round(sum(b.value for b, _ in pairs), 2)
    total_spent = round(sum(e.value for _, e in pairs), 2)
    if total_budget <= 0:
        return None
    rate = round(100 * total_spent / total_budget, 2)
    shown = lambda xs: " + ".join(f"{x:g}" for x in xs)  # noqa: E731
    formula = f"{total_spent:g} ÷ {total_budget:g} = {rate:g}%"  # (each project's pair: the sums' formulas, the citations)
    names = "、".join(b.subject for b, _ in pairs)
    text = (f"所评项目（{names}）合计：执行数 {total_spent:g}万元，全年预算数 {total_budget:g}万元，"
            f"总的预算执行率 {rate:g}%（计算：{formula}）。")
    figures = (Figure(total_spent, "万元", "项目执行数合计", shown(e.value for _, e in pairs)),
               Figure(total_budget, "万元", "项目全年预算数合计", shown(b.value for b, _ in pairs)),
               Figure(rate, "%", "项目总的预算执行率", formula))
    cited = Statement(pairs[0][0].doc_id, "", "", 0.0, None, tuple(f for pair in pairs for f in pair))
    return Answer(question=question, found=True, text=f"{_report_name(index, cited.doc_id)}：{text}", figures=figures,
                  citations=tuple(_citations([cited], index)), method="facts")
