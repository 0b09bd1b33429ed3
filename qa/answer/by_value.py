"""An amount the question states, asked which item it is (`1035万是人大办2019年哪个会的会议经费`, `2596.4万是哪个项目
的钱`): the rows and sentences of the scoped report that state that amount, named."""
from __future__ import annotations

import re
from typing import Sequence

from ..models import Answer, Fact, Figure
from ..search.query import Query
from ..store.index import Index
from ..text.numbers import AMOUNT_UNITS, Number, find_numbers, format_value, to_wan
from .listed_rows import _bigrams
from .match import Statement
from .statements import _citations, _report_name

#: the words that ask which item (哪个会, 哪一项, 什么项目): the answer is a name, the amount is given
_WHICH = re.compile(r"哪(?:个|一|项|笔|家|类|款)|什么(?:项目|科目|支出|费用|经费|会)")

#: the most items named when several print the amount equally well
MOST_NAMED = 3


def answer_by_value(question: str, query: Query, facts: Sequence[Fact], index: Index) -> Answer | None:
    """The items the report states the question's one amount of, the best fit to the question's other words first;
    None unless the question states one amount and asks which item it is."""
    op = query.operation
    if not _WHICH.search(query.text) or op.function is not None or op.threshold is not None or op.derived:
        return None  # (那72.35万元里哪一项最大: rows of the amount, ranked)
    amounts = [n for n in find_numbers(query.text) if _an_amount(n, query.text)]
    if len(amounts) != 1:
        return None
    unit = "万元" if amounts[0].unit == "万" else amounts[0].unit  # (1035万: 万元 typed short)
    wan = to_wan(amounts[0].value, unit)
    holding = [f for f in facts if f.unit in AMOUNT_UNITS and abs(to_wan(f.value, f.unit) - wan) < 0.005
               and len(f.subject) >= 2]
    if not holding:
        return None
    wanted = _bigrams(query.topic)
    fit = {id(f): len(wanted & (_bigrams(f.subject) | _bigrams(f.table or "") | _bigrams(f.measure))) for f in holding}
    best = max(fit.values())
    first: dict[str, Fact] = {}  # (the first fact of each name that fits best, in reading order)
    for f in holding:
        if fit[id(f)] == best:
            first.setdefault(f.subject, f)
    chosen = list(first.values())[:MOST_NAMED]
    said = f"{format_value(amounts[0].value)}{unit}"
    where = "；".join(f"{f.subject}（{f.table or '正文'}，{f.measure or '金额'}）" for f in chosen)
    text = f"{_report_name(index, chosen[0].doc_id)}：{said}是{where}。"
    return Answer(question=question, found=True, text=text,
                  figures=tuple(Figure(f.value, f.unit, f"{f.subject} {f.measure}".strip()) for f in chosen),
                  citations=tuple(_citations([Statement.of(f) for f in chosen], index)), method="facts")


def _an_amount(n: Number, text: str) -> bool:
    """Whether a figure of the question is an amount of money (1035万 typed without 元 included)."""
    if n.unit in AMOUNT_UNITS:
        return True
    return n.unit == "万" and not re.match(r"[\u4e00-\u9fff]", text[n.end:n.end + 1].replace("是", ""))
