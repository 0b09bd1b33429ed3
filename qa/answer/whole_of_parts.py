"""A whole a report never states, from the parts it does (`省检察院2019年三公经费预算多少` in a report printing
因公出国（境）费 80万元, 公务用车购置及运行费 237万元 and 公务接待费 101.26万元 but no 三公 total): the parts the
lexicon gives the whole (terms.json items' parts), summed with the formula, each cited — only when every part is
stated, and labelled as their sum (a table the extraction could not read may print the whole: the answer says how it
was worked out, not that the report lacks it)."""
from __future__ import annotations

from typing import Sequence

from ..lexicon import terms
from ..models import Answer, Fact, Figure
from ..search.shape import find_terms
from ..store.index import Index
from ..text.numbers import AMOUNT_UNITS, exact_sum, format_value, to_wan
from .across import reports
from .joining import joined
from .listed_rows import names_part
from .match import Statement
from .statements import _citations, _report_name


def whole_of_parts(question: str, item: str, facts: Sequence[Fact], docs: Sequence[dict], index: Index) -> Answer | None:
    """Each report's sum of the parts of the whole `item` names, when it states every part and not the whole;
    None when the item names no whole with parts or no report states all of them."""
    items = terms()["items"]
    wholes = [name for name in find_terms(item, items)[0] if items[name].get("parts")]
    if len(wholes) != 1:
        return None
    (whole,) = wholes
    parts = items[whole]["parts"]
    answers = []
    for d, ids in reports(docs):
        mine = [f for f in facts if f.doc_id in ids and f.unit in AMOUNT_UNITS]
        if any(whole in f.subject and f.subject not in parts for f in mine):
            return None  # the report states the whole, maybe under a longer name (政府采购合同金额): not a sum's
        measure = "预算数" if d.get("kind") == "预算" else "决算数"
        stated = [_first(mine, part, measure) for part in parts]
        if all(f is not None for f in stated):
            answers.append(_answer(question, whole, [f for f in stated if f is not None], index))
    return joined(answers, question) if answers else None


def _first(facts: Sequence[Fact], part: str, measure: str) -> Fact | None:
    """The part's figure of the measure, a sentence's before a table's (因公出国（境）费用 and …支出 name it too)."""
    named = [f for f in facts if f.measure == measure and names_part(f.subject, (part,))]
    return min(named, key=lambda f: (f.table is not None, f.page or 0), default=None)


def _answer(question: str, whole: str, parts: Sequence[Fact], index: Index) -> Answer:
    terms_wan = [round(to_wan(f.value, f.unit), 6) for f in parts]
    total = exact_sum(terms_wan)
    formula = " + ".join(f"{f.subject} {format_value(v)}" for f, v in zip(parts, terms_wan)) + \
        f" = {format_value(total)}万元"
    text = f"{_report_name(index, parts[0].doc_id)}：{whole}（各部分合计）{format_value(total)}万元（计算：{formula}）。"
    cited = _citations([Statement(f.doc_id, f.subject, f.measure, f.value, f.unit, (f,)) for f in parts], index)
    return Answer(question=question, found=True, text=text,
                  figures=(Figure(total, "万元", f"{whole}（各部分合计）", formula),), citations=tuple(cited), method="facts")
