"""The unit's app: a signed push of the post's JSON Feed item to a configured endpoint.

Request: ``POST <GOVMEDIA_APP_PUSH>`` with a JSON body
``{"type": "item" | "retraction", "item": {...JSON Feed 1.1 item...}}`` and headers

- ``X-Govmedia-Timestamp``: Unix time in seconds (the app refuses skews over 300 s);
- ``X-Govmedia-Signature``: ``sha256=`` + hex HMAC-SHA256 over ``"<timestamp>.<body>"``
  with the shared key ``GOVMEDIA_APP_HMAC_KEY`` (the body exactly as sent, UTF-8);
- ``Idempotency-Key``: ``<slug>:<blob>`` (``retract:`` prefixed for retractions); the app
  keeps the first delivery per key, so a resend after a crash is never a second delivery.

Answer: ``{"id": "...", "duplicate": bool}`` (checked: a safe id, a boolean; any other
answer is BadReply). HTTP 401 bad signature → OperatorAction,
429 → WaitWindow (``Retry-After``), 5xx → Retryable, other 4xx → Permanent.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import time
from collections.abc import Callable
from typing import Any

import httpx

from pipeline import redact
from pipeline.platforms.errors import (
    OperatorAction,
    Permanent,
    Retryable,
    WaitWindow,
)
from pipeline.platforms.http import RetryPolicy, json_body, make_client, retry_after, send
from pipeline.platforms.replies import Context, Fields

PLATFORM = "客户端"
SIGNATURE_HEADER = "X-Govmedia-Signature"
TIMESTAMP_HEADER = "X-Govmedia-Timestamp"
KEY_HEADER = "Idempotency-Key"
MAX_SKEW = 300


def sign(key: str, timestamp: str, body: bytes) -> str:
    mac = hmac.new(key.encode(), timestamp.encode() + b"." + body, hashlib.sha256)
    return "sha256=" + mac.hexdigest()


def verify(key: str, timestamp: str, body: bytes, signature: str, *, now: float) -> bool:
    """The app's side: a fresh timestamp and a matching signature (constant-time compare)."""
    try:
        if abs(now - int(timestamp)) > MAX_SKEW:
            return False
    except ValueError:
        return False
    return hmac.compare_digest(sign(key, timestamp, body), signature)


class AppClient:
    def __init__(
        self,
        push_url: str,
        key: str,
        *,
        transport: httpx.BaseTransport | None = None,
        retry: RetryPolicy | None = None,
        clock: Callable[[], float] = time.time,
        timeout: httpx.Timeout | None = None,
    ) -> None:
        if not key:
            raise OperatorAction(f"{PLATFORM}：未配置 GOVMEDIA_APP_HMAC_KEY。", platform=PLATFORM)
        kwargs = {"timeout": timeout} if timeout else {}
        self.push_url = push_url
        self.http = make_client("", transport=transport, **kwargs)
        self._key = key
        redact.register(key)
        self.retry = retry or RetryPolicy.from_env()
        self.clock = clock

    def close(self) -> None:
        self.http.close()

    def secrets(self) -> list[str]:
        return [self._key]

    def push(self, payload: dict[str, Any], idempotency_key: str) -> dict:
        """Deliver ``payload``; safe to resend with the same key (idempotent on the app)."""
        body = json.dumps(payload, ensure_ascii=False, sort_keys=True).encode("utf-8")
        attempt = 0
        while True:
            timestamp = str(int(self.clock()))
            headers = {
                "Content-Type": "application/json; charset=utf-8",
                TIMESTAMP_HEADER: timestamp,
                SIGNATURE_HEADER: sign(self._key, timestamp, body),
                KEY_HEADER: idempotency_key,
            }
            try:
                response = send(
                    self.http,
                    "POST",
                    self.push_url,
                    idempotent=True,
                    platform=PLATFORM,
                    call="push",
                    content=body,
                    headers=headers,
                )
                return self._result(response)
            except (Retryable, WaitWindow) as exc:
                attempt += 1
                self.retry.pause(exc, attempt)

    def _result(self, response: httpx.Response) -> dict:
        status = response.status_code
        kw: dict[str, Any] = {"platform": PLATFORM, "call": "push", "code": status}
        if status in (200, 201):
            data = json_body(response, platform=PLATFORM, call="push", idempotent=True)
            reply = Fields(data, Context(PLATFORM, "push"))
            return {"id": reply.ident("id"), "duplicate": reply.boolean("duplicate")}
        if status in (401, 403):
            raise OperatorAction(
                f"{PLATFORM} 推送：签名或时间戳被拒绝（HTTP {status}），请管理员核对 "
                "GOVMEDIA_APP_HMAC_KEY 与服务器时钟。",
                **kw,
            )
        if status == 429:
            raise WaitWindow(
                f"{PLATFORM} 推送：频率受限（HTTP 429），等待后重试。",
                retry_after=retry_after(response.headers),
                **kw,
            )
        if status >= 500:
            raise Retryable(f"{PLATFORM} 推送：服务端错误（HTTP {status}）。", **kw)
        raise Permanent(f"{PLATFORM} 推送：请求被拒绝（HTTP {status}）。", **kw)

    def list_page(self, url: str) -> dict[str, Any]:
        """One page of the app's item list (GET, signed over an empty body)."""
        attempt = 0
        while True:
            stamp = str(int(self.clock()))
            headers = {TIMESTAMP_HEADER: stamp, SIGNATURE_HEADER: sign(self._key, stamp, b"")}
            try:
                response = send(
                    self.http, "GET", url, idempotent=True, platform=PLATFORM, call="items",
                    headers=headers,
                )  # fmt: skip
                return self._page(response)
            except Retryable:
                attempt += 1
                if attempt >= self.retry.attempts:
                    raise
                self.retry.sleep(self.retry.delay(attempt - 1))

    def _page(self, response: httpx.Response) -> dict[str, Any]:
        status = response.status_code
        if status in (401, 403):
            raise OperatorAction(
                f"{PLATFORM} 内容列表：签名被拒绝（HTTP {status}），请核对 GOVMEDIA_APP_HMAC_KEY。",
                platform=PLATFORM,
                call="items",
                code=status,
            )
        if status == 429:
            raise WaitWindow(
                f"{PLATFORM} 内容列表：频率受限（HTTP 429），下次运行再核对。",
                platform=PLATFORM,
                call="items",
                retry_after=retry_after(response.headers),
            )
        return json_body(response, platform=PLATFORM, call="items", idempotent=True)
