"""The platform clients build a TLS context only for https, once per process
(pipeline/platforms/tls.py): a watch of the loopback emulators over plain http builds none,
and https clients share the one context, as strictly verified as httpx's default."""

from __future__ import annotations

import socket
import ssl
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest

from pipeline.emulators import Emulator
from pipeline.platforms import tls
from pipeline.platforms.http import make_client
from pipeline.project import Project
from pipeline.watch.run import watch
from tests.publish_support import env_for, running_emulator
from tests.watch_support import published_repo


@pytest.fixture
def emulator() -> Iterator[Emulator]:
    yield from running_emulator()


@pytest.fixture
def contexts_built(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every verified TLS context built from now on (the real builder, counted)."""
    built: list[str] = []
    real: Callable[..., ssl.SSLContext] = ssl.create_default_context

    def counted(*args: object, **kwargs: object) -> ssl.SSLContext:
        built.append(str(kwargs.get("cafile", "")))
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(ssl, "create_default_context", counted)
    monkeypatch.setattr(tls, "_context", None)  # as in a new process
    return built


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_watch_over_plain_http_builds_no_tls_context(
    tmp_path: Path, emulator: Emulator, contexts_built: list[str]
) -> None:
    repo = published_repo(tmp_path, emulator)
    result = watch(Project(repo), env=env_for(emulator))
    assert result.found == []
    assert [x.platform for x in result.listings] == ["wechat", "weibo", "app"]
    assert all(x.items and not x.error for x in result.listings)
    assert contexts_built == []


def test_https_clients_share_one_context_built_on_first_use(contexts_built: list[str]) -> None:
    url = f"https://127.0.0.1:{closed_port()}"
    clients = [make_client(url) for _ in range(3)]
    assert contexts_built == []  # none at construction
    for client in clients:
        with client, pytest.raises(httpx.ConnectError):
            client.get("/cgi-bin/token")
    assert len(contexts_built) == 1  # the first https request built it; the others share it
    context = tls.tls_context()
    assert context.verify_mode == ssl.CERT_REQUIRED and context.check_hostname
    assert len(contexts_built) == 1


def test_plain_http_pool_cannot_complete_an_unverified_handshake() -> None:
    transport = tls.SchemeTransport()
    plain = transport._pool("http")
    context = plain._pool._ssl_context
    assert context is not None
    assert context.verify_mode == ssl.CERT_REQUIRED and context.check_hostname
    assert context.cert_store_stats()["x509_ca"] == 0  # trusts no certificate at all
    transport.close()
