"""qa.facts.extract: figures placed in their table cells and narrative sentences.

Synthetic reports (qa.demo.sample) carry ground-truth facts: every one is looked up among the extracted facts
(recall) and no extracted fact may contradict one (precision). The real reports in ../shared/corpus are
checked figure by figure; each figure below was read in the report's text (line numbers are the text
file's) or on the rendered PDF page named in the test.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from qa.demo.sample import make_report, write_pdf, write_text
from qa.facts.extract import (
    MEASURE_UNKNOWN,
    MEASURES,
    extract_facts,
    normalize_measure,
    normalize_subject,
)
from qa.ingest.document import load_document
from qa.models import Document, Fact

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"
QINGSHAN = "wuhan-qingshan-2023-final.txt"
HUANGPI = "wuhan-huangpi-2024-final.txt"
TONGCHENG = "tongcheng-2023-final.txt"
HONGSHAN = "wuhan-hongshan-2021-budget.txt"
FINANCE_PDF = "shanghai-putuo-finance-2024-final.pdf"
PROCURATORATE_PDF = "jiangsu-procuratorate-2019-budget.pdf"

RECALL_BAR = 0.97


def squash(s: str) -> str:
    return re.sub(r"\s+", "", s)


def find(facts, subject, measure=None, *, table=None, code=None):
    """Facts about `subject` (and `measure`); table=True/False keeps table / narrative facts only,
    a string keeps the facts of the table whose title contains it."""
    out = []
    for f in facts:
        if f.subject != subject or (measure is not None and f.measure != measure):
            continue
        if table is True and f.table is None or table is False and f.table is not None:
            continue
        if isinstance(table, str) and (f.table is None or table not in f.table):
            continue
        if code is not None and f.subject_code != code:
            continue
        out.append(f)
    return out


def values(facts):
    return sorted({round(f.value, 4) for f in facts})


# ------------------------------------------------------------------------------------------------
# fixtures


@pytest.fixture(scope="module")
def corpus() -> dict[str, tuple[Document, list[Fact]]]:
    out = {}
    for name in (QINGSHAN, HUANGPI, TONGCHENG, HONGSHAN):
        doc = load_document(CORPUS / name)
        out[name] = (doc, extract_facts(doc))
    return out


@pytest.fixture(scope="module")
def pdfs(shared_document) -> dict[str, tuple[Document, list[Fact]]]:
    out = {}
    for name in (FINANCE_PDF, PROCURATORATE_PDF):
        doc = shared_document(CORPUS / "pdf" / name)
        out[name] = (doc, extract_facts(doc))
    return out


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory):
    """(format, report, facts) for flattened text, tab-separated text and PDF renderings."""
    root = tmp_path_factory.mktemp("facts-samples")
    out = []
    for seed in range(4):
        for kind in ("决算", "预算"):
            report = make_report(seed, kind=kind)
            path = write_text(report, root / f"s{seed}{kind}.txt")
            out.append(("text", report, extract_facts(load_document(path))))
            if seed < 2:
                path = write_text(report, root / f"t{seed}{kind}.txt", sep="\t")
                out.append(("tab", report, extract_facts(load_document(path))))
            if seed == 0:
                path = root / f"p{seed}{kind}.pdf"
                write_pdf(report, path)
                out.append(("pdf", report, extract_facts(load_document(path))))
    return out


# ------------------------------------------------------------------------------------------------
# ground truth of qa.demo.sample in this module's vocabulary

_GT_SUBJECTS = {
    "“三公”经费": "三公经费", "收支预算总计": "收支总计", "政府采购支出": "政府采购", "政府采购预算": "政府采购",
    "政府采购货物支出": "政府采购货物", "政府采购工程支出": "政府采购工程", "政府采购服务支出": "政府采购服务",
    "政府采购货物类": "政府采购货物", "政府采购工程类": "政府采购工程", "政府采购服务类": "政府采购服务",
    "编制人数": "编制", "实有人数": "实有人员", "因公出国（境）团组": "因公出国（境）",
    "财政拨款收支总预算": "财政拨款收支总计", "一般公共预算支出": "一般公共预算财政拨款支出",
    "政府性基金预算支出": "政府性基金预算财政拨款支出", "一般公共预算拨款收入": "一般公共预算财政拨款收入",
    "政府性基金预算拨款收入": "政府性基金预算财政拨款收入",
}
_GT_COUNTS = {"个": "个数", "人": "人数", "辆": "车辆数", "人次": "人次", "批次": "批次", "台（套）": "台套数"}


def gt_keys(f, kind):
    """(source, subjects, measures) of a sample.SampleFact: source = 公开NN表 or None (narrative)."""
    if f.where.startswith("公开"):
        subjects = {"收入总计", "支出总计"} if f.subject == "总计" else {_GT_SUBJECTS.get(f.subject, f.subject)}
        measure = normalize_measure(f.measure, kind)
        if f.where == "公开06表" and measure in ("决算数", "预算数"):
            measure = "合计"  # the generator names the 合计 column after the report kind
        return f.where, subjects, {measure}
    subject = _GT_SUBJECTS.get(f.subject, f.subject)
    if subject == "基本支出" and "基本支出" in f.where:
        subject = "一般公共预算财政拨款基本支出"
    measure = {"增长率": "增减率", "保有量": "车辆数"}.get(f.measure, f.measure)
    measures = {measure}
    if measure == "执行率":
        measures = {"执行率", "完成预算率"}  # 完成年初预算的 / 完成预算的
    elif measure == "数量":
        measures = {"批次"} if subject in ("因公出国（境）", "公务接待") and f.unit == "个" else {_GT_COUNTS.get(f.unit, "数量")}
    elif measure == "资金":
        measures = {"决算数", "预算数"}
    return None, {subject}, measures


def source_of(fact):
    m = re.search(r"公开\d+表", fact.table or "")
    return m.group(0) if m else None


def compare(report, facts):
    """(found, total, contradicting facts)."""
    gts = [(gt_keys(g, report.kind), g) for g in report.facts]
    by_key: dict = {}
    for f in facts:
        by_key.setdefault((source_of(f), f.subject, f.measure), []).append(f.value)
    found = 0
    allowed: dict = {}
    for (src, subjects, measures), g in gts:
        keys = [(src, s, m) for s in subjects for m in measures]
        if any(abs(v - g.value) < 0.005 for k in keys for v in by_key.get(k, [])):
            found += 1
        for k in keys:
            allowed.setdefault(k, []).append(g.value)
    bad = [f for f in facts if f.measure != MEASURE_UNKNOWN and (vals := allowed.get((source_of(f), f.subject, f.measure)))
           and not any(abs(v - f.value) < 0.005 for v in vals)]
    return found, len(gts), bad


def recall(synthetic, fmt):
    found = total = 0
    for f, report, facts in synthetic:
        if f == fmt:
            a, b, _ = compare(report, facts)
            found, total = found + a, total + b
    return found / total


# ------------------------------------------------------------------------------------------------
# synthetic reports


def test_flattened_text_reports_recall_their_ground_truth(synthetic):
    assert recall(synthetic, "text") >= RECALL_BAR


def test_tab_separated_text_reports_recall_their_ground_truth(synthetic):
    assert recall(synthetic, "tab") >= RECALL_BAR


def test_pdf_reports_recall_their_ground_truth(synthetic):
    assert recall(synthetic, "pdf") >= RECALL_BAR


def test_no_extracted_fact_contradicts_the_ground_truth(synthetic):
    bad = [(fmt, f.subject, f.measure, f.value, f.quote) for fmt, report, facts in synthetic
           for f in compare(report, facts)[2]]
    assert bad == []


def test_measures_come_from_the_vocabulary(synthetic, corpus):
    facts = [f for _, _, fs in synthetic for f in fs] + [f for _, fs in corpus.values() for f in fs]
    assert {f.measure for f in facts} <= MEASURES


def test_sample_tables_are_placed_by_hierarchy_and_narrative(synthetic):
    # 公开02/03 rows print two or three of six columns; the 合计 row is placed by the narrative
    # (其中：基本支出…) and the other rows by the sums of the 科目 hierarchy
    fmt, report, facts = next(x for x in synthetic if x[0] == "text" and x[1].kind == "决算")
    table_03 = [f for f in facts if source_of(f) == "公开03表"]
    assert table_03 and all(f.measure != MEASURE_UNKNOWN for f in table_03)


# ------------------------------------------------------------------------------------------------
# the real reports: quotes and sources


@pytest.mark.parametrize("name", [QINGSHAN, HUANGPI, TONGCHENG, HONGSHAN])
def test_every_corpus_quote_occurs_in_its_page_text(corpus, name):
    doc, facts = corpus[name]
    pages = {p.number: squash(p.text) for p in doc.pages}
    assert facts
    assert [f.quote for f in facts if squash(f.quote) not in pages[f.page]] == []


@pytest.mark.parametrize("name", [FINANCE_PDF, PROCURATORATE_PDF])
def test_every_pdf_quote_occurs_on_its_page(pdfs, name):
    doc, facts = pdfs[name]
    pages = {p.number: squash(p.text) for p in doc.pages}
    assert all(f.page is not None and f.lines is None for f in facts)
    assert [f.quote for f in facts if squash(f.quote) not in pages[f.page]] == []


def test_text_facts_cite_their_lines(corpus):
    doc, facts = corpus[QINGSHAN]
    lines = (CORPUS / QINGSHAN).read_text(encoding="utf-8").split("\n")
    (f,) = find(facts, "城乡医疗救助", "执行率", table=False)
    first, last = f.lines
    assert squash(f.quote) in squash("".join(lines[first - 1:last]))


# ------------------------------------------------------------------------------------------------
# 青山区 2023 决算


def test_qingshan_城乡医疗救助_against_the_initial_budget(corpus):
    _, facts = corpus[QINGSHAN]
    assert values(find(facts, "城乡医疗救助", "年初预算数", table=False)) == [788]
    assert 995.33 in values(find(facts, "城乡医疗救助", "决算数", table=False))
    (rate,) = find(facts, "城乡医疗救助", "执行率")
    assert (rate.value, rate.unit, rate.table) == (126.3, "%", None)
    assert "城乡医疗救助(项)" in rate.quote and "126.3%" in squash(rate.quote)  # the 科目 label is quoted too


def test_qingshan_城乡医疗救助_self_evaluation_against_the_full_year_budget(corpus):
    _, facts = corpus[QINGSHAN]
    assert values(find(facts, "城乡医疗救助", "全年预算数")) == [1403.1]
    assert values(find(facts, "城乡医疗救助", "执行数")) == [995.33]
    (rate,) = find(facts, "城乡医疗救助", "完成预算率")
    assert rate.value == 70.9 and "项目绩效自评综述" in rate.quote


def test_qingshan_table_05_row_2101301(corpus):
    _, facts = corpus[QINGSHAN]
    row = find(facts, "城乡医疗救助", table="公开05表", code="2101301")
    assert {(f.measure, f.value) for f in row} == {("小计", 995.33), ("项目支出", 995.33)}
    assert all(f.quote == "2101301 城乡医疗救助 995.33 995.33" and f.lines == (434, 434) for f in row)
    assert row[0].table == "2023年度一般公共预算财政拨款支出决算表 公开05表" and row[0].unit == "万元"


def test_a_figure_in_a_table_and_the_narrative_gives_two_facts(corpus):
    _, facts = corpus[QINGSHAN]
    # 人员经费合计 123.31 (公开06表) and 人员经费 123.31万元 (六、基本支出决算情况说明)
    assert find(facts, "人员经费合计", "决算数", table="公开06表")[0].value == 123.31
    assert values(find(facts, "人员经费", "决算数", table=False)) == [123.31]


def test_qingshan_合计_row_is_placed_by_the_narrative(corpus):
    _, facts = corpus[QINGSHAN]
    # 公开03表 "合 计 1,228.72 131.09 1,097.63" under six columns; the narrative says 基本支出131.09万元
    row = find(facts, "合计", table="公开03表")
    assert {(f.measure, f.value) for f in row} == {("合计", 1228.72), ("基本支出", 131.09), ("项目支出", 1097.63)}


def test_decreases_are_negative(corpus):
    _, facts = corpus[QINGSHAN]
    # 机关运行经费支出 7.78万元，比年初预算数减少 0.91万元，降低 10.5 %
    assert values(find(facts, "机关运行经费", "决算数")) == [7.78]
    assert values(find(facts, "机关运行经费", "增减额")) == [-0.91]
    assert values(find(facts, "机关运行经费", "增减率")) == [-10.5]


def test_a_sentence_saying_no_三公经费_gives_zero_facts(corpus):
    _, facts = corpus[QINGSHAN]
    # 备注：2023年度本部门无“三公”经费预算数，未发生“三公”经费支出数。
    zeros = [f for f in find(facts, "三公经费", table=False) if "未发生" in f.quote]
    assert {(f.measure, f.value) for f in zeros} == {("预算数", 0), ("决算数", 0)}


def test_qingshan_收支总计_and_its_change(corpus):
    _, facts = corpus[QINGSHAN]
    assert values(find(facts, "收支总计", "决算数")) == [1228.72]
    assert values(find(facts, "收支总计", "增减额")) == [114.69]
    assert values(find(facts, "收支总计", "增减率")) == [10.3]


# ------------------------------------------------------------------------------------------------
# 黄陂区 2024 决算 (tab-separated tables)


def test_huangpi_figures(corpus):
    _, facts = corpus[HUANGPI]
    assert values(find(facts, "人员经费", "决算数", table=False)) == [1523.49]            # line 562
    assert values(find(facts, "人员经费合计", "决算数", table="公开06表")) == [1523.49]   # line 375
    assert values(find(facts, "行政运行", "执行率")) == [92.7]                             # line 536
    assert values(find(facts, "卫生健康支出", "占比")) == [83.7]                           # 卫生健康支出类支出…占83.70%
    assert values(find(facts, "编制", "人数")) == [62]                                     # line 822
    assert values(find(facts, "实有人员", "人数")) == [56]
    assert values(find(facts, "政府采购", "决算数")) == [0]                                # 无政府采购支出


def test_huangpi_row_under_a_two_name_header_cell_stays_row_level(corpus):
    _, facts = corpus[HUANGPI]
    # 公开05表 header cell "基本支出 项目支出" covers both columns; 315.21 315.21 could be either
    row = find(facts, "其他医疗保障管理事务支出", table="公开05表")
    assert {(f.measure, f.value) for f in row} == {("小计", 315.21), (MEASURE_UNKNOWN, 315.21)}


def test_a_code_repeating_its_parent_is_not_kept(corpus):
    _, facts = corpus[HUANGPI]
    # 公开03表 prints "21015 行政运行" (the 款 code) on the 项 row
    assert {f.subject_code for f in find(facts, "行政运行", table="公开03表")} == {None}
    assert {f.subject_code for f in find(facts, "行政运行", table="公开05表")} == {"2101501"}


# ------------------------------------------------------------------------------------------------
# 通城县 2023 决算 (no main tables)


def test_tongcheng_figures(corpus):
    _, facts = corpus[TONGCHENG]
    # no table but its project self-evaluation forms: their total scores (总分 83.7 of 城乡居民医疗保险征缴工作经费),
    # and their indicators' targets, achieved values and scores, placed in the form of the project they are under
    assert {f.measure for f in facts if f.table} == {"自评分数", "目标值", "实际完成值", "得分"}
    row = find(facts, "会计核算准确率", table="基本医疗保险保障工作经费绩效指标")
    assert {(f.measure, f.value, f.unit) for f in row} == {("目标值", 100, "%"), ("实际完成值", 100, "%"), ("得分", 10, "分")}
    assert values(find(facts, "城乡居民医疗保险征缴工作经费", "自评分数")) == [83.7]
    # 3.公务接待费支出决算为 4.16 万元 (line 279); the 经济分类 公务接待费 3.75 万元 inside 公用经费 is a second figure
    assert values(find(facts, "公务接待费", "决算数")) == [3.75, 4.16]
    assert values(find(facts, "三公经费", "预算数")) == [5.93]                    # line 240
    assert values(find(facts, "公务接待", "批次")) == [0, 52]                     # 来访团组 0个 / 52 个
    assert values(find(facts, "公务接待", "人次")) == [0, 520]
    assert values(find(facts, "收支总计", "增减率")) == [34.3]
    assert values(find(facts, "医疗救助支出", "决算数")) == [7612.51]
    assert values(find(facts, "特殊人群医疗保障经费", "完成预算率")) == [94.2]     # 完成预算 94.2%（no 的）


# ------------------------------------------------------------------------------------------------
# 洪山区 2021 预算 (flattened tables, rows wrapped over lines)


def test_hongshan_figures(corpus):
    _, facts = corpus[HONGSHAN]
    row = find(facts, "城乡医疗救助", table="一般公共预算支出表", code="2101301")   # line 211
    assert {(f.measure, f.value) for f in row} == {("合计", 350), ("项目支出", 350)}
    assert values(find(facts, "机关运行经费", "预算数")) == [61.96]
    assert values(find(facts, "政府采购", "预算数")) == [67]
    assert values(find(facts, "实有人员", "人数")) == [6]
    assert values(find(facts, "打击欺诈骗保费用", "预算数")) == [72.35]
    assert not find(facts, "城乡医疗救助", "决算数")  # a budget report states no actual spending


def test_a_row_wrapped_over_lines_is_joined(corpus):
    _, facts = corpus[HONGSHAN]
    # 2080505 / 机关事业单位基本养老保险缴 / 费支出 / 27.00 27.00 (lines 192-196)
    (f,) = find(facts, "机关事业单位基本养老保险缴费支出", "合计", table="一般公共预算支出表")
    assert (f.subject_code, f.value, f.lines) == ("2080505", 27, (192, 196))


def test_a_table_whose_header_does_not_fit_its_rows_stays_row_level(corpus):
    _, facts = corpus[HONGSHAN]
    detail = [f for f in facts if f.table == "项目支出预算明细表"]
    assert detail and {f.measure for f in detail} == {MEASURE_UNKNOWN}


def test_an_ambiguous_flattened_row_is_kept_row_level(tmp_path):
    path = tmp_path / "r.txt"
    path.write_text(
        "示例局2023年度部门决算\n2023年度一般公共预算财政拨款支出决算表\n公开05表\n部门：示例局 金额单位：万元\n"
        "科目编码 科目名称 本年支出\n小计 基本支出 项目支出\n2101301 城乡医疗救助 995.33 995.33\n注：本表反映支出情况。\n",
        encoding="utf-8",
    )
    facts = extract_facts(load_document(path))
    assert {(f.subject, f.measure, f.value) for f in facts} == {
        ("城乡医疗救助", "小计", 995.33), ("城乡医疗救助", MEASURE_UNKNOWN, 995.33)}


# ------------------------------------------------------------------------------------------------
# PDFs


def test_shanghai_finance_pdf_page_15(pdfs):
    _, facts = pdfs[FINANCE_PDF]
    # 一般公共预算财政拨款支出决算表, row "201 06 01 行政运行 1,511.89 1,503.52 8.37" on page 15
    row = find(facts, "行政运行", table="一般公共预算财政拨款支出决算表", code="2010601")
    assert {(f.measure, f.value) for f in row} == {("合计", 1511.89), ("基本支出", 1503.52), ("项目支出", 8.37)}
    assert {f.page for f in row} == {15}


def test_shanghai_finance_pdf_三公_table_page_18(pdfs):
    _, facts = pdfs[FINANCE_PDF]
    # 财政拨款“三公”经费支出决算表: 合计 预算数 0.95, 公务接待费 预算数 0.95, nothing spent
    table = [f for f in facts if f.table and "三公" in f.table]
    assert {(f.subject, f.measure, f.value) for f in table} == {("三公经费", "预算数", 0.95), ("公务接待费", "预算数", 0.95)}
    assert {f.page for f in table} == {18}


def test_jiangsu_procuratorate_pdf_pages_16_and_27(pdfs):
    _, facts = pdfs[PROCURATORATE_PDF]
    (row,) = find(facts, "行政运行", table="公开05表", code="2040401")   # page 16: 2040401 行政运行 12,268.62
    assert (row.measure, row.value, row.page) == ("预算数", 12268.62, 16)
    # page 27: 1．检察（款）行政运行（项）支出12,268.62 万元，与上年相比增加 1385.26 万元，增长 12.73%
    narrative = find(facts, "行政运行", table=False)
    assert {(f.measure, f.value) for f in narrative} >= {("预算数", 12268.62), ("增减额", 1385.26), ("增减率", 12.73)}
    assert {f.page for f in narrative} == {27}


# ------------------------------------------------------------------------------------------------
# normalisation


@pytest.mark.parametrize("label, subject", [
    ("5.卫生健康支出(类)医疗救助(款)城乡医疗救助(项)", "城乡医疗救助"),
    ("一般公共服务（类）支出", "一般公共服务支出"),
    ("2. 卫生健康支出类支出", "卫生健康支出"),
    ("合 计", "合计"),
    ("二十一、国有资本经营预算支出", "国有资本经营预算支出"),
    ("一、货物A", "货物"),  # the 政府采购 catalogue's class letter
    ("A-货物", "货物"),
    ("三、服务 C", "服务"),
    ("PC服务器 分散自行组织", "PC服务器"),  # the row's 采购组织形式, read into its name
    ("政府集中采购", "政府集中采购"),
    ("一般公共服务1. 人大事务行政运行（项）", "人大事务行政运行"),  # a list ordinal after the 类's name
    ("教育（类）2.普通教育（款）小学教育（项）", "小学教育"),
    ("5G网络建设（项）", "5G网络建设"),
])
def test_normalize_subject(label, subject):
    assert normalize_subject(label) == subject


@pytest.mark.parametrize("name, kind, measure", [
    ("本年支出合计", "决算", "合计"), ("总计", "预算", "合计"), ("金额", "决算", "决算数"), ("金额", "预算", "预算数"),
    ("一般公共预算", "预算", "一般公共预算财政拨款"), ("基本支出", "决算", "基本支出"),
])
def test_normalize_measure(name, kind, measure):
    assert normalize_measure(name, kind) == measure


# ------------------------------------------------------------------------------------------------
# units: one figure printed in 元 and in 万元 is no conflict


def _fact(value: float, unit: str, table: str | None) -> Fact:
    return Fact("d1", "一般公共服务支出", "决算数", value, unit, "一般公共服务支出 …", table=table, page=1)


@pytest.mark.parametrize("table_value, table_unit, text_value, text_unit", [
    (371514655.00, "元", 37151.47, "万元"), (12287200.00, "元", 1228.72, "万元"), (1228.72, "万元", 1228.72, "万元"),
    (83400.00, "万元", 8.34, "亿元"),
])
def test_a_figure_printed_in_two_units_is_one_statement(table_value, table_unit, text_value, text_unit):
    from qa.answer.statements import statements_for

    facts = [_fact(table_value, table_unit, "公开01表"), _fact(text_value, text_unit, None)]
    out = statements_for("d1", facts, ["一般公共服务支出"], ["决算数"], asked=True)
    assert [(s.value, s.unit, s.conflict) for s in out] == [(text_value, text_unit, False)]


def test_two_amounts_that_differ_are_still_a_conflict():
    from qa.answer.statements import statements_for

    facts = [_fact(371514655.00, "元", "公开01表"), _fact(37151.57, "万元", None)]
    out = statements_for("d1", facts, ["一般公共服务支出"], ["决算数"], asked=True)
    assert len(out) == 2 and all(s.conflict for s in out)


@pytest.mark.parametrize("label, expected", [
    ("2010801-行政运行 50101-工资奖金津补贴 30101-基本工资", ("基本工资", "30101")),
    ("50201-办公经费 3021101-差旅费", ("差旅费", "3021101")),
    ("11000024T000002872209-审计质量管理经费", ("审计质量管理经费", "11000024T000002872209")),
    ("30101 基本工资", None),
    ("2026年信访接待中心运行费", None),
    ("中央重大传染病项目艾滋病防治-安全用血项目", None),
])
def test_a_label_of_code_name_pairs_is_its_last_pair(label, expected):
    from qa.facts.labels import split_code_chain

    assert split_code_chain(label) == expected


def test_the_sentences_after_a_projects_form_are_about_that_project(tmp_path):
    path = tmp_path / "r.txt"
    lines = ["示例局2021年度部门预算", "二、项目情况", "医疗救助经费预算417万元，做到应救尽救。",
             "项目支出绩效目标表（打击欺诈骗取医保）", "单位名称：示例局", "资金单位：万元",
             "项目名称 打击欺诈骗取医保 项目代码", "项目主管部门 示例局 项目执行单位 示例局",
             "项目总预算 72.35 项目当年预算 72.35", "项目前两年预算及当年预算变动情况",
             "2020年预算为 30.1万元，2021年预算为 72.35 万元。"]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    facts = [f for f in extract_facts(load_document(path)) if f.table is None]
    # (the item read before the form, 医疗救助经费, does not carry over it)
    assert {(f.subject, f.measure, f.value) for f in facts if f.value in (30.1, 72.35)} == {
        ("打击欺诈骗取医保", "上年数", 30.1), ("打击欺诈骗取医保", "预算数", 72.35)}


def test_a_head_count_column_is_the_establishment_whatever_its_header_adds():
    from qa.facts.extract import normalize_measure
    assert normalize_measure("人员 编制数") == normalize_measure("编制人数") == "编制数"
