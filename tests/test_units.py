"""Answers in the unit the question asks for: the report's figure first, then the conversion with its formula."""
from __future__ import annotations

import pytest

from qa.answer.orchestrate import in_asked_unit
from qa.models import Answer, Figure
from qa.search.shape import answer_shape


@pytest.mark.parametrize("question, unit", [
    ("公务用车运行维护费预算是多少元？", "元"),
    ("收入合计多少万元", "万元"),
    ("以元计的三公经费", "元"),
    ("三公经费是多少", None),
    ("万元以上的设备有几台", None),
])
def test_the_unit_asked_is_read_from_the_question(question, unit):
    assert answer_shape(question)[2] == unit


def test_an_amount_in_another_unit_is_converted_and_the_report_figure_kept():
    a = Answer("q", True, "公务用车运行维护费预算数：27.95万元。", (Figure(27.95, "万元", "预算数"),))
    out = in_asked_unit(a, "元")
    assert out.text.startswith("公务用车运行维护费预算数：27.95万元。") and "279500元" in out.text
    assert [f.value for f in out.figures] == [27.95, 279500] and out.figures[1].formula == "27.95万元 = 279500元"


def test_rates_counts_and_amounts_already_in_the_unit_are_left_alone():
    a = Answer("q", True, "执行率：126.3%；收入：1228.72万元；车辆：3辆。",
               (Figure(126.3, "%", "执行率"), Figure(1228.72, "万元", "收入"), Figure(3, "辆", "车辆")))
    assert in_asked_unit(a, "万元") == a


def test_a_refusal_is_not_converted():
    a = Answer("q", False, "未找到答案。")
    assert in_asked_unit(a, "元") == a


def test_amounts_in_yuan_beside_amounts_in_wan_are_also_given_in_wan_when_no_unit_is_asked():
    a = Answer("q", True, "职业年金缴费：873617.00元；职业年金缴费支出：887.36万元。",
               (Figure(873617.0, "元", "职业年金缴费"), Figure(887.36, "万元", "职业年金缴费支出")))
    out = in_asked_unit(a, None)
    assert "873617元，即约87.36万元" in out.text and "887.36万元，即" not in out.text


def test_one_unit_throughout_is_left_alone_when_no_unit_is_asked():
    a = Answer("q", True, "收入：1.2万元。", (Figure(1.2, "万元", "收入"),))
    assert in_asked_unit(a, None) == a


def test_a_computed_answer_is_not_converted_again_when_no_unit_is_asked():
    a = Answer("q", True, "甲：2578025元。乙：133.3万元。合计：391.1万元（计算：257.8 + 133.3 = 391.1万元）。",
               (Figure(2578025.0, "元", "甲"), Figure(133.3, "万元", "乙"), Figure(391.1, "万元", "合计", "257.8 + 133.3 = 391.1万元")))
    assert in_asked_unit(a, None) == a


def test_one_amount_in_yuan_alone_is_also_given_in_wan_to_the_printed_precision():
    a = Answer("q", True, "福利费合计：423360.00元。", (Figure(423360.0, "元", "福利费"),))
    out = in_asked_unit(a, None)
    assert "423360元，即约42.34万元" in out.text
    many = Answer("q", True, "a：1.00元；b：2.00元；c：3.00元。", tuple(Figure(v, "元", "x") for v in (1.0, 2.0, 3.0)))
    assert in_asked_unit(many, None) is many  # a table of figures in 元 is left as printed
