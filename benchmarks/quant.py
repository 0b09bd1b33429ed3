"""Passage encoding: fp32, bf16 autocast (the product's default on CPUs with native bf16) and torch dynamic int8
(`torch.ao.quantization.quantize_dynamic` on the Linear layers), on the real model, in one run.

    python benchmarks/quant.py [--chunks 96] [--batch 32]

Prints chunks/s and each passage vector's cosine to fp32 (min and mean). Issue 13 keeps a lower precision only
if the cosine stays >= 0.99 (and retrieval R@5 drops <= 0.01, which `qa eval` measures).
"""
from __future__ import annotations

import argparse
import copy
import os
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
CORPUS = ROOT.parent / "shared" / "corpus"


def passages(n: int) -> list[str]:
    from qa.ingest.chunking import chunk_document
    from qa.ingest.document import load_document

    out: list[str] = []
    for path in sorted(CORPUS.glob("*.txt")):
        out += [c.text for c in chunk_document(load_document(path), chunk_size=300, overlap=40)]
    step = max(1, len(out) // n)
    return out[::step][:n]


def main(argv: list[str] | None = None) -> int:
    import torch

    from qa.search.embed import Embedder

    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--chunks", type=int, default=96)
    ap.add_argument("--batch", type=int, default=32)
    args = ap.parse_args(argv)
    texts = passages(args.chunks)
    fp = Embedder()
    int8 = Embedder(model=torch.ao.quantization.quantize_dynamic(copy.deepcopy(fp.model), {torch.nn.Linear}, dtype=torch.qint8))
    runs = {"fp32": (fp, False), "bf16 autocast": (fp, True), "int8 dynamic (torch)": (int8, False)}
    out = {}
    for name, (emb, bf16) in runs.items():
        emb.encode_passages(texts[:8], bf16=bf16, batch_size=args.batch)  # warm-up at a small shape
        t = time.perf_counter()
        vectors = emb.encode_passages(texts, bf16=bf16, batch_size=args.batch)
        out[name] = (len(texts) / (time.perf_counter() - t), vectors)
    print(f"{len(texts)} passages of the shared reports, batch {args.batch}, torch threads {torch.get_num_threads()}, "
          f"load avg {os.getloadavg()[0]:.1f}\n")
    print("| precision | chunks/s | × fp32 | cosine to fp32, min | mean |")
    print("|---|---|---|---|---|")
    base_speed, base = out["fp32"]
    for name, (speed, vectors) in out.items():
        cos = np.sum(vectors * base, axis=1)
        print(f"| {name} | {speed:.1f} | {speed / base_speed:.2f} | {cos.min():.4f} | {cos.mean():.4f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
