"""The post files of a repository, listed with ``os.scandir`` (pathlib's ``rglob`` and a
``Path`` per file cost more than the rest of a one-post check at 1,000 posts)."""

from __future__ import annotations

import os
from pathlib import Path

from pipeline.project import POSTS_DIR


def post_rel_paths(root: Path) -> list[str]:
    """Repository-relative POSIX paths of ``content/posts/**/*.md`` that are files or
    symbolic links, in the order of ``content.iter_post_files`` (sorted by path parts;
    symbolic links to folders are listed when named ``*.md``, never followed)."""
    found: list[tuple[str, ...]] = []
    _walk(str(root / POSTS_DIR), (), found)
    found.sort()
    prefix = Path(POSTS_DIR).as_posix()
    return ["/".join((prefix, *parts)) for parts in found]


def _walk(folder: str, parts: tuple[str, ...], found: list[tuple[str, ...]]) -> None:
    try:
        with os.scandir(folder) as it:
            entries = list(it)
    except OSError:
        return
    for entry in entries:
        try:
            link = entry.is_symlink()
            is_dir = entry.is_dir()
            if entry.name.endswith(".md") and (link or entry.is_file()):
                found.append((*parts, entry.name))
        except OSError:
            continue
        if is_dir and not link:
            _walk(entry.path, (*parts, entry.name), found)
