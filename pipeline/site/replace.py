"""Replacing a directory by another in one step, so readers never see half of either."""

from __future__ import annotations

import ctypes
import ctypes.util
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


def _same_file(src: Path, dst: Path) -> bool:
    try:
        info = dst.lstat()
    except OSError:
        return False
    if not stat.S_ISREG(info.st_mode) or info.st_size != src.stat().st_size:
        return False
    return dst.read_bytes() == src.read_bytes()


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
    files = {p.relative_to(new) for p in new.rglob("*") if p.is_file() and not p.is_symlink()}
    folders = {p.relative_to(new) for p in new.rglob("*") if p.is_dir() and not p.is_symlink()}
    for here, dirs, names in os.walk(target, topdown=False):
        for name in [*names, *dirs]:
            path = Path(here, name)
            rel = path.relative_to(target)
            if path.is_symlink() or (path.is_file() and rel not in files):
                path.unlink()
            elif path.is_dir() and rel not in folders:
                shutil.rmtree(path)
    written = 0
    for rel in sorted(files):
        src, dst = new / rel, target / rel
        if _same_file(src, dst):
            continue
        dst.parent.mkdir(parents=True, exist_ok=True)
        os.replace(src, dst)
        written += 1
    shutil.rmtree(new)
    return written
