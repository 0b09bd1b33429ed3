"""Names a report numbers under a heading of their own, answered when the question names that heading."""
from __future__ import annotations

from qa.answer.headed_lists import headed_lists, lists_named
from qa.models import Chunk

PART_ONE = Chunk("c1", "d", "r.pdf", "三、部门机构设置和所属单位情况\n本部门包括 3 个内设机构、1 个下属差额拨款事业单位和1个派出机构：\n"
                 "（一）机关内设机构\n1、办公室\n2、组织人事处\n3、立案庭\n（二）下属差额拨款事业单位", page=6)
PART_TWO = Chunk("c2", "d", "r.pdf", "1、江苏省法官培训学院\n（三）派出机构\n1、徐州铁路运输法院\n从预算单位构成看，预算单位共2家。", page=7)


def test_names_numbered_under_a_heading_are_read_across_chunks():
    lists = headed_lists([PART_ONE, PART_TWO])
    assert [(h.heading, h.names) for h in lists] == [
        ("机关内设机构", ("办公室", "组织人事处", "立案庭")),
        ("下属差额拨款事业单位", ("江苏省法官培训学院",)),  # (its name in the next chunk)
        ("派出机构", ("徐州铁路运输法院",)),
    ]


def test_the_lists_a_question_names_by_their_heading():
    chunks = [PART_ONE, PART_TWO]
    assert [h.names for h in lists_named("省高院2018年的下属差额拨款事业单位是哪一家？", chunks)] == [("江苏省法官培训学院",)]
    both = lists_named("下属的差额拨款事业单位和派出机构分别是哪家？", chunks)  # (a 的 put in names it too)
    assert [h.heading for h in both] == ["下属差额拨款事业单位", "派出机构"]
    assert lists_named("包括哪些预算单位？", chunks) == []  # (no heading written out: the sentence listing units answers)


def test_a_question_naming_a_heading_is_answered_with_its_names_not_every_unit(index_of):
    import qa
    from .conftest import tiny_report

    body = ("三、部门机构设置和所属单位情况\n本部门包括 3 个内设机构、1 个下属差额拨款事业单位和1个派出机构，具体包括：\n"
            "（一）机关内设机构\n1、办公室\n2、组织人事处\n3、立案庭\n（二）下属差额拨款事业单位\n1、江苏省测试培训学院\n"
            "（三）派出机构\n1、徐州测试法院\n从预算单位构成看，纳入本部门2018年度部门汇总预算编制范围的预算单位共2家，"
            "包括：江苏省测试局机关（本级）、徐州测试法院。\n")
    settings = index_of({"units.txt": tiny_report("江苏省", 2018, body, kind="预算")})
    a = qa.ask("江苏省测试局2018年的下属差额拨款事业单位是哪一家？", settings=settings)
    assert a.found and "江苏省测试培训学院" in a.text and "徐州测试法院" not in a.text
    assert any("江苏省测试培训学院" in c.quote for c in a.citations)
