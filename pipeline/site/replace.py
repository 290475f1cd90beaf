"""Replacing a directory by another in one step, so readers never see half of either."""

from __future__ import annotations

import ctypes
import ctypes.util
import hashlib
import os
import shutil
import stat
from pathlib import Path

_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths atomically with Linux ``renameat2(RENAME_EXCHANGE)``; False if absent."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    renameat2.argtypes = [
        ctypes.c_int,
        ctypes.c_char_p,
        ctypes.c_int,
        ctypes.c_char_p,
        ctypes.c_uint,
    ]
    result = renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    return result == 0


def replace_dir(new: Path, target: Path) -> None:
    """Put directory ``new`` at ``target`` (same filesystem); the old one is removed after."""
    if not target.exists():
        os.rename(new, target)
        return
    if _exchange(new, target):
        shutil.rmtree(new)  # now holds the old tree
        return
    old = target.with_name(f".{target.name}.old")
    shutil.rmtree(old, ignore_errors=True)
    os.rename(target, old)
    os.rename(new, target)
    shutil.rmtree(old, ignore_errors=True)


def write_or_link(path: Path, text: str | bytes, previous: Path | None = None) -> None:
    """Write ``text`` (a ``str`` as UTF-8) at ``path``, a new file; or, when ``previous`` is
    a regular file (not a symlink) holding exactly those bytes, make ``path`` a hard link
    to it.

    Generation writes every file into a new folder that ``sync_dir`` then compares with
    the last one: creating some 2,000 files a build at 1,000 posts cost more CPU than all
    the rest of writing the post pages (docs/dev/speed.md, "Eighth pass"). A link to the
    unchanged file is cheap, and ``sync_dir`` keeps a file linked so without reading it."""
    data = text.encode("utf-8") if isinstance(text, str) else text
    if previous is not None:
        try:
            info = os.lstat(previous)
            if stat.S_ISREG(info.st_mode) and info.st_size == len(data):
                with open(previous, "rb") as stream:
                    if stream.read() == data:
                        os.link(previous, path, follow_symlinks=False)
                        return
        except OSError:  # gone, unreadable, or another filesystem: write it
            pass
    path.write_bytes(data)


def held_hash(path: Path, sha: str) -> os.stat_result | None:
    """The status of ``path`` when it is a regular file (not a symlink, never waited on)
    whose SHA-256 is ``sha``; None otherwise. One open, one status, the file read whole (a
    page file: small)."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError:
        return None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            return None
        chunks = []
        while chunk := os.read(fd, max(info.st_size, 1) + 1):
            chunks.append(chunk)
        data = b"".join(chunks)
    except OSError:
        return None
    finally:
        os.close(fd)
    return info if hashlib.sha256(data).hexdigest() == sha else None


def tree(root: str) -> tuple[dict[str, os.stat_result], set[str], list[str]]:
    """Under ``root``, symlinks not followed: each regular file's relative path and status,
    each folder's relative path, and the relative path of everything else (a symlink, a
    device, a socket, a pipe), one ``scandir`` a folder."""
    files: dict[str, os.stat_result] = {}
    folders: set[str] = set()
    odd: list[str] = []
    stack = [""]
    while stack:
        here = stack.pop()
        with os.scandir(os.path.join(root, here)) as entries:
            for entry in entries:
                rel = f"{here}/{entry.name}" if here else entry.name
                if entry.is_symlink():
                    odd.append(rel)
                elif entry.is_dir(follow_symlinks=False):
                    folders.add(rel)
                    stack.append(rel)
                elif entry.is_file(follow_symlinks=False):
                    files[rel] = entry.stat(follow_symlinks=False)
                else:
                    odd.append(rel)
    return files, folders, odd


def _same_file(new: os.stat_result, old: os.stat_result | None, src: str, dst: str) -> bool:
    """Whether ``dst`` (``old``: its status, None when it is no regular file) holds the
    bytes of ``src``: the same file (a link made by ``write_or_link``), or equal bytes."""
    if old is None:
        return False
    if (old.st_dev, old.st_ino) == (new.st_dev, new.st_ino):
        return True
    if old.st_size != new.st_size:
        return False
    with open(src, "rb") as first, open(dst, "rb") as second:
        return first.read() == second.read()


def sync_dir(new: Path, target: Path) -> int:
    """Make ``target`` hold exactly the files of ``new`` (then removed), writing only the
    files whose bytes differ: an unchanged file keeps its inode and time. Not atomic, for a
    build's own intermediate folder; a ``target`` that is not a plain folder is replaced
    whole. Returns the number of files written."""
    if target.is_symlink() or not target.is_dir():
        if target.is_symlink() or target.exists():
            target.unlink()
        replace_dir(new, target)
        return sum(1 for p in target.rglob("*") if p.is_file())
    source, into = str(new), str(target)
    files, folders, _ = tree(source)
    held, held_folders, odd = tree(into)
    for rel in odd + [rel for rel in held if rel not in files]:
        os.unlink(os.path.join(into, rel))
    gone: list[str] = []
    for rel in sorted(held_folders - folders):  # a folder before what is in it
        if not any(rel.startswith(f"{top}/") for top in gone):
            shutil.rmtree(os.path.join(into, rel))
            gone.append(rel)
    written = 0
    for rel in sorted(files):
        src, dst = os.path.join(source, rel), os.path.join(into, rel)
        if _same_file(files[rel], held.get(rel), src, dst):
            continue
        os.makedirs(os.path.dirname(dst), exist_ok=True)
        os.replace(src, dst)
        written += 1
    shutil.rmtree(new)
    return written
