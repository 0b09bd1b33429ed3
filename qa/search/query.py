"""Question understanding: scope (region, year, kind, department) and topic (item, measure).

Scope words become filters, not search terms: chunks rarely name their region or year, so leaving
`青山区2023年` in the text only pulls every chunk of every report that mentions them. What remains (the
topic) is searched, extended with the report phrasing of the measures and items it names, from the
vocabulary in `qa/lexicon/data/terms.json`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Iterable, Sequence

_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)\s*(年度|年)?")
_COMPARE_BEFORE = ("比", "较", "与", "和", "同", "对比", "相比")
# a place name the index may not hold: 2–6 Han characters ending in an administrative suffix
_PLACE = re.compile(r"([\u4e00-\u9fff]{1,6}?(?:自治州|自治县|新区|省|市|区|县|旗|州))")
# words that end in a place suffix but name no place
_NOT_PLACES = {"社区", "城区", "地区", "辖区", "园区", "小区", "市区", "全区", "本区", "全市", "本市", "全县", "本县",
               "全省", "本省", "各区", "各县", "各市", "各区县", "区县", "省市", "城市", "都市", "开发区", "景区", "街区",
               "超市", "城乡"}


from ..lexicon import question_words, terms  # noqa: E402  (terms re-exported for callers)
from ..text.spoken import without_amounts  # noqa: E402
from .conditions import chinese_number  # noqa: E402
from .operation import Operation, parse_operation, set_share_clause, without_checked_extreme  # noqa: E402
from .operation_words import find_derived  # noqa: E402
from ..lexicon.formula_table import formulas  # noqa: E402
from .parts import sub_questions  # noqa: E402
from .shape import _more_kinds, answer_shape, find_terms, listed_measures, precision_said  # noqa: E402
from ..text.chars import BRACKETED, find_cue, longest_first
from .years import with_full_years


@dataclass(frozen=True)
class Region:
    """A region the index holds, with the short forms a user may type (武汉市青山区 -> 青山区, 青山)."""

    name: str
    aliases: tuple[str, ...]


def region_aliases(name: str) -> tuple[str, ...]:
    """武汉市青山区 -> (武汉市青山区, 青山区, 青山); 通城县 -> (通城县, 通城); 江苏省 -> (江苏省, 江苏)."""
    out = [name]
    parts = re.findall(r"[\u4e00-\u9fff]+?(?:自治州|自治县|新区|省|市|区|县|旗|州)", name)
    if len(parts) > 1:
        out.append(parts[-1])
    last = parts[-1] if parts else name
    stem = re.sub(r"(自治州|自治县|新区|省|市|区|县|旗|州)$", "", last)
    if len(stem) >= 2:
        out.append(stem)
    return tuple(dict.fromkeys(out))


def region_stripped(subjects: Iterable[str], regions: Iterable[str]) -> dict[str, str]:
    """Subjects named with a report's region before them (湖州市军队离休退休干部休养所, a unit of the 湖州市 report),
    keyed by the name without it (军队离休退休干部休养所): the question's region is read as its scope, so its
    words for the unit come without it. A name left shorter than 4 characters, or that is a subject itself, is
    not given."""
    prefixes = sorted({a for r in filter(None, regions) for a in region_aliases(r)}, key=len, reverse=True)
    subjects = set(subjects)
    out: dict[str, str] = {}
    for s in sorted(subjects):
        p = next((p for p in prefixes if s.startswith(p)), None)
        if p is not None and len(s) - len(p) >= 4 and s[len(p):] not in subjects:
            out.setdefault(s[len(p):], s)
    return out


@dataclass(frozen=True)
class Query:
    """A question parsed once into a frame: scope (`doc_ids`, `regions`, `departments`, `year`, `kind`), what it
    is about (`topic`, `items`, `measures`), what the answer must be (`form`, `figure_kind`, `unit`). Answerers
    read these fields, not the question's text."""

    text: str
    topic: str
    region: str | None = None  # a region the index holds
    unknown_region: str | None = None  # a place named in the question that the index does not hold
    year: int | None = None
    compare_years: tuple[int, ...] = ()
    kind: str | None = None
    regions: tuple[str, ...] = ()  # every indexed region named (cross-report questions)
    measures: tuple[str, ...] = ()
    items: tuple[str, ...] = ()
    expansions: tuple[str, ...] = field(default=(), repr=False)
    departments: tuple[str, ...] = ()  # the departments named (full names of indexed reports)
    form: str = "figure"  # what the answer must be: figure / reason / list / text
    figure_kind: str = "amount"  # the figure asked: amount / percent / count
    more_kinds: tuple[str, ...] = ()  # figures also asked, in other clauses (多少个项目？涉及金额多少？)
    unit: str | None = None  # the money unit the question asks the answer in (多少元 -> 元)
    asks_actual: bool = False  # asks for actual spending (实际支出, 决算数), which a budget report does not hold
    operation: Operation = field(default_factory=Operation)  # lookup / compute / compare / aggregate / list …
    doc_ids: tuple[str, ...] = ()  # the reports the question names, best first (see qa.search.scope)
    scope_message: str = ""  # why no report matched, or a note on several regions
    previous_year: bool = False  # the year asked is printed as 上年 in the next year's report, which is in scope
    parts: tuple[str, ...] = ()  # the questions asked in turn (总数多少？其中Y多少？), when more than one
    named_as: tuple[tuple[str, str], ...] = ()  # (department, as the question writes it): 江苏省高级人民法院 -> 省法院
    decimals: int | None = None  # the decimals the question asks a figure in (保留两位小数 -> 2)

    def written(self, department: str) -> str:
        """A department as the answer names it: the question's own form first when it is not part of the
        full name (省法院（江苏省高级人民法院）), so the reader sees the name they used."""
        form = dict(self.named_as).get(department)
        return f"{form}（{department}）" if form and form not in department else department

    def in_scope_of(self, other: "Query", **changes: object) -> "Query":
        """This question (a part of `other`, or one asked for it) over `other`'s reports: its scope — reports, year,
        kind, region, departments and how they were named — and no parts of its own."""
        return replace(self, doc_ids=other.doc_ids, year=other.year, kind=other.kind, region=other.region,
                       regions=other.regions, departments=other.departments, parts=(), named_as=other.named_as,
                       **changes)

    @property
    def search_text(self) -> str:
        """The topic plus the report phrasing of its measures and items: what dense and keyword search use."""
        return " ".join([self.topic, *self.expansions]).strip()


def _works_it_out(aside: str) -> bool:
    """Whether a bracketed aside says how the asker would work the figure out (questions.json method_words)."""
    words = question_words()["method_words"]
    return any(w in aside for w in words["alone"]) or (
        _YEAR.search(aside) is not None and any(w in aside for w in words["with_a_year"]))


def _table_pointed_at(text: str) -> str:
    """`…具体多少？（看一般公共预算财政拨款支出决算表）` -> `一般公共预算财政拨款支出决算表中，…具体多少？`: an aside
    saying which table to look in (questions.json look_in_words) is the question's context, said first."""
    words = "|".join(map(re.escape, sorted(question_words()["look_in_words"], key=longest_first)))
    m = re.search(rf"[（(](?:{words})([^（）()]{{2,30}}?表)[)）]", text)
    if m is None:
        return text
    table = re.sub(r"的?(?:那|这)张(?=表$)", "", m.group(1))  # (会议费、培训费那张表)
    return f"{table}中，{text[:m.start()]}{text[m.end():]}".strip()


def _holds_aside(aside: str, words: tuple[str, ...]) -> bool:
    """Whether a bracketed aside only says what a figure holds (含其他资金, 包括下属单位): an inclusion word and two
    or more characters after it, no number (（含）after a bound, 50万元（含）以上, is the bound's)."""
    aside = aside.strip()
    return aside.startswith(words) and len(aside) >= 3 and not re.search(r"\d", aside)


def _context_first(text: str) -> str:
    """`办公费（基本支出）预算` -> `基本支出中办公费预算`: a scope in brackets after an item (questions.json
    bracketed_contexts) is where the item is, not the item; so is one the item is paid from (财政拨款安排的)."""
    words = "|".join(map(re.escape, sorted(question_words()["bracketed_contexts"], key=longest_first)))
    text = re.sub(rf"(年度?|的)?([\u4e00-\u9fff]{{2,}}?)[（(]({words})[)）]", r"\1\3中\2", text)
    # 一般公共预算安排的因公出国费: the money a figure is paid from is where it is, as 一般公共预算中的
    return re.sub(rf"(?:用|由)?({words})(?:资金)?安排的(?=[\u4e00-\u9fff“\"])", r"\1中的", text)


def _change_cue_spans(text: str) -> list[tuple[int, int]]:
    """The spans of the words asking a change (超出…预算百分之 of 增减率): the 预算百分之 inside them asks no 执行率."""
    derived = find_derived(text)
    formula = formulas().formulas.get(derived) if derived else None
    if formula is None or formula.op not in ("change_rate", "diff"):
        return []
    return [span for c in formula.cues if "…" in c and (span := find_cue(c, text)) is not None]


def decimals_asked(text: str) -> int | None:
    """The decimals a question asks its figure in (`保留两位小数`, `精确到小数点后2位`, `精确到0.01` -> 2), or None."""
    m = precision_said(text)
    if m:
        return int(chinese_number(m.group(1)) or 0) or None
    point = re.search(r"精确到\s*0\.(0*)1", text)
    return len(point.group(1)) + 1 if point else None


def compared_before(text: str, at: int) -> bool:
    """Is the year at `at` named as what is compared against (比2016年, 与2023年相比)?"""
    before = text[max(0, at - 3) : at]
    return any(before.endswith(w) for w in _COMPARE_BEFORE)


#: a year written in brackets after a name (通城县医保局（2023）, 青山区(2023年度)): the name's report of that year
_BRACKETED_YEAR = re.compile(r"[（(]\s*((?:19|20)\d{2})\s*(?:年度?)?\s*[）)]")


#: a comma between two years listed (2017，2018，2019三年; 2017,2018: no figure has four digits after its comma)
_LISTED_YEARS = re.compile(r"((?:19|20)\d{2}\s*(?:年度?)?)\s*[，,]\s*(?=(?:19|20)\d{2}(?!\d))")
#: a comma inside a bracketed list of short names (上级（中央，省，市）资金)
_BRACKETED_LIST = re.compile(r"[（(](?:[\u4e00-\u9fff]{1,6}[，,]){1,5}[\u4e00-\u9fff]{1,6}[)）]")


def as_read(question: str) -> str:
    """The question written as its readers expect: each two-digit year in full (25年 -> 2025年), a year alone in
    brackets said as a year, a list of years or of short names in brackets separated by 、 (the list mark), not by
    the comma that separates clauses."""
    text = _LISTED_YEARS.sub(r"\1、", with_full_years(question))
    text = _BRACKETED_LIST.sub(lambda m: re.sub("[，,]", "、", m.group(0)), text)
    return years_in_brackets(text)


def years_in_brackets(question: str) -> str:
    """The question with each year written alone in brackets said as a year (`通城县医保局（2023）` ->
    `通城县医保局2023年`), as the rest of the question's years are."""
    return _BRACKETED_YEAR.sub(lambda m: f"{m.group(1)}年", question)


def without_asking_label(question: str) -> str:
    """The question without a label it opens with before a colon or a comma (`数一数：…`, `占比问题：…`,
    `帮我查一下，…`; questions.json asking_labels), or words it opens with that ask nothing themselves (我想知道…;
    asking_openers)."""
    labels = "|".join(map(re.escape, sorted(question_words()["asking_labels"], key=longest_first)))
    openers = "|".join(map(re.escape, sorted(question_words()["asking_openers"], key=longest_first)))
    question = re.sub(rf"^\s*(?:{labels})\s*[：:，,]\s*", "", question)
    # (占比问题：…: a label naming the kind of question before a colon, a few words before it)
    question = re.sub(rf"^\s*[\u4e00-\u9fff]{{1,4}}(?:{labels})\s*[：:]\s*", "", question)
    return re.sub(rf"^\s*(?:{openers})\s*[：:，,]?\s*", "", question)  # (我想知道省委办公厅…: 道 is no place's end)


def _which_ones(text: str) -> str:
    """哪几家单位, 哪两家: asking which ones, not how many, said as 哪些 (哪三项最多: the three at one end, counted)."""
    asked = text.replace("哪几", "哪些")
    if not re.search(r"最|前|后", asked):
        asked = re.sub(r"哪(?:[两二三四五六七八九十]|\d+)(?=[个家项类笔所座条块])", "哪些", asked)
    return asked


def rows_against_year_before(op: Operation, year: int | None, named: Iterable[int]) -> bool:
    """Whether a question picks rows by their own figure against 上年 and names the year before the one it asks
    (`2019年…比2018年减少的项级科目`): the asked year's report answers it alone, from its own 上年 figures."""
    return op.threshold is not None and op.threshold.reference == "上年数" and year is not None and year - 1 in named


def parse_question(
    question: str,
    regions: Sequence[Region] | Iterable[str] = (),
    *,
    region: str | None = None,
    year: int | None = None,
    kind: str | None = None,
    find_places: bool = True,
) -> Query:
    """Split a question into filters and topic. `regions` are those the index holds (names or Region).

    Explicit `region`/`year`/`kind` arguments win over what the question says. `find_places=False` leaves
    words ending in 市/区/县 in the topic (the caller has already read the places with the gazetteer).
    """
    vocab = terms()
    known = [r if isinstance(r, Region) else Region(r, region_aliases(r)) for r in regions]
    text = question.strip()
    # （根据2026年预算说明倒推）: how the asker would work it out, neither the item nor what is asked (its year is
    # read by the scope as no year asked)
    text = BRACKETED.sub(lambda m: " " if _works_it_out(m.group(0)) else m.group(0), text).strip()
    text = without_checked_extreme(_context_first(_table_pointed_at(text)))  # (是不是占大头？占多少: the share)
    # 占这4个项目合计的比例: a share of the rows read, which the operation reads with them (no measure, no item)
    whole_text, share_clause = text, set_share_clause(text)
    text = text.replace(share_clause, "") if share_clause else text
    asides = question_words()["kind_asides"]  # 增长了多少（百分比）: the kind of figure asked, no item
    # (支出总表（含其他资金）: what the table holds as printed, no item either)
    holds = tuple(question_words()["inclusion_asides"])
    topic = BRACKETED.sub(lambda m: " " if re.sub(r"\s", "", m.group(0)[1:-1]) in asides
                          or decimals_asked(m.group(0)) or _holds_aside(m.group(0)[1:-1], holds) else m.group(0), text)
    said = precision_said(topic)  # 精确到两位小数 said without brackets: how to state the figure, no item
    topic = topic[:said.start()] + " " + topic[said.end():] if said else topic

    # regions the index holds, longest alias first so 武汉市青山区 wins over 青山
    named: list[str] = []
    for alias, reg in sorted(((a, r) for r in known for a in r.aliases), key=lambda p: -len(p[0])):
        if alias in topic:
            if reg.name not in named:
                named.append(reg.name)
            topic = topic.replace(alias, " ")
    unknown = None
    if not named and find_places:
        for m in _PLACE.finditer(topic):
            place = m.group(1)
            if place in _NOT_PLACES or any(place.endswith(w) for w in _NOT_PLACES if len(w) > 2):
                continue
            unknown = place
            break
        if unknown:
            topic = topic.replace(unknown, " ")

    topic, quoted = stash_quoted(topic)  # “2019年度聘请专家人员经费”: a name quoted is matched as written
    years: list[int] = []
    compare: list[int] = []
    for m in _YEAR.finditer(text):
        y = int(m.group(1))
        (compare if compared_before(text, m.start()) else years).append(y)
    topic = _YEAR.sub(" ", topic)
    # 2019年的政府采购里…: the 的 after a year or a name read as scope belongs to neither, nor to the item
    topic = re.sub(r"(?:^|(?<=\s))的(?=[\u4e00-\u9fff])", "", topic)

    found_kind = None
    if "决算" in text and "预算" not in text.replace("年初预算", ""):
        found_kind = "决算"
    elif re.search(r"(?<![纳列]入)部门预算|预算公开|预算总额|预算报告", text):  # (纳入部门预算的单位: its units, no kind)
        found_kind = "预算"

    for abbr, full in vocab["abbreviations"].items():
        topic = topic.replace(abbr, full)
    measures, items = find_terms(text, vocab["measures"], vocab["items"], claimed=_change_cue_spans(text))
    measures += [m for m in listed_measures(text, vocab["measures"]) if m not in measures]
    # 实有多少人: the 有 of a word ending in it (terms.json words_ending_in_you) is not the 有 of 有多少
    for word in vocab["words_ending_in_you"]:
        topic = re.sub(f"{re.escape(word)}(?=多少|几)", f"{word} ", topic)
    for word in sorted(vocab["question_words"], key=longest_first):
        topic = topic.replace(word, " ")
    # 请 as the user's please, not the 请 of 聘请 or 申请
    # (nor the 请 of a user's word for an item that opens with it: 请客吃饭)
    own = "|".join(re.escape(a) for a in vocab["subject_aliases"] if a.startswith(tuple(vocab["leading_question_words"])))
    keep = f"(?!{own})" if own else ""
    topic = re.sub(f"(^|[\\s？?！!。，,、；;：:]){keep}(?:{'|'.join(vocab['leading_question_words'])})", r"\1 ", topic)
    topic = without_amounts(topic)  # 只花了4.7万: a figure the user quotes, not a word to match
    topic = re.sub(r"[？?！!。，,、；;：:“”\"]+", " ", topic)
    topic = re.sub(r"\s+", " ", restore_quoted(topic, quoted)).strip()

    expansions: list[str] = []
    for name in measures:
        expansions += vocab["measures"][name]["phrases"]
    for name in items:
        expansions += vocab["items"][name]["phrases"]
    expansions = [e for e in dict.fromkeys(expansions) if e not in topic]

    asked = _which_ones(text)
    parts = sub_questions(text)
    form, figure_kind, unit = answer_shape(asked)
    if figure_kind == "amount" and unit is None and _counted_items(items, asked):
        figure_kind = "count"  # 预算里说的人员编制是多少: 预算 names the report, the item is counted in 人
    more_kinds = _more_kinds(asked, figure_kind) if form == "figure" else ()
    operation = parse_operation(_which_ones(whole_text))
    main_year = year if year is not None else (years[0] if years else None)
    if len(compare) == 1 and rows_against_year_before(operation, main_year, compare):
        compare = []  # 2019年…比2018年减少的项级科目: rows against their own 上年, in the 2019 report alone
    if operation.derived == "增减额" and figure_kind == "percent" and "amount" not in more_kinds:
        # 增长了多少（百分比）: the change asked as a percentage is its rate
        operation = replace(operation, derived="增减率")
    return Query(
        text=question,
        # (上年执行数: last year's figure, which a budget report prints)
        asks_actual=any(re.search(rf"(?<!上年)(?<!去年){re.escape(w)}", text) for w in question_words()["actual_words"]),
        operation=operation,
        form=form,
        figure_kind=figure_kind,
        more_kinds=more_kinds,
        unit=unit,
        topic=topic,
        region=region or (named[0] if len(named) == 1 else None),
        unknown_region=None if region else unknown,
        year=main_year,
        compare_years=tuple(compare),
        kind=kind or found_kind,
        regions=tuple(named) if region is None else (region,),
        measures=tuple(measures),
        items=tuple(items),
        expansions=tuple(expansions),
        parts=parts,
        decimals=decimals_asked(text),
    )


def _counted_items(items: Sequence[str], text: str) -> bool:
    """Whether every item the question names is counted in a unit of its own (terms.json items' counted: 人员编制)
    and the question says no money but the words naming the report it reads (预算, 决算)."""
    vocab, words = terms()["items"], question_words()
    money = [w for w in words["money_words"] if w not in words["report_words"]]
    return bool(items) and all(vocab[i].get("counted") for i in items) and not any(w in text for w in money)


#: a name the question quotes (“2019年度聘请专家人员经费”): matched as written
_QUOTED = re.compile(r"[“\"「『《]([^“”\"「」『』《》]{2,40})[”\"」』》]")
_STASH = "\ue000"  # a private-use character: no question word, year or punctuation rule touches it


def stash_quoted(topic: str) -> tuple[str, list[str]]:
    """The topic with each quoted name (“…”, 「…」, 《…》) set aside, and the names in order."""
    quoted: list[str] = []

    def stash(m: re.Match) -> str:
        quoted.append(m.group(1))
        return f" {_STASH}{chr(0xE001 + len(quoted) - 1)} "
    return _QUOTED.sub(stash, topic), quoted


def restore_quoted(topic: str, quoted: Sequence[str]) -> str:
    for i, name in enumerate(quoted):
        topic = topic.replace(f"{_STASH}{chr(0xE001 + i)}", name)
    return topic


def said_in_full(question: str) -> str:
    """The question with the words people use for others read as those (questions.json said_for: 超编 ->
    在职人数超过编制数), so the operation words that read it apply."""
    for short, full in sorted(question_words()["said_for"].items(), key=lambda p: longest_first(p[0])):
        question = re.sub(short, full, question)
    return question
