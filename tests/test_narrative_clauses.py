"""qa.facts.clauses and the narrative reader: figures found clause by clause in made-up sentences of varied wording.

Each case is generated from pieces (item names, cue phrasings, number formats, units), so the tests check the
mechanism — measure from the cue around a figure, subject from its clause or carried from before — not a template.
"""
from __future__ import annotations

import itertools
import re

import pytest

from qa.facts.clauses import sentence_figures, split_clauses
from qa.facts.narrative import narrative_facts
from qa.models import Document, Fact, Page
from qa.text.chars import squash


def facts_of(text: str, kind: str = "决算") -> list[Fact]:
    doc = Document("d1", "r.txt", "r", (Page(None, text),), region="某市", department="某某局", year=2024, kind=kind,
                   path="r.txt")
    return narrative_facts(doc)


def one(facts: list[Fact], subject: str, measure: str) -> Fact:
    got = [f for f in facts if f.subject == subject and f.measure == measure]
    assert len(got) == 1, (subject, measure, [(f.subject, f.measure, f.value) for f in facts])
    return got[0]


ITEMS = ["机关运行经费", "公务接待费", "城乡医疗救助", "一般行政管理事务", "培训支出", "住房公积金"]
NUMBERS = [("1,228.72", 1228.72), ("2, 031. 52", 2031.52), ("371,514,655.00", 371514655.0), ("8.34", 8.34), ("56", 56.0)]
UNITS = ["万元", "元", "亿元"]


# --- clauses -----------------------------------------------------------------------------------------


def test_clauses_split_at_commas_but_not_inside_numbers():
    text = "收入1,228.72万元，支出2, 031. 52万元；结余0万元"
    assert [text[c.start:c.end] for c in split_clauses(text)] == ["收入1,228.72万元", "支出2, 031. 52万元", "结余0万元"]


def test_clauses_split_at_a_list_comma_only_after_a_figure():
    text = "支出包括：社会保障和就业支出5756.51万元、卫生健康支出71.42万元、住房保障支出145.08万元"
    parts = [text[c.start:c.end] for c in split_clauses(text)]
    assert parts == ["支出包括", "社会保障和就业支出5756.51万元", "卫生健康支出71.42万元", "住房保障支出145.08万元"]
    text = "出国、公车和接待费用合计10万元"
    assert [text[c.start:c.end] for c in split_clauses(text)] == [text]


def test_nothing_inside_brackets_or_quotes_ends_a_clause():
    text = "单价100万元以上设备（不含车辆，含软件）0台（套），“一般公共服务，其他”支出5万元"
    parts = [text[c.start:c.end] for c in split_clauses(text)]
    assert parts == ["单价100万元以上设备（不含车辆，含软件）0台（套）", "“一般公共服务，其他”支出5万元"]


@pytest.mark.parametrize("printed, value", NUMBERS)
@pytest.mark.parametrize("unit", UNITS)
def test_every_number_format_and_money_unit_is_one_figure(printed, value, unit):
    figs = sentence_figures(f"机关运行经费支出{printed}{unit}，比上年增加3{unit}")
    assert [(f.number.value, f.unit) for f in figs] == [(value, unit), (3.0, unit)]


@pytest.mark.parametrize("text", [
    "2024年度机关运行经费", "表1收入支出决算总表", "公开05表", "满意度≥95%", "权重10%", "分值20分",
    "完成率低于90%高于80%得2分", "不到80%的不得分", "每超过5%扣1分", "不低于100人", "2101301城乡医疗救助",
])
def test_years_labels_thresholds_and_scores_are_no_figures(text):
    assert sentence_figures(text) == []


def test_a_score_named_as_one_is_a_figure_of_its_own_kind():
    (fig,) = sentence_figures("得分为94.7分")
    assert (fig.kind, fig.measure, fig.number.value) == ("score", "自评分数", 94.7)


# --- measures from the cue around a figure -------------------------------------------------------------

RATE_CUES = [
    ("完成年初预算的{v}%", "执行率"), ("为年初预算的{v}%", "执行率"), ("执行进度{v}%", "执行率"),
    ("预算执行率为{v}%", "执行率"), ("预算完成率达{v}%", "执行率"), ("完成预算的{v}%", "完成预算率"),
    ("完成全年预算数的{v}%", "完成预算率"), ("占{v}%", "占比"), ("占本年支出合计的{v}%", "占比"), ("占比{v}%", "占比"),
    ("比重为{v}%", "占比"), ("增长{v}%", "增减率"), ("增幅{v}%", "增减率"),
]


@pytest.mark.parametrize("item", ITEMS[:3])
@pytest.mark.parametrize("cue, measure", RATE_CUES)
def test_a_rate_takes_the_measure_its_cue_names(item, cue, measure):
    facts = facts_of(f"{item}995.33万元，{cue.format(v='126.3')}。")
    assert one(facts, item, "决算数").value == 995.33
    assert one(facts, item, measure).value == 126.3


CHANGE_CUES = [
    ("比上年增加{v}", 1), ("较上年增加{v}", 1), ("与上年相比增加{v}", 1), ("比2014年决算数增加{v}", 1), ("同比增长{v}", 1),
    ("比年初预算增加{v}", 1), ("比上年执行数减少{v}", -1), ("较上年减少{v}", -1), ("比上年下降{v}", -1), ("较上年压减{v}", -1),
    ("比2023年度决算数减少{v}", -1), ("同比降低{v}", -1),
]


@pytest.mark.parametrize("cue, sign", CHANGE_CUES)
@pytest.mark.parametrize("unit, measure", [("万元", "增减额"), ("%", "增减率"), ("人", "增减额")])
def test_a_change_is_signed_whatever_its_basis(cue, sign, unit, measure):
    facts = facts_of(f"培训支出109.6万元，{cue.format(v='12.5')}{unit}。")
    f = one(facts, "培训支出", measure)
    assert f.value == sign * 12.5 and f.unit == unit


@pytest.mark.parametrize("cue, measure", [
    ("年初预算为{v}万元", "年初预算数"), ("年初预算数{v}万元", "年初预算数"), ("全年预算数为{v}万元", "全年预算数"),
    ("调整后预算{v}万元", "全年预算数"), ("支出决算为{v}万元", "决算数"), ("决算数{v}万元", "决算数"),
    ("执行数为{v}万元", "执行数"), ("实际执行{v}万元", "执行数"),
])
@pytest.mark.parametrize("item", ["城乡医疗救助", "一般行政管理事务", "住房公积金", "培训费", "机关运行经费"])
def test_an_amount_takes_the_measure_its_cue_names(item, cue, measure):
    facts = facts_of(f"{item}{cue.format(v='77.59')}。")
    assert one(facts, item, measure).value == 77.59


@pytest.mark.parametrize("kind, measure", [("决算", "决算数"), ("预算", "预算数")])
def test_an_amount_without_cue_takes_the_reports_default(kind, measure):
    facts = facts_of("住房公积金192.99万元。", kind=kind)
    assert one(facts, "住房公积金", measure).value == 192.99


def test_the_figure_after_a_basis_is_the_earlier_years():
    facts = facts_of("2026年收入预算32852.05万元，比2025年年初预算数30385.62万元增加2466.43万元，增长8.12%。", kind="预算")
    assert one(facts, "收入总计", "预算数").value == 32852.05
    assert one(facts, "收入总计", "上年数").value == 30385.62
    assert one(facts, "收入总计", "增减额").value == 2466.43
    assert one(facts, "收入总计", "增减率").value == 8.12


@pytest.mark.parametrize("unit, measure", [
    ("辆", "车辆数"), ("人", "人数"), ("名", "人数"), ("批次", "批次"), ("人次", "人次"), ("个", "个数"), ("项", "个数"),
    ("台", "台套数"), ("套", "台套数"), ("次", "次数"),
    # the count units a question asks in (几件, 多少户, 几场) are units a report's counts are read in too
    ("件", "件数"), ("家次", "家次"), ("户", "户数"), ("场", "场次"), ("条", "条数"),
])
@pytest.mark.parametrize("item", ["执法执勤用车", "实有人员", "绩效自评项目数", "车辆"])
def test_a_count_takes_its_units_measure(item, unit, measure):
    facts = facts_of(f"全年{item}共计15{unit}。")
    if "车" in item and unit == "台":
        measure = "车辆数"  # vehicles counted in 台 are a number of vehicles (lexicon subject_counts)
    assert [(f.measure, f.value, f.unit) for f in facts] == [(measure, 15.0, unit)]


@pytest.mark.parametrize("item", ["一般公共预算财政拨款", "公务接待费", "机关运行经费"])
def test_an_item_ending_in_支出_before_支出决算_keeps_it(item):
    facts = facts_of(f"{item}支出决算为20.04万元。")
    assert [f.subject for f in facts] == [item if item != "一般公共预算财政拨款" else "一般公共预算财政拨款支出"]


def test_a_count_naming_what_it_counts_after_it_takes_that_as_its_item():
    facts = facts_of("机关运行经费支出10万元。本单位共35个项目纳入绩效目标管理。")
    assert one(facts, "项目纳入绩效目标管理", "个数").value == 35


def test_a_count_followed_by_a_long_clause_takes_no_carried_item():
    facts = facts_of("机关运行经费支出10万元。安排123名中央单位及地方信访业务骨干到局内一线岗位锻炼。")
    assert all(f.value != 123 for f in facts)


@pytest.mark.parametrize("kind", ["货物类", "工程类", "服务类"])
def test_procurement_kinds_are_their_canonical_items(kind):
    facts = facts_of(f"政府采购预算总额16476.85万元，其中，{kind}采购预算2,716.09万元。", kind="预算")
    assert [f.subject for f in facts][1] == "政府采购" + kind[:2]


# --- subjects: named in the clause, or carried ----------------------------------------------------------


@pytest.mark.parametrize("item", ITEMS)
@pytest.mark.parametrize("wrap", ["{i}", "“{i}”", "1.{i}", "（2）{i}（2013302）", "其中：{i}"])
def test_the_item_named_in_the_clause_is_the_subject(item, wrap):
    facts = facts_of(wrap.format(i=item) + "306.90万元，占1.61%；")
    assert one(facts, item, "决算数").value == 306.90
    assert one(facts, item, "占比").value == 1.61


def test_a_code_in_brackets_after_the_item_is_its_subject_code():
    f = one(facts_of("（4）电影（2070607）338.16万元，较上年减少22.2万元。"), "电影", "增减额")
    assert f.value == -22.2 and f.subject_code == "2070607"


def test_each_item_of_a_list_keeps_its_own_figure():
    facts = facts_of("支出包括：社会保障和就业支出5756.51万元、卫生健康支出71.42万元、住房保障支出145.08万元。", kind="预算")
    assert [(f.subject, f.value) for f in facts] == [("社会保障和就业支出", 5756.51), ("卫生健康支出", 71.42),
                                                     ("住房保障支出", 145.08)]


@pytest.mark.parametrize("opening", ["与上年相比", "比上年", "较2023年度决算数", "同比"])
def test_a_sentence_naming_no_item_continues_the_previous_ones(opening):
    facts = facts_of(f"（1）教育支出（类）支出86,499.23万元，主要用于教育活动支出。{opening}增加43,755.7万元，增长102.37%。")
    assert one(facts, "教育支出", "增减额").value == 43755.7
    assert one(facts, "教育支出", "增减率").value == 102.37


@pytest.mark.parametrize("label", [
    "1、一般公共服务支出（类）社会工作事务（款）行政运行（项）。主要用于：行政单位人员支出。",
    "“一般公共服务（类）统计信息事务（款）行政运行（项）”20.04万元，主要用于：人口抽样调查工作。",
])
def test_figures_after_an_item_label_are_about_it(label):
    facts = facts_of(label + "年初预算为77.59万元，支出决算为20.04万元，完成年初预算的25.83%。")
    assert one(facts, "行政运行", "年初预算数").value == 77.59
    assert one(facts, "行政运行", "执行率").value == 25.83


@pytest.mark.parametrize("heading, subject", [
    ("（一）因公出国（境）费用。", "因公出国（境）费"), ("（二）公务接待费。", "公务接待费"),
    ("2.机关运行经费支出情况说明。", "机关运行经费"),
])
def test_figures_after_a_heading_are_about_its_item(heading, subject):
    facts = facts_of(heading + "2026年预算数173.52万元，主要用于开展工作交流。", kind="预算")
    assert one(facts, subject, "预算数").value == 173.52


@pytest.mark.parametrize("label, subject", [
    ("（三）公务用车购置和运行维护费。", "公务用车购置及运行维护费"),  # 和 for the template's 及
    ("（三）课题研究经费。", "课题研究经费"),  # words the lexicon does not hold: the label still names its item
])
def test_a_numbered_label_ends_the_item_before_it(label, subject):
    facts = facts_of("（二）公务接待费。2026年预算数6万元，主要用于接待来访。" + label +
                     "2026年预算数65.33万元，主要用于工作开展。", kind="预算")
    assert one(facts, "公务接待费", "预算数").value == 6
    assert one(facts, subject, "预算数").value == 65.33


def test_a_numbered_section_heading_names_no_amount_item():
    facts = facts_of("执行率为80%。（三）存在的问题和原因。部分项目执行进度偏慢，全年预算数为100万元。", kind="决算")
    assert all(not f.subject.startswith("存在的问题") for f in facts)


@pytest.mark.parametrize("opening, name", [("1.信访干部培训专项项目综述：", "信访干部培训专项"),
                                           ("2.资产运行维护项目绩效自评综述：", "资产运行维护"),
                                           ("3.信息化运行维护绩效自评：", "信息化运行维护")])
def test_a_project_summary_names_the_project_of_the_next_sentence(opening, name):
    facts = facts_of(opening + "根据年初设定的绩效目标，项目自评得分为94.7分。全年预算数为536.20万元，执行数为413.57万元，"
                     "完成预算的77.1%。")
    assert one(facts, name, "全年预算数").value == 536.20
    assert one(facts, name, "完成预算率").value == 77.1
    assert all(f.value != 94.7 or (f.subject, f.measure, f.unit) == (name, "自评分数", "分") for f in facts)


def test_a_target_completion_rate_is_no_budget_execution_rate():
    facts = facts_of("补贴发放完成率为100%。")
    assert [(f.subject, f.measure) for f in facts] == [("补贴发放完成率", "比率")]


@pytest.mark.parametrize("cue", ["未执行数", "未执行", "非预算"])
def test_a_negated_cue_names_no_measure(cue):
    facts = facts_of(f"城乡医疗救助执行数995.33万元，{cue}407.77万元。")
    assert [(f.measure, f.value) for f in facts] == [("执行数", 995.33)]


@pytest.mark.parametrize("year, measure", [(2023, "上年数"), (2024, "决算数")])
def test_an_amount_under_an_earlier_year_is_that_years(year, measure):
    facts = facts_of(f"机关运行经费{year}年决算为30.1万元。")
    assert [(f.measure, f.value) for f in facts] == [(measure, 30.1)]


def test_a_sentence_about_several_items_leaves_no_topic():
    facts = facts_of("部门支出1961.18万元，其中：基本支出1588.69万元，项目支出372.49万元。调整预算数为2031.52万元。")
    assert all(f.value != 2031.52 for f in facts)


def test_a_topic_ends_at_a_heading_that_names_no_item():
    facts = facts_of("机关运行经费支出10万元。\n五、其他重要事项\n比上年增加3万元。")
    assert [(f.subject, f.measure) for f in facts] == [("机关运行经费", "决算数")]


@pytest.mark.parametrize("item, total", [("本年收入", "收入合计"), ("本年支出", "支出合计")])
def test_the_years_totals_named_alone(item, total):
    facts = facts_of(f"（一）2015{item}15240.35万元。")
    assert one(facts, total, "决算数").value == 15240.35


@pytest.mark.parametrize("text", ["按经济分类划分为基本支出11073.11万元，占比75.99%；", "其中基本支出11073.11万元，占比75.99%；"])
def test_a_clause_before_a_listed_item_is_no_qualifier(text):
    facts = facts_of(text)
    assert one(facts, "基本支出", "占比").value == 75.99


# --- quotes ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("a, b", itertools.product(["培训支出（2050803）109.6 万元", "“ 培训支出 ”109.6万元"],
                                                  ["较上年增加 109. 6 万元", "增长 12.5 %"]))
def test_quotes_are_the_sentence_as_printed(a, b):
    text = f"{a}，{b}。"
    for f in facts_of(text):
        assert squash(f.quote) in squash(text)


# --- the cue lexicon ------------------------------------------------------------------------------------


def test_every_cue_names_a_known_measure_and_kind():
    from qa.facts.labels import MEASURES
    from qa.lexicon import cues

    lex = cues()
    for cue in lex.before + lex.after:
        assert cue.measure in MEASURES and (cue.rate is None or cue.rate in MEASURES)
        assert cue.kinds <= {"amount", "percent", "count"} and cue.sign in (1, -1)
    assert set(lex.count_units.values()) | {lex.count_other, lex.basis_measure} <= MEASURES
    assert set(lex.totals.values()) | set(lex.budget_totals.values()) <= {"收入合计", "支出合计", "收入总计", "支出总计", "收支总计"}


def test_no_cue_matches_the_empty_lead():
    from qa.lexicon import cues

    assert not any(c.pattern.search("") for c in cues().before)


@pytest.mark.parametrize("sentence", [
    "2024年度政府采购支出预算总额2064.25万元，其中：拟采购货物支出59万元、拟采购工程支出0万元、拟购买服务支出2005.25万元。",
    "政府采购预算总金额为2064.25万元，其中拟购买货物59万元；拟购买工程0万元；拟购买服务2005.25万元。",
    "本年度政府采购合计2064.25万元，其中：货物类政府采购59万元，工程类政府采购0万元，服务类政府采购2005.25万元。",
    "政府采购支出总额2064.25万元，其中：货物采购金额59万元，工程采购金额0万元，服务采购金额2005.25万元。",
])
def test_a_procurement_totals_parts_are_its_classes_however_worded(sentence):
    facts = facts_of(sentence, kind="预算")
    assert one(facts, "政府采购", "预算数").value == 2064.25
    assert one(facts, "政府采购货物", "预算数").value == 59
    assert one(facts, "政府采购服务", "预算数").value == 2005.25
    # a part of the parts stays its own item
    more = facts_of("其中：货物采购授予中小企业合同金额10万元。")
    assert more and all(f.subject == "货物采购授予中小企业合同金额" for f in more)


def test_the_project_a_report_section_is_about_names_its_project_figures():
    text = ("附件\n2024年度某某系统维护费项目绩效评价报告\n一、基本情况\n3.项目资金投入\n"
            "截至2024年12月31日，项目实际支出760.53万元，预算执行率74.67%。\n"
            "第六部分 名词解释\n该项目支出10万元。")
    facts = facts_of(text)
    assert one(facts, "某某系统维护费", "决算数").value == 760.53
    assert one(facts, "某某系统维护费", "执行率").value == 74.67
    # past the next part of the report the section's project names nothing
    assert not any(f.value == 10 and f.subject == "某某系统维护费" for f in facts)


def test_a_special_funds_section_names_its_total_budget():
    text = ("七、绩效目标\n详见单位的项目绩效目标表。\n某某产业专项（政策资金）经费情况说明\n一、项目概述\n推动产业发展。\n"
            "五、资金安排\n2025年度项目总预算1170.00万，其中支持企业规模化发展870.00万，支持企业创新化发展300.00万。\n"
            "另一类专项（政策资金）经费情况说明\n一、资金安排\n2025年度项目总预算500.00万。")
    facts = facts_of(text, kind="预算")
    assert one(facts, "某某产业专项（政策资金）", "预算数").value == 1170
    assert one(facts, "另一类专项（政策资金）", "预算数").value == 500
    assert one(facts, "支持企业规模化发展", "预算数").value == 870


@pytest.mark.parametrize("lead", ["按功能分类支出划分为", "按支出功能分类划分为", "按经济分类分为"])
def test_a_breakdowns_lead_does_not_hide_the_item_it_names(lead):
    """`其中：按功能分类支出划分为一般公共服务支出10685.56万元`: the item is 一般公共服务支出, not the total before it."""
    facts = facts_of(f"本年支出合计14572.53万元，其中：{lead}一般公共服务支出10685.56万元，占比73.33%；教育支出47.92万元。")
    assert one(facts, "一般公共服务支出", "决算数").value == 10685.56
    assert [f.value for f in facts if f.subject == "支出合计"] == [14572.53]


@pytest.mark.parametrize("cue", ["变化", "相比变化", "变动"])
def test_a_change_said_as_变化_is_a_change(cue):
    facts = facts_of(f"其中：一般公共预算财政拨款收入1668.14万元，比上年决算数{cue}0万元，增长0%。")
    assert one(facts, "一般公共预算财政拨款收入", "增减额").value == 0.0
    assert [f.value for f in facts if f.measure == "决算数"] == [1668.14]


def test_a_standing_item_is_named_by_its_own_name_whatever_qualifies_it():
    """`一般公共预算拨款安排的培训费预算支出` is 培训费 and `公务用车购置预算支出` 公务用车购置费, not a long name no
    question uses (一般公共预算拨款… would then match it)."""
    facts = facts_of("2026年一般公共预算拨款安排的培训费预算支出709.80万元，比上年减少300万元。"
                     "（1）公务用车购置预算支出0万元，与上年一致。", kind="预算")
    assert one(facts, "培训费", "预算数").value == 709.8
    assert one(facts, "培训费", "增减额").value == -300.0
    assert one(facts, "公务用车购置费", "预算数").value == 0.0


@pytest.mark.parametrize("said", ["与上年相比持平", "与上年度持平", "较上年持平", "同去年基本持平", "与上年一致", "与上年相同"])
def test_an_amount_as_last_years_has_a_change_of_zero(said):
    facts = facts_of(f"人大事务（款）人大立法（项）支出810万元，{said}。人大监督（项）支出418.75万元，与上年相比增加10万元。",
                     kind="预算")
    assert one(facts, "人大立法", "增减额").value == 0.0 and one(facts, "人大立法", "增减率").unit == "%"
    assert [f.value for f in facts if f.subject == "人大监督" and f.measure == "增减额"] == [10.0]


def test_a_level_with_its_budget_is_no_change_against_last_year():
    facts = facts_of("会议费决算支出30万元，与年初预算持平。")
    assert not [f for f in facts if f.measure in ("增减额", "增减率")]


WHOLE = ("一、2024年度某某局整体绩效自评表\n（一）部门整体绩效自评得分\n共得95分。\n（三）存在的问题和原因\n"
         "2023年调整预算数1910.44万元，执行数1114.03万元，执行率58.31%。\n"
         "2024年调整预算数1636.49万元，实际执行数1228.72万元，执行率75.08%。\n"
         "二、项目绩效自评\n2024年调整预算数20万元，执行数10万元。\n")


def test_a_sentence_naming_no_item_in_a_section_on_the_whole_department_states_its_figures():
    facts = [f for f in facts_of(WHOLE) if f.subject == "部门整体"]
    assert {(f.measure, f.value) for f in facts} == {("全年预算数", 1636.49), ("执行数", 1228.72), ("完成预算率", 75.08)}


def test_the_rate_stated_with_an_adjusted_budget_is_of_that_budget():
    facts = facts_of("城乡医疗救助调整预算数100万元，执行数80万元，执行率80%。")
    assert one(facts, "城乡医疗救助", "完成预算率").value == 80.0
    facts = facts_of("城乡医疗救助年初预算数100万元，决算数80万元，执行率80%。")
    assert one(facts, "城乡医疗救助", "执行率").value == 80.0


@pytest.mark.parametrize("text, subject", [
    ("开展绩效自评的2024年度项目4个，涉及预算金额598.42万元。", "开展绩效自评"),
    ("编报绩效目标的2024年项目4个，涉及预算金额598.42万元。", "编报绩效目标"),
])
def test_a_year_inside_the_name_of_things_counted_is_no_part_of_it(text, subject):
    assert one(facts_of(text), subject, "个数").value == 4.0


@pytest.mark.parametrize("text, subject", [
    ("解除、中止医保服务协议18家。", "中止医保服务协议"),
    ("其中：中介机构服务费10万元。", "中介机构服务费"),
    ("万元，中央财政补助收入5万元。", "中央财政补助收入"),
])
def test_a_name_opening_with_zhong_keeps_it(text, subject):
    assert any(f.subject == subject for f in facts_of(text))


def test_an_amount_two_years_before_the_reports_is_neither_this_years_nor_last_years():
    doc = Document("d1", "r.txt", "r", (Page(None, "打击欺诈骗保经费2019年预算为27.56万元，2020年预算为30.1万元，"
                                                   "2021年预算为72.35万元。"),), region="某市", department="某某局",
                   year=2021, kind="预算", path="r.txt")
    got = {(f.measure, f.value) for f in narrative_facts(doc)}
    assert ("上年数", 30.1) in got and ("预算数", 72.35) in got and not any(v == 27.56 for _, v in got)


def test_an_item_named_after_the_basis_it_is_compared_with_is_the_item():
    facts = facts_of("造成2023年较2022年参保人数下降了15184人以及保费下降。")
    assert one(facts, "参保人数", "增减额").value == -15184.0
    # a basis naming its own figure (比2025年…年初预算) is still the basis: the change is the sentence's item's
    facts = facts_of("2026年三公经费预算58万元，比2025年财政拨款三公经费年初预算增加16.03万元。", kind="预算")
    assert one(facts, "三公经费", "增减额").value == 16.03


@pytest.mark.parametrize("text, subject", [
    ("2024 公益性岗位退出机制项目 10.54 万元，主要成效：持续优化营商环境。", "公益性岗位退出机制"),
    # a run of years names the project's period, not an earlier year's figure
    ("医保局 2018-2021 年城乡居民意外伤害保险服务经费项目 304.67 万元，主要成效：委托商业保险机构。",
     "城乡居民意外伤害保险服务经费"),
])
def test_a_project_named_after_a_bare_year_or_its_period_keeps_its_figure(text, subject):
    facts = facts_of(text)
    assert [(f.subject, f.value) for f in facts][:1] == [(subject, float(re.search(r"\d+\.\d+", text).group(0)))]


def test_an_earlier_years_figure_is_still_no_figure_of_this_year():
    assert not [f for f in facts_of("2022年调整预算数1910.44万元。") if f.value == 1910.44 and f.measure != "上年数"]


@pytest.mark.parametrize("sentence, subject", [
    ("全区15.22万人参加武汉市城乡居民医保，参保率达97.16%。", "参加武汉市城乡居民医保"),
    ("全市3300人次享受医疗救助。", "享受医疗救助"),
])
def test_a_count_said_of_the_whole_area_is_of_what_follows_it(sentence, subject):
    f = one(facts_of(sentence), subject, "人数") if "万人" in sentence else one(facts_of(sentence), subject, "人次")
    assert f.value in (15.22, 3300.0)


@pytest.mark.parametrize("lead, score", [("项目自评得分为", "88.5"), ("项目综合评价得分", "85.19"), ("项目绩效自评得分是", "98"),
                                         ("项目绩效自评得分：", "98")])
def test_a_score_stated_in_words_is_the_projects_score(lead, score):
    facts = facts_of(f"3.信息化运行维护项目绩效自评综述：根据年初设定的绩效目标，{lead}{score}分。全年预算数为1639.34万元。")
    f = one(facts, "信息化运行维护", "自评分数")
    assert (f.value, f.unit) == (float(score), "分")


@pytest.mark.parametrize("text", ["绩效自评的项目4个，平均得分99.43分。",  # a mean of several projects, no one's score
                                  "响应时间≤15分钟，得2.5分。",  # a scoring rule
                                  "其中：执行 20.00 分，产出 58.99 分。"])  # parts of a score, named by no score word
def test_figures_in_分_without_a_score_named_are_no_scores(text):
    assert not [f for f in facts_of(text) if f.unit == "分"]


@pytest.mark.parametrize("said", ["支出决算", "决算数", "支出决算数"])
def test_an_item_named_with_its_measure_after_it_is_the_item(said):
    facts = facts_of(f"公务用车购置及运行维护费{said}增加21.90万元，增长141.75%。")
    assert one(facts, "公务用车购置及运行维护费", "增减额").value == 21.9


def test_a_change_said_as_压缩_is_a_decrease():
    facts = facts_of("因公出国（境）费预算199.25万元，比上年压缩23.25万元。")
    assert one(facts, "因公出国（境）费", "增减额").value == -23.25


@pytest.mark.parametrize("adverb", ["累计", "一共", "总共", "共计"])
def test_an_adverb_of_counting_is_no_part_of_the_items_name(adverb):
    got = facts_of(f"2015年本单位组织出国团组5个；全年因公出国（境）{adverb}15人次。")
    assert ("因公出国（境）", "人次", 15.0) in [(f.subject, f.measure, f.value) for f in got]


@pytest.mark.parametrize("zero", ["0", " 0", "0.00"])
def test_a_bare_figure_an_amount_cue_names_takes_the_next_clauses_unit(zero):
    """`年初预算为 0，支出决算为 150 万元`: the template's sentence with its first unit left out."""
    facts = facts_of(f"（8）节能环保支出（类）污染减排（款）减排专项支出（项）。年初预算为{zero}，支出决算为150万元。")
    assert one(facts, "减排专项支出", "年初预算数").unit == "万元" and one(facts, "减排专项支出", "年初预算数").value == 0
    assert one(facts, "减排专项支出", "决算数").value == 150
    # a bare number without an amount's cue, or far from the next amount, stays no figure
    assert not [f for f in facts_of("减排专项支出序号为3，支出150万元。") if f.value == 3]
    assert not [f for f in facts_of("减排专项支出年初预算为3，此后按照上级部门的有关文件规定和要求执行，支出150万元。")
                if f.value == 3]


@pytest.mark.parametrize("heading", ["1.年度部门支出情况", "（2）执行率情况", "3、年度部门绩效目标"])
def test_a_numbered_heading_on_its_own_line_is_no_part_of_the_sentence_after_it(heading):
    """`1.年度部门支出情况` then `2023年部门支出总额9056.48万元，其中…`: the heading ends before the sentence, whose
    item is read from its own words."""
    facts = facts_of(f"{heading}\n2024年部门支出总额9056.48万元，其中基本支出1001.37\n万元，项目支出8055.11万元。")
    assert one(facts, "支出总额", "决算数").value == 9056.48
    assert one(facts, "基本支出", "决算数").value == 1001.37


def test_a_wrapped_sentence_opening_with_a_number_runs_on():
    """A line opening with `1.` that is long, cut off mid-phrase or continued by the next line's first word is a
    wrapped sentence, not a heading."""
    for text in ("1.城乡居民基本医疗保险补助项目全年预算执行数\n为1,228.72万元。", "1.城乡医疗救助支出，\n决算为1,228.72万元。",
                 "1.城乡医疗救助支出决算\n为1,228.72万元。"):
        got = [f for f in facts_of(text) if f.value == 1228.72]
        assert got and got[0].quote.startswith("1.城乡"), text


def test_this_project_referred_to_under_a_numbered_heading_is_the_project_of_the_report():
    """In `X项目绩效评价报告`, `3.项目资金投入` then `2024年，该项目批复的年初预算数为1018.00万元`: X's budget; the heading
    between them carries no topic of its own, and a table's residue there names no project."""
    text = ("2024年度信息系统维护费项目绩效评价报告\n一、基本情况\n3.项目资金投入\n"
            "2024年，该项目批复的年初预算数为1018.00万元，其中当年财政拨款898.00万元。\n2014.64 万\n")
    facts = facts_of(text)
    assert one(facts, "信息系统维护费", "年初预算数").value == 1018.0
    assert not [f for f in facts if f.value == 2014.64 and f.subject == "信息系统维护费"]


def test_the_parts_of_a_qualified_whole_and_the_rest_of_a_list_keep_their_words():
    """`共有公务用车102辆，其中执法执勤用车84辆，其他按照规定配备的公务用车4辆`: 4 is no second count of 公务用车;
    `拟新增配置公务用车6辆，其中执法执勤用车6辆`: 6 is the planned 执法执勤用车, not the stock."""
    facts = facts_of("截至2024年12月底，本单位共有公务用车102辆，其中，执法执勤用车84辆，其他按照规定配备的公务用车4辆；"
                     "2025年拟新增配置公务用车6辆，其中，执法执勤用车6辆，其他按照规定配备的公务用车0辆。", kind="预算")
    counts = {(f.subject, f.value) for f in facts}
    assert {("公务用车", 102.0), ("执法执勤用车", 84.0), ("其他按照规定配备的公务用车", 4.0),
            ("拟新增配置公务用车", 6.0), ("拟新增配置执法执勤用车", 6.0)} <= counts
    assert not [f for f in facts if f.subject in ("公务用车", "执法执勤用车") and f.value in (4.0, 6.0, 0.0)]


def test_heads_counted_after_其中_are_counted_as_the_whole_they_are_part_of():
    """`实有人员97人，其中市委讲师团事业12人`: 12 is the 讲师团's 实有人员, not a count of its own; `在职实有人数56人，
    其中：行政编制6人` is no second 行政编制 beside `编制62人，其中：行政编制7人`; parts naming the whole's kind (行政编制
    of 编制) or within its name (离休 of 离退休人员) stay."""
    facts = facts_of("本部门总编制人数62人，其中：行政编制7人，事业编制55人。在职实有人数56人，其中：行政编制6人，事业编制50人。"
                     "实有人员97人，其中市委宣传部行政85人、市委讲师团事业12人。离退休人员12人，其中：离休0人，退休12人。")
    counts = {(f.subject, f.value) for f in facts if f.unit == "人"}
    assert {("行政编制", 7.0), ("事业编制", 55.0), ("行政编制实有人员", 6.0), ("事业编制实有人员", 50.0),
            ("市委讲师团事业实有人员", 12.0), ("离休", 0.0), ("退休", 12.0)} <= counts
    assert ("行政编制", 6.0) not in counts and ("市委讲师团事业", 12.0) not in counts


def test_a_total_said_after_the_科目_a_sentence_opens_with_is_that_科目s():
    """`检察（款）: 2018年预算支出合计16,444.36万元`: 16444.36 is the 款's total, not the report's 支出合计;
    `2.提租补贴(项):支出2,586.61万元`: 提租补贴's, not 支出总计."""
    facts = facts_of("检察（款）: 2024年预算支出合计16,444.36万元。\n2.提租补贴(项):支出2,586.61万元。\n"
                     "本年支出合计20,000.00万元。", kind="预算")
    got = {(f.subject, f.value) for f in facts}
    assert {("检察", 16444.36), ("提租补贴", 2586.61), ("支出合计", 20000.0)} <= got
    assert not [f for f in facts if re.search("合计|总计", f.subject) and f.value in (16444.36, 2586.61)]


def test_the_years_income_of_a_fund_named_first_is_that_funds_not_the_reports():
    """`2023年度政府性基金预算财政拨款年初结转和结余0万元，本年收入0万元，本年支出0万元`: 0 is the fund's 收入 and
    支出, no second 收入合计 of the report beside its 8726.43."""
    facts = facts_of("2023年度收入合计8726.43万元。2023 年度政府性基金预算财政拨款年初结转和结余 0万元，本年收入 0 万元，"
                     "本年支出 0 万元，年末结转和结余0 万元。")
    got = {(f.subject, f.value) for f in facts}
    assert {("收入合计", 8726.43), ("政府性基金预算财政拨款收入", 0.0), ("政府性基金预算财政拨款支出", 0.0)} <= got
    assert ("收入合计", 0.0) not in got and ("支出合计", 0.0) not in got


def test_the_parts_of_a_budgeted_whole_in_a_final_account_are_budgeted_too():
    """`部门2024年预算支出为1,961.18万元,其中:基本支出1,588.69万元,项目支出372.49万元` in a final account: all three
    are what was budgeted (年初预算数), not what was spent; a sentence stating the spending keeps 决算数."""
    facts = facts_of("部门2024年预算支出为1,961.18万元,其中:基本支出1,588.69万元,项目支出372.49万元。"
                     "决算支出为2,031.52万元,其中基本支出为1,573.80万元,项目支出457.72万元。")
    assert {(f.subject, f.measure, f.value) for f in facts} >= {
        ("预算支出", "年初预算数", 1961.18), ("基本支出", "年初预算数", 1588.69), ("项目支出", "年初预算数", 372.49),
        ("基本支出", "决算数", 1573.8), ("项目支出", "决算数", 457.72)}
    assert not [f for f in facts if f.measure == "决算数" and f.value in (1588.69, 372.49)]


@pytest.mark.parametrize("said, item", [
    ("“三公”经费财政拨款支出决算数比2023年度增加21.90万元，增长141.75%。", "三公经费"),
    ("三公经费支出比2023年度增加21.90万元。", "三公经费支出"),
    ("机关运行经费决算数比2023年增加21.90万元。", "机关运行经费"),
    ("一般公共预算财政拨款支出决算数比上年增加21.90万元。", "一般公共预算财政拨款支出"),
])
def test_a_change_against_a_year_named_with_its_du_is_the_items(said, item):
    """`比2023年度增加`: the year before its 度 (once read as a tail filler) is the basis; the measure the item is
    named with before it (决算数) is no part of the item."""
    assert one(facts_of(said), item, "增减额").value == 21.9


@pytest.mark.parametrize("said, sign", [("比2023年度减增加21.90万元，增长141.75%", 1), ("比上年增减少21.90万元，下降5%", -1)])
def test_a_template_word_left_half_edited_reads_as_the_word_the_figure_follows(said, sign):
    """增加（减少） filled in as 减增加 / 增减少: the word right before the figure says which way it went."""
    fig = sentence_figures(f"公务接待费{said}")[0]
    assert fig.measure == "增减额" and fig.sign == sign


@pytest.mark.parametrize("item", ["警务辅助人员经费", "培训支出", "事业单位2个"])
def test_a_figure_inside_an_aside_is_of_what_the_aside_names(item):
    # `X（含市府机关大院30名）`: the 30 is of 市府机关大院, not of X; a figure alone in brackets restates X's
    facts = facts_of(f"{item}（含市府机关大院30名）。目标任务完成（68.39万人）。")
    assert not [f for f in facts if f.value == 30 and item[:4] in f.subject]
    assert any(f.value == 30 and "市府机关大院" in f.subject for f in facts)
    assert any(f.value == 68.39 and f.subject.startswith("目标任务") for f in facts)


def test_every_count_unit_a_question_asks_in_is_one_a_report_is_read_in():
    from qa.lexicon import cues, terms

    assert set(terms()["counts"]) - {"团组"} <= set(cues().count_units)  # (团组 is a noun counted in 个)
    assert all(cues().count_units[u] == m for u, m in terms()["counts"].items() if u in cues().count_units)


def test_a_change_word_inside_a_policys_name_is_no_change():
    """支持商销稳增长30.00万: 稳增长 names a policy (cues.json names_holding_cues); the figure is the part's budget."""
    facts = facts_of("2025年度项目总预算2921.00万，其中支持外贸发展370.00万，支持商销稳增长30.00万。", kind="预算")
    assert one(facts, "支持商销稳增长", "预算数").value == 30.0
    assert not [f for f in facts if f.measure == "增减额"]


def test_a_total_closing_a_list_of_parts_is_the_wholes_not_the_last_parts():
    """…进博会推进专项153.00万，合计2921.00万: the total restates the sentence's whole; the last part keeps its own."""
    facts = facts_of("2025年度项目总预算2921.00万，其中支持外贸发展370.00万，进博会推进专项153.00万，合计2921.00万。", kind="预算")
    assert [f.value for f in facts if f.subject == "进博会推进专项"] == [153.0]
    facts = facts_of("其中支持外贸发展370.00万，进博会推进专项153.00万，合计523.00万。", kind="预算")
    assert [f.value for f in facts if f.subject == "进博会推进专项"] == [153.0]


@pytest.mark.parametrize("kind", ["预算", "决算"])
def test_no_carry_over_of_三公经费_says_nothing_of_the_years_own_figure(kind):
    """`本部门无2020年结转的“三公”经费支出`: no figure of that year's 三公经费, not a 0 of it."""
    facts = facts_of("本部门无2020年结转的“三公”经费支出。", kind)
    assert [f for f in facts if f.subject == "三公经费"] == []
    nothing = facts_of("本部门无“三公”经费支出。", kind)
    assert [f.value for f in nothing if f.subject == "三公经费"] == [0.0]


def test_a_budgets_sentence_on_last_years_execution_is_about_the_item_just_named():
    """`…其他司法支出（99项）3845.49万元。主要用于：…。2023年当年预算执行数为…万元，2024年预算安排…万元，比2023年
    预算执行数增加…%`: the 项 named before (its level's code inside the marker, （99项）, is no count of 99 项); last
    year's 执行数 is its 上年数, the 预算安排 its 预算数 — no item named 预算安排 or 预算."""
    facts = facts_of("6、公共安全支出（204类）司法（06款）其他司法支出（99项）3845.49万元。主要用于：依法治区。"
                     "2023年当年预算执行数为3269.3万元，2024年预算安排3845.49万元，比2023年预算执行数增加17.62%。\n", kind="预算")
    assert {f.subject for f in facts} == {"其他司法支出"}
    assert one(facts, "其他司法支出", "上年执行数").value == 3269.3
    assert one(facts, "其他司法支出", "增减率").value == 17.62
    assert all(f.unit != "项" for f in facts) and "（99项）" in facts[0].quote
    # (全年预算安排 says the amount of the item the sentences are about, no item of its own)
    later = facts_of("（一）机关运行经费52.00万元。主要用于办公。全年预算安排52.00万元，比上年增加2万元。\n", kind="预算")
    assert "预算安排" not in {f.subject for f in later}
