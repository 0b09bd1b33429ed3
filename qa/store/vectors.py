"""Dense vectors on disk: each distinct vector once (vectors.npy), the vector of each chunk row
(vector_ids.npy), and, for large collections only, a FAISS IVF index to find candidates (dense.faiss).

Table rows repeat across reports (the same 科目 line in every department's report), so about half the chunks of
a large corpus share their vector with another chunk: vectors.npy holds each distinct vector once and
vector_ids.npy says which one a row has. Exact search reads vectors.npy (memory-mapped). Above IVF_MIN_VECTORS
distinct vectors, dense.faiss is an IVF index with 8-bit scalar-quantised codes (a quarter of the float32
vectors' size, not a second copy of them): it proposes candidates, which are re-scored exactly from
vectors.npy. benchmarks/scale.py measured HNSW (M=32) at recall@10 0.66 on model vectors and IVF probing a
quarter of its lists at 0.99.
"""
from __future__ import annotations

import hashlib
import math
from array import array
from pathlib import Path
from typing import BinaryIO, Callable, Iterator

import numpy as np

IVF_MIN_VECTORS = 500_000
IVF_TRAIN_PER_LIST = 40  # k-means sample: FAISS warns below 39 points a list; more buys little
IVF_NITER = 10
BLOCK_ROWS = 65_536  # 96 MB of 384-dim float32 a block
_HEADER_BYTES = 128  # room for any (rows, dim) shape in the .npy header, so it can be written last


def faiss_kind(n_vectors: int) -> str | None:
    """The FAISS index built for this many distinct vectors (also the manifest's label); None: none, search is
    exact over vectors.npy."""
    return "IVFSQ8" if n_vectors >= IVF_MIN_VECTORS else None


def ivf_lists(n_vectors: int) -> tuple[int, int]:
    """(nlist, nprobe) for IVF: about 2·sqrt(n) lists as a power of two, a quarter of them probed."""
    nlist = int(2 ** round(math.log2(max(16.0, 2 * math.sqrt(n_vectors)))))
    while nlist > 1 and nlist * IVF_TRAIN_PER_LIST > n_vectors:  # k-means needs points in every list
        nlist //= 2
    nlist = min(65536, nlist)
    return nlist, max(1, nlist // 4)


def _npy_header(rows: int, dim: int) -> bytes:
    """A .npy (version 1.0) header for float32 (rows, dim), padded to _HEADER_BYTES."""
    text = repr({"descr": np.dtype(np.float32).str, "fortran_order": False, "shape": (rows, dim)})
    body = text.encode("latin1")
    pad = _HEADER_BYTES - 10 - len(body) - 1
    return b"\x93NUMPY\x01\x00" + (_HEADER_BYTES - 10).to_bytes(2, "little") + body + b" " * pad + b"\n"


class VectorWriter:
    """Writes vectors.npy and vector_ids.npy as rows arrive, block by block: a row whose vector is already
    in the file (the same bytes) points at it instead of adding it again. Only the ids and one 8-byte digest
    per distinct vector stay in memory."""

    def __init__(self, folder: Path, dim: int) -> None:
        self.folder, self.dim = Path(folder), dim
        self.ids = array("i")
        self._where: dict[bytes, int] = {}
        self._file: BinaryIO = open(self.folder / "vectors.npy", "wb")
        self._file.write(_npy_header(0, dim))

    @property
    def distinct(self) -> int:
        return len(self._where)

    def write(self, block: np.ndarray) -> None:
        block = np.ascontiguousarray(block, dtype=np.float32).reshape(-1, self.dim)
        where, ids, fresh = self._where, self.ids, []
        for v in block:
            digest = hashlib.blake2b(v.tobytes(), digest_size=8).digest()
            i = where.get(digest)
            if i is None:
                i = where[digest] = len(where)
                fresh.append(v)
            ids.append(i)
        if fresh:
            self._file.write(np.stack(fresh).tobytes())

    def close(self) -> None:
        """Writes the header (the count of distinct vectors is known now) and vector_ids.npy."""
        if self._file.closed:
            return
        self._file.seek(0)
        self._file.write(_npy_header(self.distinct, self.dim))
        self._file.close()
        np.save(self.folder / "vector_ids.npy", np.frombuffer(self.ids, dtype=np.int32))


def _open_npy(path: Path) -> tuple[BinaryIO, tuple[int, int], int]:
    f = open(path, "rb")
    major, _ = np.lib.format.read_magic(f)
    read = np.lib.format.read_array_header_1_0 if major == 1 else np.lib.format.read_array_header_2_0
    shape, fortran, dtype = read(f)
    if fortran or dtype != np.float32 or len(shape) != 2:
        f.close()
        raise ValueError(f"{path}: expected a C-ordered 2-D float32 array, found {dtype} {shape}")
    return f, shape, f.tell()


def vector_shape(path: Path) -> tuple[int, int]:
    f, shape, _ = _open_npy(path)
    f.close()
    return shape


def read_blocks(path: Path, start: int = 0, stop: int | None = None, block_rows: int = BLOCK_ROWS) -> Iterator[np.ndarray]:
    """Rows start..stop of a vectors file, in blocks read with plain file reads (nothing stays mapped)."""
    f, (rows, dim), offset = _open_npy(path)
    with f:
        stop = rows if stop is None else min(stop, rows)
        for i in range(start, stop, block_rows):
            n = min(block_rows, stop - i)
            block = np.fromfile(f, dtype=np.float32, count=n * dim, offset=offset + i * dim * 4 - f.tell())
            yield block.reshape(n, dim)


def _blocks(vectors: np.ndarray | Path) -> tuple[int, int, Callable[[], Iterator[np.ndarray]]]:
    if isinstance(vectors, (str, Path)):
        rows, dim = vector_shape(Path(vectors))
        return rows, dim, lambda: read_blocks(Path(vectors))
    array = np.asarray(vectors)
    dim = array.shape[1] if array.ndim == 2 and array.shape[0] else 384
    return len(array), dim, lambda: (array[i : i + BLOCK_ROWS] for i in range(0, len(array), BLOCK_ROWS))


def build_faiss(vectors: np.ndarray | Path, seed: int = 0):
    """IVF over 8-bit scalar-quantised codes (k-means on a seeded sample): the candidate finder of large
    collections. `vectors` is an array or a vectors file; either way rows are added a block at a time."""
    import faiss

    rows, dim, blocks = _blocks(vectors)
    nlist, nprobe = ivf_lists(rows)
    index = faiss.IndexIVFScalarQuantizer(faiss.IndexFlatIP(dim), dim, nlist, faiss.ScalarQuantizer.QT_8bit,
                                          faiss.METRIC_INNER_PRODUCT)
    index.cp.niter = IVF_NITER
    index.cp.seed = seed
    index.train(_sample(blocks(), rows, IVF_TRAIN_PER_LIST * nlist, seed))
    index.nprobe = nprobe
    for block in blocks():
        index.add(np.ascontiguousarray(block, dtype=np.float32))
    return index


def _sample(blocks: Iterator[np.ndarray], rows: int, n: int, seed: int) -> np.ndarray:
    """n rows drawn without replacement (all rows if there are fewer), gathered in one pass over the blocks."""
    chosen = np.sort(np.random.default_rng(seed).choice(rows, min(rows, n), replace=False))
    parts, start = [], 0
    for block in blocks:
        lo, hi = np.searchsorted(chosen, [start, start + len(block)])
        parts.append(np.array(block[chosen[lo:hi] - start], dtype=np.float32))
        start += len(block)
    return np.ascontiguousarray(np.concatenate(parts))


def write_faiss(index, path: Path) -> None:
    import faiss

    faiss.write_index(index, str(path))


def read_faiss(path: Path, kind: str | None = None):
    """Open dense.faiss memory-mapped (its codes stay in the page cache, not the process), or read it whole
    where FAISS cannot map that index type."""
    import faiss

    flag = {"FlatIP": faiss.IO_FLAG_MMAP_IFC, "IVFFlat": faiss.IO_FLAG_MMAP, "IVFSQ8": faiss.IO_FLAG_MMAP}.get(kind or "")
    if flag is not None:
        try:
            return faiss.read_index(str(path), flag)
        except RuntimeError:  # an older FAISS without mapping for this type: fall through
            pass
    return faiss.read_index(str(path))
