"""How much slower an owner-password (RC4) PDF reads, with and without qa decrypting it first.

    python benchmarks/encrypted.py [PDF ...] [--repeat 3] [--json out.json]

For each PDF (default: the PDFs of ../shared/corpus/pdf) an RC4-128 copy with an owner password only (it opens
without a password, as published reports with copy or print restrictions do) is written into a temporary folder
with pypdf, then `qa.ingest.load.load_pages` reads the original, the encrypted copy as pdfminer alone would (qa's
PDFium decryption turned off), and the encrypted copy as qa reads it. Median of --repeat runs each; the text of
every page must be the same in all three. Prints a Markdown table; asserts nothing. Contacts nothing.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from qa.ingest import pdf as qa_pdf  # noqa: E402
from qa.ingest.load import load_pages  # noqa: E402

CORPUS_PDF = ROOT.parent / "shared" / "corpus" / "pdf"


def encrypt_rc4(src: Path, dest: Path) -> Path:
    """An RC4-128 copy of `src` with an owner password only (pypdf, test extra)."""
    from pypdf import PdfWriter

    writer = PdfWriter(clone_from=str(src))
    writer.encrypt(user_password="", owner_password="owner-only", algorithm="RC4-128")
    with open(dest, "wb") as f:
        writer.write(f)
    return dest


def timed(path: Path, repeat: int, *, decrypt: bool) -> tuple[float, list[str]]:
    real = qa_pdf._decrypted
    if not decrypt:
        qa_pdf._decrypted = lambda p: None
    try:
        times, texts = [], []
        for _ in range(repeat):
            started = time.perf_counter()
            pages, _ = load_pages(path)
            times.append(time.perf_counter() - started)
            texts = [p.text for p in pages]
        return statistics.median(times), texts
    finally:
        qa_pdf._decrypted = real


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("pdfs", nargs="*", type=Path)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--json", type=Path)
    args = ap.parse_args(argv)
    pdfs = args.pdfs or sorted(CORPUS_PDF.glob("*.pdf"))
    if not pdfs:
        print(f"no PDFs given and none in {CORPUS_PDF}", file=sys.stderr)
        return 2
    rows = []
    print(f"load average at start: {os.getloadavg()[0]:.2f}", file=sys.stderr)
    with tempfile.TemporaryDirectory(prefix="qa-rc4-") as tmp:
        for src in pdfs:
            enc = encrypt_rc4(src, Path(tmp) / src.name)
            plain_s, plain_text = timed(src, args.repeat, decrypt=True)
            slow_s, slow_text = timed(enc, args.repeat, decrypt=False)
            fast_s, fast_text = timed(enc, args.repeat, decrypt=True)
            rows.append(dict(pdf=src.name, pages=len(plain_text), mb=src.stat().st_size / 1e6, original_s=plain_s,
                             rc4_pdfminer_s=slow_s, rc4_decrypted_s=fast_s,
                             same_text=plain_text == slow_text == fast_text))
            print(f"{src.name}: {plain_s:.2f} / {slow_s:.2f} / {fast_s:.2f} s", file=sys.stderr)
    print(f"load average at end: {os.getloadavg()[0]:.2f}", file=sys.stderr)
    print("| PDF | pages | MB | original s | RC4, pdfminer decrypts s | RC4, PDFium decrypts first s | same text |")
    print("|---|---|---|---|---|---|---|")
    for r in rows:
        print(f"| {r['pdf']} | {r['pages']} | {r['mb']:.2f} | {r['original_s']:.2f} | {r['rc4_pdfminer_s']:.2f} "
              f"({r['rc4_pdfminer_s'] / r['original_s']:.1f}×) | {r['rc4_decrypted_s']:.2f} "
              f"({r['rc4_decrypted_s'] / r['original_s']:.1f}×) | {'yes' if r['same_text'] else 'NO'} |")
    if args.json:
        args.json.write_text(json.dumps(rows, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
