"""RSS 2.0 and JSON Feed 1.1 of the archive (the app reads the JSON Feed).

Item ids are ``govmedia:<slug>``: stable forever, independent of the site's address. The
JSON Feed's custom key ``_govmedia`` names the channels a post went to and, for a
retracted post, the retraction (the item stays, its content removed). JSON pages hold
``PAGE_SIZE`` items and link on with ``next_url``.

With the build's body store, a JSON page whose posts' outputs all have the keys of the last
build (each key names the whole archive record of its post, ``body_store.py``) and whose
place, site URL, unit and code are the same is the previous generation's file, linked when
its SHA-256 is the one kept for that key: a correction makes one page of the feed again,
not every page (docs/dev/speed.md, "Thirteenth pass"). When more than one page must be
made (a new post shifts them all), each item whose text was kept under its post's output
key is put in as it is (``feed_items.py``; "Twenty-seventh pass").
"""

from __future__ import annotations

import email.utils
import hashlib
import json
import os
import xml.etree.ElementTree as ET
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from pipeline.site import json_indent
from pipeline.site.archive import Archive, ArchivePost
from pipeline.site.body_store import BodyStore
from pipeline.site.feed_items import FeedItems, item_key
from pipeline.site.fmt import parse_time
from pipeline.site.paths import MEDIA_DIR, item_id, post_url
from pipeline.site.sanitize import plain, safe_url

JSON_FEED = "feed.json"
RSS_FEED = "feed.xml"
PAGE_SIZE = 50
RSS_ITEMS = 50
JSONFEED_VERSION = "https://jsonfeed.org/version/1.1"


def absolute_body(body_html: str, site_url: str) -> str:
    return body_html.replace(f'src="../{MEDIA_DIR}/', f'src="{site_url}{MEDIA_DIR}/')


def _govmedia(ap: ArchivePost) -> dict[str, Any]:
    data: dict[str, Any] = {
        "slug": ap.slug,
        "blob": ap.current.blob,
        "channels": [
            {
                "id": c.id,
                "platform": c.platform,
                "name": c.name,
                "url": safe_url(c.url),  # a platform's word from the ledger: http(s) only
                "published": c.at,
            }
            for c in ap.channels
        ],
        "review": [
            {"stage": s.stage, "by": s.by, "commit": s.commit, "at": s.at}
            for s in ap.current.stages
        ],
        "corrections": len(ap.versions) - 1,
    }
    if ap.retraction:
        data["retracted"] = {"at": ap.retraction.at, "reason": ap.retraction.reason}
    return data


def json_item(ap: ArchivePost, body_html: str, site_url: str) -> dict[str, Any]:
    item: dict[str, Any] = {
        "id": item_id(ap.slug),
        "url": site_url + post_url(ap.slug),
        "title": plain(ap.post.title) + ("（已撤稿）" if ap.retracted else ""),
        "date_published": ap.first_published,
        "date_modified": ap.retraction.at if ap.retraction else ap.current.at,
        "_govmedia": _govmedia(ap),
    }
    if ap.retraction:
        item["content_text"] = f"本文已撤稿。撤稿原因：{ap.retraction.reason}"
    else:
        item["content_html"] = absolute_body(body_html, site_url)
        if ap.post.digest:
            item["summary"] = plain(ap.post.digest)
        if ap.post.tags:
            item["tags"] = [plain(t) for t in ap.post.tags]
    return item


def _chunks(posts: list[ArchivePost]) -> list[list[ArchivePost]]:
    return [posts[i : i + PAGE_SIZE] for i in range(0, len(posts), PAGE_SIZE)] or [[]]


def _names(count: int) -> list[str]:
    return [JSON_FEED] + [f"feed-{n}.json" for n in range(2, count + 1)]


def json_page(
    archive: Archive, bodies: Mapping[str, str], site_url: str, names: list[str], number: int
) -> str:
    """JSON page ``number`` (from 0) of ``names``, of the posts ``_chunks`` gives it."""
    chunk = _chunks(archive.posts)[number] if archive.posts else []
    items = [json_item(ap, bodies.get(ap.slug, ""), site_url) for ap in chunk]
    return _page(archive, site_url, names, number, items)


def _page(archive: Archive, site_url: str, names: list[str], number: int, items: list[Any]) -> str:
    name = names[number]
    feed: dict[str, Any] = {
        "version": JSONFEED_VERSION,
        "title": f"{archive.unit}政务新媒体发布档案",
        "home_page_url": site_url,
        "feed_url": site_url + name,
        "language": "zh-CN",
        "authors": [{"name": archive.unit}],
        "items": items,
    }
    if number + 1 < len(names):
        feed["next_url"] = site_url + names[number + 1]
    return json_indent.dumps(feed)  # json.dumps(feed, ensure_ascii=False, indent=1)


ITEM_DEPTH = 2  # an item's place in a page: the feed's object, its "items" list


def _kept_items(
    archive: Archive,
    bodies: Mapping[str, str],
    site_url: str,
    names: list[str],
    number: int,
    items: tuple[FeedItems, dict[str, str]],
) -> str:
    """JSON page ``number`` with each item kept under its post's key put in as it is."""
    kept, keys = items
    chunk = _chunks(archive.posts)[number] if archive.posts else []
    texts: list[Any] = []
    for ap in chunk:
        key = keys.get(ap.slug)
        text = kept.get(key) if key is not None else None
        if text is None:
            item = json_item(ap, bodies.get(ap.slug, ""), site_url)
            text = json_indent.at(item, ITEM_DEPTH)
            if key is not None:
                kept.keep(key, text)
        texts.append(json_indent.Written(text))
    return _page(archive, site_url, names, number, texts)


def json_pages(archive: Archive, bodies: Mapping[str, str], site_url: str) -> dict[str, str]:
    names = _names(len(_chunks(archive.posts)))
    return {
        name: json_page(archive, bodies, site_url, names, number)
        for number, name in enumerate(names)
    }


def page_key(
    archive: Archive, store: BodyStore, site_url: str, names: list[str], number: int
) -> str | None:
    """What JSON page ``number`` is made of: this module, the store's build key (the code
    that renders a post's body and the versions), the site URL, the unit, the page's
    place among ``names`` and the key of each of its posts' outputs; None when a post's
    output has no key (it is then not stored either)."""
    chunk = _chunks(archive.posts)[number] if archive.posts else []
    posts = [store.keys.get(ap.slug) for ap in chunk]
    if any(key is None for key in posts):
        return None
    parts = [_SOURCE, store.common, site_url, archive.unit, number, names, posts]
    text = json.dumps(parts, ensure_ascii=False)
    return "feed " + hashlib.sha256(text.encode("utf-8")).hexdigest()


_SOURCE = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()


def _sha(path: Path) -> str | None:
    try:
        with open(path, "rb") as stream:
            return hashlib.file_digest(stream, "sha256").hexdigest()
    except OSError:
        return None


def _item_keys(archive: Archive, store: BodyStore, site_url: str) -> dict[str, str]:
    """Each post's item key, by slug (a post whose output has no key has none)."""
    found: dict[str, str] = {}
    for ap in archive.posts:
        output = store.keys.get(ap.slug)
        if output is not None:
            found[ap.slug] = item_key(output, site_url)
    return found


def _write_json_pages(
    archive: Archive,
    bodies: Mapping[str, str],
    site_url: str,
    docs_dir: Path,
    store: BodyStore,
    previous: Path | None,
) -> None:
    names = _names(len(_chunks(archive.posts)))
    to_make: list[tuple[int, str | None]] = []
    for number, name in enumerate(names):
        key = page_key(archive, store, site_url, names, number)
        kept = store.kept(key) if key is not None else None
        old = previous / name if previous is not None else None
        same = old is not None and not old.is_symlink() and _sha(old) == kept
        if key is not None and kept is not None and old is not None and same:
            try:
                os.link(old, docs_dir / name, follow_symlinks=False)
                store.keep(key, kept)
                continue
            except OSError:  # another filesystem: written below
                pass
        to_make.append((number, key))
    items = None
    if len(to_make) > 1:  # a shift: the kept items, read once (one page: made as before)
        items = (FeedItems(store.path.parent, store.common), _item_keys(archive, store, site_url))
        items[0].load()
    for number, key in to_make:
        if items is None:
            text = json_page(archive, bodies, site_url, names, number)
        else:
            text = _kept_items(archive, bodies, site_url, names, number, items)
        data = text.encode("utf-8")
        (docs_dir / names[number]).write_bytes(data)
        if key is not None:
            store.keep(key, hashlib.sha256(data).hexdigest())
    if items is not None:
        items[0].save(set(items[1].values()))


def rss(archive: Archive, bodies: Mapping[str, str], site_url: str) -> str:
    root = ET.Element("rss", version="2.0")
    channel = ET.SubElement(root, "channel")
    ET.SubElement(channel, "title").text = f"{archive.unit}政务新媒体发布档案"
    ET.SubElement(channel, "link").text = site_url
    ET.SubElement(channel, "description").text = f"{archive.unit}经三审发布的政务新媒体文章"
    ET.SubElement(channel, "language").text = "zh-CN"
    for ap in archive.posts[:RSS_ITEMS]:
        item = ET.SubElement(channel, "item")
        ET.SubElement(item, "title").text = plain(ap.post.title) + (
            "（已撤稿）" if ap.retracted else ""
        )
        ET.SubElement(item, "link").text = site_url + post_url(ap.slug)
        ET.SubElement(item, "guid", isPermaLink="false").text = item_id(ap.slug)
        when = parse_time(ap.first_published)
        ET.SubElement(item, "pubDate").text = email.utils.format_datetime(when)
        if ap.retraction:
            text = f"本文已撤稿。撤稿原因：{ap.retraction.reason}"
        else:
            text = absolute_body(bodies.get(ap.slug, ""), site_url)
        ET.SubElement(item, "description").text = text
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def write_feeds(
    archive: Archive,
    bodies: Mapping[str, str],
    site_url: str,
    docs_dir: Path,
    store: BodyStore | None = None,
    previous: Path | None = None,
) -> None:
    """Write the feeds. ``store`` (the build's body store, with the keys of this build's
    post outputs) and ``previous`` (the last generation's folder): a JSON page made of the
    same inputs as before is that folder's file, linked, when its hash is the one kept."""
    if store is None:
        for name, text in json_pages(archive, bodies, site_url).items():
            (docs_dir / name).write_text(text, encoding="utf-8")
    else:
        _write_json_pages(archive, bodies, site_url, docs_dir, store, previous)
    (docs_dir / RSS_FEED).write_text(rss(archive, bodies, site_url), encoding="utf-8")
