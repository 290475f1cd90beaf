"""The publication ledger: what went where, when, from which commit and run (in git).

The ledger is a folder ``ledger/`` at the repository root holding JSON Lines files: one
per run (``ledger/20261202T025223Z-1a2b3c4d.jsonl``, named by the run id, which starts
with its UTC time), so that two servers publishing from clones of one remote never append
to the same file and their ledger commits rebase onto each other without conflict. Older
ledgers hold one file per month (``ledger/2026-11.jsonl``); both are read. It is
append-only: a record is never edited or removed; the state of a post on a channel is the
fold of its records in time order (``at``, then file and line). Each append is flushed and
synced to disk before the caller goes on, so a record written before a non-idempotent
platform call survives a crash (``kill -9``); a ledger keeps each file it appends to open
(ledger_append.py) until :meth:`Ledger.close`.

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

import contextlib
import datetime as dt
import errno
import hashlib
import json
import threading
import uuid
import weakref
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any, Protocol

from pipeline import clock
from pipeline.errors import ConfigError, GovmediaError
from pipeline.ledger_append import Appender
from pipeline.project import LEDGER_DIR

EVENTS_FINAL = ("published", "retracted")
# in a ``retracted`` record's detail: every version was found gone, an earlier run's call
# took the post down (publishing/retract.py; dated by governance/published.sent_dated)
GONE_BEFORE = "gone_before"
CHECKSUM_FIELD = "sum"
REPAIR_HINT = (
    "修复：确认没有发布进程在运行后，用 git checkout main -- {file} 恢复已提交的版本"
    "（未提交的记录会丢失，随后运行 govmedia ledger rebuild 依据各平台实际内容补回），"
    "或手工删除该行"
)
# Guards each ledger's table of open files.
_OPEN_LOCK = threading.Lock()


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

    def of_post(self, slug: str, path: str) -> bool:
        """Whether this is a record of the post ``slug`` at ``path``: any of its versions (the
        post and its corrections). A record written before records kept paths, or a path not
        known, matches by slug alone; a post elsewhere with the same slug never does."""
        return self.slug == slug and (not self.path or not path or self.path == path)

    def to_json(self) -> str:
        data = asdict(self)
        data[CHECKSUM_FIELD] = checksum(data)
        return json.dumps(data, ensure_ascii=False, sort_keys=True)


def same_post(a: Record, b: Record) -> bool:
    """Whether ``a`` and ``b`` are records of one post on one channel (its versions), as a
    retraction takes them down and the watch expects them gone."""
    return a.channel == b.channel and a.of_post(b.slug, b.path)


class Version(Protocol):
    """A version of a post as a delivery names it: the post itself, or an earlier record."""

    @property
    def slug(self) -> str: ...

    @property
    def path(self) -> str: ...

    @property
    def blob(self) -> str: ...


def delivery_record(
    version: Version,
    event: str,
    *,
    channel: str,
    platform: str,
    run: str,
    commit: str,
    platform_id: str = "",
    url: str = "",
    detail: dict[str, Any] | None = None,
) -> Record:
    """The record (not yet written) of an event of one delivery of ``version`` to
    ``channel``: the publisher's steps, an operator's outcome, a retraction."""
    return Record(
        event=event,
        slug=version.slug,
        channel=channel,
        run=run,
        path=version.path,
        blob=version.blob,
        commit=commit,
        platform=platform,
        platform_id=platform_id,
        url=url,
        detail=detail or {},
    )


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


def _close_all(files: dict[str, Appender]) -> None:
    with _OPEN_LOCK:
        appenders = list(files.values())
        files.clear()
    for appender in appenders:
        # a failed last flush was reported to the append that needed it
        with contextlib.suppress(OSError):
            appender.close()


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
        self._open: dict[str, Appender] = {}
        # the files are closed when the ledger is (or, at the latest, when it is collected)
        self._finalizer = weakref.finalize(self, _close_all, self._open)

    def close(self) -> None:
        """Close the files this ledger appended to (every record is on disk already)."""
        _close_all(self._open)

    def __enter__(self) -> Ledger:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _appender(self, name: str) -> Appender:
        with _OPEN_LOCK:
            appender = self._open.get(name)
            if appender is None or appender.failed is not None:
                appender = self._open[name] = Appender(self.directory / name)
            return appender

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
        never made (appends are synced before the call).
        """
        repaired: list[str] = []
        for path in self.files():
            if self._appender(path.name).repair():
                repaired.append(path.name)
        return repaired

    def append(self, record: Record) -> Record:
        """Write ``record`` to its file and return once it is on disk (LedgerWriteError if
        it cannot be written whole or synced: the caller must then stop)."""
        if not record.id or not record.at:
            record = replace(record, id=record.id or uuid.uuid4().hex, at=record.at or now_iso())
        name = file_name(record)
        data = (record.to_json() + "\n").encode("utf-8")
        try:
            self._appender(name).append(data)
        except OSError as exc:
            raise LedgerWriteError(_write_problem(self.directory / name, exc)) from None
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
