"""Red team round 26: a shallow clone's edge read as the bootstrap of the publisher's records.

The ledger's and the inbox's readers believe a record only when every first-parent step
since the root commit that touched it was a signed append by the roster's publisher; the
root commit itself is the bootstrap, trusted as pushed. In a shallow clone (``git clone
--depth 1``: ``actions/checkout``'s default, the checkout of the shipped ``watch.yml``) the
commit at the edge has no parents, so it passed for the root, and every line of ``ledger/``
and ``interaction/`` in it was believed unchecked: a tombstone an editor committed on main,
which every reader of a whole clone refuses, was read there as the publisher's. Now a walk
that has to reach the root refuses a shallow clone, naming ``git fetch --unshallow``.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from pipeline.emulators import Emulator
from pipeline.interaction.trusted import InboxTrustError, trusted_inbox
from pipeline.ledger_trust import LedgerTrustError, trusted_ledger
from pipeline.project import Project
from tests.conftest import run_cli
from tests.publish_support import env_for
from tests.security.test_ledger_readers import forge_tombstone, repo

__all__ = ["repo"]  # the fixture: a unit whose main holds one honest publishing run

SHALLOW = "浅克隆"


def _clone(repo: Path, where: Path, *depth: str) -> Path:
    subprocess.run(
        ["git", "clone", "-q", *depth, "--branch", "main", f"file://{repo}", str(where)],
        check=True,
    )
    return where


def test_a_shallow_clone_never_takes_its_edge_for_the_bootstrap_of_the_ledger(
    repo: Path, emulator: Emulator, tmp_path: Path
) -> None:
    forged = forge_tombstone(repo)
    env = env_for(emulator)
    # a whole clone: every reader names the step the publisher did not sign
    whole = _clone(repo, tmp_path / "whole")
    with pytest.raises(LedgerTrustError, match=forged[:12]):
        trusted_ledger(Project(whole))
    # the watch job's checkout, one commit deep: its edge is no bootstrap
    shallow = _clone(repo, tmp_path / "watch-checkout", "--depth", "1")
    with pytest.raises(LedgerTrustError) as info:
        trusted_ledger(Project(shallow))
    assert SHALLOW in str(info.value) and "git fetch --unshallow" in str(info.value)
    with pytest.raises(InboxTrustError, match=SHALLOW):
        trusted_inbox(Project(shallow))
    for args in (["watch"], ["build"], ["report", "--year", "2026", "--out", "r"]):
        result = run_cli(*args, cwd=shallow, env=env)
        assert result.code != 0, args
        assert SHALLOW in result.err and "Traceback" not in result.err, result.err
    # the honest path: the whole history judges again (and refuses the forged step)
    subprocess.run(["git", "-C", str(shallow), "fetch", "-q", "--unshallow"], check=True)
    with pytest.raises(LedgerTrustError, match=forged[:12]):
        trusted_ledger(Project(shallow))


def test_an_honest_whole_clone_reads_the_ledger_and_a_shallow_one_says_why_not(
    repo: Path, emulator: Emulator, tmp_path: Path
) -> None:
    whole = _clone(repo, tmp_path / "whole")
    assert list(trusted_ledger(Project(whole)).records())
    assert run_cli("watch", cwd=whole, env=env_for(emulator)).code == 0
    shallow = _clone(repo, tmp_path / "shallow", "--depth", "1")
    result = run_cli("watch", cwd=shallow, env=env_for(emulator))
    assert result.code != 0 and SHALLOW in result.err and "fetch-depth: 0" in result.err
