"""The lists of every post keep their section titles only, and the search plugin no longer
segments their text (``theme/search_shards.py``, ``_patch_search``): with the page cache
warm, the entries it keeps of ``accounts.html`` and ``tags.html`` have no text (the
control), and a rebuild after a retraction, a correction and a new post, each of which
changes those lists, equals a ``--full`` build byte for byte (45 posts: the home list
has later pages, which a retraction shifts)."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from benchmarks.site_speed import add_one_post, change_one_post, make_repo, retract_one_post
from pipeline.project import Project
from pipeline.site.build import page_cache
from tests.conftest import Repo, isolated_git_module
from tests.site.conftest import Built, assert_same_as_full, build_cli
from tests.site.kit import shared_hook
from tests.site.test_search_shards import hook

POSTS = 45


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Built]:
    with isolated_git_module(tmp_path_factory, "titles-search-home") as (mp, _):
        mp.setenv("SOURCE_DATE_EPOCH", "1795000000")
        repo, _ = make_repo(tmp_path_factory.mktemp("titles-search"), POSTS, 2025)
        build(repo)
        build(repo)  # the page cache and the post facts warm
        yield Built(Repo(repo), repo / "site")


def build(repo: Path) -> None:
    result = build_cli(repo)
    assert result.returncode == 0, result.stderr + result.stdout


def kept_search(repo: Path, url: str) -> list[dict[str, object]]:
    """The search entries of the page at ``url`` that the page cache keeps."""
    found = []
    for path in page_cache(Project(repo)).glob("*.json"):
        entry = json.loads(path.read_text(encoding="utf-8"))
        search = entry.get("search")
        if "out" in entry or not isinstance(search, list) or not search:
            continue  # a stored page, or not a search entry
        if search[0]["location"].split("#", 1)[0] == url:
            found.append(search)
    assert len(found) == 1, url
    return found[0]


@pytest.mark.parametrize("url", ["accounts.html", "tags.html"])
def test_a_list_of_every_post_is_kept_with_titles_only(site: Built, url: str) -> None:
    entries = kept_search(site.repo.path, url)
    assert len(entries) >= 2 and all(e["title"] for e in entries)
    assert all(e["text"] == "" for e in entries)  # made so, not only cut in the shards


def test_a_retraction_equals_full(site: Built) -> None:
    retract_one_post(site.repo.path, f"post-{POSTS // 3:05d}")
    build(site.repo.path)
    assert_same_as_full(site)


def test_a_correction_equals_full(site: Built) -> None:
    change_one_post(site.repo.path, f"post-{POSTS // 2:05d}", "分页检索更正")
    build(site.repo.path)
    assert_same_as_full(site)


def test_a_new_post_equals_full(site: Built) -> None:
    add_one_post(site.repo.path, POSTS)
    build(site.repo.path)
    assert_same_as_full(site)


def test_the_tags_page_is_indexed_from_its_headings(
    site: Built, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The search plugin parses the tags page without its lists' items, and makes the
    same entries as from the whole page, each with its text left out."""
    from material.plugins.search.plugin import Parser, SearchIndex

    written = (site.site / "tags.html").read_text(encoding="utf-8")
    content = written[written.index("<h1") : written.index("</article>")]
    assert content.count("<li>") > 20
    shards = hook()
    shards.on_config({})
    if "cache_store" in sys.modules:  # no page cache left on by a build earlier in this process
        monkeypatch.setattr(sys.modules["cache_store"].STATE, "folder", None)
    fed: list[str] = []
    feed = Parser.feed
    monkeypatch.setattr(Parser, "feed", lambda self, data: fed.append(data) or feed(self, data))

    def entries(meta: dict[str, str]) -> list[dict[str, Any]]:
        page = SimpleNamespace(url="tags.html", title="标签", meta=meta, content=content, toc=[])
        index = SearchIndex(lang=["zh"])
        index.add_entry_from_context(page)
        assert page.content == content  # the page keeps its content
        return index.entries

    whole = entries({})
    assert fed.pop() == content and len(whole) > 10 and all(e["text"] for e in whole[1:])
    assert entries({"gm_search": "titles"}) == [dict(e, text="") for e in whole]
    assert "<li>" not in fed.pop() and "<h2" in shards.titles_content(content)
    other = content.replace("</span></h2>", "</span></h2><p>x</p>", 1)
    assert shards.titles_content(other) is None  # not the tags plugin's form: parsed whole


def test_a_real_build_feeds_the_tags_page_without_its_lists(
    site: Built, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """In an mkdocs build of the packaged theme over the site's docs, the search plugin's
    parser is given the tags page without its lists' items (the control that the form
    ``titles_content`` reads is the one the tags plugin writes). The build runs as the second
    one in a process whose first build patched mkdocs-material's classes with the page
    cache on: without the store the patched excerpts and search render as unpatched ones
    (an excerpt read the store's folder when it was None)."""
    from material.plugins.search.plugin import Parser
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    from pipeline.site import theme

    cached = shared_hook(monkeypatch, "page_cache", "gm_page_cache")
    cached._patch_search()  # as a first build with the page cache on leaves them
    cached._patch_excerpts()
    cached._patch_blog()
    monkeypatch.setattr(sys.modules["cache_store"].STATE, "folder", None)
    fed: list[str] = []
    feed = Parser.feed
    monkeypatch.setattr(Parser, "feed", lambda self, data: fed.append(data) or feed(self, data))
    monkeypatch.setenv("GOVMEDIA_BUILD_DOCS", str(site.repo.path / "build/docs"))
    monkeypatch.delenv("GOVMEDIA_PAGE_CACHE", raising=False)
    monkeypatch.setenv("GOVMEDIA_SITE_URL", "http://127.0.0.1:8000/")
    monkeypatch.chdir(theme.THEME_DIR)
    mkdocs_build(load_config(str(theme.CONFIG), site_dir=str(tmp_path / "site")))
    tags = [data for data in fed if 'class="md-tag"' in data]
    assert len(tags) == 1 and "<h2" in tags[0] and "<li>" not in tags[0]
    assert (tmp_path / "site/tags.html").read_bytes() == (site.site / "tags.html").read_bytes()
