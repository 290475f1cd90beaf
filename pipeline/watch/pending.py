"""Deliveries whose outcome the publisher does not know yet: not a hijack.

A platform reply that says nothing (a 502 with a JSON body, ``{}``, a non-JSON 200, an
unknown error code) leaves the ledger with an ``intent`` and no ``published`` record while
the post may well be live. The next publish run reconciles it with the platform's listing;
until then the watch reports such an item as ``unconfirmed`` instead of ``outside``
(posted outside the pipeline), so a lying reply never raises a false 盗用 alarm. An item
explains a pending delivery only when it shows that version's text (the hash the watch
compares, when the version can be rendered again): an item under the post's title or link
with other text is someone else's, reported ``outside`` (red team, round 43).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace

from pipeline.ledger import Record
from pipeline.platforms.channel import Channel
from pipeline.platforms.channels import platform_label
from pipeline.platforms.fingerprint import content_hash, excerpt
from pipeline.platforms.render_common import post_url
from pipeline.watch.model import (
    Discrepancy,
    Listing,
    PlatformItem,
    china_time,
)

SETTLED = ("published", "retracted")
HashOf = Callable[[Record], str]  # the content hash of a record's version ("" unknown)


@dataclass(frozen=True)
class Pending:
    platform: str
    channel: str
    slug: str
    title: str
    link: str  # the post's archive page (Weibo texts carry it, possibly shortened)
    version: Record  # the intent, naming the version (``correction_of`` as the run sent it)


def pending_deliveries(records: Iterable[Record], site_url: str) -> list[Pending]:
    """Channels of posts with an intent and no ``published``/``retracted`` record after it."""
    open_intents: dict[tuple[str, str], Record] = {}
    sent: dict[tuple[str, str], str] = {}  # the blob last published (a correction's original)
    for record in records:
        key = (record.slug, record.channel)
        if record.event == "intent":
            open_intents[key] = record
        elif record.event in SETTLED:
            open_intents.pop(key, None)
            if record.event == "published" and record.blob:
                sent[key] = record.blob
    found = []
    for (slug, channel), record in open_intents.items():
        title = str(record.detail.get("title") or "")
        link = post_url(record.path, site_url) if record.path else ""
        original = sent.get((slug, channel), "")
        if original and original != record.blob:  # as the publisher renders a correction
            record = replace(record, detail={**record.detail, "correction_of": original})
        found.append(Pending(record.platform, channel, slug, title, link, record))
    return found


def matches(
    item: PlatformItem, pending: Pending, channel: Channel, hash_of: HashOf | None = None
) -> bool:
    """Whether ``item`` may be the pending delivery: its title or link, and the version's
    text when the version can be rendered again."""
    if item.platform != pending.platform:
        return False
    if not channel.matches_intent(item, pending.title, pending.link):
        return False
    wanted = hash_of(pending.version) if hash_of else ""
    return not wanted or content_hash(item.platform, item.title, item.body) == wanted


def split_unconfirmed(
    listing: Listing,
    known_keys: set[str],
    pending: list[Pending],
    channel: Channel,
    hash_of: HashOf | None = None,
) -> tuple[Listing, list[Discrepancy]]:
    """``listing`` without the items the ledger does not know but a pending delivery
    explains, and one ``unconfirmed`` finding for each of them."""
    if not pending:
        return listing, []
    hashes: dict[str, str] = {}

    def cached(version: Record) -> str:
        if version.id not in hashes:
            hashes[version.id] = hash_of(version) if hash_of else ""
        return hashes[version.id]

    kept: list[PlatformItem] = []
    found: list[Discrepancy] = []
    name = platform_label(listing.platform)
    for item in listing.items:
        match = None
        if item.visible and item.key not in known_keys:
            match = next((p for p in pending if matches(item, p, channel, cached)), None)
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
