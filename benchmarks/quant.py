"""Passage encoding at each precision against torch fp32, on the real model, in one run: speed and cosine.

    python benchmarks/quant.py [--chunks 150] [--batch 32] [--rounds 2]

Rows: torch fp32, bf16 autocast (the default on CPUs with native bf16), torch dynamic int8
(`quantize_dynamic` on the Linear layers), and onnxruntime copies made with `qa.search.onnx_int8`'s steps in a
temporary folder: fp32, int8 of every MatMul (unfused graph), int8 of every MatMul (fused graph), and the product's
`precision=int8` recipe (fused graph, each layer's FFN output projection kept fp32). Passages are sampled from the
shared text reports, narrative passages and table rows separately (table rows are short: their speed differs).
Speed is the best of `--rounds` passes taken in turn (the machine is shared). Issue 13 keeps a precision only if the
cosine stays >= 0.99 (and retrieval R@5 drops <= 0.01, which `qa eval` measures).
"""
from __future__ import annotations

import argparse
import copy
import os
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
CORPUS = ROOT.parent / "shared" / "corpus"


def passages(n: int) -> dict[str, list[str]]:
    """`n` distinct narrative passages and `n` distinct table rows, spread evenly over the shared text reports."""
    from qa.ingest.chunking import chunk_document
    from qa.ingest.document import load_document

    chunks = []
    for path in sorted(CORPUS.glob("*.txt")) + sorted((CORPUS / "dev").glob("*.txt")):
        chunks += chunk_document(load_document(path), chunk_size=300, overlap=40)
    out = {}
    for kind in ("text", "table_row"):
        pool = list(dict.fromkeys(c.text for c in chunks if c.kind == kind))
        out[kind] = pool[:: max(1, len(pool) // n)][:n]
    return out


def onnx_copies(model, work: Path) -> dict[str, Path]:
    from qa.search.onnx_int8 import _export_fp32, _fuse, quantize

    fp32 = _export_fp32(model, work / "model.onnx")
    fused = _fuse(model, fp32, work / "fused.onnx")
    return {
        "onnxruntime fp32": fp32,
        "onnxruntime int8, every MatMul, unfused": quantize(fp32, work / "q-unfused.onnx", lambda name: False),
        "onnxruntime int8, every MatMul, fused": quantize(fused, work / "q-all.onnx", lambda name: False),
        "onnxruntime int8, FFN output fp32, fused (precision=int8)": quantize(fused, work / "q-product.onnx"),
    }


def main(argv: list[str] | None = None) -> int:
    import torch

    from qa.search.embed import Embedder, model_folder
    from qa.search.onnx_int8 import Int8Encoder

    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--chunks", type=int, default=150, help="passages of each kind")
    ap.add_argument("--batch", type=int, default=32)
    ap.add_argument("--rounds", type=int, default=2)
    args = ap.parse_args(argv)
    texts = passages(args.chunks)
    fp = Embedder()
    tokenizer = Path(model_folder(fp.settings.embed_model, fp.settings.cache_dir)) / "tokenizer.json"
    prompt = fp.model.prompts.get("document", fp.model.prompts.get("passage", ""))
    q8 = Embedder(model=torch.ao.quantization.quantize_dynamic(copy.deepcopy(fp.model), {torch.nn.Linear}, dtype=torch.qint8))
    with tempfile.TemporaryDirectory(prefix="qa-quant-") as tmp:
        encoders = {
            "torch fp32": lambda t: fp.encode_passages(t, bf16=False, batch_size=args.batch),
            "torch bf16 autocast": lambda t: fp.encode_passages(t, bf16=True, batch_size=args.batch),
            "torch int8 dynamic": lambda t: q8.encode_passages(t, bf16=False, batch_size=args.batch),
        }
        for name, path in onnx_copies(fp.model, Path(tmp)).items():
            enc = Int8Encoder(path, tokenizer)
            encoders[name] = lambda t, enc=enc: enc.encode([prompt + x for x in t], args.batch)
        seconds = {(name, kind): float("inf") for name in encoders for kind in texts}
        vectors = {}
        for name, encode in encoders.items():
            encode(texts["text"][:8])  # warm-up at a small shape
        for _ in range(args.rounds):
            for name, encode in encoders.items():
                for kind, batch in texts.items():
                    t = time.perf_counter()
                    vectors[name, kind] = encode(batch)
                    seconds[name, kind] = min(seconds[name, kind], time.perf_counter() - t)
    n = {k: len(v) for k, v in texts.items()}
    print(f"{n['text']} passages + {n['table_row']} table rows of the shared text reports, batch {args.batch}, "
          f"torch threads {torch.get_num_threads()}, best of {args.rounds}, load avg {os.getloadavg()[0]:.1f}\n")
    print("| passages encoded with | passages/s | × torch fp32 | table rows/s | × torch fp32 | cosine to fp32, min (passages / rows) | mean |")
    print("|---|---|---|---|---|---|---|")
    for name in encoders:
        cells = []
        for kind in texts:
            speed = n[kind] / seconds[name, kind]
            cells += [f"{speed:.1f}", f"{seconds['torch fp32', kind] / seconds[name, kind]:.2f}"]
        cos = {k: np.sum(vectors[name, k] * vectors["torch fp32", k], axis=1) for k in texts}
        low = " / ".join(f"{cos[k].min():.4f}" for k in texts)
        mean = np.concatenate(list(cos.values())).mean()
        print(f"| {name} | {' | '.join(cells)} | {low} | {mean:.4f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
