"""A clause asking several things by 分别 / 各 (编制数和在职人数分别是多少, 行政运行和行政单位医疗的基本支出各是
多少) as one question each."""
from __future__ import annotations

import re
from functools import lru_cache

from ..lexicon import departments, question_words, terms
from ..text.chars import longest_first
from .named import joined_names


#: 分别 / 各 before the asking words: the names joined before it are asked one by one (编制数和在职人数分别是多少)
_EACH = re.compile(r"(?:分别|各自|各)(?=(?:是|为|有|占|达到?|安排了?|花了?)?\s*(?:多少|几|百分之几))")
_JOINERS = re.compile(r"以及|[和及与、]")
_YEAR_SAID = re.compile(r"(?:19|20)\d{2}\s*年|[上去今本明]年")


def asked_each(clause: str) -> tuple[str, ...]:
    """A clause asking several figures of one thing by 分别 / 各 (`江苏省人大常委会2017年的编制数和在编在职人数分别
    是多少`) as one question each: the first name keeps the words before it, and a later one gets the words
    before the first name's own head (`…2017年的`; `青山区医保局2022年` before 调整预算数 in `调整预算数和执行数`).
    Names that say their own measure (`政府采购的预算数和项目支出的占比`) or share the words after the last one
    (`行政运行和行政单位医疗的基本支出`) are asked each with those words (`_with_own_words`). () when the names are
    years or organisations (`2018年和2019年的三公经费`, `信访局和审计局的车辆`: reports compared, not figures of one
    report), or when the first name's head is not found."""
    m = _EACH.search(clause)
    if m is None:
        return ()
    body, ask = clause[:m.start()], clause[m.end():]
    start = max(body.rfind(c) for c in "，,；;：:") + 1
    lead, joined = body[:start], body[start:]
    # 社会保障和就业支出, 商品和服务: 和 inside a name (or the words around it, as said short) joins nothing
    inside = sorted({w for n in joined_names() for w in (n, *_joiner_cores(n)) if w in joined}, key=longest_first)
    kept = {f"\x00{i}\x00": n for i, n in enumerate(inside)}
    for mark, name in kept.items():
        joined = joined.replace(name, mark)
    names = _JOINERS.split(joined)
    for mark, name in kept.items():
        names = [n.replace(mark, name) for n in names]
    if len(names) < 2 or any(len(re.sub(r"[^\u4e00-\u9fff]", "", n)) < 2 for n in names):
        return ()
    if any(_YEAR_SAID.search(_before_own_de(n)) for n in names[1:]):
        return ()  # 2018年和2019年的三公经费: years compared (X的上年执行数: what X's name asks, no year compared)
    if any("的" in n for n in names[1:]):
        return _with_own_words(lead, names, ask)
    units = question_words()["count_units"]
    if any(n.strip().rstrip("数") in units for n in names):
        return ()  # 批次和人次: one count in two units, stated together (接待10批次、152人次)
    before = _before_head(names[0])
    if before is None:  # 行政运行、行政单位医疗基本支出: the measure said once, after the last name
        return _with_own_words(lead, names, ask)
    return (f"{lead}{names[0]}{ask}", *(f"{lead}{before}{n}{ask}" for n in names[1:]))


def _joiner_cores(name: str) -> tuple[str, ...]:
    """The words around each 和 / 及 / 与 inside a name, two characters each side (商品和服务支出 -> 商品和服务)."""
    return tuple(name[max(0, m.start() - 2):m.end() + 2] for m in re.finditer(r"[和及与]", name))


def _before_head(name: str) -> str | None:
    """The words of a name before the item or measure it ends with (`青山区医保局2022年调整预算数` ->
    `青山区医保局2022年`; `司法办公室的编制数` -> `司法办公室的`), or None when it ends with neither."""
    for word in _head_words():
        m = re.search(f"{re.escape(word)}(?:数|额|金额)?$", name)
        if m and m.start() > 0:
            return name[:m.start()]
    if "的" in name.rstrip("的"):
        return name[:name.rstrip("的").rfind("的") + 1]
    return None


@lru_cache(maxsize=1)
def _head_words() -> tuple[str, ...]:
    """The lexicon's items and measures by every name it gives them, longest first (no gapped cues)."""
    vocab = terms()
    words = {w for group in (vocab["items"], vocab["measures"]) for key, entry in group.items()
             for w in (key, *entry["aliases"]) if "…" not in w and len(w) >= 2}
    return tuple(sorted(words, key=longest_first))


@lru_cache(maxsize=1)
def _column_words() -> tuple[str, ...]:
    """Words naming a figure of any row, not a row (预算数, 决算数, 基本支出, 财政拨款): said once after the last of
    several names, they are said of each; longest first. (合计 is left out: `A、B合计` also says "in all".)"""
    measures = {w for key, entry in terms()["measures"].items() for w in (key, *entry["aliases"]) if "…" not in w}
    words = measures | set(question_words()["bracketed_contexts"])
    return tuple(sorted((w for w in words if len(w) >= 2), key=longest_first))


def _before_own_de(name: str) -> str:
    """A name's words before its own 的 (科普活动的上年执行数 -> 科普活动); the name when it has none."""
    return name[:name.find("的")] if "的" in name else name


#: a name ending like a place: the names are reports compared (青山区和洪山区的…), not things of one report
_PLACE_END = re.compile(r"(?:省|市|区|县|州|旗|镇|乡|街道)$")


def _names_org(name: str) -> bool:
    """Whether a name ends like an organisation (局, 委员会, 办事处; 甲局 and 法院 said short too)."""
    return len(name) >= 2 and name.endswith(departments().org_suffixes)


#: a name ending with these says where what follows 的 stands (…事务下的行政运行)
_WITHIN = ("下", "中", "里", "内")


def _with_own_words(lead: str, names: list[str], ask: str) -> tuple[str, ...]:
    """Names joined before 分别 / 各 whose last one says words of its own — after its 的, or a measure or column
    it ends with (`_column_words`): each name asked with the words after its own 的, or, saying none, with the last
    name's (`A和B的基本支出` -> A的基本支出, B的基本支出; `A、B基本支出` -> A基本支出, B基本支出). A later name gets the
    words before the first name's subject that end with its year (`…2025年`). () when the last name says no words
    of its own, or a subject is an organisation or a place (reports compared)."""
    last = names[-1]
    if last in joined_names() or last in _head_words():
        return ()  # (对个人和家庭的补助: a name with 的 of its own shares none of its words)
    cut = last.rfind("的")
    head = next((w for w in _column_words() if last.endswith(w) and len(last) > len(w) + 1), None)
    shared = last[cut:] if cut > 0 else head
    if not shared or not shared.strip("的 "):
        return ()
    # (a year said after the first name's own 的 is part of what it asks, 科普活动的上年执行数: no words to share)
    years = list(_YEAR_SAID.finditer(_before_own_de(names[0])))
    end = years[-1].end() if years else 0
    before = names[0][:end + names[0][end:].startswith("度")] if years else ""
    subjects = [n[len(before):] if k == 0 else n for k, n in enumerate(names)]
    subjects = [n[:n.rfind("的")] if "的" in n else n for n in subjects]
    subjects[-1] = subjects[-1] if cut > 0 else last[:-len(shared)]
    if any(not s or _names_org(s) or _PLACE_END.search(s) or s.endswith(_WITHIN) for s in subjects):
        return ()  # (…事务下的“行政运行”: the words before 的 say where the thing is, not a thing of its own)
    own = [n if "的" in n or k == len(names) - 1 else f"{n}{shared}" for k, n in enumerate(names)]
    return (f"{lead}{own[0]}{ask}", *(f"{lead}{before}{n}{ask}" for n in own[1:]))
