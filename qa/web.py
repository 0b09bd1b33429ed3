"""The Gradio web chat: a question box, the answer, and its cited passages beside it.

Only presentation lives here; every answer comes from `qa.api.ask`. On a machine whose index is empty
the app first indexes the project's own synthetic sample reports (made up, see `qa.sample`), so a fresh
install has something to answer from.
"""
from __future__ import annotations

import html
import logging
from pathlib import Path
from typing import Any

from .config import Settings
from .errors import QAError
from .models import Answer
from .store.index import current_generation
from .store.records import IndexReport

logger = logging.getLogger(__name__)

SAMPLE_SEEDS = ((11, "决算"), (12, "预算"))
EXAMPLES_WHEN_EMPTY = ["城乡医疗救助执行率", "三公经费决算数是多少", "机关运行经费"]


def ensure_sample_index(settings: Settings) -> IndexReport | None:
    """Index the bundled sample reports when the index does not exist yet; None when it does."""
    if current_generation(settings.index_dir) is not None:
        return None
    from .api import build_index
    from .demo.sample import make_report, write_pdf

    folder = Path(settings.cache_dir) / "samples"
    folder.mkdir(parents=True, exist_ok=True)
    for seed, kind in SAMPLE_SEEDS:
        report = make_report(seed, kind=kind)
        path = folder / f"sample-{seed}-{'final' if kind == '决算' else 'budget'}.pdf"
        if not path.exists():
            write_pdf(report, path)
    logger.warning("The index %s is empty: indexing the synthetic sample reports in %s", settings.index_dir, folder)
    return build_index([folder], settings=settings)


def answer_markdown(a: Answer) -> str:
    """The answer as the chat shows it: the text, then each figure with its label and derivation."""
    out = [html.escape(a.text).replace("\n", "  \n")]
    if a.found and a.figures:
        out.append("")
        for f in a.figures:
            how = f" — {html.escape(f.formula)}" if f.formula else ""
            out.append(f"- **{html.escape(f.label)}**: {f.value:g}{f.unit or ''}{how}")
    return "\n".join(out)


def citations_markdown(a: Answer) -> str:
    if not a.citations:
        return "_无引用（未给出数字）_" if not a.found else ""
    out = ["### 引用来源"]
    for i, c in enumerate(a.citations, 1):
        where = f"第 {c.page} 页" if c.page else (f"第 {c.lines[0]}–{c.lines[1]} 行" if c.lines else "")
        out.append(f"**[{i}] {html.escape(c.source)}** {where}\n\n> {html.escape(c.quote)}\n")
    return "\n".join(out)


def respond(question: str, history: list[dict[str, Any]] | None, settings: Settings) -> tuple[list[dict[str, Any]], str, str]:
    """One chat turn -> (history with the answer appended, citations panel, cleared input)."""
    from .api import ask

    history = list(history or [])
    question = (question or "").strip()
    if not question:
        return history, "", ""
    try:
        a = ask(question, settings=settings)
        reply, cites = answer_markdown(a), citations_markdown(a)
    except QAError as e:  # shown in the chat, not a stack trace
        reply, cites = f"⚠️ {html.escape(str(e))}", ""
    history += [{"role": "user", "content": question}, {"role": "assistant", "content": reply}]
    return history, cites, ""


def _indexed_reports(settings: Settings) -> str:
    from .api import get_retriever

    try:
        docs = get_retriever(settings).index.documents
    except QAError as e:
        return f"⚠️ {html.escape(str(e))}"
    rows = [f"{html.escape(d['title'] or d['source'])}（{html.escape(d['source'])}）" for d in docs]
    return f"已索引 {len(docs)} 份报告：" + "；".join(rows)


def build_app(settings: Settings | None = None):
    """The Gradio Blocks (not launched)."""
    import gradio as gr

    settings = Settings.resolve(settings)

    def chat(question: str, history: list[dict[str, Any]] | None):
        return respond(question, history, settings)

    def ask_json(question: str) -> dict[str, Any]:
        from .api import ask

        return ask(question, settings=settings).to_dict()

    with gr.Blocks(title="disclosure-qa 预决算问答") as demo:
        gr.Markdown("## 部门预算 / 决算公开问答\n用中文提问，答案给出数字、口径和出处（报告、页码或行号、原文）。")
        reports = gr.Markdown(_indexed_reports(settings))
        with gr.Row():
            with gr.Column(scale=3):
                chatbot = gr.Chatbot(label="问答", height=480)
                box = gr.Textbox(label="问题", placeholder="例如：青山区2023年城乡医疗救助执行率", lines=1)
                send = gr.Button("提问", variant="primary")
                gr.Examples(EXAMPLES_WHEN_EMPTY, inputs=box)
            with gr.Column(scale=2):
                cites = gr.Markdown(label="引用来源")
        send.click(chat, [box, chatbot], [chatbot, cites, box], api_name="chat")
        box.submit(chat, [box, chatbot], [chatbot, cites, box], api_visibility="private")
        gr.api(ask_json, api_name="ask")
        demo.load(lambda: _indexed_reports(settings), None, reports, api_visibility="private")
    return demo


def launch(*, index: str | Path | None = None, host: str = "127.0.0.1", port: int = 7860, **kwargs: Any) -> None:
    """Index the samples if the index is empty, load the model, and serve the chat on host:port."""
    settings = Settings.resolve(None, index_dir=index)
    ensure_sample_index(settings)
    from .api import get_retriever

    get_retriever(settings).search("预算", top_k=1)  # load model and index before the first user waits
    build_app(settings).launch(server_name=host, server_port=port, **kwargs)
