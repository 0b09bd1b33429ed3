"""科目编码 a question writes: the rows it names (`2010301行政运行`, `科目2040504那一行`)."""
from __future__ import annotations

import re
from typing import Sequence

from ..models import Fact


def coded_named(item: str, facts: Sequence[Fact]) -> str:
    """`科目2040504那一行`: a 科目编码 the item writes without its name is read as the name its rows print."""
    def name(m: re.Match[str]) -> str:
        names = {f.subject for f in facts if f.subject_code == m.group(0)}
        return names.pop() if len(names) == 1 and not any(n in item for n in names) else m.group(0)
    return re.sub(r"(?<!\d)2\d{2}(?:\d{2}){0,2}(?!\d)", name, item)


def coded_as_asked(facts: Sequence[Fact], question: str) -> list[Fact]:
    """`2010301行政运行`: of the rows sharing a name, the one whose 科目编码 the question writes."""
    asked = {f.subject_code for f in facts if f.subject_code and re.search(rf"(?<!\d){f.subject_code}(?!\d)", question)}
    named = {f.subject for f in facts if f.subject_code in asked}
    return [f for f in facts if f.subject not in named or f.subject_code in asked] if asked else list(facts)
