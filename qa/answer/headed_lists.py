"""Names a report numbers under a heading of their own (`（二）下属差额拨款事业单位` / `1、江苏省法官培训学院`): the
answer to a question that names that heading (下属差额拨款事业单位是哪一家), rather than a sentence listing every unit.

Read from the report's text chunks in order, so a list a chunk boundary cuts is read whole."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Sequence

from ..models import Chunk
from ..text.chars import squash

#: a heading numbered as a part of a section: （二）…, 二、…
_HEADING = re.compile(r"^\s*(?:[（(][一二三四五六七八九十]{1,3}[)）]|[一二三四五六七八九十]{1,3}[、.．])\s*"
                      r"([\u4e00-\u9fff“”（）()]{2,30}?)\s*[：:]?\s*$")
#: one numbered name under it: 1、…, 2.…
_ITEM = re.compile(r"^\s*\d{1,3}\s*[、.．]\s*([^\s，,。；;：:]{2,40})\s*$")
#: the fewest characters of a heading the question must write out
HEADING_MIN = 4


@dataclass(frozen=True)
class HeadedList:
    heading: str
    names: tuple[str, ...]
    chunks: tuple[Chunk, ...]

    def lines_in(self, chunk: Chunk) -> str:
        """The lines of one of its chunks that print its heading or names: what a citation of it quotes."""
        said = (self.heading, *self.names)
        return "\n".join(line.strip() for line in chunk.text.splitlines()
                         if line.strip() and any(w in line for w in said))


def headed_lists(chunks: Sequence[Chunk]) -> list[HeadedList]:
    """Every heading followed by numbered names (two or more lines, or one), in report order."""
    lines: list[tuple[str, Chunk]] = []
    seen: set[str] = set()
    for c in chunks:
        for line in c.text.splitlines():
            key = f"{c.page}|{line.strip()}"  # (chunks may repeat a line at their edges)
            if line.strip() and key not in seen:
                seen.add(key)
                lines.append((line, c))
    out: list[HeadedList] = []
    k = 0
    while k < len(lines):
        head = _HEADING.match(lines[k][0])
        if head is None:
            k += 1
            continue
        names, cited, j = [], [lines[k][1]], k + 1
        while j < len(lines) and (item := _ITEM.match(lines[j][0])):
            names.append(item.group(1))
            cited.append(lines[j][1])
            j += 1
        if names:
            out.append(HeadedList(head.group(1), tuple(names), tuple(dict.fromkeys(cited))))
        k = max(j, k + 1)
    return out


def lists_named(question: str, chunks: Sequence[Chunk]) -> list[HeadedList]:
    """The headed lists whose heading the question writes out (下属差额拨款事业单位和派出机构分别是哪家: both), in
    report order; a heading inside a longer one the question also names is that one's. (下属的差额拨款事业单位: a
    的 the asker puts in names the same heading.)"""
    said = _plain(question)
    named = [h for h in headed_lists(chunks) if len(_plain(h.heading)) >= HEADING_MIN and _plain(h.heading) in said]
    return [h for h in named if not any(h.heading != o.heading and h.heading in o.heading for o in named)]


def _plain(text: str) -> str:
    return squash(text).replace("的", "")
