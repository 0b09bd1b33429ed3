"""qa.answer.pick: the figure of a sentence that answers the asked item, measure and kind."""
from __future__ import annotations

import pytest

from qa.answer.pick import label_before, pick_figures
from qa.search.shape import answer_shape
from qa.text.numbers import find_numbers


@pytest.mark.parametrize("sentence, item, want, value", [
    ("年末共有车辆17辆，其中公务用车10辆，单价50万元以上设备2台。", "车辆", "count", 17),
    ("年末共有车辆17辆，其中公务用车10辆，单价50万元以上设备2台。", "公务车", "count", 10),
    ("机关运行经费1637.76万元，比上年减少12.5万元，下降0.8%。", "机关运行经费", "amount", 1637.76),
    ("机关运行经费1637.76万元，比上年减少12.5万元，下降0.8%。", "机关运行经费", "percent", 0.8),
    ("政府采购预算总额2366.16万元，其中货物类300万元、服务类2066.16万元。", "服务类", "amount", 2066.16),
    ("授予中小企业合同金额1820.69万元，占政府采购支出总额的92.54%。", "授予中小企业", "amount", 1820.69),
])
def test_the_figure_standing_with_the_item_is_picked(sentence, item, want, value):
    assert pick_figures(sentence, item, (), want)[0].number.value == value


def test_the_measure_words_near_a_figure_decide_between_two_amounts():
    sentence = "项目年初预算为788万元，支出决算为995.33万元。"
    assert pick_figures(sentence, "项目", ("支出决算", "决算"), "amount")[0].number.value == 995.33
    assert pick_figures(sentence, "项目", ("年初预算",), "amount")[0].number.value == 788


@pytest.mark.parametrize("question, kind", [
    ("城乡医疗救助执行率是多少", "percent"),
    ("项目支出占总支出的比例", "percent"),
    ("人员经费大概占几成", "percent"),
    ("一共有几辆车", "count"),
    ("在职人员有多少人", "count"),
    ("机关运行经费是多少", "amount"),
    ("三公经费花了多少钱", "amount"),
    ("接待了多少国内来访团组", "count"),
    ("房屋面积有多少", "count"),
])
def test_the_kind_of_figure_asked_is_read_from_the_question(question, kind):
    assert answer_shape(question)[1] == kind


def test_the_label_is_the_clause_before_the_figure():
    sentence = "其中：基本支出131.09万元，占本年支出10.7%"
    n = find_numbers(sentence)[0]
    assert label_before(sentence, n) == "基本支出"


def test_a_change_is_a_figure_said_against_a_basis_or_right_after_the_item_moved():
    """`增加了多少` is answered by a change: 比上年增加62.7万元, or 工会经费人均定额增加1000元 (the item named, then
    the word of its move); not by a rule (每增加1人) or an amount said without a move. The label leaves out the
    reason cue the clause opens with."""
    from qa.answer.pick import compared

    assert compared("与上年相比增加62.7万元", find_numbers("与上年相比增加62.7万元")[0])
    s = "主要原因是工会经费人均定额增加1000元，以及人员增加，每增加1人补助500元，支出1642.08万元。"
    got = {n.value: compared(s, n) for n in find_numbers(s) if n.kind == "amount"}
    assert got == {1000: True, 500: False, 1642.08: False}
    n = next(n for n in find_numbers(s) if n.value == 1000)
    assert label_before(s, n) == "工会经费人均定额增加"


def test_a_figure_named_by_the_words_running_on_after_it_when_nothing_names_it_before():
    """`2024年为4213人次办理异地就医备案，其中省内1050人次`: the figure is named after it; in a table's line the words
    after a cell are the next row's (`离休费 100.00 退休费 200.00`) and name nothing of it."""
    from qa.answer.passages import PICK_RATIO

    s = "2024年为4213人次办理异地就医备案，其中省内1050人次、省外3163人次。"
    picked = pick_figures(s, "异地就医备案", (), "count", limit=3)
    (named,) = [p for p in picked if p.number.value == 4213]
    assert named.label == "办理异地就医备案" and named.score >= PICK_RATIO * picked[0].score
    assert pick_figures("离休费 100.00 退休费 200.00", "退休费", (), ("amount", "number"))[0].number.value == 200


def test_a_scoring_rules_figures_are_no_figures_unless_a_score_is_asked():
    """`合格率低于100%高于90%得2分`, `每少10人扣1分`: a performance table's scoring rule (cues.json score_clause), as
    facts skip it; asked for a score, its 分 may be read."""
    s = "招录辅警500人，目标完成得满分，每少10人扣1分，合格率低于100%高于90%得2分。"
    assert [p.number.value for p in pick_figures(s, "招录辅警", (), "count", limit=5)] == [500]
    assert 2 in [p.number.value for p in pick_figures(s, "合格率", (), ("count", "number"), limit=5, scores=True)]


def test_figures_of_every_kind_asked_are_picked():
    from qa.answer.pick import figure_kind, pick_figures

    s = "编报绩效目标的2025年度项目48个，涉及预算金额7,589.42万元。"
    kinds = {figure_kind(p.number) for p in pick_figures(s, "项目", [], ("count", "amount"), limit=4) if p.score >= 0.4}
    assert kinds == {"count", "amount"}


def test_bare_years_and_small_bare_integers_are_not_picked_as_amounts():
    from qa.answer.pick import pick_figures

    s = "三、财政拨款情况说明 2026 年一般公共预算财政拨款支出 192446.79 表 5"
    assert [p.number.value for p in pick_figures(s, "一般公共预算财政拨款支出", [], "amount", limit=5)] == [192446.79]


@pytest.mark.parametrize("sentence, question, other", [
    ("并编制年度论文汇编≥10篇", "有多少编制、实有多少人？", True),  # a counting unit the lexicon does not list
    ("并编制年度论文汇编≥10篇", "北京市审计局有多少编制", True),  # 编制 is counted in 人 (counted_nouns)
    ("行政编制87人", "北京市审计局有多少编制", False),
    ("并编制年度论文汇编≥10篇", "北京市审计局人员编制数是多少", True),  # (编制数: 编制 made a count)
    ("行政编制87人", "北京市审计局编制数是多少", False),
    ("共有车辆2辆", "有多少人？", True),
    ("在职人员15人", "实有多少人？", False),
    ("设立3个处室", "有几个处室？", False),  # 几个 counts anything
    ("来访群众的投诉次数≤4次", "一共收到了多少件群众来信？", True),  # 件 counts things of their own
    ("办理建议提案15个", "办理了多少件建议提案？", False),  # a generic counter stands in for 件
    ("并编制年度论文汇编≥10篇", "北京市审计局现在有多少在编在职人员？", True),  # (words between 多少 and the noun)
    ("在职人员15人", "现在有多少在编在职人员？", False),
    ("发案率同比下降得满分，不变得2分", "预计破获多少起刑事案件？", True),  # 起 counts cases, not a score
    ("年底全区参保95.72万人", "年底全区医保参保多少人？", False),  # 万人 counts people as 人 does
    ("年底全区参保95.72万辆", "年底全区医保参保多少人？", True),
])
def test_a_count_of_other_things_does_not_answer_a_head_count(sentence, question, other):
    from qa.answer.pick import counts_other_things

    (n,) = [x for x in find_numbers(sentence) if x.kind == "count"]
    assert counts_other_things(n, question) is other


def test_a_sentence_naming_the_head_of_the_asked_phrase_outranks_one_naming_its_context():
    from qa.answer.passages import rank_sentences
    from qa.models import Chunk
    from qa.search.query import Query
    from qa.search.retrieve import Hit

    context = Chunk("c1", "d", "r.txt", "稽查工作由服务中心承担，年度经费18.35万元。")
    head = Chunk("c2", "d", "r.txt", "全年追回违规资金1310.71万元，行政处罚11家。")
    query = Query(text="稽查中心追回资金多少", topic="稽查中心追回资金")
    ranked = rank_sentences(query, [Hit(0, context, 1.0), Hit(1, head, 0.9)])
    assert "追回违规资金" in ranked[0].text


def test_a_total_said_after_its_parts_answers_the_whole_and_a_part_named_answers_itself():
    from qa.answer.pick import pick_figures

    sentence = "（一）部门整体绩效自评得分2023年度预算执行得15分，年度绩效目标评价得80分，共得95分。"
    assert pick_figures(sentence, "整体绩效自评得分", ["得分"], ["count"], scores=True)[0].number.value == 95
    assert pick_figures(sentence, "整体绩效自评预算执行得分", ["得分"], ["count"], scores=True)[0].number.value == 15
    parts = "公用经费100万元，其中：办公费10万元、印刷费20万元，合计30万元。"
    assert pick_figures(parts, "办公费", [], ["amount"])[0].number.value == 10


def test_a_total_its_parts_follow_answers_the_whole_and_a_part_named_answers_itself():
    """`共有车辆15辆，其中，领导干部用车1辆…`: the total the parts follow, opened by 其中, first."""
    from qa.answer.pick import pick_figures

    sentence = "截至2024年12月31日，本局共有车辆15辆，其中，领导干部用车1辆、机要通信用车2辆、离退休干部用车3辆。"
    assert pick_figures(sentence, "辆公车", [], ["count"])[0].number.value == 15
    assert pick_figures(sentence, "机要通信用车", [], ["count"])[0].number.value == 2
    assert pick_figures(sentence, "给离退休干部用的 辆", [], ["count"])[0].number.value != 15


def test_thresholds_and_dates_are_no_figures_of_a_sentence():
    from qa.answer.pick import pick_figures

    sentence = "截至2019年12月31日，本部门共有车辆0辆，单价50万元以上通用设备0台（套），单价100万元以上专用设备0台（套）。"
    got = [p.number.value for p in pick_figures(sentence, "国有资产总额", ["资产"], "amount", limit=5)]
    assert not {50.0, 100.0, 12.0, 31.0} & set(got)
    assert [p.number.value for p in pick_figures("资产总额1,228.72万元。", "资产总额", [], "amount")] == [1228.72]


def test_a_tables_number_is_no_figure():
    s = "北京市审计局2026年财政拨款政府购买服务预算见预算11表。"
    assert [p.number.value for p in pick_figures(s, "政府购买服务", [], "amount", limit=5)] == []



def test_a_sentence_sharing_a_few_characters_of_a_short_item_does_not_cover_it():
    from qa.answer.passages import MIN_COVERAGE, rank_sentences
    from qa.models import Chunk
    from qa.search.query import Query
    from qa.search.retrieve import Hit

    query = Query(text="北京市审计局一共有多少个内设处室？", topic="内设处室", figure_kind="count")
    for said in ("内部处理费用12万元。", "下设处理中心2个。"):  # (内…处 of 内设处室: two characters, no name)
        assert rank_sentences(query, [Hit(0, Chunk("c1", "d", "r.txt", said), 1.0)])[0].coverage < MIN_COVERAGE
    stated = Chunk("c2", "d", "r.txt", "本局内设处室14个，下属单位2个。")
    assert rank_sentences(query, [Hit(0, stated, 1.0)])[0].coverage >= MIN_COVERAGE


@pytest.mark.parametrize("text, year, said", [
    ("截至 2024\n年 12 月底，本单位共有公务用车 102 辆", 2024, True),  # a date in that year names it
    ("2024年度部门预算", 2024, True),
    ("2024 年 2,345.67", 2024, False),  # a column's year above its figure, no date
    ("合计 2024 1,234.00", 2024, False),
])
def test_a_year_is_named_as_a_year_or_in_a_date(text, year, said):
    from qa.answer.pick import names_year
    assert names_year(text, year) is said
