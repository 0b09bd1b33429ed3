"""qa.ingest.document: ids, metadata detection (地区 / 部门 / 年度 / 预算·决算), overrides."""
from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from qa.errors import InputError
from qa.ingest.document import load_document, merge_documents

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"

FINAL_REPORT = """\
上海市普陀区某某局
2024 年度部门决算
目 录
一、部门预算编制说明
预算执行情况：年初预算 100 万元，预算调整后预算 120 万元，预算执行率 95%。
收入支出决算总表
部门：上海市普陀区某某局 金额单位：万元
项目 决算数
合计 1,228.72
"""


def write(tmp_path: Path, name: str, text: str) -> Path:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def test_doc_id_is_the_start_of_the_content_hash(tmp_path):
    p = write(tmp_path, "r.txt", FINAL_REPORT)
    doc = load_document(p)
    digest = hashlib.sha256(p.read_bytes()).hexdigest()
    assert doc.content_hash == digest
    assert doc.doc_id == digest[:12]


def test_doc_id_does_not_depend_on_the_file_name(tmp_path):
    a = load_document(write(tmp_path, "a.txt", FINAL_REPORT))
    b = load_document(write(tmp_path, "b.txt", FINAL_REPORT))
    assert a.doc_id == b.doc_id and a.source == "a.txt" and b.source == "b.txt"


def test_source_is_the_file_name_and_path_is_kept(tmp_path):
    p = write(tmp_path, "报告.txt", FINAL_REPORT)
    doc = load_document(p)
    assert doc.source == "报告.txt"
    assert doc.path == str(p)


def test_final_report_is_detected_from_its_title_not_word_counts(tmp_path):
    doc = load_document(write(tmp_path, "r.txt", FINAL_REPORT))
    assert FINAL_REPORT.count("预算") > FINAL_REPORT.count("决算")
    assert doc.kind == "决算"
    assert doc.year == 2024
    assert doc.department == "上海市普陀区某某局"
    assert doc.region == "上海市普陀区"
    assert doc.title == "上海市普陀区某某局2024年度部门决算"


def test_arguments_override_detected_metadata(tmp_path):
    doc = load_document(
        write(tmp_path, "r.txt", FINAL_REPORT), region="上海市", department="某局", year=2030, kind="预算", title="自定标题"
    )
    assert (doc.region, doc.department, doc.year, doc.kind, doc.title) == ("上海市", "某局", 2030, "预算", "自定标题")


def test_unknown_kind_raises_input_error(tmp_path):
    with pytest.raises(InputError, match="kind must be one of 预算, 决算"):
        load_document(write(tmp_path, "r.txt", FINAL_REPORT), kind="final")


def test_missing_file_raises_input_error(tmp_path):
    with pytest.raises(InputError):
        load_document(tmp_path / "none.txt")


def test_undetectable_metadata_is_none_and_title_falls_back_to_file_stem(tmp_path):
    doc = load_document(write(tmp_path, "notes.txt", "一些文字，没有年份。\n"))
    assert (doc.region, doc.department, doc.year, doc.kind) == (None, None, None, None)
    assert doc.title == "notes"


def test_warnings_are_carried_on_the_document(tmp_path):
    doc = load_document(write(tmp_path, "r.txt", FINAL_REPORT + "\f\f第三页\n"))
    assert any("page 2 is empty" in w for w in doc.warnings)


def test_spaced_cover_title_is_read_through_the_identity(tmp_path):
    doc = load_document(write(tmp_path, "r.txt", "上 海 市 普 陀 区 财 政 局\n2 0 2 4 年 度 部 门 决 算\n正文\n"))
    assert (doc.department, doc.year, doc.kind, doc.region) == ("上海市普陀区财政局", 2024, "决算", "上海市普陀区")


def test_short_forms_of_the_department_are_kept_on_the_document(tmp_path):
    doc = load_document(write(tmp_path, "r.txt", FINAL_REPORT.replace("某某局", "医疗保障局")))
    assert "医保局" in doc.department_aliases and "普陀区医保局" in doc.department_aliases


def test_a_tables_file_without_a_cover_takes_the_identity_of_its_narrative_file(tmp_path):
    narrative = load_document(write(tmp_path, "x-audit-2024-final.txt", FINAL_REPORT))
    tables = load_document(write(tmp_path, "x-audit-tables-2024-final.txt", "收入支出决算总表\n金额单位：万元\n项目 决算数\n合计 1,228.72\n"))
    assert tables.department is None
    merged = merge_documents([tables, narrative])
    assert merged[0].department == narrative.department and merged[0].region == "上海市普陀区"
    assert merged[1] == narrative


TEXT_REPORTS = [
    ("wuhan-qingshan-2023-final.txt", "武汉市青山区", "武汉市青山区医疗保障局", 2023, "决算"),
    ("wuhan-huangpi-2024-final.txt", "武汉市黄陂区", "武汉市黄陂区医疗保障局", 2024, "决算"),
    ("tongcheng-2023-final.txt", "通城县", "通城县医疗保障局", 2023, "决算"),
    ("wuhan-hongshan-2021-budget.txt", "武汉市洪山区", "武汉市洪山区医疗保障局", 2021, "预算"),
]


@pytest.mark.parametrize("name, region, department, year, kind", TEXT_REPORTS)
def test_metadata_of_corpus_text_reports(name, region, department, year, kind):
    doc = load_document(CORPUS / name)
    assert (doc.region, doc.department, doc.year, doc.kind) == (region, department, year, kind)
    assert doc.title == f"{department}{year}年度部门{kind}"
    assert doc.pages[0].number is None


# The second PDF corpus: 25 reports, ~25 s to parse, so opt-in (pytest -m slow). The five in
# ../shared/corpus/pdf are checked in test_real_pdfs.py.
PDF_MORE = [
    ("jiangsu-court-2017-budget.pdf", "江苏省", "高级人民法院", 2017),
    ("jiangsu-court-2018-budget.pdf", "江苏省", "高级人民法院", 2018),
    ("jiangsu-court-2019-budget.pdf", "江苏省", "高级人民法院", 2019),
    ("jiangsu-cpc-office-2017-budget-tables.pdf", "江苏省", "办公厅", 2017),
    ("jiangsu-cpc-office-2017-budget.pdf", "江苏省", "委办公厅", 2017),
    ("jiangsu-cpc-office-2018-budget-tables.pdf", "江苏省", "委办公厅", 2018),
    ("jiangsu-cpc-office-2018-budget.pdf", "江苏省", "委办公厅", 2018),
    ("jiangsu-cppcc-office-2017-budget-tables.pdf", "江苏省", "政协办公厅", 2017),
    ("jiangsu-cppcc-office-2017-budget.pdf", "江苏省", "政协办公厅", 2017),
    ("jiangsu-cppcc-office-2018-budget-tables.pdf", "江苏省", "政协办公厅", 2018),
    ("jiangsu-cppcc-office-2018-budget.pdf", "江苏省", "政协办公厅", 2018),
    ("jiangsu-cppcc-office-2019-budget-tables.pdf", "江苏省", "政协办公厅", 2019),
    ("jiangsu-cppcc-office-2019-budget.pdf", "江苏省", "政协办公厅", 2019),
    ("jiangsu-npc-office-2017-budget.pdf", "江苏省", "人大常委会办公厅", 2017),
    ("jiangsu-npc-office-2018-budget.pdf", "江苏省", "人大常委会办公厅", 2018),
    ("jiangsu-npc-office-2019-budget-tables.pdf", "江苏省", "人大常委会办公厅", 2019),
    ("jiangsu-npc-office-2019-budget.pdf", "江苏省", "人大常委会办公厅", 2019),
    ("jiangsu-procuratorate-2017-budget.pdf", "江苏省", "人民检察院", 2017),
    ("jiangsu-procuratorate-2018-budget.pdf", "江苏省", "人民检察院", 2018),
    ("shanghai-putuo-finance-2025-budget.pdf", "上海市普陀区", "财政局", 2025),
    ("shanghai-putuo-govoffice-2025-budget.pdf", "上海市普陀区", "人民政府办公室", 2025),
    ("shanghai-putuo-justice-2026-budget.pdf", "上海市普陀区", "司法局", 2026),
    ("shanghai-putuo-wanli-2023-budget.pdf", "上海市普陀区", "万里街道办事处", 2023),
    ("shanghai-putuo-wanli-2024-budget.pdf", "上海市普陀区", "万里街道办事处", 2024),
    ("shanghai-putuo-wanli-2025-budget.pdf", "上海市普陀区", "万里街道办事处", 2025),
]


@pytest.mark.slow
@pytest.mark.parametrize("name, region, department_part, year", PDF_MORE)
def test_metadata_of_second_pdf_corpus(shared_document, name, region, department_part, year):
    doc = shared_document(CORPUS / "pdf-more" / name)  # parsed once a session: test_identity.py reads it too
    assert doc.region == region
    assert department_part in (doc.department or "")
    assert doc.year == year
    assert doc.kind == "预算"  # every file in pdf-more is a budget
