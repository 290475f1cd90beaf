"""Who may change the inbox (``interaction/``): only the publisher's own identity, by appending.

The inbox is publisher-written data (DESIGN.md trust boundary), like the ledger: a first-parent
step of main that touches ``interaction/`` is accepted only when the commit has one parent,
carries a valid SSH signature by a key under ``publishers:`` of the roster before it, changes
nothing outside ``interaction/``, and only appends whole, valid records to
``interaction/YYYY/MM/<channel>.jsonl`` (``cursors.json`` may be rewritten: it is only a
position, and a wrong one costs a re-read that the inbox folds). A citizen's comment, once
recorded, can neither be edited nor removed by a push.
"""

from __future__ import annotations

import re
from pathlib import Path

from pipeline import git
from pipeline.interaction.store import CURSORS, INTERACTION_DIR, parse_item
from pipeline.ledger_judge import (
    Step,
    append_only_judge,
    appended_problems,
    signer_problems,
    step_blobs,
)
from pipeline.review import signatures
from pipeline.review.roster import Roster

REGULAR_FILE = "100644"
RECORDS = "互动记录"
_RECORDS_RE = re.compile(r"^interaction/\d{4}/\d{2}/[A-Za-z0-9_-]+\.jsonl$")


def touches(path: str) -> bool:
    return path == INTERACTION_DIR or path.startswith(INTERACTION_DIR + "/")


def step_problems(repo: Path, step: git.Step, roster: Roster | None) -> list[str]:
    """Chinese reasons against one first-parent step touching ``interaction/`` (empty: fine)."""
    if not any(touches(c.path) for c in step.changes):
        return []
    verdict = signatures.verdicts(repo, [step.oid]).get(step.oid)
    signer = signer_problems(verdict, roster, "", RECORDS)
    blobs = step_blobs(
        [b for c in step.changes for b in (c.old_blob, c.new_blob)], signer, cwd=repo
    )
    parent = step.parents[0] if len(step.parents) == 1 else ""
    problems = judge(
        Step(step.oid, tuple(step.parents), list(step.changes)), parent, roster, verdict, blobs
    )
    return [f"提交 {step.oid[:10]}（互动记录）：{p}。" for p in problems]


def _where(change: git.Change, blobs: dict[str, bytes]) -> list[str]:
    """Where the refused step's records begin (``file:line``), so the reader can find them."""
    if not touches(change.path):
        return []
    if change.status not in ("A", "M"):
        return [f"涉及文件 {change.path}"]
    old = blobs.get(change.old_blob, b"") if change.status == "M" else b""
    new = blobs.get(change.new_blob, b"")
    same = 0
    for a, b in zip(old.split(b"\n"), new.split(b"\n"), strict=False):
        if a != b:
            break
        same += 1
    return [f"涉及 {change.path}:{same + 1} 起的记录"]


def _change_problems(change: git.Change, blobs: dict[str, bytes]) -> list[str]:
    path = change.path
    if not touches(path):
        return [
            f"同一提交还修改了互动记录以外的文件 {path}：互动记录提交只能改动 {INTERACTION_DIR}/"
        ]
    if change.status not in ("A", "M"):
        return [f"{path}：互动记录只能追加，不能删除或改名"]
    if change.new_mode != REGULAR_FILE:
        return [f"{path} 不是普通文件（模式 {change.new_mode}）"]
    if path == f"{INTERACTION_DIR}/{CURSORS}":
        return []
    if not _RECORDS_RE.match(path):
        return [f"{path} 不是 {INTERACTION_DIR}/YYYY/MM/<渠道>.jsonl 互动记录文件"]
    old = blobs.get(change.old_blob, b"") if change.status == "M" else b""
    new = blobs.get(change.new_blob)
    if new is None:
        return [f"{path}：读不到该文件的内容"]
    if not new.startswith(old) or (old and not old.endswith(b"\n")):
        return [f"{path}：改动或删除了已有的互动记录，只能在末尾追加"]
    return appended_problems(path, old, new, parse_item, "不是 UTF-8 文本")


# The reasons against one step touching ``interaction/`` (empty: accepted); the history
# check of ``pipeline.interaction.trusted`` calls it through ``ledger_history.Guard``.
judge = append_only_judge(
    RECORDS,
    "修改互动记录的提交必须是只有一个父提交的普通提交",
    _change_problems,
    where=_where,
    rootless=True,
)
