"""What a question says around the item it asks (qa/answer): a name sharing words with the one before it, a total
named as a whole of a kind, rates that add up to nothing."""
from __future__ import annotations

import pytest

import qa

from .conftest import tiny_report


@pytest.fixture(scope="module")
def said_index(index_of):
    body = ("一、“三公”经费支出情况\n"
            "2024年“三公”经费预算100万元，其中：因公出国（境）费20万元，公务用车购置及运行维护费50万元，公务接待费30万元。\n"
            "公务用车购置费40万元，公务用车运行维护费10万元。机关运行经费300万元。\n"
            "二、项目支出情况\n"
            "贸易发展专项预算1000万元，其中：支持外贸发展100万元；区级支持总部经济300万元；市级支持总部经济500万元；"
            "进博会推进专项100万元。\n"
            "三、机关运行经费\n"
            "2024年机关运行经费支出100万元，比上年增加40万元，增长66.67%。主要原因是统计口径调整。\n")
    return index_of({"s.txt": tiny_report("武汉市江岸区", 2024, body)})


def test_a_name_said_without_the_words_it_shares_with_the_one_before_is_read_with_them(said_index):
    a = qa.ask("江岸区测试局2024年公务用车购置费和运行费各安排了多少？", settings=said_index)
    assert a.found and "40" in a.text and "10万元" in a.text and "300" not in a.text


def test_a_whole_named_with_total_before_its_kind_is_that_items_figure(said_index):
    a = qa.ask("江岸区测试局2024年三公经费里哪一块最大，占三公总预算的比例是多少？", settings=said_index)
    assert a.found and "公务用车购置及运行维护费" in a.text and any(f.unit == "%" and f.value == 50 for f in a.figures)


@pytest.fixture(scope="module")
def cuts_index(index_of):
    body = ("二、一般公共预算支出情况\n"
            "（一）人大事务（类）\n"
            "1．人大立法（项）支出90万元，比上年减少10万元，下降10%。主要原因是按规定压减。\n"
            "2．人大监督（项）支出45万元，比上年减少5万元，下降10%。主要原因是按规定压减。\n"
            "3．代表工作（项）支出120万元，比上年增加20万元，增长20%。主要原因是工作增加。\n")
    return index_of({"c.txt": tiny_report("武汉市江岸区", 2024, body, kind="预算")})


def test_two_parts_answered_then_added_are_a_share_of_the_whole_named_after(said_index):
    a = qa.ask("江岸区测试局2024年贸易发展专项里，区级支持总部经济和市级支持总部经济各是多少？这两块加起来占整个专项的比例是多少？",
               settings=said_index)
    assert a.found and "300" in a.text and "500" in a.text and any(f.unit == "%" and f.value == 80 for f in a.figures)


def test_last_years_figure_asked_with_a_why_is_given_with_the_reason(said_index):
    a = qa.ask("江岸区测试局2024年机关运行经费上一年是多少？为什么涨这么多？", settings=said_index)
    assert a.found and any(f.value == 60 for f in a.figures) and "统计口径调整" in a.text


def test_rates_picked_and_summed_add_up_the_changes_they_are_of(cuts_index):
    a = qa.ask("江岸区测试局2024年下降10%的项级科目有哪几个，总共减少了多少？", settings=cuts_index)
    assert a.found and "人大立法" in a.text and "人大监督" in a.text and "15万元" in a.text and "20%" not in a.text
