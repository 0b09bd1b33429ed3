"""Gold questions: the file format (see ../shared/eval/README.md), loading and validation, and small text helpers of the report."""
from __future__ import annotations

import json
import logging
import math
import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any, Mapping

from ..errors import (
    GoldFormatError,
)
from ..text.chars import squash

logger = logging.getLogger(__name__)

#: gold question types, in the order reports list them; others load with a warning
GOLD_TYPES = (
    "lookup_table", "lookup_text", "rate_or_change", "aggregate", "reason", "list_or_text", "ambiguous", "cross_doc",
    "unanswerable",
)
UNANSWERABLE = "unanswerable"
MATCH_MODES = ("all", "any")


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
    """Read a gold jsonl file, or every `*.jsonl` of a folder (one question per line; blank lines skipped).

    Raises GoldFormatError (an InputError and a ValueError) naming the file, line and field at fault.
    """
    path = Path(path)
    if path.is_dir():
        files = sorted(path.glob("*.jsonl"))
        if not files:
            raise GoldFormatError(f"No .jsonl gold files in {path}.")
        items = [item for f in files for item in load_gold(f)]
        ids = [i.id for i in items]
        repeated = sorted({i for i in ids if ids.count(i) > 1})
        if repeated:
            raise GoldFormatError(f"{path}: ids used more than once: {', '.join(repeated[:5])}")
        return items
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
    # op (lookup / compute / compare / aggregate / list / explain / none) describes the question for the dev set
    known = {"id", "question", "type", "op", "doc", "answers", "match", "evidence", "note"}
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
        if not (isinstance(e, dict) and isinstance(e.get("doc"), str) and isinstance(e.get("quote"), str) and squash(e["quote"])):
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
        if not squash(value):
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

# ------------------------------------------------------------------------------------------ helpers


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
