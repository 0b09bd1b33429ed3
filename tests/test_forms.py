"""qa.search.forms: the held reports' forms, gathered once, find the same scope as testing every form per question."""
from __future__ import annotations

import random
import re

import pytest

from qa.ingest.identity import identify
from qa.lexicon import gazetteer
from qa.lexicon.department_names import LEVEL_CHARS
from qa.search import forms as forms_module
from qa.search.forms import FormTable, HeldForms, region_forms
from qa.search.retrieve import Retriever, _filters, _passes
from qa.search.scope import HeldReport, find_scope
from qa.text.chars import longest_first

DEPARTMENTS = ("财政局", "医疗保障局", "民政局", "教育局", "卫生健康局", "人力资源和社会保障局", "市场监督管理局")
PLACES = ("上海市普陀区", "舟山市普陀区", "武汉市青山区", "武汉市黄陂区", "南昌市东湖区", "河源市和平县", "长沙市")
OTHERS = ("江苏省人大常委会办公厅", "江苏省高级人民法院", "国家信访局", "中共西安市委宣传部", "省委办公厅",
          "上海市普陀区人民政府石泉路街道办事处", "平潭综合实验区台湾工作部")
FILLERS = ("2023年", "2024年度", "决算", "预算", "部门决算", "的", "和", "对", "省", "市", "区", "县", "东湖区", "长沙",
           "审计局", "（款）", "三公经费", "支出是多少", "2019-2021年", "23年预算", "上海", "普陀", "人大")


def held(doc_id: str, department: str, year: int, kind: str = "决算") -> HeldReport:
    return HeldReport.of(doc_id, identify([f"{department}\n{year}年度部门{kind}\n目 录\n"], f"{doc_id}.pdf"))


@pytest.fixture(scope="module")
def reports() -> list[HeldReport]:
    names = [p + d for p in PLACES for d in DEPARTMENTS] + list(OTHERS)
    return [held(f"r{i}", name, 2019 + i % 7, "预算" if i % 3 == 2 else "决算") for i, name in enumerate(names)]


def questions(reports: list[HeldReport], n: int, seed: int = 0) -> list[str]:
    """Names, short forms, pieces of names and scope words of the held reports, run together."""
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        parts = []
        for _ in range(rng.randint(1, 4)):
            r = rng.choice(reports)
            parts.append(rng.choice([r.department, r.region or "", *r.department_aliases, r.department[rng.randrange(4):],
                                     rng.choice(FILLERS)]))
            parts.append(rng.choice(FILLERS) if rng.random() < 0.5 else "")
        out.append("".join(parts))
    return out


def subsets(reports: list[HeldReport], seed: int = 0) -> list[frozenset[str] | None]:
    """Every report, none, one year's, one place's, and a few drawn at random."""
    rng = random.Random(seed)
    return [None, frozenset(), frozenset(r.doc_id for r in reports if r.year == 2023),
            frozenset(r.doc_id for r in reports if r.region == "武汉市青山区"),
            *(frozenset(r.doc_id for r in rng.sample(reports, k)) for k in (1, 5, 20))]


# --------------------------------------------------------------------------------------------
# the reference: every form tested against the question, as qa.search.scope did before the forms were gathered once

_CJK_RE = re.compile(r"[\u4e00-\u9fff]")
from qa.search.forms import _NOT_PLACE_ENDS  # noqa: E402 (the reference reads the same characters)


def plain_longest_matches(q: str, forms: set[str], taken=()) -> list[tuple[int, int, str]]:
    hits, used = [], list(taken)
    for f in sorted(forms, key=longest_first):
        if f not in q:
            continue
        at = q.find(f)
        while at >= 0 and f:
            a, b = at, at + len(f)
            leveled = f[0] in LEVEL_CHARS and (f[1:].startswith("委") or any(g.startswith(f[1:]) for g in forms))
            in_a_place = any(gazetteer().lookup(q[a + 1 - n:a + 1], short=False) for n in range(2, a + 2))
            in_a_place = in_a_place or a > 0 and q[a - 1] in LEVEL_CHARS
            if not (leveled and a > 0 and _CJK_RE.match(q[a - 1]) and q[a - 1] not in _NOT_PLACE_ENDS and in_a_place):
                if all(b <= x or a >= y for x, y in used):
                    hits.append((a, b, f))
                    used.append((a, b))
            at = q.find(f, b)
    return sorted(hits)


def department_forms(reports) -> set[str]:
    return {f for r in reports if r.department for f in (r.department, *r.department_aliases)}


def test_department_matches_are_those_of_testing_every_form(reports):
    table = HeldForms.of(reports).departments
    for within in subsets(reports):
        mine = reports if within is None else [r for r in reports if r.doc_id in within]
        for q in questions(reports, 300, seed=len(mine)):
            assert table.longest_matches(q, within=within) == plain_longest_matches(q, department_forms(mine)), q


def test_region_matches_outside_taken_spans_are_those_of_testing_every_form(reports):
    table = HeldForms.of(reports).regions
    for within in subsets(reports):
        mine = reports if within is None else [r for r in reports if r.doc_id in within]
        forms = {f for r in mine for f in region_forms(r)}
        for q in questions(reports, 300, seed=7 + len(mine)):
            taken = [(len(q) // 3, len(q) // 2)]
            assert table.longest_matches(q, taken, within) == plain_longest_matches(q, forms, taken), q


def test_a_level_form_whose_rest_is_held_only_outside_the_subset_matches_inside_a_place_name():
    table = FormTable({"区财政局": (("东区财政局", frozenset({"a"})),), "财政局": (("西区财政局", frozenset({"b"})),)})
    assert table.longest_matches("东湖区财政局") == [(3, 6, "财政局")]  # 区 is a level word: 财政局 is held
    assert table.longest_matches("东湖区财政局", within={"a"}) == [(2, 6, "区财政局")]


def test_a_level_form_after_a_word_that_ends_no_place_matches():
    table = FormTable({"省委办公厅": (("中共江苏省委办公厅", frozenset({"a"})),), "委办公厅": (("X委办公厅", frozenset({"b"})),)})
    assert table.longest_matches("查一下省委办公厅2017年的办公费") == [(3, 8, "省委办公厅")]
    assert table.longest_matches("翻省委办公厅2017年的表") == [(1, 6, "省委办公厅")]
    assert table.longest_matches("江苏省委办公厅") == [(3, 7, "委办公厅")]  # (江苏省: a place ends at its 省)
    assert table.longest_matches("各市省委办公厅") == [(3, 7, "委办公厅")]  # (市省: levels said together)


def test_occurrences_of_a_form_do_not_overlap():
    assert FormTable({"aa": (), "a": ()}).occurrences("aaaaa") == {"a": [0, 1, 2, 3, 4], "aa": [0, 2]}


# --------------------------------------------------------------------------------------------
# find_scope and the Retriever


def test_scope_within_a_subset_is_the_scope_of_the_subset_alone(reports):
    gathered = HeldForms.of(reports)
    for within in subsets(reports, seed=1):
        mine = reports if within is None else [r for r in reports if r.doc_id in within]
        for q in questions(reports, 150, seed=3):
            assert find_scope(q, gathered, within) == find_scope(q, mine), q


def test_reports_below_a_region_are_those_whose_path_opens_with_it(reports):
    gathered = HeldForms.of(reports)
    keys = {k for r in reports for k in region_forms(r).values()} | {()}
    for within in subsets(reports, seed=2):
        for key in keys:
            expected = [r for r in reports if (within is None or r.doc_id in within)
                        and tuple(p.name for p in r.region_path)[: len(key)] == key]
            assert gathered.below_any([key], within) == expected, key


class _Index:
    """Just what Retriever.parse reads of an index: its documents' identity fields, and the subjects they print."""

    def __init__(self, reports: list[HeldReport]) -> None:
        self.documents = [{**r.to_dict(), "region_path": [(p.name, p.level, p.adcode) for p in r.region_path]}
                          for r in reports]

    def subjects_within(self, text, doc_ids):
        return []  # (no report prints a unit's row: a unit named as a department is refused, as when none is held)


def test_retriever_gathers_the_forms_once_for_all_questions_and_filters(reports, monkeypatch):
    calls = []
    real = HeldForms.of.__func__
    monkeypatch.setattr(forms_module.HeldForms, "of", classmethod(lambda cls, rs: calls.append(1) or real(cls, rs)))
    retriever = Retriever(_Index(reports))
    for q in questions(reports, 10):
        retriever.parse(q)
        retriever.parse(q, year=2023)
        retriever.parse(q, region="武汉市", kind="决算")
    assert len(calls) == 1


def test_retriever_filters_choose_as_if_only_the_passing_reports_were_held(reports):
    retriever = Retriever(_Index(reports))
    for filters in ({"year": 2023}, {"region": "武汉市"}, {"department": "医保局", "kind": "决算"}, {"year": 1990}):
        passing = [r for r in retriever.held if _passes(r, _filters(**filters))]
        for q in questions(reports, 40, seed=5):
            parsed = retriever.parse(q, **filters)
            assert parsed.doc_ids == find_scope(q, passing).doc_ids, (filters, q)


def test_a_question_naming_no_report_lists_every_report_latest_year_first():
    ids = [("a", "上海市普陀区财政局", 2024), ("b", "上海市普陀区财政局", 2025), ("c", "江苏省高级人民法院", 2025),
           ("d", "上海市普陀区司法局", 2023)]
    held_reports = [held(d, dept, year) for d, dept, year in ids]
    forms = HeldForms.of(held_reports)
    got = find_scope("公务接待费是多少", forms).doc_ids
    assert got == find_scope("公务接待费是多少", held_reports).doc_ids == forms.ordered_ids
    assert [d for d in got][:2] in (["b", "c"], ["c", "b"]) and got[-1] == "d"


def test_the_year_asked_is_the_first_named_in_two_digits_too_unless_compared_against():
    from .test_scope import held as held_report

    audit = [held_report("a25", "北京市审计局", 2025, "预算"), held_report("a26", "北京市审计局", 2026, "预算")]
    retriever = Retriever(_Index(audit))
    assert retriever.parse("按北京市审计局26年预算的说法倒推，2025年三公经费是多少？").year == 2026
    assert retriever.parse("按北京市审计局2026年预算的说法倒推，2025年三公经费是多少？").year == 2026
    assert retriever.parse("北京市审计局比25年多了多少，2026年三公经费").year == 2026
