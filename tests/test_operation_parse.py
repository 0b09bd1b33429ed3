"""parse_operation: the operation words of a question as a typed record, on many phrasings."""
from __future__ import annotations

import pytest

from qa.search.conditions import chinese_number, find_threshold
from qa.search.named import find_excluded
from qa.search.operation import parse_operation
from qa.search.operation_words import find_n

SUBJECTS = ("项级科目", "项目", "科目", "公用经费")


@pytest.mark.parametrize("text, op, value, unit", [
    ("超过1000万元", "gt", 1000, "万元"),
    ("超过了1000万元", "gt", 1000, "万元"),
    ("高于500万", "gt", 500, "万元"),
    ("大于2亿元", "gt", 20000, "万元"),
    ("多于300万元", "gt", 300, "万元"),
    ("不少于50万元", "ge", 50, "万元"),
    ("至少100万元", "ge", 100, "万元"),
    ("不到80%", "lt", 80, "%"),
    ("低于八成", "lt", 80, "%"),
    ("不足90％", "lt", 90, "%"),
    ("小于5000元", "lt", 0.5, "万元"),
    ("不超过200万元", "le", 200, "万元"),
    ("500万元以上", "ge", 500, "万元"),
    ("100万元以下", "le", 100, "万元"),
    ("超过三百万元", "gt", 300, "万元"),
    ("超过两千万", "gt", 2000, "万元"),
    ("超1000万", "gt", 1000, "万元"),  # 超 alone, as typed in a search box
    ("执行率没达到90%", "lt", 90, "%"),  # (没达到: short of it, not 达到)
    ("执行率没有到90%", "lt", 90, "%"),
])
def test_threshold_words_give_operator_value_and_unit(text, op, value, unit):
    for subject in SUBJECTS:
        th = find_threshold(f"2024年{subject}{text}的有几个？")
        assert th is not None and (th.op, th.unit) == (op, unit)
        assert th.value == pytest.approx(value)


@pytest.mark.parametrize("text, reference", [
    ("哪些项目超过年初预算", "年初预算数"),
    ("支出高于全年预算的科目有哪些", "全年预算数"),
    ("有几个科目比上年多", None),
    ("在职人数超过编制数的单位有几个", "编制数"),  # another column of the same rows, a noun of a figure
    ("超过半数的项目有几个", None),  # (a share said in words: a bound, no column)
    # by how much the figure passed it: a rate or amount asked of the item, no rows picked
    ("一般公共预算财政拨款支出超出年初预算百分之几", None),
    ("三公经费超过年初预算多少", None),
])
def test_threshold_against_another_figure_names_it(text, reference):
    th = find_threshold(text)
    assert (th.reference if th else None) == reference


@pytest.mark.parametrize("text, value", [("哪些科目决算还不到年初预算的80%", 80.0), ("决算超过预算数的120%的科目有几个", 120.0)])
def test_a_share_of_the_figure_compared_with_is_a_bound_on_the_rate(text, value):
    """决算不到年初预算的80%: the rate of the row's figure to its budget below 80%, not the figure below its budget."""
    th = find_threshold(text)
    assert (th.op in ("lt", "gt"), th.value, th.unit, th.reference) == (True, value, "%", None)


def test_a_share_said_in_words_before_a_word_of_falling_short_is_an_upper_bound():
    """连年初预算的一半都没完成: < 50%, not the < 100% that 没完成 alone says."""
    th = find_threshold("哪些项级科目的支出连年初预算的一半都没完成？")
    assert (th.op, th.value, th.unit) == ("lt", 50, "%")


@pytest.mark.parametrize("text", ["有几个拿了100分？", "拿到100分的有几个？", "得了100分的项目有哪些"])
def test_a_score_got_is_a_figure_the_rows_must_equal(text):
    from qa.search.conditions import row_condition

    th = row_condition(text)
    assert (th.op, th.value, th.unit) == ("eq", 100, "分")


@pytest.mark.parametrize("text", ["人大事务里预算最多的三项是哪些？", "钱最多的两个是哪些", "金额最大的三笔有哪些"])
def test_the_number_of_rows_asked_is_no_figure_they_must_equal(text):
    op = parse_operation(text)
    assert op.threshold is None and op.n in (2, 3)


def test_a_year_is_never_a_threshold():
    assert find_threshold("2024年以来的项目有哪些") is None
    assert find_threshold("超过2023年的科目") is None


@pytest.mark.parametrize("text, n", [
    ("支出最多的三个项级科目", 3), ("前5名的科目", 5), ("前十项", 10), ("top 3 项目", 3), ("TOP5", 5),
    ("金额最大的三项是什么", 3), ("最少的两个项目", 2), ("预算最高的项目", None), ("排名前二十", 20),
    ("日常公用经费里最花钱的三项是什么", 3), ("花得最少的两项", 2),  # (the lexicon's superlatives)
    ("公用经费中排第一、第二的科目是什么", 2), ("排第一、第二、第三的", 3), ("排第一的是谁", None),  # places listed
])
def test_n_from_numerals_and_digits(text, n):
    assert find_n(text) == n


@pytest.mark.parametrize("s, v", [("3", 3), ("12.5", 12.5), ("三", 3), ("十", 10), ("十二", 12), ("二十", 20),
                                  ("三百", 300), ("两千", 2000), ("一千五百", 1500), ("abc", None)])
def test_chinese_numbers(s, v):
    assert chinese_number(s) == v


@pytest.mark.parametrize("question, function, direction", [
    ("哪个项目预算最多？", "max", "desc"),
    ("公用经费里哪一项花得最多", "max", "desc"),
    ("项目支出里哪个项目最花钱", "max", "desc"),  # spoken
    ("支出最低的科目是哪个", "min", "asc"),
    ("哪一类功能支出最少", "min", "asc"),
    ("支出最多的三个项级科目是哪些", "rank", "desc"),
    ("按金额从小到大排序", "rank", "asc"),
    ("有几个项级科目超过1000万元", "count", None),
    ("多少个项目的执行率不到80%", "count", None),
    ("超过500万元的项目有哪些", "filter", None),
    ("哪个科目年初预算完成得最差", "min", "asc"),  # 最差 / 最好: the ends of a rate
    ("哪个项目完成得最好", "max", "desc"),
    # the end of rows a condition names: the condition says what to rank by, or which rows to rank
    ("哪个科目超出年初预算最多？超了多少？", "max", "desc"),
    ("超过100万元的项目里哪个最少", "min", "asc"),
    # a mean asked of the rows 几个 names (几个项目的平均分) is the mean; 几个 asked apart is the count
    ("几个自评项目的平均分是多少", "avg", None),
    ("有几个项目？平均分多少", "count", None),
    ("做了绩效自评的7个项目，平均自评分是多少", "avg", None),  # (a mean of a named score)
    ("7个项目的平均得分是多少", "avg", None),
])
def test_aggregate_function_and_direction(question, function, direction):
    op = parse_operation(question)
    assert op.kind in ("aggregate", "list")
    assert op.function == function
    assert op.direction == direction


@pytest.mark.parametrize("question", ["支出同比涨跌幅", "支出比上年的增减幅度", "三公经费升降幅度多少"])
def test_a_rate_of_change_said_as_a_swing_is_the_rate(question):
    assert parse_operation(question).derived == "增减率"


@pytest.mark.parametrize("question, level", [
    ("有几个项级科目超过1000万元", "项"), ("哪一类功能支出最多", "类"), ("款级科目有几个", "款"), ("哪个项目最多", None),
    # the rows counted under a 科目 named with its level are of the level below it; 项目 is no 项
    ("普通教育（款）下有几个项比上年减少", "项"), ("教育支出（类）下哪几款超过1000万元", "款"),
    ("普通教育（款）下有几个项目", None), ("有几项比上年减少", None),
    # a level asked by the word that counts or picks it, with no mark on the parent; a bare 几项 / 哪些项 counts any rows
    ("教育支出下面有哪些款", "款"), ("教育支出类下有几个款", "款"), ("普通教育下面有几个项", "项"),
    ("教育支出里哪个款最多", "款"), ("三公经费里有几项是0", None), ("三公经费里哪些项为零", None), ("哪个项目最多", None),
    # picked by a number, the level in quotes too; 前三个项目 stays no level
    ("教育支出下面哪两个“款”金额最大", "款"), ("教育支出下面最大的两个款", "款"), ("普通教育下面哪三个项最多", "项"),
    ("前三个项目是哪些", None),
])
def test_level_words(question, level):
    assert parse_operation(question).level == level


@pytest.mark.parametrize("question, op, value, reference", [
    ("教育支出类下减少的项有多少个", "lt", None, "上年数"),  # the kind of row between the condition and the count
    ("增长的科目有哪些", "gt", None, "上年数"),
    ("有几个项目没有100%完成预算", "lt", 100.0, None),  # short of the full budget: 执行率 < 100%
    ("哪些项目未完成预算", "lt", 100.0, None),
    ("三公经费里哪几类是零支出", "eq", 0.0, None), ("哪几项没有花钱", "eq", 0.0, None),
    ("预算比上年涨了的共有多少个", "gt", None, "上年数"),
    ("有几个项的支出决算和年初预算一模一样", "eq", None, "年初预算数"),
    # the year before the one asked, named as the base: the rows' own 上年
    ("2019年法院款下6个项级科目里有几个比2018年减少了？分别是哪些？", "lt", None, "上年数"),
    ("哪些科目实际花的比年初预算还多？几个", "gt", None, "年初预算数"),  # (还 between the basis and the sign)
])
def test_row_conditions_said_in_words(question, op, value, reference):
    th = parse_operation(question).threshold
    assert th is not None and (th.op, th.value, th.reference) == (op, value, reference)


def test_an_amount_of_project_spending_is_no_count_of_projects():
    assert parse_operation("审计业务科目安排了多少项目支出？").function is None
    assert parse_operation("有多少项目？").function == "count"


@pytest.mark.parametrize("question", ["有几个项目没有完成绩效目标", "减少的原因有哪些"])
def test_words_that_set_no_row_condition(question):
    assert parse_operation(question).threshold is None


@pytest.mark.parametrize("question, derived", [
    ("基本支出占总支出的比重是多少", "占比"),
    ("人员经费大概占几成", "占比"),
    ("服务类采购占采购总额的比例", "占比"),
    ("三公经费的预算执行率是多少", "执行率"),
    ("公务用车运行维护费的执行进度", "执行率"),
    ("完成了年初预算的百分之多少", "执行率"),
    ("哪个科目年初预算完成得最差", "执行率"),
    ("哪一项完成全年预算的比例最低", "执行率"),  # (完成…预算的比例: execution, not a share of the budget)
    ("哪一项完成全年预算比例最低", "执行率"),
    ("三公经费实际花掉了预算的几成", "执行率"),  # (几成 of a budget spent: execution, not a share)
    ("人员经费占基本支出的几成", "占比"),
    ("比上年多了还是少了，差多少", "增减额"),
    ("三公经费的增长率是多少", "增减率"),
    ("三公经费变化多少、幅度多大", "增减率"),
    ("实际支出比预算超了多少", "增减额"),
    ("行政运行2025年预算比2024年决算多安排了多少", "增减额"),
    ("两个部门的机关运行经费加起来一共多少", "合计"),
    ("三公经费是多少", None),
])
def test_derived_measure_asked(question, derived):
    assert parse_operation(question).derived == derived


@pytest.mark.parametrize("question, kind", [
    ("三公经费是多少", "lookup"),
    ("人员经费占基本支出的比例", "compute"),
    ("哪家的三公经费预算更高", "compare"),
    ("有几个项级科目超过1000万元", "aggregate"),
    ("部门职责有哪些", "list"),
    ("贸易高质量发展专项预算具体怎么分的", "list"),  # (how a whole is divided: its parts)
    ("三公经费为什么减少", "explain"),
    ("机关运行经费为啥比上年少了", "explain"),  # spoken 为啥
])
def test_kind(question, kind):
    assert parse_operation(question).kind == kind


def test_excluded_subjects_are_read():
    assert find_excluded("除了一般公共服务支出，哪一类功能支出最多") == ("一般公共服务支出",)
    assert find_excluded("不包括行政运行和机关服务，哪个科目最高") == ("行政运行", "机关服务")
    assert find_excluded("哪个科目最高") == ()
    # 和 inside a 科目's own name joins no two subjects
    assert find_excluded("除了其他商品和服务支出，哪一项最多") == ("其他商品和服务支出",)
    assert find_excluded("除社会保障和就业支出外，哪一类最多") == ("社会保障和就业支出",)


def test_over_reports_words():
    assert parse_operation("各部门的三公经费哪个最多").over == "reports"
    assert parse_operation("哪个科目最多").over == "rows"


def test_parse_is_pure():
    q = "石泉路街道2025年有几个项级科目的决算数超过1000万元？"
    assert parse_operation(q) == parse_operation(q)


def test_operation_words_never_mean_two_things():
    from qa.lexicon.formula_table import operation_words

    w = operation_words()
    for group in (w["thresholds"]["prefix"], w["thresholds"]["suffix"], w["levels"], w["directions"]):
        seen: dict[str, str] = {}
        for name, words in group.items():
            for word in words:
                assert seen.setdefault(word, name) == name, f"{word!r} means both {seen[word]} and {name}"
    for unit, (dimension, scale) in w["units"].items():
        assert dimension in ("amount", "rate", "count") and scale > 0, unit


def test_a_number_of_rows_asked_as_项数_is_a_count_of_项():
    op = parse_operation("人大事务（款）下预算超过400万元的项数")
    assert (op.function, op.level) == ("count", "项") and op.threshold is not None


@pytest.mark.parametrize("text, direction", [
    ("哪家单位收入预算最多", "desc"),
    ("哪个项目预算最少", "asc"),
    ("收入预算最多和最少的分别是哪家", "both"),
])
def test_both_ends_asked_of_a_ranking(text, direction):
    from qa.search.operation import parse_operation

    assert parse_operation(text).direction == direction


@pytest.mark.parametrize("text, members", [
    ("国家信访局财政拨款支出的14个项目里，有几个决算超过了年初预算？", 14),
    ("做绩效自评的那4个项目，全年预算加起来多少？", 4),
    ("信访局的15辆车里哪类最多？", 15),
    ("下属九个单位中在职人数超过编制数的有几个", 9),
    ("前3个项目是哪些", None),
    ("哪三个科目花得最多", None),
    ("超过10万元的有几项", None),
    ("有几个项目比上年减少", None),
    ("增长了3个百分点中", None),
    ("生命健康、商业创新、贸易高质量发展这三个专项加起来多少", None),
    ("四个专项（科技创新、生命健康、商业创新、贸易）一共多少钱", None),
])
def test_the_size_a_question_gives_the_set_it_reads(text, members):
    """`14个项目里`: the set's size, which picks among row sets; not n (前3个), a threshold, or listed items."""
    assert parse_operation(text).members == members


def test_a_sum_over_a_set_of_given_size_is_an_aggregate_over_rows():
    op = parse_operation("做绩效自评的那4个项目，全年预算加起来多少？")
    assert (op.kind, op.function, op.members) == ("aggregate", "sum", 4)
    assert parse_operation("这三个专项加起来多少").kind == "aggregate"
    assert parse_operation("A、B和C这三个专项加起来多少").kind == "compute"  # the items it lists, summed


@pytest.mark.parametrize("text", ["有多少个科目决算和年初预算完全一样？", "决算与年初预算基本持平的有几个",
                                  "有几项支出决算跟年初预算一样"])
def test_an_adverb_between_the_reference_and_the_sign_keeps_the_reference(text):
    th = parse_operation(text).threshold
    assert th is not None and (th.op, th.reference) == ("eq", "年初预算数")


@pytest.mark.parametrize("text, bound", [
    ("购置单位价值100万元以上的设备的台套数是多少", False),  # the things' name, not a condition on rows
    ("单价50万元以上的设备有几台", False),
    ("超过200万元的项目有几个", True),
    ("100万元以上的项目有哪些", True),
])
def test_an_amount_bound_naming_things_is_part_of_their_name(text, bound):
    assert (parse_operation(text).threshold is not None) is bound


def test_a_count_of_things_in_their_own_unit_is_asked_whatever_money_the_item_names():
    from qa.search.shape import answer_shape

    assert answer_shape("购置单位价值100万元以上的设备的台套数是多少")[1] == "count"
    assert answer_shape("几个行政运行科目加起来一共多少")[1] == "amount"
    # a count unit made a noun (人次数, 户数) names a count, though 合计 is a money word
    assert answer_shape("住院救助人次数和门诊救助人次数合计多少")[1] == "count"
    assert answer_shape("救助户数合计多少")[1] == "count"
    assert answer_shape("大数据平台建设合计多少")[1] == "amount"


@pytest.mark.parametrize("text, level", [
    ("政府购买服务预算里哪一类最多", None),
    ("政府采购预算里哪一类最多", None),
    ("信访局的15辆车里哪类最多？", None),
    ("一般公共预算支出里哪一类最多", "类"),
    ("政府采购预算里类级科目最多的是", "类"),
])
def test_which_kind_of_a_whole_listed_by_kind_is_no_level(text, level):
    """`政府购买服务里哪一类`: a kind of the services bought (财务会计审计), not a 类级科目."""
    assert parse_operation(text).level == level


@pytest.mark.parametrize("text, op, value", [
    ("哪些项级科目完成年初预算连一半都不到", "lt", 50.0),
    ("执行率50%不到的项目", "lt", 50.0),
    ("预算不足100万元的项目", "lt", 100.0),
    ("超过三分之一的科目有几个", "gt", 33.33),
])
def test_a_share_said_in_words_and_a_bound_said_after_its_figure(text, op, value):
    th = find_threshold(text)
    assert th is not None and (th.op, th.value) == (op, value)


@pytest.mark.parametrize("text, op, value", [
    ("有几个项级科目连年初预算的九成都没花到？", "lt", 90.0),
    ("完成年初预算连一半都不到的有几个", "lt", 50.0),
    ("的项目中，有几个是100%执行完的？", "eq", 100.0),
])
def test_a_rate_bound_said_in_tenths_or_before_a_done_word_is_a_condition_on_rows(text, op, value):
    th = parse_operation(text).threshold
    assert th is not None and (th.op, th.value, th.dimension) == (op, value, "rate")


@pytest.mark.parametrize("question, reference", [("比上年减少的项级科目合计多少", "上年数"),
                                                 ("与上年相比增加的科目预算加起来一共多少", "上年数"),
                                                 ("三公经费合计比上年减少了多少", None)])  # one total's change
def test_rows_a_relative_clause_picks_are_the_rows_a_sum_adds(question, reference):
    th = parse_operation(question).threshold
    assert (th.reference if th else None) == reference


def test_rows_equal_to_another_figure_said_as_users_say_it():
    th = parse_operation("有几个支出科目的决算和年初预算一分不差？").threshold
    assert th is not None and (th.op, th.reference) == ("eq", "年初预算数")


@pytest.mark.parametrize("text, names", [
    ("学前教育、小学教育、初中教育哪项钱最少？", ("学前教育", "小学教育", "初中教育")),
    ("普通教育那块，学前、小学、初中、高中、高等这几项，哪项钱最少？", ("学前", "小学", "初中", "高中", "高等")),
    ("基本工资、津贴补贴和奖金哪个最多", ("基本工资", "津贴补贴", "奖金")),
    ("社会保障和就业支出、住房保障支出哪个最多", ("社会保障和就业支出", "住房保障支出")),
    ("前三大科目分别是什么、多少钱？", ()),  # asks two things, names no rows
    ("除了学前、小学，哪项最多", ()),  # the names taken out
    ("哪个项级科目最多", ()),
])
def test_names_a_question_lists_pick_its_rows(text, names):
    op = parse_operation(text)
    assert op.named == names and op.function in ("max", "min", "rank")


@pytest.mark.parametrize("text, names", [
    # a list in brackets, and a list summed: the names as typed (江苏 of 全国人代会江苏代表团 stays)
    ("印刷费几笔（专职人员活动费、立法费及法制专刊费、办公印刷费）一共多少？", ("专职人员活动费", "立法费及法制专刊费", "办公印刷费")),
    ("人代会二次会议、全国人代会江苏代表团、常委会会议及省人大工作会议这三笔会议费加起来多少？",
     ("人代会二次会议", "全国人代会江苏代表团", "常委会会议", "省人大工作会议")),
    ("三公经费预算合计（不含会议费、培训费）是多少", ()),  # (what a bracket leaves out names no rows)
])
def test_names_a_sum_lists(text, names):
    assert parse_operation(text).named == names


@pytest.mark.parametrize("question", ["信息化服务下各条目预算金额加总是多少", "这几项汇总是多少"])
def test_a_total_asked_in_an_auditors_words_is_a_sum(question):
    op = parse_operation(question)
    assert op.function == "sum" or op.derived == "合计"


def test_a_score_asked_by_its_end_is_a_score():
    from qa.search.query import parse_question
    assert "得分" in parse_question("国家信访局24年公开了几个项目自评，哪个分最低").measures


def test_pointing_at_the_listed_set_counts_nothing():
    op = parse_operation("学前、小学、初中这几项，哪项钱最少？")
    assert op.function == "min" and parse_operation("这几个项目一共多少钱").function != "count"
    assert parse_operation("有几项").function == "count"
    # (的几个项 before a clause picking from them: the set, no count)
    assert parse_operation("财政拨款支出的几个项级科目，哪个比上年涨幅最大").function == "max"


@pytest.mark.parametrize("question", ["10个项目里，有几个预算执行率是100%？", "有几个项目自评得分为100分？",
                                      "10个项目里，有几个预算执行率是100%呢？", "10个项目里，执行率100%有几个？",
                                      "有几个是100%执行完？", "有几个项目执行率100%？"])
def test_the_figure_rows_must_equal_said_last_is_a_condition(question):
    th = parse_operation(question).threshold
    assert th is not None and (th.op, th.value) == ("eq", 100.0)


@pytest.mark.parametrize("question, kept", [
    ("文化产业发展专项支出，在当年一般公共预算支出里是不是占大头？占多少？", "文化产业发展专项支出，在当年一般公共预算支出里？占多少？"),
    ("项目支出是否最高，占多少", "项目支出，占多少"),
    ("哪个项目最多？占多少？", "哪个项目最多？占多少？"),  # (which one: rows ranked)
    ("是不是最多的？", "是不是最多的？"),  # (no figure asked beside the check: the check is the question)
])
def test_a_check_of_the_extreme_beside_a_figure_asked_ranks_no_rows(question, kept):
    from qa.search.operation import without_checked_extreme

    assert without_checked_extreme(question) == kept
    assert (parse_operation(question).function == "max") == (question == kept)


def test_a_share_said_after_a_pause_before_占_keeps_its_whole():
    from qa.answer.share_words import split_share

    assert split_share("文化产业发展专项支出 在当年一般公共预算支出里 占") == ("", "文化产业发展专项支出", "当年一般公共预算支出")


@pytest.mark.parametrize("question", ["一般行政管理事务超预算花了多少钱？", "城乡医疗救助超预算多少"])
def test_a_gap_to_the_budget_asked_of_one_item_picks_no_rows(question):
    op = parse_operation(question)
    assert op.derived == "增减额" and op.threshold is None and op.function is None
    for rows in ("哪些科目超预算了", "超预算的有几个项目", "超预算的科目超了多少"):  # (rows asked: picked by the bound)
        assert parse_operation(rows).threshold is not None


@pytest.mark.parametrize("question", ["商品和服务支出的明细科目有几项是0？", "哪些科目为零？", "有几个项级科目为0"])
def test_rows_said_to_be_nothing_without_a_unit_must_equal_zero(question):
    th = parse_operation(question).threshold
    assert th is not None and (th.op, th.value, th.dimension) == ("eq", 0.0, "amount")
    assert parse_operation("2020年是0").threshold is None  # (no rows asked of)


@pytest.mark.parametrize("text", ["项级科目减得最多的是哪一个", "哪个项级科目增加最多", "哪一项下降最多"])
def test_rows_ranked_by_how_much_they_changed_ask_the_change(text):
    op = parse_operation(text)
    assert op.function == "max" and op.derived == "增减额"


@pytest.mark.parametrize("question, column", [("哪些项级科目列了项目支出？", "项目支出"), ("有“其他收入”的有几家？", "其他收入"),
                                              ("有“其他收入”有几家？", "其他收入"),
                                              ("年初预算为0却有实际支出的项级科目有几个？", "年初预算数")])
def test_rows_with_a_figure_in_a_column_named_are_a_condition_on_that_column(question, column):
    th = parse_operation(question).threshold
    assert th is not None and th.column == column and th.value == 0.0 and th.op == ("eq" if column == "年初预算数" else "gt")


def test_a_count_of_the_rows_own_money_names_no_column():
    assert parse_operation("有多少项目支出？").threshold is None


@pytest.mark.parametrize("text, position, direction", [
    ("按类级科目排，预算支出排第三的是哪一类？", 3, "desc"),
    ("专项业务经费里排第二的项目是哪个", 2, "desc"),
    ("哪个科目的支出倒数第二", 2, "asc"),
    ("第二少的项目是什么", 2, "asc"),
    ("金额第二大的项目", 2, "desc"),
    ("哪个项目排名第1", None, None),  # the first place is the largest: 最多 asks it
    ("第二部分收入支出情况", None, None),  # a heading's ordinal is no place in a ranking
])
def test_a_place_in_an_ordering_is_read_with_its_end(text, position, direction):
    op = parse_operation(text)
    assert op.position == position
    if position:
        assert (op.function, op.direction) == ("rank", direction)


@pytest.mark.parametrize("text, function", [
    ("政府采购预算表中，单笔金额不足5万元的采购有几笔？", "count"),
    ("自评的那7个项目平均多少分？", "avg"),
    ("这些项目平均得了多少分", "avg"),
    ("政府采购预算里会议服务一共列了几行？", "count"),  # (rows of a table, counted by what they are)
    ("办公设备购置费下面列了多少种物品", "count"),
    ("采购方式是公开招标的有几条", "count"),
])
def test_counters_and_means_in_everyday_words(text, function):
    assert parse_operation(text).function == function


@pytest.mark.parametrize("text, names", [
    ("专项业务经费，去掉文化产业发展专项资金那一大笔，剩下的项目加起来多少？", ("文化产业发展专项资金",)),
    ("不算城乡医疗救助，剩下的项目一共花掉多少钱？", ("城乡医疗救助",)),
    ("不算“其他商品和服务支出”，金额最高的是哪一项？", ("其他商品和服务支出",)),
])
def test_a_name_taken_out_in_everyday_words(text, names):
    assert find_excluded(text) == names


def test_a_sum_of_the_rows_left_once_one_is_taken_out_reads_rows():
    op = parse_operation("专项业务经费，除了文化产业发展专项资金，其余项目加起来多少？")
    assert (op.kind, op.function) == ("aggregate", "sum")


@pytest.mark.parametrize("text, members", [
    ("决算说明里项目支出列了7个项目，金额不到20万元的有几个？", 7),
    ("项目经费情况说明里讲了4个专项，它们的年度预算加起来多少？", 4),
    ("项目经费情况说明里的4个专项，年度预算加起来多少？", 4),
])
def test_a_set_the_report_is_said_to_give_has_that_many_members(text, members):
    assert parse_operation(text).members == members


@pytest.mark.parametrize("text, checked", [
    ("项目支出占比多少？是不是超过一半了？", True),
    ("执行率是否超过了90%？", True),
    ("执行率是否超过90%的项目有哪些", False),  # a bound inside a name of rows picks them
    ("有没有超过100万元的项目？", False),
    ("超过100万元的项目有几个", False),
])
def test_a_bound_asked_as_yes_or_no_checks_the_figure_and_picks_no_rows(text, checked):
    assert (parse_operation(text).threshold is None) == checked


@pytest.mark.parametrize("text, main, also", [
    ("4个绩效目标项目中哪个预算最多？4个加起来多少？", "max", ("sum",)),
    ("预算单独说明了哪几个专项？合计多少，哪个最大？", "max", ("sum",)),
    ("有几项，合计多少", "sum", ("count",)),
    ("超过100万元的项目有几个，哪个最多？", "count", ("max",)),
    ("哪个项目最多，是多少？", "max", ()),  # 是多少 asks the row's figure, no other function
    ("最多和最少的分别是哪个？", "max", ()),  # both ends are one function, asked both ways
    ("哪个最大？占合计的比重是多少？", "max", ()),  # a share, not a sum
    ("哪个项目最多？三公经费的会议费合计多少？", "max", ()),  # a clause naming an item of its own
])
def test_other_functions_asked_of_the_same_rows_in_later_clauses(text, main, also):
    op = parse_operation(text)
    assert (op.function, tuple(o.function for o in op.also)) == (main, also)


def test_a_bound_said_before_a_later_function_still_picks_its_rows_and_one_said_after_does_not():
    counted = parse_operation("超过100万元的项目有几个？合计多少？")
    assert counted.also and all(o.threshold == counted.threshold for o in counted.also)
    ranked = parse_operation("哪个项目最多？超过100万元的有几个？")
    assert ranked.function == "count" and ranked.also[0].function == "max" and ranked.also[0].threshold is None


@pytest.mark.parametrize("text, also", [
    # an end asked after a bound reads every row unless it points at the rows the bound picked
    ("得满分100分的有几个项目？得分最低的是哪个项目？", (("min", False),)),
    ("超过100万元的项目有几个？其中最多的是哪个？", (("max", True),)),
    ("超过100万元的项目有几个？合计多少？", (("count", True),)),  # (the sum is the question's own function)
])
def test_a_bound_reaches_a_later_end_only_when_it_points_at_the_rows_picked(text, also):
    assert tuple((o.function, o.threshold is not None) for o in parse_operation(text).also) == also


def test_a_sum_after_a_ranking_adds_up_the_rows_ranked():
    op = parse_operation("排前三的科目是哪几个？加起来多少？")
    assert (op.function, op.n) == ("rank", 3) and [(o.function, o.n) for o in op.also] == [("sum", 3)]


@pytest.mark.parametrize("text", [
    "组织了几个出国团组，一共多少人次？",  # a count in a unit of its own
    "实行绩效目标管理的项目有几个，一共涉及多少钱？",  # the amount the count's sentence states
    "二级目录为“0211-后勤服务”的有几笔？合计金额多少？",  # rows a quoted name picks: their own path
])
def test_figures_stated_beside_a_count_are_no_functions_of_the_rows(text):
    assert parse_operation(text).also == ()


def test_both_ends_asked_in_one_later_clause_are_both_read():
    op = parse_operation("项目支出预算表里一共几个项目？哪个最大、哪个最小？")
    assert [(o.function, o.direction) for o in op.also] == [("max", "both")]


@pytest.mark.parametrize("text, share", [
    ("编报绩效目标的4个项目中，哪个项目预算最多？占这4个项目合计的比例是多少？", True),
    ("商业创新专项里，哪一块安排的钱最多？占整个专项的比例是多少？", True),
    ("哪个项目最多？占全部项目支出的比例是多少？", False),  # a whole the lexicon names: the share's own path
    ("做绩效目标的是哪几个项目？一共多少钱，最大的占几成？", False),
])
def test_a_share_of_the_set_read_is_asked_of_the_rows_picked(text, share):
    from qa.search.operation import set_share_clause
    op = parse_operation(text)
    assert ("share" in [o.function for o in op.also]) == share
    assert (set_share_clause(text) is not None) == share
    if share:
        assert op.derived is None  # the share is read with the rows, not by the share's path


@pytest.mark.parametrize("text, derived", [
    ("基本支出占支出预算总计的比重，比2017年下降了几个百分点？", "占比"),
    ("部门整体预算执行率2023年比2022年提高了多少个百分点？", "执行率"),
    ("基本支出比2017年增长了百分之几？", "增减率"),  # a change's rate, no rate of each year
])
def test_a_change_in_points_of_a_rate_asks_the_rate_of_each_year(text, derived):
    assert parse_operation(text).derived == derived


def test_functions_over_rows_read_by_their_change_are_asked_together_and_rates_are_not_summed():
    op = parse_operation("各个项级科目比上年都增加了，其中增加最多的是哪项？各项增加额加起来是多少？")
    assert (op.function, op.derived, [o.function for o in op.also]) == ("max", "增减额", ["sum"])
    rates = parse_operation("哪个项目执行率最高？这些项目执行率加起来是多少？")
    assert rates.derived == "执行率" and "sum" not in [o.function for o in rates.also]


@pytest.mark.parametrize("text", ["信访业务实际花的钱执行到了百分之几？", "这个项目执行到百分之多少了？"])
def test_how_far_a_budget_was_spent_in_everyday_words_asks_its_execution_rate(text):
    assert parse_operation(text).derived == "执行率"


def test_rows_left_out_in_a_later_clause_are_left_out_by_its_function_only():
    op = parse_operation("人大事务下面分了几个项级科目？除去行政运行，哪项最多？")
    assert op.function == "count" and op.excluding == ()
    assert [(o.function, o.excluding) for o in op.also] == [("max", ("行政运行",))]
    both = parse_operation("人大事务下面除去行政运行，有几个项级科目？哪项最多？")
    assert both.excluding == ("行政运行",)


@pytest.mark.parametrize("question, op, value, unit", [
    ("哪些项目没拿满分？各多少分？", "lt", 100, "分"),
    ("有几个项目没有拿到满分", "lt", 100, "分"),
    ("哪些项目拿了满分", "eq", 100, "分"),
    ("哪些项目没有把预算执行完？各完成了多少？", "lt", 100, "%"),  # (没有把…执行完: 没有执行完)
    ("公用经费里决算数不为零的是哪些科目？", "gt", 0, "万元"),
    ("哪些科目决算为零", "eq", 0, "万元"),
])
def test_a_named_value_said_with_a_negation_picks_the_rows_short_of_or_above_it(question, op, value, unit):
    th = parse_operation(question).threshold
    assert th is not None and (th.op, th.value, th.unit) == (op, value, unit)


def test_fastest_growth_ranks_rows_by_their_rate():
    from qa.answer.row_measures import _ranked_measure

    op = parse_operation("哪个项级科目比上年增长最快？")
    assert (op.function, op.direction) == ("max", "desc")
    assert _ranked_measure(op, "哪个项级科目比上年增长最快？") == "增减率"
    assert parse_operation("哪个项目减少得最慢").function == "min"


@pytest.mark.parametrize("question", ["江苏高院预算公开里说的“三公”经费，具体指哪些费用？", "“三公”经费指哪些费用"])
def test_what_a_term_means_is_asked_though_a_list_word_asks_it(question):
    from qa.search.shape import answer_shape

    assert answer_shape(question)[0] == "text"
    assert answer_shape("“三公”经费包括哪些")[0] == "list"


@pytest.mark.parametrize("question", ["哪些项级科目预算降到了0万元", "哪些项级科目预算降为0万元", "哪些项级科目减至0万元"])
def test_rows_brought_down_to_a_figure_must_equal_it(question):
    threshold = parse_operation(question).threshold
    assert threshold is not None and (threshold.op, threshold.value) == ("eq", 0.0)


@pytest.mark.parametrize("question", ["哪些支出项的决算超过了年初预算？", "哪几项支出的决算超过了年初预算？"])
def test_which_lines_of_spending_is_asked_of_table_rows(question):
    from qa.answer.operations import _reads_rows

    assert _reads_rows(parse_operation(question), question.removeprefix("哪些").removeprefix("哪几项"), question)


@pytest.mark.parametrize("text", ["按经济科目看金额最高的三行是哪几项", "最多的三条是什么", "排名靠前的两种"])
def test_the_number_of_rows_asked_may_be_counted_in_rows_entries_and_kinds(text):
    assert find_n(text) in (2, 3)


@pytest.mark.parametrize("text, value", [("哪些项级科目的支出比年初预算超出了10%以上", 110.0),
                                         ("哪些科目比全年预算超过20%", 120.0),
                                         ("哪些科目比上年增长超过10%", 10.0),  # (over 上年: a rate of change)
                                         ("执行率超过10%的科目", 10.0)])
def test_a_rate_over_a_budget_bounds_the_rate_of_that_budget(text, value):
    th = find_threshold(text)
    assert th is not None and th.unit == "%" and th.value == value

