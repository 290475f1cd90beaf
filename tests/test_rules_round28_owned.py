"""Issue 12, round 28: the regulation's own labels owned in forms set 24 showed — dared
(``有本事来抓我``), enjoyed (``…真好玩``), shrugged at (``恐怖袭击也不怕``), defended
(``…有什么不对``) or called science (``迷信也是科学``) — and the enforcement, warning,
preparedness and 辟谣 forms of the same labels, which stay unblocked.

Every text here is written for these tests (none is a held-out case)."""

from __future__ import annotations

import pytest

from pipeline.rules import RuleChecker
from tests.test_rules_round12_evasion import BLOCKED, checker, judged

__all__ = ["checker"]  # the module-scoped fixture, shared with round 12's tests

OWNED = [
    ("A9-04", "他们说我这是煽动民族仇恨，我说的就是煽动民族仇恨，有本事来抓我。"),
    ("A9-05", "天旱就请师傅做法求雨，别听农技站的，迷信也是科学。"),
    ("A9-06", "我随手编了条停水的消息发到群里，整个小区都去抢水，扰乱秩序真好玩。"),
    ("A9-07", "谁敢拆我的棚子，我就让他们尝尝厉害，恐怖袭击也不怕。"),
    ("A9-09", "说我们聚众冲击街道办？聚众冲击街道办有什么不对，下周还要来。"),
]


@pytest.mark.parametrize(("rule", "text"), OWNED)
def test_a_label_owned_is_blocked(checker: RuleChecker, rule: str, text: str) -> None:
    judged(checker, text, rule, BLOCKED)


KEPT = [
    ("A9-04", "煽动民族仇恨是犯罪，有人以为没人来抓他，最终被依法判处有期徒刑。"),
    ("A9-05", "破除封建迷信，相信科学：迷信不是科学，求雨不如打井。"),
    ("A9-06", "警方通报：王某散布谣言扰乱秩序，被处以行政拘留五日。"),
    ("A9-07", "掌握这些自救技能，遇到恐怖袭击也不怕，请牢记报警电话 110。"),
    ("A9-09", "聚众冲击国家机关有什么后果？律师为您解读相关法律规定。"),
]


@pytest.mark.parametrize(("rule", "text"), KEPT)
def test_enforcement_warning_and_preparedness_stay_unblocked(
    checker: RuleChecker, rule: str, text: str
) -> None:
    errors = [d for d in checker.check_text(text) if d.rule == rule and d.severity == "error"]
    assert errors == [], (text, errors)
