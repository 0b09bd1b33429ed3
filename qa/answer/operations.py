"""Operations over many facts: comparisons between reports, counts, rankings, sums and reasons."""
from __future__ import annotations

import re
from collections import defaultdict
from typing import Sequence

from ..models import Answer, Fact, Figure
from ..search.query import Query, terms
from ..store.index import Index
from ..text.numbers import format_value
from .match import _LOWER, Statement, wanted_measures
from .statements import _citations, _label, _report_name, _statement_text


def _comparison(query: Query, per_doc: Sequence[tuple[str, list[Statement]]], index: Index) -> list[str]:
    """One line naming the highest (or lowest) report when every report states the same measure."""
    firsts = [(doc_id, group[0]) for doc_id, group in per_doc]
    measures = {s.measure for _, s in firsts}
    if len(measures) != 1:
        return []
    lower = any(w in query.text for w in _LOWER)
    ranked = sorted(firsts, key=lambda p: p[1].value, reverse=not lower)
    best_doc, best = ranked[0]
    region = index.documents_by_id[best_doc]["region"] or _report_name(index, best_doc)
    word = "最低" if lower else "最高"
    if len(ranked) == 2:
        word = "更少" if lower else "更多"
    order = " > ".join(f"{index.documents_by_id[d]['region'] or _report_name(index, d)} {format_value(s.value)}{s.unit or ''}"
                       for d, s in sorted(firsts, key=lambda p: -p[1].value))
    return [f"比较：{region}{word}（{order}）。"]


def _bigrams(text: str) -> set[str]:
    text = re.sub(r"[^\u4e00-\u9fff]", "", text)
    return {text[i : i + 2] for i in range(len(text) - 1)}


def _count_by_quote(question: str, query: Query, item: str, facts: Sequence[Fact], index: Index) -> Answer | None:
    """A count (人次, 辆, 人…) whose item the subjects do not name: the count fact whose sentence shares
    most of the question's wording, when one stands out."""
    measures, asked = wanted_measures(query, (), None)
    counts = set(terms()["counts"].values())
    if not asked or not set(measures) <= counts:
        return None
    wanted = _bigrams(item)
    if len(wanted) < 2:
        return None
    scored = sorted(((len(wanted & _bigrams(f.quote)) / len(wanted), f) for f in facts if f.measure in measures),
                    key=lambda p: -p[0])
    if not scored or scored[0][0] < 0.5:
        return None
    best = [f for sc, f in scored if sc == scored[0][0]]
    if len({f.value for f in best}) != 1:
        return None
    f = best[0]
    st = Statement(f.doc_id, f.subject, f.measure, f.value, f.unit, tuple(best[:2]))
    text = f"{_report_name(index, f.doc_id)}：{_statement_text(st, index)}。"
    return Answer(question=question, found=True, text=text,
                  figures=(Figure(value=f.value, unit=f.unit, label=f"{f.subject}{f.measure}"),),
                  citations=tuple(_citations([st], index)), method="facts")


def _reason_answer(question: str, statements: Sequence[Statement], index: Index) -> Answer | None:
    """Why a figure changed: the report's own sentence stating the change and its 主要原因."""
    changes = [s for s in statements if s.measure in ("增减额", "增减率") and "原因" in s.facts[0].quote]
    if not changes:
        return None
    s = changes[0]
    f = s.facts[0]
    quote = re.sub(r"\s+", " ", f.quote)
    text = f"{_report_name(index, s.doc_id)}：{quote}"
    return Answer(question=question, found=True, text=text,
                  figures=tuple(Figure(value=x.value, unit=x.unit, label=f"{x.subject}{_label(x)}")
                                for x in statements if x.facts[0] is f),
                  citations=tuple(_citations([s], index)), method="facts")


_TOP = ("最高", "最多", "最大", "最低", "最少", "最小", "排名", "排序", "前")
_CATEGORY = {"科目": "subject_code", "项目": "project"}


def _ranking(question: str, query: Query, item: str, docs: Sequence[dict], facts: Sequence[Fact],
             index: Index) -> Answer | None:
    """最高/最低/排名/前N/多少个 over every matching fact of a report, never a retrieval top-k.

    Rows ranked are the 项-level 科目 (7-digit 科目编码) of the report's expenditure table with the most
    such rows, by its total column; projects are the 项目自评 subjects (those with a 全年预算数).
    """
    text = query.text
    count_projects = re.search(r"(多少|几)个项目", text)
    if not (count_projects or any(w in text for w in _TOP)) or len(docs) != 1:
        return None
    doc = docs[0]
    mine = [f for f in facts if f.doc_id == doc["doc_id"]]
    if count_projects:
        projects = sorted({f.subject for f in mine if f.measure == "全年预算数"})
        if not projects:
            return None
        used = [next(f for f in mine if f.subject == p and f.measure == "全年预算数") for p in projects]
        st = Statement(doc["doc_id"], "项目自评", "个数", float(len(projects)), "个", tuple(used),
                       formula=f"计数：{'、'.join(projects)}")
        text_out = f"{_report_name(index, doc['doc_id'])}：项目自评共 {len(projects)} 个项目（{'、'.join(projects)}）。"
        return Answer(question=question, found=True, text=text_out,
                      figures=(Figure(float(len(projects)), "个", "项目数", st.formula),),
                      citations=tuple(_citations([Statement(doc["doc_id"], "", "", 0, None, tuple(used))], index)),
                      method="facts")
    if "科目" not in item and "支出" not in item:
        return None
    rows = [f for f in mine if f.table and f.subject_code and len(f.subject_code) == 7
            and f.measure in ("合计", "小计", "决算数", "预算数")]
    if not rows:
        return None
    by_table: dict[str, list[Fact]] = defaultdict(list)
    for f in rows:
        by_table[f.table].append(f)
    if "支出" in item and any("支出" in t for t in by_table):
        by_table = {t: fs for t, fs in by_table.items() if "支出" in t}
    table, in_table = max(by_table.items(), key=lambda p: len({f.subject_code for f in p[1]}))
    best: dict[str, Fact] = {}
    for f in in_table:  # one figure per 科目: its total column
        if f.subject_code not in best or f.measure in ("合计", "小计"):
            best[f.subject_code] = f
    lower = any(w in text for w in ("最低", "最少", "最小"))
    ordered = sorted(best.values(), key=lambda f: f.value, reverse=not lower)
    m = re.search(r"前\s*(\d+|[一二三四五六七八九十])", text)
    n = 5 if "排" in text else 1
    if m:
        n = int(m.group(1)) if m.group(1).isdigit() else "一二三四五六七八九十".index(m.group(1)) + 1
    top = ordered[:n]
    listed = "；".join(f"{i}. {f.subject}（{f.subject_code}）{format_value(f.value)}{f.unit or ''}" for i, f in enumerate(top, 1))
    word = "最低" if lower else "最高"
    head = f"{_report_name(index, doc['doc_id'])}：{table}的项级科目按{top[0].measure}排序，{word}"
    st = Statement(doc["doc_id"], "", "", 0.0, None, tuple(top))
    return Answer(question=question, found=True, text=f"{head}：{listed}。",
                  figures=tuple(Figure(f.value, f.unit, f"{f.subject} {f.measure}") for f in top),
                  citations=tuple(_citations([st], index)), method="facts")


def _sum_line(query: Query, per_doc: Sequence[tuple[str, list[Statement]]]) -> tuple[str, Statement] | None:
    """合计/一共 over reports: the sum of each report's first figure, with the formula."""
    if not any(w in query.text for w in ("合计", "总共", "一共", "加起来", "总和")):
        return None
    firsts = [group[0] for _, group in per_doc]
    if len({(s.measure, s.unit) for s in firsts}) != 1:
        return None
    total = round(sum(s.value for s in firsts), 2)
    formula = " + ".join(format_value(s.value) for s in firsts)
    st = Statement(firsts[0].doc_id, f"{firsts[0].subject}（各报告合计）", firsts[0].measure, total, firsts[0].unit, (),
                   formula=formula)
    return f"合计：{format_value(total)}{firsts[0].unit or ''}（计算：{formula}）。", st
