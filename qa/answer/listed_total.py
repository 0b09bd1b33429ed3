"""The sum a question asks of the items it lists (`中央、省、县三级财政补助一共多少`), from the figures a passage
answer picked: one amount for each item listed."""
from __future__ import annotations

import re
from typing import Sequence

from ..lexicon.formula_table import formulas
from ..models import Figure
from ..search.query import Query
from ..text.numbers import AMOUNT_UNITS, exact_sum
from .derived import plain_sum

#: the items a question lists (中央、省、县三级财政补助): words joined by 、
_LISTED = re.compile(r"[\u4e00-\u9fff]{1,12}(?:、[\u4e00-\u9fff]{1,12})+")


def listed_names(query: Query) -> list[str]:
    """The items a question lists and asks the sum of (`中央、省、县三级财政补助一共多少`: 中央, 省, 县), [] when it
    asks no sum of a list. The words the list runs into on either side are cut to its inner items' length."""
    listed = _LISTED.search(query.text)
    if listed is None or not any(w in query.text for w in formulas().formulas["合计"].cues):
        return []
    names = listed.group(0).split("、")
    if len(names) > 2:
        inner = min(map(len, names[1:-1]))
        names = [names[0][-inner:], *names[1:-1], names[-1][:inner]]
    return names


def listed_total(query: Query, figures: Sequence[Figure]) -> Figure | None:
    """The sum asked of the items a question lists (`中央、省、县三级财政补助一共多少`): one amount for each item,
    the one labelled with its name (省 -> 省级); else, when no label names an item and no more and no fewer amounts
    are stated, those; else None."""
    names = listed_names(query)
    if not names:
        return None
    amounts = list({(f.label, f.value): f for f in figures if f.unit in AMOUNT_UNITS}.values())
    by_name = [[f for f in amounts if n in (f.label or "")] for n in names]
    if len(names) > 2 and all(len(x) == 1 for x in by_name) and len({id(x[0]) for x in by_name}) == len(names):
        amounts = [x[0] for x in by_name]
    elif len(names) > 2 and any(by_name):  # an item with no amount of its own: another's would stand in for it
        return None
    if len(amounts) != len(names) or len({f.unit for f in amounts}) != 1:
        return None
    total = exact_sum([f.value for f in amounts])
    formula = plain_sum([f.value for f in amounts], total, amounts[0].unit)
    return Figure(value=total, unit=amounts[0].unit, label="合计", formula=formula)
