"""qa.ask over the four shared corpus reports: figures, citations, refusals, and reuse of loaded state."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import qa
from qa.eval.scoring import stated_figures

YEARS = re.compile(r"(19|20)\d{2}年?")


def figures_in(text: str) -> set[float]:
    return {float(m.value) for m in stated_figures(text)}


def test_execution_rate_states_both_bases_and_cites_only_qingshan(corpus_index):
    a = qa.ask("青山区2023年城乡医疗救助执行率", settings=corpus_index)
    assert a.found
    assert {126.3, 70.9} <= figures_in(a.text), a.text
    assert a.citations and {c.source for c in a.citations} == {"wuhan-qingshan-2023-final.txt"}


@pytest.mark.parametrize("said, plain", [
    ("青山区２０２２年城乡医疗救助执行率", "青山区2022年城乡医疗救助执行率"),  # (a year not held, typed full-width)
    ("我想知道县医保局2023年三公经费是多少", "县医保局2023年三公经费是多少"),  # (道县 is a county, not one asked)
    ("帮我查一下，青山区2023年城乡医疗救助执行率", "青山区2023年城乡医疗救助执行率"),
])
def test_a_question_typed_another_way_gets_the_same_answer(corpus_index, said, plain):
    assert qa.ask(said, settings=corpus_index).text == qa.ask(plain, settings=corpus_index).text


def test_every_cited_quote_is_report_text(corpus_index):
    from .conftest import CORPUS

    a = qa.ask("青山区2023年城乡医疗救助执行率", settings=corpus_index)
    for c in a.citations:
        source = re.sub(r"\s+", "", (CORPUS / c.source).read_text(encoding="utf-8"))
        assert re.sub(r"\s+", "", c.quote) in source
        assert c.lines and c.lines[0] <= c.lines[1]


def test_region_not_in_the_index_is_not_found(corpus_index):
    a = qa.ask("江岸区医疗保障局2023年城乡医疗救助支出", settings=corpus_index)
    assert not a.found and not a.figures and not a.citations
    assert "江岸区" in a.text
    assert not figures_in(YEARS.sub("", a.text))


def test_year_not_in_the_index_is_not_found(corpus_index):
    a = qa.ask("青山区医疗保障局2019年收入合计", settings=corpus_index)
    assert not a.found and not a.figures
    assert "2019" in a.text


def test_caller_filters_override_the_question(corpus_index):
    a = qa.ask("城乡医疗救助执行率", region="通城县", settings=corpus_index)
    assert all(c.source == "tongcheng-2023-final.txt" for c in a.citations)


def test_empty_question_is_not_found(corpus_index):
    a = qa.ask("   ", settings=corpus_index)
    assert not a.found and a.citations == ()


def test_answer_json_has_the_documented_fields(corpus_index):
    d = qa.ask("青山区2023年城乡医疗救助执行率", settings=corpus_index).to_dict()
    assert set(d) == {"question", "found", "text", "figures", "citations", "method", "listed"}
    assert set(d["figures"][0]) == {"value", "unit", "label", "formula"}
    assert set(d["citations"][0]) == {"source", "page", "lines", "quote", "score", "table", "row", "cells"}


def test_second_ask_loads_nothing_again(corpus_index, monkeypatch):
    import qa.api
    import qa.search.embed
    import qa.store.index

    qa.ask("青山区医保局2023年机关运行经费", settings=corpus_index)  # warm
    calls = []
    monkeypatch.setattr(qa.search.embed, "load_model", lambda *a, **k: calls.append("model"))
    monkeypatch.setattr(qa.api, "_open_index", lambda *a, **k: calls.append("index"))
    qa.ask("通城县医保局2023年公务接待费", settings=corpus_index)
    assert calls == []


def test_settings_given_as_a_dict_are_used(corpus_index):
    a = qa.ask("青山区2023年城乡医疗救助执行率",
               settings={"index_dir": str(corpus_index.index_dir), "cache_dir": str(corpus_index.cache_dir),
                         "embed_model": corpus_index.embed_model})
    assert a.found and all(c.source == "wuhan-qingshan-2023-final.txt" for c in a.citations)


def test_a_facts_answer_loads_no_model(tmp_path, stand_in):
    """With the real model configured, a question the facts answer imports neither torch nor FAISS."""
    import os
    import subprocess
    import sys

    from qa.config import Settings
    from qa.store.build import update_index

    from .conftest import tiny_report

    (tmp_path / "a.txt").write_text(tiny_report("武汉市青山区", 2023, "机关运行经费支出12.5万元，比上年增加1.2万元。"),
                                    encoding="utf-8")
    settings = Settings(index_dir=tmp_path / "index", cache_dir=tmp_path / "cache")  # the default model's name
    update_index(settings.index_dir, add=[tmp_path / "a.txt"], settings=settings, embedder=stand_in)  # no model here
    code = ("import json, sys, qa\n"
            f"a = qa.ask('青山区2023年机关运行经费', index={str(settings.index_dir)!r})\n"
            "heavy = [m for m in ('torch', 'sentence_transformers', 'faiss', 'bm25s') if m in sys.modules]\n"
            "print(json.dumps({'found': a.found, 'text': a.text, 'heavy': heavy}))")
    env = {**os.environ, "QA_CACHE_DIR": str(settings.cache_dir), "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
    env.pop("QA_EMBED_MODEL", None)
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    got = json.loads(done.stdout)
    assert got["found"] and "12.5" in got["text"]
    assert got["heavy"] == []


def test_warm_up_leaves_nothing_for_the_first_question(corpus_index):
    """A server's warm-up asks one question through every step, so the first user question imports and
    compiles nothing (0.5 s of imports and pattern compiling otherwise)."""
    import subprocess
    import sys

    code = ("import sys, qa, qa.api\n"
            f"qa.api.warm_up({{'index_dir': {str(corpus_index.index_dir)!r}, 'cache_dir': {str(corpus_index.cache_dir)!r},"
            f" 'embed_model': {corpus_index.embed_model!r}}})\n"
            "before = set(sys.modules)\n"
            f"qa.ask('青山区2023年城乡医疗救助执行率', index={str(corpus_index.index_dir)!r},"
            f" settings={{'cache_dir': {str(corpus_index.cache_dir)!r}, 'embed_model': {corpus_index.embed_model!r}}})\n"
            "print(sorted(m for m in set(sys.modules) - before if m.startswith('qa')))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip().splitlines()[-1] == "[]"
