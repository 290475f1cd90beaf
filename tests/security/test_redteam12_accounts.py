"""Red team, round 12: ``accounts.yml`` shapes the check reviewers sign on.

Which platform a channel is (``content/accounts.yml``) decides the platforms' own checks
(``PF-*``: a Weibo topic that ``statuses/share`` refuses). A branch that remaps its
``weibo`` channel to the app while the reviewers sign hides that finding, then restores the
file before the push, which brings only the approved post. ``approve`` treats the accounts
file like the unit's rule files: it must be main's or approved on the branch. Real
``approve`` (signed commits) and the real pre-receive hook of a bare repository.
"""

from __future__ import annotations

import pytest

from pipeline.errors import GovmediaError
from tests.security.battery_support import ACCOUNTS, HONEST, Unit, accepted, post_text
from tests.security.redteam_support import approve_acked, approve_chain

POST = "content/posts/2026/11/huati-tixing.md"
TITLE = "话题提醒"


def _topic_post(unit: Unit) -> None:
    text = post_text(TITLE).replace(
        "original: true\n", "original: true\ndigest: '#政务服务#延时'\n"
    )
    unit.write(POST, text)
    unit.commit("New post with a topic in its digest")


def _remapped(unit: Unit) -> str:
    text = (unit.clone.path / ACCOUNTS).read_text(encoding="utf-8")
    assert "  - id: weibo\n    platform: weibo\n" in text
    return text.replace(
        "  - id: weibo\n    platform: weibo\n", "  - id: weibo\n    platform: app\n"
    )


def test_a_channel_remapped_during_the_approvals_is_refused(unit: Unit) -> None:
    """Attack: the post's digest holds a Weibo topic (PF-WEIBO-TOPIC, an error); the branch
    remaps ``weibo`` to the app while the reviewers sign. Defence: ``approve`` refuses while
    the accounts file differs from main's unapproved; with main's file the check refuses the
    post itself."""
    unit.branch("remap")
    original = (unit.clone.path / ACCOUNTS).read_text(encoding="utf-8")
    _topic_post(unit)
    with pytest.raises(GovmediaError, match="PF-WEIBO-TOPIC"):
        approve_acked(unit, HONEST[0], 1, POST)
    unit.write(ACCOUNTS, _remapped(unit))
    unit.commit("Remap the weibo channel (temporarily)")
    with pytest.raises(GovmediaError, match="账号台账"):
        approve_acked(unit, HONEST[0], 1, POST)
    unit.write(ACCOUNTS, original)
    unit.commit("Restore the accounts")
    with pytest.raises(GovmediaError, match="PF-WEIBO-TOPIC"):
        approve_acked(unit, HONEST[0], 1, POST)


def test_an_uncommitted_accounts_edit_in_the_reviewers_tree_is_refused(unit: Unit) -> None:
    unit.branch("dirty-accounts")
    unit.write(POST, post_text(TITLE))
    unit.commit("New post")
    unit.write(ACCOUNTS, _remapped(unit))
    with pytest.raises(GovmediaError, match="未提交"):
        approve_acked(unit, HONEST[0], 1, POST)


def test_an_accounts_change_approved_first_lets_the_post_be_approved(unit: Unit) -> None:
    """Honest counterpart: an accounts change reviewed on its own, then a post approved
    under it, pushed together, is accepted."""
    unit.branch("accounts")
    text = (unit.clone.path / ACCOUNTS).read_text(encoding="utf-8")
    unit.write(ACCOUNTS, text.replace("expected_monthly_posts: 3", "expected_monthly_posts: 4", 1))
    unit.commit("More posts expected")
    unit.write(POST, post_text(TITLE))
    unit.commit("New post")
    approve_chain(unit, ACCOUNTS)
    approve_chain(unit, POST)
    accepted(unit, unit.push())
