"""Bounded work: fact extraction linear in a file's size, limits on file, question and upload size (each a
setting with a clear message), questions that cannot break the parser, and readers never handed a closed index."""
from __future__ import annotations

import time
from pathlib import Path

import pytest

from .conftest import CORPUS, tiny_report


def _cpu_seconds(fn) -> float:
    t = time.process_time()  # CPU time: the other work on a shared machine does not count
    fn()
    return time.process_time() - t


def test_fact_extraction_grows_linearly_with_the_file(tmp_path, monkeypatch):
    """Was quadratic: every table squashed the whole file again, and every figure searched all of it.
    Counted in characters handled (deterministic), and in CPU time with a wide margin."""
    import qa.facts.tables as tables
    from qa.facts.extract import extract_facts
    from qa.ingest.document import load_document

    handled = [0]
    real_squash = tables.squash

    def counting(text):
        handled[0] += len(text or "")
        return real_squash(text)

    monkeypatch.setattr(tables, "squash", counting)
    body = (CORPUS / "wuhan-qingshan-2023-final.txt").read_text(encoding="utf-8")
    docs, chars, seconds, facts = {}, {}, {}, {}
    for k in (2, 16):
        (tmp_path / f"x{k}.txt").write_text(body * k, encoding="utf-8")
        docs[k] = load_document(tmp_path / f"x{k}.txt")
        handled[0] = 0
        seconds[k] = _cpu_seconds(lambda: facts.setdefault(k, extract_facts(docs[k])))
        chars[k] = handled[0]
    assert len(facts[16]) == 8 * len(facts[2])
    assert chars[16] < 8 * chars[2] * 1.2, f"8x the text: {chars[16] / chars[2]:.1f}x the characters squashed"
    assert seconds[16] < 8 * seconds[2] * 3, f"8x the text took {seconds[16] / seconds[2]:.1f}x the time"
