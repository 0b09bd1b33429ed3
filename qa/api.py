"""The library's entry points: the CLI, the web app and Python users call only these.

The embedding model and each opened index are loaded once per process and reused; a later `ask`
reloads an index only when an update has replaced its generation on disk.
"""
from __future__ import annotations

import logging
import threading
from pathlib import Path
from typing import Any, Callable, Sequence

from .config import Settings
from .models import Answer
from .search.retrieve import Retriever
from .store.build import update_index
from .store.index import Index, current_generation
from .store.index import open_index as _open_index
from .store.records import IndexReport

logger = logging.getLogger(__name__)

_lock = threading.RLock()
_embedders: dict[tuple, Any] = {}
_retrievers: dict[Path, Retriever] = {}


def _settings(settings: Settings | dict | None, index: str | Path | None) -> Settings:
    return Settings.resolve(settings, index_dir=index)


def get_embedder(settings: Settings):
    """The process-wide embedder for these settings (the model loads on first encode)."""
    from .search.embed import Embedder

    key = (settings.embed_model, str(settings.cache_dir), settings.precision, settings.batch_size)
    with _lock:
        if key not in _embedders:
            _embedders[key] = Embedder(settings)
        return _embedders[key]


def open_index(index: str | Path | None = None, *, settings: Settings | dict | None = None) -> Index:
    """Open the index (default: QA_INDEX_DIR or ./index) read-only."""
    s = _settings(settings, index)
    opened = _open_index(s.index_dir)
    opened.check_settings(s)
    return opened


def get_retriever(settings: Settings) -> Retriever:
    """The cached retriever for settings.index_dir, reopened only if the index changed on disk."""
    root = Path(settings.index_dir).resolve()
    with _lock:
        cached = _retrievers.get(root)
        if cached is not None and cached.index.generation == current_generation(root):
            return cached
        opened = _open_index(root)
        opened.check_settings(settings)
        opened.warm_up()
        retriever = Retriever(opened, get_embedder(settings))
        if cached is not None:
            cached.index.close()
        _retrievers[root] = retriever
        return retriever


def build_index(
    paths: Sequence[str | Path],
    *,
    index: str | Path | None = None,
    settings: Settings | dict | None = None,
    region: str | None = None,
    department: str | None = None,
    year: int | None = None,
    kind: str | None = None,
    on_progress: Callable[[str, int, int], None] | None = None,
) -> IndexReport:
    """Add (or refresh) report files and folders in the index. Unchanged files are skipped.

    region/department/year/kind override what is detected from each file's content.
    """
    s = _settings(settings, index)
    meta = {k: v for k, v in dict(region=region, department=department, year=year, kind=kind).items() if v is not None}
    kwargs = {"on_progress": on_progress} if on_progress else {}
    return update_index(s.index_dir, add=paths, settings=s, embedder=get_embedder(s), metadata=meta or None, **kwargs)


def inspect(
    paths: str | Path | Sequence[str | Path],
    *,
    region: str | None = None,
    department: str | None = None,
    year: int | None = None,
    kind: str | None = None,
) -> list[dict[str, Any]]:
    """What files would be indexed as, without indexing them: identity, pages, tables, facts, warnings.

    Reads each file the way `build_index` does (same loader, identity, fact extraction, and a report in
    two files given one identity when both are inspected together); touches no index, loads no model.
    """
    from collections import Counter

    from .facts.extract import extract_facts
    from .ingest.document import load_document, merge_documents

    items = [paths] if isinstance(paths, (str, Path)) else list(paths)
    docs = merge_documents([load_document(p, region=region, department=department, year=year, kind=kind)
                            for p in items])
    out = []
    for path, doc in zip(items, docs):
        facts = extract_facts(doc)
        tables = [t for page in doc.pages for t in page.tables]
        out.append({
            "file": str(path),
            "doc_id": doc.doc_id,
            "identity": {
                "title": doc.title, "region": doc.region, "department": doc.department, "year": doc.year,
                "kind": doc.kind, "scope": doc.scope, "region_path": [list(r) for r in doc.region_path],
                "department_aliases": list(doc.department_aliases),
            },
            "pages": len(doc.pages),
            "tables": [{"title": t.title, "page": t.page, "rows": len(t.body), "unit": t.unit} for t in tables],
            "facts": {"total": len(facts), "from_tables": sum(f.table is not None for f in facts),
                      "by_measure": dict(Counter(f.measure or "(列未定)" for f in facts).most_common())},
            "warnings": list(doc.warnings),
        })
    return out


def remove_from_index(
    paths: Sequence[str | Path], *, index: str | Path | None = None, settings: Settings | dict | None = None
) -> IndexReport:
    """Drop report files (by path or file name) from the index."""
    s = _settings(settings, index)
    return update_index(s.index_dir, remove=paths, settings=s, embedder=get_embedder(s))


def ask(
    question: str,
    *,
    index: str | Path | None = None,
    region: str | Sequence[str] | None = None,
    department: str | Sequence[str] | None = None,
    year: int | Sequence[int] | None = None,
    kind: str | Sequence[str] | None = None,
    settings: Settings | dict | None = None,
) -> Answer:
    """Answer a question in Chinese from the indexed reports, with citations.

    region/department/year/kind (a value or a list of values) narrow the reports searched; within them,
    the question's own words pick the reports (a department by its full name or the short form people
    use: 医保局, 省委办公厅). Several matching reports are each answered, labelled.
    """
    from .answer.orchestrate import answer
    from .answer.passages import not_found

    if not isinstance(question, str) or not question.strip():
        return not_found(str(question or ""), "问题为空。", method="none")
    s = _settings(settings, index)
    retriever = get_retriever(s)
    query = retriever.parse(question, region=region, department=department, year=year, kind=kind)
    scope = retriever.scope(query)
    return answer(question, retriever, query, scope, top_k=s.top_k)


def evaluate(
    gold: str | Path,
    *,
    corpus: str | Path | None = None,
    index: str | Path | None = None,
    settings: Settings | dict | None = None,
    on_progress: Callable[[int, int], None] | None = None,
):
    """Score the system on gold questions (see ../shared/eval/README.md) -> `qa.eval.report.EvalReport`.

    With `corpus`, its reports are indexed first (into `index`, or a temporary folder) and the build
    is timed. Retrieval is measured for each ranker alone and fused, on the same chunks, scoped to the
    report each question names as the product does, plus the fused ranker without scoping.
    """
    import resource
    import tempfile
    import time

    from .eval.evaluate import run_eval
    from .eval.gold import load_gold
    from .eval.scoring import load_corpus_texts

    items = load_gold(gold)
    extra: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(prefix="qa-eval-") as tmp:
        s = _settings(settings, index if index is not None else (tmp if corpus is not None else None))
        if corpus is not None:
            t = time.perf_counter()
            report = build_index([corpus], settings=s)
            extra["index build s"] = round(time.perf_counter() - t, 1)
            extra["index build"] = report.summary()
        retriever = get_retriever(s)
        extra["documents"] = len(retriever.index.documents)
        extra["chunks"] = retriever.index.n_chunks
        retriever.search("预算", top_k=1)  # load the model before timing questions

        def ranker(mode: str, scoped: bool = True):
            def run(question: str) -> list[str]:
                query = retriever.parse(question)
                doc_ids = None if scoped else [d["doc_id"] for d in retriever.index.documents]
                return [h.chunk.text for h in retriever.search(query, top_k=10, mode=mode, doc_ids=doc_ids)]
            return run

        retrievers = {
            "bm25 (jieba words)": ranker("words"),
            "bm25 (words + bigrams)": ranker("bm25"),
            "dense (e5)": ranker("dense"),
            "hybrid (product)": ranker("hybrid"),
            "hybrid, unscoped": ranker("hybrid", scoped=False),
        }
        texts = load_corpus_texts(corpus) if corpus is not None else None
        result = run_eval(items, lambda q: ask(q, settings=s).to_dict(), retrievers, extra=extra, corpus=texts,
                          on_progress=on_progress)
        result.extra["peak RSS MB"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
        with _lock:  # the temporary index is about to vanish
            dropped = _retrievers.pop(Path(s.index_dir).resolve(), None)
            if dropped is not None:
                dropped.index.close()
    return result
