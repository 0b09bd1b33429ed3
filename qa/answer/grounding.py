"""The check every answer passes before it is shown: each figure it states is in a passage it cites, or is the
result or an input of a formula it shows; a line stating any other figure is dropped, and the answer says so."""
from __future__ import annotations

import re
from dataclasses import replace
from typing import Sequence

from ..lexicon import cues
from ..models import Answer
from ..text.chars import squash
from ..text.numbers import find_numbers
from .nothing import NONE_SAID
from .passages import not_found
from .pick import FIGURE_KINDS

#: a table's label names a table and states no figure: 公开05表, 表2, 表 1, 附表3, 预算01表
_TABLE_LABEL = re.compile(r"(?:公开|预算|决算|附)?\s*\d{1,2}\s*表|表\s*[一二三四五六七八九十\d]{1,3}(?![\d.])")


def _supported_values(a: Answer) -> list[tuple[float, int]]:
    # a cited row's label is cited text too (警务辅助人员经费（含市府机关大院30名）, printed above its figure), and
    # so is the title of the table it cites (a project's 绩效指标 table named by the project)
    vals = [(n.value, n.decimals) for c in a.citations
            for n in find_numbers(f"{c.quote} {c.row or ''} {c.table or ''}")]
    vals += [(0.0, 2) for c in a.citations if cues().unchanged.search(squash(c.quote))]  # 与上年持平: a change of 0
    vals += [(0.0, 2) for c in a.citations if NONE_SAID.search(squash(c.quote))]  # 无国有资产占用情况: none, 0
    for f in a.figures:
        if f.formula:
            vals.append((f.value, 2))
            vals += [(n.value, n.decimals) for n in find_numbers(f.formula)]
    return vals


def _is_supported(value: float, decimals: int, supported: Sequence[tuple[float, int]]) -> bool:
    for v, d in supported:
        places = min(decimals, d)
        v, value = abs(v), abs(value)  # a sign is often said in words (减少 4.2万元)
        if round(v, places) == round(value, places) or abs(v - value) < 1e-9:
            return True
    return False


def ground(a: Answer) -> Answer:
    """Keep only figures a reader can check: each number in `text` must be in a cited quote or be the
    shown result (or input) of a formula. A line holding any other number is dropped, and the answer says so."""
    if not a.found:
        return a
    supported = _supported_values(a)
    kept, dropped = [], 0
    for line in a.text.split("\n"):
        checked = _TABLE_LABEL.sub("表", line)
        bad = [n for n in find_numbers(checked) if n.kind in FIGURE_KINDS and not _is_supported(n.value, n.decimals, supported)]
        if bad:
            dropped += 1
        else:
            kept.append(line)
    figures = tuple(f for f in a.figures if f.formula or _is_supported(f.value, 2, supported))
    if not dropped and len(figures) == len(a.figures):
        return a
    if not kept or not any(find_numbers(line) for line in kept) and a.figures:
        return not_found(a.question, "找到的数字无法在引用的原文中核对，故不作回答。", method=a.method)
    note = "（已删去无法在引文中核对的数字。）"
    return replace(a, text="\n".join(kept + [note]), figures=figures)
