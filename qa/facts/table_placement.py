"""Which column each figure of a table row is placed in: the placements its kept cells allow, those the table's
row identities confirm (合计 = 基本支出 + 项目支出), the narrative's statements of a total row, and the hierarchy of
科目 rows (a parent is the sum of its children) when empty cells were lost."""
from __future__ import annotations

import re
from itertools import combinations, product
from typing import Sequence

from ..text.chars import squash
from .labels import normalize_subject
from .table_rows import _Column, _Segment, _Tok


def _tol(n: int) -> float:
    return 0.006 + 0.0051 * n


def _vector(seg: _Segment, cand: tuple[int, ...], width: int) -> list[float]:
    v = [0.0] * width
    for tok, j in zip(seg.nums, cand):
        if j >= 0:
            v[j] = tok.value
    return v


def _satisfies(v: Sequence[float], idents: Sequence[tuple[int, list[int]]]) -> bool:
    return all(abs(v[t] - sum(v[p] for p in parts)) <= _tol(len(parts)) for t, parts in idents)


def _candidates(seg: _Segment, cols: Sequence[_Column], kept: bool,
                idents: Sequence[tuple[int, list[int]]]) -> list[tuple[int, ...]]:
    """Order-preserving placements of a segment's figures over the columns, consistent with kept
    cell positions and (when any placement satisfies them) with the row identities."""
    n, k = len(cols), len(seg.nums)
    allowed: list[set[int]] = []
    hits = [{j for j, c in enumerate(cols) if tok.col is not None and tok.col in c.cells} if kept else set()
            for tok in seg.nums]
    # more figures than columns, in kept cells: a figure under a column the header does not name (其中：专项资金…
    # beside 小计) is that column's, not any named one's; the others keep their own cells
    unnamed_cells = kept and k > n and any(hits) and sum(bool(h) for h in hits) <= n
    for hit in hits:
        allowed.append(hit or (set() if unnamed_cells else {j for j, c in enumerate(cols) if not c.own}))
    stray = [i for i, a in enumerate(allowed) if not a]
    if stray:  # figures under no column but columns of their own (-1: not placed), the rest placed
        rest = [i for i in range(k) if i not in stray]
        if not rest or len(rest) > n:
            return []
        out = []
        for c in combinations(range(n), len(rest)):
            if all(j in allowed[i] for i, j in zip(rest, c)):
                full = [-1] * k
                for i, j in zip(rest, c):
                    full[i] = j
                out.append(tuple(full))
        return out
    if k == 0 or k > n:
        return []
    cands = [c for c in combinations(range(n), k) if all(j in a for j, a in zip(c, allowed))]
    if not cands:
        cands = list(combinations(range(n), k))
    good = [c for c in cands if _satisfies(_vector(seg, c, n), idents)]
    seg.complete = bool(good) or not idents
    if not good and idents and k == n and not kept:
        return []  # every column filled and still inconsistent: the columns are not what the header says
    return good or cands


_TOTAL_ROW_LABELS = frozenset(("合计", "总计", "本年收入合计", "本年支出合计", "收入合计", "支出合计"))


def _corroborate(segs: Sequence[_Segment], cands: dict[int, list[tuple[int, ...]]],
                 panels: Sequence[Sequence[_Column]], known: dict[tuple[str, float], set[str]]) -> None:
    """Rows whose figures fit several columns keep the placements the narrative confirms: the figure
    under column X of a 合计 row is the report's X (`其中：基本支出131.09万元`), and the figure under a
    三公经费 table's item column is that item's 预算数 / 决算数 (`公务用车运行维护费4万元`)."""
    if not known:
        return
    for i, s in enumerate(segs):
        cs = cands.get(i) or []
        if len(cs) < 2 or s.panel is None:
            continue
        cols = panels[s.panel]
        by_item = any(c.subject for c in cols)
        if not by_item and (s.code or normalize_subject(s.label) not in _TOTAL_ROW_LABELS):
            continue

        def confirmed(tok: _Tok, col: _Column) -> bool:
            if col.subject:
                return col.measure in known.get((col.subject, round(tok.value, 2)), ())
            return any((name, round(tok.value, 2)) in known
                       for name in (col.measure, col.measure + "支出", col.measure + "收入"))

        def score(c: tuple[int, ...]) -> int:
            return sum(1 for tok, j in zip(s.nums, c) if j >= 0 and confirmed(tok, cols[j]))

        best = max(score(c) for c in cs)
        if best > 0:
            cands[i] = [c for c in cs if score(c) == best]


def _solve_hierarchy(segs: Sequence[_Segment], cands: dict[int, list[tuple[int, ...]]], width: int) -> None:
    """Prune placements with the sums of the 科目 hierarchy: a parent row equals the sum of its children,
    column by column; 合计 equals the sum of the top-level rows. A group no placement satisfies is ignored."""
    by_code: dict[str, int] = {}
    for i, s in enumerate(segs):
        if s.code and s.code not in by_code:
            by_code[s.code] = i
    groups: list[tuple[int, list[int]]] = []
    for i, s in enumerate(segs):
        if not s.code:
            continue
        kids = [k for k, t in enumerate(segs) if t.code and t.code != s.code and t.code.startswith(s.code)
                and len(t.code) == len(s.code) + 2]
        # rows whose printed code only repeats this one (code column holds the parent's code)
        kids += [k for k, t in enumerate(segs) if k > i and t.code == s.code and by_code[s.code] == i]
        if kids:
            groups.append((i, kids))
    total = next((i for i, s in enumerate(segs) if not s.code and squash(s.label) in ("合计", "总计")), None)
    coded = [s.code for s in segs if s.code]
    if total is not None and coded:
        top = min(len(c) for c in coded)
        kids = [k for k, s in enumerate(segs) if s.code and len(s.code) == top and by_code.get(s.code) == k]
        if kids:
            groups.append((total, kids))
    # 总计 = 本年…合计 + 结转 / 结余 rows (a 收支总表's last line)
    grand = next((i for i, s in enumerate(segs) if squash(s.label).endswith("总计")), None)
    this_year = next((i for i, s in enumerate(segs) if re.fullmatch(r"本年(?:收入|支出)合计", squash(s.label))), None)
    if grand is not None and this_year is not None:
        carry = [k for k, s in enumerate(segs) if re.search(r"结转|结余", s.label) and k not in (grand, this_year)]
        groups.append((grand, [this_year] + carry))
    if not coded:
        # 本年支出合计 = 一、… + 二、… (the class rows of a 收支总表)
        total = next((i for i, s in enumerate(segs) if squash(s.label) in ("合计", "本年收入合计", "本年支出合计")), None)
        kids = [k for k, s in enumerate(segs) if re.match(r"^[一二三四五六七八九十]+[、.．]", s.label or "")]
        if total is not None and kids:
            groups.append((total, kids))
    for _ in range(4):
        changed = False
        for parent, kids in groups:
            members = [parent] + kids
            if any(not cands.get(m) or not segs[m].complete for m in members):
                continue  # a row with a figure missing from the print proves nothing about its column sums
            # zero propagation: a fully placed parent with an empty column forbids it to the children
            if len(cands[parent]) == 1:
                pv = _vector(segs[parent], cands[parent][0], width)
                for k in kids:
                    keep = [c for c in cands[k] if all(pv[j] != 0 or v == 0 for j, v in enumerate(_vector(segs[k], c, width)))]
                    if keep and len(keep) < len(cands[k]):
                        cands[k] = keep
                        changed = True
            size = 1
            for m in members:
                size *= len(cands[m])
            if size == 1 or size > 20000:
                continue
            ok: dict[int, set[tuple[int, ...]]] = {m: set() for m in members}
            tol = _tol(len(kids))
            vecs = {m: [(c, _vector(segs[m], c, width)) for c in cands[m]] for m in members}
            for combo in product(*(vecs[m] for m in members)):
                pv = combo[0][1]
                if all(abs(pv[j] - sum(x[1][j] for x in combo[1:])) <= tol for j in range(width)):
                    for m, (c, _) in zip(members, combo):
                        ok[m].add(c)
            if not ok[parent]:
                continue
            for m in members:
                keep = [c for c in cands[m] if c in ok[m]]
                if len(keep) < len(cands[m]):
                    cands[m] = keep
                    changed = True
        if not changed:
            break
