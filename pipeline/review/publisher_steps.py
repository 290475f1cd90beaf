"""The first-parent steps of a change that touch what only the publisher writes.

``ledger/`` and the inbox ``interaction/`` change only by appends signed with a publisher
key of the roster as it stood before the step (``ledger_trust``, ``interaction.trust``).
The server's pre-receive judges every step of a push with :func:`step_problems`; ``govmedia
verify`` judges a range with :func:`range_problems` the same way, so the hosted forges'
required check (``review.yml``, which has no pre-receive behind it) refuses a pull request
that forges a record, as the server refuses the push (red team 26).
"""

from __future__ import annotations

from pathlib import Path

from pipeline import git
from pipeline.errors import ConfigError
from pipeline.interaction import trust as interaction_trust
from pipeline.interaction.store import INTERACTION_DIR
from pipeline.project import LEDGER_DIR, ROSTER_FILE
from pipeline.review.roster import Roster, parse_roster
from pipeline.review.verify import TARGET_BRANCH


def _roster_before(repo: Path, step: git.Step) -> tuple[Roster | None, str]:
    """The roster at the step's first parent, or None and why not."""
    raw = git.show_blob(f"{step.parents[0]}:{ROSTER_FILE}", cwd=repo)
    if raw is None:
        return (
            None,
            f"提交 {step.oid[:10]}：修改发布台账时 {TARGET_BRANCH} 上没有名册，无法认定发布者。",
        )
    try:
        return parse_roster(raw.decode("utf-8-sig"), ROSTER_FILE), ""
    except (ConfigError, UnicodeDecodeError) as exc:
        return None, f"提交 {step.oid[:10]}：{TARGET_BRANCH} 上的名册无效（{exc}）。"


def step_problems(repo: Path, step: git.Step) -> list[str]:
    """Chinese reasons against one first-parent step with a parent (empty: none)."""
    ledger = any(c.path.startswith(LEDGER_DIR + "/") for c in step.changes)
    inbox = any(interaction_trust.touches(c.path) for c in step.changes)
    if not ledger and not inbox:
        return []
    roster, why = _roster_before(repo, step)
    problems: list[str] = []
    if ledger:
        from pipeline import ledger_trust

        if roster is None:
            problems.append(why)
        else:
            problems += ledger_trust.step_problems(repo, step.parents[0], step.oid, roster)
    if inbox:
        problems += interaction_trust.step_problems(repo, step, roster)
    return problems


def range_problems(repo: Path, base: str, head: str) -> list[str]:
    """The reasons of every first-parent step from ``base`` (exclusive) to ``head``, when
    the change brings a record at all: a branch brought up to date by merging main (a
    forge's "Update branch") holds main's own ledger commits in that merge, and its tree's
    records are main's."""
    dirs = [LEDGER_DIR + "/", INTERACTION_DIR + "/"]
    if not git.diff_raw(base, head, dirs, cwd=repo):
        return []
    steps = git.first_parent_steps([f"{base}..{head}"], cwd=repo)
    return [p for step in steps if step.parents for p in step_problems(repo, step)]
