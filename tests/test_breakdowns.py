"""Figures a report states with the one asked: the parts its sentence splits it into (其中…), the other counts and
the spend of the 三公 activity a count is of, and the figures asked after an overview (是什么情况？接待了几次…)."""
from __future__ import annotations

import pytest

import qa
from qa.eval.scoring import stated_figures
from qa.search.parts import sub_questions

from .conftest import tiny_report


def values(text: str) -> set[float]:
    return {float(f.value) for f in stated_figures(text)}


@pytest.fixture(scope="module")
def staff_index(index_of):
    return index_of({"east.txt": tiny_report("武汉市江岸区", 2023, (
        "一、部门基本情况\n"
        "本部门编制人数 62 人，其中：行政编制 7 人，事业编制 55 人(其中：参照公务员法管理 12 人)。"
        "实有人员97人，其中机关行政85人、所属事业12人。"
        "年末实有车辆5辆，其中：主要领导干部用车0辆，机要通信用车2辆，其他用车3辆。\n"
        "二、“三公”经费支出情况说明\n"
        "（一）因公出国（境）费20.74万元，主要用于出国考察。2023年本单位组织出国团组5个；全年因公出国（境）累计15人次。\n"
        "（二）公务接待费支出0.16万元，主要用于接待兄弟单位交流。2023年共接待国外来访团组0个，来访外宾0人次；"
        "发生国内接待1次，接待人数共13人。\n"))})


def test_a_figure_is_stated_with_the_parts_its_sentence_splits_it_into(staff_index):
    a = qa.ask("江岸区2023年实有人员多少？", settings=staff_index)
    assert a.found and {97, 85, 12} <= values(a.text)


def test_a_parts_own_breakdown_in_brackets_is_no_part_of_the_whole(staff_index):
    a = qa.ask("江岸区2023年编制人数是多少？", settings=staff_index)
    assert a.found and {62, 7, 55} <= values(a.text) and 12 not in values(a.text)


def test_parts_the_report_says_are_none_are_left_out(staff_index):
    a = qa.ask("江岸区2023年年末实有车辆几辆？", settings=staff_index)
    assert a.found and {5, 2, 3} <= values(a.text) and 0 not in values(a.text)


def test_a_count_of_what_a_sanggong_part_pays_for_comes_with_its_other_count_and_spend(staff_index):
    a = qa.ask("江岸区2023年因公出国团组几个", settings=staff_index)
    assert a.found and {5, 15, 20.74} <= values(a.text)
    a = qa.ask("江岸区2023年国内接待人数多少", settings=staff_index)
    assert a.found and {13, 0.16} <= values(a.text)
    assert 20.74 not in values(a.text)  # (the other part's spend is no figure of this activity)


def test_figures_asked_after_an_overview_are_asked_of_what_it_names(staff_index):
    question = "江岸区2023年的公务接待是什么情况？接待了几次、多少人，花了多少钱？"
    assert sub_questions(question)[0].startswith("江岸区2023年的公务接待是什么情况？接待")
    a = qa.ask(question, settings=staff_index)
    assert a.found and {1, 13, 0.16} <= values(a.text)
