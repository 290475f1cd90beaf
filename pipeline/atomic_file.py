"""Writing a file whole or not at all: a temporary file beside it, renamed over it.

A reader sees the old content or the new, never half of it; a failed write leaves neither a
changed file nor the temporary one. The file is private to the user who writes it (mode
``0600``): what goes through here are caches and the remembered state of a checkout. There
is no fsync: every reader of these files checks what it reads (a seal, a format version)
and rebuilds what does not fit, so a crash costs at most the work of rebuilding.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_text(path: Path, text: str, *, prefix: str = ".tmp-", mode: int = 0o600) -> None:
    """Replace ``path`` by ``text`` (UTF-8) atomically, through a temporary file named
    ``prefix…`` in its folder; OSError (the temporary file removed) when it cannot."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=prefix)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
