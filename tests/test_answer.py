"""Answers from facts: computed measures with formulas, conflicts flagged, comparisons, and the
grounding check that keeps every stated figure checkable against a cited quote."""
from __future__ import annotations

from dataclasses import replace

import pytest

import qa
from qa.answer.grounding import ground
from qa.eval.scoring import stated_figures
from qa.models import Answer, Citation, Fact, Figure

from .conftest import tiny_report


def values(text: str) -> set[float]:
    return {float(m.value) for m in stated_figures(text)}


@pytest.fixture(scope="module")
def small_index(index_of):
    return index_of({
        "east.txt": tiny_report("武汉市江岸区", 2023, (
            "5.卫生健康支出(类)医疗救助(款)城乡医疗救助(项)。年初预算为200万元，支出决算为150万元。\n"
            "2023年度机关运行经费支出7.78万元，比上年增加0.5万元。\n"
            "机关运行经费8.10万元，主要用于办公费。\n")),
        "west.txt": tiny_report("武汉市汉阳区", 2023, "2023年度机关运行经费支出12.5万元，比上年减少1.2万元。\n"),
    })


def test_unprinted_execution_rate_is_computed_with_its_formula(small_index):
    a = qa.ask("江岸区2023年城乡医疗救助执行率", settings=small_index)
    assert a.found and a.method == "facts"
    assert 75.0 in values(a.text)
    (rate,) = [f for f in a.figures if f.formula]
    assert rate.value == 75.0 and "150" in rate.formula and "200" in rate.formula


@pytest.fixture(scope="module")
def two_rates_index(index_of):
    said = "2023年度一般公共预算财政拨款支出年初预算为{}万元，支出决算为{}万元，完成年初预算的{}%。\n"
    return index_of({"east.txt": tiny_report("武汉市江岸区", 2023, said.format(200, 150, 75)),
                     "west.txt": tiny_report("武汉市汉阳区", 2023, said.format(100, 120, 120))})


def test_a_rate_asked_of_two_reports_is_each_ones_rate_and_they_differ_in_points(two_rates_index):
    a = qa.ask("江岸区和汉阳区2023年一般公共预算财政拨款支出完成年初预算的比例分别是多少？哪个更高？", settings=two_rates_index)
    assert a.found and {75.0, 120.0, 45.0} <= values(a.text) and "个百分点" in a.text
    assert not {150.0, 30.0} & values(a.text)  # (not the amounts spent, nor their difference)


def test_figures_that_disagree_within_a_report_are_both_shown_and_flagged(small_index):
    a = qa.ask("江岸区2023年机关运行经费", settings=small_index)
    assert {7.78, 8.10} <= values(a.text)
    assert "不一致" in a.text


def test_comparison_gives_one_row_per_report_and_names_the_higher(small_index):
    a = qa.ask("比较江岸区和汉阳区2023年机关运行经费，哪个更多", settings=small_index)
    assert {c.source for c in a.citations} == {"east.txt", "west.txt"}
    assert "汉阳区测试局更多" in a.text


def test_a_later_question_pointing_back_at_the_two_named_reads_them_in_the_first_questions_words(small_index):
    """`…相差多少？前者是后者的几倍？`: the second question names nothing itself; 前者 and 后者 are the two reports the
    first one named, in that order, and its operation (相差) is not asked again."""
    a = qa.ask("江岸区和汉阳区2023年机关运行经费相差多少？前者是后者的几倍？", settings=small_index)
    assert a.found and "4.72" in a.text and "0.62 倍" in a.text and "7.78 ÷ 12.5" in a.text


@pytest.mark.parametrize("question", ["江岸区2023年机关运行经费是汉阳区的几倍？两者差多少？",
                                      "江岸区2023年机关运行经费是汉阳区的几倍？相差多少？"])
def test_a_ratio_and_a_difference_asked_together_of_two_reports_give_both(small_index, question):
    a = qa.ask(question, settings=small_index)
    assert a.found and "0.62 倍" in a.text and "4.72" in a.text


def test_change_is_said_in_words_with_its_sign(small_index):
    a = qa.ask("汉阳区2023年机关运行经费比上年增减多少", settings=small_index)
    assert "减少 1.2" in a.text


def test_every_stated_figure_is_cited(small_index):
    for question in ("江岸区2023年城乡医疗救助执行率", "汉阳区2023年机关运行经费"):
        a = qa.ask(question, settings=small_index)
        quoted = set().union(*(values(c.quote) for c in a.citations))
        computed = {f.value for f in a.figures if f.formula}
        assert values(a.text) <= quoted | computed


def test_grounding_drops_a_figure_no_quote_supports():
    cited = Citation(source="r.txt", quote="支出决算为995.33万元，完成年初预算的126.3%。")
    forced = Answer(question="q", found=True, text="决算数：995.33万元。\n执行率：99.9%。",
                    figures=(Figure(995.33, "万元", "决算数"), Figure(99.9, "%", "执行率")), citations=(cited,))
    checked = ground(forced)
    assert "995.33" in checked.text and "99.9" not in checked.text
    assert "已删去" in checked.text
    assert [f.value for f in checked.figures] == [995.33]


def test_grounding_refuses_when_nothing_is_supported():
    cited = Citation(source="r.txt", quote="支出决算为995.33万元。")
    forced = Answer(question="q", found=True, text="执行率：42%。", figures=(Figure(42, "%", "执行率"),), citations=(cited,))
    checked = ground(forced)
    assert not checked.found and not checked.figures


def test_grounding_reads_the_title_of_the_cited_table_as_cited_text():
    """A project's 绩效指标 table is titled by the project (警务辅助人员经费（含市府机关大院30名）): an answer naming
    the table it read keeps its line, though the row's quote does not print the 30."""
    table = "警务辅助人员经费（含市府机关大院30名）绩效指标"
    cited = Citation(source="r.pdf", quote="招录辅警人员数量 500 人 ≥", page=32, table=table, row="招录辅警人员数量")
    a = Answer(question="q", found=True, text=f"招录辅警人员数量目标值（{table}）：500人。",
               figures=(Figure(500.0, "人", "招录辅警人员数量目标值"),), citations=(cited,))
    assert ground(a) == a
    assert not ground(replace(a, citations=(replace(cited, table=None),))).found


def test_grounding_keeps_a_shown_formula_result():
    cited = Citation(source="r.txt", quote="年初预算为200万元，支出决算为150万元。")
    a = Answer(question="q", found=True, text="执行率：75%（计算：决算数 150 ÷ 年初预算数 200）",
               figures=(Figure(75.0, "%", "执行率", formula="决算数 150 ÷ 年初预算数 200"),), citations=(cited,))
    assert ground(a) == a


def test_ranking_covers_every_row_of_the_table_and_cites_them(corpus_index):
    a = qa.ask("青山区2023年支出排名前三的科目", settings=corpus_index)
    assert a.found and a.method == "facts"
    assert [f.value for f in a.figures] == [995.33, 103.53, 101.78]
    assert len(a.citations) == 3 and all("2101" in c.quote for c in a.citations)


def test_project_count_is_computed_and_shows_what_it_counted(corpus_index):
    a = qa.ask("青山区医保局2023年有多少个项目", settings=corpus_index)
    (count,) = a.figures
    assert count.value == 7 and count.formula.startswith("计数") and "城乡医疗救助" in count.formula
    assert len(a.citations) == 7


def test_sum_over_reports_shows_its_formula(small_index):
    a = qa.ask("江岸区和汉阳区2023年机关运行经费合计", settings=small_index)
    total = [f for f in a.figures if f.formula and "+" in f.formula]
    assert total and "合计" in a.text


def test_a_list_run_together_with_pause_marks_opens_a_list():
    from qa.answer.lists import opens_list

    assert opens_list("从预算单位构成看，本局预算包括：局本级预算、局属休养所预算、局属陵园管理所预算和服务中心预算。")
    assert not opens_list("本局预算包括基本支出和项目支出。")


def test_list_marker_and_list_opening_are_recognised():
    from qa.answer.lists import _item_marker, opens_list

    assert [_item_marker(t) for t in ("- 1、甲", "2、乙", "（三）丙", "十二、丁", "(4) 戊")] == [
        (0, 1), (0, 2), (3, 3), (2, 12), (1, 4)]
    assert _item_marker("2024 年度决算") is None and _item_marker("1.5万元") is None
    assert opens_list("下属单位包括：- 1、甲中心- 2、乙中心") and opens_list("下属单位包括：1、甲中心2、乙中心")
    assert opens_list("主要职责如下：（一）负责甲。（二）负责乙。")
    assert not opens_list("由机关及下属 2 个二级单位组成，其中：行政单位 1 个、事业单位 2 个。")
    assert not opens_list("部门决算表注：1. 本表反映部门的总收支。2. 本表金额单位转换时可能存在尾数误差。")


@pytest.fixture(scope="module")
def list_index(index_of):
    body = (
        "二、机构设置情况\n"
        "从单位构成看，示例市北区测试局部门决算由本级决算和 2 个下属单位决算组成。纳入部门决算编制范围的二级预算单位包括：\n"
        "1、示例市北区测试服务中心\n"
        "2、示例市北区测试核查中心\n"
        "第二部分 示例市北区测试局2023年度部门决算表\n"
        "注：1. 本表反映部门本年度的总收支情况。2. 本表金额单位转换时可能存在尾数误差。\n"
        "（二）部门预算单位构成\n"
        "示例市北区测试局由机关及下属 2 个二级单位组成，其中：行政单位 1 个、事业单位 2 个。\n")
    return index_of({"north.txt": tiny_report("示例市北区", 2023, body)})


def test_which_question_answers_with_the_enumerated_list_and_stops_at_its_end(list_index):
    a = qa.ask("北区测试局下属有哪些单位", settings=list_index)
    assert a.found
    assert "示例市北区测试服务中心" in a.text and "示例市北区测试核查中心" in a.text
    assert "第二部分" not in a.text and "尾数误差" not in a.text
    (c,) = a.citations
    assert "示例市北区测试核查中心" in c.quote and c.lines and c.lines[1] > c.lines[0]


USES = ("（二）财政拨款支出决算具体情况",
        "2、一般公共服务支出（类）社会工作事务（款）事业运行（项）。主要用于：事业单位人员支出。",
        "全年预算为17.68万元，支出决算为11.31万元。",
        "3、一般公共服务支出（类）社会工作事务（款）其他社会工作事务支出（项）。主要用于：新建部门开办费、基层政权建设支出。",
        "全年预算为202.24万元，支出决算为202.24万元。",
        "4、社会保障和就业支出（类）行政事业单位养老支出（款）机关事业单位基本养老保险缴费支出（项）。主要用于：养老保险支出。")


def test_what_an_item_is_used_for_is_its_own_purposes_not_the_next_items(index_of):
    settings = index_of({"uses.txt": tiny_report("示例市南区", 2024, "\n".join(USES))})
    a = qa.ask("南区测试局2024年事业运行主要用在哪些方面？", settings=settings)
    assert a.found and "事业单位人员支出" in a.text
    assert "新建部门开办费" not in a.text and "17.68" not in a.text


@pytest.fixture(scope="module")
def column_index(index_of):
    body = (
        "支出决算表\n单位：万元\n科目编码 科目名称 本年支出合计 基本支出 项目支出\n合计 1,200.00 700.00 500.00\n"
        "2010101 行政运行 600.00 600.00\n2010102 一般行政管理事务 400.00 400.00\n2010199 其他支出 200.00 100.00 100.00\n"
        "基本支出700.00万元，项目支出500.00万元。\n"
    )
    return index_of({"r.txt": tiny_report("武汉市江岸区", 2023, body)})


def test_a_rows_column_is_answered_not_the_total_of_that_column(column_index):
    a = qa.ask("江岸区2023年一般行政管理事务的项目支出是多少", settings=column_index)
    assert a.found and 400.0 in values(a.text) and not values(a.text) & {500.0, 1200.0}
    a = qa.ask("江岸区2023年行政运行的基本支出是多少", settings=column_index)
    assert a.found and values(a.text) == {600.0}
    a = qa.ask("江岸区2023年其他支出的项目支出是多少", settings=column_index)
    assert a.found and values(a.text) == {100.0}


def test_a_total_asked_without_a_scope_also_gives_the_fiscal_allocations_total():
    from qa.answer.facts import _scoped_alternatives
    from qa.models import Fact

    held = [Fact("d", "收入总计", "预算数", 6256.31, "万元", "q"), Fact("d", "财政拨款收入总计", "预算数", 5973.01, "万元", "q")]
    assert _scoped_alternatives(["收入总计"], held, "2026年收入总计是多少") == ["财政拨款收入总计"]
    assert _scoped_alternatives(["收入总计"], held, "2026年财政拨款收入总计是多少") == []
    assert _scoped_alternatives(["三公经费"], held, "三公经费是多少") == []


@pytest.fixture(scope="module")
def next_year_index(index_of):
    body = ("2026年“三公”经费预算20.00万元，比上年减少5.00万元。机关运行经费预算12.00万元。\n"
            "存在的问题：2025 年调整预算数 300.00 万元，执行数 240.00 万元，执行率 80.00%。\n"
            "2026年培训费比2025年增加2.00万元，主要是培训人数增加。\n")
    return index_of({"r.txt": tiny_report("武汉市江岸区", 2026, body, kind="预算")})


def test_a_year_not_held_is_answered_from_the_next_reports_last_year_figures(next_year_index):
    a = qa.ask("江岸区测试局2025年三公经费预算是多少", settings=next_year_index)
    assert a.found and 25.0 in values(a.text) and 20.0 not in {f.value for f in a.figures}
    assert "上年" in a.text and any(f.formula for f in a.figures)
    a = qa.ask("江岸区测试局2025年机关运行经费是多少", settings=next_year_index)
    assert not a.found and "2025" in a.text  # the next year's own figure is never given for the year asked


def test_a_year_not_held_is_answered_from_a_sentence_of_the_next_report_naming_it(next_year_index):
    a = qa.ask("江岸区测试局2025年的预算执行率是多少？", settings=next_year_index)
    assert a.found and [f.value for f in a.figures] == [80.0] and "2025 年调整预算数" in a.citations[0].quote
    # a year named as the basis of a change states no figure of that year: 比2025年增加2.00 is 2026's change
    a = qa.ask("江岸区测试局2025年培训费是多少", settings=next_year_index)
    assert not a.found and 2.0 not in {f.value for f in a.figures}


def test_last_year_asked_after_a_change_is_the_items_上年_figure_and_relative_years_name_it(next_year_index):
    a = qa.ask("江岸区测试局2026年三公经费预算比上年少了多少？上年预算是多少？", settings=next_year_index)
    assert a.found and {-5.0, 25.0} <= {f.value for f in a.figures}
    a = qa.ask("江岸区测试局去年三公经费预算是多少", settings=next_year_index)
    assert a.found and 25.0 in {f.value for f in a.figures} and 20.0 not in {f.value for f in a.figures}
    # (是上年的几倍: a figure worked from the 上年 one, not the 上年 figure itself)
    a = qa.ask("江岸区测试局2026年三公经费预算比上年少了多少？是上年的几倍？", settings=next_year_index)
    assert a.found and {-5.0, 0.8} <= {f.value for f in a.figures}


@pytest.fixture(scope="module")
def wages_index(index_of):
    body = ("一般公共预算财政拨款基本支出决算表\n单位：万元\n科目编码 科目名称 决算数\n"
            "30101 基本工资 229.10\n30102 津贴补贴 208.10\n30103 奖金 140.82\n30107 绩效工资 516.73\n")
    return index_of({"wages.txt": tiny_report("武汉市黄陂区", 2024, body)})


@pytest.mark.parametrize("question", ["黄陂区测试局2024年基本工资、津贴补贴、奖金哪项最多？",
                                      "黄陂区测试局2024年工资那块，基本工资、津贴、奖金这几项，哪项钱最多？"])
def test_the_largest_of_the_rows_a_question_lists_by_name(wages_index, question):
    a = qa.ask(question, settings=wages_index)
    assert a.found and "基本工资" in a.text and 229.1 in {f.value for f in a.figures}
    assert 516.73 not in {f.value for f in a.figures}  # (绩效工资, larger, is not listed)


def test_items_of_one_report_added_up_when_asked(wages_index):
    a = qa.ask("黄陂区测试局2024年基本工资、津贴补贴和奖金加起来一共多少？", settings=wages_index)
    assert a.found and "578.02" in a.text and "229.1 + 208.1 + 140.82" in a.text


def test_the_share_of_a_sum_of_listed_items_is_taken_of_the_whole_a_later_clause_names(index_of):
    body = ("一般公共预算财政拨款基本支出决算表\n单位：万元\n科目编码 科目名称 决算数\n301 工资福利支出 1094.75\n"
            "30101 基本工资 229.10\n30102 津贴补贴 208.10\n30103 奖金 140.82\n30107 绩效工资 516.73\n")
    settings = index_of({"wages.txt": tiny_report("武汉市黄陂区", 2024, body)})
    a = qa.ask("黄陂区测试局2024年基本工资、津贴补贴和奖金加起来一共多少？占工资福利支出的比例？", settings=settings)
    assert a.found and {578.02, 52.8} <= {f.value for f in a.figures} and "÷ 1094.75 = 52.8%" in a.text


def test_the_first_of_the_names_a_list_holds_leaves_out_the_department_said_before_it():
    from qa.answer.facts import _after_scope
    from qa.search.query import Query

    query = Query(text="", topic="", named_as=(("北京市审计局", "北京市审计局"),))
    got = _after_scope(("北京市审计局2026年“信息化设备购置”项目计划采购的便携式计算机", "扫描仪", "打印机"), query)
    assert got == ["“信息化设备购置”项目计划采购的便携式计算机", "扫描仪", "打印机"]


def test_items_of_one_report_are_not_added_up_unasked(wages_index):
    a = qa.ask("黄陂区测试局2024年基本工资和奖金各是多少？", settings=wages_index)
    assert a.found and "合计" not in a.text


@pytest.fixture(scope="module")
def two_readings_index(index_of):
    body = ("一、预算情况说明\n机关事业单位职业年金缴费支出（项）887.36万元，主要用于缴纳职业年金。\n"
            "一般公共预算基本支出经济分类预算表\n单位：万元\n科目编码 科目名称 合计\n"
            "30108 机关事业单位基本养老保险缴费 174.72\n30109 职业年金缴费 87.36\n"
            "一般公共预算 5973.01\n二、一般公共预算财政拨款基本支出1604.41万元，其中：人员经费1487.48万元。\n")
    return index_of({"readings.txt": tiny_report("上海市普陀区", 2025, body)})


def test_a_longer_name_stating_another_amount_is_shown_as_a_second_reading(two_readings_index):
    a = qa.ask("普陀区测试局2025年职业年金缴费是多少？", settings=two_readings_index)
    assert a.found and "87.36" in a.text and "887.36" in a.text and "不一致" in a.text


def test_a_longer_name_that_names_another_item_is_no_second_reading(two_readings_index):
    a = qa.ask("普陀区测试局2025年一般公共预算是多少？", settings=two_readings_index)
    assert a.found and "5973.01" in a.text and "1604.41" not in a.text and "不一致" not in a.text


def test_a_longer_name_stating_the_same_amount_adds_nothing(two_readings_index):
    a = qa.ask("普陀区测试局2025年机关事业单位基本养老保险缴费是多少？", settings=two_readings_index)
    assert a.found and "174.72" in a.text and "不一致" not in a.text


@pytest.fixture(scope="module")
def parent_index(index_of):
    body = ("一、预算情况说明\n其中：一般公共服务1. 人大事务行政运行（项）支出10528.33万元，与上年相比减少17.89万元。\n"
            "财政拨款支出预算表\n单位：万元\n科目编码 科目名称 合计\n20101 人大事务 10528.33\n"
            "2010101 行政运行 4545.94\n2010102 一般行政管理事务 5982.39\n")
    return index_of({"parent.txt": tiny_report("江苏省", 2017, body)})


@pytest.mark.parametrize("item", ["人大事务行政运行", "行政运行"])
def test_a_row_named_with_its_parent_and_without_are_two_readings(parent_index, item):
    a = qa.ask(f"江苏省测试局2017年{item}支出是多少？", settings=parent_index)
    assert a.found and "10528.33" in a.text and "4545.94" in a.text and "不一致" in a.text


@pytest.fixture(scope="module")
def share_index(index_of):
    body = ("三公经费支出决算590.29万元，其中：因公出国（境）费0万元，公务用车购置及运行维护费136.76万元，"
            "公务接待费453.53万元。\n")
    return index_of({"share.txt": tiny_report("武汉市黄陂区", 2024, body)})


def test_a_share_asked_as_the_part_inside_its_total(share_index):
    a = qa.ask("黄陂区测试局2024年公务接待费在三公经费里占了百分之多少？", settings=share_index)
    assert a.found and "76.83" in a.text and "453.53 ÷ 590.29" in a.text


def test_a_share_of_the_project_the_question_names_is_taken_of_that_project():
    """`X专项里，Y占了多少比例`: Y ÷ X, not Y ÷ the report's total spending."""
    from qa.answer.shares import answer_share
    from qa.models import Fact
    from qa.search.operation import parse_operation
    from qa.search.query import Query

    from .test_operations import FakeIndex, doc

    quote = ("2025年度项目总预算2921.00万，其中支持外贸发展370.00万，区级支持总部经济1106.00万，市级支持总部经济1262.00万，"
             "进博会推进专项183.00万，合计2921.00万。")
    facts = [Fact("d", "支出合计", "预算数", 37151.47, "万元", "合计 37,151.47", "支出预算总表"),
             Fact("d", "贸易高质量发展专项（政策资金）", "预算数", 2921.0, "万元", quote),
             *(Fact("d", name, "预算数", v, "万元", quote) for name, v in
               (("支持外贸发展", 370.0), ("区级支持总部经济", 1106.0), ("市级支持总部经济", 1262.0), ("进博会推进专项", 183.0)))]
    question = "测试局2025年贸易高质量发展专项里，市级支持总部经济占了多少比例？"
    query = Query(text=question, topic="贸易高质量发展专项里 市级支持总部经济占 比例", operation=parse_operation(question))
    a = answer_share(question, query, query.topic, facts, doc(), FakeIndex([doc()]))
    assert a is not None and "1262 ÷ 2921 = 43.2%" in a.text


def test_a_tables_topic_column_is_another_reading_of_the_rows_own_amount():
    """差旅费 in a 基本支出 table (预算数 265) and under the 机关运行经费 column of the 机关运行经费 table (1022):
    two 口径 of one row, both stated with the table each comes from; a sub-column (公用经费) is not one."""
    from qa.answer.statements import statements_for
    from qa.models import Fact

    facts = [Fact("d", "差旅费", "预算数", 265.0, "万元", "30211 差旅费 265.00", "六、2017年度部门财政拨款基本支出预算表"),
             Fact("d", "差旅费", "机关运行经费", 1022.0, "万元", "30211 差旅费 1,022.00", "十、2017年度部门一般公共预算机关运行经费支出预算表"),
             Fact("d", "差旅费", "公用经费", 240.0, "万元", "30211 差旅费 240.00", "部门基本支出预算表")]
    got = statements_for("d", facts, ["差旅费"], ["预算数"], False, "预算")
    assert sorted(s.value for s in got) == [265.0, 1022.0] and all(s.conflict for s in got)
    asked_column = statements_for("d", facts, ["差旅费"], ["公用经费"], True, "预算")
    assert [s.value for s in asked_column] == [240.0]


def test_a_projects_spending_its_self_evaluation_states_otherwise_is_a_second_figure():
    """A final account's narrative says 宣传经费项目 5.24万元 spent, its self-evaluation 执行数 5.21万元: both, each
    under its own name, as the report disagreeing with itself; the same amount twice is one figure."""
    from qa.answer.statements import statements_for
    from qa.models import Fact

    said = "医保政策宣传经费项目 5.24 万元，主要成效：全区参保 95.72 万人。"
    evaluated = "医保政策宣传经费项目绩效自评综述：项目全年预算数为 5.21 万元，执行数为 5.21 万元，完成预算的 100%。"
    facts = [Fact("d", "医保政策宣传经费", "决算数", 5.24, "万元", said),
             Fact("d", "医保政策宣传经费", "全年预算数", 5.21, "万元", evaluated),
             Fact("d", "医保政策宣传经费", "执行数", 5.21, "万元", evaluated)]
    got = statements_for("d", facts, ["医保政策宣传经费"], ["决算数"], False, "决算")
    assert [(s.measure, s.value, s.conflict) for s in got] == [("决算数", 5.24, True), ("执行数", 5.21, True)]
    facts[2] = Fact("d", "医保政策宣传经费", "执行数", 5.24, "万元", evaluated)
    got = statements_for("d", facts, ["医保政策宣传经费"], ["决算数"], False, "决算")
    assert [(s.value, s.conflict) for s in got] == [(5.24, False)]


def test_a_conflicting_figure_names_its_table_without_number_or_year():
    from qa.answer.statements import _statement_text
    from qa.answer.match import Statement
    from qa.models import Fact

    f = Fact("d", "差旅费", "机关运行经费", 1022.0, "万元", "30211 差旅费 1,022.00", "十、2017年度部门机关运行经费支出预算表 公开10表")
    text = _statement_text(Statement("d", "差旅费", "预算数", 1022.0, "万元", (f,), conflict=True), index=None)
    assert "（部门机关运行经费支出预算表所载" in text and "十、" not in text and "10表" not in text


def test_which_is_largest_is_not_answered_by_a_total(index_of):
    """纳入绩效管理的35个项目中，预算最多的是哪个: a sentence giving only their total names none of them;
    a sentence saying which is largest does."""
    settings = index_of({
        "a.txt": tiny_report("武汉市江岸区", 2023, "纳入绩效管理的项目35个，涉及财政性资金合计128818.12万元。\n"),
        "b.txt": tiny_report("武汉市汉阳区", 2023, "纳入绩效管理的项目12个，其中预算最多的是信息化建设项目，预算为300万元。\n"),
    })
    a = qa.ask("江岸区2023年纳入绩效管理的35个项目中，预算最多的是哪个项目？", settings=settings)
    assert not a.found and 128818.12 not in values(a.text)
    b = qa.ask("汉阳区2023年纳入绩效管理的项目中，预算最多的是哪个项目？", settings=settings)
    assert b.found and "信息化建设" in (b.text + "".join(c.quote for c in b.citations))


@pytest.fixture(scope="module")
def per_head_index(index_of):
    body = ("三、“三公”经费支出情况说明\n（三）公务接待费453.53万元，主要用于公务接待活动，累计接待2360批次、接待总人数41427人次。\n"
            "四、其他重要事项\n培训费预算163.46万元，拟开展执法培训，人数5000人。\n会议费预算120万元。\n")
    return index_of({"per-head.txt": tiny_report("平潭综合实验区", 2015, body)})


@pytest.mark.parametrize("question, figure, formula", [
    ("平均每接待一人次花多少钱", "109.48", "453.53万元 ÷ 41427人次 = 109.48元/人次"),
    ("公务接待费平均每批次多少钱", "1921.74", "453.53万元 ÷ 2360批次 = 1921.74元/批次"),
    ("培训费人均多少元", "326.92", "163.46万元 ÷ 5000人 = 326.92元/人"),
    ("公务接待平均一人次花了多少钱", "109.48", "453.53万元 ÷ 41427人次 = 109.48元/人次"),  # 平均一人次: no 每
])
def test_a_per_head_figure_divides_an_amount_by_the_count_its_sentence_states(per_head_index, question, figure, formula):
    a = qa.ask(f"平潭综合实验区测试局2015年{question}", settings=per_head_index)
    assert a.found and figure in a.text and formula in a.text and "换算" not in a.text
    assert any("41427" in c.quote or "5000人" in c.quote for c in a.citations)


def test_a_count_the_question_states_by_its_figure_divides_the_amount():
    """`截至2025年底有17台车，照这个数算，…平均每台`: of two counts in 台/辆 naming 车, the one whose figure the
    question states."""
    from qa.models import Fact

    from .test_operations import ask

    facts = [Fact("d", "公务用车运行维护费", "预算数", 27.95, "万元", "公务用车运行维护费预算27.95万元。"),
             Fact("d", "车辆", "车辆数", 17.0, "台", "截至2025年底，共有车辆17台。"),
             Fact("d", "公务用车", "车辆数", 2.0, "辆", "拟更新公务用车2辆。")]
    a = ask("测试局2025年底有17台车，照这个数算，公务用车运行维护费预算平均每台是多少？", facts)
    assert a is not None and "27.95万元 ÷ 17台 = 16441.18元/台" in a.text


def test_a_per_head_figure_asked_with_the_divisor_named_in_words():
    """`按计划培训人数算，人均是多少钱`: the clause naming the count is no part of the amount's name (with it, the
    words match no amount of a report with many)."""
    from qa.models import Fact

    from .test_operations import ask

    quote = "培训费预算163.46万元，拟开展执法培训，人数5000人。"
    facts = [Fact("d", "培训费", "预算数", 163.46, "万元", quote), Fact("d", "人数", "人数", 5000.0, "人", quote),
             *(Fact("d", name, "预算数", 5000.0, "万元", f"{name} 5000") for name in
               ("全年管理辅警人数", "计划培训项目经费", "培训基地建设", "人员经费", "按计划支出"))]
    a = ask("测试局2024年培训费预算按计划培训人数算，人均是多少钱？", facts)
    assert a is not None and "163.46万元 ÷ 5000人 = 326.92元/人" in a.text


def test_the_divisor_a_clause_names_is_the_count_sharing_its_words_not_another_sentences_pair():
    """`按在职实有人数算，人均人员经费`: the count is the one the clause names (在职实有人数), not a sentence pairing
    another amount with another count, nor a count sharing one character of the question (预警人员: 员)."""
    from qa.models import Fact

    from .test_operations import ask

    other = "办理异地就医备案4213人，异地就医结算95113人次，医保基金支付5036.01万元。"
    facts = [Fact("d", "人员经费", "决算数", 1523.49, "万元", "其中：人员经费1523.49万元"),
             Fact("d", "实有人员", "人数", 56.0, "人", "在职实有人数56人"),
             Fact("d", "反馈因病返贫预警人员", "人数", 693.0, "人", "反馈因病返贫预警人员693人"),
             Fact("d", "办理异地就医备案", "人数", 4213.0, "人", other),
             Fact("d", "异地就医结算", "人次", 95113.0, "人次", other),
             Fact("d", "医保基金支付", "决算数", 5036.01, "万元", other)]
    a = ask("按在职实有人数算，测试局2024年人均人员经费是多少？", facts)
    assert a is not None and "1523.49万元 ÷ 56人 = 272051.79元/人" in a.text
    a = ask("测试局2024年人员经费平均到每个在职人员是多少", facts)  # 平均到每个在职人员: words between 每 and 人
    assert a is not None and "÷ 56人" in a.text


def test_a_per_car_figure_divides_by_the_cars_held_not_a_kind_of_car_or_cars_to_be_bought():
    """每辆车: the whole the report holds (共有车辆66辆, its parts 13 + 38 + 15 beside it; 共有车辆17台, a report
    counting cars in 台), not the cars of one kind its sentence lists nor the 2 a project is to buy, though those
    share the amount's words (公务用车运行维护费)."""
    from qa.models import Fact

    from .test_operations import ask

    held = "本部门共有车辆66辆，其中，一般公务用车13辆、执法执勤用车38辆、特种专业技术用车15辆。"
    facts = [Fact("d", "公务用车运行维护费", "预算数", 266.8, "万元", "公务用车运行维护费预算支出266.8万元。"),
             Fact("d", "车辆", "车辆数", 66.0, "辆", held), Fact("d", "一般公务用车", "车辆数", 13.0, "辆", held),
             Fact("d", "执法执勤用车", "车辆数", 38.0, "辆", held), Fact("d", "特种专业技术用车", "车辆数", 15.0, "辆", held)]
    a = ask("测试局2024年公务用车运行维护费平均每辆车多少钱？", facts)
    assert a is not None and "÷ 66辆" in a.text
    said = "截至2025年底，本局共有车辆17台，单位价值100万元以上的设备2台（套）。"
    facts = [Fact("d", "公务用车运行维护费", "预算数", 27.95, "万元", "公务用车运行维护费27.95万元。"),
             Fact("d", "车辆", "车辆数", 17.0, "台", said), Fact("d", "价值100万元以上的设备", "台套数", 2.0, "台", said),
             Fact("d", "公务用车", "车辆数", 2.0, "辆", "公务用车更新经费 拟更新购置2辆公务用车")]
    a = ask("测试局截至2025年底的车辆数，平摊2026年公务用车运行维护费预算，每台车一年约多少万元？", facts)
    assert a is not None and "27.95万元 ÷ 17台" in a.text
    a = ask("测试局2026年平均每辆车的公务用车运行维护费预算大概多少？", facts)  # (no word of the cars held said)
    assert a is not None and "27.95万元 ÷ 17台" in a.text


def test_a_per_car_figure_said_as_shared_out_to_each_car():
    """`公车运维费摊到每辆车是多少`: the words sharing it out (摊到每辆车, the noun counted after the unit) name no amount:
    the amount is 公务用车运行维护费 and the count the cars its sentence states."""
    from qa.models import Fact

    from .test_operations import ask

    said = "年末实际保有量为15辆，全年公务用车运行维护费支出40.61万元。"
    facts = [Fact("d", "公务用车运行维护费", "决算数", 40.61, "万元", said), Fact("d", "年末实际保有量", "车辆数", 15.0, "辆", said),
             Fact("d", "机要通信用车", "车辆数", 2.0, "辆", "共有车辆15辆，其中机要通信用车2辆"),
             Fact("d", "车辆", "车辆数", 15.0, "辆", "共有车辆15辆，其中机要通信用车2辆")]
    a = ask("测试局2024年公车运维费摊到每辆车是多少", facts)
    assert a is not None and "40.61万元 ÷ 15辆" in a.text


def test_a_count_named_only_by_a_money_word_of_the_amount_is_no_divisor():
    """人均人员经费: 参保缴费人数 shares only 费 with 人员经费, a money word; 实有人员 shares 人员, what is spent on."""
    from qa.models import Fact

    from .test_operations import ask

    insured = Fact("d", "参保缴费人数", "人数", 384330.0, "人", "参保缴费人数384330人")
    facts = [Fact("d", "人员经费", "决算数", 768.73, "万元", "人员经费768.73万元"), insured]
    a = ask("测试局2024年人均人员经费是多少？", facts)
    assert a is None or "÷" not in a.text
    a = ask("测试局2024年人均人员经费是多少？", [*facts, Fact("d", "实有人员", "人数", 6.0, "人", "实有人员6人")])
    assert a is not None and "÷ 6人" in a.text


def test_an_amount_per_project_divides_by_the_projects_its_sentence_counts():
    """平均每个项目: 个 and 项 count the projects (本部门共6个项目实行绩效目标管理，涉及财政性资金合计4481.3万元)."""
    from qa.models import Fact

    from .test_operations import ask

    said = "2018年本部门共6个项目实行绩效目标管理，涉及财政性资金合计4481.3万元。"
    facts = [Fact("d", "项目实行绩效目标管理", "个数", 6.0, "个", said), Fact("d", "涉及财政性资金", "预算数", 4481.3, "万元", said)]
    a = ask("测试局2018年实行绩效目标管理的项目平均每个涉及多少财政资金？", facts)
    assert a is not None and "4481.3万元 ÷ 6个" in a.text


def test_a_per_head_figure_of_a_report_stating_no_head_count_is_not_found():
    """人均人员经费 of a report printing 人员经费 and no count of people to divide it by: not found, no figure;
    a per-head limit the report prints (每人每年控制在多少以内) is still looked up."""
    from qa.models import Fact

    from .test_operations import ask

    facts = [Fact("d", "人员经费", "预算数", 1487.48, "万元", "人员经费1487.48万元"),
             Fact("d", "公用经费", "预算数", 120.0, "万元", "公用经费120万元")]
    a = ask("测试局2026年人均人员经费是多少？", facts)
    assert a is not None and not a.found and not values(a.text)
    assert ask("测试局2026年人员经费每人每年控制在多少以内？", facts) is None or "未找到" not in ask(
        "测试局2026年人员经费每人每年控制在多少以内？", facts).text


def test_two_per_head_figures_asked_together_are_each_worked_out():
    """人均人员经费和人均公用经费各是多少: each amount over the count of people, one clause each."""
    from qa.models import Fact

    from .test_operations import ask

    facts = [Fact("d", "人员经费", "预算数", 220.9, "万元", "人员经费220.9万元"),
             Fact("d", "公用经费", "预算数", 61.96, "万元", "公用经费61.96万元"),
             Fact("d", "实有人员", "人数", 6.0, "人", "实有人员6人")]
    a = ask("测试局2021年人均人员经费和人均公用经费各是多少？", facts)
    assert a is not None and "220.9万元 ÷ 6人" in a.text and "61.96万元 ÷ 6人" in a.text


def test_amounts_asked_per_head_together_are_named_one_after_another():
    from qa.answer.per_head import _joined

    assert _joined("人均人员经费和人均公用经费各是多少", {"人员经费", "公用经费"})
    assert _joined("培训费、会议费人均各多少", {"培训费", "会议费"})
    assert not _joined("医疗救助平均每人次拨付多少钱", {"医疗救助", "拨付"})


def test_no_per_head_figure_without_a_count_of_what_is_asked(per_head_index):
    a = qa.ask("平潭综合实验区测试局2015年会议费人均多少元", settings=per_head_index)
    assert "÷" not in a.text


def test_a_grand_total_asked_without_its_name_also_gives_the_years_own_total():
    from qa.answer.facts import _scoped_alternatives
    from qa.models import Fact

    held = [Fact("d", "收入总计", "预算数", 32852.05, "万元", "q"), Fact("d", "本年收入合计", "预算数", 32380.09, "万元", "q"),
            Fact("d", "支出合计", "决算数", 5187.13, "万元", "q"),
            Fact("d", "一般公共预算财政拨款支出", "决算数", 7658.01, "万元", "q")]
    assert _scoped_alternatives(["收入总计"], held, "2026年收入预算是多少") == ["本年收入合计"]
    assert _scoped_alternatives(["收入总计"], held, "2026年收入总计是多少") == []  # named: no other reading
    # a 本年 total's scoped reading is its scope's 本年 figure (支出合计 -> 一般公共预算财政拨款支出)
    assert _scoped_alternatives(["支出合计"], held, "2015年总共支出了多少") == ["一般公共预算财政拨款支出"]


def test_every_figure_a_longer_name_states_is_a_reading():
    from qa.answer.facts import _other_readings
    from qa.answer.match import Statement
    from qa.models import Fact

    facts = [Fact("d", "职业年金缴费", "决算数", 257.14, "万元", "30109 职业年金缴费 257.14", table="基本支出决算表"),
             Fact("d", "机关事业单位职业年金缴费支出", "决算数", 257.14, "万元", "…（项）257.14万元"),
             Fact("d", "机关事业单位职业年金缴费支出", "决算数", 245.53, "万元", "支出决算为245.53万元")]
    found = [Statement("d", "职业年金缴费", "决算数", 257.14, "万元", (facts[0],))]
    got = _other_readings("d", facts, ["职业年金缴费"], found, ["决算数"], True, "决算")
    assert [(s.subject, s.value, s.conflict) for s in got] == [("机关事业单位职业年金缴费支出", 245.53, True)]


@pytest.fixture(scope="module")
def totals_index(index_of):
    body = ("四、决算收支总体情况\n本年收入15240.35万元，本年支出5187.13万元。\n"
            "五、公共财政拨款支出决算情况\n2015年公共财政拨款支出7,658.01万元。\n")
    return index_of({"totals.txt": tiny_report("福建省平潭综合实验区", 2015, body)})


def test_two_readings_of_one_total_are_not_added_up(totals_index):
    a = qa.ask("平潭综合实验区测试局2015年总共支出了多少钱", settings=totals_index)
    assert a.found and "5187.13" in a.text and "7658.01" in a.text and "12845.14" not in a.text


def test_items_listed_are_each_matched_alone():
    from qa.answer.loose_match import match_members

    subjects = {"生命健康专项（政策资金）", "商业创新专项（政策资金）", "贸易高质量发展专项（政策资金）", "政府采购"}
    got = match_members("生命健康 商业创新 贸易高质量发展这三个政策资金专项加起来一共", subjects)
    assert got is not None and got.subjects == ("生命健康专项（政策资金）", "商业创新专项（政策资金）",
                                                "贸易高质量发展专项（政策资金）")
    got = match_members("政府采购中 生命健康和商业创新两项合计", subjects)  # a context, and B和C
    assert got is not None and got.subjects == ("生命健康专项（政策资金）", "商业创新专项（政策资金）")
    got = match_members("单独说明的三个专项（生命健康、商业创新、贸易高质量发展）一共", subjects)  # named, then listed
    assert got is not None and len(got.subjects) == 3
    got = match_members("生命健康 商业创新 贸易高质量发展三个专项合计预算", subjects)  # the measure after 合计
    assert got is not None and len(got.subjects) == 3
    counted = {"资助参保人次数", "住院救助人次数", "门诊救助人次数"}
    got = match_members("资助参保 住院救助 门诊救助合计 人次", counted)  # (the unit asked is no member)
    assert got is not None and got.subjects == ("资助参保人次数", "住院救助人次数", "门诊救助人次数")
    assert match_members("生命健康 国防支出", subjects) is None  # a member the report does not hold
    assert match_members("生命健康专项", subjects) is None  # one item is no list


@pytest.fixture(scope="module")
def running_costs_index(index_of):
    body = ("一般公共预算机关运行经费支出预算表\n单位：万元\n科目编码 科目名称 机关运行经费支出\n合计 2,232.91\n"
            "302 商品和服务支出 2,232.91\n30201 办公费 450.00\n30211 差旅费 350.00\n")
    return index_of({"running.txt": tiny_report("江苏省", 2019, body, kind="预算")})


def test_the_total_of_a_column_named_after_an_item_is_that_items_amount(running_costs_index):
    a = qa.ask("江苏省测试局2019年机关运行经费预算是多少？", settings=running_costs_index)
    assert a.found and "2232.91" in a.text


def test_a_shares_part_is_the_nearest_name_among_near_ones():
    from qa.answer.one_report import find_amount
    from qa.models import Fact

    q = "政府采购金额为1062.09万元，其中：货物采购金额80.98万元、服务采购金额712.08万元。"
    facts = [Fact("d", "政府采购金额（以合同签订为准）", "决算数", 1062.09, "万元", q),
             Fact("d", "政府采购货物", "决算数", 80.98, "万元", q), Fact("d", "政府采购服务", "决算数", 712.08, "万元", q)]
    assert find_amount("服务采购", facts, context="政府采购").value == 712.08


def test_a_counted_noun_said_names_the_count_its_word_opens():
    """档案局编制多少人: 编制 (questions.json counted_nouns) opens 编制数 (unit_count_nouns): that column, not the
    在职人数 the unit asked, 人, ends; 在职多少人 is still the 在职人数."""
    from qa.answer.facts import answer_from_facts
    from qa.models import Fact
    from qa.search.query import parse_question

    from .test_operations import doc
    from .test_readings import FactsIndex

    t = "列入部门预算编制范围的单位"
    facts = [Fact("d", "平潭综合实验区档案局", "编制数", 13, "人", "平潭综合实验区档案局 13 14", t, page=3),
             Fact("d", "平潭综合实验区档案局", "在职人数", 14, "人", "平潭综合实验区档案局 13 14", t, page=3)]
    index = FactsIndex(facts, [dict(doc(), region="平潭综合实验区")])
    for question, value in (("平潭综合实验区档案局编制多少人", 13), ("平潭综合实验区档案局在职多少人", 14)):
        # (as the retriever reads a unit's name it scoped by: written out, no place taken from it)
        a = answer_from_facts(question, parse_question(question, find_places=False), ["d"], index)
        assert a is not None and [f.value for f in a.figures] == [value]


def test_a_name_closing_with_a_column_of_its_row_reads_that_column():
    """档案局在职人数: the 在职人数 of the 档案局 row, not its 编制数 printed first, nor a row of other words."""
    from qa.answer.one_report import find_amount
    from qa.answer.shares import _column_beside
    from qa.models import Fact

    t = "列入部门预算编制范围的单位"
    facts = [Fact("d", "平潭综合实验区档案局", "编制数", 13, "人", "平潭综合实验区档案局 13 14", t, page=3),
             Fact("d", "平潭综合实验区档案局", "在职人数", 14, "人", "平潭综合实验区档案局 13 14", t, page=3),
             Fact("d", "平潭综合实验区公证处", "在职人数", 13, "人", "平潭综合实验区公证处 13 13", t, page=3)]
    part = find_amount("档案局在职人数", facts, unit="人")
    assert (part.subject, part.measure) == ("平潭综合实验区档案局", "在职人数")
    assert find_amount("档案局的编制数", facts, unit="人").value == 13
    assert _column_beside(part, "档案局在职人数", "编制数", facts).value == 13
    # (劳务费占公用经费: the part not named by its column, the whole is no column of its row)
    assert _column_beside(part, "档案局", "编制数", facts) is None


@pytest.mark.parametrize("name", ["项目支出总计", "项目支出合计", "全部项目资金", "项目经费"])
def test_a_wholes_name_said_with_a_total_or_money_word_is_the_items_own_amount(name):
    """占项目支出总计的比重 / 占全部项目资金的比重: the 项目支出 row, not the report's 支出总计 with 项目 left over."""
    from qa.answer.one_report import find_amount
    from qa.models import Fact

    facts = [Fact("d", "支出总计", "预算数", 6256.31, "万元", "支出总计 6256.31"),
             Fact("d", "项目支出", "预算数", 4651.9, "万元", "项目支出 4651.90"),
             Fact("d", "基本支出", "预算数", 1604.41, "万元", "基本支出 1604.41")]
    assert find_amount(name, facts).value == 4651.9
    assert find_amount("支出总计", facts).value == 6256.31


@pytest.mark.parametrize("name", ["人员类", "人员类支出", "人员经费"])
def test_a_column_asked_by_its_printed_header_is_the_column_the_extraction_named(name):
    """`人员类支出占基本支出的比例`: a table heads the column 人员类, the extraction reads it as 人员经费; the question's
    word is read through the same header names."""
    from qa.answer.one_report import find_amount
    from qa.models import Fact

    facts = [Fact("d", "合计", "人员经费", 26353.16, "万元", "合计 28398.17 26353.16 2045.01", "基本支出情况表"),
             Fact("d", "辅警人员经费控制", "", 11.05, "万元", "辅警人员经费控制 11.05", "绩效目标表")]
    assert find_amount(name, facts).value == 26353.16


def test_rows_adding_up_to_the_items_figure_are_its_parts_not_a_disagreement():
    from qa.answer.statements import _group_same, _parts_folded
    from qa.models import Fact

    said = Fact("d", "公务用车运行维护费", "预算数", 27.95, "万元", "公务用车运行维护费预算27.95万元。")
    rows = [Fact("d", "公务用车运行维护费", "预算数", 25.905, "万元", "2010801-行政运行 … 25.905000", table="支出总表"),
            Fact("d", "公务用车运行维护费", "预算数", 2.043, "万元", "2010850-事业运行 … 2.043000", table="支出总表")]
    assert len(_parts_folded(_group_same([said, *rows]))) == 1
    other = Fact("d", "公务用车运行维护费", "预算数", 30.0, "万元", "公务用车运行维护费预算30万元。")
    assert len(_parts_folded(_group_same([other, *rows]))) == 3  # they add up to another figure: still three


def test_the_parts_a_sentence_lists_of_a_named_whole_are_rows():
    from qa.answer.rows import sentence_parts
    from qa.models import Fact
    from qa.search.operation import Operation

    q = "2025年度项目总预算2921.00万，其中支持外贸发展370.00万，区级支持总部经济1106.00万，市级支持总部经济1262.00万。"
    facts = [Fact("d", "贸易高质量发展专项（政策资金）", "预算数", 2921.0, "万元", q),
             Fact("d", "支持外贸发展", "预算数", 370.0, "万元", q), Fact("d", "区级支持总部经济", "预算数", 1106.0, "万元", q),
             Fact("d", "市级支持总部经济", "预算数", 1262.0, "万元", q),
             Fact("d", "行政运行", "预算数", 5000.0, "万元", "行政运行5000万元。", table="支出表", subject_code="2011301")]
    op = Operation(kind="aggregate", function="max")
    got = sentence_parts("贸易高质量发展专项里分给哪一部分的钱最多", facts, op)
    assert got is not None and [r.subject for r in got.rows] == ["支持外贸发展", "区级支持总部经济", "市级支持总部经济"]
    assert sentence_parts("哪一项支出最多", facts, op) is None  # no whole named: no sentence's parts


def test_a_tables_rows_per_unit_are_the_units_without_the_departments_own():
    from qa.answer.rows import unit_rows
    from qa.models import Fact
    from qa.search.operation import Operation

    t = "2026年市级部门收入预算总表 表02"
    facts = [Fact("d", name, "合计", v, "万元", f"{name} {v}", table=t) for name, v in (
        ("合计", 6256.31), ("退役军人事务局", 6256.31), ("湖州市退役军人事务局", 2604.42),
        ("湖州市军队离休退休干部休养所", 3011.95), ("湖州市烈士陵园管理所", 316.25),
        ("湖州市退役军人服务中心", 175.07), ("湖州市军用饮食供应和供水站", 148.61))]
    got = unit_rows("哪家单位收入预算最多", facts, Operation(kind="aggregate", function="max"))
    assert got is not None and got.noun == "单位" and len(got.rows) == 5
    assert "退役军人事务局" not in {r.subject for r in got.rows}


@pytest.fixture(scope="module")
def two_years_index(index_of):
    return index_of({
        "y2017.txt": tiny_report("江苏省", 2017, "一、预算情况说明\n会议费预算支出228.00万元。\n", kind="预算"),
        "y2018.txt": tiny_report("江苏省", 2018, "一、预算情况说明\n会议费预算支出271.26万元，比上年增加43.26万元。\n",
                                 kind="预算")})


def test_a_change_between_two_years_gives_the_later_reports_own_statement_first(two_years_index):
    a = qa.ask("江苏省测试局2018年会议费预算比2017年多了多少？", settings=two_years_index)
    assert a.found and a.text.index("43.26") < a.text.index("228")


def test_content_a_report_says_it_withholds_is_no_answer(index_of):
    body = ("第一部分 部门概况\n一、部门主要职责及机构设置\n本部门按照保密审查机制确定此项内容为涉密内容，按规定不予公开。\n"
            "二、部门人员情况说明\n截止2020年底，本部门人员编制105人。\n")
    settings = index_of({"secret.txt": tiny_report("陕西省西安市", 2021, body)})
    a = qa.ask("西安市测试局2021年内设了哪些处室？各处室的职责是什么？", settings=settings)
    assert not a.found and "不予公开" in a.text and a.citations and not a.figures
    a = qa.ask("西安市测试局2021年人员编制多少人？", settings=settings)
    assert a.found and "105" in a.text


def test_a_unit_named_without_its_reports_region_is_found():
    from qa.search.query import region_stripped

    subjects = {"湖州市军队离休退休干部休养所", "湖州市烈士陵园管理所", "上海市普陀区财政局", "行政运行", "湖州市场"}
    got = region_stripped(subjects, ["湖州市", "上海市普陀区"])
    assert got["军队离休退休干部休养所"] == "湖州市军队离休退休干部休养所"
    assert got["烈士陵园管理所"] == "湖州市烈士陵园管理所"
    assert "场" not in got and "财政局" not in got  # too short a rest (the department is the scope's, not a row's)
    assert "行政运行" not in got.values()  # no region before it


def test_a_grade_asked_beside_a_score_is_the_grade_its_sentence_gives():
    from dataclasses import replace

    from qa.answer.completion import with_grade
    from qa.models import Answer, Citation
    from qa.search.query import parse_question

    quote = "某局2024年度部门整体支出绩效评价得分98.99分，结果为优秀，其中：执行20.00分。"
    a = Answer(question="", found=True, text="某局：整体支出绩效评价得分：98.99分。",
               citations=(Citation(source="r.txt", quote=quote),))
    assert with_grade(a, parse_question("某局2024年整体支出绩效评价得分和等级")).text.endswith("等级：优秀。")
    assert with_grade(a, parse_question("某局2024年整体支出绩效评价得分")) == a  # (no grade asked)
    rule = replace(a, citations=(Citation(source="r.txt", quote="评分结果分为优秀（90分以上）、良好、合格。"),))
    assert with_grade(rule, parse_question("某局2024年整体绩效评价得分和等级")) == rule  # a scale is no grade given


def test_a_sentences_list_of_a_reports_own_total_is_rows_only_when_no_table_prints_them():
    from qa.answer.rows import sentence_parts
    from qa.models import Fact
    from qa.search.operation import Operation

    q = "公用经费94.88万元，主要包括：办公费14.91万元、劳务费19.93万元、工会经费18.33万元、电费4.95万元。"
    facts = [Fact("d", "公用经费", "决算数", 94.88, "万元", q), Fact("d", "办公费", "决算数", 14.91, "万元", q),
             Fact("d", "劳务费", "决算数", 19.93, "万元", q), Fact("d", "工会经费", "决算数", 18.33, "万元", q),
             Fact("d", "电费", "决算数", 4.95, "万元", q)]
    op = Operation(kind="aggregate", function="filter")
    got = sentence_parts("公用经费中超过10万元的有哪些", facts, op, own_totals=True)
    assert got is not None and [r.subject for r in got.rows] == ["办公费", "劳务费", "工会经费", "电费"]
    # a report's own total, its parts printed as table rows elsewhere: the table's rows are read, not the sentence
    assert sentence_parts("公用经费中超过10万元的有哪些", facts, op) is None


def test_a_sum_of_the_items_a_question_lists_is_added_when_each_states_one_amount():
    from qa.answer.listed_total import listed_total
    from qa.models import Figure
    from qa.search.query import Query

    figures = [Figure(12801.0, "万元", "中央财政补助收入"), Figure(7882.0, "万元", "省级财政补助收入"),
               Figure(3885.75, "万元", "县级财政补助收入")]
    query = Query(text="中央、省、县三级财政补助一共多少？", topic="")
    got = listed_total(query, figures)
    assert got is not None and got.value == 24568.75 and "12801 + 7882 + 3885.75" in got.formula
    # two amounts found for three items named: no total (a part is missing, the sum would be wrong)
    assert listed_total(Query(text="中央、省、市的资金合计多少", topic=""), figures[:2]) is None
    # no sum asked: none
    assert listed_total(Query(text="中央、省、县财政补助各多少", topic=""), figures) is None


def test_a_listed_sum_takes_the_amount_labelled_with_each_item_and_leaves_the_others():
    from qa.answer.listed_total import listed_names, listed_total
    from qa.models import Figure
    from qa.search.query import Query

    query = Query(text="城乡医疗救助预算中来自上级（中央、省、市）的资金合计多少？", topic="")
    # (the outer items are cut to the inner ones' length: the words the list runs into are no item)
    assert listed_names(Query(text="中央、省、县三级财政补助一共多少？", topic="")) == ["央", "省", "县"]
    figures = [Figure(185.0, "万元", "中央"), Figure(18.0, "万元", "省级"), Figure(412.1, "万元", "市级"),
               Figure(788.0, "万元", "区级")]
    got = listed_total(query, figures)
    assert got is not None and got.value == 615.1  # 区级, not asked, is not added
    assert listed_total(query, figures[:2] + figures[3:]) is None  # 市 has no amount of its own


def test_a_change_whose_sentence_explains_the_opposite_direction_says_both():
    from qa.answer.match import Statement
    from qa.answer.statements import _said_value
    from qa.models import Fact

    quote = "“三公”经费预算支出6.51万元，较上年增加9.49万元，减少的主要原因是压缩经费。"
    f = Fact("d", "三公经费", "增减额", 9.49, "万元", quote, None, None, 3)
    said = _said_value(Statement("d", "三公经费", "增减额", 9.49, "万元", (f,)))
    assert said.startswith("增加 9.49万元") and "减少的主要原因" in said
    agreeing = Fact("d", "三公经费", "增减额", -9.49, "万元", quote.replace("增加9.49", "减少9.49"), None, None, 3)
    assert "前后不一" not in _said_value(Statement("d", "三公经费", "增减额", -9.49, "万元", (agreeing,)))


@pytest.fixture(scope="module")
def three_years_index(index_of):
    return index_of({f"y{y}.txt": tiny_report("江苏省", y, f"一、预算情况说明\n提租补贴预算支出{v}万元。\n", kind="预算")
                     for y, v in ((2017, "1235.41"), (2018, "2299.88"), (2019, "2928.22"))})


@pytest.mark.parametrize("question, change", [
    ("江苏省测试局提租补贴2017、2018、2019年分别是多少？三年涨了多少？", 1692.81),
    ("江苏省测试局2017—2019年提租补贴分别是多少？2019年比2018年增加了多少？", 628.34),
])
def test_a_change_asked_over_several_years_is_between_the_year_compared_and_the_last(three_years_index, question, change):
    a = qa.ask(question, settings=three_years_index)
    assert a.found and change in {f.value for f in a.figures} and {1235.41, 2299.88, 2928.22} <= {f.value for f in a.figures}


def test_a_change_asked_without_years_is_no_change_between_the_first_and_last_year_held(three_years_index):
    a = qa.ask("江苏省测试局提租补贴的增减额是多少？", settings=three_years_index)
    assert 1692.81 not in {f.value for f in a.figures}


@pytest.mark.parametrize("question", ["江苏省测试局2019年提租补贴比上年增加了多少？", "江苏省测试局2019年提租补贴较去年增长了百分之几？"])
def test_a_change_against_last_year_no_report_states_is_the_two_reports_apart(three_years_index, question):
    """The 2019 report states no change; the department's 2018 report is held: 2928.22 − 2299.88, with the formula."""
    a = qa.ask(question, settings=three_years_index)
    values = {f.value for f in a.figures}
    assert a.found and (628.34 in values or 27.32 in values) and 1692.81 not in values
    assert any(f.formula and "2299.88" in f.formula for f in a.figures)
    assert {c.source for c in a.citations} == {"y2018.txt", "y2019.txt"}


@pytest.fixture(scope="module")
def budget_and_final_index(index_of):
    return index_of({"b2025.txt": tiny_report("上海市普陀区", 2025, "一、预算情况说明\n2025年机关运行经费预算229.43万元。\n", kind="预算"),
                     "f2024.txt": tiny_report("上海市普陀区", 2024, "一、决算情况说明\n2024年机关运行经费支出184.65万元。\n")})


@pytest.mark.parametrize("said", ["实际花的", "决算"])
def test_a_budget_set_against_last_years_actual_spending_reads_each_reports_own_amount(budget_and_final_index, said):
    a = qa.ask(f"普陀区测试局2025年机关运行经费预算比2024年{said}多了多少？", settings=budget_and_final_index)
    assert a.found and 44.78 in {f.value for f in a.figures}


def test_money_asked_after_a_count_is_the_amount_the_counts_sentence_states():
    from qa.answer.later_parts import money_of_count
    from qa.models import Answer, Fact, Figure

    said = "本部门组织对项目支出开展绩效自评，共涉及项目10个，资金8055.11万元。"
    facts = [Fact("d", "绩效自评项目", "个数", 10.0, "个", said, None, None, 3),
             Fact("d", "绩效自评项目", "决算数", 8055.11, "万元", said, None, None, 3),
             Fact("d", "项目", "全年预算数", 600.0, "万元", "项目全年预算数为600万元。", None, None, 4)]
    counted = Answer(question="q", found=True, text="项目共 10 个", figures=(Figure(10.0, "个", "项目个数"),))

    class Index:  # (what the answer's wording reads of an index)
        documents_by_id = {"d": {"doc_id": "d", "title": "测试局2023年度部门决算", "source": "d.txt"}}

    got = money_of_count("多少资金", counted, facts, Index(), "绩效自评涉及几个项目")
    assert got is not None and [f.value for f in got.figures] == [8055.11]
    other = Answer(question="q", found=True, text="共 4 个", figures=(Figure(4.0, "个", "项目个数"),))
    assert money_of_count("多少资金", other, facts, Index(), "绩效自评涉及几个项目") is None  # no sentence states 4



def test_the_actual_head_count_asked_after_the_establishment_is_its_own_figure(index_of):
    body = ("第一部分 部门概况\n二、部门人员情况说明\n截止2020年底，本部门人员编制105人，其中行政编制87人、事业编制18人；"
            "实有人员97人，其中行政85人、事业12人。\n")
    settings = index_of({"staff.txt": tiny_report("陕西省西安市", 2021, body)})
    a = qa.ask("西安市测试局有多少编制？实际有多少人？", settings=settings)
    assert a.found and "105" in a.text and "97" in a.text


def test_a_name_only_some_reports_state_narrows_a_question_naming_no_department_to_them():
    from qa.answer.orchestrate import held_by_item
    from qa.search.query import Query
    from qa.search.retrieve import Scope

    def fact(doc_id, subject):
        return Fact(doc_id, subject, "预算数", 1.0, "万元", subject, None, None, 1)

    class Index:
        documents_by_id = {d: {"doc_id": d, "department": dep, "year": 2025, "kind": "预算"}
                           for d, dep in (("n1", "人大办"), ("n2", "人大办"), ("c", "法院"), ("m", "商务委"))}

        def subjects_within(self, text, doc_ids):  # (as qa.store.index.Index reads it with SQL)
            held = [fact("n1", "人大事务"), fact("n2", "行政运行"), fact("c", "行政运行"), fact("c", "法院"),
                    fact("m", "贸易高质量发展专项（政策资金）"), fact("m", "行政运行")]
            names = [(f.subject.split("（")[0], f.doc_id) for f in held if f.doc_id in doc_ids]
            return [(n, d) for n, d in dict.fromkeys(names) if len(n) >= 2 and n in text]

    everything = Scope(("n1", "n2", "c", "m"))
    narrowed = held_by_item(Query(text="", topic="人大事务款下面 超过400万元的项有几个"), everything, Index())
    assert narrowed.doc_ids == ("n1", "n2")  # both files of the report stating it
    assert held_by_item(Query(text="", topic="贸易高质量发展专项里 哪一块最多"), everything, Index()).doc_ids == ("m",)
    assert held_by_item(Query(text="", topic="行政运行预算"), everything, Index()) == everything  # every report states it
    assert held_by_item(Query(text="", topic="法院（款）下有几个项级支出"), everything, Index()).doc_ids == ("c",)
    named = Query(text="", topic="人大事务款下面", departments=("江苏省高级人民法院",))
    assert held_by_item(named, everything, Index()) == everything  # a department named is the scope


def test_a_per_head_figure_of_a_wan_or_more_is_stated_in_the_reports_unit_and_in_yuan(index_of):
    body = "三、“三公”经费支出情况说明\n2.公务用车购置及运行维护情况。年末实际保有量为15辆，全年公务用车运行维护费支出40.61万元。\n"
    settings = index_of({"cars.txt": tiny_report("北京市", 2024, body)})
    a = qa.ask("北京市测试局2024年公务用车运行维护费平均每辆多少钱？", settings=settings)
    assert a.found and "2.71万元" in a.text and "27073.33元" in a.text


def test_a_share_asked_after_a_total_is_of_that_total(index_of):
    body = "五、国有资产占用情况\n截至2018年底，本部门共有车辆66辆，其中，一般公务用车13辆、执法执勤用车38辆、特种专业技术用车15辆。\n"
    settings = index_of({"cars.txt": tiny_report("江苏省", 2019, body)})
    a = qa.ask("截至2019年江苏省测试局共有多少辆车？执法执勤用车占比多少？", settings=settings)
    assert a.found and "66" in a.text and "57.58%" in a.text and "38 ÷ 66" in a.text


def test_a_whole_asked_each_of_comes_with_its_parts(index_of):
    body = ("六、“三公”经费预算情况说明\n2019年“三公”经费预算数为508.20万元。其中，因公出国（境）费70.00万元，"
            "公务用车购置及运行维护费411.20万元，公务接待费27.00万元。\n")
    settings = index_of({"sangong.txt": tiny_report("江苏省", 2019, body, kind="预算")})
    a = qa.ask("江苏省测试局2019年三公经费各是多少？", settings=settings)
    assert a.found and all(v in a.text for v in ("508.2", "70", "411.2", "27"))
    b = qa.ask("江苏省测试局2019年三公经费是多少？", settings=settings)
    assert b.found and "508.2" in b.text and "411.2" not in b.text


def test_counts_of_one_kind_listed_in_a_sentence_are_summed_when_asked(index_of):
    body = ("四、重点工作\n目前在省医保信息服务平台中农村低保人员15991人、农村特困人员4893人、脱贫人口23883名、"
            "监测人口159名。\n")
    settings = index_of({"people.txt": tiny_report("武汉市黄陂区", 2024, body)})
    a = qa.ask("黄陂区测试局2024年在省医保信息平台标识的农村低保、特困、脱贫、监测四类人员一共多少人？", settings=settings)
    assert a.found and "44926" in a.text and "15991 + 4893 + 23883 + 159" in a.text


def test_the_index_reads_which_subjects_a_text_writes_out(index_of):
    from qa.api import open_index

    body = ("一、支出预算情况说明\n人大事务（款）人大会议（项）支出1305.25万元，主要用于召开人代会。\n"
            "行政运行（项）支出100.00万元。\n")
    settings = index_of({"m.txt": tiny_report("江苏省", 2017, body)})
    index = open_index(settings=settings)
    ids = [d["doc_id"] for d in index.documents]
    names = {n for n, _ in index.subjects_within("人大会议经费在人大事务支出里占比多少", ids)}
    assert "人大会议" in names and "行政运行" not in names


@pytest.fixture(scope="module")
def procurement_index(index_of):
    body = ("2024年度本部门政府采购支出总额1967.42万元，其中：政府采购货物支出171.7万元、政府采购工程支出3万元、"
            "政府采购服务支出1792.72万元。\n本年支出合计14572.53万元。\n")
    return index_of({"procurement.txt": tiny_report("武汉市黄陂区", 2024, body)})


@pytest.mark.parametrize("question", ["政府采购支出中，服务类采购占采购总额的比例是多少？",
                                      "政府采购金额里服务采购占多少比例？",
                                      "服务类采购在政府采购总额中的占比"])
def test_a_procurement_class_said_in_the_reports_words_is_its_share_of_procurement(procurement_index, question):
    """服务类采购 is how reports write 政府采购服务 (cues.json narrative_subjects): its share of 政府采购."""
    a = qa.ask(f"黄陂区测试局2024年{question}", settings=procurement_index)
    assert a.found and "1792.72 ÷ 1967.42 = 91.12%" in a.text


@pytest.fixture(scope="module")
def basis_index(index_of):
    body = ("2024年度本部门机关运行经费支出13.71万元，比年初预算数减少27.49万元，下降66.7%。\n"
            "2024年度本部门公务接待费支出3.2万元，较调整后预算增加0.8万元。\n"
            "2024年度本部门培训费支出5万元，比上年减少1万元。\n")
    return index_of({"basis.txt": tiny_report("武汉市黄陂区", 2024, body)})


def test_the_basis_a_change_is_measured_against_is_the_amount_less_its_change(basis_index):
    a = qa.ask("黄陂区测试局2024年机关运行经费年初预算是多少？", settings=basis_index)
    assert a.found and a.figures[0].value == 41.2 and "13.71 + 27.49 = 41.2万元" in a.text
    a = qa.ask("黄陂区测试局2024年公务接待费调整后预算是多少？", settings=basis_index)
    assert a.found and a.figures[0].value == 2.4 and "3.2 − 0.8 = 2.4万元" in a.text


def test_a_change_against_last_year_gives_no_budget(basis_index):
    a = qa.ask("黄陂区测试局2024年培训费年初预算是多少？", settings=basis_index)
    assert 6.0 not in {f.value for f in a.figures} and "年初预算数：" not in a.text


@pytest.fixture(scope="module")
def counts_index(index_of):
    body = "2024年异地就医备案4213人次，其中省内异地就医备案1050人次，省外异地就医备案3163人次。\n"
    return index_of({"counts.txt": tiny_report("武汉市黄陂区", 2024, body)})


@pytest.mark.parametrize("question", ["办理的异地就医备案里，省外的占多少？", "异地就医备案中，省外的占几成？"])
def test_a_context_closed_by_a_pause_names_the_whole_of_a_share(counts_index, question):
    a = qa.ask(f"黄陂区测试局2024年{question}", settings=counts_index)
    assert a.found and "3163 ÷ 4213 = 75.08%" in a.text


@pytest.fixture(scope="module")
def two_departments(index_of):
    return index_of({
        "tc.txt": "通城县医疗保障局2023年度部门决算\n\n第一部分 部门概况\n\n2023年度支出合计8726.43万元。\n",
        "qs.txt": "武汉市青山区医疗保障局2023年度部门决算\n\n第一部分 部门概况\n\n2023年度支出合计1228.72万元。\n"})


def test_a_comparison_asked_after_each_department_by_short_names_compares_the_first_item(two_departments):
    a = qa.ask("通城县医保局和青山区医保局2023年支出各是多少？通城比青山多多少？", settings=two_departments)
    assert a.found and "8726.43 − 1228.72 = 7497.71" in a.text


@pytest.fixture(scope="module")
def indicator_index(index_of):
    body = ("部门整体支出绩效自评表\n一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分\n"
            "产出指标 数量指标 参保人数(人) ≥399514 人 384330 人 10 9\n")
    return index_of({"indicator.txt": tiny_report("湖北省咸宁市通城县", 2023, body)})


def test_an_indicators_completion_of_its_target_is_achieved_over_target(indicator_index):
    a = qa.ask("通城县测试局2023年参保人数完成了目标的百分之多少？", settings=indicator_index)
    assert a.found and "384330 ÷ 399514 = 96.2%" in a.text
    a = qa.ask("通城县测试局2023年参保人数比年初目标少了多少人？", settings=indicator_index)
    assert a.found and "384330 − 399514 = -15184人" in a.text


@pytest.fixture(scope="module")
def listed_projects_index(index_of):
    body = ("2026年度，本单位编报绩效目标的项目共3个，涉及项目预算资金80.00万元。其中：咨询服务费40.00万元，"
            "信息系统维护费30.00万元，业务培训费10.00万元。\n")
    return index_of({"r.txt": tiny_report("武汉市江岸区", 2026, body, kind="预算")})


def test_the_largest_listed_items_share_of_their_total_when_asked_after_the_list(listed_projects_index):
    a = qa.ask("江岸区测试局2026年做绩效目标的是哪几个项目？一共多少钱，最大的占几成？", settings=listed_projects_index)
    assert a.found and 80.0 in {f.value for f in a.figures}
    share = [f for f in a.figures if f.unit == "%"]
    assert [f.value for f in share] == [50.0] and "40 ÷ 80" in share[0].formula and "咨询服务费" in share[0].label
    # the amount asked after the list is no share of anything
    a = qa.ask("江岸区测试局2026年做绩效目标的是哪几个项目？钱最多的是哪个，多少钱？", settings=listed_projects_index)
    assert not any(f.unit == "%" for f in a.figures)


@pytest.fixture(scope="module")
def trips_index(index_of):
    body = ("因公出国（境）费20.74万元，主要用于出国考察。2025年本单位组织出国团组3个；全年因公出国（境）累计12人次。\n"
            "公务接待费4.16万元，接待国内来访团组10个，接待40人次。\n")
    return index_of({"r.txt": tiny_report("武汉市江岸区", 2025, body)})


def test_a_count_in_another_unit_asked_after_a_count_is_the_one_stated_beside_it(trips_index):
    a = qa.ask("江岸区测试局2025年组织了几个出国团组，一共多少人次？", settings=trips_index)
    assert a.found and {3.0, 12.0} <= {f.value for f in a.figures} and 40.0 not in {f.value for f in a.figures}


@pytest.fixture(scope="module")
def evaluated_index(index_of):
    body = ("1.医疗救助配套资金项目绩效自评综述：项目全年预算数为 600 万元，执行数为 540 万元，完成预算 90%。\n"
            "2.征缴工作经费项目绩效自评综述：项目全年预算数为 200 万元，执行数为 36.9 万元，完成预算 18.5%。\n"
            "3.网络运行维护费项目绩效自评综述：项目全年预算数 60 万元，执行数为 60 万元，完成预算 100%。\n"
            "4.部门整体绩效自评综述：全年预算数为 900 万元，执行数为 900 万元，完成预算 100%。\n")
    return index_of({"r.txt": tiny_report("武汉市江岸区", 2024, body)})


@pytest.mark.parametrize("question", ["江岸区测试局2024年的绩效自评中，有几个项目完成预算100%？",
                                      "江岸区测试局2024年有几个项目完成了年初预算的100%？"])
def test_projects_that_reached_a_rate_are_counted_and_the_department_as_a_whole_is_none(evaluated_index, question):
    a = qa.ask(question, settings=evaluated_index)
    assert a.found and "共 1 个" in a.text and "网络运行维护费" in a.text and "部门整体" not in a.text


def test_the_execution_rate_of_projects_taken_together_is_their_sums_ratio(evaluated_index):
    a = qa.ask("江岸区测试局2024年3个项目总的预算执行率是多少？", settings=evaluated_index)
    assert a.found and 74.06 in {f.value for f in a.figures} and "636.9 ÷ 860 = 74.06%" in a.text
    # one project's rate is that project's
    a = qa.ask("江岸区测试局2024年征缴工作经费项目执行率是多少？", settings=evaluated_index)
    assert 74.06 not in {f.value for f in a.figures}


@pytest.fixture(scope="module")
def bought_index(index_of):
    body = ("（二）政府采购支出情况\n2024年度政府采购金额（以合同签订为准）为21.07万元，其中：货物采购金额21.07万元、"
            "工程采购金额0万元、服务采购金额0万元。\n")
    return index_of({"r.txt": tiny_report("武汉市江岸区", 2024, body)})


def test_text_asked_after_a_figure_is_answered_beside_it(bought_index):
    a = qa.ask("江岸区测试局2024年政府采购花了多少钱？买的是什么？", settings=bought_index)
    assert a.found and 21.07 in values(a.text) and "货物" in a.text
    a = qa.ask("江岸区测试局2024年政府采购花了多少钱？", settings=bought_index)
    assert a.found and a.text.count("\n") == 0  # (nothing asked beside the figure: one line)


@pytest.fixture(scope="module")
def same_name_index(index_of):
    body = ("一般公共预算财政拨款支出决算表\n单位：万元\n科目编码 科目名称 合计\n"
            "201 一般公共服务支出 120.00\n20105 统计信息事务 20.04\n2010301 行政运行 100.00\n"
            "一般公共预算财政拨款支出决算具体情况\n"
            "1.一般公共服务（类）统计信息事务（款）统计信息事务（项）。年初预算为 77.59 万元，支出决算为 20.04 万元，"
            "完成年初预算的 25.83%。\n"
            "2.一般公共服务（类）政府办公厅（室）及相关机构事务（款）行政运行（项）。年初预算为 110.00 万元，"
            "支出决算为 100.00 万元，完成年初预算的 90.91%。\n")
    return index_of({"r.txt": tiny_report("武汉市江岸区", 2025, body)})


def test_a_项_sharing_its_款s_name_is_a_row_of_the_项_level(same_name_index):
    a = qa.ask("江岸区测试局2025年完成年初预算比例最低的是哪个项级科目？", settings=same_name_index)
    assert a.found and "统计信息事务" in a.text and 25.83 in {f.value for f in a.figures}


@pytest.fixture(scope="module")
def row_reasons_index(index_of):
    body = ("一般公共预算财政拨款支出决算表\n单位：万元\n科目编码 科目名称 合计\n"
            "201 一般公共服务支出 120.00\n20105 统计信息事务 20.04\n2010301 行政运行 100.00\n"
            "一般公共预算财政拨款支出决算具体情况\n"
            "1.一般公共服务（类）统计信息事务（款）统计信息事务（项）。年初预算为 77.59 万元，支出决算为 20.04 万元，"
            "完成年初预算的 25.83%。决算数小于预算数的主要原因：按项目推进情况年中调减项目经费50万元。\n"
            "2.一般公共服务（类）政府办公厅（室）及相关机构事务（款）行政运行（项）。年初预算为 110.00 万元，"
            "支出决算为 100.00 万元，完成年初预算的 90.91%。决算数小于预算数的主要原因：人员调出。\n")
    return index_of({"r.txt": tiny_report("武汉市江岸区", 2025, body)})


def test_the_reason_asked_after_a_ranking_is_the_ranked_rows_own(row_reasons_index):
    """哪个项级科目完成年初预算的比例最低？为什么？: the row found (统计信息事务), then the reason the report gives
    for it, not for another row."""
    a = qa.ask("江岸区测试局2025年哪个项级科目完成年初预算的比例最低？为什么？", settings=row_reasons_index)
    assert a.found and "统计信息事务" in a.text and "调减项目经费" in a.text and "人员调出" not in a.text


def test_the_parts_a_sentence_lists_of_a_project_answer_what_it_is_divided_into(index_of):
    """专项具体分成哪几块: the parts the budget sentence under the project's heading lists, not the section's opening
    sentences."""
    body = ("贸易高质量发展专项（政策资金）经费情况说明\n一、项目概述\n推动本区贸易高质量发展，完成经济指标任务。\n"
            "二、实施方案\n制定实施流程和细则，明确申报指南，发布项目申报通知。\n六、年度预算安排\n"
            "2025年度项目总预算2921.00万，其中支持外贸发展370.00万，支持商销稳增长30.00万，区级支持总部经济1106.00万，"
            "市级支持总部经济1262.00万，进博会推进专项153.00万，合计2921.00万。\n")
    settings = index_of({"r.txt": tiny_report("上海市普陀区", 2025, body, kind="预算")})
    a = qa.ask("上海市普陀区测试局2025年贸易高质量发展专项具体分成哪几块？", settings=settings)
    assert a.found and all(p in a.text for p in ("支持外贸发展", "支持商销稳增长", "区级支持总部经济", "进博会推进专项"))


@pytest.fixture(scope="module")
def cars_index(index_of):
    filler = "".join(f"{k}.本部门履行职责第{k}项工作。\n" for k in range(1, 40))
    body = ("3.国有资产占有使用情况。截至2025年12月31日，本部门共有车辆2辆，均为老干部服务用车。\n" + filler +
            "名词解释\n11.“三公”经费：纳入财政预决算管理的“三公”经费，是指部门用一般公共预算财政拨款安排的因公出国（境）费、"
            "公务用车购置及运行费和公务接待费。\n")
    return index_of({"r.txt": tiny_report("武汉市江岸区", 2025, body, kind="预算")})


def test_text_asked_beside_a_figure_is_read_where_the_figure_is(cars_index):
    a = qa.ask("江岸区测试局有几辆车？是什么车？", settings=cars_index)
    assert a.found and 2.0 in values(a.text) and "名词解释" not in a.text and "是指部门用" not in a.text
    assert "老干部服务用车" in a.text  # (the sentence the count was read from says what the cars are)


@pytest.fixture(scope="module")
def spent_projects_index(index_of):
    body = ("（三）项目支出\n1.医保政策宣传经费项目 5.24 万元，主要成效：全区参保 95.72 万人。\n"
            "2.城乡居民意外伤害保险服务经费项目 304.67 万元，主要成效：减轻群众负担。\n"
            "项目绩效自评结果\n1.医保政策宣传经费项目绩效自评综述：项目全年预算数为 5.21 万元，执行数为 5.21 万元，完成预算的 100%。\n"
            "2.核查中心工作经费项目绩效自评综述：项目全年预算数为 18.35 万元，执行数为 18.35 万元，完成预算的 100%。\n")
    return index_of({"r.txt": tiny_report("武汉市江岸区", 2024, body)})


def test_the_project_that_spent_most_counts_projects_the_narrative_names_with_their_spending(spent_projects_index):
    a = qa.ask("江岸区测试局2024年哪个项目花钱最多？", settings=spent_projects_index)
    assert a.found and "城乡居民意外伤害保险服务经费" in a.text and 304.67 in {f.value for f in a.figures}


def test_a_list_asked_of_a_section_is_its_items_not_the_table_of_contents(index_of):
    filler = "围绕中心工作依法开展各类审判执行工作，不断提升审判质量效率和司法公信力。" * 6
    body = ("目 录\n一、主要职能\n二、2019年部门主要工作任务及目标\n第二部分 部门情况\n"
            f"一、主要职能\n主要职责是：1、依法审判案件。2、管理执行工作。{filler}\n"
            "二、2019年部门主要工作任务及目标\n2019年，全省法院将认真履职。一是以更大力度服务经济社会发展大局。"
            f"{filler}二是以更大力度加强民生司法保障。{filler}三是在加强法院队伍建设上有新作为。\n")
    settings = index_of({"court.txt": tiny_report("江苏省", 2019, body, kind="预算")})
    a = qa.ask("江苏省测试局2019年的主要工作任务有哪几个方面？", settings=settings)
    assert a.found and "服务经济社会发展大局" in a.text and "加强法院队伍建设" in a.text and "目 录" not in a.text
    duties = qa.ask("江苏省测试局的主要职能有哪些", settings=settings)
    assert "依法审判案件" in duties.text  # (a passage under the heading asked is the answer as before)


def test_an_amount_of_something_the_report_says_it_has_none_of_is_none(index_of):
    body = "十二、国有资产占用情况说明\n截至 2024 年 12 月 31 日，本部门无国有资产占用情况。\n"
    settings = index_of({"none.txt": tiny_report("武汉市黄陂区", 2024, body)})
    a = qa.ask("黄陂区测试局2024年国有资产总额是多少", settings=settings)
    assert a.found and "无" in a.text and 0.0 in {f.value for f in a.figures}
    assert "无国有资产占用情况" in a.citations[0].quote.replace(" ", "")


def test_a_figure_of_a_fund_the_report_has_none_of_is_none_not_another_total(index_of):
    """政府性基金预算支出 asked of a report whose 支出总计 is printed and which says it uses no such fund: none (0), cited
    from that sentence — not the department's total (terms.json narrow_funds)."""
    body = ("一、收支预算总体情况\n2026年支出总计1200万元，比上年增加100万元。\n"
            "（七）政府性基金预算支出情况说明\n2026年没有使用政府性基金预算拨款安排的支出，与上年持平。\n")
    settings = index_of({"fund.txt": tiny_report("武汉市黄陂区", 2026, body, kind="预算")})
    for question in ("黄陂区测试局2026年的政府性基金预算支出表里有多少支出？", "黄陂区测试局2026年政府性基金预算支出是多少"):
        a = qa.ask(question, settings=settings)
        assert a.found and 1200.0 not in {f.value for f in a.figures} and 0.0 in {f.value for f in a.figures}
        assert "没有使用政府性基金" in a.citations[0].quote.replace(" ", "")


def test_none_of_one_item_is_not_read_as_none_of_an_item_sharing_its_first_characters(index_of):
    """`无国有资本经营预算…` shares 国有资 with 国有资产, a word neither says: no 0 for 国有资产总额."""
    body = ("三、部门收支情况\n本部门无国有资本经营预算拨款收入，也无使用国有资本经营预算拨款安排的支出。\n"
            "十二、国有资产占用情况说明\n截至2024年12月31日，本部门共有车辆3辆。\n")
    settings = index_of({"capital.txt": tiny_report("武汉市黄陂区", 2024, body)})
    a = qa.ask("黄陂区测试局2024年国有资产总额是多少", settings=settings)
    assert "无（0）" not in a.text and 0.0 not in {f.value for f in a.figures}


def test_a_computed_change_asked_by_its_amount_and_its_rate_states_both(small_index):
    a = qa.ask("江岸区2023年城乡医疗救助实际支出比预算多了多少？变化幅度是多少？", settings=small_index)
    assert {-50.0, -25.0} <= {f.value for f in a.figures}


@pytest.mark.parametrize("question", ["江岸区2023年城乡医疗救助实际支出比预算变化了多少",
                                      "江岸区 城乡医疗救助 2023 实际支出比预算变化"])
def test_a_change_asked_by_a_bare_change_word_states_its_amount_and_rate(small_index, question):
    """Neither 多少 nor 百分之几 said after the change word (比预算减少), or 变化了多少: both are its answer."""
    a = qa.ask(question, settings=small_index)
    assert {-50.0, -25.0} <= {f.value for f in a.figures}, a.text


def test_a_change_asked_only_after_figures_the_report_states_answers_them_and_says_the_change_is_missing(index_of):
    """`三公经费预算多少？…分别多少？和去年比有变化吗？` of a report stating this year's figures alone: those figures,
    and the change said missing — not the whole question refused; asked first, the change alone is refused."""
    body = "六、“三公”经费预算情况说明\n2026年“三公”经费预算458.50万元，其中公务接待费28.50万元，公务用车运行维护费250.00万元。\n"
    settings = index_of({"sangong.txt": tiny_report("北京市", 2026, body, kind="预算")})
    a = qa.ask("北京市测试局2026年三公经费预算多少？公务接待费和公务用车运行维护费分别多少？和去年比有变化吗？",
               settings=settings)
    assert a.found and {458.5, 28.5, 250.0} <= {f.value for f in a.figures} and "没有所问的增减" in a.text
    b = qa.ask("北京市测试局2026年三公经费预算比去年增加了多少？", settings=settings)
    assert not b.found


def test_a_count_asked_in_a_unit_of_the_same_kind_is_answered_by_the_one_printed(index_of):
    """`几台车` of a report counting its cars in 台 (or 辆): 辆 and 台 count the same things (count_unit_kinds)."""
    body = "三、国有资产占用情况说明\n截至2025年底，共有车辆17台，单位价值100万元以上的设备2台（套）。\n"
    settings = index_of({"cars.txt": tiny_report("北京市", 2026, body, kind="预算")})
    for q in ("北京市测试局一共有几台车？", "北京市测试局有几辆车"):
        a = qa.ask(q, settings=settings)
        assert a.found and "17" in a.text and "2台" not in a.text, q


def test_a_count_noun_asked_with_数_is_counted_in_its_own_unit_not_by_the_count_beside_it(index_of):
    """`编制数`: 编制 is counted in 人 (questions.json counted_nouns), and `38个处室` before it counts 处室."""
    body = "一、部门基本情况\n内设机构有 38 个处室，编制 338 名，其中行政编制 200 名、事业编制 34名。\n"
    settings = index_of({"staff.txt": tiny_report("江苏省", 2018, body, kind="预算")})
    a = qa.ask("江苏省测试局2018年的编制数", settings=settings)
    assert a.found and "338" in a.text and "38个" not in a.text
    a = qa.ask("江苏省测试局2018年人员经费自评多少分", settings=settings)  # (人员 of 人员经费 asks no head count)
    assert "338" not in a.text


def test_the_row_an_answer_found_at_one_end_is_what_a_later_part_naming_no_item_asks_of():
    from qa.answer.later_parts import top_row
    from qa.models import Answer, Figure

    a = Answer("q", True, "测试局：项目绩效自评（自评分数）中项目最低的是：1. 信息化运行维护 88.5分。",
               figures=(Figure(88.5, "分", "信息化运行维护 自评分数", "升序第1（自评分数）"),))
    assert top_row(a) == "信息化运行维护"
    listed = Answer("q", True, "测试局：…中项目最高的3个依次为：1. 甲 3万元；2. 乙 2万元；3. 丙 1万元。",
                    figures=(Figure(3.0, "万元", "甲 预算数", "降序第1"),))
    assert top_row(listed) is None  # (three rows: no one row)
    assert top_row(Answer("q", True, "测试局：三公经费预算数：509.2万元。", figures=(Figure(509.2, "万元", "三公经费"),))) is None


def test_the_passage_path_reads_a_users_long_word_for_an_item_in_the_reports_words():
    from qa.answer.passages import item_text
    from qa.search.query import Query

    assert "便携式计算机" in item_text(Query(text="今年要买多少台笔记本电脑", topic="今年要买 台笔记本电脑"))
    assert "买公车" in item_text(Query(text="买公车花多少", topic="买公车"))  # (a short word stays as said)


def test_the_counting_unit_asked_in_is_no_word_of_the_passages_item():
    """多少个内设处室: 个 is how the count is asked; left in, a sentence holding 个 alone covered the item."""
    from qa.answer.passages import item_text
    from qa.search.query import Query

    assert item_text(Query(text="宣传部有多少个内设处室？", topic="个内设处室")) == "内设处室"
    assert item_text(Query(text="个人所得税是多少", topic="个人所得税")) == "个人所得税"  # (no count asked in 个)


def test_last_years_figure_asked_of_the_year_named_is_its_reports_上年(index_of):
    """`2026年高等教育上一年安排的是多少`: the 2026 report's own 上年 figure — here its amount less the change it states."""
    body = "三、支出情况说明\n7.普通教育（款）高等教育（项）支出10,000万元，与上年相比增加9,000万元，增长900%。\n"
    settings = index_of({"edu.txt": tiny_report("无锡市", 2026, body, kind="预算")})
    for q in ("无锡市测试局2026年高等教育上一年安排的是多少？", "无锡市测试局2026年高等教育去年预算多少"):
        a = qa.ask(q, settings=settings)
        assert a.found and "1000" in a.text.replace(",", "") and "本年10000 − 增加9000" in a.text.replace(",", ""), q
    a = qa.ask("无锡市测试局2026年高等教育比上年增加多少", settings=settings)  # (a change asked stays the change)
    assert "9000" in a.text.replace(",", "")


def test_a_change_asked_after_a_count_is_the_counts_change_not_the_count_again(index_of):
    """`参保缴费人数多少？比上年少了多少人？`: the second part asks a change in the same unit, not another count
    beside the first; the report prints the change under a shorter name of the item (参保人数)."""
    body = ("六、绩效评价情况说明\n数量指标：我县2023年参保缴费人数384330人。\n"
            "造成2023年较2022年参保人数下降了15184人以及保费下降。\n")
    settings = index_of({"insured.txt": tiny_report("通城县", 2023, body)})
    a = qa.ask("通城县测试局2023年参保缴费人数多少？比2022年少了多少人？", settings=settings)
    assert a.found and "384330" in a.text and "15184" in a.text


def test_a_subject_that_ends_with_its_measures_name_is_not_said_twice(index_of):
    body = "六、绩效评价情况说明\n数量指标：我县2023年参保缴费人数384330人。\n"
    settings = index_of({"insured-once.txt": tiny_report("通城县", 2023, body)})
    a = qa.ask("通城县测试局2023年参保缴费人数多少", settings=settings)
    assert "384330" in a.text and "人数人数" not in a.text


def test_a_share_of_counts_named_in_the_users_words_finds_both_figures(index_of):
    """`公车里，执法执勤车占多大比例`: 公车 is 公务用车 (terms.json subject_aliases), 执法执勤车 is 执法执勤用车 with a
    word left out; the 的 after the department's name is no part of the whole's name."""
    body = ("三、国有资产占用情况说明\n截至2024年12月底，本单位共有公务用车102辆，其中，机要通信用车1辆，"
            "执法执勤用车84辆，特种专业技术用车17辆。\n")
    settings = index_of({"cars-share.txt": tiny_report("长沙市", 2025, body, kind="预算")})
    a = qa.ask("长沙市测试局的公车里，执法执勤车占多大比例？", settings=settings)
    assert a.found and "82.35%" in a.text and "84 ÷ 102" in a.text


def test_a_grade_asked_is_read_from_the_reports_own_sentence_when_the_cited_one_gives_none(index_of):
    """`得了多少分？评价等级？`: the score's sentence gives no grade; the report states it in another sentence
    (`整体支出绩效评价结果级别为：“优”`), which is added and cited."""
    body = ("五、部门整体绩效评价\n2023年医保局整体绩效自评得分为98.8分。\n"
            "组织开展部门整体支出绩效评价，我单位2023年度整体支出绩效评价结果级别为：“优”。\n")
    settings = index_of({"grade.txt": tiny_report("通城县", 2023, body)})
    a = qa.ask("通城县测试局2023年部门整体绩效自评得了多少分？评价等级？", settings=settings)
    assert a.found and "98.8" in a.text and "等级：优" in a.text
    assert any("级别为" in c.quote for c in a.citations)


def test_a_self_evaluation_forms_word_for_a_projects_whole_funds_names_no_part_of_them():
    """年度资金总额 is how a project's self-evaluation form labels its whole funds, above 其中：财政拨款 / 其他资金:
    asked with it (`信息化运行维护项目年度资金总额执行率`), the project is the item, not its 其他资金 row."""
    from qa.answer.match import match_question

    subjects = {"信息化运行维护", "信息化运行维护财政拨款", "信息化运行维护其他资金", "信息化运行维护上年结转资金"}
    got = match_question("信息化运行维护项目年度资金总额", subjects)
    assert got is not None and got.subjects == ("信息化运行维护",)


@pytest.mark.parametrize("item, subjects", [("人员经费是多少", ("人员经费合计",)), ("人员经费", ("人员经费合计",)),
                                            ("人员经费\U000f0001", ("人员经费合计",))])  # (a private-use code point)
def test_a_counting_word_inside_a_reports_name_is_part_of_the_name(item, subjects):
    """人 of 人员经费 counts nothing: three characters of a report's name hold it (人员经合计 … 人员经费合计)."""
    from qa.answer.match import match_question

    names = {"人员经费合计", "公用经费合计", "2019年度聘请专家人员经费", "收入总计", "支出总计"}
    got = match_question(item, names)
    assert got is not None and got.subjects == subjects


@pytest.mark.parametrize("item", ["实际在编在职和离退休人员各多少人", "实际在编在职人员和离退休人员各多少"])
def test_two_heads_joined_with_the_noun_said_once_are_both_found(item):
    """`实际在编在职和离退休人员`: 人员 said after the later name is the first's too; 在职人员 inside a report's own
    item said in full (实际在编在职人员) is no user word for 实有人员."""
    from qa.answer.match import match_question

    subjects = {"编制", "行政编制", "实际在编在职人员", "离退休人员", "实有人员"}
    got = match_question(item, subjects)
    assert got is not None and got.subjects == ("实际在编在职人员", "离退休人员")


@pytest.mark.parametrize("column", ["合计", "资金总额"])
def test_a_budget_asked_of_a_row_with_only_its_total_column_is_that_column(column):
    """`预算` reads 年初预算数, 预算数 and 全年预算数; a budget's row that prints only its 合计 (a 支出总表 row), or a
    project that prints only its 资金总额 (a 绩效目标表), states its own amount there."""
    from qa.answer.statements import statements_for

    facts = [Fact("d", "警务辅助人员经费", column, 15470.0, "万元", "警务辅助人员经费 15,470.00", "项目支出绩效目标表"),
             Fact("d", "警务辅助人员经费", "人数", 500.0, "人", "招录辅警500人")]
    got = statements_for("d", facts, ["警务辅助人员经费"], ["年初预算数", "预算数", "全年预算数"], True, "预算")
    assert [(s.measure, s.value) for s in got] == [(column, 15470.0)]
    assert statements_for("d", facts, ["警务辅助人员经费"], ["年初预算数", "全年预算数"], True, "预算") == []


@pytest.mark.parametrize("item", ["本年收入", "当年收入"])
def test_the_years_total_is_asked_as_the_narrative_names_it(item):
    """`本年收入15240.35万元` is read as 收入合计 by the narrative reader; asked so, it is the same subject."""
    from qa.answer.match import match_question

    got = match_question(item, ["收入合计", "支出合计", "基本支出"])
    assert got is not None and got.subjects == ("收入合计",)


def test_items_listed_by_their_short_names_are_each_found():
    """`学前、小学、初中这三项`: each a report's 科目 said short; 初中 ends in 中 but says no context (基本支出中 does),
    and 学前 keeps its 前 (a direction said by one character, 前三, stands before its count)."""
    from qa.answer.loose_match import match_members
    from qa.answer.said_names import operation_free

    subjects = {"学前教育", "小学教育", "初中教育", "高中教育", "基本支出"}
    got = match_members("学前 小学 初中这三项财政拨款加起来", subjects)
    assert got is not None and got.subjects == ("学前教育", "小学教育", "初中教育")
    assert "学前" in operation_free("学前教育排名前三") and "前三" not in operation_free("学前教育排名前三")
    assert "调整后" in operation_free("调整后的预算") and "后5" not in operation_free("后5名")


@pytest.fixture(scope="module")
def spent_index(index_of):
    said = "{n}.卫生健康支出(类)医疗救助(款){item}(项)。年初预算为{plan}万元，支出决算为{spent}万元。\n"
    rows = [("城乡医疗救助", 200, 150), ("疾病应急救助", 100, 40), ("其他医疗救助支出", 50, 20), ("医疗救助管理", 80, 79),
            ("优抚对象医疗", 100, 10), ("公务员医疗补助", 100, 50)]
    body = "".join(said.format(n=i, item=item, plan=p, spent=s) for i, (item, p, s) in enumerate(rows, 1))
    return index_of({"east.txt": tiny_report("武汉市江岸区", 2023, body)})


def test_rows_a_condition_picks_are_listed_with_their_figures_once(spent_index):
    """`哪几项执行率不到60%，一共几项`: the rows picked, each with the rate it was picked by, counted in the same line;
    the count asked after them adds no second list. Asked only how many, the rows are named without figures."""
    a = qa.ask("江岸区2023年哪几项执行率不到60%，一共几项", settings=spent_index)
    assert a.found and "疾病应急救助 40%" in a.text and "优抚对象医疗 10%" in a.text and "共 4 个" in a.text
    assert a.text.count("疾病应急救助") == 1
    a = qa.ask("江岸区2023年执行率不到60%的项有几个", settings=spent_index)
    assert a.found and "共 4 个" in a.text and "40%" not in a.text


def test_a_name_holding_a_rates_word_is_that_item_not_a_rate_of_another():
    """`医疗救助标准执行率的实际完成值`: an indicator whose name holds 执行率, said whole, is looked up; 执行率 asked of
    城乡医疗救助 (no name holding the word said) is the rate computed for it."""
    from qa.answer.one_report import _names_the_rate

    facts = [Fact("d", "医疗救助标准执行率", "实际完成值", 100.0, "%", "医疗救助标准执行率100% 100% 10"),
             Fact("d", "城乡医疗救助", "决算数", 995.33, "万元", "q")]
    assert _names_the_rate("医疗救助标准执行率的实际完成值", "执行率", facts)
    assert not _names_the_rate("城乡医疗救助执行率", "执行率", facts)


def test_the_words_leading_up_to_a_list_of_three_joined_by_he_are_no_member():
    """`…项目计划采购的便携式计算机、扫描仪和打印机`: three members, the last two joined by 和; the first carries the words
    that lead up to the list, as it does in a list of three said with 、."""
    from qa.answer.loose_match import match_members

    subjects = {"购置便携式计算机", "购置扫描仪", "购置打印机", "信息化设备购置"}
    got = match_members("信息化设备购置项目计划采购的便携式计算机 扫描仪和打印机加起来一共", subjects)
    assert got is not None and got.subjects == ("购置便携式计算机", "购置扫描仪", "购置打印机")


@pytest.mark.parametrize("subjects, want", [
    ({"收入总计", "支出总计", "基本支出"}, "收入总计"),  # a 收支总表 balances: its 收入总计 is the 收支总计
    ({"收入支出总计", "收入总计"}, "收入支出总计"),  # the report's own name of it comes first
    ({"收支总计", "收入总计"}, "收支总计"),
])
def test_a_total_a_report_prints_under_another_name_is_read_as_it(subjects, want):
    from qa.answer.match import match_question

    got = match_question("收入支出总计", subjects)
    assert got is not None and got.subjects[0] == want


def test_every_stated_as_name_is_a_total_and_not_an_alias_of_its_item():
    from qa.lexicon import terms

    vocab = terms()
    for name, entry in vocab["items"].items():
        for other in entry.get("stated_as", ()):
            assert other in vocab["total_subjects"] and other not in entry["aliases"], (name, other)


def test_a_base_years_own_change_is_no_change_between_the_years_asked():
    from dataclasses import replace

    from qa.answer.facts import answer_from_facts
    from qa.search.query import parse_question

    class Index:
        documents_by_id = {"old": {"doc_id": "old", "department": "测试局", "region": None, "year": 2017, "kind": "预算",
                                   "title": "测试局2017年度部门预算", "source": "old.pdf"}}

        def facts(self, ids):
            return [Fact("old", "会议费", "预算数", 100.0, "万元", "会议费预算100万元，比上年增加10万元，增长11.11%"),
                    Fact("old", "会议费", "增减额", 10.0, "万元", "会议费预算100万元，比上年增加10万元，增长11.11%"),
                    Fact("old", "会议费", "增减率", 11.11, "%", "会议费预算100万元，比上年增加10万元，增长11.11%")]

    q = parse_question("测试局2019年会议费比2017年增长了多少？")
    q = replace(q, departments=("测试局",))
    a = answer_from_facts(q.text, q, ["old"], Index())
    assert a is None or ("10万元" not in a.text and "11.11" not in a.text)


def test_a_gap_in_percentage_points_between_the_two_rates_stated():
    from qa.answer.points import with_point_gap

    a = Answer(question="q", found=True, text="甲执行率92.7%；乙执行率12.2%。",
               figures=(Figure(92.7, "%", "甲执行率"), Figure(12.2, "%", "乙执行率")))
    got = with_point_gap(a, "两个科目的完成率相差多少个百分点？")
    assert "80.5 个百分点" in got.text and got.figures[-1].value == 80.5
    assert with_point_gap(a, "两个科目的完成率分别是多少？") is a


def test_a_gap_in_points_states_the_two_rates_without_the_amounts_they_were_worked_from():
    """`两个科目的年初预算完成率相差多少个百分点`: the rates and their gap; each rate's budget and final amounts are in its
    citations, not in the answer."""
    from qa.answer.points import with_point_gap

    text = ("某局2024年度部门决算：行政运行年初预算数：459.2万元；行政运行决算数：425.51万元；行政运行执行率：92.70%。\n"
            "某局2024年度部门决算：一般行政管理事务年初预算数：178.49万元；一般行政管理事务执行率：12.2%。")
    a = Answer(question="q", found=True, text=text,
               figures=(Figure(459.2, "万元", "行政运行年初预算数"), Figure(425.51, "万元", "行政运行决算数"),
                        Figure(92.7, "%", "行政运行执行率"), Figure(178.49, "万元", "一般行政管理事务年初预算数"),
                        Figure(12.2, "%", "一般行政管理事务执行率")))
    got = with_point_gap(a, "两个科目的年初预算完成率相差多少个百分点？")
    assert "459.2" not in got.text and "178.49" not in got.text and "425.51" not in got.text
    assert "某局2024年度部门决算：行政运行执行率：92.70%。" in got.text and "80.5 个百分点" in got.text


def test_a_gap_in_points_between_two_shares_stated_beside_a_change_rate():
    from qa.answer.points import with_point_gap

    a = Answer(question="q", found=True, text="2018年基本支出占比55.98%，增长8.45%；2017年基本支出占比59.35%。",
               figures=(Figure(55.98, "%", "基本支出占比"), Figure(8.45, "%", "基本支出增减率"), Figure(59.35, "%", "基本支出占比")))
    got = with_point_gap(a, "基本支出占比比2017年下降了几个百分点？")
    assert got.figures[-1].value == 3.37


def test_a_gap_to_the_full_mark_the_question_names_in_words():
    from qa.answer.points import with_gap_to_named_value

    a = Answer(question="q", found=True, text="某项目自评分数：83.7分。", figures=(Figure(83.7, "分", "某项目自评分数"),))
    got = with_gap_to_named_value(a, "自评总分比满分少了多少分？", "增减额")
    assert "100 − 83.7 = 16.3分" in got.text and got.figures[-1].value == 16.3
    assert with_gap_to_named_value(a, "自评总分离满分还差几分", None).figures[-1].value == 16.3
    assert with_gap_to_named_value(a, "自评总分是多少分？满分多少？", None) is a  # (no gap asked)
    money = Answer(question="q", found=True, text=a.text, figures=(Figure(83.7, "万元", "某项目支出"),))
    assert with_gap_to_named_value(money, "比满分少了多少分？", "增减额") is money  # (no score stated)


def test_the_words_of_the_division_name_no_part_of_the_amount_divided():
    """`公务接待平均每接待一人次花了多少`: 平均每接待一人次 names the count; the amount is 公务接待(费), stated in
    another sentence than the count."""
    from qa.models import Fact

    from .test_operations import ask

    facts = [Fact("d", "公务接待费", "决算数", 0.9, "万元", "公务接待费支出决算为0.9万元，完成预算的15.52%。"),
             Fact("d", "公务用车运行维护费", "决算数", 40.61, "万元", "公务用车运行维护费支出决算为40.61万元。"),
             Fact("d", "使用财政拨款的公务接待", "人次", 152.0, "人次", "使用财政拨款的公务接待10批次、152人次。")]
    a = ask("测试局2024年公务接待平均每接待一人次花了多少元？", facts)
    assert a is not None and "0.9万元 ÷ 152人次 = 59.21元/人次" in a.text


@pytest.fixture(scope="module")
def members_index(index_of):
    return index_of({"east.txt": tiny_report("武汉市江岸区", 2024, (
        "医疗保险参保情况稳定。2024 年底全区参保 95.72 万人。其中，城乡居民医保参保 80.65 万人，"
        "医保基金筹资规模达 8.34 亿元。职工医保参保 15.07 万人。\n"))})


def test_a_share_of_the_whole_a_其中_sentence_follows_is_taken_of_that_whole(members_index):
    a = qa.ask("江岸区2024年底的医保参保人数中，城乡居民医保占几成？", settings=members_index)
    assert a.found and "84.26%" in a.text and "80.65 ÷ 95.72" in a.text


@pytest.fixture(scope="module")
def rates_index(index_of):
    said = "{n}.一般公共服务支出(类)政府办公厅(室)及相关机构事务(款){item}(项)。年初预算为{b}万元，支出决算为{f}万元，完成年初预算的{r}%。\n"
    rows = [("行政运行", 200, 100, 50), ("一般行政管理事务", 80, 72, 90), ("机关服务", 40, 10, 25), ("信访事务", 30, 30, 100)]
    return index_of({"r.txt": tiny_report("武汉市江岸区", 2024, "".join(
        said.format(n=n, item=i, b=b, f=f, r=r) for n, (i, b, f, r) in enumerate(rows, 1)))})


def test_rates_asked_of_each_row_just_listed_with_its_rate_are_not_asked_again(rates_index):
    """`哪些项的决算不到年初预算的60%？完成率各多少？`: the rows listed with their rates answer both; the second
    part is not read as the department's own rate."""
    a = qa.ask("江岸区2024年哪些项的决算不到年初预算的60%？完成率各多少？", settings=rates_index)
    assert a.found and "行政运行" in a.text and "机关服务" in a.text and "一般行政管理事务" not in a.text
    assert "50%" in a.text and "25%" in a.text and "90%" not in a.text


def test_a_per_head_figure_of_an_amount_named_after_its_context_over_each_post_counted_in_its_own_unit():
    """`财政拨款基本支出里的人员经费，平均每个编制摊多少`: the amount after 里的 (not 财政拨款), over the 编制 counted in
    名 (每个 is no unit of what is counted)."""
    from qa.models import Fact

    from .test_operations import ask

    said = "办公厅设24个处室，编制338名，其中行政编制200名、事业编制138名。"
    facts = [Fact("d", "财政拨款", "预算数", 21585.6, "万元", "财政拨款收入21585.6万元。"),
             Fact("d", "人员经费", "预算数", 7670.82, "万元", "（一）人员经费7670.82万元。"),
             Fact("d", "处室", "个数", 24.0, "个", said), Fact("d", "编制", "人数", 338.0, "名", said),
             Fact("d", "行政编制", "人数", 200.0, "名", said), Fact("d", "事业编制", "人数", 138.0, "名", said)]
    a = ask("按编制数算，测试局2024年财政拨款基本支出里的人员经费，平均每个编制摊多少？", facts)
    assert a is not None and "7670.82万元 ÷ 338名" in a.text
