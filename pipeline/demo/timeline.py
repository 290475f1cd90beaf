"""The demo's calendar: the sample posts replayed at their own dates.

The sample content tells a unit's first year on its new accounts. The demo replays it as
it would have happened, on the emulators' clock (pipeline/clock.py), so that its ledger,
activity page and annual report read like a real year:

- the unit's repository is set up the working day before the first month's review;
- each month's posts are drafted one after another on the afternoon of the working day
  before the month's review day (the working day before its first post), by their own
  authors, and reviewed there in three batches (初审 in the morning, 复审 before noon,
  终审 in the afternoon), so that every post waits about a day from draft to 终审;
- the publisher runs on each post's own date, mid-morning, and publishes what is due;
- the demo's present is the first day of the month after the sample year's last post;
  posts dated later (scheduled) are reviewed on the working day before it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from pipeline.clock import CHINA

DRAFT_AT = dt.time(14, 0)
DRAFT_STEP = dt.timedelta(minutes=23)
STAGE_AT = (dt.time(9, 40), dt.time(11, 15), dt.time(15, 50))
RUN_AT = dt.time(10, 5)
PRESENT_AT = dt.time(9, 30)
START_AT = dt.time(9, 0)


@dataclass(frozen=True)
class Sample:
    path: str  # content/posts/YYYY/MM/<slug>.md
    date: dt.date  # its own date: the day it is published
    author: str  # "name <email>", as in its front matter


@dataclass(frozen=True)
class Batch:
    """One month's posts: drafted one by one, then approved together at each stage."""

    label: str  # "2026-03", or "定时" for posts dated after the present
    drafts: tuple[tuple[Sample, dt.datetime], ...]
    stages: tuple[dt.datetime, dt.datetime, dt.datetime]


@dataclass(frozen=True)
class Timeline:
    start: dt.datetime  # the unit's repository and roster
    batches: tuple[Batch, ...]
    runs: tuple[dt.datetime, ...]  # the publisher's runs, one on each post's date
    present: dt.datetime


def _at(day: dt.date, time: dt.time) -> dt.datetime:
    return dt.datetime.combine(day, time, CHINA)


def _before(day: dt.date, is_workday: Callable[[dt.date], bool]) -> dt.date:
    """The working day before ``day``."""
    day -= dt.timedelta(days=1)
    while not is_workday(day):
        day -= dt.timedelta(days=1)
    return day


def present_of(samples: list[Sample]) -> dt.datetime:
    """The first day of the month after the last post of the first year."""
    first = min(s.date for s in samples).year
    last = max(s.date for s in samples if s.date.year == first)
    year, month = (last.year + 1, 1) if last.month == 12 else (last.year, last.month + 1)
    return _at(dt.date(year, month, 1), PRESENT_AT)


def _batch(label: str, group: list[Sample], review: dt.date, draft_day: dt.date) -> Batch:
    drafts = tuple(
        (s, _at(draft_day, DRAFT_AT) + i * DRAFT_STEP)
        for i, s in enumerate(sorted(group, key=lambda s: (s.date, s.path)))
    )
    stages = (_at(review, STAGE_AT[0]), _at(review, STAGE_AT[1]), _at(review, STAGE_AT[2]))
    return Batch(label, drafts, stages)


def build(samples: list[Sample], is_workday: Callable[[dt.date], bool]) -> Timeline:
    if not samples:
        raise ValueError("no sample posts")
    present = present_of(samples)
    past = [s for s in samples if s.date < present.date()]
    later = [s for s in samples if s.date >= present.date()]
    months: dict[str, list[Sample]] = {}
    for sample in sorted(past, key=lambda s: s.date):
        months.setdefault(f"{sample.date:%Y-%m}", []).append(sample)
    batches = []
    for label, group in months.items():
        review = _before(min(s.date for s in group), is_workday)
        batches.append(_batch(label, group, review, _before(review, is_workday)))
    if later:
        review = _before(present.date(), is_workday)
        batches.append(_batch("定时", later, review, _before(review, is_workday)))
    start = _at(batches[0].drafts[0][1].date(), START_AT)
    runs = tuple(_at(day, RUN_AT) for day in sorted({s.date for s in past}))
    return Timeline(start, tuple(batches), runs, present)
