"""Scoped question cost against the number of held reports: reading a question's scope as before issue 13 (every
held report's forms gathered and tested for each question) and now (gathered once, `qa.search.forms`), in one run.

    python benchmarks/scope_parse.py [--sizes 50,500,5000,10000] [--questions 60] [--before 0dda530] [--json out.json]

Held reports are synthetic identities (`qa.ingest.identity.identify` of a made-up cover): the demo's 16
departments (`qa.demo.profiles.DEPARTMENTS`) in each of as many real counties as needed (the gazetteer's, so
their region forms are matched), years 2019-2025, one report in three a 预算. Each N is the first N of one list.
Questions name one report: `<市><县><部门><年>年…` and `<县><short department name><年>年…` (和平县医保局).

Columns: `before` = `find_scope` of qa/search/scope.py at git revision --before (the last commit before the forms
were gathered once) on this checkout's other modules; when git cannot show that file, the stand-in is this
checkout's `find_scope` given the list of reports, which gathers their forms for every question ("rebuilt"). `now`
= `find_scope` with the forms gathered once; `parse` = the whole `Retriever.parse` (scope and the question's
topic), without and with a filter on the question's own year (each filter's reports picked before timing). `gather s` = gathering the forms once, `right` = questions whose scope is
exactly their report (now), `same` = questions where before and now give the same Scope. Asserts nothing.
"""
from __future__ import annotations

import argparse
import dataclasses
import importlib.util
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any, Callable, Sequence

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # benchmark this checkout's qa, installed or not
    sys.path.insert(0, str(ROOT))

BEFORE = "0dda530"  # main before qa.search.forms
TOPICS = ("一般公共预算财政拨款支出是多少", "三公经费的执行率", "基本支出决算数", "机关运行经费")


def identities(n: int) -> list[Any]:
    """n held reports: 16 departments a county, counties the gazetteer knows (current ones, shuffled by a seed)."""
    import random

    from qa.demo.profiles import DEPARTMENTS
    from qa.ingest.identity import identify
    from qa.lexicon import gazetteer
    from qa.search.scope import HeldReport

    counties = sorted((d for d in gazetteer().divisions if d.level == "county" and d.city and (d.years is None or d.years[1] >= 2024)),
                      key=lambda d: d.adcode or d.name)
    random.Random(0).shuffle(counties)
    out = []
    for county in counties:
        for dept in DEPARTMENTS:
            i = len(out)
            if i == n:
                return out
            kind = "预算" if i % 3 == 2 else "决算"
            cover = f"{county.city}{county.name}{dept}\n{2019 + i % 7}年度部门{kind}\n目 录\n"
            out.append(HeldReport.of(f"r{i}", identify([cover], f"r{i}.pdf")))
    return out


def questions(held: Sequence[Any], count: int) -> list[tuple[str, Any]]:
    """(question, the report it names), spread over the held reports."""
    out = []
    for j in range(count):
        r = held[(j // 2) * len(held) // max(1, (count + 1) // 2) % len(held)]
        county = r.region_path[-1].name
        name = r.region + r.department if j % 2 == 0 else min((a for a in r.department_aliases if county in a), key=len)
        out.append((f"{name}{r.year}年{TOPICS[j % len(TOPICS)]}", r))
    return out


def scope_before(rev: str) -> tuple[Callable[..., Any], str]:
    """find_scope of qa/search/scope.py at `rev`, loaded beside this checkout's modules, and its label; when that
    cannot be done (no git history, or modules it imports have changed since), this checkout's find_scope given the
    list of reports, which gathers their forms for every question."""
    try:
        source = subprocess.run(["git", "-C", str(ROOT), "show", f"{rev}:qa/search/scope.py"], capture_output=True,
                                text=True, check=True, timeout=30).stdout
        spec = importlib.util.spec_from_loader("qa.search._scope_before", loader=None)
        module = importlib.util.module_from_spec(spec)
        module.__package__ = "qa.search"  # its relative imports are this checkout's modules
        sys.modules[spec.name] = module  # (dataclasses look their module up there)
        exec(compile(source, f"{rev}:qa/search/scope.py", "exec"), module.__dict__)
        return module.find_scope, rev
    except Exception as e:  # noqa: BLE001 - any failure: time the stand-in instead, and say so
        print(f"scope.py at {rev} not usable ({e!r}); before = forms rebuilt for every question", file=sys.stderr)
        from qa.search.scope import find_scope

        return find_scope, "rebuilt for every question (this checkout's find_scope given the list)"


class HeldIndex:
    """Just what Retriever.parse reads of an index: its documents' identity fields, and the subjects they print."""

    def __init__(self, held: Sequence[Any]) -> None:
        self.documents = [{**r.to_dict(), "region_path": [(p.name, p.level, p.adcode) for p in r.region_path]}
                          for r in held]

    def subjects_within(self, text: str, doc_ids: Sequence[str]) -> list[tuple[str, str]]:
        """No report prints a unit's row here (a unit named as a department is refused, as when none is held)."""
        return []


def timed(fn: Callable[[str], Any], qs: Sequence[str]) -> tuple[list[float], list[Any]]:
    times, results = [], []
    for q in qs:
        t = time.perf_counter()
        results.append(fn(q))
        times.append((time.perf_counter() - t) * 1000)
    return times, results


def p50_p95(times: Sequence[float]) -> tuple[float, float]:
    ordered = sorted(times)
    return statistics.median(ordered), ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def run(sizes: Sequence[int], count: int, rev: str) -> dict[str, Any]:
    from qa.search.forms import HeldForms
    from qa.search.retrieve import Retriever
    from qa.search.scope import find_scope

    before, label = scope_before(rev)
    meta = {"load_avg_start": os.getloadavg(), "cores": os.cpu_count(), "before": label}
    everything = identities(max(sizes))
    rows = []
    for n in sizes:
        held = everything[:n]
        asked = questions(held, count)
        qs = [q for q, _ in asked]
        t = time.perf_counter()
        gathered = HeldForms.of(held)
        gather_s = time.perf_counter() - t
        retriever = Retriever(HeldIndex(held))
        for _, r in asked:  # read the held reports, gather their forms, and pick each year filter's reports: once
            retriever.parse(qs[0], year=r.year)
        old_ms, old = timed(lambda q: before(q, held), qs)
        new_ms, new = timed(lambda q: find_scope(q, gathered), qs)
        parse_ms, _ = timed(retriever.parse, qs)
        year_of = {q: r.year for q, r in asked}
        filtered_ms, _ = timed(lambda q: retriever.parse(q, year=year_of[q]), qs)
        rows.append({
            "reports": n, "questions": len(qs), "gather_s": gather_s,
            "before_ms": p50_p95(old_ms), "now_ms": p50_p95(new_ms), "parse_ms": p50_p95(parse_ms),
            "parse_year_filter_ms": p50_p95(filtered_ms),
            "right": sum(s.doc_ids == (r.doc_id,) for s, (_, r) in zip(new, asked)),
            # (on the fields the older Scope has: a field added since is no difference in what was read)
            "same": sum(dataclasses.asdict(a) == {k: v for k, v in dataclasses.asdict(b).items() if k in dataclasses.asdict(a)}
                        for a, b in zip(old, new)),
        })
        print(f"{n} reports done", file=sys.stderr, flush=True)
    meta["load_avg_end"] = os.getloadavg()
    return {"meta": meta, "sizes": rows}


def to_markdown(res: dict[str, Any]) -> str:
    m = res["meta"]
    lines = [f"load average at start {m['load_avg_start'][0]:.2f}, at end {m['load_avg_end'][0]:.2f} ({m['cores']} cores; "
             f"the machine is shared); before = {m['before']}", "",
             "| reports held | questions | gather s | before p50 ms | before p95 ms | now p50 ms | now p95 ms "
             "| parse p50 ms | parse p95 ms | parse, year filter p50 ms | p95 ms | right | same |",
             "|---|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for r in res["sizes"]:
        cells = [f"{r['reports']:,}", str(r["questions"]), f"{r['gather_s']:.2f}",
                 *(f"{v:.2f}" for key in ("before_ms", "now_ms", "parse_ms", "parse_year_filter_ms") for v in r[key]),
                 f"{r['right']}/{r['questions']}", f"{r['same']}/{r['questions']}"]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", default="50,500,5000,10000", help="numbers of held reports, comma-separated")
    ap.add_argument("--questions", type=int, default=60, help="questions asked at each size")
    ap.add_argument("--before", default=BEFORE, help="git revision whose qa/search/scope.py is timed as before")
    ap.add_argument("--json", type=Path, help="also write the figures here")
    args = ap.parse_args(argv)
    res = run([int(s) for s in args.sizes.split(",")], args.questions, args.before)
    print(to_markdown(res))
    if args.json:
        args.json.write_text(json.dumps(res, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
