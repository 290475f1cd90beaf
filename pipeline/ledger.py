"""The publication ledger: what went where, when, from which commit and run (in git).

The ledger is a folder ``ledger/`` at the repository root holding JSON Lines files: one
per run (``ledger/20261202T025223Z-1a2b3c4d.jsonl``, named by the run id, which starts
with its UTC time), so that two servers publishing from clones of one remote never append
to the same file and their ledger commits rebase onto each other without conflict. Older
ledgers hold one file per month (``ledger/2026-11.jsonl``); both are read. It is
append-only: a record is never edited or removed; the state of a post on a channel is the
fold of its records in time order (``at``, then file and line). Each append is flushed and
fsynced before the caller goes on, so a record written before a non-idempotent platform
call survives a crash (``kill -9``).

Each record carries ``sum``, a checksum of its other fields (readers refuse a line whose
checksum does not match; records written before checksums existed have none).

Record fields (JSON object, one per line):

``id``        unique record id
``at``        RFC 3339 time of the event (UTC)
``run``       id of the run that wrote it
``event``     ``intent`` | ``published`` | ``failed`` | ``retract-intent`` | ``retracted``
              | ``reconciled`` | ``skipped`` (publishing may add more; readers ignore unknown)
``slug``      the post's slug (stable id; the archive URL)
``path``      the post's repository path when the event happened
``blob``      the git blob id of the post version concerned
``commit``    the main commit the run published from
``channel``   account id (``content/accounts.yml``)
``platform``  wechat | weibo | app | other
``platform_id``, ``url``  ids and public URL on the platform (``published``)
``detail``    free-form dict: error codes, reasons, media ids, the review record ...
``sum``       checksum (``sha256:`` + 16 hex digits of the record's canonical JSON without it)
"""

from __future__ import annotations

import datetime as dt
import errno
import hashlib
import json
import os
import threading
import uuid
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from pipeline import clock
from pipeline.errors import ConfigError, GovmediaError
from pipeline.project import LEDGER_DIR

EVENTS_FINAL = ("published", "retracted")
CHECKSUM_FIELD = "sum"
REPAIR_HINT = (
    "修复：确认没有发布进程在运行后，用 git checkout main -- {file} 恢复已提交的版本"
    "（未提交的记录会丢失，随后运行 govmedia ledger rebuild 依据各平台实际内容补回），"
    "或手工删除该行"
)
# Serialises the tail check and the write of appends within a process; the fsync runs
# outside it so that concurrent writers (publishing lanes) share the disk flushes.
_APPEND_LOCK = threading.Lock()


@dataclass(frozen=True)
class Record:
    event: str
    slug: str
    channel: str
    at: str = ""
    id: str = ""
    run: str = ""
    path: str = ""
    blob: str = ""
    commit: str = ""
    platform: str = ""
    platform_id: str = ""
    url: str = ""
    detail: dict[str, Any] = field(default_factory=dict)

    @property
    def when(self) -> dt.datetime:
        return dt.datetime.fromisoformat(self.at.replace("Z", "+00:00"))

    def to_json(self) -> str:
        data = asdict(self)
        data[CHECKSUM_FIELD] = checksum(data)
        return json.dumps(data, ensure_ascii=False, sort_keys=True)


def checksum(data: dict[str, Any]) -> str:
    """The checksum of a record's fields (every field but ``sum`` itself)."""
    body = {k: v for k, v in data.items() if k != CHECKSUM_FIELD}
    canonical = json.dumps(body, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return "sha256:" + hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:16]


def parse_record(line: str, where: str) -> Record:
    """One ledger line as a Record; ConfigError naming ``where`` (``ledger/<file>:<line>``)."""
    try:
        data = json.loads(line)
    except (json.JSONDecodeError, RecursionError):
        raise ConfigError(f"{where}: 发布台账记录不是有效的 JSON。") from None
    if not isinstance(data, dict):
        raise ConfigError(f"{where}: 发布台账记录应为 JSON 对象。")
    stored = data.get(CHECKSUM_FIELD)
    if stored is not None and stored != checksum(data):
        raise ConfigError(f"{where}: 发布台账记录的校验和不符（记录被截断或改动过）。")
    if not isinstance(data.get("event"), str) or not data["event"]:
        raise ConfigError(f"{where}: 发布台账记录缺少 event 字段。")
    values: dict[str, Any] = {}
    for name in Record.__dataclass_fields__:
        if name not in data:
            continue
        value = data[name]
        expected = dict if name == "detail" else str
        if not isinstance(value, expected):
            kind = "对象" if expected is dict else "字符串"
            raise ConfigError(f"{where}: 发布台账记录的 {name} 字段应为{kind}。")
        values[name] = value
    for name in ("slug", "channel"):
        if name not in values:
            raise ConfigError(f"{where}: 发布台账记录缺少 {name} 字段。")
    return Record(**values)


def _is_json(line: str) -> bool:
    try:
        json.loads(line)
    except (json.JSONDecodeError, RecursionError):
        return False
    return True


def _torn(line: str) -> bool:
    """A last line without its newline that is not a whole, intact record."""
    try:
        parse_record(line, "")
    except ConfigError:
        return True
    return False


def _after_tail(fd: int, path: Path) -> bytes:
    """Make the file end on a line boundary before an append; what to write first.

    A torn tail (an append interrupted by a crash) is cut off: a line that is not a record
    must never reach a ledger commit, which may only add whole records. A complete record
    that merely lacks its newline is kept and ended.
    """
    size = os.fstat(fd).st_size
    if not size:
        return b""
    with open(path, "rb") as fh:
        fh.seek(max(0, size - 65536))
        tail = fh.read()
    if tail.endswith(b"\n"):
        return b""
    cut = tail.rfind(b"\n")
    fragment = tail[cut + 1 :] if cut >= 0 else tail
    if cut < 0 and size > len(tail):
        return b"\n"  # a line longer than the window: keep it, as before
    if not _torn(fragment.decode("utf-8", "replace")):
        return b"\n"
    os.ftruncate(fd, size - len(fragment))
    return b""


class LedgerWriteError(GovmediaError):
    """A record could not be written whole (disk full, read-only): the caller stops before
    the platform call the record announces."""


def _write_problem(path: Path, exc: OSError) -> str:
    reason = "磁盘空间不足" if exc.errno == errno.ENOSPC else (exc.strerror or type(exc).__name__)
    return (
        f"无法写入发布台账 {LEDGER_DIR}/{path.name}（{reason}）：本次运行就此停止，"
        "已写入的记录完整保留；腾出空间或修复权限后重新运行即可续传"
        "（此前已发出的平台调用会先与平台核对，不会重复发送）。"
    )


def _write_all(fd: int, data: bytes) -> None:
    """``os.write`` until every byte is written (a short write is not an error by itself)."""
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        if written <= 0:
            raise OSError(errno.ENOSPC, "short write")
        view = view[written:]


def file_name(record: Record) -> str:
    """The file a record goes to: its run's own file, or the month's for a record without run."""
    if record.run and all(c.isalnum() or c in "-_" for c in record.run):
        return f"{record.run}.jsonl"
    return f"{record.at[:7]}.jsonl"


def now_iso() -> str:
    return clock.iso_z(clock.now())


def new_run_id() -> str:
    return clock.now().strftime("%Y%m%dT%H%M%SZ-") + uuid.uuid4().hex[:8]


class Ledger:
    def __init__(self, directory: Path) -> None:
        self.directory = directory

    def files(self) -> list[Path]:
        if self.directory.is_symlink() or (self.directory.exists() and not self.directory.is_dir()):
            raise ConfigError(
                f"{LEDGER_DIR} 不是目录：发布台账应是仓库根目录下的 {LEDGER_DIR}/ 文件夹。"
                f"为免重复发布，在恢复之前不读取台账、不发布（git checkout main -- {LEDGER_DIR}）。"
            )
        if not self.directory.is_dir():
            return []
        return sorted(self.directory.glob("*.jsonl"))

    def records(self) -> Iterator[Record]:
        """Every record, in time order. A torn last line (a crash mid-write) is skipped.

        A line that is not a record raises ConfigError naming ``ledger/<file>:<line>`` and
        how to repair it.
        """
        found: list[Record] = []
        for path in self.files():
            found.extend(self._read(path))
        found.sort(key=lambda r: r.at)  # stable: file and line order break ties
        yield from found

    def _read(self, path: Path) -> list[Record]:
        lines = path.read_text(encoding="utf-8", errors="replace").split("\n")
        records: list[Record] = []
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            where = f"{LEDGER_DIR}/{path.name}:{number}"
            try:
                records.append(parse_record(line, where))
            except ConfigError as exc:
                if number == len(lines) and _torn(line):
                    continue  # the torn tail of an interrupted append (no newline yet)
                hint = REPAIR_HINT.format(file=f"{LEDGER_DIR}/{path.name}")
                raise ConfigError(f"{exc}{hint}。") from None
        return records

    def repair_tails(self) -> list[str]:
        """Cut the torn last line of every file (a crash mid-append); the files repaired.

        An intent cut this way was never complete on disk, so the call it announced was
        never made (appends are fsynced before the call).
        """
        repaired: list[str] = []
        for path in self.files():
            fd = os.open(path, os.O_WRONLY | os.O_APPEND)
            try:
                with _APPEND_LOCK:
                    before = os.fstat(fd).st_size
                    os.write(fd, _after_tail(fd, path))
                    if os.fstat(fd).st_size < before:
                        repaired.append(path.name)
                os.fsync(fd)
            finally:
                os.close(fd)
        return repaired

    def append(self, record: Record) -> Record:
        if not record.id or not record.at:
            record = Record(
                **{
                    **asdict(record),
                    "id": record.id or uuid.uuid4().hex,
                    "at": record.at or now_iso(),
                }
            )
        self.directory.mkdir(parents=True, exist_ok=True)
        path = self.directory / file_name(record)
        data = (record.to_json() + "\n").encode("utf-8")
        try:
            fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        except OSError as exc:
            raise LedgerWriteError(_write_problem(path, exc)) from None
        try:
            with _APPEND_LOCK:
                start = os.fstat(fd).st_size
                data = _after_tail(fd, path) + data
                try:
                    _write_all(fd, data)
                except OSError as exc:
                    # never leave a partial record: the caller must not act on it
                    os.ftruncate(fd, start)
                    raise LedgerWriteError(_write_problem(path, exc)) from None
            try:
                os.fsync(fd)
            except OSError as exc:
                raise LedgerWriteError(_write_problem(path, exc)) from None
        finally:
            os.close(fd)
        return record

    def state(self) -> dict[tuple[str, str], Record]:
        """The latest record per (slug, channel)."""
        latest: dict[tuple[str, str], Record] = {}
        for record in self.records():
            latest[(record.slug, record.channel)] = record
        return latest

    def published(self) -> dict[tuple[str, str], Record]:
        """(slug, channel) -> its latest ``published`` record, unless retracted since."""
        result: dict[tuple[str, str], Record] = {}
        for record in self.records():
            key = (record.slug, record.channel)
            if record.event == "published":
                result[key] = record
            elif record.event == "retracted":
                result.pop(key, None)
        return result
