"""What an index update reports, and the files it reads (folders expanded, contents hashed)."""
from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from ..errors import InputError
from ..ingest.load import SUPPORTED_SUFFIXES

logger = logging.getLogger(__name__)




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
    #: files that could not be indexed: (file name, why and what to do)
    failed: list[tuple[str, str]] = field(default_factory=list)
    #: files skipped because the index already holds the same bytes: (file name, the copy held)
    duplicates: list[tuple[str, str]] = field(default_factory=list)
    #: what was found left over from an interrupted update and removed
    healed: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated or self.removed)

    def summary(self) -> str:
        extra = "".join(f", {n} {what}" for n, what in ((len(self.duplicates), "duplicates skipped"),
                                                        (len(self.failed), "failed")) if n)
        return (
            f"{len(self.added)} added, {len(self.updated)} updated, {len(self.unchanged)} unchanged, "
            f"{len(self.removed)} removed{extra}; {self.documents} documents, {self.chunks} chunks "
            f"({self.new_chunks} new) in {self.seconds:.1f} s -> {self.index_dir}"
        )

    def problems(self) -> list[str]:
        """One line per file not indexed: duplicates (a note) and failures (why, and what to do)."""
        lines = [f"{name}: skipped, the same bytes as {held}, already in the index" for name, held in self.duplicates]
        lines += [why if name in why else f"{name}: {why}" for name, why in self.failed]
        return lines


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
