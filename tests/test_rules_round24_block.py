"""Issue 12, round 24 (lexical, blocking): plain wordings of a city's postal, forestry,
veterans', statistics, housing-fund, pension and fire-rescue registers found but not
blocked, and a legitimate notice blocked.

Causes: a notice that forbids acts by naming their legal consequence after them (``以…等
方式…，将承担法律责任``) read as a call. Every text here is written for these tests; each
class has legitimate texts of the same shape."""

from __future__ import annotations

import pytest

from pipeline.rules import RuleChecker
from pipeline.rules.consequence import follows
from tests.test_rules_round12_evasion import BLOCKED, UNBLOCKED, checker, verdict

__all__ = ["checker"]  # the module-scoped fixture, shared with round 12's tests

# (text, rule, expected, what an error's message names)
CONSEQUENCES = [
    (
        "有诉求请走信访渠道。以游行、围堵办公楼等方式向县政府施压的，须承担相应的法律责任。",
        "A9-09",
        UNBLOCKED,
        "",
    ),
    ("组织人员集会、围堵机关者，一律严肃处理。", "A9-09", UNBLOCKED, ""),
    # the consequence owned, denied or turned on the reader is no prohibition
    ("周一上午大家一起去把区政府大门围了，不会被追究责任，放心来。", "A9-09", BLOCKED, ""),
    ("周一上午大家一起去把区政府大门围了，追究法律责任我来扛。", "A9-09", BLOCKED, ""),
]


@pytest.mark.parametrize(("text", "rule", "expected", "named"), CONSEQUENCES)
def test_a_prohibition_said_as_a_consequence(
    checker: RuleChecker, text: str, rule: str, expected: set[str], named: str
) -> None:
    verdict(checker, text, rule, expected, named)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("，将承担法律责任。", True),
        ("等方式的，将被依法追究。", True),
        ("者，公安机关依法予以处理。", True),
        ("，不会被追究责任。", False),
        ("，没人追究法律责任。", False),
        ("，你将承担法律责任。", False),
        ("，刑事责任我来负。", False),
        ("，承担法律责任我认了。", False),
        ("，主体责任要落实。", False),
        ("。将承担法律责任。", False),  # another sentence
    ],
)
def test_follows_reads_a_consequence_and_nothing_else(text: str, expected: bool) -> None:
    assert follows("围堵机关" + text, 4) is expected
