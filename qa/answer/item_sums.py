"""合计/一共 of several items one report states (基本工资、津贴补贴和奖金加起来, 农村低保人员、特困人员…一共多少人):
the sum of each item's figure with its formula — amounts in their shared unit, counts of one kind of thing."""
from __future__ import annotations

import re
from typing import Sequence

from ..lexicon import question_words
from ..lexicon.formula_table import formulas
from ..models import Fact
from ..search.operation import parse_operation
from ..search.query import Query
from ..text.numbers import AMOUNT_UNITS, exact_sum, format_value, to_wan
from .match import Statement
from .one_report import find_amount
from .share_words import split_share


def _asks_sum(query: Query) -> bool:
    """Whether the question asks for a sum (加起来, 一共…: the formula table's cues of 合计)."""
    return any(w in query.text for w in formulas().formulas["合计"].cues)


def _items_sum_line(query: Query, statements: Sequence[Statement]) -> tuple[str, Statement] | None:
    """合计/一共 of several items of one report (基本工资、津贴补贴和奖金加起来): the sum of each item's
    first amount, with the formula, in the items' own unit when they share one (a report in 元 is summed in 元,
    which the formula table's `total` would give in 万元); None unless two or more items state an amount."""
    if not _asks_sum(query):
        return None
    changes = ("增减额", "增减率")
    firsts = _firsts(statements, lambda s: s.unit in AMOUNT_UNITS and s.measure not in changes and not s.row)
    if len(firsts) >= 2:  # (a row: its total counts)
        unit = firsts[0].unit if len({s.unit for s in firsts}) == 1 else "万元"
        values = [s.value if s.unit == unit else to_wan(s.value, s.unit) for s in firsts]
    else:  # 农村低保人员15991人、…、监测人口159名: counts of one kind (questions.json count_unit_kinds)
        firsts = _firsts(statements, lambda s: s.unit and s.unit not in (*AMOUNT_UNITS, "%") and s.measure not in changes
                         and not s.row)
        units = {s.unit for s in firsts}
        if len(firsts) < 2 or not any(units <= set(kind) for kind in question_words()["count_unit_kinds"]):
            return None
        unit, values = firsts[0].unit, [s.value for s in firsts]
    total = exact_sum(values)
    formula = " + ".join(format_value(v) for v in values) + f" = {format_value(total)}{unit}"
    st = Statement(firsts[0].doc_id, "、".join(s.subject for s in firsts), "合计", total, unit, (), formula=formula)
    return f"合计：{format_value(total)}{unit}（计算：{formula}）。", st


def share_of_items_sum(query: Query, total: Statement, facts: Sequence[Fact]) -> tuple[str, Statement] | None:
    """The share a sum of named items holds of a whole a later clause names (三个项目加起来多少？占全部项目支出的比例？):
    the sum ÷ that whole's amount in the same report; None unless a later clause asks such a share."""
    clauses = [c for c in re.split(r"[？?。；;]", query.text) if c.strip()]
    asked = next((c for c in clauses[1:] if "占" in c and parse_operation(c).derived == "占比"), None)
    whole_name = split_share(asked)[2] if asked else ""
    whole = find_amount(whole_name, facts) if len(whole_name) >= 2 else None
    if whole is None or total.unit not in AMOUNT_UNITS or whole.value <= 0:
        return None
    x, y = to_wan(total.value, total.unit), to_wan(whole.value, whole.unit)
    if x >= y:  # (a whole no larger than its part is no whole of it)
        return None
    v = round(x / y * 100, 2)
    formula = f"{format_value(x)} ÷ {format_value(y)} = {format_value(v)}%"
    st = Statement(total.doc_id, f"{total.subject}合计÷{whole.subject}", "占比", v, "%", (whole,), formula=formula)
    return f"占比（合计÷{whole.subject}）：{format_value(v)}%（计算：{formula}）。", st


def items_extreme_line(query: Query, statements: Sequence[Statement]) -> str | None:
    """哪个最多 / 哪个最少 of several items one report states (科技创新、生命健康、商业创新三个专项哪个预算最多): the
    item at the end asked, by each item's first amount in one unit; None unless the question asks one end and
    two or more items state an amount."""
    op = query.operation
    if op.function not in ("max", "min") or op.direction == "both":
        return None
    firsts = _firsts(statements, lambda s: s.unit in AMOUNT_UNITS and s.measure not in ("增减额", "增减率") and not s.row)
    if len(firsts) < 2:
        return None
    ends = max if op.function == "max" else min
    top = ends(firsts, key=lambda s: to_wan(s.value, s.unit))
    if sum(1 for s in firsts if to_wan(s.value, s.unit) == to_wan(top.value, top.unit)) > 1:
        return None  # (a tie names no one item)
    return f"{'最多' if op.function == 'max' else '最少'}的是：{top.subject} {format_value(top.value)}{top.unit}。"


def _firsts(statements: Sequence[Statement], wanted) -> list[Statement]:
    """The first statement of each subject that `wanted` keeps, in their order."""
    out: dict[str, Statement] = {}
    for s in statements:
        if wanted(s):
            out.setdefault(s.subject, s)
    return list(out.values())
