"""The parts of a whole the question states by its amount (qa/answer/stated_whole.py): figures adding up to it."""
from __future__ import annotations

import pytest

import qa
from qa.answer.stated_whole import _run_after
from qa.models import Fact

from .conftest import tiny_report


@pytest.fixture(scope="module")
def projects_index(index_of):
    body = ("2024年度支出合计300.5万元，其中：基本支出200万元，项目支出100.5万元。\n"
            "项目支出主要用于①信息化建设项目 60.2 万元，主要用于系统运维，追回违规资金 30 万元。\n"
            "②宣传经费项目 40.3 万元，主要用于印制宣传册。\n")
    return index_of({"p.txt": tiny_report("武汉市江岸区", 2024, body)})


def test_the_projects_a_stated_amount_is_spent_on_are_those_adding_up_to_it(projects_index):
    a = qa.ask("江岸区测试局2024年项目支出100.5万元都用在了哪些项目上？各多少？", settings=projects_index)
    assert a.found and "信息化建设" in a.text and "60.2" in a.text and "宣传经费" in a.text and "40.3" in a.text
    assert "60.2 + 40.3 = 100.5" in a.text and "30万元" not in a.text  # (the sentence's other amount is no part)
    assert any("40.3" in c.quote for c in a.citations)


@pytest.mark.parametrize("question", ["江岸区测试局2024年项目支出99万元都用在了哪些项目上？各多少？",  # (no sum)
                                      "江岸区测试局2024年项目支出100.5万元主要用在哪些方面？",  # (no amounts asked)
                                      "江岸区测试局2024年项目支出100.5万元里，哪一项最多？"])  # (one of the parts)
def test_no_parts_are_listed_where_none_add_up_or_their_amounts_are_not_asked(projects_index, question):
    a = qa.ask(question, settings=projects_index)
    assert "各项相加" not in a.text


def _said(subject: str, value: float, line: int, quote: str) -> Fact:
    return Fact("d", subject, "决算数", value, "万元", quote, lines=(line, line))


def test_a_run_of_parts_may_leave_out_an_amount_a_parts_sentence_goes_on_to_state():
    whole = _said("项目支出", 457.72, 1, "其中：基本支出1573.80万元，项目支出457.72万元。")
    parts = [_said("甲经费", 11.2, 2, "甲经费项目11.20万元。"), _said("乙经费", 304.67, 3, "乙经费项目304.67万元。"),
             _said("审批救助", 178.0, 4, "审批依申请救助178万元。"), _said("丙经费", 141.85, 5, "丙经费项目141.85万元。")]
    assert [f.subject for f in _run_after(whole, [whole, *parts])] == ["甲经费", "乙经费", "丙经费"]


def test_a_count_the_question_states_is_split_into_the_counts_adding_up_to_it(index_of):
    body = "截至2024年底，本单位共有公务用车102辆，其中：执法执勤用车84辆，特种专业技术用车12辆。另有应急保障用车6辆。\n"
    settings = index_of({"c.txt": tiny_report("长沙市", 2024, body, kind="预算")})
    a = qa.ask("长沙市测试局2024年底的102辆公务用车，按类型分各有多少辆？", settings=settings)
    assert a.found and "84辆" in a.text and "12辆" in a.text and "6辆" in a.text and "84 + 12 + 6 = 102辆" in a.text
