"""Dense vectors on disk and the FAISS index over them."""
from __future__ import annotations

import faiss
import numpy as np
import pytest

from qa.store.vectors import (
    VectorWriter,
    build_faiss,
    faiss_kind,
    ivf_lists,
    read_blocks,
    read_faiss,
    vector_shape,
    write_faiss,
)


def unit_rows(n: int, dim: int = 32, seed: int = 0) -> np.ndarray:
    x = np.random.default_rng(seed).standard_normal((n, dim)).astype(np.float32)
    return x / np.linalg.norm(x, axis=1, keepdims=True)


def write(folder, x, block=7):
    writer = VectorWriter(folder, x.shape[1])
    for i in range(0, len(x), block):
        writer.write(x[i : i + block])
    writer.close()
    return folder / "vectors.npy"


def test_vectors_written_in_blocks_read_back_as_one_array_and_in_ranges(tmp_path):
    x = unit_rows(100)
    path = write(tmp_path, x)
    assert np.array_equal(np.load(path), x) and vector_shape(path) == (100, 32)
    got = np.concatenate(list(read_blocks(path, 13, 71, block_rows=10)))
    assert np.array_equal(got, x[13:71])
    assert list(read_blocks(path, 50, 50)) == []


def test_a_vector_repeated_in_other_rows_is_stored_once_and_each_row_points_at_it(tmp_path):
    x = unit_rows(10)
    rows = np.concatenate([x, x[[3, 3, 0]], x[:2]])
    write(tmp_path, rows, block=4)
    distinct, ids = np.load(tmp_path / "vectors.npy"), np.load(tmp_path / "vector_ids.npy")
    assert distinct.shape == (10, 32) and len(ids) == len(rows)
    assert np.array_equal(distinct[ids], rows)


def test_index_from_file_equals_index_from_array_and_maps_when_opened(tmp_path, monkeypatch):
    import qa.store.vectors

    x = unit_rows(3_000)
    path = write(tmp_path, x, block=500)
    monkeypatch.setattr(qa.store.vectors, "BLOCK_ROWS", 700)  # several blocks, one partial
    monkeypatch.setattr(qa.store.vectors, "IVF_MIN_VECTORS", 1_000)
    kind = faiss_kind(len(x))
    from_file, from_array = build_faiss(path), build_faiss(x)
    assert from_file.ntotal == from_array.ntotal == len(x)
    write_faiss(from_file, tmp_path / "dense.faiss")
    opened = read_faiss(tmp_path / "dense.faiss", kind)
    q = x[:50]
    assert np.array_equal(opened.search(q, 5)[1], from_array.search(q, 5)[1])
    assert np.array_equal(opened.search(q, 1)[1][:, 0], np.arange(50))


def test_large_collections_get_ivf_and_each_stored_vector_finds_itself(monkeypatch):
    import qa.store.vectors

    monkeypatch.setattr(qa.store.vectors, "IVF_MIN_VECTORS", 2_000)
    x = unit_rows(4_000)
    assert faiss_kind(1_999) is None  # small collections: exact search over vectors.npy, no FAISS file
    assert faiss_kind(4_000) == "IVFSQ8"
    ivf = faiss.deserialize_index(faiss.serialize_index(build_faiss(x)))  # as read back from disk
    nlist, nprobe = ivf_lists(4_000)
    assert isinstance(ivf, faiss.IndexIVFScalarQuantizer) and (ivf.nlist, ivf.nprobe) == (nlist, nprobe)
    assert nlist * qa.store.vectors.IVF_TRAIN_PER_LIST <= 4_000 and nprobe == nlist // 4
    _, ids = ivf.search(x[:200], 1)  # a vector's own list is always among those probed
    assert ids[:, 0].tolist() == list(range(200))


def test_ivf_lists_grow_with_the_collection():
    sizes = [ivf_lists(n)[0] for n in (500_000, 2_000_000, 10_000_000)]
    assert sizes == sorted(sizes) and sizes[0] < sizes[-1]
    assert all(n & (n - 1) == 0 for n in sizes)  # powers of two


@pytest.mark.parametrize("question", ["机关运行经费支出", "城乡医疗救助执行率", "公务接待费"])
def test_search_over_every_report_ranks_as_scoring_every_row(corpus_index, stand_in, monkeypatch, question):
    # a question naming no report: BM25 prunes and dense ranks distinct vectors, the rows come out as scoring each
    import qa.search.retrieve as qr
    from qa.search.sparse import scores_all, top_k
    from qa.store.index import open_index
    from qa.text.tokens import bigram_tokens, word_tokens

    monkeypatch.setattr(qr, "EXACT_DENSE_MAX", 0)
    index = open_index(corpus_index.index_dir)
    retriever = qr.Retriever(index, stand_in)
    rows = index.rows_of([d["doc_id"] for d in reversed(index.documents)])
    assert rows.tolist() == list(range(index.n_chunks))
    q = stand_in.encode_query(question)
    sims = np.asarray(index.vectors) @ q
    assert retriever._dense(question, rows, 20)[0] == top_k(sims, 20).tolist()
    for bm, tokens in ((index.bm25_words, word_tokens), (index.bm25_bigrams, bigram_tokens)):
        ids = [bm.vocab_dict[t] for t in tokens(question) if t in bm.vocab_dict]
        scores = scores_all(bm, ids)
        expected = [int(i) for i in top_k(scores, 20) if scores[i] > 0]
        assert retriever._bm25(bm, tokens(question), rows, 20) == expected


@pytest.mark.parametrize("question", ["机关运行经费支出", "青山区2023年城乡医疗救助执行率", "公务接待费"])
def test_a_search_over_many_rows_ranks_the_same_with_its_bigrams_in_a_second_thread(corpus_index, stand_in,
                                                                                  monkeypatch, question):
    import qa.search.retrieve as qr
    from qa.store.index import open_index

    retriever = qr.Retriever(open_index(corpus_index.index_dir), stand_in)
    monkeypatch.setattr(qr, "PARALLEL_ROWS", 10**12)
    alone = retriever.search(question, top_k=10)
    monkeypatch.setattr(qr, "PARALLEL_ROWS", 1)
    beside = retriever.search(question, top_k=10)
    assert [(h.row, h.score, h.ranks) for h in beside] == [(h.row, h.score, h.ranks) for h in alone]
