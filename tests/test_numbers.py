"""qa.text.numbers: figures as the reports print them."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from qa.text.numbers import (
    Number,
    convert_amount,
    exact_sum,
    find_numbers,
    is_subject_code,
    is_year,
    normalize_numbers,
    parse_number,
    same_amount,
    to_wan,
)

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"


def values(text: str) -> list[float]:
    return [n.value for n in find_numbers(text)]


# --- parse_number ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "printed, value",
    [
        ("1,228.72", 1228.72),
        ("2, 031. 52", 2031.52),
        ("1228.72", 1228.72),
        ("371,514,655.00", 371514655.0),
        ("１２３．４５", 123.45),
        ("-3.2", -3.2),
        ("－3.2", -3.2),
        ("0", 0.0),
        ("182. 71", 182.71),
        (" 995.33 ", 995.33),
    ],
)
def test_parses_figure_as_printed(printed, value):
    assert parse_number(printed) == pytest.approx(value)


def test_parses_number_with_space_after_comma():
    assert parse_number("1, 573. 80") == pytest.approx(1573.80)


def test_parse_number_drops_trailing_unit():
    assert parse_number("8.34 亿元") == pytest.approx(8.34)
    assert parse_number("12.5 %") == pytest.approx(12.5)


@pytest.mark.parametrize("bad", ["", "abc", "1、2", "6.26 6.26", "2024.03.11", "万元", "1, 2"])
def test_parse_number_rejects_non_numbers(bad):
    with pytest.raises(ValueError):
        parse_number(bad)


def test_parse_number_rejects_non_strings():
    with pytest.raises(ValueError):
        parse_number(12)  # type: ignore[arg-type]


# --- normalize_numbers -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("合计 2, 031. 52", "合计 2031.52"),
        ("收入合计 1,228.72 万元", "收入合计 1228.72万元"),
        ("１２３．４５", "123.45"),
        ("增长 12.5 %", "增长 12.5%"),
        ("完成年初预算的126.3%", "完成年初预算的126.3%"),
        ("规模达 8.34 亿元", "规模达 8.34亿元"),
        ("减少－3.2万元", "减少-3.2万元"),
        ("完成预算 100％。", "完成预算 100%。"),
    ],
)
def test_normalizes_figures(text, expected):
    assert normalize_numbers(text) == expected


@pytest.mark.parametrize(
    "row",
    [
        "2101301 城乡医疗救助 995.33 995.33",
        "208 社会保障和就业支出 6.26 6.26",
        "栏次 1 2 3",
        "合 计 1228.72 131.09 1097.63",
    ],
)
def test_normalize_keeps_adjacent_numbers_apart(row):
    assert normalize_numbers(row) == row


def test_normalize_drops_thousands_separators_but_keeps_three_numbers():
    assert normalize_numbers("1,228.72 131.09 1,097.63") == "1228.72 131.09 1097.63"


def test_normalize_leaves_list_numbers_alone():
    assert normalize_numbers("1、2、3") == "1、2、3"
    assert normalize_numbers("第1, 2项") == "第1, 2项"


def test_normalize_keeps_ranges_and_dates():
    assert normalize_numbers("年初目标值 6-9 个月") == "年初目标值 6-9个月"
    assert normalize_numbers("填报日期：2024.03.11") == "填报日期：2024.03.11"
    assert normalize_numbers("医保局 2018-2021 年") == "医保局 2018-2021 年"


def test_normalize_real_tab_separated_row():
    row = "\t\t\t合计\t\t2, 031. 52\t1, 573. 80"
    assert normalize_numbers(row) == "\t\t\t合计\t\t2031.52\t1573.80"


# --- find_numbers ------------------------------------------------------------------------------------


def test_find_numbers_reports_unit_offsets_and_printed_text():
    text = "收、支总计 1228.72万元，增长 10.3 %"
    a, b = find_numbers(text)
    assert (a.value, a.unit, a.kind, a.decimals) == (1228.72, "万元", "amount", 2)
    assert text[a.start:a.end] == a.text == "1228.72万元"
    assert (b.value, b.unit, b.kind, b.decimals) == (10.3, "%", "percent", 1)
    assert b.text == "10.3 %"


def test_number_is_frozen():
    n = find_numbers("995.33")[0]
    assert isinstance(n, Number)
    with pytest.raises(Exception):
        n.value = 1  # type: ignore[misc]


def test_unit_broken_over_two_lines_is_joined():
    (n,) = find_numbers("机关运行经费支出 94.88 万\n\n元")
    assert (n.value, n.unit) == (94.88, "万元")


@pytest.mark.parametrize(
    "text, unit",
    [
        ("全年救助 8284 人次", "人次"),
        ("累计接待2360批次", "批次"),  # (not 批 and a stray 次)
        ("全区 15.22 万人参加", "万人"),
        ("共有车辆 1 辆", "辆"),
        ("共涉及项目 7个", "个"),
        ("金额 13107096.05 元", "元"),
        ("医保基金筹资规模达 8.34 亿元", "亿元"),
        ("开展检查 626 家次", "家次"),
    ],
)
def test_finds_units(text, unit):
    (n,) = find_numbers(text)
    assert n.unit == unit


def test_number_followed_by_next_line_is_not_given_a_unit():
    # a table row ends with a figure and the next row starts with 人员经费
    (n,) = find_numbers("1,228.72\n人员经费合计")
    assert n.unit is None


def test_year_is_told_apart_from_amount():
    kinds = {n.text: n.kind for n in find_numbers("2023年度收入合计 1228.72万元；截至 2023 年 12 月 31 日")}
    assert kinds["1228.72万元"] == "amount"
    assert [n.kind for n in find_numbers("与 2022 年度相比")] == ["year"]


def test_subject_code_is_told_apart_from_amount():
    found = find_numbers("2101301   城乡医疗救助 995.33 995.33")
    assert [n.kind for n in found] == ["code", "number", "number"]


def test_counting_word_after_code_shaped_number_is_a_count():
    (n,) = find_numbers("查处违规定点医药机构 523 家")
    assert (n.kind, n.unit) == ("count", "家")


def test_list_ordinals_are_marked():
    assert [n.kind for n in find_numbers("1.社会保障和就业支出")] == ["ordinal"]
    assert [n.kind for n in find_numbers("（3）卫生健康支出")] == ["ordinal"]


def test_list_ordinal_glued_to_year_gives_the_year():
    (n,) = find_numbers("10.2023 年特殊人群保费资助资金")
    assert (n.value, n.kind) == (2023, "year")


def test_minus_after_digit_is_a_range_not_a_sign():
    assert values("6-9 个月") == [6, 9]
    assert values("（1＋2－3）栏") == [1, 2, 3]
    assert values("增长-3.2%") == [-3.2]


def test_dotted_dates_are_not_figures():
    assert values("2025.1.1-2025.12.31") == []


def test_comma_followed_by_one_digit_is_two_numbers():
    assert values("1, 2") == [1, 2]
    assert values("1,2345") == [1, 2345]


def test_point_space_with_three_digits_is_two_numbers():
    # "1. 2024 年…": an item number then a year, not 1.2024
    assert values("1. 2024 年度") == [1, 2024]


def test_full_width_digits():
    (n,) = find_numbers("合计１２３．４５万元")
    assert (n.value, n.unit, n.decimals) == (123.45, "万元", 2)


@pytest.mark.parametrize(
    "name, line",
    [
        ("wuhan-huangpi-2024-final.txt", "2, 031. 52"),
        ("wuhan-qingshan-2023-final.txt", "1,228.72 131.09 1,097.63"),
    ],
)
def test_real_corpus_lines_parse_into_separate_figures(name, line):
    path = CORPUS / name
    if not path.exists():
        pytest.skip(f"corpus file {path} not present")
    text = path.read_text(encoding="utf-8")
    found = [ln for ln in text.split("\n") if line in ln]
    assert found, f"{line!r} not in {name}"
    expected = len(re.findall(r"\d[\d,]*\.\s?\d+", line.replace(", ", ",")))
    figures = [n for n in find_numbers(line) if n.decimals == 2]
    assert len(figures) == expected


def test_no_figure_in_corpus_merges_two_table_cells():
    """Every two-decimal figure in the real reports has at most 9 integer digits and its decimals
    right after the point: a merged pair such as `6.26 6.26` -> 6.266.26 would break this."""
    for path in sorted(CORPUS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        for n in find_numbers(text):
            assert n.decimals <= 2, (path.name, n)
            assert abs(n.value) < 1e10, (path.name, n)


# --- helpers -----------------------------------------------------------------------------------------


def test_is_year():
    assert is_year("2023") and is_year("2023年") and is_year("2023 年度") and is_year("２０２３")
    assert not is_year("1228") and not is_year("2023.5") and not is_year("2101301") and not is_year("3000")


def test_is_subject_code():
    assert all(is_subject_code(s) for s in ("208", "21013", "2101301", "30101", "302"))
    assert not any(is_subject_code(s) for s in ("2023", "1228.72", "046001", "99", "12345678"))


def test_to_wan_converts_yuan_and_yi():
    assert to_wan(371514655.00, "元") == pytest.approx(37151.4655)
    assert to_wan(8.34, "亿元") == pytest.approx(83400)
    assert to_wan(1228.72, "万元") == pytest.approx(1228.72)
    assert to_wan(1228.72, None) == pytest.approx(1228.72)


def test_to_wan_rejects_non_money_units():
    with pytest.raises(ValueError, match="unit must be one of"):
        to_wan(12.5, "%")


def test_convert_amount_between_units():
    assert convert_amount(1, "亿元", "元") == pytest.approx(1e8)
    assert convert_amount(37151.47, "万元", "元") == pytest.approx(371514700)


def test_list_ordinal_glued_to_subject_code_gives_the_code():
    found = find_numbers("1.2080505 机关事业单位基本养老保险缴费支出 27 万元")
    assert [(n.value, n.kind) for n in found] == [(2080505, "code"), (27, "amount")]


# --- same_amount -------------------------------------------------------------------------------------


@pytest.mark.parametrize("a, ua, b, ub", [
    (371514655.00, "元", 37151.47, "万元"), (37151.47, "万元", 371514655.00, "元"), (83400, "万元", 8.34, "亿元"),
    (12287200, "元", 1228.72, "万元"), (1228.72, "万元", 1228.72, "万元"), (1228.72, None, 1228.72, "万元"),
    (15300, "元", 1.53, "万元"), (56150, "元", 5.6, "万元"), (5, "%", 5, "%"), (1.2345, "亿元", 12345, "万元"),
])
def test_same_amount_in_two_units_is_one_figure(a, ua, b, ub):
    assert same_amount(a, ua, b, ub)


@pytest.mark.parametrize("a, ua, b, ub", [
    (371514655.00, "元", 37151.48, "万元"), (1.53, "万元", 0, "万元"), (15400, "元", 1.53, "万元"), (5, "%", 5, "万元"),
    (5, "人", 5, "辆"), (1228.72, "万元", 1228.73, "万元"), (8.34, "亿元", 83500, "万元"),
])
def test_different_amounts_are_not_the_same(a, ua, b, ub):
    assert not same_amount(a, ua, b, ub)


def test_a_sum_keeps_the_precision_of_its_most_precise_term():
    """Rows printed to the 元 in 万元 (244.848000) add up to all their decimals; 2 decimals at least."""
    assert exact_sum([2500.123456, 820.29042]) == 3320.413876
    assert exact_sum([1.1, 2.2]) == 3.3 and exact_sum([5629, 2941, 5355]) == 13925
    assert exact_sum([0.105, 0.2]) == 0.305
