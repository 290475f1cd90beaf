"""The archive in headless Chromium (Debian's chromium + chromedriver), served over HTTP.

Each test keeps a screenshot in ``test-artifacts/``.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.site.chromium import chromium, missing_browser, serve, shot
from tests.site.conftest import APP, RETRACTED, SEARCH_WORD, Built

pytest.importorskip("selenium.webdriver")
if missing_browser():
    pytest.skip(missing_browser(), allow_module_level=True)

from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import WebDriverWait


@pytest.fixture(scope="module")
def base_url(built: Built) -> Iterator[str]:
    with serve(built.site) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with chromium() as driver:
        yield driver


def wait(driver: object, css: str) -> object:
    return WebDriverWait(driver, 20).until(ec.visibility_of_element_located((By.CSS_SELECTOR, css)))


def test_home_page_lists_posts(browser, base_url: str) -> None:  # type: ignore[no-untyped-def]
    browser.get(base_url)
    wait(browser, "article")
    assert "政务新媒体发布档案" in browser.title
    titles = [a.text for a in browser.find_elements(By.CSS_SELECTOR, "article h2 a")]
    assert any("APP上线试运行" in t for t in titles), titles
    shot(browser, "home")


def test_post_page_shows_review_record(browser, base_url: str) -> None:  # type: ignore[no-untyped-def]
    browser.get(base_url + f"posts/{Path(APP).stem}.html")
    review = wait(browser, ".gm-review")
    text = review.text  # type: ignore[attr-defined]
    for name in ("张伟", "李强", "陈静"):
        assert name in text
    assert "终审" in text
    browser.execute_script("arguments[0].scrollIntoView()", review)
    shot(browser, "post-review")


def test_chinese_search_reaches_the_post(browser, base_url: str) -> None:  # type: ignore[no-untyped-def]
    browser.get(base_url)
    box = wait(browser, "input.md-search__input")
    box.click()  # type: ignore[attr-defined]
    box.send_keys(SEARCH_WORD)  # type: ignore[attr-defined]
    link = wait(browser, "a.md-search-result__link")
    shot(browser, "search")
    assert Path(APP).stem in link.get_attribute("href")  # type: ignore[attr-defined]
    link.click()  # type: ignore[attr-defined]
    wait(browser, ".gm-review")
    assert Path(APP).stem in browser.current_url


def test_retracted_post_shows_tombstone(browser, base_url: str) -> None:  # type: ignore[no-untyped-def]
    browser.get(base_url + f"posts/{Path(RETRACTED).stem}.html")
    tomb = wait(browser, ".gm-tombstone")
    assert "本文已撤稿" in tomb.text  # type: ignore[attr-defined]
    assert "撤稿原因" in tomb.text  # type: ignore[attr-defined]
    assert not browser.find_elements(By.CSS_SELECTOR, ".gm-body")
    shot(browser, "tombstone")
