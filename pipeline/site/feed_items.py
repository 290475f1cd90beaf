"""The JSON Feed's items kept as their text (issue 17, twenty-seventh pass).

A new post comes first in the feed, so every JSON page shifts by one item and is made
again (``feeds.py``): each of its items built from the post's record and its clean body
(read from the body store's output entry, one file a post) and written as JSON. An item
is a function of its post's output key (the hash of the post's whole archive record and of
the code and versions that render its body: ``body_store.post_key``), the site URL and the
code that writes it (``feeds.py``, ``json_indent.py``, this module), so its text is kept
under the hash of those. When more than one page must be made, the kept items are read
(one sealed file, ``feed-items.json`` in the body store's folder), an item found there is
put in its page as it is, and the others are made and kept; the file then keeps the items
of this build's posts only.

The file is read only when the body store's folder is a plain folder of this user that
nobody else can write and the file a plain file of this user that nobody else can write
(``rules.cache.trusted_file``), its BLAKE2b seal fits and it names this build's key;
entries are strings, never code, and one that is not a string is left out. A file that is
not ours, edited, truncated or of another build is not used: every item is made again, as
without it (docs/threat-model.md, "The JSON Feed's kept items").
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from pipeline import atomic_file
from pipeline.rules.cache import trusted_file
from pipeline.site.theme.private_dir import private_dir

FILE = "feed-items.json"
_HERE = Path(__file__).resolve().parent
SOURCE = hashlib.sha256(
    b"".join(
        (_HERE / name).read_bytes() for name in ("feeds.py", "json_indent.py", "feed_items.py")
    )
).hexdigest()


def _seal(payload: bytes) -> bytes:
    """``rules.cache.digest`` of the payload, from its UTF-8 bytes (a few megabytes of
    Chinese text are not decoded to be hashed: see ``rules.cache.read_sealed_json``)."""
    return hashlib.blake2b(payload, digest_size=32).hexdigest().encode("ascii")


def item_key(output_key: str, site_url: str) -> str:
    """The key of the item of the post whose output key is ``output_key``."""
    return hashlib.sha256(f"item\0{SOURCE}\0{site_url}\0{output_key}".encode()).hexdigest()


class FeedItems:
    """The items kept in ``folder`` (the body store's) for the build key ``build``."""

    def __init__(self, folder: Path, build: str) -> None:
        self.folder = folder
        self.path = folder / FILE
        self.build = build
        self.stored: dict[str, str] = {}
        self.made: dict[str, str] = {}
        self.hits = 0

    def _usable(self) -> bool:
        try:
            return private_dir(os.lstat(self.folder))
        except OSError:
            return False

    def load(self) -> None:
        """Read the kept items, when the folder and the file can be trusted."""
        if not self._usable() or not trusted_file(self.path):
            return
        try:
            seal, newline, payload = self.path.read_bytes().partition(b"\n")
        except OSError:
            return
        if not newline or seal != _seal(payload):
            return
        try:
            data = json.loads(payload)
        except ValueError:  # UnicodeDecodeError included
            return
        if not isinstance(data, dict) or data.get("build") != self.build:
            return
        items = data.get("items")
        if isinstance(items, dict):
            self.stored = {k: v for k, v in items.items() if isinstance(v, str)}

    def get(self, key: str) -> str | None:
        found = self.stored.get(key)
        if found is not None:
            self.hits += 1
        return found

    def keep(self, key: str, text: str) -> None:
        self.made[key] = text

    def save(self, keys: set[str]) -> None:
        """Keep the items of ``keys`` (this build's posts), when they differ from the file's."""
        entries = {k: v for k, v in (self.stored | self.made).items() if k in keys}
        if entries == self.stored or not self._usable():
            return
        data = {"build": self.build, "items": entries}
        payload = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        atomic_file.write_bytes(self.path, _seal(payload) + b"\n" + payload)
