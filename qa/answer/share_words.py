"""How a question names a share: the context it is taken within, the part and the whole (`政府采购中，服务类采购占
采购总额的比例`, `公务接待费在三公经费里占多少`, `异地就医备案里，省外的占多少`)."""
from __future__ import annotations

import re

from ..ingest.identity import KINDS
from ..lexicon.formula_table import operation_words
from ..text.chars import longest_first
from .pick import CONTEXT_WORDS, split_context, without_context

_SHARE_TAIL = re.compile(r"(的)?(比例|比重|百分比|百分之|多少|几成|多大|份额|是|比$|成(?=$|\s|[（(]))(.|\n)*$")
#: a share said as where money went: `(钱)有多少比例花在(项目)上`, `支出中几成用于(人员)`
_SPENT_ON = re.compile(r"^(.*?)\s*(?:有|中|里)?\s*(?:多少|多大|几)?\s*(?:比例|比重|成|百分之几|百分之多少|百分之)\s*(?:是|被)?\s*"
                       r"(?:花在了?|用在了?|用于|投在了?|投入到?|花到了?)(.{2,}?)(?:上面?|方面|身上)?$")
#: the money said as a whole: the report's total spending
_MONEY = ("", "钱", "经费", "资金", "花的钱")
_VAGUE = re.compile(r"(大概|大约|约|大致|一共|总共|单位|部门|百分之|百分比)")  # (百分之多少？X中Y所占: the ask said first)


#: 总 between a name and the kind of figure (三公总预算, 项目总决算): the name's whole figure, 总 adds nothing
_NAME_THEN_TOTAL = re.compile(rf"(?<=[\u4e00-\u9fff])总(?={'|'.join(KINDS)})")
#: the noun of a share said after its part, without 占 (工程类比重, 货物类的比例)
_SHARE_NOUN = re.compile(r"的?(?:比重|比例|百分比)")


def split_share(item: str) -> tuple[str, str, str]:
    """(context, part, total) of `政府采购中，服务类采购占采购总额的比例` or `服务类在政府采购里占百分之几`."""
    item = _NAME_THEN_TOTAL.sub("", item)  # 占三公总预算: the 三公 budget, 总 says it whole
    spent = _SPENT_ON.match(item.strip("？? 。"))
    if spent and "占" not in item:  # 钱有多少比例花在项目上: the part is what the money went on, of the money said first
        whole = _VAGUE.sub("", without_context(spent.group(1))).strip("的，, ")
        part = spent.group(2).strip("的 ")
        part = f"{part}支出" if len(part) <= 2 else part  # 花在项目上: 项目支出; 花在公务接待上: 公务接待(费)
        return ("" if whole in _MONEY else whole), part, ""  # (the money said first is the share's context)
    head, _, tail = item.partition("占")
    head = re.sub(r"所\s*$", "", head).rstrip()  # 医疗救助所占的比例: 所占 is the share's verb (X里 占: the pause too)
    noun = _SHARE_NOUN.search(item) if "占" not in item else None
    if noun:  # 政府采购里工程类比重多少: the share's noun says it without 占, naming no total
        head, tail = item[:noun.start()], item[noun.start():]
    tail = re.sub(r"^比(?![例重])", "", tail)  # X的占比是百分之多少: 占比 is the share's noun, naming no total
    tail = re.sub(r"^\s*了", "", tail)  # 占了几成: the particle after the verb names no total
    inside = re.match(rf"^(.*?)在(.+?)(?:{CONTEXT_WORDS})的?$", head)
    if inside and not _SHARE_TAIL.sub("", tail).strip():  # 公务接待费在三公经费里占多少: the total before 占
        return "", _VAGUE.sub("", inside.group(1)).strip("的 "), inside.group(2)
    context = ""
    said = re.match(rf"^(.*?[\u4e00-\u9fff）)])(?:{CONTEXT_WORDS})\s+(\S.*)$", head)
    if said:  # 异地就医备案里，省外的占多少: a context word the question closes with a pause names the context
        return _VAGUE.sub("", said.group(1)).strip(), _described(_VAGUE.sub("", said.group(2)).strip("的 ")), \
            _described(_SHARE_TAIL.sub("", tail).strip())
    words = head.split()
    typed = len(words) >= 2 and not re.search(CONTEXT_WORDS, head) and not any(re.search("百分|多少|几", w) for w in words)
    if typed and not _SHARE_TAIL.sub("", tail).strip():
        # 政府采购预算 服务类 占比: keywords, the whole typed first and the part last
        return "", _described(_VAGUE.sub("", words[-1]).strip("的 ")), _described("".join(words[:-1]))
    head = head.replace(" ", "")
    pieces = split_context(head)
    if len(pieces) > 1:
        context, head = _VAGUE.sub("", "".join(pieces[:-2])), pieces[-1]
    # 预算里项目支出占…: the context word stays behind when the words before it were read as the scope
    part = _VAGUE.sub("", re.sub(f"^({CONTEXT_WORDS})", "", head)).strip("，,、 ")
    # 按财政拨款基本支出口径，人员经费占…: the basis the question states is context, no part of the part's name
    basis = _BASIS.search(part)
    if basis is not None and len(part) - basis.end() >= 2:
        context, part = (context + basis.group(1)).strip(), part[basis.end():]
    whole = _SHARE_TAIL.sub("", tail).strip()
    return context, _described(part), _described(whole)


def _basis_clause() -> re.Pattern:
    w = operation_words()["basis_clause"]
    alt = lambda ws: "|".join(map(re.escape, sorted(ws, key=longest_first)))  # noqa: E731
    return re.compile(rf"(?:{alt(w['opens'])})(.{{2,16}}?)(?:{alt(w['closes'])})")


#: 按…口径 (operations.json `basis_clause`)
_BASIS = _basis_clause()


def _described(name: str) -> str:
    """The name a plain description leads up to (发工资这些人员经费 -> 人员经费; operations.json `appositives`)."""
    words = "|".join(map(re.escape, sorted(operation_words()["appositives"], key=longest_first)))
    tail = re.split(words, name)[-1] if words else name
    return tail if len(tail) >= 2 else name
