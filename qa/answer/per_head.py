"""Per-head figures (人均培训费, 平均每接待一人次花多少钱, 每辆车的运行维护费): an amount the report states
divided by a count it states (人, 人次, 批次, 辆), with the formula and both inputs cited.

The count is the one the question's count word asks for (data/formulas.json, 人均: per, per_words). The pair
comes from one sentence when the narrative states both (`公务接待费453.53万元，…接待总人数41427人次`); else
the amount of the item the question names and the one count of the asked unit whose name the question's words
share. A report that prints the per-head figure itself is answered by the lookup path, not recomputed here.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Sequence

from ..lexicon import question_words
from ..lexicon.formula_table import formulas
from ..models import Answer, Fact, Figure
from ..search.query import Query
from ..store.index import Index
from ..text.chars import CJK_RE, longest_first
from ..text.numbers import AMOUNT_UNITS, to_wan
from .columns import common_run
from .derived import fmt
from .listed_rows import _bigrams
from .pick import focus_of
from .match import Statement, match_question
from .said_names import operation_free
from .statements import _citations, _prefer_narrative, _report_name, without_report

@lru_cache(maxsize=1)
def _divisor_clause() -> re.Pattern[str]:
    """The clause naming a per-head figure's divisor (按计划培训人数算, 按人数计算; questions.json per_head_divisor):
    it names the count, not the amount's item."""
    words = question_words()["per_head_divisor"]
    opens, closes = ("|".join(map(re.escape, sorted(words[k], key=longest_first))) for k in ("opens", "closes"))
    return re.compile(f"(?:{opens})[\u4e00-\u9fff]{{0,12}}?(?:{closes})")


#: characters of a count's name that say nothing of what is counted
#: (按…算: the words of a divisor clause; 的 names nothing; 万元 is the unit an amount is asked in, 100万元以上的设备
#: a bound on what is counted)
_COUNT_WORDS = set("人数次批辆名总计共累个实际按算的万元")

#: characters of an amount's name that say it is money, not what it is spent on (经费, 费用, 资金, 支出)
_MONEY_CHARS = set("经费用资金款支出额")


@lru_cache(maxsize=1)
def _count_word_re() -> re.Pattern:
    words = sorted(formulas().per_counts, key=longest_first)
    nouns = sorted(question_words()["counted_nouns"], key=longest_first)
    # 每接待一人次, 每个在职人员 (a few words of what is counted between), 平均一人次; with the word for sharing out
    # before it (摊到每辆车) and the noun counted after it (每辆车, 每名人员), which name no amount
    return re.compile(r"(?:[分平均]?摊到)?(?:每(?:[一1]|个|位)?[\u4e00-\u9fff]{0,4}?|平均[一1])("
                      + "|".join(map(re.escape, words)) + ")(?:" + "|".join(map(re.escape, nouns)) + ")?")


@lru_cache(maxsize=1)
def _each_noun_re() -> re.Pattern:
    """每 (个, 位, 名) right before a counted noun (questions.json counted_nouns: 每个编制, 每辆车)."""
    nouns = sorted(question_words()["counted_nouns"], key=longest_first)
    return re.compile(r"每(?:[一1]|个|位|名)?(" + "|".join(map(re.escape, nouns)) + ")")


def asked_counts(text: str) -> tuple[str, ...]:
    """The count units a per-head question divides by, best first (`平均每接待一人次` -> 人次, 人), or ()."""
    table = formulas()
    for word, count in table.per_words.items():
        if word in text:
            return table.per_counts[count]
    # 平均每个编制摊多少: a counted noun right after 每 (个) is counted in its own unit (编制: 人), not in 个
    m = _each_noun_re().search(text)
    unit = question_words()["counted_nouns"][m.group(1)] if m else None
    if unit in table.per_counts:
        return table.per_counts[unit]
    m = _count_word_re().search(text)
    return table.per_counts[m.group(1)] if m else ()


def _amount_words(item: str) -> str:
    """The words naming the amount divided: without the clause naming the divisor (按在职人数算) and the words of
    the division itself (平均每接待一人次, 人均), which name the count (公务接待平均每接待一人次花了: 公务接待)."""
    words = operation_free(_count_word_re().sub(" ", _divisor_clause().sub(" ", item)))
    cues = sorted((c for c in (*formulas().formulas["人均"].cues, "平均") if "…" not in c), key=longest_first)
    # (花了多少元: the unit the figure is asked in names no amount)
    return re.sub("|".join([*map(re.escape, cues), "万元", "元", "钱"]), " ", words)


def _shared(name: str, text: str) -> int:
    """Characters of a count's name, its counting words aside, that the question has (接待总人数: 接, 待)."""
    return sum(1 for ch in set(_naming(name)) if ch in text)


def answer_per_head(question: str, query: Query, item: str, facts: Sequence[Fact], doc: dict,
                    index: Index) -> Answer | None:
    units = asked_counts(query.text)
    if not units:
        return None
    counts = [f for f in facts if _rank(f.unit, units) is not None and f.value > 0]
    amounts = [f for f in facts if f.unit in AMOUNT_UNITS and f.value > 0 and f.measure not in ("增减额",)]
    if not amounts:
        return None
    given = _GIVEN_DIVISOR.search(query.text)
    item = _GIVEN_DIVISOR.sub(" ", item)  # (按5000名辅警来算: the asker's count, no words of the amount)
    # (平均每接待一人次花多少钱: the division's words may be all that names the amount; else without them)
    words = _amount_words(item)
    # (财政拨款基本支出里的人员经费: the amount after the context word names the figure)
    stripped, names = _divisor_clause().sub(" ", operation_free(item)), {f.subject for f in amounts}
    focus = focus_of(stripped)
    named = (match_question(focus, names) if focus != stripped else None) or match_question(stripped, names) or (
        match_question(words, names) if len(CJK_RE.findall(words)) >= 2 else None)
    subjects = set(named.subjects) if named is not None else set()
    if any(w in s for s in subjects for w in (*formulas().per_words, "平均")):
        return None  # the report prints the per-head figure itself: a lookup
    if not any(_BUYING.search(s) for s in subjects):  # (拟更新购置2辆公务用车: cars to be bought, no divisor of their
        counts = [c for c in counts if not _to_be_bought(c)]  # running costs; 17台 held are)
    if given is not None and subjects:  # 按5000名辅警来算: the count the asker gives divides the amount named
        return _over_given(question, query, [a for a in amounts if a.subject in subjects], given, doc, index)
    # the counts' names are compared with the clause naming the divisor when there is one (按在职实有人数算), else
    # with the item's words (the department's name is no word of what is counted)
    divisor = _divisor_clause().search(item)
    said = divisor.group(0) if divisor else item
    if len(subjects) > 1 and _joined(item, subjects):  # 人均人员经费和人均公用经费各是多少: each amount the
        # question names over its own count
        each = [_pair(counts, amounts, {s}, units, said) for s in sorted(subjects, key=item.find)]
        if all(each):
            return _answer(question, query, [p for p in each if p], doc, index)
    pair = _pair(counts, amounts, subjects, units, said)
    if pair is None:
        return _no_divisor(question, query, counts, amounts, subjects, units, said)
    return _answer(question, query, [pair], doc, index)


#: words saying things are bought (拟更新购置2辆, 新增配置): a count of them divides only what buying them costs
_BUYING = re.compile(r"购置|购买|采购|新增|配置|更新")


def _to_be_bought(count: Fact) -> bool:
    """Whether a count is of things to be bought: a buying word within a few characters before its figure."""
    m = re.search(rf"{re.escape(fmt(count.value))}\s*{re.escape(count.unit or '')}", count.quote or "")
    return m is not None and _BUYING.search((count.quote or "")[max(0, m.start() - 6): m.start()]) is not None


#: a count the question gives to divide by (按全年管理5000名辅警来算, 按3000人计算): its number and unit
_GIVEN_DIVISOR = re.compile(r"按[^，,。？?；;]{0,12}?(\d[\d,]*(?:\.\d+)?)\s*(人次|名|人|辆|台|个|户|次|批次|家)"
                            r"[^，,。？?；;]{0,8}?(?:来算|计算|来计算|算|计)")


def _over_given(question: str, query: Query, amounts: Sequence[Fact], given: re.Match[str], doc: dict,
                index: Index) -> Answer | None:
    """The amount named ÷ the count the question gives, with the formula; the amount cited (the count is the
    asker's, said as such). None when the report states no amount of the item."""
    amount = _prefer_narrative(amounts)[0] if amounts else None
    if amount is None:
        return None
    count = Figure(float(given.group(1).replace(",", "")), given.group(2), "问题所给数")
    divided, per, formula = _divided(amount, count, query.unit == "万元", query.unit is None)
    figures = (Figure(amount.value, amount.unit, amount.subject), *divided)
    st = Statement(doc["doc_id"], amount.subject, amount.measure, amount.value, amount.unit, (amount,))
    text = (f"{_report_name(index, doc['doc_id'])}：{amount.subject}{fmt(amount.value)}{amount.unit}，按问题所给"
            f"{fmt(count.value)}{count.unit}平摊，平均每{count.unit}{per}（{formula}）。")
    return Answer(question=question, found=True, text=text, figures=figures, citations=tuple(_citations([st], index)),
                  method="facts")


def _joined(item: str, subjects: set[str]) -> bool:
    """Whether the item names each subject, one after another joined by 和, 与, 及 or 、 (培训费和会议费), not one
    word of another's sentence (医疗救助…拨付)."""
    at = sorted((item.find(s), s) for s in subjects)
    return at[0][0] >= 0 and all(re.search(r"[和与及、]", item[a + len(s):b]) for (a, s), (b, _) in zip(at, at[1:]))


def _pair(counts: Sequence[Fact], amounts: Sequence[Fact], subjects: set[str], units: Sequence[str],
          said: str) -> tuple[Fact, Fact] | None:
    """The amount and the count that divides it: stated in one sentence, else named apart; None when none is."""
    if not counts:
        return None
    return _in_one_sentence(counts, amounts, subjects, units, said) or _named_apart(counts, amounts, subjects, units, said)


def _answer(question: str, query: Query, pairs: Sequence[tuple[Fact, Fact]], doc: dict, index: Index) -> Answer:
    """Each amount ÷ its count, with the formula and both inputs cited, one clause per pair."""
    doc_id = doc["doc_id"]
    stated: list[Statement] = []
    figures: tuple[Figure, ...] = ()
    said = []
    for amount, count in pairs:
        # (several pairs: each in the unit the amount is printed in, so the answer states no more figures than asked)
        wan = query.unit == "万元" or len(pairs) > 1 and query.unit is None and amount.unit == "万元"
        divided, per, formula = _divided(amount, count, wan, query.unit is None and len(pairs) == 1)
        stated += [Statement(doc_id, amount.subject, amount.measure, amount.value, amount.unit, (amount,)),
                   Statement(doc_id, count.subject, count.measure, count.value, count.unit, (count,))]
        figures += (Figure(amount.value, amount.unit, amount.subject), Figure(count.value, count.unit, count.subject),
                    *divided)
        said.append(f"{amount.subject}{fmt(amount.value)}{amount.unit}，{count.subject}{fmt(count.value)}{count.unit}；"
                    f"平均每{count.unit}{per}（{formula}）")
    text = f"{_report_name(index, doc_id)}：{'；'.join(said)}。"
    return Answer(question=question, found=True, text=text, figures=figures,
                  citations=tuple(dict.fromkeys(_citations(stated, index))), method="facts")


def _no_divisor(question: str, query: Query, counts: Sequence[Fact], amounts: Sequence[Fact], subjects: set[str],
                units: Sequence[str], said: str) -> Answer | None:
    """A per-head figure of an amount the report states, with no count it states that could divide it (人均人员经费
    of a report printing no head count): not found, saying so, with no figure; None when some count might (the
    lookup path then answers), or the question asks a limit the report prints (每人每年控制在多少以内)."""
    mine = [a for a in amounts if a.subject in subjects]
    if not mine or any(w in query.text for w in question_words()["per_head_limits"]):
        return None
    if any(_shared(c.subject, said) for c in _divisors(counts, mine[0].subject, said)[0]):  # (counts: of the units asked)
        return None
    counted = units[0].split("|")[0]
    return Answer(question=question, found=False, method="facts",
                  text=f"未找到答案。报告列出了{mine[0].subject}，但没有列出可以平摊它的{counted}数，算不出平均每{counted}的数额。")


def _divided(amount: Fact, count: Fact | Figure, wan: bool, wan_beside: bool) -> tuple[tuple[Figure, ...], str, str]:
    """(the per-head figures — in 元 or 万元, and in 万元 beside when `_per_unit` says it —, how it is said, the
    formula) of amount ÷ count."""
    value, unit, formula, per, in_wan = _per_unit(amount, count, wan, wan_beside)
    label = f"{amount.subject}平均每{count.unit}"
    beside = (Figure(in_wan, f"万元/{count.unit}", label, formula),) if in_wan is not None else ()
    return (Figure(value, unit, label, formula), *beside), per, formula


def _per_unit(amount: Fact | Figure, count: Fact | Figure, wan: bool,
              wan_beside: bool) -> tuple[float, str, str, str, float | None]:
    """amount ÷ count: (value, unit, formula, how it is said, the value in 万元 said beside it or None). In 元 unless
    `wan` asks 万元; when `wan_beside`, an amount printed in 万元 that comes to a 万元 or more a head is said in 万元
    too, with 元 beside it (below that 元 reads better)."""
    yuan = to_wan(amount.value, amount.unit) * 10_000
    value = round(yuan / count.value / (10_000 if wan else 1), 2)
    unit = f"{'万元' if wan else '元'}/{count.unit}"
    # (the amount as the report prints it: a 万元 amount written out in 元 adds a figure the answer never states)
    formula = f"{fmt(amount.value)}{amount.unit or '元'} ÷ {fmt(count.value)}{count.unit} = {fmt(value)}{unit}"
    said = f"{fmt(value)}{unit.split('/')[0]}"
    in_wan = round(yuan / count.value / 10_000, 2) \
        if wan_beside and amount.unit == "万元" and not wan and value >= 10_000 else None
    return value, unit, formula, said if in_wan is None else f"{fmt(in_wan)}万元，合{said}", in_wan


def _in_one_sentence(counts: Sequence[Fact], amounts: Sequence[Fact], subjects: set[str], units: Sequence[str],
                     text: str) -> tuple[Fact, Fact] | None:
    """A count and an amount one narrative sentence states: the amount named by the question, or the
    sentence's one amount when the question's words name the count."""
    best: tuple[tuple, tuple[Fact, Fact]] | None = None
    for c in counts:
        if c.table is not None:
            continue
        said = [a for a in amounts if a.quote == c.quote and a.table is None]
        for a in said:
            named = a.subject in subjects
            if not named and (subjects or len(said) > 1 or not _shared(c.subject, text)):
                continue  # (the question names an amount this sentence does not state: another sentence's pair)
            rank = (not named, _rank(c.unit, units), -_shared(c.subject, text), a.quote.find(a.subject))
            if best is None or rank < best[0]:
                best = (rank, (a, c))
    return best[1] if best else None


def _naming(name: str) -> str:
    """A count's name without its counting words (实有人员 -> 有员): what it says of what is counted."""
    return "".join(ch for ch in name if ch not in _COUNT_WORDS)


def _printed_name(count: Fact) -> str:
    """The words the quote prints right before a count (在职实有人数 of `在职实有人数56人`, which the fact may name
    实有人员), or ""."""
    m = re.search(rf"([\u4e00-\u9fff]{{1,8}})\s*{re.escape(fmt(count.value))}\s*{re.escape(count.unit or '')}",
                  count.quote or "")
    return m.group(1) if m else ""


def _closeness(count: Fact, text: str) -> tuple[int, int]:
    """How closely a count's name follows the question's words: the longest run it shares (of its name, or of the
    words its quote prints before it), then how many characters (实有人员 shares 实有 with 在职实有人数; 预警人员
    only 员)."""
    run = max(len(common_run(_naming(count.subject), text)), len(common_run(_naming(_printed_name(count)), text)))
    return run, _shared(count.subject, text)


def _named_apart(counts: Sequence[Fact], amounts: Sequence[Fact], subjects: set[str], units: Sequence[str],
                 text: str) -> tuple[Fact, Fact] | None:
    """The named item's amount and the one count of the best asked unit whose name shares most of the question's
    words."""
    mine = _prefer_narrative([a for a in amounts if a.subject in subjects])
    if not mine:
        return None
    counts, text = _divisors(counts, mine[0].subject, text)
    for rank in range(len(units)):
        close = {id(c): _closeness(c, text) for c in counts if _rank(c.unit, units) == rank and _shared(c.subject, text)}
        fitting = [c for c in counts if id(c) in close and close[id(c)] == max(close.values())]
        if len({c.value for c in fitting}) > 1:  # 共有车辆66辆，其中一般公务用车13辆: the whole its parts add up to
            fitting = [c for c in fitting if _whole_of_its_sentence(c, counts)] or fitting
        if len({c.value for c in fitting}) > 1:  # 有17台车，照这个数算: the count whose figure the question states
            said = {float(n) for n in re.findall(r"\d+(?:\.\d+)?", text)}
            fitting = [c for c in fitting if c.value in said] or fitting
        if len({c.value for c in fitting}) > 1:  # 截至2025年底…共有车辆17台: the count stated in the question's words
            overlap = {id(c): len(_bigrams(text) & _bigrams(c.quote or "")) for c in fitting}
            fitting = [c for c in fitting if overlap[id(c)] == max(overlap.values())]
        values = {c.value for c in fitting}
        if len(values) == 1:
            return mine[0], fitting[0]
        if fitting:
            return None  # several counts of the asked kind: which one is not for this path to guess
    return None


def _divisors(counts: Sequence[Fact], amount: str, text: str) -> tuple[list[Fact], str]:
    """The counts that may divide the named amount, and the words that name them: the question's words other than
    the amount's own name (公务用车运行维护费 says nothing of which count divides it: 公务用车2辆 are to be bought),
    unless no count shares them; then the amount's name, its money words aside (人员 of 人员经费 names 实有人员; 费
    names no 参保缴费人数)."""
    rest = text.replace(amount, " ")
    if any(_shared(c.subject, rest) for c in counts):
        return list(counts), rest
    named_by = set(amount) - _MONEY_CHARS
    return [c for c in counts if named_by & set(_naming(c.subject))], text


def _rank(unit: str | None, units: Sequence[str]) -> int | None:
    """Where a count's unit stands among the units asked, best first (`辆|台`: two units of one rank), or None."""
    return next((k for k, u in enumerate(units) if unit in u.split("|")), None)


def _whole_of_its_sentence(count: Fact, counts: Sequence[Fact]) -> bool:
    """A count its sentence splits into parts stated beside it (共有车辆66辆，其中一般公务用车13辆、执法执勤用车38辆、
    特种专业技术用车15辆: 66 = 13 + 38 + 15)."""
    parts = [c.value for c in counts if c is not count and c.quote == count.quote and c.unit == count.unit]
    return len(parts) >= 2 and abs(sum(parts) - count.value) < 1e-6


def per_head_of_answered(part: str, answers: Sequence[Answer]) -> Answer | None:
    """A later part asking a per-head figure of what the parts before it answered (多少辆车？运行维护费多少？摊到每辆车
    上是多少？): the last amount stated ÷ the one count stated in the unit asked, with its formula; cited as those
    answers are. None when the part asks no per-head figure, or the answers state no amount or no one such count."""
    units = asked_counts(part)
    if not units:
        return None
    counts = [(f, a) for a in answers for f in a.figures if f.formula is None and _rank(f.unit, units) is not None
              and f.value > 0]
    best = min((_rank(f.unit, units) for f, _ in counts), default=None)
    counts = [(f, a) for f, a in counts if _rank(f.unit, units) == best]
    # (the amount: the first one the latest answer stating amounts states, its main reading)
    amounts = next(([(f, a) for f in a.figures if f.unit in AMOUNT_UNITS and f.value > 0][:1]
                    for a in reversed(answers) if any(f.unit in AMOUNT_UNITS for f in a.figures)), [])
    if len({f.value for f, _ in counts}) != 1 or not amounts:
        return None
    (count, counted), (amount, summed) = counts[0], amounts[0]
    value, unit, formula, per, _ = _per_unit(amount, count, "万元" in part, True)
    # (a figure's label may open with its report's title: the answers before this one name the report)
    what, of = (without_report(f.label) for f in (amount, count))
    text = f"{what} {fmt(amount.value)}{amount.unit} ÷ {of} {fmt(count.value)}{count.unit}：平均每{count.unit} {per}（{formula}）。"
    cited = tuple(dict.fromkeys((*summed.citations, *counted.citations)))
    return Answer(question=part, found=True, text=text, figures=(Figure(value, unit, f"{what}平均每{count.unit}", formula),),
                  citations=cited, method="facts")
