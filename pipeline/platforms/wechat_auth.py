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
from pipeline.platforms.errors import PlatformError, Retryable, TokenExpired
from pipeline.platforms.http import JsonApi, RetryPolicy
from pipeline.platforms.replies import Context, Fields
from pipeline.platforms.wechat_codes import PLATFORM, raise_errcode

REFRESH_MARGIN = 300.0  # refresh when fewer than 5 minutes remain
TOKEN_MAX = 1024
TOKEN_TTL_MAX = 30 * 86_400


class WeChatToken(JsonApi, httpx.Auth):
    """The token cache of one client, applied to each of its requests; the token endpoint
    itself is called without a token, every failure there retried while retryable."""

    platform = PLATFORM
    error_key = "errcode"
    retry_on = (Retryable,)
    never = ()

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

    def recovery(self) -> Callable[[PlatformError], bool]:
        """For one call: a refused token is refreshed, and the call sent again, once."""
        refreshed: list[bool] = []

        def recover(exc: PlatformError) -> bool:
            if not isinstance(exc, TokenExpired) or refreshed:
                return False
            refreshed.append(True)
            self.refresh()
            return True

        return recover

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

    def check(self, data: dict, call: str, idempotent: bool) -> None:
        raise_errcode(data, Context(PLATFORM, call, idempotent, self.base_url), self.secrets())

    def _fetch(self, *, force_refresh: bool) -> tuple[str, int]:
        body = {
            "grant_type": "client_credential",
            "appid": self._appid,
            "secret": self._secret,
            "force_refresh": force_refresh,
        }
        data = self._call(
            "POST", "/cgi-bin/stable_token", call="stable_token", idempotent=True, json=body
        )
        reply = Fields(data, Context(PLATFORM, "stable_token", True, self.base_url))
        token = reply.ident("access_token", max_len=TOKEN_MAX, credential=True)
        redact.register(token)  # scrubbed everywhere from now on, even if refused below
        ttl = reply.integer("expires_in", lo=0, hi=TOKEN_TTL_MAX, default=7200)
        return token, ttl
