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
    a performance indicator's `目标值` and `实际完成值`, in its own unit (人次, %, 元/人: qa/facts/indicators.py);
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

Narrative figures come from sentences (split at 。；！？ and at heading lines; table rows are masked out), read
clause by clause (`qa.facts.clauses`: a clause ends at ，；： and at 、 after a figure, never inside a number,
brackets or quotes). Every figure with a unit of amount (元/万元/亿元), rate (%) or count (人/辆/批次/人次/个/项/
台/套 …) is a fact unless it is a year, a 科目编码, a list ordinal, a threshold or a score (`≥95%`, `不到80%`,
`权重10`, a clause stating a scoring rule). Its measure comes from the cue printed around it — the vocabulary is
data, `qa/lexicon/data/cues.json` (`完成年初预算的` / `为年初预算的` / `执行进度` -> 执行率, `增加` / `减少` with
any basis 上年 / 年初预算 / 2014年决算数 -> 增减额 or 增减率, `占…的` -> 占比, `年初预算为` -> 年初预算数 …; the
amount printed right after a basis naming an earlier year, `比2025年年初预算数30385.62万元`, is that year's
`上年数`); else 决算数 in a 决算 report and 预算数 in a 预算 report; a count takes its unit's measure. Its subject
is the item named in its clause before the cue; else the clause before it (`资助困难群众居民医保，共计5629人次`);
else the previous figure's item in the sentence; else the sentence's context: a 项目自评 name opening it, the
科目 label sentence just before it, or — when the words before its first figure name no item (`与上年相比增加…`,
`全年预算为…`, `2026年预算数…`) — the topic of the sentences before: the last item stated, or the item a label or
heading named (`（一）因公出国（境）费用。`), kept over up to three sentences without figures and dropped at a
heading that names no item. A count whose counted thing is printed after it (`35个项目纳入…`) takes no carried
item. A sentence saying there was no 三公经费 or 政府采购 (`无“三公”经费预算数，未发生“三公”经费支出`, `无政府采购支出`)
gives a fact with value 0.

Units: a fact's unit is as printed; `qa.text.numbers.same_amount` tells that a table's `371,514,655.00` 元 and
the narrative's `37,151.47` 万元 are the same figure (to the printed precision), so they are not a conflict.
"""
from __future__ import annotations

import re
from typing import Iterable, Sequence

from ..lexicon import cues
from ..models import Document, Fact
from .labels import (
    AMOUNT_UNITS,
    COUNT_MEASURES,
    DEFAULT_UNIT,
    MEASURE_UNKNOWN,
    MEASURES,
    TABLE_MEASURES,
    normalize_measure,
    normalize_subject,
)
from .indicator_tables import read_indicators
from .indicators import indicator_facts
from .narrative import NARRATIVE_SUBJECTS, narrative_facts
from .table_rows import keeps_cells
from .tables import table_facts
from .templates import template_facts

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
    indicators: list[Fact] = []
    for page in doc.pages:
        for table in page.tables:
            # a table printed to a national template (项目支出绩效自评表) is read by the template's column
            # order: its wrapped header rarely places, and its indicator rows hold scores, not amounts
            read, rest = read_indicators(table, doc, keeps_cells(table, page, doc))
            facts.extend(template_facts(table, doc) or table_facts(rest, doc, default_unit=unit, known=known))
            facts.extend(read)
            indicators.extend(read)
    facts.extend(narrative)
    # (measured: kept by without_indicators, which drops unplaced figures)
    facts.extend(_not_read_yet(indicator_facts(doc), indicators))
    return _dedupe(without_indicators(facts))


def _not_read_yet(lines: Iterable[Fact], read: Sequence[Fact]) -> list[Fact]:
    """The indicator facts read from a page's lines but those its tables gave by their columns (the same figure
    of the same page): a table's cells name the indicator without the words of the cells beside it."""
    seen = {(f.page, f.measure, round(f.value, 6), f.unit) for f in read}
    return [f for f in lines if (f.page, f.measure, round(f.value, 6), f.unit) not in seen]


def without_indicators(facts: Iterable[Fact]) -> list[Fact]:
    """The facts but those with no measure whose item reads as a performance indicator or its scoring
    (`成本控制率 100`, `…得满分，否则不得分 2`): a target or a score, not a figure of the budget."""
    indicator = cues().indicator_subject
    return [f for f in facts if f.measure != MEASURE_UNKNOWN or not indicator.search(f.subject)]


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
    """The facts without repeats. A table fact repeats only the one just before it (the same cell read twice):
    two rows of a table may print the same thing (a project buying 印刷服务 30.00 twice) and both count."""
    seen: set[tuple] = set()
    out = []
    last: tuple | None = None
    for f in facts:
        key = (f.subject, f.measure, round(f.value, 6), f.unit, f.quote, f.table, f.page, f.lines)
        if f.table is not None:
            if key != last:
                out.append(f)
            last = key
        elif key not in seen:
            seen.add(key)
            out.append(f)
    return out


# --------------------------------------------------------------------------------------------
