"""The state of every inbox item: triaged, answered or not, its deadline (``inbox status``).

Answers and hidden comments come from the publication ledger (``send``): the inbox records
what citizens said, the ledger what the unit did about it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from pipeline.governance.workdays import WorkCalendar
from pipeline.interaction.config import InteractionConfig
from pipeline.interaction.deadlines import OVERDUE, Deadline, deadline
from pipeline.interaction.outcomes import FINAL, HIDDEN, REPLIED, UNANSWERABLE
from pipeline.interaction.store import CST
from pipeline.interaction.triage import Triaged
from pipeline.ledger import Record


@dataclass(frozen=True)
class Outcome:
    event: str  # replied | hidden | unanswerable
    at: dt.datetime
    path: str
    reason: str = ""


@dataclass(frozen=True)
class State:
    triaged: Triaged
    outcome: Outcome | None
    deadline: Deadline | None  # questions only

    @property
    def is_open(self) -> bool:
        return self.triaged.is_question and self.outcome is None

    @property
    def overdue(self) -> bool:
        return self.is_open and self.deadline is not None and self.deadline.state == OVERDUE


def outcomes(records: Iterable[Record], zone: dt.tzinfo = CST) -> dict[str, Outcome]:
    """Item id -> the final thing the unit did about it (the last final record wins);
    times in ``zone``, the unit's."""
    found: dict[str, Outcome] = {}
    for record in records:
        if not record.slug.startswith("interaction:") or record.event not in FINAL:
            continue
        item = record.detail.get("item")
        if isinstance(item, str):
            reason = record.detail.get("reason", "")
            found[item] = Outcome(
                record.event, record.when.astimezone(zone), record.path, str(reason or "")
            )
    return found


def states(
    triaged: list[Triaged],
    done: dict[str, Outcome],
    calendar: WorkCalendar,
    config: InteractionConfig,
    today: dt.date,
    zone: dt.tzinfo = CST,
) -> list[State]:
    """``zone``: the unit's; a question's working days start on the day it arrived there."""
    result = []
    for t in triaged:
        due = None
        if t.is_question:
            received = t.item.when.astimezone(zone).date()
            due = deadline(
                calendar, received, today, days=config.reply_days, soon=config.due_soon_days
            )
        result.append(State(t, done.get(t.item.id), due))
    return result


__all__ = ["HIDDEN", "REPLIED", "UNANSWERABLE", "Outcome", "State", "outcomes", "states"]
