"""The on-disk index: incremental updates, removal, atomic writes, version checks."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest

import qa
from qa.errors import IndexNotFoundError, IndexVersionError, InputError
from qa.store.index import current_generation, open_index

from .conftest import tiny_report

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def two_reports(tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "a.txt").write_text(tiny_report("示例市东区", 2023, "机关运行经费支出12.5万元，比上年增加1.2万元。"), encoding="utf-8")
    (folder / "b.txt").write_text(tiny_report("示例市西区", 2024, "政府采购支出总额37.24万元，其中货物采购37.24万元。"), encoding="utf-8")
    return folder


def test_index_records_documents_chunks_and_manifest(two_reports, tmp_path, settings_for):
    settings = settings_for(tmp_path / "index")
    report = qa.build_index([two_reports], settings=settings)
    assert sorted(report.added) == ["a.txt", "b.txt"]
    index = open_index(settings.index_dir)
    assert {d["source"] for d in index.documents} == {"a.txt", "b.txt"}
    assert index.n_chunks == report.chunks == len(index.vectors)
    manifest = json.loads((index.path / "manifest.json").read_text())
    assert manifest["settings"]["embed_model"] == settings.embed_model
    assert manifest["qa_version"] == qa.__version__


def test_reindexing_unchanged_files_does_nothing(two_reports, tmp_path, settings_for):
    settings = settings_for(tmp_path / "index")
    qa.build_index([two_reports], settings=settings)
    generation = current_generation(settings.index_dir)
    again = qa.build_index([two_reports], settings=settings)
    assert not again.changed and sorted(again.unchanged) == ["a.txt", "b.txt"]
    assert current_generation(settings.index_dir) == generation


def test_files_indexed_by_an_older_reader_are_read_again(two_reports, tmp_path, settings_for):
    """After an upgrade that reads files differently (facts extracted anew), indexing the same files reads them
    again instead of keeping what the older reader gave."""
    settings = settings_for(tmp_path / "index")
    qa.build_index([two_reports], settings=settings)
    manifest_path = open_index(settings.index_dir).path / "manifest.json"
    manifest = json.loads(manifest_path.read_text())
    manifest["reader"] -= 1  # as an older version of qa wrote it
    manifest_path.write_text(json.dumps(manifest))
    again = qa.build_index([two_reports], settings=settings)
    assert sorted(again.updated) == ["a.txt", "b.txt"] and not again.unchanged
    assert not qa.build_index([two_reports], settings=settings).changed  # now current: nothing to do


def test_changed_file_replaces_its_chunks_and_keeps_the_others_vectors(two_reports, tmp_path, settings_for):
    settings = settings_for(tmp_path / "index")
    qa.build_index([two_reports], settings=settings)
    before = open_index(settings.index_dir)
    b_id = next(d["doc_id"] for d in before.documents if d["source"] == "b.txt")
    b_vectors = np.array(before.vectors[before.rows_of([b_id])])
    (two_reports / "a.txt").write_text(tiny_report("示例市东区", 2023, "公务接待费0.8万元。"), encoding="utf-8")
    report = qa.build_index([two_reports], settings=settings)
    assert report.updated == ["a.txt"] and report.unchanged == ["b.txt"]
    after = open_index(settings.index_dir)
    texts = " ".join(c.text for c in after.chunks(range(after.n_chunks)))
    assert "公务接待费0.8万元" in texts and "机关运行经费支出12.5万元" not in texts
    assert np.array_equal(np.array(after.vectors[after.rows_of([b_id])]), b_vectors)


def test_removed_file_leaves_the_index(two_reports, tmp_path, settings_for):
    settings = settings_for(tmp_path / "index")
    qa.build_index([two_reports], settings=settings)
    report = qa.remove_from_index(["a.txt"], settings=settings)
    assert report.removed == ["a.txt"]
    index = open_index(settings.index_dir)
    assert [d["source"] for d in index.documents] == ["b.txt"]
    assert all(c.source == "b.txt" for c in index.chunks(range(index.n_chunks)))


def test_removing_a_file_that_is_not_indexed_is_an_error(two_reports, tmp_path, settings_for):
    settings = settings_for(tmp_path / "index")
    qa.build_index([two_reports], settings=settings)
    with pytest.raises(InputError, match="Not in the index"):
        qa.remove_from_index(["nope.txt"], settings=settings)


def test_missing_path_fails_before_touching_the_index(two_reports, tmp_path, settings_for):
    settings = settings_for(tmp_path / "index")
    qa.build_index([two_reports], settings=settings)
    generation = current_generation(settings.index_dir)
    with pytest.raises(InputError, match="No such file"):
        qa.build_index([two_reports, tmp_path / "missing.pdf"], settings=settings)
    assert current_generation(settings.index_dir) == generation


def test_unsupported_file_is_an_error(tmp_path, settings_for):
    bad = tmp_path / "report.docx"
    bad.write_bytes(b"PK\x03\x04")
    with pytest.raises(InputError, match="Unsupported"):
        qa.build_index([bad], settings=settings_for(tmp_path / "index"))


def test_opening_a_missing_index_says_how_to_build_one(tmp_path):
    with pytest.raises(IndexNotFoundError, match="qa index"):
        open_index(tmp_path / "nothing-here")


def test_index_built_with_other_chunking_asks_for_a_rebuild(two_reports, tmp_path, settings_for):
    from dataclasses import replace

    settings = settings_for(tmp_path / "index")
    qa.build_index([two_reports], settings=settings)
    with pytest.raises(IndexVersionError, match="chunk_size"):
        qa.open_index(settings=replace(settings, chunk_size=500))


def test_killed_index_run_leaves_the_previous_index_loadable(two_reports, tmp_path, settings_for, stand_in_env):
    settings = settings_for(tmp_path / "index")
    qa.build_index([two_reports], settings=settings)
    generation = current_generation(settings.index_dir)
    big = tmp_path / "big"
    big.mkdir()
    from qa.demo.sample import make_report, write_text

    for seed in range(6):
        write_text(make_report(seed), big / f"r{seed}.txt")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    # `qa index` with the stand-in embedder held up in its first batch, so the kill lands while it embeds
    stalled = ("import sys, time\n"
               "from qa.search.hashed import HashEmbedder\n"
               "HashEmbedder.encode_passages = lambda self, texts, **kw: time.sleep(600)\n"
               "from qa.cli import main\n"
               "sys.exit(main(sys.argv[1:]))")
    proc = subprocess.Popen(
        [sys.executable, "-c", stalled, "index", str(big), "--index", str(settings.index_dir)],
        stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, env=env, cwd=tmp_path,
    )
    seen = b""
    deadline = time.time() + 240
    while b"embedding" not in seen and time.time() < deadline and proc.poll() is None:
        seen += os.read(proc.stderr.fileno(), 4096)
    assert proc.poll() is None, "the index run ended before it could be killed"
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    assert current_generation(settings.index_dir) == generation
    index = open_index(settings.index_dir)
    assert {d["source"] for d in index.documents} == {"a.txt", "b.txt"}
    assert len(index.chunks(range(index.n_chunks))) == index.n_chunks
    # the next run finishes the job and clears what the killed one left behind
    qa.build_index([big], settings=settings)
    assert not [p for p in Path(settings.index_dir).iterdir() if p.name.startswith(".tmp-")]
    assert len(open_index(settings.index_dir).documents) == 8


class CountingEmbedder:
    """An embedder, counting the passages it is asked to encode."""

    def __init__(self, inner):
        self.inner, self.passages = inner, []

    def __getattr__(self, name):
        return getattr(self.inner, name)

    def encode_passages(self, texts, **kw):
        self.passages += list(texts)
        return self.inner.encode_passages(texts, **kw)


def test_each_distinct_chunk_text_is_embedded_once(tmp_path, settings_for, stand_in):
    embedder = stand_in
    from qa.store.build import update_index

    folder = tmp_path / "reports"
    folder.mkdir()
    shared = "\n".join(f"{n}、{topic}\n{topic}{value}万元，比上年增加1.2万元。" + "主要原因是业务工作量增加。" * 8
                       for n, topic, value in (("一", "机关运行经费支出", 12.5), ("二", "政府采购支出", 37.2),
                                               ("三", "公务接待费支出", 0.8)))
    for name, region in (("a.txt", "示例市东区"), ("b.txt", "示例市西区")):
        (folder / name).write_text(tiny_report(region, 2023, shared), encoding="utf-8")
    counting = CountingEmbedder(embedder)
    settings = settings_for(tmp_path / "index")
    update_index(settings.index_dir, add=[folder], settings=settings, embedder=counting)
    index = open_index(settings.index_dir)
    texts = [c.text for c in index.chunks(range(index.n_chunks))]
    assert len(set(texts)) < len(texts), "the two reports should share chunk texts"
    assert sorted(counting.passages) == sorted(set(texts))
    vectors = np.asarray(index.vectors)
    for i, text in enumerate(texts):  # every chunk carries its own text's vector
        j = texts.index(text)
        assert np.array_equal(vectors[i], vectors[j])
        assert float(vectors[i] @ embedder.encode_passages([text])[0]) > 0.999


def test_index_built_as_ivf_is_searched_through_faiss(tmp_path, model_settings_for, embedder, monkeypatch):
    # the real model: IVF lists probed in part find the chunk only when vectors cluster by meaning
    import qa.search.retrieve as qr
    import qa.store.vectors as qi
    from qa.store.build import update_index

    folder = tmp_path / "reports"
    folder.mkdir()
    topics = ("机关运行经费", "政府采购", "公务接待费", "因公出国（境）费", "公务用车运行维护费", "会议费", "培训费")
    for k, region in enumerate(("示例市东区", "示例市西区", "示例市南区")):
        body = "\n".join(f"{i + 1}、{t}支出情况\n{region}{t}支出{10 + i + k}.5万元，" + "主要用于日常工作。" * (i + 2)
                         for i, t in enumerate(topics))
        (folder / f"r{k}.txt").write_text(tiny_report(region, 2023, body), encoding="utf-8")
    monkeypatch.setattr(qi, "IVF_MIN_VECTORS", 1)
    monkeypatch.setattr(qi, "IVF_TRAIN_PER_LIST", 4)  # a dozen chunks still make several lists
    settings = model_settings_for(tmp_path / "index")
    update_index(settings.index_dir, add=[folder], settings=settings, embedder=embedder)
    index = open_index(settings.index_dir)
    assert json.loads((index.path / "manifest.json").read_text())["faiss"] == "IVFSQ8"
    assert index.faiss.nlist >= 2 and index.faiss.nprobe < index.faiss.nlist  # lists really partition
    monkeypatch.setattr(qr, "EXACT_DENSE_MAX", 0)  # force the FAISS path even for this small scope
    hits = qr.Retriever(index, embedder).search("示例市西区公务接待费支出", mode="dense", top_k=3)
    assert hits and any("公务接待费支出" in h.chunk.text for h in hits)


def test_pdfs_read_in_parallel_processes_index_as_read_one_by_one(tmp_path, settings_for):
    from dataclasses import replace

    from qa.demo.sample import make_report, write_pdf

    folder = tmp_path / "reports"
    folder.mkdir()
    for seed in (1, 2, 3):
        write_pdf(make_report(seed), folder / f"r{seed}.pdf")
    (folder / "t.txt").write_text(tiny_report("示例市东区", 2023, "公务接待费0.8万元。"), encoding="utf-8")
    got = {}
    for workers in (1, 2):
        settings = replace(settings_for(tmp_path / f"index-{workers}"), workers=workers)
        report = qa.build_index([folder], settings=settings)
        index = open_index(settings.index_dir)
        got[workers] = (sorted(report.added), [d["doc_id"] for d in index.documents],
                        [c.text for c in index.chunks(range(index.n_chunks))], index.facts())
    assert got[1][0] == ["r1.pdf", "r2.pdf", "r3.pdf", "t.txt"]
    assert got[2] == got[1]
