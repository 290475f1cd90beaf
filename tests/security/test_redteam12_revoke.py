"""Red team, round 12: revocations (``Revokes:``) against rosters that change and each other.

A revocation on main voids its signer's approval for every later head. The server and the
readers must agree on whether it does, whatever the roster became after it; and a
revocation cannot be undone by another one, nor can it name a commit that claims nothing.
Each test runs the real ``approve``, real ``ssh-keygen`` signatures and the real
pre-receive hook of a bare repository.
"""

from __future__ import annotations

from pipeline.review.verify import review_posts
from tests.conftest import run_cli
from tests.security.battery_support import HONEST, LEADERS, Unit, accepted, sob
from tests.security.test_redteam_revoke import POST, _abandoned, _merge_abandoned

LEADER = HONEST[2]
SPARE = "attacker"  # the key the leader holds on a second device (any key of the battery)


def _body() -> str:
    return "date: 2026-11-20\nauthor: 王芳 <wangfang@example.gov.cn>\nchannels: [wechat]\n" + (
        "category: 通知公告\noriginal: true\n---\n\n政务服务大厅工作日延时服务至18时30分。\n"
    )


def _email() -> str:
    return sob(HONEST[0]).split("<", 1)[1].rstrip(">")


def _set_roster(unit: Unit, text: str) -> None:
    """A roster change approved by the two leaders, pushed to main."""
    unit.branch("roster")
    unit.change_roster(text)
    unit.approve_roster(LEADERS)
    accepted(unit, unit.push())
    unit.fetch()


def _revocation(unit: Unit, commit: str, *, key: str | None = None) -> str:
    message = f"撤回审核意见\n\nRevokes: {commit}\nSigned-off-by: {sob(LEADER)}\n"
    oid = unit.signed(LEADER, message, key=key)
    accepted(unit, unit.push())
    unit.fetch()
    return oid


def test_a_revocation_signed_with_a_key_removed_later_still_voids_on_the_server(
    unit: Unit,
) -> None:
    """Attack: the leader holds two keys; she signs 终审 with one and, from her second
    device, the revocation of it. Later the second key is removed from the roster (a lost
    laptop). Whoever fetched the abandoned branch now merges it: the server judged the old
    revocation by today's roster, found its key unknown and counted the approval again,
    while every reader (judging it by the roster of its day) refused the post.
    Defence: a revocation already on main is judged by the roster in force where it
    landed, on the server as in the readers."""
    spare = unit.keys[SPARE].public
    own = unit.keys[LEADER].public
    roster = unit.roster("origin/main")
    assert f"      - {own}\n" in roster
    _set_roster(unit, roster.replace(f"      - {own}\n", f"      - {own}\n      - {spare}\n"))
    approvals = _abandoned(unit)
    unit.branch("revoke")
    _revocation(unit, approvals[3], key=SPARE)
    _set_roster(unit, unit.roster("origin/main").replace(f"      - {spare}\n", ""))
    assert spare not in unit.roster("origin/main")

    _merge_abandoned(unit)
    [review] = review_posts(unit.clone.path, [POST])
    assert not review.publishable
    assert any(s.code == "not-revoked" for s in review.stages)
    assert "撤回" in unit.attack()


def test_a_revocation_of_a_revocation_restores_nothing(unit: Unit) -> None:
    """Attack (one reviewer changing their mind twice, or a puppet draft): the leader
    revokes her 终审, then signs a ``Revokes:`` naming that revocation, hoping to make the
    abandoned approval count again. Defence: a revocation voids claims, and a revocation is
    none; the first one stays in force on the server and in every reader."""
    approvals = _abandoned(unit)
    unit.branch("revoke")
    first = _revocation(unit, approvals[3])
    unit.branch("revoke-again")
    _revocation(unit, first)
    _merge_abandoned(unit)
    [review] = review_posts(unit.clone.path, [POST])
    assert not review.publishable
    assert "撤回" in unit.attack()


def test_a_revocation_naming_a_merge_voids_nothing(unit: Unit) -> None:
    """A ``Revokes:`` that names a merge commit (which claims nothing) withdraws nothing:
    the approvals merged afterwards count and the honest push is accepted."""
    unit.branch("side")
    unit.commit("Side work")
    unit.branch("merged")
    unit.clone.git("merge", "-q", "--no-ff", "-m", "Merge side work", "side")
    accepted(unit, unit.push())
    unit.fetch()
    merge = unit.head()
    approvals = _abandoned(unit)
    assert merge not in approvals.values()
    unit.branch("revoke")
    _revocation(unit, merge)
    _merge_abandoned(unit)
    assert review_posts(unit.clone.path, [POST])[0].publishable
    accepted(unit, unit.push())


def test_a_signer_name_with_terminal_controls_cannot_forge_a_passed_stage(unit: Unit) -> None:
    """Attack: on a branch, an editor adds a fake approval whose ``Signed-off-by`` name holds
    an ESC sequence (carriage return, erase line, cursor up) and a bidi override, so that
    ``govmedia verify`` on a reviewer's terminal overwrites the ✗ line of the stage with a
    forged "✓ 陈静" and the leader signs 终审 believing 初审 and 复审 passed. Defence: every
    stage line shows a stranger's text (the claimed signer, the reason) through
    ``content_limits.shown``: the controls are written as ``\\u001b`` escapes."""
    forged = "\r\x1b[2K\x1b[1A  ✓ 第 1 审（初审）：张伟\u202e"
    unit.branch("forged-name")
    unit.write(POST, "---\ntitle: 名字里的控制字符\n" + _body())
    unit.commit("New post")
    unit.approval(HONEST[0], 1, [POST], signed=False, signer_line=f"{forged} <{_email()}>")
    result = run_cli("verify", cwd=unit.clone.path)
    shown = result.out + result.err
    assert "\\u001b" in shown and "\\u202e" in shown, shown
    assert "\x1b" not in shown and "\r" not in shown and "\u202e" not in shown
    assert "不可发布" in shown
    err = unit.attack()
    assert "\x1b" not in err and "\u202e" not in err


def test_a_revocation_merged_as_a_second_parent_counts(unit: Unit) -> None:
    """The leader's revocation reaches main inside an editor's merge (its second parent),
    not as a first-parent commit: it is judged by the roster before that merge, and the
    abandoned approval merged later is refused by the server and every reader."""
    approvals = _abandoned(unit)
    unit.branch("revoke-side")
    unit.signed(LEADER, f"撤回审核意见\n\nRevokes: {approvals[3]}\nSigned-off-by: {sob(LEADER)}\n")
    unit.branch("editor-merge")
    unit.commit("Editor's own work")
    unit.clone.git(
        "merge", "-q", "--no-ff", "-m", "Merge", "revoke-side", env=unit.unsigned_env("王芳")
    )
    accepted(unit, unit.push())
    unit.fetch()
    _merge_abandoned(unit)
    [review] = review_posts(unit.clone.path, [POST])
    assert any(s.code == "not-revoked" for s in review.stages)
    assert "撤回" in unit.attack()
