"""Generations that heal: a process killed (SIGKILL) at each point of an update leaves the previous index whole,
the next update cleans what it left with a line saying so, and a damaged or missing part of the index is one
line naming the file and the command that rebuilds it (exit 2 from the CLI)."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from qa.errors import DiskFullError, IndexDamagedError, InputError
from qa.store.index import open_index

from .conftest import tiny_report

ROOT = Path(__file__).resolve().parents[1]

# The child process indexes with the stand-in embedder (embed_model="hash"): what is under test is the store's
# writing, and loading the real model in every child would cost ~20 s each. KILL_AT names the function at which the
# child kills itself with SIGKILL, exactly as `kill -9` would.
CHILD = textwrap.dedent('''
    import hashlib, importlib, os, signal, sys
    import numpy as np
    import qa.store.build as build
    from qa.config import Settings

    from qa.search.hashed import HashEmbedder

    kill_at, calls = os.environ.get("KILL_AT"), []
    if kill_at:  # "name", "name:n" (die at the n-th call) or "module.name[:n]" (a function of qa.store.module)
        name, _, nth = kill_at.partition(":")
        module, _, name = name.rpartition(".")
        where = importlib.import_module(f"qa.store.{module}") if module else build
        real = getattr(where, name)
        def die(*a, **k):
            calls.append(name)
            if len(calls) >= int(nth or 1):
                os.kill(os.getpid(), signal.SIGKILL)
            return real(*a, **k)
        setattr(where, name, die)
    index, *files = sys.argv[1:]
    settings = Settings(index_dir=index, embed_model="hash")
    report = build.update_index(index, add=files, settings=settings, embedder=HashEmbedder(settings), commit_every=1)
    print(report.summary())
    for line in report.problems():
        print(line, file=sys.stderr)
''')


def _child(index: Path, *files: Path, kill_at: str | None = None) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("QA_")}
    if kill_at:
        env["KILL_AT"] = kill_at
    return subprocess.run([sys.executable, "-c", CHILD, str(index), *map(str, files)], capture_output=True,
                          text=True, cwd=ROOT, env=env, timeout=120)


def _reports(folder: Path, n: int, first: int = 0) -> list[Path]:
    folder.mkdir(exist_ok=True)
    out = []
    for i in range(first, first + n):
        p = folder / f"r{i}.txt"
        p.write_text(tiny_report(f"示例市{'东西南北中'[i % 5]}区", 2020 + i, f"公务接待费{i}.5万元。"), encoding="utf-8")
        out.append(p)
    return out


def _sources(index: Path) -> list[str]:
    opened = open_index(index)
    try:
        return sorted(d["source"] for d in opened.documents)
    finally:
        opened.close()


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[Path, list[Path]]:
    """An index of two reports, built once; each test copies it."""
    base = tmp_path_factory.mktemp("gen")
    files = _reports(base / "reports", 3)
    done = _child(base / "index", *files[:2])
    assert done.returncode == 0, done.stderr
    return base, files


def _copy(built, tmp_path) -> tuple[Path, list[Path]]:
    import shutil

    base, files = built
    shutil.copytree(base / "index", tmp_path / "index")
    return tmp_path / "index", files


# the points of an update at which the child dies: reading, embedding, writing the store, building the
# keyword and dense indexes, after renaming the new generation but before CURRENT, and cleaning up after it
KILL_POINTS = ["_prepare", "_embed", "writer.faiss_kind", "writer.write_bm25", "writer._write_manifest",
               "_write_current", "heal:2"]


@pytest.mark.parametrize("point", KILL_POINTS)
def test_killed_update_leaves_the_previous_index_and_the_next_update_heals(built, tmp_path, point, caplog):
    index, files = _copy(built, tmp_path)
    before = _sources(index)
    killed = _child(index, files[2], kill_at=point)
    assert killed.returncode == -signal.SIGKILL
    current = (index / "CURRENT").read_text().strip()
    left = sorted(p.name for p in index.iterdir() if p.name.startswith(".tmp-") or
                  (p.name.startswith("gen-") and p.name > current))
    if point in ("writer.faiss_kind", "writer.write_bm25", "writer._write_manifest", "_write_current"):
        assert left, "the kill should leave a half-written or unnamed generation"
    with caplog.at_level("WARNING"):
        after_kill = _sources(index)  # opening heals: no update is running
    assert after_kill in (before, sorted(before + ["r2.txt"]))  # the old generation, or the new one whole
    said = " ".join(r.getMessage() for r in caplog.records)
    assert all(f"removed {name}" in said for name in left) and ("interrupted update" in said or not left)
    again = _child(index, files[2])
    assert again.returncode == 0, again.stderr
    assert _sources(index) == sorted(before + ["r2.txt"])
    assert sorted(p.name for p in index.iterdir() if p.name.startswith(("gen-", ".tmp-"))) == [
        (index / "CURRENT").read_text().strip()]


def test_orphan_generation_after_rename_is_removed_with_a_line(built, tmp_path, caplog):
    """The crash of issue 12: a generation renamed into place but never named by CURRENT blocked every
    later update with `Directory not empty`."""
    index, files = _copy(built, tmp_path)
    killed = _child(index, files[2], kill_at="_write_current")
    assert killed.returncode == -signal.SIGKILL
    current = (index / "CURRENT").read_text().strip()
    orphans = [p.name for p in index.iterdir() if p.name.startswith("gen-") and p.name != current]
    assert orphans, "the kill should leave the renamed generation behind"
    with caplog.at_level("WARNING"):
        open_index(index).close()  # a reader heals it too, when no update is running
    assert any(f"removed {orphans[0]}" in r.getMessage() and "interrupted" in r.getMessage() for r in caplog.records)
    assert not (index / orphans[0]).exists()


def test_every_file_of_a_generation_is_in_its_manifest_with_a_checksum(built):
    index = built[0] / "index"
    gen = index / (index / "CURRENT").read_text().strip()
    files = json.loads((gen / "manifest.json").read_text())["files"]
    assert {"store.sqlite", "vectors.npy", "vector_ids.npy"} <= set(files)
    assert any(name.startswith("bm25-words/") for name in files)
    assert all(len(f["sha256"]) == 64 and f["size"] == (gen / n).stat().st_size for n, f in files.items())


def _generation(index: Path) -> Path:
    return index / (index / "CURRENT").read_text().strip()


@pytest.mark.parametrize("damage", ["truncate store.sqlite", "garbage store.sqlite", "truncate vectors.npy", "garbage vectors.npy",
                                    "garbage vector_ids.npy", "delete bm25-words", "delete manifest.json",
                                    "garbage manifest.json", "garbage CURRENT"])
def test_damaged_part_is_one_line_naming_the_file_and_the_rebuild(built, tmp_path, damage, capsys, stand_in_env):
    from qa.cli import main

    index, _ = _copy(built, tmp_path)
    how, name = damage.split(" ")
    target = index / name if name == "CURRENT" else _generation(index) / name
    if how == "truncate":
        with open(target, "r+b") as f:
            f.truncate(target.stat().st_size // 2)
    elif how == "garbage":
        size = target.stat().st_size
        target.write_bytes(os.urandom(size))  # same size: only reading it can tell
    else:
        import shutil

        shutil.rmtree(target) if target.is_dir() else target.unlink()
    with pytest.raises(IndexDamagedError) as e:
        opened = open_index(index)
        opened.warm_up()
    assert name in str(e.value) and "qa index" in str(e.value)
    # a question loads only the parts it needs (a facts answer reads no vectors): it answers, or fails in one line
    code = main(["ask", "三公经费", "--index", str(index)])
    err = capsys.readouterr().err.strip()
    assert code in (0, 2) and "Traceback" not in err
    if code == 2:
        assert err.count("\n") == 0 and name in err


def test_index_option_naming_a_file_is_one_line(tmp_path, capsys):
    from qa.cli import main

    not_a_folder = tmp_path / "index.txt"
    not_a_folder.write_text("x")
    for argv in (["ask", "三公经费"], ["reports"], ["remove", "a.txt"]):
        assert main([*argv, "--index", str(not_a_folder)]) == 2
        err = capsys.readouterr().err.strip()
        assert err.count("\n") == 0 and "is a file, not a folder" in err


def test_full_disk_is_one_line_and_leaves_the_index(built, tmp_path, monkeypatch):
    """ENOSPC while the new generation is written (the vectors file): one DiskFullError, the old index intact,
    no half-written folder left."""
    import errno

    import qa.store.build as build
    import qa.store.writer as writer
    from qa.config import Settings

    index, files = _copy(built, tmp_path)
    before = _sources(index)

    class FullWriter(writer.VectorWriter):
        def write(self, block):
            raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(writer, "VectorWriter", FullWriter)
    settings = Settings(index_dir=index, embed_model="hash")
    with pytest.raises(DiskFullError, match="is full"):
        build.update_index(index, add=[files[2]], settings=settings, embedder=_StandIn(settings))
    assert _sources(index) == before
    assert not [p for p in index.iterdir() if p.name.startswith(".tmp-")]


class _StandIn:
    dim, cache_key = 8, None

    def __init__(self, settings):
        self.settings = settings

    def encode_passages(self, texts):
        import numpy as np

        out = np.zeros((len(texts), self.dim), np.float32)
        out[:, 0] = 1.0
        return out


def test_update_of_a_missing_file_in_a_batch_is_not_an_input_error(tmp_path):
    """expand_paths still refuses a path that does not exist, before anything is written."""
    from qa.config import Settings
    from qa.store.build import update_index

    settings = Settings(index_dir=tmp_path / "index")
    with pytest.raises(InputError, match="No such file"):
        update_index(settings.index_dir, add=[tmp_path / "missing.txt"], settings=settings, embedder=_StandIn(settings))


def test_an_interrupted_run_keeps_the_steps_that_finished_and_a_rerun_continues(tmp_path):
    files = _reports(tmp_path / "reports", 3)
    index = tmp_path / "index"
    killed = _child(index, *files, kill_at="_embed:2")  # steps of one file: dies embedding the second
    assert killed.returncode == -signal.SIGKILL
    assert _sources(index) == ["r0.txt"]
    again = _child(index, *files)
    assert again.returncode == 0, again.stderr
    assert "2 added, 0 updated, 1 unchanged" in again.stdout
    assert _sources(index) == ["r0.txt", "r1.txt", "r2.txt"]


# `qa index` itself in a child, with the stand-in embedder, one file per step, and a real SIGINT (Ctrl-C) that the
# child sends itself when it starts embedding the n-th step (SIGINT_AT=n).
CLI_CHILD = CHILD.split("kill_at, calls")[0] + textwrap.dedent('''
    import functools
    import qa.api
    from qa.cli import main

    qa.api.update_index = functools.partial(build.update_index, commit_every=1)
    # (a shell running the tests in the background starts its children with SIGINT ignored: a user's Ctrl-C
    # reaches a foreground `qa index`, so the child takes Python's own handler back)
    signal.signal(signal.SIGINT, signal.default_int_handler)
    real_embed, calls = build._embed, []
    def interrupt(*a, **k):
        calls.append(1)
        if len(calls) == int(os.environ["SIGINT_AT"]):
            os.kill(os.getpid(), signal.SIGINT)
        return real_embed(*a, **k)
    build._embed = interrupt
    sys.exit(main(["index", *sys.argv[2:], "--index", sys.argv[1]]))
''')


# (4, 3): r0 and r1 are committed on the doubling schedule, r2's step finished but is not due a commit yet:
# Ctrl-C commits it before leaving
@pytest.mark.parametrize("sigint_at, kept", [(3, 2), (1, 0), (4, 3)])
def test_ctrl_c_during_qa_index_is_one_line_saying_what_is_kept_and_a_rerun_continues(tmp_path, sigint_at, kept):
    n = max(3, sigint_at)
    files = _reports(tmp_path / "reports", n)
    index = tmp_path / "index"
    env = {k: v for k, v in os.environ.items() if not k.startswith("QA_")} | {"SIGINT_AT": str(sigint_at),
                                                                              "QA_EMBED_MODEL": "hash"}
    run = subprocess.run([sys.executable, "-c", CLI_CHILD, str(index), *map(str, files)], capture_output=True,
                         text=True, cwd=ROOT, env=env, timeout=120)
    assert run.returncode == 130, run.stderr
    bars = ("reading reports", "embedding chunks")  # tqdm's progress bars, redrawn with \r
    shown = run.stderr.replace("\r", "\n").replace("\x1b[A", "")  # and moved between with the cursor-up code
    lines = [ln for ln in shown.splitlines() if ln.strip() and not ln.startswith(bars)]
    assert len(lines) == 1 and "Traceback" not in run.stderr, run.stderr
    assert lines[0].startswith("interrupted: ") and lines[0].endswith("Run the same command again to continue.")
    assert (f"the {kept} report(s) this run indexed so far are kept in {index}" if kept
            else "no report of this run was committed yet") in lines[0]
    assert (_sources(index) if kept else []) == [f"r{i}.txt" for i in range(kept)]
    again = _child(index, *files)
    assert again.returncode == 0, again.stderr
    assert f"{n - kept} added, 0 updated, {kept} unchanged" in again.stdout
