"""Cross-report answers as a bar chart (Gradio's BarPlot, drawn in the browser by Vega-Lite, no CDN) and
the answer's figures as a CSV download."""
from __future__ import annotations

import csv
import re
import tempfile
from pathlib import Path
from typing import Sequence

from ..models import Answer, ReportInfo
from .format import FIGURE_COLUMNS, figure_rows, figure_table


def report_name(r: ReportInfo | None, source: str, all_reports: Sequence[ReportInfo]) -> str:
    """A short bar label that tells the compared reports apart: region, else department, plus the year."""
    if r is None:
        return source
    regions = {x.region for x in all_reports}
    name = r.region if r.region and len(regions) == len(all_reports) else (r.department or r.region or r.source)
    return f"{name} {r.year}" if r.year else name


def chart_rows(a: Answer, reports: Sequence[ReportInfo]) -> list[dict[str, object]]:
    """One bar per report when the answer states the same kind of figure for two reports or more: the first
    figure of each report in the most common unit. [] when there is nothing to compare."""
    by_source = {r.source: r for r in reports}
    rows = [r for r in figure_rows(a) if r.report and r.figure.unit is not None]
    if len({r.report for r in rows}) < 2:
        return []
    units = [r.figure.unit for r in rows]
    unit = max(set(units), key=units.count)
    first: dict[str, object] = {}
    for r in rows:
        if r.figure.unit == unit and r.report not in first:
            first[r.report] = r
    if len(first) < 2:
        return []
    cited = [by_source[s] for s in first if s in by_source]
    return [{"报告": report_name(by_source.get(source), source, cited), "数值": row.figure.value, "单位": unit,
             "指标": _measure(row.figure.label)} for source, row in first.items()]


def _measure(label: str) -> str:
    """The figure's label without the report title it starts with (`…部门决算 机关运行经费决算数`)."""
    return re.sub(r"^\S*(?:预算|决算)\S*\s+", "", label)


def write_csv(a: Answer, folder: str | Path) -> Path | None:
    """The answer's figures as UTF-8 CSV (with BOM, so spreadsheet programs read the Chinese) in `folder`."""
    rows = figure_table(a)
    if not rows:
        return None
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    _prune(folder)
    fd, name = tempfile.mkstemp(prefix="answer-", suffix=".csv", dir=folder)
    with open(fd, "w", encoding="utf-8-sig", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["问题", a.question])
        writer.writerow(FIGURE_COLUMNS)
        writer.writerows(rows)
        writer.writerow([])
        writer.writerow(["引用编号", "文件", "位置", "原文"])
        for n, c in enumerate(a.citations, 1):
            place = f"第{c.page}页" if c.page else (f"第{c.lines[0]}-{c.lines[1]}行" if c.lines else "")
            writer.writerow([f"[{n}]", c.source, place, c.quote])
    return Path(name)


#: downloads kept: the newest this many (an answer's CSV is for the page that shows it, not an archive)
KEEP_EXPORTS = 50


def _prune(folder: Path) -> None:
    """Delete all but the newest KEEP_EXPORTS - 1 answer CSVs, so the folder does not grow with every answer."""
    old = sorted(folder.glob("answer-*.csv"), key=lambda p: p.stat().st_mtime, reverse=True)[KEEP_EXPORTS - 1:]
    for p in old:
        p.unlink(missing_ok=True)

