"""Issue 12, round 27: an account's own denial of an offer is no offer.

``本号从未…也未委托任何公司…买粉丝`` names what the account never did; a clause that does not
open with the denial (``…，但可以帮你买粉丝``) or that a condition turns (``…就送``) is still
an offer. Every text here is written for these tests."""

from __future__ import annotations

import pytest

from pipeline.rules import RuleChecker, disowned
from tests.test_rules_round12_evasion import checker

__all__ = ["checker"]  # the module-scoped fixture, shared with round 12's tests

OFFER_RULES = ("A16-", "A9-13", "S16", "S9-13")

DISOWNED = [
    "本平台从未委托任何第三方机构刷阅读量、买粉丝，请市民提高警惕。",
    "我们从不开展“转发有奖”“关注送礼”之类的活动，也没有购买过粉丝。",
    "本中心从未委托第三方买粉丝，也不会开展转发抽奖活动。",
]
STILL_OFFERS = [
    "我们从不刷量，但可以帮你买粉丝，价格私聊。",
    "本号从未买过粉丝，需要买粉丝的加微信详谈。",
    "我们不会刷阅读量，只要转发本条即可抽奖。",
    # no mark between the refusal and the offer: the turn ends the refusal's reach
    "我们从不刷量但可以帮你买粉丝。",
    "本号绝不刷阅读量，不过能帮你找人买粉丝。",
]


def _offers(checker: RuleChecker, text: str) -> list[tuple[str, str]]:
    return [
        (d.rule, d.severity) for d in checker.check_text(text) if d.rule.startswith(OFFER_RULES)
    ]


@pytest.mark.parametrize("text", DISOWNED)
def test_the_accounts_own_denial_is_no_offer(checker: RuleChecker, text: str) -> None:
    assert _offers(checker, text) == []


@pytest.mark.parametrize("text", STILL_OFFERS)
def test_a_denial_followed_by_an_offer_stays_blocked(checker: RuleChecker, text: str) -> None:
    assert any(severity == "error" for _, severity in _offers(checker, text))


def test_a_refusal_without_a_turn_still_reaches_its_words(checker: RuleChecker) -> None:
    assert not any(
        severity == "error" for _, severity in _offers(checker, "我们从不刷量、买粉丝。")
    )


def test_the_frame_needs_the_account_as_subject_and_the_finding_in_its_clause() -> None:
    text = "本号从未委托任何公司买粉丝。"
    at = text.index("买粉丝")
    assert disowned.disowned(text, at, at + 3)
    # no subject: a denial said by nobody in particular is left to the other frames
    bare = "从未委托任何公司买粉丝。"
    assert not disowned.disowned(bare, bare.index("买粉丝"), bare.index("买粉丝") + 3)
    # the finding in a clause after the denial's
    turned = "本号从未刷量，买粉丝找我。"
    assert not disowned.disowned(turned, turned.index("买粉丝"), turned.index("买粉丝") + 3)
    # a turning word after the finding in its clause
    cond = "本号不会买粉丝就给你返现。"
    assert not disowned.disowned(cond, cond.index("买粉丝"), cond.index("买粉丝") + 3)


def test_a_sentence_semantic_finding_is_dropped_only_when_the_sentence_only_disowns() -> None:
    text = "本号从未买粉丝，也不会开展转发抽奖，请以官方信息为准。"
    meant = disowned.Detection(0, len(text), "S16", "第十六条", "warning", "")
    assert disowned.excuse_meant([meant], text, []) == []
    kept = disowned.Detection(4, 7, "A16-01", "第十六条", "error", "")
    assert disowned.excuse_meant([meant], text, [kept]) == [meant]
    offer = "本号从不搞虚的，关注转发的朋友每人送一份土特产。"
    meant = disowned.Detection(0, len(offer), "S16", "第十六条", "warning", "")
    assert disowned.excuse_meant([meant], offer, []) == [meant]
    nobody = "从未买粉丝，也不会开展转发抽奖。"
    meant = disowned.Detection(0, len(nobody), "S16", "第十六条", "warning", "")
    assert disowned.excuse_meant([meant], nobody, []) == [meant]
