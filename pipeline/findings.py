"""Findings (what `check`-like commands report) and their output formats."""

from __future__ import annotations

import json
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from json.encoder import encode_basestring  # the string encoder of ensure_ascii=False (C)
from operator import attrgetter
from typing import Literal

from pipeline.content_limits import shown

Severity = Literal["error", "warning"]
FORMATS = ("text", "json", "github")

SEVERITY_ZH = {"error": "错误", "warning": "警告"}
# Rules whose match may be a credential (第十七条) or personal data (第九条（十一）): what they
# matched is never echoed, by any output (a terminal, a CI log, a commit trailer, a refusal);
# the file, line and column say where it is.
SECRET_RULES = ("A17-", "A9-11")
HIDDEN_MATCH = "（匹配内容可能是凭据或个人信息，不在此显示，见所列行列）"


@dataclass(frozen=True)
class Finding:
    """One problem found in a file, as every output format reports it."""

    path: str
    line: int
    column: int
    rule: str
    article: str
    severity: Severity
    message: str
    match: str = ""
    # Not part of the JSON contract: set when a waiver in the post accepts the finding.
    waived: str | None = field(default=None, compare=False)
    # True when the input could not be read at all (exit 2 rather than 1).
    unreadable: bool = field(default=False, compare=False)

    def to_json(self) -> dict[str, object]:
        # The fields in declaration order, as ``asdict`` gave them (without its deep copy);
        # the match as ``shown_match`` shows it.
        data: dict[str, object] = {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "rule": self.rule,
            "article": self.article,
            "severity": self.severity,
            "message": self.message,
            "match": shown_match(self),
        }
        if self.waived is not None:
            data["waived"] = self.waived
        return data


def shown_match(f: Finding) -> str:
    """What an output may show of ``f``'s match: nothing for a rule of ``SECRET_RULES``."""
    return "" if f.rule.startswith(SECRET_RULES) else f.match


def match_note(f: Finding) -> str:
    """``「match」`` after a finding's message for people; ``HIDDEN_MATCH`` for a secret's."""
    if not f.match:
        return ""
    return HIDDEN_MATCH if f.rule.startswith(SECRET_RULES) else f"「{f.match}」"


MASK = "＊"  # each character of a secret inside another rule's match


def masked(
    findings: list[Finding], extra: Mapping[str, Collection[str]] | None = None
) -> list[Finding]:
    """``findings`` with each character of a secret rule's match (``SECRET_RULES``) that
    another finding of the same file matched too written as ``MASK`` in that finding's
    match (red team, round 34): a combination, a trade or the semantic layer matches a
    whole sentence, the password or identity number in it included, and their matches are
    shown. Where two matches overlap is read from their texts (the secret inside, inside
    the secret, or a head or tail shared), so a field's or a reply's findings, placed at
    its first column, are masked too; every check of posts, reposts and replies calls it
    before anything is shown or kept. ``extra``: more secrets of a file (path -> texts),
    found by the caller where no secret rule's finding stands (round 35: a field refused
    before the rules ran)."""
    secrets: dict[str, set[str]] = {path: set(texts) for path, texts in (extra or {}).items()}
    for f in findings:
        if f.match and f.rule.startswith(SECRET_RULES):
            secrets.setdefault(f.path, set()).add(f.match)
    if not secrets:
        return findings
    return [_masked(f, secrets.get(f.path, set())) for f in findings]


def _masked(f: Finding, secrets: Collection[str]) -> Finding:
    text = f.match
    if not secrets or not text or f.rule.startswith(SECRET_RULES):
        return f
    hidden = [False] * len(text)
    for secret in secrets:
        if text in secret:
            hidden = [True] * len(text)
        start = text.find(secret)
        while start >= 0:
            hidden[start : start + len(secret)] = [True] * len(secret)
            start = text.find(secret, start + 1)
        for k in range(min(len(secret), len(text)), 0, -1):  # the text opens with its tail
            if secret.endswith(text[:k]):
                hidden[:k] = [True] * k
                break
        for k in range(min(len(secret), len(text)), 0, -1):  # the text ends with its head
            if secret.startswith(text[-k:]):
                hidden[len(text) - k :] = [True] * k
                break
    if not any(hidden):
        return f
    return replace(f, match="".join(MASK if h else c for c, h in zip(text, hidden, strict=True)))


# ``(f.path, f.line, f.column, f.rule)`` of a finding ``f``, built in C.
sort_key: Callable[[Finding], tuple[str, int, int, str]] = attrgetter(
    "path", "line", "column", "rule"
)
_FIELDS = attrgetter(
    "path", "line", "column", "rule", "article", "severity", "message", "match", "waived"
)


_NEW = object.__new__
_SET = object.__setattr__


def stored_finding(row: Sequence[object]) -> Finding:
    """``Finding(*row[:8], unreadable=row[8])`` for a row whose types the caller checked,
    without the frozen class's ``__init__`` (an ``object.__setattr__`` per field: most of
    turning a store's 3,600 rows into findings); the same object, attribute for attribute
    and in the order ``__init__`` sets them, its ``__dict__`` made whole from one display
    (a third cheaper than updating an empty one from ``zip``)."""
    made = _NEW(Finding)
    _SET(
        made,
        "__dict__",
        {
            "path": row[0],
            "line": row[1],
            "column": row[2],
            "rule": row[3],
            "article": row[4],
            "severity": row[5],
            "message": row[6],
            "match": row[7],
            "waived": None,
            "unreadable": row[8],
        },
    )
    return made


def exit_code(findings: Iterable[Finding]) -> int:
    """2 when some input was unreadable, 1 for any unwaived error, else 0."""
    items = list(findings)
    if any(f.unreadable for f in items):
        return 2
    if any(f.severity == "error" and f.waived is None for f in items):
        return 1
    return 0


def format_text(findings: Sequence[Finding]) -> str:
    lines = []
    for f in sorted(findings, key=sort_key):
        where = f"{f.path}:{f.line}:{f.column}"
        tag = SEVERITY_ZH[f.severity]
        if f.waived is not None:
            tag = f"已豁免的{tag}"
        article = f"（{f.article}）" if f.article else ""
        line = f"{where}: {tag} [{f.rule}]{article} {f.message}{match_note(f)}"
        if f.waived is not None:
            line += f" —— 豁免理由：{f.waived}"
        lines.append(shown(line))  # a path or match a branch chose: shown, never obeyed
    errors = sum(1 for f in findings if f.severity == "error" and f.waived is None)
    warnings = sum(1 for f in findings if f.severity == "warning" and f.waived is None)
    waived = sum(1 for f in findings if f.waived is not None)
    if findings:
        lines.append(f"共 {errors} 个错误，{warnings} 个警告，{waived} 项已豁免。")
    return "\n".join(lines)


def format_json(findings: Sequence[Finding]) -> str:
    """``indented_json`` of the findings' ``to_json`` in ``sort_key`` order, each object
    written straight from the finding's fields when they are of the declared types."""
    ordered = sorted(findings, key=sort_key)
    items = []
    enc = encode_basestring
    for path, line, column, rule, article, severity, message, match, waived in map(
        _FIELDS, ordered
    ):
        if not (
            type(line) is int
            and type(column) is int
            and type(path) is str
            and type(rule) is str
            and type(article) is str
            and type(severity) is str
            and type(message) is str
            and type(match) is str
            and (waived is None or type(waived) is str)
        ):
            return indented_json([f.to_json() for f in ordered])
        if rule.startswith(SECRET_RULES):
            match = ""
        items.append(
            f'  {{\n    "path": {enc(path)},\n    "line": {int.__repr__(line)},\n'
            f'    "column": {int.__repr__(column)},\n    "rule": {enc(rule)},\n'
            f'    "article": {enc(article)},\n    "severity": {enc(severity)},\n'
            f'    "message": {enc(message)},\n    "match": {enc(match)}'
            + ("\n  }" if waived is None else f',\n    "waived": {enc(waived)}\n  }}')
        )
    return "[\n" + ",\n".join(items) + "\n]" if items else "[]"


def indented_json(rows: list[dict[str, object]]) -> str:
    """``json.dumps(rows, ensure_ascii=False, indent=2)`` for objects of texts and
    integers, without the pure-Python encoder that ``indent`` selects (it was a tenth of
    checking many files); anything else goes to ``json.dumps``."""
    items = []
    for row in rows:
        fields = []
        for key, value in row.items():
            kind = type(value)
            if kind is str:
                text = encode_basestring(value)
            elif kind is int:
                text = int.__repr__(value)
            else:
                return json.dumps(rows, ensure_ascii=False, indent=2)
            fields.append(f"    {encode_basestring(key)}: {text}")
        if not fields:
            return json.dumps(rows, ensure_ascii=False, indent=2)
        items.append("  {\n" + ",\n".join(fields) + "\n  }")
    return "[\n" + ",\n".join(items) + "\n]" if items else "[]"


def _gh_escape(value: str, *, prop: bool = False) -> str:
    value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if prop:
        value = value.replace(":", "%3A").replace(",", "%2C")
    return value


def format_github(findings: Sequence[Finding]) -> str:
    """GitHub / Gitea / Forgejo Actions workflow commands (annotations)."""
    lines = []
    for f in sorted(findings, key=sort_key):
        kind = "error" if f.severity == "error" and f.waived is None else "warning"
        if f.waived is not None:
            kind = "notice"
        title = _gh_escape(f"{f.rule} {f.article}".strip(), prop=True)
        msg = f.message + match_note(f)
        if f.waived is not None:
            msg += f"（已豁免：{f.waived}）"
        lines.append(
            shown(
                f"::{kind} file={_gh_escape(f.path, prop=True)},line={f.line},col={f.column},"
                f"title={title}::{_gh_escape(msg)}"
            )
        )
    return "\n".join(lines)


def render(findings: Sequence[Finding], fmt: str) -> str:
    if fmt == "json":
        return format_json(findings)
    if fmt == "github":
        return format_github(findings)
    return format_text(findings)
