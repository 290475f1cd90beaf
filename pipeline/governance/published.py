"""What the publication ledger says happened, per account: publications and retractions.

Read from ``ledger/*.jsonl`` (see :mod:`pipeline.ledger`). Times are in the unit's zone
(``zone``; default China time). A publication is dated when it went out: by its
``published`` record, or by the sending step's ``intent`` when a later run recorded it
(:func:`sent_dated`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from typing import Any

from pipeline.governance.period import local_time
from pipeline.ledger import GONE_BEFORE, Record


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


def sent_dated(records: Iterable[Record]) -> Iterator[Record]:
    """``records`` in ledger order, each ``published`` one written by another run than the
    last ``intent`` of its version on its channel dated by that intent.

    Every platform call that can publish is preceded by its ``intent``, on the publisher's
    clock. A run killed after the platform took a post leaves that intent alone; the next
    run finds the post on the account and records it (``reconciled``), or an operator
    records a mass send (``ledger mass``), days later perhaps: dated by that record, the
    post moved into another month or year of the assessment and the archive (red team,
    round 41). The record itself keeps when the ledger learnt of it; a version sent anew
    by the run that records it has its own intent, so is dated by its record as before.

    A ``retracted`` record is dated alike when its run found every version already gone
    (``GONE_BEFORE``: the platform said so and its listing agreed): the call of a run
    killed before recording it took the post down, and that run's last ``retract-intent``
    dates it, not the rerun days later (red team, round 43). A retraction whose run took
    the post down itself is dated by its record.
    """
    sending: dict[tuple[str, str, str], Record] = {}
    retracting: dict[tuple[str, str, str], list[Record]] = {}
    for record in records:
        key = (record.slug, record.channel, record.blob)
        if record.event == "intent":
            sending[key] = record
        elif record.event == "retract-intent":
            retracting.setdefault(key, []).append(record)
        elif record.event in ("published", "retracted"):
            intent = sending.pop(key, None)
            attempts = retracting.pop(key, [])
            if record.event == "retracted":
                gone = isinstance(record.detail, dict) and record.detail.get(GONE_BEFORE) is True
                earlier = [r for r in attempts if r.run != record.run]
                intent = earlier[-1] if gone and earlier else None
            if intent is not None and intent.run != record.run:
                record = _dated_by(record, intent)
        yield record


def _dated_by(record: Record, intent: Record) -> Record:
    """``record`` dated by ``intent``, when the intent is not later than the record."""
    sent, written = local_time(intent.at), local_time(record.at)
    if sent is not None and written is not None and sent <= written:
        return replace(record, at=intent.at)
    return record


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
    """Every ``published`` record in ledger order, each version once (:func:`_once`), dated
    when it went out (:func:`sent_dated`); a repeated one counts in no figure."""
    seen: set[tuple[str, str]] = set()
    result = []
    for record, at in _once(sent_dated(records), "published", zone):
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


def _taken_down(records: Iterable[Record]) -> Iterator[Record]:
    """``records`` without the ``retracted`` ones of a post the ledger does not record as
    published on that channel since its last retraction.

    A retraction also closes the post's channels it never reached (a delivery deferred,
    failed or not yet made: ``pending``), so that no later run sends it there; nothing was
    taken down from those accounts, and counted, the assessment showed a 撤回 on an account
    the post never appeared on (red team, round 41)."""
    live: set[tuple[str, str]] = set()
    for record in records:
        key = (record.slug, record.channel)
        if record.event == "published":
            live.add(key)
        elif record.event == "retracted":
            if key not in live:
                continue
            live.discard(key)
        yield record


def retractions(records: Iterable[Record], zone: dt.tzinfo | None = None) -> list[Retraction]:
    """Every ``retracted`` record in ledger order that took a published post down from its
    channel (:func:`_taken_down`), each retraction of a version on a channel once
    (:func:`_once`), dated when it took the post down (:func:`sent_dated`)."""
    result = []
    for record, at in _once(_taken_down(sent_dated(records)), "retracted", zone):
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
