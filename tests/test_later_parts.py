"""A compound question's later parts read with its first (基本支出和项目支出分别多少 after a row's 合计), and one
item's other readings never added up as items."""
from __future__ import annotations

from dataclasses import replace

import pytest

from qa.models import Fact
from qa.search.query import parse_question


def _fact(subject: str, measure: str, value: float, unit: str, table: str | None) -> Fact:
    return Fact("d", subject, measure, value, unit, f"{subject} {value}", table=table, page=3)


def test_a_later_part_naming_only_columns_of_the_first_parts_row_asks_that_row():
    from qa.answer.later_parts import row_of_columns

    table = "2023年度支出决算表"
    facts = [_fact("公务员医疗补助", m, v, "万元", table) for m, v in (("合计", 7.01), ("基本支出", 6.52), ("项目支出", 0.49))]
    facts += [_fact("基本支出", "决算数", 131.09, "万元", None), _fact("项目支出", "决算数", 1097.63, "万元", None)]
    assert row_of_columns("公务员医疗补助的支出决算合计", "基本支出和项目支出分别多少？", facts) == "公务员医疗补助"
    # a part naming an item of its own is no column of the row
    assert row_of_columns("公务员医疗补助的支出决算合计", "机关运行经费和项目支出分别多少？", facts) is None


def test_one_items_other_readings_are_not_added_up():
    from qa.answer.facts import answer_from_facts

    from .test_operations import doc
    from .test_readings import FactsIndex

    facts = [_fact("政府采购", "预算数", 3742.4, "万元", None), _fact("政府采购工程", "预算数", 500.0, "万元", None),
             _fact("政府采购服务", "预算数", 2717.0, "万元", None), _fact("政府采购货物", "预算数", 525.4, "万元", None)]
    question = "测试局2024年政府采购预算一共多少？"
    a = answer_from_facts(question, parse_question(question), ["d"], FactsIndex(facts, [dict(doc(), kind="预算")]))
    assert a is not None and "3742.4" in a.text and "7484.8" not in a.text


def test_the_unit_a_first_part_counts_in_is_no_word_a_later_part_carries():
    from qa.answer.in_parts import without_unit

    assert without_unit("公务接待 次", "次") == "公务接待"
    assert without_unit("有 车", "辆") == "有 车"  # (车 names the thing counted: kept)
    assert without_unit("接待 人次", None) == "接待 人次"


def test_a_per_head_part_divides_the_amount_and_the_count_just_answered():
    from qa.answer.per_head import per_head_of_answered
    from qa.models import Answer, Figure

    cars = Answer("多少辆车？", True, "车辆数：66辆。", (Figure(66.0, "辆", "车辆数"),))
    cost = Answer("运行维护费多少？", True, "公务用车运行维护费预算数：266.8万元。", (Figure(266.8, "万元", "公务用车运行维护费预算数"),))
    a = per_head_of_answered("摊到每辆车上是多少万元？", [cars, cost])
    assert a is not None and a.figures[0].value == 4.04 and "266.8万元 ÷ 66辆" in a.figures[0].formula
    assert per_head_of_answered("运行维护费比上年多多少？", [cars, cost]) is None  # (no per-head figure asked)
    staff = Answer("多少人？", True, "在职 52人。", (Figure(52.0, "人", "在职人数"),))
    assert per_head_of_answered("平均每辆多少？", [staff, cost]) is None  # (no count in the unit asked)


def test_each_figure_just_answered_gets_its_share_of_the_whole_a_later_part_names():
    from qa.answer.result_share import with_each_share
    from qa.models import Answer, Figure

    from .test_operations import FakeIndex, doc

    quote = "“三公”经费预算513.75万元"
    facts = [Fact("d", "三公经费", "预算数", 513.75, "万元", quote, None, None, 3)]
    a = Answer("各是多少？", True, "因公出国（境）费 160万元；公务接待费 86.95万元。",
               (Figure(160.0, "万元", "测试局2019年度部门预算 因公出国（境）费预算数"), Figure(86.95, "万元", "公务接待费预算数")))
    got = with_each_share(a, "各占三公经费的比重是多少？", facts, FakeIndex([doc()]))
    assert [f.value for f in got.figures[2:]] == [31.14, 16.92]
    assert "\n因公出国（境）费预算数占" in got.text  # (the report's title the label opened with is left out)


def test_the_unit_a_later_sum_is_asked_in_names_no_item():
    """合计多少万元 after 有几个: the rows just counted, summed (万元 is no item of its own)."""
    from qa.answer.one_report import names_no_item

    assert names_no_item("合计多少万元？") and names_no_item("一共多少元")
    assert not names_no_item("公用经费合计多少万元？")


def test_what_was_actually_spent_is_the_figure_spent_not_the_budget():
    """实际执行了多少钱: a project's 执行数, not its 年初预算数."""
    from qa.answer.facts import answer_from_facts

    from .test_operations import doc
    from .test_readings import FactsIndex

    facts = [_fact("研究宣传专项", m, v, "万元", "项目支出绩效自评表") for m, v in
             (("年初预算数", 493.76), ("全年预算数", 536.2), ("执行数", 413.57))]
    question = "测试局2024年研究宣传专项实际执行了多少钱？"
    a = answer_from_facts(question, parse_question(question), ["d"], FactsIndex(facts, [doc()]))
    assert a is not None and [f.value for f in a.figures] == [413.57]


def test_items_listed_after_words_leading_up_to_them_are_ranked_and_added_up():
    """项目经费说明介绍了A、B、C、D四个专项，哪个预算最多？四个加起来多少: the items the narrative states, the one at
    the end asked and their sum — not rows of some table holding the word 项目."""
    from qa.answer.facts import answer_from_facts

    from .test_operations import doc
    from .test_readings import FactsIndex

    amounts = {"科技创新专项": 1720.0, "生命健康专项（政策资金）": 1170.0, "商业创新专项（政策资金）": 1410.0,
               "贸易高质量发展专项（政策资金）": 2921.0}
    facts = [_fact(name, "预算数", v, "万元", None) for name, v in amounts.items()]
    facts += [_fact("三公经费", "预算数", 1.0, "万元", "项目支出预算表"), _fact("会议费", "预算数", 1.0, "万元", "项目支出预算表")]
    question = "测试局2024年项目经费说明介绍了科技创新、生命健康、商业创新、贸易高质量发展四个专项，哪个预算最多？四个加起来多少万元？"
    a = answer_from_facts(question, parse_question(question), ["d"], FactsIndex(facts, [dict(doc(), kind="预算")]))
    assert a is not None and "最多的是：贸易高质量发展专项（政策资金） 2921万元" in a.text and "7221万元" in a.text
    low = "测试局2024年科技创新、生命健康、商业创新三个专项哪个最少？"
    a = answer_from_facts(low, parse_question(low), ["d"], FactsIndex(facts, [dict(doc(), kind="预算")]))
    assert a is not None and "最少的是：生命健康专项（政策资金） 1170万元" in a.text


def test_an_amount_a_sentence_calls_all_of_the_item_is_a_second_reading_of_it():
    """共涉及资金940.15万元，占一般公共预算项目支出总额的100%, beside 项目支出 921.75: both readings, the second
    marked as the report disagreeing with itself; an amount said to be half of it is no reading."""
    from qa.answer.facts import answer_from_facts

    from .test_operations import doc
    from .test_readings import FactsIndex

    def said(subject, value, quote):
        return Fact("d", subject, "决算数", value, "万元", quote, None, page=9)

    facts = [said("项目支出", 921.75, "2.项目支出921.75万元，我局为新成立单位。"),
             said("涉及资金", 940.15, "共涉及资金940.15万元，占一般公共预算项目支出总额的100%；"),
             said("评价资金", 460.0, "评价资金460.00万元，占项目支出总额的50%；")]
    question = "测试局2024年项目支出一共是多少？"
    a = answer_from_facts(question, parse_question(question), ["d"], FactsIndex(facts, [doc()]))
    assert a is not None and [f.value for f in a.figures] == [921.75, 940.15] and "不一致" in a.text


def test_a_later_part_naming_a_part_of_the_whole_the_first_names_asks_it_in_that_whole():
    from qa.answer.in_parts import _whole_of_part

    assert _whole_of_part("2026年政府采购预算中货物类占比多少？", "工程类安排了多少？") == "政府采购"
    assert _whole_of_part("2026年政府采购预算中货物类占比多少？", "机关运行经费安排了多少？") is None
    assert _whole_of_part("三公经费多少？", "工程类安排了多少？") is None  # (no part of this whole)


def test_what_is_left_unspent_asked_after_a_rate_is_an_amount_of_the_first_parts_item():
    from qa.answer.in_parts import _own_kind
    from qa.search.operation_words import find_derived
    from qa.search.parts import names_own_item

    assert find_derived("还剩多少没用？") == "未执行额" and not names_own_item("还剩多少没用？")
    assert _own_kind(replace(parse_question("还剩多少没用？"), figure_kind="percent"))
    assert not _own_kind(parse_question("执行率是多少？"))


def test_an_amount_per_head_asked_after_a_share_is_of_the_shares_part():
    from qa.answer.in_parts import _per_head_of_nothing

    assert _per_head_of_nothing("按接待人次算，平均每人次多少元？")
    assert not _per_head_of_nothing("公务接待费平均每人次多少元？")  # (names its amount)
    assert not _per_head_of_nothing("占三公经费多少？")


def test_a_staffing_item_asked_with_the_report_named_is_a_head_count():
    # 预算 says which report is read; 人员编制 is counted in 人 (terms.json items' counted)
    assert parse_question("西安市委宣传部2021年预算里说的人员编制是多少？").figure_kind == "count"
    assert parse_question("人员编制经费预算是多少？").figure_kind == "amount"  # (经费: money of its own)


def test_the_kinds_of_things_just_counted_are_asked_in_turn():
    from qa.search.parts import kinds_of_count, sub_questions

    question = "本部门共有多少辆车？哪一类最多、占比多少？"
    assert sub_questions(question) == ("本部门共有多少辆车？", "哪一类最多", "占比多少？")
    assert kinds_of_count("共有多少辆车？", "哪类用车最多？")
    assert not kinds_of_count("共有多少辆车？", "哪个项目支出最多？")  # (names rows of its own)
    assert not kinds_of_count("三公经费多少？", "哪一项最多？")  # (no things counted in a unit)


def test_the_kind_counted_most_is_found_with_its_share_of_the_count(index_of):
    import qa

    from .conftest import tiny_report

    settings = index_of({"east.txt": tiny_report("武汉市江岸区", 2023, (
        "一、收入支出预算总体情况\n2023年收入预算合计500万元，其中一般公共服务支出400万元，公共安全支出100万元。\n"
        "二、国有资产占用情况\n本部门共有车辆20辆，其中，一般公务用车5辆、执法执勤用车12辆、特种专业技术用车3辆。\n"),
        kind="预算")})
    a = qa.ask("江岸区2023年本部门共有多少辆车？哪一类最多、占比多少？", settings=settings)
    assert a.found and "执法执勤用车" in a.text
    assert {20.0, 12.0, 60.0} <= {f.value for f in a.figures}
    assert "400" not in a.text  # (no 类级科目 of the tables)


def test_rows_summed_then_their_share_of_a_whole_named_after_the_sum(index_of):
    import qa

    from .conftest import tiny_report

    table = ("二、财政拨款基本支出预算表（经济科目）\n单位：万元\n科目编码\t科目名称\t预算数\n"
             "302\t商品和服务支出\t1000.00\n30201\t办公费\t450.00\n30211\t差旅费\t350.00\n"
             "30213\t维修（护）费\t100.00\n30299\t其他商品和服务支出\t100.00\n")
    settings = index_of({"east.txt": tiny_report("武汉市江岸区", 2023, table, kind="预算")})
    a = qa.ask("江岸区2023年基本支出的商品和服务支出里，超过200万元的科目有哪些？加起来多少？占商品和服务支出的比重？",
               settings=settings)
    assert a.found and "办公费" in a.text and "差旅费" in a.text
    assert {800.0, 80.0} <= {f.value for f in a.figures}


def test_a_later_part_pointing_into_the_first_parts_item_is_asked_of_it():
    from qa.answer.in_parts import _pointing_in

    assert _pointing_in("里面哪一块最大？") == "里面"
    assert _pointing_in("这其中买服务花了多少") == "这其中"
    assert _pointing_in("哪一块最大？") == ""


def test_a_piece_asking_nothing_of_its_own_stays_with_the_one_before_it():
    from qa.search.parts import sub_questions

    # 实际花了多少 asks of 三公经费 with the piece before it; 公车 is an item of its own, asked in turn
    assert sub_questions("信访局24年三公经费预算多少、实际花了多少？公车年末有几辆？") == (
        "信访局24年三公经费预算多少、实际花了多少？", "公车年末有几辆？")
    # (a list of things counted keeps its pauses: 笔记本、扫描仪)
    assert sub_questions("信息化设备购置项目打算买多少台笔记本、扫描仪、打印机？这个项目多少钱？")[0] \
        == "信息化设备购置项目打算买多少台笔记本、扫描仪、打印机？"


def test_a_later_part_pointing_at_the_first_parts_project_names_it():
    from qa.answer.in_parts import _pointed_item

    assert _pointed_item("这个项目多少钱？", "信息化设备购置项目打算买 台笔记本") == "信息化设备购置项目多少钱？"
    assert _pointed_item("该专项预算多少", "贸易高质量发展专项 预算") == "贸易高质量发展专项预算多少"
    assert _pointed_item("这个项目多少钱？", "三公经费 预算") == ""  # (the first names no project)
    assert _pointed_item("项目多少钱？", "信息化设备购置项目") == ""  # (no demonstrative)


def test_a_part_found_nothing_for_alone_is_asked_again_with_the_part_before_it(monkeypatch):
    import qa.answer.in_parts as in_parts
    from qa.models import Answer

    seen: list[tuple[str, ...]] = []

    def once(question, retriever, query, scope, top_k, answer_one, failed):
        seen.append(query.parts)
        if "一年出几期" in query.parts:  # (found nothing for alone)
            failed.append(query.parts.index("一年出几期"))
            return None
        return Answer(question=question, found=True, text="；".join(query.parts))

    monkeypatch.setattr(in_parts, "_in_parts", once)
    query = replace(parse_question("办刊经费多少？"), parts=("办刊经费多少？", "一年出几期", "每期印多少册？"))
    a = in_parts.answer_in_parts("q", None, query, None, 8, None)
    assert a is not None and seen[-1] == ("办刊经费多少？一年出几期", "每期印多少册？")
    # (two parts, the second found nothing for: the whole question is asked instead, as before)
    seen.clear()
    query = replace(query, parts=("办刊经费多少？", "一年出几期"))
    assert in_parts.answer_in_parts("q", None, query, None, 8, None) is None and len(seen) == 1


def test_a_class_a_later_part_points_at_is_the_one_the_first_names():
    """占该类支出多少 after 社会保障和就业支出下面哪个项级科目最大: the share is of 社会保障和就业支出."""
    from qa.answer.in_parts import _class_pointed_at

    first = "省委办公厅2018年社会保障和就业支出下面有几个项级科目？"
    assert _class_pointed_at("占该类支出多少？", first) == "占社会保障和就业支出多少？"
    assert _class_pointed_at("占这一类的比重？", first) == "占社会保障和就业支出的比重？"
    assert _class_pointed_at("占该类支出多少？", "省委办公厅2018年有几个项级科目？") == "占该类支出多少？"


def test_a_later_per_head_part_naming_an_amount_of_its_own_is_not_the_one_just_answered():
    """人均公用经费 after 人均人员经费 names its own amount; 按车辆数平均每辆车 names only the things counted."""
    from qa.answer.in_parts import _names_an_amount

    assert _names_an_amount("测试局在职6人，人均公用经费是多少？")
    assert not _names_an_amount("按车辆数平均每辆车大约多少万元？")
    assert not _names_an_amount("摊到每辆车上是多少？")


def test_a_later_share_of_a_sum_just_worked_out_is_of_that_sum():
    """会议费占多少 after 三公经费、会议费、培训费加起来一共多少: the sum the first answer worked out is the whole, for an
    item it added up; an item it did not add up has no share of it."""
    from qa.answer.later_parts import share_of_first
    from qa.models import Answer, Figure

    from .test_operations import FakeIndex, doc

    facts = [Fact("d", s, "预算数", v, "万元", f"{s} {v}", None, None, 3)
             for s, v in (("三公经费", 767.6), ("会议费", 1469.73), ("培训费", 363.38), ("机关运行经费", 900.0))]
    summed = Answer("加起来一共多少？", True, "…合计：2600.71万元。",
                    (Figure(767.6, "万元", "三公经费"), Figure(1469.73, "万元", "会议费"), Figure(363.38, "万元", "培训费"),
                     Figure(2600.71, "万元", "合计", "767.6 + 1469.73 + 363.38 = 2600.71万元")))
    got = share_of_first("会议费", summed, facts, FakeIndex([doc()]))
    assert got is not None and got.figures[-1].value == 56.51 and "1469.73 ÷ 2600.71" in got.figures[-1].formula
    assert share_of_first("机关运行经费", summed, facts, FakeIndex([doc()])) is None



def test_a_set_said_with_de_ji_ge_before_a_clause_picking_from_it_asks_nothing_of_its_own():
    """法院款下面的几个项，哪几个比上年少了: the first clause names the rows the next picks from, no count asked."""
    from qa.search.parts import sub_questions

    parts = sub_questions("法院款下面的几个项，哪几个比上年少了？减得最多的是哪项、减了多少？")
    assert parts[0] == "法院款下面的几个项，哪几个比上年少了？"
    assert sub_questions("法院款下面有几个项？哪几个比上年少了？")[0] == "法院款下面有几个项？"  # (a count asked)


@pytest.mark.parametrize("item, whole", [
    ("“三公”经费三项里哪一项预算最多", "三公经费"),
    # a whole named inside the first (…里的商品和服务支出): the set the rows are of
    ("基本支出决算里的商品和服务支出个明细科目是0", "商品和服务支出"),
    ("基本支出里的商品和服务支出，哪项最大", "商品和服务支出"),
])
def test_the_set_a_question_reads_its_rows_in(item, whole):
    from qa.answer.later_parts import set_named

    assert set_named(item) == whole


def test_one_reports_share_of_the_sum_over_reports_just_answered():
    from qa.answer.extreme_share import share_of_named_report
    from qa.models import Answer, Figure

    first = Answer(question="q", found=True, text="…", figures=(
        Figure(37.91, "万元", "甲街道 三公经费"), Figure(867.5, "万元", "乙办公室 三公经费"), Figure(1.0, "万元", "丙委员会 三公经费"),
        Figure(906.41, "万元", "合计（各报告之和）", "37.91 + 867.5 + 1 = 906.41万元")))
    a = share_of_named_report("区府办", first, ("乙办公室",))
    assert a is not None and a.figures[-1].value == 95.71 and "867.5 ÷ 906.41" in a.figures[-1].formula
    assert share_of_named_report("区府办", first, ("丁局",)) is None  # (a report not summed)
    assert share_of_named_report("区府办", replace(first, figures=first.figures[:3]), ("乙办公室",)) is None  # (no sum)
