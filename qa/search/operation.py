"""The operation a question asks for, parsed once into a typed record.

`parse_operation(text)` reads only the operation words (data/operations.json, the cues of
data/formulas.json): what to do (kind), the aggregate function, n, direction, a threshold, the 科目
level and whether the set is several reports (the threshold from qa/search/conditions.py). It does not look at scope or subject: those are parsed
elsewhere. Pure: the same text always gives the same record.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any, Sequence, TypeVar

from ..lexicon import question_words
from ..lexicon.formula_table import formulas, operation_words
from .conditions import NUMBER, Threshold, chinese_number, find_threshold, row_condition
from .named import find_excluded, find_listed_names
from ..text.chars import find_cue, longest_first

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


@lru_cache(maxsize=1)
def _words() -> dict[str, Any]:
    return operation_words()


def _first(text: str, words: list[str]) -> int:
    """The first position of any of the words in text, or -1."""
    found = [text.find(w) for w in words if w and w in text]
    return min(found) if found else -1


def _has(text: str, words: list[str]) -> bool:
    return any(w in text for w in words)


def find_n(text: str) -> int | None:
    """How many the question wants: `前三`, `前5名`, `top 5`, `最多的三个`, `金额最大的三项`, `哪三个`."""
    n_words = "|".join(_words()["n_words"])
    m = re.search(r"(?:前|top|TOP|Top)\s*" + NUMBER, text)
    if m is None:
        # (the superlatives of the lexicon's max and min: 最花钱的三项 as 最多的三项)
        ends = "|".join(map(re.escape, sorted({*_words()["functions"]["max"], *_words()["functions"]["min"],
                                               "排名靠前", "排在前面"}, key=len, reverse=True)))
        m = re.search(rf"(?:{ends})的?\s*" + NUMBER + rf"\s*(?:{n_words})", text)
    if m is None:  # 哪三个科目花得最多 (哪一个 asks which one: no number of them)
        m = re.search(r"哪\s*(?![一1](?!\d))" + NUMBER + rf"\s*(?:{n_words})", text)
    if m is None:  # 排第一、第二的: the places listed, up to the last
        m = re.search(r"第[一1]\s*(?:[、和及与]\s*第[二三四五六七八九十\d]+\s*)*[、和及与]\s*第\s*" + NUMBER, text)
    if m is None:
        return None
    value = chinese_number(m.group(1))
    return int(value) if value else None


def find_position(text: str) -> int | None:
    """The place in an ordering the question asks (`排第三的是哪一类` -> 3, `第二大的项目` -> 2, `倒数第二` -> 2);
    None for the first place (最多 asks that) or when no place is asked (operations.json positions)."""
    m = _position_said(text)
    value = chinese_number(m.group(1)) if m else None
    return int(value) if value and value >= 2 and value == int(value) else None


def _position_said(text: str) -> re.Match[str] | None:
    said = _words()["positions"]
    before = "|".join(map(re.escape, sorted(said["before"], key=len, reverse=True)))
    after = "|".join(map(re.escape, [w for ws in said["after"].values() for w in ws]))
    return re.search(rf"(?:{before}|倒数第)\s*{NUMBER}", text) or re.search(rf"第\s*{NUMBER}\s*({after})", text)


def _position_direction(text: str) -> str | None:
    """第二少的: a place counted from the low end; 倒数第二 says so by the direction words."""
    m = _position_said(text)
    return "asc" if m and m.lastindex == 2 and m.group(2) in _words()["positions"]["after"]["asc"] else None


def find_members(text: str) -> int | None:
    """The size the question gives the set it reads: `14个项目里` -> 14, `做绩效自评的那4个项目` -> 4,
    `15辆车里哪类最多` -> 15; None when it states none (`有几个`, `前3个`, `超过10万元的`) or the set is items it
    lists (`A、B和C这三个专项`, `四个专项（A、B、C、D）`), not rows to read."""
    said = next((m for m in (p.search(text) for p in _members_patterns()) if m), None)
    if said is None or re.search(r"[、和及与]", text[: said.start()]) or "、" in text:
        return None
    value = chinese_number(said.group(1))
    return int(value) if value and value >= 2 and value == int(value) else None


@lru_cache(maxsize=1)
def _members_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """A size after a demonstrative (那4个), else before a closing word within a few characters (14个项目里)."""
    m = _words()["members"]
    counters = "|".join(re.escape(w) for w in m["counters"])
    before = "|".join(re.escape(w) for w in sorted(m["before"], key=longest_first))
    after = "|".join(re.escape(w) for w in sorted(m["after"], key=longest_first))
    return (re.compile(rf"(?:{before})\s*{NUMBER}\s*(?:{counters})(?!百分点)"),
            re.compile(rf"(?<![前第])(?<!top){NUMBER}\s*(?:{counters})(?!百分点)[\u4e00-\u9fff]{{0,8}}?(?:{after})"))


def find_level(text: str) -> str | None:
    """The 科目 level the question names (类 / 款 / 项), or None. `哪类` of things counted (15辆车里哪类最多,
    车辆里哪类) or of a whole the narrative lists by kind (政府购买服务里哪一类) asks their kinds, not a 科目
    level: only a word naming the level itself (类级科目) says it then."""
    hits = [(text.find(w), -len(w), w, level) for level, ws in _words()["levels"].items() for w in ws if w in text]
    if hits and names_kinds_of_things(text):
        hits = [h for h in hits if "级" in h[2] or "科目" in h[2]]
    if not hits:  # 教育支出下面有哪些款, 普通教育下有几个项: a level asked by the word that counts or picks it
        asked = _ASKED_LEVEL.search(text)
        if asked:
            return asked.group(1) or asked.group(2)
    if not hits:  # 普通教育（款）下有几个项: the rows counted under a 科目 named with its level are of the level below it
        under = _UNDER_LEVEL.search(text)
        below = {"类": "款", "款": "项"}.get(under.group(1)) if under else None
        if below and re.search(rf"(?:几个?|哪些|哪几个?|哪一?个|各){below}(?![目级])", text[under.end():]):
            return below
    return min(hits)[3] if hits else None


#: a level said after the word that counts or picks its rows (哪两个“款”: in quotes too). 款 is never a row of another
#: kind; a bare 几项 or 哪些项 counts any rows (三公经费里有几项), so 项 is a level only with its measure word (几个项,
#: 哪几个项), never 项目
_ASKED_LEVEL = re.compile(r"(?:几个?|哪些|哪几个?|哪一?个|多少个|各个?|每个?|[哪前]?[两二三四五六七八九十\d]+个)[“\"「]?(款)[”\"」]?(?![级科])"
                          r"|(?:几个|哪几个|多少个|哪一个|哪个|各个|每个|[哪前]?[两二三四五六七八九十\d]+个)[“\"「]?(项)[”\"」]?(?![目级科])")

#: a 科目 named with its level mark, then 下 / 里: what follows is about the rows under it
_UNDER_LEVEL = re.compile(r"[（(](类|款)[）)](?:下|里|中|之下|下面|下边)")


def names_kinds_of_things(text: str) -> bool:
    """Whether the question is about things whose kinds are no 科目: things counted in a unit of their own, or a
    whole the narrative lists by kind (operations.json kinds_listed: 政府采购 of 货物类, 服务类)."""
    return counts_things(text) or any(w in text for w in _words()["kinds_listed"])


def counts_things(text: str) -> bool:
    """Whether the question is about things counted in a unit of their own (辆, 台, 人; questions.json)."""
    return bool(_counted_things().search(text))


@lru_cache(maxsize=1)
def _counted_things() -> re.Pattern[str]:
    """A count in a unit of its own (15辆, 几台) or a counted noun as the set read (车辆里)."""
    words = question_words()
    units = "|".join(u for group in words["count_unit_kinds"] for u in group)
    nouns = "|".join(sorted(words["counted_nouns"], key=longest_first))
    return re.compile(rf"(?:\d|几|多少)\s*(?:{units})|(?:{nouns})(?:里|中|当中|之中)")


def find_derived(text: str) -> str | None:
    """The derived measure of data/formulas.json a question asks for (占比, 增减额, 执行率 …), or None.
    The longest cue wins; on equal length, the one earlier in the text."""
    found = [(-len(c), span[0], f, span) for f in formulas().formulas.values() for c in f.cues
             if (span := find_cue(c, text)) is not None]
    # (三公经费合计的几倍: beside another formula's cue, a sum's word inside a name asks no sum)
    others = any(f.op != "sum" for _, _, f, _ in found)
    hits = [(n, at, f.name) for n, at, f, span in found if not (others and _names_a_total(f.op, text, span))]
    if not hits and "了" in text:  # 增加了还是减少了, 多了多少: 了 marks the tense, no word of the cue
        return find_derived(text.replace("了", ""))
    if not hits:
        return None
    best = formulas().formulas[min(hits)[2]]
    rates = [name for _, _, name in sorted(hits) if formulas().formulas[name].op in ("share", "ratio")]
    if best.op in ("diff", "change_rate") and "百分点" in text and rates:
        return rates[0]  # 占比比上年下降了几个百分点: the rate in each year, whose gap is then stated in points
    # 决算比年初预算多出多少: a difference whose basis another difference's reading names is that one (决算数−年初预算数)
    based = [f.name for f in formulas().formulas.values()
             if f.op == best.op and f is not best and any(r.asked for r in f.basis_readings(text))]
    return based[0] if based and not any(r.asked for r in best.basis_readings(text)) else best.name


def _only_checked(text: str) -> bool:
    """Whether every clause stating a bound asks whether the figure meets it (是不是超过一半, 是否超过预算)."""
    said = [c for c in re.split(r"[，,。？?；;！!]", text) if find_threshold(c) or row_condition(c)]
    # (是否超过90%的项目有哪些: a bound inside a name of rows still picks them)
    return bool(said) and all(_has(c, _words()["yes_no"]) and not re.search(r"的|哪|几|多少", c) for c in said)


def _names_a_total(op: str, text: str, span: tuple[int, int]) -> bool:
    """A sum's word that is part of a name (三公经费合计的几倍, 合计数中): it names a total."""
    return op == "sum" and text[span[1]:span[1] + 1] in ("的", "数") and text[span[0] - 1:span[0]] not in ("", "，", ",")


#: a quoted name that picks rows (组织形式为“部门集中采购”的, 名字叫“行政运行”的), not a quoted item (“三公”经费)
_QUOTED = re.compile(r"(?:为|是|叫|属于|名为)[“\"「]([^”\"」]{2,20})[”\"」]的")


_SUM_ASKED = re.compile(r"(?:一共|总共|合计|加起来|共计)[^？?，,；;]*多少(?![个项辆人次家])")


def _function(text: str, threshold: Threshold | None, n: int | None) -> str | None:
    fn = _words()["functions"]
    named = text.replace("哪几", "哪")  # 包括哪几个单位 asks their names (a list), not how many
    named = re.sub(r"(?:多少|几)(?=项目(?:支出|经费|资金))", "", named)  # 安排了多少项目支出: an amount of a column
    avg_at, count_at = _first(text, fn["avg"]), _first(named, fn["count"])
    if avg_at > count_at >= 0 and not re.search(r"[？?，,；;]", text[count_at:avg_at]):
        return "avg"  # 几个项目的平均得分: the mean asked of the rows the 几个 names, not their number
    if _has(named, fn["count"]) and not (_has(text, fn["sum"]) and _SUM_ASKED.search(text)):
        return "count"  # (其余几个项目一共花了多少: the 几个 counts nothing; 多少 after 一共 asks the sum)
    if n and n > 1 or _has(text, fn["rank"]):
        return "rank"
    if _has(text, fn["avg"]):  # 自评分数的平均分: the mean over the rows (平均每人: a ratio, not this)
        return "avg"
    if threshold is not None and _has(text, fn["sum"]):
        return "sum"
    if _has(text, fn["max"]):  # 超出年初预算最多, 超过100万元的里哪个最多: an end of the rows, not the rows
        return "max"
    if _has(text, fn["min"]):
        return "min"
    if threshold is not None:
        return "filter"
    if _has(text, fn["sum"]):
        return "sum"
    return None


def _direction(text: str, function: str | None) -> str | None:
    d = _words()["directions"]
    asc, desc = _first(text, d["asc"]), _first(text, d["desc"])
    if asc < 0 and desc < 0:
        return "desc" if function in ("rank", "max") else "asc" if function == "min" else None
    if asc < 0:
        return "desc"
    if desc < 0:
        return "asc"
    if function in ("max", "min"):  # 最多和最少的分别是: both ends
        return "both"
    return "asc" if asc < desc else "desc"


@lru_cache(maxsize=4096)
def parse_operation(text: str) -> Operation:
    """The operation record of a question (see Operation). Lookup when no operation word is present. (Cached: the
    query, its parts and the share clause each read the same text; the record is immutable.)"""
    words = _words()
    kinds = words["kinds"]
    said = text
    text = re.sub(r"(?:几|多少)个?百分点", "百分之几", text)  # a rate, not a count (多少个百分点)
    text = re.sub(r"(?<=[这那])几(?=[个项类笔块])", "", text)  # 这几项 points at a set: it counts nothing
    threshold = find_threshold(text) or row_condition(text)
    if threshold is not None and _only_checked(text):
        threshold = None  # 占比多少？是不是超过一半了？: the figure is checked against the bound, no rows are picked
    n = find_n(text)
    position = find_position(text)
    function = _function(text, threshold, n)
    if position is not None and function not in ("max", "min", "rank"):  # 排第三的是哪一类: a place in the ranking
        function = "rank"
    derived = find_derived(said if "百分点" in said else text)
    members = find_members(text)
    excluding = find_excluded(text)
    quoted = tuple(name for name in _QUOTED.findall(text) if name not in excluding)
    over = "reports" if _has(text, words["over_reports"]) else "rows"
    if function == "count" and threshold is None and derived is None and not _has(text, kinds["list"]):
        # `有几个项目`, `有几辆车`: a count the report may print or that counts rows
        kind = "aggregate"
    elif _has(text, kinds["explain"]):
        kind, function = "explain", None
    elif function in ("count", "rank", "filter", "avg") or (function == "sum" and (threshold or members or quoted or excluding or find_level(text))) or (function in ("max", "min") and not _has(text, kinds["compare"][:8])):
        kind = "aggregate"
    elif _has(text, kinds["compare"]) or function in ("max", "min"):
        kind = "compare"
    elif _has(text, kinds["list"]):
        kind, function = "list", function or "filter"
    elif derived is not None or _has(text, kinds["compute"]):
        kind = "compute"
    else:
        kind = "lookup"
    if kind == "compute" and function not in (None, "sum"):
        function = None
    if kind in ("lookup", "compute") and function == "sum" and derived != "合计":
        function = None
    named = find_listed_names(text) if function in ("max", "min", "rank", "count", "filter", "avg", "sum") else ()
    direction = (_position_direction(text) if position else None) or _direction(text, function)
    op = Operation(kind=kind, function=function, n=n, direction=direction, threshold=threshold,
                   level=find_level(text), over=over, derived=derived, excluding=excluding,
                   members=members, quoted=quoted, named=named, position=position)
    also = _also_asked(text, op)
    if also and excluding and _left_out_later(text, excluding):
        op = replace(op, excluding=())  # (几个项级科目？除去行政运行，哪项最多: the count is of them all)
    if any(o.function == "share" for o in also) and op.derived == "占比":
        op = replace(op, derived=None, kind="aggregate")  # (the share is of the rows the question reads: read with them)
    return replace(op, also=also)


#: the functions one set of rows answers together: its size, its total and its ends
_ROW_SET_FUNCTIONS = ("count", "sum", "max", "min")
_CLAUSES = re.compile(r"[？?，,；;。]")


def _also_asked(text: str, op: Operation) -> tuple[Operation, ...]:
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
    if op.derived == "占比" and not any(_share_of_set(c) for c in clauses[1:]):
        return ()  # (最大的占几成: a share of a whole of its own, answered by the share's path)
    bounds = [find_threshold(c) or row_condition(c) for c in clauses]
    bound_at = next((k for k, th in enumerate(bounds) if th), None)
    out: list[Operation] = []
    asked = [_function(c, th, find_n(c)) for c, th in zip(clauses, bounds)]
    first_asking = next((k for k, fn in enumerate(asked) if fn), None)  # (it names the rows the others read)
    if any(fn == "sum" and (_count_in_unit().search(c) or _has(c, question_words()["count_companions"]))
           for c, fn in zip(clauses, asked)):
        return ()  # 一共多少人次 after 几个团组, 一共涉及多少钱 after 有几个项目: a figure stated beside the count
    for k, (clause, th, fn) in enumerate(zip(clauses, bounds, asked)):
        if k > 0 and _share_of_set(clause) and "share" not in (o.function for o in out) and op.function in ("max", "min", "rank", "sum"):
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
        ends = _direction(clause, fn) if fn in ("max", "min") else op.direction if first_n else None  # (哪个最大、哪个最小: both)
        out.append(replace(op, kind="aggregate", function=fn, n=first_n, position=None, threshold=kept, direction=ends))
    return tuple(out) if len(clauses) > 1 else ()


def _left_out_later(text: str, excluding: tuple[str, ...]) -> bool:
    """Whether the rows left out are named only after the first clause that asks (分了几个项级科目？除去行政运行，
    哪项最多？): the later function leaves them out, the first reads every row."""
    clauses = [c for c in _CLAUSES.split(text) if c.strip()]
    first = next((k for k, c in enumerate(clauses) if _function(c, None, find_n(c))), None)
    said = next((k for k, c in enumerate(clauses) if any(e in c for e in excluding)), None)
    return first is not None and said is not None and said > first


@lru_cache(maxsize=1)
def _count_in_unit() -> re.Pattern[str]:
    """A count asked in a unit of things or people (多少人次, 几辆): no total of the rows' figures."""
    return re.compile("(?:多少|几)(?:" + "|".join(u for u in question_words()["count_units"] if u not in ("个", "项")) + ")")


#: a share's whole named as the set read itself (这4个项目合计, 整个专项, 该专项总预算, 它们的合计, 所列各项)
_SET_AS_WHOLE = re.compile(r"占(?:了)?(?:这|那|该|整个|所列|它们|这些|以上)")


def _share_of_set(clause: str) -> bool:
    return find_derived(clause) == "占比" and bool(_SET_AS_WHOLE.search(clause))


def set_share_clause(text: str) -> str | None:
    """The later clause asking the share of the set the question reads (`占这4个项目合计的比例是多少？`), when the
    operation reads it with its rows (Operation.also): it names no item and no measure of the rows."""
    if not any(o.function == "share" for o in parse_operation(text).also):
        return None
    return next((c for c in re.split(r"(?<=[？?，,；;。])", text)[1:] if _share_of_set(c)), None)


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
    w = _words()
    said = {*(x for xs in w["functions"].values() for x in xs), *w["row_words"], *w["fillers"],
            *question_words()["money_words"], *question_words()["count_units"], "哪", "几", "是", "有", "的", "共", "各",
            *_POINTING}
    return tuple(sorted(said, key=longest_first))
