"""qa.ingest.identity: region, department, year, kind and scope of every shared report, and the rules behind them."""
from __future__ import annotations

from pathlib import Path

import pytest

from qa.ingest.identity import Identity, identify, merge_parts, part_stem

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"

# (folder, file, region, department, year, kind, scope) — from each report's cover (see SOURCES.md)
EXPECTED = [
    (".", "tongcheng-2023-final.txt", "通城县", "通城县医疗保障局", 2023, "决算", "部门"),
    (".", "wuhan-hongshan-2021-budget.txt", "武汉市洪山区", "武汉市洪山区医疗保障局", 2021, "预算", "部门"),
    (".", "wuhan-huangpi-2024-final.txt", "武汉市黄陂区", "武汉市黄陂区医疗保障局", 2024, "决算", "部门"),
    (".", "wuhan-qingshan-2023-final.txt", "武汉市青山区", "武汉市青山区医疗保障局", 2023, "决算", "部门"),
    ("pdf", "jiangsu-cpc-office-2019-budget-tables.pdf", "江苏省", "中共江苏省委办公厅", 2019, "预算", "部门"),
    ("pdf", "jiangsu-procuratorate-2019-budget.pdf", "江苏省", "江苏省人民检察院", 2019, "预算", "部门"),
    ("pdf", "shanghai-putuo-commerce-2025-budget.pdf", "上海市普陀区", "上海市普陀区商务委员会", 2025, "预算", "部门"),
    ("pdf", "shanghai-putuo-finance-2024-final.pdf", "上海市普陀区", "上海市普陀区财政局", 2024, "决算", "部门"),
    ("pdf", "shanghai-putuo-planning-2024-final.pdf", "上海市普陀区", "上海市普陀区规划和自然资源局", 2024, "决算", "部门"),
    ("pdf-more", "jiangsu-court-2017-budget.pdf", "江苏省", "江苏省高级人民法院", 2017, "预算", "部门"),
    ("pdf-more", "jiangsu-court-2018-budget.pdf", "江苏省", "江苏省高级人民法院", 2018, "预算", "部门"),
    ("pdf-more", "jiangsu-court-2019-budget.pdf", "江苏省", "江苏省高级人民法院", 2019, "预算", "部门"),
    ("pdf-more", "jiangsu-cpc-office-2017-budget-tables.pdf", "江苏省", "中共江苏省委办公厅", 2017, "预算", "部门"),
    ("pdf-more", "jiangsu-cpc-office-2017-budget.pdf", "江苏省", "中共江苏省委办公厅", 2017, "预算", "部门"),
    ("pdf-more", "jiangsu-cpc-office-2018-budget-tables.pdf", "江苏省", "中共江苏省委办公厅", 2018, "预算", "部门"),
    ("pdf-more", "jiangsu-cpc-office-2018-budget.pdf", "江苏省", "中共江苏省委办公厅", 2018, "预算", "部门"),
    ("pdf-more", "jiangsu-cppcc-office-2017-budget-tables.pdf", "江苏省", "江苏省政协办公厅", 2017, "预算", "部门"),
    ("pdf-more", "jiangsu-cppcc-office-2017-budget.pdf", "江苏省", "江苏省政协办公厅", 2017, "预算", "部门"),
    ("pdf-more", "jiangsu-cppcc-office-2018-budget-tables.pdf", "江苏省", "江苏省政协办公厅", 2018, "预算", "部门"),
    ("pdf-more", "jiangsu-cppcc-office-2018-budget.pdf", "江苏省", "江苏省政协办公厅", 2018, "预算", "部门"),
    ("pdf-more", "jiangsu-cppcc-office-2019-budget-tables.pdf", "江苏省", "江苏省政协办公厅", 2019, "预算", "部门"),
    ("pdf-more", "jiangsu-cppcc-office-2019-budget.pdf", "江苏省", "江苏省政协办公厅", 2019, "预算", "部门"),
    ("pdf-more", "jiangsu-npc-office-2017-budget.pdf", "江苏省", "江苏省人大常委会办公厅", 2017, "预算", "部门"),
    ("pdf-more", "jiangsu-npc-office-2018-budget.pdf", "江苏省", "江苏省人大常委会办公厅", 2018, "预算", "部门"),
    ("pdf-more", "jiangsu-npc-office-2019-budget-tables.pdf", "江苏省", "江苏省人大常委会办公厅", 2019, "预算", "部门"),
    ("pdf-more", "jiangsu-npc-office-2019-budget.pdf", "江苏省", "江苏省人大常委会办公厅", 2019, "预算", "部门"),
    ("pdf-more", "jiangsu-procuratorate-2017-budget.pdf", "江苏省", "江苏省人民检察院", 2017, "预算", "部门"),
    ("pdf-more", "jiangsu-procuratorate-2018-budget.pdf", "江苏省", "江苏省人民检察院", 2018, "预算", "部门"),
    ("pdf-more", "shanghai-putuo-finance-2025-budget.pdf", "上海市普陀区", "上海市普陀区财政局", 2025, "预算", "部门"),
    ("pdf-more", "shanghai-putuo-govoffice-2025-budget.pdf", "上海市普陀区", "上海市普陀区人民政府办公室", 2025, "预算", "部门"),
    ("pdf-more", "shanghai-putuo-justice-2026-budget.pdf", "上海市普陀区", "上海市普陀区司法局", 2026, "预算", "部门"),
    ("pdf-more", "shanghai-putuo-wanli-2023-budget.pdf", "上海市普陀区", "上海市普陀区人民政府万里街道办事处", 2023, "预算", "部门"),
    ("pdf-more", "shanghai-putuo-wanli-2024-budget.pdf", "上海市普陀区", "上海市普陀区人民政府万里街道办事处", 2024, "预算", "部门"),
    ("pdf-more", "shanghai-putuo-wanli-2025-budget.pdf", "上海市普陀区", "上海市普陀区人民政府万里街道办事处", 2025, "预算", "部门"),
    ("dev", "beijing-city-audit-2026-budget.pdf", "北京市", "北京市审计局", 2026, "预算", "部门"),
    ("dev", "beijing-city-audit-tables-2026-budget.pdf", "北京市", "北京市审计局", 2026, "预算", "部门"),
    ("dev", "central-national-petition-2024-final.pdf", None, "国家信访局", 2024, "决算", "部门"),
    ("dev", "chongqing-city-econ-info-2026-budget.pdf", "重庆市", "重庆市经济和信息化委员会", 2026, "预算", "部门"),
    ("dev", "fujian-fuzhou-cangshan-ecoenv-unit-2026-budget.pdf", "福州市仓山区", "福州市仓山生态环境局", 2026, "预算", "单位"),
    ("dev", "fujian-pingtan-aodong-town-2015-final.txt", "平潭综合实验区", "平潭综合实验区敖东镇人民政府", 2015, "决算", "部门"),
    ("dev", "fujian-pingtan-govoffice-2015-final.txt", "平潭综合实验区", "平潭综合实验区管委会办公室", 2015, "决算", "部门"),
    ("dev", "fujian-pingtan-taiwan-affairs-2016-budget.txt", "平潭综合实验区", "平潭综合实验区台湾工作部", 2016, "预算", "部门"),
    ("dev", "guangdong-foshan-rail-transit-2019-final.pdf", "佛山市", "佛山市轨道交通局", 2019, "决算", "部门"),
    ("dev", "guangdong-shenzhen-health-2026-budget.pdf", "深圳市", "深圳市卫生健康委员会", 2026, "预算", "部门"),
    ("dev", "hunan-changsha-police-2025-budget.pdf", "长沙市", "长沙市公安局", 2025, "预算", "部门"),
    ("dev", "jiangsu-wuxi-education-unit-2026-budget.pdf", "无锡市", "无锡市教育局", 2026, "预算", "单位"),
    ("dev", "jilin-changchun-petition-2026-budget.pdf", "长春市", "长春市信访局", 2026, "预算", "部门"),
    ("dev", "shaanxi-xian-health-2022-final.pdf", "西安市", "西安市卫生健康委员会", 2022, "决算", "部门"),
    ("dev", "shaanxi-xian-propaganda-2021-budget.pdf", "西安市", "中共西安市委宣传部", 2021, "预算", "部门"),
    ("dev", "shandong-yantai-civil-affairs-2026-budget.pdf", "烟台市", "烟台市民政局", 2026, "预算", "部门"),
    ("dev", "shanghai-putuo-shiquan-street-2025-final.txt", "上海市普陀区", "上海市普陀区人民政府石泉路街道办事处", 2025, "决算", "部门"),
    ("dev", "shanghai-putuo-social-work-2024-final.pdf", "上海市普陀区", "中共上海市普陀区委社会工作部", 2024, "决算", "部门"),
    ("dev", "shanghai-putuo-welfare-home-unit-2024-budget.pdf", "上海市普陀区", "上海市普陀区社会福利院", 2024, "预算", "单位"),
    ("dev", "zhejiang-huzhou-veterans-2026-budget.pdf", "湖州市", "湖州市退役军人事务局", 2026, "预算", "部门"),
]


@pytest.fixture(scope="session")
def corpus_identities(shared_pages) -> dict[str, Identity]:
    """Every shared report read once per session (its PDFs by the processes conftest starts as the session
    begins), identified, and merged per folder."""
    if not CORPUS.is_dir():
        pytest.skip(f"shared corpus not found; expected at {CORPUS}")
    folders = sorted({f for f, *_ in EXPECTED})
    paths = [CORPUS / f / n for f, n, *_ in EXPECTED]
    texts = {p: [page.text for page in pages] for p, (pages, _) in shared_pages.many(paths).items()}
    out: dict[str, Identity] = {}
    for folder in folders:
        batch = [identify(texts[p], p.name) for p in paths if p.parent == (CORPUS / folder).resolve() or p.parent == CORPUS / folder]
        out.update({i.source: i for i in merge_parts(batch)})
    return out


@pytest.mark.parametrize("folder, name, region, department, year, kind, scope", EXPECTED, ids=[e[1] for e in EXPECTED])
def test_identity_of_corpus_report(corpus_identities, folder, name, region, department, year, kind, scope):
    got = corpus_identities[name]
    assert (got.region, got.department, got.year, got.kind, got.scope) == (region, department, year, kind, scope)


def test_expected_table_covers_every_corpus_file():
    if not CORPUS.is_dir():
        pytest.skip(f"shared corpus not found; expected at {CORPUS}")
    on_disk = {
        (p.parent.name if p.parent != CORPUS else ".", p.name)
        for p in CORPUS.rglob("*")
        if p.suffix in (".pdf", ".txt")
    }
    assert on_disk == {(f, n) for f, n, *_ in EXPECTED}


def test_corpus_regions_carry_gazetteer_adcodes(corpus_identities):
    putuo = corpus_identities["shanghai-putuo-finance-2024-final.pdf"]
    assert [(p.name, p.adcode) for p in putuo.region_path] == [("上海市", "310000"), ("普陀区", "310107")]
    tongcheng = corpus_identities["tongcheng-2023-final.txt"]
    assert [p.name for p in tongcheng.region_path] == ["湖北省", "咸宁市", "通城县"]


def test_tables_file_without_cover_is_completed_from_its_narrative(corpus_identities):
    tables = corpus_identities["beijing-city-audit-tables-2026-budget.pdf"]
    assert tables.department == "北京市审计局"
    assert any("beijing-city-audit-2026-budget.pdf" in w for w in tables.warnings)


# --------------------------------------------------------------------------------------------
# rules, on made-up pages


def test_department_lines_outrank_the_cover():
    pages = ["上海市普陀区2025年区级部门预算\n预算主管部门：上海市普陀区财政局\n目 录\n"]
    i = identify(pages, "x.pdf")
    assert (i.region, i.department, i.year, i.kind, i.scope) == ("上海市普陀区", "上海市普陀区财政局", 2025, "预算", "部门")


def test_web_page_title_header_and_tags_are_not_the_department():
    pages = ["标题: 【部门预算公开】平潭综合实验区台湾工作部2016年财政预算编制说明\n发布机构: 平潭综合实验区台湾工作部\n栏目: 部门预算公开\n正文"]
    i = identify(pages, "p.txt")
    assert (i.region, i.department, i.year, i.kind) == ("平潭综合实验区", "平潭综合实验区台湾工作部", 2016, "预算")


def test_heading_fragment_is_not_a_region():
    pages = ["第二部分南昌市东湖区2023年度部门决算表\n部门：南昌市东湖区财政局 单位：万元\n"]
    i = identify(pages, "x.pdf")
    assert i.region == "南昌市东湖区" and i.department == "南昌市东湖区财政局"


def test_year_followed_by_a_word_invents_no_place():
    i = identify(["2023年市场监督管理工作总结\n一些文字\n"], "x.txt")
    assert i.region is None and i.department is None


def test_summary_marker_is_dropped_from_the_department():
    i = identify(["西安市卫生健康委员会（汇总）\n2022年度部门决算\n目 录\n"], "x.pdf")
    assert i.department == "西安市卫生健康委员会" and i.kind == "决算"


def test_central_department_has_no_region_and_no_warning():
    i = identify(["国家信访局\n2024年度部门决算\n二〇二五年七月\n目 录\n"], "x.pdf")
    assert i.region is None and i.region_path == () and i.warnings == () and i.complete


def test_year_printed_after_a_split_cover_is_found():
    i = identify(["江苏省人民检察院\n年部门预算\n2017\n目 录\n"], "x.pdf")
    assert (i.department, i.year, i.kind) == ("江苏省人民检察院", 2017, "预算")


def test_party_office_names_read_as_one_department():
    cover = identify(["江苏省委办公厅2017年度部门预算\n目 录\n"], "a.pdf")
    tables = identify(["收支预算总表\n部门：中国共产党江苏省委员会办公厅 单位：万元\n"], "b.pdf")
    assert cover.department == tables.department == "中共江苏省委办公厅"


def test_final_report_is_read_from_its_title_not_word_counts():
    text = "上海市普陀区某某局\n2024 年度部门决算\n目 录\n预算执行情况：年初预算 100 万元，预算调整后预算 120 万元。\n"
    assert identify([text], "x.txt").kind == "决算"


def test_unit_budget_has_unit_scope():
    i = identify(["2026年度\n福州市仓山生态环境局\n单位预算\n目录\n"], "x.pdf")
    assert (i.region, i.scope, i.kind) == ("福州市仓山区", "单位", "预算")


def test_missing_parts_are_reported_in_warnings():
    i = identify(["一些文字，没有年份。\n"], "notes.txt")
    assert i.department is None and {"no department name found", "no year found", "no kind (预算/决算) found"} <= set(i.warnings)


# --------------------------------------------------------------------------------------------
# merge_parts


def _tables_only(year: int | None = 2026) -> Identity:
    text = f"预算01表 收支总表\n金额单位：万元\n项目 预算数\n{year}年度项目" if year else "预算01表 收支总表\n"
    return identify([text], "beijing-city-audit-tables-2026-budget.pdf")


def _narrative(name: str = "beijing-city-audit-2026-budget.pdf", year: int = 2026) -> Identity:
    return identify([f"北京市审计局{year}年度部门预算信息公开\n目 录\n"], name)


def test_part_stem_drops_part_words():
    assert part_stem("beijing-city-audit-tables-2026-budget.pdf") == "beijing-city-audit-2026-budget"
    assert part_stem("北京市审计局2026年度部门预算报表.pdf") == part_stem("北京市审计局2026年度部门预算情况说明.pdf")


def test_file_without_department_takes_the_identity_of_its_other_part():
    merged = merge_parts([_narrative(), _tables_only()])
    assert merged[1].department == "北京市审计局" and merged[1].region == "北京市" and merged[1].year == 2026


def test_no_merge_across_years():
    merged = merge_parts([_narrative(year=2025), _tables_only(2026)])
    assert merged[1].department is None


def test_no_merge_when_two_files_are_equally_alike():
    a = _narrative("beijing-city-audit-2026-budget-a.pdf")
    b = _narrative("beijing-city-audit-2026-budget-b.pdf")
    b = Identity(**{**b.to_dict(), "department": "北京市财政局", "region_path": b.region_path})
    merged = merge_parts([a, b, _tables_only()])
    assert merged[2].department is None


def test_no_merge_with_an_unlike_file_name():
    merged = merge_parts([_narrative("shenzhen-health-2026-budget.pdf"), _tables_only()])
    assert merged[1].department is None


def test_complete_identities_are_returned_unchanged():
    items = [_narrative(), identify(["长沙市公安局\n2025年部门预算公开\n目 录\n"], "c.pdf")]
    assert merge_parts(items) == items
