"""The 问答 tab's behaviour: one turn = one `qa.ask` with the scope filters; each turn keeps its answer and
citations, so an earlier turn's sources can be opened again. Presentation only; answers come from qa.api."""
from __future__ import annotations

import html
import logging
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Sequence

from .. import api
from .. import library as catalog
from ..config import Settings
from ..errors import QAError
from ..models import Answer, Citation
from . import charts, preview
from .format import (
    answer_markdown,
    citation_choice,
    citation_label,
    figure_table,
    where,
)
from .library import Library

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Turn:
    """One question and its answer, with the index it was answered from (where its cited files are)."""

    question: str
    answer: Answer
    settings: Settings


def years(values: Sequence[Any] | None) -> list[int]:
    out = []
    for v in values or ():
        try:
            out.append(int(v))
        except (TypeError, ValueError) as e:
            raise QAError(f"年度应为四位数字；收到 {v!r}。") from e
    return out


def ask_turn(question: str, library: Library, *, region=None, department=None, year=None, kind=None,
             top_k: int | None = None) -> Turn:
    settings = library.active()
    if top_k:
        settings = replace(settings, top_k=int(top_k))
    a = api.ask(question, settings=settings, region=list(region or []), department=list(department or []),
                year=years(year), kind=list(kind or []))
    return Turn(question, a, settings)


def turn_choices(turns: Sequence[Turn]) -> list[tuple[str, int]]:
    return [(f"第 {i} 轮：{t.question[:30]}", i - 1) for i, t in enumerate(turns, 1)]


def citation_choices(turn: Turn | None) -> list[tuple[str, int]]:
    if turn is None:
        return []
    return [(citation_choice(n, c), n) for n, c in enumerate(turn.answer.citations, 1)]


def show_citation(turn: Turn | None, n: int | None) -> tuple[Any, Any, str]:
    """(page image or None, close-up of the quote or None, HTML caption or text excerpt) for citation `n`
    (1-based) of a turn."""
    c = citation_of(turn, n)
    if turn is None or c is None:
        return None, None, "<p>选择一条引用，查看它在报告中的原页。</p>"
    head = f'<p class="qa-cite-head"><b>[{n}] {html.escape(c.source)} {where(c)}</b><br>{html.escape(citation_label(c))}</p>'
    try:
        path = catalog.report_path(c.source, settings=turn.settings)
        if c.page and path.suffix.lower() == ".pdf":
            shown = preview.render_pdf_page(path, c.page, c.quote)
            note = "" if shown.found else '<p class="qa-warn">未能在该页定位引文的字符，显示整页。</p>'
            return shown.image, shown.focus(), head + note
        text = catalog.report_text(c.source, settings=turn.settings)
        return None, None, head + preview.text_excerpt_html(text, c.lines, c.quote)
    except QAError as e:
        return None, None, head + f'<p class="qa-warn">⚠️ {html.escape(str(e))}</p>'


def chart_frame(turn: Turn | None):
    """(DataFrame for the bar chart or None, its title)."""
    import pandas as pd

    if turn is None:
        return None, ""
    try:
        reports = catalog.reports(settings=turn.settings)
    except QAError:
        reports = []
    rows = charts.chart_rows(turn.answer, reports)
    if not rows:
        return None, ""
    frame = pd.DataFrame(rows)
    return frame, f"{rows[0]['指标']}（{rows[0]['单位']}）"


def export_folder(library: Library) -> Path:
    """Downloads are written inside the user's index folder, like everything else the app writes."""
    return Path(library.settings.index_dir) / ".web" / "exports"


def answer_text(turn: Turn) -> str:
    return answer_markdown(turn.answer)


def figures_of(turn: Turn | None) -> list[list[str]]:
    return figure_table(turn.answer) if turn is not None else []


def error_message(e: Exception) -> str:
    return f"⚠️ {html.escape(str(e))}"


def first_citation(turn: Turn | None) -> int | None:
    return 1 if turn is not None and turn.answer.citations else None


def citation_of(turn: Turn | None, n: int | None) -> Citation | None:
    if turn is None or not n or not 1 <= int(n) <= len(turn.answer.citations):
        return None
    return turn.answer.citations[int(n) - 1]
