"""Shares and changes read the way users ask them (qa/answer/one_report.py, qa/answer/facts.py), on generated facts."""
from __future__ import annotations

from dataclasses import replace

import pytest

from qa.answer.share_words import split_share

from .test_operations import ask, cell
from .test_row_measures import said


@pytest.mark.parametrize("item, context, part", [
    ("财政拨款基本支出中人员经费占比", "财政拨款基本支出", "人员经费"),
    ("对个人和家庭的补助中退休费占比", "对个人和家庭的补助", "退休费"),
    ("百分之财政拨款基本支出中人员经费所占的份额", "财政拨款基本支出", "人员经费"),  # (所占: the share's verb)
    ("一般公共预算财政拨款支出中，医疗救助所占的比例", "一般公共预算财政拨款支出", "医疗救助"),
])
def test_the_ask_said_first_is_no_part_of_the_shares_context(item, context, part):
    got = split_share(item)
    assert got[0] == context and got[1] == part


@pytest.mark.parametrize("item, parts", [
    ("设备的占比是百分之多少", ("", "设备的", "")),  # 占比 the noun: no total named
    ("卫生健康支出占比", ("", "卫生健康支出", "")),
    ("服务类采购占采购总额的比例", ("", "服务类采购", "采购总额")),
    ("公务接待费在三公经费里占多少", ("", "公务接待费", "三公经费")),
    ("政府采购中小企业中标金额占采购总额比例", ("", "政府采购中小企业中标金额", "采购总额")),  # (中小: a word)
    ("政府采购中服务占采购总额比例", ("政府采购", "服务", "采购总额")),
    ("基本支出里发工资这些人员经费占比例", ("基本支出", "人员经费", "")),
    ("按财政拨款基本支出口径人员经费占基本支出的比重", ("财政拨款基本支出", "人员经费", "基本支出")),
    # a share said as where the money went: the part is what it went on, the money said first its context
    ("的钱 比例花在项目上", ("", "项目支出", "")),
    ("三公经费 成花在公务接待上", ("三公经费", "公务接待", "")),
    ("一般公共预算拨款里有几成用于人员经费", ("一般公共预算拨款", "人员经费", "")),
    # a context word standing as a word of its own after any name (jieba), never inside a word (其中, 集中)
    ("车辆中执法执勤用车占多大比例", ("车辆", "执法执勤用车", "")),
    ("在职人员当中女性占多少", ("在职人员", "女性", "")),
    ("其中基本支出占比", ("", "其中基本支出", "")),
    ("集中采购占采购总额比例", ("", "集中采购", "采购总额")),
    # keywords: the whole typed first, the part last; an asking word typed apart is no whole
    ("政府采购预算 服务类 占比", ("", "服务类", "政府采购预算")),
    ("百分之 公用经费中劳务费的比重", ("公用经费", "劳务费", "")),
    # 占了几成 (the topic keeps 了 and 成): neither names a total, nor does an aside saying where to look
    ("项目支出中 信息化建设这一项占 成 （按预算05表算）", ("项目支出", "信息化建设这一项", "")),
    ("三公经费里公车那块占了 成", ("三公经费", "公车那块", "")),
])
def test_a_shares_part_and_total_are_read_from_its_words(item, parts):
    """`X的占比是百分之多少` names no total (a leftover `比` was read as one, and kept out the share the report
    prints: `设备335.24万元，占固定资产总额的7.90%`)."""
    assert split_share(item) == parts


def test_a_qualifier_naming_the_table_picks_that_tables_total():
    facts = [said("人员经费", "决算数", 7967.72), said("基本支出", "决算数", 11073.11),
             cell("合计", None, "基本支出", 10234.37, table="一般公共预算财政拨款支出决算表")]
    a = ask("测试局2024年财政拨款基本支出中人员经费占比多少", facts)
    assert a is not None and "77.85%" in a.text and "10234.37" in a.text


def test_a_total_named_in_the_users_words_is_read_through_the_lexicon():
    facts = [said("财政拨款收入", "预算数", 32365.09), said("一般公共预算财政拨款收入", "预算数", 32365.09),
             said("收入总计", "预算数", 32852.05)]
    a = ask("测试局2024年财政拨款收入占收入预算的比重", facts)
    assert a is not None and "98.52%" in a.text


def test_a_change_asked_both_ways_states_its_amount_and_its_rate():
    quote = "预留机动经费预算数为3258.06万元，与上年相比增加3075.14万元，增长1681.14%。"
    facts = [said("预留机动经费", "增减额", 3075.14, quote="主要原因是单位预留机动经费增加3075.14万元。", page=17),
             said("预留机动经费", "预算数", 3258.06, quote=quote, page=18),
             said("预留机动经费", "增减额", 3075.14, quote=quote, page=18),
             said("预留机动经费", "增减率", 1681.14, "%", quote=quote, page=18)]
    a = ask("测试局2024年预留机动经费比上年增长了多少", facts)
    assert a is not None and "3075.14" in a.text and "1681.14%" in a.text


class FactsIndex:
    def __init__(self, facts, docs):
        self._facts, self.documents_by_id = facts, {d["doc_id"]: d for d in docs}

    def facts(self, doc_ids):
        return [f for f in self._facts if f.doc_id in doc_ids]


def test_a_rate_asked_of_a_change_printed_only_as_an_amount_is_computed_with_its_formula():
    from qa.answer.facts import answer_from_facts
    from qa.search.query import parse_question

    from .test_operations import doc

    quote = "财政拨款收入预算3121.42万元，比2024年预算增加107.62万元。"
    facts = [said("财政拨款收入", "预算数", 3121.42, quote=quote), said("财政拨款收入", "增减额", 107.62, quote=quote)]
    d = dict(doc(), kind="预算")
    question = "测试局2025年财政拨款收入跟上年比增长了百分之几"
    a = answer_from_facts(question, parse_question(question), ["d"], FactsIndex(facts, [d]))
    assert a is not None and "3.57%" in a.text and "107.62 ÷ (3121.42 − 107.62)" in a.text


def _line(subject, measure, value, line, quote, unit="万元"):
    from qa.models import Fact
    return Fact("d", subject, measure, value, unit, quote, None, None, 1, (line, line))


def test_a_share_of_a_named_total_takes_the_part_stated_in_that_totals_section():
    facts = [_line("公务接待费", "决算数", 3.75, 207, "公用经费主要包括：差旅费1.95万元、公务接待费3.75万元。"),
             _line("三公经费", "决算数", 5.93, 240, "“三公”经费支出决算为5.93万元。"),
             _line("公务接待费", "决算数", 4.16, 279, "公务接待费支出决算为4.16万元。")]
    a = ask("测试局2024年公务接待费占三公经费的比重", facts)
    assert a is not None and "70.15%" in a.text and "63.24" not in a.text


def test_the_share_the_report_prints_of_the_named_total_comes_first():
    quote = "公务接待费支出86.95万元，占“三公”经费的16.93%。"
    facts = [said("公务接待费", "预算数", 86.95, quote=quote), said("公务接待费", "占比", 16.93, "%", quote=quote),
             said("三公经费", "预算数", 513.75, quote="“三公”经费预算513.75万元。")]
    a = ask("测试局2024年公务接待费占三公经费比例", facts)
    assert a is not None and a.text.index("16.93%") < a.text.index("16.92%")
    other = ask("测试局2024年公务接待费占基本支出的比例", facts + [said("基本支出", "预算数", 1000.0)])
    assert other is not None and "16.93" not in other.text  # (a share of another total is not the printed one)


@pytest.fixture(scope="module")
def whole_index(index_of):
    from .conftest import tiny_report

    body = ("一、收入支出决算总体情况说明\n2024年度收入总计307.82万元，支出总计307.82万元。\n"
            "二、一般公共预算财政拨款支出决算情况说明\n一般公共预算财政拨款支出年初预算为0万元，全年预算为321.02万元，"
            "支出决算为307.82万元，完成全年预算的95.89%。\n"
            "三、部门整体绩效评价\n2024年部门整体预算9056.48万元，实际执行数8518.2万元，执行率94%。\n"
            "四、项目绩效自评\n社区治理项目全年预算2.29万元，支出决算0.49万元。\n")
    return index_of({"whole.txt": tiny_report("上海市普陀区", 2024, body)})


def test_a_final_reports_budget_asked_as_a_whole_gives_its_two_budgets(whole_index):
    import qa

    a = qa.ask("普陀区测试局2024年的预算是多少", settings=whole_index)
    assert a.found and "321.02" in a.text and "0万元" in a.text and "2.29" not in a.text


def test_the_departments_whole_rate_is_a_reading_of_a_rate_asked_of_the_report(whole_index):
    import qa

    a = qa.ask("普陀区测试局2024年的预算执行率是多少", settings=whole_index)
    assert a.found and "94%" in a.text


def test_the_budgets_of_a_final_reports_totals_are_read_not_a_projects():
    from qa.answer.facts import _whole_report_budget
    from qa.answer.match import Match
    from qa.search.query import Query

    quote = "一般公共预算财政拨款支出年初预算为0万元，全年预算为321.02万元，支出决算为307.82万元。"
    facts = [said("一般公共预算财政拨款支出", "年初预算数", 0.0, quote=quote),
             said("一般公共预算财政拨款支出", "全年预算数", 321.02, quote=quote),
             said("社区治理项目", "全年预算数", 2.29, quote="社区治理项目全年预算2.29万元。")]
    doc = {"doc_id": "d", "kind": "决算"}
    got = _whole_report_budget(doc, facts, Query(text="", topic="预算"), Match(("收入总计",), ("预算数",), True))
    assert [(s.measure, s.value) for _, group in got for s in group] == [("年初预算数", 0.0), ("全年预算数", 321.02)]
    assert _whole_report_budget({**doc, "kind": "预算"}, facts, Query(text="", topic="预算"),
                                Match(("收入总计",), ("预算数",), True)) == []


def test_a_longer_names_rows_and_their_sum_are_a_reading_without_breaking_the_answer():
    """职业年金缴费 asked; 机关事业单位职业年金缴费支出 printed on two rows of another table: those rows are a second
    reading, and their computed sum (no row of its own) is stated without a source to name."""
    import qa.answer.facts as facts_path
    from qa.answer.statements import statements_text

    facts = [cell("职业年金缴费", "30109", "合计", 505.0, table="基本支出表"),
             cell("机关事业单位职业年金缴费支出", None, "合计", 25.82, table="收入总体情况表"),
             cell("机关事业单位职业年金缴费支出", None, "合计", 9.0, table="收入总体情况表", page=2)]
    found = facts_path.statements_for("d", facts, ["职业年金缴费"], ["合计"], True, "预算")
    others = facts_path._other_readings("d", facts, ["职业年金缴费"], found, ["合计"], True, "预算")
    assert others and all(s.facts for s in others)
    assert "25.82" in statements_text(found + others, None)


@pytest.mark.parametrize("n", [3, 6])
def test_rows_sharing_a_name_are_listed_only_while_few_their_sum_always(n):
    """会议服务 printed on n rows of one table: a few are listed before their sum; more are left to the sum's formula
    and the citations, so the sum is not buried among them (a text of six figures for one asked is a dump)."""
    import qa.answer.facts as facts_path
    from qa.answer.statements import statements_text

    values = [round(10.5 * (k + 1) ** 1.5 + k / 7, 2) for k in range(n)]
    facts = [cell("会议服务", None, "合计", v, table="政府采购预算表", page=k + 1) for k, v in enumerate(values)]
    found = facts_path.statements_for("d", facts, ["会议服务"], ["合计"], True, "预算")
    text = statements_text(found, None)
    total = round(sum(values), 2)
    assert f"{total:g}" in text
    assert all(f"{v:.2f}" in text for v in values) == (n <= 4)
    assert (f"{n}项相加" in text) == (n > 4)


def test_a_change_printed_under_a_shorter_name_of_the_item_answers_it():
    """参保缴费人数 asked; its change printed of 参保人数 (the same item said more briefly, its words in order)."""
    facts = [said("参保缴费人数", "人数", 384330.0, "人"), said("参保人数", "增减额", -15184.0, "人"),
             said("参保率", "增减率", -1.0, "%")]
    a = ask("测试局2024年参保缴费人数比上年少了多少人", facts)
    assert a is not None and "15184" in a.text


def test_a_whole_the_question_states_by_its_amount_is_the_shares_total():
    """`预算1403.1万元里，区级财政出了多大比例`: the report's 1403.1 (the full-year budget) is the total, not the
    item's 决算数 995.33 the question's words would otherwise pick."""
    facts = [said("城乡医疗救助", "决算数", 995.33), said("城乡医疗救助", "全年预算数", 1403.1), said("区级", "决算数", 788.0),
             said("市级", "决算数", 412.1)]
    a = ask("测试局2024年城乡医疗救助预算1403.1万元里，区级财政出了多大比例？", facts)
    assert a is not None and "56.16%" in a.text and "788 ÷ 1403.1" in a.text



def test_a_share_is_of_the_whole_the_parts_own_sentence_names():
    """`项目预算里，中央资金占比`: 中央 185 is stated as a part of `预算数1403.10万元，由…组成，其中：中央185万元`, so
    the whole is 城乡医疗救助's 1403.1, not its 决算数 995.33 that the item alone would pick."""
    quote = "2023年预算数1403.10万元，由中央、省级、市级、区级财政资金组成，其中：中央185万元，省级18万元。"
    facts = [said("城乡医疗救助", "决算数", 995.33), said("城乡医疗救助", "全年预算数", 1403.1),
             said("中央", "决算数", 185.0, quote=quote), said("省级", "决算数", 18.0, quote=quote)]
    a = ask("测试局2024年城乡医疗救助项目预算里，中央资金占比是多少？", facts)
    assert a is not None and "185 ÷ 1403.1" in a.text and "13.19%" in a.text
    plain = [said("城乡医疗救助", "决算数", 995.33), said("城乡医疗救助", "全年预算数", 1403.1),
             said("中央", "决算数", 185.0, quote="城乡医疗救助资金中，中央185万元")]
    b = ask("测试局2024年城乡医疗救助里，中央资金占比是多少？", plain)  # (no whole in its sentence: as before)
    assert b is not None and "185 ÷ 995.33" in b.text


def test_the_departments_own_units_say_whose_figure_not_which():
    """`下属单位有多少辆车`: 下属单位 says whose vehicles are asked; the item is 车 (matched as a whole, it failed)."""
    from qa.answer.facts import _without_own_units

    assert _without_own_units("下属单位辆车") == "辆车"
    assert _without_own_units("所属各预算单位车辆") == "车辆"
    assert _without_own_units("机关事业单位基本养老保险缴费") == "机关事业单位基本养老保险缴费"  # a 科目's own 单位



def test_a_rate_printed_on_one_basis_is_shown_with_the_one_its_figures_give_on_the_other():
    """A project's self-evaluation prints 完成预算率 77.13% (执行数 ÷ 全年预算数); its 年初预算数 is printed too, so
    执行数 ÷ 年初预算数 = 83.76% is a second legitimate reading, computed and labelled. Asked on a basis, that one only."""
    table = "信访研究宣传立法专项项目绩效自评表"
    row = "年度资金总额： 493.76 536.2 413.57 10.0 77.13% 7.7"
    from qa.models import Fact

    facts = [Fact("d", "研究宣传专项", m, v, u, row, table, None, 32) for m, v, u in
             (("年初预算数", 493.76, "万元"), ("全年预算数", 536.2, "万元"), ("执行数", 413.57, "万元"),
              ("完成预算率", 77.13, "%"))]
    a = ask("测试局2024年研究宣传专项的预算执行率是多少？", facts)
    assert a is not None and "77.13%" in a.text and "83.76%" in a.text and "413.57 ÷ 493.76" in a.text
    b = ask("测试局2024年研究宣传专项完成全年预算的百分之多少？", facts)
    assert b is not None and "77.13%" in b.text and "83.76%" not in b.text


def test_a_basis_named_keeps_the_rate_printed_on_that_basis_only():
    """A row printing 执行率 (决算数 ÷ 年初预算数) and a project form printing 完成预算率 (执行数 ÷ 全年预算数) of one
    item: 完成了年初预算的百分之几 is the first alone, 完成了全年预算的百分之几 the second alone; asked on no basis, both."""
    from qa.models import Fact

    row = "城乡医疗救助年初预算为788万元，支出决算为995.33万元，完成年初预算的126.3%。"
    form = "年度资金总额： 788 1403.1 995.33 10.0 70.9% 7.1"
    facts = [Fact("d", "城乡医疗救助", m, v, u, q, t, None, p) for m, v, u, q, t, p in
             (("年初预算数", 788.0, "万元", row, None, 5), ("决算数", 995.33, "万元", row, None, 5),
              ("执行率", 126.3, "%", row, None, 5), ("全年预算数", 1403.1, "万元", form, "城乡医疗救助项目绩效自评表", 30),
              ("执行数", 995.33, "万元", form, "城乡医疗救助项目绩效自评表", 30),
              ("完成预算率", 70.9, "%", form, "城乡医疗救助项目绩效自评表", 30))]
    first = ask("测试局2024年城乡医疗救助完成了年初预算的百分之几？", facts)
    assert first is not None and "126.3%" in first.text and "70.9%" not in first.text
    whole = ask("测试局2024年城乡医疗救助完成了全年预算的百分之几？", facts)
    assert whole is not None and "70.9%" in whole.text and "126.3%" not in whole.text
    both = ask("测试局2024年城乡医疗救助的预算执行率是多少？", facts)
    assert both is not None and "126.3%" in both.text and "70.9%" in both.text


def test_a_name_is_read_as_a_users_word_only_when_it_is_one_whole():
    """公车 is read as 公务用车; 收入 inside 低收入人口…报销比例 is no user's word for 收入合计."""
    from qa.answer.one_report import find_amount

    facts = [said("公务用车", "车辆数", 102.0, "辆"), said("收入合计", "决算数", 2031.52)]
    got = find_amount("的公车", facts, unit="辆")
    assert got is not None and got.subject == "公务用车"
    assert find_amount("全区农村低收入人口政策范围内报销比例", facts) is None


@pytest.mark.parametrize("scope", ["一般公共预算财政拨款", "一般公共预算"])
@pytest.mark.parametrize("item", ["基本支出", "财政拨款收入"])
def test_a_funding_scopes_figure_of_the_whole_item_is_a_second_reading_a_smaller_one_a_part(scope, item):
    """基本支出 863.62 and 一般公共预算财政拨款基本支出 863.61: one amount printed twice, both readings shown; a scope's
    figure well under the item's is its part (政府性基金 aside), not a reading."""
    import qa.answer.facts as facts_path

    def readings(scoped_value):
        facts = [said(item, "决算数", 863.62), said(scope + item, "决算数", scoped_value)]
        found = facts_path.statements_for("d", facts, [item], ["决算数"], True, "决算")
        return [s.value for s in facts_path._other_readings("d", facts, [item], found, ["决算数"], True, "决算")]

    assert readings(863.61) == [863.61]
    assert readings(900.0) == [900.0]
    assert readings(600.0) == []


def test_an_item_the_report_names_as_the_user_does_is_read_under_its_own_name_and_the_lexicons():
    """支出总额 is a user's word for 支出合计; a report stating `部门支出总额9056.48万元` names an item so: both are read."""
    from qa.answer.match import match_question

    both = match_question("支出总额", {"支出总额", "支出合计", "基本支出"})
    assert both is not None and both.subjects == ("支出总额", "支出合计")
    alone = match_question("支出总额", {"支出合计", "基本支出"})
    assert alone is not None and alone.subjects == ("支出合计",)
    own = match_question("基本支出", {"支出总额", "支出合计", "基本支出"})
    assert own is not None and own.subjects == ("基本支出",)


def test_a_change_printed_again_with_other_figures_is_shown_as_the_report_disagreeing():
    """`收、支预算总计各增加3608.98万元，增长17.31%` on one page, `…各增加3756.18万元，增长18.14%` on another: the second
    sentence's amount and rate are stated beside the first, marked; a repeat with the same figures adds nothing."""
    from qa.answer.change_readings import other_readings_of_change

    first = "收、支预算总计24458.43万元，与上年相比收、支预算总计各增加3608.98万元，增长17.31%。"
    second = "与上年相比收、支预算总计各增加3756.18万元，增长18.14%。"
    facts = [said("收支总计", "增减额", 3608.98, quote=first), said("收支总计", "增减率", 17.31, "%", quote=first),
             said("收支总计", "增减额", 3756.18, quote=second), said("收支总计", "增减率", 18.14, "%", quote=second)]
    got = other_readings_of_change("d", "收支总计", facts[:2], facts)
    assert [(s.measure, s.value, s.conflict) for s in got] == [("增减额", 3756.18, True), ("增减率", 18.14, True)]
    again = [said("收支总计", "增减额", 3608.98, quote=second)]
    assert other_readings_of_change("d", "收支总计", facts[:2], facts[:2] + again) == []


@pytest.mark.parametrize("item, parts", [
    ("政府采购预算中工程类比重是多少", ("政府采购预算", "工程类", "")),
    ("项目支出在支出预算总额中比重多少", ("", "项目支出", "支出预算总额")),
    ("货物类的比例", ("", "货物类", "")),
])
def test_a_share_said_by_its_noun_without_占_is_read_like_one_with_it(item, parts):
    assert split_share(item) == parts


def test_a_change_of_the_reports_total_asked_of_one_side_is_that_sides():
    """`支出预算比上年增长了几个百分点`: the 支出 total's change, not the 收入 total's printing the same figures; asked of
    neither side, every total whose change the narrative states (one per figure)."""
    income = "收入预算32852.05万元，比上年增加2466.43万元，增长8.12%。"
    spending = "支出预算32852.05万元，比上年增加2466.43万元，增长8.12%。"
    grants = "财政拨款收入预算30000.00万元，比上年增加1000.00万元，增长3.45%。"
    facts = [said(s, m, v, u, quote=q) for s, q in (("收入总计", income), ("支出总计", spending), ("财政拨款收入", grants))
             for m, v, u in (("预算数", float(q.split("预算")[1].split("万")[0]), "万元"),
                             ("增减额", float(q.split("增加")[1].split("万")[0]), "万元"),
                             ("增减率", float(q.split("增长")[1].split("%")[0]), "%"))]
    a = ask("测试局2024年支出预算比上年增长了几个百分点？", facts)
    assert a is not None and "支出总计" in a.text and "收入总计" not in a.text and "财政拨款收入" not in a.text
    both = ask("测试局2024年预算比上年增长了几个百分点？", facts)
    assert both is not None and "8.12%" in both.text and "3.45%" in both.text


def test_a_breakdown_that_adds_up_to_the_item_is_stated_as_its_parts_not_as_a_disagreement():
    """政府采购 921.97万元，其中货物443.97、工程156.00、服务322.00: the three longer names add up to the whole, so they
    are its parts; one longer name with another figure is still a reading the report disagrees with."""
    import qa.answer.facts as facts_path

    quote = "政府采购预算总额921.97万元，其中：政府采购货物预算443.97万元、政府采购工程预算156.00万元、政府采购服务预算322.00万元。"
    facts = [said(s, "预算数", v, quote=quote) for s, v in (("政府采购", 921.97), ("政府采购货物", 443.97),
                                                          ("政府采购工程", 156.0), ("政府采购服务", 322.0))]
    found = facts_path.statements_for("d", facts, ["政府采购"], ["预算数"], True, "预算")
    parts = facts_path._other_readings("d", facts, ["政府采购"], found, ["预算数"], True, "预算")
    assert sorted(s.value for s in parts) == [156.0, 322.0, 443.97] and not any(s.conflict for s in parts)
    other = [said("政府采购", "预算数", 921.97, quote=quote), said("政府采购支出总额", "预算数", 980.0, quote="x")]
    found = facts_path.statements_for("d", other, ["政府采购"], ["预算数"], True, "预算")
    readings = facts_path._other_readings("d", other, ["政府采购"], found, ["预算数"], True, "预算")
    assert [(s.value, s.conflict) for s in readings] == [(980.0, True)]


def test_one_funding_row_of_a_project_whose_funding_rows_add_up_to_it_is_no_reading_of_it():
    """A self-evaluation table's 其中：财政拨款 751.32 / 上年结转资金 281.67 / 其他资金 0.00 add up to the project's
    执行数 1032.99: 其他资金's 0.00 is a row of that breakdown, not a second reading the report disagrees with."""
    import qa.answer.facts as facts_path

    rows = (("信息化运行维护", 1032.99), ("信息化运行维护财政拨款", 751.32), ("信息化运行维护上年结转资金", 281.67),
            ("信息化运行维护其他资金", 0.0))
    facts = [said(s, "执行数", v, quote=f"{s} {v}") for s, v in rows]
    found = facts_path.statements_for("d", facts, ["信息化运行维护"], ["执行数"], True, "决算")
    assert facts_path._other_readings("d", facts, ["信息化运行维护"], found, ["执行数"], True, "决算") == []
    other = [*facts[:1], said("信息化运行维护其他资金", "执行数", 900.0, quote="x")]
    found = facts_path.statements_for("d", other, ["信息化运行维护"], ["执行数"], True, "决算")
    readings = facts_path._other_readings("d", other, ["信息化运行维护"], found, ["执行数"], True, "决算")
    assert [(s.value, s.conflict) for s in readings] == [(900.0, True)]


def test_a_head_count_asked_of_a_unit_is_the_kind_of_head_count_its_row_prints():
    """有多少人 of a unit whose table prints its 编制数 and 在职人数: the people it has (在职人数), not the posts."""
    from qa.answer.statements import statements_with_fallback

    facts = [cell("司法办公室", None, "编制数", 60, unit="人", table="单位基本情况"),
             cell("司法办公室", None, "在职人数", 52, unit="人", table="单位基本情况"),
             cell("公证处", None, "在职人数", 13, unit="人", table="单位基本情况")]
    found = statements_with_fallback("d", facts, ["司法办公室"], ["实际完成值", "人数"], True, "决算")
    assert [(s.subject, s.measure, s.value) for s in found] == [("司法办公室", "在职人数", 52)]
    # no count of that kind printed: nothing
    assert statements_with_fallback("d", facts, ["司法办公室"], ["车辆数"], True, "决算") == []


def test_parts_named_together_and_summed_are_one_part_of_the_share():
    """区级和市级支持总部经济一共占这个专项的百分之几: the two names (the first said by its qualifier alone) summed,
    then divided by the whole; asked for each (各占), or with one name the report does not print, no such sum."""
    from .test_row_measures import said

    facts = [said("区级支持总部经济", "预算数", 1106.0), said("市级支持总部经济", "预算数", 1262.0),
             said("贸易高质量发展专项", "预算数", 2921.0)]
    a = ask("测试局2025年贸易高质量发展专项里，区级和市级支持总部经济的钱一共占这个专项的百分之几？", facts)
    assert a is not None and any(f.unit == "%" and f.value == 81.07 for f in a.figures)
    assert "(1106 + 1262) ÷ 2921 = 81.07%" in a.text
    a = ask("测试局2025年贸易高质量发展专项里，区级和省级支持总部经济的钱一共占这个专项的百分之几？", facts)
    assert a is None or all(f.value != 81.07 for f in a.figures)
    a = ask("测试局2025年贸易高质量发展专项里，区级和市级支持总部经济各占这个专项的百分之几？", facts)
    assert a is None or all(f.value != 81.07 for f in a.figures)


def test_parts_listed_with_their_count_are_summed_into_the_share():
    """人大立法、人大监督、代表工作三项合计占人大事务支出的比重: the three summed, then divided by the whole."""
    from .test_row_measures import said

    facts = [said("人大立法", "预算数", 729.0), said("人大监督", "预算数", 376.88), said("代表工作", "预算数", 385.52),
             said("人大事务", "预算数", 13907.78)]
    a = ask("测试局2019年人大立法、人大监督、代表工作三项合计占人大事务支出的比重是多少？", facts)
    assert a is not None and any(f.unit == "%" and f.value == 10.72 for f in a.figures)


def test_a_share_of_a_named_tables_total_is_of_that_tables_total_row():
    """“三公”经费、会议费、培训费预算表中，会议费占合计的比例: ÷ that table's 合计 row, not the report's 支出合计;
    said after the table (…支出预算表合计数中) too."""
    table = "“三公”经费、会议费、培训费支出预算表"
    facts = [cell("合计", None, "预算数", 2542.6, table=table), cell("三公经费", None, "预算数", 833.6, table=table),
             cell("会议费", None, "预算数", 1305.25, table=table), cell("培训费", None, "预算数", 403.75, table=table),
             cell("支出合计", None, "预算数", 13649.07, table="收支预算总表")]
    a = ask("测试局2017年“三公”经费、会议费、培训费预算表中，会议费占合计的比例是多少？", facts)
    assert a is not None and any(f.unit == "%" and f.value == 51.34 for f in a.figures)
    from qa.answer.operations import answer_operation
    from qa.search.query import parse_question

    from .test_operations import FakeIndex, doc
    question = "测试局2017年“三公”经费、会议费、培训费支出预算表合计数中，三公经费占多少？"
    query = parse_question(question)
    item = query.topic.replace("测试局", "")
    a = answer_operation(question, replace(query, topic=item), item, facts, [doc()], FakeIndex([doc()]))
    assert a is not None and any(f.unit == "%" and f.value == 32.79 for f in a.figures)


def test_two_columns_of_one_row_named_are_both_stated_in_the_order_named():
    from qa.answer.facts import answer_from_facts
    from qa.models import Fact
    from qa.search.query import parse_question

    from .test_operations import doc

    table = "列入2015年部门预算编制范围的单位"
    facts = [Fact("d", name, column, value, "人", f"{name} 财政核拨 {v1} {v2}", table)
             for name, v1, v2 in (("司法办公室", 60, 52), ("信访局", 4, 7))
             for column, value in (("编制数", float(v1)), ("在职人数", float(v2)))]
    question = "测试局司法办公室 编制数 在职人数"
    a = answer_from_facts(question, parse_question(question), ["d"], FactsIndex(facts, [doc()]))
    assert a is not None and [f.value for f in a.figures] == [60.0, 52.0], a
    question = "测试局司法办公室在职人数和编制数"
    a = answer_from_facts(question, parse_question(question), ["d"], FactsIndex(facts, [doc()]))
    assert a is not None and [f.value for f in a.figures] == [52.0, 60.0], a


def test_a_fund_whose_printed_figures_are_all_zero_is_answered_zero():
    """政府性基金…预算表合计 of a report printing only 政府性基金支出预算支出 0万元 and 财政拨款支出合计: 0, not the
    财政拨款 total; a figure of that fund not 0 is no answer of none."""
    from qa.answer.facts import answer_from_facts
    from qa.answer.funds import none_of_fund
    from qa.models import Fact
    from qa.search.query import parse_question

    from .test_operations import doc

    facts = [Fact("d", "政府性基金支出预算支出", "预算数", 0.0, "万元", "政府性基金支出预算支出0万元。", None, None, 9),
             Fact("d", "财政拨款支出合计", "预算数", 37188.34, "万元", "财政拨款支出合计 37188.34", "财政拨款支出预算表", None, 5)]
    index = FactsIndex(facts, [dict(doc(), kind="预算", title="测试局2019年度部门预算")])
    question = "测试局2019年政府性基金预算财政拨款支出预算表合计是多少？"
    a = answer_from_facts(question, parse_question(question), ["d"], index)
    assert a is not None and [f.value for f in a.figures] == [0.0]
    assert none_of_fund(question, [replace(facts[0], value=5.0)], index) is None
