"""The facts vocabulary: measure and unit names, and how printed 科目 labels and column headers are normalised."""
from __future__ import annotations

import re

from functools import lru_cache

from ..lexicon import cues, procurement
from ..lexicon.formula_table import formulas
from ..text.chars import CJK, longest_first, squash

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
#: a performance indicator's target and achieved value (qa/facts/indicators.py), in the indicator's own unit
INDICATOR_MEASURES = ("目标值", "实际完成值")
#: … and its weight and score, in 分 (data/cues.json `indicator_points`)
INDICATOR_POINTS = tuple(column for column, _ in cues().indicator_points)
#: unit of a count -> its measure (data/cues.json `count_units`)
COUNT_MEASURES = dict(cues().count_units)
COUNT_OTHER = cues().count_other
#: a project's or the department's score (`自评得分为88.5分`, a 自评表's 总分), in 分
SCORE_MEASURE = cues().scores[0]
MEASURES = frozenset(AMOUNT_MEASURES + RATE_MEASURES + TABLE_MEASURES + tuple(COUNT_MEASURES.values())
                     + INDICATOR_MEASURES + INDICATOR_POINTS + (COUNT_OTHER, SCORE_MEASURE, MEASURE_UNKNOWN))

AMOUNT_UNITS = ("万元", "元", "亿元", "千元")
DEFAULT_UNIT = "万元"




# --------------------------------------------------------------------------------------------
# subjects and measures: normalisation

_ORDINAL_RE = re.compile(
    r"^(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[)）]|\d+(?:\.\d+)*[.、．](?!\d)|\d+[)）]|[①-⑳])+"
)
_LEVEL_RE = re.compile(r"[（(]\s*[类款项]\s*[)）]")
#: a list ordinal inside a label, after the name of the level above (`一般公共服务1.人大事务行政运行（项）`)
_INNER_ORDINAL_RE = re.compile(r"(?<=[\u4e00-\u9fff）)])(?:\d+[.、．](?!\d)|[（(]\d+[)）]|[一二三四五六七八九十]+、)")


def _deepest_level(s: str) -> str | None:
    """`卫生健康支出(类)医疗救助(款)城乡医疗救助(项)` -> `城乡医疗救助`; `检察（款）行政运行（项）支出` -> `行政运行`;
    `一般公共服务（类）支出` -> `一般公共服务支出`; None when `s` does not end with such a label."""
    m = re.fullmatch(r"(?P<head>.*?)(?P<last>[^（()）]*)[（(]\s*(?P<level>[类款项])\s*[)）](?P<tail>支出)?", s)
    if not m or _LEVEL_RE.search(m.group("last")):
        return None
    if m.group("level") == "类":
        last, tail = m.group("last"), m.group("tail") or ""
        return last if last.endswith(tail) else last + tail  # `教育支出（类）支出` -> 教育支出
    return m.group("last")


#: a code and its name joined by a dash, as tables print each classification of a row
#: (`2010801-行政运行 50101-工资奖金津补贴 30101-基本工资`, `11000024T000002872209-审计质量管理经费`)
_CODE_DASH = re.compile(r"(\d[\dA-Z]{2,})[-－—]")


def split_code_chain(label: str) -> tuple[str, str | None] | None:
    """(the row's own name, its code) of a label made of code-name pairs, the row's classifications from the
    widest to its own; None for any other label."""
    pieces = _CODE_DASH.split(squash(label))
    if len(pieces) < 3 or pieces[0] or not all(pieces[2::2]):
        return None
    return pieces[-1], pieces[-2]


def normalize_subject(label: str) -> str:
    """A row label or item as a subject: spaces, list ordinals and (类)/(款)/(项) markers removed;
    `卫生健康支出(类)医疗救助(款)城乡医疗救助(项)` -> `城乡医疗救助`, `一般公共服务（类）支出` -> `一般公共服务支出`."""
    s = squash(label).strip("：:，,。;；")
    s = _ORDINAL_RE.sub("", s)
    deepest = _deepest_level(s)
    if deepest:
        inner = list(_INNER_ORDINAL_RE.finditer(deepest))  # the item starts after the last ordinal
        s = _ORDINAL_RE.sub("", deepest[inner[-1].end():] if inner else deepest)
    s = _LEVEL_RE.sub("", s)
    s = _procurement_name(s)
    m = re.fullmatch(r"(.+?支出)类支出", s)  # `卫生健康支出类支出` (a 类 printed without brackets)
    s = m.group(1) if m else s
    return re.sub(r"(费)费$", r"\1", s)  # `公务接待费费`: a character printed twice


@lru_cache(maxsize=1)
def _procurement_patterns() -> tuple[re.Pattern, re.Pattern]:
    p = procurement()
    letters = "".join(p["classes"])
    names = "|".join(p["classes"].values())
    lettered = re.compile(rf"^(?:[{letters}][-－—]?({names})|({names})[{letters}])$")
    method = re.compile(f"(?<=[{CJK}）)])(?:" + "|".join(sorted(p["methods"], key=longest_first)) + ")$")
    return lettered, method


def _procurement_name(s: str) -> str:
    """`货物A`, `A-货物` -> `货物` (the catalogue's letter); `PC服务器分散自行组织` -> `PC服务器` (the row's
    采购组织形式, a column of its own, read into the name when the table's columns are lost)."""
    lettered, method = _procurement_patterns()
    m = lettered.match(s)
    if m:
        return m.group(1) or m.group(2)
    rest = method.sub("", s)
    return rest if len(rest) >= 3 else s  # (政府集中采购 itself stays a name)


@lru_cache(maxsize=1)
def _economic_class_end() -> re.Pattern:
    names = sorted(set(formulas().economic_codes.values()), key=longest_first)
    return re.compile(f"(?<=[{CJK}）)])(?:" + "|".join(map(re.escape, names)) + ")$")


def purchase_project(label: str, header: str) -> str:
    """`信息化建设经费 其他商品和服务支出 180.00` in a 政府采购预算表 printing 专项名称 and 经济科目 side by side: the row is
    the 专项 信息化建设经费, its 经济科目 (a national 经济分类 款 name, a column of its own read into the name when the
    table's columns are lost) said after it in brackets: 信息化建设经费（其他商品和服务支出）. `header`: the table's
    header text, spaces removed."""
    if not all(w in header for w in procurement()["project_columns"]):
        return label
    m = _economic_class_end().search(label)
    return f"{label[:m.start()]}（{m.group(0)}）" if m and m.start() >= 2 else label


#: header names (as printed, spaces removed) -> measure; longest names are matched first
_HEADER_NAMES: dict[str, str] = {
    "本年收入合计": "合计", "本年支出合计": "合计", "合计": "合计", "总计": "合计", "小计": "小计",
    "基本支出": "基本支出", "项目支出": "项目支出", "上缴上级支出": "上缴上级支出", "经营支出": "经营支出",
    "事业单位经营支出": "经营支出", "对附属单位补助支出": "对附属单位补助支出", "单位预留机动经费": "单位预留机动经费",
    "人员经费": "人员经费", "公用经费": "公用经费", "人员类": "人员经费", "公用类": "公用经费",
    "人员支出": "人员经费", "公用支出": "公用经费", "财政拨款收入": "财政拨款收入", "上级补助收入": "上级补助收入",
    "事业收入": "事业收入", "经营收入": "经营收入", "事业单位经营收入": "经营收入", "附属单位上缴收入": "附属单位上缴收入",
    "其他收入": "其他收入", "人员编制数": "编制数", "编制人数": "编制数",
    "一般公共预算财政拨款收入": "一般公共预算财政拨款收入", "一般公共预算拨款收入": "一般公共预算财政拨款收入",
    "政府性基金预算财政拨款收入": "政府性基金预算财政拨款收入", "政府性基金预算拨款收入": "政府性基金预算财政拨款收入",
    "国有资本经营预算财政拨款收入": "国有资本经营预算财政拨款收入", "国有资本经营预算拨款收入": "国有资本经营预算财政拨款收入",
    "用事业基金弥补收支差额": "用事业基金弥补收支差额", "上年结转": "上年结转", "结转下年": "结转下年",
    "年初结转和结余": "年初结转和结余", "年末结转和结余": "年末结转和结余", "本年收入": "本年收入", "本年支出": "本年支出",
    "一般公共预算财政拨款": "一般公共预算财政拨款", "一般公共预算拨款": "一般公共预算财政拨款", "一般公共预算": "一般公共预算财政拨款",
    "政府性基金预算财政拨款": "政府性基金预算财政拨款", "政府性基金预算": "政府性基金预算财政拨款",
    "国有资本经营预算财政拨款": "国有资本经营预算财政拨款", "国有资本经营预算": "国有资本经营预算财政拨款",
    "决算数": "决算数", "预算数": "预算数", "本年预算数": "预算数", "年初预算数": "年初预算数", "全年预算数": "全年预算数",
    "调整预算数": "全年预算数", "调整后预算数": "全年预算数",
    # (a header printed without 数: 本年预算, 年初预算; never 上年预算, which 比上年预算增减 holds)
    "本年预算": "预算数", "年初预算": "年初预算数", "全年预算": "全年预算数", "调整预算": "全年预算数",
    "调整后预算": "全年预算数", "本年决算": "决算数", "本年决算数": "决算数",
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
    s = squash(name).replace("-般", "一般")
    m = _HEADER_NAMES.get(s, s)
    if m == "金额":
        return "预算数" if kind == "预算" else "决算数"
    return m


def _sangong_item(text: str) -> str | None:
    s = squash(text)
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
