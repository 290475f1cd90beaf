"""Reading the files a post pulls in, safely: never through a symlink, never outside content/.

Readers take their list from :func:`pipeline.references.referenced_files` and read each
file here: from a commit (the publisher and the archive read what was approved, never the
working tree), refusing a symlink or anything but a regular file, an image as it is
published (its metadata left out, ``image_meta``); or, for
``govmedia check``, they ask :func:`worktree_problem` about the working tree, which looks
at every component of the path without following a link.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path, PurePosixPath

from pipeline.assetpath import CONTENT_PREFIX, is_image_path
from pipeline.errors import GovmediaError
from pipeline.image_meta import ImageUnreadable, stripped

REGULAR_MODES = ("100644", "100755")
SYMLINK_MODE = "120000"


class AssetRefused(GovmediaError):
    """A file a post pulls in that must not be read (symlink, not a regular file, outside
    content/); the message names the file, in Chinese."""


def _inside_content(rel: str) -> None:
    parts = PurePosixPath(rel).parts
    if not rel.startswith(CONTENT_PREFIX) or ".." in parts or rel.startswith("/"):
        raise AssetRefused(f"文件 {rel} 不在仓库的 content/ 目录下：出于安全考虑不予读取。")


def read_committed(root: Path, rev: str, rel: str) -> bytes | None:
    """The bytes of ``rel`` as committed in ``rev``; None when it has no such file.

    Raises :class:`AssetRefused` when the entry is a symlink or not a regular file."""
    from pipeline import git  # here: a check of the working tree needs no git (nor subprocess)

    _inside_content(rel)
    entry = git.tree_entry(rev, rel, cwd=root)
    if entry is None:
        _refuse_symlinked_folder(root, rev, rel)
        return None
    mode, kind, oid = entry
    if mode == SYMLINK_MODE:
        raise AssetRefused(f"文件 {rel} 是符号链接：出于安全考虑，不读取、不上传、不发布符号链接。")
    if kind != "blob" or mode not in REGULAR_MODES:
        raise AssetRefused(f"{rel} 不是普通文件：不予读取。")
    data = git.cat_blobs([oid], cwd=root).get(oid)
    return published_image(rel, data) if data is not None and is_image_path(rel) else data


def published_image(rel: str, data: bytes) -> bytes:
    """An image's bytes as every output takes them (the archive, the platforms): without the
    metadata nobody reviews (:func:`pipeline.image_meta.stripped`, red team round 37);
    :class:`AssetRefused` naming the file when its structure cannot be read."""
    try:
        return stripped(data).data
    except ImageUnreadable as exc:
        raise AssetRefused(f"图片 {rel} 不予发布：{exc}。") from None


def _refuse_symlinked_folder(root: Path, rev: str, rel: str) -> None:
    """A path with no entry may run through a symlinked folder: say so rather than "absent"."""
    from pipeline import git

    parts = PurePosixPath(rel).parts
    for end in range(2, len(parts)):
        folder = "/".join(parts[:end])
        entry = git.tree_entry(rev, folder, cwd=root)
        if entry is None:
            return
        if entry[0] == SYMLINK_MODE:
            raise AssetRefused(f"{folder} 是符号链接：出于安全考虑，不经由符号链接读取 {rel}。")


def worktree_problem(root: Path, rel: str) -> str:
    """Why ``rel`` in the working tree at ``root`` cannot be used (Chinese), or "".

    Every component is looked at with ``lstat``: a symlink anywhere on the way is refused,
    wherever it points."""
    try:
        _inside_content(rel)
    except AssetRefused as exc:
        return str(exc)
    parts = PurePosixPath(rel).parts
    current = root
    for index, part in enumerate(parts):
        current = current / part
        shown = "/".join(parts[: index + 1])
        try:
            info = os.lstat(current)
        except FileNotFoundError:
            return f"文件 {rel} 不存在。"
        except OSError as exc:
            return f"无法读取 {shown}：{exc.strerror}。"
        if stat.S_ISLNK(info.st_mode):
            return f"{shown} 是符号链接：出于安全考虑，不读取符号链接（也不经由它读取文件）。"
        last = index == len(parts) - 1
        if not last and not stat.S_ISDIR(info.st_mode):
            return f"{shown} 不是目录。"
        if last and not stat.S_ISREG(info.st_mode):
            return f"{rel} 不是普通文件。"
    return ""
