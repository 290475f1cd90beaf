"""Tables fit where people read them: the governance registry on a 1280 px screen, the review
record's commit column on a 390 px phone (headless Debian Chromium on the built archive)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.site.chromium import chromium, missing_browser, serve, shot
from tests.site.conftest import APP, Built

pytestmark = pytest.mark.skipif(bool(missing_browser()), reason=missing_browser() or "")

CUT = """
const out = [];
for (const table of document.querySelectorAll(arguments[0])) {
  const box = table.closest('.md-typeset__scrollwrap') || table.parentElement;
  out.push({scrolls: box.scrollWidth > box.clientWidth + 1,
            table: Math.round(table.getBoundingClientRect().width),
            box: Math.round(box.clientWidth)});
}
return out;
"""
LAST_COLUMN = """
const cell = document.querySelector('.gm-review tbody tr td:last-child');
const code = cell.querySelector('code');
const box = (cell.closest('.md-typeset__scrollwrap') || cell.closest('.gm-review'))
  .getBoundingClientRect();
const r = code.getBoundingClientRect();
return {right: r.right, box: box.right, left: r.left, boxLeft: box.left,
        clipped: code.scrollWidth > code.clientWidth + 1};
"""


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with chromium() as driver:
        yield driver


@pytest.fixture(scope="module")
def base_url(built: Built) -> Iterator[str]:
    with serve(built.site) as url:
        yield url


def _open(driver: Any, url: str, width: int) -> None:
    driver.set_window_size(width, 1000)
    driver.get(url)
    driver.execute_script("return document.fonts && document.fonts.ready")


def test_governance_tables_fit_a_1280_px_screen(browser: Any, base_url: str) -> None:
    _open(browser, base_url + "governance/", 1280)
    tables = browser.execute_script(CUT, "article table")
    shot(browser, "desk-governance-1280")
    assert tables, "台账页面没有表格"
    wide = [t for t in tables if t["scrolls"]]
    assert not wide, f"1280 px 下台账表格需要横向滚动：{wide}"


def test_review_commit_column_is_whole_on_a_390_px_phone(browser: Any, base_url: str) -> None:
    _open(browser, base_url + f"posts/{Path(APP).stem}.html", 390)
    shot(browser, "desk-review-390")
    cell = browser.execute_script(LAST_COLUMN)
    assert not cell["clipped"], cell
    assert cell["right"] <= cell["box"] + 1 and cell["left"] >= cell["boxLeft"] - 1, (
        f"390 px 下审核记录的「审核提交」一列被截断：{cell}"
    )
    tables = browser.execute_script(CUT, ".gm-review table")
    assert tables and not any(t["scrolls"] for t in tables), tables


def test_search_says_it_needs_http_when_opened_as_a_file(browser: Any, built: Built) -> None:
    _open(browser, (built.site / "index.html").as_uri(), 1280)
    notes = browser.find_elements("css selector", ".gm-file-note")
    assert len(notes) == 1
    text = browser.execute_script("return arguments[0].textContent", notes[0])
    assert "file://" in text and "http.server" in text and "http://127.0.0.1:8000/" in text


def test_no_file_note_over_http(browser: Any, base_url: str) -> None:
    _open(browser, base_url, 1280)
    assert browser.find_elements("css selector", ".gm-file-note") == []
    assert browser.execute_script("return document.querySelector('.md-search__input').placeholder")


def test_build_prints_the_http_command_before_the_file(built: Built) -> None:
    from tests.site.conftest import build_cli

    result = build_cli(built.repo.path)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "-m http.server --bind 127.0.0.1 --directory" in out
    assert out.index("http.server") < out.index("file://")
    assert "站内搜索不可用" in out
