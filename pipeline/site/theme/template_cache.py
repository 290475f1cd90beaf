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
from pathlib import Path
from typing import Any

from cache_store import STATE, digest, versions  # beside this hook (mkdocs loads it from here)
from jinja2 import FileSystemBytecodeCache
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from private_dir import private_dir

PREFIX = "jinja-"


def _folder() -> Path:
    """The private folder of this version's compiled code (others' are removed)."""
    assert STATE.folder is not None
    folder = STATE.folder / f"{PREFIX}{digest(versions())[:16]}"
    for old in STATE.folder.glob(f"{PREFIX}*"):
        if old != folder and old.is_dir() and not old.is_symlink():
            shutil.rmtree(old, ignore_errors=True)
    with contextlib.suppress(FileExistsError):  # checked below, whoever made it
        folder.mkdir(mode=0o700)
    if not private_dir(os.lstat(folder)):
        raise PluginError(f"模板缓存目录 {folder} 不是本用户独占的普通目录，拒绝使用。")
    return folder


def _patch_theme() -> None:
    """Every environment the theme makes keeps its compiled code too: the blog plugin
    makes one per translated label (``_translate``, in ``on_nav``, before ``on_env``) and
    compiled ``partials/language.html`` and its includes twice a build."""
    from mkdocs.theme import Theme

    if getattr(Theme.get_env, "gm_cached", False):
        return
    original = Theme.get_env

    def get_env(self: Any) -> Any:
        env = original(self)
        if STATE.folder is not None and KEPT.folder is not None:
            env.bytecode_cache = FileSystemBytecodeCache(str(KEPT.folder))
        return env

    get_env.gm_cached = True  # type: ignore[attr-defined]
    Theme.get_env = get_env  # type: ignore[method-assign]


class Kept:
    """This build's folder of compiled code (a plain class: the hook's module is loaded
    from its file, where a dataclass cannot find its module)."""

    folder: Path | None = None


KEPT = Kept()


@event_priority(-10)  # after page_cache.py's on_config chose the page cache's folder
def on_config(config: Any, **kwargs: Any) -> Any:
    KEPT.folder = None if STATE.folder is None else _folder()
    if KEPT.folder is not None:
        _patch_theme()
    return config


@event_priority(100)  # before any other hook or plugin loads a template through ``env``
def on_env(env: Any, config: Any, files: Any, **kwargs: Any) -> Any:
    if STATE.folder is None:
        return env
    env.bytecode_cache = FileSystemBytecodeCache(str(_folder()))
    return env
