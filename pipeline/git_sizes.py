"""The sizes of git objects, read from their headers alone.

``git cat-file --batch-check`` answers an object's type and size without reading its
content, whatever its size: the pre-receive hook asks it before it reads anything a push
brings (``pipeline/review/push_sizes.py``, ``ledger_judge.step_blobs``).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from pipeline import git


def object_sizes(names: Sequence[str], kind: str, *, cwd: str | Path) -> dict[str, int]:
    """The size of each object of type ``kind`` among ``names`` (object ids), read from its
    header alone; the others are left out."""
    unique = list(dict.fromkeys(n for n in names if n))
    if not unique:
        return {}
    _, stdout, _ = git.run(
        ["cat-file", "--batch-check=%(objectname) %(objecttype) %(objectsize)"],
        cwd=cwd,
        input="".join(f"{n}\n" for n in unique).encode("ascii"),
    )
    sizes: dict[str, int] = {}
    for line in stdout.decode("ascii", "replace").splitlines():
        parts = line.split()
        if len(parts) == 3 and parts[1] == kind and parts[2].isdigit():
            sizes[parts[0]] = int(parts[2])
    return sizes


def blob_sizes(blobs: Sequence[str], *, cwd: str | Path) -> dict[str, int]:
    """The size of each blob among ``blobs``; names that are not blobs are left out."""
    return object_sizes(blobs, "blob", cwd=cwd)
