"""The library's entry points: the CLI, the web app and Python users call only these.

The embedding model and each opened index are loaded once per process and reused; a later `ask`
reloads an index only when an update has replaced its generation on disk.
"""
from __future__ import annotations

import logging
import os
import re
import threading
from pathlib import Path
from typing import Any, Callable, Sequence

from .config import Settings
from .errors import InputError
from .models import Answer, ReportInfo
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
    retriever = get_retriever(s)
    query = retriever.parse(question, region=region, department=department, year=year, kind=kind)
    scope = retriever.scope(query)
    return answer(question, retriever, query, scope, top_k=s.top_k)


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
        self.retriever = get_retriever(settings)
        self.extra["documents"] = len(self.retriever.index.documents)
        self.extra["chunks"] = self.retriever.index.n_chunks
        self.retriever.search("预算", top_k=1)  # load the model before timing questions

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


# ---------------------------------------------------------------------------------------------- library
# What the web app's library needs: list the indexed reports, take uploads, remove and re-index them.

#: folder inside the index folder that keeps uploaded report files
UPLOADS = "uploads"
#: largest report file accepted from an upload (a 300-page scanned 决算 is about 60 MB)
MAX_UPLOAD_MB = 100
_UPLOAD_SUFFIXES = (".pdf", ".txt")


def index_exists(index: str | Path | None = None, *, settings: Settings | dict | None = None) -> bool:
    """Whether the index folder holds an index (an empty or missing folder does not)."""
    s = _settings(settings, index)
    return current_generation(s.index_dir) is not None


def reports(index: str | Path | None = None, *, settings: Settings | dict | None = None) -> list[ReportInfo]:
    """The indexed reports, in index order: metadata, pages, facts and chunks found, loading warnings."""
    s = _settings(settings, index)
    opened = get_retriever(s).index
    key = (Path(s.index_dir).resolve(), opened.generation)
    with _lock:
        counts = _fact_counts.get(key)
        if counts is None:
            counts = {}
            for f in opened.facts():
                counts[f.doc_id] = counts.get(f.doc_id, 0) + 1
            _fact_counts[key] = counts
    return [ReportInfo(doc_id=d["doc_id"], source=d["source"], title=d["title"] or "", region=d["region"],
                       department=d["department"], year=d["year"], kind=d["kind"], pages=d["pages"] or 0,
                       facts=counts.get(d["doc_id"], 0), chunks=d["n_rows"], warnings=tuple(d["warnings"]),
                       path=d["path"])
            for d in opened.documents]


_fact_counts: dict[tuple[Path, str], dict[str, int]] = {}


def report_path(source: str, index: str | Path | None = None, *, settings: Settings | dict | None = None) -> Path:
    """The file an indexed report was read from, by its file name (a citation's `source`)."""
    s = _settings(settings, index)
    for d in get_retriever(s).index.documents:
        if d["source"] == source:
            path = Path(d["path"])
            if not path.is_file():
                raise InputError(f"报告文件 {path} 已不存在；请重新上传 {source}。")
            return path
    raise InputError(f"索引中没有 {source}。")


def report_text(source: str, index: str | Path | None = None, *, settings: Settings | dict | None = None) -> str:
    """The text of an indexed text report as its line numbers count it (citations' `lines`)."""
    from .ingest.load import decode_text

    path = report_path(source, index, settings=settings)
    return decode_text(path.read_bytes(), name=str(path))[0]


def add_reports(
    files: Sequence[str | Path],
    *,
    index: str | Path | None = None,
    settings: Settings | dict | None = None,
    on_progress: Callable[[str, int, int], None] | None = None,
) -> IndexReport:
    """Copy report files (a user's uploads) into the index folder's `uploads/` and index them from there.

    Each file must be a PDF or a text report of at most MAX_UPLOAD_MB; a file of the same name replaces the
    one stored before. Nothing is written outside the index folder.
    """
    import shutil
    import tempfile

    from .ingest.load import detect_file_type

    s = _settings(settings, index)
    if not files:
        raise InputError("没有选择文件。请上传 PDF 或 TXT 报告。")
    checked: list[tuple[Path, str]] = []
    for f in files:
        path = Path(f)
        name = _safe_name(path.name)
        if Path(name).suffix.lower() not in _UPLOAD_SUFFIXES:
            raise InputError(f"{path.name}：不支持的文件类型，只接受 PDF 和 TXT 报告。")
        detect_file_type(path)  # a .pdf that is not a PDF, an empty file: said before anything is stored
        size = path.stat().st_size
        if size > MAX_UPLOAD_MB * 1024 * 1024:
            raise InputError(f"{path.name}：{size / 1024 / 1024:.1f} MB，超过上限 {MAX_UPLOAD_MB} MB。")
        checked.append((path, name))
    folder = Path(s.index_dir) / UPLOADS
    folder.mkdir(parents=True, exist_ok=True)
    stored: list[Path] = []
    for path, name in checked:
        target = folder / name
        if path.resolve() != target.resolve():
            fd, tmp = tempfile.mkstemp(prefix=".part-", dir=folder)
            os.close(fd)
            shutil.copyfile(path, tmp)
            os.replace(tmp, target)  # a half-copied file never carries the report's name
        stored.append(target)
    return build_index(stored, settings=s, on_progress=on_progress)


def _safe_name(name: str) -> str:
    """A file name that stays inside the uploads folder: no folders, no control or path characters."""
    name = re.sub(r"[\x00-\x1f/\\:*?\"<>|]", "_", Path(name.replace("\\", "/")).name).strip(" .")
    if not name:
        raise InputError("文件名为空。")
    return name[-120:]


def remove_reports(
    sources: Sequence[str], *, index: str | Path | None = None, settings: Settings | dict | None = None
) -> IndexReport:
    """Drop reports (by file name) from the index, and delete the uploaded copies the index folder kept."""
    s = _settings(settings, index)
    paths = {d.source: Path(d.path) for d in reports(settings=s) if d.path}
    report = remove_from_index(list(sources), settings=s)
    uploads = (Path(s.index_dir) / UPLOADS).resolve()
    for source in sources:
        path = paths.get(source)
        if path is not None and path.resolve().parent == uploads:
            path.unlink(missing_ok=True)
    return report


def reindex_reports(
    sources: Sequence[str],
    *,
    index: str | Path | None = None,
    settings: Settings | dict | None = None,
    region: str | None = None,
    department: str | None = None,
    year: int | None = None,
    kind: str | None = None,
    on_progress: Callable[[str, int, int], None] | None = None,
) -> IndexReport:
    """Read reports (by file name) again: with the metadata given, or detecting it afresh when none is."""
    s = _settings(settings, index)
    paths = [report_path(source, settings=s) for source in sources]
    meta = dict(region=region, department=department, year=year, kind=kind)
    if not any(v is not None for v in meta.values()):
        # an unchanged file with no new metadata would be skipped: drop it first so it is read again
        remove_from_index(list(sources), settings=s)
    return build_index(paths, settings=s, on_progress=on_progress, **meta)


# ---------------------------------------------------------------------------------------------- figures


def printed_value(value: float, texts: Sequence[str] = ()) -> str:
    """A figure as the report prints it: thousands separators and the decimals of the first number in
    `texts` (the cited quotes) equal to it; otherwise the fewest decimals (at most 4) that show it. Never
    scientific notation."""
    from .text.numbers import find_numbers

    decimals = None
    for text in texts:
        for n in find_numbers(text):
            if abs(abs(n.value) - abs(value)) < 1e-9 * max(1.0, abs(value)):
                decimals = n.decimals
                break
        if decimals is not None:
            break
    if decimals is None:
        decimals = next((d for d in range(5) if abs(round(value, d) - value) < 1e-9), 4)
    return f"{value:,.{decimals}f}"


def figure_citations(a: Answer) -> list[tuple[int, ...]]:
    """For each figure of an answer, the 1-based numbers of the citations that print it (for a computed
    figure, those that print its formula's inputs), so each figure can carry its `[n]` marker."""
    from .text.numbers import find_numbers

    printed = [{round(abs(n.value), 2) for n in find_numbers(c.quote)} | {round(abs(v), 2) for _, v in c.cells}
               for c in a.citations]
    out: list[tuple[int, ...]] = []
    for f in a.figures:
        wanted = [round(abs(f.value), 2)]
        if f.formula:
            wanted = [round(abs(n.value), 2) for n in find_numbers(f.formula)]
        out.append(tuple(i for i, values in enumerate(printed, 1) if any(w in values for w in wanted)))
    return out


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

    from .errors import InputError
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
