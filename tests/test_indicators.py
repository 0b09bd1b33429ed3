"""Performance indicators printed one to a line (qa/facts/indicators.py) and the questions they answer."""
from __future__ import annotations

from qa.facts.extract import extract_facts
from qa.facts.indicators import indicator_facts
from qa.ingest.document import load_document

REPORT = (
    "示例区医疗保障局2023年度部门决算\n第三部分 项目绩效自评\n"
    "一级指标 二级指标 三级指标 年初目标值 实际完成值 分值 得分\n"
    "产出指标 数量指标 住院救助人次数 ≥2500 人次 2941 人次 10 10\n"
    "成本指标 各级财政补助标准(元) ≥610 元/人 640 元/人 5\n"
    "社会效益指标参保率 ≥95% 97.16% 2.5\n"
    "合计 737.86 人次 282.86 人次 10\n"
    "基本支出 282.86 35.14% 51\n"
    "年度资金总额 100 万元 95 万元 10 9.5\n"
)


def _facts(tmp_path, text=REPORT):
    """The document of a report whose text is `text`."""
    path = tmp_path / "r.txt"
    path.write_text(text, encoding="utf-8")
    return load_document(path)


def test_an_indicator_line_gives_its_target_and_what_was_achieved_in_its_own_unit(tmp_path):
    got = {(f.subject, f.measure): (f.value, f.unit) for f in indicator_facts(_facts(tmp_path))}
    assert got[("住院救助人次数", "目标值")] == (2500.0, "人次")
    assert got[("住院救助人次数", "实际完成值")] == (2941.0, "人次")
    # the unit in brackets after a name is its values' unit; the levels before it are no part of it
    assert got[("各级财政补助标准", "实际完成值")] == (640.0, "元/人")
    assert got[("参保率", "目标值")] == (95.0, "%")
    # a table's total row, two values in different units, a table's own row: none is an indicator
    assert not any(s in ("合计", "基本支出", "年度资金总额") for s, _ in got)
    # two figures after the values are the indicator's weight and score, in the national form's order; one figure
    # under a header naming both columns is neither
    assert got[("住院救助人次数", "分值")] == (10.0, "分") and got[("住院救助人次数", "得分")] == (10.0, "分")
    assert ("参保率", "分值") not in got and ("参保率", "得分") not in got
    assert len(got) == 8


def test_one_figure_after_an_indicators_values_is_the_column_its_header_names(tmp_path):
    document = _facts(tmp_path, "示例县医疗保障局2023年度部门决算\n第三部分 项目绩效自评\n"
                    "一级指标 二级指标 三级指标 年初目标值（A） 实际完成值（B） 得分\n"
                    "监管频率 48 次/年 48 次/年 4\n服务对象满意度 95% 92% 4.5\n"
                    "定量指标计分原则：正向指标（即目标值为≥X，得分=权重*B/A），分值按权重计算。\n"
                    "一级指标 二级指标 三级指标 年初目标值 实际完成值 分值\n追回基金成果验收 21 家 21 家 5\n"
                    "一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分 偏差原因\n培训合格率 ≥98% 100% 8 7.5\n")
    got = {(f.subject, f.measure): (f.value, f.unit) for f in indicator_facts(document)}
    assert got[("监管频率", "得分")] == (4.0, "分") and ("监管频率", "分值") not in got
    assert got[("服务对象满意度", "得分")] == (4.5, "分")
    # a scoring rule printed under a table names no column: the next table's header does
    assert got[("追回基金成果验收", "分值")] == (5.0, "分") and ("追回基金成果验收", "得分") not in got
    assert got[("培训合格率", "分值")] == (8.0, "分") and got[("培训合格率", "得分")] == (7.5, "分")


def test_indicator_facts_are_kept_among_the_reports_facts(tmp_path):
    facts = extract_facts(_facts(tmp_path))
    assert any(f.subject == "住院救助人次数" and f.measure == "实际完成值" and f.value == 2941 for f in facts)


def test_a_count_asked_of_an_indicator_is_what_was_achieved_its_target_when_named(index_of):
    import qa
    from tests.conftest import tiny_report

    body = ("城乡医疗救助项目绩效自评表\n一级指标 二级指标 三级指标 年初目标值 实际完成值 分值 得分\n"
            "产出指标 数量指标 住院救助人次数 ≥2500 人次 2941 人次 10 10\n")
    settings = index_of({"r.txt": tiny_report("武汉市江岸区", 2023, body)})
    a = qa.ask("江岸区2023年住院救助了多少人次", settings=settings)
    assert a.found and "2941" in a.text and "2500" not in a.text
    a = qa.ask("江岸区2023年住院救助人次数的目标值", settings=settings)
    assert a.found and "2500" in a.text and "2941" not in a.text
    a = qa.ask("江岸区2023年住院救助了多少人次？目标是多少？", settings=settings)
    assert a.found and "2941" in a.text and "2500" in a.text


def test_an_indicators_score_is_asked_by_its_name_and_the_projects_score_by_the_projects(index_of):
    import qa
    from tests.conftest import tiny_report

    body = ("城乡医疗救助项目绩效自评表\n项目自评得分为96.5分。\n"
            "一级指标 二级指标 三级指标 年初目标值 实际完成值 分值 得分\n"
            "产出指标 数量指标 住院救助人次数 ≥2500 人次 2941 人次 10 10\n"
            "满意度指标 救助对象满意度 ≥95% 90% 10 8.5\n")
    settings = index_of({"r.txt": tiny_report("武汉市江岸区", 2023, body)})
    a = qa.ask("江岸区2023年救助对象满意度指标得了几分", settings=settings)
    assert a.found and "8.5" in a.text and "96.5" not in a.text
    a = qa.ask("江岸区2023年救助对象满意度的分值是多少", settings=settings)
    assert a.found and "10" in a.text and "8.5" not in a.text
    a = qa.ask("江岸区2023年城乡医疗救助项目自评得分", settings=settings)
    assert a.found and "96.5" in a.text and "8.5" not in a.text
    # a rate's name before the score asked (满意度有多少分): the score is asked, not the rate
    a = qa.ask("江岸区2023年救助对象满意度有多少分", settings=settings)
    assert a.found and "8.5" in a.text and "90%" not in a.text
    a = qa.ask("江岸区2023年住院救助人次数的得分是多少", settings=settings)  # (人次 names the indicator, not the figure)
    assert a.found and "10" in a.text and "2941" not in a.text


def test_an_indicator_is_placed_in_the_form_of_the_project_it_is_under(tmp_path):
    document = _facts(tmp_path, "示例县医疗保障局2023年度部门决算\n项目支出绩效自评表\n项目名称 医疗救助本级配套资金\n"
                    "一级指标 二级指标 三级指标 年初目标值 实际完成值 得分\n资金到位率 100% 100% 10\n"
                    "项目支出绩效自评表\n项目名称 基本医疗保险保障工作经费\n"
                    "一级指标 二级指标 三级指标 年初目标值 实际完成值 得分\n资金到位率 100% 95% 8\n"
                    "部门整体支出绩效自评表\n一级指标 二级指标 三级指标 年初目标值 实际完成值 得分\n预算执行率 100% 98% 9\n")
    got = {(f.subject, f.table, f.measure): f.value for f in indicator_facts(document)}
    assert got[("资金到位率", "医疗救助本级配套资金绩效指标", "得分")] == 10
    assert got[("资金到位率", "基本医疗保险保障工作经费绩效指标", "得分")] == 8
    # a new form naming no project: its indicators are of no project
    assert got[("预算执行率", None, "得分")] == 9



def test_an_indicator_whose_name_is_printed_over_the_lines_before_its_values_is_named_by_them(tmp_path):
    document = _facts(tmp_path, "示例区医疗保障局2023年度部门决算\n第三部分 项目绩效自评\n"
                    "一级指标 二级指标 三级指标 年初目标值 实际完成值 分值\n产出\n指标\n数量指标\n"
                    "职工医保门诊共济\n\n宣传手册 43 万册 43万册 1\n"
                    "开展职工医保门诊\n\n共济培训人次\n15000 人次 15606 人次 1\n"
                    "质量指标\n按时完成率 100% 100% 2\n")
    got = {(f.subject, f.measure): (f.value, f.unit) for f in indicator_facts(document)}
    assert got[("开展职工医保门诊共济培训人次", "目标值")] == (15000.0, "人次")
    assert got[("开展职工医保门诊共济培训人次", "实际完成值")] == (15606.0, "人次")
    assert got[("职工医保门诊共济宣传手册", "实际完成值")] == (43.0, "万册")
    assert got[("按时完成率", "目标值")] == (100.0, "%")  # (a level word before it is no piece of its name)
    assert got[("按时完成率", "分值")] == (2.0, "分")  # (the one point column the header names)
    assert len(got) == 9


def test_an_indicators_rate_answers_no_amount_asked_of_money_its_name_mentions(index_of):
    import qa
    from tests.conftest import tiny_report

    body = ("一、重点工作\n全年通过医疗救助一站式结算和医后救助，拨付医疗救助款约791.19万元。\n"
            "城乡医疗救助项目绩效自评表\n一级指标 二级指标 三级指标 年初目标值 实际完成值 分值 得分\n"
            "质量指标\n医疗救助资金\n发放准确率\n100% 100% 10\n")
    settings = index_of({"r.txt": tiny_report("武汉市江岸区", 2023, body)})
    a = qa.ask("江岸区2023年医疗救助总共拨付了多少救助资金？", settings=settings)
    assert a.found and "791.19" in a.text and "100%" not in a.text


def test_a_budgets_target_printed_alone_is_its_target(tmp_path):
    document = _facts(tmp_path, "示例区医疗保障局2021年度部门预算\n项目支出绩效目标表（医疗救助经费）\n"
                    "产出指标 数量指标 政策宣传活动 ≥5 次\n重特大疾病医疗\n救助人次占直接\n救助人次比例\n≥28%\n"
                    "满意度指标 困难对象满意度 ≥80%\n成本指标 经济成本指标 ≤ 10 万元\n≥2次；≥2人；≥300个\n"
                    "产出指标 数量指标 购置便携式计算机 ＝ 209 台\n")
    got = {(f.subject, f.measure, f.table): (f.value, f.unit) for f in indicator_facts(document)}
    form = "医疗救助经费绩效指标"
    assert got[("政策宣传活动", "目标值", form)] == (5.0, "次")
    assert got[("重特大疾病医疗救助人次占直接救助人次比例", "目标值", form)] == (28.0, "%")  # (its name over three lines)
    assert got[("困难对象满意度", "目标值", form)] == (80.0, "%")
    assert got[("购置便携式计算机", "目标值", form)] == (209.0, "台")  # (a target set equal)
    # a level with no name of its own, several targets in one line: no indicator
    assert len(got) == 4
