"""The units (预算单位) a report covers, read from the sentence that lists them (qa/answer/member_units.py)."""
from __future__ import annotations

import pytest

from types import SimpleNamespace

from qa.answer.member_units import _units_table, asks_units, listed_units
from qa.search.query import parse_question


@pytest.mark.parametrize("sentence, names", [
    ("从预算单位构成看，某市某局预算包括：局本级预算、局属某市某某休养所预算、局属某市服务中心预算和局属某市军用饮食供应和供水站预算。",
     ["局本级", "某市某某休养所", "某市服务中心", "某市军用饮食供应和供水站"]),
    ("某市审计局所属2个预算单位，分别为某市审计局本级和某市审计局综合事务中心。", ["某市审计局本级", "某市审计局综合事务中心"]),
    ("纳入本部门2024年部门预算编制范围的单位包括：1.某区财政局本级、2.某区财政所、3.某区国库收付中心。",
     ["某区财政局本级", "某区财政所", "某区国库收付中心"]),
    # a list of one, said so; the units left out are not listed
    ("纳入本部门2018年部门汇总预算编制范围的预算单位共计1家，仅包括某某厅机关本级，不含某宾馆（自收自支）和某某宾馆（自收自支）。",
     ["某某厅机关本级"]),
    ("直属事业单位：某郊宾馆、某康宾馆。", ["某郊宾馆", "某康宾馆"]),  # 直属 opens a list as 下属 and 所属 do
])
def test_a_sentence_listing_units_gives_their_names(sentence, names):
    assert listed_units(sentence) == names


@pytest.mark.parametrize("sentence", [
    "主要用于行政单位（包括实行公务员管理的事业单位）的基本支出。",
    "收入包括：一般公共预算拨款收入、其他收入；",
    "支出包括：社会保障和就业支出、卫生健康支出、住房保障支出。",
    "部门决算包括：某区财政局本级决算、下属行政事业单位决算。",  # a kind of unit, not a unit's name
])
def test_other_lists_name_no_units(sentence):
    assert listed_units(sentence) == []


def test_which_units_is_asked_by_a_unit_word_and_a_list_or_count_word():
    assert asks_units(parse_question("某局2026年部门预算包括哪几个预算单位？"))
    assert asks_units(parse_question("某局下属单位有几个？"))
    assert not asks_units(parse_question("某局下属单位一共有多少辆车？"))
    assert not asks_units(parse_question("某局2026年基本支出是多少？"))
    # the report named (部门预算) is no unit asked: its tasks are (its 编制范围 is its units)
    assert not asks_units(parse_question("某局2019年部门预算里提到的主要工作任务包括哪几个方面？"))
    assert asks_units(parse_question("某局2025年部门决算编制范围包括哪些？"))
    # units named alone, in keywords
    assert asks_units(parse_question("某局 下属单位 2019"))
    assert not asks_units(parse_question("某局 下属单位 2019 预算"))


def rows(*texts: str, page: int = 3) -> list[SimpleNamespace]:
    return [SimpleNamespace(text=t, page=page) for t in texts]


def test_a_table_of_unit_names_gives_them_in_order_as_printed():
    table = rows("序号 单位名称 拟变动情况", "1 某市委宣传部本级（机关）", "2 某市委讲师团", "预算01表 收支总表")
    assert [n for _, n in _units_table(table)] == ["某市委宣传部本级（机关）", "某市委讲师团"]
    assert [n for _, n in _units_table(rows("1 某区委社会工作部（本级）", "2 某区社会工作发展服务中心"))] == [
        "某区委社会工作部本级", "某区社会工作发展服务中心"]


def test_a_unit_row_with_a_remark_after_its_name_is_told_by_its_name():
    """`2 某区财政局财政所 预算单列`: the remark column does not end with a unit's name; the row is still one of the
    units' table, given whole."""
    table = rows("序号 单位名称 备注", "1 某区财政局（本级）", "2 某区财政局财政所 预算单列", "3 某区国库收付中心 预算单列")
    assert [n for _, n in _units_table(table)] == ["某区财政局本级", "某区财政局财政所 预算单列", "某区国库收付中心 预算单列"]


@pytest.mark.parametrize("table", [
    rows("1 工资福利支出 120.00", "2 商品和服务支出 30.00"),  # rows with figures are no list of units
    rows("1 某局本级"),  # one row: a list of one is said in words, not guessed from a table
    rows("2 某局本级", "3 某中心"),  # not numbered from 1
])
def test_other_numbered_rows_are_no_table_of_units(table):
    assert _units_table(table) == []


def test_units_are_asked_of_the_report_itself():
    assert asks_units(parse_question("某局部门决算由哪几部分组成"))


@pytest.mark.parametrize("sentence, names", [
    ("根据单位职责分工，本单位内设机构包括：办公室(市委教育工作领导小组秘书处)、政策法规处(行政审批处)、安全保卫处。",
     ["办公室", "政策法规处", "安全保卫处"]),
    ("某委机关设3个内设机构，包括：办公室、综合调研科、商业发展科。", ["办公室", "综合调研科", "商业发展科"]),
    # a count after the list is no name of it; a name joined after it is
    ("本部门内设机构包括：秘书处、综合处、机关文印中心等3个处室和省委机要局。", ["秘书处", "综合处", "机关文印中心", "省委机要局"]),
])
def test_a_sentence_listing_divisions_gives_their_names(sentence, names):
    from qa.answer.member_units import listed_units
    assert listed_units(sentence, divisions=True) == names
    assert listed_units(sentence) == []  # (divisions are no budget units)


def test_a_list_ending_with_a_larger_count_keeps_the_reports_count():
    from qa.answer.member_units import count_said_after
    assert count_said_after("本级内设机构包括警令部、政治部、警保部等14 个部门。") == (14, "部门")
    assert count_said_after("内设机构包括：办公室、综合科。") is None
    # the count of what the question counts, said inside the list
    said = "内设机构包括：秘书处、综合处、机关文印中心等3个处室和省委机要局。"
    assert count_said_after(said, "内设多少个处室") == (3, "处室") and count_said_after(said, "内设机构有几个") is None


def test_divisions_are_asked_and_projects_counted_in_the_report_are_not_units():
    assert asks_units(parse_question("某局内设机构有几个处室"))
    assert asks_units(parse_question("某局有哪些内设机构"))
    assert not asks_units(parse_question("看某局2018年的部门预算，实行绩效目标管理的项目有几个"))


def test_a_list_of_units_comes_with_the_next_sentence_saying_the_figures_leave_them_out():
    from qa.answer.member_units import _left_out

    listing = "直属事业单位：某郊宾馆、某康宾馆。"
    text = listing + "本部门预算数据仅包含厅机关本级，不含某郊宾馆（自收自支）和某康宾馆（自收自支）。四、收支预算编制依据"
    assert _left_out(text, listing, ["某郊宾馆", "某康宾馆"]).startswith("本部门预算数据仅包含厅机关本级")
    # a next sentence about something else is no note on the list
    assert _left_out(listing + "本部门不含其他收入。", listing, ["某郊宾馆", "某康宾馆"]) is None


def test_one_unit_asked_by_name_is_answered_by_a_sentence_naming_one():
    from dataclasses import replace

    sentence = "本部门下属单位包括江苏议事园。"
    assert listed_units(sentence) == [] and listed_units(sentence, one=True) == ["江苏议事园"]
    query = parse_question("某局2018年的下属单位是哪个？")
    assert asks_units(replace(query, doc_ids=("d",)))
    ranked = parse_question("某局5个预算单位中，2026年收入预算最多的是哪个？")  # (units ranked by a figure)
    assert not asks_units(replace(ranked, doc_ids=("d",)))
