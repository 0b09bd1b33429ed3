"""The on-disk index: chunk store (SQLite), dense vectors (FAISS), keyword index (BM25 over jieba words
and character bigrams), and a manifest.

Layout of an index directory:

    CURRENT            name of the live generation, replaced atomically
    gen-000007/        one complete, immutable generation
        manifest.json  schema and library versions, the settings that shape the index, counts
        store.sqlite   documents, chunks (row = position in vector_ids.npy; words = the chunk's jieba tokens as
                       int32 ids of bm25-words' vocabulary, zlib-compressed, so an update carries them without jieba; the
                       context, the same for a table's rows, once per report in contexts), facts
        vectors.npy    float32 (n_distinct, dim), L2-normalised: each distinct vector once
        vector_ids.npy int32 (n_chunks,): the row of vectors.npy holding each chunk's vector
        dense.faiss    only for large collections: IVF over 8-bit codes of vectors.npy (qa/store/vectors.py)
        bm25-words/    bm25s index over jieba tokens (memory-mapped when opened)
        bm25-bigrams/  bm25s index over character bigrams

An update writes a new generation beside the old one and only then points CURRENT at it, so a crash at
any moment leaves the previous index whole and loadable. Unchanged files (same content hash) are not
re-read; chunks and vectors of unchanged documents are carried over without re-embedding.
"""
from __future__ import annotations

import contextlib
import json
import mmap
import sqlite3
from functools import cached_property
from pathlib import Path
from typing import Any, Iterable, Iterator, Sequence

import numpy as np

from ..config import Settings
from ..errors import IndexDamagedError, IndexNotFoundError, IndexVersionError, QAError
from .generations import check_folder, current_name, heal_if_idle, rebuild_hint, verify_files
from ..models import Chunk, Fact
from .vectors import (
    read_faiss,
)

#: 2: documents.identity (scope, region_path, department_aliases); 3: distinct vectors once (vector_ids.npy),
#: dense.faiss only for IVF
SCHEMA_VERSION = 3
#: settings recorded in the manifest; opening an index with other values raises IndexVersionError
SHAPING_SETTINGS = ("embed_model", "chunk_size", "chunk_overlap")


# ------------------------------------------------------------------------------------------ store

_SCHEMA = """
CREATE TABLE documents (
    doc_id TEXT PRIMARY KEY, path TEXT NOT NULL, source TEXT NOT NULL, title TEXT, region TEXT,
    department TEXT, year INTEGER, kind TEXT, content_hash TEXT NOT NULL, pages INTEGER,
    warnings TEXT, first_row INTEGER NOT NULL, n_rows INTEGER NOT NULL, identity TEXT
);
CREATE UNIQUE INDEX documents_path ON documents(path);
CREATE TABLE chunks (
    row INTEGER PRIMARY KEY, id TEXT NOT NULL, doc_id TEXT NOT NULL, kind TEXT,
    text TEXT NOT NULL, context_id INTEGER, page INTEGER, line_first INTEGER, line_last INTEGER, words BLOB
);
CREATE TABLE contexts (id INTEGER PRIMARY KEY, text TEXT NOT NULL);
CREATE INDEX chunks_doc ON chunks(doc_id);
CREATE TABLE facts (
    doc_id TEXT NOT NULL, subject TEXT NOT NULL, measure TEXT NOT NULL, value REAL NOT NULL, unit TEXT,
    quote TEXT NOT NULL, "table" TEXT, subject_code TEXT, page INTEGER, line_first INTEGER, line_last INTEGER
);
CREATE INDEX facts_doc ON facts(doc_id);
CREATE INDEX facts_subject ON facts(subject);
"""


#: chunks with their report's file name and their context (stored once per report)
CHUNK_SELECT = ("SELECT c.row, c.id, c.doc_id, d.source, c.kind, c.text, x.text AS context, c.page, c.line_first, "
                "c.line_last, c.words FROM chunks c JOIN documents d ON d.doc_id = c.doc_id "
                "LEFT JOIN contexts x ON x.id = c.context_id")


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

    def __init__(self, root: Path, generation: str, *, verify_checksums: bool = False) -> None:
        self.root = root
        self.generation = generation
        self.path = root / generation
        self._coded: frozenset[str] | None = None
        self._joined: frozenset[str] | None = None
        manifest_path = self.path / "manifest.json"
        try:
            self.manifest: dict[str, Any] = json.loads(manifest_path.read_text(encoding="utf-8"))
            if not isinstance(self.manifest, dict):
                raise ValueError("not a JSON object")
        except FileNotFoundError:
            raise IndexDamagedError(f"{manifest_path} is missing: CURRENT names an incomplete generation. "
                                    f"{rebuild_hint(root)}") from None
        except (OSError, ValueError) as e:
            raise IndexDamagedError(f"{manifest_path} is damaged ({e}). {rebuild_hint(root)}") from e
        if self.manifest.get("schema") != SCHEMA_VERSION:
            raise IndexVersionError(
                f"Index at {root} has schema {self.manifest.get('schema')}, this version of qa reads {SCHEMA_VERSION}. "
                f"Rebuild it: delete {root} and run `qa index <files> --index {root}`."
            )
        verify_files(self.path, self.manifest.get("files") or {}, root, full=verify_checksums)
        store = self.path / "store.sqlite"
        with self._reading(store):
            self.db = sqlite3.connect(f"file:{store}?mode=ro", uri=True, check_same_thread=False)
            self.db.row_factory = sqlite3.Row
            self.documents  # noqa: B018 - a damaged store is said now, in one line, not mid-answer

    @contextlib.contextmanager
    def _reading(self, path: Path) -> Iterator[None]:
        """A part that cannot be read (missing, truncated, garbage) becomes one line naming it."""
        try:
            yield
        except QAError:
            raise
        except FileNotFoundError:
            raise IndexDamagedError(f"{path} is missing from the index. {rebuild_hint(self.root)}") from None
        except Exception as e:  # noqa: BLE001 - sqlite3, numpy, faiss and bm25s each raise their own types
            raise IndexDamagedError(f"{path} is damaged ({type(e).__name__}: {e}). {rebuild_hint(self.root)}") from e

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
        return documents_of(self.db)

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
        doc_ids = list(doc_ids)
        if len(doc_ids) == len(self.documents_by_id) and set(doc_ids) == self.documents_by_id.keys():
            return np.arange(self.n_chunks, dtype=np.int64)  # every report: every row, in order
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
            q = f"{CHUNK_SELECT} WHERE c.row IN ({','.join('?' * len(part))})"
            got.update({r["row"]: _chunk_from_row(r) for r in self.db.execute(q, part)})
        return [got[r] for r in rows]

    def chunk_texts(self, rows: Sequence[int]) -> list[str]:
        return [c.text for c in self.chunks(rows)]

    def facts(self, doc_ids: Sequence[str] | None = None) -> list[Fact]:
        """The facts of these reports (all reports when None), in extraction order."""
        if doc_ids is None:
            return [_fact_from_row(r) for r in self.db.execute("SELECT * FROM facts")]
        marks = ",".join("?" * len(doc_ids))
        return [_fact_from_row(r) for r in self.db.execute(f"SELECT * FROM facts WHERE doc_id IN ({marks})", list(doc_ids))]

    def fact_counts(self) -> dict[str, int]:
        """Facts held per report (doc_id -> count)."""
        return {r[0]: r[1] for r in self.db.execute("SELECT doc_id, COUNT(*) FROM facts GROUP BY doc_id")}

    def coded_subjects(self) -> frozenset[str]:
        """Every subject that some report prints with a 科目编码 (read once: a generation never changes)."""
        if self._coded is None:
            self._coded = frozenset(r[0] for r in self.db.execute(
                "SELECT DISTINCT subject FROM facts WHERE subject_code IS NOT NULL"))
        return self._coded

    def joined_subjects(self) -> frozenset[str]:
        """Every subject with 和, 与 or 及 inside it (商品和服务支出), read once."""
        if self._joined is None:
            self._joined = frozenset(r[0] for r in self.db.execute(
                "SELECT DISTINCT subject FROM facts WHERE instr(subject, '和') OR instr(subject, '与') "
                "OR instr(subject, '及')"))
        return self._joined

    def bracketed_subjects(self, doc_ids: Sequence[str]) -> frozenset[str]:
        """The subjects of these reports written with brackets of either width (维修(护)费, 因公出国（境）费)."""
        marks = ",".join("?" * len(doc_ids))
        sql = (f"SELECT DISTINCT subject FROM facts WHERE doc_id IN ({marks}) "
               "AND (instr(subject, '(') OR instr(subject, '（'))")
        return frozenset(r[0] for r in self.db.execute(sql, list(doc_ids)))

    def subjects_within(self, text: str, doc_ids: Sequence[str]) -> list[tuple[str, str]]:
        """(name, doc_id) of the facts of these reports whose subject, a bracketed aside after it left out
        (贸易高质量发展专项（政策资金）), is written in `text` — read by SQLite, not fact by fact in Python."""
        marks = ",".join("?" * len(doc_ids))
        name = "CASE WHEN instr(subject, '（') > 1 THEN substr(subject, 1, instr(subject, '（') - 1) ELSE subject END"
        sql = (f"SELECT DISTINCT {name} AS name, doc_id FROM facts WHERE doc_id IN ({marks}) "
               f"AND length({name}) >= 2 AND instr(?, {name}) > 0")
        return [(r[0], r[1]) for r in self.db.execute(sql, [*doc_ids, text])]

    def mentions(self, doc_ids: Sequence[str], phrase: str) -> bool:
        """Whether the text of any of these reports contains `phrase` (spaces and line breaks ignored)."""
        marks = ",".join("?" * len(doc_ids))
        sql = (f"SELECT 1 FROM chunks WHERE doc_id IN ({marks}) "
               "AND instr(replace(replace(text, ' ', ''), char(10), ''), ?) LIMIT 1")
        return self.db.execute(sql, [*doc_ids, phrase]).fetchone() is not None

    # -- search structures (loaded lazily, once)
    @cached_property
    def distinct_vectors(self) -> np.ndarray:
        """Each distinct vector once (memory-mapped); `vector_ids` gives each chunk row's."""
        path = self.path / "vectors.npy"
        with self._reading(path):
            vectors = np.load(path, mmap_mode="r")
            dim = self.manifest.get("embedding_dim")
            if vectors.ndim != 2 or (dim and vectors.shape[1] != dim):
                raise ValueError(f"{vectors.shape} vectors of dimension {dim}")
            return vectors

    @cached_property
    def vector_ids(self) -> np.ndarray:
        path = self.path / "vector_ids.npy"
        with self._reading(path):
            ids = np.load(path, mmap_mode="r")
            if ids.shape != (self.n_chunks,) or (len(ids) and int(ids.max()) >= len(self.distinct_vectors)):
                raise ValueError(f"{ids.shape} vector ids for {self.n_chunks} chunks")
            return ids

    @cached_property
    def vectors(self) -> "RowVectors":
        """The vector of each chunk row: `index.vectors[rows]` is an array (len(rows), dim)."""
        return RowVectors(self.distinct_vectors, self.vector_ids)

    @cached_property
    def rows_of_vector(self) -> tuple[np.ndarray, np.ndarray]:
        """(rows, starts): the rows holding distinct vector v are rows[starts[v]:starts[v + 1]], in row order."""
        ids = np.asarray(self.vector_ids)
        rows = np.argsort(ids, kind="stable").astype(np.int64)
        starts = np.zeros(len(self.distinct_vectors) + 1, dtype=np.int64)
        np.cumsum(np.bincount(ids, minlength=len(self.distinct_vectors)), out=starts[1:])
        return rows, starts

    @cached_property
    def faiss(self):
        """The IVF candidate finder of a large collection; None when search is exact over vectors.npy."""
        kind = self.manifest.get("faiss")
        if kind is None:
            return None
        path = self.path / "dense.faiss"
        with self._reading(path):
            return read_faiss(path, kind)

    @cached_property
    def bm25_words(self):
        return self._bm25("bm25-words")

    @cached_property
    def bm25_bigrams(self):
        return self._bm25("bm25-bigrams")

    def _bm25(self, name: str):
        path = self.path / name
        if not self.n_chunks:
            return None  # an index with no chunks has no keyword index
        with self._reading(path / "params.index.json"):
            return _load_bm25(path)

    def warm_up(self) -> None:
        """Load everything a query needs now, so the first question is as fast as the rest."""
        self.documents_by_id, self.vectors, self.faiss, self.bm25_words, self.bm25_bigrams  # noqa: B018
        if self.faiss is not None:
            self.rows_of_vector  # noqa: B018

    def release_pages(self) -> None:
        """Unmap the pages of the memory-mapped vectors this process has touched (the page cache keeps them): an
        update that copies every held report's vectors would otherwise count the whole file in its memory."""
        for name in ("distinct_vectors", "vector_ids"):
            mapped = getattr(self.__dict__.get(name), "_mmap", None)
            if mapped is not None:
                mapped.madvise(mmap.MADV_DONTNEED)

    def close(self) -> None:
        self.db.close()

    def __repr__(self) -> str:
        return f"Index({str(self.root)!r}, {self.generation}, documents={len(self.documents)}, chunks={self.n_chunks})"


class RowVectors:
    """Chunk rows' vectors over the distinct ones: `rv[rows]` = distinct[ids[rows]]."""

    def __init__(self, distinct: np.ndarray, ids: np.ndarray) -> None:
        self.distinct, self.ids = distinct, ids

    @property
    def shape(self) -> tuple[int, int]:
        return (len(self.ids), self.distinct.shape[1])

    def __len__(self) -> int:
        return len(self.ids)

    def __getitem__(self, rows: Any) -> np.ndarray:
        ids = np.asarray(self.ids[rows])
        if ids.ndim == 0:
            return np.asarray(self.distinct[int(ids)])
        order = np.argsort(ids, kind="stable")  # read the file in order; rows come back as asked
        out = np.empty((len(ids), self.distinct.shape[1]), dtype=np.float32)
        out[order] = self.distinct[ids[order]]
        return out

    def __array__(self, dtype: Any = None, copy: Any = None) -> np.ndarray:
        out = self[np.arange(len(self.ids))]
        return out if dtype is None else out.astype(dtype)


def documents_of(db: sqlite3.Connection) -> list[dict[str, Any]]:
    """The documents table as dicts, identity unpacked (scope, region_path, department_aliases), by first row."""
    db.row_factory = sqlite3.Row
    out = []
    for r in db.execute("SELECT * FROM documents ORDER BY first_row").fetchall():
        d = {**dict(r), "warnings": json.loads(r["warnings"] or "[]")}
        d.update(json.loads(d.pop("identity") or "{}"))
        out.append(d)
    return out


def _load_bm25(path: Path):
    import bm25s

    if not (path / "params.index.json").exists():
        raise FileNotFoundError(path / "params.index.json")  # a keyword index is never silently left out
    # memory-mapped: a query reads its tokens' postings from the page cache, not a private copy of the matrix
    return bm25s.BM25.load(str(path), mmap=True, show_progress=False, verbosity=0)


def current_generation(root: str | Path) -> str | None:
    return current_name(Path(root))


def open_index(root: str | Path) -> Index:
    root = Path(root)
    check_folder(root)
    if root.is_dir():
        heal_if_idle(root)
    for _ in range(3):
        gen = current_generation(root)
        if gen is None:
            raise IndexNotFoundError(f"No index yet in the folder {root}. Build one with `qa index <files> --index {root}`.")
        try:
            return Index(root, gen)
        except IndexDamagedError:
            if current_generation(root) == gen:
                raise
            # an update swapped generations while this one was opened (and removed it): open the new one
    return Index(root, current_generation(root) or gen)
