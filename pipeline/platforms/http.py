"""Shared HTTP plumbing for the platform clients: timeouts, retries, secret scrubbing."""

from __future__ import annotations

import os
import random
import time
from collections.abc import Callable
from dataclasses import dataclass

import httpx

from pipeline.platforms.errors import DailyQuota, Retryable, WaitWindow

# Explicit timeouts for every call (seconds): connect, read, write, pool.
DEFAULT_TIMEOUT = httpx.Timeout(connect=5.0, read=20.0, write=20.0, pool=5.0)
USER_AGENT = "govmedia/0.1 (+publishing pipeline)"


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

    def pause(self, exc: Retryable | WaitWindow, attempt: int) -> None:
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
        base = float(os.environ.get("GOVMEDIA_RETRY_BASE", "0.5"))
        wait = float(os.environ.get("GOVMEDIA_MAX_WINDOW_WAIT", "0"))
        return cls(base_delay=base, max_delay=max(base, base * 16), max_window_wait=wait)


def make_client(
    base_url: str,
    *,
    transport: httpx.BaseTransport | None = None,
    timeout: httpx.Timeout = DEFAULT_TIMEOUT,
) -> httpx.Client:
    """An httpx client with explicit timeouts; ``transport`` can be swapped (tests, proxies)."""
    return httpx.Client(
        base_url=base_url.rstrip("/"),
        timeout=timeout,
        transport=transport,
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
    **kwargs: object,
) -> httpx.Response:
    """One HTTP exchange; transport failures become Retryable or Uncertain (never secrets).

    A failure before anything was sent (connect) is always safe to retry; after the
    request went out (read timeout, dropped connection) the outcome is unknown, so a
    non-idempotent call raises :class:`Uncertain` and the caller reconciles.
    """
    from pipeline.platforms.errors import Retryable, Uncertain

    try:
        return client.request(method, path, **kwargs)  # type: ignore[arg-type]
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


def json_body(response: httpx.Response, *, platform: str, call: str, idempotent: bool) -> dict:
    """The JSON object of a response; a non-JSON answer is Retryable/Uncertain (5xx) or Permanent."""
    from pipeline.platforms.errors import Permanent, Retryable, Uncertain

    try:
        data = response.json()
    except ValueError:
        data = None
    if isinstance(data, dict):
        return data
    if response.status_code >= 500:
        cls = Retryable if idempotent else Uncertain
        raise cls(
            f"{platform} {call}：平台返回 HTTP {response.status_code}。",
            platform=platform,
            call=call,
        )
    raise Permanent(
        f"{platform} {call}：平台返回了无法解析的应答（HTTP {response.status_code}）。",
        platform=platform,
        call=call,
    )
