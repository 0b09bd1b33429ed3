"""The share the rows an operation picks hold of the whole set it reads (哪个最多？占这4个项目合计的比例？, 排前三的
占整个专项的几成): the picked rows' amount ÷ the set's total, the total printed for the set when there is one."""
from __future__ import annotations

from typing import Protocol, Sequence, TypeVar

from ..models import Answer, Citation, Figure
from ..search.operation import Operation
from ..text.numbers import AMOUNT_UNITS, exact_sum, format_value


class Amounted(Protocol):
    @property
    def wan(self) -> float: ...


class Item(Amounted, Protocol):
    label: str
    value: float
    unit: str


T = TypeVar("T", bound=Amounted)


def picked(op: Operation, rows: Sequence[T]) -> list[T]:
    """The rows the operation answers with: its end (max / min), its first n (rank), or every row it adds up."""
    desc = op.direction != "asc"
    ordered = sorted(rows, key=lambda r: r.wan, reverse=desc)
    if op.function in ("max", "min"):
        return ordered[:1]
    if op.function == "rank" or op.function == "sum" and op.n:
        return ordered[: op.n or 5]
    return list(rows)


def share_line(where: str, name: str, parts: Sequence[float], whole: float, whole_name: str, unit: str) -> tuple[str, Figure] | None:
    """`{where}{name}占{whole_name}的比重：p%（计算：a ÷ b = p%）`; None for a zero whole or a part as large as it
    (the set is the part: nothing to say)."""
    part, whole = round(exact_sum(list(parts)), 2), round(whole, 2)
    if whole <= 0 or part >= whole:
        return None
    pct = round(part / whole * 100, 2)
    formula = f"{format_value(part)} ÷ {format_value(whole)} = {format_value(pct)}%"
    return (f"{where}{name}占{whole_name}的比重：{format_value(pct)}%（计算：{formula}，单位{unit}）。",
            Figure(pct, "%", f"{name}占比", formula))


def share_of_list(question: str, op: Operation, items: Sequence[Item], total: Item | None, where: str,
                  cited: tuple[Citation, ...]) -> Answer | None:
    """What the items of a printed list the operation picks hold of the list's total (the total its sentence
    states, else their sum), citing the list."""
    chosen = picked(op, items)
    if not chosen:
        return None
    whole = total.wan if total is not None else exact_sum([i.wan for i in items])
    unit = "万元" if items[0].unit in AMOUNT_UNITS else items[0].unit
    got = share_line(where, "、".join(i.label for i in chosen), [i.wan for i in chosen], whole,
                     "所列合计" if total is None else f"总额{format_value(total.value)}{total.unit}", unit)
    if got is None:
        return None
    text, figure = got
    return Answer(question=question, found=True, text=text, figures=(figure,), citations=cited, method="passages")
