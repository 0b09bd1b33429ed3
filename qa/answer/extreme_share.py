"""The share of the largest (or smallest) of the items just listed, asked after the list (`哪几个项目？一共多少钱，
最大的占几成？`): the part is the extreme of the listed amounts, the whole is the total answered beside them when
it is their sum, else their sum, computed and shown."""
from __future__ import annotations

from dataclasses import replace
from typing import Sequence

from ..models import Answer, Figure
from ..search.operation import parse_operation
from ..text.numbers import AMOUNT_UNITS, format_value, to_wan
from .one_report import names_no_item
from .share_words import split_share

#: how far a stated total may be from the sum of the listed amounts (each printed to the cent) and still be it
_SUM_TOLERANCE = 0.011


def share_of_extreme(part: str, answers: Sequence[Answer]) -> Answer | None:
    """The later question `part` (`最大的占几成`) answered from the earlier answers' figures, or None when it names
    an item of its own or the answers list fewer than two amounts."""
    op = parse_operation(part)
    _, named, whole_name = split_share(part)
    # (the part names nothing but the extreme, 最大的; the whole nothing but the set, 占合计 / 占这几个项目的)
    if op.function not in ("max", "min") or op.derived != "占比" or "占" not in part \
            or not names_no_item(named) or not names_no_item(whole_name):
        return None
    listed = [f for a in answers for f in (*a.listed, *a.figures) if f.unit in AMOUNT_UNITS and not f.formula]
    listed = list({(f.label, f.value): f for f in listed}.values())
    if len(listed) < 2:
        return None
    values = [round(to_wan(f.value, f.unit), 6) for f in listed]
    # the total stated beside them is the largest when it is their sum: the items are the others
    top = max(range(len(values)), key=values.__getitem__)
    rest = values[:top] + values[top + 1:]
    if len(rest) >= 2 and abs(sum(rest) - values[top]) <= _SUM_TOLERANCE * len(rest):
        whole, items = values[top], [f for i, f in enumerate(listed) if i != top]
        item_values = rest
        whole_said = format_value(whole)
    else:
        items, item_values = listed, values
        whole = round(sum(values), 6)
        whole_said = f"（{' + '.join(format_value(v) for v in values)}）"
    pick = max if op.direction != "asc" else min
    k = item_values.index(pick(item_values))
    if whole <= 0 or not 0 < item_values[k] < whole:
        return None
    pct = round(100 * item_values[k] / whole, 2)
    formula = f"{format_value(item_values[k])} ÷ {whole_said} = {format_value(pct)}%"
    last = answers[-1]
    label = f"{items[k].label}占合计比重"
    return replace(last, text=f"{last.text}\n{items[k].label}占合计的比重：{format_value(pct)}%（计算：{formula}）",
                   figures=(*last.figures, Figure(pct, "%", label, formula)))


def share_of_named_report(part_name: str, first: Answer, departments: Sequence[str]) -> Answer | None:
    """The share of one report's figure in the sum the first question answered over several (`四家的三公经费加起来
    多少？区府办占了多少？`): the figure labelled with the department the later question names (`departments`, as the
    scope reads its words) over the sum; None when the first answer states no sum of reports or no such figure."""
    total = next((f for f in first.figures if f.label.startswith("合计") and f.formula and " + " in f.formula), None)
    if total is None or total.value <= 0 or not departments or not part_name:
        return None
    mine = [f for f in first.figures if f is not total and f.unit == total.unit and f.formula is None
            and any(f.label.startswith(d) for d in departments)]
    if len(mine) != 1 or not 0 < mine[0].value < total.value:
        return None
    part = mine[0]
    pct = round(100 * part.value / total.value, 2)
    formula = f"{format_value(part.value)} ÷ {format_value(total.value)} = {format_value(pct)}%"
    return replace(first, text=f"{first.text}\n{part.label}占合计的比重：{format_value(pct)}%（计算：{formula}）。",
                   figures=(*first.figures, Figure(pct, "%", f"{part.label}占比", formula)))
