"""The web app's behaviour without a browser: library switching, filtered turns, citations and previews,
figures at the report's precision, charts and CSV, the JSON API over localhost, offline settings."""
from __future__ import annotations

import os
import socket
from pathlib import Path

import pytest

from qa.models import Answer, Citation, Figure
from qa.web import Library, ask_turn, build_app, ensure_sample_index, launch_options, sample_settings
from qa.web import charts, chat, preview
from qa.web import library as lib
from qa.web.format import answer_markdown, citation_label

from .conftest import CORPUS

PDF = CORPUS / "pdf" / "shanghai-putuo-commerce-2025-budget.pdf"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_importing_the_web_app_turns_off_analytics_and_hub_lookups():
    assert os.environ["GRADIO_ANALYTICS_ENABLED"] == "False"
    assert os.environ["HF_HUB_OFFLINE"] == "1"


def test_page_binds_loopback_without_ssr_or_gradio_footer():
    options = launch_options()
    assert options["server_name"] == "127.0.0.1" and options["ssr_mode"] is False and options["footer_links"] == []


def test_filtered_turn_answers_from_the_chosen_report_only(corpus_index):
    turn = ask_turn("机关运行经费", Library(corpus_index), department=["通城县医疗保障局"])
    assert turn.answer.found and {c.source for c in turn.answer.citations} == {"tongcheng-2023-final.txt"}


def test_year_filter_values_from_the_page_are_read_as_years(corpus_index):
    turn = ask_turn("机关运行经费", Library(corpus_index), year=["2021"])
    assert {c.source for c in turn.answer.citations} == {"wuhan-hongshan-2021-budget.txt"}
    with pytest.raises(Exception, match="年度"):
        ask_turn("机关运行经费", Library(corpus_index), year=["二〇二一"])


def test_answer_shows_figures_at_the_reports_precision_with_markers():
    a = Answer("q", True, "收入合计。", figures=(Figure(371514655.0, "元", "财政拨款收入"), Figure(24169.74, "万元", "支出")),
               citations=(Citation("r.pdf", "一、财政拨款收入 371,514,655.00", page=9),
                          Citation("r.pdf", "支出 24,169.74 万元", page=3)))
    text = answer_markdown(a)
    assert "371,514,655.00元 [1]" in text and "24,169.74万元 [2]" in text
    assert "e+" not in text and "24169.7万元" not in text


def test_table_row_citation_reads_table_row_column_and_value():
    c = Citation("r.pdf", "2101301 城乡医疗救助 787.90 995.33", page=7, table="公开05表", row="2101301 城乡医疗救助",
                 cells=(("决算数", 995.33),))
    assert citation_label(c) == "公开05表 | 2101301 城乡医疗救助 | 决算数 995.33"


def test_every_turn_keeps_its_own_citations(corpus_index):
    library = Library(corpus_index)
    first = ask_turn("通城县机关运行经费", library)
    second = ask_turn("青山区2023年城乡医疗救助执行率", library)
    assert [c for _, c in chat.citation_choices(first)] and chat.citation_choices(first) != chat.citation_choices(second)
    assert all("tongcheng" in label for label, _ in chat.citation_choices(first))


def test_text_citation_preview_marks_the_cited_lines(corpus_index):
    turn = ask_turn("青山区2023年城乡医疗救助执行率", Library(corpus_index))
    image, focus, shown = chat.show_citation(turn, 1)
    first, last = turn.answer.citations[0].lines
    assert image is None and focus is None and "<mark>" in shown
    assert f'<span class="qa-ln">{first}</span><mark>' in shown and f'<span class="qa-ln">{last}</span><mark>' in shown


def test_quote_is_found_on_the_page_ignoring_whitespace():
    chars = [{"text": t, "x0": 10.0 * i, "x1": 10.0 * i + 9, "top": 100.0, "bottom": 110.0} for i, t in enumerate("合计 995.33万元")]
    got = preview.find_quote(chars, "合计995. 33 万元")
    assert "".join(c["text"] for c in got) == "合计995.33万元"


def test_pdf_preview_highlights_the_quote_on_its_page():
    shown = preview.render_pdf_page(PDF, 10, "201 13 01 行政运行 9,389,913.00 9,389,913.00")
    assert shown.found and shown.image.size[0] == preview.PAGE_WIDTH_PX
    (x0, top, x1, bottom), = shown.boxes
    r, g, b = shown.image.getpixel((int((x0 + x1) / 2), int(top) + 4))
    assert r > 240 and g > 200 and b < 180  # white paper under the translucent yellow
    focus = shown.focus()
    assert focus.width <= shown.image.width and focus.height < (bottom - top) + 2 * preview.FOCUS_MARGIN_PX + 2


def test_pdf_preview_of_a_missing_page_says_so():
    with pytest.raises(Exception, match="没有第 99 页"):
        preview.render_pdf_page(PDF, 99, "x")


def test_cross_report_answer_gets_a_bar_per_report_and_a_csv(corpus_index, tmp_path):
    turn = ask_turn("机关运行经费", Library(corpus_index), kind=["决算"])
    frame, title = chat.chart_frame(turn)
    assert frame is not None and len(frame) == 3 and "机关运行经费" in title
    assert set(frame["报告"]) == {"通城县 2023", "武汉市黄陂区 2024", "武汉市青山区 2023"}
    path = charts.write_csv(turn.answer, tmp_path)
    text = path.read_text(encoding="utf-8-sig")
    assert "94.88" in text and "tongcheng-2023-final.txt" in text and path.parent == tmp_path


def test_answer_downloads_do_not_pile_up(corpus_index, tmp_path, monkeypatch):
    monkeypatch.setattr(charts, "KEEP_EXPORTS", 3)
    turn = ask_turn("机关运行经费", Library(corpus_index), kind=["决算"])
    paths = [charts.write_csv(turn.answer, tmp_path) for _ in range(5)]
    kept = sorted(tmp_path.glob("answer-*.csv"))
    assert len(kept) == 3 and paths[-1] in kept and paths[0] not in kept


def test_single_report_answer_has_no_chart(corpus_index):
    turn = ask_turn("通城县机关运行经费", Library(corpus_index))
    assert chat.chart_frame(turn) == (None, "")


def test_samples_have_their_own_index_and_their_examples_answer(tmp_path, settings_for):

    library = Library(settings_for(tmp_path / "mine"))
    assert library.using_samples and library.active() == sample_settings(library.settings)
    assert not (tmp_path / "mine" / "CURRENT").exists()
    assert ensure_sample_index(library.settings) is None  # built once
    assert library.examples() == lib.SAMPLE_EXAMPLES
    for question in library.examples():
        assert ask_turn(question, library).answer.found, question


def test_examples_on_the_users_reports_are_questions_they_answer(corpus_index):
    library = Library(corpus_index)
    examples = library.examples()
    assert 2 <= len(examples) <= lib.MAX_EXAMPLES and examples[0] == "机关运行经费"
    assert all(ask_turn(q, library).answer.found for q in examples)


def test_first_upload_switches_to_the_users_library_without_samples(tmp_path, settings_for):

    library = Library(settings_for(tmp_path / "mine"))
    sample_names = {r.source for r in library.reports()}
    received = tmp_path / "mine" / ".web" / "tmp" / "abc"
    received.mkdir(parents=True)
    (received / "tongcheng-2023-final.txt").write_bytes((CORPUS / "tongcheng-2023-final.txt").read_bytes())
    status = lib.upload(library, [str(received / "tongcheng-2023-final.txt")], received_in=received.parent)
    assert "新增 1 份" in status and not library.using_samples
    assert not received.exists()  # the server's copy and its folder are gone: the library's copy is the only one
    assert [r.source for r in library.reports()] == ["tongcheng-2023-final.txt"]
    assert not sample_names & {r.source for r in library.reports()}
    assert "已删除 1 份" in lib.remove(library, ["tongcheng-2023-final.txt"])


def test_library_refuses_to_remove_samples(tmp_path, settings_for):
    from qa.errors import QAError

    with pytest.raises(QAError, match="示例报告不能删除"):
        lib.remove(Library(settings_for(tmp_path / "mine")), ["sample-11-final.pdf"])


def test_page_is_chinese_and_answers_over_http_on_loopback_only(corpus_index, monkeypatch):
    from gradio_client import Client

    looked_up, connected = [], []
    real_lookup, real_connect = socket.getaddrinfo, socket.socket.connect

    def lookup(host, *args, **kwargs):
        looked_up.append(host)
        return real_lookup(host, *args, **kwargs)

    def connect(self, address):
        connected.append(address[0] if isinstance(address, tuple) else address)
        return real_connect(self, address)

    monkeypatch.setattr(socket, "getaddrinfo", lookup)
    monkeypatch.setattr(socket.socket, "connect", connect)
    demo = build_app(corpus_index)
    config = str(demo.get_config_file())
    assert "示例问题" in config and "报告库" in config
    port = free_port()
    demo.launch(**launch_options(port=port), prevent_thread_lock=True, quiet=True)
    try:
        answer = Client(f"http://127.0.0.1:{port}/", verbose=False).predict("青山区2023年城乡医疗救助执行率", api_name="/ask")
    finally:
        demo.close()
    assert answer["found"] is True
    assert {c["source"] for c in answer["citations"]} == {"wuhan-qingshan-2023-final.txt"}
    loopback = {"127.0.0.1", "localhost", "::1"}
    assert connected and set(connected) <= loopback and set(looked_up) <= loopback, (connected, looked_up)


def test_a_file_posted_to_the_upload_route_and_never_indexed_is_deleted_from_the_servers_cache(tmp_path, settings_for,
                                                                                              monkeypatch):
    import time

    import httpx

    from qa.web import layout

    monkeypatch.setattr(layout, "CACHE_CLEANUP", (1, 1))  # every second, files older than a second
    settings = settings_for(tmp_path / "mine")
    demo = build_app(settings)
    port = free_port()
    demo.launch(**launch_options(port=port), prevent_thread_lock=True, quiet=True)
    try:
        posted = httpx.post(f"http://127.0.0.1:{port}/gradio_api/upload",
                            files={"files": ("r.txt", "示例市2023年部门决算".encode())}, timeout=30)
        posted.raise_for_status()
        (kept,) = map(Path, posted.json())
        assert kept.is_file() and kept.is_relative_to(tmp_path / "mine" / ".web" / "tmp")
        deadline = time.monotonic() + 20
        while kept.exists() and time.monotonic() < deadline:
            time.sleep(0.2)
        assert not kept.exists()
    finally:
        demo.close()
