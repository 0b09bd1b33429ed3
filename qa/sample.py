"""Synthetic disclosure reports (部门决算 / 部门预算) in the national template, with made-up figures.

Uses: a demo corpus the app can index on a fresh machine, PDFs for loader tests, and thousands of reports
for scale benchmarks. Everything is fictional: regions are 示例市… / 示例县, departments are generic, figures
come from a seeded generator, and every report says on its cover that it is a generated example.

Numbers are consistent by construction: amounts are integers of 0.01 万元 while generating, 小计 = 基本支出 +
项目支出, every 合计 is the sum of its rows, each narrative figure is the table figure, and rates
(执行率, 增长率, 占比) are computed from the printed amounts and rounded half-up to one decimal.

    report = make_report(7)                  # 决算 by default; make_report(7, kind="预算")
    write_text(report, "r.txt")              # like a PDF extraction: one table row per line
    info = write_pdf(report, "r.pdf")        # A4, STSong-Light, ruled tables; info.table_pages["公开06表"]
    paths = write_sample_corpus("corpus/", 100, fmt="txt")

`report.facts` holds the ground truth: (subject, measure, value, unit) with the text as printed and where
(a table code like "公开05表" or a section heading).

What varies between seeds: the department profile (16 kinds, each with its own 类/款/项 items, projects and
duties), staff numbers and scale (收支总计 roughly 300–8,500 万元), which project items are used, and, for some
reports, 其他收入, 政府性基金 spending, 年初/年末结转和结余, 因公出国 and 公务用车购置. 公开08表 (and 公开09表 of a
预算) is always the "本部门无…" empty table, as in most real reports.

PDFs use reportlab's built-in CID font STSong-Light, which is referenced, not embedded: text extraction
(pdfplumber, pdftotext) is exact, but a viewer needs some CJK font to draw the glyphs (Acrobat fetches one;
poppler wants poppler-data plus e.g. fonts-arphic-uming or fonts-noto-cjk, otherwise it shows boxes).
"""
from __future__ import annotations

import logging
import math
import os
import random
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO, Callable, Iterator, Sequence, Union

from .models import Table

logger = logging.getLogger(__name__)

KINDS = ("决算", "预算")
FORMATS = ("pdf", "txt")
YEAR_MIN, YEAR_MAX = 2019, 2026
UNIT = "万元"
FONT_NAME = "STSong-Light"
FICTION_NOTICE = "（本报告由 disclosure-qa 示例生成器生成，地区、部门及全部数字均为虚构，仅供演示和测试。）"

# ---------------------------------------------------------------------------------------------------------
# Records
# ---------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SampleFact:
    """One ground-truth figure of a generated report.

    subject = 科目名称 or the item a sentence is about (e.g. 城乡医疗救助, “三公”经费, 收支总计);
    measure = the column header for table cells (小计, 基本支出, 决算数…) or the quantity for narrative
    figures (年初预算数, 决算数, 执行率, 增减额, 增长率, 占比…); unit = 万元 / % / 辆 / 人 / 个 / 人次.
    `printed` is the figure exactly as it appears in the report (`1,228.72` in tables, `1228.72万元` in text);
    for 增减额 / 增长率 the value is signed (negative = decrease) while the text says 减少 / 下降.
    `where` is the table code ("公开05表") or the level-2 heading of the narrative section.
    """

    subject: str
    measure: str
    value: float
    unit: str
    printed: str
    where: str
    subject_code: str | None = None


@dataclass(frozen=True)
class Heading:
    """A heading on its own line. level 1 = 第X部分 (starts a page in the PDF), 2 = 一、…, 3 = （一）…"""

    text: str
    level: int


@dataclass(frozen=True)
class Paragraph:
    """A narrative paragraph (one line in text output, wrapped in the PDF)."""

    text: str


@dataclass(frozen=True)
class SampleTable:
    """A report table as printed. Zero amounts print as empty cells, as in real reports.

    `header` rows come first; `spans` are merged header cells (col0, row0, col1, row1), inclusive, in header
    coordinates, the cells they cover hold "". `widths` are relative column widths for the PDF; columns from
    `numeric_from` on are amounts (right-aligned). `note` is printed under the table.
    """

    code: str
    title: str
    header: tuple[tuple[str, ...], ...]
    rows: tuple[tuple[str, ...], ...]
    spans: tuple[tuple[int, int, int, int], ...] = ()
    widths: tuple[float, ...] = ()
    numeric_from: int = 2
    note: str = ""
    unit: str = UNIT

    @property
    def ncols(self) -> int:
        return len(self.header[0])

    def to_table(self) -> Table:
        """As the pipeline's `qa.models.Table` (title, header + body rows, unit)."""
        return Table(title=self.title, rows=self.header + self.rows, header_rows=len(self.header), unit=self.unit)

    def __repr__(self) -> str:
        return f"SampleTable({self.code} {self.title!r}, rows={len(self.rows)})"


Block = Union[Heading, Paragraph, SampleTable]


@dataclass(frozen=True)
class SampleReport:
    """A generated report: metadata, content blocks in reading order, and its ground-truth facts.

    region = 地区 (fictional, 示例市…), department = 部门, year = 年度, kind = "决算" or "预算".
    """

    seed: int
    kind: str
    region: str
    department: str
    year: int
    title: str
    blocks: tuple[Block, ...]
    facts: tuple[SampleFact, ...]

    @property
    def tables(self) -> tuple[SampleTable, ...]:
        return tuple(b for b in self.blocks if isinstance(b, SampleTable))

    @property
    def paragraphs(self) -> tuple[str, ...]:
        return tuple(b.text for b in self.blocks if isinstance(b, Paragraph))

    def table(self, code: str) -> SampleTable:
        """The table with this code ("公开05表"); KeyError naming the codes there are."""
        for t in self.tables:
            if t.code == code:
                return t
        raise KeyError(f"no table {code!r}; this report has {', '.join(t.code for t in self.tables)}")

    def find_facts(self, subject: str | None = None, measure: str | None = None,
                   where: str | None = None) -> list[SampleFact]:
        """Facts matching every given field exactly (where may be a prefix, e.g. "公开0")."""
        return [f for f in self.facts
                if (subject is None or f.subject == subject) and (measure is None or f.measure == measure)
                and (where is None or f.where.startswith(where))]

    def __repr__(self) -> str:
        return f"SampleReport({self.title!r}, seed={self.seed}, tables={len(self.tables)}, facts={len(self.facts)})"


@dataclass(frozen=True)
class PdfInfo:
    """What `write_pdf` laid out: page count and the 1-based pages each table occupies."""

    path: Path | None
    pages: int
    table_pages: dict[str, tuple[int, ...]]
    repeat_header: bool


# ---------------------------------------------------------------------------------------------------------
# Classification data (the national 政府收支分类科目 codes are public standards; all wording below is ours)
# ---------------------------------------------------------------------------------------------------------

#: the 26 function classes (类) listed in 收入支出决算总表, in template order
_CLASSES: tuple[tuple[str, str], ...] = (
    ("201", "一般公共服务支出"), ("202", "外交支出"), ("203", "国防支出"), ("204", "公共安全支出"),
    ("205", "教育支出"), ("206", "科学技术支出"), ("207", "文化旅游体育与传媒支出"),
    ("208", "社会保障和就业支出"), ("210", "卫生健康支出"), ("211", "节能环保支出"), ("212", "城乡社区支出"),
    ("213", "农林水支出"), ("214", "交通运输支出"), ("215", "资源勘探工业信息等支出"),
    ("216", "商业服务业等支出"), ("217", "金融支出"), ("219", "援助其他地区支出"),
    ("220", "自然资源海洋气象等支出"), ("221", "住房保障支出"), ("222", "粮油物资储备支出"),
    ("223", "国有资本经营预算支出"), ("224", "灾害防治及应急管理支出"), ("229", "其他支出"),
    ("231", "债务还本支出"), ("232", "债务付息支出"), ("234", "抗疫特别国债安排的支出"),
)
_CLASS_NAME = dict(_CLASSES)
_CN_NUM = ("一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二", "十三", "十四", "十五",
           "十六", "十七", "十八", "十九", "二十", "二十一", "二十二", "二十三", "二十四", "二十五", "二十六")

_KUAN_NAME = {
    "20101": "人大事务", "20103": "政府办公厅（室）及相关机构事务", "20106": "财政事务",
    "20138": "市场监督管理事务", "20406": "司法", "20501": "教育管理事务", "20502": "普通教育",
    "20508": "进修及培训", "20701": "文化和旅游", "20703": "体育", "20801": "人力资源和社会保障管理事务",
    "20802": "民政管理事务", "20805": "行政事业单位养老支出", "20807": "就业补助", "20808": "抚恤",
    "20810": "社会福利", "20819": "最低生活保障", "20820": "临时救助", "20828": "退役军人管理事务",
    "21001": "卫生健康管理事务", "21004": "公共卫生", "21007": "计划生育事务", "21011": "行政事业单位医疗",
    "21013": "医疗救助", "21015": "医疗保障管理事务", "21101": "环境保护管理事务", "21103": "污染防治",
    "21201": "城乡社区管理事务", "21205": "城乡社区环境卫生", "21208": "国有土地使用权出让收入安排的支出",
    "21301": "农业农村", "21303": "水利", "21305": "巩固脱贫攻坚成果衔接乡村振兴", "21307": "农村综合改革",
    "21401": "公路水路运输", "22102": "住房改革支出", "22401": "应急管理事务", "22960": "彩票公益金安排的支出",
}

#: items every department has, paid from 基本支出 and tied to an economic item of 公开06表
_COMMON_ITEMS = (
    ("2080505", "机关事业单位基本养老保险缴费支出", "30108"),
    ("2080506", "机关事业单位职业年金缴费支出", "30109"),
    ("2101101", "行政单位医疗", "30110"),
    ("2101103", "公务员医疗补助", "30111"),
    ("2210201", "住房公积金", "30113"),
)

#: economic classification of 基本支出 (公开06表): group code, group name, items; 人员经费 = 301 + 303
_ECON: tuple[tuple[str, str, tuple[tuple[str, str], ...]], ...] = (
    ("301", "工资福利支出", (
        ("30101", "基本工资"), ("30102", "津贴补贴"), ("30103", "奖金"), ("30106", "伙食补助费"),
        ("30107", "绩效工资"), ("30108", "机关事业单位基本养老保险缴费"), ("30109", "职业年金缴费"),
        ("30110", "职工基本医疗保险缴费"), ("30111", "公务员医疗补助缴费"), ("30112", "其他社会保障缴费"),
        ("30113", "住房公积金"), ("30114", "医疗费"), ("30199", "其他工资福利支出"))),
    ("302", "商品和服务支出", (
        ("30201", "办公费"), ("30202", "印刷费"), ("30203", "咨询费"), ("30204", "手续费"), ("30205", "水费"),
        ("30206", "电费"), ("30207", "邮电费"), ("30208", "取暖费"), ("30209", "物业管理费"), ("30211", "差旅费"),
        ("30212", "因公出国（境）费用"), ("30213", "维修（护）费"), ("30214", "租赁费"), ("30215", "会议费"),
        ("30216", "培训费"), ("30217", "公务接待费"), ("30218", "专用材料费"), ("30224", "被装购置费"),
        ("30225", "专用燃料费"), ("30226", "劳务费"), ("30227", "委托业务费"), ("30228", "工会经费"),
        ("30229", "福利费"), ("30231", "公务用车运行维护费"), ("30239", "其他交通费用"),
        ("30240", "税金及附加费用"), ("30299", "其他商品和服务支出"))),
    ("303", "对个人和家庭的补助", (
        ("30301", "离休费"), ("30302", "退休费"), ("30303", "退职（役）费"), ("30304", "抚恤金"),
        ("30305", "生活补助"), ("30306", "救济费"), ("30307", "医疗费补助"), ("30308", "助学金"),
        ("30309", "奖励金"), ("30310", "个人农业生产补贴"), ("30311", "代缴社会保险费"),
        ("30399", "其他对个人和家庭的补助"))),
    ("310", "资本性支出", (
        ("31002", "办公设备购置"), ("31003", "专用设备购置"), ("31007", "信息网络及软件购置更新"),
        ("31013", "公务用车购置"), ("31022", "无形资产购置"), ("31099", "其他资本性支出"))),
)
_ECON_NAME = {c: n for g, gn, items in _ECON for c, n in ((g, gn),) + items}
_PERSONNEL_GROUPS = ("301", "303")


@dataclass(frozen=True)
class _Profile:
    """A kind of department: its own 项 (code name kind [project]), duties and offices."""

    name: str
    items: tuple[tuple[str, str, str, str], ...]  # code, name, "B" basic | "P" project | "F" fund, project
    duties: tuple[str, ...]
    offices: tuple[str, ...]
    units: tuple[str, ...]
    outputs: tuple[str, ...]


def _profile(name: str, items: str, duties: str, offices: str, units: str, outputs: str) -> _Profile:
    rows = []
    for line in items.strip().splitlines():
        parts = line.split()
        rows.append((parts[0], parts[1], parts[2], parts[3] if len(parts) > 3 else ""))
    return _Profile(name, tuple(rows), tuple(duties.split("|")), tuple(offices.split()), tuple(units.split()),
                    tuple(outputs.split("|")))


_PROFILES: tuple[_Profile, ...] = (
    _profile("卫生健康局", """
2100101 行政运行 B
2100102 一般行政管理事务 P 机关业务运转保障经费
2100199 其他卫生健康管理事务支出 P 卫生健康综合监督经费
2100401 疾病预防控制机构 P 疾病预防控制工作经费
2100408 基本公共卫生服务 P 基本公共卫生服务补助资金
2100409 重大公共卫生服务 P 重大公共卫生服务项目资金
2100410 突发公共卫生事件应急处理 P 突发公共卫生事件应急处置经费
2100717 计划生育服务 P 计划生育家庭扶助资金""",
             "贯彻执行国家和上级卫生健康工作方针政策，拟订全区卫生健康事业发展规划并组织实施。|"
             "统筹辖区医疗卫生资源配置，指导基层医疗卫生服务体系建设。|"
             "负责疾病预防控制工作，组织实施免疫规划和重大疾病防治措施。|"
             "组织协调突发公共卫生事件应急处置和医疗卫生救援工作。|"
             "负责辖区职业卫生、放射卫生、学校卫生和公共场所卫生的监督管理。|"
             "完成上级交办的其他任务。",
             "办公室 财务审计科 医政医管科 疾病预防控制科 基层卫生科 综合监督科",
             "卫生健康综合执法大队 疾病预防控制中心 妇幼保健所",
             "辖区居民健康档案建档率保持在较高水平|重点人群健康管理服务按期完成|突发公共卫生事件得到及时处置"),
    _profile("医疗保障局", """
2101501 行政运行 B
2101502 一般行政管理事务 P 医疗保障业务工作经费
2101504 信息化建设 P 医保信息化建设经费
2101505 医疗保障政策管理 P 医保基金监管经费
2101506 医疗保障经办事务 P 医保经办服务经费
2101301 城乡医疗救助 P 城乡医疗救助资金""",
             "贯彻执行医疗保险、生育保险、医疗救助等医疗保障制度的法律法规和政策。|"
             "组织实施辖区医保支付、药品和医用耗材价格及医疗服务收费政策。|"
             "协调医保经办机构做好参保登记、待遇支付等经办服务管理工作。|"
             "负责监督管理定点医药机构的医疗服务行为和医疗费用，依法查处违法违规行为。|"
             "完成上级交办的其他任务。",
             "办公室 待遇保障科 基金监管科",
             "医疗保障服务中心",
             "医疗救助对象应救尽救|定点医药机构监督检查实现全覆盖|医保经办服务事项实现一窗通办"),
    _profile("教育局", """
2050101 行政运行 B
2050102 一般行政管理事务 P 教育管理业务经费
2050201 学前教育 P 学前教育发展补助资金
2050202 小学教育 P 义务教育公用经费补助资金
2050203 初中教育 P 初中教育质量提升经费
2050803 培训支出 P 教师培训经费""",
             "贯彻执行国家教育方针和政策法规，拟订全区教育事业发展规划并组织实施。|"
             "统筹管理辖区学前教育、义务教育和继续教育工作。|"
             "负责教师队伍建设和教育系统人事、培训工作。|"
             "负责教育经费的统筹管理，监督学校经费使用和资产管理。|"
             "完成上级交办的其他任务。",
             "办公室 计划财务科 基础教育科 人事科 安全稳定科",
             "教育研究室 教师进修学校 学生资助管理中心",
             "各级各类学校办学条件持续改善|教师培训任务全面完成|家长和学生满意度稳步提高"),
    _profile("民政局", """
2080201 行政运行 B
2080202 一般行政管理事务 P 民政业务工作经费
2080208 基层政权建设和社区治理 P 社区治理专项经费
2081001 儿童福利 P 困境儿童保障资金
2081002 老年福利 P 高龄津贴及养老服务补贴
2081901 城市最低生活保障金支出 P 城市最低生活保障资金
2082001 临时救助支出 P 临时救助资金
2296002 用于社会福利的彩票公益金支出 F 福利彩票公益金养老服务项目""",
             "贯彻执行民政工作的法律法规和政策，拟订全区民政事业发展规划。|"
             "负责城乡最低生活保障、特困人员救助供养和临时救助工作。|"
             "统筹推进养老服务体系建设，负责老年人福利和儿童福利工作。|"
             "指导城乡社区治理和基层政权建设。|"
             "完成上级交办的其他任务。",
             "办公室 社会救助科 养老服务科 基层政权和社区治理科",
             "社会福利中心 救助管理站",
             "低保对象按时足额发放保障金|养老服务设施覆盖率逐年提高|困难群众救助及时率达到100%"),
    _profile("文化和旅游局", """
2070101 行政运行 B
2070102 一般行政管理事务 P 文化旅游业务工作经费
2070104 图书馆 P 公共图书馆运行经费
2070108 文化活动 P 群众文化活动经费
2070109 群众文化 P 基层综合文化服务中心建设经费
2070112 文化和旅游市场管理 P 文化市场综合执法经费
2070308 群众体育 P 全民健身活动经费
2296003 用于体育事业的彩票公益金支出 F 体育彩票公益金全民健身设施项目""",
             "贯彻执行文化、旅游、体育工作方针政策，拟订全区文化旅游体育发展规划。|"
             "推进公共文化服务体系建设，组织开展群众文化和全民健身活动。|"
             "负责文化和旅游市场的行业监管和综合执法工作。|"
             "负责文物保护和非物质文化遗产保护传承工作。|"
             "完成上级交办的其他任务。",
             "办公室 公共服务科 产业发展科 市场管理科",
             "图书馆 文化馆 文化市场综合执法大队",
             "公共文化场馆免费开放接待人次稳步增长|群众文化活动场次按计划完成|文化市场秩序持续向好"),
    _profile("生态环境局", """
2110101 行政运行 B
2110102 一般行政管理事务 P 生态环境业务工作经费
2110104 生态环境保护宣传 P 生态环境宣传教育经费
2110199 其他环境保护管理事务支出 P 环境监测及执法经费
2110301 大气 P 大气污染防治专项资金
2110302 水体 P 水污染防治专项资金
2110304 固体废弃物与化学品 P 固体废物污染防治经费""",
             "贯彻执行生态环境保护法律法规和政策，拟订辖区生态环境保护规划。|"
             "负责大气、水体、土壤等污染防治的监督管理。|"
             "组织开展生态环境监测和环境质量状况评价。|"
             "负责生态环境保护执法检查，查处环境违法行为。|"
             "完成上级交办的其他任务。",
             "办公室 大气环境科 水生态环境科 执法监督科",
             "生态环境监测站 生态环境保护综合执法大队",
             "空气质量优良天数比例达到年度目标|重点水体水质稳定达标|环境违法案件办结率达到100%"),
    _profile("农业农村局", """
2130101 行政运行 B
2130102 一般行政管理事务 P 农业农村业务工作经费
2130104 事业运行 B
2130108 病虫害控制 P 农作物病虫害防控经费
2130135 农业资源保护修复与利用 P 耕地质量保护提升经费
2130599 其他巩固脱贫攻坚成果衔接乡村振兴支出 P 乡村振兴衔接资金
2130705 对村民委员会和村党支部的补助 P 村级组织运转补助资金""",
             "贯彻执行农业农村工作的方针政策，统筹研究和组织实施乡村振兴战略。|"
             "负责种植业、畜牧业、渔业等农业产业的行业管理。|"
             "负责耕地质量管理和农业资源保护工作。|"
             "负责农作物病虫害和动物疫病防控工作。|"
             "完成上级交办的其他任务。",
             "办公室 计划财务科 乡村产业科 种植业管理科 农村社会事业科",
             "农业技术推广中心 动物疫病预防控制中心",
             "主要农作物病虫害统防统治覆盖率达到目标|高标准农田建设任务按期完成|村级组织运转经费足额拨付"),
    _profile("城市管理执法局", """
2120101 行政运行 B
2120102 一般行政管理事务 P 城市管理业务工作经费
2120104 城管执法 P 城管执法专项经费
2120199 其他城乡社区管理事务支出 P 市容秩序整治经费
2120501 城乡社区环境卫生 P 环卫保洁作业经费
2120803 城市建设支出 F 城市基础设施维护项目""",
             "贯彻执行城市管理的法律法规和政策，拟订辖区城市管理发展规划。|"
             "负责市容环境卫生管理和生活垃圾分类工作。|"
             "负责城市管理综合执法工作，查处违法违规行为。|"
             "负责市政设施、城市照明和户外广告的监督管理。|"
             "完成上级交办的其他任务。",
             "办公室 市容环卫科 执法督查科 市政设施科",
             "城市管理综合执法大队 环境卫生服务中心",
             "道路机械化清扫率稳步提高|生活垃圾无害化处理率达到100%|市容秩序投诉办结率达到100%"),
    _profile("财政局", """
2010601 行政运行 B
2010602 一般行政管理事务 P 财政业务工作经费
2010607 信息化建设 P 财政信息化建设经费
2010608 财政委托业务支出 P 财政评审及绩效评价委托经费
2010650 事业运行 B""",
             "贯彻执行财税法律法规和政策，拟订全区财政发展规划。|"
             "负责编制年度财政预决算草案并组织执行。|"
             "负责政府非税收入管理和政府性债务管理工作。|"
             "负责政府采购和行政事业单位国有资产管理工作。|"
             "完成上级交办的其他任务。",
             "办公室 预算科 国库科 政府采购科 资产管理科",
             "财政投资评审中心 财政信息中心",
             "预算编制按期完成|财政资金支付及时准确|政府采购活动依法合规开展"),
    _profile("司法局", """
2040601 行政运行 B
2040602 一般行政管理事务 P 司法行政业务工作经费
2040604 基层司法业务 P 基层司法所工作经费
2040605 普法宣传 P 普法宣传教育经费
2040607 公共法律服务 P 公共法律服务体系建设经费
2040610 社区矫正 P 社区矫正工作经费""",
             "贯彻执行法治建设的方针政策，统筹推进全区法治政府建设。|"
             "负责普法宣传教育和依法治理工作。|"
             "负责公共法律服务体系建设和人民调解工作。|"
             "负责社区矫正和安置帮教工作。|"
             "完成上级交办的其他任务。",
             "办公室 法治督察科 普法与依法治理科 社区矫正科",
             "公共法律服务中心",
             "普法宣传活动场次按计划完成|矛盾纠纷调解成功率保持较高水平|社区矫正对象监管无脱管漏管"),
    _profile("市场监督管理局", """
2013801 行政运行 B
2013802 一般行政管理事务 P 市场监管业务工作经费
2013804 市场主体管理 P 市场主体登记管理经费
2013805 市场秩序执法 P 市场秩序执法经费
2013812 药品事务 P 药品安全监管经费
2013816 食品安全监管 P 食品安全抽检监测经费""",
             "贯彻执行市场监督管理的法律法规和政策，组织实施质量强区战略。|"
             "负责市场主体登记注册和信用监管工作。|"
             "负责食品安全监督管理和食品安全抽检监测工作。|"
             "负责药品、医疗器械和化妆品零售使用环节的监督管理。|"
             "完成上级交办的其他任务。",
             "办公室 登记注册科 食品安全监管科 药品医疗器械监管科 执法稽查科",
             "市场监督管理综合执法大队",
             "食品安全抽检任务全面完成|市场主体登记业务全程网办|消费投诉按时办结率达到100%"),
    _profile("交通运输局", """
2140101 行政运行 B
2140102 一般行政管理事务 P 交通运输业务工作经费
2140104 公路建设 P 农村公路建设资金
2140106 公路养护 P 公路日常养护经费
2140112 公路运输管理 P 道路运输安全管理经费""",
             "贯彻执行交通运输行业的法律法规和政策，拟订全区交通运输发展规划。|"
             "负责辖区公路建设、养护和路政管理工作。|"
             "负责道路运输市场监管和运输安全管理。|"
             "负责城乡客运一体化和公共交通发展工作。|"
             "完成上级交办的其他任务。",
             "办公室 规划建设科 运输管理科 安全监督科",
             "公路事业发展中心 交通运输综合执法大队",
             "农村公路优良中等路率达到目标|公路养护任务按计划完成|道路运输安全形势总体平稳"),
    _profile("应急管理局", """
2240101 行政运行 B
2240102 一般行政管理事务 P 应急管理业务工作经费
2240106 安全监管 P 安全生产监管经费
2240108 应急救援 P 应急救援队伍建设经费
2240109 应急管理 P 应急物资储备经费""",
             "贯彻执行安全生产和应急管理的法律法规和政策，组织编制辖区应急体系建设规划。|"
             "负责安全生产综合监督管理和工矿商贸行业安全生产监督管理。|"
             "组织协调辖区灾害救助和应急救援工作。|"
             "负责应急物资储备和应急预案管理。|"
             "完成上级交办的其他任务。",
             "办公室 应急指挥科 安全生产监管科 防灾减灾科",
             "应急管理综合执法大队 应急救援保障中心",
             "安全生产检查任务全面完成|应急演练按计划开展|生产安全事故起数同比下降"),
    _profile("退役军人事务局", """
2082801 行政运行 B
2082802 一般行政管理事务 P 退役军人服务业务经费
2082804 拥军优属 P 拥军优属慰问经费
2082850 事业运行 B
2080801 死亡抚恤 P 烈士遗属及因公牺牲人员遗属抚恤资金
2080805 义务兵优待 P 义务兵家庭优待金""",
             "贯彻执行退役军人工作的方针政策和法律法规。|"
             "负责退役军人移交安置和就业创业服务工作。|"
             "负责优抚对象抚恤优待和褒扬纪念工作。|"
             "负责组织开展拥军优属工作。|"
             "完成上级交办的其他任务。",
             "办公室 移交安置科 优抚科",
             "退役军人服务中心",
             "优抚资金按时足额发放|退役军人服务站建设达标|拥军优属活动按计划开展"),
    _profile("人力资源和社会保障局", """
2080101 行政运行 B
2080102 一般行政管理事务 P 人力资源社会保障业务经费
2080109 社会保险经办机构 B
2080111 公共就业服务和职业技能鉴定机构 P 公共就业服务经费
2080701 就业创业服务补贴 P 就业创业服务补贴资金
2080705 公益性岗位补贴 P 公益性岗位补贴资金""",
             "贯彻执行人力资源和社会保障工作的法律法规和政策。|"
             "负责促进就业创业和职业技能培训工作。|"
             "统筹推进社会保险制度建设和经办管理。|"
             "负责劳动关系协调和劳动保障监察工作。|"
             "完成上级交办的其他任务。",
             "办公室 就业促进科 社会保险科 劳动关系科",
             "社会保险服务中心 劳动保障监察大队",
             "城镇新增就业人数完成年度目标|职业技能培训人次按计划完成|劳动保障案件结案率达到100%"),
    _profile("水务局", """
2130301 行政运行 B
2130302 一般行政管理事务 P 水务业务工作经费
2130306 水利工程运行与维护 P 水利工程运行维护经费
2130311 水资源节约管理与保护 P 水资源管理与保护经费
2130314 防汛 P 防汛抗旱专项经费""",
             "贯彻执行水务工作的法律法规和政策，拟订全区水务发展规划。|"
             "负责水资源的统一管理和保护工作。|"
             "负责水利工程的建设、运行和维护管理。|"
             "承担辖区防汛抗旱的日常工作。|"
             "完成上级交办的其他任务。",
             "办公室 水资源管理科 工程建设管理科 防汛抗旱科",
             "水利工程管理所 河湖管理中心",
             "防汛物资储备达标|水利工程运行安全无事故|河湖巡查任务按计划完成"),
)
_GENERIC = _profile("机关事务中心", """
2010301 行政运行 B
2010302 一般行政管理事务 P 机关综合保障经费
2010350 事业运行 B
2010399 其他政府办公厅（室）及相关机构事务支出 P 公共机构节能及后勤服务经费""",
                    "贯彻执行上级关于本部门工作的方针政策。|负责本部门职责范围内的综合管理和服务保障工作。|"
                    "负责所属单位的财务、资产和人事管理。|完成上级交办的其他任务。",
                    "办公室 综合科 财务科", "服务保障中心",
                    "机关运转保障有力|各项服务保障任务按时完成|服务对象满意度保持较高水平")
_PROFILE_BY_NAME = {p.name: p for p in _PROFILES}
_KUAN_NAME.update({"20103": "政府办公厅（室）及相关机构事务", "22960": "彩票公益金安排的支出"})

#: fictional regions: 示例市, 示例县 and districts/counties of 示例市 with made-up names
_REGION_A = "东西南北青白金云清长新安平和兴永"
_REGION_B = "湖山江河桥城林川原阳"
REGIONS: tuple[str, ...] = ("示例市", "示例县") + tuple(
    f"示例市{a}{b}{'县' if (i + j) % 5 == 4 else '区'}"
    for i, a in enumerate(_REGION_A) for j, b in enumerate(_REGION_B))
DEPARTMENTS: tuple[str, ...] = tuple(p.name for p in _PROFILES)

_UP_REASONS = ("在职人员工资标准调整，人员经费相应增加", "新增{p}等项目支出", "上级专项转移支付资金增加",
               "{p}相关工作任务增加", "业务工作量增加，相关经费相应增加")
_DOWN_REASONS = ("落实过紧日子要求，压减一般性支出", "部分一次性项目完成后不再安排", "{p}支出减少",
                 "严控公用经费支出", "人员退休调出，人员经费相应减少")
_OVER_REASONS = ("年中追加{p}", "收到上级转移支付资金", "人员政策性增资及人员调入",
                 "工作任务增加，年中追加预算")
_UNDER_REASONS = ("严格控制支出，节约开支", "部分项目按进度拨付，剩余资金结转下年使用",
                  "部分工作未能在年内完成", "落实过紧日子要求，压减一般性支出")

_DEFINITIONS = (
    ("一般公共预算财政拨款收入", "指本级财政当年从一般公共预算中拨付给本部门的资金。"),
    ("政府性基金预算财政拨款收入", "指本级财政当年从政府性基金预算中拨付给本部门的资金。"),
    ("国有资本经营预算财政拨款收入", "指本级财政当年从国有资本经营预算中拨付给本部门的资金。"),
    ("其他收入", "指除财政拨款收入、事业收入、经营收入等以外取得的各项收入。"),
    ("年初结转和结余", "指以前年度尚未执行完毕、按规定结转到本年继续使用的资金，以及项目完成后形成的结余资金。"),
    ("年末结转和结余", "指本年度尚未执行完毕、按规定结转到以后年度继续使用的资金，以及项目完成后形成的结余资金。"),
    ("基本支出", "指为保障机构正常运转、完成日常工作任务而发生的人员经费和公用经费。"),
    ("项目支出", "指在基本支出之外，为完成特定行政工作任务和事业发展目标所发生的支出。"),
    ("人员经费", "指工资福利支出和对个人和家庭的补助支出。"),
    ("公用经费", "指保障机构日常运转的商品和服务支出以及资本性支出。"),
    ("“三公”经费", "指用财政拨款安排的因公出国（境）费、公务用车购置及运行维护费和公务接待费。"
                  "其中，因公出国（境）费指单位工作人员公务出国（境）的住宿费、旅费、伙食补助费、杂费、培训费等支出；"
                  "公务用车购置及运行维护费指单位公务用车购置费及燃料费、维修费、保险费等支出；"
                  "公务接待费指单位按规定开支的各类公务接待支出。"),
    ("机关运行经费", "指为保障行政单位（含参照公务员法管理的事业单位）运行，用于购买货物和服务的各项资金，"
                   "包括办公费、印刷费、邮电费、差旅费、会议费、福利费、日常维修费、办公用房水电费、"
                   "公务用车运行维护费以及其他费用。"),
)

# ---------------------------------------------------------------------------------------------------------
# Figures: integers of 0.01 万元 ("cents") while generating, formatted the way reports print them
# ---------------------------------------------------------------------------------------------------------


def money_cell(c: int) -> str:
    """Table form: 1,228.72 (zero prints as an empty cell)."""
    if c == 0:
        return ""
    sign = "-" if c < 0 else ""
    c = abs(c)
    return f"{sign}{c // 100:,}.{c % 100:02d}"


def money_text(c: int) -> str:
    """Narrative form without the unit: 1228.72, 788, 29.6 (trailing zeros dropped)."""
    sign = "-" if c < 0 else ""
    c = abs(c)
    whole, frac = divmod(c, 100)
    if frac == 0:
        return f"{sign}{whole}"
    if frac % 10 == 0:
        return f"{sign}{whole}.{frac // 10}"
    return f"{sign}{whole}.{frac:02d}"


def rate_tenths(num: int, den: int) -> int:
    """num/den as a percentage in tenths, rounded half away from zero: (99533, 78800) -> 1263 (126.3%)."""
    if den <= 0:
        raise ValueError(f"rate denominator must be positive; got {den}")
    sign = -1 if num < 0 else 1
    return sign * ((abs(num) * 2000 + den) // (2 * den))


def pct_text(tenths: int) -> str:
    """126.3 / 100 (one decimal, .0 dropped) from tenths of a percent; the sign is left to the caller."""
    t = abs(tenths)
    return f"{t // 10}" if t % 10 == 0 else f"{t // 10}.{t % 10}"


def _split(rng: random.Random, total: int, n: int, floor: float = 0.15) -> list[int]:
    """total split into n non-negative integer parts summing exactly to total."""
    if n <= 0:
        return []
    w = [floor + rng.random() for _ in range(n)]
    s = sum(w)
    parts = [int(total * x / s) for x in w]
    parts[max(range(n), key=lambda i: w[i])] += total - sum(parts)
    return parts


def _scaled(rng: random.Random, c: int, lo: float, hi: float, whole: bool = False) -> int:
    v = max(1, int(round(c * rng.uniform(lo, hi))))
    if whole and v >= 1000:
        v = max(100, int(round(v, -2)))
    return v


# ---------------------------------------------------------------------------------------------------------
# The generated ledger
# ---------------------------------------------------------------------------------------------------------


@dataclass
class _Item:
    """One 项 (function classification item). Amounts in cents; gpb = 一般公共预算, fund = 政府性基金."""

    code: str
    name: str
    kind: str  # B | P | F
    project: str = ""
    basic: int = 0  # gpb 基本支出
    proj: int = 0  # gpb 项目支出
    other: int = 0  # 项目支出 paid from 其他收入
    fund: int = 0  # 政府性基金 项目支出
    start: int = 0  # 年初结转和结余 (gpb, or fund for F items)
    end: int = 0  # 年末结转和结余
    budget: int = 0  # 年初预算 (gpb) / 上年预算数 in a 预算 report
    project_budget: int = 0  # 项目全年预算数 (绩效自评)

    @property
    def gpb(self) -> int:
        return self.basic + self.proj

    @property
    def spend(self) -> int:
        return self.basic + self.proj + self.other + self.fund

    @property
    def gpb_income(self) -> int:
        return 0 if self.kind == "F" else self.gpb + self.end - self.start

    @property
    def fund_income(self) -> int:
        return self.fund + self.end - self.start if self.kind == "F" else 0

    @property
    def label(self) -> str:
        """类（类）款（款）项（项）, as narrative sentences name an item."""
        return f"{_CLASS_NAME[self.code[:3]]}（类）{_KUAN_NAME[self.code[:5]]}（款）{self.name}（项）"


@dataclass
class _Ledger:
    kind: str
    region: str
    department: str
    year: int
    profile: _Profile
    items: list[_Item]
    econ: dict[str, int]  # 06 economic items -> cents
    staff: dict[str, int]
    sangong_budget: dict[str, int]
    sangong_actual: dict[str, int]
    cars: int
    receptions: tuple[int, int]  # 批次, 人次
    trips: tuple[int, int]  # 团组, 人次
    prev_total: int
    prev_gpb: int
    prev_basic: int
    prev_sangong: int
    prev_running: int
    running_budget: int
    procurement: dict[str, int]
    sme: int
    small: int
    equipment: int

    @property
    def personnel(self) -> int:
        return sum(v for k, v in self.econ.items() if k[:3] in _PERSONNEL_GROUPS)

    @property
    def public(self) -> int:
        return sum(v for k, v in self.econ.items() if k[:3] not in _PERSONNEL_GROUPS)

    def total(self, attr: str) -> int:
        return sum(getattr(it, attr) for it in self.items)


def _pick_profile(department: str) -> _Profile:
    if department in _PROFILE_BY_NAME:
        return _PROFILE_BY_NAME[department]
    for p in _PROFILES:
        if p.name[:2] in department:
            return p
    return _GENERIC


def _make_ledger(rng: random.Random, kind: str, region: str, department: str, year: int) -> _Ledger:
    profile = _pick_profile(department)
    headcount = rng.randint(8, 90)
    actual_staff = headcount - rng.randint(0, max(1, headcount // 8))
    staff = {"编制人数": headcount, "实有人数": actual_staff, "离退休人员": rng.randint(0, headcount // 2)}

    # 三公 (budget and actual), which 公用经费 then carries
    cars = rng.choice((0, 0, 1, 1, 2, 2, 3, 4, 5, 6))
    sb = {
        "因公出国（境）费": rng.choice((0,) * 7 + (rng.randint(5, 20) * 100,)),
        "公务用车购置费": rng.choice((0,) * 8 + (rng.randint(12, 25) * 100,)) if cars else 0,
        "公务用车运行维护费": rng.randint(1, 6) * cars * 100 if cars else 0,
        "公务接待费": rng.choice((0, rng.randint(5, 60) * 10, rng.randint(10, 50) * 10)),
    }
    sa = {}
    for k, v in sb.items():
        if v == 0:
            sa[k] = 0
        elif k == "公务用车购置费":
            sa[k] = v if rng.random() < 0.7 else int(v * rng.uniform(0.85, 1.0))
        else:
            sa[k] = int(v * rng.uniform(0.45, 1.0))
    if kind == "预算":  # a budget report has budget figures only
        sa = dict(sb)
    trips = (0, 0) if sa["因公出国（境）费"] == 0 else (n := rng.randint(1, 2), n * rng.randint(2, 5))
    receptions = (0, 0) if sa["公务接待费"] == 0 else (n := rng.randint(3, 40), n * rng.randint(3, 9))

    # 06: 人员经费 and 公用经费
    personnel = actual_staff * rng.randint(1400, 2600)
    econ: dict[str, int] = {}
    for code, lo, hi in (("30108", 0.10, 0.13), ("30109", 0.03, 0.05), ("30110", 0.05, 0.07),
                         ("30111", 0.0, 0.03), ("30112", 0.004, 0.01), ("30113", 0.08, 0.11),
                         ("30199", 0.0, 0.06), ("30302", 0.0, 0.03), ("30305", 0.0, 0.02), ("30399", 0.0, 0.01)):
        if lo > 0 or rng.random() < 0.5:
            econ[code] = int(personnel * rng.uniform(lo, hi))
    rest = personnel - sum(econ.values())
    main = ["30101", "30102", "30103"] + (["30107"] if rng.random() < 0.4 else [])
    for code, part in zip(main, _split(rng, rest, len(main), 0.6)):
        econ[code] = part
    fixed_public = {"30212": sa["因公出国（境）费"], "30217": sa["公务接待费"],
                    "30231": sa["公务用车运行维护费"], "31013": sa["公务用车购置费"]}
    other_public = actual_staff * rng.randint(150, 600)
    options = ["30201", "30202", "30205", "30206", "30207", "30209", "30211", "30213", "30215", "30216",
               "30226", "30227", "30228", "30229", "30239", "30299", "31002", "31007"]
    chosen = sorted(rng.sample(options, rng.randint(6, 12)) + ["30201", "30228", "30299"])
    chosen = sorted(set(chosen))
    for code, part in zip(chosen, _split(rng, other_public, len(chosen))):
        econ[code] = econ.get(code, 0) + part
    for code, v in fixed_public.items():
        if v:
            econ[code] = v
    econ = {k: v for k, v in sorted(econ.items()) if v > 0}

    # 项: basic items tied to 06, the rest of 基本支出 on 行政运行 / 事业运行
    items: list[_Item] = []
    basic_total = sum(econ.values())
    tied = 0
    for code, name, econ_code in _COMMON_ITEMS:
        v = econ.get(econ_code, 0)
        if v:
            items.append(_Item(code, name, "B", basic=v))
            tied += v
    own_basic = [it for it in profile.items if it[2] == "B"]
    parts = _split(rng, basic_total - tied, len(own_basic), 1.5) if len(own_basic) > 1 else [basic_total - tied]
    for (code, name, k, proj), v in zip(own_basic, parts):
        items.append(_Item(code, name, "B", proj, basic=v))

    # project items
    project_total = int(basic_total * rng.uniform(0.3, 2.5))
    own_proj = [it for it in profile.items if it[2] == "P"]
    first, others = own_proj[0], own_proj[1:]
    chosen_p = [first] + rng.sample(others, rng.randint(min(1, len(others)), len(others)))
    weights = [0.3 + rng.random() ** 2 * 3 for _ in chosen_p]
    s = sum(weights)
    amounts = [int(project_total * w / s) for w in weights]
    amounts[0] += project_total - sum(amounts)
    for (code, name, k, proj), v in zip(chosen_p, amounts):
        items.append(_Item(code, name, "P", proj, proj=max(v, 100)))
    if rng.random() < 0.3:  # a basic item with a small project part, as real tables often show
        b = rng.choice([it for it in items if it.kind == "B"])
        b.proj = max(100, b.basic // rng.randint(20, 60))
    fund_items = [it for it in profile.items if it[2] == "F"]
    if fund_items and rng.random() < 0.5:
        code, name, k, proj = fund_items[0]
        items.append(_Item(code, name, "F", proj, fund=max(500, int(project_total * rng.uniform(0.05, 0.4)))))
    if rng.random() < 0.25:
        next(it for it in items if it.kind == "P").other = rng.randint(2, 60) * 100
    if kind == "决算" and rng.random() < 0.45:
        target = rng.choice([it for it in items if it.kind in "PF"])
        spend = target.fund if target.kind == "F" else target.gpb
        target.start = rng.choice((0, int(spend * rng.uniform(0.05, 0.3))))
        target.end = int(spend * rng.uniform(0.03, 0.25))
    items.sort(key=lambda it: it.code)

    # budgets: 年初预算 per item (决算) or 上年预算数 (预算); 项目全年预算数 for 绩效自评
    for it in items:
        base = it.gpb
        if base == 0:
            continue
        if rng.random() < 0.35:
            it.budget = base
        else:
            it.budget = _scaled(rng, base, 0.7, 1.35, whole=rng.random() < 0.5)
        if it.proj:
            it.project_budget = it.proj if rng.random() < 0.5 else _scaled(rng, it.proj, 1.0, 1.4)

    total = sum(it.spend + it.end for it in items)  # 收、支总计
    gpb = sum(it.gpb for it in items)
    prev_total = _scaled(rng, total, 0.78, 1.2)  # 上年 figures keep this year's proportions
    goods = rng.randint(0, 40) * 100 + rng.randint(0, 99)
    works = rng.choice((0, 0, 0, rng.randint(10, 300) * 100))
    services = int(project_total * rng.uniform(0.05, 0.35))
    proc_total = goods + works + services
    sme = int(proc_total * rng.uniform(0.5, 1.0))
    return _Ledger(
        kind=kind, region=region, department=department, year=year, profile=profile, items=items, econ=econ,
        staff=staff, sangong_budget=sb, sangong_actual=sa, cars=cars, receptions=receptions, trips=trips,
        prev_total=prev_total, prev_gpb=max(1, round(prev_total * gpb / total)),
        prev_basic=_scaled(rng, basic_total, 0.85, 1.1),
        prev_sangong=_scaled(rng, sum(sb.values()), 0.8, 1.25) if sum(sb.values()) else 0,
        prev_running=_scaled(rng, sum(v for k, v in econ.items() if k[:3] not in _PERSONNEL_GROUPS), 0.85, 1.15),
        running_budget=_scaled(rng, sum(v for k, v in econ.items() if k[:3] not in _PERSONNEL_GROUPS), 0.95, 1.15),
        procurement={"货物": goods, "工程": works, "服务": services}, sme=sme,
        small=int(sme * rng.uniform(0.2, 0.9)), equipment=rng.choice((0, 0, 0, 1, 2)),
    )


# ---------------------------------------------------------------------------------------------------------
# Building blocks and facts together
# ---------------------------------------------------------------------------------------------------------


class _Out:
    """Collects blocks and facts side by side, so every printed figure has its fact."""

    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.facts: list[SampleFact] = []
        self.where = ""

    def h(self, text: str, level: int) -> None:
        self.blocks.append(Heading(text, level))
        if level <= 2:
            self.where = text

    def p(self, text: str) -> None:
        self.blocks.append(Paragraph(text))

    def m(self, subject: str, measure: str, c: int, code: str | None = None) -> str:
        """An amount in narrative form, recorded; returns "1228.72万元"."""
        printed = money_text(c) + UNIT
        self.facts.append(SampleFact(subject, measure, c / 100, UNIT, printed, self.where, code))
        return printed

    def r(self, subject: str, measure: str, tenths: int, code: str | None = None) -> str:
        """A percentage, recorded; returns "126.3%"."""
        printed = pct_text(tenths) + "%"
        self.facts.append(SampleFact(subject, measure, tenths / 10, "%", printed, self.where, code))
        return printed

    def n(self, subject: str, measure: str, count: int, unit: str) -> str:
        printed = f"{count}{unit}"
        self.facts.append(SampleFact(subject, measure, float(count), unit, printed, self.where))
        return printed

    def change(self, subject: str, cur: int, prev: int, up: str = "增长", down: str = "下降") -> str:
        """增加Y万元，增长Z% / 减少Y万元，下降Z% / 与上年持平, recorded as signed 增减额 and 增长率."""
        delta = cur - prev
        if delta == 0:
            return "持平"
        amount = self.m(subject, "增减额", abs(delta))
        self.facts[-1] = _signed(self.facts[-1], delta)
        rate = self.r(subject, "增长率", rate_tenths(abs(delta), prev))
        self.facts[-1] = _signed(self.facts[-1], delta)
        return f"{'增加' if delta > 0 else '减少'}{amount}，{up if delta > 0 else down}{rate}"

    def table(self, t: SampleTable, measures: Sequence[str | None], subject_col: int = 1,
              code_col: int | None = 0, label_cols: Sequence[tuple[int, Sequence[int]]] = ()) -> None:
        """Adds a table and a fact for every non-empty amount cell.

        By default the subject is column `subject_col` and measures[i] names column i (None = not an amount).
        `label_cols` handles side-by-side layouts (收入 | 支出): (label column, its amount columns).
        """
        self.blocks.append(t)
        groups = label_cols or ((subject_col, [i for i, m in enumerate(measures) if m]),)
        for row in t.rows:
            for label_col, cols in groups:
                subject = _strip_ordinal(row[label_col])
                if not subject:
                    continue
                code = (row[code_col] or None) if code_col is not None and not label_cols else None
                for i in cols:
                    cell = row[i]
                    if cell and measures[i]:
                        value = float(cell.replace(",", ""))
                        self.facts.append(SampleFact(subject, measures[i] or "", value, t.unit, cell, t.code, code))


def _signed(f: SampleFact, delta: int) -> SampleFact:
    return f if delta >= 0 else SampleFact(f.subject, f.measure, -f.value, f.unit, f.printed, f.where,
                                           f.subject_code)


def _strip_ordinal(label: str) -> str:
    label = label.strip()
    if "、" in label[:5]:
        label = label.split("、", 1)[1]
    return label.replace(" ", "")


_Rows = list[tuple[str, str, tuple[int, ...]]]  # (科目编码, 科目名称, amounts)


def _rollup(items: Sequence[_Item], cols: Callable[[_Item], tuple[int, ...]]) -> _Rows:
    """合计, then 类 / 款 / 项 rows in code order; items whose columns are all zero are left out."""
    acc: dict[str, list[int]] = {}
    names: dict[str, str] = {}
    total: list[int] | None = None
    for it in items:
        v = cols(it)
        if not any(v):
            continue
        if total is None:
            total = [0] * len(v)
        for code in (it.code[:3], it.code[:5], it.code):
            a = acc.setdefault(code, [0] * len(v))
            for i, x in enumerate(v):
                a[i] += x
        names[it.code] = it.name
        for i, x in enumerate(v):
            total[i] += x
    if total is None:
        return []
    rows = [("", "合计", tuple(total))]
    for code in sorted(acc):
        name = names.get(code) or _KUAN_NAME.get(code) or _CLASS_NAME[code]
        rows.append((code, name, tuple(acc[code])))
    return rows


def _subject_table(code: str, title: str, top: str, columns: Sequence[str], rows: _Rows,
                   note: str, empty_note: str = "") -> SampleTable:
    """A 科目 table: header 科目编码 | 科目名称 | <top spanning the amount columns>, then the column names."""
    n = len(columns)
    header = (("科目编码", "科目名称", top) + ("",) * (n - 1), ("", "") + tuple(columns))
    spans = ((0, 0, 0, 1), (1, 0, 1, 1), (2, 0, n + 1, 0))
    body = tuple((c, name) + tuple(money_cell(x) for x in v) for c, name, v in rows)
    if not body:
        body = (("", "合计") + ("",) * n,)
    full_note = note + (("\n" + empty_note) if empty_note else "")
    return SampleTable(code, title, header, body, spans, (1.0, 2.6) + (1.0,) * n, 2, full_note)


# ---------------------------------------------------------------------------------------------------------
# 决算
# ---------------------------------------------------------------------------------------------------------


def _part_one(o: _Out, L: _Ledger, rng: random.Random) -> None:
    p = L.profile
    dept = L.region + L.department
    o.h("第一部分 部门概况", 1)
    o.h("一、部门主要职能", 2)
    o.p(f"{dept}是{L.region}人民政府的工作部门，主要职能是：")
    for i, d in enumerate(p.duties):
        o.p(f"（{_CN_NUM[i]}）{d}")
    o.h("二、机构设置", 2)
    offices = p.offices[: max(2, rng.randint(3, len(p.offices)))]
    units = p.units[: rng.randint(0, len(p.units))]
    unit_text = (f"，下属单位{len(units)}个：" + "、".join(L.region + u for u in units)) if units else "，无下属单位"
    o.p(f"本部门内设机构{o.n('内设机构', '数量', len(offices), '个')}，分别是：{'、'.join(offices)}{unit_text}。"
        f"纳入本部门{L.year}年度部门{L.kind}编制范围的单位共{o.n('编制范围单位', '数量', len(units) + 1, '个')}。")
    s = L.staff
    o.p(f"截至{L.year if L.kind == '决算' else L.year - 1}年底，本部门编制{o.n('编制人数', '数量', s['编制人数'], '人')}，"
        f"实有人员{o.n('实有人数', '数量', s['实有人数'], '人')}；离退休人员{o.n('离退休人员', '数量', s['离退休人员'], '人')}。")


def _table_01_final(L: _Ledger) -> SampleTable:
    inc = [("一、一般公共预算财政拨款收入", L.total("gpb_income")), ("二、政府性基金预算财政拨款收入", L.total("fund_income")),
           ("三、国有资本经营预算财政拨款收入", 0), ("四、上级补助收入", 0), ("五、事业收入", 0), ("六、经营收入", 0),
           ("七、附属单位上缴收入", 0), ("八、其他收入", L.total("other"))]
    by_class: dict[str, int] = {}
    for it in L.items:
        by_class[it.code[:3]] = by_class.get(it.code[:3], 0) + it.spend
    rows = []
    for i, (ccode, cname) in enumerate(_CLASSES):
        left = inc[i] if i < len(inc) else ("", 0)
        rows.append((left[0], str(i + 1), money_cell(left[1]), f"{_CN_NUM[i]}、{cname}", str(i + 32),
                     money_cell(by_class.get(ccode, 0))))
    income = sum(v for _, v in inc)
    spend = L.total("spend")
    start, end = L.total("start"), L.total("end")
    rows += [("本年收入合计", "27", money_cell(income), "本年支出合计", "58", money_cell(spend)),
             ("使用非财政拨款结余", "28", "", "结余分配", "59", ""),
             ("年初结转和结余", "29", money_cell(start), "年末结转和结余", "60", money_cell(end)),
             ("", "30", "", "", "61", ""),
             ("总计", "31", money_cell(income + start), "总计", "62", money_cell(spend + end))]
    header = (("收入", "", "", "支出", "", ""), ("项目", "行次", "金额", "项目", "行次", "金额"))
    return SampleTable("公开01表", f"{L.year}年度收入支出决算总表", header, tuple(rows),
                       ((0, 0, 2, 0), (3, 0, 5, 0)), (3.2, 0.6, 1.3, 3.2, 0.6, 1.3), 1,
                       "注：本表反映部门本年度的总收支和年末结转结余情况。")


def _table_04_final(L: _Ledger) -> SampleTable:
    gpb_in, fund_in = L.total("gpb_income"), L.total("fund_income")
    inc = [("一、一般公共预算财政拨款", gpb_in), ("二、政府性基金预算财政拨款", fund_in), ("三、国有资本经营预算财政拨款", 0)]
    gpb_c: dict[str, int] = {}
    fund_c: dict[str, int] = {}
    for it in L.items:
        gpb_c[it.code[:3]] = gpb_c.get(it.code[:3], 0) + it.gpb
        fund_c[it.code[:3]] = fund_c.get(it.code[:3], 0) + it.fund
    rows = []
    for i, (ccode, cname) in enumerate(_CLASSES):
        left = inc[i] if i < len(inc) else ("", 0)
        g, f = gpb_c.get(ccode, 0), fund_c.get(ccode, 0)
        rows.append((left[0], money_cell(left[1]), f"{_CN_NUM[i]}、{cname}", money_cell(g + f), money_cell(g),
                     money_cell(f), ""))
    gpb_out, fund_out = L.total("gpb"), L.total("fund")
    gs = sum(it.start for it in L.items if it.kind != "F")
    fs = sum(it.start for it in L.items if it.kind == "F")
    ge = sum(it.end for it in L.items if it.kind != "F")
    fe = sum(it.end for it in L.items if it.kind == "F")
    rows += [("本年收入合计", money_cell(gpb_in + fund_in), "本年支出合计", money_cell(gpb_out + fund_out),
              money_cell(gpb_out), money_cell(fund_out), ""),
             ("年初财政拨款结转和结余", money_cell(gs + fs), "年末财政拨款结转和结余", money_cell(ge + fe),
              money_cell(ge), money_cell(fe), ""),
             ("一般公共预算财政拨款", money_cell(gs), "", "", "", "", ""),
             ("政府性基金预算财政拨款", money_cell(fs), "", "", "", "", ""),
             ("国有资本经营预算财政拨款", "", "", "", "", "", ""),
             ("总计", money_cell(gpb_in + fund_in + gs + fs), "总计", money_cell(gpb_out + fund_out + ge + fe),
              money_cell(gpb_out + ge), money_cell(fund_out + fe), "")]
    header = (("收入", "", "支出", "", "", "", ""),
              ("项目", "金额", "项目", "合计", "一般公共预算财政拨款", "政府性基金预算财政拨款", "国有资本经营预算财政拨款"))
    return SampleTable("公开04表", f"{L.year}年度财政拨款收入支出决算总表", header, tuple(rows),
                       ((0, 0, 1, 0), (2, 0, 6, 0)), (2.6, 1.1, 2.6, 1.1, 1.1, 1.1, 1.1), 1,
                       "注：本表反映部门本年度一般公共预算财政拨款、政府性基金预算财政拨款和国有资本经营预算财政拨款的总收支和年末结转结余情况。")


def _econ_table(L: _Ledger, code: str, title: str, total_label: str, note: str) -> SampleTable:
    rows = []
    pers_total = L.personnel
    pub_total = L.public
    rows.append(("", total_label, money_cell(pers_total + pub_total), money_cell(pers_total), money_cell(pub_total)))
    for g, gname, members in _ECON:
        personnel = g in _PERSONNEL_GROUPS
        gsum = sum(L.econ.get(c, 0) for c, _ in members)
        rows.append((g, gname, money_cell(gsum), money_cell(gsum if personnel else 0),
                     money_cell(0 if personnel else gsum)))
        for c, name in members:
            v = L.econ.get(c, 0)
            rows.append((c, name, money_cell(v), money_cell(v if personnel else 0), money_cell(0 if personnel else v)))
    header = (("科目编码", "科目名称", "合计", "人员经费", "公用经费"),)
    return SampleTable(code, title, header, tuple(rows), (), (1.0, 3.0, 1.2, 1.2, 1.2), 2, note)


def _sangong_table(L: _Ledger, code: str, title: str, budget_only: bool) -> SampleTable:
    def six(d: dict[str, int]) -> tuple[str, ...]:
        car = d["公务用车购置费"] + d["公务用车运行维护费"]
        return tuple(money_cell(x) for x in (sum(d.values()), d["因公出国（境）费"], car, d["公务用车购置费"],
                                             d["公务用车运行维护费"], d["公务接待费"]))

    names = ("合计", "因公出国（境）费", "公务用车购置及运行维护费", "", "", "公务接待费")
    sub = ("", "", "小计", "公务用车购置费", "公务用车运行维护费", "")
    if budget_only:
        header = (("项目",) + names, ("",) + sub)
        spans = ((0, 0, 0, 1), (1, 0, 1, 1), (2, 0, 2, 1), (3, 0, 5, 0), (6, 0, 6, 1))
        rows = (("本年预算数",) + six(L.sangong_budget),)
        return SampleTable(code, title, header, rows, spans, (1.3,) + (1.0,) * 6, 1,
                           "注：本表反映部门本年度一般公共预算财政拨款安排的“三公”经费预算情况。")
    header = (("预算数",) + ("",) * 5 + ("决算数",) + ("",) * 5, names + names, sub + sub)
    spans = ((0, 0, 5, 0), (6, 0, 11, 0))
    for base in (0, 6):
        spans += ((base, 1, base, 2), (base + 1, 1, base + 1, 2), (base + 2, 1, base + 4, 1),
                  (base + 5, 1, base + 5, 2))
    rows = (six(L.sangong_budget) + six(L.sangong_actual),)
    return SampleTable(code, title, header, rows, spans, (1.0,) * 12, 0,
                       "注：本表反映部门本年度财政拨款“三公”经费支出预决算情况。预算数为全年预算数，决算数为实际支出数。")


def _sangong_facts(o: _Out, t: SampleTable, budget_only: bool) -> None:
    keys = ("“三公”经费", "因公出国（境）费", "公务用车购置及运行维护费", "公务用车购置费", "公务用车运行维护费", "公务接待费")
    o.blocks.append(t)
    for r, row in enumerate(t.rows):
        cells = row[1:] if budget_only else row
        for i, cell in enumerate(cells):
            if cell:
                measure = "预算数" if budget_only or i < 6 else "决算数"
                o.facts.append(SampleFact(keys[i % 6], measure, float(cell.replace(",", "")), UNIT, cell, t.code))


def _part_two_final(o: _Out, L: _Ledger) -> None:
    y = L.year
    o.h(f"第二部分 {y}年度部门决算表", 1)
    t1 = _table_01_final(L)
    o.table(t1, ["", "", "金额", "", "", "金额"], label_cols=((0, [2]), (3, [5])))
    items = L.items
    t2 = _subject_table("公开02表", f"{y}年度收入决算表", "本年收入",
                        ("合计", "财政拨款收入", "上级补助收入", "事业收入", "经营收入", "附属单位上缴收入", "其他收入"),
                        _rollup(items, lambda it: (it.gpb_income + it.fund_income + it.other,
                                                   it.gpb_income + it.fund_income, 0, 0, 0, 0, it.other)),
                        "注：本表反映部门本年度取得的各项收入情况。")
    o.table(t2, [None, None, "本年收入合计", "财政拨款收入", "上级补助收入", "事业收入", "经营收入", "附属单位上缴收入", "其他收入"])
    t3 = _subject_table("公开03表", f"{y}年度支出决算表", "本年支出",
                        ("合计", "基本支出", "项目支出", "上缴上级支出", "经营支出", "对附属单位补助支出"),
                        _rollup(items, lambda it: (it.spend, it.basic, it.proj + it.other + it.fund, 0, 0, 0)),
                        "注：本表反映部门本年度各项支出情况。")
    o.table(t3, [None, None, "本年支出合计", "基本支出", "项目支出", "上缴上级支出", "经营支出", "对附属单位补助支出"])
    o.table(_table_04_final(L), ["", "金额", "", "合计", "一般公共预算财政拨款", "政府性基金预算财政拨款", "国有资本经营预算财政拨款"],
            label_cols=((0, [1]), (2, [3, 4, 5])))
    t5 = _subject_table("公开05表", f"{y}年度一般公共预算财政拨款支出决算表", "本年支出", ("小计", "基本支出", "项目支出"),
                        _rollup(items, lambda it: (it.gpb, it.basic, it.proj)),
                        "注：本表反映部门本年度一般公共预算财政拨款支出情况。")
    o.table(t5, [None, None, "小计", "基本支出", "项目支出"])
    t6 = _econ_table(L, "公开06表", f"{y}年度一般公共预算财政拨款基本支出决算明细表", "合计",
                     "注：本表反映部门本年度一般公共预算财政拨款基本支出明细情况。")
    o.table(t6, [None, None, "决算数", "人员经费", "公用经费"])
    fund_rows = _rollup([it for it in items if it.kind == "F"],
                        lambda it: (it.start, it.fund_income, it.fund, 0, it.fund, it.end))
    t7 = _subject_table("公开07表", f"{y}年度政府性基金预算财政拨款收入支出决算表", "政府性基金预算财政拨款",
                        ("年初结转和结余", "本年收入", "本年支出", "基本支出", "项目支出", "年末结转和结余"), fund_rows,
                        "注：本表反映部门本年度政府性基金预算财政拨款收入、支出及结转和结余情况。",
                        "" if fund_rows else f"备注：{y}年度本部门无政府性基金预算财政拨款收入支出。")
    o.table(t7, [None, None, "年初结转和结余", "本年收入", "本年支出", "基本支出", "项目支出", "年末结转和结余"])
    t8 = _subject_table("公开08表", f"{y}年度国有资本经营预算财政拨款支出决算表", "本年支出", ("合计", "基本支出", "项目支出"), [],
                        "注：本表反映部门本年度国有资本经营预算财政拨款支出情况。",
                        f"备注：{y}年度本部门无国有资本经营预算财政拨款支出。")
    o.table(t8, [None, None, "合计", "基本支出", "项目支出"])
    _sangong_facts(o, _sangong_table(L, "公开09表", f"{y}年度财政拨款“三公”经费支出决算表", False), False)


def _reasons(rng: random.Random, bank: Sequence[str], projects: Sequence[str], k: int = 2) -> str:
    chosen = rng.sample(bank, k)
    proj = rng.choice(projects) if projects else "专项业务经费"
    parts = [c.format(p=proj) for c in chosen]
    if k == 1:
        return parts[0]
    return "".join(f"{'一二三四'[i]}是{t}{'；' if i < k - 1 else ''}" for i, t in enumerate(parts))


def _part_three_final(o: _Out, L: _Ledger, rng: random.Random) -> None:
    y, py = L.year, L.year - 1
    items = L.items
    projects = [it.project for it in items if it.project and it.proj]
    o.h(f"第三部分 {y}年度部门决算情况说明", 1)
    income = L.total("gpb_income") + L.total("fund_income") + L.total("other")
    spend = L.total("spend")
    start, end = L.total("start"), L.total("end")
    grand = income + start
    o.h("一、收入支出决算总体情况说明", 2)
    delta = grand - L.prev_total
    why = _reasons(rng, _UP_REASONS if delta >= 0 else _DOWN_REASONS, projects)
    o.p(f"{y}年度收入、支出决算总计{o.m('收支总计', '决算数', grand)}。与{py}年度相比，收、支总计各"
        f"{o.change('收支总计', grand, L.prev_total)}，主要原因{why}。")
    o.h("二、收入决算情况说明", 2)
    parts = [("财政拨款收入", L.total("gpb_income") + L.total("fund_income")), ("其他收入", L.total("other"))]
    text = "；".join(f"{name}{o.m(name, '决算数', v)}，占本年收入{o.r(name, '占比', rate_tenths(v, income))}"
                    for name, v in parts if v)
    o.p(f"{y}年度收入合计{o.m('收入合计', '决算数', income)}，其中：{text}。"
        + (f"年初结转和结余{o.m('年初结转和结余', '决算数', start)}。" if start else ""))
    o.h("三、支出决算情况说明", 2)
    basic = L.total("basic")
    proj = spend - basic
    o.p(f"{y}年度支出合计{o.m('支出合计', '决算数', spend)}，其中：基本支出{o.m('基本支出', '决算数', basic)}，"
        f"占本年支出{o.r('基本支出', '占比', rate_tenths(basic, spend))}；项目支出{o.m('项目支出', '决算数', proj)}，"
        f"占本年支出{o.r('项目支出', '占比', rate_tenths(proj, spend))}。"
        + (f"年末结转和结余{o.m('年末结转和结余', '决算数', end)}。" if end else ""))
    o.h("四、财政拨款收入支出决算总体情况说明", 2)
    fin = L.total("gpb_income") + L.total("fund_income") + start
    prev_fin = max(1, round(L.prev_total * fin / grand))
    o.p(f"{y}年度财政拨款收、支总计{o.m('财政拨款收支总计', '决算数', fin)}。与{py}年度相比，财政拨款收、支总计各"
        f"{o.change('财政拨款收支总计', fin, prev_fin)}。")

    o.h("五、一般公共预算财政拨款支出决算情况说明", 2)
    gpb = L.total("gpb")
    o.h("（一）一般公共预算财政拨款支出决算总体情况", 3)
    why = _reasons(rng, _UP_REASONS if gpb >= L.prev_gpb else _DOWN_REASONS, projects, 1)
    o.p(f"{y}年度一般公共预算财政拨款支出{o.m('一般公共预算财政拨款支出', '决算数', gpb)}，占本年支出合计的"
        f"{o.r('一般公共预算财政拨款支出', '占比', rate_tenths(gpb, spend))}。与{py}年度相比，一般公共预算财政拨款支出"
        f"{o.change('一般公共预算财政拨款支出', gpb, L.prev_gpb)}，主要原因是{why}。")
    o.h("（二）一般公共预算财政拨款支出决算结构情况", 3)
    by_class: dict[str, list[_Item]] = {}
    for it in items:
        if it.gpb:
            by_class.setdefault(it.code[:3], []).append(it)
    lines = []
    for i, (ccode, its) in enumerate(sorted(by_class.items())):
        cname = _CLASS_NAME[ccode]
        v = sum(it.gpb for it in its)
        uses = "、".join(dict.fromkeys(it.name for it in its))
        lines.append(f"{i + 1}.{cname}（类）{o.m(cname, '决算数', v, ccode)}，占{o.r(cname, '占比', rate_tenths(v, gpb), ccode)}。"
                     f"主要用于{uses}等方面。")
    o.p(f"{y}年度一般公共预算财政拨款支出{money_text(gpb)}{UNIT}，主要用于以下方面：")
    for line in lines:
        o.p(line)
    o.h("（三）一般公共预算财政拨款支出决算具体情况", 3)
    budget_total = sum(it.budget for it in items)
    o.p(f"{y}年度一般公共预算财政拨款支出年初预算为{o.m('一般公共预算财政拨款支出', '年初预算数', budget_total)}，"
        f"支出决算为{money_text(gpb)}{UNIT}，完成年初预算的"
        f"{o.r('一般公共预算财政拨款支出', '执行率', rate_tenths(gpb, budget_total))}。其中：基本支出{money_text(basic)}{UNIT}，"
        f"项目支出{money_text(L.total('proj'))}{UNIT}。")
    n = 0
    for it in items:
        if not it.gpb:
            continue
        n += 1
        s = (f"{n}.{it.label}。年初预算为{o.m(it.name, '年初预算数', it.budget, it.code)}，支出决算为"
             f"{o.m(it.name, '决算数', it.gpb, it.code)}，完成年初预算的"
             f"{o.r(it.name, '执行率', rate_tenths(it.gpb, it.budget), it.code)}。")
        if it.gpb > it.budget:
            s += f"决算数大于年初预算数的主要原因是{_reasons(rng, _OVER_REASONS, [it.project or it.name + '经费'], 1)}。"
        elif it.gpb < it.budget:
            s += f"决算数小于年初预算数的主要原因是{_reasons(rng, _UNDER_REASONS, [], 1)}。"
        o.p(s)

    o.h("六、一般公共预算财政拨款基本支出决算情况说明", 2)
    pers, pub = L.personnel, L.public

    def names(groups: tuple[str, ...], inside: bool) -> str:
        return "、".join(_ECON_NAME[c] for c, v in L.econ.items() if (c[:3] in groups) == inside and v)

    o.p(f"{y}年度一般公共预算财政拨款基本支出{o.m('基本支出', '决算数', basic)}，其中：")
    o.p(f"人员经费{o.m('人员经费', '决算数', pers)}，主要包括：{names(_PERSONNEL_GROUPS, True)}。")
    o.p(f"公用经费{o.m('公用经费', '决算数', pub)}，主要包括：{names(_PERSONNEL_GROUPS, False)}。")

    o.h("七、政府性基金预算财政拨款支出决算情况说明", 2)
    fund = L.total("fund")
    if fund:
        o.p(f"{y}年度政府性基金预算财政拨款支出{o.m('政府性基金预算财政拨款支出', '决算数', fund)}，主要用于"
            + "、".join(it.project or it.name for it in items if it.fund) + "。")
    else:
        o.p(f"{y}年度本部门无政府性基金预算财政拨款收入支出。")
    o.h("八、国有资本经营预算财政拨款支出决算情况说明", 2)
    o.p(f"{y}年度本部门无国有资本经营预算财政拨款支出。")

    o.h("九、财政拨款“三公”经费支出决算情况说明", 2)
    _sangong_text_final(o, L, rng)

    o.h("十、机关运行经费支出情况", 2)
    o.p(f"{y}年度本部门机关运行经费支出{o.m('机关运行经费', '决算数', pub)}，比年初预算数"
        f"{o.change('机关运行经费', pub, L.running_budget, '增长', '降低')}。主要原因是"
        f"{_reasons(rng, _UP_REASONS if pub > L.running_budget else _DOWN_REASONS, projects, 1)}。")
    o.h("十一、政府采购支出情况", 2)
    pr = L.procurement
    total_pr = sum(pr.values())
    o.p(f"{y}年度本部门政府采购支出总额{o.m('政府采购支出', '决算数', total_pr)}，其中：政府采购货物支出"
        f"{o.m('政府采购货物支出', '决算数', pr['货物'])}、政府采购工程支出{o.m('政府采购工程支出', '决算数', pr['工程'])}、"
        f"政府采购服务支出{o.m('政府采购服务支出', '决算数', pr['服务'])}。授予中小企业合同金额"
        f"{o.m('授予中小企业合同金额', '决算数', L.sme)}，占政府采购支出总额的"
        f"{o.r('授予中小企业合同金额', '占比', rate_tenths(L.sme, total_pr))}，其中：授予小微企业合同金额"
        f"{o.m('授予小微企业合同金额', '决算数', L.small)}，占授予中小企业合同金额的"
        f"{o.r('授予小微企业合同金额', '占比', rate_tenths(L.small, L.sme) if L.sme else 0)}。")
    o.h("十二、国有资产占用情况", 2)
    general = L.cars - (L.cars // 3)
    o.p(f"截至{y}年12月31日，本部门共有车辆{o.n('车辆', '数量', L.cars, '辆')}，其中：一般公务用车"
        f"{o.n('一般公务用车', '数量', general, '辆')}，执法执勤用车{o.n('执法执勤用车', '数量', L.cars - general, '辆')}；"
        f"单价100万元（含）以上设备{o.n('单价100万元以上设备', '数量', L.equipment, '台（套）')}。")

    o.h("十三、预算绩效情况说明", 2)
    evaluated = [it for it in items if it.proj and it.project]
    ev_total = sum(it.proj for it in evaluated)
    o.h("（一）预算绩效管理工作开展情况", 3)
    proj_gpb = L.total("proj")
    o.p(f"根据预算绩效管理要求，本部门组织对{y}年度一般公共预算项目支出开展绩效自评，共涉及项目"
        f"{o.n('绩效自评项目', '数量', len(evaluated), '个')}，资金{o.m('绩效自评项目', '资金', ev_total)}，占一般公共预算项目支出总额的"
        f"{o.r('绩效自评项目', '占比', rate_tenths(ev_total, proj_gpb) if proj_gpb else 0)}。")
    o.h("（二）项目支出自评结果", 3)
    for i, it in enumerate(evaluated):
        out = rng.choice(L.profile.outputs)
        s = (f"{i + 1}.{it.project}项目绩效自评综述：项目全年预算数为{o.m(it.project, '全年预算数', it.project_budget, it.code)}，"
             f"执行数为{o.m(it.project, '执行数', it.proj, it.code)}，完成预算的"
             f"{o.r(it.project, '执行率', rate_tenths(it.proj, it.project_budget), it.code)}。")
        if it.proj < it.project_budget:
            s += f"预算未执行完毕的主要原因是{_reasons(rng, _UNDER_REASONS, [], 1)}。"
        s += f"主要产出和效益是：{out}，项目绩效目标基本实现。"
        o.p(s)
    if not evaluated:
        o.p(f"{y}年度本部门无需开展绩效自评的项目。")


def _sangong_text_final(o: _Out, L: _Ledger, rng: random.Random) -> None:
    y = L.year
    sb, sa = L.sangong_budget, L.sangong_actual
    tb, ta = sum(sb.values()), sum(sa.values())
    o.h("（一）“三公”经费财政拨款支出决算总体情况说明", 3)
    s = f"{y}年度“三公”经费财政拨款支出预算为{o.m('“三公”经费', '预算数', tb)}，支出决算为{o.m('“三公”经费', '决算数', ta)}"
    if tb:
        s += f"，完成预算的{o.r('“三公”经费', '执行率', rate_tenths(ta, tb))}"
        if ta < tb:
            s += f"。决算数小于预算数的主要原因是{_reasons(rng, _UNDER_REASONS, [], 1)}"
    o.p(s + "。")
    o.h("（二）“三公”经费财政拨款支出决算具体情况说明", 3)

    def line(key: str) -> str:
        b, a = sb[key], sa[key]
        t = f"支出决算为{o.m(key, '决算数', a)}，预算为{o.m(key, '预算数', b)}"
        if b:
            t += f"，完成预算的{o.r(key, '执行率', rate_tenths(a, b))}"
        return t

    trips = L.trips
    o.p(f"1.因公出国（境）费{line('因公出国（境）费')}。"
        + (f"全年安排因公出国（境）团组{o.n('因公出国（境）团组', '数量', trips[0], '个')}，累计"
           f"{o.n('因公出国（境）', '人次', trips[1], '人次')}。" if trips[0] else "本年度未发生因公出国（境）事项。"))
    car = "公务用车购置及运行维护费"
    cb = sb["公务用车购置费"] + sb["公务用车运行维护费"]
    ca = sa["公务用车购置费"] + sa["公务用车运行维护费"]
    s = f"2.公务用车购置及运行维护费支出决算为{o.m(car, '决算数', ca)}，预算为{o.m(car, '预算数', cb)}"
    if cb:
        s += f"，完成预算的{o.r(car, '执行率', rate_tenths(ca, cb))}"
    s += (f"。其中：公务用车购置费{o.m('公务用车购置费', '决算数', sa['公务用车购置费'])}；公务用车运行维护费"
          f"{o.m('公务用车运行维护费', '决算数', sa['公务用车运行维护费'])}，主要用于公务用车燃料费、维修费、保险费等支出。"
          f"截至{y}年12月31日，使用财政拨款开支的公务用车保有量为{o.n('公务用车', '保有量', L.cars, '辆')}。")
    o.p(s)
    rec = L.receptions
    o.p(f"3.公务接待费{line('公务接待费')}。"
        + (f"全年共接待国内来访团组{o.n('公务接待', '批次', rec[0], '批次')}，来宾{o.n('公务接待', '人次', rec[1], '人次')}。"
           if rec[0] else "本年度未发生公务接待事项。"))


def _part_four(o: _Out, L: _Ledger) -> None:
    o.h("第四部分 名词解释", 1)
    for i, (term, text) in enumerate(_DEFINITIONS):
        o.p(f"（{_CN_NUM[i]}）{term}：{text}")
    o.p(f"（{_CN_NUM[len(_DEFINITIONS)]}）本部门使用的支出功能分类科目（到项级）：")
    for i, it in enumerate([it for it in L.items if it.spend]):
        o.p(f"{i + 1}.{it.label}：反映本部门用于{it.name.removesuffix('支出')}方面的支出。")


# ---------------------------------------------------------------------------------------------------------
# 预算
# ---------------------------------------------------------------------------------------------------------


def _part_two_budget(o: _Out, L: _Ledger) -> None:
    y = L.year
    items = L.items
    o.h(f"第二部分 {y}年度部门预算表", 1)
    gpb, fund, other = L.total("gpb"), L.total("fund"), L.total("other")
    total = gpb + fund + other
    inc = [("一、一般公共预算拨款收入", gpb), ("二、政府性基金预算拨款收入", fund), ("三、国有资本经营预算拨款收入", 0),
           ("四、事业收入", 0), ("五、事业单位经营收入", 0), ("六、其他收入", other)]
    by_class: dict[str, int] = {}
    for it in items:
        by_class[it.code[:3]] = by_class.get(it.code[:3], 0) + it.spend
    rows = []
    for i, (ccode, cname) in enumerate(_CLASSES):
        left = inc[i] if i < len(inc) else ("", 0)
        rows.append((left[0], money_cell(left[1]), f"{_CN_NUM[i]}、{cname}", money_cell(by_class.get(ccode, 0))))
    rows += [("本年收入合计", money_cell(total), "本年支出合计", money_cell(total)),
             ("上年结转", "", "结转下年", ""),
             ("收入总计", money_cell(total), "支出总计", money_cell(total))]
    t1 = SampleTable("公开01表", f"{y}年度部门收支总表", (("收入", "", "支出", ""), ("项目", "预算数", "项目", "预算数")),
                     tuple(rows), ((0, 0, 1, 0), (2, 0, 3, 0)), (3.0, 1.2, 3.0, 1.2), 1,
                     "注：本表反映部门本年度收支预算总体情况。")
    o.table(t1, ["", "预算数", "", "预算数"], label_cols=((0, [1]), (2, [3])))
    t2 = _subject_table("公开02表", f"{y}年度部门收入总表", "本年收入",
                        ("合计", "上年结转", "一般公共预算拨款收入", "政府性基金预算拨款收入", "事业收入", "其他收入"),
                        _rollup(items, lambda it: (it.spend, 0, it.gpb, it.fund, 0, it.other)),
                        "注：本表反映部门本年度各项收入预算情况。")
    o.table(t2, [None, None, "合计", "上年结转", "一般公共预算拨款收入", "政府性基金预算拨款收入", "事业收入", "其他收入"])
    t3 = _subject_table("公开03表", f"{y}年度部门支出总表", "本年支出", ("合计", "基本支出", "项目支出"),
                        _rollup(items, lambda it: (it.spend, it.basic, it.proj + it.other + it.fund)),
                        "注：本表反映部门本年度各项支出预算情况。")
    o.table(t3, [None, None, "合计", "基本支出", "项目支出"])
    gpb_c: dict[str, int] = {}
    fund_c: dict[str, int] = {}
    for it in items:
        gpb_c[it.code[:3]] = gpb_c.get(it.code[:3], 0) + it.gpb
        fund_c[it.code[:3]] = fund_c.get(it.code[:3], 0) + it.fund
    inc4 = [("一、一般公共预算拨款", gpb), ("二、政府性基金预算拨款", fund), ("三、国有资本经营预算拨款", 0)]
    rows = []
    for i, (ccode, cname) in enumerate(_CLASSES):
        left = inc4[i] if i < len(inc4) else ("", 0)
        g, f = gpb_c.get(ccode, 0), fund_c.get(ccode, 0)
        rows.append((left[0], money_cell(left[1]), f"{_CN_NUM[i]}、{cname}", money_cell(g + f), money_cell(g),
                     money_cell(f), ""))
    rows += [("本年收入合计", money_cell(gpb + fund), "本年支出合计", money_cell(gpb + fund), money_cell(gpb),
              money_cell(fund), ""),
             ("收入总计", money_cell(gpb + fund), "支出总计", money_cell(gpb + fund), money_cell(gpb), money_cell(fund), "")]
    t4 = SampleTable("公开04表", f"{y}年度财政拨款收支总表",
                     (("收入", "", "支出", "", "", "", ""),
                      ("项目", "预算数", "项目", "合计", "一般公共预算", "政府性基金预算", "国有资本经营预算")),
                     tuple(rows), ((0, 0, 1, 0), (2, 0, 6, 0)), (2.6, 1.1, 2.6, 1.1, 1.1, 1.1, 1.1), 1,
                     "注：本表反映部门本年度财政拨款收支预算总体情况。")
    o.table(t4, ["", "预算数", "", "合计", "一般公共预算", "政府性基金预算", "国有资本经营预算"],
            label_cols=((0, [1]), (2, [3, 4, 5])))
    t5 = _subject_table("公开05表", f"{y}年度一般公共预算支出表", "本年预算数", ("合计", "基本支出", "项目支出"),
                        _rollup(items, lambda it: (it.gpb, it.basic, it.proj)),
                        "注：本表反映部门本年度一般公共预算财政拨款支出预算情况。")
    o.table(t5, [None, None, "合计", "基本支出", "项目支出"])
    t6 = _econ_table(L, "公开06表", f"{y}年度一般公共预算基本支出表", "合计",
                     "注：本表反映部门本年度一般公共预算财政拨款基本支出预算情况。")
    o.table(t6, [None, None, "预算数", "人员经费", "公用经费"])
    _sangong_facts(o, _sangong_table(L, "公开07表", f"{y}年度一般公共预算“三公”经费支出表", True), True)
    fund_rows = _rollup([it for it in items if it.kind == "F"], lambda it: (it.fund, 0, it.fund))
    t8 = _subject_table("公开08表", f"{y}年度政府性基金预算支出表", "本年政府性基金预算支出", ("合计", "基本支出", "项目支出"),
                        fund_rows, "注：本表反映部门本年度政府性基金预算财政拨款支出预算情况。",
                        "" if fund_rows else f"备注：本部门{y}年度无政府性基金预算拨款安排的支出。")
    o.table(t8, [None, None, "合计", "基本支出", "项目支出"])
    t9 = _subject_table("公开09表", f"{y}年度国有资本经营预算支出表", "本年国有资本经营预算支出", ("合计", "基本支出", "项目支出"),
                        [], "注：本表反映部门本年度国有资本经营预算财政拨款支出预算情况。",
                        f"备注：本部门{y}年度无国有资本经营预算拨款安排的支出。")
    o.table(t9, [None, None, "合计", "基本支出", "项目支出"])


def _part_three_budget(o: _Out, L: _Ledger, rng: random.Random) -> None:
    y, py = L.year, L.year - 1
    items = L.items
    projects = [it.project for it in items if it.project and it.proj]
    gpb, fund, other = L.total("gpb"), L.total("fund"), L.total("other")
    total = gpb + fund + other
    basic = L.total("basic")
    o.h(f"第三部分 {y}年度部门预算情况说明", 1)
    o.h("一、收支预算总体情况", 2)
    why = _reasons(rng, _UP_REASONS if total >= L.prev_total else _DOWN_REASONS, projects)
    o.p(f"{y}年度部门预算收入总计{o.m('收入总计', '预算数', total)}，支出总计{o.m('支出总计', '预算数', total)}。"
        f"与{py}年度相比，收、支预算总计各{o.change('收支预算总计', total, L.prev_total)}，主要原因{why}。")
    o.h("二、收入预算情况", 2)
    parts = [("一般公共预算拨款收入", gpb), ("政府性基金预算拨款收入", fund), ("其他收入", other)]
    o.p(f"{y}年度收入预算合计{o.m('收入合计', '预算数', total)}，其中："
        + "；".join(f"{n}{o.m(n, '预算数', v)}，占{o.r(n, '占比', rate_tenths(v, total))}" for n, v in parts if v) + "。")
    o.h("三、支出预算情况", 2)
    proj = total - basic
    o.p(f"{y}年度支出预算合计{o.m('支出合计', '预算数', total)}，其中：基本支出{o.m('基本支出', '预算数', basic)}，"
        f"占{o.r('基本支出', '占比', rate_tenths(basic, total))}；项目支出{o.m('项目支出', '预算数', proj)}，"
        f"占{o.r('项目支出', '占比', rate_tenths(proj, total))}。")
    o.h("四、财政拨款收支预算总体情况", 2)
    o.p(f"{y}年度财政拨款收、支总预算{o.m('财政拨款收支总预算', '预算数', gpb + fund)}。其中：一般公共预算拨款收入"
        f"{money_text(gpb)}{UNIT}，政府性基金预算拨款收入{money_text(fund)}{UNIT}。")
    o.h("五、一般公共预算支出预算情况说明", 2)
    o.h("（一）一般公共预算支出预算总体情况", 3)
    o.p(f"{y}年度一般公共预算支出预算{o.m('一般公共预算支出', '预算数', gpb)}，占本年支出预算合计的"
        f"{o.r('一般公共预算支出', '占比', rate_tenths(gpb, total))}。与{py}年度相比，一般公共预算支出预算"
        f"{o.change('一般公共预算支出', gpb, L.prev_gpb)}。")
    o.h("（二）一般公共预算支出预算结构情况", 3)
    by_class: dict[str, int] = {}
    for it in items:
        if it.gpb:
            by_class[it.code[:3]] = by_class.get(it.code[:3], 0) + it.gpb
    o.p("；".join(f"{_CLASS_NAME[c]}（类）{o.m(_CLASS_NAME[c], '预算数', v, c)}，"
                 f"占{o.r(_CLASS_NAME[c], '占比', rate_tenths(v, gpb), c)}"
                 for c, v in sorted(by_class.items())) + "。")
    o.h("（三）一般公共预算支出预算具体情况", 3)
    n = 0
    for it in items:
        if not it.gpb:
            continue
        n += 1
        s = f"{n}.{it.label}预算数为{o.m(it.name, '预算数', it.gpb, it.code)}"
        if it.budget == it.gpb:
            s += "，与上年预算数持平。"
        else:
            s += f"，比上年预算数{o.change(it.name, it.gpb, it.budget)}。"
            bank = _UP_REASONS if it.gpb > it.budget else _DOWN_REASONS
            s += f"主要原因是{_reasons(rng, bank, [it.project or it.name + '经费'], 1)}。"
        o.p(s)
    o.h("六、一般公共预算基本支出预算情况说明", 2)
    pers, pub = L.personnel, L.public
    o.p(f"{y}年度一般公共预算基本支出预算{o.m('基本支出', '预算数', basic)}，其中：人员经费{o.m('人员经费', '预算数', pers)}，"
        f"主要包括：{'、'.join(_ECON_NAME[c] for c in L.econ if c[:3] in _PERSONNEL_GROUPS)}；公用经费"
        f"{o.m('公用经费', '预算数', pub)}，主要包括：{'、'.join(_ECON_NAME[c] for c in L.econ if c[:3] not in _PERSONNEL_GROUPS)}。")
    o.h("七、一般公共预算“三公”经费预算情况说明", 2)
    sb = L.sangong_budget
    tb = sum(sb.values())
    s = f"{y}年度一般公共预算“三公”经费预算{o.m('“三公”经费', '预算数', tb)}"
    s += (f"，比上年预算{o.change('“三公”经费', tb, L.prev_sangong)}" if tb != L.prev_sangong else "，与上年持平")
    s += (f"。其中：因公出国（境）费{o.m('因公出国（境）费', '预算数', sb['因公出国（境）费'])}；公务用车购置及运行维护费"
          f"{o.m('公务用车购置及运行维护费', '预算数', sb['公务用车购置费'] + sb['公务用车运行维护费'])}（其中：公务用车购置费"
          f"{o.m('公务用车购置费', '预算数', sb['公务用车购置费'])}，公务用车运行维护费"
          f"{o.m('公务用车运行维护费', '预算数', sb['公务用车运行维护费'])}）；公务接待费{o.m('公务接待费', '预算数', sb['公务接待费'])}。")
    o.p(s)
    o.h("八、政府性基金预算支出情况说明", 2)
    if fund:
        o.p(f"{y}年度政府性基金预算拨款支出预算{o.m('政府性基金预算支出', '预算数', fund)}，主要用于"
            + "、".join(it.project or it.name for it in items if it.fund) + "。")
    else:
        o.p(f"本部门{y}年度无政府性基金预算拨款安排的支出。")
    o.h("九、国有资本经营预算支出情况说明", 2)
    o.p(f"本部门{y}年度无国有资本经营预算拨款安排的支出。")
    o.h("十、其他重要事项的情况说明", 2)
    o.h("（一）机关运行经费", 3)
    o.p(f"{y}年度本部门机关运行经费预算{o.m('机关运行经费', '预算数', pub)}，比上年预算"
        f"{o.change('机关运行经费', pub, L.prev_running, '增长', '降低')}。")
    o.h("（二）政府采购预算情况", 3)
    pr = L.procurement
    o.p(f"{y}年度本部门政府采购预算合计{o.m('政府采购预算', '预算数', sum(pr.values()))}，其中：货物类"
        f"{o.m('政府采购货物类', '预算数', pr['货物'])}，工程类{o.m('政府采购工程类', '预算数', pr['工程'])}，服务类"
        f"{o.m('政府采购服务类', '预算数', pr['服务'])}。")
    o.h("（三）国有资产占用情况", 3)
    general = L.cars - (L.cars // 3)
    o.p(f"截至{py}年12月31日，本部门共有车辆{o.n('车辆', '数量', L.cars, '辆')}，其中：一般公务用车"
        f"{o.n('一般公务用车', '数量', general, '辆')}，执法执勤用车{o.n('执法执勤用车', '数量', L.cars - general, '辆')}。")
    o.h("（四）预算绩效目标设置情况", 3)
    with_goals = [it for it in items if it.proj and it.project]
    o.p(f"{y}年度本部门对{o.n('设置绩效目标项目', '数量', len(with_goals), '个')}项目支出设置了绩效目标，涉及一般公共预算拨款"
        f"{o.m('设置绩效目标项目', '资金', sum(it.proj for it in with_goals))}。")


# ---------------------------------------------------------------------------------------------------------
# Public API: generate
# ---------------------------------------------------------------------------------------------------------


def make_report(seed: int, *, kind: str = "决算", region: str | None = None, department: str | None = None,
                year: int | None = None) -> SampleReport:
    """A synthetic report, identical for identical arguments.

    kind: "决算" (final account, default) or "预算" (budget: budget figures only). region / department / year
    default to values drawn from the seed: regions from `REGIONS` (fictional 示例市…), departments from
    `DEPARTMENTS` (any other name gets a generic office profile), years 2019–2025 for 决算 and 2019–2026 for 预算.
    """
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {', '.join(KINDS)}; got {kind!r}")
    if year is not None and not YEAR_MIN <= year <= YEAR_MAX:
        raise ValueError(f"year must be in {YEAR_MIN}–{YEAR_MAX}; got {year}")
    rng = random.Random(seed * 2 + (kind == "预算"))
    drawn = (rng.choice(REGIONS), rng.choice(DEPARTMENTS), rng.randint(YEAR_MIN, YEAR_MAX - (kind == "决算")))
    region, department, year = region or drawn[0], department or drawn[1], year or drawn[2]
    ledger = _make_ledger(rng, kind, region, department, year)
    o = _Out()
    title = f"{region}{department}{year}年度部门{kind}"
    _part_one(o, ledger, rng)
    if kind == "决算":
        _part_two_final(o, ledger)
        _part_three_final(o, ledger, rng)
    else:
        _part_two_budget(o, ledger)
        _part_three_budget(o, ledger, rng)
    _part_four(o, ledger)
    return SampleReport(seed, kind, region, department, year, title, tuple(o.blocks), tuple(o.facts))


# ---------------------------------------------------------------------------------------------------------
# Text output
# ---------------------------------------------------------------------------------------------------------


def report_to_text(report: SampleReport, *, sep: str = " ", page_breaks: bool = False) -> str:
    """The report as a text extraction would give it.

    Title lines first; headings and paragraphs one per line; each table as its title, code, 部门/单位 line,
    header rows and body rows, one row per line. With sep=" " (default) empty cells vanish, as in a
    pdftotext-style extraction; with sep="\\t" every cell is kept. page_breaks=True puts a form feed where the
    PDF starts a new page (before each part and each table).
    """
    dept = report.region + report.department
    lines = [dept, f"{report.year}年度部门{report.kind}", FICTION_NOTICE]
    brk = "\f" if page_breaks else ""
    keep_empty = sep != " "
    for b in report.blocks:
        if isinstance(b, Paragraph):
            lines.append(b.text)
        elif isinstance(b, Heading):
            if b.level == 1:
                lines.append(brk)
            lines.append(b.text)
        else:
            lines += [brk, b.title, b.code, f"部门：{dept} 单位：{b.unit}"]
            for row in b.header + b.rows:
                lines.append(sep.join(row) if keep_empty else sep.join(c for c in row if c))
            lines += b.note.split("\n")
    return "\n".join(line for line in lines if line or page_breaks) + "\n"


def write_text(report: SampleReport, path: str | os.PathLike[str], *, sep: str = " ",
               page_breaks: bool = False) -> Path:
    """Writes `report_to_text(report, sep=sep, page_breaks=page_breaks)` as UTF-8; returns the path."""
    p = Path(path)
    p.write_text(report_to_text(report, sep=sep, page_breaks=page_breaks), encoding="utf-8")
    return p


# ---------------------------------------------------------------------------------------------------------
# PDF output (reportlab, imported lazily)
# ---------------------------------------------------------------------------------------------------------

_PDF: dict[str, Any] = {}
_NUMERIC = re.compile(r"-?[\d,]+(\.\d+)?")

#: characters that may not start a line (they hang at the end of the previous one) and may not end one
_NO_LINE_START = frozenset("，。、；：？！）」』】》”’%‰,.;:!?)")
_NO_LINE_END = frozenset("（「『【《“‘(")


def _tokens(text: str) -> list[str]:
    """Line-breaking units: runs of ASCII letters/digits/number punctuation stay whole, anything else is a unit."""
    out: list[str] = []
    run = ""
    for ch in text:
        if ch.isascii() and (ch.isalnum() or ch in ".,%+-/_"):
            run += ch
            continue
        if run:
            out.append(run)
            run = ""
        out.append(ch)
    if run:
        out.append(run)
    return out


def wrap_cjk(text: str, width: float, size: float, first_indent: float = 0.0,
             measure: Callable[[str, str, float], float] | None = None) -> list[str]:
    """Greedy line breaking for Chinese text: numbers are never cut, closing punctuation never starts a line
    (it hangs at the end of the previous one) and opening punctuation never ends one."""
    if measure is None:
        measure = _pdf_kit()["stringWidth"]  # registers the font
    cache: dict[str, float] = {}
    lines: list[str] = []
    line: list[str] = []
    used = first_indent
    for tok in _tokens(text):
        w = cache.get(tok)
        if w is None:
            w = cache[tok] = measure(tok, FONT_NAME, size)
        if line and used + w > width and tok not in _NO_LINE_START:
            carry: list[str] = []
            while len(line) > 1 and line[-1] in _NO_LINE_END:
                carry.insert(0, line.pop())
            lines.append("".join(line).rstrip())
            line, used = [], 0.0
            for c in carry:
                line.append(c)
                used += cache[c]
        if not line and tok == " ":
            continue
        line.append(tok)
        used += w
    if line:
        lines.append("".join(line).rstrip())
    return lines


def _pdf_kit() -> dict[str, Any]:
    """reportlab objects, built once per process: font registration, styles, flowable classes."""
    if _PDF:
        return _PDF
    from reportlab.lib import colors
    from reportlab.lib.enums import TA_CENTER
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import cm
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Flowable, PageBreak, SimpleDocTemplate, Spacer
    from reportlab.platypus import Paragraph as RLParagraph
    from reportlab.platypus import Table as RLTable
    from reportlab.platypus import TableStyle

    try:
        pdfmetrics.getFont(FONT_NAME)
    except KeyError:
        pdfmetrics.registerFont(UnicodeCIDFont(FONT_NAME))
    string_width = pdfmetrics.stringWidth

    class TextBlock(Flowable):  # type: ignore[misc]
        """Wrapped text in STSong-Light that splits across pages line by line (see `wrap_cjk`)."""

        def __init__(self, text: str, size: float, leading: float, *, indent: float = 0.0, align: str = "left",
                     before: float = 0.0, after: float = 0.0, lines: list[str] | None = None,
                     first: bool = True) -> None:
            super().__init__()
            self.text, self.size, self.leading, self.indent, self.align = text, size, leading, indent, align
            self.before, self.after, self.lines, self.first = before, after, lines, first

        def wrap(self, aw: float, ah: float) -> tuple[float, float]:
            if self.lines is None:
                self.lines = wrap_cjk(self.text, aw, self.size, self.indent if self.first else 0.0, string_width)
            self.width, self.height = aw, len(self.lines) * self.leading
            return aw, self.height

        def split(self, aw: float, ah: float) -> list[Any]:
            self.wrap(aw, ah)
            assert self.lines is not None
            n = int((ah + 1e-6) // self.leading)
            if n <= 0 or n >= len(self.lines):
                return [] if n <= 0 else [self]
            kw = dict(indent=self.indent, align=self.align)
            return [TextBlock(self.text, self.size, self.leading, before=self.before, lines=self.lines[:n],
                              first=self.first, **kw),
                    TextBlock(self.text, self.size, self.leading, after=self.after, lines=self.lines[n:],
                              first=False, **kw)]

        def getSpaceBefore(self) -> float:
            return self.before

        def getSpaceAfter(self) -> float:
            return self.after

        def draw(self) -> None:
            c = self.canv
            c.setFont(FONT_NAME, self.size)
            y = self.height - (self.leading + self.size * 0.7) / 2
            for i, line in enumerate(self.lines or ()):
                if self.align == "center":
                    c.drawCentredString(self.width / 2, y, line)
                elif self.align == "right":
                    c.drawRightString(self.width, y, line)
                else:
                    c.drawString(self.indent if (i == 0 and self.first) else 0.0, y, line)
                y -= self.leading

    class TwoSides(Flowable):  # type: ignore[misc]
        """部门：… on the left and 单位：万元 on the right of one line, no table lines."""

        def __init__(self, left: str, right: str, size: float = 9) -> None:
            super().__init__()
            self.left, self.right, self.size = left, right, size

        def wrap(self, aw: float, ah: float) -> tuple[float, float]:
            self.width = aw
            return aw, self.size * 1.6

        def draw(self) -> None:
            c = self.canv
            c.setFont(FONT_NAME, self.size)
            c.drawString(0, self.size * 0.4, self.left)
            c.drawRightString(self.width, self.size * 0.4, self.right)

    class Doc(SimpleDocTemplate):  # type: ignore[misc]
        """Records the pages each table lands on (split parts included)."""

        def __init__(self, *a: Any, **kw: Any) -> None:
            super().__init__(*a, **kw)
            self.table_pages: dict[str, list[int]] = {}
            self._code: str | None = None

        def afterFlowable(self, flowable: Any) -> None:
            code = getattr(flowable, "_qa_table_code", None)
            if code is not None:
                self._code = code or None
            elif isinstance(flowable, RLTable) and self._code:
                pages = self.table_pages.setdefault(self._code, [])
                if self.page not in pages:
                    pages.append(self.page)

    def text(size: float, leading: float, **kw: Any) -> Callable[[str], Any]:
        return lambda s: TextBlock(s, size, leading, **kw)

    def cell_style(name: str, size: float, **kw: Any) -> ParagraphStyle:
        return ParagraphStyle(name, fontName=FONT_NAME, fontSize=size, leading=size * 1.25, wordWrap="CJK", **kw)

    _PDF.update(
        colors=colors, A4=A4, cm=cm, stringWidth=string_width, PageBreak=PageBreak, Spacer=Spacer,
        P=RLParagraph, RLTable=RLTable, TableStyle=TableStyle, TwoSides=TwoSides, Doc=Doc,
        cover=text(24, 36, align="center"), cover_year=text(20, 30, align="center"),
        notice=text(10, 15, align="center"),
        h1=text(16, 24, align="center", before=6, after=10), h2=text(13, 20, before=8, after=4),
        h3=text(12, 19, before=4, after=2), body=text(11, 19, indent=22, after=2),
        table_title=text(14, 20, align="center", after=2), code=text(9, 12, align="right"),
        note=text(8, 12, before=4),
        cell=cell_style("cell", 8), head=cell_style("head", 8, alignment=TA_CENTER),
    )
    return _PDF


def _pdf_table(t: SampleTable, width: float, repeat_header: bool, k: dict[str, Any]) -> Any:
    """A ruled reportlab table: widths from the relative hints; amounts right-aligned (the font shrinks until
    they fit), labels left-aligned and wrapped when too long, header cells centred and wrapped."""
    sw = k["stringWidth"]
    ncols = t.ncols
    rel = t.widths or (1.0,) * ncols
    widths = [r * width / sum(rel) for r in rel]
    numeric = [i >= t.numeric_from and all(_NUMERIC.fullmatch(row[i]) for row in t.rows if row[i])
               for i in range(ncols)]
    size, pad = 8.0, 2.5
    while size > 5.5 and not all(sw(row[i], FONT_NAME, size) + 2 * pad <= widths[i]
                                 for row in t.rows for i in range(ncols) if numeric[i] and row[i]):
        size -= 0.5
    head_style = k["head"] if size == 8 else k["head"].clone("head_s", fontSize=size, leading=size * 1.25)
    cell_style = k["cell"] if size == 8 else k["cell"].clone("cell_s", fontSize=size, leading=size * 1.25)
    P = k["P"]
    data: list[list[Any]] = [[P(c, head_style) if c else "" for c in row] for row in t.header]
    for row in t.rows:
        data.append([P(c, cell_style) if c and not numeric[i] and sw(c, FONT_NAME, size) + 2 * pad > widths[i]
                     else c for i, c in enumerate(row)])
    nh = len(t.header)
    cmds: list[tuple[Any, ...]] = [
        ("FONT", (0, 0), (-1, -1), FONT_NAME, size),
        ("GRID", (0, 0), (-1, -1), 0.5, k["colors"].black),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("ALIGN", (0, 0), (-1, nh - 1), "CENTER"),
        ("LEFTPADDING", (0, 0), (-1, -1), pad), ("RIGHTPADDING", (0, 0), (-1, -1), pad),
        ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
    ]
    cmds += [("ALIGN", (i, nh), (i, -1), "RIGHT") for i in range(ncols) if numeric[i]]
    cmds += [("SPAN", (c0, r0), (c1, r1)) for c0, r0, c1, r1 in t.spans]
    return k["RLTable"](data, colWidths=widths, repeatRows=nh if repeat_header else 0, style=k["TableStyle"](cmds),
                        hAlign="CENTER")


def _pdf_story(report: SampleReport, width: float, repeat_header: bool, k: dict[str, Any]) -> list[Any]:
    PageBreak, Spacer, cm = k["PageBreak"], k["Spacer"], k["cm"]
    dept = report.region + report.department
    story: list[Any] = [Spacer(1, 7 * cm), k["cover"](dept), Spacer(1, 0.6 * cm),
                        k["cover_year"](f"{report.year}年度部门{report.kind}"), Spacer(1, 9 * cm),
                        k["notice"](FICTION_NOTICE)]
    for b in report.blocks:
        if isinstance(b, Paragraph):
            story.append(k["body"](b.text))
        elif isinstance(b, Heading):
            if b.level == 1:
                story.append(PageBreak())
            para = k[f"h{min(b.level, 3)}"](b.text)
            para._qa_table_code = ""  # ends the previous table's page tracking
            story.append(para)
        else:
            story.append(PageBreak())
            title = k["table_title"](b.title)
            title._qa_table_code = b.code
            story += [title, k["code"](b.code), k["TwoSides"](f"部门：{dept}", f"单位：{b.unit}"),
                      _pdf_table(b, width, repeat_header, k)]
            story += [k["note"](line) for line in b.note.split("\n")]
    return story


def write_pdf(report: SampleReport, path: str | os.PathLike[str] | BinaryIO, *, repeat_header: bool = True) -> PdfInfo:
    """Renders the report as an A4 PDF with reportlab's built-in CID font STSong-Light (no font files).

    Page 1 is the cover (title in two lines, no page number); every later page has a running header (the
    report title above a rule) and a centred footer `- n -` where n is the physical page number. Parts and
    tables start on new pages; each table has its title, code (公开05表), `部门：… 单位：万元`, a ruled grid,
    and its note. 公开06表 lists every economic item (≈63 rows) so it always runs onto a second page; with
    repeat_header=True (default) its header row is repeated on the continuation page.
    """
    k = _pdf_kit()
    A4, cm = k["A4"], k["cm"]
    target = str(path) if isinstance(path, (str, os.PathLike)) else path
    margin_x, margin_top, margin_bottom = 2.2 * cm, 2.4 * cm, 2.2 * cm
    doc = k["Doc"](target, pagesize=A4, leftMargin=margin_x, rightMargin=margin_x, topMargin=margin_top,
                   bottomMargin=margin_bottom, title=report.title,
                   author="disclosure-qa sample generator (fictional data)",
                   subject=FICTION_NOTICE, invariant=True)  # invariant: same bytes for the same report
    page_w, page_h = A4
    title = report.title

    def later(canvas: Any, _doc: Any) -> None:
        canvas.saveState()
        canvas.setFont(FONT_NAME, 9)
        canvas.drawCentredString(page_w / 2, page_h - 1.5 * cm, title)
        canvas.setLineWidth(0.5)
        canvas.line(margin_x, page_h - 1.65 * cm, page_w - margin_x, page_h - 1.65 * cm)
        canvas.setFont(FONT_NAME, 10)
        canvas.drawCentredString(page_w / 2, 1.2 * cm, f"- {canvas.getPageNumber()} -")
        canvas.restoreState()

    story = _pdf_story(report, page_w - 2 * margin_x, repeat_header, k)
    doc.build(story, onFirstPage=lambda c, d: None, onLaterPages=later)
    return PdfInfo(Path(target) if isinstance(target, str) else None, doc.page,
                   {c: tuple(p) for c, p in doc.table_pages.items()}, repeat_header)


# ---------------------------------------------------------------------------------------------------------
# Corpora for benchmarks
# ---------------------------------------------------------------------------------------------------------


def corpus_plan(n: int, *, seed: int = 0, kind: str | None = None) -> list[tuple[int, str, str, str, int]]:
    """(report seed, kind, region, department, year) for n reports with distinct (region, department, year).

    kind=None mixes: every third report is a 预算. Distinct up to len(REGIONS) × len(DEPARTMENTS) × 7 reports
    (over 18,000); beyond that combinations repeat with other seeds.
    """
    if kind is not None and kind not in KINDS:
        raise ValueError(f"kind must be one of {', '.join(KINDS)} or None; got {kind!r}")
    years = YEAR_MAX - YEAR_MIN  # 2019–2025: a year both kinds can have
    total = len(REGIONS) * len(DEPARTMENTS) * years
    stride = 7919
    while math.gcd(stride, total) != 1:
        stride += 2
    offset = random.Random(seed).randrange(total)
    plan = []
    for i in range(n):
        idx = (offset + i * stride) % total
        idx, y = divmod(idx, years)
        r, d = divmod(idx, len(DEPARTMENTS))
        k = kind or ("预算" if i % 3 == 2 else "决算")
        plan.append((seed * 1_000_003 + i, k, REGIONS[r], DEPARTMENTS[d], YEAR_MIN + y))
    return plan


def _write_one(args: tuple[int, tuple[int, str, str, str, int], str, str]) -> str:
    i, (s, k, region, dept, year), directory, fmt = args
    report = make_report(s, kind=k, region=region, department=dept, year=year)
    path = Path(directory) / f"sample-{i:05d}-{year}-{'final' if k == '决算' else 'budget'}.{fmt}"
    if fmt == "pdf":
        write_pdf(report, path)
    else:
        write_text(report, path)
    return str(path)


def write_sample_corpus(directory: str | os.PathLike[str], n: int, *, seed: int = 0, fmt: str = "pdf",
                        kind: str | None = None, workers: int = 1,
                        on_progress: Callable[[int, int], None] | None = None) -> list[Path]:
    """Writes n generated reports into directory (created if missing); returns their paths in order.

    Files are named sample-00000-2023-final.pdf / …-budget.txt; (region, department, year) are distinct (see
    `corpus_plan`). kind=None mixes 决算 and 预算 2:1. workers > 1 renders in that many processes; the output is
    identical either way.
    """
    if fmt not in FORMATS:
        raise ValueError(f"fmt must be one of {', '.join(FORMATS)}; got {fmt!r}")
    if n < 0:
        raise ValueError(f"n must be >= 0; got {n}")
    if workers < 1:
        raise ValueError(f"workers must be >= 1; got {workers}")
    out = Path(directory)
    out.mkdir(parents=True, exist_ok=True)
    jobs = [(i, p, str(out), fmt) for i, p in enumerate(corpus_plan(n, seed=seed, kind=kind))]
    progress = on_progress or (lambda done, total: None)
    paths: list[Path] = []
    if workers == 1 or n < 2:
        for job in jobs:
            paths.append(Path(_write_one(job)))
            progress(len(paths), n)
    else:
        from concurrent.futures import ProcessPoolExecutor

        with ProcessPoolExecutor(max_workers=workers) as ex:
            for p in ex.map(_write_one, jobs, chunksize=max(1, min(64, n // (workers * 4) or 1))):
                paths.append(Path(p))
                progress(len(paths), n)
    logger.info("wrote %d sample %s reports to %s", n, fmt, out)
    return paths


def iter_reports(n: int, *, seed: int = 0, kind: str | None = None) -> Iterator[SampleReport]:
    """The reports `write_sample_corpus` would write, without writing them."""
    for s, k, region, dept, year in corpus_plan(n, seed=seed, kind=kind):
        yield make_report(s, kind=k, region=region, department=dept, year=year)
