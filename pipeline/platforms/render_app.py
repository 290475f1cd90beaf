"""The post's JSON Feed 1.1 item (the app reads the archive's feed; the push carries it)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from pipeline.content import Post
from pipeline.content.limits import APP_SUMMARY
from pipeline.html_sanitize import attr_link, clean_html, esc, safe_url
from pipeline.platforms.render_common import (
    attribution,
    convert,
    plain_text,
    post_url,
    reused_markdown,
)
from pipeline.site.paths import absolute_media_url, item_id


def feed_item(
    post: Post, *, site_url: str, commit: str = "", cover: bytes | None = None
) -> dict[str, Any]:
    """The item as the archive's JSON Feed will carry it (same id and URL).

    ``content_html`` goes through the one sanitiser policy; the source's name, title and
    URL are data: escaped, and the URL kept only when it is http(s)."""
    url = post_url(post.path, site_url)
    html = convert(reused_markdown(), post.body, "app")
    credit = attribution(post)
    source_url = safe_url(post.source.url) if post.source is not None else ""
    if credit and post.source is not None:
        html = (
            f"<p>{esc(credit)}</p>{html}"
            f"<p>{esc(credit)}：{attr_link(source_url, post.source.title)}</p>"
        )
    html = clean_html(html)
    published = dt.datetime.combine(post.date, dt.time(), tzinfo=dt.timezone(dt.timedelta(hours=8)))
    item: dict[str, Any] = {
        "id": item_id(post.slug),  # stable forever, as in the archive's feed
        "url": url,
        "title": post.title,
        "content_html": html,
        "summary": post.digest or plain_text(post)[:APP_SUMMARY],
        "date_published": published.isoformat(),
        "authors": [{"name": post.author_name}],
        "tags": list(post.tags) + ([post.category] if post.category else []),
        "_govmedia": {"slug": post.slug, "blob": post.blob, "commit": commit},
    }
    if post.cover and cover is not None:
        item["image"] = absolute_media_url(site_url, cover, post.cover)
    if credit and post.source is not None:
        item["_govmedia"]["source"] = {
            "name": post.source.name,
            "url": source_url,
            "title": post.source.title,
        }
        if source_url:
            item["external_url"] = source_url
    return item
