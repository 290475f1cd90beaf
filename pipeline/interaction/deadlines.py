"""Reply deadlines in working days (第十二条 及时答复), on the unit's official calendar."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from pipeline.governance.workdays import WorkCalendar

OPEN, DUE_SOON, OVERDUE = "open", "due_soon", "overdue"
LABELS = {OPEN: "办理中", DUE_SOON: "即将到期", OVERDUE: "已逾期"}


@dataclass(frozen=True)
class Deadline:
    due: dt.date  # the last working day to answer (inclusive)
    state: str  # open | due_soon | overdue, as of ``today``
    left: int  # working days left after today (negative: days overdue)


def deadline(
    calendar: WorkCalendar, received: dt.date, today: dt.date, *, days: int, soon: int
) -> Deadline:
    """Counted from the day after ``received``: ``days`` working days."""
    due = calendar.add_workdays(received, days)
    if today > due:
        return Deadline(due, OVERDUE, -calendar.workdays_after(due, today))
    left = calendar.workdays_after(today, due)
    return Deadline(due, DUE_SOON if left <= soon else OPEN, left)


def answered_in_time(
    calendar: WorkCalendar, received: dt.date, answered: dt.date, days: int
) -> bool:
    return answered <= calendar.add_workdays(received, days)
