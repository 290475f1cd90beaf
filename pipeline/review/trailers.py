"""Approval trailers: the one parser of commit-message trailers (第十五条).

Every reader of approvals, retractions and roster changes — the server hook, ``verify``,
``approve``'s self-check, ``retract`` — parses the raw commit message with ``parse_text``,
never a ``git log`` format whose separators a message could contain. The rules follow
git's trailer syntax, stricter where git is lenient: the trailer block is the last
paragraph of the message (never the only one), every line of it is ``Key: value`` or a
continuation line (indented, unfolded with one space), and any other line means the
message has no trailers at all. Stricter only ever fails closed: an approval that git would
read but we do not simply does not count.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

REVIEW_STAGE = "Review-Stage"
APPROVES = "Approves"
SIGNED_OFF_BY = "Signed-off-by"
REVOKES = "Revokes"  # a reviewer withdraws their own signed claim (``revocation.py``)

OID_RE = re.compile(r"^(?:[0-9a-f]{40}|[0-9a-f]{64})$")
IDENT_RE = re.compile(r"^\s*(?P<name>[^<>]+?)\s*<(?P<email>[^<>\s]+@[^<>\s]+)>\s*$")


@dataclass(frozen=True)
class Trailer:
    key: str
    value: str


_KEY_RE = re.compile(r"^(?P<key>[A-Za-z0-9][A-Za-z0-9-]*)[ \t]*:[ \t]*(?P<value>.*)$")
_CONTROL_RE = re.compile(r"[\x00-\x08\x0a-\x1f\x7f]")


def parse_text(message: str) -> list[Trailer]:
    """The trailers of a commit message (see the module docstring for the rules)."""
    lines = [line.rstrip() for line in message.replace("\r\n", "\n").split("\n")]
    while lines and not lines[-1]:
        lines.pop()
    if "" not in lines:
        return []  # a single paragraph is the subject, never a trailer block
    block = lines[len(lines) - lines[::-1].index("") :]
    result: list[Trailer] = []
    for line in block:
        if line[:1] in (" ", "\t"):
            if not result:
                return []
            last = result[-1]
            result[-1] = Trailer(last.key, f"{last.value} {line.strip()}".strip())
            continue
        match = _KEY_RE.match(line)
        if match is None:
            return []
        result.append(Trailer(match["key"], match["value"].strip()))
    return result


def message_of(raw_commit: bytes) -> str | None:
    """The message of a raw commit object, or ``None`` when it is not valid UTF-8."""
    _, sep, message = raw_commit.partition(b"\n\n")
    if not sep:
        return ""
    try:
        return message.decode("utf-8")
    except UnicodeDecodeError:
        return None


def values(trailers: Sequence[Trailer], key: str) -> list[str]:
    """Values of every trailer named ``key`` (case-insensitive, like git)."""
    wanted = key.lower()
    return [t.value for t in trailers if t.key.lower() == wanted]


@dataclass(frozen=True)
class Approves:
    path: str
    blob: str
    error: str = ""


@dataclass(frozen=True)
class ApprovalTrailers:
    """What an approval commit claims; ``errors`` lists malformed trailers (in Chinese)."""

    stage: int | None
    approves: tuple[Approves, ...]
    name: str = ""
    email: str = ""
    errors: tuple[str, ...] = field(default_factory=tuple)

    @property
    def ident(self) -> str:
        return f"{self.name} <{self.email}>" if self.email else ""


def parse_approves(value: str) -> Approves:
    if _CONTROL_RE.search(value):
        return Approves(value.strip(), "", "Approves 中含有控制字符")
    path, sep, blob = value.strip().rpartition("@")
    path, blob = path.strip(), blob.strip()
    if not sep or not path:
        return Approves(value.strip(), "", f"Approves「{value}」应写成「路径@blob」")
    if not OID_RE.match(blob):
        return Approves(path, blob, f"Approves「{value}」中的 blob 不是完整的 git 对象 id")
    if path.startswith(("/", "./")) or "\\" in path or ".." in path.split("/") or "//" in path:
        return Approves(path, blob, f"Approves「{value}」中的路径应为仓库相对路径")
    return Approves(path, blob)


def parse_signer(trailers: Sequence[Trailer]) -> tuple[str, str, list[str]]:
    """(name, email, errors) of the one ``Signed-off-by`` a claim must carry."""
    signers = values(trailers, SIGNED_OFF_BY)
    if len(signers) != 1:
        return "", "", [f"应有且只有一个 {SIGNED_OFF_BY}（实际 {len(signers)} 个）"]
    match = IDENT_RE.match(signers[0])
    if match is None:
        return "", "", [f"{SIGNED_OFF_BY}「{signers[0]}」应写成「姓名 <邮箱>」"]
    return match["name"].strip(), match["email"].strip(), []


def parse_approval(trailers: Sequence[Trailer]) -> ApprovalTrailers | None:
    """The approval a commit claims, or ``None`` when it claims none."""
    stages = values(trailers, REVIEW_STAGE)
    approves = values(trailers, APPROVES)
    if not stages and not approves:
        return None
    errors: list[str] = []
    stage: int | None = None
    if len(stages) != 1:
        errors.append(f"应有且只有一个 {REVIEW_STAGE}（实际 {len(stages)} 个）")
    elif stages[0].strip() not in ("1", "2", "3"):
        errors.append(f"{REVIEW_STAGE}「{stages[0]}」应为 1、2 或 3")
    else:
        stage = int(stages[0].strip())
    if not approves:
        errors.append(f"缺少 {APPROVES}")
    name, email, signer_errors = parse_signer(trailers)
    errors.extend(signer_errors)
    return ApprovalTrailers(
        stage=stage,
        approves=tuple(parse_approves(v) for v in approves),
        name=name,
        email=email,
        errors=tuple(errors),
    )


def parse_revokes(trailers: Sequence[Trailer]) -> tuple[str, ...]:
    """The commits a revocation names (``Revokes: <commit id>``, full ids only: anything
    else revokes nothing, failing closed)."""
    return tuple(v.strip() for v in values(trailers, REVOKES) if OID_RE.match(v.strip()))


def format_approval(stage: int, approves: Sequence[tuple[str, str]], ident: str) -> str:
    """The trailer block of an approval commit."""
    lines = [f"{REVIEW_STAGE}: {stage}"]
    lines += [f"{APPROVES}: {path}@{blob}" for path, blob in approves]
    lines.append(f"{SIGNED_OFF_BY}: {ident}")
    return "\n".join(lines) + "\n"
