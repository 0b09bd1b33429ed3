"""Load: many callers at once, then many one after another, against `qa.ask` in this process.

    python benchmarks/load.py [--concurrent 50] [--sequential 1000] [--json out.json]

Builds a small index of three generated reports in a temporary folder (real embedding model), then sends
`--concurrent` questions at once from as many threads and `--sequential` questions one after another, cycling
through answerable, unanswerable and malformed questions (an empty one, a lone surrogate, one over the length
limit). It serves nothing and contacts nothing (the web app's own loopback requests are left to
tests/test_web.py). Bounded: both counts are capped at 5,000. Prints one Markdown table: requests,
errors (an exception other than the one-line refusal of a malformed question), p50/p95 latency, RSS before
and after.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")  # progress of the model's load is not a result

LIMIT = 5_000
REPORTS = {
    "east.txt": ("示例市东区", "公务接待费0.8万元，比上年减少0.1万元。会议费2.5万元。"),
    "west.txt": ("示例市西区", "公务接待费1.2万元。培训费3.6万元，主要用于干部培训。"),
    "south.txt": ("示例市南区", "机关运行经费12.5万元，比上年增加1.2万元。"),
}


def questions(max_chars: int) -> list[str]:
    return ["示例市东区2023年公务接待费是多少", "示例市西区培训费", "示例市南区机关运行经费比上年增加多少",
            "哪个区的公务接待费最多", "示例市北区会议费", "", "公务接待费\ud800", "问" * (max_chars + 1)]


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def build(folder: Path):
    import qa
    from qa.config import Settings

    reports = folder / "reports"
    reports.mkdir()
    for name, (region, body) in REPORTS.items():
        text = f"{region}测试局2023年度部门决算\n\n第一部分 部门概况\n\n{body}\n"
        (reports / name).write_text(text, encoding="utf-8")
    settings = Settings.resolve(None, index_dir=folder / "index")
    qa.build_index([reports], settings=settings)
    return settings


def ask_target(settings) -> Callable[[str], None]:
    import qa

    def call(question: str) -> None:
        try:
            qa.ask(question, settings=settings)
        except qa.InputError:  # the one-line refusal of a malformed question: an answer, not an error
            pass

    call("示例市东区公务接待费")  # model and index loaded before timing
    return call


def run(call: Callable[[str], None], qs: list[str], n: int, workers: int) -> tuple[list[float], list[str]]:
    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()

    def one(i: int) -> None:
        q = qs[i % len(qs)]
        t = time.perf_counter()
        try:
            call(q)
        except Exception as e:  # noqa: BLE001 - every failure is the finding
            with lock:
                errors.append(f"{type(e).__name__}: {e}"[:200])
        with lock:
            latencies.append(time.perf_counter() - t)

    with ThreadPoolExecutor(max_workers=workers) as pool:
        list(pool.map(one, range(n)))
    return latencies, errors


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--concurrent", type=int, default=50)
    p.add_argument("--sequential", type=int, default=1000)
    p.add_argument("--json", type=Path)
    args = p.parse_args()
    concurrent, sequential = min(args.concurrent, LIMIT), min(args.sequential, LIMIT)
    rows = []
    with tempfile.TemporaryDirectory(prefix="qa-load-") as tmp:
        settings = build(Path(tmp))
        call = ask_target(settings)
        qs = questions(settings.max_question_chars)
        for label, n, workers in (("concurrent", concurrent, concurrent), ("sequential", sequential, 1)):
            before = rss_mb()
            print(f"{label}: {n} requests from {workers} thread(s)…", file=sys.stderr)
            t = time.perf_counter()
            latencies, errors = run(call, qs, n, workers)
            wall = time.perf_counter() - t
            q = statistics.quantiles(latencies, n=20) if len(latencies) > 1 else latencies * 19
            rows.append({"phase": label, "requests": len(latencies), "errors": len(errors),
                         "p50 ms": round(statistics.median(latencies) * 1000, 1), "p95 ms": round(q[18] * 1000, 1),
                         "wall s": round(wall, 1), "RSS before MB": round(before), "RSS after MB": round(rss_mb()),
                         "first errors": errors[:3]})
    cols = ["phase", "requests", "errors", "p50 ms", "p95 ms", "wall s", "RSS before MB", "RSS after MB"]
    print("target: qa.ask, 3 generated reports\n")
    print("| " + " | ".join(cols) + " |\n|" + "---|" * len(cols))
    for r in rows:
        print("| " + " | ".join(str(r[c]) for c in cols) + " |")
        for e in r["first errors"]:
            print(f"  error: {e}")
    if args.json:
        args.json.write_text(json.dumps(rows, ensure_ascii=False, indent=2), encoding="utf-8")
    return 1 if any(r["errors"] for r in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
