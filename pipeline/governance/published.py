"""What the publication ledger says happened, per account: publications and retractions.

Read from ``ledger/*.jsonl`` (see :mod:`pipeline.ledger`). Times are in the unit's zone
(``zone``; default China time).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from pipeline.governance.period import local_time
from pipeline.ledger import Record


@dataclass(frozen=True)
class Publication:
    """One ``published`` record: a version (blob) of a post went out on a channel."""

    slug: str
    channel: str
    at: dt.datetime
    blob: str
    path: str
    first: bool  # the first publication of this post on this channel (not a correction)
    detail: dict[str, Any] = field(default_factory=dict, compare=False)

    @property
    def title(self) -> str:
        title = self.detail.get("title")
        return title if isinstance(title, str) else ""

    @property
    def review(self) -> dict[str, Any]:
        review = self.detail.get("review")
        return review if isinstance(review, dict) else {}


@dataclass(frozen=True)
class Retraction:
    slug: str
    channel: str
    at: dt.datetime
    path: str
    reason: str
    approved_by: str


def _once(
    records: Iterable[Record], event: str, zone: dt.tzinfo | None
) -> Iterator[tuple[Record, dt.datetime]]:
    """Every ``event`` record in ledger order with its local time, each version of a post on
    a channel once: a later record of the same post, channel and blob (a record written
    again, replayed by a sync) is the same event. Records with an unreadable time are
    skipped."""
    seen: set[tuple[str, str, str]] = set()
    for record in records:
        if record.event != event:
            continue
        at = local_time(record.at, zone)
        if at is None or (record.slug, record.channel, record.blob) in seen:
            continue
        seen.add((record.slug, record.channel, record.blob))
        yield record, at


def publications(records: Iterable[Record], zone: dt.tzinfo | None = None) -> list[Publication]:
    """Every ``published`` record in ledger order, each version once (:func:`_once`); a
    repeated one counts in no figure."""
    seen: set[tuple[str, str]] = set()
    result = []
    for record, at in _once(records, "published", zone):
        key = (record.slug, record.channel)
        result.append(
            Publication(
                slug=record.slug,
                channel=record.channel,
                at=at,
                blob=record.blob,
                path=record.path,
                first=key not in seen,
                detail=record.detail if isinstance(record.detail, dict) else {},
            )
        )
        seen.add(key)
    return result


def retractions(records: Iterable[Record], zone: dt.tzinfo | None = None) -> list[Retraction]:
    """Every ``retracted`` record in ledger order, each retraction of a version on a channel
    once (:func:`_once`)."""
    result = []
    for record, at in _once(records, "retracted", zone):
        detail = record.detail if isinstance(record.detail, dict) else {}
        result.append(
            Retraction(
                slug=record.slug,
                channel=record.channel,
                at=at,
                path=record.path,
                reason=str(detail.get("reason") or ""),
                approved_by=str(detail.get("approved_by") or ""),
            )
        )
    return result
