"""为什么 questions: the report's reason sentence next to the change it explains, in the direction asked;
amounts quoted in a question (590多万, 一万九千多万) point at the sentence stating them."""
from __future__ import annotations

import pytest

import qa
from qa.answer.reasons import _reason_part, direction
from qa.text.spoken import spoken_amounts, without_amounts

from .conftest import tiny_report


def test_spoken_amounts_read_arabic_chinese_and_approximate_forms():
    (low, high), = spoken_amounts("比上年多了一万九千多万")
    assert (low, high) == (19000e4, 20000e4)
    assert spoken_amounts("年初预算有590多万") == [(590e4, 600e4)]
    (low, high), = spoken_amounts("只花了4.7万")
    assert low < 4.7e4 < high and high - low < 0.1e4
    assert spoken_amounts("2021年三公经费有几辆车") == []  # years, counts and 三公 are no amounts
    assert "4.7" not in without_amounts("为什么只花了4.7万") and "三公" in without_amounts("三公经费4.7万")


def test_direction_ignores_how_much_and_approximations():
    assert direction("为什么比上年多了一万九千多万") == "up"
    assert direction("为什么最后只花了4.7万") == "down"
    assert direction("三公经费是多少") is None
    assert direction("决算数小于预算数的主要原因是") == "down"
    assert direction("收支为什么减少这么多") == "down"
    assert direction("支出比2017年少了八成多，为什么") == "down"  # (八成多, 两倍多: approximations)
    assert direction("为什么比上年多了两倍多") == "up"


def test_reason_part_stops_at_the_clause_giving_the_reason():
    cues = ["主要原因"]
    assert _reason_part("主要原因是增加市校共建专项。8.普通教育（款）其他支出。", cues) == "主要原因是增加市校共建专项。"


@pytest.fixture(scope="module")
def reason_index(index_of):
    body = (
        "（一）高等教育支出10,000万元，与上年相比增加9,000万元，增长900%。\n主要原因是增加市校共建专项。\n"
        "（二）其他普通教育支出0万元，与上年相比减少1,591万元。主要原因是科目调整。\n"
        "（三）一般行政管理事务年初预算为590.53万元，支出决算为4.7万元，完成年初预算的0.8%。\n"
        "决算数小于预算数的主要原因是年中将部门机动经费调剂用于其他科目。\n"
        "（四）机关服务年初预算为222.6万元，支出决算为229.19万元。决算数大于预算数的主要原因是人员增加。\n"
        "（五）收入合计8726.43万元，与上年相比，收入合计增加2229.88万元，增长34.3%。主要原因是医疗费补助增加。"
        "政府性基金收入0万元，比上年增加（减少）0万元。增加（减少）主要原因是本单位当年无政府性基金收入。\n"
        "（六）收、支总计各减少4959.23万元，下降70.9%。主要原因是财政资金紧张。\n"
        "（七）机关运行经费2045.01万元，比上年预算减少29.30万元，下降1.41%。主要是在职人员较上年度减少导致机关运行经费的下降。\n"
    )
    return index_of({"north.txt": tiny_report("武汉市江岸区", 2023, body)})


def test_reason_follows_the_sentence_stating_the_change(reason_index):
    a = qa.ask("江岸区2023年高等教育支出为什么比上年增加了9000万元？", settings=reason_index)
    assert a.found and "市校共建专项" in a.text
    assert "其他普通教育" not in a.text  # the next item's sentence is no part of the answer
    assert any("市校共建" in c.quote for c in a.citations)


def test_quoted_amount_and_direction_pick_the_item_asked(reason_index):
    a = qa.ask("江岸区2023年一般行政管理事务年初预算有590多万，为什么最后只花了4.7万？", settings=reason_index)
    assert a.found and "机动经费" in a.text and "人员增加" not in a.text
    a = qa.ask("江岸区2023年机关服务为什么花得比预算多？", settings=reason_index)
    assert a.found and "人员增加" in a.text and "机动经费" not in a.text


def test_no_reason_sentence_means_no_reason_is_made_up(reason_index):
    a = qa.ask("江岸区2023年公务接待费为什么减少？", settings=reason_index)
    assert not a.found or "原因" not in a.text


def test_a_cause_said_with_daozhi_is_a_reason_given_with_its_figure(reason_index):
    a = qa.ask("江岸区2023年机关运行经费是多少，为什么下降", settings=reason_index)
    assert a.found and "在职人员较上年度减少" in a.text and "2045.01" in a.text


def test_a_sentence_opening_with_a_reason_explains_the_one_before_it(reason_index):
    a = qa.ask("江岸区2023年收入合计增长了多少，为什么", settings=reason_index)
    assert a.found and "医疗费补助增加" in a.text and "无政府性基金" not in a.text


def test_a_figure_asked_with_its_reason_comes_from_the_facts_then_the_reason_beside_it(reason_index):
    """`收入增长了多少，为什么`: the figure is the 收入合计 fact's (not the 0 of 政府性基金收入, whose sentence also
    names 收入 and gives a reason), stated first; the reason is the one printed beside that figure."""
    a = qa.ask("江岸区2023年收入增长了多少，为什么", settings=reason_index)
    assert a.found and a.text.split("\n")[0].count("2229.88") == 1 and "34.3%" in a.text
    assert "医疗费补助增加" in a.text and "无政府性基金" not in a.text
    assert {f.value for f in a.figures} >= {2229.88, 34.3}
    assert len({c.quote for c in a.citations}) == len(a.citations)


def test_how_a_figure_came_about_asked_with_it_is_a_reason_and_every_figure_stated_is_cited(index_of):
    """`培训费预算是怎么来的，多少钱`: 怎么来的 asks a reason (questions.json); the figure comes first, then the
    sentence the reason stands in, whose other figures (1305.25) stay because its citation is kept."""
    body = ("安排的会议费预算支出1305.25万元，本年数小于上年预算数403.75万元，原因是从会议费预算中调减403.75万元用于培训费开支。"
            "安排的培训费预算支出403.75万元，比上年预算增加403.75万元，原因是从会议费预算中调减403.75万元用于培训费开支。\n")
    settings = index_of({"npc.txt": tiny_report("江苏省", 2017, body)})
    a = qa.ask("江苏省测试局2017年培训费预算是怎么来的，多少钱", settings=settings)
    assert a.found and "培训费预算支出403.75" in a.text and "原因是从会议费预算中调减" in a.text
    assert "已删去" not in a.text


def test_items_abbreviated_with_a_pause_mark_are_found(reason_index):
    a = qa.ask("江岸区2023年收支总计为什么减少这么多", settings=reason_index)
    assert a.found and "财政资金紧张" in a.text


def test_a_short_reason_sentence_is_not_carried_into_the_next_item_as_its_heading():
    """`…的主要原因：社工薪酬调整。` ends the item before; the next item's sentence starts after it, and a figure
    wrapped before its unit (`1,190.14` / `万元`) stays one sentence."""
    from qa.answer.passages import split_sentences

    text = ("完成年初预算的95.26%。决算数小于预算数\n的主要原因：社工薪酬调整。\n“城乡社区支出（类）其他城乡社区公共设施支出（项）”"
            "615.12 万元。年初预算为 1,190.14\n万元，支出决算为 615.12 万元。")
    got = split_sentences(text)
    assert "决算数小于预算数的主要原因：社工薪酬调整。" in got
    assert any(s.startswith("“城乡社区支出（类）") for s in got)
    assert "年初预算为 1,190.14 万元，支出决算为 615.12 万元。" in got


def test_a_level_mark_inside_the_name_still_names_the_item():
    from qa.answer.reasons import _unmarked

    assert "其他人大事务支出" in _unmarked("9.人大事务（款）其他人大事务（项）支出580万元，与上年相比增加480万元。")


@pytest.fixture(scope="module")
def quoted_rate_index(index_of):
    body = (
        "1．住房保障（类）支出7344.46万元，主要用于提租补贴、住房公积金支出。与上年相比增加2627.95万元，增长55.72%。"
        "主要原因是调整了提租补贴、住房公积金标准。\n"
        "（三）住房保障支出（类）住房改革支出（款）住房公积金（项）支出1879.36万元，与上年相比增加481.1万元，增长34.41%。"
        "主要原因是调整了住房公积金标准增加的支出。\n")
    return index_of({"court.txt": tiny_report("江苏省", 2019, body)})


def test_a_rate_the_question_quotes_points_at_the_sentence_stating_it(quoted_rate_index):
    a = qa.ask("江苏省2019年住房保障支出增长55.72%的原因是什么？", settings=quoted_rate_index)
    assert a.found and "提租补贴、住房公积金标准" in a.text


def test_a_change_the_question_quotes_is_the_items_when_its_name_stands_just_before_it(change_apart_index):
    a = qa.ask("江苏省测试局2018年社会保障和就业支出为什么比上年减少710.87万元？", settings=change_apart_index)
    assert a.found and "710.87" in a.text and "1751.62" not in a.text


@pytest.fixture(scope="module")
def change_apart_index(index_of):
    body = (
        "（二）社会保障和就业支出（类）1．行政事业单位离退休（款）未归口管理的行政单位离退休（项）支出248.77万元，"
        "与上年相比减少1751.62万元，减少87.56%。主要原因是退休人员工资改由社保发放，经费支出相应减少。\n"
        "2．社会保障和就业（类）支出1289.52万元，主要用于离退休人员支出、缴纳在职人员基本养老保险和职业年金的支出。"
        "与上年相比减少710.87万元，减少35.54%。主要原因：一是退休人员工资改由社保发放，经费支出相应减少；"
        "二是在职人员缴纳基本养老保险和职业年金，增加了该项支出。\n"
        "3、一般公共服务支出（类）社会工作事务（款）其他社会工作事务支出（项）202.24万元。主要用于：新建部门开办费、"
        "基层政权和社区建设项目支出。\n")
    return index_of({"office.txt": tiny_report("江苏省", 2018, body)})


def test_the_reason_asked_with_a_figure_is_the_one_after_the_sentence_the_figure_was_read_from(change_apart_index):
    a = qa.ask("江苏省测试局2018年社保就业方面的支出怎么少了？少了多少？", settings=change_apart_index)
    assert a.found and "710.87" in a.text and "1751.62" not in a.text and "改由社保发放" in a.text


def test_a_purpose_asked_is_answered_with_the_sentence_saying_what_the_money_is_for(change_apart_index):
    a = qa.ask("江苏省测试局2018年其他社会工作事务支出主要用在哪些方面？", settings=change_apart_index)
    assert a.found and "新建部门开办费" in a.text


def test_a_reason_after_the_parts_of_the_change_it_explains_is_found(index_of):
    body = ("三、“三公”经费支出决算情况说明\n（一）“三公”经费财政拨款支出决算总体情况说明\n"
            "测试局2019年度“三公”经费财政拨款支出决算为0.16万元，完成预算0万元的0%。其中：因公出国（境）费支出决算为0万元。"
            "公务用车购置及运行费支出决算为0万元。公务用车购置支出为0万元。公务接待费支出决算为0.16万元。"
            "2019年度“三公”经费支出决算大于预算数的主要情况：因为我局为2019年新成立单位，"
            "成立时间晚于预算数制定时间，预算数为0。\n（二）具体情况\n3.公务接待费支出0.16万元，主要用于接待其他省市交通局参观。\n")
    settings = index_of({"new.txt": tiny_report("广东省佛山市", 2019, body)})
    a = qa.ask("佛山市测试局2019年三公经费决算为什么超过了预算？", settings=settings)
    assert a.found and "成立时间晚于预算数制定时间" in a.text


def test_reasons_counted_one_by_one_are_all_the_reason_and_stop_where_the_counting_ends(index_of):
    """主要原因：一是…；二是…。: the reason is every counted clause; the sentence after the last (增减相抵后…, or one
    it was kept with) is not."""
    body = ("（二）社会保障和就业支出1289.52万元，与上年相比减少710.87万元，减少35.54%。主要原因：一是退休人员"
            "工资改由社保发放，经费支出相应减少；二是在职人员缴纳职业年金，增加了该项支出。其中：财政拨款收入100万元。\n"
            "（三）住房保障支出3015.16万元，与上年相比增加1158.47万元。主要原因是住房公积金政策性调增。\n")
    settings = index_of({"counted.txt": tiny_report("江苏省", 2018, body, kind="预算")})
    a = qa.ask("江苏省测试局2018年社会保障和就业支出为什么减少？", settings=settings)
    assert a.found and "退休人员工资改由社保发放" in a.text and "在职人员缴纳职业年金" in a.text
    assert "财政拨款收入" not in a.text and "住房公积金" not in a.text
    assert a.text.count("一是") == 1  # (the sentence stating the change is said once)


def test_asked_why_a_figure_fell_a_sentence_saying_no_change_is_a_weaker_reason(index_of):
    """`主要是单位为完成特定工作任务而发生的支出` says what spending is, not why it fell: the sentence stating the fall
    and its reason answers."""
    body = ("（二）支出预算：2025年本单位支出预算68632.12万元。支出较去年减少1316.82万元，下降1.88%。主要是依政策压减"
            "项目经费等原因。\n（三）项目支出：2025年本单位项目支出预算40233.95万元，主要是单位为完成特定行政工作任务"
            "或事业发展目标而发生的支出。\n")
    settings = index_of({"fell.txt": tiny_report("湖南省长沙市", 2025, body, kind="预算")})
    a = qa.ask("长沙市测试局2025年支出预算为什么比上年减少？", settings=settings)
    assert a.found and "压减项目经费" in a.text and "特定行政工作任务" not in a.text


def test_the_words_a_reason_opens_with_name_no_item_of_the_question():
    from qa.answer.reasons import _topic_only
    from qa.search.query import Query

    topic = _topic_only(Query(text="收入预算比上年增加的主要原因是什么？", topic="收入预算比上年增加的主要原因")).topic
    assert "主要" not in topic and "收入预算" in topic


def test_words_that_stress_how_much_name_no_item_of_a_why_question():
    """减少这么多 / 那么多 only stress the change: none of it is left in the topic for sentences to match."""
    from qa.answer.reasons import _topic_only
    from qa.search.query import Query

    for asked in ("收支为什么减少这么多", "支出为什么增加那么多", "收入为什么下降很多"):
        topic = _topic_only(Query(text=asked, topic=asked)).topic
        assert topic.split() == ["收支" if asked.startswith("收支") else asked[:2]], topic


def test_an_answer_to_why_that_states_no_reason_is_no_answer():
    """为什么 answered by a figure or a table found near the words asked says nothing of why: refused. A purpose
    asked (用在哪些方面) may be answered by rows, which open with no reason word."""
    from qa.answer.reasons import states_no_reason
    from qa.models import Answer, Citation
    from qa.search.query import Query

    table = Answer(question="q", found=True, text="某厅2019年度部门预算：一般公共预算资金 小计 27,664.22",
                   citations=(Citation(source="s", quote="一般公共预算资金 小计 27,664.22"),))
    why = Query(text="某厅2019年预算为什么比2018年多了？", topic="预算", form="reason")
    assert states_no_reason(table, why)
    reason = Answer(question="q", found=True, text="某厅：支出增加，主要原因是人员增加。")
    assert not states_no_reason(reason, why)
    purpose = Query(text="某局2021年打击欺诈骗保的钱都花在哪些方面？", topic="打击欺诈骗保", form="reason")
    assert not states_no_reason(table, purpose)


def test_a_short_sentence_before_a_numbered_item_ends_the_item_before_it():
    """`…二是进一步提升征缴的质量。` then `3.特殊人群…`: the short sentence ends item 2, and item 3 opens a sentence
    of its own, so a reason window stops there (the next item's 原因 is not item 2's)."""
    from qa.answer.passages import split_sentences

    text = ("2.征缴工作经费项目绩效自评综述：项目全年预算数为 200 万元，完成预算 18.5%。主要产出：一是经费及时到位。"
            "二是进一步提升征缴的质量。\n3.特殊人群医疗保障经费项目绩效自评综述：项目全年预算数 400 万元，完成预算 94.2%。\n"
            "发现的问题及原因：该项目不可预见性大。")
    got = split_sentences(text)
    assert any(s.startswith("3.特殊人群") for s in got)
    assert any(s.endswith("二是进一步提升征缴的质量。") for s in got)
    # (a short heading before the sentence stating its figures still goes with it)
    assert "5.卫生健康支出（类）城乡医疗救助（项）。支出100万元。" in split_sentences(
        "合计50万元。\n5.卫生健康支出（类）城乡医疗救助（项）。\n支出100万元。")
    # (a clause opening a list, 包括：, stays with the numbered names it opens)
    listed = split_sentences("由本级和 2 个下属单位组成。\n二级预算单位包括：\n1.测试局（本级）\n2.测试中心\n3.信息中心")
    assert any("包括：1.测试局（本级）2.测试中心3.信息中心" in x for x in listed)


@pytest.fixture(scope="module")
def evaluation_index(index_of):
    body = (
        "2.征缴工作经费项目绩效自评综述：项目全年预算数为200万元，执行数为36.9万元，完成预算18.5%。"
        "主要产出和效益：一是经费及时到位。二是进一步提升征缴的质量。\n"
        "3.特殊人群医疗保障经费项目绩效自评综述：项目全年预算数400万元，执行数为376.91万元，完成预算94.2%。\n"
        "发现的问题及原因：该项目不可预见性大，经费未全部支出。\n"
        "第六部分 附件\n2023年度征缴工作经费项目\n绩效评价自评表\n项目名称 征缴工作经费主管部门 测试局 预算数 200 执行数 36.9\n"
        "偏差大或目标未完成原因分析该项目立项在医保局，征缴经费由各部门按参保人数统一进行分配。\n"
        "改进措施及结果应用方案认真做好预算的编制。\n"
        "2023年度宣传经费项目\n绩效评价自评表\n项目名称 宣传经费主管部门 测试局 预算数 50 执行数 20\n"
        "偏差大或目标未完成原因分析2023年无偏差大或目标未完成情况。\n")
    return index_of({"eval.txt": tiny_report("武汉市黄陂区", 2023, body)})


def test_why_a_project_fell_short_is_read_from_its_self_evaluation_table(evaluation_index):
    """The narrative beside 完成预算18.5% gives no reason (the next project's 原因 is not this one's); the project's
    绩效自评表 does, in its cell 偏差大或目标未完成原因分析 (questions.json evaluation_reason_cells)."""
    a = qa.ask("黄陂区测试局2023年征缴工作经费为什么执行率才18.5%？", settings=evaluation_index)
    assert a.found and "统一进行分配" in a.text and "不可预见性大" not in a.text
    assert "统一进行分配" in a.citations[0].quote
    # a cell saying nothing fell short is no reason; another project's cell is not this one's
    b = qa.ask("黄陂区测试局2023年宣传经费为什么只执行了40%？", settings=evaluation_index)
    assert "统一进行分配" not in b.text and "无偏差" not in b.text

