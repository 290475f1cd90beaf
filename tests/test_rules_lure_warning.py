"""Issue 12: an account's warning against those who act in its name quotes the follower
lure it disowns (第十六条; :data:`pipeline.rules.warning.LURE_RULES`): the lure is framed
only in a paragraph that warns (:func:`pipeline.rules.warning.warns`) and names an
impersonator (:data:`pipeline.rules.warning.IMPERSONATING`). A lure beside a bare warning
word — an offer warning off its rivals — keeps its finding. Every text is written for
this test."""

from __future__ import annotations

import pytest

from pipeline.rules import RuleChecker
from pipeline.rules.warning import framed_rule
from tests.test_rules_round12_evasion import checker

__all__ = ["checker"]  # the module-scoped fixture, shared with round 12's tests


def _lure_findings(checker: RuleChecker, text: str) -> set[str]:
    return {
        f"{d.rule}:{d.severity}"
        for d in checker.check_text(text)
        if d.rule.startswith(("A16-", "S16"))
    }


_DISOWNED = [
    "【提醒】本号从未委托他人代运营。如有人以本号名义收费“涨粉”，请勿相信。\n",
    "近日有人冒充本号，以“关注送红包”为由收取费用，均为假冒，切勿轻信。\n",
    "凡打着本单位名义兜售“刷粉丝”服务的，请勿相信，可拨打举报电话。\n",
]
_OFFERS = [
    # a lure beside a bare warning: the offer warns off its rivals
    "切勿相信小作坊！本店专业涨粉，一千粉只要十元。\n",
    "请勿轻信别家，关注本号送红包，转发再送话费。\n",
    # impersonation named, but no warning: the lure is the post's own
    "以本号名义开展活动：关注本号送红包，转发再送话费。\n",
]


@pytest.mark.parametrize("text", _DISOWNED)
def test_a_lure_quoted_in_a_warning_against_impersonators_is_framed(
    checker: RuleChecker, text: str
) -> None:
    assert not any(f.endswith(":error") for f in _lure_findings(checker, text)), text


@pytest.mark.parametrize("text", _OFFERS)
def test_a_lure_beside_a_bare_warning_or_no_warning_keeps_its_finding(
    checker: RuleChecker, text: str
) -> None:
    assert _lure_findings(checker, text), text


def test_framed_rule_asks_for_an_impersonator_only_of_lures() -> None:
    impersonated = "如有人以本号名义收费涨粉，请勿相信。"
    bare = "收费涨粉的，请勿相信。"
    assert framed_rule("A16-01", impersonated, 0, len(impersonated))
    assert not framed_rule("A16-01", bare, 0, len(bare))
    assert framed_rule("A9-13", bare, 0, len(bare))  # a service item needs only the warning
    assert not framed_rule("A9-01", impersonated, 0, len(impersonated))
