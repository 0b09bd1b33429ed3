"""The same question typed another way is answered the same: a two-digit year (25年), years listed with a comma,
多少资金 or 多少万 for 多少钱, brackets of either width (维修(护)费). The question is written as its readers expect
before it is read (qa.search.query.as_read), and a bracketed name as the reports in scope print it (Retriever.as_printed)."""
from __future__ import annotations

import re

import pytest

import qa
from qa.search.query import as_read

from .conftest import tiny_report


@pytest.fixture(scope="module")
def two_years(index_of):
    last = "2025年“三公”经费决算18.00万元。\n"
    body = ("2026年“三公”经费财政拨款预算244.85万元，比上年减少5.00万元。其中：因公出国（境）费173.52万元，"
            "公务用车购置及运行维护费50.00万元，公务接待费21.33万元。机关运行经费预算12.00万元。\n")
    return index_of({"b.txt": tiny_report("北京市", 2026, body, kind="预算"),
                     "f.txt": tiny_report("北京市", 2025, last, kind="决算")})


@pytest.mark.parametrize("typed, written", [
    # (推算 last year's figure, a change against the year before: every reader of the question sees the full year)
    ("据北京市测试局26年预算说明推算，25年三公经费预算是多少？", "据北京市测试局2026年预算说明推算，2025年三公经费预算是多少？"),
    ("北京市测试局26年预算三公经费比25年少了多少", "北京市测试局2026年预算三公经费比2025年少了多少"),
    # (years listed with a comma, the clause mark, as with the list mark 、)
    ("北京市测试局2025，2026年的三公经费各是多少？", "北京市测试局2025、2026年的三公经费各是多少？"),
])
def test_a_question_typed_another_way_is_answered_as_written_out(two_years, typed, written):
    full, short = qa.ask(written, settings=two_years), qa.ask(typed, settings=two_years)
    assert full.found and short.text == full.text
    assert short.question == typed  # (the answer shows the question as the user typed it)


@pytest.fixture(scope="module")
def spending(index_of):
    body = ("2024年度收入总计14600.00万元，支出总计14572.53万元。\n绩效自评情况：开展自评的项目12个，涉及资金5105.75万元。\n"
            "2024年一般公共预算财政拨款支出13733.80万元，比2023年增加420.00万元，增长3.2%。\n"
            "全市农村电影放映工程由市级给予补贴，2024年市级补贴共下达338.16万元，按每村每月放映一场的标准安排。\n")
    return index_of({"r.txt": tiny_report("武汉市江岸区", 2024, body)})


@pytest.mark.parametrize("typed", ["江岸区测试局2024年一共花了多少资金？",
                                   "江岸区测试局2024年一般公共预算财政拨款支出比上年多了多少资金？",
                                   "江岸区测试局2024年农村电影放映工程市级补贴多少万？"])
def test_多少资金_and_多少万_ask_an_amount_as_多少钱_does_and_name_no_item(spending, typed):
    # (资金 after 多少 is the asker's word for money, not the 涉及资金 of a project count; 多少万 is 万元 said short)
    said = qa.ask(re.sub("多少(?:资金|万)", "多少钱", typed), settings=spending)
    assert said.found and qa.ask(typed, settings=spending).text == said.text


def test_涉及多少资金_asks_the_reports_涉及资金(spending):
    # (the asker split the report's own label with the question word: it names the item, unlike 花了多少资金)
    a = qa.ask("江岸区测试局2024年开展自评的项目涉及多少资金？", settings=spending)
    assert a.found and [f.value for f in a.figures if f.unit == "万元"] == [5105.75]


def test_a_list_of_years_or_of_short_names_in_brackets_is_read_with_the_list_mark():
    assert as_read("省法院2017,2018，2019三年提租补贴") == "省法院2017、2018、2019三年提租补贴"
    assert as_read("上级（中央，省，市）资金一共多少？") == "上级（中央、省、市）资金一共多少？"
    # (a comma between clauses, or in an aside that says how to work it out, stays)
    assert as_read("2019年预算是多少，2018年是多少") == "2019年预算是多少，2018年是多少"
    assert as_read("（根据2026年预算说明，倒推）") == "（根据2026年预算说明，倒推）"


@pytest.fixture(scope="module")
def brackets_two_ways(index_of):
    def body(name: str, value: str) -> str:
        return ("一般公共预算基本支出表\n单位：万元\n科目编码 科目名称 预算数\n"
                f"30209 {name} {value}\n30211 差旅费 3.00\n")
    return index_of({"a.txt": tiny_report("武汉市江岸区", 2024, body("维修(护)费", "4.50"), kind="预算"),
                     "b.txt": tiny_report("武汉市汉阳区", 2024, body("维修（护）费", "6.00"), kind="预算")})


@pytest.mark.parametrize("question, value", [("江岸区测试局2024年维修（护）费预算是多少？", 4.5),
                                             ("汉阳区测试局2024年维修(护)费预算是多少？", 6.0)])
def test_a_bracketed_name_is_read_with_the_brackets_its_report_prints(brackets_two_ways, question, value):
    # (one report prints ASCII brackets, the other Chinese ones: each is matched as it prints the name)
    a = qa.ask(question, settings=brackets_two_ways)
    assert a.found and value in [f.value for f in a.figures]

