"""Working days in years without an official schedule: the statutory holidays by law, and a
CAL-01 warning that names the deadline it makes uncertain."""

from __future__ import annotations

import datetime as dt

import chinese_calendar
import pytest
import yaml

from pipeline.governance.checks import opening_deadline
from pipeline.governance.registry import parse_registry
from pipeline.governance.statutory import statutory_holidays
from pipeline.governance.workdays import WorkCalendar, package_years
from tests.test_accounts_check import account, run_rules, sample_data

D = dt.date


@pytest.mark.parametrize("year", [2025, 2026])
def test_statutory_days_agree_with_the_official_schedules(year: int) -> None:
    first, last = package_years()
    if not first <= year <= last:
        pytest.skip(f"chinese-calendar has no {year}")
    for day, name in statutory_holidays(year).items():
        assert chinese_calendar.is_holiday(day), (day, name)


def test_may_day_2028_is_not_a_working_day() -> None:
    cal = WorkCalendar()
    assert not cal.is_workday(D(2028, 5, 1)) and not cal.is_workday(D(2028, 5, 2))
    # Friday 2028-04-28 + 1 working day: Sat, Sun, May 1 (Mon), May 2 (Tue) are off.
    assert cal.add_workdays(D(2028, 4, 28), 1) == D(2028, 5, 3)
    assert statutory_holidays(2028)[D(2028, 1, 26)] == "春节"  # 正月初一 2028
    assert cal.fallback_years == {2028}


def test_the_newest_official_schedule_is_used() -> None:
    assert package_years()[1] >= 2026
    cal = WorkCalendar()
    assert not cal.is_workday(D(2026, 10, 7))  # 国庆 2026, beyond the 3 statutory days
    assert cal.is_workday(D(2026, 10, 10))  # an adjusted Saturday (调休上班)
    assert cal.fallback_years == set()


def test_may_day_2028_filing_is_on_time_and_the_warning_names_the_deadline() -> None:
    data = sample_data()
    # Opened Thursday 2028-04-20: Monday-to-Friday counting made 05-04 the deadline and the
    # filing of 05-08 overdue; May Day (05-01, 05-02) is off by law, so 05-08 is the 10th.
    account(data, "app").update(opened=D(2028, 4, 20), filed=D(2028, 5, 8))
    account(data, "app")["opening_approval"]["meeting_date"] = D(2028, 4, 17)
    findings = run_rules(data, today=D(2028, 6, 1))
    registry = parse_registry(
        yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "content/accounts.yml"
    )
    app = registry.accounts["app"]
    limit = opening_deadline(WorkCalendar(), app)
    assert limit is not None and limit.due == D(2028, 5, 8) and limit.on_time
    assert limit.uncertain == (2028,)
    assert not [f for f in findings if f.severity == "error"], findings
    (warning,) = [f for f in findings if f.rule == "CAL-01"]
    assert "「掌上牙克石·政务服务」（app）" in warning.message and "开设备案" in warning.message
    assert "2028-05-08" in warning.message and "content/calendar/2028.yml" in warning.message
    assert warning.line == app.line_of("opened")
