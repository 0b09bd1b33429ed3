"""Smoke test of benchmarks/scale.py: `--quick` runs and reports every column and section. No thresholds: the
figures belong in benchmarks/README.md, not in tests."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SCALE = ROOT / "benchmarks" / "scale.py"

SCALE_COLUMNS = ["reports", "pages", "chunks", "distinct vectors", "dense vectors", "FAISS", "gen reports/s", "build s", "chunks/s", "pages/s",
                 "index MB", "peak RSS build MB", "serve RSS MB", "query p50 ms", "query p95 ms", "unscoped p50 ms",
                 "unscoped p95 ms"]
STAGE_COLUMNS = ["read+chunk+facts", "embed", "jieba words", "bigrams", "BM25 build+save", "FAISS build",
                 "SQLite+npy+fsync", "total"]
ANN_COLUMNS = ["vectors", "set", "index", "params", "build s", "size MB", "RSS +MB", "p50 ms k=10", "p95 ms k=10",
               "p50 ms k=1000", "recall@10"]


def _tables(markdown: str) -> list[list[list[str]]]:
    """Every Markdown table in the text, as rows of cells (header first, separator dropped)."""
    tables: list[list[list[str]]] = []
    current: list[list[str]] = []
    for line in markdown.splitlines() + [""]:
        if line.startswith("|"):
            if not line.startswith("|---"):
                current.append([c.strip() for c in line.strip().strip("|").split("|")])
        elif current:
            tables.append(current)
            current = []
    return tables


@pytest.fixture(scope="module")
def quick_run(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("scale")
    out = tmp / "scale.json"
    proc = subprocess.run([sys.executable, str(SCALE), "--quick", "--json", str(out), "--tmp", str(tmp),
                           "--keep", str(tmp / "kept")],
                          capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return proc.stdout, json.loads(out.read_text(encoding="utf-8")), tmp


def test_scale_quick_prints_the_three_tables_with_every_column(quick_run):
    stdout, _, _ = quick_run
    tables = _tables(stdout)
    assert [t[0] for t in tables] == [SCALE_COLUMNS, ["reports"] + STAGE_COLUMNS, ANN_COLUMNS]
    for table in tables:
        assert len(table) > 1
        assert all(len(row) == len(table[0]) for row in table)
    assert "dense vectors:" in stdout and "Where the build time goes" in stdout and "FAISS exact vs approximate" in stdout


def test_scale_quick_fills_the_size_row(quick_run):
    stdout, _, _ = quick_run
    row = dict(zip(SCALE_COLUMNS, _tables(stdout)[0][1]))
    assert row["reports"] == "20"
    assert row["dense vectors"] == "random"
    assert all(v not in ("", "–") for v in row.values()), row


def test_scale_quick_compares_exact_hnsw_and_ivf_on_index_and_clustered_vectors(quick_run):
    _, res, _ = quick_run
    got = {(a["set"], a["index"]) for a in res["ann"]}
    assert {(s, i) for s in ("random", "clustered") for i in ("FlatIP", "HNSWFlat", "IVFFlat")} <= got
    assert all(0.0 <= a["recall_at_10"] <= 1.0 for a in res["ann"])


def test_scale_quick_writes_json_with_measurements_and_meta(quick_run):
    _, res, _ = quick_run
    size = res["sizes"][0]
    for key in ("chunks", "pages", "build_s", "chunks_per_s", "pages_per_s", "index_mb", "peak_rss_build_mb",
                "serve_rss_mb", "query_p50_ms", "query_p95_ms", "stages_s", "dense"):
        assert key in size, key
    assert {"cores", "load_avg_start", "load_avg_end"} <= set(res["meta"])


def test_scale_quick_removes_its_temporary_files(quick_run):
    _, _, tmp = quick_run
    assert not list(tmp.glob("qa-scale-*"))


def test_scale_requery_queries_a_kept_index_once_per_checkout_and_round(quick_run, tmp_path):
    _, _, tmp = quick_run
    kept = tmp / "kept" / "n20-index"
    assert kept.is_dir()
    out = tmp_path / "requery.json"
    proc = subprocess.run([sys.executable, str(SCALE), "--requery", str(kept), "--code", str(ROOT), "--code", str(ROOT),
                           "--rounds", "1", "--json", str(out)], capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr[-3000:]
    table = _tables(proc.stdout)[0]
    assert table[0][0] == "checkout" and len(table) == 3
    rows = json.loads(out.read_text(encoding="utf-8"))["requery"]
    assert [r["round"] for r in rows] == [1, 1] and all(r["reports"] == 20 and r["unscoped_p95_ms"] > 0 for r in rows)


def test_scale_requery_of_a_folder_that_is_no_index_says_so(tmp_path):
    proc = subprocess.run([sys.executable, str(SCALE), "--requery", str(tmp_path)], capture_output=True, text=True,
                          timeout=60, cwd=ROOT)
    assert proc.returncode != 0 and "not an index folder" in proc.stderr and "Traceback" not in proc.stderr


def test_narrative_yield_runs_on_one_report():
    """benchmarks/narrative_yield.py reads a report with qa's loader and prints its yield table."""
    report = ROOT.parent / "shared" / "corpus" / "dev" / "fujian-pingtan-govoffice-2015-final.txt"
    out = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "narrative_yield.py"), str(report)],
                         capture_output=True, text=True, timeout=300, check=True).stdout
    (table,) = _tables(out)
    assert table[0][:3] == ["report", "sentences with a figure", "giving ≥1 fact"]
    assert [r[0] for r in table[1:]] == [report.name, "**total**"]
    assert int(table[1][2]) <= int(table[1][1])


def test_scope_parse_runs_on_a_few_reports():
    """benchmarks/scope_parse.py times scoped questions before and now and prints one row a size."""
    out = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "scope_parse.py"), "--sizes", "20", "--questions", "3"],
                         capture_output=True, text=True, timeout=300, check=True, cwd=ROOT).stdout
    (table,) = _tables(out)
    assert table[0][:4] == ["reports held", "questions", "gather s", "before p50 ms"]
    row = dict(zip(table[0], table[1]))
    assert row["reports held"] == "20" and row["right"] == "3/3" and row["same"] == "3/3"


def test_extraction_gaps_reports_a_blind_group_by_totals_only(index_of):
    """benchmarks/extraction_gaps.py counts what no fact holds per report, and a --blind group (a held-out half)
    only in total: no report name, no missed figure."""
    from .conftest import tiny_report

    body = "三、“三公”经费支出情况说明\n公务接待费4.16万元，共接待国内来访团组52个、520人次。\n"
    settings = index_of({"seen.txt": tiny_report("平潭综合实验区", 2015, body),
                         "held.txt": tiny_report("武汉市青山区", 2023, body)})
    out = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "extraction_gaps.py"), str(settings.index_dir),
                          "--group", "seen=seen.txt", "--blind", "other", "--misses", "3"],
                         capture_output=True, text=True, timeout=300, check=True).stdout
    seen, held = _tables(out)
    assert seen[0][:2] == ["report", "silent rows"] and [r[0] for r in seen[1:]] == ["seen.txt", "**all (1)**"]
    assert [r[0] for r in held[1:]] == ["**all (1)**"] and "held.txt" not in out
    assert held[1][3].startswith("0/") and held[1][4].startswith("0/")  # 4.16万元, 52个 and 520人次 are facts
