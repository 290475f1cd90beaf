"""Search over years in headless Chromium: the reader's browser loads the newest year's
shard first and older years when results are few or when the reader asks; jieba's Chinese
segmentation still finds 诈骗, 供暖 and 延时服务, and a word found only in an older year."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import SAMPLE_CONTENT, init_repo, isolated_git_module
from tests.security.ledger_support import enroll_publisher
from tests.site.chromium import QuietHandler, chromium, missing_browser, result_links, serve, shot
from tests.site.conftest import build_cli
from tests.site.kit import publish

pytest.importorskip("selenium.webdriver")
if missing_browser():
    pytest.skip(missing_browser(), allow_module_level=True)

from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import WebDriverWait

NEWEST = "content/posts/2027/03/chunji-fuwu-anpai-2027.md"  # 延时服务, not 诈骗 nor 供暖
OLDER = {
    "诈骗": "content/posts/2026/03/fanzha-jingti-maochong.md",
    "供暖": "content/posts/2026/09/gongnuan-jiaofei-zhiyin.md",
    "延时服务": "content/posts/2026/11/yanshi-fuwu.md",
}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    with isolated_git_module(tmp_path_factory, "search-home"):
        import shutil

        repo = init_repo(tmp_path_factory.mktemp("search") / "unit")
        shutil.copytree(SAMPLE_CONTENT, repo.path / "content")
        repo.commit("Import sample content")
        enroll_publisher(repo)
        repo.commit("Start publishing")
        for path in [*OLDER.values(), NEWEST]:
            publish(repo, path, at="2027-03-02T02:00:00Z")
        result = build_cli(repo.path)
        assert result.returncode == 0, result.stderr + result.stdout
        return repo.path / "site"


REQUESTS: list[str] = []  # paths the browser asked the server for, in order


class LoggingHandler(QuietHandler):
    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        REQUESTS.append(self.path)


@pytest.fixture(scope="module")
def base_url(site: Path) -> Iterator[str]:
    with serve(site, LoggingHandler) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with chromium() as driver:
        yield driver


def test_older_words_are_only_in_the_older_years_shard(site: Path) -> None:
    manifest = json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))
    assert [s["name"] for s in manifest["config"]["shards"]] == ["site", "2027", "2026"]
    newest = (site / "search/2027.json").read_text(encoding="utf-8")
    older = (site / "search/2026.json").read_text(encoding="utf-8")
    for word in ("诈骗", "供暖"):
        assert word not in newest and word in older


def loaded_shards(driver: Any) -> list[str]:
    """The search files requested since the last page load (the worker's fetches too)."""
    return [p.split("/search/")[1] for p in REQUESTS if p.startswith("/search/")]


def search(driver: Any, base_url: str, word: str) -> list[str]:
    REQUESTS.clear()
    driver.get(base_url)
    WebDriverWait(driver, 20).until(
        lambda d: d.execute_script("return document.readyState") == "complete"
    )
    driver.execute_script("document.getElementById('__search').click()")
    box = driver.find_element(By.CSS_SELECTOR, "input.md-search__input")
    WebDriverWait(driver, 10).until(lambda d: box.is_displayed())
    box.send_keys(word)
    WebDriverWait(driver, 30).until(
        ec.visibility_of_element_located((By.CSS_SELECTOR, "a.md-search-result__link"))
    )
    return [a["href"] for a in result_links(driver, "a.md-search-result__link")]


@pytest.mark.parametrize("word", sorted(OLDER))
def test_search_finds_a_word_of_an_older_year(browser: Any, base_url: str, word: str) -> None:
    hrefs = search(browser, base_url, word)
    shot(browser, f"search-years-{word}")
    assert any(Path(OLDER[word]).stem in h for h in hrefs), hrefs
    if word == "延时服务":
        assert any(Path(NEWEST).stem in h for h in hrefs), hrefs
    scope = browser.find_element(By.CSS_SELECTOR, ".gm-search-scope").text
    assert "已搜索全部年份（2026—2027 年）" in scope, scope
    assert {"site.json", "2027.json", "2026.json"} <= set(loaded_shards(browser))


def test_a_page_view_loads_no_shard_and_the_reader_can_ask_for_older_years(
    browser: Any, base_url: str
) -> None:
    REQUESTS.clear()
    browser.get(base_url)
    WebDriverWait(browser, 20).until(
        lambda d: d.execute_script("return document.readyState") == "complete"
    )
    assert set(loaded_shards(browser)) <= {"search_index.json"}  # the manifest only
    browser.execute_script("document.getElementById('__search').click()")
    more = WebDriverWait(browser, 40).until(
        ec.visibility_of_element_located((By.CSS_SELECTOR, ".gm-search-more"))
    )
    scope = browser.find_element(By.CSS_SELECTOR, ".gm-search-scope").text
    assert "已搜索 2027 年的文章，2026 年的文章尚未搜索" in scope, scope
    assert set(loaded_shards(browser)) == {"search_index.json", "site.json", "2027.json"}
    more.click()
    WebDriverWait(browser, 40).until(
        lambda d: "已搜索全部年份" in d.find_element(By.CSS_SELECTOR, ".gm-search-scope").text
    )
    assert "2026.json" in loaded_shards(browser)
    assert browser.find_element(By.CSS_SELECTOR, ".md-search").is_displayed()  # still open
    shot(browser, "search-years-more")
