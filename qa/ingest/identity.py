"""A report's identity — 地区, 部门, 年度, 预算/决算, 部门/单位 — read from its pages' text.

`identify(pages, file_name)` looks where a report names itself, in this order of trust:
1. `部门：` / `预算主管部门：` / `编制部门：` lines above tables (the most frequent name);
2. the title block (the cover, up to 目录), around its year and 预算/决算 words; for an archived web
   page, its `标题:` header with 【…】 tags removed;
3. `单位名称：` / `预算单位：` lines (self-evaluation forms);
4. the `第X部分 X概况` heading; 5. the page's `发布机构:`; 6. sentences opening `X2019年度…`.
Every candidate must read as a department (`qa.lexicon.department_names.parse_department`): an
organisation suffix, and a region the gazetteer knows, or none (central, or only a level: 省委办公厅).
A fragment such as `分南昌市东湖区` or `2023年市场` is no department, and no place.

`merge_parts(identities)` completes a report published as two files (narrative + tables): a file with
no department, or one without a region, takes the identity of the complete file in the same batch
whose file name is most alike (at least `PART_SIMILARITY`, after dropping words like tables/报表),
with the same year and kind where both are known, and — when it has a department — a matching one.
"""
from __future__ import annotations

import logging
import re
from collections import Counter
from dataclasses import asdict, dataclass, replace
from difflib import SequenceMatcher
from pathlib import PurePath
from typing import Any, Iterable, Sequence

from ..lexicon import departments, gazetteer
from ..lexicon.department_names import DepartmentName, parse_department
from ..text.chars import squash

logger = logging.getLogger(__name__)

KINDS = ("预算", "决算")
SCOPES = ("部门", "单位")
HEAD_LINES = 12  # non-empty lines that count as the title block
SCAN_LINES = 300  # lines searched for headings and the year
PART_SIMILARITY = 0.8  # file-name likeness for two files of one report

_YEAR = r"((?:19|20)\d{2})"
_KIND_WORDS = r"(?:区级|市级|省级|县级)?(?:部门|单位)?(?:综合)?(?:财政)?(预算|决算)"
_HEAD_KIND_RE = re.compile(r"(部门|单位)?(?:综合)?(?:财政)?(预算|决算)(?:公开|说明|报表|报告|编制说明|情况说明|信息公开|$)")
_DEPT_LINE_RE = re.compile(
    r"^\s*(?P<key>预算主管部门|主管部门|编制部门|部\s*门(?:\s*名\s*称)?|单位名称|预算单位|填报单位)\s*[：:]\s*(?P<name>[^：:]+?)\s*"
    r"(?=$|(?:金额|资金)?单\s*位\s*[：:]|填报日期|日期\s*[：:])"
)
_STRONG_KEYS = ("预算主管部门", "主管部门", "编制部门", "部门")
_OVERVIEW_RE = re.compile(r"第[一二三四五六七八九十]+部分\s*(?P<name>[^\s.…]{3,40}?)\s*概况")
_WEB_HEADER_RE = re.compile(r"^(标题|发布机构|栏目)\s*[:：]\s*(.*)$")
_TAG_RE = re.compile(r"【[^】]*】|\[[^\]]*\]")
_ORG_YEAR_RE = re.compile(r"(?:^|纳入|关于)(?P<name>[\u4e00-\u9fff（）()]{4,30}?)" + _YEAR + r"年")


@dataclass(frozen=True)
class RegionPart:
    """One level of a region as the gazetteer gives it: name, level (province/city/county/zone), adcode."""

    name: str
    level: str
    adcode: str | None = None


@dataclass(frozen=True)
class Identity:
    """Who published a report and what it is.

    region = 地区 as printed, each part in full (上海市普陀区, 平潭综合实验区, 北京市; None for a central
    department); region_path = the gazetteer's province / city / county (with adcodes);
    department = 部门, normalised (中共西安市委宣传部, no (本级)); department_aliases = its short forms
    (医保局, 普陀区医保局 …); year = 预算/决算年度; kind = 预算 / 决算; scope = 部门 / 单位;
    source = the file name it was read from.
    """

    region: str | None
    region_path: tuple[RegionPart, ...]
    department: str | None
    department_aliases: tuple[str, ...]
    year: int | None
    kind: str | None
    scope: str | None
    title: str
    warnings: tuple[str, ...] = ()
    source: str = ""

    @property
    def complete(self) -> bool:
        """Has a department, and a region unless the department is central (region_path is then empty)."""
        return bool(self.department) and (self.region is not None or not _needs_region(self))

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def __repr__(self) -> str:
        return f"Identity({self.region!r}, {self.department!r}, {self.year}, {self.kind}, {self.scope})"


def identify(pages: Sequence[str], file_name: str = "") -> Identity:
    """Read a report's identity from its pages' text (one string per page, or one for a text file)."""
    lines = [s.strip() for p in pages for s in p.split("\n") if s.strip()]
    web = _web_header(lines)
    head = [web["标题"]] if "标题" in web else _title_block(lines)
    scan = lines[:SCAN_LINES]
    year = find_year(head, scan)
    kind = find_kind(head, [web.get("栏目", "")], lines)
    scope = find_scope_word(head, [web.get("栏目", "")], scan) or _scope_from_keys(lines)
    context = "\n".join(scan)
    dept = find_department(head, lines, year=year, context=context, publisher=web.get("发布机构"))
    warnings = []
    region_path: tuple[RegionPart, ...] = ()
    region = None
    if dept is not None and dept.region is not None:
        region = dept.region.display
        region_path = _path_parts(dept)
    elif dept is None:
        warnings.append("no department name found")
    elif not dept.central:
        warnings.append(f"no region in the department name {dept.full}")
    for what, value in (("year", year), ("kind (预算/决算)", kind)):
        if value is None:
            warnings.append(f"no {what} found")
    return Identity(
        region=region,
        region_path=region_path,
        department=dept.full if dept else None,
        department_aliases=dept.aliases if dept else (),
        year=year,
        kind=kind,
        scope=scope,
        title=make_title(dept.full if dept else region, year, kind, scope),
        warnings=tuple(warnings),
        source=PurePath(file_name).name if file_name else "",
    )


def with_current_short_forms(identity: Identity) -> Identity:
    """The identity with its department's short forms read again by the lexicon in use: a short form added
    to the lexicon (江苏省人大 for 人大常委会办公厅) finds reports indexed before it, without re-indexing."""
    if not identity.department:
        return identity
    named = parse_department(identity.department, year=identity.year, context=identity.region or "")
    if named is None:
        return identity
    forms = (*identity.department_aliases, *(a for a in (*named.aliases, named.full) if a != identity.department))
    return replace(identity, department_aliases=tuple(dict.fromkeys(forms)))


def make_title(who: str | None, year: int | None, kind: str | None, scope: str | None = None) -> str:
    """上海市普陀区财政局2024年度部门决算 (unknown parts left out)."""
    when = f"{year}年度" if year else ""
    what = f"{scope or '部门'}{kind}" if kind else ""
    return f"{who or ''}{when}{what}"


# --------------------------------------------------------------------------------------------
# where a report names itself


def _web_header(lines: Sequence[str]) -> dict[str, str]:
    """`标题: …`, `发布机构: …`, `栏目: …` of an archived web page (its first lines), tags removed."""
    out: dict[str, str] = {}
    for s in lines[:12]:
        m = _WEB_HEADER_RE.match(s)
        if m and m.group(2).strip():
            out[m.group(1)] = _TAG_RE.sub("", m.group(2)).strip()
    return out if "标题" in out else {}


def _title_block(lines: Sequence[str]) -> list[str]:
    out: list[str] = []
    for s in lines[: HEAD_LINES * 2]:
        if squash(s) in ("目录", "目次") and out:
            break
        out.append(s)
        if len(out) >= HEAD_LINES:
            break
    return out


def find_year(head: Sequence[str], lines: Sequence[str]) -> int | None:
    """预算/决算年度: a year before 年度…预算/决算 in the title block (a cover split over lines is read
    as one line: `江苏省人民检察院 / 年部门预算 / 2017`), then in the text, then the most common year."""
    joined = squash("".join(head))
    for text in (joined, *(squash(s) for s in lines)):
        m = re.search(_YEAR + r"年度?[^。，；]{0,30}?" + _KIND_WORDS, text)
        if m:
            return int(m.group(1))
        if text is joined:
            m = re.search(r"年度?" + _KIND_WORDS + r"\D{0,12}?" + _YEAR, joined)
            if m:
                return int(m.group(2))
    years = Counter(int(y) for s in lines for y in re.findall(_YEAR + r"\s*年", s))
    return years.most_common(1)[0][0] if years else None


def find_kind(head: Sequence[str], extra: Sequence[str], lines: Sequence[str]) -> str | None:
    """预算 or 决算: from the title lines (not sentences), then headers, then table titles / phrases.
    A 决算 report mentions 预算 everywhere (年初预算, 预算数), so plain word counts are never used."""
    titles = [s for s in head if len(squash(s)) <= 40 and not any(p in s for p in "，。；")]
    for s in (*titles, *extra):
        m = _HEAD_KIND_RE.search(squash(s))
        if m:
            return m.group(2)
    counts = Counter()
    for s in lines:
        q = squash(s)
        for m in re.finditer(r"(?:部门|单位)(预算|决算)|(预算|决算)(?:总表|表)|(?:预算|决算)\d+表", q):
            k = m.group(1) or m.group(2) or ("预算" if q[m.start()] == "预" else "决算")
            counts[k] += 1
    if counts["决算"]:
        return "决算"  # a 决算 report names 预算 tables too (年初预算); not the other way round
    return "预算" if counts["预算"] else None


def find_scope_word(head: Sequence[str], extra: Sequence[str], lines: Sequence[str]) -> str | None:
    """部门 or 单位: which the title calls itself (部门预算 / 单位预算), else the more frequent phrase."""
    for s in (*head, *extra):
        m = re.search(r"(部门|单位)(?:综合)?(?:预算|决算)", squash(s))
        if m:
            return m.group(1)
    counts = Counter(m.group(1) for s in lines for m in re.finditer(r"(部门|单位)(?:综合)?(?:预算|决算)", squash(s)))
    return counts.most_common(1)[0][0] if counts else None


def _scope_from_keys(lines: Sequence[str]) -> str | None:
    """A report that never says 部门预算 / 单位预算 (a tables-only file): 部门 if its tables name a 部门：,
    单位 if only a 预算单位：."""
    keys = {squash(m.group("key")) for s in lines for m in [_DEPT_LINE_RE.match(s)] if m}
    if keys & set(_STRONG_KEYS):
        return "部门"
    return "单位" if "预算单位" in keys else None


def find_department(
    head: Sequence[str], lines: Sequence[str], *, year: int | None, context: str = "", publisher: str | None = None
) -> DepartmentName | None:
    """The department, from the places listed in the module docstring, in that order of trust.

    A name without a region is replaced by another candidate with the same core that has one
    (湖州's tables print `511-退役军人事务局`, its cover `湖州市退役军人事务局`)."""
    def parse(name: str | None) -> DepartmentName | None:
        return parse_department(name, year=year, context=context) if name else None

    strong: Counter[str] = Counter()
    weak: Counter[str] = Counter()
    parsed: dict[str, DepartmentName] = {}
    for s in lines:
        m = _DEPT_LINE_RE.match(s)
        d = parse(m.group("name")) if m else None
        if d:
            parsed[d.full] = d
            (strong if squash(m.group("key")) in _STRONG_KEYS else weak)[d.full] += 1
    ranked: list[DepartmentName] = []
    ranked += [parsed[n] for n, _ in strong.most_common()]
    ranked += [d for d in (parse(c) for c in head_candidates(head)) if d]
    ranked += [parsed[n] for n, _ in weak.most_common()]
    ranked += [d for d in (parse(m.group("name")) for s in lines[:SCAN_LINES] for m in [_OVERVIEW_RE.search(squash(s))] if m) if d]
    if publisher:
        ranked += [d for d in [parse(publisher)] if d]
    ranked += _narrative_names(lines, parse)
    if not ranked:
        return None
    best = ranked[0]
    if best.region is None and not best.central:
        better = next((d for d in ranked if d.region is not None and _same_department(d, best)), None)
        best = better or best
    return best


def head_candidates(head: Sequence[str]) -> list[str]:
    """Names in the title block, around its year and 预算/决算 words: `2017年度江苏省高级人民法院部门预算公开`,
    `江苏省委办公厅2017年度部门预算`, `上海市普陀区规划和自然 / 资源局 / 2024年度部门决算`, and the
    title block's own lines (`长沙市公安局`, `西安市卫生健康委员会（汇总）`)."""
    joined = squash("".join(head))
    out = []
    for m in re.finditer(_YEAR + r"年度?", joined):
        after = re.match(r"(?P<name>.+?)" + _KIND_WORDS, joined[m.end() :])
        if after:
            out.append(after.group("name"))
        before = joined[: m.start()]
        out.append(before.split("年")[-1] if "年" in before else before)
    k = re.search(r"年度?" + _KIND_WORDS, joined)
    if k:
        out.append(joined[: k.start()])
    out += [squash(s) for s in head[:4]]
    return [c for c in out if c]


def _narrative_names(lines: Sequence[str], parse) -> list[DepartmentName]:
    counts: Counter[str] = Counter()
    found: dict[str, DepartmentName] = {}
    for s in lines[:SCAN_LINES]:
        for m in _ORG_YEAR_RE.finditer(squash(s)):
            d = parse(m.group("name"))
            if d:
                counts[d.full] += 1
                found[d.full] = d
    return [found[n] for n, c in counts.most_common() if c >= 2]


def _same_department(a: DepartmentName, b: DepartmentName) -> bool:
    return a.organ == b.organ and (a.core == b.core or (a.kind is not None and a.kind == b.kind))


def _path_parts(dept: DepartmentName) -> tuple[RegionPart, ...]:
    """Province, city and county of the department's region, as the gazetteer names them."""
    g = gazetteer()
    last = dept.region.last  # type: ignore[union-attr]
    parts = []
    for name in last.path[:-1]:
        found = [d for d in g.lookup(name, short=False) if d.province == last.province and d.level in ("province", "city")]
        parts.append(RegionPart(name, found[0].level if found else "", found[0].adcode if found else None))
    parts.append(RegionPart(last.name, last.level, last.adcode))
    return tuple(parts)


def _needs_region(identity: Identity) -> bool:
    """Every department has a region but a central one (国家信访局)."""
    return not (identity.department or "").startswith(departments().central_prefixes)


# --------------------------------------------------------------------------------------------
# reports in two files


_PART_WORDS_RE = re.compile(r"tables?|tab|附件\s*\d*|报表|表格|公开表|情况说明|说明|narrative|text|part\s*\d", re.I)


def part_stem(file_name: str) -> str:
    """A file name without suffix and part words: `beijing-city-audit-tables-2026-budget` -> `beijing-city-audit-2026-budget`."""
    stem = PurePath(file_name).stem
    stem = _PART_WORDS_RE.sub("", stem.lower())
    return re.sub(r"[-_\s.]+", "-", stem).strip("-")


def merge_parts(identities: Iterable[Identity]) -> list[Identity]:
    """Complete each incomplete identity from the complete one of the same report in the batch.

    Rule: for a file with no department (or no region), the candidates are the complete identities
    with the same year and kind (where both are known) — and, if the file names a department, one
    whose full name or short forms include it; among them the one whose `part_stem` is most alike,
    if at least `PART_SIMILARITY` alike and not tied. The file keeps its own year, kind and scope when
    it has them. Order is kept; complete identities come back unchanged.
    """
    items = list(identities)
    complete = [x for x in items if x.complete]
    out = []
    for x in items:
        if x.complete:
            out.append(x)
            continue
        donor = _donor(x, complete)
        if donor is None:
            out.append(x)
            continue
        out.append(
            replace(
                x,
                region=donor.region,
                region_path=donor.region_path,
                department=donor.department,
                department_aliases=donor.department_aliases,
                year=x.year or donor.year,
                kind=x.kind or donor.kind,
                scope=x.scope or donor.scope,
                title=make_title(donor.department, x.year or donor.year, x.kind or donor.kind, x.scope or donor.scope),
                warnings=tuple(w for w in x.warnings if not w.startswith(("no department", "no region", "no year", "no kind")))
                + (f"department and region taken from {donor.source or 'its other part'} (same report)",),
            )
        )
    return out


def _donor(x: Identity, complete: Sequence[Identity]) -> Identity | None:
    def fits(c: Identity) -> bool:
        if x.year and c.year and x.year != c.year:
            return False
        if x.kind and c.kind and x.kind != c.kind:
            return False
        return not x.department or x.department == c.department or x.department in c.department_aliases

    stem = part_stem(x.source)
    scored = sorted(
        ((SequenceMatcher(None, stem, part_stem(c.source)).ratio(), i) for i, c in enumerate(complete) if fits(c)),
        reverse=True,
    )
    if not scored or scored[0][0] < PART_SIMILARITY or (len(scored) > 1 and scored[1][0] == scored[0][0]):
        return None
    return complete[scored[0][1]]


__all__ = ["Identity", "KINDS", "RegionPart", "SCOPES", "find_department", "find_kind", "find_year", "identify", "make_title", "merge_parts", "part_stem", "with_current_short_forms"]
