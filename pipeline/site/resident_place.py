"""Where the resident builder (``govmedia build --serve``) listens, and who may talk to it.

The socket lives in the user's private cache (``rules/cache.py``: ``$XDG_CACHE_HOME/govmedia``,
0700, this user's, never inside a git work tree), in a folder ``resident/`` of its own that
is created 0700 and refused when it is a link, someone else's or writable by others. Its
name hashes everything a build's output depends on besides the repository's files: the
repository's and the output folder's resolved paths and the environment the build would run
with (credentials left out, as the build leaves them out). A ``govmedia build`` whose
repository, output folder or environment differs from the builder's finds no socket and
builds the usual way, so the builder never builds what its client would not have built.

Both ends check the other's user with ``SO_PEERCRED``: the builder answers no other user,
and the client talks to no builder of another user.
"""

from __future__ import annotations

import base64
import hashlib
import os
import socket
import struct
from collections.abc import Mapping
from pathlib import Path

from pipeline.rules.cache import cache_dir
from pipeline.secrets_env import without_credentials
from pipeline.site.theme.private_dir import private_dir

FOLDER = "resident"
REQUEST = b"govmedia-build 1\n"  # the only request: build this repository's reviewed state
# variables of the shell, not of the build: they differ between two callers of one build
SHELL_ONLY = frozenset({"PWD", "OLDPWD", "SHLVL", "_", "COLUMNS", "LINES"})
PATH_LIMIT = 107  # sun_path holds 108 bytes with its final NUL on Linux


def build_inputs(environ: Mapping[str, str]) -> list[tuple[str, str]]:
    """The environment as it reaches a build: no credential, no shell bookkeeping, no
    ``PYTHON*`` setting (mkdocs gets none, and the builder's own import path is checked)."""
    return sorted(
        (k, v)
        for k, v in without_credentials(environ).items()
        if k not in SHELL_ONLY and not k.startswith("PYTHON")
    )


def key(root: Path, out: Path, environ: Mapping[str, str]) -> str:
    """120 bits, in 20 characters (a socket's path is short)."""
    digest = hashlib.blake2b(digest_size=15)
    for part in (str(root.resolve()), str(out.resolve())):
        digest.update(os.fsencode(part) + b"\0")
    for name, value in build_inputs(environ):
        digest.update(os.fsencode(name) + b"=" + os.fsencode(value) + b"\0")
    return base64.urlsafe_b64encode(digest.digest()).decode("ascii")


def folder(create: bool) -> Path | None:
    """The private folder of the sockets, or None when there is none this user alone owns."""
    base = cache_dir()
    if base is None:
        return None
    path = base / FOLDER
    try:
        if create:
            path.mkdir(mode=0o700, exist_ok=True)
        info = os.lstat(path)
    except OSError:
        return None
    return path if private_dir(info) else None


def socket_path(root: Path, out: Path, environ: Mapping[str, str], create: bool) -> Path | None:
    where = folder(create)
    if where is None:
        return None
    path = where / f"{key(root, out, environ)}.sock"
    return path if len(os.fsencode(path)) <= PATH_LIMIT else None


def peer_uid(conn: socket.socket) -> int:
    """The user id of the process at the other end of a Unix socket (``SO_PEERCRED``)."""
    raw = conn.getsockopt(socket.SOL_SOCKET, socket.SO_PEERCRED, struct.calcsize("3i"))
    return int(struct.unpack("3i", raw)[1])


def same_user(conn: socket.socket) -> bool:
    try:
        return peer_uid(conn) == os.geteuid()
    except OSError:
        return False
