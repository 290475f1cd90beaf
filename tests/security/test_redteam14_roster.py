"""Red team, round 14: the roster ``approve`` judges by, on a branch without main's history.

``approve`` reads the roster at the merge base of the branch and main, and judges the
stages already signed by the rosters in force on the branch since that base. A branch
that shares no commit with main (an orphan carrying main's files) had no merge base, and
``approve`` then fell back to the roster the branch itself commits: a roster in which the
editor swapped 张伟's and 李强's keys for their own showed the leader 初审 and 复审 as done
by 张伟 and 李强, and the leader signed 终审 of a post no real colleague had reviewed.
The server still refuses the puppets' signatures, but the leader's decision rested on a
roster the change under review shaped. Each test runs the real ``approve`` with real
``ssh-keygen`` signatures.
"""

from __future__ import annotations

import pytest

from pipeline.errors import GovmediaError
from pipeline.review.verify import base_and_tip, review_paths
from tests.security.battery_support import HONEST, Unit, post_text
from tests.security.test_redteam_rules import POST, TITLE


def _orphan_with_swapped_keys(unit: Unit) -> None:
    """An orphan branch of main's files whose roster gives 张伟's and 李强's names the
    editor's puppet keys; the puppets sign 初审 and 复审 of a new post under those names."""
    unit.clone.git("checkout", "-q", "--orphan", "orphan", "origin/main")
    roster = unit.roster("origin/main")
    for person, puppet in (("张伟", "傀儡甲"), ("李强", "傀儡乙")):
        roster = roster.replace(unit.keys[person].public, unit.keys[puppet].public, 1)
    unit.write("content/roster.yml", roster)
    unit.write(POST, post_text(TITLE))
    unit.commit("Orphan with a roster of its own")
    assert unit.clone.git("merge-base", "--all", "HEAD", "origin/main", check=False) == ""
    unit.approval("张伟", 1, [POST], key="傀儡甲")
    unit.approval("李强", 2, [POST], key="傀儡乙")


def test_a_roster_the_orphan_branch_commits_never_shows_stages_as_done(unit: Unit) -> None:
    """Attack: the leader runs ``approve --stage 3`` on the orphan branch; the stages the
    puppets signed counted under the branch's roster. Defence: with no merge base,
    ``approve`` judges by main's roster (its tip), under which the puppets' signatures are
    not 张伟's and 李强's: 终审 is refused until real 初审 and 复审 exist."""
    _orphan_with_swapped_keys(unit)
    with pytest.raises(GovmediaError, match=r"第 1 审|第 2 审|初审|复审"):
        unit.approve(HONEST[2], 3, POST)


def test_approvals_on_an_orphan_branch_count_nowhere_and_on_a_branch_of_main_they_do(
    unit: Unit,
) -> None:
    """Honest counterpart: an orphan branch of main's files and roster shares no history with
    main, like another unit's repository (round 23a): the real ``approve`` refuses to sign
    on it, a 初审 signed there by hand does not belong to this repository and counts
    nowhere, so 复审 is refused; the same post on a branch of main, signed in order by the
    real 初审, 复审 and 终审, is judged by main's roster."""
    unit.clone.git("checkout", "-q", "--orphan", "orphan", "origin/main")
    unit.write(POST, post_text(TITLE))
    unit.commit("Orphan")
    with pytest.raises(GovmediaError, match="不属于本仓库的历史"):
        unit.approve(HONEST[0], 1, POST)
    unit.approval(HONEST[0], 1, [POST])
    [review] = review_paths(unit.clone.path, [POST], base_and_tip(unit.clone.path)[0])
    assert not review.publishable
    assert review.stages[0].code == "in-this-repository"
    with pytest.raises(GovmediaError, match=r"第 1 审|初审"):
        unit.approve(HONEST[1], 2, POST)

    unit.branch("post/on-main")
    unit.write(POST, post_text(TITLE))
    unit.commit("Post")
    unit.approve_all(POST)
    [review] = review_paths(unit.clone.path, [POST], base_and_tip(unit.clone.path)[0])
    assert review.publishable, [s.reason for s in review.stages]
