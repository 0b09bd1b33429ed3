"""The record of a question generated from a report's own facts with its answers computed from them (the row and
pair round trips: qa/eval/rowtrip.py, qa/eval/pairtrip.py), as benchmarks/generated_questions.py asks it."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .gold import GoldItem, GoldValue


@dataclass(frozen=True)
class GeneratedQuestion:
    """One generated question, right when the answer states every value of `answers`. `op` and `phrasing` say
    which operation it asks and how it is worded; `sources` are the report's files."""

    id: str
    report: str
    op: str
    phrasing: str
    question: str
    answers: tuple[GoldValue, ...]
    sources: tuple[str, ...]

    def as_gold(self, kind: str, note: str = "") -> GoldItem:
        """The question as a gold item of type `kind`, so the gold set's scorer judges it by the same rules."""
        return GoldItem(id=self.id, question=self.question, type=kind, doc=self.sources, answers=self.answers,
                        note=note)

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "report": self.report, "op": self.op, "phrasing": self.phrasing,
                "question": self.question, "answers": [{"value": v.value, "unit": v.unit} for v in self.answers]}
