"""How an answer reads on the page: figures at the report's precision with `[n]` markers, citations as
`表名 | 科目 | 列名 数值`, and the figures as table rows (for the table, the chart and the CSV)."""
from __future__ import annotations

import html
from dataclasses import dataclass

from ..library import figure_citations, printed_value
from ..models import Answer, Citation, Figure

FIGURE_COLUMNS = ["编号", "报告", "指标", "数值", "单位", "计算", "引用"]


@dataclass(frozen=True)
class FigureRow:
    """A figure as shown: its value as the report prints it, and the citations ([n]) that hold it."""

    figure: Figure
    value_text: str
    sources: tuple[int, ...]
    report: str  # the cited report's file name when all its citations are from one report, else ""


def figure_rows(a: Answer) -> list[FigureRow]:
    quotes = [c.quote for c in a.citations]
    rows = []
    for f, sources in zip(a.figures, figure_citations(a)):
        cited = [a.citations[n - 1] for n in sources]
        shown = printed_value(f.value, [c.quote for c in cited] or quotes)
        reports = {c.source for c in cited}
        rows.append(FigureRow(f, shown, sources, reports.pop() if len(reports) == 1 else ""))
    return rows


def markers(sources: tuple[int, ...]) -> str:
    return "".join(f"[{n}]" for n in sources)


def where(c: Citation) -> str:
    if c.page:
        return f"第 {c.page} 页"
    if c.lines:
        return f"第 {c.lines[0]} 行" if c.lines[0] == c.lines[1] else f"第 {c.lines[0]}–{c.lines[1]} 行"
    return ""


def citation_label(c: Citation) -> str:
    """`公开05表 | 2101301 城乡医疗救助 | 决算数 995.33` for a table row; the quote for a sentence."""
    if c.table and c.cells:
        cells = "；".join(f"{column} {printed_value(value, [c.quote])}" for column, value in c.cells)
        return " | ".join(x for x in (c.table, c.row, cells) if x)
    quote = " ".join(c.quote.split())
    return quote if len(quote) <= 80 else quote[:79] + "…"


def citation_choice(n: int, c: Citation) -> str:
    """One line of the clickable citation list."""
    return f"[{n}] {citation_label(c)} — {c.source} {where(c)}"


def answer_markdown(a: Answer) -> str:
    """The chat message: the answer's text, each figure with its label, formula and [n], then the sources."""
    out = [html.escape(a.text).replace("\n", "  \n")]
    if a.found and a.figures:
        out.append("")
        for row in figure_rows(a):
            f = row.figure
            how = f" — 计算：{html.escape(f.formula)}" if f.formula else ""
            out.append(f"- **{html.escape(f.label)}**：{row.value_text}{html.escape(f.unit or '')}{how} {markers(row.sources)}")
    if a.citations:
        out.append("\n**出处**")
        for n, c in enumerate(a.citations, 1):
            out.append(f"{n}. {html.escape(citation_label(c))} — {html.escape(c.source)} {where(c)}")
    elif a.found:
        out.append("\n_无引用（未给出数字）_")
    return "\n".join(out)


def figure_table(a: Answer) -> list[list[str]]:
    """Rows of FIGURE_COLUMNS: what the answer states, for the table on the page and the CSV download."""
    out = []
    for i, row in enumerate(figure_rows(a), 1):
        f = row.figure
        out.append([str(i), row.report, f.label, row.value_text, f.unit or "", f.formula or "", markers(row.sources)])
    return out
