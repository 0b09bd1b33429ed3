"""Names asked with another conjunction than the report's (商品与服务支出 for 商品和服务支出)."""
from __future__ import annotations

import qa
from qa.search.joins import Joins


def test_a_name_asked_with_another_conjunction_is_read_as_the_report_writes_it():
    joins = Joins(["商品和服务支出", "公务用车购置及运行维护费", "社会保障和就业支出"])
    assert joins("基本支出中商品与服务支出哪项最多") == "基本支出中商品和服务支出哪项最多"
    assert joins("公务用车购置和运行维护费多少") == "公务用车购置及运行维护费多少"
    assert joins("社会保障及就业支出与商品和服务支出") == "社会保障和就业支出与商品和服务支出"
    assert joins("基本支出与项目支出") == "基本支出与项目支出"  # (no name: the question's own conjunction)


def test_a_spelling_that_is_a_name_itself_or_shared_by_two_names_is_left_as_it_is():
    assert Joins(["甲和乙支出", "甲与乙支出"])("甲与乙支出多少") == "甲与乙支出多少"
    joins = Joins(["甲和乙经费", "甲及乙经费"])  # 甲与乙经费 could be either
    assert joins("甲与乙经费多少") == "甲与乙经费多少" and joins("甲和乙经费多少") == "甲和乙经费多少"


def test_rows_under_a_name_asked_with_another_conjunction_are_its_rows(corpus_index):
    said = qa.ask("洪山区医保局2021年商品与服务支出里哪一项最多", settings=corpus_index)
    written = qa.ask("洪山区医保局2021年商品和服务支出里哪一项最多", settings=corpus_index)
    assert said.text == written.text and said.question == "洪山区医保局2021年商品与服务支出里哪一项最多"
