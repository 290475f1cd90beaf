"""Which blobs a repository has, without reading them.

A post's facts (the archive's, ``site/archive.py``) and a version's waivers (the governance
reports', ``governance/post_brief.py``) are kept between builds under the blob's name, the
hash of its bytes: git never gives other bytes for it (govmedia reads no replaced object,
``git.py``). A build without a store reads every published blob and leaves out one git no
longer has; a build with one must leave out the same, so it asks which of the kept names
are still there, from the objects' headers (``git cat-file --batch-check``), which costs a
third of reading them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TypeVar

from pipeline import git
from pipeline.git_sizes import blob_sizes
from pipeline.proc import CalledProcessError

K = TypeVar("K")
T = TypeVar("T")

FULL_NAME = re.compile(r"[0-9a-f]{40}|[0-9a-f]{64}")


def present(root: Path, names: Sequence[str]) -> set[str]:
    """The names among ``names`` that are full object names of blobs ``root`` has (none
    when git fails: the caller then reads them, as a build without a store does)."""
    full = [n for n in dict.fromkeys(names) if FULL_NAME.fullmatch(n)]
    if not full:
        return set()
    try:
        return set(blob_sizes(full, cwd=root))
    except CalledProcessError:
        return set()


def kept_or_read(
    root: Path, blob_of: Mapping[K, str], kept: Mapping[K, T | None]
) -> tuple[dict[K, T], dict[str, bytes]]:
    """For keys whose blob (``blob_of``) has something derived from it kept (``kept``, None:
    nothing): the kept values usable, those whose blob git has (:func:`present`, not read);
    and the bytes of every other key's blob git has, read in one ``git cat-file --batch``.
    A key in neither: git no longer has its blob, and the caller leaves it out as a build
    without a store does."""
    have = present(root, [blob_of[k] for k, v in kept.items() if v is not None])
    usable = {k: v for k, v in kept.items() if v is not None and blob_of[k] in have}
    wanted = [blob for k, blob in blob_of.items() if k not in usable]
    return usable, (git.cat_blobs(wanted, cwd=root) if wanted else {})
