"""How fast is a question encoded, and how close are its vectors, in torch fp32 against the int8 ONNX copy?

    python benchmarks/query_encode.py [--questions devset/a devset/c ../shared/eval/gold_public.jsonl] [--rounds 3]

Both encoders on one thread, the same questions, best of `rounds` per question. Prints a Markdown table:
ms per question (p50 / p95 / max) and cosine to torch fp32 (min / mean). Asserts nothing.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from qa.config import Settings  # noqa: E402
from qa.search.embed import Embedder, _one_torch_thread  # noqa: E402


def _questions(paths: list[str]) -> list[str]:
    out: list[str] = []
    for p in paths:
        path = Path(p)
        files = sorted(path.glob("*.jsonl")) if path.is_dir() else [path]
        for f in files:
            out += [json.loads(line)["question"] for line in f.read_text(encoding="utf-8").splitlines() if line.strip()]
    return out


def _timed(encode, questions: list[str], rounds: int) -> tuple[list[float], np.ndarray]:
    times, vectors = [], []
    for q in questions:
        best = float("inf")
        for _ in range(rounds):
            t = time.perf_counter()
            v = encode([q])[0]
            best = min(best, (time.perf_counter() - t) * 1000)
        times.append(best)
        vectors.append(v)
    return times, np.stack(vectors)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--questions", nargs="+", default=[str(ROOT / "devset/a"), str(ROOT / "devset/c"),
                                                         str(ROOT.parent / "shared/eval/gold_public.jsonl")])
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()
    questions = _questions(args.questions)
    embedder = Embedder(Settings(precision="int8"))
    fp32 = lambda texts: embedder._encode(texts, "query", False, 1, threads=_one_torch_thread())  # noqa: E731
    int8 = embedder.encode_queries
    fp32([questions[0]]), int8([questions[0]])  # (loads and first-call costs out of the figures)
    load = os.getloadavg()[0]
    t_fp32, v_fp32 = _timed(fp32, questions, args.rounds)
    t_int8, v_int8 = _timed(int8, questions, args.rounds)
    cos = (v_fp32 * v_int8).sum(axis=1)

    def row(name: str, t: list[float], c: np.ndarray | None) -> str:
        s = sorted(t)
        sim = f"{c.min():.4f} / {c.mean():.4f}" if c is not None else "1 / 1"
        return (f"| {name} | {statistics.median(s):.1f} | {s[int(0.95 * (len(s) - 1))]:.1f} | {s[-1]:.1f} | "
                f"{statistics.median(t_fp32) / statistics.median(s):.2f} | {sim} |")

    print(f"{len(questions)} questions, one thread each, best of {args.rounds}; load average {load:.2f} at start, "
          f"{os.getloadavg()[0]:.2f} at end\n")
    print("| queries encoded with | p50 ms | p95 ms | max ms | × torch fp32 (p50) | cosine to fp32, min / mean |")
    print("|---|---|---|---|---|---|")
    print(row("torch fp32 (before)", t_fp32, None))
    print(row("onnxruntime int8 v2 (now, with int8 passages)", t_int8, cos))


if __name__ == "__main__":
    main()
