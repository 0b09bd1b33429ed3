"""The library's entry points: the CLI, the web app and Python users call only these.

The embedding model and each opened index are loaded once per process and reused; a later `ask`
reloads an index only when an update has replaced its generation on disk.
"""
from __future__ import annotations

import logging
import threading
from dataclasses import replace
from pathlib import Path
from typing import Any, Callable, Sequence

from .config import Settings
from .errors import InputError
from .models import Answer
from .search.query import as_read, without_asking_label
from .search.retrieve import Retriever
from .store.build import update_index
from .store.index import Index, current_generation
from .store.index import open_index as _open_index
from .store.records import IndexReport
from .text.chars import half_width, without_lone_surrogates

logger = logging.getLogger(__name__)

_lock = threading.RLock()
_embedders: dict[tuple, Any] = {}
_retrievers: dict[Path, Retriever] = {}


#: the report library's actions live in qa/library.py (it builds on this module); reached from here too
_LIBRARY = ("reports", "report_path", "report_text", "add_reports", "remove_reports", "reindex_reports", "index_exists")


def __getattr__(name: str) -> Any:
    if name in _LIBRARY:
        from . import library

        return getattr(library, name)
    raise AttributeError(f"module 'qa.api' has no attribute {name!r}")


def _settings(settings: Settings | dict | None, index: str | Path | None) -> Settings:
    return Settings.resolve(settings, index_dir=index)


def get_embedder(settings: Settings):
    """The process-wide embedder for these settings (the model loads on first encode)."""
    from .search.embed import make_embedder

    key = (settings.embed_model, str(settings.cache_dir), settings.precision, settings.batch_size)
    with _lock:
        if key not in _embedders:
            _embedders[key] = make_embedder(settings)
        return _embedders[key]


def open_index(index: str | Path | None = None, *, settings: Settings | dict | None = None) -> Index:
    """Open the index (default: QA_INDEX_DIR or ./index) read-only."""
    s = _settings(settings, index)
    opened = _open_index(s.index_dir)
    opened.check_settings(s)
    return opened


def get_retriever(settings: Settings) -> Retriever:
    """The cached retriever for settings.index_dir, reopened only if the index changed on disk.

    Nothing heavy loads here: the keyword and dense indexes load on the first search that needs them, the
    model on the first question that needs a vector, so a question the facts answer loads neither. A server
    calls `warm_up` at start instead."""
    root = Path(settings.index_dir).resolve()
    with _lock:
        cached = _retrievers.get(root)
        if cached is not None and cached.index.generation == current_generation(root):
            return cached
        opened = _open_index(root)
        opened.check_settings(settings)
        retriever = Retriever(opened, get_embedder(settings))
        # the index replaced is not closed here: threads still answering from it keep it, and its
        # connection closes when the last of them lets go (closing now failed 3 calls in 35,904)
        _retrievers[root] = retriever
        return retriever


def warm_up(settings: Settings | dict | None = None, *, index: str | Path | None = None) -> None:
    """Load the index's search structures and the model now, so no question waits for them (a server calls
    this at start, in a thread of its own if it starts serving meanwhile)."""
    s = _settings(settings, index)
    retriever = get_retriever(s)
    retriever.index.warm_up()
    retriever.held_forms  # noqa: B018 - the held reports' forms, gathered once (1.5 s at 10,000 reports)
    if retriever.embedder is not None and len(retriever.index):
        retriever.search("预算", top_k=1, mode="dense", doc_ids=[retriever.index.documents[0]["doc_id"]])
    # one question through every step imports the answer modules and compiles the question parser's patterns
    # (0.5 s that the first user question waited for otherwise)
    ask("本年支出合计是多少？为什么比上年增加？", settings=s)


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


Filter = Any  # one value, a list of values (several allowed), or None / [] (no filter)


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
    if len(question) > s.max_question_chars:  # segmentation of a 60,000-character "question" held others 26 s
        raise InputError(f"问题太长（{len(question)} 字），上限 {s.max_question_chars} 字"
                         f"（设置 max_question_chars / QA_MAX_QUESTION_CHARS）。请只问一个问题。")
    asked = without_asking_label(half_width(without_lone_surrogates(question)))
    retriever = get_retriever(s)
    question = retriever.joins(as_read(asked))  # 商品与服务支出: read as the reports write it (商品和服务支出)
    query = retriever.parse(question, region=region, department=department, year=year, kind=kind)
    printed = retriever.as_printed(question, query.doc_ids)  # 维修（护）费 of a report printing 维修(护)费
    if printed != question:
        question, query = printed, retriever.parse(printed, region=region, department=department, year=year, kind=kind)
    scope = retriever.scope(query)
    a = answer(question, retriever, query, scope, top_k=s.top_k)
    return a if question == asked else replace(a, question=asked)


class _IndexedSystem:
    """The product over one index, as an evaluation sees it (`qa.eval.sidebyside.System`): ask, the rankers
    measured for retrieval, the indexed reports and facts, and what building it took (`extra`)."""

    def __init__(self, settings: Settings, corpus: str | Path | None = None) -> None:
        import time

        self.settings = settings
        self.extra: dict[str, Any] = {}
        if corpus is not None:
            t = time.perf_counter()
            report = build_index([corpus], settings=settings)
            self.extra["index build s"] = round(time.perf_counter() - t, 1)
            self.extra["index build"] = report.summary()
        warm_up(settings)  # load the model before timing questions
        self.retriever = get_retriever(settings)
        self.extra["documents"] = len(self.retriever.index.documents)
        self.extra["chunks"] = self.retriever.index.n_chunks

    def ask(self, question: str) -> dict[str, Any]:
        return ask(question, settings=self.settings).to_dict()

    def documents(self) -> list[dict[str, Any]]:
        return self.retriever.index.documents

    def facts(self):
        return self.retriever.index.facts()

    def retrievers(self) -> dict[str, Callable[[str], list[str]]]:
        """Each ranker alone and fused, scoped to the report each question names as the product does,
        plus the fused ranker without scoping."""
        retriever = self.retriever

        def ranker(mode: str, scoped: bool = True):
            def run(question: str) -> list[str]:
                query = retriever.parse(question)
                doc_ids = None if scoped else [d["doc_id"] for d in retriever.index.documents]
                return [h.chunk.text for h in retriever.search(query, top_k=10, mode=mode, doc_ids=doc_ids)]
            return run

        return {
            "bm25 (jieba words)": ranker("words"),
            "bm25 (words + bigrams)": ranker("bm25"),
            "dense (e5)": ranker("dense"),
            "hybrid (product)": ranker("hybrid"),
            "hybrid, unscoped": ranker("hybrid", scoped=False),
        }


def _drop_retriever(settings: Settings) -> None:
    """Forget (and close) the cached retriever of an index that is about to vanish."""
    with _lock:
        dropped = _retrievers.pop(Path(settings.index_dir).resolve(), None)
        if dropped is not None:
            dropped.index.close()


def _peak_rss_mb() -> int:
    import resource

    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)


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
    import tempfile

    from .eval.evaluate import run_eval
    from .eval.gold import load_gold
    from .eval.scoring import load_corpus_texts

    items = load_gold(gold)
    with tempfile.TemporaryDirectory(prefix="qa-eval-") as tmp:
        s = _settings(settings, index if index is not None else (tmp if corpus is not None else None))
        system = _IndexedSystem(s, corpus)
        texts = load_corpus_texts(corpus) if corpus is not None else None
        result = run_eval(items, system.ask, system.retrievers(), extra=system.extra, corpus=texts,
                          on_progress=on_progress)
        result.extra["peak RSS MB"] = _peak_rss_mb()
        _drop_retriever(s)
    return result


def evaluate_sets(
    golds: Sequence[str | Path],
    *,
    corpus: str | Path | Sequence[str | Path] | None = None,
    index: str | Path | None = None,
    roundtrip: bool = False,
    roundtrip_per_report: int | None = None,
    roundtrip_seed: int = 0,
    settings: Settings | dict | None = None,
    on_progress: Callable[[str, int, int], None] | None = None,
):
    """Score several gold sets side by side, and with `roundtrip` ask each index's own facts back
    -> `qa.eval.sidebyside.SideBySide` (one gold set and no round trip prints as `evaluate` does).

    `corpus`: none (every set on `index` as it is), one folder for all sets, or one per gold set in the
    same order; each distinct corpus is indexed once — into `index` when it is the only one, into
    `index/<folder name>` when there are several, else into a temporary folder. With no gold set, the
    round trip runs on the corpus given (or on `index`). `roundtrip_per_report` facts are sampled per
    report (default 40; 0 = all), seeded by `roundtrip_seed`.
    """
    import tempfile

    from .eval.roundtrip import DEFAULT_PER_REPORT
    from .eval.sidebyside import distinct_corpora, plan_sets, run_side_by_side

    corpora = [] if corpus is None else [corpus] if isinstance(corpus, (str, Path)) else list(corpus)
    if not golds and not roundtrip:
        raise InputError("Nothing to evaluate: name gold files or folders, or ask for --roundtrip.")
    sets = plan_sets(golds, corpora) if golds else []
    wanted = distinct_corpora(sets, [] if sets else [Path(c) for c in corpora])
    opened: list[Settings] = []
    with tempfile.TemporaryDirectory(prefix="qa-eval-") as tmp:

        def index_dir(c: Path | None) -> str | Path | None:
            if c is None:
                return index
            position = next(i for i, w in enumerate(wanted) if w is not None and Path(w).resolve() == Path(c).resolve())
            if index is None:
                return Path(tmp) / str(position)
            return index if len(wanted) == 1 else Path(index) / f"{position}-{Path(c).name}"

        def system_for(c: Path | None) -> _IndexedSystem:
            s = _settings(settings, index_dir(c))
            opened.append(s)
            return _IndexedSystem(s, c)

        result = run_side_by_side(
            sets, system_for, roundtrip=roundtrip, roundtrip_corpora=None if sets else wanted,
            per_report=DEFAULT_PER_REPORT if roundtrip_per_report is None else roundtrip_per_report,
            seed=roundtrip_seed, on_progress=on_progress,
        )
        rss = _peak_rss_mb()
        for report in result.sets.values():
            report.extra["peak RSS MB"] = rss
        for s in opened:
            _drop_retriever(s)
    return result
