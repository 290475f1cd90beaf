"""The findings of one file, gathered as its readers find problems (never raised)."""

from __future__ import annotations

from pipeline.findings import Finding


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
        self.findings.append(
            Finding(
                self.path,
                line,
                column,
                rule,
                article,
                "error",
                message,
                match,
                unreadable=unreadable,
            )
        )

    def warning(
        self, line: int, rule: str, message: str, *, match: str = "", article: str = ""
    ) -> None:
        self.findings.append(Finding(self.path, line, 1, rule, article, "warning", message, match))

    def has_errors(self) -> bool:
        return any(f.severity == "error" for f in self.findings)
