"""Red team, round 42: git's object checks as the server's configuration sets them.

``install-hooks`` turns on ``receive.fsckObjects`` in the bare repository, so git refuses a
tree with a ``..`` or ``.git`` entry before any hook runs. How severe each check is comes
from ``receive.fsck.<id>`` at every level of git's configuration: a server user's
``receive.fsck.hasDotgit = ignore`` (set once for an old mirror) let such a tree onto a
branch of the unit. Real bare repository, real pushes of hand-made trees.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import git
from tests.security.test_fsck import _git, push_malformed

RELAXED = ("hasDot", "hasDotdot", "hasDotgit", "duplicateEntries")


@pytest.mark.parametrize("name", [b"..", b".git", b".GIT"])
def test_a_relaxed_fsck_of_the_servers_configuration_never_lets_a_malformed_tree_in(
    tmp_path: Path, name: bytes
) -> None:
    """Attack (a pusher, on a server whose git user ignores the path checks): a branch whose
    tree holds ``content/.git/…`` or ``content/../…`` was taken. Defence: install-hooks sets
    those checks to ``error`` in the repository's own configuration, read last."""
    for check in RELAXED:
        git("config", "--global", f"receive.fsck.{check}", "ignore", cwd=tmp_path)
    repo, bare, _ = push_malformed(tmp_path, name)
    # the honest branch work still goes through on the same server
    repo.write("content/b.md", "also honest\n")
    repo.commit("Honest branch work")
    assert _git(repo.path, "push", "-q", str(bare), "HEAD:refs/heads/side").returncode == 0
