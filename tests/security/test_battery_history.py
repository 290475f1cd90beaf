"""Attack battery, class 6: main's history itself (its shape, and what its readers parse).

A push to main must keep the old tip on the new tip's first-parent chain; commit messages with
control bytes must not break the history parse, so older approved posts keep publishing.
"""

from __future__ import annotations

import pytest

from tests.security.battery_support import (
    ROSTER,
    SAMPLE_POSTS,
    Unit,
    accepted,
    post_text,
    with_puppets,
)

POST = "content/posts/2026/11/yanshi-fuwu.md"
# A sample post already on main (bootstrap) but never approved: not publishable.
UNAPPROVED = SAMPLE_POSTS[1]
PUPPET_CHAIN = ("傀儡甲", "傀儡乙", "傀儡丙")


def puppet_chain_on(unit: Unit) -> None:
    """On the current branch: a puppet roster, puppets approving UNAPPROVED's blob on main,
    then main's roster again — the branch ends with main's tree."""
    roster = unit.roster("origin/main")
    unit.change_roster(with_puppets(roster, unit.keys))
    blob = unit.blob(UNAPPROVED, "origin/main")
    for stage, who in enumerate(PUPPET_CHAIN, 1):
        unit.approval(who, stage, {UNAPPROVED: blob})
    unit.change_roster(roster)
    assert unit.clone.git("rev-parse", "HEAD^{tree}") == unit.clone.git(
        "rev-parse", "origin/main^{tree}"
    )


def honest_merge(unit: Unit) -> None:
    """A reviewed post on a branch, merged into main with main as first parent: accepted."""
    unit.branch("feature")
    unit.write(POST, post_text("政务服务大厅延时服务"))
    unit.commit("New post")
    unit.approval_all(POST)
    unit.branch("merge")
    unit.clone.git("merge", "-q", "--no-ff", "-m", "Merge reviewed post", "feature")
    accepted(unit, unit.push())
    assert unit.review(POST)[0].publishable


def test_orphan_chain_merge(unit: Unit) -> None:
    """Attack: an orphan history (main's tree, a puppet roster, puppet approvals of a post
    already on main, main's roster again) merged with the old tip as second parent: the tree
    does not change, but readers walking the first-parent chain would trust the puppets.
    Defence: the new tip's first-parent chain must contain the old tip."""
    assert not unit.review(UNAPPROVED)[0].publishable
    unit.clone.git("checkout", "-q", "--orphan", "evil", "origin/main")
    unit.commit("Orphan root")
    puppet_chain_on(unit)
    unit.clone.git(
        "merge", "-q", "-s", "ours", "--allow-unrelated-histories", "-m", "Merge", "origin/main"
    )
    assert unit.clone.git("rev-parse", "HEAD^2").strip() == unit.server_ref()
    unit.attack()
    assert not unit.review(UNAPPROVED)[0].publishable
    honest_merge(unit)


def test_merge_with_the_old_tip_as_second_parent(unit: Unit) -> None:
    """Attack: a branch from main's parent carries a puppet roster step and puppet approvals,
    then merges the old tip as its second parent (same final tree as main).
    Defence: the old tip must be on the new tip's first-parent chain."""
    unit.branch("evil", "origin/main~1")
    puppet_chain_on(unit)
    unit.clone.git("merge", "-q", "--no-ff", "-m", "Merge main", "origin/main")
    assert unit.clone.git("rev-parse", "HEAD^2").strip() == unit.server_ref()
    unit.attack()
    assert not unit.review(UNAPPROVED)[0].publishable
    honest_merge(unit)


def test_rewriting_main_is_refused(unit: Unit) -> None:
    """Attack: force-push a rewritten main (old tip dropped) with the roster replaced.
    Defence: non-fast-forward updates of main are refused."""
    unit.branch("rewrite", "origin/main~1")
    unit.change_roster(with_puppets(unit.roster("origin/main"), unit.keys))
    unit.attack(force=True)
    honest_merge(unit)


def _literal_commit(unit: Unit, message: bytes) -> str:
    """A commit object on HEAD with ``message`` byte for byte (git commit cannot write NUL)."""
    tree = unit.clone.git("rev-parse", "HEAD^{tree}").strip()
    raw = (
        f"tree {tree}\nparent {unit.head()}\n"
        "author 王芳 <wangfang@example.gov.cn> 1790000000 +0800\n"
        "committer 王芳 <wangfang@example.gov.cn> 1790000000 +0800\n\n"
    ).encode() + message
    return unit.write_commit(raw, literally=True)


@pytest.mark.parametrize(
    "byte",
    ["\x1f", "\x1e", "\x1d", "\x01\x07\x1b\x7f", "\x00"],
    ids=["x1f-unit-sep", "x1e-record-sep", "x1d-group-sep", "other-controls", "nul"],
)
def test_control_bytes_in_messages_do_not_stop_older_posts(unit: Unit, byte: str) -> None:
    """Attack: after an approved post is on main, someone pushes an approval commit and an
    ordinary commit whose messages carry control bytes inside the trailer block (the
    separators a ``git log --format`` parse might use).
    Defence: the history parse survives; the older post stays publishable and the crafted
    approval is judged like any other."""
    unit.branch("feature")
    unit.write(POST, post_text("政务服务大厅延时服务"))
    unit.commit("New post")
    unit.approve_all(POST)
    accepted(unit, unit.push())
    assert unit.review(POST)[0].publishable

    other = "content/posts/2026/11/kongzhi-zifu.md"
    blob = unit.hash_blob(post_text("控制字符"))
    if byte == "\x00":
        _literal_commit(
            unit,
            f"普通提交\n\nReview-Stage: 1\nApproves: {other}@{blob}\x00Review-Stage: 3\n"
            "Signed-off-by: 张伟 <zhangwei@example.gov.cn>\n".encode(),
        )
    else:
        unit.signed(
            "张伟",
            f"初审通过{byte}\n\nReview-Stage: 1\nApproves: {other}@{blob}\n"
            f"Note: a{byte}b\nSigned-off-by: 张伟 <zhangwei@example.gov.cn>{byte}\n",
        )
        unit.signed("王芳", f"普通提交{byte}\n\nSee-also: x{byte}y\n", signed=False)
    unit.push()  # accepted or refused: either way the post on main must stay publishable
    review = unit.review(POST)[0]
    assert review.publishable, [s.reason for s in review.stages]
    assert [s.by for s in review.stages] == [
        "张伟 <zhangwei@example.gov.cn>",
        "李强 <liqiang@example.gov.cn>",
        "陈静 <chenjing@example.gov.cn>",
    ]


def test_roster_state_of_main_is_read_from_refs_heads_main(unit: Unit) -> None:
    """Honest baseline for the history rules: a two-leader roster change followed by a post
    reviewed under the new roster lands, and the reader sees the post as publishable."""
    unit.branch("roster")
    unit.change_roster(unit.roster().replace("title: 局长", "title: 局长（主要负责人）"))
    unit.approve_roster(("陈静", "赵明"))
    accepted(unit, unit.push())
    assert "局长（主要负责人）" in unit.clone.git("show", f"origin/main:{ROSTER}")
    honest_merge(unit)
