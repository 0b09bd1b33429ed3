"""Question variants: the same question typed another way a user might type it (请问…, 2023年度, 23年, a comma typed
as a space, full-width digits, 我想知道…, 与 for 和 …). A question answered right should be answered right in every
form; the share of variants that flip is a measure of robustness that needs no new gold — a variant keeps its
question's answers.

Each variant kind is a rewrite that keeps the meaning, or None where it does not apply (no year to write as 23年).
`check_variants` asks the variants of the questions answered right and counts the flips per kind."""
from __future__ import annotations

import dataclasses
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Mapping

from .gold import GoldItem
from .scoring import score_answer

#: a year written in full, not the date of a stock (2024年底) or a year already written 年度
_YEAR = re.compile(r"(20\d\d)年(?![度底末初])")
_FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")
#: a department's name ending before the item asked (the place a user puts 的)
_DEPARTMENT_END = re.compile(r"(?:局|厅|委员会|部|院|街道|办公室)(?=[\u4e00-\u9fff])(?![的部门])")


#: a department's name said first and its year right after it (青山区医保局2023年…), and the other way round
_NAME_THEN_YEAR = re.compile(r"^([\u4e00-\u9fff]{2,20}?(?:局|厅|院|委员会|委|部|街道|办公室|管委会办公室))(20\d\d年度?)(?![底末初])")
_YEAR_THEN_NAME = re.compile(r"^(20\d\d年度?)(?![底末初的])([\u4e00-\u9fff]{2,20}?(?:局|厅|院|委员会|部|街道|办公室))"
                             r"(?=[\u4e00-\u9fff])")


def _year(q: str, rewrite: Callable[[re.Match[str]], str]) -> str | None:
    return _YEAR.sub(rewrite, q, count=1) if _YEAR.search(q) else None


def _asked(q: str) -> str:
    return q.rstrip("？?。 ")


#: kind -> rewrite (None: the kind does not apply to the question)
VARIANTS: dict[str, Callable[[str], str | None]] = {
    "请问": lambda q: "请问" + q,
    "我想知道": lambda q: "我想知道" + q,
    "帮我查一下，": lambda q: "帮我查一下，" + q,
    "…呢？": lambda q: _asked(q) + "呢？" if q.rstrip().endswith(("？", "?")) else None,
    "no ？": lambda q: _asked(q) if _asked(q) != q else None,
    "2023年度": lambda q: _year(q, lambda m: f"{m.group(1)}年度"),
    "23年": lambda q: _year(q, lambda m: f"{m.group(1)[2:]}年"),
    "2023年的": lambda q: _year(q, lambda m: f"{m.group(1)}年的") if not re.search(r"20\d\d年的", q) else None,
    "full-width digits": lambda q: q.translate(_FULL_WIDTH) if re.search(r"\d", q) else None,
    "， as a space": lambda q: q.replace("，", " ") if "，" in q else None,
    "ASCII punctuation": lambda q: q.replace("？", "?").replace("，", ",") if re.search("[？，]", q) else None,
    "是多少 -> 有多少": lambda q: q.replace("是多少", "有多少", 1) if "是多少" in q else None,
    "是多少 -> 多少": lambda q: q.replace("是多少", "多少", 1) if "是多少" in q else None,
    "和 -> 与": lambda q: q.replace("和", "与", 1) if "和" in q else None,
    "department的": lambda q: (lambda m: q[:m.end()] + "的" + q[m.end():] if m else None)(_DEPARTMENT_END.search(q)),
    "no 的": lambda q: q.replace("的", "") if "的" in q else None,
    "keywords": lambda q: re.sub(r"\s+", " ", re.sub(r"[，,？?。、；;：:]", " ", q)).strip() if re.search("[，？。、]", q) else None,
    "是多少 -> 为多少": lambda q: q.replace("是多少", "为多少", 1) if "是多少" in q else None,
    "year first": lambda q: (lambda m: m.group(2) + m.group(1) + q[m.end():] if m else None)(_NAME_THEN_YEAR.match(q)),
    "year after the name": lambda q: (lambda m: m.group(2) + m.group(1) + q[m.end():] if m else None)(
        _YEAR_THEN_NAME.match(q)),
    # words: another everyday word of the same meaning
    "比 -> 较": lambda q: _word(q, r"比(?=上年|去年|上一年|20\d\d年|\d\d年|年初|预算|全年)", "较"),
    "上年 <-> 去年": lambda q: _word(q, "上年", "去年") or _word(q, "去年", "上年"),
    "比例 -> 比重": lambda q: _word(q, r"(?<=占)([^，。？?]{0,30}?)比例", r"\1比重") or _word(q, "占比(?![例重])", "比重"),
    "了 dropped": lambda q: _word(q, r"(?<=[加少多长降低高减])了(?=多少|百分之|几)", ""),
    "一共 -> 总共": lambda q: _word(q, "一共", "总共"),
    "哪一项 -> 哪项": lambda q: _word(q, "哪一项", "哪项") or _word(q, "哪个", "哪一个"),
    "为什么 -> 为何": lambda q: _word(q, "为什么", "为何"),
    "有几个 -> 有多少个": lambda q: _word(q, "有几个", "有多少个"),
    "三公 quoted": lambda q: _word(q, r"(?<![“\"])三公经费", "“三公”经费"),
    "执行率 -> 预算执行率": lambda q: _word(q, r"(?<!预算)执行率", "预算执行率"),
    # forms the forty-sixth session found fragile (every year short, brackets typed ASCII, other words for money)
    "every year as 23年": lambda q: _YEAR.sub(lambda m: f"{m.group(1)[2:]}年", q) if len(_YEAR.findall(q)) > 1 else None,
    "ASCII brackets": lambda q: q.replace("（", "(").replace("）", ")") if "（" in q else None,
    "多少钱 -> 多少资金": lambda q: _word(q, "多少钱", "多少资金"),
    "多少钱 -> 多少万": lambda q: _word(q, "多少钱(?=$|[，？。；])", "多少万"),
    "、 -> ，": lambda q: q.replace("、", "，") if "、" in q else None,
}


def _word(q: str, pattern: str, said: str) -> str | None:
    """`q` with the first match of `pattern` said another way, or None when it has none."""
    return re.sub(pattern, said, q, count=1) if re.search(pattern, q) else None


def variants_of(question: str, kinds: Iterable[str] | None = None) -> dict[str, str]:
    """The variants of a question (kind -> question), those that apply and differ from it."""
    out = {}
    for kind in kinds or VARIANTS:
        said = VARIANTS[kind](question)
        if said and said != question:
            out[kind] = said
    return out


@dataclass
class VariantReport:
    """Per kind: variants asked and flipped (answered wrong though their question was answered right)."""

    asked: Counter = field(default_factory=Counter)
    flipped: Counter = field(default_factory=Counter)
    questions: int = 0  # questions answered right, whose variants were asked
    flipped_ids: dict[str, list[str]] = field(default_factory=dict)  # question id -> kinds that flipped

    def table(self) -> str:
        """A Markdown table: one row per kind, then the questions with any variant flipped."""
        lines = ["| variant | asked | flipped | share |", "|---|---:|---:|---:|"]
        for kind in VARIANTS:
            if self.asked[kind]:
                n, bad = self.asked[kind], self.flipped[kind]
                lines.append(f"| {kind} | {n} | {bad} | {100 * bad / n:.1f}% |")
        lines.append(f"| **questions with any variant flipped** | {self.questions} | {len(self.flipped_ids)} | "
                     f"{100 * len(self.flipped_ids) / max(self.questions, 1):.1f}% |")
        return "\n".join(lines)


def check_variants(items: Iterable[GoldItem], ask: Callable[[str], Any], *, corpus: Mapping[str, str] | None = None,
                   kinds: Iterable[str] | None = None) -> VariantReport:
    """Ask each question; for those answered right, ask every variant and score it against the same gold."""
    report = VariantReport()
    for item in items:
        if not score_answer(item, ask(item.question), corpus=corpus).correct:
            continue
        report.questions += 1
        for kind, said in variants_of(item.question, kinds).items():
            report.asked[kind] += 1
            if not score_answer(dataclasses.replace(item, question=said), ask(said), corpus=corpus).correct:
                report.flipped[kind] += 1
                report.flipped_ids.setdefault(item.id, []).append(kind)
    return report
