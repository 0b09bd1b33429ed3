"""Facts of tables printed to a national template (`lexicon/data/tables.json`), read by the template's
column order when the printed header could not be placed on the figures.

The 项目支出绩效自评表 prints its funding row as `年度资金总额： 493.76 536.2 413.57 10.0 77.13% 7.7` under a
header wrapped over three lines (`年初预算 全年预算 / 全年执行数 分值 执行率 得分 / 数 数`); the template says
the first three amounts are 年初预算数, 全年预算数 and 全年执行数, and the percentage is the 执行率 of the
全年 budget. The subject is the project named in the table (`项目名称 信访研究宣传立法专项`); the rows under it
(其中：财政拨款, 上年结转, 其他资金) are its parts, named after it (信访研究宣传立法专项财政拨款), and the row 总分
gives the project's 自评分数.
"""
from __future__ import annotations

import re
from typing import Any

from ..lexicon import table_templates
from ..models import Document, Fact, Table
from ..text.chars import squash
from ..text.numbers import find_numbers

_YEAR_PREFIX = re.compile(r"^(?:[^\d]{0,6}?级)?(?:19|20)\d{2}年度?")


def template_of(table: Table) -> dict[str, Any] | None:
    title = squash(table.title or "")
    return next((t for t in table_templates() if re.search(t["title"], title)), None)


def template_facts(table: Table, doc: Document) -> list[Fact]:
    """The facts of `table`'s template rows, or [] when it follows no template or names no subject."""
    template = template_of(table)
    if template is None:
        return []
    subject = _subject(table, template)
    if not subject:
        return []
    out: list[Fact] = []
    pages = table.row_pages or tuple(table.page for _ in table.rows)
    lines = table.row_lines or tuple(None for _ in table.rows)
    used: set[int] = set()  # each template row is read once: the first row it matches
    for i, row in enumerate(table.rows):
        text = " ".join(c for c in row if c.strip())
        k = next((k for k, r in enumerate(template["rows"]) if k not in used and re.match(r["label"], squash(text))),
                 None)
        if k is None:
            continue
        spec = template["rows"][k]
        numbers = [n for n in find_numbers(text) if n.kind in ("amount", "number", "percent")]
        amounts = [n for n in numbers if n.unit != "%"]
        percents = [n for n in numbers if n.unit == "%"]
        page = pages[i] if i < len(pages) else table.page
        line = lines[i] if i < len(lines) else None
        span = (line, line) if line is not None else None

        def fact(subject: str, measure: str, value: float, unit: str | None) -> Fact:
            return Fact(doc.doc_id, subject, measure, value, unit, text, table=table.title or None, page=page,
                        lines=span)

        if spec.get("score"):
            if amounts:  # 总分 100 94.7: the score is the last figure (the first, when two, is the full mark)
                used.add(k)
                out.append(fact(subject, spec["score"], amounts[-1].value, "分"))
            continue
        if len(amounts) < len(spec["amounts"]):
            continue  # a row cut short: placing its figures by order would misplace them
        used.add(k)
        name = subject + spec.get("part", "")
        unit = table.unit or template.get("unit")
        out.extend(fact(name, measure, n.value, unit) for measure, n in zip(spec["amounts"], amounts))
        if spec.get("percent") and percents:
            out.append(fact(name, spec["percent"], percents[0].value, "%"))
    return out


def _subject(table: Table, template: dict[str, Any]) -> str:
    """The project the table is about: its 项目名称 row, else its title without the template's words."""
    for row in table.rows[:6]:
        cells = [squash(c) for c in row if c.strip()]
        if cells and re.match(template["subject_row"], cells[0]):
            name = re.sub(template["subject_row"], "", cells[0]) or (cells[1] if len(cells) > 1 else "")
            if name:
                return _YEAR_PREFIX.sub("", name) or name
    name = re.sub(template["subject_from_title"], "", squash(table.title or ""))
    return _YEAR_PREFIX.sub("", name) or name
