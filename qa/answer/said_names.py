"""How a question's words are read as a report's names before they are matched (qa/answer/match.py): a name
given in brackets after the user's description, a user's word read as the full name it stands for, and where it
must not be; the item without the operation words asked around it; the question's topic without the names of the
reports it is about (`item_text`)."""
from __future__ import annotations

import re
from typing import Iterable

from ..lexicon import question_words, terms
from ..lexicon.formula_table import operation_terms, operation_words
from ..search.query import Query
from ..text.chars import in_order, longest_first, squash


def named_in_brackets(item: str, subjects: Iterable[str]) -> str:
    """The item with a description named in brackets by a subject's own name (请中介机构的钱（财政委托业务支出）):
    the name in place of the description and its brackets."""
    held = set(subjects)
    for m in re.finditer(r"[（(]([^（）()]{4,30})[）)]", item):
        if m.group(1) in held:
            start = max((item.rfind(c, 0, m.start()) for c in "，,、 "), default=-1) + 1
            described = item[start:m.start()]  # (统计信息事务里…（专项统计业务）: a name said before is kept)
            if not any(len(s) >= 4 and s in described for s in held):
                return item[:start] + m.group(1) + item[m.end():]
    return item


def alias_in_full(item: str, alias: str, canonical: str) -> str:
    """The item with the alias read as its canonical name where it is not already part of that name (接待费 ->
    公务接待费, but 公务接待费 stays as it is). The canonical name's own lead said just before an alias that is not part
    of it goes with it (因公出国费: 因公 + 出国费 -> 因公出国（境）费, not 因公因公出国（境）费)."""
    at = canonical.find(alias)
    if at < 0:
        lead = canonical[:canonical.find(alias[0])] if alias[0] in canonical else ""
        said = f"(?:{re.escape(lead)})?{re.escape(alias)}" if lead else re.escape(alias)
        return re.sub(said, lambda m: canonical, item)
    before, after = re.escape(canonical[:at]), re.escape(canonical[at + len(alias):])
    return re.sub(rf"(?<!{before}){re.escape(alias)}|{re.escape(alias)}(?!{after})" if before and after else
                  rf"(?<!{before}){re.escape(alias)}" if before else rf"{re.escape(alias)}(?!{after})", canonical, item)


def inside_a_subject(item: str, alias: str, subjects: Iterable[str]) -> bool:
    """Whether the alias, where the item says it, opens inside a report's own item said just before it (运行经费 of
    行政运行经费: 行政运行 is the 科目 named, 经费 the money of it; not 机关运行经费)."""
    at = item.find(alias)
    return any(0 <= (k := item.find(s)) < at < k + len(s) for s in subjects if len(s) >= 3)


def operation_free(item: str) -> str:
    """The item without the operation words (哪家多, 多多少, 加起来, 差多少 …): what is left names the figure."""
    words = {*operation_terms(), "各有", "各是", "分别", "谁的", "哪家", "谁", "百分点", "百分之", "怎么排", "两者", "二者"}
    for word in sorted(words, key=longest_first):
        if len(word) == 1 and any(word in ws for ws in operation_words()["directions"].values()):
            # 前三, 后5: a direction said by one character stands before its count; 学前, 以前 are words
            item = re.sub(rf"{re.escape(word)}(?=[一二两三四五六七八九十几\d])", " ", item)
        else:
            item = item.replace(word, " ")
    item = re.sub(r"[？?，,。！!\s]+", " ", item)
    item = re.sub(r"哪一?年|[一二两三四五六七八九十\d]+年的?|各年|每年|历年|这几年", " ", item)  # which of the years
    # 三家里, 哪一家的: the reports named, and which of them
    item = re.sub(r"哪?[一二两三四五六七八九十几]+(?:家|个部门|个单位)(?:里|中|之中|当中)?的?", " ", item)
    item = re.sub(r"(?<![\u4e00-\u9fff])[多少高低更大小]+(?![\u4e00-\u9fff])", " ", item)
    # the words that joined the years the question names (2019年比2017年, 从2017年到2019年) stay behind
    # around the figure's name once the years are read
    tokens = [re.sub(r"[比较从到至多少了降涨升差]+$", "", re.sub(r"^[的从比较]+", "", t)) for t in item.split()]
    return " ".join(t for t in tokens if t).strip()


def asks_projects(topic: str) -> bool:
    """Whether the things asked are projects: 项目 said other than in the spending kinds 项目支出 / 支出项目."""
    asked = question_words()["projects_asked"]
    return asked["word"] in re.sub("|".join(map(re.escape, asked["not_in"])), "", topic)


#: two names joined, the first of three characters or more (公务用车购置费和运行费…)
_JOINED = re.compile(r"([\u4e00-\u9fff]{3,12})([和及与、])(?=[\u4e00-\u9fff]{2})")


def head_shared(item: str, subjects: Iterable[str]) -> str:
    """A name said after 和 / 及 / 与 / 、 without the words it shares with the one before (公务用车购置费和运行费),
    said in full (公务用车购置费和公务用车运行费): when the two end alike (费), the later names no subject itself, and
    the first's words before its own last ones, with it, are a subject's name said in order (公务用车运行维护费)."""
    held = set(subjects)
    for m in reversed(list(_JOINED.finditer(item))):
        first, rest = m.group(1), item[m.end():]
        # (the later name: the shortest run after the joiner ending as the first does, 运行费 of 运行费各安排)
        n = next((k for k in range(2, min(6, len(rest) + 1)) if rest[k - 1] == first[-1]), None)
        if n is None or rest[:n] in held or len(first) < n + 2:
            continue
        said = first[:-n] + rest[:n]
        if any(in_order(said, s) for s in held):
            item = item[:m.end()] + said + rest[n:]
    return _head_said_last(item, held)


def _head_said_last(item: str, held: set[str]) -> str:
    """A name said before 和 / 及 / 与 / 、 without the head noun the later one ends with (实际在编在职和离退休人员,
    基本和项目支出), said in full (实际在编在职人员和离退休人员) when that is a subject's own name and the words said
    before the joiner name none."""
    for m in reversed(list(_JOINED.finditer(item))):
        first, rest = m.group(1), item[m.end():]
        later = max((s for s in held if rest.startswith(s)), key=len, default=None)
        if later is None:
            continue
        for head in (later[-k:] for k in (2, 3, 4) if len(later) > k):
            if first.endswith(head):
                break
            start = next((j for j in range(len(first) - 1) if first[j:] + head in held and first[j:] not in held), None)
            if start is not None:
                item = item[:m.start(1) + len(first)] + head + item[m.start(1) + len(first):]
                break
    return item


_PUNCT = re.compile(r"[、，,；;：:“”\"'‘’\s]")


def item_text(query: Query, departments: Iterable[str], regions: Iterable[str]) -> str:
    """The question's topic without department and region names (the scope is already applied)."""
    # 法院（款）行政运行（项）: a 类 or 款 named before its child is the child's parent (法院下行政运行, which the
    # matching reads as such); 信访业务（项）: the user names the 科目's level
    text = re.sub(r"[（(][类款][）)](?=[\u4e00-\u9fff])", "下", query.topic)
    text = re.sub(r"[（(][类款项][）)]", "", text)
    # 三公经费预算合计（不含会议费培训费）: what a note in brackets leaves out is no item asked
    left_out = "|".join(map(re.escape, operation_words()["exclude"]["before"]))
    text = re.sub(rf"[（(](?:{left_out})[^）)]*[）)]", " ", text)
    # 公务员医疗补助（2101103）: a 科目编码 beside the name picks its row (coded.coded_as_asked), no word to match
    text = re.sub(r"[（(]?(?<!\d)(?:\d{3}|\d{5}|\d{7})(?!\d)[）)]?", " ", text)
    for name in sorted(set(departments), key=longest_first):
        for region in regions:
            if region and name.startswith(region):
                name = name[len(region):]
        if len(name) >= 3:
            text = text.replace(name, " ")
    # 本部门 / a bare 单位 name the reporting body; 单位 inside a word (机关事业单位, 行政单位) is the item's own
    text = re.sub(r"本部门|本单位|(?:(?<![\u4e00-\u9fff])|(?<=的))(?:部门|单位)", " ", text)
    # 参保率有多少分: the 分 the asking words leave is the score asked of the item (自评多少分, 得了几分 say it already)
    if re.search(r"(?:多少|几)分(?![钟之])", query.text):
        text = re.sub(r"(?<=[^\s得评打])\s+分(?=\s|$)", "得分", text)
    text = squash(text)
    if query.operation.derived == "倍数":  # 预算是上年的几倍: the basis of the multiple is no word of the item
        text = re.sub(r"是(?:上一?年度?|去年)?的?倍$", "", text)
    if query.unit:  # 追回违规金额多少元: the unit asked in is no word of the item
        text = re.sub(rf"{re.escape(query.unit)}$", "", text)
    # the lexicon items the question was read as, under their own names: the user's words for them
    # (出国、公车和接待 for 三公经费) lost their punctuation in the topic
    items = terms()["items"]
    for name in query.items:
        # only forms that lost punctuation in the topic: the others the matching reads as they are
        forms = sorted({_PUNCT.sub("", a) for a in items[name]["aliases"] if _PUNCT.search(a)} - {""}, key=longest_first)
        if forms:
            text = re.sub("|".join(map(re.escape, forms)), name, text)
    return text
