"""Issue 12, round 19 (lexical): the written registers of set 17, a training set now.

A police report that explains how a pyramid scheme collects fees from its members is
enforcement, as a procuratorate's release is (round 14): the police's own words frame it.
Every text here is written for these tests; each class has legitimate texts of the same
shape and violations that stay blocked."""

from __future__ import annotations

import pytest

from pipeline.rules import RuleChecker
from tests.test_rules_round12_evasion import BLOCKED, NONE, checker, judged

__all__ = ["checker"]  # the module-scoped fixture, shared with round 12's tests

# -- a police report of a scheme that charges its members -----------------------------------

POLICE_REPORTS = [
    (
        "市公安局经侦支队近日破获一个假冒“书画研究会”的团伙，该团伙要求会员缴纳年费两千元，"
        "入会即发“高级书画师”证书。",
        "A9-10",
        NONE,
    ),
    (
        "警方捣毁一个以“健康养生”为名的传销窝点。该窝点要求会员缴纳“培训费”并拉亲友加入，"
        "按人头提成。",
        "A9-10",
        NONE,
    ),
    # the same scheme advertised by itself stays blocked
    ("本研究会招收会员，入会后缴纳年费两千元，颁发“高级书画师”证书。", "A9-10", BLOCKED),
    (
        "“全市养生爱好者联盟”还没注册，先向每位会员收取会费三百元，年底统一发会员证。",
        "A9-10",
        BLOCKED,
    ),
]


@pytest.mark.parametrize(("text", "rule", "expected"), POLICE_REPORTS)
def test_a_police_report_of_a_fee_scheme_is_enforcement(
    checker: RuleChecker, text: str, rule: str, expected: set[str]
) -> None:
    judged(checker, text, rule, expected)
