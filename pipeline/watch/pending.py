"""Deliveries whose outcome the publisher does not know yet: not a hijack.

A platform reply that says nothing (a 502 with a JSON body, ``{}``, a non-JSON 200, an
unknown error code) leaves the ledger with an ``intent`` and no ``published`` record while
the post may well be live. The next publish run reconciles it with the platform's listing;
until then the watch reports such an item as ``unconfirmed`` instead of ``outside``
(posted outside the pipeline), so a lying reply never raises a false 盗用 alarm.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from pipeline.ledger import Record
from pipeline.platforms.channel import Channel
from pipeline.platforms.channels import platform_label
from pipeline.platforms.fingerprint import excerpt
from pipeline.platforms.render_common import post_url
from pipeline.watch.model import (
    Discrepancy,
    Listing,
    PlatformItem,
    china_time,
)

SETTLED = ("published", "retracted")


@dataclass(frozen=True)
class Pending:
    platform: str
    channel: str
    slug: str
    title: str
    link: str  # the post's archive page (Weibo texts carry it, possibly shortened)


def pending_deliveries(records: Iterable[Record], site_url: str) -> list[Pending]:
    """Channels of posts with an intent and no ``published``/``retracted`` record after it."""
    open_intents: dict[tuple[str, str], Record] = {}
    for record in records:
        key = (record.slug, record.channel)
        if record.event == "intent":
            open_intents[key] = record
        elif record.event in SETTLED:
            open_intents.pop(key, None)
    found = []
    for (slug, channel), record in open_intents.items():
        title = str(record.detail.get("title") or "")
        link = post_url(record.path, site_url) if record.path else ""
        found.append(Pending(record.platform, channel, slug, title, link))
    return found


def matches(item: PlatformItem, pending: Pending, channel: Channel) -> bool:
    if item.platform != pending.platform:
        return False
    return channel.matches_intent(item, pending.title, pending.link)


def split_unconfirmed(
    listing: Listing, known_keys: set[str], pending: list[Pending], channel: Channel
) -> tuple[Listing, list[Discrepancy]]:
    """``listing`` without the items the ledger does not know but a pending delivery
    explains, and one ``unconfirmed`` finding for each of them."""
    if not pending:
        return listing, []
    kept: list[PlatformItem] = []
    found: list[Discrepancy] = []
    name = platform_label(listing.platform)
    for item in listing.items:
        match = None
        if item.visible and item.key not in known_keys:
            match = next((p for p in pending if matches(item, p, channel)), None)
        if match is None:
            kept.append(item)
            continue
        found.append(
            Discrepancy(
                kind="unconfirmed",
                channel=match.channel,
                platform=item.platform,
                platform_id=item.platform_id,
                time=china_time(item.time),
                excerpt=excerpt(item.platform, item.title, item.body),
                slug=match.slug,
                message=f"{name}上的这条内容对应一次结果未知的发布（平台应答异常）："
                "下次发布运行将与平台核对并记入台账，不会重复发送；这不是盗用告警。",
            )
        )
    return Listing(listing.platform, kept, listing.error, listing.pages), found
