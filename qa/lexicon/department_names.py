"""Department names -> their parts and short forms, by the rules in data/departments.json.

A name is read as [organ prefix][region][organ word][core]:
`中共西安市委宣传部` = 中共 + 西安市 + 委 + 宣传部; `政协江苏省委员会办公厅` = 政协 + 江苏省 + 委员会 +
办公厅; `上海市普陀区人民政府石泉路街道办事处` = 上海市普陀区 + 人民政府石泉路街道办事处. The region is
read by the gazetteer (never guessed from 省/市/区 suffixes); the core is normalised by `rewrites`
and looked up in `kinds`, or read by a `rule` (X街道办事处 → X街道). Short forms come from the
kind's names and aliases: alone (医保局), with a level word (区医保局, 省委办公厅) and with each
written form of the region (普陀区医保局, 普陀医保局, 上海市普陀区医保局).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable, Sequence

from . import DepartmentLexicon, Organ, departments, gazetteer
from .divisions import ZONE, RegionMatch

#: the level word a short form uses for a region: 省委办公厅, 市公安局, 区财政局, 县医保局
LEVEL_CHARS = "省市区县州盟旗"
_WS_RE = re.compile(r"\s+")
_EDGE_RE = re.compile(r"^[^\u4e00-\u9fff0-9A-Za-z（(]+|[^\u4e00-\u9fff0-9A-Za-z）)]+$")  # stray dots, colons, commas
_CODE_RE = re.compile(r"^[0-9A-Za-z]+\s*[-－—_]\s*")  # 湖州: 511-退役军人事务局


@dataclass(frozen=True)
class DepartmentName:
    """A department name read into its parts.

    `full` = the normalised full name (中共江苏省委办公厅 for 中国共产党江苏省委员会办公厅);
    `core` = the name without region and organ words (办公厅, 医疗保障局); `organ` = state / party /
    cppcc; `kind` = the kind in the lexicon table (医疗保障, 宣传部) or the rule that read it (街道,
    镇), None if neither; `region` = the gazetteer's reading of its region prefix; `level` = 省 / 市 /
    区 / 县 when the name gives only a level (省委办公厅); `central` = a central department
    (国家信访局); `aliases` = its short forms, with and without region.
    """

    printed: str
    full: str
    core: str
    organ: str
    kind: str | None
    region: RegionMatch | None
    level: str | None
    central: bool
    aliases: tuple[str, ...]


def clean_name(name: str) -> str:
    """A name as printed, tidied: whitespace, (本级)/(汇总) markers, a leading code (511-) and trailing punctuation removed."""
    lex = departments()
    s = _WS_RE.sub("", name)
    s = re.sub(r"[（(【\[]\s*(?:" + "|".join(map(re.escape, lex.markers)) + r")\s*[)）】\]]", "", s)
    s = _CODE_RE.sub("", s)
    return _EDGE_RE.sub("", s)


def looks_like_org(name: str) -> bool:
    """Ends like an organisation (局, 委员会, 办事处, 政府 …) and is not just a generic word."""
    lex = departments()
    return len(name) >= 3 and name.endswith(lex.org_suffixes) and name not in lex.generic_cores


def parse_department(name: str, *, year: int | None = None, context: str = "") -> DepartmentName | None:
    """Read a department name; None when it does not look like one.

    `year` picks the divisions of that year; `context` (e.g. the report's text) settles a region
    that names two places (普陀区: Shanghai or Zhoushan) by which one it mentions more.
    """
    lex = departments()
    printed = clean_name(name)
    if not looks_like_org(printed):
        return None
    organ, rest = _strip_prefix(lex, printed)
    region = _choose_region(gazetteer().match_prefixes(rest, year=year), context)
    core = rest[region.end :] if region else rest
    level = None
    central = False
    if region is None:
        central = organ.organ == "state" and core.startswith(lex.central_prefixes)
        if not central and len(core) > 1 and core[0] in LEVEL_CHARS and _is_organ_core(lex, core[1:]):
            level, core = core[0], core[1:]
    organ, x, opened = _split_core(lex, organ, core)
    for pat, rep in lex.rewrites:
        x = pat.sub(rep, x)
    if not x:
        return None
    if central:  # 国家信访局 -> 信访局
        x = next((x[len(p) :] for p in lex.central_prefixes if x.startswith(p) and len(x) > len(p) + 1), x)
    kind = lex.kind_of(organ.organ, x)
    rule_forms, rule = _rule_forms(lex, x) if kind is None and organ.organ == "state" else ((), None)
    written = organ
    if organ.organ != "state" and not opened:  # 中共西安市纪律检查委员会: the party prefix, no 委 before the core
        written = lex.organ("state")
        full = organ.prefixes[-1] + (region.text if region else (level or "")) + x
    elif region is not None:
        full = organ.full.format(region=region.text, x=x)
    elif level is not None:
        full = organ.level_form.format(level=level, x=x)
    else:
        full = printed if central else organ.bare_form.format(x=x)
    if kind:  # its own names and aliases, and the forms it shares with kindred kinds (法院)
        forms = kind.forms + tuple(f for f, ks in lex.shared.items() if kind.kind in ks)
    else:
        forms = rule_forms or (x,)
    forms = _fit_level(forms, x, region)
    bare = kind.bare if kind else (bool(rule_forms) or x not in lex.generic_cores)
    aliases = _aliases(written, forms, region, level, bare=bare, qualify_level=not rule_forms, central=central)
    if kind and (kind.body or kind.fields) and (region or level):  # 江苏省人大, 省政协, 长沙公安: never alone
        aliases |= _aliases(written, kind.body + kind.fields, region, level, bare=False, qualify_level=True, central=False)
    aliases.discard(full)
    aliases.discard("")
    return DepartmentName(
        printed=printed,
        full=full,
        core=x,
        organ=organ.organ,
        kind=kind.kind if kind else rule,
        region=region,
        level=level if level else (_level_of(region) if region else None),
        central=central,
        aliases=tuple(sorted(aliases, key=lambda a: (len(a), a))),
    )


def kind_of_form(form: str) -> tuple[str, ...]:
    """The kinds a bare short form names: 医保局 -> (医疗保障,); 法院 -> the three court kinds."""
    return departments().form_kinds().get(form, ())


def region_forms(region: RegionMatch) -> set[str]:
    """Every way a report's region is written: 上海市普陀区, 普陀区, 普陀, 上海普陀区, 上海普陀, 福州市仓山 …"""
    out = {region.text, region.display}
    chain = region.chain
    for i in range(len(chain)):  # every tail of the chain, each part full or short
        combos = [""]
        for d in chain[i:]:
            combos = [c + f for c in combos for f in d.forms()]
        out.update(combos)
    return {f for f in out if f}


# --------------------------------------------------------------------------------------------
# parts


def _strip_prefix(lex: DepartmentLexicon, s: str) -> tuple[Organ, str]:
    for o in lex.organs:
        for p in o.prefixes:
            if s.startswith(p) and len(s) > len(p):
                return o, s[len(p) :]
    return lex.organ("state"), s


def _split_core(lex: DepartmentLexicon, organ: Organ, core: str) -> tuple[Organ, str, bool]:
    """Drop the organ word that opens the core (委 / 委员会 / 政协) -> (organ, rest, dropped?).

    A core that opens with a word only one organ uses (委 → party, 政协 → cppcc) names that organ
    even without a prefix (江苏省委办公厅, 江苏省政协办公厅)."""
    if organ.organ != "state":
        for cs in organ.core_starts:
            if core.startswith(cs) and len(core) > len(cs):
                return organ, core[len(cs) :], True
        return organ, core, False
    for o in lex.organs:
        others = {cs for p in lex.organs if p is not o for cs in p.core_starts}
        for cs in o.core_starts:
            if cs not in others and core.startswith(cs) and len(core) > len(cs):
                return o, core[len(cs) :], True
    return organ, core, False


def _fit_level(forms: Sequence[str], core: str, region: RegionMatch | None) -> tuple[str, ...]:
    """Drop 厅 forms (provincial) for a department below province level that is not itself a 厅."""
    if core.endswith("厅") or region is None or region.last.level == "province":
        return tuple(forms)
    kept = tuple(f for f in forms if not f.endswith("厅") or f.endswith("办公厅"))
    return kept or tuple(forms)


def _is_organ_core(lex: DepartmentLexicon, core: str) -> bool:
    """After a bare level word: 委办公厅 (省委办公厅), 政协办公厅, 人大办公厅, 财政局 …"""
    organ, x, _ = _split_core(lex, lex.organ("state"), core)
    return organ.organ != "state" or lex.kind_of("state", x) is not None


def _rule_forms(lex: DepartmentLexicon, x: str) -> tuple[tuple[str, ...], str | None]:
    for r in lex.rules:
        m = r.match.match(x)
        if m:
            return tuple(dict.fromkeys(t.format(**m.groupdict()) for t in r.short)), r.rule
    return (), None


def _level_of(region: RegionMatch) -> str | None:
    last = region.last
    if last.level == ZONE:
        return "区"
    return last.name[-1] if last.name[-1] in LEVEL_CHARS else None


def _choose_region(chains: Sequence[RegionMatch], context: str) -> RegionMatch | None:
    if len(chains) <= 1 or not context:
        return chains[0] if chains else None

    def mentions(m: RegionMatch) -> int:
        return sum(context.count(n) for n in m.last.path[:-1])

    return max(chains, key=mentions)


def _aliases(
    organ: Organ,
    forms: Iterable[str],
    region: RegionMatch | None,
    level: str | None,
    *,
    bare: bool,
    qualify_level: bool,
    central: bool,
) -> set[str]:
    out: set[str] = set()
    forms = tuple(forms)
    lvl = level or (_level_of(region) if region else None)
    for f in forms:
        if bare or central:
            out.add(organ.bare_form.format(x=f))
        if lvl and qualify_level:
            out.add(organ.level_form.format(level=lvl, x=f))
        if region is None:
            continue
        for q in region_forms(region):
            if organ.organ == "party":
                if q[-1] in LEVEL_CHARS:  # 西安市委宣传部, not 西安委宣传部
                    out.add(organ.region_form.format(region=q, x=f))
                    out.add("中共" + organ.region_form.format(region=q, x=f))
                if bare:
                    out.add(q + f)  # 西安市宣传部
            else:
                out.add(organ.region_form.format(region=q, x=f))
    return out


__all__ = ["DepartmentName", "clean_name", "kind_of_form", "looks_like_org", "parse_department", "region_forms"]
