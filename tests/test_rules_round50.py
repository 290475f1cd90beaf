"""Issue 12, round 50: an accusation passed on with its writer's own word that there is no
evidence, and the readers told to spread it (item （八）, ``a09-08-smears.yml``,
``no-evidence-spread-it``; ``docs/dev/rules-figures.md``, "Round 50"). Every text is
written for this test, none taken from the held-out sets."""

from __future__ import annotations

import pytest

from pipeline.rules import RuleChecker
from tests.test_rules_round12_evasion import checker
from tests.test_rules_round46 import _errors

__all__ = ["checker"]  # the module-scoped fixture, shared with round 12's tests


@pytest.mark.parametrize(
    "text",
    [
        "那个村干部贪了扶贫款，我手里没证据，大家帮忙转，总有人知道内情。\n",
        "水务站的老周收了承包商的钱。（没有证据，反正转就对了）\n",
        "她的职称是花钱买的，证据不重要，大家传开了自然有人查。\n",
        "养老院院长克扣伙食费，我拿不出证据，先转给纪委看看再说。\n",
    ],
)
def test_an_accusation_spread_without_evidence_is_blocked(checker: RuleChecker, text: str) -> None:
    assert _errors(checker, text, "A9-08"), text


@pytest.mark.parametrize(
    "text",
    [
        "目前没有证据表明该病毒可通过食品传播，请大家转告家人不必恐慌。\n",
        "网上流传某干部受贿的说法没有证据，大家转发前请核实。\n",
        "没有证据的消息请勿转发，看到可疑说法可拨打举报电话。\n",
        "法院认定原告没有证据证明被告侵权，驳回诉讼请求。\n",
        "关于所谓“局长受贿”的帖子，经核查没有证据，属于谣言，请大家不信谣不传谣。\n",
        "没有证据也可以先报案，民警会调查取证，大家帮忙转告身边的老人。\n",
    ],
)
def test_a_notice_about_evidence_or_rumours_is_not_blocked(checker: RuleChecker, text: str) -> None:
    assert not _errors(checker, text, "A9-08"), text
