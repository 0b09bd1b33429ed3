"""The other functions later clauses of a question ask of the rows its first clause reads (哪个最多？一共多少？),
and the clause asking the share those rows hold of their set (占这4个项目合计的比例).
"""
from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache
from typing import TYPE_CHECKING

from ..lexicon import question_words
from ..lexicon.formula_table import operation_words
from .conditions import NUMBER, find_threshold, row_condition
from .operation_words import find_derived, find_direction, find_function, find_n, has_word
from ..text.chars import longest_first

if TYPE_CHECKING:  # (the record is built by operation.py, which reads this module)
    from .operation import Operation


#: the functions one set of rows answers together: its size, its total and its ends
_ROW_SET_FUNCTIONS = ("count", "sum", "max", "min")
_CLAUSES = re.compile(r"[？?，,；;。]")


def also_asked(text: str, op: Operation) -> tuple[Operation, ...]:
    """The other functions later clauses ask of the rows the question reads (`哪个预算最多？4个加起来多少？`,
    `有几项，合计多少`): each a clause asking one of count / sum / max / min and naming nothing else once the
    words of asking, counting and money are taken out.
    - A bound said in an earlier clause still picks the rows a later count or sum reads (不到20万元的有几个？合计
      多少？), and the rows of a later end only when it points at them (其中最多的是哪个); one said later picks
      none (哪个最多？超过100万元的有几个？).
    - A sum after the first n of a ranking adds up those n (排前三的是哪几个？加起来多少？)."""
    if op.function not in (*_ROW_SET_FUNCTIONS, "rank", "filter") or op.quoted \
            or op.derived not in (None, "合计", "占比", "增减额", "增减率", "执行率"):
        return ()  # (rows picked by a quoted name are counted and summed by their own path)
    clauses = [c for c in _CLAUSES.split(text) if c.strip()]
    if op.derived == "占比" and not any(share_of_set(c) for c in clauses[1:]):
        return ()  # (最大的占几成: a share of a whole of its own, answered by the share's path)
    bounds = [find_threshold(c) or row_condition(c) for c in clauses]
    bound_at = next((k for k, th in enumerate(bounds) if th), None)
    out: list[Operation] = []
    asked = [find_function(c, th, find_n(c)) for c, th in zip(clauses, bounds)]
    first_asking = next((k for k, fn in enumerate(asked) if fn), None)  # (it names the rows the others read)
    if any(fn == "sum" and (_count_in_unit().search(c) or has_word(c, question_words()["count_companions"]))
           for c, fn in zip(clauses, asked)):
        return ()  # 一共多少人次 after 几个团组, 一共涉及多少钱 after 有几个项目: a figure stated beside the count
    for k, (clause, th, fn) in enumerate(zip(clauses, bounds, asked)):
        if k > 0 and share_of_set(clause) and "share" not in (o.function for o in out) and op.function in ("max", "min", "rank", "sum"):
            # 占这4个项目合计的比例: the share the rows just picked hold of the set
            out.append(replace(op, kind="compute", function="share", position=None, also=()))
            continue
        if fn == "sum" and op.derived in ("增减率", "执行率"):
            continue  # (rates of rows add up to nothing)
        if fn not in _ROW_SET_FUNCTIONS or fn == op.function or {fn, op.function} <= {"max", "min"} and op.direction == "both" \
                or fn in (o.function for o in out) or find_derived(clause) not in (None, "合计") \
                or not (_asks_only(clause) or k == first_asking or th is not None and th == op.threshold):  # (its bound: the rows' own)
            continue
        kept = op.threshold if bound_at is not None and bound_at <= k \
            and (fn in ("count", "sum") or th is not None or _POINTS_AT_ROWS.search(clause)) else None
        first_n = op.n if fn == "sum" and op.function == "rank" and bound_at is None else None
        ends = find_direction(clause, fn) if fn in ("max", "min") else op.direction if first_n else None  # (哪个最大、哪个最小: both)
        out.append(replace(op, kind="aggregate", function=fn, n=first_n, position=None, threshold=kept, direction=ends))
    return tuple(out) if len(clauses) > 1 else ()


def left_out_later(text: str, excluding: tuple[str, ...]) -> bool:
    """Whether the rows left out are named only after the first clause that asks (分了几个项级科目？除去行政运行，
    哪项最多？): the later function leaves them out, the first reads every row."""
    clauses = [c for c in _CLAUSES.split(text) if c.strip()]
    first = next((k for k, c in enumerate(clauses) if find_function(c, None, find_n(c))), None)
    said = next((k for k, c in enumerate(clauses) if any(e in c for e in excluding)), None)
    return first is not None and said is not None and said > first


@lru_cache(maxsize=1)
def _count_in_unit() -> re.Pattern[str]:
    """A count asked in a unit of things or people (多少人次, 几辆): no total of the rows' figures."""
    return re.compile("(?:多少|几)(?:" + "|".join(u for u in question_words()["count_units"] if u not in ("个", "项")) + ")")


#: a share's whole named as the set read itself (这4个项目合计, 整个专项, 该专项总预算, 它们的合计, 所列各项)
_SET_AS_WHOLE = re.compile(r"占(?:了)?(?:这|那|该|整个|所列|它们|这些|以上)")


def share_of_set(clause: str) -> bool:
    return find_derived(clause) == "占比" and bool(_SET_AS_WHOLE.search(clause))


#: words of a clause pointing at the rows just picked (其中最多的, 这些项里, 它们)
_POINTING = ("其中", "这些", "它们", "当中", "里面", "其余", "剩下")
_POINTS_AT_ROWS = re.compile("|".join(_POINTING))


def _asks_only(clause: str) -> bool:
    """Whether a clause names nothing of its own beside asking (`4个加起来多少`, `哪个最大`, `一共几项`): at most
    two characters are left once its words of asking, operating, counting and money are taken out."""
    left = re.sub(NUMBER, "", clause)
    for word in _asking_words():
        left = left.replace(word, "")
    return len(re.sub(r"[^\u4e00-\u9fff]", "", left)) <= 2


@lru_cache(maxsize=1)
def _asking_words() -> tuple[str, ...]:
    """The words of asking, operating, counting, money and pointing at rows, longest first (see _asks_only)."""
    w = operation_words()
    said = {*(x for xs in w["functions"].values() for x in xs), *w["row_words"], *w["fillers"],
            *question_words()["money_words"], *question_words()["count_units"], "哪", "几", "是", "有", "的", "共", "各",
            *_POINTING}
    return tuple(sorted(said, key=longest_first))
