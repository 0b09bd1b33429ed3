"""The `qa` command line: thin over the library, results on stdout, errors as messages with exit 2."""
from __future__ import annotations

import json

import pytest

import qa
from qa.cli import build_parser, main


@pytest.fixture
def env(stand_in_env):
    """The CLI runs with the stand-in embedder, as the session's indexes were built."""


def test_ask_json_is_the_library_answer(env, corpus_index, capsys):
    question = "青山区2023年城乡医疗救助执行率"
    assert main(["ask", question, "--index", str(corpus_index.index_dir), "--json"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed == qa.ask(question, settings=corpus_index).to_dict()


def test_ask_prints_answer_and_sources(env, corpus_index, capsys):
    assert main(["ask", "青山区2023年城乡医疗救助执行率", "--index", str(corpus_index.index_dir)]) == 0
    out = capsys.readouterr().out
    assert "126.3" in out and "wuhan-qingshan-2023-final.txt" in out and "lines" in out


def test_ask_without_an_index_exits_2_and_says_what_to_do(env, tmp_path, capsys):
    assert main(["ask", "三公经费", "--index", str(tmp_path / "none")]) == 2
    err = capsys.readouterr().err
    assert "No index yet in the folder" in err and "qa index" in err and "Traceback" not in err


def test_index_of_a_missing_file_exits_2(env, tmp_path, capsys):
    assert main(["index", str(tmp_path / "missing.pdf"), "--index", str(tmp_path / "idx")]) == 2
    assert "No such file" in capsys.readouterr().err


def test_index_then_remove_reports_counts(env, tmp_path, capsys):
    from .conftest import tiny_report

    report = tmp_path / "r.txt"
    report.write_text(tiny_report("示例市东区", 2023, "公务接待费0.8万元。"), encoding="utf-8")
    idx = str(tmp_path / "idx")
    assert main(["-q", "index", str(report), "--index", idx]) == 0
    assert "1 added" in capsys.readouterr().out
    assert main(["-q", "index", str(report), "--index", idx]) == 0
    assert "1 unchanged" in capsys.readouterr().out
    assert main(["remove", "r.txt", "--index", idx]) == 0
    assert "1 removed" in capsys.readouterr().out


@pytest.mark.parametrize("command", ["index", "remove", "ask", "serve", "eval"])
def test_every_command_has_help(command, capsys):
    with pytest.raises(SystemExit) as e:
        build_parser().parse_args([command, "--help"])
    assert e.value.code == 0
    assert "usage: qa " + command in capsys.readouterr().out


def test_misspelt_setting_exits_2_naming_the_valid_ones(monkeypatch, capsys):
    monkeypatch.setenv("QA_TOPK", "3")
    assert main(["ask", "三公经费"]) == 2
    err = capsys.readouterr().err
    assert "QA_TOPK" in err and "QA_TOP_K" in err


def test_index_run_prints_no_library_debug_lines(stand_in_env, tmp_path):
    import os
    import subprocess
    import sys
    from pathlib import Path

    from .conftest import tiny_report

    report = tmp_path / "r.txt"
    report.write_text(tiny_report("示例市东区", 2023, "公务接待费0.8万元。"), encoding="utf-8")
    env = {**os.environ}
    env.pop("QA_LOG_LEVEL", None)
    root = Path(__file__).resolve().parents[1]
    done = subprocess.run([sys.executable, "-m", "qa.cli", "index", str(report), "--index", str(tmp_path / "idx")],
                          capture_output=True, text=True, env=env, cwd=root, timeout=300)
    assert done.returncode == 0, done.stderr
    assert "1 added" in done.stdout
    assert "DEBUG" not in done.stderr and "INFO" not in done.stderr
