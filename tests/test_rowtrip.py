"""The row round trip's questions (qa/eval/rowtrip.py): each answer computed from the report's own rows."""
from __future__ import annotations

from qa.eval.roundtrip import ReportFacts
from qa.eval.rowtrip import plan_rows, table_words
from qa.ingest.identity import Identity
from qa.models import Fact

TABLE = "支出决算表 公开03表"


def row(code: str, name: str, table: str = TABLE, **columns: float) -> list[Fact]:
    quote = f"{code} {name} " + " ".join(f"{v:.2f}" for v in columns.values())
    return [Fact("d", name, m, v, "万元", quote, table, code, 1) for m, v in columns.items()]


def report(facts: list[Fact]) -> ReportFacts:
    ident = Identity(region="长沙市", region_path=(), department="长沙市公安局", department_aliases=("公安局",),
                     year=2025, kind="决算", scope="部门", title="长沙市公安局2025年度部门决算")
    return ReportFacts("长沙市公安局 2025 决算", ident, ("d",), ("d.pdf",), tuple(facts))


def spending() -> list[Fact]:
    rows = [("204", "公共安全支出", 390.0, 300.0, 90.0), ("20402", "公安", 390.0, 300.0, 90.0),
            ("2040201", "行政运行", 300.0, 300.0, 0.0), ("2040202", "一般行政管理事务", 60.0, 0.0, 60.0),
            ("2040220", "执法办案", 30.0, 0.0, 30.0), ("221", "住房保障支出", 25.0, 25.0, 0.0),
            ("22102", "住房改革支出", 25.0, 25.0, 0.0), ("2210201", "住房公积金", 25.0, 25.0, 0.0)]
    return [f for code, name, total, basic, project in rows for f in row(code, name, 合计=total, 基本支出=basic, 项目支出=project)]


def by(questions, op, phrasing):
    return [q for q in questions if q.op == op and q.phrasing == phrasing]


def test_the_answers_are_computed_from_the_rows_of_the_level():
    qs = plan_rows(report(spending()))
    (top,) = [q for q in by(qs, "max", "title") if "项级" in q.question]
    assert [v.value for v in top.answers] == ["行政运行", 300.0]
    (low,) = [q for q in by(qs, "min", "title") if "项级" in q.question]
    assert [v.value for v in low.answers] == ["住房公积金", 25.0]
    (count,) = [q for q in by(qs, "count", "title") if "项级" in q.question]
    assert count.answers[0].value == 4 and "支出决算表里有几个项级科目" in count.question
    (bound,) = [q for q in by(qs, "filter", "title") if "项级" in q.question]
    limit = float(bound.question.split("超过")[1].split("万元")[0])
    assert bound.answers[0].value == sum(1 for v in (300, 60, 30, 25) if v > limit)
    (rank,) = [q for q in by(qs, "rank", "title") if "项级" in q.question]
    assert [v.value for v in rank.answers] == ["行政运行", "一般行政管理事务", "执法办案"]


def test_column_and_parent_questions_count_the_rows_they_name():
    qs = plan_rows(report(spending()))
    counts = {q.question.split("，")[1]: q.answers[0].value for q in by(qs, "count", "column")}
    assert counts == {"有基本支出的项级科目有几个？": 2, "有项目支出的项级科目有几个？": 2}
    parents = {q.question.split("，")[1]: q.answers[0].value for q in by(qs, "count", "parent")}
    assert parents == {"公共安全支出下面有几个项级科目？": 3}  # (住房保障支出 has one 项: no set)


def test_a_level_with_a_repeated_name_or_figure_is_not_asked():
    facts = spending() + row("2040299", "行政运行", 合计=12.0, 基本支出=12.0, 项目支出=0.0)
    qs = plan_rows(report(facts))
    assert not [q for q in by(qs, "max", "title") if "项级" in q.question]


def test_plain_questions_only_of_the_whole_spending_table():
    narrow = [Fact(f.doc_id, f.subject, f.measure, f.value, f.unit, f.quote, "一般公共预算财政拨款支出决算表", f.subject_code)
              for f in spending()]
    assert by(plan_rows(report(spending())), "max", "plain")
    assert not by(plan_rows(report(narrow)), "max", "plain")
    (fund,) = by(plan_rows(report(narrow)), "count", "fund")
    assert fund.question == "长沙市公安局2025年一般公共预算财政拨款支出涉及几个项级科目？" and fund.answers[0].value == 4


def test_table_words_drop_numbers_year_and_department():
    assert table_words("2025年长沙市公安局部门支出预算总表 表3", "长沙市公安局") == "部门支出预算总表"
    assert table_words("预算05表一般公共预算支出表") == "一般公共预算支出表"
    assert table_words("支出决算表 公开03表") == "支出决算表"
