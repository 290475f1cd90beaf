"""The WeChat access token as an :class:`httpx.Auth`.

Every request of the client carries the cached token in its ``access_token`` query
parameter (the only place WeChat reads it). The token is fetched with
``POST /cgi-bin/stable_token`` (the AppSecret travels in the body, never in a URL), again
when fewer than 5 minutes remain, and once more when the platform refuses it
(:meth:`WeChatToken.refresh`). Thread-safe: the cache is shared under a lock.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Generator

import httpx

from pipeline import redact
from pipeline.platforms.errors import Retryable
from pipeline.platforms.http import RetryPolicy, exchange, retrying
from pipeline.platforms.replies import Context, Fields
from pipeline.platforms.wechat_codes import PLATFORM, raise_errcode

REFRESH_MARGIN = 300.0  # refresh when fewer than 5 minutes remain
TOKEN_MAX = 1024
TOKEN_TTL_MAX = 30 * 86_400


class WeChatToken(httpx.Auth):
    """The token cache of one client, applied to each of its requests."""

    def __init__(
        self,
        http: httpx.Client,
        appid: str,
        secret: str,
        *,
        retry: RetryPolicy,
        clock: Callable[[], float],
        base_url: str = "",
    ) -> None:
        self.http = http
        self._appid = appid
        self._secret = secret
        self.retry = retry
        self.clock = clock
        self.base_url = base_url
        self._token: str | None = None
        self._expires = 0.0
        self._lock = threading.Lock()
        self._sent = threading.local()  # the token this thread put on its last request
        self.fetches = 0

    def secrets(self) -> list[str]:
        return [s for s in (self._secret, self._token) if s]

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        token = self.token()
        self._sent.token = token
        request.url = request.url.copy_merge_params({"access_token": token})
        yield request

    def refresh(self) -> None:
        """The platform refused the token this thread sent: replace it (once per call)."""
        self.token(force=True, stale=getattr(self._sent, "token", None))

    def token(self, *, force: bool = False, stale: str | None = None) -> str:
        """The cached access token, fetched when absent, near expiry or rejected."""
        with self._lock:
            if stale is not None and self._token != stale and self._token:
                return self._token  # another thread refreshed it already
            if not force and self._token and self.clock() < self._expires - REFRESH_MARGIN:
                return self._token
            token, ttl = self._fetch(force_refresh=False)
            if stale is not None and token == stale:
                # the platform still hands out the token it just refused: force a new one
                # (stable_token 强制刷新模式; limited per day, so only in this case)
                token, ttl = self._fetch(force_refresh=True)
            self._token = token
            self._expires = self.clock() + ttl
            self.fetches += 1
            return token

    def _fetch(self, *, force_refresh: bool) -> tuple[str, int]:
        ctx = Context(PLATFORM, "stable_token", True, self.base_url)
        body = {
            "grant_type": "client_credential",
            "appid": self._appid,
            "secret": self._secret,
            "force_refresh": force_refresh,
        }

        def once() -> dict:
            data = exchange(
                self.http,
                "POST",
                "/cgi-bin/stable_token",
                idempotent=True,
                platform=PLATFORM,
                call=ctx.call,
                error_key="errcode",
                json=body,
            )
            raise_errcode(data, ctx, self.secrets())
            return data

        # the token endpoint answers any failure the same way: retried while retryable
        reply = Fields(retrying(once, self.retry, retry_on=(Retryable,), never=()), ctx)
        token = reply.ident("access_token", max_len=TOKEN_MAX)
        redact.register(token)  # scrubbed everywhere from now on, even if refused below
        ttl = reply.integer("expires_in", lo=0, hi=TOKEN_TTL_MAX, default=7200)
        return token, ttl
