"""Writing a file whole or not at all: a temporary file beside it, renamed over it.

A reader sees the old content or the new, never half of it; a failed write leaves neither a
changed file nor the temporary one. The file is private to the user who writes it (mode
``0600``): what goes through here are caches and the remembered state of a checkout. There
is no fsync: every reader of these files checks what it reads (a seal, a format version)
and rebuilds what does not fit, so a crash costs at most the work of rebuilding.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

# ``tempfile.mkstemp``'s: created here or not at all, never through a link, private.
_FLAGS = os.O_RDWR | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
_TRIES = 100  # names tried before giving up (``tempfile.TMP_MAX`` is 10,000)


def _create(folder: Path, prefix: str) -> tuple[int, str]:
    """A new file ``prefix`` + 96 random bits in hex in ``folder``, as ``tempfile.mkstemp``
    makes it (exclusive creation, no link followed, mode ``0600``, an unpredictable name,
    a descriptor no child process inherits), without importing ``tempfile``: that pulls in
    ``shutil``, ``random`` and the compression modules, a few milliseconds of every check
    that writes its private cache."""
    where = os.path.abspath(folder)
    for _ in range(_TRIES):
        name = os.path.join(where, prefix + os.urandom(12).hex())
        try:
            return os.open(name, _FLAGS, 0o600), name
        except FileExistsError:
            continue
    raise FileExistsError(errno.EEXIST, "找不到可用的临时文件名", where)


def write_text(path: Path, text: str, *, prefix: str = ".tmp-", mode: int = 0o600) -> None:
    """Replace ``path`` by ``text`` (UTF-8) atomically, through a temporary file named
    ``prefix…`` in its folder; OSError (the temporary file removed) when it cannot."""
    write_bytes(path, text.encode("utf-8"), prefix=prefix, mode=mode)


def write_bytes(path: Path, data: bytes, *, prefix: str = ".tmp-", mode: int = 0o600) -> None:
    """Replace ``path`` by ``data`` as :func:`write_text` does: a link at ``path`` is
    replaced by the new file, never written through."""
    fd, tmp = _create(path.parent, prefix)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
