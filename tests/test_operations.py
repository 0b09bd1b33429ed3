"""Operations over a report's table rows and across reports, on generated facts tables."""
from __future__ import annotations

from dataclasses import replace

import random
import re

import pytest

from qa.answer.operations import answer_operation
from qa.answer.rows import select_rows
from qa.models import Fact
from qa.search.operation import parse_operation
from qa.search.query import Query, parse_question
from qa.text.numbers import format_value

TABLE = "一般公共预算财政拨款支出决算表"


class FakeIndex:
    """What the operations read of an index: the documents by id."""

    def __init__(self, docs: list[dict]) -> None:
        self.documents_by_id = {d["doc_id"]: d for d in docs}


def doc(doc_id: str = "d", department: str = "测试局", year: int = 2024) -> dict:
    return {"doc_id": doc_id, "title": f"{department}{year}年度部门决算", "source": f"{doc_id}.txt",
            "department": department, "region": None, "year": year, "kind": "决算"}


def cell(subject, code, measure, value, unit="万元", table=TABLE, doc_id="d", page=1) -> Fact:
    return Fact(doc_id, subject, measure, value, unit, f"{code or ''} {subject} {value:,.2f}", table, code, page)


def functional_table(seed: int, doc_id: str = "d", unit: str = "万元") -> list[Fact]:
    """类 / 款 / 项 rows with consistent totals, random 项 amounts (two decimals, all distinct)."""
    rng = random.Random(seed)
    facts: list[Fact] = []
    grand = 0.0
    for c in range(rng.randint(2, 4)):
        cls = f"2{c + 1:02d}"
        cls_rows, cls_total = [], 0.0
        for k in range(rng.randint(1, 3)):
            kuan = f"{cls}{k + 1:02d}"
            items = [(f"{kuan}{i + 1:02d}", round(rng.uniform(1, 3000), 2) + i / 1000) for i in range(rng.randint(1, 4))]
            items = [(code, round(v, 2)) for code, v in items]
            sub = round(sum(v for _, v in items), 2)
            cls_rows.append(cell(f"款{kuan}", kuan, "合计", sub, doc_id=doc_id))
            cls_rows += [cell(f"项{code}", code, "合计", v, doc_id=doc_id) for code, v in items]
            cls_total += sub
        facts.append(cell(f"类{cls}支出", cls, "合计", round(cls_total, 2), doc_id=doc_id))
        facts += cls_rows
        grand += cls_total
    facts.insert(0, cell("合计", None, "合计", round(grand, 2), doc_id=doc_id))
    if unit == "元":
        facts = [Fact(f.doc_id, f.subject, f.measure, round(f.value * 10000, 2), "元", f.quote, f.table, f.subject_code, f.page)
                 for f in facts]
    return facts


def items(facts: list[Fact]) -> list[Fact]:
    return [f for f in facts if f.subject_code and len(f.subject_code) == 7]


def ask(question: str, facts: list[Fact], docs: list[dict] | None = None):
    docs = docs or [doc()]
    query = Query(text=question, topic=question, operation=parse_operation(question))
    item = re.sub("|".join([r"\d{4}年", *(d["department"] for d in docs)]), "", question)
    return answer_operation(question, query, item, facts, docs, FakeIndex(docs))


def numbers(text: str) -> list[float]:
    return [float(x.replace(",", "")) for x in re.findall(r"\d[\d,]*(?:\.\d+)?", text)]


@pytest.mark.parametrize("seed", range(8))
def test_count_over_threshold_counts_every_row_of_the_level(seed):
    facts = functional_table(seed)
    expected = [f for f in items(facts) if f.value > 1000]
    a = ask("测试局2024年有几个项级科目超过1000万元？", facts)
    assert a is not None and a.found
    assert a.figures[0].value == len(expected)
    assert f"共 {len(expected)} 个" in a.text
    assert len(a.citations) == max(len(expected), 1) or not expected


@pytest.mark.parametrize("seed", range(8))
def test_threshold_in_wan_applies_to_a_table_in_yuan(seed):
    facts = functional_table(seed, unit="元")
    expected = [f for f in items(facts) if f.value > 1000 * 10000]
    a = ask("测试局2024年有几个项级科目超过1000万元？", facts)
    assert a.figures[0].value == len(expected)


@pytest.mark.parametrize("seed", range(8))
def test_max_names_the_largest_row_and_cites_it(seed):
    facts = functional_table(seed)
    best = max(items(facts), key=lambda f: f.value)
    a = ask("测试局2024年哪个项级科目支出最多？", facts)
    assert best.subject in a.text
    assert [c.quote for c in a.citations] == [best.quote]


@pytest.mark.parametrize("seed", range(8))
def test_min_names_the_smallest_row(seed):
    facts = functional_table(seed)
    worst = min(items(facts), key=lambda f: f.value)
    a = ask("测试局2024年哪个项级科目支出最少？", facts)
    assert worst.subject in a.text and a.figures[0].value == worst.value


@pytest.mark.parametrize("seed", range(8))
def test_rank_lists_the_top_n_in_order(seed):
    facts = functional_table(seed)
    ordered = sorted(items(facts), key=lambda f: -f.value)[:3]
    a = ask("测试局2024年支出最多的三个项级科目是哪些？", facts)
    positions = [a.text.index(f"{f.subject} ") for f in ordered]
    assert positions == sorted(positions)
    assert [fig.value for fig in a.figures] == [f.value for f in ordered]


@pytest.mark.parametrize("seed", range(4))
def test_a_ranked_list_states_each_row_once(seed):
    """Three rows ranked: each name with its figure as printed and read in 万元, no 科目编码 (the citation's row
    holds it) — a code is one more number to find the answer among."""
    facts = functional_table(seed, unit="元")
    ordered = sorted(items(facts), key=lambda f: -f.value)[:3]
    a = ask("测试局2024年支出最多的三个项级科目是哪些？", facts)
    for f in ordered:
        assert f"{f.subject} {format_value(f.value)}元" in a.text
        assert f"（{f.subject_code}）" not in a.text
        assert f"（{format_value(round(f.value / 10000, 2))}万元）" in a.text


def test_a_code_is_said_when_two_ranked_rows_share_a_name():
    facts = [cell("行政运行", "2010101", "合计", 30.0), cell("行政运行", "2080101", "合计", 20.0),
             cell("事业运行", "2010150", "合计", 10.0)]
    a = ask("测试局2024年支出最多的两个项级科目是哪些？", facts)
    assert "行政运行（2010101）" in a.text and "行政运行（2080101）" in a.text


@pytest.mark.parametrize("seed", range(8))
def test_level_follows_the_question(seed):
    facts = functional_table(seed)
    op = parse_operation("哪一类支出最多")
    rs = select_rows(op, "哪一类支出最多", facts)
    assert rs.level == "类" and all(len(r.code) == 3 for r in rs.rows)
    rs = select_rows(parse_operation("哪个款级科目最多"), "哪个款级科目最多", facts)
    assert rs.level == "款" and all(len(r.code) == 5 for r in rs.rows)


@pytest.mark.parametrize("seed", range(4))
def test_finest_level_when_none_is_asked(seed):
    facts = functional_table(seed)
    rs = select_rows(parse_operation("哪个科目最多"), "哪个科目最多", facts)
    assert rs.level == "项"


@pytest.mark.parametrize("seed", range(4))
def test_excluded_subject_is_left_out(seed):
    facts = functional_table(seed)
    classes = sorted((f for f in facts if f.subject_code and len(f.subject_code) == 3), key=lambda f: -f.value)
    q = f"除了{classes[0].subject}，哪一类支出最多？"
    a = ask(q, facts)
    assert a.figures[0].value == classes[1].value


@pytest.mark.parametrize("seed", range(6))
def test_sum_adds_every_row_and_cites_all(seed):
    facts = functional_table(seed)
    rows = [f for f in items(facts) if f.value > 500]
    a = ask("测试局2024年超过500万元的项级科目一共多少钱？", facts)
    assert a.figures[0].value == pytest.approx(round(sum(f.value for f in rows), 2))
    assert len(a.citations) == len(rows)


def test_projects_skip_subtotal_rows():
    t = "项目支出预算表"
    facts = [cell("合计", None, "合计", 1000, table=t), cell("测试局", None, "合计", 1000, table=t),
             cell("甲项目", None, "合计", 600, table=t), cell("乙项目", None, "合计", 300, table=t),
             cell("丙项目", None, "合计", 100, table=t)]
    facts = [Fact(f.doc_id, f.subject, f.measure, f.value, f.unit, f.quote, f.table, f.subject_code, 1, (i, i))
             for i, f in enumerate(facts)]
    a = ask("测试局2024年超过200万元的项目有几个？", facts)
    assert a.figures[0].value == 2 and "测试局、" not in a.text


def test_no_rows_no_answer():
    assert ask("测试局2024年有几个项级科目超过1000万元？", [cell("三公经费", None, "合计", 5, table=None)]) is None


def test_a_plain_lookup_is_left_to_the_lookup_path():
    assert ask("测试局2024年行政运行支出是多少？", functional_table(1)) is None


def test_sum_across_reports_cites_each_report():
    docs = [doc("a", "甲局"), doc("b", "乙局")]
    facts = [cell("机关运行经费", None, "合计", 627.04, table=None, doc_id="a"),
             cell("机关运行经费", None, "合计", 10.23, table=None, doc_id="b")]
    a = ask("甲局和乙局的机关运行经费加起来一共多少？", facts, docs)
    assert a is not None and "637.27" in a.text
    assert {c.source for c in a.citations} == {"a.txt", "b.txt"}


def test_difference_across_reports_names_the_larger():
    docs = [doc("a", "甲局"), doc("b", "乙局")]
    facts = [cell("机关运行经费", None, "合计", 244.85, table=None, doc_id="a"),
             cell("机关运行经费", None, "合计", 458.5, table=None, doc_id="b")]
    a = ask("甲局和乙局的机关运行经费哪家多？多多少？", facts, docs)
    assert "乙局更多" in a.text and "213.65" in a.text


def test_the_highest_of_several_reports_less_the_lowest_when_asked_how_much_higher():
    docs = [doc("a", "甲局"), doc("b", "乙局"), doc("c", "丙局")]
    facts = [cell("机关运行经费", None, "合计", v, table=None, doc_id=d) for d, v in (("a", 13.71), ("b", 7.78), ("c", 94.88))]
    a = ask("甲局、乙局、丙局的机关运行经费谁最高？比最低的高多少？", facts, docs)
    assert a is not None and "87.1" in a.text and "94.88 − 7.78" in a.text
    b = ask("甲局、乙局、丙局的机关运行经费谁最高？", facts, docs)  # (no difference asked: the order alone)
    assert b is not None and "87.1" not in b.text


def test_change_between_two_years_of_one_department():
    docs = [doc("a", "甲局", 2023), doc("b", "甲局", 2024)]
    facts = [cell("机关运行经费", None, "合计", 100, table=None, doc_id="a"),
             cell("机关运行经费", None, "合计", 80, table=None, doc_id="b")]
    a = ask("甲局机关运行经费2024年比2023年多了还是少了，差多少？", facts, docs)
    assert "减少 20" in a.text and "-20%" in a.text and "（2024年）" in a.text
    # a year's budget against another year's final account: each report's kind said beside its year
    docs[1]["kind"] = "预算"
    a = ask("甲局机关运行经费2024年预算比2023年决算少了多少？", facts, docs)
    assert "（2024年预算）" in a.text and "（2023年决算）" in a.text and "减少 20" in a.text


def test_projects_of_self_evaluation_tables_are_counted_across_their_tables():
    names = [f"项目{i}" for i in range(5)]
    facts = [cell(n, None, "全年预算数", 100 + i, table=f"{n}绩效自评表") for i, n in enumerate(names)]
    facts += [cell(n, None, "执行数", 90 + i, table=f"{n}绩效自评表") for i, n in enumerate(names)]
    a = ask("测试局2024年有多少个项目？", facts)
    assert a.figures[0].value == 5 and all(n in a.figures[0].formula for n in names)
    assert len(a.citations) == 5


def project_rows(seed: int) -> list[Fact]:
    """Projects of self-evaluation tables with random budgets and spending (some over budget)."""
    rng = random.Random(seed)
    facts = []
    for i in range(rng.randint(3, 9)):
        name, table = f"项目{i}", f"项目{i}绩效自评表"
        budget = round(rng.uniform(10, 500), 2)
        spent = round(budget * rng.uniform(0.5, 1.2), 2)
        facts += [cell(name, None, "全年预算数", budget, table=table), cell(name, None, "执行数", spent, table=table)]
    return facts


@pytest.mark.parametrize("seed", range(6))
def test_rows_over_their_budget_are_counted_against_their_own_budget(seed):
    facts = project_rows(seed)
    budget = {f.subject: f.value for f in facts if f.measure == "全年预算数"}
    over = [f.subject for f in facts if f.measure == "执行数" and f.value > budget[f.subject]]
    a = ask("测试局2024年有几个项目的支出超过全年预算？", facts)
    assert a.figures[0].value == len(over)
    for name in over:
        assert name in a.text


@pytest.mark.parametrize("seed", range(6))
def test_rate_threshold_uses_the_computed_execution_rate(seed):
    facts = project_rows(seed)
    budget = {f.subject: f.value for f in facts if f.measure == "全年预算数"}
    low = [f.subject for f in facts if f.measure == "执行数" and round(f.value / budget[f.subject] * 100, 2) < 80]
    a = ask("测试局2024年执行率不到80%的项目有几个？", facts)
    assert a.figures[0].value == len(low)


def test_one_report_named_first_over_the_other_as_a_multiple():
    docs = [doc("a", "甲局"), doc("b", "乙局")]
    facts = [cell("行政运行", "2010101", "决算数", 103.53, doc_id="a"),
             cell("行政运行", "2010101", "决算数", 425.51, doc_id="b")]
    a = ask("乙局的行政运行支出是甲局的几倍？", facts, docs)
    assert "乙局是甲局的 4.11 倍" in a.text and "425.51 ÷ 103.53" in a.text
    a = ask("甲局的行政运行支出是乙局的几倍？", facts, docs)
    assert "甲局是乙局的 0.24 倍" in a.text
    a = ask("甲局和乙局的行政运行支出分别多少？后者是前者的几倍？", facts, docs)
    assert "乙局是甲局的 4.11 倍" in a.text
    a = ask("乙局的行政运行支出是甲局的几倍？多了多少？", facts, docs)  # (the difference asked beside the multiple)
    assert "4.11 倍" in a.text and "321.98" in a.text


@pytest.mark.parametrize("question", ["测试局2024年提租补贴是住房公积金的多少倍？", "测试局提租补贴预算相当于住房公积金的几倍"])
def test_one_item_of_a_report_over_another_as_a_multiple(question):
    facts = [cell("提租补贴", "2210203", "决算数", 2299.88), cell("住房公积金", "2210201", "决算数", 715.28)]
    a = ask(question, facts)
    assert "提租补贴是住房公积金的 3.22 倍" in a.text and "2299.88 ÷ 715.28 = 3.22倍" in a.text
    assert [f.value for f in a.figures] == [3.22] and a.citations


def test_one_report_over_the_other_in_percent_is_taken_over_the_one_named_after_比():
    docs = [doc("a", "甲局"), doc("b", "乙局")]
    facts = [cell("行政运行", "2010101", "决算数", 103.53, doc_id="a"),
             cell("行政运行", "2010101", "决算数", 425.51, doc_id="b")]
    def asked(q):
        query = Query(text=q, topic=q, operation=parse_operation(q), figure_kind="percent")
        return answer_operation(q, query, re.sub("甲局|乙局", "", q), facts, docs, FakeIndex(docs))
    a = asked("乙局的行政运行支出比甲局高出百分之几？")
    assert "乙局比甲局高 311%" in a.text and "(425.51 − 103.53) ÷ 103.53" in a.text
    a = asked("甲局的行政运行支出比乙局低百分之几？")
    assert "甲局比乙局低 75.67%" in a.text
    assert "%" not in ask("乙局的行政运行支出比甲局高出多少？", facts, docs).text  # (an amount asked: no rate)


@pytest.mark.parametrize("question", ["甲局的行政运行支出，19年是2017年的多少倍？", "甲局2019年行政运行支出是2017年的多少倍？",
                                      "甲局的行政运行支出，2019 是2017年的多少倍？"])
def test_one_departments_year_named_first_over_the_other_as_a_multiple(question):
    docs = [doc("a", "甲局", 2017), doc("b", "甲局", 2019)]
    facts = [cell("行政运行", None, "合计", 128.43, table=None, doc_id="a"),
             cell("行政运行", None, "合计", 2557.89, table=None, doc_id="b")]
    a = ask(question, facts, docs)
    assert "甲局2019年是2017年的 19.92 倍" in a.text and "2557.89 ÷ 128.43" in a.text


def test_rows_of_the_named_heading_of_a_table_without_codes():
    t = "政府采购支出预算表"
    rows = [("货物A", 70), ("台式计算机", 20), ("家具用具", 35), ("打印机", 15),
            ("服务C", 200), ("物业管理服务", 150), ("会议服务", 50)]
    facts = [Fact("d", s, "合计", v, "万元", f"{s} {v}", t, None, 1, (i, i)) for i, (s, v) in enumerate(rows)]
    a = ask("测试局2024年政府采购的货物里哪一样花钱最多？", facts)
    assert "家具用具" in a.text and "物业管理服务" not in a.text


def test_a_heading_of_one_purchase_is_not_counted_twice_and_names_it():
    # 项目 rows (专项名称 + 经济科目) each heading the purchases under them; a project of one purchase prints the
    # same amount twice. Under 服务 the purchases add up to it only when each such pair is read once.
    t = "政府采购预算表"
    rows = [("服务C", 1035), ("人代会经费会议费", 950), ("会议服务", 950), ("常委会会议经费会议费", 40), ("会议服务", 40),
            ("物业管理费", 45), ("空调维修服务", 30), ("建筑物清洁服务", 15), ("货物A", 30), ("家具用具", 30)]
    facts = [Fact("d", s, "合计", v, "万元", f"{s} {v}", t, None, 1, (i, i)) for i, (s, v) in enumerate(rows)]
    a = ask("测试局2024年政府采购的服务里哪一笔经费最多？", facts)
    assert "会议服务（人代会经费会议费） 950" in a.text
    a = ask("测试局2024年政府采购的服务里花钱最少的是哪一项？", facts)
    assert "建筑物清洁服务 15" in a.text and "家具用具" not in a.text


def test_projects_under_a_named_kuan_are_its_xiang_rows(seed=3):
    facts = functional_table(seed)
    kuan = next(f for f in facts if f.subject_code and len(f.subject_code) == 5)
    under = [f for f in items(facts) if f.subject_code.startswith(kuan.subject_code)]
    a = ask(f"测试局2024年{kuan.subject}下面哪个项目花钱最多？", facts)
    best = max(under, key=lambda f: f.value)
    assert best.subject in a.text and f"{best.value:.2f}".rstrip("0").rstrip(".") in a.text


def test_question_reading_is_the_same_in_every_process_whatever_the_hash_seed():
    """Words replaced in turn are ordered by length and then by characters, never by a set's hash order:
    one question read in two processes gives one answer (比谁更高: 谁更高 or 更高 first)."""
    import subprocess
    import sys

    code = ("from qa.answer.said_names import operation_free; from qa.search.query import parse_question;"
            "q='三公经费预算，长沙公安局2025年和北京审计局2026年比谁更高？差多少？';"
            "print(operation_free('三公经费预算和比谁更高差'), parse_question(q).topic)")
    outs = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                           env={**__import__("os").environ, "PYTHONHASHSEED": str(seed)}).stdout
            for seed in (1, 4, 5, 9)}
    assert len(outs) == 1, outs


@pytest.mark.parametrize("seed", range(6))
def test_a_parent_named_with_its_level_mark_opens_its_rows(seed):
    """退役安置（款）下面有几个项: the item loses the （款） mark, the question keeps it."""
    facts = functional_table(seed)
    kuans = [f for f in facts if f.subject_code and len(f.subject_code) == 5]
    kuan = max(kuans, key=lambda k: sum(f.subject_code.startswith(k.subject_code) for f in items(facts)))
    under = [f for f in items(facts) if f.subject_code.startswith(kuan.subject_code)]
    if len(under) < 2:
        pytest.skip("a 款 with one 项 makes no table of rows")
    question = f"测试局2024年{kuan.subject}（款）下面有几个项？"
    query = Query(text=question, topic=question, operation=parse_operation(question))
    a = answer_operation(question, query, f"{kuan.subject}下面有项", facts, [doc()], FakeIndex([doc()]))
    assert a is not None and a.figures[0].value == len(under)


@pytest.mark.parametrize("seed", range(6))
def test_a_parent_named_without_its_level_mark_opens_its_rows_at_the_level_asked(seed):
    """教育支出下面有几个款 / 普通教育下面有几个项: the word that counts says the level; the report's codes say the rest."""
    facts = functional_table(seed)
    kuans = [f for f in facts if f.subject_code and len(f.subject_code) == 5]
    kuan = max(kuans, key=lambda k: sum(f.subject_code.startswith(k.subject_code) for f in items(facts)))
    under = {f.subject_code for f in items(facts) if f.subject_code.startswith(kuan.subject_code)}
    lei = next(f for f in facts if f.subject_code == kuan.subject_code[:3])
    kuans_under = {f.subject_code for f in kuans if f.subject_code.startswith(lei.subject_code)}
    if len(under) < 2 or len(kuans_under) < 2:
        pytest.skip("a parent with one row makes no table of rows")
    for parent, level, count in ((kuan, "项", len(under)), (lei, "款", len(kuans_under))):
        question = f"测试局2024年{parent.subject}下面有几个{level}？"
        query = Query(text=question, topic=question, operation=parse_operation(question))
        a = answer_operation(question, query, f"{parent.subject}下面有{level}", facts, [doc()], FakeIndex([doc()]))
        assert a is not None and a.figures[0].value == count, (question, a and a.text)


def test_a_narrative_naming_a_row_in_longer_words_is_paired_with_that_row():
    """归口管理的行政单位离退休（项）年初预算1017.2, 决算1028.48: the row 2080501 行政单位离退休 of the tables."""
    from qa.answer.row_measures import measured_rows

    facts = [Fact("d", "行政单位离退休", "合计", 1028.48, "万元", "2080501 行政单位离退休 1,028.48", "支出决算表", "2080501"),
             Fact("d", "归口管理的行政单位离退休", "年初预算数", 1017.2, "万元", "年初预算为1017.2万元"),
             Fact("d", "归口管理的行政单位离退休", "决算数", 1028.48, "万元", "支出决算为1028.48万元"),
             Fact("d", "行政运行", "合计", 500.0, "万元", "2010101 行政运行 500.00", "支出决算表", "2010101"),
             Fact("d", "行政运行", "年初预算数", 600.0, "万元", "年初预算为600万元"),
             Fact("d", "行政运行", "决算数", 500.0, "万元", "支出决算为500万元")]
    op = parse_operation("项级科目里，哪些决算数超过了年初预算？")
    _, rows = measured_rows(op, "", "项级科目里，哪些决算数超过了年初预算？", facts)
    assert rows is not None and [(r.subject, r.code) for r in rows.rows if r.wan > r.ref_wan] == [("行政单位离退休", "2080501")]


def test_rows_over_a_threshold_counted_as_几项_read_the_rows():
    facts = functional_table(3)
    expected = [f for f in items(facts) if f.value > 1000]
    a = ask("测试局2024年支出里超过1000万的有几项", facts)
    assert a is not None and a.figures[0].value == len(expected)


def test_a_sum_over_rows_states_the_total_and_its_terms_and_nothing_a_reader_cannot_check():
    """`那4个项目加起来`: the total with the rows as the formula's terms; no count no quote states (grounding
    would drop it) and no more figures than the terms and the total."""
    from qa.answer.grounding import ground

    facts = [cell(f"项目{chr(0x4e00 + i)}", None, "预算数", 10.0 + i, table="项目支出表") for i in range(4)]
    a = ask("测试局2024年项目支出表里那4个项目加起来多少？", facts)
    assert a is not None and a.found and "46" in a.text
    assert sorted(set(numbers(a.text)) - {2024}) == [10, 11, 12, 13, 46]  # (the report's year in its name)
    assert ground(a) == a


def test_rows_asked_of_a_department_held_for_two_regions_are_answered_for_each():
    """信访局 named alone, held for two regions: each report's own rows, labelled; a report without them is said to
    have none (no figure of it)."""
    docs = [doc("a", "甲市信访局"), doc("b", "乙市信访局"), doc("c", "丙市信访局")]
    facts = functional_table(1, doc_id="a") + functional_table(2, doc_id="b")
    a = ask("信访局2024年哪个项级科目支出最多？", facts, docs)
    assert a is not None and a.found
    assert "甲市信访局" in a.text and "乙市信访局" in a.text
    (none,) = [line for line in a.text.split("\n") if "丙市信访局" in line]
    assert "没有" in none and not re.search(r"\d", none.replace("2024", ""))
    tops = [max(items([f for f in facts if f.doc_id == d]), key=lambda f: f.value).value for d in "ab"]
    assert all(f"{t:,.2f}".replace(",", "") in a.text.replace(",", "") or format(t, "g") in a.text for t in tops)


@pytest.mark.parametrize("question, expected", [
    ("信访局2024年行政运行花掉了年初预算的多少？", ("125%", "80%")),
    ("信访局2024年行政运行决算和年初预算差了多少？", ("25", "-50")),
])
def test_a_measure_asked_of_a_department_held_for_two_regions_is_computed_for_each(question, expected):
    """信访局 named alone, held for two regions: each report's own 执行率 or gap, computed from its own row with the
    formula shown, not the amounts alone."""
    docs = [doc("a", "甲市信访局"), doc("b", "乙市信访局")]
    facts = [Fact(d, "行政运行", m, v, "万元", f"行政运行年初预算为{b}万元，支出决算为{f}万元。", None, None, 2)
             for d, b, f in (("a", 100.0, 125.0), ("b", 250.0, 200.0)) for m, v in (("年初预算数", b), ("决算数", f))]
    a = ask(question, facts, docs)
    assert a is not None and a.found
    lines = a.text.split("\n")
    assert any("甲市信访局" in line and expected[0] in line for line in lines)
    assert any("乙市信访局" in line and expected[1] in line for line in lines)
    assert "计算" in a.text


def test_a_change_asked_of_the_report_as_a_whole_gives_each_total_it_states_a_change_of():
    """`预算比去年多了多少` names no item: the changes the narrative states of the report's totals (收入总计, 支出总计,
    a scope's 收入 or 支出), one per distinct change, the broadest name first; an item's change is no total's."""
    def said(subject, measure, value, quote):
        return Fact("d", subject, measure, value, "万元", quote, None, None, 3)
    income = "收入预算6256.31万元，比上年执行数减少336.67万元。"
    spend = "支出预算6256.31万元，比上年执行数增加268.28万元。"
    scoped = "财政拨款支出预算6256.31万元，比上年执行数增加268.28万元。"
    item = "机关运行经费48.78万元，比上年预算减少4.98万元。"
    facts = [said("收入总计", "预算数", 6256.31, income), said("收入总计", "增减额", -336.67, income),
             said("支出总计", "预算数", 6256.31, spend), said("支出总计", "增减额", 268.28, spend),
             said("财政拨款支出", "预算数", 6256.31, scoped), said("财政拨款支出", "增减额", 268.28, scoped),
             said("机关运行经费", "预算数", 48.78, item), said("机关运行经费", "增减额", -4.98, item)]
    a = ask("测试局2024年预算比去年多了多少", facts)
    assert a is not None and a.found
    assert "336.67" in a.text and "268.28" in a.text and "4.98" not in a.text
    assert a.text.count("268.28") == 1  # the scope's equal change is the same reading, stated once
    a = ask("测试局2024年机关运行经费比去年少了多少", facts)
    assert a is not None and "4.98" in a.text and "336.67" not in a.text


def test_rows_picked_by_a_quoted_category_are_summed_whatever_their_names():
    """组织形式为“部门集中采购”的: the rows whose printed line holds it, a name printed twice under two forms
    (运行维护服务 分散自行组织 150, 运行维护服务 部门集中采购 607.10) counted in the asked one only."""
    table = "政府采购支出预算表 公开12表"
    lines = [("修缮工程", "部门集中采购", 530.0), ("运行维护服务", "分散自行组织", 150.0), ("会议服务", "分散自行组织", 122.1),
             ("运行维护服务", "部门集中采购", 607.1), ("租赁费", "", 370.0), ("互联网信息服务", "部门集中采购", 370.0),
             ("计算机设备和软件租赁服务", "", 185.0), ("云平台租赁服务", "", 185.0), ("其他服务", "部门集中采购", 360.0)]
    facts = [Fact("d", name, "合计", v, "万元", f"{name} {form} {v:.2f}", table) for name, form, v in lines]
    a = ask("测试局2024年政府采购预算中，组织形式为“部门集中采购”的金额加起来是多少？", facts)
    assert a is not None and a.figures[0].value == pytest.approx(1867.1)
    assert "530 + 607.1 + 370 + 360" in a.text


def test_rows_of_a_quoted_name_under_several_款_are_summed_and_a_long_sum_names_its_count():
    facts = [cell("行政运行", "2010301", "决算数", 3756.19), cell("一般行政管理事务", "2010302", "决算数", 1729.55),
             cell("行政运行", "2012601", "决算数", 144.62), cell("行政运行", "2013101", "决算数", 4.89),
             cell("档案馆", "2012604", "决算数", 122.93), cell("行政运行", "2040601", "决算数", 753.48)]
    a = ask("测试局2024年各项支出里，名字叫“行政运行”的几个项级科目加起来是多少？", facts)
    assert a is not None and a.figures[0].value == pytest.approx(4659.18)
    a = ask("测试局2024年项级科目加起来是多少？", facts)
    assert a is not None and a.figures[0].value == pytest.approx(6511.66)
    assert "6项相加" in a.text and "3756.19" not in a.text and "3756.19" in a.figures[0].formula


def test_a_quoted_item_is_no_category_of_rows():
    op = parse_operation("测试局2024年政府采购中组织形式为“部门集中采购”的合计多少")
    assert op.quoted == ("部门集中采购",) and op.kind == "aggregate"
    assert parse_operation("测试局2024年“三公”经费加起来是多少").quoted == ()
    assert parse_operation("测试局2024年除“行政运行”外哪个项级科目最多").quoted == ()


def test_economic_rows_are_the_ones_no_other_row_details_whatever_their_code_length():
    """经济分类 has 类 and 款; a local code under a 款 (3021101 差旅费 under 30211) is one row among the 款 rows,
    not a finer level that would leave them out."""
    table = "一般公共预算基本支出表"
    rows = [("301", "工资福利支出", 3638.09), ("30101", "基本工资", 3138.09), ("30102", "津贴补贴", 500.0),
            ("302", "商品和服务支出", 52.766), ("3021101", "差旅费", 46.56), ("3021503", "三类会议费", 6.006),
            ("30204", "手续费", 0.2)]
    facts = [cell(name, code, "合计", v, table=table) for code, name, v in rows]
    a = ask("测试局2024年一般公共预算基本支出中哪一项经济分类科目最多？", facts)
    assert a is not None and "基本工资" in a.text and "工资福利支出" not in a.text
    a = ask("测试局2024年一般公共预算基本支出中金额最小的三个经济科目是什么？", facts)
    assert a is not None and [f.value for f in a.figures] == [0.2, 6.006, 46.56]


def test_a_yearly_average_over_several_years_of_one_department():
    """年均增长: the compound rate between the first and the last year held; 年均增加多少: the amount a year."""
    docs = [doc("a", "甲局", 2017), doc("b", "甲局", 2018), doc("c", "甲局", 2019)]
    facts = [cell("收支总计", None, "合计", v, table=None, doc_id=d) for d, v in (("a", 13649.07), ("b", 15897.44),
                                                                               ("c", 18330.37))]
    a = ask("甲局2017-2019年收支总计年均增长多少？", facts, docs)
    assert a is not None and "15.89%" in a.text and "开二次方" in a.text and a.figures[-1].value == 15.89
    a = ask("甲局2017年至2019年收支总计平均每年增加多少？", facts, docs)
    assert a is not None and "2340.65万元" in a.text and a.figures[-1].value == 2340.65


SERVICES = "政府购买服务预算表"
# purchases named `category + what is bought`; the same name twice is two purchases
BOUGHT = [cell("0210-信息化服务 其他信息化服务", None, "预算数", 2158.79, table=SERVICES, page=3),
          cell("0210-信息化服务 其他信息化服务", None, "预算数", 57.58, table=SERVICES, page=3),
          cell("0210-信息化服务 网络接入服务", None, "预算数", 21.92, table=SERVICES, page=3),
          cell("0201-会议服务 会议服务", None, "预算数", 40.0, table=SERVICES, page=3),
          cell("0207-法律服务 法律顾问", None, "预算数", 12.5, table=SERVICES, page=3)]


@pytest.mark.parametrize("question", ["测试局2024年政府购买服务里信息化服务类合计多少万元？",
                                      "测试局2024年信息化服务一共多少钱"])
def test_a_sum_of_a_group_the_question_names_adds_every_row_of_it(question):
    a = ask(question, BOUGHT)
    assert a is not None and a.found
    assert 2238.29 in numbers(a.text) and "信息化服务" in a.text
    assert len(a.citations) == 3  # each row added, the two purchases of one name among them


def test_a_group_that_names_a_row_of_another_table_is_that_item_not_a_group():
    unit = "测试休养所"
    facts = [cell(f"{unit}三公经费", None, "预算数", 0.1, table="三公经费预算表"),
             cell(f"{unit}公务接待费", None, "预算数", 0.1, table="三公经费预算表"),
             cell("测试中心三公经费", None, "预算数", 2.0, table="三公经费预算表"),
             cell(unit, None, "合计", 3011.95, table="收入预算总表")]
    a = ask(f"测试局2024年{unit}收入预算合计多少", facts)
    assert a is None or "名称含" not in a.text


def _self_evaluated(extra: list[Fact]) -> list[Fact]:
    projects = [cell(f"项目{c}", None, "全年预算数", v, table=None) for c, v in zip("甲乙丙", (10.0, 20.0, 30.0))]
    return projects + extra


def test_a_count_of_rows_comes_with_the_count_the_narrative_prints_when_it_differs():
    printed = Fact("d", "反映所有项目绩效自评结果", "个数", 8.0, "个", "共涉及8个二级项目绩效自评结果。", None, None, 5)
    a = ask("测试局2024年开展绩效自评的项目有几个？", _self_evaluated([printed]))
    assert a is not None and a.figures[0].value == 3.0 and 8.0 in [f.value for f in a.figures]
    same = Fact("d", "绩效自评项目", "个数", 3.0, "个", "共涉及绩效自评项目3个。", None, None, 5)
    a = ask("测试局2024年开展绩效自评的项目有几个？", _self_evaluated([same]))
    assert [f.value for f in a.figures] == [3.0]


def test_a_budget_tables_adjusted_column_holds_no_projects():
    table = [cell(name, None, "全年预算数", v, table="（一）2024年度预算情况") for name, v in (("基本支出", 90.0), ("人员经费", 80.0))]
    a = ask("测试局2024年开展绩效自评的项目有几个？", _self_evaluated(table))
    assert a is not None and a.figures[0].value == 3.0 and "基本支出" not in a.text


@pytest.mark.parametrize("seed", range(6))
def test_a_sum_over_a_condition_names_the_rows_it_adds(seed):
    from qa.answer.row_answer import LISTED_MAX

    facts = functional_table(seed)
    passing = [f for f in items(facts) if f.value > 1000]
    a = ask("测试局2024年超过1000万元的项级科目有哪些？加起来多少？", facts)
    total = round(sum(f.value for f in passing), 2)
    assert a is not None and a.figures[0].value == total
    # (more rows than LISTED_MAX are left to the citations)
    named = all(f.subject in a.text for f in passing) and f"共 {len(passing)} 个" in a.text
    assert named == (len(passing) <= LISTED_MAX)


def test_a_total_asked_after_a_count_sums_the_rows_counted():
    from qa.search.parts import sums_the_rows

    assert sums_the_rows("预算不到100万元的小项目有几个？", "预算合计多少？")
    assert sums_the_rows("超过2万元的经济科目有几个？", "合计多少？")
    assert not sums_the_rows("有几个项目？", "合计多少？")  # no condition: the later question asks a total of its own
    assert not sums_the_rows("超过2万元的有几个？", "哪个最多？")


def test_the_largest_rows_share_of_the_total_named_after_it_is_computed_and_cited():
    table = "项目支出预算表"
    facts = [cell("甲项目", None, "合计", 600.0, table=table), cell("乙项目", None, "合计", 250.0, table=table),
             cell("丙项目", None, "合计", 150.0, table=table),
             Fact("d", "项目支出", "预算数", 1200.0, "万元", "项目支出预算1200万元。", None, None, 3)]
    a = ask("测试局2024年哪个项目预算最多，占全部项目支出的多少？", facts)
    assert a is not None and "甲项目" in a.text and "50%" in a.text
    assert any(f.value == 50.0 and f.unit == "%" and "600 ÷ 1200" in f.formula for f in a.figures)
    assert "项目支出预算1200万元。" in [c.quote for c in a.citations]


@pytest.mark.parametrize("question", ["测试局2024年三公经费中哪一项占比最大？", "测试局2024年三公经费里占比最高的是哪项？",
                                      "测试局2024年三公经费里最多的是哪项？占三公经费的百分比？"])
def test_the_largest_rows_share_asked_without_a_whole_is_of_what_the_rows_were_ranked_in(question):
    table = "财政拨款“三公”经费支出表"
    facts = [cell("三公经费", None, "预算数", 80.0, table=table), cell("因公出国（境）费", None, "预算数", 50.0, table=table),
             cell("公务接待费", None, "预算数", 10.0, table=table), cell("公务用车购置及运行维护费", None, "预算数", 20.0, table=table)]
    a = ask(question, facts)
    assert a is not None and "因公出国（境）费" in a.text and "62.5%" in a.text
    assert any(f.value == 62.5 and f.unit == "%" and f.formula.startswith("50 ÷ 80") for f in a.figures)


def test_the_largest_rows_share_asked_without_a_whole_is_of_its_tables_total_row_of_the_same_column():
    facts = [cell("合计", None, "合计", 1000.0), cell("合计", None, "基本支出", 400.0),
             cell("行政运行", "2010101", "合计", 700.0), cell("行政运行", "2010101", "基本支出", 300.0),
             cell("一般行政管理事务", "2010102", "合计", 300.0), cell("一般行政管理事务", "2010102", "基本支出", 100.0)]
    a = ask("测试局2024年支出里占比最大的科目是哪个？", facts)
    assert a is not None and "行政运行" in a.text and "70%" in a.text
    a = ask("测试局2024年支出里哪个科目最大？", facts)  # (no share asked: none stated)
    assert a is not None and "%" not in a.text


@pytest.mark.parametrize("question", ["测试局2024年基本支出中，工资福利加对个人和家庭补助一共占多少比例？",
                                      "测试局2024年基本支出中，工资福利支出和对个人和家庭的补助一共占多少？"])
def test_items_summed_with_a_plus_or_an_and_inside_a_name_are_the_share_asked(question):
    table = "一般公共预算基本支出表"
    facts = [cell("基本支出", None, "合计", 10403.11, table=table), cell("工资福利支出", "301", "合计", 7308.27, table=table),
             cell("商品和服务支出", "302", "合计", 2094.58, table=table),
             cell("对个人和家庭的补助", "303", "合计", 1000.26, table=table)]
    a = ask(question, facts)
    assert a is not None and "79.87%" in a.text and "7308.27 + 1000.26" in a.text


def test_one_item_compared_with_another_gives_their_difference_not_a_change():
    from .test_row_measures import said

    facts = [said("基本支出", "预算数", 7877.76), said("项目支出", "预算数", 6333.96),
             said("基本支出", "增减额", 211.08)]
    a = ask("测试局2024年基本支出比项目支出多多少？", facts)
    assert a is not None and "1543.8" in a.text and a.figures[0].formula.startswith("7877.76 − 6333.96")
    a = ask("测试局2024年基本支出比上年多多少？", facts)  # a change of the item itself: no difference of two items
    assert a is None or "1543.8" not in a.text
    a = ask("测试局2024年基本支出比项目支出多多少，增幅多大？", facts)  # (the rate asked too: both)
    assert a is not None and "1543.8" in a.text and "24.37%" in a.text


@pytest.mark.parametrize("question, value, unit", [("测试局2021年实有人员比人员编制少几人？", -8, "人"),
                                                   ("测试局执法执勤用车比特种专业技术用车多几辆", 72, "辆")])
def test_two_counts_compared_give_their_difference_in_the_unit_asked(question, value, unit):
    from .test_row_measures import said

    facts = [said("人员编制", "人数", 105, unit="人"), said("实有人员", "人数", 97, unit="人"),
             said("执法执勤用车", "车辆数", 84, unit="辆"), said("特种专业技术用车", "车辆数", 12, unit="辆"),
             said("基本支出", "预算数", 7877.76)]
    a = ask(question, facts)
    assert a is not None and a.figures[0].value == value and a.figures[0].unit == unit, a and a.text


def test_a_share_only_one_of_several_reports_in_scope_holds_is_that_reports_share():
    table = "列入2015年部门预算编制范围的单位"
    facts = [cell("示例服务中心", None, column, v, unit="人", table=table, doc_id="d1")
             for column, v in (("在职人数", 45.0), ("编制数", 53.0))]
    facts.append(cell("行政运行", "2010101", "合计", 300.0, doc_id="d2"))
    docs = [doc("d1", "示例管委会办公室", 2015), doc("d2", "示例镇人民政府", 2015)]
    a = ask("示例服务中心的在职人数占编制数的比例是多少？", facts, docs)
    assert a is not None and a.found and "84.91%" in a.text and "45 ÷ 53" in a.text
    # (a change of the share between two years asked of reports of which one gives it: no single share)
    b = ask("示例服务中心的在职人数占编制数的比例比2014年提高了几个百分点？", facts, docs)
    assert b is None or "84.91%" not in b.text


def test_a_head_count_summed_over_the_units_of_a_table_is_in_people():
    table = "列入2015年部门预算编制范围的单位"
    facts = [cell(name, None, column, v, unit="人", table=table)
             for name, staff, posts in (("示例局本级", 67, 65), ("示例研究中心", 7, 9), ("示例服务中心", 45, 53))
             for column, v in (("在职人数", float(staff)), ("编制数", float(posts)))]
    def count(question):  # (a head count asked: the figure the question asks is a count)
        query = Query(text=question, topic=question, operation=parse_operation(question), figure_kind="count")
        item = re.sub(r"\d{4}年|测试局", "", question)
        return answer_operation(question, query, item, facts, [doc()], FakeIndex([doc()]))

    a = count("测试局及下属单位2015年在职人数一共多少人")
    assert a is not None and a.figures[0].value == 119 and a.figures[0].unit == "人" and "万元" not in a.text
    # the column named by its last words (编制数 of 人员编制数)
    b = count("测试局各单位编制数加起来一共多少人")
    assert b is not None and b.figures[0].value == 127
    # an amount asked of the same words is no head count
    assert ask("测试局及下属单位2015年在职人数一共多少人", facts) is None
    # two columns asked in one breath: each summed
    c = count("测试局下属各单位编制数和在职人数分别合计多少")
    assert c is not None and [f.value for f in c.figures] == [127, 119]
    # the column named in the user's words (在职人员: the lexicon's alias of the column 在职人数)
    d = count("测试局连同下属单位一共有多少在职人员")
    assert d is not None and d.figures[0].value == 119
    # a second column named in a later clause: the same rows summed in it too, in the order asked
    e = count("测试局本级和下属单位的编制数加起来一共多少人？在职人数合计呢？")
    assert e is not None and [f.value for f in e.figures] == [127, 119]


def test_units_whose_count_in_one_column_passes_another_column_are_counted():
    table = "列入2015年部门预算编制范围的单位"
    facts = [cell(name, None, column, v, unit="人", table=table)
             for name, staff, posts in (("示例局本级", 67, 65), ("示例研究中心", 7, 9), ("示例服务中心", 45, 53),
                                        ("示例档案局", 14, 13))
             for column, v in (("在职人数", float(staff)), ("编制数", float(posts)))]
    a = ask("测试局下属单位里，在职人数超过编制数的有几个？", facts)
    assert a is not None and a.figures[0].value == 2
    assert "示例局本级" in a.text and "示例档案局" in a.text and "示例研究中心" not in a.text
    # each row is cited with both of its figures
    assert any("65" in c.quote for c in a.citations) and any("67" in c.quote for c in a.citations)


@pytest.mark.parametrize("question", ["测试局下属的几家单位里，有“其他收入”的有几家？", "测试局哪些单位列了其他收入？"])
def test_units_with_a_figure_in_the_column_named_are_counted(question):
    table = "2026年市级部门收入预算总表"
    facts = [cell(name, None, column, v, table=table)
             for name, total, other in (("测试局本级", 2604.42, None), ("示例休养所", 3011.95, 253.3),
                                        ("示例陵园管理所", 316.25, 30.0), ("示例服务中心", 175.07, 0.0))
             for column, v in (("合计", total), ("其他收入", other)) if v is not None]
    a = ask(question, facts)
    assert a is not None and "示例休养所" in a.text and "示例陵园管理所" in a.text
    assert "示例服务中心" not in a.text and "测试局本级" not in a.text


def test_a_total_compared_with_the_full_year_budget_reads_the_scope_the_narrative_compares():
    from .test_row_measures import said

    # the report's total states no budget; its narrative compares the 一般公共预算 spending with the full-year one
    facts = [cell("支出合计", None, "决算数", 307.82, table="收入支出决算总表"),
             said("一般公共预算财政拨款支出", "决算数", 307.82), said("一般公共预算财政拨款支出", "增减额", 307.82),
             said("一般公共预算财政拨款支出", "年初预算数", 0.0), said("一般公共预算财政拨款支出", "全年预算数", 321.02)]
    a = ask("测试局2024年支出比全年预算少了多少？", facts)
    assert a is not None and a.figures[0].value == -13.2 and "307.82 − 321.02" in a.figures[0].formula
    a = ask("测试局2024年支出比全年预算少了多少？", facts[:-1])  # no full-year budget printed: nothing computed
    assert a is None or all(f.value != -13.2 for f in a.figures)


def test_a_share_of_a_whole_named_short_is_completed_from_the_question_before_it():
    from qa.answer.result_share import _completed, with_share
    from qa.models import Answer, Figure
    from .test_row_measures import said

    assert _completed("采购总额", "政府采购授予中小企业合同") == "政府采购总额"
    assert _completed("项目支出", "政府采购授予中小企业合同") == "项目支出"  # the context does not say it
    facts = [said("政府采购", "决算数", 37.24, quote="政府采购支出总额37.24万元，其中：政府采购服务支出37.24万元。")]
    a = Answer(question="q", found=True, text="授予中小企业合同金额：26.16万元。", figures=(Figure(26.16, "万元", "合同"),))
    shared = with_share(a, "占采购总额多少？", facts, FakeIndex([doc()]), context="政府采购授予中小企业合同")
    assert any(f.unit == "%" and f.value == 70.25 for f in shared.figures)

    # the report prints the figure's share in its own sentence, of a whole said like the one asked: that share
    line = "授予中小企业合同金额26.16万元，占政府采购支出总额的70.2%，其中：授予小微企业合同金额6.7万元，占授予中小企业合同金额的25.6%"
    printed = [said("授予中小企业合同金额", "决算数", 26.16, quote=line), said("授予中小企业合同金额", "占比", 70.2, unit="%", quote=line)]
    shared = with_share(a, "占采购总额多少？", facts + printed, FakeIndex([doc()]), context="政府采购授予中小企业合同")
    assert [f.value for f in shared.figures if f.unit == "%"] == [70.2] and "报告所载" in shared.text
    # a share of another whole (占授予中小企业合同金额的25.6%, of 6.7): not the one asked
    assert not any(f.value == 25.6 for f in shared.figures)


def test_a_share_of_a_total_said_as_such_is_of_the_summed_rows_tables_total():
    """`合计多少，占购买服务总额多少`: the total row of the table whose rows were summed, not a row named 服务 only
    close to the words; rows of several tables give no such total."""
    from qa.answer.result_share import with_share
    from qa.models import Answer, Citation, Figure

    table = "政府购买服务明细表"
    facts = [cell("合计", None, "预算数", 3756.18, table=table), cell("服务", None, "预算数", 4749.95, table="政府采购表"),
             cell("信息化服务", None, "预算数", 3320.41, table=table)]
    a = Answer(question="q", found=True, text="信息化服务合计 3320.41万元。",
               figures=(Figure(3320.41, "万元", "信息化服务合计", "3320.41"),),
               citations=(Citation("r.pdf", "信息化服务 3320.41", 3, table=table),))
    shared = with_share(a, "占购买服务总额多少？", facts, FakeIndex([doc()]))
    assert any(f.unit == "%" and f.value == 88.4 for f in shared.figures) and "明细表合计" in shared.text
    elsewhere = replace(a, citations=(*a.citations, Citation("r.pdf", "x", 4, table="政府采购表")))
    assert not any(f.unit == "%" and f.value == 88.4 for f in with_share(elsewhere, "占购买服务总额多少？", facts,
                                                                          FakeIndex([doc()])).figures)
    # the whole department said as a total (占全局的百分之几): the same total row
    for said in ("占全局的百分之几？", "占全部门的比重？"):
        assert any(f.unit == "%" and f.value == 88.4 for f in with_share(a, said, facts, FakeIndex([doc()])).figures)


@pytest.mark.parametrize("question", ["测试局2021年打击欺诈骗保经费比2020年多了多少？增长率是多少？",
                                      "测试局打击欺诈骗保项目2021年预算比2020年涨了多少钱？增长率多少？"])
def test_a_change_is_read_from_a_name_that_writes_the_items_words_out(question):
    from .test_row_measures import said

    # 打击欺诈骗保费用 matches the words; the project form's name 打击欺诈骗取医保 holds them in order and states
    # both years
    facts = [said("打击欺诈骗保费用", "预算数", 72.35), said("打击欺诈骗取医保", "预算数", 72.35),
             said("打击欺诈骗取医保", "上年数", 30.1)]
    a = ask(question, facts)
    assert a is not None and [f.value for f in a.figures] == [42.25, 140.37]
    assert "72.35 − 30.1" in a.figures[0].formula


def test_a_share_of_a_name_printed_on_several_rows_takes_their_sum():
    from .test_row_measures import said

    table = "政府采购预算表"
    facts = [cell("会议服务", None, "合计", v, table=table, page=p) for v, p in ((1035.0, 4), (113.63, 5), (206.1, 6))]
    facts += [said("会议费", "预算数", 1469.73)]
    a = ask("测试局2024年会议服务合计多少？占会议费预算多大比例？", facts)
    assert a is not None and [f.value for f in a.figures] == [1354.73, 92.18]
    assert a.figures[1].formula == "(1035 + 113.63 + 206.1) ÷ 1469.73 = 92.18%"
    # one row printed twice (the same words on the next page) is one row
    twice = [cell("会议服务", None, "合计", 1035.0, table=table, page=p) for p in (4, 5)] + facts[-1:]
    a = ask("测试局2024年会议服务占会议费预算多大比例？", twice)
    assert a is not None and [f.value for f in a.figures] == [70.42]


def test_a_share_of_a_whole_pointed_back_at_is_the_one_the_question_named():
    from qa.answer.result_share import with_share
    from qa.models import Answer, Figure
    from .test_row_measures import said

    facts = [said("贸易高质量发展专项", "预算数", 2921.0), said("进博会推进专项", "预算数", 153.0)]
    a = Answer(question="q", found=True, text="…", figures=(Figure(1106.0, "万元", "区级"), Figure(1262.0, "万元", "市级"),
                                                          Figure(2368.0, "万元", "区级、市级合计", "1106 + 1262 = 2368万元")))
    shared = with_share(a, "占该专项多少？", facts, FakeIndex([doc()]), context="贸易高质量发展专项里支持总部经济")
    assert shared.figures[-1].value == 81.07 and shared.figures[-1].formula.startswith("2368 ÷ 2921")
    # nothing named before it: no whole is guessed (进博会推进专项 is no 该专项)
    assert with_share(a, "占该专项多少？", facts, FakeIndex([doc()]), context="支持总部经济") is a
    # 本年支出合计 is a report's own name, not a whole pointed back at (本 of 本项目)
    total = [said("本年支出合计", "预算数", 4736.0)]
    got = with_share(a, "占本年支出合计的百分之几？", total, FakeIndex([doc()]), context="这两项加起来是多少")
    assert got.figures[-1].value == 50.0


def test_parts_listed_one_a_paragraph_after_their_whole_are_its_rows_when_they_add_up():
    from qa.answer.listed_rows import paragraph_parts
    from .test_row_measures import said

    def para(subject, value, quote, line):
        return Fact("d", subject, "决算数", value, "万元", quote, None, None, None, (line, line))

    whole = para("一般公共预算财政拨款项目支出", 457.72, "其中：基本支出 1573.80 万元，项目支出 457.72 万元。", 1)
    parts = [para("打击欺诈骗保工作经费", 11.2, "项目支出主要用于：打击欺诈骗保工作经费项目 11.20 万元，主要成效：查处。", 2),
             para("医保基金筹资规模", 83400.0, "其中，城乡居民医保参保80.65万人，医保基金筹资规模达8.34亿元。", 3),
             para("公益性岗位退出机制", 10.54, "2024 公益性岗位退出机制项目 10.54 万元，主要成效：推进。", 4),
             para("审批依申请救助", 178.0, "2024 年，共计审批依申请救助 145 人，金额 178 万元。", 5),
             para("意外伤害保险服务经费", 335.98, "医保局 2018-2021 年意外伤害保险服务经费项目 335.98 万元，主要成效：委托。", 6),
             para("宣传经费", 100.0, "宣传经费 100 万元，主要成效：完成全年政策宣传。", 7)]
    got = paragraph_parts("项目支出中不到20万元的项目", [whole, *parts])
    assert got is not None and got[0] is whole
    assert [f.value for f in got[1]] == [11.2, 10.54, 335.98, 100.0]  # (a later figure, a sentence not opening with its name: no part)
    assert paragraph_parts("项目支出中不到20万元的项目", [whole, *parts[:-1]]) is None  # no exact sum: no parts
    assert paragraph_parts("基本支出的商品和服务支出中哪一项", [whole, *parts]) is None
    a = ask("测试局2024年项目支出中不到20万元的项目有几个？", [whole, *parts, said("项目甲", "全年预算数", 10.0),
                                                       said("项目乙", "全年预算数", 30.0)])
    assert a is not None and a.figures[0].value == 2


def test_a_share_of_a_part_named_as_printed_takes_that_column_not_a_longer_name_holding_its_characters():
    table = "支出预算总表"
    facts = [cell("合计", None, "合计", 31214205.8, unit="元", table=table),
             cell("合计", None, "基本支出", 25121091.0, unit="元", table=table),
             cell("机关事业单位基本养老保险缴费支出", "2080505", "合计", 1748327.0, unit="元", table=table)]
    a = ask("测试局2025年基本支出占总支出的比重是多少？", facts)
    assert a is not None and a.figures[-1].value == 80.48


@pytest.mark.parametrize("question", ["测试局2015年底结转结余比年初多了多少？增长多少？",
                                      "测试局2015年年末结转和结余比年初结转和结余增加多少？增幅多少？",
                                      "测试局2015年末结转和结余比年初多了多少，增幅多大？"])
def test_a_balance_at_the_years_end_compared_with_its_start_gives_the_difference_and_rate(question):
    from .test_row_measures import said

    facts = [said("年初结转和结余", "决算数", 31881.31), said("年末结转和结余", "决算数", 41934.53),
             said("结转和结余", "增减额", 5.0)]
    a = ask(question, facts)
    assert a is not None and [f.value for f in a.figures] == [10053.22, 31.53]


def test_a_printed_rate_comes_with_the_budget_and_spending_it_is_of_when_its_sentence_states_neither():
    from .test_row_measures import said

    facts = [said("信息化运行维护", "年初预算数", 1638.67, quote="年初预算1638.67万元。"),
             said("信息化运行维护", "全年预算数", 1639.34, quote="全年预算数1639.34万元。"),
             said("信息化运行维护", "执行数", 1032.99, quote="执行数1032.99万元。"),
             said("信息化运行维护", "完成预算率", 63.01, unit="%", quote="完成预算的63.01%。")]
    a = ask("测试局2024年信息化运行维护项目预算多少、实际花了多少，执行率多少？", facts)
    assert a is not None and [f.value for f in a.figures] == [1639.34, 1032.99, 63.01]


def test_a_share_of_the_money_of_a_part_is_the_parts_share():
    from .test_row_measures import said

    quote = "政府采购预算共2366.16万元，其中货物119万元、服务2247.16万元。"
    facts = [said("政府采购预算", "预算数", 2366.16, quote=quote), said("政府采购服务", "预算数", 2247.16, quote=quote),
             said("政府采购货物", "预算数", 119.0, quote=quote)]
    a = ask("测试局2021年政府采购里买服务的钱占多少？", facts)
    assert a is not None and a.figures[-1].value == 94.97


def test_a_total_named_with_its_change_comes_with_the_other_totals_changes_the_narrative_states():
    from .test_row_measures import said

    facts = [said("收支总计", "决算数", 2031.52, quote="收、支总计均为2031.52万元，减少4959.23万元。"),
             said("收支总计", "增减额", -4959.23, quote="收、支总计均为2031.52万元，减少4959.23万元。"),
             said("一般公共预算财政拨款收入", "决算数", 2031.52, quote="一般公共预算财政拨款收入2031.52万元，减少4946.23万元。"),
             said("一般公共预算财政拨款收入", "增减额", -4946.23, quote="一般公共预算财政拨款收入2031.52万元，减少4946.23万元。")]
    a = ask("测试局2024年的收支比2023年少了多少？", facts)
    assert a is not None and {-4959.23, -4946.23} <= {f.value for f in a.figures}
    assert a.text.index("4959.23") < a.text.index("4946.23")  # the total named first


@pytest.mark.parametrize("question", ["测试局2024年基本支出里发工资这些人员经费占多大比例？",
                                      "按测试局2024年财政拨款基本支出口径，人员经费占基本支出的比重是多少？"])
def test_a_share_named_after_a_description_or_a_basis_clause_is_the_named_parts_share(question):
    from .test_row_measures import said

    facts = [said("基本支出", "决算数", 746.39, quote="基本支出746.39万元。"),
             said("人员经费", "决算数", 649.2, quote="人员经费649.20万元。"),
             said("支出合计", "决算数", 1500.0, quote="支出合计1500.00万元。")]
    a = ask(question, facts)
    assert a is not None and a.figures[-1].value == 86.98


def test_the_money_of_official_cars_said_plainly_is_their_purchase_and_running_costs_together():
    from .test_row_measures import said

    quote = "三公经费预算数为458.50万元，其中公务用车购置及运行费400.00万元（购置费150.00万元，运行费250.00万元）。"
    facts = [said("三公经费", "预算数", 458.5, quote=quote), said("公务用车购置及运行维护费", "预算数", 400.0, quote=quote),
             said("公务用车购置费", "预算数", 150.0, quote=quote), said("公务用车运行维护费", "预算数", 250.0, quote=quote)]
    a = ask("测试局2024年三公经费里面公车的钱占几成？", facts)
    assert a is not None and a.figures[-1].value == 87.24
    from qa.answer.match import match_question

    subjects = {f.subject for f in facts}
    assert match_question("买公车的预算", subjects).subjects == ("公务用车购置费",)
    assert match_question("军休所", {"湖州市军队离休退休干部休养所", "湖州市烈士陵园管理所"}).subjects == (
        "湖州市军队离休退休干部休养所",)
    assert match_question("公车经费预算", subjects).subjects == ("公务用车购置及运行维护费",)


def test_a_change_printed_apart_from_its_amount_comes_with_the_amount_its_page_states():
    from .test_row_measures import said

    change = "与上年相比增加1557.29万元，增长1312.56%。"
    facts = [said("预留机动经费", "预算数", 1685.72, quote="单位预留机动经费预算数为1685.72万元。"),
             said("预留机动经费", "增减额", 1557.29, quote=change), said("预留机动经费", "增减率", 1312.56, unit="%", quote=change),
             said("预留机动经费", "预算数", 900.0, quote="另一年预留机动经费900万元。", page=30)]
    a = ask("测试局2018年预留机动经费比上年增加多少？", facts)
    assert a is not None and [f.value for f in a.figures][:3] == [1685.72, 1557.29, 1312.56]


def test_an_indicator_compared_with_its_target_is_computed_only_when_the_target_is_named():
    from .test_row_measures import said

    quote = "办理市长专线 ≥300 件 376 件 1.5"
    facts = [said("办理市长专线", "目标值", 300.0, unit="件", quote=quote),
             said("办理市长专线", "实际完成值", 376.0, unit="件", quote=quote)]
    a = ask("测试局2023年办理市长专线比目标多多少？", facts)
    assert a is not None and a.figures[-1].value == 76.0 and "376 − 300" in a.text
    b = ask("测试局2023年办理市长专线比上年多多少？", facts)
    assert b is None or all(f.value != 76.0 for f in b.figures)


def test_rows_printed_in_yuan_are_summed_in_yuan():
    table = "部门一般公共预算基本支出部门预算经济分类预算表（公用经费）"
    facts = [cell("福利费", "30229", "合计", 436320.0, unit="元", table=table),
             cell("其他交通费用", "30239", "合计", 506480.0, unit="元", table=table),
             cell("其他商品和服务支出", "30299", "合计", 412120.0, unit="元", table=table),
             cell("工会经费", "30228", "合计", 258915.0, unit="元", table=table)]
    a = ask("测试局2025年公用经费中40万元以上的科目合计多少元？", facts)
    assert a is not None and (a.figures[0].value, a.figures[0].unit) == (1354920.0, "元")
    assert "436320 + 506480 + 412120" in a.text


@pytest.mark.parametrize("seed", range(4))
def test_funding_parts_of_a_project_are_no_projects_of_their_own(seed):
    facts = project_rows(seed)
    projects = sorted({f.subject for f in facts})
    for name in projects:  # 其中：财政拨款 and 上年结转 rows of each project's own table
        table = f"{name}绩效自评表"
        facts += [cell(f"{name}财政拨款", None, "全年预算数", 5.0, table=table),
                  cell(f"{name}上年结转资金", None, "全年预算数", 1.0, table=table)]
    a = ask("测试局2024年有多少个项目？", facts)
    assert a.figures[0].value == len(projects)
    low = ask("测试局2024年全年预算最低的项目是哪个？", facts)
    assert "财政拨款" not in low.text and "结转" not in low.text


def test_projects_ranked_by_the_score_the_question_names():
    facts = []
    for i, (budget, score) in enumerate([(300.0, 98.0), (50.0, 90.5), (120.0, 94.7)]):
        table = f"项目{i}绩效自评表"
        facts += [cell(f"项目{i}", None, "全年预算数", budget, table=table),
                  cell(f"项目{i}", None, "自评分数", score, unit="分", table=table)]
    a = ask("测试局2024年哪个项目自评得分最低？", facts)
    assert "项目1" in a.text and a.figures[0].value == 90.5 and a.figures[0].unit == "分"


def test_a_mean_the_report_prints_is_left_to_the_lookup_path():
    facts = project_rows(1) + [Fact("d", "绩效自评", "个数", 4, "个", "绩效自评的项目4个，平均得分99.43分", None, None, 2)]
    query = Query(text="测试局2024年项目的平均分是多少", topic="项目的平均分", operation=parse_operation("项目的平均分是多少"))
    assert answer_operation("测试局2024年项目的平均分是多少", query, "项目的平均分", facts, [doc()], FakeIndex([doc()])) is not None
    printed = [*facts, Fact("d", "绩效自评", "个数", 4, "个", "共4个项目，平均分99.4分", None, None, 2)]
    assert answer_operation("测试局2024年项目的平均分是多少", query, "项目的平均分", printed, [doc()], FakeIndex([doc()])) is None


def changed_items(seed: int) -> list[Fact]:
    """项 rows of one 款, each stated in a sentence with its change against last year (some up, some down, some 0)."""
    rng = random.Random(seed)
    facts = []
    for i in range(rng.randint(4, 9)):
        code, name = f"20101{i + 1:02d}", f"项目{i}事务"
        amount, change = round(rng.uniform(50, 900), 2), rng.choice([-1, 0, 1]) * round(rng.uniform(1, 40), 2)
        quote = f"人大事务（款）{name}（项）支出{amount}万元，与上年相比{'增加' if change >= 0 else '减少'}{abs(change)}万元。"
        facts += [Fact("d", name, "预算数", amount, "万元", quote, None, code, 2),
                  Fact("d", name, "增减额", change, "万元", quote, None, code, 2)]
    return facts


@pytest.mark.parametrize("seed", range(6))
def test_rows_a_change_picks_are_summed_by_amount_or_by_change_as_asked(seed):
    facts = changed_items(seed)
    change = {f.subject: f.value for f in facts if f.measure == "增减额"}
    down = [s for s, v in change.items() if v < 0]
    if not down:
        return
    amounts = round(sum(f.value for f in facts if f.measure == "预算数" and f.subject in down), 2)
    a = ask("测试局2024年比上年减少的项级科目预算合计多少？", facts)
    assert a.figures[0].value == amounts
    a = ask("测试局2024年比上年减少的项级科目合计减少了多少？", facts)
    assert a.figures[0].value == round(sum(change[s] for s in down), 2)


def test_a_funding_part_named_reads_that_part_of_each_project():
    facts = []
    for i, (budget, carried) in enumerate([(300.0, 20.0), (50.0, 0.0), (120.0, 62.44)]):
        table = f"项目{i}绩效自评表"
        facts += [cell(f"项目{i}", None, "全年预算数", budget, table=table),
                  cell(f"项目{i}", None, "执行数", budget * 0.9, table=table),
                  cell(f"项目{i}上年结转资金", None, "全年预算数", carried, table=table),
                  cell(f"项目{i}财政拨款", None, "全年预算数", budget - carried, table=table)]
    a = ask("测试局2024年哪个项目的上年结转资金最多？", facts)
    assert "项目2上年结转资金" in a.text and a.figures[0].value == 62.44
    a = ask("测试局2024年哪个项目实际支出最多？", facts)
    assert "项目0" in a.text and a.figures[0].value == 270.0


def test_a_threshold_in_分_reads_the_projects_scores():
    facts = []
    for i, score in enumerate([100.0, 98.0, 100.0, 90.5]):
        table = f"项目{i}绩效自评表"
        facts += [cell(f"项目{i}", None, "全年预算数", 100.0 + i, table=table),
                  cell(f"项目{i}", None, "自评分数", score, unit="分", table=table)]
    a = ask("测试局2024年有几个项目得了满分？", facts)
    assert a.figures[0].value == 2


def test_a_ranked_row_a_table_prints_in_元_is_read_in_万元_too():
    table = "部门一般公共预算基本支出部门预算经济分类预算表"
    rows = [("30239", "其他交通费用", 506480.0), ("30201", "办公费", 120000.0), ("30207", "邮电费", 8000.0)]
    facts = [cell(name, code, "公用经费", v, unit="元", table=table) for code, name, v in rows]
    a = ask("测试局2024年公用经费里哪一项预算最多", facts)
    assert a is not None and "506480元（50.65万元）" in a.text
    assert any(f.value == 50.65 and f.unit == "万元" and "÷ 10000" in f.formula for f in a.figures)
    a = ask("测试局2024年公用经费里哪一项预算最少", facts)  # (below 10000元 an amount reads well as printed)
    assert a is not None and "万元" not in a.text.split("：")[-1]


def test_a_total_named_in_a_change_between_two_years_names_the_item_not_a_sum():
    """`三公经费合计少了多少` over two years' reports: the change of the 三公 total, not the two years added."""
    docs = [doc("a", "甲局", 2017), doc("c", "甲局", 2019)]
    facts = [cell("三公经费", None, "预算数", v, table=None, doc_id=d) for d, v in (("a", 670.12), ("c", 513.75))]
    a = ask("对比甲局2017和2019两年的预算，三公经费合计少了多少万元、降幅多少？", facts, docs)
    assert a is not None and "156.37" in a.text and "23.33%" in a.text and "1183.87" not in a.text


def test_a_科目_named_under_its_marked_parent_is_the_child_over_two_years():
    """`法院（款）行政运行（项）`: 行政运行 under 法院 is asked, not the 款 (nor another 款's 行政运行)."""
    docs = [doc("a", "甲局", 2017), doc("c", "甲局", 2019)]
    facts = []
    for d, court, run, other in (("a", 23513.11, 11786.92, 300.0), ("c", 27488.23, 17279.29, 320.0)):
        facts += [cell("法院", "20405", "预算数", court, doc_id=d), cell("行政运行", "2040501", "预算数", run, doc_id=d),
                  cell("行政运行", "2010101", "预算数", other, doc_id=d)]
    a = ask("甲局从2017年到2019年，法院（款）行政运行（项）预算累计增长了百分之多少？", facts, docs)
    assert a is not None and "46.6%" in a.text and "27488.23" not in a.text


def test_a_final_accounts_projects_ranked_by_amount_are_ranked_by_what_they_spent():
    """金额最大的项目 of a final account: by what each spent (执行数, or the 决算数 the narrative states), and the
    count of the evaluated projects stays the self-evaluation's own."""
    table = "项目支出绩效自评表"
    facts = [cell("宣传经费", None, "全年预算数", 100.0, table=table), cell("宣传经费", None, "执行数", 90.0, table=table),
             cell("岗位经费", None, "全年预算数", 80.0, table=table), cell("岗位经费", None, "执行数", 80.0, table=table),
             Fact("d", "意外伤害保险服务经费", "决算数", 304.67, "万元",
                  "意外伤害保险服务经费项目 304.67 万元，主要成效：委托商业保险机构。", None, None, 9)]
    a = ask("测试局2024年金额最大的项目是哪个", facts)
    assert a is not None and "意外伤害保险服务经费" in a.text and "304.67" in a.text
    a = ask("测试局2024年预算安排最多的项目是哪个", facts)  # (a budget asked: the budget column)
    assert a is not None and "宣传经费" in a.text


def test_the_projects_a_budget_report_describes_one_by_one_are_rows():
    """`…专项（政策资金）经费情况说明 … 2025年度项目总预算2921.00万，其中…` (operations.json project_totals): each
    described project's total is a row; its parts, named in the same sentence, are not. A project the question names
    itself asks for its parts, not for the projects."""
    def said(subject, measure, value, quote):
        return Fact("d", subject, measure, value, "万元", quote, None, None, 24)

    def total(name, value, parts):
        quote = f"2025年度项目总预算{value:.2f}万，其中" + "，".join(f"{p}{v:.2f}万" for p, v in parts) + "。"
        return [said(name, "预算数", value, quote=quote)] + [said(p, "预算数", v, quote=quote) for p, v in parts]

    facts = (total("科技创新专项", 1720.0, [("企业技术中心认定", 1720.0)])
             + total("生命健康专项（政策资金）", 1170.0, [("支持企业规模化发展", 870.0), ("支持企业创新化发展", 300.0)])
             + total("贸易高质量发展专项（政策资金）", 2921.0, [("支持外贸发展", 370.0), ("市级支持总部经济", 2551.0)]))
    a = ask("测试局2025年的政策资金专项里哪个预算最多？", facts)
    assert a is not None and "贸易高质量发展专项" in a.text and a.figures[0].value == 2921.0
    assert "市级支持总部经济" not in a.text
    b = ask("测试局2025年有几个项目编报了绩效目标？", facts)  # (no word of theirs: not these projects)
    assert b is None or "科技创新专项" not in b.text


@pytest.mark.parametrize("question", ["测试局2019年会议费占三公经费、会议费和培训费三项合计的比重",
                                      "在“三公”经费、会议费、培训费合计里，会议费占了多大比例？",
                                      # (the whole said first, as its items with the formula table's sum words)
                                      "“三公”经费、会议费和培训费加在一起，会议费占了多少比例？",
                                      "在三公经费、会议费、培训费三项加起来的总数里，会议费占几成",
                                      "把三公经费、会议费、培训费加一起，会议费的比例是多少"])
def test_a_share_of_a_whole_listed_as_the_items_it_adds_up_is_of_their_sum(question):
    from .test_row_measures import said

    facts = [said("三公经费", "预算数", 767.6), said("会议费", "预算数", 1469.73), said("培训费", "预算数", 363.38),
             said("支出合计", "预算数", 18330.37)]
    query = parse_question(question)  # (the topic as the parser gives it: its pauses 、 read as spaces)
    a = answer_operation(question, query, query.topic, facts, [doc()], FakeIndex([doc()]))
    assert a is not None and a.figures[0].value == 56.51
    assert a.figures[0].formula == "1469.73 ÷ (767.6 + 1469.73 + 363.38) = 56.51%"
    # a whole listed without the part is no whole the part is of: no share of their sum
    a = ask("测试局2019年会议费占三公经费和培训费合计的比重", facts)
    assert a is None or all(f.value != 129.36 for f in a.figures)


def _fraud_detail() -> list[Fact]:
    table = "打击欺诈骗取医保项目支出明细"
    rows = (("合计", 72.35), ("举报奖励费", 15.0), ("购买服务：审计费", 24.0), ("购买服务：专家费", 25.0),
            ("政策法规业务宣传", 3.6), ("工作经费", 2.75), ("各类检查", 2.0))
    spent = "打击欺诈骗保等项目开支情况表"  # (a table sharing more of the question's words)
    other = [cell("合计", None, "预算数", 737.86, table=spent),
             cell("城乡医疗救助", "2101301", "预算数", 350.0, table=spent),
             cell("行政运行", "2101101", "预算数", 200.0, table=spent),
             cell("打击欺诈骗保", "2101199", "预算数", 72.35, table=spent)]
    return other + [cell(name, None, "预算数", v, table=table) for name, v in rows]


def test_a_table_named_with_words_left_out_or_by_its_total_is_the_table_asked():
    from qa.answer.listed_rows import names_a_table

    facts = _fraud_detail()
    assert names_a_table("洪山区医保局2021年打击欺诈骗保项目的支出明细里，哪一项钱最多？", facts)
    assert names_a_table("打击欺诈骗保那72.35万元里，哪一项开支最大？", facts)
    assert not names_a_table("打击欺诈骗保经费里哪一项最多？", facts)
    assert not names_a_table("那72.36万元里，哪一项开支最大？", facts)  # (no table totals that)


def test_a_breakdown_table_is_named_by_its_thing_said_in_full_or_in_quotation_marks():
    from qa.answer.listed_rows import breakdown_said, names_a_table

    facts = _fraud_detail()
    assert names_a_table("洪山区医保局2021年“打击欺诈骗取医保”项目的支出明细里，哪一项最多？", facts)
    assert breakdown_said("打击欺诈骗取医保的钱都花在哪些方面？", facts) == "打击欺诈骗取医保项目支出明细"
    assert breakdown_said("打击欺诈骗保的钱都花在哪些方面？", facts) is None  # (the thing said shorter: no breakdown)
    assert breakdown_said("城乡医疗救助开支情况", facts) is None  # (a table of many things: none broken down)


@pytest.mark.parametrize("question", ["测试局2024年打击欺诈骗取医保的钱都花在哪些方面？",
                                      "测试局2024年打击欺诈骗取医保项目里哪一项支出最多"])
def test_the_rows_of_a_thing_broken_down_answer_what_its_money_went_to(question):
    a = ask(question, _fraud_detail())
    assert a is not None and "购买服务：专家费" in a.text and "城乡医疗救助" not in a.text


def test_rows_asked_of_a_whole_stated_by_its_amount_are_the_rows_of_the_table_with_that_total():
    a = ask("测试局2024年打击欺诈骗保那72.35万元里，哪一项开支最大？", _fraud_detail())
    assert a is not None and "购买服务：专家费" in a.text and a.figures[0].value == 25.0


def test_a_share_within_a_class_named_by_its_opening_words_is_of_that_class():
    from .test_row_measures import said

    facts = [said("住房保障支出", "预算数", 4716.51), said("住房公积金", "预算数", 1398.26),
             said("提租补贴", "预算数", 3318.25), said("支出合计", "预算数", 33172.15)]
    question = "2018年住房方面的支出里，提租补贴占了多少？"
    query = parse_question(question)
    a = answer_operation(question, query, query.topic, facts, [doc()], FakeIndex([doc()]))
    assert a is not None and a.figures[0].value == 70.35 and "3318.25 ÷ 4716.51" in a.figures[0].formula


def test_a_shares_context_naming_only_the_report_read_names_no_whole():
    from qa.answer.shares import names_the_report

    # (本级预算中, 部门决算里: the report read, not the unit's row of one fund; 住房方面的支出里 names a whole)
    assert names_the_report("本级预算") and names_the_report("部门决算") and names_the_report("预算")
    assert not names_the_report("住房方面的支出") and not names_the_report("项目支出") and not names_the_report("")


@pytest.mark.parametrize("question", ["测试局2025年预算支出比2024年实际决算支出多多少？增长几成？",
                                      "测试局2025年预算支出比2024年实际支出（决算）多多少？",
                                      "测试局请中介机构的钱（财政委托业务支出），2025年预算比2024年实际少了多少？"])
def test_a_budget_set_against_an_earlier_final_account_compares_each_reports_own_figure(question):
    docs = [{**doc("b", "测试局", 2025), "kind": "预算", "title": "测试局2025年度部门预算"}, doc("a", "测试局", 2024)]
    facts = [cell("支出合计", None, "预算数", 3121.42, table=None, doc_id="b"),
             cell("支出合计", None, "决算数", 2940.05, table=None, doc_id="a"),
             cell("财政委托业务支出", "2010608", "预算数", 418.8, table=None, doc_id="b"),
             cell("财政委托业务支出", "2010608", "决算数", 449.52, table=None, doc_id="a")]
    query = parse_question(question)
    query = Query(text=question, topic=query.topic.replace("测试局", ""), operation=query.operation)
    a = answer_operation(question, query, query.topic, facts, docs, FakeIndex(docs))
    expected = -30.72 if "中介" in question else 181.37
    assert a is not None and any(f.value == expected for f in a.figures), a and a.text


def test_a_column_named_by_its_last_words_only_where_a_word_of_the_question_opens():
    from qa.answer.rows import _column

    spent = [cell("行政运行", "2013201", column, v) for column, v in (("合计", 9.0), ("基本支出", 9.0), ("项目支出", 0.0))]
    assert _column("有几个项级科目支出超过了500万元", spent) != "项目支出"  # (目支出 inside 科目支出)
    staff = [cell("示例中心", None, column, 5.0, unit="人", table="单位") for column in ("人员编制数", "在职人数")]
    assert _column("各单位编制数合计", staff) == "人员编制数"


def test_one_name_under_two_codes_is_two_rows_named_by_their_parents():
    """一般行政管理事务 of 2101502 and of 2130502: two 项 rows, each named by its 款, each joined by the sentence
    stating its amount; a count of rows with 项目支出 counts both."""
    from .test_row_measures import said

    facts = [cell("医疗保障管理事务", "21015", "决算数", 21.73), cell("巩固脱贫衔接乡村振兴", "21305", "决算数", 7.72),
             cell("一般行政管理事务", "2101502", "项目支出", 16.45), cell("一般行政管理事务", "2101502", "决算数", 21.73),
             cell("一般行政管理事务", "2130502", "项目支出", 7.72), cell("一般行政管理事务", "2130502", "决算数", 7.72),
             cell("医疗保障经办事务", "2101550", "项目支出", 118.35), cell("医疗保障经办事务", "2101550", "决算数", 118.35),
             said("一般行政管理事务", "年初预算数", 178.49, quote="一般行政管理事务年初预算为178.49万元，支出决算为21.73万元。"),
             said("一般行政管理事务", "决算数", 21.73, quote="一般行政管理事务年初预算为178.49万元，支出决算为21.73万元。"),
             said("一般行政管理事务", "年初预算数", 9.0, quote="一般行政管理事务年初预算为9万元，支出决算为7.72万元。"),
             said("一般行政管理事务", "决算数", 7.72, quote="一般行政管理事务年初预算为9万元，支出决算为7.72万元。")]
    a = ask("测试局2024年哪些项级科目列了项目支出？", facts)
    assert a is not None and "共 3 个" in a.text
    assert "一般行政管理事务（医疗保障管理事务）" in a.text and "一般行政管理事务（巩固脱贫衔接乡村振兴）" in a.text
    low = ask("测试局2024年哪个项级科目完成年初预算的比例最低？", facts)
    assert low is not None and "一般行政管理事务（医疗保障管理事务）" in low.text and "12.17%" in low.text


def test_a_printed_rate_ranked_says_what_it_is_of():
    """`哪个科目完成年初预算的比例最低`: the row's printed 执行率 with the 决算数 and 年初预算数 its own sentence
    states, as figures of the answer (预算多少、实际花了多少 asked beside it is answered by them)."""
    from .test_row_measures import said

    def sentence(name, budget, spent, rate):
        q = f"{name}年初预算为{budget}万元，支出决算为{spent}万元，完成年初预算的{rate}%。"
        return [said(name, "年初预算数", budget, quote=q), said(name, "决算数", spent, quote=q),
                said(name, "执行率", rate, "%", quote=q)]
    facts = [cell("一般行政管理事务", "2010302", "决算数", 4.7), cell("行政运行", "2010301", "决算数", 500.0),
             *sentence("一般行政管理事务", 590.53, 4.7, 0.8), *sentence("行政运行", 520.0, 500.0, 96.15)]
    a = ask("测试局2024年哪个科目完成年初预算的比例最低？预算多少、实际花了多少？", facts)
    assert a is not None and "0.8%（决算数 4.7万元，年初预算数 590.53万元）" in a.text
    assert {(f.value, f.unit) for f in a.figures} >= {(0.8, "%"), (4.7, "万元"), (590.53, "万元")}


def test_rows_summed_keep_the_decimals_they_are_printed_with():
    """A table printing 万元 to six decimals (the 元 and 分): the rows' sum is stated to them, not to 2 decimals."""
    facts = [cell(n, None, "预算数", v, table="财政拨款政府购买服务明细表") for n, v in
             (("信息化服务甲", 2500.123456), ("信息化服务乙", 820.29042), ("会议服务", 10.5))]
    a = ask("测试局2026年财政拨款政府购买服务明细里信息化服务加起来一共多少钱", facts)
    assert a is not None and 3320.413876 in {f.value for f in a.figures}, a and a.text


def test_an_item_asked_within_a_context_is_compared_across_years_not_the_context():
    """`政府采购中行政运转保障经费的物业管理费2019年比2018年降了多少`: one year's report also names 政府采购 itself; the
    item after the context is compared in both years."""
    docs = [{**doc("a", "测试局", 2018), "kind": "预算"}, {**doc("b", "测试局", 2019), "kind": "预算"}]
    facts = [cell("政府采购", None, "预算数", 1449.5, table=None, doc_id="a")]
    for d, year, v in (("a", 2018, 210.0), ("b", 2019, 189.0)):
        facts += [cell(n, None, "合计", x, table=f"{year}年政府采购预算表", doc_id=d)
                  for n, x in (("行政运转保障经费物业管理费", v), ("物业管理费", 34.0), ("行政运转保障经费", v + 100))]
    question = "测试局政府采购中行政运转保障经费的物业管理费2019年比2018年降了多少？"
    query = parse_question(question)
    query = Query(text=question, topic=query.topic.replace("测试局", ""), operation=query.operation,
                  compare_years=query.compare_years)
    a = answer_operation(question, query, query.topic, facts, docs, FakeIndex(docs))
    assert a is not None and any(f.value == -21 for f in a.figures), a and a.text


def test_a_sum_over_reports_states_its_total_once_at_the_precision_of_its_terms():
    """2578025元 + 133.3万元: the total is 390.1025万元 in the line and in its formula — one figure, not two."""
    docs = [doc("a", "测试局", 2024), doc("b", "测试局", 2025)]
    facts = [cell("其他公共安全支出", None, "决算数", 1333000.0, unit="元", table=None, doc_id="a"),
             cell("其他公共安全支出", None, "决算数", 257.8025, table=None, doc_id="b")]
    question = "测试局2024年和2025年其他公共安全支出加起来一共多少？"
    query = parse_question(question)
    query = Query(text=question, topic=query.topic.replace("测试局", ""), operation=query.operation)
    a = answer_operation(question, query, query.topic, facts, docs, FakeIndex(docs))
    assert a is not None and "391.1025" in a.text and "391.1万元" not in a.text, a and a.text


@pytest.mark.parametrize("question", ["测试局2021年整体支出绩效目标表里，除了“基本履职”，哪项任务的预算最高？",
                                      "测试局2021年整体支出绩效目标表里，除基本履职外哪项任务预算最多？"])
def test_a_row_named_as_a_total_is_no_row_to_rank_and_a_name_taken_out_ends_at_外(question):
    """金额合计 is the table's total (a name ending in 合计), not its largest row; 除基本履职外哪项 takes 基本履职 out
    (外 closes the name before the asking words), not `基本履职外哪项任务预算最多`."""
    table = "部门整体支出绩效目标表"
    facts = [cell("金额合计", None, "预算数", 5859.6, table=table), cell("基本履职", None, "预算数", 2877.44, table=table),
             cell("对外宣传", None, "预算数", 1700.0, table=table), cell("理论武装", None, "预算数", 420.0, table=table)]
    a = ask(question, facts)
    assert a is not None and "对外宣传" in a.text and "金额合计" not in a.text and "基本履职" not in a.text.split("：", 1)[-1]


def test_外_inside_a_name_taken_out_does_not_end_it():
    from qa.search.named import find_excluded

    assert find_excluded("除对外宣传外哪项最多") == ("对外宣传",)
    assert find_excluded("除了基本支出以外，哪项最多") == ("基本支出",)


@pytest.mark.parametrize("seed", range(4))
def test_rows_asked_by_their_number_are_ranked_rows_of_the_table(seed):
    """`机关运行经费表里金额最大的三项`: no row word, but three 项 ranked are rows of the table, not reports."""
    rng = random.Random(seed)
    table = "一般公共预算机关运行经费支出预算表"
    names = ["办公费", "印刷费", "水电费", "邮电费", "取暖费", "会议费", "差旅费"]
    values = {n: round(rng.uniform(10, 5000), 2) for n in names}
    facts = [cell(n, f"302{i:02d}", "机关运行经费", v, table=table) for i, (n, v) in enumerate(values.items(), 1)]
    a = ask("测试局2024年机关运行经费表里，金额最大的三项是什么？", facts)
    top = sorted(values, key=values.get, reverse=True)[:3]
    assert a is not None and a.found
    assert [n for n in names if n in a.text] == sorted(top, key=names.index)
    assert all(format_value(values[n]) in a.text for n in top)


def test_which_items_asked_by_which_words_reads_table_rows():
    """`哪些项的支出决算跟年初预算一样`: 哪些项 asks rows though the operation words take its 哪些 from the item."""
    rows = {"行政运行": (120.5, 130.0), "一般行政管理事务": (10.0, 10.0), "购房补贴": (258.5, 258.5), "机关服务": (5.0, 6.0)}
    facts = [f for i, (n, (spent, planned)) in enumerate(rows.items(), 1)
             for f in (cell(n, f"20106{i:02d}", "决算数", spent), cell(n, f"20106{i:02d}", "年初预算数", planned))]
    question = "测试局2024年哪些项的支出决算跟年初预算一样？"
    query = parse_question(question)  # (the topic as the parser gives it, without 哪些)
    a = answer_operation(question, query, query.topic, facts, [doc()], FakeIndex([doc()]))
    assert a is not None and a.found and a.figures[0].value == 2
    assert "一般行政管理事务" in a.text and "购房补贴" in a.text and "行政运行" not in a.text


def test_rows_ranked_under_a_kuan_named_before_a_context_word_are_its_rows():
    """`普通教育里，哪个学段给的钱最多`: 学段 is no row word the lexicon knows; the 款 named before 里 says whose rows."""
    facts = [cell("教育支出", "205", "合计", 12553.15), cell("普通教育", "20502", "合计", 12053.15),
             cell("学前教育", "2050201", "合计", 650.0), cell("小学教育", "2050202", "合计", 80.32),
             cell("高等教育", "2050205", "合计", 10000.0), cell("职业教育", "20503", "合计", 500.0),
             cell("中等职业教育", "2050302", "合计", 500.0)]
    a = ask("测试局2024年普通教育里，哪个学段给的钱最多？", facts)
    assert a is not None and a.found and "高等教育" in a.text and "10000" in a.text


@pytest.mark.parametrize("seed", range(4))
def test_a_set_of_the_size_said_is_the_evaluated_projects_not_a_rate_of_the_whole(seed):
    """10个项目的绩效自评里有几个没有100%完成预算: a narrative's rate of the whole (整体支出) is no project."""
    facts = project_rows(seed)
    budget = {f.subject: f.value for f in facts if f.measure == "全年预算数"}
    short = [f.subject for f in facts if f.measure == "执行数" and f.value < budget[f.subject]]
    facts.append(Fact("d", "整体支出财政拨款", "执行率", 60.0, "%", "整体支出财政拨款执行率为60%。"))
    a = ask(f"测试局2024年{len(budget)}个项目的绩效自评里，有几个项目没有100%完成预算？", facts)
    assert a.figures[0].value == len(short) and "整体支出" not in a.text


SANGONG = "一般公共预算财政拨款“三公”经费支出决算表"


def test_the_parts_of_a_named_whole_are_its_rows_though_a_zero_part_reads_as_a_subtotal():
    """三公经费里哪几类是零支出: 因公出国 0 is followed by rows adding to 0; it is a part, not their subtotal."""
    rows = [("三公经费", 0.16), ("因公出国（境）费", 0.0), ("公务用车购置及运行维护费", 0.0), ("公务用车购置费", 0.0),
            ("公务用车运行维护费", 0.0), ("公务接待费", 0.16)]
    facts = [cell(n, None, "决算数", v, table=SANGONG, page=1) for n, v in rows]
    facts = [replace(f, lines=(k + 1, k + 1)) for k, f in enumerate(facts)]
    question = "测试局2024年“三公”经费决算中，哪几类是零支出？"
    rows = select_rows(parse_operation(question), "“三公”经费决算中，哪几类是零支出", facts).rows
    assert [r.subject for r in rows] == ["因公出国（境）费", "公务用车购置及运行维护费", "公务接待费"]


def test_a_counted_noun_compared_between_reports_is_a_count_of_each():
    """谁的车辆更多: 车辆 is counted in 辆 though no 几 or 多少 is said."""
    docs = [doc("a", "甲局"), doc("b", "乙局")]
    facts = [Fact("a", "车辆", "车辆数", 15.0, "辆", "共有车辆15辆。"), Fact("a", "车辆购置费", "决算数", 30.0, "万元", "车辆购置费30万元。"),
             Fact("b", "车辆", "车辆数", 17.0, "辆", "共有车辆17辆。"), Fact("b", "车辆购置费", "决算数", 12.0, "万元", "车辆购置费12万元。")]
    question = "甲局和乙局谁的车辆更多？"
    query = replace(parse_question(question), operation=parse_operation(question))
    a = answer_operation(question, query, "和谁的车辆更多", facts, docs, FakeIndex(docs))
    assert a is not None and "甲局（2024年）：车辆 15辆" in a.text and "乙局更多，多 2辆" in a.text


def test_an_amount_stated_and_asked_which_item_it_is_names_that_item():
    """`1035万是哪个会的会议经费`: the row stating 1035; a ranking of rows under an amount is no such question."""
    facts = [cell("江苏省第十三届人代会二次会议经费（会议费）", None, "合计", 1035.0, table="政府采购预算表"),
             cell("全国人代会江苏代表团工作经费（会议费）", None, "合计", 113.63, table="政府采购预算表"),
             cell("会议服务", None, "合计", 1035.0, table="政府采购预算表"),
             cell("行政运行", "2010101", "合计", 1035.0)]
    a = ask("测试局2024年1035万 是哪个会的会议经费？", facts)
    assert a is not None and "人代会二次会议" in a.text and "行政运行" not in a.text
    assert ask("测试局2024年1035万元的会议经费里哪一项最多？", facts) is None or "是江苏省" not in ask(
        "测试局2024年1035万元的会议经费里哪一项最多？", facts).text
    assert ask("测试局2024年113.63万是哪个项目？", facts).figures[0].value == 113.63


def test_an_item_a_sentence_states_only_as_a_change_is_asked_its_amount_from_its_table_row():
    """信息化建设经费增加35万元 in a sentence, `信息化建设经费（其他商品和服务支出）` 180 a procurement row: its amount
    asked is the row's; its change asked stays the sentence's."""
    from qa.answer.asked import as_table_rows
    from qa.answer.match import Match
    facts = [Fact("d", "信息化建设经费", "增减额", 35.0, "万元", "信息化建设经费增加35万元"),
             cell("信息化建设经费（其他商品和服务支出）", None, "合计", 180.0, table="政府采购预算表")]
    match = Match(subjects=("信息化建设经费",), measures=(), alternatives=False)
    def query(q):
        return Query(text=q, topic=q, operation=parse_operation(q))
    assert as_table_rows(match, facts, query("信息化建设经费预算多少")).subjects == ("信息化建设经费（其他商品和服务支出）",)
    assert as_table_rows(match, facts, query("信息化建设经费比上年增加多少")).subjects == ("信息化建设经费",)
    both = [*facts, cell("信息化建设经费（专用设备购置）", None, "合计", 20.0, table="政府采购预算表")]
    assert as_table_rows(match, both, query("信息化建设经费预算多少")).subjects == ("信息化建设经费",)  # (two rows: no pick)


@pytest.mark.parametrize("item, named", [("科目2040504那一行的金额", "科目案件审判那一行的金额"),
                                         ("功能科目2010108对应多少预算", "功能科目代表工作对应多少预算"),
                                         ("2040504案件审判", "2040504案件审判"),  # (the name said too: as written)
                                         ("2099999", "2099999")])  # (no row of that code)
def test_a_code_written_without_its_name_is_read_as_the_name_its_rows_print(item, named):
    from qa.answer.coded import coded_named
    facts = [cell("案件审判", "2040504", "预算数", 1733.3), cell("案件审判", "2040504", "预算数", 1733.3, table="其他表"),
             cell("代表工作", "2010108", "预算数", 428.36)]
    assert coded_named(item, facts) == named


def test_a_unit_word_inside_a_name_the_report_prints_asks_no_units():
    from qa.answer.rows import names_units

    # 行政事业单位医疗的合计: the row's own total, not the department's units added up
    assert not names_units("行政事业单位医疗的合计", {"行政事业单位医疗", "下属单位"})
    assert names_units("下属单位合计", {"行政事业单位医疗", "下属单位"})  # a name ending in the word is the units
    assert names_units("各单位收入合计") and names_units("哪家收入最多", {"收入"})


@pytest.mark.parametrize("seed", range(8))
@pytest.mark.parametrize("said, place, low_end", [
    ("支出排第二的项级科目是哪个？", 2, False),
    ("哪个项级科目支出排名第三？", 3, False),
    ("第二大的项级科目是哪个？", 2, False),
    ("支出倒数第二的项级科目是哪个？", 2, True),
    ("第三少的项级科目是哪个？", 3, True),
])
def test_a_place_in_the_ranking_names_the_one_row_at_that_place(seed, said, place, low_end):
    facts = functional_table(seed)
    rows = items(facts)
    if len(rows) < place:
        return
    ordered = sorted(rows, key=lambda f: f.value if low_end else -f.value)
    a = ask(f"测试局2024年{said}", facts)
    assert a is not None and ordered[place - 1].subject in a.text
    assert [fig.value for fig in a.figures] == [ordered[place - 1].value]
    assert all(f.subject not in a.text for f in ordered[:place - 1])


@pytest.mark.parametrize("seed", range(4))
def test_a_mean_score_asked_is_no_mean_of_amounts(seed):
    facts = functional_table(seed)
    a = ask("测试局2024年各项级科目平均得了多少分？", facts)
    assert a is None or "平均" not in a.text
    a = ask("测试局2024年各项级科目的平均值是多少？", facts)
    mean = round(sum(f.value for f in items(facts)) / len(items(facts)), 2)
    assert a is not None and format_value(mean) in a.text


def test_a_name_taken_out_that_a_row_bears_exactly_leaves_the_longer_names_in():
    table = "机关运行经费支出预算表"
    facts = [cell("商品和服务支出", "302", "预算数", 6000.0, table=table),
             cell("取暖费", "30208", "预算数", 1080.0, table=table),
             cell("其他商品和服务支出", "30299", "预算数", 4458.0, table=table),
             cell("办公费", "30201", "预算数", 462.0, table=table)]
    a = ask("测试局2024年机关运行经费支出预算表的款级科目里，除了“商品和服务支出”类合计，金额最大的是哪个？", facts)
    assert a is not None and "其他商品和服务支出" in a.text and "4458" in a.text


def figure_values(a) -> list[float]:
    return [round(f.value, 2) for f in a.figures]


@pytest.mark.parametrize("seed", range(4))
@pytest.mark.parametrize("asked_too, expected", [
    ("这些项级科目加起来一共多少？", lambda best, total: round(total, 2)),
    ("占这些项级科目合计的比例是多少？", lambda best, total: round(round(best, 2) / round(total, 2) * 100, 2)),
])
def test_the_largest_row_and_a_later_function_of_the_same_rows_are_both_answered(seed, asked_too, expected):
    facts = functional_table(seed)
    rows = items(facts)
    best = max(rows, key=lambda f: f.value)
    a = ask(f"测试局2024年哪个项级科目支出最多？{asked_too}", facts)
    assert best.subject in a.text
    assert best.value in [f.value for f in a.figures]
    assert expected(best.value, sum(f.value for f in rows)) in figure_values(a)


@pytest.mark.parametrize("seed", range(4))
def test_a_sum_after_the_first_three_adds_up_those_three(seed):
    facts = functional_table(seed)
    top = sorted(items(facts), key=lambda f: -f.value)[:3]
    a = ask("测试局2024年支出排前三的项级科目是哪几个？加起来多少？", facts)
    assert round(sum(f.value for f in top), 2) in figure_values(a)


def test_a_share_of_summed_rows_takes_its_whole_from_the_table_the_rows_come_from():
    from qa.answer.result_share import with_share
    from qa.models import Answer, Citation, Figure
    funded, every = "财政拨款支出表", "支出总表"
    facts = [cell("普通教育", "20502", "合计", 12053.15, table=every), cell("普通教育", "20502", "合计", 11553.15, table=funded),
             cell("小学教育", "2050202", "合计", 80.32, table=funded), cell("高中教育", "2050204", "合计", 1248.63, table=funded)]
    summed = Answer(question="q", found=True, text="合计：1328.95万元", method="facts",
                    figures=(Figure(1328.95, "万元", "所问项目合计", "80.32 + 1248.63"),),
                    citations=tuple(Citation(source="d.txt", quote=f.quote, table=funded) for f in facts[2:]))
    a = with_share(summed, "占普通教育的比例是多少", facts, FakeIndex([doc()]))
    assert "1328.95 ÷ 11553.15" in a.text


def test_a_project_left_out_by_a_name_holding_a_kuan_still_reads_the_projects():
    coded, projects = "收入支出决算总表", "项目支出绩效自评表"
    facts = [cell("卫生健康支出", "210", "决算数", 1211.08, table=coded), cell("医疗救助", "21013", "决算数", 995.33, table=coded),
             cell("城乡医疗救助", "2101301", "决算数", 995.33, table=coded), cell("行政运行", "2101101", "决算数", 215.75, table=coded),
             cell("城乡医疗救助", None, "执行数", 995.33, table=projects), cell("医保基金监管经费", None, "执行数", 60, table=projects),
             cell("医疗保障工作经费", None, "执行数", 15, table=projects), cell("公务员医疗补助经费", None, "执行数", 27.3, table=projects)]
    facts = [replace(f, page=1, lines=(i, i)) for i, f in enumerate(facts)]
    a = ask("测试局2024年除了城乡医疗救助，其余项目的执行数合计多少？", facts)
    assert a is not None and 102.3 in figure_values(a)


def test_actual_spending_named_inside_the_item_is_the_items_final_figure():
    facts = [cell("一般公共预算财政拨款支出", None, "年初预算数", 12329.48, table=None),
             cell("一般公共预算财政拨款支出", None, "决算数", 8726.43, table=None)]
    a = ask("测试局2024年一般公共预算财政拨款实际支出比年初预算少了多少钱？", facts)
    assert a is not None and -3603.05 in figure_values(a)


def test_a_report_of_tables_alone_gives_the_item_as_its_tables_total_among_several_years():
    docs = [doc("a", "甲局", 2017), doc("b", "甲局", 2018), doc("c", "甲局", 2019)]
    facts = [cell("政府采购", None, "预算数", 1774.7, table=None, doc_id="a"),
             cell("政府采购", None, "预算数", 1449.5, table=None, doc_id="b"),
             cell("合计", None, "合计", 1422.5, table="2019年政府采购预算表", doc_id="c"),
             cell("货物", None, "合计", 84.0, table="2019年政府采购预算表", doc_id="c")]
    from qa.answer.across import per_report
    question = "甲局2017至2019年政府采购预算三年一共多少？"
    query = Query(text=question, topic="政府采购预算", operation=parse_operation(question))
    got = per_report(query, "政府采购预算三年一共", facts, docs)
    assert sorted(s.value for _, s in got) == [1422.5, 1449.5, 1774.7]
    # (reports stating it only as a table's total, beside none that states it, give no figures to compare)
    assert per_report(query, "政府采购预算三年一共", [f for f in facts if f.doc_id == "c"], docs) == []


def test_a_share_asked_of_two_years_is_each_reports_own_share_then_their_gap():
    """占比比2018年提高了几个百分点: each report's share of its own total, one line each; the gap in points is
    stated from the two."""
    from qa.answer.points import with_point_gap

    docs = [doc("a", year=2019), doc("b", year=2018)]
    facts = [cell("住房保障支出", "221", "预算数", 7344.46, doc_id="a"), cell("合计", None, "预算数", 37188.34, doc_id="a"),
             cell("住房保障支出", "221", "预算数", 4716.51, doc_id="b"), cell("合计", None, "预算数", 33172.15, doc_id="b")]
    a = ask("测试局2019年住房保障支出占支出合计的比重，比2018年提高了几个百分点？", facts, docs)
    assert a is not None and [f.value for f in a.figures] == [19.75, 14.22]
    assert with_point_gap(a, a.question).figures[-1].value == 5.53
    one = ask("测试局2019年住房保障支出占支出合计的比重，比2018年提高了几个百分点？", facts[:2], docs[:1])
    assert one is not None and [f.value for f in one.figures] == [19.75]  # (one report: its share alone)


def test_a_users_word_for_a_part_of_a_lexicon_whole_reads_that_part():
    """三公经费，公车那块占了几成: 公车 is the part of 三公经费 holding 公务用车 (购置及运行维护费), not the row
    公务用车购置费 alone; a row's own name (公务用车购置费) is read as printed."""
    from .test_row_measures import said

    facts = [said("三公经费", "预算数", 458.5), said("公务用车购置及运行维护费", "预算数", 400.0),
             said("公务用车购置费", "预算数", 150.0), said("公务接待费", "预算数", 28.5)]
    for question, share in (("测试局2025年三公经费，公车那块占了几成", 87.24), ("测试局2025年公务用车购置费占三公经费的比重", 32.72)):
        query = parse_question(question)
        a = answer_operation(question, query, query.topic, facts, [doc()], FakeIndex([doc()]))
        assert a is not None and a.figures[0].value == share


def test_a_whole_less_the_part_a_question_leaves_out():
    """公务用车除执法执勤用车外的其他各类合计多少辆: 102 − 84, not the left-out part added to another row."""
    from qa.answer.remainder import answer_remainder
    from .test_row_measures import said

    facts = [said("公务用车", "车辆数", 102.0, unit="辆"), said("执法执勤用车", "车辆数", 84.0, unit="辆"),
             said("其他按照规定配备的公务用车", "车辆数", 4.0, unit="辆")]
    question = "测试局2025年除执法执勤用车外的其他各类公务用车合计多少辆"
    query = parse_question(question)
    a = answer_remainder(question, query, query.topic, facts, FakeIndex([doc()]))
    assert a is not None and a.figures[-1].value == 18.0 and "102 − 84 = 18辆" in a.text
    plain = parse_question("测试局2025年公务用车合计多少辆")  # (nothing left out: no remainder)
    assert answer_remainder("q", plain, plain.topic, facts, FakeIndex([doc()])) is None
    # asked after the whole (…共多少辆？除执法执勤用车外的其他各类合计多少辆？), the part names no whole of its own:
    # it is read of the first question's item
    from qa.answer.remainder import whole_left
    from qa.search.parts import names_own_item
    assert not names_own_item(whole_left("除执法执勤用车外的其他各类合计多少辆？", ("执法执勤用车",)))
    assert names_own_item(whole_left("除执法执勤用车外的其他各类公务用车合计多少辆？", ("执法执勤用车",)))


def test_a_whole_less_the_part_left_out_in_a_report_published_as_two_files():
    """A report in two files (narrative + tables) is one report: the remainder is read across both."""
    from qa.answer.facts import answer_from_facts
    from .test_readings import FactsIndex

    facts = [Fact("n", "公务用车", "车辆数", 102.0, "辆", "公务用车102辆", None, None, 3),
             Fact("n", "执法执勤用车", "车辆数", 84.0, "辆", "执法执勤用车84辆", None, None, 3),
             cell("三公经费", None, "决算数", 20.0, doc_id="t")]
    question = "测试局2024年除执法执勤用车外的其他各类公务用车合计多少辆"
    a = answer_from_facts(question, parse_question(question), ["t", "n"], FactsIndex(facts, [doc("t"), doc("n")]))
    assert a is not None and a.figures[-1].value == 18.0 and "102 − 84 = 18辆" in a.text


def test_rows_picked_by_a_rate_of_change_come_with_the_change_itself():
    """哪些项级科目比上年减少了10%，各减了多少: each row picked by its rate, with the amount it fell by."""
    table = "财政拨款支出预算表"

    def row(name, code, budget, change, rate, line):
        quote = f"{code} {name} {budget} {change} {rate}%"
        return [Fact("d", name, "预算数", budget, "万元", quote, table, code, 3, (line, line)),
                Fact("d", name, "增减额", change, "万元", quote, table, code, 3, (line, line)),
                Fact("d", name, "增减率", rate, "%", quote, table, code, 3, (line, line))]

    facts = [*row("人大立法", "2010104", 729.0, -81.0, -10.0, 1), *row("人大监督", "2010105", 376.83, -41.87, -10.0, 2),
             *row("行政运行", "2010101", 9000.0, 500.0, 5.88, 3)]
    a = ask("测试局2019年哪些项级科目比上年减少了10%，各减了多少？", facts)
    assert a is not None and "人大立法 10%（减少 81万元）" in a.text and "人大监督 10%（减少 41.87万元）" in a.text
    assert "行政运行" not in a.text


def test_each_reports_change_against_its_own_budget_is_no_change_between_the_reports():
    """`甲局（2024年）和乙局（2023年）…分别比年初预算下降了百分之几`: each report's own rate, though their years differ."""
    docs = [doc("a", "甲局", 2024), doc("b", "乙局", 2023)]
    said = "机关运行经费支出{}万元，比年初预算数减少{}万元，降低{}%。"
    facts = [Fact("a", "机关运行经费", "决算数", 41.2, "万元", said.format(41.2, 82.5, 66.7)),
             Fact("a", "机关运行经费", "增减率", -66.7, "%", said.format(41.2, 82.5, 66.7)),
             Fact("b", "机关运行经费", "决算数", 8.69, "万元", said.format(7.78, 0.91, 10.5)),
             Fact("b", "机关运行经费", "增减率", -10.5, "%", said.format(7.78, 0.91, 10.5))]
    q = "甲局（2024年）和乙局（2023年）的机关运行经费，分别比年初预算下降了百分之几？"
    query = Query(text=q, topic=q, operation=parse_operation(q), figure_kind="percent")
    a = answer_operation(q, query, "机关运行经费", facts, docs, FakeIndex(docs))
    assert a is None or ("32.51" not in a.text and "374.11" not in a.text)


@pytest.mark.parametrize("seed", range(4))
def test_a_sum_asked_in_wan_of_rows_printed_in_yuan_is_added_in_wan(seed):
    facts = functional_table(seed, unit="元")
    rows = items(facts)
    a = ask("测试局2024年项级科目加起来是多少万元？", facts)
    total = round(sum(f.value for f in rows) / 10000, 6)
    assert a is not None and a.figures[0].unit == "万元" and abs(a.figures[0].value - total) < 0.01


def table_row(code: str, name: str, doc_id: str = "d", table: str = "支出决算表", **columns: float) -> list[Fact]:
    """One printed row of a 支出决算表: every cell quotes the same line."""
    quote = f"{code} {name} " + " ".join(f"{v:,.2f}" for v in columns.values())
    return [Fact(doc_id, name, measure, value, "万元", quote, table, code, 1) for measure, value in columns.items()]


def spending_table(doc_id: str = "d") -> list[Fact]:
    """合计 / 基本支出 / 项目支出 per 科目; 其他教育支出 is both a 款 (20599) and its 项 (2059999)."""
    rows = [("205", "教育支出", 300.0, 100.0, 200.0), ("20501", "教育管理事务", 150.0, 100.0, 50.0),
            ("2050101", "行政运行", 100.0, 100.0, 0.0), ("2050199", "其他教育管理事务支出", 50.0, 0.0, 50.0),
            ("20599", "其他教育支出", 150.0, 0.0, 150.0), ("2059999", "其他教育支出", 150.0, 0.0, 150.0),
            ("221", "住房保障支出", 30.0, 30.0, 0.0), ("22102", "住房改革支出", 30.0, 30.0, 0.0),
            ("2210201", "住房公积金", 30.0, 30.0, 0.0)]
    facts = [f for code, name, total, basic, project in rows
             for f in table_row(code, name, doc_id, 合计=total, 基本支出=basic, 项目支出=project)]
    # 住房公积金 is also an 经济分类 row (30113) of the 基本支出 table, in its 决算数 column
    return facts + table_row("30113", "住房公积金", doc_id, "一般公共预算财政拨款基本支出决算表", 决算数=30.0)


def test_rows_with_a_column_are_counted_from_the_table_rows_own_total():
    """有项目支出的项级科目: a row of a 支出决算表 is its 合计 beside the column the condition reads; a 项 named
    like its 款 (其他教育支出) is a row of its own."""
    a = ask("测试局2024年支出决算表里，有项目支出的项级科目有几个？", spending_table())
    assert a.figures[0].value == 2
    assert "其他教育管理事务支出" in a.text and "其他教育支出" in a.text and "行政运行" not in a.text
    b = ask("测试局2024年支出决算表里，有基本支出的项级科目有几个？", spending_table())
    assert b.figures[0].value == 2 and "行政运行" in b.text and "住房公积金" in b.text


def test_a_level_asked_of_two_reports_ranks_each_reports_rows():
    """金额最大的项级科目 of a department held for two regions: each report's rows, not the reports ranked by a
    total."""
    docs = [doc("a", "甲市信访局"), doc("b", "乙市信访局")]
    facts = functional_table(1, doc_id="a") + functional_table(2, doc_id="b")
    # (each report's narrative states the fund's whole spending, which the reports could be ranked by)
    facts += [Fact(d, "一般公共预算财政拨款支出", "决算数", v, "万元", f"一般公共预算财政拨款支出{v}万元。", None, None, 2)
              for d, v in (("a", 9000.0), ("b", 8000.0))]
    a = ask(f"在信访局2024年的{TABLE}里，金额最大的项级科目是什么，是多少？", facts, docs)
    for d in "ab":
        top = max(items([f for f in facts if f.doc_id == d]), key=lambda f: f.value)
        assert top.subject in a.text


def test_a_row_printed_over_several_lines_is_read_in_the_table_named():
    """Each cell of a 支出决算表 row quoting its own line (行政运行 1,503.52 / 8.37): the row is still one of the table's,
    its 合计 its own amount."""
    facts = [Fact("d", name, measure, value, "万元", f"{name if measure == '基本支出' else ''} {value:,.2f}", "支出决算表",
                  code, 1)
             for code, name, total, basic, project in (("2010601", "行政运行", 1511.89, 1503.52, 8.37),
                                                       ("2010602", "一般行政管理事务", 10.0, 0.0, 10.0),
                                                       ("2210201", "住房公积金", 187.19, 187.19, 0.0))
             for measure, value in (("合计", total), ("基本支出", basic), ("项目支出", project))]
    facts.append(Fact("d", "住房公积金", "决算数", 187.19, "万元", "30113 住房公积金 187.19", "基本支出决算表", "30113", 2))
    a = ask("测试局2024年支出决算表里，有项目支出的项级科目有几个？", facts)
    assert a.figures[0].value == 2 and "行政运行" in a.text and "一般行政管理事务" in a.text


def test_economic_rows_are_read_from_the_table_of_that_classification():
    """按经济分类 asked of two tables titled alike (…明细表（按支出功 / …（按支出经济分类, titles cut short as a PDF's
    header leaves them): the 经济分类 one, though the other is the shorter title holding the table's words."""
    functional = [cell(n, c, "合计", v, table="基本支出明细表（按支出功") for c, n, v in
                  (("20133", "宣传事务", 1765.18), ("22102", "住房改革支出", 292.44), ("20805", "行政事业单位养老支出", 217.5))]
    economic = [cell(n, c, "合计", v, table="基本支出明细表（按支出经济分类") for c, n, v in
                (("30101", "基本工资", 400.0), ("30102", "津贴补贴", 590.6), ("30103", "奖金", 500.0))]
    a = ask("测试局2024年基本支出明细表里，哪个经济分类款级科目最多？", functional + economic)
    assert "津贴补贴" in a.text and "宣传事务" not in a.text


def test_a_count_of_rows_said_with_two_figures_names_three_of_them_only():
    """Three rows counted by a column (有项目支出的): each would be said with two figures (合计 and 项目支出), seven
    numbers for one count — the rows are named, their figures left to the citations."""
    facts = spending_table() + table_row("2050201", "学前教育", 合计=80.0, 基本支出=20.0, 项目支出=60.0)
    a = ask("测试局2024年支出决算表里，有项目支出的项级科目有几个？", facts)
    assert a.figures[0].value == 3
    assert "学前教育" in a.text and "（项目支出" not in a.text


def test_a_question_naming_no_fund_reads_the_whole_spending_table():
    """两张表 of one report: 支出决算表 (all the money) and 一般公共预算财政拨款支出决算表 (one fund). A question naming no
    fund reads the first, though 一般公共服务支出 shares words with the second's title; naming the fund reads it."""
    whole = [cell(n, c, "合计", v, table="支出决算表") for c, n, v in
             (("201", "一般公共服务支出", 6400.0), ("2010101", "行政运行", 6026.13), ("2010102", "一般行政管理事务", 373.87))]
    fund = [cell(n, c, "小计", v, table="一般公共预算财政拨款支出决算表") for c, n, v in
            (("201", "一般公共服务支出", 6000.0), ("2010101", "行政运行", 5757.63), ("2010102", "一般行政管理事务", 242.37))]
    a = ask("测试局2024年一般公共服务支出里哪一项花得最多？", whole + fund)
    assert "6026.13" in a.text and "支出决算表" in a.text
    b = ask("测试局2024年一般公共预算财政拨款支出中，一般公共服务支出里哪一项最多？", whole + fund)
    assert "5757.63" in b.text


def _goods_and_services() -> list[Fact]:
    table = "一般公共预算基本支出表"
    rows = (("301", "工资福利支出", 9000.0), ("302", "商品和服务支出", 2128.48), ("30201", "办公费", 84.62),
            ("30213", "维修（护）费", 300.0), ("30239", "其他交通费用", 540.0), ("30299", "其他商品和服务支出", 799.69))
    return [cell("合计", None, "合计", 11128.48, table=table)] + [cell(n, c, "合计", v, table=table) for c, n, v in rows]


def test_the_sum_of_the_top_rows_asked_with_its_share_is_the_share_of_their_sum():
    a = ask("测试局2024年基本支出的商品和服务支出里最大的两项是什么？合计占商品和服务支出多少？", _goods_and_services())
    assert a is not None and "799.69 + 540" in a.text
    assert any(f.value == 62.94 and "1339.69 ÷ 2128.48" in (f.formula or "") for f in a.figures)


def test_an_unnamed_share_of_the_largest_row_is_of_the_row_it_was_ranked_under_said_in_the_question():
    a = ask("测试局2024年基本支出里的商品和服务支出哪项最大，占比多少？", _goods_and_services())
    assert a is not None and any(f.value == 37.57 and "799.69 ÷ 2128.48" in (f.formula or "") for f in a.figures)


def test_the_parts_of_a_whole_named_come_before_coded_rows_no_whole_named_holds():
    """三公经费分哪几项: its parts as the text states them, not the 项级科目 the narrative lists with their codes."""
    coded = [Fact("d", name, "决算数", v, "万元", f"（一）{code}{name}{v}万元", None, code, 1)
             for code, name, v in (("2010301", "行政运行", 3756.19), ("2010302", "一般行政管理事务", 1729.55),
                                   ("2010303", "机关服务", 14.97))]
    said = "2015年“三公”经费支出590.29万元：因公出国（境）费20.74万元；公务接待费453.53万元。"
    parts = [Fact("d", "三公经费", "决算数", 590.29, "万元", said), Fact("d", "因公出国（境）费", "决算数", 20.74, "万元", said),
             Fact("d", "公务接待费", "决算数", 453.53, "万元", said)]
    a = ask("测试局2015年三公经费分哪几项，各多少", coded + parts)
    assert a is not None and "公务接待费" in a.text and "行政运行" not in a.text


def test_rows_counted_with_each_ones_figure_asked_are_listed_with_their_figures():
    rows = (("2010104", "人大立法", -81.0), ("2010106", "人大监督", -41.87), ("2010107", "代表履职", -40.37),
            ("2010108", "代表工作", -42.84), ("2010101", "行政运行", 1075.88))
    facts = [cell(name, code, "增减额", v, table=None) for code, name, v in rows]
    a = ask("测试局2024年比上年减少的项级科目有几个，各降了多少？", facts)
    assert a is not None and "共 4 个" in a.text and "人大监督 -41.87万元" in a.text
    a = ask("测试局2024年比上年减少的项级科目有几个？", facts)  # (only how many: the names, no figures)
    assert a is not None and "共 4 个" in a.text and "41.87" not in a.text
