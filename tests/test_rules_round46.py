"""Issue 12, round 46: the legitimate posts that held-out sets 37 and 38 blocked
(``docs/dev/rules-figures.md``, "Round 46"), fixed as the classes they belong to, with the
offers and leaks in the same words that must stay blocked. Every text is written for this
test, none taken from the held-out sets."""

from __future__ import annotations

import pytest

from pipeline.rules import RuleChecker
from tests.test_rules_round12_evasion import checker

__all__ = ["checker"]  # the module-scoped fixture, shared with round 12's tests


def _errors(checker: RuleChecker, text: str, prefix: str) -> bool:
    return any(
        d.rule.startswith(prefix) and d.severity == "error" for d in checker.check_text(text)
    )


# An account speaking of its own followers: a quota or a purchase it says it never set or
# made, and an offer named as an impersonator's pretext (``denied_offer.NEVER_ASKED``,
# ``PRETEXT``).
@pytest.mark.parametrize(
    "text",
    [
        "本中心从未给任何科室摊派涨粉任务，也从不花钱买粉。\n",
        "我局从来没有向下属单位下达过涨粉指标。\n",
        "有不法分子冒充本号，以“转发集赞送油”为名骗取手机验证码，请勿相信。\n",
        "一些假冒的“区卫健发布”打着“关注领口罩”的旗号收集住址电话。\n",
    ],
)
def test_an_account_denying_quotas_or_naming_an_impersonators_pretext_passes(
    checker: RuleChecker, text: str
) -> None:
    assert not _errors(checker, text, "A16-"), text


@pytest.mark.parametrize(
    "text",
    [
        "以“转发集赞送油”为名的粉丝回馈今天开始，转发本条即可参加。\n",
        "我们从不花钱买粉，转发抽奖送手机，快来。\n",
        "从未开展过这样的福利：关注就送大米！\n",
        "本号以“关注送大米”为名回馈粉丝，关注后私信领取。\n",
    ],
)
def test_the_same_words_as_an_offer_stay_blocked(checker: RuleChecker, text: str) -> None:
    assert _errors(checker, text, "A16-"), text


# A so-called document passed round and then declared forged (``rebuttal.REPORTED`` with
# 所谓, ``DENIED_AFTER`` with 系伪造).
def test_a_so_called_internal_document_declared_forged_passes(checker: RuleChecker) -> None:
    text = "网上流传所谓“内部文件：餐饮店突击检查时间表”。经核实，该文件系伪造，请勿转发。\n"
    assert not _errors(checker, text, "A9-11"), text


@pytest.mark.parametrize(
    "text",
    [
        "所谓“内部文件：餐饮店突击检查时间表”，先发给大家看看，别外传。\n",
        "所谓“内部文件：检查时间表”发给大家。有人说系伪造，但大家赶紧存下来。\n",
    ],
)
def test_a_so_called_document_passed_on_stays_blocked(checker: RuleChecker, text: str) -> None:
    assert _errors(checker, text, "A9-11"), text
