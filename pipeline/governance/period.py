"""Reporting periods (a month or a year) and the unit's local time.

The unit's zone comes from ``timezone:`` in ``content/accounts.yml`` (:mod:`pipeline.unit_time`);
without one it is China time (Asia/Shanghai, UTC+8).
"""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass

from pipeline import clock
from pipeline.errors import UsageError

# China has one time zone and no daylight saving time: a fixed offset needs no tz database.
CHINA_TZ = dt.timezone(dt.timedelta(hours=8), "CST")
MONTH_RE = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")
YEAR_RE = re.compile(r"^\d{4}$")


def today(zone: dt.tzinfo | None = None) -> dt.date:
    """Today in the unit's zone (default China); ``GOVMEDIA_TODAY=YYYY-MM-DD`` fixes it."""
    fixed = os.environ.get("GOVMEDIA_TODAY", "").strip()
    if fixed:
        try:
            return dt.date.fromisoformat(fixed)
        except ValueError:
            raise UsageError(
                f"环境变量 GOVMEDIA_TODAY 不是有效日期（应为 YYYY-MM-DD）：「{fixed}」。"
            ) from None
    return clock.now().astimezone(zone or CHINA_TZ).date()


def local_time(iso: str, zone: dt.tzinfo | None = None) -> dt.datetime | None:
    """An ISO-8601 / RFC 3339 time in the unit's zone, default China (naive input is UTC)."""
    if not iso:
        return None
    try:
        value = dt.datetime.fromisoformat(iso.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    return value.astimezone(zone or CHINA_TZ)


def month_key(day: dt.date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


@dataclass(frozen=True)
class Period:
    """A calendar month (``2026-11``) or year (``2026``), both ends inclusive."""

    label: str
    start: dt.date
    end: dt.date

    @property
    def is_year(self) -> bool:
        return len(self.label) == 4

    @property
    def title(self) -> str:
        if self.is_year:
            return f"{self.start.year} 年"
        return f"{self.start.year} 年 {self.start.month} 月"

    def contains(self, day: dt.date) -> bool:
        return self.start <= day <= self.end

    def months(self) -> list[str]:
        result, year, month = [], self.start.year, self.start.month
        while (year, month) <= (self.end.year, self.end.month):
            result.append(f"{year:04d}-{month:02d}")
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        return result


def month_bounds(key: str) -> tuple[dt.date, dt.date]:
    year, month = int(key[:4]), int(key[5:7])
    first = dt.date(year, month, 1)
    nxt = dt.date(year + 1, 1, 1) if month == 12 else dt.date(year, month + 1, 1)
    return first, nxt - dt.timedelta(days=1)


def parse_month(value: str) -> Period:
    match = MONTH_RE.match(value.strip())
    if not match:
        raise UsageError(f"--month 应为 YYYY-MM（例如 2026-11），实际为「{value}」。")
    start, end = month_bounds(value.strip())
    return Period(value.strip(), start, end)


def parse_year(value: str) -> Period:
    if not YEAR_RE.match(value.strip()):
        raise UsageError(f"--year 应为四位年份（例如 2026），实际为「{value}」。")
    year = int(value)
    return Period(str(year), dt.date(year, 1, 1), dt.date(year, 12, 31))
