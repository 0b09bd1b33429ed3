"""Shared fixtures: paths to the team's shared corpus, the stand-in embedder most tests use, and the real
embedding model (loaded once per session) for the tests whose subject is the model.

`settings_for`, `corpus_index` and `pdf_index` use the stand-in (`embed_model="hash"`: hashed character
n-grams, no torch), so the suite runs without the model; `embedder` and `model_settings_for` are the real
multilingual-e5-small, for tests of the model and of retrieval quality that needs it.

Tests that read the shared corpus skip when it is absent (a fresh clone without `../shared` beside it),
and the run ends with one line saying where it is expected; CI always has it, so there they run.

Two pieces of work are long, pure and needed by only a few tests: the bundled model with its int8 copy
(`model_cache`) and the pages of every PDF in the shared corpus (`shared_pages`, which test_identity.py reads in
full). When the session's tests need them, they are started as it begins, in one other process, while the other
tests run in this one (two cores, one each); the tests that need them run last, and their fixtures take the
results (waiting if need be, and reading here a PDF that process has not started). `shared_document` and
`pdf_index` take a shared report's pages from `shared_pages` too, so a report is parsed once per session however
many test modules read it.
"""
from __future__ import annotations

import contextlib
import os
import time
import types
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:  # (annotations only: the fixtures import qa lazily)
    from qa.config import Settings

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
    # the tests that take the early work run last (in their order), so that it is done by then
    items.sort(key=lambda item: bool(EARLY_FIXTURES & set(getattr(item, "fixturenames", ()))))
    if SHARED.is_dir():
        return
    for item in items:
        if _needs_shared(item):
            item.add_marker(pytest.mark.skip(reason=_NEEDS_SHARED))


def pytest_terminal_summary(terminalreporter, exitstatus, config) -> None:
    skipped = [r for r in terminalreporter.stats.get("skipped", []) if _NEEDS_SHARED in str(r.longrepr)]
    if skipped:
        terminalreporter.write_line(f"{len(skipped)} tests skipped: the shared corpus is not at {SHARED} (CI has it there).")


# --------------------------------------------------------------------------------------------
# long work started as the session begins (see the module docstring)

EARLY_PROCESSES = 1  # besides this one: on two cores, each keeps its own
EARLY_FIXTURES = {"model_cache", "corpus_identities"}  # the fixtures whose work starts early
_EARLY: dict = {}  # "pool": the executor; "model", "model_cache": the model's future and folder; "pages": {path: future}


def _quiet() -> None:
    """Start of an early process: its output (progress bars, export warnings) discarded; results come back."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    os.dup2(devnull, 2)


def _bundled_model_with_int8(cache: Path) -> Path:
    """What the first use of precision=int8 does: the bundled model materialised, and its int8 ONNX copy made."""
    from qa.config import Settings
    from qa.search.embed import Embedder, model_folder
    from qa.search.onnx_int8 import export_int8

    embedder = Embedder(Settings(cache_dir=cache))
    export_int8(embedder.model, Path(model_folder(embedder.settings.embed_model, cache)))
    return cache


def pytest_collection_finish(session) -> None:
    if session.config.option.collectonly:
        return
    wanted = {name for item in session.items for name in getattr(item, "fixturenames", ())}
    pdfs = sorted(CORPUS.rglob("*.pdf")) if "corpus_identities" in wanted and CORPUS.is_dir() else []
    if "model_cache" not in wanted and not pdfs:
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    from qa.ingest.load import load_pages

    # spawn: nothing of this process (its threads, its loaded modules) is copied
    pool = ProcessPoolExecutor(EARLY_PROCESSES, mp_context=multiprocessing.get_context("spawn"), initializer=_quiet)
    _EARLY["pool"] = pool
    # in the order the tests ask: the five PDFs of pdf_index (and test_facts, test_real_pdfs) in mid-session,
    # the model and then the other PDFs (largest first) by the tests run last
    first = [p for p in pdfs if p.parent == CORPUS / "pdf"]
    _EARLY["pages"] = {p.resolve(): pool.submit(load_pages, p) for p in first}
    if "model_cache" in wanted:
        # the cache the model_cache fixture would make (tmp_path_factory is config._tmp_path_factory)
        _EARLY["model_cache"] = cache = session.config._tmp_path_factory.mktemp("model-cache")
        _EARLY["model"] = pool.submit(_bundled_model_with_int8, cache)
    rest = sorted((p for p in pdfs if p not in first), key=lambda p: -p.stat().st_size)
    _EARLY["pages"].update({p.resolve(): pool.submit(load_pages, p) for p in rest})


def pytest_sessionfinish(session, exitstatus) -> None:
    pool = _EARLY.pop("pool", None)
    if pool is None:
        return
    left = [f for f in (_EARLY.pop("model", None), *_EARLY.pop("pages", {}).values()) if f is not None and not f.cancel()]
    if any(not f.done() for f in left):  # a run stopped early (-x, Ctrl-C, a subset): its work is not waited for
        for process in list((getattr(pool, "_processes", None) or {}).values()):
            process.terminate()
    pool.shutdown(wait=True)


@pytest.fixture(scope="session")
def model_cache(tmp_path_factory) -> Path:
    """The bundled model materialised once per session into a temporary cache (never the user's)."""
    from qa.search.bundled import bundled_model_dir, materialize_bundled_model

    early = _EARLY.get("model")
    if early is None:
        cache = tmp_path_factory.mktemp("model-cache")
        materialize_bundled_model(cache)
        return cache
    cache = _EARLY["model_cache"]
    materialised = bundled_model_dir(cache) / "modules.json"  # renamed into place whole, once converted
    while not materialised.is_file() and not early.done():
        time.sleep(0.05)
    if not materialised.is_file():
        early.result()  # the early process's error, as materialising here would have raised it
    return cache


def _int8_copy_made() -> None:
    """Wait for the early process's int8 copy of the model (the tests of `embedder` and `model_settings_for` look
    for it in the model's folder, or encode with it); without one, the first int8 use makes it, as ever."""
    early = _EARLY.get("model")
    if early is not None:
        early.result()


STAND_IN = "hash"  # qa.search.hashed: the stand-in embedder


@pytest.fixture(scope="session")
def embedder(model_cache):
    """The real model (multilingual-e5-small), for tests whose subject is the model."""
    from qa.config import Settings
    from qa.search.embed import Embedder

    _int8_copy_made()
    return Embedder(Settings(cache_dir=model_cache))


@pytest.fixture(scope="session")
def model_settings_for(model_cache):
    """Settings for an index folder built with the real model, sharing the session's model cache."""
    from qa.config import Settings

    _int8_copy_made()

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
def shared_pages():
    """`load_pages(path)` -> (pages, warnings) of a shared report, read once per session; `.many(paths)` reads several.

    A PDF an early process has read (or is reading) is taken from it; one it has not started is read here."""
    from qa.ingest.load import load_pages

    done: dict[Path, tuple] = {}
    early: dict[Path, object] = _EARLY.get("pages", {})

    def many(paths) -> dict[Path, tuple]:
        asked = {Path(p): Path(p).resolve() for p in paths}
        todo = [p for p in dict.fromkeys(asked.values()) if p not in done]
        # smallest first, each one the early process has not started yet (it works from the other end of its queue)
        for p in sorted(todo, key=lambda p: p.stat().st_size):
            future = early.get(p)
            if future is None or future.cancel():
                early.pop(p, None)
                done[p] = load_pages(p)
        for p in todo:
            if p not in done:
                done[p] = early.pop(p).result()
        return {p: done[key] for p, key in asked.items()}

    def one(path) -> tuple:
        return many([path])[Path(path)]

    one.many = many
    return one


@contextlib.contextmanager
def _pages_read_once(shared_pages, paths):
    """Within: `load_document` (and so an index build in this process) takes these files' pages from
    `shared_pages` instead of parsing them again; other files are read as ever."""
    from qa.ingest import document

    known = {Path(p).resolve() for p in paths}
    real = document.load_pages

    def load_pages(path, on_progress=None):
        if Path(path).resolve() not in known:
            return real(path, on_progress=on_progress)
        pages, warnings = shared_pages(path)
        for done in range(1, len(pages) + 1):
            if on_progress is not None:
                on_progress(done, len(pages))
        return pages, warnings

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(document, "load_pages", load_pages)
        yield


@pytest.fixture(scope="session")
def shared_document(shared_pages):
    """`load_document(path)` of a shared report, once per session, from its `shared_pages`."""
    from qa.ingest.document import load_document

    made: dict[Path, object] = {}

    def get(path):
        path = Path(path)
        if path not in made:
            with _pages_read_once(shared_pages, [path]):
                made[path] = load_document(path)
        return made[path]

    return get


@pytest.fixture(scope="session")
def pdf_index(tmp_path_factory, settings_for, shared_pages):
    """The five real PDFs of ../shared/corpus/pdf, indexed once per session (their pages from `shared_pages`:
    read in this process, as test_index.py shows reading them in several gives the same index). Yields its Settings."""
    from dataclasses import replace

    import qa

    settings = settings_for(tmp_path_factory.mktemp("pdf-index"))
    with _pages_read_once(shared_pages, (CORPUS / "pdf").glob("*.pdf")):
        qa.build_index([CORPUS / "pdf"], settings=replace(settings, workers=1))
    return settings


def tiny_report(region: str, year: int, body: str, kind: str = "决算") -> str:
    """A minimal report text: a title that names region, department, year and kind (决算 or 预算), then `body`."""
    return f"{region}测试局{year}年度部门{kind}\n\n第一部分 部门概况\n\n{body}\n"
