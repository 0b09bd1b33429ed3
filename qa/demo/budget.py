"""The parts of a made-up 预算 report."""
from __future__ import annotations

import random

from .final import _econ_table, _reasons, _sangong_facts, _sangong_table
from .layout import _Out, _rollup, _subject_table
from .ledger import _Ledger, money_cell, money_text, rate_tenths
from .profiles import (
    _CLASS_NAME,
    _CLASSES,
    _CN_NUM,
    _DOWN_REASONS,
    _ECON_NAME,
    _PERSONNEL_GROUPS,
    _UP_REASONS,
)
from .records import UNIT, SampleTable

YEAR_MIN, YEAR_MAX = 2019, 2026



def _part_two_budget(o: _Out, L: _Ledger) -> None:
    y = L.year
    items = L.items
    o.h(f"第二部分 {y}年度部门预算表", 1)
    gpb, fund, other = L.total("gpb"), L.total("fund"), L.total("other")
    total = gpb + fund + other
    inc = [("一、一般公共预算拨款收入", gpb), ("二、政府性基金预算拨款收入", fund), ("三、国有资本经营预算拨款收入", 0),
           ("四、事业收入", 0), ("五、事业单位经营收入", 0), ("六、其他收入", other)]
    by_class: dict[str, int] = {}
    for it in items:
        by_class[it.code[:3]] = by_class.get(it.code[:3], 0) + it.spend
    rows = []
    for i, (ccode, cname) in enumerate(_CLASSES):
        left = inc[i] if i < len(inc) else ("", 0)
        rows.append((left[0], money_cell(left[1]), f"{_CN_NUM[i]}、{cname}", money_cell(by_class.get(ccode, 0))))
    rows += [("本年收入合计", money_cell(total), "本年支出合计", money_cell(total)),
             ("上年结转", "", "结转下年", ""),
             ("收入总计", money_cell(total), "支出总计", money_cell(total))]
    t1 = SampleTable("公开01表", f"{y}年度部门收支总表", (("收入", "", "支出", ""), ("项目", "预算数", "项目", "预算数")),
                     tuple(rows), ((0, 0, 1, 0), (2, 0, 3, 0)), (3.0, 1.2, 3.0, 1.2), 1,
                     "注：本表反映部门本年度收支预算总体情况。")
    o.table(t1, ["", "预算数", "", "预算数"], label_cols=((0, [1]), (2, [3])))
    t2 = _subject_table("公开02表", f"{y}年度部门收入总表", "本年收入",
                        ("合计", "上年结转", "一般公共预算拨款收入", "政府性基金预算拨款收入", "事业收入", "其他收入"),
                        _rollup(items, lambda it: (it.spend, 0, it.gpb, it.fund, 0, it.other)),
                        "注：本表反映部门本年度各项收入预算情况。")
    o.table(t2, [None, None, "合计", "上年结转", "一般公共预算拨款收入", "政府性基金预算拨款收入", "事业收入", "其他收入"])
    t3 = _subject_table("公开03表", f"{y}年度部门支出总表", "本年支出", ("合计", "基本支出", "项目支出"),
                        _rollup(items, lambda it: (it.spend, it.basic, it.proj + it.other + it.fund)),
                        "注：本表反映部门本年度各项支出预算情况。")
    o.table(t3, [None, None, "合计", "基本支出", "项目支出"])
    gpb_c: dict[str, int] = {}
    fund_c: dict[str, int] = {}
    for it in items:
        gpb_c[it.code[:3]] = gpb_c.get(it.code[:3], 0) + it.gpb
        fund_c[it.code[:3]] = fund_c.get(it.code[:3], 0) + it.fund
    inc4 = [("一、一般公共预算拨款", gpb), ("二、政府性基金预算拨款", fund), ("三、国有资本经营预算拨款", 0)]
    rows = []
    for i, (ccode, cname) in enumerate(_CLASSES):
        left = inc4[i] if i < len(inc4) else ("", 0)
        g, f = gpb_c.get(ccode, 0), fund_c.get(ccode, 0)
        rows.append((left[0], money_cell(left[1]), f"{_CN_NUM[i]}、{cname}", money_cell(g + f), money_cell(g),
                     money_cell(f), ""))
    rows += [("本年收入合计", money_cell(gpb + fund), "本年支出合计", money_cell(gpb + fund), money_cell(gpb),
              money_cell(fund), ""),
             ("收入总计", money_cell(gpb + fund), "支出总计", money_cell(gpb + fund), money_cell(gpb), money_cell(fund), "")]
    t4 = SampleTable("公开04表", f"{y}年度财政拨款收支总表",
                     (("收入", "", "支出", "", "", "", ""),
                      ("项目", "预算数", "项目", "合计", "一般公共预算", "政府性基金预算", "国有资本经营预算")),
                     tuple(rows), ((0, 0, 1, 0), (2, 0, 6, 0)), (2.6, 1.1, 2.6, 1.1, 1.1, 1.1, 1.1), 1,
                     "注：本表反映部门本年度财政拨款收支预算总体情况。")
    o.table(t4, ["", "预算数", "", "合计", "一般公共预算", "政府性基金预算", "国有资本经营预算"],
            label_cols=((0, [1]), (2, [3, 4, 5])))
    t5 = _subject_table("公开05表", f"{y}年度一般公共预算支出表", "本年预算数", ("合计", "基本支出", "项目支出"),
                        _rollup(items, lambda it: (it.gpb, it.basic, it.proj)),
                        "注：本表反映部门本年度一般公共预算财政拨款支出预算情况。")
    o.table(t5, [None, None, "合计", "基本支出", "项目支出"])
    t6 = _econ_table(L, "公开06表", f"{y}年度一般公共预算基本支出表", "合计",
                     "注：本表反映部门本年度一般公共预算财政拨款基本支出预算情况。")
    o.table(t6, [None, None, "预算数", "人员经费", "公用经费"])
    _sangong_facts(o, _sangong_table(L, "公开07表", f"{y}年度一般公共预算“三公”经费支出表", True), True)
    fund_rows = _rollup([it for it in items if it.kind == "F"], lambda it: (it.fund, 0, it.fund))
    t8 = _subject_table("公开08表", f"{y}年度政府性基金预算支出表", "本年政府性基金预算支出", ("合计", "基本支出", "项目支出"),
                        fund_rows, "注：本表反映部门本年度政府性基金预算财政拨款支出预算情况。",
                        "" if fund_rows else f"备注：本部门{y}年度无政府性基金预算拨款安排的支出。")
    o.table(t8, [None, None, "合计", "基本支出", "项目支出"])
    t9 = _subject_table("公开09表", f"{y}年度国有资本经营预算支出表", "本年国有资本经营预算支出", ("合计", "基本支出", "项目支出"),
                        [], "注：本表反映部门本年度国有资本经营预算财政拨款支出预算情况。",
                        f"备注：本部门{y}年度无国有资本经营预算拨款安排的支出。")
    o.table(t9, [None, None, "合计", "基本支出", "项目支出"])


def _part_three_budget(o: _Out, L: _Ledger, rng: random.Random) -> None:
    y, py = L.year, L.year - 1
    items = L.items
    projects = [it.project for it in items if it.project and it.proj]
    gpb, fund, other = L.total("gpb"), L.total("fund"), L.total("other")
    total = gpb + fund + other
    basic = L.total("basic")
    o.h(f"第三部分 {y}年度部门预算情况说明", 1)
    o.h("一、收支预算总体情况", 2)
    why = _reasons(rng, _UP_REASONS if total >= L.prev_total else _DOWN_REASONS, projects)
    o.p(f"{y}年度部门预算收入总计{o.m('收入总计', '预算数', total)}，支出总计{o.m('支出总计', '预算数', total)}。"
        f"与{py}年度相比，收、支预算总计各{o.change('收支预算总计', total, L.prev_total)}，主要原因{why}。")
    o.h("二、收入预算情况", 2)
    parts = [("一般公共预算拨款收入", gpb), ("政府性基金预算拨款收入", fund), ("其他收入", other)]
    o.p(f"{y}年度收入预算合计{o.m('收入合计', '预算数', total)}，其中："
        + "；".join(f"{n}{o.m(n, '预算数', v)}，占{o.r(n, '占比', rate_tenths(v, total))}" for n, v in parts if v) + "。")
    o.h("三、支出预算情况", 2)
    proj = total - basic
    o.p(f"{y}年度支出预算合计{o.m('支出合计', '预算数', total)}，其中：基本支出{o.m('基本支出', '预算数', basic)}，"
        f"占{o.r('基本支出', '占比', rate_tenths(basic, total))}；项目支出{o.m('项目支出', '预算数', proj)}，"
        f"占{o.r('项目支出', '占比', rate_tenths(proj, total))}。")
    o.h("四、财政拨款收支预算总体情况", 2)
    o.p(f"{y}年度财政拨款收、支总预算{o.m('财政拨款收支总预算', '预算数', gpb + fund)}。其中：一般公共预算拨款收入"
        f"{money_text(gpb)}{UNIT}，政府性基金预算拨款收入{money_text(fund)}{UNIT}。")
    o.h("五、一般公共预算支出预算情况说明", 2)
    o.h("（一）一般公共预算支出预算总体情况", 3)
    o.p(f"{y}年度一般公共预算支出预算{o.m('一般公共预算支出', '预算数', gpb)}，占本年支出预算合计的"
        f"{o.r('一般公共预算支出', '占比', rate_tenths(gpb, total))}。与{py}年度相比，一般公共预算支出预算"
        f"{o.change('一般公共预算支出', gpb, L.prev_gpb)}。")
    o.h("（二）一般公共预算支出预算结构情况", 3)
    by_class: dict[str, int] = {}
    for it in items:
        if it.gpb:
            by_class[it.code[:3]] = by_class.get(it.code[:3], 0) + it.gpb
    o.p("；".join(f"{_CLASS_NAME[c]}（类）{o.m(_CLASS_NAME[c], '预算数', v, c)}，"
                 f"占{o.r(_CLASS_NAME[c], '占比', rate_tenths(v, gpb), c)}"
                 for c, v in sorted(by_class.items())) + "。")
    o.h("（三）一般公共预算支出预算具体情况", 3)
    n = 0
    for it in items:
        if not it.gpb:
            continue
        n += 1
        s = f"{n}.{it.label}预算数为{o.m(it.name, '预算数', it.gpb, it.code)}"
        if it.budget == it.gpb:
            s += "，与上年预算数持平。"
        else:
            s += f"，比上年预算数{o.change(it.name, it.gpb, it.budget)}。"
            bank = _UP_REASONS if it.gpb > it.budget else _DOWN_REASONS
            s += f"主要原因是{_reasons(rng, bank, [it.project or it.name + '经费'], 1)}。"
        o.p(s)
    o.h("六、一般公共预算基本支出预算情况说明", 2)
    pers, pub = L.personnel, L.public
    o.p(f"{y}年度一般公共预算基本支出预算{o.m('基本支出', '预算数', basic)}，其中：人员经费{o.m('人员经费', '预算数', pers)}，"
        f"主要包括：{'、'.join(_ECON_NAME[c] for c in L.econ if c[:3] in _PERSONNEL_GROUPS)}；公用经费"
        f"{o.m('公用经费', '预算数', pub)}，主要包括：{'、'.join(_ECON_NAME[c] for c in L.econ if c[:3] not in _PERSONNEL_GROUPS)}。")
    o.h("七、一般公共预算“三公”经费预算情况说明", 2)
    sb = L.sangong_budget
    tb = sum(sb.values())
    s = f"{y}年度一般公共预算“三公”经费预算{o.m('“三公”经费', '预算数', tb)}"
    s += (f"，比上年预算{o.change('“三公”经费', tb, L.prev_sangong)}" if tb != L.prev_sangong else "，与上年持平")
    s += (f"。其中：因公出国（境）费{o.m('因公出国（境）费', '预算数', sb['因公出国（境）费'])}；公务用车购置及运行维护费"
          f"{o.m('公务用车购置及运行维护费', '预算数', sb['公务用车购置费'] + sb['公务用车运行维护费'])}（其中：公务用车购置费"
          f"{o.m('公务用车购置费', '预算数', sb['公务用车购置费'])}，公务用车运行维护费"
          f"{o.m('公务用车运行维护费', '预算数', sb['公务用车运行维护费'])}）；公务接待费{o.m('公务接待费', '预算数', sb['公务接待费'])}。")
    o.p(s)
    o.h("八、政府性基金预算支出情况说明", 2)
    if fund:
        o.p(f"{y}年度政府性基金预算拨款支出预算{o.m('政府性基金预算支出', '预算数', fund)}，主要用于"
            + "、".join(it.project or it.name for it in items if it.fund) + "。")
    else:
        o.p(f"本部门{y}年度无政府性基金预算拨款安排的支出。")
    o.h("九、国有资本经营预算支出情况说明", 2)
    o.p(f"本部门{y}年度无国有资本经营预算拨款安排的支出。")
    o.h("十、其他重要事项的情况说明", 2)
    o.h("（一）机关运行经费", 3)
    o.p(f"{y}年度本部门机关运行经费预算{o.m('机关运行经费', '预算数', pub)}，比上年预算"
        f"{o.change('机关运行经费', pub, L.prev_running, '增长', '降低')}。")
    o.h("（二）政府采购预算情况", 3)
    pr = L.procurement
    o.p(f"{y}年度本部门政府采购预算合计{o.m('政府采购预算', '预算数', sum(pr.values()))}，其中：货物类"
        f"{o.m('政府采购货物类', '预算数', pr['货物'])}，工程类{o.m('政府采购工程类', '预算数', pr['工程'])}，服务类"
        f"{o.m('政府采购服务类', '预算数', pr['服务'])}。")
    o.h("（三）国有资产占用情况", 3)
    general = L.cars - (L.cars // 3)
    o.p(f"截至{py}年12月31日，本部门共有车辆{o.n('车辆', '数量', L.cars, '辆')}，其中：一般公务用车"
        f"{o.n('一般公务用车', '数量', general, '辆')}，执法执勤用车{o.n('执法执勤用车', '数量', L.cars - general, '辆')}。")
    o.h("（四）预算绩效目标设置情况", 3)
    with_goals = [it for it in items if it.proj and it.project]
    o.p(f"{y}年度本部门对{o.n('设置绩效目标项目', '数量', len(with_goals), '个')}项目支出设置了绩效目标，涉及一般公共预算拨款"
        f"{o.m('设置绩效目标项目', '资金', sum(it.proj for it in with_goals))}。")
