"""Readings one passage lists for separate things (一共追回多少), told from readings that disagree."""
from __future__ import annotations

from qa.answer.listed_readings import listed_readings, listed_sum_line
from qa.answer.match import Statement
from qa.models import Fact


def said(value: float, quote: str, lines: tuple[int, int], subject: str = "追回违规资金", unit: str = "万元") -> Fact:
    return Fact("d", subject, "决算数", value, unit, quote, None, None, None, lines)


LISTED = [said(76.83, "开展多轮次的自查自纠，追回违规资金 76.83 万元；", (10, 12)),
          said(10.45, "加强药店监管，追回违规资金10.45 万元，加倍扣减 8.28 万元；", (12, 14)),
          said(68.02, "对举报投诉现场核查情况进行处理，追回违规资金 68.02 万元，", (15, 18))]


def statements(facts):
    return [Statement.of(f) for f in facts]


def test_the_readings_one_passage_lists_are_added_with_their_formula():
    elsewhere = [said(260.77, "全年共计追回违规资金260.77万元。", (90, 92))]
    line, (total, *others) = listed_sum_line(statements(LISTED + elsewhere), LISTED + elsewhere)
    assert total.value == 155.3 and total.formula == "76.83 + 10.45 + 68.02 = 155.30万元"
    assert [f.value for f in total.facts] == [76.83, 10.45, 68.02]
    # (a larger total the report states elsewhere is the other answer to 一共多少: stated beside the sum)
    assert "155.30万元" in line and "另处所载：260.77万元" in line and [s.value for s in others] == [260.77]
    smaller = [said(1.54, "专项整治中追回违规资金1.54万元。", (60, 61))]
    line, got = listed_sum_line(statements(LISTED + smaller), LISTED + smaller)
    assert "1.54" not in line and len(got) == 1  # (an item of another passage: no total of these)


def test_a_count_of_the_readings_asked_beside_their_sum_is_said_in_the_counter_asked():
    line, _ = listed_sum_line(statements(LISTED), LISTED, "追回了几笔违规资金？加起来多少？")
    assert "共3笔" in line and "155.30万元" in line
    line, _ = listed_sum_line(statements(LISTED), LISTED, "一共追回多少违规资金？")
    assert "共3" not in line  # (no count asked: none said)
    line, _ = listed_sum_line(statements(LISTED), LISTED, "列出的几笔追回违规资金加起来有多少？")
    assert "共3" not in line  # (几笔 names the readings summed: no count asked)


def test_the_same_list_printed_again_later_is_the_same_list():
    again = [replace_lines(f, 100) for f in LISTED]
    assert [f.value for f in listed_readings(statements(LISTED + again), LISTED + again)] == [76.83, 10.45, 68.02]


def replace_lines(f: Fact, shift: int) -> Fact:
    return Fact(f.doc_id, f.subject, f.measure, f.value, f.unit, f.quote, f.table, f.subject_code, f.page,
                (f.lines[0] + shift, f.lines[1] + shift))


def test_readings_far_apart_are_no_list():
    apart = [said(76.83, "追回违规资金 76.83 万元；", (10, 11)), said(10.45, "追回违规资金10.45 万元；", (40, 41))]
    assert listed_readings(statements(apart), apart) == []
    assert listed_sum_line(statements(apart), apart) is None


def test_parts_of_two_wholes_and_two_readings_in_one_sentence_are_no_list():
    wholes = [said(50, "在职实有人数 56 人，其中：行政编制 6 人，事业编制 50 人。", (5, 5), subject="事业编制", unit="人"),
              said(55, "总编制人数 62 人，其中：行政编制 7 人，事业编制 55 人。", (6, 6), subject="事业编制", unit="人")]
    assert listed_readings(statements(wholes), wholes) == []
    one = "年度目标开展培训900场，实际完成947场。"
    target = [said(900, one, (3, 3), subject="开展培训", unit="场"), said(947, one, (3, 3), subject="开展培训", unit="场")]
    assert listed_readings(statements(target), target) == []


def test_a_table_row_or_a_lexicon_item_has_one_figure_per_measure_and_no_list():
    row = [Fact("d", "追回违规资金", "决算数", 1.0, "万元", "追回违规资金 1.00", "某表", None, 1, (1, 1))]
    assert listed_readings(statements(LISTED), LISTED + row) == []
    coded = [Fact("d", "行政运行", "决算数", v, "万元", f"{code}行政运行{v}万元。", None, code, None, (i, i))
             for i, code, v in ((1, "2013101", 4.89), (2, "2012601", 144.62))]
    assert listed_readings(statements(coded), coded) == []
    named = [said(v, f"三公经费{v}万元。", (i, i), subject="三公经费") for i, v in ((1, 4.89), (2, 144.62))]
    assert listed_readings(statements(named), named) == []
