"""qa.search.hashed: the stand-in embedder most tests run with (no model, deterministic, chosen by Settings)."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np

from qa.config import Settings
from qa.search.embed import Embedder, make_embedder
from qa.search.hashed import HASH_DIM, HashEmbedder, hash_vector

from .conftest import tiny_report

ROOT = Path(__file__).resolve().parents[1]


def test_vectors_are_unit_length_and_shared_characters_bring_texts_closer():
    a, b, c = (hash_vector(t) for t in ("机关运行经费支出56.15万元", "机关运行经费", "公务接待费"))
    assert a.shape == (HASH_DIM,) and a.dtype == np.float32
    assert abs(float(np.linalg.norm(a)) - 1.0) < 1e-5
    assert float(a @ b) > float(a @ c) + 0.2
    assert not hash_vector("  ").any()


def test_vectors_are_the_same_in_another_process():
    code = "from qa.search.hashed import hash_vector; print(list(map(float, hash_vector('城乡医疗救助')[:8])))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert json.loads(done.stdout) == [float(x) for x in hash_vector("城乡医疗救助")[:8]]


def test_settings_choose_the_stand_in_and_it_has_no_cache_key(tmp_path):
    stand_in = make_embedder(Settings(embed_model="hash", cache_dir=tmp_path))
    assert isinstance(stand_in, HashEmbedder) and stand_in.cache_key is None
    assert isinstance(make_embedder(Settings(cache_dir=tmp_path)), Embedder)
    vectors = stand_in.encode_passages(["甲乙", "丙丁"])
    assert vectors.shape == (2, HASH_DIM) and np.allclose(vectors[0], stand_in.encode_query("甲乙"))


def test_index_records_the_stand_in_and_loads_no_model(tmp_path, settings_for, monkeypatch):
    import qa.search.embed

    monkeypatch.setattr(qa.search.embed, "load_model", lambda *a, **k: (_ for _ in ()).throw(AssertionError("loaded")))
    (tmp_path / "a.txt").write_text(tiny_report("示例市东区", 2023, "机关运行经费支出12.5万元。"), encoding="utf-8")
    settings = settings_for(tmp_path / "index")
    qa.build_index([tmp_path / "a.txt"], settings=settings)
    index = qa.open_index(settings=settings)
    assert index.manifest["settings"]["embed_model"] == "hash" and index.manifest["embedding_dim"] == HASH_DIM
    hits = qa.api.get_retriever(settings).search("示例市东区2023年机关运行经费", mode="dense", top_k=1)
    assert hits and "机关运行经费" in hits[0].chunk.text


def test_settings_take_workers_and_int8_from_the_environment_and_refuse_bad_values():
    import pytest

    from qa.errors import ConfigError

    s = Settings.from_env({"QA_WORKERS": "2", "QA_PRECISION": "int8", "QA_EMBED_MODEL": "hash"})
    assert (s.workers, s.precision, s.embed_model) == (2, "int8", "hash")
    with pytest.raises(ConfigError, match="workers"):
        Settings(workers=-1)
    with pytest.raises(ConfigError, match="int8"):
        Settings(precision="int4")
