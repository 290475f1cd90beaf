"""Where the resident builder (``govmedia build --serve``) listens, and who may talk to it.

The socket lives in the user's private cache (``rules/cache.py``:
``$XDG_CACHE_HOME/govmedia``, 0700, this user's, never inside a git work tree), in a folder
``resident/`` of its own that is created 0700 and refused when it is a link, someone else's
or writable by others. Its name hashes everything a build's output depends on besides the
repository's files: the repository's and the output folder's resolved paths and the
environment variables a build reads (``OUTPUT_VARIABLES`` and the locale of each category:
the site's address, the build date, the clock, the locale and time zone, the variables that
tell git which repository and objects to read). Nothing else of the environment is hashed,
so the server's hook (whose ``PATH`` git changes, with its own ``GIT_*`` and
``GOVMEDIA_HOOK_ACTIVE`` bookkeeping) finds a builder an operator started beside the server
with the same settings. A ``govmedia build`` whose repository, output folder or any of these
variables differs from the builder's finds no socket and builds the usual way, so the
builder never builds what its client would not have built. (The folder itself is found
through ``XDG_CACHE_HOME`` or ``HOME``: a client whose cache is elsewhere finds no builder
either.)

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
# The environment variables that change what a build writes, read by govmedia (the site's
# address, the build's date through the clock, crash points of the tests), by mkdocs
# (``SOURCE_DATE_EPOCH``), by Python and the C library (locale, time zone) and by git (which
# repository, index and objects it reads, and whether it follows refs/replace/). A variable a
# build starts to read must be added here (tests/site/test_resident_env.py checks the code).
OUTPUT_VARIABLES = frozenset(
    {
        "GOVMEDIA_SITE_URL",
        "GOVMEDIA_TODAY",
        "GOVMEDIA_EMULATOR_CLOCK",
        "GOVMEDIA_CRASH_AT",
        "SOURCE_DATE_EPOCH",
        "TZ",
        "LANGUAGE",
        "GIT_DIR",
        "GIT_WORK_TREE",
        "GIT_COMMON_DIR",
        "GIT_INDEX_FILE",
        "GIT_OBJECT_DIRECTORY",
        "GIT_ALTERNATE_OBJECT_DIRECTORIES",
        "GIT_NAMESPACE",
        "GIT_NO_REPLACE_OBJECTS",
        "GIT_REPLACE_REF_BASE",
        "GIT_CONFIG_GLOBAL",
        "GIT_CONFIG_SYSTEM",
        "GIT_CONFIG_NOSYSTEM",
        "HOME",  # git's own configuration, and the cache when XDG_CACHE_HOME is unset
        "XDG_CONFIG_HOME",
    }
)
# The locale counts by the value each category takes (LC_ALL, else LC_<category>, else LANG):
# LANG=C.UTF-8 alone and with the LC_CTYPE=C.UTF-8 Python adds when it coerces a C locale
# (so in the hook's process, not in a service started with LANG set) are one locale.
LOCALE_CATEGORIES = (
    "LC_CTYPE",
    "LC_COLLATE",
    "LC_TIME",
    "LC_NUMERIC",
    "LC_MONETARY",
    "LC_MESSAGES",
    "LC_PAPER",
    "LC_NAME",
    "LC_ADDRESS",
    "LC_TELEPHONE",
    "LC_MEASUREMENT",
    "LC_IDENTIFICATION",
)
PATH_LIMIT = 107  # sun_path holds 108 bytes with its final NUL on Linux


def build_inputs(environ: Mapping[str, str]) -> list[tuple[str, str]]:
    """The variables of ``environ`` that change a build's output, and the locale of each
    category (never a credential: the build and the builder hold none)."""
    env = without_credentials(environ)
    chosen = [(k, v) for k, v in env.items() if k in OUTPUT_VARIABLES]
    for category in LOCALE_CATEGORIES:
        value = env.get("LC_ALL") or env.get(category) or env.get("LANG") or ""
        chosen.append((f"locale:{category}", value))
    return sorted(chosen)


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
