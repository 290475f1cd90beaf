"""Acknowledged warnings: what a reviewer saw and accepted before signing (第十五条).

A warning never blocks publication by itself, but a reviewer signs only after seeing it:
``govmedia approve --ack CODE`` (or ``--ack all``) names the warnings they accept, and the
approval commit records each of them as an ``Acknowledged-Warning`` trailer. The trailer is
informational: ``policy.py`` never reads it, so it cannot make an approval count or not.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, replace
from pathlib import Path

from pipeline import git
from pipeline.findings import Finding, shown_match, sort_key
from pipeline.review import trailers

ACK_TRAILER = "Acknowledged-Warning"
ALL = "all"
MATCH_LIMIT = 40

# what a public page shows of a rule: a rule id's shape, never a reviewer's sentence
_RULE_RE = re.compile(r"[A-Za-z][A-Za-z0-9-]{0,31}")
_SPACE_RE = re.compile(r"\s+")
_VALUE_RE = re.compile(r"^(?P<path>[^\s:]+):(?P<line>\d+) (?P<rule>\S+)(?: (?P<match>.*))?$")
_CONTROL_RE = re.compile(r"[\x00-\x1f\x7f]")


@dataclass(frozen=True)
class Ack:
    path: str
    line: int
    rule: str
    match: str = ""

    def label(self) -> str:
        """``[A10-01]「我觉得」`` for people."""
        return f"[{self.rule}]" + (f"「{self.match}」" if self.match else "")

    def to_json(self) -> dict[str, object]:
        return asdict(self)


def ack_codes(raw: Sequence[str]) -> set[str]:
    """The rule codes named by ``--ack`` (repeatable, comma-separated, ``all`` for every)."""
    codes = {part.strip() for value in raw for part in value.split(",")}
    codes.discard("")
    return {ALL} if any(c.lower() == ALL for c in codes) else codes


def open_warnings(findings: Iterable[Finding]) -> list[Finding]:
    """The warnings a reviewer must acknowledge: unwaived ones (waivers were reviewed)."""
    return sorted(
        (f for f in findings if f.severity == "warning" and f.waived is None), key=sort_key
    )


def select(findings: Iterable[Finding], codes: set[str]) -> tuple[list[Finding], list[Finding]]:
    """(acknowledged, not acknowledged) among the open warnings."""
    warnings = open_warnings(findings)
    if ALL in codes:
        return warnings, []
    return [f for f in warnings if f.rule in codes], [f for f in warnings if f.rule not in codes]


def unused_codes(findings: Iterable[Finding], codes: set[str]) -> list[str]:
    """``--ack`` codes that name no open warning: most likely a typo."""
    if ALL in codes:
        return []
    fired = {f.rule for f in open_warnings(findings)}
    return sorted(codes - fired)


def _clean(text: str) -> str:
    text = _CONTROL_RE.sub(" ", text).strip()
    return text[:MATCH_LIMIT] + ("…" if len(text) > MATCH_LIMIT else "")


def format_value(finding: Finding) -> str:
    """The value of one ``Acknowledged-Warning`` trailer."""
    value = f"{finding.path}:{finding.line} {finding.rule}"
    match = _clean(shown_match(finding))
    return f"{value} {match}" if match else value


def format_trailers(acked: Sequence[Finding]) -> str:
    return "".join(f"{ACK_TRAILER}: {format_value(f)}\n" for f in acked)


def parse_value(value: str) -> Ack | None:
    found = _VALUE_RE.match(value.strip())
    if found is None:
        return None
    return Ack(found["path"], int(found["line"]), found["rule"], (found["match"] or "").strip())


def acks_in(message: str, path: str | None = None) -> list[Ack]:
    """The acknowledged warnings a commit message records (for ``path`` when given)."""
    result = []
    for value in trailers.values(trailers.parse_text(message), ACK_TRAILER):
        ack = parse_value(value)
        if ack is not None and (path is None or ack.path == path):
            result.append(ack)
    return result


def shown_publicly(acks: Iterable[Ack], approved: str) -> list[Ack]:
    """What a public page may show of ``acks``, the trailers of approval commits of a
    version whose reviewed text is ``approved`` (round 25): a trailer is written by the one
    reviewer who signs it, so its words reach the public only when they are the approved
    text's own (whitespace aside; a quotation cut with "…" by its start); a match that is
    not is left out, and a trailer whose rule is not shaped like a rule id is not shown."""
    text = _SPACE_RE.sub("", approved)
    shown: list[Ack] = []
    for ack in acks:
        if not _RULE_RE.fullmatch(ack.rule):
            continue
        words = _SPACE_RE.sub("", ack.match.removesuffix("…"))
        shown.append(ack if words and words in text else replace(ack, match=""))
    return shown


def agreed(stages: Sequence[Sequence[Ack]]) -> list[list[Ack]]:
    """Each stage's trailers that every stage of the version records (red team 26): a
    public page shows no acknowledgement one reviewer wrote alone. ``approve`` makes every
    stage acknowledge every open warning of the version, with the same rule, line and words,
    so an honest acknowledgement is in all of them; a rule or words one reviewer chose
    (``zhe-pian-wen-zhang-shi-jia-de`` as a rule, a real id on words it never matched) are in
    that reviewer's commit only. No stage, no acknowledgement."""
    if not stages:
        return []
    common = set(stages[0]).intersection(*stages[1:])
    return [[a for a in stage if a in common] for stage in stages]


def acks_by_commit(root: Path, commits: Iterable[str]) -> dict[str, list[Ack]]:
    """Each approval commit's acknowledged warnings, for every path (one git call)."""
    wanted = sorted({c for c in commits if c})
    if not wanted:
        return {}
    raw = git.cat_file_batch(wanted, cwd=root)
    result: dict[str, list[Ack]] = {}
    for commit in wanted:
        kind, body = raw.get(commit, ("", b""))
        message = trailers.message_of(body) if kind == "commit" else None
        result[commit] = acks_in(message) if message else []
    return result
