"""The Gradio web chat: built, answering through its handler and over HTTP, seeded when empty."""
from __future__ import annotations

import socket

from qa.web import build_app, ensure_sample_index, respond


def test_chat_turn_appends_the_answer_and_shows_citations(corpus_index):
    history, citations, box = respond("青山区2023年城乡医疗救助执行率", [], corpus_index)
    assert [m["role"] for m in history] == ["user", "assistant"]
    assert "126.3" in history[1]["content"]
    assert "wuhan-qingshan-2023-final.txt" in citations and box == ""


def test_not_found_is_said_in_the_chat(corpus_index):
    history, citations, _ = respond("江岸区医疗保障局2023年城乡医疗救助支出", [], corpus_index)
    assert "未找到答案" in history[1]["content"]


def test_app_answers_over_http_on_localhost(corpus_index):
    from gradio_client import Client

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    demo = build_app(corpus_index)
    demo.launch(server_name="127.0.0.1", server_port=port, prevent_thread_lock=True, quiet=True)
    try:
        answer = Client(f"http://127.0.0.1:{port}/", verbose=False).predict("青山区2023年城乡医疗救助执行率", api_name="/ask")
    finally:
        demo.close()
    assert answer["found"] is True
    assert {c["source"] for c in answer["citations"]} == {"wuhan-qingshan-2023-final.txt"}


def test_empty_index_is_seeded_with_the_sample_reports(tmp_path, settings_for):
    settings = settings_for(tmp_path / "index")
    report = ensure_sample_index(settings)
    assert report is not None and len(report.added) == 2
    assert ensure_sample_index(settings) is None  # only on an empty index
    history, citations, _ = respond("机关运行经费", [], settings)
    assert history[1]["content"]
