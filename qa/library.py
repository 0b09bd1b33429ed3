"""The report library behind the web app: list the indexed reports, take uploads into the index folder,
remove and re-index them; and how a figure is printed with its citations. Callers reach these through
`qa.api`, which re-exports them.
"""
from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Callable, Sequence

from .api import _lock, _retrievers, _settings, build_index, get_retriever, remove_from_index
from .config import Settings
from .errors import InputError
from .models import Answer, ReportInfo
from .store.index import Index, current_generation
from .store.index import open_index as _open_index
from .store.records import IndexReport

# ---------------------------------------------------------------------------------------------- library
# What the web app's library needs: list the indexed reports, take uploads, remove and re-index them.

#: folder inside the index folder that keeps uploaded report files
UPLOADS = "uploads"
_UPLOAD_SUFFIXES = (".pdf", ".txt")


def index_exists(index: str | Path | None = None, *, settings: Settings | dict | None = None) -> bool:
    """Whether the index folder holds an index (an empty or missing folder does not)."""
    s = _settings(settings, index)
    return current_generation(s.index_dir) is not None


def reports(index: str | Path | None = None, *, settings: Settings | dict | None = None) -> list[ReportInfo]:
    """The indexed reports, in index order: metadata, pages, facts and chunks found, loading warnings.

    Reads only the store: no model, no search structures (the index a web process already holds is reused)."""
    s = _settings(settings, index)
    root = Path(s.index_dir).resolve()
    with _lock:
        held = _retrievers.get(root)
    if held is not None and held.index.generation == current_generation(root):
        return _report_infos(held.index)
    opened = _open_index(s.index_dir)  # listing reads no vectors: any embedding model's index can be listed
    try:
        return _report_infos(opened)
    finally:
        opened.close()


def _report_infos(opened: Index) -> list[ReportInfo]:
    key = (opened.root.resolve(), opened.generation)
    with _lock:
        counts = _fact_counts.get(key)
        if counts is None:
            counts = _fact_counts[key] = opened.fact_counts()
    return [ReportInfo(doc_id=d["doc_id"], source=d["source"], title=d["title"] or "", region=d["region"],
                       department=d["department"], year=d["year"], kind=d["kind"], pages=d["pages"] or 0,
                       facts=counts.get(d["doc_id"], 0), chunks=d["n_rows"], warnings=tuple(d["warnings"]),
                       path=d["path"])
            for d in opened.documents]


_fact_counts: dict[tuple[Path, str], dict[str, int]] = {}


def report_path(source: str, index: str | Path | None = None, *, settings: Settings | dict | None = None) -> Path:
    """The file an indexed report was read from, by its file name (a citation's `source`)."""
    s = _settings(settings, index)
    for d in get_retriever(s).index.documents:
        if d["source"] == source:
            path = Path(d["path"])
            if not path.is_file():
                raise InputError(f"报告文件 {path} 已不存在；请重新上传 {source}。")
            return path
    raise InputError(f"索引中没有 {source}。")


def report_text(source: str, index: str | Path | None = None, *, settings: Settings | dict | None = None) -> str:
    """The text of an indexed text report as its line numbers count it (citations' `lines`)."""
    from .ingest.load import decode_text

    path = report_path(source, index, settings=settings)
    return decode_text(path.read_bytes(), name=str(path))[0]


def add_reports(
    files: Sequence[str | Path],
    *,
    index: str | Path | None = None,
    settings: Settings | dict | None = None,
    on_progress: Callable[[str, int, int], None] | None = None,
) -> IndexReport:
    """Copy report files (a user's uploads) into the index folder's `uploads/` and index them from there.

    Each file must be a PDF or a text report of at most `max_upload_mb` (a setting); a file of the same name replaces the
    one stored before. Nothing is written outside the index folder, and a file that is not indexed (it failed, or its
    bytes are a report already held) is not kept there; a file the index holds is deleted with its report
    (`remove_reports`).
    """
    import shutil
    import tempfile

    from .ingest.load import detect_file_type

    s = _settings(settings, index)
    if not files:
        raise InputError("没有选择文件。请上传 PDF 或 TXT 报告。")
    checked: list[tuple[Path, str]] = []
    for f in files:
        path = Path(f)
        name = _safe_name(path.name)
        if Path(name).suffix.lower() not in _UPLOAD_SUFFIXES:
            raise InputError(f"{path.name}：不支持的文件类型，只接受 PDF 和 TXT 报告。")
        detect_file_type(path)  # a .pdf that is not a PDF, an empty file: said before anything is stored
        size = path.stat().st_size
        if size > s.max_upload_mb * 1024 * 1024:
            raise InputError(f"{path.name}：{size / 1024 / 1024:.1f} MB，超过上传上限 {s.max_upload_mb} MB"
                             "（设置 max_upload_mb / QA_MAX_UPLOAD_MB）。")
        checked.append((path, name))
    folder = Path(s.index_dir) / UPLOADS
    folder.mkdir(parents=True, exist_ok=True)
    stored: list[Path] = []
    replaced: dict[Path, Path] = {}  # a stored file an upload of the same name replaces -> its copy until indexed
    try:
        for path, name in checked:
            target = folder / name
            if path.resolve() != target.resolve():
                fd, tmp = tempfile.mkstemp(prefix=".part-", dir=folder)
                os.close(fd)
                shutil.copyfile(path, tmp)
                if target.exists():
                    fd, old = tempfile.mkstemp(prefix=".old-", dir=folder)
                    os.close(fd)
                    os.replace(target, old)
                    replaced[target] = Path(old)
                os.replace(tmp, target)  # a half-copied file never carries the report's name
            stored.append(target)
        return build_index(stored, settings=s, on_progress=on_progress)
    finally:
        _keep_only_indexed(stored, replaced, s)


def _keep_only_indexed(stored: Sequence[Path], replaced: dict[Path, Path], s: Settings) -> None:
    """After an upload was indexed (or failed, or was interrupted): the uploads folder keeps a file only while the
    index holds its bytes. One the index did not take (unreadable, or the same bytes as a report held) is deleted,
    or, when it replaced a stored report's file, that file is put back."""
    import hashlib

    held = {(str(Path(r.path).resolve()), r.doc_id) for r in reports(settings=s) if r.path} if index_exists(settings=s) \
        else set()
    for target in stored:
        digest = hashlib.sha256(target.read_bytes()).hexdigest()[:12] if target.is_file() else ""
        old = replaced.get(target)
        if (str(target.resolve()), digest) in held:
            if old is not None:
                old.unlink(missing_ok=True)
        elif old is not None:
            os.replace(old, target)
        else:
            target.unlink(missing_ok=True)


def _safe_name(name: str) -> str:
    """A file name that stays inside the uploads folder: no folders, no control or path characters."""
    name = re.sub(r"[\x00-\x1f/\\:*?\"<>|]", "_", Path(name.replace("\\", "/")).name).strip(" .")
    if not name:
        raise InputError("文件名为空。")
    return name[-120:]


def remove_reports(
    sources: Sequence[str], *, index: str | Path | None = None, settings: Settings | dict | None = None
) -> IndexReport:
    """Drop reports (by file name) from the index, and delete the uploaded copies the index folder kept."""
    s = _settings(settings, index)
    paths = {d.source: Path(d.path) for d in reports(settings=s) if d.path}
    report = remove_from_index(list(sources), settings=s)
    uploads = (Path(s.index_dir) / UPLOADS).resolve()
    for source in sources:
        path = paths.get(source)
        if path is not None and path.resolve().parent == uploads:
            path.unlink(missing_ok=True)
    return report


def reindex_reports(
    sources: Sequence[str],
    *,
    index: str | Path | None = None,
    settings: Settings | dict | None = None,
    region: str | None = None,
    department: str | None = None,
    year: int | None = None,
    kind: str | None = None,
    on_progress: Callable[[str, int, int], None] | None = None,
) -> IndexReport:
    """Read reports (by file name) again: with the metadata given, or detecting it afresh when none is."""
    s = _settings(settings, index)
    paths = [report_path(source, settings=s) for source in sources]
    meta = dict(region=region, department=department, year=year, kind=kind)
    if not any(v is not None for v in meta.values()):
        # an unchanged file with no new metadata would be skipped: drop it first so it is read again
        remove_from_index(list(sources), settings=s)
    return build_index(paths, settings=s, on_progress=on_progress, **meta)


# ---------------------------------------------------------------------------------------------- figures


def printed_value(value: float, texts: Sequence[str] = ()) -> str:
    """A figure as the report prints it: thousands separators and the decimals of the first number in
    `texts` (the cited quotes) equal to it; otherwise the fewest decimals (at most 4) that show it. Never
    scientific notation."""
    from .text.numbers import printed_decimals

    decimals = printed_decimals(value, texts)
    if decimals is None:
        decimals = next((d for d in range(5) if abs(round(value, d) - value) < 1e-9), 4)
    return f"{value:,.{decimals}f}"


def figure_citations(a: Answer) -> list[tuple[int, ...]]:
    """For each figure of an answer, the 1-based numbers of the citations that print it (for a computed
    figure, those that print its formula's inputs), so each figure can carry its `[n]` marker."""
    from .text.numbers import find_numbers

    printed = [{round(abs(n.value), 2) for n in find_numbers(c.quote)} | {round(abs(v), 2) for _, v in c.cells}
               for c in a.citations]
    out: list[tuple[int, ...]] = []
    for f in a.figures:
        wanted = [round(abs(f.value), 2)]
        if f.formula:
            wanted = [round(abs(n.value), 2) for n in find_numbers(f.formula)]
        out.append(tuple(i for i, values in enumerate(printed, 1) if any(w in values for w in wanted)))
    return out
