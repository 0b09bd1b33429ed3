"""What a report says it has none of, or does not disclose. A figure asked of something it has none of
(`截至2024年12月31日，…无国有资产占用情况`, `本年度无政府性基金预算财政拨款收入`) is answered as none — 0 — with
the sentence saying so, not refused; a list it does not disclose (涉密内容，按规定不予公开) is refused, saying so."""
from __future__ import annotations

import re
from typing import Sequence

from ..lexicon import question_words
from ..models import Answer, Citation, Figure
from ..text.chars import squash
from ..text.tokens import word_ends

#: the words saying a report has none of what follows them (grounding lets a sentence holding them support a 0)
NONE_SAID = re.compile(r"无|没有|未发生|不存在")
#: a verb between 没有 and what the report has none of (没有使用政府性基金预算拨款安排的支出)
_VERB = re.compile(r"^(?:使用|安排|发生)")
#: the fewest characters of the asked item the words after 无 must repeat
NAMED_MIN = 3
#: the sentences read, best first
READ = 5


def stated_none(question: str, topic: str, sentences: Sequence, title_of) -> Answer | None:
    """`sentences`: ranked sentences (with `.text` and `.hit.chunk`), best first; `title_of(chunk)`: the report's
    title. The first that says the report has none of the asked item (its words right after 无 repeat NAMED_MIN
    or more characters of `topic`), as an answer stating 0; None when none says so."""
    asked = squash(topic)
    for s in sentences[:READ]:
        text = squash(s.text)
        for m in NONE_SAID.finditer(text):
            after = _VERB.sub("", text[m.end():m.end() + 20])[:16]  # 没有使用政府性基金…: what it has none of
            named = _longest_prefix_in(after, asked)
            if len(named) >= NAMED_MIN and not _breaks_mid_word(named, after):
                chunk = s.hit.chunk
                line = f"{title_of(chunk)}：{named}：无（0）。"
                return Answer(question=question, found=True, text=line, figures=(Figure(0.0, "万元", named),),
                              citations=(Citation(source=chunk.source, quote=s.text, page=chunk.page,
                                                  lines=chunk.lines, score=s.score),), method="passages")
    return None


def _breaks_mid_word(named: str, after: str) -> bool:
    """Whether the shared part stops inside one of the sentence's words (无国有资本… read against 国有资产 shares
    国有资, a word neither says)."""
    return len(named) < len(after) and len(named) not in word_ends(after)


def _longest_prefix_in(text: str, asked: str) -> str:
    """The longest start of `text` that `asked` holds."""
    for end in range(len(text), 0, -1):
        if text[:end] in asked:
            return text[:end]
    return ""


def withheld(sentence: str, topic: str) -> str | None:
    """The clause of `sentence` saying the report does not disclose what the question asks about (部门主要职责及
    机构设置本部门按照保密审查机制确定此项内容为涉密内容，按规定不予公开): it states no figure and its heading
    shares a word with the question's topic. None otherwise."""
    words = question_words()["withheld"]
    asked = {topic[i : i + 2] for i in range(len(topic) - 1)}
    for clause in re.split(r"(?<=[。；;])", sentence):
        if any(w in clause for w in words):
            said = re.split(r"[一二三四五六七八九十]+、", re.sub(r"\s+", "", clause).strip("。；;"))[-1]
            head = said[: min(said.find(w) for w in words if w in said)]
            if not re.search(r"\d", said) and any(head[i : i + 2] in asked for i in range(len(head) - 1)):
                return said
    return None
