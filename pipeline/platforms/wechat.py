"""WeChat Official Account client: images, cover, draft box, free publish, 群发.

Every call goes through :meth:`WeChatClient._call`: the access token is an
:class:`httpx.Auth` (wechat_auth.py), each ``errcode`` of platforms.md maps to a typed error
(wechat_codes.py), a refused token is refreshed once, -1 is retried with backoff (the one
loop of http.py), and no message carries the appid secret or a token. Every field of every
reply is read through :mod:`pipeline.platforms.replies` (type, range, safe ids, https URLs)
and each endpoint returns only the checked fields (wechat_articles.py for the listings).
"""

from __future__ import annotations

import posixpath
import time
from collections.abc import Callable, Iterator
from typing import Any

import httpx

from pipeline import redact
from pipeline.platforms.errors import (
    Duplicate,
    OperatorAction,
    Permanent,
    PlatformError,
    Retryable,
)
from pipeline.platforms.http import (
    MAX_LISTING_BYTES,
    MAX_REPLY_BYTES,
    JsonApi,
    RetryPolicy,
    make_client,
)
from pipeline.platforms.replies import Context, Fields
from pipeline.platforms.thumb import thumb_jpeg
from pipeline.platforms.wechat_articles import (
    ARTICLE_HOSTS,
    MATERIAL_MAX,
    NEWS_MAX,
    THUMB_MAX,
    TIME_MAX,
    UPLOADIMG_MAX,
    batch,
    bind_links,
    check_article,
    mime,
    news,
    pages,
    utf8_json,
)
from pipeline.platforms.wechat_auth import WeChatToken
from pipeline.platforms.wechat_codes import (
    LIVE_EVENT_STATUSES,
    PLATFORM,
    STATUS_TEXT,
    raise_errcode,
)


class WeChatClient(JsonApi):
    """One instance per run; thread-safe (the token cache is shared under a lock)."""

    platform = PLATFORM
    error_key = "errcode"

    def __init__(
        self,
        base_url: str,
        appid: str,
        secret: str,
        *,
        transport: httpx.BaseTransport | None = None,
        retry: RetryPolicy | None = None,
        clock: Callable[[], float] = time.time,
        timeout: httpx.Timeout | None = None,
        biz: str = "",
    ) -> None:
        if not appid or not secret:
            raise OperatorAction(
                f"{PLATFORM}：未配置 GOVMEDIA_WECHAT_APPID / GOVMEDIA_WECHAT_SECRET。",
                platform=PLATFORM,
            )
        kwargs = {"timeout": timeout} if timeout else {}
        self.http = make_client(base_url, transport=transport, **kwargs)
        self.base_url = base_url
        self.biz = biz  # the unit's account (``__biz``): links to another's are refused
        redact.register(secret)
        self.retry = retry or RetryPolicy.from_env()
        self.clock = clock
        self.auth = WeChatToken(
            self.http, appid, secret, retry=self.retry, clock=clock, base_url=base_url
        )

    def close(self) -> None:
        self.http.close()

    def __enter__(self) -> WeChatClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def secrets(self) -> list[str]:
        return self.auth.secrets()

    def token(self, *, force: bool = False) -> str:
        """The cached access token (fetched when absent or near expiry)."""
        return self.auth.token(force=force)

    @property
    def token_fetches(self) -> int:
        return self.auth.fetches

    def _read(self, data: dict, call: str, idempotent: bool) -> Fields:
        return Fields(data, Context(PLATFORM, call, idempotent, self.base_url))

    # -- the call loop (http.JsonApi) ---------------------------------------------------------

    def check(self, data: dict, call: str, idempotent: bool) -> None:
        raise_errcode(data, Context(PLATFORM, call, idempotent, self.base_url), self.secrets())

    def recovery(self) -> Callable[[PlatformError], bool]:
        return self.auth.recovery()

    # -- endpoints -----------------------------------------------------------------------

    def uploadimg(self, data: bytes, filename: str) -> str:
        """Upload an image for the article body; returns its WeChat URL."""
        if len(data) >= UPLOADIMG_MAX:
            raise Permanent(f"{PLATFORM} uploadimg：图片 {filename} 超过 1 MB。", call="uploadimg")
        result = self._call(
            "POST",
            "/cgi-bin/media/uploadimg",
            call="uploadimg",
            idempotent=True,  # a resend only leaves an unused image behind
            files={"media": (filename, data, mime(filename))},
        )
        return self._read(result, "uploadimg", True).url("url", required=True)

    def add_material(self, data: bytes, filename: str, kind: str = "thumb") -> tuple[str, str]:
        """Add a permanent material (the cover is ``thumb``); returns (media_id, url).

        A thumb is converted to a JPEG of at most 64 KB first (:mod:`.thumb`): the platform
        takes no other."""
        if kind == "thumb":
            data = thumb_jpeg(data, filename)
            filename = posixpath.splitext(posixpath.basename(filename))[0] + ".jpg"
        limit = THUMB_MAX if kind == "thumb" else MATERIAL_MAX
        if len(data) > limit:
            raise Permanent(
                f"{PLATFORM} add_material：封面图 {filename} 超过 {limit // 1024} KB。",
                call="add_material",
            )
        result = self._call(
            "POST",
            "/cgi-bin/material/add_material",
            call="add_material",
            params={"type": kind},
            idempotent=True,  # a resend only leaves an unused material behind
            files={"media": (filename, data, mime(filename))},
        )
        reply = self._read(result, "add_material", True)
        return reply.ident("media_id"), reply.url("url")

    def draft_add(self, articles: list[dict[str, Any]]) -> str:
        for article in articles:
            check_article(article)
        result = self._call(
            "POST",
            "/cgi-bin/draft/add",
            call="draft/add",
            idempotent=False,
            **utf8_json({"articles": articles}),
        )
        return self._read(result, "draft/add", False).ident("media_id")

    def draft_batchget(self, offset: int = 0, count: int = 20, no_content: int = 1) -> dict:
        """``{"total_count", "item": [{"media_id", "update_time", "content": {"news_item"}}]}``
        (each article's ``content`` too with ``no_content=0``)."""
        return self._batchget("draft/batchget", _draft, "media_id", offset, count, no_content)

    def iter_drafts(self, page: int = 20, no_content: int = 1) -> Iterator[dict]:
        return pages(lambda offset: self.draft_batchget(offset, page, no_content), "draft/batchget")

    def freepublish_submit(self, media_id: str) -> str:
        result = self._call(
            "POST",
            "/cgi-bin/freepublish/submit",
            call="freepublish/submit",
            idempotent=False,
            json={"media_id": media_id},
        )
        # a string or a number on the wire
        return self._read(result, "freepublish/submit", False).ident("publish_id", max_len=64)

    def freepublish_get(self, publish_id: str) -> dict:
        """``{"publish_id", "publish_status", "article_id", "article_detail": {"item":
        [{"idx", "article_url"}]}}``, every field checked (an article URL is https)."""
        data = self._call(
            "POST",
            "/cgi-bin/freepublish/get",
            call="freepublish/get",
            idempotent=True,
            json={"publish_id": publish_id},
        )
        reply = self._read(data, "freepublish/get", True)
        status = reply.integer("publish_status", lo=0, hi=max(STATUS_TEXT))
        detail = reply.obj("article_detail")
        items = [
            {
                "idx": item.integer("idx", lo=1, hi=8),
                "article_url": item.url("article_url", hosts=ARTICLE_HOSTS),
            }
            for item in detail.items("item", max_items=8)
        ]
        bind_links(items, "article_url", self.biz, reply.ctx, "article_detail.item")
        article_id = reply.ident("article_id", default="")
        if status == 0 and (not article_id or not items or not items[0]["article_url"]):
            raise reply.ctx.bad("article_id / article_detail", "发布成功却缺少文章标识或链接")
        if status in LIVE_EVENT_STATUSES and not article_id:  # went out, then gone: which?
            raise reply.ctx.bad("article_id", "称文章发出后被删除或封禁，却缺少文章标识")
        return {
            "publish_id": reply.ident("publish_id", max_len=64, default=publish_id),
            "publish_status": status,
            "article_id": article_id,
            "article_detail": {"count": len(items), "item": items},
        }

    def poll_publish(self, publish_id: str, *, interval: float = 1.0, max_polls: int = 60) -> dict:
        """Poll freepublish/get until a terminal status (anything but 1 'publishing').

        Raises Retryable when the job is still publishing after ``max_polls``: the caller
        keeps the publish_id and polls again on the next run (never resubmits).
        """
        for poll in range(max_polls):
            data = self.freepublish_get(publish_id)
            if data["publish_status"] != 1:
                return data
            if poll + 1 < max_polls:
                self.retry.sleep(interval)
        raise Retryable(
            f"{PLATFORM} freepublish/get：发布任务 {publish_id} 仍在发布中，下次运行继续查询。",
            platform=PLATFORM,
            call="freepublish/get",
        )

    def freepublish_delete(self, article_id: str, index: int = 0) -> None:
        self._call(
            "POST",
            "/cgi-bin/freepublish/delete",
            call="freepublish/delete",
            idempotent=True,  # deleting twice is harmless (the second says it is gone)
            json={"article_id": article_id, "index": index},
        )

    # -- 群发 (mass send): reaches the followers' message lists, under a quota -------------

    def mass_sendall(self, media_id: str, clientmsgid: str) -> dict[str, str]:
        """Send the draft ``media_id`` to every follower (``mpnews``); ``{"msg_id",
        "msg_data_id", "duplicate"}``. ``clientmsgid`` makes a resend within 24 hours
        answer 45065 with the first send's msg_id instead of going out twice."""
        try:
            result = self._call(
                "POST",
                "/cgi-bin/message/mass/sendall",
                call="message/mass/sendall",
                idempotent=False,
                **utf8_json(
                    {
                        "filter": {"is_to_all": True},
                        "mpnews": {"media_id": media_id},
                        "msgtype": "mpnews",
                        "send_ignore_reprint": 0,
                        "clientmsgid": clientmsgid,
                    }
                ),
            )
            duplicate = False
        except Duplicate as exc:
            result = getattr(exc, "reply", None) or {}
            if not result:
                raise
            duplicate = True
        reply = self._read(result, "message/mass/sendall", False)
        return {
            "msg_id": reply.ident("msg_id", max_len=32),
            "msg_data_id": reply.ident("msg_data_id", max_len=32, default=""),
            "duplicate": "1" if duplicate else "",
        }

    def mass_delete(self, msg_id: str, article_idx: int = 0) -> None:
        """Delete a mass send (every article with 0); irreversible, idempotent."""
        self._call(
            "POST",
            "/cgi-bin/message/mass/delete",
            call="message/mass/delete",
            idempotent=True,
            json={
                "msg_id": int(msg_id) if msg_id.isdigit() else msg_id,
                "article_idx": article_idx,
            },
        )

    def mass_get(self, msg_id: str) -> str:
        """The mass send's ``msg_status``: SEND_SUCCESS, SENDING, SEND_FAIL or DELETE."""
        result = self._call(
            "POST",
            "/cgi-bin/message/mass/get",
            call="message/mass/get",
            idempotent=True,
            json={"msg_id": int(msg_id) if msg_id.isdigit() else msg_id},
        )
        return self._read(result, "message/mass/get", True).ident("msg_status", max_len=32)

    def freepublish_batchget(self, offset: int = 0, count: int = 20, no_content: int = 1) -> dict:
        """``{"total_count", "item": [{"article_id", "update_time", "content": {"news_item",
        "create_time", "update_time"}}]}``, every field checked (URLs https)."""
        return self._batchget(
            "freepublish/batchget", _published, "article_id", offset, count, no_content
        )

    def _batchget(
        self,
        call: str,
        item: Callable[[Fields, bool], dict],
        ident: str,
        offset: int,
        count: int,
        no_content: int,
    ) -> dict:
        """One page of a ``batchget`` listing (drafts or published articles), each item read
        by ``item`` (with its articles' content when ``no_content`` is 0), bounded."""
        data = self._call(
            "POST",
            f"/cgi-bin/{call}",
            call=call,
            idempotent=True,
            json={"offset": offset, "count": count, "no_content": no_content},
            max_bytes=MAX_REPLY_BYTES if no_content else MAX_LISTING_BYTES,
        )
        reply = self._read(data, call, True)
        return self._bound(
            batch(reply, lambda content: item(content, not no_content), ident), reply
        )

    def _bound(self, page: dict, reply: Fields) -> dict:
        """A listing page whose every article link is the unit's own account's (``biz``)."""
        for index, job in enumerate(page["item"]):
            where = f"item[{index}].content.news_item"
            bind_links(job["content"]["news_item"], "url", self.biz, reply.ctx, where)
        return page

    def iter_published(self, page: int = 20, no_content: int = 1) -> Iterator[dict]:
        """Every published article job (``article_id``, ``content.news_item``, ``update_time``)."""
        return pages(
            lambda offset: self.freepublish_batchget(offset, page, no_content),
            "freepublish/batchget",
        )


def _draft(content: Fields, with_content: bool) -> dict[str, Any]:
    return {
        "news_item": [news(n, with_content) for n in content.items("news_item", max_items=NEWS_MAX)]
    }


def _published(content: Fields, with_content: bool) -> dict[str, Any]:
    return {
        "news_item": [
            news(n, with_content) for n in content.items("news_item", max_items=NEWS_MAX)
        ],
        "create_time": content.integer("create_time", hi=TIME_MAX, default=0),
        "update_time": content.integer("update_time", hi=TIME_MAX, default=0),
    }
