"""A blog view built again keeps its search entries when its text is the same
(``page_cache.py``, ``_patch_search``): a new post shifts every page of the home and
category lists and a new year changes every month list's navigation, but a view's own
text, and so its search entries, stays the same; they come from the store under the
hash of that text instead of being segmented by jieba again."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from pipeline.project import Project
from pipeline.site.build import page_cache
from tests.conftest import isolated_git_module
from tests.site.conftest import Built, build_cli, forget_previous_site, make_site

MARK = "视图检索条目取自缓存"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Built]:
    with isolated_git_module(tmp_path_factory, "view-search-home") as (mp, _):
        mp.setenv("SOURCE_DATE_EPOCH", "1795000000")
        yield make_site(tmp_path_factory.mktemp("view-search"))


def entries(repo: Path) -> dict[Path, dict[str, object]]:
    found = {}
    for path in page_cache(Project(repo)).glob("*.json"):
        found[path] = json.loads(path.read_text(encoding="utf-8"))
    return found


def views(repo: Path) -> dict[Path, dict[str, object]]:
    return {p: e for p, e in entries(repo).items() if "skey" in e}


def search_text(site: Path) -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in (site / "search").rglob("*.json"))


def test_a_view_built_again_with_the_same_text_takes_its_search_entries_from_the_store(
    site: Built,
) -> None:
    repo = site.repo.path
    stored = views(repo)
    assert stored  # every view built keeps the key of its search entries
    folder = page_cache(Project(repo))
    for entry in stored.values():
        kept = json.loads((folder / f"{entry['skey']}.json").read_text(encoding="utf-8"))
        assert kept["search"] == entry["search"]
    result = build_cli(repo)  # nothing changed: every view and its entries kept
    assert result.returncode == 0, result.stderr + result.stdout
    assert {e["skey"] for e in views(repo).values()} == {e["skey"] for e in stored.values()}
    assert all((folder / f"{e['skey']}.json").is_file() for e in stored.values())

    # Mark one view's stored entries and drop every view's page: the views are built
    # again and the marked entries reach the search index, so they were read, not made.
    entry = next(iter(stored.values()))
    path = folder / f"{entry['skey']}.json"
    kept = json.loads(path.read_text(encoding="utf-8"))
    original = path.read_text(encoding="utf-8")
    kept["search"] = [dict(kept["search"][0], text=MARK)]
    path.write_text(json.dumps(kept, ensure_ascii=False), encoding="utf-8")
    for view in views(repo):
        view.unlink()
    assert MARK not in search_text(site.site)
    forget_previous_site(repo)  # every view through mkdocs, not the previous site's files
    result = build_cli(repo)
    assert result.returncode == 0, result.stderr + result.stdout
    assert MARK in search_text(site.site)
    assert views(repo)  # built again and stored again

    # The honest entries back: the same site as a full build's.
    path.write_text(original, encoding="utf-8")
    for view in views(repo):
        view.unlink()
    forget_previous_site(repo)
    result = build_cli(repo)
    assert result.returncode == 0, result.stderr + result.stdout
    assert MARK not in search_text(site.site)
    full = build_cli(repo, "--full", "--out", "site-full")
    assert full.returncode == 0, full.stderr + full.stdout
    built = {p.relative_to(site.site): p.read_bytes() for p in site.site.rglob("*") if p.is_file()}
    other = repo / "site-full"
    assert built == {p.relative_to(other): p.read_bytes() for p in other.rglob("*") if p.is_file()}
