"""Table columns read from kept cells: a second classification beside the row's own, columns the lexicon does
not name, rows that repeat the same figure, one-row summaries, and a table carried over a page break (qa/facts/
table_layout.py, table_columns.py, tables.py, extract.py; qa/ingest/pdf_tables.py)."""
from __future__ import annotations

from qa.facts.extract import _dedupe
from qa.facts.table_layout import without_second_classification
from qa.facts.tables import table_facts
from qa.models import Document, Fact, Page, Table

HEADER = ("部门经济科目编码", "部门经济科目名称", "政府经济科目编码", "政府经济科目名称", "合计", "人员经费支出", "公用经费支出",
          "专项业务经费支出", "备注")
ROWS = (
    ("", "合计", "", "", "1,000.00", "400.00", "100.00", "500.00", ""),
    ("30101", "基本工资", "50101", "工资奖金津补贴", "300.00", "300.00", "0.00", "0.00", ""),
    ("30215", "会议费", "50202", "会议费", "120.00", "0.00", "20.00", "100.00", ""),
)


def _doc(table: Table) -> Document:
    page = Page(number=1, text=table.title + "\n" + "\n".join(" ".join(r) for r in table.rows), tables=(table,))
    return Document(doc_id="d", source="r.pdf", title="示例", pages=(page,), path="r.pdf", kind="预算")


def test_a_second_classifications_codes_and_names_are_no_figures():
    table = Table(title="一般公共预算支出明细表（按支出经济分类科目）", rows=(HEADER, *ROWS), header_rows=1, unit="元")
    cleaned = without_second_classification(table, 1)
    assert cleaned.rows[2][:4] == ("30101", "基本工资", "", "")
    assert cleaned.rows[0] == HEADER and cleaned.rows[2][4:] == ROWS[1][4:]
    facts = table_facts(table, _doc(table))
    assert not any(f.value in (50101.0, 50202.0) for f in facts)
    got = {(f.subject, f.measure): f.value for f in facts}
    # 专项业务经费支出 is named by no header word of the lexicon: its own words name it, and the row places
    assert got[("会议费", "合计")] == 120.0 and got[("会议费", "专项业务经费支出")] == 100.0
    assert got[("会议费", "公用经费")] == 20.0 and got[("基本工资", "人员经费")] == 300.0


def test_side_by_side_panels_keep_their_code_columns():
    header = ("科目代码", "科目名称", "决算数", "科目代码", "科目名称", "决算数")
    table = Table(title="基本支出决算表", rows=(header, ("301", "工资福利支出", "6.00", "302", "商品和服务支出", "2.00")),
                  header_rows=1)
    assert without_second_classification(table, 1) is table


def test_a_column_name_printed_under_several_groups_names_no_column():
    # 会议费 under 2020年 and under 2021年: without its year it names no column, and the row is not misread
    header1 = ("单位编码", "单位名称", "2020年", "", "", "2021年", "", "")
    header2 = ("", "", "合计", "会议费", "培训费", "合计", "会议费", "培训费")
    table = Table(title="会议费、培训费支出预算表", rows=(header1, header2, ("201", "某部门", "5.00", "3.00", "2.00", "4.00",
                                                                  "1.00", "3.00")), header_rows=2)
    facts = table_facts(table, _doc(table))
    assert not any(f.measure == "会议费" for f in facts)


def _fact(subject: str, value: float, table: str | None = "表") -> Fact:
    return Fact("d", subject, "合计", value, "万元", f"{subject} {value}", table=table, page=1)


def test_two_rows_printing_the_same_thing_are_both_kept_a_cell_read_twice_is_not():
    a, b = _fact("印刷服务", 30.0), _fact("会议服务", 9.0)
    assert _dedupe([a, b, a]) == [a, b, a]
    assert _dedupe([a, a, b]) == [a, b]
    said = _fact("会议费", 9.0, table=None)
    assert _dedupe([said, b, said]) == [said, b]


def test_a_column_of_its_own_holds_only_the_figures_printed_under_it():
    # a 绩效目标表: 资金总额 heads the project rows' amounts; the indicator rows' targets and scores sit in
    # other cells and are no 资金总额
    header1 = ("单位编码", "单位（项目）名称", "资金总额", "绩效目标", "一级指标", "二级指标", "指标值", "分值")
    rows = (header1,
            ("106001", "警务辅助人员经费", "15,470.00", "保障辅警队伍", "产出指标", "数量指标", "100", "20"),
            ("", "", "", "", "效益指标", "满意度", "90", "10"),
            ("106001", "民警训练经费", "163.46", "提升训练水平", "产出指标", "数量指标", "12", "30"))
    table = Table(title="项目支出绩效目标表", rows=rows, header_rows=1, unit="万元")
    facts = table_facts(table, _doc(table))
    placed = {(f.subject, f.value) for f in facts if f.measure == "资金总额"}
    assert placed == {("警务辅助人员经费", 15470.0), ("民警训练经费", 163.46)}


def test_a_column_describing_the_row_is_no_part_of_its_name():
    header = ("项目名称", "项目类型", "合计")
    rows = (("民政业务工作经费", "其他运转类", "176.00"), ("养老服务发展资金", "特定目标类", "237.00"), ("", "特定目标类", "12.00"))
    table = Table(title="项目支出预算情况表", rows=(header, *rows), header_rows=1, unit="万元")
    facts = {f.value: f for f in table_facts(table, _doc(table))}
    assert facts[176.0].subject == "民政业务工作经费" and facts[237.0].subject == "养老服务发展资金"
    # the quote is the row as printed, its 项目类型 included
    assert facts[237.0].quote == "养老服务发展资金 特定目标类 237.00"
    # a row printing nothing but its type keeps it as its name
    assert facts[12.0].subject == "特定目标类"


def test_a_column_headed_by_its_class_word_is_that_classs_column():
    header = ("经济科目编码", "经济科目名称", "总计", "人员类", "公用经费")
    rows = (("302", "商品和服务支出", "2,128.48", "83.47", "2,045.01"), ("30299", "其他商品和服务支出", "799.69", "83.47", "716.22"))
    table = Table(title="一般公共预算基本支出情况表", rows=(header, *rows), header_rows=1, unit="万元")
    got = {(f.subject, f.measure): f.value for f in table_facts(table, _doc(table))}
    # 人员类 is the 人员经费 column: the rows' three figures are placed, not left without a column
    assert got[("其他商品和服务支出", "合计")] == 799.69 and got[("其他商品和服务支出", "人员经费")] == 83.47
    assert got[("商品和服务支出", "公用经费")] == 2045.01


def test_a_column_under_a_spanning_group_is_read_by_its_own_lower_name():
    """`基本支出` printed over `人员支出 | 公用经费`: the first column is 人员经费 (人员支出 is its header's word for
    it), not a second 基本支出 holding only the 人员 part."""
    header1 = ("科目编码", "科目名称", "总计", "基本支出", "", "项目支出")
    header2 = ("", "", "", "人员支出", "公用经费", "")
    rows = (("", "合计", "6,256.31", "1,487.48", "116.93", "4,651.90"),
            ("2082801", "行政运行", "571.56", "523.00", "48.57", ""))
    table = Table(title="2026年市级部门支出预算总表", rows=(header1, header2, *rows), header_rows=2, unit="万元")
    got = {(f.subject, f.measure): f.value for f in table_facts(table, _doc(table))}
    assert got[("合计", "人员经费")] == 1487.48 and got[("合计", "公用经费")] == 116.93
    assert ("合计", "基本支出") not in got and got[("行政运行", "人员经费")] == 523.0


def test_rows_printed_with_their_classs_code_get_the_national_code_of_their_name():
    header = ("科目编码", "科目名称", "决算数")
    rows = (("301", "工资福利支出", "1,495.65"), ("301", "基本工资", "229.10"), ("301", "绩效工资", "516.73"),
            ("301", "示例补贴", "10.00"))
    table = Table(title="一般公共预算财政拨款基本支出决算明细表", rows=(header, *rows), header_rows=1, unit="万元")
    codes = {f.subject: f.subject_code for f in table_facts(table, _doc(table))}
    assert codes["工资福利支出"] == "301" and codes["基本工资"] == "30101" and codes["绩效工资"] == "30107"
    assert codes["示例补贴"] is None  # no national 款 of that name: no code is made up


def test_figures_under_a_column_no_header_word_names_leave_the_named_columns_in_place():
    # 其中：专项资金… under 一般公共预算拨款 names no column: its figure is its own, and the row's total is still
    # the 合计 (it had left all twelve figures unplaced)
    header1 = ("单位编码", "单位名称", "合计", "一般公共预算拨款", "", "政府性基金拨款", "上级补助收入")
    header2 = ("", "", "", "小计", "其中：专项资金列入部门预算项目", "", "")
    rows = (header1, header2,
            ("201001", "某市委宣传部", "2,551.97", "2,551.97", "2,000.00", "0.00", "0.00"),
            ("201002", "某市委理论讲师团", "33.99", "33.99", "0.00", "0.00", "0.00"))
    table = Table(title="部门收入总表", rows=rows, header_rows=2, unit="万元")
    got = {(f.subject, f.measure): f.value for f in table_facts(table, _doc(table))}
    assert got[("某市委理论讲师团", "合计")] == 33.99 and got[("某市委宣传部", "合计")] == 2551.97
    assert got[("某市委宣传部", "政府性基金拨款")] == 0.0


def test_a_header_printed_without_its_数_names_the_budget_column():
    header = (("收 入", "", "支 出", ""), ("项 目", "本年预算", "项 目", "本年预算"))
    rows = (*header, ("一、本级财政拨款收入", "68,632.12", "一、基本支出", "28,398.17"),
            ("", "", "二、项目支出", "40,233.95"))
    table = Table(title="部门收支总体情况表", rows=rows, header_rows=2, unit="万元")
    got = {(f.subject, f.measure): f.value for f in table_facts(table, _doc(table))}
    assert got[("基本支出", "预算数")] == 28398.17 and got[("项目支出", "预算数")] == 40233.95
    assert got[("本级财政拨款收入", "预算数")] == 68632.12


def test_a_one_row_summary_under_its_column_names_is_the_tables_total():
    # 支出预算总表 printing only 合计 基本支出 项目支出 … and one row of figures: the row is the 支出 total
    rows = (("合计", "基本支出", "项目支出", "单位预留机动经费"), ("20,849.45", "9,964.07", "10,688.66", "196.72"))
    table = Table(title="支出预算总表", rows=rows, header_rows=1, unit="万元")
    got = {(f.subject, f.measure): f.value for f in table_facts(table, _doc(table))}
    assert got[("支出合计", "合计")] == 20849.45 and got[("支出合计", "项目支出")] == 10688.66
    # a column name printed under two groups (本年收入 小计, 上年结转 小计) says no total alone: no row is guessed
    rows = (("合计", "本年收入", "", "上年结转", ""), ("", "小计", "其他收入", "小计", "单位资金"),
            ("100.00", "90.00", "90.00", "10.00", "10.00"))
    table = Table(title="收入总表", rows=rows, header_rows=2, unit="万元")
    assert not any(f.subject == "收入合计" for f in table_facts(table, _doc(table)))


def test_a_cells_tail_carried_over_a_page_break_leaves_the_next_part_at_the_top():
    from qa.ingest.pdf_lines import TextLine, _RawPage, _RawTable
    from qa.ingest.pdf_tables import _place_tables

    def page(text: str) -> _RawPage:
        table = _RawTable(page=18, bbox=(62.0, 88.0, 544.0, 765.0), rows=[["江苏法院云平台租赁费", "1,000.00"]],
                          col_x=[(62.0, 300.0), (300.0, 544.0)])
        return _RawPage(number=18, lines=[TextLine(text, 74.0, 84.0, 62.0, 120.0)], tables=[table], in_table=[False])

    tail = page("置更新")
    _place_tables(tail, [(tail.lines[0], False)], [])
    assert tail.tables[0].at_top
    titled = page("十三、政府采购预算表")
    _place_tables(titled, [(titled.lines[0], False)], [])
    assert not titled.tables[0].at_top
