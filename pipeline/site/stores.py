"""Where the archive build keeps what it reuses between builds: the body store
(``body_store.py``), the page cache (``theme/page_cache.py``) and the carry lists
(``carry.py``).

Their entries reach the site as they are stored, so no commit may be able to put one
there. A commit can hold any path of the working tree (a branch that force-adds
``build/body-cache/bodies.json`` under the keys an honest build computes would have it used
by whoever builds that checkout), but never a file inside the git directory: the stores
live in ``<git directory>/govmedia/build/`` of the checkout (a linked worktree has its own
git directory, so two worktrees never prune each other's entries). A folder that is not a
git checkout (an exported tree) keeps them in the user's private cache, under a hash of
the folder's path (``rules/cache.py``). Each store folder is created 0700 and refused when
it is a symlink, someone else's or writable by others.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from pipeline import git
from pipeline.errors import GovmediaError
from pipeline.project import Project
from pipeline.rules.cache import cache_dir
from pipeline.site.theme.private_dir import private_dir

IN_GIT_DIR = "govmedia/build"  # the stores' folder inside the checkout's git directory
IN_USER_CACHE = "build"  # ... inside the user's private cache, for a folder without git


def _private(folder: Path) -> Path:
    if folder.is_symlink() or (folder.exists() and not folder.is_dir()):
        raise GovmediaError(f"{folder} 不是普通目录：构建缓存目录必须是普通目录。")
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    if not private_dir(os.lstat(folder)):
        raise GovmediaError(f"{folder} 不归当前用户独占（他人可写），拒绝使用该构建缓存。")
    return folder


def store_root(project: Project) -> Path:
    """The folder of the build's stores for ``project``: in its git directory, else in the
    user's private cache; refused (a Chinese message) when neither can be used."""
    git_dir = git.git_dir(project.root)
    if git_dir is not None:
        return _private(git_dir / IN_GIT_DIR)
    cache = cache_dir()
    if cache is None:
        raise GovmediaError(
            f"{project.root} 不是 git 仓库，且找不到本用户独占的缓存目录（XDG_CACHE_HOME）："
            "无处保存构建缓存。请在 git 仓库中构建，或将 XDG_CACHE_HOME 设为本用户独占的目录。"
        )
    where = hashlib.blake2b(os.fsencode(project.root.resolve()), digest_size=16).hexdigest()
    return _private(cache / IN_USER_CACHE / where)


def private_folder(project: Project, name: str) -> Path:
    """The store folder ``name`` of the build (``body-cache``, ``page-cache``, ``carry``),
    private to this user: created 0700, refused when it is a symlink, someone else's or
    writable by others (its entries go to the site as they are)."""
    if not name or "/" in name or name in (".", ".."):
        raise ValueError(f"not a store name: {name!r}")
    return _private(store_root(project) / name)
