"""Ingest cost as a ratio to reading: one plain pdfplumber pass vs `qa index`, over the same PDFs, in one run.

    python benchmarks/ingest.py [--pdfs '../shared/corpus/pdf*/*.pdf'] [--model multilingual-e5-small|hash]
                                [--workers N] [--precision auto|bf16|fp32|int8] [--skip-read]

Side A: pdfplumber `extract_text()` + `extract_tables()` on every page, one process (what reading costs).
Side B: `qa.build_index` of the same files into a fresh index, the model's load included, with an EMPTY
embedding cache (the run gets a cache folder of its own, holding only the materialised model), so every
passage is embedded. Stage times come from the progress callback, summed over the run's steps: `read` (load,
chunk, extract facts), `embed` (model load + encoding), and the rest (writing SQLite, BM25 and FAISS).

The machine is shared: read the ratio, not the seconds. Both sides run in the same process, one after the other.
"""
from __future__ import annotations

import argparse
import glob
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DEFAULT_PDFS = str(ROOT.parent / "shared" / "corpus" / "pdf*" / "*.pdf")


def read_pass(files: list[Path]) -> tuple[float, int]:
    import pdfplumber

    t, pages = time.perf_counter(), 0
    for path in files:
        with pdfplumber.open(path) as pdf:
            for page in pdf.pages:
                page.extract_text()
                page.extract_tables()
                pages += 1
    return time.perf_counter() - t, pages


def index_pass(files: list[Path], model: str, workers: int | None, precision: str) -> dict:
    import qa
    from qa.config import Settings

    with tempfile.TemporaryDirectory(prefix="qa-ingest-bench-") as tmp:
        cache = Path(tmp) / "cache"
        if model != "hash":  # the materialised model only: an empty embedding cache, nothing embedded before
            from qa.search.bundled import bundled_model_dir, materialize_bundled_model

            held = materialize_bundled_model(Settings.resolve(None).cache_dir)
            (cache / "models").mkdir(parents=True)
            os.symlink(held, bundled_model_dir(cache))
        extra = {"workers": workers} if workers is not None else {}
        settings = Settings(index_dir=Path(tmp) / "index", cache_dir=cache, embed_model=model, precision=precision,
                            **extra)
        # a long run reads and embeds in steps (COMMIT_EVERY files), so the stages interleave: each interval
        # between two progress calls is the stage of the call that opened it, or "rest" (writing) once that
        # stage had finished its step (done == total)
        stages = {"read": 0.0, "embed": 0.0, "rest": 0.0}
        last = {"stage": "rest", "t": time.perf_counter()}

        def progress(stage: str, done: int, total: int) -> None:
            now = time.perf_counter()
            stages[last["stage"]] += now - last["t"]
            last.update(stage=stage if done < total else "rest", t=now)

        t = last["t"]
        report = qa.build_index(files, settings=settings, on_progress=progress)
        total = time.perf_counter() - t
        stages[last["stage"]] += time.perf_counter() - last["t"]
        assert not (cache / "embeddings.sqlite").exists() or model != "hash"
    return {"total": total, "chunks": report.chunks, "documents": report.documents, **stages}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--pdfs", default=DEFAULT_PDFS, help="glob of the PDFs (default: ../shared/corpus/pdf*/*.pdf)")
    ap.add_argument("--model", default="multilingual-e5-small", help="embed_model for side B ('hash': the stand-in)")
    ap.add_argument("--workers", type=int, default=None, help="processes reading PDFs (default: the setting's)")
    ap.add_argument("--precision", default="auto", help="passage precision (int8: the ONNX copy, exported once)")
    ap.add_argument("--skip-read", action="store_true", help="side B only")
    args = ap.parse_args(argv)
    files = [Path(p) for p in sorted(glob.glob(args.pdfs))]
    if not files:
        print(f"no PDFs match {args.pdfs}", file=sys.stderr)
        return 2
    read_s, pages = (0.0, 0) if args.skip_read else read_pass(files)
    b = index_pass(files, args.model, args.workers, args.precision)
    print(f"{len(files)} PDFs, {pages or '?'} pages, {b['chunks']} chunks, model {args.model}, "
          f"workers {args.workers if args.workers is not None else 'default'}, precision {args.precision}, load avg {os.getloadavg()[0]:.1f}")
    print()
    print("| side | seconds | × one pdfplumber pass |")
    print("|---|---|---|")
    ratio = (lambda s: f"{s / read_s:.2f}") if read_s else (lambda s: "–")
    print(f"| A: pdfplumber extract_text + extract_tables | {read_s:.1f} | 1.00 |")
    print(f"| B: qa index, empty embedding cache | {b['total']:.1f} | {ratio(b['total'])} |")
    print(f"| B, read stage (load, chunk, facts) | {b.get('read', 0):.1f} | {ratio(b.get('read', 0))} |")
    print(f"| B, embed stage (model load + encode) | {b.get('embed', 0):.1f} | {ratio(b.get('embed', 0))} |")
    print(f"| B, the rest (SQLite, BM25, FAISS) | {b['rest']:.1f} | {ratio(b['rest'])} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
