"""Performance indicators read from a table's columns (三级指标, 指标值, 计量单位, 分值, 得分)."""
from __future__ import annotations

from qa.answer.asked import nouns_counted
from qa.answer.difference import _COMPARED, _pair
from qa.answer.loose_match import match_by_unit
from qa.answer.match import match_question
from qa.answer.rows import select_rows
from qa.answer.statements import statements_for
from qa.facts.extract import extract_facts
from qa.facts.indicator_tables import read_indicators
from qa.models import Document, Fact, Page, Table
from qa.search.operation import parse_operation
from qa.search.query import parse_question, terms
from qa.search.shape import listed_measures


def _doc(*tables: Table, text: str = "") -> Document:
    return Document(doc_id="d1", source="x.pdf", title="", pages=(Page(number=3, text=text, tables=tables),))


#: a budget's target table: the project column carried down, each value's unit in a column of its own
TARGETS = Table(
    title="项目支出绩效目标表",
    rows=(("单位编码", "单位（项目）名称", "资金总额", "绩效指标", "", "", "", "", ""),
          ("", "", "", "一级指标", "二级指标", "三级指标", "指标值", "度量单位", "指标值类型"),
          ("106001", "警务辅助人员经费", "15,470.00", "产出指标", "数量指标", "全年管理辅警人数", "5000", "人", "≥"),
          ("", "", "", "", "质量指标", "招录辅警准入合格率", "100", "%", "="),
          ("", "", "", "", "", "安全隐患整治是否到位", "到位", "", "定性"),
          ("", "", "", "效益指标", "", "辅警满意度（%）", "90", "", "≥"),
          ("106001", "民辅警意外险经费", "795.00", "成本指标", "经济成本指标", "保费标准", "700", "元/人", "≤")),
    header_rows=2, unit="万元", page=3)


def test_a_target_takes_the_unit_printed_in_its_own_column_and_its_project():
    facts = extract_facts(_doc(TARGETS))
    targets = {(f.table, f.subject): (f.value, f.unit) for f in facts if f.measure == "目标值"}
    assert targets == {
        ("警务辅助人员经费绩效指标", "全年管理辅警人数"): (5000.0, "人"),
        ("警务辅助人员经费绩效指标", "招录辅警准入合格率"): (100.0, "%"),
        ("警务辅助人员经费绩效指标", "辅警满意度"): (90.0, "%"),  # (the unit in brackets after the name)
        ("民辅警意外险经费绩效指标", "保费标准"): (700.0, "元/人"),
    }
    # the indicators' cells are no amounts of the budget; the project's own amount still is
    assert not any(f.unit == "万元" and f.value in (5000.0, 100.0, 700.0) for f in facts)
    assert any(f.subject == "警务辅助人员经费" and f.value == 15470.0 and f.unit == "万元" for f in facts)


#: a final account's self-evaluation form: funding rows first, the indicators' header half-way down
FORM = Table(
    title="信息化运行维护项目绩效自评表",
    rows=(("项目名称", "", "信息化运行维护", "", "", "", "", "", ""),
          ("绩效指标", "一级指标", "二级指标", "三级指标", "", "年度指标值", "实际完成值", "分值", "得分"),
          ("", "产出指标", "数量指标", "数据中心设备维护量", "", "≥330台套", "330台套", "10", "10"),
          ("", "", "质量指标", "设备完好率", "", "≥96%", "85%", "10", "7.1"),
          ("", "效益指标", "社会效益指标", "系统安全性", "", "得到提升", "运行稳定", "10", "9"),
          ("总分", "", "", "", "", "", "", "100", "90.5")),
    page=3)


def test_a_self_evaluation_form_gives_target_achieved_weight_and_score():
    facts, _ = read_indicators(FORM, _doc(FORM), kept=True)
    got = {(f.subject, f.measure): (f.value, f.unit) for f in facts}
    assert got == {
        ("数据中心设备维护量", "目标值"): (330.0, "台套"), ("数据中心设备维护量", "实际完成值"): (330.0, "台套"),
        ("数据中心设备维护量", "分值"): (10.0, "分"), ("数据中心设备维护量", "得分"): (10.0, "分"),
        ("设备完好率", "目标值"): (96.0, "%"), ("设备完好率", "实际完成值"): (85.0, "%"),
        ("设备完好率", "分值"): (10.0, "分"), ("设备完好率", "得分"): (7.1, "分"),
        # a qualitative target states no figure; its points do
        ("系统安全性", "分值"): (10.0, "分"), ("系统安全性", "得分"): (9.0, "分"),
    }
    assert {f.table for f in facts} == {"信息化运行维护绩效指标"}
    assert next(f for f in facts if f.subject == "设备完好率").quote == "设备完好率 ≥96% 85% 10 7.1"


def test_the_same_indicator_read_from_the_page_lines_is_not_stated_twice():
    doc = _doc(FORM, text="项目名称 信息化运行维护\n设备完好率 ≥96% 85% 10 7.1")
    facts = [f for f in extract_facts(doc) if f.measure == "实际完成值" and f.value == 85.0]
    assert len(facts) == 1 and facts[0].subject == "设备完好率"


def test_no_indicator_columns_or_no_kept_cells_read_nothing():
    other = Table(title="支出决算表", rows=(("科目名称", "决算数"), ("行政运行", "100.00")), header_rows=1, page=3)
    assert read_indicators(other, _doc(other), kept=True) == ([], other)
    # space-separated rows lose their empty cells: a column is no place
    assert read_indicators(FORM, _doc(FORM), kept=False) == ([], FORM)


# --- what a question reads of them


def _fact(subject: str, measure: str, value: float, unit: str, table: str) -> Fact:
    return Fact("d1", subject, measure, value, unit, f"{subject} {value}", table=table, page=3)


def test_a_projects_targets_are_rows_only_of_a_question_about_them():
    projects = [_fact("财政审计项目", "项目总额", 300.0, "万元", "项目支出绩效目标表"),
                _fact("社保审计项目", "项目总额", 200.0, "万元", "项目支出绩效目标表")]
    targets = [_fact("公务住宿费控制标准", "目标值", 340.0, "元/人", "社保审计项目绩效指标"),
               _fact("审计报告数量", "目标值", 12.0, "份", "社保审计项目绩效指标")]
    item = "社保审计项目和财政审计项目哪个经费最多"
    rows = select_rows(parse_operation(item), item, projects + targets)
    assert rows.table == "项目支出绩效目标表"
    asked = "社保审计项目哪个指标的目标值最高"
    assert select_rows(parse_operation(asked), asked, projects + targets).table == "社保审计项目绩效指标"


def test_project_alone_names_project_spending_not_an_indicator_holding_the_word():
    assert match_question("这个项目绩效自评得分", {"项目成本控制", "设备完好率"}) is None
    assert match_question("项目经费", {"项目支出", "基本支出", "项目成本控制"}).subjects == ("项目支出",)


def test_a_noun_counted_in_its_own_unit_is_not_answered_in_another():
    assert nouns_counted(parse_question("审计局有多少编制？")) == ["人", "名"]
    assert nouns_counted(parse_question("审计局一共写了多少篇论文？")) == []


def test_measures_listed_together_are_both_asked():
    vocab = parse_question("设备完好率目标和实际各是多少？")
    assert vocab.measures == ("目标值", "实际完成值")
    assert listed_measures("实际与目标分别多少", terms()["measures"]) == ["实际完成值", "目标值"]
    # a head alone names no measure: 绩效目标 is no 目标值
    assert listed_measures("绩效目标表里资金总额是多少", terms()["measures"]) == []


def test_a_projects_indicators_are_ranked_by_their_own_values_under_no_heading():
    table = "信息化运行维护绩效指标"
    facts = [_fact("项目成本控制", "得分", 20.0, "分", table), _fact("数据中心设备维护量", "得分", 10.0, "分", table),
             _fact("前端运维问题响应时间", "得分", 10.0, "分", table), _fact("设备完好率", "得分", 7.1, "分", table)]
    item = "信息化运行维护项目自评表的绩效指标中哪个三级指标得分最低"
    rows = select_rows(parse_operation(item), item, facts)
    assert rows.table == table and rows.noun == "指标" and len(rows.rows) == 4
    assert min(rows.rows, key=lambda r: r.value).subject == "设备完好率"


def test_a_count_said_in_a_unit_one_indicator_of_the_named_project_is_counted_in():
    table = "《北京审计》杂志办刊经费绩效指标"
    facts = [_fact("每期印刷数量", "目标值", 900.0, "册", table), _fact("编辑印刷期数", "目标值", 4.0, "期", table),
             _fact("检查档案数量", "目标值", 30.0, "册", "审计质量管理经费绩效指标")]
    assert match_by_unit("杂志办刊经费每期计划印册", facts, ["册"]).subjects == ("每期印刷数量",)
    # no table named: no match by the unit alone
    assert match_by_unit("每期计划印册", facts, ["册"]) is None


def test_two_indicators_in_one_unit_are_compared():
    table = "装备购置费绩效指标"
    facts = [_fact("民警被装配备标准", "目标值", 6800.0, "元/人", table),
             _fact("普通辅警被装配备标准", "目标值", 4400.0, "元/人", table),
             _fact("标准", "预算数", 25.0, "万元", None)]
    pair = _pair(_COMPARED[0].match("装备购置项目中民警被装配备标准比普通辅警高元/人"), facts)
    assert [(f.subject, f.value) for f in pair] == [("民警被装配备标准", 6800.0), ("普通辅警被装配备标准", 4400.0)]


def test_a_projects_total_column_is_its_amount_when_no_measure_is_said():
    facts = [_fact("《北京审计》杂志办刊经费", "项目总额", 17.398, "万元", "项目支出绩效目标表")]
    measures, asked = ["预算数", "年初预算数", "合计"], False  # (安排了多少: the budget's defaults, no measure said)
    said = statements_for("d1", facts, ["《北京审计》杂志办刊经费"], measures, asked, "预算")
    assert [(s.measure, s.value) for s in said] == [("项目总额", 17.398)]


def test_listed_indicators_summed_in_their_unit():
    from qa.answer.facts import answer_from_facts

    from .test_operations import doc
    from .test_readings import FactsIndex

    table = "信息化设备购置绩效指标"
    facts = [Fact("d", s, "目标值", v, "台", f"{s} ＝ {v:g} 台", table, None, 3)
             for s, v in (("购置便携式计算机", 209.0), ("购置扫描仪", 9.0), ("购置打印机", 10.0))]
    d = dict(doc(), kind="预算")
    question = "测试局2024年信息化设备购置项目中，便携式计算机、扫描仪和打印机加起来一共计划买多少台？"
    a = answer_from_facts(question, parse_question(question), ["d"], FactsIndex(facts, [d]))
    assert a is not None and "228台" in a.text and "209 + 9 + 10" in a.text



def test_an_indicator_its_projects_form_names_short_is_a_second_reading():
    from qa.answer.other_names import same_item_readings
    from qa.answer.statements import statements_for

    form = "职工医保门诊共济保障宣传制作经费绩效指标"
    facts = [_fact("职工医保门诊共济宣传手册", "实际完成值", 43.0, "万册", None),
             _fact("宣传手册", "实际完成值", 25.0, "万册", form), _fact("宣传手册", "实际完成值", 2.0, "万册", "另一项目绩效指标")]
    name = "职工医保门诊共济宣传手册"
    found = statements_for("d1", facts, [name], ["实际完成值"], True, "决算")
    other = same_item_readings("d1", facts, [name], found, True, "决算")
    assert [(s.subject, s.value) for s in other] == [("宣传手册", 25.0)]  # (not 2: another project's form)
