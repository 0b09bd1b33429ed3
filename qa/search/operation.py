"""The operation a question asks for, parsed once into a typed record.

`parse_operation(text)` reads only the operation words (data/operations.json, the cues of
data/formulas.json): what to do (kind), the aggregate function, n, direction, a threshold, the 科目
level and whether the set is several reports (the threshold from qa/search/conditions.py). It does not look at scope or subject: those are parsed
elsewhere. Pure: the same text always gives the same record.

Each operation word is read in qa/search/operation_words.py; the functions later clauses ask of the same rows in
qa/search/later_clauses.py.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Sequence, TypeVar

from ..lexicon.formula_table import operation_words
from .conditions import Threshold, find_threshold, row_condition
from .later_clauses import also_asked, left_out_later, share_of_set
from .named import find_excluded, find_listed_names
from .operation_words import (
    find_derived, find_direction, find_function, find_level, find_members, find_n, find_position, has_word,
    only_checked, position_direction,
)

KINDS = ("lookup", "compute", "compare", "aggregate", "list", "explain")
FUNCTIONS = ("count", "sum", "max", "min", "rank", "filter", "avg", "share")
T = TypeVar("T")


@dataclass(frozen=True)
class Operation:
    """kind = lookup / compute / compare / aggregate / list / explain; function = count / sum / max / min /
    rank / filter / avg (None for a lookup); n = how many (前三 -> 3); direction = desc (最高/最多), asc (最低/最少)
    or both (最多和最少的);
    threshold = the filter's comparison; level = 科目 level 类 / 款 / 项; over = rows (one report's table) or
    reports (across reports); derived = the formula of data/formulas.json asked for (占比, 增减额, 执行率 …)."""

    kind: str = "lookup"
    function: str | None = None
    n: int | None = None
    direction: str | None = None
    threshold: Threshold | None = None
    level: str | None = None
    over: str = "rows"
    derived: str | None = None
    excluding: tuple[str, ...] = ()  # subjects taken out of the set (`除了一般公共服务支出`)
    members: int | None = None  # the size the question gives the set (`14个项目里` -> 14)
    quoted: tuple[str, ...] = ()  # rows the question picks by a quoted name (名字叫“行政运行”的几个项)
    named: tuple[str, ...] = ()  # rows the question lists by name (学前、小学、初中这几项哪项最少), as it writes them
    position: int | None = None  # the one place in the ordering asked (排第三的 -> 3; 倒数第二: 2, direction asc)
    also: tuple["Operation", ...] = ()  # more functions asked of the same rows in later clauses (哪个最多？一共多少？;
    # share: what the rows picked hold of the set, 占这4个项目合计的比例)

    @property
    def is_aggregate(self) -> bool:
        return self.kind in ("aggregate", "list") and self.function is not None

    def places(self, ordered: Sequence[T], default: int) -> tuple[list[T], int]:
        """What an ordering answers, and the place of its first: the one row at the place asked (排第三的), else the
        first `n` (前三), else the first `default`."""
        if self.position:
            return list(ordered[self.position - 1:self.position]), self.position
        return list(ordered[: self.n or default]), 1


def without_checked_extreme(text: str) -> str:
    """The text without a check of the extreme said of the item asked (`在一般公共预算支出里是不是占大头？占多少？`:
    是不是占大头 is answered by the share another clause asks; no rows are ranked): each clause saying 最多 / 大头
    after 是不是 / 是否, naming no 哪, 几 or 多少, is cut at its yes-no word, when another clause asks a figure."""
    words = operation_words()
    ends = [w for f in ("max", "min") for w in words["functions"][f]]
    clauses = re.split(r"([，,。？?；;！!])", text)
    checked = [i for i, c in enumerate(clauses) if has_word(c, ends) and has_word(c, words["yes_no"])
               and not re.search(r"哪|几|多少|什么", c)]
    if not checked or not any(re.search(r"多少|几成|百分之几", c) for i, c in enumerate(clauses) if i not in checked):
        return text
    for i in checked:
        at = min(clauses[i].find(w) for w in words["yes_no"] if w in clauses[i])
        clauses[i] = clauses[i][:at]
    return "".join(clauses)


#: a quoted name that picks rows (组织形式为“部门集中采购”的, 名字叫“行政运行”的), not a quoted item (“三公”经费)
_QUOTED = re.compile(r"(?:为|是|叫|属于|名为)[“\"「]([^”\"」]{2,20})[”\"」]的")


#: 几 naming a set rather than asking its count: 这几项, and 的几个项 said before a clause picking from it (…法院款下面
#: 的几个项，哪几个比上年少了)
_POINTING_FEW = re.compile(r"(?<=[这那])几(?=[个项类笔块])|(?<=的)几(?=[个项类笔块家][\u4e00-\u9fff]{0,4}[，,]\s*哪)")


@lru_cache(maxsize=4096)
def parse_operation(text: str) -> Operation:
    """The operation record of a question (see Operation). Lookup when no operation word is present. (Cached: the
    query, its parts and the share clause each read the same text; the record is immutable.)"""
    words = operation_words()
    kinds = words["kinds"]
    said = text
    text = re.sub(r"(?:几|多少)个?百分点", "百分之几", text)  # a rate, not a count (多少个百分点)
    text = _POINTING_FEW.sub("", text)  # 这几项 points at a set: it counts nothing
    text = without_checked_extreme(text)
    threshold = find_threshold(text) or row_condition(text)
    if threshold is not None and only_checked(text):
        threshold = None  # 占比多少？是不是超过一半了？: the figure is checked against the bound, no rows are picked
    n = find_n(text)
    position = find_position(text)
    function = find_function(text, threshold, n)
    if position is not None and function not in ("max", "min", "rank"):  # 排第三的是哪一类: a place in the ranking
        function = "rank"
    derived = find_derived(said if "百分点" in said else text)
    if function == "filter" and threshold is not None and threshold.value is None and derived in ("增减额", "增减率") \
            and not re.search(r"哪|几|多少(?:个|项|笔|家|条)|的(?:项级|款级|类级)?(?:科目|项目|单位)", text):
        threshold, function = None, None  # 超预算花了多少: the gap asked of the item named, no rows picked by it
    members = find_members(text)
    excluding = find_excluded(text)
    quoted = tuple(name for name in _QUOTED.findall(text) if name not in excluding)
    over = "reports" if has_word(text, words["over_reports"]) else "rows"
    if function == "count" and threshold is None and derived is None and not has_word(text, kinds["list"]):
        # `有几个项目`, `有几辆车`: a count the report may print or that counts rows
        kind = "aggregate"
    elif has_word(text, kinds["explain"]):
        kind, function = "explain", None
    elif function in ("count", "rank", "filter", "avg") or (function == "sum" and (threshold or members or quoted or excluding or find_level(text))) or (function in ("max", "min") and not has_word(text, kinds["compare"][:8])):
        kind = "aggregate"
    elif has_word(text, kinds["compare"]) or function in ("max", "min"):
        kind = "compare"
    elif has_word(text, kinds["list"]):
        kind, function = "list", function or "filter"
    elif derived is not None or has_word(text, kinds["compute"]):
        kind = "compute"
    else:
        kind = "lookup"
    if kind == "compute" and function not in (None, "sum"):
        function = None
    if kind in ("lookup", "compute") and function == "sum" and derived != "合计":
        function = None
    named = find_listed_names(text) if function in ("max", "min", "rank", "count", "filter", "avg", "sum") else ()
    direction = (position_direction(text) if position else None) or find_direction(text, function)
    op = Operation(kind=kind, function=function, n=n, direction=direction, threshold=threshold,
                   level=find_level(text), over=over, derived=derived, excluding=excluding,
                   members=members, quoted=quoted, named=named, position=position)
    also = also_asked(text, op)
    if also and excluding and left_out_later(text, excluding):
        op = replace(op, excluding=())  # (几个项级科目？除去行政运行，哪项最多: the count is of them all)
    if any(o.function == "share" for o in also) and op.derived == "占比":
        op = replace(op, derived=None, kind="aggregate")  # (the share is of the rows the question reads: read with them)
    return replace(op, also=also)


def set_share_clause(text: str) -> str | None:
    """The later clause asking the share of the set the question reads (`占这4个项目合计的比例是多少？`), when the
    operation reads it with its rows (Operation.also): it names no item and no measure of the rows."""
    if not any(o.function == "share" for o in parse_operation(text).also):
        return None
    return next((c for c in re.split(r"(?<=[？?，,；;。])", text)[1:] if share_of_set(c)), None)
