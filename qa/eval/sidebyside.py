"""Several gold sets — and the round trip — scored in one run and shown side by side.

    qa eval devset/a devset/b ../shared/eval/gold_public.jsonl --corpus DEV --corpus DEV --corpus ../shared/corpus --roundtrip

`plan_sets` pairs each gold file or folder with the corpus it needs (`--corpus` repeated in the same order, or
one folder for all); `run_side_by_side` scores each set on the system built from its corpus (one build per
distinct corpus) and, with the round trip, asks each system's own facts back. `SideBySide` prints one table
with a column per set — strict %, false-refusal rate, per type, per phrasing for the round trip — and no
question of any set: a set's failures are read by running it alone (a held-out half is only ever seen as
totals). `to_dict()` holds everything, every answer included.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Mapping, Protocol, Sequence

from ..errors import InputError
from ..models import Fact
from .evaluate import run_eval
from .gold import GOLD_TYPES, _num, _pct, load_gold
from .report import EvalReport, Section, format_sections, sections_to_markdown
from .roundtrip import DEFAULT_PER_REPORT, PHRASINGS, group_reports
from .roundtrip_report import RoundTripReport, run_roundtrip
from .scoring import load_corpus_texts

#: the retriever whose R@5 the side-by-side table shows
SHOWN_RETRIEVER = "hybrid (product)"


@dataclass(frozen=True)
class EvalSet:
    """One gold file or folder, the name its column gets, and the corpus folder it needs (None = the index as is)."""

    name: str
    gold: Path
    corpus: Path | None = None


def set_name(path: Path) -> str:
    """A column name for a gold path: `gold_public` for a file, `devset/a` for a folder."""
    path = Path(path)
    if path.is_dir():
        return f"{path.parent.name}/{path.name}" if path.parent.name else path.name
    return path.stem


def plan_sets(golds: Sequence[str | Path], corpora: Sequence[str | Path] = ()) -> list[EvalSet]:
    """Pair gold paths with corpora: none (every set uses the index as is), one (every set uses it), or one
    per gold path, in the same order. Column names are made unique (`a`, `a#2`)."""
    golds, corpora = [Path(g) for g in golds], [Path(c) for c in corpora]
    if not golds:
        raise InputError("No gold file given. Name one or more gold .jsonl files or folders (or use --roundtrip alone).")
    if len(corpora) not in (0, 1, len(golds)):
        raise InputError(f"{len(golds)} gold sets but {len(corpora)} --corpus folders: give one corpus for all, "
                         f"or one per gold set in the same order.")
    paired = corpora if len(corpora) == len(golds) else [corpora[0] if corpora else None] * len(golds)
    out: list[EvalSet] = []
    used: dict[str, int] = {}
    for gold, corpus in zip(golds, paired):
        name = set_name(gold)
        used[name] = used.get(name, 0) + 1
        out.append(EvalSet(name if used[name] == 1 else f"{name}#{used[name]}", gold, corpus))
    return out


def distinct_corpora(sets: Sequence[EvalSet], extra: Sequence[Path | None] = ()) -> list[Path | None]:
    """The corpora the sets need, each once, in order of first use (None = the index as is)."""
    out: list[Path | None] = []
    for c in [s.corpus for s in sets] + list(extra):
        key = None if c is None else Path(c).resolve()
        if key not in [None if o is None else Path(o).resolve() for o in out]:
            out.append(c)
    return out


class System(Protocol):
    """What an evaluation needs of a built index: answering, ranking, and the indexed reports and facts."""

    extra: Mapping[str, Any]

    def ask(self, question: str) -> Any: ...
    def retrievers(self) -> Mapping[str, Callable[[str], Sequence[Any]]]: ...
    def documents(self) -> list[dict[str, Any]]: ...
    def facts(self) -> list[Fact]: ...


@dataclass(frozen=True)
class SideBySide:
    """Each gold set's EvalReport and each round trip, by column name."""

    sets: Mapping[str, EvalReport]
    roundtrips: Mapping[str, RoundTripReport] = field(default_factory=dict)

    @property
    def single(self) -> EvalReport | None:
        """The one gold set's report when that is all the run holds (then printed as `qa eval GOLD` always was)."""
        return next(iter(self.sets.values())) if len(self.sets) == 1 and not self.roundtrips else None

    def table(self) -> Section:
        """One row per measure, one column per set and per round trip."""
        cols: list[tuple[str, Any]] = list(self.sets.items()) + list(self.roundtrips.items())
        headers = ["", *(name for name, _ in cols)]
        rows = [["questions", *(str(_summary(c)["n"]) for _, c in cols)],
                ["strict %", *(_cell(_summary(c), "correct", "n") for _, c in cols)],
                ["false-refusal %", *(_cell(_summary(c), "refused_answerable", "answerable") for _, c in cols)]]
        types = [t for t in GOLD_TYPES if any(t in _types(c) for _, c in cols)]
        types += sorted({t for _, c in cols for t in _types(c)} - set(types))
        rows += [[f"  {t}", *(_cell(_types(c).get(t), "correct", "n") for _, c in cols)] for t in types]
        if self.roundtrips:
            rows += [[f"  phrasing: {p}", *(_cell(c.by_phrasing().get(p), "correct", "n")
                                            if isinstance(c, RoundTripReport) else "" for _, c in cols)]
                     for p in PHRASINGS]
        rows.append([f"R@5 {SHOWN_RETRIEVER}", *(_recall(c) for _, c in cols)])
        rows.append(["ask p50 ms", *(_num(_latency(c).get("p50_ms"), 1) for _, c in cols)])
        return ("Side by side (strict % = right/n; round trip: answered with the fact's value)", headers, rows)

    def sections(self) -> list[Section]:
        if self.single is not None:
            return self.single.sections()
        out = [self.table()]
        for rt in self.roundtrips.values():
            out += rt.sections()
        return out

    def format_table(self) -> str:
        text = format_sections(self.sections())
        if self.single is None and self.sets:
            text += "\nEach set's questions and failures are in --json; run a set alone to list them.\n"
        return text

    def to_markdown(self) -> str:
        return sections_to_markdown(self.sections())

    def to_dict(self) -> dict[str, Any]:
        if self.single is not None:
            return self.single.to_dict()
        title, headers, rows = self.table()
        return {"side_by_side": {"title": title, "headers": headers, "rows": rows},
                "sets": {name: r.to_dict() for name, r in self.sets.items()},
                "roundtrip": {name: r.to_dict() for name, r in self.roundtrips.items()}}


def _summary(c: EvalReport | RoundTripReport) -> dict[str, Any]:
    """n, correct, refused_answerable, answerable — for a gold set or a round trip (all of whose questions have an answer)."""
    if isinstance(c, RoundTripReport):
        s = c.summary()
        return {"n": s["n"], "correct": s["correct"], "refused_answerable": s["refused"], "answerable": s["n"]}
    return {"n": c.n, "correct": c.correct, "refused_answerable": c.refusal.get("refused_answerable", 0),
            "answerable": c.refusal.get("answerable", 0)}


def _types(c: EvalReport | RoundTripReport) -> dict[str, dict[str, Any]]:
    return c.by_type()


def _cell(group: Mapping[str, Any] | None, num: str, den: str) -> str:
    """`82.8 (72/87)`, or `-` for nothing to count."""
    if not group or not group.get(den):
        return "-"
    return f"{_pct(group[num] / group[den])} ({group[num]}/{group[den]})"


def _recall(c: EvalReport | RoundTripReport) -> str:
    if isinstance(c, RoundTripReport) or SHOWN_RETRIEVER not in c.retrieval:
        return "-"
    return _num(c.retrieval[SHOWN_RETRIEVER].metrics.get("recall@5"))


def _latency(c: EvalReport | RoundTripReport) -> Mapping[str, Any]:
    if isinstance(c, RoundTripReport):
        return c.to_dict()["latency"] if c.results else {}
    return c.latency


def run_side_by_side(
    sets: Sequence[EvalSet],
    system_for: Callable[[Path | None], System],
    *,
    roundtrip: bool = False,
    roundtrip_corpora: Sequence[Path | None] | None = None,
    per_report: int = DEFAULT_PER_REPORT,
    seed: int = 0,
    on_progress: Callable[[str, int, int], None] | None = None,
) -> SideBySide:
    """Score every set on the system built from its corpus (`system_for(corpus)`, called once per distinct
    corpus, in order), then — with `roundtrip` — run the round trip on the systems of `roundtrip_corpora`
    (default: every distinct corpus the sets use). `on_progress(stage, done, total)` per question."""
    progress = on_progress or (lambda stage, done, total: None)
    systems: dict[Path | None, System] = {}

    def system(corpus: Path | None) -> System:
        key = None if corpus is None else Path(corpus).resolve()
        if key not in systems:
            systems[key] = system_for(corpus)
        return systems[key]

    reports: dict[str, EvalReport] = {}
    for s in sets:
        items = load_gold(s.gold)
        sut = system(s.corpus)
        texts = load_corpus_texts(s.corpus) if s.corpus is not None else None
        reports[s.name] = run_eval(items, sut.ask, sut.retrievers(), extra=dict(sut.extra), corpus=texts,
                                   on_progress=lambda d, t, n=s.name: progress(n, d, t))
    trips: dict[str, RoundTripReport] = {}
    if roundtrip:
        targets = distinct_corpora(sets) if roundtrip_corpora is None else list(roundtrip_corpora)
        for corpus in targets or [None]:
            sut = system(corpus)
            name = "round trip" if corpus is None else f"round trip ({Path(corpus).name})"
            trips[name] = run_roundtrip(group_reports(sut.documents(), sut.facts()), sut.ask, per_report=per_report,
                                        seed=seed, name=name, on_progress=lambda d, t, n=name: progress(n, d, t))
    return SideBySide(reports, trips)
