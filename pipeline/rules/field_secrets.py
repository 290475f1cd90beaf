"""A secret inside a value the loader echoes (red team, round 35).

A front-matter field the loader refuses before any rule runs is shown whole as its
finding's match (a title over WeChat's length is ``title-length``'s match, a malformed
author or an unusable cover its own), and no rule's finding stands beside it to mask a
credential written in it (``findings.masked`` reads the secret rules' matches). So every
check reads each such match with the rules and masks, character by character, what a
secret rule (``findings.SECRET_RULES``) finds in it, before anything is shown or kept.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from pipeline.findings import SECRET_RULES, Finding, masked
from pipeline.rules.detection import Detection


def masked_values(
    findings: list[Finding], check: Callable[[str], Sequence[Detection]]
) -> list[Finding]:
    """``findings`` with each character of their matches that ``check`` (the rule engine)
    reads as a secret written as ``findings.MASK``; a secret rule's own match is hidden
    by every output already."""
    secrets: dict[str, set[str]] = {}
    for f in findings:
        if not f.match or f.rule.startswith(SECRET_RULES):
            continue
        for d in check(f.match):
            if d.rule.startswith(SECRET_RULES) and d.end > d.start:
                secrets.setdefault(f.path, set()).add(f.match[d.start : d.end])
    return masked(findings, secrets) if secrets else findings
