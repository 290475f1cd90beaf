"""What a schema finds wrong in a file: an :class:`Issue`, and :class:`SchemaError` raising them.

Every issue names the file (given when it is rendered), the line and column, the field as
the file writes it (``closure_approval.notice_date``, ``keys 第 2 项``) with its Chinese name,
and one Chinese sentence, in one style for every file the unit edits::

    content/accounts.yml:12:7: 账号「wechat」的字段 consent.date（同意日期）不是有效日期……
"""

from __future__ import annotations

from dataclasses import dataclass

from pipeline.errors import ConfigError
from pipeline.findings import Finding


@dataclass(frozen=True, repr=False)
class Issue:
    """One problem at one place of a YAML document."""

    line: int
    column: int
    field: str  # the field as written: "consent.date", "people 第 2 项", "" for the document
    label: str  # its Chinese name ("同意日期"), "" when the field name says enough
    problem: str  # one Chinese sentence without the field: "不是有效日期（应为 YYYY-MM-DD）。"
    rule: str = "field-type"  # rule id when the issue becomes a Finding
    severity: str = "error"  # or "warning"
    owner: str = ""  # the record it belongs to: "账号「wechat」的", "人员「张伟」的"
    value: str = ""  # the offending text, for a Finding's match

    def sentence(self) -> str:
        """The message without the file and position."""
        if not self.field:
            return f"{self.owner}{self.problem}"
        label = f"（{self.label}）" if self.label and self.label != self.field else ""
        if not label and not self.problem.startswith("（"):
            label = " "
        return f"{self.owner}字段 {self.field}{label}{self.problem}"

    def render(self, rel: str) -> str:
        """``file:line:column: sentence``."""
        return f"{rel}:{self.line}:{self.column}: {self.sentence()}"

    def finding(self, rel: str, article: str = "") -> Finding:
        """The issue as a finding of ``rel``: its rule, position and sentence (the value is
        the finding's match unless the sentence quotes it already: reports print both)."""
        sentence = self.sentence()
        match = "" if f"「{self.value}」" in sentence else self.value
        severity = "error" if self.severity == "error" else "warning"
        return Finding(rel, self.line, self.column, self.rule, article, severity, sentence, match)


class SchemaError(ConfigError):
    """A unit file does not follow its schema: every error issue, one per line, the first
    first (``str()`` starts ``file:line:column:``)."""

    def __init__(self, rel: str, issues: list[Issue]) -> None:
        errors = [issue for issue in issues if issue.severity == "error"] or issues
        self.rel = rel
        self.issues = tuple(errors)
        first = errors[0]
        self.line = first.line
        self.column = first.column
        self.field = first.field
        super().__init__("\n".join(issue.render(rel) for issue in errors))


def raise_errors(rel: str, issues: list[Issue]) -> None:
    """Raise :class:`SchemaError` when any issue is an error (warnings pass)."""
    if any(issue.severity == "error" for issue in issues):
        raise SchemaError(rel, issues)


def warnings_of(issues: list[Issue]) -> tuple[tuple[int, str], ...]:
    """The warnings as ``(line, sentence)`` pairs (the registry's ``warnings``)."""
    return tuple((i.line, i.sentence()) for i in issues if i.severity == "warning")
