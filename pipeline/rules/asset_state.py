"""The state of a file a post references, as the check's result store keeps it
(``result_store.Depends``): the post's findings read the file's bytes (PF-IMAGE: an image's
size and format), so a record stays valid only while those bytes do."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from pipeline.assets import worktree_problem

ASSET_CHUNK = 1 << 20


def asset_state(root: Path, rel: str) -> str:
    """What a post's findings read of the file ``rel`` it references: its problem in the
    working tree (``assets.worktree_problem``), or ``sha256:`` and the digest of its bytes
    (the image rules read them: PF-IMAGE's size and format). Worked out before the check
    reads the file, so a file replaced meanwhile makes the next run a miss, never a record
    of the old state with the new file's findings."""
    problem = worktree_problem(root, rel)
    if problem:
        return problem
    digest = hashlib.sha256()
    try:
        handle = os.open(root / rel, os.O_RDONLY | os.O_NOFOLLOW)
    except OSError as exc:
        return f"无法读取 {rel}：{exc.strerror}。"
    try:
        while chunk := os.read(handle, ASSET_CHUNK):
            digest.update(chunk)
    except OSError as exc:
        return f"无法读取 {rel}：{exc.strerror}。"
    finally:
        os.close(handle)
    return "sha256:" + digest.hexdigest()
