"""What a table's row and column names say beyond their words: a total row narrowed by the table's title
(财政拨款收入总计), a row per unit of the department, the income or the expense side of a two-sided table, and a
column named after a lexicon item (机关运行经费支出) whose total row is that item's amount."""
from __future__ import annotations

import re

from ..lexicon import terms, total_scopes
from ..text.chars import squash


#: a row label naming a unit of the department (局本级, …休养所, …服务中心): a 三公 table's row per unit
UNIT_ROW = re.compile(r"(?:局|所|院|中心|站|委员会|委|办公室|办|部|处|队|馆|校|园|本级)$")


def scoped_total(label: str, title: str) -> str:
    """`收入总计` of the 财政拨款收入支出决算总表 is the 财政拨款 total (财政拨款收入总计), not the department's."""
    scopes, totals = total_scopes()
    if label not in totals:
        return label
    scope = next((sc for sc in scopes if sc in title), None)
    return f"{scope}{label}" if scope else label


def is_expense(label: str) -> bool:
    """Whether a row of a two-sided table (收入 | 支出) is on the expense side."""
    s = squash(label)
    return "支出" in s or any(w in s for w in ("结余分配", "年末", "结转下年"))


def own_measure(kind: str) -> str | None:
    """A report's own amount (预算数 of a budget, 决算数 of a final account): its kind's first default measure."""
    defaults = terms()["default_measures"].get(kind)
    return defaults[0] if defaults else None


def item_of_column(measure: str) -> str | None:
    """The lexicon item a column's header names (机关运行经费), or None for a measure (预算数, 合计)."""
    return next((name for name, e in terms()["items"].items() if measure in e["aliases"]), None)


def summary_total(title: str) -> str:
    """The row of a table printing one unlabelled row of figures under its column names: the table's own total
    (支出合计 of a 支出预算总表, 收入合计 of a 收入总表, else 合计)."""
    sides = [side for side in ("收入", "支出") if side in title]
    return f"{sides[0]}合计" if len(sides) == 1 else "合计"
