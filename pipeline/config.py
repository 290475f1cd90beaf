"""Loading the unit's configuration files of a project, as findings or errors."""

from __future__ import annotations

from dataclasses import dataclass

from pipeline.errors import ConfigError
from pipeline.governance.registry import Registry, load_registry
from pipeline.project import ACCOUNTS_FILE, Project
from pipeline.review.roster import Roster
from pipeline.review.roster_file import load_roster_file

__all__ = ["UnitConfig", "load_roster_file", "load_unit_config"]


@dataclass(frozen=True, repr=False, eq=False)
class UnitConfig:
    """The unit's registry and roster, as the checks read them."""

    registry: Registry
    roster: Roster | None


def load_unit_config(project: Project) -> UnitConfig:
    """Registry (required) and roster (optional); raises ConfigError naming file, line,
    column and field, with the problems of both files at once (the registry's first)."""
    problems: list[ConfigError] = []
    registry: Registry | None = None
    roster: Roster | None = None
    try:
        registry = load_registry(project.accounts_file, ACCOUNTS_FILE)
    except ConfigError as exc:
        problems.append(exc)
    try:
        roster = load_roster_file(project)
    except ConfigError as exc:
        problems.append(exc)
    if len(problems) == 1:
        raise problems[0]
    if problems:
        raise ConfigError("\n".join(str(problem) for problem in problems))
    assert registry is not None
    return UnitConfig(registry=registry, roster=roster)
