"""What page generation made of each post last time, reused when none of its inputs changed.

Rendering a post body (Markdown, then the one sanitiser) and writing its page's front
matter is most of ``generate()``; before this store it was done for every post on every
build. Each post's output (the page's Markdown, the ``.bodies/`` HTML and the clean body
for the feeds) is kept under the hash of everything it is made of: the whole archive record
of the post (front matter, body, blob, versions with their reviews and acknowledgements,
channels, retraction, image hashes), the unit's time zone, the source of every module that
writes it and the versions of Python, Markdown, nh3 and PyYAML. A different input is a
different key, so a hit is the output a fresh rendering would give, byte for byte
(``tests/site/test_incremental.py`` compares whole sites).

The facts of each post's blob (``archive.PostFacts``: its parsed front matter, body and
body images) are kept too, under the hash of its path and the blob's name (git's hash of
its bytes), with the source of every module that parses a post in the build key: an
unchanged post is not parsed again, nor read from git while git has it (``git_blobs.py``). Another
generator keeps strings under keys of its own (``kept``/``keep``: the governance pages'
posts, ``governance/post_brief.py``), which it checks before use.

The store is one file, ``bodies.json`` in the build's ``body-cache`` store folder (the
outputs themselves, one sealed file an entry beside it, ``post_outputs.py``; the file
keeps the SHA-256 of each output's two page files): inside
the checkout's git directory, where no commit can put a file (``stores.py``), of the
building user and writable by nobody else (as the page cache), sealed by the BLAKE2b digest of its JSON
(the format of :mod:`pipeline.rules.cache`): a file that is not ours, writable by others, a
symlink, truncated or edited is ignored and every post is rendered again. Entries are
strings in JSON, never code. Only the entries of the last build are kept.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import os
import sys
import zoneinfo
from importlib import metadata
from pathlib import Path

from pipeline import (
    assetpath,
    atomic_file,
    content,
    content_limits,
    findings,
    html_sanitize,
    references,
    schema,
    unit_time,
    yaml_zh,
    yamlutil,
)
from pipeline.platforms import render_common
from pipeline.rules.cache import digest, trusted_file, unseal
from pipeline.site import archive, fmt, media, pages, paths, post_outputs, sanitize
from pipeline.site.archive import ArchivePost, PostFacts
from pipeline.site.carry import Vouched
from pipeline.site.post_outputs import Hashes, Output, Outputs, page_hashes

FILE = "bodies.json"
FORMAT = 3
PACKAGES = ("Markdown", "nh3", "PyYAML")
_CODE = (
    archive,
    assetpath,
    content_limits,
    fmt,
    html_sanitize,
    media,
    pages,
    paths,
    post_outputs,
    sanitize,
    unit_time,
    findings,
    references,
    render_common,
    yaml_zh,
    yamlutil,
)
# packages whose every module parses a post (its facts: ``archive.PostFacts``)
_PACKAGES_CODE = (content, schema)


def _jsonable(value: object) -> object:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return vars(value)  # every field (json walks it in C: no deep copy as ``asdict``)
    if isinstance(value, bytes):
        return {"sha256": hashlib.sha256(value).hexdigest()}
    if isinstance(value, dt.date | dt.datetime):
        return {type(value).__name__: value.isoformat()}
    raise TypeError(f"{type(value).__name__} has no stable form")


def build_key() -> str:
    """What every entry of this build shares: the code that renders and the versions."""
    digest = hashlib.sha256(f"{FORMAT}\0{sys.version}".encode())
    files = [Path(str(module.__file__)) for module in _CODE]
    for package in _PACKAGES_CODE:
        files += sorted(Path(str(package.__file__)).parent.glob("*.py"))
    for file in files:
        digest.update(file.read_bytes())
    for name in PACKAGES:
        digest.update(f"\0{name}={metadata.version(name)}".encode())
    return digest.hexdigest()


def zone_key(zone: dt.tzinfo | None) -> str:
    """The zone and its rules (the file the zone was read from), as shown times depend on."""
    key = getattr(zone, "key", None)
    rules = ""
    if isinstance(zone, zoneinfo.ZoneInfo) and isinstance(key, str):
        for folder in zoneinfo.TZPATH:
            path = Path(folder, key)
            if path.is_file():
                rules = hashlib.sha256(path.read_bytes()).hexdigest()
                break
        else:
            try:
                rules = "tzdata " + metadata.version("tzdata")
            except metadata.PackageNotFoundError:
                rules = ""
    return f"{zone!r} {rules}"


def post_key(common: str, ap: ArchivePost, zone: str) -> str | None:
    """The key of one post's output (``zone``: :func:`zone_key`); None when some input has
    no stable form (such a post is rendered and not stored)."""
    record = vars(ap)
    try:
        text = json.dumps(
            [common, zone, record], ensure_ascii=False, sort_keys=True, default=_jsonable
        )
    except (TypeError, ValueError):
        return None
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def blob_key(path: str, blob: str) -> str:
    """The key of a post's facts: its path and its blob's name, the hash of the bytes
    ``parse_post`` reads (git gives no other bytes for a name: ``git_blobs.py``)."""
    return hashlib.sha256(f"facts\0{path}\0{blob}".encode()).hexdigest()


def _valid(entry: object) -> bool:
    return isinstance(entry, list) and len(entry) == 2 and all(isinstance(x, str) for x in entry)


class BodyStore:
    """The stored outputs of ``folder`` (a private folder: ``stores.private_folder``)."""

    def __init__(self, folder: Path) -> None:
        self.path = folder / FILE
        self.common = build_key()
        self.outputs = Outputs(folder, self.common)
        self.stored: dict[str, Hashes] = {}  # output key -> its page files' hashes
        self.used: dict[str, Hashes] = {}
        self.made: dict[str, Output] = {}  # outputs to write as entries (``post_outputs``)
        self.vouched: dict[str, Vouched] = {}  # page files written or verified (``carry``)
        self.stored_facts: dict[str, str] = {}  # blob key -> PostFacts.to_json()
        self.used_facts: dict[str, str] = {}
        self.stored_kept: dict[str, str] = {}  # other generators' entries (``kept``)
        self.used_kept: dict[str, str] = {}
        self.keys: dict[str, str | None] = {}  # slug -> its output's key, this build
        self.hits = 0
        self.parsed = 0  # posts whose facts were not kept (parsed by this build)
        data = None
        if trusted_file(self.path):
            try:
                data = unseal(self.path.read_text(encoding="utf-8"))
            except (OSError, UnicodeDecodeError):
                data = None
        if isinstance(data, dict) and data.get("build") == self.common:
            entries = data.get("posts")
            if isinstance(entries, dict):
                self.stored = {k: tuple(v) for k, v in entries.items() if _valid(v)}  # type: ignore[misc]
            facts = data.get("facts")
            if isinstance(facts, dict):
                self.stored_facts = {k: v for k, v in facts.items() if isinstance(v, str)}
            kept = data.get("kept")
            if isinstance(kept, dict):
                self.stored_kept = {k: v for k, v in kept.items() if isinstance(v, str)}

    def facts(self, path: str, blob: str) -> PostFacts | None:
        """The facts of the post at ``path`` whose blob is ``blob``, as an earlier build
        parsed them (``archive.FactsStore``); None when not kept."""
        key = blob_key(path, blob)
        text = self.stored_facts.get(key)
        found = PostFacts.from_json(text) if text is not None else None
        if found is not None and text is not None:
            self.used_facts[key] = text
        return found

    def keep_facts(self, path: str, blob: str, facts: PostFacts) -> None:
        self.parsed += 1
        self.used_facts[blob_key(path, blob)] = facts.to_json()

    def kept(self, key: str) -> str | None:
        """What another generator kept under ``key`` (a hash of all it depends on, checked
        by that generator before use: ``governance.post_brief.KeptStore``)."""
        return self.stored_kept.get(key)

    def keep(self, key: str, text: str) -> None:
        self.used_kept[key] = text

    def zone_key(self, zone: dt.tzinfo | None) -> str:
        return zone_key(zone)

    def key(self, ap: ArchivePost, zone: str) -> str | None:
        """The key of ``ap``'s output, also remembered by slug (``keys``) for the pages made
        of several posts' outputs (the feeds: ``feeds.py``)."""
        found = self.keys[ap.slug] = post_key(self.common, ap, zone)
        return found

    def hashes(self, key: str | None) -> Hashes | None:
        """The hashes of the page files of the output kept under ``key`` (the pages are
        then the last generation's files that have them, linked: ``pages.py``)."""
        found = self.stored.get(key) if key is not None else None
        if found is not None and key is not None:
            self.used[key] = found
            self.hits += 1
        return found

    def get(self, key: str | None) -> Output | None:
        """The output kept under ``key``, from its verified entry; None when there is none."""
        if key is None or key not in self.stored:
            return None
        found = self.made.get(key) or self.outputs.get(key)
        if found is not None:
            self.used[key] = self.stored[key]
        return found

    def put(self, key: str | None, output: Output) -> None:
        if key is not None:
            self.used[key] = page_hashes(output)
            self.made[key] = output

    def vouch(self, rel: str, sha: str, info: os.stat_result) -> None:
        """The file ``rel`` of the docs folder, whose status is ``info``, was just written
        or verified to hash ``sha``: the build's hash of the docs folder need not read it
        again while it is the same file with the same size and time (``carry.hashes``)."""
        self.vouched[rel] = (sha, info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns)

    def save(self) -> None:
        """Write the entries of this build, when they differ from the stored ones."""
        self.outputs.put(self.made)
        kept = self.used_kept == self.stored_kept
        if self.used == self.stored and self.used_facts == self.stored_facts and kept:
            return
        data = {
            "build": self.common,
            "posts": self.used,
            "facts": self.used_facts,
            "kept": self.used_kept,
        }
        payload = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
        atomic_file.write_text(self.path, digest(payload) + "\n" + payload)
        self.outputs.prune(set(self.used))
