"""BM25 scores of the chunks in scope only, so a scoped question costs the same over 100 or 10,000 reports;
and the best chunks of the whole collection without scoring every chunk.

`bm25s.BM25.get_scores` adds every query token's postings over the whole collection and the caller then keeps the
rows in scope: its cost grows with the corpus. Here each token's postings (sorted chunk rows, in the index's
CSC arrays) are cut to each in-scope report's contiguous run of rows by binary search, so the work follows
the scope's size. The scores are the same numbers `get_scores` gives for those rows.

A question naming no report searches every chunk. `best_of_all` scores only the chunks holding one of the query's
rarer tokens and stops when the common tokens alone (at most the sum of their highest postings) cannot lift any
other chunk into the best k — max-score pruning (Turtle & Flood 1995): the same k chunks, in the same order, with
the same scores as scoring everything, at the cost of the rare tokens' postings.
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


def best_of_all(bm: Any, token_ids: list[int], k: int) -> tuple[np.ndarray, np.ndarray]:
    """(rows, scores) of the k best-scoring chunks of the whole collection, best first, equal scores in row
    order, chunks scoring 0 left out: what `top_k(scores_all(bm, token_ids), k)` gives, usually without
    touching the long postings of common tokens (see the module's note).

    The rarest tokens' postings give candidates and their partial scores; θ, the k-th best partial score, is a
    floor under the k-th best final one. A chunk outside the candidates scores at most the other tokens' summed
    highest postings (`rest`): below θ, none can enter the best k, and neither can a candidate whose partial
    score plus `rest` stays below θ. The few left are scored exactly, every token in query order."""
    data, indices, indptr = bm.scores["data"], bm.scores["indices"], bm.scores["indptr"]
    n_docs = int(bm.scores["num_docs"])
    if getattr(bm, "nonoccurrence_array", None) is not None:  # every chunk scores: nothing to prune
        return _best(scores_all(bm, token_ids), np.arange(n_docs), k)
    distinct = sorted(set(token_ids), key=lambda t: (int(indptr[t + 1] - indptr[t]), t))  # rarest first
    times = [token_ids.count(t) for t in distinct]
    bounds = [n * float(data[indptr[t]:indptr[t + 1]].max(initial=0.0)) for n, t in zip(times, distinct)]
    rest = [sum(bounds[s:]) * (1 + 1e-5) + 1e-6 for s in range(len(distinct) + 1)]  # (a margin for float32 sums)
    partial = np.zeros(n_docs, dtype=np.float32)  # the first `split` tokens' share of each chunk's score
    added, split = 0, 1
    while True:
        for t, n in zip(distinct[added:split], times[added:split]):
            start, end = int(indptr[t]), int(indptr[t + 1])
            partial[indices[start:end]] += data[start:end] * n
        added = split
        rows = np.flatnonzero(partial)
        theta = float(-np.partition(-partial[rows], k - 1)[k - 1]) if len(rows) >= k else 0.0
        if split < len(distinct) and rest[split] >= theta:  # a chunk with none of these tokens may reach the k
            split = next((s for s in range(split + 1, len(distinct)) if theta > 0 and rest[s] < theta),
                         split + 1 if theta == 0 else len(distinct))
            continue
        keep = rows[partial[rows] + rest[split] >= theta * (1 - 1e-5)]
        return _best(_scores_of(data, indices, indptr, token_ids, keep), keep, k)


def _scores_of(data: np.ndarray, indices: np.ndarray, indptr: np.ndarray, token_ids: list[int],
               rows: np.ndarray) -> np.ndarray:
    """BM25 scores of `rows` (sorted), each token's share added in query order as `scores_all` adds them, so
    the float32 sums are the same numbers."""
    out = np.zeros(len(rows), dtype=np.float32)
    for t in token_ids:
        start, end = int(indptr[t]), int(indptr[t + 1])
        if end == start:
            continue
        postings = indices[start:end]
        at = np.minimum(np.searchsorted(postings, rows), end - start - 1)
        hit = postings[at] == rows
        out[hit] += data[start:end][at[hit]]
    return out


def _best(scores: np.ndarray, rows: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    order = top_k(scores, k)
    order = order[scores[order] > 0]
    return rows[order], scores[order]


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
