"""A consistent ledger of made-up figures: items with budgets and actuals that add up, and the money and rate formatting."""
from __future__ import annotations

import random
from dataclasses import dataclass

from .profiles import (
    _CLASS_NAME,
    _COMMON_ITEMS,
    _GENERIC,
    _KUAN_NAME,
    _PERSONNEL_GROUPS,
    _PROFILE_BY_NAME,
    _PROFILES,
    _Profile,
)

YEAR_MIN, YEAR_MAX = 2019, 2026



# ---------------------------------------------------------------------------------------------------------
# Figures: integers of 0.01 万元 ("cents") while generating, formatted the way reports print them
# ---------------------------------------------------------------------------------------------------------


def money_cell(c: int) -> str:
    """Table form: 1,228.72 (zero prints as an empty cell)."""
    if c == 0:
        return ""
    sign = "-" if c < 0 else ""
    c = abs(c)
    return f"{sign}{c // 100:,}.{c % 100:02d}"


def money_text(c: int) -> str:
    """Narrative form without the unit: 1228.72, 788, 29.6 (trailing zeros dropped)."""
    sign = "-" if c < 0 else ""
    c = abs(c)
    whole, frac = divmod(c, 100)
    if frac == 0:
        return f"{sign}{whole}"
    if frac % 10 == 0:
        return f"{sign}{whole}.{frac // 10}"
    return f"{sign}{whole}.{frac:02d}"


def rate_tenths(num: int, den: int) -> int:
    """num/den as a percentage in tenths, rounded half away from zero: (99533, 78800) -> 1263 (126.3%)."""
    if den <= 0:
        raise ValueError(f"rate denominator must be positive; got {den}")
    sign = -1 if num < 0 else 1
    return sign * ((abs(num) * 2000 + den) // (2 * den))


def pct_text(tenths: int) -> str:
    """126.3 / 100 (one decimal, .0 dropped) from tenths of a percent; the sign is left to the caller."""
    t = abs(tenths)
    return f"{t // 10}" if t % 10 == 0 else f"{t // 10}.{t % 10}"


def _split(rng: random.Random, total: int, n: int, floor: float = 0.15) -> list[int]:
    """total split into n non-negative integer parts summing exactly to total."""
    if n <= 0:
        return []
    w = [floor + rng.random() for _ in range(n)]
    s = sum(w)
    parts = [int(total * x / s) for x in w]
    parts[max(range(n), key=lambda i: w[i])] += total - sum(parts)
    return parts


def _scaled(rng: random.Random, c: int, lo: float, hi: float, whole: bool = False) -> int:
    v = max(1, int(round(c * rng.uniform(lo, hi))))
    if whole and v >= 1000:
        v = max(100, int(round(v, -2)))
    return v


# ---------------------------------------------------------------------------------------------------------
# The generated ledger
# ---------------------------------------------------------------------------------------------------------


@dataclass
class _Item:
    """One 项 (function classification item). Amounts in cents; gpb = 一般公共预算, fund = 政府性基金."""

    code: str
    name: str
    kind: str  # B | P | F
    project: str = ""
    basic: int = 0  # gpb 基本支出
    proj: int = 0  # gpb 项目支出
    other: int = 0  # 项目支出 paid from 其他收入
    fund: int = 0  # 政府性基金 项目支出
    start: int = 0  # 年初结转和结余 (gpb, or fund for F items)
    end: int = 0  # 年末结转和结余
    budget: int = 0  # 年初预算 (gpb) / 上年预算数 in a 预算 report
    project_budget: int = 0  # 项目全年预算数 (绩效自评)

    @property
    def gpb(self) -> int:
        return self.basic + self.proj

    @property
    def spend(self) -> int:
        return self.basic + self.proj + self.other + self.fund

    @property
    def gpb_income(self) -> int:
        return 0 if self.kind == "F" else self.gpb + self.end - self.start

    @property
    def fund_income(self) -> int:
        return self.fund + self.end - self.start if self.kind == "F" else 0

    @property
    def label(self) -> str:
        """类（类）款（款）项（项）, as narrative sentences name an item."""
        return f"{_CLASS_NAME[self.code[:3]]}（类）{_KUAN_NAME[self.code[:5]]}（款）{self.name}（项）"


@dataclass
class _Ledger:
    kind: str
    region: str
    department: str
    year: int
    profile: _Profile
    items: list[_Item]
    econ: dict[str, int]  # 06 economic items -> cents
    staff: dict[str, int]
    sangong_budget: dict[str, int]
    sangong_actual: dict[str, int]
    cars: int
    receptions: tuple[int, int]  # 批次, 人次
    trips: tuple[int, int]  # 团组, 人次
    prev_total: int
    prev_gpb: int
    prev_basic: int
    prev_sangong: int
    prev_running: int
    running_budget: int
    procurement: dict[str, int]
    sme: int
    small: int
    equipment: int

    @property
    def personnel(self) -> int:
        return sum(v for k, v in self.econ.items() if k[:3] in _PERSONNEL_GROUPS)

    @property
    def public(self) -> int:
        return sum(v for k, v in self.econ.items() if k[:3] not in _PERSONNEL_GROUPS)

    def total(self, attr: str) -> int:
        return sum(getattr(it, attr) for it in self.items)


def _pick_profile(department: str) -> _Profile:
    if department in _PROFILE_BY_NAME:
        return _PROFILE_BY_NAME[department]
    for p in _PROFILES:
        if p.name[:2] in department:
            return p
    return _GENERIC


def _make_ledger(rng: random.Random, kind: str, region: str, department: str, year: int) -> _Ledger:
    profile = _pick_profile(department)
    headcount = rng.randint(8, 90)
    actual_staff = headcount - rng.randint(0, max(1, headcount // 8))
    staff = {"编制人数": headcount, "实有人数": actual_staff, "离退休人员": rng.randint(0, headcount // 2)}

    # 三公 (budget and actual), which 公用经费 then carries
    cars = rng.choice((0, 0, 1, 1, 2, 2, 3, 4, 5, 6))
    sb = {
        "因公出国（境）费": rng.choice((0,) * 7 + (rng.randint(5, 20) * 100,)),
        "公务用车购置费": rng.choice((0,) * 8 + (rng.randint(12, 25) * 100,)) if cars else 0,
        "公务用车运行维护费": rng.randint(1, 6) * cars * 100 if cars else 0,
        "公务接待费": rng.choice((0, rng.randint(5, 60) * 10, rng.randint(10, 50) * 10)),
    }
    sa = {}
    for k, v in sb.items():
        if v == 0:
            sa[k] = 0
        elif k == "公务用车购置费":
            sa[k] = v if rng.random() < 0.7 else int(v * rng.uniform(0.85, 1.0))
        else:
            sa[k] = int(v * rng.uniform(0.45, 1.0))
    if kind == "预算":  # a budget report has budget figures only
        sa = dict(sb)
    trips = (0, 0) if sa["因公出国（境）费"] == 0 else (n := rng.randint(1, 2), n * rng.randint(2, 5))
    receptions = (0, 0) if sa["公务接待费"] == 0 else (n := rng.randint(3, 40), n * rng.randint(3, 9))

    # 06: 人员经费 and 公用经费
    personnel = actual_staff * rng.randint(1400, 2600)
    econ: dict[str, int] = {}
    for code, lo, hi in (("30108", 0.10, 0.13), ("30109", 0.03, 0.05), ("30110", 0.05, 0.07),
                         ("30111", 0.0, 0.03), ("30112", 0.004, 0.01), ("30113", 0.08, 0.11),
                         ("30199", 0.0, 0.06), ("30302", 0.0, 0.03), ("30305", 0.0, 0.02), ("30399", 0.0, 0.01)):
        if lo > 0 or rng.random() < 0.5:
            econ[code] = int(personnel * rng.uniform(lo, hi))
    rest = personnel - sum(econ.values())
    main = ["30101", "30102", "30103"] + (["30107"] if rng.random() < 0.4 else [])
    for code, part in zip(main, _split(rng, rest, len(main), 0.6)):
        econ[code] = part
    fixed_public = {"30212": sa["因公出国（境）费"], "30217": sa["公务接待费"],
                    "30231": sa["公务用车运行维护费"], "31013": sa["公务用车购置费"]}
    other_public = actual_staff * rng.randint(150, 600)
    options = ["30201", "30202", "30205", "30206", "30207", "30209", "30211", "30213", "30215", "30216",
               "30226", "30227", "30228", "30229", "30239", "30299", "31002", "31007"]
    chosen = sorted(rng.sample(options, rng.randint(6, 12)) + ["30201", "30228", "30299"])
    chosen = sorted(set(chosen))
    for code, part in zip(chosen, _split(rng, other_public, len(chosen))):
        econ[code] = econ.get(code, 0) + part
    for code, v in fixed_public.items():
        if v:
            econ[code] = v
    econ = {k: v for k, v in sorted(econ.items()) if v > 0}

    # 项: basic items tied to 06, the rest of 基本支出 on 行政运行 / 事业运行
    items: list[_Item] = []
    basic_total = sum(econ.values())
    tied = 0
    for code, name, econ_code in _COMMON_ITEMS:
        v = econ.get(econ_code, 0)
        if v:
            items.append(_Item(code, name, "B", basic=v))
            tied += v
    own_basic = [it for it in profile.items if it[2] == "B"]
    parts = _split(rng, basic_total - tied, len(own_basic), 1.5) if len(own_basic) > 1 else [basic_total - tied]
    for (code, name, k, proj), v in zip(own_basic, parts):
        items.append(_Item(code, name, "B", proj, basic=v))

    # project items
    project_total = int(basic_total * rng.uniform(0.3, 2.5))
    own_proj = [it for it in profile.items if it[2] == "P"]
    first, others = own_proj[0], own_proj[1:]
    chosen_p = [first] + rng.sample(others, rng.randint(min(1, len(others)), len(others)))
    weights = [0.3 + rng.random() ** 2 * 3 for _ in chosen_p]
    s = sum(weights)
    amounts = [int(project_total * w / s) for w in weights]
    amounts[0] += project_total - sum(amounts)
    for (code, name, k, proj), v in zip(chosen_p, amounts):
        items.append(_Item(code, name, "P", proj, proj=max(v, 100)))
    if rng.random() < 0.3:  # a basic item with a small project part, as real tables often show
        b = rng.choice([it for it in items if it.kind == "B"])
        b.proj = max(100, b.basic // rng.randint(20, 60))
    fund_items = [it for it in profile.items if it[2] == "F"]
    if fund_items and rng.random() < 0.5:
        code, name, k, proj = fund_items[0]
        items.append(_Item(code, name, "F", proj, fund=max(500, int(project_total * rng.uniform(0.05, 0.4)))))
    if rng.random() < 0.25:
        next(it for it in items if it.kind == "P").other = rng.randint(2, 60) * 100
    if kind == "决算" and rng.random() < 0.45:
        target = rng.choice([it for it in items if it.kind in "PF"])
        spend = target.fund if target.kind == "F" else target.gpb
        target.start = rng.choice((0, int(spend * rng.uniform(0.05, 0.3))))
        target.end = int(spend * rng.uniform(0.03, 0.25))
    items.sort(key=lambda it: it.code)

    # budgets: 年初预算 per item (决算) or 上年预算数 (预算); 项目全年预算数 for 绩效自评
    for it in items:
        base = it.gpb
        if base == 0:
            continue
        if rng.random() < 0.35:
            it.budget = base
        else:
            it.budget = _scaled(rng, base, 0.7, 1.35, whole=rng.random() < 0.5)
        if it.proj:
            it.project_budget = it.proj if rng.random() < 0.5 else _scaled(rng, it.proj, 1.0, 1.4)

    total = sum(it.spend + it.end for it in items)  # 收、支总计
    gpb = sum(it.gpb for it in items)
    prev_total = _scaled(rng, total, 0.78, 1.2)  # 上年 figures keep this year's proportions
    goods = rng.randint(0, 40) * 100 + rng.randint(0, 99)
    works = rng.choice((0, 0, 0, rng.randint(10, 300) * 100))
    services = int(project_total * rng.uniform(0.05, 0.35))
    proc_total = goods + works + services
    sme = int(proc_total * rng.uniform(0.5, 1.0))
    return _Ledger(
        kind=kind, region=region, department=department, year=year, profile=profile, items=items, econ=econ,
        staff=staff, sangong_budget=sb, sangong_actual=sa, cars=cars, receptions=receptions, trips=trips,
        prev_total=prev_total, prev_gpb=max(1, round(prev_total * gpb / total)),
        prev_basic=_scaled(rng, basic_total, 0.85, 1.1),
        prev_sangong=_scaled(rng, sum(sb.values()), 0.8, 1.25) if sum(sb.values()) else 0,
        prev_running=_scaled(rng, sum(v for k, v in econ.items() if k[:3] not in _PERSONNEL_GROUPS), 0.85, 1.15),
        running_budget=_scaled(rng, sum(v for k, v in econ.items() if k[:3] not in _PERSONNEL_GROUPS), 0.95, 1.15),
        procurement={"货物": goods, "工程": works, "服务": services}, sme=sme,
        small=int(sme * rng.uniform(0.2, 0.9)), equipment=rng.choice((0, 0, 0, 1, 2)),
    )
