"""The one file lock: an exclusive ``flock`` held for a block.

Publishing waits for the run before it (a hook rerun queues behind the previous run); the
archive build refuses at once when another build holds its folder. Both go through
:func:`exclusive`. The lock file stays (removing it would race a waiting process).
"""

from __future__ import annotations

import contextlib
import fcntl
from collections.abc import Iterator
from pathlib import Path

from pipeline.errors import GovmediaError


@contextlib.contextmanager
def exclusive(path: Path, *, busy: str | None = None) -> Iterator[None]:
    """Hold an exclusive lock on ``path`` (created when missing) for the block.

    Without ``busy``, wait for the holder to let go; with it, raise
    ``GovmediaError(busy)`` at once when another process holds the lock.
    """
    with open(path, "a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX if busy is None else fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise GovmediaError(str(busy)) from None
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
