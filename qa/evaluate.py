"""Scoring against the gold questions (the rules of ../shared/eval/README.md), as a library.

`qa eval GOLD.jsonl` wires the system under test in; this module only takes callables:

    items = load_gold("gold_public.jsonl")
    report = run_eval(items, ask=lambda q: qa.ask(q, index).to_dict(),
                      retrievers={"bm25": lambda q: [c.text for c in bm25(q)]},
                      extra={"index build s": 12.3})
    print(report.to_markdown())

Pure pieces, each usable alone: `find_numbers` (the scorer's own number reader; it does not use
qa/numbers.py, so the rules cannot drift with the parser), `score_answer`, `retrieval_hits`,
`retrieval_metrics`, `refusal_metrics`, `latency_stats`.
"""
from __future__ import annotations

import json
import logging
import math
import re
import time
import unicodedata
from dataclasses import asdict, dataclass, field, replace
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from pathlib import Path
from typing import Any, Callable, Iterable, Mapping, Sequence

from .errors import ConfigError, GoldFormatError, IndexNotFoundError, IndexVersionError, InputError, ModelUnavailableError

logger = logging.getLogger(__name__)

#: gold question types, in the order reports list them; others load with a warning
GOLD_TYPES = (
    "lookup_table", "lookup_text", "rate_or_change", "reason", "list_or_text", "ambiguous", "cross_doc", "unanswerable",
)
UNANSWERABLE = "unanswerable"
MATCH_MODES = ("all", "any")
#: numbers 1990–2100 written as plain four-digit integers are years, not figures
YEAR_MIN, YEAR_MAX = 1990, 2100
#: the text of an answer may hold at most DUMP_BASE + DUMP_PER_VALUE × (number of gold values) distinct figures
DUMP_BASE, DUMP_PER_VALUE = 3, 2
RECALL_KS = (1, 5, 10)
#: errors that mean the system under test is not set up; they stop the run instead of scoring as wrong
_SETUP_ERRORS = (ConfigError, IndexNotFoundError, IndexVersionError, ModelUnavailableError)


# --------------------------------------------------------------------------------------------- gold


@dataclass(frozen=True)
class GoldValue:
    """One value a complete answer states. value = number (int/float) or text; unit = 万元 / % / 人… or None.

    `decimals` is how many decimals the gold file writes (126.30 -> 2, 85 -> 0); numbers are compared after
    rounding to it. None for text values.
    """

    value: float | int | str
    unit: str | None = None
    decimals: int | None = None

    @property
    def is_number(self) -> bool:
        return not isinstance(self.value, str)

    def label(self) -> str:
        """The value as the gold file writes it, with its unit: '126.3%', '1228.72万元', '无'."""
        if not self.is_number:
            return str(self.value)
        text = _decimal_text(self.value, self.decimals)
        return f"{text}{self.unit or ''}"

    def to_dict(self) -> dict[str, Any]:
        return {"value": self.value, "unit": self.unit}


@dataclass(frozen=True)
class Evidence:
    """A verbatim passage of a corpus file (compared with all whitespace removed)."""

    doc: str
    quote: str

    def to_dict(self) -> dict[str, Any]:
        return {"doc": self.doc, "quote": self.quote}


@dataclass(frozen=True)
class GoldItem:
    """One line of a gold jsonl file.

    doc = the corpus file holding the answer (a tuple of names for cross_doc, None for unanswerable);
    match = "all" (every value must be stated) or "any" (one is enough); note = how a value is derived.
    """

    id: str
    question: str
    type: str
    doc: str | tuple[str, ...] | None
    answers: tuple[GoldValue, ...] = ()
    match: str = "all"
    evidence: tuple[Evidence, ...] = ()
    note: str = ""

    @property
    def docs(self) -> tuple[str, ...]:
        """The right documents for a citation, as a tuple (empty for unanswerable)."""
        if self.doc is None:
            return ()
        return (self.doc,) if isinstance(self.doc, str) else tuple(self.doc)

    @property
    def answerable(self) -> bool:
        return self.type != UNANSWERABLE

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "question": self.question,
            "type": self.type,
            "doc": list(self.doc) if isinstance(self.doc, tuple) else self.doc,
            "answers": [a.to_dict() for a in self.answers],
            "match": self.match,
            "evidence": [e.to_dict() for e in self.evidence],
            "note": self.note,
        }

    def __repr__(self) -> str:
        return f"GoldItem({self.id!r}, {self.type}, {_short(self.question, 40)!r})"


def load_gold(path: str | Path) -> list[GoldItem]:
    """Read a gold jsonl file (one question per line; blank lines skipped) into `GoldItem`s.

    Raises GoldFormatError (an InputError and a ValueError) naming the file, line and field at fault.
    """
    path = Path(path)
    if not path.is_file():
        raise GoldFormatError(f"No gold file at {path}. Give the path of a gold .jsonl file (e.g. ../shared/eval/gold_public.jsonl).")
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError) as e:
        raise GoldFormatError(f"Cannot read gold file {path}: {e}") from e
    items: list[GoldItem] = []
    seen: dict[str, int] = {}
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        where = f"{path.name} line {number}"
        try:
            record = json.loads(line, parse_float=Decimal)
        except json.JSONDecodeError as e:
            raise GoldFormatError(f"{where}: not valid JSON ({e.msg} at column {e.colno})") from e
        item = gold_from_dict(record, where=where)
        if item.id in seen:
            raise GoldFormatError(f"{where}: duplicate id {item.id!r} (first on line {seen[item.id]})")
        seen[item.id] = number
        items.append(item)
    if not items:
        raise GoldFormatError(f"Gold file {path} holds no questions.")
    return items


def gold_from_dict(record: Any, *, where: str = "gold item") -> GoldItem:
    """Validate one parsed gold record (floats may be Decimal, to keep their written decimals)."""
    if not isinstance(record, dict):
        raise GoldFormatError(f"{where}: expected a JSON object, got {type(record).__name__}")
    known = {"id", "question", "type", "doc", "answers", "match", "evidence", "note"}
    unknown = sorted(set(record) - known)
    if unknown:
        logger.warning("%s: ignoring unknown field(s) %s", where, ", ".join(unknown))

    def text_field(name: str, required: bool = True) -> str:
        value = record.get(name)
        if value is None and not required:
            return ""
        if not isinstance(value, str) or (required and not value.strip()):
            raise GoldFormatError(f"{where}: field {name!r} must be a non-empty string; got {value!r}")
        return value

    item_id = text_field("id")
    where = f"{where} ({item_id})"
    question = text_field("question")
    qtype = text_field("type")
    if qtype not in GOLD_TYPES:
        logger.warning("%s: unknown type %r; known: %s", where, qtype, ", ".join(GOLD_TYPES))
    note = text_field("note", required=False)

    match = record.get("match", "all")
    if match is None:
        match = "all"
    if match not in MATCH_MODES:
        raise GoldFormatError(f"{where}: field 'match' must be one of {', '.join(MATCH_MODES)}; got {match!r}")

    raw_doc = record.get("doc")
    doc: str | tuple[str, ...] | None
    if raw_doc is None:
        doc = None
    elif isinstance(raw_doc, str) and raw_doc.strip():
        doc = raw_doc
    elif isinstance(raw_doc, list) and raw_doc and all(isinstance(d, str) and d.strip() for d in raw_doc):
        doc = tuple(raw_doc)
    else:
        raise GoldFormatError(f"{where}: field 'doc' must be a file name, a non-empty list of file names or null; got {raw_doc!r}")

    raw_answers = record.get("answers", [])
    if not isinstance(raw_answers, list):
        raise GoldFormatError(f"{where}: field 'answers' must be a list of {{value, unit}}; got {raw_answers!r}")
    answers = tuple(_gold_value(a, f"{where} answers[{i}]") for i, a in enumerate(raw_answers))

    raw_evidence = record.get("evidence", [])
    if raw_evidence is None:
        raw_evidence = []
    if not isinstance(raw_evidence, list):
        raise GoldFormatError(f"{where}: field 'evidence' must be a list of {{doc, quote}}; got {raw_evidence!r}")
    evidence = []
    for i, e in enumerate(raw_evidence):
        if not (isinstance(e, dict) and isinstance(e.get("doc"), str) and isinstance(e.get("quote"), str) and _squash(e["quote"])):
            raise GoldFormatError(f"{where} evidence[{i}]: must be {{\"doc\": file name, \"quote\": non-empty text}}; got {e!r}")
        evidence.append(Evidence(doc=e["doc"], quote=e["quote"]))

    if qtype == UNANSWERABLE and answers:
        raise GoldFormatError(f"{where}: an unanswerable question must have no answers; got {len(answers)}")
    if qtype != UNANSWERABLE and not answers:
        raise GoldFormatError(f"{where}: type {qtype!r} needs at least one answer value (or use type 'unanswerable')")
    if qtype != UNANSWERABLE and doc is None:
        raise GoldFormatError(f"{where}: type {qtype!r} needs 'doc' (the corpus file holding the answer)")
    return GoldItem(
        id=item_id, question=question, type=qtype, doc=doc, answers=answers, match=match,
        evidence=tuple(evidence), note=note,
    )


def _gold_value(raw: Any, where: str) -> GoldValue:
    if not isinstance(raw, dict) or "value" not in raw:
        raise GoldFormatError(f"{where}: must be {{\"value\": number or text, \"unit\": text or null}}; got {raw!r}")
    value, unit = raw["value"], raw.get("unit")
    if unit is not None and not isinstance(unit, str):
        raise GoldFormatError(f"{where}: 'unit' must be text or null; got {unit!r}")
    if isinstance(value, bool) or value is None:
        raise GoldFormatError(f"{where}: 'value' must be a number or text; got {value!r}")
    if isinstance(value, str):
        if not _squash(value):
            raise GoldFormatError(f"{where}: text 'value' must not be empty")
        return GoldValue(value=value, unit=unit)
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise GoldFormatError(f"{where}: 'value' must be finite; got {value}")
        decimals = max(0, -int(value.as_tuple().exponent))
        return GoldValue(value=float(value), unit=unit, decimals=decimals)
    if isinstance(value, int):
        return GoldValue(value=value, unit=unit, decimals=0)
    if isinstance(value, float):  # built by code rather than load_gold: use its shortest repr
        if not math.isfinite(value):
            raise GoldFormatError(f"{where}: 'value' must be finite; got {value}")
        decimals = max(0, -int(Decimal(repr(value)).as_tuple().exponent))
        return GoldValue(value=value, unit=unit, decimals=decimals)
    raise GoldFormatError(f"{where}: 'value' must be a number or text; got {value!r}")


# ------------------------------------------------------------------------------------------ numbers

# Full-width forms that print digits, the decimal point and the percent sign. The full-width comma
# "，" is a clause separator in Chinese, never a thousands separator, so it is left alone.
_WIDTH_MAP = {ord("０") + i: ord("0") + i for i in range(10)}
_WIDTH_MAP.update({ord("．"): ord("."), ord("％"): ord("%"), ord("﹪"): ord("%")})
_HSPACE = r"[^\S\r\n]"  # whitespace inside one printed line
_NUMBER_RE = re.compile(
    rf"""(?<!\d)
    (?P<int>\d{{1,3}}(?:,{_HSPACE}{{0,2}}\d{{3}}(?!\d))+|\d+)   # 1,228 / 2, 031 / 1228
    (?:\.{_HSPACE}?(?P<frac>\d+))?                               # .72 / . 52
    (?P<after>{_HSPACE}*(?P<unit>%|‰|万|亿|千|百|元|人|个|辆|次|户|家|项|件|台|套|名|张|份|笔|所|座|间|平方|公里|吨|天|小时)?)
    """,
    re.VERBOSE,
)


@dataclass(frozen=True)
class NumberMention:
    """A number printed in a text, normalised: '2, 031. 52' -> Decimal('2031.52').

    `alternatives` holds the readings of an ambiguous comma ("85, 101.78" read as 85 and 101.78), used only
    when matching gold values. `percent` is True for '12.5 %'; `year` for 1990–2100 written as a plain
    four-digit integer with no quantity unit after it.
    """

    text: str
    value: Decimal
    percent: bool = False
    year: bool = False
    alternatives: tuple[Decimal, ...] = ()
    start: int = 0

    @property
    def key(self) -> tuple[Decimal, bool]:
        """Identity of a figure for counting distinct figures: value and whether it is a percentage."""
        return (self.value, self.percent)


def find_numbers(text: str) -> list[NumberMention]:
    """Every number printed in `text`, in order (1,228.72 / 1228.72万元 / 2, 031. 52 / １２３ / 12.5 %)."""
    norm = (text or "").translate(_WIDTH_MAP)
    found = []
    for m in _NUMBER_RE.finditer(norm):
        int_part, frac = m.group("int"), m.group("frac")
        digits = re.sub(r"[,\s]", "", int_part) + (f".{frac}" if frac else "")
        value = Decimal(digits)
        unit = m.group("unit") or ""
        alternatives: tuple[Decimal, ...] = ()
        if re.search(r",\s", int_part):
            # "85, 101.78" is a list as often as it is a split number: accept either reading when matching
            parts = [re.sub(r"\s", "", p) for p in int_part.split(",")]
            if frac:
                parts[-1] += f".{frac}"
            alternatives = tuple(Decimal(p) for p in parts)
        is_year = (
            frac is None and "," not in int_part and len(int_part) == 4
            and YEAR_MIN <= int(int_part) <= YEAR_MAX and not unit
        )
        found.append(NumberMention(
            text=norm[m.start(): m.end("frac") if frac else m.end("int")],
            value=value, percent=unit in ("%", "‰"), year=is_year, alternatives=alternatives, start=m.start(),
        ))
    return found


def stated_figures(text: str) -> list[NumberMention]:
    """The distinct figures a text states (first mention of each), years aside."""
    seen: set[tuple[Decimal, bool]] = set()
    out = []
    for n in find_numbers(text):
        if n.year or n.key in seen:
            continue
        seen.add(n.key)
        out.append(n)
    return out


def number_matches(gold: GoldValue, mentions: Iterable[NumberMention]) -> bool:
    """True when some mention (or one of its alternative readings) equals the gold number after rounding
    both to the gold value's decimals (half up). Units are not compared; signs are ignored."""
    if not gold.is_number:
        raise ValueError(f"number_matches needs a numeric gold value; got {gold.value!r}")
    decimals = gold.decimals if gold.decimals is not None else 0
    quantum = Decimal(1).scaleb(-decimals)
    target = abs(Decimal(_decimal_text(gold.value, decimals))).quantize(quantum, rounding=ROUND_HALF_UP)
    for m in mentions:
        for v in (m.value, *m.alternatives):
            try:
                if v.quantize(quantum, rounding=ROUND_HALF_UP) == target:
                    return True
            except InvalidOperation:  # a digit string too long to be a figure
                continue
    return False


def text_matches(gold: GoldValue, text: str) -> bool:
    """A text value is stated when the answer contains it (all whitespace removed on both sides)."""
    return _squash(str(gold.value)) in _squash(text)


# ------------------------------------------------------------------------------------------ scoring


@dataclass(frozen=True)
class AnswerScore:
    """The verdict on one answer. reason is "" when correct, else every rule it broke, joined by '; '.

    stated = distinct figures in the answer text (years aside); limit = how many it may hold.
    """

    id: str
    type: str
    correct: bool
    reason: str
    found: bool
    stated: int
    limit: int
    matched: tuple[str, ...] = ()
    missing: tuple[str, ...] = ()
    cited_docs: tuple[str, ...] = ()
    text: str = ""
    seconds: float | None = None

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["matched"], d["missing"], d["cited_docs"] = list(self.matched), list(self.missing), list(self.cited_docs)
        d["text"] = _short(self.text, 200)
        d["seconds"] = None if self.seconds is None else round(self.seconds, 4)
        return d


def score_answer(gold: GoldItem, answer: Mapping[str, Any] | Any, *, corpus: Mapping[str, str] | None = None) -> AnswerScore:
    """Score one answer (an `Answer.to_dict()`, or an object with `to_dict`) by the rules of eval/README.md.

    - answerable: found must be true; every gold value stated (match=all) or one of them (match=any);
      at most 3 + 2 × len(answers) distinct figures in `text` (years aside); when it states a figure,
      at least one citation whose `source` is the gold doc (any of them for cross_doc).
    - unanswerable: correct only when found is false and no figure is stated.
    With `corpus` (file name -> text), a citation counts only when its quote is in that file (whitespace removed).
    """
    ans = _answer_dict(answer)
    text = ans["text"]
    found = ans["found"]
    figures = stated_figures(text)
    limit = DUMP_BASE + DUMP_PER_VALUE * len(gold.answers)
    states_figure = bool(figures) or bool(ans["figures"])
    cited = _cited_docs(gold, ans["citations"], corpus)
    reasons: list[str] = []
    matched: list[str] = []
    missing: list[str] = []

    if not gold.answerable:
        if found:
            reasons.append("answered an unanswerable question (found=true)")
        if states_figure:
            shown = ", ".join(n.text for n in figures[:5]) or "figures list"
            reasons.append(f"stated figure(s) on unanswerable: {shown}")
    elif not found:
        reasons.append("false refusal (found=false)")
        missing = [v.label() for v in gold.answers]
    else:
        mentions = find_numbers(text)
        for v in gold.answers:
            ok = number_matches(v, mentions) if v.is_number else text_matches(v, text)
            (matched if ok else missing).append(v.label())
        if gold.match == "any" and not matched:
            reasons.append("missing any of " + ", ".join(missing))
        elif gold.match == "all" and missing:
            reasons.append("missing " + ", ".join(missing))
        if len(figures) > limit:
            reasons.append(f"dump: {len(figures)} figures > {limit}")
        if states_figure and not cited:
            given = sorted({_basename(c.get("source")) for c in ans["citations"] if c.get("source")})
            if not ans["citations"]:
                reasons.append("uncited: states figures without a citation")
            else:
                want = " or ".join(gold.docs)
                reasons.append(f"no citation from {want} (cited: {', '.join(given) or 'nothing quotable'})")
    return AnswerScore(
        id=gold.id, type=gold.type, correct=not reasons, reason="; ".join(reasons), found=found,
        stated=len(figures), limit=limit, matched=tuple(matched), missing=tuple(missing),
        cited_docs=tuple(cited), text=text,
    )


def _answer_dict(answer: Mapping[str, Any] | Any) -> dict[str, Any]:
    if not isinstance(answer, Mapping):
        if hasattr(answer, "to_dict"):
            answer = answer.to_dict()
        else:
            raise TypeError(f"an answer must be a dict or have to_dict(); got {type(answer).__name__}")
    text = answer.get("text") or ""
    if not isinstance(text, str):
        text = str(text)
    found = answer.get("found")
    citations = [c if isinstance(c, Mapping) else getattr(c, "to_dict", lambda: {})() for c in answer.get("citations") or []]
    return {
        "text": text,
        "found": bool(text.strip()) if found is None else bool(found),
        "figures": list(answer.get("figures") or []),
        "citations": citations,
    }


def _cited_docs(gold: GoldItem, citations: Sequence[Mapping[str, Any]], corpus: Mapping[str, str] | None) -> list[str]:
    """The gold documents that some citation quotes from (by file name; a .pdf of the same report counts)."""
    out: list[str] = []
    for c in citations:
        source, quote = c.get("source"), c.get("quote")
        if not source or not isinstance(quote, str) or not _squash(quote):
            continue
        for doc in gold.docs:
            if not _same_document(source, doc):
                continue
            if corpus is not None and doc in corpus and not _quote_in(quote, corpus[doc]):
                continue
            if doc not in out:
                out.append(doc)
    return out


def _same_document(source: str, doc: str) -> bool:
    name = _basename(source).lower()
    doc = doc.lower()
    return name == doc or name.rsplit(".", 1)[0] == doc.rsplit(".", 1)[0]


def _basename(source: Any) -> str:
    return re.split(r"[\\/]", str(source))[-1]


def _quote_in(quote: str, doc_text: str) -> bool:
    """A quote is in a document when each of its parts (split at an ellipsis) is, whitespace removed."""
    body = _squash(doc_text)
    parts = [p for p in re.split(r"…+|\.{3,}", _squash(quote)) if p]
    return bool(parts) and all(p in body for p in parts)


def load_corpus_texts(folder: str | Path) -> dict[str, str]:
    """File name -> text for the .txt reports in `folder` (for checking citation quotes)."""
    folder = Path(folder)
    if not folder.is_dir():
        raise InputError(f"No corpus folder at {folder}.")
    return {p.name: p.read_text(encoding="utf-8", errors="replace") for p in sorted(folder.glob("*.txt"))}


# ---------------------------------------------------------------------------------------- retrieval


def retrieval_hits(gold: GoldItem, ranked_chunk_texts: Sequence[Any]) -> int | None:
    """1-based rank of the first chunk that contains one of the evidence quotes (whitespace removed), or None.

    Chunks may be strings, or objects/dicts with a `text`.
    """
    quotes = [_squash(e.quote) for e in gold.evidence]
    quotes = [q for q in quotes if q]
    if not quotes:
        return None
    for rank, chunk in enumerate(ranked_chunk_texts, start=1):
        body = _squash(_chunk_text(chunk))
        if any(q in body for q in quotes):
            return rank
    return None


def retrieval_metrics(ranks: Sequence[int | None], ks: Sequence[int] = RECALL_KS) -> dict[str, Any]:
    """Recall@k (share of questions with a hit at rank <= k) and MRR (mean of 1/rank, 0 for no hit)."""
    n = len(ranks)
    out: dict[str, Any] = {"n": n}
    for k in ks:
        out[f"recall@{k}"] = (sum(1 for r in ranks if r is not None and r <= k) / n) if n else None
    out["mrr"] = (sum(1.0 / r for r in ranks if r) / n) if n else None
    return out


def _chunk_text(chunk: Any) -> str:
    if isinstance(chunk, str):
        return chunk
    if isinstance(chunk, Mapping):
        return str(chunk.get("text", ""))
    return str(getattr(chunk, "text", chunk))


# ------------------------------------------------------------------------------ refusal and latency


def refusal_metrics(scores: Sequence[AnswerScore]) -> dict[str, Any]:
    """Refusing = found is false. Precision and recall of refusing w.r.t. the unanswerable questions,
    and the false-refusal rate on answerable ones. A ratio with an empty denominator is None."""
    refused = [s for s in scores if not s.found]
    unanswerable = [s for s in scores if s.type == UNANSWERABLE]
    answerable = [s for s in scores if s.type != UNANSWERABLE]
    right = sum(1 for s in refused if s.type == UNANSWERABLE)
    wrong = len(refused) - right
    return {
        "refused": len(refused),
        "unanswerable": len(unanswerable),
        "answerable": len(answerable),
        "refused_unanswerable": right,
        "refused_answerable": wrong,
        "precision": right / len(refused) if refused else None,
        "recall": right / len(unanswerable) if unanswerable else None,
        "false_refusal_rate": wrong / len(answerable) if answerable else None,
    }


def percentile(values: Sequence[float], p: float) -> float | None:
    """The p-th percentile (0–100), linear interpolation between closest ranks; None for no values."""
    if not values:
        return None
    xs = sorted(values)
    k = (len(xs) - 1) * p / 100.0
    lo, hi = math.floor(k), math.ceil(k)
    return xs[lo] + (xs[hi] - xs[lo]) * (k - lo)


def latency_stats(seconds: Sequence[float]) -> dict[str, Any]:
    """{n, mean_ms, p50_ms, p95_ms, max_ms} from durations in seconds (None values when empty)."""
    ms = [s * 1000.0 for s in seconds]

    def r(x: float | None) -> float | None:
        return None if x is None else round(x, 3)

    return {
        "n": len(ms),
        "mean_ms": r(sum(ms) / len(ms)) if ms else None,
        "p50_ms": r(percentile(ms, 50)),
        "p95_ms": r(percentile(ms, 95)),
        "max_ms": r(max(ms)) if ms else None,
    }


# ------------------------------------------------------------------------------------------- report


@dataclass(frozen=True)
class RetrievalScore:
    """Retrieval quality of one named retriever over the questions that have evidence."""

    name: str
    ranks: Mapping[str, int | None]
    metrics: Mapping[str, Any]
    latency: Mapping[str, Any]
    errors: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name, **dict(self.metrics), "ms_per_query": self.latency.get("mean_ms"),
            "latency": dict(self.latency), "errors": self.errors, "ranks": dict(self.ranks),
        }


@dataclass(frozen=True)
class EvalReport:
    """Everything one evaluation run measured; `to_dict()` for tracking, `to_markdown()` / `format_table()` to read."""

    scores: tuple[AnswerScore, ...]
    retrieval: Mapping[str, RetrievalScore] = field(default_factory=dict)
    refusal: Mapping[str, Any] = field(default_factory=dict)
    latency: Mapping[str, Any] = field(default_factory=dict)
    extra: Mapping[str, Any] = field(default_factory=dict)

    @property
    def n(self) -> int:
        return len(self.scores)

    @property
    def correct(self) -> int:
        return sum(1 for s in self.scores if s.correct)

    @property
    def accuracy(self) -> float | None:
        return self.correct / self.n if self.n else None

    def by_type(self) -> dict[str, dict[str, Any]]:
        """type -> {n, correct, accuracy}, known types in GOLD_TYPES order, then others alphabetically."""
        types = sorted({s.type for s in self.scores}, key=lambda t: (GOLD_TYPES.index(t) if t in GOLD_TYPES else len(GOLD_TYPES), t))
        out = {}
        for t in types:
            group = [s for s in self.scores if s.type == t]
            ok = sum(1 for s in group if s.correct)
            out[t] = {"n": len(group), "correct": ok, "accuracy": ok / len(group)}
        return out

    def failures(self) -> list[AnswerScore]:
        return [s for s in self.scores if not s.correct]

    def to_dict(self) -> dict[str, Any]:
        return {
            "answers": {"n": self.n, "correct": self.correct, "accuracy": self.accuracy, "by_type": self.by_type()},
            "failures": [{"id": s.id, "type": s.type, "answered": _short(s.text, 120), "found": s.found, "why": s.reason}
                         for s in self.failures()],
            "retrieval": {name: r.to_dict() for name, r in self.retrieval.items()},
            "refusal": dict(self.refusal),
            "latency": dict(self.latency),
            "extra": _json_ready(dict(self.extra)),
            "scores": [s.to_dict() for s in self.scores],
        }

    def sections(self) -> list[tuple[str, list[str], list[list[str]]]]:
        """The report as (title, headers, rows) tables, shared by to_markdown and format_table."""
        out: list[tuple[str, list[str], list[list[str]]]] = []
        rows = [[t, str(v["n"]), str(v["correct"]), _pct(v["accuracy"])] for t, v in self.by_type().items()]
        rows.append(["all", str(self.n), str(self.correct), _pct(self.accuracy)])
        out.append(("Answer accuracy", ["type", "n", "correct", "%"], rows))

        fails = self.failures()
        rows = [[s.id, s.type, ("(no answer) " if not s.found else "") + _short(s.text, 50), s.reason] for s in fails]
        out.append((f"Failed questions ({len(fails)})", ["id", "type", "answered", "why"], rows or [["-", "-", "-", "none failed"]]))

        if self.retrieval:
            n = next(iter(self.retrieval.values())).metrics.get("n", 0)
            rows = [[name, _num(r.metrics.get("recall@1")), _num(r.metrics.get("recall@5")), _num(r.metrics.get("recall@10")),
                     _num(r.metrics.get("mrr"), 3), _num(r.latency.get("mean_ms"), 2)] for name, r in self.retrieval.items()]
            out.append((f"Retrieval ({n} questions with evidence)", ["retriever", "R@1", "R@5", "R@10", "MRR", "ms/query"], rows))
        else:
            out.append(("Retrieval", ["retriever", "R@1", "R@5", "R@10", "MRR", "ms/query"], [["(not run)", "-", "-", "-", "-", "-"]]))

        f = self.refusal
        rows = [
            ["refusal precision", _ratio(f.get("precision"), f.get("refused_unanswerable"), f.get("refused"))],
            ["refusal recall", _ratio(f.get("recall"), f.get("refused_unanswerable"), f.get("unanswerable"))],
            ["false-refusal rate", _ratio(f.get("false_refusal_rate"), f.get("refused_answerable"), f.get("answerable"))],
        ]
        out.append(("Refusal", ["metric", "value"], rows))

        lat = self.latency
        out.append(("Query latency (ask)", ["n", "p50 ms", "p95 ms", "max ms"],
                    [[str(lat.get("n", 0)), _num(lat.get("p50_ms"), 1), _num(lat.get("p95_ms"), 1), _num(lat.get("max_ms"), 1)]]))
        if self.extra:
            out.append(("Other measurements", ["what", "value"], [[str(k), _plain(v)] for k, v in self.extra.items()]))
        return out

    def to_markdown(self) -> str:
        parts = []
        for title, headers, rows in self.sections():
            lines = [f"## {title}", "", "| " + " | ".join(headers) + " |", "|" + "|".join("---" for _ in headers) + "|"]
            lines += ["| " + " | ".join(_md_cell(c) for c in row) + " |" for row in rows]
            parts.append("\n".join(lines))
        return "\n\n".join(parts) + "\n"

    def format_table(self) -> str:
        """Plain aligned columns for a terminal (CJK counted as double width)."""
        parts = []
        for title, headers, rows in self.sections():
            cells = [headers] + [[_short(c, 100) for c in row] for row in rows]
            widths = [max(_width(r[i]) for r in cells) for i in range(len(headers))]
            lines = [title, "  ".join(_pad(h, w) for h, w in zip(headers, widths)).rstrip(),
                     "  ".join("-" * w for w in widths)]
            lines += ["  ".join(_pad(c, w) for c, w in zip(row, widths)).rstrip() for row in cells[1:]]
            parts.append("\n".join(lines))
        return "\n\n".join(parts) + "\n"

    def __str__(self) -> str:
        return self.format_table()


def run_eval(
    gold_items: Sequence[GoldItem],
    ask: Callable[[str], Any],
    retrievers: Mapping[str, Callable[[str], Sequence[Any]]] | None = None,
    *,
    extra: Mapping[str, Any] | None = None,
    corpus: Mapping[str, str] | None = None,
    on_progress: Callable[[int, int], None] | None = None,
) -> EvalReport:
    """Ask every gold question (timed), score the answers, run each named retriever on the questions with
    evidence (timed), and gather it all into an `EvalReport`.

    `ask(question)` returns an `Answer.to_dict()` (or an Answer); a retriever returns ranked chunk texts.
    An exception from one call scores that question as wrong ("error: …") and the run goes on, except
    errors that mean the system is not set up (no index, wrong index version, bad config, no model), which
    propagate. `extra` (index build time, peak memory…) is reported as given.
    """
    retrievers = dict(retrievers or {})
    progress = on_progress or (lambda done, total: None)
    with_evidence = [g for g in gold_items if g.evidence]
    total = len(gold_items) + len(with_evidence) * len(retrievers)
    done = 0

    scores: list[AnswerScore] = []
    for gold in gold_items:
        start = time.perf_counter()
        try:
            answer = ask(gold.question)
            elapsed = time.perf_counter() - start
            score = score_answer(gold, answer, corpus=corpus)
        except _SETUP_ERRORS:
            raise
        except Exception as e:  # one broken question must not hide the rest of the report
            elapsed = time.perf_counter() - start
            logger.warning("ask failed on %s: %s: %s", gold.id, type(e).__name__, e)
            score = score_answer(gold, {"found": False, "text": ""})
            score = replace(score, correct=False, reason=f"error: {type(e).__name__}: {_short(str(e), 80)}")
        scores.append(replace(score, seconds=elapsed))
        done += 1
        progress(done, total)

    retrieval: dict[str, RetrievalScore] = {}
    for name, retrieve in retrievers.items():
        ranks: dict[str, int | None] = {}
        times: list[float] = []
        errors = 0
        for gold in with_evidence:
            start = time.perf_counter()
            try:
                chunks = list(retrieve(gold.question))
                times.append(time.perf_counter() - start)
                ranks[gold.id] = retrieval_hits(gold, chunks)
            except _SETUP_ERRORS:
                raise
            except Exception as e:
                logger.warning("retriever %s failed on %s: %s: %s", name, gold.id, type(e).__name__, e)
                errors += 1
                ranks[gold.id] = None
            done += 1
            progress(done, total)
        retrieval[name] = RetrievalScore(
            name=name, ranks=ranks, metrics=retrieval_metrics(list(ranks.values())), latency=latency_stats(times), errors=errors,
        )

    return EvalReport(
        scores=tuple(scores),
        retrieval=retrieval,
        refusal=refusal_metrics(scores),
        latency=latency_stats([s.seconds for s in scores if s.seconds is not None]),
        extra=dict(extra or {}),
    )


# ------------------------------------------------------------------------------------------ helpers


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text or "")


def _short(text: str, n: int) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= n else text[: n - 1] + "…"


def _decimal_text(value: float | int | str, decimals: int | None) -> str:
    if isinstance(value, int):
        return str(value)
    return f"{float(value):.{decimals or 0}f}"


def _pct(x: float | None) -> str:
    return "-" if x is None else f"{100 * x:.1f}"


def _num(x: float | None, digits: int = 2) -> str:
    return "-" if x is None else f"{x:.{digits}f}"


def _ratio(x: float | None, num: int | None, den: int | None) -> str:
    return f"- (0/{den or 0})" if x is None else f"{x:.2f} ({num}/{den})"


def _plain(v: Any) -> str:
    if isinstance(v, float):
        return f"{v:.3f}".rstrip("0").rstrip(".") if abs(v) < 1e6 else f"{v:.0f}"
    return str(v)


def _json_ready(v: Any) -> Any:
    if isinstance(v, Mapping):
        return {str(k): _json_ready(x) for k, x in v.items()}
    if isinstance(v, (list, tuple)):
        return [_json_ready(x) for x in v]
    if isinstance(v, Path):
        return str(v)
    if isinstance(v, Decimal):
        return float(v)
    if v is None or isinstance(v, (str, int, float, bool)):
        return v
    return str(v)


def _md_cell(text: str) -> str:
    return " ".join(str(text).split()).replace("|", "\\|")


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))
