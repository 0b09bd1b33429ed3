"""The on-disk index: chunk store (SQLite), dense vectors (FAISS), keyword index (BM25 over jieba words
and character bigrams), and a manifest.

Layout of an index directory:

    CURRENT            name of the live generation, replaced atomically
    gen-000007/        one complete, immutable generation
        manifest.json  schema and library versions, the settings that shape the index, counts
        store.sqlite   documents, chunks (row = vector position), facts
        vectors.npy    float32 (n_chunks, dim), L2-normalised
        dense.faiss    FAISS index over vectors.npy (exact, or IVF-Flat for large collections: qa/dense.py)
        bm25-words/    bm25s index over jieba tokens
        bm25-bigrams/  bm25s index over character bigrams

An update writes a new generation beside the old one and only then points CURRENT at it, so a crash at
any moment leaves the previous index whole and loadable. Unchanged files (same content hash) are not
re-read; chunks and vectors of unchanged documents are carried over without re-embedding.
"""
from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import logging
import os
import re
import shutil
import sqlite3
import tempfile
import time
from array import array
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator, Sequence

import numpy as np

from . import __version__
from .config import Settings
from .dense import BLOCK_ROWS, VectorWriter, build_faiss, faiss_kind, read_blocks, read_faiss, write_faiss
from .errors import IndexNotFoundError, IndexVersionError, InputError, QAError
from .models import Chunk, Document, Fact

if TYPE_CHECKING:
    from .embed import Embedder

logger = logging.getLogger(__name__)

SCHEMA_VERSION = 1
SUPPORTED_SUFFIXES = (".pdf", ".txt")
#: settings recorded in the manifest; opening an index with other values raises IndexVersionError
SHAPING_SETTINGS = ("embed_model", "chunk_size", "chunk_overlap")

Progress = Callable[[str, int, int], None]  # (stage, done, total)


def _no_progress(stage: str, done: int, total: int) -> None:
    pass


# ------------------------------------------------------------------------------------------ tokenising

_WORD_OK = re.compile(r"[\w\u4e00-\u9fff%.]")
_HAN = re.compile(r"[\u4e00-\u9fff]")


def _jieba():
    import jieba

    jieba.setLogLevel(logging.WARNING)
    return jieba


def normalize_for_search(text: str) -> str:
    """Full-width to ASCII, figures in one canonical form (`2, 031. 52` -> `2031.52`)."""
    from .numbers import normalize_numbers

    return normalize_numbers(text)


def word_tokens(text: str) -> list[str]:
    """jieba search-mode words (long words and their parts), lower-cased, punctuation dropped."""
    words = _jieba().lcut_for_search(normalize_for_search(text))
    return [w.lower() for w in words if w.strip() and _WORD_OK.search(w)]


def bigram_tokens(text: str) -> list[str]:
    """Overlapping pairs of Han characters, plus whole numbers and Latin words."""
    text = normalize_for_search(text)
    out: list[str] = []
    for run in re.findall(r"[\u4e00-\u9fff]+|\d+(?:\.\d+)?%?|[A-Za-z]+", text):
        if _HAN.match(run):
            out += [run[i : i + 2] for i in range(len(run) - 1)] if len(run) > 1 else [run]
        else:
            out.append(run.lower())
    return out


# ------------------------------------------------------------------------------------------ results


@dataclass
class IndexReport:
    """What an index update did."""

    index_dir: Path
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    chunks: int = 0
    new_chunks: int = 0
    documents: int = 0
    seconds: float = 0.0
    warnings: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated or self.removed)

    def summary(self) -> str:
        return (
            f"{len(self.added)} added, {len(self.updated)} updated, {len(self.unchanged)} unchanged, "
            f"{len(self.removed)} removed; {self.documents} documents, {self.chunks} chunks "
            f"({self.new_chunks} new) in {self.seconds:.1f} s -> {self.index_dir}"
        )


# ------------------------------------------------------------------------------------------ paths


def expand_paths(paths: Iterable[str | Path]) -> list[Path]:
    """Files named, and report files (.pdf, .txt) found under folders named. Missing paths are an error."""
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            found = sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in SUPPORTED_SUFFIXES)
            if not found:
                logger.warning("No .pdf or .txt files under %s", p)
            out += found
        elif p.is_file():
            if p.suffix.lower() not in SUPPORTED_SUFFIXES:
                raise InputError(f"Unsupported file type: {p} (supported: {', '.join(SUPPORTED_SUFFIXES)})")
            out.append(p)
        else:
            raise InputError(f"No such file or folder: {p}")
    return list(dict.fromkeys(f.resolve() for f in out))


def file_hash(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


# ------------------------------------------------------------------------------------------ store

_SCHEMA = """
CREATE TABLE documents (
    doc_id TEXT PRIMARY KEY, path TEXT NOT NULL, source TEXT NOT NULL, title TEXT, region TEXT,
    department TEXT, year INTEGER, kind TEXT, content_hash TEXT NOT NULL, pages INTEGER,
    warnings TEXT, first_row INTEGER NOT NULL, n_rows INTEGER NOT NULL
);
CREATE UNIQUE INDEX documents_path ON documents(path);
CREATE TABLE chunks (
    row INTEGER PRIMARY KEY, id TEXT NOT NULL, doc_id TEXT NOT NULL, source TEXT NOT NULL, kind TEXT,
    text TEXT NOT NULL, context TEXT, page INTEGER, line_first INTEGER, line_last INTEGER, words TEXT
);
CREATE INDEX chunks_doc ON chunks(doc_id);
CREATE TABLE facts (
    doc_id TEXT NOT NULL, subject TEXT NOT NULL, measure TEXT NOT NULL, value REAL NOT NULL, unit TEXT,
    quote TEXT NOT NULL, "table" TEXT, subject_code TEXT, page INTEGER, line_first INTEGER, line_last INTEGER
);
CREATE INDEX facts_doc ON facts(doc_id);
CREATE INDEX facts_subject ON facts(subject);
"""


def _chunk_from_row(r: sqlite3.Row) -> Chunk:
    lines = (r["line_first"], r["line_last"]) if r["line_first"] is not None else None
    return Chunk(id=r["id"], doc_id=r["doc_id"], source=r["source"], text=r["text"], kind=r["kind"],
                 context=r["context"] or "", page=r["page"], lines=lines)


def _fact_from_row(r: sqlite3.Row) -> Fact:
    lines = (r["line_first"], r["line_last"]) if r["line_first"] is not None else None
    return Fact(doc_id=r["doc_id"], subject=r["subject"], measure=r["measure"], value=r["value"], unit=r["unit"],
                quote=r["quote"], table=r["table"], subject_code=r["subject_code"], page=r["page"], lines=lines)


# ------------------------------------------------------------------------------------------ reading


class Index:
    """One generation of an on-disk index, opened read-only. Heavy parts load on first use."""

    def __init__(self, root: Path, generation: str) -> None:
        self.root = root
        self.generation = generation
        self.path = root / generation
        try:
            self.manifest: dict[str, Any] = json.loads((self.path / "manifest.json").read_text(encoding="utf-8"))
        except (OSError, ValueError) as e:
            raise IndexNotFoundError(f"Index at {root} is damaged ({e}). Rebuild it with `qa index <files> --index {root}`.") from e
        if self.manifest.get("schema") != SCHEMA_VERSION:
            raise IndexVersionError(
                f"Index at {root} has schema {self.manifest.get('schema')}, this version of qa reads {SCHEMA_VERSION}. "
                f"Rebuild it: delete {root} and run `qa index <files> --index {root}`."
            )
        self.db = sqlite3.connect(f"file:{self.path / 'store.sqlite'}?mode=ro", uri=True, check_same_thread=False)
        self.db.row_factory = sqlite3.Row

    # -- metadata
    @property
    def settings(self) -> dict[str, Any]:
        return self.manifest["settings"]

    def check_settings(self, settings: Settings) -> None:
        """Raise IndexVersionError when the index was built with other shaping settings."""
        for name in SHAPING_SETTINGS:
            built, wanted = self.settings.get(name), getattr(settings, name)
            if built != wanted:
                raise IndexVersionError(
                    f"Index at {self.root} was built with {name}={built!r}, but the current setting is {wanted!r}. "
                    f"Use the same setting, or rebuild: delete {self.root} and run `qa index <files> --index {self.root}`."
                )

    @cached_property
    def documents(self) -> list[dict[str, Any]]:
        rows = self.db.execute("SELECT * FROM documents ORDER BY first_row").fetchall()
        return [{**dict(r), "warnings": json.loads(r["warnings"] or "[]")} for r in rows]

    @cached_property
    def documents_by_id(self) -> dict[str, dict[str, Any]]:
        return {d["doc_id"]: d for d in self.documents}

    @property
    def n_chunks(self) -> int:
        return int(self.manifest["chunks"])

    def __len__(self) -> int:
        return self.n_chunks

    def rows_of(self, doc_ids: Iterable[str]) -> np.ndarray:
        """Vector/chunk rows of the given documents (each document's rows are contiguous)."""
        spans = [(self.documents_by_id[d]["first_row"], self.documents_by_id[d]["n_rows"]) for d in doc_ids
                 if d in self.documents_by_id]
        if not spans:
            return np.zeros(0, dtype=np.int64)
        return np.concatenate([np.arange(s, s + n, dtype=np.int64) for s, n in spans])

    # -- chunks and facts
    def chunks(self, rows: Sequence[int]) -> list[Chunk]:
        if not len(rows):
            return []
        rows = [int(r) for r in rows]
        got: dict[int, Chunk] = {}
        for i in range(0, len(rows), 900):  # SQLite's parameter limit
            part = rows[i : i + 900]
            q = f"SELECT * FROM chunks WHERE row IN ({','.join('?' * len(part))})"
            got.update({r["row"]: _chunk_from_row(r) for r in self.db.execute(q, part)})
        return [got[r] for r in rows]

    def chunk_texts(self, rows: Sequence[int]) -> list[str]:
        return [c.text for c in self.chunks(rows)]

    def facts(self, where: str = "1", params: Sequence[Any] = ()) -> list[Fact]:
        return [_fact_from_row(r) for r in self.db.execute(f'SELECT * FROM facts WHERE {where}', params)]

    # -- search structures (loaded lazily, once)
    @cached_property
    def vectors(self) -> np.ndarray:
        return np.load(self.path / "vectors.npy", mmap_mode="r")

    @cached_property
    def faiss(self):
        return read_faiss(self.path / "dense.faiss", self.manifest.get("faiss"))

    @cached_property
    def bm25_words(self):
        return _load_bm25(self.path / "bm25-words")

    @cached_property
    def bm25_bigrams(self):
        return _load_bm25(self.path / "bm25-bigrams")

    def warm_up(self) -> None:
        """Load everything a query needs now, so the first question is as fast as the rest."""
        self.documents_by_id, self.vectors, self.faiss, self.bm25_words, self.bm25_bigrams  # noqa: B018

    def close(self) -> None:
        self.db.close()

    def __repr__(self) -> str:
        return f"Index({str(self.root)!r}, {self.generation}, documents={len(self.documents)}, chunks={self.n_chunks})"


def _load_bm25(path: Path):
    import bm25s

    if not (path / "params.index.json").exists():
        return None  # an index with no chunks
    return bm25s.BM25.load(str(path), mmap=False, show_progress=False, verbosity=0)


def current_generation(root: str | Path) -> str | None:
    try:
        name = (Path(root) / "CURRENT").read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        return None
    return name or None


def open_index(root: str | Path) -> Index:
    root = Path(root)
    gen = current_generation(root)
    if gen is None or not (root / gen / "manifest.json").exists():
        raise IndexNotFoundError(f"No index in {root}. Run `qa index <files> --index {root}` first.")
    return Index(root, gen)


# ------------------------------------------------------------------------------------------ writing


@contextlib.contextmanager
def _write_lock(root: Path) -> Iterator[None]:
    root.mkdir(parents=True, exist_ok=True)
    with open(root / ".lock", "w") as f:
        try:
            fcntl.flock(f, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as e:
            raise QAError(f"Another process is updating the index in {root}; wait for it to finish.") from e
        try:
            yield
        finally:
            fcntl.flock(f, fcntl.LOCK_UN)


def _next_generation(root: Path, current: str | None) -> str:
    n = int(current.split("-")[1]) + 1 if current else 1
    return f"gen-{n:06d}"


def _fsync_dir(path: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _write_current(root: Path, gen: str) -> None:
    tmp = root / f".CURRENT.{os.getpid()}"
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(gen + "\n")
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, root / "CURRENT")
    _fsync_dir(root)


def _clean_stale(root: Path, keep: str) -> None:
    for p in root.iterdir():
        if p.name == keep:
            continue
        if p.is_dir() and (p.name.startswith("gen-") or p.name.startswith(".tmp-")):
            shutil.rmtree(p, ignore_errors=True)


class TokenIds:
    """Token lists kept as compact integer arrays with one vocabulary: a few bytes a token instead of a
    Python string each, so a keyword index over millions of chunks fits in memory while it is built."""

    EMPTY = "\x00"  # bm25s needs a token per document; an empty chunk gets one that no query has

    def __init__(self) -> None:
        self.vocab: dict[str, int] = {self.EMPTY: 0}
        self.ids: list[array] = []

    def add(self, tokens: Iterable[str]) -> None:
        vocab = self.vocab
        ids = array("i", (vocab.setdefault(t, len(vocab)) for t in tokens))
        self.ids.append(ids if len(ids) else array("i", [0]))

    def __len__(self) -> int:
        return len(self.ids)


def _save_bm25(tokens: TokenIds, path: Path) -> None:
    import bm25s
    from bm25s.tokenization import Tokenized

    if not len(tokens):
        return
    bm = bm25s.BM25()
    bm.index(Tokenized(ids=tokens.ids, vocab=tokens.vocab), show_progress=False)
    bm.save(str(path), show_progress=False)


@dataclass
class _NewDoc:
    doc: Document  # without its pages
    chunks: list[Chunk]
    facts: list[Fact]
    pages: int = 0


def _prepare(path: Path, settings: Settings, overrides: dict[str, Any]) -> _NewDoc:
    from .chunking import chunk_document
    from .document import load_document

    doc = load_document(path, **{k: v for k, v in overrides.items() if v is not None})
    chunks = chunk_document(doc, chunk_size=settings.chunk_size, overlap=settings.chunk_overlap)
    try:
        from .facts import extract_facts
    except ImportError:  # facts extraction is optional until it exists
        facts: list[Fact] = []
    else:
        facts = extract_facts(doc)
    # the pages are not needed past this point; dropping them keeps a large build's memory flat
    return _NewDoc(replace(doc, pages=()), chunks, facts, pages=len(doc.pages))


def update_index(
    root: str | Path,
    add: Sequence[str | Path] = (),
    remove: Sequence[str | Path] = (),
    *,
    settings: Settings | None = None,
    embedder: "Embedder | None" = None,
    metadata: dict[str, Any] | None = None,
    on_progress: Progress = _no_progress,
) -> IndexReport:
    """Add or refresh the files in `add` (files or folders), drop the files in `remove`.

    `metadata` (region, department, year, kind, title) overrides what is detected, for every added file.
    Writes a new generation only when something changed.
    """
    settings = Settings.resolve(settings)
    root = Path(root)
    t0 = time.perf_counter()
    report = IndexReport(index_dir=root)
    files = expand_paths(add)
    drop = {str(Path(p).resolve()) for p in remove}
    with _write_lock(root):
        gen = current_generation(root)
        old = Index(root, gen) if gen and (root / gen / "manifest.json").exists() else None
        if old is not None:
            old.check_settings(settings)
        old_docs = {d["path"]: d for d in (old.documents if old else [])}
        missing = sorted(p for p in drop if p not in old_docs and not any(d["source"] == Path(p).name for d in old_docs.values()))
        if missing:
            raise InputError(f"Not in the index {root}: {', '.join(missing)}")
        # a removal may name the file (source) rather than its full path
        drop |= {path for path, d in old_docs.items() if d["source"] in {Path(p).name for p in remove}}

        new: list[_NewDoc] = []
        for i, path in enumerate(files):
            on_progress("read", i, len(files))
            key = str(path)
            digest = file_hash(path)
            before = old_docs.get(key)
            if before and before["content_hash"] == digest and not metadata:
                report.unchanged.append(path.name)
                continue
            prepared = _prepare(path, settings, metadata or {})
            if before is not None:
                report.updated.append(path.name)
                drop.add(key)
            else:
                report.added.append(path.name)
            report.warnings += [f"{path.name}: {w}" for w in prepared.doc.warnings]
            new.append(prepared)
        on_progress("read", len(files), len(files))
        report.removed = sorted(old_docs[p]["source"] for p in drop if p in old_docs and Path(p).name not in report.updated)

        if not report.changed:
            report.documents = len(old_docs)
            report.chunks = old.n_chunks if old else 0
            report.seconds = time.perf_counter() - t0
            if old:
                old.close()
            return report

        from .embed import Embedder

        embedder = embedder or Embedder(settings)
        # dense vectors embed the chunk's own text: scope (report title) is a filter, and on the gold
        # questions adding the context halved dense MRR (0.43 -> 0.24); BM25 indexes context + text
        texts = [c.text for nd in new for c in nd.chunks]
        vectors_new = _embed(embedder, texts, on_progress)
        report.new_chunks = len(texts)
        target = _next_generation(root, gen)
        tmp = Path(tempfile.mkdtemp(prefix=".tmp-", dir=root))
        try:
            _write_generation(tmp, old, [p for p in old_docs if p not in drop], new, vectors_new, settings, embedder)
            manifest = json.loads((tmp / "manifest.json").read_text())
            os.replace(tmp, root / target)
            _fsync_dir(root)
            _write_current(root, target)
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise
        finally:
            if old:
                old.close()
        _clean_stale(root, target)
        report.documents = manifest["documents"]
        report.chunks = manifest["chunks"]
    report.seconds = time.perf_counter() - t0
    logger.info("%s", report.summary())
    return report


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
    batch = max(embedder.settings.batch_size * 4, 64)
    vectors = np.zeros((len(unique), embedder.dim), np.float32)
    for i in range(0, len(unique), batch):
        on_progress("embed", i, len(unique))
        vectors[i : i + batch] = embedder.encode_passages(unique[i : i + batch])
    on_progress("embed", len(unique), len(unique))
    where = {t: i for i, t in enumerate(unique)}
    return _Embedded(vectors, np.fromiter((where[t] for t in texts), dtype=np.int64, count=len(texts)))


def _write_generation(
    out: Path,
    old: Index | None,
    keep_paths: list[str],
    new: list[_NewDoc],
    vectors_new: _Embedded,
    settings: Settings,
    embedder: "Embedder",
) -> None:
    db = sqlite3.connect(out / "store.sqlite")
    db.executescript(_SCHEMA)
    keep = [d for d in (old.documents if old else []) if d["path"] in keep_paths]
    n_rows = sum(d["n_rows"] for d in keep) + len(vectors_new)
    # vectors stream to disk in document order: carried-over rows first, then the new documents'
    vectors = VectorWriter(out / "vectors.npy", n_rows, embedder.dim)
    words_all = TokenIds()
    bigrams_all = TokenIds()
    row = 0
    for d in keep:  # carried over: chunks, facts and vectors copied, nothing re-read or re-embedded
        cols = "row, id, doc_id, source, kind, text, context, page, line_first, line_last, words"
        rows = old.db.execute(f"SELECT {cols} FROM chunks WHERE doc_id = ? ORDER BY row", (d["doc_id"],)).fetchall()
        db.executemany(f"INSERT INTO chunks ({cols}) VALUES ({','.join('?' * 11)})",
                       [(row + i, *tuple(r)[1:]) for i, r in enumerate(rows)])
        facts = old.db.execute("SELECT * FROM facts WHERE doc_id = ?", (d["doc_id"],)).fetchall()
        db.executemany(f"INSERT INTO facts VALUES ({','.join('?' * 11)})", [tuple(f) for f in facts])
        for block in read_blocks(old.path / "vectors.npy", d["first_row"], d["first_row"] + d["n_rows"]):
            vectors.write(block)
        for r in rows:
            words_all.add(r["words"].split(" ") if r["words"] else [])
            bigrams_all.add(bigram_tokens(r["context"] + "\n" + r["text"]))
        db.execute("INSERT INTO documents VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                   (d["doc_id"], d["path"], d["source"], d["title"], d["region"], d["department"], d["year"],
                    d["kind"], d["content_hash"], d["pages"], json.dumps(d["warnings"], ensure_ascii=False), row, len(rows)))
        row += len(rows)
    offset = 0
    for nd in new:
        doc, chunks = nd.doc, nd.chunks
        records = []
        for i, c in enumerate(chunks):
            words = word_tokens(c.search_text)
            words_all.add(words)
            bigrams_all.add(bigram_tokens(c.search_text))
            lf, ll = c.lines if c.lines else (None, None)
            records.append((row + i, c.id, doc.doc_id, doc.source, c.kind, c.text, c.context, c.page, lf, ll, " ".join(words)))
        db.executemany("INSERT INTO chunks VALUES (?,?,?,?,?,?,?,?,?,?,?)", records)
        db.executemany(
            "INSERT INTO facts VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            [(doc.doc_id, f.subject, f.measure, f.value, f.unit, f.quote, f.table, f.subject_code, f.page,
              *(f.lines if f.lines else (None, None))) for f in nd.facts],
        )
        db.execute("INSERT INTO documents VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                   (doc.doc_id, doc.path, doc.source, doc.title, doc.region, doc.department, doc.year, doc.kind,
                    doc.content_hash, nd.pages, json.dumps(list(doc.warnings), ensure_ascii=False), row, len(chunks)))
        for i in range(0, len(chunks), BLOCK_ROWS):
            vectors.write(vectors_new.rows(offset + i, offset + min(i + BLOCK_ROWS, len(chunks))))
        offset += len(chunks)
        row += len(chunks)
    vectors.close()
    db.commit()
    n_docs = db.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
    dup = db.execute("SELECT doc_id FROM documents GROUP BY doc_id HAVING COUNT(*) > 1").fetchall()
    db.close()
    if dup:  # the same bytes under two paths: one doc_id; keep the store consistent by refusing
        raise InputError(f"The same report was given twice under different paths (doc_id {dup[0][0]}); index it once.")
    write_faiss(build_faiss(out / "vectors.npy"), out / "dense.faiss")
    _save_bm25(words_all, out / "bm25-words")
    _save_bm25(bigrams_all, out / "bm25-bigrams")
    manifest = {
        "schema": SCHEMA_VERSION,
        "qa_version": __version__,
        "created": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "settings": {name: getattr(settings, name) for name in SHAPING_SETTINGS},
        "embedding_dim": embedder.dim,
        "faiss": faiss_kind(n_rows),
        "documents": n_docs,
        "chunks": n_rows,
    }
    (out / "manifest.json").write_text(json.dumps(manifest, indent=2, ensure_ascii=False), encoding="utf-8")
    for p in out.rglob("*"):
        if p.is_file():
            with open(p, "rb") as f:
                os.fsync(f.fileno())
    _fsync_dir(out)
