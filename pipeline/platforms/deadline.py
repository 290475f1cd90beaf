"""A deadline over one whole HTTP exchange with a platform: connect, request, headers, body.

httpx's timeouts bound each read and each write, never their sum, so an answer sent one
byte at a time inside the read timeout (a slow drip) held a publishing run, its lock and
every later run for as long as the sender liked. Here every socket operation of the
platform clients waits at most for what is left of the exchange's deadline: the network
backend under the clients' connection pools (``DeadlineBackend``, on httpcore's public
``NetworkBackend`` interface) shortens each read, write and connect to the time left, and
raises httpcore's own timeout once none is left, which httpx reports as a transport error
(Retryable, or Uncertain after a non-idempotent request went out: http.send).

The deadline belongs to the thread making the exchange (``exchange``): httpx's sync client
reads a response in the thread that sent the request, and every worker of a run sends
its own requests.
"""

from __future__ import annotations

import contextlib
import ssl
import threading
import time
import typing
from collections.abc import Iterator

import httpcore

from pipeline import envvars

DEADLINE_ENV = "GOVMEDIA_HTTP_DEADLINE"
DEFAULT_SECONDS = 120.0  # a 32 MB listing at a quarter of a megabyte a second

_local = threading.local()


def seconds() -> float:
    """The exchange deadline in seconds (``GOVMEDIA_HTTP_DEADLINE``, 1 s to 1 hour)."""
    return envvars.number(DEADLINE_ENV, DEFAULT_SECONDS, minimum=1.0, maximum=3600.0)


@contextlib.contextmanager
def exchange(limit: float | None = None) -> Iterator[None]:
    """Every socket operation of this thread inside the block ends by ``limit`` seconds
    from now (default: ``seconds()``)."""
    previous = getattr(_local, "end", None)
    _local.end = time.monotonic() + (seconds() if limit is None else limit)
    try:
        yield
    finally:
        _local.end = previous


def _bounded(timeout: float | None, what: type[Exception]) -> float | None:
    """``timeout`` shortened to what is left of this thread's deadline (none: unchanged)."""
    end = getattr(_local, "end", None)
    if end is None:
        return timeout
    left = end - time.monotonic()
    if left <= 0:
        raise what("exchange deadline passed")
    return left if timeout is None else min(timeout, left)


class DeadlineStream(httpcore.NetworkStream):
    """A connection whose reads and writes end by the exchange's deadline."""

    def __init__(self, stream: httpcore.NetworkStream) -> None:
        self._stream = stream

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._stream.read(max_bytes, _bounded(timeout, httpcore.ReadTimeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._stream.write(buffer, _bounded(timeout, httpcore.WriteTimeout))

    def close(self) -> None:
        self._stream.close()

    def start_tls(
        self,
        ssl_context: ssl.SSLContext,
        server_hostname: str | None = None,
        timeout: float | None = None,
    ) -> httpcore.NetworkStream:
        bounded = _bounded(timeout, httpcore.ConnectTimeout)
        return DeadlineStream(self._stream.start_tls(ssl_context, server_hostname, bounded))

    def get_extra_info(self, info: str) -> typing.Any:
        return self._stream.get_extra_info(info)


class DeadlineBackend(httpcore.NetworkBackend):
    """httpcore's synchronous socket backend with every operation under the deadline."""

    def __init__(self) -> None:
        self._backend = httpcore.SyncBackend()

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: typing.Iterable[typing.Any] | None = None,
    ) -> httpcore.NetworkStream:
        bounded = _bounded(timeout, httpcore.ConnectTimeout)
        stream = self._backend.connect_tcp(host, port, bounded, local_address, socket_options)
        return DeadlineStream(stream)

    def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,
        socket_options: typing.Iterable[typing.Any] | None = None,
    ) -> httpcore.NetworkStream:
        bounded = _bounded(timeout, httpcore.ConnectTimeout)
        return DeadlineStream(self._backend.connect_unix_socket(path, bounded, socket_options))

    def sleep(self, seconds: float) -> None:
        self._backend.sleep(seconds)
