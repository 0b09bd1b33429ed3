"""Scoped BM25 cost against collection size: bm25s over everything then picking the rows (main before issue 13)
vs qa.search.sparse.scores_in_scope (the rows in scope only), on the same index, in one run.

    python benchmarks/bm25_scope.py [--copies 1,10,100]

The collection is the four shared text reports' chunks (jieba words), copied --copies times, as if that many
times more reports were held; the scope is one report's rows (~300 chunks). Prints ms per query for both.
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
CORPUS = ROOT.parent / "shared" / "corpus"
QUESTIONS = ["青山区2023年城乡医疗救助执行率", "机关运行经费", "公务接待费支出", "政府采购支出总额", "一般公共预算财政拨款支出"]


def chunk_words() -> list[list[str]]:
    from qa.ingest.chunking import chunk_document
    from qa.ingest.document import load_document
    from qa.text.tokens import word_tokens

    out = []
    for path in sorted(CORPUS.glob("*.txt")):
        out += [word_tokens(c.search_text) for c in chunk_document(load_document(path), chunk_size=300, overlap=40)]
    return out


def ms(fn, repeat: int = 20) -> float:
    fn()
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times) * 1000


def main(argv: list[str] | None = None) -> int:
    import bm25s

    from qa.search.sparse import scores_in_scope
    from qa.text.tokens import word_tokens

    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--copies", default="1,10,100")
    args = ap.parse_args(argv)
    words = chunk_words()
    print(f"{len(words)} chunks a copy, load avg {os.getloadavg()[0]:.1f}\n")
    print("| chunks held | scope rows | bm25s whole, then rows (ms) | rows in scope only (ms) | same scores |")
    print("|---|---|---|---|---|")
    for copies in (int(c) for c in args.copies.split(",")):
        bm = bm25s.BM25()
        bm.index(words * copies, show_progress=False)
        rows = np.arange(len(words) // 2, len(words) // 2 + 300)  # one report's worth, mid-collection
        ids = [[bm.vocab_dict[t] for t in word_tokens(q) if t in bm.vocab_dict] for q in QUESTIONS]
        whole = ms(lambda: [bm.get_scores(i)[rows] for i in ids]) / len(ids)
        scoped = ms(lambda: [scores_in_scope(bm, i, rows) for i in ids]) / len(ids)
        same = all(np.array_equal(scores_in_scope(bm, i, rows), np.asarray(bm.get_scores(i), np.float32)[rows]) for i in ids)
        print(f"| {len(words) * copies:,} | {len(rows)} | {whole:.2f} | {scoped:.2f} | {same} |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
