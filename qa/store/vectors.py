"""Dense vectors on disk (vectors.npy) and the FAISS index over them (dense.faiss).

Vectors are written and read a block of rows at a time, and the FAISS index is memory-mapped when it is
opened, so neither a large build nor a query process holds every vector twice. The index type follows the
collection's size: exact inner product below IVF_MIN_VECTORS, IVF-Flat above (benchmarks/scale.py measured
HNSW, M=32, at recall@10 0.66 on model vectors; IVF-Flat probing a quarter of its lists at 0.99).
"""
from __future__ import annotations

import math
from pathlib import Path
from typing import BinaryIO, Callable, Iterator

import numpy as np

IVF_MIN_VECTORS = 500_000
IVF_TRAIN_PER_LIST = 40  # k-means sample: FAISS warns below 39 points a list; more buys little
IVF_NITER = 10
BLOCK_ROWS = 65_536  # 96 MB of 384-dim float32 a block


def faiss_kind(n_vectors: int) -> str:
    """The FAISS index type the product builds for this many vectors (also the manifest's label)."""
    return "IVFFlat" if n_vectors >= IVF_MIN_VECTORS else "FlatIP"


def ivf_lists(n_vectors: int) -> tuple[int, int]:
    """(nlist, nprobe) for IVF-Flat: about 2·sqrt(n) lists as a power of two, a quarter of them probed."""
    nlist = int(2 ** round(math.log2(max(16.0, 2 * math.sqrt(n_vectors)))))
    while nlist > 1 and nlist * IVF_TRAIN_PER_LIST > n_vectors:  # k-means needs points in every list
        nlist //= 2
    nlist = min(65536, nlist)
    return nlist, max(1, nlist // 4)


class VectorWriter:
    """Writes an (rows, dim) float32 .npy file block by block; closing checks that every row arrived."""

    def __init__(self, path: Path, rows: int, dim: int) -> None:
        self.path, self.rows, self.dim, self.written = Path(path), rows, dim, 0
        self._file: BinaryIO = open(self.path, "wb")
        np.lib.format.write_array_header_2_0(
            self._file, {"descr": np.dtype(np.float32).str, "fortran_order": False, "shape": (rows, dim)})

    def write(self, block: np.ndarray) -> None:
        block = np.ascontiguousarray(block, dtype=np.float32).reshape(-1, self.dim)
        if self.written + len(block) > self.rows:
            raise ValueError(f"{self.path.name}: more than the {self.rows} rows announced")
        self._file.write(block.tobytes())
        self.written += len(block)

    def close(self) -> None:
        if self._file.closed:
            return
        self._file.close()
        if self.written != self.rows:
            raise ValueError(f"{self.path.name}: {self.written} rows written, {self.rows} announced")


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
    """Exact inner-product search for small collections, IVF-Flat (k-means on a seeded sample) for large ones.

    `vectors` is an array or a vectors file; either way rows are added a block at a time."""
    import faiss

    rows, dim, blocks = _blocks(vectors)
    if faiss_kind(rows) == "FlatIP":
        index = faiss.IndexFlatIP(dim)
    else:
        nlist, nprobe = ivf_lists(rows)
        index = faiss.IndexIVFFlat(faiss.IndexFlatIP(dim), dim, nlist, faiss.METRIC_INNER_PRODUCT)
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
    """Open dense.faiss memory-mapped (its vectors stay in the page cache, not the process), or read it whole
    where FAISS cannot map that index type."""
    import faiss

    flag = {"FlatIP": faiss.IO_FLAG_MMAP_IFC, "IVFFlat": faiss.IO_FLAG_MMAP}.get(kind or "")
    if flag is not None:
        try:
            return faiss.read_index(str(path), flag)
        except RuntimeError:  # an older FAISS without mapping for this type: fall through
            pass
    return faiss.read_index(str(path))
