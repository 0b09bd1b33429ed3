"""Pure parsing of the figures a report prints: `1,228.72`, `2, 031. 52`, `1228.72万元`, `8.34 亿元`,
`12.5 %`, `１２３．４５`, `－3.2`.

The rules, tuned on the shared corpus:

- thousands separator = a comma followed by at most one space and exactly three digits
  (`2, 031` is one number, `1, 2` and `1、2` are two);
- decimal point = a point followed by digits, or by one space and one or two digits when text was
  extracted from a PDF (`182. 71`); `6.26 6.26` and `栏次 1 2 3` stay separate numbers;
- a minus sign counts only when it is not preceded by a digit (`6-9 个月`, `2018-2021` are ranges);
- dotted dates (`2024.03.11`, `2025.1.1`) are not figures and are skipped;
- the unit printed after a number (万元 / 亿元 / 元 / % / 人 / 个 / 辆 …) is attached, spaces allowed.

`Number.kind` tells figures from years (`2023年`), 科目编码 (`2101301 城乡医疗救助`) and list ordinals
(`1.`, `（2）`) where the surrounding text allows it.
"""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from typing import Iterator

logger = logging.getLogger(__name__)

__all__ = [
    "AMOUNT_UNITS",
    "Number",
    "find_numbers",
    "normalize_numbers",
    "parse_number",
    "to_wan",
    "convert_amount",
    "same_amount",
    "is_year",
    "is_subject_code",
    "format_value",
    "printed_decimals",
]

#: money units and their value in 万元
AMOUNT_UNITS: dict[str, float] = {"元": 1e-4, "千元": 0.1, "万元": 1.0, "亿元": 1e4}

# Counting words and other units printed after a figure; longest first so 人次 wins over 人.
_UNITS = (
    "万人次", "人次", "批次", "万人", "亿元", "万元", "千元", "元", "%", "‰",
    "个月", "家次", "台套", "平方米", "个", "人", "辆", "台", "套", "家", "次", "件", "项", "户", "名",
    "天", "㎡", "亩", "份", "张", "场", "批", "条", "所", "座", "处", "本", "册", "篇", "期", "例", "种",
    "间", "栋", "分", "万",
)
# 万元 / 亿元 are often broken over two lines ("1228.72万\n元"): allow whitespace inside them.
_UNIT_RE = re.compile(
    r"[ \t]*(?P<unit>" + "|".join(r"\s*".join(map(re.escape, u)) if u in ("万元", "亿元", "万人次", "万人") else re.escape(u) for u in _UNITS) + ")"
)

# Same-length translation (offsets stay valid): full-width digits and signs, odd spaces.
_FULLWIDTH = str.maketrans(
    "０１２３４５６７８９．，％－＋\u3000\u00a0\u2212",
    "0123456789.,%-+  -",
)
_DIGITS_ONLY = str.maketrans("０１２３４５６７８９", "0123456789")

_NUM_RE = re.compile(
    r"""
    (?<![0-9A-Za-z.])                      # not inside a word, code or another number
    (?P<sign>[-+](?=\d))?
    (?P<int>\d{1,3}(?:,[ ]?\d{3}(?![0-9]))+ | \d+)
    (?P<frac>\.\d+ | \.[ ]\d{1,2}(?![0-9.]))?
    """,
    re.X,
)
_YEAR_AFTER_RE = re.compile(r"[ \t]*年")
_CJK_NEXT = re.compile(r"[ \t]*[\u3400-\u9fff]")
_YEAR_BEFORE_RE = re.compile(r"(截至|截止|于|在|至|到)[ \t]*$")
_ORDINAL_AFTER_RE = re.compile(r"[.．、](?![0-9０-９])")


@dataclass(frozen=True)
class Number:
    """A figure found in text.

    value: the number (12.5 for `12.5%`, 2031.52 for `2, 031. 52`); unit: 万元 / 亿元 / 元 / % / 人 / 个 …
    or None; start/end: offsets of `text` in the searched string; text: the figure as printed, unit
    included (`8.34 亿元`); decimals: digits after the point; kind: "amount" (a money unit), "percent",
    "count" (another unit), "year", "code" (科目编码), "ordinal" (list number) or "number".
    """

    value: float
    unit: str | None
    start: int
    end: int
    text: str
    decimals: int
    kind: str = "number"

    @property
    def canonical(self) -> str:
        """The figure rewritten without separators or spaces: `2, 031. 52` -> `2031.52`."""
        return _canonical(self.value, self.decimals) + (self.unit or "")


def _canonical(value: float, decimals: int) -> str:
    s = f"{value:.{decimals}f}"
    return s[1:] if s.startswith("-") and float(s) == 0 else s


def _classify(t: str, start: int, num_end: int, int_digits: str, decimals: int, unit: str | None,
              grouped: bool, signed: bool) -> str:
    """The kind of a number from its unit and the text around it (see `Number.kind`)."""
    if unit == "%" or unit == "‰":
        return "percent"
    if unit in AMOUNT_UNITS:
        return "amount"
    if unit is not None:
        return "count"
    plain_int = decimals == 0 and not grouped and not signed
    if plain_int and len(int_digits) == 4 and 1990 <= int(int_digits) <= 2100:
        after = t[num_end: num_end + 8]
        before = t[max(0, start - 8): start]
        if (_YEAR_AFTER_RE.match(after) or _YEAR_BEFORE_RE.search(before)
                or re.match(r"[-—–~至]\s*(19|20)\d\d", after) or re.search(r"(19|20)\d\d\s*[-—–~至]$", before)):
            return "year"
    if plain_int and is_subject_code(int_digits):
        rest = t[num_end: num_end + 6]
        if re.match(r"[ \t\u3000]*[\u4e00-\u9fff]", rest) and not _YEAR_AFTER_RE.match(rest):
            return "code"
    if plain_int and len(int_digits) <= 2:
        after = t[num_end: num_end + 2]
        before = t[max(0, start - 1): start]
        if _ORDINAL_AFTER_RE.match(after) and not _UNIT_RE.match(t, num_end):
            return "ordinal"
        if before in ("（", "(") and t[num_end: num_end + 1] in ("）", ")"):
            return "ordinal"
    return "number"


def _iter_numbers(text: str) -> Iterator[Number]:
    t = text.translate(_FULLWIDTH)
    for m in _NUM_RE.finditer(t):
        start, num_end = m.start(), m.end()
        int_part, frac = m.group("int"), m.group("frac") or ""
        # dotted dates and versions (2024.03.11, 2025.1.1): not figures
        if t[num_end: num_end + 1] == "." and t[num_end + 1: num_end + 2].isdigit():
            continue
        # "10.2023 年…", "1.2080505 机关事业单位…": a list ordinal glued to a year or a 科目编码
        if frac and len(int_part) <= 2 and not m.group("sign") and len(frac) >= 4 and frac[1] != " ":
            glued = frac[1:]
            if is_year(glued) and _YEAR_AFTER_RE.match(t, num_end):
                kind = "year"
            elif is_subject_code(glued) and re.match(r"[ \t]+[\u4e00-\u9fff]", t[num_end: num_end + 4]):
                kind = "code"
            else:
                kind = ""
            if kind:
                ys = num_end - len(glued)
                yield Number(float(glued), None, ys, num_end, text[ys:num_end], 0, kind)
                continue
        digits = int_part.replace(",", "").replace(" ", "")
        frac_digits = frac[1:].strip()
        sign = m.group("sign") or ""
        value = float(f"{sign}{digits}.{frac_digits}" if frac_digits else f"{sign}{digits}")
        unit = None
        end = num_end
        um = _UNIT_RE.match(t, num_end)
        if um:
            unit = re.sub(r"\s+", "", um.group("unit"))
            end = um.end()
            if unit == "万" and not _CJK_NEXT.match(t, end):  # `总预算2921.00万，其中…`: 万 alone is 万元
                unit = "万元"
        kind = _classify(t, start, num_end, digits, len(frac_digits), unit, "," in int_part, bool(sign))
        yield Number(value, unit, start, end, text[start:end], len(frac_digits), kind)


def find_numbers(text: str) -> list[Number]:
    """Every figure in `text`, in order, with its unit, kind and offsets (see the module docstring)."""
    return list(_iter_numbers(text))


def normalize_numbers(text: str) -> str:
    """Rewrite every figure into canonical form, leaving the rest of the text as it is.

    `2, 031. 52` -> `2031.52`, `1,228.72` -> `1228.72`, `１２３．４５` -> `123.45`, `12.5 %` -> `12.5%`,
    `8.34 亿元` -> `8.34亿元`, `－3.2` -> `-3.2`. Adjacent distinct numbers stay apart (`6.26 6.26`).
    Full-width digits outside figures (dates, codes) become ASCII too.
    """
    out: list[str] = []
    pos = 0
    for n in _iter_numbers(text):
        out.append(text[pos:n.start].translate(_DIGITS_ONLY))
        out.append(n.canonical)
        pos = n.end
    out.append(text[pos:].translate(_DIGITS_ONLY))
    return "".join(out)


def parse_number(s: str) -> float:
    """The value of one figure as printed: `1,228.72`, `2, 031. 52`, `１２３．４５`, `－3.2`, `12.5 %`, `8.34亿元`.

    A trailing unit is allowed and dropped (use `find_numbers` to keep it). Raises ValueError when `s`
    is not exactly one figure (`"1、2"`, `"abc"`, `""`, `"2024.03.11"`).
    """
    if not isinstance(s, str):
        raise ValueError(f"not a number: {s!r} (expected a string)")
    stripped = s.strip()
    found = find_numbers(stripped)
    if len(found) != 1 or found[0].start != 0 or found[0].end != len(stripped):
        raise ValueError(f"not a number: {s!r}")
    return found[0].value


def convert_amount(value: float, unit: str, to: str = "万元") -> float:
    """Convert a money amount between 元 / 千元 / 万元 / 亿元."""
    for u in (unit, to):
        if u not in AMOUNT_UNITS:
            raise ValueError(f"unit must be one of {', '.join(AMOUNT_UNITS)}; got {u!r}")
    return value * AMOUNT_UNITS[unit] / AMOUNT_UNITS[to]


def _printed_decimals(value: float) -> int:
    """Digits after the point of a figure as it would be printed (at most 6): 37151.47 -> 2, 15.0 -> 0."""
    s = f"{value:.6f}".rstrip("0")
    return len(s.split(".")[1]) if "." in s else 0


def same_amount(a: float, unit_a: str | None, b: float, unit_b: str | None) -> bool:
    """True when two printed figures state the same amount: equal in the same unit (to 2 decimals), or, for
    money in different units, equal to the precision of the coarser one (`371,514,655.00` 元 and `37,151.47`
    万元; `83,400` 万元 and `8.34` 亿元). Other units (%, 人 …) must match exactly; None is taken as 万元.

        >>> same_amount(371514655.00, "元", 37151.47, "万元")
        True
        >>> same_amount(371514655.00, "元", 37151.48, "万元")
        False
    """
    ua, ub = unit_a or "万元", unit_b or "万元"
    if ua == ub:
        return round(a, 2) == round(b, 2)
    if ua not in AMOUNT_UNITS or ub not in AMOUNT_UNITS:
        return False
    if AMOUNT_UNITS[ua] > AMOUNT_UNITS[ub]:  # b is the finer one: compare in a's unit
        a, ua, b, ub = b, ub, a, ua
    coarse, fine = b, convert_amount(a, ua, ub)
    places = _printed_decimals(coarse)
    return abs(fine - coarse) <= 0.5 * 10 ** -places + 1e-9


def to_wan(value: float, unit: str | None) -> float:
    """An amount in 万元: `to_wan(371514655.00, "元") == 37151.4655`, `to_wan(8.34, "亿元") == 83400`.

    `unit=None` is taken as 万元 (the unit of nearly every table); any other unit raises ValueError.
    """
    return convert_amount(value, unit or "万元", "万元")


def is_year(s: str) -> bool:
    """True for a year as printed on its own: `2023`, `2023年`, `2023 年度`, `２０２３`. (1990–2100)."""
    m = re.fullmatch(r"\s*(\d{4})\s*(年度?)?\s*", s.translate(_FULLWIDTH))
    return bool(m) and 1990 <= int(m.group(1)) <= 2100


def is_subject_code(s: str) -> bool:
    """True for a 科目编码 shape: 3, 5 or 7 digits of a 功能分类 (2xx) or 经济分类 (3xx) code.

    `208`, `21013`, `2101301`, `30101` -> True; `2023` (4 digits), `1228.72`, `046001` -> False.
    Shape only: a bare `210` in a table of amounts needs context (see `Number.kind`).
    """
    t = s.strip().translate(_FULLWIDTH)
    return bool(re.fullmatch(r"[23]\d{2}(?:\d{2}(?:\d{2})?)?", t))


def format_value(v: float) -> str:
    """A figure at the precision the report prints it (up to 6 decimals: 26661.064552), never rounded to 2
    and never in exponent form (371514655, not 3.71515e+08)."""
    return f"{v:.6f}".rstrip("0").rstrip(".") if abs(v - round(v)) > 1e-9 else str(int(round(v)))


def exact_sum(terms) -> float:
    """The sum of `terms` at the precision of the most precise of them (up to 6 decimals, as `format_value`
    writes them): rows printed to the 元 in 万元 (244.848000) add up to 3320.41388, not 3320.41."""
    decimals = max((len(format_value(t).partition(".")[2]) for t in terms), default=0)
    return round(sum(terms), max(decimals, 2))


def printed_decimals(value: float, texts) -> int | None:
    """The decimals with which the first of `texts` printing `value` (sign aside) prints it, or None: the
    report's precision of a figure (905.60, not 905.6)."""
    for text in texts:
        for n in find_numbers(text):
            if abs(abs(n.value) - abs(value)) < 1e-9 * max(1.0, abs(value)):
                return n.decimals
    return None
