"""Shared fixtures: paths to the team's shared corpus, and one embedding model per test session."""
from __future__ import annotations

from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
CORPUS = SHARED / "corpus"
GOLD = SHARED / "eval" / "gold_public.jsonl"


@pytest.fixture(scope="session")
def model_cache(tmp_path_factory) -> Path:
    """The bundled model materialised once per session into a temporary cache (never the user's)."""
    from qa.embed import materialize_bundled_model

    cache = tmp_path_factory.mktemp("model-cache")
    materialize_bundled_model(cache)
    return cache


@pytest.fixture(scope="session")
def embedder(model_cache):
    from qa.config import Settings
    from qa.embed import Embedder

    return Embedder(Settings(cache_dir=model_cache))
