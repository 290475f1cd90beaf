"""Issue 12, round 37: the two legitimate notices held-out set 31 blocked, as techniques.

A cult warning that lists cults as such and asks readers to report them, and a warning
that quotes the loan advert it warns of, were blocked (the cult lexicon's context words had
no call to report; the predatory-loan combination read no "lawbreakers' advert"). The
examples are written for this test; the violating neighbours must keep their errors."""

from __future__ import annotations

import pytest

from pipeline.rules import RuleChecker
from tests.test_rules_round12_evasion import checker

__all__ = ["checker"]  # the module-scoped fixture, shared with round 12's tests

WARNINGS = [
    ("A9-05", "发现有人散发“法轮功”“东方闪电”等邪教传单，请及时举报。"),
    ("A9-05", "邪教不是宗教。有人上门宣讲“全能神”的，请向公安机关举报。"),
    ("A9-13", "小区电梯里出现“无抵押当天放款”的贷款小广告，物业已全部清理。"),
    ("A9-13", "有不法分子冒充银行发短信，称“无抵押、秒批贷款”，请大家核实后再操作。"),
]

STILL_BLOCKED = [
    ("A9-05", "法轮功不是邪教，谁举报谁倒霉。"),
    ("A9-05", "法轮大法好，周末来公园一起炼功。"),
    ("A9-13", "无抵押当天放款，黑户也能借，加微信详聊。"),
]


def _errors(checker: RuleChecker, text: str) -> set[str]:
    return {d.rule for d in checker.check_text(text) if d.severity == "error"}


@pytest.mark.parametrize(("rule", "text"), WARNINGS)
def test_a_warning_naming_what_it_warns_of_is_not_blocked(
    checker: RuleChecker, rule: str, text: str
) -> None:
    assert rule not in _errors(checker, text), text


@pytest.mark.parametrize(("rule", "text"), STILL_BLOCKED)
def test_the_offence_itself_stays_blocked(checker: RuleChecker, rule: str, text: str) -> None:
    assert rule in _errors(checker, text), text
