"""What the ledger says each platform should show: the fold of ``published``/``retracted``.

An item is identified on its platform by the record's ``platform_id`` (WeChat article id,
Weibo status id) or, for the app, by the item's URL (the post's archive page, kept across
corrections: the app replaces the item). Every published version not retracted is
expected to be visible (a WeChat or Weibo correction is a new item beside the first).
"""

from __future__ import annotations

from collections.abc import Iterable

from pipeline.ledger import Record, same_post
from pipeline.platforms.channels import CHANNELS, keyed_by_url
from pipeline.watch.model import Expected

WATCHED_PLATFORMS = tuple(CHANNELS)


def item_key(record: Record) -> str:
    if keyed_by_url(record.platform):
        return record.url or record.platform_id
    return record.platform_id


def expected_items(records: Iterable[Record]) -> dict[tuple[str, str], Expected]:
    result: dict[tuple[str, str], Expected] = {}
    for record in records:
        if record.platform not in WATCHED_PLATFORMS:
            continue
        if record.event == "retracted":
            _retract(result, record)
            continue
        if record.event != "published" or not item_key(record):
            continue
        if record.platform_id.startswith("mass:"):
            continue  # a 群发 is not in the published-articles listing the watch reads
        key = (record.platform, item_key(record))
        result[key] = Expected(
            platform=record.platform,
            key=key[1],
            channel=record.channel,
            slug=record.slug,
            platform_id=record.platform_id,
            at=record.at,
            record=record,
            content_sha256=str(record.detail.get("content_sha256") or ""),
        )
    return result


def _retract(result: dict[tuple[str, str], Expected], record: Record) -> None:
    """A retraction takes down every version of the post on its channel (the ledger
    records one ``retracted``, naming the latest): each is expected gone from then on, so
    an earlier version still shown is ``retracted-visible``, one gone is no ``missing``
    (red team, round 43)."""
    key = (record.platform, item_key(record))
    if key in result:
        result[key].retracted = record
    for known in result.values():
        if known.retracted is None and same_post(known.record, record):
            known.retracted = record
