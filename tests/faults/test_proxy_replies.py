"""Broken replies on every non-idempotent call of every platform, through a real loopback
proxy: malformed, truncated, 5xx with a body, and lying (200 ``{}`` or a success code
without the id), each both when the call took effect (the proxy forwarded it) and when
it did not. Publishing is rerun until it says it is done; then every delivery exists
exactly once on the emulators and once in the ledger, with the platform's own id."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from pipeline.emulators import Emulator
from tests.faults.audit import assert_exactly_once
from tests.faults.proxy import MODES, Proxy, Rule, running_proxy
from tests.faults.support import (
    emulator_fixture,
    proxied_env,
    publish_until_done,
    transcript,
    unit_copy,
)

CALLS = (
    "/cgi-bin/draft/add",
    "/cgi-bin/freepublish/submit",
    "/cgi-bin/freepublish/get",
    "/2/statuses/share.json",
    "/app/push",
)
CASES = [
    pytest.param(
        path, mode, forward, id=f"{path.rsplit('/', 1)[-1]}-{mode}-{'done' if forward else 'lost'}"
    )
    for path in CALLS
    for mode in MODES
    for forward in (True, False)
]


@pytest.fixture
def emulator() -> Iterator[Emulator]:
    yield from emulator_fixture()


@pytest.fixture
def proxy(emulator: Emulator) -> Iterator[Proxy]:
    yield from running_proxy(emulator.url)


@pytest.mark.parametrize(("path", "mode", "forward"), CASES)
def test_broken_reply_then_reruns_deliver_exactly_once(
    tmp_path: Path,
    tmp_path_factory: pytest.TempPathFactory,
    emulator: Emulator,
    proxy: Proxy,
    path: str,
    mode: str,
    forward: bool,
) -> None:
    repo = unit_copy(tmp_path_factory, tmp_path / "unit")
    proxy.add(Rule(path, mode, forward, times=1))
    runs = publish_until_done(repo, proxied_env(emulator, proxy))
    assert proxy.spoiled, "the fault was never hit"
    assert runs[-1].code == 0, transcript(runs)
    assert_exactly_once(repo, emulator)


def test_the_proxy_really_breaks_replies(
    tmp_path: Path, tmp_path_factory: pytest.TempPathFactory, emulator: Emulator, proxy: Proxy
) -> None:
    """A control: a reply spoiled on every request keeps the delivery from completing."""
    repo = unit_copy(tmp_path_factory, tmp_path / "unit")
    proxy.add(Rule("/2/statuses/share.json", "5xx", False, times=1000))
    runs = publish_until_done(repo, proxied_env(emulator, proxy), runs=1)
    assert runs[-1].code != 0
    with pytest.raises(AssertionError):
        assert_exactly_once(repo, emulator)
