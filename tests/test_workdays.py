"""Working days on China's official calendar, the content/calendar extension and the fallback."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from pipeline.errors import ConfigError
from pipeline.governance.workdays import WorkCalendar, load_schedules, parse_schedule
from pipeline.schema import SchemaError
from tests.conftest import SAMPLE_CONTENT, run_cli

D = dt.date

SCHEDULE_2027 = """\
# test data (not the official 2027 schedule)
year: 2027
source: 测试用安排
holidays:
  - {name: 元旦, from: 2027-01-01, to: 2027-01-03}
workdays:
  - {name: 元旦, date: 2027-01-09}
"""


def test_national_day_week_2026_and_its_adjusted_saturday():
    cal = WorkCalendar()
    assert not cal.is_workday(D(2026, 10, 1))
    assert not cal.is_workday(D(2026, 10, 7))
    assert cal.is_workday(D(2026, 10, 10))  # Saturday, 调休上班
    assert not cal.is_workday(D(2026, 10, 11))  # Sunday
    # Closed on 09-30: 10-08 (1), 10-09 (2), 10-10 Sat (3), 10-12 (4), 10-13 (5).
    assert cal.add_workdays(D(2026, 9, 30), 5) == D(2026, 10, 13)
    assert cal.workdays_after(D(2026, 9, 30), D(2026, 10, 12)) == 4
    assert cal.fallback_years == set()


def test_spring_festival_2026():
    cal = WorkCalendar()
    assert cal.is_workday(D(2026, 2, 14))  # Saturday before the holiday, 调休上班
    assert all(not cal.is_workday(D(2026, 2, day)) for day in range(15, 24))
    assert cal.is_workday(D(2026, 2, 28))  # Saturday after, 调休上班
    # 02-13 (1), 02-14 Sat (2), 02-24..27 (3-6), 02-28 Sat (7), 03-02..04 (8-10).
    assert cal.add_workdays(D(2026, 2, 12), 10) == D(2026, 3, 4)
    # 02-13, 02-14 (Sat), 02-24, 02-25, 02-26: plain weekdays would count 10.
    assert cal.workdays_after(D(2026, 2, 12), D(2026, 2, 26)) == 5


def test_counting_starts_the_day_after_the_event():
    cal = WorkCalendar()
    assert cal.add_workdays(D(2026, 3, 2), 1) == D(2026, 3, 3)
    assert cal.workdays_after(D(2026, 3, 2), D(2026, 3, 2)) == 0


def test_beyond_every_schedule_falls_back_to_weekdays_with_a_warning():
    cal = WorkCalendar()
    # 2027-01-01 is a Friday and 元旦 by law, without a schedule for 2027; 01-04 a Monday.
    assert cal.add_workdays(D(2026, 12, 31), 1) == D(2027, 1, 4)
    assert cal.fallback_years == {2027}
    (warning,) = cal.warnings()
    assert "2027" in warning and "content/calendar/2027.yml" in warning and "周一至周五" in warning


def test_content_calendar_extends_to_2027(tmp_path: Path):
    folder = tmp_path / "content" / "calendar"
    folder.mkdir(parents=True)
    (folder / "2027.yml").write_text(SCHEDULE_2027, encoding="utf-8")
    cal = WorkCalendar.for_project(tmp_path)
    assert not cal.is_workday(D(2027, 1, 1))
    assert cal.is_workday(D(2027, 1, 9))  # adjusted Saturday
    assert cal.add_workdays(D(2026, 12, 31), 1) == D(2027, 1, 4)
    assert cal.add_workdays(D(2027, 1, 8), 1) == D(2027, 1, 9)
    assert cal.warnings() == []
    assert cal.source(2027) == "content/calendar/2027.yml"


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        (SCHEDULE_2027.replace("date: 2027-01-09", "date: 2027-01-08"), 7, ["workdays", "周末"]),
        (SCHEDULE_2027.replace("year: 2027", "year: 2028"), 2, ["year", "文件名"]),
        (SCHEDULE_2027.replace("to: 2027-01-03", "to: 2027-13-03"), 5, ["holidays", "to", "13-03"]),
        (SCHEDULE_2027.replace("from: 2027-01-01", "from: 2026-12-31"), 5, ["holidays", "2027"]),
        (SCHEDULE_2027.replace("name: 元旦, from", "from"), 5, ["holidays", "name"]),
        (SCHEDULE_2027 + "extra: 1\n", 8, ["extra"]),
    ],
)
def test_calendar_file_errors_name_file_line_and_field(text: str, line: int, words: list[str]):
    with pytest.raises(ConfigError) as info:
        parse_schedule(text, "content/calendar/2027.yml")
    message = str(info.value)
    assert message.startswith(f"content/calendar/2027.yml:{line}:"), message
    for word in words:
        assert word in message


def test_load_schedules_reads_the_folder(tmp_path: Path):
    assert load_schedules(tmp_path) == {}
    folder = tmp_path / "content" / "calendar"
    folder.mkdir(parents=True)
    (folder / "2027.yml").write_text(SCHEDULE_2027, encoding="utf-8")
    assert set(load_schedules(tmp_path)) == {2027}


@pytest.mark.parametrize(
    ("old", "new", "where", "words"),
    [
        ("to: 2027-01-03", "to: 2026-12-30", "5:34", ["to（结束日期）2026-12-30 早于 from"]),
        ("date: 2027-01-09", "date: 2027-01-02", "7:16", ["2027-01-02", "同时列在 holidays"]),
        ("name: 元旦, from: 2027-01-01, to: 2027-01-03", "name: 元旦", "5:5", ["缺少日期"]),
        ("date: 2027-01-09", "day: 2027-01-09", "7:16", ["workdays 第 1 项的 day", "未知"]),
        ("year: 2027", "year: 27", "2:1", ["year（年份）应为四位年份"]),
        ("source: 测试用安排", "source: [a]", "3:1", ["source", "应为文本"]),
    ],
)
def test_calendar_file_each_bad_value(
    tmp_path: Path, old: str, new: str, where: str, words: list[str]
):
    folder = tmp_path / "content" / "calendar"
    folder.mkdir(parents=True)
    assert old in SCHEDULE_2027
    (folder / "2027.yml").write_text(SCHEDULE_2027.replace(old, new), encoding="utf-8")
    with pytest.raises(SchemaError) as info:
        load_schedules(tmp_path)
    message = str(info.value)
    assert message.startswith(f"content/calendar/2027.yml:{where}: "), message
    for word in words:
        assert word in message, message


def test_calendar_file_lists_every_problem_first_first():
    text = SCHEDULE_2027.replace("to: 2027-01-03", "to: 2027-13-03").replace("-09", "-08")
    with pytest.raises(SchemaError) as info:
        parse_schedule(text, "content/calendar/2027.yml")
    assert [line.split(": ")[0] for line in str(info.value).splitlines()] == [
        "content/calendar/2027.yml:5:34",
        "content/calendar/2027.yml:7:16",
    ]


def test_accounts_check_stops_on_a_bad_calendar_file(tmp_path: Path):
    content = tmp_path / "content"
    (content / "calendar").mkdir(parents=True)
    for name in ("accounts.yml", "roster.yml"):
        shutil.copy2(SAMPLE_CONTENT / name, content / name)
    bad = SCHEDULE_2027.replace("date: 2027-01-09", "date: 2027-01-08")
    (content / "calendar" / "2027.yml").write_text(bad, encoding="utf-8")
    result = run_cli("accounts", "check", cwd=tmp_path)
    assert result.code == 2, result
    assert "content/calendar/2027.yml:7:16: 字段 workdays 第 1 项的 date（日期）" in result.err
    assert "不是周末" in result.err and "Traceback" not in result.err and result.out == ""
