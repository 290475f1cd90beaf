"""The findings of ``govmedia check`` per post file, kept between runs (issue 17).

As ruff and pre-commit do, a file whose inputs have not changed is not checked again. A
post's record is kept under the SHA-256 of everything that decides its own findings:

- its repository-relative path and its bytes;
- the build key (:func:`build_key`): every file of the ``pipeline`` package (code, lexicons,
  rule files, the semantic model), the Python version and the installed distributions;
- the unit's configuration (:func:`unit_key`): ``content/accounts.yml``,
  ``content/roster.yml``, every file under ``content/rules/`` (rule files, terms, allowed
  phrases), and the current year (an identity number's birth year is checked against it).

What a post's findings read beyond that is recorded with them and compared on every run:

- copy detection (A11-04) reads the copy index of every post: the record keeps the
  sentence keys the post looks up and a digest of the index entries under those keys
  (:func:`copy_digest`); any change there (a post added, removed, retitled or redated
  that shares a sentence) makes the record a miss;
- the files a post pulls in: each one's problem in the working tree or the SHA-256 of its
  bytes (``asset_state``), checked again on every run (red team, round 19b: an image
  replaced under an unchanged post).

The store is :data:`SHARDS` sealed JSON files per repository in the private per-user cache
(:mod:`pipeline.rules.cache`: owner and mode checked, not a link, BLAKE2b digest of the
content), each post's record in the one its path chooses (:func:`shard_of`), so that a run
where one post changed rewrites a sixteenth of the records; a file that fails any of these
checks, a record of the wrong shape or in the wrong file, or a finding of the wrong types
is ignored and its posts are checked again. Server-side gates never read it:
only ``govmedia check`` asks for it.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import stat
import sys
import time
import zlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from pipeline import clock
from pipeline.findings import Finding, stored_finding
from pipeline.project import Project
from pipeline.rules import cache
from pipeline.rules.asset_state import asset_state

if TYPE_CHECKING:
    from pipeline.rules.attribution import RepoIndex

FORMAT = 2
SHARDS = 16  # files of one repository's store
UNIT_RULES = "content/rules"  # rulebook.UNIT_FOLDER; lexicon.UNIT_TERMS and UNIT_ALLOW in it
_SEVERITIES = ("error", "warning")
_ROW_TYPES = (str, int, int, str, str, str, str, str, bool)


class Waiver(NamedTuple):
    """A post's waiver as the check applies it (``content.Waiver``'s fields; this module
    does not import the loader, which a run of hits never needs)."""

    rule: str
    reason: str
    line: int


@dataclass(frozen=True, repr=False, eq=False)
class Outcome:
    """One file's part of a check: its findings before waivers, and its post's waivers."""

    path: str
    post: bool  # the file loaded as a post
    waivers: list[Waiver]
    loaded: list[Finding]
    rules: list[Finding]
    integrity: list[Finding]


@dataclass(frozen=True, repr=False, eq=False)
class Depends:
    """What a post's findings read beyond its bytes and the run's key."""

    copy: list[str]  # sentence keys looked up in the copy index
    copy_digest: str  # of the index entries under those keys (:func:`copy_digest`)
    assets: list[tuple[str, str]]  # (referenced file, its ``asset_state``)


RACY_NS = 2_000_000_000  # a file changed this recently may change again unseen (git's rule)


@functools.cache
def build_key() -> str:
    """SHA-256 of every file of the ``pipeline`` package, the Python version and the names
    (with versions) of the installed distributions.

    Remembered in the private cache under each file's size, mtime, ctime and inode (as the
    lexicon cache is): the files are read again when any of these differs, or when a file
    was changed less than ``RACY_NS`` before the key was worked out."""
    package = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    files: list[tuple[str, str]] = []
    cut = len(package) + 1  # every folder os.walk gives starts with ``package + "/"``
    for folder, subfolders, names in os.walk(package):
        subfolders[:] = sorted(s for s in subfolders if s != "__pycache__")
        for name in sorted(names):
            path = os.path.join(folder, name)
            files.append((path[cut:], path))  # os.path.relpath: 4 µs a file, 380 files
    try:
        infos = [os.stat(path) for _, path in files]
    except OSError:
        infos = []
    stamps = [
        [rel, i.st_size, i.st_mtime_ns, i.st_ctime_ns, i.st_ino]
        for (rel, _), i in zip(files, infos, strict=False)
    ]
    head = [FORMAT, sys.version, sys.implementation.cache_tag, package, *_libraries()]
    name = f"check-build-{hashlib.blake2b(json.dumps(head).encode(), digest_size=8).hexdigest()}"
    kept = cache.read_sealed_json(name + ".json")
    if isinstance(kept, dict) and kept.get("stamps") == stamps and infos:
        key = kept.get("key")
        if isinstance(key, str):
            return key
    digest = hashlib.sha256(json.dumps(head).encode())
    for rel, path in files:
        with open(path, "rb") as handle:
            data = handle.read()
        digest.update(rel.encode() + b"\0" + len(data).to_bytes(8, "big") + data)
    settled = time.time_ns() - RACY_NS
    if infos and all(i.st_mtime_ns < settled and i.st_ctime_ns < settled for i in infos):
        cache.write_sealed_json(name + ".json", {"stamps": stamps, "key": digest.hexdigest()})
    return digest.hexdigest()


def _libraries() -> list[str]:
    """The installed distributions (their names carry their versions)."""
    found = []
    for entry in sys.path:
        if entry.endswith(("site-packages", "dist-packages")) and os.path.isdir(entry):
            found += [entry, *sorted(n for n in os.listdir(entry) if n.endswith(".dist-info"))]
    return found


def unit_key(project: Project) -> str | None:
    """SHA-256 of the build key, the year and the unit's configuration and rule files;
    None when one of them cannot be read (the check then reads them and says why)."""
    digest = hashlib.sha256(f"{build_key()}\0{clock.china_year()}".encode())  # the rules' year
    files = [project.accounts_file, project.roster_file]
    rules = project.root / UNIT_RULES
    try:
        if rules.is_dir():
            files += sorted(p for p in rules.rglob("*") if not p.is_dir())
        for path in files:
            digest.update(project.rel(path).encode() + b"\0")
            data = path.read_bytes() if path.exists() else b"\0missing"
            digest.update(len(data).to_bytes(8, "big") + data)
    except (OSError, ValueError):
        return None
    return digest.hexdigest()


def file_key(unit: str, rel: str, raw: bytes) -> str:
    digest = hashlib.sha256(f"{unit}\0{rel}\0".encode())
    digest.update(raw)
    return digest.hexdigest()


_JSON = json.JSONEncoder(ensure_ascii=False).encode  # json.dumps(..., ensure_ascii=False)
BIG_BUCKET = 8  # entries under one sentence key above which its digest is remembered


def copy_digest(
    sentences: Mapping[str, Sequence[Sequence[Any]]], keys: list[str], memo: dict[str, str]
) -> str:
    """A digest of the copy index's entries under ``keys``: the entries themselves, or for a
    sentence many posts share (a footer) the digest of its entries, worked out once per run
    (``memo``)."""
    parts: list[Any] = []
    for key in keys:
        entries = sentences.get(key)
        if entries is not None and len(entries) > BIG_BUCKET:
            part = memo.get(key)
            if part is None:
                text = _JSON(entries).encode()
                part = memo[key] = hashlib.blake2b(text, digest_size=16).hexdigest()
            parts.append(part)
        else:
            parts.append(entries)
    text = _JSON(parts).encode()
    return hashlib.blake2b(text, digest_size=16).hexdigest()


def _row(f: Finding) -> list[Any]:
    assert f.waived is None  # findings are stored before waivers are applied
    row = [f.path, f.line, f.column, f.rule, f.article, f.severity, f.message, f.match]
    return [*row, f.unreadable]


def _finding(row: Any) -> Finding:
    if not isinstance(row, list) or tuple(map(type, row)) != _ROW_TYPES:
        raise ValueError("not a finding")
    if row[5] not in _SEVERITIES:
        raise ValueError("not a severity")
    return stored_finding(row)


def _findings(rows: Any) -> list[Finding]:
    if not isinstance(rows, list):
        raise ValueError("not a list of findings")
    return [_finding(row) for row in rows]


def _strings(value: Any, size: int | None = None) -> list[str]:
    if not isinstance(value, list) or not cache.only_types(value, str):
        raise ValueError("not a list of strings")
    if size is not None and len(value) != size:
        raise ValueError("wrong length")
    return value


def _waiver(value: Any) -> Waiver:
    if not isinstance(value, list) or tuple(map(type, value)) != (str, str, int):
        raise ValueError("not a waiver")
    return Waiver(*value)


def _pair(value: Any) -> tuple[str, str]:
    first, second = _strings(value, 2)
    return first, second


def shard_of(rel: str) -> int:
    """The store file that keeps the record of the post at ``rel``."""
    return zlib.crc32(rel.encode()) % SHARDS


def _shard_records(data: Any, shard: int) -> dict[str, Any]:
    """The records of one store file that belong in it; none when it is not well formed."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        return {}
    records = data.get("records")
    if not isinstance(records, dict):
        return {}
    return {rel: r for rel, r in records.items() if shard_of(rel) == shard}


Problem = Callable[[str], str]  # a referenced file's state in the working tree (asset_state)


class ResultStore:
    """The records of one repository, read once per run and written back when they changed."""

    def __init__(self, project: Project, unit: str) -> None:
        self.unit = unit
        where = hashlib.blake2b(str(project.root.resolve()).encode(), digest_size=8)
        self.names = [
            f"check-results-{FORMAT}-{where.hexdigest()}-{i:02d}.json" for i in range(SHARDS)
        ]
        self.records: dict[str, Any] = {}
        for shard, name in enumerate(self.names):
            self.records.update(_shard_records(cache.read_sealed_json(name), shard))
        self.changed: set[int] = set()  # the shards to write back

    @classmethod
    def open(cls, project: Project) -> ResultStore | None:
        """The store of ``project``; None when there is no private cache or the unit's
        files cannot be read."""
        if cache.cache_dir() is None:
            return None
        unit = unit_key(project)
        return None if unit is None else cls(project, unit)

    def key(self, rel: str, raw: bytes) -> str:
        return file_key(self.unit, rel, raw)

    def get(
        self, rel: str, key: str, digest: Callable[[list[str]], str], problem: Problem
    ) -> Outcome | None:
        """The outcome kept for ``rel`` under ``key`` when what it read is unchanged:
        ``digest`` gives the copy digest of sentence keys now, ``problem`` a referenced
        file's state now (``asset_state``). None for a miss or a record that is not well formed."""
        record = self.records.get(rel)
        if not isinstance(record, dict) or record.get("key") != key:
            return None
        try:
            copy = _strings(record["copy"])
            assets = [_pair(p) for p in record["assets"]]
            if record["copy_digest"] != (digest(copy) if copy else ""):
                return None
            if any(problem(path) != found for path, found in assets):
                return None
            post = record["post"]
            if not isinstance(post, bool):
                return None
            return Outcome(
                rel,
                post,
                [_waiver(w) for w in record["waivers"]],
                _findings(record["loaded"]),
                _findings(record["rules"]),
                _findings(record["integrity"]),
            )
        except (KeyError, TypeError, ValueError):
            return None

    def put(self, key: str, outcome: Outcome, depends: Depends) -> None:
        self.records[outcome.path] = {
            "key": key,
            "post": outcome.post,
            "waivers": [[w.rule, w.reason, w.line] for w in outcome.waivers],
            "loaded": [_row(f) for f in outcome.loaded],
            "rules": [_row(f) for f in outcome.rules],
            "integrity": [_row(f) for f in outcome.integrity],
            "copy": depends.copy,
            "copy_digest": depends.copy_digest if depends.copy else "",
            "assets": [list(p) for p in depends.assets],
        }
        self.changed.add(shard_of(outcome.path))

    def save(self, keep: set[str]) -> None:
        """Write back the shards whose records changed (keeping only those of ``keep``: the
        posts of the repository and the files of this run)."""
        shards: list[dict[str, Any]] = [{} for _ in self.names]
        for rel, record in self.records.items():
            if rel in keep:
                shards[shard_of(rel)][rel] = record
            else:
                self.changed.add(shard_of(rel))
        for shard in sorted(self.changed):
            data = {"format": FORMAT, "records": shards[shard]}
            cache.write_sealed_json(self.names[shard], data)


MAX_BYTES = 2 * 1024 * 1024  # larger files are not posts (the loader refuses them)


class Current:
    """What stored records are compared with, read on first need: the copy index of the
    repository as it is now, and the working tree's files."""

    def __init__(self, project: Project, every: list[str] | None = None) -> None:
        self.root = project.root
        self.real_root = project.root.resolve()
        self.prefix = f"{project.root.absolute()}/"
        self._folders: dict[str, bool] = {}  # folder -> its real path is inside the root
        self.index: RepoIndex | None = None  # the copy index, once a record needs it
        self._memo: dict[str, str] = {}
        self.stamps: dict[str, list[int]] = {}  # of the files read, for the copy index
        self.known = None if every is None else (every, self.stamps)  # every: post_rel_paths

    def read(self, path: Path | str) -> tuple[str, bytes] | None:
        """(repository-relative path, bytes) of a regular file (not a link) of at most
        ``MAX_BYTES`` whose folder is inside the repository, as the loader reads it; None
        for anything else, which the loader then reads and judges itself. A text is taken
        as the path it names (``str`` of an absolute one)."""
        text = (
            path if isinstance(path, str) else str(path if path.is_absolute() else self.root / path)
        )
        if not text.startswith(self.prefix):
            return None
        folder = text.rpartition("/")[0]
        inside = self._folders.get(folder)
        if inside is None:
            try:
                inside = Path(folder).resolve().is_relative_to(self.real_root)
            except (OSError, RuntimeError):  # a loop of links, for one
                inside = False
            self._folders[folder] = inside
        if not inside:
            return None
        try:
            handle = os.open(text, os.O_RDONLY | os.O_NOFOLLOW)
        except OSError:
            return None
        try:  # without a file object: a third of this loop's time for 1,000 posts
            info = os.fstat(handle)
            if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_BYTES:
                return None
            parts = [os.read(handle, info.st_size + 1)]
            while parts[-1]:  # to the end, as ``read()`` reads (the file may have grown)
                parts.append(os.read(handle, 1 << 16))
            rel = text[len(self.prefix) :]
            self.stamps[rel] = [info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino]
            return rel, b"".join(parts)
        finally:
            os.close(handle)

    def digest(self, keys: list[str]) -> str:
        """:func:`copy_digest` of ``keys`` in the copy index as it is now."""
        if self.index is None:
            from pipeline.rules.attribution import RepoIndex

            self.index = RepoIndex(self.root, known=self.known)
        return copy_digest(self.index.sentences, keys, self._memo)

    def problem(self, rel: str) -> str:
        return asset_state(self.root, rel)
