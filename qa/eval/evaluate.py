"""Scoring against the gold questions (the rules of ../shared/eval/README.md), as a library.

`qa eval GOLD.jsonl` wires the system under test in; this module only takes callables:

    items = load_gold("gold_public.jsonl")
    report = run_eval(items, ask=lambda q: qa.ask(q, index).to_dict(),
                      retrievers={"bm25": lambda q: [c.text for c in bm25(q)]},
                      extra={"index build s": 12.3})
    print(report.to_markdown())

Pure pieces, each usable alone: `find_numbers` (the scorer's own number reader; it does not use
qa/numbers.py, so the rules cannot drift with the parser), `score_answer`, `retrieval_hits`,
`retrieval_metrics`, `refusal_metrics`, `latency_stats`.
"""
from __future__ import annotations

import logging
import time
from dataclasses import replace
from typing import Any, Callable, Mapping, Sequence

from ..errors import (
    ConfigError,
    IndexNotFoundError,
    IndexVersionError,
    ModelUnavailableError,
)
from .gold import GoldItem, _short
from .metrics import latency_stats, refusal_metrics, retrieval_hits, retrieval_metrics
from .report import EvalReport, RetrievalScore
from .scoring import AnswerScore, score_answer

logger = logging.getLogger(__name__)

#: errors that mean the system under test is not set up; they stop the run instead of scoring as wrong
_SETUP_ERRORS = (ConfigError, IndexNotFoundError, IndexVersionError, ModelUnavailableError)


def run_eval(
    gold_items: Sequence[GoldItem],
    ask: Callable[[str], Any],
    retrievers: Mapping[str, Callable[[str], Sequence[Any]]] | None = None,
    *,
    extra: Mapping[str, Any] | None = None,
    corpus: Mapping[str, str] | None = None,
    on_progress: Callable[[int, int], None] | None = None,
) -> EvalReport:
    """Ask every gold question (timed), score the answers, run each named retriever on the questions with
    evidence (timed), and gather it all into an `EvalReport`.

    `ask(question)` returns an `Answer.to_dict()` (or an Answer); a retriever returns ranked chunk texts.
    An exception from one call scores that question as wrong ("error: …") and the run goes on, except
    errors that mean the system is not set up (no index, wrong index version, bad config, no model), which
    propagate. `extra` (index build time, peak memory…) is reported as given.
    """
    retrievers = dict(retrievers or {})
    progress = on_progress or (lambda done, total: None)
    with_evidence = [g for g in gold_items if g.evidence]
    total = len(gold_items) + len(with_evidence) * len(retrievers)
    done = 0

    scores: list[AnswerScore] = []
    for gold in gold_items:
        start = time.perf_counter()
        try:
            answer = ask(gold.question)
            elapsed = time.perf_counter() - start
            score = score_answer(gold, answer, corpus=corpus)
        except _SETUP_ERRORS:
            raise
        except Exception as e:  # one broken question must not hide the rest of the report
            elapsed = time.perf_counter() - start
            logger.warning("ask failed on %s: %s: %s", gold.id, type(e).__name__, e)
            score = score_answer(gold, {"found": False, "text": ""})
            score = replace(score, correct=False, reason=f"error: {type(e).__name__}: {_short(str(e), 80)}")
        scores.append(replace(score, seconds=elapsed))
        done += 1
        progress(done, total)

    retrieval: dict[str, RetrievalScore] = {}
    for name, retrieve in retrievers.items():
        ranks: dict[str, int | None] = {}
        times: list[float] = []
        errors = 0
        for gold in with_evidence:
            start = time.perf_counter()
            try:
                chunks = list(retrieve(gold.question))
                times.append(time.perf_counter() - start)
                ranks[gold.id] = retrieval_hits(gold, chunks)
            except _SETUP_ERRORS:
                raise
            except Exception as e:
                logger.warning("retriever %s failed on %s: %s: %s", name, gold.id, type(e).__name__, e)
                errors += 1
                ranks[gold.id] = None
            done += 1
            progress(done, total)
        retrieval[name] = RetrievalScore(
            name=name, ranks=ranks, metrics=retrieval_metrics(list(ranks.values())), latency=latency_stats(times), errors=errors,
        )

    return EvalReport(
        scores=tuple(scores),
        retrieval=retrieval,
        refusal=refusal_metrics(scores),
        latency=latency_stats([s.seconds for s in scores if s.seconds is not None]),
        extra=dict(extra or {}),
    )
