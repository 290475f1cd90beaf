"""The benchmarks' throwaway publisher key: it signs the ledger commits of their runs."""

from __future__ import annotations

import subprocess
from pathlib import Path


def key_path(repo: Path) -> Path:
    """Where the publisher key of ``repo`` lives: beside it, never inside it."""
    return repo.parent / "publisher"


def enroll(repo: Path) -> Path:
    """Make the key and list it under ``publishers:`` in ``repo``'s (uncommitted) roster."""
    private = key_path(repo)
    if not private.exists():
        subprocess.run(
            ["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "bench", "-f", str(private)],
            check=True,
        )
    public = private.with_name("publisher.pub").read_text(encoding="utf-8").strip()
    roster = repo / "content" / "roster.yml"
    text = roster.read_text(encoding="utf-8")
    head, sep, tail = text.partition("\npublishers:\n")
    roster.write_text(
        head + sep + tail.replace("    keys: []", f"    keys:\n      - {public}", 1),
        encoding="utf-8",
    )
    return private
