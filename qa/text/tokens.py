"""Search tokens: jieba words and character bigrams over text with numbers normalised."""
from __future__ import annotations

import logging
import re

# ------------------------------------------------------------------------------------------ tokenising

_WORD_OK = re.compile(r"[\w\u4e00-\u9fff%.]")
_HAN = re.compile(r"[\u4e00-\u9fff]")


def _jieba():
    import jieba

    jieba.setLogLevel(logging.WARNING)
    return jieba


def normalize_for_search(text: str) -> str:
    """Full-width to ASCII, figures in one canonical form (`2, 031. 52` -> `2031.52`)."""
    from ..text.numbers import normalize_numbers

    return normalize_numbers(text)


def word_tokens(text: str) -> list[str]:
    """jieba search-mode words (long words and their parts), lower-cased, punctuation dropped."""
    words = _jieba().lcut_for_search(normalize_for_search(text))
    return [w.lower() for w in words if w.strip() and _WORD_OK.search(w)]


def word_list(text: str) -> list[str]:
    """jieba's precise-mode words of `text` (the longest words, not their parts), as written."""
    return _jieba().lcut(text)


def word_ends(text: str) -> set[int]:
    """The offsets in `text` where a jieba word ends."""
    ends, at = set(), 0
    for word in word_list(text):
        at += len(word)
        ends.add(at)
    return ends


def bigram_tokens(text: str) -> list[str]:
    """Overlapping pairs of Han characters, plus whole numbers and Latin words."""
    text = normalize_for_search(text)
    out: list[str] = []
    for run in re.findall(r"[\u4e00-\u9fff]+|\d+(?:\.\d+)?%?|[A-Za-z]+", text):
        if _HAN.match(run):
            out += [run[i : i + 2] for i in range(len(run) - 1)] if len(run) > 1 else [run]
        else:
            out.append(run.lower())
    return out
