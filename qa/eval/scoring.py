"""Scoring one answer: the figures it states, whether they match the gold values, and whether its citations come from the right report."""
from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from pathlib import Path
from typing import Any, Iterable, Mapping, Sequence

from ..errors import (
    InputError,
)
from ..text.chars import squash
from .gold import GoldItem, GoldValue, _decimal_text, _short

#: numbers 1990–2100 written as plain four-digit integers are years, not figures
YEAR_MIN, YEAR_MAX = 1990, 2100
#: the text of an answer may hold at most DUMP_BASE + DUMP_PER_VALUE × (number of gold values) distinct figures
DUMP_BASE, DUMP_PER_VALUE = 3, 2




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


def unit_readings(gold: GoldValue) -> tuple[GoldValue, ...]:
    """The ways the rules accept a gold number to be stated: as written, and an amount in 元 also in 万元 at
    2 decimals (371,514,655元 = 37,151.47万元), an amount in 万元 also in 元."""
    if not gold.is_number or gold.unit not in ("元", "万元"):
        return (gold,)
    exact = Decimal(_decimal_text(gold.value, gold.decimals))
    if gold.unit == "元":
        other = (exact / 10000).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
        return (gold, GoldValue(value=float(other), unit="万元", decimals=2))
    decimals = max(0, (gold.decimals or 0) - 4)
    return (gold, GoldValue(value=float(exact * 10000), unit="元", decimals=decimals))


def value_stated(gold: GoldValue, mentions: Sequence[NumberMention]) -> bool:
    """A numeric gold value is stated when one of its `unit_readings` matches a mention (`number_matches`)."""
    return any(number_matches(v, mentions) for v in unit_readings(gold))


def text_matches(gold: GoldValue, text: str) -> bool:
    """A text value is stated when the answer contains it (all whitespace removed on both sides)."""
    return squash(str(gold.value)) in squash(text)


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
            ok = value_stated(v, mentions) if v.is_number else text_matches(v, text)
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
        if not source or not isinstance(quote, str) or not squash(quote):
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
    body = squash(doc_text)
    parts = [p for p in re.split(r"…+|\.{3,}", squash(quote)) if p]
    return bool(parts) and all(p in body for p in parts)


def load_corpus_texts(folder: str | Path) -> dict[str, str]:
    """File name -> text for the .txt reports in `folder` (for checking citation quotes)."""
    folder = Path(folder)
    if not folder.is_dir():
        raise InputError(f"No corpus folder at {folder}.")
    return {p.name: p.read_text(encoding="utf-8", errors="replace") for p in sorted(folder.glob("*.txt"))}
