"""pages -> Document: a report with its metadata (地区, 部门, 年度, 预算/决算, title).

`load_document(path)` loads the pages (`qa.load.load_pages`) and detects the metadata from the
content; every field can be overridden by the caller. Detection looks at the places a report names
itself — the cover/title block, the `部门：…` / `预算主管部门：…` lines above tables, table titles,
`单位名称：…` in self-evaluation forms, `第一部分 X概况` — never at plain word counts (a 决算 report
mentions 预算 everywhere).

Tables that run across pages are already merged by `load_pages` (see qa/load.py).
"""
from __future__ import annotations

import hashlib
import logging
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Sequence

from ..errors import InputError
from ..models import Document, Page
from ..text.chars import squash
from .load import load_pages

logger = logging.getLogger(__name__)

KINDS = ("预算", "决算")
#: how many non-empty lines count as the report's title block / head
HEAD_LINES = 12
SCAN_LINES = 200

_CJK = "\u4e00-\u9fff"
_WS_RE = re.compile(r"\s+")
_YEAR = r"(20\d{2}|19\d{2})"
#: "2023年度部门决算", "2025年区级部门预算", "2019年度部门预算公开", "2024 年度武汉市…局 (汇总) 部门决算公开"
_YEAR_KIND_RE = re.compile(_YEAR + r"\s*年度?[^\n。，；]{0,40}?(?:部门|单位|预算|决算)")
_KIND_PHRASE_RE = re.compile(
    r"(?:部门|单位|区级部门|省级部门)\s*(预算|决算)|(预算|决算)\s*(?:公开|情况说明|报表)|(预算|决算)(?:总)?表"
)
_DEPT_LINE_RE = re.compile(
    r"^\s*(?:预算主管部门|编制部门|部\s*门\s*(?:名\s*称)?|单位名称|预算单位)\s*[：:]\s*(?P<name>[^\s：:][^：:]*?)\s*"
    r"(?=$|(?:金额|资金)?单\s*位\s*[：:]|填报日期|日期[：:])"
)
_OVERVIEW_RE = re.compile(r"第[一二三四五六七八九十]+部分\s*(?P<name>\S.{1,40}?)\s*概况\s*$")
_PARENS_RE = re.compile(r"[（(]\s*(汇总|本级|合并|部门汇总)\s*[)）]")
_ORG_SUFFIXES = (
    "局", "厅", "委员会", "委", "院", "办公室", "办事处", "中心", "部", "署", "会", "所", "站", "馆", "队", "处", "室", "校", "政府",
)
#: admin-division prefix of a department name: 省/自治区, 市, 区/县/旗
_REGION_RE = re.compile(
    f"^(?P<prov>[{_CJK}]{{2,3}}?(?:省|自治区))?(?P<city>[{_CJK}]{{2,3}}?市)?(?P<county>[{_CJK}]{{1,3}}?(?:区|县|旗|市))?"
)
_PARTY_PREFIX_RE = re.compile(r"^(中共|中国共产党)")
_ORG_YEAR_RE = re.compile(f"^(?:附件[：:])?(?P<name>[{_CJK}（）()]{{4,30}}?)" + _YEAR + "年")


@dataclass(frozen=True)
class ReportMeta:
    """Metadata detected from a report's text. kind = 预算 / 决算; region = 地区; department = 部门."""

    region: str | None = None
    department: str | None = None
    year: int | None = None
    kind: str | None = None
    title: str | None = None


def load_document(
    path: str | Path,
    *,
    region: str | None = None,
    department: str | None = None,
    year: int | None = None,
    kind: str | None = None,
    title: str | None = None,
    on_progress: Callable[[int, int], None] | None = None,
) -> Document:
    """Load a report (PDF or text) as a Document with detected metadata; arguments override detection.

    doc_id is the first 12 hex digits of the sha256 of the file's bytes (stable across rebuilds and
    renames); content_hash is the full digest; source is the file name. `on_progress(done, total)`
    is called per parsed PDF page.
    Raises InputError for missing/unsupported/empty files and for a `kind` other than 预算 / 决算.
    """
    p = Path(path)
    if kind is not None and kind not in KINDS:
        raise InputError(f"kind must be one of {', '.join(KINDS)}; got {kind!r}")
    pages, warnings = load_pages(p, on_progress=on_progress)
    try:
        digest = hashlib.sha256(p.read_bytes()).hexdigest()
    except OSError as e:  # pragma: no cover - load_pages has just read it
        raise InputError(f"{p}: cannot read the file ({e}).") from e
    meta = detect_metadata(pages)
    region = region if region is not None else meta.region
    department = department if department is not None else meta.department
    year = year if year is not None else meta.year
    kind = kind if kind is not None else meta.kind
    if title is None:
        title = make_title(department, year, kind, region=region) or p.stem
    for what, value in (("region", region), ("department", department), ("year", year), ("kind", kind)):
        if value is None:
            logger.info("%s: could not detect %s; pass it explicitly", p.name, what)
    return Document(
        doc_id=digest[:12],
        source=p.name,
        title=title,
        pages=tuple(pages),
        region=region,
        department=department,
        year=int(year) if year is not None else None,
        kind=kind,
        path=str(p),
        content_hash=digest,
        warnings=tuple(warnings),
    )


def make_title(department: str | None, year: int | None, kind: str | None, *, region: str | None = None) -> str:
    """A human title: 武汉市青山区医疗保障局2023年度部门决算 (parts that are unknown are left out)."""
    who = department or region or ""
    when = f"{year}年度" if year else ""
    what = f"部门{kind}" if kind else ""
    return f"{who}{when}{what}" if (who or when) else ""


# --------------------------------------------------------------------------------------------
# detection


def detect_metadata(pages: Sequence[Page]) -> ReportMeta:
    """Region, department, year and kind (预算/决算) read from a report's pages."""
    lines = _nonempty_lines(pages, SCAN_LINES)
    head = _title_block(pages)
    table_titles = [t.title for p in pages for t in p.tables if t.title]
    kind = detect_kind(head, table_titles, lines)
    year = detect_year(head, table_titles, lines)
    department = detect_department(pages, head)
    region = region_of(department) if department else None
    if region is None:
        region = _region_from_text(lines)
    title = make_title(department, year, kind, region=region)
    return ReportMeta(region=region, department=department, year=year, kind=kind, title=title)


def _nonempty_lines(pages: Iterable[Page], limit: int | None = None) -> list[str]:
    out: list[str] = []
    for p in pages:
        for ln in p.text.split("\n"):
            s = ln.strip()
            if s:
                out.append(s)
                if limit is not None and len(out) >= limit:
                    return out
    return out


def _title_block(pages: Sequence[Page]) -> list[str]:
    """The report's first lines (its cover, for a PDF; the first lines, for text), up to the contents."""
    out: list[str] = []
    for s in _nonempty_lines(pages, HEAD_LINES * 2):
        if squash(s) in ("目录", "目次") and out:
            break
        out.append(s)
        if len(out) >= HEAD_LINES:
            break
    return out



def detect_kind(head: Sequence[str], table_titles: Sequence[str], lines: Sequence[str]) -> str | None:
    """预算 or 决算, from the title block, then the table titles, then the first 部门预算/部门决算-style phrase."""
    for s in head:
        if len(squash(s)) > 40 or any(p in s for p in "，。；"):
            continue  # a sentence, not a title
        m = _KIND_PHRASE_RE.search(squash(s))
        if m:
            return next(g for g in m.groups() if g)
    has = {k: any(k in squash(t) for t in table_titles) for k in KINDS}
    if has["决算"]:
        return "决算"
    if has["预算"]:
        return "预算"
    for s in lines:
        m = _KIND_PHRASE_RE.search(squash(s))
        if m:
            return next(g for g in m.groups() if g)
    return None


def detect_year(head: Sequence[str], table_titles: Sequence[str], lines: Sequence[str]) -> int | None:
    """预算/决算年度: a year followed by 年/年度 … 部门预算/决算 in the title block, table titles or text.

    A cover split over lines (`江苏省人民检察院 / 年部门预算 / 2017`) is read as one line.
    """
    for group in ([squash(" ".join(head))], [squash(t) for t in table_titles], [squash(s) for s in lines]):
        for s in group:
            m = _YEAR_KIND_RE.search(s)
            if m:
                return int(m.group(1))
    joined = squash("".join(head))
    m = re.search(r"年度?(?:部门|单位)?(?:预算|决算)\D{0,10}" + _YEAR, joined)
    if m:
        return int(m.group(1))
    years = Counter(int(y) for s in lines for y in re.findall(_YEAR + r"\s*年", s))
    return years.most_common(1)[0][0] if years else None


def detect_department(pages: Sequence[Page], head: Sequence[str] | None = None) -> str | None:
    """部门: the name most often printed on 部门：/ 预算主管部门：/ 编制部门： lines, else the title
    block's name before (or after) the year, else 单位名称：…, else `第一部分 X概况`."""
    head = list(head) if head is not None else _title_block(pages)
    all_lines = _nonempty_lines(pages)
    named = Counter()
    for s in all_lines:
        m = _DEPT_LINE_RE.match(s)
        if m and not s.lstrip().startswith("单位名称"):
            name = clean_department(m.group("name"))
            if name:
                named[name] += 1
    if named:
        return named.most_common(1)[0][0]
    name = _department_from_head(head)
    if name:
        return name
    for s in all_lines:
        m = _DEPT_LINE_RE.match(s)
        if m:
            name = clean_department(m.group("name"))
            if name:
                return name
    for s in all_lines[:SCAN_LINES]:
        m = _OVERVIEW_RE.search(s)
        if m:
            name = clean_department(m.group("name"))
            if name and _looks_like_org(name):
                return name
    # narrative sentences that open with the organisation and the year: 江苏省政协办公厅2019年度…
    counts: Counter[str] = Counter()
    for s in all_lines:
        m = _ORG_YEAR_RE.match(squash(s))
        if m:
            name = clean_department(m.group("name"))
            if name and _looks_like_org(name):
                counts[name] += 1
    if counts and counts.most_common(1)[0][1] >= 2:
        return counts.most_common(1)[0][0]
    return None


def clean_department(name: str) -> str | None:
    """A department name as printed, tidied: spaces, (汇总)/(本级) and trailing punctuation removed."""
    name = squash(name)
    name = _PARENS_RE.sub("", name)
    name = re.sub(r"^第[一二三四五六七八九十]+部分", "", name)
    name = name.strip("：:，,。;；")
    if len(name) < 3 or not re.search(f"[{_CJK}]", name):
        return None
    return name


def _looks_like_org(name: str) -> bool:
    return name.endswith(_ORG_SUFFIXES)


def _department_from_head(head: Sequence[str]) -> str | None:
    """The organisation named in the title block, around its year: `上海市普陀区财政局 / 2024年度部门决算`,
    `2017年度江苏省高级人民法院部门预算公开`, `江苏省委办公厅2017年度部门预算`, `上海市普陀区规划和自然 / 资源局`,
    `江苏省人民检察院 / 年部门预算 / 2017`."""
    joined = squash("".join(head))
    cands = []
    m = re.search(_YEAR + r"年度?", joined)
    if m:
        after = re.match(f"(?P<name>[{_CJK}（）()]+?)(?:区级|省级)?(?:部门|单位)?(?:预算|决算)", joined[m.end():])
        if after:
            cands.append(after.group("name"))
        cands.append(joined[: m.start()])
    k = re.search(r"年度?(?:区级|省级)?(?:部门|单位)?(?:预算|决算)", joined)
    if k:
        cands.append(joined[: k.start()])
    for c in cands:
        name = clean_department(c) if c else None
        if name and _looks_like_org(name) and len(name) <= 30:
            return name
    return None


def region_of(department: str) -> str | None:
    """地区 from a department name's administrative prefix: 武汉市青山区医疗保障局 -> 武汉市青山区,
    江苏省人民检察院 -> 江苏省, 中共江苏省委办公厅 -> 江苏省, 通城县医疗保障局 -> 通城县."""
    name = _PARTY_PREFIX_RE.sub("", squash(department))
    m = _REGION_RE.match(name)
    if not m:
        return None
    prov, city, county = m.group("prov"), m.group("city"), m.group("county")
    if county and county.endswith("市") and not city and not prov:
        county = None  # "市场监督管理局" is not a city
    parts = [x for x in (prov, city, county) if x]
    if not parts:
        return None
    return "".join(parts)


def _region_from_text(lines: Sequence[str]) -> str | None:
    counts: Counter[str] = Counter()
    for s in lines:
        for m in re.finditer(f"([{_CJK}]{{2,3}}市[{_CJK}]{{1,3}}?[区县])", squash(s)):
            counts[m.group(1)] += 1
    return counts.most_common(1)[0][0] if counts else None


__all__ = [
    "KINDS",
    "ReportMeta",
    "clean_department",
    "detect_department",
    "detect_kind",
    "detect_metadata",
    "detect_year",
    "load_document",
    "make_title",
    "region_of",
]
