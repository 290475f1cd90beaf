"""A private per-user cache directory for compiled rule data.

``$XDG_CACHE_HOME/govmedia`` (default ``~/.cache/govmedia``), created with mode 0700.
Never the world-writable temp folder and never the repository: a file planted there
could change what the checker sees. When the directory is not ours, is writable by
others or lies in a git work tree (``XDG_CACHE_HOME`` or ``HOME`` pointing into a
checkout, where a commit can write the files), nothing is cached (the data is rebuilt in
memory each run).
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import stat
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from pipeline import atomic_file


def cache_dir() -> Path | None:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    path = Path(base) / "govmedia"
    if in_work_tree(str(path)):
        return None
    try:
        path.mkdir(mode=0o700, parents=True, exist_ok=True)
        info = path.lstat()
    except OSError:
        return None
    if not stat.S_ISDIR(info.st_mode) or info.st_uid != os.getuid():
        return None
    if info.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        return None
    return path


@functools.lru_cache(maxsize=8)
def in_work_tree(path: str) -> bool:
    """Whether a git checkout holds ``path`` (links resolved): files a branch commits there
    are written by the checkout as this user's own, and their seal is no secret."""
    folder = Path(os.path.realpath(path))
    return any(os.path.lexists(p / ".git") for p in (folder, *folder.parents))


def trusted_file(path: Path) -> bool:
    """A plain file of this user that nobody else can write (not a link)."""
    try:
        info = path.lstat()
    except OSError:
        return False
    return (
        stat.S_ISREG(info.st_mode)
        and info.st_uid == os.getuid()
        and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)
    )


def read_json(name: str) -> Any | None:
    directory = cache_dir()
    if directory is None:
        return None
    path = directory / name
    if not trusted_file(path):
        return None
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def write_text(name: str, text: str) -> Path | None:
    """Write atomically into the cache; the path, or None when there is no cache."""
    directory = cache_dir()
    if directory is None:
        return None
    try:
        atomic_file.write_text(directory / name, text)
    except OSError:
        return None
    return directory / name


def write_json(name: str, data: Any) -> None:
    write_text(name, json.dumps(data, ensure_ascii=False))


def trusted_path(name: str) -> Path | None:
    directory = cache_dir()
    if directory is None:
        return None
    path = directory / name
    return path if trusted_file(path) else None


def code_digest(names: Iterable[str], size: int) -> hashlib.blake2b:
    """A BLAKE2b of ``size`` bytes over the named modules of :mod:`pipeline.rules` (the code
    a cache file's contents depend on), to be updated with the rest of its name's inputs."""
    digest = hashlib.blake2b(digest_size=size)
    here = Path(__file__).parent
    for name in names:
        digest.update((here / name).read_bytes())
    return digest


def only_types(values: Iterable[Any], *kinds: type) -> bool:
    """Whether every value is exactly of one of ``kinds`` (checked in C: no Python call per
    value, for the large cache files read on every start)."""
    return set(map(type, values)) <= set(kinds)


def digest(payload: str) -> str:
    """The seal of a cache file's payload (BLAKE2b, 32 bytes, hex)."""
    return _seal(payload.encode("utf-8")).decode("ascii")


def _seal(payload: bytes) -> bytes:
    return hashlib.blake2b(payload, digest_size=32).hexdigest().encode("ascii")


def write_sealed_json(name: str, data: Any) -> None:
    """Like :func:`write_json`, the first line the BLAKE2b digest of the JSON that follows."""
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    write_text(name, digest(payload) + "\n" + payload)


def unseal(text: str) -> Any | None:
    """The JSON data of a sealed text; None when the digest does not fit (truncated, edited)."""
    seal, newline, payload = text.partition("\n")
    if not newline or seal != digest(payload):
        return None
    try:
        return json.loads(payload)
    except ValueError:
        return None


def read_sealed_json(name: str) -> Any | None:
    """What :func:`write_sealed_json` wrote, from a trusted file whose digest fits; else None.

    Works on the bytes (the digest is of the UTF-8 payload, which ``json`` decodes itself):
    decoding a megabyte of Chinese text to hash it again was a tenth of a one-post check."""
    path = trusted_path(name)
    if path is None:
        return None
    try:
        seal, newline, payload = path.read_bytes().partition(b"\n")
    except OSError:
        return None
    if not newline or seal != _seal(payload):
        return None
    try:
        return json.loads(payload)
    except ValueError:  # UnicodeDecodeError included
        return None
