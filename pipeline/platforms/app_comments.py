"""The app's comments: ``…/comments``, ``…/comments/reply``, ``…/comments/hide``."""

from __future__ import annotations

from typing import Any

import httpx

from pipeline.platforms.app import AppClient
from pipeline.platforms.comments import (
    APP_PAGE,
    MAX_PAGES,
    AlreadyReplied,
    CommentGone,
    Comments,
    Raw,
    citizen_text,
    platform_time,
)
from pipeline.platforms.errors import (
    OperatorAction,
    PlatformError,
    Retryable,
)
from pipeline.platforms.http import json_body
from pipeline.platforms.replies import Context, Fields


class AppComments(Comments):
    """The unit's app (its own API, HMAC-signed like the push): ``…/comments``, through the
    app's client (:class:`~pipeline.platforms.app.AppClient`: signature, retries, timeouts)."""

    platform = "app"
    message_once = True  # a resent answer is recognised by the app
    message_to_user = False  # answered by the message's own id

    def __init__(self, client: AppClient, base: str) -> None:
        if not base:
            raise OperatorAction(
                "客户端：未配置 GOVMEDIA_APP_API 或 GOVMEDIA_APP_PUSH。", platform="客户端"
            )
        self.client = client
        self.base = base.rstrip("/")

    def _exchange(self, method: str, path: str, body: dict[str, Any] | None, call: str) -> dict:
        # an Uncertain answer may have taken effect: the caller reconciles
        return self.client.api(
            method, self.base + path, call, body, lambda response: self._result(response, call)
        )

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
        return self._since(cursor, "comments", "item_id")

    def _since(self, cursor: str, call: str, target_key: str) -> tuple[list[Raw], str]:
        """Every comment (or message: no ``target_key``) after ``cursor``, page by page of
        ``/<call>?since=<largest id seen>``; the new cursor is the largest id."""
        since = int(cursor or 0)
        found: list[Raw] = []
        for _ in range(MAX_PAGES):
            data = self._exchange("GET", f"/{call}?since={since}", None, call)
            page = list(Fields(data, Context("客户端", call)).items(call, max_items=APP_PAGE))
            for item in page:
                number = item.integer("id", lo=1, hi=2**63, digits_ok=True)
                found.append(
                    Raw(
                        platform_id=str(number),
                        target=item.ident(target_key, max_len=512) if target_key else "",
                        user=item.ident("user"),
                        text=citizen_text(item, "text"),
                        at=platform_time(item, "created_at"),
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

    def read_messages(self, cursor: str) -> tuple[list[Raw], str]:
        return self._since(cursor, "messages", "")

    def send_message(self, user: str, platform_id: str, text: str) -> str:
        data = self._exchange(
            "POST", "/messages/reply", {"id": platform_id, "text": text}, "messages/reply"
        )
        return Fields(data, Context("客户端", "messages/reply")).ident("id")

    def close(self) -> None:
        self.client.close()
