"""A post dated between older ones changes, in each list that shows it, only the page that
shows it and the pages after it; the earlier pages show the same posts and the same pager,
so an incremental build takes them from the page cache instead of rendering them again,
and the site still equals ``govmedia build --full`` byte for byte (site.md, item 31)."""

from __future__ import annotations

import importlib.util
import json
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote

import pytest

from pipeline.ledger import Ledger
from pipeline.project import Project
from pipeline.site.build import page_cache
from tests.site.conftest import build_cli
from tests.site.test_incremental import entries, tree

ROOT = Path(__file__).resolve().parents[2]
POSTS = 45  # three pages of the home list, twenty a page
BACKDATED = "content/posts/2020/03/post-backdated.md"
CATEGORY = "便民服务"  # post-00001's, which the backdated post copies


def _site_speed():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("site_speed", ROOT / "benchmarks/site_speed.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("site_speed", module)
    spec.loader.exec_module(module)
    return module


def build(repo: Path, *args: str) -> None:
    result = build_cli(repo, *args)
    assert result.returncode == 0, result.stderr + result.stdout


def built_url(repo: Path, name: str) -> str:
    """The site path of the page a page-cache entry was stored for (its canonical link)."""
    cache = page_cache(Project(repo))
    entry = json.loads((cache / name).read_text(encoding="utf-8"))
    output = json.loads((cache / f"{entry['out']}.json").read_text(encoding="utf-8"))["output"]
    found = re.search(r'<link rel="canonical" href="http://127\.0\.0\.1:8000/([^"]*)"', output)
    assert found is not None, name
    return unquote(found.group(1))


def git(repo: Path, *args: str) -> str:
    return subprocess.run(
        ["git", *args], cwd=repo, capture_output=True, text=True, check=True
    ).stdout.strip()


def test_a_backdated_post_renders_no_earlier_list_page_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795000000")  # one sitemap date for every build
    bench = _site_speed()
    repo, _ = bench.make_repo(tmp_path, POSTS, 2020)
    build(repo)
    page_two = (repo / "site/page/2/index.html").read_bytes()
    before = entries(repo)

    # dated just after the second-oldest post (2020-03-22): the home list's last page
    first = (repo / "content/posts/2020/03/post-00001.md").read_text(encoding="utf-8")
    text = first.replace("date: '2020-03-22'", "date: '2020-03-25'")
    assert text != first
    (repo / BACKDATED).write_text(text.replace("\n---\n", "\n---\n补设窗口。\n", 1), "utf-8")
    bench.commit_all(repo, "a post dated between older ones")
    at = "2020-03-25T02:00:00.000000Z"
    commit = git(repo, "rev-parse", "HEAD")
    blob = git(repo, "rev-parse", f"HEAD:{BACKDATED}")
    detail = bench.review_detail(commit, at)
    ledger = Ledger(repo / "ledger")
    bench.record_both(
        ledger, "published", "post-backdated", BACKDATED, blob, commit, at, "t", detail
    )
    build(repo)
    built_again = {built_url(repo, name) for name in entries(repo) - before}

    # the post, its two neighbours, the lists' pages that show it (the home list's last page,
    # its month, its category) and the home page, whose text counts the posts; not page 2
    assert built_again == {
        "posts/post-backdated.html",
        "posts/post-00001.html",
        "posts/post-00002.html",
        "index.html",
        "page/3/index.html",
        "archive/2020/03.html",
        f"category/{CATEGORY}.html",
    }
    assert (repo / "site/page/2/index.html").read_bytes() == page_two
    assert "post-backdated" in (repo / "site/page/3/index.html").read_text(encoding="utf-8")
    build(repo, "--full", "--out", "site-full")
    incremental, full = tree(repo / "site"), tree(repo / "site-full")
    assert sorted(incremental) == sorted(full)
    assert [name for name in incremental if incremental[name] != full[name]] == []
