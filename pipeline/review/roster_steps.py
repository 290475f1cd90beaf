"""Every roster a change of main brings, step by step (class 1 of the threat model).

Readers judge each approval, retraction and revocation by the roster in force just before
the first-parent commit of main that brought it, and trust each of those rosters because
each was approved by the quorum of the roster before it. The server's pre-receive judges
every first-parent step of a push that changes ``content/roster.yml`` (:func:`step_problems`);
``govmedia verify``, the hosted forges' required check, judges every first-parent step of
the pull request the same way (:func:`range_problems`, red team 27): a forge that merges by
fast-forward makes those steps main's own, so a roster that added puppet leaders and was
restored before the pull request's head (the net change: nothing) would be in force on main
for whatever the puppets signed in between, a retraction taking a post down everywhere.
"""

from __future__ import annotations

from pathlib import Path

from pipeline import git
from pipeline.project import ROSTER_FILE
from pipeline.review.history import History
from pipeline.review.report import stage_line
from pipeline.review.verify import review_roster_step


def step_problems(repo: Path, history: History, step: git.Step, tip: str) -> list[str]:
    """Chinese reasons against the roster one first-parent step (with a parent) brings:
    judged by the roster at its first parent, with the approvals ``tip`` holds."""
    reasons: list[str] = []
    for change in step.changes:
        if change.path != ROSTER_FILE or change.status == "D":
            continue
        review = review_roster_step(repo, history, step.parents[0], tip, change.new_blob)
        if not review.publishable:
            reasons.append(
                f"名册修改 {ROSTER_FILE}（提交 {step.oid[:10]}，blob {change.new_blob[:10]}）"
                "未获批准："
            )
            reasons.extend(stage_line(s) for s in review.problems())
    return reasons


def range_problems(repo: Path, base: str, head: str) -> list[str]:
    """``step_problems`` of every first-parent step from ``base`` (exclusive) to ``head``
    that changes the roster (a root step is another history's: ``foreign`` refuses it)."""
    steps = git.first_parent_steps([f"{base}..{head}"], cwd=repo)
    steps = [s for s in steps if s.parents and any(c.path == ROSTER_FILE for c in s.changes)]
    if not steps:
        return []
    history = History.load(repo, [head])
    return [reason for step in steps for reason in step_problems(repo, history, step, head)]
