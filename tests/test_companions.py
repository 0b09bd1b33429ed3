"""A report published in two files is cited from both where both state the figure (qa/answer/companions.py)."""
from __future__ import annotations

from qa.answer.companions import companion_citations
from qa.models import Answer, Citation, Fact, Figure

from .test_operations import cell, doc


class TwoFiles:
    def __init__(self, docs, facts):
        self.documents_by_id = {d["doc_id"]: d for d in docs}
        self._facts = facts

    def facts(self, doc_ids):
        return [f for f in self._facts if f.doc_id in set(doc_ids)]


def answer(value: float) -> Answer:
    return Answer(question="测试局2024年三公经费多少", found=True, text=f"测试局：三公经费 {value}万元。",
                  figures=(Figure(value, "万元", "测试局 三公经费"),),
                  citations=(Citation(source="t.txt", quote=f"三公经费 {value:,.2f}"),))


def test_the_other_file_stating_the_same_item_and_amount_is_cited_too():
    docs = [doc("t"), doc("n"), doc("other", department="别的局")]
    said = Fact("n", "三公经费", "预算数", 767.6, "万元", "“三公”经费预算767.60万元", None, None, 15)
    index = TwoFiles(docs, [cell("三公经费", None, "预算数", 767.6, doc_id="t"), said,
                            Fact("other", "三公经费", "预算数", 767.6, "万元", "别的局三公经费767.6万元", None, None, 3)])
    got = companion_citations(answer(767.6), ["t", "n", "other"], index)
    assert [c.source for c in got.citations] == ["t.txt", "n.txt"]  # (another department's report is no companion)


def test_another_amount_or_another_item_adds_no_citation():
    docs = [doc("t"), doc("n")]
    index = TwoFiles(docs, [Fact("n", "三公经费", "预算数", 833.6, "万元", "三公经费833.6万元", None, None, 1),
                            Fact("n", "会议费", "预算数", 767.6, "万元", "会议费767.6万元", None, None, 1)])
    got = companion_citations(answer(767.6), ["t", "n"], index)
    assert [c.source for c in got.citations] == ["t.txt"]


def test_the_inputs_of_a_computed_figure_are_cited_from_the_other_file_too():
    docs = [doc("t"), doc("n")]
    index = TwoFiles(docs, [cell("一般公共服务支出", "201", "预算数", 20153.75, doc_id="t"),
                            cell("一般行政管理事务", "2013102", "预算数", 12081.46, doc_id="t"),
                            cell("住房保障支出", "221", "预算数", 3015.16, doc_id="t")])
    a = Answer(question="测试局2018年一般行政管理事务占一般公共服务支出的比例", found=True,
               text="测试局：占比（一般行政管理事务÷一般公共服务支出）59.95%（计算：12081.46 ÷ 20153.75 = 59.95%）。",
               figures=(Figure(59.95, "%", "占比", "12081.46 ÷ 20153.75 = 59.95%"),),
               citations=(Citation(source="n.txt", quote="一般行政管理事务（项）支出12081.46万元"),))
    got = companion_citations(a, ["t", "n"], index)
    assert sorted(c.quote for c in got.citations if c.source == "t.txt") == sorted(
        f.quote for f in index.facts(["t"]) if f.subject != "住房保障支出")


def test_the_other_file_stating_the_whole_only_as_its_parts_is_cited_by_those_parts():
    """三公经费 509.20 from the tables file; the narrative states 因公出国 70, 公务用车 411.20 and 公务接待 28, which add
    up to it: those sentences are cited. Parts that do not add up are not."""
    docs = [doc("t"), doc("n")]
    parts = [Fact("n", "因公出国（境）费", "预算数", 70.0, "万元", "因公出国（境）费支出70万元", None, None, 11),
             Fact("n", "因公出国（境）费", "占比", 13.75, "%", "因公出国（境）费支出70万元", None, None, 11),
             Fact("n", "公务用车购置及运行维护费", "预算数", 411.2, "万元", "公务用车购置及运行费支出411.20万元", None, None, 11),
             Fact("n", "公务接待费", "预算数", 28.0, "万元", "公务接待费支出28万元", None, None, 11)]
    index = TwoFiles(docs, [cell("三公经费", None, "预算数", 509.2, doc_id="t"), *parts])
    got = companion_citations(answer(509.2), ["t", "n"], index)
    assert sorted(c.quote for c in got.citations if c.source == "n.txt") == sorted({f.quote for f in parts})
    assert [c.source for c in companion_citations(answer(510.2), ["t", "n"], index).citations] == ["t.txt"]


def test_the_inputs_named_shorter_in_a_computed_figure_are_cited_from_the_other_file_too():
    """`服务是货物的 19.89 倍`: the narrative's 政府采购服务 and 政府采购货物 are the inputs named in full."""
    docs = [doc("t"), doc("n")]
    quote = "政府采购货物预算238.78万元，政府采购服务预算4749.95万元。"
    index = TwoFiles(docs, [Fact("n", "政府采购货物", "预算数", 238.78, "万元", quote, None, None, 5),
                            Fact("n", "政府采购服务", "预算数", 4749.95, "万元", quote, None, None, 5),
                            Fact("n", "会议费", "预算数", 238.78, "万元", "会议费238.78万元", None, None, 6)])
    a = Answer(question="测试局2026年服务类预算是货物类预算的几倍", found=True,
               text="测试局：服务是货物的 19.89 倍（计算：4749.95 ÷ 238.78 = 19.89倍）。",
               figures=(Figure(19.89, "倍", "服务÷货物", "4749.95 ÷ 238.78 = 19.89倍"),),
               citations=(Citation(source="t.txt", quote="C-服务 4,749.949530"),))
    got = companion_citations(a, ["t", "n"], index)
    assert [c.quote for c in got.citations if c.source == "n.txt"] == [quote]
