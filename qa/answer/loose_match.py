"""The lookup's matches of last resort, tried when no report name is said whole in the question: items listed and
each matched alone (`match_members`), every name holding the one said for a sum (`match_containing`), one name said
in parts with words between (`match_spread`), a count said in the unit one item alone is counted in
(`match_by_unit`); and a unit said short, read by the longer name that states the kind of
figure asked (`unit_named_in_full`)."""
from __future__ import annotations

import re
from dataclasses import replace
from typing import Iterable, Sequence

from ..lexicon import terms
from ..models import Fact
from ..search.shape import find_terms
from ..text.chars import BRACKETED, squash
from .columns import TABLE_WORDS_MIN, common_run
from .completion import figure_kind_of
from .listed_rows import _bigrams
from .match import Match, _in_order, _strip_words, match_question
from .said_names import operation_free
from .pick import CONTEXT_WORDS, split_context


#: a count summing up the list just named (这三个, 三项): the words after it say what kind of items they are
_LIST_COUNT = re.compile(r"(?:这|那|以上|上述)?[二两三四五六七八九十几\d]+(?:个|项|类|笔|家|部分)")
_LIST_SPLIT = re.compile(r"[\s、，,；;]+")
#: a bracket listing items (四个专项（科技创新、生命健康…）; the topic keeps spaces for 、): its items are members;
#: a bracket of one name's own (专项（政策资金）) is not split
_LISTED_IN_BRACKETS = re.compile(r"[（(]([^（）()]*[、，,\s][^（）()]*)[)）]")


def match_members(topic: str, subjects: Iterable[str], prefer: Iterable[str] = ()) -> Match | None:
    """Items listed (`生命健康、商业创新、贸易高质量发展这三个政策资金专项`), each matched alone: the Match of
    every member when each names exactly one subject of its own; None otherwise. A member that ends in a
    context word (基本支出中) says where the items are, not one of them; `B和C` is two members when B and C
    each match and the whole does not."""
    subjects = set(subjects)
    vocab = terms()
    # (四个专项合计预算: the measure said after the operation word is no member; nor the unit of 合计多少人次)
    said = [a for m in vocab["measures"].values() for a in m["aliases"]] + list(vocab["bare_measures"]) + vocab["filler"] \
        + list(vocab["counts"])
    listed = _LISTED_IN_BRACKETS.sub(r"、\1、", operation_free(topic))
    parts = [p for p in _LIST_SPLIT.split(listed) if p and squash(_strip_words(p, said))]
    # 监测四类人员一共 人: the count closing the list (and the words after it) is no member
    at = next((k for k in range(len(parts) - 1, max(len(parts) - 3, -1), -1) if _LIST_COUNT.search(parts[k])), None)
    if at is not None and at > 0:
        parts = [*parts[:at], parts[at][: _LIST_COUNT.search(parts[at]).start()]]
    if len(parts) > 2 and _LIST_COUNT.search(parts[0]):  # 四个专项（科技创新、…）: the list named before its members
        parts = parts[1:]
    # (初中 ends in 中 but is a name: a context word ends a place said of two characters or more)
    parts = [p for p in parts if p and not re.search(f"..(?:{CONTEXT_WORDS})$", p)]
    # (three or more members, the last two perhaps joined by 和: A、B和C)
    several = len(parts) > 2 or len(parts) == 2 and re.search("[和及与]", parts[1]) is not None
    chosen = _each_member(parts, listed, subjects, prefer, several, lead_in=False)
    if chosen is None and several:  # (普陀商务委 项目经费说明介绍 科技创新、生命健康…: words leading up to the list)
        chosen = _each_member(parts, listed, subjects, prefer, several, lead_in=True)
    if chosen is None or len(chosen) < 2 or len(set(chosen)) < len(chosen):
        return None
    return Match(tuple(chosen), ())


def _each_member(parts: list[str], listed: str, subjects: set[str], prefer: Iterable[str], several: bool,
                 lead_in: bool) -> list[str] | None:
    """The subject of each part in turn, or None when one names none. With `lead_in`, the parts said before the
    first member, each followed by a space, that name nothing whole are words leading up to the list, skipped."""
    chosen: list[str] = []
    for k, part in enumerate(parts):
        got = _one_subject(part, subjects, prefer)
        if lead_in and got is None and not chosen and re.match(
                r"\s*" + r"\s+".join(map(re.escape, parts[: k + 1])) + r"\s+[^\s、，,；;]", listed):
            continue
        # (the first member carries the words that lead up to the list: 在省医保信息平台标识的农村低保、特困…)
        for cut in range(1, len(part) - 1) if got is None and not chosen and several else ():
            got = _one_subject(part[cut:], subjects, prefer)
            if got is not None:
                break
        if got is None and re.search("[和及与]", part):
            halves = [_one_subject(h, subjects, prefer) for h in re.split("[和及与]", part)]
            got = None if None in halves else halves
        if got is None:
            return None
        chosen += [got] if isinstance(got, str) else got
    return chosen


#: the most subjects a sum asked of a name they all hold adds
CONTAINING_MAX = 6


def match_containing(item: str, subjects: Iterable[str]) -> Match | None:
    """Every subject holding the item's name when no subject is that name (`支持总部经济一共安排多少`: 区级支持总部经济
    and 市级支持总部经济), for a sum asked of it; None unless 2 to CONTAINING_MAX of them, each named once (a name
    holding another of them is left out)."""
    vocab = terms()
    said = [a for m in vocab["measures"].values() for a in m["aliases"]] + list(vocab["bare_measures"])
    noise = [*vocab["filler"], *vocab["question_words"], *vocab["counts"]]
    # (an aside in brackets, and the context before 里 / 中 — 贸易高质量发展专项里 — say no more of the name)
    named = BRACKETED.sub("", operation_free(item))
    named = re.split(f"(?:{CONTEXT_WORDS})", named)[-1]
    core = squash(_strip_words(_strip_words(named, said), noise))
    subjects = set(subjects)
    if len(core) < 4 or core in subjects:
        return None
    holding = [t for t in subjects if core in t]
    holding = sorted(t for t in holding if not any(o != t and o in t for o in holding))
    # items of one kind name it alike: all after their own word (区级支持总部经济) or all before it (政府采购服务);
    # a mix (政府采购金额, 面向中小企业预留政府采购…) is no set of parts
    alike = all(t.endswith(core) for t in holding) or all(t.startswith(core) for t in holding)
    return Match(tuple(holding), ()) if alike and 2 <= len(holding) <= CONTAINING_MAX else None


def _one_subject(name: str, subjects: set[str], prefer: Iterable[str]) -> str | None:
    got = match_question(name, subjects, prefer) if len(squash(name)) >= 2 else None
    return got.subjects[0] if got is not None and not got.alternatives and len(got.subjects) == 1 else None


#: the fewest characters of a report's name said with other words between them (举报…奖励费)
SPREAD_MIN = 5


def match_spread(item: str, subjects: Iterable[str]) -> Match | None:
    """The report's name (SPREAD_MIN characters or more) whose characters the item says in order with words between
    (给举报欺诈骗保的人安排的奖励费: 举报奖励费), when exactly one is the longest such, with the measures the item
    names; else None. The last resort of a lookup: a name said whole is matched before."""
    core = squash(item)
    spread = [s for s in subjects if len(s) >= SPREAD_MIN and _in_order(s, core)]
    longest = [s for s in spread if len(s) == max(map(len, spread))] if spread else []
    if len(longest) != 1:
        return None
    vocab = terms()
    words = {a: name for name, m in vocab["measures"].items() for a in m["aliases"]}
    (named,) = find_terms(core, {k: {"aliases": [a for a, n in words.items() if n == k]} for k in dict.fromkeys(words.values())})
    return Match((longest[0],), tuple(named))


def match_by_unit(item: str, facts: Sequence[Fact], units: Sequence[str]) -> Match | None:
    """A count asked in a unit (杂志办刊经费每期计划印多少册) that one item alone of the table the question names is
    counted in (每期印刷数量 900册 of 《北京审计》杂志办刊经费绩效指标), when the item's name shares a word with the
    question: the user's own words for it, matched by what it counts. None when no unit is said, the question names
    no table, or several of its items are counted in it."""
    named = {t for t in {f.table for f in facts if f.table} if len(common_run(squash(item), squash(t))) >= TABLE_WORDS_MIN}
    counted = {f.subject for f in facts if f.unit in units and f.table in named}
    if len(counted) != 1:
        return None
    (subject,) = counted
    return Match((subject,), ()) if _bigrams(item) & _bigrams(subject) else None


def unit_named_in_full(match: Match, facts: Sequence[Fact], kind: str, stating: set[str], item: str = "") -> Match:
    """A subject whose figures are all of another kind than asked (市委讲师团离退休人员, 3人, an amount asked of
    市委讲师团) read as the longer name of the same unit that states that kind (中共西安市委理论讲师团: the words the
    question said of the subject, in order, ending as they do), when the report has one."""
    fits = {f.subject for f in facts if fits_kind(f, kind)}
    said = squash(item)
    named = []
    for u in match.subjects:
        # (the subject's words the question said: 委讲师团 of 市委讲师团离退休人员, 市 read with the region 西安市)
        run = common_run(u, said) if u not in fits else u
        u = run if len(run) >= 3 and 0 <= u.find(run) <= 1 else u
        longer = [s for s in fits if s != u and _in_order(u, s) and s.endswith(u[-2:])]
        if u in fits or not longer:
            return match
        named.append(min(longer, key=lambda s: (s not in stating, len(s), s)))
    return replace(match, subjects=tuple(named))


def fits_kind(f: Fact, kind: str) -> bool:
    """Whether a fact's unit is of the kind of figure asked (元/人 is an amount: the unit before the slash)."""
    return figure_kind_of((f.unit or "").split("/")[0] or None) == kind


def match_after_context(item: str, subjects: Iterable[str]) -> Match | None:
    """The item said after a context that names no subject (整体绩效自评里商品和服务支出的调整预算数: where the asker
    saw it, in words no table is titled by), matched alone; None when the item names no context."""
    pieces = split_context(item)
    rest = pieces[-1].strip() if len(pieces) >= 3 else ""
    return match_question(rest, subjects) if len(squash(rest)) >= 2 else None
