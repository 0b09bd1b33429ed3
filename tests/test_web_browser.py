"""The page in a real browser (Playwright driving Debian's /usr/bin/chromium): upload a real PDF, wait for
it to be indexed, filter, ask, open a citation and see the cited page, see a chart for a comparison, and
nothing requested from outside the machine. Screenshots go to tests/artifacts/ (look at them)."""
from __future__ import annotations

import io
import re
import socket
import time
from pathlib import Path

import pytest

from .conftest import CORPUS

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
PDF = CORPUS / "pdf" / "shanghai-putuo-commerce-2025-budget.pdf"
TXT = CORPUS / "wuhan-hongshan-2021-budget.txt"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run"]


def shot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


@pytest.fixture(scope="module")
def server(tmp_path_factory, settings_for):
    """One app on a free loopback port over an empty user library (so it starts on the samples)."""
    from playwright.sync_api import expect

    from qa.web import Library, build_app, launch_options

    expect.set_options(timeout=60_000)

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    settings = settings_for(tmp_path_factory.mktemp("browser") / "library")
    Library(settings).active()  # as `launch` does: the samples' index is built before the page is served
    demo = build_app(settings)
    demo.launch(**launch_options(port=port), prevent_thread_lock=True, quiet=True)
    yield f"http://127.0.0.1:{port}/", settings
    demo.close()


@pytest.fixture(scope="module")
def browser_page(server):
    """One Chromium page for the module, recording every URL it requests."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: apt-get install chromium (.ci/run does)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        # an English browser: the page must still be Chinese throughout, Gradio's own labels included
        page = browser.new_page(viewport={"width": 1400, "height": 1000}, locale="en-US")
        page.requested = []
        page.on("request", lambda r: page.requested.append(r.url))
        page.set_default_timeout(60_000)
        page.goto(server[0])
        page.wait_for_selector("#qa-question textarea")
        yield page
        browser.close()


def ask(page, question: str, expect_text: str) -> None:
    from playwright.sync_api import expect

    page.turns = getattr(page, "turns", 0) + 1
    page.fill("#qa-question textarea", question)
    page.press("#qa-question textarea", "Enter")  # keyboard submit
    expect(page.locator("#qa-chat")).to_contain_text(f"第 {page.turns} 轮")
    expect(page.locator("#qa-chat")).to_contain_text(expect_text)


def test_starts_on_the_samples_and_upload_switches_to_the_users_library(browser_page, server):
    from playwright.sync_api import expect

    page = browser_page
    expect(page.locator("#qa-banner")).to_contain_text("示例报告")
    shot(page, "1-start-samples")
    page.get_by_role("tab", name="报告库").click()
    expect(page.locator("#qa-upload")).to_contain_text("点击上传")
    started = time.perf_counter()
    page.set_input_files("#qa-upload input[type=file]", [str(PDF), str(TXT)])
    expect(page.locator("#qa-status")).to_contain_text(re.compile("读取报告|生成向量"))  # progress on the page
    shot(page, "2a-indexing-progress")
    expect(page.locator("#qa-status")).to_contain_text("索引完成", timeout=240_000)
    page.indexed_after = time.perf_counter() - started
    shot(page, "2-library-indexed")
    table = page.locator("#qa-reports")
    expect(table).to_contain_text(PDF.name)
    expect(table).to_contain_text("上海市普陀区商务委员会")
    expect(table).not_to_contain_text("sample-11")
    expect(page.locator("#qa-banner")).to_contain_text("共 2 份报告")
    assert (server[1].index_dir / "uploads" / PDF.name).is_file()


def test_filter_ask_and_open_the_cited_page(browser_page):
    import pypdfium2 as pdfium
    from PIL import Image, ImageChops, ImageStat
    from playwright.sync_api import expect

    page = browser_page
    page.get_by_role("tab", name="问答").click()
    page.locator("#qa-filter-department input").click()
    page.get_by_role("option", name="上海市普陀区商务委员会").click()
    page.keyboard.press("Escape")
    started = time.perf_counter()
    ask(page, "机关运行经费", "171.01")
    answered = time.perf_counter() - started
    chat = page.locator("#qa-chat")
    expect(chat).not_to_contain_text("武汉市洪山区")  # the filter kept the other report out
    expect(chat).to_contain_text("[1]")
    citation = page.locator("#qa-citations label").first
    expect(citation).to_contain_text(PDF.name)
    citation.click()
    expect(page.locator("#qa-preview")).to_contain_text("第 22 页")
    img = page.locator("#qa-page img")
    expect(img).to_be_visible()
    expect(page.locator("#qa-focus img")).to_be_visible()  # the close-up of the quote
    shot(page, "3-filtered-answer-cited-page")
    shown = Image.open(io.BytesIO(page.request.get(img.get_attribute("src")).body())).convert("RGB")

    def differs(n: int) -> float:
        doc = pdfium.PdfDocument(str(PDF))
        bitmap = doc[n - 1].render(scale=shown.width / doc[n - 1].get_width()).to_pil().convert("RGB")
        doc.close()
        return sum(ImageStat.Stat(ImageChops.difference(shown, bitmap.resize(shown.size))).mean) / 3

    assert differs(22) < 2 < differs(21)  # the cited page itself, a highlight apart
    yellow = [px for px in shown.getdata() if px[0] > 240 and px[1] > 200 and px[2] < 180]
    assert len(yellow) > 200  # the quote is highlighted
    print(f"\nupload->indexed {getattr(page, 'indexed_after', float('nan')):.1f} s, answer {answered:.1f} s")


def test_comparison_shows_a_chart_table_and_csv(browser_page):
    from playwright.sync_api import expect

    page = browser_page
    page.locator("#qa-filter-department button[aria-label], #qa-filter-department .token-remove").first.click()
    page.locator("#qa-examples").get_by_text("机关运行经费", exact=True).click()  # examples fit the library
    expect(page.locator("#qa-question textarea")).to_have_value("机关运行经费")
    ask(page, "机关运行经费哪家更多", "更多")  # a comparison is stated when one is asked
    chart = page.locator("#qa-chart")
    expect(chart).to_be_visible()
    expect(chart.locator("canvas, svg").first).to_be_visible()
    expect(page.locator("#qa-figures")).to_contain_text("61.96")
    expect(page.locator("#qa-csv")).to_be_visible()
    page.locator("#qa-citations label").nth(1).click()  # the text report's citation: its lines, marked
    expect(page.locator("#qa-preview mark").last).to_contain_text("61.96")
    expect(page.locator("#qa-page img")).to_be_hidden()
    page.locator("#qa-chart").scroll_into_view_if_needed()
    shot(page, "4-comparison-chart")
    page.locator("#qa-turn input").click()
    page.get_by_role("option", name="第 1 轮：机关运行经费").click()  # the first turn's citations come back
    # (the two reports the upload test added are the ones compared: without the shared corpus there are none)
    expect(page.locator("#qa-citations")).to_contain_text(PDF.stem.split("-")[2])  # commerce
    expect(page.locator("#qa-citations")).not_to_contain_text(TXT.stem.split("-")[1])  # hongshan


def test_the_page_requests_nothing_outside_this_machine(browser_page):
    outside = [u for u in browser_page.requested if not u.startswith(("http://127.0.0.1", "data:", "blob:"))]
    assert browser_page.requested and outside == []
