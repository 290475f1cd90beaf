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

import chinese_calendar
from chinese_calendar import constants as cc_constants

from pipeline import yamlutil
from pipeline.errors import ConfigError
from pipeline.governance.statutory import statutory_holidays
from pipeline.yamlutil import parse_date

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


def parse_schedule(text: str, rel: str) -> YearSchedule:
    """Parse and validate ``content/calendar/<year>.yml``; ConfigError names file, line, field.

    Format::

        year: 2027
        source: 国务院办公厅关于2027年部分节假日安排的通知
        holidays:                     # days off (ranges or single days)
          - {name: 元旦, from: 2027-01-01, to: 2027-01-03}
        workdays:                     # adjusted working weekends (调休上班)
          - {name: 春节, date: 2027-02-07}
    """
    loc = yamlutil.load_mapping(text, rel, "year、holidays、workdays")
    data = loc.data
    year = data.get("year")
    if not isinstance(year, int) or isinstance(year, bool):
        raise ConfigError(f"{rel}:{loc.line('year')}: 字段 year 应为四位年份，例如 2027。")
    stem = Path(rel).stem
    if stem != str(year):
        raise ConfigError(
            f"{rel}:{loc.line('year')}: 字段 year（{year}）与文件名（{stem}.yml）不一致。"
        )
    source = data.get("source") or ""
    if not isinstance(source, str):
        raise ConfigError(f"{rel}:{loc.line('source')}: 字段 source 应为文本（通知名称与文号）。")
    unknown = sorted(str(k) for k in data if k not in ("year", "source", "holidays", "workdays"))
    if unknown:
        key = unknown[0]
        raise ConfigError(
            f"{rel}:{loc.line(key)}: 未知字段「{key}」（可用：year、source、holidays、workdays）。"
        )
    holidays = _parse_days(data, loc, rel, year, "holidays")
    workdays = _parse_days(data, loc, rel, year, "workdays")
    for day, name in workdays.items():
        if day.weekday() < 5:
            raise ConfigError(
                f"{rel}:{_day_line(data, loc, 'workdays', day)}: 字段 workdays 中的 {day}"
                f"（{name}）不是周末：调休上班日应为周六或周日。"
            )
        if day in holidays:
            raise ConfigError(
                f"{rel}:{_day_line(data, loc, 'workdays', day)}: {day} 同时列在 holidays 和 "
                f"workdays 中。"
            )
    if not holidays:
        raise ConfigError(f"{rel}:{loc.line('holidays')}: 字段 holidays 不能为空。")
    return YearSchedule(year, holidays, workdays, source, rel)


def _day_line(data: dict, loc: yamlutil.Located, key: str, day: dt.date) -> int:
    for index, item in enumerate(data.get(key) or []):
        if isinstance(item, dict):
            first = parse_date(item.get("date") or item.get("from"))
            last = parse_date(item.get("to")) or first
            if first and last and first <= day <= last:
                return loc.line(key, index)
    return loc.line(key)


def _parse_days(
    data: dict, loc: yamlutil.Located, rel: str, year: int, key: str
) -> dict[dt.date, str]:
    items = data.get(key)
    if items is None:
        return {}
    if not isinstance(items, list):
        raise ConfigError(f"{rel}:{loc.line(key)}: 字段 {key} 应为列表。")
    days: dict[dt.date, str] = {}
    for index, item in enumerate(items):
        where = f"{rel}:{loc.line(key, index)}"
        if not isinstance(item, dict):
            raise ConfigError(
                f"{where}: 字段 {key} 第 {index + 1} 项应为映射（name、date 或 from/to）。"
            )
        name = item.get("name")
        if not isinstance(name, str) or not name.strip():
            raise ConfigError(f"{where}: 字段 {key} 第 {index + 1} 项缺少 name（节日名称）。")
        if "date" in item:
            first = last = parse_date(item["date"])
            field_name = "date"
        else:
            first, last = parse_date(item.get("from")), parse_date(item.get("to", item.get("from")))
            field_name = "from/to"
        if first is None or last is None:
            line = loc.line(key, index, "date" if "date" in item else "from")
            raise ConfigError(
                f"{rel}:{line}: 字段 {key} 第 {index + 1} 项（{name}）的 {field_name} "
                f"不是有效日期（应为 YYYY-MM-DD）。"
            )
        if last < first:
            raise ConfigError(
                f"{rel}:{loc.line(key, index, 'to')}: 字段 {key} 第 {index + 1} 项（{name}）"
                f"的 to 早于 from。"
            )
        if first.year != year or last.year != year:
            raise ConfigError(
                f"{rel}:{loc.line(key, index)}: 字段 {key} 第 {index + 1} 项（{name}）的日期"
                f"不在 {year} 年内。"
            )
        day = first
        while day <= last:
            days[day] = name.strip()
            day += dt.timedelta(days=1)
    return days


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
