"""The parts of a made-up 决算 report: overview, tables, 收支 explanations, 三公经费, other items."""
from __future__ import annotations

import random
from typing import Sequence

from .layout import _Out, _rollup, _subject_table
from .ledger import _Item, _Ledger, money_cell, money_text, rate_tenths
from .profiles import (
    _CLASS_NAME,
    _CLASSES,
    _CN_NUM,
    _DEFINITIONS,
    _DOWN_REASONS,
    _ECON,
    _ECON_NAME,
    _OVER_REASONS,
    _PERSONNEL_GROUPS,
    _UNDER_REASONS,
    _UP_REASONS,
)
from .records import UNIT, SampleFact, SampleTable

YEAR_MIN, YEAR_MAX = 2019, 2026



def _part_one(o: _Out, L: _Ledger, rng: random.Random) -> None:
    p = L.profile
    dept = L.region + L.department
    o.h("第一部分 部门概况", 1)
    o.h("一、部门主要职能", 2)
    o.p(f"{dept}是{L.region}人民政府的工作部门，主要职能是：")
    for i, d in enumerate(p.duties):
        o.p(f"（{_CN_NUM[i]}）{d}")
    o.h("二、机构设置", 2)
    offices = p.offices[: max(2, rng.randint(3, len(p.offices)))]
    units = p.units[: rng.randint(0, len(p.units))]
    unit_text = (f"，下属单位{len(units)}个：" + "、".join(L.region + u for u in units)) if units else "，无下属单位"
    o.p(f"本部门内设机构{o.n('内设机构', '数量', len(offices), '个')}，分别是：{'、'.join(offices)}{unit_text}。"
        f"纳入本部门{L.year}年度部门{L.kind}编制范围的单位共{o.n('编制范围单位', '数量', len(units) + 1, '个')}。")
    s = L.staff
    o.p(f"截至{L.year if L.kind == '决算' else L.year - 1}年底，本部门编制{o.n('编制人数', '数量', s['编制人数'], '人')}，"
        f"实有人员{o.n('实有人数', '数量', s['实有人数'], '人')}；离退休人员{o.n('离退休人员', '数量', s['离退休人员'], '人')}。")


def _table_01_final(L: _Ledger) -> SampleTable:
    inc = [("一、一般公共预算财政拨款收入", L.total("gpb_income")), ("二、政府性基金预算财政拨款收入", L.total("fund_income")),
           ("三、国有资本经营预算财政拨款收入", 0), ("四、上级补助收入", 0), ("五、事业收入", 0), ("六、经营收入", 0),
           ("七、附属单位上缴收入", 0), ("八、其他收入", L.total("other"))]
    by_class: dict[str, int] = {}
    for it in L.items:
        by_class[it.code[:3]] = by_class.get(it.code[:3], 0) + it.spend
    rows = []
    for i, (ccode, cname) in enumerate(_CLASSES):
        left = inc[i] if i < len(inc) else ("", 0)
        rows.append((left[0], str(i + 1), money_cell(left[1]), f"{_CN_NUM[i]}、{cname}", str(i + 32),
                     money_cell(by_class.get(ccode, 0))))
    income = sum(v for _, v in inc)
    spend = L.total("spend")
    start, end = L.total("start"), L.total("end")
    rows += [("本年收入合计", "27", money_cell(income), "本年支出合计", "58", money_cell(spend)),
             ("使用非财政拨款结余", "28", "", "结余分配", "59", ""),
             ("年初结转和结余", "29", money_cell(start), "年末结转和结余", "60", money_cell(end)),
             ("", "30", "", "", "61", ""),
             ("总计", "31", money_cell(income + start), "总计", "62", money_cell(spend + end))]
    header = (("收入", "", "", "支出", "", ""), ("项目", "行次", "金额", "项目", "行次", "金额"))
    return SampleTable("公开01表", f"{L.year}年度收入支出决算总表", header, tuple(rows),
                       ((0, 0, 2, 0), (3, 0, 5, 0)), (3.2, 0.6, 1.3, 3.2, 0.6, 1.3), 1,
                       "注：本表反映部门本年度的总收支和年末结转结余情况。")


def _table_04_final(L: _Ledger) -> SampleTable:
    gpb_in, fund_in = L.total("gpb_income"), L.total("fund_income")
    inc = [("一、一般公共预算财政拨款", gpb_in), ("二、政府性基金预算财政拨款", fund_in), ("三、国有资本经营预算财政拨款", 0)]
    gpb_c: dict[str, int] = {}
    fund_c: dict[str, int] = {}
    for it in L.items:
        gpb_c[it.code[:3]] = gpb_c.get(it.code[:3], 0) + it.gpb
        fund_c[it.code[:3]] = fund_c.get(it.code[:3], 0) + it.fund
    rows = []
    for i, (ccode, cname) in enumerate(_CLASSES):
        left = inc[i] if i < len(inc) else ("", 0)
        g, f = gpb_c.get(ccode, 0), fund_c.get(ccode, 0)
        rows.append((left[0], money_cell(left[1]), f"{_CN_NUM[i]}、{cname}", money_cell(g + f), money_cell(g),
                     money_cell(f), ""))
    gpb_out, fund_out = L.total("gpb"), L.total("fund")
    gs = sum(it.start for it in L.items if it.kind != "F")
    fs = sum(it.start for it in L.items if it.kind == "F")
    ge = sum(it.end for it in L.items if it.kind != "F")
    fe = sum(it.end for it in L.items if it.kind == "F")
    rows += [("本年收入合计", money_cell(gpb_in + fund_in), "本年支出合计", money_cell(gpb_out + fund_out),
              money_cell(gpb_out), money_cell(fund_out), ""),
             ("年初财政拨款结转和结余", money_cell(gs + fs), "年末财政拨款结转和结余", money_cell(ge + fe),
              money_cell(ge), money_cell(fe), ""),
             ("一般公共预算财政拨款", money_cell(gs), "", "", "", "", ""),
             ("政府性基金预算财政拨款", money_cell(fs), "", "", "", "", ""),
             ("国有资本经营预算财政拨款", "", "", "", "", "", ""),
             ("总计", money_cell(gpb_in + fund_in + gs + fs), "总计", money_cell(gpb_out + fund_out + ge + fe),
              money_cell(gpb_out + ge), money_cell(fund_out + fe), "")]
    header = (("收入", "", "支出", "", "", "", ""),
              ("项目", "金额", "项目", "合计", "一般公共预算财政拨款", "政府性基金预算财政拨款", "国有资本经营预算财政拨款"))
    return SampleTable("公开04表", f"{L.year}年度财政拨款收入支出决算总表", header, tuple(rows),
                       ((0, 0, 1, 0), (2, 0, 6, 0)), (2.6, 1.1, 2.6, 1.1, 1.1, 1.1, 1.1), 1,
                       "注：本表反映部门本年度一般公共预算财政拨款、政府性基金预算财政拨款和国有资本经营预算财政拨款的总收支和年末结转结余情况。")


def _econ_table(L: _Ledger, code: str, title: str, total_label: str, note: str) -> SampleTable:
    rows = []
    pers_total = L.personnel
    pub_total = L.public
    rows.append(("", total_label, money_cell(pers_total + pub_total), money_cell(pers_total), money_cell(pub_total)))
    for g, gname, members in _ECON:
        personnel = g in _PERSONNEL_GROUPS
        gsum = sum(L.econ.get(c, 0) for c, _ in members)
        rows.append((g, gname, money_cell(gsum), money_cell(gsum if personnel else 0),
                     money_cell(0 if personnel else gsum)))
        for c, name in members:
            v = L.econ.get(c, 0)
            rows.append((c, name, money_cell(v), money_cell(v if personnel else 0), money_cell(0 if personnel else v)))
    header = (("科目编码", "科目名称", "合计", "人员经费", "公用经费"),)
    return SampleTable(code, title, header, tuple(rows), (), (1.0, 3.0, 1.2, 1.2, 1.2), 2, note)


def _sangong_table(L: _Ledger, code: str, title: str, budget_only: bool) -> SampleTable:
    def six(d: dict[str, int]) -> tuple[str, ...]:
        car = d["公务用车购置费"] + d["公务用车运行维护费"]
        return tuple(money_cell(x) for x in (sum(d.values()), d["因公出国（境）费"], car, d["公务用车购置费"],
                                             d["公务用车运行维护费"], d["公务接待费"]))

    names = ("合计", "因公出国（境）费", "公务用车购置及运行维护费", "", "", "公务接待费")
    sub = ("", "", "小计", "公务用车购置费", "公务用车运行维护费", "")
    if budget_only:
        header = (("项目",) + names, ("",) + sub)
        spans = ((0, 0, 0, 1), (1, 0, 1, 1), (2, 0, 2, 1), (3, 0, 5, 0), (6, 0, 6, 1))
        rows = (("本年预算数",) + six(L.sangong_budget),)
        return SampleTable(code, title, header, rows, spans, (1.3,) + (1.0,) * 6, 1,
                           "注：本表反映部门本年度一般公共预算财政拨款安排的“三公”经费预算情况。")
    header = (("预算数",) + ("",) * 5 + ("决算数",) + ("",) * 5, names + names, sub + sub)
    spans = ((0, 0, 5, 0), (6, 0, 11, 0))
    for base in (0, 6):
        spans += ((base, 1, base, 2), (base + 1, 1, base + 1, 2), (base + 2, 1, base + 4, 1),
                  (base + 5, 1, base + 5, 2))
    rows = (six(L.sangong_budget) + six(L.sangong_actual),)
    return SampleTable(code, title, header, rows, spans, (1.0,) * 12, 0,
                       "注：本表反映部门本年度财政拨款“三公”经费支出预决算情况。预算数为全年预算数，决算数为实际支出数。")


def _sangong_facts(o: _Out, t: SampleTable, budget_only: bool) -> None:
    keys = ("“三公”经费", "因公出国（境）费", "公务用车购置及运行维护费", "公务用车购置费", "公务用车运行维护费", "公务接待费")
    o.blocks.append(t)
    for r, row in enumerate(t.rows):
        cells = row[1:] if budget_only else row
        for i, cell in enumerate(cells):
            if cell:
                measure = "预算数" if budget_only or i < 6 else "决算数"
                o.facts.append(SampleFact(keys[i % 6], measure, float(cell.replace(",", "")), UNIT, cell, t.code))


def _part_two_final(o: _Out, L: _Ledger) -> None:
    y = L.year
    o.h(f"第二部分 {y}年度部门决算表", 1)
    t1 = _table_01_final(L)
    o.table(t1, ["", "", "金额", "", "", "金额"], label_cols=((0, [2]), (3, [5])))
    items = L.items
    t2 = _subject_table("公开02表", f"{y}年度收入决算表", "本年收入",
                        ("合计", "财政拨款收入", "上级补助收入", "事业收入", "经营收入", "附属单位上缴收入", "其他收入"),
                        _rollup(items, lambda it: (it.gpb_income + it.fund_income + it.other,
                                                   it.gpb_income + it.fund_income, 0, 0, 0, 0, it.other)),
                        "注：本表反映部门本年度取得的各项收入情况。")
    o.table(t2, [None, None, "本年收入合计", "财政拨款收入", "上级补助收入", "事业收入", "经营收入", "附属单位上缴收入", "其他收入"])
    t3 = _subject_table("公开03表", f"{y}年度支出决算表", "本年支出",
                        ("合计", "基本支出", "项目支出", "上缴上级支出", "经营支出", "对附属单位补助支出"),
                        _rollup(items, lambda it: (it.spend, it.basic, it.proj + it.other + it.fund, 0, 0, 0)),
                        "注：本表反映部门本年度各项支出情况。")
    o.table(t3, [None, None, "本年支出合计", "基本支出", "项目支出", "上缴上级支出", "经营支出", "对附属单位补助支出"])
    o.table(_table_04_final(L), ["", "金额", "", "合计", "一般公共预算财政拨款", "政府性基金预算财政拨款", "国有资本经营预算财政拨款"],
            label_cols=((0, [1]), (2, [3, 4, 5])))
    t5 = _subject_table("公开05表", f"{y}年度一般公共预算财政拨款支出决算表", "本年支出", ("小计", "基本支出", "项目支出"),
                        _rollup(items, lambda it: (it.gpb, it.basic, it.proj)),
                        "注：本表反映部门本年度一般公共预算财政拨款支出情况。")
    o.table(t5, [None, None, "小计", "基本支出", "项目支出"])
    t6 = _econ_table(L, "公开06表", f"{y}年度一般公共预算财政拨款基本支出决算明细表", "合计",
                     "注：本表反映部门本年度一般公共预算财政拨款基本支出明细情况。")
    o.table(t6, [None, None, "决算数", "人员经费", "公用经费"])
    fund_rows = _rollup([it for it in items if it.kind == "F"],
                        lambda it: (it.start, it.fund_income, it.fund, 0, it.fund, it.end))
    t7 = _subject_table("公开07表", f"{y}年度政府性基金预算财政拨款收入支出决算表", "政府性基金预算财政拨款",
                        ("年初结转和结余", "本年收入", "本年支出", "基本支出", "项目支出", "年末结转和结余"), fund_rows,
                        "注：本表反映部门本年度政府性基金预算财政拨款收入、支出及结转和结余情况。",
                        "" if fund_rows else f"备注：{y}年度本部门无政府性基金预算财政拨款收入支出。")
    o.table(t7, [None, None, "年初结转和结余", "本年收入", "本年支出", "基本支出", "项目支出", "年末结转和结余"])
    t8 = _subject_table("公开08表", f"{y}年度国有资本经营预算财政拨款支出决算表", "本年支出", ("合计", "基本支出", "项目支出"), [],
                        "注：本表反映部门本年度国有资本经营预算财政拨款支出情况。",
                        f"备注：{y}年度本部门无国有资本经营预算财政拨款支出。")
    o.table(t8, [None, None, "合计", "基本支出", "项目支出"])
    _sangong_facts(o, _sangong_table(L, "公开09表", f"{y}年度财政拨款“三公”经费支出决算表", False), False)


def _reasons(rng: random.Random, bank: Sequence[str], projects: Sequence[str], k: int = 2) -> str:
    chosen = rng.sample(bank, k)
    proj = rng.choice(projects) if projects else "专项业务经费"
    parts = [c.format(p=proj) for c in chosen]
    if k == 1:
        return parts[0]
    return "".join(f"{'一二三四'[i]}是{t}{'；' if i < k - 1 else ''}" for i, t in enumerate(parts))


def _part_three_final(o: _Out, L: _Ledger, rng: random.Random) -> None:
    y, py = L.year, L.year - 1
    items = L.items
    projects = [it.project for it in items if it.project and it.proj]
    o.h(f"第三部分 {y}年度部门决算情况说明", 1)
    income = L.total("gpb_income") + L.total("fund_income") + L.total("other")
    spend = L.total("spend")
    start, end = L.total("start"), L.total("end")
    grand = income + start
    o.h("一、收入支出决算总体情况说明", 2)
    delta = grand - L.prev_total
    why = _reasons(rng, _UP_REASONS if delta >= 0 else _DOWN_REASONS, projects)
    o.p(f"{y}年度收入、支出决算总计{o.m('收支总计', '决算数', grand)}。与{py}年度相比，收、支总计各"
        f"{o.change('收支总计', grand, L.prev_total)}，主要原因{why}。")
    o.h("二、收入决算情况说明", 2)
    parts = [("财政拨款收入", L.total("gpb_income") + L.total("fund_income")), ("其他收入", L.total("other"))]
    text = "；".join(f"{name}{o.m(name, '决算数', v)}，占本年收入{o.r(name, '占比', rate_tenths(v, income))}"
                    for name, v in parts if v)
    o.p(f"{y}年度收入合计{o.m('收入合计', '决算数', income)}，其中：{text}。"
        + (f"年初结转和结余{o.m('年初结转和结余', '决算数', start)}。" if start else ""))
    o.h("三、支出决算情况说明", 2)
    basic = L.total("basic")
    proj = spend - basic
    o.p(f"{y}年度支出合计{o.m('支出合计', '决算数', spend)}，其中：基本支出{o.m('基本支出', '决算数', basic)}，"
        f"占本年支出{o.r('基本支出', '占比', rate_tenths(basic, spend))}；项目支出{o.m('项目支出', '决算数', proj)}，"
        f"占本年支出{o.r('项目支出', '占比', rate_tenths(proj, spend))}。"
        + (f"年末结转和结余{o.m('年末结转和结余', '决算数', end)}。" if end else ""))
    o.h("四、财政拨款收入支出决算总体情况说明", 2)
    fin = L.total("gpb_income") + L.total("fund_income") + start
    prev_fin = max(1, round(L.prev_total * fin / grand))
    o.p(f"{y}年度财政拨款收、支总计{o.m('财政拨款收支总计', '决算数', fin)}。与{py}年度相比，财政拨款收、支总计各"
        f"{o.change('财政拨款收支总计', fin, prev_fin)}。")

    o.h("五、一般公共预算财政拨款支出决算情况说明", 2)
    gpb = L.total("gpb")
    o.h("（一）一般公共预算财政拨款支出决算总体情况", 3)
    why = _reasons(rng, _UP_REASONS if gpb >= L.prev_gpb else _DOWN_REASONS, projects, 1)
    o.p(f"{y}年度一般公共预算财政拨款支出{o.m('一般公共预算财政拨款支出', '决算数', gpb)}，占本年支出合计的"
        f"{o.r('一般公共预算财政拨款支出', '占比', rate_tenths(gpb, spend))}。与{py}年度相比，一般公共预算财政拨款支出"
        f"{o.change('一般公共预算财政拨款支出', gpb, L.prev_gpb)}，主要原因是{why}。")
    o.h("（二）一般公共预算财政拨款支出决算结构情况", 3)
    by_class: dict[str, list[_Item]] = {}
    for it in items:
        if it.gpb:
            by_class.setdefault(it.code[:3], []).append(it)
    lines = []
    for i, (ccode, its) in enumerate(sorted(by_class.items())):
        cname = _CLASS_NAME[ccode]
        v = sum(it.gpb for it in its)
        uses = "、".join(dict.fromkeys(it.name for it in its))
        lines.append(f"{i + 1}.{cname}（类）{o.m(cname, '决算数', v, ccode)}，占{o.r(cname, '占比', rate_tenths(v, gpb), ccode)}。"
                     f"主要用于{uses}等方面。")
    o.p(f"{y}年度一般公共预算财政拨款支出{money_text(gpb)}{UNIT}，主要用于以下方面：")
    for line in lines:
        o.p(line)
    o.h("（三）一般公共预算财政拨款支出决算具体情况", 3)
    budget_total = sum(it.budget for it in items)
    o.p(f"{y}年度一般公共预算财政拨款支出年初预算为{o.m('一般公共预算财政拨款支出', '年初预算数', budget_total)}，"
        f"支出决算为{money_text(gpb)}{UNIT}，完成年初预算的"
        f"{o.r('一般公共预算财政拨款支出', '执行率', rate_tenths(gpb, budget_total))}。其中：基本支出{money_text(basic)}{UNIT}，"
        f"项目支出{money_text(L.total('proj'))}{UNIT}。")
    n = 0
    for it in items:
        if not it.gpb:
            continue
        n += 1
        s = (f"{n}.{it.label}。年初预算为{o.m(it.name, '年初预算数', it.budget, it.code)}，支出决算为"
             f"{o.m(it.name, '决算数', it.gpb, it.code)}，完成年初预算的"
             f"{o.r(it.name, '执行率', rate_tenths(it.gpb, it.budget), it.code)}。")
        if it.gpb > it.budget:
            s += f"决算数大于年初预算数的主要原因是{_reasons(rng, _OVER_REASONS, [it.project or it.name + '经费'], 1)}。"
        elif it.gpb < it.budget:
            s += f"决算数小于年初预算数的主要原因是{_reasons(rng, _UNDER_REASONS, [], 1)}。"
        o.p(s)

    o.h("六、一般公共预算财政拨款基本支出决算情况说明", 2)
    pers, pub = L.personnel, L.public

    def names(groups: tuple[str, ...], inside: bool) -> str:
        return "、".join(_ECON_NAME[c] for c, v in L.econ.items() if (c[:3] in groups) == inside and v)

    o.p(f"{y}年度一般公共预算财政拨款基本支出{o.m('基本支出', '决算数', basic)}，其中：")
    o.p(f"人员经费{o.m('人员经费', '决算数', pers)}，主要包括：{names(_PERSONNEL_GROUPS, True)}。")
    o.p(f"公用经费{o.m('公用经费', '决算数', pub)}，主要包括：{names(_PERSONNEL_GROUPS, False)}。")

    o.h("七、政府性基金预算财政拨款支出决算情况说明", 2)
    fund = L.total("fund")
    if fund:
        o.p(f"{y}年度政府性基金预算财政拨款支出{o.m('政府性基金预算财政拨款支出', '决算数', fund)}，主要用于"
            + "、".join(it.project or it.name for it in items if it.fund) + "。")
    else:
        o.p(f"{y}年度本部门无政府性基金预算财政拨款收入支出。")
    o.h("八、国有资本经营预算财政拨款支出决算情况说明", 2)
    o.p(f"{y}年度本部门无国有资本经营预算财政拨款支出。")

    o.h("九、财政拨款“三公”经费支出决算情况说明", 2)
    _sangong_text_final(o, L, rng)

    o.h("十、机关运行经费支出情况", 2)
    o.p(f"{y}年度本部门机关运行经费支出{o.m('机关运行经费', '决算数', pub)}，比年初预算数"
        f"{o.change('机关运行经费', pub, L.running_budget, '增长', '降低')}。主要原因是"
        f"{_reasons(rng, _UP_REASONS if pub > L.running_budget else _DOWN_REASONS, projects, 1)}。")
    o.h("十一、政府采购支出情况", 2)
    pr = L.procurement
    total_pr = sum(pr.values())
    o.p(f"{y}年度本部门政府采购支出总额{o.m('政府采购支出', '决算数', total_pr)}，其中：政府采购货物支出"
        f"{o.m('政府采购货物支出', '决算数', pr['货物'])}、政府采购工程支出{o.m('政府采购工程支出', '决算数', pr['工程'])}、"
        f"政府采购服务支出{o.m('政府采购服务支出', '决算数', pr['服务'])}。授予中小企业合同金额"
        f"{o.m('授予中小企业合同金额', '决算数', L.sme)}，占政府采购支出总额的"
        f"{o.r('授予中小企业合同金额', '占比', rate_tenths(L.sme, total_pr))}，其中：授予小微企业合同金额"
        f"{o.m('授予小微企业合同金额', '决算数', L.small)}，占授予中小企业合同金额的"
        f"{o.r('授予小微企业合同金额', '占比', rate_tenths(L.small, L.sme) if L.sme else 0)}。")
    o.h("十二、国有资产占用情况", 2)
    general = L.cars - (L.cars // 3)
    o.p(f"截至{y}年12月31日，本部门共有车辆{o.n('车辆', '数量', L.cars, '辆')}，其中：一般公务用车"
        f"{o.n('一般公务用车', '数量', general, '辆')}，执法执勤用车{o.n('执法执勤用车', '数量', L.cars - general, '辆')}；"
        f"单价100万元（含）以上设备{o.n('单价100万元以上设备', '数量', L.equipment, '台（套）')}。")

    o.h("十三、预算绩效情况说明", 2)
    evaluated = [it for it in items if it.proj and it.project]
    ev_total = sum(it.proj for it in evaluated)
    o.h("（一）预算绩效管理工作开展情况", 3)
    proj_gpb = L.total("proj")
    o.p(f"根据预算绩效管理要求，本部门组织对{y}年度一般公共预算项目支出开展绩效自评，共涉及项目"
        f"{o.n('绩效自评项目', '数量', len(evaluated), '个')}，资金{o.m('绩效自评项目', '资金', ev_total)}，占一般公共预算项目支出总额的"
        f"{o.r('绩效自评项目', '占比', rate_tenths(ev_total, proj_gpb) if proj_gpb else 0)}。")
    o.h("（二）项目支出自评结果", 3)
    for i, it in enumerate(evaluated):
        out = rng.choice(L.profile.outputs)
        s = (f"{i + 1}.{it.project}项目绩效自评综述：项目全年预算数为{o.m(it.project, '全年预算数', it.project_budget, it.code)}，"
             f"执行数为{o.m(it.project, '执行数', it.proj, it.code)}，完成预算的"
             f"{o.r(it.project, '执行率', rate_tenths(it.proj, it.project_budget), it.code)}。")
        if it.proj < it.project_budget:
            s += f"预算未执行完毕的主要原因是{_reasons(rng, _UNDER_REASONS, [], 1)}。"
        s += f"主要产出和效益是：{out}，项目绩效目标基本实现。"
        o.p(s)
    if not evaluated:
        o.p(f"{y}年度本部门无需开展绩效自评的项目。")


def _sangong_text_final(o: _Out, L: _Ledger, rng: random.Random) -> None:
    y = L.year
    sb, sa = L.sangong_budget, L.sangong_actual
    tb, ta = sum(sb.values()), sum(sa.values())
    o.h("（一）“三公”经费财政拨款支出决算总体情况说明", 3)
    s = f"{y}年度“三公”经费财政拨款支出预算为{o.m('“三公”经费', '预算数', tb)}，支出决算为{o.m('“三公”经费', '决算数', ta)}"
    if tb:
        s += f"，完成预算的{o.r('“三公”经费', '执行率', rate_tenths(ta, tb))}"
        if ta < tb:
            s += f"。决算数小于预算数的主要原因是{_reasons(rng, _UNDER_REASONS, [], 1)}"
    o.p(s + "。")
    o.h("（二）“三公”经费财政拨款支出决算具体情况说明", 3)

    def line(key: str) -> str:
        b, a = sb[key], sa[key]
        t = f"支出决算为{o.m(key, '决算数', a)}，预算为{o.m(key, '预算数', b)}"
        if b:
            t += f"，完成预算的{o.r(key, '执行率', rate_tenths(a, b))}"
        return t

    trips = L.trips
    o.p(f"1.因公出国（境）费{line('因公出国（境）费')}。"
        + (f"全年安排因公出国（境）团组{o.n('因公出国（境）团组', '数量', trips[0], '个')}，累计"
           f"{o.n('因公出国（境）', '人次', trips[1], '人次')}。" if trips[0] else "本年度未发生因公出国（境）事项。"))
    car = "公务用车购置及运行维护费"
    cb = sb["公务用车购置费"] + sb["公务用车运行维护费"]
    ca = sa["公务用车购置费"] + sa["公务用车运行维护费"]
    s = f"2.公务用车购置及运行维护费支出决算为{o.m(car, '决算数', ca)}，预算为{o.m(car, '预算数', cb)}"
    if cb:
        s += f"，完成预算的{o.r(car, '执行率', rate_tenths(ca, cb))}"
    s += (f"。其中：公务用车购置费{o.m('公务用车购置费', '决算数', sa['公务用车购置费'])}；公务用车运行维护费"
          f"{o.m('公务用车运行维护费', '决算数', sa['公务用车运行维护费'])}，主要用于公务用车燃料费、维修费、保险费等支出。"
          f"截至{y}年12月31日，使用财政拨款开支的公务用车保有量为{o.n('公务用车', '保有量', L.cars, '辆')}。")
    o.p(s)
    rec = L.receptions
    o.p(f"3.公务接待费{line('公务接待费')}。"
        + (f"全年共接待国内来访团组{o.n('公务接待', '批次', rec[0], '批次')}，来宾{o.n('公务接待', '人次', rec[1], '人次')}。"
           if rec[0] else "本年度未发生公务接待事项。"))


def _part_four(o: _Out, L: _Ledger) -> None:
    o.h("第四部分 名词解释", 1)
    for i, (term, text) in enumerate(_DEFINITIONS):
        o.p(f"（{_CN_NUM[i]}）{term}：{text}")
    o.p(f"（{_CN_NUM[len(_DEFINITIONS)]}）本部门使用的支出功能分类科目（到项级）：")
    for i, it in enumerate([it for it in L.items if it.spend]):
        o.p(f"{i + 1}.{it.label}：反映本部门用于{it.name.removesuffix('支出')}方面的支出。")


# ---------------------------------------------------------------------------------------------------------
# 预算
# ---------------------------------------------------------------------------------------------------------
