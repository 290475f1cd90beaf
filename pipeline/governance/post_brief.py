"""What the governance reports use of a post, kept between builds by its path and bytes.

The reports read the working tree's posts (the activity table's posts not yet published,
and the author, title and waivers of a post whose ledger record lacks them) and the waivers
of every published version. Both are parsed from bytes, so a store (the site's sealed body
store, ``pipeline/site/body_store.py``) may keep them under the SHA-256 of what they are a
function of: the post's path and bytes, the validating lookups' files for a working-tree
post (``content/accounts.yml``, ``content/roster.yml``), and the source of the modules that
derive them (the store's own build key holds the parser's). A kept entry is JSON checked
field by field before use; one of another shape is parsed again.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol, TypeVar

from pipeline import content, lookups
from pipeline.content.model import Waiver
from pipeline.governance import registry as registry_code
from pipeline.lookups import AuthorLookup, ChannelLookup
from pipeline.project import Project
from pipeline.review import roster as roster_code

T = TypeVar("T")


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


def working_posts(
    project: Project,
    registry: ChannelLookup,
    roster: AuthorLookup | None,
    store: KeptStore | None = None,
) -> list[PostBrief]:
    """Every valid post of the working tree (as ``content.load_posts`` with the registry and
    the roster finds them), parsed only when ``store`` does not keep its brief."""
    context = f"{_file_digest(project.accounts_file)}\0{_file_digest(project.roster_file)}"
    reader = content.PostReader(project, registry=registry, roster=roster)
    result = []
    for path in content.iter_post_files(project):
        found = reader.raw(path)
        if isinstance(found, content.LoadResult):
            continue
        rel, raw = found
        key = _key("post", context, rel, raw)
        text = store.kept(key) if store is not None else None
        kept = _kept(text, _brief_from) if text is not None else None
        if kept is None:
            parsed = reader.parse(rel, raw)
            kept = (PostBrief.of(parsed.post) if parsed.post is not None else None,)
        if store is not None:
            store.keep(key, _brief_json(kept[0]))
        if kept[0] is not None:
            result.append(kept[0])
    return result


def blob_waivers(
    path: str, raw: bytes, store: KeptStore | None = None
) -> tuple[Waiver, ...] | None:
    """The waivers of a published version (``path``, ``raw``), or None when it does not parse."""
    key = _key("blob", "", path, raw)
    text = store.kept(key) if store is not None else None
    kept = _kept(text, _waivers_from) if text is not None else None
    if kept is None:
        parsed = content.parse_post(path, raw)
        kept = (tuple(parsed.post.waivers) if parsed.post is not None else None,)
    if store is not None:
        store.keep(key, json.dumps(None if kept[0] is None else _waivers_json(kept[0])))
    return kept[0]
