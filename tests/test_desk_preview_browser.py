"""The ``preview`` page in headless Chromium (Debian's chromium + chromedriver), as file://."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.conftest import Repo, run_cli
from tests.site.chromium import ARTIFACTS, chromium, missing_browser
from tests.test_desk_preview import POST, edited

pytest.importorskip("selenium.webdriver")
if missing_browser():
    pytest.skip(missing_browser(), allow_module_level=True)

from selenium.webdriver.common.by import By


@pytest.fixture
def browser() -> Iterator[object]:
    with chromium() as driver:
        yield driver


def test_preview_page_renders_in_chromium(sample_repo: Repo, browser: object) -> None:
    edited(sample_repo)
    result = run_cli("preview", POST, cwd=sample_repo.path)
    assert result.code == 0, result.err
    page = sample_repo.path / "reports/preview/dating-kaifang-shijian.html"
    driver = browser
    driver.get(page.as_uri())  # type: ignore[attr-defined]
    assert driver.title.startswith("预览：")  # type: ignore[attr-defined]
    find = driver.find_element  # type: ignore[attr-defined]
    wechat = find(By.ID, "wechat")
    assert wechat.is_displayed() and "阅读原文" in wechat.text
    body = find(By.CSS_SELECTOR, "#wechat section.govmedia")
    assert body.value_of_css_property("font-size") == "16px"  # the inline style took effect
    weibo = find(By.ID, "weibo")
    assert "/ 140 字" in weibo.text
    assert find(By.ID, "app").is_displayed()
    marks = driver.find_elements(By.CSS_SELECTOR, "#wechat mark")  # type: ignore[attr-defined]
    assert any(m.text == "我觉得" and m.is_displayed() for m in marks)
    colour = marks[0].value_of_css_property("background-color")
    assert colour not in ("rgba(0, 0, 0, 0)", "transparent")
    inserted = driver.find_elements(By.CSS_SELECTOR, "#diff ~ pre ins")  # type: ignore[attr-defined]
    assert any("我觉得" in i.text for i in inserted)
    logs = [
        e
        for e in driver.get_log("browser")  # type: ignore[attr-defined]
        if e.get("level") == "SEVERE"
    ]
    assert not logs, logs
    ARTIFACTS.mkdir(exist_ok=True)
    driver.save_screenshot(str(ARTIFACTS / "preview.png"))  # type: ignore[attr-defined]
