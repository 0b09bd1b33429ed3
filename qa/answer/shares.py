"""占比: a part's share of its total in one report — the part and total the question names (or the total the formula
table gives the part), a whole the question states by its amount, or the table the question's context names; the
share the report prints of the part beside the computed one."""
from __future__ import annotations

import re
from dataclasses import replace
from typing import Sequence

from ..lexicon import question_words, terms
from ..lexicon.formula_table import formulas
from ..models import Answer, Fact, Figure
from ..search.query import Query
from ..store.index import Index
from ..text.chars import in_order, longest_first, squash
from ..text.numbers import exact_sum, format_value, to_wan
from .derived import Derived, plain_sum, row_name, share, share_of_parts, share_of_rows, share_of_sum, totals_for
from .listed_rows import STATED_WHOLE, _bigrams
from .statements import _report_name
from .share_parts import as_listed, named_together, sum_asked
from .share_words import _SHARE_TAIL, _VAGUE, split_share
from .one_report import (
    _AMOUNT_UNITS,
    _GENERIC_TOTAL,
    _TOTAL_ROWS,
    _amounts,
    _derived_answer,
    _named,
    _printed_answer,
    _unquoted,
    find_amount,
)


def answer_share(question: str, query: Query, item: str, facts: Sequence[Fact], doc: dict,
                 index: Index) -> Answer | None:
    """占比: the part the question names ÷ its total (named, or the one the formula table gives the part)."""
    mine = list(facts)  # the files of one report
    stated = _share_of_stated(question, item, mine, doc, index)
    if stated is not None:
        return stated
    said = query.topic if squash(query.topic) == squash(item) else item  # (the question's pauses, as it said them)
    context, part_name, whole_name = split_share(said)
    if names_the_report(context):  # 本级预算中, 部门预算里: the report read, no whole the share is of
        context = ""
    if part_name not in terms()["subject_aliases"]:  # (公车的钱 is a user word for 公务用车购置及运行维护费)
        part_name = _WHOSE_MONEY.sub("", part_name) if len(_WHOSE_MONEY.sub("", part_name)) >= 2 else part_name  # 买服务的钱
    part_name = _part_of_whole(part_name, whole_name or context)  # 三公经费里公车那块: 公务用车购置及运行维护费
    # 项目支出中一般公共预算资金占比: the part and its total read in the table the context names, when one does
    # (占合计的比例 after the table named, or …预算表合计数中: that table's total)
    total_said = _TABLE_TOTAL_SAID.search(context)
    if total_said and not whole_name:
        context, whole_name = context[:total_said.start()] + "表", total_said.group(1)
    titled = [f for f in mine if f.table and _names_table(context, f.table)] \
        if len(squash(context)) >= 4 and (not whole_name or squash(context).endswith("表")
                                          and not _GENERIC_TOTAL.sub("", whole_name)) else []
    if titled:
        in_table = answer_share_in(question, part_name, context, titled, doc, index)
        if in_table is None and squash(whole_name) in _TABLE_TOTALS:  # 会议费占合计的比例 after that table named:
            # of its own total row
            in_table = _share_of_table_total(question, part_name, titled, doc, index)
        if in_table is not None:
            return in_table
    # a name printed as it is asked (基本支出: the column of the total row) before the matcher's nearest subject
    # (which may be a longer name holding its characters: 机关事业单位基本养老保险缴费支出)
    direct = find_amount(part_name, mine, context=context)
    if direct is not None and squash(part_name) not in (direct.subject, direct.measure if direct.subject in _TOTAL_ROWS else ""):
        direct = None
    part = direct or _named_amount(part_name, mine, context=context)
    if part is None:  # 参保人数占全区参保人数: a share of a count, taken of a count in the same unit
        counted = [f for f in mine if f.unit and f.unit not in (*_AMOUNT_UNITS, "%")]
        part = find_amount(part_name, counted, context=context, unit=_unit_named(part_name, counted))
    # 区级和市级支持总部经济一共占: their sum is the part (its members as the question separates them)
    together = named_together(question, as_listed(question, part_name), mine)
    part = part or (together[0] if together else None)  # (工资福利加对个人和家庭补助: no one item of that name)
    if part is None:
        return None
    unit = None if part.unit in _AMOUNT_UNITS else part.unit
    names: list[str] = []
    if whole_name and _GENERIC_TOTAL.sub("", whole_name):
        names += [_named(whole_name, mine), whole_name]
    elif context:  # (住房方面的支出里: the context in the report's words, 住房保障支出, then as said)
        names += [_named(context, mine), context]
    names += list(totals_for(part.subject if part.subject not in _TOTAL_ROWS else part.measure, part.subject_code))
    computed = None
    beside = _column_beside(part, part_name, whole_name, mine)
    for name in names:
        whole = beside or find_amount(name, mine, prefer_table=part.table, context=context, unit=unit)
        if whole is None or whole is part or whole.value <= 0:
            continue
        whole = _whole_of_its_sentence(part, whole, mine)
        # a name a table prints on several rows (会议服务 under three projects): their sum is the part
        # (a total row, or a row printed again with the same words on the next page, is no such name)
        rows = list({f.quote: f for f in mine if f.table and part.subject not in _TOTAL_ROWS
                     and (f.table, f.subject, f.measure) == (part.table, part.subject, part.measure)}.values())
        part = _nearest_part(part, whole, mine) if len(rows) < 2 and not together else part
        got = share_of_parts(together, whole) if together and whole not in together else \
            share(part, whole) if len(rows) < 2 or whole in rows else share_of_rows(rows, whole)
        # (one column of a row over another may pass 100%: 在职人数占编制数 where more are in post than established)
        if got is not None and 0 < got.value and (got.value <= 100 or whole is beside):
            computed = _derived_answer(question, doc["doc_id"], [got], index, mine)
            # the rows' sum, the part asked, is stated too (parts named together: when their sum is asked on its own)
            if len(got.inputs) > 2 and (not together or sum_asked(question)):
                computed = _with_rows_total(computed, got, _report_name(index, doc["doc_id"]))
            break
    if computed is None and not whole_name:  # 参保人数中，城乡居民医保占几成: the whole its sentence follows
        before = _whole_said_before(part, mine)
        got = share(part, before) if before is not None else None
        computed = _derived_answer(question, doc["doc_id"], [got], index, mine) if got is not None else None
    # the share the report itself prints for the part comes first: its base is the report's own
    printed = [f for f in mine if f.subject == part.subject and f.measure == "占比" and f.table is None]
    named_whole = whole_name and _GENERIC_TOTAL.sub("", whole_name)
    if named_whole:  # a total named: only a share the report prints of that total (占“三公”经费的16.93%)
        printed = [f for f in printed if _unquoted(named_whole) in _unquoted(f.quote.partition("占")[2])]
    if printed:
        said = _printed_answer(question, doc, part.subject, printed[:1], index)
        if computed is None:
            return said  # (computed or not, the share's inputs are shown: the part's amount and its total)
        return replace(said, text=f"{said.text}\n{computed.text}", figures=said.figures + computed.figures,
                       citations=said.citations + computed.citations)
    return computed


def _unit_named(name: str, counted: Sequence[Fact]) -> str | None:
    """The unit of the count fact whose subject shares most characters with `name` (参保人数 -> 万人)."""
    wanted = _bigrams(name)
    best = max(counted, key=lambda f: len(wanted & _bigrams(f.subject)), default=None)
    return best.unit if best is not None and wanted & _bigrams(best.subject) else None


def _nearest_part(part: Fact, whole: Fact, facts: Sequence[Fact]) -> Fact:
    """Of the amounts stated for the part's item in the same kind of place (sentences, or one table), the one
    stated nearest after the total it is a share of: 公务接待费 in the 三公经费 section, not in the 公用经费 list."""
    if whole.lines is None or (part.table is None) != (whole.table is None):
        return part
    same = [f for f in _amounts(facts, None if part.unit in _AMOUNT_UNITS else part.unit)
            if f.subject == part.subject and f.table == part.table and f.measure == part.measure and f.lines]
    if len(same) < 2:
        return part
    # (a section states its total, then its parts: a part stated after the total is of it)
    return min(same, key=lambda f: (abs((f.page or 0) - (whole.page or 0)), f.lines[0] < whole.lines[0],
                                    abs(f.lines[0] - whole.lines[0])))


#: the words a table's own total is said by (合计, 总计): a whole asked in them after a table named is its total row
_TABLE_TOTALS = ("合计", "合计数", "总计", "总额")
#: a table's total said after its name (…支出预算表合计数, …表的总额): the whole a share is of
_TABLE_TOTAL_SAID = re.compile(rf"表的?({'|'.join(sorted(_TABLE_TOTALS, key=len, reverse=True))})$")


def _column_beside(part: Fact, part_name: str, whole_name: str, facts: Sequence[Fact]) -> Fact | None:
    """The whole a share names as another column of the part's own row, the part named by its column too
    (在职人数占编制数: the 编制数 printed on the row the 在职人数 was read from); None otherwise (劳务费占公用经费:
    a row's share of another row, though the row has a 公用经费 column)."""
    said = squash(whole_name)
    if not part.table or len(said) < 2 or len(part.measure) < 2 or not squash(part_name).endswith(part.measure):
        return None
    return next((f for f in facts if f.table == part.table and f.subject == part.subject and f.page == part.page
                 and f.measure != part.measure and f.measure == said and f.value > 0), None)


def _names_table(context: str, table: str) -> bool:
    """Whether a share's context names the table: its words inside the title, or, said as a table (…表), its
    characters in the title's order (“三公”经费、会议费、培训费预算表 of …培训费支出预算表)."""
    said, title = squash(context), squash(table)
    if said in title:
        return True
    hanzi = re.sub(r"[^\u4e00-\u9fff]", "", said)
    return said.endswith("表") and len(hanzi) >= 6 and in_order(hanzi, re.sub(r"[^\u4e00-\u9fff]", "", title))


def _part_of_whole(part_name: str, whole_name: str) -> str:
    """The one part of a lexicon item's parts (terms.json items: 三公经费's 因公出国（境）费, 公务用车购置及运行维护费,
    公务接待费) a share's part names, when the whole is that item (公车那块 of 三公经费: the part holding 公务用车,
    not 公务用车购置费, a row of its own); the part as said otherwise."""
    items = terms()["items"]
    whole = next((k for k, v in items.items() if v.get("parts") and any(a in squash(whole_name) for a in v["aliases"])), None)
    said = squash(part_name)
    if whole is None or "费" in said:  # (公务用车购置费: a row's own name, asked as printed)
        return part_name
    words = {said, *(name for alias, name in terms()["subject_aliases"].items() if len(alias) >= 2 and alias in said)}
    holding = [p for p in items[whole]["parts"] if any(len(w) >= 2 and w in p for w in words)]
    return holding[0] if len(holding) == 1 else part_name


def _named_amount(name: str, facts: Sequence[Fact], context: str = "") -> Fact | None:
    """The amount a share's part or whole names: in the report's words first (`_named`), then as said."""
    return find_amount(_named(name, facts), facts, context=context) or find_amount(name, facts, context=context)


#: a whole said as the items it adds up (`三公经费、会议费、培训费合计`, `基本支出和项目支出之和`)
def _listed_whole() -> re.Pattern:
    """`(items)合计` — the ends a listed whole may have: the formula table's cues of 合计 (加在一起, 一共…) and the
    names of a sum (之和, 总额), with the sum named after the cue (加起来的总数) and 把 before the items (把…加一起)."""
    ends = sorted({*formulas().formulas["合计"].cues, "之和", "总额", "总计"}, key=longest_first)
    return re.compile(r"^[在把将]?(?P<items>.+?)(?:[两三四五六七八九几]项|[两三四五六七八九几]个)?的?"
                      rf"(?:{'|'.join(map(re.escape, ends))})(?:的?(?:总数|总额|总和))?$")


_LISTED = _listed_whole()
_JOINS = re.compile(r"以及|[、，,和与及加]")
_QUOTES = "“”\"'‘’「」"


def answer_listed_share(question: str, query: Query, facts: Sequence[Fact], doc: dict, index: Index) -> Answer | None:
    """占比 of a whole the question lists as the items it adds up (`会议费占三公、会议费、培训费合计的比例`): the part ÷
    the sum of their amounts, when each item names one amount and the part is one of them; else None."""
    context, part_name, whole_name = split_share(query.topic)
    listed = _as_written(question, whole_name or context)
    m = _LISTED.match(listed)
    pieces = [w.strip(_QUOTES) for w in _JOINS.split(m.group("items"))] if m else []
    if len(pieces) < 2 or any(len(w) < 2 for w in pieces) or len(part_name) < 2:
        return None
    found = [_named_amount(w, facts) for w in [part_name, *pieces]]
    if any(f is None for f in found):
        return None
    part, wholes = found[0], found[1:]
    if len({id(f) for f in wholes}) < len(wholes) or not any(f.subject == part.subject for f in wholes):
        return None
    got = share_of_sum(part, wholes)
    return _derived_answer(question, doc["doc_id"], [got], index, facts) if got and 0 < got.value <= 100 else None


def _as_written(question: str, name: str) -> str:
    """The words of the topic's `name` as the question wrote them, with the pauses the topic dropped (、)."""
    chars = [c for c in re.sub("^在?的?", "", squash(name)) if c not in _QUOTES]  # (在 before a scope the topic dropped)
    if not chars:
        return ""
    gap = f"[{re.escape(_QUOTES)}、，,\\s]*"
    m = re.search(gap.join(map(re.escape, chars)), question)
    return m.group(0) if m else squash(name)


#: a part's sentence stating the whole it is a part of before it (`预算数1403.10万元，由…组成，其中：中央185万元`)
_PARTS_OPEN = re.compile(r"(\d[\d,]*(?:\.\d+)?)\s*(万元|亿元|元)[^。；;]*?(?:其中|由)")


def _whole_of_its_sentence(part: Fact, whole: Fact, facts: Sequence[Fact]) -> Fact:
    """The whole's figure that the part's own sentence names as what the part is of (`2023年预算数1403.10万元，
    由中央、省级…组成，其中：中央185万元`: 城乡医疗救助's 全年预算数 1403.1, not its 决算数 995.33), when the whole's
    item states that amount; else the whole found."""
    if part.table is not None:
        return whole
    text = squash(part.quote)
    at = text.find(squash(f"{part.value:g}"))
    for m in _PARTS_OPEN.finditer(text[: at if at >= 0 else len(text)]):
        wan = to_wan(float(m.group(1).replace(",", "")), m.group(2))
        same = [f for f in facts if f.subject == whole.subject and f.unit in _AMOUNT_UNITS
                and abs(to_wan(f.value, f.unit) - wan) < 0.005]
        if same and abs(to_wan(whole.value, whole.unit) - wan) >= 0.005:
            return same[0]
    return whole


#: how many lines a part's `其中…` sentence may start after the end of the sentence stating its whole
WHOLE_BEFORE_LINES = 2


def _whole_said_before(part: Fact, facts: Sequence[Fact]) -> Fact | None:
    """The figure a part's `其中…` sentence follows (`全区参保95.72万人。其中，城乡居民医保参保80.65万人`): in the
    sentence just before it, of the same unit and larger; None when the part's sentence opens no such list."""
    if part.table is not None or part.lines is None or not squash(part.quote).startswith("其中"):
        return None
    first = part.lines[0]
    before = [f for f in facts if f.table is None and f.lines is not None and f.page == part.page and f.unit == part.unit
              and f.quote != part.quote and 0 <= first - f.lines[1] <= WHOLE_BEFORE_LINES and f.value > part.value
              and not squash(f.quote).startswith("其中") and f.measure == part.measure]
    return max(before, key=lambda f: (f.lines[1], f.lines[0]), default=None)


#: `的钱` after what a part is spent on (买服务的钱): the money of it, no word of its name
_WHOSE_MONEY = re.compile(r"的(?:钱|资金|经费)$")


def names_the_report(context: str) -> bool:
    """Whether a share's context holds only words naming the report read (本级预算: the unit's own budget), no item
    (questions.json report_scope_words and report_words)."""
    words = (*question_words()["report_scope_words"], *question_words()["report_words"])
    return bool(context) and not re.sub("|".join(words), "", squash(context))


def _with_rows_total(a: Answer, got: Derived, report: str) -> Answer:
    """A share of rows summed, with the sum stated before it (会议服务各行合计：1354.73万元)."""
    rows = got.inputs[:-1]
    values = [to_wan(f.value, f.unit) for f in rows]
    total = exact_sum(values)
    formula = plain_sum(values, total, "万元")
    # (one name on several rows: its rows' total; parts named together: the sum of those names)
    names = list(dict.fromkeys(row_name(f) for f in rows))
    label = f"{names[0]}各行合计" if len(names) == 1 else f"{'、'.join(names)}合计"
    line = f"{report}：{label}：{format_value(total)}万元（计算：{formula}）。"
    return replace(a, text=f"{line}\n{a.text}", figures=(Figure(total, "万元", label, formula), *a.figures))


def _share_of_stated(question: str, item: str, facts: Sequence[Fact], doc: dict, index: Index) -> Answer | None:
    """A share of a whole the question states by its amount (`1403.1万元预算里，区级财政出了多大比例`): the report's
    figure of that amount (of the item named before it, when several) is the total, the part named after it is
    read as any part is; None when the report prints no such amount."""
    text = squash(question)  # (the topic has lost the amount: it is read from the question as asked)
    m = STATED_WHOLE.search(text)
    if m is None:
        return None
    wan = to_wan(float(m.group(1)), m.group(2))
    wholes = [f for f in _amounts(facts) if abs(to_wan(f.value, f.unit) - wan) < 0.005]
    part_name = _VAGUE.sub("", _SHARE_TAIL.sub("", text[m.end():].strip("，,、：: "))).strip("，,的？? ")
    if not wholes or len(part_name) < 2:
        return None
    before = _bigrams(text[:m.start()])
    whole = max(wholes, key=lambda f: len(before & _bigrams(f.subject)))
    part = _named_amount(part_name, facts)
    if part is None or part.subject == whole.subject or to_wan(part.value, part.unit) >= wan:
        return None
    got = share(part, whole)
    return _derived_answer(question, doc["doc_id"], [got], index, facts) if got is not None else None


def _share_of_table_total(question: str, part_name: str, titled: Sequence[Fact], doc: dict, index: Index) -> Answer | None:
    """A row's share of the total row of the table the question names (“三公”经费、会议费、培训费预算表中会议费占合计):
    the row ÷ that table's total in the same column; None unless both are printed."""
    part = _named_amount(part_name, titled)
    if part is None or part.subject in _TOTAL_ROWS:
        return None
    whole = next((f for f in titled if f.subject in _TOTAL_ROWS and f.table == part.table and f.measure == part.measure
                  and f.value > 0), None)
    got = share(part, whole) if whole is not None else None
    return _derived_answer(question, doc["doc_id"], [got], index, titled) if got and 0 < got.value <= 100 else None


def answer_share_in(question: str, part_name: str, context: str, titled: Sequence[Fact], doc: dict,
                    index: Index) -> Answer | None:
    """A part's share of the table the context names (项目支出中一般公共预算资金): its column on the table's total
    row ÷ the table's grand total; None when the part is no column of that total row."""
    part = find_amount(part_name, titled)
    whole = find_amount(context, titled)
    # (a row of that table is read by the general path, which weighs the table the context names)
    if part is None or part.subject not in _TOTAL_ROWS or whole is None or part is whole or whole.value <= 0:
        return None
    got = share(part, whole)
    return _derived_answer(question, doc["doc_id"], [got], index, titled) if got and 0 < got.value <= 100 else None
