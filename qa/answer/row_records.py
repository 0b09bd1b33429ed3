"""The records an operation over rows reads: one Row per 科目 or project, the RowSet of one table column, and
the rows a question leaves out (除了X)."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Sequence

from ..models import Fact
from ..text.numbers import to_wan

#: the table name of the rows the narrative states (the 科目 it lists with their 科目编码, a whole's parts)
NARRATIVE = "正文"


@dataclass(frozen=True)
class Row:
    """One row an operation reads: subject = 科目 or project name; code = 科目编码; value as printed in
    `unit`; wan = the value in 万元 for amounts (else as printed); fact = the table cell it comes from."""

    subject: str
    code: str | None
    value: float
    unit: str | None
    fact: Fact
    ref: Fact | None = None  # the figure of the same row it is compared with (年初预算数 for 超过年初预算)
    inputs: tuple[Fact, ...] = ()  # the facts a computed value (执行率) rests on
    also: Fact | None = None  # the other figure of a change its sentence states (降幅 30.77% beside 减少280万元)

    @property
    def wan(self) -> float:
        return to_wan(self.value, self.unit) if self.unit in ("元", "万元", "亿元") else self.value

    @property
    def ref_wan(self) -> float | None:
        if self.ref is None:
            return None
        return to_wan(self.ref.value, self.ref.unit) if self.ref.unit in ("元", "万元", "亿元") else self.ref.value


@dataclass(frozen=True)
class RowSet:
    """The rows of one table column: table = its title; measure = the column; level = 类/款/项 or None
    (projects, or rows of mixed levels)."""

    table: str
    measure: str
    level: str | None
    rows: tuple[Row, ...]
    noun: str | None = None  # what a row is, when neither a 科目 nor a project (单位, 部分)


def excluded(name: str, excluding: Sequence[str], names: Iterable[str] = ()) -> bool:
    """Whether a row's name is one the question leaves out (除了X: X, or a name that holds it or that it holds).
    A name some row bears exactly (`names`: the rows read) leaves out that row only: 不算“商品和服务支出”类合计
    keeps 其他商品和服务支出."""
    held = set(names)
    return any(name == x if x in held else (name in x or x in name) for x in excluding)


def kept(rows: Sequence[Row], excluding: Sequence[str], cells: Sequence[Fact] = ()) -> list[Row]:
    """The rows the question does not leave out (see `excluded`; `cells`: the table's rows of every level)."""
    names = {r.subject for r in rows} | {f.subject for f in cells}
    return [r for r in rows if not excluded(r.subject, excluding, names)]
