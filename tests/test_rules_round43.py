"""Issue 12, round 43: general techniques for the causes held-out set 35 showed.

- an account denying a follower campaign is no campaign (``pipeline/rules/denied_offer.py``):
  the actions named as no condition (与是否关注无关, 不设关注门槛), a campaign run in the
  account's name by someone else with a request to report it, a quoted offer disclaimed after
  its closing quote; an offer beside the same words keeps its error.

Every text is written for this test, none taken from the held-out sets."""

from __future__ import annotations

import pytest

from pipeline.rules import RuleChecker
from tests.test_rules_round12_evasion import checker

__all__ = ["checker"]  # the module-scoped fixture, shared with round 12's tests


def _findings(checker: RuleChecker, text: str, prefix: str) -> set[str]:
    return {d.rule for d in checker.check_text(text) if d.rule.startswith(prefix)}


def _errors(checker: RuleChecker, text: str, prefix: str) -> set[str]:
    return {
        d.rule
        for d in checker.check_text(text)
        if d.severity == "error" and d.rule.startswith(prefix)
    }


# -- a follower campaign denied ---------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "图书馆读者证抽号结果已出，能否抽中与是否点赞、评论无关，由电脑随机产生。",
        "本馆从不以关注、转发本号作为预约讲座的前提。",
        "本中心的问卷抽奖不设“点赞+留言”门槛，完成问卷即可参加。",
        "近日有人冒用本中心名义搞“互粉”活动，请市民向我们举报。",
        "网传“转发本条抽取十位读者送购书卡”活动并非本馆发布，请勿相信。",
        "所谓“关注有礼”是假冒账号所为，“关注有礼”活动均非我们发起，谨防上当。",
    ],
)
def test_a_denied_follower_campaign_is_not_blocked(checker: RuleChecker, text: str) -> None:
    assert not _errors(checker, text, "A16-")


@pytest.mark.parametrize(
    "text",
    [
        "抽奖与是否点赞无关，转发本条就送购书卡。",
        "本次活动不设关注门槛，转发本条抽取十位读者送出礼包。",
        "冒用本馆名义的互粉活动正在进行，关注即送话费。",
        "“关注本号转发抽奖送手机”活动并非我们发布，而是合作方发布，欢迎参与。",
        "关注本号转发抽奖送手机，与是否点赞无关。",
        "本号一律不设门槛：关注有礼，转发有礼。",
    ],
)
def test_an_offer_beside_denying_words_is_still_blocked(checker: RuleChecker, text: str) -> None:
    assert "A16-01" in _errors(checker, text, "A16-")
