"""Question -> the reports it is about: region, department, year and kind spans, and the doc_ids they select.

`find_scope(question, reports)` recognises, against what the index holds:
- regions: every written form of each held report's region (上海市普陀区, 普陀区, 普陀, 上海普陀; an
  ancestor such as 上海 selects all reports below it), and — to refuse rather than answer from another
  place — places the gazetteer or places.json knows but the index does not hold (full names of three
  characters or more, or any form directly followed by a department word: 长沙公安局). A name in no
  gazetteer is not a place: `2023年市场` names no 年市.
- departments: each held report's full name and short forms (医保局, 长沙公安局, 石泉路街道); a kind of
  department the lexicon knows but the index does not hold (财政局 when none is held) selects nothing.
- years: `2023年`, `2023年度`, a bare `2023` not followed by an amount's unit, `2023-2025年` (each year
  of the range), and two-digit `23年` only before 度 / 预算 / 决算 / 部门 / 单位 (`25年预算`) or beside a word
  of comparison (`2019年比18年`, `18年和19年`: operations.json's thresholds.versus, 到, 至), and `17到19年` (each year). A year
  named only in a bracketed aside (`（根据2026年预算说明倒推）`) beside another year is not asked. 去年 / 上年 of a
  department named without a year is the year before its latest report (that year's report when held, else the
  latest report's 上年 figures); 比去年 / 与上年相比 are the base of a change, no year asked.
- kinds: 预算 / 决算 only where they name the report — 部门预算, 单位决算, 决算报告, 预算公开, `2023年决算`
  — never inside a measure (年初预算, 预算数, 预算执行).
Rules: a department named alone is enough when it is unique in the index (if several regions hold it,
all are returned and `message` says so); a region with several departments and no department named
gives all of them; years and kinds then narrow the set. When nothing is left, `doc_ids` is empty and
`message` says what is held ("no 2019 report of 长沙市公安局; held: 2025").
The held reports' forms are gathered once per set of reports (`qa.search.forms.HeldForms`): a question costs
time in proportion to its length and to the reports it selects, not to the number of reports held.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from itertools import accumulate
from typing import Iterable, Sequence

from ..lexicon import departments, gazetteer
from ..lexicon.divisions import sounds_alike
from ..text.chars import BRACKETED
from ..text.tokens import word_list
from .forms import HeldForms, HeldReport, Within, kind_forms, scope_order
from .own_years import each_with_its_own, years_with_own_kinds
from .years import AGAINST, AS_OF_END, LAST_YEAR, Span, asks_change, find_years

_KIND_RES = (
    # (列入2015年部门预算编制范围的单位: the units a budget covers, named in either report)
    # (纳入部门预算的各单位: the units a budget covers, no kind of report)
    re.compile(r"(?<![纳列]入)(?:区级|市级|省级|县级)?(?:部门|单位)(?:综合)?(预算|决算)(?!编制)"),
    re.compile(r"(预算|决算)(?:报告|公开|说明|情况说明|报表|文件)"),
    # 2024年决算 names the report; 全年预算 / 上年预算 are measures, 列入2015年预算的单位 a set of units
    re.compile(r"(?<![全上去当今]年)(?<!列入\d{4}年)(?<!纳入\d{4}年)(?<=年|度)(预算|决算)"
               r"(?=$|的|中|里|里面|上|报告|公开|[，,。？?！!\s])"),
    # 2026年的预算里: the same, with 的 after the year
    re.compile(r"(?<=\d{4}年的)(预算|决算)(?=$|中|里|里面|上|报告|公开|[，,。？?！!\s])"),
)


@dataclass(frozen=True)
class Scope:
    """The reports a question is about (`doc_ids`, best first) and what was recognised.

    `unknown` = places or departments named that the index does not hold; `rest` = the question
    without the recognised spans; `message` says why nothing (or more than one place) matched."""

    doc_ids: tuple[str, ...]
    regions: tuple[Span, ...] = ()
    departments: tuple[Span, ...] = ()
    years: tuple[Span, ...] = ()
    kinds: tuple[Span, ...] = ()
    unknown: tuple[Span, ...] = ()
    rest: str = ""
    message: str | None = None
    named: bool = field(default=False)  # did the question name any region, department, year or kind?
    previous_year: bool = False  # the year asked is the 上年 of the reports chosen (the next year's report)
    each_own: bool = False  # several departments, each named with its own year or kind (no one year or kind asked)


def find_scope(question: str, reports: HeldForms | Sequence[HeldReport], within: Within = None) -> Scope:
    """The reports `question` names, among `reports` (see the module docstring for the rules).

    `reports`: the held reports, or their forms gathered once (`HeldForms.of`) when many questions are asked;
    `within`: the doc_ids of the reports to choose from (None: all), as if only those were held."""
    q = question
    held = HeldForms.resolve(reports)
    years, year_spans = find_years(q)
    kind_spans = find_kinds(q)
    dept_spans, dept_docs = _find_departments(q, held, within)
    region_spans, region_keys = _find_regions(q, held, within, taken=dept_spans)
    aside_free = BRACKETED.sub(lambda m: " " * len(m.group(0)), q)
    if aside_free != q and region_spans:  # （福州办事处未列人数）: a place in an aside, beside a report named outside it
        outside = _find_regions(aside_free, held, within, taken=dept_spans)
        if dept_spans or outside[0]:
            region_spans, region_keys = outside
    unknown = _find_unknown(q, held, within, taken=dept_spans + region_spans)
    kind_spans = _kinds_after_names(q, kind_spans, dept_spans + region_spans)
    found = (region_spans, dept_spans, year_spans, kind_spans, tuple(unknown))
    places = [s for s in unknown if not s.value.startswith("kind:")]
    kinds_not_held = [s for s in unknown if s.value.startswith("kind:")]
    if places and not region_keys:
        heard = _heard_as_held(q, places, held, within)
        if heard is not None:  # 桐城医保局 with 通城县's report held: answered for 通城县, and said so
            got = find_scope(heard[0], reports, within)
            if got.doc_ids:
                return replace(got, message=" ".join(filter(None, (heard[1], got.message))))
        names = held.region_names if within is None else sorted({r.region or "中央" for r in held.within(within)})
        what = "、".join(s.text for s in places) + "".join(s.text for s in (*dept_spans, *kinds_not_held))[:20]
        return _empty(q, f"索引中没有{what}的报告（已索引地区：{'、'.join(names) or '无'}）。", *found)
    below = [s for s in places if region_keys and any(
        d.path[: len(k)] == k and len(d.path) > len(k) for d in gazetteer().lookup(s.text) for k in region_keys)]
    if below:  # 武汉市武昌区医保局, 武汉市 held for other districts: a district not held, not the city's others
        where = "".join(s.text for s in (*region_spans, *below))
        names = sorted({r.region or "中央" for r in held.below_any(region_keys, within)})
        return _empty(q, f"索引中没有{where}的报告（该地已有：{'、'.join(names) or '无'}）。", *found)
    if kinds_not_held and not dept_spans:
        pool = held.below_any(region_keys, within) if region_keys else held.within(within)
        where = "、".join(s.text for s in region_spans)
        names = sorted({r.department or "?" for r in pool})
        return _empty(q, f"索引中没有{where}{kinds_not_held[0].text}的报告（已有：{'、'.join(names) or '无'}）。", *found)
    # the candidates, narrowed through the tables' doc_ids rather than by reading every held report
    cand: list[HeldReport] | None = None  # None: every report within
    who = ""
    if dept_spans:
        cand = held.reports_of(set().union(*dept_docs))
        who = "、".join(dict.fromkeys(s.text for s in dept_spans))
    if region_keys:
        where = "、".join(s.text for s in region_spans)
        inside = held.below_any(region_keys, within) if cand is None else [r for r in cand if any(_under(r, k) for k in region_keys)]
        if not inside:
            pool = held.below_any(region_keys, within)
            names = sorted({r.department or "?" for r in pool})
            return _empty(q, f"索引中没有{where}{who}的报告（该地已有：{'、'.join(names) or '无'}）。", *found)
        cand = inside
        who = where + who
    who = who or "所查"
    if cand is None:
        cand = held.within(within)
    previous_year = False
    paired = each_with_its_own(q, dept_spans, dept_docs, year_spans, kind_spans, held, cand) \
        or years_with_own_kinds(q, cand)
    if paired:  # 洪山区医保局2021年预算和青山区医保局2023年决算 (or 2025年预算和2024年决算): each its own year and kind
        cand, years = paired, set()
    if years:
        by_year = [r for r in cand if r.year in years]
        # a year not held, of a department whose next year's report is held: that report prints it as 上年
        following = [r for r in cand if r.year and r.year - 1 in years] if len(years) == 1 and dept_spans else []
        against = len(year_spans) == 1 and AGAINST.search(q[: year_spans[0].start])
        if not by_year and following and against:  # 比2024年少了: the next year's report states that change itself
            by_year = following
        elif not by_year and following:
            # 截至2025年底: the next year's budget report states what was held at that date as its own figure
            as_of = [r for r in following if r.kind == "预算"] if AS_OF_END.search(q) else []
            by_year, previous_year = (as_of, False) if as_of else (following, True)
        # 2020年比2019年增长了多少, 2019 held alone: no report states a year later than its own
        newest = max((r.year or 0 for r in by_year), default=0)
        missing = sorted(y for y in years if y > newest)
        if missing:
            names = sorted({str(r.year) for r in cand if r.year})
            return _empty(q, f"索引中没有{who}{'、'.join(map(str, missing))}年的报告（已有：{'、'.join(f'{y}年' for y in names) or '无'}）。", *found)
        cand = by_year
    elif dept_spans and LAST_YEAR.search(q) and not asks_change(q):
        # 去年的三公经费预算 naming no year: last year of the department's latest report, which prints it as 上年
        # (the year before it held: that year's own report)
        latest = max((r.year for r in cand if r.year), default=None)
        prior = [r for r in cand if latest is not None and r.year == latest - 1]
        if prior:
            cand = prior
        elif latest is not None:
            cand, previous_year, years = [r for r in cand if r.year == latest], True, {latest - 1}
    kinds = {s.value for s in kind_spans} if not paired else set()
    message = None
    if kinds:
        by_kind = [r for r in cand if r.kind in kinds]
        if not by_kind and kinds == {"预算"} and any(r.kind == "决算" for r in cand):
            # a final account prints the year's budget beside what was spent (年初预算数): it answers a budget
            # figure of its year; the reverse holds no actual spending
            by_kind = [r for r in cand if r.kind == "决算"]
            message = f"索引中没有{who}的预算报告；所答为决算报告所列的预算数。"
            kind_spans = ()  # (预算 stays in the question's words: it names the figure asked)
            found = (*found[:3], (), found[4])
        if not by_kind:
            names = sorted({r.kind for r in cand if r.kind})
            return _empty(q, f"索引中没有{who}的{'/'.join(sorted(kinds))}报告（已有：{'、'.join(f'{k}报告' for k in names) or '无'}）。", *found)
        cand = by_kind
    if previous_year:
        (year,) = years
        message = f"索引中没有{who}{year}年的报告；所答为{year + 1}年报告所列的上年（{year}年）数。"
    regions_left = sorted({r.region or "中央" for r in cand})
    held_apart = any(len({r.region or "中央" for r in held.reports_of(docs) if r in cand}) > 1 for docs in dept_docs)
    if len(regions_left) > 1 and held_apart and not region_keys:  # a department named alone, held in several places
        message = f"{who}在{len(regions_left)}个地区有报告：{'、'.join(regions_left)}。"
    if within is None and len(cand) == len(held.reports):  # every report: in the order sorted once
        doc_ids = held.ordered_ids
    else:
        doc_ids = tuple(r.doc_id for r in sorted(cand, key=scope_order))
    # 江苏高院法院支出: a department's short form said again after it is named is the 科目 of that name (法院)
    said = [s for i, s in enumerate(dept_spans) if not (len(s.text) <= 2 and any(t.value == s.value for t in dept_spans[:i]))]
    spans = region_spans + tuple(said) + year_spans + kind_spans
    named = any(found)
    return Scope(doc_ids, *found, rest=_rest(q, spans), message=message, named=named, previous_year=previous_year,
                 each_own=bool(paired))


# --------------------------------------------------------------------------------------------
# kinds (the years: qa.search.years)


def _kinds_after_names(q: str, kinds: tuple[Span, ...], names: Sequence[Span]) -> tuple[Span, ...]:
    """预算 / 决算 right after a department or region named (财政局决算, 平潭台湾工作部预算) name the report too."""
    out = list(kinds)
    for s in names:
        m = re.compile(r"(预算|决算)(?=$|的|中|里|上|[，,。？?！!\s])").match(q, s.end)
        if m and not any(k.start <= m.start() < k.end for k in out):
            out.append(Span(m.start(), m.end(), m.group(0), m.group(1)))
    return tuple(sorted(out, key=lambda k: k.start))


def find_kinds(q: str) -> tuple[Span, ...]:
    """预算 / 决算 where they name the report (部门决算, 预算公开, 2023年决算), not a measure (年初预算, 预算数)."""
    out: dict[int, Span] = {}
    for pat in _KIND_RES:
        for m in pat.finditer(q):
            if not any(s.start <= m.start() < s.end for s in out.values()):
                out[m.start()] = Span(m.start(), m.end(), m.group(0), m.group(1))
    return tuple(out[k] for k in sorted(out))


# --------------------------------------------------------------------------------------------
# departments and regions


def _find_departments(q: str, held: HeldForms, within: Within) -> tuple[tuple[Span, ...], list[set[str]]]:
    spans, docs = [], []
    fields = departments().field_words()
    words_end = set(accumulate(len(w) for w in word_list(q)))
    for a, b, f in held.departments.longest_matches(q, within=within):
        if _a_subjects_level_after(q, b):  # 法院（款）, “法院”款: a 科目 of that name, not the department
            continue
        if f.endswith(fields) and b < len(q) and _WORD_CHAR.match(q[b]) and b not in words_end:
            # 普陀区财政拨款: a bureau's field said with its place ends where its word ends (长沙公安2025年,
            # 长沙公安项目支出), not inside a longer word (财政拨款)
            continue
        if any(held.departments.meanings(f, within) == held.departments.meanings(s.text, within) for s in spans) \
                and _inside_a_word(q, a, b):
            continue  # 江苏高院…其他法院支出: the department named again inside an item's name, no second one
        spans.append(Span(a, b, f, "、".join(sorted(held.departments.meanings(f, within)))))
        docs.append(held.departments.docs(f, within))
    return tuple(spans), docs


def _inside_a_word(q: str, start: int, end: int) -> bool:
    """Whether q[start:end] runs into the words on both sides of it (其他|法院|支出), as a part of a longer name."""
    return start > 0 and end < len(q) and bool(_WORD_CHAR.match(q[start - 1])) and bool(_WORD_CHAR.match(q[end]))


#: a character that continues a name (no pause, no joining word or word of comparison, no 的)
_WORD_CHAR = re.compile(r"[\u4e00-\u9fff](?<![的和与及或、在里中比较跟])")


def _a_subjects_level_after(q: str, end: int) -> bool:
    """Whether a 科目 level mark follows the name ending at `end` (法院（款）): the name is a 科目's."""
    return re.match(r"\s*[”\"'」]?\s*[（(]?[类款项](?![目])", q[end:]) is not None


def _find_regions(q: str, held: HeldForms, within: Within, taken: Sequence[Span]) -> tuple[tuple[Span, ...], set[tuple[str, ...]]]:
    spans, keys = [], set()
    # region words inside a matched department name (普陀区民政局) are reported, not used again to filter
    for a, b, f in held.regions.longest_matches(q, _spans(taken), within):
        ks = held.regions.meanings(f, within)
        spans.append(Span(a, b, f, "、".join(sorted("".join(k) for k in ks))))
        keys |= ks
    return tuple(spans), keys


def _find_unknown(q: str, held: HeldForms, within: Within, taken: Sequence[Span]) -> list[Span]:
    """Places the index does not hold, and department kinds it holds none of."""
    def held_form(text: str) -> bool:  # a written form of a held report's region
        return held.regions.held(text, within)

    out = []
    used = _spans(taken)

    def free(a: int, b: int) -> bool:
        return all(b <= x or a >= y for x, y in used)

    g = gazetteer()
    for a, b, divs in g.find_all(q, min_len=3):
        if free(a, b) and not held_form(q[a:b]):
            out.append(Span(a, b, q[a:b], divs[0].name))
            used.append((a, b))
    kinds = kind_forms()
    dept_words = [(s.start, s.end, None) for s in taken if s.value and not held_form(s.text)]
    dept_words += [(a, b, f) for a, b, f in kinds.longest_matches(q, list(used)) if not _a_subjects_level_after(q, b)]
    for a, b, f in sorted(dept_words):
        for n in range(min(g.max_len, a), 1, -1):  # a place written just before the department word: 长沙公安局
            name = q[a - n : a]
            if free(a - n, a) and not held_form(name) and g.lookup(name):
                out.append(Span(a - n, a, name, g.lookup(name)[0].name))
                used.append((a - n, a))
                break
        else:
            if f is not None:
                (kind_names,) = kinds.meanings(f)
                out.append(Span(a, b, f, "kind:" + "、".join(kind_names)))
    return sorted(out, key=lambda s: s.start)


def _heard_as_held(q: str, places: Sequence[Span], held: HeldForms, within: Within) -> tuple[str, str] | None:
    """(The question with each place not held written as the one held place that reads the same, what was
    done) — or None when some place has no such homophone, or more than one."""
    def short(name: str) -> str:  # 通城县 -> 通城
        found = gazetteer().lookup(name)
        return found[0].short if found else name

    pool = held.reports if within is None else held.within(within)
    names = {p.name for r in pool for p in r.region_path}
    notes = []
    for span in places:
        # 桐城市 names a city by its level, and 通城县 is a county: only a bare name (桐城) or one of the same
        # level word is taken for the held one
        level = span.text[len(short(span.text)):]
        alike = {name for name in names if sounds_alike(short(name), short(span.text))
                 and level in ("", name[len(short(name)):])}
        if len(alike) != 1:
            return None
        (name,) = alike
        q = q.replace(span.text, name)
        notes.append(f"索引中没有“{span.text}”的报告；按读音相同的“{name}”作答。")
    return q, "".join(notes)


def _spans(spans: Iterable[Span]) -> list[tuple[int, int]]:
    return [(s.start, s.end) for s in spans]


def _under(r: HeldReport, key: tuple[str, ...]) -> bool:
    path = tuple(p.name for p in r.region_path)
    return path[: len(key)] == key


def _rest(q: str, spans: Sequence[Span]) -> str:
    keep = [True] * len(q)
    for s in spans:
        for i in range(s.start, s.end):
            keep[i] = False
        # 2024年末结转和结余: 年 of the year opens the item's own name (年末结转和结余, 年初预算)
        if s.text.endswith("年") and re.match(r"[末初底][\u4e00-\u9fff]{2}", q[s.end:]):
            keep[s.end - 1] = True
        # 2025年部门预算中，…: the context word after the report named, before a pause, is no word of the item;
        # 无锡教育局（本级）: an aside saying the unit's own level belongs to the name, not the item
        said_in = re.match(r"(?:当中|之中|中|里)(?=\s*[，,])|[（(](?:机关)?本(?:级|部)[)）]", q[s.end:])
        for i in range(s.end, s.end + (said_in.end() if said_in else 0)):
            keep[i] = False
        # 到2024年底有多少人: the 到 of a date said as of a year's end is no word of the item
        if s.start > 0 and q[s.start - 1] == "到" and re.match(r"\s*(?:底|末|12\s*月)", q[s.end:]):
            keep[s.start - 1] = False
    return "".join(c for c, k in zip(q, keep) if k).strip()


def _empty(q: str, message: str, regions, depts, years, kinds, unknown) -> Scope:
    spans = (*regions, *depts, *years, *kinds)
    return Scope((), regions, depts, years, kinds, unknown, _rest(q, spans), message, True)


__all__ = ["HeldReport", "Scope", "Span", "find_kinds", "find_scope", "find_years"]
