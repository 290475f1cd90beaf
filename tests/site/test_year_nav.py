"""A month list's sidebar shows the overview and its own year's months, no other year
(``archive_nav.py``, ``shown``): a post in a new year builds the overview and the new
year's list again, not every month list of the other years, and the incremental site
still equals a ``--full`` build's byte for byte. The overview lists every month of every
year, so every month list stays reachable."""

from __future__ import annotations

import posixpath
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import isolated_git_module
from tests.site.conftest import Built, build_cli, make_site
from tests.site.kit import publish

OLD_YEAR_POST = "content/posts/2025/12/dongji-gongnuan-fuwu.md"
NEW_YEAR_POST = "content/posts/2027/01/xinnian-fuwu-anpai.md"
TEXT = """---
title: {title}
date: {date}
author: 王芳 <wangfang@example.gov.cn>
channels: [wechat, weibo]
category: 通知公告
tags: [政务服务]
---

{body}
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Built]:
    with isolated_git_module(tmp_path_factory, "year-nav-home") as (mp, _):
        mp.setenv("SOURCE_DATE_EPOCH", "1795000000")
        yield make_site(tmp_path_factory.mktemp("year-nav"))


def add_post(site: Built, path: str, date: str, title: str, body: str) -> None:
    repo = site.repo
    repo.write(path, TEXT.format(title=title, date=date, body=body))
    repo.commit(f"Add {Path(path).stem}")
    publish(repo, path, at=f"{date}T02:00:00Z", channels=("wechat", "weibo"))
    result = build_cli(repo.path)
    assert result.returncode == 0, result.stderr + result.stdout


def tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


def months(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.glob("archive/*/*.html"))


def test_a_new_year_leaves_the_other_years_month_lists_as_they_were(site: Built) -> None:
    add_post(site, OLD_YEAR_POST, "2025-12-15", "冬季供暖服务热线开通", "供暖服务热线即日开通。")
    old = [m for m in months(site.site) if not m.startswith("archive/2027/")]
    assert {posixpath.dirname(m) for m in old} == {"archive/2025", "archive/2026"}
    # the pages of the categories the new post is not in
    others = [
        p.relative_to(site.site).as_posix()
        for p in site.site.glob("category/**/*.html")
        if "通知公告" not in p.as_posix()
    ]
    assert others
    inodes = {m: (site.site / m).stat().st_ino for m in old + others}
    before = {m: (site.site / m).read_bytes() for m in old + others}

    add_post(site, NEW_YEAR_POST, "2027-01-04", "新年政务服务安排", "新年期间窗口照常办理。")
    # Every month list of 2025 and 2026 and every page of the other categories is the
    # previous file, carried, not built again, but the year's first month: its <link
    # rel="prev"> now names the new month (the sidebar's order, archive_nav._relink).
    first = "archive/2026/03.html"
    assert '<link rel="prev" href="../2027/01.html">' in site.page(first)
    del inodes[first], before[first]
    assert {m: (site.site / m).stat().st_ino for m in inodes} == inodes
    assert {m: (site.site / m).read_bytes() for m in before} == before

    # the sidebar of a month list: the overview and its own year's months, no other year
    here = "archive/2026"
    page = site.page(f"{here}/03.html")
    assert 'href="../index.html"' in page
    assert all(f'href="{posixpath.relpath(m, here)}"' in page for m in old if here in m)
    assert "2025/12.html" not in page and page.count("2027/01.html") == 1  # <link rel="prev">
    # the overview lists every month of every year, the new one included
    overview = site.page("archive/index.html")
    every = months(site.site)
    assert "archive/2027/01.html" in every
    assert all(f'href="{posixpath.relpath(m, "archive")}"' in overview for m in every)
    new = site.page("archive/2027/01.html")
    assert 'href="../index.html"' in new
    assert new.count("2026/03.html") == 1  # <link rel="next"> in the head only
    assert '<link rel="prev" href="../index.html">' in new

    full = build_cli(site.repo.path, "--full", "--out", "site-full")
    assert full.returncode == 0, full.stderr + full.stdout
    incremental, whole = tree(site.site), tree(site.repo.path / "site-full")
    assert sorted(incremental) == sorted(whole)
    assert [name for name in incremental if incremental[name] != whole[name]] == []
