"""A blog view restored from the page cache keeps its excerpts' entries (``page_cache.py``,
``_excerpt_key``): a build that renders no view (a correction, a retraction, nothing
changed) no longer drops them, so the next build that shifts the lists (a new post)
converts only the excerpts that moved, not every one again."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from pipeline.project import Project
from pipeline.site.build import page_cache
from tests.conftest import isolated_git_module
from tests.site.conftest import Built, build_cli, make_site

EXCERPT = {"key", "md", "content", "more", "toc"}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Built]:
    with isolated_git_module(tmp_path_factory, "excerpt-home") as (mp, _):
        mp.setenv("SOURCE_DATE_EPOCH", "1795000000")
        yield make_site(tmp_path_factory.mktemp("excerpts"))


def excerpts(repo: Path) -> set[str]:
    found = set()
    for path in page_cache(Project(repo)).glob("*.json"):
        keys = json.loads(path.read_text(encoding="utf-8")).keys()
        if keys - {"hkey", "html"} == EXCERPT:  # with its rendered HTML: excerpt_html.py
            found.add(path.name)
    return found


def test_a_build_that_renders_no_view_keeps_the_excerpts(site: Built) -> None:
    repo = site.repo.path
    first = excerpts(repo)
    assert first  # the first build converted the views' excerpts
    before = {p.relative_to(site.site): p.read_bytes() for p in site.site.rglob("*.html")}
    result = build_cli(repo)  # nothing changed: every view comes from the store
    assert result.returncode == 0, result.stderr + result.stdout
    assert excerpts(repo) == first
    assert {p.relative_to(site.site): p.read_bytes() for p in site.site.rglob("*.html")} == before
