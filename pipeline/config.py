"""Loading the unit's configuration files of a project, as findings or errors."""

from __future__ import annotations

from dataclasses import dataclass

from pipeline.governance.registry import Registry, load_registry
from pipeline.project import ACCOUNTS_FILE, Project
from pipeline.review.roster import Roster
from pipeline.review.roster_file import load_roster_file

__all__ = ["UnitConfig", "load_roster_file", "load_unit_config"]


@dataclass(frozen=True)
class UnitConfig:
    registry: Registry
    roster: Roster | None


def load_unit_config(project: Project) -> UnitConfig:
    """Registry (required) and roster (optional); raises ConfigError naming file and line."""
    registry = load_registry(project.accounts_file, ACCOUNTS_FILE)
    return UnitConfig(registry=registry, roster=load_roster_file(project))
