"""The held reports' written forms (departments, regions), gathered once per set of held reports.

Reading a question's scope looks for every form of every held report in the question. Gathering the forms and
testing each one again for every question cost time in proportion to the reports held (65 of 92 ms a question at
480 reports). `HeldForms.of(reports)` gathers them once (the Retriever keeps it); a `FormTable` then finds the
forms a question holds by looking its substrings up, at a cost set by the question's length, not by how many
reports are held. A filtered subset of the reports is given as `within` (its doc_ids): the same tables serve it,
each form found counting only for the reports of the subset, so it matches exactly what the subset alone would.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field, fields
from functools import cached_property, lru_cache
from typing import AbstractSet, Generic, Hashable, Iterable, Sequence, TypeVar

from ..ingest.identity import Identity, RegionPart
from ..lexicon import departments, gazetteer
from ..lexicon.department_names import LEVEL_CHARS
from ..text.chars import longest_first

V = TypeVar("V", bound=Hashable)
#: doc_ids of the reports a question may name (None: every held report)
Within = AbstractSet[str] | None

_CJK_RE = re.compile(r"[\u4e00-\u9fff]")
#: characters that end a word before a level word but never a place name (2017年省委办公厅, 2019年度省委办公厅, 和区医保局)
_NOT_PLACE_ENDS = frozenset("年度底末初的和与及跟同在、对按把将从给向比请问看计较是或为占了到于由被查")  # words that end no place name


def _place_ends_at(q: str, end: int) -> bool:
    """Whether a place name of the gazetteer, written in full, ends at q[end] (东湖区, 江苏省; not 一下省, 翻省)."""
    names = gazetteer()
    return any(names.lookup(q[end - n:end], short=False) for n in range(2, min(names.max_len, end) + 1))


@dataclass(frozen=True)
class HeldReport(Identity):
    """An indexed report's identity with its doc_id: what a question's scope is matched against."""

    doc_id: str = ""

    @classmethod
    def of(cls, doc_id: str, identity: Identity) -> "HeldReport":
        return cls(**{f.name: getattr(identity, f.name) for f in fields(identity)}, doc_id=doc_id)


#: what a form stands for (a department's full name, a region's path) and the doc_ids of the held reports written
#: so; one group serves every form its reports share (a department's thirty short forms), which keeps 10,000
#: reports' tables small
Group = tuple[V, frozenset[str]]


@dataclass
class FormTable(Generic[V]):
    """Written forms -> the groups of held reports written so. Built once; `longest_matches` finds the forms in a
    question."""

    entries: dict[str, tuple[Group, ...]]
    _sorted: list[str] = field(init=False, repr=False)  # for the forms that open with a given text (level words)
    _lengths: dict[str, tuple[int, ...]] = field(init=False, repr=False)  # first character -> form lengths

    def __post_init__(self) -> None:
        self._sorted = sorted(self.entries)
        lengths: dict[str, set[int]] = {}
        for f in self.entries:
            if f:  # the empty form is never a match (nor was it when each form was searched for)
                lengths.setdefault(f[0], set()).add(len(f))
        self._lengths = {c: tuple(sorted(ns)) for c, ns in lengths.items()}

    def held(self, form: str, within: Within = None) -> bool:
        """Is `form` a form of some report in `within`?"""
        groups = self.entries.get(form)
        if groups is None:
            return False
        return within is None or any(not docs.isdisjoint(within) for _, docs in groups)

    def meanings(self, form: str, within: Within = None) -> set[V]:
        """What `form` stands for among the reports in `within`."""
        return {v for v, docs in self.entries.get(form, ()) if within is None or not docs.isdisjoint(within)}

    def docs(self, form: str, within: Within = None) -> set[str]:
        """The doc_ids of the reports in `within` written `form`."""
        return set().union(*(docs if within is None else docs & within for _, docs in self.entries.get(form, ())))

    def occurrences(self, q: str) -> dict[str, list[int]]:
        """Every held form in q -> where it starts, occurrences not overlapping (as re.finditer finds them).
        Cost: q's length times the form lengths tried, whatever the number of forms."""
        starts: dict[str, list[int]] = {}
        for i, c in enumerate(q):
            for n in self._lengths.get(c, ()):
                if i + n > len(q):
                    break
                f = q[i : i + n]
                if f in self.entries:
                    at = starts.setdefault(f, [])
                    if not at or i >= at[-1] + n:
                        at.append(i)
        return starts

    def longest_matches(self, q: str, taken: Sequence[tuple[int, int]] = (), within: Within = None) -> list[tuple[int, int, str]]:
        """Non-overlapping (start, end, form) occurrences of the forms of `within`'s reports in q, longest first,
        outside the `taken` spans.

        A form that opens with a level word (区医保局, 省委办公厅) does not match inside a place name
        (东湖区医保局 is not 区医保局 of a held district), nor after another level word (各区县医保局: of every
        district and county); it does after any other word (查一下省委办公厅)."""
        hits = []
        used = list(taken)
        found = self.occurrences(q)
        for f in sorted(found, key=longest_first):
            for a in found[f]:
                b = a + len(f)
                if not all(b <= x or a >= y for x, y in used) or not self.held(f, within):
                    continue
                if a > 0 and _CJK_RE.match(q[a - 1]) and q[a - 1] not in _NOT_PLACE_ENDS and self._leveled(f, within) \
                        and (q[a - 1] in LEVEL_CHARS or _place_ends_at(q, a + 1)):
                    continue
                hits.append((a, b, f))
                used.append((a, b))
        return sorted(hits)

    def _leveled(self, f: str, within: Within) -> bool:
        """Does f open with a level word (区 of 区医保局, 省 of 省委办公厅), not a word's first character (市 of
        市场监管局)? So when the rest is itself a form, or opens one (省人大: 人大办 is held), or is a 委."""
        rest = f[1:]
        return f[0] in LEVEL_CHARS and (rest.startswith("委") or self._opens_a_form(rest, within))

    def _opens_a_form(self, rest: str, within: Within) -> bool:
        i = bisect_left(self._sorted, rest)
        while i < len(self._sorted) and self._sorted[i].startswith(rest):
            if self.held(self._sorted[i], within):
                return True
            i += 1
        return False


@dataclass(frozen=True)
class HeldForms:
    """A set of held reports, with their department and region forms gathered once (see the module docstring).

    `departments`: form -> (department full name, doc_ids); `regions`: form -> (region key: a prefix of a region
    path, (上海市,), (上海市, 普陀区); doc_ids); `below`: region key -> doc_ids of the reports at or below it."""

    reports: tuple[HeldReport, ...]
    departments: FormTable[str]
    regions: FormTable[tuple[str, ...]]
    below: dict[tuple[str, ...], frozenset[str]]
    positions: dict[str, tuple[int, ...]]  # doc_id -> where its report is in `reports`

    @classmethod
    def of(cls, reports: Iterable[HeldReport]) -> "HeldForms":
        reports = tuple(reports)
        # reports written alike, first: one department with one set of short forms (its reports of every year),
        # one region
        by_department: dict[tuple[str, tuple[str, ...]], list[str]] = {}
        by_region: dict[tuple[tuple[RegionPart, ...], str | None], list[str]] = {}
        below: dict[tuple[str, ...], set[str]] = {}
        positions: dict[str, list[int]] = {}
        for i, r in enumerate(reports):
            positions.setdefault(r.doc_id, []).append(i)
            if r.department:
                by_department.setdefault((r.department, tuple(sorted({r.department, *r.department_aliases}))), []).append(r.doc_id)
            by_region.setdefault((tuple(r.region_path), r.region), []).append(r.doc_id)
            path = tuple(p.name for p in r.region_path)
            for n in range(len(path) + 1):
                below.setdefault(path[:n], set()).add(r.doc_id)
        depts: dict[str, list[Group[str]]] = {}
        for (name, forms), docs in by_department.items():
            group = (name, frozenset(docs))
            for f in forms:
                depts.setdefault(f, []).append(group)
        regions: dict[str, list[Group[tuple[str, ...]]]] = {}
        for (path_parts, region), docs in by_region.items():
            shared = frozenset(docs)
            for f, key in _path_forms(path_parts, region).items():
                regions.setdefault(f, []).append((key, shared))
        return cls(reports, FormTable(_tuples(depts)), FormTable(_tuples(regions)),
                   {k: frozenset(v) for k, v in below.items()}, {d: tuple(p) for d, p in positions.items()})

    @classmethod
    def resolve(cls, held: "HeldForms | Iterable[HeldReport]") -> "HeldForms":
        """`held` as it is, or its reports' forms gathered (for a caller that asks one question of a list)."""
        return held if isinstance(held, HeldForms) else cls.of(held)

    def reports_of(self, doc_ids: Iterable[str]) -> list[HeldReport]:
        """The reports with these doc_ids, in held order."""
        return [self.reports[i] for i in sorted(i for d in set(doc_ids) for i in self.positions.get(d, ()))]

    def within(self, doc_ids: Within) -> list[HeldReport]:
        """Every report of `doc_ids` (None: every held report), in held order."""
        return list(self.reports) if doc_ids is None else self.reports_of(doc_ids)

    def below_any(self, keys: Iterable[tuple[str, ...]], within: Within) -> list[HeldReport]:
        """The reports of `within` at or below any of the region keys, in held order."""
        docs = set().union(*(self.below.get(k, ()) for k in keys))
        return self.reports_of(docs if within is None else docs & within)

    @cached_property
    def ordered_ids(self) -> tuple[str, ...]:
        """Every held report's doc_id in the order a scope lists its reports (the latest year first, then by
        department): sorted once, for the questions that name no report and so are about all of them."""
        return tuple(r.doc_id for r in sorted(self.reports, key=scope_order))

    @cached_property
    def region_names(self) -> list[str]:
        """Every held report's region (中央 for none), sorted."""
        return sorted({r.region or "中央" for r in self.reports})


def scope_order(r: HeldReport) -> tuple:
    """The order a scope lists its reports in: the latest year first, then by department."""
    return -(r.year or 0), r.department or "", r.doc_id


def _tuples(table: dict[str, list[Group]]) -> dict[str, tuple[Group, ...]]:
    return {f: tuple(groups) for f, groups in table.items()}


@lru_cache(maxsize=1)
def kind_forms() -> FormTable[tuple[str, ...]]:
    """The lexicon's bare department words (公安局, 财政局) -> the kinds of department they name."""
    return FormTable({f: ((kinds, frozenset()),) for f, kinds in departments().form_kinds().items()})


def region_forms(r: HeldReport) -> dict[str, tuple[str, ...]]:
    """Written forms of a report's region -> the region they stand for (a prefix of its path names)."""
    return _path_forms(tuple(r.region_path), r.region)


@lru_cache(maxsize=4096)
def _path_forms(region_path: tuple[RegionPart, ...], region: str | None) -> dict[str, tuple[str, ...]]:
    """Cached per region: many held reports share one."""
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


__all__ = ["FormTable", "HeldForms", "HeldReport", "Within", "kind_forms", "region_forms"]
