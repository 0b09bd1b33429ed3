"""Characters: CJK ranges and whitespace. Reports space their text freely (`2, 031. 52`, `行 政 运 行`), so most
comparisons are made with all whitespace removed."""
from __future__ import annotations

import re

#: CJK unified ideographs, extension A and compatibility ideographs
CJK = "\u3400-\u9fff\uf900-\ufaff"
CJK_RE = re.compile(f"[{CJK}]")
WS_RE = re.compile(r"\s+")


_SURROGATE_RE = re.compile("[\ud800-\udfff]")


def without_lone_surrogates(text: str) -> str:
    """`text` with each lone surrogate (not a character; text from a broken UTF-16 source) replaced by U+FFFD,
    which every tokenizer and encoder accepts."""
    return _SURROGATE_RE.sub("\ufffd", text)


def squash(text: str | None) -> str:
    """`text` with every whitespace character removed (None -> "")."""
    return WS_RE.sub("", text or "")
