"""The one interface every platform implements: a :class:`Channel`.

A channel is one platform's account as the pipeline uses it, over that platform's typed
HTTP client: it renders a post for the platform, publishes one delivery with its
crash-safe intent records (pipeline/publishing/ drives the run), finds an item it already
published, lists what the account shows, deletes an item (retraction), and gives the
hash of the rendered content the account watch compares. ``pipeline/platforms/channels.py``
maps a platform name to its channel; publishing, the watch, retraction and the ledger
rebuild only call channels and never branch on a platform's name.

The publisher hands a channel a :class:`Delivery`: the post, the records of earlier runs
for it, and the ledger writes of the run. The channel never imports the run (layers).
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from pipeline.assets import AssetRefused, read_committed
from pipeline.content import Post
from pipeline.ledger import Record
from pipeline.platforms.comments import Comments
from pipeline.platforms.errors import Permanent
from pipeline.platforms.listing import Listing, PlatformItem
from pipeline.references import FIELD_LABELS, Reference, find, post_references

CORRECTION_NOTE = "【更正】"


@dataclass(frozen=True)
class Delivered:
    """How one delivery ended: published | failed (the publisher adds the task)."""

    status: str
    message: str = ""
    url: str = ""


class Rendering(Protocol):
    """A post as approved at a commit: what a channel renders."""

    post: Post
    correction_of: str
    commit: str

    def asset(self, src: str, kind: str) -> bytes | None: ...


class Delivery(Rendering, Protocol):
    """One (post, channel) of a publishing run as the channel sees it."""

    def mine(self) -> list[Record]:
        """The ledger's earlier records of this delivery (this post version, this channel)."""
        ...

    def taken_over(self) -> bool:
        """Another run claimed this delivery and never recorded how it ended."""
        ...

    def ledger(self) -> Iterable[Record]:
        """Every record of the ledger."""
        ...

    def record(
        self,
        event: str,
        *,
        platform_id: str = "",
        url: str = "",
        detail: dict[str, Any] | None = None,
    ) -> Record: ...

    def intent(self, op: str, **detail: Any) -> None:
        """The ``intent`` record written before the non-idempotent call ``op``."""
        ...

    def published(self, platform_id: str, url: str, **extra: Any) -> Delivered:
        """The ``published`` record (review, title, content hash added)."""
        ...

    def review(self) -> dict[str, Any]:
        """The review detail every ``published`` record carries."""
        ...

    def window(self) -> None:
        """Wait for the platform's rate window (WaitWindow when it is spent)."""
        ...

    def unit_file(self, path: str) -> bytes | None:
        """A file of the unit's repository as committed (e.g. its default cover)."""
        ...


class Channel(Protocol):
    """One platform's account: publish, find, list, delete, hash (see the module doc)."""

    name: str  # the platform: wechat, weibo, app
    label: str  # its Chinese name for messages
    keyed_by_url: bool  # the ledger names its items by URL (the app), not by platform id

    def publish(self, delivery: Delivery) -> Delivered: ...

    def done(self, rendering: Rendering) -> None:
        """The delivery ended (published or not): drop what was kept for it."""
        ...

    def rendered_hash(self, rendering: Rendering) -> str:
        """The hash of the title and visible text this channel sends (fingerprint.py)."""
        ...

    def find(self, rendering: Rendering) -> tuple[str, str] | None:
        """(platform id, URL) of the item the account already shows for it, or None."""
        ...

    def list_since(self, since: dt.datetime | None = None) -> Listing: ...

    def status_of(self, record: Record) -> int | None:
        """The platform's own status of a published item, when it keeps one (WeChat)."""
        ...

    def expanded(self, items: list[PlatformItem]) -> dict[str, str]:
        """``{short: long}`` for the links the platform shortened in ``items``."""
        ...

    def shows(self, post: Post, item: PlatformItem, link: str, expanded: dict[str, str]) -> bool:
        """Whether ``item`` is ``post`` (archive page ``link``), for the ledger rebuild."""
        ...

    def matches_intent(self, item: PlatformItem, title: str, link: str) -> bool:
        """Whether ``item`` may be a delivery whose outcome the ledger does not know."""
        ...

    def comments(self) -> Comments:
        """The account's interaction API (comments: read, reply, hide; messages)."""
        ...

    def delete(self, record: Record, reason: str) -> bool:
        """Take the published item of ``record`` down (idempotent: gone is done); True when
        the platform said it was gone already and its listing agrees, or its listing no
        longer showed it before the call (an earlier call took it down: a run killed before
        recording it), False when this call took it down or the platform cannot tell."""
        ...

    def secrets(self) -> list[str]: ...

    def close(self) -> None: ...


class Assets:
    """The files posts pull in, as committed in ``commit`` (one reader per run)."""

    def __init__(self, root: Path, commit: str) -> None:
        self.root = root
        self.commit = commit
        self._refs: dict[str, list[Reference]] = {}  # post blob -> references
        self._lock = threading.Lock()

    def _references(self, post: Post) -> list[Reference]:
        with self._lock:
            refs = self._refs.get(post.blob)
        if refs is None:
            refs = post_references(post)
            with self._lock:
                self._refs[post.blob] = refs
        return refs

    def asset(self, post: Post, src: str, kind: str) -> bytes | None:
        """Only what ``referenced_files`` lists and accepts, never a symlink (Permanent)."""
        ref = find(self._references(post), src, kind)
        if ref is None or not ref.ok:
            where = f"{post.path} 第 {ref.line} 行" if ref else post.path
            reason = ref.reason if ref else "不在文章的引用清单中。"
            label = FIELD_LABELS.get(kind, kind)
            raise Permanent(f"{where}：{label}「{src[:80]}」不予使用：{reason}")
        try:
            return read_committed(self.root, self.commit, ref.path)
        except AssetRefused as exc:
            raise Permanent(f"{post.path} 第 {ref.line} 行：{exc}") from None

    def unit_file(self, path: str) -> bytes | None:
        try:
            return read_committed(self.root, self.commit, path)
        except AssetRefused as exc:
            raise Permanent(str(exc)) from None


@dataclass
class PostAt:
    """A :class:`Rendering`: ``post`` as approved in ``assets.commit``."""

    post: Post
    assets: Assets
    correction_of: str = ""

    @property
    def commit(self) -> str:
        return self.assets.commit

    def asset(self, src: str, kind: str) -> bytes | None:
        return self.assets.asset(self.post, src, kind)
