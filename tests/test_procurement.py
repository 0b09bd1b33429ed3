"""Rows of a 政府采购预算表 picked by their 采购组织形式 (qa/answer/procurement.py)."""
from __future__ import annotations

import pytest

from qa.answer.procurement import answer_by_method, lists_bought, method_asked, purchase_lookup, purchase_rows
from qa.models import Fact
from qa.search.operation import parse_operation

from .test_operations import FakeIndex, doc

TABLE = "政府采购支出预算表 公开12表"


def row(subject: str, value: float, quote: str) -> Fact:
    return Fact("d", subject, "合计", value, "万元", quote, TABLE, None, 16)


ROWS = [row("合计", 5227.59, "合计 5,227.59"), row("货物", 1637.72, "一、货物A 1,637.72"),
        row("信息网络建设费", 966.5, "信息网络建设费 966.50"),
        row("PC服务器", 68.0, "PC服务器 政府集中采购 68.00"),
        row("台式计算机（20万以上）", 99.0, "政府集中采购 99.00"),  # (a wrapped name: the form on the amount's line)
        row("其他办公设备", 153.22, "其他办公设备 分散自行组织 153.22"),
        row("工程", 530.0, "二、工程B 530.00"), row("修缮工程", 530.0, "修缮工程 部门集中采购 530.00"),
        row("服务", 3059.87, "三、服务C 3,059.87"),
        row("物业管理服务", 36.0, "物业管理服务 分散自行组织 36.00"),
        row("部门集中采购", 430.0, "部门集中采购 430.00"),  # (a second form of the row above, printed alone)
        row("会议服务", 872.1, "会议服务 政府集中采购 872.10")]


@pytest.mark.parametrize("question, count, total", [
    ("2019年政府采购中采购组织形式为“政府集中采购”的有几条？合计多少？", 3, 1039.1),
    ("2019年货物类采购中走政府集中采购的合计多少？", 2, 167.0),
    ("部门集中采购一共多少钱", 2, 960.0),
])
def test_rows_of_the_procurement_form_asked_are_counted_and_summed(question, count, total):
    a = answer_by_method(question, question, ROWS, FakeIndex([doc()]), counted="几条" in question)
    assert a is not None and sorted(f.value for f in a.figures) == sorted([count, total])
    assert a.figures[0].value == (count if "几条" in question else total)
    assert len(a.citations) == count


def test_no_form_asked_or_printed_on_fewer_than_two_rows_gives_no_answer():
    assert method_asked("政府采购预算合计多少") is None
    assert answer_by_method("分散采购合计多少", "分散采购合计多少", ROWS, FakeIndex([doc()])) is None


TREE = [row("合计", 1422.5, "合计 1,422.50"), row("货物", 84.0, "一、货物A 84.00"),
        row("机要及电子政务业务费办公设备购置", 30.0, "机要及电子政务业务费 办公设备购置 30.00"),
        row("台式计算机（20万以下）", 4.0, "台式计算机（20万以下） 分散自行组织 4.00"),
        row("交换设备", 9.0, "交换设备 分散自行组织 9.00"),
        row("便携式计算机（20万以下）", 17.0, "便携式计算机（20万以下） 分散自行组织 17.00"),
        row("服务", 1338.5, "三、服务C 1,338.50"),
        row("商品和服务支出会议费", 50.0, "商品和服务支出 会议费 50.00"),
        row("会议服务", 50.0, "会议服务 分散自行组织 50.00"),
        row("省委办公厅承办的会议费会议费", 872.1, "省委办公厅承办的会议费 会议费 872.10"),
        row("会议服务", 872.1, "会议服务 政府集中采购 872.10"),
        row("行政运转保障经费物业管理费", 189.0, "行政运转保障经费 物业管理费 189.00"),
        row("物业管理服务", 189.0, "物业管理服务 政府集中采购 189.00")]


@pytest.mark.parametrize("question, said, value", [
    ("2019年政府采购 货物里哪样花钱最多", "便携式计算机（20万以下）（机要及电子政务业务费办公设备购置）", 17.0),  # a thing bought
    ("2019年政府采购服务类哪个项目最大", "省委办公厅承办的会议费会议费", 872.1),  # a 专项's subtotal
    ("2019年政府采购里会议费加起来多少", "", 922.1),  # the subtotals printing 会议费
    ("2019年政府采购里会议服务一共多少钱", "", 922.1),  # the things bought of that name
    ("2019年采购台式计算机和交换设备合计多少钱", "", 13.0),  # two names joined
    ("2019年政府采购里最大的一笔是什么", "会议服务（省委办公厅承办的会议费会议费）", 872.1),  # a purchase, any class
])
def test_the_procurement_table_is_read_as_classes_projects_and_things_bought(question, said, value):
    from .test_operations import ask

    a = ask(f"测试局{question}", TREE)
    assert a is not None and a.found and said in a.text and a.figures[0].value == value


@pytest.mark.parametrize("question", ["2019年政府采购哪一类最多", "2019年政府采购服务类合计多少"])
def test_the_classes_themselves_are_not_read_as_their_rows(question):
    assert purchase_rows(parse_operation(question), question, question, TREE) is None


@pytest.mark.parametrize("question", ["2019年政府采购中机要及电子政务业务费专项采购了哪几类货物？最大的是哪类？",
                                      "2019年机要及电子政务业务费这一块的政府采购一共列了几种物品？"])
def test_the_things_one_named_project_buys_are_its_rows(question):
    """A 专项 named alone in an aggregate: the things bought under it (哪类 asked of them is one of them)."""
    rows = purchase_rows(parse_operation(question), question, question, TREE)
    assert rows is not None and len(rows.rows) == 3 and all("机要及电子政务业务费" in r.subject for r in rows.rows)
    assert max(r.value for r in rows.rows) == 17.0


def test_a_users_word_for_a_thing_bought_reads_the_tables_name():
    """笔记本电脑 is the 便携式计算机 the table prints (terms.json subject_aliases)."""
    from .test_operations import ask

    a = ask("测试局2019年政府采购中台式电脑和笔记本电脑一共安排了多少钱？", TREE)
    assert a is not None and a.figures[0].value == 21.0  # 4 + 17


@pytest.mark.parametrize("label, project", [("信息化建设经费其他商品和服务支出", "信息化建设经费（其他商品和服务支出）"),
                                            ("江苏省第十三届人代会二次会议经费会议费", "江苏省第十三届人代会二次会议经费（会议费）"),
                                            ("办公设备购置费办公设备购置", "办公设备购置费（办公设备购置）")])
def test_a_projects_economic_class_read_into_its_name_is_set_apart(label, project):
    """A 政府采购预算表 printing 专项名称 and 经济科目 side by side: the 经济科目 (a national 经济分类 款 name) read into the
    row's name when the columns are lost is said after the 专项, in brackets; other tables' names are left alone."""
    from qa.facts.labels import purchase_project

    header = "采购品目大类专项名称经济科目采购物品名称采购组织形式总计"
    assert purchase_project(label, header) == project
    assert purchase_project("会议费", header) == "会议费"  # (the class alone is a name)
    assert purchase_project(label, "项目单位名称合计") == label


def test_purchases_a_sum_lists_are_read_by_the_names_as_typed():
    """`全国人代会江苏代表团…` loses 江苏 from the item (the region's word); the listed names keep it."""
    rows = [row("会议费", 1354.73, "会议费 1,354.73"),
            row("江苏省第十三届人代会二次会议经费（会议费）", 1035.0, "1,035.00"),
            row("会议服务", 1035.0, "会议服务 分散自行组织 1,035.00"),
            row("全国人代会江苏代表团工作经费（会议费）", 113.63, "113.63"),
            row("会议服务", 113.63, "会议服务 分散自行组织 113.63"),
            row("常委会会议经费及省人大工作会议经费（会议费）", 206.1, "206.10"),
            row("会议服务", 206.1, "会议服务 分散自行组织 206.10")]
    question = "政府采购表里，人代会二次会议、全国人代会江苏代表团、常委会会议及省人大工作会议这三笔会议费加起来多少？"
    got = purchase_rows(parse_operation(question), question, "政府采购表里人代会二次会议全国人代会代表团常委会会议及工作会议", rows)
    assert got is not None and sorted(r.value for r in got.rows) == [113.63, 206.1, 1035.0]


# (as extraction names a 专项 row: its 经济科目 in brackets)
BRACKETED = [row("合计", 1422.5, "合计 1,422.50"), row("货物", 84.0, "一、货物A 84.00"),
             row("机要及电子政务业务费（办公设备购置）", 30.0, "机要及电子政务业务费 办公设备购置 30.00"),
             row("台式计算机（20万以下）", 4.0, "台式计算机（20万以下） 分散自行组织 4.00"),
             row("交换设备", 9.0, "交换设备 分散自行组织 9.00"),
             row("便携式计算机（20万以下）", 17.0, "便携式计算机（20万以下） 分散自行组织 17.00"),
             row("服务", 1338.5, "三、服务C 1,338.50"),
             row("行政运转保障经费（物业管理费）", 189.0, "行政运转保障经费 物业管理费 189.00"),
             row("物业管理服务", 189.0, "物业管理服务 政府集中采购 189.00")]


@pytest.mark.parametrize("question, said, value", [
    ("2019年机要及电子政务业务费里采购交换设备多少钱", "机要及电子政务业务费 采购 交换设备（分散自行组织）", 9.0),
    ("2019年政府采购的便携式计算机预算", "便携式计算机（20万以下）（分散自行组织）", 17.0),  # the one row of that name
    ("2019年政府采购里行政运转保障经费是多少", "行政运转保障经费（物业管理费）：189.00万元（采购物业管理服务（政府集中采购））", 189.0),
])
def test_a_row_of_the_procurement_table_asked_by_name_is_read_with_its_project(question, said, value):
    a = purchase_lookup(question, question, BRACKETED, FakeIndex([doc()]))
    assert a is not None and said in a.text and [f.value for f in a.figures] == [value]


def test_a_thing_bought_under_several_projects_is_read_under_the_one_named():
    a = purchase_lookup("省委办公厅承办的会议费采购会议服务多少", "省委办公厅承办的会议费采购会议服务", TREE, FakeIndex([doc()]))
    assert a is not None and [f.value for f in a.figures] == [872.1]
    both = purchase_lookup("政府采购里会议服务多少", "政府采购里会议服务", TREE, FakeIndex([doc()]))
    assert both is not None and sorted(f.value for f in both.figures) == [50.0, 872.1]


@pytest.mark.parametrize("question", ["2019年政府采购预算是多少", "2019年路由器多少钱", "2019年政府采购里计算机多少钱"])
def test_no_row_named_in_full_or_no_procurement_asked_gives_no_lookup(question):
    assert purchase_lookup(question, question, TREE, FakeIndex([doc()])) is None


def test_a_thing_bought_is_read_first_only_when_it_is_one_row_and_its_words_name_no_project():
    rows = [row("合计", 223.0, "合计 223.00"), row("服务", 223.0, "三、服务C 223.00"),
            row("物业管理费", 34.0, "物业管理费 34.00"), row("物业管理服务", 34.0, "物业管理服务 分散自行组织 34.00"),
            row("行政运转保障经费（物业管理费）", 189.0, "行政运转保障经费 物业管理费 189.00"),
            row("物业管理服务", 189.0, "物业管理服务 政府集中采购 189.00"),
            row("交通运行费（公务用车运行维护费）", 346.2, "交通运行费 公务用车运行维护费 346.20"),
            row("炼焦产品、炼油产品", 346.2, "炼焦产品、炼油产品 政府集中采购 346.20")]
    index = FakeIndex([doc()])
    under = purchase_lookup("行政运转保障经费里物业管理服务采购多少", "行政运转保障经费里物业管理服务", rows, index, one_bought=True)
    assert under is not None and [f.value for f in under.figures] == [189.0] and "政府集中采购" in under.text
    # 物业管理服务 alone: two rows (its own words name no 专项), left to the lookup path's sum
    assert purchase_lookup("物业管理服务采购了多少钱", "物业管理服务", rows, index, one_bought=True) is None
    # a user's word for the catalogue's name (燃油: 炼焦产品、炼油产品)
    fuel = purchase_lookup("公务用车运行维护费里燃油采购多少", "公务用车运行维护费里燃油", rows, index, one_bought=True)
    assert fuel is not None and [f.value for f in fuel.figures] == [346.2]


def test_the_largest_purchase_of_a_class_comes_with_its_share_of_that_class():
    from .test_operations import ask

    a = ask("测试局2019年政府采购里，服务类采购最大的一笔是什么？多少钱，占服务类采购的比例？", TREE)
    assert a is not None and a.found and a.figures[0].value == 872.1
    assert 65.16 in [f.value for f in a.figures]  # 872.1 ÷ 1338.5


@pytest.mark.parametrize("question, item, bought", [
    ("2019年政府采购的货物买了哪些东西", "政府采购的货物买了 东西", ["PC服务器", "台式计算机（20万以上）", "其他办公设备"]),
    ("2019年政府采购里服务类有哪些", "政府采购里服务类", ["物业管理服务", "部门集中采购", "会议服务"]),
])
def test_a_list_of_what_a_class_bought_is_the_tables_rows(question, item, bought):
    """政府采购的货物买了哪些东西: the things bought of that class, rows of the table, not a list the narrative gives."""
    op = parse_operation(question)
    assert lists_bought(op, question)
    rows = purchase_rows(op, question, item, ROWS)
    assert rows is not None and [r.fact.subject for r in rows.rows] == bought


def test_a_list_naming_no_class_bought_is_no_list_of_rows():
    assert not lists_bought(parse_operation("2019年政府采购的主要内容有哪些"), "2019年政府采购的主要内容有哪些")
    assert not lists_bought(parse_operation("货物类采购多少钱"), "货物类采购多少钱")
