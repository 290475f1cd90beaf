"""Red team: a signed approval its signer withdrew can be merged later.

An approval is bound to a path and a blob, not to a branch: a reviewer who signs on a
branch and then changes their mind used to have no way to take the signature back, and
anyone who fetched the branch could merge it into main at any time. The reviewer now
pushes a signed ``Revokes: <commit>`` to main; from then on the approval it names never
counts. Each test runs the real ``approve`` (real signed commits) and the real pre-receive
hook of a bare repository.
"""

from __future__ import annotations

import pytest

from pipeline.errors import GovmediaError
from pipeline.project import Project
from pipeline.publishing.retract import find_approval
from pipeline.review.verify import review_posts
from tests.security.battery_support import (
    HONEST,
    SAMPLE_POSTS,
    Unit,
    accepted,
    post_text,
    sob,
)

POST = "content/posts/2026/11/yanshi-tiaozheng.md"
ABANDONED = "post/abandoned"


def _abandoned(unit: Unit) -> dict[int, str]:
    """A post with its three approvals on a branch never pushed: stage -> approval commit."""
    unit.branch(ABANDONED)
    unit.write(POST, post_text("延时服务调整"))
    unit.commit("New post")
    approvals = {}
    for stage, who in enumerate(HONEST, 1):
        approvals[stage] = unit.approve(who, stage, POST)
    assert review_posts(unit.clone.path, [POST])[0].publishable
    return approvals


def _revoke(unit: Unit, who: str, commit: str) -> str:
    """``who`` signs a revocation of ``commit`` and pushes it to main."""
    unit.branch("revoke")
    oid = unit.signed(who, f"撤回审核意见\n\nRevokes: {commit}\nSigned-off-by: {sob(who)}\n")
    accepted(unit, unit.push())
    return oid


def _merge_abandoned(unit: Unit) -> None:
    """main merges the abandoned branch (main the first parent, as the server asks)."""
    unit.branch("merge")
    unit.clone.git(
        "merge", "-q", "--no-ff", "-m", "Merge the post", ABANDONED, env=unit.unsigned_env("王芳")
    )


def test_an_approval_merged_after_its_revocation_is_refused(unit: Unit) -> None:
    """Attack: the leader signs 终审 on a branch, changes their mind and leaves the branch;
    later anyone merges it. Defence: the leader's signed ``Revokes:`` on main voids that
    approval for every later push; an approval made again after the revocation counts."""
    approvals = _abandoned(unit)
    _revoke(unit, HONEST[2], approvals[3])
    _merge_abandoned(unit)
    [review] = review_posts(unit.clone.path, [POST])
    assert not review.publishable
    assert any(s.code == "not-revoked" and "撤回" in s.reason for s in review.stages)
    err = unit.attack()
    assert "撤回" in err

    # Honest counterpart: the leader approves the post again, after the revocation.
    unit.approve(HONEST[2], 3, POST)
    assert review_posts(unit.clone.path, [POST])[0].publishable
    accepted(unit, unit.push())


def test_a_revocation_signed_by_anyone_but_the_approver_voids_nothing(unit: Unit) -> None:
    """A reviewer withdraws only their own signature: 李强's revocation of 陈静's 终审 (or an
    unsigned one in 陈静's name) leaves it counting, and the merge is accepted."""
    approvals = _abandoned(unit)
    _revoke(unit, HONEST[1], approvals[3])
    unit.branch("unsigned")
    unit.signed(
        HONEST[2],
        f"撤回审核意见\n\nRevokes: {approvals[3]}\nSigned-off-by: {sob(HONEST[2])}\n",
        signed=False,
    )
    accepted(unit, unit.push())
    _merge_abandoned(unit)
    assert review_posts(unit.clone.path, [POST])[0].publishable
    accepted(unit, unit.push())


def test_a_retraction_drafted_then_withdrawn_never_takes_a_post_down(unit: Unit) -> None:
    """Attack: a leader signs a retraction on a branch and drops it (the post stays up);
    anyone who fetched the branch merges it later and the post is taken down everywhere.
    Defence: the leader's ``Revokes:`` on main voids the retraction; one signed again
    after it counts."""
    target = SAMPLE_POSTS[1]
    unit.branch("draft-retraction")
    drafted = unit.retraction(HONEST[2], target)
    _revoke(unit, HONEST[2], drafted)
    unit.branch("merge")
    unit.clone.git(
        "merge", "-q", "--no-ff", "-m", "Merge", "draft-retraction", env=unit.unsigned_env("王芳")
    )
    accepted(unit, unit.push())  # an empty commit: nothing on main changes
    reader = unit.reader_clone("reader-revoked")
    with pytest.raises(GovmediaError, match="撤回"):
        find_approval(Project(reader), target)

    unit.branch("again")
    unit.retraction(HONEST[2], target)
    accepted(unit, unit.push())
    assert find_approval(Project(unit.reader_clone("reader-again")), target).approved_by == sob(
        HONEST[2]
    )
