"""Load: many callers at once, then many one after another, against `qa.ask` in this process or the web server.

    python benchmarks/load.py [--web] [--concurrent 50] [--sequential 1000] [--json out.json]

Builds a small index of three generated reports in a temporary folder (real embedding model), then sends
`--concurrent` questions at once from as many threads and `--sequential` questions one after another, cycling
through answerable, unanswerable and malformed questions (an empty one, a lone surrogate, one over the length
limit). Bounded: both counts are capped at 5,000. Prints one Markdown table: requests, errors, p50/p95 latency,
RSS before and after.

Without --web the target is `qa.ask` in this process: it serves nothing and contacts nothing; an error is an
exception other than the one-line refusal of a malformed question. With --web the target is the real web server:
`python -m qa serve` on a free port of 127.0.0.1 in a child process, asked through its JSON API (`/ask`, Gradio's
`/gradio_api/call/ask`) over HTTP on 127.0.0.1 only; an error is a failed request, an answer without `found`, or an
error event for a well-formed question (a malformed one must get the server's one-line refusal as its error
event); RSS is the server's. The server is stopped at the end.
"""
from __future__ import annotations

import argparse
import contextlib
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

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
LOOPBACK = "127.0.0.1"  # the only host --web contacts  # progress of the model's load is not a result

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

    reports = write_reports(folder)
    settings = Settings.resolve(None, index_dir=folder / "index")
    qa.build_index([reports], settings=settings)
    return settings


def write_reports(folder: Path) -> Path:
    reports = folder / "reports"
    reports.mkdir()
    for name, (region, body) in REPORTS.items():
        text = f"{region}测试局2023年度部门决算\n\n第一部分 部门概况\n\n{body}\n"
        (reports / name).write_text(text, encoding="utf-8")
    return reports


def build_in_child(folder: Path):
    """The same index, built by `python -m qa index` in a child process (this process loads no model)."""
    import subprocess

    from qa.config import Settings

    reports = write_reports(folder)
    settings = Settings.resolve(None, index_dir=folder / "index")
    subprocess.run([sys.executable, "-m", "qa", "-q", "index", str(reports), "--index", str(settings.index_dir)],
                   check=True, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)}, stdout=sys.stderr)
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


class Server:
    """`python -m qa serve` on a free port of 127.0.0.1, in a child process of its own process group."""

    def __init__(self, index_dir: Path, root: Path, timeout: float = 600) -> None:
        import socket
        import subprocess

        with socket.socket() as probe:
            probe.bind((LOOPBACK, 0))
            self.port = probe.getsockname()[1]
        self.url = f"http://{LOOPBACK}:{self.port}"
        self.log = tempfile.TemporaryFile()
        env = {**os.environ, "PYTHONPATH": str(root), "GRADIO_ANALYTICS_ENABLED": "False", "HF_HUB_OFFLINE": "1",
               "NO_PROXY": "*", "no_proxy": "*"}
        for proxy in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"):
            env.pop(proxy, None)
        self.proc = subprocess.Popen([sys.executable, "-m", "qa", "serve", "--index", str(index_dir), "--host",
                                      LOOPBACK, "--port", str(self.port)], cwd=root, env=env, stdout=self.log,
                                     stderr=subprocess.STDOUT, start_new_session=True)
        self.pid = self.proc.pid
        self.http = httpx.Client(base_url=self.url, timeout=120, trust_env=False,
                                 limits=httpx.Limits(max_connections=LIMIT, max_keepalive_connections=64))
        deadline = time.monotonic() + timeout
        while True:  # the server loads the model and the index before it listens
            if self.proc.poll() is not None:
                self.log.seek(0)
                raise SystemExit(f"qa serve exited with {self.proc.returncode}:\n{self.log.read().decode()[-3000:]}")
            try:
                if self.http.get("/gradio_api/info").status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                raise SystemExit(f"qa serve did not answer on {self.url} within {timeout:.0f} s")
            time.sleep(0.5)

    def rss_mb(self) -> float:
        for line in Path(f"/proc/{self.pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
        return float("nan")

    def ask(self, question: str) -> tuple[str, object]:
        """POST the question to the app's `ask` API, read its event stream -> ("complete" | "error", data)."""
        body = json.dumps({"data": [question]}, ensure_ascii=True)  # a lone surrogate travels as \\ud800
        posted = self.http.post("/gradio_api/call/ask", content=body, headers={"Content-Type": "application/json"})
        posted.raise_for_status()
        event, data = "", None
        with self.http.stream("GET", f"/gradio_api/call/ask/{posted.json()['event_id']}") as stream:
            stream.raise_for_status()
            for line in stream.iter_lines():
                if line.startswith("event: "):
                    event = line[len("event: "):]
                elif line.startswith("data: ") and event in ("complete", "error"):
                    data = json.loads(line[len("data: "):])
                    return event, data
        raise RuntimeError(f"the event stream ended without a result (last event {event!r})")

    def close(self) -> None:
        import signal

        self.http.close()
        if self.proc.poll() is None:
            os.killpg(self.pid, signal.SIGTERM)  # the child's own process group: the server and nothing else
            try:
                self.proc.wait(timeout=30)
            except Exception:  # noqa: BLE001
                os.killpg(self.pid, signal.SIGKILL)
                self.proc.wait()
        self.log.close()


@contextlib.contextmanager
def serve(index_dir: Path, root: Path):
    server = Server(index_dir, root)
    try:
        yield server
    finally:
        server.close()


def web_target(server: Server, max_chars: int) -> Callable[[str], None]:
    """A question through the server: an answer, or for a malformed question the server's one-line refusal."""
    malformed = set(questions(max_chars)[-3:])

    def call(question: str) -> None:
        event, data = server.ask(question)
        if event == "complete" and isinstance(data, list) and data and isinstance(data[0], dict) and "found" in data[0]:
            return
        if event == "error" and question in malformed and isinstance(data, dict) and data.get("error"):
            return  # the one-line refusal
        raise RuntimeError(f"{event}: {str(data)[:160]}")

    call("示例市东区公务接待费")  # the first answer's one-off costs before timing
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
    p.add_argument("--web", action="store_true", help="load the web server (qa serve on 127.0.0.1) over HTTP")
    p.add_argument("--concurrent", type=int, default=50)
    p.add_argument("--sequential", type=int, default=1000)
    p.add_argument("--json", type=Path)
    args = p.parse_args()
    concurrent, sequential = min(args.concurrent, LIMIT), min(args.sequential, LIMIT)
    rows = []
    with tempfile.TemporaryDirectory(prefix="qa-load-") as tmp, contextlib.ExitStack() as stack:
        if args.web:
            settings = build_in_child(Path(tmp))
            server = stack.enter_context(serve(settings.index_dir, ROOT))
            call, rss = web_target(server, settings.max_question_chars), server.rss_mb
            target = f"the web server (qa serve, pid {server.pid}) on 127.0.0.1:{server.port}, 3 generated reports"
        else:
            settings = build(Path(tmp))
            call, rss = ask_target(settings), rss_mb
            target = "qa.ask in this process, 3 generated reports"
        qs = questions(settings.max_question_chars)
        for label, n, workers in (("concurrent", concurrent, concurrent), ("sequential", sequential, 1)):
            before = rss()
            print(f"{label}: {n} requests from {workers} thread(s)…", file=sys.stderr)
            t = time.perf_counter()
            latencies, errors = run(call, qs, n, workers)
            wall = time.perf_counter() - t
            q = statistics.quantiles(latencies, n=20) if len(latencies) > 1 else latencies * 19
            rows.append({"phase": label, "requests": len(latencies), "errors": len(errors),
                         "p50 ms": round(statistics.median(latencies) * 1000, 1), "p95 ms": round(q[18] * 1000, 1),
                         "wall s": round(wall, 1), "RSS before MB": round(before), "RSS after MB": round(rss()),
                         "first errors": errors[:3]})
    cols = ["phase", "requests", "errors", "p50 ms", "p95 ms", "wall s", "RSS before MB", "RSS after MB"]
    print(f"target: {target}\n")
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
