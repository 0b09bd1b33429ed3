"""Lines -> units (headings, sentences, list items) -> passages of about the chunk size, cut at the report headings and sentences."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Sequence

from ..text.numbers import find_numbers
from .chunk_lines import Line, Passage, Unit

DEFAULT_CHUNK_SIZE = 300
DEFAULT_OVERLAP = 40

# A heading marker at the start of a line, with its level (0 = 第一部分 … 5 = ①).
_HEADING_RES: tuple[tuple[int, re.Pattern[str]], ...] = (
    (0, re.compile(r"第[一二三四五六七八九十]{1,3}部分")),
    (1, re.compile(r"[一二三四五六七八九十]{1,3}[、．]")),
    (2, re.compile(r"[（(][一二三四五六七八九十]{1,3}[）)]")),
    (3, re.compile(r"\d{1,2}(?:[、．]|\.(?!\d)|\.(?=(?:19|20)\d\d\s*年|[23]\d{2}(?:\d{2}){0,2}\s+[\u4e00-\u9fff]))")),
    (4, re.compile(r"[（(]\d{1,2}[）)]")),
    (5, re.compile(r"[①-⑳]")),
)
_BULLET_RE = re.compile(r"[-•·●▪]\s+")
# "2023年度收入支出决算总表", "一般公共预算支出表": a table title printed in the text
_TABLE_TITLE_RE = re.compile(r"[^，。；：:,;]{2,40}表")
_SENTENCE_END = "。；！？;!?"
_CLOSERS = "”’」』）)】》\"'"
_TITLE_FORBIDDEN_RE = re.compile(r"[，,；;]")
_PROSE_RE = re.compile(r"[，。]")
_NUMERIC_TOKEN_RE = re.compile(r"[-+]?[\d,.]*\d[\d,.]*%?")
#: heading levels that name a section (kept in the heading trail); deeper levels are list items
TRAIL_LEVELS = 2


# ---------------------------------------------------------------------------------------------------


# units


def _heading_level(text: str) -> int | None:
    body = _BULLET_RE.sub("", text, count=1) if _BULLET_RE.match(text) else text
    for level, rx in _HEADING_RES:
        if rx.match(body):
            return level
    return None


def _width(s: str) -> float:
    return sum(1.0 if ord(ch) > 0x2E80 else 0.5 for ch in s)


def _typical_width(lines: Sequence[Line]) -> float:
    """The width of a full line of prose (80th percentile over lines with a comma or full stop)."""
    widths = sorted(_width(x.text) for x in lines if _PROSE_RE.search(x.text) and _width(x.text) >= 8)
    if len(widths) < 5:
        return float("inf")
    return widths[int(0.8 * (len(widths) - 1))]


def _is_title(text: str, level: int | None, typical: float) -> bool:
    """A heading line that stands alone (not the first line of a paragraph)."""
    if level == 0:
        return len(text) <= 60
    if _TITLE_FORBIDDEN_RE.search(text) or len(text) > 50:
        return False
    if sum(1 for tok in text.split() if _NUMERIC_TOKEN_RE.fullmatch(tok)) >= 2 or re.search(r"\d\.\d", text):
        return False  # a flattened table row such as "八、其他收入 8 八、社会保障和就业支出 39 6.26"
    inner = text.rstrip("。:：")
    if any(ch in inner for ch in "。！？"):
        return False
    if text.endswith("。") and len(text) > 30:
        return False
    return _width(text) <= 0.85 * typical


def _joiner(left: str, right: str) -> str:
    """What joins two printed lines: nothing between Chinese text, a space next to Latin letters or
    digits, nothing when a number was broken after its comma or point."""
    if not left or not right:
        return ""
    a, b = left[-1], right[0]
    if a in ",." and b.isdigit() and len(left) >= 2 and left[-2].isdigit():
        return ""
    if (a.isascii() and a.isalnum()) or (b.isascii() and b.isalnum()) or a == "%":
        return " "
    return ""


def _split_long(text: str, size: int, opens: Sequence[bool] = ()) -> list[tuple[str, str]]:
    """Cut `text` into pieces of at most `size` characters where it can be helped; never inside a number.

    Preferred cuts, in order: after `，；`; at a line start that followed a space (a flattened table row);
    after `、：` or at a space; at any line start. Returns (separator before the piece, piece).
    """
    if len(text) <= size:
        return [("", text)]
    inside: set[int] = set()
    for n in find_numbers(text):
        inside.update(range(n.start + 1, n.end))
    ranked: list[list[tuple[int, bool]]] = [[], [], [], []]
    for i, ch in enumerate(text):
        cut = i + 1
        if cut in inside or cut >= len(text):
            continue
        if ch in "，；;,":
            ranked[0].append((cut, False))
        elif ch in "、：:" or ch == " ":
            ranked[2].append((cut, ch == " "))
        if cut < len(opens) and opens[cut]:
            ranked[1 if ch == " " else 3].append((cut, ch == " "))
    pieces: list[tuple[str, str]] = []
    start, sep = 0, ""
    while len(text) - start > size:
        limit = start + size
        choice = None
        for lo in (start + size // 3, start + 1):
            for group in ranked:
                found = [p for p in group if lo <= p[0] <= limit]
                if found:
                    choice = found[-1]
                    break
            if choice:
                break
        if choice is None:
            cut, at_space = limit, False
            while cut in inside and cut < len(text):
                cut += 1
        else:
            cut, at_space = choice
        piece = text[start:cut].strip()
        if piece:
            pieces.append((sep, piece))
        sep = " " if at_space or text[cut - 1: cut] == " " or text[cut: cut + 1] == " " else ""
        start = cut
    rest = text[start:].strip()
    if rest:
        pieces.append((sep, rest))
    return pieces


@dataclass
class _Buffer:
    """Characters of the sentence being assembled, each with its (page, line) and whether it opens a line."""

    chars: list[str] = field(default_factory=list)
    pos: list[tuple[int | None, int]] = field(default_factory=list)
    opens: list[bool] = field(default_factory=list)
    scanned: int = 0  # chars already searched for a sentence end


    def append(self, line: Line) -> None:
        if self.chars:
            for ch in _joiner("".join(self.chars[-2:]), line.text):
                self.chars.append(ch)
                self.pos.append(self.pos[-1])
                self.opens.append(False)
        for k, ch in enumerate(line.text):
            self.chars.append(ch)
            self.pos.append((line.page, line.lineno))
            self.opens.append(k == 0)

    def take(self, n: int) -> tuple[str, list[tuple[int | None, int]], list[bool]]:
        taken = ("".join(self.chars[:n]), self.pos[:n], self.opens[:n])
        del self.chars[:n], self.pos[:n], self.opens[:n]
        self.scanned = 0
        return taken


def _sentence_end(text: Sequence[str], start: int) -> int:
    """Index just after the first sentence end at or after `start`, or -1 (closing quotes and brackets
    stay with their sentence; one at the very end may still come with the next line)."""
    for i in range(start, len(text)):
        if text[i] in _SENTENCE_END:
            j = i + 1
            while j < len(text) and text[j] in _CLOSERS:
                j += 1
            return j
    return -1


def lines_to_units(lines: Sequence[Line], chunk_size: int = DEFAULT_CHUNK_SIZE) -> list[Unit]:
    """Join lines into sentences and headings; cut sentences longer than `chunk_size` at a comma or space."""
    typical = _typical_width(lines)
    units: list[Unit] = []
    trail: dict[int, str] = {}
    buf = _Buffer()
    pending_level: list[int | None] = [None]

    def emit(text: str, pos: Sequence[tuple[int | None, int]], opens: Sequence[bool], level: int | None,
             title: bool) -> None:
        lead = len(text) - len(text.lstrip())
        body = text.strip()
        if not body:
            return
        pos = pos[lead: lead + len(body)]
        sep = "\n" if opens[lead] else ""
        offset = 0
        for k, (psep, piece) in enumerate(_split_long(body, chunk_size, opens[lead: lead + len(body)])):
            at = max(body.find(piece, offset), 0)
            ppos = pos[at: at + len(piece)] or pos[-1:]
            offset = at + len(piece)
            linenos = [p[1] for p in ppos]
            units.append(Unit(
                text=piece,
                page=ppos[0][0],
                first_line=min(linenos),
                last_line=max(linenos),
                level=level if k == 0 else None,
                title=title and k == 0,
                sep=sep if k == 0 else psep,
                trail=tuple(trail[lv] for lv in sorted(trail)),
            ))

    def drain(final: bool) -> None:
        """Emit the complete sentences in the buffer (and what is left when `final`)."""
        while buf.chars:
            end = _sentence_end(buf.chars, buf.scanned)
            if end < 0:
                buf.scanned = len(buf.chars)
                if not final:
                    return
                end = len(buf.chars)
            emit(*buf.take(end), pending_level[0], False)
            pending_level[0] = None

    def emit_title(line: Line, level: int) -> None:
        nonlocal trail
        trail = {k: v for k, v in trail.items() if k < level}
        emit(line.text, [(line.page, line.lineno)] * len(line.text), [True] * len(line.text), level, True)
        if level <= TRAIL_LEVELS:
            trail[level] = line.text

    for line in lines:
        if line.gap_before:
            drain(final=True)
        level = _heading_level(line.text)
        if level is None and _TABLE_TITLE_RE.fullmatch(line.text) and _is_title(line.text, 1, typical):
            drain(final=True)
            emit_title(line, 1)
            continue
        if level is not None:
            drain(final=True)
            if _is_title(line.text, level, typical):
                emit_title(line, level)
                continue
            if level <= 2:  # a numbered paragraph: its siblings' and deeper titles end here
                trail = {k: v for k, v in trail.items() if k < level}
            pending_level[0] = level
        buf.append(line)
        drain(final=False)
    drain(final=True)
    return units


# ---------------------------------------------------------------------------------------------------
# passages


def _joined_len(units: Sequence[Unit]) -> int:
    if not units:
        return 0
    return len(units[0].text) + sum(len(u.sep) + len(u.text) for u in units[1:])


def _to_passage(units: Sequence[Unit]) -> Passage | None:
    text = units[0].text + "".join(u.sep + u.text for u in units[1:])
    text = text.strip()
    if not text:
        return None
    # the page cited is where the content is: a heading at the foot of the previous page moves on
    main = next((u for u in units if not u.title), units[0])
    return Passage(
        text=text,
        page=main.page,
        first_line=min(u.first_line for u in units if u.page == main.page),
        last_line=max(u.last_line for u in units if u.page == units[-1].page),
        trail=main.trail,
    )


#: a numbered item starts a new passage once the current one is this full (share of chunk_size)
ITEM_BREAK = 0.4


def units_to_passages(units: Sequence[Unit], chunk_size: int = DEFAULT_CHUNK_SIZE,
                      overlap: int = DEFAULT_OVERLAP) -> list[Passage]:
    """Pack units into passages of at most `chunk_size` characters (a single longer unit stays whole).

    A section title starts a new passage once the current one holds an eighth (第一部分) or a quarter
    (一、 / （一）) of `chunk_size`, so a table of contents does not become a string of tiny passages.
    When a passage is full it ends where the last item or heading begins if that keeps it at least 40%
    full; otherwise it ends at a sentence and the next passage starts with the last whole sentences
    (at most `overlap` characters) again.
    """
    out: list[Passage] = []
    cur: list[Unit] = []
    n_overlap = 0  # leading units of `cur` repeated from the previous passage

    def flush(us: Sequence[Unit]) -> None:
        p = _to_passage(us) if us else None
        if p is not None:
            out.append(p)

    for u in units:
        if cur and u.title and u.level is not None and u.level <= TRAIL_LEVELS:
            if n_overlap == len(cur):
                cur, n_overlap = [], 0  # sentences repeated from the previous section stay there
            elif _joined_len(cur[n_overlap:]) >= (chunk_size // 8 if u.level == 0 else chunk_size // 4):
                flush(cur)
                cur, n_overlap = [], 0
        if (cur and u.level is not None and u.level > TRAIL_LEVELS
                and _joined_len(cur[n_overlap:]) >= ITEM_BREAK * chunk_size):
            # a numbered item (`5.…(项)。年初预算为…`) is a self-contained statement: one per passage
            # once the passage holds a fair share, so its figures are not diluted by its siblings'
            flush(cur)
            cur, n_overlap = [], 0
        while cur and _joined_len(cur) + len(u.sep) + len(u.text) > chunk_size:
            if n_overlap and n_overlap == len(cur):
                cur, n_overlap = [], 0  # the repeated sentences alone do not fit with u: drop them
                break
            if all(x.title for x in cur[n_overlap:]):
                break  # a heading stays with what follows it, even if that overflows a little
            # structural break: the last heading/item start that keeps this passage >= 40% full
            cut = 0
            for i in range(max(1, n_overlap), len(cur)):
                if cur[i].level is not None and _joined_len(cur[:i]) >= 0.4 * chunk_size:
                    cut = i
            if cut:
                flush(cur[:cut])
                cur, n_overlap = cur[cut:], 0
                continue
            # sentence break; a trailing title moves on with the next passage
            k = len(cur)
            while k > 1 and cur[k - 1].title:
                k -= 1
            head, tail = cur[:k], cur[k:]
            flush(head)
            carried: list[Unit] = []
            if overlap > 0 and not tail:
                total = 0
                for prev in reversed(head[1:]):
                    if prev.title:
                        break
                    total += len(prev.text) + len(prev.sep)
                    if total > overlap:
                        break
                    carried.insert(0, prev)
            cur = carried + tail
            n_overlap = len(carried)
            if tail:
                # a title plus u may still be too long: give up on keeping them together
                if _joined_len(cur) + len(u.sep) + len(u.text) > chunk_size:
                    flush(cur)
                    cur, n_overlap = [], 0
                break
        cur.append(u)
    flush(cur)
    return out


# ---------------------------------------------------------------------------------------------------
