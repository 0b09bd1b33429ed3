"""The keyword indexes (BM25 over jieba words, over character bigrams) written without holding them in memory.

`bm25s.BM25.index` builds the whole matrix in memory (about 36 bytes a posting with its numpy backend: 10,000
reports' bigrams alone are ~180 million postings). Here the token lists of the chunks go to disk as they arrive
(`TokenSpool`: each chunk's distinct tokens and their counts, in row order), and `write_bm25` writes bm25s's own
files from them, one range of tokens at a time: memory holds the vocabulary, one length a chunk and one range's
postings. The files are the ones `bm25s.BM25.save` writes, with the same numbers (`bm25s.BM25.load` reads them;
tests/test_keywords.py compares them with bm25s's own build).
"""
from __future__ import annotations

import json
import math
from array import array
from pathlib import Path
from typing import BinaryIO, Iterable, Iterator

import numpy as np

#: token ids buffered before their postings are written
FLUSH_IDS = 1 << 22
#: postings of one range of tokens assembled in memory at a time (8 bytes each, plus the block being read)
PASS_POSTINGS = 1 << 25
#: postings read from the spool at a time
READ_POSTINGS = 1 << 22
_FIELDS = 3  # a posting on disk: row, token id, count (int32 each)


class TokenSpool:
    """Token lists of chunks, in row order, as ids of one vocabulary, written to `path` as postings (row, token,
    count) as they come. bm25s needs a token in every document: an empty chunk gets `EMPTY`, which no query has."""

    EMPTY = "\x00"

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.vocab: dict[str, int] = {self.EMPTY: 0}
        self.lengths = array("i")  # tokens a chunk (with repeats), as bm25s counts a document's length
        self.df = np.zeros(0, dtype=np.int64)  # chunks holding each token
        self.postings = 0
        self._ids = array("i")
        self._written = 0  # chunks whose postings are on disk
        self._file: BinaryIO | None = open(self.path, "wb")

    def __len__(self) -> int:
        return len(self.lengths)

    def add(self, tokens: Iterable[str]) -> array:
        """Spool one chunk's tokens; returns their ids (the vocabulary's, as bm25s's vocab.index.json keeps it)."""
        vocab = self.vocab
        ids = array("i", (vocab.setdefault(t, len(vocab)) for t in tokens)) or array("i", [0])
        self._ids.extend(ids)
        self.lengths.append(len(ids))
        if len(self._ids) >= FLUSH_IDS:
            self._flush()
        return ids

    def _flush(self) -> None:
        if not self._ids or self._file is None:
            return
        lengths = np.frombuffer(self.lengths, dtype=np.int32)[self._written :]
        rows = np.repeat(np.arange(self._written, len(self.lengths), dtype=np.int64), lengths)
        keys, counts = np.unique((rows << 32) | np.frombuffer(self._ids, dtype=np.int32), return_counts=True)
        out = np.empty((len(keys), _FIELDS), dtype=np.int32)  # by row, then token
        out[:, 0], out[:, 1], out[:, 2] = keys >> 32, keys & 0xFFFFFFFF, counts
        self._file.write(out.tobytes())
        df = np.bincount(out[:, 1], minlength=len(self.vocab))
        df[: len(self.df)] += self.df
        self.df, self.postings = df, self.postings + len(keys)
        self._ids, self._written = array("i"), len(self.lengths)

    def close(self) -> None:
        if self._file is not None:
            self._flush()
            self._file.close()
            self._file = None
        if len(self.df) < len(self.vocab):
            self.df = np.concatenate([self.df, np.zeros(len(self.vocab) - len(self.df), dtype=np.int64)])

    def blocks(self) -> Iterator[np.ndarray]:
        """The postings on disk, (n, 3) int32 blocks in row order."""
        with open(self.path, "rb") as f:
            while True:
                block = np.fromfile(f, dtype=np.int32, count=READ_POSTINGS * _FIELDS)
                if not len(block):
                    return
                yield block.reshape(-1, _FIELDS)

    def discard(self) -> None:
        self.close()
        self.path.unlink(missing_ok=True)


def _npy(path: Path, dtype: type, n: int) -> BinaryIO:
    f = open(path, "wb")
    header = {"descr": np.lib.format.dtype_to_descr(np.dtype(dtype)), "fortran_order": False, "shape": (n,)}
    np.lib.format.write_array_header_1_0(f, header)
    return f


def write_bm25(spool: TokenSpool, path: Path) -> None:
    """bm25s's index files (the CSC matrix of BM25 scores, vocabulary, parameters) in `path`, from `spool`."""
    import bm25s

    spool.close()
    if not len(spool):
        return
    params = bm25s.BM25()  # the defaults bm25s.BM25() indexes with: its own numbers are reproduced below
    if (params.method, params.idf_method) != ("lucene", "lucene"):
        raise ValueError(f"write_bm25 reproduces bm25s's lucene scoring, not {params.method}/{params.idf_method}")
    n_docs, n_vocab = len(spool), len(spool.vocab)
    lengths = np.frombuffer(spool.lengths, dtype=np.int32)
    avg = np.asarray(lengths, dtype=np.int64).mean()  # as bm25s: the mean of an integer array
    df = spool.df[:n_vocab]
    idf = np.zeros(n_vocab, dtype=np.float32)
    for t in np.flatnonzero(df):  # math.log, as bm25s computes each token's idf
        d = int(df[t])
        idf[t] = math.log(1 + (n_docs - d + 0.5) / (d + 0.5))
    indptr = np.zeros(n_vocab + 1, dtype=np.int64)
    np.cumsum(df, out=indptr[1:])
    path.mkdir(parents=True, exist_ok=True)
    with _npy(path / "data.csc.index.npy", np.float32, spool.postings) as data_file, \
            _npy(path / "indices.csc.index.npy", np.int32, spool.postings) as rows_file:
        first = 0
        while first < n_vocab:  # tokens first..last-1: their postings are one contiguous part of the matrix
            last = max(first + 1, int(np.searchsorted(indptr, indptr[first] + PASS_POSTINGS, side="right")) - 1)
            last = min(last, n_vocab)
            data, rows = _columns(spool, first, last, indptr, idf, lengths, avg, params.k1, params.b)
            data_file.write(data.tobytes())
            rows_file.write(rows.tobytes())
            first = last
    np.save(path / "indptr.csc.index.npy", indptr)
    vocab = dict(spool.vocab)
    if "" not in vocab:  # bm25s adds an empty token after the others
        vocab[""] = n_vocab
    (path / "vocab.index.json").write_text(json.dumps(vocab, ensure_ascii=False), encoding="utf-8")
    saved = {"k1": params.k1, "b": params.b, "delta": params.delta, "method": params.method,
             "idf_method": params.idf_method, "dtype": params.dtype, "int_dtype": params.int_dtype,
             "num_docs": n_docs, "version": bm25s.__version__, "backend": params.backend}
    (path / "params.index.json").write_text(json.dumps(saved, indent=4), encoding="utf-8")


def _columns(spool: TokenSpool, first: int, last: int, indptr: np.ndarray, idf: np.ndarray, lengths: np.ndarray,
             avg: np.floating, k1: float, b: float) -> tuple[np.ndarray, np.ndarray]:
    """Scores and rows of the columns first..last-1 of the CSC matrix, each column's rows in order."""
    base = indptr[first]
    data = np.empty(indptr[last] - base, dtype=np.float32)
    rows = np.empty(indptr[last] - base, dtype=np.int32)
    cursor = indptr[first:last] - base  # where each column's next posting goes
    for block in spool.blocks():  # rows ascend through the spool, so each column fills in row order
        part = block[(block[:, 1] >= first) & (block[:, 1] < last)]
        if not len(part):
            continue
        part = part[np.argsort(part[:, 1], kind="stable")]
        token, row = part[:, 1], part[:, 0]
        starts = np.flatnonzero(np.concatenate(([True], token[1:] != token[:-1])))
        counts = np.diff(np.concatenate((starts, [len(token)])))
        where = cursor[token - first] + np.arange(len(token)) - np.repeat(starts, counts)
        tf = part[:, 2].astype(np.float32)
        # bm25s (lucene): idf * tf / (k1 * ((1 - b) + b * l_d / l_avg) + tf), in the same types and order
        norm = k1 * ((1 - b) + b * lengths[row].astype(np.int64) / avg)
        data[where] = (idf[token] * (tf / (norm + tf))).astype(np.float32)
        rows[where] = row
        cursor[token[starts] - first] += counts
    return data, rows
