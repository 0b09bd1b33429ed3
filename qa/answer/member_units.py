"""The units a department's report covers (部门预算单位构成: 本级 and its subordinate units), read from the
sentence of the report that lists them (`…预算包括：局本级预算、局属X所预算和局属Y中心预算`,
`所属2个预算单位，分别为A本级和B中心`), and likewise its internal divisions (`本部门内设机构包括：秘书处、…`).
The words are data (operations.json, `member_units`, `member_units.divisions`)."""
from __future__ import annotations

import re
from typing import Sequence

from ..lexicon.formula_table import operation_words
from ..models import Answer, Citation, Figure
from ..search.query import Query
from ..store.index import Index
from ..text.chars import squash
from .headed_lists import lists_named
from .statements import _report_name

#: a listed name is at most this long (a clause, not a unit's name, is longer)
NAME_MAX = 30


def _words() -> dict:
    return operation_words()["member_units"]


def asks_units(query: Query) -> bool:
    """Whether the question asks which units (or how many) the report covers, or which internal divisions."""
    w = _words()
    text = squash(query.text)
    asked = [a for a in (*w["asked"], *w["divisions"]["asked"]) if a in text]
    report = "|".join(map(re.escape, w["report_words"]))
    own = re.search(rf"(?:{report})(?:编制范围)?(?:是由|由|的)?(?:{'|'.join(map(re.escape, w['asking']))})", text)
    if asked and all(a in w["report_words"] for a in asked) and not own:
        # 部门预算里实行绩效目标管理的项目有几个, 部门预算里的主要工作任务包括哪几个方面: projects or tasks asked, the
        # report only named (部门决算由哪几部分组成, 部门决算编制范围包括哪些: the report's own units)
        return False
    if query.operation.threshold is not None:
        return False  # 在职人数超过编制数的有几个单位: units that pass a condition, not the units the report covers
    # (省人大办 下属单位 2019: the units named alone, in keywords, asking no figure; not 事业单位医疗 执行率)
    alone = not re.search(r"多少|几|什么|哪|吗|呢|[?？]|预算|决算|收入|支出|经费|资金|人数|率|占比",
                          re.sub("|".join(map(re.escape, asked)), "", text))
    return bool(asked) and (asks_one(query) or any(a in text for a in w["asking"]) or alone)


def asks_one(query: Query) -> bool:
    """Whether the question asks one unit by name (下属单位是哪个): it ends asking it, of one report, ranking nothing
    (哪家单位收入最多 ranks units)."""
    return len(query.doc_ids) == 1 and query.operation.function is None \
        and squash(query.text).rstrip("？?。").endswith(tuple(_words()["one_asked"]))



def count_said_after(sentence: str, question: str = "") -> tuple[int, str] | None:
    """The count the report says with its list: of the thing the question counts (`…机关文印中心等20个处室和
    省委机要局`, asked 多少个处室), else the one a list ends with when it is not complete (`…“情指行”一体化
    指挥部等14个部门。`: the list names some of them, the count is the report's)."""
    text = squash(sentence)
    for m in re.finditer(r"(\d+)\s*[个家]\s*([\u4e00-\u9fff]{2,4}?)(?=以及|和|及|与|[，,。；;、]|$)", text):
        if m.group(2) in squash(question):
            return int(m.group(1)), m.group(2)
    m = re.search(r"等\s*(\d+)\s*[个家]\s*([\u4e00-\u9fff]{1,4})\s*[。；;，,]?\s*$", text)
    return (int(m.group(1)), m.group(2)) if m else None


def _asks_divisions(text: str) -> bool:
    return any(a in squash(text) for a in _words()["divisions"]["asked"])


def listed_units(sentence: str, divisions: bool = False, one: bool = False) -> list[str]:
    """The unit names (or, with `divisions`, the internal divisions) a sentence lists after its opening word,
    or [] when it lists fewer than two (than one, when `one` is asked: 下属单位是哪个)."""
    w = _words()
    text = squash(sentence)
    if not any(o in text for o in (w["divisions"]["opens"] if divisions else w["opens"])):
        return []
    if not divisions and any(o in text for o in w["divisions"]["opens"]):
        return []  # 内设机构包括：秘书处、综合处…: a department's divisions, not its budget units
    # the list starts after its last opening mark: 分别为 or a colon, else 包括
    marks = [m.end() for m in re.finditer(r"分别为|分别是|[：:]", text)] or [m.end() for m in re.finditer(r"包括|包含", text)]
    if not marks:
        return []
    rest = re.split(r"[，,；;](?:不含|不包括|未纳入|不纳入|其中|另)", text[max(marks):])[0]  # units left out
    ends = tuple(w["name_ends"]) + ("预算", "决算")
    # …机关文印中心等20个处室和省委机要局: the count said after the list is no name of it
    rest = re.sub(r"等?\d+\s*[个家]\s*[\u4e00-\u9fff]{1,4}?(?=以及|和|及|与|[，,。；;]|$)", "", rest)
    parts = []
    for piece in re.split(r"[、，,；;]", rest.rstrip("。.等")):
        # 和 / 及 join two names only after a name's end (军用饮食供应和供水站 is one name)
        start = 0
        for m in re.finditer(r"以及|和|及|与", piece):
            if piece[start:m.start()].endswith(ends):
                parts.append(piece[start:m.start()])
                start = m.end()
        parts.append(piece[start:])
    names = []
    for part in parts:
        name = re.sub(r"^(?:\d+[.、．]|[（(]\d+[)）]|[①-⑩])", "", part)
        name = re.sub(r"[（(][^）)]{1,20}[）)]$", "", name)  # 办公室(市委教育工委办公室): its other name
        for affix in sorted(w["affixes"], key=len, reverse=True):
            name = name.removeprefix(affix) if name.startswith(affix) and len(name) > len(affix) + 1 else name
            name = name.removesuffix(affix) if name.endswith(affix) and len(name) > len(affix) + 1 else name
        if 2 <= len(name) <= NAME_MAX and name.endswith(tuple(w["name_ends"])) and not re.search(r"\d", name):
            names.append(name)
    alone = re.search(r"仅包括|只包括|仅有|只有|共计?1[个家]", text) is not None  # a list of one, said so
    return names if (len(names) >= 2 or (alone or one) and names) and len(names) == len([p for p in parts if p]) else []


_NUMBERED = re.compile(r"^\s*(\d{1,2})\s+([^\d\s][^\d]{1,%d})$" % NAME_MAX)


def _units_table(rows: Sequence) -> list[tuple]:
    """(row, name) of the first table listing the report's units: rows `1 A本级（机关）`, `2 B中心` numbered from 1
    on one page, each a unit's name and nothing else; [] when there is no such table of two or more."""
    ends = tuple(_words()["name_ends"])
    run: list[tuple] = []
    for c in rows:
        m = _NUMBERED.match(c.text)
        # A（机关） is A, A（本级） is A本级, to tell a name; each is given as the report prints it (A（机关）)
        printed = m.group(2).strip() if m else ""
        bracket = re.search(r"[（(]([^）)]*)[）)]$", printed)
        own = bracket is not None and bracket.group(1) in _words()["own_unit"]
        name = printed[:bracket.start()] + (bracket.group(1) if own else "") if bracket else printed
        printed = name if own else printed
        # (`2 X财政所 预算单列`: a remark column may follow the name; the row is told by the name, and given whole)
        named = name.endswith(ends) or name.split()[0].endswith(ends) if name else False
        if m and named and int(m.group(1)) == len(run) + 1 and (not run or run[-1][0].page == c.page):
            run.append((c, printed))
            continue
        if len(run) >= 2:
            return run
        run = [(c, printed)] if m and named and m.group(1) == "1" else []
    return run if len(run) >= 2 else []


#: words saying a report's figures leave units out (不含东郊国宾馆)
_LEFT_OUT = re.compile(r"不含|不包含|不包括|未纳入|不纳入|仅包含|只包含|仅包括|只包括")


def _left_out(text: str, sentence: str, names: Sequence[str]) -> str | None:
    """The sentence right after a list of units saying the report's figures leave some of them out, or None."""
    after = text[text.find(sentence) + len(sentence):] if sentence in text else ""
    following = re.split(r"(?<=[。；])", after.strip(), maxsplit=1)[0].strip()
    if following and _LEFT_OUT.search(following) and any(n in squash(following) for n in names):
        return following
    return None


def _fit(question: str, sentence: str) -> int:
    """How many of the question's unit words (预算单位, 下属单位, 纳入…) the sentence says too."""
    words = [w for w in _words()["asked"] + ["纳入", "编制范围", "构成"] if w in question]
    return sum(w in squash(sentence) for w in words)


def answer_units(question: str, query: Query, doc_ids: Sequence[str], index: Index) -> Answer | None:
    """The units each scoped report lists (a sentence, else a table of their names), cited; None when no report
    lists them."""
    lines, figures, citations = [], [], []
    divisions = _asks_divisions(query.text)
    # (a single name answers any question saying 哪个 or 哪家, also one asking units in other words first)
    one = any(w in query.text for w in _words()["one_asked"])
    for doc_id in doc_ids:
        d = index.documents_by_id[doc_id]
        rows = range(d["first_row"], d["first_row"] + d["n_rows"])
        every = index.chunks(list(rows))
        chunks = [c for c in every if c.kind != "table_row"]
        headed = lists_named(query.text, chunks)
        if headed:  # 下属差额拨款事业单位是哪一家: the names numbered under the heading the question writes out
            said = "；".join(f"{h.heading}：{'、'.join(h.names)}" for h in headed)
            lines.append(f"{_report_name(index, doc_id)}：{said}。")
            if len(headed) == 1:
                figures.append(Figure(float(len(headed[0].names)), "个", f"{headed[0].heading}个数",
                                      f"计数：{'、'.join(headed[0].names)}"))
            citations += [Citation(source=c.source, quote=h.lines_in(c), page=c.page, lines=c.lines, score=1.0)
                          for h in headed for c in h.chunks]
            continue
        # every sentence listing units; the one sharing most of the question's unit words (纳入…预算单位 is
        # not 下属单位), the first on a tie
        listing = [(c, s, names) for c in chunks for s in re.split(r"(?<=[。；])", c.text)
                   if (names := listed_units(s, divisions, one))]
        left_out = None
        if listing:
            text = squash(query.text)
            c, sentence, names = max(listing, key=lambda x: _fit(text, x[1]))
            cited = [Citation(source=c.source, quote=sentence.strip(), page=c.page, lines=c.lines, score=1.0)]
            left_out = _left_out(c.text, sentence, names)
            if left_out:
                cited.append(Citation(source=c.source, quote=left_out, page=c.page, lines=c.lines, score=1.0))
        elif divisions:
            continue
        else:  # a table of the units: numbered rows of names, no figures
            table = _units_table([c for c in every if c.kind == "table_row"])
            if not table:
                continue
            names = [n for _, n in table]
            cited = [Citation(source=c.source, quote=c.text, page=c.page, lines=c.lines, score=1.0) for c, _ in table]
        department = d.get("department") or ""
        # 局本级 / 本级: the department's own unit, named in full
        names = [f"{department}本级" if department and n in _words()["own_unit"] else n for n in names]
        what = "内设机构" if divisions else "单位"
        said = count_said_after(cited[0].quote, query.text) if listing else None
        if said is not None and said[0] != len(names):  # …等14个部门: the report's count, the names it gives
            lines.append(f"{_report_name(index, doc_id)}：共 {said[0]} 个{said[1]}（{what}），报告列出的有："
                         f"{'、'.join(names)}。")
            figures.append(Figure(float(said[0]), "个", f"{what}个数", None))
        else:
            lines.append(f"{_report_name(index, doc_id)}：包括 {len(names)} 个{what}：{'、'.join(names)}。")
            figures.append(Figure(float(len(names)), "个", f"{what}个数", f"计数：{'、'.join(names)}"))
        if left_out:  # 直属事业单位：A、B。预算数据仅包含机关本级，不含A和B: which of them the figures leave out
            lines.append(f"（报告又说：{left_out}）")
        citations += cited
    if not lines:
        return None
    return Answer(question=question, found=True, text="\n".join(lines), figures=tuple(figures),
                  citations=tuple(citations), method="facts")
