"""BM25 scores of the chunks in scope only, so a scoped question costs the same over 100 or 10,000 reports.

`bm25s.BM25.get_scores` adds every query token's postings over the whole collection and the caller then keeps the
rows in scope: its cost grows with the corpus. Here each token's postings (sorted chunk rows, in the index's
CSC arrays) are cut to each in-scope report's contiguous run of rows by binary search, so the work follows
the scope's size. The scores are the same numbers `get_scores` gives for those rows.
"""
from __future__ import annotations

from typing import Any

import numpy as np

#: above this share of the collection in scope, scoring everything and picking the rows is cheaper
WHOLE_SHARE = 0.25


def runs(rows: np.ndarray) -> list[tuple[int, int, int]]:
    """Runs of consecutive rows in `rows` as (first row, last row + 1, position of the first in `rows`); the
    runs themselves may come in any order (a report's rows are consecutive, reports in the caller's order)."""
    if not len(rows):
        return []
    breaks = np.flatnonzero(np.diff(rows) != 1) + 1
    starts = np.concatenate(([0], breaks))
    ends = np.concatenate((breaks, [len(rows)]))
    return [(int(rows[a]), int(rows[b - 1]) + 1, int(a)) for a, b in zip(starts, ends)]


def scores_all(bm: Any, token_ids: list[int]) -> np.ndarray:
    """BM25 score of every chunk, the numbers `bm.get_scores` gives: each token's postings added in query order,
    in float32. A column's rows are distinct, so a plain fancy-index add does what bm25s' `np.add.at` does, ~10×
    faster on the long postings of common bigrams."""
    data, indices, indptr = bm.scores["data"], bm.scores["indices"], bm.scores["indptr"]
    out = np.zeros(int(bm.scores["num_docs"]), dtype=np.float32)
    for t in token_ids:
        start, end = int(indptr[t]), int(indptr[t + 1])
        out[indices[start:end]] += data[start:end]
    if getattr(bm, "nonoccurrence_array", None) is not None:
        out += bm.nonoccurrence_array[np.asarray(token_ids)].sum()
    return out


def top_k(scores: np.ndarray, k: int) -> np.ndarray:
    """Positions of the k highest scores, highest first, equal scores in position order: the first k of
    `np.argsort(-scores, kind="stable")`, without sorting millions of scores to keep fifty."""
    if len(scores) <= 4 * k:
        return np.argsort(-scores, kind="stable")[:k]
    kth = -np.partition(-scores, k - 1)[k - 1]  # the k-th highest score
    candidates = np.flatnonzero(scores >= kth)  # every score that can be in the first k, ties included
    return candidates[np.argsort(-scores[candidates], kind="stable")][:k]


def scores_in_scope(bm: Any, token_ids: list[int], rows: np.ndarray) -> np.ndarray:
    """BM25 score of each of `rows` (chunk rows, runs of consecutive ones as `Index.rows_of` gives) for the query's token ids, as `bm.get_scores` would
    give them: the score of row rows[i] is at position i."""
    n_docs = int(bm.scores["num_docs"])
    if len(rows) > WHOLE_SHARE * n_docs:
        scores = scores_all(bm, token_ids)
        whole = len(rows) == n_docs and rows[0] == 0 and rows[-1] == n_docs - 1  # every row, in order
        return scores if whole else scores[rows]
    data, indices, indptr = bm.scores["data"], bm.scores["indices"], bm.scores["indptr"]
    out = np.zeros(len(rows), dtype=np.float32)
    spans = runs(rows)
    lows = np.array([s[0] for s in spans])
    highs = np.array([s[1] for s in spans])
    for t in token_ids:
        start, end = int(indptr[t]), int(indptr[t + 1])
        postings = indices[start:end]
        cut_lo = np.searchsorted(postings, lows)
        cut_hi = np.searchsorted(postings, highs)
        for (first, _, at), a, b in zip(spans, cut_lo, cut_hi):
            if b > a:
                out[postings[a:b] - first + at] += data[start + a : start + b]
    if getattr(bm, "nonoccurrence_array", None) is not None:
        out += bm.nonoccurrence_array[np.asarray(token_ids)].sum()
    return out
