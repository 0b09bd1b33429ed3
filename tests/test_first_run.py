"""A first run that just works: the tests say where the shared corpus is expected, `qa reports` lists the
index, a batch of files ends with one line per file not indexed, and the terminal shows no model-loading bars."""
from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from qa.cli import main

from .conftest import tiny_report

ROOT = Path(__file__).resolve().parents[1]


def test_tests_needing_the_shared_corpus_skip_with_one_line_where_it_is_absent(tmp_path):
    """A fresh clone without ../shared: the conftest hook skips what reads it, and says where it looked."""
    repo = tmp_path / "clone"
    (repo / "tests").mkdir(parents=True)
    (repo / "tests" / "__init__.py").write_text("")
    (repo / "tests" / "conftest.py").write_text((ROOT / "tests" / "conftest.py").read_text(encoding="utf-8"))
    (repo / "tests" / "test_sample.py").write_text(
        "from .conftest import CORPUS\n\n"
        "def test_reads_the_corpus():\n    assert (CORPUS / 'x.txt').read_text()\n\n"
        "def test_uses_the_corpus_index(corpus_index):\n    pass\n\n"
        "def test_needs_nothing():\n    assert 1 + 1 == 2\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests"], cwd=repo,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout
    assert "1 passed, 2 skipped" in done.stdout
    expected = tmp_path / "shared"
    lines = [ln for ln in done.stdout.splitlines() if str(expected) in ln]
    assert lines == [f"2 tests skipped: the shared corpus is not at {expected} (CI has it there)."]


@pytest.fixture(scope="module")
def small_index(index_of):
    return index_of({"east.txt": tiny_report("示例市东区", 2023, "公务接待费0.8万元。"),
                     "west.txt": tiny_report("示例市西区", 2024, "公务接待费1.5万元。")})


def test_reports_lists_what_is_indexed(small_index, capsys):
    import qa

    listed = qa.reports(settings=small_index)
    assert sorted(r.source for r in listed) == ["east.txt", "west.txt"]
    assert {r.source: r.year for r in listed} == {"east.txt": 2023, "west.txt": 2024}
    assert all(r.chunks > 0 for r in listed)
    assert main(["reports", "--index", str(small_index.index_dir), "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == [r.to_dict() for r in listed]
    assert main(["reports", "--index", str(small_index.index_dir)]) == 0
    out = capsys.readouterr().out
    assert "east.txt" in out and "示例市东区" in out and out.rstrip().endswith("2 reports")


def test_reports_without_an_index_says_how_to_build_one(tmp_path, capsys):
    assert main(["reports", "--index", str(tmp_path / "index")]) == 2
    err = capsys.readouterr().err
    assert "qa index" in err and "index index" not in err.lower() and err.count("\n") == 1


def test_a_batch_indexes_the_good_files_and_lists_each_one_not_indexed(tmp_path, settings_for, stand_in, capsys,
                                                                      monkeypatch):
    """One bad file and a copy under another name no longer cost the good files (nor an IntegrityError)."""
    import qa.api

    monkeypatch.setattr(qa.api, "get_embedder", lambda settings: stand_in)
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "a.txt").write_text(tiny_report("示例市东区", 2023, "公务接待费0.8万元。"), encoding="utf-8")
    (folder / "b-copy.txt").write_bytes((folder / "a.txt").read_bytes())
    (folder / "c.pdf").write_bytes(b"%PDF-1.4\nnot really a PDF")
    (folder / "d.txt").write_text(tiny_report("示例市西区", 2023, "会议费2.5万元。"), encoding="utf-8")
    index = tmp_path / "index"
    monkeypatch.setenv("QA_CACHE_DIR", str(settings_for(index).cache_dir))
    assert main(["-q", "index", str(folder), "--index", str(index)]) == 2  # something failed
    captured = capsys.readouterr()
    assert "2 added" in captured.out and "1 duplicates skipped" in captured.out and "1 failed" in captured.out
    err = captured.err
    assert "a.txt: skipped, the same bytes as" in err or "b-copy.txt: skipped, the same bytes as a.txt" in err
    assert sum("c.pdf" in line for line in err.splitlines()) == 1
    assert "IntegrityError" not in err and "Traceback" not in err
    assert main(["reports", "--index", str(index), "--json"]) == 0
    held = {r["source"] for r in json.loads(capsys.readouterr().out)}
    assert held == {"d.txt"} | ({"a.txt", "b-copy.txt"} & held) and len(held) == 2


def test_serve_on_a_port_in_use_is_one_line(tmp_path, capsys):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        assert main(["serve", "--index", str(tmp_path / "index"), "--port", str(port)]) == 2
    err = capsys.readouterr().err
    assert f"Port {port}" in err and "in use" in err and err.count("\n") == 1


def test_index_run_shows_no_model_loading_bars(model_cache, tmp_path):
    report = tmp_path / "r.txt"
    report.write_text(tiny_report("示例市东区", 2023, "公务接待费0.8万元。"), encoding="utf-8")
    env = {**{k: v for k, v in os.environ.items() if not k.startswith(("QA_", "HF_HUB_DISABLE_PROGRESS"))},
           "QA_CACHE_DIR": str(model_cache)}
    done = subprocess.run([sys.executable, "-m", "qa", "index", str(report), "--index", str(tmp_path / "idx")],
                          capture_output=True, text=True, env=env, cwd=ROOT, timeout=300)
    assert done.returncode == 0, done.stderr
    assert "Loading weights" not in done.stderr and "1 added" in done.stdout
