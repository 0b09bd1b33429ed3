"""An aggregate's result (the largest row, a sum of rows or of named items) with its share of the whole the question
names after 占 (`哪个项目预算最多？占全部项目支出的多少？`): the share the report prints beside the figure, else
computed from the whole as the table the parts come from prints it, cited."""
from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache
from typing import Sequence

from ..ingest.identity import KINDS
from ..lexicon import question_words, terms
from ..models import Answer, Fact, Figure
from ..store.index import Index
from ..text.chars import squash
from ..text.numbers import AMOUNT_UNITS, exact_sum, format_value, to_wan
from .derived import plain_sum, row_name
from .listed_rows import TABLE_TOTALS, _bigrams
from .match import Statement
from .one_report import find_amount
from .share_words import split_share
from .statements import _citations, table_name, without_report

def with_share(a: Answer, item: str, facts: Sequence[Fact], index: Index, context: str = "") -> Answer:
    """An aggregate's result (the largest row, a sum) with its share of the total the question names after 占
    (`哪个项目预算最多？占全部项目支出的多少？`), computed and cited; unchanged when no such total is found.
    A total named short (占采购总额 after 政府采购授予中小企业合同多少) is completed from the words of the
    question before it (`context`)."""
    whole_name = split_share(item.replace(" ", ""))[2]
    # (the sum of what was just listed, when it was summed: the figure a share of it is asked of)
    result = next((f for f in a.figures if f.label.endswith("合计") and f.formula), a.figures[0] if a.figures else None)
    pointed = _DEMONSTRATIVE.sub("", whole_name or "")
    if pointed != whole_name:  # 该专项: the 专项 the question named before (贸易高质量发展专项), or none
        completed = _completed(pointed, context)
        whole = find_amount(completed, facts) if completed != pointed else None
    else:
        whole = find_amount(whole_name, facts) if whole_name else None
        if whole is None and whole_name and context:
            whole = find_amount(_completed(whole_name, context), facts)
    whole = _in_parts_table(a, whole, facts)
    printed = _printed_share(result, whole_name or "", facts) if result is not None else None
    if printed is not None:  # 占政府采购支出总额的70.2%: the share the report prints beside the figure
        share, basis = printed
        cited = _citations([Statement(share.doc_id, "", "", 0.0, None, (share,))], index)
        return replace(a, text=f"{a.text}\n占{basis}的比重：{format_value(share.value)}%（报告所载）。",
                       figures=(*a.figures, Figure(share.value, "%", f"占{basis}比重")),
                       citations=(*a.citations, *[c for c in cited if c not in a.citations]))
    said_total = _total_said().search(whole_name or "")
    if said_total and (whole is None or whole.subject not in (whole_name, whole_name[:said_total.start()])):
        # 占采购总额, 占购买服务总额: the total row of the table whose rows were summed, before a name only close to it
        whole = _table_total(a, facts) or whole
    return _with_share_of(a, result, whole, index, places=2)


def _with_share_of(a: Answer, result: Figure | None, whole: Fact | None, index: Index, places: int) -> Answer:
    """The answer with `result`'s share of `whole` computed (both in 万元, rounded to `places`), the whole cited;
    unchanged when either is no amount or the result is not a part of the whole."""
    if result is None or whole is None or result.unit not in AMOUNT_UNITS or whole.unit not in AMOUNT_UNITS:
        return a
    part_wan = round(to_wan(result.value, result.unit), places)
    whole_wan = round(to_wan(whole.value, whole.unit), places)
    if whole_wan <= 0 or not 0 < part_wan < whole_wan:
        return a
    pct = round(100 * part_wan / whole_wan, 2)
    name = row_name(whole)
    if whole.subject in TABLE_TOTALS and whole.table:  # (whose total: the table's)
        name = f"{table_name(whole.table)}{whole.subject}"
    formula = f"{format_value(part_wan)} ÷ {format_value(whole_wan)} = {format_value(pct)}%"
    cited = _citations([Statement(whole.doc_id, "", "", 0.0, None, (whole,))], index)
    return replace(a, text=f"{a.text}\n占{name}的比重：{format_value(pct)}%（计算：{formula}）",
                   figures=(*a.figures, Figure(pct, "%", f"占{name}比重", formula)),
                   citations=(*a.citations, *[c for c in cited if c not in a.citations]))


def with_share_of_its_table(a: Answer, context: str, facts: Sequence[Fact], index: Index, said: str = "") -> Answer:
    """The largest (or smallest) row answered with its share of the whole it was ranked within, when the question
    names none after 占 (`三公经费中哪一项占比最大`, `基本支出里哪个经济科目占比最高`): the row the context names in
    the rows' own table (三公经费), else that table's total row of the same column, else the context's amount
    elsewhere in the report; first, a row of that column the rows are under (by code) that the question (`said`)
    names (基本支出里的商品和服务支出，哪项最大: 商品和服务支出). Unchanged when the rows are of several tables or no such whole holds the row."""
    tables = {c.table for c in a.citations if c.table}
    if not a.figures or len(tables) != 1 or a.figures[0].unit not in AMOUNT_UNITS:
        return a
    (table,) = tables
    result = a.figures[0]
    row = next((f for f in facts if f.table == table and f.unit == result.unit and f.subject not in TABLE_TOTALS
                and abs(f.value - result.value) < 1e-9), None)
    if row is None:
        return a
    same_column = [f for f in facts if f.table == table and f.measure == row.measure and f.unit == row.unit]
    # 基本支出里的商品和服务支出，哪项最大，占比多少: the row the rows were ranked under, of the wholes said
    said = squash(said or context)
    parents = sorted((f for f in same_column if f.subject_code and row.subject_code and len(f.subject) >= 2
                      and row.subject_code.startswith(f.subject_code) and f.subject_code != row.subject_code
                      and f.subject in said), key=lambda f: -len(f.subject_code or ""))
    named = parents[0] if parents else find_amount(context, same_column) if context else None
    totals = [f for f in same_column if f.subject in TABLE_TOTALS]
    whole = named or (totals[0] if totals else find_amount(context, facts) if context else None)
    return _with_share_of(a, result, whole, index, places=6)  # (244.848: the table's own precision)


def with_sum_share(a: Answer, part: str, facts: Sequence[Fact], index: Index, context: str = "") -> Answer:
    """The amounts just answered, added, with the share of their sum in the whole a later question names
    (`这两块加起来占整个专项的比例` after `区级和市级支持总部经济各是多少`); unchanged when fewer than two amounts were
    answered or no such whole is found. When all of them make no share of it, the largest is taken for the whole
    answered beside its parts (贸易高质量发展专项 2921 with 1106 and 1262), and the others are added."""
    amounts = list({(f.label, f.value): f for f in a.figures if f.unit in AMOUNT_UNITS and not f.formula}.values())
    terms = [round(to_wan(f.value, f.unit), 6) for f in amounts]
    for added in (terms, sorted(terms)[:-1] if len(terms) > 2 else []):
        if len(added) < 2:
            continue
        total = exact_sum(added)
        formula = plain_sum(added, total, "万元")
        summed = replace(a, text=f"{a.text}\n合计：{format_value(total)}万元（计算：{formula}）。",
                         figures=(*a.figures, Figure(total, "万元", "合计", formula)))
        shared = with_share(summed, part, facts, index, context)
        if shared is not summed:
            return shared
    return a


def with_each_share(a: Answer, item: str, facts: Sequence[Fact], index: Index, context: str = "") -> Answer:
    """Each amount the answer states, with its share of the total the question names (`因公出国费和公务接待费各是多少？
    各占三公经费的比重是多少？`): with_share for each figure of its own label in turn (the first reading of a figure
    stated two ways), the lines added in the order the figures were stated."""
    firsts = list({f.label: f for f in reversed(a.figures) if f.unit in AMOUNT_UNITS and f.formula is None}.values())[::-1]
    out = a
    for f in firsts:
        one = with_share(replace(a, text="", figures=(f,)), item, facts, index, context=context)
        if len(one.figures) > 1:
            out = replace(out, text=f"{out.text}\n{without_report(f.label)}{one.text.strip()}", figures=(*out.figures, *one.figures[1:]),
                          citations=(*out.citations, *[c for c in one.citations if c not in out.citations]))
    return out


def _in_parts_table(a: Answer, whole: Fact | None, facts: Sequence[Fact]) -> Fact | None:
    """The whole as the table the parts were read from prints it (普通教育 of 财政拨款支出表, where the three 项 summed
    are, not of 支出总表), when the answer cites one table and it prints a row of that name; else the whole."""
    tables = {c.table for c in a.citations if c.table}
    if whole is None or len(tables) != 1 or whole.table in tables:
        return whole
    same = [f for f in facts if f.table in tables and f.subject == whole.subject and f.unit in AMOUNT_UNITS]
    return next((f for f in same if f.measure == whole.measure), same[0] if same else whole)


def _printed_share(result: Figure, whole_name: str, facts: Sequence[Fact]) -> tuple[Fact, str] | None:
    """(the share, the whole it is of) the report prints of the figure just answered, in its own sentence, of a whole
    said like the one asked (`授予中小企业合同金额26.16万元，占政府采购支出总额的70.2%` for 占采购总额); None when it
    prints none."""
    asked = _bigrams(whole_name)
    if not asked or result.unit not in AMOUNT_UNITS:
        return None
    sources = {(f.subject, f.quote) for f in facts if f.unit == result.unit and abs(f.value - result.value) < 1e-9}
    for share in (f for f in facts if f.measure == "占比" and f.unit == "%" and (f.subject, f.quote) in sources):
        said = re.search(rf"占([^，。；;%\d]{{2,20}}?)的?\s*{re.escape(format_value(share.value))}\s*%", share.quote)
        if said and 2 * len(asked & _bigrams(said.group(1))) >= len(asked):
            return share, said.group(1)
    return None


@lru_cache(maxsize=1)
def _total_said() -> re.Pattern[str]:
    """A whole named as a total (采购总额, 总计, 全部; questions.json total_said), with a side or a kind of report
    after it or not (全部支出, 合计预算): of rows just summed, their table's total row."""
    after = "|".join((*terms()["total_sides"], *KINDS))
    return re.compile("(?:" + "|".join(map(re.escape, question_words()["total_said"])) + f")(?:{after})?$")


def _table_total(a: Answer, facts: Sequence[Fact]) -> Fact | None:
    """The total row (合计 / 总计) of the one table the answer's rows are cited from; None when they are of several
    tables or it prints none."""
    tables = {c.table for c in a.citations if c.table}
    if len(tables) != 1:
        return None
    (table,) = tables
    totals = [f for f in facts if f.table == table and f.subject in TABLE_TOTALS and f.unit in AMOUNT_UNITS]
    return max(totals, key=lambda f: f.value, default=None)


#: a word pointing back at a whole the question named before (占该专项多少, 占整个专项); 本年, 本级 open a report's own
#: names (本年支出合计), no pointing back
_DEMONSTRATIVE = re.compile(r"^(?:该|这个|这些|这项|这一|此|整个|本(?![年级]))")


def _completed(name: str, context: str) -> str:
    """A name said short completed by the words that lead up to its first words in the context
    (采购总额 in 政府采购授予中小企业合同 -> 政府采购总额); the name itself when the context does not say them."""
    for k in range(len(name), 1, -1):
        at = context.find(name[:k])
        if at > 0:
            return context[:at] + name
    return name
