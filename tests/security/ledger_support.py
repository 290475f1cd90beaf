"""Helpers for the ledger tests: the publisher's throwaway key, enrolled in the roster, and
ledger commits signed by it (or by someone else, for the attacks)."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from tests.conftest import Repo
from tests.review_support import Key, identity_env, keygen

PUBLISHER = ("govmedia 发布", "publisher@example.gov.cn")


def publisher_key(repo: Path) -> Key:
    """The repository's publisher key pair (made once, beside the repository)."""
    keys = repo.parent / f"{repo.name}-publisher"
    private = keys / "publisher"
    if private.exists():
        return Key(private, private.with_name("publisher.pub").read_text().strip())
    return keygen(keys, "publisher")


def with_publisher_key(roster: str, public: str) -> str:
    """The roster text with ``public`` listed for its (first) publisher."""
    head, sep, tail = roster.partition("\npublishers:\n")
    if not sep:
        name, email = PUBLISHER
        return roster.rstrip("\n") + (
            f"\npublishers:\n  - name: {name}\n    email: {email}\n    keys:\n      - {public}\n"
        )
    return head + sep + tail.replace("    keys: []", f"    keys:\n      - {public}", 1)


def enroll_publisher(repo: Repo) -> Key:
    """List the publisher key in ``content/roster.yml`` and commit that (no server here)."""
    key = publisher_key(repo.path)
    roster = repo.path / "content" / "roster.yml"
    roster.write_text(
        with_publisher_key(roster.read_text(encoding="utf-8"), key.public), encoding="utf-8"
    )
    repo.git("add", "content/roster.yml")
    repo.git("commit", "-q", "-m", "Roster: the publisher's signing key")
    return key


def publisher_env(repo: Path) -> dict[str, str]:
    """The server's configuration naming the publisher key of ``repo``."""
    return {"GOVMEDIA_PUBLISHER_KEY": str(publisher_key(repo).private)}


def signed_commit(
    repo: Path,
    message: str,
    key: Key | None,
    *paths: str,
    who: tuple[str, str] = PUBLISHER,
    allow_empty: bool = False,
) -> str:
    """Commit ``paths`` (default: ``ledger``) as ``who``, signed with ``key`` (None: unsigned)."""
    env = identity_env(*who, key)
    subprocess.run(["git", "add", "-A", "--", *(paths or ("ledger",))], cwd=repo, check=True)
    args = ["git", "commit", "-q", "-m", message, *(["-S"] if key else [])]
    args += ["--allow-empty"] if allow_empty else []
    done = subprocess.run(
        [*args, "--", *(paths or ("ledger",))],
        cwd=repo,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise AssertionError(f"git commit failed: {done.stderr}")
    return subprocess.run(
        ["git", "rev-parse", "HEAD"], cwd=repo, capture_output=True, text=True, check=True
    ).stdout.strip()


def publisher_commit(repo: Repo, message: str = "Ledger: test records") -> str:
    """Commit ``ledger/`` as the publisher would: signed with the enrolled publisher key."""
    return signed_commit(repo.path, message, publisher_key(repo.path))
