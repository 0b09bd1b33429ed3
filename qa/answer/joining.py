"""Several answers stated as one: the figures of a question asked in parts, of several functions over one set of
rows, of several readings of one item."""
from __future__ import annotations

from dataclasses import replace
from typing import Sequence

from ..models import Answer


def joined(answers: Sequence[Answer], question: str | None = None) -> Answer | None:
    """The answers one after the other, as the first (its question unless one is given; found when any is): their lines, figures and
    citations in order, each once; None for none."""
    if not answers:
        return None
    first = answers[0]
    if len(answers) == 1 and question is None:
        return first
    return replace(first, question=question or first.question, found=any(a.found for a in answers),
                   text="\n".join(dict.fromkeys(line for a in answers for line in a.text.split("\n"))),
                   figures=tuple(dict.fromkeys(f for a in answers for f in a.figures)),
                   citations=tuple(dict.fromkeys(c for a in answers for c in a.citations)),
                   method="+".join(dict.fromkeys(a.method for a in answers)))
