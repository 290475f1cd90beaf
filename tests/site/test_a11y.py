"""GB/T 37668 / WCAG 2.1 AA and 适老化 of the archive, checked in Debian's headless Chromium.

axe-core (npm, pinned in tests/site/tools) is injected into every kind of page at 1280 px
and 390 px and any serious or critical violation fails; a keyboard-only walk, the 200 %
text size, the search on input without a key press, and the 适老化 toolbar are tested as
a reader would use them.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.site.chromium import AXE, WIDTHS, chromium, missing_browser, result_links, serve, shot
from tests.site.conftest import APP, RETRACTED, SEARCH_WORD, Built

pytest.importorskip("selenium.webdriver", reason="需要 selenium（测试依赖）")
if reason := missing_browser():
    pytest.skip(reason, allow_module_level=True)

from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import WebDriverWait

ZERO_WIDTH = ("\u200b", "\u200c", "\u200d", "\u2060", "\ufeff")
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
RUN_AXE = """
const done = arguments[arguments.length - 1];
axe.run(document, {runOnly: {type: "tag", values: arguments[0]}, resultTypes: ["violations"]})
  .then(r => done(r.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.slice(0, 5).map(n => n.target.join(" "))}))))
  .catch(e => done([{id: "axe-error", impact: "critical", help: String(e), nodes: []}]));
"""


def activity_page(site: Path) -> str:
    found = sorted(site.glob("governance/activity-*.html"))
    assert found, "站点没有发布活跃度页面"
    return found[-1].relative_to(site).as_posix()


def page_kinds(site: Path) -> dict[str, str]:
    return {
        "home": "index.html",
        "post": f"posts/{Path(APP).stem}.html",
        "tombstone": f"posts/{Path(RETRACTED).stem}.html",
        "accounts": "accounts.html",
        "activity": activity_page(site),
        "tags": "tags.html",
        "archive": "archive/index.html",
        "search": "index.html",
        "404": "404.html",
    }


@pytest.fixture(scope="module")
def base_url(built: Built) -> Iterator[str]:
    with serve(built.site) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with chromium() as driver:
        yield driver


def wait_css(driver: Any, css: str) -> Any:
    return WebDriverWait(driver, 20).until(ec.visibility_of_element_located((By.CSS_SELECTOR, css)))


def open_page(driver: Any, url: str, width: int = 1280) -> None:
    driver.set_window_size(width, 1000)
    driver.get(url)
    wait_css(driver, ".md-content")
    driver.execute_script("window.localStorage.clear()")
    WebDriverWait(driver, 20).until(
        lambda d: d.execute_script("return document.readyState") == "complete"
    )


def open_search(driver: Any, text: str) -> None:
    """Opens search and types ``text`` as an input method commits it: no key events."""
    box = driver.find_element(By.CSS_SELECTOR, "input.md-search__input")
    driver.execute_script("document.getElementById('__search').click()")
    WebDriverWait(driver, 10).until(lambda d: box.is_displayed())
    box.click()
    driver.execute_cdp_cmd(
        "Input.imeSetComposition",
        {"text": text, "selectionStart": len(text), "selectionEnd": len(text)},
    )
    driver.execute_cdp_cmd("Input.insertText", {"text": text})


def serious(violations: list[dict[str, Any]]) -> list[str]:
    return [
        f"{v['id']}（{v['impact']}）：{v['help']}；元素：{'、'.join(v['nodes'])}"
        for v in violations
        if v["impact"] in ("serious", "critical")
    ]


def axe_violations(driver: Any) -> list[dict[str, Any]]:
    driver.execute_script(AXE.read_text(encoding="utf-8"))
    result: list[dict[str, Any]] = driver.execute_async_script(RUN_AXE, AXE_TAGS)
    return result


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize(
    "kind", ["home", "post", "tombstone", "accounts", "activity", "tags", "search", "404"]
)
def test_axe_finds_nothing_serious(
    browser: Any, base_url: str, built: Built, kind: str, width: int
) -> None:
    if not AXE.is_file():
        pytest.skip("需要 npm 安装的 axe-core（scripts/setup 在有 npm 时安装）")
    open_page(browser, base_url + page_kinds(built.site)[kind], width)
    if kind == "search":
        open_search(browser, SEARCH_WORD)
        wait_css(browser, "a.md-search-result__link")
    found = serious(axe_violations(browser))
    shot(browser, f"axe-{kind}-{width}")
    assert not found, f"axe 在 {kind} 页（{width} px）发现严重问题：\n" + "\n".join(found)


def test_search_answers_text_that_arrives_without_a_key(browser: Any, base_url: str) -> None:
    """An input method's composition (and dictation, paste) sends no key press."""
    open_page(browser, base_url, 390)
    open_search(browser, SEARCH_WORD)
    wait_css(browser, "a.md-search-result__link")
    assert Path(APP).stem in result_links(browser, "a.md-search-result__link")[0]["href"]
    meta = browser.find_element(By.CSS_SELECTOR, ".md-search-result__meta")
    assert meta.get_attribute("aria-live") == "polite"
    assert "符合条件的结果" in meta.text
    names = [a["text"] + a["label"] for a in result_links(browser)]
    assert names and not any(ch in name for name in names for ch in ZERO_WIDTH), names
    # A paste: the text is set and only an input event follows.
    browser.execute_script(
        "const box = document.querySelector('input.md-search__input');"
        "box.value = arguments[0];"
        "box.dispatchEvent(new InputEvent('input', {bubbles: true, inputType: 'insertFromPaste'}));",
        "撤稿",
    )
    WebDriverWait(browser, 20).until(
        lambda d: any(
            Path(RETRACTED).stem in a["href"] for a in result_links(d, "a.md-search-result__link")
        )
    )


def focused(driver: Any) -> dict[str, Any]:
    info: dict[str, Any] = driver.execute_script(
        """
        const el = document.activeElement;
        const r = el.getBoundingClientRect();
        const style = getComputedStyle(el);
        let hidden = false;
        for (let n = el; n; n = n.parentElement) {
          const s = getComputedStyle(n);
          if (s.visibility === 'hidden' || s.display === 'none') hidden = true;
        }
        return {tag: el.tagName, cls: String(el.className), text: (el.innerText || '').trim(),
                label: el.getAttribute('aria-label') || '', x: r.left, y: r.top,
                w: r.width, h: r.height, vw: innerWidth, vh: innerHeight, hidden: hidden,
                outline: style.outlineStyle + ' ' + style.outlineWidth,
                inDrawer: !!el.closest('.md-sidebar--primary'),
                scrolls: el.scrollWidth > el.clientWidth + 1};
        """
    )
    return info


def tab_walk(driver: Any, steps: int) -> list[dict[str, Any]]:
    driver.execute_script("document.activeElement.blur(); window.scrollTo(0, 0)")
    walk = []
    for _ in range(steps):
        ActionChains(driver).send_keys(Keys.TAB).perform()
        walk.append(focused(driver))
        if walk[-1]["tag"] == "BODY":
            break
    return walk


@pytest.mark.parametrize("width", WIDTHS)
def test_keyboard_walk_reaches_everything_and_only_what_is_shown(
    browser: Any, base_url: str, built: Built, width: int
) -> None:
    open_page(browser, base_url + activity_page(built.site), width)
    walk = tab_walk(browser, 120)
    first = walk[0]
    assert "md-skip" in first["cls"] and "正文" in first["text"], first
    for stop in walk:
        if stop["tag"] == "BODY":
            continue
        where = f"{stop['tag']}.{stop['cls']}「{stop['text'][:20] or stop['label']}」"
        assert not stop["hidden"], f"{width} px：隐藏的元素 {where} 可获得焦点"
        assert stop["w"] > 0 and stop["h"] > 0, f"{width} px：{where} 没有尺寸"
        assert stop["x"] + stop["w"] > 0 and stop["x"] < stop["vw"], f"{width} px：{where} 在屏幕外"
        if width < 1000:
            assert not stop["inDrawer"], f"{width} px：关闭的侧边抽屉中的 {where} 可获得焦点"
        assert "md-search__scrollwrap" not in stop["cls"], "搜索关闭时搜索结果区仍可获得焦点"
    labels = [s["text"] or s["label"] for s in walk]
    for wanted in ("放大文字", "高对比度", "长辈版"):
        assert any(wanted in label for label in labels), (
            f"键盘走不到工具栏按钮「{wanted}」：{labels}"
        )
    scrollers = [s for s in walk if s["scrolls"]]
    if width < 1000:
        assert scrollers, "窄屏时宽表格的滚动区域不能用键盘获得焦点"
    # The wide table scrolls by keyboard: months 07–12 come into view.
    areas = browser.find_elements(By.CSS_SELECTOR, ".md-typeset__scrollwrap[tabindex='0']")
    if areas:
        area = areas[0]
        area.send_keys(Keys.END)
        browser.execute_script("arguments[0].focus()", area)
        for _ in range(40):
            area.send_keys(Keys.ARROW_RIGHT)
        assert browser.execute_script("return arguments[0].scrollLeft", area) > 0
    shot(browser, f"keyboard-{width}")


def font_px(driver: Any, css: str) -> float:
    value: str = driver.execute_script(
        "return getComputedStyle(document.querySelector(arguments[0])).fontSize", css
    )
    return float(value.removesuffix("px"))


def text_height(driver: Any, css: str) -> float:
    height: float = driver.execute_script(
        "return document.querySelector(arguments[0]).getBoundingClientRect().height", css
    )
    return height


def test_text_at_200_percent(browser: Any, base_url: str, built: Built) -> None:
    """The browser's text size at 200 %: text, tables and chart labels double, nothing
    needs sideways scrolling of the page."""
    pages = {"post": f"posts/{Path(APP).stem}.html", "activity": activity_page(built.site)}
    sizes: dict[str, list[float]] = {}
    try:
        measure_text(browser, base_url, pages, sizes)
    finally:
        browser.execute_cdp_cmd("Page.setFontSizes", {"fontSizes": {"standard": 16}})
    for name, (normal, double) in sizes.items():
        assert double >= normal * 1.8, f"{name}：文字放大到 200% 时只从 {normal} 变为 {double}"
    assert sizes["chart"][0] >= 10, f"图表标签只有 {sizes['chart'][0]:.1f} px"


def measure_text(
    browser: Any, base_url: str, pages: dict[str, str], sizes: dict[str, list[float]]
) -> None:
    """Font sizes at the browser's default text size 16 px, then 32 px (200 %)."""
    browser.execute_cdp_cmd("Page.enable", {})
    for factor in (16, 32):
        browser.execute_cdp_cmd("Page.setFontSizes", {"fontSizes": {"standard": factor}})
        open_page(browser, base_url + pages["post"], 1280)
        sizes.setdefault("body", []).append(font_px(browser, ".gm-body p"))
        sizes.setdefault("review", []).append(font_px(browser, ".gm-review td"))
        assert sizes["review"][-1] >= sizes["body"][-1] * 0.9, "审核记录表格字号过小"
        open_page(browser, base_url + pages["activity"], 1280)
        sizes.setdefault("chart", []).append(
            text_height(browser, "svg.govmedia-chart text:nth-of-type(3)")
        )
        wide = browser.execute_script(
            "return document.documentElement.scrollWidth > innerWidth + 1"
        )
        assert not wide, f"文字 {factor * 100 // 16}% 时页面需要横向滚动"
        shot(browser, f"text-{factor * 100 // 16}")


def test_toolbar_remembers_the_readers_choice(browser: Any, base_url: str) -> None:
    open_page(browser, base_url + f"posts/{Path(APP).stem}.html", 390)
    toolbar = wait_css(browser, ".gm-toolbar")
    assert toolbar.get_attribute("role") == "toolbar"
    before = font_px(browser, "html")
    browser.find_element(By.CSS_SELECTOR, "[data-gm-action='larger']").click()
    browser.find_element(By.CSS_SELECTOR, "[data-gm-action='contrast']").click()
    assert font_px(browser, "html") > before * 1.2
    browser.refresh()
    wait_css(browser, ".gm-toolbar")
    assert font_px(browser, "html") > before * 1.2, "刷新后文字大小没有保留"
    contrast = browser.find_element(By.CSS_SELECTOR, "[data-gm-action='contrast']")
    assert contrast.get_attribute("aria-pressed") == "true"
    assert browser.execute_script(
        "return document.documentElement.classList.contains('gm-contrast')"
    )
    if not axe_violations_ok(browser):
        pytest.fail("高对比度模式下 axe 发现严重问题")
    browser.find_element(By.CSS_SELECTOR, "[data-gm-action='elder']").click()
    browser.get(base_url)  # another page: the choice follows the reader
    wait_css(browser, ".gm-toolbar")
    elder = browser.find_element(By.CSS_SELECTOR, "[data-gm-action='elder']")
    assert elder.get_attribute("aria-pressed") == "true"
    assert font_px(browser, "html") >= before * 1.45
    shot(browser, "elder")
    browser.find_element(By.CSS_SELECTOR, "[data-gm-action='reset']").click()
    browser.find_element(By.CSS_SELECTOR, "[data-gm-action='elder']").click()
    browser.find_element(By.CSS_SELECTOR, "[data-gm-action='contrast']").click()
    assert abs(font_px(browser, "html") - before) < 0.5
    status = browser.find_element(By.CSS_SELECTOR, "[data-gm-status]")
    assert "文字大小 100%" in status.get_attribute("textContent")
    speak = browser.find_element(By.CSS_SELECTOR, "[data-gm-action='speak']")
    has_speech = browser.execute_script("return 'speechSynthesis' in window")
    assert speak.is_displayed() == bool(has_speech)


def axe_violations_ok(driver: Any) -> bool:
    if not AXE.is_file():
        return True
    return not serious(axe_violations(driver))


def test_pages_of_a_list_have_their_own_titles_and_404_is_chinese(
    browser: Any, base_url: str
) -> None:
    open_page(browser, base_url + "404.html")
    assert "404" in browser.title and "页面未找到" in browser.title
    assert browser.execute_script("return document.documentElement.lang") == "zh-CN"
    heading = browser.find_element(By.TAG_NAME, "h1").text
    assert "404" in heading and "未找到" in heading
