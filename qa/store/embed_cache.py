"""Passage vectors kept between builds, keyed by the embedder and the text, so re-indexing a report whose
text did not change (a new release of the fact extractor, a report re-added) embeds nothing again.

One SQLite file in the cache folder; a vector is stored under sha1(text) for one embedder `cache_key`
(model, precision, dimension). Embedders without a `cache_key` (stand-ins) are never cached.
"""
from __future__ import annotations

import hashlib
import logging
import sqlite3
from pathlib import Path
from typing import Sequence

import numpy as np

logger = logging.getLogger(__name__)

FILE_NAME = "embeddings.sqlite"


def _digest(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


class EmbeddingCache:
    """get(texts) -> the vectors held (None for the others); put(texts, vectors) adds them."""

    def __init__(self, folder: str | Path, key: str, dim: int) -> None:
        Path(folder).mkdir(parents=True, exist_ok=True)
        self.key, self.dim = key, dim
        self.db = sqlite3.connect(Path(folder) / FILE_NAME, timeout=30)
        self.db.execute("CREATE TABLE IF NOT EXISTS vectors (key TEXT, digest TEXT, vector BLOB, PRIMARY KEY (key, digest))")

    def get(self, texts: Sequence[str]) -> list[np.ndarray | None]:
        found: dict[str, np.ndarray] = {}
        digests = [_digest(t) for t in texts]
        for i in range(0, len(digests), 500):
            part = digests[i : i + 500]
            rows = self.db.execute(
                f"SELECT digest, vector FROM vectors WHERE key = ? AND digest IN ({','.join('?' * len(part))})",
                [self.key, *part])
            for digest, blob in rows:
                v = np.frombuffer(blob, dtype=np.float32)
                if v.shape == (self.dim,):
                    found[digest] = v
        return [found.get(d) for d in digests]

    def put(self, texts: Sequence[str], vectors: np.ndarray) -> None:
        rows = [(self.key, _digest(t), np.asarray(v, dtype=np.float32).tobytes()) for t, v in zip(texts, vectors)]
        with self.db:
            self.db.executemany("INSERT OR REPLACE INTO vectors VALUES (?,?,?)", rows)

    def close(self) -> None:
        self.db.close()


def open_cache(folder: str | Path | None, embedder: object) -> EmbeddingCache | None:
    """The cache for this embedder, or None when it has no cache_key or the folder cannot be used."""
    key = getattr(embedder, "cache_key", None)
    if folder is None or not key:
        return None
    try:
        return EmbeddingCache(folder, key, int(getattr(embedder, "dim")))
    except (OSError, sqlite3.Error) as e:  # a read-only or full cache folder only costs speed
        logger.warning("embedding cache unavailable in %s: %s", folder, e)
        return None
