"""The passage path (qa/answer/passages.py): which sentences may state a figure."""
from __future__ import annotations

from dataclasses import replace

import qa


READ = ("武汉市青山区测试局2025年度部门预算\n\n第一部分 部门概况\n\n"
        "城市书房运维经费主要用于书房日常管理和图书更新。\n城市阅读推广活动预算35万元。\n")


def test_a_sentence_stated_for_its_figures_covers_the_item_as_the_best_one_must(index_of, monkeypatch):
    """The passage path states a figure only from a sentence covering at least MIN_COVERAGE of the item: the
    best sentence may name the item without a figure, and one scoring near it but covering less of the item
    answers another question (qa/answer/passages.py)."""
    import qa.answer.passages as passages

    settings = index_of({"read.txt": READ})
    ranked = passages.rank_sentences

    def with_low_cover(*args, **kwargs):  # the figure's sentence scores near the best but covers little of the item
        out = ranked(*args, **kwargs)
        best = max(s.score for s in out)
        out = [replace(s, coverage=0.2, score=0.9 * best) if s.figures else replace(s, coverage=1.0, score=best) for s in out]
        return sorted(out, key=lambda s: -s.score)

    monkeypatch.setattr(passages, "rank_sentences", with_low_cover)
    a = qa.ask("青山区测试局2025年城市书房运维经费预算安排是多少？", settings=settings)
    assert not a.found and "35" not in a.text
    monkeypatch.setattr(passages, "rank_sentences", ranked)
    a = qa.ask("青山区测试局2025年城市书房运维经费预算安排是多少？", settings=settings)
    assert a.found and "35" in a.text  # (covering enough, the same sentence is stated)
