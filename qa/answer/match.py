"""Matching a question to facts: the item it names against the subjects the reports state, and the measures it asks for."""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Iterable, Sequence

from ..lexicon import cues, question_words
from ..lexicon.formula_table import formulas, operation_words
from ..facts.labels import TABLE_MEASURES
from ..models import Fact
from ..search.query import terms
from ..search.shape import find_terms, listed_measures
from ..text.chars import in_order, longest_first, squash, without_cue
from .pick import context_spans, without_context
from .said_names import alias_in_full, head_shared, inside_a_subject, named_in_brackets

#: comparative words that make a question over several reports a comparison
_COMPARE = ("哪个", "哪一个", "对比", "比较", "更多", "更少", "最高", "最低", "最多", "最少", "各区县", "各区", "各县", "分别")
_HIGHER = ("更多", "最多", "最高", "更高", "较多", "最大")
_LOWER = ("更少", "最少", "最低", "更低", "较少", "最小")
#: a subject this generic is never the item by itself
_GENERIC = {"支出", "收入", "合计", "总计", "小计", "预算", "决算", "经费", "资金", "项目"}


@dataclass(frozen=True)
class Statement:
    """One stated figure: value, label, the facts it rests on, and a formula when computed."""

    doc_id: str
    subject: str
    measure: str
    value: float
    unit: str | None
    facts: tuple[Fact, ...]
    formula: str | None = None
    conflict: bool = False
    row: bool = False  # one of several rows of a table that share the subject's name (a separate item)
    shown: str | None = None  # what the text says of a long formula (`5项相加，各项见引用`); the formula when None

    @classmethod
    def of(cls, f: Fact) -> "Statement":
        """The statement of one fact as the report states it."""
        return cls(f.doc_id, f.subject, f.measure, f.value, f.unit, (f,))


def _strip_words(text: str, words: Iterable[str]) -> str:
    for w in sorted(set(words), key=longest_first):
        text = without_cue(w, text)
    return text


@dataclass(frozen=True)
class Match:
    """The item(s) a question asks about and the measures it asks for."""

    subjects: tuple[str, ...]
    measures: tuple[str, ...]  # measure names of terms.json (执行率, 增减, …)
    alternatives: bool = False  # subjects are candidates in preference order: the first that answers


#: what a comparison of two measures of one item leaves once the measures are read (支出比全年预算少 -> 支出比少)
_COMPARED_TAIL = re.compile(r"比[多少高低涨降增减]?$")

#: the share of the question's item (measure and filler words aside) that may stay unexplained by the
#: matched subjects, when none of those words is a word of the reports' own items. Calibrated in the fifth
#: session on the tunable sets (a c e f g p r, gold): 0.34 -> 0.6 -> 1.0 gained 4 of the paraphrases (在…上,
#: 安排得, 准备花的钱) and lost nothing, every unanswerable question still refused; above 1.0 nothing changes
LEFTOVER_SHARE = 1.0


def match_question(item: str, subjects: Iterable[str], prefer: Iterable[str] = (), _own_name: bool | None = None) -> Match | None:
    """Find the subjects the item names and the measures named by what is left of it.

    Subjects contained in the item are taken longest first (so `城乡医疗救助` wins over `医疗救助`, and
    `人员经费和公用经费` gives both); a subject that contains the item (or its characters in order) is the
    fall-back; an item that names only a measure (`预算总额`) asks for the report's total. Whatever the
    subjects and measure words do not explain must be filler; otherwise the question is about something
    the facts do not hold, and there is no match.

    An item that is a subject's own name and also a user's word for another (支出总额, 支出合计) is read both ways
    and matches both; `_own_name` is that reading's switch (True: the report's name only, False: the lexicon's).
    """
    vocab = terms()
    item = head_shared(named_in_brackets(squash(item), subjects), subjects)
    measure_words = {a: name for name, m in vocab["measures"].items() for a in m["aliases"]}
    measure_words.update(vocab["bare_measures"])
    alias = _subject_aliases()
    noise = vocab["question_words"] + list(vocab["counts"])
    filler = [w for w in vocab["filler"] if w not in alias] + noise
    # a subject that is itself a measure or filler word is extraction noise, never the item
    subjects = {s for s in subjects if len(s) >= 2 and s not in _GENERIC and s not in measure_words and s not in filler}

    singles = {w for w in vocab["counts"] if len(w) == 1}

    def strip(text: str) -> str:  # 收入里其他收入: a context word (里, 中) is no part of a name either
        # (人 of 人员经费: a one-character counting word inside three characters of a report's name is that name's)
        text = "".join(ch for ch in text if ord(ch) < _KEEP)  # (the code points that stand for kept characters)
        kept = {i: chr(_KEEP + i) for i, ch in enumerate(text) if ch in singles and any(
            len(run) == 3 and any(run in t for t in subjects)
            for run in (text[i:i + 3], text[max(i - 1, 0):i + 2], text[max(i - 2, 0):i + 1]))}
        masked = "".join(kept.get(i, ch) for i, ch in enumerate(text))
        out = _COMPARED_TAIL.sub("", without_context(_strip_words(_strip_words(masked, measure_words), filler)))
        return "".join(text[ord(ch) - _KEEP] if ord(ch) >= _KEEP else ch for ch in out)

    # 支出总额 is a user's word for 支出合计; a report naming an item so states it under its own name too: both
    # are readings of what was asked (9056.48 and 8726.43), the report's own name first
    said_as_named = item in subjects and _own_name
    if item in subjects and _own_name is None:
        aliased = match_question(item, subjects, prefer, _own_name=False)
        own = match_question(item, subjects, prefer, _own_name=True)
        if own is not None and aliased is not None and aliased != own and not aliased.alternatives \
                and aliased.measures == own.measures:
            return replace(own, subjects=tuple(dict.fromkeys(own.subjects + aliased.subjects)))
        return own or aliased
    for a in sorted((a for a in alias if len(a) >= 4 and a in item and not said_as_named
                     and not inside_a_subject(item, a, subjects)), key=len, reverse=True):
        item = item.replace(a, alias[a])  # 公车经费预算: a user's phrase as said, before 经费 is read as a measure
    bare = strip(item)
    if bare in alias and not said_as_named:  # the whole item is a user word for a subject (`车`, `在职人员`, `收入`)
        target = alias[bare]
        if target not in subjects:  # 收入, 总收入: the report's own total of it (收入总计, 本年收入合计)
            side = re.sub(r"(?:合计|总计)$", "", target)
            target = next((t for t in vocab["total_subjects"] if (bare in t or side in t) and t in subjects), target)
        item = item.replace(bare, target, 1)
    for a, canonical in sorted(alias.items(), key=lambda p: (-len(p[0]), p[0])):
        # 出差和开会 -> 差旅费和会议费; a word that is part of a report's own item name (三公, 收入) is left alone
        # (在职人员 inside 实际在编在职人员, a report's own item said in full: no user word)
        if a in item and not said_as_named and (len(a) >= 3 or a not in canonical and not any(a in s for s in subjects)) \
                and not inside_a_subject(item, a, subjects):
            item = alias_in_full(item, a, canonical)
    for canonical, entry in vocab["items"].items():  # 收支预算总计 -> 收支总计: the lexicon's longer names of a subject
        said = next((a for a in sorted(entry["aliases"], key=len, reverse=True) if len(a) >= 4 and a in item
                     and not inside_a_subject(item, a, subjects)), None)
        if canonical in subjects and canonical not in item:
            item = item.replace(said, canonical) if said else item
        elif said and entry.get("stated_as") and not any(a in subjects for a in (canonical, *entry["aliases"])):
            # 收支总计 of a report printing 收入总计 only
            instead = next((t for t in entry["stated_as"] if t in subjects), None)
            item = item.replace(said, instead) if instead and instead not in item else item

    # 服务类采购: an item said as reports write it (cues.json narrative_subjects, the lexicon extraction reads)
    for canon, written in _narrative_names():
        if canon in subjects and canon not in item:
            said = written.search(item)
            if said and len(said.group(0)) >= 4 and not any(said.group(0) in t for t in subjects if t != canon) \
                    and not any(w in canon and w not in said.group(0) for w in vocab["optional_words"]):  # (read below)
                item = item.replace(said.group(0), canon)
    core_len = max(len(strip(item)), 1)
    vocabulary = "|".join(subjects)  # the words of the reports' own 科目 and items

    def measures_of(rest: str) -> tuple[str, ...] | None:
        # (in the lexicon's order, not a set's: the measures named come out in the same order every run)
        groups = {k: {"aliases": [a for a, n in measure_words.items() if n == k]} for k in dict.fromkeys(measure_words.values())}
        (named,) = find_terms(rest, groups)
        named += [m for m in listed_measures(rest, vocab["measures"]) if m not in named]  # 目标和实际各是多少
        leftover = _said_of(squash(_strip_words(strip(rest), vocab["filler"])),
                            [a for a, n in measure_words.items() if n in named]
                            + [w for m in named for w in vocab["measures"].get(m, {}).get("listed_as", ())])
        # words the subjects and measures do not explain are tolerated up to a share of the item when they
        # are the user's own words (这一项); a word the reports' 科目 use (城乡 of 城乡医疗救助) names another item
        if len(leftover) <= 1:
            return tuple(named)
        own = "|".join(chosen)  # 给退休人员发退休费: the chosen item's own words, said again, name no other item
        if len(leftover) > LEFTOVER_SHARE * core_len or any(
                leftover[i : i + 2] in vocabulary and leftover[i : i + 2] not in own for i in range(len(leftover) - 1)):
            return None
        return tuple(named)

    chosen: list[str] = []
    rest = item
    nouns = "|".join((*operation_words()["row_nouns"], *operation_words()["item_suffixes"]))
    def covered(s: str) -> int:  # 高等教育支出: 高等教育 with its suffix explains more than 教育支出
        m = re.search(f"{re.escape(s)}(?:{nouns})?", item)
        return len(m.group(0)) if m else len(s)

    # (of names covering as much of the item, 其他人大事务支出 and 其他人大事务, one stating the measure asked first)
    stating = set(prefer)
    for s in sorted((s for s in subjects if s in item), key=lambda s: (-covered(s), s not in stating, longest_first(s))):
        if s in rest:
            chosen.append(s)
            # 全国信访信息系统维护费项目, 高等教育支出: the kind of row said after its name names no other item
            rest = re.sub(f"{re.escape(s)}(?:{nouns})?", " ", rest)
    # 信息化运行维护项目的财政拨款: one item named in two pieces, the second qualifying the first
    for a, b in [(a, b) for a in chosen for b in chosen if a != b and a + b in subjects]:
        gap = item[item.find(a) + len(a):item.find(b)] if item.find(a) < item.find(b) else None
        if a in chosen and b in chosen and gap is not None and re.fullmatch(r"(?:项目|的|之)*", gap):
            chosen[chosen.index(a)] = a + b
            chosen.remove(b)
    # 政府采购预算里服务类采购: a name said first as the context of a longer one holding it is that one's context
    chosen = [a for a in chosen if not any(
        a != b and a in b and 0 <= item.find(a) < item.find(b) and not re.search("[和与及、]", item[item.find(a):item.find(b)])
        for b in chosen)]
    # 一般公共预算机关运行经费: a fund (terms.json fund_scopes) said right before another item is where that item is
    # paid from, no item asked (一般公共预算和机关运行经费: two)
    chosen = [a for a in chosen if not (a in vocab["fund_scopes"] and any(
        b != a and item.find(b) == (end := item.find(a) + len(a)) + (item[end:end + 1] == "的") for b in chosen))]
    # 政府采购预算表里，…物业管理费: a name said before the last context word, with another named after it, is the
    # context of that one, no item asked (with 和/与/及 between them: two items)
    # (一般行政管理事务支出里，基本支出和项目支出: a row, and its columns named after it: both asked)
    spans = context_spans(item)
    after = [b for b in chosen if spans and item.find(b) >= spans[-1][1]]
    if after and len(chosen) > 1 and not any(b in TABLE_MEASURES for b in after):
        chosen = [a for a in chosen if not (item.find(a) + len(a) <= spans[-1][0]
                                            and not re.search("[和与及、]", item[item.find(a):spans[-1][0]]))]
    named = measures_of(rest) if chosen else None
    if named is None and chosen:  # 政府采购…服务类: the item with the words that qualify it (政府采购服务)
        qualified = _qualified(chosen, strip(rest), subjects, vocabulary)
        if qualified is not None:
            chosen, rest = qualified[0], rest.replace(qualified[1], " ")
            named = measures_of(rest)
    if named is not None:
        return Match(tuple(sorted(chosen, key=lambda s: _first_at(item, s))), named)
    core = strip(item)
    if len(core) >= 2:
        if core in operation_words()["row_nouns"]:  # 项目 alone names 项目支出, never 项目成本控制 (这个项目的得分)
            around = [s for s in subjects if s in {core + x for x in operation_words()["item_suffixes"]}]
        else:
            around = [s for s in subjects if core in s] or [s for s in subjects if _in_order(core, s)]
        kind = re.sub(f"(?:{nouns})$", "", core)  # 打击欺诈骗保项目: the kind of row said after the name
        if not around and len(kind) >= 4 and kind != core:  # (a name, not 项目 of 项目支出)
            around = [s for s in subjects if kind in s] or [s for s in subjects if _in_order(kind, s)]
        if not around and len(core) >= 5 and core[:2] not in vocabulary:
            # 国内公务接待: a qualifier of two characters, no word of the reports' items, said before the name
            around = [s for s in subjects if s.startswith(core[2:]) and len(core) >= 6]
        # 住房方面的支出: a 类 named by the words it opens with (住房保障支出), before the 款 and 项 holding them
        opening = [s for s in around if s in _class_names() and s.startswith(re.sub("(?:支出|经费|费用)$", "", core))]
        around = opening if len(opening) == 1 else around
        shortest = [s for s in around if len(s) == min(map(len, around))]
        if len(shortest) > 1:  # equally close: those that state the measure asked (人数, not 个数) break the tie
            shortest = [s for s in shortest if s in set(prefer)] or shortest
        if len(shortest) > 1:  # …培训人次 and …培训场次, 人次 asked: the one ending in the counting unit asked
            units = [u for u in question_words()["count_units"] if len(u) >= 2 and u in item]
            shortest = [s for s in shortest if any(s.endswith(u) for u in units)] or shortest
        sides = [f"{core}收入", f"{core}支出"]
        if sorted(shortest) == sorted(sides):  # 财政拨款 alone: its 收入 and its 支出, each a reading of its own
            named = measures_of(_without(item, core, filler))
            if named is not None:
                return Match(tuple(sides), named)
        if len(shortest) > 1:  # 总计 alone: the report's own total (收支总计 before 收入总计)
            shortest = [t for t in vocab["total_subjects"] if t in shortest][:1] or shortest
        if len(shortest) == 1:  # several equally close subjects: the facts cannot tell which is meant
            named = measures_of(_without(item, core, filler))
            if named is not None:
                return Match((shortest[0],), named)
    elif not chosen and not _names_an_item(item):  # only measure words: the report's total (花了多少钱: of what it spent)
        totals = [s for s in vocab["total_subjects"] if s in subjects]
        sides = [side for side, words in vocab["total_sides"].items() if any(w in item for w in words)]
        if len(sides) == 1 and sides[0] != item:  # read as the side's own word (支出: 支出合计, as a user says it)
            return match_question(sides[0], subjects, prefer)
        named = measures_of(item)
        if totals and named is not None:
            return Match(tuple(totals), named, alternatives=True)
    # 一般公共预算财政拨款 asked of a report writing 一般公共预算拨款: a word names leave in or out (terms.json)
    for word in vocab["optional_words"]:
        if word in item:
            return match_question(item.replace(word, ""), subjects, prefer)
        # and 一般公共预算拨款支出 asked of a report writing 一般公共预算财政拨款支出: its names read without the word
        written = {t.replace(word, ""): t for t in subjects if word in t and t.replace(word, "") not in subjects}
        got = match_question(item, (subjects - set(written.values())) | set(written), prefer) if written else None
        if got is not None:
            return replace(got, subjects=tuple(written.get(t, t) for t in got.subjects))
    # 一般公共预算“三公”经费 of a report printing 三公经费: the fund said before the item (terms.json fund_scopes); a
    # side alone after it (一般公共预算支出) is no item printed without it
    # (一般公共预算财政拨款: the fund's own name, with a word names leave in or out after it)
    for word in vocab["fund_scopes"]:
        if word in item and strip(item.replace(word, "")) not in vocab["total_sides"] \
                and not any(word + w in item for w in (*vocab["optional_words"], "拨款")):
            got = match_question(item.replace(word, ""), subjects, prefer)
            if got is not None:
                return got
    # 打击欺诈骗保工作经费 of a report printing 打击欺诈骗保费用: the money word closing a name (cues.json label_heads,
    # with questions.json label_head_leads before it) is said one way or another; the words before it name the item
    heads = "|".join(map(re.escape, sorted(cues().label_heads, key=len, reverse=True)))
    leads = "|".join(map(re.escape, question_words()["label_head_leads"]))
    # (the last such word with nothing but measure words after it: 打击欺诈骗保工作经费预算)
    head = next((m for m in reversed(list(re.finditer(rf"(?:{leads})?(?:{heads})", item)))
                 if not strip(item[m.end():])), None)
    core = strip(item[: head.start()]) if head is not None else ""
    if len(core) >= HEADLESS_MIN:
        got = match_question(item[: head.start()] + item[head.end():], subjects, prefer)
        # (only a name holding those words in order: 中央 of `…来自上级（中央、省、市）的资金` is one of several said)
        if got is not None and not got.alternatives and all(in_order(core, s) for s in got.subjects):
            return got
    return None


#: the fewest characters a name must keep once the money word closing it is taken off
HEADLESS_MIN = 4


def _said_of(leftover: str, aliases: Sequence[str]) -> str:
    """The leftover words without those that are part of a named measure's own names: a measure said in pieces
    (绩效自评…打分 for 绩效自评得分 and 打分) is explained by the measure."""
    pairs = {a[i : i + 2] for a in aliases for i in range(len(a) - 1)}
    covered = {j for i in range(len(leftover) - 1) if leftover[i : i + 2] in pairs for j in (i, i + 1)}
    return "".join(ch for j, ch in enumerate(leftover) if j not in covered)


def _without(item: str, core: str, noise: Sequence[str]) -> str:
    """The item without its core. A core read by stripping a count word or a filler from inside a name (人 of
    人代会, 年 of 职业年金) is taken out around that word; any other gap (a measure word stripped: 预算 of 一般公共预算财政拨款) leaves the
    item whole, so that the words it holds are not read as explained."""
    if core in item:
        return item.replace(core, " ")
    for word in noise:
        for at in (m.start() for m in re.finditer(re.escape(word), item)):
            joined = item[:at] + item[at + len(word):]
            if core in joined:
                return joined.replace(core, " ", 1)
    joined = _strip_words(item, noise)  # (社保就业方面的支出: two fillers inside, 方面 and 的)
    return joined.replace(core, " ", 1) if core in joined else item


@lru_cache(maxsize=1)
def _class_names() -> frozenset[str]:
    """The names of the national 类 of 政府收支分类科目 (formulas.json class_codes: 住房保障支出, 卫生健康支出 …)."""
    return frozenset((*formulas().class_codes.values(), *formulas().former_class_names))


@lru_cache(maxsize=1)
def _subject_aliases() -> dict[str, str]:
    """A user's word -> the report's item (terms.json subject_aliases), and the year's totals as the narrative reader
    reads them (cues.json totals: 本年收入 is 收入合计); built once, not for every match."""
    return {**cues().totals, **terms()["subject_aliases"]}


@lru_cache(maxsize=1)
def _narrative_names() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """Each item of cues.json narrative_subjects with one pattern matching any way reports write it."""
    return tuple((canon, re.compile("|".join(f"(?:{p})" for p in patterns))) for canon, patterns in cues().narrative_subjects)


def _qualified(chosen: list[str], leftover: str, subjects: Iterable[str],
               vocabulary: str) -> tuple[list[str], str] | None:
    """The chosen item named again with the words left over that name other items' parts (服务 of
    政府采购服务, 人大事务 of 人大事务行政运行): the one shortest subject holding the chosen item and every such
    word. Returns (the items with it in place of the chosen one, the words it explains), or None."""
    leftover = squash(leftover)
    at = [i for i in range(len(leftover) - 1) if leftover[i : i + 2] in vocabulary]
    if not at:
        return None
    pairs = [leftover[i : i + 2] for i in at]
    words = leftover[at[0] : at[-1] + 2]
    for s in chosen:
        longer = [t for t in subjects if s in t and t != s and all(p in t.replace(s, " ") for p in pairs)]
        shortest = [t for t in longer if len(t) == min(map(len, longer))]
        if len(shortest) == 1:  # (another item the longer name holds, 事业单位 of 机关事业单位职业年金缴费支出, is
            # a piece of it, no item of its own)
            return [shortest[0] if x == s else x for x in chosen if x == s or x not in shortest[0]], words
    return None


def _first_at(item: str, subject: str) -> int:
    """Where a subject is named in the item; a qualified one (政府采购服务) where its first part is."""
    at = item.find(subject)
    return at if at >= 0 else min((item.find(subject[:k]) for k in range(len(subject), 1, -1) if subject[:k] in item),
                                  default=len(item))


#: private-use code points standing for characters `strip` keeps (one for each position of the item)
_KEEP = 0xF0000


def _names_an_item(item: str) -> bool:
    """Whether the item says a lexicon item's name (terms.json items: 人员经费, whose 人 and 经费 are counting and
    filler words): no report total, though the report prints it under no subject of its own (a column of its
    tables' 合计 row)."""
    return any(len(a) >= 3 and a in item for name, entry in terms()["items"].items() for a in (name, *entry["aliases"]))


def _in_order(needle: str, hay: str) -> bool:
    """`in_order` for a needle of three characters or more (two characters in order say nothing)."""
    return len(needle) >= 3 and in_order(needle, hay)
