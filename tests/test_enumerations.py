"""Lists a sentence prints (`总预算X万，其中A x万，B y万…`) and aggregates answered from them."""
from __future__ import annotations

import random

import pytest

import qa
from qa.answer.enumerations import enumerations
from qa.text.numbers import find_numbers

from .conftest import tiny_report


def test_wan_alone_after_a_figure_is_wan_yuan():
    got = [(n.value, n.unit, n.kind) for n in find_numbers("总预算2921.00万，其中支持外贸发展370.00万。")]
    assert got == [(2921.0, "万元", "amount"), (370.0, "万元", "amount")]


@pytest.mark.parametrize("text", ["宣传折页 43 万册", "约60 万参保人", "台式计算机（20万以上）"])
def test_wan_before_another_word_stays_a_count(text):
    assert all(n.unit != "万元" for n in find_numbers(text))


def test_a_breakdown_after_its_total_is_read_with_its_head_and_total():
    (e,) = enumerations("六、年度预算安排\n2025年度项目总预算2768.00万，其中支持外贸发展370.00万，支持商销稳增长30.00万，"
                        "区级支持总部经济1106.00万，市级支持总\n部经济1262.00万，合计2768.00万。\n七、绩效目标")
    assert [(i.label, i.value) for i in e.items] == [
        ("支持外贸发展", 370.0), ("支持商销稳增长", 30.0), ("区级支持总部经济", 1106.0), ("市级支持总部经济", 1262.0)]
    assert e.total.value == 2768.0 and "项目总预算" in e.head and e.adds_up


def test_letter_spaced_items_and_a_list_opened_by_a_colon():
    (e,) = enumerations("公用经费 94.88 万元，主要包括：办 公 费 14.91 万 元、印刷费 3.13 万元、劳务费 19.93 万元。")
    assert [i.label for i in e.items] == ["办公费", "印刷费", "劳务费"] and e.total.value == 94.88


def test_changes_between_items_are_not_items():
    (e,) = enumerations("收入合计100万元，其中财政拨款80万元，比上年增加10万元；其他收入20万元，比上年减少5万元。")
    assert [(i.label, i.value) for i in e.items] == [("财政拨款", 80.0), ("其他收入", 20.0)] and e.adds_up


def test_a_sentence_of_one_figure_and_its_change_is_no_list():
    assert enumerations("2023年财政拨款支出1000万元，比上年增加20万元，增长2%。主要是人员增加。") == []


def test_generated_breakdowns_round_trip():
    rng = random.Random(7)
    for _ in range(50):
        names = rng.sample(["培训", "宣传", "维修", "调研", "信息化", "审计", "印刷", "咨询"], rng.randint(2, 6))
        values = [round(rng.uniform(1, 900), 2) for _ in names]
        body = "，".join(f"{n}经费{v:.2f}万元" for n, v in zip(names, values))
        (e,) = enumerations(f"项目总预算{sum(values):.2f}万元，其中{body}。")
        assert [(i.label, i.value) for i in e.items] == [(f"{n}经费", v) for n, v in zip(names, values)]


@pytest.fixture(scope="module")
def projects_index(index_of):
    body = ("一、部门职责\n负责本区商贸工作。\n"
            "二、外贸专项经费情况说明\n（一）项目概述\n推动外贸发展。\n（二）年度预算安排\n"
            "2025年度项目总预算500.00万，其中支持外贸企业200.00万，支持展会100.00万，支持跨境电商150.00万，"
            "支持物流50.00万，合计500.00万。\n"
            "三、商业专项经费情况说明\n（一）项目概述\n促进消费。\n（二）年度预算安排\n"
            "2025年度项目总预算90.00万，其中支持品牌40.00万，支持地标30.00万，支持便民20.00万，合计90.00万。\n")
    return index_of({"trade.txt": tiny_report("上海市普陀区", 2025, body)})


def test_the_largest_item_of_the_named_project(projects_index):
    a = qa.ask("普陀区测试局2025年外贸专项里哪一块钱最多？", settings=projects_index)
    assert a.found and "支持外贸企业" in a.text and "200" in a.text
    assert any("支持外贸企业200.00万" in c.quote.replace(" ", "") for c in a.citations)


def test_the_items_of_a_project_asked_what_they_are(projects_index):
    """外贸专项分别是什么、各多少钱: 什么 names nothing of the list."""
    a = qa.ask("普陀区测试局2025年外贸专项分别是什么、各多少钱？", settings=projects_index)
    assert a.found and all(w in a.text for w in ("支持外贸企业", "支持展会", "支持跨境电商", "支持物流"))


def test_the_smallest_item_of_the_other_project(projects_index):
    a = qa.ask("普陀区测试局2025年商业专项里哪一项最少？", settings=projects_index)
    assert a.found and "支持便民" in a.text and "外贸" not in a.text


def test_the_sum_of_a_project_leaving_one_out(projects_index):
    a = qa.ask("普陀区测试局2025年外贸专项除了支持物流，其余几块加起来一共多少？", settings=projects_index)
    assert a.found and "450" in a.text


def test_the_largest_item_and_its_share_of_the_whole_project(projects_index):
    a = qa.ask("普陀区测试局2025年外贸专项里哪一块钱最多？占整个专项的比例是多少？", settings=projects_index)
    assert a.found and "支持外贸企业" in a.text and "40%" in a.text and "200 ÷ 500" in a.text


def test_a_share_of_the_largest_item_and_the_sum_of_the_items_asked_in_turn(projects_index):
    a = qa.ask("普陀区测试局2025年商业专项里哪一项最多？三项加起来多少？", settings=projects_index)
    assert a.found and "支持品牌" in a.text and "90" in a.text


def test_a_numbered_list_is_read_item_by_item_across_its_sentences():
    text = ("项目支出主要用于①城乡医疗救助 995.33 万元，主要用于为困难群众提供救助。②医保基金监管经费 60 万元，"
            "主要一是用于督促定点医药机构，追回违规医保基金 76.83 万元。③医疗保障工作经费 15 万\n元，主要用于日常工作。")
    (e,) = enumerations(text)
    assert [(i.label, i.value) for i in e.items] == [("城乡医疗救助", 995.33), ("医保基金监管经费", 60.0),
                                                     ("医疗保障工作经费", 15.0)]
    assert e.head == "项目支出主要用于" and e.cited[1] == "②医保基金监管经费60万元"


@pytest.fixture(scope="module")
def numbered_index(index_of):
    filler = "主要用于保障机关正常运转，主要成效是工作顺利开展，群众满意度提高，各项任务按期完成。" * 3
    body = ("一、支出决算情况说明\n2023年度项目支出1097.63万元。项目支出主要用于"
            f"①城乡医疗救助995.33万元，{filler}②医保基金监管经费60万元，{filler}③大病医疗救助工作经费10万元，"
            f"{filler}④医疗保障工作经费15万元，{filler}⑤门诊共济宣传经费17.30万元，{filler}\n二、其他情况\n无。\n")
    return index_of({"list.txt": tiny_report("武汉市青山区", 2023, body)})


def test_the_rest_of_a_numbered_list_added_up(numbered_index):
    a = qa.ask("青山区测试局2023年除了城乡医疗救助，其余几个项目一共花了多少？", settings=numbered_index)
    assert a.found and "102.3" in a.text and "995.33" not in a.text


def test_the_smallest_item_of_a_numbered_list(numbered_index):
    a = qa.ask("青山区测试局2023年项目支出里哪个项目花钱最少？", settings=numbered_index)
    assert a.found and "大病医疗救助工作经费" in a.text


def test_a_list_numbered_in_brackets_is_read_too():
    (e,) = enumerations("主要安排情况如下：(一)基本支出 282.86 万元，(二)项目支出 455 万元，其中：\n\n（1）机构运转费用 32.65 万元；\n\n"
                        "（2）打击欺诈骗保费用 72.35 万元；\n\n（3）医疗救助经费发放费用 350 万元；\n\n三、一般公共预算基本支出安排情况")
    assert [(i.label, i.value) for i in e.items] == [("机构运转费用", 32.65), ("打击欺诈骗保费用", 72.35),
                                                     ("医疗救助经费发放费用", 350.0)]


def test_an_account_repeating_its_labels_is_no_list():
    assert enumerations("开展自查自纠，追回违规医保基金 76.83 万元；加强药店监管，追回违规医保基金 10.45 万元，"
                        "加倍扣减 8.28 万元，追回违规医保基金 68.02 万元。") == []


CARS = ("截至2024年12月31日，本部门共有车辆15辆，其中，机要通信用车2辆、应急保障用车2辆、离退休干部用车3辆、"
        "其他用车8辆；单价100万元以上设备0台（套）。\n")


def test_things_counted_in_one_unit_are_a_list_when_their_kinds_are_asked():
    (e,) = enumerations(CARS, counts=True)
    assert [(i.label, i.value, i.unit) for i in e.items][-1] == ("其他用车", 8.0, "辆") and e.adds_up
    assert enumerations(CARS) == []  # (no amounts: a list of counts only when things are counted)


def test_the_kind_of_car_most_held_in_each_report_named(index_of):
    """`信访局的车里哪类最多`: of each 信访局 report, the list its sentence prints, labelled; a report printing none
    says so. 哪类 of things counted is no 科目 level."""
    from qa.search.operation import parse_operation

    assert parse_operation("信访局的15辆车里哪类最多").level is None and parse_operation("哪一类功能支出最多").level == "类"
    settings = index_of({"a.txt": tiny_report("武汉市江岸区", 2024, CARS).replace("测试局", "信访局"),
                         "b.txt": tiny_report("武汉市青山区", 2024, "本部门共有车辆3辆。\n").replace("测试局", "信访局")})
    a = qa.ask("信访局2024年的车里哪类最多", settings=settings)
    assert a.found and "其他用车 8辆" in a.text and "没有所问的分项" in a.text


def test_a_name_ending_in_ji_keeps_it():
    (e,) = enumerations("政府购买服务预算支出合计88.65万元。包括：后勤服务16万元，监督检查25万元，财务会计审计30万元，"
                        "绩效评价3万元，其他14.65万元。")
    assert "财务会计审计" in [i.label for i in e.items]


def test_a_question_naming_a_table_of_the_reports_facts_reads_its_rows():
    """`项目支出预算表里哪个项目最大` names the table 2026年市级部门项目支出预算表 表10: its rows are asked, not a list
    a sentence gives; a question naming no such table does not."""
    from qa.answer.listed_rows import names_a_table
    from qa.models import Fact

    facts = [Fact("d", "军休服务管理", "合计", 2596.4, "万元", "军休服务管理 2596.40", "2026年市级部门项目支出预算表 表10",
                  None, 31)]
    assert names_a_table("湖州市退役军人事务局2026年项目支出预算表里哪个项目最大", facts)
    assert not names_a_table("湖州市退役军人事务局2026年哪个项目最大", facts)
    assert not names_a_table("湖州市退役军人事务局2026年收入预算表里哪个最大", facts)


def test_projects_asked_are_not_answered_by_a_list_of_kinds_of_spending(index_of):
    """最多三个项目: a list of what project spending goes to by 科目 class (社会保障和就业支出…) names no project."""
    body = ("二、项目支出预算\n项目支出预算6256.31万元，按支出功能分类：社会保障和就业支出6039.81万元，"
            "住房保障支出145.08万元，卫生健康支出71.42万元。\n")
    settings = index_of({"kinds.txt": tiny_report("浙江省湖州市", 2026, body, kind="预算")})
    for q in ("湖州市测试局2026年项目支出预算最多三个项目？", "湖州市测试局2026年项目支出预算最多的三个项目？"):
        a = qa.ask(q, settings=settings)
        assert "社会保障和就业支出" not in a.text, q


def test_a_whole_with_parts_is_not_answered_by_another_list_or_by_one_parts_breakdown(index_of):
    """三公经费里哪项最多: neither the 政府采购 list printed under it nor 公务用车's own breakdown is the 三公 list."""
    body = ("四、财政拨款“三公”经费预算情况说明\n2026年财政拨款“三公”经费预算244.85万元。其中：\n"
            "（一）因公出国（境）费用。2026年预算数173.52万元，主要用于开展境外工作交流。\n"
            "（二）公务接待费。2026年预算数6万元，主要用于接待来访。\n"
            "（三）公务用车购置和运行维护费。2026年预算数65.33万元，包括公务用车购置费预算37.38万元、"
            "公务用车运行维护费预算27.95万元。\n"
            "五、其他情况说明\n（一）政府采购预算说明\n2026年政府采购预算总额4988.73万元，其中：政府采购货物预算238.78万元，"
            "政府采购工程预算0万元，政府采购服务预算4749.95万元。\n")
    settings = index_of({"sangong.txt": tiny_report("北京市", 2026, body, kind="预算")})
    a = qa.ask("北京市测试局2026年三公经费里哪项最多？", settings=settings)
    assert "因公出国" in a.text and "173.52" in a.text and "政府采购" not in a.text
    a = qa.ask("北京市测试局2026年三公经费里哪项最多、哪项最少？两者相差多少？", settings=settings)
    assert "173.52" in a.text and "167.52" in a.text and "公务用车购置费" not in a.text, a.text
    # the other end asked after the first, with how far apart they are
    a = qa.ask("北京市测试局2026年三公经费里哪一项最多？它比最少的那一项多出多少万元？", settings=settings)
    assert "173.52" in a.text and "167.52" in a.text, a.text


def test_both_ends_of_a_list_a_sentence_prints(index_of):
    """最大和最小的分别是哪个, of the projects a sentence lists: both ends, not the largest alone."""
    body = ("四、绩效目标设置情况\n2025年度，本单位编报绩效目标的项目共4个，涉及项目预算资金598.46万元。其中：中介机构服务费418.80万元，"
            "财政业务费10.00万元，信息化系统日常维护费166.66万元，援滇干部工作经费3.00万元。\n")
    settings = index_of({"targets.txt": tiny_report("武汉市青山区", 2025, body, kind="预算")})
    a = qa.ask("青山区测试局2025年编报绩效目标的项目里，最大和最小的分别是哪个？", settings=settings)
    assert "中介机构服务费 418.8" in a.text and "援滇干部工作经费 3" in a.text, a.text
