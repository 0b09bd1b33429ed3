"""Question understanding: scope (region, year, kind, department) and topic (item, measure).

Scope words become filters, not search terms: chunks rarely name their region or year, so leaving
`青山区2023年` in the text only pulls every chunk of every report that mentions them. What remains (the
topic) is searched, extended with the report phrasing of the measures and items it names, from the
vocabulary in `qa/lexicon/data/terms.json`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Iterable, Sequence

_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)\s*(年度|年)?")
_COMPARE_BEFORE = ("比", "较", "与", "和", "同", "对比", "相比")
# a place name the index may not hold: 2–6 Han characters ending in an administrative suffix
_PLACE = re.compile(r"([\u4e00-\u9fff]{1,6}?(?:自治州|自治县|新区|省|市|区|县|旗|州))")
# words that end in a place suffix but name no place
_NOT_PLACES = {"社区", "城区", "地区", "辖区", "园区", "小区", "市区", "全区", "本区", "全市", "本市", "全县", "本县",
               "全省", "本省", "各区", "各县", "各市", "各区县", "区县", "省市", "城市", "都市", "开发区", "景区", "街区",
               "超市", "城乡"}


from ..lexicon import question_words, terms  # noqa: E402  (terms re-exported for callers)
from ..lexicon.formula_table import formulas, operation_terms, operation_words  # noqa: E402
from ..text.spoken import without_amounts  # noqa: E402
from .operation import Operation, parse_operation  # noqa: E402
from ..text.chars import BRACKETED, cue_spans, find_cue, longest_first


@dataclass(frozen=True)
class Region:
    """A region the index holds, with the short forms a user may type (武汉市青山区 -> 青山区, 青山)."""

    name: str
    aliases: tuple[str, ...]


def region_aliases(name: str) -> tuple[str, ...]:
    """武汉市青山区 -> (武汉市青山区, 青山区, 青山); 通城县 -> (通城县, 通城); 江苏省 -> (江苏省, 江苏)."""
    out = [name]
    parts = re.findall(r"[\u4e00-\u9fff]+?(?:自治州|自治县|新区|省|市|区|县|旗|州)", name)
    if len(parts) > 1:
        out.append(parts[-1])
    last = parts[-1] if parts else name
    stem = re.sub(r"(自治州|自治县|新区|省|市|区|县|旗|州)$", "", last)
    if len(stem) >= 2:
        out.append(stem)
    return tuple(dict.fromkeys(out))


@dataclass(frozen=True)
class Query:
    """A question parsed once into a frame: scope (`doc_ids`, `regions`, `departments`, `year`, `kind`), what it
    is about (`topic`, `items`, `measures`), what the answer must be (`form`, `figure_kind`, `unit`). Answerers
    read these fields, not the question's text."""

    text: str
    topic: str
    region: str | None = None  # a region the index holds
    unknown_region: str | None = None  # a place named in the question that the index does not hold
    year: int | None = None
    compare_years: tuple[int, ...] = ()
    kind: str | None = None
    regions: tuple[str, ...] = ()  # every indexed region named (cross-report questions)
    measures: tuple[str, ...] = ()
    items: tuple[str, ...] = ()
    expansions: tuple[str, ...] = field(default=(), repr=False)
    departments: tuple[str, ...] = ()  # the departments named (full names of indexed reports)
    form: str = "figure"  # what the answer must be: figure / reason / list / text
    figure_kind: str = "amount"  # the figure asked: amount / percent / count
    more_kinds: tuple[str, ...] = ()  # figures also asked, in other clauses (多少个项目？涉及金额多少？)
    unit: str | None = None  # the money unit the question asks the answer in (多少元 -> 元)
    asks_actual: bool = False  # asks for actual spending (实际支出, 决算数), which a budget report does not hold
    operation: Operation = field(default_factory=Operation)  # lookup / compute / compare / aggregate / list …
    doc_ids: tuple[str, ...] = ()  # the reports the question names, best first (see qa.search.scope)
    scope_message: str = ""  # why no report matched, or a note on several regions
    previous_year: bool = False  # the year asked is printed as 上年 in the next year's report, which is in scope
    parts: tuple[str, ...] = ()  # the questions asked in turn (总数多少？其中Y多少？), when more than one
    named_as: tuple[tuple[str, str], ...] = ()  # (department, as the question writes it): 江苏省高级人民法院 -> 省法院

    def written(self, department: str) -> str:
        """A department as the answer names it: the question's own form first when it is not part of the
        full name (省法院（江苏省高级人民法院）), so the reader sees the name they used."""
        form = dict(self.named_as).get(department)
        return f"{form}（{department}）" if form and form not in department else department

    @property
    def search_text(self) -> str:
        """The topic plus the report phrasing of its measures and items: what dense and keyword search use."""
        return " ".join([self.topic, *self.expansions]).strip()


def find_terms(text: str, *tables: dict[str, Any]) -> list[list[str]]:
    """Names whose aliases occur in text, per table. A longer alias claims its span first, so
    `完成年初预算的比例` counts as 执行率 and not also as 占比 (`比例`) or 预算数 (`年初预算`). An alias
    with `…` spans a few words between its parts (占…百分之)."""
    hits = [(alias, t, name) for t, table in enumerate(tables) for name, entry in table.items() for alias in entry["aliases"]]
    taken = [False] * len(text)
    found: list[list[str]] = [[] for _ in tables]
    for alias, t, name in sorted(hits, key=lambda h: -len(h[0])):
        for start, end in cue_spans(alias, text):
            if any(taken[start:end]):
                continue
            taken[start:end] = [True] * (end - start)
            if name not in found[t]:
                found[t].append(name)
    return found


def _works_it_out(aside: str) -> bool:
    """Whether a bracketed aside says how the asker would work the figure out (questions.json method_words)."""
    words = question_words()["method_words"]
    return any(w in aside for w in words["alone"]) or (
        _YEAR.search(aside) is not None and any(w in aside for w in words["with_a_year"]))


def parse_question(
    question: str,
    regions: Sequence[Region] | Iterable[str] = (),
    *,
    region: str | None = None,
    year: int | None = None,
    kind: str | None = None,
    find_places: bool = True,
) -> Query:
    """Split a question into filters and topic. `regions` are those the index holds (names or Region).

    Explicit `region`/`year`/`kind` arguments win over what the question says. `find_places=False` leaves
    words ending in 市/区/县 in the topic (the caller has already read the places with the gazetteer).
    """
    vocab = terms()
    known = [r if isinstance(r, Region) else Region(r, region_aliases(r)) for r in regions]
    text = question.strip()
    # （根据2026年预算说明倒推）: how the asker would work it out, neither the item nor what is asked (its year is
    # read by the scope as no year asked)
    text = BRACKETED.sub(lambda m: " " if _works_it_out(m.group(0)) else m.group(0), text).strip()
    topic = text

    # regions the index holds, longest alias first so 武汉市青山区 wins over 青山
    named: list[str] = []
    for alias, reg in sorted(((a, r) for r in known for a in r.aliases), key=lambda p: -len(p[0])):
        if alias in topic:
            if reg.name not in named:
                named.append(reg.name)
            topic = topic.replace(alias, " ")
    unknown = None
    if not named and find_places:
        for m in _PLACE.finditer(topic):
            place = m.group(1)
            if place in _NOT_PLACES or any(place.endswith(w) for w in _NOT_PLACES if len(w) > 2):
                continue
            unknown = place
            break
        if unknown:
            topic = topic.replace(unknown, " ")

    topic, quoted = stash_quoted(topic)  # “2019年度聘请专家人员经费”: a name quoted is matched as written
    years: list[int] = []
    compare: list[int] = []
    for m in _YEAR.finditer(text):
        y = int(m.group(1))
        before = text[max(0, m.start() - 3) : m.start()]
        (compare if any(before.endswith(w) for w in _COMPARE_BEFORE) else years).append(y)
    topic = _YEAR.sub(" ", topic)

    found_kind = None
    if "决算" in text and "预算" not in text.replace("年初预算", ""):
        found_kind = "决算"
    elif re.search(r"部门预算|预算公开|预算总额|预算报告", text):
        found_kind = "预算"

    for abbr, full in vocab["abbreviations"].items():
        topic = topic.replace(abbr, full)
    measures, items = find_terms(text, vocab["measures"], vocab["items"])
    for word in sorted(vocab["question_words"], key=longest_first):
        topic = topic.replace(word, " ")
    # 请 as the user's please, not the 请 of 聘请 or 申请
    topic = re.sub(f"(^|[\\s？?！!。，,、；;：:])(?:{'|'.join(vocab['leading_question_words'])})", r"\1 ", topic)
    topic = without_amounts(topic)  # 只花了4.7万: a figure the user quotes, not a word to match
    topic = re.sub(r"[？?！!。，,、；;：:“”\"]+", " ", topic)
    topic = re.sub(r"\s+", " ", restore_quoted(topic, quoted)).strip()

    expansions: list[str] = []
    for name in measures:
        expansions += vocab["measures"][name]["phrases"]
    for name in items:
        expansions += vocab["items"][name]["phrases"]
    expansions = [e for e in dict.fromkeys(expansions) if e not in topic]

    asked = text.replace("哪几", "哪些")  # 哪几家单位 asks which ones, not how many
    parts = sub_questions(text)
    form, figure_kind, unit = answer_shape(asked)
    more_kinds = _more_kinds(asked, figure_kind) if form == "figure" else ()
    return Query(
        text=question,
        # (上年执行数: last year's figure, which a budget report prints)
        asks_actual=any(re.search(rf"(?<!上年)(?<!去年){re.escape(w)}", text) for w in question_words()["actual_words"]),
        operation=parse_operation(asked),
        form=form,
        figure_kind=figure_kind,
        more_kinds=more_kinds,
        unit=unit,
        topic=topic,
        region=region or (named[0] if len(named) == 1 else None),
        unknown_region=None if region else unknown,
        year=year if year is not None else (years[0] if years else None),
        compare_years=tuple(compare),
        kind=kind or found_kind,
        regions=tuple(named) if region is None else (region,),
        measures=tuple(measures),
        items=tuple(items),
        expansions=tuple(expansions),
        parts=parts,
    )


#: where a question asks one more thing: after a question mark, or before 其中 (…一共多少辆车，其中执法执勤用车几辆)
_PART_OPENS = re.compile(r"(?<=[？?；;])\s*|(?<=[，,。])\s*(?=其中)")
_ASKS = re.compile(r"多少|几|哪|什么|多大|多高")
_ELLIPSIS = re.compile(r"呢([？?]?)$")
_CLAUSE_ENDS = re.compile(r"(?<=[，,、])")


def _asks(clause: str) -> bool:
    """Whether a clause asks for something: a question word, or a noun naming a figure said last
    (`年末公务用车保有量，平均每辆运行维护费多少`, `项目多少个，平均得分`; questions.json asking_nouns)."""
    return bool(_ASKS.search(clause)) or clause.rstrip("，,、？?。 ").endswith(tuple(question_words()["asking_nouns"]))


def _asking_clauses(piece: str) -> list[str]:
    """A question split where a comma closes a clause that asks (花了多少钱，接待了多少人): a clause that asks
    nothing (2019年，) stays with the one after it, a trailing one with the one before."""
    out, held = [], ""
    for clause in _CLAUSE_ENDS.split(piece):
        held += clause
        if _asks(clause):
            out.append(held.rstrip("，,、 "))
            held = ""
    if held.strip("，,、？? "):
        if out:
            out[-1] += held
        else:
            out.append(held)
    return out or [piece]


_QUOTED = re.compile(r"[“\"「『《]([^“”\"「」『』《》]{2,40})[”\"」』》]")
_STASH = "\ue000"  # a private-use character: no question word, year or punctuation rule touches it


def stash_quoted(topic: str) -> tuple[str, list[str]]:
    """The topic with each quoted name (“…”, 「…」, 《…》) set aside, and the names in order."""
    quoted: list[str] = []

    def stash(m: re.Match) -> str:
        quoted.append(m.group(1))
        return f" {_STASH}{chr(0xE001 + len(quoted) - 1)} "
    return _QUOTED.sub(stash, topic), quoted


def restore_quoted(topic: str, quoted: Sequence[str]) -> str:
    for i, name in enumerate(quoted):
        topic = topic.replace(f"{_STASH}{chr(0xE001 + i)}", name)
    return topic


def said_in_full(question: str) -> str:
    """The question with the short words people use for a comparison written out (questions.json said_for: 超编 ->
    在职人数超过编制数), so the operation words that read it apply."""
    for short, full in sorted(question_words()["said_for"].items(), key=lambda p: longest_first(p[0])):
        question = question.replace(short, full)
    return question


def sub_questions(text: str) -> tuple[str, ...]:
    """The questions asked in turn (公务接待费是多少？一共接待了多少人？), each naming its own item; () when
    there is one, or when a later one only works on the figures of the first (多多少？增长率多少？两家加起来一共多少？)."""
    pieces = [c for p in _PART_OPENS.split(text) if p.strip() for c in _asking_clauses(p.strip())]
    # `服务类有多少？货物类呢？`: a later question that only names its item asks what the first one asked
    pieces = [pieces[0], *(_ELLIPSIS.sub(r"多少\1", p) if not _ASKS.search(p) else p for p in pieces[1:])] if pieces else []
    while len(pieces) > 1 and not _asks(pieces[-1]):  # …几辆？江苏省高级人民法院2019年: the scope, said last
        pieces = [*pieces[:-2], pieces[-2] + pieces[-1]]
    # 学前、小学、初中这几项，哪项最少: a clause naming the set (这几项, 这些) asks nothing of its own
    for k in range(len(pieces) - 2, -1, -1):
        if _NAMES_THE_SET.search(pieces[k]):
            pieces[k:k + 2] = [f"{pieces[k]}，{pieces[k + 1]}"]
    # 最低的是哪项、执行率多少: the measure the rows are read by, asked of the row just asked for, goes with it
    first = parse_operation(pieces[0]) if pieces else None
    for k in range(len(pieces) - 1, 1, -1):
        later = parse_operation(pieces[k])
        if first.derived and later.derived == first.derived and later.function is None and not names_own_item(pieces[k]) \
                and parse_operation(pieces[k - 1]).function in _ROW_FUNCTIONS:
            pieces[k - 1:k + 1] = [f"{pieces[k - 1]}，{pieces[k]}"]
    if len(pieces) < 2 or not all(_asks(p) for p in pieces):
        return ()
    if not all(names_own_item(p) or another_operation(pieces[0], p) or another_measure(pieces[0], p)
               or _count_and_money(pieces[0], p) or _another_count(pieces[0], p) for p in pieces[1:]) \
            or any(answer_shape(p)[0] != "figure" for p in pieces):
        return ()  # (a purpose or a list asked after a figure is answered with the figure's passage)
    return tuple(pieces)


_ROW_FUNCTIONS = ("count", "max", "min", "rank", "filter", "avg")
#: a clause ending by pointing at the set it has just named (学前、小学、初中这几项)
_NAMES_THE_SET = re.compile(r"(?:这|那)(?:几|些)(?:个|项|类|笔|块)?(?:里|中|当中|之中)?[，,]?$")


def another_operation(first: str, later: str) -> bool:
    """Whether a later question asks another operation over the first one's rows (`哪个项级科目最多？超过200万元
    的有几个？`): it is asked of the same rows in turn, not of the first one's figures."""
    a, b = parse_operation(first), parse_operation(later)
    return b.function in _ROW_FUNCTIONS and a.function in _ROW_FUNCTIONS and (a.function, a.threshold) != (b.function, b.threshold)


def another_measure(first: str, later: str) -> bool:
    """Whether a later question asks another measure of the first one's item (`有多少钱没执行掉？执行率是多少？`):
    both computed from the item's own figures by the formula table, so each is answered of that item in turn.
    (A change's amount and rate are one change, stated together.)"""
    a, b = parse_operation(first).derived, parse_operation(later).derived
    own = {name for name, f in formulas().formulas.items() if all(r.a and r.b for r in f.readings)}
    return (a in own or a is None) and b in own and a != b and {a, b} != {"增减额", "增减率"}


def sums_the_rows(first: str, later: str) -> bool:
    """Whether a later question asks the total of the rows the first one counts or lists by a condition
    (`不到100万元的项目有几个？预算合计多少？`): it is the first question's rows summed, condition kept."""
    a, b = parse_operation(first), parse_operation(later)
    # (合计压减了多少: a sum of the rows' changes, read as a change asked)
    summed = b.function == "sum" or b.function is None and b.derived == "增减额" and \
        any(w in later for w in operation_words()["functions"]["sum"])
    return summed and b.threshold is None and a.function in ("count", "filter") \
        and (a.threshold is not None or a.level is not None)


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
    rest = piece
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


def _more_kinds(text: str, first: str) -> tuple[str, ...]:
    """Kinds of figure asked by other clauses of a question than the first kind: `有多少个项目…？涉及预算金额
    多少？` asks a count and an amount."""
    figure_words = question_words()["figure_words"]
    kinds = []
    for clause in re.split(r"[，,？?；;。]", text):
        if any(w in clause for w in figure_words):
            kind = _named_kind(clause)  # (高出多少 names no kind: it asks the first one's)
            if kind and kind != first and kind not in kinds:
                kinds.append(kind)
    if not kinds:  # 项目个数和资金总额: nouns naming a count and an amount, asked together
        nouns = question_words()["figure_nouns"]
        named = [k for k in ("count", "amount") if any(w in text for w in nouns[k])]
        kinds = [k for k in named if k != first] if len(named) == 2 else []
    return tuple(kinds)


def names_a_kind(text: str) -> bool:
    """Whether a question says which kind of figure it asks: a rate, a count, or money."""
    return _named_kind(text) is not None


def _named_kind(text: str) -> str | None:
    """The kind of figure the question's words name (percent / count / amount), or None when they name none."""
    words = question_words()
    units = words["count_units"]
    if any(w in text for w in words["rate_words"]):
        return "percent"
    if any(w in text for w in words["score_words"]):  # 得分多少: a score, printed as a number of 分
        return "count"
    counted = "多少(?:" + "|".join(units) + ")"
    # 几个科目加起来一共多少: a later bare 多少 is what is asked, 几 only says which items
    few, many = text.rfind("几"), text.rfind("多少")
    later_many = many > few >= 0 and not re.match(counted, text[many:]) and not re.search("[，,。？?；;]", text[few:many])
    # a count noun the asking word follows (个数是多少, 数量多少) asks a count, whatever money the item names
    count_asked = "(?:" + "|".join(map(re.escape, words["figure_nouns"]["count"])) + ")(?:是|为|有)?多少"
    if "几" in text and not later_many or re.search(counted, text) or any(w in text for w in words["unit_count_nouns"]) \
            or re.search(count_asked, text):
        return "count"
    return "amount" if later_many or any(w in text for w in words["money_words"]) else None


def answer_shape(text: str) -> tuple[str, str, str | None]:
    """(form, figure kind, money unit asked) of a question — see `data/questions.json`."""
    words = question_words()
    form = "figure"
    nouns = words["figure_nouns"]
    if not any(w in text for w in (*words["figure_words"], *nouns["count"], *nouns["amount"])):
        form = next((f for f, ws in words["answer_forms"].items() if any(find_cue(w, text) for w in ws)), "figure")
    elif any(find_cue(w, text) for w in words["answer_forms"]["reason"]):
        form = "reason"  # 为什么少了多少: the reason is what is asked, its figure comes with it
    kind = _named_kind(text) or "count"  # a question naming no money at all (接待了多少国内来访团组) asks how many
    money = "|".join(words["money_units"])
    m = re.search(f"(?:{'|'.join(words['unit_asked'])})\\s*({money})|({money})(?:计|为单位)", text)
    return form, kind, (m.group(1) or m.group(2)) if m else None
