"""A generation written as reports arrive (qa/store/writer.py): one copy of each vector, and the same index
whether it is committed once or after every file."""
from __future__ import annotations

import numpy as np

from qa.store.build import update_index
from qa.store.index import open_index

from .conftest import tiny_report

TOPICS = ("机关运行经费", "政府采购", "公务接待费", "会议费", "培训费")


def _reports(folder, n: int):
    folder.mkdir()
    paths = []
    for k in range(n):
        # passages long enough to be chunks of their own; the last two are the same in every report
        body = "\n".join(f"{i + 1}、{t}支出情况\n本单位{t}支出{10 + i + (k if i < 3 else 0)}.5万元。" + "主要用于日常工作。" * 8
                         for i, t in enumerate(TOPICS))
        p = folder / f"r{k}.txt"
        p.write_text(tiny_report(f"示例市{'东西南北中'[k]}区", 2020 + k, body), encoding="utf-8")
        paths.append(p)
    return paths


def _build(tmp_path, name, files, settings_for, stand_in, commit_every):
    settings = settings_for(tmp_path / name)
    update_index(settings.index_dir, add=files, settings=settings, embedder=stand_in, commit_every=commit_every)
    return open_index(settings.index_dir)


def test_a_generation_holds_each_distinct_vector_once_and_no_faiss_copy(tmp_path, settings_for, stand_in):
    index = _build(tmp_path, "index", _reports(tmp_path / "reports", 3), settings_for, stand_in, 20)
    files = {p.name for p in index.path.iterdir()}
    assert "vectors.npy" in files and "vector_ids.npy" in files and "dense.faiss" not in files
    texts = [c.text for c in index.chunks(range(index.n_chunks))]
    distinct = np.load(index.path / "vectors.npy")
    assert len(distinct) == len(np.unique(distinct, axis=0)) < len(texts)  # repeated rows stored once
    for row, text in enumerate(texts):  # every row still reads its own text's vector
        assert np.array_equal(index.vectors[row], stand_in.encode_passages([text])[0])


def test_committed_after_every_file_or_once_the_index_is_the_same(tmp_path, settings_for, stand_in):
    files = _reports(tmp_path / "reports", 5)
    once = _build(tmp_path, "once", files, settings_for, stand_in, 100)
    each = _build(tmp_path, "each", files, settings_for, stand_in, 1)
    assert each.generation > once.generation  # several commits, each carrying the earlier reports over
    rows = range(once.n_chunks)
    assert [c.__dict__ for c in once.chunks(rows)] == [c.__dict__ for c in each.chunks(rows)]
    assert once.facts() == each.facts()
    assert np.array_equal(np.asarray(once.vectors), np.asarray(each.vectors))
    for name in ("bm25_words", "bm25_bigrams"):
        a, b = getattr(once, name), getattr(each, name)
        assert a.vocab_dict == b.vocab_dict
        for part in ("data", "indices", "indptr"):
            assert np.array_equal(a.scores[part], b.scores[part])


def test_a_report_removed_then_more_added_gives_the_index_a_fresh_build_gives(tmp_path, settings_for, stand_in):
    # A removal renumbers the words vocabulary; the carried reports' stored word ids must follow, or the next
    # update reads other words (or fails) when it carries them again.
    files = _reports(tmp_path / "reports", 4)
    settings = settings_for(tmp_path / "updated")
    update_index(settings.index_dir, add=files[:3], settings=settings, embedder=stand_in)
    update_index(settings.index_dir, remove=[files[0]], settings=settings, embedder=stand_in)
    update_index(settings.index_dir, add=[files[3]], settings=settings, embedder=stand_in)
    update_index(settings.index_dir, remove=[files[1]], settings=settings, embedder=stand_in)
    updated = open_index(settings.index_dir)
    fresh = _build(tmp_path, "fresh", [files[2], files[3]], settings_for, stand_in, 100)
    rows = range(fresh.n_chunks)
    assert updated.n_chunks == fresh.n_chunks
    assert [c.__dict__ for c in updated.chunks(rows)] == [c.__dict__ for c in fresh.chunks(rows)]
    same_words = "SELECT words FROM chunks ORDER BY row"
    assert updated.db.execute(same_words).fetchall() == fresh.db.execute(same_words).fetchall()
    for name in ("bm25_words", "bm25_bigrams"):
        a, b = getattr(updated, name), getattr(fresh, name)
        assert a.vocab_dict == b.vocab_dict
        for part in ("data", "indices", "indptr"):
            assert np.array_equal(a.scores[part], b.scores[part])
