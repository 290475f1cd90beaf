"""A rebuild after one post changes: the whole site is rebuilt, so nothing else goes stale.

``govmedia build`` deliberately rebuilds the one site in full (docs/dev/site.md, "Speed"): these tests
check that a correction of one post reaches its page, the feeds and the search index while
every other page stays, and that the pruned navigation still reaches every month.
"""

from __future__ import annotations

import json
import posixpath
from pathlib import Path

from tests.site.conftest import (
    APP,
    CORRECTED,
    CORRECTION_WORD,
    REPOST,
    SEARCH_WORD,
    Built,
    build_cli,
)
from tests.site.kit import publish
from tests.site.test_build import search_docs

NEW_WORD = "蝴蝶"  # one jieba token, absent from the sample posts


def slug(path: str) -> str:
    return Path(path).stem


def files(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}


def test_rebuild_after_one_post_changes_keeps_the_site_complete(built: Built) -> None:
    before = files(built.site)
    assert not search_docs(built, NEW_WORD)
    repo = built.repo
    old_blob = repo.git("rev-parse", f"HEAD:{REPOST}").strip()
    text = (repo.path / REPOST).read_text(encoding="utf-8")
    repo.write(REPOST, text + f"\n更正说明：{NEW_WORD}。\n")
    repo.commit("Correct the repost")
    publish(repo, REPOST, at="2026-06-01T02:00:00Z", correction_of=old_blob)

    result = build_cli(repo.path)

    assert result.returncode == 0, result.stderr + result.stdout
    assert before <= files(built.site)
    page = built.page(f"posts/{slug(REPOST)}.html")
    assert NEW_WORD in page and "更正记录" in page
    items = {i["id"]: i for i in json.loads(built.page("feed.json"))["items"]}
    assert NEW_WORD in items[f"govmedia:{slug(REPOST)}"]["content_html"]
    assert any(h.startswith(f"posts/{slug(REPOST)}.html") for h in search_docs(built, NEW_WORD))
    assert CORRECTION_WORD in built.page(f"posts/{slug(CORRECTED)}.html")
    assert any(h.startswith(f"posts/{slug(APP)}.html") for h in search_docs(built, SEARCH_WORD))
    sitemap = built.page("sitemap.xml")
    assert all(f"posts/{Path(p).stem}.html" in sitemap for p in before if p.startswith("posts/"))


def test_pruned_navigation_still_reaches_every_month(built: Built) -> None:
    months = sorted(
        p.relative_to(built.site).as_posix() for p in built.site.glob("archive/*/*.html")
    )
    assert len(months) >= 2
    newest = months[-1]
    post = built.page(f"posts/{slug(CORRECTED)}.html")
    # the month archives' tab and pruned section lead to the overview, whatever the newest month
    assert '<a href="../archive/index.html" class="md-tabs__link">' in post
    assert f"../{newest}" not in post and f"../{months[0]}" not in post
    overview = built.page("archive/index.html")
    assert all(f'href="{posixpath.relpath(m, "archive")}"' in overview for m in months)
    archive = built.page(newest)
    here = posixpath.dirname(newest)
    assert all(f'href="{posixpath.relpath(m, here)}"' in archive for m in months)
    assert f'href="{posixpath.relpath("archive/index.html", here)}"' in archive
