"""Why a project fell short, as its own 绩效自评表 says: the national template's cell 偏差大或目标未完成原因分析
(questions.json evaluation_reason_cells) of the project the question names. The narrative beside a project's
rate (…完成预算18.5%。主要产出和效益：…) often gives no reason; the table printed after it does. Read only when
the narrative answers no 为什么: a project is known by the 项目名称 its table states, or by the table's title
(2023年度“城乡医疗救助”项目自评表), and a cell saying nothing fell short (无偏差大或目标未完成情况) is no reason."""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Sequence

from rapidfuzz import fuzz

from ..lexicon import question_words
from ..models import Answer, Chunk, Citation
from ..search.query import Query
from ..store.index import Index
from ..text.chars import squash
from .reasons import REASON_MAX, _topic_only

#: the project a self-evaluation table is of: its 项目名称 cell (the next label runs into it), or its title
_NAMED = re.compile(r"项目名称\s*(.{2,40}?)\s*(?:主管部门|项目实施单位|实施单位|项目类别|\n|$)")
_TITLED = re.compile(r"(?:\d{4}\s*年度?)?\s*[“\"]?([^\s“”\"，。；：:]{2,40}?)[”\"]?\s*(?:项目)?\s*(?:绩效(?:评价)?)?\s*自评表")
#: a cell saying nothing fell short
_NONE_SHORT = re.compile(r"^[^。；]{0,16}无(?:偏差|未完成)")
#: the least fuzzy overlap of the question's item with a project's name
MIN_FIT = 80


@lru_cache(maxsize=1)
def _cells() -> re.Pattern:
    """A reason cell: its label (questions.json evaluation_reason_cells), then its text up to the line's end or the
    next cell (改进措施…)."""
    labels = "|".join(map(re.escape, question_words()["evaluation_reason_cells"]))
    return re.compile(rf"(?P<label>{labels})[：:]?\s*(?P<reason>.+?)(?=\n|改进措施|$)", re.S)


def evaluation_reason(question: str, query: Query, doc_ids: Sequence[str], index: Index) -> Answer | None:
    """The reason cell of the self-evaluation table of the project the question names, in the reports in scope,
    stated with the project's name and cited; None when no table's project fits the item asked or its cell says
    nothing fell short."""
    # (the words naming the item: a figure the question quotes, 执行率才18.5%, names none)
    words = [w for w in re.sub(r"[\d.,，%％]+", " ", _topic_only(query).topic).split() if len(w) >= 3]
    if not words:
        return None
    cells = _cells()
    best: tuple[float, str, re.Match, Chunk] | None = None
    for doc_id in doc_ids:
        doc = index.documents_by_id.get(doc_id)
        if doc is None or not any(index.mentions([doc_id], w) for w in question_words()["evaluation_reason_cells"]):
            continue
        project = ""
        for chunk in index.chunks(list(index.rows_of([doc_id]))):
            if chunk.kind != "text":
                continue
            # (in the order they stand: a cell is of the project named last before it)
            said = [(m.start(), "name", m) for m in (*_NAMED.finditer(chunk.text), *_TITLED.finditer(chunk.text))]
            said += [(m.start(), "cell", m) for m in cells.finditer(chunk.text)]
            for _, what, m in sorted(said, key=lambda x: x[0]):
                if what == "name":
                    project = squash(m.group(1))
                    continue
                reason = squash(m.group("reason"))
                if not project or not reason or _NONE_SHORT.match(reason):
                    continue
                fit = max(fuzz.partial_ratio(w, project) for w in words)
                if fit >= MIN_FIT and (best is None or fit > best[0]):
                    best = (fit, project, m, chunk)
    if best is None:
        return None
    _, project, cell, chunk = best
    reason = squash(cell.group("reason"))
    title = index.documents_by_id[chunk.doc_id].get("title") or chunk.source
    text = f"{title}：{project}项目绩效自评表（{cell.group('label')}）：{reason[:REASON_MAX]}"
    cited = Citation(source=chunk.source, quote=reason[:REASON_MAX], page=chunk.page, lines=chunk.lines)
    return Answer(question=question, found=True, text=text, figures=(), citations=(cited,), method="passages")
