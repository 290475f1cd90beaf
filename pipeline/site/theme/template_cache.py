"""mkdocs hook: the theme's templates compiled once, not on every build.

Every build compiled the sixty-odd Jinja templates it renders (mkdocs-material's and
``overrides/``) again: about 0.2 s of CPU that a rebuild paid whatever changed. With the
page cache on (``page_cache.py``: ``govmedia build`` without ``--full``), the environment
that renders the pages keeps Jinja's compiled code in ``jinja-<hash>/`` inside the page cache
folder, checked and private like it (``private_dir.py``), one folder per version of Jinja,
mkdocs-material, mkdocs and Python (the others are removed). Jinja uses a stored template
only when the SHA-1 of its source is the one it was compiled from, so an edited template is
compiled again; the same code renders the same bytes.
"""

from __future__ import annotations

import contextlib
import os
import shutil
from typing import Any

from cache_store import STATE, digest, versions  # beside this hook (mkdocs loads it from here)
from jinja2 import FileSystemBytecodeCache
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from private_dir import private_dir

PREFIX = "jinja-"


@event_priority(100)  # before any other hook or plugin loads a template through ``env``
def on_env(env: Any, config: Any, files: Any, **kwargs: Any) -> Any:
    if STATE.folder is None:
        return env
    folder = STATE.folder / f"{PREFIX}{digest(versions())[:16]}"
    for old in STATE.folder.glob(f"{PREFIX}*"):
        if old != folder and old.is_dir() and not old.is_symlink():
            shutil.rmtree(old, ignore_errors=True)
    with contextlib.suppress(FileExistsError):  # checked below, whoever made it
        folder.mkdir(mode=0o700)
    if not private_dir(os.lstat(folder)):
        raise PluginError(f"模板缓存目录 {folder} 不是本用户独占的普通目录，拒绝使用。")
    env.bytecode_cache = FileSystemBytecodeCache(str(folder))
    return env
