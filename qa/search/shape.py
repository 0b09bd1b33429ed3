"""What a question asks for, by its words: the kind of figure (a rate, a count, money), the form of answer (a
figure, a reason, a list, other text) and the money unit asked; and the lexicon names whose aliases it says."""
from __future__ import annotations

import re
from typing import Any, Iterable, Sequence

from ..lexicon import question_words
from ..text.chars import cue_spans, find_cue, longest_first


def find_terms(text: str, *tables: dict[str, Any], claimed: Iterable[tuple[int, int]] = ()) -> list[list[str]]:
    """Names whose aliases occur in text, per table. A longer alias claims its span first, so
    `完成年初预算的比例` counts as 执行率 and not also as 占比 (`比例`) or 预算数 (`年初预算`). An alias
    with `…` spans a few words between its parts (占…百分之). Spans already `claimed` (by the words asking a
    derived measure) hold no alias."""
    found: list[list[str]] = [[] for _ in tables]
    for _, _, t, name in _claimed_spans(text, tables, claimed):
        if name not in found[t]:
            found[t].append(name)
    return found


def term_spans(text: str, table: dict[str, Any]) -> list[tuple[int, int, str]]:
    """(start, end, name) of each alias of `table` in text, claimed as find_terms claims them, in the order said."""
    return sorted((start, end, name) for start, end, _, name in _claimed_spans(text, (table,), ()))


def _claimed_spans(text: str, tables: Sequence[dict[str, Any]], claimed: Iterable[tuple[int, int]]) -> list[tuple[int, int, int, str]]:
    """(start, end, table index, name) of each alias occurrence that claims its span, longest alias first."""
    hits = [(alias, t, name) for t, table in enumerate(tables) for name, entry in table.items() for alias in entry["aliases"]]
    taken = [False] * len(text)
    for start, end in claimed:
        taken[start:end] = [True] * (end - start)
    out = []
    for alias, t, name in sorted(hits, key=lambda h: -len(h[0])):
        for start, end in cue_spans(alias, text):
            if not any(taken[start:end]):
                taken[start:end] = [True] * (end - start)
                out.append((start, end, t, name))
    return out



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
    # the kind asked last: 参保率有多少分 asks a score (the rate names the indicator), 得分最低的执行率 a rate
    rate, score = (max((text.rfind(w) for w in words[k]), default=-1) for k in ("rate_words", "score_words"))
    if score > rate:  # 得分多少: a score, printed as a number of 分
        return "count"
    if rate >= 0:
        return "percent"
    counted = "多少(?:" + "|".join(units) + ")"
    # 几个科目加起来一共多少: a later bare 多少 is what is asked, 几 only says which items
    # (这几个医保局, 那几项: 几 names the set said, no count asked)
    asked_few = re.sub(r"[这那]几", "  ", text)
    few, many = asked_few.rfind("几"), text.rfind("多少")
    later_many = many > few >= 0 and not re.match(counted, text[many:]) and not re.search("[，,。？?；;]", text[few:many])
    # a count noun the asking word follows (个数是多少, 数量多少) asks a count, whatever money the item names
    count_asked = "(?:" + "|".join(map(re.escape, words["figure_nouns"]["count"])) + ")(?:是|为|有)?多少"
    # a count unit made a noun (人次数, 户数, 次数: 门诊救助人次数合计多少) names a count
    # (个数, 人数: count nouns of their own, read above with what follows them)
    known = {*words["figure_nouns"]["count"], *words["unit_count_nouns"]}
    unit_noun = "(?:" + "|".join(u for u in units if f"{u}数" not in known) + ")数(?![据字])"
    if "几" in asked_few and not later_many or re.search(counted, text) or any(w in text for w in words["unit_count_nouns"]) \
            or re.search(count_asked, text) or re.search(unit_noun, text):
        return "count"
    # (多少违规医保金: the noun asked closes with a money word no other word of it says)
    money_noun = re.search("多少[^，,。？?；;\\d]{0,8}(?:" + "|".join(words["money_endings"]) + ")(?=$|[，,。？?；;])", text)
    return "amount" if later_many or money_noun or any(w in text for w in words["money_words"]) else None


def answer_shape(text: str) -> tuple[str, str, str | None]:
    """(form, figure kind, money unit asked) of a question — see `data/questions.json`."""
    words = question_words()
    form = "figure"
    nouns = words["figure_nouns"]
    if not any(w in text for w in (*words["figure_words"], *nouns["count"], *nouns["amount"])):
        form = next((f for f, ws in words["answer_forms"].items() if any(find_cue(w, text) for w in ws)), "figure")
        if form == "list" and any(w in text for w in words["meaning_words"]):
            form = "text"  # (三公经费具体指哪几项费用: what a term means, which its glossary entry lists)
    elif any(find_cue(w, text) for w in words["answer_forms"]["reason"]):
        form = "reason"  # 为什么少了多少: the reason is what is asked, its figure comes with it
    kind = _named_kind(text) or "count"  # a question naming no money at all (接待了多少国内来访团组) asks how many
    money = "|".join(words["money_units"])
    m = re.search(f"(?:{'|'.join(words['unit_asked'])})\\s*({money})|({money})(?:计|为单位)", text)
    return form, kind, (m.group(1) or m.group(2)) if m else None


#: the words joining measures listed together (目标和实际)
_LISTED_JOIN = "和|与|、|及|跟|同"


def listed_measures(text: str, measures: dict[str, Any]) -> list[str]:
    """Measures named by words that name one only when listed beside another's (terms.json `listed_as`: 目标和实际各是
    多少 asks 目标值 and 实际完成值), in the order said."""
    heads = {w: name for name, entry in measures.items() for w in entry.get("listed_as", ())}
    if len(heads) < 2:
        return []
    word = "|".join(map(re.escape, sorted(heads, key=len, reverse=True)))
    out: list[str] = []
    for m in re.finditer(f"({word})(?:{_LISTED_JOIN})({word})", text):
        out += [heads[w] for w in m.groups() if heads[w] not in out]
    return out if len(set(out)) > 1 else []


def precision_said(text: str) -> re.Match[str] | None:
    """The words asking a figure to so many decimals (保留两位小数, 精确到小数点后2位; questions.json precision_asked),
    the count of decimals as group 1; None when the question asks none."""
    said = question_words()["precision_asked"]
    opens, closes = ("|".join(map(re.escape, sorted(said[k], key=longest_first))) for k in ("opens", "closes"))
    return re.search(rf"(?:{opens})\s*([0-9一二两三四五六])\s*(?:{closes})", text)
