"""TLS for the platform clients: one verified context per process, built on first use.

Building a verified context (loading the CA bundle) costs a tenth of a second or more;
httpx builds one for every client, even one that only ever talks plain http to a loopback
emulator. Here a client's transport picks a connection pool by the request's scheme:
plain http never builds a context, and the first https request builds the one context
every client of the process then shares. Verification is as strict as httpx's default
(the certifi bundle, host names checked): only its moment changes.
"""

from __future__ import annotations

import ssl
import threading

import httpcore
import httpx

from pipeline.platforms.deadline import DeadlineBackend

_lock = threading.Lock()
_context: ssl.SSLContext | None = None


def tls_context() -> ssl.SSLContext:
    """The process's verified client context (httpx's default policy), built once."""
    global _context
    with _lock:
        if _context is None:
            _context = httpx.create_ssl_context(trust_env=False)
        return _context


def _no_tls() -> ssl.SSLContext:
    """For the plain-http pool: verifies, but trusts no certificate (it is never used for
    a TLS handshake; if it were, the handshake would fail rather than go unverified)."""
    return ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)


def _deadline_transport(verify: ssl.SSLContext) -> httpx.HTTPTransport:
    """httpx's transport (its request and error mapping) over a connection pool whose
    sockets keep the exchange's deadline (deadline.py). httpx builds the same pool with
    its default limits but takes no network backend, so the pool is made here (httpx is
    pinned; ``tests/security/test_redteam16_platforms.py`` fails if this stops holding)."""
    transport = httpx.HTTPTransport(verify=verify, trust_env=False)
    limits = httpx.Limits(max_connections=100, max_keepalive_connections=20, keepalive_expiry=5.0)
    transport._pool = httpcore.ConnectionPool(
        ssl_context=verify,
        max_connections=limits.max_connections,
        max_keepalive_connections=limits.max_keepalive_connections,
        keepalive_expiry=limits.keepalive_expiry,
        network_backend=DeadlineBackend(),
    )
    return transport


class SchemeTransport(httpx.BaseTransport):
    """One connection pool per URL scheme, each made on the first request that needs it."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._pools: dict[str, httpx.HTTPTransport] = {}

    def _pool(self, scheme: str) -> httpx.HTTPTransport:
        with self._lock:
            pool = self._pools.get(scheme)
            if pool is None:
                verify = tls_context() if scheme == "https" else _no_tls()
                pool = self._pools[scheme] = _deadline_transport(verify)
            return pool

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        return self._pool(request.url.scheme).handle_request(request)

    def close(self) -> None:
        with self._lock:
            pools = list(self._pools.values())
            self._pools.clear()
        for pool in pools:
            pool.close()
