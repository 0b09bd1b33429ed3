"""Running the round trip (qa/eval/roundtrip.py) through the product and reporting the share of questions
answered with their fact's value — per report, per phrasing, per stratum (table / narrative × measure).

    reports = group_reports(index.documents, index.facts())
    rt = run_roundtrip(reports, ask=lambda q: qa.ask(q, settings=s).to_dict(), per_report=40, seed=0)
    print(rt.format_table())

A question is right by the gold set's rules (`score_answer`): the answer states the value, rounded to the
decimals the report prints it with (an amount in 元 may be stated in 万元), within the figure limit, citing
one of the report's files. A refusal is an answer with found = false.
"""
from __future__ import annotations

import logging
import time
from collections import defaultdict
from dataclasses import dataclass, field, replace
from typing import Any, Callable, Iterable, Sequence

from ..errors import (
    ConfigError,
    IndexNotFoundError,
    IndexVersionError,
    ModelUnavailableError,
)
from .gold import _pct, _short
from .metrics import latency_stats
from .report import format_sections, sections_to_markdown
from .roundtrip import (
    DEFAULT_PER_REPORT,
    PHRASINGS,
    ReportFacts,
    ReportPlan,
    RoundTripQuestion,
    plan_report,
)
from .scoring import AnswerScore, score_answer

logger = logging.getLogger(__name__)

_SETUP_ERRORS = (ConfigError, IndexNotFoundError, IndexVersionError, ModelUnavailableError)
#: how a failure's reason is summarised (the first rule it broke)
FAILURE_KINDS = (("false refusal", "refused"), ("missing", "value not stated"), ("dump", "too many figures"),
                 ("uncited", "no citation"), ("no citation", "cited another report"),
                 ("answered an unanswerable", "unanswerable answered"), ("error", "error"))


@dataclass(frozen=True)
class RoundTripResult:
    """One generated question and the verdict on its answer."""

    question: RoundTripQuestion
    score: AnswerScore

    @property
    def correct(self) -> bool:
        return self.score.correct

    @property
    def refused(self) -> bool:
        return not self.score.found

    def to_dict(self) -> dict[str, Any]:
        return {**self.question.to_dict(), "correct": self.correct, "found": self.score.found,
                "why": self.score.reason, "answered": _short(self.score.text, 200),
                "seconds": None if self.score.seconds is None else round(self.score.seconds, 4)}


def tally(results: Iterable[RoundTripResult]) -> dict[str, Any]:
    """{n, correct, accuracy, refused, refusal_rate} over some results (None ratios when empty)."""
    rs = list(results)
    n, ok, refused = len(rs), sum(r.correct for r in rs), sum(r.refused for r in rs)
    return {"n": n, "correct": ok, "accuracy": ok / n if n else None, "refused": refused,
            "refusal_rate": refused / n if n else None}


def _group(results: Sequence[RoundTripResult], key: Callable[[RoundTripResult], str], order: Sequence[str] = ()) -> dict[str, dict[str, Any]]:
    groups: dict[str, list[RoundTripResult]] = defaultdict(list)
    for r in results:
        groups[key(r)].append(r)
    names = [k for k in order if k in groups] + sorted(k for k in groups if k not in order)
    return {k: tally(groups[k]) for k in names}


def failure_kind(reason: str) -> str:
    """A failure's first broken rule in a word: refused, value not stated, too many figures, no citation…"""
    for prefix, kind in FAILURE_KINDS:
        if reason.startswith(prefix):
            return kind
    return reason.split(":")[0] or "other"


@dataclass(frozen=True)
class RoundTripReport:
    """Every question the round trip asked, with its verdict, and what each report gave (`plans`)."""

    results: tuple[RoundTripResult, ...]
    plans: tuple[ReportPlan, ...] = field(repr=False)
    per_report: int = DEFAULT_PER_REPORT
    seed: int = 0
    name: str = "round trip"

    def summary(self) -> dict[str, Any]:
        return tally(self.results)

    def by_report(self) -> dict[str, dict[str, Any]]:
        return _group(self.results, lambda r: r.question.report, [p.report.label for p in self.plans])

    def by_phrasing(self) -> dict[str, dict[str, Any]]:
        return _group(self.results, lambda r: r.question.phrasing, PHRASINGS)

    def by_type(self) -> dict[str, dict[str, Any]]:
        """lookup_table (facts from table cells) / lookup_text (facts from sentences), as the gold types."""
        return _group(self.results, lambda r: r.score.type, ("lookup_table", "lookup_text"))

    def by_stratum(self) -> dict[str, dict[str, Any]]:
        return _group(self.results, lambda r: r.question.stratum)

    def failure_kinds(self) -> dict[str, int]:
        counts: dict[str, int] = defaultdict(int)
        for r in self.results:
            if not r.correct:
                counts[failure_kind(r.score.reason)] += 1
        return dict(sorted(counts.items(), key=lambda kv: -kv[1]))

    def left_out(self) -> dict[str, int]:
        counts: dict[str, int] = defaultdict(int)
        for p in self.plans:
            for k, v in p.left_out.items():
                counts[k] += v
        return dict(counts)

    def sections(self) -> list[tuple[str, list[str], list[list[str]]]]:
        s = self.summary()
        facts = sum(len(p.report.facts) for p in self.plans)
        askable = sum(p.askable for p in self.plans)
        sampled = sum(len(p.sampled) for p in self.plans)
        left = ", ".join(f"{k} {v}" for k, v in self.left_out().items()) or "none"
        head = (f"{self.name}: {len(self.plans)} reports, {facts} facts, {askable} askable "
                f"(left out: {left}), {sampled} sampled (seed {self.seed}, ≤{self.per_report or 'all'} per report), "
                f"{s['n']} questions")
        rows = []
        plans = {p.report.label: p for p in self.plans}
        for label, t in self.by_report().items():
            p = plans[label]
            rows.append([label, str(len(p.report.facts)), str(p.askable), str(p.left_out.get("ambiguous", 0)),
                         str(len(p.sampled)), str(t["n"]), _pct(t["accuracy"]), _pct(t["refusal_rate"])])
        rows.append(["all", str(facts), str(askable), str(self.left_out().get("ambiguous", 0)), str(sampled),
                     str(s["n"]), _pct(s["accuracy"]), _pct(s["refusal_rate"])])
        out = [(head, ["report", "facts", "askable", "ambiguous", "sampled", "questions", "right %", "refused %"], rows)]
        for title, groups in ((f"{self.name} by phrasing", self.by_phrasing()), (f"{self.name} by stratum", self.by_stratum())):
            out.append((title, ["group", "n", "right %", "refused %"],
                        [[k, str(t["n"]), _pct(t["accuracy"]), _pct(t["refusal_rate"])] for k, t in groups.items()]))
        kinds = self.failure_kinds()
        out.append((f"{self.name} failures by kind", ["kind", "n"], [[k, str(v)] for k, v in kinds.items()] or [["none", "0"]]))
        return out

    def format_table(self) -> str:
        return format_sections(self.sections())

    def to_markdown(self) -> str:
        return sections_to_markdown(self.sections())

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name, "per_report": self.per_report, "seed": self.seed, "summary": self.summary(),
            "by_type": self.by_type(), "by_phrasing": self.by_phrasing(), "by_report": self.by_report(),
            "by_stratum": self.by_stratum(), "failure_kinds": self.failure_kinds(), "left_out": self.left_out(),
            "reports": [p.to_dict() for p in self.plans],
            "latency": latency_stats([r.score.seconds for r in self.results if r.score.seconds is not None]),
            "questions": [r.to_dict() for r in self.results],
        }


def ask_one(q: RoundTripQuestion, ask: Callable[[str], Any]) -> RoundTripResult:
    """Ask one generated question (timed) and score the answer; an error scores it wrong, except errors
    that mean the system is not set up (no index, no model), which propagate."""
    gold = q.gold()
    start = time.perf_counter()
    try:
        score = score_answer(gold, ask(q.question))
    except _SETUP_ERRORS:
        raise
    except Exception as e:  # one broken question must not hide the rest
        logger.warning("ask failed on %s: %s: %s", q.id, type(e).__name__, e)
        score = replace(score_answer(gold, {"found": False, "text": ""}), correct=False,
                        reason=f"error: {type(e).__name__}: {_short(str(e), 80)}")
    return RoundTripResult(q, replace(score, seconds=time.perf_counter() - start))


def run_roundtrip(
    reports: Sequence[ReportFacts],
    ask: Callable[[str], Any],
    *,
    per_report: int = DEFAULT_PER_REPORT,
    seed: int = 0,
    name: str = "round trip",
    on_progress: Callable[[int, int], None] | None = None,
) -> RoundTripReport:
    """Generate each report's questions (`plan_report`), ask them all, and gather the verdicts.

    `ask(question)` returns an `Answer.to_dict()` (or an Answer)."""
    plans = [plan_report(r, per_report, seed) for r in reports]
    questions = [q for p in plans for q in p.questions]
    progress = on_progress or (lambda done, total: None)
    results = []
    for i, q in enumerate(questions, start=1):
        results.append(ask_one(q, ask))
        progress(i, len(questions))
    return RoundTripReport(tuple(results), tuple(plans), per_report=per_report, seed=seed, name=name)


__all__ = ["RoundTripReport", "RoundTripResult", "run_roundtrip", "tally"]
