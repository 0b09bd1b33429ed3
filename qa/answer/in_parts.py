"""Questions asked in turn (一共多少辆车？其中执法执勤用车几辆？): each part answered over the first one's reports, the
later ones read in the light of what the earlier ones answered (its item, its rows, its figure), the answers joined."""
from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache
from typing import Callable

from ..lexicon import cues, question_words, terms
from ..lexicon.formula_table import formulas, operation_words
from ..models import Answer
from ..search.operation import parse_operation
from ..search.parts import (
    another_column,
    another_operation,
    count_unit_asked,
    counted_noun,
    in_first_frame,
    joined_parts,
    kinds_of_count,
    names_own_item,
    own_condition,
    sums_the_rows,
)
from ..search.query import Query
from ..search.retrieve import Retriever, Scope
from ..search.shape import answer_shape, find_terms, names_a_kind, term_spans
from ..search.years import LAST_YEAR, asks_last_year
from ..text.chars import longest_first
from .extreme_share import share_of_extreme, share_of_named_report
from .joining import joined
from .per_head import per_head_of_answered
from .later_parts import (
    before_derived,
    count_beside,
    ends_and_gap,
    last_year_figure,
    money_of_count,
    row_of_columns,
    set_named,
    share_of_first,
    top_row,
    without_named,
    without_trailing_filler,
)
from .match import _strip_words
from .said_names import operation_free
from .one_report import names_no_item
from .remainder import whole_left
from .result_share import with_each_share, with_share, with_sum_share
from .passages import item_text
from .share_words import split_share


#: a share's part said as "each of them" (各占…, 分别占…): the figures just answered
_EACH = ("各", "各自", "分别", "每项", "每一项")


#: an item named with its own 的 before the year before (事业单位医疗的上年执行数)
_OWN_LAST_YEAR = re.compile(rf"[\u4e00-\u9fff]{{2,}}的(?:{LAST_YEAR.pattern})")


def without_unit(item: str, unit: str | None) -> str:
    """The item without the counting unit its question asked in, left as a word of its own (公务接待 次 of
    公务接待了几次: 次 is how it was counted, no word a later part asks of)."""
    return " ".join(w for w in item.split() if w != unit) if unit else item


def answer_in_parts(question: str, retriever: Retriever, query: Query, scope: Scope, top_k: int,
                    answer_one: Callable[..., Answer]) -> Answer | None:
    """A total and a part of it asked in turn (一共多少辆车？其中执法执勤用车几辆？): each question answered
    over the first one's reports (each by `answer_one`, the answer step of one question), the answers joined;
    None unless every part is answered. A later part found nothing for alone is asked again with the part before
    it (…计划招录多少辅警、全年管多少辅警: read together), while more than one part is left."""
    parts = list(query.parts)
    while True:
        failed: list[int] = []
        a = _in_parts(question, retriever, replace(query, parts=tuple(parts)), scope, top_k, answer_one, failed)
        if a is not None or not failed or failed[0] < 1 or len(parts) < 3:
            return a
        k = failed[0]
        parts[k - 1:k + 1] = [joined_parts(parts[k - 1], parts[k])]


def _in_parts(question: str, retriever: Retriever, query: Query, scope: Scope, top_k: int,
              answer_one: Callable[..., Answer], failed: list[int]) -> Answer | None:
    """answer_in_parts once over the parts as they are; the place of a part found nothing for goes in `failed`."""
    answers = []
    context: tuple[str, ...] = ()  # a later question is searched in the first one's context (服务类 of 政府采购)
    first_item = first_rows = ""
    for at, part in enumerate(query.parts):
        if at:
            part = _class_pointed_at(part, query.parts[0])
        _, share_part, share_whole = split_share(part)
        # (人均公用经费 after 人均人员经费: an amount of its own, not the one just answered)
        per = per_head_of_answered(part, answers) if answers and not _names_an_amount(part) else None
        if per is not None:  # 多少辆车？运行维护费多少？摊到每辆车上是多少？: the two just answered, divided
            answers.append(per)
            continue
        extreme = share_of_extreme(part, answers) if answers else None
        if extreme is not None:  # 一共多少钱，最大的占几成: the largest listed amount's share of their total
            answers[-1] = extreme
            continue
        kind_found = top_row(answers[-1]) if len(answers) > 1 else None
        if kind_found and parse_operation(part).derived == "占比" and not names_own_item(part):
            # 占比多少 after 共有多少辆车？哪一类最多？: the kind just found, of the figure the first part answered
            of_first = share_of_first(kind_found, answers[0], retriever.index.facts(query.doc_ids), retriever.index)
            if of_first is not None:
                answers.append(of_first)
                continue
        if answers and share_whole and _sums_the_set(part) and len(answers[-1].figures) > 1:
            # 这两块加起来占整个专项的比例 after 区级和市级支持总部经济各是多少: their sum, of that whole
            summed = with_sum_share(answers[-1], part, retriever.index.facts(query.doc_ids), retriever.index,
                                    context=first_item)
            if summed is not answers[-1]:
                answers[-1] = summed
                continue
        if answers and share_whole and share_part in _EACH and len(answers[-1].figures) > 1:
            # 各占三公经费的比重 after 因公出国费和公务接待费各是多少: each figure just answered, of that whole
            each = with_each_share(answers[-1], part, retriever.index.facts(query.doc_ids), retriever.index,
                                   context=first_item)
            if each is not answers[-1]:
                answers[-1] = each
                continue
        whole_said = share_whole or (set_named(first_item) if answers and not share_part and "占" in part else "")
        if answers and whole_said and not share_part and answers[-1].figures:
            # 占全部项目支出的多少？ after 哪个项目预算最多？: the share of the figure just answered; 占多少？ after
            # 三公经费三项里哪一项最多？: of the set the first question names
            shared = with_share(answers[-1], part if share_whole else f"占{whole_said}多少",
                                retriever.index.facts(query.doc_ids), retriever.index, context=first_item)
            if shared is not answers[-1]:
                answers[-1] = shared
                continue
        if answers and share_whole and share_part and sums_the_rows(query.parts[0], share_part) and names_no_item(share_part):
            # 加起来多少？占商品和服务支出的比重？ after 超过200万元的有哪些: the rows' sum, then its share of that whole
            asked = f"{query.parts[0].rstrip('？?。 ')}，{share_part}"
            summed = answer_one(asked, retriever, retriever.parse(asked).in_scope_of(query), scope, top_k=top_k)
            if summed.found:
                answers.append(with_share(summed, part, retriever.index.facts(query.doc_ids), retriever.index,
                                          context=first_item))
                continue
        if answers and answer_shape(part)[1] == "amount" and names_no_item(_strip_words(part, question_words()["money_words"])) \
                and not sums_the_rows(query.parts[0], part):  # (合计多少 after 不到20万元的有几个: those rows summed)
            # 涉及多少资金 after 有几个项目: the amount the sentence stating that count gives (共涉及项目10个，资金…)
            money = money_of_count(part, answers[-1], retriever.index.facts(query.doc_ids), retriever.index, first_item)
            if money is not None:
                answers.append(money)
                continue
        if answers and count_unit_asked(part) and not names_own_item(part):
            # 一共多少人次 after 组织了几个出国团组: the count in that unit stated beside the one just answered
            counted = count_beside(part, answers[-1], retriever.index.facts(query.doc_ids), retriever.index, first_item)
            if counted is not None:
                answers.append(counted)
                continue
        ends, gap = ends_and_gap(query.parts[0], part, answers[-1], lambda q: answer_one(
            q, retriever, retriever.parse(q).in_scope_of(query), scope, top_k=top_k)) if answers else (None, None)
        if gap is not None:  # 最大和最小…两者差多少？ 哪一块最多？它比最少的那一块多出多少？
            answers[-1:] = [ends, gap]
            continue
        # 上年预算是多少 after 比上年少了多少: the item's 上年 figure (是上年的几倍: a figure worked from it, asked below)
        # (事业单位医疗的上年执行数是多少 after another item's: an item of its own, asked as any part is)
        if answers and asks_last_year(part, query.year) and parse_operation(part).derived is None \
                and not _OWN_LAST_YEAR.search(part):
            last = last_year_figure(part, retriever, query, first_item)
            if last is not None:
                answers.append(last)
                continue
        if answers and names_no_item(part) and parse_operation(part).function == "count" \
                and parse_operation(part).threshold is None \
                and any(f.unit == "个" and f.label.endswith("个数") for f in answers[-1].figures):
            continue  # 一共几项 after 哪几项不到60%: the rows just listed were counted with them (持平的有几项: a
            # condition of its own picks other rows)
        if answers and names_no_item(part) and any(w in part for w in question_words()["each_words"]) \
                and _each_stated(answers[-1], answer_shape(part)[1]):
            continue  # 完成率各是多少 after 哪些项不到60%: each row listed was stated with its rate
        top = top_row(answers[-1]) if answers else None
        if len(answers) == 1 and kinds_of_count(query.parts[0], part):
            part = f"{counted_noun(query.parts[0])}里{part}"  # 哪一类最多 after 共有多少辆车: of the kinds of 车
        elif top and names_no_item(part) and parse_operation(part).function is None:
            part = f"{top}{part}"  # 哪个项目得分最低，预算执行率多少: the measure of the row just answered
        elif answers and another_column(query.parts[0], part):
            part = in_first_frame(query.parts[0], part)  # 实际执行了多少 after 全年预算加起来多少: that sum, this column
        elif answers and sums_the_rows(query.parts[0], part) and names_no_item(part):
            part = f"{query.parts[0].rstrip('？?。 ')}，{part}"  # 合计多少: the total of the rows counted first
        elif answers and "占" in part and share_part and not share_whole.strip("了的 ") and not part.startswith("其中"):
            # (区府办占了多少 after 四家的三公经费加起来多少: one report's figure of their sum)
            of_first = share_of_named_report(share_part, answers[0], retriever.parse(part).departments) or share_of_first(
                share_part, answers[0], retriever.index.facts(query.doc_ids), retriever.index)
            if of_first is not None:  # 共有多少辆车？执法执勤用车占比多少？: a part of the figure just answered
                answers.append(of_first)
                continue
            part = f"{without_trailing_filler(first_item)}中{part}"  # 买服务占了多大比例: a share of the first's item
        elif answers and (row := row_of_columns(first_item, part, retriever.index.facts(query.doc_ids))):
            part = f"{row}的{part}"  # 基本支出和项目支出分别多少 after 公务员医疗补助合计多少: that row's columns
        elif answers and _per_head_of_nothing(part) and (first_share := split_share(query.parts[0]))[2]:
            part = f"{first_share[1]}{part}"  # 按接待人次算，平均每人次多少元 after 公务接待费占三公经费多大比重: of 公务接待费
        elif answers and (whole := _whole_of_part(query.parts[0], part)):
            part = f"{whole}中{part}"  # 工程类安排了多少 after 政府采购预算中货物类占比多少: a part of the same whole
        elif answers and (pointed := _pointed_item(part, first_item)):
            part = pointed  # 这个项目多少钱 after 信息化设备购置项目打算买多少台…: that project
        elif answers and (inside := _pointing_in(part)):  # 其中买服务花了多少, 里面哪一块最大: of the first's item
            part = f"{without_trailing_filler(first_item)}中{part[len(inside):]}"  # (政府采购中买服务: the context
            # word leaves 买服务 to name the figure)
        elif answers and (left_out := parse_operation(part).excluding) \
                and not names_own_item(whole_left(part, left_out)):
            part = f"{first_item}{part}"  # 除执法执勤用车外的其他各类合计多少辆: the rest of the first question's item
        elif answers and any(w in part for ws in operation_words()["named_order"].values() for w in ws):
            # 前者是后者的几倍 after …的部门预算相差多少: what the first question named, in its words, without its operation
            part = f"{before_derived(query.parts[0])}{part}"
        elif answers and (not names_own_item(without_named(part, query)) or names_no_item(part)
                          and not find_terms(part, terms()["items"])[0]) \
                and not another_operation(query.parts[0], part):  # (实际有多少人 after 有多少编制: an item of its own)
            part = f"{first_item}{part}"  # 涉及多少钱: of the first question's item
        elif answers and another_operation(query.parts[0], part) \
                and (before := _before_condition(query.parts[0], part)):
            part = f"{before}{part}"  # 增加的是哪几个 after …项级科目里，持平的有几个: those rows, by its own condition
        elif answers and another_operation(query.parts[0], part) \
                and not any(w in part for w in first_rows.split() if len(w) >= 2):  # (项 of 几个项 names no rows)
            part = f"{first_rows} {part}"  # 超过200万元的有几个: of the rows the first question named
        sub = retriever.parse(part)
        # (a context the part already says gets no more weight)
        sub = sub.in_scope_of(query, expansions=(*sub.expansions, *(c for c in context if c not in part)))
        if not names_a_kind(part) and not _own_kind(sub):  # 服务类多少？ after 政府采购预算多少钱？: the same kind
            sub = replace(sub, figure_kind=query.figure_kind)
        context = context or (without_trailing_filler(sub.topic),)
        first_item = first_item or without_unit(_named_item(item_text(sub)), count_unit_asked(part))
        first_rows = first_rows or operation_free(sub.topic)
        got = answer_one(part, retriever, sub, scope, top_k=top_k)
        unit = count_unit_asked(part)
        if not got.found and unit and any(f.unit == unit for a in answers for f in a.figures):
            continue  # 多少人次 after 多少个团组: the count just answered stated it beside (团组52个，520人次)
        if not got.found:
            failed.append(at)
            return None
        answers.append(got)
    return joined(answers, question)


def _before_condition(first: str, later: str) -> str | None:
    """The clauses of the first question before the one picking its rows by a condition (…人大事务项级科目里， of
    …，跟上年持平的有几个), for a later question picking the same rows by a condition of its own (增加的是哪几个):
    read with the first one's condition, it would pick the first one's rows again. None when the first question
    says its rows and its condition in one clause, or the later one has no condition of its own."""
    clauses = [c for c in re.split(r"(?<=[，,；;：:])", first.rstrip("？?。 ")) if c.strip()]
    if len(clauses) < 2 or not own_condition(clauses[-1], later):
        return None
    return "".join(clauses[:-1])


def _each_stated(rows: Answer, kind: str) -> bool:
    """Whether an answer listing rows states a figure of the kind asked for each (执行率 25.83%、55.7%…): a rate
    asked, and two or more rates in its list."""
    return kind == "percent" and len(re.findall(r"\d(?:\.\d+)?%", rows.text)) > 1 and "、" in rows.text


def _pointing_in(part: str) -> str:
    """The words a later part opens with that point into the first part's item (其中, 里面, 这当中; questions.json
    pointing_in), or ""."""
    return next((w for w in sorted(question_words()["pointing_in"], key=longest_first) if part.startswith(w)), "")


def _pointed_item(part: str, first_item: str) -> str:
    """A later part opening with a demonstrative and a noun (这个项目, 该专项; questions.json pointing_at) with that
    noun named as the first part names it (信息化设备购置项目), or "" when it opens with none or the first names none."""
    said = question_words()["pointing_at"]
    m = re.match(f"(?:{'|'.join(said['demonstratives'])})({'|'.join(said['nouns'])})", part)
    at = first_item.find(m.group(1)) if m else -1
    if at < 0:
        return ""
    start = first_item.rfind(" ", 0, at) + 1  # (the first's word holding the noun)
    return f"{first_item[start:at + len(m.group(1))]}{part[m.end():]}"


def _names_an_amount(part: str) -> bool:
    """Whether a part names a lexicon item other than by a noun of things counted (公用经费; not 车辆, 几辆车:
    questions.json counted_nouns)."""
    nouns = tuple(question_words()["counted_nouns"])
    return any(not part[start:end].endswith(nouns) for start, end, _ in term_spans(part, terms()["items"]))


#: a 类 pointed at by a later part (占该类支出多少, 这一类的): the one the first part names
_CLASS_POINTED = re.compile(r"(?:该|这一?|此)(?:大类|类)(?:支出)?")


def _class_pointed_at(part: str, first: str) -> str:
    """A later part with the 类 it points at (占该类支出多少 after 社会保障和就业支出下面哪个项级科目最大) named as the
    first part names it (national 类 names, formulas.json class_codes); the part as it is when it points at none
    or the first part names no one 类."""
    if not _CLASS_POINTED.search(part):
        return part
    named = {name for name in formulas().class_codes.values() if name in first}
    return _CLASS_POINTED.sub(named.pop(), part, count=1) if len(named) == 1 else part


def _named_item(item: str) -> str:
    """The item a part names, without the words of its comparison (一般公共预算财政拨款支出比 超 -> 一般公共预算财政拨款
    支出): a later part asking of it (执行率多少) asks its own measure, not the first part's change."""
    said = {w for ws in question_words()["directions"].values() for w in ws}
    if not any(t in said for t in item.split()):
        return item
    return " ".join(t for t in operation_free(item).split() if t not in said)


def _whole_of_part(first: str, later: str) -> str | None:
    """The whole the first part names (政府采购) when a later part names, by its own word (工程类), one of the
    parts the lexicon gives that whole and no item of its own; else None."""
    items = terms()["items"]
    if find_terms(later, items)[0]:
        return None
    for whole in find_terms(first, items)[0]:
        own = [p.replace(whole, "") for p in items.get(whole, {}).get("parts", ())]
        if any(len(w) >= 2 and w in later for w in own):
            return whole
    return None


def _own_kind(sub: Query) -> bool:
    """Whether a part asks a derived measure of a kind of its own (还剩多少没用 after 执行率多少: an amount)."""
    derived = formulas().formulas.get(sub.operation.derived) if sub.operation.derived else None
    return derived is not None and (derived.unit == "%") != (sub.figure_kind == "percent")


def _per_head_of_nothing(part: str) -> bool:
    """Whether a part asks an amount per head (平均每人次多少元) and names no item of its own: after a share, the
    amount is the share's part."""
    named = find_terms(part, terms()["items"])[0] or any(re.search(p, part) for _, ps in cues().narrative_subjects for p in ps)
    return parse_operation(part).derived == "人均" and not named


def _sums_the_set(part: str) -> bool:
    """Whether a later question adds up the things just answered: it points at them (这两块, 两者) and says a word of
    a sum (operations.json functions.sum: 加起来, 合计)."""
    return _sum_of_set().search(part) is not None


@lru_cache(maxsize=1)
def _sum_of_set() -> re.Pattern[str]:
    sums = "|".join(map(re.escape, operation_words()["functions"]["sum"]))
    return re.compile(rf"(?:这|那|两者|二者)[^，,。？?]{{0,4}}?(?:{sums})")
