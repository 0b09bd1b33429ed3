"""Table columns that hold no figures of the row: a second classification's code and name columns printed
beside the row's own."""
from __future__ import annotations

import re
from dataclasses import replace

from ..models import Table
from ..text.chars import squash


def without_second_classification(table: Table, first: int) -> Table:
    """The table without the code and name columns of a second classification printed beside the row's own
    (部门经济科目编码 | 名称 | 政府经济科目编码 | 名称 | 合计…): those codes (50101) are no figures and those names
    no 科目 of the row. Only for tables whose cells are kept, where a header cell heads its column."""
    width = max((len(r) for r in table.rows), default=0)
    heads = ["".join(squash(r[j]) for r in table.rows[:first] if j < len(r)) for j in range(width)]
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


