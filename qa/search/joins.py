"""Names a report writes with one conjunction asked with another: 商品与服务支出 for the report's 商品和服务支出,
公务用车购置和运行维护费 for 公务用车购置及运行维护费. The question is read in the report's spelling before it is
parsed, so every later step matches the name as written."""
from __future__ import annotations

import itertools
import re
from typing import Iterable

_JOINS = "和与及"
#: the most conjunctions in one name that are spelled out every other way (two: 2 × 2 × 2 spellings each)
_MOST = 2


class Joins:
    """Other spellings of the names given, each mapped to its name; a spelling that is itself a name, or that two
    names share, is left as it is."""

    def __init__(self, names: Iterable[str]) -> None:
        names = {n for n in names if len(n) >= 4}
        seen: dict[str, set[str]] = {}
        for name in names:
            at = [i for i, ch in enumerate(name) if ch in _JOINS]
            if not at or len(at) > _MOST:
                continue
            for chars in itertools.product(_JOINS, repeat=len(at)):
                spelled = list(name)
                for i, ch in zip(at, chars):
                    spelled[i] = ch
                other = "".join(spelled)
                if other != name and other not in names:
                    seen.setdefault(other, set()).add(name)
        self._to = {other: next(iter(ns)) for other, ns in seen.items() if len(ns) == 1}
        alternation = "|".join(map(re.escape, sorted(self._to, key=lambda s: (-len(s), s))))
        self._pattern = re.compile(alternation) if alternation else None

    def __call__(self, text: str) -> str:
        """`text` with every other spelling of a name written as the name."""
        return self._pattern.sub(lambda m: self._to[m.group(0)], text) if self._pattern else text
