"""Amounts as people say them in a question: `590多万`, `一万九千多万`, `4.7万`, `九千万元`.

A question that quotes a figure (为什么最后只花了4.7万) points at the sentence stating it. Chinese numerals go
through cn2an; `多` after a number widens it to the next unit of its last non-zero place (590多万 is 590–600万,
一万九千多万 is 19000–20000万).
"""
from __future__ import annotations

import re
import warnings

#: a run of Chinese numerals with at least one place word (十/百/千/万/亿): 三公 and 一般 are no amounts
_CHINESE = re.compile(r"[零〇一二两三四五六七八九十百千万亿]*[十百千万亿][零〇一二两三四五六七八九十百千万亿]*")
_DIGITS = set("零〇一二两三四五六七八九")
# a figure, an optional 多, then a money unit; a bare number (2021年, 3个) is no amount
_AMOUNT = re.compile(r"(\d+(?:\.\d+)?)\s*(多)?\s*(亿元|万元|千元|元|亿|万|块)(?!人|辆|个|次)")
_SCALE = {"亿": 1e8, "亿元": 1e8, "万": 1e4, "万元": 1e4, "千元": 1e3, "元": 1.0, "块": 1.0}
#: a figure said without 多 matches a printed one within this share (4.7万 for 4.70万元, 9000万 for 9,000.00)
TOLERANCE = 0.005


def _arabic(text: str) -> str:
    """The text with each Chinese numeral run holding a digit made Arabic (`一万九千多万` -> `19000多万`)."""
    import cn2an

    def convert(m: re.Match) -> str:
        run = m.group(0)
        after = text[m.end() : m.end() + 3]
        if not (run.endswith(("万", "亿")) or re.match(r"多?(?:亿|万|千元|元|块)", after)):
            return run  # a numeral that is no amount: 十三五, 一千人
        if not any(c in _DIGITS for c in run) and not (run.startswith("十") and len(run) > 1):
            return run  # 万 or 千 alone is a word, not a number
        with warnings.catch_warnings():  # cn2an warns on what it cannot read; the run then stays as it is
            warnings.simplefilter("ignore")
            try:
                return str(cn2an.cn2an(run, "smart"))
            except (ValueError, KeyError):
                return run

    return _CHINESE.sub(convert, text)


def spoken_amounts(text: str) -> list[tuple[float, float]]:
    """Each money amount the text says, as a (low, high) range in 元."""
    out = []
    for m in _AMOUNT.finditer(_arabic(text)):
        value, more, unit = float(m.group(1)), bool(m.group(2)), m.group(3)
        scale = _SCALE[unit]
        if more:
            digits = m.group(1).split(".")[0]
            place = 10 ** (len(digits) - len(digits.rstrip("0"))) if "." not in m.group(1) else 1
            out.append((value * scale, (value + place) * scale))
        else:
            out.append((value * scale * (1 - TOLERANCE), value * scale * (1 + TOLERANCE)))
    return out


def without_amounts(text: str) -> str:
    """The text with the money amounts it says taken out (they are figures, not words of the topic)."""
    return _AMOUNT.sub(" ", _arabic(text))
