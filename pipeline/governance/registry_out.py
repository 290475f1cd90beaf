"""The findings of ``govmedia accounts check`` on the registry, and people as it names them."""

from __future__ import annotations

from pipeline.findings import Finding, Severity
from pipeline.review.roster import Roster


class Out:
    def __init__(self, path: str) -> None:
        self.path = path
        self.findings: list[Finding] = []

    def add(
        self, line: int, rule: str, article: str, severity: Severity, message: str, match: str = ""
    ) -> None:
        self.findings.append(Finding(self.path, line, 1, rule, article, severity, message, match))


def name_of(value: str) -> str:
    """``张伟`` or ``张伟 <zhangwei@…>`` -> ``张伟``."""
    return value.split("<", 1)[0].strip()


def in_roster(roster: Roster, value: str) -> list:
    name = name_of(value)
    return [p for p in roster.people if p.name == name]
