"""The shape of an enumeration in a report's text: its markers (1、 / (1) / 一、 / （一）), what number a marker
gives, and whether a passage opens a list and gives at least its first two items."""
from __future__ import annotations

import re

# a colon, then a first enumerated item (`包括：1、…`, `如下：（一）…`, a bullet before the number allowed);
# a table's numbered notes (`注：1. 本表反映…`) are not a list that answers anything
_LIST_OPEN = re.compile(r"(?<!注)[：:]\s*(?:[-·•]\s*)?(?:1[、.．]|[（(]1[)）]|一、|[（(]一[)）])")
#: a colon after 包括 / 由 … 组成 / 如下, then at least three items separated by 、 in one sentence
_LIST_INLINE = re.compile(r"(?:包括|包含|组成|构成|分别为|如下)[：:][^。；]{2,}、[^。；]{2,}、")
_LIST_SECOND = re.compile(r"(?<![\d.．一二三四五六七八九十])(?:2[、.．](?!\d)|[（(]2[)）]|二、|[（(]二[)）])")
# an enumeration marker; the group that matched is the marker's style (1、 / (1) / 一、 / （一）)
_MARKER = r"(?:(\d{1,2})[、.．](?!\d)|[（(](\d{1,2})[)）]|([一二三四五六七八九十]{1,3})、|[（(]([一二三四五六七八九十]{1,3})[)）])"
ITEM_START = re.compile(r"^[-·•]?\s*" + _MARKER)  # at the start of a sentence
# anywhere inside a passage (lines are joined without a break): not inside a longer number
_ITEM_INSIDE = re.compile(r"(?<![\d.．一二三四五六七八九十])" + _MARKER)
_CN_DIGITS = "一二三四五六七八九"


def _item_marker(sentence: str) -> tuple[int, int] | None:
    """(style, number) of the enumeration marker a sentence opens with: `2、` -> (0, 2), `（三）` -> (3, 3)."""
    m = ITEM_START.match(sentence)
    return _marker_value(m) if m else None


def _marker_value(m: re.Match) -> tuple[int, int]:
    style = next(i for i, g in enumerate(m.groups()) if g)
    value = m.group(style + 1)
    if value.isdigit():
        return style, int(value)
    tens, _, ones = value.rpartition("十")  # 十 = 10, 十二 = 12, 二十三 = 23
    number = (_CN_DIGITS.index(tens) + 1 if tens else 1) * 10 if "十" in value else 0
    return style, number + (_CN_DIGITS.index(ones) + 1 if ones else 0)


def opens_list(text: str) -> bool:
    """True when `text` introduces an enumeration and gives at least its first two items — numbered
    (`包括：1、… 2、…`) or run together with 、 (`预算包括：局本级预算、局属…所预算、…中心预算`)."""
    m = _LIST_OPEN.search(text)
    return bool(m and _LIST_SECOND.search(text, m.end())) or bool(_LIST_INLINE.search(text))
