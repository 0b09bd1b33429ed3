"""Operations over several reports: sums, differences, changes and orderings of one figure across them
(a share or a change within one report: qa/answer/one_report.py).

Each result is a formula over facts (qa.answer.derived) and cites every fact it used.
"""
from __future__ import annotations

import re
from dataclasses import replace
from typing import Sequence

from ..lexicon import question_words
from ..lexicon.formula_table import formulas, operation_words
from ..models import Answer, Fact, Figure
from ..search.operation import Operation
from ..search.query import Query
from ..search.years import find_years
from ..store.index import Index
from ..text.chars import find_cue, squash
from ..text.numbers import format_value
from .derived import Derived, across, fmt, total
from .asked import wanted_measures
from .columns import child_named, table_named_whole
from .match import Statement, match_question
from .said_names import operation_free
from .pick import split_context
from .listed_rows import TABLE_TOTALS, _bigrams
from .statements import _citations, _report_name, report_labels, statements_with_fallback, table_name

_AMOUNT_UNITS = ("万元", "元", "亿元")


# ------------------------------------------------------------------------------------------ across reports


def reports(docs: Sequence[dict]) -> list[tuple[dict, set[str]]]:
    """The reports among the documents (a report in two files, narrative + tables, is one): (first doc, doc_ids)."""
    groups: dict[tuple, tuple[dict, set[str]]] = {}
    for d in docs:
        key = (d.get("department") or d["doc_id"], d.get("year"), d.get("kind"))
        groups.setdefault(key, (d, set()))[1].add(d["doc_id"])
    return list(groups.values())


def _count_fact(query: Query, bare: str, facts: Sequence[Fact]) -> Fact | None:
    """A count the question asks (辆, 人, 个) whose subject the facts name otherwise: the count fact whose
    subject and sentence share most of the question's words; on a tie the largest (a total holds its parts)."""
    measures, asked = wanted_measures(query, (), None)
    wanted = _bigrams(bare)
    if not asked or not wanted:
        return None
    scored = [(len(wanted & (_bigrams(f.subject) | _bigrams(f.quote))), f.value, f) for f in facts if f.measure in measures]
    scored = [p for p in scored if p[0] > 0]
    return max(scored, key=lambda p: (p[0], p[1]))[2] if scored else None


def per_report(query: Query, item: str, facts: Sequence[Fact], docs: Sequence[dict]) -> list[tuple[dict, Statement]]:
    """One stated figure per report for the item the question names (the lookup path's first statement)."""
    out: list[tuple[dict, Statement]] = []
    filled: set[str] = set()  # reports whose figure is their table's total
    bare = operation_free(item)
    if len(re.sub(r"[^\u4e00-\u9fff]", "", bare)) < 2:  # 两家的部门预算加起来: the reports' own totals
        bare = "预算总额"
    if _budget_against_actual(query.text):  # 预算支出比实际决算支出: one figure, named on each side with its basis
        bare = _named_on_both_sides(bare) or bare
    # (政府采购中…物业管理费: the item asked is the one after the context, not the context a report also names)
    context = squash("".join(split_context(bare)[:-2]))
    for d, ids in reports(docs):
        mine = [f for f in facts if f.doc_id in ids]
        match = match_question(bare, {f.subject for f in mine}) or match_question(item, {f.subject for f in mine})
        found: list[Statement] = []
        if match is not None:
            match = child_named(match, item, mine)  # 法院（款）行政运行（项）: the child is asked
            measures, asked = wanted_measures(query, match.measures, d["kind"])
            # (each report's own rate is the figure compared when a rate is what is asked: 执行率分别是多少，哪个更高)
            own_rates = {query.operation.derived} & {"占比", "执行率", "完成预算率"}
            amounts = [*own_rates, *(m for m in measures if m not in ("增减额", "增减率", "占比", "执行率", "完成预算率"))]
            # a change between reports is computed from each report's own amount; so is one between a
            # budget and a final account (2025年预算比2024年决算)
            if not amounts or _budget_against_actual(query.text):
                measures, asked = wanted_measures(query, (), d["kind"])
                amounts = measures
            present = [s for s in match.subjects if any(f.subject == s for f in mine)]
            present.sort(key=lambda s: bool(context) and squash(s) in context)
            found = statements_with_fallback(d["doc_id"], mine, present[:1], amounts or measures, asked, d["kind"])
        whole = None if found else table_named_whole(mine, bare, item)
        if whole is not None:
            # 2017—2019年政府采购预算: a report of tables alone states it as its table's total (only beside
            # reports that state the item themselves: see the end)
            filled.add(d["doc_id"])
            measures, asked = wanted_measures(query, whole[0].measures, d["kind"])
            found = [replace(x, subject=f"{table_name(whole[1])}{x.subject}") if x.subject in TABLE_TOTALS else x
                     for x in statements_with_fallback(d["doc_id"], whole[2], list(whole[0].subjects[:1]), measures, asked,
                                                       d["kind"])]
        counted = None if found else _count_fact(query, bare, mine)
        if counted is not None:
            found = [Statement(counted.doc_id, counted.subject, counted.measure, counted.value, counted.unit, (counted,))]
        if found:  # cited from the file that prints it
            out.append((d, replace(found[0], doc_id=found[0].facts[0].doc_id) if found[0].facts else found[0]))
    return out if any(d["doc_id"] not in filled for d, _ in out) else []


def _budget_against_actual(text: str) -> bool:
    """Whether a question sets a budget against an actual figure (2025年预算比2024年决算 / 实际花的): each report's
    own amount is then read, whatever measure the words of one side name (questions.json basis_words)."""
    basis = question_words()["basis_words"]
    return all(any(w in text for w in basis[kind]) for kind in ("预算", "决算"))


def _named_on_both_sides(item: str) -> str | None:
    """The figure `A比B` names on both sides once each side's basis words are left out (预算支出比实际决算支出:
    支出); None when the sides name different figures."""
    words = "|".join(sorted({w for ws in question_words()["basis_words"].values() for w in ws}, key=len, reverse=True))
    tokens = item.split()
    said = tokens[0] if tokens else ""
    # (A比B, or the two sides as the years left them once read: 预算支出 实际决算支出)
    sides = re.split(r"(?<!相)比(?!较)", said, maxsplit=1) if re.search(r"(?<!相)比(?!较)", said) else tokens[:2]
    # (the basis said before or after the figure's name, never inside it: 一般公共预算 keeps its 预算)
    # (实际支出（决算）: a basis said again in brackets is one more basis word)
    sides = [re.sub(rf"[（(]((?:{words})+数?)[）)]", r"\1", re.sub(r"[多少高低]了?$", "", side)) for side in sides]
    bare = [re.sub(rf"^(?:{words})+|(?:{words})数?$", "", side).strip("的") for side in sides]
    if len(bare) != 2 or not bare[0]:
        return None
    return bare[0] if bare[1] in ("", bare[0]) else None


def _name(index: Index, d: dict) -> str:
    return d.get("department") or _report_name(index, d["doc_id"])


def answer_across(question: str, query: Query, op: Operation, item: str, facts: Sequence[Fact],
                  docs: Sequence[dict], index: Index) -> Answer | None:
    """Sum, difference (who has more, by how much), change between years of one department, or an ordering,
    of one figure over several reports; None when the question asks none of these or fewer than two
    reports state the figure."""
    # (是2017年的几倍？多了多少？: the ratio asked beside the difference the question is read by)
    wants_times = op.derived == "倍数" or any(find_cue(c, query.text) for c in formulas().formulas["倍数"].cues)
    # 增减额/增减率 across reports is the change between years, or the difference the question names (差多少); of
    # one year's reports asked only their 增减率 (两个医保局2023年收入的增减率), each one's own change is asked
    gap_asked = any(find_cue(c, query.text) for c in formulas().formulas["差额"].cues)  # (差多少, 相差)
    differs = len({d.get("year") for d in docs}) > 1 or gap_asked or _one_against_the_other(query, docs, index)
    # (各自比年初预算下降了百分之几: a basis of each report's own names no change between the reports)
    own_basis = op.derived in formulas().formulas and any(r.asked for r in formulas().formulas[op.derived].basis_readings(query.text))
    differs = differs and not own_basis
    # (三公经费合计少了多少 between two years: 合计 names the item, the change is asked)
    wants_sum = (op.function == "sum" or op.derived == "合计") and not (op.derived in ("增减额", "增减率") and differs)
    wants_diff = op.derived == "差额" or op.derived in ("增减额", "增减率") and differs or op.kind == "compare" \
        or wants_times
    wants_order = op.function in ("max", "min", "rank")
    if not (wants_sum or wants_diff or wants_order):
        return None
    got = per_report(query, item, facts, docs)
    if len(got) < 2 or len({s.unit in _AMOUNT_UNITS for _, s in got}) != 1:
        return None
    kinds = len({d.get("kind") for d, _ in got}) > 1  # (2025年预算 against 2024年决算: each report's kind said)
    lines = [f"{_name(index, d)}（{d.get('year') or ''}年{(d.get('kind') or '') if kinds else ''}）：{s.subject} "
             f"{fmt(s.value)}{s.unit or ''}。" for d, s in got]
    results: list[Derived] = []
    asks_average = any(w in query.text for w in question_words()["yearly_average"])  # 年均增长
    average = _yearly_average(got, query, lines) if asks_average else None
    if average is not None:
        results.append(average)
    elif wants_sum:
        t = total("合计", "各报告之和", [_as_stated(s) for _, s in got])
        if t is not None:
            results.append(t)
            lines.append(f"合计：{format_value(t.value)}{t.unit or ''}（计算：{t.formula}）。")
    elif wants_times and len(got) == 2:
        results += _times(got, index, lines, query)
        if op.derived in ("增减额", "差额") or gap_asked:
            results += _difference(got, index, lines, query)  # (是几倍？两者相差多少？: both asked)
    elif wants_diff and len(got) == 2:
        results += _difference(got, index, lines, query)
    elif wants_diff and _spans_years(query) and len({d.get("department") for d, _ in got}) == 1 \
            and len({d.get("year") for d, _ in got}) == len(got):
        # one department over several years (2017—2019年分别多少？2019年比2017年压减了多少): the change between the
        # year compared against (else the first held) and the last
        by_year = sorted(got, key=lambda p: p[0].get("year") or 0)
        base = next((p for p in by_year if p[0].get("year") in query.compare_years), by_year[0])
        results += _difference([by_year[-1], base], index, lines, query) if base is not by_year[-1] else []
    elif wants_diff and wants_order and len(got) > 2:  # 谁最高？比最低的高多少: the highest less the lowest
        (dh, sh), (dl, sl) = max(got, key=lambda p: p[1].value), min(got, key=lambda p: p[1].value)
        r = across("差额", _as_stated(sh), _as_stated(sl), f"{_name(index, dh)}−{_name(index, dl)}")
        if r is not None:
            results.append(r)
            gap = f"{fmt(r.value)}个百分点" if r.unit == "%" else f"{fmt(r.value)}{r.unit or ''}"
            lines.append(f"最高的{query.written(_name(index, dh))}比最低的{query.written(_name(index, dl))}多 {gap}"
                         f"（计算：{r.formula}）。")
    if wants_order or (wants_diff and len(got) > 2 and not results):
        desc = op.direction != "asc"
        ordered = sorted(got, key=lambda p: p[1].value, reverse=desc)
        names = {k: query.written(v) for k, v in report_labels(index, [d["doc_id"] for d, _ in got]).items()}
        lines.append(("最高" if desc else "最低") + f"：{names[ordered[0][0]['doc_id']]}（"
                     + " > ".join(f"{names[d['doc_id']]} {fmt(s.value)}{s.unit or ''}" for d, s in sorted(got, key=lambda p: -p[1].value))
                     + "）。")
    if not results and not wants_order:
        return None
    statements = [s for _, s in got]
    figures = [Figure(s.value, s.unit, f"{_name(index, d)} {s.subject}") for d, s in got]
    figures += [Figure(r.value, r.unit, f"{r.name}（{r.label}）", r.formula) for r in results]
    return Answer(question=question, found=True, text="\n".join(lines), figures=tuple(figures),
                  citations=tuple(_citations(statements, index)), method="facts")


def _spans_years(query: Query) -> bool:
    """Whether the question names the run of years it compares (2017—2019年, 2019年比2017年, 三年): not a change
    asked of a department without a year, which each report states of its own year."""
    return bool(query.compare_years) or len(find_years(query.text)[0]) >= 2 or re.search(r"[两三四五六七八九十几]年", query.text) is not None


def _yearly_average(got: Sequence[tuple[dict, Statement]], query: Query, lines: list[str]) -> Derived | None:
    """One department's figure over several years: the average yearly change between the first and the last
    year held — the compound rate ((末年 ÷ 首年) 开n次方 − 1), or the amount ((末年 − 首年) ÷ n) when the
    question asks how much and no rate. None unless one department is read in two or more years."""
    if len({d.get("department") for d, _ in got}) != 1 or len({d.get("year") for d, _ in got}) != len(got):
        return None
    (d0, s0), (d1, s1) = min(got, key=lambda p: p[0]["year"]), max(got, key=lambda p: p[0]["year"])
    years = d1["year"] - d0["year"]
    if years < 1 or s0.value <= 0 or s0.unit != s1.unit:
        return None
    span = f"{d0['year']}年至{d1['year']}年"
    # 年均增加多少: an amount a year; 年均增长 (多少, 率, 百分之几): the rate, as statistics state it
    if re.search(r"增加|减少|多了|少了", query.text) and not re.search(r"率|幅|百分|几成", query.text):
        value = round((s1.value - s0.value) / years, 2)
        formula = f"({fmt(s1.value)} − {fmt(s0.value)}) ÷ {'两' if years == 2 else _numeral(years)}年 = {fmt(value)}{s1.unit or ''}"
        lines.append(f"{span}年均{'增加' if value >= 0 else '减少'} {fmt(abs(value))}{s1.unit or ''}（计算：{formula}）。")
        return Derived("年均增减额", span, value, s1.unit, formula, (s0.facts[0], s1.facts[0]))
    value = round(((s1.value / s0.value) ** (1 / years) - 1) * 100, 2)
    formula = f"({fmt(s1.value)} ÷ {fmt(s0.value)}) 开{_numeral(years)}次方 − 1 = {fmt(value)}%" if years > 1 else \
        f"({fmt(s1.value)} − {fmt(s0.value)}) ÷ {fmt(s0.value)} = {fmt(value)}%"
    lines.append(f"{span}年均{'增长' if value >= 0 else '下降'} {fmt(abs(value))}%（计算：{formula}）。")
    return Derived("年均增长率", span, value, "%", formula, (s0.facts[0], s1.facts[0]))


def _numeral(n: int) -> str:
    """A count of years in Chinese numerals (开二次方, ÷ 三年): a digit there would read as one more figure."""
    import cn2an  # (imported when asked: a slow import most questions never need)

    return cn2an.an2cn(n)


def _as_stated(s: Statement) -> Fact:
    """The statement's figure as a fact (its value may be chosen among equal facts)."""
    f = s.facts[0]
    return f if abs(f.value - s.value) < 0.005 else Fact(f.doc_id, s.subject, s.measure, s.value, s.unit, f.quote,
                                                          f.table, f.subject_code, f.page, f.lines)


def _one_against_the_other(query: Query, docs: Sequence[dict], index: Index) -> bool:
    """甲比乙低百分之几: two reports named with 比 or 较 between them, one measured against the other."""
    at = sorted({_mentioned_at(query, d, index)[0] for d in docs})  # (a report of two files is named once)
    return len(at) == 2 and at[1] < len(query.text) and re.search(r"比|较", query.text[at[0]:at[1]]) is not None


def _mentioned_at(query: Query, d: dict, index: Index) -> tuple[int, int]:
    """Where the question names a report (its department or region as written), then its year (2019年 or 19年:
    one department's two years): the order of 甲 and 乙."""
    label = report_labels(index, [d["doc_id"]])[d["doc_id"]]
    written = dict(query.named_as)
    place = (d.get("region_path") or [[""]])[-1][0]  # 通城县: said 通城 too
    names = [written.get(label), written.get(d.get("department")), d.get("department"), d.get("region"), label,
             re.sub(r"^.{2,3}?[省市]", "", d.get("region") or ""), place, place[:-1] if len(place) >= 3 else ""]
    found = [query.text.find(n) for n in names if n and n in query.text]
    year = re.search(rf"(?<!\d)(?:{d['year']}(?!\d)|{d['year'] % 100:02d}\s*年)", query.text) if d.get("year") else None
    at_year = year.start() if year else len(query.text)
    return min(found, default=at_year), at_year


def _times(got: Sequence[tuple[dict, Statement]], index: Index, lines: list[str], query: Query) -> list[Derived]:
    """甲是乙的几倍: the report the question names first over the other; 后者是前者的几倍: the second over the first."""
    (da, sa), (db, sb) = sorted(got, key=lambda p: _mentioned_at(query, p[0], index))
    words = operation_words()["named_order"]
    at = {side: min((query.text.find(w) for w in ws if w in query.text), default=-1) for side, ws in words.items()}
    if at["later"] >= 0 and at["earlier"] >= 0 and at["later"] < at["earlier"]:
        (da, sa), (db, sb) = (db, sb), (da, sa)
    a, b = _name(index, da), _name(index, db)
    if a == b:  # one department's two years: 2019年 over 2017年
        a, b = f"{a}{da.get('year')}年", f"{db.get('year')}年"
    r = across("倍数", _as_stated(sa), _as_stated(sb), f"{a}÷{b}")
    if r is None:
        return []
    lines.append(f"{a}是{b}的 {fmt(r.value)} 倍（计算：{r.formula}）。")
    return [r]


def _difference(got: Sequence[tuple[dict, Statement]], index: Index, lines: list[str], query: Query) -> list[Derived]:
    """Two reports: of one department in two years, the change (later − earlier, and its rate); else who
    has more and by how much."""
    (d1, s1), (d2, s2) = got
    same_dept = d1.get("department") and d1.get("department") == d2.get("department") and d1.get("year") != d2.get("year")
    if same_dept:
        (d_new, s_new), (d_old, s_old) = sorted(got, key=lambda p: -(p[0].get("year") or 0))
        out = [r for r in (across("增减额", _as_stated(s_new), _as_stated(s_old), f"{d_new.get('year')}年−{d_old.get('year')}年"),
                           across("增减率", _as_stated(s_new), _as_stated(s_old), f"较{d_old.get('year')}年")) if r]
        if out:
            word = "增加" if out[0].value >= 0 else "减少"
            lines.append(f"{d_new.get('year')}年比{d_old.get('year')}年{word} {fmt(abs(out[0].value))}{out[0].unit or ''}"
                         f"（计算：{out[0].formula}）" + (f"，增减率 {fmt(out[1].value)}%（{out[1].formula}）" if len(out) > 1 else "") + "。")
        return out
    (dh, sh), (dl, sl) = sorted(got, key=lambda p: -p[1].value)
    r = across("差额", _as_stated(sh), _as_stated(sl), f"{_name(index, dh)}−{_name(index, dl)}")
    if r is None:
        return []
    if r.unit == "%":  # two rates apart: percentage points, not a percentage of anything
        lines.append(f"{query.written(_name(index, dh))}更高，高 {fmt(r.value)}个百分点（计算：{r.formula}）。")
        return [r]
    lines.append(f"{query.written(_name(index, dh))}更多，多 {fmt(r.value)}{r.unit or ''}（计算：{r.formula}）。")
    if query.figure_kind != "percent" and "percent" not in query.more_kinds:
        return [r]
    # 甲比乙高出百分之几: the gap over the report named after 比 (else over the lower one)
    compared = _one_against_the_other(query, [d for d, _ in got], index)
    (dx, sx), (dy, sy) = sorted(got, key=lambda p: _mentioned_at(query, p[0], index)) if compared else ((dh, sh), (dl, sl))
    rate = across("增减率", _as_stated(sx), _as_stated(sy), f"{_name(index, dx)}比{_name(index, dy)}")
    if rate is not None:
        word = "高" if rate.value >= 0 else "低"
        lines.append(f"{query.written(_name(index, dx))}比{query.written(_name(index, dy))}{word} {fmt(abs(rate.value))}%"
                     f"（计算：{rate.formula}）。")
        return [r, rate]
    return [r]
