"""qa.api for the web app: filters (department, several values), the report list, uploads kept inside the
index folder, remove and re-index, figures at the report's precision tied to their citations."""
from __future__ import annotations

import pytest

import qa
import qa.library as catalog
from qa.errors import InputError
from qa.models import Answer, Chunk, Citation, Figure

from .conftest import CORPUS, tiny_report

BODY = "2023年度机关运行经费支出 12.34 万元，比年初预算减少 1.00 万元。"


def test_department_filter_keeps_only_that_departments_report(corpus_index):
    a = qa.ask("机关运行经费", department="通城县医疗保障局", settings=corpus_index)
    assert a.found and {c.source for c in a.citations} == {"tongcheng-2023-final.txt"}


def test_unknown_department_is_not_found_and_named(corpus_index):
    a = qa.ask("机关运行经费", department="通城县教育局", settings=corpus_index)
    assert not a.found and "通城县教育局" in a.text


def test_several_years_and_kinds_answer_across_those_reports(corpus_index):
    a = qa.ask("机关运行经费", year=[2023, 2024], kind=["决算"], settings=corpus_index)
    assert {c.source for c in a.citations} == {"tongcheng-2023-final.txt", "wuhan-huangpi-2024-final.txt",
                                                "wuhan-qingshan-2023-final.txt"}


def test_question_outside_the_chosen_regions_is_not_found(corpus_index):
    a = qa.ask("青山区机关运行经费", region=["通城县", "武汉市黄陂区"], settings=corpus_index)
    assert not a.found and not a.citations and "所选范围" in a.text


def test_empty_filter_lists_mean_all_reports(corpus_index):
    plain = qa.ask("青山区2023年城乡医疗救助执行率", settings=corpus_index)
    listed = qa.ask("青山区2023年城乡医疗救助执行率", region=[], year=[], kind=[], department=[], settings=corpus_index)
    assert plain.to_dict() == listed.to_dict()


def test_reports_lists_metadata_and_counts(corpus_index):
    got = {r.source: r for r in catalog.reports(settings=corpus_index)}
    assert set(got) == {p.name for p in CORPUS.glob("*.txt")}
    r = got["tongcheng-2023-final.txt"]
    assert (r.region, r.department, r.year, r.kind) == ("通城县", "通城县医疗保障局", 2023, "决算")
    assert r.facts > 50 and r.chunks > 50 and r.pages == 1


def test_uploads_are_stored_inside_the_index_folder_and_indexed(tmp_path, settings_for):
    settings = settings_for(tmp_path / "lib")
    src = tmp_path / "elsewhere"
    src.mkdir()
    (src / "青山.txt").write_text(tiny_report("武汉市青山区", 2023, BODY), encoding="utf-8")
    report = catalog.add_reports([src / "青山.txt"], settings=settings)
    assert report.added == ["青山.txt"]
    assert (tmp_path / "lib" / "uploads" / "青山.txt").is_file()
    assert [r.path for r in catalog.reports(settings=settings)] == [str((tmp_path / "lib" / "uploads" / "青山.txt").resolve())]
    catalog.remove_reports(["青山.txt"], settings=settings)
    assert catalog.reports(settings=settings) == [] and not (tmp_path / "lib" / "uploads" / "青山.txt").exists()


def test_uploads_the_index_does_not_take_are_not_kept_and_a_replaced_report_keeps_its_file(tmp_path, settings_for):
    settings = settings_for(tmp_path / "lib")
    uploads = tmp_path / "lib" / "uploads"
    src = tmp_path / "in"
    src.mkdir()
    good = src / "青山.txt"
    good.write_text(tiny_report("武汉市青山区", 2023, BODY), encoding="utf-8")
    catalog.add_reports([good], settings=settings)
    (src / "copy.txt").write_bytes(good.read_bytes())  # the same bytes under another name
    (src / "nul.txt").write_bytes(b"\0" * 4096)  # passes the upload checks, fails indexing
    report = catalog.add_reports([src / "copy.txt", src / "nul.txt"], settings=settings)
    assert [n for n, _ in report.duplicates] == ["copy.txt"] and [n for n, _ in report.failed] == ["nul.txt"]
    assert sorted(p.name for p in uploads.iterdir()) == ["青山.txt"]
    (tmp_path / "again").mkdir()
    (tmp_path / "again" / "青山.txt").write_bytes(b"\0" * 4096)  # an unreadable file under the held report's name
    report = catalog.add_reports([tmp_path / "again" / "青山.txt"], settings=settings)
    assert [n for n, _ in report.failed] == ["青山.txt"]
    assert sorted(p.name for p in uploads.iterdir()) == ["青山.txt"]
    assert (uploads / "青山.txt").read_bytes() == good.read_bytes()  # the indexed report's file is given back
    assert [r.source for r in catalog.reports(settings=settings)] == ["青山.txt"]
    catalog.remove_reports(["青山.txt"], settings=settings)
    assert list(uploads.iterdir()) == []


@pytest.mark.parametrize("name, content, says", [
    ("report.docx", b"PK\x03\x04", "不支持的文件类型"),
    ("fake.pdf", b"hello", "not a PDF"),
    ("empty.txt", b"", "empty"),
])
def test_bad_upload_is_refused_before_anything_is_stored(tmp_path, settings_for, name, content, says):
    settings = settings_for(tmp_path / "lib")
    (tmp_path / name).write_bytes(content)
    with pytest.raises(InputError, match=says):
        catalog.add_reports([tmp_path / name], settings=settings)
    assert not (tmp_path / "lib" / "uploads" / name).exists()


def test_upload_name_cannot_leave_the_uploads_folder():
    assert catalog._safe_name("../../etc/passwd.txt") == "passwd.txt"
    assert catalog._safe_name("..\\..\\a:b.pdf") == "a_b.pdf"


def test_reindex_reads_the_report_again_with_new_metadata(tmp_path, settings_for):
    settings = settings_for(tmp_path / "lib")
    (tmp_path / "r.txt").write_text(tiny_report("通城县", 2023, BODY), encoding="utf-8")
    catalog.add_reports([tmp_path / "r.txt"], settings=settings)
    detected = catalog.reports(settings=settings)[0].department
    report = catalog.reindex_reports(["r.txt"], department="通城县医保局", settings=settings)
    assert report.updated == ["r.txt"]
    assert catalog.reports(settings=settings)[0].department == "通城县医保局" != detected
    report = catalog.reindex_reports(["r.txt"], settings=settings)
    assert report.added == ["r.txt"]
    assert catalog.reports(settings=settings)[0].department == detected


@pytest.mark.parametrize("value, quotes, shown", [
    (24169.74, [], "24,169.74"),
    (371514655.0, [], "371,514,655"),
    (371514655.0, ["一、财政拨款收入 371,514,655.00"], "371,514,655.00"),
    (1.0, ["预算数为1.00万元"], "1.00"),
    (126.3, ["完成年初预算的 126 %"], "126.3"),
    (-4.2, [], "-4.2"),
])
def test_printed_value_keeps_the_reports_precision(value, quotes, shown):
    assert catalog.printed_value(value, quotes) == shown


def test_each_figure_points_at_the_citations_that_print_it():
    a = Answer("q", True, "t", figures=(Figure(995.33, "万元", "决算数"), Figure(126.3, "%", "执行率", "决算数 995.33 ÷ 年初预算数 788")),
               citations=(Citation("a.txt", "年初预算为 788 万元"), Citation("a.txt", "支出决算为 995.33 万元")))
    assert catalog.figure_citations(a) == [(2,), (1, 2)]


def test_table_row_citation_names_table_row_and_columns(corpus_index):
    a = qa.ask("青山区2023年医疗保障管理事务", settings=corpus_index)
    rows = [c for c in a.citations if c.table]
    assert rows, a.citations
    assert all("公开0" in c.table and c.row == "21015 医疗保障管理事务" and c.cells == (("合计", 205.31),) for c in rows)


def test_table_fields_read_back_from_a_row_chunk():
    c = Chunk("d:1:1", "d", "r.txt", "2101301 城乡医疗救助 787.90 995.33", kind="table_row",
              context="报告 | 公开05表 支出决算表（万元） | 科目编码 科目名称 年初预算数 决算数 | 年初预算数 787.90；决算数 995.33")
    assert c.table_fields() == {"table": "公开05表 支出决算表（万元）", "row": "2101301 城乡医疗救助",
                                "cells": (("年初预算数", 787.9), ("决算数", 995.33))}
