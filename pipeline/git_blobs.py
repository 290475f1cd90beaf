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
from collections.abc import Sequence
from pathlib import Path

from pipeline.git_sizes import blob_sizes
from pipeline.proc import CalledProcessError

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
