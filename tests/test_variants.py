"""Question variants (qa.eval.variants): rewrites that keep a question's meaning, and the flips they cause."""
from __future__ import annotations

from qa.eval.gold import gold_from_dict
from qa.eval.variants import VARIANTS, check_variants, variants_of
from qa.models import Answer, Citation


def test_each_variant_rewrites_only_what_it_names():
    v = variants_of("青山区医保局2023年三公经费和会议费是多少，增长多少？")
    assert v["2023年度"] == "青山区医保局2023年度三公经费和会议费是多少，增长多少？"
    assert v["23年"] == "青山区医保局23年三公经费和会议费是多少，增长多少？"
    assert v["full-width digits"] == "青山区医保局２０２３年三公经费和会议费是多少，增长多少？"
    assert v["， as a space"] == "青山区医保局2023年三公经费和会议费是多少 增长多少？"
    assert v["和 -> 与"] == "青山区医保局2023年三公经费与会议费是多少，增长多少？"
    assert "department的" not in v  # (the name runs into the year)
    assert variants_of("青山区医保局三公经费是多少")["department的"] == "青山区医保局的三公经费是多少"
    assert v["…呢？"].endswith("增长多少呢？") and v["no ？"].endswith("增长多少")
    assert v["year first"] == "2023年青山区医保局三公经费和会议费是多少，增长多少？"
    assert variants_of("2019年省委办公厅三公经费多少")["year after the name"] == "省委办公厅2019年三公经费多少"


def test_a_variant_that_does_not_apply_is_not_asked():
    v = variants_of("截至2024年底有多少辆车")  # (a stock's date is no year to rewrite; no 和, no comma)
    assert not {"2023年度", "23年", "2023年的", "和 -> 与", "， as a space", "…呢？"} & set(v)
    assert set(variants_of("三公经费多少", ["请问", "23年"])) == {"请问"}
    assert all(kind in VARIANTS for kind in variants_of("2023年三公经费是多少？"))


def test_flips_are_counted_per_kind_for_questions_answered_right_only():
    gold = [gold_from_dict({"id": "a", "question": "2023年三公经费是多少？", "type": "lookup_text", "doc": "r.txt",
                            "answers": [{"value": 5.93, "unit": "万元"}]}),
            gold_from_dict({"id": "b", "question": "2023年会议费是多少？", "type": "lookup_text", "doc": "r.txt",
                            "answers": [{"value": 1.5, "unit": "万元"}]})]

    def ask(q: str) -> Answer:  # right unless the year is written 23年; 会议费 is never answered
        right = "三公" in q and "23年" not in q.replace("2023年", "")
        return Answer(question=q, found=right, text="三公经费5.93万元。" if right else "未找到答案。",
                      citations=(Citation("r.txt", "三公经费5.93万元"),) if right else ())
    report = check_variants(gold, ask, corpus={"r.txt": "三公经费5.93万元"})
    assert report.questions == 1 and report.flipped_ids == {"a": ["23年"]}
    assert report.flipped["23年"] == 1 and report.asked["23年"] == 1 and report.flipped["请问"] == 0
    assert "| 23年 | 1 | 1 | 100.0% |" in report.table()


def test_word_variants_say_one_word_another_way_and_keep_the_rest():
    v = variants_of("省委办公厅2018年三公经费比上年减少了多少？哪一项占三公经费的比例最高？为什么？")
    assert v["比 -> 较"] == "省委办公厅2018年三公经费较上年减少了多少？哪一项占三公经费的比例最高？为什么？"
    assert v["上年 <-> 去年"].count("去年") == 1 and v["了 dropped"].count("减少多少") == 1
    assert v["比例 -> 比重"].endswith("占三公经费的比重最高？为什么？")
    assert v["哪一项 -> 哪项"].count("哪项") == 1 and v["为什么 -> 为何"].endswith("为何？")
    assert v["三公 quoted"].count("“三公”经费") == 1
    assert variants_of("人员经费所占比例是多少")["比例 -> 比重"] == "人员经费所占比重是多少"  # (所占 stays)
    assert "有几个 -> 有多少个" not in variants_of("下面有哪几个单位")  # (哪几个 asks which, not how many)


def test_later_variants_write_every_year_short_brackets_ascii_and_money_other_ways():
    v = variants_of("省法院2019年出国（境）费比2018年多了多少钱？出国、接待各多少钱？")
    assert v["every year as 23年"].startswith("省法院19年出国（境）费比18年")
    assert v["ASCII brackets"].startswith("省法院2019年出国(境)费")
    assert v["多少钱 -> 多少资金"].count("多少资金") == 1 and v["多少钱 -> 多少万"].count("多少万？") == 1
    assert v["、 -> ，"].endswith("出国，接待各多少钱？")
    assert "every year as 23年" not in variants_of("2023年三公经费是多少")  # (one year: the 23年 kind covers it)
