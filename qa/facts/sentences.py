"""Narrative sentences of a page: split at 。；！？ and headings, table rows masked out, each with its quote and location."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Sequence

from ..models import Document, Page
from ..text.chars import WS_RE, squash

# narrative: sentences


@dataclass(frozen=True)
class Sentence:
    """A narrative sentence: text with whitespace removed (`text`), as quoted (`quote`), and where."""

    text: str
    quote: str
    page: int | None
    lines: tuple[int, int] | None
    heading: bool = False
    numbered: bool = False  # a heading numbered 1. / （1） on a line of its own: it carries no topic on or off


#: a 类/款/项 marker holding the level's own code (`公共安全支出（204类）司法（06款）其他司法支出（99项）`)
_LEVEL_CODE = re.compile(r"[（(]\s*\d{1,3}\s*([类款项])\s*[)）]")
#: longer runs without a sentence end are split at line breaks
MAX_SENTENCE = 300
_HEADING_RE = re.compile(r"^\s*(?:第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+\s*[、.．]|[（(]\s*[一二三四五六七八九十]+\s*[)）])")
_END_CHARS = "。；;！？!?"
#: a heading numbered 1. / （1） on a line of its own (`1.年度部门支出情况`): short, no figure, not cut off mid-phrase —
#: a longer line opening with a number is a wrapped sentence (`1.城乡居民基本医疗保险补助项目立项的是为了缓解`)
_NUMBERED_HEADING_RE = re.compile(r"^\s*(?:\d{1,2}\s*[、.．](?!\d)|[（(]\s*\d{1,2}\s*[)）])\s*[^\d\s]\D{1,15}$")
#: a line opening with an amount: the figure of the words on the line before
_AMOUNT_FIRST = re.compile(r"[\d.,，]+\s*(?:万元|元|亿元|%)")
#: characters that neither end a heading nor open a sentence: a line ending, or the next one opening, with one runs on
_CUT_OFF = tuple("，,、：:（(的和及与了为在对是")


def _masked_lines(page: Page, doc: Document) -> set[int]:
    """Page-relative line indices of table rows (text files), so table figures stay table facts. A table
    continued from an earlier page masks its rows on this page too."""
    out: set[int] = set()
    for t in (t for p in doc.pages for t in p.tables):
        pages = t.row_pages or tuple(t.page for _ in t.row_lines)
        lines = [ln for ln, pg in zip(t.row_lines, pages) if ln is not None and pg == page.number]
        if lines:
            out.update(range(min(lines) - page.first_line, max(lines) - page.first_line + 1))
    return out


def _pdf_table_spans(page: Page, squashed: str) -> list[tuple[int, int]]:
    """Squashed-text spans of the page's table rows (PDFs)."""
    spans = []
    pos = 0
    for t in page.tables:
        for r, pg in zip(t.rows, t.row_pages or [page.number] * len(t.rows)):
            if pg not in (None, page.number):
                continue
            q = squash("".join(r))
            if len(q) < 4:
                continue
            k = squashed.find(q, pos)
            if k < 0:
                k = squashed.find(q)
            if k >= 0:
                spans.append((k, k + len(q)))
                pos = k + len(q)
    return spans


def page_sentences(page: Page, doc: Document) -> list[Sentence]:
    """The page's narrative split into sentences (at 。；！？ and around heading lines), table rows left out."""
    raw_lines = page.text.split("\n")
    masked = set() if _is_pdf(doc) else _masked_lines(page, doc)
    chars: list[str] = []
    line_of: list[int] = []
    stops: set[int] = set()  # squashed offsets before which a sentence must end
    gaps: set[int] = set()  # squashed offsets where a space separated two digits
    numbered_at: set[int] = set()  # where a numbered heading's line starts
    for li, ln in enumerate(raw_lines):
        if li in masked:
            stops.add(len(chars))
            continue
        nxt = raw_lines[li + 1].strip() if li + 1 < len(raw_lines) else ""
        heading = bool(_HEADING_RE.match(ln)) and "。" not in ln and len(squash(ln)) <= 40
        numbered = (not heading and _NUMBERED_HEADING_RE.match(squash(ln)) is not None and "。" not in ln
                    and not ln.rstrip().endswith(_CUT_OFF) and not _AMOUNT_FIRST.match(nxt) and not nxt.startswith(_CUT_OFF))
        if numbered:  # a sentence ends before it and after it; it heads no figure of its own
            stops.update((len(chars), len(chars) + len(squash(ln))))
            numbered_at.add(len(chars))
        if heading:
            stops.add(len(chars))
        # a heading that opens the sentence it heads (`（一）机关运行经费：2025年…机关运行经费` / `2045.01万元，…`):
        # the figure on the next line is its own, so the sentence runs on
        runs_on = heading and re.search(r"[：:]\S", ln) is not None and _AMOUNT_FIRST.match(nxt) is not None
        spaced = False
        for ch in ln:
            if ch.isspace():
                spaced = True
                continue
            if spaced and chars and chars[-1].isdigit() and ch.isdigit() and line_of[-1] == li:
                gaps.add(len(chars))  # `6.26 6.26` stays two figures
            spaced = False
            chars.append(ch)
            line_of.append(li)
        if heading and not runs_on:
            stops.add(len(chars))
    squashed = "".join(chars)
    drop = [False] * len(chars)
    if _is_pdf(doc) and page.tables:
        for a, b in _pdf_table_spans(page, squashed):
            for x in range(a, b):
                drop[x] = True
            stops.add(a)
            stops.add(b)
    out: list[Sentence] = []
    start = 0
    for i in range(len(chars) + 1):
        end_here = i == len(chars) or i in stops or (i > 0 and chars[i - 1] in _END_CHARS)
        if not end_here or i <= start:
            if i in stops:
                start = max(start, i) if i <= start else start
            continue
        idx = [k for k in range(start, i) if not drop[k]]
        if idx and len(idx) > MAX_SENTENCE and len({line_of[k] for k in idx}) > 1:
            # table residue run together (no sentence ends): one piece per line
            pieces: list[list[int]] = []
            for k in idx:
                if pieces and line_of[pieces[-1][-1]] == line_of[k]:
                    pieces[-1].append(k)
                else:
                    pieces.append([k])
        else:
            pieces = [idx] if idx else []
        for idx in pieces:
            text = "".join((" " if k in gaps and k != idx[0] else "") + chars[k] for k in idx)
            first, last = line_of[idx[0]], line_of[idx[-1]]
            # (read with the codes a level marker may hold left out, `其他司法支出（99项）`: no count of 99 项; quoted as printed)
            out.append(Sentence(_LEVEL_CODE.sub(r"（\1）", text), _quote_of(raw_lines, first, last, squash(text)),
                                page.number if page.number else None,
                                (page.first_line + first, page.first_line + last) if not _is_pdf(doc) else None,
                                heading=start in stops and i in stops and bool(_HEADING_RE.match(text)),
                                numbered=start in numbered_at and i in stops))
        start = i
    return out


def _quote_of(raw_lines: Sequence[str], first: int, last: int, text: str) -> str:
    """The sentence as printed: its lines joined without line breaks, trimmed to the sentence."""
    joined = "".join(raw_lines[first:last + 1])
    # locate the squashed sentence in the joined lines and cut there
    pos = [k for k, ch in enumerate(joined) if not ch.isspace()]
    sq = "".join(joined[k] for k in pos)
    a = sq.find(text)
    if a < 0:
        return text
    s = joined[pos[a]: pos[a + len(text) - 1] + 1]
    return WS_RE.sub(" ", s).strip()


def _is_pdf(doc: Document) -> bool:
    return (doc.source or "").lower().endswith(".pdf") or (doc.path or "").lower().endswith(".pdf")


# --------------------------------------------------------------------------------------------
