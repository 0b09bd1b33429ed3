"""A change or share asked that the report cannot give (qa/answer/unmet.py): the item's own figure alone is no
answer to `比2014年涨了多少`; the answer says what the report gives and states no figure."""
from __future__ import annotations

import pytest

import qa

REPORT = ("平潭综合实验区测试办公室2015年度部门决算\n\n第一部分 部门概况\n\n"
          "2015年度“三公”经费支出590.29万元。其中：公务接待费453.53万元。\n"
          "2015年度机关运行经费支出320.00万元，比上年增加20.00万元。\n")


@pytest.fixture(scope="module")
def settings(index_of):
    return index_of({"office.txt": REPORT})


def test_a_change_against_a_year_the_report_never_states_is_refused_without_a_figure(settings):
    a = qa.ask("平潭测试办公室2015年三公经费比2014年涨了多少？", settings=settings)
    assert not a.found and "三公经费" in a.text and "590.29" not in a.text
    for q in ("平潭测试办公室2015年三公经费比2014年涨了多少？", "平潭测试办公室2015年公务接待费比2014年增长了百分之几？"):
        a = qa.ask(q, settings=settings)
        assert not a.found and not any(ch.isdigit() for ch in a.text.replace("2014", "").replace("2015", ""))


def test_a_change_the_report_states_is_still_answered(settings):
    a = qa.ask("平潭测试办公室2015年机关运行经费比上年增加了多少？", settings=settings)
    assert a.found and "20" in a.text


def test_a_level_asked_is_answered_as_before(settings):
    a = qa.ask("平潭测试办公室2015年三公经费是多少？", settings=settings)
    assert a.found and "590.29" in a.text


NEW_INCOME = ("无锡市测试局2026年度单位预算\n\n第一部分 部门概况\n\n"
              "2026年其他收入预算500.00万元，比上年增加500.00万元。\n"
              "2026年事业收入预算200.00万元，比上年增加50.00万元，增长33.33%。\n")


def test_a_rate_asked_alone_is_not_answered_by_amounts(index_of):
    """`增长了百分之几` where the report gives an increase from nothing: no rate, and no amount stated as one;
    a rate the report prints is answered, and a count of rows under a stated percent is no rate asked."""
    settings = index_of({"income.txt": NEW_INCOME})
    a = qa.ask("无锡市测试局2026年其他收入比上年增长了百分之几？", settings=settings)
    assert not a.found and "500" not in a.text
    a = qa.ask("无锡市测试局2026年事业收入比上年增长了百分之几？", settings=settings)
    assert a.found and "33.33" in a.text


def test_a_per_head_figure_with_no_head_count_is_refused_and_one_given_by_the_asker_divides(settings):
    a = qa.ask("平潭测试办公室2015年机关运行经费摊到每个在职人员身上是多少？", settings=settings)
    assert not a.found and "320" not in a.text
    b = qa.ask("平潭测试办公室2015年机关运行经费按64名在职人员来算，平均每人多少钱？", settings=settings)
    assert b.found and "50000" in b.text.replace(",", "") and "÷ 64" in b.text
