"""qa.eval.roundtrip / roundtrip_report: questions generated from made-up facts of made-up reports, their
phrasings, the facts they may ask about, the sample, and the tally of a run with a stand-in answerer."""
from __future__ import annotations

import random
from collections import Counter

import pytest

from qa.eval.roundtrip import (
    PHRASINGS,
    RATE_UNIT,
    askable_facts,
    colloquial_topic,
    full_name,
    group_reports,
    measure_synonym,
    phrase_questions,
    plan_report,
    printed_decimals,
    sample_facts,
    short_name,
    stratum_of,
)
from qa.eval.roundtrip_report import run_roundtrip
from qa.eval.scoring import score_answer
from qa.ingest.identity import identify
from qa.lexicon import terms
from qa.models import Fact
from qa.search.scope import HeldReport, find_scope

DEPARTMENTS = [
    "武汉市青山区医疗保障局", "中共西安市委宣传部", "长沙市公安局", "上海市普陀区人民政府石泉路街道办事处",
    "江苏省人民检察院", "湖州市退役军人事务局", "重庆市经济和信息化委员会", "福州市仓山区生态环境局", "北京市审计局",
    "国家信访局", "烟台市民政局", "深圳市交通运输局", "成都市市场监督管理局", "广州市人大常委会办公厅", "中共江苏省委办公厅",
    "平潭综合实验区管委会办公室", "杭州市西湖区财政局", "南京市鼓楼区教育局", "无锡市卫生健康委员会",
]
#: (subject, measure, unit, value) — the kinds of fact extraction gives: table cells, narrative amounts, rates, counts
FACTS = [
    ("一般公共服务支出", "决算数", "万元", 1228.72), ("行政运行", "年初预算数", "万元", 85.0),
    ("办公费", "合计", "万元", 505.4), ("机关事业单位基本养老保险缴费支出", "基本支出", "万元", 312.06),
    ("三公经费", "执行率", RATE_UNIT, 88.87), ("公务用车购置及运行维护费", "预算数", "万元", 12.5),
    ("公务用车", "车辆数", "辆", 3.0), ("工资福利支出", "", "元", 1096000.0), ("收入合计", "占比", RATE_UNIT, 12.3),
    ("项目支出", "全年预算数", "万元", 251.6), ("一般公共预算财政拨款收入", "增减额", "万元", 19359.12),
]


def identity(i: int, name: str):
    kind = "决算" if i % 2 else "预算"
    return identify([f"{name}\n{2019 + i % 7}年度部门{kind}\n目 录\n"], f"r{i}.pdf")


IDENTITIES = [identity(i, n) for i, n in enumerate(DEPARTMENTS)]
HELD = [HeldReport.of(f"r{i}", ident) for i, ident in enumerate(IDENTITIES)]


def fact(subject: str, measure: str, unit: str, value: float, *, doc: str = "r0", table: str | None = "支出决算表",
         quote: str | None = None) -> Fact:
    return Fact(doc_id=doc, subject=subject, measure=measure, value=value, unit=unit,
                quote=quote if quote is not None else f"{subject} {value:,.2f}", table=table)


def made_up_facts(doc: str = "r0") -> list[Fact]:
    return [fact(s, m, u, v, doc=doc, table=None if i % 3 == 0 else "收入支出决算总表") for i, (s, m, u, v) in enumerate(FACTS)]


def all_questions():
    for i, ident in enumerate(IDENTITIES):
        for f in made_up_facts(f"r{i}"):
            for phrasing, q in phrase_questions(f, ident).items():
                yield i, f, phrasing, q


def test_every_identity_gets_a_full_and_a_short_name():
    for ident in IDENTITIES:
        assert full_name(ident) and short_name(ident), ident


def test_every_phrasing_names_the_facts_subject():
    for _, f, phrasing, q in all_questions():
        assert f.subject in q, (phrasing, q)


def test_every_fact_gets_the_full_no_year_and_colloquial_phrasings():
    for i, ident in enumerate(IDENTITIES):
        for f in made_up_facts(f"r{i}"):
            assert {"full", "no_year", "colloquial"} <= set(phrase_questions(f, ident))


def test_phrasings_are_the_known_ones_and_differ_from_each_other():
    for i, ident in enumerate(IDENTITIES):
        for f in made_up_facts(f"r{i}"):
            qs = phrase_questions(f, ident)
            assert set(qs) <= set(PHRASINGS) and len(set(qs.values())) == len(qs)


def test_full_name_phrasings_parse_back_to_exactly_their_report():
    for i, _, phrasing, q in all_questions():
        if phrasing != "short":
            assert find_scope(q, HELD).doc_ids == (f"r{i}",), (phrasing, q)


def test_short_phrasing_parses_back_to_a_scope_holding_its_report():
    for i, _, phrasing, q in all_questions():
        if phrasing == "short":
            assert f"r{i}" in find_scope(q, HELD).doc_ids, q


def test_short_name_names_no_place_of_the_region():
    for ident in IDENTITIES:
        short = short_name(ident)
        places = [p.name for p in ident.region_path] + ([ident.region] if ident.region else [])
        assert not any(p[:2] in short for p in places), (short, places)


def test_full_name_never_repeats_a_region_part():
    for ident in IDENTITIES:
        name = full_name(ident)
        assert all(name.count(p.name) <= 1 for p in ident.region_path), name
        assert ident.department in name


def test_year_appears_in_every_phrasing_but_no_year():
    for i, _, phrasing, q in all_questions():
        assert (str(IDENTITIES[i].year) in q) == (phrasing != "no_year"), q


def test_measure_synonym_is_another_lexicon_word_of_the_same_sort():
    pairs = [(m, unit) for entry in terms()["measures"].values() for m in entry["fact_measures"]
             for unit in ("万元", RATE_UNIT)]
    found = 0
    for m, unit in pairs:
        syn = measure_synonym(m, unit)
        if syn is None:
            continue
        found += 1
        entry = next(e for e in terms()["measures"].values() if m in e["fact_measures"] and syn in e["aliases"])
        assert syn != m and "多少" not in syn and not syn.endswith("了") and "…" not in syn, (m, syn, entry)
        assert syn.endswith(("率", "比例", "比重", "进度", "占比")) == (unit == RATE_UNIT), (m, unit, syn)
    assert found >= 5


def test_no_synonym_for_a_measure_the_lexicon_does_not_know():
    assert measure_synonym("某某数", "万元") is None and measure_synonym("", "万元") is None


def test_colloquial_spending_and_budget_ask_for_money_and_counts_for_their_unit():
    assert colloquial_topic(fact("办公费", "决算数", "万元", 1.0)) == "办公费花了多少钱"
    assert colloquial_topic(fact("办公费", "年初预算数", "万元", 1.0)) == "办公费预算安排了多少钱"
    assert colloquial_topic(fact("公务用车", "车辆数", "辆", 3.0)) == "公务用车有多少辆"
    assert colloquial_topic(fact("三公经费", "执行率", "%", 88.0)).endswith("是百分之多少")


def test_a_fact_about_the_reports_own_unit_is_asked_by_its_measure():
    ident = IDENTITIES[2]
    qs = phrase_questions(fact(ident.department, "合计", "万元", 10.0), ident)
    assert qs["full"] == f"{ident.department}{ident.year}年合计是多少？"


@pytest.mark.parametrize("decimals", [0, 1, 2, 4, 6])
def test_printed_decimals_follow_the_quote(decimals):
    rng = random.Random(decimals)
    for _ in range(50):
        value = round(rng.uniform(0, 1e7), decimals)
        quote = f"项目 {value:,.{decimals}f} 其他 7.5"
        assert printed_decimals(fact("项目", "合计", "元", value, quote=quote)) == decimals, quote


def test_printed_decimals_fall_back_to_the_value_when_the_quote_lacks_it():
    assert printed_decimals(fact("项目", "合计", "万元", 12.25, quote="见附表")) == 2


def test_subject_and_measure_with_two_values_are_not_asked():
    facts = [fact("办公费", "合计", "万元", 5.0), fact("办公费", "合计", "万元", 6.0), fact("会议费", "合计", "万元", 1.0)]
    kept, left = askable_facts(facts)
    assert [f.subject for f in kept] == ["会议费"] and left == Counter({"ambiguous": 2})


def test_repeats_of_one_value_are_asked_once():
    facts = [fact("办公费", "合计", "万元", 5.0), fact("办公费", "合计", "万元", 5.0, table=None)]
    kept, left = askable_facts(facts)
    assert len(kept) == 1 and left == Counter({"repeated": 1})


def test_a_fact_without_measure_is_ambiguous_when_its_subject_has_other_values():
    facts = [fact("办公费", "", "万元", 5.0), fact("办公费", "合计", "万元", 6.0)]
    kept, _ = askable_facts(facts)
    assert [f.measure for f in kept] == ["合计"]


def test_a_subject_without_chinese_is_not_asked():
    kept, left = askable_facts([fact("2010301", "合计", "万元", 5.0)])
    assert kept == [] and left == Counter({"no subject": 1})


def many_facts(n: int = 300) -> list[Fact]:
    rng = random.Random(7)
    out = []
    for i in range(n):
        measure = rng.choice(["决算数", "决算数", "决算数", "年初预算数", "执行率", "合计"])
        out.append(fact(f"科目{i}", measure, "万元", float(i), table=None if rng.random() < 0.2 else "表"))
    return out


def test_sample_is_the_same_for_a_seed_and_differs_for_another():
    facts = many_facts()
    a = sample_facts(facts, 40, random.Random("0:r"))
    assert a == sample_facts(facts, 40, random.Random("0:r"))
    assert a != sample_facts(facts, 40, random.Random("1:r"))


def test_sample_gives_each_stratum_its_share():
    facts = many_facts()
    for seed in range(10):
        sample = sample_facts(facts, 40, random.Random(seed))
        assert len(sample) == 40 and len(set(sample)) == 40
        have, total = Counter(map(stratum_of, sample)), Counter(map(stratum_of, facts))
        for name, size in total.items():
            assert abs(have[name] - 40 * size / len(facts)) <= 1.5, (name, have[name], size)


def test_sample_of_zero_or_more_than_held_takes_every_fact():
    facts = many_facts(30)
    assert sample_facts(facts, 0, random.Random(0)) == facts == sample_facts(facts, 50, random.Random(0))


def test_two_files_of_one_report_become_one_report():
    ident = IDENTITIES[8]
    row = {"region": ident.region, "region_path": [list(map(str, (p.name, p.level, p.adcode))) for p in ident.region_path],
           "department": ident.department, "department_aliases": list(ident.department_aliases),
           "year": ident.year, "kind": ident.kind, "scope": ident.scope}
    docs = [{**row, "doc_id": "a", "source": "audit.pdf"}, {**row, "doc_id": "b", "source": "audit-tables.pdf"}]
    reports = group_reports(docs, made_up_facts("a") + made_up_facts("b"))
    assert len(reports) == 1 and reports[0].sources == ("audit.pdf", "audit-tables.pdf")
    assert len(reports[0].facts) == 2 * len(FACTS)


def test_question_gold_accepts_the_value_in_wan_yuan_for_a_fact_in_yuan():
    report = group_reports([{"doc_id": "r0", "source": "r0.pdf", "department": IDENTITIES[0].department,
                             "region": IDENTITIES[0].region, "year": IDENTITIES[0].year, "kind": IDENTITIES[0].kind}],
                           [fact("工资福利支出", "决算数", "元", 1096000.0)])[0]
    q = plan_report(report).questions[0]
    cite = [{"source": "r0.pdf", "quote": "工资福利支出 1,096,000.00"}]
    assert score_answer(q.gold(), {"found": True, "text": "工资福利支出109.60万元。", "citations": cite}).correct
    assert not score_answer(q.gold(), {"found": True, "text": "工资福利支出109.50万元。", "citations": cite}).correct


def stand_in_ask(facts: list[Fact], needs: str):
    """Answers with the value of the fact whose subject the question names — but only when it contains `needs`."""

    def ask(question: str) -> dict:
        hit = next((f for f in facts if f.subject in question), None)
        if hit is None or needs not in question:
            return {"found": False, "text": "未找到答案。"}
        return {"found": True, "text": f"{hit.subject}：{hit.value:.2f}{hit.unit}。",
                "citations": [{"source": "r3.pdf", "quote": hit.quote}]}

    return ask


def test_run_tallies_each_phrasing_and_counts_refusals():
    ident = IDENTITIES[3]
    facts = made_up_facts("r3")
    docs = [{"doc_id": "r3", "source": "r3.pdf", "department": ident.department, "region": ident.region,
             "region_path": [[p.name, p.level, p.adcode] for p in ident.region_path],
             "department_aliases": list(ident.department_aliases), "year": ident.year, "kind": ident.kind}]
    rt = run_roundtrip(group_reports(docs, facts), stand_in_ask(facts, ident.department), per_report=0)
    phr = rt.by_phrasing()
    assert phr["short"]["accuracy"] == 0 and phr["short"]["refusal_rate"] == 1
    assert all(phr[p]["accuracy"] == 1 for p in ("full", "no_year", "colloquial"))
    assert rt.summary()["n"] == sum(t["n"] for t in phr.values())
    assert rt.failure_kinds() == {"refused": phr["short"]["n"]}


def test_report_tables_name_every_report_and_phrasing():
    facts = made_up_facts("r3")
    ident = IDENTITIES[3]
    docs = [{"doc_id": "r3", "source": "r3.pdf", "department": ident.department, "year": ident.year, "kind": ident.kind}]
    rt = run_roundtrip(group_reports(docs, facts), stand_in_ask(facts, ""), per_report=5, seed=3)
    text = rt.format_table()
    assert ident.department in text and all(p in text for p in ("full", "no_year", "colloquial"))
    data = rt.to_dict()
    assert data["summary"]["n"] == len(data["questions"]) and data["reports"][0]["sampled"] == 5

