"""The unit's app as a :class:`~pipeline.platforms.channel.Channel`.

Publishing: ``intent(app.push)`` → push with ``Idempotency-Key: <slug>:<blob>`` →
``published``; a resend with the same key is answered with the first delivery. The ledger
names an app item by its URL (the post's archive page, kept across corrections). The item
list is ``GOVMEDIA_APP_LIST`` (default: ``items`` beside the push endpoint), signed like the
push; JSON Feed ``next_url`` paging is followed on the list's own scheme, host and port.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any
from urllib.parse import urljoin, urlsplit

from pipeline.content import Post
from pipeline.crashpoints import crash_point
from pipeline.ledger import Record
from pipeline.platforms import app as api
from pipeline.platforms import image_limits
from pipeline.platforms.app_comments import AppComments
from pipeline.platforms.channel import Delivered, Delivery, Rendering
from pipeline.platforms.channel_base import ClientChannel
from pipeline.platforms.errors import OperatorAction
from pipeline.platforms.fingerprint import content_hash
from pipeline.platforms.listing import CHINA, MAX_PAGES, Listing, PlatformItem
from pipeline.platforms.render_app import feed_item
from pipeline.platforms.render_common import post_url
from pipeline.platforms.replies import Context
from pipeline.site.paths import item_id

TIME_MAX = 4_102_444_800  # 2100-01-01


def list_url(push_url: str, env: Mapping[str, str]) -> str:
    """``GOVMEDIA_APP_LIST``, else ``items`` beside the push endpoint (``…/push`` → ``…/items``)."""
    explicit = env.get("GOVMEDIA_APP_LIST", "")
    if explicit:
        return explicit
    if not push_url:
        return ""
    return push_url.rstrip("/").rsplit("/", 1)[0] + "/items"


class AppChannel(ClientChannel[api.AppClient]):
    name = "app"
    label = api.PLATFORM
    keyed_by_url = True
    images = image_limits.APP

    def open_client(self) -> api.AppClient:
        return api.AppClient(self.settings.app_push, self.settings.app_hmac_key)

    def item(self, rendering: Rendering, *, cover: bytes | None = None) -> dict[str, Any]:
        return feed_item(
            rendering.post, site_url=self.settings.site_url, commit=rendering.commit, cover=cover
        )

    def rendered_hash(self, rendering: Rendering) -> str:
        return self._item_hash(self.item(rendering))

    def _item_hash(self, item: dict[str, Any]) -> str:
        # the pushed item's own title and HTML (the cover does not change them)
        return content_hash(self.name, str(item["title"]), str(item["content_html"]))

    def publish(self, delivery: Delivery) -> Delivered:
        if not self.settings.app_push:
            raise OperatorAction("客户端：未配置推送地址 GOVMEDIA_APP_PUSH。", platform="客户端")
        client = self.client
        post = delivery.post
        cover = delivery.asset(post.cover, "cover") if post.cover else None
        item = self.item(delivery, cover=cover)
        if delivery.correction_of:
            item["_govmedia"]["correction_of"] = delivery.correction_of
        key = f"{post.slug}:{post.blob}"
        delivery.window()
        delivery.intent("app.push", idempotency_key=key)
        answer = client.push({"type": "item", "item": item}, key)
        crash_point("after:app.push")
        outcome = delivery.published(
            str(answer.get("id", "")),
            item["url"],
            idempotency_key=key,
            duplicate=bool(answer.get("duplicate")),
            content_sha256=self._item_hash(item),
        )
        crash_point("recorded:app.push")
        return outcome

    def find(self, rendering: Rendering) -> tuple[str, str] | None:
        """A push is idempotent by its key: a resend is the lookup, nothing is listed."""
        link = post_url(rendering.post.path, self.settings.site_url)
        for found in self.list_since().items:
            if found.visible and (found.url == link or found.platform_id == link):
                return found.platform_id, found.url
        return None

    def list_since(self, since: dt.datetime | None = None) -> Listing:
        """Every item the app lists (one list, no order: ``since`` applies in reconcile)."""
        url = list_url(self.settings.app_push, self.env)
        if not url:
            raise OperatorAction(
                "客户端：未配置 GOVMEDIA_APP_PUSH 或 GOVMEDIA_APP_LIST。", platform="客户端"
            )
        listing = Listing(self.name)
        next_url: str | None = url
        while next_url and listing.pages < MAX_PAGES:
            data = self.client.list_page(next_url)
            listing.pages += 1
            for entry in data.get("items") or []:
                item = _item(entry)
                if item is not None:
                    listing.items.append(item)
            following = data.get("next_url")
            next_url = _next_page(url, next_url, following) if following else None
        return listing

    def status_of(self, record: Record) -> int | None:
        return None

    def expanded(self, items: list[PlatformItem]) -> dict[str, str]:
        return {}

    def shows(self, post: Post, item: PlatformItem, link: str, expanded: dict[str, str]) -> bool:
        return item.visible and (item.url == link or item.platform_id == link)

    def matches_intent(self, item: PlatformItem, title: str, link: str) -> bool:
        return False  # an unknown app outcome is resent with its key, never guessed

    def comments(self) -> AppComments:
        """The app's own interaction API: ``GOVMEDIA_APP_API``, else beside the push."""
        base = self.env.get("GOVMEDIA_APP_API", "")
        if not base and self.settings.app_push:
            base = self.settings.app_push.rstrip("/").rsplit("/", 1)[0]
        return AppComments(self.client, base)

    def delete(self, record: Record, reason: str) -> bool:
        """A signed retraction push (idempotent; the app does not say it had one)."""
        url = record.url or post_url(record.path, self.settings.site_url)
        self.client.push(
            {
                "type": "retraction",
                "item": {
                    "id": item_id(record.slug),
                    "url": url,
                    "_govmedia": {"retracted": True, "reason": reason, "slug": record.slug},
                },
            },
            f"retract:{record.slug}:{record.blob}",
        )
        return False


def _item(entry: Any) -> PlatformItem | None:
    """A pushed item (``{"push_id", "item", "retracted"}``) or a bare JSON Feed item."""
    if not isinstance(entry, dict):
        return None
    item = entry.get("item") if isinstance(entry.get("item"), dict) else entry
    meta = item.get("_govmedia") if isinstance(item.get("_govmedia"), dict) else {}
    retracted = bool(entry.get("retracted") or meta.get("retracted"))
    ident = str(item.get("id") or "")
    if not ident:
        return None
    return PlatformItem(
        platform="app",
        key=str(item.get("url") or ident),  # the ledger records the item's URL
        platform_id=ident,  # the feed item id the app shows (the post's archive URL)
        time=_time(entry, item),
        title=str(item.get("title") or ""),
        body=str(item.get("content_html") or item.get("content_text") or ""),
        url=str(item.get("url") or ident),
        visible=not retracted,
    )


def _time(entry: dict, item: dict) -> dt.datetime | None:
    """When the app received it; else the feed's own dates."""
    received = entry.get("received_at")
    if isinstance(received, (int, float)) and 0 <= received < TIME_MAX:
        return dt.datetime.fromtimestamp(float(received), CHINA)
    stamp = item.get("date_modified") or item.get("date_published")
    if isinstance(stamp, str):
        try:
            return dt.datetime.fromisoformat(stamp.replace("Z", "+00:00"))
        except ValueError:
            return None
    return None


def _next_page(first: str, current: str, following: object) -> str:
    """JSON Feed ``next_url``, only on the list's own scheme, host and port: the request is
    signed with the app's key, so an answer never chooses where it goes (red team, 16b)."""
    target = urljoin(current, str(following))
    if _origin(target) != _origin(first):
        raise Context("客户端", "items").bad("next_url", "不在内容列表所在的主机上")
    return target


def _origin(url: str) -> tuple[str, str, int | None]:
    try:
        parts = urlsplit(url)
        return parts.scheme, (parts.hostname or "").lower(), parts.port
    except ValueError:
        return "", "", None
