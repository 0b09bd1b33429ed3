"""`qa eval` on the gold questions and the reports they are about, as CI runs it: every section is produced.
No accuracy threshold here; the figures go into reports (benchmarks/README.md). The run indexes the four
shared text reports the public gold asks about (not the corpus's PDFs too: reading those took minutes and
no section depends on them), with the stand-in embedder."""
from __future__ import annotations

import json
import shutil

from qa.cli import main

from .conftest import CORPUS, GOLD


def test_eval_over_the_corpus_prints_every_section_and_writes_json(stand_in_env, tmp_path, capsys):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for report in sorted(CORPUS.glob("*.txt")):
        shutil.copy(report, corpus / report.name)
    out = tmp_path / "eval.json"
    assert main(["eval", str(GOLD), "--corpus", str(corpus), "--json", str(out)]) == 0
    printed = capsys.readouterr().out
    for section in ("Answer accuracy", "Retrieval", "Refusal", "Query latency", "index build s", "peak RSS MB"):
        assert section in printed, section
    for ranker in ("bm25 (jieba words)", "dense (e5)", "hybrid (product)"):
        assert ranker in printed
    data = json.loads(out.read_text(encoding="utf-8"))
    assert {"answers", "retrieval", "refusal", "latency", "extra"} <= set(data)
