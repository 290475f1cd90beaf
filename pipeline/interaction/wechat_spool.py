"""The WeChat receiver's spool: JSON lines of accepted pushes, on the server, outside the
repository (``GOVMEDIA_WECHAT_PUSH_SPOOL``), and where ``inbox fetch`` read to.

A record is written whole or not at all (a full disk cuts it back, red team round 44). The
spool grows for ever, so its operator rotates it (logrotate's ``create`` moves it to
``<spool>.1``, ``copytruncate`` copies it there and empties it) or cuts away what was
fetched. The cursor (``_Mark``) is the byte offset read to, bound to the spool's first line
and to the last line read: a spool rotated, cut back or replaced since is read again from
its start (the inbox folds what it holds by ``MsgId``), never skipped, and the rest of the
spool the cursor was in, rotated to ``<spool>.1``, is read first (red team round 45).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

MAX_RECORD = 8 * 64 * 1024  # a spool line: a push body's text, JSON-escaped
ROTATED = ".1"  # logrotate's name for the spool rotated last


class SpoolError(ValueError):
    """A record the disk did not take whole, or a spool line that is not a record."""


@dataclass(frozen=True)
class Pushed:
    msg_id: str
    user: str  # the citizen's openid (stays in the server's spool)
    text: str
    at: int  # epoch seconds

    def to_json(self) -> str:
        return json.dumps(
            {"msg_id": self.msg_id, "user": self.user, "text": self.text, "at": self.at},
            ensure_ascii=False,
        )


class Spool:
    """Append-only JSON lines of accepted pushes; the cursor is a ``_Mark``."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()

    def append(self, pushed: Pushed) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        data = (pushed.to_json() + "\n").encode("utf-8")
        with self._lock:
            fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
            try:
                _write_whole(fd, data)
            finally:
                os.close(fd)

    def read(self, cursor: str) -> tuple[list[dict[str, object]], str]:
        """The records after ``cursor`` (whole lines only) and the new cursor: the spool's
        rest when the cursor still fits it; else the rest of the rotated spool it fits,
        then the spool from its start; else the spool from its start."""
        mark = _Mark.parse(cursor)
        parts: list[_Rest] = []
        current = _Rest.of(self.path, mark)
        if current is None or not current.start:
            older = _Rest.of(self.path.with_name(self.path.name + ROTATED), mark)
            if older is not None and older.start:
                parts.append(older)
        if current is not None:
            parts.append(current)
        found = [row for part in parts for row in part.rows()]
        last = next((part for part in reversed(parts) if part.lines), None)
        if last is None:  # nothing new: the cursor while it fits a spool, else the start
            return [], cursor if any(p.start for p in parts) or not parts else ""
        line = last.lines[-1]
        return found, _Mark(
            last.start + len(last.data), last.first, len(line), _digest(line)
        ).text()


@dataclass(frozen=True)
class _Rest:
    """One spool file's whole lines from ``start``, and the digest of its first line."""

    name: str
    start: int
    data: bytes
    first: str

    @classmethod
    def of(cls, path: Path, mark: _Mark) -> _Rest | None:
        try:
            handle = path.open("rb")
        except FileNotFoundError:
            return None
        with handle:
            first = _digest(handle.readline(MAX_RECORD))
            start = mark.start(handle, first)
            handle.seek(start)
            rest = handle.read()
        return cls(path.name, start, rest[: rest.rfind(b"\n") + 1], first)  # a last line
        # without its newline is still being written

    @property
    def lines(self) -> list[bytes]:
        return self.data.split(b"\n")[:-1]

    def rows(self) -> list[dict[str, object]]:
        found = []
        for number, line in enumerate(self.lines, 1):
            try:
                found.append(json.loads(line))
            except (json.JSONDecodeError, UnicodeDecodeError):
                raise SpoolError(f"{self.name} byte {self.start}, line +{number}") from None
        return found


def _digest(line: bytes) -> str:
    return hashlib.sha256(line.rstrip(b"\n")).hexdigest()[:16]


@dataclass(frozen=True)
class _Mark:
    """A spool cursor: the byte offset read to, the digest of the spool's first line, and
    the length and digest of the last line read (``offset:first:length:last``). A cursor
    of an older receiver (a line count) or one that does not fit is read from the start."""

    offset: int = 0
    first: str = ""
    length: int = 0
    last: str = ""

    @classmethod
    def parse(cls, text: str) -> _Mark:
        parts = text.split(":")
        if len(parts) == 4 and parts[0].isdigit() and parts[2].isdigit():
            return cls(int(parts[0]), parts[1], int(parts[2]), parts[3])
        return cls()  # a line count (before round 45), empty or unreadable: from the start

    def text(self) -> str:
        return f"{self.offset}:{self.first}:{self.length}:{self.last}"

    def start(self, handle: BinaryIO, first: str) -> int:
        """Where to read on: the offset when the file begins with the same line
        (``first``) and holds the last line read just before the offset; 0 when it was
        rotated, cut back or replaced since."""
        if first != self.first or self.offset <= self.length or self.length > MAX_RECORD:
            return 0
        handle.seek(self.offset - self.length - 1)
        before = handle.read(self.length + 1)
        if len(before) != self.length + 1 or not before.endswith(b"\n"):
            return 0
        return self.offset if _digest(before[:-1]) == self.last else 0


def _write_whole(fd: int, data: bytes) -> None:
    """``data`` appended whole, or the file cut back to its size before (a full disk, a
    file size limit): SpoolError, never a torn line the next record would be glued to."""
    before = os.fstat(fd).st_size
    try:
        done = 0
        while done < len(data):
            written = os.write(fd, data[done:])
            if written <= 0:
                raise OSError("short write")
            done += written
        os.fsync(fd)
    except OSError:
        with contextlib.suppress(OSError):
            os.ftruncate(fd, before)
        raise SpoolError("not stored") from None
