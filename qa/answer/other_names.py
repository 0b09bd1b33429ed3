"""An item's other readings under other names: the lexicon's aliases of it (公务用车 and 车辆), a performance
indicator its project's own form names short (宣传手册 of 职工医保门诊共济保障宣传制作经费), and a change the report
states only under a shorter or longer way of writing the name (参保人数 of 参保缴费人数); an amount a sentence
says is the whole of the item (共涉及资金940.15万元，占…项目支出总额的100%)."""
from __future__ import annotations

import re
from dataclasses import replace
from typing import Sequence

from ..facts.indicators import FORM_SUFFIX
from ..lexicon import terms
from ..models import Fact
from ..text.chars import squash, written_shorter
from ..text.numbers import AMOUNT_UNITS, format_value, same_amount
from .asked import CHANGE_MEASURES
from .match import Statement, _in_order
from .statements import statements_for


def same_item_readings(doc_id: str, facts: Sequence[Fact], present: Sequence[str], found: Sequence[Statement],
                        asked: bool, kind: str | None) -> list[Statement]:
    """The same item under another of its names (the lexicon's aliases: 公务用车 保有量8辆 in the 三公 section, 车辆
    共10辆 in the assets section), stating the same measure with another value: a second legitimate reading,
    shown under its own name."""
    items = terms()["items"].values()
    out: list[Statement] = []
    for name in present:
        names = {a for e in items if name in e["aliases"] for a in e["aliases"]} - {name}
        others = [(other, facts) for other in sorted({f.subject for f in facts if f.subject in names})]
        others += [(other, [f for f in facts if f.table == table]) for other, table in _short_in_its_form(name, facts)]
        for st in [s for s in found if s.subject == name][:1]:
            for other, where in others:
                for alt in statements_for(doc_id, where, [other], [st.measure], asked, kind)[:1]:
                    if alt.unit == st.unit and abs(alt.value - st.value) > 1e-9 and all(
                            abs(alt.value - x.value) > 1e-9 for x in out):
                        out.append(alt)
    return out


def _short_in_its_form(name: str, facts: Sequence[Fact]) -> list[tuple[str, str]]:
    """(indicator, its form's table) of a performance indicator its project's own form names short: the name ends
    with the indicator's, and the words before it are the project's, in order (职工医保门诊共济宣传手册: 宣传手册 of
    职工医保门诊共济保障宣传制作经费绩效指标). The same indicator, printed again in the project's form."""
    out = set()
    for f in facts:
        project = f.table[: -len(FORM_SUFFIX)] if f.table and f.table.endswith(FORM_SUFFIX) else ""
        head = name[: -len(f.subject)] if f.subject != name and name.endswith(f.subject) else ""
        if project and len(f.subject) >= 2 and len(head) >= 2 and _in_order(head, project):
            out.add((f.subject, f.table))
    return sorted(out)


#: how much of the longer name the shorter must hold, in order, to be the same item written shorter
NEAR_NAME_SHARE = 0.6


def change_under_near_name(doc_id: str, facts: Sequence[Fact], found: Sequence[Statement], measures: Sequence[str],
                            asked: bool, kind: str | None) -> list[Statement]:
    """A change asked of an item that the report states only under a shorter or longer way of writing the item's name
    (参保缴费人数 384330人, and `较2022年参保人数下降了15184人`): the name whose characters, in order, make up most of
    the other's, the one such name that states the change."""
    lacking = [m for m in measures if m in CHANGE_MEASURES and asked and not any(s.measure == m for s in found)]
    out: list[Statement] = []
    for s in found[:1] if lacking else ():
        near = sorted({f.subject for f in facts if f.measure in lacking and f.subject != s.subject
                       and _near_name(f.subject, s.subject)})
        if len(near) == 1:  # (two such names: the facts cannot tell which is meant)
            out += [x for x in statements_for(doc_id, facts, near, lacking, True, kind) if x.unit == s.unit]
    return out


def _near_name(a: str, b: str) -> bool:
    """Whether the shorter of two names is, in order, most of the longer (参保人数 of 参保缴费人数)."""
    short, long_ = sorted((a, b), key=len)
    return written_shorter(short, long_, NEAR_NAME_SHARE)


def whole_by_full_share(facts: Sequence[Fact], present: Sequence[str], found: Sequence[Statement]) -> list[Statement]:
    """An amount a sentence says is all of the asked item (共涉及资金940.15万元，占一般公共预算项目支出总额的100%)
    when it differs from the item's own figure (921.75): a second reading the report gives, marked as the report
    disagreeing with itself."""
    stated = [s for s in found if s.unit in AMOUNT_UNITS]
    out: list[Statement] = []
    for name in (n for n in present if len(n) >= 3):
        for f in facts:
            if f.table or f.unit not in AMOUNT_UNITS or f.subject == name or "占" not in f.quote:
                continue  # (a sentence saying no share: no regex run on it; this runs on every lookup)
            said = squash(f.quote)
            amount = re.escape(format_value(f.value))
            if not re.search(rf"{amount}(?:\.0+)?(?:亿元|万元|元)[，,]?占[^，,。；;]*?{re.escape(name)}[^，,。；;]{{0,4}}?的?100(?:\.0+)?[%％]", said):
                continue
            if any(same_amount(f.value, f.unit, x.value, x.unit) for x in [*stated, *out]):
                continue
            out.append(replace(Statement.of(f), conflict=True))
    return out
