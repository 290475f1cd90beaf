"""Everything ``inbox status``, ``watch`` and the report read about interaction, loaded once."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from pipeline import yamlutil
from pipeline.errors import ConfigError
from pipeline.governance.workdays import WorkCalendar
from pipeline.interaction.config import InteractionConfig, load_config
from pipeline.interaction.status import State, outcomes, states
from pipeline.interaction.triage import triage
from pipeline.interaction.trusted import trusted_inbox
from pipeline.ledger import Ledger, Record
from pipeline.project import Project
from pipeline.review.roster import Roster, parse_roster
from pipeline.unit_time import unit_zone


@dataclass(frozen=True)
class InboxView:
    config: InteractionConfig
    roster: Roster | None
    calendar: WorkCalendar
    states: list[State]
    # item id -> ``file:line`` of a later record of it with another content (Inbox.read): a
    # comment id the platform gave a different text, shown to the reviewers (round 18b)
    disputed: dict[str, str] = field(default_factory=dict)


def load_view(
    project: Project, today: dt.date, records: Iterable[Record] | None = None
) -> InboxView:
    """``records``: the ledger's (the report passes the trusted ones); default the work tree's."""
    from pipeline.rules.checker import RuleChecker

    roster = _roster(project)
    config = load_config(project.root, roster)
    calendar = WorkCalendar.for_project(project.root)
    first, disputed = trusted_inbox(project).read()  # InboxTrustError: not the publisher's
    items = list(first.values())
    triaged = triage(items, RuleChecker(project.root), config)
    zone = unit_zone(project.root)
    done = outcomes(Ledger(project.ledger_dir).records() if records is None else records, zone)
    found = states(triaged, done, calendar, config, today, zone)
    return InboxView(config, roster, calendar, found, disputed)


def _roster(project: Project) -> Roster | None:
    if not project.roster_file.is_file():
        return None
    try:
        return parse_roster(project.roster_file.read_text(encoding="utf-8-sig"))
    except (ConfigError, UnicodeDecodeError, yamlutil.YamlSyntaxError):
        return None
