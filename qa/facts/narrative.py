"""Narrative sentences -> facts, clause by clause (qa.facts.clauses): every figure with a unit of amount, rate or
count takes its measure from the cue around it (qa.lexicon.cues()) and its subject from the item named in its
clause, else the clause before it, else the previous figure of the sentence, else the sentence's topic: a label,
heading or 项目自评 name before it, or the item the previous sentences were about when this one names none
before its first figure (`与上年相比增加43,755.7万元`, `全年预算为52.00万元，…`)."""
from __future__ import annotations

import re
from dataclasses import replace
from typing import Sequence

from ..lexicon import cues, question_words, terms
from ..models import Document, Fact
from ..text.chars import PART_HEADING, SECTION_HEADING
from ..text.numbers import AMOUNT_UNITS, find_numbers, to_wan
from .clauses import Figure, sentence_figures
from .labels import _ORDINAL_RE, _SANGONG_ITEMS, AMOUNT_MEASURES, DEFAULT_UNIT, normalize_subject
from .sentences import _END_CHARS, Sentence, page_sentences
from .subjects import (
    _DELIMS,
    _ITEM_LABEL_RE,
    _NONE_PROCUREMENT_RE,
    _NONE_SANGONG_RE,
    NARRATIVE_SUBJECTS,
    _context_subject,
    _strip_prefix,
    _subject_of,
    canonical_subject,
    is_bare,
    label_subject,
    project_name,
)

__all__ = ["NARRATIVE_SUBJECTS", "narrative_facts", "sentence_facts"]

#: the measures of a whole its parts after 其中 share (not a change: its parts' signs are their own)
_SHARED_BY_PARTS = ("年初预算数", "全年预算数", "预算数", "决算数", "执行数", "上年数")

#: a sentence opening with a 科目 and its level, then a colon (`检察（款）: 2018年预算支出合计…`)
_OPENING_LABEL = re.compile(r"^(?P<label>[^，。；：:（(]{2,20})[（(](?:类|款|项)[)）]\s*[：:]")

#: a sentence opening with a fund's own 财政拨款 (its 本年收入 and 本年支出 are that fund's)
_FUND_OPENING = re.compile(r"^(?:(?:19|20)\d{2}\s*年度?)?(政府性基金预算财政拨款|国有资本经营预算财政拨款)")

#: figureless sentences (主要用于…, 主要原因…) a topic survives
_TOPIC_SPAN = 3


#: amounts that, printed under an earlier year than the report's, are that year's figure
_YEAR_AMOUNTS = frozenset(("预算数", "年初预算数", "决算数", "执行数"))  # (2023年当年预算执行数 in a 2024 budget)
_YEAR_RE = re.compile(r"((?:19|20)\d{2})年")
#: a run of years naming a project's period (`2018-2021年城乡居民意外伤害保险…项目`), not the year of its figure
_PERIOD_RE = re.compile(r"(?:19|20)\d{2}\s*[-—–~至到]\s*(?:19|20)\d{2}年")


def _earlier_year(lead: str, doc: Document, by: int = 1) -> bool:
    """Whether the last year the lead names is `by` or more years before the report's."""
    years = [int(y) for y in _YEAR_RE.findall(_PERIOD_RE.sub("", lead))]  # (a project's period is part of its name)
    return bool(doc.year and years and years[-1] <= doc.year - by)


def _counted(after: str) -> str | None:
    """The thing a count names after it, up to its clause end (`项目纳入绩效目标管理`); None when too long."""
    words = re.sub(r"[（(][^）)]*[）)]", "", after).strip()
    return words if 2 <= len(words) <= 16 and not re.search(r"\d", words) else None


def _continues(text: str, first: Figure, doc: Document) -> bool:
    """True when the words before a sentence's first figure, in its clause, are only a cue, a basis, years or fillers."""
    return is_bare(first.rest, doc)


def sentence_facts(sent: Sentence, doc: Document, prev: Sentence | None = None,
                   prev_subject: str | None = None, continues: str | None = None) -> list[Fact]:
    """Facts stated in one narrative sentence (see the module docstring).

    `prev` is the sentence before it, `prev_subject` the first item that sentence stated, `continues`
    the topic of the sentences before (taken when this one names no item before its first figure)."""
    text = sent.text
    default = "预算数" if doc.kind == "预算" else "决算数"
    ctx, prefix = _context_subject(sent, prev)
    named = ctx is not None  # a project name or item label, not only the topic carried on
    figures = sentence_figures(text)
    if ctx is None and continues and figures and _continues(text, figures[0], doc):
        ctx = continues
    current: str | None = None
    current_code: str | None = None
    out: list[Fact] = []
    last_end = 0
    used_ctx = False
    ends: list[int] = []  # where each fact's figure ends in the text
    whole: str | None = None  # the measure of an amount whose parts follow (…为X万元，其中：)
    label, fund = _OPENING_LABEL.match(text), _FUND_OPENING.match(text)  # (the 科目 or fund the sentence opens with)
    for fig in figures:
        subject, code = _subject_of(fig.rest, doc)
        if fig.lead[len(fig.rest):].startswith("支出"):  # `一般公共预算财政拨款支出决算为`: 支出 ends the item
            subject = canonical_subject(_strip_prefix(fig.rest, doc) + "支出") or subject
        if subject is None and current is None and not named:
            # `资助困难群众居民医保，共计5629人次`: the clause before a bare 共计 names the item
            before = text[last_end:fig.number.start - len(fig.lead)].rstrip(_DELIMS)
            if before:
                subject, code = _subject_of(before, doc)
        last_end = fig.number.end
        if subject is not None and fig.kind == "count" and cues().area_subjects.match(subject) \
                and re.match(r"[\u4e00-\u9fff]", fig.after) and _counted(fig.after):
            subject, code = _counted(fig.after), None  # 全区15.22万人参加城乡居民医保: who is counted follows
        if subject is None and fig.kind == "count" and re.match(r"[\u4e00-\u9fff]", fig.after):
            # the counted thing is named after the figure (`35个项目纳入绩效目标管理`): that is the item
            subject = _counted(fig.after)
            if subject is None:
                continue
        if subject is None and out and fig.kind == "amount" and _TOTAL_LEAD.fullmatch(fig.lead):
            # `…，其中A 370.00万，…进博会推进专项153.00万，合计2921.00万`: the total of the parts just listed is the
            # sentence's whole, restated; no figure of the last part
            if out[0].unit not in AMOUNT_UNITS or \
                    abs(to_wan(out[0].value, out[0].unit) - to_wan(fig.number.value, fig.number.unit)) > 0.005:
                continue
            subject, code = out[0].subject, out[0].subject_code
        if subject is None:
            if current is None:
                if ctx is None:
                    continue
                subject, used_ctx = ctx, True
            else:
                subject, code = current, current_code
        if label and subject and re.search(r"合计|总计", subject) and fig.number.start > label.end():
            # `检察（款）: 2018年预算支出合计16,444.36万元`: the total of the 科目 the sentence opens with
            subject, code = normalize_subject(_ORDINAL_RE.sub("", label.group("label"))), None
        if fund and subject in ("收入合计", "支出合计"):
            # `2023年度政府性基金预算财政拨款年初结转和结余0万元，本年收入0万元`: that fund's 收入, not the report's
            subject = fund.group(1) + subject[:2]
        # 其中：基本支出… right after a sentence about 一般公共预算财政拨款支出
        if (text.startswith("其中") and prev_subject and prev_subject.startswith(("一般公共预算财政拨款", "政府性基金预算财政拨款"))
                and subject in ("基本支出", "项目支出")):
            subject = prev_subject.removesuffix("支出") + subject
        current, current_code = subject, code
        measure, unit, value = _measure_of(fig, subject, text, default)
        if fig.measure is None and fig.kind == "amount" and doc.kind == "决算" and subject.startswith("预算"):
            measure = "年初预算数"  # `部门2024年预算支出为1,961.18万元` in a final account: what was budgeted
        if fig.measure is None and fig.kind == "amount" and whole is not None and measure == default:
            measure = whole  # `…预算支出为1,961.18万元，其中：基本支出1,588.69万元`: the parts are of the whole's measure
        if not out and fig.kind == "amount" and measure != default and measure in _SHARED_BY_PARTS \
                and re.match(r"[^。；;]{0,4}其中", text[fig.number.end:]):
            whole = measure
        if measure == "比率" and out and out[-1].measure == "增减额" and out[-1].subject == subject and _bracketed(text, fig):
            # 较上年减少1.49万元（18.63%）: the rate of the change just stated
            measure, value = "增减率", abs(value) * (-1 if out[-1].value < 0 else 1)
        if measure in _YEAR_AMOUNTS and _earlier_year(fig.lead, doc):
            if _earlier_year(fig.lead, doc, by=2):
                continue  # `2019年预算为27.56万元` in a 2021 report: no figure of this year's or of 上年
            # `2020年预算为30.1万元` in a 2021 report; `2025年当年预算执行数为…` in a 2026 budget: last year's actual
            measure = "上年执行数" if measure == "执行数" else cues().basis_measure
        quote = (prefix + sent.quote) if used_ctx and prefix else sent.quote
        out.append(Fact(doc.doc_id, subject, measure, value, unit, quote, table=None, subject_code=code,
                        page=sent.page, lines=sent.lines))
        ends.append(fig.number.end)
    out += _unchanged(text, out, ends)
    out = _parts_qualified(text, out, ends)
    out = _staff_parts_named(text, out, ends)
    if any(f.measure == "全年预算数" for f in out) and not any(f.measure == "年初预算数" for f in out):
        # `调整预算数1636.49万元，实际执行数1228.72万元，执行率75.08%`: the rate of the adjusted budget
        out = [replace(f, measure="完成预算率") if f.measure == "执行率" else f for f in out]
    if not out:
        out.extend(_none_facts(sent, doc))
    return out


def _parts_qualified(text: str, out: list[Fact], ends: Sequence[int]) -> list[Fact]:
    """`拟新增配置公务用车6辆，其中，执法执勤用车6辆…`: the parts counted after 其中 are parts of the qualified whole
    (拟新增配置执法执勤用车), not the report's stock of them; a whole named without a qualifier leaves them as they are."""
    if len(out) < 2 or out[0].unit not in cues().listed_units or "其中" not in text[ends[0]:]:
        return out
    whole = out[0].subject
    canon = next((c for c, _ in NARRATIVE_SUBJECTS if whole.endswith(c) and len(whole) > len(c)), None)
    if canon is None:
        return out
    qualifier = whole[: -len(canon)]
    return [out[0], *(replace(f, subject=qualifier + f.subject) if f.unit == out[0].unit
                      and not f.subject.startswith(qualifier) else f for f in out[1:])]


def _staff_parts_named(text: str, out: list[Fact], ends: Sequence[int]) -> list[Fact]:
    """`实有人员97人，其中市委宣传部行政85人、市委讲师团事业12人`: heads counted after 其中 are the whole's kind of
    count (讲师团's 实有人员, not its 编制), and so is a part named by another kind (`在职实有人数56人，其中：行政编制6人`
    is no second 行政编制 beside `编制62人，其中：行政编制7人`): each is named with the whole's name after its own.
    A part naming the whole's kind (编制339名，其中行政编制199名), within the whole's name (离退休人员…其中离休0人) or
    a kind of staff of its own (工勤人员) stays; the kinds are questions.json staff_words."""
    if len(out) < 2 or out[0].unit not in ("人", "名") or "其中" not in text[ends[0]:]:
        return out
    whole = out[0].subject
    kind = next((group for group in question_words()["staff_words"] if any(w in whole for w in group)), None)
    if kind is None:
        return out
    return [out[0], *(replace(f, subject=f.subject + whole) if f.unit == out[0].unit and f.subject != whole
                      and not any(w in f.subject for w in kind) and not set(f.subject) <= set(whole)
                      and not f.subject.endswith("人员") else f for f in out[1:])]


def _unchanged(text: str, out: Sequence[Fact], ends: Sequence[int]) -> list[Fact]:
    """A change of 0 for the amount stated just before a clause saying it is as last year's (`人大立法（项）支出
    810万元，与上年相比持平`): 增减额 0 in its unit and 增减率 0%, unless a change of it is printed already."""
    added: list[Fact] = []
    for m in cues().unchanged.finditer(text):
        before = [(end, f) for end, f in zip(ends, out) if end <= m.start() and not re.search(r"[。；;]", text[end:m.start()])]
        if not before:
            continue
        f = before[-1][1]
        if f.measure not in AMOUNT_MEASURES or f.measure == "增减额" or any(
                g.subject == f.subject and g.measure in ("增减额", "增减率") for g in (*out, *added)):
            continue
        added += [replace(f, measure="增减额", value=0.0), replace(f, measure="增减率", value=0.0, unit="%")]
    return added


def _bracketed(text: str, fig: Figure) -> bool:
    """Whether the figure stands alone in brackets (`（18.63%）`)."""
    return text[max(fig.number.start - 1, 0):fig.number.start] in "（(" and text[fig.number.end:fig.number.end + 1] in "）)"


def _measure_of(fig: Figure, subject: str, text: str, default: str) -> tuple[str, str, float]:
    """(measure, unit, signed value) of a figure: the cue's measure, a count's own, else the report's default."""
    measure, unit, value = fig.measure, fig.unit, fig.number.value
    if unit == "批" and text[fig.number.end:fig.number.end + 1] == "次":
        unit = "批次"
    lex = cues()
    if fig.kind == "count" and measure not in ("增减额", "增减率"):
        measure = next((rule["measure"] for word, rule in lex.subject_counts.items()
                        if word in subject and unit in rule["units"]), lex.count_units.get(unit, lex.count_other))
        if subject in ("公务接待", "因公出国（境）") and unit == "个":
            measure = "批次"
    elif measure is None:
        measure = "比率" if fig.kind == "percent" else default
    if measure in ("增减额", "增减率"):
        value = value * fig.sign
    if measure == "全年预算数" and subject in _SANGONG_ITEMS:
        measure = "预算数"  # a 三公经费 预算数 is its full-year budget
    return measure, unit, value


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



def _section_project(text: str, current: str | None) -> str | None:
    """The project of the section a sentence is in: named by a section title (`2024年度X项目绩效评价报告`,
    `X专项（政策资金）经费情况说明`),
    kept until the next part of the report (`第五部分…`) or the next such title."""
    m = cues().project_reports.match(text)
    if m:  # (`X项目绩效评价报告`, or `X专项（政策资金）经费情况说明`)
        return next(name for name in m.groupdict().values() if name)
    return None if PART_HEADING.match(text) else current


def _project_forms(doc: Document) -> list[tuple[int, str | None]]:
    """Where each table starts (its first line) with the project it is the form of (`项目支出绩效目标表（X）`:
    cues.json `project_forms`), None for any other table; only tables whose lines are known, in reading order."""
    out = []
    for page in doc.pages:
        for t in page.tables:
            if t.row_lines and t.row_lines[0] is not None:
                m = cues().project_forms.search(re.sub(r"\s+", "", t.title or ""))
                out.append((t.row_lines[0], m.group("name") if m else None))
    return sorted(out, key=lambda p: p[0])


def _whole_section(sent: Sentence, current: str | None) -> str | None:
    """`部门整体` while the sentences are in a section on the department as a whole (a heading naming 部门整体 or
    整体绩效), until a top-level heading (`二、…`, `第五部分`) that does not; a sentence there naming no item
    (`2023年调整预算数1636.49万元，实际执行数1228.72万元`) states the whole department's figures."""
    if not sent.heading and not PART_HEADING.match(sent.text):
        return current
    words = terms()["whole_report_words"]
    if any(w in sent.text for w in words):
        return words[0]
    return None if PART_HEADING.match(sent.text) or SECTION_HEADING.match(sent.text) else current


#: the words before a figure that only say it totals the ones before it
_TOTAL_LEAD = re.compile(r"[，,；;]?(?:合计|总计|共计|合共|总共)[为是:：]?")


def _of_the_whole(facts: Sequence[Fact], sent: Sentence, doc: Document, whole: str) -> list[Fact]:
    """The amounts and rates a sentence naming no item states of the whole department: not a sentence about an
    earlier year (`2022年调整预算数1910.44万元` in a 2023 report), nor counts of a table's cells."""
    figures = sentence_figures(sent.text)
    if not figures or _earlier_year(sent.text[: figures[0].number.start], doc):
        return []
    return [f for f in facts if f.subject != whole or f.measure in _WHOLE_MEASURES]


_WHOLE_MEASURES = frozenset(("年初预算数", "全年预算数", "预算数", "决算数", "执行数", "执行率", "完成预算率"))


def _quoted_where_printed(f: Fact, first: Sentence, second: Sentence) -> Fact:
    """A fact of a sentence the page break cut, quoted with the part (page) that prints its figure
    (`…比上年增加1051.89万` | `元，增长54.3%`): the second part unless only the first prints it."""
    def prints(s: Sentence) -> bool:
        return any(abs(n.value - abs(f.value)) < 0.005 for n in find_numbers(s.quote))

    part = first if prints(first) and not prints(second) else second
    return replace(f, quote=part.quote, page=part.page, lines=part.lines)


def narrative_facts(doc: Document) -> list[Fact]:
    """Facts from the report's sentences, in reading order. A sentence the page break cuts is read
    whole (its figures on the second page are named by the words on the first) and quoted per page."""
    out: list[Fact] = []
    prev: Sentence | None = None
    prev_args: tuple = (None, None, None)  # the context `prev` was read with
    prev_count = 0
    prev_subject: str | None = None
    topic: str | None = None
    topic_age = 0
    project: str | None = None  # the project a section reports on (`X项目绩效评价报告`), until the next part
    section_whole: str | None = None  # 部门整体, in a section on the department as a whole (部门整体绩效自评)
    lex = cues()
    forms = _project_forms(doc)  # (line, project) of each table printing one project's form, in reading order
    in_form = False
    for page in doc.pages:
        for k, sent in enumerate(page_sentences(page, doc)):
            if sent.numbered:  # (`3.项目资金投入` inside a project's section: the project is still the topic)
                continue
            while forms and sent.lines and forms[0][0] < sent.lines[0]:
                # a sentence after a project's form (项目支出绩效目标表（X）: 项目总预算…，2019年预算为…) is about X,
                # not the item read before the form; another table ends it
                name = forms.pop(0)[1]
                if name or in_form:
                    project, topic, topic_age = name, name, 0
                in_form = name is not None
            args = (prev, prev_subject, topic)
            cut = (k == 0 and prev is not None and prev.page != sent.page and not prev.heading
                   and not prev.text.endswith(tuple(_END_CHARS)))
            facts: list[Fact] = []
            if cut and prev is not None:
                whole = replace(prev, text=prev.text + sent.text)
                read = sentence_facts(whole, doc, prev_args[0], prev_args[1], continues=prev_args[2])
                facts = [_quoted_where_printed(f, prev, sent) for f in read[prev_count:]]
            section_whole = _whole_section(sent, section_whole)
            if not facts:
                # (`该项目批复的年初预算数为…` in the report on one project: that project's)
                refers = project if project and cues().this_project.search(sent.text) else None
                facts = sentence_facts(sent, doc, prev, prev_subject, continues=topic or refers)
                if not facts and section_whole:
                    facts = _of_the_whole(sentence_facts(sent, doc, prev, prev_subject, continues=section_whole), sent,
                                          doc, section_whole)
            project = _section_project(sent.text, project)
            if project:  # `项目实际支出760.53万元` in the report on one project: that project's figure
                facts = [replace(f, subject=project) if lex.project_generic.match(f.subject) else f for f in facts]
            out.extend(facts)
            if facts:
                # the topic goes on only from a sentence about one item (not `其中：基本支出…，项目支出…`)
                one_item = len({f.subject for f in facts}) == 1
                prev_subject, topic, topic_age = facts[0].subject, facts[-1].subject if one_item else None, 0
            else:
                if cut and prev is not None:
                    # a label the page break cut in two: read it whole (quoted with neither page)
                    sent = replace(prev, text=prev.text + sent.text, page=None, lines=None)
                label = label_subject(sent, doc) or project_name(sent.text)
                topic_age += 1
                if label:
                    topic, topic_age = label, 0
                elif sent.heading or topic_age > _TOPIC_SPAN:
                    topic = None
                if not sent.heading:
                    prev_subject = prev_subject if _ITEM_LABEL_RE.search(sent.text) else None
            prev, prev_args, prev_count = sent, args, len(facts)
    return out
