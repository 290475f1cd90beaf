"""WeChat Official Account client: token cache, images, cover, draft box, free publish.

Every call goes through :meth:`WeChatClient._call`, which adds the cached access token,
maps each ``errcode`` of platforms.md to a typed error (errors.py), refreshes the token
once on 40001/40014/42001, retries -1 with backoff, and never puts the appid secret or a
token into a message. Every field of every reply is read through
:mod:`pipeline.platforms.replies` (type, range, safe ids, https URLs) and each endpoint
returns only the checked fields. The token is fetched with ``POST /cgi-bin/stable_token`` (the secret
travels in the body, never in a URL) and refreshed when fewer than 5 minutes remain.
"""

from __future__ import annotations

import json
import posixpath
import threading
import time
from collections.abc import Callable, Iterator
from typing import Any

import httpx

from pipeline import redact
from pipeline.platforms.errors import (
    DailyQuota,
    Duplicate,
    OperatorAction,
    Permanent,
    PlatformError,
    Retryable,
    TokenExpired,
    Uncertain,
    UnknownOutcome,
    WaitWindow,
    scrub,
)
from pipeline.platforms.http import (
    MAX_LISTING_BYTES,
    MAX_REPLY_BYTES,
    RetryPolicy,
    json_body,
    make_client,
    send,
)
from pipeline.platforms.replies import Context, Fields
from pipeline.platforms.thumb import thumb_jpeg

PLATFORM = "微信公众号"
TOKEN_CODES = {40001, 40014, 42001}
REFRESH_MARGIN = 300.0  # refresh when fewer than 5 minutes remain

STATUS_TEXT = {
    0: "发布成功",
    1: "发布中",
    2: "原创校验未通过",
    3: "常规失败",
    4: "平台审核不通过",
    5: "成功后用户删除",
    6: "成功后被封禁",
}

# publish_status values that are events on a live post (it was published, then removed)
LIVE_EVENT_STATUSES = (5, 6)

# Limits checked before any call (platforms.md, draft/add).
TITLE_MAX = 32
AUTHOR_MAX = 16
DIGEST_MAX = 128
CONTENT_MAX = 20_000
CONTENT_MAX_BYTES = 1_000_000
SOURCE_URL_MAX_BYTES = 1024
UPLOADIMG_MAX = 1_000_000
THUMB_MAX = 64 * 1024
TOKEN_MAX = 1024
TOKEN_TTL_MAX = 30 * 86_400
TIME_MAX = 4_102_444_800  # 2100-01-01: a Unix time beyond it is not a WeChat time
PAGE_MAX = 100


TOKEN_CALLS = ("token", "stable_token")


def classify(code: int, errmsg: str, call: str, *, idempotent: bool = True) -> PlatformError:
    """The typed error for a WeChat ``errcode`` (platforms.md table and the official 全局返回码
    page, developers.weixin.qq.com/doc/offiaccount/Getting_Started/Global_Return_Code.html).

    Long because: one branch per documented errcode, kept in one place so the table reads whole.

    A code not listed here is :class:`UnknownOutcome`: never "refused" by guess. ``-1`` on a
    non-idempotent call (``draft/add``, ``freepublish/submit``, ``message/mass/sendall``)
    may have acted: :class:`Uncertain`, reconciled before any resend.
    """
    where = f"{PLATFORM} {call}"
    kw: dict[str, Any] = {"platform": PLATFORM, "call": call, "code": code}
    detail = f"（错误码 {code}：{errmsg}）" if errmsg else f"（错误码 {code}）"
    if code == -1:
        if not idempotent:
            return Uncertain(
                f"{where}：系统繁忙{detail}，平台可能已执行该请求：先与平台核对，不盲目重发。", **kw
            )
        return Retryable(f"{where}：系统繁忙，稍后重试{detail}。", **kw)
    if code in TOKEN_CODES and call in TOKEN_CALLS:
        # 40001 from the token endpoint itself: the AppSecret is wrong, not a stale token
        return OperatorAction(
            f"{where}：获取 access_token 被拒{detail}：AppSecret 错误或已重置，本渠道已停止，"
            "请管理员检查 GOVMEDIA_WECHAT_SECRET。",
            **kw,
        )
    if code in TOKEN_CODES:
        return TokenExpired(f"{where}：access_token 无效或已过期{detail}。", **kw)
    if code in (40013, 40125, 40243):
        return OperatorAction(
            f"{where}：AppID 或 AppSecret 无效或已冻结{detail}，请管理员检查配置"
            "（GOVMEDIA_WECHAT_APPID / GOVMEDIA_WECHAT_SECRET）。",
            **kw,
        )
    if code == 40164:
        return OperatorAction(
            f"{where}：调用方 IP 不在公众号的 IP 白名单中{detail}，请管理员在公众平台添加。", **kw
        )
    if code == 48001:
        return OperatorAction(f"{where}：该公众号未获得此接口权限{detail}，请管理员处理。", **kw)
    if code == 45009:
        return DailyQuota(
            f"{where}：今日接口调用次数已达上限{detail}，本渠道今日停止，下次运行继续。",
            retry_after=86_400.0,
            **kw,
        )
    if code == 45028:  # 群发: no quota left (message/mass/sendall)
        return DailyQuota(
            f"{where}：群发次数已用完{detail}，群发推迟到下一个配额周期，下次运行继续。",
            retry_after=86_400.0,
            **kw,
        )
    if code == 45011:
        return WaitWindow(
            f"{where}：超过每分钟调用频率限制{detail}，等待下一分钟。", retry_after=60.0, **kw
        )
    if code == 53500:
        return OperatorAction(
            f"{where}：公众号的发表功能已被封禁{detail}，本渠道已停止，请管理员在公众平台核查。",
            **kw,
        )
    if code == 53501:
        return WaitWindow(
            f"{where}：发表过于频繁{detail}，本渠道本次停止，下次运行继续。",
            retry_after=3600.0,
            **kw,
        )
    if code == 53502:
        return OperatorAction(
            f"{where}：平台不认识该发布任务（publish_id 无效）{detail}，请管理员在公众平台核查。",
            **kw,
        )
    if code in (53504, 53505):
        reason = {
            53504: "需前往公众平台网页端使用草稿",
            53505: "需在公众平台网页端手动保存草稿后再发表",
        }[code]
        return OperatorAction(
            f"{where}：{reason}{detail}：这需要在公众平台网页端操作，不是修改内容；本渠道已停止。",
            **kw,
        )
    if code == 45001:  # the permanent material cap (add_material)
        return OperatorAction(
            f"{where}：永久素材数量已达上限{detail}，请管理员在公众平台清理不用的素材。", **kw
        )
    if code == 45065:  # 群发: that clientmsgid already went out (exactly-once, see mass.py)
        return Duplicate(f"{where}：该群发已发送过（clientmsgid 相同）{detail}，不重发。", **kw)
    if code == 45066:  # 群发: a retry of the same clientmsgid within a minute
        return WaitWindow(
            f"{where}：相同群发重试过快{detail}，本次停止，下次运行核对。", retry_after=60.0, **kw
        )
    if code in (
        45002, 40007, 45166, 53503, 45003, 45004, 45110, 44003, 40113, 40009, 40006, 53600
    ):  # fmt: skip
        reason = {
            53600: "文章不存在或已删除",
            40113: "文件类型不受支持",
            40009: "图片大小不合要求",
            40006: "文件大小不合要求",
            45002: "内容超长",
            40007: "media_id 无效（封面须为永久素材）",
            45166: "内容不合规",
            53503: "草稿未通过发布检查",
            45003: "标题超长",
            45004: "摘要超长",
            45110: "作者超长",
            44003: "图文内容为空",
        }[code]
        return Permanent(f"{where}：{reason}{detail}，请修改内容后重新审核。", **kw)
    return UnknownOutcome(
        f"{where}：平台返回未知错误码{detail}，结果未知：下次运行先与平台核对，不按失败处理。",
        **kw,
    )


class WeChatClient:
    """One instance per run; thread-safe (the token cache is shared under a lock)."""

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
    ) -> None:
        if not appid or not secret:
            raise OperatorAction(
                f"{PLATFORM}：未配置 GOVMEDIA_WECHAT_APPID / GOVMEDIA_WECHAT_SECRET。",
                platform=PLATFORM,
            )
        kwargs = {"timeout": timeout} if timeout else {}
        self.http = make_client(base_url, transport=transport, **kwargs)
        self.base_url = base_url
        self._appid = appid
        self._secret = secret
        redact.register(secret)
        self.retry = retry or RetryPolicy.from_env()
        self.clock = clock
        self._token: str | None = None
        self._token_expires = 0.0
        self._lock = threading.Lock()
        self.token_fetches = 0

    def close(self) -> None:
        self.http.close()

    def __enter__(self) -> WeChatClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def secrets(self) -> list[str]:
        return [s for s in (self._secret, self._token) if s]

    # -- token -------------------------------------------------------------------------

    def token(self, *, force: bool = False, stale: str | None = None) -> str:
        """The cached access token, fetched when absent, near expiry or rejected."""
        with self._lock:
            if stale is not None and self._token != stale and self._token:
                return self._token  # another thread refreshed it already
            if not force and self._token and self.clock() < self._token_expires - REFRESH_MARGIN:
                return self._token
            token, ttl = self._fetch_token(force_refresh=False)
            if stale is not None and token == stale:
                # the platform still hands out the token it just refused: force a new one
                # (stable_token 强制刷新模式; limited per day, so only in this case)
                token, ttl = self._fetch_token(force_refresh=True)
            self._token = token
            self._token_expires = self.clock() + ttl
            self.token_fetches += 1
            return token

    def _fetch_token(self, *, force_refresh: bool) -> tuple[str, int]:
        data = self._plain(
            "POST",
            "/cgi-bin/stable_token",
            call="stable_token",
            json={
                "grant_type": "client_credential",
                "appid": self._appid,
                "secret": self._secret,
                "force_refresh": force_refresh,
            },
        )
        reply = Fields(data, self._ctx("stable_token", True))
        token = reply.ident("access_token", max_len=TOKEN_MAX)
        redact.register(token)  # scrubbed everywhere from now on, even if refused below
        ttl = reply.integer("expires_in", lo=0, hi=TOKEN_TTL_MAX, default=7200)
        return token, ttl

    def _plain(self, method: str, path: str, *, call: str, **kwargs: Any) -> dict:
        """A call without a token (the token endpoint itself), with retries."""
        for attempt in range(self.retry.attempts):
            try:
                response = send(
                    self.http, method, path, idempotent=True, platform=PLATFORM, call=call, **kwargs
                )
                data = json_body(
                    response, platform=PLATFORM, call=call, idempotent=True, error_key="errcode"
                )
                self._raise_errcode(data, call, idempotent=True)
                return data
            except Retryable:
                if attempt + 1 >= self.retry.attempts:
                    raise
                self.retry.sleep(self.retry.delay(attempt))
        raise AssertionError("unreachable")

    def _ctx(self, call: str, idempotent: bool) -> Context:
        return Context(PLATFORM, call, idempotent, self.base_url)

    def _raise_errcode(self, data: dict, call: str, *, idempotent: bool) -> None:
        """The typed error of a non-zero ``errcode`` (an integer, or the reply is refused)."""
        reply = Fields(data, self._ctx(call, idempotent))
        code = reply.integer("errcode", lo=-(2**31), hi=2**31, default=0)
        if code:
            message = scrub(reply.message("errmsg"), self.secrets())
            error = classify(code, message, call, idempotent=idempotent)
            if code == 45065:
                error.reply = data  # type: ignore[attr-defined]  # names the earlier send
            raise error

    def _read(self, data: dict, call: str, idempotent: bool) -> Fields:
        return Fields(data, self._ctx(call, idempotent))

    # -- the call loop -------------------------------------------------------------------

    def _call(
        self,
        method: str,
        path: str,
        *,
        call: str,
        idempotent: bool,
        **kwargs: Any,
    ) -> dict:
        refreshed = False
        attempt = 0
        extra = kwargs.pop("params", {})
        max_bytes = kwargs.pop("max_bytes", MAX_REPLY_BYTES)
        while True:
            token = self.token()
            try:
                response = send(
                    self.http,
                    method,
                    path,
                    idempotent=idempotent,
                    platform=PLATFORM,
                    call=call,
                    params={**extra, "access_token": token},
                    max_bytes=max_bytes,
                    **kwargs,
                )
                data = json_body(
                    response,
                    platform=PLATFORM,
                    call=call,
                    idempotent=idempotent,
                    error_key="errcode",
                )
                self._raise_errcode(data, call, idempotent=idempotent)
                return data
            except TokenExpired:
                if refreshed:
                    raise
                refreshed = True
                self.token(force=True, stale=token)
            except Uncertain:
                raise
            except (Retryable, WaitWindow) as exc:
                attempt += 1
                self.retry.pause(exc, attempt)

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
            files={"media": (filename, data, _mime(filename))},
        )
        return self._read(result, "uploadimg", True).url("url", required=True)

    def add_material(self, data: bytes, filename: str, kind: str = "thumb") -> tuple[str, str]:
        """Add a permanent material (the cover is ``thumb``); returns (media_id, url).

        A thumb is converted to a JPEG of at most 64 KB first (:mod:`.thumb`): the platform
        takes no other."""
        if kind == "thumb":
            data = thumb_jpeg(data, filename)
            filename = posixpath.splitext(posixpath.basename(filename))[0] + ".jpg"
        limit = THUMB_MAX if kind == "thumb" else 10 * 1024 * 1024
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
            files={"media": (filename, data, _mime(filename))},
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

    def draft_batchget(self, offset: int = 0, count: int = 20) -> dict:
        """``{"total_count", "item": [{"media_id", "update_time", "content": {"news_item"}}]}``."""
        data = self._call(
            "POST",
            "/cgi-bin/draft/batchget",
            call="draft/batchget",
            idempotent=True,
            json={"offset": offset, "count": count, "no_content": 1},
        )
        reply = self._read(data, "draft/batchget", True)
        items = []
        for item in reply.items("item", max_items=PAGE_MAX):
            content = item.obj("content")
            items.append(
                {
                    "media_id": item.ident("media_id"),
                    "update_time": item.integer("update_time", hi=TIME_MAX, default=0),
                    "content": {"news_item": [_news(n, False) for n in content.items("news_item")]},
                }
            )
        return {"total_count": reply.integer("total_count", default=len(items)), "item": items}

    def iter_drafts(self, page: int = 20) -> Iterator[dict]:
        offset = 0
        while True:
            data = self.draft_batchget(offset, page)
            items = data.get("item") or []
            yield from items
            offset += len(items)
            if not items or offset >= data["total_count"]:
                return

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
            {"idx": item.integer("idx", lo=1, hi=8), "article_url": item.url("article_url")}
            for item in detail.items("item", max_items=8)
        ]
        article_id = reply.ident("article_id", default="")
        if status == 0 and (not article_id or not items or not items[0]["article_url"]):
            raise reply.ctx.bad("article_id / article_detail", "发布成功却缺少文章标识或链接")
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
        data = self._call(
            "POST",
            "/cgi-bin/freepublish/batchget",
            call="freepublish/batchget",
            idempotent=True,
            json={"offset": offset, "count": count, "no_content": no_content},
            max_bytes=MAX_REPLY_BYTES if no_content else MAX_LISTING_BYTES,
        )
        reply = self._read(data, "freepublish/batchget", True)
        items = []
        for item in reply.items("item", max_items=PAGE_MAX):
            content = item.obj("content")
            items.append(
                {
                    "article_id": item.ident("article_id"),
                    "update_time": item.integer("update_time", hi=TIME_MAX, default=0),
                    "content": {
                        "news_item": [
                            _news(n, not no_content)
                            for n in content.items("news_item", max_items=8)
                        ],
                        "create_time": content.integer("create_time", hi=TIME_MAX, default=0),
                        "update_time": content.integer("update_time", hi=TIME_MAX, default=0),
                    },
                }
            )
        return {"total_count": reply.integer("total_count", default=len(items)), "item": items}

    def iter_published(self, page: int = 20, no_content: int = 1) -> Iterator[dict]:
        """Every published article job (``article_id``, ``content.news_item``, ``update_time``)."""
        offset = 0
        while True:
            data = self.freepublish_batchget(offset, page, no_content)
            items = data.get("item") or []
            yield from items
            offset += len(items)
            if not items or offset >= data["total_count"]:
                return


def _news(item: Fields, with_content: bool) -> dict[str, Any]:
    """One article of a draft or a published job, checked field by field."""
    news: dict[str, Any] = {
        "title": item.text("title", max_len=256),
        "author": item.text("author", max_len=256),
        "digest": item.text("digest", max_len=1024),
        # compared with what was sent, never stored nor rendered
        "content_source_url": item.text("content_source_url", max_len=4096),
        "thumb_media_id": item.ident("thumb_media_id", default=""),
        "url": item.url("url"),
        "is_deleted": item.boolean("is_deleted"),
    }
    if with_content:
        news["content"] = item.text("content", max_len=CONTENT_MAX_BYTES)
    return news


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


def utf8_json(payload: object) -> dict[str, Any]:
    """Request keywords for a JSON body in plain UTF-8: WeChat stores ``\\uXXXX`` escapes
    literally, so Chinese text is never escaped (``ensure_ascii=False``), whatever the
    httpx version does by default."""
    return {
        "content": json.dumps(payload, ensure_ascii=False).encode("utf-8"),
        "headers": {"Content-Type": "application/json; charset=utf-8"},
    }


def _mime(filename: str) -> str:
    lower = filename.lower()
    if lower.endswith(".png"):
        return "image/png"
    if lower.endswith(".gif"):
        return "image/gif"
    return "image/jpeg"
