"""The parts a share's part names together (区级和市级支持总部经济一共占…, 工资福利加对个人和家庭补助一共占…): each
item found, the list as the question said it, and whether the sum is asked on its own before its share."""
from __future__ import annotations

import re
from typing import Sequence

from ..lexicon.formula_table import operation_words
from ..models import Fact
from ..text.chars import in_order, squash
from .one_report import find_amount
from .share_words import split_share


def named_together(question: str, name: str, facts: Sequence[Fact]) -> list[Fact]:
    """The amounts of the parts a share's part names together, when the question sums them (一共, 合计): each
    member said whole (基本支出和项目支出) or by its own qualifier before a name the last one says in full
    (区级和市级支持总部经济: 区级支持总部经济, 市级支持总部经济), each printed under that name; [] otherwise."""
    if not any(w in question for w in operation_words()["functions"]["sum"]):
        return []
    split = _split_members(_LIST_CLOSE.sub("", squash(name)), facts)
    if split:
        return split
    members = [m for m in re.split(r"以及|[和与及、，,]", _LIST_CLOSE.sub("", squash(name))) if m]
    if len(members) < 2:
        return []
    last = members[-1]
    # (a qualifier said alone stands for the head of the last member: the rest of that name is its own too)
    names = [m + last[len(m):] if len(m) < len(last) else m for m in members[:-1]] + [last]
    found = [find_amount(n, facts) for n in names]
    if any(f is None or f.subject != n for f, n in zip(found, names)) or len({f.subject for f in found}) < len(found):
        return []
    return [f for f in found if f is not None]


#: the words joining the items a sum names (A和B, A、B, A加B, A加上B), not the 加 of a word (增加, 附加, 加班)
_JOINERS = re.compile(r"以及|(?:再)?加上|(?<![增参附追施])加(?![班强快大])|[和与及、，,]")
#: the most joiners tried as cuts between items (each subset of them is tried)
MAX_JOINERS = 4


def _split_members(text: str, facts: Sequence[Fact]) -> list[Fact]:
    """The items a sum names, cut at some of its joiners so that each piece is, in order, an item of its own
    (工资福利加对个人和家庭补助, 工资福利支出和对个人和家庭的补助: 和 inside a name is no cut): the most pieces that
    all are; [] when no cut gives two or more."""
    cuts = [m.span() for m in _JOINERS.finditer(text)]
    if not cuts or len(cuts) > MAX_JOINERS:
        return []
    best: list[Fact] = []
    for chosen in range(1, 1 << len(cuts)):
        spans = [c for i, c in enumerate(cuts) if chosen >> i & 1]
        pieces = [text[a:b] for a, b in zip([0, *(e for _, e in spans)], [*(s for s, _ in spans), len(text)])]
        if len(pieces) <= len(best) or any(len(p) < 2 for p in pieces):
            continue
        found = [find_amount(p, facts) for p in pieces]
        if all(f is not None and in_order(p, f.subject) for f, p in zip(found, pieces)) \
                and len({f.subject for f in found if f is not None}) == len(found):
            best = [f for f in found if f is not None]
    return best


#: the count and sum words closing a list of parts (人大立法、人大监督、代表工作三项合计)
_LIST_CLOSE = re.compile(r"(?:[两三四五六七八九十几]+(?:项|个|类|笔|块))?的?(?:合计|加起来|一共|总共|共计|之和|总和|加总)?"
                         r"(?:是|有|为)?(?:多少)?[？?，,]?$")  # (加起来多少？占…: the sum asked before its share)


def sum_asked(question: str) -> bool:
    """Whether a sum is asked in a clause of its own, before the share of it (加起来一共多少？占…)."""
    words = "|".join(map(re.escape, operation_words()["functions"]["sum"]))
    return re.search(rf"(?:{words})[^？?，,。；;]{{0,4}}多少[？?，,；;]", question) is not None


def as_listed(question: str, part_name: str) -> str:
    """The share's part as the question lists it, separators kept (the topic joins 人大立法、人大监督 into one run),
    when the question holds its words in that order; the part as read otherwise."""
    listed = split_share(question)[1]
    # (黄陂区…2024年基本工资、津贴补贴和奖金加起来多少: the part's own words, the scope and the asking left out)
    kept = [(k, c) for k, c in enumerate(listed) if c not in "、，, \t\n"]
    at = "".join(c for _, c in kept).find(squash(part_name))
    if at < 0 or not squash(part_name):
        return part_name
    return listed[kept[at][0]:kept[at + len(squash(part_name)) - 1][0] + 1]
