"""Performance indicators (绩效指标) printed one to a line of a self-evaluation or target table: the indicator's name, its
target (年度指标值, often with ≥ / ≤), what was achieved (实际完成值), its weight and score —

    住院救助人次数 ≥2500 人次 2941 人次 10
    成本指标 各级财政补助标准(元) ≥610 元/人 640 元/人 5

Each such line gives two facts of the indicator: `目标值` and `实际完成值`, in the indicator's own unit (人次, %,
元/人 …). Only a target and an achieved value in the same unit make a line an indicator's: a table row of two
amounts, or a score beside a rate, is none. The levels printed before a name (产出指标, 数量指标: cues.json
`indicator_levels`) are no part of it.

The figures after the two values are the indicator's weight and score, in 分: `分值` and `得分`, in the order of
the national form when both are printed. One figure alone is the column the table's header names, when the
header names only one of the two (`年初目标值（A） 实际完成值（B） 得分`); else it is read as neither.

A budget's form of targets prints a target alone, bounded, with no achieved value beside it (`产出指标 数量指标
检查档案数量 ≥ 30 套`, `满意度指标 困难对象满意度 ≥80%`): its `目标值`. A line holding a clause's mark (`≥2次；≥2人`)
names no indicator.

Every fact of an indicator is placed in the form of the project it is printed under (`项目名称 X`, or a title
`…绩效自评表（X）`), as the table `X绩效指标`: the same indicator of two projects is two rows, each answered with
its project's name.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Sequence

from ..lexicon import cues
from ..models import Document, Fact
from ..text.chars import CJK_RE, longest_first, squash
from .labels import INDICATOR_MEASURES, INDICATOR_POINTS

TARGET, ACHIEVED = INDICATOR_MEASURES

#: a value of an indicator: an optional bound, a number, its unit (%, 人次, 元/人, 万册, 个月)
_VALUE = r"(?:[≥≤＞＜><=＝]\s*)?(\d+(?:\.\d+)?)\s*(%|[\u4e00-\u9fff]{1,3}(?:/[\u4e00-\u9fff]{1,2})?)"
_POINTS = r"\s+(?P<first>\d+(?:\.\d+)?)(?:\s+(?P<second>\d+(?:\.\d+)?))?\s*$"
_LINE = re.compile(rf"^(?P<lead>.*?)(?P<name>[^\s\d≥≤＞＜><=＝]{{2,40}})\s+{_VALUE}\s+{_VALUE}{_POINTS}")
#: a line of values alone (15000 人次 15606 人次 1): the name was printed over the lines before it
_VALUES_ONLY = re.compile(rf"^(?P<lead>)(?P<name>){_VALUE}\s+{_VALUE}{_POINTS}")
#: a target printed alone, bounded or set (`产出指标 数量指标 检查档案数量 ≥ 30 套`, `购置便携式计算机 ＝ 209 台`): a budget's
#: form of targets, no achieved value beside it; the name may be printed over the lines before it (`救助人次比例 / ≥28%`)
_TARGET_LINE = re.compile(r"^(?P<lead>.*?)(?P<name>[^\s\d≥≤＞＜><=＝]{2,40})?\s*(?:[≥≤＞＜≧≦＝=]|不低于|不高于|不少于|不超过)\s*"
                          r"(\d+(?:\.\d+)?)\s*(%|[\u4e00-\u9fff]{1,3}(?:/[\u4e00-\u9fff]{1,3}){0,2})\s*$")
#: a piece of a name printed over several lines (开展职工医保门诊 / 共济培训人次): words only, no figure, no header
_NAME_PIECE = re.compile(r"^(?!.*(?:指标|值|分值|得分))[\u4e00-\u9fff（）()、]{2,14}$")
#: the most lines a name is printed over
NAME_PIECES = 3
#: a unit in brackets after a name (参保人数(人), 发行量（万册）): the unit of its values, no part of the name
UNIT_AFTER = re.compile(r"[（(][^\d()（）]{1,3}[)）]$")
#: the project a self-evaluation form is of, on its own line (`项目名称 城乡医疗救助`, `项目名称：X`)
FORM_PROJECT = re.compile(r"^项目名称\s*[:：]?\s*(\S{2,40})$")
#: a form's title: a new form starts, of the project it names in brackets if any (`项目支出绩效自评表（X）`)
FORM_TITLE = re.compile(r"绩效(?:目标|自评)表(?:[（(](?P<name>[^（）()]{2,40})[）)])?")
#: the title an indicator's facts are placed under: its project's indicators (no table of projects: its rows are
#: indicators, not projects to count)
FORM_SUFFIX = "绩效指标"
FORM_TABLE = "{project}" + FORM_SUFFIX
#: a clause's mark: words holding one are several targets or a sentence (`≥2次；≥2人；≥300个`), never a name
_CLAUSE_MARK = re.compile(r"[；;，,。：:]")
#: names that are a table's own rows or labels, never an indicator
NOT_A_NAME = re.compile(r"^(?:合计|总计|小计|栏次|行次|年度资金总额|资金总额|其中)")


def indicator_facts(doc: Document) -> list[Fact]:
    """The 目标值 and 实际完成值 facts of every indicator line of the report's pages, and its 分值 and 得分."""
    levels = sorted(cues().indicator_levels, key=longest_first)
    out: list[Fact] = []
    named: set[str] = set()  # the point columns the header lines since the last indicator line name
    columns: set[str] = set()  # … and those of the table the indicator lines are in
    form_of: str | None = None  # the project whose self-evaluation form the lines are in (项目名称 X)
    for page in doc.pages:
        pieces: list[str] = []  # the lines just before, when they are pieces of a name printed over several lines
        for k, line in enumerate(page.text.split("\n")):
            line = line.strip()
            if not line:
                continue
            m = _LINE.match(line) or _VALUES_ONLY.match(line)
            target = None if m else _TARGET_LINE.match(line)
            if m is None and target is None:
                piece = _without_levels(line, levels)  # (`满意度指标 群众对医疗保障工`: a piece after its level)
                pieces = [*pieces, piece][-NAME_PIECES:] if _NAME_PIECE.match(piece) and piece not in levels else []
                named |= _columns_named(line)
                if project := FORM_PROJECT.match(line):
                    form_of = project.group(1)
                elif form := FORM_TITLE.search(line.replace(" ", "")):
                    # (a new form: of no project until its 项目名称 line)
                    form_of = form.group("name")
                continue
            said, pieces = "".join(pieces), []
            if m is not None:
                columns, named = (named or columns), set()
                if m.group(4) != m.group(6):
                    continue
                values = [(TARGET, m.group(3), m.group(4)), (ACHIEVED, m.group(5), m.group(6))]
                values += [(column, points, "分") for column, points in _points(m, columns)]
            else:
                m, values = target, [(TARGET, target.group(3), target.group(4))]
            name = _name(said, m.group("name") or "", levels)
            if name is None:
                continue
            number = page.first_line + k
            table = FORM_TABLE.format(project=form_of) if form_of else None
            for measure, value, unit in values:
                out.append(Fact(doc.doc_id, name, measure, float(value), unit, said + line, table, None,
                                page.number, (number, number)))
    return out


def _name(said: str, printed: str, levels: Sequence[str]) -> str | None:
    """An indicator's name: the pieces printed over the lines before it and the words before its values, without the
    unit in brackets after it and the levels printed before it; None when that leaves no name of its own."""
    if said and squash(printed) in levels:  # (`…服务成本控 / 成本指标 经济成本指标 ≤ 10 万元`: a level, no name)
        printed = ""
    name = _without_levels(UNIT_AFTER.sub("", squash(said + printed).lstrip("：:，,、。；;")), levels)
    if len(name) < 2 or NOT_A_NAME.match(name) or name in levels or not CJK_RE.search(name) or _CLAUSE_MARK.search(name):
        return None
    return name


def _without_levels(text: str, levels: Sequence[str]) -> str:
    """The words without the levels printed before them (社会效益指标参保率, `满意度指标 群众对…`)."""
    text = text.strip()
    while (lead := next((w for w in levels if text.startswith(w) and len(text) > len(w)), None)) is not None:
        text = text[len(lead):].strip()
    return text


def _columns_named(line: str) -> set[str]:
    """The point columns a header line names, each word a cell of its own (`实际完成值（B） 得分`); a scoring rule
    printed under a table (`得分=权重*B/A`) names none."""
    return {column for column, cell in _column_cells() if cell.search(line)}


@lru_cache(maxsize=1)
def _column_cells() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """(column, the pattern of a header cell naming it) for each point column (cues.json indicator_points), compiled
    once: every line of every report is read against them."""
    return tuple((column, re.compile(rf"(?:^|\s)(?:{'|'.join(map(re.escape, words))})(?:[（(][^）)]{{0,6}}[）)])?(?:\s|$)"))
                 for column, words in cues().indicator_points)


def _points(m: re.Match[str], header: set[str]) -> list[tuple[str, str]]:
    """(column, figure) of the points printed after an indicator's values: both columns in the form's order when two
    figures are printed; one figure is the one column its table's header names, else none."""
    if m.group("second") is not None:
        return list(zip(INDICATOR_POINTS, (m.group("first"), m.group("second"))))
    return [(next(iter(header)), m.group("first"))] if len(header) == 1 else []
