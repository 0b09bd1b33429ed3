"""A stand-in embedder: character 1–3-grams hashed into a fixed-size unit vector. No model, no torch.

Selected with `Settings(embed_model="hash")` (or QA_EMBED_MODEL=hash); the index records it like any model,
so an index built with it is opened only with it. It is deterministic across processes (no Python `hash`),
encodes thousands of chunks a second, and ranks by shared characters, roughly as the bigram BM25 does. It
exists so tests that are not about the model run without one; it is no substitute for e5 in use.
"""
from __future__ import annotations

from typing import Sequence

import numpy as np

from ..config import Settings

#: the names that select this embedder
HASH_MODELS = ("hash",)
HASH_DIM = 256
_MULT = np.uint64(0x9E3779B97F4A7C15)  # Fibonacci hashing: spreads consecutive codes over the table


def is_hash_model(name: str) -> bool:
    return name in HASH_MODELS


def _ngram_codes(text: str) -> np.ndarray:
    """One uint64 code per character 1-, 2- and 3-gram of `text` (whitespace removed)."""
    chars = np.frombuffer("".join(text.split()).encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    if not len(chars):
        return np.zeros(0, np.uint64)
    shift = np.uint64(21)  # code points fit in 21 bits
    parts = [chars]
    if len(chars) > 1:
        parts.append((chars[:-1] << shift | chars[1:]) + np.uint64(1 << 63))
    if len(chars) > 2:
        parts.append(((chars[:-2] << shift | chars[1:-1]) << shift | chars[2:]) ^ np.uint64(0x5555555555555555))
    return np.concatenate(parts)


def hash_vector(text: str, dim: int = HASH_DIM) -> np.ndarray:
    """The L2-normalised (dim,) float32 vector of `text`'s hashed n-grams (zeros for an empty text)."""
    codes = _ngram_codes(text)
    out = np.zeros(dim, np.float32)
    if not len(codes):
        return out
    with np.errstate(over="ignore"):
        h = codes * _MULT
    slots = (h >> np.uint64(40)) % np.uint64(dim)
    signs = np.where((h >> np.uint64(20)) & np.uint64(1), 1.0, -1.0).astype(np.float32)
    np.add.at(out, slots.astype(np.int64), signs)
    norm = float(np.linalg.norm(out))
    return out / norm if norm else out


class HashEmbedder:
    """The `Embedder` interface (dim, name, encode_query/queries/passages) over `hash_vector`.

    It has no `cache_key`, so the embedding cache never stores its vectors."""

    cache_key = None
    passage_bf16 = False

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = Settings.resolve(settings)
        self.dim = HASH_DIM

    @property
    def name(self) -> str:
        return self.settings.embed_model

    def _encode(self, texts: Sequence[str]) -> np.ndarray:
        if not len(texts):
            return np.zeros((0, self.dim), np.float32)
        return np.stack([hash_vector(t, self.dim) for t in texts])

    def encode_queries(self, texts: Sequence[str]) -> np.ndarray:
        return self._encode(texts)

    def encode_query(self, text: str) -> np.ndarray:
        return hash_vector(text, self.dim)

    def encode_passages(self, texts: Sequence[str], *, bf16: bool | None = None, batch_size: int | None = None) -> np.ndarray:
        return self._encode(texts)
