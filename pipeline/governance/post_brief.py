"""What the governance reports use of a post, kept between builds by its path and bytes.

The reports read the working tree's posts (the activity table's posts not yet published,
and the author, title and waivers of a post whose ledger record lacks them) and the waivers
of every published version. Both are parsed from bytes, so a store (the site's sealed body
store, ``pipeline/site/body_store.py``) may keep them under the SHA-256 of what they are a
function of: the post's path and bytes, the validating lookups' files for a working-tree
post (``content/accounts.yml``, ``content/roster.yml``), and the source of the modules that
derive them (the store's own build key holds the parser's). A kept entry is JSON checked
field by field before use; one of another shape is parsed again.

A working-tree post that is a regular file inside the repository, last changed at least
``SETTLED`` before the build began, is kept under its status instead (path, device, inode,
size, modification and change times, with the same lookups' files and code): a build then
reads none of the unchanged posts' bytes. Writing a file, or setting its times, sets its
change time to the moment it happens, which only the clock's owner can set back: the same
status is the same bytes, as git's index takes it (docs/threat-model.md, "Kept by status
or by git's name"). A published version's waivers are kept by the blob's name while git has
the blob (``version_waivers``, ``git_blobs.kept_or_read``).
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
import os
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol, TypeVar

from pipeline import content, lookups
from pipeline.content.model import Waiver
from pipeline.git_blobs import kept_or_read
from pipeline.governance import registry as registry_code
from pipeline.lookups import AuthorLookup, ChannelLookup
from pipeline.project import Project
from pipeline.review import roster as roster_code

T = TypeVar("T")
SETTLED = 2_000_000_000  # ns: a file changed this long before a build is settled


class KeptStore(Protocol):
    """Strings kept between builds under a key (``body_store.BodyStore``)."""

    def kept(self, key: str) -> str | None: ...

    def keep(self, key: str, text: str) -> None: ...


@dataclass(frozen=True)
class PostBrief:
    """A valid working-tree post as the reports use it."""

    slug: str
    title: str
    author: str
    date: dt.date
    channels: tuple[str, ...]
    waivers: tuple[Waiver, ...]

    @classmethod
    def of(cls, post: content.Post) -> PostBrief:
        return cls(
            post.slug,
            post.title,
            post.author,
            post.date,
            tuple(post.channels),
            tuple(post.waivers),
        )


@functools.cache
def _code_key() -> str:
    """The source of the modules that make a brief (the parser's is in the store's key)."""
    digest = hashlib.sha256()
    for module in (lookups, registry_code, roster_code):
        digest.update(Path(str(module.__file__)).read_bytes())
    digest.update(Path(__file__).read_bytes())
    return digest.hexdigest()


def _key(kind: str, context: str, path: str, raw: bytes) -> str:
    head = f"governance:{kind}\0{_code_key()}\0{context}\0{path}\0".encode()
    return hashlib.sha256(head + raw).hexdigest()


def _name_key(path: str, blob: str) -> str:
    """The key of a published version's waivers kept by its blob's name."""
    return _key("name", "", path, blob.encode())


def _waivers_json(waivers: Sequence[Waiver]) -> list[list[object]]:
    return [[w.rule, w.reason, w.line] for w in waivers]


def _waivers_from(data: object) -> tuple[Waiver, ...] | None:
    if not isinstance(data, list):
        return None
    found = []
    for w in data:
        if not (isinstance(w, list) and len(w) == 3 and type(w[2]) is int):
            return None
        if not (isinstance(w[0], str) and isinstance(w[1], str)):
            return None
        found.append(Waiver(w[0], w[1], w[2]))
    return tuple(found)


def _brief_json(brief: PostBrief | None) -> str:
    if brief is None:
        return "null"
    fields = [brief.slug, brief.title, brief.author, brief.date.isoformat()]
    data = [*fields, list(brief.channels), _waivers_json(brief.waivers)]
    return json.dumps(data, ensure_ascii=False)


def _kept(text: str, read: Callable[[object], T | None]) -> tuple[T | None] | None:
    """What a kept JSON ``text`` holds, in a 1-tuple (``null``: None, a post or version
    that does not parse; else ``read`` of the value), or None when it is not of that shape."""
    try:
        data = json.loads(text)
    except ValueError:
        return None
    if data is None:
        return (None,)
    found = read(data)
    return (found,) if found is not None else None


def _brief_from(data: object) -> PostBrief | None:
    """The brief :func:`_brief_json` wrote, or None when ``data`` is not one."""
    if not (isinstance(data, list) and len(data) == 6):
        return None
    slug, title, author, day, channels, waivers = data
    if not all(isinstance(x, str) for x in (slug, title, author, day)):
        return None
    if not (isinstance(channels, list) and all(isinstance(c, str) for c in channels)):
        return None
    kept_waivers = _waivers_from(waivers)
    try:
        date = dt.date.fromisoformat(day)
    except ValueError:
        return None
    if kept_waivers is None:
        return None
    return PostBrief(slug, title, author, date, tuple(channels), kept_waivers)


def _file_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else "-"


def _status_key(context: str, rel: str, info: os.stat_result) -> str:
    """The key of a working-tree file's brief by its status: path, device, inode, size,
    modification and change times (``SETTLED``)."""
    status = f"{info.st_dev}:{info.st_ino}:{info.st_size}:{info.st_mtime_ns}:{info.st_ctime_ns}"
    head = f"governance:status\0{_code_key()}\0{context}\0{rel}\0{status}"
    return hashlib.sha256(head.encode()).hexdigest()


def _settled(info: os.stat_result, started: int) -> bool:
    """Whether the file was last changed ``SETTLED`` before ``started`` (nanoseconds): any
    later change of its bytes or status sets its change time to then or after, so the same
    status is the same bytes (git's rule for its index; a newer file is read by its bytes)."""
    return max(info.st_mtime_ns, info.st_ctime_ns) < started - SETTLED


def _brief(
    reader: content.PostReader, path: Path, context: str, store: KeptStore | None, started: int
) -> tuple[PostBrief | None] | None:
    """The brief of the post at ``path`` in a 1-tuple (None: not a valid post), or None when
    it cannot be read; kept by its status when settled, else by its bytes."""
    regular = reader.regular(path) if store is not None else None
    status = _status_key(context, *regular) if regular is not None else None
    text = store.kept(status) if store is not None and status is not None else None
    kept = _kept(text, _brief_from) if text is not None else None
    if kept is None:
        found = reader.raw(path)
        if isinstance(found, content.LoadResult):
            return None
        rel, raw = found
        key = _key("post", context, rel, raw)
        text = store.kept(key) if store is not None else None
        kept = _kept(text, _brief_from) if text is not None else None
        if kept is None:
            parsed = reader.parse(rel, raw)
            kept = (PostBrief.of(parsed.post) if parsed.post is not None else None,)
        if regular is None or not _settled(regular[1], started) or regular[0] != rel:
            status = key  # kept by its bytes until it has settled
    if store is not None and status is not None:
        store.keep(status, _brief_json(kept[0]))
    return kept


def working_posts(
    project: Project,
    registry: ChannelLookup,
    roster: AuthorLookup | None,
    store: KeptStore | None = None,
) -> list[PostBrief]:
    """Every valid post of the working tree (as ``content.load_posts`` with the registry and
    the roster finds them), parsed only when ``store`` does not keep its brief: a regular
    file inside the repository whose status is the one kept is not read (``_settled``)."""
    started = time.time_ns()
    context = f"{_file_digest(project.accounts_file)}\0{_file_digest(project.roster_file)}"
    reader = content.PostReader(project, registry=registry, roster=roster)
    result = []
    for path in content.iter_post_files(project):
        kept = _brief(reader, path, context, store, started)
        if kept is not None and kept[0] is not None:
            result.append(kept[0])
    return result


def blob_waivers(
    path: str, raw: bytes, store: KeptStore | None = None, blob: str = ""
) -> tuple[Waiver, ...] | None:
    """The waivers of a published version (``path``, ``raw``), or None when it does not
    parse; kept by the blob's name when given (``version_waivers``), else by the bytes."""
    key = _name_key(path, blob) if blob else _key("blob", "", path, raw)
    text = store.kept(key) if store is not None else None
    kept = _kept(text, _waivers_from) if text is not None else None
    if kept is None:
        parsed = content.parse_post(path, raw)
        kept = (tuple(parsed.post.waivers) if parsed.post is not None else None,)
    if store is not None:
        store.keep(key, json.dumps(None if kept[0] is None else _waivers_json(kept[0])))
    return kept[0]


def _kept_waivers(
    path: str, blob: str, store: KeptStore
) -> tuple[tuple[Waiver, ...] | None] | None:
    key = _name_key(path, blob)
    text = store.kept(key)
    kept = _kept(text, _waivers_from) if text is not None else None
    if kept is not None and text is not None:
        store.keep(key, text)
    return kept


Version = tuple[str, str]  # a published version: its path and its blob's name


def version_waivers(
    root: Path, versions: Sequence[Version], store: KeptStore | None = None
) -> dict[Version, tuple[Waiver, ...] | None]:
    """The waivers of each version git has (None: it does not parse). Kept ones are used
    while git has the blob (``git_blobs.kept_or_read``, without reading it); the others are read
    in one ``git cat-file --batch``. A version git lacks is left out, as without a store."""
    wanted = list(dict.fromkeys(versions))
    kept = {v: _kept_waivers(*v, store) for v in wanted} if store is not None else {}
    usable, blobs = kept_or_read(root, {v: v[1] for v in wanted}, kept)
    result: dict[Version, tuple[Waiver, ...] | None] = {}
    for path, blob in wanted:
        found = usable.get((path, blob))
        raw = blobs.get(blob)
        if found is not None:
            result[(path, blob)] = found[0]
        elif raw is not None:
            result[(path, blob)] = blob_waivers(path, raw, store, blob)
    return result
