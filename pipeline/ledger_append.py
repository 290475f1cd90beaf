"""Durable appends to one ledger file, held open for a whole run.

Each record must be on disk before the platform call it announces (the exactly-once
protocol of publishing/publisher.py), so every append is followed by ``fdatasync``; the
file is opened once per run, not once per record, and appends from several threads share
their flushes
(group commit: a thread returns only after a flush that began after its own write ended).

Before each append one ``stat`` of the path checks that the file is still the one held
open and ends where this process's last append ended. When it is not (git replaced the
file during a rebase, another process appended, a crash left a torn tail before this run
opened it) the file is opened again and its tail checked, as on first use: a torn last
line is cut, a whole record without its newline is ended.
"""

from __future__ import annotations

import errno
import os
import threading
from pathlib import Path

from pipeline.errors import ConfigError

TAIL_WINDOW = 65536


class SyncFailed(OSError):
    """The flush of an append failed: the record may not be on disk."""


def _parse_ok(line: str) -> bool:
    from pipeline.ledger import parse_record  # the one record parser

    try:
        parse_record(line, "")
    except ConfigError:
        return False
    return True


def after_tail(fd: int) -> bytes:
    """Make the file of ``fd`` end on a line boundary before an append; what to write first.

    A torn tail (an append interrupted by a crash) is cut off: a line that is not a record
    must never reach a ledger commit, which may only add whole records. A complete record
    that merely lacks its newline is kept and ended. ``fd`` must be open for reading.
    """
    size = os.fstat(fd).st_size
    if not size:
        return b""
    if os.pread(fd, 1, size - 1) == b"\n":
        return b""
    start = max(0, size - TAIL_WINDOW)
    tail = os.pread(fd, size - start, start)
    cut = tail.rfind(b"\n")
    fragment = tail[cut + 1 :] if cut >= 0 else tail
    if cut < 0 and size > len(tail):
        return b"\n"  # a line longer than the window: keep it, as before
    if _parse_ok(fragment.decode("utf-8", "replace")):
        return b"\n"
    os.ftruncate(fd, size - len(fragment))
    return b""


def write_all(fd: int, data: bytes) -> None:
    """``os.write`` until every byte is written (a short write is not an error by itself)."""
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        if written <= 0:
            raise OSError(errno.ENOSPC, "short write")
        view = view[written:]


def _sync_directory(directory: Path) -> None:
    """Make a new entry of ``directory`` durable (a file created in it)."""
    fd = os.open(directory, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


class Appender:
    """One ledger file open for appending (and reading its tail); thread-safe.

    After a failed flush it is broken for good: every later append raises SyncFailed (the
    run stops; the next one opens the file afresh and checks its tail)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.fd = -1
        self._ident: tuple[int, int] = (0, 0)
        self._end = -1  # where this process's last append ended
        self._lock = threading.Lock()  # the file descriptor, the tail check and the write
        self._flush = threading.Condition()  # the flushes (taken after _lock, never before)
        self._written = 0  # appends written (sequence numbers)
        self._synced = 0  # appends known to be on disk
        self._syncing = False
        self.failed: OSError | None = None

    # -- opening -------------------------------------------------------------------------

    def _open(self) -> bytes:
        """(Re)open the file, creating it (and its folder) durably; what to write first."""
        self._drain()
        directory = self.path.parent
        if not directory.is_dir():
            directory.mkdir(parents=True, exist_ok=True)
            _sync_directory(directory.parent)
        flags = os.O_RDWR | os.O_APPEND | os.O_CLOEXEC
        try:
            fd = os.open(self.path, flags | os.O_CREAT | os.O_EXCL, 0o644)
            created = True
        except FileExistsError:
            fd = os.open(self.path, flags)
            created = False
        self.fd = fd
        if created:
            _sync_directory(directory)
        st = os.fstat(fd)
        self._ident = (st.st_dev, st.st_ino)
        prefix = after_tail(fd)
        self._end = os.fstat(fd).st_size
        return prefix

    def _drain(self) -> None:
        """Flush what was written to the open file, then close it (``_lock`` held)."""
        if self.fd < 0:
            return
        try:
            with self._flush:
                while self._syncing:
                    self._flush.wait()
                if self._synced < self._written and self.failed is None:
                    try:
                        os.fdatasync(self.fd)
                    except OSError as exc:
                        self.failed = exc
                        raise SyncFailed(exc.errno or errno.EIO, exc.strerror) from None
                    finally:
                        self._flush.notify_all()
                    self._synced = self._written
        finally:
            self._close_fd()

    def _current(self) -> bool:
        """Whether the open file is still the path's and ends where our last append did."""
        if self.fd < 0:
            return False
        try:
            st = os.stat(self.path)
        except OSError:
            return False
        return (st.st_dev, st.st_ino) == self._ident and st.st_size == self._end

    # -- appending -----------------------------------------------------------------------

    def append(self, data: bytes) -> None:
        """Write ``data`` (whole lines) at the end and return once it is on disk.

        OSError when it could not be written whole (the file is left as before) or not
        flushed (SyncFailed)."""
        with self._lock:
            if self.failed is not None:
                raise SyncFailed(self.failed.errno or errno.EIO, self.failed.strerror)
            prefix = b"" if self._current() else self._open()
            start = self._end
            try:
                write_all(self.fd, prefix + data)
            except OSError:
                # never leave a partial record: the caller must not act on it
                os.ftruncate(self.fd, start)
                raise
            self._end = start + len(prefix) + len(data)
            self._written += 1
            mine = self._written
        self._wait_synced(mine)

    def _wait_synced(self, mine: int) -> None:
        """Return once append number ``mine`` is on disk: a flush that began after it was
        written, this thread's own or another's (group commit)."""
        with self._flush:
            while self._synced < mine:
                if self.failed is not None:
                    break
                if self._syncing:
                    self._flush.wait()
                    continue
                self._syncing = True
                target = self._written  # every append up to here has been written
                fd = self.fd  # not closed while a flush runs (_drain waits for it)
                error: OSError | None = None
                self._flush.release()
                try:
                    os.fdatasync(fd)
                except OSError as exc:
                    error = exc
                finally:
                    self._flush.acquire()
                self._syncing = False
                if error is None:
                    self._synced = max(self._synced, target)
                else:
                    self.failed = error
                self._flush.notify_all()
        if self._synced < mine and self.failed is not None:
            with self._lock:
                self._close_fd()
            raise SyncFailed(self.failed.errno or errno.EIO, self.failed.strerror)

    def repair(self) -> bool:
        """Cut a torn tail now (before a run); whether the file was shortened."""
        with self._lock:
            before = os.stat(self.path).st_size
            self._open()
            os.fsync(self.fd)
            return self._end < before

    # -- closing -------------------------------------------------------------------------

    def _close_fd(self) -> None:
        if self.fd >= 0:
            fd, self.fd = self.fd, -1
            self._end = -1
            os.close(fd)

    def close(self) -> None:
        """Flush and close (``SyncFailed`` if the last flush fails)."""
        with self._lock:
            self._drain()
