"""RSS 2.0 and JSON Feed 1.1 of the archive (the app reads the JSON Feed).

Item ids are ``govmedia:<slug>``: stable forever, independent of the site's address. The
JSON Feed's custom key ``_govmedia`` names the channels a post went to and, for a
retracted post, the retraction (the item stays, its content removed). JSON pages hold
``PAGE_SIZE`` items and link on with ``next_url``.
"""

from __future__ import annotations

import email.utils
import json
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

from pipeline.site.archive import Archive, ArchivePost
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


def json_pages(archive: Archive, bodies: dict[str, str], site_url: str) -> dict[str, str]:
    items = [json_item(ap, bodies.get(ap.slug, ""), site_url) for ap in archive.posts]
    chunks = [items[i : i + PAGE_SIZE] for i in range(0, len(items), PAGE_SIZE)] or [[]]
    names = [JSON_FEED] + [f"feed-{n}.json" for n in range(2, len(chunks) + 1)]
    pages: dict[str, str] = {}
    for number, (name, chunk) in enumerate(zip(names, chunks, strict=True)):
        feed: dict[str, Any] = {
            "version": JSONFEED_VERSION,
            "title": f"{archive.unit}政务新媒体发布档案",
            "home_page_url": site_url,
            "feed_url": site_url + name,
            "language": "zh-CN",
            "authors": [{"name": archive.unit}],
            "items": chunk,
        }
        if number + 1 < len(names):
            feed["next_url"] = site_url + names[number + 1]
        pages[name] = json.dumps(feed, ensure_ascii=False, indent=1)
    return pages


def rss(archive: Archive, bodies: dict[str, str], site_url: str) -> str:
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


def write_feeds(archive: Archive, bodies: dict[str, str], site_url: str, docs_dir: Path) -> None:
    for name, text in json_pages(archive, bodies, site_url).items():
        (docs_dir / name).write_text(text, encoding="utf-8")
    (docs_dir / RSS_FEED).write_text(rss(archive, bodies, site_url), encoding="utf-8")
