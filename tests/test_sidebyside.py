"""qa.eval.sidebyside: pairing gold sets with corpora, running them on one system per corpus, and the
side-by-side table (a column per set and per round trip; totals only, never a set's questions)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from qa.errors import InputError
from qa.eval.evaluate import run_eval
from qa.eval.gold import gold_from_dict
from qa.eval.roundtrip import group_reports
from qa.eval.roundtrip_report import run_roundtrip
from qa.eval.sidebyside import SideBySide, plan_sets, run_side_by_side, set_name
from qa.models import Fact


def gold_item(i: int, qtype: str = "lookup_table", value: float = 10.0) -> dict:
    if qtype == "unanswerable":
        return {"id": f"q{i}", "question": f"问题{i}的没有的数字", "type": qtype, "doc": None}
    return {"id": f"q{i}", "question": f"问题{i}的收入合计", "type": qtype, "doc": "r.txt",
            "answers": [{"value": value, "unit": "万元"}]}


def write_gold(path: Path, records: list[dict]) -> Path:
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n", encoding="utf-8")
    return path


def answer_all(question: str) -> dict:
    """A stand-in answerer: refuses questions with 没有, else states 10.00万元 citing r.txt."""
    if "没有" in question:
        return {"found": False, "text": "未找到答案。"}
    return {"found": True, "text": "收入合计10.00万元。", "citations": [{"source": "r.txt", "quote": "收入合计10.00"}]}


def report_of(records: list[dict]):
    return run_eval([gold_from_dict(r) for r in records], answer_all)


SET_A = [gold_item(1), gold_item(2, value=11.0), gold_item(3, "lookup_text"), gold_item(4, "unanswerable")]
SET_B = [gold_item(5), gold_item(6, "rate_or_change", value=12.0)]


def roundtrip_report():
    facts = [Fact("r", "收入合计", "决算数", 10.0, "万元", "收入合计 10.00", table="收入支出决算总表"),
             Fact("r", "支出合计", "决算数", 12.0, "万元", "支出合计 12.00", table=None)]
    docs = [{"doc_id": "r", "source": "r.txt", "department": "长沙市公安局", "region": "长沙市", "year": 2025, "kind": "决算"}]
    return run_roundtrip(group_reports(docs, facts), answer_all, per_report=0, name="round trip (dev)")


def test_one_corpus_serves_every_set():
    sets = plan_sets(["a.jsonl", "b.jsonl"], ["corpus"])
    assert [s.corpus for s in sets] == [Path("corpus"), Path("corpus")]


def test_corpora_pair_with_sets_in_order():
    sets = plan_sets(["a.jsonl", "b.jsonl"], ["c1", "c2"])
    assert [(s.name, s.corpus) for s in sets] == [("a", Path("c1")), ("b", Path("c2"))]


def test_no_corpus_means_the_index_as_it_is():
    assert [s.corpus for s in plan_sets(["a.jsonl"])] == [None]


def test_a_wrong_number_of_corpora_says_what_to_give():
    with pytest.raises(InputError, match="one per gold set"):
        plan_sets(["a.jsonl", "b.jsonl", "c.jsonl"], ["c1", "c2"])


def test_column_names_are_unique():
    assert [s.name for s in plan_sets(["x/a.jsonl", "y/a.jsonl"])] == ["a", "a#2"]


def test_a_folder_is_named_with_its_parent(tmp_path):
    folder = tmp_path / "devset" / "a"
    folder.mkdir(parents=True)
    assert set_name(folder) == "devset/a"


def test_table_has_a_column_per_set_and_round_trip():
    sbs = SideBySide({"a": report_of(SET_A), "b": report_of(SET_B)}, {"round trip (dev)": roundtrip_report()})
    title, headers, rows = sbs.table()
    assert headers == ["", "a", "b", "round trip (dev)"]
    row = {r[0].strip(): r[1:] for r in rows}
    assert row["questions"] == ["4", "2", "8"]
    assert row["strict %"] == ["75.0 (3/4)", "50.0 (1/2)", "50.0 (4/8)"]
    assert row["false-refusal %"] == ["0.0 (0/3)", "0.0 (0/2)", "0.0 (0/8)"]
    assert row["lookup_table"] == ["50.0 (1/2)", "100.0 (1/1)", "100.0 (4/4)"]
    assert row["rate_or_change"] == ["-", "0.0 (0/1)", "-"]
    assert row["phrasing: full"][:2] == ["", ""] and row["phrasing: full"][2] == "50.0 (1/2)"


def test_side_by_side_prints_no_question_of_any_set():
    sbs = SideBySide({"a": report_of(SET_A), "b": report_of(SET_B)})
    text = sbs.format_table()
    assert "strict %" in text
    assert not any(r["id"] in text or r["question"] in text for r in SET_A + SET_B)


def test_one_set_alone_prints_and_writes_as_before():
    report = report_of(SET_A)
    sbs = SideBySide({"a": report})
    assert sbs.format_table() == report.format_table() and sbs.to_dict() == report.to_dict()


def test_json_holds_every_set_and_round_trip():
    data = SideBySide({"a": report_of(SET_A), "b": report_of(SET_B)}, {"rt": roundtrip_report()}).to_dict()
    assert set(data) == {"side_by_side", "sets", "roundtrip"}
    assert len(data["sets"]["a"]["scores"]) == 4 and len(data["roundtrip"]["rt"]["questions"]) == 8


def test_round_trip_sections_follow_the_table():
    text = SideBySide({}, {"round trip (dev)": roundtrip_report()}).format_table()
    assert text.index("Side by side") < text.index("round trip (dev) by phrasing")


class StandIn:
    """A stand-in system: answers every question alike, holds one report."""

    def __init__(self, corpus):
        self.corpus, self.extra = corpus, {"documents": 1}

    def ask(self, question):
        return answer_all(question)

    def retrievers(self):
        return {}

    def documents(self):
        return [{"doc_id": "r", "source": "r.txt", "department": "长沙市公安局", "region": "长沙市", "year": 2025, "kind": "决算"}]

    def facts(self):
        return [Fact("r", "收入合计", "决算数", 10.0, "万元", "收入合计 10.00", table="表")]


def test_each_distinct_corpus_is_built_once_and_round_tripped_once(tmp_path):
    a, b = write_gold(tmp_path / "a.jsonl", SET_A), write_gold(tmp_path / "b.jsonl", SET_B)
    built = []
    for name in ("c1", "c2"):
        (tmp_path / name).mkdir()

    def system_for(corpus):
        built.append(corpus)
        return StandIn(corpus)

    sets = plan_sets([a, b, a], [tmp_path / "c1", tmp_path / "c1", tmp_path / "c2"])
    result = run_side_by_side(sets, system_for, roundtrip=True, per_report=0)
    assert built == [tmp_path / "c1", tmp_path / "c2"]
    assert list(result.sets) == ["a", "b", "a#2"]
    assert list(result.roundtrips) == ["round trip (c1)", "round trip (c2)"]


def test_round_trip_alone_runs_on_the_index(tmp_path):
    result = run_side_by_side([], StandIn, roundtrip=True, per_report=0)
    assert list(result.roundtrips) == ["round trip"] and result.roundtrips["round trip"].summary()["n"] > 0
