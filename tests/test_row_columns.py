"""A row named with its parent, and columns asked of a row (qa/answer/match.py), on made-up table rows."""
from __future__ import annotations

import pytest

from qa.answer.columns import row_and_columns, under_named_parent
from qa.answer.match import Match
from qa.models import Fact

TABLE = "支出决算表"


def row(subject, code, measure, value, line, table=TABLE) -> Fact:
    return Fact("d", subject, measure, value, "万元", f"{code or ''} {subject} {value}", table, code, None, (line, line))


# the same 项 name under two 款, printed without the 项's own code (as text tables often are)
ROWS = [row("医疗保障管理事务", "21015", "基本支出", 1165.38, 10), row("医疗保障管理事务", "21015", "项目支出", 450.01, 10),
        row("一般行政管理事务", None, "基本支出", 5.29, 12), row("一般行政管理事务", None, "项目支出", 16.45, 12),
        row("巩固脱贫攻坚成果衔接乡村振兴", "21305", "项目支出", 7.72, 18),
        row("一般行政管理事务", None, "项目支出", 7.72, 19),
        # another table prints the 项 with their own codes
        row("一般行政管理事务", "2101502", "小计", 21.73, 40, table="财政拨款支出表"),
        row("一般行政管理事务", "2130502", "小计", 7.72, 45, table="财政拨款支出表")]


@pytest.mark.parametrize("item, value", [
    ("医疗保障管理事务下的一般行政管理事务项目支出", 16.45),
    ("医疗保障管理事务款一般行政管理事务项目支出", 16.45),
    ("巩固脱贫攻坚成果衔接乡村振兴（款）的一般行政管理事务项目支出", 7.72),
])
def test_a_row_named_under_its_parent_is_that_parents_child(item, value):
    kept = under_named_parent(ROWS, item, ("一般行政管理事务",))
    assert [f.value for f in kept if f.subject == "一般行政管理事务" and f.measure == "项目支出"] == [value]


def test_a_child_named_alone_keeps_every_row_of_its_name():
    kept = under_named_parent(ROWS, "一般行政管理事务项目支出", ("一般行政管理事务",))
    assert sorted(f.value for f in kept if f.subject == "一般行政管理事务" and f.measure == "项目支出") == [7.72, 16.45]


def test_a_child_under_a_coded_parent_is_found_by_its_code():
    rows = [row("人大事务", "20101", "合计", 100.0, 1), row("行政运行", "2010101", "合计", 60.0, 2),
            row("政协事务", "20102", "合计", 80.0, 3), row("行政运行", "2010201", "合计", 50.0, 4)]
    kept = under_named_parent(rows, "政协事务中的行政运行", ("行政运行",))
    assert [f.value for f in kept if f.subject == "行政运行"] == [50.0]


@pytest.mark.parametrize("item", ["政协事务行政运行", "政协事务-行政运行", "政协事务—行政运行"])
def test_a_child_said_right_after_its_parent_is_that_parents_child(item):
    """财政事务—行政运行, 档案事务行政运行: the 科目's path as the tables print it, with a dash or nothing between."""
    rows = [row("人大事务", "20101", "合计", 100.0, 1), row("行政运行", "2010101", "合计", 60.0, 2),
            row("政协事务", "20102", "合计", 80.0, 3), row("行政运行", "2010201", "合计", 50.0, 4)]
    kept = under_named_parent(rows, item, ("行政运行",))
    assert [f.value for f in kept if f.subject == "行政运行"] == [50.0]


def test_items_listed_side_by_side_are_not_parent_and_child():
    match = Match(("差旅费", "会议费"), ())
    assert row_and_columns(match, [], "差旅费会议费各花了多少", "差旅费、会议费各")[0].subjects == ("差旅费", "会议费")


def test_columns_named_after_a_context_word_are_asked_of_the_row_before_it():
    match = Match(("医疗保障管理事务", "一般行政管理事务", "基本支出", "项目支出"), ())
    item = "医疗保障管理事务下的一般行政管理事务支出里基本支出和项目支出各"
    got, columns = row_and_columns(match, ROWS, item, "医疗保障管理事务下的一般行政管理事务支出里 基本支出和项目支出各")
    assert got.subjects == ("一般行政管理事务",) and set(columns) == {"基本支出", "项目支出"}


@pytest.mark.parametrize("item", ["一般行政管理事务支出合计基本支出和项目支出分别", "一般行政管理事务合计、基本支出和项目支出各"])
def test_a_total_column_listed_with_other_columns_is_a_column_too(item):
    rows = [*ROWS, row("一般行政管理事务", None, "合计", 21.73, 12)]
    got, columns = row_and_columns(Match(("一般行政管理事务", "基本支出", "项目支出"), ()), rows, item, item)
    assert got.subjects == ("一般行政管理事务",) and columns == ("合计", "基本支出", "项目支出")
    # (合计 after the columns adds them up: no column of its own)
    _, columns = row_and_columns(Match(("一般行政管理事务", "基本支出", "项目支出"), ()), rows,
                                 "一般行政管理事务基本支出和项目支出合计", "一般行政管理事务基本支出和项目支出合计")
    assert "合计" not in columns


def test_an_item_named_after_a_context_word_is_still_the_item_asked():
    facts = [row("奖金", "30103", "合计", 12.0, 5, table="基本支出表")]
    got, columns = row_and_columns(Match(("基本支出", "奖金"), ()), facts, "基本支出里奖金", "基本支出里奖金")
    assert got.subjects == ("奖金",) and columns == ()


def test_a_row_named_before_another_it_has_no_child_of_is_no_parent_of_it():
    rows = [row("卫生健康支出", "210", "合计", 497.53, 1), row("财政拨款收入", None, "合计", 898.0, 2)]
    match = Match(("卫生健康支出", "财政拨款收入"), ())
    assert row_and_columns(match, rows, "卫生健康支出的财政拨款收入", "卫生健康支出的财政拨款收入")[0] == match


def test_a_total_named_before_a_row_is_no_parent_of_it():
    rows = [row("一般公共预算支出", None, "合计", 300.0, 1), row("行政运行", "2010101", "合计", 60.0, 2),
            row("行政运行", "2010201", "合计", 50.0, 4)]
    kept = under_named_parent(rows, "一般公共预算支出中的行政运行", ("行政运行",))
    assert sorted(f.value for f in kept if f.subject == "行政运行") == [50.0, 60.0]


# a procurement table's rows, named by what is bought, and a total of the department elsewhere
BOUGHT = [row("会议服务", None, "合计", 1035.0, 50, table="政府采购预算表"),
          row("会议服务", None, "合计", 113.63, 52, table="政府采购预算表"),
          row("政府采购", None, "预算数", 2416.43, 3, table=None)]


@pytest.mark.parametrize("item", ["政府采购预算会议服务合计", "政府采购预算中会议服务合计", "政府采购会议服务"])
def test_a_subject_naming_the_table_of_another_says_where_that_row_is(item):
    got, _ = row_and_columns(Match(("政府采购", "会议服务"), ()), BOUGHT, item, item)
    assert got.subjects == ("会议服务",)


@pytest.mark.parametrize("item", ["政府采购和会议服务", "政府采购预算总额会议服务", "会议服务政府采购"])
def test_subjects_joined_or_qualified_otherwise_are_each_asked(item):
    match = Match(("政府采购", "会议服务"), ())
    assert row_and_columns(match, BOUGHT, item, item)[0].subjects == ("政府采购", "会议服务")


def test_a_unit_said_short_is_read_as_its_full_name_when_only_that_states_the_kind_asked():
    from qa.answer.loose_match import unit_named_in_full

    facts = [Fact("d", "市委讲师团", "人数", 3.0, "人", "离退休人员29人，其中市委讲师团3人。"),
             Fact("d", "中共西安市委理论讲师团", "合计", 3398717.5, "元", "3,398,717.50", table="收入总表"),
             Fact("d", "讲师团综合工作经费", "预算数", 600000.0, "元", "600,000.00", table="项目表")]
    asked = Match(("市委讲师团",), ("预算数",))
    # an amount asked: the unit's row, not a project named after it
    assert unit_named_in_full(asked, facts, "amount", set()).subjects == ("中共西安市委理论讲师团",)
    # a count asked: the sentence's 3人 answers
    assert unit_named_in_full(asked, facts, "count", set()) is asked
    # the count named with the whole it is part of (市委讲师团离退休人员): the unit is the part the question said
    counted = [Fact("d", "市委讲师团离退休人员", "人数", 3.0, "人", "离退休人员29人，其中市委讲师团3人。"), *facts[1:]]
    asked = Match(("市委讲师团离退休人员",), ("预算数",))
    got = unit_named_in_full(asked, counted, "amount", set(), "委讲师团预算")  # (市 read with 西安市)
    assert got.subjects == ("中共西安市委理论讲师团",)


def test_a_column_numbering_row_hides_no_column_and_a_part_is_named_by_its_own_words():
    from qa.facts.table_columns import _kept_panels

    header = [("类", "款", "项", "功能科目", "合计", "本级财政拨款", "", "其它收入"),
              ("", "", "", "", "", "金额", "其中:经费拨款", ""),
              ("**", "**", "**", "**", "1", "2", "3", "4")]
    (panel,), _ = _kept_panels(header, "预算")
    assert [(c.measure, min(c.cells)) for c in panel] == [("合计", 4), ("预算数", 5), ("经费拨款", 6), ("其它收入", 7)]


def test_a_column_is_named_without_the_words_a_name_may_leave_out():
    """烈士陵园管理所的一般公共预算收入 names the row's column 一般公共预算财政拨款 (财政拨款 left out), but a table
    named by the same words (一般公共预算支出功能分类预算表中) names no column of its rows."""
    units = "收入预算总表"
    rows = [row("烈士陵园管理所", None, measure, value, 5, table=units)
            for measure, value in (("合计", 316.25), ("一般公共预算财政拨款", 286.25), ("其他收入", 30.0))]
    item = "收入预算总表里烈士陵园管理所的一般公共预算收入"
    assert row_and_columns(Match(("烈士陵园管理所",), ()), rows, item, item)[1] == ("一般公共预算财政拨款",)
    item = "一般公共预算支出功能分类预算表中烈士陵园管理所"
    assert row_and_columns(Match(("烈士陵园管理所",), ()), rows, item, item)[1] == ()


@pytest.mark.parametrize("item", ["人员经费", "人员经费是多少", "公用经费预算"])
def test_a_column_named_alone_is_the_total_rows_figure_of_it(item):
    """`人员经费多少` of a report printing 人员经费 only as a column of its 基本支出 table: the 合计 row's figure — not
    the report's 收入总计 (人 and 经费 are counting and filler words), nor one row's column."""
    from qa.answer.columns import match_column
    from qa.answer.match import match_question

    table = "一般公共预算基本支出表"
    facts = [row("合计", None, "人员经费", 23545.68, 5, table), row("合计", None, "公用经费", 1672.86, 5, table),
             row("其他工资福利支出", "30199", "人员经费", 890.44, 9, table),
             row("收入总计", None, "预算数", 32852.05, 2, "收支总表")]
    assert match_question(item, {f.subject for f in facts}) is None
    match, columns = match_column(item, facts)
    assert match is not None and match.subjects == ("合计",) and columns[0] in item
