"""qa.search.scope: which held reports a question names, on made-up report sets."""
from __future__ import annotations

import pytest

from qa.ingest.identity import identify
from qa.search.scope import HeldReport, find_kinds, find_scope
from qa.search.years import asks_last_year, find_years, with_full_years


def held(doc_id: str, department: str, year: int, kind: str = "决算") -> HeldReport:
    """A held report, identified from a made-up cover."""
    return HeldReport.of(doc_id, identify([f"{department}\n{year}年度部门{kind}\n目 录\n"], f"{doc_id}.pdf"))


PUTUO = [
    held("fin24", "上海市普陀区财政局", 2024),
    held("fin25", "上海市普陀区财政局", 2025, "预算"),
    held("civ24", "上海市普陀区民政局", 2024),
    held("shq25", "上海市普陀区人民政府石泉路街道办事处", 2025),
]
WUHAN = [held("qs23", "武汉市青山区医疗保障局", 2023), held("hp24", "武汉市黄陂区医疗保障局", 2024)]
CHANGSHA = [held("cs25", "长沙市公安局", 2025, "预算")]
ZHOUSHAN = [held("zs24", "舟山市普陀区财政局", 2024)]


def test_department_short_form_selects_its_report():
    s = find_scope("长沙公安局的基本支出", CHANGSHA + PUTUO)
    assert s.doc_ids == ("cs25",) and s.message is None


def test_a_bureaus_field_ending_its_short_form_names_it_where_the_fields_word_ends():
    # 长沙|公安|项目|支出: the short form ends with its word and names the department (no 公安 left in the item)
    s = find_scope("长沙公安项目支出里，一般行政管理事务占了多大比重？", CHANGSHA + PUTUO)
    assert s.doc_ids == ("cs25",) and [d.value for d in s.departments] == ["长沙市公安局"]
    assert "公安" not in s.rest
    # 普陀区|财政拨款: the field runs into a longer word, and 普陀区财政 names no bureau
    assert not find_scope("普陀区财政拨款收入多少", PUTUO).departments


def test_departments_named_again_in_a_comparison_keep_the_years_said_with_their_first_names():
    held_ = CHANGSHA + [held("bj26", "北京市审计局", 2026, "预算"), held("bj25", "北京市审计局", 2025, "预算")]
    s = find_scope("长沙市公安局2025年与北京市审计局2026年的三公经费各是多少？长沙公安比北京审计局多多少？", held_)
    assert s.each_own and set(s.doc_ids) == {"cs25", "bj26"}


@pytest.mark.parametrize("question", ["对比普陀区财政局2025年预算和2024年决算，行政运行一项多了多少？",
                                      "普陀区财政局2025年的预算，比2024年实际决算支出多了多少？"])
def test_a_years_budget_set_against_another_years_final_account_reads_both_reports(question):
    held_ = PUTUO + [held("fin24b", "上海市普陀区财政局", 2024, "预算"), held("fin25f", "上海市普陀区财政局", 2025)]
    s = find_scope(question, held_)
    assert s.each_own and set(s.doc_ids) == {"fin25", "fin24"}
    # one kind said of both years: each year's report of that kind
    assert set(find_scope("普陀区财政局2025年和2024年部门预算的行政运行各多少", held_).doc_ids) == {"fin25", "fin24b"}


def test_department_named_alone_is_enough_when_unique():
    assert find_scope("民政局2024年支出合计", PUTUO + WUHAN).doc_ids == ("civ24",)


def test_region_with_several_departments_returns_all_of_them():
    s = find_scope("普陀区2024年的三公经费", PUTUO + WUHAN)
    assert set(s.doc_ids) == {"fin24", "civ24"}


def test_same_department_over_years_is_ranked_newest_first():
    assert find_scope("普陀区财政局的收入", PUTUO).doc_ids == ("fin25", "fin24")


def test_year_picks_one_of_a_departments_reports():
    assert find_scope("普陀区财政局2024年收入", PUTUO).doc_ids == ("fin24",)


def test_year_not_held_says_which_years_are():
    s = find_scope("长沙市公安局2019年预算", CHANGSHA)
    assert s.doc_ids == () and s.message == "索引中没有长沙市公安局2019年的报告（已有：2025年）。"


def test_a_change_from_a_year_later_than_every_report_held_is_not_answered_from_the_earlier_one():
    """`2026年…比2025年增长了多少`, 2025 held alone: no report states a year after its own; an earlier year named
    beside a held one (比2024年) is still the held report's to answer."""
    s = find_scope("长沙市公安局2026年公务接待费比2025年增长了多少", CHANGSHA)
    assert s.doc_ids == () and s.message == "索引中没有长沙市公安局2026年的报告（已有：2025年）。"
    assert find_scope("长沙市公安局2025年公务接待费比2024年增长了多少", CHANGSHA).doc_ids == ("cs25",)
    assert find_scope("普陀区财政局2025年收入比2024年多多少", PUTUO).doc_ids == ("fin25", "fin24")


def test_a_district_not_held_of_a_city_held_for_others_selects_nothing():
    """`武汉市武昌区医保局`: 武汉市 is held (青山区, 黄陂区) but not 武昌区; no other district's report answers."""
    for asked in ("武汉市武昌区医疗保障局2023年城乡医疗救助", "武汉武昌区医保局2023年城乡医疗救助"):
        s = find_scope(asked, WUHAN)
        assert s.doc_ids == () and "武昌区" in s.message and "武汉市青山区" in s.message
    assert find_scope("武汉市青山区医疗保障局2023年城乡医疗救助", WUHAN).doc_ids == ("qs23",)


def test_a_stock_at_a_years_end_is_stated_by_the_next_years_budget_as_its_own():
    s = find_scope("长沙市公安局截至2024年底有多少辆车", CHANGSHA)
    assert s.doc_ids == ("cs25",) and not s.previous_year and s.message is None
    s = find_scope("长沙市公安局2024年公务接待费", CHANGSHA)  # a flow of that year: the next report's 上年 figure
    assert s.doc_ids == ("cs25",) and s.previous_year


def test_last_year_named_relative_to_the_report_is_its_上年_or_that_years_own_report():
    s = find_scope("长沙公安局去年的公务接待费是多少", CHANGSHA)
    assert s.doc_ids == ("cs25",) and s.previous_year and "2024年" in s.message
    assert find_scope("普陀区财政局去年的收入", PUTUO).doc_ids == ("fin24",)  # 2025's year before is held
    # the base of a comparison (比去年, 与上年相比) is no year asked
    s = find_scope("长沙公安局公务接待费比去年少了多少", CHANGSHA)
    assert s.doc_ids == ("cs25",) and not s.previous_year
    assert not find_scope("长沙公安局公务接待费与上年相比", CHANGSHA).previous_year
    assert not find_scope("长沙公安局上年结转资金是多少", CHANGSHA).previous_year  # (上年结转: an item's name)


def test_a_year_named_as_the_base_of_a_change_is_no_year_asked():
    """`为啥比2024年少了`: the next year's report states that change and its reason as its own."""
    for q in ("长沙公安局机关运行经费为啥比2024年少了", "长沙公安局机关运行经费较2024年减少多少"):
        s = find_scope(q, CHANGSHA)
        assert s.doc_ids == ("cs25",) and not s.previous_year and s.message is None


def test_a_year_named_only_in_a_bracketed_aside_is_not_asked():
    years, spans = find_years("北京审计局2025年的三公经费是多少？（根据2026年预算说明倒推）")
    assert years == {2025} and len(spans) == 2
    assert find_years("（2026年）三公经费")[0] == {2026}  # the only year named is asked


@pytest.mark.parametrize("question, years", [
    # a year named only in a clause that states something is no year asked when the asking clause names its own
    ("省法院2018年单位预留机动经费暴涨了1681.14%，2017年这笔钱原本有多少？", {2017}),
    ("2019年培训费预算1597.25万元，2018年是多少？", {2018}),
    # a change between the years, a base said with 按, a range or a method said on purpose: every year named
    ("2023年城乡医疗救助执行率，与2022年比提高了多少？", {2022, 2023}),
    ("2019年人大事务款下，和2018年比下降的项级科目有几个？", {2018, 2019}),  # (和…比: the base compared with)
    ("2021年预算较2020年增加206.32万元，按2020年预算数精确计算增幅是多少？", {2020, 2021}),
    ("省法院2017到2019年提租补贴三年一共安排了多少？", {2017, 2018, 2019}),
    ("根据2018年预算说明推算，江苏省委办公厅2017年社会保障和就业支出预算是多少？", {2017, 2018}),
    ("2019年的培训费是多少？2018年是多少？", {2018, 2019}),
])
def test_the_years_a_question_asks(question, years):
    assert find_years(question)[0] == years


@pytest.mark.parametrize("question, written", [
    ("普陀区财政局25年财政拨款预算比24年预算增长了百分之几？", "普陀区财政局2025年财政拨款预算比2024年预算增长了百分之几？"),
    ("省法院17到19年出国经费", "省法院2017到2019年出国经费"),
    ("截至24年底有几辆车", "截至2024年底有几辆车"),
    ("25年度预算", "2025年度预算"),
    # (a span of time is no year: 连续12年, 近15年来; a full year stays as it is)
    ("连续12年、近15年来", "连续12年、近15年来"),
    ("2023年城乡医疗救助", "2023年城乡医疗救助"),
])
def test_two_digit_years_are_written_in_full_as_find_years_reads_them(question, written):
    assert with_full_years(question) == written
    assert find_years(written)[0] == find_years(question)[0]


def test_kind_not_held_says_which_kinds_are():
    s = find_scope("长沙市公安局2025年决算报告", CHANGSHA)
    assert s.doc_ids == () and "预算报告" in s.message


def test_a_budget_asked_of_a_year_held_only_as_a_final_account_is_read_from_it():
    """A final account prints its year's budget (年初预算数): `2024年预算中…` answers from it, said so; asked
    for a final account where only the budget is held, nothing (the budget holds no actual spending)."""
    reports = [held("xf24", "国家信访局", 2024, "决算")]
    s = find_scope("国家信访局2024年预算中三公经费是多少", reports)
    assert s.doc_ids == ("xf24",) and "决算报告所列的预算数" in s.message and s.kinds == ()
    s = find_scope("长沙市公安局2025年决算报告", CHANGSHA)
    assert s.doc_ids == ()


def test_two_regions_with_a_same_named_district_are_both_returned_and_flagged():
    s = find_scope("普陀区财政局2024年收入", PUTUO + ZHOUSHAN)
    assert set(s.doc_ids) == {"fin24", "zs24"} and "2个地区" in s.message


def test_province_or_city_short_form_settles_a_shared_district_name():
    assert find_scope("上海普陀财政局2024年收入", PUTUO + ZHOUSHAN).doc_ids == ("fin24",)
    assert find_scope("舟山市普陀区2024年", PUTUO + ZHOUSHAN).doc_ids == ("zs24",)


def test_short_district_form_is_a_region():
    s = find_scope("普陀2024年收入", PUTUO + WUHAN)
    assert set(s.doc_ids) == {"fin24", "civ24"} and [x.text for x in s.regions] == ["普陀"]


def test_ancestor_region_selects_every_report_below_it():
    assert set(find_scope("武汉市的医保局", PUTUO + WUHAN).doc_ids) == {"qs23", "hp24"}


def test_place_not_held_matches_nothing_and_says_what_is_held():
    s = find_scope("南昌市东湖区医保局2023年支出", PUTUO + WUHAN)
    assert s.doc_ids == () and [u.text for u in s.unknown] == ["南昌市", "东湖区"]
    assert "已索引地区" in s.message and "武汉市青山区" in s.message


def test_a_place_typed_as_the_homophone_of_a_held_one_is_read_as_it_and_said_so():
    """桐城 (安徽) is not held and reads tóngchéng like the held 通城县 (湖北): a pinyin input method's slip, answered
    for 通城县 with a note. A place with no held homophone, or named with another level word (桐城市), is still refused."""
    tongcheng = [held("tc23", "通城县医疗保障局", 2023)]
    s = find_scope("桐城医保局2023年公务接待费多少钱", tongcheng + WUHAN)
    assert s.doc_ids == ("tc23",) and "桐城" in s.message and "通城县" in s.message
    assert find_scope("桐城县医保局2023年支出", tongcheng).doc_ids == ("tc23",)
    assert find_scope("桐城市医保局2023年支出", tongcheng).doc_ids == ()  # a city named by its level: another place
    assert find_scope("南昌医保局2023年支出", tongcheng + WUHAN).doc_ids == ()


def test_short_place_before_a_department_word_is_refused():
    s = find_scope("长沙财政局2024年收入", PUTUO)
    assert s.doc_ids == () and [u.text for u in s.unknown] == ["长沙"]


def test_level_short_form_does_not_match_inside_another_place():
    s = find_scope("东湖区医保局", WUHAN)
    assert s.doc_ids == () and "东湖区" in [u.text for u in s.unknown]


def test_a_body_named_for_its_office_finds_the_office_and_not_another_province():
    held_ = [held("npc", "江苏省人大常委会办公厅", 2019, "预算"), held("court", "江苏省高级人民法院", 2019, "预算")]
    assert find_scope("江苏省人大2019年预算总额", held_).doc_ids == ("npc",)
    assert find_scope("省人大2019年预算总额", held_).doc_ids == ("npc",)
    assert find_scope("湖北省人大2019年预算总额", held_).doc_ids == ()


def test_short_forms_added_to_the_lexicon_find_reports_indexed_before():
    from dataclasses import replace
    from qa.ingest.identity import with_current_short_forms
    old = replace(held("npc", "江苏省人大常委会办公厅", 2019, "预算"), department_aliases=("省人大办",))
    assert "江苏省人大" in with_current_short_forms(old).department_aliases
    assert "省人大办" in with_current_short_forms(old).department_aliases


def test_year_and_word_invent_no_place():
    s = find_scope("2023年市场监管支出是多少", WUHAN)
    assert s.unknown == () and s.regions == () and s.doc_ids == ("qs23",)


def test_department_kind_not_held_selects_nothing():
    s = find_scope("普陀区公安局2024年支出", PUTUO)
    assert s.doc_ids == () and "公安局" in s.message and "上海市普陀区财政局" in s.message


def test_department_kind_not_held_anywhere_selects_nothing():
    s = find_scope("审计局2024年支出", PUTUO)
    assert s.doc_ids == () and s.message.startswith("索引中没有审计局")


def test_street_short_form_selects_the_street_office():
    assert find_scope("石泉路街道2025年决算", PUTUO).doc_ids == ("shq25",)


def test_central_department_is_found_without_a_region():
    petition = held("xf24", "国家信访局", 2024)
    assert find_scope("国家信访局2024年决算", PUTUO + [petition]).doc_ids == ("xf24",)


def test_no_scope_words_keeps_every_report():
    s = find_scope("三公经费是多少", PUTUO)
    assert set(s.doc_ids) == {r.doc_id for r in PUTUO} and not s.named


def test_rest_is_the_question_without_recognised_spans():
    assert find_scope("普陀区财政局2024年决算中的三公经费", PUTUO).rest == "中的三公经费"


@pytest.mark.parametrize("question", ["普陀区2024年部门决算中，财政局的三公经费", "普陀区财政局（本级）2024年的三公经费"])
def test_a_context_word_or_a_level_aside_after_the_report_named_is_no_word_of_the_item(question):
    assert find_scope(question, PUTUO).rest.lstrip("，, 的") == "三公经费"


# --------------------------------------------------------------------------------------------
# years and kinds


def test_years_with_and_without_du():
    assert find_years("2023年度和2024年")[0] == {2023, 2024}


def test_year_range_gives_every_year():
    assert find_years("2017-2019年预算")[0] == {2017, 2018, 2019}


def test_two_digit_year_before_budget_word():
    assert find_years("25年预算")[0] == {2025}
    assert find_years("近10年来")[0] == set()


@pytest.mark.parametrize("question, years", [
    ("信访局24年三公经费预算执行了百分之几", {2024}),  # a two-digit year said alone
    ("24年底有几辆车", {2024}),
    ("连续12年获评先进", set()),  # spans of time, not years
    ("近15年来增长多少", set()),
    ("工作30年以上的人数", set()),
    ("80年代建成的办公楼", set()),
])
def test_a_two_digit_year_said_alone_is_a_year_and_a_span_of_time_is_not(question, years):
    assert find_years(question)[0] == years


def test_amount_is_not_a_year():
    assert find_years("收入2023万元")[0] == set()


def test_relative_years_are_not_resolved():
    assert find_years("去年和今年的医保局支出")[0] == set()


def test_kind_words_naming_the_report_are_kinds():
    assert [k.value for k in find_kinds("部门决算里的三公经费")] == ["决算"]
    assert [k.value for k in find_kinds("预算公开的收入")] == ["预算"]
    assert [k.value for k in find_kinds("2023年决算的支出")] == ["决算"]


def test_budget_inside_a_measure_is_not_a_kind():
    assert [k.value for k in find_kinds("2024年决算中年初预算数是多少")] == ["决算"]
    assert find_kinds("预算数和预算执行率") == ()
    assert find_kinds("纳入部门预算的各单位编制数") == ()  # (the units a budget covers: no kind of report)


def test_kind_word_after_a_department_names_the_report():
    s = find_scope("普陀区财政局决算", PUTUO)
    assert [k.value for k in s.kinds] == ["决算"] and s.doc_ids == ("fin24",)


def test_a_department_short_form_in_quotes_before_a_level_word_is_a_subject():
    held_ = [held("court", "江苏省高级人民法院", 2018, "预算")]
    s = find_scope("江苏省高院2018年“法院”款下预算超过1000万元的项级科目个数", held_)
    assert [d.text for d in s.departments] == ["江苏省高院"]


def test_a_function_word_before_a_level_short_form_is_no_place():
    held_ = [held("court", "江苏省高级人民法院", 2019, "预算"), held("npc", "江苏省人大常委会办公厅", 2019, "预算")]
    s = find_scope("请按2019年预算总额从高到低，对省法院和省人大办公厅进行排序", held_)
    assert set(s.doc_ids) == {"court", "npc"} and "省法院" in [d.text for d in s.departments]


def test_two_digit_year_beside_a_comparison_word():
    """比18年, 18年和19年: a year of a comparison, not a duration; 近15年来 and 增长18% stay no year."""
    assert find_years("提租补贴2019年比18年涨了多少")[0] == {2018, 2019}
    assert find_years("18年和19年的三公经费")[0] == {2018, 2019}
    assert find_years("25年预算比24年多多少")[0] == {2024, 2025}
    assert find_years("比上年增长18%")[0] == set()
    assert find_years("近15年来的变化")[0] == set()
    assert find_years("2019年比2018年")[0] == {2018, 2019}


def test_two_digit_year_range_gives_every_year():
    assert find_years("省委办公厅17到19年三公经费一共多少")[0] == {2017, 2018, 2019}
    assert find_years("17年到19年")[0] == {2017, 2018, 2019}
    assert find_years("1-12月的支出")[0] == set()
    # a range whose first year is written in full and its last in two digits
    for said in ("2017至19年", "2017—19年", "2017到19年", "2017-19年"):
        years, spans = find_years(f"江苏省高级人民法院{said}三年“三公”经费预算合计是多少？")
        assert years == {2017, 2018, 2019} and [s.text for s in spans] == [said]


def test_a_range_of_years_written_with_年_before_至_holds_every_year():
    from qa.search.years import find_years

    assert find_years("省委办公厅2017年至2019年机关运行经费")[0] == {2017, 2018, 2019}
    assert find_years("2017年度到2019年度的")[0] == {2017, 2018, 2019}
    assert find_years("2019年比2017年增加了多少")[0] == {2017, 2019}
    assert find_years("三公经费从2017年到2019年减少了多少")[0] == {2017, 2019}  # a change's two ends


def test_the_units_a_budget_covers_name_no_kind_of_report():
    assert find_kinds("平潭管委会办公室列入2015年预算的单位里，在职人数超过编制数的有几个单位？") == ()
    assert find_kinds("列入2015年部门预算编制范围的单位有几个") == ()
    assert [s.value for s in find_kinds("江苏省高院2019年部门预算中三公经费是多少")] == ["预算"]
    assert [s.value for s in find_kinds("青山区2023年决算的三公经费")] == ["决算"]


def test_a_bureau_named_by_its_field_with_its_place_finds_the_bureau():
    """黄陂医保: the 医疗保障局 of 黄陂区, as people say it; 医保 alone names no department."""
    held_ = [held("hp", "武汉市黄陂区医疗保障局", 2024), held("qs", "武汉市青山区医疗保障局", 2023)]
    s = find_scope("黄陂医保2024年追回违规金额", held_)
    assert s.doc_ids == ("hp",) and "医保" not in s.rest  # (left in the item, 医保 was a word to explain)
    s = find_scope("青山区医保2023年城乡医疗救助执行率", held_)
    assert s.doc_ids == ("qs",) and "医保" not in s.rest
    assert set(find_scope("医保2023年城乡医疗救助执行率", held_).doc_ids) <= {"hp", "qs"}


def test_a_figure_of_the_year_before_is_asked_not_a_change_against_it():
    assert asks_last_year("上年预算是多少？", 2026) and asks_last_year("推算2016年机关运行经费是多少？", 2017)
    assert not asks_last_year("比上年少了多少？", 2026) and not asks_last_year("比2016年增加多少", 2017)
    assert not asks_last_year("2017年是多少", 2017)


def test_a_stock_at_a_years_end_is_read_with_the_year_in_two_digits_too():
    from qa.search.years import AS_OF_END

    assert all(AS_OF_END.search(q) for q in ("截至24年底有多少辆车", "截至2024年底有多少辆车", "24年末的车辆"))
    assert not AS_OF_END.search("2024年预算") and not AS_OF_END.search("近15年来底子薄")


def test_a_short_form_opening_with_a_level_word_after_a_verb_is_the_department():
    jiangsu = [held("cpc17", "中共江苏省委办公厅", 2017, "预算"), held("npc17", "江苏省人大常委会办公厅", 2017, "预算")]
    assert find_scope("2017年一般公共服务支出占省委办公厅支出总计的比例", jiangsu).doc_ids == ("cpc17",)


@pytest.mark.parametrize("question", ["2019年度省委办公厅行政运行支出占全部预算支出的比重是多少？",
                                      "截至2018年底省委办公厅有几辆车", "2019年末省委办公厅结转和结余多少"])
def test_a_department_named_right_after_its_year_is_the_department_asked(question):
    jiangsu = [held(f"cpc{y}", "中共江苏省委办公厅", 2000 + y, "预算") for y in (17, 18, 19)] + \
              [held(f"npc{y}", "江苏省人大常委会办公厅", 2000 + y, "预算") for y in (17, 18, 19)]
    s = find_scope(question, jiangsu)
    assert [d.value for d in s.departments] == ["中共江苏省委办公厅"] and all(i.startswith("cpc") for i in s.doc_ids)


def test_one_year_and_one_kind_named_with_two_departments_are_both_departments():
    jiangsu = [held(f"c{y}", "江苏省高级人民法院", 2000 + y, "预算") for y in (17, 18, 19)] + \
              [held(f"n{y}", "江苏省人大常委会办公厅", 2000 + y, "预算") for y in (17, 18, 19)]
    s = find_scope("江苏省高级人民法院2018年和江苏省人大常委会办公厅的部门预算，哪家多？", jiangsu)
    assert sorted(s.doc_ids) == ["c18", "n18"]
    s = find_scope("江苏省高级人民法院2018年和江苏省人大常委会办公厅2019年的部门预算，哪家多？", jiangsu)
    assert sorted(s.doc_ids) == ["c18", "n19"]  # (each its own year)


def test_the_department_named_again_inside_an_items_name_is_no_second_department():
    court = [held(f"c{y}", "江苏省高级人民法院", 2000 + y, "预算") for y in (17, 18, 19)]
    s = find_scope("2017年江苏高院预算里，案件审判、案件执行和其他法院支出这三项加起来是多少？", court)
    assert s.doc_ids == ("c17",) and len(s.departments) == 1 and "其他法院支出" in s.rest


def test_a_department_kind_marked_as_a_subjects_level_is_no_department_asked():
    court = [held("c17", "江苏省高级人民法院", 2017, "预算"), held("n17", "江苏省人大常委会办公厅", 2017, "预算")]
    s = find_scope("2017年预算中，法院（款）下有几个项级支出跟上年一样没变？", court + PUTUO)
    assert s.message is None and set(s.doc_ids) >= {"c17", "n17"}


@pytest.mark.parametrize("question", ["青山区医保局2023年决算和黄陂区医保局2024年决算中的支出合计分别是多少？",
                                      "2023年的青山区医保局和2024年的黄陂区医保局支出合计分别是多少？"])
def test_departments_each_named_with_its_own_year_take_that_years_report(question):
    reports = [*WUHAN, held("qs24", "武汉市青山区医疗保障局", 2024), held("hp23", "武汉市黄陂区医疗保障局", 2023)]
    s = find_scope(question, reports)
    assert set(s.doc_ids) == {"qs23", "hp24"} and s.each_own and s.message is None


def test_a_department_named_with_the_end_of_a_year_takes_the_next_years_budget():
    """国家信访局（2024年末）和北京市审计局（2025年底）: what was held at the end of 2025 is the 2026 budget's figure."""
    reports = [held("pet24", "国家信访局", 2024), held("aud26", "北京市审计局", 2026, "预算")]
    s = find_scope("国家信访局（2024年末）和北京市审计局（2025年底）谁的车辆更多？", reports)
    assert set(s.doc_ids) == {"pet24", "aud26"} and s.each_own
    s = find_scope("国家信访局（2024年）和北京市审计局（2025年）谁的车辆更多？", reports)
    assert "aud26" not in s.doc_ids  # (a year said without its end is that year's report, not the next one's)


def test_the_to_of_a_date_at_a_years_end_is_no_word_of_the_item():
    s = find_scope("黄陂区医保局到2024年底有多少人参加了医保？", [held("hp24", "武汉市黄陂区医疗保障局", 2024)])
    assert "到" not in s.rest and "参加了医保" in s.rest


def test_the_year_before_a_balance_named_by_its_time_leaves_that_name_whole():
    s = find_scope("国家信访局2024年末结转和结余有多少？", [held("pet24", "国家信访局", 2024)])
    assert s.doc_ids == ("pet24",) and s.rest.startswith("年末结转和结余")
    assert find_scope("国家信访局2024年支出合计", [held("pet24", "国家信访局", 2024)]).rest == "支出合计"


def test_a_departments_short_form_said_again_after_it_is_named_stays_in_the_topic():
    court = [held("c18", "江苏省高级人民法院", 2018, "预算")]
    s = find_scope("2018年江苏高院法院支出几个项目里，哪些比上年减少了？", court)
    assert s.doc_ids == ("c18",) and "法院支出" in s.rest


def test_a_place_named_only_in_a_bracketed_aside_narrows_no_scope():
    reports = [held("pt", "平潭综合实验区管委会办公室", 2015), held("cs", "福州市仓山区生态环境局", 2026, "预算")]
    s = find_scope("平潭管委会办公室2015年在职人数合计多少人？（福州办事处未列人数）", reports)
    assert s.doc_ids == ("pt",)
    assert find_scope("福州仓山生态环境局2026年预算", reports).doc_ids == ("cs",)  # (outside an aside it does)


def test_a_kind_after_a_year_and_its_的_names_the_report():
    from qa.search.scope import find_kinds

    assert [k.value for k in find_kinds("无锡市教育局本级2026年的预算里，科学技术支出占多少？")] == ["预算"]
    assert [k.value for k in find_kinds("2024年的决算中行政运行是多少")] == ["决算"]
    assert find_kinds("2023年的预算数是多少") == ()  # (预算数: a measure, no report)


def test_a_bureau_named_by_its_field_and_place_is_that_bureau():
    # 长沙公安 / 普陀财政: the bureau's field with its place, as people name it
    s = find_scope("长沙公安2025年警务辅助人员经费预算多少", CHANGSHA + PUTUO)
    assert s.doc_ids == ("cs25",) and "公安" not in s.rest
    assert find_scope("普陀财政2024年支出合计", PUTUO).doc_ids == ("fin24",)


def test_a_bureaus_field_running_into_a_word_names_no_bureau():
    # 普陀区财政拨款收入: 财政 begins 财政拨款, a measure of every 普陀 report, not the 财政局
    s = find_scope("普陀区财政拨款收入2024年是多少", PUTUO)
    assert set(s.doc_ids) == {"fin24", "civ24"} and not s.departments


class _Subjects:
    """An index whose reports print these subjects (the one query `unit_listed` reads)."""

    def __init__(self, printed: dict[str, list[str]]) -> None:
        self.printed = printed

    def subjects_within(self, text, doc_ids):
        return [(s, d) for d in doc_ids for s in self.printed.get(d, []) if s in text]


def test_a_unit_another_departments_report_lists_is_read_in_that_report():
    """平潭综合实验区信访局: no report of its own (信访局 is held for other places), a row of the 管委会办公室 report —
    that report is read, the region said short (平潭) too; a department held is never read as another's unit."""
    from qa.search.listed_units import unit_listed

    reports = [held("ptb", "平潭综合实验区管委会办公室", 2015), held("gx", "国家信访局", 2024)]
    index = _Subjects({"ptb": ["平潭综合实验区信访局", "平潭综合实验区档案局"], "gx": ["信访业务"]})
    for question in ("平潭综合实验区信访局在职多少人", "平潭信访局在职多少人"):
        found = find_scope(question, reports)
        assert not found.doc_ids
        written, name, holders = unit_listed(question, found, reports, index)
        assert (name, holders) == ("平潭综合实验区信访局", ("ptb",)) and name in written
    held_too = find_scope("国家信访局2024年信访业务支出", reports)
    assert unit_listed("国家信访局2024年信访业务支出", held_too, reports, index) is None



def test_the_retriever_reads_a_listed_unit_in_the_report_printing_it(index_of, monkeypatch):
    """Retriever.parse: the unit's report is the scope, its name written out in full is the topic (平潭 said short
    reads as 平潭综合实验区), and the scope's note says the unit has no report of its own."""
    from qa.api import get_retriever

    from .conftest import tiny_report

    office = tiny_report("平潭综合实验区", 2015, "一、收支总体情况\n2015年支出总计100万元。\n")
    petition = tiny_report("北京市", 2024, "一、收支总体情况\n2024年支出总计50万元。\n").replace("测试局", "信访局")
    retriever = get_retriever(index_of({"office.txt": office.replace("测试局", "管委会办公室"), "petition.txt": petition}))
    ptb = next(d for d, doc in retriever.index.documents_by_id.items() if doc["source"] == "office.txt")
    monkeypatch.setattr(retriever.index, "subjects_within",
                        lambda text, ids: [("平潭综合实验区信访局", ptb)] if "平潭综合实验区信访局" in text and ptb in ids else [])
    q = retriever.parse("平潭信访局2015年在职多少人")
    assert q.doc_ids == (ptb,) and "平潭综合实验区信访局" in q.topic and "没有单独的报告" in q.scope_message
