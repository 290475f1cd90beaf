"""Shared HTTP plumbing for the platform clients: timeouts, retries, bounded replies.

A reply is read with a size limit (``max_bytes``; a larger one is refused before it is
held in memory), must say it is JSON (``application/json``, or ``text/plain`` that WeChat
sends for some calls) and must parse as one strict JSON object (no ``NaN``, no absurd
nesting). Anything else is a typed error whose message never quotes the body.
"""

from __future__ import annotations

import json
import math
import random
import time
from abc import ABC, abstractmethod
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

import httpx

from pipeline import envvars
from pipeline.platforms import deadline
from pipeline.platforms.errors import (
    DailyQuota,
    PlatformError,
    Retryable,
    Uncertain,
    UnknownOutcome,
    WaitWindow,
)
from pipeline.platforms.replies import Context
from pipeline.platforms.tls import SchemeTransport

# Explicit timeouts for every call (seconds): connect, read, write, pool.
DEFAULT_TIMEOUT = httpx.Timeout(connect=5.0, read=20.0, write=20.0, pool=5.0)
USER_AGENT = "govmedia/0.1 (+publishing pipeline)"
MAX_REPLY_BYTES = 4 * 1024 * 1024  # every reply but the listings with content
MAX_LISTING_BYTES = 32 * 1024 * 1024  # 20 WeChat jobs x 8 articles x 20,000 characters
JSON_TYPES = ("application/json", "text/json", "text/plain")
MAX_RETRY_AFTER = 86_400.0

T = TypeVar("T")


@dataclass
class RetryPolicy:
    """Backoff for Retryable errors and the longest WaitWindow waited inside one call."""

    attempts: int = 4
    base_delay: float = 0.5
    max_delay: float = 8.0
    max_window_wait: float = 0.0  # 0: never wait for a rate window inside a run
    sleep: Callable[[float], None] = time.sleep

    def delay(self, attempt: int) -> float:
        raw = min(self.max_delay, self.base_delay * (2**attempt))
        return raw * (0.5 + random.random() / 2)

    def pause(self, exc: PlatformError, attempt: int) -> None:
        """Wait before retry number ``attempt`` (1-based) after ``exc``, or re-raise it when
        the policy says stop: too many attempts, a daily quota, a window too long to wait."""
        if isinstance(exc, WaitWindow):
            if isinstance(exc, DailyQuota) or exc.retry_after > self.max_window_wait:
                raise exc
            if attempt >= self.attempts:
                raise exc
            self.sleep(exc.retry_after)
            return
        if attempt >= self.attempts:
            raise exc
        self.sleep(max(self.delay(attempt - 1), min(exc.retry_after, self.max_delay)))

    @classmethod
    def from_env(cls) -> RetryPolicy:
        """``GOVMEDIA_RETRY_BASE`` (seconds) lets tests and benchmarks shorten the backoff."""
        base = envvars.number("GOVMEDIA_RETRY_BASE", 0.5, maximum=600)
        wait = envvars.number("GOVMEDIA_MAX_WINDOW_WAIT", 0.0)
        return cls(base_delay=base, max_delay=max(base, base * 16), max_window_wait=wait)


def make_client(
    base_url: str,
    *,
    transport: httpx.BaseTransport | None = None,
    timeout: httpx.Timeout = DEFAULT_TIMEOUT,
) -> httpx.Client:
    """An httpx client with explicit timeouts; ``transport`` can be swapped (tests, proxies).

    The default transport builds a TLS context only for https, once per process (tls.py)."""
    return httpx.Client(
        base_url=base_url.rstrip("/"),
        timeout=timeout,
        transport=transport if transport is not None else SchemeTransport(),
        headers={"User-Agent": USER_AGENT},
        trust_env=False,
    )


def send(
    client: httpx.Client,
    method: str,
    path: str,
    *,
    idempotent: bool,
    platform: str,
    call: str,
    max_bytes: int = MAX_REPLY_BYTES,
    auth: httpx.Auth | None = None,
    **kwargs: object,
) -> httpx.Response:
    """One HTTP exchange; transport failures become Retryable or Uncertain (never secrets).

    A failure before anything was sent (connect) is always safe to retry; after the
    request went out (read timeout, dropped connection, the exchange's deadline passed)
    the outcome is unknown, so a non-idempotent call raises :class:`Uncertain` and the
    caller reconciles.
    """
    try:
        request = client.build_request(method, path, **kwargs)  # type: ignore[arg-type]
        with deadline.exchange():  # the whole answer, however slowly it comes (deadline.py)
            response = client.send(request, stream=True, auth=auth)
            try:
                body = _read_bounded(response, max_bytes)
            finally:
                response.close()
        if body is None:
            ctx = Context(platform, call, idempotent)
            raise ctx.bad("（应答正文）", f"超过 {max_bytes // (1024 * 1024)} MB，已拒收")
        return httpx.Response(
            response.status_code, headers=response.headers, content=body, request=request
        )
    except (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout) as exc:
        raise Retryable(
            f"{platform} {call}：无法连接平台接口（{type(exc).__name__}）。",
            platform=platform,
            call=call,
        ) from None
    except httpx.TransportError as exc:
        cls = Retryable if idempotent else Uncertain
        raise cls(
            f"{platform} {call}：请求已发出但未收到完整应答（{type(exc).__name__}），结果未知。",
            platform=platform,
            call=call,
        ) from None


class JsonApi(ABC):
    """A platform API that answers JSON objects with an error code (``error_key``): each
    call is one :func:`send`, :func:`json_body` and :meth:`check` (which raises the
    classified error), inside the one retry loop :func:`retrying`."""

    platform = ""
    error_key = ""
    retry_on: tuple[type[PlatformError], ...] = (Retryable, WaitWindow)
    never: tuple[type[PlatformError], ...] = (Uncertain,)
    http: httpx.Client
    retry: RetryPolicy
    auth: httpx.Auth | None = None

    @abstractmethod
    def check(self, data: dict, call: str, idempotent: bool) -> None:
        """Raise the typed error of an answer that carries an error code (the platform's
        own code table)."""

    def before(self, method: str, call: str) -> None:
        """Run before each attempt (Weibo spends its hourly read budget on a GET)."""
        return None

    def recovery(self) -> Callable[[PlatformError], bool] | None:
        """A fresh repair step for one call (WeChat: refresh a refused token once)."""
        return None

    def _call(self, method: str, path: str, *, call: str, idempotent: bool, **kwargs: Any) -> dict:
        def once() -> dict:
            self.before(method, call)
            response = send(
                self.http,
                method,
                path,
                idempotent=idempotent,
                platform=self.platform,
                call=call,
                auth=self.auth,
                **kwargs,
            )
            data = json_body(
                response,
                platform=self.platform,
                call=call,
                idempotent=idempotent,
                error_key=self.error_key,
            )
            self.check(data, call, idempotent)
            return data

        return retrying(
            once, self.retry, retry_on=self.retry_on, never=self.never, recover=self.recovery()
        )


def retrying(
    once: Callable[[], T],
    policy: RetryPolicy,
    *,
    retry_on: tuple[type[PlatformError], ...] = (Retryable, WaitWindow),
    never: tuple[type[PlatformError], ...] = (Uncertain,),
    recover: Callable[[PlatformError], bool] | None = None,
) -> T:
    """The one send → classify → retry loop of every client: ``once`` sends and raises the
    classified error; a ``retry_on`` error is retried after the policy's pause (which
    re-raises when it says stop), a ``never`` error (the call may have acted) never is.
    ``recover`` may repair an error and ask for an immediate new attempt (WeChat's refused
    access token: refreshed once)."""
    attempt = 0
    while True:
        try:
            return once()
        except PlatformError as exc:
            if recover is not None and recover(exc):
                continue
            if isinstance(exc, never) or not isinstance(exc, retry_on):
                raise
            attempt += 1
            policy.pause(exc, attempt)


def _read_bounded(response: httpx.Response, max_bytes: int) -> bytes | None:
    """The body, or None as soon as it is known to exceed ``max_bytes``."""
    declared = response.headers.get("Content-Length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        return None
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > max_bytes:
            return None
        chunks.append(chunk)
    return b"".join(chunks)


def _reject_constant(name: str) -> object:
    raise ValueError(name)


def parse_json(body: bytes) -> object:
    """Strict JSON: UTF-8, no NaN/Infinity, bounded nesting; ValueError otherwise."""
    try:
        return json.loads(body.decode("utf-8"), parse_constant=_reject_constant)
    except (UnicodeDecodeError, RecursionError) as exc:
        raise ValueError("not JSON") from exc


def json_body(
    response: httpx.Response,
    *,
    platform: str,
    call: str,
    idempotent: bool,
    error_key: str = "",
) -> dict:
    """The JSON object of a response.

    A non-2xx answer whose JSON object lacks the platform's error field (``error_key``:
    ``errcode`` or ``error_code``) is no answer at all (a proxy's 502 with a JSON body):
    Retryable for an idempotent call, :class:`UnknownOutcome` otherwise, never used.

    A 5xx without a JSON object is Retryable (Uncertain for a non-idempotent call); any other
    non-JSON, wrongly typed or non-object answer is BadReply (UncertainReply when the call may
    have taken effect). The body itself never appears in a message.
    """
    ctx = Context(platform, call, idempotent)
    ctype = response.headers.get("Content-Type", "").split(";")[0].strip().lower()
    data: object = None
    if ctype in JSON_TYPES:
        try:
            data = parse_json(response.content)
        except ValueError:
            data = None
    if isinstance(data, dict):
        if error_key and response.status_code >= 300 and error_key not in data:
            return _not_an_answer(response.status_code, platform, call, idempotent)
        return data
    if response.status_code >= 500:
        cls = Retryable if idempotent else Uncertain
        raise cls(
            f"{platform} {call}：平台返回 HTTP {response.status_code}。",
            platform=platform,
            call=call,
        )
    if ctype not in JSON_TYPES:
        shown = ctype if ctype and len(ctype) <= 60 and ctype.isascii() else "缺失"
        raise ctx.bad("Content-Type", f"为 {shown}，不是 JSON（HTTP {response.status_code}）")
    raise ctx.bad("（应答正文）", f"不是 JSON 对象（HTTP {response.status_code}）")


def _not_an_answer(status: int, platform: str, call: str, idempotent: bool) -> dict:
    if idempotent:
        raise Retryable(
            f"{platform} {call}：平台返回 HTTP {status}，应答不含错误码，稍后重试。",
            platform=platform,
            call=call,
        )
    raise UnknownOutcome(
        f"{platform} {call}：平台返回 HTTP {status}，应答不含错误码，请求是否生效未知："
        "先与平台核对，再决定是否重发。",
        platform=platform,
        call=call,
    )


def retry_after(headers: httpx.Headers, default: float = 60.0) -> float:
    """``Retry-After`` in seconds: a number in [0, 1 day], else ``default`` (never raises)."""
    raw = headers.get("Retry-After", "")
    try:
        value = float(raw)
    except ValueError:
        return default
    if not math.isfinite(value) or value < 0:
        return default
    return min(value, MAX_RETRY_AFTER)
