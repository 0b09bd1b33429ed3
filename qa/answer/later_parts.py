"""Later parts of a compound question answered from the first part's answer: a part's share of the figure just
answered (共有多少辆车？执法执勤用车占比多少？), the amount stated beside a count (有几个项目，涉及多少资金), the
item's 上年 figure after its change (比上年少了多少？上年预算是多少？)."""
from __future__ import annotations

import re
from dataclasses import replace
from typing import Callable, Sequence

from ..lexicon import question_words, terms
from ..lexicon.formula_table import formulas
from ..models import Answer, Fact, Figure
from ..search.query import Query
from ..search.parts import count_unit_asked, gap_of_ends, gap_to_other_end, names_own_item
from ..search.retrieve import Retriever
from ..store.index import Index
from ..text.chars import longest_first, squash
from ..text.numbers import AMOUNT_UNITS, Number, find_numbers, format_value
from .grounding import ground
from .listed_rows import _bigrams
from .match import Statement, match_question
from .said_names import operation_free
from .one_report import find_amount
from .previous import answer_previous_year
from .statements import _citations, _report_name, _statement_text


def share_of_first(part_name: str, first: Answer, facts: Sequence[Fact], index: Index) -> Answer | None:
    """The share of the part a later question names in the one figure the first question answered (共有车辆66辆 ->
    执法执勤用车38辆 = 57.58%), when the report states the part in that figure's unit and it is smaller."""
    whole = _whole_answered(first)
    if whole is None or whole.value <= 0:
        return None
    part = find_amount(part_name, facts, unit=whole.unit)
    if part is None or part.unit != whole.unit or not 0 < part.value < whole.value:
        return None
    if len(first.figures) > 1 and not any(f.value == part.value and f.unit == part.unit for f in first.figures):
        return None  # (of a sum, only one of the items it adds up)
    pct = round(100 * part.value / whole.value, 2)
    formula = f"{format_value(part.value)} ÷ {format_value(whole.value)} = {format_value(pct)}%"
    said = Statement(part.doc_id, part.subject, part.measure, part.value, part.unit, (part,))
    text = (f"{_report_name(index, part.doc_id)}：{part.subject}{format_value(part.value)}{part.unit or ''}，"
            f"占比：{format_value(pct)}%（计算：{formula}）。")
    return Answer(question=first.question, found=True, text=text,
                  figures=(Figure(part.value, part.unit, part.subject), Figure(pct, "%", f"{part.subject}占比", formula)),
                  citations=tuple(_citations([said], index)), method="facts")


def _whole_answered(first: Answer) -> Figure | None:
    """The figure a first answer gives as its whole: its one figure, or the one sum it worked out of the items it
    states (三公经费、会议费、培训费加起来一共多少 -> 合计 2600.71)."""
    if len(first.figures) == 1:
        return first.figures[0]
    sums = [f for f in first.figures if f.formula and " + " in f.formula and "÷" not in f.formula]
    return sums[0] if len(sums) == 1 else None


#: the fewest character pairs a sentence must share with the first question for its count to be the one answered
COUNT_SENTENCE_PAIRS = 2


def money_of_count(part: str, counted: Answer, facts: Sequence[Fact], index: Index, first_item: str) -> Answer | None:
    """The amount a narrative sentence states beside the count just answered (`共涉及项目 10 个，资金 8055.11 万元`):
    the sentence whose count is the answer's and whose words the first question shares most; None when none."""
    count = next((f.value for f in counted.figures if f.unit in ("个", "项")), None)
    if count is None:
        return None
    wanted = _bigrams(first_item)
    said = [f for f in facts if f.table is None and f.unit in ("个", "项") and f.value == count]
    best = max(said, key=lambda f: len(wanted & _bigrams(f.quote)), default=None)
    if best is None or len(wanted & _bigrams(best.quote)) < COUNT_SENTENCE_PAIRS:
        return None
    amount = next((f for f in facts if f.quote == best.quote and f.unit in AMOUNT_UNITS and f.table is None), None)
    if amount is None:
        return None
    return _stated(part, amount, index)


#: how many lines after the counted sentence a count in another unit may stand and still be said beside it
COUNT_BESIDE_LINES = 2


def count_beside(part: str, counted: Answer, facts: Sequence[Fact], index: Index, first_item: str) -> Answer | None:
    """A count in another unit asked after a count (`组织了几个出国团组，一共多少人次`), naming no item: the count
    in that unit the report states in or just after the sentence counted (`组织出国团组5个；全年因公出国（境）累计
    15人次`), the one sharing most words with the first question when several stand there; None when none."""
    unit = count_unit_asked(part)
    cited = [c for c in counted.citations if c.lines or c.page]
    # (the first answer a count: an amount answering 多少批 answered something else)
    if unit is None or not cited or not any(f.unit and f.unit not in (*AMOUNT_UNITS, "%") for f in counted.figures):
        return None

    def distance(f: Fact) -> int | None:
        source = index.documents_by_id.get(f.doc_id, {}).get("source")
        # (a PDF's facts carry no lines: the counted sentence itself, on its page, is where the count stands)
        # (the citation may quote it with the heading its line follows: one sentence still)
        if any(not c.lines and c.source == source and c.page == f.page and squash(f.quote) in squash(c.quote)
               for c in cited):
            return 0
        gaps = [f.lines[0] - c.lines[1] for c in cited if c.lines and f.lines and source == c.source]
        gaps = [0 if g < 0 else g for g in gaps if g >= -(f.lines[1] - f.lines[0]) - COUNT_BESIDE_LINES]
        return min(gaps) if gaps and min(gaps) <= COUNT_BESIDE_LINES else None

    wanted = _bigrams(first_item + part)
    answered = {(g.value, g.unit) for g in counted.figures}  # (the count just answered is not another count)

    def beside_in(fits: Callable[[str], bool]) -> list[tuple[int, Fact]]:
        return [(d, f) for f in facts if f.table is None and f.unit and fits(f.unit) and (f.value, f.unit) not in answered
                and (d := distance(f)) is not None]

    # (接待了多少批、多少人: beside 10批次, the people are counted in 人次, a unit opening with the one asked)
    near = beside_in(lambda u: u == unit) or beside_in(lambda u: u != unit and u.startswith(unit))
    if not near:
        return None
    _, best = min(near, key=lambda p: (p[0], -len(wanted & _bigrams(p[1].subject + p[1].quote))))
    return _stated(part, best, index)


def _stated(part: str, fact: Fact, index: Index) -> Answer:
    """One fact of the report as a later part's answer: its statement, its figure, its citation."""
    st = Statement.of(fact)
    return ground(Answer(question=part, found=True, text=f"{_report_name(index, fact.doc_id)}：{_statement_text(st, index)}。",
                         figures=(Figure(fact.value, fact.unit, f"{fact.subject}{fact.measure}"),),
                         citations=tuple(_citations([st], index)), method="facts"))


def last_year_figure(part: str, retriever: Retriever, query: Query, first_item: str) -> Answer | None:
    """The 上年 figure of the first question's item (its words of comparison aside), as the report in scope states
    it or its change implies; None when it gives none."""
    item = re.sub(r"[比较](?:去年|上年|上一年|\d{4}\s*年)?", " ", operation_free(first_item))
    if len(squash(item)) < 2:
        return None
    sub = retriever.parse(f"{item}是多少").in_scope_of(query, previous_year=True)
    got = answer_previous_year(part, sub, query.doc_ids, retriever.index)
    return ground(got) if got is not None else None


#: how many lines apart (a text file's) two passages may stand and still be about one figure
BESIDE_LINES = 30


def beside(text: Answer, figure: Answer) -> bool:
    """Whether each passage a text answer quotes is in the figure answer's part of the report (its page or the
    next; a text file's lines near it): what is asked beside a figure is said where the figure is (车辆2辆，均为老干部服务用车), not in a
    glossary."""
    def near(c, d) -> bool:
        if c.source != d.source:
            return False
        if c.page is not None and d.page is not None:  # (a passage the page break cuts: the next page too)
            return abs(c.page - d.page) <= 1
        if c.page is not None or d.page is not None:
            return False
        return bool(c.lines and d.lines) and abs(c.lines[0] - d.lines[0]) <= BESIDE_LINES
    return all(any(near(c, d) for d in figure.citations) for c in text.citations)


def figure_sentence(a: Answer) -> Answer | None:
    """The narrative sentence a figure's answer was read from, whole, as the answer to what is asked beside the
    figure; None when the answer states no figure of a sentence, or says the whole sentence already."""
    figures = {f.value for f in a.figures if f.value}  # (a 0 says little of which sentence stated the figure)
    for c in a.citations:
        if c.table or len(c.quote) < 10 or squash(c.quote) in squash(a.text):
            continue
        if any(n.value in figures for n in find_numbers(c.quote)):
            title, quote = a.text.partition("：")[0], re.sub(r"\s+", " ", c.quote)
            return Answer(question=a.question, found=True, text=f"{title}：{quote}", citations=(c,), method="passages")
    return None


def without_named(part: str, query: Query) -> str:
    """The part without the words naming the departments the question named (通城比青山多多少: 通城, 青山 name
    通城县医保局 and 武汉青山区医保局), which name no item."""
    said = [w for pair in query.named_as for w in pair]
    runs = sorted({part[i:j] for i in range(len(part)) for j in range(i + 2, min(len(part), i + 8) + 1)
                   if any(part[i:j] in w for w in said)}, key=len, reverse=True)
    for run in runs:
        part = part.replace(run, " ")
    return part


def without_trailing_filler(item: str) -> str:
    """The item without the words of asking it ends with (政府采购一共花 -> 政府采购; terms.json filler), but with
    the nouns naming its money (待遇支出 stays: 支出 is part of the name)."""
    nouns = {w for w in question_words()["money_words"] if len(w) >= 2}
    words = sorted((w for w in terms()["filler"] if w not in nouns), key=longest_first)
    item = item.strip()
    while item and (w := next((w for w in words if item.endswith(w) and len(w) < len(item)), None)):
        item = item[: -len(w)].strip()
    return item


def with_count_companions(a: Answer) -> Answer:
    """A count answered with what its cited quote states beside it (`_companion`): the amount its clause says it
    involves (`编报绩效目标的项目48个，涉及预算金额7,589.42万元`; a reader asking how many projects wants the money they
    cover), or the same thing counted in another unit (`接待10批次、152人次`)."""
    if not a.found:
        return a
    words = "|".join(re.escape(w) for w in question_words()["count_companions"])
    known = {round(f.value, 2) for f in a.figures}
    lines, figures = [], []
    for f in a.figures:
        if f.formula or not f.unit or f.unit in AMOUNT_UNITS or f.unit == "%":
            continue
        for c in a.citations:
            got = _companion(f, c.quote, words)
            if got is None or round(got[1].value, 2) in known:
                continue
            label, amount = got
            known.add(round(amount.value, 2))
            head = next((line.split("：", 1)[0] for line in a.text.split("\n") if format_value(f.value) in line), "")
            lines.append(f"{head + '：' if head else ''}{label}：{format_value(amount.value)}{amount.unit}。")
            figures.append(Figure(amount.value, amount.unit, label))
            break
    if not lines:
        return a
    return replace(a, text="\n".join([a.text, *lines]), figures=(*a.figures, *figures))


def _companion(f: Figure, quote: str, words: str) -> tuple[str, Number] | None:
    """(label, figure) the count `f` comes with in `quote`: the amount right after it opened by a companion word, or
    the count of the same thing in another unit beside it; None when there is neither."""
    numbers = find_numbers(quote)
    for i, n in enumerate(numbers):
        if abs(n.value - f.value) > 1e-9 or n.unit != f.unit:
            continue
        nxt = numbers[i + 1] if i + 1 < len(numbers) else None
        if nxt is not None:
            # (the rest of the count's clause may come first: 共35个项目纳入绩效目标管理，涉及财政性资金合计…)
            m = re.match(rf"^[^，,；;。\d]{{0,16}}?\s*[，,]?\s*(?:共|合计|总共)?({words})([^，,；;。]{{0,12}}?)"
                         rf"(?:合计|共计|共|为)?\s*$", quote[n.end:nxt.start])
            if m and nxt.kind == "amount":
                return f"{m.group(1)}{m.group(2)}".strip(), nxt
        # a count of the same thing in another unit beside it (接待10批次、152人次; 接待1次，接待人数共13人)
        beside = [(nxt, quote[n.end:nxt.start], True)] if nxt is not None else []
        if i:
            beside.append((numbers[i - 1], quote[numbers[i - 1].end:n.start], False))
        for other, gap, after in beside:
            # (38个处室，编制338名: a count before whose unit a noun follows counts that noun, not the same thing)
            if other.kind == "count" and other.unit and other.unit != n.unit and len(gap) <= _BESIDE_GAP \
                    and not re.search(r"[；;。\d]", gap) and (after or not re.match(r"\s*[\u4e00-\u9fff]", gap)):
                said = re.sub(r"^[次个项]|[，,、\s]|共$|为$", "", gap) if after else ""
                if not after:  # (the words before it in its clause name it: 发生国内接待1次)
                    said = re.split(r"[，,；;。]", quote[:other.start])[-1].strip()
                return (said if len(re.sub(r"[^\u4e00-\u9fff]", "", said)) >= 2 else f.label), other
    return None


#: the most characters between two counts of one thing in two units (`1 次，接待人数共13 人`)
_BESIDE_GAP = 8


def gap_between(ends: Answer) -> Answer | None:
    """The difference between the two amounts just answered (最大和最小的各是哪个？两者差多少？), or None when the answer
    holds not two amounts in one unit."""
    if len(ends.figures) != 2:
        return None
    a, b = ends.figures
    if a.unit != b.unit or a.unit not in AMOUNT_UNITS:
        return None
    high, low = (a, b) if a.value >= b.value else (b, a)
    gap = round(high.value - low.value, 6)
    formula = f"{format_value(high.value)} − {format_value(low.value)} = {format_value(gap)}"
    text = f"两者相差：{format_value(gap)}{high.unit}（计算：{formula}）。"
    return Answer(question=ends.question, found=True, text=text,
                  figures=(Figure(gap, high.unit, f"{high.label} − {low.label}", formula),),
                  citations=ends.citations, method=ends.method)


def ends_and_gap(first: str, part: str, last: Answer, ask: Callable[[str], Answer]) -> tuple[Answer | None, Answer | None]:
    """(the answer of both ends, the answer of their difference) when the later part asks how far apart the ends
    are (最大和最小的各是哪个？两者差多少？ — or, after one end, 它比最少的那一块多出多少？, which asks the first question
    again for both ends); (None, None) otherwise."""
    if gap_of_ends(first, part):
        gap = gap_between(last)
        return (last, gap) if gap is not None else (None, None)
    both = gap_to_other_end(first, part)
    ends = ask(both) if both is not None else None
    gap = gap_between(ends) if ends is not None and ends.found else None
    return (ends, gap) if gap is not None else (None, None)


#: the set a question reads its rows in, said before 里/中 (`三公经费三项里哪一项最多`: 三公经费)
_SET_NAMED = re.compile(r"^(.{2,}?)(?:[一二两三四五六七八九十\d]+[个项类笔块])?(?:里面|当中|之中|里|中)")
#: a whole named after the first one's 里的 (…里的商品和服务支出，…), up to where the question goes on
_INNER_SET = re.compile(r"的([\u4e00-\u9fff（）()]{2,}?)(?=[，,？?。\s]|有|哪|几|多少|个|$)")


def set_named(item: str) -> str:
    """The whole a question's rows are read in (`“三公”经费三项里哪一项预算最多`: 三公经费), or ''."""
    said = re.sub(r"[“”\"'‘’\s]", "", item)
    m = _SET_NAMED.search(said)
    if m is None:
        return ""
    # 基本支出决算里的商品和服务支出，…哪项最大: the whole named inside the first one is the set
    inner = _INNER_SET.match(said, m.end())
    return inner.group(1) if inner else m.group(1)


def before_derived(question: str) -> str:
    """A question up to the words asking its derived measure (`…的部门预算相差多少？` -> `…的部门预算`)."""
    at = [i for c in {c for f in formulas().formulas.values() for c in f.cues} if (i := question.find(c)) > 0]
    asked = question[: min(at, default=len(question))].rstrip("？?。，, ")
    return re.sub(r"(?:各自|分别|各)?(?:是|为|有)?(?:多少|几)$", "", asked)


def top_row(a: Answer) -> str | None:
    """The row an answer found at one end of its rows (…中项目最低的是：1. 信息化运行维护 88.5分), or None."""
    if not a.found or len(a.figures) < 1 or not re.search(r"(?:最高|最低)的是：1\. ", a.text) or "\n" in a.text:
        return None
    return a.figures[0].label.rsplit(" ", 1)[0] or None


def row_of_columns(first_item: str, part: str, facts: Sequence[Fact]) -> str | None:
    """The row the first question asked of, when a later part names only columns that row prints (公务员医疗补助的
    支出决算合计是多少？基本支出和项目支出分别多少？: that row's 基本支出 and 项目支出); None otherwise."""
    match = match_question(first_item, {f.subject for f in facts})
    if match is None or match.alternatives or len(match.subjects) != 1:
        return None
    row = match.subjects[0]
    columns = {f.measure for f in facts if f.subject == row and f.table and len(f.measure) >= 2}
    rest, named = part, []
    for column in sorted(columns, key=longest_first):
        if column in rest:
            named.append(column)
            rest = rest.replace(column, " ")
    return row if len(named) >= 2 and not names_own_item(rest) else None
