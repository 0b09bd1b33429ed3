"""A generation written as reports arrive: chunks and facts go to SQLite, vectors to vectors.npy and each chunk's
tokens to spool files as each report is added, so an update holds one step's reports in memory, not the whole
run's. `finish` writes the keyword and dense indexes and the manifest; `qa.store.build` makes it current."""
from __future__ import annotations

import json
import os
import shutil
import sqlite3
import tempfile
import time
import zlib
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from .. import __version__
from ..text.tokens import bigram_tokens, word_tokens
from .generations import _fsync_dir, file_checksums
from .index import _SCHEMA, CHUNK_SELECT, SCHEMA_VERSION, SHAPING_SETTINGS, Index, documents_of
from .keywords import TokenSpool, write_bm25
from .vectors import BLOCK_ROWS, VectorWriter, build_faiss, faiss_kind, write_faiss

if TYPE_CHECKING:
    from ..config import Settings
    from ..models import Chunk, Document, Fact



def _identity_json(d: dict[str, Any]) -> str:
    keys = ("scope", "region_path", "department_aliases")
    return json.dumps({k: d.get(k) for k in keys}, ensure_ascii=False)


class GenerationWriter:
    """A new generation in a temporary folder under `root`: reports carried over from the current one, then
    reports read in this run, each written as it is added. Rows (chunk = vector position) are numbered in the
    order reports are added."""

    def __init__(self, root: Path, dim: int) -> None:
        self.out = Path(tempfile.mkdtemp(prefix=".tmp-", dir=root))
        self.dim = dim
        self.db = sqlite3.connect(self.out / "store.sqlite")
        self.db.executescript(_SCHEMA)
        self.vectors = VectorWriter(self.out, dim)
        self.words, self.bigrams = TokenSpool(self.out / ".words.spool"), TokenSpool(self.out / ".bigrams.spool")
        self.row = 0
        self.contexts = 0
        self.paths: set[str] = set()
        self._carried_from: Index | None = None
        self._carried = 0  # rows carried since the old generation's mapped pages were last released
        self._names: list[str] = []

    @property
    def documents(self) -> list[dict[str, Any]]:
        """The reports written so far, as `Index.documents` gives them."""
        return documents_of(self.db)

    def carry(self, old: Index, d: dict[str, Any]) -> None:
        """Copy one report of `old` (chunks, facts, vectors, token ids): nothing re-read or re-embedded."""
        rows = old.db.execute(f"{CHUNK_SELECT} WHERE c.doc_id = ? ORDER BY c.row", (d["doc_id"],)).fetchall()
        names = self._old_words(old)
        records = []
        for r in rows:
            # ids are the old vocabulary's; this generation numbers its own (a removed report shifts them)
            words = self.words.add([names[i] for i in np.frombuffer(zlib.decompress(r["words"]), dtype=np.int32)])
            self.bigrams.add(bigram_tokens(f"{r['context']}\n{r['text']}" if r["context"] else r["text"]))
            records.append((r["id"], r["kind"], r["text"], r["context"], r["page"], r["line_first"], r["line_last"],
                            zlib.compress(words.tobytes(), 1)))
        self._chunks(d["doc_id"], records)
        facts = old.db.execute("SELECT * FROM facts WHERE doc_id = ?", (d["doc_id"],)).fetchall()
        self.db.executemany(f"INSERT INTO facts VALUES ({','.join('?' * 11)})", [tuple(f) for f in facts])
        first = d["first_row"]
        for i in range(0, len(rows), BLOCK_ROWS):
            self.vectors.write(old.vectors[first + i : first + min(i + BLOCK_ROWS, len(rows))])
        self._carried += len(rows)
        if self._carried >= BLOCK_ROWS:  # the old vectors read so far need not stay in this process's memory
            old.release_pages()
            self._carried = 0
        self._document(d["doc_id"], d["path"], d["source"], d["title"], d["region"], d["department"], d["year"],
                       d["kind"], d["content_hash"], d["pages"], d["warnings"], len(rows), _identity_json(d))

    def _old_words(self, old: Index) -> list[str]:
        """The tokens of `old`'s word ids (its bm25-words vocabulary, by id), read once per generation carried from."""
        if self._carried_from is not old:
            vocab = old.bm25_words.vocab_dict if old.n_chunks else {}
            names = [""] * (max(vocab.values(), default=-1) + 1)
            for token, i in vocab.items():
                names[i] = token
            self._carried_from, self._names = old, names
        return self._names

    def add(self, doc: "Document", chunks: "list[Chunk]", facts: "list[Fact]", pages: int, vectors: np.ndarray) -> None:
        """Write one report read in this run; `vectors` holds its chunks' vectors, in order."""
        records = []
        for i, c in enumerate(chunks):
            words = self.words.add(word_tokens(c.search_text))
            self.bigrams.add(bigram_tokens(c.search_text))
            lf, ll = c.lines if c.lines else (None, None)
            records.append((c.id, c.kind, c.text, c.context, c.page, lf, ll, zlib.compress(words.tobytes(), 1)))
        self._chunks(doc.doc_id, records)
        self.db.executemany(
            "INSERT INTO facts VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            [(doc.doc_id, f.subject, f.measure, f.value, f.unit, f.quote, f.table, f.subject_code, f.page,
              *(f.lines if f.lines else (None, None))) for f in facts],
        )
        for i in range(0, len(chunks), BLOCK_ROWS):
            self.vectors.write(vectors[i : i + BLOCK_ROWS])
        self._document(doc.doc_id, doc.path, doc.source, doc.title, doc.region, doc.department, doc.year, doc.kind,
                       doc.content_hash, pages, list(doc.warnings), len(chunks), _identity_json(doc.meta()))

    def _chunks(self, doc_id: str, records: list[tuple[Any, ...]]) -> None:
        """Insert one report's chunks, (id, kind, text, context, page, line_first, line_last, words) each, from
        row `self.row` on; each distinct context once (a table's rows share their context)."""
        ids: dict[str, int] = {}
        rows = []
        for i, (cid, kind, text, context, page, lf, ll, words) in enumerate(records):
            at = None
            if context:
                at = ids.get(context)
                if at is None:
                    at = ids[context] = self.contexts + len(ids)
            rows.append((self.row + i, cid, doc_id, kind, text, at, page, lf, ll, words))
        self.db.executemany("INSERT INTO contexts VALUES (?,?)", [(i, t) for t, i in ids.items()])
        self.db.executemany("INSERT INTO chunks VALUES (?,?,?,?,?,?,?,?,?,?)", rows)
        self.contexts += len(ids)

    def _document(self, doc_id, path, source, title, region, department, year, kind, content_hash, pages,
                  warnings, n_rows, identity) -> None:  # type: ignore[no-untyped-def]
        self.db.execute("INSERT INTO documents VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                        (doc_id, path, source, title, region, department, year, kind, content_hash, pages,
                         json.dumps(warnings, ensure_ascii=False), self.row, n_rows, identity))
        self.paths.add(path)
        self.row += n_rows

    def finish(self, settings: Settings, reader: int) -> None:
        """Close the store and vector files, write the keyword indexes, the IVF index when the collection needs
        one, and the manifest (`reader`: the version of what reading a file gives)."""
        out = self.out
        self.vectors.close()
        self.db.commit()
        self.db.close()
        distinct = self.vectors.distinct
        kind = faiss_kind(distinct)
        if kind is not None:
            write_faiss(build_faiss(out / "vectors.npy"), out / "dense.faiss")
        for spool, name in ((self.words, "bm25-words"), (self.bigrams, "bm25-bigrams")):
            write_bm25(spool, out / name)
            spool.discard()
        manifest = {
            "schema": SCHEMA_VERSION,
            "qa_version": __version__,
            "reader": reader,
            "created": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
            "settings": {name: getattr(settings, name) for name in SHAPING_SETTINGS},
            "embedding_dim": self.dim,
            "faiss": kind,
            "documents": len(self.paths),
            "chunks": self.row,
            "distinct_vectors": distinct,
            "files": file_checksums(out),  # sizes checked on every open, checksums before an update builds on it
        }
        _write_manifest(out, manifest)

    def abort(self) -> None:
        try:
            self.db.close()
            self.vectors.close()
            self.words.close()
            self.bigrams.close()
        except Exception:  # noqa: BLE001 - the folder goes anyway
            pass
        shutil.rmtree(self.out, ignore_errors=True)


def _write_manifest(out: Path, manifest: dict[str, Any]) -> None:
    (out / "manifest.json").write_text(json.dumps(manifest, indent=2, ensure_ascii=False), encoding="utf-8")
    for p in out.rglob("*"):
        if p.is_file():
            with open(p, "rb") as f:
                os.fsync(f.fileno())
    _fsync_dir(out)
