"""The units (预算单位) a report covers, read from the sentence that lists them (qa/answer/member_units.py)."""
from __future__ import annotations

import pytest

from qa.answer.member_units import asks_units, listed_units
from qa.search.query import parse_question


@pytest.mark.parametrize("sentence, names", [
    ("从预算单位构成看，某市某局预算包括：局本级预算、局属某市某某休养所预算、局属某市服务中心预算和局属某市军用饮食供应和供水站预算。",
     ["局本级", "某市某某休养所", "某市服务中心", "某市军用饮食供应和供水站"]),
    ("某市审计局所属2个预算单位，分别为某市审计局本级和某市审计局综合事务中心。", ["某市审计局本级", "某市审计局综合事务中心"]),
    ("纳入本部门2024年部门预算编制范围的单位包括：1.某区财政局本级、2.某区财政所、3.某区国库收付中心。",
     ["某区财政局本级", "某区财政所", "某区国库收付中心"]),
    # a list of one, said so; the units left out are not listed
    ("纳入本部门2018年部门汇总预算编制范围的预算单位共计1家，仅包括某某厅机关本级，不含某宾馆（自收自支）和某某宾馆（自收自支）。",
     ["某某厅机关本级"]),
])
def test_a_sentence_listing_units_gives_their_names(sentence, names):
    assert listed_units(sentence) == names


@pytest.mark.parametrize("sentence", [
    "主要用于行政单位（包括实行公务员管理的事业单位）的基本支出。",
    "收入包括：一般公共预算拨款收入、其他收入；",
    "支出包括：社会保障和就业支出、卫生健康支出、住房保障支出。",
    "部门决算包括：某区财政局本级决算、下属行政事业单位决算。",  # a kind of unit, not a unit's name
])
def test_other_lists_name_no_units(sentence):
    assert listed_units(sentence) == []


def test_which_units_is_asked_by_a_unit_word_and_a_list_or_count_word():
    assert asks_units(parse_question("某局2026年部门预算包括哪几个预算单位？"))
    assert asks_units(parse_question("某局下属单位有几个？"))
    assert not asks_units(parse_question("某局下属单位一共有多少辆车？"))
    assert not asks_units(parse_question("某局2026年基本支出是多少？"))
