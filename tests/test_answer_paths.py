"""Smoke test of benchmarks/answer_paths.py: each answer is put under the path that built it, scored, and the
model is left as it was. No thresholds: the figures belong in benchmarks/README.md."""
from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import qa
from qa import models

SCRIPT = Path(__file__).resolve().parents[1] / "benchmarks" / "answer_paths.py"
REPORT = ("武汉市青山区测试局2023年度部门决算\n\n第一部分 部门概况\n\n"
          "2023年度“三公”经费支出12.50万元，比上年减少2.00万元。\n")


def _script():
    spec = importlib.util.spec_from_file_location("answer_paths", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_answer_is_counted_under_the_path_that_built_it(index_of, stand_in_env, tmp_path, capsys):
    settings = index_of({"report.txt": REPORT})
    gold = tmp_path / "gold.jsonl"
    rows = [{"id": "t-1", "question": "青山区测试局2023年三公经费是多少？", "type": "lookup_text", "doc": "report.txt",
             "answers": [{"value": 12.5, "unit": "万元"}]},
            {"id": "t-2", "question": "青山区测试局2023年有几辆公务用车？", "type": "unanswerable", "doc": None, "answers": []}]
    gold.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    init = models.Answer.__init__
    assert _script().main(["--set", f"{gold}={settings.index_dir}"]) == 0
    out = capsys.readouterr().out
    assert "| path | questions | right |" in out and "2/2 right" in out
    assert "| facts:answer_from_facts | 1 | 1 (100%) |" in out and "| refused:" in out
    assert models.Answer.__init__ is init  # (the recording is undone)
    assert qa.ask("青山区测试局2023年三公经费是多少？", settings=settings).found
