"""qa.ingest.load: file types, encodings, line numbers, text tables, and PDF line/table rebuilding.

Synthetic PDFs are drawn with reportlab into tmp_path; the real reports are in test_real_pdfs.py.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from qa.errors import InputError
from qa.ingest.cells import collapse_cell, normalize_title
from qa.ingest.load import decode_text, detect_file_type, load_pages
from qa.ingest.pdf_lines import chars_to_lines, line_text
from qa.ingest.text import find_text_tables, split_text_row, text_to_pages

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"

QINGSHAN_LIKE = """\
一、部门概况
本部门2023年度收入合计 1228.72万元。

2023年度一般公共预算财政拨款支出决算表
公开05表

部门：武汉市青山区医疗保障局 金额单位：万元

项 目 本年支出

科目名称 小计 基本支出 项目支出

栏次 1 2 3

合 计 1,228.72 131.09 1,097.63

2101301   城乡医疗救助 995.33 995.33

2101501   行政运行 2, 031. 52 103.53

注：本表反映部门本年度一般公共预算财政拨款支出情况。
二、收入决算情况说明
"""


def write(tmp_path: Path, name: str, data: bytes | str, encoding: str = "utf-8") -> Path:
    p = tmp_path / name
    p.write_bytes(data if isinstance(data, bytes) else data.encode(encoding))
    return p


# ---------------------------------------------------------------- text files and errors


def test_text_file_is_one_page_without_number(tmp_path):
    pages, warnings = load_pages(write(tmp_path, "r.txt", "第一行\n第二行\n"))
    assert len(pages) == 1
    assert pages[0].number is None and pages[0].first_line == 1
    assert pages[0].text == "第一行\n第二行\n"
    assert warnings == []


def test_text_line_numbers_match_the_file(tmp_path):
    text = QINGSHAN_LIKE
    page = load_pages(write(tmp_path, "r.txt", text))[0][0]
    lines = page.text.split("\n")
    file_lines = text.split("\n")
    for i, line in enumerate(lines):
        assert file_lines[page.first_line + i - 1] == line


def test_crlf_line_ends_keep_line_numbers(tmp_path):
    page = load_pages(write(tmp_path, "r.txt", "甲\r\n乙\r\n丙"))[0][0]
    assert page.text.split("\n") == ["甲", "乙", "丙"]


def test_gb18030_text_is_decoded(tmp_path):
    pages, _ = load_pages(write(tmp_path, "r.txt", "部门：武汉市青山区医疗保障局", encoding="gb18030"))
    assert pages[0].text == "部门：武汉市青山区医疗保障局"


def test_utf8_bom_is_removed(tmp_path):
    pages, _ = load_pages(write(tmp_path, "r.txt", b"\xef\xbb\xbf" + "收入合计".encode()))
    assert pages[0].text == "收入合计"


def test_utf16_with_bom_is_decoded():
    assert decode_text("收入".encode("utf-16")) == ("收入", "utf-16")


def test_undecodable_bytes_raise_input_error():
    with pytest.raises(InputError, match="UTF-8"):
        decode_text(bytes([0xFE, 0x00, 0x81, 0x20]))


def test_form_feeds_split_pages_with_first_line(tmp_path):
    text = "p1 a\np1 b\n\fp2 a\np2 b\n\fp3 a\n\f"
    pages, _ = load_pages(write(tmp_path, "r.txt", text))
    assert [p.number for p in pages] == [1, 2, 3]
    assert [p.first_line for p in pages] == [1, 3, 5]
    file_lines = text.replace("\f", "").split("\n")
    for p in pages:
        for i, line in enumerate(p.text.split("\n")):
            if line:
                assert file_lines[p.first_line + i - 1] == line


def test_empty_form_feed_page_is_reported(tmp_path):
    pages, warnings = load_pages(write(tmp_path, "r.txt", "甲\n\f\f乙\n"))
    assert [p.number for p in pages] == [1, 2, 3]
    assert any("page 2 is empty" in w for w in warnings)


def test_missing_file_raises_input_error_naming_it(tmp_path):
    with pytest.raises(InputError, match="nope.pdf"):
        load_pages(tmp_path / "nope.pdf")


def test_unsupported_type_raises_input_error(tmp_path):
    with pytest.raises(InputError, match="unsupported file type '.docx'"):
        load_pages(write(tmp_path, "r.docx", b"PK\x03\x04 zip"))


def test_empty_file_raises_input_error(tmp_path):
    with pytest.raises(InputError, match="empty"):
        load_pages(write(tmp_path, "r.txt", b""))


def test_whitespace_only_text_raises_input_error(tmp_path):
    with pytest.raises(InputError, match="no text"):
        load_pages(write(tmp_path, "r.txt", "\n \n\t\n"))


def test_directory_raises_input_error(tmp_path):
    with pytest.raises(InputError, match="directory"):
        load_pages(tmp_path)


def test_pdf_suffix_without_pdf_header_raises_input_error(tmp_path):
    with pytest.raises(InputError, match="not a PDF"):
        load_pages(write(tmp_path, "r.pdf", "这不是PDF"))


def test_broken_pdf_is_wrapped_in_input_error(tmp_path):
    with pytest.raises(InputError, match="cannot parse the PDF") as info:
        load_pages(write(tmp_path, "r.pdf", b"%PDF-1.4\n1 0 obj << /Type /Catalog >>\ntrailer garbage"))
    assert info.value.__cause__ is not None


def test_pdf_is_sniffed_by_its_header_whatever_the_name(tmp_path):
    pdf = make_pdf(tmp_path / "x.pdf", [[("text", 72, 800, "收入支出决算总表")]])
    renamed = tmp_path / "report.txt"
    renamed.write_bytes(pdf.read_bytes())
    assert detect_file_type(renamed) == "pdf"
    assert load_pages(renamed)[0][0].number == 1


def test_text_without_suffix_is_accepted(tmp_path):
    assert detect_file_type(write(tmp_path, "README", "部门预算")) == "text"


# ---------------------------------------------------------------- rows and cells


def test_spaced_number_stays_one_cell():
    assert split_text_row("合 计 2, 031. 52 1, 573. 80") == ("合计", "2,031.52", "1,573.80")


def test_space_separated_row_splits_code_name_and_figures():
    assert split_text_row("2101301   城乡医疗救助 995.33 995.33") == ("2101301", "城乡医疗救助", "995.33", "995.33")


def test_comma_number_stays_one_cell():
    assert split_text_row("本年收入合计 27 1,228.72") == ("本年收入合计", "27", "1,228.72")


def test_tab_row_keeps_empty_cells():
    assert split_text_row("⇥9⇥⇥九、卫生健康支出⇥39⇥1,700.01".replace("⇥", "\t")) == (
        "", "9", "", "九、卫生健康支出", "39", "1,700.01",
    )


def test_tab_cell_with_spaced_number_is_closed_up():
    assert split_text_row("合计\t2, 031. 52") == ("合计", "2,031.52")


def test_collapse_cell_joins_wrapped_chinese_without_space():
    assert collapse_cell("本年支出合\n计") == "本年支出合计"
    assert collapse_cell("因公出国\n(境)  费用") == "因公出国 (境) 费用"
    assert collapse_cell(None) == ""


def test_normalize_title_removes_spaces_between_characters():
    assert normalize_title("收 入 支 出 决 算 总 表") == "收入支出决算总表"
    assert normalize_title("上海市普陀区财政局 2024 年度部门决算") == "上海市普陀区财政局2024年度部门决算"


# ---------------------------------------------------------------- tables in text


def test_text_table_has_title_label_unit_and_header():
    (table,) = find_text_tables(QINGSHAN_LIKE.split("\n"))
    assert table.title == "2023年度一般公共预算财政拨款支出决算表 公开05表"
    assert table.unit == "万元"
    assert table.header_rows == 3  # 项目 / 科目名称 … / 栏次 1 2 3
    assert table.body[0][:2] == ("合计", "1,228.72")


def test_text_table_rows_carry_their_source_lines():
    lines = QINGSHAN_LIKE.split("\n")
    (table,) = find_text_tables(lines, first_line=1)
    for row, line_no in zip(table.rows, table.row_lines):
        first = next(c for c in row if c)
        assert first in lines[line_no - 1].replace(" ", "")
    row = next(r for r in table.body if r[0] == "2101301")
    assert table.row_lines[table.rows.index(row)] == 17


def test_text_table_ends_at_note_line():
    (table,) = find_text_tables(QINGSHAN_LIKE.split("\n"))
    assert not any("注" in c for r in table.rows for c in r)
    assert not any("收入决算情况说明" in c for r in table.rows for c in r)


def test_text_table_row_lines_are_offset_by_first_line():
    (table,) = find_text_tables(QINGSHAN_LIKE.split("\n"), first_line=101)
    assert table.row_lines[0] == 100 + 9


def test_text_without_unit_line_has_no_table():
    assert find_text_tables(["一、收入支出决算总表（表 1）", "二、收入决算表（表 2）", "本年收入合计 1,228.72"]) == []


def test_text_pages_carry_tables():
    (page,) = text_to_pages(QINGSHAN_LIKE)
    assert [t.title for t in page.tables] == ["2023年度一般公共预算财政拨款支出决算表 公开05表"]


def test_qingshan_text_has_nine_public_tables():
    pages, _ = load_pages(CORPUS / "wuhan-qingshan-2023-final.txt")
    titles = [t.title for t in pages[0].tables if not t.title.endswith("项目支出绩效自评表")]  # (forms' scores aside)
    assert [t.split()[-1] for t in titles] == [f"公开0{i}表" for i in range(1, 10)]
    forms = [t for t in pages[0].tables if t.title.endswith("项目支出绩效自评表")]
    assert [t.rows[1] for t in forms][:1] == [("总分", "94.2")] and len(forms) == 7
    t5 = pages[0].tables[4]
    assert t5.title == "2023年度一般公共预算财政拨款支出决算表 公开05表"
    row = next(r for r in t5.body if r[0] == "2101301")
    assert row[1:4] == ("城乡医疗救助", "995.33", "995.33")
    assert t5.row_lines[t5.rows.index(row)] == 434  # wuhan-qingshan-2023-final.txt line 434


def test_huangpi_tab_table_keeps_empty_cells_and_spaced_numbers():
    pages, _ = load_pages(CORPUS / "wuhan-huangpi-2024-final.txt")
    t1 = next(t for t in pages[0].tables if t.title.endswith("公开01表"))
    row = next(r for r in t1.body if r[3] == "九、卫生健康支出")
    assert row == ("", "9", "", "九、卫生健康支出", "39", "1,700.01")
    assert t1.row_lines[t1.rows.index(row)] == 131
    t5 = next(t for t in pages[0].tables if t.title.endswith("公开05表"))
    assert ("", "", "", "合计", "", "2,031.52", "1,573.80") in t5.rows  # printed "2, 031. 52" (line 304)


def test_tongcheng_text_has_no_main_tables():
    """Only its ten project self-evaluation forms' total scores are read as tables (one row each)."""
    pages, _ = load_pages(CORPUS / "tongcheng-2023-final.txt")
    assert [t for t in pages[0].tables if not t.title.endswith("项目支出绩效自评表")] == []
    assert len(pages[0].tables) == 10


# ---------------------------------------------------------------- PDF lines from characters


def char(text: str, x0: float, top: float, size: float = 12.0) -> dict:
    return {"text": text, "x0": x0, "x1": x0 + size * (1 if ord(text[0]) > 0x2E80 else 0.5), "top": top, "bottom": top + size, "size": size}


def chars_of(text: str, x0: float, top: float, size: float = 12.0) -> list[dict]:
    out, x = [], x0
    for ch in text:
        c = char(ch, x, top, size)
        out.append(c)
        x = c["x1"]
    return out


def test_digits_set_lower_stay_in_their_sentence():
    # Shanghai 决算 narrative: digits in another font sit ~5 pt below the Chinese around them
    a = chars_of("收入支出总计", 96, 183.1)
    b = chars_of("2995.39", a[-1]["x1"], 187.9)
    c = chars_of("万元。", b[-1]["x1"], 183.1)
    nxt = chars_of("支出总计减少", 96, 211.1)
    lines = [line_text(ln) for ln in chars_to_lines(nxt + c + b + a)]
    assert lines == ["收入支出总计2995.39万元。", "支出总计减少"]


def test_tightly_spaced_lines_are_not_merged():
    lines = chars_to_lines(chars_of("第一行", 72, 100, size=10) + chars_of("第二行", 72, 108.5, size=10))
    assert [line_text(ln) for ln in lines] == ["第一行", "第二行"]


def test_gap_between_cells_becomes_a_space():
    left = chars_of("合计", 72, 100)
    right = chars_of("1,228.72", 200, 100)
    assert [line_text(ln) for ln in chars_to_lines(right + left)] == ["合计 1,228.72"]


def test_glyphs_drawn_twice_are_kept_once():
    doubled = chars_of("目录", 72, 100) + chars_of("目录", 72.3, 100.2)
    assert [line_text(ln) for ln in chars_to_lines(doubled)] == ["目录"]


# ---------------------------------------------------------------- synthetic PDFs


def make_pdf(path: Path, pages: list[list[tuple]], size: tuple[float, float] = (595, 842)) -> Path:
    """Draw pages of ("text", x, y, str[, font, size]) and ("grid", x0, y_top, col_widths, row_height, rows)
    ops with reportlab (y from the bottom, as PDF does). A grid row is a list of cell strings."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    c = canvas.Canvas(str(path), pagesize=size)
    for ops in pages:
        for op in ops:
            if op[0] == "text":
                _, x, y, s, *rest = op
                font = rest[0] if rest else "STSong-Light"
                fsize = rest[1] if len(rest) > 1 else 12
                c.setFont(font, fsize)
                c.drawString(x, y, s)
            elif op[0] == "grid":
                _, x0, y_top, widths, h, rows = op
                xs = [x0]
                for w in widths:
                    xs.append(xs[-1] + w)
                ys = [y_top - i * h for i in range(len(rows) + 1)]
                c.grid(xs, ys)
                c.setFont("STSong-Light", 10)
                for i, row in enumerate(rows):
                    for j, cell in enumerate(row):
                        if cell:
                            c.drawString(xs[j] + 3, ys[i] - h + 5, cell)
        c.showPage()
    c.save()
    return path


def test_pdf_sentence_with_lower_digits_is_rebuilt(tmp_path):
    pdf = make_pdf(tmp_path / "r.pdf", [[
        ("text", 72, 800, "机关运行经费支出"),
        ("text", 168, 795, "184.65", "Helvetica", 12),
        ("text", 204, 800, "万元，比上年增加"),
    ]])
    (page,), _ = load_pages(pdf)
    assert page.text == "机关运行经费支出184.65万元，比上年增加"


def test_pdf_running_header_and_page_numbers_are_dropped(tmp_path):
    pages = [
        [
            ("text", 72, 810, "某某局2024年度部门决算"),
            ("text", 72, 700, f"正文第{n}页的内容"),
            ("text", 290, 40, f"- {n} -", "Helvetica", 10),
        ]
        for n in range(1, 5)
    ]
    pages[2][2] = ("text", 290, 40, "3", "Helvetica", 10)  # bare page number
    loaded, _ = load_pages(make_pdf(tmp_path / "r.pdf", pages))
    assert [p.text for p in loaded] == [f"正文第{n}页的内容" for n in range(1, 5)]


def test_pdf_page_without_text_is_reported(tmp_path):
    pdf = make_pdf(tmp_path / "r.pdf", [[("text", 72, 800, "第一页")], []])
    pages, warnings = load_pages(pdf)
    assert pages[1].text == ""
    assert warnings == ["page 2 has no text layer (scanned?)"]  # the file name is added once, by whoever lists it


def test_pdf_without_any_text_raises_input_error(tmp_path):
    with pytest.raises(InputError, match="OCR"):
        load_pages(make_pdf(tmp_path / "r.pdf", [[], []]))


def test_pdf_cid_glyphs_are_stripped_and_reported(tmp_path):
    pdf = make_pdf(tmp_path / "r.pdf", [[("text", 72, 800, "机关运行经费"), ("text", 72, 700, "ok 12.5", "Helvetica", 12)]])
    data = pdf.read_bytes().replace(b"/Encoding /UniGB-UCS2-H", b"/Encoding /Identity-H  ")  # no Unicode map
    pdf.write_bytes(data)
    (page,), warnings = load_pages(pdf)
    assert "(cid:" not in page.text
    assert "ok 12.5" in page.text
    assert len(warnings) == 1 and "(cid:…)" in warnings[0] and "page(s) 1" in warnings[0]


def test_pdf_empty_ruled_grid_gives_no_table(tmp_path):
    pdf = make_pdf(tmp_path / "r.pdf", [[("text", 72, 800, "本表无数据"), ("grid", 72, 700, [100] * 7, 20, [[""] * 7] * 3)]])
    (page,), _ = load_pages(pdf)
    assert page.tables == ()


def test_pdf_table_gets_title_unit_and_header_from_lines_above(tmp_path):
    pdf = make_pdf(tmp_path / "r.pdf", [[
        ("text", 200, 780, "收 入 支 出 决 算 总 表", "STSong-Light", 16),
        ("text", 400, 750, "单位：万元"),
        ("grid", 72, 740, [150, 100, 60], 20, [["项目", "决算数", ""], ["合计", "1,228.72", ""], ["基本支出", "131.09", ""]]),
    ]])
    (page,), _ = load_pages(pdf)
    (table,) = page.tables
    assert table.title == "收入支出决算总表"
    assert table.unit == "万元"
    assert table.rows == (("项目", "决算数"), ("合计", "1,228.72"), ("基本支出", "131.09"))  # empty column dropped
    assert table.header_rows == 1
    assert table.page == 1 and table.row_pages == (1, 1, 1)


def test_pdf_table_running_onto_next_page_is_merged(tmp_path):
    body = [[f"{n}、支出", f"{n}.00"] for n in range(1, 31)]
    pdf = make_pdf(tmp_path / "r.pdf", [
        [("text", 72, 800, "收入支出决算总表"), ("text", 400, 780, "单位：元"),
         ("grid", 72, 770, [200, 120], 24, [["项目", "决算数"]] + body[:29])],
        [("grid", 72, 800, [200, 120], 24, body[29:] + [["总计", "465.00"]])],
    ])
    pages, _ = load_pages(pdf)
    (table,) = pages[0].tables
    assert pages[1].tables == ()
    assert table.title == "收入支出决算总表" and table.unit == "元"
    assert table.header == (("项目", "决算数"),)
    assert table.rows[-1] == ("总计", "465.00")
    assert table.row_pages[-2:] == (2, 2) and table.row_pages[0] == 1
    assert "总计 465.00" in pages[1].text


def test_pdf_table_after_text_on_next_page_is_not_merged(tmp_path):
    pdf = make_pdf(tmp_path / "r.pdf", [
        [("text", 72, 800, "甲表"), ("text", 400, 780, "单位：万元"), ("grid", 72, 770, [200, 120], 24, [["项目", "金额"]] + [["a", "1.00"]] * 29)],
        [("text", 72, 800, "乙表"), ("text", 400, 780, "单位：万元"), ("grid", 72, 770, [200, 120], 24, [["项目", "金额"], ["b", "2.00"]])],
    ])
    pages, _ = load_pages(pdf)
    assert [t.title for t in pages[0].tables] == ["甲表"]
    assert [t.title for t in pages[1].tables] == ["乙表"]


def test_progress_is_reported_per_pdf_page(tmp_path):
    pdf = make_pdf(tmp_path / "r.pdf", [[("text", 72, 800, "第一页")], [("text", 72, 800, "第二页")]])
    calls: list[tuple[int, int]] = []
    load_pages(pdf, on_progress=lambda done, total: calls.append((done, total)))
    assert calls == [(1, 2), (2, 2)]
