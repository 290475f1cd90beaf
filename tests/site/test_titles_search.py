"""The lists of every post keep their section titles only, and the search plugin no longer
segments their text (``theme/search_shards.py``, ``_patch_search``): with the page cache
warm, the entries it keeps of ``accounts.html`` and ``tags.html`` have no text (the
control), and a rebuild after a retraction, a correction and a new post, each of which
changes those lists, equals a ``--full`` build byte for byte (45 posts: the home list
has later pages, which a retraction shifts)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from benchmarks.site_speed import add_one_post, change_one_post, make_repo, retract_one_post
from pipeline.project import Project
from pipeline.site.build import page_cache
from tests.conftest import Repo, isolated_git_module
from tests.site.conftest import Built, assert_same_as_full, build_cli

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
