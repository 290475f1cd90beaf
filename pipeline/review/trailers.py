"""Approval trailers, parsed with git's own trailer rules (第十五条).

git decides what a trailer is (the last paragraph, ``Key: value`` lines, continuation lines,
whitespace around the separator); we ask git for the parsed trailers with the
``%(trailers:only,unfold,...)`` format of ``git log`` — or ``git interpret-trailers --parse``
for a single message — and only compare keys case-insensitively, as git does.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from pipeline import git

REVIEW_STAGE = "Review-Stage"
APPROVES = "Approves"
SIGNED_OFF_BY = "Signed-off-by"

# A ``git log --format`` placeholder that prints every trailer, unfolded, as
# key 0x1e value, trailers separated by 0x1d (no newline, no 0x1f, no NUL).
LOG_FORMAT = "%(trailers:only,unfold,separator=%x1d,key_value_separator=%x1e)"

OID_RE = re.compile(r"^(?:[0-9a-f]{40}|[0-9a-f]{64})$")
IDENT_RE = re.compile(r"^\s*(?P<name>[^<>]+?)\s*<(?P<email>[^<>\s]+@[^<>\s]+)>\s*$")


@dataclass(frozen=True)
class Trailer:
    key: str
    value: str


def parse_log_field(field_text: str) -> list[Trailer]:
    """Trailers from a ``LOG_FORMAT`` field of ``git log``."""
    result: list[Trailer] = []
    for item in field_text.split("\x1d"):
        if "\x1e" in item:
            key, _, value = item.partition("\x1e")
            result.append(Trailer(key.strip(), value.strip()))
    return result


def parse_message(message: str, *, cwd: str | Path) -> list[Trailer]:
    """Trailers of a whole commit message, by ``git interpret-trailers --parse``."""
    result: list[Trailer] = []
    for line in git.interpret_trailers(message, cwd=cwd).splitlines():
        key, sep, value = line.partition(":")
        if sep:
            result.append(Trailer(key.strip(), value.strip()))
    return result


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
    path, sep, blob = value.strip().rpartition("@")
    path, blob = path.strip(), blob.strip()
    if not sep or not path:
        return Approves(value.strip(), "", f"Approves「{value}」应写成「路径@blob」")
    if not OID_RE.match(blob):
        return Approves(path, blob, f"Approves「{value}」中的 blob 不是完整的 git 对象 id")
    if path.startswith(("/", "./")) or "\\" in path:
        return Approves(path, blob, f"Approves「{value}」中的路径应为仓库相对路径")
    return Approves(path, blob)


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
    signers = values(trailers, SIGNED_OFF_BY)
    name = email = ""
    if len(signers) != 1:
        errors.append(f"应有且只有一个 {SIGNED_OFF_BY}（实际 {len(signers)} 个）")
    else:
        match = IDENT_RE.match(signers[0])
        if match is None:
            errors.append(f"{SIGNED_OFF_BY}「{signers[0]}」应写成「姓名 <邮箱>」")
        else:
            name, email = match["name"].strip(), match["email"].strip()
    return ApprovalTrailers(
        stage=stage,
        approves=tuple(parse_approves(v) for v in approves),
        name=name,
        email=email,
        errors=tuple(errors),
    )


def format_approval(stage: int, approves: Sequence[tuple[str, str]], ident: str) -> str:
    """The trailer block of an approval commit."""
    lines = [f"{REVIEW_STAGE}: {stage}"]
    lines += [f"{APPROVES}: {path}@{blob}" for path, blob in approves]
    lines.append(f"{SIGNED_OFF_BY}: {ident}")
    return "\n".join(lines) + "\n"
