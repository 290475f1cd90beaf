"""The Nu HTML Checker (vnu, npm package vnu-jar on Debian's Java) over a sample of the
archive's pages: no error from the project's own markup; the theme's leftovers are listed
with their reasons in ``tests/site/data/vnu_leftovers.yml``."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.site.chromium import VNU
from tests.site.conftest import APP, CORRECTED, EVIL, REPOST, RETRACTED, Built

LEFTOVERS = Path(__file__).parent / "data" / "vnu_leftovers.yml"
SAMPLE = (
    "index.html",
    "accounts.html",
    "tags.html",
    "retractions.html",
    "feeds.html",
    "more.html",
    "404.html",
    "archive/2026/03.html",
    "category/通知公告.html",
    "governance/index.html",
)


def sample(site: Path) -> list[Path]:
    posts = [f"posts/{Path(p).stem}.html" for p in (APP, REPOST, RETRACTED, CORRECTED, EVIL)]
    governance = sorted(p.relative_to(site).as_posix() for p in site.glob("governance/*-*.html"))
    pages = [site / rel for rel in (*SAMPLE, *posts, *governance)]
    missing = [p.name for p in pages if not p.is_file()]
    assert not missing, f"站点缺少页面：{missing}"
    return pages


def run_vnu(pages: list[Path]) -> list[dict[str, Any]]:
    java = shutil.which("java")
    assert java is not None
    done = subprocess.run(
        [java, "-jar", str(VNU), "--errors-only", "--format", "json", *map(str, pages)],
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    report = json.loads(done.stderr or done.stdout)
    messages: list[dict[str, Any]] = report["messages"]
    return [m for m in messages if m.get("type") in ("error", "non-document-error")]


def test_no_html_errors_but_the_listed_theme_leftovers(built: Built) -> None:
    if not VNU.is_file():
        pytest.skip("需要 npm 安装的 vnu-jar（scripts/setup 在有 npm 时安装）")
    if shutil.which("java") is None:
        pytest.skip("需要 Java 运行 vnu（Debian 软件包 default-jre-headless）")
    leftovers = yaml.safe_load(LEFTOVERS.read_text(encoding="utf-8"))
    assert all(entry.get("why") for entry in leftovers), "每个遗留问题都要写明理由"
    seen: set[int] = set()
    ours = []
    for message in run_vnu(sample(built.site)):
        text, extract = message.get("message", ""), message.get("extract", "")
        match = next(
            (
                n
                for n, entry in enumerate(leftovers)
                if entry["message"] in text and entry["extract"] in extract
            ),
            None,
        )
        if match is None:
            where = message.get("url", "").rsplit("/site/", 1)[-1]
            ours.append(f"{where} 第 {message.get('lastLine')} 行：{text}｜{extract.strip()}")
        else:
            seen.add(match)
    assert not ours, "vnu 在项目自己的标记中发现错误：\n" + "\n".join(ours)
    stale = [entry["message"] for n, entry in enumerate(leftovers) if n not in seen]
    assert not stale, f"这些主题遗留问题已不再出现，请从 {LEFTOVERS.name} 删除：{stale}"
