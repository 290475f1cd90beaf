"""Whether a folder (or a kept file) is private to the building user: a directory (not a
symlink to one) or a plain file, owned by this user, that neither its group nor others can
write.

One test for the build's store folders (``pipeline/site/stores.py``, in govmedia's process)
and for the page cache folder the hooks are handed (``cache_store.py``, in the mkdocs
process, which imports this module from beside it as it does the hooks). It imports
nothing of mkdocs or govmedia, so either process can load it.
"""

from __future__ import annotations

import os
import stat


def private_dir(info: os.stat_result) -> bool:
    """``info`` (from ``os.lstat``, or ``stat`` of a path known not to be a symlink) is
    that of a directory of this user that no one else can write."""
    return (
        stat.S_ISDIR(info.st_mode)
        and info.st_uid == os.geteuid()
        and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)
    )


def private_file(path: str | os.PathLike[str]) -> bool:
    """``path`` is a plain file of this user (not a link) that no one else can write: what a
    hook's kept store must be before it is read."""
    try:
        info = os.lstat(path)
    except OSError:
        return False
    return (
        stat.S_ISREG(info.st_mode)
        and info.st_uid == os.geteuid()
        and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)
    )
