"""WeChat articles on the wire: the draft/add limits checked before any call, the JSON
body WeChat stores as sent, and the checked reading of the draft and published listings
(draft/batchget, freepublish/batchget: every field typed, bounded, URLs https)."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterator, Mapping
from typing import Any
from urllib.parse import parse_qs, unquote_plus, urlsplit

from pipeline.platforms.errors import Permanent
from pipeline.platforms.image_limits import WECHAT
from pipeline.platforms.listing import MAX_PAGES
from pipeline.platforms.replies import Context, Fields, link_parts
from pipeline.platforms.wechat_codes import PLATFORM

# Limits checked before any call (platforms.md, draft/add).
TITLE_MAX = 32
AUTHOR_MAX = 16
DIGEST_MAX = 128
CONTENT_MAX = 20_000
CONTENT_MAX_BYTES = 1_000_000
SOURCE_URL_MAX_BYTES = 1024
UPLOADIMG_MAX = WECHAT["body"].max_bytes  # the channel checks the format too (image_limits)
MATERIAL_MAX = WECHAT["cover"].max_bytes  # a permanent ``image`` material
# where WeChat articles live: the only host the archive links a WeChat copy on, and the
# only one an article's own links may point to (``render_wechat``)
ARTICLE_HOSTS = ("mp.weixin.qq.com",)
LONG_FORM_PATH = "/s"  # an article link naming its account: /s?__biz=…&mid=…&idx=…&sn=…
THUMB_MAX = 64 * 1024
TIME_MAX = 4_102_444_800  # 2100-01-01: a Unix time beyond it is not a WeChat time
PAGE_MAX = 100
NEWS_MAX = 8  # articles in one published job


def is_article_link(href: str) -> bool:
    """Whether ``href`` is an http(s) link on an article host as a browser reads it
    (``replies.link_parts``)."""
    parts = link_parts(href)
    return (
        parts is not None and parts.scheme in ("http", "https") and parts.hostname in ARTICLE_HOSTS
    )


def account_problem(url: str, biz: str) -> str:
    """Why the article link ``url`` is not the unit's own account's (``biz``, its ``__biz``),
    or "": a link must be WeChat's long form, ``/s?__biz=…&mid=…``, naming the unit's
    ``__biz`` once. The short form ``/s/<id>`` names no account (a ``__biz`` added to it is
    not what WeChat reads: the page is the one ``<id>`` names, any account's), so it cannot
    be bound without trusting the page it leads to, and is refused (round 25); with no
    ``biz`` configured nothing is bound."""
    if not biz or not url:
        return ""
    parts = urlsplit(url)
    if unquote_plus(parts.path) != LONG_FORM_PATH:
        return f"不是标明账号的长链接（{LONG_FORM_PATH}?__biz=…）：短链接看不出是哪个公众号的文章"
    named = parse_qs(parts.query, keep_blank_values=True).get("__biz", [])
    if len(named) > 1:
        return "含多个 __biz（账号标识）"
    if not named or named[0] != unquote_plus(biz):
        return "是另一个公众号的文章链接（__biz 与 GOVMEDIA_WECHAT_BIZ 不同）"
    return ""


def bind_links(items: list[dict[str, Any]], key: str, biz: str, ctx: Context, where: str) -> None:
    """Refuse (``ctx.bad``) a reply any of whose ``items`` links (``key``) to another
    account's article (:func:`account_problem`)."""
    for index, item in enumerate(items):
        problem = account_problem(str(item.get(key) or ""), biz)
        if problem:
            raise ctx.bad(f"{where}[{index}].{key}", problem)


def check_article(article: dict[str, Any]) -> None:
    """The draft/add limits, enforced before any call (Permanent with the field named)."""
    title = str(article.get("title") or "")
    problems = []
    if not title:
        problems.append("标题为空")
    if len(title) > TITLE_MAX:
        problems.append(f"标题 {len(title)} 字，超过 {TITLE_MAX} 字")
    if len(str(article.get("author") or "")) > AUTHOR_MAX:
        problems.append(f"作者超过 {AUTHOR_MAX} 字")
    if len(str(article.get("digest") or "")) > DIGEST_MAX:
        problems.append(f"摘要超过 {DIGEST_MAX} 字")
    content = str(article.get("content") or "")
    if not content:
        problems.append("正文为空")
    if len(content) >= CONTENT_MAX or len(content.encode()) >= CONTENT_MAX_BYTES:
        problems.append(f"正文 HTML {len(content)} 字符，须少于 {CONTENT_MAX}")
    if len(str(article.get("content_source_url") or "").encode()) > SOURCE_URL_MAX_BYTES:
        problems.append("阅读原文链接超过 1 KB")
    if not article.get("thumb_media_id"):
        problems.append("缺少封面（thumb_media_id）")
    if problems:
        raise Permanent(
            f"{PLATFORM} draft/add：发送前检查未通过：{'；'.join(problems)}。",
            platform=PLATFORM,
            call="draft/add",
        )


def sent_digest(article: Mapping[str, Any]) -> str:
    """The SHA-256 of what binds a draft to one approved version: the title, the body, the
    阅读原文 link and the cover, as draft/add sent them (a payload) or as the draft box
    answers them (a ``news`` item read with its content). The recovery of a draft after a
    crash takes only a draft whose digest the version's intent recorded."""
    fields = [
        str(article.get(key) or "")
        for key in ("title", "content", "content_source_url", "thumb_media_id")
    ]
    return hashlib.sha256(json.dumps(fields, ensure_ascii=False).encode("utf-8")).hexdigest()


def utf8_json(payload: object) -> dict[str, Any]:
    """Request keywords for a JSON body in plain UTF-8: WeChat stores ``\\uXXXX`` escapes
    literally, so Chinese text is never escaped (``ensure_ascii=False``), whatever the
    httpx version does by default."""
    return {
        "content": json.dumps(payload, ensure_ascii=False).encode("utf-8"),
        "headers": {"Content-Type": "application/json; charset=utf-8"},
    }


def mime(filename: str) -> str:
    lower = filename.lower()
    if lower.endswith(".png"):
        return "image/png"
    if lower.endswith(".gif"):
        return "image/gif"
    return "image/jpeg"


def news(item: Fields, with_content: bool) -> dict[str, Any]:
    """One article of a draft or a published job, checked field by field."""
    found: dict[str, Any] = {
        "title": item.text("title", max_len=256),
        "author": item.text("author", max_len=256),
        "digest": item.text("digest", max_len=1024),
        # compared with what was sent, never stored nor rendered
        "content_source_url": item.text("content_source_url", max_len=4096),
        "thumb_media_id": item.ident("thumb_media_id", default=""),
        "url": item.url("url", hosts=ARTICLE_HOSTS),
        "is_deleted": item.boolean("is_deleted"),
    }
    if with_content:
        found["content"] = item.text("content", max_len=CONTENT_MAX_BYTES)
    return found


def batch(reply: Fields, job: Callable[[Fields], dict[str, Any]], id_key: str) -> dict[str, Any]:
    """A draft/batchget or freepublish/batchget page: ``{"total_count", "item": [...]}``,
    each item ``{id_key, "update_time", "content"}`` with ``job`` reading its content."""
    items = [
        {
            id_key: item.ident(id_key),
            "update_time": item.integer("update_time", hi=TIME_MAX, default=0),
            "content": job(item.obj("content")),
        }
        for item in reply.items("item", max_items=PAGE_MAX)
    ]
    return {"total_count": reply.integer("total_count", default=len(items)), "item": items}


def pages(page_at: Callable[[int], dict[str, Any]], call: str) -> Iterator[dict]:
    """Every item of an offset-paged listing (``page_at(offset)`` → one batch page), at most
    ``MAX_PAGES`` pages: a reply that claims ever more items and hands back a page each time
    is a bad reply, not a run held for ever (red team, round 17b)."""
    offset = 0
    for _ in range(MAX_PAGES):
        data = page_at(offset)
        items = data.get("item") or []
        yield from items
        offset += len(items)
        if not items or offset >= data["total_count"]:
            return
    raise Context(PLATFORM, call).bad("total_count", f"翻过 {MAX_PAGES} 页列表仍未结束")
