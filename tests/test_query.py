"""Question understanding: scope words become filters, the rest is the topic."""
from __future__ import annotations

import pytest

import qa
from qa.search.query import parse_question, region_aliases
from qa.search.shape import answer_shape

from .conftest import tiny_report

HELD = ["武汉市青山区", "通城县", "上海市普陀区"]


def test_short_region_name_maps_to_the_indexed_region():
    q = parse_question("青山区2023年城乡医疗救助执行率", HELD)
    assert q.region == "武汉市青山区" and q.year == 2023
    assert "青山" not in q.topic and "2023" not in q.topic


def test_year_after_bi_is_a_comparison_not_the_report_year():
    q = parse_question("青山区医保局2023年收支总计比2022年增长了多少", HELD)
    assert q.year == 2023 and q.compare_years == (2022,)


def test_place_the_index_does_not_hold_is_reported():
    q = parse_question("江岸区医疗保障局2023年城乡医疗救助支出", HELD)
    assert q.region is None and q.unknown_region == "江岸区"


def test_words_ending_like_places_are_not_places():
    q = parse_question("2023年城乡居民医保参保率", HELD)
    assert q.unknown_region is None


def test_two_regions_make_a_cross_report_question():
    q = parse_question("比较青山区和通城县2023年机关运行经费", HELD)
    assert set(q.regions) == {"武汉市青山区", "通城县"} and q.region is None


def test_longer_alias_claims_its_words_first():
    q = parse_question("行政运行项目完成年初预算的比例", HELD)
    assert q.measures == ("执行率",)


def test_abbreviation_is_expanded_in_the_topic():
    assert "医疗保障局" in parse_question("通城县医保局公务接待费", HELD).topic


@pytest.mark.parametrize("question, topic", [
    ("省委办公厅18年办公费（基本支出）预算", "基本支出中办公费"),  # a scope in brackets says where the item is
    ("因公出国（境）费预算", "因公出国（境）费"),  # a bracket of the item's own name stays
])
def test_a_bracketed_scope_after_an_item_reads_as_its_context(question, topic):
    assert topic in parse_question(question, HELD).topic


@pytest.mark.parametrize("question, starts", [
    ("行政运行里有一小块是项目支出，具体多少？（看一般公共预算财政拨款支出决算表）", "一般公共预算财政拨款支出决算表中 行政运行"),
    ("会议费预算是多少？（看三公经费及会议费、培训费那张表）", "三公经费及会议费 培训费表中 会议费"),
])
def test_an_aside_naming_the_table_to_look_in_is_the_context(question, starts):
    assert parse_question(question, HELD).topic.startswith(starts)


@pytest.mark.parametrize("question", ["年末结转和结余一下子涨了三倍多，报告怎么解释的？", "支出为什么比上年少了",
                                      "会议费比上年少了403.75万元，减下来的钱用到哪儿去了？"])
def test_a_reason_asked_in_other_words_is_a_reason(question):
    q = parse_question(question, HELD)
    assert q.form == "reason" and "子" not in q.topic


def test_the_gap_to_the_other_end_asks_both_ends_first():
    from qa.search.parts import gap_to_other_end
    assert gap_to_other_end("三公经费里哪一块最多？", "它比最少的那一块多出多少万元？") == "三公经费里哪一块最多、最少的是哪个？"
    assert gap_to_other_end("三公经费里哪一块最多？", "比上年增加了多少？") is None


def test_whose_holding_said_by_a_possessive_is_no_word_of_the_item():
    from qa.answer.match import match_question
    got = match_question("名下车", {"车辆", "车辆购置费"})
    assert got is not None and got.subjects == ("车辆",)


@pytest.mark.parametrize("item, subjects, want", [
    ("给职工交职业年金预算", {"职业年金缴费", "职工基本医疗保险缴费"}, ("职业年金缴费",)),  # (whom it is paid for)
    ("给职工的福利费", {"福利费", "职工基本医疗保险缴费"}, ("福利费",)),
    ("参加了医保的人数", {"全区参保人数", "医保基金"}, ("全区参保人数",)),  # (a user's words for 参保)
])
def test_everyday_words_around_an_item_are_read(item, subjects, want):
    from qa.answer.match import match_question
    got = match_question(item, subjects)
    assert got is not None and got.subjects == want


def test_explicit_filters_win_over_the_question():
    q = parse_question("青山区2023年三公经费", HELD, region="通城县", year=2022, kind="决算")
    assert (q.region, q.year, q.kind) == ("通城县", 2022, "决算")


def test_region_aliases_drop_the_city_and_the_suffix():
    assert region_aliases("武汉市青山区") == ("武汉市青山区", "青山区", "青山")


@pytest.mark.parametrize("question, form", [
    ("城乡医疗救助执行率", "figure"),
    ("三公经费为什么增加了", "reason"),
    ("为什么比上年少了多少", "reason"),
    ("主要职责有哪些", "list"),
    ("机关运行经费是多少", "figure"),
    ("有没有政府采购", "text"),
])
def test_what_the_answer_must_be_is_read_once_into_the_frame(question, form):
    from qa.search.shape import answer_shape

    assert answer_shape(question)[0] == form


@pytest.mark.parametrize("question, kind", [
    ("核查中心追回了多少违规医保金？", "amount"),  # the noun asked closes with a money word
    ("追回了多少违规医保金额？", "amount"),
    ("金山区有多少个街道？", "count"),  # (金 inside a name asked about: no money)
    ("获得了多少枚金牌？", "count"),
])
def test_a_noun_asked_that_closes_with_a_money_word_asks_an_amount(question, kind):
    from qa.search.shape import answer_shape

    assert answer_shape(question)[1] == kind


def test_the_figure_clauses_before_a_why_are_read_as_a_question_of_their_own():
    from qa.search.parts import figure_clauses

    assert figure_clauses("信访局2024年其他信访事务支出比年初预算少花了多少？原因是什么？") \
        == "信访局2024年其他信访事务支出比年初预算少花了多少？"
    assert figure_clauses("其他信访事务支出为什么少了？") is None
    assert figure_clauses("其他信访事务支出比年初预算少花了多少？") is None


def test_item_named_in_the_users_words_is_matched_under_its_lexicon_name():
    from qa.answer.said_names import item_text
    from qa.search.query import parse_question

    q = parse_question("长沙公安局2025年出国、公车和接待一共安排了多少钱？")
    assert "三公经费" in item_text(q, ["长沙市公安局"], ["长沙市"])
    q = parse_question("长沙公安局2025年“三公”经费多少？")
    assert "三公经费经费" not in item_text(q, [], [])
    q = parse_question("省委办公厅2017年“三公”经费中出国、公车、接待各安排多少？")  # (listed with 、 alone)
    assert "出国" not in item_text(q, ["中共江苏省委办公厅"], ["江苏省"])


def test_a_question_asking_two_kinds_of_figure_says_both():
    from qa.search.query import parse_question

    q = parse_question("2025年石泉路街道有多少个项目编报了绩效目标？涉及预算金额多少？")
    assert q.figure_kind == "count" and q.more_kinds == ("amount",)
    assert parse_question("三公经费是多少").more_kinds == ()


def test_danwei_inside_an_item_name_stays():
    from qa.answer.said_names import item_text
    from qa.search.query import parse_question

    q = parse_question("普陀区石泉路街道2025年机关事业单位职业年金缴费支出决算是多少？")
    assert "机关事业单位职业年金缴费支出" in item_text(q, [], [])


def test_income_asked_alone_is_the_reports_own_income_total():
    from qa.answer.match import match_question

    held = {"收入总计", "本年收入合计", "支出总计", "基本支出"}
    assert match_question("收入预算", held).subjects == ("收入总计",)
    assert match_question("支出预算", held).subjects == ("支出总计",)
    assert match_question("收入", {"收入合计", "收入总计"}).subjects == ("收入合计",)


@pytest.mark.parametrize("question, kind", [
    ("通城、洪山、黄陂这几个医保局，哪个的支出最大？", "amount"),  # (这几个: the set named, no count asked)
    ("这几个项目里有几个超过100万元？", "count"),
    ("一共有几个项目？", "count"),
])
def test_ji_after_a_demonstrative_names_the_set_and_asks_no_count(question, kind):
    from qa.search.shape import answer_shape

    assert answer_shape(question)[1] == kind


def test_the_reports_counted_and_which_of_them_name_no_item():
    """三家里，哪一家的预算总额最小: the words counting the reports named and asking which name nothing asked."""
    from qa.answer.said_names import operation_free

    assert operation_free("三家里哪一家的预算总额最小") == "预算总额"


def test_an_alias_opening_inside_a_reports_own_item_is_not_read():
    """行政运行经费: 行政运行 is the 科目 named, 经费 the money of it; 运行经费 (a user's word for 机关运行经费) is
    not what it says."""
    from qa.answer.match import match_question

    held = {"行政运行", "机关运行经费", "一般行政管理事务"}
    assert match_question("行政运行经费", held).subjects == ("行政运行",)
    assert match_question("运行经费", held).subjects == ("机关运行经费",)


def test_a_users_word_inside_the_full_name_it_stands_for_is_not_read_again():
    """接待费 is a user's word for 公务接待费; said inside 公务接待费 it stays (no 公务公务接待费)."""
    from qa.answer.match import match_question
    from qa.answer.said_names import alias_in_full

    assert alias_in_full("三年的公务接待费预算各", "接待费", "公务接待费") == "三年的公务接待费预算各"
    assert alias_in_full("接待费多少", "接待费", "公务接待费") == "公务接待费多少"
    # (the full name's own lead said before a word that is no part of it goes with it: no 因公因公出国（境）费)
    assert alias_in_full("因公出国经费多少", "出国经费", "因公出国（境）费") == "因公出国（境）费多少"
    assert alias_in_full("出国经费多少", "出国经费", "因公出国（境）费") == "因公出国（境）费多少"
    assert match_question("三年的公务接待费预算各", {"公务接待费", "会议费"}).subjects == ("公务接待费",)


def test_total_spending_in_users_words_is_the_reports_own_total():
    """总支出, 总收入: the report's total of that side, under whichever name it prints (支出合计, 支出总计)."""
    from qa.answer.match import match_question

    assert match_question("总支出", {"支出合计", "基本支出", "项目支出"}).subjects == ("支出合计",)
    assert match_question("总支出", {"支出总计", "本年支出合计", "基本支出"}).subjects == ("支出总计",)
    assert match_question("总收入", {"收入总计", "本年收入合计"}).subjects == ("收入总计",)
    assert match_question("全年支出", {"支出合计", "公共安全支出", "基本支出"}).subjects == ("支出合计",)


def test_an_item_the_longer_name_holds_is_no_second_subject():
    """机关事业单位职业年金缴费: read as 机关事业单位职业年金缴费支出, whose name holds 事业单位, another row of the
    report; that row is no second item asked."""
    from qa.answer.match import match_question

    held = {"职业年金缴费", "事业单位", "机关事业单位职业年金缴费支出", "行政事业单位医疗"}
    assert match_question("机关事业单位职业年金缴费预算", held).subjects == ("机关事业单位职业年金缴费支出",)


@pytest.mark.parametrize("item", ["第十三届人代会二次会议经费", "届人代会"])
def test_a_count_word_inside_a_name_leaves_the_rest_of_the_name_matched(item):
    """人 of 人代会 is stripped as a count word: the rest of the item is still the name, not left over."""
    from qa.answer.match import match_question

    held = {"江苏省第十三届人代会二次会议经费会议费", "会议服务"}
    assert match_question(item, held).subjects == ("江苏省第十三届人代会二次会议经费会议费",)


def test_a_filler_inside_a_name_leaves_the_rest_of_the_name_matched():
    """年 of 职业年金 is a filler (2025年): stripped inside the name, the rest still names 职业年金缴费."""
    from qa.answer.match import match_question

    held = {"职业年金缴费", "机关事业单位职业年金缴费支出", "会议费"}
    assert match_question("职业年金", held).subjects == ("职业年金缴费",)
    assert match_question("职业年金预算", held).subjects == ("职业年金缴费",)


def test_a_word_names_leave_in_or_out_is_matched_either_way():
    """财政 of 一般公共预算财政拨款 (terms.json optional_words): said by the question or by the report alone."""
    from qa.answer.match import match_question

    held = {"一般公共预算财政拨款支出", "一般公共预算财政拨款基本支出", "项目支出"}
    assert match_question("一般公共预算拨款支出", held).subjects == ("一般公共预算财政拨款支出",)
    assert match_question("一般公共预算拨款支出预算比决算", held).subjects == ("一般公共预算财政拨款支出",)
    assert match_question("一般公共预算拨款支出", {"一般公共预算拨款支出"}).subjects == ("一般公共预算拨款支出",)
    assert match_question("一般公共预算财政拨款支出", {"一般公共预算拨款支出"}).subjects == ("一般公共预算拨款支出",)
    # 财政拨款 left out altogether (一般公共预算支出), of a report printing only the 财政拨款 row
    assert match_question("一般公共预算支出", held).subjects == ("一般公共预算财政拨款支出",)


def test_the_fund_named_before_an_item_printed_without_it_is_no_word_of_its_name():
    """一般公共预算“三公”经费: reports print 三公经费 of the general budget under its own name (terms.json
    optional_words); a side alone after the word (一般公共预算支出) is still that row, not the side's total."""
    from qa.answer.match import match_question

    held = {"三公经费", "一般公共服务支出", "一般公共预算财政拨款支出", "支出总计"}
    assert match_question("一般公共预算“三公”经费", held).subjects == ("三公经费",)
    assert match_question("一般公共预算三公经费预算", held).subjects == ("三公经费",)
    assert match_question("一般公共预算支出", held).subjects == ("一般公共预算财政拨款支出",)
    assert match_question("一般公共预算支出", held | {"一般公共预算支出"}).subjects == ("一般公共预算支出",)


def test_of_names_covering_the_item_alike_the_one_stating_the_measure_asked_is_taken():
    """其他人大事务支出 (a table row, no change) and 其他人大事务 (the narrative's, with its change): a change asked."""
    from qa.answer.match import match_question

    held = {"其他人大事务支出", "其他人大事务"}
    assert match_question("其他人大事务支出比上年多", held, prefer={"其他人大事务"}).subjects == ("其他人大事务",)
    assert match_question("其他人大事务支出", held).subjects == ("其他人大事务支出",)


@pytest.mark.parametrize("item, subject", [("花", "支出合计"), ("花费", "支出合计"), ("一共花", "支出合计")])
def test_spending_asked_without_an_item_is_the_reports_spending_total(item, subject):
    """花了多少钱: what the report spent, not its 收入合计 (terms.json total_sides)."""
    from qa.answer.match import match_question

    assert match_question(item, {"收入合计", "支出合计", "行政运行"}).subjects == (subject,)


def test_an_item_with_words_that_name_a_part_of_it_is_that_part():
    from qa.answer.match import match_question

    held = {"政府采购", "政府采购服务", "政府采购货物", "政府购买服务", "行政运行", "人大事务行政运行", "人大事务"}
    assert match_question("政府采购预算里服务类", held).subjects == ("政府采购服务",)
    assert match_question("政府采购里货物", held).subjects == ("政府采购货物",)
    assert match_question("政府采购预算", held).subjects == ("政府采购",)
    # words naming another item, and no item holding both: nothing the facts can answer
    assert match_question("政府采购工程类", held | {"修缮工程"}) is None


@pytest.mark.parametrize("question, parts", [
    # a comma closing a clause that asks starts another question
    ("公务接待花了多少钱，接待了多少人？", ("公务接待花了多少钱", "接待了多少人？")),
    # 实有 (实有人数) is an item of its own beside 编制 (terms.json 人员编制)
    ("宣传部2020年底编制多少人，实有多少人", ("宣传部2020年底编制多少人", "实有多少人")),
    # a count beside an amount: the later one asks a figure of its own, though it names no item
    ("实行绩效目标管理的项目有几个，一共涉及多少钱？", ("实行绩效目标管理的项目有几个", "一共涉及多少钱？")),
    ("有多少个项目编报了绩效目标？涉及多少钱？", ("有多少个项目编报了绩效目标？", "涉及多少钱？")),
    # a clause that asks nothing stays with the next; an operation on the first figure is no new question
    ("2019年，省法院的差旅费是多少", ()),
    ("哪个项目预算最多，有多少？", ()),
    ("收入预算较上年减少了多少、下降幅度多少？", ()),
    # a clause ending with a noun that names a figure asks for it, without a question word
    ("信访局2024年末公务用车保有量，平均每辆运行维护费多少", ("信访局2024年末公务用车保有量", "平均每辆运行维护费多少")),
    ("绩效自评项目多少个，平均得分", ("绩效自评项目多少个", "平均得分")),
    # the changes of the rows counted first, summed (合计压减了多少): their total, condition kept
    ("比上年减少的项级科目有几个？合计压减了多少？", ("比上年减少的项级科目有几个？", "合计压减了多少？")),
    # a mean of the rows counted first is another operation over them, asked in turn
    ("绩效自评了几个项目，平均分多少", ("绩效自评了几个项目", "平均分多少")),
    # a share asked after a figure works on it
    ("讲师团2021年预算多少万元，占宣传部部门预算的比重？", ()),
    # another measure of the first one's item, each computed from its own figures, is asked in turn
    ("部门整体预算有多少钱没执行掉？执行率是多少？", ("部门整体预算有多少钱没执行掉？", "执行率是多少？")),
    ("城乡医疗救助执行率多少？没花完的有多少？", ("城乡医疗救助执行率多少？", "没花完的有多少？")),
    ("支出比上年多多少？增长率多少？", ()),  # (one change: its amount and rate are stated together)
    ("参保缴费人数多少？比2022年少了多少人？", ("参保缴费人数多少？", "比2022年少了多少人？")),
    # 多大 asks as 多少 does: a share of a part named after a figure is a question of its own
    ("三公经费花了多少？其中吃饭接待的钱占了多大比例？", ("三公经费花了多少？", "其中吃饭接待的钱占了多大比例？")),
    # the rows' own measure asked of the row just asked for goes with it
    ("执行率低于90%的有几项？最低的是哪项、执行率多少？", ("执行率低于90%的有几项？", "最低的是哪项，执行率多少？")),
    # a clause naming the set, said first and asking nothing, stays with the question after it
    # the share of the row just found, naming no item, is asked of it in turn
    ("三公经费三项里哪一项预算最多？占多少？", ("三公经费三项里哪一项预算最多？", "占多少？")),
    # and of the sum just added up
    ("审计费和专家费加起来多少？占这个项目总预算的比例是多少？", ("审计费和专家费加起来多少？", "占这个项目总预算的比例是多少？")),
    # rows listed by a condition first, then an operation over them; a purpose asked after a figure is not split
    ("有哪些项级科目比上年减少了？减得最多的是哪一个？", ("有哪些项级科目比上年减少了？", "减得最多的是哪一个？")),
    ("其他社会工作事务支出决算多少？主要用在哪些方面？", ()),
    # a later list picking the rows by a condition of its own is asked in turn
    ("项级科目里，增加的有哪些？减少的有哪些？", ("项级科目里，增加的有哪些？", "减少的有哪些？")),
    ("项级科目里，哪些增加了？", ()),
    ("法院支出几个项目里，哪些比上年减少了？", ()),  # the first clause names the rows the list picks from
    # a pause typed as a space after a clause asking in words; keywords typed with spaces are one question
    ("绩效自评项目多少个 平均得分", ("绩效自评项目多少个", "平均得分")),
    ("政府采购预算多少 其中服务类多少？", ("政府采购预算多少", "其中服务类多少？")),
    ("特殊人群保费资助资金 覆盖人数 比目标 差多少人", ()),
    # a later part naming a share asks it without 多少 (占…的比例呢: no part of its own)
    ("机关运行经费中哪一项最大？占机关运行经费的比例呢？", ()),
    ("服务类有多少？货物类呢？", ("服务类有多少？", "货物类多少？")),
    # the item's figure of the year before, asked after its change, is a question of its own
    ("三公经费预算比上年少了多少？上年预算多少？", ("三公经费预算比上年少了多少？", "上年预算多少？")),
    # the difference of the two ends just asked is a question of its own; the two ends asked in turn are one
    ("最大和最小的项目各是哪个？两者差多少？", ("最大和最小的项目各是哪个？", "两者差多少？")),
    ("三公经费里哪项最多、哪项最少？两者相差多少？", ("三公经费里哪项最多、哪项最少？", "两者相差多少？")),
    ("三公经费里哪项最多、哪项最少？", ()),
    # the rows the first part sums, asked in another of their columns, are asked again in turn
    ("那10个绩效自评项目，全年预算加起来多少？实际执行了多少？", ("那10个绩效自评项目，全年预算加起来多少？", "实际执行了多少？")),
    ("那10个绩效自评项目，全年预算加起来多少？相当于执行数的百分之几？", ()),
    # each figure of the rows just counted is asked with them
    ("2019年人大事务款下，和2018年比下降的项级科目有几个，各降了多少？", ()),
    # the amount of the row just asked for, said with its unit (多少万元), goes with it
    ("完成预算100%的有几个？全年预算数最大的是哪个项目、多少万元？", ("完成预算100%的有几个？", "全年预算数最大的是哪个项目、多少万元？")),
])
def test_questions_asked_in_turn_are_split_where_each_asks(question, parts):
    from qa.search.parts import sub_questions
    assert sub_questions(question) == parts


@pytest.mark.parametrize("question, measure", [
    ("公务接待费在三公经费里占了百分之多少", "占比"),
    ("劳务费在公用经费里占几成", "占比"),
    ("群众文化决算数相当于年初预算的百分之多少", "执行率"),
    ("那个离退休经费怎么一下子少了八成多", "原因"),
    ("事业运行这项完成了全年预算百分之多少", "执行率"),  # (typed without 的)
    ("信访业务这一项钱，花掉了年初预算百分之多少", "执行率"),
])
def test_gapped_cues_name_the_measure_with_words_between(question, measure):
    assert measure in parse_question(question, HELD).measures


def test_a_gapped_cue_does_not_reach_across_a_clause():
    from qa.text.chars import find_cue, without_cue
    assert find_cue("占…百分", "公务接待费在三公经费里占了百分之") is not None
    assert find_cue("占…百分", "占用资产，增长百分之五") is None
    assert without_cue("占…百分", "在三公经费里占了百分之") == "在三公经费里了之"


def test_a_long_gap_spans_a_whole_name_and_a_short_one_does_not():
    from qa.text.chars import find_cue
    asked = "文化产业发展专项支出占当年一般公共预算支出多少"
    assert find_cue("占……多少", asked) is not None and find_cue("占…多少", asked) is None
    assert find_cue("占……多少", "占用资产，多少") is None


def test_a_reason_is_asked_by_every_alias_of_the_reason_measure():
    from qa.search.shape import answer_shape
    assert answer_shape("离退休经费怎么一下子少了八成多？")[0] == "reason"
    assert answer_shape("离退休经费怎么样？")[0] != "reason"
    for asked in ("执行率怎么只有18.5%", "缘何下降83%", "培训费预算是怎么来的", "怎么比上年多了好几倍"):
        assert answer_shape(asked)[0] == "reason", asked


@pytest.mark.parametrize("question, first, more", [
    ("石泉路街道 2025 编报绩效目标 项目个数 涉及预算金额", "amount", ("count",)),
    ("青山区医保局2023年项目支出绩效自评涉及的项目个数和资金总额是多少？", "amount", ("count",)),
    ("石泉路街道2025年有几个项级科目的决算数超过1000万元？", "count", ()),
])
def test_nouns_naming_a_count_and_an_amount_ask_both(question, first, more):
    q = parse_question(question, HELD)
    assert (q.figure_kind, q.more_kinds) == (first, more)


@pytest.mark.parametrize("filler", ["来着", "我想知道", "请统计", "给了"])
def test_the_users_own_asking_words_leave_the_topic(filler):
    assert filler not in parse_question(f"青山区2023年{filler}城乡医疗救助是多少", HELD).topic


def test_a_later_clause_naming_no_kind_asks_the_first_ones():
    q = parse_question("北京审计局和长沙公安局的三公经费预算比一比，哪一家更高，高出多少？", HELD)
    assert q.figure_kind == "amount" and q.more_kinds == ()


@pytest.mark.parametrize("question, derived", [
    ("两家政府采购准备花的钱，加一块有多少？", "合计"),
    ("哪一家更高，高出多少？", "差额"),
    ("三公经费从2017年到2019年降幅有多大？", "增减率"),
    ("2026年预算跟上年执行数比是增加了还是减少了？", "增减额"),
    ("三公经费比上年是涨了还是降了", "增减额"),
    ("城乡医疗救助决算比年初预算多出多少万元？", "增减额"),  # a difference on a basis the change reads
    ("审计局比信访局多出多少？", "差额"),
    ("公务接待费预算，从2017年到2019年一共压缩了多少？", "增减额"),  # 一共 sums nothing here
    ("三公经费预算，2019年比2017年一共压减了百分之多少？", "增减率"),
    ("三公经费实际花的比预算省下了百分之几？", "增减率"),
    ("财政拨款支出超出年初预算百分之几？", "增减率"),
    ("洪山医保 打击欺诈骗保经费 2021比2020增长", "增减额"),  # a change against a year, said as 比上年
    ("打击欺诈骗保经费2021年较2020年下降", "增减额"),
    ("打击欺诈骗保经费2021年与2020年相比", None),  # (set side by side: no change asked)
])
def test_other_users_words_for_a_formula(question, derived):
    from qa.search.operation_words import find_derived
    assert find_derived(question) == derived


def test_everyday_words_for_an_item_and_its_own_words_said_again_still_match():
    from qa.answer.match import match_question

    held = {"差旅费", "会议费", "退休费", "医疗救助", "城乡医疗救助", "公务接待费"}
    assert match_question("出差和开会", held).subjects == ("差旅费", "会议费")
    assert match_question("给退休人员发退休费", held).subjects == ("退休费",)
    assert match_question("城乡的医疗救助", held - {"城乡医疗救助"} | {"城乡居民医保"}) is None  # 城乡: another item's word


@pytest.mark.parametrize("question", [
    "国家信访局2024年信访业务这一项的钱，花掉了年初预算的百分之多少？",
    "普陀区财政局2024年一般公共预算财政拨款支出对年初预算的完成比例",
])
def test_other_users_words_for_an_execution_rate(question):
    from qa.search.operation_words import find_derived
    assert "执行率" in parse_question(question, HELD).measures and find_derived(question) == "执行率"


@pytest.mark.parametrize("question, form", [
    ("请列出江苏省委办公厅2018年的下属单位。", "list"),
    ("江苏省人大办公厅 2019 下属单位 名单", "list"),
    ("请列示洪山区2021年医疗保障管理事务预算总额及其中的项目支出金额。", "figure"),  # an amount is asked
])
def test_a_list_asked_as_a_request_and_a_figure_named_by_its_noun(question, form):
    from qa.search.shape import answer_shape
    assert answer_shape(question)[0] == form


def test_the_scope_said_after_the_questions_stays_with_the_last_one():
    from qa.search.parts import sub_questions
    assert sub_questions("几辆车，其中执法执勤的几辆？江苏省高级人民法院2019年") == (
        "几辆车", "其中执法执勤的几辆？江苏省高级人民法院2019年")


def test_a_quoted_name_keeps_its_year_and_every_word():
    q = parse_question("佛山轨交局“2019年度聘请专家人员经费”项目自评多少分")
    assert "2019年度聘请专家人员经费" in q.topic


@pytest.mark.parametrize("question, kept", [
    ("请问聘请专家的费用是多少", "聘请专家"),
    ("请列出申请补助的项目", "申请补助"),
])
def test_please_is_dropped_only_where_it_opens_the_ask(question, kept):
    q = parse_question(question)
    assert kept in q.topic and not q.topic.startswith("请")


@pytest.mark.parametrize("question", ["部门整体支出绩效评价得分和等级", "项目自评多少分", "绩效自评的分数"])
def test_a_score_is_asked_as_a_count_of_points_not_money(question):
    assert parse_question(question).figure_kind == "count"


@pytest.mark.parametrize("question", ["核查中心2024年追回了多少违规医保基金", "城乡居民医保基金收入多少"])
def test_a_fund_asked_is_money(question):
    """基金 names money (a count asked of it was answered only by counts: 追回违规金额 13107096.05元 was passed over)."""
    assert parse_question(question).figure_kind == "amount"


def test_a_count_noun_the_asking_word_follows_asks_a_count_whatever_money_the_item_names():
    assert parse_question("医保局2023年追回基金数的个数是多少").figure_kind == "count"
    assert parse_question("项目个数和资金总额是多少").figure_kind == "amount"  # (both asked: the count beside it)


def test_a_subject_code_beside_the_name_is_no_word_of_the_item():
    from qa.answer.said_names import item_text
    from qa.search.query import Query

    query = Query(text="", topic="公务员医疗补助（2101103）基本支出和项目支出各")
    assert item_text(query, [], []) == "公务员医疗补助基本支出和项目支出各"


def test_a_sum_of_a_named_number_of_projects_asks_an_amount_over_that_many_rows():
    from qa.search.operation_words import find_members

    text = "通城县医保局2023年10个绩效自评项目的执行数加起来是多少？"
    assert answer_shape(text)[1] == "amount"
    assert find_members(text) == 10
    assert find_members("2023年有几个项目的执行率低于90%") is None


def test_a_users_framing_words_and_colloquial_measure_names_are_vocabulary():
    """`如果把…放在一起比，…是什么顺序` frames a ranking and names no item; `预算总盘子` is the budget total
    (terms.json filler, measures): both ask the reports' totals."""
    from qa.answer.match import match_question
    from qa.answer.said_names import operation_free

    subjects = {"收支总计", "收入总计", "支出总计", "一般公共服务支出", "行政运行"}
    for item in ("如果把 和三家的预算总额放在一起比 从高到低 顺序", "的预算总盘子比多 涨 百分之"):
        got = match_question(operation_free(item), subjects)
        assert got is not None and "收支总计" in got.subjects and got.measures == ("预算数",)


def test_the_measures_a_question_names_come_out_in_the_same_order_whatever_the_hash_seed():
    """The measures were gathered through a set, so the order of an answer's statements changed between runs."""
    import os
    import subprocess
    import sys

    code = ("from qa.answer.match import match_question;"
            "print(match_question('三公经费年初预算数决算数执行率增减额', {'三公经费'}).measures)")
    seen = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                           env={**os.environ, "PYTHONHASHSEED": str(seed)}).stdout for seed in range(8)}
    assert len(seen) == 1 and "执行率" in seen.pop()


def test_a_budget_arranged_is_the_budget_amount_not_an_item():
    """`卫生健康支出预算安排了多少钱`: 预算安排 is how the question asks the budget (terms.json filler), and a
    narrative's garbled subject `预算安排` is no item beside 卫生健康支出, whose many readings buried the answer."""
    from qa.answer.match import match_question

    got = match_question("卫生健康支出预算安排", {"卫生健康支出", "预算安排"})
    assert got is not None and got.subjects == ("卫生健康支出",) and got.measures == ("预算数",)


def test_a_word_names_leave_in_or_out_is_matched_without_it_when_nothing_matches_with_it():
    """`一般公共预算财政拨款` of a report writing `一般公共预算拨款` (terms.json optional_words: 财政)."""
    from qa.answer.match import match_question

    subjects = {"一般公共预算拨款收入", "一般公共预算拨款", "一般公共预算财政拨款支出", "一般公共服务支出"}
    assert match_question("一般公共预算财政拨款", subjects).subjects == ("一般公共预算拨款",)
    assert match_question("一般公共预算财政拨款收入", subjects).subjects == ("一般公共预算拨款收入",)
    assert match_question("一般公共预算财政拨款支出", subjects).subjects == ("一般公共预算财政拨款支出",)


def test_the_unit_asked_in_is_no_word_of_the_item():
    from qa.answer.said_names import item_text
    from qa.search.query import Query

    query = Query(text="追回违规金额多少元", topic="追回违规金额 元", unit="元")
    assert item_text(query, [], []) == "追回违规金额"


@pytest.mark.parametrize("text", ["打击欺诈骗保项目的负责人是谁？", "这个项目谁负责", "执行单位叫什么"])
def test_a_person_or_name_asked_is_a_text_answer(text):
    assert answer_shape(text)[0] == "text"


@pytest.mark.parametrize("question", ["江苏省人大常委会办公厅现有多少辆车", "国家信访局目前有多少辆车", "江苏高院2019年一共有多少辆车"])
def test_words_saying_now_or_in_all_leave_no_part_of_the_item(question):
    """`现有多少辆车` asks the number of cars: 现 is no word of the item (it was left as `现辆车`, which matched nothing)."""
    from qa.answer.orchestrate import item_text

    item = item_text(parse_question(question, HELD))
    assert "现" not in item and "目前" not in item and item.strip().endswith("车") and "一车" not in item.replace(" ", "")


def test_a_sum_asked_of_a_name_no_subject_is_adds_the_subjects_holding_it():
    from qa.answer.loose_match import match_containing

    held = {"区级支持总部经济", "市级支持总部经济", "贸易高质量发展专项（政策资金）", "进博会推进专项"}
    assert match_containing("支持总部经济一共安排", held).subjects == ("区级支持总部经济", "市级支持总部经济")
    # the context before 里 and an aside in brackets say no more of the name
    got = match_containing("贸易高质量发展专项里支持总部经济（区级+市级）一共安排", held)
    assert got is not None and len(got.subjects) == 2
    assert match_containing("进博会推进专项一共", held) is None  # a subject itself
    assert match_containing("专项一共", held) is None  # (too short a name to gather by)
    # names holding it in different places (政府采购服务, 面向中小企业预留政府采购…) are no set of parts
    mixed = {"政府采购服务", "政府采购货物", "面向中小企业预留政府采购项目预算金额"}
    assert match_containing("政府采购一共", mixed) is None


@pytest.mark.parametrize("question, kept", [
    ("长沙公安局2024年的部门收入预算是多少？（用2025年的增减倒推）", False),
    ("审计局2025年三公经费是多少（根据2026年预算说明）", False),
    ("城乡医疗救助执行率（根据调整后预算）是多少", True),  # a basis named in brackets, no working-out
])
def test_an_aside_saying_how_to_work_the_figure_out_is_no_part_of_the_question(question, kept):
    from qa.search.query import parse_question

    q = parse_question(question)
    assert ("（" in q.topic or "调整后" in q.topic) == kept
    assert q.operation.derived != "增减额" or kept


def test_a_class_said_short_with_fillers_inside_its_name_is_matched():
    from qa.answer.match import match_question

    subjects = {"社会保障和就业支出", "住房保障支出", "行政运行"}
    got = match_question("社保就业方面的支出", subjects)
    assert got is not None and got.subjects == ("社会保障和就业支出",)
    assert match_question("社保就业方面的就业补助", subjects) is None  # (就业补助: words of another item, unexplained)


def test_a_count_asked_in_another_unit_after_a_count_is_a_question_of_its_own():
    from qa.search.parts import sub_questions

    assert sub_questions("平潭管委办2015年组织了几个出国团组，一共多少人次？") == (
        "平潭管委办2015年组织了几个出国团组", "一共多少人次？")
    assert sub_questions("有几个项目，一共多少个？") == ()  # the same unit: the first one's count, summed


def test_names_alike_but_for_their_counting_unit_are_told_apart_by_the_unit_asked():
    from qa.answer.match import match_question

    subjects = {"开展职工医保门诊共济培训人次", "开展职工医保门诊共济培训场次", "行政运行"}
    got = match_question("开展职工医保门诊共济培训年初目标人次", subjects)
    assert got is not None and got.subjects == ("开展职工医保门诊共济培训人次",)


def test_a_short_word_for_a_comparison_is_read_written_out():
    from qa.search.query import said_in_full

    assert said_in_full("哪些单位超编了？") == "哪些单位在职人数超过编制数了？"
    assert said_in_full("编制数是多少") == "编制数是多少"
    assert said_in_full("比上年降了几个点？") == "比上年降了几个百分点？"  # (points of a rate, not a count)
    assert said_in_full("设置了多少个点位") == "设置了多少个点位"
    # (how many of the other it is worth: a multiple)
    assert said_in_full("甲局的收支总计顶得上几个乙局？") == "甲局的收支总计是乙局的几倍？"
    # (a table named before a pause is where the later words look)
    assert said_in_full("翻基本支出预算表，办公费多少？") == "翻基本支出预算表里，办公费多少？"
    assert said_in_full("看了预算表，觉得不错") == "看了预算表，觉得不错"
    # (years joined by an arrow; the people in post; the units under a department)
    assert said_in_full("部门预算总额 2017→2019 增幅") == "部门预算总额 2017年到2019年 增幅"
    assert said_in_full("哪个在职的人最多") == "哪个在职人数最多"
    assert said_in_full("在职的人员有多少") == "在职的人员有多少"
    assert said_in_full("管委办下面的单位里") == "管委办下属单位里"


def test_points_of_a_rate_asked_with_a_change_are_no_count_of_items(index_of):
    body = ("（一）机关运行经费：2025年测试局机关运行经费2045.01万元，比上年预算减少29.30万元，下降1.41%。\n"
            "（二）“三公”经费预算：2025年测试局“三公”经费预算数为458.50万元，其中，公务接待费28.50万元，"
            "公务用车购置及运行费400.00万元（其中，公务用车购置费150.00万元，公务用车运行费250.00万元），"
            "因公出国（境）费30.00万元。\n")
    settings = index_of({"points.txt": tiny_report("湖南省长沙市", 2025, body, kind="预算")})
    a = qa.ask("长沙市测试局机关运行经费2025年比上年少了多少钱，降了几个点？", settings=settings)
    assert a.found and "29.3" in a.text and "1.41%" in a.text and "共" not in a.text


def test_an_item_named_in_two_pieces_is_the_subject_that_joins_them():
    """信息化运行维护项目的财政拨款: the project's funding part, not the project and the department's 财政拨款."""
    from qa.answer.match import match_question

    held = {"信息化运行维护", "财政拨款", "信息化运行维护财政拨款", "政府采购", "政府采购服务"}
    assert match_question("信息化运行维护项目的财政拨款执行数", held).subjects == ("信息化运行维护财政拨款",)
    assert match_question("信息化运行维护执行数", held).subjects == ("信息化运行维护",)
    # pieces with other words between them are two items asked
    assert match_question("信息化运行维护和财政拨款执行数", held).subjects == ("信息化运行维护", "财政拨款")


def test_a_sum_of_the_changes_after_a_count_is_of_the_rows_counted():
    from qa.search.parts import sums_the_rows
    assert sums_the_rows("比上年减少的项级科目有几个？", "合计压减了多少？")
    assert sums_the_rows("比上年减少的项级科目有几个？", "预算合计多少？")
    assert not sums_the_rows("三公经费是多少？", "比上年压减了多少？")


def test_an_item_said_as_reports_write_it_is_that_item():
    """服务类采购 is how reports write 政府采购服务 (cues.json narrative_subjects, read by extraction too)."""
    from qa.answer.match import match_question

    held = {"政府采购", "政府采购服务", "政府采购货物", "公务接待费"}
    assert match_question("服务类采购", held).subjects == ("政府采购服务",)
    assert match_question("货物采购金额", held).subjects == ("政府采购货物",)


def test_a_name_said_as_the_context_of_a_longer_one_holding_it_is_no_item_of_its_own():
    from qa.answer.match import match_question

    held = {"政府采购", "政府采购服务"}
    assert match_question("政府采购预算里服务类采购", held).subjects == ("政府采购服务",)
    assert match_question("政府采购和政府采购服务", held).subjects == ("政府采购", "政府采购服务")


def test_a_name_said_before_a_context_word_with_another_after_it_is_that_ones_context():
    """政府采购预算表里，…物业管理费: 政府采购 says where the row is, not a second item asked; a row with its columns
    named after it (一般行政管理事务里基本支出和项目支出) asks both, and so do two items joined by 和."""
    from qa.answer.match import match_question

    held = {"政府采购", "行政运转保障经费物业管理费", "一般行政管理事务", "基本支出", "项目支出"}
    assert match_question("政府采购预算表里行政运转保障经费物业管理费", held).subjects == ("行政运转保障经费物业管理费",)
    assert match_question("一般行政管理事务里基本支出", held).subjects == ("一般行政管理事务", "基本支出")
    assert match_question("政府采购和行政运转保障经费物业管理费", held).subjects == ("政府采购", "行政运转保障经费物业管理费")


@pytest.mark.parametrize("question", ["信息化运行维护项目2024年绩效自评得了多少分", "信息化运行维护项目的绩效自评到底得了多少分？",
                                      "信息化运行维护项目究竟绩效评价得分多少"])
def test_a_score_asked_in_a_users_words_names_the_score_and_the_item(question):
    """绩效自评得分 is one name of a score; 到底 / 究竟 only stress the question (no words of an item)."""
    from qa.answer.match import match_question
    from qa.search.query import parse_question

    q = parse_question(question)
    assert "到底" not in q.topic and "究竟" not in q.topic
    got = match_question(q.topic, {"信息化运行维护", "信息化运行维护财政拨款", "绩效自评项目"})
    assert got is not None and got.subjects == ("信息化运行维护",) and got.measures == ("得分",)


@pytest.mark.parametrize("question, parts", [
    ("某区医保局2022年调整预算数和实际执行数分别是多少？", ("某区医保局2022年调整预算数是多少？", "某区医保局2022年实际执行数是多少？")),
    ("某办公室的编制数和在职人数各是多少？", ("某办公室的编制数是多少？", "某办公室的在职人数是多少？")),
    ("某局2023年基本支出、项目支出分别多少", ("某局2023年基本支出多少", "某局2023年项目支出多少")),
    # the words after the last name's 的 are said of each name
    ("某局2025年行政运行和行政单位医疗的基本支出各是多少？",
     ("某局2025年行政运行的基本支出是多少？", "某局2025年行政单位医疗的基本支出是多少？")),
    ("某局2025年购房补贴和社会保障和就业支出的基本支出各是多少？",
     ("某局2025年购房补贴的基本支出是多少？", "某局2025年社会保障和就业支出的基本支出是多少？")),
    # each name saying its own measure after 的
    ("某局2026年政府采购的预算数和项目支出的占比各是多少？", ("某局2026年政府采购的预算数是多少？", "某局2026年项目支出的占比是多少？")),
    # (上年 after the first name's own 的 is part of what it asks, no year the later names share)
    ("某街道2024年科普活动的上年执行数和公共法律服务的预算数各是多少？",
     ("某街道2024年科普活动的上年执行数是多少？", "某街道2024年公共法律服务的预算数是多少？")),
    ("某街道2023年政府采购工程的预算数和其他城乡社区住宅支出的上年执行数各是多少？",
     ("某街道2023年政府采购工程的预算数是多少？", "某街道2023年其他城乡社区住宅支出的上年执行数是多少？")),
    # a column said once, after the last name
    ("某局2025年行政运行、行政单位医疗基本支出分别多少？", ("某局2025年行政运行基本支出多少？", "某局2025年行政单位医疗基本支出多少？")),
])
def test_figures_asked_each_are_asked_one_by_one(question, parts):
    """分别 / 各 after names joined by 和 / 、: one question per name, each with the words before the first name's head."""
    from qa.search.parts import sub_questions
    assert sub_questions(question) == parts


@pytest.mark.parametrize("question", [
    "2018年和2019年的三公经费分别是多少",       # years compared: the words they share come after them
    "甲局和乙局的公务用车分别有多少辆",          # reports compared
    "公务接待的批次和人次分别是多少",           # one count in two units, stated together
    "社会保障和就业支出是多少",                 # 和 inside a name, nothing asked of each
    "甲区和乙区的医保局支出各是多少",            # places compared
    "某局2017年党委办公厅（室）及相关机构事务下的“行政运行”分别是多少",  # 下的: where the row stands
    "某局2018年基本支出按经济分类，工资福利、商品和服务、对个人和家庭的补助各多少？",  # 的 inside the last name
])
def test_names_sharing_what_follows_them_are_not_split(question):
    from qa.search.each import asked_each
    assert asked_each(question) == ()


@pytest.mark.parametrize("question, parts", [
    ("某局2026年邮电费基本支出多少，项目支出多少？", ("某局2026年邮电费基本支出多少", "某局2026年邮电费项目支出多少")),
    ("某局2024年一般公共服务支出项目支出多少，基本支出多少？",
     ("某局2024年一般公共服务支出项目支出多少", "某局2024年一般公共服务支出基本支出多少")),
    ("某局2023年支出总计多少？其中基本支出多少？", ("某局2023年支出总计多少？", "其中基本支出多少？")),
])
def test_a_later_part_naming_only_another_column_asks_it_of_the_same_row(question, parts):
    from qa.search.parts import sub_questions
    assert sub_questions(question) == parts


def test_a_lexicon_item_with_a_joiner_inside_is_one_name_of_those_asked_each():
    """公务用车购置及运行维护费 (a part of 三公经费 in the lexicon): its 及 joins nothing."""
    from qa.search.parts import sub_questions
    assert sub_questions("某局2017年公务用车购置及运行维护费的占比和一般公共预算收入的增减率各是多少？") == (
        "某局2017年公务用车购置及运行维护费的占比是多少？", "某局2017年一般公共预算收入的增减率是多少？")


def test_a_whole_and_the_part_of_it_joined_by_and_are_asked_in_turn():
    from qa.search.parts import sub_questions
    assert sub_questions("某局2021年医疗保障管理事务预算总额及其中的项目支出金额") == (
        "某局2021年医疗保障管理事务预算总额", "其中的项目支出金额")



@pytest.mark.parametrize("said, asked", [
    ("数一数：石泉路街道2025年项级科目有几个？", "石泉路街道2025年项级科目有几个？"),
    ("问题: 三公经费多少", "三公经费多少"),
    ("帮我查一下，普陀财政局2024年住房公积金决算是多少？", "普陀财政局2024年住房公积金决算是多少？"),
    # words a question opens with that ask nothing themselves, with or without a pause after them
    ("我想知道省委办公厅2019年有多少辆车？", "省委办公厅2019年有多少辆车？"),
    ("请告诉我，青山区医保局2023年三公经费", "青山区医保局2023年三公经费"),
    ("三公经费：2019年多少", "三公经费：2019年多少"),  # (an item before the colon is asked)
    ("占比问题：商务委2025年项目支出占全部支出预算多少？", "商务委2025年项目支出占全部支出预算多少？"),
    ("三公经费查一下，是多少", "三公经费查一下，是多少"),  # (a lead word before a label, only before a colon)
])
def test_a_label_a_question_opens_with_is_no_word_of_it(said, asked):
    from qa.search.query import without_asking_label

    assert without_asking_label(said) == asked


def test_an_item_said_after_a_context_no_subject_names_is_matched_alone():
    from qa.answer.loose_match import match_after_context

    held = {"商品和服务支出", "工资福利支出", "对个人和家庭的补助", "部门整体绩效自评得分", "项目绩效自评得分"}
    item = "整体绩效自评里商品和服务支出的调整预算数"
    got = match_after_context(item, held)
    assert got is not None and got.subjects == ("商品和服务支出",)
    assert match_after_context("商品和服务支出的调整预算数", held) is None  # no context: nothing to leave out
    assert match_after_context("整体绩效自评里", held) is None


def test_one_name_said_in_parts_with_words_between_is_matched_last():
    from qa.answer.loose_match import match_spread

    held = {"举报奖励费", "打击欺诈骗保专项经费", "奖励费", "专家费"}
    assert match_spread("给举报欺诈骗保的人安排了多少奖励费", held).subjects == ("举报奖励费",)
    assert match_spread("给专家安排了多少费", held) is None  # (a name under SPREAD_MIN characters: too loose)
    assert match_spread("举报和奖励", held) is None  # (not all its characters)


def test_a_measure_said_in_pieces_is_explained_by_the_measure():
    """`绩效自评打了多少分`: 打分 names the score and 绩效自评 is part of its own names (绩效自评得分), not another
    item; words the measure's names do not hold still name another item."""
    from qa.answer.match import match_question

    got = match_question("信息化运行维护项目绩效自评打分", {"信息化运行维护", "绩效目标管理"})
    assert got is not None and got.subjects == ("信息化运行维护",) and got.measures == ("得分",)
    assert match_question("信息化运行维护项目绩效目标打分", {"信息化运行维护", "绩效目标管理"}) is None


def test_a_count_noun_asks_a_count_whatever_money_words_stand_beside_it():
    """`预算单位情况表里各单位人员编制数加起来`: 编制数 counts people (questions.json unit_count_nouns); 预算 of
    预算单位 asks no amount."""
    from qa.search.query import parse_question

    assert parse_question("某办公室预算单位情况表里各单位人员编制数加起来是多少？").figure_kind == "count"


def test_words_saying_where_a_figure_is_said_are_no_part_of_the_item():
    """`预算里说有几辆车`, `决算显示…`: reporting words (terms.json filler) name no item."""
    from qa.answer.match import match_question

    for item in ("里说有车", "显示有车", "提到的车"):
        got = match_question(item, {"车辆", "公务用车购置费"})
        assert got is not None and got.subjects == ("车辆",), item


def test_the_set_a_question_reads_its_rows_in_is_the_whole_of_a_share_asked_after():
    from qa.answer.later_parts import set_named

    assert set_named("“三公”经费三项里哪一项预算最多") == "三公经费"
    assert set_named("哪个项目最多") == ""


@pytest.mark.parametrize("part", ["这些支出合计多少？", "它们加起来一共多少", "上述几项合计多少"])
def test_words_pointing_back_at_the_rows_just_found_name_no_item(part):
    """`这些支出合计多少` after `有几个科目年初没有预算`: 这些 points back at the rows counted (terms.json filler)."""
    from qa.answer.one_report import names_no_item

    assert names_no_item(part)


def test_please_is_dropped_but_not_the_first_character_of_a_users_word_for_an_item():
    """`2019年请客吃饭的预算`: 请客吃饭 is a user's word for 公务接待费 (terms.json subject_aliases), not 请 + 客吃饭."""
    from qa.search.query import parse_question

    assert "请客吃饭" in parse_question("省法院2019年请客吃饭的预算砍了多少？").topic
    assert "请" not in parse_question("请列出省法院2019年的项目").topic


@pytest.mark.parametrize("text, derived", [("请客吃饭的预算砍了多少", "增减额"), ("砍掉了几成", "增减率")])
def test_cut_asks_a_decrease(text, derived):
    from qa.search.operation import parse_operation

    assert parse_operation(text).derived == derived


def test_a_two_character_qualifier_no_item_uses_may_stand_before_a_name():
    """`国内公务接待`: 国内 is no word of the reports' items, and 公务接待 opens 公务接待费; 城乡 of 城乡医疗救助 is a
    word of another item (城乡社区支出), so it still names something the report does not hold."""
    from qa.answer.match import match_question

    subjects = {"公务接待费", "医疗救助", "城乡社区支出", "服务财务会计审计"}
    got = match_question("国内公务接待花", subjects)
    assert got is not None and got.subjects == ("公务接待费",)
    assert match_question("城乡医疗救助", subjects) is None
    got = match_question("给财务会计审计", subjects)  # (no name cut in two: 务会计审计 opens no subject)
    assert got is None or got.subjects == ("服务财务会计审计",)


def test_a_users_short_word_for_an_item_reads_the_reports_name():
    """`人均接待费`: 接待费 is the user's word for 公务接待费 (terms.json subject_aliases), said after 公务接待 too."""
    from qa.answer.match import match_question

    for item in ("接待费", "国内公务接待接待费"):
        got = match_question(item, {"公务接待费", "接待人数", "因公出国（境）费"})
        assert got is not None and got.subjects == ("公务接待费",), item


def test_the_的_after_a_year_is_no_word_of_the_item():
    assert parse_question("2025年的政府采购里服务采购占比多少", HELD).topic.split()[0].startswith("政府采购")


def test_full_width_digits_read_as_the_same_question():
    from qa.text.chars import half_width

    assert half_width("省委办公厅２０１９年有多少辆车？占５０％吗，１２．５万元") == "省委办公厅2019年有多少辆车？占50%吗，12.5万元"
    assert parse_question(half_width("２０１９年三公经费"), HELD).year == 2019


def test_a_class_named_by_the_words_it_opens_with_is_that_class():
    from qa.answer.match import match_question

    subjects = {"住房保障支出", "住房改革支出", "住房公积金", "提租补贴", "社会保障和就业支出"}
    assert match_question("住房方面的支出", subjects).subjects == ("住房保障支出",)
    assert match_question("住房支出", subjects).subjects == ("住房保障支出",)
    assert match_question("住房改革支出", subjects).subjects == ("住房改革支出",)  # (a 款 named in full)


def test_a_description_named_in_brackets_by_a_subject_is_that_subject():
    from qa.answer.match import match_question

    subjects = {"财政委托业务支出", "中介机构服务费", "统计信息事务", "专项统计业务"}
    assert match_question("请中介机构的钱（财政委托业务支出）", subjects).subjects == ("财政委托业务支出",)
    # a name said before a context word (里) with the bracketed one after it is that one's context: the 项 is asked
    got = match_question("统计信息事务里用于人口抽样调查的那项（专项统计业务）", subjects)
    assert got is not None and got.subjects == ("专项统计业务",)


def test_为多少_asks_as_是多少_does():
    for said in ("青山区医保局2022年的预算执行率为多少？", "事业运行（2101550）基本支出为多少"):
        assert parse_question(said, HELD).topic == parse_question(said.replace("为多少", "是多少"), HELD).topic


def test_words_said_for_others_are_read_as_those():
    """为何 asks as 为什么; 较上年 / 较2025年 compare as 比上年 / 比2025年 (questions.json said_for)."""
    from qa.search.query import said_in_full

    assert said_in_full("收入预算为何较2025年多了") == "收入预算为什么比2025年多了"
    assert said_in_full("较上年减少") == "比上年减少" and said_in_full("比较大") == "比较大"


def test_a_change_cue_is_read_with_or_without_its_了():
    from qa.search.operation_words import find_derived, find_n

    for said in ("三公经费比上年降多少", "比上年下降多少", "实际降百分之几", "比上年下降了多少"):
        assert find_derived(said) in ("增减额", "增减率"), said
    assert find_n("最多和最少的分别是哪一个") is None and find_n("哪三个科目最多") == 3


def test_the_words_asking_a_change_name_no_measure_inside_them():
    """`超出年初预算百分之几`: a change on the 年初预算 basis; the 预算百分之 inside those words asks no 执行率."""
    q = parse_question("黄陂区测试局2024年财政拨款支出超出年初预算百分之几？", HELD)
    assert q.operation.derived == "增减率" and "执行率" not in q.measures
    assert "执行率" in parse_question("黄陂区测试局2024年财政拨款支出完成年初预算百分之几？", HELD).measures


@pytest.mark.parametrize("question", ["测试局有哪两家直属事业单位？", "测试局下面是哪3个单位？", "测试局包括哪几个单位？"])
def test_which_with_a_number_asks_which_ones_not_how_many(question):
    q = parse_question(question, HELD)
    assert q.form == "list" and q.operation.function != "count"


def test_which_with_a_number_at_one_end_still_counts_the_ones_asked():
    q = parse_question("测试局哪三项支出最多？", HELD)
    assert q.operation.function == "rank" and q.operation.n == 3


@pytest.mark.parametrize("question", ["2019年三公经费比2017年增长了多少（百分比）？", "2019年三公经费比2017年增长了多少百分比？"])
def test_a_change_asked_as_a_percentage_is_its_rate_and_the_aside_names_no_item(question):
    q = parse_question(question, HELD)
    assert q.operation.derived == "增减率" and q.figure_kind == "percent"
    assert "百分比" not in q.topic and "三公经费" in q.topic


@pytest.mark.parametrize("question, aside", [("测试局2026年支出总表（含其他资金）里，学前教育列了多少钱？", "含其他资金"),
                                              ("测试局2026年人员经费（包括下属单位）是多少？", "包括下属单位")])
def test_an_aside_saying_what_a_figure_holds_names_no_item(question, aside):
    q = parse_question(question, HELD)
    assert aside not in q.topic and "含" not in q.topic
    # (a bound's own （含）, 50万元（含）以上, is kept with the bound)
    assert "（含）" in parse_question("测试局单价50万元（含）以上的设备有几台？", HELD).topic


def test_which_classes_asked_as_哪几类_asks_the_类_level():
    q = parse_question("按支出功能分类的“类”来看，哪几类支出不足100万元？", HELD)
    assert q.operation.level == "类" and q.operation.threshold is not None


def test_a_bare_是多少_after_the_row_asked_for_asks_that_rows_figure():
    from qa.search.parts import sub_questions

    got = sub_questions("国家信访局2024年列了14个项级科目，有几个决算数超过了年初预算？哪一项完成年初预算的比例最低、是多少？")
    assert got == ("国家信访局2024年列了14个项级科目，有几个决算数超过了年初预算？", "哪一项完成年初预算的比例最低、是多少？")


def test_a_set_pointed_at_with_这几_asks_nothing_of_its_own():
    from qa.search.parts import sub_questions

    # (the set clause goes with the question after it; 是多少 then asks the row just asked for)
    assert sub_questions("通城、洪山、黄陂、青山这几份医保局报告里，哪家的基本支出最高？是多少？") == ()


@pytest.mark.parametrize("question", [
    "人大事务（款）下，除了行政运行，其余各项加起来是多少？这些项里哪一项最多？",
    "政府采购服务类里，会议服务有几笔？合计多少？最大的一笔多少？",
    "做了7个项目的绩效自评，其中有几个项目是满分？得分最低的是哪一个？",
])
def test_functions_over_the_same_rows_are_one_question_with_the_others_also_asked(question):
    from qa.search.parts import sub_questions
    assert sub_questions(question) == ()
    assert parse_question(question).operation.also


def test_a_later_part_naming_another_column_asks_the_first_parts_sum_in_it():
    from qa.search.parts import another_column, in_first_frame

    first = "测试局2023年那10个绩效自评项目，全年预算加起来多少？"
    assert another_column(first, "实际执行了多少？")
    assert in_first_frame(first, "实际执行了多少？") == "测试局2023年那10个绩效自评项目，实际执行加起来多少？"
    assert not another_column(first, "其中审计费多少？")  # (an item of its own)
    assert not another_column("测试局2023年全年预算多少？", "实际执行了多少？")  # (no sum of rows first)


@pytest.mark.parametrize("question, said", [
    ("通城县医保局（2023）、黄陂区医保局（2024）的决算支出", "通城县医保局2023年、黄陂区医保局2024年的决算支出"),
    ("江苏省高院(2018年度)的收支总计", "江苏省高院2018年的收支总计"),
    ("行政运行（2010301）多少", "行政运行（2010301）多少"),  # (a 科目编码 in brackets is no year)
])
def test_a_year_written_in_brackets_after_a_name_is_read_as_its_year(question, said):
    from qa.search.query import years_in_brackets

    assert years_in_brackets(question) == said


@pytest.mark.parametrize("item", ["打击欺诈骗保工作经费", "打击欺诈骗保工作经费预算", "打击欺诈骗保专项资金"])
def test_a_name_said_with_another_money_word_at_its_end_is_the_item_printed(item):
    """打击欺诈骗保工作经费 of a report printing 打击欺诈骗保费用 (and a row 工作经费 of its own): the words before the
    money word name the item."""
    from qa.answer.match import match_question

    held = {"工作经费", "打击欺诈骗保费用", "医疗救助"}
    assert match_question(item, held).subjects == ("打击欺诈骗保费用",)
    assert match_question("医疗救助工作经费", held).subjects == ("医疗救助", "工作经费")


@pytest.mark.parametrize("question, topic", [
    ("江苏高院2017年一般公共预算安排的因公出国（境）费是多少", "一般公共预算中的因公出国（境）费"),
    ("用财政拨款安排的公务接待费是多少", "财政拨款中的公务接待费"),
])
def test_the_fund_an_item_is_paid_from_reads_as_its_context(question, topic):
    """X安排的Y: Y paid from the fund X (questions.json bracketed_contexts), as X中的Y — no second item asked."""
    assert topic in parse_question(question, HELD).topic


def test_a_fund_said_right_before_an_item_is_where_it_is_paid_from():
    """一般公共预算机关运行经费: the item under that fund (terms.json fund_scopes); with 和 between them, two items."""
    from qa.answer.match import match_question

    subjects = {"一般公共预算", "机关运行经费"}
    assert match_question("一般公共预算机关运行经费", subjects).subjects == ("机关运行经费",)
    assert match_question("一般公共预算的机关运行经费", subjects).subjects == ("机关运行经费",)
    assert match_question("一般公共预算和机关运行经费", subjects).subjects == ("一般公共预算", "机关运行经费")
