"""Rows a question names as a set: those it lists with 、 (`学前、小学、初中这几项`) and those it takes out
(`除了一般公共服务支出`)."""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Sequence

from ..lexicon import terms
from ..lexicon.formula_table import formulas, operation_words
from ..text.chars import longest_first


def find_excluded(text: str) -> tuple[str, ...]:
    """The subjects a question takes out of the set: `除了一般公共服务支出，…` -> (一般公共服务支出,)."""
    ex = operation_words()["exclude"]
    before = "|".join(re.escape(w) for w in sorted(ex["before"], key=longest_first))
    # (外 alone closes the name only before what asks or a pause: 除基本履职外哪项, not the 外 of 对外宣传)
    after = "|".join(re.escape(w) if len(w) > 1 else rf"{re.escape(w)}(?={_AFTER_CLOSE})"
                     for w in sorted(ex["after"], key=longest_first))
    out: list[str] = []
    # a quoted name ends at its closing quote (除“其他商品和服务支出”外哪项最多); else at the word closing it
    # (以外, 之外, 外) or at the clause's end
    quoted = rf"(?:{before})[“\"]([^”\"]+)[”\"]"
    for m in re.finditer(rf"{quoted}|(?:{before})([^，,。？?；;）)]+?)(?:(?:{after})|(?=[，,。？?；;）)]|$))", text):
        phrase = (m.group(1) or m.group(2)).strip("“”\"' ")
        phrase = _POINTED_AT.sub("", phrase)  # 去掉文化产业发展专项资金那一大笔: the name, not the words pointing at it
        # 和 inside a 科目's own name (其他商品和服务支出, 社会保障和就业支出) joins no two subjects
        joiners = r"[、]" if any(n in phrase for n in joined_names()) else r"[、和及与]"
        out += [p for p in re.split(joiners, phrase) if len(p) >= 2]
    return tuple(out)


def without_names(text: str, names: Sequence[str]) -> str:
    """The text with the names taken out (除了城乡医疗救助: the words left name no 款 医疗救助 of their own)."""
    for name in names:
        text = text.replace(name, " ")
    return text


#: words pointing back at a name just said (那一大笔, 这一项, 那部分)
_POINTED_AT = re.compile(r"[这那](?:一)?[大小]?(?:笔|项|个|块|部分|类)(?:钱|资金|经费)?$")

#: what may follow the one-character word closing a name taken out (外): asking words or a pause
_AFTER_CLOSE = r"[哪什谁的其还剩，,。？?；;）)]|$"


@lru_cache(maxsize=1)
def joined_names() -> tuple[str, ...]:
    """Names of the lexicon with 和 / 及 / 与 inside them (商品和服务支出, 社会保障和就业支出, 公务用车购置及运行维护费):
    the 类 names, the code groups, and the items with their aliases and parts (a list of names, 出国、公车和接待, is
    none)."""
    f = formulas()
    items = terms()["items"]
    names = {*f.class_codes.values(), *f.code_groups,
             *(n for key, entry in items.items() for n in (key, *entry["aliases"], *entry.get("parts", ())))}
    return tuple(sorted(n for n in names if re.search(r"[和及与]", n) and "、" not in n))


_ASKING = re.compile(r"什么|多少|几|哪|吗|怎么|是否|如何")


def find_listed_names(text: str) -> tuple[str, ...]:
    """The names a question lists with 、 (`学前、小学、初中这几项` -> 学前, 小学, 初中), outside what it excludes:
    the first may carry the words before it and the last the words after it (rows are matched to them by their
    ends). () when no clause lists two or more."""
    # 印刷费几笔（A、B、C）一共多少: the names a bracket lists
    for inside in re.findall(r"[（(]([^（）()]*、[^（）()]*)[）)]", text):
        if any(inside.startswith(w) for w in operation_words()["exclude"]["before"]):
            continue
        names = [n.strip() for n in inside.split("、")]
        if len(names) >= 2 and all(len(re.sub(r"[^\u4e00-\u9fff]", "", n)) >= 2 for n in names) \
                and not any(_ASKING.search(n) for n in names):
            return tuple(names)
    for clause in re.split(r"[，,。？?；;：:]", text):
        if "、" not in clause or any(w in clause for w in operation_words()["exclude"]["before"]):
            continue
        pieces = clause.split("、")
        head, tail = pieces[:-1], pieces[-1]
        # (A、B和C: the last name joined by 和; not inside a name the lexicon knows with 和 in it)
        if not any(n in tail for n in joined_names()):
            tail_parts = re.split(r"[和及与]", tail, maxsplit=1)
            if len(tail_parts) == 2 and len(re.sub(r"[^\u4e00-\u9fff]", "", tail_parts[0])) >= 2:
                head, tail = [*head, tail_parts[0]], tail_parts[1]
        # the words after the last name (高等这几项哪项最少: 高等)
        tail = re.sub(r"^(.{2,}?)(?:这|那|哪|几|各|分别|加起来|合计|一共|总共|谁|最|是|有|的).*$", r"\1", tail.strip())
        names = [p.strip() for p in (*head, tail)]
        if any(_ASKING.search(n) for n in names):
            continue  # (分别是什么、多少钱: asks, names nothing)
        if len(names) >= 2 and all(len(re.sub(r"[^\u4e00-\u9fff]", "", n)) >= 2 for n in names):
            return tuple(names)
    return ()
