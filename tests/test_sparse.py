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
