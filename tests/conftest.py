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
    from qa.search.bundled import materialize_bundled_model

    cache = tmp_path_factory.mktemp("model-cache")
    materialize_bundled_model(cache)
    return cache


@pytest.fixture(scope="session")
def embedder(model_cache):
    from qa.config import Settings
    from qa.search.embed import Embedder

    return Embedder(Settings(cache_dir=model_cache))


@pytest.fixture(scope="session")
def settings_for(model_cache):
    """Settings for an index folder, sharing the session's model cache."""
    from qa.config import Settings

    def make(index_dir) -> "Settings":
        return Settings(index_dir=index_dir, cache_dir=model_cache)

    return make


@pytest.fixture(scope="session")
def corpus_index(tmp_path_factory, settings_for, embedder):
    """The four shared corpus reports, indexed once per session. Yields its Settings."""
    import qa

    settings = settings_for(tmp_path_factory.mktemp("corpus-index"))
    qa.build_index(sorted(CORPUS.glob("*.txt")), settings=settings)
    return settings


@pytest.fixture(scope="session")
def pdf_index(tmp_path_factory, settings_for, embedder):
    """The five real PDFs of ../shared/corpus/pdf, indexed once per session. Yields its Settings."""
    import qa

    settings = settings_for(tmp_path_factory.mktemp("pdf-index"))
    qa.build_index([CORPUS / "pdf"], settings=settings)
    return settings


def tiny_report(region: str, year: int, body: str) -> str:
    """A minimal report text: a title that names region, department and year, then `body`."""
    return f"{region}测试局{year}年度部门决算\n\n第一部分 部门概况\n\n{body}\n"
