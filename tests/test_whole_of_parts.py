"""A whole a report states only by its parts (三公经费 as 因公出国（境）费 + 公务用车购置及运行维护费 + 公务接待费)."""
from __future__ import annotations

from qa.answer.whole_of_parts import whole_of_parts
from qa.models import Fact

from .test_operations import doc
from .test_readings import FactsIndex

SAID = "因公出国（境）费支出80万元；公务用车购置及运行费支出237万元；公务接待费支出101.26万元。"


def _parts(*names: str) -> list[Fact]:
    values = {"因公出国（境）费": 80.0, "公务用车购置及运行维护费": 237.0, "公务接待费": 101.26}
    return [Fact("d", n, "预算数", values[n], "万元", SAID) for n in names]


def test_a_whole_never_stated_is_the_sum_of_its_parts_each_cited():
    d = dict(doc(), kind="预算")
    facts = _parts("因公出国（境）费", "公务用车购置及运行维护费", "公务接待费")
    a = whole_of_parts("三公经费预算多少", "三公经费预算", facts, [d], FactsIndex(facts, [d]))
    assert a is not None and a.figures[0].value == 418.26 and "80 + " in a.figures[0].formula
    assert "各部分合计" in a.text and len(a.citations) >= 1


def test_no_sum_when_a_part_is_missing_or_the_whole_is_stated():
    d = dict(doc(), kind="预算")
    two = _parts("因公出国（境）费", "公务接待费")
    assert whole_of_parts("三公经费预算多少", "三公经费预算", two, [d], FactsIndex(two, [d])) is None
    stated = _parts("因公出国（境）费", "公务用车购置及运行维护费", "公务接待费") + [
        Fact("d", "三公经费", "预算数", 418.26, "万元", "“三公”经费预算418.26万元。")]
    assert whole_of_parts("三公经费预算多少", "三公经费预算", stated, [d], FactsIndex(stated, [d])) is None
