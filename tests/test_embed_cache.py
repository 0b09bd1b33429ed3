"""qa.store.embed_cache: passage vectors reused across builds, only for embedders that name their cache key."""
from __future__ import annotations

import numpy as np

from qa.config import Settings
from qa.store.build import _embed
from qa.store.embed_cache import EmbeddingCache, open_cache


class CountingEmbedder:
    dim = 4

    def __init__(self, cache_dir, key="test-model|fp32|4"):
        self.settings = Settings(cache_dir=cache_dir)
        self.cache_key = key
        self.encoded: list[str] = []

    def encode_passages(self, texts):
        self.encoded += list(texts)
        return np.array([[len(t), 1, 0, 0] for t in texts], dtype=np.float32)


def test_second_build_of_the_same_texts_embeds_nothing(tmp_path):
    first = CountingEmbedder(tmp_path)
    a = _embed(first, ["甲", "乙乙", "甲"], lambda *a: None)
    second = CountingEmbedder(tmp_path)
    b = _embed(second, ["乙乙", "甲", "丙丙丙"], lambda *a: None)
    assert first.encoded == ["甲", "乙乙"] and second.encoded == ["丙丙丙"]
    assert np.array_equal(b.rows(0, 3), np.array([[2, 1, 0, 0], [1, 1, 0, 0], [3, 1, 0, 0]], dtype=np.float32))
    assert np.array_equal(a.rows(0, 1), b.rows(1, 2))


def test_vectors_of_another_model_are_not_reused(tmp_path):
    _embed(CountingEmbedder(tmp_path, key="model-a|fp32|4"), ["甲"], lambda *a: None)
    other = CountingEmbedder(tmp_path, key="model-b|fp32|4")
    _embed(other, ["甲"], lambda *a: None)
    assert other.encoded == ["甲"]


def test_an_embedder_without_a_cache_key_is_not_cached(tmp_path):
    class StandIn:
        dim = 4

    assert open_cache(tmp_path, StandIn()) is None


def test_a_vector_of_the_wrong_size_is_ignored(tmp_path):
    cache = EmbeddingCache(tmp_path, "k", 4)
    cache.put(["甲"], np.ones((1, 4), np.float32))
    assert EmbeddingCache(tmp_path, "k", 8).get(["甲"]) == [None]
