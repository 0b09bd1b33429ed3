"""Answers that state what was asked: a count beside an amount from the cited sentence, a subject by its longer
name, a share within a named table, rows by the rate of their fall, a share asked 占…多少, a change against the
basis asked; and no score answered with a count, no change with a figure measured against nothing."""
from __future__ import annotations

from dataclasses import replace

import pytest

import qa
from qa.eval.scoring import stated_figures

from .conftest import tiny_report


def one_report(index_of, body: str):
    """An index of one small report of 江岸区, 2023, whose body is `body`."""
    return index_of({"east.txt": tiny_report("武汉市江岸区", 2023, body)})


def refused(settings, questions, *unsaid: str) -> None:
    """Each question is refused, and its answer states none of `unsaid`."""
    for asked in questions:
        a = qa.ask(asked, settings=settings)
        assert not a.found and not any(x in a.text for x in unsaid), a.text


def values(text: str) -> set[float]:
    return {float(f.value) for f in stated_figures(text)}


@pytest.fixture(scope="module")
def goals_index(index_of):
    return one_report(index_of, (
        "四、绩效目标设置情况\n"
        "2023年度，本部门编报绩效目标的项目共25个，涉及项目预算资金11381.60万元。\n"
        "五、其他说明\n"
        "2023年度机关运行经费支出7.78万元，比上年增加0.5万元。\n"))


def test_a_count_and_an_amount_asked_together_are_both_stated(goals_index):
    a = qa.ask("江岸区2023年编报绩效目标 项目数 涉及金额", settings=goals_index)
    assert a.found and {25, 11381.6} <= values(a.text)
    assert any("11381.60" in c.quote for c in a.citations)


@pytest.fixture(scope="module")
def budget_index(index_of):
    return one_report(index_of, (
        "一、收支预算总体情况说明\n"
        "2023年度收入、支出预算总计131,349.6万元，与上年相比收、支预算总计各增加49,528.01万元，增长60.53%。\n"
        "（二）支出预算总计131,349.6万元。\n"
        "四、绩效目标设置情况\n"
        "2023年度，本部门项目均实行绩效目标管理，共计7个。\n"))


def test_a_longer_name_of_a_subject_in_the_lexicon_finds_it(budget_index):
    a = qa.ask("江岸区2023年收支预算总计比上年增长了多少？", settings=budget_index)
    assert a.found and {49528.01, 60.53} <= values(a.text)


def test_a_score_is_not_answered_with_a_count(budget_index):
    a = qa.ask("江岸区2023年各项目绩效自评得分是多少？", settings=budget_index)
    assert not a.found and not stated_figures(a.text.replace("2023", ""))


@pytest.fixture(scope="module")
def project_table_index(index_of):
    return one_report(index_of, (
        "表10 2023年项目支出预算表\n单位：万元\n项目名称 合计 一般公共预算财政拨款 国有资本经营预算财政拨款\n"
        "合计 4651.90 4368.60 283.30\n移交安置 1010.47 1010.47\n军休服务管理 2596.40 2343.10 253.30\n"
        "综合业务管理 1045.03 1015.03 30.00\n"
        "表2 2023年收入预算总表\n单位：万元\n项目 本年收入\n一般公共预算 5973.01\n其他收入 283.30\n本年收入合计 6256.31\n"))


def test_a_share_within_a_table_the_question_names_is_read_in_that_table(project_table_index):
    a = qa.ask("江岸区2023年项目支出中一般公共预算资金占比多少？", settings=project_table_index)
    assert a.found and 93.91 in values(a.text)
    (share,) = [f for f in a.figures if f.formula]
    assert "4368.6" in share.formula and "4651.9" in share.formula


@pytest.fixture(scope="module")
def falls_index(index_of):
    return one_report(index_of, (
        "五、一般公共预算支出情况\n"
        "1.普通教育（款）学前教育（项）支出150万元，与上年相比减少638.67万元，减少80.98%。\n"
        "2.普通教育（款）小学教育（项）支出100万元，与上年相比减少50万元，减少33.33%。\n"
        "3.普通教育（款）其他普通教育支出（项）支出0万元，与上年相比减少1,591万元，减少100%。\n"
        "4.特殊教育（款）特殊学校教育（项）支出500万元，与上年相比增加150万元，增长42.86%。\n"))


def test_rows_whose_fall_passes_a_rate_are_counted_with_rows_the_tables_leave_out(falls_index):
    # a rate threshold beside a change word is of the change, not the 执行率; 其他普通教育支出（项）, at 0 this year, is a row
    a = qa.ask("江岸区2023年一般公共预算支出中，与上年相比降幅超过50%的项级科目有几个？", settings=falls_index)
    assert a.found and "共 2 个" in a.text and "学前教育" in a.text and "其他普通教育支出" in a.text
    assert "小学教育" not in a.text and "特殊学校教育" not in a.text


@pytest.fixture(scope="module")
def long_total_index(index_of):
    return one_report(index_of, (
        "二、一般公共预算支出情况\n2023年本部门当年一般公共预算支出25859.6万元，较上年增加1000万元。\n"
        "三、重点项目\n文化产业发展专项支出20000万元，主要用于扶持文化产业发展。\n"))


def test_a_share_asked_as_zhan_total_duoshao_is_computed_over_a_long_total_name(long_total_index):
    # 占…多少 asks a share, however many words the total takes (当年一般公共预算支出: ten characters)
    a = qa.ask("江岸区2023年文化产业发展专项支出占当年一般公共预算支出多少？", settings=long_total_index)
    assert a.found and 77.34 in values(a.text)


@pytest.fixture(scope="module")
def basis_index(index_of):
    return one_report(index_of, (
        "三、“三公”经费支出决算情况说明\n2024年度“三公”经费支出决算46.21万元，年初预算76.43万元。\n"
        "四、机关运行经费\n2024年度机关运行经费支出120万元，比上年增加10万元，增长9.09%。\n"
        "五、绩效指标\n每下降百分之5%扣1分。\n"))


def test_a_change_against_the_budget_is_computed_when_the_question_names_that_basis(basis_index):
    a = qa.ask("江岸区2023年三公经费决算比年初预算节约了多少", settings=basis_index)
    (diff,) = [f for f in a.figures if f.formula]
    assert a.found and diff.value == pytest.approx(-30.22) and "46.21" in diff.formula and "76.43" in diff.formula


def test_a_change_is_never_answered_with_a_figure_measured_against_nothing(basis_index):
    # 每下降百分之5% is a scoring rule, no change of 三公经费: no answer rather than that figure
    a = qa.ask("江岸区2023年三公经费比上年增长了多少个百分点？", settings=basis_index)
    assert not a.found
    b = qa.ask("江岸区2023年机关运行经费比上年增长了多少个百分点？", settings=basis_index)
    assert b.found and 9.09 in values(b.text)


def test_a_computed_change_names_the_item_it_is_of(basis_index):
    a = qa.ask("江岸区2023年三公经费决算比年初预算节约了多少", settings=basis_index)
    assert "三公经费增减额" in a.text


def test_a_part_asked_after_its_whole_is_read_in_the_wholes_context(index_of):
    """`政府采购一共花了多少，其中买服务花了多少`: the second question is 政府采购中买服务 (the first one's item without
    its asking words), whose figure is the 服务 one of the sentence listing the parts."""
    settings = one_report(index_of, (
        "2023年度本部门政府采购支出总额251.25万元，其中：货物采购金额4.79万元、工程采购金额0万元、服务采购金额246.47万元。\n"
        "2023年度一般公共服务支出2106.66万元。\n"))
    a = qa.ask("江岸区2023年政府采购一共花了多少，其中买服务花了多少？", settings=settings)
    assert a.found and {251.25, 246.47} <= values(a.text) and 2106.66 not in values(a.text)


def test_the_first_questions_item_loses_its_asking_words_but_not_the_name_of_its_money():
    from qa.answer.later_parts import without_trailing_filler

    assert without_trailing_filler("政府采购一共花") == "政府采购"
    assert without_trailing_filler("城乡居民医保待遇支出") == "城乡居民医保待遇支出"


def test_an_amount_asked_of_several_years_states_each_years_amount_without_its_rate(index_of):
    """`提租补贴的增减额是多少`, no year, three years held: each year's 增减额, labelled — not its 增减率 beside
    it, which buried the answer in figures (asked for the rate, each year's rate)."""
    reports = {f"y{y}.txt": tiny_report("武汉市江岸区", y, f"提租补贴{1000 + y}.00万元，比上年增加{y - 2000}.50万元，增长{y - 2010}.10%。\n")
               for y in (2017, 2018, 2019)}
    settings = index_of(reports)
    a = qa.ask("江岸区测试局提租补贴的增减额是多少", settings=settings)
    assert a.found and {17.5, 18.5, 19.5} <= values(a.text) and not {7.1, 8.1, 9.1} & values(a.text)
    a = qa.ask("江岸区测试局提租补贴增长了百分之几", settings=settings)
    assert a.found and {7.1, 8.1, 9.1} <= values(a.text)


def test_a_change_asked_of_two_departments_of_one_year_is_each_ones_own(index_of):
    """`医保局2023年收入合计的增减率`, two 医保局 held for 2023: each report's printed change, not a change between
    the two departments; asked `差多少`, their difference."""
    settings = index_of({
        "a.txt": tiny_report("武汉市江岸区", 2023, "收入合计1228.72万元，比上年增加114.69万元，增长10.3%。\n").replace("测试局", "医疗保障局"),
        "b.txt": tiny_report("武汉市青山区", 2023, "收入合计8726.43万元，比上年增加2229.88万元，增长34.3%。\n").replace("测试局", "医疗保障局")})
    a = qa.ask("医保局2023年收入合计的增减率是多少", settings=settings)
    assert a.found and {10.3, 34.3} <= values(a.text) and 7497.71 not in values(a.text)
    a = qa.ask("江岸区医保局和青山区医保局2023年收入合计差多少", settings=settings)
    assert a.found and 7497.71 in values(a.text)


def test_a_count_is_shown_with_the_amount_its_clause_says_it_involves():
    from qa.answer.later_parts import with_count_companions
    from qa.models import Answer, Citation, Figure

    said = "本单位共35个项目纳入绩效目标管理，涉及财政性资金合计128,818.12万元，占财政性资金总额的比例为100%。"
    a = Answer(question="q", found=True, text="测试局2026年度单位预算：纳入绩效目标管理的项目：35个。",
               figures=(Figure(35.0, "个", "纳入绩效目标管理的项目"),), citations=(Citation("r.pdf", said, 3),))
    got = with_count_companions(a)
    assert [f.value for f in got.figures] == [35.0, 128818.12] and "涉及财政性资金：128818.12万元" in got.text
    # an amount stated with no companion word is another figure of the sentence, not the count's
    plain = Answer(question="q", found=True, text="测试局：项目：35个。", figures=(Figure(35.0, "个", "项目"),),
                   citations=(Citation("r.pdf", "共35个项目，其中基本支出128.12万元。", 3),))
    assert with_count_companions(plain) is plain


def test_a_count_is_shown_with_the_count_of_the_same_thing_in_another_unit_beside_it():
    from qa.answer.later_parts import with_count_companions
    from qa.models import Answer, Citation, Figure

    said = "发生国内接待1 次，接待人数共13 人，主要包括接待其他省市交通局参观所产生的费用"
    a = Answer(question="q", found=True, text="测试局：接待人数：13人。", figures=(Figure(13.0, "人", "接待人数"),),
               citations=(Citation("r.pdf", said, 3),))
    got = with_count_companions(a)
    assert [f.value for f in got.figures] == [13.0, 1.0] and "发生国内接待：1次" in got.text
    apart = Answer(question="q", found=True, text="测试局：接待人数：13人。", figures=(Figure(13.0, "人", "接待人数"),),
                   citations=(Citation("r.pdf", "培训3期；接待人数共13 人。", 3),))
    assert with_count_companions(apart) is apart  # (another clause's count is another thing)



def test_a_count_beside_the_one_answered_is_found_in_a_pdfs_sentence_and_in_a_unit_it_opens():
    """`接待了多少批、多少人`: after 10批次 (a PDF's sentence: its facts carry a page, no lines), the people are the
    152人次 of the same sentence (人次 opens with the 人 asked)."""
    from qa.answer.later_parts import count_beside
    from qa.models import Answer, Citation, Fact, Figure

    quote = "2024年度，本局使用一般公共预算财政拨款支出的公务接待10批次、152人次，全部为国内公务接待。"
    facts = [Fact("d", "公务接待", "批次", 10.0, "批次", quote, None, None, 25),
             Fact("d", "公务接待", "人次", 152.0, "人次", quote, None, None, 25),
             Fact("d", "因公出国（境）", "人次", 1.0, "人次", "全年因公出国（境）累计1人次；", None, None, 25)]

    class Index:
        documents_by_id = {"d": {"doc_id": "d", "source": "d.pdf", "title": "测试局2024年度部门决算"}}

    counted = Answer(question="接待了多少批", found=True, text="测试局：公务接待：10批次。",
                     figures=(Figure(10.0, "批次", "公务接待批次"),),
                     citations=(Citation(source="d.pdf", quote=quote, page=25),))
    got = count_beside("多少人？", counted, facts, Index(), "公务接待")
    assert got is not None and got.figures[0].value == 152.0
    # (the citation quoting the sentence with the heading its line follows: the same sentence)
    headed = replace(counted, citations=(Citation(source="d.pdf", quote="3.公务接待情况" + quote, page=25),))
    got = count_beside("多少人？", headed, facts, Index(), "公务接待")
    assert got is not None and got.figures[0].value == 152.0


def test_a_head_count_of_staff_is_not_answered_with_a_count_of_others(index_of):
    """编制多少人 / 在职实有人数 ask the department's own staff: a count of people received (接待人数) or covered
    (保障人数) answers neither, and the question is refused. A count the report states of its staff answers."""
    body = ("三、公务接待费支出决算0.16万元，发生国内接待1次，接待人数13人。\n"
            "四、离休军转干医疗保险保障人数4200人，全部按时发放。\n")
    refused(one_report(index_of, body), ("江岸区测试局2023年核定编制有多少人？", "江岸区测试局2023年在职实有人数是多少？"),
            "13", "4200")
    cars = one_report(index_of, body + "五、年末共有车辆15辆，其中离退休干部用车2辆。\n")
    a = qa.ask("江岸区测试局2023年离退休干部用车有几辆？", settings=cars)  # (cars counted, no head count)
    assert a.found and "2辆" in a.text
    # (退休人员 of other bodies are no 离退休 of the department: a score of that count answers)
    retired = one_report(index_of, body + "五、帮扶破产困难企业退休人员人数指标得分8分。\n")
    a = qa.ask("江岸区测试局2023年帮扶破产困难企业退休人员人数得分是多少？", settings=retired)
    assert a.found and "8分" in a.text, a.text
    staff = one_report(index_of, body + "五、本部门编制人数62人，实有在职人员58人。\n")
    a = qa.ask("江岸区测试局2023年核定编制有多少人？", settings=staff)
    assert a.found and "62" in a.text


def test_the_staff_in_post_are_not_answered_with_the_posts_set(index_of):
    """在编在职多少人 asks the staff in post: 编制338名 is the posts set, another head count; and a question asking
    heads only is not answered by the money beside another count (公务接待费0.16万元 beside 接待人数13人)."""
    body = ("一、本部门编制338名，其中行政编制200名。\n"
            "二、公务接待费支出决算0.16万元，发生国内接待1次，接待人数13人。\n")
    settings = one_report(index_of, body)
    refused(settings, ("江岸区测试局2023年实际在编在职的有多少人？", "江岸区测试局2023年在职多少人？"), "338", "13")
    a = qa.ask("江岸区测试局2023年编制多少人、在职多少人？", settings=settings)  # (the posts set, stated)
    assert a.found and "338" in a.text and "13人" not in a.text


def test_the_staff_in_post_and_the_posts_set_are_two_counts(index_of):
    """实有多少人 asks the staff in post, 编制多少人 the posts set: one sentence stating both answers each with its
    own figure (terms.json: 实有人员 and 人员编制 are two items; 实有 keeps its 有 from 有多少)."""
    settings = one_report(index_of, "四、部门人员情况说明\n截止2022年底，本部门人员编制105人；实有人员97人。\n")
    a = qa.ask("江岸区测试局2023年截至2022年底实有多少人？", settings=settings)
    assert a.found and "97" in a.text and "105" not in a.text, a.text
    a = qa.ask("江岸区测试局2023年编制多少人？", settings=settings)
    assert a.found and "105" in a.text and "97" not in a.text, a.text


def test_a_target_does_not_answer_what_was_done(index_of):
    """实际救助了多少人次 asks what was done: a 绩效目标 (医疗救助人员≥3000人次) is what was planned, and the
    question is refused; asked as a target, it answers."""
    body = ("四、绩效目标\n项目年度绩效指标 一级指标 二级指标 指标名称 指标值 产出指标 数量指标 医疗救助人员≥3000人次\n")
    settings = one_report(index_of, body)
    a = qa.ask("江岸区测试局2023年实际救助了多少人次？", settings=settings)
    assert not a.found and "目标" in a.text, a.text
    a = qa.ask("江岸区测试局2023年医疗救助人员指标值是多少人次？", settings=settings)
    assert a.found and "3000" in a.text, a.text


def test_a_kind_the_answer_text_states_is_not_added_again_from_its_citations():
    """哪几项…不到60%，一共几项: the rows listed with their rates state the rate kind, though only their count is a
    figure — no rate read out of a cited sentence is added after them."""
    from qa.answer.completion import with_every_kind
    from qa.models import Answer, Citation, Figure
    from qa.search.query import parse_question

    query = parse_question("测试街道哪几项支出完成年初预算不到60%，一共几项")
    cited = (Citation(source="r.pdf", quote="统计信息事务完成年初预算的25.83%。", page=3),)
    listed = Answer("q", True, "执行率 < 60%的科目共 2 个：统计信息事务 25.83%、科普活动 55.7%。",
                    (Figure(2.0, "个", "科目个数"),), cited)
    assert with_every_kind(listed, query) == listed
    bare = replace(listed, text="科目共 2 个：统计信息事务、科普活动。")  # (no rate stated: read from the citation)
    assert "25.83" in with_every_kind(bare, query).text
