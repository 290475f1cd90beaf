"""A secret inside a value the loader echoes (red team, round 35).

A front-matter field the loader refuses before any rule runs is shown whole: as its
finding's match (a title over WeChat's length is ``title-length``'s match) or quoted in its
message (``date-invalid``, an unusable cover), and no rule's finding stands beside it to
mask a credential written in it (``findings.masked`` reads the secret rules' matches). So
every check reads each such match and message with the rules and writes each character a
secret rule (``findings.SECRET_RULES``) finds in them as ``findings.MASK``, before anything
is shown or kept.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

from pipeline.findings import MASK, SECRET_RULES, Finding
from pipeline.rules.detection import Detection

Check = Callable[[str], Sequence[Detection]]


def masked_values(findings: list[Finding], check: Check) -> list[Finding]:
    """``findings`` with each character of their matches and messages that ``check`` (the
    rule engine) reads as a secret written as ``MASK``; a secret rule's own match is hidden
    by every output already."""
    out = []
    for f in findings:
        if f.rule.startswith(SECRET_RULES):
            out.append(f)
            continue
        match, message = hidden(f.match, check), hidden(f.message, check)
        changed = match != f.match or message != f.message
        out.append(replace(f, match=match, message=message) if changed else f)
    return out


def hidden(text: str, check: Check) -> str:
    """``text`` with each character a secret rule matches in it written as ``MASK``."""
    if not text:
        return text
    spans = [(d.start, d.end) for d in check(text) if d.rule.startswith(SECRET_RULES)]
    if not spans:
        return text
    chars = list(text)
    for start, end in spans:
        chars[start:end] = [MASK] * (end - start)
    return "".join(chars)
