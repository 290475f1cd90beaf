"""The server's git refuses malformed objects before any hook: a tree whose entry is ``..``
or ``.git`` (a path that escapes or shadows the repository) never reaches main."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from pipeline.review.hooks import install_hooks
from tests.conftest import IDENTITY, Repo, init_repo


def _git(cwd: Path, *args: str, input: bytes | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["git", *args],
        cwd=cwd,
        input=input,
        capture_output=True,
        env={**os.environ, **IDENTITY},
        check=False,
    )


def _tree_with(repo: Path, name: bytes, blob: str) -> str:
    entry = b"100644 " + name + b"\0" + bytes.fromhex(blob)
    done = _git(repo, "hash-object", "-t", "tree", "-w", "--literally", "--stdin", input=entry)
    assert done.returncode == 0, done.stderr
    return done.stdout.decode().strip()


def push_malformed(tmp_path: Path, name: bytes) -> tuple[Repo, Path, str]:
    """A unit repository and its bare server with the hooks installed; a branch whose tree
    holds ``content/<name>/`` pushed to it. Returns the repository, the server and main's
    tip before the push; the push itself is asserted refused, its branch absent."""
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
    parent = _git(repo.path, "rev-parse", "HEAD").stdout.decode().strip()
    made = _git(repo.path, "commit-tree", top.stdout.decode().strip(), "-p", parent, "-m", "x")
    pushed = _git(repo.path, "push", str(bare), f"{made.stdout.decode().strip()}:refs/heads/side")
    assert pushed.returncode != 0, pushed.stderr
    assert _git(bare, "rev-parse", "--verify", "-q", "refs/heads/side").returncode != 0
    return repo, bare, parent


@pytest.mark.parametrize("name", [b"..", b".git", b".GIT"])
def test_malformed_tree_is_refused_by_the_server(tmp_path: Path, name: bytes) -> None:
    repo, bare, parent = push_malformed(tmp_path, name)
    main = _git(bare, "rev-parse", "refs/heads/main").stdout.decode().strip()
    assert main == parent
    # the honest push still goes through
    repo.write("content/b.md", "also honest\n")
    repo.commit("Honest branch work")
    assert _git(repo.path, "push", "-q", str(bare), "HEAD:refs/heads/side").returncode == 0
