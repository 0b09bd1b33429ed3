"""The words of an operation a question says, each read alone: how many (前三), the place asked (排第三), the size given
to the set (14个项目里), the 科目 level, the derived measure (data/formulas.json cues), the aggregate function and its
direction (data/operations.json). `qa/search/operation.py` puts them together into one record.
"""
from __future__ import annotations

import re
from functools import lru_cache

from ..lexicon import question_words
from ..lexicon.formula_table import formulas, operation_words
from .conditions import NUMBER, Threshold, chinese_number, find_threshold, row_condition
from ..text.chars import find_cue, longest_first


def first_at(text: str, words: list[str]) -> int:
    """The first position of any of the words in text, or -1."""
    found = [text.find(w) for w in words if w and w in text]
    return min(found) if found else -1


def has_word(text: str, words: list[str]) -> bool:
    return any(w in text for w in words)


def find_n(text: str) -> int | None:
    """How many the question wants: `前三`, `前5名`, `top 5`, `最多的三个`, `金额最大的三项`, `哪三个`."""
    n_words = "|".join(operation_words()["n_words"])
    m = re.search(r"(?:前|top|TOP|Top)\s*" + NUMBER, text)
    if m is None:
        # (the superlatives of the lexicon's max and min: 最花钱的三项 as 最多的三项)
        ends = "|".join(map(re.escape, sorted({*operation_words()["functions"]["max"], *operation_words()["functions"]["min"],
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
    said = operation_words()["positions"]
    before = "|".join(map(re.escape, sorted(said["before"], key=len, reverse=True)))
    after = "|".join(map(re.escape, [w for ws in said["after"].values() for w in ws]))
    return re.search(rf"(?:{before}|倒数第)\s*{NUMBER}", text) or re.search(rf"第\s*{NUMBER}\s*({after})", text)


def position_direction(text: str) -> str | None:
    """第二少的: a place counted from the low end; 倒数第二 says so by the direction words."""
    m = _position_said(text)
    return "asc" if m and m.lastindex == 2 and m.group(2) in operation_words()["positions"]["after"]["asc"] else None


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
    m = operation_words()["members"]
    counters = "|".join(re.escape(w) for w in m["counters"])
    before = "|".join(re.escape(w) for w in sorted(m["before"], key=longest_first))
    after = "|".join(re.escape(w) for w in sorted(m["after"], key=longest_first))
    return (re.compile(rf"(?:{before})\s*{NUMBER}\s*(?:{counters})(?!百分点)"),
            re.compile(rf"(?<![前第])(?<!top){NUMBER}\s*(?:{counters})(?!百分点)[\u4e00-\u9fff]{{0,8}}?(?:{after})"))


def find_level(text: str) -> str | None:
    """The 科目 level the question names (类 / 款 / 项), or None. `哪类` of things counted (15辆车里哪类最多,
    车辆里哪类) or of a whole the narrative lists by kind (政府购买服务里哪一类) asks their kinds, not a 科目
    level: only a word naming the level itself (类级科目) says it then."""
    hits = [(text.find(w), -len(w), w, level) for level, ws in operation_words()["levels"].items() for w in ws if w in text]
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
    return counts_things(text) or any(w in text for w in operation_words()["kinds_listed"])


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


#: a year named as what a change is against (比2020年增长, 较2019年下降): said as the cues say it, 上年
_AGAINST_A_YEAR = re.compile(r"(比|较)\s*(?:19|20)\d{2}\s*(?:年度|年)?(?!\d)(?=[^，,。？?；;]{0,4}?(?:增|减|降|升|涨|提高|变化))")


def find_derived(text: str) -> str | None:
    """The derived measure of data/formulas.json a question asks for (占比, 增减额, 执行率 …), or None.
    The longest cue wins; on equal length, the one earlier in the text."""
    # (服务类预算是货物类预算的几倍: 是…预算的几 with 倍 after it asks a multiple, no 执行率)
    found = [(-len(c), span[0], f, span) for f in formulas().formulas.values() for c in f.cues
             if (span := find_cue(c, text)) is not None
             and not (f.op != "times" and text[span[1]:span[1] + 1] == "倍" and "百分" not in text)]
    # (三公经费合计的几倍: beside another formula's cue, a sum's word inside a name asks no sum)
    others = any(f.op != "sum" for _, _, f, _ in found)
    share_cues_at = [span[0] for _, _, f, span in found if f.op == "share"]
    hits = [(n, at, f.name) for n, at, f, span in found if not (others and _names_a_total(f.op, text, span))
            and not (f.op == "sum" and _sums_a_whole(text, span, share_cues_at))]
    if not hits and "了" in text:  # 增加了还是减少了, 多了多少: 了 marks the tense, no word of the cue
        return find_derived(text.replace("了", ""))
    if not hits and _AGAINST_A_YEAR.search(text):  # 2021比2020增长: a change against a year asks as 比上年 does
        return find_derived(_AGAINST_A_YEAR.sub(r"\1上年", text))
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


def only_checked(text: str) -> bool:
    """Whether every clause stating a bound asks whether the figure meets it (是不是超过一半, 是否超过预算)."""
    said = [c for c in re.split(r"[，,。？?；;！!]", text) if find_threshold(c) or row_condition(c)]
    # (是否超过90%的项目有哪些: a bound inside a name of rows still picks them)
    return bool(said) and all(has_word(c, operation_words()["yes_no"]) and not re.search(r"的|哪|几|多少", c) for c in said)


def _names_a_total(op: str, text: str, span: tuple[int, int]) -> bool:
    """A sum's word that is part of a name (三公经费合计的几倍, 合计数中): it names a total."""
    return op == "sum" and text[span[1]:span[1] + 1] in ("的", "数") and text[span[0] - 1:span[0]] not in ("", "，", ",")


def _sums_a_whole(text: str, span: tuple[int, int], shares_at: list[int]) -> bool:
    """A sum's word closing a clause that a share's clause follows (把三公经费、会议费、培训费加一起，培训费的比例): the
    items it adds up are the whole of the share, no sum asked on its own."""
    return text[span[1]:span[1] + 1] in ("，", ",") and any(at > span[1] for at in shares_at) \
        and not _SUM_ASKED.search(text[span[0]:])


_SUM_ASKED = re.compile(r"(?:一共|总共|合计|加起来|共计)[^？?，,；;]*多少(?![个项辆人次家])")


def find_function(text: str, threshold: Threshold | None, n: int | None) -> str | None:
    fn = operation_words()["functions"]
    named = text.replace("哪几", "哪")  # 包括哪几个单位 asks their names (a list), not how many
    named = re.sub(r"(?:多少|几)(?=项目(?:支出|经费|资金))", "", named)  # 安排了多少项目支出: an amount of a column
    avg_at, count_at = first_at(text, fn["avg"]), first_at(named, fn["count"])
    if avg_at > count_at >= 0 and not re.search(r"[？?，,；;]", text[count_at:avg_at]):
        return "avg"  # 几个项目的平均得分: the mean asked of the rows the 几个 names, not their number
    if has_word(named, fn["count"]) and not (has_word(text, fn["sum"]) and _SUM_ASKED.search(text)):
        return "count"  # (其余几个项目一共花了多少: the 几个 counts nothing; 多少 after 一共 asks the sum)
    if n and n > 1 or has_word(text, fn["rank"]):
        return "rank"
    if has_word(text, fn["avg"]):  # 自评分数的平均分: the mean over the rows (平均每人: a ratio, not this)
        return "avg"
    if threshold is not None and has_word(text, fn["sum"]):
        return "sum"
    if has_word(text, fn["max"]):  # 超出年初预算最多, 超过100万元的里哪个最多: an end of the rows, not the rows
        return "max"
    if has_word(text, fn["min"]):
        return "min"
    if threshold is not None:
        return "filter"
    if has_word(text, fn["sum"]):
        return "sum"
    return None


def find_direction(text: str, function: str | None) -> str | None:
    d = operation_words()["directions"]
    asc, desc = first_at(text, d["asc"]), first_at(text, d["desc"])
    if asc < 0 and desc < 0:
        return "desc" if function in ("rank", "max") else "asc" if function == "min" else None
    if asc < 0:
        return "desc"
    if desc < 0:
        return "asc"
    if function in ("max", "min"):  # 最多和最少的分别是: both ends
        return "both"
    return "asc" if asc < desc else "desc"
