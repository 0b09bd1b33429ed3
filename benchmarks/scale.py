"""Scale: index N synthetic reports with the real index code, then query them; and exact vs approximate FAISS.

For each N in --sizes (default 100, 1,000 and 10,000 reports):

1. generate N text reports with qa.demo.sample (form feeds where the PDF would start a new page), in --workers processes;
2. index them with `qa.store.build.update_index` — the product's own code: jieba and bigram BM25, SQLite store, FAISS —
   and time each stage;
3. open the index in a fresh process and ask ~30 scoped questions (`<地区><部门><年>年<科目><指标>`, built from the
   generated reports' own facts) plus 10 unscoped ones, hybrid retrieval, top 8: latency p50/p95;
4. compare FAISS exact search (IndexFlatIP) with HNSW (M=32, efSearch 128 and 32) and IVF-Flat (the product's
   lists and training, probing 1/64, 1/16 and 1/4 of the lists; the product probes 1/4) on the same vectors:
   build time, size, latency, recall@10 against exact search; on the index's own vectors (real-model or random)
   and on clustered vectors of the same count. The product searches exactly below qa.store.vectors.IVF_MIN_VECTORS and
   builds IVF-Flat above it.

Dense vectors come from the real embedding model up to --real-model-max reports; above that from a stand-in
embedder that returns seeded random unit vectors (the model encodes ~10-80 chunks/s on 2 cores, and a report is
~225 chunks). The column "dense vectors" says which. Random vectors are the worst case for approximate search
(no structure for HNSW or IVF to exploit); clustered and model vectors show the usual case.

An N whose build would not fit in memory (peak RSS projected from the sizes already built in this run, against
--mem-budget-gb) is not built: its row shows generation measured and the build projected ("~"), and the ANN
comparison still runs on random and clustered vectors of the projected chunk count.

Each stage runs in its own process, so peak RSS is that stage's own. Temporary files are removed at the end.

    python benchmarks/scale.py [--sizes 100,1000,10000] [--real-model-max 100] [--json out.json]
    python benchmarks/scale.py --quick          # N=20, random vectors: a smoke run of a few seconds
    python benchmarks/scale.py --requery KEPT/n10000-index --code BEFORE --code AFTER   # no build: both sides, alternating
"""
from __future__ import annotations

import argparse
import json
import math
import os
import platform
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import hashlib
import re
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any, Callable, Sequence

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # benchmark this checkout's qa, installed or not
    sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402

DIM = 384  # multilingual-e5-small
TOP_K = 8
N_SCOPED = 30
N_UNSCOPED = 10
QUERY_REPEATS = 3
ANN_QUERIES = 200
#: peak build RSS per report when nothing has been built yet in this run (measured: 1.4 GB at 1,000 reports)
DEFAULT_RSS_PER_REPORT_MB = 1.5
#: resident memory before indexing, without and with the embedding model loaded (measured)
BASE_RSS_MB, MODEL_RSS_MB = 250, 1300
#: chunks per generated report when none has been chunked yet (measured: ~224)
DEFAULT_CHUNKS_PER_REPORT = 224
HNSW_M = 32  # HNSW is measured for comparison; the product does not build it (recall, see README)
HNSW_EF_SEARCH = 128
#: measures that make natural questions
QUESTION_MEASURES = ("执行率", "决算数", "预算数", "增长率", "基本支出", "项目支出", "年初预算数")


# ------------------------------------------------------------------------------------------ small helpers


def _status(key: str) -> float:
    """A /proc/self/status memory figure in MB (VmHWM = peak RSS, VmRSS = now)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(key + ":"):
            return int(line.split()[1]) / 1024
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def peak_rss_mb() -> float:
    return _status("VmHWM")


def rss_mb() -> float:
    return _status("VmRSS")


def mem_available_gb() -> float:
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemAvailable:"):
            return int(line.split()[1]) / 1024**2
    return 8.0


def dir_mb(path: Path) -> float:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 1024**2


def pct(values: Sequence[float], q: float) -> float:
    """Percentile with linear interpolation (q in 0..100)."""
    return float(np.percentile(np.asarray(values, dtype=np.float64), q)) if len(values) else float("nan")


def log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def unit_rows(x: np.ndarray) -> np.ndarray:
    x /= np.linalg.norm(x, axis=1, keepdims=True)
    return x


class RandomEmbedder:
    """Stands in for qa.search.embed.Embedder with seeded random unit vectors: same methods, no model.

    Every text gets a vector seeded by its text (a 64-bit digest), passages and queries alike: the same text
    always gets the same vector, as with the model, so the index stores repeated table rows' vectors once.
    """

    name = "random"

    def __init__(self, settings: Any = None, dim: int = DIM, seed: int = 0) -> None:
        from qa.config import Settings

        self.settings = Settings.resolve(settings)
        self.dim = dim
        self._rng = np.random.default_rng(seed)

    def encode_passages(self, texts: Sequence[str], **_: Any) -> np.ndarray:
        return self.encode_queries(texts)

    def encode_queries(self, texts: Sequence[str]) -> np.ndarray:
        out = [np.random.default_rng(int.from_bytes(hashlib.blake2b(t.encode("utf-8"), digest_size=8).digest(), "little"))
               .standard_normal(self.dim, dtype=np.float32) for t in texts]
        return unit_rows(np.stack(out)) if out else np.zeros((0, self.dim), np.float32)

    def encode_query(self, text: str) -> np.ndarray:
        return self.encode_queries([text])[0]


def make_embedder(use_model: bool, precision: str | None):
    from qa.config import Settings

    settings = Settings.resolve(None, precision=precision)
    if not use_model:
        return RandomEmbedder(settings)
    from qa.search.embed import Embedder

    return Embedder(settings)


# ------------------------------------------------------------------------------------------ corpus and questions


def _write_report(job: tuple[int, tuple[int, str, str, str, int], str]) -> tuple[str, int]:
    from qa.demo.sample import make_report, write_text

    i, (seed, kind, region, dept, year), directory = job
    report = make_report(seed, kind=kind, region=region, department=dept, year=year)
    path = Path(directory) / report_name(i, year, kind)
    write_text(report, path, page_breaks=True)
    return str(path), path.read_text(encoding="utf-8").count("\f") + 1


def generate_corpus(directory: Path, n: int, workers: int) -> dict[str, Any]:
    """n text reports with page breaks (qa.demo.sample.corpus_plan, seed 0); returns counts and timing."""
    from qa.demo.sample import corpus_plan

    directory.mkdir(parents=True, exist_ok=True)
    jobs = [(i, p, str(directory)) for i, p in enumerate(corpus_plan(n, seed=0))]
    t = time.perf_counter()
    if workers <= 1 or n < 64:
        out = [_write_report(j) for j in jobs]
    else:
        with ProcessPoolExecutor(max_workers=workers) as ex:
            out = list(ex.map(_write_report, jobs, chunksize=64))
    seconds = time.perf_counter() - t
    return {"reports": n, "gen_s": seconds, "gen_reports_per_s": n / seconds if seconds else float("nan"),
            "gen_pages": sum(p for _, p in out), "corpus_mb": dir_mb(directory)}


def report_name(i: int, year: int, kind: str) -> str:
    """The file name of the i-th generated report."""
    return f"sample-{i:05d}-{year}-{'final' if kind == '决算' else 'budget'}.txt"


def questions(n: int) -> tuple[list[tuple[str, str]], list[str]]:
    """(scoped, unscoped) questions from the first reports of the corpus plan: the same list for every N >= 30.

    Scoped: (`<地区><部门><年>年<科目><指标>`, the file name of the report it was made from) about a figure that
    report states. Unscoped: `<科目><指标>` alone.
    """
    from qa.demo.sample import corpus_plan, make_report

    plan = corpus_plan(max(n, 1), seed=0)
    scoped: list[tuple[str, str]] = []
    unscoped: list[str] = []
    for i in range(N_SCOPED):
        seed, kind, region, dept, year = plan[i % len(plan)]
        report = make_report(seed, kind=kind, region=region, department=dept, year=year)
        facts = [f for f in report.facts if f.measure in QUESTION_MEASURES and f.subject not in ("合计", "总计")]
        f = facts[(i * 7) % len(facts)]
        scoped.append((f"{region}{dept}{year}年{f.subject}{f.measure}", report_name(i % len(plan), year, kind)))
        if len(unscoped) < N_UNSCOPED:
            unscoped.append(f"{f.subject}{f.measure}")
    return scoped, unscoped


# ------------------------------------------------------------------------------------------ worker: build


class StageTimer:
    """Times update_index's stages: its own progress stages (read, embed) and, by wrapping qa.store.index helpers for
    the duration of the run, the parts of writing (jieba, bigrams, BM25, FAISS). The rest of writing is SQLite,
    vectors.npy and fsync."""

    WRAPPED = {"writer:word_tokens": "jieba words", "writer:bigram_tokens": "bigrams",
               "writer:write_bm25": "BM25 build+save", "writer:build_faiss": "FAISS build"}

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}
        self._stage: str | None = None
        self._t = 0.0
        self._saved: dict[str, Callable] = {}

    def on_progress(self, stage: str, done: int, total: int) -> None:
        now = time.perf_counter()
        if stage != self._stage:
            if self._stage:
                self.seconds[self._stage] = self.seconds.get(self._stage, 0.0) + now - self._t
            self._stage, self._t = stage, now
        if done >= total:
            self.seconds[stage] = self.seconds.get(stage, 0.0) + now - self._t
            self._stage = None

    def __enter__(self) -> "StageTimer":
        import importlib

        for key, label in self.WRAPPED.items():
            module, name = key.split(":")
            try:
                qi = importlib.import_module(f"qa.store.{module}")
            except ModuleNotFoundError:  # an older checkout measured for "before": that stage is not broken out
                continue
            fn = getattr(qi, name, None)
            if fn is None:  # renamed in qa.store: that stage is simply not broken out
                continue
            self._saved[key] = fn

            def timed(*a: Any, _fn: Callable = fn, _label: str = label, **k: Any) -> Any:
                t = time.perf_counter()
                try:
                    return _fn(*a, **k)
                finally:
                    self.seconds[_label] = self.seconds.get(_label, 0.0) + time.perf_counter() - t

            setattr(qi, name, timed)
        return self

    def __exit__(self, *exc: Any) -> None:
        import importlib

        for key, fn in self._saved.items():
            module, name = key.split(":")
            setattr(importlib.import_module(f"qa.store.{module}"), name, fn)


def worker_build(n: int, work: Path, use_model: bool, workers: int, precision: str | None) -> dict[str, Any]:
    from qa.store.build import update_index
    from qa.store.index import open_index

    out: dict[str, Any] = {"reports": n, "dense": "model" if use_model else "random"}
    out.update(generate_corpus(work / "corpus", n, workers))
    log(f"  generated {n} reports in {out['gen_s']:.1f} s")
    embedder = make_embedder(use_model, precision)
    if use_model:
        t = time.perf_counter()
        embedder.model  # noqa: B018 - load now, so loading is not counted as indexing
        out["model_load_s"] = time.perf_counter() - t
        out["precision"] = "bf16" if embedder.passage_bf16 else "fp32"
    out["rss_before_index_mb"] = rss_mb()
    timer = StageTimer()
    with timer:
        report = update_index(work / "index", add=[work / "corpus"], settings=embedder.settings, embedder=embedder,
                              on_progress=timer.on_progress)
    total = report.seconds
    st = timer.seconds
    write = total - st.get("read", 0.0) - st.get("embed", 0.0)
    stages = {"read+chunk+facts": st.get("read", 0.0), "embed": st.get("embed", 0.0)}
    for label in StageTimer.WRAPPED.values():
        if label in st:
            stages[label] = st[label]
    stages["SQLite+npy+fsync"] = max(0.0, write - sum(st.get(k, 0.0) for k in StageTimer.WRAPPED.values()))
    index = open_index(work / "index")
    pages = sum(int(d["pages"] or 0) for d in index.documents)
    parts = {p.name: (dir_mb(p) if p.is_dir() else p.stat().st_size / 1024**2) for p in index.path.iterdir()}
    out.update({
        "chunks": report.chunks, "pages": pages, "build_s": total,
        "chunks_per_s": report.chunks / total, "pages_per_s": pages / total, "reports_per_s": n / total,
        "stages_s": stages, "index_mb": dir_mb(index.path), "index_parts_mb": parts,
        "faiss": index.manifest.get("faiss") or "exact", "distinct_vectors": index.manifest.get("distinct_vectors"),
        "peak_rss_build_mb": peak_rss_mb(),
    })
    index.close()
    return out


# ------------------------------------------------------------------------------------------ worker: query


def worker_query(n: int, work: Path, use_model: bool, precision: str | None) -> dict[str, Any]:
    from qa.store.index import open_index
    from qa.search.retrieve import Retriever

    embedder = make_embedder(use_model, precision)
    if use_model:
        embedder.model  # noqa: B018
    base_rss = rss_mb()
    t = time.perf_counter()
    index = open_index(work / "index")
    index.warm_up()
    open_s = time.perf_counter() - t
    retriever = Retriever(index, embedder)
    scoped, unscoped = questions(n)
    texts = [q for q, _ in scoped]
    for q in texts[:3] + unscoped[:1]:  # warm-up (jieba dictionary, first BM25 and dense calls)
        retriever.search(q, top_k=TOP_K, mode="hybrid")

    def timed(qs: list[str]) -> tuple[list[float], list[list[Any]]]:
        lat, hits = [], []
        for _ in range(QUERY_REPEATS):
            for q in qs:
                t0 = time.perf_counter()
                h = retriever.search(q, top_k=TOP_K, mode="hybrid")
                lat.append((time.perf_counter() - t0) * 1000)
                hits.append(h)
        return lat, hits

    lat_s, hits_s = timed(texts)
    lat_u, _ = timed(unscoped)
    # sanity: the question's scope is the report it was made from, and the top hit comes from that report. (The
    # generated reports' region, e.g. 示例市安湖区, is not in the gazetteer: the index reads it as part of the
    # department's name and leaves `region` empty, so comparing regions would count every hit as wrong.)
    docs = index.documents_by_id
    in_scope = [any(docs[d]["source"] == source for d in retriever.parse(q).doc_ids) for q, source in scoped]
    right = [bool(h) and docs[h[0].chunk.doc_id]["source"] == source
             for (_, source), h in zip(scoped * QUERY_REPEATS, hits_s)]
    out = {
        "questions_scoped": len(scoped), "questions_unscoped": len(unscoped), "repeats": QUERY_REPEATS,
        "open_warm_s": open_s, "query_p50_ms": pct(lat_s, 50), "query_p95_ms": pct(lat_s, 95),
        "unscoped_p50_ms": pct(lat_u, 50), "unscoped_p95_ms": pct(lat_u, 95),
        "scope_has_source_share": sum(in_scope) / len(in_scope),
        "top1_from_source_share": sum(right) / len(right),
        "serve_rss_mb": peak_rss_mb(), "serve_rss_over_model_mb": peak_rss_mb() - base_rss,
        "examples": texts[:3] + unscoped[:2],
    }
    if use_model:  # what one query embedding costs (included in the p50/p95 above), and vectors for the ANN run
        enc = []
        for q in texts:
            t0 = time.perf_counter()
            embedder.encode_query(q)
            enc.append((time.perf_counter() - t0) * 1000)
        out["query_encode_p50_ms"] = pct(enc, 50)
        np.save(work / "query_vectors.npy", embedder.encode_queries(texts + unscoped))
    index.close()
    return out


# ------------------------------------------------------------------------------------------ worker: ANN


def ivf_params(n: int) -> tuple[int, list[int]]:
    """The product's nlist (qa.store.vectors.ivf_lists); nprobe: 1/64, 1/16 and 1/4 (the product's) of the lists."""
    from qa.store.vectors import ivf_lists

    nlist, product_nprobe = ivf_lists(n)
    return nlist, sorted({max(1, nlist // 64), max(2, nlist // 16), product_nprobe})


def clustered_vectors(n: int, dim: int, seed: int, per_cluster: int = 200, spread: float = 0.6) -> tuple[np.ndarray, Callable[[int], np.ndarray]]:
    """n unit vectors around n/per_cluster random centres (cosine to the centre ~0.86), and a sampler of queries
    from the same mixture."""
    rng = np.random.default_rng(seed)
    k = max(4, n // per_cluster)
    centres = unit_rows(rng.standard_normal((k, dim), dtype=np.float32))
    x = np.empty((n, dim), np.float32)
    step = 200_000
    for i in range(0, n, step):
        m = min(step, n - i)
        x[i : i + m] = centres[rng.integers(0, k, m)] + rng.standard_normal((m, dim), dtype=np.float32) * (spread / math.sqrt(dim))
    unit_rows(x)

    def queries(q: int) -> np.ndarray:
        r = np.random.default_rng(seed + 1)
        return unit_rows(centres[r.integers(0, k, q)] + r.standard_normal((q, dim), dtype=np.float32) * (spread / math.sqrt(dim)))

    return x, queries


def _latency(index: Any, q: np.ndarray, k: int, budget_s: float = 20.0) -> list[float]:
    lat = []
    start = time.perf_counter()
    for row in q:
        t = time.perf_counter()
        index.search(row[None, :], k)
        lat.append((time.perf_counter() - t) * 1000)
        if time.perf_counter() - start > budget_s and len(lat) >= 20:
            break
    return lat


def worker_ann(vector_set: str, n: int, work: Path, hnsw_max: int, seed: int = 1) -> dict[str, Any]:
    """vector_set: "index" (the index's vectors.npy, model or random), "random" or "clustered" of n vectors."""
    import faiss

    from qa.store.vectors import IVF_NITER, IVF_TRAIN_PER_LIST

    qpath = work / "query_vectors.npy"
    if vector_set == "index":
        from qa.store.index import open_index

        index = open_index(work / "index")
        x = np.ascontiguousarray(np.load(index.path / "vectors.npy"), dtype=np.float32)
        index.close()
        if qpath.exists():  # the model's embeddings of the benchmark questions
            q = np.load(qpath).astype(np.float32)
            kind = "model"
        else:
            q = unit_rows(np.random.default_rng(seed).standard_normal((ANN_QUERIES, x.shape[1]), dtype=np.float32))
            kind = "random"
    elif vector_set == "random":
        x = unit_rows(np.random.default_rng(seed).standard_normal((n, DIM), dtype=np.float32))
        q = unit_rows(np.random.default_rng(seed + 1).standard_normal((ANN_QUERIES, DIM), dtype=np.float32))
        kind = "random"
    else:
        x, sample = clustered_vectors(n, DIM, seed)
        q = sample(ANN_QUERIES)
        kind = "clustered"
    n, dim = x.shape
    rows: list[dict[str, Any]] = []
    base = {"vectors": n, "set": kind, "queries": len(q)}
    truth: np.ndarray = np.zeros(0)
    truth_scores: np.ndarray = np.zeros(0)
    if kind == "model":  # the same chunk text in many reports gives the same vector
        base["distinct_vectors"] = int(len(np.unique(x, axis=0)))

    def measure(name: str, params: str, idx: Any, build_s: float | None, rss_before: float) -> dict[str, Any]:
        """build_s None: the same index as the row before, searched with other parameters."""
        lat10 = _latency(idx, q, 10)
        lat1000 = _latency(idx, q[:50], min(1000, n), budget_s=10.0)
        scores, got = idx.search(q, 10)
        # recall@10 counts a returned vector as right when it scores at least the exact 10th best: identical
        # chunks (the same table row in many reports) have identical vectors, and which of the tied ones come
        # back is arbitrary. id_recall_at_10 is the strict share of the exact ids.
        recall = float(np.mean(np.sum(scores >= truth_scores[:, 9:10] - 1e-5, axis=1) / 10))
        id_recall = float(np.mean([len(set(a) & set(b)) / 10 for a, b in zip(got.tolist(), truth.tolist())]))
        row = {**base, "index": name, "params": params, "build_s": build_s,
               "size_mb": faiss.serialize_index(idx).nbytes / 1024**2,
               "rss_delta_mb": rss_mb() - rss_before if build_s is not None else None,
               "p50_ms": pct(lat10, 50), "p95_ms": pct(lat10, 95), "k1000_p50_ms": pct(lat1000, 50),
               "recall_at_10": recall, "id_recall_at_10": id_recall}
        log(f"    {kind} {n:,} {name} {params}: build {build_s or 0:.1f} s, p50 {row['p50_ms']:.2f} ms, "
            f"recall@10 {recall:.3f} (ids {id_recall:.3f})")
        return row

    rss0 = rss_mb()
    t = time.perf_counter()
    flat = faiss.IndexFlatIP(dim)
    flat.add(x)
    build = time.perf_counter() - t
    truth_scores, truth = flat.search(q, 10)  # batched: the ground truth
    rows.append(measure("FlatIP", "exact", flat, build, rss0))
    del flat

    if n <= hnsw_max:
        rss0 = rss_mb()
        t = time.perf_counter()
        hnsw = faiss.IndexHNSWFlat(dim, HNSW_M, faiss.METRIC_INNER_PRODUCT)
        hnsw.add(x)
        build = time.perf_counter() - t
        for ef in (HNSW_EF_SEARCH, 32):
            hnsw.hnsw.efSearch = ef
            rows.append(measure("HNSWFlat", f"M={HNSW_M} efC=40 efSearch={ef}", hnsw, build if ef == HNSW_EF_SEARCH else None, rss0))
        del hnsw
    else:
        rows.append({**base, "index": "HNSWFlat", "params": f"M={HNSW_M}", "skipped": f"not built above --hnsw-max-vectors={hnsw_max:,}"})

    nlist, probes = ivf_params(n)
    rss0 = rss_mb()
    t = time.perf_counter()
    quantizer = faiss.IndexFlatIP(dim)
    ivf = faiss.IndexIVFFlat(quantizer, dim, nlist, faiss.METRIC_INNER_PRODUCT)
    ivf.cp.niter = IVF_NITER
    train_n = min(n, IVF_TRAIN_PER_LIST * nlist)
    ivf.train(x[np.sort(np.random.default_rng(seed).choice(n, train_n, replace=False))] if train_n < n else x)
    train_s = time.perf_counter() - t
    ivf.add(x)
    build = time.perf_counter() - t
    for i, nprobe in enumerate(probes):
        ivf.nprobe = nprobe
        r = measure("IVFFlat", f"nlist={nlist} nprobe={nprobe}", ivf, build if i == 0 else None, rss0)
        r["train_s"] = train_s
        rows.append(r)
    del ivf
    from qa.store.vectors import build_faiss

    rss0 = rss_mb()
    t = time.perf_counter()
    sq = build_faiss(x, seed=seed)  # the product's index above IVF_MIN_VECTORS (it re-scores candidates exactly)
    rows.append(measure("IVFSQ8 (product)", f"nlist={sq.nlist} nprobe={sq.nprobe}", sq, time.perf_counter() - t, rss0))
    return {"rows": rows, "peak_rss_mb": peak_rss_mb()}


# ------------------------------------------------------------------------------------------ orchestration


def run_worker(args: list[str], timeout: float, code: Path = ROOT) -> dict[str, Any]:
    """Run a stage in a fresh process, importing `qa` from the checkout `code`."""
    cmd = [sys.executable, str(Path(__file__).resolve()), "--worker", *args]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(code), os.environ.get("PYTHONPATH")]))}
    proc = subprocess.run(cmd, stdout=subprocess.PIPE, text=True, cwd=ROOT, env=env, timeout=timeout)
    if proc.returncode != 0:
        raise RuntimeError(f"worker {' '.join(args)} exited {proc.returncode}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def projected_chunks_per_report(done: list[dict[str, Any]]) -> float:
    built = [r for r in done if r.get("built")]
    return built[-1]["chunks"] / built[-1]["reports"] if built else DEFAULT_CHUNKS_PER_REPORT


def project(n: int, done: list[dict[str, Any]], use_model: bool) -> dict[str, Any]:
    """Chunks, pages, build time (without FAISS), index size and peak RSS for n reports, scaled linearly in chunks
    from the largest size built so far in this run with the same kind of vectors (peak RSS: what the process held
    before indexing, plus the growth per chunk seen in that build). A model build grows ~6× more per chunk (the
    model's activations) and spends its time embedding, so it says little about a random-vector build."""
    built = [r for r in done if r.get("built") and r["dense"] == ("model" if use_model else "random")]
    out: dict[str, Any] = {"chunks": round(n * projected_chunks_per_report(done))}
    base = BASE_RSS_MB + (MODEL_RSS_MB if use_model else 0)
    if not built:
        out["peak_rss_build_mb"] = base + DEFAULT_RSS_PER_REPORT_MB / DEFAULT_CHUNKS_PER_REPORT * out["chunks"]
        return out
    b = built[-1]
    per_chunk = (b["peak_rss_build_mb"] - b["rss_before_index_mb"]) / b["chunks"]
    out["peak_rss_build_mb"] = base + per_chunk * out["chunks"]
    out["build_s_excl_faiss"] = (b["build_s"] - b["stages_s"].get("FAISS build", 0.0)) / b["chunks"] * out["chunks"]
    out["pages"] = round(b["pages"] / b["reports"] * n)
    out["index_mb"] = b["index_mb"] / b["chunks"] * out["chunks"]
    return out


def run(sizes: list[int], *, real_model_max: int, workers: int, precision: str | None, mem_budget_gb: float,
        hnsw_max: int, clustered_max: int, tmp: Path | None, timeout: float, ann: bool = True,
        keep: Path | None = None) -> dict[str, Any]:
    meta = {
        "cores": os.cpu_count(), "machine": platform.processor() or platform.machine(), "python": platform.python_version(),
        "load_avg_start": os.getloadavg(), "mem_available_gb_start": mem_available_gb(), "mem_budget_gb": mem_budget_gb,
        "started": time.strftime("%Y-%m-%d %H:%M:%S"), "real_model_max": real_model_max, "workers": workers,
        "hnsw_max_vectors": hnsw_max, "clustered_max_vectors": clustered_max, "ann": ann,
        "top_k": TOP_K, "query_repeats": QUERY_REPEATS,
    }
    with open("/proc/cpuinfo") as f:
        meta["cpu"] = next((line.split(":", 1)[1].strip() for line in f if line.startswith("model name")), "")
    results: list[dict[str, Any]] = []
    ann_rows: list[dict[str, Any]] = []
    top = Path(tempfile.mkdtemp(prefix="qa-scale-", dir=tmp))
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # so `finally` removes the temporary files
    try:
        for n in sizes:
            use_model = n <= real_model_max
            work = top / f"n{n}"
            work.mkdir()
            proj = project(n, results, use_model)
            need_gb = proj["peak_rss_build_mb"] / 1024
            log(f"N={n:,}: {'model' if use_model else 'random'} vectors; projected build peak RSS {need_gb:.1f} GB")
            if need_gb <= mem_budget_gb:
                row = run_worker(["build", str(n), str(work), str(int(use_model)), str(workers), precision or ""], timeout)
                row["built"] = True
                log(f"  built {row['chunks']:,} chunks in {row['build_s']:.1f} s, peak RSS {row['peak_rss_build_mb']:.0f} MB")
                row.update(run_worker(["query", str(n), str(work), str(int(use_model)), precision or ""], timeout))
                log(f"  queries p50 {row['query_p50_ms']:.1f} ms, p95 {row['query_p95_ms']:.1f} ms")
                sets = ["index"]
                n_vec = row["chunks"]
            else:
                row = {"reports": n, "dense": "random", "built": False,
                       "skipped": f"projected build peak RSS {need_gb:.1f} GB > budget {mem_budget_gb:.1f} GB",
                       "projected": proj}
                row.update(generate_corpus(work / "corpus", n, workers))
                log(f"  not built ({row['skipped']}); generated {n:,} reports in {row['gen_s']:.1f} s")
                n_vec = proj["chunks"]
                sets = ["random"] if n_vec * DIM * 4 * 2.3 / 1024**3 <= mem_budget_gb else []
            if n_vec <= clustered_max and n_vec * DIM * 4 * 2.3 / 1024**3 <= mem_budget_gb:
                sets.append("clustered")
            for s in sets if ann else []:
                res = run_worker(["ann", s, str(n_vec), str(work), str(hnsw_max)], timeout)
                for r in res["rows"]:
                    r["reports"] = n
                ann_rows += res["rows"]
            results.append(row)
            if keep is not None and (work / "index").is_dir():  # to query again without another build
                keep.mkdir(parents=True, exist_ok=True)
                shutil.move(str(work / "index"), str(keep / f"n{n}-index"))
            shutil.rmtree(work, ignore_errors=True)
    finally:
        shutil.rmtree(top, ignore_errors=True)
    meta["load_avg_end"] = os.getloadavg()
    meta["finished"] = time.strftime("%Y-%m-%d %H:%M:%S")
    return {"meta": meta, "sizes": results, "ann": ann_rows}


def requery(index: Path, n: int, codes: list[Path], rounds: int, timeout: float) -> dict[str, Any]:
    """Query an index kept by --keep again, once per checkout in `codes` and round, the checkouts alternating so
    that both sides of a comparison share the machine's load. The index is only read."""
    index = index.resolve()
    if not (index / "CURRENT").is_file():
        raise SystemExit(f"error: {index} is not an index folder kept by --keep")
    rows: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(prefix="qa-requery-") as tmp:
        (Path(tmp) / "index").symlink_to(index, target_is_directory=True)
        for r in range(rounds):
            for code in codes:
                row = run_worker(["query", str(n), tmp, "0", ""], timeout, code=code.resolve())
                row.update({"code": str(code), "round": r + 1, "reports": n})
                log(f"  {code} round {r + 1}: scoped p50 {row['query_p50_ms']:.1f} / p95 {row['query_p95_ms']:.1f} ms,"
                    f" unscoped p50 {row['unscoped_p50_ms']:.1f} / p95 {row['unscoped_p95_ms']:.1f} ms")
                rows.append(row)
    return {"meta": {"index": str(index), "load_avg": os.getloadavg(), "started": time.strftime("%Y-%m-%d %H:%M:%S")},
            "requery": rows}


# ------------------------------------------------------------------------------------------ report


def _f(v: Any, fmt: str = ",.0f", approx: bool = False) -> str:
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return "–"
    return ("~" if approx else "") + format(v, fmt)


SCALE_COLUMNS = ("reports", "pages", "chunks", "distinct vectors", "dense vectors", "FAISS", "gen reports/s", "build s", "chunks/s",
                 "pages/s", "index MB", "peak RSS build MB", "serve RSS MB", "query p50 ms", "query p95 ms",
                 "unscoped p50 ms", "unscoped p95 ms")
STAGE_COLUMNS = ("reports", "read+chunk+facts", "embed", "jieba words", "bigrams", "BM25 build+save", "FAISS build",
                 "SQLite+npy+fsync", "total")
ANN_COLUMNS = ("vectors", "set", "index", "params", "build s", "size MB", "RSS +MB", "p50 ms k=10", "p95 ms k=10",
               "p50 ms k=1000", "recall@10")


def to_markdown(res: dict[str, Any]) -> str:
    m = res["meta"]
    lines = [
        f"cores: {m['cores']} ({m['cpu']}); load average at start {m['load_avg_start'][0]:.2f}, at end "
        f"{m['load_avg_end'][0]:.2f} (the machine is shared: figures move with other users' load); "
        f"memory available at start {m['mem_available_gb_start']:.1f} GB, build budget {m['mem_budget_gb']:.1f} GB",
        "",
        f"dense vectors: model = the real embedding model (up to {m['real_model_max']:,} reports); random = seeded "
        "random unit vectors from a stand-in embedder (no model cost). pages = form-feed pages of the generated text "
        "(one per part and per table, as in the PDF). Queries: hybrid retrieval, top "
        f"{m['top_k']}, each question {m['query_repeats']}× after a warm-up; scoped = names region, department and "
        "year; unscoped = names none. `~` = projected from the largest size built (not measured).",
        "",
        "| " + " | ".join(SCALE_COLUMNS) + " |",
        "|" + "---|" * len(SCALE_COLUMNS),
    ]
    for r in res["sizes"]:
        p = r.get("projected", {})
        a = not r.get("built")
        build_s = r.get("build_s", p.get("build_s_excl_faiss"))
        chunks = r.get("chunks", p.get("chunks"))
        pages = r.get("pages", p.get("pages"))
        cells = [
            _f(r["reports"]), _f(pages, approx=a), _f(chunks, approx=a), _f(r.get("distinct_vectors")), r["dense"], r.get("faiss") or ("not built" if a else "–"),
            _f(r.get("gen_reports_per_s")), _f(build_s, ",.0f", a) + (" (excl. FAISS)" if a and build_s else ""),
            _f(r.get("chunks_per_s")), _f(r.get("pages_per_s"), ",.1f"), _f(r.get("index_mb", p.get("index_mb")), approx=a),
            _f(r.get("peak_rss_build_mb", p.get("peak_rss_build_mb")), approx=a), _f(r.get("serve_rss_mb")),
            _f(r.get("query_p50_ms"), ".1f"), _f(r.get("query_p95_ms"), ".1f"),
            _f(r.get("unscoped_p50_ms"), ".1f"), _f(r.get("unscoped_p95_ms"), ".1f"),
        ]
        lines.append("| " + " | ".join(cells) + " |")
    notes = [f"- N={r['reports']:,}: not built: {r['skipped']}." for r in res["sizes"] if r.get("skipped")]
    notes += [f"- N={r['reports']:,}: model load {r['model_load_s']:.1f} s (not in build s), passages in {r['precision']}; "
              f"one query embedding p50 {r['query_encode_p50_ms']:.1f} ms (in the query latency)."
              for r in res["sizes"] if r.get("model_load_s") is not None and r.get("query_encode_p50_ms") is not None]
    notes += [f"- N={r['reports']:,}: the scope holds the report a scoped question was made from for "
              f"{r['scope_has_source_share']:.0%} of them, and the top hit is from that report for "
              f"{r['top1_from_source_share']:.0%} (a sanity check, not an accuracy figure)."
              for r in res["sizes"] if "top1_from_source_share" in r]
    if notes:
        lines += [""] + notes
    lines += ["", "Index size on disk by part (MB):", ""]
    for r in res["sizes"]:
        if r.get("index_parts_mb"):
            lines.append(f"- N={r['reports']:,}: " + ", ".join(f"{k} {v:,.0f}" for k, v in sorted(r["index_parts_mb"].items())))
    lines += ["", "Where the build time goes (seconds):", "",
              "| " + " | ".join(STAGE_COLUMNS) + " |", "|" + "---|" * len(STAGE_COLUMNS)]
    for r in res["sizes"]:
        if r.get("stages_s"):
            st = r["stages_s"]
            lines.append("| " + " | ".join([_f(r["reports"])] + [_f(st.get(c), ",.1f") for c in STAGE_COLUMNS[1:-1]]
                                           + [_f(r["build_s"], ",.1f")]) + " |")
    lines += ["", "FAISS exact vs approximate search on the same vectors (one query at a time; recall@10 against "
              "IndexFlatIP; size = serialized index; k=1000 is what Retriever asks FAISS for when a question's scope "
              "exceeds its exact-search limit):", "",
              "| " + " | ".join(ANN_COLUMNS) + " |", "|" + "---|" * len(ANN_COLUMNS)]
    for a in res["ann"]:
        if a.get("skipped"):
            cells = [_f(a["vectors"]), a["set"], a["index"], a["params"], a["skipped"]] + ["–"] * 6
        else:
            cells = [_f(a["vectors"]), a["set"], a["index"], a["params"], _f(a["build_s"], ",.1f") if a["build_s"] is not None else "(same)",
                     _f(a["size_mb"]), _f(a["rss_delta_mb"]) if a["build_s"] is not None else "(same)", _f(a["p50_ms"], ".2f"), _f(a["p95_ms"], ".2f"),
                     _f(a["k1000_p50_ms"], ".2f"), _f(a["recall_at_10"], ".3f")]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


# ------------------------------------------------------------------------------------------ CLI


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="100,1000,10000", help="numbers of reports, comma-separated (default 100,1000,10000)")
    ap.add_argument("--quick", action="store_true", help="N=20 with random vectors: a smoke run")
    ap.add_argument("--real-model-max", type=int, default=None,
                    help="use the real embedding model up to this many reports (default 100; 0 with --quick)")
    ap.add_argument("--precision", choices=["auto", "bf16", "fp32"], help="passage precision for the real model (default: the product's setting)")
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="processes generating reports (default: cores)")
    ap.add_argument("--mem-budget-gb", type=float, default=None,
                    help="do not build a size whose projected peak RSS exceeds this (default 70%% of MemAvailable)")
    ap.add_argument("--hnsw-max-vectors", type=int, default=500_000, help="build HNSW for the comparison up to this many vectors (default 500,000)")
    ap.add_argument("--clustered-max-vectors", type=int, default=3_000_000, help="also compare on clustered vectors up to this many (default 3,000,000)")
    ap.add_argument("--no-ann", action="store_true", help="skip the FAISS exact vs approximate comparison")
    ap.add_argument("--tmp", type=Path, help="where to put temporary corpora and indexes (default: the system's)")
    ap.add_argument("--timeout", type=float, default=3600, help="seconds any one stage may take (default 3600)")
    ap.add_argument("--keep", type=Path, help="keep each built index here as n<N>-index (default: remove it)")
    ap.add_argument("--requery", type=Path, metavar="INDEX",
                    help="no build: query an index kept by --keep again (random vectors; N from --sizes or its name)")
    ap.add_argument("--code", type=Path, action="append",
                    help="with --requery: a checkout whose qa answers (repeat to compare; default this one)")
    ap.add_argument("--rounds", type=int, default=2, help="with --requery: runs per checkout, alternating (default 2)")
    ap.add_argument("--json", type=Path, help="also write the results here")
    ap.add_argument("--worker", nargs="+", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.worker:
        kind, *w = args.worker
        if kind == "build":
            res = worker_build(int(w[0]), Path(w[1]), w[2] == "1", int(w[3]), w[4] or None)
        elif kind == "query":
            res = worker_query(int(w[0]), Path(w[1]), w[2] == "1", w[3] or None)
        else:
            res = worker_ann(w[0], int(w[1]), Path(w[2]), int(w[3]))
        print(json.dumps(res, ensure_ascii=False))
        return 0
    try:
        sizes = [20] if args.quick else [int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()]
    except ValueError:
        ap.error(f"--sizes must be comma-separated integers; got {args.sizes!r}")
    if any(n < 1 for n in sizes):
        ap.error("--sizes must be >= 1")
    if args.requery:
        m = re.fullmatch(r"n(\d+)-index", args.requery.name)
        n = int(m.group(1)) if m and args.sizes == ap.get_default("sizes") else sizes[0]
        res = requery(args.requery, n, args.code or [ROOT], max(1, args.rounds), args.timeout)
        print("| checkout | round | scoped p50 / p95 ms | unscoped p50 / p95 ms | serve RSS MB |")
        print("|---|---|---|---|---|")
        for r in res["requery"]:
            print(f"| {r['code']} | {r['round']} | {r['query_p50_ms']:.1f} / {r['query_p95_ms']:.1f} "
                  f"| {r['unscoped_p50_ms']:.1f} / {r['unscoped_p95_ms']:.1f} | {r['serve_rss_mb']:,.0f} |")
    else:
        real_model_max = args.real_model_max if args.real_model_max is not None else (0 if args.quick else 100)
        budget = args.mem_budget_gb if args.mem_budget_gb is not None else 0.7 * mem_available_gb()
        res = run(sizes, real_model_max=real_model_max, workers=max(1, args.workers), precision=args.precision,
                  mem_budget_gb=budget, hnsw_max=args.hnsw_max_vectors, clustered_max=args.clustered_max_vectors,
                  tmp=args.tmp, timeout=args.timeout, ann=not args.no_ann, keep=args.keep)
        print(to_markdown(res))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(res, indent=2, ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
