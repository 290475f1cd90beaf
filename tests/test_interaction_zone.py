"""Interaction days are counted in the unit's own zone (``timezone:`` in accounts.yml).

A question received at 17:30 UTC on 31 March is 23:30 on 31 March in Urumqi but already
1 April in Beijing: the report's month and the reply deadline follow the unit's zone."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

from pipeline.governance.workdays import WorkCalendar
from pipeline.interaction.config import InteractionConfig
from pipeline.interaction.figures import figures
from pipeline.interaction.status import states
from pipeline.interaction.store import Item
from pipeline.interaction.triage import QUESTION, Triaged

URUMQI = ZoneInfo("Asia/Urumqi")
BEIJING = ZoneInfo("Asia/Shanghai")


def _question() -> Triaged:
    item = Item(
        id="weibo-main:1",
        channel="weibo-main",
        platform="weibo",
        kind="comment",
        platform_id="1",
        target="9",
        user="u-1",
        text="请问社保卡在哪里办理？",
        at="2026-03-31T17:30:00+00:00",
    )
    return Triaged(item, QUESTION)


def test_the_deadline_counts_from_the_day_it_arrived_in_the_units_zone(tmp_path: Path) -> None:
    calendar = WorkCalendar.for_project(tmp_path)
    config = InteractionConfig()
    today = dt.date(2026, 4, 1)
    (urumqi,) = states([_question()], {}, calendar, config, today, URUMQI)
    (beijing,) = states([_question()], {}, calendar, config, today, BEIJING)
    assert urumqi.deadline is not None and beijing.deadline is not None
    assert urumqi.deadline.due < beijing.deadline.due


def test_the_report_counts_a_question_in_the_month_it_arrived_in_the_units_zone(
    tmp_path: Path,
) -> None:
    calendar = WorkCalendar.for_project(tmp_path)
    config = InteractionConfig()
    march = (dt.date(2026, 3, 1), dt.date(2026, 3, 31))
    found = states([_question()], {}, calendar, config, dt.date(2026, 4, 1), URUMQI)
    assert figures(found, calendar, config, *march, URUMQI).questions == 1
    assert figures(found, calendar, config, *march, BEIJING).questions == 0
