"""The scorer follows ../shared/eval/README.md; one behaviour per test."""
from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from qa.errors import GoldFormatError, IndexNotFoundError, InputError
from qa.eval.evaluate import run_eval
from qa.eval.gold import GoldItem, gold_from_dict, load_gold
from qa.eval.metrics import (
    latency_stats,
    percentile,
    refusal_metrics,
    retrieval_hits,
    retrieval_metrics,
)
from qa.eval.scoring import (
    find_numbers,
    load_corpus_texts,
    score_answer,
    stated_figures,
)

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
GOLD_PUBLIC = SHARED / "eval" / "gold_public.jsonl"
QS = "wuhan-qingshan-2023-final.txt"
TC = "tongcheng-2023-final.txt"


def gold(**kw) -> GoldItem:
    record = {
        "id": "t-1", "question": "青山区2023年收入合计", "type": "lookup_text", "doc": QS,
        "answers": [{"value": Decimal("1228.72"), "unit": "万元"}],
        "evidence": [{"doc": QS, "quote": "2023年度收入合计1228.72万元"}],
    }
    record.update(kw)
    return gold_from_dict(record)


def cite(source: str = QS, quote: str = "2023年度收入合计1228.72万元") -> dict:
    return {"source": source, "page": None, "lines": [10, 10], "quote": quote, "score": 1.0}


def answer(text: str, found: bool = True, citations: list | None = None) -> dict:
    return {"question": "q", "found": found, "text": text, "figures": [],
            "citations": [cite()] if citations is None else citations, "method": "test"}


def values(text: str) -> list[Decimal]:
    return [n.value for n in find_numbers(text)]


# ----------------------------------------------------------------------------- number normalisation


def test_reads_number_with_thousands_comma():
    assert values("收入合计1,228.72万元") == [Decimal("1228.72")]


def test_reads_number_with_unit_attached():
    assert values("1228.72万元") == [Decimal("1228.72")]


def test_reads_number_with_spaces_after_comma_and_point():
    assert values("收支总计2, 031. 52万元") == [Decimal("2031.52")]


def test_reads_full_width_digits():
    assert values("合计１２２８．７２万元，增长１０．３％") == [Decimal("1228.72"), Decimal("10.3")]


def test_reads_percentage_with_space_before_sign():
    (n,) = find_numbers("增长12.5 %")
    assert n.value == Decimal("12.5") and n.percent


def test_full_width_comma_separates_numbers():
    assert values("年初预算85万元，决算101.78万元") == [Decimal("85"), Decimal("101.78")]


def test_four_digit_year_is_not_a_figure():
    assert [n.text for n in stated_figures("2023年度收入1228.72万元，2000万元以上")] == ["1228.72", "2000"]


# --------------------------------------------------------------------------------- value matching


def test_rounds_stated_number_to_gold_decimals():
    g = gold(answers=[{"value": Decimal("126.3"), "unit": "%"}])
    for text in ("完成126.3%", "完成126.30%", "完成126.28%"):
        assert score_answer(g, answer(text)).correct, text
    assert not score_answer(g, answer("完成126.2%")).correct


def test_two_decimal_gold_needs_both_decimals():
    g = gold(answers=[{"value": Decimal("995.33"), "unit": "万元"}])
    assert score_answer(g, answer("决算995.33万元")).correct
    assert not score_answer(g, answer("决算995.3万元")).correct


def test_gold_trailing_zero_keeps_its_precision():
    g = gold(answers=[{"value": Decimal("126.30"), "unit": "%"}])
    assert score_answer(g, answer("126.30%")).correct
    assert not score_answer(g, answer("126.28%")).correct


def test_amount_in_yuan_counts_when_stated_in_wan_yuan_at_two_decimals():
    g = gold(answers=[{"value": 371514655, "unit": "元"}])
    assert score_answer(g, answer("支出37,151.47万元")).correct
    assert not score_answer(g, answer("支出37,151.46万元")).correct


def test_amount_in_wan_yuan_counts_when_stated_in_yuan():
    g = gold(answers=[{"value": Decimal("1228.72"), "unit": "万元"}])
    assert score_answer(g, answer("收入合计12,287,200元")).correct


def test_percent_gold_gets_no_unit_reading():
    g = gold(answers=[{"value": Decimal("12.5"), "unit": "%"}])
    assert score_answer(g, answer("占12.5%")).correct
    assert not score_answer(g, answer("共125000")).correct


def test_integer_gold_matches_zero_decimals_form():
    g = gold(answers=[{"value": 0, "unit": "万元"}])
    assert score_answer(g, answer("三公经费支出0.00万元")).correct


def test_text_value_is_stated_when_contained():
    g = gold(answers=[{"value": "城乡医疗救助增加", "unit": None}])
    assert score_answer(g, answer("主要是城乡医疗 救助增加", citations=[])).correct
    assert not score_answer(g, answer("主要是人员增加", citations=[])).correct


def test_match_all_needs_every_value():
    g = gold(answers=[{"value": Decimal("126.3"), "unit": "%"}, {"value": Decimal("70.9"), "unit": "%"}])
    assert score_answer(g, answer("对年初预算126.3%，对全年预算70.9%")).correct
    s = score_answer(g, answer("完成年初预算的126.3%"))
    assert not s.correct and s.missing == ("70.9%",) and "missing 70.9%" in s.reason


def test_match_any_needs_one_value():
    g = gold(answers=[{"value": 0, "unit": "万元"}, {"value": "无", "unit": None}], match="any")
    assert score_answer(g, answer("本部门无三公经费支出", citations=[])).correct
    assert score_answer(g, answer("三公经费0万元")).correct
    assert not score_answer(g, answer("三公经费5.93万元")).correct


def test_comma_space_list_matches_either_reading():
    g = gold(answers=[{"value": 85, "unit": "万元"}, {"value": Decimal("101.78"), "unit": "万元"}])
    assert score_answer(g, answer("年初预算和决算分别为85, 101.78万元")).correct


# ------------------------------------------------------------------------------ dump and citations


def test_dump_of_figures_is_wrong():
    g = gold()  # one gold value: at most 3 + 2 = 5 figures
    text = "收入合计1228.72万元，" + "，".join(f"{i}.5万元" for i in range(1, 6))
    s = score_answer(g, answer(text))
    assert not s.correct and s.stated == 6 and s.limit == 5 and s.reason.startswith("dump")


def test_dump_limit_is_not_exceeded_by_years_or_repeats():
    text = "2021年、2022年、2023年、2024年收入合计1228.72万元（1,228.72万元），1.5万元，2.5万元，3.5万元，4.5万元"
    s = score_answer(gold(), answer(text))
    assert s.correct and s.stated == 5


def test_uncited_figure_is_wrong():
    s = score_answer(gold(), answer("收入合计1228.72万元", citations=[]))
    assert not s.correct and s.reason.startswith("uncited")


def test_citation_from_wrong_document_is_wrong():
    s = score_answer(gold(), answer("收入合计1228.72万元", citations=[cite(source=TC)]))
    assert not s.correct and f"no citation from {QS}" in s.reason


def test_citation_source_may_be_a_path_or_the_pdf_of_the_report():
    assert score_answer(gold(), answer("1228.72万元", citations=[cite(source=f"/data/corpus/{QS}")])).correct
    assert score_answer(gold(), answer("1228.72万元", citations=[cite(source=QS.replace(".txt", ".pdf"))])).correct


def test_cross_doc_citation_from_any_listed_document_counts():
    g = gold(type="cross_doc", doc=[QS, TC], answers=[{"value": Decimal("8726.43"), "unit": "万元"}])
    assert score_answer(g, answer("通城县8726.43万元", citations=[cite(source=TC, quote="收、支总计均为8726.43万元")])).correct


def test_citation_quote_not_in_document_is_wrong_when_corpus_given():
    corpus = {QS: "2023年度收入合计\n1228.72万元。"}
    assert score_answer(gold(), answer("1228.72万元"), corpus=corpus).correct
    s = score_answer(gold(), answer("1228.72万元", citations=[cite(quote="编造的句子")]), corpus=corpus)
    assert not s.correct


# ------------------------------------------------------------------------------------- refusals


def unanswerable() -> GoldItem:
    return gold(type="unanswerable", doc=None, answers=[], evidence=[])


def test_unanswerable_refusal_is_correct_even_naming_a_year():
    assert score_answer(unanswerable(), answer("语料中没有江岸区2023年的报告", found=False, citations=[])).correct


def test_unanswerable_with_found_true_is_wrong():
    s = score_answer(unanswerable(), answer("没有相关信息", found=True, citations=[]))
    assert not s.correct and "unanswerable" in s.reason


def test_unanswerable_refusal_stating_a_figure_is_wrong():
    s = score_answer(unanswerable(), answer("未找到；青山区为995.33万元", found=False))
    assert not s.correct and "995.33" in s.reason


def test_refusal_on_answerable_question_is_false_refusal():
    s = score_answer(gold(answers=[{"value": "无", "unit": None}]), answer("无法回答", found=False, citations=[]))
    assert not s.correct and s.reason.startswith("false refusal")


def test_refusal_metrics_precision_recall_and_false_refusal_rate():
    gs = [unanswerable(), gold(id="a"), gold(id="b"), gold(id="c")]
    answers = [answer("", found=False), answer("", found=False), answer("1228.72万元"), answer("1228.72万元")]
    m = refusal_metrics([score_answer(g, a) for g, a in zip(gs, answers)])
    assert (m["precision"], m["recall"], m["false_refusal_rate"]) == (0.5, 1.0, pytest.approx(1 / 3))


# ------------------------------------------------------------------------------------- retrieval


def test_retrieval_hit_ignores_whitespace_differences():
    chunks = ["无关的段落", "2023 年度收入合计\n1228.72 万元，比上年增加"]
    assert retrieval_hits(gold(), chunks) == 2


def test_retrieval_miss_is_none():
    assert retrieval_hits(gold(), ["无关的段落"] * 3) is None


def test_retrieval_metrics_mrr_arithmetic():
    m = retrieval_metrics([1, 2, None, 10])
    assert m["recall@1"] == 0.25 and m["recall@5"] == 0.5 and m["recall@10"] == 0.75
    assert m["mrr"] == pytest.approx((1 + 0.5 + 0 + 0.1) / 4)


# --------------------------------------------------------------------------------------- latency


def test_percentile_interpolates_between_ranks():
    assert percentile([1, 2, 3, 4], 50) == 2.5 and percentile([5], 95) == 5 and percentile([], 50) is None


def test_latency_stats_in_milliseconds():
    s = latency_stats([0.010, 0.020, 0.030])
    assert (s["n"], s["p50_ms"], s["max_ms"]) == (3, 20.0, 30.0)


# ---------------------------------------------------------------------------------- gold loading


def test_load_gold_names_the_malformed_line(tmp_path):
    good = json.dumps(gold().to_dict(), ensure_ascii=False)
    path = tmp_path / "g.jsonl"
    path.write_text(good + "\n\n{not json\n", encoding="utf-8")
    with pytest.raises(GoldFormatError, match="g.jsonl line 3"):
        load_gold(path)


def test_load_gold_rejects_bad_match_mode(tmp_path):
    path = tmp_path / "g.jsonl"
    path.write_text(json.dumps({**gold().to_dict(), "match": "some"}) + "\n", encoding="utf-8")
    with pytest.raises(ValueError, match="'match' must be one of all, any"):
        load_gold(path)


def test_load_gold_missing_file_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="No gold file"):
        load_gold(tmp_path / "none.jsonl")


# ------------------------------------------------------------------------------------- run_eval


def test_run_eval_reports_every_section():
    items = [gold(id="ok"), gold(id="bad"), unanswerable()]
    replies = {"ok": answer("收入合计1228.72万元"), "bad": answer("收入合计999万元")}
    by_question = {}
    for g in items:
        by_question.setdefault(g.question, []).append(g.id)

    asked = []

    def ask(q):
        gid = [i for i in by_question[q] if i not in asked][0]
        asked.append(gid)
        return replies.get(gid, answer("未找到", found=False, citations=[]))

    retrievers = {"bm25": lambda q: ["无关", "2023年度收入合计 1228.72万元"], "dense": lambda q: ["无关"]}
    progress = []
    report = run_eval(items, ask, retrievers, extra={"index build s": 1.5, "peak MB": 321},
                      on_progress=lambda d, t: progress.append((d, t)))

    assert (report.n, report.correct) == (3, 2)
    assert [s.id for s in report.failures()] == ["bad"]
    assert report.retrieval["bm25"].metrics["mrr"] == 0.5 and report.retrieval["dense"].metrics["recall@10"] == 0.0
    assert progress[-1] == (7, 7)
    md = report.to_markdown()
    for part in ("## Answer accuracy", "| lookup_text | 2 | 1 | 50.0 |", "| all | 3 | 2 | 66.7 |", "| bad |",
                 "missing 1228.72万元", "| bm25 | 0.00 | 1.00 | 1.00 | 0.500 |", "| dense |", "refusal precision",
                 "1.00 (1/1)", "false-refusal rate", "p95 ms", "index build s", "| peak MB | 321 |"):
        assert part in md, part
    table = report.format_table()
    assert "Answer accuracy" in table and "R@10" in table and "p50 ms" in table and "peak MB" in table
    d = json.loads(json.dumps(report.to_dict()))
    assert d["answers"]["accuracy"] == pytest.approx(2 / 3) and d["retrieval"]["bm25"]["ranks"]["ok"] == 2
    assert d["latency"]["n"] == 3 and d["extra"]["peak MB"] == 321


def test_run_eval_scores_a_crashing_question_as_error():
    def ask(q):
        raise RuntimeError("boom")

    report = run_eval([gold()], ask)
    assert report.correct == 0 and report.scores[0].reason == "error: RuntimeError: boom"


def test_run_eval_lets_setup_errors_through():
    def ask(q):
        raise IndexNotFoundError("No index in ./index. Run `qa index <files>` first.")

    with pytest.raises(IndexNotFoundError):
        run_eval([gold()], ask)


# ------------------------------------------------------------------------------ real gold file


@pytest.fixture(scope="module")
def public_gold() -> list[GoldItem]:
    return load_gold(GOLD_PUBLIC)


def oracle(g: GoldItem) -> dict:
    if not g.answerable:
        return answer("语料中没有这份报告，无法回答。", found=False, citations=[])
    text = "；".join(v.label() for v in g.answers)
    cites = [cite(source=e.doc, quote=e.quote) for e in g.evidence]
    return answer(text, citations=cites)


def test_public_gold_loads(public_gold):
    assert len(public_gold) >= 50 and any(not g.answerable for g in public_gold)
    assert any(g.type == "cross_doc" and isinstance(g.doc, tuple) for g in public_gold)


def test_public_gold_oracle_scores_everything(public_gold):
    corpus = load_corpus_texts(SHARED / "corpus")
    scores = [score_answer(g, oracle(g), corpus=corpus) for g in public_gold]
    assert [(s.id, s.reason) for s in scores if not s.correct] == []


def test_public_gold_refusing_system_scores_only_unanswerable(public_gold):
    report = run_eval(public_gold, lambda q: answer("没有找到答案", found=False, citations=[]))
    right = {s.id for s in report.scores if s.correct}
    assert right == {g.id for g in public_gold if not g.answerable}
    assert report.refusal["recall"] == 1.0 and report.refusal["false_refusal_rate"] == 1.0


def test_public_gold_evidence_retriever_is_perfect(public_gold):
    quotes = {g.question: [e.quote for e in g.evidence] for g in public_gold}
    report = run_eval(public_gold, oracle_by_question(public_gold), {"oracle": lambda q: quotes[q]})
    assert report.retrieval["oracle"].metrics["recall@1"] == 1.0 and report.accuracy == 1.0


def oracle_by_question(items: list[GoldItem]):
    by_q = {g.question: g for g in items}
    return lambda q: oracle(by_q[q])
