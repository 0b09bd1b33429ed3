"""Sentence -> facts: each figure with its unit takes its measure from the cue before it and its subject from the item named."""
from __future__ import annotations

import re
from dataclasses import replace
from typing import Sequence

from ..models import Document, Fact
from ..text.chars import CJK_RE
from ..text.numbers import Number, find_numbers, is_subject_code
from .labels import (
    _LEVEL_RE,
    _ORDINAL_RE,
    _SANGONG_ITEMS,
    AMOUNT_UNITS,
    COUNT_MEASURES,
    COUNT_OTHER,
    DEFAULT_UNIT,
    _deepest_level,
    normalize_subject,
)
from .sentences import _END_CHARS, Sentence, page_sentences

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
    if (tail in _GENERIC_STOP or len(tail) < 2 or len(tail) > 24 or not CJK_RE.match(tail)
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
