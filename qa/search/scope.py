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
  of the range), and two-digit `23年` only before 度 / 预算 / 决算 / 部门 / 单位 (`25年预算`); relative
  years (去年, 今年, 上年) are not resolvable and are left in the question.
- kinds: 预算 / 决算 only where they name the report — 部门预算, 单位决算, 决算报告, 预算公开, `2023年决算`
  — never inside a measure (年初预算, 预算数, 预算执行).
Rules: a department named alone is enough when it is unique in the index (if several regions hold it,
all are returned and `message` says so); a region with several departments and no department named
gives all of them; years and kinds then narrow the set. When nothing is left, `doc_ids` is empty and
`message` says what is held ("no 2019 report of 长沙市公安局; held: 2025").
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, fields
from functools import lru_cache
from typing import Iterable, Protocol, Sequence

from ..ingest.identity import Identity, RegionPart
from ..lexicon import departments, gazetteer
from ..lexicon.department_names import LEVEL_CHARS
from ..text.chars import longest_first

_CJK_RE = re.compile(r"[\u4e00-\u9fff]")

_YEAR_RE = re.compile(r"(?<![\d.])((?:19|20)\d{2})(?:\s*(?:[-~～—至到]\s*)((?:19|20)\d{2}))?\s*(年度|年)?(?![\d.%％万亿元千百])")
_SHORT_YEAR_RE = re.compile(r"(?<![\d.])(\d{2})\s*年(?:度|(?=预算|决算|部门|单位))")
_KIND_RES = (
    re.compile(r"(?:区级|市级|省级|县级)?(?:部门|单位)(?:综合)?(预算|决算)"),
    re.compile(r"(预算|决算)(?:报告|公开|说明|情况说明|报表|文件)"),
    re.compile(r"(?<=年|度)(预算|决算)(?=$|的|中|里|里面|上|报告|公开|[，,。？?！!\s])"),
)


class ReportLike(Protocol):
    """What find_scope needs of a held report: an Identity's fields plus its doc_id."""

    doc_id: str
    region: str | None
    region_path: tuple[RegionPart, ...]
    department: str | None
    department_aliases: tuple[str, ...]
    year: int | None
    kind: str | None


@dataclass(frozen=True)
class HeldReport(Identity):
    """An indexed report's identity with its doc_id (a ready ReportLike)."""

    doc_id: str = ""

    @classmethod
    def of(cls, doc_id: str, identity: Identity) -> "HeldReport":
        return cls(**{f.name: getattr(identity, f.name) for f in fields(identity)}, doc_id=doc_id)


@dataclass(frozen=True)
class Span:
    """A recognised part of the question: question[start:end] == text; value = what it stands for
    (a region's display form, a department's full name, a year, 预算/决算)."""

    start: int
    end: int
    text: str
    value: str


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


def find_scope(question: str, reports: Sequence[ReportLike]) -> Scope:
    """The reports `question` names, among `reports` (see the module docstring for the rules)."""
    q = question
    years, year_spans = find_years(q)
    kind_spans = find_kinds(q)
    dept_spans, dept_docs = _find_departments(q, reports)
    region_spans, region_keys = _find_regions(q, reports, taken=dept_spans)
    unknown = _find_unknown(q, reports, taken=dept_spans + region_spans)
    kind_spans = _kinds_after_names(q, kind_spans, dept_spans + region_spans)
    found = (region_spans, dept_spans, year_spans, kind_spans, tuple(unknown))
    places = [s for s in unknown if not s.value.startswith("kind:")]
    kinds_not_held = [s for s in unknown if s.value.startswith("kind:")]
    cand = list(reports)
    if places and not region_keys:
        held = sorted({r.region or "中央" for r in reports})
        what = "、".join(s.text for s in places) + "".join(s.text for s in (*dept_spans, *kinds_not_held))[:20]
        return _empty(q, f"索引中没有{what}的报告（已索引地区：{'、'.join(held) or '无'}）。", *found)
    if kinds_not_held and not dept_spans:
        pool = [r for r in cand if any(_under(r, k) for k in region_keys)] if region_keys else cand
        where = "、".join(s.text for s in region_spans)
        held = sorted({r.department or "?" for r in pool})
        return _empty(q, f"索引中没有{where}{kinds_not_held[0].text}的报告（已有：{'、'.join(held) or '无'}）。", *found)
    who = ""
    if dept_spans:
        docs = set().union(*dept_docs)
        cand = [r for r in cand if r.doc_id in docs]
        who = "、".join(dict.fromkeys(s.text for s in dept_spans))
    if region_keys:
        where = "、".join(s.text for s in region_spans)
        inside = [r for r in cand if any(_under(r, k) for k in region_keys)]
        if not inside:
            pool = [r for r in reports if any(_under(r, k) for k in region_keys)]
            held = sorted({r.department or "?" for r in pool})
            return _empty(q, f"索引中没有{where}{who}的报告（该地已有：{'、'.join(held) or '无'}）。", *found)
        cand = inside
        who = where + who
    who = who or "所查"
    previous_year = False
    if years:
        by_year = [r for r in cand if r.year in years]
        # a year not held, of a department whose next year's report is held: that report prints it as 上年
        following = [r for r in cand if r.year and r.year - 1 in years] if len(years) == 1 and dept_spans else []
        if not by_year and following:
            by_year, previous_year = following, True
        if not by_year:
            held = sorted({str(r.year) for r in cand if r.year})
            return _empty(q, f"索引中没有{who}{'、'.join(map(str, sorted(years)))}年的报告（已有：{'、'.join(f'{y}年' for y in held) or '无'}）。", *found)
        cand = by_year
    kinds = {s.value for s in kind_spans}
    if kinds:
        by_kind = [r for r in cand if r.kind in kinds]
        if not by_kind:
            held = sorted({r.kind for r in cand if r.kind})
            return _empty(q, f"索引中没有{who}的{'/'.join(sorted(kinds))}报告（已有：{'、'.join(f'{k}报告' for k in held) or '无'}）。", *found)
        cand = by_kind
    message = None
    if previous_year:
        (year,) = years
        message = f"索引中没有{who}{year}年的报告；所答为{year + 1}年报告所列的上年（{year}年）数。"
    regions_left = sorted({r.region or "中央" for r in cand})
    if len(regions_left) > 1 and dept_spans and not region_keys:  # a department named alone, held in several places
        message = f"{who}在{len(regions_left)}个地区有报告：{'、'.join(regions_left)}。"
    cand.sort(key=lambda r: (-(r.year or 0), r.department or "", r.doc_id))
    spans = region_spans + dept_spans + year_spans + kind_spans
    named = any(found)
    return Scope(tuple(r.doc_id for r in cand), *found, rest=_rest(q, spans), message=message, named=named,
                 previous_year=previous_year)


# --------------------------------------------------------------------------------------------
# years and kinds


def find_years(q: str) -> tuple[set[int], tuple[Span, ...]]:
    """Years the question names (see the module docstring), with their spans."""
    years: set[int] = set()
    spans = []
    for m in _YEAR_RE.finditer(q):
        a = int(m.group(1))
        b = int(m.group(2)) if m.group(2) else a
        if b < a or b - a > 20:
            b = a
        years.update(range(a, b + 1))
        spans.append(Span(m.start(), m.end(), m.group(0), m.group(0)))
    for m in _SHORT_YEAR_RE.finditer(q):
        years.add(2000 + int(m.group(1)))
        spans.append(Span(m.start(), m.end(), m.group(0), str(2000 + int(m.group(1)))))
    return years, tuple(spans)


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


#: characters that end a word before a level word but never a place name (2017年省委办公厅, 和区医保局)
_NOT_PLACE_ENDS = frozenset("年的和与及跟同在、对按把将从给向比请问看计较是或为")  # words that end no place name


def _occurrences(q: str, f: str) -> list[int]:
    """Where `f` starts in `q`, occurrences not overlapping (as re.finditer finds them)."""
    out, at = [], q.find(f)
    while at >= 0 and f:
        out.append(at)
        at = q.find(f, at + len(f))
    return out


def _longest_matches(q: str, forms: dict[str, object], taken: Sequence[Span] = ()) -> list[tuple[int, int, str]]:
    """Non-overlapping (start, end, form) occurrences of `forms` in q, longest first, outside `taken`.

    A form that opens with a level word (区医保局, 省委办公厅) does not match inside a place name
    (东湖区医保局 is not 区医保局 of a held district)."""
    hits = []
    used = [(s.start, s.end) for s in taken]
    for f in sorted(forms, key=longest_first):
        if f not in q:  # (a plain search: a pattern a form would overflow re's cache of compiled patterns)
            continue
        for a in _occurrences(q, f):
            b = a + len(f)
            # a level word (区 of 区医保局, 省 of 省委办公厅), not a word's first character (市 of 市场监管局)
            leveled = f[0] in LEVEL_CHARS and (f[1:] in forms or f[1:].startswith("委") or _opens_a_form(f[1:], forms))
            if leveled and a > 0 and _CJK_RE.match(q[a - 1]) and q[a - 1] not in _NOT_PLACE_ENDS:
                continue
            if all(b <= x or a >= y for x, y in used):
                hits.append((a, b, f))
                used.append((a, b))
    return sorted(hits)


def _opens_a_form(rest: str, forms: Iterable[str]) -> bool:
    """省人大: 人大 opens a held form (人大办), so 省 is a level word, not a place's last character."""
    return any(g.startswith(rest) for g in forms)


def _find_departments(q: str, reports: Sequence[ReportLike]) -> tuple[tuple[Span, ...], list[set[str]]]:
    forms: dict[str, set[str]] = {}
    names: dict[str, set[str]] = {}
    for r in reports:
        if not r.department:
            continue
        for f in (r.department, *r.department_aliases):
            forms.setdefault(f, set()).add(r.doc_id)
            names.setdefault(f, set()).add(r.department)
    spans, docs = [], []
    for a, b, f in _longest_matches(q, forms):
        if re.match(r"\s*[”\"'」]?\s*[（(]?[类款项](?![目])", q[b:]):  # 法院（款）, “法院”款: a 科目 of that name, not the department
            continue
        spans.append(Span(a, b, f, "、".join(sorted(names[f]))))
        docs.append(forms[f])
    return tuple(spans), docs


def _region_forms(r: ReportLike) -> dict[str, tuple[str, ...]]:
    """Written forms of a report's region -> the region they stand for (a prefix of its path names)."""
    return _path_forms(tuple(r.region_path), r.region)


@lru_cache(maxsize=4096)
def _path_forms(region_path: tuple[RegionPart, ...], region: str | None) -> dict[str, tuple[str, ...]]:
    """Cached per region: every question asks for the forms of every held report's region."""
    g = gazetteer()
    path = tuple(p.name for p in region_path)
    forms_of = []
    for p in region_path:
        found = [d for d in g.lookup(p.name, short=False) if d.province == (path[0] if path else "")]
        forms_of.append({p.name} | {f for d in found[:1] for f in d.forms()})
    out: dict[str, tuple[str, ...]] = {}
    for i in range(len(path)):
        combos = [""]
        for j in range(i, len(path)):
            combos = [c + f for c in combos for f in forms_of[j]]
            for c in combos:
                out.setdefault(c, path[: j + 1])
    if region:
        out.setdefault(region, path)
    return out


def _find_regions(q: str, reports: Sequence[ReportLike], taken: Sequence[Span]) -> tuple[tuple[Span, ...], set[tuple[str, ...]]]:
    forms: dict[str, set[tuple[str, ...]]] = {}
    for r in reports:
        for f, key in _region_forms(r).items():
            forms.setdefault(f, set()).add(key)
    spans, keys = [], set()
    # region words inside a matched department name (普陀区民政局) are reported, not used again to filter
    for a, b, f in _longest_matches(q, forms, taken):
        ks = forms[f]
        spans.append(Span(a, b, f, "、".join(sorted("".join(k) for k in ks))))
        keys |= ks
    return tuple(spans), keys


def _find_unknown(q: str, reports: Sequence[ReportLike], taken: Sequence[Span]) -> list[Span]:
    """Places the index does not hold, and department kinds it holds none of."""
    held_forms = set()
    for r in reports:
        held_forms |= set(_region_forms(r))
    out = []
    used = [(s.start, s.end) for s in taken]

    def free(a: int, b: int) -> bool:
        return all(b <= x or a >= y for x, y in used)

    g = gazetteer()
    for a, b, divs in g.find_all(q, min_len=3):
        if free(a, b) and q[a:b] not in held_forms:
            out.append(Span(a, b, q[a:b], divs[0].name))
            used.append((a, b))
    kind_forms = departments().form_kinds()
    dept_words = [(s.start, s.end, None) for s in taken if s.value and s.text not in held_forms]
    dept_words += [(a, b, f) for a, b, f in _longest_matches(q, dict.fromkeys(kind_forms), [Span(x, y, "", "") for x, y in used])]
    for a, b, f in sorted(dept_words):
        for n in range(min(g.max_len, a), 1, -1):  # a place written just before the department word: 长沙公安局
            name = q[a - n : a]
            if free(a - n, a) and name not in held_forms and g.lookup(name):
                out.append(Span(a - n, a, name, g.lookup(name)[0].name))
                used.append((a - n, a))
                break
        else:
            if f is not None:
                out.append(Span(a, b, f, "kind:" + "、".join(kind_forms[f])))
    return sorted(out, key=lambda s: s.start)


def _under(r: ReportLike, key: tuple[str, ...]) -> bool:
    path = tuple(p.name for p in r.region_path)
    return path[: len(key)] == key


def _rest(q: str, spans: Sequence[Span]) -> str:
    keep = [True] * len(q)
    for s in spans:
        for i in range(s.start, s.end):
            keep[i] = False
    return "".join(c for c, k in zip(q, keep) if k).strip()


def _empty(q: str, message: str, regions, depts, years, kinds, unknown) -> Scope:
    spans = (*regions, *depts, *years, *kinds)
    return Scope((), regions, depts, years, kinds, unknown, _rest(q, spans), message, True)


__all__ = ["HeldReport", "ReportLike", "Scope", "Span", "find_kinds", "find_scope", "find_years"]
