"""Red team round 34: a pull request judged by the rules of the main it branched from.

The server judges the posts a push brings by the unit's rule files of main's tip before the
push. On a hosted forge the judge is ``govmedia verify`` in ``review.yml``, from the merge
base of the pull request and main, and its content check (round 27) read the rule files at
that merge base: a commit the pull request chooses by where it branches. A branch started
from a main older than the unit's rule brought a post that rule refuses; the reviewers'
``approve`` showed a clean check (the branch's tree holds the old rules and changes none of
them), the forge's required check passed, and the forge's merge put the post on main.
Real signed approvals through the real ``govmedia approve``, real pushes to a bare
remote with the real pre-receive, ``verify`` as ``review.yml`` runs it.
"""

from __future__ import annotations

import pytest

from pipeline.errors import GovmediaError
from tests.security.battery_support import HONEST, Unit, accepted, post_text, without_key
from tests.security.redteam_support import approve_acked, approve_chain
from tests.security.test_redteam14_rules import URGENT, _strict_main
from tests.security.test_redteam18_copies import COPY, SOURCE, _own_post, _push_source
from tests.security.test_redteam27_roster_steps import _ci_verify
from tests.security.test_redteam_rules import POST, SERVICE, TITLE

REFUSED = "本单位不提供加急出证服务"


def _post_on_a_branch_from(unit: Unit, start: str) -> None:
    unit.branch("post/jiaji", start)
    unit.write(POST, post_text(TITLE).replace(SERVICE, URGENT))
    unit.commit("New post")


def _behind_the_rule(unit: Unit) -> None:
    """Main refuses 加急出证 (a unit rule, approved and pushed); the post is on a branch
    started before it."""
    before = unit.clone.git("rev-parse", "origin/main").strip()
    _strict_main(unit)
    unit.fetch()
    _post_on_a_branch_from(unit, before)


def test_approve_never_signs_by_the_rules_of_an_older_main(unit: Unit) -> None:
    _behind_the_rule(unit)
    with pytest.raises(GovmediaError, match="主分支在本分支创建之后修改了规则文件") as refused:
        approve_acked(unit, HONEST[0], 1, POST)
    assert "content/rules/a99-jiazheng.yml" in str(refused.value)
    unit.clone.git("merge", "-q", "--no-edit", "origin/main")  # what the message asks
    with pytest.raises(GovmediaError, match=REFUSED):  # now the check has main's rule
        approve_acked(unit, HONEST[0], 1, POST)


def test_the_forges_check_judges_by_mains_rule_not_the_merge_bases(unit: Unit) -> None:
    _behind_the_rule(unit)
    unit.approval_all(POST)  # signed by hand: the forge's required check decides
    code, out, err = _ci_verify(unit, "--format", "github")
    assert code == 1 and REFUSED in out, out + err
    unit.clone.git("checkout", "-q", "-B", "merged", "origin/main")
    unit.clone.git("merge", "-q", "--no-ff", "--no-edit", "post/jiaji")
    assert REFUSED in unit.attack()  # the server's own check, for the same reason


def test_the_same_post_is_taken_on_a_branch_of_the_main_before_the_rule(unit: Unit) -> None:
    """Honest counterpart: without the rule on main the same post passes every check."""
    _post_on_a_branch_from(unit, "origin/main")
    approve_chain(unit, POST)
    code, out, err = _ci_verify(unit, "--format", "github")
    assert code == 0, out + err
    accepted(unit, unit.push())


def test_the_forges_check_compares_with_mains_posts_not_the_merge_bases(unit: Unit) -> None:
    """The same for the archive a copy is compared with (``A11-04``): main took a repost
    after the branch started; the branch's post copies it without naming the source."""
    before = unit.clone.git("rev-parse", "origin/main").strip()
    _push_source(unit)
    unit.branch("copy", before)
    unit.write(COPY, _own_post())
    unit.commit("新稿：我市推进政务服务一网通办")
    unit.approval_all(COPY)
    code, out, err = _ci_verify(unit, "--format", "github")
    assert code == 1 and "A11-04" in out and SOURCE in out, out + err


def _behind_a_removed_key(unit: Unit) -> None:
    """Main removed 张伟's key (a roster change, approved and pushed); the post is on a
    branch started before it."""
    before = unit.clone.git("rev-parse", "origin/main").strip()
    unit.branch("revoke")
    unit.change_roster(without_key(unit.roster(), unit.keys["张伟"]))
    unit.approve_roster(("陈静", "赵明"))
    accepted(unit, unit.push())
    unit.fetch()
    _post_on_a_branch_from(unit, before)


def test_approve_never_names_reviewers_by_the_roster_of_an_older_main(unit: Unit) -> None:
    """The desk: by the merge base's roster 张伟 was still a reviewer and ``approve``
    signed his 初审; now it asks for main first, and then he is no reviewer."""
    _behind_a_removed_key(unit)
    with pytest.raises(GovmediaError, match="名册") as refused:
        approve_acked(unit, "张伟", 1, POST)
    assert "content/roster.yml" in str(refused.value)
    unit.clone.git("merge", "-q", "--no-edit", "origin/main")
    with pytest.raises(GovmediaError) as refused:
        approve_acked(unit, "张伟", 1, POST)
    assert "主分支在本分支创建之后" not in str(refused.value)
    approve_acked(unit, "孙丽", 1, POST)  # still in main's roster: signs


@pytest.mark.parametrize("first", ["张伟", "孙丽"])
def test_the_forges_check_judges_approvals_by_mains_roster_too(unit: Unit, first: str) -> None:
    """The same for the forge: the branch's 初审 signed with 张伟's key counted by the
    merge base's roster and the forge's check passed, while the server and every reader of
    main refuse it. 孙丽, still in main's roster, is the honest counterpart."""
    _behind_a_removed_key(unit)
    for stage, who in enumerate((first, "李强", "陈静"), 1):
        unit.approval(who, stage, [POST])
    code, out, err = _ci_verify(unit, "--format", "github")
    assert (code == 0) == (first == "孙丽"), out + err
    unit.clone.git("checkout", "-q", "-B", "merged", "origin/main")
    unit.clone.git("merge", "-q", "--no-ff", "--no-edit", "post/jiaji")
    if first == "孙丽":
        accepted(unit, unit.push())
    else:
        unit.attack()
