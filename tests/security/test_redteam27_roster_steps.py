"""Red team round 27: a roster flip-flop through the hosted forges' required check.

The server judges every first-parent step of a push that changes ``content/roster.yml`` by
the quorum of the roster just before it (class 1), and readers rely on that: each
approval, retraction and revocation counts by the roster in force just before the
first-parent commit of main that brought it. ``govmedia verify`` (``review.yml``) judged the
roster only as the pull request's net change. A branch that adds a puppet leader to the
roster, has the puppet sign ``Retracts:`` of a published post and restores the roster
changes nothing at all from its merge base: ``verify`` exited 0. A forge that merges by
fast-forward (Gitea's and Forgejo's "fast-forward only", an operator's ``git merge
--ff-only``) makes those steps main's own, and a clone of main then honours the puppet's
retraction (``find_approval``, what ``govmedia retract`` acts on: the post taken down on
every platform). Now ``verify`` judges every roster step of the pull request with the
server's own rule (``review/roster_steps.py``).
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from pipeline.project import Project
from pipeline.publishing.retract import find_approval
from tests.conftest import run_cli
from tests.security.battery_support import SAMPLE_POSTS, Unit, accepted, sob, with_puppets

TARGET = SAMPLE_POSTS[1]
TITLE = "::error title=名册修改未获批准::"


def _ci_verify(unit: Unit, *fmt: str) -> tuple[int, str, str]:
    """``review.yml``'s step: verify from the merge base with main to the pull request."""
    head = unit.clone.git("rev-parse", "HEAD").strip()
    base = unit.clone.git("merge-base", "origin/main", head).strip()
    result = run_cli("verify", "--base", base, "--head", head, *fmt, cwd=unit.clone.path)
    return result.code, result.out, result.err


def _forge_fast_forward(unit: Unit, name: str) -> Path:
    """What a forge without a pre-receive makes of merging HEAD by fast-forward: a copy of
    the server's repository (no hooks) whose main is HEAD, and a fresh clone of it."""
    forge = unit.tmp / f"{name}.git"
    subprocess.run(["git", "clone", "-q", "--bare", str(unit.bare), str(forge)], check=True)
    push = ["git", "push", "-q", str(forge), "HEAD:refs/heads/main"]
    subprocess.run(push, cwd=unit.clone.path, check=True)
    reader = unit.tmp / f"{name}-clone"
    subprocess.run(["git", "clone", "-q", str(forge), str(reader)], check=True)
    return reader


def test_a_puppet_retraction_between_two_roster_steps_fails_the_required_check(
    unit: Unit,
) -> None:
    unit.branch("flip")
    original = unit.roster()
    puppets = unit.change_roster(with_puppets(original, unit.keys))
    unit.retraction("傀儡丙", TARGET)
    unit.change_roster(original)
    assert unit.clone.git("diff", "--name-only", "origin/main", "HEAD") == ""  # nothing at all
    code, out, err = _ci_verify(unit, "--format", "github")
    assert code == 1, out + err
    annotations = [line for line in out.splitlines() if line.startswith(TITLE)]
    assert any(puppets[:10] in a for a in annotations), out
    assert "Traceback" not in err
    code, out, err = _ci_verify(unit)  # the checklist step, and an editor's own terminal
    assert code == 1 and "未获该步之前名册的批准" in err and puppets[:10] in err, out + err
    status = run_cli("status", cwd=unit.clone.path)
    assert status.code == 0 and puppets[:10] in status.out, status.out + status.err
    unit.attack()  # the server refuses the same push
    # had the check passed, the fast-forward merge would have made the puppet a leader of main
    reader = _forge_fast_forward(unit, "forge-attack")
    assert find_approval(Project(reader), TARGET).approved_by == sob("傀儡丙")


def test_an_approved_roster_change_and_a_leaders_retraction_pass(unit: Unit) -> None:
    """Honest: a roster change both leaders approved, then a retraction the real leader
    signs, pass the check; fast-forwarded, the leader's retraction is honoured."""
    unit.branch("honest")
    unit.change_roster(unit.roster().replace("title: 局长", "title: 局长（主要负责人）"))
    unit.approve_roster(("陈静", "赵明"))
    unit.retraction("陈静", TARGET)
    code, out, err = _ci_verify(unit, "--format", "github")
    assert code == 0 and "::error" not in out, out + err
    reader = _forge_fast_forward(unit, "forge-honest")
    assert find_approval(Project(reader), TARGET).approved_by == sob("陈静")
    accepted(unit, unit.push())


def test_a_roster_step_fixed_by_a_later_edit_is_refused_as_the_server_refuses_it(
    unit: Unit,
) -> None:
    """A roster typo fixed by a second edit: the first blob was never approved, so the step
    that brought it is refused (the server refuses the same fast-forward push); approving
    the final roster alone does not approve the earlier step."""
    unit.branch("two-edits")
    first = unit.change_roster(unit.roster().replace("title: 局长", "title: 局长（主要负责"))
    unit.change_roster(unit.roster().replace("title: 局长（主要负责", "title: 局长（主要负责人）"))
    unit.approve_roster(("陈静", "赵明"))
    code, out, err = _ci_verify(unit, "--format", "github")
    annotations = [line for line in out.splitlines() if line.startswith(TITLE)]
    assert code == 1 and len(annotations) >= 1 and first[:10] in out, out + err
    ok, err = unit.push()
    assert not ok and first[:10] in err, err
