"""The JSON Feed's items kept as their text (``site/feed_items.py``): when a new post shifts
every page, the kept items are put in as they are and the pages equal pages made without
any store; a kept file that was edited, is another user's, others can write, is a link, or
is of another build is not used."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
import tempfile
from pathlib import Path

import pytest

from pipeline.site import feed_items, feeds
from pipeline.site.archive import Archive, ArchivePost, Channel, PostFacts, Version
from pipeline.site.body_store import BodyStore
from tests.site.test_post_list import archive

URL = "https://example.gov.cn/"
TITLES = ["甲", "乙 <b>", '丙"', "丁", "戊&", "己", "庚"]


def _new_post(source: Archive, title: str, number: int = 1) -> Archive:
    at = "2026-12-01T02:00:00Z"
    facts = PostFacts(title=title, date=dt.date(2026, 12, 1), body="新的正文")
    ap = ArchivePost(
        slug=f"new-{number}",
        path=f"content/posts/2026/12/new-{number}.md",
        post=facts,
        versions=[Version(blob="e" * 40, at=at, commit="f" * 40, stages=())],
        channels=[Channel("wechat:yks", "wechat", "牙克石", "", at)],
    )
    return dataclasses.replace(source, posts=[ap, *source.posts])


def _bodies(source: Archive) -> dict[str, str]:
    return {ap.slug: f'<p>{ap.slug}</p><img src="../media/x.png">' for ap in source.posts}


def _pages(docs: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(docs.glob("feed*.json"))}


def _write(source: Archive, folder: Path, docs: Path, previous: Path | None) -> BodyStore:
    """The feeds written as a build writes them, with a body store in ``folder``."""
    store = BodyStore(folder)
    for ap in source.posts:
        store.key(ap, "zone")
    docs.mkdir()
    feeds.write_feeds(source, _bodies(source), URL, docs, store, previous)
    store.save()
    return store


def _without_store(source: Archive, docs: Path) -> dict[str, bytes]:
    docs.mkdir()
    feeds.write_feeds(source, _bodies(source), URL, docs)
    return _pages(docs)


@pytest.fixture
def made(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    monkeypatch.setattr(feeds, "PAGE_SIZE", 2)  # several pages of a small archive
    slugs: list[str] = []
    original = feeds.json_item

    def counting(ap: ArchivePost, body: str, url: str) -> dict[str, object]:
        slugs.append(ap.slug)
        return original(ap, body, url)

    monkeypatch.setattr(feeds, "json_item", counting)
    return slugs


@pytest.fixture
def kept(tmp_path: Path, made: list[str]) -> tuple[Archive, Path, Path]:
    """A first generation (every item made and kept); the archive with a new post first."""
    folder = tmp_path / "store"
    folder.mkdir(mode=0o700)
    source = archive(TITLES, None, False)
    _write(source, folder, tmp_path / "docs-1", None)
    assert (folder / feed_items.FILE).is_file() and sorted(made) == sorted(_bodies(source))
    made.clear()
    return _new_post(source, "新的一篇 <i>"), folder, tmp_path / "docs-1"


def test_a_new_post_makes_its_own_item_alone_and_the_pages_are_the_same(
    kept: tuple[Archive, Path, Path], made: list[str], tmp_path: Path
) -> None:
    source, folder, previous = kept
    _write(source, folder, tmp_path / "docs-2", previous)
    assert made == [source.posts[0].slug]  # every page shifted; only the new item made
    pages = _pages(tmp_path / "docs-2")
    assert len(pages) == 4
    assert pages == _without_store(source, tmp_path / "plain")
    title = json.loads(pages["feed.json"])["items"][0]["title"]
    assert title == "新的一篇 ＜i＞"  # as written (round 39)
    # the file now keeps the new post's item, and nothing of a post that is gone
    made.clear()
    fewer = dataclasses.replace(source, posts=source.posts[:-1])
    again = _new_post(fewer, "再一篇", 2)
    _write(again, folder, tmp_path / "docs-3", tmp_path / "docs-2")
    assert made == [again.posts[0].slug]
    assert _pages(tmp_path / "docs-3") == _without_store(again, tmp_path / "plain-3")
    stored = json.loads((folder / feed_items.FILE).read_bytes().partition(b"\n")[2])
    assert len(stored["items"]) == len(again.posts)


def _refused(source: Archive, folder: Path, tmp_path: Path, made: list[str]) -> None:
    docs = Path(tempfile.mkdtemp(dir=tmp_path)) / "docs"
    _write(source, folder, docs, tmp_path / "docs-1")
    assert sorted(made) == sorted(ap.slug for ap in source.posts)  # every item made again
    assert _pages(docs) == _without_store(source, docs.parent / "plain")


def test_an_edited_file_is_not_used(
    kept: tuple[Archive, Path, Path], made: list[str], tmp_path: Path
) -> None:
    source, folder, _ = kept
    path = folder / feed_items.FILE
    path.write_bytes(path.read_bytes().replace("甲".encode(), "乙".encode(), 1))
    _refused(source, folder, tmp_path, made)


def test_a_file_others_can_write_is_not_used(
    kept: tuple[Archive, Path, Path], made: list[str], tmp_path: Path
) -> None:
    source, folder, _ = kept
    (folder / feed_items.FILE).chmod(0o622)
    _refused(source, folder, tmp_path, made)


def test_another_users_file_is_not_used(
    kept: tuple[Archive, Path, Path],
    made: list[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    source, folder, _ = kept
    owner = os.getuid()
    monkeypatch.setattr(os, "getuid", lambda: owner + 1)  # the file is no longer this user's
    _refused(source, folder, tmp_path, made)


def test_a_link_is_not_used(
    kept: tuple[Archive, Path, Path], made: list[str], tmp_path: Path
) -> None:
    source, folder, _ = kept
    path = folder / feed_items.FILE
    elsewhere = tmp_path / "elsewhere.json"
    path.rename(elsewhere)
    path.symlink_to(elsewhere)
    _refused(source, folder, tmp_path, made)


def test_a_file_of_another_build_or_shape_is_not_used(
    kept: tuple[Archive, Path, Path], made: list[str], tmp_path: Path
) -> None:
    source, folder, _ = kept
    path = folder / feed_items.FILE
    data = json.loads(path.read_bytes().partition(b"\n")[2])
    data["build"] = "another build"
    payload = json.dumps(data, ensure_ascii=False).encode("utf-8")
    path.write_bytes(feed_items._seal(payload) + b"\n" + payload)
    _refused(source, folder, tmp_path, made)
    made.clear()
    data = {"build": BodyStore(folder).common, "items": {k: 1 for k in data["items"]}}
    payload = json.dumps(data).encode("utf-8")
    path.write_bytes(feed_items._seal(payload) + b"\n" + payload)
    _refused(source, folder, tmp_path, made)


def test_a_folder_others_can_write_is_neither_read_nor_written(
    kept: tuple[Archive, Path, Path], made: list[str], tmp_path: Path
) -> None:
    source, folder, _ = kept
    before = (folder / feed_items.FILE).read_bytes()
    folder.chmod(0o777)
    try:
        _refused(source, folder, tmp_path, made)
        assert (folder / feed_items.FILE).read_bytes() == before
    finally:
        folder.chmod(0o700)


def test_the_seal_is_the_caches_digest() -> None:
    from pipeline.rules.cache import digest

    text = '{"build":"b","items":{"k":"甲乙"}}'
    assert feed_items._seal(text.encode("utf-8")).decode("ascii") == digest(text)
