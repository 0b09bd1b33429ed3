"""Tests for qa.demo.sample: determinism, internal consistency, text form, and the PDF read back by pdfplumber."""
from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pdfplumber
import pytest

from qa.demo.sample import (
    DEPARTMENTS,
    KINDS,
    REGIONS,
    Heading,
    Paragraph,
    SampleReport,
    SampleTable,
    corpus_plan,
    make_report,
    money_cell,
    money_text,
    pct_text,
    rate_tenths,
    report_to_text,
    wrap_cjk,
    write_pdf,
    write_sample_corpus,
    write_text,
)
from qa.models import Table

SEEDS = range(12)


def amount(cell: str | None) -> Decimal:
    return Decimal(cell.replace(",", "")) if cell else Decimal(0)


def body_by_code(t: SampleTable) -> dict[str, tuple[str, ...]]:
    return {row[0]: row for row in t.rows if row[0]}


def half_up(x: Decimal) -> Decimal:
    return x.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


@pytest.fixture(scope="module", params=KINDS)
def reports(request: pytest.FixtureRequest) -> list[SampleReport]:
    return [make_report(s, kind=request.param) for s in SEEDS]


# --- formatting -------------------------------------------------------------------------------------------


def test_formats_amounts_like_reports() -> None:
    assert money_cell(122872) == "1,228.72"
    assert money_cell(78800) == "788.00"
    assert money_cell(0) == ""
    assert money_text(122872) == "1228.72"
    assert money_text(78800) == "788"
    assert money_text(2960) == "29.6"
    assert money_text(5) == "0.05"


def test_rates_round_half_up_to_one_decimal() -> None:
    assert rate_tenths(99533, 78800) == 1263  # 995.33 / 788 = 126.31…%
    assert rate_tenths(1, 8) == 125  # 12.5% exactly
    assert rate_tenths(1, 16) == 63  # 6.25% -> 6.3
    assert pct_text(1000) == "100" and pct_text(1263) == "126.3"


def test_wraps_without_cutting_numbers_or_starting_with_punctuation() -> None:
    text = "年初预算为12345678.91万元，支出决算为995.33万元，完成年初预算的126.3%。" * 6
    lines = wrap_cjk(text, 200, 11)
    assert "".join(lines) == text
    assert all(line[0] not in "，。%" for line in lines)
    numbers = re.findall(r"[\d.]+", text)
    assert re.findall(r"[\d.]+", "\n".join(lines)) == numbers


# --- determinism and metadata -----------------------------------------------------------------------------


def test_same_seed_gives_same_report() -> None:
    assert make_report(5) == make_report(5)
    assert report_to_text(make_report(5, kind="预算")) == report_to_text(make_report(5, kind="预算"))


def test_different_seeds_give_different_reports() -> None:
    assert len({report_to_text(make_report(s)) for s in range(5)}) == 5


def test_regions_and_departments_are_fictional_or_generic() -> None:
    assert all(r.startswith("示例") for r in REGIONS)
    r = make_report(3)
    assert r.region in REGIONS and r.department in DEPARTMENTS
    assert "虚构" in report_to_text(r)


def test_overrides_are_used() -> None:
    r = make_report(1, kind="预算", region="示例市东湖区", department="医疗保障局", year=2026)
    assert r.title == "示例市东湖区医疗保障局2026年度部门预算"
    assert (r.region, r.department, r.year, r.kind) == ("示例市东湖区", "医疗保障局", 2026, "预算")


def test_unknown_department_gets_generic_profile() -> None:
    r = make_report(2, department="示例办公室")
    assert r.table("公开05表").rows[0][1] == "合计"


def test_years_stay_in_range() -> None:
    assert all(2019 <= make_report(s).year <= 2025 for s in range(40))
    assert all(2019 <= make_report(s, kind="预算").year <= 2026 for s in range(40))


@pytest.mark.parametrize("kwargs", [{"kind": "决算表"}, {"year": 2018}, {"year": 2027}])
def test_rejects_bad_arguments(kwargs: dict) -> None:
    with pytest.raises(ValueError):
        make_report(1, **kwargs)


# --- internal consistency ----------------------------------------------------------------------------------


def test_subtotal_is_basic_plus_project(reports: list[SampleReport]) -> None:
    for r in reports:
        t = r.table("公开05表")
        for row in t.rows:
            assert amount(row[2]) == amount(row[3]) + amount(row[4]), (r.title, row)


def test_totals_are_sums_of_their_rows(reports: list[SampleReport]) -> None:
    for r in reports:
        for code in ("公开02表", "公开03表", "公开05表"):
            t = r.table(code)
            rows = body_by_code(t)
            total = t.rows[0]
            assert total[1] == "合计"
            for col in range(2, t.ncols):
                leaves = [row for c, row in rows.items() if len(c) == 7]
                assert amount(total[col]) == sum(amount(row[col]) for row in leaves), (r.title, code, col)
                for c, row in rows.items():
                    if len(c) < 7:
                        children = [x for cc, x in rows.items() if cc.startswith(c) and len(cc) == len(c) + 2]
                        assert amount(row[col]) == sum(amount(x[col]) for x in children), (r.title, code, c)


def test_summary_table_balances(reports: list[SampleReport]) -> None:
    for r in reports:
        t = r.table("公开01表")
        label = {row[0]: row for row in t.rows}
        total_rows = [row for row in t.rows if row[0] in ("总计", "收入总计")]
        assert len(total_rows) == 1
        row = total_rows[0]
        assert amount(row[2 if r.kind == "决算" else 1]) == amount(row[-1])
        income = [row for row in t.rows if re.match(r"^[一二三四五六七八]、", row[0])]
        col = 2 if r.kind == "决算" else 1
        assert amount(label["本年收入合计"][col]) == sum(amount(x[col]) for x in income)
        expense = sum(amount(x[-1]) for x in t.rows if re.match(r"^[一二三四五六七八九十]+、", x[-3 if r.kind == "决算" else -2]))
        assert amount(label["本年收入合计"][-1]) == expense


def test_basic_detail_matches_basic_spending(reports: list[SampleReport]) -> None:
    for r in reports:
        t6 = r.table("公开06表")
        total = t6.rows[0]
        assert amount(total[2]) == amount(total[3]) + amount(total[4])
        assert amount(total[2]) == sum(amount(row[2]) for row in t6.rows if len(row[0]) == 5)
        assert amount(total[2]) == amount(r.table("公开05表").rows[0][3])


def test_basic_detail_carries_the_sangong_figures(reports: list[SampleReport]) -> None:
    for r in reports:
        sangong = r.table("公开09表" if r.kind == "决算" else "公开07表")
        row = sangong.rows[0]
        actual = row[6:] if r.kind == "决算" else row[1:]
        detail = {row[0]: row[2] for row in r.table("公开06表").rows}
        assert amount(detail["30217"]) == amount(actual[5])  # 公务接待费
        assert amount(detail["30231"]) == amount(actual[4])  # 公务用车运行维护费
        assert amount(detail["30212"]) == amount(actual[1])  # 因公出国（境）费


def test_narrative_figures_equal_table_figures(reports: list[SampleReport]) -> None:
    for r in reports:
        measure = "决算数" if r.kind == "决算" else "预算数"
        t5 = body_by_code(r.table("公开05表"))
        for f in r.facts:
            if f.where.startswith("公开") or f.subject_code is None or f.measure != measure or len(f.subject_code) != 7:
                continue
            assert Decimal(str(f.value)) == amount(t5[f.subject_code][2]), (r.title, f)
        total5 = r.table("公开05表").rows[0]
        basic = r.find_facts("基本支出", measure)
        assert basic and all(Decimal(str(f.value)) == amount(total5[3]) for f in basic)
        pers = r.find_facts("人员经费", measure)[0]
        assert Decimal(str(pers.value)) == amount(r.table("公开06表").rows[0][3])


def test_execution_rates_are_actual_over_budget(reports: list[SampleReport]) -> None:
    for r in (x for x in reports if x.kind == "决算"):
        checked = 0
        for f in r.find_facts(measure="执行率"):
            actual = {x.measure: x for x in r.find_facts(f.subject) if x.where == f.where}
            num = actual.get("决算数") or actual.get("执行数")
            den = actual.get("年初预算数") or actual.get("预算数") or actual.get("全年预算数")
            assert num and den, (r.title, f)
            expected = half_up(Decimal(str(num.value)) * 100 / Decimal(str(den.value)))
            assert Decimal(str(f.value)) == expected, (r.title, f)
            checked += 1
        assert checked >= 3


def test_sangong_narrative_matches_table(reports: list[SampleReport]) -> None:
    for r in reports:
        t = r.table("公开09表" if r.kind == "决算" else "公开07表")
        table = {(f.subject, f.measure): f.value for f in r.facts if f.where == t.code}
        text = {(f.subject, f.measure): f.value for f in r.facts
                if "三公" in f.where and f.measure in ("预算数", "决算数")}
        assert len(text) >= 5
        for key, value in text.items():
            assert table.get(key, 0.0) == value, (r.title, key)


def test_every_fact_is_printed_where_it_says(reports: list[SampleReport]) -> None:
    for r in reports:
        sections: dict[str, str] = {}
        current = ""
        for b in r.blocks:
            if isinstance(b, Heading) and b.level <= 2:
                current = b.text
            elif isinstance(b, Paragraph):
                sections[current] = sections.get(current, "") + b.text
        cells = {t.code: {c for row in t.rows for c in row} for t in r.tables}
        for f in r.facts:
            if f.where in cells:
                assert f.printed in cells[f.where], (r.title, f)
                assert float(f.printed.replace(",", "")) == f.value
            else:
                assert f.printed in sections[f.where], (r.title, f)
                assert float(re.match(r"[\d.]+", f.printed).group()) == abs(f.value)


def test_budget_report_states_no_actual_spending() -> None:
    r = make_report(4, kind="预算")
    assert r.title.endswith("年度部门预算")
    assert not [f for f in r.facts if f.measure in ("决算数", "执行率", "执行数")]
    assert [t.code for t in r.tables] == [f"公开0{i}表" for i in range(1, 10)]
    assert r.table("公开05表").title.endswith("一般公共预算支出表")


def test_final_report_has_template_tables_and_sections() -> None:
    r = make_report(4)
    assert [t.code for t in r.tables] == [f"公开0{i}表" for i in range(1, 10)]
    headings = [b.text for b in r.blocks if isinstance(b, Heading)]
    assert headings[0] == "第一部分 部门概况" and "第四部分 名词解释" in headings
    for h in ("一、收入支出决算总体情况说明", "九、财政拨款“三公”经费支出决算情况说明", "十三、预算绩效情况说明"):
        assert h in headings
    assert any("完成年初预算的" in p for p in r.paragraphs)
    assert isinstance(r.table("公开05表").to_table(), Table)


# --- text output ------------------------------------------------------------------------------------------


def test_text_has_one_table_row_per_line(tmp_path: Path) -> None:
    r = make_report(6)
    path = write_text(r, tmp_path / "r.txt")
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0] + lines[1] == r.title
    for row in r.table("公开05表").rows:
        assert " ".join(c for c in row if c) in lines
    assert "单位：万元" in "\n".join(lines)
    assert r.paragraphs[5] in lines


def test_text_marks_pdf_page_breaks_when_asked() -> None:
    r = make_report(6)
    assert "\f" not in report_to_text(r)
    assert report_to_text(r, page_breaks=True).count("\f") == 4 + 9  # each part and each table


def test_text_with_tabs_keeps_empty_cells() -> None:
    r = make_report(6)
    lines = report_to_text(r, sep="\t").splitlines()
    row = r.table("公开06表").rows[5]
    assert "\t".join(row) in lines


# --- PDF ----------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def pdf_report(tmp_path_factory: pytest.TempPathFactory):
    r = make_report(11)
    path = tmp_path_factory.mktemp("pdf") / "report.pdf"
    info = write_pdf(r, path)
    with pdfplumber.open(path) as pdf:
        pages = [(p.extract_text() or "", p.extract_tables()) for p in pdf.pages]
    return r, info, pages


def squash(s: str | None) -> str:
    return re.sub(r"\s+", "", s or "")


def test_pdf_has_title_on_cover(pdf_report) -> None:
    r, info, pages = pdf_report
    assert squash(pages[0][0]).startswith(r.title)
    assert info.pages == len(pages)


def test_pdf_narrative_sentence_reads_back(pdf_report) -> None:
    r, _, pages = pdf_report
    body = "".join(squash(text) for text, _ in pages)
    sentence = next(p for p in r.paragraphs if "完成年初预算的" in p and "年初预算为" in p)
    assert squash(sentence) in body
    assert all(squash(p) in body for p in r.paragraphs if len(p) < 60)  # short ones never cross a page


def test_pdf_narrative_is_wrapped_across_lines(pdf_report) -> None:
    r, _, pages = pdf_report
    long = max(r.paragraphs, key=len)
    page = next(text for text, _ in pages if long[:20] in text)
    assert long not in page  # wrapped: the paragraph is not on one line


def test_pdf_page_numbers_and_running_header(pdf_report) -> None:
    r, _, pages = pdf_report
    assert not re.search(r"- \d+ -", pages[0][0])
    for n, (text, _) in enumerate(pages[1:], start=2):
        lines = text.splitlines()
        assert lines[-1] == f"- {n} -"
        assert lines[0] == r.title


def test_pdf_table_cells_read_back(pdf_report) -> None:
    r, info, pages = pdf_report
    for code in ("公开05表", "公开02表", "公开01表"):
        t = r.table(code)
        (page,) = info.table_pages[code]
        text, tables = pages[page - 1]
        assert t.title in text and "单位：万元" in text and code in text
        assert len(tables) == 1
        got = [tuple(squash(c) for c in row) for row in tables[0]]
        assert got[len(t.header):] == [tuple(squash(c) for c in row) for row in t.rows]


def test_pdf_long_table_crosses_page_with_header_repeated(pdf_report) -> None:
    r, info, pages = pdf_report
    t = r.table("公开06表")
    first, second = info.table_pages["公开06表"]
    assert second == first + 1
    part1, part2 = pages[first - 1][1][0], pages[second - 1][1][0]
    assert part1[0] == part2[0] == list(t.header[0])  # header row repeated
    assert [tuple(squash(c) for c in row) for row in part1[1:] + part2[1:]] == [
        tuple(squash(c) for c in row) for row in t.rows]
    assert t.title not in pages[second - 1][0]


def test_pdf_bytes_are_deterministic(tmp_path: Path) -> None:
    r = make_report(2, kind="预算")
    write_pdf(r, tmp_path / "a.pdf")
    write_pdf(r, tmp_path / "b.pdf")
    assert (tmp_path / "a.pdf").read_bytes() == (tmp_path / "b.pdf").read_bytes()


def test_pdf_budget_report_reads_back(tmp_path: Path) -> None:
    r = make_report(12, kind="预算")
    info = write_pdf(r, tmp_path / "b.pdf", repeat_header=False)
    page = info.table_pages["公开05表"][0]
    with pdfplumber.open(tmp_path / "b.pdf") as pdf:
        assert squash(pdf.pages[0].extract_text()).startswith(r.title)
        rows = pdf.pages[page - 1].extract_tables()[0]
        second = pdf.pages[info.table_pages["公开06表"][1] - 1].extract_tables()[0]
    assert [squash(c) for c in rows[2]] == [squash(c) for c in r.table("公开05表").rows[0]]
    assert second[0] != list(r.table("公开06表").header[0])  # not repeated when asked not to


# --- corpora ------------------------------------------------------------------------------------------------


def test_corpus_plan_gives_distinct_reports() -> None:
    plan = corpus_plan(3000, seed=1)
    assert len({(region, dept, year) for _, _, region, dept, year in plan}) == 3000
    assert {k for _, k, *_ in plan} == {"决算", "预算"}
    assert plan == corpus_plan(3000, seed=1)


def test_write_sample_corpus_writes_text_files(tmp_path: Path) -> None:
    seen: list[int] = []
    paths = write_sample_corpus(tmp_path / "c", 6, fmt="txt", on_progress=lambda d, n: seen.append(d))
    assert [p.name for p in paths] == sorted(p.name for p in (tmp_path / "c").iterdir())
    assert seen == [1, 2, 3, 4, 5, 6]
    titles = {"".join(p.read_text(encoding="utf-8").splitlines()[:2]) for p in paths}
    assert len(titles) == 6


def test_write_sample_corpus_writes_pdfs(tmp_path: Path) -> None:
    paths = write_sample_corpus(tmp_path, 2, seed=3, fmt="pdf", kind="预算")
    assert all(p.suffix == ".pdf" and p.read_bytes().startswith(b"%PDF") for p in paths)


def test_write_sample_corpus_rejects_unknown_format(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="fmt must be one of pdf, txt"):
        write_sample_corpus(tmp_path, 1, fmt="docx")
