"""The copy-detection index (A11-04) of a repository, kept in the private cache.

A one-post ``govmedia check`` needs the sentence keys of every earlier post. Keying them
all on every run made a check grow with the archive, so each post's entry and keys are
stored in the per-user cache (:mod:`pipeline.rules.cache`: a directory only the user can
write, owner and mode checked before use) under the hash of the file's bytes:

- a file whose size, mtime, ctime and inode are those recorded, and that is older than the
  cache file by more than ``RACY_NS`` (git's "racy" rule), is taken as unchanged;
- any other file is read and hashed; when the hash is the recorded one its keys are
  reused, otherwise it is keyed again.

A run that changed a few records and lost none writes only those, with its own time, to a
small recent file naming the time of the main file it is over (a newer main file makes it
void); its records come first, under its time. Rewriting the main file's 350 KB for one
edited post of a thousand was most of the index's cost in a one-changed check.

Each cache file starts with the BLAKE2b digest of the rest: a truncated or edited file is
ignored and rebuilt, never trusted. Its name carries the repository's path and a hash of
the code that computes the keys, so a change of the keying code never meets old keys.
"""

from __future__ import annotations

import hashlib
import os
import stat
import time
from collections.abc import Iterator
from itertools import chain
from operator import itemgetter
from pathlib import Path
from typing import Any

from pipeline.post_files import post_rel_paths
from pipeline.rules import cache
from pipeline.rules.attribution import Entry, entry_and_keys
from pipeline.rules.cache import only_types

FORMAT = 2  # 2: the names a post is cited by (attribution.citations)
MAX_BYTES = 2 * 1024 * 1024  # larger files are not posts (the loader refuses them)
RACY_NS = 2_000_000_000
RECENT_MAX = 64  # records kept in the recent file before the main file is written again
_CODE = (
    "attribution.py",
    "normalize.py",
    "notation.py",
    "view.py",
    "removed.py",
    "attribution_cache.py",
)

Record = list[Any]  # [size, mtime_ns, ctime_ns, ino, sha, date, title, original, keys, names]


def _code_version() -> str:
    return cache.code_digest(_CODE, 8).hexdigest()


def cache_name(root: Path) -> str:
    where = hashlib.blake2b(str(root.resolve()).encode(), digest_size=8).hexdigest()
    return f"attribution-{FORMAT}-{_code_version()}-{where}.json"


def recent_name(name: str) -> str:
    """The file of the records changed since the main file ``name`` was written."""
    return "recent-" + name


def load(name: str) -> tuple[dict[str, Record], int]:
    """The trusted records of the cache file ``name`` and the time it was written (ns);
    nothing when it is missing, not ours, writable by others or fails its digest."""
    data = cache.read_sealed_json(name)
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        return {}, 0
    posts = data.get("posts")
    written = data.get("written")
    if not isinstance(posts, dict) or not isinstance(written, int):
        return {}, 0
    return posts, written


def save(name: str, records: dict[str, Record]) -> None:
    cache.write_sealed_json(name, {"format": FORMAT, "written": time.time_ns(), "posts": records})


def _valid(record: Any) -> bool:
    return (
        isinstance(record, list)
        and len(record) == 10
        and all(isinstance(x, int) for x in record[:4])
        and isinstance(record[4], str)
        and (record[5] is None or isinstance(record[5], str))
        and isinstance(record[6], str)
        and isinstance(record[7], bool)
        and isinstance(record[8], list)
        and all(isinstance(k, str) for k in record[8])
        and isinstance(record[9], list)
        and all(isinstance(n, str) for n in record[9])
    )


def trusted_records(records: dict[str, Any]) -> dict[str, Record]:
    """The records of ``records`` that are well formed (:func:`_valid`): checked column
    by column with C loops when all are, one by one otherwise."""
    rows = list(records.values())
    if (
        only_types(rows, list)
        and set(map(len, rows)) <= {10}
        and all(only_types(map(itemgetter(k), rows), int) for k in range(4))
        and only_types(map(itemgetter(4), rows), str)
        and only_types(map(itemgetter(5), rows), str, type(None))
        and only_types(map(itemgetter(6), rows), str)
        and only_types(map(itemgetter(7), rows), bool)
        and only_types(map(itemgetter(8), rows), list)
        and only_types(chain.from_iterable(map(itemgetter(8), rows)), str)
        and only_types(map(itemgetter(9), rows), list)
        and only_types(chain.from_iterable(map(itemgetter(9), rows)), str)
    ):
        return records
    return {rel: record for rel, record in records.items() if _valid(record)}


def _recent(name: str, written: int) -> tuple[dict[str, Record], int]:
    """The trusted records of the recent file of ``name`` written over the main file of
    time ``written``; nothing when it is missing, untrusted or over another main file."""
    data = cache.read_sealed_json(recent_name(name)) if written else None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        return {}, 0
    posts, recent_written = data.get("posts"), data.get("written")
    if data.get("over") != written or not isinstance(posts, dict):
        return {}, 0
    if not isinstance(recent_written, int):
        return {}, 0
    return trusted_records(posts), recent_written


def _keyed(rel: str, path: str, stamp: list[int], record: Record | None) -> Record | None:
    """The record of the post at ``path`` read now; None when it cannot be read."""
    try:
        with open(path, "rb") as handle:
            raw = handle.read()
        # As ``read_text`` reads it: universal newlines.
        text = raw.decode("utf-8").replace("\r\n", "\n").replace("\r", "\n")
    except (OSError, UnicodeDecodeError):
        return None
    sha = hashlib.blake2b(raw, digest_size=20).hexdigest()
    if record is not None and record[4] == sha:
        return [*stamp, *record[4:]]
    found = entry_and_keys(rel, text)
    if found is None:
        return [*stamp, sha, None, "", False, [], []]
    entry, keys = found
    return [*stamp, sha, entry.date, entry.title, entry.original, keys, list(entry.names)]


def _save(
    name: str,
    old: dict[str, Any],
    written: int,
    kept: tuple[dict[str, Record], dict[str, Record]],
    new: dict[str, Record],
) -> None:
    """Writes what changed: while no post is gone and few records differ from the main
    file's, only those, in the recent file over it; else the main file with every record."""
    base, recent = kept
    differ = {rel: r for rel, r in new.items() if (o := base.get(rel)) is not r and o != r}
    gone = len(base) != len(old) or any(rel not in new for rel in old)
    if not old or gone or len(differ) > RECENT_MAX:
        if differ or gone:
            save(name, new)
    elif differ != recent:
        cache.write_sealed_json(
            recent_name(name),
            {"format": FORMAT, "over": written, "written": time.time_ns(), "posts": differ},
        )


Stamp = list[int]  # size, mtime_ns, ctime_ns, inode of a regular file
Known = tuple[list[str], dict[str, Stamp]]  # post_rel_paths(root), stamps already taken


def indexed_posts(
    root: Path, *, cached: bool = True, known: Known | None = None
) -> Iterator[tuple[Entry, list[str]]]:
    """``(entry, keys)`` of every readable post with front matter, in path order.

    ``known``: the posts' paths as :func:`post_rel_paths` gives them and the stamps of
    those the caller found to be regular files of at most ``MAX_BYTES`` (from ``fstat`` of
    the file it read: what ``lstat`` gives here); the others are looked at here."""
    name = cache_name(root) if cached else ""
    old, written = load(name) if cached else ({}, 0)
    base = trusted_records(old)
    recent, recent_written = _recent(name, written) if cached else ({}, 0)
    new: dict[str, Record] = {}
    folder = os.fspath(root).rstrip("/") + "/"
    settled, recent_settled = written - RACY_NS, recent_written - RACY_NS
    rels, seen = known if known is not None else (post_rel_paths(root), {})
    for rel in rels:
        path = folder + rel  # a string: a Path per post cost more than its stat
        stamp = seen.get(rel)
        if stamp is None:
            try:
                info = os.lstat(path)
            except OSError:
                continue
            if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_BYTES:
                continue
            stamp = [info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino]
        record, since = recent.get(rel), recent_settled
        if record is None:
            record, since = base.get(rel), settled
        if record is None or record[:4] != stamp or stamp[1] >= since or stamp[2] >= since:
            record = _keyed(rel, path, stamp, record)
            if record is None:
                continue
        new[rel] = record
        if record[5] is not None:
            yield Entry(rel, record[5], record[6], record[7], tuple(record[9])), record[8]
    if cached:
        _save(name, old, written, (base, recent), new)
