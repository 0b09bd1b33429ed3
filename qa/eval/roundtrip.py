"""Round trip: questions generated from an indexed report's own facts, in several phrasings.

Every fact (subject = 科目, measure = 决算数 / 预算数 / 执行率 …, value, unit; see `qa.models.Fact`) of a report
becomes a handful of questions whose right answer is that fact's value. Asking them through the product and
counting how often the value comes back measures whether answers hold on wordings nobody tuned for.

Phrasings (`PHRASINGS`), each naming the fact's subject as the report prints it:
- `full`: region + full department + year + subject + measure — 长沙市公安局2025年公共安全支出的基本支出是多少？
- `short`: the department's usual short form (one of the identity's `department_aliases`), no region — 公安局2025年…
- `no_year`: full names, no year — 长沙市公安局公共安全支出的基本支出是多少？
- `synonym`: the measure by another word for it from the lexicon (terms.json `measures`: aliases) — 决算数 → 决算支出
- `colloquial`: spoken endings — 花了多少钱 (spending), 预算安排了多少钱 (budget), 有多少辆 (counts), 有多少, 是百分之多少

Only facts a question can name without ambiguity are asked: `askable_facts` drops a fact whose
(subject, measure) carries different values in one report (or, for a fact with no measure, whose subject
does), and merges repeats of one value. `sample_facts` draws a seeded sample, stratified by where the fact
stands (table / narrative) and by measure, in proportion to their sizes.
"""
from __future__ import annotations

import random
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from decimal import Decimal, InvalidOperation
from typing import Any, Iterable, Mapping, Sequence

from ..ingest.document import identity_of
from ..ingest.identity import Identity
from ..lexicon import terms
from ..lexicon.department_names import LEVEL_CHARS
from ..models import Fact
from ..text.chars import CJK_RE, GAP, in_order
from .gold import GoldItem, GoldValue
from .scoring import find_numbers

PHRASINGS = ("full", "short", "no_year", "synonym", "colloquial")
#: facts sampled per report by default (0 = every askable fact)
DEFAULT_PER_REPORT = 40
#: units of an amount of money, and the unit that marks a rate
MONEY_UNITS = ("万元", "元", "亿元")
RATE_UNIT = "%"
#: word endings that make a measure word a rate (执行率, 比例, 比重, 执行进度, 占比)
RATE_ENDINGS = ("率", "比例", "比重", "进度", "占比")
#: the lexicon measures whose facts are spending, and budget, for the colloquial endings
SPENT_MEASURE, BUDGET_MEASURE = "决算数", "预算数"
#: the colloquial endings (the measure word is dropped when the ending implies it)
SPENT_ENDING, BUDGET_ENDING = "花了多少钱", "预算安排了多少钱"
AMOUNT_ENDING, RATE_ENDING, COUNT_ENDING = "有多少", "是百分之多少", "有多少{unit}"
MAX_FALLBACK_DECIMALS = 4


# ------------------------------------------------------------------------------------------ reports


@dataclass(frozen=True)
class ReportFacts:
    """One report — a department's 预算 or 决算 of one year, possibly published as two files — and its facts.

    label = how tables name it (长沙市公安局 2025 预算); sources = its files' names (a citation of any counts)."""

    label: str
    identity: Identity
    doc_ids: tuple[str, ...]
    sources: tuple[str, ...]
    facts: tuple[Fact, ...] = field(repr=False)


def group_reports(documents: Sequence[Mapping[str, Any]], facts: Iterable[Fact]) -> list[ReportFacts]:
    """Indexed documents (rows of `Index.documents`) and their facts, grouped into reports by identity:
    the files of one report (same region, department, year, kind, 部门/单位) become one ReportFacts."""
    by_doc: dict[str, list[Fact]] = defaultdict(list)
    for f in facts:
        by_doc[f.doc_id].append(f)
    groups: dict[tuple, list[Mapping[str, Any]]] = {}
    for d in documents:
        ident = identity_of(d)
        key = ((ident.region, ident.department, ident.year, ident.kind, ident.scope) if ident.department
               else ("file", d["doc_id"]))
        groups.setdefault(key, []).append(d)
    out = []
    for docs in groups.values():
        ident = identity_of(docs[0])
        name = ident.department or ident.region or docs[0].get("source") or docs[0]["doc_id"]
        label = " ".join(str(x) for x in (name, ident.year, ident.kind) if x)
        out.append(ReportFacts(
            label=label, identity=ident, doc_ids=tuple(d["doc_id"] for d in docs),
            sources=tuple(d.get("source") or d["doc_id"] for d in docs),
            facts=tuple(f for d in docs for f in by_doc.get(d["doc_id"], ())),
        ))
    labels = Counter(r.label for r in out)
    return [r if labels[r.label] == 1 else _relabel(r) for r in out]


def _relabel(r: ReportFacts) -> ReportFacts:
    return replace(r, label=f"{r.label} ({r.sources[0]})")


# ------------------------------------------------------------------------------------------ names


def _stem(place: str) -> str:
    """A place without its level word: 长沙市 → 长沙, 仓山区 → 仓山 (two characters at least)."""
    return place[:-1] if len(place) > 2 and place[-1] in LEVEL_CHARS else place


def _region_parts(identity: Identity) -> list[str]:
    """The parts of the region as the report prints it (the province is left out when it names a city)."""
    printed = identity.region or ""
    parts = [p.name for p in identity.region_path if p.name and p.name in printed]
    return parts or ([printed] if printed else [])


def full_name(identity: Identity) -> str:
    """Region and full department, the region's parts written only when the department does not already
    name them: 长沙市公安局, 福州市仓山生态环境局, 国家信访局, 平潭综合实验区管委会办公室."""
    dept = identity.department or ""
    prefix = "".join(p for p in _region_parts(identity) if p not in dept and _stem(p) not in dept)
    return prefix + dept


def short_name(identity: Identity) -> str | None:
    """The usual short form of the department, without region: the shortest of `department_aliases` that
    names no place of the region, opens with no level word (市/区…) and whose characters stand in the full
    name in order (审计局, 卫健委, 社工部, 生态环境局); else the shortest alias naming no place; None when none."""
    dept = identity.department or ""
    stems = {s[:2] for s in _region_parts(identity) + [p.name for p in identity.region_path] if s}
    free = [a for a in identity.department_aliases if a and not any(s in a for s in stems)]
    best = [a for a in free if a[0] not in LEVEL_CHARS and in_order(a, dept)]
    pool = best or free
    return min(pool, key=lambda a: (len(a), a)) if pool else None


# ------------------------------------------------------------------------------------------ measures


def _asks(word: str) -> bool:
    """Whether a lexicon alias is itself a question form (支出多少, 花了, 执行了多少) rather than a measure word."""
    return any(q in word for q in terms()["question_words"] if len(q) > 1) or word.endswith("了") or "多少" in word


def _is_rate_word(word: str) -> bool:
    return word.endswith(RATE_ENDINGS)


def _overlap(a: str, b: str) -> int:
    """How many characters of `a` stand in `b` (a rough likeness of two measure words)."""
    return sum(1 for ch in set(a) if ch in b)


def measure_synonym(measure: str | None, unit: str | None) -> str | None:
    """Another word the lexicon gives for a fact's measure (terms.json `measures`: an entry whose
    `fact_measures` hold it; one of its `aliases`), of the same sort — a rate word for a figure in %, an
    amount word otherwise — and not a question form. The alias most alike the measure is taken, so
    年初预算数 becomes 年初预算 rather than 调整预算. None when the lexicon has none."""
    if not measure:
        return None
    rate = unit == RATE_UNIT
    for entry in terms()["measures"].values():
        if measure not in entry.get("fact_measures", ()):
            continue
        words = [a for a in entry.get("aliases", ()) if a != measure and not _asks(a) and _is_rate_word(a) == rate
                 and GAP not in a]  # (占…比例 is a pattern of words, not a word to ask with)
        if words:
            return max(words, key=lambda a: (_overlap(a, measure), -entry["aliases"].index(a)))
    return None


def _measures_of(name: str) -> tuple[str, ...]:
    return tuple(terms()["measures"].get(name, {}).get("fact_measures", ()))


def topic_of(subject: str, measure: str) -> str:
    """A fact's subject and measure as a question names them (行政运行的决算数)."""
    return f"{subject}的{measure}" if subject and measure else subject or measure


def colloquial_topic(fact: Fact, subject: str | None = None) -> str:
    """The fact's subject (or `subject`) and measure with a spoken ending: 公共安全支出花了多少钱, 公务用车有多少辆."""
    subject = fact.subject if subject is None else subject
    measure, unit = fact.measure or "", fact.unit or ""
    if unit in MONEY_UNITS and measure in _measures_of(SPENT_MEASURE):
        return subject + SPENT_ENDING
    if unit in MONEY_UNITS and measure in _measures_of(BUDGET_MEASURE):
        return subject + BUDGET_ENDING
    if unit == RATE_UNIT:
        return topic_of(subject, measure) + RATE_ENDING
    if unit and unit not in MONEY_UNITS and CJK_RE.search(unit):  # a count: 辆, 个, 人次
        return subject + COUNT_ENDING.format(unit=unit)
    return topic_of(subject, measure) + AMOUNT_ENDING


def phrase_questions(fact: Fact, identity: Identity) -> dict[str, str]:
    """phrasing -> question for one fact of a report with this identity. A phrasing is left out when it
    would repeat another (no year known, no short form, no synonym in the lexicon). A fact whose subject
    is the report's own department (a row of a 收入总表 naming the unit) is asked by its measure alone."""
    full, short = full_name(identity), short_name(identity)
    year = f"{identity.year}年" if identity.year else ""
    own = bool(fact.measure) and fact.subject in (identity.department, full)
    subject = "" if own else fact.subject
    topic = topic_of(subject, fact.measure or "")
    out = {"full": f"{full}{year}{topic}是多少？"}
    if short and short != full:
        out["short"] = f"{short}{year}{topic}是多少？"
    if year:
        out["no_year"] = f"{full}{topic}是多少？"
    synonym = measure_synonym(fact.measure, fact.unit)
    if synonym:
        out["synonym"] = f"{full}{year}{topic_of(subject, synonym)}是多少？"
    out["colloquial"] = f"{full}{year}{colloquial_topic(fact, subject)}？"
    return out


# ------------------------------------------------------------------------------------------ facts


def printed_decimals(fact: Fact) -> int:
    """How many decimals the report prints the fact's value with (332.893000 → 6, 100% → 0), read from its
    quote; when the quote does not show the value, the decimals of the value itself (at most 4)."""
    try:
        value = abs(Decimal(repr(float(fact.value))))
    except (InvalidOperation, ValueError):
        return 0
    for m in find_numbers(fact.quote or ""):
        if abs(m.value) == value:
            frac = m.text.split(".", 1)[1] if "." in m.text else ""
            return len(re.sub(r"\s", "", frac))
    exponent = value.normalize().as_tuple().exponent
    return min(MAX_FALLBACK_DECIMALS, max(0, -int(exponent)))


def stratum_of(fact: Fact) -> str:
    """Where a fact stands and what it measures: `table · 决算数`, `narrative · 执行率`, `table · (no measure)`."""
    return f"{'table' if fact.table else 'narrative'} · {fact.measure or '(no measure)'}"


def askable_facts(facts: Sequence[Fact]) -> tuple[list[Fact], Counter]:
    """The facts a question can name without ambiguity, each (subject, measure) once, and how many were
    left out, by reason: `ambiguous` (the same subject and measure — or the same subject, for a fact with
    no measure — carries different values in the report), `repeated` (the same value stated again),
    `no subject` (a subject with no Chinese character)."""
    values_of_key: dict[tuple[str, str], set[float]] = defaultdict(set)
    values_of_subject: dict[str, set[float]] = defaultdict(set)
    for f in facts:
        v = round(float(f.value), 6)
        values_of_key[(f.subject, f.measure or "")].add(v)
        values_of_subject[f.subject].add(v)
    kept: list[Fact] = []
    left: Counter = Counter()
    seen: set[tuple[str, str]] = set()
    for f in facts:
        key = (f.subject, f.measure or "")
        values = values_of_key[key] if f.measure else values_of_subject[f.subject]
        if not f.subject or not CJK_RE.search(f.subject):
            left["no subject"] += 1
        elif len(values) > 1:
            left["ambiguous"] += 1
        elif key in seen:
            left["repeated"] += 1
        else:
            seen.add(key)
            kept.append(f)
    return kept, left


def sample_facts(facts: Sequence[Fact], n: int, rng: random.Random) -> list[Fact]:
    """`n` facts drawn in proportion to the strata (`stratum_of`), seeded by `rng`; all of them when
    n <= 0 or there are no more than n. Returned in the report's order.

    Each stratum is shuffled and its i-th fact placed at (i + u) / size (u uniform per stratum); the first
    n places are taken, so every stratum gets its share and a small one a fair chance of a place."""
    if n <= 0 or len(facts) <= n:
        return list(facts)
    strata: dict[str, list[int]] = defaultdict(list)
    for i, f in enumerate(facts):
        strata[stratum_of(f)].append(i)
    placed: list[tuple[float, float, int]] = []
    for name in sorted(strata):
        members = strata[name][:]
        rng.shuffle(members)
        offset = rng.random()
        placed += [((k + offset) / len(members), rng.random(), i) for k, i in enumerate(members)]
    chosen = sorted(i for *_, i in sorted(placed)[:n])
    return [facts[i] for i in chosen]


# ------------------------------------------------------------------------------------------ questions


@dataclass(frozen=True)
class RoundTripQuestion:
    """One generated question: right when the answer states `fact.value` (at `decimals`) citing the report."""

    id: str
    report: str
    phrasing: str
    question: str
    fact: Fact = field(repr=False)
    decimals: int
    sources: tuple[str, ...]

    @property
    def stratum(self) -> str:
        return stratum_of(self.fact)

    def gold(self) -> GoldItem:
        """The question as a gold item, so the gold set's scorer judges it by the same rules."""
        value = GoldValue(value=float(self.fact.value), unit=self.fact.unit, decimals=self.decimals)
        qtype = "lookup_table" if self.fact.table else "lookup_text"
        return GoldItem(id=self.id, question=self.question, type=qtype, doc=self.sources, answers=(value,))

    def to_dict(self) -> dict[str, Any]:
        f = self.fact
        return {
            "id": self.id, "report": self.report, "phrasing": self.phrasing, "question": self.question,
            "fact": {"subject": f.subject, "subject_code": f.subject_code, "measure": f.measure, "value": f.value,
                     "unit": f.unit, "table": f.table, "page": f.page, "quote": f.quote},
            "decimals": self.decimals,
        }


@dataclass(frozen=True)
class ReportPlan:
    """What the round trip takes from one report: its facts, how many are askable, what was left out and why."""

    report: ReportFacts
    askable: int
    left_out: Mapping[str, int]
    sampled: tuple[Fact, ...] = field(repr=False)
    questions: tuple[RoundTripQuestion, ...] = field(repr=False)

    def to_dict(self) -> dict[str, Any]:
        r = self.report
        return {"report": r.label, "sources": list(r.sources), "facts": len(r.facts), "askable": self.askable,
                "left_out": dict(self.left_out), "sampled": len(self.sampled), "questions": len(self.questions)}


def plan_report(report: ReportFacts, per_report: int = DEFAULT_PER_REPORT, seed: int = 0) -> ReportPlan:
    """The sampled facts of one report and their questions (seeded by `seed` and the report's label)."""
    kept, left = askable_facts(report.facts)
    rng = random.Random(f"{seed}:{report.label}")
    sampled = sample_facts(kept, per_report, rng)
    questions = []
    for i, f in enumerate(sampled):
        decimals = printed_decimals(f)
        for phrasing, text in phrase_questions(f, report.identity).items():
            questions.append(RoundTripQuestion(
                id=f"{report.label}#{i}:{phrasing}", report=report.label, phrasing=phrasing, question=text,
                fact=f, decimals=decimals, sources=report.sources,
            ))
    return ReportPlan(report, len(kept), dict(left), tuple(sampled), tuple(questions))
