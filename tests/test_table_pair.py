"""One row read in two tables the question names, and their gap (qa/answer/table_pair.py)."""
from __future__ import annotations

from qa.answer.table_pair import answer_table_pair, table_titled
from qa.models import Fact
from qa.search.query import Query

from .test_operations import FakeIndex, cell, doc


def _ask(question: str, facts):
    topic = question.removeprefix("测试局2017年")
    return answer_table_pair(question, Query(text=question, topic=topic), facts, doc(), FakeIndex([doc()]))


FACTS = [cell("项目支出", None, "预算数", 10688.66, table="收支预算总表"),
         cell("财政拨款", None, "预算数", 20702.25, table="收支预算总表"),
         cell("项目支出", None, "预算数", 10541.46, table="财政拨款收支预算总表"),
         cell("一般公共服务支出", "201", "预算数", 16992.37, table="财政拨款收支预算总表")]


def test_a_row_of_two_tables_is_read_in_each_and_their_gap_stated():
    a = _ask("测试局2017年收支预算总表和财政拨款收支预算总表里的项目支出差多少？", FACTS)
    assert a is not None and "10688.66" in a.text and "10541.46" in a.text and "相差 147.2万元" in a.text
    assert "财政拨款 20702.25" not in a.text  # (收支预算总表 inside the second table's name names no row)
    assert len(a.citations) == 2


def test_one_table_named_or_no_gap_asked_is_not_this_reading():
    assert _ask("测试局2017年收支预算总表里的项目支出是多少？", FACTS) is None
    assert _ask("测试局2017年收支预算总表和财政拨款收支预算总表里的项目支出各是多少？", FACTS) is None


def test_an_item_asked_of_one_table_named_is_that_tables_figure_alone():
    """`“三公”经费、会议费、培训费支出预算表里会议费是多少`: not every table's reading of 会议费 as a conflict."""
    from dataclasses import replace

    from qa.answer.facts import answer_from_facts
    from qa.search.query import parse_question

    from .test_companions import TwoFiles

    facts = [cell("会议费", None, "预算数", 271.02, table="“三公”经费、会议费、培训费支出预算表"),
             cell("会议费", "30215", "预算数", 111.3, table="财政拨款基本支出预算表"),
             cell("会议费", None, "预算数", 122.1, table="政府采购支出预算表")]
    index = TwoFiles([doc()], facts)
    asked = parse_question("测试局2024年“三公”经费、会议费、培训费支出预算表里会议费是多少？")
    a = answer_from_facts(asked.text, replace(asked, departments=("测试局",)), ["d"], index)
    assert a is not None and "271.02" in a.text and "111.3" not in a.text and "122.1" not in a.text


def _titled(*titles: str) -> list[Fact]:
    return [Fact("d", "行政运行", "合计", 1.0, "万元", "行政运行 1.00", t, "2010101", 1) for t in titles]


def test_the_table_titled_is_the_one_whose_whole_name_is_said():
    facts = _titled("2024年度支出决算表 公开03表", "2024年度一般公共预算财政拨款支出决算表 公开05表")
    assert table_titled("支出决算表中，一般公共服务支出里哪一项最多？", facts) == "2024年度支出决算表 公开03表"
    assert table_titled("一般公共预算财政拨款支出决算表里哪一项最多？", facts) == "2024年度一般公共预算财政拨款支出决算表 公开05表"
    cut = _titled("基本支出明细表（按支出功 表7", "基本支出明细表（按支出经济分类 表8")
    assert table_titled("基本支出明细表（按支出经济分类里，哪个款最多？", cut) == "基本支出明细表（按支出经济分类 表8"
    assert table_titled("哪一项支出最多？", facts) is None
    assert table_titled("支出总表里，有基本支出的项级科目有几个？", _titled("部门支出总表", "部门收入总表")) == "部门支出总表"
    assert table_titled("支出决算表里哪一项最多？", _titled("支出决算表 公开03表", "支出决算表 表3")) is None
