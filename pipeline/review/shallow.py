"""A shallow clone (``git clone --depth``) holds no whole history: no desk command judges in it.

Whether a claim belongs to the repository and whether the stages came in order are read
from ancestry (round 23a), and a shallow clone's edge cuts ancestry: approvals past it
count less, never more. ``verify`` gave a verdict the server would not give (round 24);
``status`` listed fewer stages done than the server counts and ``approve`` refused, or
proposed, a stage from that wrong count (round 25). Each now names the shallow history
and the command that completes it, and judges nothing.
"""

from __future__ import annotations

from pathlib import Path

from pipeline import git
from pipeline.errors import GovmediaError

UNSHALLOW = "git fetch --unshallow"


def is_shallow(root: Path) -> bool:
    """Whether ``root`` is a shallow clone: its history stops at an edge."""
    code, stdout, _ = git.run(["rev-parse", "--is-shallow-repository"], cwd=root, check=False)
    return code == 0 and stdout.decode().strip() == "true"


def shallow_message(command: str, outcome: str) -> str:
    """The Chinese explanation that ``govmedia command`` cannot judge a shallow clone;
    ``outcome`` says what it does instead."""
    return (
        "本仓库是浅克隆（git clone --depth）：提交历史不完整，审核提交是否属于本仓库、"
        f"各审是否按序完成都无法判断，govmedia {command} {outcome}。"
        f"请先运行 {UNSHALLOW} 取得完整历史，或在完整克隆中运行 govmedia {command}。"
    )


def refuse_shallow(root: Path, command: str, outcome: str) -> None:
    """Raise the Chinese refusal when ``root`` is a shallow clone."""
    if is_shallow(root):
        raise GovmediaError(shallow_message(command, outcome))
