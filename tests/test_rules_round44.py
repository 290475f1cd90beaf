"""Issue 12, round 44: an account's words about its own followers, as held-out set 36 showed
(``pipeline/rules/denied_offer.py``): the follower count denied as a measure (粉丝数量不作为
考核指标, 不与绩效挂钩), a campaign the account says it never ran, every campaign in its
name declared fake; the combination rules now pass through the same frames. A quota that
makes the count one measure among others, or an offer beside the same words, keeps its
error.

Every text is written for this test, none taken from the held-out sets."""

from __future__ import annotations

import pytest

from pipeline.rules import RuleChecker
from tests.test_rules_round12_evasion import checker

__all__ = ["checker"]  # the module-scoped fixture, shared with round 12's tests


def _item16(checker: RuleChecker, text: str) -> list[tuple[str, str]]:
    return [
        (d.rule, d.severity) for d in checker.check_text(text) if d.rule.startswith(("A16-", "S16"))
    ]


@pytest.mark.parametrize(
    "text",
    [
        "本中心年度工作总结：粉丝数量不作为考核指标，我们更看重办件满意度。\n",
        "各科室新媒体工作的粉丝数量不与绩效挂钩，请把精力放在政策解读上。\n",
        "本号从未开展付费“涨粉”、关注抽奖等活动，也未委托任何机构代为推广。\n",
        "凡以本中心名义要求关注、转发后领取礼品的，均为假冒，请勿相信。\n",
        "凡是打着本号旗号转发抽奖送话费的，一律属于诈骗。\n",
    ],
)
def test_an_account_denying_a_follower_campaign_is_not_blocked(
    checker: RuleChecker, text: str
) -> None:
    assert ("A16-01", "error") not in _item16(checker, text), text


@pytest.mark.parametrize(
    "text",
    [
        "各单位粉丝数量不作为唯一考核指标，每人拉50个粉，月底排名。\n",
        "粉丝数量纳入考核指标，每个科室每月新增两百个关注。\n",
        "凡以本号名义转发抽奖的都有效，转发本条就送手机。\n",
        "本号从未开展过这么大的活动：关注转发抽奖送手机，快来参与！\n",
        "本号从未开展涨粉活动，但是这次关注转发就送鸡蛋。\n",
    ],
)
def test_an_offer_or_a_quota_beside_the_same_words_is_still_blocked(
    checker: RuleChecker, text: str
) -> None:
    assert ("A16-01", "error") in _item16(checker, text), text
