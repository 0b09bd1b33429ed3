"""How a question's words are read as a report's names before they are matched (qa/answer/match.py): a name
given in brackets after the user's description, a user's word read as the full name it stands for, and where it
must not be."""
from __future__ import annotations

import re
from typing import Iterable


def named_in_brackets(item: str, subjects: Iterable[str]) -> str:
    """The item with a description named in brackets by a subject's own name (请中介机构的钱（财政委托业务支出）):
    the name in place of the description and its brackets."""
    held = set(subjects)
    for m in re.finditer(r"[（(]([^（）()]{4,30})[）)]", item):
        if m.group(1) in held:
            start = max((item.rfind(c, 0, m.start()) for c in "，,、 "), default=-1) + 1
            described = item[start:m.start()]  # (统计信息事务里…（专项统计业务）: a name said before is kept)
            if not any(len(s) >= 4 and s in described for s in held):
                return item[:start] + m.group(1) + item[m.end():]
    return item


def alias_in_full(item: str, alias: str, canonical: str) -> str:
    """The item with the alias read as its canonical name where it is not already part of that name (接待费 ->
    公务接待费, but 公务接待费 stays as it is)."""
    at = canonical.find(alias)
    if at < 0:
        return item.replace(alias, canonical)
    before, after = re.escape(canonical[:at]), re.escape(canonical[at + len(alias):])
    return re.sub(rf"(?<!{before}){re.escape(alias)}|{re.escape(alias)}(?!{after})" if before and after else
                  rf"(?<!{before}){re.escape(alias)}" if before else rf"{re.escape(alias)}(?!{after})", canonical, item)


def inside_a_subject(item: str, alias: str, subjects: Iterable[str]) -> bool:
    """Whether the alias, where the item says it, opens inside a report's own item said just before it (运行经费 of
    行政运行经费: 行政运行 is the 科目 named, 经费 the money of it; not 机关运行经费)."""
    at = item.find(alias)
    return any(0 <= (k := item.find(s)) < at < k + len(s) for s in subjects if len(s) >= 3)
