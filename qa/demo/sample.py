"""Synthetic disclosure reports (部门决算 / 部门预算) in the national template, with made-up figures.

Uses: a demo corpus the app can index on a fresh machine, PDFs for loader tests, and thousands of reports
for scale benchmarks. Everything is fictional: regions are 示例市… / 示例县, departments are generic, figures
come from a seeded generator, and every report says on its cover that it is a generated example.

Numbers are consistent by construction: amounts are integers of 0.01 万元 while generating, 小计 = 基本支出 +
项目支出, every 合计 is the sum of its rows, each narrative figure is the table figure, and rates
(执行率, 增长率, 占比) are computed from the printed amounts and rounded half-up to one decimal.

    report = make_report(7)                  # 决算 by default; make_report(7, kind="预算")
    write_text(report, "r.txt")              # like a PDF extraction: one table row per line
    info = write_pdf(report, "r.pdf")        # A4, STSong-Light, ruled tables; info.table_pages["公开06表"]
    paths = write_sample_corpus("corpus/", 100, fmt="txt")

`report.facts` holds the ground truth: (subject, measure, value, unit) with the text as printed and where
(a table code like "公开05表" or a section heading).

What varies between seeds: the department profile (16 kinds, each with its own 类/款/项 items, projects and
duties), staff numbers and scale (收支总计 roughly 300–8,500 万元), which project items are used, and, for some
reports, 其他收入, 政府性基金 spending, 年初/年末结转和结余, 因公出国 and 公务用车购置. 公开08表 (and 公开09表 of a
预算) is always the "本部门无…" empty table, as in most real reports.

PDFs use reportlab's built-in CID font STSong-Light, which is referenced, not embedded: text extraction
(pdfplumber, pdftotext) is exact, but a viewer needs some CJK font to draw the glyphs (Acrobat fetches one;
poppler wants poppler-data plus e.g. fonts-arphic-uming or fonts-noto-cjk, otherwise it shows boxes).
"""
from __future__ import annotations

import logging
import math
import os
import random
from pathlib import Path
from typing import Callable, Iterator

from .budget import _part_three_budget, _part_two_budget
from .final import _part_four, _part_one, _part_three_final, _part_two_final
from .layout import _Out
from .ledger import _make_ledger, money_cell, money_text, pct_text, rate_tenths  # noqa: E402  (the public surface, in one place)
from .pdf import (
    wrap_cjk,  # noqa: E402
    write_pdf,
)
from .profiles import DEPARTMENTS, REGIONS
from .records import (
    FICTION_NOTICE,
    Heading,
    Paragraph,
    SampleReport,
    SampleTable,  # noqa: E402
)

logger = logging.getLogger(__name__)

KINDS = ("决算", "预算")
FORMATS = ("pdf", "txt")
YEAR_MIN, YEAR_MAX = 2019, 2026



# ---------------------------------------------------------------------------------------------------------
# Public API: generate
# ---------------------------------------------------------------------------------------------------------


def make_report(seed: int, *, kind: str = "决算", region: str | None = None, department: str | None = None,
                year: int | None = None) -> SampleReport:
    """A synthetic report, identical for identical arguments.

    kind: "决算" (final account, default) or "预算" (budget: budget figures only). region / department / year
    default to values drawn from the seed: regions from `REGIONS` (fictional 示例市…), departments from
    `DEPARTMENTS` (any other name gets a generic office profile), years 2019–2025 for 决算 and 2019–2026 for 预算.
    """
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {', '.join(KINDS)}; got {kind!r}")
    if year is not None and not YEAR_MIN <= year <= YEAR_MAX:
        raise ValueError(f"year must be in {YEAR_MIN}–{YEAR_MAX}; got {year}")
    rng = random.Random(seed * 2 + (kind == "预算"))
    drawn = (rng.choice(REGIONS), rng.choice(DEPARTMENTS), rng.randint(YEAR_MIN, YEAR_MAX - (kind == "决算")))
    region, department, year = region or drawn[0], department or drawn[1], year or drawn[2]
    ledger = _make_ledger(rng, kind, region, department, year)
    o = _Out()
    title = f"{region}{department}{year}年度部门{kind}"
    _part_one(o, ledger, rng)
    if kind == "决算":
        _part_two_final(o, ledger)
        _part_three_final(o, ledger, rng)
    else:
        _part_two_budget(o, ledger)
        _part_three_budget(o, ledger, rng)
    _part_four(o, ledger)
    return SampleReport(seed, kind, region, department, year, title, tuple(o.blocks), tuple(o.facts))


# ---------------------------------------------------------------------------------------------------------
# Text output
# ---------------------------------------------------------------------------------------------------------


def report_to_text(report: SampleReport, *, sep: str = " ", page_breaks: bool = False) -> str:
    """The report as a text extraction would give it.

    Title lines first; headings and paragraphs one per line; each table as its title, code, 部门/单位 line,
    header rows and body rows, one row per line. With sep=" " (default) empty cells vanish, as in a
    pdftotext-style extraction; with sep="\\t" every cell is kept. page_breaks=True puts a form feed where the
    PDF starts a new page (before each part and each table).
    """
    dept = report.region + report.department
    lines = [dept, f"{report.year}年度部门{report.kind}", FICTION_NOTICE]
    brk = "\f" if page_breaks else ""
    keep_empty = sep != " "
    for b in report.blocks:
        if isinstance(b, Paragraph):
            lines.append(b.text)
        elif isinstance(b, Heading):
            if b.level == 1:
                lines.append(brk)
            lines.append(b.text)
        else:
            lines += [brk, b.title, b.code, f"部门：{dept} 单位：{b.unit}"]
            for row in b.header + b.rows:
                lines.append(sep.join(row) if keep_empty else sep.join(c for c in row if c))
            lines += b.note.split("\n")
    return "\n".join(line for line in lines if line or page_breaks) + "\n"


def write_text(report: SampleReport, path: str | os.PathLike[str], *, sep: str = " ",
               page_breaks: bool = False) -> Path:
    """Writes `report_to_text(report, sep=sep, page_breaks=page_breaks)` as UTF-8; returns the path."""
    p = Path(path)
    p.write_text(report_to_text(report, sep=sep, page_breaks=page_breaks), encoding="utf-8")
    return p

# ---------------------------------------------------------------------------------------------------------
# Corpora for benchmarks
# ---------------------------------------------------------------------------------------------------------


def corpus_plan(n: int, *, seed: int = 0, kind: str | None = None) -> list[tuple[int, str, str, str, int]]:
    """(report seed, kind, region, department, year) for n reports with distinct (region, department, year).

    kind=None mixes: every third report is a 预算. Distinct up to len(REGIONS) × len(DEPARTMENTS) × 7 reports
    (over 18,000); beyond that combinations repeat with other seeds.
    """
    if kind is not None and kind not in KINDS:
        raise ValueError(f"kind must be one of {', '.join(KINDS)} or None; got {kind!r}")
    years = YEAR_MAX - YEAR_MIN  # 2019–2025: a year both kinds can have
    total = len(REGIONS) * len(DEPARTMENTS) * years
    stride = 7919
    while math.gcd(stride, total) != 1:
        stride += 2
    offset = random.Random(seed).randrange(total)
    plan = []
    for i in range(n):
        idx = (offset + i * stride) % total
        idx, y = divmod(idx, years)
        r, d = divmod(idx, len(DEPARTMENTS))
        k = kind or ("预算" if i % 3 == 2 else "决算")
        plan.append((seed * 1_000_003 + i, k, REGIONS[r], DEPARTMENTS[d], YEAR_MIN + y))
    return plan


def _write_one(args: tuple[int, tuple[int, str, str, str, int], str, str]) -> str:
    i, (s, k, region, dept, year), directory, fmt = args
    report = make_report(s, kind=k, region=region, department=dept, year=year)
    path = Path(directory) / f"sample-{i:05d}-{year}-{'final' if k == '决算' else 'budget'}.{fmt}"
    if fmt == "pdf":
        write_pdf(report, path)
    else:
        write_text(report, path)
    return str(path)


def write_sample_corpus(directory: str | os.PathLike[str], n: int, *, seed: int = 0, fmt: str = "pdf",
                        kind: str | None = None, workers: int = 1,
                        on_progress: Callable[[int, int], None] | None = None) -> list[Path]:
    """Writes n generated reports into directory (created if missing); returns their paths in order.

    Files are named sample-00000-2023-final.pdf / …-budget.txt; (region, department, year) are distinct (see
    `corpus_plan`). kind=None mixes 决算 and 预算 2:1. workers > 1 renders in that many processes; the output is
    identical either way.
    """
    if fmt not in FORMATS:
        raise ValueError(f"fmt must be one of {', '.join(FORMATS)}; got {fmt!r}")
    if n < 0:
        raise ValueError(f"n must be >= 0; got {n}")
    if workers < 1:
        raise ValueError(f"workers must be >= 1; got {workers}")
    out = Path(directory)
    out.mkdir(parents=True, exist_ok=True)
    jobs = [(i, p, str(out), fmt) for i, p in enumerate(corpus_plan(n, seed=seed, kind=kind))]
    progress = on_progress or (lambda done, total: None)
    paths: list[Path] = []
    if workers == 1 or n < 2:
        for job in jobs:
            paths.append(Path(_write_one(job)))
            progress(len(paths), n)
    else:
        from concurrent.futures import ProcessPoolExecutor

        with ProcessPoolExecutor(max_workers=workers) as ex:
            for p in ex.map(_write_one, jobs, chunksize=max(1, min(64, n // (workers * 4) or 1))):
                paths.append(Path(p))
                progress(len(paths), n)
    logger.info("wrote %d sample %s reports to %s", n, fmt, out)
    return paths


def iter_reports(n: int, *, seed: int = 0, kind: str | None = None) -> Iterator[SampleReport]:
    """The reports `write_sample_corpus` would write, without writing them."""
    for s, k, region, dept, year in corpus_plan(n, seed=seed, kind=kind):
        yield make_report(s, kind=k, region=region, department=dept, year=year)



__all__ = [
    "DEPARTMENTS", "FORMATS", "KINDS", "REGIONS", "Heading", "Paragraph", "SampleReport", "SampleTable", "corpus_plan",
    "iter_reports", "make_report", "money_cell", "money_text", "pct_text", "rate_tenths", "report_to_text", "wrap_cjk",
    "write_pdf", "write_sample_corpus", "write_text",
]
