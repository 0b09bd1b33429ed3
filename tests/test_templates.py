"""Tables printed to a national template (项目支出绩效自评表): figures placed by the template's column order."""
from __future__ import annotations

from qa.facts.templates import template_facts
from qa.models import Document, Page, Table


def _doc(table: Table) -> Document:
    return Document(doc_id="d1", source="x.pdf", title="", pages=(Page(number=3, text="", tables=(table,)),))


def test_self_evaluation_funding_row_is_read_by_the_template_order():
    table = Table(
        title="信访研究宣传立法专项项目绩效自评表",
        rows=(("项目名称 信访研究宣传立法专项",), ("年初预算 全年预算",), ("年度资金总额： 493.76 536.2 413.57 10.0 77.13% 7.7",),
              ("出版图书 ≥1本 2本 5 5",)),
        page=3,
    )
    facts = {(f.subject, f.measure): f.value for f in template_facts(table, _doc(table))}
    assert facts == {
        ("信访研究宣传立法专项", "年初预算数"): 493.76,
        ("信访研究宣传立法专项", "全年预算数"): 536.2,
        ("信访研究宣传立法专项", "执行数"): 413.57,
        ("信访研究宣传立法专项", "完成预算率"): 77.13,
    }


def test_funding_parts_are_named_after_the_project_and_the_total_score_is_read():
    table = Table(
        title="信访研究宣传立法专项项目绩效自评表",
        rows=(("项目名称", "信访研究宣传立法专项"), ("年度资金总额：", "493.76", "536.2", "413.57", "10.0", "77.13%", "7.7"),
              ("其中：财政拨款", "473.76", "473.76", "351.13", "--", "0.0%", "--"),
              ("上年结转", "20.00", "62.44", "62.44", "--", "0.0%", "--"),
              ("其他资金", "0.00", "0.00", "0.00", "--", "0.0%", "--"),
              ("", "财政拨款到位率", "≥95%", "100%", "10", "10"),  # an indicator row is no funding part
              ("总分", "", "100", "94.7")),
        page=3,
    )
    facts = {(f.subject, f.measure): (f.value, f.unit) for f in template_facts(table, _doc(table))}
    assert facts[("信访研究宣传立法专项财政拨款", "执行数")] == (351.13, "万元")
    assert facts[("信访研究宣传立法专项上年结转资金", "全年预算数")] == (62.44, "万元")
    assert facts[("信访研究宣传立法专项其他资金", "年初预算数")] == (0.0, "万元")
    assert facts[("信访研究宣传立法专项", "自评分数")] == (94.7, "分")
    # a part's printed 0.0% is the template's filler, not its rate
    assert not any(m == "完成预算率" and s != "信访研究宣传立法专项" for s, m in facts)
    assert len(facts) == 14


def test_subject_from_the_title_when_no_name_row_and_year_prefix_dropped():
    table = Table(title="西安市级2022年病媒生物防制项目绩效自评表",
                  rows=(("项目资金 年度资金总额 240 229.19 229.19 10 100.00% 10.00",),), page=3)
    facts = template_facts(table, _doc(table))
    assert {f.subject for f in facts} == {"病媒生物防制"} and len(facts) == 4


def test_other_tables_and_short_rows_give_nothing():
    other = Table(title="收入支出决算总表", rows=(("年度资金总额 1 2 3",),), page=3)
    assert template_facts(other, _doc(other)) == []
    short = Table(title="X项目绩效自评表", rows=(("年度资金总额 240",),), page=3)
    assert template_facts(short, _doc(short)) == []


def test_a_sangong_table_with_a_row_per_unit_keeps_each_units_figure_apart():
    from qa.facts.tables import table_facts

    table = Table(
        title="一般公共预算三公经费支出表",
        rows=(("单位名称", "合计", "因公出国（境）费", "公务用车购置及运行维护费", "小计", "公务用车购置费", "公务用车运行维护费", "公务接待费"),
              ("合计", "1.10", "", "", "", "", "", "1.10"),
              ("某市某局", "1.00", "", "", "", "", "", "1.00"),
              ("某市某所", "0.10", "", "", "", "", "", "0.10")),
        header_rows=1, unit="万元", page=3, row_pages=(3, 3, 3, 3),
    )
    facts = {(f.subject, f.value) for f in table_facts(table, _doc(table)) if "接待" in f.subject}
    assert ("公务接待费", 1.1) in facts and ("某市某局公务接待费", 1.0) in facts and ("公务接待费", 1.0) not in facts
