"""One archive site, built once per test module from a real sample repo and real ledger."""

from __future__ import annotations

import functools
import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import PROJECT_ROOT, SAMPLE_CONTENT, Repo, init_repo, isolated_git_module
from tests.publish_support import make_keys
from tests.security.ledger_support import publisher_key
from tests.site.kit import publish, retract

APP = "content/posts/2026/03/zhangshang-app-shangxian.md"
REPOST = "content/posts/2026/03/neimenggu-yiwangtongban-tizhi.md"
RETRACTED = "content/posts/2026/03/dating-kaifang-shijian.md"
CORRECTED = "content/posts/2026/04/qingming-bangong-anpai.md"
DELETED = "content/posts/2026/04/laodongjie-bangong-anpai.md"
DRAFT = "content/posts/2026/11/baoxue-lanse-yujing.md"
UNREVIEWED = "content/posts/2026/05/yuyue-fuwu-kaitong.md"
EVIL = "content/posts/2026/05/ceshi-anquan.md"
RETRACTED_BODY_WORD = "0470-7321100"
UNAPPROVED_EDIT = "这是一段未经审核的修改"
CORRECTION_WORD = "更正后的办公安排说明"
SEARCH_WORD = "仿冒"

# The title's script is shown as written since round 39 (``plain``); its ASCII brackets are
# Markdown syntax, shown as text in the lists' raw blocks, so the partial rebuilds of this
# site stay partial (a list of Markdown links made them fall back to full builds).
EVIL_POST = """---
title: 安全测试<script>alert(1)</script>
date: 2026-05-20
author: 王芳 <wangfang@example.gov.cn>
channels: [wechat]
category: 通知公告
---

正文<script>alert("x")</script>内容。

<img src="x.png" onerror="alert(2)">
<a href="javascript:alert(3)">点击</a>
<a href="https://example.gov.cn/" onclick="alert(4)">链接</a>
<iframe src="https://evil.example.com/"></iframe>
<img src="https://cdn.example.com/track.png">
<style>body{display:none}</style>
"""


@dataclass
class Built:
    repo: Repo
    site: Path

    def page(self, rel: str) -> str:
        return (self.site / rel).read_text(encoding="utf-8")

    def all_text(self) -> str:
        parts = []
        for path in self.site.rglob("*"):
            if (
                path.is_file()
                and path.suffix in (".html", ".json", ".xml", ".js")
                and "assets" not in path.parts
            ):
                parts.append(path.read_text(encoding="utf-8", errors="replace"))
        return "\n".join(parts)


@functools.cache
def installed_here() -> bool:
    """Whether ``python -I`` imports this checkout's govmedia (the editable install)."""
    where = subprocess.run(
        [sys.executable, "-I", "-c", "import pipeline; print(pipeline.__file__)"],
        cwd=PROJECT_ROOT.parent,
        capture_output=True,
        text=True,
        check=False,
    ).stdout.strip()
    return (
        bool(where) and Path(where).resolve() == (PROJECT_ROOT / "pipeline/__init__.py").resolve()
    )


def build_cli(
    repo: Path, *args: str, site_url: str = "http://127.0.0.1:8000/"
) -> subprocess.CompletedProcess[str]:
    """``govmedia build`` as the server's hook starts it (``python -I``: a rebuild over the
    changed pages then runs mkdocs in govmedia's process, ``pipeline/site/inprocess.py``),
    or with this checkout on ``PYTHONPATH`` when another govmedia is installed."""
    env = dict(os.environ)
    env["GOVMEDIA_SITE_URL"] = site_url
    flags = ["-I"] if installed_here() else []
    if not flags:
        env["PYTHONPATH"] = str(PROJECT_ROOT)
    return subprocess.run(
        [sys.executable, *flags, "-m", "pipeline", "build", *args],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def forget_previous_site(repo: Path) -> None:
    """Drop the previous site's sealed list, so that the next build passes every page
    through mkdocs and reads the page cache (a rebuild in which no generated file changed
    otherwise runs over no page and carries every file: ``pipeline/site/partial.py``)."""
    from pipeline.project import Project
    from pipeline.site.build import CARRY_DIR
    from pipeline.site.stores import private_folder

    for path in private_folder(Project(repo), CARRY_DIR).iterdir():
        if path.is_file():
            path.unlink()


def correct(site: Built, words: str, at: str) -> None:
    """Commit a correction of the Qingming notice (``words`` appended) and its ``published``
    record naming the blob it corrects, as the publisher writes it."""
    repo = site.repo
    old = repo.git("rev-parse", f"HEAD:{CORRECTED}").strip()
    repo.write(CORRECTED, (repo.path / CORRECTED).read_text(encoding="utf-8") + f"\n{words}\n")
    repo.commit("Correct the Qingming notice")
    publish(repo, CORRECTED, at=at, correction_of=old)


@pytest.fixture
def short_cache(monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A short private cache folder (a socket's path has at most 107 bytes), for the
    resident builder's tests."""
    import shutil
    import tempfile

    folder = Path(tempfile.mkdtemp(prefix="gm-"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(folder))
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


def make_site(root: Path) -> Built:
    import shutil

    repo = init_repo(root / "unit")
    shutil.copytree(SAMPLE_CONTENT, repo.path / "content")
    repo.commit("Import sample content")
    # reviewers' keys (a later unit-file change is approved as the server asks) and the
    # publisher's, the one the ledger records below are signed with
    make_keys(repo.path, publisher=publisher_key(repo.path).public)
    repo.commit("Start publishing")  # the ledger names this commit, not the first one
    publish(repo, APP, at="2026-03-18T02:00:00Z")
    publish(repo, REPOST, at="2026-03-27T02:00:00Z")
    publish(repo, RETRACTED, at="2026-03-10T02:00:00Z", channels=("wechat", "weibo"))
    retract(repo, RETRACTED, "开放时间信息有误，已另行发布更正通知")
    publish(repo, CORRECTED, at="2026-04-01T02:00:00Z")
    first_blob = repo.git("rev-parse", f"HEAD:{CORRECTED}").strip()
    text = (repo.path / CORRECTED).read_text(encoding="utf-8")
    repo.write(CORRECTED, text + f"\n{CORRECTION_WORD}。\n")
    repo.commit("Correct the Qingming notice")
    publish(repo, CORRECTED, at="2026-04-02T02:00:00Z", correction_of=first_blob)
    publish(repo, DELETED, at="2026-04-25T02:00:00Z")
    repo.git("rm", "-q", DELETED)
    repo.commit("Remove a published post's file")
    publish(repo, UNREVIEWED, at="2026-05-06T02:00:00Z", detail={"title": "x"})
    repo.write(EVIL, EVIL_POST)
    repo.commit("Add a hostile post")
    publish(repo, EVIL, at="2026-05-20T02:00:00Z", channels=("wechat",))
    app = (repo.path / APP).read_text(encoding="utf-8")
    repo.write(APP, app + f"\n{UNAPPROVED_EDIT}\n")
    repo.commit("Unapproved edit after publication")
    result = build_cli(repo.path)
    assert result.returncode == 0, result.stderr + result.stdout
    return Built(repo, repo.path / "site")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    with isolated_git_module(tmp_path_factory, "site-home"):
        return make_site(tmp_path_factory.mktemp("site"))


def module_site(factory: pytest.TempPathFactory, name: str) -> Iterator[Built]:
    """``make_site`` in a git home of its own, with a fixed build date (a module fixture)."""
    with isolated_git_module(factory, f"{name}-home") as (mp, _):
        mp.setenv("SOURCE_DATE_EPOCH", "1795000000")
        yield make_site(factory.mktemp(name))


def assert_same_as_full(built: Built) -> None:
    """The site equals a ``--full`` build's of the same repository, file for file."""
    repo = built.repo.path
    full = build_cli(repo, "--full", "--out", "site-full")
    assert full.returncode == 0, full.stderr + full.stdout
    other = repo / "site-full"
    site = {p.relative_to(built.site): p.read_bytes() for p in built.site.rglob("*") if p.is_file()}
    assert site == {p.relative_to(other): p.read_bytes() for p in other.rglob("*") if p.is_file()}
