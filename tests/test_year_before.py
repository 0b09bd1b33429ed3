"""A report saying it holds no figure of the year before its own (新成立单位，无2022年决算数): a change against that
year, or that year's figure, is refused with the report's sentence (qa/answer/year_before.py)."""
from __future__ import annotations

import pytest

import qa

from .conftest import tiny_report

NEW = ("二、收入支出决算总体情况说明\n"
       "2023年度总支出1668.14万元。1.基本支出746.39万元，我局为2023年新成立单位，无2022年决算数。\n"
       "三、财政拨款支出决算情况说明\n"
       "一般公共预算财政拨款支出1668.14万元，比年初预算数增加1668.14万元，增长0%。\n")


@pytest.fixture(scope="module")
def new_unit(index_of):
    return index_of({"east.txt": tiny_report("武汉市江岸区", 2023, NEW)})


@pytest.mark.parametrize("question", [
    "江岸区测试局2023年一般公共预算财政拨款支出比2022年增长了多少？",
    "江岸区测试局2023年一般公共预算财政拨款支出比上年增加了多少？",
])
def test_a_change_against_a_year_the_report_has_no_figure_of_is_refused_with_its_sentence(new_unit, question):
    a = qa.ask(question, settings=new_unit)
    assert not a.found and "新成立单位" in a.text and "1668.14" not in a.text.split("：")[0], a.text
    assert a.citations and "无2022年决算数" in a.citations[0].quote


def test_a_change_against_the_budget_is_still_read(new_unit):
    a = qa.ask("江岸区测试局2023年一般公共预算财政拨款支出比年初预算增加了多少？", settings=new_unit)
    assert a.found and "1668.14" in a.text, a.text


def test_a_report_saying_nothing_of_the_kind_answers_the_change(index_of):
    body = "三、财政拨款支出决算情况说明\n一般公共预算财政拨款支出1668.14万元，比上年增加168.14万元，增长11.21%。\n"
    a = qa.ask("江岸区测试局2023年一般公共预算财政拨款支出比上年增加了多少？",
               settings=index_of({"east.txt": tiny_report("武汉市江岸区", 2023, body)}))
    assert a.found and "168.14" in a.text, a.text

