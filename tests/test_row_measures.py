"""Rows judged or ranked by a figure of their own row (qa/answer/row_measures.py), and the readings of rows
that share a name (qa/answer/statements.py), on generated facts."""
from __future__ import annotations

import random

import pytest

from qa.answer.columns import match_in_table
from qa.answer.statements import statements_for
from qa.models import Fact
from qa.search.conditions import Threshold, row_condition
from qa.search.named import find_excluded
from qa.search.operation import parse_operation
from qa.search.shape import answer_shape
from qa.text.numbers import format_value

from .test_operations import ask, cell, doc

NARRATIVE = None  # a narrative sentence's fact has no table


def said(subject, measure, value, unit="万元", quote=None, page=9) -> Fact:
    return Fact("d", subject, measure, value, unit, quote or f"{subject}{measure}{value}", NARRATIVE, None, page)


def items_with_changes(seed: int) -> tuple[list[Fact], list[tuple[str, float, float]]]:
    """项 rows under one 款 (2040501…) with this year's amount in a table and, in the narrative, the change
    from last year (增减额, 增减率), both signs; plus a 项 of another 款 that the questions do not name."""
    rng = random.Random(seed)
    facts: list[Fact] = [cell("法院", "20405", "预算数", 0.0)]
    truth = []
    for i in range(rng.randint(3, 7)):
        code, name = f"20405{i + 1:02d}", f"事务{chr(0x4e00 + 100 * seed + i)}{i}"
        now = round(rng.uniform(100, 5000), 2)
        change = round(rng.choice([-1, 1]) * rng.uniform(1, now / 2), 2)
        rate = round(change / (now - change) * 100, 2)
        quote = f"法院（款）{name}（项）支出{now}万元，与上年相比{'增加' if change > 0 else '减少'}{abs(change)}万元。"
        facts += [cell(name, code, "预算数", now), said(name, "预算数", now, quote=quote),
                  said(name, "增减额", change, quote=quote), said(name, "增减率", rate, "%", quote=quote)]
        truth.append((name, change, rate))
    facts += [cell("其他款里的项", "2040601", "预算数", 10.0), said("其他款里的项", "增减额", -5.0)]
    return facts, truth


@pytest.mark.parametrize("seed", range(6))
def test_rows_that_fell_or_rose_against_last_year_are_counted_by_their_change(seed):
    facts, truth = items_with_changes(seed)
    fell = [n for n, change, _ in truth if change < 0]
    a = ask("测试局2024年法院（款）下的项级科目有几个比上年减少", facts)
    assert a is not None and a.found
    assert a.figures[0].value == len(fell)
    rose = [n for n, change, _ in truth if change > 0]
    a = ask("测试局2024年法院（款）下的项级科目里，比上年增加的有几个？", facts)
    assert a.figures[0].value == len(rose)


@pytest.mark.parametrize("seed", range(6))
def test_a_bound_said_after_a_change_is_on_the_change_not_the_amount(seed):
    """比上年减少超过X万元: the rows whose fall is over X, whatever their own amount; 支出超过X万元 stays a bound on
    the amount."""
    facts, truth = items_with_changes(seed)
    bound = sorted(abs(c) for _, c, _ in truth)[len(truth) // 2]
    fell = sorted(n for n, change, _ in truth if change < -bound)
    a = ask(f"测试局2024年法院（款）下比上年减少超过{bound}万元的项级科目有几个？分别是哪些？", facts)
    assert a is not None and a.figures[0].value == len(fell)
    assert all(n in a.text for n in fell)
    a = ask(f"测试局2024年法院（款）下和上年相比增加了{bound}万元以上的项级科目有哪些", facts)
    assert a is not None and sorted(n for n, *_ in truth if n in a.text) == sorted(
        n for n, change, _ in truth if change >= bound)
    amounts = [f for f in facts if f.table and f.subject_code and len(f.subject_code) == 7 and f.subject_code.startswith("20405")]
    a = ask(f"测试局2024年法院（款）下支出超过{bound}万元的项级科目有几个", facts)
    assert a is not None and a.figures[0].value == sum(1 for f in amounts if f.value > bound)


@pytest.mark.parametrize("seed", range(6))
def test_the_largest_fall_is_ranked_by_the_change_rate_and_stated_as_a_fall(seed):
    facts, truth = items_with_changes(seed)
    falls = [(n, r) for n, _, r in truth if r < 0]
    if not falls:
        return
    name, rate = min(falls, key=lambda p: p[1])
    a = ask("测试局2024年法院（款）下哪个项级科目比上年降幅最大", facts)
    assert a is not None and a.found
    assert name in a.text and f"{abs(rate):g}" in a.text.replace(",", "")
    assert "-" not in a.text  # a fall is said as a fall, not as a negative figure


def test_rows_equal_to_their_initial_budget_are_counted():
    facts = []
    for i, (planned, spent) in enumerate([(10, 10), (20, 18.5), (0.94, 0.94), (258.5, 258.5), (30, 31)]):
        name = f"科目{'甲乙丙丁戊'[i]}"
        facts += [cell(name, f"20101{i + 1:02d}", "合计", spent),
                  said(name, "年初预算数", planned, quote=f"{name}年初预算为{planned}万元，支出决算为{spent}万元。"),
                  said(name, "决算数", spent, quote=f"{name}年初预算为{planned}万元，支出决算为{spent}万元。")]
    a = ask("测试局2024年项级科目中，决算与年初预算持平的有几个", facts)
    assert a is not None and a.figures[0].value == 3
    assert all(n in a.text for n in ("科目甲", "科目丙", "科目丁"))


def test_projects_are_ranked_by_their_execution_rate_and_standing_items_are_not_projects():
    facts = [said("公务接待费", "执行率", 0.0, "%"), said("因公出国（境）费", "执行率", 0.0, "%")]
    for name, rate in [("征缴工作经费项目", 18.5), ("医疗救助配套资金", 100.0), ("网络运行维护费", 100.0), ("特殊人群保障经费", 94.2)]:
        facts += [said(name, "完成预算率", rate, "%")]
    low = ask("测试局2024年哪个项目执行率最低", facts)
    assert low is not None and "征缴工作经费项目" in low.text and "18.5" in low.text
    full = ask("测试局2024年的项目中完成预算100%的有几个", facts)
    assert full is not None and full.figures[0].value == 2


def test_a_科目_the_narrative_marks_and_a_funds_total_are_no_projects():
    """A final account states 行政运行（项）'s and the whole 一般公共预算财政拨款支出's completion rate beside its
    projects': counting projects under 90% counts neither."""
    facts = [said("一般公共预算财政拨款支出", "完成预算率", 70.8, "%"),
             said("行政运行", "完成预算率", 70.8, "%", quote="一般公共服务支出（类）财政事务（款）行政运行（项）。完成年初预算的70.8%")]
    for name, rate in [("征缴工作经费", 18.5), ("个人账户资金", 77.0), ("特殊人群保障经费", 94.2), ("救助资金", 100.0)]:
        facts += [said(name, "完成预算率", rate, "%")]
    low = ask("测试局2024年的项目中执行率低于90%的有几个", facts)
    assert low is not None and low.figures[0].value == 2 and "行政运行" not in low.text


@pytest.mark.parametrize("text, expected", [
    ("有几个项级科目比上年减少", Threshold("lt", reference="上年数")),
    ("哪些科目与上年相比有所增加", Threshold("gt", reference="上年数")),
    ("决算与年初预算持平的有几个", Threshold("eq", reference="年初预算数")),
    ("完成预算100%的项目有几个", Threshold("eq", 100.0, "%", "rate")),
    ("预算全部执行完（执行率100%）的有几个", Threshold("eq", 100.0, "%", "rate")),  # the figure said in brackets
    ("项级科目里有几个因压减10%而减少", Threshold("eq", 10.0, "%", "rate")),  # the rows a cut of that rate reduced
    ("项级科目里有几个因压减而减少", Threshold("lt", reference="上年数")),  # a change said alone: against last year
    ("增加的有哪些科目", Threshold("gt", reference="上年数")),
    ("7个项目里有几个拿了满分", Threshold("eq", 100.0, "分", "count")),
    ("哪些单位在职人数比编制数还多", Threshold("gt", reference="编制数")),  # another column of the same rows
    ("有几个项级科目年初预算为0", Threshold("eq", 0.0, "万元", "amount", column="年初预算数")),  # a bound on another column
    ("年初没有预算、年中追加的科目有几个", Threshold("eq", 0.0, "万元", "amount", column="年初预算数")),
    ("年初未安排预算的项目有哪些", Threshold("eq", 0.0, "万元", "amount", column="年初预算数")),
    ("与上年相比“减少100%”的项级科目有几个", Threshold("eq", 100.0, "%", "rate")),  # a change of that rate
    ("有几项支出刚好花完（完成100%）？", Threshold("eq", 100.0, "%", "rate")),  # the figure after the word for it
    ("法院（款）下面各项里，有几项和上年预算一样没变？", Threshold("eq", reference="上年数")),  # the reference's kind said
    # one row asked for by a sign alone: the rows of that sign, as 哪几个 asks them
    ("减少的是哪个？", Threshold("lt", reference="上年数")),
    ("哪一项减少了？", Threshold("lt", reference="上年数")),
    ("增加的科目是哪个", Threshold("gt", reference="上年数")),
])
def test_a_row_condition_without_a_threshold_word(text, expected):
    assert row_condition(text) == expected


@pytest.mark.parametrize("text", ["案件审判支出比上年减少了多少", "执行率是100%吗", "2019年比2018年增加了多少",
                                  "减少最多的是哪个", "哪个项目增加了多少"])
def test_no_row_condition_unless_rows_are_counted_or_listed(text):
    assert row_condition(text) is None


def test_rows_of_one_table_sharing_a_name_are_separate_items_with_their_total():
    facts = [cell("会议服务", None, "合计", v, table="政府采购预算表", page=p) for v, p in ((1035.0, 12), (113.63, 13), (206.1, 13))]
    facts = [Fact(f.doc_id, f.subject, f.measure, f.value, f.unit, f"会议服务 分散采购 {f.value:,.2f}", f.table, None, f.page)
             for f in facts]
    got = statements_for("d", facts, ["会议服务"], ["合计"], True)
    assert not any(s.conflict for s in got)
    assert [s.value for s in got] == [1035.0, 113.63, 206.1, 1354.73]
    assert got[-1].formula == "1035.00 + 113.63 + 206.10"


def test_a_table_and_the_narrative_disagreeing_is_still_a_conflict():
    facts = [cell("职业年金缴费", "2080506", "决算数", 257.14), said("职业年金缴费", "决算数", 245.53)]
    got = statements_for("d", facts, ["职业年金缴费"], ["决算数"], True)
    assert len(got) == 2 and all(s.conflict for s in got)


def test_coded_rows_sharing_a_name_are_separate_items():
    facts = [said("行政运行", "决算数", v) for v in (3756.19, 144.62)]
    facts = [Fact(f.doc_id, f.subject, f.measure, f.value, f.unit, f.quote, None, code, 1)
             for f, code in zip(facts, ("2010301", "2012601"))]
    got = statements_for("d", facts, ["行政运行"], ["决算数"], True)
    assert [s.value for s in got] == [3756.19, 144.62, 3900.81] and not any(s.conflict for s in got)


def test_a_row_read_in_the_table_the_question_names():
    facts = [cell("福利费", "30229", "合计", 423360.0, "元", table="2025年部门一般公共预算基本支出经济分类预算表"),
             cell("福利费", "30229", "合计", 500.0, "元", table="项目支出经济分类预算表"),
             cell("办公费", "30201", "合计", 1000.0, "元", table="2025年部门一般公共预算基本支出经济分类预算表")]
    got = match_in_table("一般公共预算基本支出中福利费", facts)
    assert got is not None and got[0].subjects == ("福利费",) and "基本支出" in got[1]
    assert match_in_table("福利费", facts) is None  # no table named: nothing to choose by


def test_of_two_tables_the_question_names_alike_the_one_of_all_spending_answers_unless_a_part_is_named():
    """`一般公共预算会议费`: the 一般公共预算 table of all spending (320000), not the 基本支出 one (10000) whose title
    repeats the same words; `一般公共预算基本支出会议费` is the latter's."""
    facts = [cell("会议费", "30215", "合计", 10000.0, "元", table="一般公共预算基本支出明细表（按支出经济分类）"),
             cell("会议费", "30215", "合计", 320000.0, "元", table="一般公共预算支出明细表（按支出经济分类科目）")]
    assert "基本支出" not in match_in_table("当年一般公共预算会议费", facts)[1]
    assert "基本支出" in match_in_table("一般公共预算基本支出会议费", facts)[1]


def test_a_total_asked_of_the_table_its_words_name_is_its_total_row():
    table = "2019年政府采购预算表"
    facts = [cell("合计", None, "合计", 1422.5, "万元", table=table), cell("货物", None, "合计", 84.0, "万元", table=table),
             cell("合计", None, "预算数", 27664.22, "万元", table="收支预算总表")]
    got = match_in_table("政府采购预算总额", facts)
    assert got is not None and got[0].subjects == ("合计",) and got[1] == table
    assert match_in_table("政府采购预算里的印刷费", facts) is None  # a row it does not hold: no total for it
    bought = "预算11表财政拨款政府购买服务明细表"
    services = [cell("合计", None, "预算数", 3756.18, "万元", table=bought), cell("审计服务", None, "预算数", 70.0, "万元", table=bought)]
    got = match_in_table("财政拨款政府购买服务预算合计", services)  # (预算 names the column, no row)
    assert got is not None and got[0].subjects == ("合计",)


def test_a_row_named_after_the_tables_words_and_a_context_word_is_read_in_that_table():
    table = "2019年政府采购预算表 公开表十二"
    facts = [cell("江苏省第十三届人代会二次会议经费会议费", None, "合计", 1035.0, "万元", table=table),
             cell("会议服务", None, "合计", 1035.0, "万元", table=table),
             cell("第十三届人代会二次会议专项经费", None, "预算数", 200.0, "万元", table=None)]
    got = match_in_table("政府采购预算中十三届人代会二次会议经费安排", facts)
    assert got is not None and got[0].subjects == ("江苏省第十三届人代会二次会议经费会议费",)


def test_a_quoted_name_is_excluded_up_to_its_closing_quote():
    assert find_excluded("机关运行经费支出表中，除“其他商品和服务支出”外哪项最多") == ("其他商品和服务支出",)


def test_how_many_items_add_up_to_asks_an_amount():
    assert answer_shape("几个“行政运行”科目加起来一共多少")[1] == "amount"
    assert answer_shape("有几个项目超过100万元")[1] == "count"
    assert answer_shape("编报绩效目标的项目有几个？涉及多少钱？")[1] == "count"


def test_last_years_figure_from_this_years_amount_and_the_change_said_next():
    from qa.answer.previous import _from_change

    amount = said("收入总计", "预算数", 68632.12, quote="2025年本单位收入预算68632.12万元，其中…", page=6)
    change = said("收入总计", "增减额", -1316.82, quote="收入较去年减少1316.82万元，下降1.88%。", page=6)
    got = _from_change("收入总计", [amount, change])
    assert got is not None and got.value == pytest.approx(69948.94) and got.facts == (amount, change)
    elsewhere = said("收入总计", "预算数", 68632.12, quote="收入预算68632.12万元", page=2)
    assert _from_change("收入总计", [elsewhere, change]) is None  # not said with the change: not read as its base


def test_a_table_of_projects_printed_again_on_each_page_ranks_each_project_once():
    table = "单位编码 单位（项目）名称 资金总额 绩效目标"
    rows = [("测试局", 4000.0, 1), ("项目甲", 1000.0, 1), ("项目甲", 1000.0, 2), ("项目乙", 2500.0, 2),
            ("项目乙", 2500.0, 3), ("项目丙", 500.0, 3)]
    facts = [cell(n, None, "资金总额", v, table=table, page=p) for n, v, p in rows]
    a = ask("测试局2024年哪个项目预算最多", facts, [doc(department="测试局")])
    assert a is not None and "项目乙" in a.text and "4000" not in a.text  # the unit's own row is no project
    count = ask("测试局2024年有几个项目", facts, [doc(department="测试局")])
    assert count is not None and count.figures[0].value == 3


def test_a_table_of_one_column_is_ranked_in_that_column_and_its_unit():
    facts = [cell(n, None, "自评分数", v, unit="分", table="项目名称 自评分数") for n, v in
             (("质量抽检", 100.0), ("专家经费", 96.53), ("开办经费", 97.87), ("规划研究", 100.0))]
    low = ask("测试局2024年哪个项目绩效自评分最低", facts)
    assert low is not None and "专家经费" in low.text and "96.53分" in low.text
    full = ask("测试局2024年项目绩效自评里得满分100分的有几个", facts)
    assert full is not None and full.figures[0].value == 2


def test_a_share_of_a_count_is_taken_of_a_count_in_the_same_unit():
    facts = [said("全区参保", "人数", 95.72, "万人"), said("城乡居民医保参保", "人数", 80.65, "万人"),
             said("医保基金筹资规模", "决算数", 8.34, "亿元")]
    a = ask("测试局2024年城乡居民医保参保人数占全区参保人数的比例", facts)
    assert a is not None and "84.26%" in a.text and "80.65 ÷ 95.72" in a.text


def test_words_that_name_a_measure_are_not_the_reports_kind_or_an_ask_for_actual_spending():
    from qa.search.query import parse_question
    from qa.search.scope import find_kinds

    assert find_kinds("某工作部2024年事业运行完成了全年预算的百分之多少？") == ()
    assert [k.value for k in find_kinds("某局2024年决算的基本支出")] == ["决算"]
    assert not parse_question("某局2026年预算跟上年执行数比变化了多少？").asks_actual
    assert parse_question("某局2024年的执行数是多少").asks_actual


def test_which_three_asks_for_three():
    from qa.search.operation_words import find_n

    assert find_n("公用经费里哪三个科目花得最多") == 3


def test_rows_of_a_named_classification_and_lines_of_spending():
    facts = []
    for name, code, change in (("一般行政管理事务", "2070102", -28.98), ("电影", "2070604", -22.2),
                               ("群众文化", "2070109", 12.0), ("公务接待费", "30217", -1.5)):
        facts += [cell(name, code, "预算数", 100.0), said(name, "增减额", change, quote=f"{name}支出比上年变化{change}万元。")]
    a = ask("测试局2024年各功能科目里，比上年减少的有哪几项？", facts)
    assert a is not None and a.figures[0].value == 2 and "公务接待费" not in a.text


def test_the_mean_over_rows_shows_its_sum_and_count():
    facts = [cell(n, None, "自评分数", v, unit="分", table="项目名称 自评分数") for n, v in
             (("质量抽检", 100.0), ("专家经费", 96.53), ("开办经费", 97.87), ("规划研究", 100.0))]
    a = ask("测试局2024年项目自评分数的平均分是多少", facts)
    assert a is not None and "98.6分" in a.text and "394.4 ÷ 4" in a.text
    assert parse_operation("平均每接待一人次花多少钱").function != "avg"  # a ratio, not a mean over rows


def narrative_items_and_projects(n_items: int = 5, n_projects: int = 3) -> list[Fact]:
    """科目 the narrative states with their 年初预算 and 决算 (half over budget), and evaluated projects with
    their own 全年预算 and 执行数 (every project over its budget)."""
    facts = []
    for i in range(n_items):
        name, code = f"事务{chr(0x4e00 + i)}{i}", f"20105{i + 1:02d}"
        budget, actual = 100.0 + i, 100.0 + i + (5 if i % 2 else -5)
        quote = f"{name}（项）。年初预算为{budget}万元，支出决算为{actual}万元。"
        facts += [cell(name, code, "决算数", actual),
                  said(name, "年初预算数", budget, quote=quote), said(name, "决算数", actual, quote=quote)]
    for j in range(n_projects):
        name = f"专项{chr(0x4e80 + j)}{j}"
        quote = f"{name}：年初预算数为50万元，全年预算数为60万元，执行数为70万元。"
        facts += [said(name, "年初预算数", 50.0, quote=quote), said(name, "决算数", 70.0, quote=quote)]
    return facts


def test_the_size_the_question_gives_picks_科目_called_项目_over_the_projects():
    """`5个项目里有几个决算超过了年初预算`: the report states 5 科目 and 3 projects; the user calls the 科目 项目."""
    facts = narrative_items_and_projects(5, 3)
    a = ask("测试局2024年财政拨款支出的5个项目里，有几个决算超过了年初预算？", facts)
    assert a is not None and a.figures[0].value == 2  # the 科目 over budget (i = 1, 3)
    a = ask("测试局2024年有几个项目决算超过了年初预算？", facts)
    assert a is not None and a.figures[0].value == 3  # no size given: the projects


def test_a_row_is_compared_with_its_reference_in_the_same_sentence():
    """住房公积金 is a 功能 项 (narrative: 年初预算 = 决算 = 116.74) and an 经济 款 of another amount (119.55):
    the 决算 compared with the sentence's 年初预算 is the sentence's own."""
    quote = "住房公积金（项）。年初预算为116.74万元，支出决算为116.74万元。"
    other = "（项）。年初预算为10万元，支出决算为12万元。"
    facts = [cell("住房公积金", "30113", "决算数", 119.55, table="基本支出决算明细表"),
             said("住房公积金", "年初预算数", 116.74, quote=quote), said("住房公积金", "决算数", 116.74, quote=quote),
             said("行政运行", "年初预算数", 10.0, quote="行政运行" + other), said("行政运行", "决算数", 12.0, quote="行政运行" + other)]
    a = ask("测试局2024年有几个科目决算和年初预算一样？", facts)
    assert a is not None and a.figures[0].value == 1 and "住房公积金" in a.text


def test_standing_items_stated_with_a_budget_are_no_科目_rows():
    """公务接待费 stated with its 年初预算 beside coded 科目 is not counted among them, unless named."""
    quote = "公务接待费年初预算为3万元，支出决算为3万元。"
    facts = [cell("行政运行", "2010101", "决算数", 10.0), said("行政运行", "年初预算数", 10.0), said("行政运行", "决算数", 10.0),
             cell("机关服务", "2010102", "决算数", 12.0), said("机关服务", "年初预算数", 11.0), said("机关服务", "决算数", 12.0),
             said("公务接待费", "年初预算数", 3.0, quote=quote), said("公务接待费", "决算数", 3.0, quote=quote)]
    a = ask("测试局2024年有几项支出决算和年初预算一样？", facts)
    assert a is not None and a.figures[0].value == 1 and "公务接待费" not in a.text


def test_a_ranking_by_a_rate_no_row_states_is_not_made_by_amounts():
    facts = [cell("行政运行", "2010101", "预算数", 10.0), cell("机关服务", "2010102", "预算数", 12.0)]
    assert ask("测试局2024年哪个科目执行率最低？", facts) is None


def test_last_years_figure_from_the_amount_the_printed_rate_agrees_with():
    """Two amounts of the item on the change's page: this year's is the one the printed rate agrees with
    (a 决算 report's 年初预算数 on the page is no base of its change either)."""
    from qa.answer.previous import _from_change

    quote = "与2023年度相比，收入支出总计减少56.95万元，下降1.87%。"
    total = said("收入支出总计", "决算数", 2995.39, quote="2024年度收入支出总计2995.39万元。", page=21)
    other = said("收入支出总计", "决算数", 0.3, quote="2024年度财政拨款收入支出总计0.3万元。", page=21)
    change = said("收入支出总计", "增减额", -56.95, quote=quote, page=21)
    rate = said("收入支出总计", "增减率", -1.87, "%", quote=quote, page=21)
    got = _from_change("收入支出总计", [total, other, change, rate])
    assert got is not None and got.value == pytest.approx(3052.34) and got.facts == (total, change)
    assert _from_change("收入支出总计", [total, other, change]) is None  # no rate: which one changed is not said
    quote = "与2022年度相比，一般公共预算财政拨款支出增加143.04万元，增长13.2%。"
    spent = said("支出", "决算数", 1228.72, quote="支出1228.72万元。", page=3)
    budget = said("支出", "年初预算数", 995.27, quote="支出年初预算为995.27万元，支出决算为1228.72万元。", page=3)
    got = _from_change("支出", [spent, budget, said("支出", "增减额", 143.04, quote=quote, page=3),
                                said("支出", "增减率", 13.2, "%", quote=quote, page=3)])
    assert got is not None and got.value == pytest.approx(1085.68)


def test_rows_equal_to_their_budget_are_counted_when_asked_of_the_项():
    facts = []
    for i, (budget, spent) in enumerate(((10.0, 10.0), (0.94, 0.94), (300.0, 280.5), (258.5, 258.5), (50.0, 61.0))):
        code = f"20106{i + 1:02d}"
        facts += [cell(f"事务{i}", code, "年初预算数", budget), cell(f"事务{i}", code, "决算数", spent)]
    for question in ("测试局2024年决算数和年初预算完全一样的项有几个？", "测试局2024年决算数与年初预算持平的科目有几个？"):
        a = ask(question, facts)
        assert a is not None and a.figures[0].value == 3, question


def test_科目_rows_are_counted_without_the_projects_and_三公_items_stated_beside_them():
    """A final account's narrative explains each 项 (coded in its tables) and, later, its projects' and 三公
    items' execution; `支出各项中完成年初预算不到90%的` counts the 科目 only, not a 经济分类 row either."""
    facts = []
    for i, (budget, spent) in enumerate(((100.0, 0.8), (200.0, 177.74), (50.0, 49.5), (80.0, 58.62))):
        name, code = f"事务{i}", f"20140{i + 1:02d}"
        quote = f"{name}（项）年初预算为{budget}万元，支出决算为{spent}万元，完成年初预算的{round(spent / budget * 100, 2)}%。"
        facts += [cell(name, code, "决算数", spent), said(name, "年初预算数", budget, quote=quote),
                  said(name, "决算数", spent, quote=quote), said(name, "执行率", round(spent / budget * 100, 2), "%", quote=quote)]
    facts += [said("信息化运行维护", "执行率", 61.0, "%"), said("研究宣传专项", "执行率", 70.0, "%"),
              cell("公务接待费", "30217", "决算数", 0.5), said("公务接待费", "执行率", 20.0, "%")]
    a = ask("测试局2024年财政拨款支出各项中，完成年初预算不到90%的有几项？", facts)
    assert a is not None and a.figures[0].value == 3 and "信息化" not in a.text and "公务接待费" not in a.text


def test_the_column_a_question_names_is_summed_over_the_evaluated_projects():
    facts = []
    for name, budget, spent in (("项目甲", 600.0, 600.0), ("项目乙", 400.0, 376.91), ("项目丙", 2141.0, 2014.64)):
        facts += [said(name, "全年预算数", budget), said(name, "执行数", spent), said(name, "执行率", 95.0, "%")]
    a = ask("测试局2024年3个绩效自评项目的执行数加起来是多少？", facts)
    assert a is not None and a.figures[0].value == pytest.approx(2991.55)
    a = ask("测试局2024年3个绩效自评项目的全年预算数加起来是多少？", facts)
    assert a is not None and a.figures[0].value == pytest.approx(3141.0)


def budget_rows() -> list[Fact]:
    """项 rows a final account's narrative explains with their 年初预算数 and 决算数 (the change against last year
    printed too, to be left aside when the budget is the basis asked)."""
    facts = []
    for i, (budget, spent, change) in enumerate(((2457.85, 1788.46, -50.0), (0.0, 497.53, 497.53),
                                                 (1200.0, 1150.0, -300.0), (80.0, 95.5, 10.0))):
        name, code = f"事务{i}", f"20140{i + 1:02d}"
        quote = f"{name}（项）。年初预算为{budget}万元，支出决算为{spent}万元，比上年增加{change}万元。"
        facts += [cell(name, code, "决算数", spent), said(name, "年初预算数", budget, quote=quote),
                  said(name, "决算数", spent, quote=quote), said(name, "增减额", change, quote=quote)]
    return facts


@pytest.mark.parametrize("question, subject, value", [
    ("测试局2024年哪个科目比年初预算节约最多？", "事务0", 669.39),
    ("测试局2024年哪个科目决算比年初预算超出最多？", "事务1", 497.53),
    ("测试局2024年哪个项级科目决算数与年初预算差距最大？", "事务0", 669.39),
])
def test_rows_ranked_by_their_difference_from_the_budget_when_the_question_names_that_basis(question, subject, value):
    a = ask(question, budget_rows())
    assert a is not None and subject in a.text and a.figures[0].value == pytest.approx(value)
    assert "比年初预算" in a.text or "与年初预算" in a.text


def test_rows_below_their_budget_are_counted_when_asked_as_less_than_it():
    a = ask("测试局2024年决算比年初预算少的科目有几个？", budget_rows())
    assert a is not None and a.figures[0].value == 2


def test_a_change_printed_as_zero_gives_last_year_only_when_the_sentence_says_the_years_are_the_same():
    from qa.answer.previous import _from_change

    quote = "其中：一般公共预算财政拨款收入1668.14万元，比上年决算数相比变化0万元，增长0%。"  # a unit new this year
    facts = [said("收入", "决算数", 1668.14, quote=quote), said("收入", "增减额", 0.0, quote=quote)]
    assert _from_change("收入", facts) is None
    quote = "会议费预算12.5万元，与上年持平，增加0万元。"
    facts = [said("会议费", "预算数", 12.5, quote=quote), said("会议费", "增减额", 0.0, quote=quote)]
    got = _from_change("会议费", facts)
    assert got is not None and got.value == 12.5


def _with_a_fallen_item(seed: int) -> list[Fact]:
    """The rows of items_with_changes under 类 204, and a 项 the tables leave out (no money this year): the
    narrative marks it under its 款 and states its fall."""
    facts, _ = items_with_changes(seed)
    quote = "法院（款）已停办事务（项）支出0万元，与上年相比减少500万元，减少100%。"
    return [cell("公共安全支出", "204", "预算数", 1.0)] + facts + [
        said("已停办事务", "预算数", 0.0, quote=quote), said("已停办事务", "增减额", -500.0, quote=quote),
        said("已停办事务", "增减率", -100.0, "%", quote=quote)]


@pytest.mark.parametrize("seed", range(4))
def test_a_row_the_tables_leave_out_counts_under_the_kuan_the_narrative_names(seed):
    facts, truth = items_with_changes(seed)
    fell = [n for n, change, _ in truth if change < 0]
    a = ask("测试局2024年公共安全支出各项中，比上年减少的有几项？", _with_a_fallen_item(seed))
    # (其他款里的项, 2040601, falls too: it is under 类 204 as well)
    assert a is not None and a.figures[0].value == len(fell) + 2 and "已停办事务" in a.text


@pytest.mark.parametrize("seed", range(4))
def test_rows_still_budgeted_leave_out_one_fallen_to_zero(seed):
    a = ask("测试局2024年公共安全支出中仍有预算的项级科目，哪个比上年降幅最大", _with_a_fallen_item(seed))
    b = ask("测试局2024年公共安全支出中的项级科目，哪个比上年降幅最大", _with_a_fallen_item(seed))
    assert a is not None and "已停办事务" not in a.text
    assert b is not None and "已停办事务" in b.text


def test_the_row_most_over_its_budget_is_ranked_by_how_far_over():
    from .test_operations import ask, cell

    facts = [cell("行政运行", "2013001", "年初预算数", 100.0), cell("行政运行", "2013001", "决算数", 150.0),
             cell("城乡医疗救助", "2013002", "年初预算数", 788.0), cell("城乡医疗救助", "2013002", "决算数", 995.33),
             cell("事业运行", "2013003", "年初预算数", 900.0), cell("事业运行", "2013003", "决算数", 800.0)]
    a = ask("测试局2024年哪个科目超出年初预算最多？超了多少？", facts)
    assert a is not None and "城乡医疗救助" in a.text and "207.33" in a.text


def test_a_condition_on_a_rate_counts_the_rows_that_state_one_not_a_sentences_list_of_amounts(index_of):
    import qa
    from tests.conftest import tiny_report

    body = ("本年开展项目绩效自评100%（部门支出总额1180万元），其中：基本支出1000万元、项目支出180万元。\n"
            "1.甲项目绩效自评综述：项目全年预算数为100万元，执行数为100万元，完成预算的100%。\n"
            "2.乙项目绩效自评综述：项目全年预算数为50万元，执行数为40万元，完成预算的80%。\n"
            "3.丙项目绩效自评综述：项目全年预算数为30万元，执行数为30万元，完成预算的100%。\n")
    settings = index_of({"r.txt": tiny_report("武汉市江岸区", 2023, body)})
    a = qa.ask("江岸区2023年3个绩效自评项目中，执行率100%的有几个？", settings=settings)
    assert a.found and "共 2 个" in a.text and "乙项目" not in a.text.split("：", 1)[-1]


@pytest.mark.parametrize("seed", range(6))
def test_a_row_ranked_by_one_figure_of_its_change_states_the_other_its_sentence_gives(seed):
    facts, truth = items_with_changes(seed)
    falls = [(n, c, r) for n, c, r in truth if c < 0]
    if not falls:
        return
    name, change, rate = min(falls, key=lambda t: t[2])  # the largest fall by rate
    a = ask("测试局2024年法院（款）下各项支出里，降幅最大的是哪一项？降了多少？", facts)
    assert a is not None and name in a.text and f"减少 {format_value(abs(change))}万元" in a.text


@pytest.mark.parametrize("seed", range(6))
def test_rows_with_no_initial_budget_are_counted_by_that_column_not_their_own(seed):
    rng = random.Random(seed)
    facts, unbudgeted = [], []
    for i in range(rng.randint(4, 8)):
        name, code = f"事务{chr(0x4e00 + 50 * seed + i)}{i}", f"2080{i + 1:03d}"
        planned = 0.0 if rng.random() < 0.4 else round(rng.uniform(10, 900), 2)
        spent = 0.0 if planned and rng.random() < 0.3 else round(rng.uniform(1, 900), 2)
        quote = f"{code} {name} {planned:,.2f} {spent:,.2f}"
        facts += [Fact("d", name, "年初预算数", planned, "万元", quote, "支出决算表", code, 3),
                  Fact("d", name, "决算数", spent, "万元", quote, "支出决算表", code, 3)]
        if planned == 0 and spent != 0:
            unbudgeted.append(name)
    # (a row with nothing in either column is a blank line of the template)
    facts += [Fact("d", "空行", m, 0.0, "万元", "2089999 空行 0.00 0.00", "支出决算表", "2089999", 3)
              for m in ("年初预算数", "决算数")]
    a = ask("测试局2024年有几个项级科目年初预算为0、但年底有支出？", facts)
    assert a is not None and a.found and a.figures[0].value == len(unbudgeted)
    assert "年初预算数 = 0" in a.text
    a = ask("测试局2024年年初没安排预算的项级科目有几个", facts)
    assert a.figures[0].value == len(unbudgeted)


@pytest.mark.parametrize("seed", range(4))
def test_rows_whose_change_is_a_stated_rate_are_counted(seed):
    facts, truth = items_with_changes(seed)
    name, change, rate = truth[0]
    a = ask(f"测试局2024年法院（款）下有几个项级科目与上年相比减少{abs(rate):g}%？", facts)
    falls = [n for n, _, r in truth if r < 0 and abs(abs(r) - abs(rate)) < 0.005]
    assert a is not None and a.found and a.figures[0].value == len(falls)


def test_a_printed_rate_ranked_is_shown_with_the_figures_that_give_it():
    """A 自评表 prints 年初预算数, 全年预算数, 执行数 and 执行率 on one line; the rate is of the 全年预算数 (63.01%), not
    of the 年初预算数 beside it (63.04%): those two figures are its inputs, shown with it."""
    table = "项目绩效自评表"
    facts = []
    for name, first, full, spent in (("信息化运行维护", 1638.67, 1639.34, 1032.99), ("业务运转", 500.0, 500.0, 480.0)):
        line = f"年度资金总额： {first} {full} {spent} 10.0 {spent / full * 100:.2f}% 6.3"
        facts += [Fact("d", name, m, v, "万元", line, f"{name}{table}", None, 3)
                  for m, v in (("年初预算数", first), ("全年预算数", full), ("执行数", spent))]
        facts.append(Fact("d", name, "完成预算率", round(spent / full * 100, 2), "%", line, f"{name}{table}", None, 3))
    a = ask("测试局2024年哪个项目执行率最低？", facts)
    assert a is not None and "信息化运行维护 63.01%" in a.text
    assert "全年预算数 1639.34" in a.text and "执行数 1032.99" in a.text and "1638.67" not in a.text


def test_a_row_the_narrative_marks_under_a_kuan_named_is_one_of_its_rows():
    """`普通教育（款）其他普通教育支出（项）支出0万元，与上年相比减少1,591万元`: a 项 the tables leave out, marked by the
    narrative under the 款 the question names, is counted among that 款's 项 that fell."""
    from .test_operations import cell
    facts = [cell("普通教育", "20502", "预算数", 500.0), cell("学前教育", "2050201", "预算数", 150.0),
             cell("小学教育", "2050202", "预算数", 350.0), cell("高等教育", "2050205", "预算数", 10000.0)]
    for name, change in (("学前教育", -20.0), ("小学教育", -5.0), ("高等教育", 9000.0)):
        facts.append(said(name, "增减额", change, quote=f"普通教育（款）{name}（项）支出，与上年相比变化{change}万元。"))
    quote = "8.普通教育（款）其他普通教育支出（项）支出0万元，与上年相比减少1,591万元，减少100%。"
    facts += [said("其他普通教育支出", "预算数", 0.0, quote=quote), said("其他普通教育支出", "增减额", -1591.0, quote=quote)]
    a = ask("测试局2024年普通教育（款）下有几个项比上年减少？", facts)
    assert a is not None and a.figures[0].value == 3 and "其他普通教育支出" in a.text


def test_a_later_question_picking_rows_by_its_own_condition_is_read_without_the_first_ones():
    """…项级科目里，跟上年持平的有几个？增加的是哪几个？: the second question reads the rows the first names (the clause
    before its condition), not the first one's condition, which would pick the same rows again."""
    from qa.answer.in_parts import _before_condition

    first = "人大办2018年人大事务项级科目里，跟上年持平的有几个？"
    assert _before_condition(first, "增加的是哪几个？") == "人大办2018年人大事务项级科目里，"
    assert _before_condition(first, "持平的是哪几个？") is None  # the same condition: the first one's rows
    assert _before_condition(first, "合计多少？") is None  # no condition of its own
    assert _before_condition("项级科目跟上年持平的有几个？", "增加的是哪几个？") is None  # rows and condition in one clause


def test_a_科目_only_the_narrative_states_is_a_row_though_no_level_is_asked():
    """A 项 fallen to 0 is left out of the tables; the narrative marks it 其他普通教育支出（项）. Asked of 科目 with no
    level (哪些科目比上年减少了100%, or 降到了0 said for it), it is one of the rows."""
    fell = "8.普通教育（款）其他普通教育支出（项）支出0万元，与上年相比减少1,591万元，减少100%。"
    less = "9.普通教育（款）小学教育（项）支出60万元，与上年相比减少10万元，减少14.29%。"
    facts = [cell("普通教育", "20502", "预算数", 100.0), cell("小学教育", "2050202", "预算数", 60.0),
             cell("初中教育", "2050203", "预算数", 40.0),
             said("其他普通教育支出", "预算数", 0.0, quote=fell), said("其他普通教育支出", "增减额", -1591.0, quote=fell),
             said("其他普通教育支出", "增减率", -100.0, "%", quote=fell),
             said("小学教育", "增减额", -10.0, quote=less), said("小学教育", "增减率", -14.29, "%", quote=less)]
    a = ask("测试局2024年哪些科目比上年减少了100%", facts)
    assert a is not None and a.found and "其他普通教育支出" in a.text and "小学教育" not in a.text
    from qa.search.query import said_in_full
    assert said_in_full("哪些项级科目的财政拨款预算降到了0？") == "哪些项级科目的财政拨款预算比上年减少了100%？"
    assert said_in_full("哪些科目从有变成0了？") == "哪些科目比上年减少了100%？"
    assert said_in_full("年初预算为0的有几个") == "年初预算为0的有几个"  # a bound on a column, no fall
