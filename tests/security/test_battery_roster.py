"""Attack battery, class 5: taking over the roster (who may approve).

The roster that judges a step of main is the one in force before it; a step that changes the
roster needs approvals of the new roster blob by two different people of the old roster
(roles ``leader``/``chief_editor``, at least one ``leader``); deleting the roster is refused.
"""

from __future__ import annotations

from tests.security.battery_support import (
    ROSTER,
    Unit,
    accepted,
    post_text,
    with_person,
    with_puppets,
    without_key,
)

POST = "content/posts/2026/11/yanshi-fuwu.md"
PUPPET_CHAIN = ("傀儡甲", "傀儡乙", "傀儡丙")


def honest_roster_edit(unit: Unit) -> None:
    """A benign roster change (a title) approved by both leaders, pushed: must be accepted."""
    unit.branch("roster-honest")
    unit.change_roster(unit.roster().replace("title: 局长", "title: 局长（主要负责人）"))
    unit.approve_roster(("陈静", "赵明"))
    accepted(unit, unit.push())


def test_roster_flip_flop_within_one_push(unit: Unit) -> None:
    """Attack: one push adds puppets to the roster, lets them sign approvals of a post's future
    blob, and restores the roster — the net roster diff is empty.
    Defence: every first-parent step that changes the roster needs its own approvals."""
    unit.branch("flip")
    original = unit.roster()
    unit.change_roster(with_puppets(original, unit.keys))
    future = unit.hash_blob(post_text("傀儡审核的文章"))
    for stage, who in enumerate(PUPPET_CHAIN, 1):
        unit.approval(who, stage, {POST: future})
    unit.change_roster(original)
    assert unit.clone.git("diff", "origin/main", "HEAD", "--", ROSTER) == ""
    unit.attack()
    honest_roster_edit(unit)


def test_roster_flip_flop_across_pushes(unit: Unit) -> None:
    """Attack: push 1 is the flip-flop above (puppets sign approvals of a blob not yet on
    main); push 2 brings the post whose blob they approved.
    Defence: push 1 is refused (unapproved roster steps); push 2 too — the post's approvals
    are judged by the roster in force where the post lands, which has no puppets."""
    unit.branch("flip")
    original = unit.roster()
    unit.change_roster(with_puppets(original, unit.keys))
    text = post_text("傀儡审核的文章")
    for stage, who in enumerate(PUPPET_CHAIN, 1):
        unit.approval(who, stage, {POST: unit.hash_blob(text)})
    unit.change_roster(original)
    unit.attack()
    unit.write(POST, text)
    unit.commit("The post the puppets approved")
    unit.attack()
    unit.clone.git("reset", "-q", "--hard", "origin/main")
    unit.write(POST, text)
    unit.commit("The same post, honestly reviewed")
    unit.approve_all(POST)
    accepted(unit, unit.push())


def test_single_leader_cannot_change_the_roster(unit: Unit) -> None:
    """Attack (one reviewer alone): leader 陈静 alone approves a roster change that adds
    puppets.
    Defence: a roster change needs two different people of the old roster."""
    unit.branch("puppets")
    unit.change_roster(with_puppets(unit.roster(), unit.keys))
    unit.approve_roster(("陈静",))
    unit.attack()
    unit.approve_roster(("赵明",))
    accepted(unit, unit.push())


def test_two_puppets_added_by_one_leader_then_used(unit: Unit) -> None:
    """Attack: leader 陈静 alone adds two puppets (an editor and a chief editor), then the
    puppets sign stages 1 and 2 of a post and 陈静 signs stage 3: one real person publishes.
    Defence: the roster change is refused, and so is the post it was meant to carry.
    Honest: a new editor added with both leaders' approvals may then review."""
    unit.branch("puppets")
    unit.change_roster(with_puppets(unit.roster(), unit.keys, leader=False))
    unit.approve_roster(("陈静",))
    unit.attack()
    unit.write(POST, post_text("傀儡审核的文章"))
    unit.commit("Post for the puppets")
    unit.approval("傀儡甲", 1, [POST])
    unit.approval("傀儡乙", 2, [POST])
    unit.approval("陈静", 3, [POST])
    unit.attack()

    unit.branch("new-editor")
    text = with_person(
        unit.roster(), "傀儡甲", "puppet1@attacker.example", "[editor]", [unit.keys["傀儡甲"]]
    )
    unit.change_roster(text)
    unit.approve_roster(("陈静", "赵明"))
    accepted(unit, unit.push())
    unit.write(POST, post_text("新编辑初审的文章"))
    unit.commit("Post reviewed by the new editor")
    unit.approve_all(POST, people=("傀儡甲", "李强", "陈静"))
    accepted(unit, unit.push())


def test_roster_change_needs_a_leader_and_an_allowed_role(unit: Unit) -> None:
    """Attack: a roster change approved by a leader plus an editor (张伟), then by the same
    leader twice.
    Defence: the second approver must be a different person holding a roster_change role
    (leader or chief_editor). Honest: leader + chief editor is accepted."""
    unit.branch("roster")
    unit.change_roster(unit.roster().replace("title: 局长", "title: 局长（主要负责人）"))
    changed = unit.head()
    unit.approval("陈静", 3, [ROSTER])
    unit.approval("张伟", 3, [ROSTER])
    unit.attack()
    unit.clone.git("reset", "-q", "--hard", changed)
    unit.approval("陈静", 3, [ROSTER])
    unit.approval("陈静", 3, [ROSTER])
    unit.attack()
    unit.clone.git("reset", "-q", "--hard", changed)
    unit.approval("陈静", 3, [ROSTER])
    unit.approval("李强", 3, [ROSTER])
    accepted(unit, unit.push())


def test_roster_change_cannot_lower_its_own_threshold(unit: Unit) -> None:
    """Attack: the roster change itself sets ``roster_change: {approvals: 1}`` and adds a
    puppet leader, approved by one leader.
    Defence: the roster in force before the step (default rule: two people) judges it."""
    unit.branch("lower")
    text = with_puppets(unit.roster(), unit.keys).replace(
        "people:\n",
        "roster_change:\n  approvals: 1\n  roles: [leader]\n  require: [leader]\npeople:\n",
        1,
    )
    unit.change_roster(text)
    unit.approve_roster(("赵明",))
    unit.attack()
    honest_roster_edit(unit)


def test_roster_deletion_is_refused(unit: Unit) -> None:
    """Attack: delete content/roster.yml (no roster: nobody judges, or a fallback does).
    Defence: deleting the roster is refused outright."""
    unit.branch("delete")
    unit.clone.git("rm", "-q", ROSTER)
    unit.commit("Remove the roster")
    unit.attack()
    honest_roster_edit(unit)


def test_approval_by_a_key_removed_before_the_post_lands(unit: Unit) -> None:
    """Attack: 张伟 signs stage 1 of a post's blob; the approvals reach main early (empty
    commits); then 张伟's key is revoked; later the post itself is pushed.
    Defence: a post's approvals are judged by the roster in force where the post's blob
    lands, which no longer lists 张伟's key. Honest: the same pattern with 孙丽 (still in
    the roster) is accepted."""
    unit.branch("early")
    revoked_text = post_text("张伟初审的文章")
    kept_text = post_text("孙丽初审的文章")
    revoked_post = "content/posts/2026/11/zhangwei-shenhe.md"
    kept_post = "content/posts/2026/11/sunli-shenhe.md"
    for (path, text), first in (
        ((revoked_post, revoked_text), "张伟"),
        ((kept_post, kept_text), "孙丽"),
    ):
        blob = unit.hash_blob(text)
        for stage, who in enumerate((first, "李强", "陈静"), 1):
            unit.approval(who, stage, {path: blob})
    unit.push()  # approvals alone change no file; whether they may land early is not judged here
    unit.fetch()
    unit.branch("revoke")
    unit.change_roster(without_key(unit.roster(), unit.keys["张伟"]))
    unit.approve_roster(("陈静", "赵明"))
    accepted(unit, unit.push())
    base = unit.head()
    approvals = unit.clone.git("rev-parse", "early").strip()
    unit.clone.git("merge", "-q", "--no-ff", "-m", "Merge early approvals", approvals)
    unit.write(revoked_post, revoked_text)
    unit.commit("Post approved by a revoked key")
    unit.attack()
    unit.clone.git("reset", "-q", "--hard", base)
    unit.clone.git("merge", "-q", "--no-ff", "-m", "Merge early approvals", approvals)
    unit.write(kept_post, kept_text)
    unit.commit("Post approved by people still in the roster")
    accepted(unit, unit.push())
