"""`qa eval` on the gold questions and the shared corpus, as CI runs it: every section is produced.
No accuracy threshold here; the figures go into reports (benchmarks/README.md)."""
from __future__ import annotations

import json

from qa.cli import main

from .conftest import CORPUS, GOLD


def test_eval_over_the_corpus_prints_every_section_and_writes_json(monkeypatch, model_cache, tmp_path, capsys):
    monkeypatch.setenv("QA_CACHE_DIR", str(model_cache))
    out = tmp_path / "eval.json"
    assert main(["eval", str(GOLD), "--corpus", str(CORPUS), "--json", str(out)]) == 0
    printed = capsys.readouterr().out
    for section in ("Answer accuracy", "Retrieval", "Refusal", "Query latency", "index build s", "peak RSS MB"):
        assert section in printed, section
    for ranker in ("bm25 (jieba words)", "dense (e5)", "hybrid (product)"):
        assert ranker in printed
    data = json.loads(out.read_text(encoding="utf-8"))
    assert {"answers", "retrieval", "refusal", "latency", "extra"} <= set(data)
