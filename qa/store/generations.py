"""Generations on disk: a write lock, numbered generation folders, the CURRENT pointer written atomically, stale folders removed."""
from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
from array import array
from pathlib import Path
from typing import Iterable, Iterator

from ..errors import QAError

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
