"""The JSON Feed's kept items in whole builds (``site/feed_items.py``): at about sixty posts
the feed has two pages, so a new post shifts both; with the items kept by the build before,
the site after each new post equals ``govmedia build --full`` byte for byte, and the page
is made from the kept items (the control: an item kept under its honest key is what the
page shows)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from pipeline.project import Project
from pipeline.site import feed_items
from pipeline.site.build import BODY_CACHE_DIR, private_folder
from tests.conftest import isolated_git_module
from tests.site.conftest import Built, assert_same_as_full, build_cli, make_site
from tests.site.test_partial_retract import extra_posts, post_text, publish_all


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Built]:
    with isolated_git_module(tmp_path_factory, "feed-items-home") as (mp, _):
        mp.setenv("SOURCE_DATE_EPOCH", "1795000000")
        built = make_site(tmp_path_factory.mktemp("feed-items"))
        publish_all(built, extra_posts(50))
        build(built)
        yield built


def build(site: Built) -> None:
    result = build_cli(site.repo.path)
    assert result.returncode == 0, result.stderr + result.stdout


def new_post(site: Built, number: int) -> str:
    date = dt.date(2026, 10, number)
    rel = f"content/posts/{date:%Y/%m}/feed-new-{number}.md"
    publish_all(site, {rel: post_text(f"订阅源新文{number}", date, "通知公告", "新文")})
    return Path(rel).stem


def kept_file(site: Built) -> Path:
    return private_folder(Project(site.repo.path), BODY_CACHE_DIR) / feed_items.FILE


def test_new_posts_with_kept_items_equal_a_full_build(site: Built) -> None:
    assert len(json.loads(site.page("feed.json"))["items"]) == 50  # and a second page
    assert "next_url" in json.loads(site.page("feed.json"))
    new_post(site, 1)
    build(site)  # both pages shift: every item made, and kept
    data = json.loads(kept_file(site).read_bytes().partition(b"\n")[2])
    items = len(json.loads(site.page("feed.json"))["items"])
    items += len(json.loads(site.page("feed-2.json"))["items"])
    assert len(data["items"]) == items
    slug = new_post(site, 2)
    build(site)  # both shift again: the kept items put in
    assert_same_as_full(site)
    assert json.loads(site.page("feed.json"))["items"][0]["id"] == f"govmedia:{slug}"


def test_a_kept_item_is_what_the_page_shows(site: Built) -> None:
    """The control: an item kept under its honest key (here rewritten by this user, who
    owns the store) is put in as it is; without the store the page is made again."""
    new_post(site, 5)
    build(site)  # both pages shift: the items kept (whichever test ran before)
    path = kept_file(site)
    seal, _, payload = path.read_bytes().partition(b"\n")
    assert seal == feed_items._seal(payload)
    data = json.loads(payload)
    last = json.loads(site.page("feed-2.json"))["items"][-1]["title"]
    marked = {k: v.replace(last, "标记的条目") for k, v in data["items"].items()}
    assert marked != data["items"]
    data["items"] = marked
    payload = json.dumps(data, ensure_ascii=False).encode("utf-8")
    path.write_bytes(feed_items._seal(payload) + b"\n" + payload)
    new_post(site, 3)
    build(site)
    assert "标记的条目" in site.page("feed-2.json")
    path.unlink()
    new_post(site, 4)
    build(site)
    assert "标记的条目" not in site.page("feed-2.json")
    assert_same_as_full(site)
