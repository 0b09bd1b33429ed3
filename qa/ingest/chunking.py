"""Document -> Chunks: narrative passages split on the report's own structure, one chunk per table row.

The steps are small functions, each testable alone:

- `page_to_lines`: the page's printed lines, minus blank lines, page numbers and lines that belong to a
  table (those are chunked as rows);
- `lines_to_units`: lines joined into sentences (`。；！？`) and headings (`第一部分`, `一、`, `（一）`, `1.`,
  `（1）`, `①`), each unit remembering its source lines; a sentence longer than a chunk is cut at a comma or
  a space, never inside a number;
- `units_to_passages`: units packed into passages of about `chunk_size` characters, starting a new one at
  major headings, preferring to break where an item starts, with an overlap of whole sentences;
- `table_to_row_chunks`: one `kind="table_row"` chunk per table body row.

A chunk's `text` is report text as printed (numbers untouched), apart from line joins and whitespace, so a
citation can quote it. Its `context` carries what the text needs to be understood alone: the report title
(region, year and kind added when the title lacks them), the heading trail, and for table rows the table
title, unit, column headers and each figure's column.
"""
from __future__ import annotations

import logging

from ..errors import ConfigError
from ..models import Chunk, Document
from ..text.chars import ELISION, squash, verbatim
from .chunk_lines import Line, document_label, page_to_lines, tables_by_page
from .chunk_tables import table_columns, table_to_row_chunks
from .chunk_units import (
    DEFAULT_CHUNK_SIZE,
    DEFAULT_OVERLAP,
    lines_to_units,
    units_to_passages,
)

logger = logging.getLogger(__name__)




# A heading marker at the start of a line, with its level (0 = 第一部分 … 5 = ①).
# "2023年度收入支出决算总表", "一般公共预算支出表": a table title printed in the text


# ---------------------------------------------------------------------------------------------------


# the whole document


def _cites_lines(doc: Document) -> bool:
    """Text files cite source lines (also when split into pages at form feeds); PDFs cite pages."""
    if all(p.number is None for p in doc.pages):
        return True
    if any(name.lower().endswith(".pdf") for name in (doc.source, doc.path or "") if name):
        return False
    return any(p.first_line > 1 for p in doc.pages)


def chunk_document(doc: Document, *, chunk_size: int = DEFAULT_CHUNK_SIZE, overlap: int = DEFAULT_OVERLAP) -> list[Chunk]:
    """All chunks of a report: narrative passages (`kind="text"`) and table rows (`kind="table_row"`).

    Text files give `lines=(first, last)`, 1-based source lines (and `page` too when the file was split
    into pages at form feeds); PDF chunks give `page`. Ids are `doc_id:page:n` (page 0 for text files), n counting per page in reading order,
    so rebuilding the same document gives the same ids.
    """
    if chunk_size <= 0:
        raise ConfigError(f"chunk_size must be greater than 0; got {chunk_size}")
    if not 0 <= overlap < chunk_size:
        raise ConfigError(f"chunk_overlap must be >= 0 and smaller than chunk_size ({chunk_size}); got {overlap}")
    label = document_label(doc)
    text_file = _cites_lines(doc)

    lines: list[Line] = []
    on_page = tables_by_page(doc)
    for page in doc.pages:  # a sentence may run on over a page break
        lines.extend(page_to_lines(page, on_page.get(page.number, [])))
    units = lines_to_units(lines, chunk_size)
    passages = units_to_passages(units, chunk_size, overlap)

    drafts: list[tuple[tuple[int, int, int, int], dict]] = []
    for seq, p in enumerate(passages):
        ctx = label + (" | " + " > ".join(p.trail) if p.trail else "")
        key = (p.page or 0, p.first_line if text_file else 0, 0, seq)
        drafts.append((key, dict(text=p.text, kind="text", context=ctx, page=p.page,
                                 lines=(p.first_line, p.last_line) if text_file else None)))
    seq = 0
    for page in doc.pages:
        for table in page.tables:
            for row_page, row_line, text, ctx in table_to_row_chunks(table, label, page=page.number):
                seq += 1
                line_key = row_line if (text_file and row_line is not None) else 10 ** 9
                key = (row_page or 0, line_key, 1, seq)
                drafts.append((key, dict(text=text, kind="table_row", context=ctx, page=row_page,
                                         lines=(row_line, row_line) if (text_file and row_line is not None) else None)))
    drafts.sort(key=lambda d: d[0])

    printed = _PrintedLines(doc) if text_file else None
    chunks: list[Chunk] = []
    counters: dict[int, int] = {}
    for key, d in drafts:
        if not d["text"].strip():
            continue
        if printed is not None and d["lines"]:
            d["text"] = printed.quotable(d["text"], d["lines"])
        pg = key[0]
        n = counters.get(pg, 0)
        counters[pg] = n + 1
        chunks.append(Chunk(id=f"{doc.doc_id}:{pg}:{n}", doc_id=doc.doc_id, source=doc.source, **d))
    logger.debug("chunked %s: %d chunks (%d passages)", doc.source, len(chunks), len(passages))
    return chunks

#: lines either side of a chunk's own that its words may be printed on (a table row's cell wrapped over lines)
_SPAN_SLACK = 3


class _PrintedLines:
    """A text file's lines by number, to make each chunk's text a verbatim quote of them."""

    def __init__(self, doc: Document) -> None:
        self.by_number: dict[int, str] = {}
        for page in doc.pages:
            for i, line in enumerate(page.text.split("\n")):  # a form feed inside a line ends one page's text
                k = page.first_line + i                          # and starts the next's: one line, two pages
                self.by_number[k] = self.by_number.get(k, "") + line
        self.whole = "\n".join(self.by_number[k] for k in sorted(self.by_number))

    def quotable(self, text: str, lines: tuple[int, int]) -> str:
        """`text` as printed on its lines (and a few either side); words the loader moved or joined across a
        dropped line are quoted in runs joined by `…`. A text whose words are not all near its lines is
        quoted against the whole file."""
        first, last = lines
        near = "\n".join(self.by_number.get(k, "") for k in range(first - _SPAN_SLACK, last + _SPAN_SLACK + 1))
        quote = verbatim(text, near)
        if len(squash(quote).replace(ELISION, "")) < len(squash(text).replace(ELISION, "")):
            quote = verbatim(text, self.whole)
        return quote


__all__ = [
    "DEFAULT_CHUNK_SIZE", "DEFAULT_OVERLAP", "Line", "chunk_document", "document_label", "lines_to_units",
    "page_to_lines", "table_columns", "table_to_row_chunks", "tables_by_page", "units_to_passages",
]
