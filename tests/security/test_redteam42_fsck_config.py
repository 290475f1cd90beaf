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

from pipeline.review.hooks import install_hooks
from tests.conftest import git, init_repo
from tests.security.test_fsck import _git, _tree_with

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
    repo = init_repo(tmp_path / "unit")
    repo.write("content/a.md", "honest\n")
    repo.commit("Bootstrap")
    bare = tmp_path / "remote.git"
    assert _git(tmp_path, "init", "-q", "--bare", "-b", "main", str(bare)).returncode == 0
    assert _git(repo.path, "push", "-q", str(bare), "HEAD:refs/heads/main").returncode == 0
    install_hooks(bare)
    blob = _git(repo.path, "hash-object", "-w", "--stdin", input=b"payload\n").stdout.decode()
    inner = _tree_with(repo.path, name, blob.strip())
    entry = b"40000 content\0" + bytes.fromhex(inner)
    top = _git(repo.path, "hash-object", "-t", "tree", "-w", "--literally", "--stdin", input=entry)
    parent = repo.head()
    made = _git(repo.path, "commit-tree", top.stdout.decode().strip(), "-p", parent, "-m", "x")
    pushed = _git(repo.path, "push", str(bare), f"{made.stdout.decode().strip()}:refs/heads/side")
    assert pushed.returncode != 0, pushed.stderr
    assert _git(bare, "rev-parse", "--verify", "-q", "refs/heads/side").returncode != 0
    # the honest branch work still goes through on the same server
    repo.write("content/b.md", "also honest\n")
    repo.commit("Honest branch work")
    assert _git(repo.path, "push", "-q", str(bare), "HEAD:refs/heads/side").returncode == 0
