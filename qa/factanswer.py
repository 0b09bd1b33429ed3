"""Answers from the facts table: the figure the question asks for, placed by item (科目) and measure.

The question's item is matched against the subjects of the scoped reports' facts (longest match; several
items when the question names several, `人员经费和公用经费`), its measure against the facts' measures
through the vocabulary in `data/terms.json`. A measure the report does not print but that follows from
printed figures (执行率 = 决算数 ÷ 年初预算数, 占比) is computed, and the formula shown. Every legitimate
answer is given and labelled (年初预算 basis vs 项目自评 basis); a figure the table and the narrative
state differently is shown both ways and flagged. Questions over several reports get one row per report
and the comparison. Nothing here invents a figure: each stated value is a fact's value or a formula over
facts, and every fact used is cited.
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, replace
from typing import Iterable, Sequence

from .answer import _nospace
from .index import Index
from .models import Answer, Citation, Fact, Figure
from .query import Query, find_terms, terms

#: comparative words that make a question over several reports a comparison
_COMPARE = ("哪个", "哪一个", "对比", "比较", "更多", "更少", "最高", "最低", "最多", "最少", "各区县", "各区", "各县", "分别")
_HIGHER = ("更多", "最多", "最高", "更高", "较多", "最大")
_LOWER = ("更少", "最少", "最低", "更低", "较少", "最小")
#: a subject this generic is never the item by itself
_GENERIC = {"支出", "收入", "合计", "总计", "小计", "预算", "决算", "经费", "资金", "项目"}


@dataclass(frozen=True)
class Statement:
    """One stated figure: value, label, the facts it rests on, and a formula when computed."""

    doc_id: str
    subject: str
    measure: str
    value: float
    unit: str | None
    facts: tuple[Fact, ...]
    formula: str | None = None
    conflict: bool = False


def _fmt(v: float) -> str:
    return f"{v:.2f}".rstrip("0").rstrip(".") if abs(v - round(v)) > 1e-9 else str(int(round(v)))


def _item_text(query: Query, departments: Iterable[str], regions: Iterable[str]) -> str:
    """The question's topic without department and region names (the scope is already applied)."""
    text = query.topic
    for name in sorted(set(departments), key=len, reverse=True):
        for region in regions:
            if region and name.startswith(region):
                name = name[len(region):]
        if len(name) >= 3:
            text = text.replace(name, " ")
    text = re.sub(r"(本部门|本单位|部门|单位)", " ", text)
    return _nospace(text)


def _strip_words(text: str, words: Iterable[str]) -> str:
    for w in sorted(set(words), key=len, reverse=True):
        text = text.replace(w, "")
    return text


@dataclass(frozen=True)
class Match:
    """The item(s) a question asks about and the measures it asks for."""

    subjects: tuple[str, ...]
    measures: tuple[str, ...]  # measure names of terms.json (执行率, 增减, …)
    alternatives: bool = False  # subjects are candidates in preference order: the first that answers


def match_question(item: str, subjects: Iterable[str]) -> Match | None:
    """Find the subjects the item names and the measures named by what is left of it.

    Subjects contained in the item are taken longest first (so `城乡医疗救助` wins over `医疗救助`, and
    `人员经费和公用经费` gives both); a subject that contains the item (or its characters in order) is the
    fall-back; an item that names only a measure (`预算总额`) asks for the report's total. Whatever the
    subjects and measure words do not explain must be filler; otherwise the question is about something
    the facts do not hold, and there is no match.
    """
    vocab = terms()
    item = _nospace(item)
    measure_words = {a: name for name, m in vocab["measures"].items() for a in m["aliases"]}
    measure_words.update(vocab["bare_measures"])
    alias = vocab["subject_aliases"]
    noise = vocab["question_words"] + list(vocab["counts"])
    filler = [w for w in vocab["filler"] if w not in alias] + noise
    # a subject that is itself a measure or filler word is extraction noise, never the item
    subjects = {s for s in subjects if len(s) >= 2 and s not in _GENERIC and s not in measure_words and s not in filler}

    def strip(text: str) -> str:
        return _strip_words(_strip_words(text, measure_words), filler)

    bare = strip(item)
    if bare in alias:  # the whole item is a user word for a subject (`车`, `在职人员`, `收入`)
        item = item.replace(bare, alias[bare], 1)
    for a, canonical in sorted(alias.items(), key=lambda p: -len(p[0])):
        if len(a) >= 3 and a in item:
            item = item.replace(a, canonical)

    def measures_of(rest: str) -> tuple[str, ...] | None:
        groups = {k: {"aliases": [a for a, n in measure_words.items() if n == k]} for k in set(measure_words.values())}
        (named,) = find_terms(rest, groups)
        leftover = _nospace(_strip_words(strip(rest), vocab["filler"]))
        return tuple(named) if len(leftover) <= 1 else None

    chosen: list[str] = []
    rest = item
    for s in sorted((s for s in subjects if s in item), key=len, reverse=True):
        if s in rest:
            chosen.append(s)
            rest = rest.replace(s, " ")
    named = measures_of(rest) if chosen else None
    if named is not None:
        return Match(tuple(sorted(chosen, key=item.find)), named)
    core = strip(item)
    if len(core) >= 2:
        around = [s for s in subjects if core in s] or [s for s in subjects if _in_order(core, s)]
        shortest = [s for s in around if len(s) == min(map(len, around))]
        if len(shortest) == 1:  # several equally close subjects: the facts cannot tell which is meant
            named = measures_of(item.replace(core, " "))
            if named is not None:
                return Match((shortest[0],), named)
    elif not chosen:  # only measure words: the report's total
        totals = [s for s in vocab["total_subjects"] if s in subjects]
        named = measures_of(item)
        if totals and named is not None:
            return Match(tuple(totals), named, alternatives=True)
    return None


def _in_order(needle: str, hay: str) -> bool:
    it = iter(hay)
    return len(needle) >= 3 and all(ch in it for ch in needle)


def wanted_measures(query: Query, named: Sequence[str], kind: str | None) -> tuple[list[str], bool]:
    """(fact measures that answer the question, in preference order; whether the measure was asked)."""
    vocab = terms()
    counts = [measure for word, measure in vocab["counts"].items()
              if re.search(rf"(几|多少)[^，。？]{{0,3}}{word}|{word}(数|次)", query.text)]
    if counts:
        return list(dict.fromkeys(counts)), True
    asked: list[str] = []
    for m in named:
        asked += vocab["measures"][m].get("fact_measures", [])
    if asked:
        if set(asked) <= {"占比", "增减率"}:  # a share or a rate of change is stated with its amount
            asked += vocab["default_measures"].get(kind or "决算", [])[:1]
        return list(dict.fromkeys(asked)), True
    return list(vocab["default_measures"].get(kind or "决算", vocab["default_measures"]["决算"])), False


def _group_same(facts: Sequence[Fact]) -> list[list[Fact]]:
    """Facts of one subject and measure, grouped by value (rounded to the printed precision)."""
    groups: dict[float, list[Fact]] = defaultdict(list)
    for f in facts:
        groups[round(f.value, 2)].append(f)
    return list(groups.values())


def _prefer_narrative(facts: Sequence[Fact]) -> list[Fact]:
    return sorted(facts, key=lambda f: (f.table is not None, f.page or 0, (f.lines or (0, 0))[0]))


def statements_for(doc_id: str, facts: Sequence[Fact], subjects: Sequence[str], measures: Sequence[str],
                   asked: bool) -> list[Statement]:
    """What to state for one report: for each subject, the asked measures (or the best default one)."""
    out: list[Statement] = []
    for subject in subjects:
        mine = [f for f in facts if f.subject == subject and f.measure]
        chosen: list[str] = [m for m in measures if any(f.measure == m for f in mine)]
        if not asked:
            chosen = chosen[:1]
        for measure in chosen:
            groups = _group_same([f for f in mine if f.measure == measure])
            conflict = len(groups) > 1
            for group in sorted(groups, key=lambda g: _prefer_narrative(g)[0].table is not None):
                g = _prefer_narrative(group)
                out.append(Statement(doc_id, subject, measure, g[0].value, g[0].unit, tuple(g[:2]), conflict=conflict))
        if asked and not chosen:
            out += _computed(doc_id, subject, mine, measures)
    return out


def statements_with_fallback(doc_id: str, facts: Sequence[Fact], subjects: Sequence[str], measures: Sequence[str],
                             asked: bool, kind: str | None) -> list[Statement]:
    """As `statements_for`; when a 预算/决算 amount was asked and the report prints it only in table
    columns (a budget report's tables hold budget figures), the report's own default amount answers."""
    out = statements_for(doc_id, facts, subjects, measures, asked)
    amounts = {"年初预算数", "预算数", "全年预算数", "决算数", "执行数"}
    if not out and asked and set(measures) <= amounts:
        defaults = terms()["default_measures"].get(kind or "决算", [])
        if (kind == "预算") == bool(set(measures) & {"年初预算数", "预算数", "全年预算数"}):
            out = statements_for(doc_id, facts, subjects, defaults, False)
    return out


def _one(facts: Sequence[Fact], measure: str) -> Fact | None:
    got = _prefer_narrative([f for f in facts if f.measure == measure])
    return got[0] if got else None


def _computed(doc_id: str, subject: str, facts: Sequence[Fact], measures: Sequence[str]) -> list[Statement]:
    """Measures the report does not print for this subject but that its printed figures give."""
    out: list[Statement] = []
    if "执行率" in measures:
        for num, den, name in (("决算数", "年初预算数", "执行率"), ("执行数", "全年预算数", "完成预算率")):
            a, b = _one(facts, num), _one(facts, den)
            if a and b and b.value:
                v = round(a.value / b.value * 100, 1)
                out.append(Statement(doc_id, subject, name, v, "%", (a, b),
                                     formula=f"{num} {_fmt(a.value)} ÷ {den} {_fmt(b.value)}"))
    return out


def _label(s: Statement) -> str:
    labels = terms()["measure_labels"]
    label = labels.get(s.measure, s.measure)
    if s.facts and s.facts[0].table and s.measure not in labels:
        label = f"{label}（{s.facts[0].table}）"
    return label


def _citations(statements: Sequence[Statement], index: Index) -> list[Citation]:
    out: dict[tuple[str, str], Citation] = {}
    for s in statements:
        source = index.documents_by_id[s.doc_id]["source"]
        for f in s.facts:
            key = (source, _nospace(f.quote))
            row = " ".join(x for x in (f.subject_code, f.subject) if x) if f.table else None
            cited = out.get(key)
            if cited is None:
                out[key] = Citation(source=source, quote=f.quote, page=f.page, lines=f.lines, score=1.0, table=f.table,
                                    row=row, cells=((f.measure, f.value),) if f.table else ())
            elif f.table and (f.measure, f.value) not in cited.cells:  # another figure of the same row
                column = f.measure if row == cited.row else f"{f.subject} {f.measure}"
                out[key] = replace(cited, cells=cited.cells + ((column, f.value),))
    return list(out.values())


def _report_name(index: Index, doc_id: str) -> str:
    d = index.documents_by_id[doc_id]
    return d["title"] or d["source"]


def _statement_text(s: Statement, index: Index) -> str:
    value = f"{_fmt(abs(s.value))}{s.unit or ''}"
    if s.measure in ("增减额", "增减率"):  # the sign is said in words, as reports do
        up, down = ("增加", "减少") if s.measure == "增减额" else ("增长", "下降")
        value = f"{up if s.value >= 0 else down} {value}"
    text = f"{s.subject}{_label(s)}：{value}"
    if s.formula:
        text += f"（计算：{s.formula}）"
    if s.conflict:
        where = "表格" if s.facts[0].table else "正文"
        text += f"（{where}所载；报告内不同处数字不一致）"
    return text


def answer_from_facts(question: str, query: Query, doc_ids: Sequence[str], index: Index) -> Answer | None:
    """An answer from facts, or None when the facts do not hold the item and measure asked."""
    if not doc_ids:
        return None
    docs = [index.documents_by_id[d] for d in doc_ids]
    placeholders = ",".join("?" * len(doc_ids))
    facts = index.facts(f"doc_id IN ({placeholders})", list(doc_ids))
    if not facts:
        return None
    item = _item_text(query, [d["department"] or "" for d in docs], [d["region"] or "" for d in docs])
    ranked = _ranking(question, query, item, docs, facts, index)
    if ranked is not None:
        return ranked
    match = match_question(item, {f.subject for f in facts})
    if match is None:
        return _count_by_quote(question, query, item, facts, index)
    per_doc: list[tuple[str, list[Statement]]] = []
    for d in docs:
        mine = [f for f in facts if f.doc_id == d["doc_id"]]
        measures, asked = wanted_measures(query, match.measures, d["kind"])
        present = [s for s in match.subjects if any(f.subject == s for f in mine)]
        if match.alternatives:  # the candidate that states the most of what was asked; the first on a tie
            options = [statements_with_fallback(d["doc_id"], mine, [s], measures, asked, d["kind"]) for s in present]
            found = max(options, key=lambda st: len({x.measure for x in st}), default=[])
            lacking = [m for m in measures if m in ("增减额", "增减率") and m not in {x.measure for x in found}]
            if asked and found and lacking:
                found = found + _total_in_sentence(d["doc_id"], mine, found[0].value, lacking)
        else:
            found = statements_with_fallback(d["doc_id"], mine, present, measures, asked, d["kind"])
        if found:
            per_doc.append((d["doc_id"], found))
    if not per_doc:
        return None
    statements = [s for _, group in per_doc for s in group]
    if "原因" in match.measures:
        reason = _reason_answer(question, statements, index)
        if reason is not None or not any(w in query.text for w in ("多少", "几")):
            return reason
    lines: list[str] = []
    for doc_id, group in per_doc:
        lines.append(f"{_report_name(index, doc_id)}：" + "；".join(_statement_text(s, index) for s in group) + "。")
    if len(per_doc) > 1:
        lines += _comparison(query, per_doc, index)
        total = _sum_line(query, per_doc)
        if total is not None:
            lines.append(total[0])
            statements.append(total[1])
    figures = [Figure(value=s.value, unit=s.unit, label=f"{_report_name(index, s.doc_id)} {s.subject}{_label(s)}",
                      formula=s.formula) for s in statements]
    return Answer(question=question, found=True, text="\n".join(lines), figures=tuple(figures),
                  citations=tuple(_citations(statements, index)), method="facts")


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
    order = " > ".join(f"{index.documents_by_id[d]['region'] or _report_name(index, d)} {_fmt(s.value)}{s.unit or ''}"
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
    listed = "；".join(f"{i}. {f.subject}（{f.subject_code}）{_fmt(f.value)}{f.unit or ''}" for i, f in enumerate(top, 1))
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
    formula = " + ".join(_fmt(s.value) for s in firsts)
    st = Statement(firsts[0].doc_id, f"{firsts[0].subject}（各报告合计）", firsts[0].measure, total, firsts[0].unit, (),
                   formula=formula)
    return f"合计：{_fmt(total)}{firsts[0].unit or ''}（计算：{formula}）。", st


def known_subjects(query: Query, doc_ids: Sequence[str], index: Index) -> tuple[str, ...]:
    """The 科目 (subjects with a 科目编码 in any indexed report) that the question names, or ()."""
    docs = [index.documents_by_id[d] for d in doc_ids]
    item = _item_text(query, [d["department"] or "" for d in docs], [d["region"] or "" for d in docs])
    subjects = {r[0] for r in index.db.execute("SELECT DISTINCT subject FROM facts WHERE subject_code IS NOT NULL")}
    match = match_question(item, subjects)
    return () if match is None or match.alternatives else match.subjects


def mentioned(subjects: Sequence[str], doc_ids: Sequence[str], index: Index) -> bool:
    """Whether any scoped report's text mentions any of the subjects at all."""
    marks = ",".join("?" * len(doc_ids))
    for subject in subjects:
        hit = index.db.execute(
            f"SELECT 1 FROM chunks WHERE doc_id IN ({marks}) AND instr(replace(replace(text, ' ', ''), char(10), ''), ?) LIMIT 1",
            [*doc_ids, subject]).fetchone()
        if hit:
            return True
    return False


def _total_in_sentence(doc_id: str, facts: Sequence[Fact], total: float, measures: Sequence[str]) -> list[Statement]:
    """The asked measure (a change, a rate) of a report's total when the narrative states it in the sentence
    that states the total itself (`全年预算安排收入737.86万元，比2020年预算增加206.32万元，增长38%`), whatever
    that sentence calls the total."""
    for f in _prefer_narrative([f for f in facts if f.table is None and f.measure in measures]):
        same = [g for g in facts if g.quote == f.quote and g.subject == f.subject]
        if any(abs(g.value - total) < 0.005 for g in same if g.measure not in measures):
            return [Statement(doc_id, g.subject, g.measure, g.value, g.unit, (g,)) for g in same if g.measure in measures]
    return []
