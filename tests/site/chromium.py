"""Debian's headless Chromium on a served archive, and the npm checkers the accessibility
tests inject (axe-core) or run (the Nu HTML Checker): shared by the site's browser tests."""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from tests.conftest import PROJECT_ROOT

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
ARTIFACTS = PROJECT_ROOT / "test-artifacts"
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--window-size=1280,1000",
)
TOOLS = PROJECT_ROOT / "tests" / "site" / "tools" / "node_modules"
AXE = TOOLS / "axe-core" / "axe.min.js"
VNU = TOOLS / "vnu-jar" / "build" / "dist" / "vnu.jar"
LIGHTHOUSE = TOOLS / "lighthouse" / "cli" / "index.js"
WIDTHS = (1280, 390)


def missing_browser() -> str:
    """Why the browser tests cannot run here, in Chinese; empty when they can."""
    if not (Path(CHROMIUM).exists() and shutil.which(CHROMEDRIVER)):
        return "需要 Debian 的 chromium 与 chromium-driver"
    return ""


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def serve(site: Path, handler_class: type[QuietHandler] = QuietHandler) -> Iterator[str]:
    """The built site over HTTP on loopback, each request served by ``handler_class``; yields
    its base URL."""
    handler = functools.partial(handler_class, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@contextmanager
def chromium() -> Iterator[Any]:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in FLAGS:
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(30)
    driver.set_script_timeout(60)
    try:
        yield driver
    finally:
        driver.quit()


def shot(driver: Any, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    driver.save_screenshot(str(ARTIFACTS / f"site-{name}.png"))


def result_links(driver: Any, css: str = ".md-search-result__list a") -> list[dict[str, str]]:
    """The search results' links (href, text, aria-label), read in one script: the results
    list is rendered again as shards arrive, so element handles held across calls go stale."""
    links: list[dict[str, str]] = driver.execute_script(
        "return [...document.querySelectorAll(arguments[0])].map(a => ({"
        "href: a.getAttribute('href') || '', text: a.innerText || '',"
        "label: a.getAttribute('aria-label') || ''}))",
        css,
    )
    return links
