"""The library: which index the page answers from, and the 报告库 tab (upload, indexing progress, the
report table, remove and re-index).

The synthetic sample reports live in their own index under the cache folder, never in the user's: while
the user's index is empty the page answers from the samples, and the first real upload switches it to
the user's library.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Callable

from .. import api
from .. import library as catalog
from ..config import Settings
from ..errors import QAError
from ..models import ReportInfo

logger = logging.getLogger(__name__)

SAMPLE_SEEDS = ((11, "决算"), (12, "预算"))
#: questions the sample reports answer (a test asks each one)
SAMPLE_EXAMPLES = ["北河区2019年行政运行决算数", "长桥区2022年机关运行经费预算数", "一般公共预算财政拨款支出决算数",
                   "机关运行经费"]
#: example questions tried on the user's own reports; those the reports answer are offered
EXAMPLE_TEMPLATES = ("{place}{year}年机关运行经费", "{place}{year}年三公经费", "{place}{year}年一般公共预算财政拨款支出")
MAX_EXAMPLES = 4
REPORT_COLUMNS = ["文件", "地区", "部门", "年度", "类型", "页数", "数字", "段落", "警告"]
KINDS = ["预算", "决算"]
STAGES = {"read": "读取报告", "embed": "生成向量"}


def _write_samples(folder: Path) -> list[Path]:
    """The bundled synthetic reports as PDFs (the one place the web code imports the sample generator)."""
    from ..demo.sample import make_report, write_pdf

    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for seed, kind in SAMPLE_SEEDS:
        path = folder / f"sample-{seed}-{'final' if kind == '决算' else 'budget'}.pdf"
        if not path.exists():
            write_pdf(make_report(seed, kind=kind), path)
        paths.append(path)
    return paths


def sample_settings(settings: Settings) -> Settings:
    """Where the sample reports' own index lives: beside the model, in the cache folder."""
    return replace(settings, index_dir=Path(settings.cache_dir) / "sample-index")


def ensure_sample_index(settings: Settings):
    """Build the samples' index when it does not exist yet (-> IndexReport), else None. `settings` are the
    user's; the samples go to `sample_settings(settings)`."""
    samples = sample_settings(settings)
    if catalog.index_exists(settings=samples):
        return None
    paths = _write_samples(Path(settings.cache_dir) / "samples")
    logger.warning("Indexing the synthetic sample reports into %s", samples.index_dir)
    return api.build_index(paths, settings=samples)


@dataclass
class Library:
    """The user's index settings, and the samples' index used while the user's is empty. One per app."""

    settings: Settings

    @property
    def using_samples(self) -> bool:
        return not catalog.index_exists(settings=self.settings)

    def active(self) -> Settings:
        """The settings to answer with: the user's index once it exists, else the samples'."""
        if self.using_samples:
            ensure_sample_index(self.settings)
            return sample_settings(self.settings)
        return self.settings

    def reports(self) -> list[ReportInfo]:
        return catalog.reports(settings=self.active())

    def banner(self) -> str:
        if self.using_samples:
            return ("**当前使用示例报告**（两份虚构的合成报告，地区、部门和数字均为虚构）。"
                    "在“报告库”上传您的报告后，问答将切换到您的报告库，示例不会混入。")
        n = len(self.reports())
        return f"报告库：`{self.settings.index_dir}`，共 {n} 份报告。"

    def examples(self) -> list[str]:
        """Example questions that the library answers: fixed ones for the samples; for the user's reports,
        questions made from their region and year, each asked once per state of the library and kept if
        answered."""
        if self.using_samples:
            return list(SAMPLE_EXAMPLES)
        reports = self.reports()
        key = (str(self.settings.index_dir), tuple(r.doc_id for r in reports))
        if key not in _examples:
            candidates = [t.format(place=r.region or r.department or "", year=r.year or "")
                          for r in reports[:3] for t in EXAMPLE_TEMPLATES]
            if len(reports) > 1:
                candidates.append("机关运行经费")  # answered per report, with a chart
            answered = [q for q in dict.fromkeys(candidates) if api.ask(q, settings=self.settings).found]
            _examples[key] = answered[-1:] + answered[:MAX_EXAMPLES - 1] if len(reports) > 1 else answered[:MAX_EXAMPLES]
        return list(_examples[key])

    def set_folder(self, folder: str) -> str:
        folder = (folder or "").strip()
        if not folder:
            raise QAError("请填写索引文件夹。")
        self.settings = replace(self.settings, index_dir=Path(folder).expanduser())
        return self.banner()


_examples: dict[tuple, list[str]] = {}


def report_rows(reports: list[ReportInfo]) -> list[list[Any]]:
    return [[r.source, r.region or "", r.department or "", r.year or "", r.kind or "", r.pages, r.facts, r.chunks,
             "；".join(r.warnings)] for r in reports]


def filter_choices(reports: list[ReportInfo]) -> dict[str, list[str]]:
    """The values each scope filter offers: what the indexed reports hold."""
    def values(attr: str) -> list[str]:
        return sorted({str(getattr(r, attr)) for r in reports if getattr(r, attr)})

    return {"region": values("region"), "department": values("department"), "year": values("year"),
            "kind": values("kind")}


def _progress_callback(progress: Callable | None) -> Callable[[str, int, int], None] | None:
    if progress is None:
        return None

    def update(stage: str, done: int, total: int) -> None:
        if total:
            progress(done / total, desc=f"{STAGES.get(stage, stage)} {done}/{total}")

    return update


def upload(library: Library, files: list[Any] | None, progress: Callable | None = None,
           received_in: Path | None = None) -> str:
    """Index uploaded files into the user's library (-> a status line). Raises QAError for bad input.
    Files under `received_in` (the web server's upload cache) are deleted once the library holds its copy."""
    paths = [Path(f) if isinstance(f, (str, Path)) else Path(f.name) for f in (files or [])]  # paths, or file objects
    if not paths:
        raise QAError("没有选择文件。请上传 PDF 或 TXT 报告。")
    try:
        report = catalog.add_reports(paths, settings=library.settings, on_progress=_progress_callback(progress))
    finally:  # the server's copy goes, with the folder it was received in (one per upload) once that is empty
        for path in paths:
            if received_in is not None and path.resolve().is_relative_to(received_in.resolve()):
                path.unlink(missing_ok=True)
                if path.parent.resolve() != received_in.resolve() and not any(path.parent.iterdir()):
                    path.parent.rmdir()
    parts = [f"新增 {len(report.added)} 份", f"更新 {len(report.updated)} 份", f"未变 {len(report.unchanged)} 份"]
    status = f"索引完成：{'，'.join(parts)}；共 {report.documents} 份报告，用时 {report.seconds:.1f} 秒。"
    if report.warnings:
        status += "  \n注意：" + "；".join(report.warnings)
    return status


def remove(library: Library, sources: list[str] | None) -> str:
    if library.using_samples:
        raise QAError("示例报告不能删除；上传您自己的报告后即使用您的报告库。")
    if not sources:
        raise QAError("请先在列表中选择要删除的报告。")
    report = catalog.remove_reports(sources, settings=library.settings)
    return f"已删除 {len(report.removed)} 份：{'、'.join(report.removed)}。"


def reindex(library: Library, sources: list[str] | None, region: str = "", department: str = "", year: Any = None,
            kind: str = "", progress: Callable | None = None) -> str:
    if library.using_samples:
        raise QAError("示例报告不能重新索引；请上传您自己的报告。")
    if not sources:
        raise QAError("请先在列表中选择要重新索引的报告。")
    try:
        year_value = int(year) if year not in (None, "") else None
    except (TypeError, ValueError) as e:
        raise QAError(f"年度应为四位数字，例如 2023；收到 {year!r}。") from e
    report = catalog.reindex_reports(sources, settings=library.settings, region=region or None,
                                 department=department or None, year=year_value, kind=kind or None,
                                 on_progress=_progress_callback(progress))
    return f"已重新索引 {len(report.added) + len(report.updated)} 份，用时 {report.seconds:.1f} 秒。"
