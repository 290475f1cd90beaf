"""The inbox: one JSON line per citizen item in ``interaction/YYYY/MM/<channel>.jsonl``.

Records are only appended, by the fetch (publisher-written data, DESIGN.md trust boundary).
``cursors.json`` keeps each channel's position; the records are written (and flushed) before
the cursor moves, and an item already stored is never stored again, so a fetch killed at any
point and rerun neither loses nor duplicates an item. One writer at a time: a fetch holds the
inbox's lock (``Inbox.writing``) from its first read of the stored ids and cursors to its last
write, so two fetches at once never both append one comment (red team, round 17b). Should a
second record of one id be there anyway (a record appended by hand and committed), readers
take the first (``items``); one that differs makes the item disputed (``read``): its
question is never published.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from pipeline import filelock, git
from pipeline.errors import ConfigError

INTERACTION_DIR = "interaction"
CURSORS = "cursors.json"
LOCK_FILE = "govmedia-inbox.lock"  # in the git directory: no commit or push writes there
CST = dt.timezone(dt.timedelta(hours=8))
KINDS = ("comment", "message")
REUSED_KEPT = 2  # records kept of one id: the first, and one with another text (disputed)


@dataclass(frozen=True)
class Item:
    """One comment or direct message, personal data already minimised (privacy.py)."""

    id: str  # "<channel>:<platform id>", unique in the inbox
    channel: str  # account id of content/accounts.yml
    platform: str  # wechat | weibo | app
    kind: str  # comment | message
    platform_id: str
    target: str  # the commented item on the platform (article / status / app item)
    user: str  # pseudonym (privacy.pseudonym), never the platform id
    text: str  # numbers masked (privacy.mask_numbers)
    at: str  # ISO 8601 with offset, as the platform dated it
    fetched_at: str = ""

    @property
    def when(self) -> dt.datetime:
        return dt.datetime.fromisoformat(self.at)

    def to_json(self) -> str:
        data = {name: getattr(self, name) for name in _FIELDS}  # asdict deep-copies: slow
        return json.dumps(data, ensure_ascii=False, sort_keys=True)


_FIELDS = tuple(sorted(Item.__dataclass_fields__))


def parse_item(line: str, where: str) -> Item:
    """One inbox line; ConfigError naming ``where`` (file:line) and the field."""
    try:
        data = json.loads(line)
    except (json.JSONDecodeError, RecursionError):
        raise ConfigError(f"{where}: 互动记录不是有效的 JSON。") from None
    if not isinstance(data, dict):
        raise ConfigError(f"{where}: 互动记录应为 JSON 对象。")
    values: dict[str, str] = {}
    for name in Item.__dataclass_fields__:
        value = data.get(name, "" if name == "fetched_at" else None)
        if not isinstance(value, str):
            raise ConfigError(f"{where}: 互动记录的 {name} 字段缺失或不是字符串。")
        values[name] = value
    if values["kind"] not in KINDS:
        raise ConfigError(f"{where}: 互动记录的 kind 应为 comment 或 message。")
    try:
        dt.datetime.fromisoformat(values["at"])
    except ValueError:
        raise ConfigError(f"{where}: 互动记录的 at 字段不是 ISO 8601 时间。") from None
    return Item(**values)


class Inbox:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.directory = root / INTERACTION_DIR

    @contextlib.contextmanager
    def writing(self) -> Iterator[None]:
        """Hold the inbox's one writer lock for the block (waiting for another writer):
        everything a fetch reads to decide what to append (ids, cursors, the attested
        files) and everything it writes happen under it."""
        directory = git.git_dir(self.root) or self.root
        with filelock.exclusive(directory / LOCK_FILE):
            yield

    def files(self) -> list[Path]:
        if not self.directory.is_dir():
            return []
        return sorted(self.directory.glob("[0-9][0-9][0-9][0-9]/[0-9][0-9]/*.jsonl"))

    def records(self) -> Iterator[tuple[str, Item]]:
        """Every stored record and where it is (``file:line``), oldest file first; a torn last
        line (a crash mid-write) is skipped."""
        for path in self.files():
            lines = path.read_text(encoding="utf-8", errors="replace").split("\n")
            rel = path.relative_to(self.root).as_posix()
            for number, line in enumerate(lines, 1):
                if not line.strip():
                    continue
                where = f"{rel}:{number}"
                try:
                    item = parse_item(line, where)
                except ConfigError:
                    if number >= len(lines) - 1:
                        continue
                    raise
                yield where, item

    def items(self) -> Iterator[Item]:
        """Every stored item once, as its first record: the one record every reader (the check,
        the page, the send, the listing) takes; a later record of a known id is never read."""
        return iter(self.read()[0].values())

    def read(self) -> tuple[dict[str, Item], dict[str, str]]:
        """(id -> first record, id -> ``file:line`` of a later record of the id that differs
        from the first: a disputed item, whose question no one may publish)."""
        first: dict[str, Item] = {}
        disputed: dict[str, str] = {}
        for where, item in self.records():
            known = first.setdefault(item.id, item)
            if known is not item and item.id not in disputed and _differs(known, item):
                disputed[item.id] = where
        return first, disputed

    def known_ids(self) -> set[str]:
        return {item.id for _, item in self.records()}

    def by_id(self) -> dict[str, list[Item]]:
        """Every stored record of each id, oldest first (what a fetch compares with)."""
        found: dict[str, list[Item]] = {}
        for _, item in self.records():
            found.setdefault(item.id, []).append(item)
        return found

    def add(self, items: Iterable[Item], known: set[str]) -> list[Item]:
        """Append the items not in ``known`` (updated in place); returns those written."""
        written: list[Item] = []
        for item in items:
            if item.id in known:
                continue
            known.add(item.id)
            written.append(item)
        self._append(written)
        return written

    def add_reused(
        self, items: Iterable[Item], stored: dict[str, list[Item]]
    ) -> tuple[list[Item], list[Item]]:
        """The items whose id is stored with another text (a platform that gave a comment's
        id to a different text: red team, round 18b), and of those the ones appended: the
        stored record stays the first, the one every reader takes, and a second record of
        another content makes the item disputed (``read``). An item whose text a record of
        its id already has (a re-read) is neither; past ``REUSED_KEPT`` records of one id
        nothing more is appended (a platform sending a new text on every fetch cannot grow
        the inbox), though it is still reported. ``stored`` (``by_id``) is updated in place."""
        differing: list[Item] = []
        written: list[Item] = []
        for item in items:
            records = stored.get(item.id)
            if not records or any(r.text == item.text for r in records):
                continue
            differing.append(item)
            if len(records) < REUSED_KEPT:
                records.append(item)
                written.append(item)
        self._append(written)
        return differing, written

    def _append(self, items: list[Item]) -> None:
        """Append ``items`` to their month's channel files, each write flushed."""
        fresh: dict[tuple[str, str], list[Item]] = {}
        for item in items:
            fresh.setdefault((_month(item), item.channel), []).append(item)
        for (month, channel), batch in fresh.items():
            path = self.directory / month / f"{channel}.jsonl"
            path.parent.mkdir(parents=True, exist_ok=True)
            data = "".join(i.to_json() + "\n" for i in batch).encode("utf-8")
            fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
            try:
                os.write(fd, _newline_if_torn(path) + data)
                os.fsync(fd)
            finally:
                os.close(fd)

    def rel_path(self, item: Item) -> str:
        """The record file ``item`` is (or would be) stored in, repository-relative."""
        return f"{INTERACTION_DIR}/{_month(item)}/{item.channel}.jsonl"

    # -- cursors -----------------------------------------------------------------------------

    def cursors(self) -> dict[str, str]:
        path = self.directory / CURSORS
        if not path.is_file():
            return {}
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError):
            raise ConfigError(f"{INTERACTION_DIR}/{CURSORS}: 不是有效的 JSON。") from None
        if not isinstance(data, dict) or not all(isinstance(v, str) for v in data.values()):
            raise ConfigError(f"{INTERACTION_DIR}/{CURSORS}: 应为 渠道→位置 的映射。")
        return dict(data)

    def save_cursor(self, channel: str, cursor: str) -> None:
        data = self.cursors()
        data[channel] = cursor
        self.directory.mkdir(parents=True, exist_ok=True)
        path = self.directory / CURSORS
        tmp = path.with_suffix(".json.tmp")
        tmp.write_text(json.dumps(data, ensure_ascii=False, sort_keys=True) + "\n", "utf-8")
        os.replace(tmp, path)


def _differs(first: Item, later: Item) -> bool:
    """Two records of one id say different things (the fetch time aside: a re-read)."""
    return replace(first, fetched_at="") != replace(later, fetched_at="")


def _month(item: Item) -> str:
    at = item.at
    if at.endswith("+08:00") and len(at) >= 7:  # as the fetch writes it: read, not parsed
        return f"{at[:4]}/{at[5:7]}"
    return item.when.astimezone(CST).strftime("%Y/%m")


def _newline_if_torn(path: Path) -> bytes:
    """A newline when the file ends mid-line (a crash): the next record starts a new line."""
    try:
        with path.open("rb") as handle:
            handle.seek(0, os.SEEK_END)
            if handle.tell() == 0:
                return b""
            handle.seek(-1, os.SEEK_END)
            return b"" if handle.read(1) == b"\n" else b"\n"
    except OSError:
        return b""
