"""Shared fixtures: paths to the team's shared corpus, the stand-in embedder most tests use, and the real
embedding model (loaded once per session) for the tests whose subject is the model.

`settings_for`, `corpus_index` and `pdf_index` use the stand-in (`embed_model="hash"`: hashed character
n-grams, no torch), so the suite runs without the model; `embedder` and `model_settings_for` are the real
multilingual-e5-small, for tests of the model and of retrieval quality that needs it.

Tests that read the shared corpus skip when it is absent (a fresh clone without `../shared` beside it),
and the run ends with one line saying where it is expected; CI always has it, so there they run.
"""
from __future__ import annotations

import types
from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
CORPUS = SHARED / "corpus"
GOLD = SHARED / "eval" / "gold_public.jsonl"
_NEEDS_SHARED = f"needs the shared corpus, expected at {SHARED}"


def _is_shared(value) -> bool:
    if isinstance(value, Path):
        return value == SHARED or SHARED in value.parents
    if isinstance(value, (list, tuple)):
        return any(_is_shared(v) for v in value)
    return False


def _code_reaches_shared(code: types.CodeType, module_globals: dict, seen: set) -> bool:
    """Whether this code (or a module-level function or fixture it calls) reads a path under SHARED."""
    if code in seen:
        return False
    seen.add(code)
    if "shared" in {c for c in code.co_consts if isinstance(c, str)}:  # a path spelled inline: x / "shared"
        return True
    for name in code.co_names:
        value = module_globals.get(name)
        if _is_shared(value):
            return True
        inner = getattr(getattr(value, "__wrapped__", value), "__code__", None)
        if inner is not None and getattr(value, "__module__", None) == module_globals.get("__name__"):
            if _code_reaches_shared(inner, module_globals, seen):
                return True
    return any(_code_reaches_shared(c, module_globals, seen) for c in code.co_consts if isinstance(c, types.CodeType))


def _needs_shared(item) -> bool:
    if any(_is_shared(v) for v in getattr(getattr(item, "callspec", None), "params", {}).values()):
        return True
    funcs = [item.function] if hasattr(item, "function") else []
    for defs in item._fixtureinfo.name2fixturedefs.values():
        funcs += [d.func for d in defs]
    seen: set = set()
    for func in funcs:
        func = getattr(func, "__wrapped__", func)
        code = getattr(func, "__code__", None)
        if code is not None and _code_reaches_shared(code, func.__globals__, seen):
            return True
    return False


def pytest_collection_modifyitems(config, items) -> None:
    if SHARED.is_dir():
        return
    for item in items:
        if _needs_shared(item):
            item.add_marker(pytest.mark.skip(reason=_NEEDS_SHARED))


def pytest_terminal_summary(terminalreporter, exitstatus, config) -> None:
    skipped = [r for r in terminalreporter.stats.get("skipped", []) if _NEEDS_SHARED in str(r.longrepr)]
    if skipped:
        terminalreporter.write_line(f"{len(skipped)} tests skipped: the shared corpus is not at {SHARED} (CI has it there).")


@pytest.fixture(scope="session")
def model_cache(tmp_path_factory) -> Path:
    """The bundled model materialised once per session into a temporary cache (never the user's)."""
    from qa.search.bundled import materialize_bundled_model

    cache = tmp_path_factory.mktemp("model-cache")
    materialize_bundled_model(cache)
    return cache


STAND_IN = "hash"  # qa.search.hashed: the stand-in embedder


@pytest.fixture(scope="session")
def embedder(model_cache):
    """The real model (multilingual-e5-small), for tests whose subject is the model."""
    from qa.config import Settings
    from qa.search.embed import Embedder

    return Embedder(Settings(cache_dir=model_cache))


@pytest.fixture(scope="session")
def model_settings_for(model_cache):
    """Settings for an index folder built with the real model, sharing the session's model cache."""
    from qa.config import Settings

    def make(index_dir) -> "Settings":
        return Settings(index_dir=index_dir, cache_dir=model_cache)

    return make


@pytest.fixture(scope="session")
def stand_in_cache(tmp_path_factory) -> Path:
    """A cache folder of the session's own (never the user's), for runs with the stand-in embedder."""
    return tmp_path_factory.mktemp("stand-in-cache")


@pytest.fixture(scope="session")
def settings_for(stand_in_cache):
    """Settings for an index folder built with the stand-in embedder (no model loads)."""
    from qa.config import Settings

    def make(index_dir) -> "Settings":
        return Settings(index_dir=index_dir, cache_dir=stand_in_cache, embed_model=STAND_IN)

    return make


@pytest.fixture(scope="session")
def index_of(tmp_path_factory, settings_for):
    """Build an index (stand-in embedder) of small text reports given as {file name: text}; returns its Settings."""
    import qa

    def build(reports: dict[str, str]) -> "Settings":
        folder = tmp_path_factory.mktemp("reports")
        for name, text in reports.items():
            (folder / name).write_text(text, encoding="utf-8")
        settings = settings_for(tmp_path_factory.mktemp("index"))
        qa.build_index([folder], settings=settings)
        return settings

    return build


@pytest.fixture(scope="session")
def stand_in(settings_for):
    """The stand-in embedder itself, for tests that hand an embedder to the store."""
    from qa.search.hashed import HashEmbedder

    return HashEmbedder(settings_for("unused"))


@pytest.fixture
def stand_in_env(monkeypatch, stand_in_cache):
    """QA_* variables for CLI runs (in process or a subprocess) that use the stand-in embedder."""
    monkeypatch.setenv("QA_CACHE_DIR", str(stand_in_cache))
    monkeypatch.setenv("QA_EMBED_MODEL", STAND_IN)


@pytest.fixture(scope="session")
def corpus_index(tmp_path_factory, settings_for):
    """The four shared corpus reports, indexed once per session. Yields its Settings."""
    import qa

    settings = settings_for(tmp_path_factory.mktemp("corpus-index"))
    qa.build_index(sorted(CORPUS.glob("*.txt")), settings=settings)
    return settings


@pytest.fixture(scope="session")
def pdf_index(tmp_path_factory, settings_for):
    """The five real PDFs of ../shared/corpus/pdf, indexed once per session. Yields its Settings."""
    import qa

    settings = settings_for(tmp_path_factory.mktemp("pdf-index"))
    qa.build_index([CORPUS / "pdf"], settings=settings)
    return settings


def tiny_report(region: str, year: int, body: str) -> str:
    """A minimal report text: a title that names region, department and year, then `body`."""
    return f"{region}测试局{year}年度部门决算\n\n第一部分 部门概况\n\n{body}\n"
