"""Rows of a 政府采购预算表 picked by their 采购组织形式 (政府集中采购, 部门集中采购, 分散自行组织 …): how many,
their sum with its formula, each row cited — within one class (货物, 工程, 服务) when the question names one. And the
table read as what it is, a tree: class rows (一、货物A), under each the subtotal of a 专项 and 经济科目, under that the
things bought, each printed with its form (`purchase_rows`: 货物里哪样最多, 服务类哪个项目最大, 会议费加起来多少).

The form is printed in a column of its own, on the line of the row's amount (`PC服务器 政府集中采购 68.00`, or
`政府集中采购 99.00` between the lines of a wrapped name); the table's subtotal rows (专项, 经济科目) print none."""
from __future__ import annotations

import re
from typing import Sequence

from ..lexicon import in_report_words, procurement, terms
from ..models import Answer, Fact, Figure
from ..search.operation import Operation
from ..store.index import Index
from ..text.chars import longest_first
from ..text.numbers import AMOUNT_UNITS, exact_sum, format_value, to_wan
from .derived import plain_sum, shown_sum
from .columns import common_run
from .match import _GENERIC, Statement, _strip_words
from .row_records import Row, RowSet
from .statements import _citations, _report_name, printed


def method_asked(text: str) -> str | None:
    """The 采购组织形式 a question names (the longest; tables.json procurement `methods`), or None."""
    return next((m for m in sorted(procurement()["methods"], key=longest_first) if m in text), None)


def answer_by_method(question: str, text: str, facts: Sequence[Fact], index: Index, counted: bool = False) -> Answer | None:
    """The rows of the table printing the asked 采购组织形式 most often (of the class the question names, when it
    names one): count and sum (`counted`: the count asked first); None when no table prints it on two rows or more."""
    method = method_asked(text)
    if method is None:
        return None
    tables: dict[str, list[Fact]] = {}
    for f in facts:
        if f.table and f.unit in AMOUNT_UNITS:
            tables.setdefault(f.table, []).append(f)
    classes = list(procurement()["classes"].values())
    asked = next((c for c in classes if c in text), None)
    best: list[Fact] = []
    for rows in tables.values():
        picked, current = [], None
        for f in rows:  # (rows in printed order: a class's rows follow its own row, 一、货物A)
            current = f.subject if f.subject in classes else current
            if _printed_with(f, method) and (asked is None or current == asked):
                picked.append(f)
        if len(picked) > len(best):
            best = picked
    if len(best) < 2:
        return None
    values = [to_wan(f.value, f.unit) for f in best]
    total = exact_sum(values)
    formula = plain_sum(values, total, "万元")
    doc_id = best[0].doc_id
    kind = f"{asked}类" if asked else ""
    formula, shown = shown_sum(formula, len(best))  # (many rows: their figures are in the citations)
    names = "、".join(f.subject for f in best)
    body = (f"{best[0].table}中采购组织形式为“{method}”的{kind}共 {len(best)} 条（{names}），"
            f"合计 {format_value(total)}万元（计算：{shown}）。")
    statements = [Statement(doc_id, f.subject, f.measure, f.value, f.unit, (f,)) for f in best]
    how = f"计数（{method}）：{names}"
    figures = (Figure(float(len(best)), "条", f"{method}{kind}条数", how), Figure(total, "万元", f"{method}{kind}合计", formula))
    figures = figures if counted else figures[::-1]
    return Answer(question=question, found=True, text=f"{_report_name(index, doc_id)}：{body}", figures=figures,
                  citations=tuple(_citations(statements, index)), method="facts")


def _printed_with(f: Fact, method: str) -> bool:
    """Whether a row's printed line gives the 采购组织形式 (a row printing only the form and its amount, under the
    item of the row above, is named by the form: `部门集中采购 430.00`)."""
    return method in f.quote


def lists_bought(op: Operation, text: str) -> bool:
    """Whether a list asks the things bought of a class (政府采购的货物买了哪些东西, 采购了哪些服务): the rows of the
    政府采购预算表, not a list the narrative gives."""
    words = procurement()
    return op.kind == "list" and any(w in text for w in words["table_words"]) \
        and any(c in text for c in words["classes"].values())


def purchase_rows(op: Operation, text: str, item: str, facts: Sequence[Fact]) -> RowSet | None:
    """The rows of the 政府采购预算表 an aggregate over purchases reads, when the question names 采购 and a class
    (货物里, 服务类) or rows by name (会议费, 台式计算机): the things bought, or the 专项 subtotals when it asks for
    项目, of that class; of those, the rows holding the name. None otherwise — the classes themselves ranked
    (哪一类最多, unless one 专项 is named: the kinds of thing it buys), a sum naming no row (服务类合计: the
    class's own printed total), no table printing 采购组织形式."""
    words = procurement()  # (tables.json: table_words, classes_asked, project_words, totals)
    if op.function not in ("max", "min", "rank", "filter", "count", "sum") or not any(w in text for w in words["table_words"]):
        return None
    classes_asked = any(w in text for w in words["classes_asked"])
    table = _purchase_table(facts)
    if not table:
        return None
    classes = list(procurement()["classes"].values())
    # (a class word inside a row's name, 服务 of 会议服务, names no class)
    outside = text
    for name in sorted({f.subject for f in table if any(c in f.subject and c != f.subject for c in classes)},
                       key=longest_first):
        outside = outside.replace(name, " ")
    asked = next((c for c in classes if c in outside), None)
    bought, subtotals, current, under = [], [], None, None
    for f in table:
        if f.subject in classes:
            current = f.subject
        elif _bought(f):
            if asked is None or current == asked:
                bought.append((f, under))
        else:
            under = f
            if asked is None or current == asked:
                subtotals.append((f, None))
    # (the names as the question lists them, with words a department's name shares: 全国人代会江苏代表团)
    named = _named_rows("、".join(op.named) if op.named else item, subtotals, bought)
    # 信息网络建设费专项采购了哪几类货物，最大的是哪类: the things one 专项 buys (哪类 asked of them is one of them)
    one_project = len(named) == 1 and named[0][1] is None and any(parent is named[0][0] for _, parent in bought)
    if one_project:
        named = [(f, parent) for f, parent in bought if parent is named[0][0]]
    elif classes_asked:
        return None
    rows = named or (subtotals if any(w in item for w in words["project_words"]) else bought)
    # (no class and no row named: the things bought only when the question asks for them, 最大的一笔)
    purchases = any(w in text for w in words["rows_asked"]) and op.function != "sum"
    if not named and (asked is None and not purchases or op.function == "sum") or len(rows) < (1 if named else 2):
        return None
    # (a thing bought is named with the 专项 it is bought under)
    return RowSet(rows[0][0].table or "政府采购预算表", f"{asked or ''}采购金额", None,
                  tuple(Row(f"{f.subject}（{parent.subject}）" if parent else f.subject, None, f.value, f.unit, f)
                        for f, parent in rows),
                  noun="采购品目" if all(parent for _, parent in rows) else "项目")


def _purchase_table(facts: Sequence[Fact]) -> list[Fact]:
    """The amount rows, in printed order, of the table printing a 采购组织形式 on the most rows."""
    tables: dict[str, list[Fact]] = {}
    for f in facts:
        if f.table and "采购" in f.table and f.unit in AMOUNT_UNITS:
            tables.setdefault(f.table, []).append(f)
    best = max(tables.values(), key=lambda rows: sum(map(_bought, rows)), default=[])
    return best if sum(map(_bought, best)) >= 2 else []


def _bought(f: Fact) -> bool:
    """Whether a row is a thing bought: its printed line gives its 采购组织形式."""
    return any(_printed_with(f, m) for m in procurement()["methods"])


def _named_rows(item: str, *levels: Sequence[tuple[Fact, Fact | None]]) -> list[tuple[Fact, Fact | None]]:
    """The rows of the level holding the longest name (two characters or more, not the table's, a class's or a
    measure's word) the question's item shares with a row, for each name it joins with 和/、 (台式计算机和便携式计算机):
    会议服务 picks the things bought, 会议费 the 专项 subtotals (…会议费) that print it; of `X的Y`, Y."""
    words = procurement()
    own = {*words["table_words"], *words["classes"].values(), *words["project_words"], *_GENERIC}
    noise = sorted({*words["table_words"], *terms()["filler"], *terms()["question_words"],
                    *(a for m in terms()["measures"].values() for a in m["aliases"])}, key=longest_first)
    out: list[tuple[Fact, Fact | None]] = []
    for said in (_strip_words(part, noise) for part in re.split(r"[和、及与,，\s]+", item)):
        best: tuple[int, list[tuple[Fact, Fact | None]]] = (1, [])
        # (三项会议经费的会议服务: the head of the phrase, after its last 的, is what is asked)
        name = said.rpartition("的")[2] if len(said.rpartition("的")[2]) >= 2 else said
        name = in_report_words(name, shortest=3)  # 笔记本电脑: 便携式计算机
        for rows in levels:
            rows = [r for r in rows if r[0].subject not in words["totals"]]
            runs = [r for r in (common_run(name, f.subject) for f, _ in rows) if r not in own]
            longest = max(runs, key=len, default="")
            if len(longest) > best[0]:
                best = (len(longest), [r for r in rows if longest in r[0].subject])
        out += [r for r in best[1] if r not in out]
    return out


#: the fewest characters a name the question shares with a row of the table must run to pick it: in part, in full
_SHARED_RUN, _WHOLE_NAME = 4, 3


def purchase_lookup(question: str, item: str, facts: Sequence[Fact], index: Index,
                    one_bought: bool = False) -> Answer | None:
    """A row of the 政府采购预算表 asked by name (`机要及电子政务业务费里采购路由器的预算`, `信息化建设经费采购计算机设备
    及软件多少钱`): the things bought the question names, under the 专项 it names when it names one, each with its
    专项; or the 专项 subtotals it names, when it names no thing bought. None when the question names no 采购 or no
    row of the table shares a run of its item: a name of three characters or more in full, or four or more that
    are most of the name. `one_bought`: only when that is one thing bought (the lookup path has not been tried)."""
    if not any(w in question for w in procurement()["table_words"]):
        return None
    table = _purchase_table(facts)
    if not table:
        return None
    classes = set(procurement()["classes"].values()) | set(procurement()["totals"])
    # (a name in quotes as the question writes it: the department's words in it are the row's own)
    said = in_report_words(" ".join([item, *re.findall(r"[“\"]([^”\"]+)[”\"]", question)]), shortest=2)
    bought: list[tuple[Fact, Fact | None]] = []
    subtotals: list[Fact] = []
    under = None
    for f in table:
        if f.subject in classes:
            under = None
        elif _bought(f):
            bought.append((f, under))
        else:
            under = f
            subtotals.append(f)
    children = _best_named(said, [f for f, _ in bought])
    # (the words naming the thing bought name no 专项: 物业管理服务 is no 物业管理费)
    rest = said
    for name in {_bare(f.subject) for f in children}:
        run = common_run(rest, name)
        rest = rest.replace(run, " ") if len(run) >= 2 else rest
    parents = _best_named(rest, subtotals)
    if children:
        rows = [(f, p) for f, p in bought if f in children]
        within = [(f, p) for f, p in rows if p in parents]
        rows = within or rows
    elif parents and not one_bought:
        rows = [(f, None) for f in parents]
    else:
        return None
    if one_bought and len(rows) != 1:
        return None

    def said_of(f: Fact, parent: Fact | None) -> str:
        amount = f"{printed(f.value, f.quote)}{f.unit}"
        if parent is not None:  # (a thing bought: with its 专项, and how it is bought)
            return f"{_bare(parent.subject)} 采购 {f.subject}{_method_said(f)}：{amount}"
        buys = [g for g, p in bought if p is f]  # (a 专项: with what it buys, when that is a few things)
        if not buys or len(buys) > 3:
            return f"{f.subject}：{amount}"
        return f"{f.subject}：{amount}（采购{'、'.join(g.subject + _method_said(g) for g in buys)}）"

    statements = [Statement(f.doc_id, f.subject, f.measure, f.value, f.unit, (f,)) for f, _ in rows]
    lines = "；".join(said_of(f, p) for f, p in rows)
    doc_id = rows[0][0].doc_id
    figures = tuple(Figure(f.value, f.unit, f"{_bare(p.subject)} {f.subject}" if p else f.subject)
                    for f, p in rows)
    return Answer(question=question, found=True, text=f"{_report_name(index, doc_id)}：{rows[0][0].table}中，{lines}。",
                  figures=figures, citations=tuple(_citations(statements, index)), method="facts")


def _method_said(f: Fact) -> str:
    """A thing bought's 采购组织形式 in brackets (（政府集中采购）), as its row prints it."""
    method = next((m for m in sorted(procurement()["methods"], key=longest_first) if _printed_with(f, m)), None)
    return f"（{method}）" if method else ""


def _bare(name: str) -> str:
    """A row's name up to what it prints in brackets (a 专项's 经济科目, which may hold brackets of its own:
    商品和服务支出（维修（护）费）)."""
    return re.split(r"[（(]", name)[0] or name


def _best_named(said: str, rows: Sequence[Fact]) -> list[Fact]:
    """The rows whose name (before any bracket: the 专项's 经济科目) shares the longest run with what the question
    says: the whole name (three characters or more), or four characters or more that are most of it."""
    best: tuple[int, list[Fact]] = (0, [])
    for f in rows:
        name = _bare(f.subject)
        run = common_run(said, name)
        if len(run) < 2 * len(name) / 3 or len(run) < (_WHOLE_NAME if run == name else _SHARED_RUN):
            continue
        if len(run) > best[0]:
            best = (len(run), [f])
        elif len(run) == best[0] and best[1]:
            best[1].append(f)
    return best[1]
