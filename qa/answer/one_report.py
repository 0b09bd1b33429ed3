"""Figures derived within one report: an item's 执行率 / 增减额 / 增减率, as the report prints them or computed from
what it prints, and the readings a share needs (finding a part's or a total's amount; shares.py computes it).

Each result is a formula over facts (qa.answer.derived) and cites every fact it used.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterable, Sequence

from ..facts.indicators import INDICATOR_MEASURES
from ..facts.labels import normalize_measure
from ..facts.subjects import canonical_subject
from ..ingest.identity import KINDS
from ..lexicon.formula_table import formulas, operation_words
from ..models import Answer, Fact, Figure
from ..search.operation import Operation
from ..lexicon import in_report_words, question_words, terms
from ..search.query import Query
from ..store.index import Index
from ..text.chars import in_order, longest_first, shortest_first, squash, written_shorter
from .derived import Derived, derive, fmt, rate_from_change, rate_of_budget_from_change
from .columns import common_run
from .match import Statement, match_question
from .said_names import operation_free
from .listed_rows import _bigrams
from .change_readings import asks_amount, asks_rate, other_readings_of_change
from .whole_report import PRINTED, of_side_asked, whole_report_subjects
from .joining import joined
from .statements import _basis_of_change, _citations, _narrative_also, _report_name

_AMOUNT_UNITS = ("万元", "元", "亿元")
_TOTAL_ROWS = ("合计", "总计", "小计", "本年支出合计", "支出合计", "本年收入合计", "收入合计")
_GENERIC_TOTAL = re.compile(r"[总全部所有的本年合计预算决算支出数额金]")


def _amounts(facts: Sequence[Fact], unit: str | None = None) -> list[Fact]:
    """Facts stating an amount of their own year (not a change, not last year's figure); with `unit`, the
    counts in that unit instead (万人: a share of people)."""
    units = (unit,) if unit else _AMOUNT_UNITS
    return [f for f in facts if f.unit in units and f.measure != "增减额" and not f.measure.startswith("上年")]


#: how much of a subject a name must hold, its characters in order, to name it with a word left out
IN_ORDER_SHARE = 0.75


def find_amount(name: str, facts: Sequence[Fact], prefer_table: str | None = None, context: str = "",
                unit: str | None = None, *, as_said: bool = True) -> Fact | None:
    """The fact that states the amount `name` names: a row of that subject (its total column), or the
    column of that name on a table's total row (基本支出 of 合计); nearer names after exact ones. A name no
    fact fits is read again in the report's words (公车: 公务用车; terms.json subject_aliases)."""
    name = re.sub(r"^的", "", squash(name))  # (长沙公安局的公车: the 的 after the department's name)
    column = normalize_measure(re.sub(r"(?<=类)(?:支出|经费)$", "", name))
    if column != name and column not in ("合计", "小计") and not any(f.subject == name for f in facts):
        name = column  # 人员类支出: the column a table heads 人员类, read as 人员经费 (the extraction's header names)
    if len(name) > 2 and name.endswith("类"):  # 工程类: the 工程 of the context (政府采购工程)
        name = name[:-1]
    if len(name) < 2:
        return None
    head = re.sub(r"(?:总计|合计|总额|总数)$", "", name)
    amounts = _amounts(facts, unit)
    if head != name and len(head) >= 2 and not any(f.subject == name for f in amounts) \
            and any(f.subject == head for f in amounts):
        name = head  # 项目支出总计: the total of 项目支出, not 支出总计 (the report's whole) with 项目 left over
    wanted, around = _bigrams(name), _bigrams(context)
    best: tuple[tuple, Fact] | None = None
    for f in amounts:
        # (档案局在职人数: the row's column the name closes with, the row named by the words before it)
        said_column = len(f.measure) >= 2 and f.subject not in _TOTAL_ROWS and name.endswith(f.measure) \
            and len(name) - len(f.measure) >= 2
        row = re.sub("的$", "", name[: -len(f.measure)]) if said_column else name
        row_words = _bigrams(row) if said_column else wanted
        if f.subject == name or (f.subject in _TOTAL_ROWS and f.measure == name) or f.subject == row:
            fit = 3.0
        elif len(f.subject) >= 2 and (row in f.subject or f.subject in row):
            fit = 2.0 - abs(len(f.subject) - len(row)) / 20
        elif f.subject in _TOTAL_ROWS and f.measure in ("合计", "小计") and f.table and name in squash(f.table):
            fit = 2.5  # 基本支出: the grand total of the 基本支出明细表, as its topic names it
        elif _qualified_by_table(name, f):
            fit = 2.8  # 财政拨款基本支出: 基本支出 in the table whose title names 财政拨款
        elif written_shorter(row, f.subject, IN_ORDER_SHARE, shortest=4):
            fit = 1.5  # 执法执勤车: the subject written with a word left out (执法执勤用车)
        elif row_words and len((row_words | around) & _bigrams(f.subject)) / len(row_words | around) >= 0.6:
            fit = len((row_words | around) & _bigrams(f.subject)) / len(row_words | around)  # (the nearer the better)
        elif f.subject in _TOTAL_ROWS and wanted and len(wanted & _bigrams(f.measure)) / len(wanted) >= 0.6:
            fit = len(wanted & _bigrams(f.measure)) / len(wanted)  # 一般公共预算资金: the 一般公共预算财政拨款 column
        else:
            continue
        column = (f.measure in ("合计", "小计", "决算数", "预算数", "年初预算数", "本年支出", "") or f.table is None
                  or (f.subject in _TOTAL_ROWS and f.measure == name))
        near = len(around & _bigrams(f.table or ""))
        score = (fit, said_column, column, near, f.table == prefer_table if prefer_table else False, f.table is None, -(f.page or 0))
        if best is None or score > best[0]:
            best = (score, f)
    # (the whole name a user's word, 公车; else the user's words of three characters or more inside it, 军休所 of
    # 军休所一家: not 收入 inside 低收入人口)
    bare = re.sub(rf"(?:{'|'.join(KINDS)})数?$", "", name) if best is None else name
    if bare != name and len(bare) >= 2:  # 三公预算: the 三公经费's own figure, the kind said after it
        got = find_amount(bare, facts, prefer_table, context, unit, as_said=as_said)
        if got is not None:
            return got
    if best is None and as_said:  # (read again only when no fact fits: the aliases are not scanned on every call)
        said = terms()["subject_aliases"].get(name) or in_report_words(name, shortest=3)
        if said == name:  # 全部项目资金: the money of the 项目支出 rows, as the tables name it
            said = re.sub(r"^(?:全部|所有|整个|总的)?(.{2,}?)(?:资金|经费|的钱|开支)$", r"\1支出", name)
        return find_amount(said, facts, prefer_table, context, unit, as_said=False) if said != name else None
    return best[1] if best else None


def _qualified_by_table(name: str, f: Fact) -> bool:
    """Whether `name` is a qualifier its table's title names + the fact's row (or, on a total row, its column)."""
    key = f.measure if f.subject in _TOTAL_ROWS else f.subject
    if not f.table or len(key) < 2 or not name.endswith(key) or len(name) == len(key):
        return False
    return name[: -len(key)] in squash(f.table)


def _named(name: str, facts: Sequence[Fact]) -> str:
    """The subject a share's part or total names in the lexicon's words (收入预算 -> 收入总计; 本级高等教育支出 ->
    高等教育), when the vocabulary matcher finds exactly one; else the name as written."""
    bare = name
    for word in sorted(operation_words()["member_units"]["own_unit"], key=longest_first):
        bare = bare.replace(word, "")  # 本级: the department's own unit, no part of an item's name
    held = {f.subject for f in facts}
    said = canonical_subject(squash(bare))  # 服务类采购: the report's own words for an item (政府采购服务)
    if said in held:
        return said
    match = match_question(bare, held)
    if match is None or match.alternatives or len(match.subjects) != 1:
        return bare
    return match.subjects[0]


def _whose(d: Derived) -> str:
    """The item a computed figure is of, said before it (三公经费增减额, 城乡医疗救助执行率), when its inputs are
    one item's figures; a share names its part and total in its label already."""
    subjects = {f.subject for f in d.inputs}
    (subject,) = subjects if len(subjects) == 1 else ("",)
    return "" if d.name == "占比" or subject in _TOTAL_ROWS else subject


def _unquoted(text: str) -> str:
    return re.sub(r"[“”\"'‘’「」]", "", squash(text))


def _derived_answer(question: str, doc_id: str, results: Sequence[Derived], index: Index,
                    facts: Sequence[Fact] = ()) -> Answer:
    """`facts`: the report's facts, where a table input's figure is also found in the narrative (cited too)."""
    text = "\n".join(f"{_report_name(index, doc_id)}：{_whose(d)}{d.name}（{d.label}）{fmt(d.value)}{d.unit or ''}"
                     f"（计算：{d.formula}）。" for d in results)
    statements = [Statement(doc_id, "", "", 0.0, None, (*d.inputs, *(g for f in d.inputs for g in _narrative_also(f, f.subject, facts))))
                  for d in results]
    return Answer(question=question, found=True, text=text,
                  figures=tuple(Figure(d.value, d.unit, f"{d.name}（{d.label}）", d.formula) for d in results),
                  citations=tuple(_citations(statements, index)), method="facts")


#: the amounts an 执行率 is computed from
_RATE_INPUTS = ("年初预算数", "全年预算数", "预算数", "决算数", "执行数")
#: a report's own amount for an item (this year's, of which a change is stated)
_OWN_AMOUNTS = ("预算数", "决算数", "合计")


def compares_with_target(text: str, derived: str | None = None) -> bool:
    """Whether the question compares a performance indicator's achieved value with its target (比目标多了多少): a
    reading of the formula table over the indicator's measures whose basis it names."""
    names = [derived] if derived else ["增减额", "增减率"]
    return any(set(r.a) | set(r.b) <= set(INDICATOR_MEASURES)
               for name in names if name in formulas().formulas for r in formulas().formulas[name].basis_readings(text))


def _names_the_rate(item: str, derived: str, facts: Sequence[Fact]) -> bool:
    """Whether the item says whole a name of the report that holds the rate's own word (医疗救助标准执行率, an
    indicator): the word names that item, asked by the lookup, and asks no rate of another."""
    said = squash(item)
    named = {f.subject for f in facts if f.subject in said}
    cues = [c for c in formulas().formulas[derived].cues if "…" not in c]
    return any(len(name) > len(c) + 1 and c in name for name in named for c in cues)


def answer_measure(question: str, query: Query, op: Operation, item: str, facts: Sequence[Fact], doc: dict,
                   index: Index) -> Answer | None:
    """执行率 / 增减额 / 增减率 of the subject the question names in one report: as the report prints it,
    else computed from the facts it prints by the formula table (every reading that applies, labelled)."""
    if op.derived not in PRINTED or _names_the_rate(item, op.derived, facts):
        return None
    # (a performance indicator's target and achieved value are no year's amounts: no change or 执行率 of them,
    # unless the question compares them: 比目标多了多少)
    on_target = compares_with_target(query.text, op.derived)
    subjects = {f.subject for f in facts if on_target or f.measure not in INDICATOR_MEASURES}
    match = match_question(item, subjects) or match_question(operation_free(item), subjects) \
        or match_question(_actual_said_plainly(item), subjects)
    # 预算比去年多了多少: the report's totals; 收支比2023年少了多少: the total named, then the other totals whose
    # change the narrative states (收支总计, 一般公共预算财政拨款…: each a reading of its own)
    named_total = match is not None and not match.alternatives and set(match.subjects) <= set(terms()["total_subjects"])
    if (match is None or match.alternatives) and names_no_item(item) or named_total:
        # (a measure no narrative prints, 年初预算有多少没花掉: the totals it states both sides of)
        sides = [m for r in formulas().formulas[op.derived].readings_for(query.text) for m in r.a]
        wholes = whole_report_subjects(facts, op.derived, item=item) or whole_report_subjects(facts, measures=sides, item=item)
        return joined([a for a in (_measure_of(question, query, op, s, facts, doc, index)
                                    for s in of_side_asked(item, wholes)) if a is not None])
    if match is None or match.alternatives:
        return None

    def prints(x: str) -> bool:  # the narrative prints the change (or rate) asked under the name
        return any(f.subject == x and f.measure in PRINTED[op.derived] and f.table is None for f in facts)

    def derives(x: str) -> bool:  # the name's figures compute it by a reading of the formula table
        return bool(derive(op.derived, [f for f in facts if f.subject == x], query.text))

    # a table row's name (培训费) is often stated in the narrative under a longer one (…安排的培训费预算支出)
    # that prints the change: those come after the matched subjects
    longer = [x for x in sorted(subjects, key=shortest_first) if x not in match.subjects and any(m in x for m in match.subjects)
              and prints(x)]
    def answered(subject: str) -> Answer | None:
        return _measure_of(question, query, op, subject, facts, doc, index)

    # a shorter name whose words the matched one holds in order (参保人数 in 参保缴费人数), stating the change the
    # matched name does not: the same item said more briefly where its change is printed
    shorter = [x for x in sorted(subjects, key=len, reverse=True) if x not in match.subjects and len(x) >= 3
               and any(len(x) < len(m) and in_order(x, m) for m in match.subjects) and prints(x)]

    # 支出比全年预算少了多少: the basis the question names is printed under a longer name of the item, or for the
    # report's total under the scope its narrative compares with the budget (一般公共预算财政拨款支出); that name
    # computes what the matched one could only answer with its change from last year
    readings = formulas().formulas[op.derived].basis_readings(query.text)
    if readings and not any(map(derives, match.subjects)):
        sides = tuple(side for side in terms()["total_sides"] if any(side in m for m in match.subjects))
        scoped = whole_report_subjects(facts, measures=[m for r in readings for m in r.b]) \
            if named_total else []
        based = [x for x in [*sorted(subjects, key=shortest_first), *scoped] if x not in match.subjects
                 and (x in scoped and x.endswith(sides) or any(m in x for m in match.subjects))
                 and derives(x)]
        if based:
            return answered(based[0])
    # the words the item and the matched name share, held in order by another name that prints the change
    # (打击欺诈骗保 of 打击欺诈骗保费用, in 打击欺诈骗取医保, a project form's name): the same item written out
    spelled = [x for x in spelled_out(item, match.subjects, subjects) if x not in longer and x not in shorter
               and (prints(x) or derives(x))]
    # every item named (财政拨款: its 收入 and its 支出, each stated with its own change), else the first longer name
    named = joined([a for a in map(answered, match.subjects) if a is not None])
    return named or next((a for a in map(answered, [*longer, *shorter, *spelled[:1]]) if a is not None), None)


#: the fewest characters an item and a name must share for another name holding them in order to be the item
SPELLED_MIN = 5


def spelled_out(item: str, matched: Sequence[str], names: Iterable[str]) -> list[str]:
    """The other names holding, in order, the words the item shares with a name it matched (打击欺诈骗保 of
    打击欺诈骗保费用, in 打击欺诈骗取医保): the same item written out, in name order."""
    said = [common_run(squash(item), m) for m in matched]
    return sorted(x for x in set(names) - set(matched) if any(len(w) >= SPELLED_MIN and in_order(w, x) for w in said))


def _measure_of(question: str, query: Query, op: Operation, subject: str, facts: Sequence[Fact], doc: dict,
                index: Index) -> Answer | None:
    """The derived measure of one subject: as printed, else computed."""
    mine = [f for f in facts if f.subject == subject]
    printed = [f for f in mine if f.measure in PRINTED[op.derived]]
    # (完成年初预算的百分之几: the basis named keeps the printed rate of that basis, not the 全年预算 one beside it)
    labels, unsaid = terms()["measure_labels"], [other for w, other in _BASIS_SAID if w in query.text]
    printed = [f for f in printed if not any(o in labels.get(f.measure, "") for o in unsaid)] or printed
    # (比年初预算: a basis the question names is computed, not the printed change against last year)
    based = formulas().formulas[op.derived].basis_readings(query.text)
    derived = derive(op.derived, mine, query.text) if based or not printed else []
    if derived and op.derived == "增减额" and asks_rate(query, op):  # 多了多少？增长率是多少？: both computed
        derived += derive("增减率", mine, query.text)
    elif derived and op.derived == "增减率" and asks_amount(query):  # 多了多少？增长幅度是多少？: the amount too
        derived = [*derive("增减额", mine, query.text), *derived]
    if op.derived == "执行率" and not derived and not printed:  # 支出7.78万元，比年初预算数减少0.91万元
        derived = _rate_from_budget_change(doc["doc_id"], subject, facts)
    if printed and not derived:
        said = _printed_answer(question, doc, subject, printed, index, mine, wants_rate=asks_rate(query, op))
        rate_only = op.derived == "增减额" and all(f.measure != "增减额" for f in printed)  # (比上年执行数多多少: a rate only)
        amount = derive("增减额", mine, query.text) if rate_only else []  # (the amount asked: computed, the rate beside it)
        if amount:
            return joined([_derived_answer(question, doc["doc_id"], amount, index, facts), said])
        # (no basis named: a rate the report prints on one basis, 全年预算, and its figures give on another, 年初预算,
        # is a second legitimate reading, computed and labelled)
        others = [d for d in derive(op.derived, mine, query.text)
                  if not any(round(d.value, 1) == round(f.value, 1) for f in printed)
                  and not any(w in query.text and other in d.label for w, other in _BASIS_SAID)] \
            if op.derived == "执行率" else []
        return joined([said, _derived_answer(question, doc["doc_id"], others, index, facts)]) if others else said
    return _derived_answer(question, doc["doc_id"], derived, index, facts) if derived else None


def _rate_from_budget_change(doc_id: str, subject: str, facts: Sequence[Fact]) -> list[Derived]:
    """执行率 of an item whose sentence states its actual amount and its change against the budget, but not the
    budget (the budget it implies: statements._basis_of_change)."""
    implied = _basis_of_change(doc_id, facts, [subject], "年初预算数")
    got = rate_of_budget_from_change(*implied[0].facts) if implied else None
    return [got] if got is not None else []


#: a budget basis the question names, and the basis of a reading it then excludes (完成全年预算的: not 年初预算's)
_BASIS_SAID = (("全年", "年初"), ("调整", "年初"), ("年初", "全年"))


def _actual_said_plainly(item: str) -> str:
    """The item with a word asking the actual figure said as the thing it is (一般公共预算财政拨款实际支出 ->
    …拨款支出): 实际 asks the 决算 reading, which the formula's reading picks, and names no row."""
    for word in question_words()["actual_words"]:
        if word.startswith("实际") and len(word) > 2:
            item = item.replace(word, word[2:])
    return item


def names_no_item(item: str) -> bool:
    """Whether the question names no item, only measures and the report (`预算比去年多了多少`, `比2023年少了多少钱`)."""
    bare = operation_free(item)
    for w in _non_item_words():
        bare = bare.replace(w, "")
    return len(re.sub(r"[^\u4e00-\u9fff]", "", bare)) < 2


@lru_cache(maxsize=1)
def _non_item_words() -> tuple[str, ...]:
    """The lexicon's words that name no item: measures, fillers, question words, comparison words; longest first."""
    t, th = terms(), operation_words()["thresholds"]
    words = [w for e in t["measures"].values() for w in (*e["aliases"], *e.get("phrases", ()))]
    words += [*t["bare_measures"], *t["filler"], *t["question_words"], *th["versus"]]
    words += [w for group in ("signs", "references") for ws in th[group].values() for w in ws]
    words += question_words()["money_units"]  # (合计多少万元: the unit asked names no item)
    return tuple(sorted(set(words), key=longest_first))


def _own_amount_near(change: Fact, own: Sequence[Fact]) -> list[Fact]:
    """The item's own amount its narrative states on the page of a change printed apart from it, when that page
    states one amount of it (a sentence of the change's paragraph); [] otherwise."""
    near = {f.value: f for f in own if f.table is None and f.page == change.page and f.measure in _OWN_AMOUNTS
            and f.unit not in ("%", None) and f.unit == change.unit}
    return list(near.values()) if len(near) == 1 else []


def _printed_answer(question: str, doc: dict, subject: str, printed: Sequence[Fact], index: Index,
                   facts: Sequence[Fact] = (), wants_rate: bool = False) -> Answer:
    """The printed measure(s), narrative first: for a change, those of its sentence (whose wording carries
    the sign, 增加/减少) after the amount the sentence states; for a rate, every reading the report prints
    (年初预算 basis and 项目自评 basis)."""
    from .statements import _prefer_narrative, rate_rechecked, statements_text

    # the sentence stating most about the subject first (与上年相比增加3075.14万元，增长1681.14%, not a list of
    # reasons naming the same change), then in reading order
    said = {q: sum(f.quote == q for f in facts if f.subject == subject) for q in {f.quote for f in printed}}
    ordered = sorted(_prefer_narrative(printed), key=lambda f: -said[f.quote])
    if ordered[0].measure in PRINTED["执行率"]:
        chosen = [next(f for f in ordered if f.measure == m) for m in dict.fromkeys(f.measure for f in ordered)]
        # the budget and the spending the rate is of, as its sentence states them (年初预算180万元，决算118.35万元)
        inputs = [f for f in facts if f.quote == chosen[0].quote and f.table is None and f.unit != "%"
                  and f.measure in _RATE_INPUTS][:2]
        if not inputs:  # (printed apart from the rate: the subject's own budget and spending, one of each)
            own = {f.measure: f for f in reversed(_prefer_narrative([f for f in facts if f.subject == subject
                                                                     and f.measure in _RATE_INPUTS and f.unit != "%"]))}
            adjusted = chosen[0].measure == "完成预算率"  # (of the adjusted budget, as 项目自评 states it)
            budgets = ("全年预算数", "年初预算数", "预算数") if adjusted else ("年初预算数", "预算数", "全年预算数")
            spent = ("执行数", "决算数") if adjusted else ("决算数", "执行数")
            inputs = [own[ms[0]] for ms in ([m for m in budgets if m in own], [m for m in spent if m in own]) if ms]
        chosen = inputs + chosen
    else:
        changes = PRINTED["增减额"]
        amount = [f for f in facts if f.quote == ordered[0].quote and f.table is None and f.measure
                  and f.measure not in changes and f.unit != "%"][:1]  # 支出13.71万元，比年初预算数减少27.49万元
        if not amount:  # (预算数为1685.72万元。与上年相比增加…: the amount its narrative states just before, on its page)
            amount = _own_amount_near(ordered[0], [f for f in facts if f.subject == subject])
        # the change as its sentence states it: amount and rate (少了多少、下降幅度是百分之几 asks both)
        said = [f for f in facts if f.quote == ordered[0].quote and f.subject == subject and f.measure in ("增减额", "增减率")]
        chosen = amount + (sorted(said, key=lambda f: f.measure != "增减额") or [f for f in ordered if f.quote == ordered[0].quote])
    statements = [Statement(doc["doc_id"], subject, f.measure, f.value, f.unit, (f,)) for f in chosen]
    statements += other_readings_of_change(doc["doc_id"], subject, chosen, printed)
    change = next((f for f in chosen if f.measure == "增减额"), None)
    if wants_rate and change is not None and not any(f.measure == "增减率" for f in chosen):
        # the rate the report does not print, from the change and this year's amount it does
        base = amount or _prefer_narrative([f for f in facts if f.measure in _OWN_AMOUNTS and f.unit != "%"])[:1]
        rate = rate_from_change(base[0], change) if base else None
        if rate is not None:
            if not amount:
                statements.insert(0, Statement(doc["doc_id"], subject, base[0].measure, base[0].value, base[0].unit, (base[0],)))
            statements.append(Statement(doc["doc_id"], subject, "增减率", rate.value, "%", rate.inputs, formula=rate.formula))
    statements = rate_rechecked(statements, subject)
    text = f"{_report_name(index, doc['doc_id'])}：" + statements_text(statements, index) + "。"
    return Answer(question=question, found=True, text=text,
                  figures=tuple(Figure(s.value, s.unit, f"{subject}{s.measure}", s.formula) for s in statements),
                  citations=tuple(_citations(statements, index)), method="facts")
