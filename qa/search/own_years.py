"""Reports each named with its own year or kind: several departments each with theirs (A2021年预算和B2023年决算),
or one department's years each with its report's kind (2025年预算和2024年决算). qa.search.scope reads them before
narrowing by the question's years and kinds, which would otherwise keep one kind for every year."""
from __future__ import annotations

import re
from typing import Sequence

from .forms import HeldForms, HeldReport
from .years import AS_OF_END, Span


def each_with_its_own(q: str, dept_spans: Sequence[Span], dept_docs: Sequence[set[str]], year_spans: Sequence[Span],
                      kind_spans: Sequence[Span], held: HeldForms, cand: Sequence[HeldReport]) -> list[HeldReport] | None:
    """The reports of several departments each named with its own year or kind (A2021年预算和B2023年决算, or
    2021年的A和2023年的B): each department's reports of the years and kinds said beside it; None unless every
    department is given one and holds such a report. A department named again (…长沙公安比北京审计局多多少) is the one
    named first, with the years said beside its first name."""
    first = [k for k, s in enumerate(dept_spans) if all(s.value != t.value for t in dept_spans[:k])]
    dept_spans, dept_docs = [dept_spans[k] for k in first], [dept_docs[k] for k in first]
    if len(dept_spans) < 2 or (len(year_spans) < 2 and len(kind_spans) < 2):
        return None  # (one year and one kind are every department's: A2018年和B的部门预算)
    marks = sorted([*year_spans, *kind_spans], key=lambda s: s.start)
    before = marks[0].start < dept_spans[0].start  # (the years said before their departments, or after)
    allowed = {id(r) for r in cand}
    out: list[HeldReport] = []
    for i, (span, docs) in enumerate(zip(dept_spans, dept_docs)):
        if before:
            lo, hi = (dept_spans[i - 1].end if i else 0), span.start
        else:
            lo, hi = span.end, (dept_spans[i + 1].start if i + 1 < len(dept_spans) else len(q))
        years = {int(m.group()) for s in year_spans if lo <= s.start < hi for m in [re.search(r"\d{4}", s.value)] if m}
        kinds = {s.value for s in kind_spans if lo <= s.start < hi}
        if not years and not kinds:
            return None
        mine = [r for r in held.reports_of(docs) if id(r) in allowed and (not years or r.year in years)
                and (not kinds or r.kind in kinds)]
        if not mine and years and AS_OF_END.search(q[lo:hi]):
            # 北京市审计局（2025年底）: what was held at the end of that year is the next year's budget's own figure
            mine = [r for r in held.reports_of(docs) if id(r) in allowed and r.year and r.year - 1 in years
                    and r.kind == "预算" and (not kinds or r.kind in kinds)]
        if not mine:
            return None
        out += [r for r in mine if r not in out]
    return out


#: a year named with the kind of its report right after it (2025年预算, 2024年的决算, 2024年实际决算支出)
_YEAR_KIND = re.compile(r"((?:19|20)\d{2})年度?的?(?:实际)?(预算|决算)")


def years_with_own_kinds(q: str, cand: Sequence[HeldReport]) -> list[HeldReport] | None:
    """The reports of two or more years each named with its own kind (普陀区财政局2025年预算比2024年决算多多少):
    each year's report of that kind, a budget set against what another year spent; None unless the kinds said
    differ and every year said holds a report of its kind."""
    said: dict[int, str] = {}
    for m in _YEAR_KIND.finditer(q):
        said.setdefault(int(m.group(1)), m.group(2))
    if len(said) < 2 or len(set(said.values())) < 2:
        return None
    out = [r for r in cand if r.year in said and r.kind == said[r.year]]
    return out if {r.year for r in out} == set(said) else None
