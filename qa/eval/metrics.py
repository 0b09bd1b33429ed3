"""Retrieval, refusal and latency metrics over many scored questions."""
from __future__ import annotations

import math
from typing import Any, Mapping, Sequence

from ..text.chars import squash
from .gold import UNANSWERABLE, GoldItem
from .scoring import AnswerScore

RECALL_KS = (1, 5, 10)


# ---------------------------------------------------------------------------------------- retrieval


def retrieval_hits(gold: GoldItem, ranked_chunk_texts: Sequence[Any]) -> int | None:
    """1-based rank of the first chunk that contains one of the evidence quotes (whitespace removed), or None.

    Chunks may be strings, or objects/dicts with a `text`.
    """
    quotes = [squash(e.quote) for e in gold.evidence]
    quotes = [q for q in quotes if q]
    if not quotes:
        return None
    for rank, chunk in enumerate(ranked_chunk_texts, start=1):
        body = squash(_chunk_text(chunk))
        if any(q in body for q in quotes):
            return rank
    return None


def retrieval_metrics(ranks: Sequence[int | None], ks: Sequence[int] = RECALL_KS) -> dict[str, Any]:
    """Recall@k (share of questions with a hit at rank <= k) and MRR (mean of 1/rank, 0 for no hit)."""
    n = len(ranks)
    out: dict[str, Any] = {"n": n}
    for k in ks:
        out[f"recall@{k}"] = (sum(1 for r in ranks if r is not None and r <= k) / n) if n else None
    out["mrr"] = (sum(1.0 / r for r in ranks if r) / n) if n else None
    return out


def _chunk_text(chunk: Any) -> str:
    if isinstance(chunk, str):
        return chunk
    if isinstance(chunk, Mapping):
        return str(chunk.get("text", ""))
    return str(getattr(chunk, "text", chunk))


# ------------------------------------------------------------------------------ refusal and latency


def refusal_metrics(scores: Sequence[AnswerScore]) -> dict[str, Any]:
    """Refusing = found is false. Precision and recall of refusing w.r.t. the unanswerable questions,
    and the false-refusal rate on answerable ones. A ratio with an empty denominator is None."""
    refused = [s for s in scores if not s.found]
    unanswerable = [s for s in scores if s.type == UNANSWERABLE]
    answerable = [s for s in scores if s.type != UNANSWERABLE]
    right = sum(1 for s in refused if s.type == UNANSWERABLE)
    wrong = len(refused) - right
    return {
        "refused": len(refused),
        "unanswerable": len(unanswerable),
        "answerable": len(answerable),
        "refused_unanswerable": right,
        "refused_answerable": wrong,
        "precision": right / len(refused) if refused else None,
        "recall": right / len(unanswerable) if unanswerable else None,
        "false_refusal_rate": wrong / len(answerable) if answerable else None,
    }


def percentile(values: Sequence[float], p: float) -> float | None:
    """The p-th percentile (0–100), linear interpolation between closest ranks; None for no values."""
    if not values:
        return None
    xs = sorted(values)
    k = (len(xs) - 1) * p / 100.0
    lo, hi = math.floor(k), math.ceil(k)
    return xs[lo] + (xs[hi] - xs[lo]) * (k - lo)


def latency_stats(seconds: Sequence[float]) -> dict[str, Any]:
    """{n, mean_ms, p50_ms, p95_ms, max_ms} from durations in seconds (None values when empty)."""
    ms = [s * 1000.0 for s in seconds]

    def r(x: float | None) -> float | None:
        return None if x is None else round(x, 3)

    return {
        "n": len(ms),
        "mean_ms": r(sum(ms) / len(ms)) if ms else None,
        "p50_ms": r(percentile(ms, 50)),
        "p95_ms": r(percentile(ms, 95)),
        "max_ms": r(max(ms)) if ms else None,
    }
