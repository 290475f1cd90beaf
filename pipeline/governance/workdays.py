"""China's official working days (第四条 10 个工作日, 第七条 5 个工作日).

Deadlines count working days from the day after the event: the 1st working day is the
first working day strictly after it. A day is a working day on the State Council's
official schedule: public holidays are off, adjusted weekends (调休上班) are working days.

Sources, in order of precedence:

1. ``content/calendar/<year>.yml`` — a year's schedule the unit adds when the State
   Council publishes it (the package below only knows the years it shipped with);
2. the ``chinese-calendar`` package (official data 2004 … its last year);
3. beyond every known schedule: the statutory holidays fixed by law
   (``pipeline/governance/statutory.py``) and Monday–Friday otherwise, with a warning that
   names each deadline this touches (the adjusted weekends are not known yet).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import chinese_calendar
from chinese_calendar import constants as cc_constants

from pipeline import schema, yamlutil
from pipeline.errors import ConfigError
from pipeline.governance.statutory import statutory_holidays

CALENDAR_DIR = "content/calendar"


@dataclass(frozen=True)
class YearSchedule:
    """A year's official schedule: holidays (off) and adjusted working days (on)."""

    year: int
    holidays: dict[dt.date, str]
    workdays: dict[dt.date, str]
    source: str = ""
    path: str = ""


def package_years() -> tuple[int, int]:
    """First and last year the chinese-calendar package has official data for."""
    years = [d.year for d in cc_constants.holidays] + [d.year for d in cc_constants.workdays]
    return min(years), max(years)


def _four_digits(year: int) -> str | None:
    return None if 1000 <= year <= 9999 else "应为四位年份，例如 2027。"


DAYS = schema.Record(
    {
        "name": schema.Line("节日名称", required=True),
        "date": schema.Date("日期"),
        "from": schema.Date("起始日期"),
        "to": schema.Date("结束日期"),
    }
)
SCHEDULE = schema.Record(
    {
        "year": schema.Integer("年份", required=True, check=_four_digits),
        "source": schema.Line("通知名称与文号", blank=True, default=""),
        "holidays": schema.ListOf(
            schema.Nested(DAYS), "放假日", required=True, nonempty=True, holes=True
        ),
        "workdays": schema.ListOf(schema.Nested(DAYS), "调休上班日", default=[], holes=True),
    }
)


def parse_schedule(text: str, rel: str) -> YearSchedule:
    """Parse and validate ``content/calendar/<year>.yml``: a SchemaError (ConfigError)
    listing every problem with file, line, column and field.

    Format::

        year: 2027
        source: 国务院办公厅关于2027年部分节假日安排的通知
        holidays:                     # days off (ranges or single days)
          - {name: 元旦, from: 2027-01-01, to: 2027-01-03}
        workdays:                     # adjusted working weekends (调休上班)
          - {name: 春节, date: 2027-02-07}
    """
    loc = yamlutil.load_mapping(text, rel, SCHEDULE.known())
    values, issues = schema.read_document(SCHEDULE, loc)
    at = schema.At(loc, issues)
    year = values["year"]
    stem = Path(rel).stem
    if year is not None and stem != str(year):
        at.child("year").add(f"（{year}）与文件名（{stem}.yml）不一致。")
        year = None  # the days are not checked against a year the file cannot have
    holidays = _days(values["holidays"], at.child("holidays"), year)
    workdays = _days(values["workdays"], at.child("workdays"), year, off=holidays)
    schema.raise_errors(rel, issues)
    return YearSchedule(values["year"], holidays, workdays, values["source"], rel)


def _days(
    items: list[dict[str, Any] | None] | None,
    at: schema.At,
    year: int | None,
    off: dict[dt.date, str] | None = None,
) -> dict[dt.date, str]:
    """The days of ``holidays`` (``off`` is None) or of ``workdays`` (adjusted weekends, none
    of them in ``off``), by date; each problem at its item."""
    days: dict[dt.date, str] = {}
    for index, item in enumerate(items or []):
        here = at.child(index)
        span = _span(item, here) if item is not None else None
        if item is None or span is None or year is None:
            continue
        first, last = span
        key = "date" if item["date"] is not None else "from"
        field = here.child(key)
        label = DAYS.fields[key].label
        if first.year != year or last.year != year:
            span_text = str(first) if first == last else f"{first}–{last}"
            field.add(f"不在 {year} 年内：{span_text}。", label=label)
            continue
        day = first
        while day <= last:
            if off is not None and day.weekday() < 5:
                field.add(f"{day} 不是周末：调休上班日应为周六或周日。", label=label)
            elif off is not None and day in off:
                field.add(f"{day} 同时列在 holidays（放假日）中。", label=label)
            days[day] = item["name"]
            day += dt.timedelta(days=1)
    return days


def _span(item: dict[str, Any], at: schema.At) -> tuple[dt.date, dt.date] | None:
    """The first and last day of one item (``date``, or ``from`` … ``to``); None when the
    item has none (a problem recorded here unless its field reported one already)."""
    if item["name"] is None:
        return None
    written = {key for key in ("date", "from", "to") if at.child(key).written()}
    if item["date"] is not None:
        return item["date"], item["date"]
    if item["from"] is None:
        if not written & {"date", "from"}:
            at.add("缺少日期：应写 date（单日）或 from/to（起止日期）。")
        return None
    last = item["to"] if item["to"] is not None else item["from"]
    if "to" in written and item["to"] is None:
        return None
    if last < item["from"]:
        at.child("to").add(f"{last} 早于 from（{item['from']}）。", label="结束日期")
        return None
    return item["from"], last


def load_schedules(root: Path) -> dict[int, YearSchedule]:
    """Every ``content/calendar/<year>.yml`` under project root ``root``."""
    folder = root / CALENDAR_DIR
    schedules: dict[int, YearSchedule] = {}
    if not folder.is_dir():
        return schedules
    for path in sorted(folder.glob("*.yml")):
        rel = f"{CALENDAR_DIR}/{path.name}"
        try:
            text = path.read_bytes().decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise ConfigError(f"{rel}: 不是 UTF-8 编码的文本（{exc.reason}）。") from None
        schedule = parse_schedule(text, rel)
        schedules[schedule.year] = schedule
    return schedules


@dataclass
class WorkCalendar:
    """Working-day arithmetic; remembers the years it had to guess (``fallback_years``)."""

    schedules: dict[int, YearSchedule] = field(default_factory=dict)
    fallback_years: set[int] = field(default_factory=set)

    @classmethod
    def for_project(cls, root: Path) -> WorkCalendar:
        return cls(load_schedules(root))

    def known(self, year: int) -> bool:
        first, last = package_years()
        return year in self.schedules or first <= year <= last

    def source(self, year: int) -> str:
        if year in self.schedules:
            return self.schedules[year].path
        return "chinese-calendar" if self.known(year) else "周一至周五（无官方安排）"

    def is_workday(self, day: dt.date) -> bool:
        schedule = self.schedules.get(day.year)
        if schedule is not None:
            if day in schedule.workdays:
                return True
            if day in schedule.holidays:
                return False
            return day.weekday() < 5
        try:
            return bool(chinese_calendar.is_workday(day))
        except NotImplementedError:
            self.fallback_years.add(day.year)
            return day.weekday() < 5 and day not in statutory_holidays(day.year)

    def uncertain_years(self, start: dt.date, end: dt.date) -> list[int]:
        """The years of [start, end] without an official schedule (counted by the law only)."""
        return [y for y in range(start.year, end.year + 1) if not self.known(y)]

    def add_workdays(self, event: dt.date, count: int) -> dt.date:
        """The ``count``-th working day after ``event`` (the deadline, inclusive)."""
        if count < 1:
            raise ValueError("count must be positive")
        day, seen = event, 0
        while seen < count:
            day += dt.timedelta(days=1)
            if self.is_workday(day):
                seen += 1
        return day

    def workdays_after(self, event: dt.date, until: dt.date) -> int:
        """Working days in (event, until]: the ordinal of ``until`` counted from the day after."""
        count, day = 0, event
        while day < until:
            day += dt.timedelta(days=1)
            if self.is_workday(day):
                count += 1
        return count

    def warnings(self) -> list[str]:
        first, last = package_years()
        extra = sorted(self.schedules)
        known = f"{first}–{last} 年（chinese-calendar）"
        if extra:
            known += "，以及 " + "、".join(f"{y} 年" for y in extra) + f"（{CALENDAR_DIR}/）"
        return [
            f"{year} 年没有国务院节假日安排数据（已知：{known}），该年按法定节假日和周一至周五"
            f"计算工作日，调休未知，结果可能相差几天；国务院公布 {year} 年安排后请添加 "
            f"{CALENDAR_DIR}/{year}.yml。"
            for year in sorted(self.fallback_years)
        ]
