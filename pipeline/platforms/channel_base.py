"""What every :class:`~pipeline.platforms.channel.Channel` shares: the unit's settings,
the environment, and the platform's HTTP client, opened once when first used (tests hand
in their own), whose credentials the run scrubs from every record and message."""

from __future__ import annotations

import threading
from abc import ABC, abstractmethod
from collections.abc import Mapping
from typing import Generic, Protocol, TypeVar

from pipeline.platforms.channel import Delivery, Rendering
from pipeline.platforms.errors import Permanent, PlatformError
from pipeline.platforms.image_limits import ImageLimit
from pipeline.platforms.replies import Context
from pipeline.platforms.settings import Settings


class Client(Protocol):
    """A platform's HTTP client as a channel holds it."""

    def secrets(self) -> list[str]: ...

    def close(self) -> None: ...


C = TypeVar("C", bound=Client)


class ClientChannel(ABC, Generic[C]):
    """A channel over one platform client ``C``."""

    name: str
    label: str
    # what the platform takes of a post's images, by reference kind (image_limits.py)
    images: Mapping[str, ImageLimit] = {}

    def __init__(
        self,
        settings: Settings,
        client: C | None = None,
        env: Mapping[str, str] | None = None,
    ) -> None:
        self.settings = settings
        self.env = dict(env or {})
        self._client = client
        self._client_lock = threading.Lock()
        self._ids_lock = threading.Lock()
        self._known: set[str] | None = None  # the platform ids the ledger records

    @abstractmethod
    def open_client(self) -> C:
        """The platform client, with the unit's configured endpoint and credentials."""

    @property
    def client(self) -> C:
        with self._client_lock:
            if self._client is None:
                self._client = self.open_client()
            return self._client

    def secrets(self) -> list[str]:
        return self._client.secrets() if self._client is not None else []

    def close(self) -> None:
        if self._client is not None:
            self._client.close()

    def done(self, rendering: Rendering) -> None:
        """The delivery ended: nothing is kept for it (channels that keep some say so)."""
        return None

    # -- the ids the ledger records: a reply never names one of them for a new delivery ----

    def known_ids(self, delivery: Delivery) -> set[str]:
        """Every platform id the ledger records on this channel's platform, and every draft
        it records as ``draft:<media id>`` (read once)."""
        with self._ids_lock:
            if self._known is None:
                known: set[str] = set()
                for r in delivery.ledger():
                    if r.platform != self.name:
                        continue
                    if r.platform_id:
                        known.add(r.platform_id)
                    if r.event == "drafted" and r.detail.get("media_id"):
                        known.add(f"draft:{r.detail['media_id']}")
                self._known = known
            return self._known

    def _remember(self, platform_id: str) -> None:
        """An id this run records (before the set is read, the ledger will hold it)."""
        with self._ids_lock:
            if self._known is not None:
                self._known.add(platform_id)

    def image(self, rendering: Rendering, src: str, kind: str, data: bytes | None) -> bytes | None:
        """``data``, the post's image ``src`` (``kind``: body, cover), when the platform takes
        it (``images``); otherwise Permanent naming the post, the image and the platform,
        before any upload."""
        limit = self.images.get(kind)
        problem = limit.problem(data) if limit is not None and data is not None else ""
        if limit is not None and problem:
            raise Permanent(
                f"{rendering.post.path}：{limit.label}「{src[:80]}」{problem}，"
                f"{self.label}不接受：请更换图片后重新审核。",
                platform=self.label,
                call="图片检查",
            )
        return data

    def claims_another(
        self, delivery: Delivery, platform_id: str, call: str
    ) -> PlatformError | None:
        """The error for a reply that says this delivery went out as ``platform_id`` when the
        ledger already records that id (another post's item, or an earlier version's): it
        speaks of another item, so it is never recorded for this one (red team, round 16b).
        None when the id is new; the caller asks the platform's listing first."""
        if platform_id not in self.known_ids(delivery):
            return None
        return Context(self.label, call, idempotent=False).bad(
            "（发布结果的标识）", "是台账中已记录的另一条内容，不是本次发布的内容"
        )
