"""The page: a 问答 tab (scope filters, chat, the turn's citations with the cited page, chart, figures
table, CSV) and a 报告库 tab (upload, report table, remove / re-index), plus a 设置 panel. `launch` serves
it on 127.0.0.1 with nothing fetched from outside the machine."""
from __future__ import annotations

import errno
import logging
import os
from pathlib import Path
from typing import Any

from .. import api
from ..config import Settings
from ..errors import QAError
from . import chat
from . import library as lib

logger = logging.getLogger(__name__)

CSS = """
.qa-text-preview { font-family: monospace; font-size: 13px; max-height: 560px; overflow-y: auto; }
.qa-line { white-space: pre-wrap; }
.qa-ln { display: inline-block; width: 4.5em; color: #888; user-select: none; }
.qa-cited mark { background: #ffe066; }
.qa-warn { color: #b45309; }
#qa-status { min-height: 90px; }
"""

# Gradio labels its own controls (upload area, errors, "processing") in the browser's language; the page is
# Chinese throughout, so the browser's language is pinned to zh-CN before Gradio's scripts read it.
PIN_CHINESE = b"""<script>
for (const [name, value] of [["language", "zh-CN"], ["languages", ["zh-CN", "zh"]]]) {
  try { Object.defineProperty(Navigator.prototype, name, { get: () => value }); } catch (e) {}
}
</script>"""


class PinChinese:
    """ASGI middleware that puts PIN_CHINESE first in the page's <head>. Gradio's own `head=` option is
    applied by its scripts after they have chosen the language, too late for this."""

    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http" or scope["path"] not in ("/", ""):
            return await self.app(scope, receive, send)
        start: dict = {}
        chunks: list[bytes] = []

        async def rewrite(message) -> None:
            if message["type"] == "http.response.start":
                start.update(message)
                return
            chunks.append(message.get("body", b""))
            if message.get("more_body"):
                return
            body = b"".join(chunks)
            headers = [(k, v) for k, v in start.get("headers", []) if k.lower() != b"content-length"]
            if any(k.lower() == b"content-type" and v.startswith(b"text/html") for k, v in headers):
                body = body.replace(b"<head>", b"<head>" + PIN_CHINESE, 1).replace(b'lang="en"', b'lang="zh-CN"', 1)
            await send({**start, "headers": [*headers, (b"content-length", str(len(body)).encode())]})
            await send({"type": "http.response.body", "body": body})

        await self.app(scope, receive, rewrite)


#: (every, older than) seconds: files the server received (uploads) and wrote (previews, CSV) that are still in its
#: cache are deleted this long after they arrived; an upload indexed is deleted at once (lib.upload), this catches
#: what was posted to the upload route and never indexed. Gradio also empties the cache when the server stops.
CACHE_CLEANUP = (600, 3600)


def _work_dir(settings: Settings) -> Path:
    """Gradio's upload cache goes inside the user's index folder: an upload is never written outside it."""
    return Path(settings.index_dir).resolve() / ".web" / "tmp"


def build_app(settings: Settings | dict | None = None):
    """The Gradio Blocks (not launched)."""
    settings = Settings.resolve(settings)
    os.environ["GRADIO_TEMP_DIR"] = str(_work_dir(settings))  # read by gr.Blocks() and the app it serves
    import gradio as gr

    library = lib.Library(settings)

    def refresh():
        reports = library.reports()
        choices = lib.filter_choices(reports)
        sources = [r.source for r in reports]
        return (library.banner(), lib.report_rows(reports), gr.Dropdown(choices=sources, value=[]),
                *(gr.Dropdown(choices=choices[k]) for k in ("region", "department", "year", "kind")),
                gr.Dataset(samples=[[q] for q in library.examples()]))

    def panel(turns: list[chat.Turn], i: int | None):
        turn = turns[i] if turns and i is not None and 0 <= i < len(turns) else None
        n = chat.first_citation(turn)
        frame, title = chat.chart_frame(turn)
        rows = chat.figures_of(turn)
        csv = chat.charts.write_csv(turn.answer, chat.export_folder(library)) if turn and rows else None
        top = float(frame["数值"].max()) * 1.1 if frame is not None else None
        return (gr.Radio(choices=chat.citation_choices(turn), value=n), *shown(chat.show_citation(turn, n)),
                gr.BarPlot(value=frame, title=title, visible=frame is not None, y_lim=[0, top] if top else None),
                rows, gr.DownloadButton(value=str(csv) if csv else None, visible=csv is not None))

    def shown(preview):
        """The citation preview's outputs: each image shown only when there is one."""
        page, focus, caption = preview
        return gr.Image(value=page, visible=page is not None), gr.Image(value=focus, visible=focus is not None), caption

    def on_ask(question, history, turns, region, department, year, kind, top_k):
        history, turns = list(history or []), list(turns or [])
        question = (question or "").strip()
        if not question:
            return history, turns, gr.Dropdown(), *panel(turns, len(turns) - 1 if turns else None), ""
        history.append({"role": "user", "content": question})
        try:
            turn = chat.ask_turn(question, library, region=region, department=department, year=year, kind=kind,
                                 top_k=top_k)
        except QAError as e:  # shown in the chat, not a stack trace
            history.append({"role": "assistant", "content": chat.error_message(e)})
            return history, turns, gr.Dropdown(), *panel(turns, len(turns) - 1 if turns else None), ""
        turns.append(turn)
        history.append({"role": "assistant", "content": f"**第 {len(turns)} 轮**  \n" + chat.answer_text(turn)})
        return (history, turns, gr.Dropdown(choices=chat.turn_choices(turns), value=len(turns) - 1),
                *panel(turns, len(turns) - 1), "")

    def on_cite(turns, i, n):
        turn = turns[i] if turns and i is not None and 0 <= i < len(turns) else None
        return shown(chat.show_citation(turn, n))

    def guarded(action):
        """A library action: its status line, then the refreshed banner, table and filters."""
        def run(*args, progress=gr.Progress()):
            try:
                status = action(*args, progress=progress)
            except QAError as e:
                status = chat.error_message(e)
            return (status, *refresh())
        return run

    def on_folder(folder):
        try:
            library.set_folder(folder)
            status = f"已切换到索引文件夹 `{library.settings.index_dir}`。"
        except QAError as e:
            status = chat.error_message(e)
        return (status, *refresh())

    def ask_json(question: str) -> dict[str, Any]:
        return api.ask(question, settings=library.active()).to_dict()

    with gr.Blocks(title="disclosure-qa 预决算问答", analytics_enabled=False, delete_cache=CACHE_CLEANUP) as demo:
        gr.Markdown("## 部门预算 / 决算公开问答\n用中文提问，答案给出数字、口径和出处；点击引用查看报告原页。")
        banner = gr.Markdown(elem_id="qa-banner")
        turns = gr.State([])
        with gr.Tab("问答", id="chat"):
            with gr.Row():
                region = gr.Dropdown([], multiselect=True, label="地区", elem_id="qa-filter-region")
                department = gr.Dropdown([], multiselect=True, label="部门", elem_id="qa-filter-department")
                year = gr.Dropdown([], multiselect=True, label="年度", elem_id="qa-filter-year")
                kind = gr.Dropdown([], multiselect=True, label="类型", elem_id="qa-filter-kind")
            with gr.Row():
                with gr.Column(scale=1):
                    chatbot = gr.Chatbot(label="问答", height=520, elem_id="qa-chat", feedback_options=None,
                                         placeholder="在下方输入问题后按回车，或点击示例问题。答案中的 [1]、[2] 对应右侧的引用。")
                    box = gr.Textbox(label="问题（回车提交）", placeholder="例如：青山区2023年城乡医疗救助执行率",
                                     lines=1, elem_id="qa-question")
                    send = gr.Button("提问", variant="primary", elem_id="qa-send")
                    # examples follow the library (samples, or questions the user's reports answer)
                    examples = gr.Dataset(components=[box], samples=[], label="示例问题", elem_id="qa-examples")
                with gr.Column(scale=1):
                    turn_pick = gr.Dropdown([], label="查看哪一轮的出处", elem_id="qa-turn")
                    citations = gr.Radio([], label="引用（点击查看原页）", elem_id="qa-citations")
                    caption = gr.HTML(elem_id="qa-preview")
                    focus = gr.Image(label="引文处（放大）", type="pil", format="png", interactive=False,
                                     visible=False, height=240, elem_id="qa-focus")
                    page_image = gr.Image(label="原页（引文已高亮）", type="pil", format="png", interactive=False,
                                          visible=False, height=760, elem_id="qa-page")
            with gr.Row():
                chart = gr.BarPlot(x="报告", y="数值", label="各报告对比", visible=False, elem_id="qa-chart")
            with gr.Row():
                table = gr.Dataframe(headers=chat.charts.FIGURE_COLUMNS, label="回答中的数字", interactive=False,
                                     elem_id="qa-figures", wrap=True)
            csv = gr.DownloadButton("下载数字（CSV）", visible=False, elem_id="qa-csv")
            with gr.Accordion("设置", open=False):
                top_k = gr.Slider(1, 30, value=settings.top_k, step=1, label="检索段落数（top-k）")
                folder = gr.Textbox(str(settings.index_dir), label="索引文件夹（您的报告库）")
                use_folder = gr.Button("使用此文件夹")
        with gr.Tab("报告库", id="library"):
            upload = gr.File(file_count="multiple", file_types=[".pdf", ".txt"], elem_id="qa-upload",
                             label=f"上传报告（PDF / TXT，可多选，每个不超过 {settings.max_upload_mb} MB）")
            status = gr.Markdown(elem_id="qa-status")
            reports = gr.Dataframe(headers=lib.REPORT_COLUMNS, label="已索引的报告", interactive=False,
                                   elem_id="qa-reports", wrap=True)
            with gr.Row():
                chosen = gr.Dropdown([], multiselect=True, label="选择报告", elem_id="qa-chosen")
                remove = gr.Button("删除所选", variant="stop")
                reindex = gr.Button("重新索引所选")
            with gr.Accordion("重新索引时更正元数据（留空则自动识别）", open=False):
                with gr.Row():
                    fix_region = gr.Textbox(label="地区")
                    fix_department = gr.Textbox(label="部门")
                    fix_year = gr.Textbox(label="年度")
                    fix_kind = gr.Dropdown(["", *lib.KINDS], value="", label="类型")

        lib_outputs = [banner, reports, chosen, region, department, year, kind, examples]
        turn_panel = [citations, page_image, focus, caption, chart, table, csv]
        ask_inputs = [box, chatbot, turns, region, department, year, kind, top_k]
        ask_outputs = [chatbot, turns, turn_pick, *turn_panel, box]
        send.click(on_ask, ask_inputs, ask_outputs, api_visibility="private")
        box.submit(on_ask, ask_inputs, ask_outputs, api_visibility="private")
        examples.click(lambda sample: sample[0], examples, box, api_visibility="private")
        turn_pick.input(panel, [turns, turn_pick], turn_panel, api_visibility="private")
        citations.input(on_cite, [turns, turn_pick, citations], [page_image, focus, caption], api_visibility="private")
        received = _work_dir(settings)
        upload.upload(guarded(lambda files, progress: lib.upload(library, files, progress, received)), [upload],
                      [status, *lib_outputs], show_progress_on=[status], api_visibility="private").then(
            lambda: None, None, upload, api_visibility="private")
        remove.click(guarded(lambda s, progress: lib.remove(library, s)), [chosen], [status, *lib_outputs],
                     api_visibility="private")
        reindex.click(guarded(lambda s, r, d, y, k, progress: lib.reindex(library, s, r, d, y, k, progress)),
                      [chosen, fix_region, fix_department, fix_year, fix_kind], [status, *lib_outputs],
                      show_progress_on=[status], api_visibility="private")
        use_folder.click(on_folder, [folder], [status, *lib_outputs], api_visibility="private")
        demo.load(refresh, None, lib_outputs, api_visibility="private")
        gr.api(ask_json, api_name="ask")
    return demo


def launch_options(host: str = "127.0.0.1", port: int = 7860, max_upload_mb: int | None = None) -> dict[str, Any]:
    """Options that keep the served page on this machine and in Chinese, and uploads within the limit."""
    from starlette.middleware import Middleware

    return dict(server_name=host, server_port=port, css=CSS, ssr_mode=False, footer_links=[],
                max_file_size=f"{max_upload_mb or Settings().max_upload_mb}mb", show_error=True,
                app_kwargs={"middleware": [Middleware(PinChinese)]})


def check_port(host: str, port: int) -> None:
    """Raise a one-line QAError when host:port cannot be served on (in use, or not this machine's address)."""
    import socket

    try:
        with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
            probe.bind((host, port))
    except OSError as e:
        if e.errno == errno.EADDRINUSE:
            raise QAError(f"Port {port} on {host} is in use (another qa serve?). Stop that program, or choose "
                          f"another port with --port.") from e
        raise QAError(f"Cannot serve on {host}:{port} ({e.strerror or e}). Check --host and --port.") from e


def launch(*, index: str | Path | None = None, host: str = "127.0.0.1", port: int = 7860, **kwargs: Any) -> None:
    """Index the samples if the user's index is empty, and serve the page on host:port while the model and the
    index load in a background thread (a question that comes first loads what it needs itself; the model loads once)."""
    import threading

    settings = Settings.resolve(None, index_dir=index)
    check_port(host, port)  # before the minutes of a first start, not after them
    active = lib.Library(settings).active()  # builds the samples' index on a first start
    threading.Thread(target=api.warm_up, args=(active,), name="qa-warm-up", daemon=True).start()
    build_app(settings).launch(**{**launch_options(host, port, settings.max_upload_mb), **kwargs})
