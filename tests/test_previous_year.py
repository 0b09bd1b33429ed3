"""A year asked of the report that follows it (qa/answer/previous.py): the 上年 figures that report gives."""
from __future__ import annotations

import qa
from qa.store.build import update_index

BUDGET = ("武汉市青山区测试局2025年度部门预算\n\n第一部分 部门概况\n\n"
          "2025年收入预算68632.12万元，比上年减少1316.82万元。\n"
          "2025年机关运行经费预算36.50万元，较上年增加2.50万元。\n")


def indexed(tmp_path, settings_for, stand_in, **files: str):
    """Settings of an index of the report texts given (file name -> text), written under tmp_path."""
    for name, text in files.items():
        (tmp_path / f"{name}.txt").write_text(text, encoding="utf-8")
    settings = settings_for(tmp_path / "index")
    update_index(settings.index_dir, add=[tmp_path / f"{name}.txt" for name in files], settings=settings, embedder=stand_in)
    return settings


def test_a_year_before_the_report_is_answered_from_its_上年_figures_and_never_as_a_rate(tmp_path, settings_for, stand_in):
    """`上一年预算是多少` names no item: the report's total, 上年 = 本年 − 增减 with the formula; a 2024 执行率
    is not a 上年 amount, so it is not answered."""
    settings = indexed(tmp_path, settings_for, stand_in, budget=BUDGET)
    a = qa.ask("青山区测试局上一年（2024年）预算是多少", settings=settings)
    assert a.found and "69948.94" in a.text and "68632.12" in a.text  # the formula's inputs, with the result
    a = qa.ask("青山区测试局2024年机关运行经费是多少", settings=settings)
    assert a.found and "34" in a.text and "36.5" in a.text
    a = qa.ask("青山区测试局2024年预算执行率是多少", settings=settings)
    assert not a.found and not any(ch.isdigit() for ch in a.text.replace("2024", "").replace("2025", ""))


def test_a_budget_reports_上年_figures_answer_no_question_about_actual_spending(tmp_path, settings_for, stand_in):
    """A budget report's 上年 figures are last year's budget: asked what was spent, it says so, unless the report
    measures a change against last year's 执行数 (`比上年执行数减少20万元`)."""
    body = BUDGET + "2025年支出预算500.00万元，比上年执行数减少20.00万元。\n"
    settings = indexed(tmp_path, settings_for, stand_in, budget=body)
    a = qa.ask("青山区测试局2024年收入决算是多少", settings=settings)
    assert not a.found and "预算数" in a.text and "69948.94" not in a.text
    a = qa.ask("青山区测试局2024年收入预算是多少", settings=settings)
    assert a.found and "69948.94" in a.text
    a = qa.ask("青山区测试局2024年支出执行数是多少", settings=settings)
    assert a.found and "520" in a.text


def test_a_change_between_two_years_held_as_two_kinds_is_the_later_reports_own(tmp_path, settings_for, stand_in):
    """`2025年财政拨款预算比2024年预算增长了百分之几`, the 2024 final account also held: the 2025 budget's change
    against 上年 (its budget) answers, with the rate it gives; asked against 2024's 决算, it is not that change."""
    settings = indexed(
        tmp_path, settings_for, stand_in,
        budget=BUDGET + "2025年财政拨款收入预算3,121.42万元，比2024年预算增加107.62万元。\n",
        final="武汉市青山区测试局2024年度部门决算\n\n第一部分 部门概况\n\n"
              "2024年度财政拨款收入2,950.00万元，比2023年度决算数减少63.14万元，下降2.10%。\n")
    a = qa.ask("青山区测试局2025年财政拨款预算比2024年预算增长了百分之几", settings=settings)
    assert a.found and "3.57%" in a.text and "107.62 ÷ (3121.42 − 107.62)" in a.text and "2.10" not in a.text
    assert all(c.source == "budget.txt" for c in a.citations)
    a = qa.ask("青山区测试局2025年财政拨款预算比2024年决算增长了百分之几", settings=settings)
    assert "107.62 ÷" not in a.text


def test_last_years_amount_comes_from_the_amount_whose_change_gives_the_printed_rate():
    """决算数 2940.05 and 年初预算数 2993.92 on one page, `减少63.14万元，下降2.10%`: 2940.05 gives 2.10%, the
    budget 2.07%; last year's amount is 2940.05 + 63.14."""
    from qa.answer.previous import _from_change
    from qa.models import Fact

    def said(measure, value, unit, quote):
        return Fact("d", "一般公共预算财政拨款支出", measure, value, unit, quote, None, None, 21)

    change = "与2023年度相比，一般公共预算财政拨款支出减少63.14万元，下降2.10%。"
    facts = [said("决算数", 2940.05, "万元", "一般公共预算财政拨款支出2940.05万元，占本年支出合计的100.00%。"),
             said("年初预算数", 2993.92, "万元", "一般公共预算财政拨款支出年初预算为2993.92万元。"),
             said("增减额", -63.14, "万元", change), said("增减率", -2.1, "%", change)]
    got = _from_change("一般公共预算财政拨款支出", facts)
    assert got is not None and got.value == 3003.19 and "2940.05" in got.formula


def test_why_a_year_changed_against_an_earlier_one_is_read_in_that_years_report(tmp_path, settings_for, stand_in):
    """`2025年预算为什么比2024年多`: the 2025 report explains its own change; the 2024 report's reason is of 2024
    against 2023, and no answer to it."""
    settings = indexed(
        tmp_path, settings_for, stand_in,
        b25="武汉市青山区测试局2025年度部门预算\n\n第一部分 部门概况\n\n"
            "2025年收入预算500.00万元，比上年增加20.00万元，主要原因是新增信息化建设项目。\n",
        b24="武汉市青山区测试局2024年度部门预算\n\n第一部分 部门概况\n\n"
            "2024年收入预算480.00万元，比上年增加30.00万元，主要原因是人员经费调资增加。\n")
    a = qa.ask("青山区测试局2025年预算为什么比2024年多了？", settings=settings)
    assert "人员经费调资" not in a.text and all(c.source == "b25.txt" for c in a.citations)


def test_last_years_figure_is_read_under_the_items_other_name_or_of_the_totals_that_state_a_change(
        tmp_path, settings_for, stand_in):
    """打击欺诈骗保 matches 打击欺诈骗保费用, whose 上年 no sentence states; 打击欺诈骗取医保 (the same words in order)
    does. 2024年支出 of a report stating no 上年 支出合计: the total whose change its narrative states."""
    body = ("武汉市青山区测试局2025年度部门预算\n\n第一部分 部门概况\n\n"
            "打击欺诈骗保费用72.35万元，用于专项检查。\n"
            "打击欺诈骗取医保项目预算72.35万元，比上年增加42.25万元。\n"
            "2025年一般公共预算财政拨款支出2940.05万元，比上年减少63.14万元。\n")
    settings = indexed(tmp_path, settings_for, stand_in, budget=body)
    a = qa.ask("青山区测试局2024年打击欺诈骗保经费预算是多少", settings=settings)
    assert a.found and "30.1" in a.text
    a = qa.ask("青山区测试局2024年支出是多少", settings=settings)
    assert a.found and "3003.19" in a.text


def test_this_years_amount_as_a_multiple_of_last_years(tmp_path, settings_for, stand_in):
    """`是上年的几倍` / `是2024年的几倍`: this year's amount over the 上年 one (printed, or the amount less its change)."""
    settings = indexed(tmp_path, settings_for, stand_in, budget=BUDGET + "2025年培训费预算72.35万元，2024年预算为30.1万元。\n")
    a = qa.ask("青山区测试局2025年机关运行经费是上年的几倍？", settings=settings)
    assert "36.5 ÷ 34 = 1.07倍" in a.text, a.text
    a = qa.ask("青山区测试局2025年培训费预算是2024年的几倍？", settings=settings)
    assert "72.35 ÷ 30.1 = 2.4倍" in a.text, a.text


def test_what_was_left_unspent_of_the_whole_years_budget(tmp_path, settings_for, stand_in):
    """`年初预算有多少没花掉` names no item: the report's total it states both a budget and a final figure of."""
    final = ("武汉市青山区测试局2025年度部门决算\n\n第一部分 部门概况\n\n"
             "2025年度一般公共预算财政拨款支出年初预算为21864.85万元，支出决算为19044.27万元，完成年初预算的87.1%。\n")
    settings = indexed(tmp_path, settings_for, stand_in, final=final)
    a = qa.ask("青山区测试局2025年年初预算有多少没花掉", settings=settings)
    assert "21864.85 − 19044.27 = 2820.58" in a.text, a.text


#: a 普陀区 budget's 项 with last year's execution (`2023年当年预算执行数为…`)
SURVEY = ("1. “一般公共服务支出（类）统计信息事务（款）专项普查活动（项）”25.77万元，主要用于专项普查活动。"
          "2023年当年预算执行数为60.13万元，2024年预算安排25.77万元，比2023年预算执行数减少57.14%。\n")


def test_last_years_execution_a_budget_prints_answers_an_actual_asked_of_that_year(index_of):
    """A 2024 budget saying `2023年当年预算执行数为60.13万元`: asked what was spent in 2023 (执行数), that figure —
    not 所查报告是预算报告 — as asked of the 2024 report or of 2023 itself."""
    import qa

    from .conftest import tiny_report

    settings = index_of({"b.txt": tiny_report("上海市普陀区", 2024, SURVEY, kind="预算")})
    for question in ("普陀区测试局2024年专项普查活动2023年执行数是多少", "普陀区测试局2023年专项普查活动执行数是多少"):
        a = qa.ask(question, settings=settings)
        assert a.found and 60.13 in {f.value for f in a.figures}, a.text
    # (the 2023 budget held too: two budgets are no reason to refuse a change against 2023's execution, which the
    # 2024 one prints)
    before = "1. “一般公共服务支出（类）统计信息事务（款）其他统计信息事务支出（项）”70.00万元，主要用于统计。\n"
    both = index_of({"b.txt": tiny_report("上海市普陀区", 2024, SURVEY, kind="预算"),
                     "a.txt": tiny_report("上海市普陀区", 2023, before, kind="预算")})
    a = qa.ask("普陀区测试局2024年专项普查活动预算比2023年执行数减少了多少", settings=both)
    assert a.found and {60.13, 57.14} <= {abs(f.value) for f in a.figures}, a.text
    # (the amount asked, which the report prints only as a rate: computed, 25.77 − 60.13, the rate beside it)
    a = qa.ask("普陀区测试局2024年专项普查活动预算比上年执行数减少了多少", settings=settings)
    assert a.found and {34.36, 57.14} <= {abs(f.value) for f in a.figures}, a.text


def test_a_later_part_naming_its_own_item_before_last_year_is_asked_of_that_item(index_of):
    """…A的上年执行数是多少？B的上年执行数是多少？: B's own figure, not A's 上年 again (上年预算是多少, naming no item,
    is still the first item's)."""
    import qa

    from .conftest import tiny_report

    body = (SURVEY + "2. “卫生健康支出（类）行政事业单位医疗（款）事业单位医疗（项）”140.00万元，主要用于医疗。"
            "2023年当年预算执行数为132.56万元，2024年预算安排140.00万元，比2023年预算执行数增加5.61%。\n")
    settings = index_of({"b.txt": tiny_report("上海市普陀区", 2024, body, kind="预算")})
    a = qa.ask("普陀区测试局2024年专项普查活动的上年执行数是多少？事业单位医疗的上年执行数是多少？", settings=settings)
    assert a.found and {60.13, 132.56} <= {f.value for f in a.figures}, a.text


def test_a_years_budget_asked_of_its_final_account_is_stated_beside_the_next_budgets_reading(index_of):
    """2023年预算是多少, the 2023 final account and the 2024 budget held: the final account's 年初预算数 and the
    2023 budget the 2024 report prints as its 上年 (本年 − 增加), each labelled by its report."""
    from .conftest import tiny_report

    final = ("三、财政拨款支出决算情况说明\n2023年度一般公共预算财政拨款支出年初预算为2993.92万元，"
             "支出决算为2940.05万元，完成年初预算的98.2%。\n")
    budget = ("二、收支预算总体情况\n2024年，本部门收入预算3121.42万元，其中：财政拨款收入3121.42万元，"
              "比2023年预算增加107.62万元。\n")
    settings = index_of({"final.txt": tiny_report("武汉市江岸区", 2023, final),
                         "budget.txt": tiny_report("武汉市江岸区", 2024, budget, kind="预算")})
    a = qa.ask("江岸区测试局2023年预算是多少？", settings=settings)
    assert a.found and "2993.92" in a.text and "3013.8" in a.text, a.text
    a = qa.ask("江岸区测试局2023年支出决算是多少？", settings=settings)  # (an actual figure: the final account's alone)
    assert a.found and "2940.05" in a.text and "3013.8" not in a.text, a.text
