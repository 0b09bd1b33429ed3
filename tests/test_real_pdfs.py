"""The five real reports in ../shared/corpus/pdf, each loaded once per session (conftest's shared_document).

Every figure below was read on the rendered page (pdftoppm -r 60) and is checked on that page.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from qa.models import Document, Table

PDF_DIR = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "pdf"

FINANCE = "shanghai-putuo-finance-2024-final.pdf"
PLANNING = "shanghai-putuo-planning-2024-final.pdf"
COMMERCE = "shanghai-putuo-commerce-2025-budget.pdf"
PROCURATORATE = "jiangsu-procuratorate-2019-budget.pdf"
CPC_TABLES = "jiangsu-cpc-office-2019-budget-tables.pdf"
PAGES = {FINANCE: 25, PLANNING: 30, COMMERCE: 26, PROCURATORATE: 33, CPC_TABLES: 12}


@pytest.fixture(scope="module")
def docs(shared_document) -> dict[str, Document]:
    return {name: shared_document(PDF_DIR / name) for name in PAGES}


def page_text(doc: Document, number: int) -> str:
    (page,) = [p for p in doc.pages if p.number == number]
    return page.text


def table_on(doc: Document, page: int, title: str) -> Table:
    (table,) = [t for p in doc.pages if p.number == page for t in p.tables if t.title == title]
    return table


def row_starting(table: Table, *cells: str) -> tuple[str, ...]:
    (row,) = [r for r in table.rows if r[: len(cells)] == cells]
    return row


@pytest.mark.parametrize("name", list(PAGES))
def test_every_page_is_loaded_with_its_number(docs, name):
    assert [p.number for p in docs[name].pages] == list(range(1, PAGES[name] + 1))


@pytest.mark.parametrize("name", list(PAGES))
def test_no_table_keeps_an_empty_row_or_column(docs, name):
    tables = [t for p in docs[name].pages for t in p.tables]
    assert tables
    for t in tables:
        assert all(any(r) for r in t.rows), t
        assert all(any(r[j] for r in t.rows) for j in range(len(t.rows[0]))), t
        assert len(t.row_pages) == len(t.rows)


# ---------------------------------------------------------------- shanghai-putuo-finance-2024-final


def test_finance_p21_sentence_keeps_its_lower_set_figures_in_place(docs):
    text = page_text(docs[FINANCE], 21)
    assert "上海市普陀区财政局2024年度收入支出总计2995.39万元。与2023年度相比，收入" in text
    assert "支出总计减少56.95万元，下降1.87%。" in text
    assert "本年收入合计2946.25万元，其中：财政拨款收入2940.05万元，占99.79%" in text


def test_finance_p24_running_cost_sentence_is_whole(docs):
    text = page_text(docs[FINANCE], 24)
    assert text.startswith("机关运行经费支出184.65万元，比2023年度增加2.55万元，增长1.40%。")
    assert "政府采购金额（以合同签订为准）为251.25万元" in text


def test_finance_p22_and_p23_figures_are_in_their_sentences(docs):
    assert "年初预算为1560.05万元，支出决算为1511.89万" in page_text(docs[FINANCE], 22)
    assert "公用经费184.65万元" in page_text(docs[FINANCE], 23)


def test_finance_income_table_crossing_p6_to_p7_keeps_title_and_header(docs):
    doc = docs[FINANCE]
    table = table_on(doc, 6, "收入支出决算总表")
    assert table.unit == "万元"
    assert table.header == (("收入", "", "支出", ""), ("项目", "决算数", "项目", "决算数"))
    assert row_starting(table, "一、一般公共预算财政拨款收入") == (
        "一、一般公共预算财政拨款收入", "2,940.05", "一、一般公共服务支出", "2,106.66",
    )
    last = table.rows[-1]
    assert last == ("总计", "2,995.39", "总计", "2,995.39")  # printed on p7
    assert table.row_pages[-1] == 7 and table.row_pages[0] == 6
    assert table.row_pages[table.rows.index(row_starting(table, "年初结转和结余"))] == 7
    assert not [p for p in doc.pages if p.number == 7][0].tables  # no headless copy on p7


def test_finance_p14_empty_grid_gives_no_table_and_a_warning(docs):
    doc = docs[FINANCE]
    (p14,) = [p for p in doc.pages if p.number == 14]
    assert p14.tables == () and p14.text == ""
    assert any("page 14 has no text layer" in w for w in doc.warnings)


def test_finance_cover_is_one_title_with_its_year(docs):
    assert page_text(docs[FINANCE], 1) == "上海市普陀区财政局\n2024年度部门决算"


# ---------------------------------------------------------------- shanghai-putuo-planning-2024-final


def test_planning_income_table_on_p7(docs):
    table = table_on(docs[PLANNING], 7, "收入支出决算总表")
    assert table.unit == "万元"
    assert row_starting(table, "一、一般公共预算财政拨款收入")[1] == "9746.50"
    assert row_starting(table, "总计") == ("总计", "9859.38", "总计", "9859.38")


def test_planning_narrative_figures_on_p20(docs):
    assert "本年收入合计9746.50万元，其中：财政拨款收入9746.50" in page_text(docs[PLANNING], 20)


# ---------------------------------------------------------------- shanghai-putuo-commerce-2025-budget


def test_commerce_tables_stay_in_yuan_while_text_is_in_wanyuan(docs):
    doc = docs[COMMERCE]
    table = table_on(doc, 9, "2025年部门财务收支预算总表")
    assert table.unit == "元"
    assert row_starting(table, "一、财政拨款收入")[1] == "371,514,655.00"
    assert row_starting(table, "收入总计") == ("收入总计", "371,514,655.00", "支出总计", "371,514,655.00")
    assert "上海市普陀区商务委员会收入预算37,151.47万元" in page_text(doc, 7)


def test_commerce_contents_page_in_a_frame_is_not_a_table(docs):
    # p2's 目录 is drawn inside a one-column frame: it stays text and is not extracted a second time as a table
    doc = docs[COMMERCE]
    (p2,) = [p for p in doc.pages if p.number == 2]
    assert p2.tables == ()
    assert p2.text.count("1. 2025年部门财务收支预算总表") == 1


def test_commerce_three_public_table_is_in_wanyuan(docs):
    table = table_on(docs[COMMERCE], 21, "2025年部门“三公”经费和机关运行经费预算表")
    assert table.unit == "万元"
    assert table.body[-1][-1] == "171.01"


def test_commerce_table_running_over_two_pages_is_one(docs):
    table = table_on(docs[COMMERCE], 10, "2025年部门收入预算总表")
    assert set(table.row_pages) == {10, 11}
    assert table.unit == "元"


# ---------------------------------------------------------------- jiangsu-procuratorate-2019-budget


def test_procuratorate_p14_table_has_label_and_figures(docs):
    table = table_on(docs[PROCURATORATE], 14, "收支预算总表 公开01表")
    assert table.unit == "万元"
    assert row_starting(table, "一、财政拨款")[1] == "24,169.74"
    assert row_starting(table, "", "", "十八、住房保障支出")[3] == "5,686.35"
    assert row_starting(table, "收入合计") == ("收入合计", "24,169.74", "支出合计", "", "", "24,169.74")


def test_procuratorate_label_printed_at_page_bottom_goes_to_next_table(docs):
    # "公开04表" is the last line of p15; its table is at the top of p16
    table = table_on(docs[PROCURATORATE], 16, "财政拨款收支预算总表 公开04表")
    assert row_starting(table, "一、一般公共预算")[1] == "24169.74"


def test_procuratorate_page_numbers_are_dropped(docs):
    assert not page_text(docs[PROCURATORATE], 14).endswith("14")
    assert page_text(docs[PROCURATORATE], 1) == "江苏省人民检察院\n2019年度部门预算公开"


def test_procuratorate_narrative_total_on_p25(docs):
    assert "（一）收入预算总计 24,169.74 万元。" in page_text(docs[PROCURATORATE], 25)


# ---------------------------------------------------------------- jiangsu-cpc-office-2019-budget-tables


def test_cpc_office_rotated_page_extracts_table(docs):
    doc = docs[CPC_TABLES]
    table = table_on(doc, 1, "收支预算总表")  # /Rotate 90
    assert table.unit == "万元"
    assert row_starting(table, "一、财政拨款") == (
        "一、财政拨款", "27,664.22", "一、一般公共服务支出", "22,395.50", "一、基本支出", "11,700.63",
    )
    assert row_starting(table, "", "", "十八、住房保障支出")[3] == "3,894.09"
    assert "十八、住房保障支出 3,894.09" in page_text(doc, 1)


def test_cpc_office_title_block_inside_first_cell_is_lifted_out(docs):
    table = table_on(docs[CPC_TABLES], 2, "收入预算总表")
    assert table.unit == "万元"
    assert table.rows[0] == ("项目名称", "", "金额")
    assert row_starting(table, "收入总计")[-1] == "27,664.22"


# ---------------------------------------------------------------- metadata


@pytest.mark.parametrize(
    "name, region, department, year, kind",
    [
        (FINANCE, "上海市普陀区", "上海市普陀区财政局", 2024, "决算"),
        (PLANNING, "上海市普陀区", "上海市普陀区规划和自然资源局", 2024, "决算"),
        (COMMERCE, "上海市普陀区", "上海市普陀区商务委员会", 2025, "预算"),
        (PROCURATORATE, "江苏省", "江苏省人民检察院", 2019, "预算"),
        (CPC_TABLES, "江苏省", "中共江苏省委办公厅", 2019, "预算"),
    ],
)
def test_metadata_of_the_five_pdfs(docs, name, region, department, year, kind):
    doc = docs[name]
    assert (doc.region, doc.department, doc.year, doc.kind) == (region, department, year, kind)
    assert doc.title == f"{department}{year}年度部门{kind}"
    assert doc.source == name and len(doc.doc_id) == 12
