"""Files -> a new generation: load, chunk, extract facts, embed, and write SQLite, BM25 and vectors; unchanged files are carried over."""
from __future__ import annotations

import logging
import os
import time
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterator, Sequence

import numpy as np

from ..config import Settings
from ..errors import InputError, Interrupted, QAError
from ..ingest.document import merge_documents
from ..models import Chunk, Document, Fact
from .embed_cache import open_cache
from .generations import _fsync_dir, _next_generation, _write_current, _write_lock, disk_errors, heal
from .index import Index, current_generation
from .records import IndexReport, expand_paths, file_hash
from .writer import GenerationWriter

logger = logging.getLogger(__name__)

if TYPE_CHECKING:
    from ..search.embed import Embedder



Progress = Callable[[str, int, int], None]  # (stage, done, total)


def _no_progress(stage: str, done: int, total: int) -> None:
    pass




@dataclass
class _NewDoc:
    doc: Document  # without its pages
    chunks: list[Chunk]
    facts: list[Fact]
    pages: int = 0


def _prepare(path: Path, settings: Settings, overrides: dict[str, Any]) -> _NewDoc:
    from ..ingest.chunking import chunk_document
    from ..ingest.document import load_document

    doc = load_document(path, **{k: v for k, v in overrides.items() if v is not None})
    chunks = chunk_document(doc, chunk_size=settings.chunk_size, overlap=settings.chunk_overlap)
    try:
        from ..facts.extract import extract_facts
    except ImportError:  # facts extraction is optional until it exists
        facts: list[Fact] = []
    else:
        facts = extract_facts(doc)
    # the pages are not needed past this point; dropping them keeps a large build's memory flat
    return _NewDoc(replace(doc, pages=()), chunks, facts, pages=len(doc.pages))


def _prepare_checked(path: Path, settings: Settings, overrides: dict[str, Any]) -> "_NewDoc | Exception":
    """`_prepare`, or the error that stopped it: one file's failure is reported, the others still read."""
    try:
        return _prepare(path, settings, overrides)
    except Exception as e:  # noqa: BLE001 - returned to the caller, who notes it per file
        return e


def _prepare_all(paths: list[Path], settings: Settings, overrides: dict[str, Any]) -> Iterator["_NewDoc | Exception"]:
    """`_prepare_checked` of each path, in order. PDFs are read by `settings.workers` processes at once
    (parsing is pure Python: one core each); text files, and a single PDF, are read here, where a pool would
    cost more than it saves."""
    workers = settings.workers or os.cpu_count() or 1
    pdfs = sum(p.suffix.lower() == ".pdf" for p in paths)
    if workers < 2 or pdfs < 2:
        for path in paths:
            yield _prepare_checked(path, settings, overrides)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    # spawn, not fork: the caller may hold threads (a web server) or a loaded model
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=min(workers, pdfs), mp_context=context) as pool:
        # largest first keeps both processes busy to the end; results still come back in the given order
        order = sorted(range(len(paths)), key=lambda i: -paths[i].stat().st_size)
        futures = {i: pool.submit(_prepare_checked, paths[i], settings, overrides) for i in order}
        try:
            for i in range(len(paths)):
                try:
                    yield futures[i].result()
                except Exception as e:  # noqa: BLE001 - a reading process died (out of memory): that file failed
                    yield e
        finally:
            for f in futures.values():
                f.cancel()


#: files read in one step (held in memory until written); a generation is committed after a step once the
#: reports added since the last commit are at least `commit_every` and at least as many as that commit held, so
#: a run of n files copies O(n) rows in all (a commit every 20 files rewrote every held report each time:
#: quadratic in a 10,000-report run). Ctrl-C commits every step that finished; a killed run keeps at least half.
COMMIT_EVERY = 20
#: what reading a file gives (pages, tables, chunks, facts); raised when that changes, so that indexing the same
#: files again reads them again instead of keeping facts an older reader extracted
READER = 13


def update_index(
    root: str | Path,
    add: Sequence[str | Path] = (),
    remove: Sequence[str | Path] = (),
    *,
    settings: Settings | None = None,
    embedder: "Embedder | None" = None,
    metadata: dict[str, Any] | None = None,
    on_progress: Progress = _no_progress,
    commit_every: int = COMMIT_EVERY,
) -> IndexReport:
    """Add or refresh the files in `add` (files or folders), drop the files in `remove`.

    `metadata` (region, department, year, kind, title) overrides what is detected, for every added file.
    Every file is tried: one that cannot be read is listed in `report.failed` and the rest are indexed; a
    file with the same bytes as one held is skipped (`report.duplicates`). A new generation is committed
    when the reports read since the last commit are at least `commit_every` and at least as many as the index
    held then, at the end, and on Ctrl-C (every step that finished is kept; a second Ctrl-C leaves at once with
    the last commit); a killed process keeps the last commit: at least half of what it read.
    """
    settings = Settings.resolve(settings)
    root = Path(root)
    t0 = time.perf_counter()
    report = IndexReport(index_dir=root)
    files = expand_paths(add)
    with _write_lock(root):
        report.healed = heal(root)
        run = _Run(root, settings, embedder, report, on_progress, commit_every)
        try:
            run.start(remove)
            for step in _steps(files, commit_every):
                todo = [(path, digest) for path in step if (digest := run.screen(path, metadata, len(files)))]
                read = _prepare_all([path for path, _ in todo], settings, metadata or {})
                try:  # the step's PDFs are read by several processes at once (settings.workers)
                    new = [nd for (path, digest), got in zip(todo, read) if (nd := run.take(path, digest, got))]
                finally:
                    read.close()  # ends the reading processes before embedding, which they would idle through
                run.add(new)
                if run.due():
                    run.commit()
            on_progress("read", len(files), len(files))
            run.commit()  # what is pending, or removals alone
        except KeyboardInterrupt as e:  # one line for the caller to print: what is kept, and that a rerun continues
            run.keep()
            raise Interrupted(run.committed, str(root)) from e
        finally:
            run.close()
    report.seconds = time.perf_counter() - t0
    logger.info("%s", report.summary())
    return report


def _steps(files: list[Path], every: int) -> list[list[Path]]:
    """Files in steps of `every`, a step ending early where the folder changes (a report split into two files
    sits in one folder, and its parts should be read in the same step to share one identity)."""
    steps: list[list[Path]] = []
    every = max(1, every)
    for path in files:
        last = steps[-1] if steps else None
        if last and len(last) < every and (last[-1].parent == path.parent or len(last) < every // 2):
            last.append(path)  # small folders share a step
        else:
            steps.append([path])
    return steps


class _Run:
    """One update under the write lock: the generation it builds on, what is held, and each step's commit."""

    def __init__(self, root: Path, settings: Settings, embedder: "Embedder | None", report: IndexReport,
                 on_progress: Progress, commit_every: int = COMMIT_EVERY) -> None:
        self.root, self.settings, self.embedder, self.report = root, settings, embedder, report
        self.on_progress, self.commit_every = on_progress, max(1, commit_every)
        self.writer: GenerationWriter | None = None  # the generation being written, not yet committed
        self.pending = 0  # reports added to it since the last commit
        self.carried = 0  # reports it carried over from the last commit
        self.dropped: set[str] = set()  # paths of the last commit it leaves out
        self.gen: str | None = None
        self.old: Index | None = None
        self.old_docs: dict[str, dict[str, Any]] = {}
        self.drop: set[str] = set()
        self.held: dict[str, str] = {}  # content hash -> file name, for every report held or read in this run
        self.done = 0
        self.committed = 0
        self.same_reader = True
        self.writing = False  # the pending generation is being changed: an interrupt now leaves it unfinished

    def start(self, remove: Sequence[str | Path]) -> None:
        self.gen = current_generation(self.root)
        if self.gen is not None:  # carried-over data must be sound: checksums checked, not only sizes
            self.old = Index(self.root, self.gen, verify_checksums=True)
            self.old.check_settings(self.settings)
        self.old_docs = {d["path"]: d for d in (self.old.documents if self.old else [])}
        # an index written by an older reader: the files indexed again are read again (their facts may differ)
        self.same_reader = self.old is None or self.old.manifest.get("reader") == READER
        if not self.same_reader:
            logger.warning("The index was built by an older version of the reader: the files given are read again.")
        names = {Path(p).name for p in remove}
        drop = {str(Path(p).resolve()) for p in remove}
        missing = sorted(p for p in drop if p not in self.old_docs and Path(p).name not in
                         {d["source"] for d in self.old_docs.values()})
        if missing:
            raise InputError(f"Not in the index {self.root}: {', '.join(missing)}")
        # a removal may name the file (source) rather than its full path
        self.drop = drop | {path for path, d in self.old_docs.items() if d["source"] in names}
        self.held = {d["content_hash"]: d["source"] for p, d in self.old_docs.items() if p not in self.drop}

    def screen(self, path: Path, metadata: dict[str, Any] | None, total: int) -> str | None:
        """The file's content hash when it must be read; None when it is unchanged, a duplicate of a report held
        or read in this run, or refused (each noted in the report)."""
        report, key = self.report, str(path)
        self.on_progress("read", self.done, total)
        self.done += 1
        try:
            size, limit = path.stat().st_size, self.settings.max_file_mb
            if size > limit * 1024 * 1024:
                raise InputError(f"{path.name}: {size / 1024 / 1024:.1f} MB, over the limit of {limit} MB "
                                 "(setting max_file_mb, QA_MAX_FILE_MB); split the report or raise the limit.")
            digest = file_hash(path)
        except (QAError, OSError) as e:
            report.failed.append((path.name, str(e)))
            return None
        before = self.old_docs.get(key)
        if before and before["content_hash"] == digest and not metadata and self.same_reader:
            report.unchanged.append(path.name)
            return None
        same = self.held.get(digest)
        if same is not None and (before is None or before["content_hash"] != digest):
            report.duplicates.append((path.name, same))
            return None
        self.held[digest] = path.name  # a copy later in this run is a duplicate of this one
        return digest

    def take(self, path: Path, digest: str, got: "_NewDoc | BaseException") -> _NewDoc | None:
        """The file as read, noted in the report; None when reading it failed (the error is noted)."""
        report, key = self.report, str(path)
        if isinstance(got, BaseException):
            self.held.pop(digest, None)
            if isinstance(got, QAError):
                report.failed.append((path.name, str(got)))
            else:  # one file's surprise must not cost the others
                logger.debug("reading %s failed: %r", path, got)
                report.failed.append((path.name, f"could not be read ({type(got).__name__}: {got}); please report this file"))
            return None
        if self.old_docs.get(key) is not None:
            report.updated.append(path.name)
            if self.writer is not None and key in self.writer.paths:  # carried into the pending generation
                self.commit()
            self.drop.add(key)
        else:
            report.added.append(path.name)
        report.warnings += [f"{path.name}: {w}" for w in got.doc.warnings]
        return got

    def add(self, new: list[_NewDoc]) -> None:
        """Embed and write one step's reports into the pending generation (opened on first use)."""
        if not new:
            return
        if self.embedder is None:  # the caller owns the model (qa.api shares one per process)
            raise ValueError("update_index needs an embedder to add reports")
        writer = self.writer or self._open()
        # a report in two files (narrative + tables): the part that names no department takes the other's
        merged = merge_documents([nd.doc for nd in new], held=writer.documents)
        # dense vectors embed the chunk's own text: scope (report title) is a filter, and on the gold
        # questions adding the context halved dense MRR (0.43 -> 0.24); BM25 indexes context + text
        texts = [c.text for nd in new for c in nd.chunks]
        vectors = _embed(self.embedder, texts, self.on_progress)
        self.report.new_chunks += len(texts)
        offset = 0
        with disk_errors(self.root):
            self.writing = True
            for nd, doc in zip(new, merged):
                writer.add(doc, nd.chunks, nd.facts, nd.pages, vectors.rows(offset, offset + len(nd.chunks)))
                offset += len(nd.chunks)
            self.writing = False
        self.pending += len(new)

    def due(self) -> bool:
        return self.pending >= max(self.commit_every, self.carried)

    def _open(self) -> GenerationWriter:
        """A new generation holding what the last commit held, less the reports dropped."""
        assert self.embedder is not None
        self.dropped = {p for p in self.drop if p in self.old_docs}
        with disk_errors(self.root):
            writer = GenerationWriter(self.root, self.embedder.dim)
            try:
                for p, d in self.old_docs.items():
                    if p not in self.dropped:
                        writer.carry(self.old, d)
            except BaseException:
                writer.abort()
                raise
        self.writer, self.pending, self.carried = writer, 0, len(self.old_docs) - len(self.dropped)
        return writer

    def commit(self) -> None:
        """Finish the pending generation (or one without the dropped reports) and point CURRENT at it."""
        report, root = self.report, self.root
        if self.writer is None and any(p in self.old_docs for p in self.drop):
            if self.embedder is None:
                raise ValueError("update_index needs an embedder to add reports")
            self._open()  # removals alone
        if self.writer is not None:
            writer, self.writer = self.writer, None
            updated = set(report.updated)
            report.removed += sorted(self.old_docs[p]["source"] for p in self.dropped if Path(p).name not in updated)
            target = _next_generation(root, self.gen)
            self.writing = True
            with disk_errors(root):
                try:
                    writer.finish(self.settings, READER)
                    os.replace(writer.out, root / target)
                    _fsync_dir(root)
                    _write_current(root, target)
                except BaseException:
                    writer.abort()
                    raise
            self.committed += self.pending
            self.pending, self.writing = 0, False
            if self.old is not None:
                self.old.close()
            self.gen, self.old = target, Index(root, target)
            self.old_docs = {d["path"]: d for d in self.old.documents}
            self.drop = set()
            heal(root)  # the superseded generation
        report.documents = len(self.old_docs)
        report.chunks = self.old.n_chunks if self.old else 0

    def keep(self) -> None:
        """On Ctrl-C: commit the reports of the steps that finished, unless the pending generation was being
        changed when it came. A second Ctrl-C while committing leaves at once with the last commit."""
        if self.writer is None or self.writing or not self.pending:
            return
        logger.info("Interrupted: keeping the %d report(s) read since the last commit (Ctrl-C again to drop them)",
                    self.pending)
        try:
            self.commit()
        except KeyboardInterrupt:
            pass

    def close(self) -> None:
        if self.writer is not None:  # interrupted: what was written since the last commit goes
            self.writer.abort()
            self.writer = None
        if self.old is not None:
            self.old.close()


@dataclass
class _Embedded:
    """Vectors of the new chunks: each distinct text embedded once (`unique`), chunk i's row is
    unique[position[i]]. Reports repeat the template's table rows and headings, so about half the chunks
    of a large corpus share their text with another chunk."""

    unique: np.ndarray
    position: np.ndarray

    def __len__(self) -> int:
        return len(self.position)

    def rows(self, start: int, stop: int) -> np.ndarray:
        return self.unique[self.position[start:stop]]


def _embed(embedder: "Embedder", texts: list[str], on_progress: Progress) -> _Embedded:
    unique = list(dict.fromkeys(texts))
    on_progress("embed", 0, len(unique))  # before the model loads (embedder.dim loads it), so loading is counted
    batch = max(embedder.settings.batch_size * 4, 64)
    vectors = np.zeros((len(unique), embedder.dim), np.float32)
    cache = open_cache(getattr(embedder.settings, "cache_dir", None), embedder)
    held = cache.get(unique) if cache else [None] * len(unique)
    for i, v in enumerate(held):
        if v is not None:
            vectors[i] = v
    # similar lengths together: a batch is padded to its longest text, and reports interleave long passages
    # with short table rows (in report order encoding took 1.7x as long)
    todo = sorted((i for i, v in enumerate(held) if v is None), key=lambda i: len(unique[i]))
    for start in range(0, len(todo), batch):
        on_progress("embed", start, len(todo))
        part = todo[start : start + batch]
        vectors[part] = embedder.encode_passages([unique[i] for i in part])
        if cache:
            cache.put([unique[i] for i in part], vectors[part])
    on_progress("embed", len(todo), len(todo))
    if cache:
        cache.close()
    where = {t: i for i, t in enumerate(unique)}
    return _Embedded(vectors, np.fromiter((where[t] for t in texts), dtype=np.int64, count=len(texts)))
