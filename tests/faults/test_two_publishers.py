"""Several servers (clones of one remote) publishing at once (issue 16 item 2).

The remote is a bare repository with the real pre-receive hook, so every ledger commit
the publishers push (claims, outcomes, replayed ones) must pass the server's rules. Each
delivery must exist exactly once on the emulators and once in the remote's ledger, and
the remote's ledger history must verify (ledger_trust.verify_history).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from pipeline import ledger_history, ledger_trust
from pipeline.emulators import Emulator
from pipeline.review.hooks import install_hooks
from tests.faults.audit import assert_exactly_once, records
from tests.faults.support import emulator_fixture, govmedia, unit_copy
from tests.publish_support import PROJECT_ROOT, env_for, git, published, publisher_env


@pytest.fixture
def emulator() -> Iterator[Emulator]:
    yield from emulator_fixture()


def remote_with_servers(tmp_path: Path, factory: pytest.TempPathFactory, n: int) -> list[Path]:
    """A bare remote guarded by the pre-receive hook, and ``n`` server clones of it."""
    seed = unit_copy(factory, tmp_path / "seed")
    bare = tmp_path / "remote.git"
    git(tmp_path, "clone", "-q", "--bare", str(seed), str(bare))
    hooks = tmp_path / "server-hooks"
    hooks.mkdir()
    shutil.copy2(
        PROJECT_ROOT / "pipeline" / "review" / "server_hooks" / "pre-receive", hooks / "pre-receive"
    )
    install_hooks(bare, hooks)
    servers = []
    for index in range(n):
        server = unit_copy(factory, tmp_path / f"server{index}")
        git(server, "remote", "add", "origin", str(bare))
        git(server, "fetch", "-q", "origin")
        servers.append(server)
    return servers


def start_publish(repo: Path, env: dict[str, str]) -> subprocess.Popen[str]:
    full = {**os.environ, "PYTHONPATH": str(PROJECT_ROOT), **publisher_env(repo), **env}
    return subprocess.Popen(
        [sys.executable, "-m", "pipeline", "publish", "--push"],
        cwd=repo,
        env=full,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def audit_remote(tmp_path: Path, emulator: Emulator, name: str = "audit") -> Path:
    """A fresh clone of the remote: its ledger is exactly once, and its history verifies."""
    clone = tmp_path / name
    git(tmp_path, "clone", "-q", str(tmp_path / "remote.git"), str(clone))
    assert_exactly_once(clone, emulator)
    ledger_history.clear_cache()
    assert ledger_trust.verify_history(clone, "main").tip
    return clone


@pytest.mark.parametrize("servers", [2, 3])
def test_servers_publishing_at_once_deliver_exactly_once(
    tmp_path: Path, tmp_path_factory: pytest.TempPathFactory, emulator: Emulator, servers: int
) -> None:
    clones = remote_with_servers(tmp_path, tmp_path_factory, servers)
    procs = [start_publish(c, env_for(emulator)) for c in clones]
    results = [(p.wait(timeout=300), p.stdout.read(), p.stderr.read()) for p in procs]  # type: ignore[union-attr]
    for code, out, err in results:
        assert code == 0 and "Traceback" not in err, out + err
    clone = audit_remote(tmp_path, emulator)
    claims = [r for r in records(clone) if r["event"] == "claim"]
    assert claims and all(r["detail"]["lease_until"] for r in claims)
    # every server is up to date afterwards and a rerun anywhere publishes nothing
    for server in clones:
        again = govmedia(server, env_for(emulator), "publish", "--push")
        assert again.code == 0 and "发布 0 项" in again.out, again.out + again.err
    audit_remote(tmp_path, emulator, "audit-again")


def test_a_live_claim_of_another_server_is_left_alone(
    tmp_path: Path, tmp_path_factory: pytest.TempPathFactory, emulator: Emulator
) -> None:
    first, second = remote_with_servers(tmp_path, tmp_path_factory, 2)
    killed = govmedia(
        first, env_for(emulator, GOVMEDIA_CRASH_AT="after:ledger.claim"), "publish", "--push"
    )
    assert killed.code == -9
    other = govmedia(second, env_for(emulator), "publish", "--push")
    assert other.code == 0, other.out + other.err
    assert "由另一台发布服务器处理" in other.out
    assert sum(len(v) for v in published(emulator).values()) == 0
    # the first server comes back: its own dead run's claims are its to finish, at once
    back = govmedia(first, env_for(emulator), "publish", "--push")
    assert back.code == 0, back.out + back.err
    audit_remote(tmp_path, emulator)


def test_an_expired_claim_is_taken_over_and_reconciled(
    tmp_path: Path, tmp_path_factory: pytest.TempPathFactory, emulator: Emulator
) -> None:
    """The first server dies right after WeChat accepted the submit; its lease runs out;
    the second server finds the article on the platform instead of sending it again."""
    first, second = remote_with_servers(tmp_path, tmp_path_factory, 2)
    lease = {"GOVMEDIA_CLAIM_LEASE": "1"}
    killed = govmedia(
        first,
        env_for(emulator, GOVMEDIA_CRASH_AT="after:wechat.submit", **lease),
        "publish",
        "--push",
    )
    assert killed.code == -9
    time.sleep(1.5)
    other = govmedia(second, env_for(emulator, **lease), "publish", "--push")
    assert other.code == 0, other.out + other.err
    clone = audit_remote(tmp_path, emulator)
    assert any(r["detail"].get("reconciled") for r in records(clone))
