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

The app's interaction API (comments and messages, ``app_comments.py``) goes through the
same client (:meth:`AppClient.api`): one signature, retry policy and timeout for the app.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import time
from collections.abc import Callable, Generator
from typing import Any

import httpx

from pipeline import redact
from pipeline.platforms.errors import (
    OperatorAction,
    Permanent,
    Retryable,
    WaitWindow,
)
from pipeline.platforms.http import (
    RetryPolicy,
    json_body,
    make_client,
    retry_after,
    retrying,
    send,
)
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


class AppSignature(httpx.Auth):
    """The app's HMAC on every request: ``X-Govmedia-Timestamp`` (now) and
    ``X-Govmedia-Signature`` over ``"<timestamp>.<signed>"``, where ``signed`` is the body
    as sent, and for a GET the URL's path (``sign_path``, the interaction API) or nothing
    (the item list)."""

    requires_request_body = True

    def __init__(self, key: str, clock: Callable[[], float], *, sign_path: bool) -> None:
        self._key = key
        self.clock = clock
        self.sign_path = sign_path

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        if request.method != "GET":
            signed = request.content
        else:
            signed = request.url.path.encode() if self.sign_path else b""
        stamp = str(int(self.clock()))
        request.headers[TIMESTAMP_HEADER] = stamp
        request.headers[SIGNATURE_HEADER] = sign(self._key, stamp, signed)
        yield request


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
        self.auth = AppSignature(key, clock, sign_path=False)
        self.api_auth = AppSignature(key, clock, sign_path=True)

    def close(self) -> None:
        self.http.close()

    def secrets(self) -> list[str]:
        return [self._key]

    def push(self, payload: dict[str, Any], idempotency_key: str) -> dict:
        """Deliver ``payload``; safe to resend with the same key (idempotent on the app)."""
        body = json.dumps(payload, ensure_ascii=False, sort_keys=True).encode("utf-8")
        headers = {"Content-Type": "application/json; charset=utf-8", KEY_HEADER: idempotency_key}
        return retrying(
            lambda: self._result(self._send("POST", self.push_url, "push", body, headers)),
            self.retry,
            never=(),  # an idempotent push: every transient failure is resent
        )

    def api(
        self,
        method: str,
        url: str,
        call: str,
        body: dict[str, Any] | None,
        result: Callable[[httpx.Response], dict],
    ) -> dict:
        """One call of the app's interaction API (comments, messages): ``body`` as JSON
        (None: a GET, signed over the URL's path), the answer read by ``result`` and retried
        as the policy says. Only a GET is idempotent: an Uncertain POST may have taken
        effect, so it is raised for the caller to reconcile."""
        content = json.dumps(body, ensure_ascii=False).encode() if body is not None else None
        headers = {"Content-Type": "application/json; charset=utf-8"} if body is not None else {}
        idempotent = method == "GET"

        def once() -> dict:
            sent = self._send(
                method, url, call, content, headers, idempotent=idempotent, sign_path=True
            )
            return result(sent)

        return retrying(once, self.retry)

    def _send(
        self,
        method: str,
        url: str,
        call: str,
        body: bytes | None,
        headers: dict[str, str],
        *,
        idempotent: bool = True,
        sign_path: bool = False,
    ) -> httpx.Response:
        return send(
            self.http,
            method,
            url,
            idempotent=idempotent,
            platform=PLATFORM,
            call=call,
            content=body,
            headers=headers,
            auth=self.api_auth if sign_path else self.auth,
        )

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
        return retrying(
            lambda: self._page(self._send("GET", url, "items", None, {})),
            self.retry,
            retry_on=(Retryable,),  # a rate window ends the listing: the next run checks
            never=(),
        )

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
