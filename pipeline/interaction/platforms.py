"""The interaction calls of each platform, over the existing typed clients (platforms.md,
"Interaction"). Every reply from a platform is read field by field (``Fields``): a malformed
answer is a PlatformError naming the field, never a crash and never a half-read batch.

``Raw`` is one comment as the platform gives it, before privacy.py minimises it.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import httpx

from pipeline.platforms.app import SIGNATURE_HEADER, TIMESTAMP_HEADER, sign
from pipeline.platforms.errors import (
    OperatorAction,
    PlatformError,
    Retryable,
    Uncertain,
    WaitWindow,
)
from pipeline.platforms.http import RetryPolicy, json_body, make_client, send
from pipeline.platforms.replies import Context, Fields
from pipeline.platforms.settings import Settings
from pipeline.platforms.wechat import WeChatClient
from pipeline.platforms.weibo import WeiboClient

CST = dt.timezone(dt.timedelta(hours=8))
WEIBO_PAGE = 200
APP_PAGE = 200
WECHAT_PAGE = 50
MAX_PAGES = 500


class CommentGone(PlatformError):
    """The comment no longer exists on the platform (its author deleted it)."""


class AlreadyReplied(PlatformError):
    """The platform already holds a reply to this comment (one reply per comment)."""


@dataclass(frozen=True)
class Raw:
    platform_id: str
    target: str
    user: str
    text: str
    at: dt.datetime
    replied: bool = False


class Channel:
    """One account's interaction API: list new comments since a cursor, reply, hide."""

    platform = ""

    def read(self, cursor: str) -> tuple[list[Raw], str]:
        raise NotImplementedError

    def reply(self, raw_target: str, platform_id: str, text: str) -> str:
        raise NotImplementedError

    def hide(self, raw_target: str, platform_id: str) -> None:
        raise NotImplementedError

    def repost(self, source_id: str, text: str) -> str:
        raise OperatorAction(f"{self.platform}：平台没有转发接口，请在平台上手动转发。")

    def close(self) -> None:
        return None


class WeChatChannel(Channel):
    platform = "wechat"

    def __init__(self, client: WeChatClient) -> None:
        self.client = client

    def read(self, cursor: str) -> tuple[list[Raw], str]:
        """Every comment on every published article (re-listed: the inbox folds repeats);
        the cursor is the newest comment time seen, for the operator."""
        found: list[Raw] = []
        for job in self.client.iter_published():
            article = str(job["article_id"])
            begin = 0
            for _ in range(MAX_PAGES):
                data = self.client._call(
                    "POST",
                    "/cgi-bin/comment/list",
                    call="comment/list",
                    idempotent=True,
                    json={
                        "msg_data_id": article,
                        "index": 1,
                        "begin": begin,
                        "count": WECHAT_PAGE,
                        "type": 0,
                    },
                )
                reply = Fields(data, Context("微信公众号", "comment/list"))
                page = list(reply.items("comment", max_items=WECHAT_PAGE))
                for item in page:
                    found.append(
                        Raw(
                            platform_id=str(item.integer("user_comment_id", lo=0, hi=2**63)),
                            target=article,
                            user=item.ident("openid"),
                            text=item.text("content", max_len=2000),
                            at=_epoch(item.integer("create_time", lo=0, hi=2**40)),
                            replied=item.has("reply"),
                        )
                    )
                begin += len(page)
                if len(page) < WECHAT_PAGE:
                    break
        newest = max((r.at for r in found), default=None)
        return found, newest.isoformat() if newest else cursor

    def reply(self, raw_target: str, platform_id: str, text: str) -> str:
        try:
            self.client._call(
                "POST",
                "/cgi-bin/comment/reply/add",
                call="comment/reply/add",
                idempotent=False,
                json={
                    "msg_data_id": raw_target,
                    "index": 1,
                    "user_comment_id": int(platform_id),
                    "content": text,
                },
            )
        except PlatformError as exc:
            if exc.code == 88008:
                raise CommentGone(str(exc), platform=exc.platform, code=exc.code) from None
            if exc.code == 88009:
                raise AlreadyReplied(str(exc), platform=exc.platform, code=exc.code) from None
            raise
        return platform_id

    def hide(self, raw_target: str, platform_id: str) -> None:
        try:
            self.client._call(
                "POST",
                "/cgi-bin/comment/delete",
                call="comment/delete",
                idempotent=True,
                json={"msg_data_id": raw_target, "index": 1, "user_comment_id": int(platform_id)},
            )
        except PlatformError as exc:
            if exc.code == 88008:
                raise CommentGone(str(exc), platform=exc.platform, code=exc.code) from None
            raise

    def close(self) -> None:
        self.client.close()


class WeiboChannel(Channel):
    platform = "weibo"

    def __init__(self, client: WeiboClient) -> None:
        self.client = client

    def read(self, cursor: str) -> tuple[list[Raw], str]:
        since = int(cursor or 0)
        found: list[Raw] = []
        max_id = 0
        for _ in range(MAX_PAGES):
            params: dict[str, Any] = {"since_id": since, "count": WEIBO_PAGE}
            if max_id:
                params["max_id"] = max_id
            data = self.client._call(
                "GET",
                "/2/comments/to_me.json",
                call="comments/to_me",
                idempotent=True,
                params=params,
            )
            reply = Fields(data, Context("微博", "comments/to_me"))
            page = list(reply.items("comments", max_items=WEIBO_PAGE))
            first = len(found)
            for item in page:
                found.append(
                    Raw(
                        platform_id=str(item.integer("id", lo=1, hi=2**63, digits_ok=True)),
                        target=str(
                            item.obj("status", required=True).integer(
                                "id", lo=1, hi=2**63, digits_ok=True
                            )
                        ),
                        user=str(
                            item.obj("user", required=True).integer(
                                "id", lo=1, hi=2**63, digits_ok=True
                            )
                        ),
                        text=item.text("text", max_len=2000),
                        at=_weibo_time(item, item.text("created_at", max_len=64)),
                    )
                )
            if len(page) < WEIBO_PAGE:
                break
            # the next page: older than the oldest of this one (not of everything read: O(n²))
            max_id = min(int(r.platform_id) for r in found[first:]) - 1
        newest = max((int(r.platform_id) for r in found), default=since)
        return found, str(newest)

    def reply(self, raw_target: str, platform_id: str, text: str) -> str:
        try:
            data = self.client._call(
                "POST",
                "/2/comments/reply.json",
                call="comments/reply",
                idempotent=False,
                data={"cid": platform_id, "id": raw_target, "comment": text},
            )
        except PlatformError as exc:
            if exc.code == 20101:
                raise CommentGone(str(exc), platform=exc.platform, code=exc.code) from None
            raise
        reply = Fields(data, Context("微博", "comments/reply"))
        return str(reply.integer("id", lo=1, hi=2**63, digits_ok=True))

    def repost(self, source_id: str, text: str) -> str:
        data = self.client._call(
            "POST",
            "/2/statuses/repost.json",
            call="statuses/repost",
            idempotent=False,
            data={"id": source_id, "status": text, "is_comment": 0},
        )
        reply = Fields(data, Context("微博", "statuses/repost"))
        return str(reply.integer("id", lo=1, hi=2**63, digits_ok=True))

    def hide(self, raw_target: str, platform_id: str) -> None:
        self.client._call(
            "POST",
            "/2/comments/destroy_batch/own/biz.json",
            call="comments/destroy_batch",
            idempotent=True,
            data={"cids": platform_id},
        )

    def close(self) -> None:
        self.client.close()


class AppChannel(Channel):
    """The unit's app (its own API, HMAC-signed like the push): ``…/comments``."""

    platform = "app"

    def __init__(
        self,
        base: str,
        key: str,
        *,
        transport: httpx.BaseTransport | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        if not base or not key:
            raise OperatorAction(
                "客户端：未配置 GOVMEDIA_APP_PUSH 或 GOVMEDIA_APP_HMAC_KEY。", platform="客户端"
            )
        self.base = base.rstrip("/")
        self.http = make_client("", transport=transport)
        self._key = key
        self.clock = clock
        self.retry = RetryPolicy.from_env()

    def _exchange(self, method: str, path: str, body: dict[str, Any] | None, call: str) -> dict:
        content = json.dumps(body, ensure_ascii=False).encode() if body is not None else b""
        url = self.base + path
        signed = content if body is not None else httpx.URL(url).path.encode()
        attempt = 0
        while True:
            stamp = str(int(self.clock()))
            headers = {TIMESTAMP_HEADER: stamp, SIGNATURE_HEADER: sign(self._key, stamp, signed)}
            if body is not None:
                headers["Content-Type"] = "application/json; charset=utf-8"
            try:
                response = send(
                    self.http,
                    method,
                    url,
                    idempotent=method == "GET",
                    platform="客户端",
                    call=call,
                    content=content or None,
                    headers=headers,
                )
                return self._result(response, call)
            except Uncertain:
                raise  # the request may have taken effect: the caller reconciles
            except (Retryable, WaitWindow) as exc:
                attempt += 1
                self.retry.pause(exc, attempt)

    def _result(self, response: httpx.Response, call: str) -> dict:
        status = response.status_code
        kw: dict[str, Any] = {"platform": "客户端", "call": call, "code": status}
        if status in (401, 403):
            raise OperatorAction(
                f"客户端 {call}：签名被拒绝（HTTP {status}），请管理员核对 GOVMEDIA_APP_HMAC_KEY。",
                **kw,
            )
        if status == 404:
            raise CommentGone(f"客户端 {call}：留言已不存在（作者已删除）。", **kw)
        if status == 409:
            raise AlreadyReplied(f"客户端 {call}：该留言已有回复。", **kw)
        if status >= 500:
            raise Retryable(f"客户端 {call}：服务端错误（HTTP {status}）。", **kw)
        if status >= 400:
            raise PlatformError(f"客户端 {call}：请求被拒绝（HTTP {status}）。", **kw)
        return json_body(response, platform="客户端", call=call, idempotent=True)

    def read(self, cursor: str) -> tuple[list[Raw], str]:
        since = int(cursor or 0)
        found: list[Raw] = []
        for _ in range(MAX_PAGES):
            data = self._exchange("GET", f"/comments?since={since}", None, "comments")
            reply = Fields(data, Context("客户端", "comments"))
            page = list(reply.items("comments", max_items=APP_PAGE))
            for item in page:
                number = item.integer("id", lo=1, hi=2**63, digits_ok=True)
                found.append(
                    Raw(
                        platform_id=str(number),
                        target=item.ident("item_id", max_len=512),
                        user=item.ident("user"),
                        text=item.text("text", max_len=2000),
                        at=_epoch(item.integer("created_at", lo=0, hi=2**40)),
                        replied=item.boolean("replied"),
                    )
                )
                since = max(since, number)
            if len(page) < APP_PAGE:
                break
        return found, str(since)

    def reply(self, raw_target: str, platform_id: str, text: str) -> str:
        data = self._exchange("POST", "/comments/reply", {"id": platform_id, "text": text}, "reply")
        return Fields(data, Context("客户端", "reply")).ident("id")

    def hide(self, raw_target: str, platform_id: str) -> None:
        self._exchange("POST", "/comments/hide", {"id": platform_id}, "hide")

    def close(self) -> None:
        self.http.close()


def open_channel(platform: str, settings: Settings, env: dict[str, str]) -> Channel:
    """The interaction API of ``platform`` with the unit's configured credentials."""
    if platform == "wechat":
        return WeChatChannel(
            WeChatClient(settings.wechat_api, settings.wechat_appid, settings.wechat_secret)
        )
    if platform == "weibo":
        return WeiboChannel(WeiboClient(settings.weibo_api, settings.weibo_token))
    if platform == "app":
        base = env.get("GOVMEDIA_APP_API", "")
        if not base and settings.app_push:
            base = settings.app_push.rstrip("/").rsplit("/", 1)[0]
        return AppChannel(base, settings.app_hmac_key)
    raise OperatorAction(f"平台 {platform} 没有互动接口。", platform=platform)


def _epoch(seconds: int) -> dt.datetime:
    return dt.datetime.fromtimestamp(seconds, CST)


_MONTHS = {
    m: i
    for i, m in enumerate(
        ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"], 1
    )
}
_WEIBO_TIME_RE = re.compile(
    r"^[A-Z][a-z]{2} ([A-Z][a-z]{2}) (\d{2}) (\d{2}):(\d{2}):(\d{2}) ([+-])(\d{2})(\d{2}) (\d{4})$"
)


def _weibo_time(item: Fields, text: str) -> dt.datetime:
    """``Tue Dec 01 09:30:00 +0800 2026`` (strptime is slow at 10,000 comments a run)."""
    try:
        return _parse_weibo_time(text)
    except (ValueError, KeyError):
        raise item.ctx.bad("created_at", "不是微博的时间格式") from None


@functools.lru_cache(maxsize=4096)
def _parse_weibo_time(text: str) -> dt.datetime:
    """Cached: a page of comments shares few distinct seconds."""
    m = _WEIBO_TIME_RE.match(text)
    if m is None:
        raise ValueError(text)
    month, day, hh, mm, ss, sign, oh, om, year = m.groups()
    offset = dt.timedelta(hours=int(oh), minutes=int(om)) * (1 if sign == "+" else -1)
    return dt.datetime(
        int(year), _MONTHS[month], int(day), int(hh), int(mm), int(ss), tzinfo=dt.timezone(offset)
    )
