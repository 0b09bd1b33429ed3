"""Bounded work: fact extraction linear in a file's size, limits on file, question and upload size (each a
setting with a clear message), questions that cannot break the parser, and readers never handed a closed index."""
from __future__ import annotations

import time

import pytest

from .conftest import CORPUS, tiny_report


def _cpu_seconds(fn) -> float:
    t = time.process_time()  # CPU time: the other work on a shared machine does not count
    fn()
    return time.process_time() - t


def test_fact_extraction_grows_linearly_with_the_file(tmp_path, monkeypatch):
    """Was quadratic: every table squashed the whole file again, and every figure searched all of it.
    Counted in characters handled (deterministic), and in CPU time with a wide margin."""
    import qa.facts.tables as tables
    from qa.facts.extract import extract_facts
    from qa.ingest.document import load_document

    handled = [0]
    real_squash = tables.squash

    def counting(text):
        handled[0] += len(text or "")
        return real_squash(text)

    monkeypatch.setattr(tables, "squash", counting)
    body = (CORPUS / "wuhan-qingshan-2023-final.txt").read_text(encoding="utf-8")
    docs, chars, seconds, facts = {}, {}, {}, {}
    for k in (2, 16):
        (tmp_path / f"x{k}.txt").write_text(body * k, encoding="utf-8")
        docs[k] = load_document(tmp_path / f"x{k}.txt")
        handled[0] = 0
        seconds[k] = _cpu_seconds(lambda: facts.setdefault(k, extract_facts(docs[k])))
        chars[k] = handled[0]
    assert len(facts[16]) == 8 * len(facts[2])
    assert chars[16] < 8 * chars[2] * 1.2, f"8x the text: {chars[16] / chars[2]:.1f}x the characters squashed"
    assert seconds[16] < 8 * seconds[2] * 3, f"8x the text took {seconds[16] / seconds[2]:.1f}x the time"


# ------------------------------------------------------------------------------------------ limits


@pytest.fixture(scope="module")
def two_reports(index_of):
    return index_of({"east.txt": tiny_report("示例市东区", 2023, "公务接待费0.8万元。"),
                     "west.txt": tiny_report("示例市西区", 2023, "会议费2.5万元。")})


def test_a_file_over_the_size_limit_is_listed_and_the_others_indexed(tmp_path, settings_for, stand_in):
    from dataclasses import replace

    from qa.store.build import update_index

    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "big.txt").write_text(tiny_report("示例市北区", 2023, "会议费1.0万元。" * 100_000), encoding="utf-8")
    (folder / "small.txt").write_text(tiny_report("示例市南区", 2023, "会议费1.0万元。"), encoding="utf-8")
    settings = replace(settings_for(tmp_path / "index"), max_file_mb=1)
    report = update_index(settings.index_dir, add=[folder], settings=settings, embedder=stand_in)
    assert report.added == ["small.txt"]
    [(name, why)] = report.failed
    assert name == "big.txt" and "over the limit of 1 MB" in why and "QA_MAX_FILE_MB" in why


def test_a_question_over_the_length_limit_is_one_clear_error(two_reports, capsys):
    import qa
    from qa.cli import main

    with pytest.raises(qa.InputError, match="QA_MAX_QUESTION_CHARS"):
        qa.ask("公务接待费" * 200, settings=two_reports)
    started = time.perf_counter()
    assert main(["ask", "问" * 60_000, "--index", str(two_reports.index_dir)]) == 2
    assert time.perf_counter() - started < 2  # refused before any segmentation
    assert "问题太长（60000 字）" in capsys.readouterr().err


def test_a_lone_surrogate_in_a_question_is_answered_not_raised(two_reports):
    import qa

    a = qa.ask("示例市东区公务接待费\ud800是多少", settings=two_reports)
    assert isinstance(a.text, str) and a.text


def test_an_upload_over_the_limit_is_refused_before_anything_is_stored(tmp_path, settings_for):
    from dataclasses import replace

    import qa
    import qa.api

    big = tmp_path / "big.txt"
    big.write_text(tiny_report("示例市北区", 2023, "会议费1.0万元。" * 100_000), encoding="utf-8")
    settings = replace(settings_for(tmp_path / "index"), max_upload_mb=1)
    with pytest.raises(qa.InputError, match="超过上传上限 1 MB"):
        qa.api.add_reports([big], settings=settings)
    assert not (tmp_path / "index" / "uploads").exists()


def test_size_limits_are_settings_checked_once():
    from qa.config import Settings
    from qa.errors import ConfigError

    assert Settings.from_env({"QA_MAX_QUESTION_CHARS": "80"}).max_question_chars == 80
    with pytest.raises(ConfigError, match="max_upload_mb must be greater than 0"):
        Settings(max_upload_mb=0)


# ------------------------------------------------------------------------------------------ fuzzing

hypothesis = pytest.importorskip("hypothesis")
from hypothesis import given, settings as hsettings, strategies as st  # noqa: E402

# questions as people and broken inputs write them: Chinese words of the domain, digits, units, punctuation,
# lone surrogates, control characters and anything else
_PIECES = st.sampled_from(["青山区", "2023年", "决算", "预算", "公务接待费", "执行率", "多少", "万元", "比上年",
                           "增长", "%", "1,228.72", "２０２３", "－3.2", "亿元", "？", "前3", "\ud800", "\x00", " "])
QUESTIONS = st.lists(st.one_of(_PIECES, st.text(max_size=6)), max_size=12).map("".join)


@hsettings(max_examples=300, deadline=None)
@given(QUESTIONS)
def test_question_parser_never_raises(question):
    from qa.search.query import parse_question
    from qa.search.shape import answer_shape

    q = parse_question(question, ["武汉市青山区"])
    assert isinstance(q.topic, str)
    answer_shape(question)


@hsettings(max_examples=300, deadline=None)
@given(st.text(max_size=30))
def test_number_parser_raises_only_value_error(text):
    from qa.text.numbers import find_numbers, parse_number

    for n in find_numbers(text):
        assert 0 <= n.start < n.end <= len(text)
    try:
        value = parse_number(text)
    except ValueError:
        return
    assert value == value  # not NaN


@hsettings(max_examples=50, deadline=None)
@given(QUESTIONS)
def test_any_question_is_answered_or_refused_in_one_line(two_reports, question):
    import qa

    try:
        a = qa.ask(question, settings=two_reports)
    except qa.InputError as e:
        assert "\n" not in str(e)
    else:
        assert isinstance(a.text, str)


# ------------------------------------------------------------------------------------------ readers and swaps


def test_a_reader_holding_the_replaced_index_can_still_read_it(two_reports, tmp_path):
    """A reload used to close the old index under threads still answering from it ("Cannot operate on a
    closed database", 3 calls in 35,904)."""
    import qa
    import qa.api

    settings = two_reports
    held = qa.api.get_retriever(settings)
    extra = tmp_path / "south.txt"
    extra.write_text(tiny_report("示例市南区", 2023, "培训费3.5万元。"), encoding="utf-8")
    qa.build_index([extra], settings=settings)
    fresh = qa.api.get_retriever(settings)
    assert fresh is not held
    assert len(held.index.facts()) > 0  # still open for whoever holds it
    qa.remove_from_index(["south.txt"], settings=settings)


def test_readers_during_swaps_see_no_error(two_reports, tmp_path):
    import threading

    import qa

    settings = two_reports
    errors: list[BaseException] = []
    answered = [0]
    stop = threading.Event()

    def reader() -> None:
        while not stop.is_set():
            try:
                qa.ask("示例市东区2023年公务接待费", settings=settings)
                qa.reports(settings=settings)
                answered[0] += 1
            except BaseException as e:  # noqa: BLE001 - every failure is the finding
                errors.append(e)

    extra = tmp_path / "north.txt"
    extra.write_text(tiny_report("示例市北区", 2023, "培训费3.5万元。"), encoding="utf-8")
    threads = [threading.Thread(target=reader) for _ in range(3)]
    for t in threads:
        t.start()
    try:
        for _ in range(3):
            qa.build_index([extra], settings=settings)
            qa.remove_from_index(["north.txt"], settings=settings)
    finally:
        stop.set()
        for t in threads:
            t.join(timeout=30)
    assert not errors, repr(errors[:3])
    assert answered[0] > 0


def test_an_all_nul_or_binary_text_file_is_refused_with_its_own_message(tmp_path):
    import qa
    from qa.ingest.load import load_pages

    for name, data in (("nul.txt", b"\x00" * 4096), ("binary.txt", bytes(range(0, 32)) * 200)):
        (tmp_path / name).write_bytes(data)
        with pytest.raises(qa.InputError, match="binary data, not text"):
            load_pages(tmp_path / name)
