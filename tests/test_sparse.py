"""qa.search.sparse: BM25 scored over the rows in scope only gives the numbers bm25s gives for those rows."""
from __future__ import annotations

import bm25s
import numpy as np
import pytest

import qa.search.sparse as sparse

WORDS = ["机关", "运行", "经费", "公务", "接待", "采购", "医疗", "救助", "支出", "预算"]


@pytest.fixture(scope="module")
def bm():
    rng = np.random.default_rng(0)
    corpus = [[WORDS[i] for i in rng.integers(0, len(WORDS), rng.integers(1, 12))] for _ in range(400)]
    index = bm25s.BM25()
    index.index(corpus, show_progress=False)
    return index


@pytest.mark.parametrize("spans", [[(0, 30)], [(120, 150), (10, 25)], [(390, 400), (0, 1), (200, 260)]])
def test_scoped_scores_equal_whole_scores_at_those_rows(bm, spans, monkeypatch):
    monkeypatch.setattr(sparse, "WHOLE_SHARE", 1.0)  # always the scoped path
    rows = np.concatenate([np.arange(a, b) for a, b in spans])
    for query in (["机关", "经费"], ["医疗", "救助", "救助"], ["预算"]):
        ids = [bm.vocab_dict[t] for t in query]
        got = sparse.scores_in_scope(bm, ids, rows)
        assert np.array_equal(got, np.asarray(bm.get_scores(ids), dtype=np.float32)[rows])


def test_runs_split_rows_where_they_stop_being_consecutive():
    assert sparse.runs(np.array([5, 6, 7, 1, 2, 9])) == [(5, 8, 0), (1, 3, 3), (9, 10, 5)]
    assert sparse.runs(np.array([], dtype=np.int64)) == []


@pytest.fixture(scope="module")
def skewed():
    """Common and rare words (Zipf-like), as chunks of many reports hold them: pruning has something to skip."""
    rng = np.random.default_rng(1)
    vocab = [f"w{i}" for i in range(60)]
    weights = 1.0 / np.arange(1, len(vocab) + 1)
    weights /= weights.sum()
    corpus = [list(rng.choice(vocab, size=rng.integers(1, 15), p=weights)) for _ in range(3000)]
    index = bm25s.BM25()
    index.index(corpus, show_progress=False)
    return index


@pytest.mark.parametrize("query", [["w0", "w1", "w40"], ["w2", "w55", "w55", "w0"], ["w0", "w1"], ["w59"],
                                   ["w3", "w7", "w11", "w30", "w0"]])
@pytest.mark.parametrize("k", [1, 8, 50, 5000])
def test_best_of_all_is_the_top_of_every_score(skewed, query, k):
    ids = [skewed.vocab_dict[t] for t in query if t in skewed.vocab_dict]
    full = sparse.scores_all(skewed, ids)
    order = sparse.top_k(full, k)
    order = order[full[order] > 0]
    rows, scores = sparse.best_of_all(skewed, ids, k)
    assert rows.tolist() == order.tolist()
    assert np.array_equal(scores, full[order])


def test_best_of_all_skips_the_common_postings_when_a_rare_token_decides(skewed, monkeypatch):
    def every_chunk(*_):
        raise AssertionError("scored every chunk")

    monkeypatch.setattr(sparse, "scores_all", every_chunk)
    ids = [skewed.vocab_dict[t] for t in ("w0", "w1", "w50")]
    rows, _ = sparse.best_of_all(skewed, ids, 5)
    assert len(rows) == 5
