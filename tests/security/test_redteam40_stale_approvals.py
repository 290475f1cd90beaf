"""Red team round 40: a superseded version of what decides, brought back with its old approvals.

A claim binds a path and a blob and stays in main's history. The leaders made an outsider an
acting leader (a roster change approved by the quorum) and later removed him (approved again);
the unit tightened its allowlist after an entry had been approved; a post was corrected
through the three stages. The old approvals still named the old blobs, so a push of the old
bytes, by anyone and signed by no one, found them current again: the server took the acting
leader's roster back (his key deciding 终审 and roster changes again), the weaker allowlist
and the uncorrected post. Now a change counts no claim that was on main when the version it
replaces landed (``review/superseded.py``). Real keys, signatures, pushes and pre-receive.
"""

from __future__ import annotations

from tests.security.battery_support import (
    ALLOW,
    LEADERS,
    PEOPLE,
    SAMPLE_POSTS,
    Unit,
    accepted,
    with_person,
)
from tests.security.test_redteam27_roster_steps import _ci_verify

OUTRANKED = "已被之后的审核决定取代"


def _acting_leader_then_removed(unit: Unit) -> str:
    """The quorum added ``attacker`` as an acting leader, then removed him; both pushed.
    Returns the acting roster's text."""
    original = unit.roster()
    key = unit.keys["attacker"]
    acting = with_person(original, "attacker", PEOPLE["attacker"], "[leader]", [key])
    unit.change_roster(acting)
    unit.approve_roster(LEADERS)
    accepted(unit, unit.push())
    unit.change_roster(original)
    unit.approve_roster(LEADERS)
    accepted(unit, unit.push())
    return acting


def test_a_superseded_roster_never_comes_back_on_its_old_approvals(unit: Unit) -> None:
    acting = _acting_leader_then_removed(unit)
    unit.change_roster(acting, "张伟")  # the old bytes, nobody signs anything
    err = unit.attack()
    assert "content/roster.yml" in err and OUTRANKED in err, err
    code, out, _ = _ci_verify(unit)  # the forges' required check: the same rule
    assert code == 1 and OUTRANKED in out, out
    unit.approve_roster(LEADERS)  # honest: the quorum decides again
    accepted(unit, unit.push())


def _allowlist_tightened(unit: Unit) -> tuple[str, str]:
    """An allowlist entry approved and pushed, then removed with approvals. Returns (the
    permissive text, the current one)."""
    current = (unit.clone.path / ALLOW).read_text(encoding="utf-8")
    permissive = current + "  - phrase: 代办出证\n    reason: 窗口代办服务\n"
    for text in (permissive, current):
        unit.write(ALLOW, text)
        unit.commit("Allowlist")
        unit.approval_all(ALLOW)
        accepted(unit, unit.push())
    return permissive, current


def test_a_tightened_rule_file_never_loosens_again_on_its_old_approvals(unit: Unit) -> None:
    permissive, _ = _allowlist_tightened(unit)
    unit.write(ALLOW, permissive)
    unit.commit("Allowlist: restore")
    err = unit.attack()
    assert ALLOW in err and OUTRANKED in err, err
    unit.approval_all(ALLOW)  # honest: approved again, taken
    accepted(unit, unit.push())


def test_a_corrected_post_never_reverts_on_its_old_approvals(unit: Unit) -> None:
    post = SAMPLE_POSTS[1]
    first = (unit.clone.path / post).read_text(encoding="utf-8")
    for text in (first.replace("\n\n", "\n\n更正前：", 1), first):  # published, then corrected
        unit.write(post, text)
        unit.commit("Post")
        unit.approval_all(post)
        accepted(unit, unit.push())
    unit.write(post, first.replace("\n\n", "\n\n更正前：", 1))
    unit.commit("Post: back")
    err = unit.attack()
    assert post in err and OUTRANKED in err, err


def test_an_approval_made_after_the_current_version_still_counts(unit: Unit) -> None:
    """Honest: the next version approved on a branch while main holds the current one."""
    permissive, current = _allowlist_tightened(unit)
    unit.write(ALLOW, current + "  - phrase: 便民窗口\n    reason: 窗口名称\n")
    unit.commit("Allowlist: a new entry")
    unit.approval_all(ALLOW)
    accepted(unit, unit.push())
    assert permissive != current
