"""qa.ingest.chunking: Document -> Chunks (narrative passages and table rows)."""
from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

import pytest

from qa.errors import ConfigError
from qa.ingest.chunking import (
    Line,
    chunk_document,
    document_label,
    lines_to_units,
    page_to_lines,
    table_columns,
    units_to_passages,
)
from qa.ingest.text import text_to_pages
from qa.models import Chunk, Document, Page, Table
from qa.text.numbers import find_numbers

SHARED = Path(__file__).resolve().parents[2] / "shared"
CORPUS = SHARED / "corpus"
GOLD = SHARED / "eval" / "gold_public.jsonl"
CORPUS_FILES = [
    "wuhan-qingshan-2023-final.txt",
    "wuhan-huangpi-2024-final.txt",
    "tongcheng-2023-final.txt",
    "wuhan-hongshan-2021-budget.txt",
]
QINGSHAN = "wuhan-qingshan-2023-final.txt"
QINGSHAN_TITLE = "武汉市青山区医疗保障局2023年度部门决算"


def ns(s: str) -> str:
    return re.sub(r"\s+", "", s)


@lru_cache(maxsize=None)
def corpus_text(name: str) -> str:
    path = CORPUS / name
    if not path.exists():
        pytest.skip(f"corpus file {path} not present")
    return path.read_text(encoding="utf-8")


def text_doc(name: str, title: str | None = None, tables: tuple[Table, ...] = ()) -> Document:
    return Document(
        doc_id=name.removesuffix(".txt"),
        source=name,
        title=title or name.removesuffix(".txt"),
        pages=(Page(None, corpus_text(name), tables=tables, first_line=1),),
    )


@lru_cache(maxsize=None)
def corpus_chunks(name: str) -> tuple[Chunk, ...]:
    return tuple(chunk_document(text_doc(name)))


def qingshan_table_05() -> Table:
    """公开05表 of the Qingshan report, built from the text the way a loader would (one row per line)."""
    lines = corpus_text(QINGSHAN).split("\n")
    start = next(i for i, line in enumerate(lines) if line.strip() == "公开05表")
    rows: list[tuple[str, ...]] = [("科目编码", "科目名称", "小计", "基本支出", "项目支出")]
    row_lines: list[int | None] = [None]
    for i in range(start, len(lines)):
        line = lines[i].strip()
        if line.startswith("注："):
            break
        m = re.match(r"(\d{3,7})\s+(\S+)\s+(.*)$", line) or re.match(r"()(合\s*计)\s+(.*)$", line)
        if not m:
            continue
        rows.append((m.group(1), ns(m.group(2)), *m.group(3).split()))
        row_lines.append(i + 1)
    return Table(title="公开05表 一般公共预算财政拨款支出决算表", rows=tuple(rows), header_rows=1, unit="万元",
                 row_lines=tuple(row_lines))


# --- ids, emptiness, settings ------------------------------------------------------------------------


def test_chunk_ids_are_stable_and_unique():
    first = chunk_document(text_doc(QINGSHAN))
    again = chunk_document(text_doc(QINGSHAN))
    ids = [c.id for c in first]
    assert ids == [c.id for c in again]
    assert len(set(ids)) == len(ids)
    assert all(re.fullmatch(r"wuhan-qingshan-2023-final:0:\d+", i) for i in ids)
    assert ids[:3] == ["wuhan-qingshan-2023-final:0:0", "wuhan-qingshan-2023-final:0:1", "wuhan-qingshan-2023-final:0:2"]


@pytest.mark.parametrize("name", CORPUS_FILES)
def test_never_emits_empty_chunks(name):
    chunks = corpus_chunks(name)
    assert chunks
    assert all(c.text.strip() for c in chunks)


def test_whitespace_only_document_gives_no_chunks():
    doc = Document(doc_id="d", source="d.txt", title="空", pages=(Page(None, "\n  \n\t\n", first_line=1),))
    assert chunk_document(doc) == []


@pytest.mark.parametrize("name", CORPUS_FILES)
def test_chunks_stay_near_chunk_size(name):
    sizes = [len(c.text) for c in corpus_chunks(name)]
    assert max(sizes) <= 300 + 60  # a heading may ride along with a full passage
    assert sum(sizes) / len(sizes) > 120


def test_rejects_overlap_not_smaller_than_chunk_size():
    doc = Document(doc_id="d", source="d.txt", title="t", pages=(Page(None, "一句话。"),))
    with pytest.raises(ConfigError, match="chunk_overlap"):
        chunk_document(doc, chunk_size=100, overlap=100)
    with pytest.raises(ConfigError, match="chunk_size"):
        chunk_document(doc, chunk_size=0, overlap=0)


# --- verbatim text, numbers whole ------------------------------------------------------------------


def test_evidence_sentence_lands_whole_in_one_chunk():
    quote = "年初预算为788万元，支出决算为995.33万元，完成年初预算的126.3%"
    hits = [c for c in corpus_chunks(QINGSHAN) if quote in ns(c.text)]
    assert hits, "the 城乡医疗救助 sentence was cut"
    assert hits[0].kind == "text"


def test_chunk_text_keeps_numbers_as_printed():
    chunks = corpus_chunks("wuhan-huangpi-2024-final.txt")
    assert any("2, 031. 52" in c.text for c in chunks)
    assert any("1,228.72" in c.text for c in corpus_chunks(QINGSHAN))


_PAGE_NUMBER_LINE = re.compile(r"\s*[-—－–]?\s*\d{1,3}\s*[-—－–]?\s*")  # "12", "— 26 —"


@pytest.mark.parametrize("name", CORPUS_FILES)
def test_no_chunk_cuts_a_number(name):
    """Every figure printed in the source is found, with the same value, in some chunk."""
    chunk_values: set[float] = set()
    chunk_ns = [ns(c.text) for c in corpus_chunks(name)]
    for c in corpus_chunks(name):
        chunk_values.update(round(n.value, 6) for n in find_numbers(c.text))
    missing = []
    for line in corpus_text(name).split("\n"):
        if not line.strip() or _PAGE_NUMBER_LINE.fullmatch(line):
            continue
        for n in find_numbers(line):
            printed = ns(re.match(r"[^\u4e00-\u9fff%‰％㎡]*", n.text).group())
            if round(n.value, 6) not in chunk_values or not any(printed in t for t in chunk_ns):
                missing.append(n.text)
    assert not missing, missing[:10]


@pytest.mark.parametrize("name", CORPUS_FILES)
def test_chunk_text_is_verbatim_source_text(name):
    """With whitespace removed, each chunk is a run of its source lines, or runs of them in order joined by `…`
    where the loader left a line out or moved a wrapped cell's words (a citation quotes it as it is)."""
    lines = corpus_text(name).split("\n")
    for c in corpus_chunks(name):
        first, last = c.lines
        span = "".join(ns(x) for x in lines[max(0, first - 4):last + 3])
        at = 0
        for run in ns(c.text).split("…"):
            found = span.find(run, at) if run else at
            assert found >= 0, (c.id, c.lines, run[:80])
            at = found + len(run)


def test_a_moved_line_is_elided_not_reordered():
    """A row number printed between the two lines of a wrapped name (`…办事处` / `1` / `（本级）`) is no page number
    to drop silently: the chunk quotes the name's two lines as two runs."""
    text = ("纳入本部门决算编制范围的单位包括：\n序号 单位名称 备注\n上海市某区人民政府某街道办事处\n1\n（本级）\n"
            "2 上海市某区某街道综合行政执法队\n3 上海市某区某街道社区事务受理中心\n")
    doc = Document(doc_id="d", source="street.txt", title="某街道办事处2025年度部门决算", pages=tuple(text_to_pages(text)))
    quoted = " ".join(c.text for c in chunk_document(doc))
    assert "办事处…（本级）" in quoted
    assert all(run in ns(text) for run in ns(quoted).split("…"))


@pytest.mark.parametrize("name", CORPUS_FILES)
def test_line_ranges_are_tight(name):
    """A chunk starts inside its first line and ends inside its last one."""
    lines = corpus_text(name).split("\n")
    for c in corpus_chunks(name):
        first, last = c.lines
        assert 1 <= first <= last <= len(lines)
        text, head, tail = ns(c.text), ns(lines[first - 1]), ns(lines[last - 1])
        assert head and tail, c.id
        if first == last:
            assert text in head, c.id
            continue
        assert any(text.startswith(head[j:]) for j in range(len(head))), (c.id, head, text[:40])
        assert any(text.endswith(tail[:j]) for j in range(1, len(tail) + 1)), (c.id, tail, text[-40:])


def test_line_range_points_at_the_quoted_sentence():
    lines = corpus_text(QINGSHAN).split("\n")
    chunk = next(c for c in corpus_chunks(QINGSHAN) if "完成年初预算的126.3%" in ns(c.text))
    first, last = chunk.lines
    where = next(i + 1 for i, line in enumerate(lines) if "预算为 788 万元" in line)
    assert first <= where <= last


def test_public_gold_evidence_is_contained_in_some_chunk():
    if not GOLD.exists():
        pytest.skip("gold questions not present")
    total = found = 0
    misses = []
    for raw in GOLD.read_text(encoding="utf-8").splitlines():
        q = json.loads(raw)
        for ev in q.get("evidence") or []:
            total += 1
            if any(ns(ev["quote"]) in ns(c.text) for c in corpus_chunks(ev["doc"])):
                found += 1
            else:
                misses.append((q["id"], ev["quote"]))
    assert total and found / total >= 0.95, misses


# --- structure ---------------------------------------------------------------------------------------


def test_section_heading_starts_a_chunk():
    starts = [c.text.split("\n", 1)[0] for c in corpus_chunks(QINGSHAN)]
    assert "二、收入决算情况说明" in starts
    assert "三、支出决算情况说明" in starts


def test_context_carries_title_and_heading_trail():
    doc = text_doc(QINGSHAN, title=QINGSHAN_TITLE)
    chunk = next(c for c in chunk_document(doc) if "完成年初预算的126.3%" in ns(c.text))
    assert chunk.context.startswith(QINGSHAN_TITLE)
    assert "五、一般公共预算财政拨款支出决算情况说明" in chunk.context
    assert "（三）一般公共预算财政拨款支出决算具体情况" in chunk.context
    assert chunk.search_text.startswith(QINGSHAN_TITLE)


def test_context_adds_region_year_and_kind_missing_from_title():
    doc = Document(doc_id="d", source="d.txt", title="医疗保障局部门决算", region="武汉市青山区", year=2023,
                   kind="决算", pages=(Page(None, "机关运行经费支出 7.78 万元。"),))
    label = document_label(doc)
    assert label.startswith("医疗保障局部门决算") and "武汉市青山区" in label and "2023" in label
    assert label.count("决算") == 1
    (chunk,) = chunk_document(doc)
    assert chunk.context == label
    assert chunk.text == "机关运行经费支出 7.78 万元。"


def test_title_that_names_everything_is_kept_as_is():
    doc = Document(doc_id="d", source="d.txt", title=QINGSHAN_TITLE, region="武汉市青山区", year=2023, kind="决算",
                   pages=())
    assert document_label(doc) == QINGSHAN_TITLE


def test_lines_inside_a_paragraph_join_without_spaces():
    text = "2023年度收、支总计 1228.72万元。与 2022年度相比，收、\n\n支总计各增加 114.69万元，增长 10.3%。"
    doc = Document(doc_id="d", source="d.txt", title="t", pages=(Page(None, text),))
    (chunk,) = chunk_document(doc)
    assert "收、支总计各增加 114.69万元" in chunk.text
    assert chunk.lines == (1, 3)


def test_numbers_on_adjacent_lines_are_not_glued():
    text = "栏次 1 2 3\n合 计 1,228.72 131.09 1,097.63\n208 社会保障和就业支出 6.26 6.26"
    doc = Document(doc_id="d", source="d.txt", title="t", pages=(Page(None, text),))
    values = [n.value for c in chunk_document(doc) for n in find_numbers(c.text)]
    assert values == [1, 2, 3, 1228.72, 131.09, 1097.63, 208, 6.26, 6.26]


def test_long_sentence_is_cut_at_a_comma_never_inside_a_number():
    clause = "追回违规医保基金 1,076.83 万元"
    sentence = "，".join([clause] * 40) + "。"
    doc = Document(doc_id="d", source="d.txt", title="t", pages=(Page(None, sentence),))
    chunks = chunk_document(doc, chunk_size=100, overlap=20)
    assert len(chunks) > 1
    for c in chunks:
        assert len(c.text) <= 100
        assert all(n.value == 1076.83 for n in find_numbers(c.text)), c.text
    assert ns("".join(c.text for c in chunks)).startswith(ns(sentence[:200]))


def test_overlap_repeats_whole_sentences_only():
    sentences = [f"第{i}项支出 {i}.5 万元。" for i in range(1, 40)]
    doc = Document(doc_id="d", source="d.txt", title="t", pages=(Page(None, "\n".join(sentences)),))
    chunks = chunk_document(doc, chunk_size=60, overlap=20)
    assert len(chunks) > 3
    for prev, nxt in zip(chunks, chunks[1:]):
        first_sentence = re.match(r".+?。", nxt.text).group()
        assert first_sentence in sentences
        assert len(nxt.text) <= 60
    assert any(re.match(r".+?。", b.text).group() in a.text for a, b in zip(chunks, chunks[1:]))


def test_no_overlap_when_overlap_is_zero():
    sentences = [f"第{i}项支出 {i}.5 万元。" for i in range(1, 40)]
    doc = Document(doc_id="d", source="d.txt", title="t", pages=(Page(None, "\n".join(sentences)),))
    chunks = chunk_document(doc, chunk_size=60, overlap=0)
    assert sum(len(ns(c.text)) for c in chunks) == len(ns("".join(sentences)))


def test_units_keep_their_source_lines():
    lines = [Line(None, 10, "（一）“三公”经费财政拨款支出决算总体情况说明"), Line(None, 12, "2023年度“三公”经费财政拨款支出预算为 0万元，支出决算"),
             Line(None, 14, "为 0万元。")]
    units = lines_to_units(lines)
    assert [(u.first_line, u.last_line) for u in units] == [(10, 10), (12, 14)]
    assert units[0].title and units[0].level == 2
    assert units[1].trail == ("（一）“三公”经费财政拨款支出决算总体情况说明",)
    (passage,) = units_to_passages(units)
    assert (passage.first_line, passage.last_line) == (10, 14)


# --- PDFs --------------------------------------------------------------------------------------------


def test_pdf_chunks_cite_pages_not_lines():
    pages = (Page(1, "第一部分 部门概况\n一、部门主要职责\n负责全区医疗保障工作。"), Page(2, "二、机构设置\n内设综合办公室一个机构。"))
    doc = Document(doc_id="p", source="p.pdf", title="某局2024年度部门决算", pages=pages)
    chunks = chunk_document(doc)
    assert chunks and all(c.lines is None and c.page in (1, 2) for c in chunks)
    assert chunks[0].id == "p:1:0"


def test_text_file_split_at_form_feeds_cites_pages_and_lines():
    pages = (Page(1, "一、收入决算情况说明\n收入合计 2031.52 万元。\n", first_line=1),
             Page(2, "二、支出决算情况说明\n支出合计 2031.52 万元。", first_line=3))
    doc = Document(doc_id="t", source="t.txt", title="t", pages=pages)
    chunks = chunk_document(doc)
    assert [(c.page, c.lines) for c in chunks] == [(1, (1, 4))]
    assert chunks[0].id == "t:1:0"


def test_sentence_running_across_pdf_pages_stays_whole():
    pages = (Page(1, "一、收入决算情况说明\n2024年度收入合计 2031.52 万元，与 2023 年度相比，"),
             Page(2, "收入合计减少 4959.23 万元，下降 70.9%。"))
    doc = Document(doc_id="p", source="p.pdf", title="t", pages=pages)
    (chunk,) = chunk_document(doc)
    assert "与2023年度相比，收入合计减少4959.23万元" in ns(chunk.text)
    assert chunk.page == 1


def test_page_numbers_are_left_out_of_sentences():
    pages = (Page(1, "一般公共预算财政拨款收入 737.86 万元，\n- 3 -"), Page(2, "比上年增加 206.32 万元。"))
    doc = Document(doc_id="p", source="p.pdf", title="t", pages=pages)
    (chunk,) = chunk_document(doc)
    assert "737.86万元，比上年增加206.32万元。" in ns(chunk.text)


def test_table_lines_on_a_pdf_page_are_found_by_content():
    text = ("一般公共预算支出表\n单位：万元\n功能科目编码 功能科目名称 总计\n合计 737.86\n"
            "2101301 城乡医疗救助 350.00\n注：本表反映一般公共预算支出情况。")
    table = Table(title="一般公共预算支出表", rows=(("功能科目编码", "功能科目名称", "总计"), ("", "合计", "737.86"),
                                           ("2101301", "城乡医疗救助", "350.00")), header_rows=1, unit="万元", page=3)
    doc = Document(doc_id="p", source="p.pdf", title="t", pages=(Page(3, text, tables=(table,)),))
    chunks = chunk_document(doc)
    narrative = [c for c in chunks if c.kind == "text"]
    rows = [c for c in chunks if c.kind == "table_row"]
    assert [c.text for c in rows] == ["合计 737.86", "2101301 城乡医疗救助 350.00"]
    assert all(c.page == 3 and c.lines is None for c in rows)
    assert not any("350.00" in c.text for c in narrative)
    assert any("注：本表反映" in c.text for c in narrative)


# --- tables ------------------------------------------------------------------------------------------


def test_table_rows_become_chunks_with_table_context():
    table = qingshan_table_05()
    doc = text_doc(QINGSHAN, title=QINGSHAN_TITLE, tables=(table,))
    chunks = chunk_document(doc)
    rows = [c for c in chunks if c.kind == "table_row"]
    assert len(rows) == len(table.body)
    row = next(c for c in rows if c.text.startswith("2101301"))
    assert row.text == "2101301 城乡医疗救助 995.33 995.33"
    assert row.context.startswith(QINGSHAN_TITLE + " | 公开05表 一般公共预算财政拨款支出决算表（万元）")
    assert "科目编码 科目名称 小计 基本支出 项目支出" in row.context
    line = corpus_text(QINGSHAN).split("\n")[row.lines[0] - 1]
    assert ns(line) == ns(row.text) and row.lines[0] == row.lines[1]


def test_table_lines_are_not_chunked_twice():
    table = qingshan_table_05()
    doc = text_doc(QINGSHAN, title=QINGSHAN_TITLE, tables=(table,))
    chunks = chunk_document(doc)
    lo, hi = min(ln for ln in table.row_lines if ln), max(ln for ln in table.row_lines if ln)
    near = [c for c in chunks if c.kind == "text" and c.lines[0] <= hi and c.lines[1] >= lo]
    assert near  # the table title before it and the 注 after it are narrative
    for c in near:
        for row in table.body:
            assert ns("".join(row)) not in ns(c.text), (c.id, row)
    # the same row of 公开02表 and 公开03表 (no Table given for them) is still in the narrative
    assert sum("2101301城乡医疗救助995.33995.33" in ns(c.text) for c in chunks if c.kind == "text") == 2


def test_chunks_follow_reading_order_in_text_files():
    doc = text_doc(QINGSHAN, title=QINGSHAN_TITLE, tables=(qingshan_table_05(),))
    starts = [c.lines[0] for c in chunk_document(doc)]
    assert starts == sorted(starts)


def test_figures_are_labelled_with_their_column_when_row_is_as_wide_as_header():
    table = Table(title="一般公共预算财政拨款支出决算表", unit="万元", header_rows=2, rows=(
        ("科目编码", "科目名称", "本年支出", "", ""),
        ("", "", "小计", "基本支出", "项目支出"),
        ("2101301", "城乡医疗救助", "995.33", "", "995.33"),
    ), row_lines=(1, 2, 3))
    assert table_columns(table) == ["科目编码", "科目名称", "本年支出 小计", "本年支出 基本支出", "本年支出 项目支出"]
    text = "科目编码 科目名称 本年支出\n小计 基本支出 项目支出\n2101301 城乡医疗救助 995.33 995.33"
    doc = Document(doc_id="d", source="d.txt", title="青山区医保局2023年度部门决算", pages=(Page(None, text, tables=(table,)),))
    (row,) = chunk_document(doc)
    assert row.kind == "table_row" and row.text == "2101301 城乡医疗救助 995.33 995.33"
    assert row.context.endswith("本年支出 小计 995.33；本年支出 项目支出 995.33")
    assert "基本支出 995.33" not in row.context
    assert row.lines == (3, 3)


def test_space_separated_rows_get_no_column_labels():
    """Flattened rows drop empty cells, so `995.33 995.33` cannot be placed under 小计/项目支出 by position."""
    table = Table(title="表", unit="万元", header_rows=1, rows=(
        ("科目编码", "科目名称", "小计", "基本支出", "项目支出"),
        ("2101301", "城乡医疗救助", "995.33", "995.33", ""),
        ("210", "卫生健康支出", "1,211.08", "113.45", "1,097.63"),
    ))
    doc = Document(doc_id="d", source="d.txt", title="t", pages=(Page(None, "", tables=(table,)),))
    rows = chunk_document(doc)
    assert [r.text for r in rows] == ["2101301 城乡医疗救助 995.33 995.33", "210 卫生健康支出 1,211.08 113.45 1,097.63"]
    assert all(r.context == "t | 表（万元） | 科目编码 科目名称 小计 基本支出 项目支出" for r in rows)


def test_codes_are_not_labelled_as_figures():
    table = Table(title="表", header_rows=1, rows=(("项目", "", "金额"), ("20899", "其他支出", "4.85"), ("", "合计", "4.85")))
    doc = Document(doc_id="d", source="d.txt", title="t", pages=(Page(None, "", tables=(table,)),))
    first = chunk_document(doc)[0]
    assert first.context.endswith("| 金额 4.85")


def test_vertical_heading_fragments_are_not_chunks():
    table = Table(title="表", header_rows=1, rows=(("项目", "金额"), ("政", ""), ("府性", ""), ("合计", "8.00")))
    doc = Document(doc_id="d", source="d.txt", title="t", pages=(Page(None, "", tables=(table,)),))
    assert [c.text for c in chunk_document(doc)] == ["合计 8.00"]


def test_empty_and_column_number_rows_are_skipped():
    table = Table(title="表", header_rows=1, rows=(("项目", "金额"), ("栏次", "1"), ("", ""), ("合计", "8.00")))
    doc = Document(doc_id="d", source="d.txt", title="t", pages=(Page(None, "", tables=(table,)),))
    assert [c.text for c in chunk_document(doc)] == ["合计 8.00"]


def test_page_to_lines_drops_blank_and_page_number_lines():
    page = Page(None, "第一句，\n\n  12  \n第二句。\n", first_line=5)
    assert [(x.lineno, x.text) for x in page_to_lines(page)] == [(5, "第一句，"), (8, "第二句。")]


# --- with the project's loader -----------------------------------------------------------------------


@pytest.mark.parametrize("name", CORPUS_FILES)
def test_loader_tables_become_rows_and_leave_the_narrative(name):
    load = pytest.importorskip("qa.ingest.load")
    pages, _ = load.load_pages(CORPUS / name)
    doc = Document(doc_id=name, source=name, title=name, pages=tuple(pages))
    chunks = chunk_document(doc)
    rows = [c for c in chunks if c.kind == "table_row"]
    row_texts = {ns(c.text).replace("…", "") for c in rows}  # a row's printed runs, where the loader mended a cell
    for page in pages:
        for table in page.tables:
            for row in table.body:
                if re.search(r"\d", "".join(row)) and not all(re.fullmatch(r"[\d\s]*|栏\s*次", c) for c in row):
                    assert ns("".join(row)) in row_texts, row
    row_lines = {c.lines[0] for c in rows}
    for c in chunks:
        if c.kind == "text":
            assert not any(c.lines[0] < ln < c.lines[1] and ns(r.text) in ns(c.text)
                           for r in rows for ln in [r.lines[0]] if ln in row_lines), c.id
    if GOLD.exists():
        for raw in GOLD.read_text(encoding="utf-8").splitlines():
            q = json.loads(raw)
            for ev in q.get("evidence") or []:
                if ev["doc"] == name:
                    assert any(ns(ev["quote"]) in ns(c.text) for c in chunks), (q["id"], ev["quote"])
