"""Derived measures by the formula table: every figure carries its formula with inputs and its input facts."""
from __future__ import annotations

import random
from dataclasses import replace

import pytest

from qa.answer.derived import across, derive, fmt, ratio, share, total, totals_for
from qa.lexicon.formula_table import formulas
from qa.models import Fact


def fact(subject: str, measure: str, value: float, unit: str = "万元", table: str | None = "表", code: str | None = None) -> Fact:
    return Fact("d", subject, measure, value, unit, f"{subject} {value}", table, code, 1)


def amounts(seed: int, n: int = 20) -> list[tuple[float, float]]:
    rng = random.Random(seed)
    return [(round(rng.uniform(0.01, 99999), 2), round(rng.uniform(0.01, 99999), 2)) for _ in range(n)]


@pytest.mark.parametrize("seed", range(5))
def test_execution_rate_is_final_over_initial_budget_with_formula(seed):
    for a, b in amounts(seed):
        got = derive("执行率", [fact("x", "决算数", a), fact("x", "年初预算数", b)])
        assert len(got) == 1
        d = got[0]
        assert d.value == pytest.approx(round(a / b * 100, 2))
        assert d.unit == "%"
        assert d.formula == f"{fmt(a)} ÷ {fmt(b)} = {fmt(d.value)}%"
        assert {f.measure for f in d.inputs} == {"决算数", "年初预算数"}


def test_execution_rate_gives_both_readings_when_both_budgets_are_printed():
    got = derive("执行率", [fact("x", "决算数", 90), fact("x", "年初预算数", 100), fact("x", "全年预算数", 120)])
    assert [d.label for d in got] == ["决算数÷年初预算数", "决算数÷全年预算数"]
    assert [d.value for d in got] == [90.0, 75.0]


def test_no_figure_without_both_inputs():
    assert derive("执行率", [fact("x", "决算数", 90)]) == []
    assert derive("增减额", [fact("x", "本年数", 90)]) == []


def test_zero_denominator_gives_no_figure():
    assert derive("执行率", [fact("x", "决算数", 90), fact("x", "年初预算数", 0)]) == []


@pytest.mark.parametrize("seed", range(5))
def test_change_amount_and_rate_from_this_and_last_year(seed):
    for a, b in amounts(seed):
        facts = [fact("x", "本年数", a), fact("x", "上年数", b)]
        (amount,) = derive("增减额", facts)
        (rate,) = derive("增减率", facts)
        assert amount.value == pytest.approx(round(a - b, 2))
        assert rate.value == pytest.approx(round((a - b) / b * 100, 2))
        assert "−" in amount.formula and "÷" in rate.formula


def test_amounts_in_yuan_and_wan_combine_in_wan():
    d = ratio("占比", "部分÷合计", fact("a", "合计", 1_000_000, "元"), fact("b", "合计", 400, "万元"))
    assert d is not None and d.value == 25.0
    assert d.formula == "100 ÷ 400 = 25%"


def test_a_count_and_an_amount_never_combine():
    assert ratio("占比", "", fact("a", "车辆数", 3, "辆"), fact("b", "合计", 400)) is None


def test_share_names_the_column_of_a_total_row():
    d = share(fact("合计", "基本支出", 746.39), fact("合计", "合计", 1668.14))
    assert d.label == "基本支出÷合计" and d.value == 44.74


@pytest.mark.parametrize("seed", range(5))
def test_sum_of_many_parts(seed):
    parts = [fact(f"s{i}", "合计", a) for i, (a, _) in enumerate(amounts(seed))]
    d = total("合计", "", parts)
    assert d.value == pytest.approx(round(sum(f.value for f in parts), 2))
    assert d.inputs == tuple(parts)
    assert d.formula.count("+") == len(parts) - 1


def test_difference_across_reports():
    d = across("差额", fact("x", "预算数", 458.5), fact("x", "预算数", 244.85))
    assert d.value == 213.65 and d.formula == "458.5 − 244.85 = 213.65万元"


@pytest.mark.parametrize("part, code, expected", [
    ("基本支出", None, "本年支出合计"),
    ("人员经费", None, "基本支出"),
    ("公务接待费", None, "三公经费"),
    ("服务类", None, "政府采购"),
    ("行政运行", "2010101", "本年支出合计"),
    ("不在表里的东西", None, "本年支出合计"),
])
def test_share_totals_come_from_the_table(part, code, expected):
    assert totals_for(part, code)[0] == expected


def test_every_formula_is_well_formed():
    table = formulas()
    for name, f in table.formulas.items():
        assert f.op in ("ratio", "diff", "change_rate", "share", "sum", "times", "per"), name
        assert f.cues and f.readings, name
        if f.op in ("ratio", "change_rate") and name != "占比":
            assert all(r.a and r.b for r in f.readings), name
    for word, count in table.per_words.items():  # every per-head word names a count the table knows
        assert count in table.per_counts, word
    assert all(units for units in table.per_counts.values())


def _said(subject, measure, value, unit, quote):
    from qa.models import Fact

    return Fact("d", subject, measure, value, unit, quote, None, None, 3)


@pytest.mark.parametrize("printed, computed", [(-44.38, -30.74), (-30.74, None), (-30.7, None)])
def test_a_printed_rate_its_own_figures_do_not_give_is_stated_beside_the_computed_one(printed, computed):
    from qa.answer.statements import statements_for

    quote = f"会议费32万元，比上年减少14.2万元，下降{abs(printed)}%。"
    facts = [_said("会议费", "预算数", 32.0, "万元", quote), _said("会议费", "增减额", -14.2, "万元", quote),
             _said("会议费", "增减率", printed, "%", quote)]
    got = statements_for("d", facts, ["会议费"], ["增减额", "增减率"], True, "预算") + \
        statements_for("d", facts, ["会议费"], ["预算数"], True, "预算")
    rates = [s for s in got if s.measure == "增减率"]
    if computed is None:
        assert [s.value for s in rates] == [printed] and not rates[0].conflict
    else:
        assert [s.value for s in rates] == [printed, computed]
        assert rates[0].conflict and "14.2 ÷ (32 + 14.2)" in rates[1].formula


@pytest.mark.parametrize("printed, computed", [(-10.0, -10.45), (-10.45, None), (-10.4, None)])
def test_a_rate_printed_to_the_whole_percent_gets_the_computed_one_beside_it(printed, computed):
    from qa.answer.statements import statements_for

    quote = f"因公出国（境）费预算199.25万元，比上年减少23.25万元，下降{abs(printed):g}%。"
    facts = [_said("因公出国（境）费", "预算数", 199.25, "万元", quote),
             _said("因公出国（境）费", "增减额", -23.25, "万元", quote),
             _said("因公出国（境）费", "增减率", printed, "%", quote)]
    got = statements_for("d", facts, ["因公出国（境）费"], ["增减额", "增减率"], True, "预算") + \
        statements_for("d", facts, ["因公出国（境）费"], ["预算数"], True, "预算")
    rates = [s for s in got if s.measure == "增减率"]
    assert [s.value for s in rates] == ([printed] if computed is None else [printed, computed])
    assert not rates[0].conflict  # (within what the whole percent rounds: no disagreement)
    if computed is not None:
        assert "23.25 ÷ (199.25 + 23.25)" in rates[1].formula


@pytest.mark.parametrize("question", ["信息化运行维护项目有多少钱没有执行？", "这个项目的钱还剩多少没花完",
                                      "一般行政管理事务年初预算有多少没花出去"])
def test_the_budget_left_unspent_is_budget_less_spending_by_each_reading(question):
    from qa.answer.derived import derive
    from qa.search.operation_words import find_derived

    assert find_derived(question) == "未执行额"
    facts = [_said("信息化运行维护", "全年预算数", 1639.34, "万元", "q1"), _said("信息化运行维护", "执行数", 1032.99, "万元", "q1"),
             _said("信息化运行维护", "年初预算数", 1638.67, "万元", "q2")]
    got = {d.label: d.value for d in derive("未执行额", facts, question)}
    assert got == {"全年预算数−执行数": 606.35, "年初预算数−决算数": 605.68}


@pytest.mark.parametrize("question, label", [
    ("行政运行年初预算和决算差多少", "决算数−年初预算数"),
    ("行政运行 年初预算 决算 差额", "决算数−年初预算数"),
    ("行政运行比上年多多少", "本年数−上年数"),
])
def test_a_difference_whose_two_sides_the_question_names_by_their_measures_is_that_reading(question, label):
    facts = [fact("行政运行", "年初预算数", 1560.05), fact("行政运行", "决算数", 1511.89), fact("行政运行", "上年数", 1400.0)]
    got = derive("增减额", facts, question)
    assert [d.label for d in got] == [label]
    assert got[0].value == {"决算数−年初预算数": -48.16, "本年数−上年数": 111.89}[label]


@pytest.mark.parametrize("question, label", [
    ("城乡医疗救助调整预算比年初预算增加了多少", "全年预算数−年初预算数"),
    ("城乡医疗救助全年预算数比年初预算数多多少", "全年预算数−年初预算数"),
    ("城乡医疗救助预算调增了多少", "全年预算数−年初预算数"),
    ("城乡医疗救助决算比年初预算多多少", "决算数−年初预算数"),
])
def test_an_adjusted_budget_against_the_initial_one_is_not_the_actual_against_it(question, label):
    facts = [fact("城乡医疗救助", "年初预算数", 788.0), fact("城乡医疗救助", "全年预算数", 1403.1),
             fact("城乡医疗救助", "决算数", 995.33)]
    got = derive("增减额", facts, question)
    assert [(d.label, d.value) for d in got] == [(label, {"全年预算数−年初预算数": 615.1, "决算数−年初预算数": 207.33}[label])]


def test_a_rate_whose_basis_is_named_by_its_measure_is_read_on_that_basis_alone():
    facts = [fact("项目", "年初预算数", 788.0), fact("项目", "全年预算数", 900.0), fact("项目", "决算数", 995.33)]
    assert [d.label for d in derive("执行率", facts, "项目全年预算 决算 执行率")] == ["决算数÷全年预算数"]
    assert len(derive("执行率", facts, "项目执行率")) == 2  # no basis named: both readings, labelled


@pytest.mark.parametrize("question, label, value", [
    ("办理市长专线比目标多多少", "实际完成值−目标值", 76.0),
    ("办理市长专线比目标多办了百分之多少", "(实际完成值−目标值)÷目标值", 25.33),
])
def test_an_indicators_achieved_value_compared_with_its_target(question, label, value):
    facts = [fact("办理市长专线", "目标值", 300.0, "件"), fact("办理市长专线", "实际完成值", 376.0, "件")]
    name = "增减率" if "百分" in question else "增减额"
    got = derive(name, facts, question)
    assert [(d.label, d.value) for d in got] == [(label, value)]
    assert derive(name, facts, "办理市长专线比上年多多少") == []  # a target is no year's figure


def test_a_rate_from_a_stated_change_reads_an_impossible_increase_as_a_decrease():
    """`6.51万元，较上年增加9.49万元，减少的主要原因…`: an increase of 9.49 would leave last year at −2.98; the change
    was a decrease from 16.00, and the rate is 9.49 ÷ 16 = 59.31% down."""
    from qa.answer.derived import rate_from_change
    from qa.models import Fact

    said = "“三公”经费预算支出6.51万元，较上年增加9.49万元，减少的主要原因是压缩经费。"
    amount = Fact("d", "三公经费", "预算数", 6.51, "万元", said)
    got = rate_from_change(amount, Fact("d", "三公经费", "增减额", 9.49, "万元", said))
    assert got is not None and got.value == -59.31 and "6.51 + 9.49" in got.formula
    plain = rate_from_change(Fact("d", "x", "预算数", 20.0, "万元", "x"), Fact("d", "x", "增减额", 5.0, "万元", "x"))
    assert plain is not None and plain.value == 33.33  # 5 ÷ (20 − 5)


def test_an_increase_equal_to_this_years_amount_gives_no_rate():
    """其他收入25335万元，比上年增加25335万元: last year held none, and a rise from nothing is no percentage."""
    from qa.answer.derived import rate_from_change
    from qa.models import Fact

    amount = Fact("d", "其他收入", "预算数", 25335.0, "万元", "x")
    assert rate_from_change(amount, Fact("d", "其他收入", "增减额", 25335.0, "万元", "x")) is None


@pytest.mark.parametrize("question", ["2019年总预算比2017年多了百分之几", "三公经费比上年少了百分之多少",
                                      "比2018年减少了百分之几", "比上年增加百分之多少", "三公经费2019年比2017年变了百分之几"])
def test_a_change_asked_in_百分之_after_a_plain_direction_word_is_its_rate(question):
    from qa.search.operation_words import find_derived

    assert find_derived(question) == "增减率"
    assert find_derived("占总支出的百分之几") == "占比"  # (a share stays a share)
    assert find_derived("超出年初预算百分之几") == "增减率"


def test_by_how_much_a_figure_passed_its_budget_is_its_change_against_it():
    """超出年初预算多少钱: the amount over the budget (决算数−年初预算数); with 超了百分之几 the rate too."""
    from qa.search.operation_words import find_derived

    assert find_derived("一般行政管理事务支出超出年初预算多少钱") == "增减额"
    facts = [Fact("d", "一般行政管理事务", "年初预算数", 85.0, "万元", "一般行政管理事务 85.00 101.78"),
             Fact("d", "一般行政管理事务", "决算数", 101.78, "万元", "一般行政管理事务 85.00 101.78")]
    from .test_operations import ask
    a = ask("测试局2023年一般行政管理事务支出超出年初预算多少钱、超了百分之几？", facts)
    assert a is not None and {f.value for f in a.figures} >= {16.78, 19.74}


def test_a_share_of_the_budget_spent_said_in_plain_words_is_its_execution_rate():
    from qa.search.operation_words import find_derived

    assert find_derived("“事业运行”这块，预算实际花掉了百分之多少") == "执行率"


def test_what_share_of_the_budget_was_spent_said_without_percent_asks_the_execution_rate():
    """`实际花的钱是年初预算的多少`: 执行率 asked without 百分 (formulas.json cues)."""
    from qa.search.operation import parse_operation

    assert parse_operation("测试局2023年实际花的钱是年初预算的多少？").derived == "执行率"
    assert parse_operation("测试局2023年决算是全年预算的几成").derived == "执行率"
    assert parse_operation("测试局2024年事业运行这一项，决算占全年预算的百分比是多少？").derived == "执行率"
    assert parse_operation("测试局2024年这一项，年初预算实际花出去了百分之多少？").derived == "执行率"
    assert parse_operation("测试局2024年决算占支出总额的比重").derived == "占比"  # (no budget: a share)
    assert parse_operation("测试局2023年参保人数完成年初目标的百分之几？").derived == "执行率"


@pytest.mark.parametrize("question", ["公务接待费摊到每个接待人次是多少钱", "培训费平摊到每个参训人员多少钱"])
def test_a_figure_shared_out_over_a_count_is_per_head(question):
    from qa.search.operation_words import find_derived

    assert find_derived(question) == "人均"


@pytest.mark.parametrize("question, derived", [
    ("培训费预算，大概是三公经费合计的几倍？", "倍数"),  # 合计 inside a name beside another formula's cue
    ("政府采购预算里，服务类预算是货物类预算的几倍？", "倍数"),  # (是…预算的几 before 倍: no 执行率)
    ("城乡医疗救助决算是年初预算的百分之几？", "执行率"),
    ("预算表合计数中，三公经费占多少", "占比"),
    ("三项合计的金额是多少", "合计"),  # alone, it still asks the sum
    ("基本工资和奖金合计多少", "合计"),
])
def test_a_sum_word_inside_a_name_asks_no_sum_beside_another_formula(question, derived):
    from qa.search.operation_words import find_derived

    assert find_derived(question) == derived


@pytest.mark.parametrize("text, decimals", [
    ("完成年初预算的比例是多少（保留两位小数）？", 2), ("同比增长多少，保留2位小数", 2), ("精确到0.01", 2),
    ("精确到小数点后一位", 1), ("增长了多少", None), ("请按增加额精确算到两位小数", 2), ("增幅精确至2位", 2),
])
def test_the_decimals_a_question_asks(text, decimals):
    from qa.search.query import decimals_asked

    assert decimals_asked(text) == decimals


@pytest.mark.parametrize("question", ["示例局2021年预算比2020年增加了多少？精确到两位小数，增长率是多少？",
                                      "示例局2021年预算比2020年增长多少？请按增加额精确算到两位小数"])
def test_decimals_asked_without_brackets_name_no_item(question):
    from qa.search.query import parse_question

    q = parse_question(question)
    assert q.decimals == 2 and not any(w in q.topic for w in ("精确", "小数", "两位"))


def test_a_rate_asked_to_more_decimals_than_printed_is_computed_from_its_own_figures():
    from qa.answer.match import Statement
    from qa.answer.precision import finer_rates

    said = "年初预算为1961.18万元，支出决算为2031.52万元，完成年初预算的103.6%。"
    facts = [Fact("d", "支出", "年初预算数", 1961.18, "万元", said), Fact("d", "支出", "决算数", 2031.52, "万元", said),
             Fact("d", "支出", "执行率", 103.6, "%", said)]
    (got,) = finer_rates([Statement.of(facts[2])], facts, 2)
    assert got.value == 103.59 and "2031.52 ÷ 1961.18" in got.formula
    assert finer_rates([Statement.of(facts[2])], facts, 1) == []  # as printed already
    changed = "比上年增加143.04万元，增长13.2%。"
    facts = [Fact("d", "支出", "决算数", 1228.72, "万元", "支出1228.72万元"),
             Fact("d", "支出", "增减额", 143.04, "万元", changed), Fact("d", "支出", "增减率", 13.2, "%", changed)]
    (got,) = finer_rates([Statement.of(facts[2])], facts, 2)
    assert got.value == 13.18
    wrong = [Fact("d", "支出", "决算数", 500.0, "万元", "支出500万元"), *facts[1:]]  # gives no 13.2: not this rate's
    assert finer_rates([Statement.of(facts[2])], wrong, 2) == []


def test_a_printed_rate_its_own_figures_do_not_give_is_computed_beside_it():
    from qa.answer.match import Statement
    from qa.answer.precision import unequal_rates

    said = "年初预算为274.82万元，支出决算为245.53万元，完成年初预算的93.57%。"
    facts = [Fact("d", "职业年金", "年初预算数", 274.82, "万元", said), Fact("d", "职业年金", "决算数", 245.53, "万元", said),
             Fact("d", "职业年金", "执行率", 93.57, "%", said)]
    (got,) = unequal_rates([Statement.of(facts[2])], facts)
    assert got.value == 89.34 and "245.53 ÷ 274.82" in got.formula
    right = [*facts[:2], Fact("d", "职业年金", "执行率", 89.34, "%", said)]  # as its figures give it: nothing to say
    assert unequal_rates([Statement.of(right[2])], right) == []
    alone = [Fact("d", "职业年金", "执行率", 93.57, "%", "完成年初预算的93.57%。")]  # no figures printed with it
    assert unequal_rates([Statement.of(alone[0])], alone) == []


def test_a_rate_of_the_budget_from_the_actual_and_its_change_against_it():
    """支出7.78万元，比年初预算数减少0.91万元: the budget is 7.78 + 0.91, the 执行率 7.78 ÷ 8.69; a change against
    last year (比上年) says nothing of the budget."""
    from .test_operations import ask

    said = "机关运行经费支出7.78万元，比年初预算数减少0.91万元，降低10.5%。"
    facts = [Fact("d", "机关运行经费", "决算数", 7.78, "万元", said), Fact("d", "机关运行经费", "增减额", -0.91, "万元", said)]
    a = ask("测试局2023年机关运行经费实际花了年初预算的百分之几？", facts)
    assert a is not None and a.figures[0].value == 89.53 and "7.78 ÷ (7.78 + 0.91)" in a.figures[0].formula
    last_year = [replace(f, quote=said.replace("年初预算数", "上年")) for f in facts]
    b = ask("测试局2023年机关运行经费实际花了年初预算的百分之几？", last_year)
    assert b is None or all(f.value != 89.53 for f in b.figures)


@pytest.mark.parametrize("question", ["比年初预算少支出多少？", "比预算多支出了多少"])
def test_spending_more_or_less_than_a_basis_asks_the_change(question):
    from qa.search.operation_words import find_derived

    assert find_derived(question) == "增减额"


def test_a_rate_asked_in_no_precision_is_also_computed_from_the_amounts_the_answer_states():
    from qa.answer.precision import _from_stated_inputs
    from qa.models import Answer, Figure

    figures = (Figure(788.0, "万元", "城乡医疗救助年初预算数"), Figure(995.33, "万元", "城乡医疗救助决算数"),
               Figure(126.3, "%", "城乡医疗救助执行率"))
    a = _from_stated_inputs(Answer(question="q", found=True, text="执行率126.3%", figures=figures), 2)
    assert a.figures[-1].value == 126.31 and "995.33 ÷ 788 = 126.31%" in a.text
    other = (*figures[:2], Figure(90.0, "%", "城乡医疗救助执行率"))  # (its amounts give no 90%: another figure's)
    b = Answer(question="q", found=True, text="执行率90%", figures=other)
    assert _from_stated_inputs(b, 2) is b


@pytest.mark.parametrize("question, derived", [
    ("行政运行决算用了年初预算的多大比例？", "执行率"), ("行政运行花了预算的多大比例", "执行率"), ("三公经费占支出的比例", "占比"),
])
def test_spending_a_share_of_the_budget_asks_the_execution_rate(question, derived):
    from qa.search.operation_words import find_derived

    assert find_derived(question) == derived


def test_a_later_part_asking_a_rate_of_the_first_parts_item_asks_no_change():
    from qa.answer.in_parts import _named_item
    from qa.search.parts import names_own_item

    assert not names_own_item("执行率精确到两位小数是多少？")  # (the precision names no item)
    assert _named_item("一般公共预算财政拨款支出比 超") == "一般公共预算财政拨款支出"
    assert _named_item("城乡医疗救助") == "城乡医疗救助"


@pytest.mark.parametrize("question, label", [
    ("行政运行少花了多少", "决算数−年初预算数"),  # no 上年数 printed: spent less than its budget
    ("行政运行多用了多少", "决算数−年初预算数"),
])
def test_spending_less_or_more_with_no_basis_named_reads_the_budget_when_last_year_is_not_printed(question, label):
    facts = [fact("行政运行", "年初预算数", 1560.05), fact("行政运行", "决算数", 1511.89)]
    got = derive("增减额", facts, question)
    assert [(d.label, d.value) for d in got] == [(label, -48.16)]


def test_spending_less_than_last_year_is_never_read_against_the_budget():
    facts = [fact("行政运行", "年初预算数", 1560.05), fact("行政运行", "决算数", 1511.89)]
    assert derive("增减额", facts, "行政运行比上年少花了多少") == []
    with_last_year = [*facts, fact("行政运行", "上年数", 1400.0)]
    assert [d.label for d in derive("增减额", with_last_year, "行政运行少花了多少")] == ["本年数−上年数"]


@pytest.mark.parametrize("question", ["事业运行经费花掉了全年预算的多少？", "这个项目执行了年初预算的多少"])
def test_spent_as_a_share_of_the_budget_asks_the_execution_rate(question):
    from qa.search.operation_words import find_derived

    assert find_derived(question) == "执行率"


@pytest.mark.parametrize("question", ["占一般公共预算支出的百分比", "占部门一般公共预算财政拨款支出的百分之几",
                                      "占部门全年一般公共预算财政拨款支出多大"])
def test_a_share_whose_whole_has_a_long_name_is_still_a_share(question):
    from qa.search.operation_words import find_derived

    assert find_derived(question) == "占比"
