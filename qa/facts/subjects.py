"""The item (subject, 科目) a narrative figure is about: named in the words before it, or carried from a label,
a heading or a 项目自评 name before it. Canonical item names are `NARRATIVE_SUBJECTS`."""
from __future__ import annotations

import re
from typing import Sequence

from ..lexicon import cues
from ..models import Document
from ..text.chars import CJK_RE
from ..text.numbers import is_subject_code
from .labels import _LEVEL_RE, _ORDINAL_RE, _deepest_level, normalize_subject
from .sentences import Sentence

#: canonical item -> aliases (regexes over text with whitespace removed): the lexicon's (cues.json narrative_subjects)
NARRATIVE_SUBJECTS: tuple[tuple[str, tuple[str, ...]], ...] = cues().narrative_subjects
#: words an item name may carry after it (`“三公”经费财政拨款支出`, `“三公”经费公共财政拨款支出`, `政府采购支出总额`)
_SUBJECT_SUFFIX = r"(?:(?:一般公共预算|公共)?(?:财政拨款支出|财政拨款)|支出总额|支出预算|预算支出|支出决算数?|决算支出|支出|总额|预算|决算数?)?"
_SUBJECT_RES = [(canon, re.compile(f"(?:{'|'.join(aliases)}){_SUBJECT_SUFFIX}$")) for canon, aliases in NARRATIVE_SUBJECTS]

_YEAR_PREFIX_RE = re.compile(r"(?:截至|截止)?(?:19|20)\d{2}(?:年(?:度|底|末)?(?:\d{1,2}月(?:\d{1,2}日)?)?|(?=本年|本?年度|$)"
                             r"|(?=[\u4e00-\u9fff])(?![万亿元人个辆项次件台套家户名批条座]))"  # `2024 公益性岗位…项目`
                             r"|(?:19|20)\d{2}\s*[-—–~至到]\s*(?:19|20)\d{2}年度?")  # `2018-2021年…项目`: its period
_YEAR_NEAR_START_RE = re.compile(r"^(?![比较与同])[^，,。；;：:\d]{1,4}?(?:19|20)\d{2}(?:\s*[-—–~至到]\s*(?:19|20)\d{2})?年(?:度|底|末)?")
_YEAR_END_RE = re.compile(r"(?:19|20)\d{2}年(?:度|底|末)?$")
#: quotation marks around an item (`“公共安全支出”350.56万元`)
_QUOTES_RE = re.compile(r"[“”\"‘’「」]")
#: a 科目编码 printed in brackets after its item (`一般行政管理事务（2013302）`)
_CODE_AFTER_RE = re.compile(r"[（(](\d{3}(?:\d{2}){0,2})[)）]$")
#: words a lead may open with that name no item; the longest is tried first (当年预算执行数: 当年预算, not 当年, leaving
#: 预算 as if an item; 2024年预算安排25.77万元: an amount of the item the sentence is about)
_FILLERS_LEAD = tuple(sorted((
    "其中", "全年", "共计", "合计为", "共有", "共", "累计", "主要用于", "用于", "本部门", "本单位", "我部门（单位）",
    "部门预算中", "部门决算中", "预算中", "决算中", "纳入", "本年度", "本年", "当年",
    "我部门(单位)", "部门（单位）", "部门(单位)", "我部门", "我单位", "我局", "本局", "部门", "单位", "包括", "当年预算",
    "安排", "全年预算安排", "预算安排", "发生", "使用财政拨款开支的", "开支财政拨款的", "使用", "中", "及", "和"),
    key=len, reverse=True))
_FILLERS_TAIL = ("各", "均为", "为", "是", "达", "达到", "约", "共计", "一共", "总共", "累计", "共", "了", "年度")
_BAD_START = tuple("由对按在从将把被比与较是有如等向为无未")
#: an item that opens with 对 (`对个人和家庭的补助支出`): a grant, named as such
_GRANT_RE = re.compile(r"^对.{1,12}(?:补助|补贴)(?:支出)?$")
_ASIDE_RE = re.compile(r"(?<=部门)[（(]单位[）)]")

_DELIMS = "，,；;：:。、①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
#: a sentence ending in a 科目 label (`5.卫生健康支出(类)医疗救助(款)城乡医疗救助(项)。`): the next sentence is about it
_ITEM_LABEL_RE = re.compile(r"(?:^|[：:])(?P<label>[^，。；：:]*[（(]类[)）][^，。；：:]*[（(][项款][)）])。?$")
#: an item label sentence with no 类/款/项 marker: short, no verb of its own (`（一）因公出国（境）费用。`)
_LABEL_MAX = 24
# (`无2020年结转的“三公”经费支出`: no carry-over, which says nothing of the year's own figure)
_NONE_SANGONG_RE = re.compile(r"(?:无|未发生|未安排|没有)(?:(?!结转|结余)[^，。；]){0,12}?[“\"]?三公[”\"]?经费")
_NONE_PROCUREMENT_RE = re.compile(r"(?:无|未发生|未安排|没有)(?:(?!结转|结余)[^，。；]){0,6}?政府采购")


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
        s = _YEAR_NEAR_START_RE.sub("", s, count=1)  # `我县2023年参保缴费人数`
        s = _ORDINAL_RE.sub("", s)
        for n in names:
            k = s.rfind(n)
            if k >= 0 and len(n) >= 3:  # the reporting body named before the item (`…情况说明湖州市退役军人事务局2026年…`)
                s = s[k + len(n):]
            elif s.startswith(n):
                s = s[len(n):]
        s = re.sub(r"^[（(](?:汇总|本级|合并)[)）]", "", s)
        for f in fillers:
            if s.startswith(f) and not s.startswith(cues().not_fillers):  # (中止, 中央: words of their own)
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


#: items that never take a qualifier printed before them
_UNQUALIFIED = frozenset(("车辆", "实有人员", "公务接待", "因公出国（境）", "绩效自评项目", "编制范围单位", "收支总计", "财政拨款收支总计"))
_GENERIC_STOP = frozenset(("项目", "资金", "金额", "其中", "合计", "总额", "共计", "支出", "经费", "预算", "决算", "收入", "涉及",
                           "预算数", "决算数", "执行数", "上年数"))
_BAD_END = tuple("对向在为从由和及与的中")


def _subject_of(lead: str, doc: Document) -> tuple[str | None, str | None]:
    """(subject, 科目编码) named at the end of `lead` (the cue already removed), or (None, None).

    A `NARRATIVE_SUBJECTS` name ending the lead wins (with a short qualifier printed before it kept:
    `货物采购` + `授予中小企业合同金额`); else the phrase after the last delimiter, tidied."""
    lead = _QUOTES_RE.sub("", _ASIDE_RE.sub("", lead))  # `本部门（单位）` names the reporting body, not an item
    # `警务辅助人员经费（含市府机关大院30名）`: a figure inside an aside is of what the aside names, not of the
    # item; an aside that is the figure alone (`完成目标任务（68.39万人）`) restates the item's
    opened = max(lead.rfind("（"), lead.rfind("("))
    if opened >= 0 and not re.search(r"[）)]", lead[opened:]):
        aside = lead[opened + 1:].strip()
        if re.fullmatch(r"(?:去年|上年|今年|本年|当年)(?:度)?", aside):
            return None, None  # `（去年预算数为0万元）`: the item's figure of another year, no item of its own
        lead = aside if re.search(r"[\u4e00-\u9fff]", aside) else lead[:opened]
    # `机关运行经费2023年决算为…`; `…比2024年度增加`: the year before its 度 is taken as a tail filler
    s = _strip_tail(_YEAR_END_RE.sub("", _strip_tail(_YEAR_END_RE.sub("", lead))))
    # `“三公”经费财政拨款支出决算数比2024年度增加`: the item before the basis and the measure it names
    based = cues().bases.search(s)
    measured = cues().named_measure_end.search(s[: based.start()]) if based and based.start() > 0 else None
    if measured and measured.start() >= 2:
        s = s[: measured.start()]
    code_after = _CODE_AFTER_RE.search(s)
    if code_after and (is_subject_code(code_after.group(1)) or code_after.group(1).startswith("5")):
        s = s[: code_after.start()]
    else:
        code_after = None
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
        if qual.startswith("其他") and len(qual) <= 12 and not re.search(r"\d", qual):
            return qual + canon, None  # (其他按照规定配备的公务用车: the rest of a list, never the whole of it)
        if not qual or qual.endswith(("的", "单位")) or canon in _UNQUALIFIED:
            return canon, None
        if len(qual) <= 6 and not re.search(r"\d", qual) and not qual.startswith(_BAD_START):
            return qual + canon, None
        # a long phrase ending in an item name (政府购买服务预算支出合计) is an item of its own, unless it
        # is a clause of its own (按经济分类划分为基本支出): then the item is the name
        if qual.startswith(_BAD_START) or re.search(r"\d", qual) or "为" in qual:
            return canon, None
    return _phrase_subject(s, doc, code_after.group(1) if code_after else None)


#: a breakdown's lead before the item it names (按功能分类支出划分为一般公共服务支出: 一般公共服务支出)
_CLASSIFIED_AS = re.compile(r"^按[\u4e00-\u9fff]{1,10}?(?:划分|分类)[\u4e00-\u9fff]{0,4}?(?:划分为|分为|为)(?=[\u4e00-\u9fff]{2})")


def _phrase_subject(s: str, doc: Document, code: str | None) -> tuple[str | None, str | None]:
    """(subject, 科目编码) from the phrase after the last delimiter of `s`, tidied: a total named alone, a
    科目编码 printed before the name; None for generic words, bases, clauses and phrases with figures."""
    cut = max(s.rfind(d) for d in _DELIMS)
    tail = _CLASSIFIED_AS.sub("", _strip_prefix(s[cut + 1:], doc))
    lex = cues()
    for name, total in lex.totals.items():  # `本年收入15240.35万元`
        if s.endswith(name) and not _strip_prefix(s[cut + 1:len(s) - len(name)], doc):
            return total, None
    stripped = lex.bases.sub("", tail) if tail else tail
    if stripped in lex.budget_totals and stripped != tail:  # `收入较去年减少…`: the report's own total
        return lex.budget_totals[stripped], None
    if len(stripped) >= 2 and stripped not in _GENERIC_STOP and not lex.bases.fullmatch(tail):
        tail = stripped  # `会议费比上年`: the item comes before its base
    if doc.kind == "预算" and tail in lex.budget_totals:
        return lex.budget_totals[tail], None  # `2026年收入预算…`: the budget's total
    cm = re.match(r"^(\d{3}(?:\d{2}){0,2})(?=[\u4e00-\u9fff])", tail)
    if cm and is_subject_code(cm.group(1)):
        code, tail = cm.group(1), tail[cm.end():]
    # `绩效自评的2024年度项目`: the year inside a name is no part of it
    tail = re.sub(r"的(?:19|20)\d{2}年度?", "的", tail) if tail else ""
    lead_basis = re.match(lex.bases.pattern.removesuffix("$"), tail)  # 较2022年参保人数: the basis said first
    # (比2025年财政拨款“三公”经费年初预算: the rest of a basis naming its own figure is the basis still)
    if lead_basis and lead_basis.end() < len(tail) and not re.search(r"(?:预算|决算|执行)数?$", tail):
        tail = tail[lead_basis.end():]
    tail = normalize_subject(re.sub(r"[（(]含[)）]", "", tail)) if tail else ""
    if len(tail) > 4 and tail.endswith("项目"):
        tail = tail[:-2].removesuffix("的")
    if cues().bases.fullmatch(tail):
        return None, code  # `同比`, `与上年相比`: what a change is measured against
    if (tail in _GENERIC_STOP or len(tail) < 2 or tail.endswith("指标") or len(tail) > 24 or not CJK_RE.match(tail)
            or (tail.startswith(_BAD_START) and not _GRANT_RE.match(tail)) or tail.endswith(_BAD_END) or "原因" in tail
            or (re.search(r"\d", tail) and not re.search(r"\d+万元以上", tail))):
        return None, code
    return tail, code


def canonical_subject(s: str) -> str | None:
    """The `NARRATIVE_SUBJECTS` name `s` ends with, when `s` is nothing but that name (`公务接待费支出`)."""
    for canon, rx in _SUBJECT_RES:
        m = rx.search(s)
        if m and m.start() == 0:
            return canon
    return None


def project_name(text: str) -> str | None:
    """The project a 项目自评 sentence opens with (`1.信访研究宣传立法专项项目综述：…` -> 信访研究宣传立法专项)."""
    for rx in cues().projects:
        m = rx.match(text)
        if m:
            name = re.sub(r"项目$", "", _QUOTES_RE.sub("", m.group("name")))
            name = _ORDINAL_RE.sub("", name)
            if name and not re.search(r"[，,；;]", name):
                return name
    return None


def label_subject(sent: Sentence, doc: Document) -> str | None:
    """The item a sentence without figures names when it is only a label or a heading (`5.卫生健康支出(类)…
    城乡医疗救助(项)。`, `（一）因公出国（境）费用。`, `2.公务用车购置及运行维护情况`): the sentences after it
    that name no item are about it. None for any other sentence."""
    m = _ITEM_LABEL_RE.search(sent.text)
    if m:
        return normalize_subject(m.group("label"))
    text = _QUOTES_RE.sub("", sent.text).rstrip("。：:；;")
    numbered = bool(_ORDINAL_RE.match(text))
    text = _ORDINAL_RE.sub("", re.split(r"[：:]", text)[-1])
    for w in cues().topic_words:
        if text.endswith(w) and len(text) > len(w):
            text = text[: -len(w)]
            break
    if not text or len(text) > _LABEL_MAX or re.search(r"[，,；;。]|\d", text):
        return None
    best = None
    for canon, rx in _SUBJECT_RES:
        mm = rx.search(text)
        if mm and mm.end() == len(text) and (best is None or mm.start() < best[1]):
            best = (canon, mm.start())
    if best and best[1] == 0:
        return best[0]
    # `（三）公务用车购置和运行维护费。`: a numbered label in words the lexicon does not hold still names its item;
    # the item of the label before must not go on to the figures under it
    heads = cues().label_heads
    return normalize_subject(text) if numbered and text.endswith(heads) and len(text) > 2 else None


def _context_subject(sent: Sentence, prev: Sentence | None) -> tuple[str | None, str]:
    """The item a sentence is about when its figures name none: a 项目自评 project name opening the
    sentence, or the 科目 label sentence just before it. Returns (subject, quote prefix)."""
    name = project_name(sent.text)
    if name:
        return name, ""
    m = _ITEM_LABEL_RE.search(prev.text) if prev is not None else None
    if m:
        # the label is quoted with the sentence when both are on the same page
        return normalize_subject(m.group("label")), (prev.quote + " " if prev.page == sent.page else "")
    return None, ""


def is_bare(s: str, doc: Document) -> bool:
    """True when `s` names no item: only years, ordinals, the department's name, fillers, bases of a
    comparison (与上年相比, 比2014年决算数) and punctuation."""
    bases = cues().bases
    for part in re.split(f"[{_DELIMS}]", _QUOTES_RE.sub("", s)):
        p = _strip_tail(_strip_prefix(part, doc))
        p = "" if cues().this_project.fullmatch(p) else p  # (该项目批复的…: the section's project, no item anew)
        m = bases.search(p)
        if m and m.start() < m.end():
            p = _strip_tail(_strip_prefix(p[: m.start()], doc))
        if p:
            return False
    return True
