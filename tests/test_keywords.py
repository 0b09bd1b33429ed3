"""The keyword index written from spooled tokens (qa/store/keywords.py) is the one bm25s builds in memory."""
from __future__ import annotations

import json
import random

import bm25s
import numpy as np
import pytest
from bm25s.tokenization import Tokenized

from qa.store import keywords
from qa.store.keywords import TokenSpool, write_bm25

FILES = ("data.csc.index.npy", "indices.csc.index.npy", "indptr.csc.index.npy")


def _documents(n: int, seed: int = 1) -> list[list[str]]:
    """Token lists with repeats, empty ones, and a vocabulary whose use is skewed (common and rare tokens)."""
    rng = random.Random(seed)
    vocab = [f"t{i}" for i in range(300)] + ["公务", "接待", "公务接待费"]
    return [[rng.choice(vocab[: rng.randint(1, len(vocab))]) for _ in range(rng.randint(0, 40))] for _ in range(n)]


def _bm25s_files(docs: list[list[str]], path) -> None:
    """bm25s's own build, from the same ids as the spool gives them (an empty document gets token 0)."""
    vocab: dict[str, int] = {TokenSpool.EMPTY: 0}
    ids = [[vocab.setdefault(t, len(vocab)) for t in d] or [0] for d in docs]
    bm = bm25s.BM25()
    bm.index(Tokenized(ids=ids, vocab=vocab), show_progress=False)
    bm.save(str(path), show_progress=False)


@pytest.mark.parametrize("small", [False, True], ids=["one-pass", "many-flushes-and-passes"])
def test_spooled_keyword_index_has_the_same_files_as_bm25s_builds(tmp_path, monkeypatch, small):
    if small:  # every buffer, pass and read a few hundred postings: the paths a 10,000-report build takes
        monkeypatch.setattr(keywords, "FLUSH_IDS", 1000)
        monkeypatch.setattr(keywords, "PASS_POSTINGS", 5000)
        monkeypatch.setattr(keywords, "READ_POSTINGS", 777)
    docs = _documents(3000)
    spool = TokenSpool(tmp_path / "spool")
    for d in docs:
        spool.add(d)
    write_bm25(spool, tmp_path / "spooled")
    _bm25s_files(docs, tmp_path / "bm25s")
    for name in FILES:
        mine, theirs = np.load(tmp_path / "spooled" / name), np.load(tmp_path / "bm25s" / name)
        assert mine.dtype == theirs.dtype and np.array_equal(mine, theirs), name
    for name in ("vocab.index.json", "params.index.json"):
        assert json.loads((tmp_path / "spooled" / name).read_text(encoding="utf-8")) == json.loads(
            (tmp_path / "bm25s" / name).read_text(encoding="utf-8")), name


def test_spooled_keyword_index_scores_as_bm25s_when_loaded(tmp_path):
    docs = _documents(500, seed=2)
    spool = TokenSpool(tmp_path / "spool")
    for d in docs:
        spool.add(d)
    write_bm25(spool, tmp_path / "spooled")
    _bm25s_files(docs, tmp_path / "bm25s")
    mine = bm25s.BM25.load(str(tmp_path / "spooled"), mmap=True)
    theirs = bm25s.BM25.load(str(tmp_path / "bm25s"))
    query = ["公务", "t3", "t250"]
    assert np.array_equal(mine.get_scores(query), theirs.get_scores(query))


def test_spool_holds_no_token_list_in_memory_once_flushed(tmp_path, monkeypatch):
    monkeypatch.setattr(keywords, "FLUSH_IDS", 100)
    spool = TokenSpool(tmp_path / "spool")
    for d in _documents(200, seed=3):
        spool.add(d)
    assert len(spool._ids) < 100 + 40  # at most one buffer (plus the document that filled it)
    spool.close()
    assert spool.postings > 0 and (tmp_path / "spool").stat().st_size == spool.postings * 12
