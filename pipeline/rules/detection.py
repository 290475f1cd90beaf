"""What a detector reports: a span of the scanned text, before it becomes a Finding."""

from __future__ import annotations

from dataclasses import dataclass

from pipeline.findings import Severity


@dataclass(frozen=True)
class Detection:
    """One match of a rule in a scanned text, before it is placed in a file."""

    start: int  # offsets in the scanned text (a post's body, title or digest)
    end: int
    rule: str
    article: str
    severity: Severity
    message: str
