"""The report as a whole: its totals whose change (or other measure) its narrative states — 收支总计, 收入总计,
财政拨款支出… — each a reading of a question naming no item (预算比去年多了多少)."""
from __future__ import annotations

from typing import Sequence

from ..lexicon import terms, total_scopes
from ..models import Fact

#: the measures a report prints for a derived one asked (a change: its amount and its rate)
PRINTED = {"执行率": ("执行率", "完成预算率"), "增减额": ("增减额", "增减率"), "增减率": ("增减率", "增减额"), "未执行额": ()}

#: the most readings of a report's whole change stated (收支总计, 收入, 支出 may each print their own)
WHOLE_READINGS = 3


def whole_report_subjects(facts: Sequence[Fact], derived: str | None = None, measures: Sequence[str] = (),
                          item: str = "") -> list[str]:
    """The report's totals that its narrative states a change of (收支总计, 收入总计, 财政拨款支出…), or the
    given measures of, one per distinct figure, the broadest name first (a total before a scope's, a shorter
    scope before a longer); of one figure, a total of the side `item` names first (支出总计 for 支出预算)."""
    scopes, totals = total_scopes()
    order = terms()["total_subjects"]
    sides = ("收入", "支出", "收支总计")
    as_whole = tuple(terms()["whole_report_words"])  # 部门整体预算…执行率94%

    def whole(s: str) -> bool:
        return s in totals or s in order or any(s == sc + side for sc in scopes for side in sides) or s.startswith(as_whole)

    wanted = measures or (PRINTED[derived] if derived else ())
    said = [f for f in facts if f.table is None and f.measure in wanted and whole(f.subject)]
    asked = _sides_named(item)
    ranked = sorted(said, key=lambda f: (not (len(asked) == 1 and asked[0] in f.subject),
                                         order.index(f.subject) if f.subject in order else len(order), len(f.subject)))
    by_value: dict[float, str] = {}
    for f in ranked:
        by_value.setdefault(round(f.value, 2), f.subject)
    return list(dict.fromkeys(by_value.values()))[:WHOLE_READINGS]


def of_side_asked(item: str, subjects: list[str]) -> list[str]:
    """The totals of the side the question names (支出预算比上年…: 支出总计, not 收入总计), all when it names none or
    both, or when none of them is of that side."""
    sides = _sides_named(item)
    kept = [s for s in subjects if len(sides) == 1 and sides[0] in s]
    return kept or subjects


def _sides_named(item: str) -> list[str]:
    """The sides of the budget (收入, 支出) whose words the question says (terms.json total_sides)."""
    return [side for side, words in terms()["total_sides"].items() if any(w in item for w in words)]
