"""The findings of one file, gathered as its readers find problems (never raised)."""

from __future__ import annotations

from pipeline.findings import Finding, Severity
from pipeline.schema import Issue


class Collector:
    def __init__(self, path: str) -> None:
        self.path = path
        self.findings: list[Finding] = []

    def error(
        self,
        line: int,
        rule: str,
        message: str,
        *,
        match: str = "",
        article: str = "",
        column: int = 1,
        unreadable: bool = False,
    ) -> None:
        self._add("error", line, column, rule, article, message, match, unreadable)

    def warning(
        self,
        line: int,
        rule: str,
        message: str,
        *,
        match: str = "",
        article: str = "",
        column: int = 1,
    ) -> None:
        self._add("warning", line, column, rule, article, message, match, False)

    def _add(
        self,
        severity: Severity,
        line: int,
        column: int,
        rule: str,
        article: str,
        message: str,
        match: str,
        unreadable: bool,
    ) -> None:
        self.findings.append(
            Finding(
                self.path,
                line,
                column,
                rule,
                article,
                severity,
                message,
                match,
                unreadable=unreadable,
            )
        )

    def issue(self, issue: Issue) -> None:
        """A schema issue as a finding: its rule, line, column and sentence."""
        self.findings.append(issue.finding(self.path))

    def has_errors(self) -> bool:
        return any(f.severity == "error" for f in self.findings)
