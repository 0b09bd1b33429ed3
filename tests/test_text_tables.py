"""Tables of text reports: continued over page breaks, names wrapped around their 科目编码 row, 三公经费 tables
with 预算数/决算数 under each item; counts of vehicles whatever their unit; a table a web page flattened into one
line of its narrative."""
from __future__ import annotations

from qa.facts.extract import extract_facts
from qa.ingest.document import load_document

HEAD = "示例市测试局2025年度部门决算\n第一部分 部门概况\n"
EXPENSE = (
    "支出决算表\n单位：万元\n项目\n本年支出合计 基本支出 项目支出\n科目编码 科目名称\n合计 3,000.00 2,000.00 1,000.00\n"
    "208 社会保障和就业支出 900.00 900.00\n机关事业单位职业年金缴\n2080506 257.14 257.14\n费支出\n"
    "20807 就业补助 642.86 642.86\n"
    "\f212 城乡社区支出 2,100.00 1,100.00 1,000.00\n2120199 其他城乡社区管理事务支出 1,682.11 682.11 1,000.00\n"
    "2120101 行政运行 417.89 417.89\n其他城乡社区公共设施支 2120399 100.00 100.00\n出\n"
    "\f第二部分 其他说明\n一、机关运行经费\n截至2025年底，本单位共有车辆17台。\n"
)
SANGONG = (
    "\f财政拨款“三公”经费支出决算表\n单位：万元\n财政拨款“三公”经费\n公务用车购置及运行维护费\n因公出国\n"
    "合计 公务用车 公务用车 公务接待费\n（境）费 小计\n购置费 运行维护费\n"
    "预算数 决算数 预算数 决算数 预算数 决算数 预算数 决算数 预算数 决算数 预算数 决算数\n"
    "53.93 37.35 52.40 37.35 25.00 25.00 27.40 12.35 1.53 0\n注：本表反映部门本年度“三公”经费支出预决算情况。\n"
)


def _facts(tmp_path, text):
    path = tmp_path / "r.txt"
    path.write_text(HEAD + text, encoding="utf-8")
    return extract_facts(load_document(path))


def test_a_table_continued_on_the_next_page_keeps_its_rows(tmp_path):
    facts = _facts(tmp_path, EXPENSE)
    rows = {(f.subject, f.value, f.page) for f in facts if f.table == "支出决算表"}
    assert ("其他城乡社区管理事务支出", 1682.11, 2) in rows and ("行政运行", 417.89, 2) in rows
    codes = {f.subject: f.subject_code for f in facts if f.table == "支出决算表"}
    assert codes["其他城乡社区公共设施支出"] == "2120399"  # a name printed before its code keeps the code
    # the narrative page after the table is no part of it
    assert not any(f.table and f.page == 3 for f in facts)


def test_a_name_wrapped_around_its_code_row_is_one_name_quoted_as_printed(tmp_path):
    facts = [f for f in _facts(tmp_path, EXPENSE) if f.value == 257.14 and f.table]
    assert facts and {f.subject for f in facts} == {"机关事业单位职业年金缴费支出"}
    assert {f.subject_code for f in facts} == {"2080506"}
    assert "2080506" in facts[0].quote and "费支出" in facts[0].quote


def test_sangong_table_with_both_measures_under_each_item(tmp_path):
    facts = {(f.subject, f.measure): f.value for f in _facts(tmp_path, SANGONG) if f.table}
    assert facts[("公务用车运行维护费", "预算数")] == 27.4 and facts[("公务用车运行维护费", "决算数")] == 12.35
    assert facts[("三公经费", "预算数")] == 53.93 and facts[("公务接待费", "决算数")] == 0.0


def test_vehicles_counted_in_tai_are_a_number_of_vehicles(tmp_path):
    (fact,) = [f for f in _facts(tmp_path, EXPENSE) if f.value == 17]
    assert fact.subject == "车辆" and fact.measure == "车辆数"


def test_performance_indicators_and_scores_are_no_facts():
    from qa.facts.extract import without_indicators
    from qa.models import Fact

    kept = Fact("d", "大院运行和维修经费", "", 2791.51, "万元", "大院运行和维修经费 2,791.51")
    junk = [Fact("d", "成本控制率", "", 100.0, "万元", "成本控制率 100"),
            Fact("d", "参保准确率达到目标计满分，每出现1人不精准扣1分", "", 5.0, "万元", "5"),
            Fact("d", "产出指标数量指标录入条数", "", 40.0, "万元", "40")]
    rate = Fact("d", "执行率", "执行率", 95.0, "%", "执行率95%")
    assert without_indicators([kept, *junk, rate]) == [kept, rate]


PANELS = (
    "四、部门整体支出绩效分析\n（一）2025年度预算情况\n部门预算收入为100万元。\n详见下表(以下金额单位为万元):\n"
    "项目\t年初预算数\t调整预算数\t项目(按支出性质和经济分类)\t年初预算数\t调整预算数\n"
    "一、财政拨款收入\t100.00\t120.00\t一、基本支出\t80.00\t90.00\n"
    "二、上级补助收入\t-\t-\t-日常公用经费\t6.80\t5.31\n"
    "\t\t\t基本支出和项目支\t100.00\t120.00\n"
    "项目\t年初预算数\t调整预算数\t项目(按支出性质 和经济分类)\t年初预算数\t调整预算数\n"
    "\t\t\t出合计\t\t\n"
    "\t\t\t工资福利支出\t70.00\t75.00\n"
    "（二）部门整体支出情况\n本年支出120万元。\n"
)


def test_a_table_without_caption_or_unit_line_is_read_under_its_header(tmp_path):
    facts = {(f.subject, f.measure): (f.value, f.unit, f.table) for f in _facts(tmp_path, PANELS) if f.table}
    # two panels side by side; a dash left by an empty cell is no part of a label; 调整预算数 is the adjusted budget
    assert facts[("日常公用经费", "年初预算数")][:2] == (6.8, "万元")
    assert facts[("日常公用经费", "全年预算数")][0] == 5.31
    assert facts[("财政拨款收入", "全年预算数")][0] == 120.0
    # a label wrapped past the header printed again is one label
    assert facts[("基本支出和项目支出合计", "年初预算数")][0] == 100.0
    assert facts[("工资福利支出", "全年预算数")][2] == "（一）2025年度预算情况"
    assert not any("上级补助收入" in s for s, _ in facts)


FLATTENED = (
    "二、部门预算单位基本情况本部门包括3个下属单位，其中：列入2025年部门预算编制范围的单位详细情况见下表: 单位名称 "
    "经费性质 人员 编制数 在职 人数 示例局本级 财政核拨 65 67 示例局办事处 财政拨补 / / 示例研究中心 财政核拨 9 7 "
    "示例服务中心 财政核拨 53 45 三、2025年决算收支总体情况2025年本年支出5187.13万元。\n"
)


def test_a_table_flattened_into_a_line_is_read_and_the_line_stays_narrative(tmp_path):
    from qa.ingest.text import inline_tables

    (table,) = inline_tables(FLATTENED, None)
    # the header's words grouped into the records' columns: a word per text column, the rest where a name ends
    assert table.rows[0] == ("单位名称", "经费性质", "人员编制数", "在职人数")
    assert table.rows[2] == ("示例局办事处", "财政拨补", "/", "/") and len(table.rows) == 5
    assert table.title == "列入2025年部门预算编制范围的单位"
    facts = _facts(tmp_path, FLATTENED)
    got = {(f.subject, f.measure): (f.value, f.unit) for f in facts if f.table}
    # the row is named by its name column, not its 经费性质; a head count is in 人, whatever the default unit
    assert got[("示例研究中心", "在职人数")] == (7.0, "人") and got[("示例服务中心", "编制数")] == (53.0, "人")
    assert not any("财政核拨" in s for s, _ in got)
    # the sentences around the table in the same line are still read
    assert any(f.value == 5187.13 and not f.table for f in facts)


def test_a_sentence_with_figures_is_no_flattened_table():
    from qa.ingest.text import inline_tables

    line = "其中：人员支出 2320.90 万元，公用支出 906.32 万元，项目支出 1959.90 万元，其他 12 万元。"
    assert inline_tables(line, None) == []


def test_a_projects_itemised_spending_is_a_table_titled_by_the_project():
    from qa.ingest.text import find_text_tables

    lines = ["项目名称 机构运转 项目代码", "资金单位：万元", "项目支出明细 金额", "", "合计 32.65", "",
             "1、聘请法律顾问 5", "", "2、信息化设备网络维护 7.15", "", "3.购买服务：审计费 24", "", "测算依据"]
    (table,) = [t for t in find_text_tables(lines) if "明细" in t.title]
    assert table.title == "机构运转项目支出明细" and table.unit == "万元"
    assert [r[0] for r in table.rows[1:]] == ["合计", "聘请法律顾问", "信息化设备网络维护", "购买服务：审计费"]
    assert table.row_lines == (3, 5, 7, 9, 11)


def test_funds_beside_the_two_years_before_give_last_years_amount():
    from qa.ingest.text import find_text_tables

    lines = ["总体资金情况 当年预算收支 占比", "近两年收支金额", "", "2019 年 2020 年", "", "收入构成", "",
             "财政拨款 737.86 100.00% 67.5 531.54", "", "合计 737.86 100.00% 67.5 531.54", "", "支出构成", "",
             "基本支出 282.86 35.14% 51 241.54", "", "合计 737.86 100.00% 67.5 531.54", "", "部门职能概述"]
    (table,) = [t for t in find_text_tables(lines) if t.title == "部门总体资金情况"]
    assert table.rows == (("名称", "预算数", "上年数"), ("财政拨款", "737.86", "531.54"), ("收入合计", "737.86", "531.54"),
                          ("基本支出", "282.86", "241.54"), ("支出合计", "737.86", "531.54"))


def test_a_text_self_evaluation_forms_total_score_is_its_projects_score():
    from qa.ingest.text import find_text_tables

    lines = ["项目名称 城乡医疗救助", "主管部门 某局", "年度资金总额 1403.1 995.33 70.94% 14.2", "总分 94.2",
             "偏差大或目标未完成原因分析", "总分 100", "项目名称 医疗保障工作经费", "总分 100 分"]
    scored = [t for t in find_text_tables(lines) if t.title.endswith("项目支出绩效自评表")]
    assert [(t.rows[0][1], t.rows[1][1]) for t in scored] == [("城乡医疗救助", "94.2"), ("医疗保障工作经费", "100")]


def test_a_table_whose_next_page_opens_with_a_wrapped_name_runs_on(tmp_path):
    """The page after the break opens with the rest of a name (其他城乡社区公共设施支 / 2120399 … / 出): the table
    runs on, and its rows after the break are its own."""
    wrapped = EXPENSE.replace("2120101 行政运行 417.89 417.89\n其他城乡社区公共设施支 2120399 100.00 100.00\n出\n",
                              "2120101 行政运行 417.89 417.89\n\f其他城乡社区公共设施支\n2120399 100.00 100.00\n出\n"
                              "224 灾害防治及应急管理支出 98.23 98.23\n")
    facts = [f for f in _facts(tmp_path, wrapped) if f.table == "支出决算表"]
    subjects = {f.subject: f.subject_code for f in facts}
    assert subjects.get("灾害防治及应急管理支出") == "224"
    assert subjects.get("其他城乡社区公共设施支出") == "2120399"
