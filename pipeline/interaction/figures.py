"""The interaction figures of the annual report (第十八条): items received, questions
answered, answered within the deadline, median time to answer, comments hidden with their
reasons."""

from __future__ import annotations

import datetime as dt
import statistics
from collections import Counter
from dataclasses import dataclass, field

from pipeline.governance.workdays import WorkCalendar
from pipeline.interaction.config import InteractionConfig
from pipeline.interaction.deadlines import answered_in_time
from pipeline.interaction.status import HIDDEN, REPLIED, State
from pipeline.interaction.store import CST


@dataclass(frozen=True)
class Figures:
    received: int = 0
    questions: int = 0
    answered: int = 0
    in_time: int = 0
    median_hours: float | None = None
    hidden: int = 0
    hidden_reasons: dict[str, int] = field(default_factory=dict)
    violations_proposed: int = 0
    reposts: int = 0

    def to_json(self) -> dict[str, object]:
        return {
            "received": self.received,
            "questions": self.questions,
            "answered": self.answered,
            "answered_in_time": self.in_time,
            "median_hours_to_answer": self.median_hours,
            "hidden": self.hidden,
            "hidden_reasons": dict(self.hidden_reasons),
            "violations_proposed": self.violations_proposed,
            "reposts": self.reposts,
        }


def figures(
    all_states: list[State],
    calendar: WorkCalendar,
    config: InteractionConfig,
    start: dt.date,
    end: dt.date,
    zone: dt.tzinfo = CST,
) -> Figures:
    """Figures for items received in [start, end], days as the unit's ``zone`` counts them."""
    chosen = [s for s in all_states if start <= s.triaged.item.when.astimezone(zone).date() <= end]
    questions = [s for s in chosen if s.triaged.is_question]
    answered = [s for s in questions if s.outcome is not None and s.outcome.event == REPLIED]
    hours = []
    in_time = 0
    for s in answered:
        assert s.outcome is not None
        received = s.triaged.item.when
        hours.append((s.outcome.at - received).total_seconds() / 3600)
        if answered_in_time(
            calendar,
            received.astimezone(zone).date(),
            s.outcome.at.astimezone(zone).date(),
            config.reply_days,
        ):
            in_time += 1
    hidden = [s for s in chosen if s.outcome is not None and s.outcome.event == HIDDEN]
    return Figures(
        received=len(chosen),
        questions=len(questions),
        answered=len(answered),
        in_time=in_time,
        median_hours=round(statistics.median(hours), 1) if hours else None,
        hidden=len(hidden),
        hidden_reasons=dict(Counter(s.outcome.reason for s in hidden if s.outcome)),
        violations_proposed=sum(1 for s in chosen if s.triaged.category == "violation"),
    )
