"""Lighthouse (npm, pinned in tests/site/tools) on Debian's Chromium: accessibility at least
98 on the home page and a post page, as the issue's audit asked; no network but loopback."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from pipeline import proc
from tests.site.chromium import CHROMIUM, FLAGS, LIGHTHOUSE, missing_browser, serve
from tests.site.conftest import APP, Built

if reason := missing_browser():
    pytest.skip(reason, allow_module_level=True)
if not (LIGHTHOUSE.is_file() and shutil.which("node")):
    pytest.skip(
        "需要 node 与 npm 安装的 lighthouse（scripts/setup 在有 npm 时安装）",
        allow_module_level=True,
    )


@pytest.fixture(scope="module")
def base_url(built: Built) -> Iterator[str]:
    with serve(built.site) as url:
        yield url


# Chrome's launcher picks a free port, closes it and hands it to Chromium; under a parallel
# run another test's loopback server can take the port first and answer 404 to the launcher.
# Only such a launch failure is retried: an audit that ran is judged as it came out.
LAUNCH_FAILURES = ("Failed to fetch browser webSocket URL", "Unable to connect to Chrome")


def lighthouse(url: str, report: Path, attempts: int = 3) -> dict[str, float]:
    node = shutil.which("node")
    assert node is not None
    for _ in range(attempts):
        code, out, err = proc.run(
            [
                node,
                str(LIGHTHOUSE),
                url,
                "--only-categories=accessibility,best-practices,seo",
                "--chrome-flags=" + " ".join(f for f in FLAGS if not f.startswith("--window")),
                "--output=json",
                f"--output-path={report}",
                "--quiet",
            ],
            env={"CHROME_PATH": CHROMIUM},
            check=False,
            timeout=300,
        )
        text = (out + err).decode("utf-8", "replace")
        if code == 0 or not any(marker in text for marker in LAUNCH_FAILURES):
            break
    assert code == 0, text[-2000:]
    categories = json.loads(report.read_text(encoding="utf-8"))["categories"]
    return {name: float(c["score"]) for name, c in categories.items()}


@pytest.mark.parametrize("page", ["index.html", f"posts/{Path(APP).stem}.html"])
def test_lighthouse_accessibility_at_least_98(base_url: str, page: str, tmp_path: Path) -> None:
    scores = lighthouse(base_url + page, tmp_path / "report.json")
    assert scores["accessibility"] >= 0.98, f"{page}：Lighthouse 得分 {scores}"
    assert scores["best-practices"] >= 0.9 and scores["seo"] >= 0.9, f"{page}：{scores}"
