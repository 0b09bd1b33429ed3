"""Characters: CJK ranges and whitespace. Reports space their text freely (`2, 031. 52`, `行 政 运 行`), so most
comparisons are made with all whitespace removed."""
from __future__ import annotations

import re
from functools import lru_cache

#: CJK unified ideographs, extension A and compatibility ideographs
CJK = "\u3400-\u9fff\uf900-\ufaff"
CJK_RE = re.compile(f"[{CJK}]")
WS_RE = re.compile(r"\s+")
#: the heading of a part of a report (`第二部分 …决算表`): what was said before it ends there
PART_HEADING = re.compile(r"^第[一二三四五六七八九十]+部分")
#: a numbered heading within a part: a section (`四、部门整体支出绩效分析`) or its subsection (`（一）2024年度预算情况`)
SECTION_HEADING = re.compile(r"^[一二三四五六七八九十]+\s*[、.．]")
SUBSECTION_HEADING = re.compile(r"^[（(]\s*[一二三四五六七八九十]+\s*[)）]")
#: an aside in brackets (（根据2026年预算说明倒推）, （区级+市级）), no bracket inside it
BRACKETED = re.compile(r"[（(][^（）()]*[)）]")


_SURROGATE_RE = re.compile("[\ud800-\udfff]")


def without_lone_surrogates(text: str) -> str:
    """`text` with each lone surrogate (not a character; text from a broken UTF-16 source) replaced by U+FFFD,
    which every tokenizer and encoder accepts."""
    return _SURROGATE_RE.sub("\ufffd", text)


#: full-width digits, letters and the signs written with figures (２０２３年, ５０％, １２．５): as half-width ones
_HALF_WIDTH = str.maketrans({**{chr(0xFF10 + i): str(i) for i in range(10)},
                             **{chr(0xFF21 + i): chr(0x41 + i) for i in range(26)},
                             **{chr(0xFF41 + i): chr(0x61 + i) for i in range(26)}, "％": "%", "．": "."})


def half_width(text: str) -> str:
    """`text` with full-width digits, Latin letters, ％ and ． written half-width, as an input method may type them
    (other full-width punctuation, ，？：, is the question's own and stays)."""
    return text.translate(_HALF_WIDTH)


def squash(text: str | None) -> str:
    """`text` with every whitespace character removed (None -> "")."""
    return WS_RE.sub("", text or "")


#: quotation marks a user or a report puts around a name (“打击欺诈骗取医保”项目): no part of the name
QUOTE_MARKS = "“”\"'‘’「」『』"
_QUOTE_MARKS_RE = re.compile(f"[{QUOTE_MARKS}]")


def unquoted(text: str) -> str:
    """`text` without its quotation marks."""
    return _QUOTE_MARKS_RE.sub("", text)


#: what stands in a quote for report text left out between two verbatim runs
ELISION = "…"


def verbatim(text: str, source: str) -> str:
    """`text` as a quote of `source`: itself when its characters (whitespace aside) are in `source` in one run;
    else its longest runs that are, in order, joined by `ELISION`. A loader that rebuilds a wrapped table row
    or drops a line it took for a page number would otherwise put words in a quote in an order no file has.
    A character found nowhere in `source` is left out."""
    where = [i for i, ch in enumerate(text) if not ch.isspace()]
    flat = "".join(text[i] for i in where)
    body = squash(source)
    if flat in body:
        return text
    runs: list[str] = []
    i = 0
    while i < len(flat):
        lo, hi = i, len(flat)  # flat[i:lo] is in body; find the longest such run (a prefix of a run is one too)
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if flat[i:mid] in body:
                lo = mid
            else:
                hi = mid - 1
        if lo == i:
            i += 1  # in no run
            continue
        runs.append(text[where[i]: where[lo - 1] + 1])
        i = lo
    return ELISION.join(runs)


def in_order(short: str, long: str) -> bool:
    """Whether every character of `short` is in `long`, in the same order (卫健委 in 卫生健康委员会)."""
    rest = iter(long)
    return all(ch in rest for ch in short)


def written_shorter(short: str, long: str, share: float, shortest: int = 3) -> bool:
    """Whether `short` is `long` written with words left out: `shortest` characters or more, at least `share` of
    `long`'s length, its characters in order (参保人数 of 参保缴费人数, 执法执勤车 of 执法执勤用车)."""
    return len(short) >= shortest and len(short) >= share * len(long) and in_order(short, long)


def longest_first(word: str) -> tuple[int, str]:
    """Sort key: longest first, then by the characters, so that words replaced in turn (a longer word before
    the shorter one inside it) come in the same order in every process, whatever a set's hash order."""
    return (-len(word), word)


def shortest_first(word: str) -> tuple[int, str]:
    """Sort key: shortest first, then by the characters (same order in every process)."""
    return (len(word), word)


#: in a lexicon cue, `…` stands for a few words between its parts (占…百分之: 占了百分之, 在三公经费里占百分之);
#: `……` for a whole name (占……多少: 占当年一般公共预算支出多少)
GAP = "…"
LONG_GAP = "……"
_GAP_FILL = r"[^，,。？?；;！!]{0,8}?"
_LONG_GAP_FILL = r"[^，,。？?；;！!]{0,24}?"


@lru_cache(maxsize=4096)
def _cue_pattern(cue: str) -> "re.Pattern[str]":
    """A gapped cue as a pattern; each gap is a group (the words it spans, which `without_cue` keeps)."""
    fill = _LONG_GAP_FILL if LONG_GAP in cue else _GAP_FILL
    parts = re.split(f"{LONG_GAP}|{GAP}", cue)
    return re.compile("".join(f"{re.escape(p)}({fill})" for p in parts[:-1]) + re.escape(parts[-1]))


def find_cue(cue: str, text: str) -> tuple[int, int] | None:
    """Where a lexicon cue occurs in text, as (start, end), or None. A plain cue is a plain substring; a cue
    with `…` lets a few words (no punctuation) stand between its parts."""
    if GAP not in cue:
        i = text.find(cue)
        return None if i < 0 else (i, i + len(cue))
    m = _cue_pattern(cue).search(text)
    return None if m is None else m.span()


def cue_spans(cue: str, text: str) -> list[tuple[int, int]]:
    """Every non-overlapping occurrence of a cue (see `find_cue`)."""
    if GAP not in cue:
        return [m.span() for m in re.finditer(re.escape(cue), text)]
    return [m.span() for m in _cue_pattern(cue).finditer(text)]


def without_cue(cue: str, text: str) -> str:
    """Text with a cue's own words taken out; the words a gapped cue spans stay (在三公经费里占了百分之 less
    占…百分 keeps 在三公经费里 and 了)."""
    if GAP not in cue:
        return text.replace(cue, "")
    return _cue_pattern(cue).sub(lambda m: "".join(m.groups()), text)
