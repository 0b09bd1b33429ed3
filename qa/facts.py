"""Report -> `Fact`s: every figure a report states, placed in its table cell or narrative sentence.

    facts = extract_facts(doc)        # list[Fact], tables first, then the narrative, in reading order

Each figure gives one Fact, and a figure printed both in a table and in the narrative gives two (one per
source, `table` set for the table one): the answering code compares them. The conventions below are what
the answering code matches on.

subject (科目 / the item a figure is about), normalised: spaces removed, list ordinals (`一、`, `（一）`, `1.`)
    and the `(类)/(款)/(项)` markers removed, so a 科目 reads `城乡医疗救助`, `行政运行`, `卫生健康支出`.
    Table totals are kept as printed (`合计`, `本年收入合计`, `本年支出合计`, `人员经费合计`); a bare `总计`
    in a 收入 | 支出 table becomes `收入总计` or `支出总计` by its side. Narrative items use the canonical
    names of `NARRATIVE_SUBJECTS` (`收支总计` for 收入、支出决算总计 / 收、支总计, `三公经费`,
    `因公出国（境）费`, `公务用车购置及运行维护费`, `公务用车购置费`, `公务用车运行维护费`, `公务接待费`,
    `机关运行经费`, `政府采购`, `人员经费`, `公用经费`, `基本支出`, `项目支出`, `一般公共预算财政拨款支出`,
    `财政拨款收入`, `编制`, `实有人员`, `车辆` …; `一般公共预算财政拨款基本支出` for the 一般公共预算 part, also
    after `一般公共预算财政拨款支出…。其中：基本支出…`); a figure whose item is not in that list gets the
    phrase printed before it (`打击欺诈骗保费用`, `医疗救助支出`), with a short qualifier printed before a
    listed item kept (`货物采购授予中小企业合同金额`, `国内公务接待费`). A 项目自评 sentence (`1.X项目绩效自评综述：项目全年预算数为…`)
    has the project name X as subject. In a 三公经费 table the column names the item (subject) and the
    header names the measure (预算数 / 决算数).
subject_code: the 科目编码 when the row or sentence prints one (`2101301`; a PDF's split 类/款/项 cells
    `201 06 01` are joined). A code that only repeats its parent row's code is not kept.
measure: one of `MEASURES` —
    amounts: `年初预算数`, `全年预算数` (调整后 / 项目自评 full-year budget), `预算数` (budget reports and
    三公 预算), `决算数` (actual spending: 支出决算 / 决算数 / a 决算 table's 金额 column), `执行数` (项目自评),
    `上年数`, `增减额` (signed: 减少 / 下降 / 降低 give a negative value; the basis — 上年 or 年初预算 — is
    in the quote, not the measure). A 三公经费 item's 全年预算 is its `预算数`;
    rates (unit %): `执行率` (完成年初预算的 X%, against 年初预算), `完成预算率` (完成预算的 X%, against the
    full-year budget: 项目自评, 三公经费), `增减率` (signed like 增减额), `占比` (占…的 X%), `比率` (any other
    rate, named by its subject: `参保率`);
    table columns as printed, normalised by `normalize_measure`: `合计` (合计 / 总计 / 本年收入合计 /
    本年支出合计 columns), `小计`, `基本支出`, `项目支出`, `人员经费`, `公用经费`, `财政拨款收入`,
    `本年收入`, `本年支出`, `年初结转和结余`, `年末结转和结余`, … (`TABLE_MEASURES`);
    counts: `人数`, `车辆数`, `批次` (团组 / 批次), `人次`, `个数`, `台套数`, `数量`;
    `""` (`MEASURE_UNKNOWN`): a table figure whose column could not be determined (see below).
unit: as printed — 万元 / 元 / 亿元 for amounts (a table's unit is `Table.unit`, else the report's
    `金额单位`, else 万元), `%`, and the count's own unit (人 / 万人 / 辆 / 个 / 批次 / 人次 / 台 …).
table: the table's title with its 公开NN表 label (`Table.title`) for table facts, None for narrative facts.
quote: verbatim source text — for a table, the row's non-empty cells joined by spaces (a row wrapped over
    several lines is joined); for the narrative, the sentence with its line breaks removed (and, when the
    sentence names no item of its own, the item label just before it: `5.卫生健康支出(类)医疗救助(款)
    城乡医疗救助(项)。年初预算为788万元，…`). With whitespace removed, a quote occurs in the text of its page.
page / lines: the PDF page (1-based) of the row or sentence; for text files the source lines (1-based,
    inclusive) and the page when the file has form feeds.

Placement of table figures. PDF tables and tab-separated text rows keep their cells, so a figure sits
under its column header. Space-separated text rows lose their empty cells (`2101301 城乡医疗救助 995.33
995.33` under 小计 | 基本支出 | 项目支出): such figures are placed by order and by the table's own
identities — 小计 = 基本支出 + 项目支出 (a total column equals the sum of the columns after it), a parent
科目 equals the sum of its children column by column, 合计 equals the sum of the top-level rows, and the
三公经费 sums. Every placement consistent with those is considered; a figure that lands in the same
column in all of them gets that column, any other figure is kept as a row-level fact with measure ""
(never a guess; in a 三公经费 table such a figure has subject `三公经费`). The same check runs on kept
cells whose column has no single header (a header cell printing `基本支出 项目支出` together, a PDF value
shifted under an empty header). Two more sources of evidence, both printed in the same report: the
narrative (`其中：基本支出131.09万元` fixes the 合计 row of 支出决算表, whose empty columns then rule out
placements in the rows below; `公务用车运行维护费4万元` fixes a 三公 column), and nothing else. A row
whose figures cannot satisfy its own identities (a cell lost in extraction) proves nothing about the
rows below it; a flattened table whose rows mostly contradict the header's identities was misread and
all its figures stay row-level.

Narrative figures come from sentences (split at 。；！？ and at heading lines; table rows are masked out):
each figure with a unit takes its measure from the cue printed just before it (`年初预算为`, `支出决算为`,
`完成年初预算的`, `增加`, `占…的` …, else 决算数 in a 决算 report and 预算数 in a 预算 report) and its subject
from the item named before the cue, else from the previous figure of the sentence, else from the item
label or 项目自评 name that opens the sentence. A sentence saying there was no 三公经费 or 政府采购
(`无“三公”经费预算数，未发生“三公”经费支出`, `无政府采购支出`) gives a fact with value 0.
"""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field, replace
from itertools import combinations, product
from typing import Iterable, Sequence

from .models import Document, Fact, Page, Table
from .numbers import Number, find_numbers, is_subject_code

logger = logging.getLogger(__name__)

__all__ = [
    "COUNT_MEASURES",
    "MEASURES",
    "MEASURE_UNKNOWN",
    "NARRATIVE_SUBJECTS",
    "TABLE_MEASURES",
    "extract_facts",
    "narrative_facts",
    "normalize_measure",
    "normalize_subject",
    "table_facts",
]

# --------------------------------------------------------------------------------------------
# vocabulary

MEASURE_UNKNOWN = ""
#: amounts and rates stated in the narrative (and in budget / 三公 table headers)
AMOUNT_MEASURES = ("年初预算数", "全年预算数", "预算数", "决算数", "执行数", "上年数", "增减额")
RATE_MEASURES = ("执行率", "完成预算率", "增减率", "占比", "比率")
#: table columns, after `normalize_measure`
TABLE_MEASURES = (
    "合计", "小计", "基本支出", "项目支出", "上缴上级支出", "经营支出", "对附属单位补助支出", "单位预留机动经费",
    "人员经费", "公用经费", "财政拨款收入", "上级补助收入", "事业收入", "经营收入", "附属单位上缴收入", "其他收入",
    "一般公共预算财政拨款收入", "政府性基金预算财政拨款收入", "国有资本经营预算财政拨款收入",
    "用事业基金弥补收支差额", "上年结转", "结转下年", "年初结转和结余", "本年收入", "本年支出", "年末结转和结余",
    "一般公共预算财政拨款", "政府性基金预算财政拨款", "国有资本经营预算财政拨款", "机关运行经费",
)
#: unit of a count -> its measure
COUNT_MEASURES = {
    "人": "人数", "万人": "人数", "名": "人数", "辆": "车辆数", "批次": "批次", "批": "批次", "人次": "人次",
    "万人次": "人次", "个": "个数", "家": "个数", "项": "个数", "台": "台套数", "套": "台套数", "台套": "台套数",
}
COUNT_OTHER = "数量"
MEASURES = frozenset(AMOUNT_MEASURES + RATE_MEASURES + TABLE_MEASURES + tuple(COUNT_MEASURES.values())
                     + (COUNT_OTHER, MEASURE_UNKNOWN))

AMOUNT_UNITS = ("万元", "元", "亿元", "千元")
DEFAULT_UNIT = "万元"

_WS_RE = re.compile(r"\s+")
_CJK = "\u3400-\u9fff\uf900-\ufaff"
_CJK_RE = re.compile(f"[{_CJK}]")


def _squash(s: str) -> str:
    return _WS_RE.sub("", s)


# --------------------------------------------------------------------------------------------
# subjects and measures: normalisation

_ORDINAL_RE = re.compile(
    r"^(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[)）]|\d+(?:\.\d+)*[.、．](?!\d)|\d+[)）]|[①-⑳])+"
)
_LEVEL_RE = re.compile(r"[（(]\s*[类款项]\s*[)）]")


def _deepest_level(s: str) -> str | None:
    """`卫生健康支出(类)医疗救助(款)城乡医疗救助(项)` -> `城乡医疗救助`; `检察（款）行政运行（项）支出` -> `行政运行`;
    `一般公共服务（类）支出` -> `一般公共服务支出`; None when `s` does not end with such a label."""
    m = re.fullmatch(r"(?P<head>.*?)(?P<last>[^（()）]*)[（(]\s*(?P<level>[类款项])\s*[)）](?P<tail>支出)?", s)
    if not m or _LEVEL_RE.search(m.group("last")):
        return None
    if m.group("level") == "类":
        return m.group("last") + (m.group("tail") or "")
    return m.group("last")


def normalize_subject(label: str) -> str:
    """A row label or item as a subject: spaces, list ordinals and (类)/(款)/(项) markers removed;
    `卫生健康支出(类)医疗救助(款)城乡医疗救助(项)` -> `城乡医疗救助`, `一般公共服务（类）支出` -> `一般公共服务支出`."""
    s = _squash(label).strip("：:，,。;；")
    s = _ORDINAL_RE.sub("", s)
    deepest = _deepest_level(s)
    if deepest:
        s = _ORDINAL_RE.sub("", deepest)
    s = _LEVEL_RE.sub("", s)
    m = re.fullmatch(r"(.+?支出)类支出", s)  # `卫生健康支出类支出` (a 类 printed without brackets)
    return m.group(1) if m else s


#: header names (as printed, spaces removed) -> measure; longest names are matched first
_HEADER_NAMES: dict[str, str] = {
    "本年收入合计": "合计", "本年支出合计": "合计", "合计": "合计", "总计": "合计", "小计": "小计",
    "基本支出": "基本支出", "项目支出": "项目支出", "上缴上级支出": "上缴上级支出", "经营支出": "经营支出",
    "事业单位经营支出": "经营支出", "对附属单位补助支出": "对附属单位补助支出", "单位预留机动经费": "单位预留机动经费",
    "人员经费": "人员经费", "公用经费": "公用经费", "财政拨款收入": "财政拨款收入", "上级补助收入": "上级补助收入",
    "事业收入": "事业收入", "经营收入": "经营收入", "事业单位经营收入": "经营收入", "附属单位上缴收入": "附属单位上缴收入",
    "其他收入": "其他收入",
    "一般公共预算财政拨款收入": "一般公共预算财政拨款收入", "一般公共预算拨款收入": "一般公共预算财政拨款收入",
    "政府性基金预算财政拨款收入": "政府性基金预算财政拨款收入", "政府性基金预算拨款收入": "政府性基金预算财政拨款收入",
    "国有资本经营预算财政拨款收入": "国有资本经营预算财政拨款收入", "国有资本经营预算拨款收入": "国有资本经营预算财政拨款收入",
    "用事业基金弥补收支差额": "用事业基金弥补收支差额", "上年结转": "上年结转", "结转下年": "结转下年",
    "年初结转和结余": "年初结转和结余", "年末结转和结余": "年末结转和结余", "本年收入": "本年收入", "本年支出": "本年支出",
    "一般公共预算财政拨款": "一般公共预算财政拨款", "一般公共预算拨款": "一般公共预算财政拨款", "一般公共预算": "一般公共预算财政拨款",
    "政府性基金预算财政拨款": "政府性基金预算财政拨款", "政府性基金预算": "政府性基金预算财政拨款",
    "国有资本经营预算财政拨款": "国有资本经营预算财政拨款", "国有资本经营预算": "国有资本经营预算财政拨款",
    "决算数": "决算数", "预算数": "预算数", "本年预算数": "预算数", "年初预算数": "年初预算数", "全年预算数": "全年预算数",
    "上年预算数": "上年数", "上年决算数": "上年数", "上年数": "上年数", "金额": "金额", "机关运行经费支出": "机关运行经费",
    "机关运行经费": "机关运行经费",
}
#: non-amount header words; the first ones start a panel of a side-by-side table when repeated
_LABEL_WORDS = (
    "项目（按功能分类）", "项目(按功能分类)", "项目名称", "功能科目名称", "经济科目名称", "科目名称", "项目", "功能科目编码",
    "经济科目编码", "功能科目代码", "功能分类科目编码", "支出功能分类", "经济分类科目", "经济分类", "功能分类", "科目编码",
    "科目代码", "单位代码", "单位名称", "行次", "栏次", "类", "款", "项",
)
_CODE_WORDS = frozenset(("功能科目编码", "经济科目编码", "功能科目代码", "功能分类科目编码", "经济分类科目", "科目编码", "科目代码",
                         "经济分类", "支出功能分类", "功能分类"))
_PANEL_WORDS = frozenset(("项目（按功能分类）", "项目(按功能分类)", "项目名称", "功能科目名称", "经济科目名称", "科目名称", "项目"))
#: header names that span the columns printed under them (dropped in favour of those columns)
_GROUP_NAMES = frozenset((
    "本年支出", "本年收入", "决算数", "预算数", "基本支出", "上年结转", "一般公共预算财政拨款", "政府性基金预算财政拨款",
    "国有资本经营预算财政拨款",
))
_TOTAL_MEASURES = frozenset(("合计", "小计", "本年支出"))
_STOP_MEASURES = frozenset(("年末结转和结余",))
_SANGONG_ITEMS = ("三公经费", "因公出国（境）费", "公务用车购置及运行维护费", "公务用车购置费", "公务用车运行维护费", "公务接待费")


def normalize_measure(name: str, kind: str | None = None) -> str:
    """A column header as a measure: `本年支出合计` / `总计` -> `合计`, `一般公共预算` -> `一般公共预算财政拨款`,
    `金额` -> 决算数 in a 决算 report and 预算数 in a 预算 report; other names as printed (spaces removed)."""
    s = _squash(name).replace("-般", "一般")
    m = _HEADER_NAMES.get(s, s)
    if m == "金额":
        return "预算数" if kind == "预算" else "决算数"
    return m


def _sangong_item(text: str) -> str | None:
    s = _squash(text)
    if not s:
        return None
    if "出国" in s:
        return "因公出国（境）费"
    if "接待" in s:
        return "公务接待费"
    if "公务用车" in s:
        if "购置及" in s or ("购置" in s and "运行" in s):
            return "公务用车购置及运行维护费"
        if "购置" in s:
            return "公务用车购置费"
        if "运行" in s:
            return "公务用车运行维护费"
    if "三公" in s:
        return "三公经费"
    return None


# --------------------------------------------------------------------------------------------
# public entry point


def extract_facts(doc: Document) -> list[Fact]:
    """Every figure of `doc` as a Fact: table cells first (page order), then narrative sentences.

    See the module docstring for the subject / measure / unit / quote conventions."""
    unit = report_unit(doc)
    narrative = narrative_facts(doc)
    known: dict[tuple[str, float], set[str]] = {}
    for f in narrative:
        if f.measure in ("决算数", "预算数") and f.unit in AMOUNT_UNITS:
            known.setdefault((f.subject, round(f.value, 2)), set()).add(f.measure)
    facts: list[Fact] = []
    for page in doc.pages:
        for table in page.tables:
            facts.extend(table_facts(table, doc, default_unit=unit, known=known))
    facts.extend(narrative)
    return _dedupe(facts)


def report_unit(doc: Document) -> str:
    """The report's 金额单位 (most often printed), else 万元."""
    counts: dict[str, int] = {}
    for p in doc.pages:
        for t in p.tables:
            if t.unit:
                counts[t.unit] = counts.get(t.unit, 0) + 1
        for m in re.finditer(r"单\s*位\s*[：:]\s*(亿元|万元|千元|元)", p.text):
            counts[m.group(1)] = counts.get(m.group(1), 0) + 1
    return max(counts, key=counts.get) if counts else DEFAULT_UNIT


def _dedupe(facts: Iterable[Fact]) -> list[Fact]:
    seen: set[tuple] = set()
    out = []
    for f in facts:
        key = (f.subject, f.measure, round(f.value, 6), f.unit, f.quote, f.table, f.page, f.lines)
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out


# --------------------------------------------------------------------------------------------
# tables: rows and tokens


@dataclass
class _Tok:
    """One cell of a row: kind "code" / "num" / "label"; col = its cell index when cells are kept."""

    kind: str
    text: str
    col: int | None = None
    value: float = 0.0
    is_int: bool = False


@dataclass
class _Row:
    """A logical table row (a row wrapped over several text lines is joined)."""

    cells: list[tuple[int, str]]  # (cell index, text), non-empty cells only
    quote: str
    page: int | None
    lines: tuple[int, int] | None


@dataclass
class _Segment:
    """A row's label (科目) with its code and figures; side-by-side tables give several per row."""

    row: _Row
    label: str = ""
    code: str | None = None
    label_col: int | None = None
    nums: list[_Tok] = field(default_factory=list)
    panel: int | None = None
    rowno_done: bool = False
    complete: bool = True  # some placement satisfies the row identities (no figure missing)


@dataclass
class _Column:
    """An amount column: its measure, the item it names (三公 tables), and the cell indices it covers."""

    measure: str
    subject: str | None = None
    cells: frozenset[int] = frozenset()


_NUM_CELL_RE = re.compile(r"^[-−]?\d{1,3}(?:,\s?\d{3})+(?:\.\s?\d+)?$|^[-−]?\d+(?:\.\s?\d+)?$")
_PCT_CELL_RE = re.compile(r"^[-−]?\d+(?:\.\d+)?\s?%$")
_CODE_RE = re.compile(r"^\d{3}(?:\d{2}){0,2}$")


def _cell_number(text: str) -> tuple[float, bool] | None:
    s = text.strip().replace("−", "-")
    if _NUM_CELL_RE.match(s):
        return float(_squash(s).replace(",", "")), "." not in s and "," not in s
    if _PCT_CELL_RE.match(s):
        return float(_squash(s).rstrip("%")), False
    return None


def _is_amount_cell(text: str) -> bool:
    parsed = _cell_number(text)
    return parsed is not None and not parsed[1]


def _is_label(text: str) -> bool:
    return bool(_CJK_RE.search(text))


def _row_tokens(cells: Sequence[tuple[int, str]]) -> list[_Tok]:
    """Cells -> tokens: 科目编码 (3/5/7 digits, or a PDF's split 类/款/项 cells, before a label), figures, labels."""
    toks: list[_Tok] = []
    items = [(j, c.strip()) for j, c in cells if c.strip()]
    i = 0
    while i < len(items):
        j, c = items[i]
        sq = _squash(c)
        nxt = items[i + 1][1] if i + 1 < len(items) else ""
        # split code: 201 | 06 | 01 | 行政运行
        if re.fullmatch(r"\d{3}", sq) and i + 1 < len(items) and re.fullmatch(r"\d{2}", _squash(nxt)):
            parts = [sq]
            k = i + 1
            while k < len(items) and len(parts) < 3 and re.fullmatch(r"\d{2}", _squash(items[k][1])):
                parts.append(_squash(items[k][1]))
                k += 1
            if k < len(items) and _is_label(items[k][1]) and is_subject_code("".join(parts)):
                toks.append(_Tok("code", "".join(parts), j))
                i = k
                continue
        if _CODE_RE.match(sq) and is_subject_code(sq) and _is_label(nxt):
            toks.append(_Tok("code", sq, j))
        elif re.fullmatch(r"0\d+", sq) or (len(sq) >= 5 and _CODE_RE.match(sq) and is_subject_code(sq)):
            pass  # a unit code (`046001`) or a 科目编码 out of place: not a figure
        elif (parsed := _cell_number(c)) is not None:
            toks.append(_Tok("num", c, j, parsed[0], parsed[1]))
        elif _is_label(c):
            toks.append(_Tok("label", sq, j))
        i += 1
    return toks


def _is_data_row(cells: Sequence[str]) -> bool:
    texts = [c for c in cells if c.strip()]
    if not texts or any("栏次" in _squash(c) for c in texts):
        return False
    if any(_is_amount_cell(c) for c in texts):
        return True
    toks = _row_tokens(list(enumerate(texts)))
    if any(t.kind == "code" for t in toks):
        return True
    labels = [t for t in toks if t.kind == "label" and t.text not in _LABEL_WORDS and t.text not in _HEADER_NAMES]
    return bool(labels) and any(t.kind == "num" for t in toks)


def _cells_kept(table: Table, page: Page, doc: Document) -> bool:
    """PDF tables and tab-separated text rows keep their empty cells; space-separated rows do not."""
    if (doc.source or "").lower().endswith(".pdf") or (doc.path or "").lower().endswith(".pdf"):
        return True
    raw = page.text.split("\n")
    for ln in table.row_lines:
        if ln is not None and 0 <= ln - page.first_line < len(raw) and "\t" in raw[ln - page.first_line]:
            return True
    return False


def _starts_new(label: str) -> bool:
    """A label that begins a row of its own (an ordinal, or a total), never a wrapped name's end."""
    sq = _squash(label)
    return bool(_ORDINAL_RE.match(sq)) or sq.endswith(("合计", "总计")) or sq in ("上年结转", "结转下年")


def _logical_rows(table: Table, first: int, kept: bool) -> list[_Row]:
    """Body rows from index `first`; flattened text rows wrapped over several lines are joined
    (a 科目编码 alone, then name fragments, then the figures)."""
    groups: list[list[int]] = []
    for i in range(first, len(table.rows)):
        row = table.rows[i]
        if not any(c.strip() for c in row):
            continue
        if kept or not groups:
            groups.append([i])
            continue
        prev = [table.rows[k] for k in groups[-1]]
        prev_cells = [c for r in prev for c in r if c.strip()]
        code_only = len(prev_cells) == 1 and bool(_CODE_RE.match(_squash(prev_cells[0])))  # `2080505` alone
        prev_has_num = not code_only and any(t.kind == "num" for t in _row_tokens(list(enumerate(prev_cells))))
        toks = _row_tokens([(j, c) for j, c in enumerate(row) if c.strip()])
        starts_with_code = bool(toks) and toks[0].kind == "code"
        first_label = toks[0].text if toks and toks[0].kind == "label" else ""
        if (not prev_has_num and not starts_with_code and len(groups[-1]) < 6
                and not (first_label and _starts_new(first_label))):
            groups[-1].append(i)
        else:
            groups.append([i])
    rows = []
    for g in groups:
        cells: list[tuple[int, str]] = []
        for k in g:
            for j, c in enumerate(table.rows[k]):
                if not c.strip():
                    continue
                # a name wrapped onto the next line continues the last label
                if (not kept and cells and k != g[0] and j == next(jj for jj, cc in enumerate(table.rows[k]) if cc.strip())
                        and _is_label(cells[-1][1]) and _is_label(c) and not _starts_new(c)
                        and _cell_number(cells[-1][1]) is None):
                    cells[-1] = (cells[-1][0], cells[-1][1] + _squash(c))
                else:
                    cells.append((j, c))
        quote = " ".join(c for _, c in cells if _squash(c) not in _LABEL_WORDS)
        pages = [table.row_pages[k] for k in g if k < len(table.row_pages)]
        lines = [table.row_lines[k] for k in g if k < len(table.row_lines) and table.row_lines[k] is not None]
        pg = next((p for p in pages if p is not None), table.page)
        rows.append(_Row(cells, quote, pg, (min(lines), max(lines)) if lines else None))
    return rows


# --------------------------------------------------------------------------------------------
# tables: header -> columns


def _scan_names(text: str) -> list[tuple[int, str]]:
    """Header names (and label words) in `text` (spaces removed), longest first: (offset, name)."""
    vocab = sorted(set(_HEADER_NAMES) | set(_LABEL_WORDS), key=len, reverse=True)
    out = []
    i = 0
    while i < len(text):
        for v in vocab:
            if text.startswith(v, i):
                out.append((i, v))
                i += len(v)
                break
        else:
            i += 1
    return out


def _column_number_counts(header: Sequence[Sequence[str]]) -> tuple[list[int] | None, int | None]:
    """From a 栏次 row (`栏次 1 栏次 2 3 4 5`): amount columns per panel; from a bare `1 2 3 4 5` row:
    the number of numbered columns (labels included)."""
    for row in header:
        cells = [_squash(c) for c in row if c.strip()]
        if not cells:
            continue
        if any("栏次" in c for c in cells):
            counts: list[int] = []
            for c in cells:
                if "栏次" in c:
                    counts.append(0)
                    rest = c.replace("栏次", "")
                    if rest.isdigit():
                        counts[-1] += 1
                elif c.isdigit() and counts:
                    counts[-1] += 1
            return counts, None
        if len(cells) >= 2 and all(c.isdigit() for c in cells):
            vals = [int(c) for c in cells]
            if vals[0] <= 2 and all(b == a + 1 for a, b in zip(vals, vals[1:])):
                return None, len(vals)
    return None, None


def _flat_panels(header: Sequence[Sequence[str]], kind: str | None) -> list[list[_Column]]:
    """Amount columns of a flattened table, by panel, from the header text and the 栏次 row."""
    lines = [_squash("".join(c for c in row)).replace("-般", "一般") for row in header]
    text = "".join(lines)
    starts = []
    pos = 0
    for ln in lines:
        starts.append(pos)
        pos += len(ln)

    def line_of(offset: int) -> int:
        k = 0
        while k + 1 < len(starts) and starts[k + 1] <= offset:
            k += 1
        return k

    names = [(off, n, line_of(off)) for off, n in _scan_names(text)]
    panel_words = [n for _, n, _ in names if n in _PANEL_WORDS]
    repeated = next((w for w in panel_words if panel_words.count(w) > 1), None)
    panels: list[list[tuple[str, int]]] = []
    if repeated is None:
        panels.append([(n, ln) for _, n, ln in names if n in _HEADER_NAMES])
    else:
        for _, n, ln in names:
            if n == repeated:
                panels.append([])
            elif n in _HEADER_NAMES and panels:
                panels[-1].append((n, ln))
    out = []
    for p in panels:
        out.append(_resolve_groups(p))
    counts, numbered = _column_number_counts(header)
    if counts and len(counts) == len(out):
        fixed = []
        for cols, n in zip(out, counts):
            while len(cols) > n and any(c in _GROUP_NAMES for c in cols):
                k = next(i for i, c in enumerate(cols) if c in _GROUP_NAMES)
                cols = cols[:k] + cols[k + 1:]
            fixed.append(cols if len(cols) == n else [MEASURE_UNKNOWN] * n)
        out = fixed
    elif counts and len(out) == 1 and len(counts) == 1 and len(out[0]) != counts[0]:
        out = [[MEASURE_UNKNOWN] * counts[0]]
    return [[_Column(normalize_measure(n, kind) if n else MEASURE_UNKNOWN) for n in cols] for cols in out]


def _resolve_groups(names: list[tuple[str, int]]) -> list[str]:
    """Drop header names that span the columns under them: a group name directly followed by a total
    (`本年支出 小计 基本支出 项目支出`), or alone on its header line with a later line of two or more names,
    which then take its place (`年初结转和结余 本年收入 本年支出 年末结转和结余 / 小计 基本支出 项目支出`)."""
    out = list(names)
    i = 0
    while i < len(out):
        n, ln = out[i]
        if n in _GROUP_NAMES and i + 1 < len(out) and out[i + 1][0] in ("合计", "小计", "总计") and out[i + 1][1] == ln:
            out.pop(i)
            continue
        i += 1
    by_line: dict[int, list[int]] = {}
    for k, (_, ln) in enumerate(out):
        by_line.setdefault(ln, []).append(k)
    for ln in sorted(by_line, reverse=True):
        idxs = by_line[ln]
        if len(idxs) < 2:
            continue
        # nearest earlier lone group name
        lone = [k for k in range(idxs[0]) if out[k][0] in _GROUP_NAMES and len(by_line.get(out[k][1], [])) == 1]
        if not lone:
            continue
        g = lone[-1]
        sub = [out[k] for k in idxs]
        rest = [x for k, x in enumerate(out) if k not in idxs and k != g]
        insert_at = sum(1 for k in range(g) if k not in idxs)
        out = rest[:insert_at] + sub + rest[insert_at:]
        break
    return [n for n, _ in out]


def _span_fill(header: Sequence[Sequence[str]]) -> list[list[str]]:
    """Header cells with merged cells spread over the columns they span (a cell spans to the next
    non-empty cell of its row, within its parent's span)."""
    width = max((len(r) for r in header), default=0)
    filled: list[list[str]] = []
    parent_ends = [width] * width
    for row in header:
        row = list(row) + [""] * (width - len(row))
        out = [""] * width
        ends = [width] * width
        j = 0
        while j < width:
            if row[j].strip():
                k = j + 1
                while k < width and not row[k].strip() and k < parent_ends[j]:
                    k += 1
                for x in range(j, k):
                    out[x] = row[j]
                    ends[x] = k
                j = k
            else:
                ends[j] = parent_ends[j]
                j += 1
        filled.append(out)
        parent_ends = ends
    return filled


def _kept_panels(header: Sequence[Sequence[str]], kind: str | None) -> tuple[list[list[_Column]], list[int]]:
    """Amount columns of a table with kept cells, by panel, from each column's header cells; and the
    cell index where each panel starts."""
    if not header:
        return [], []
    width = max(len(r) for r in header)
    raw = [list(r) + [""] * (width - len(r)) for r in header]
    # side-by-side panels repeat their name header (项目 … 项目, 科目名称 … 科目名称)
    repeated: set[int] = set()
    for r in raw:
        cells = [_squash(c) for c in r]
        for w in _PANEL_WORDS:
            at = [j for j, c in enumerate(cells) if c == w]
            if len(at) > 1:
                repeated.update(at)
    panel_starts: list[int] = []
    for j in sorted(repeated):
        # a panel starts at its 科目编码 column when that is printed left of the name
        k = j
        while k > 0 and k - 1 not in panel_starts and k - 1 not in repeated and any(
                _squash(r[k - 1]) in _CODE_WORDS or _squash(r[k - 1]) in ("类", "款", "项") for r in raw):
            k -= 1
        if k not in panel_starts:
            panel_starts.append(k)
    if not panel_starts:
        panel_starts = [0]
    panels: list[list[_Column]] = [[] for _ in panel_starts]
    for j in range(width):
        p = max((k for k, s in enumerate(panel_starts) if s <= j), default=0)
        if any(_squash(r[j]) in _LABEL_WORDS or _squash(r[j]) in _CODE_WORDS for r in raw):
            continue  # a 科目编码 / 科目名称 / 行次 column
        # the lowest header cell naming a column is the column (本年支出 / 小计 -> 小计); a cell naming
        # two (`基本支出 项目支出`) gives two columns sharing the cell
        leaf_names: list[str] = []
        for r in range(len(raw) - 1, -1, -1):
            cell = _squash(raw[r][j])
            if not cell or cell in _LABEL_WORDS:
                continue
            found = [n for _, n in _scan_names(cell) if n in _HEADER_NAMES]
            if found:
                leaf_names = found
                break
        if not leaf_names:
            continue
        for n in leaf_names:
            panels[p].append(_Column(normalize_measure(n, kind), None, frozenset((j,))))
    return panels, panel_starts


_SANGONG_MEASURE_WORDS = {"预算数": "预算数", "本年预算数": "预算数", "全年预算数": "预算数", "决算数": "决算数"}


def _sangong_columns(header: Sequence[Sequence[str]], kept: bool, kind: str | None) -> list[_Column]:
    """Columns of a 三公经费 table: (item, 预算数 / 决算数) per column. Kept cells are read from their
    header (the most specific item above a column; 小计 is its group's total); a flattened table gets
    the national template (合计, 因公出国（境）费, 公务用车购置及运行维护费 (小计, 购置费, 运行维护费),
    公务接待费, for 预算数 and, when printed, 决算数)."""
    default = "预算数" if kind == "预算" else MEASURE_UNKNOWN
    if kept and header:
        width = max(len(r) for r in header)
        filled = _span_fill(header)
        grand = any(_squash(x) in ("会议费", "培训费") for row in header for x in row)
        cols = []
        for j in range(width):
            stack = [_squash(r[j]) for r in filled]
            measure = next((_SANGONG_MEASURE_WORDS[x] for x in stack if x in _SANGONG_MEASURE_WORDS), default)
            item = None
            for x in reversed(stack):
                if not x or x in _SANGONG_MEASURE_WORDS or x == "小计":
                    continue
                if x == "合计":
                    item = "合计" if grand else "三公经费"
                else:
                    item = _sangong_item(x) or (x if x in ("会议费", "培训费") else None)
                if item:
                    break
            if item:
                cols.append(_Column(measure, item, frozenset((j,))))
        if cols:
            return cols
    text = _squash("".join("".join(r) for r in header))
    measures = ["预算数", "决算数"] if "决算数" in text else ["预算数" if ("预算数" in text or kind == "预算") else default]
    return [_Column(m, it) for m in measures for it in _SANGONG_ITEMS]


def _identities(cols: Sequence[_Column]) -> list[tuple[int, list[int]]]:
    """Row identities among a panel's columns: (total, parts)."""
    out: list[tuple[int, list[int]]] = []
    if any(c.subject for c in cols):  # 三公 tables
        idx = {(c.subject, c.measure): k for k, c in enumerate(cols)}
        for m in {c.measure for c in cols}:
            t = idx.get(("三公经费", m))
            car = idx.get(("公务用车购置及运行维护费", m))
            parts = [idx.get((s, m)) for s in ("因公出国（境）费", "公务用车购置及运行维护费", "公务接待费")]
            if t is not None and all(p is not None for p in parts):
                out.append((t, [p for p in parts if p is not None]))
            sub = [idx.get((s, m)) for s in ("公务用车购置费", "公务用车运行维护费")]
            if car is not None and all(p is not None for p in sub):
                out.append((car, [p for p in sub if p is not None]))
            g = idx.get(("合计", m))
            extra = [idx.get((s, m)) for s in ("会议费", "培训费")]
            if g is not None and t is not None and all(p is not None for p in extra):
                out.append((g, [t] + [p for p in extra if p is not None]))
        return out
    names = [c.measure for c in cols]
    for t, n in enumerate(names):
        if n not in _TOTAL_MEASURES:
            continue
        if n == "本年支出" and not (t + 1 < len(names) and names[t + 1] == "基本支出"):
            continue
        parts = []
        for k in range(t + 1, len(names)):
            if names[k] in _TOTAL_MEASURES or names[k] in _STOP_MEASURES or not names[k]:
                break
            parts.append(k)
        if parts:
            out.append((t, parts))
    return out


# --------------------------------------------------------------------------------------------
# tables: placement


def _tol(n: int) -> float:
    return 0.006 + 0.0051 * n


def _vector(seg: _Segment, cand: tuple[int, ...], width: int) -> list[float]:
    v = [0.0] * width
    for tok, j in zip(seg.nums, cand):
        v[j] = tok.value
    return v


def _satisfies(v: Sequence[float], idents: Sequence[tuple[int, list[int]]]) -> bool:
    return all(abs(v[t] - sum(v[p] for p in parts)) <= _tol(len(parts)) for t, parts in idents)


def _candidates(seg: _Segment, cols: Sequence[_Column], kept: bool,
                idents: Sequence[tuple[int, list[int]]]) -> list[tuple[int, ...]]:
    """Order-preserving placements of a segment's figures over the columns, consistent with kept
    cell positions and (when any placement satisfies them) with the row identities."""
    n, k = len(cols), len(seg.nums)
    if k == 0 or k > n:
        return []
    allowed: list[set[int]] = []
    for tok in seg.nums:
        hit = {j for j, c in enumerate(cols) if tok.col is not None and tok.col in c.cells} if kept else set()
        allowed.append(hit or set(range(n)))
    cands = [c for c in combinations(range(n), k) if all(j in a for j, a in zip(c, allowed))]
    if not cands:
        cands = list(combinations(range(n), k))
    good = [c for c in cands if _satisfies(_vector(seg, c, n), idents)]
    seg.complete = bool(good) or not idents
    if not good and idents and k == n and not kept:
        return []  # every column filled and still inconsistent: the columns are not what the header says
    return good or cands


_TOTAL_ROW_LABELS = frozenset(("合计", "总计", "本年收入合计", "本年支出合计", "收入合计", "支出合计"))


def _corroborate(segs: Sequence[_Segment], cands: dict[int, list[tuple[int, ...]]],
                 panels: Sequence[Sequence[_Column]], known: dict[tuple[str, float], set[str]]) -> None:
    """Rows whose figures fit several columns keep the placements the narrative confirms: the figure
    under column X of a 合计 row is the report's X (`其中：基本支出131.09万元`), and the figure under a
    三公经费 table's item column is that item's 预算数 / 决算数 (`公务用车运行维护费4万元`)."""
    if not known:
        return
    for i, s in enumerate(segs):
        cs = cands.get(i) or []
        if len(cs) < 2 or s.panel is None:
            continue
        cols = panels[s.panel]
        by_item = any(c.subject for c in cols)
        if not by_item and (s.code or normalize_subject(s.label) not in _TOTAL_ROW_LABELS):
            continue

        def confirmed(tok: _Tok, col: _Column) -> bool:
            if col.subject:
                return col.measure in known.get((col.subject, round(tok.value, 2)), ())
            return any((name, round(tok.value, 2)) in known
                       for name in (col.measure, col.measure + "支出", col.measure + "收入"))

        def score(c: tuple[int, ...]) -> int:
            return sum(1 for tok, j in zip(s.nums, c) if confirmed(tok, cols[j]))

        best = max(score(c) for c in cs)
        if best > 0:
            cands[i] = [c for c in cs if score(c) == best]


def _solve_hierarchy(segs: Sequence[_Segment], cands: dict[int, list[tuple[int, ...]]], width: int) -> None:
    """Prune placements with the sums of the 科目 hierarchy: a parent row equals the sum of its children,
    column by column; 合计 equals the sum of the top-level rows. A group no placement satisfies is ignored."""
    by_code: dict[str, int] = {}
    for i, s in enumerate(segs):
        if s.code and s.code not in by_code:
            by_code[s.code] = i
    groups: list[tuple[int, list[int]]] = []
    for i, s in enumerate(segs):
        if not s.code:
            continue
        kids = [k for k, t in enumerate(segs) if t.code and t.code != s.code and t.code.startswith(s.code)
                and len(t.code) == len(s.code) + 2]
        # rows whose printed code only repeats this one (code column holds the parent's code)
        kids += [k for k, t in enumerate(segs) if k > i and t.code == s.code and by_code[s.code] == i]
        if kids:
            groups.append((i, kids))
    total = next((i for i, s in enumerate(segs) if not s.code and _squash(s.label) in ("合计", "总计")), None)
    coded = [s.code for s in segs if s.code]
    if total is not None and coded:
        top = min(len(c) for c in coded)
        kids = [k for k, s in enumerate(segs) if s.code and len(s.code) == top and by_code.get(s.code) == k]
        if kids:
            groups.append((total, kids))
    # 总计 = 本年…合计 + 结转 / 结余 rows (a 收支总表's last line)
    grand = next((i for i, s in enumerate(segs) if _squash(s.label).endswith("总计")), None)
    this_year = next((i for i, s in enumerate(segs) if re.fullmatch(r"本年(?:收入|支出)合计", _squash(s.label))), None)
    if grand is not None and this_year is not None:
        carry = [k for k, s in enumerate(segs) if re.search(r"结转|结余", s.label) and k not in (grand, this_year)]
        groups.append((grand, [this_year] + carry))
    if not coded:
        # 本年支出合计 = 一、… + 二、… (the class rows of a 收支总表)
        total = next((i for i, s in enumerate(segs) if _squash(s.label) in ("合计", "本年收入合计", "本年支出合计")), None)
        kids = [k for k, s in enumerate(segs) if re.match(r"^[一二三四五六七八九十]+[、.．]", s.label or "")]
        if total is not None and kids:
            groups.append((total, kids))
    for _ in range(4):
        changed = False
        for parent, kids in groups:
            members = [parent] + kids
            if any(not cands.get(m) or not segs[m].complete for m in members):
                continue  # a row with a figure missing from the print proves nothing about its column sums
            # zero propagation: a fully placed parent with an empty column forbids it to the children
            if len(cands[parent]) == 1:
                pv = _vector(segs[parent], cands[parent][0], width)
                for k in kids:
                    keep = [c for c in cands[k] if all(pv[j] != 0 or v == 0 for j, v in enumerate(_vector(segs[k], c, width)))]
                    if keep and len(keep) < len(cands[k]):
                        cands[k] = keep
                        changed = True
            size = 1
            for m in members:
                size *= len(cands[m])
            if size == 1 or size > 20000:
                continue
            ok: dict[int, set[tuple[int, ...]]] = {m: set() for m in members}
            tol = _tol(len(kids))
            vecs = {m: [(c, _vector(segs[m], c, width)) for c in cands[m]] for m in members}
            for combo in product(*(vecs[m] for m in members)):
                pv = combo[0][1]
                if all(abs(pv[j] - sum(x[1][j] for x in combo[1:])) <= tol for j in range(width)):
                    for m, (c, _) in zip(members, combo):
                        ok[m].add(c)
            if not ok[parent]:
                continue
            for m in members:
                keep = [c for c in cands[m] if c in ok[m]]
                if len(keep) < len(cands[m]):
                    cands[m] = keep
                    changed = True
        if not changed:
            break


def _segments(row: _Row, has_rowno: bool, panel_starts: Sequence[int], kept: bool) -> list[_Segment]:
    toks = _row_tokens(row.cells)
    segs: list[_Segment] = []
    cur: _Segment | None = None

    def panel_of(col: int | None) -> int | None:
        if not kept or col is None or len(panel_starts) < 2:
            return None
        return max((k for k, s in enumerate(panel_starts) if s <= col), default=0)

    for t in toks:
        if t.kind == "code":
            cur = _Segment(row, code=t.text, label_col=t.col, panel=panel_of(t.col))
            segs.append(cur)
        elif t.kind == "label":
            new_panel = panel_of(t.col)
            if (cur is None or cur.nums or cur.rowno_done or (cur.label and (_starts_new(t.text) or not kept))
                    or (kept and new_panel is not None and cur.panel is not None and new_panel != cur.panel)):
                if cur is not None and cur.code and not cur.label and not cur.nums:
                    cur.label = t.text
                    cur.panel = new_panel if new_panel is not None else cur.panel
                    continue
                cur = _Segment(row, label=t.text, label_col=t.col, panel=new_panel)
                segs.append(cur)
            else:
                cur.label = cur.label + t.text if cur.label else t.text
                if cur.label_col is None:
                    cur.label_col = t.col
        else:
            if cur is None:
                if has_rowno and t.is_int and t.value < 200:
                    continue  # 行次 of an empty left side
                cur = _Segment(row, panel=panel_of(t.col))
                segs.append(cur)
            elif kept and panel_of(t.col) is not None and cur.panel is not None and panel_of(t.col) != cur.panel:
                # a figure under another side's column has no label of its own in this row
                cur = _Segment(row, panel=panel_of(t.col))
                segs.append(cur)
            if has_rowno and t.is_int and t.value < 200 and not cur.nums:
                if (cur.label or cur.code) and not cur.rowno_done:
                    cur.rowno_done = True
                    continue
                if cur.rowno_done:
                    # the next side's 行次 with an empty label: its figures start a segment of their own
                    cur = _Segment(row, rowno_done=True)
                    segs.append(cur)
                    continue
            cur.nums.append(t)
    return segs


def _fit_quote(seg: _Segment, tok: _Tok, page_text: str) -> str:
    """The row as printed; when the page text has the row's cells apart (a PDF cell wrapped over
    lines), the segment's label with the figure, else the figure alone — always verbatim."""
    for q in (seg.row.quote, f"{seg.code or ''} {seg.label} {tok.text}".strip(), f"{seg.label} {tok.text}", tok.text):
        if q and _squash(q) in page_text:
            return q
    return seg.row.quote


def _is_expense(label: str) -> bool:
    s = _squash(label)
    return "支出" in s or any(w in s for w in ("结余分配", "年末", "结转下年"))


def table_facts(table: Table, doc: Document, *, default_unit: str | None = None,
                known: dict[tuple[str, float], set[str]] | None = None) -> list[Fact]:
    """One Fact per figure of `table` (see the module docstring for placement rules).

    `known` maps (subject, value) to the measures the narrative states it with (("基本支出", 131.09) ->
    {"决算数"}): a 合计 row or 三公 row whose figures fit several columns takes the placement those
    statements confirm (`extract_facts` passes the report's own narrative)."""
    page = next((p for p in doc.pages if table in p.tables), doc.pages[0] if doc.pages else None)
    if page is None:
        return []
    kept = _cells_kept(table, page, doc)
    first = next((i for i, r in enumerate(table.rows) if _is_data_row(r)), len(table.rows))
    header = table.rows[:first]
    rows = _logical_rows(table, first, kept)
    if not rows:
        return []
    unit = table.unit or default_unit or DEFAULT_UNIT
    header_text = _squash("".join("".join(r) for r in header))
    has_rowno = "行次" in header_text or re.search(r"(?:^|\D)行(?:\D|$)", "".join(
        _squash(c) + "|" for r in header for c in r)) is not None
    sangong = "三公" in _squash(table.title) and not any(
        _CODE_RE.match(_squash(c)) for r in table.rows[first:] for c in r if c.strip())
    if sangong:
        panels = [_sangong_columns(header, kept, doc.kind)]
        panel_starts: list[int] = [0]
    elif kept:
        panels, panel_starts = _kept_panels(header, doc.kind)
        if not any(panels):
            panels, panel_starts = _flat_panels(header, doc.kind), [0]
    else:
        panels, panel_starts = _flat_panels(header, doc.kind), [0]
    panels = [p for p in panels if p] or [[]]
    segs: list[_Segment] = []
    same = all([c.measure for c in p] == [c.measure for c in panels[0]] for p in panels)
    for row in rows:
        group = _segments(row, has_rowno, panel_starts if kept else [0], kept)
        # which panel each segment belongs to
        for k, s in enumerate(group):
            if s.panel is not None and s.panel < len(panels):
                continue
            if len(panels) == 1 or same:
                s.panel = min(k, len(panels) - 1)
            elif len(group) == len(panels):
                s.panel = k
            elif len(panels) == 2:
                s.panel = 1 if _is_expense(s.label) else 0
            else:
                fits = [p for p, cols in enumerate(panels) if len(cols) >= len(s.nums)]
                alike = fits and all([c.measure for c in panels[p]] == [c.measure for c in panels[fits[0]]] for p in fits)
                s.panel = fits[0] if alike else None
        segs.extend(s for s in group if s.nums)
    cands: dict[int, list[tuple[int, ...]]] = {}
    for i, s in enumerate(segs):
        cols = panels[s.panel] if s.panel is not None else []
        cands[i] = _candidates(s, cols, kept, _identities(cols)) if cols else []
    # a flattened table whose rows mostly contradict its own header identities: the header was misread
    checked = [s for s in segs if len(s.nums) >= 2 and s.panel is not None and _identities(panels[s.panel])]
    if not kept and checked and sum(not s.complete for s in checked) > len(checked) / 2:
        logger.debug("%s: header columns do not fit the rows; figures kept row-level", table.title)
        cands = {i: [] for i in cands}
    _corroborate(segs, cands, panels, known or {})
    if not sangong:
        for p, cols in enumerate(panels):
            idx = [i for i, s in enumerate(segs) if s.panel == p]
            local = {k: cands[i] for k, i in enumerate(idx)}
            _solve_hierarchy([segs[i] for i in idx], local, len(cols))
            for k, i in enumerate(idx):
                cands[i] = local[k]
    # codes that only repeat the parent row's code are not this row's code
    first_code: dict[str, int] = {}
    for i, s in enumerate(segs):
        if s.code and s.code not in first_code:
            first_code[s.code] = i
    page_text = {p.number: _squash(p.text) for p in doc.pages}
    out: list[Fact] = []
    two_sided = len(panels) == 2 and not same or (len(panels) == 2 and "收入" in header_text and "支出" in header_text)
    for i, s in enumerate(segs):
        cols = panels[s.panel] if s.panel is not None else []
        label = normalize_subject(s.label) if s.label else ""
        if label in ("总计",) and two_sided:
            label = "支出总计" if s.panel == 1 else "收入总计"
        code = s.code if s.code and first_code.get(s.code) == i else None
        cs = cands.get(i) or []
        for n, tok in enumerate(s.nums):
            placed = {c[n] for c in cs}
            col = cols[placed.pop()] if len(placed) == 1 else None
            subject = col.subject if col is not None and col.subject else ("三公经费" if sangong else label)
            if not subject:
                continue
            measure = col.measure if col is not None else MEASURE_UNKNOWN
            unit_ = "%" if tok.text.strip().endswith("%") else unit
            quote = _fit_quote(s, tok, page_text.get(s.row.page if s.row.page in page_text else None, ""))
            out.append(Fact(doc.doc_id, subject, measure, tok.value, unit_, quote, table=table.title or None,
                            subject_code=code, page=s.row.page, lines=s.row.lines))
    return out


# --------------------------------------------------------------------------------------------
# narrative: sentences


@dataclass(frozen=True)
class Sentence:
    """A narrative sentence: text with whitespace removed (`text`), as quoted (`quote`), and where."""

    text: str
    quote: str
    page: int | None
    lines: tuple[int, int] | None
    heading: bool = False


#: longer runs without a sentence end are split at line breaks
MAX_SENTENCE = 300
_HEADING_RE = re.compile(r"^\s*(?:第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+\s*[、.．]|[（(]\s*[一二三四五六七八九十]+\s*[)）])")
_END_CHARS = "。；;！？!?"


def _masked_lines(page: Page) -> set[int]:
    """Page-relative line indices of table rows (text files), so table figures stay table facts."""
    out: set[int] = set()
    for t in page.tables:
        lines = [ln for ln in t.row_lines if ln is not None]
        if lines:
            out.update(range(min(lines) - page.first_line, max(lines) - page.first_line + 1))
    return out


def _pdf_table_spans(page: Page, squashed: str) -> list[tuple[int, int]]:
    """Squashed-text spans of the page's table rows (PDFs)."""
    spans = []
    pos = 0
    for t in page.tables:
        for r, pg in zip(t.rows, t.row_pages or [page.number] * len(t.rows)):
            if pg not in (None, page.number):
                continue
            q = _squash("".join(r))
            if len(q) < 4:
                continue
            k = squashed.find(q, pos)
            if k < 0:
                k = squashed.find(q)
            if k >= 0:
                spans.append((k, k + len(q)))
                pos = k + len(q)
    return spans


def page_sentences(page: Page, doc: Document) -> list[Sentence]:
    """The page's narrative split into sentences (at 。；！？ and around heading lines), table rows left out."""
    raw_lines = page.text.split("\n")
    masked = set() if _is_pdf(doc) else _masked_lines(page)
    chars: list[str] = []
    line_of: list[int] = []
    stops: set[int] = set()  # squashed offsets before which a sentence must end
    gaps: set[int] = set()  # squashed offsets where a space separated two digits
    for li, ln in enumerate(raw_lines):
        if li in masked:
            stops.add(len(chars))
            continue
        heading = bool(_HEADING_RE.match(ln)) and "。" not in ln and len(_squash(ln)) <= 40
        if heading:
            stops.add(len(chars))
        spaced = False
        for ch in ln:
            if ch.isspace():
                spaced = True
                continue
            if spaced and chars and chars[-1].isdigit() and ch.isdigit() and line_of[-1] == li:
                gaps.add(len(chars))  # `6.26 6.26` stays two figures
            spaced = False
            chars.append(ch)
            line_of.append(li)
        if heading:
            stops.add(len(chars))
    squashed = "".join(chars)
    drop = [False] * len(chars)
    if _is_pdf(doc) and page.tables:
        for a, b in _pdf_table_spans(page, squashed):
            for x in range(a, b):
                drop[x] = True
            stops.add(a)
            stops.add(b)
    out: list[Sentence] = []
    start = 0
    for i in range(len(chars) + 1):
        end_here = i == len(chars) or i in stops or (i > 0 and chars[i - 1] in _END_CHARS)
        if not end_here or i <= start:
            if i in stops:
                start = max(start, i) if i <= start else start
            continue
        idx = [k for k in range(start, i) if not drop[k]]
        if idx and len(idx) > MAX_SENTENCE and len({line_of[k] for k in idx}) > 1:
            # table residue run together (no sentence ends): one piece per line
            pieces: list[list[int]] = []
            for k in idx:
                if pieces and line_of[pieces[-1][-1]] == line_of[k]:
                    pieces[-1].append(k)
                else:
                    pieces.append([k])
        else:
            pieces = [idx] if idx else []
        for idx in pieces:
            text = "".join((" " if k in gaps and k != idx[0] else "") + chars[k] for k in idx)
            first, last = line_of[idx[0]], line_of[idx[-1]]
            out.append(Sentence(text, _quote_of(raw_lines, first, last, _squash(text)), page.number if page.number else None,
                                (page.first_line + first, page.first_line + last) if not _is_pdf(doc) else None,
                                heading=start in stops and i in stops and bool(_HEADING_RE.match(text))))
        start = i
    return out


def _quote_of(raw_lines: Sequence[str], first: int, last: int, text: str) -> str:
    """The sentence as printed: its lines joined without line breaks, trimmed to the sentence."""
    joined = "".join(raw_lines[first:last + 1])
    # locate the squashed sentence in the joined lines and cut there
    pos = [k for k, ch in enumerate(joined) if not ch.isspace()]
    sq = "".join(joined[k] for k in pos)
    a = sq.find(text)
    if a < 0:
        return text
    s = joined[pos[a]: pos[a + len(text) - 1] + 1]
    return _WS_RE.sub(" ", s).strip()


def _is_pdf(doc: Document) -> bool:
    return (doc.source or "").lower().endswith(".pdf") or (doc.path or "").lower().endswith(".pdf")


# --------------------------------------------------------------------------------------------
# narrative: subjects and cues

#: canonical item -> aliases (regexes over text with whitespace removed)
NARRATIVE_SUBJECTS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("财政拨款收支总计", (r"财政拨款收、?支(?:决算|预算)?总计", r"财政拨款收、?支总(?:预算)?")),
    ("收支总计", (r"收入、支出(?:决算|预算)?总计", r"收、支(?:决算|预算)?总计", r"收支(?:决算|预算)?总计")),
    ("收入总计", (r"(?:部门预算)?收入(?:预算)?总计",)),
    ("支出总计", (r"支出(?:预算)?总计",)),
    ("收入合计", (r"(?:本年)?收入(?:预算)?合计",)),
    ("支出合计", (r"(?:本年)?支出(?:预算)?合计",)),
    ("一般公共预算财政拨款收入", (r"一般公共预算(?:财政)?拨款收入",)),
    ("政府性基金预算财政拨款收入", (r"政府性基金预算(?:财政)?拨款收入",)),
    ("国有资本经营预算财政拨款收入", (r"国有资本经营预算(?:财政)?拨款收入",)),
    ("财政拨款收入", (r"财政拨款收入",)),
    ("上级补助收入", (r"上级补助收入",)),
    ("事业收入", (r"事业收入",)),
    ("经营收入", (r"(?:事业单位)?经营收入",)),
    ("附属单位上缴收入", (r"附属单位上缴收入",)),
    ("其他收入", (r"其他收入",)),
    ("年初结转和结余", (r"年初(?:财政拨款)?结转和结余",)),
    ("年末结转和结余", (r"年末(?:财政拨款)?结转和结余",)),
    ("用事业基金弥补收支差额", (r"用事业基金弥补收支差额",)),
    ("一般公共预算财政拨款基本支出", (r"一般公共预算(?:财政)?(?:拨款)?基本支出",)),
    ("一般公共预算财政拨款项目支出", (r"一般公共预算(?:财政)?(?:拨款)?项目支出",)),
    ("一般公共预算财政拨款支出", (r"一般公共预算(?:财政)?(?:拨款)?支出",)),
    ("政府性基金预算财政拨款支出", (r"政府性基金预算(?:财政)?(?:拨款)?支出",)),
    ("国有资本经营预算财政拨款支出", (r"国有资本经营预算(?:财政)?(?:拨款)?支出",)),
    ("基本支出", (r"基本支出",)),
    ("项目支出", (r"项目支出",)),
    ("上缴上级支出", (r"上缴上级支出",)),
    ("经营支出", (r"(?:事业单位)?经营支出",)),
    ("对附属单位补助支出", (r"对附属单位补助支出",)),
    ("人员经费", (r"人员经费",)),
    ("公用经费", (r"公用经费",)),
    ("三公经费", (r"[“\"]?三公[”\"]?经费",)),
    ("因公出国（境）费", (r"因公出国[（(]境[)）](?:经费|费用|费)",)),
    ("公务用车购置及运行维护费", (r"公务用车购置及运行(?:维护)?费",)),
    ("公务用车购置费", (r"公务用车购置费",)),
    ("公务用车运行维护费", (r"公务用车运行(?:维护)?费",)),
    ("公务接待费", (r"公务接待费",)),
    ("机关运行经费", (r"机关运行经费(?:支出)?",)),
    ("政府采购货物", (r"政府采购货物(?:支出|类)?", r"货物类")),
    ("政府采购工程", (r"政府采购工程(?:支出|类)?", r"工程类")),
    ("政府采购服务", (r"政府采购服务(?:支出|类)?", r"服务类")),
    ("政府采购", (r"(?:纳入)?政府采购(?:预算)?(?:支出)?(?:总额|合计)", r"政府采购支出")),
    ("授予中小企业合同金额", (r"授予中小企业合同金额",)),
    ("授予小微企业合同金额", (r"授予小微企业合同金额",)),
    ("公务用车", (r"公务用车保有量", r"公务用车")),
    ("一般公务用车", (r"一般公务用车",)),
    ("执法执勤用车", (r"(?:一般)?执法执勤用车",)),
    ("车辆", (r"(?:共有)?车辆",)),
    ("编制", (r"(?:总)?编制(?:人数)?", r"编制人员")),
    ("实有人员", (r"(?:在职)?实有(?:人员|人数)",)),
    ("离退休人员", (r"离退休人员",)),
    ("公务接待", (r"接待(?:国内)?来访团组", r"来宾", r"(?:国内)?公务接待(?:团组|批次)")),
    ("因公出国（境）", (r"(?:因公)?出国[（(]境[)）]团组",)),
    ("绩效自评项目", (r"涉及项目",)),
    ("编制范围单位", (r"编制范围的?单位",)),
)
#: words an item name may carry after it (`“三公”经费财政拨款支出`, `政府采购支出总额`)
_SUBJECT_SUFFIX = r"(?:财政拨款支出|财政拨款|支出总额|支出预算|支出|总额|预算)?"
_SUBJECT_RES = [(canon, re.compile(f"(?:{'|'.join(aliases)}){_SUBJECT_SUFFIX}$")) for canon, aliases in NARRATIVE_SUBJECTS]

_YEAR_PREFIX_RE = re.compile(r"(?:截至|截止)?(?:19|20)\d{2}年(?:度|底|末)?(?:\d{1,2}月(?:\d{1,2}日)?)?")
_FILLERS_LEAD = ("其中", "全年", "共计", "合计为", "共有", "共", "累计", "主要用于", "用于", "本部门", "本单位", "我部门（单位）",
                 "部门预算中", "部门决算中", "预算中", "决算中", "纳入", "本年度", "本年",

                 "我部门(单位)", "部门（单位）", "部门(单位)", "我部门", "我单位", "我局", "本局", "部门", "单位", "包括", "当年预算",
                 "安排", "全年预算安排", "使用财政拨款开支的", "开支财政拨款的", "使用", "中", "及", "和")
_FILLERS_TAIL = ("各", "均为", "为", "是", "达", "达到", "约", "共计", "共", "了")
_BAD_START = tuple("由对按在从将把被比与较是有如等向为")
_ASIDE_RE = re.compile(r"(?<=部门)[（(]单位[）)]")
_SKIP_BEFORE_RE = re.compile(r"(?:[≥≤≧≦<>＞＜—～~]|大于或等于|大于等于|小于或等于|小于等于|不低于|不高于|不少于|不超过|以上|以下|超过|低于|高于|区间)$|\d[-至]$")
_SKIP_AFTER_RE = re.compile(r"^(?:以上|以下|（含）|\(含\)|左右|/|／)")
#: a count unit that is the first character of the next word (`1,310,925.84 项目支出`) is no unit
_NOT_UNIT_RE = re.compile(r"^(?:目|称|庭|人|账)")

#: (regex on the words before a figure, measure, sign, only for "%" / "amount" figures), tried in order
_CUES: tuple[tuple[re.Pattern[str], str, int, str | None], ...] = (
    (re.compile(r"完成年初预算(?:数)?的?$"), "执行率", 1, "%"),
    (re.compile(r"完成(?:全年)?预算(?:数)?的?$"), "完成预算率", 1, "%"),
    (re.compile(r"(?:预算)?执行率(?:为|达|是)?$"), "执行率", 1, "%"),
    (re.compile(r"占[^，。；：:]*$"), "占比", 1, "%"),
    (re.compile(r"增加[（(]减少[)）]$"), "增减额", 1, None),
    (re.compile(r"(?:增加|增长|上升|提高|增多)了?$"), "增减额", 1, None),
    (re.compile(r"(?:减少|下降|降低|压减|缩减|减幅)了?$"), "增减额", -1, None),
    (re.compile(r"年初预算(?:数)?(?:为|是)?$"), "年初预算数", 1, "amount"),
    (re.compile(r"全年预算(?:数)?(?:为|是)?$"), "全年预算数", 1, "amount"),
    (re.compile(r"(?:实际)?执行(?:数|金额)?(?:为|是)?$"), "执行数", 1, "amount"),
    (re.compile(r"(?:支出)?决算(?:数)?(?:为|是)?$"), "决算数", 1, "amount"),
    (re.compile(r"上年(?:预算|决算)?数?(?:为|是)?$"), "上年数", 1, "amount"),
    (re.compile(r"调整(?:后的?)?预算(?:数)?(?:为|是)?$"), "全年预算数", 1, "amount"),
    (re.compile(r"预算(?:数)?(?:为|是)?$"), "预算数", 1, "amount"),
)
_DELIMS = "，,；;：:。、①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
#: a sentence ending in a 科目 label (`5.卫生健康支出(类)医疗救助(款)城乡医疗救助(项)。`): the next sentence is about it
_ITEM_LABEL_RE = re.compile(r"(?:^|[：:])(?P<label>[^，。；：:]*[（(]类[)）][^，。；：:]*[（(][项款][)）])。?$")
_PROJECT_RE = re.compile(
    r"^(?:\d+[.、．])?(?P<name>[^：:，。；]+?)(?:项目)?(?:绩效自评综述|绩效自评|自评综述)?[：:](?:项目)?全年预算数?"
)
_NONE_SANGONG_RE = re.compile(r"(?:无|未发生|未安排|没有)[^，。；]{0,12}?[“\"]?三公[”\"]?经费")
_NONE_PROCUREMENT_RE = re.compile(r"(?:无|未发生|未安排|没有)[^，。；]{0,6}?政府采购")


#: funding sources printed before an item (一般公共预算“三公”经费): no qualifier of the item
_SOURCE_PREFIXES = ("一般公共预算财政拨款安排", "一般公共预算财政拨款", "一般公共预算拨款安排", "一般公共预算安排", "一般公共预算",
                    "财政拨款安排", "财政拨款")


def _strip_prefix(s: str, doc: Document, fillers: Sequence[str] = ()) -> str:
    """Leading years, the department / region name, list ordinals and filler words removed."""
    fillers = tuple(fillers) + _FILLERS_LEAD
    prev = None
    names = [n for n in (doc.department, doc.region) if n]
    while prev != s:
        prev = s
        s = _YEAR_PREFIX_RE.sub("", s, count=1) if _YEAR_PREFIX_RE.match(s) else s
        s = _ORDINAL_RE.sub("", s)
        for n in names:
            if s.startswith(n):
                s = s[len(n):]
        s = re.sub(r"^[（(](?:汇总|本级|合并)[)）]", "", s)
        for f in fillers:
            if s.startswith(f):
                s = s[len(f):]
    return s


def _strip_tail(s: str) -> str:
    prev = None
    while prev != s:
        prev = s
        for f in _FILLERS_TAIL:
            if s.endswith(f) and len(s) > len(f):
                s = s[: -len(f)]
    return s


def _cue(lead: str, unit_kind: str) -> tuple[str | None, int, str]:
    """(measure, sign, lead without the cue) from the words just before a figure."""
    for rx, measure, sign, only in _CUES:
        if only == "%" and unit_kind != "percent":
            continue
        if only == "amount" and unit_kind != "amount":
            continue
        m = rx.search(lead)
        if m:
            if measure == "增减额" and unit_kind == "percent":
                measure = "增减率"
            return measure, sign, lead[: m.start()]
    return None, 1, lead


#: items that never take a qualifier printed before them
_UNQUALIFIED = frozenset(("车辆", "实有人员", "公务接待", "因公出国（境）", "绩效自评项目", "编制范围单位", "收支总计", "财政拨款收支总计"))
_GENERIC_STOP = frozenset(("项目", "资金", "金额", "其中", "合计", "总额", "共计", "支出", "经费", "预算", "决算", "收入", "涉及"))
_BAD_END = tuple("对向在为从由和及与的中")


def _subject_of(lead: str, doc: Document) -> tuple[str | None, str | None]:
    """(subject, 科目编码) named at the end of `lead` (the cue already removed), or (None, None).

    A `NARRATIVE_SUBJECTS` name ending the lead wins (with a short qualifier printed before it kept:
    `货物采购` + `授予中小企业合同金额`); else the phrase after the last delimiter, tidied."""
    lead = _ASIDE_RE.sub("", lead)  # `本部门（单位）` names the reporting body, not an item
    s = _strip_tail(lead)
    if _LEVEL_RE.search(s) and _deepest_level(s):
        marker = _LEVEL_RE.search(s).start()
        start = max(s.rfind(d, 0, marker) for d in _DELIMS)
        sub = normalize_subject(s[start + 1:])
        if sub:
            return sub, None
    best: tuple[str, int] | None = None
    for canon, rx in _SUBJECT_RES:
        mm = rx.search(s)
        if mm and mm.end() > mm.start() and (best is None or mm.start() < best[1]):
            best = (canon, mm.start())
    if best is not None:
        canon, start = best
        cut = max(s.rfind(d, 0, start) for d in _DELIMS)
        qual = _strip_prefix(s[cut + 1:start], doc, _SOURCE_PREFIXES)
        # an organisation named before the item (省检察院本年…) is no qualifier
        qual = _strip_prefix(re.sub(r"^.*(?:局|院|厅|委员会|办公室|中心)(?:[（(]汇总[)）])?", "", qual), doc, _SOURCE_PREFIXES)
        if not qual or qual.endswith(("的", "单位")) or canon in _UNQUALIFIED:
            return canon, None
        if len(qual) <= 6 and not re.search(r"\d", qual) and not qual.startswith(_BAD_START):
            return qual + canon, None
        # a long phrase ending in an item name (政府购买服务预算支出合计) is an item of its own
    cut = max(s.rfind(d) for d in _DELIMS)
    tail = _strip_prefix(s[cut + 1:], doc)
    code = None
    cm = re.match(r"^(\d{3}(?:\d{2}){0,2})(?=[\u4e00-\u9fff])", tail)
    if cm and is_subject_code(cm.group(1)):
        code, tail = cm.group(1), tail[cm.end():]
    tail = normalize_subject(re.sub(r"[（(]含[)）]", "", tail)) if tail else ""
    if len(tail) > 4 and tail.endswith("项目"):
        tail = tail[:-2]
    if (tail in _GENERIC_STOP or len(tail) < 2 or len(tail) > 24 or not _CJK_RE.match(tail)
            or tail.startswith(_BAD_START) or tail.endswith(_BAD_END) or "原因" in tail
            or (re.search(r"\d", tail) and not re.search(r"\d+万元以上", tail))):
        return None, code
    return tail, code


def _unit_kind(n: Number) -> str | None:
    if n.unit == "%":
        return "percent"
    if n.unit in AMOUNT_UNITS:
        return "amount"
    if n.unit in COUNT_MEASURES:
        return "count"
    return None


def _context_subject(sent: Sentence, prev: Sentence | None) -> tuple[str | None, str]:
    """The item a sentence is about when its figures name none: a 项目自评 project name opening the
    sentence, or the 科目 label sentence just before it. Returns (subject, quote prefix)."""
    m = _PROJECT_RE.match(sent.text)
    if m:
        name = m.group("name")
        name = re.sub(r"(?:项目)?(?:绩效自评综述|绩效自评|自评综述)$", "", name)
        name = re.sub(r"项目$", "", name)
        name = _ORDINAL_RE.sub("", name)
        if name:
            return name, ""
    m = _ITEM_LABEL_RE.search(prev.text) if prev is not None else None
    if m:
        # the label is quoted with the sentence when both are on the same page
        return normalize_subject(m.group("label")), (prev.quote + " " if prev.page == sent.page else "")
    return None, ""


#: a sentence that opens with a cue goes on about the previous sentence's item (`完成年初预算的100%。`)
_CONTINUATION_RE = re.compile(r"^(?:完成|比|较|同比|增长|增加|减少|下降|降低|占)")


def sentence_facts(sent: Sentence, doc: Document, prev: Sentence | None = None,
                   prev_subject: str | None = None, continues: str | None = None) -> list[Fact]:
    """Facts stated in one narrative sentence (see the module docstring).

    `prev` is the sentence before it, `prev_subject` the first item that sentence stated, `continues`
    the last item of the previous sentence (taken when this one opens with a cue: `完成年初预算的100%`)."""
    text = sent.text
    default = "预算数" if doc.kind == "预算" else "决算数"
    ctx, prefix = _context_subject(sent, prev)
    if ctx is None and continues and _CONTINUATION_RE.match(text):
        ctx = continues
    current: str | None = None
    current_code: str | None = None
    out: list[Fact] = []
    last_end = 0
    used_ctx = False
    for n in find_numbers(text):
        kind = _unit_kind(n)
        if kind is None or n.kind in ("year", "code", "ordinal"):
            continue
        lead = text[last_end:n.start]
        if _SKIP_BEFORE_RE.search(lead) or _SKIP_AFTER_RE.match(text[n.end:]):
            continue
        if kind == "count" and _NOT_UNIT_RE.match(text[n.end:]):
            continue
        last_end = n.end
        measure, sign, rest = _cue(lead, kind)
        subject, code = _subject_of(rest, doc)
        if subject is None and current is None and ctx is None:
            # `资助困难群众居民医保，共计5629人次`: the clause before a bare 共计 names the item
            cut = max(rest.rfind(d) for d in "，,；;")
            if cut > 0:
                subject, code = _subject_of(rest[:cut], doc)
        if subject is None:
            if current is None:
                if ctx is None:
                    continue
                subject, used_ctx = ctx, True
            else:
                subject, code = current, current_code
        # 其中：基本支出… right after a sentence about 一般公共预算财政拨款支出
        if (text.startswith("其中") and prev_subject and prev_subject.startswith(("一般公共预算财政拨款", "政府性基金预算财政拨款"))
                and subject in ("基本支出", "项目支出")):
            subject = prev_subject.removesuffix("支出") + subject
        current, current_code = subject, code
        value = n.value
        unit = n.unit
        if unit == "批" and text[n.end:n.end + 1] == "次":
            unit = "批次"
        if kind == "count" and measure != "增减额":
            measure = COUNT_MEASURES.get(unit or "", COUNT_OTHER)
            if subject in ("公务接待", "因公出国（境）") and n.unit == "个":
                measure = "批次"
        elif measure is None:
            measure = "比率" if kind == "percent" else default
        if measure in ("增减额", "增减率"):
            value = value * sign
        if measure == "全年预算数" and subject in _SANGONG_ITEMS:
            measure = "预算数"  # a 三公经费 预算数 is its full-year budget
        quote = (prefix + sent.quote) if used_ctx and prefix else sent.quote
        out.append(Fact(doc.doc_id, subject, measure, value, unit, quote, table=None, subject_code=code,
                        page=sent.page, lines=sent.lines))
    if not out:
        out.extend(_none_facts(sent, doc))
    return out


def _none_facts(sent: Sentence, doc: Document) -> list[Fact]:
    """Value-0 facts for a sentence saying there was no 三公经费 / 政府采购 (`无“三公”经费预算数，
    未发生“三公”经费支出数` -> 预算数 0 and 决算数 0; `无政府采购支出` -> 决算数 0)."""
    text = sent.text
    out: list[Fact] = []
    default = "预算数" if doc.kind == "预算" else "决算数"
    for rx, subject in ((_NONE_SANGONG_RE, "三公经费"), (_NONE_PROCUREMENT_RE, "政府采购")):
        for m in rx.finditer(text):
            ends = [k for k in (text.find(c, m.end()) for c in "，,。；;") if k >= 0]
            clause = text[m.start(): min(ends) if ends else len(text)]
            if "预算" in clause:
                measure = "预算数"
            elif re.search(r"支出|发生", clause):
                measure = default
            else:
                continue
            if not any(f.subject == subject and f.measure == measure for f in out):
                out.append(Fact(doc.doc_id, subject, measure, 0.0, DEFAULT_UNIT, sent.quote,
                                page=sent.page, lines=sent.lines))
    return out


def narrative_facts(doc: Document) -> list[Fact]:
    """Facts from the report's sentences, in reading order. A sentence the page break cuts is read
    whole (its figures on the second page are named by the words on the first) and quoted per page."""
    out: list[Fact] = []
    prev: Sentence | None = None
    prev_args: tuple = (None, None, None)  # the context `prev` was read with
    prev_count = 0
    prev_subject: str | None = None
    last_subject: str | None = None
    for page in doc.pages:
        for k, sent in enumerate(page_sentences(page, doc)):
            args = (prev, prev_subject, last_subject)
            cut = (k == 0 and prev is not None and prev.page != sent.page and not prev.heading
                   and not prev.text.endswith(tuple(_END_CHARS)))
            facts: list[Fact] = []
            if cut and prev is not None:
                whole = replace(prev, text=prev.text + sent.text)
                read = sentence_facts(whole, doc, prev_args[0], prev_args[1], continues=prev_args[2])
                facts = [replace(f, quote=sent.quote, page=sent.page, lines=sent.lines) for f in read[prev_count:]]
            if not facts:
                facts = sentence_facts(sent, doc, prev, prev_subject, continues=last_subject)
            out.extend(facts)
            if facts:
                prev_subject, last_subject = facts[0].subject, facts[-1].subject
            else:
                last_subject = None
                if cut and prev is not None:
                    # a label the page break cut in two: read it whole (quoted with neither page)
                    sent = replace(prev, text=prev.text + sent.text, page=None, lines=None)
                if not sent.heading:
                    prev_subject = prev_subject if _ITEM_LABEL_RE.search(sent.text) else None
            prev, prev_args, prev_count = sent, args, len(facts)
    return out
