"""The evaluation report: per-type accuracy, failures, retrieval, refusal and latency tables, as text, Markdown and JSON."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Mapping

from .gold import (
    GOLD_TYPES,
    _json_ready,
    _md_cell,
    _num,
    _pad,
    _pct,
    _plain,
    _ratio,
    _short,
    _width,
)
from .scoring import AnswerScore


# ------------------------------------------------------------------------------------------- tables

Section = tuple[str, list[str], list[list[str]]]


def sections_to_markdown(sections: list[Section]) -> str:
    """(title, headers, rows) tables as Markdown, one `##` heading each."""
    parts = []
    for title, headers, rows in sections:
        lines = [f"## {title}", "", "| " + " | ".join(headers) + " |", "|" + "|".join("---" for _ in headers) + "|"]
        lines += ["| " + " | ".join(_md_cell(c) for c in row) + " |" for row in rows]
        parts.append("\n".join(lines))
    return "\n\n".join(parts) + "\n"


def format_sections(sections: list[Section], cell_width: int = 100) -> str:
    """(title, headers, rows) tables as plain aligned columns for a terminal (CJK counted as double width)."""
    parts = []
    for title, headers, rows in sections:
        cells = [headers] + [[_short(c, cell_width) for c in row] for row in rows]
        widths = [max(_width(r[i]) for r in cells) for i in range(len(headers))]
        lines = [title, "  ".join(_pad(h, w) for h, w in zip(headers, widths)).rstrip(),
                 "  ".join("-" * w for w in widths)]
        lines += ["  ".join(_pad(c, w) for c, w in zip(row, widths)).rstrip() for row in cells[1:]]
        parts.append("\n".join(lines))
    return "\n\n".join(parts) + "\n"


# ------------------------------------------------------------------------------------------- report


@dataclass(frozen=True)
class RetrievalScore:
    """Retrieval quality of one named retriever over the questions that have evidence."""

    name: str
    ranks: Mapping[str, int | None]
    metrics: Mapping[str, Any]
    latency: Mapping[str, Any]
    errors: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name, **dict(self.metrics), "ms_per_query": self.latency.get("mean_ms"),
            "latency": dict(self.latency), "errors": self.errors, "ranks": dict(self.ranks),
        }


@dataclass(frozen=True)
class EvalReport:
    """Everything one evaluation run measured; `to_dict()` for tracking, `to_markdown()` / `format_table()` to read."""

    scores: tuple[AnswerScore, ...]
    retrieval: Mapping[str, RetrievalScore] = field(default_factory=dict)
    refusal: Mapping[str, Any] = field(default_factory=dict)
    latency: Mapping[str, Any] = field(default_factory=dict)
    extra: Mapping[str, Any] = field(default_factory=dict)

    @property
    def n(self) -> int:
        return len(self.scores)

    @property
    def correct(self) -> int:
        return sum(1 for s in self.scores if s.correct)

    @property
    def accuracy(self) -> float | None:
        return self.correct / self.n if self.n else None

    def by_type(self) -> dict[str, dict[str, Any]]:
        """type -> {n, correct, accuracy}, known types in GOLD_TYPES order, then others alphabetically."""
        types = sorted({s.type for s in self.scores}, key=lambda t: (GOLD_TYPES.index(t) if t in GOLD_TYPES else len(GOLD_TYPES), t))
        out = {}
        for t in types:
            group = [s for s in self.scores if s.type == t]
            ok = sum(1 for s in group if s.correct)
            out[t] = {"n": len(group), "correct": ok, "accuracy": ok / len(group)}
        return out

    def failures(self) -> list[AnswerScore]:
        return [s for s in self.scores if not s.correct]

    def to_dict(self) -> dict[str, Any]:
        return {
            "answers": {"n": self.n, "correct": self.correct, "accuracy": self.accuracy, "by_type": self.by_type()},
            "failures": [{"id": s.id, "type": s.type, "answered": _short(s.text, 120), "found": s.found, "why": s.reason}
                         for s in self.failures()],
            "retrieval": {name: r.to_dict() for name, r in self.retrieval.items()},
            "refusal": dict(self.refusal),
            "latency": dict(self.latency),
            "extra": _json_ready(dict(self.extra)),
            "scores": [s.to_dict() for s in self.scores],
        }

    def sections(self) -> list[tuple[str, list[str], list[list[str]]]]:
        """The report as (title, headers, rows) tables, shared by to_markdown and format_table."""
        out: list[tuple[str, list[str], list[list[str]]]] = []
        rows = [[t, str(v["n"]), str(v["correct"]), _pct(v["accuracy"])] for t, v in self.by_type().items()]
        rows.append(["all", str(self.n), str(self.correct), _pct(self.accuracy)])
        out.append(("Answer accuracy", ["type", "n", "correct", "%"], rows))

        fails = self.failures()
        rows = [[s.id, s.type, ("(no answer) " if not s.found else "") + _short(s.text, 50), s.reason] for s in fails]
        out.append((f"Failed questions ({len(fails)})", ["id", "type", "answered", "why"], rows or [["-", "-", "-", "none failed"]]))

        if self.retrieval:
            n = next(iter(self.retrieval.values())).metrics.get("n", 0)
            rows = [[name, _num(r.metrics.get("recall@1")), _num(r.metrics.get("recall@5")), _num(r.metrics.get("recall@10")),
                     _num(r.metrics.get("mrr"), 3), _num(r.latency.get("mean_ms"), 2)] for name, r in self.retrieval.items()]
            out.append((f"Retrieval ({n} questions with evidence)", ["retriever", "R@1", "R@5", "R@10", "MRR", "ms/query"], rows))
        else:
            out.append(("Retrieval", ["retriever", "R@1", "R@5", "R@10", "MRR", "ms/query"], [["(not run)", "-", "-", "-", "-", "-"]]))

        f = self.refusal
        rows = [
            ["refusal precision", _ratio(f.get("precision"), f.get("refused_unanswerable"), f.get("refused"))],
            ["refusal recall", _ratio(f.get("recall"), f.get("refused_unanswerable"), f.get("unanswerable"))],
            ["false-refusal rate", _ratio(f.get("false_refusal_rate"), f.get("refused_answerable"), f.get("answerable"))],
        ]
        out.append(("Refusal", ["metric", "value"], rows))

        lat = self.latency
        out.append(("Query latency (ask)", ["n", "p50 ms", "p95 ms", "max ms"],
                    [[str(lat.get("n", 0)), _num(lat.get("p50_ms"), 1), _num(lat.get("p95_ms"), 1), _num(lat.get("max_ms"), 1)]]))
        if self.extra:
            out.append(("Other measurements", ["what", "value"], [[str(k), _plain(v)] for k, v in self.extra.items()]))
        return out

    def to_markdown(self) -> str:
        return sections_to_markdown(self.sections())

    def format_table(self) -> str:
        """Plain aligned columns for a terminal (CJK counted as double width)."""
        return format_sections(self.sections())

    def __str__(self) -> str:
        return self.format_table()
