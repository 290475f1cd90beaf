"""The statutory public holidays of a year, from the law itself (《全国年节及纪念日放假办法》,
as revised in 2024, in force from 2025): known for every year, long before the State
Council publishes that year's schedule of adjusted working weekends (调休).

元旦 1 day, 春节 4 days (除夕 and 正月初一至初三), 清明 the solar term's day, 劳动节 2 days
(5 月 1、2 日), 端午 五月初五, 中秋 八月十五, 国庆 3 days (10 月 1–3 日). Lunar dates come from
``lunardate``, the solar term from ``chinese-calendar``. What the law does not fix — which
weekends become working days and which extra days are bridged — stays unknown until the
official schedule is published; the callers say so for every deadline it touches.
"""

from __future__ import annotations

import datetime as dt

import chinese_calendar
from lunardate import LunarDate


def _lunar(year: int, month: int, day: int) -> dt.date:
    return LunarDate(year, month, day).to_solar_date()


def statutory_holidays(year: int) -> dict[dt.date, str]:
    """Every statutory day off of ``year`` (weekends not included) and its festival."""
    days: dict[dt.date, str] = {dt.date(year, 1, 1): "元旦"}
    new_year = _lunar(year, 1, 1)
    for offset in range(-1, 3):
        days[new_year + dt.timedelta(days=offset)] = "春节"
    terms = chinese_calendar.get_solar_terms(dt.date(year, 4, 1), dt.date(year, 4, 10))
    for day, name in terms:
        if name == "清明":
            days[day] = "清明节"
    days[dt.date(year, 5, 1)] = days[dt.date(year, 5, 2)] = "劳动节"
    days[_lunar(year, 5, 5)] = "端午节"
    days[_lunar(year, 8, 15)] = "中秋节"
    for day in (1, 2, 3):
        days[dt.date(year, 10, day)] = "国庆节"
    return days
