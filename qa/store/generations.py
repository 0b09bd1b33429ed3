"""Generations on disk: a write lock, numbered generation folders, the CURRENT pointer written atomically,
checksums of every file in the manifest, and folders left by an interrupted update found and removed."""
from __future__ import annotations

import contextlib
import errno
import fcntl
import logging
import os
import shutil
import sqlite3
from pathlib import Path
from typing import Any, Iterator

from ..errors import DiskFullError, IndexDamagedError, InputError, QAError
from .records import file_hash

logger = logging.getLogger(__name__)

# ------------------------------------------------------------------------------------------ writing


def rebuild_hint(root: Path) -> str:
    return f"Rebuild it: move the folder {root} aside and run `qa index <your report files> --index {root}`."


def check_folder(root: Path) -> None:
    """An index lives in a folder: a file in its place is the caller's mistake, said in one line."""
    if root.exists() and not root.is_dir():
        raise InputError(f"The index location {root} is a file, not a folder. Give a folder with --index (or QA_INDEX_DIR).")


@contextlib.contextmanager
def _write_lock(root: Path) -> Iterator[None]:
    check_folder(root)
    with disk_errors(root):
        root.mkdir(parents=True, exist_ok=True)
        lock = open(root / ".lock", "w")
    with lock as f:
        try:
            fcntl.flock(f, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as e:
            raise QAError(f"Another process is updating the index in {root}; wait for it to finish.") from e
        try:
            yield
        finally:
            fcntl.flock(f, fcntl.LOCK_UN)


def _next_generation(root: Path, current: str | None) -> str:
    """One past every generation number in the folder, so a leftover folder can never be in the way."""
    numbers = [int(p.name[4:]) for p in root.glob("gen-*") if p.name[4:].isdigit()]
    if current and current[4:].isdigit():
        numbers.append(int(current[4:]))
    return f"gen-{max(numbers, default=0) + 1:06d}"


_DISK_FULL = (errno.ENOSPC, errno.EDQUOT)


def _is_disk_full(e: BaseException) -> bool:
    if isinstance(e, OSError) and e.errno in _DISK_FULL:
        return True
    text = str(e).lower()  # SQLite and FAISS report it in words
    return isinstance(e, (sqlite3.Error, RuntimeError, OSError)) and ("disk is full" in text or "no space left" in text)


@contextlib.contextmanager
def disk_errors(root: Path) -> Iterator[None]:
    """A full disk (or quota) while writing the index becomes one line; other errors pass unchanged."""
    try:
        yield
    except BaseException as e:
        if _is_disk_full(e):
            raise DiskFullError(
                f"The disk holding {root} is full ({e}). Free some space and run the same command again; "
                "the index was left as it was."
            ) from e
        raise


def heal(root: Path) -> list[str]:
    """Remove what an interrupted update left (a generation never named by CURRENT, a temporary folder, a
    half-written CURRENT) and superseded generations. Call it holding the write lock. Returns one line per
    leftover of an interrupted update, each also logged as a warning."""
    current = current_name(root)
    said: list[str] = []
    for p in sorted(root.iterdir()):
        if p.name == current:
            continue
        if p.is_dir() and p.name.startswith("gen-"):
            newer = current is None or p.name > current
            why = "left unfinished by an interrupted update" if newer else "superseded"
        elif p.is_dir() and p.name.startswith(".tmp-"):
            why = "a half-written generation left by an interrupted update"
        elif p.is_file() and p.name.startswith(".CURRENT."):
            why = "a half-written CURRENT pointer"
        else:
            continue
        shutil.rmtree(p, ignore_errors=True) if p.is_dir() else p.unlink(missing_ok=True)
        if why != "superseded":  # superseded generations are the normal leftovers of a swap
            line = f"removed {p.name} from {root}: {why}"
            logger.warning("%s", line)
            said.append(line)
    return said


def _leftovers(root: Path, current: str | None) -> bool:
    return any((p.name.startswith("gen-") and p.name != current) or p.name.startswith((".tmp-", ".CURRENT."))
               for p in root.iterdir())


def heal_if_idle(root: Path) -> list[str]:
    """On opening for reading: heal (see `heal`) when no update is running; a reader that may not write
    (a read-only index folder) leaves things as they are."""
    try:
        if not _leftovers(root, current_name(root)):
            return []
        with open(root / ".lock", "a") as f:
            fcntl.flock(f, fcntl.LOCK_EX | fcntl.LOCK_NB)
            try:
                return heal(root)
            finally:
                fcntl.flock(f, fcntl.LOCK_UN)
    except OSError:  # busy (an update is writing) or not ours to change
        return []


def current_name(root: Path) -> str | None:
    try:
        name = (root / "CURRENT").read_text(encoding="utf-8").strip()
    except (FileNotFoundError, NotADirectoryError):
        return None
    except (OSError, UnicodeDecodeError) as e:
        raise IndexDamagedError(f"{root / 'CURRENT'} cannot be read ({e}). {rebuild_hint(root)}") from e
    if name and not (name.startswith("gen-") and name[4:].isdigit()):
        raise IndexDamagedError(f"{root / 'CURRENT'} is damaged (it names {name[:40]!r}). {rebuild_hint(root)}")
    return name or None


# ------------------------------------------------------------------------------------------ checksums


def file_checksums(folder: Path) -> dict[str, dict[str, Any]]:
    """Size and sha256 of every file in a generation folder (relative path -> {size, sha256})."""
    out: dict[str, dict[str, Any]] = {}
    for p in sorted(folder.rglob("*")):
        if p.is_file() and p.name != "manifest.json":
            out[p.relative_to(folder).as_posix()] = {"size": p.stat().st_size, "sha256": file_hash(p)}
    return out


def verify_files(folder: Path, files: dict[str, dict[str, Any]], root: Path, *, full: bool = False) -> None:
    """Every file the manifest lists is there with its size (and, when `full`, its checksum); else one line
    naming the first file that is not, and the rebuild command."""
    for name, want in files.items():
        p = folder / name
        try:
            size = p.stat().st_size
        except OSError:
            raise IndexDamagedError(f"{p} is missing from the index. {rebuild_hint(root)}") from None
        if size != want["size"]:
            raise IndexDamagedError(f"{p} is damaged ({size} bytes, {want['size']} written). {rebuild_hint(root)}")
        if full and file_hash(p) != want["sha256"]:
            raise IndexDamagedError(f"{p} is damaged (its checksum differs from the one written). {rebuild_hint(root)}")


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
