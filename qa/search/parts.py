"""A question split into the questions it asks in turn (公务接待费是多少？一共接待了多少人？), and how a later
one relates to the first: another operation over its rows, another measure of its item, the sum of the rows it
counted, a count in another unit, text asked beside a figure."""
from __future__ import annotations

import re
from functools import lru_cache

from ..lexicon import question_words, terms
from ..lexicon.formula_table import formulas, operation_terms, operation_words
from ..text.chars import longest_first
from .each import asked_each
from .operation import parse_operation
from .operation_words import counts_things
from .shape import answer_shape, find_terms, names_a_kind, precision_said, term_spans
from .years import asks_last_year

_PART_OPENS = re.compile(r"(?<=[？?；;])\s*|(?<=[，,。])\s*(?=其中)")
_JOINED_PART = re.compile(r"(?:以及|及|和|与|、)(?=其中)")
_ASKS = re.compile(r"多少|几|哪|什么|多大|多高")
_ELLIPSIS = re.compile(r"呢([？?]?)$")
#: a comma, or a space between two words (`绩效自评项目多少个 平均得分`: the pause typed as a space)
_CLAUSE_ENDS = re.compile(r"(?<=[，,、])|(?<=[\u4e00-\u9fff][ \u3000])(?=[\u4e00-\u9fff])")


def _asks(clause: str) -> bool:
    """Whether a clause asks for something: a question word, or a noun naming a figure said last
    (`年末公务用车保有量，平均每辆运行维护费多少`, `项目多少个，平均得分`; questions.json asking_nouns)."""
    pointed = re.sub(r"[这那]几", "", clause)  # 这几份报告里: 几 after a demonstrative points at a set, asks nothing
    return bool(_ASKS.search(pointed)) or clause.rstrip("，,、？?。 ").endswith(tuple(question_words()["asking_nouns"]))


def _asking_clauses(piece: str) -> list[str]:
    """A question split where a comma closes a clause that asks (花了多少钱，接待了多少人): a clause that asks
    nothing (2019年，) stays with the one after it, a trailing one with the one before."""
    out, held = [], ""
    for clause in _CLAUSE_ENDS.split(piece):
        held += clause
        if len(re.findall(r"[（(]", held)) > len(re.findall(r"[）)]", held)):
            continue  # 印刷费几笔（A、B、C）一共多少: a list in brackets is no clause of its own
        # (a pause typed as a space closes a clause that asks in words, 多少个: `覆盖人数 比目标 差多少人` is one
        # question typed as keywords)
        if _ASKS.search(clause) if clause[-1:].isspace() else _asks(clause):
            out.append(held.rstrip("，,、 "))
            held = ""
    if held.strip("，,、？? "):
        if out:
            out[-1] = joined_parts(out[-1], held)
        else:
            out.append(held)
    return out or [piece]


#: a clause asking how much and naming nothing (是多少, 多少, 多少万元)
_BARE_HOW_MUCH = re.compile(r"(?:金额|数额)?(?:是|为|有)?多少(?:钱|万元|元|亿元)?[？?。]?")


#: a clause asking each figure of the rows just asked for and naming nothing (各降了多少, 分别是多少)
_EACH_HOW_MUCH = re.compile(r"(?:各|分别)(?:自)?(?:是|为|有|增加|减少|增长|下降|降|增|涨|减|少|多)?了?多少(?:钱|万元|元)?[？?。]?")


def _asking_pieces(text: str) -> list[str]:
    """The question's pieces in turn: split where a new part opens, then into the clauses that ask."""
    return [c for p in _PART_OPENS.split(text) if p.strip() for c in _asking_clauses(p.strip())]


def sub_questions(text: str) -> tuple[str, ...]:
    """The questions asked in turn (公务接待费是多少？一共接待了多少人？), each naming its own item; () when
    there is one, or when a later one only works on the figures of the first (多多少？增长率多少？两家加起来一共多少？)."""
    text = _JOINED_PART.sub("，", text)  # 预算总额及其中的项目支出: a whole and a part of it, asked in turn
    pieces = _asking_pieces(text)
    pieces = [q for p in pieces for q in (asked_each(p) or (p,))]
    # `服务类有多少？货物类呢？`: a later question that only names its item asks what the first one asked
    # (占…的比例呢: a part naming what it asks, a share, says it without 多少)
    pieces = [pieces[0], *(_ELLIPSIS.sub(r"\1" if parse_operation(p).derived else r"多少\1", p) if not _ASKS.search(p) else p
                           for p in pieces[1:])] if pieces else []
    # 哪一项最低、是多少: a bare 是多少 after the row asked for asks that row's figure; 有几个，各降了多少: each
    # figure of the rows counted
    for k in range(len(pieces) - 1, 0, -1):
        before = parse_operation(pieces[k - 1]).function
        if _BARE_HOW_MUCH.fullmatch(pieces[k].strip()) and before in ("max", "min", "rank"):
            pieces[k - 1:k + 1] = [f"{pieces[k - 1].rstrip('？?。，,、 ')}、{pieces[k]}"]
        elif _EACH_HOW_MUCH.fullmatch(pieces[k].strip()) and before in ("count", "filter"):
            pieces[k - 1:k + 1] = [f"{pieces[k - 1].rstrip('？?。，,、 ')}，{pieces[k]}"]
    while len(pieces) > 1 and not _asks(pieces[-1]):  # …几辆？江苏省高级人民法院2019年: the scope, said last
        pieces = [*pieces[:-2], joined_parts(pieces[-2], pieces[-1])]
    while len(pieces) > 1 and not _asks(pieces[0]):  # 做了7个项目的绩效自评，其中有几个…: the set, said first
        pieces = [pieces[0] + pieces[1], *pieces[2:]]
    # 公务接待是什么情况？接待了几次、花了多少钱？: the overview asked first names what the figures after it are of
    if len(pieces) > 1 and any(w in pieces[0] for w in question_words()["overview_asked"]) \
            and answer_shape(pieces[0])[0] == "text" and all(answer_shape(p)[0] == "figure" for p in pieces[1:]):
        pieces = [pieces[0] + pieces[1], *pieces[2:]]
    # 学前、小学、初中这几项，哪项最少: a clause naming the set (这几项, 这些) asks nothing of its own; nor does
    # 法院款下面的几个项，哪几个…: the set said by 的几个 and picked from by the next clause
    for k in range(len(pieces) - 2, -1, -1):
        picked_from = _SET_OF_SOME.search(pieces[k]) and pieces[k + 1].lstrip().startswith("哪")
        if _NAMES_THE_SET.search(pieces[k]) or picked_from:
            pieces[k:k + 2] = [f"{pieces[k]}，{pieces[k + 1]}"]
    # 哪项最多、哪项最少: the two ends of one set, asked as one operation (both ends)
    for k in range(len(pieces) - 2, -1, -1):
        ends = {parse_operation(pieces[k]).function, parse_operation(pieces[k + 1]).function}
        if ends == {"max", "min"} and not names_own_item(pieces[k + 1]):
            pieces[k:k + 2] = [f"{pieces[k].rstrip('？?。，,、 ')}、{pieces[k + 1]}"]
    # 哪个最多？这些加起来多少？: later functions over the same rows, which the whole question reads (Operation.also)
    whole = parse_operation(text)
    read_too = {whole.function, *(o.function for o in whole.also)}
    if whole.also and len(pieces) > 1 and parse_operation(pieces[0]).function in (*_ROW_FUNCTIONS, "sum") \
            and not counts_things(pieces[0]) and all(
            (later := parse_operation(p)).function in read_too or later.derived == "占比" and "share" in read_too
            for p in pieces[1:]) and not any(another_column(pieces[0], p) for p in pieces[1:]):
        return ()  # (a later part asking another column of the rows is asked in turn: another_column)
    # 最低的是哪项、执行率多少: the measure the rows are read by, asked of the row just asked for, goes with it
    first = parse_operation(pieces[0]) if pieces else None
    for k in range(len(pieces) - 1, 1, -1):
        later = parse_operation(pieces[k])
        if first.derived and later.derived == first.derived and later.function is None and not names_own_item(pieces[k]) \
                and parse_operation(pieces[k - 1]).function in _ROW_FUNCTIONS:
            pieces[k - 1:k + 1] = [f"{pieces[k - 1]}，{pieces[k]}"]
    if len(pieces) < 2 or not all(_asks(p) for p in pieces):
        return ()
    if any(answer_shape(p)[0] != "figure" and not (_lists_rows(p) and (k == 0 or own_condition(pieces[0], p)))
           for k, p in enumerate(pieces)):
        return ()  # (a purpose or a list asked after a figure is answered with the figure's passage; a list of
        # rows asked first, 有哪些项级科目比上年减少了, is an operation over them, and so is a later one picking the
        # rows by a condition of its own: 增加的有哪些？减少的有哪些？)
    # a piece asking nothing of its own (实际花了多少 after 三公经费预算多少) stays with the one before it: the
    # question is asked in turn only where a piece names its own item or works on the first one's
    asked = [pieces[0]]
    for before, p in zip(pieces, pieces[1:]):
        if _asked_in_turn(pieces[0], before, p):
            asked.append(p)
        else:
            asked[-1] = joined_parts(asked[-1], p)
    pieces = asked
    if len(pieces) < 2:
        return ()
    return (pieces[0], *(_of_the_same_row(pieces[0], p) for p in pieces[1:]))


def _of_the_same_row(first: str, later: str) -> str:
    """A later piece naming only another column of the row the first one asks (`邮电费基本支出多少，项目支出多少`):
    the first piece with that column in place of its own (邮电费项目支出多少); else the piece as it is."""
    alone = re.fullmatch(rf"({_columns()})(?:是|为|有)?多少(?:钱|万元|元)?[？?。]?", later.strip())
    said = re.search(rf"(?<=[\u4e00-\u9fff）)])({_columns()})(?=(?:是|为|有)?多少)", first)
    if alone is None or said is None or said.group(1) == alone.group(1):
        return later
    return first[:said.start(1)] + alone.group(1) + first[said.end(1):]


@lru_cache(maxsize=1)
def _columns() -> str:
    """The columns a row is asked in (questions.json bracketed_contexts), as one pattern, longest first."""
    return "|".join(map(re.escape, sorted(question_words()["bracketed_contexts"], key=longest_first)))


def joined_parts(piece: str, after: str) -> str:
    """Two pieces as one clause, with the pause the split took out of them (笔记本、扫描仪)."""
    return f"{piece}{'' if piece.endswith(('？', '?', '。', '，', ',', '、')) else '、'}{after}"


def _asked_in_turn(first: str, before: str, piece: str) -> bool:
    """Whether a later piece is a question of its own: it names its own item, or asks another operation, measure,
    column or year of the first piece's item or rows, or the share of the row just asked for."""
    return names_own_item(piece) or another_operation(first, piece) or another_measure(first, piece) \
        or asks_last_year(piece, None) \
        or _count_and_money(first, piece) or _another_count(first, piece) or share_of_row(first, piece) \
        or gap_of_ends(first, piece) or another_column(first, piece) or kinds_of_count(first, piece) \
        or share_of_row(before, piece)  # (哪一类最多？占比多少？ after 共有多少辆车: of the row just asked for)


def text_clauses(text: str) -> tuple[str, ...]:
    """The clauses asking text (what was bought, what for, why) after a clause asking a figure (`政府采购花了多少
    钱？买的是什么？` -> 买的是什么？): each is answered beside the figure; () when none, or when no figure is asked."""
    pieces = _asking_pieces(text)
    if len(pieces) < 2 or answer_shape(pieces[0])[0] != "figure":
        return ()
    return tuple(p for p in pieces[1:] if _asks(p) and answer_shape(p)[0] in ("text", "list"))


def figure_clauses(text: str) -> str | None:
    """The clauses asking a figure before a later clause asking why (`比年初预算少花了多少？原因是什么？` -> the
    first clause), so the figure is read as if asked alone; None when the question is no such pair."""
    pieces = _asking_pieces(text)
    forms = [answer_shape(p)[0] for p in pieces]
    if len(pieces) < 2 or forms[0] != "figure" or "reason" not in forms:
        return None
    return "".join(pieces[:forms.index("reason")])


_ROW_FUNCTIONS = ("count", "max", "min", "rank", "filter", "avg")
#: a clause ending by pointing at the set it has just named (学前、小学、初中这几项)
#: a set said as 的几个 (项) at a clause's end, with no word asking its count (有, 一共, 多少)
_SET_OF_SOME = re.compile(r"(?<![有共计])的几(?:个|项|类|笔|块|家)[\u4e00-\u9fff]{0,4}$")
_NAMES_THE_SET = re.compile(r"(?:这|那)(?:几|些)(?:个|项|类|笔|块)?(?:里|中|当中|之中)?[，,]?$")


def another_operation(first: str, later: str) -> bool:
    """Whether a later question asks another operation over the first one's rows (`哪个项级科目最多？超过200万元
    的有几个？`): it is asked of the same rows in turn, not of the first one's figures."""
    a, b = parse_operation(first), parse_operation(later)
    return b.function in _ROW_FUNCTIONS and a.function in _ROW_FUNCTIONS and (a.function, a.threshold) != (b.function, b.threshold)


def counted_noun(text: str) -> str | None:
    """The noun of the things a question counts in a unit of their own (车 of 共有多少辆车; questions.json
    counted_nouns), the longest said; None when it says none."""
    return next((n for n in sorted(question_words()["counted_nouns"], key=longest_first) if n in text), None)


def kinds_of_count(first: str, later: str) -> bool:
    """Whether a later question asks the kinds of the things the first one counts in a unit of their own (`共有多少
    辆车？哪一类最多？`): the first is a figure the report prints, the later an operation over the kinds it lists."""
    if not (counts_things(first) and counted_noun(first) and parse_operation(first).function is None
            and parse_operation(later).function in ("max", "min", "rank")):
        return False
    rest = later  # (哪一类, 哪类用车: words of kinds and of the things counted name nothing of its own)
    for w in sorted((*question_words()["kind_words"], *question_words()["counted_nouns"]), key=longest_first):
        rest = rest.replace(w, "")
    return not names_own_item(rest)


def _lists_rows(clause: str) -> bool:
    """Whether a clause lists rows by a condition or a level (`有哪些项级科目比上年减少了`): an operation over the
    rows, which a later question may read again (`减得最多的是哪一个`), not a purpose or a passage asked."""
    op = parse_operation(clause)
    return op.function in _ROW_FUNCTIONS and bool(op.threshold or op.derived or op.level)


def own_condition(first: str, later: str) -> bool:
    """Whether a later clause picks rows by a condition other than the one the first clause picks them by (减少的有
    哪些 after 增加的有哪些; not 哪些比上年减少了 after 几个项目里, which names the rows it picks from)."""
    own, picked = parse_operation(later).threshold, parse_operation(first).threshold
    return own is not None and picked is not None and own != picked


def share_of_row(first: str, later: str) -> bool:
    """Whether a later question asks the share of the row the first one finds (`哪一项预算最多？占多少？`) or of
    the sum it adds up (`审计费和专家费加起来多少？占这个项目总预算的比例是多少？`), naming no item of its own."""
    return parse_operation(first).function in ("max", "min", "sum") and parse_operation(later).derived == "占比" \
        and not names_own_item(later)


def another_measure(first: str, later: str) -> bool:
    """Whether a later question asks another measure of the first one's item (`有多少钱没执行掉？执行率是多少？`):
    both computed from the item's own figures by the formula table, so each is answered of that item in turn.
    (A change's amount and rate are one change, stated together.)"""
    a, b = parse_operation(first).derived, parse_operation(later).derived
    own = {name for name, f in formulas().formulas.items() if all(r.a and r.b for r in f.readings)}
    return (a in own or a is None) and b in own and a != b and {a, b} != {"增减额", "增减率"}


@lru_cache(maxsize=1)
def _column_measures() -> dict[str, dict[str, list[str]]]:
    """terms.json measures that no formula derives, each with the aliases that hold no asking words (执行了多少 is
    no column's name): the words naming a figure of a row (全年预算, 执行数, 实际执行)."""
    derived = set(formulas().formulas)
    return {name: {"aliases": [a for a in m["aliases"] if not re.search("多少|几", a)]}
            for name, m in terms()["measures"].items() if name not in derived and m.get("fact_measures")}


def _column_words(text: str) -> list[tuple[int, int, str]]:
    """(start, end, measure) of each word naming a figure of a row, longest first claiming its span, in the order
    said."""
    return term_spans(text, _column_measures())


def another_column(first: str, later: str) -> bool:
    """Whether a later part asks the rows the first one sums in another of their columns (全年预算加起来多少？实际
    执行了多少？): it names such a column and nothing else, and asks no other operation."""
    a, b = parse_operation(first), parse_operation(later)
    if a.function != "sum" or a.kind != "aggregate" or b.function not in (None, "sum") or b.threshold is not None \
            or b.derived not in (None, "合计") or answer_shape(later)[1] == "percent":  # (相当于预算总额的百分之几)
        return False
    said, asked = _column_words(first), _column_words(later)
    if not said or not asked or {m for *_, m in asked} <= {m for *_, m in said}:
        return False
    rest = "".join(ch for k, ch in enumerate(later) if not any(s <= k < e for s, e, _ in asked))
    return not names_own_item(rest)


def in_first_frame(first: str, later: str) -> str:
    """The first part asked again with the later part's column in place of its own (那10个项目，全年预算加起来多少 +
    实际执行了多少 -> 那10个项目，实际执行加起来多少): the same rows, the same sum, the other column."""
    start, end, _ = _column_words(first)[-1]
    s, e, _ = _column_words(later)[0]
    return first[:start] + later[s:e] + first[end:]


def sums_the_rows(first: str, later: str) -> bool:
    """Whether a later question asks the total of the rows the first one counts or lists by a condition
    (`不到100万元的项目有几个？预算合计多少？`): it is the first question's rows summed, condition kept."""
    a, b = parse_operation(first), parse_operation(later)
    # (合计压减了多少: a sum of the rows' changes, read as a change asked)
    summed = b.function == "sum" or b.function is None and b.derived == "增减额" and \
        any(w in later for w in operation_words()["functions"]["sum"])
    return summed and b.threshold is None and a.function in ("count", "filter") \
        and (a.threshold is not None or a.level is not None)


#: the words a later part points at the two figures just answered with (两者差多少, 二者相差)
BOTH_ANSWERED = re.compile(r"两者|二者|两项|两个|两笔|它们|之间|相差|差距")


def gap_of_ends(first: str, later: str) -> bool:
    """Whether the later part asks the difference of the two ends the first asks for (最大和最小的各是哪个？两者差多少？)."""
    return parse_operation(first).direction == "both" and parse_operation(later).derived in ("差额", "增减额") \
        and bool(BOTH_ANSWERED.search(later))


def gap_to_other_end(first: str, later: str) -> str | None:
    """`哪一块最多？它比最少的那一块多出多少？`: the first question asking both ends (its words and the other end's),
    when the later part asks how far the end just found is from the other; None otherwise."""
    one, other = parse_operation(first), parse_operation(later)
    if {one.function, other.function} != {"max", "min"} or other.derived not in ("差额", "增减额"):
        return None
    word = "最少" if other.function == "min" else "最多"
    return f"{first.rstrip('？?。，, ')}、{word}的是哪个？"


def _count_and_money(first: str, later: str) -> bool:
    """A count asked beside an amount (有几个项目，一共涉及多少钱): no operation turns one into the other, so the
    later question asks a figure of its own."""
    return names_a_kind(later) and {answer_shape(first)[1], answer_shape(later)[1]} == {"count", "amount"}


def _another_count(first: str, later: str) -> bool:
    """A count asked in another unit after a count (组织了几个出国团组，一共多少人次): a figure of its own."""
    units = [count_unit_asked(p) for p in (first, later)]
    return all(units) and units[0] != units[1] and answer_shape(first)[1] == answer_shape(later)[1] == "count"


def count_unit_asked(text: str) -> str | None:
    """The counting unit said right after 多少 or 几 (多少人次 -> 人次), or None."""
    units = "|".join(map(re.escape, sorted(question_words()["count_units"], key=longest_first)))
    m = re.search(rf"(?:多少|几)\s*({units})", text)
    return m.group(1) if m else None


def names_own_item(piece: str) -> bool:
    """Whether a question names something of its own once the words of asking, operating and measuring are
    taken out (`一共接待了多少人` -> 接待人: yes; `增长率多少`, `两家加起来一共多少辆` -> nothing left: no)."""
    if find_terms(piece, terms()["items"])[0]:  # 其中项目支出多少: an item the lexicon knows
        return True
    said = precision_said(piece)  # (精确到两位小数 says how to state the figure, no item)
    rest = piece[:said.start()] + piece[said.end():] if said else piece
    for w in _asking_words():
        rest = rest.replace(w, "")
    return len(re.sub(r"[^\u4e00-\u9fff]", "", rest)) >= 2


@lru_cache(maxsize=1)
def _asking_words() -> tuple[str, ...]:
    """The words that ask, operate and measure (no item), longest first."""
    vocab = terms()
    words = {*vocab["question_words"], *vocab["filler"], *operation_terms(), *question_words()["count_units"],
             *(w for m in vocab["measures"].values() for w in m["aliases"])}
    return tuple(sorted(words, key=longest_first))
