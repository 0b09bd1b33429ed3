"""The kinds a count is made of: the whole a sentence counts and the parts it lists after 其中."""
from __future__ import annotations

import pytest

from qa.answer.count_kinds import answer_count_kinds
from qa.models import Fact
from qa.search.query import parse_question

from .test_operations import doc
from .test_readings import FactsIndex

HELD = "截至2024年12月31日，本局共有车辆15辆，其中，领导干部用车1辆、机要通信用车2辆、应急保障用车2辆、其他用车10辆。"


def _cars() -> list[Fact]:
    rows = (("车辆", 15.0), ("领导干部用车", 1.0), ("机要通信用车", 2.0), ("应急保障用车", 2.0), ("其他用车", 10.0))
    return [Fact("d", name, "车辆数", v, "辆", HELD) for name, v in rows] + [
        Fact("d", "年末实际保有量", "车辆数", 15.0, "辆", "本局没有购置车辆，年末实际保有量为15辆。")]


@pytest.mark.parametrize("question", ["测试局2024年底那15辆车都是什么车，各有几辆？", "测试局2024年一共有多少辆车？分哪几类？"])
def test_a_count_asked_by_its_kinds_is_answered_with_the_parts_its_sentence_lists(question):
    a = answer_count_kinds(question, parse_question(question), ["d"], FactsIndex(_cars(), [doc()]))
    assert a is not None and a.found
    assert [f.value for f in a.figures] == [15.0, 1.0, 2.0, 2.0, 10.0]
    assert "机要通信用车2辆" in a.text and a.citations and a.citations[0].quote.startswith("截至2024年")


@pytest.mark.parametrize("question", ["测试局2024年一共有多少辆车？", "测试局2024年机要通信用车几辆"])
def test_a_count_asked_without_its_kinds_is_left_to_the_lookup(question):
    assert answer_count_kinds(question, parse_question(question), ["d"], FactsIndex(_cars(), [doc()])) is None


def test_parts_that_add_up_to_more_than_the_whole_are_no_kinds_of_it():
    facts = [Fact("d", "车辆", "车辆数", 3.0, "辆", "共有车辆3辆，其中，甲车2辆、乙车2辆。"),
             Fact("d", "甲车", "车辆数", 2.0, "辆", "共有车辆3辆，其中，甲车2辆、乙车2辆。"),
             Fact("d", "乙车", "车辆数", 2.0, "辆", "共有车辆3辆，其中，甲车2辆、乙车2辆。")]
    question = "测试局2024年的车都是什么车？"
    assert answer_count_kinds(question, parse_question(question), ["d"], FactsIndex(facts, [doc()])) is None
