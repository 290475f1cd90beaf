"""Threat class 3: code and configuration from the content repository never run on the
server that holds the secrets. Real bare repository, ``govmedia install-hooks``, real
signed approvals, a real push, the real loopback emulators."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from pipeline.emulators import Emulator
from tests.conftest import isolated_git_module
from tests.publish_support import published, running_emulator
from tests.security.exec_support import TEMPLATE_MARKER, Server, hostile_server


@pytest.fixture(scope="module")
def emulator() -> Iterator[Emulator]:
    yield from running_emulator()


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory, emulator: Emulator) -> Server:
    with isolated_git_module(tmp_path_factory, "exec-home") as (mp, home):
        mp.setenv("XDG_CACHE_HOME", str(home / ".cache"))
        return hostile_server(tmp_path_factory.mktemp("exec-server"), emulator)


def site_text(site: Path) -> str:
    return "\n".join(
        p.read_text(encoding="utf-8", errors="replace") for p in site.rglob("*") if p.is_file()
    )


def test_committed_pipeline_package_never_runs_and_publish_still_happens(
    server: Server, emulator: Emulator
) -> None:
    push = server.push
    assert push.returncode == 0, push.stderr
    # the attack fails: neither the work clone's pipeline/ nor the pusher's PYTHONPATH ran
    assert sorted(p.name for p in server.markers.iterdir()) == []
    assert "PAYLOAD-ENV" not in push.stdout + push.stderr
    for secret in server.secret_values():
        assert secret not in push.stdout + push.stderr
    # the honest path: the installed govmedia published every approved post exactly once
    assert "本次运行" in push.stderr and "Traceback" not in push.stderr
    assert "govmedia：发布与归档完成。" in push.stderr
    assert sum(len(v) for v in published(emulator).values()) == 8
    assert (server.work / "pipeline" / "__main__.py").is_file()  # the payload was there


def test_committed_mkdocs_config_and_theme_are_not_used_by_the_build(server: Server) -> None:
    site = server.work / "site"
    assert (site / "index.html").is_file()  # the honest build happened
    text = site_text(site)
    # the attack fails: no hook ran, no !ENV secret and no override reached a page
    assert not (server.markers / "mkdocs-hook").exists()
    for secret in server.secret_values():
        assert secret not in text
    assert TEMPLATE_MARKER not in text
    # the packaged configuration built it: its site name and the published posts
    assert "牙克石市政务服务局 政务新媒体发布档案" in text
    assert (site / "posts" / "nianmo-fanzha-tixing.html").is_file()
