"""Filing deadlines of 第四条 (opening) and 第七条 (closure), counted in working days."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from pipeline.governance.registry import Account
from pipeline.governance.workdays import CALENDAR_DIR, WorkCalendar

OPENING_DAYS = 10  # 第四条
CLOSURE_DAYS = 5  # 第七条


@dataclass(frozen=True)
class Deadline:
    """A filing deadline and how the filing stands against it."""

    event: dt.date
    days: int
    due: dt.date
    filed: dt.date | None
    used: int | None  # working days from the day after the event to the filing
    uncertain: tuple[int, ...] = ()  # years counted without an official schedule

    @property
    def on_time(self) -> bool | None:
        """True/False once filed; None while unfiled."""
        return None if self.filed is None else self.filed <= self.due

    def describe(self) -> str:
        if self.filed is None:
            return f"未备案（期限 {self.due}）"
        verdict = "按期" if self.on_time else "逾期"
        return f"{self.filed}，第 {self.used} 个工作日，{verdict}（期限 {self.due}）"


def deadline(calendar: WorkCalendar, event: dt.date, days: int, filed: dt.date | None) -> Deadline:
    due = calendar.add_workdays(event, days)
    used = calendar.workdays_after(event, filed) if filed is not None else None
    end = max(due, filed) if filed is not None else due
    return Deadline(event, days, due, filed, used, tuple(calendar.uncertain_years(event, end)))


def uncertainty(account: Account, kind: str, limit: Deadline) -> str:
    """The CAL-01 message for one deadline counted in a year without official schedule."""
    years = "、".join(f"{y} 年" for y in limit.uncertain)
    files = "、".join(f"{CALENDAR_DIR}/{y}.yml" for y in limit.uncertain)
    return (
        f"账号{account.label}的{kind}期限 {limit.due}（{limit.event} 后第 {limit.days} 个工作日）"
        f"按法定节假日推算：{years}的调休安排国务院尚未公布，该期限可能相差几天。"
        f"公布后请添加 {files}。"
    )


def opening_deadline(calendar: WorkCalendar, account: Account) -> Deadline | None:
    if account.opened is None:
        return None
    return deadline(calendar, account.opened, OPENING_DAYS, account.filed)


def closure_deadline(calendar: WorkCalendar, account: Account) -> Deadline | None:
    if account.closed is None:
        return None
    return deadline(calendar, account.closed, CLOSURE_DAYS, account.closure_filed)
