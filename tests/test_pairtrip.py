"""The pair round trip's questions (qa/eval/pairtrip.py): two figures asked at once, and figures computed from two,
each answer the report's own facts give."""
from __future__ import annotations

from qa.eval.pairtrip import PLANS, plan_pairs
from qa.models import Fact

from .test_rowtrip import TABLE, report


def facts() -> list[Fact]:
    rows = [("2040201", "行政运行", 300.0, 280.0, 20.0), ("2040202", "一般行政管理事务", 60.0, 10.0, 50.0),
            ("2210201", "住房公积金", 25.0, 25.0, 0.5), ("2999999", "合计", 385.0, 315.0, 70.5)]
    table = [Fact("d", name, m, v, "万元", f"{code} {name} {total:.2f} {basic:.2f} {project:.2f}", TABLE, code, 1)
             for code, name, total, basic, project in rows
             for m, v in (("合计", total), ("基本支出", basic), ("项目支出", project))]
    said = "行政运行年初预算为250.00万元，支出决算为300.00万元。公务用车12辆，公务接待费3.50万元。"
    text = [Fact("d", "行政运行", "年初预算数", 250.0, "万元", said, None, None, 5),
            Fact("d", "行政运行", "决算数", 300.0, "万元", said, None, None, 5),
            Fact("d", "公务用车", "车辆数", 12.0, "辆", said, None, None, 5),
            Fact("d", "公务接待费", "决算数", 3.5, "万元", said, None, None, 5)]
    return table + text


def test_every_plan_is_asked_with_the_values_of_the_facts_it_names():
    qs = plan_pairs(report(facts()))
    assert {q.op for q in qs} == set(PLANS)
    for q in qs:
        assert q.phrasing in PLANS[q.op]
        if q.op in ("row", "col", "two"):
            assert [v.value for v in q.answers] == [f.value for f in q.facts]
            assert all(f.subject in q.question for f in q.facts)
        assert all(f.subject != "合计" for f in q.facts)  # (a table's total row is no name asked)
    assert len({q.question for q in qs}) == len(qs)


def test_the_rate_and_the_gap_are_computed_from_the_items_two_amounts():
    qs = plan_pairs(report(facts()))
    rates = {v.value for q in qs if q.op == "exec" for v in q.answers}
    gaps = {v.value for q in qs if q.op == "gap" for v in q.answers}
    assert rates == {120.0} and gaps == {50.0}
    (more,) = [q for q in qs if q.op == "gap" and q.phrasing == "more"]
    assert "多了多少" in more.question  # (决算 above 年初预算)


def test_the_draw_is_seeded_by_the_report():
    assert [q.question for q in plan_pairs(report(facts()))] == [q.question for q in plan_pairs(report(facts()))]
    assert plan_pairs(report(facts()), per_report=0) == []
