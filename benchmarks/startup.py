"""`qa ask` from the shell, start-up included: wall seconds and peak memory of one process per question.

    python benchmarks/startup.py --index INDEX [--repeat 5] [--question Q ...] [--code DIR ...]

Each question runs `python -m qa ask Q --index INDEX` REPEAT times in fresh processes (the first run of a
question is dropped: it fills the page cache and the gazetteer pickle). Prints the median wall time, the peak
RSS and whether the process imported torch (which loading the model needs). The default questions are one the facts
answer and one that needs passages (the model), over the four shared text reports. `--code` names checkouts
to import qa from (default: this one); give two (e.g. main and a branch) to compare them in one run.
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
QUESTIONS = {
    "facts": "青山区2023年城乡医疗救助执行率",
    "passages": "通城县医疗保障局2023年的主要职能是什么",
}
_PROBE = ("import resource, runpy, sys\n"
          "sys.argv = ['qa'] + sys.argv[1:]\n"
          "try:\n    runpy.run_module('qa', run_name='__main__')\n"
          "except SystemExit:\n    pass\n"
          "print('torch' in sys.modules, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024, file=sys.stderr)\n")


def run(question: str, index: str, code: Path) -> tuple[float, bool, int]:
    env = {**os.environ, "PYTHONPATH": str(code)}
    t = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", _PROBE, "ask", question, "--index", index],
                          capture_output=True, text=True, env=env, cwd=code)
    wall = time.perf_counter() - t
    torch, rss = done.stderr.strip().splitlines()[-1].split()
    return wall, torch == "True", int(rss)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--index", required=True)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--question", action="append", help="instead of the two default questions")
    ap.add_argument("--code", action="append", type=Path, help="a checkout to import qa from (default: this one)")
    args = ap.parse_args(argv)
    questions = {f"q{i}": q for i, q in enumerate(args.question, 1)} if args.question else QUESTIONS
    print(f"load avg {os.getloadavg()[0]:.1f}, {args.repeat} runs a question after one dropped\n")
    print("| code | question | kind | median s | max s | peak RSS MB | torch imported |")
    print("|---|---|---|---|---|---|---|")
    for kind, q in questions.items():
        for code in args.code or [ROOT]:
            run(q, args.index, code)
            got = [run(q, args.index, code) for _ in range(args.repeat)]
            walls = [g[0] for g in got]
            print(f"| {code} | {q} | {kind} | {statistics.median(walls):.2f} | {max(walls):.2f} | "
                  f"{max(g[2] for g in got)} | {'yes' if any(g[1] for g in got) else 'no'} |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
