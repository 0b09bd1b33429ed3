"""Table columns that are no part of a row's name or figures: a second classification's code and name columns
printed beside the row's own, and columns describing the row (经费性质, 采购方式)."""
from __future__ import annotations

import re
from dataclasses import replace
from typing import Sequence

from ..lexicon.formula_table import formulas
from ..models import Table
from ..text.chars import squash


def without_second_classification(table: Table, first: int) -> Table:
    """The table without the code and name columns of a second classification printed beside the row's own
    (部门经济科目编码 | 名称 | 政府经济科目编码 | 名称 | 合计…): those codes (50101) are no figures and those names
    no 科目 of the row. Only for tables whose cells are kept, where a header cell heads its column."""
    heads = _column_heads(table, first)
    codes = [j for j, h in enumerate(heads) if re.search(r"编码|代码", h) and not re.search(r"合计|金额|数$", h)]
    names = [j for j, h in enumerate(heads) if "名称" in h and not re.search(r"合计|金额|数$", h)]
    # (side-by-side panels repeat code, name and amount columns: a code column after an amount column is a panel's)
    labels = set(codes) | set(names)
    drop: set[int] = set()
    for a, b in zip(codes, codes[1:]):
        if all(j in labels for j in range(a, b)):
            drop.add(b)
            drop.update(j for j in names if b < j <= b + 2)
    if not drop:
        return table
    rows = tuple(r if i < first else tuple("" if j in drop else c for j, c in enumerate(r))
                 for i, r in enumerate(table.rows))
    return replace(table, rows=rows)


def _column_heads(table: Table, first: int) -> list[str]:
    """Each column's header words (the cells above row `first`, whitespace removed, joined)."""
    width = max((len(r) for r in table.rows), default=0)
    return ["".join(squash(r[j]) for r in table.rows[:first] if j < len(r)) for j in range(width)]


#: a header naming a column that describes its row (经费性质, 项目类型, 采购方式), not part of the row's name
_ATTRIBUTE_HEAD = re.compile(r"(?:性质|类型|类别|方式|形式)$")


def attribute_columns(table: Table, first: int) -> frozenset[int]:
    """The columns that describe a row (单位名称 | 经费性质 | 编制数: `财政核拨`), to the right of another column.
    Only for tables whose cells are kept, where a header cell heads its column."""
    heads = _column_heads(table, first)
    return frozenset(j for j, h in enumerate(heads) if j and _ATTRIBUTE_HEAD.search(h) and not re.search(r"\d", h))


def without_attributes(label: str, cells: Sequence[tuple[int, str]], columns: frozenset[int]) -> str:
    """A row's name without the text of its describing columns (`X办公室财政核拨` -> `X办公室`). A row printing
    nothing else (`部门集中采购 430.00`, a second purchase of the row above) keeps it as its name."""
    rest = label
    for j, text in cells:
        if j in columns and text and not re.search(r"\d", text):
            rest = rest.replace(squash(text), "")
    return rest if rest.strip() else label


def national_code(repeated: str | None, label: str) -> str | None:
    """The 款 code of a row printed with its 类's code (`301 基本工资` under `301 工资福利支出`): the national 支出
    经济分类 code of its name under that 类 (formulas.json `economic_codes`), else None."""
    if not repeated or len(repeated) != 3:
        return None
    return next((c for c, name in formulas().economic_codes.items() if c.startswith(repeated) and name == label), None)
