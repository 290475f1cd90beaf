"""Loading the unit's configuration files of a project, as findings or errors."""

from __future__ import annotations

from dataclasses import dataclass

from pipeline.errors import ConfigError
from pipeline.governance.registry import Registry, load_registry
from pipeline.project import ACCOUNTS_FILE, ROSTER_FILE, Project
from pipeline.review.roster import Roster, parse_roster


@dataclass(frozen=True)
class UnitConfig:
    registry: Registry
    roster: Roster | None


def load_roster_file(project: Project) -> Roster | None:
    path = project.roster_file
    if not path.is_file():
        return None
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{ROSTER_FILE}: 不是 UTF-8 编码的文本（{exc.reason}）。") from None
    return parse_roster(text, ROSTER_FILE)


def load_unit_config(project: Project) -> UnitConfig:
    """Registry (required) and roster (optional); raises ConfigError naming file and line."""
    registry = load_registry(project.accounts_file, ACCOUNTS_FILE)
    return UnitConfig(registry=registry, roster=load_roster_file(project))
