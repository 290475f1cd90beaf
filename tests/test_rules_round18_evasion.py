"""Issue 12, round 18 (lexical, evasions): devices of the training sets' evasions, each
undone once for every detector. The spaces of Unicode other than the ordinary ones are
separators; a run of doubled characters is read once (:mod:`pipeline.rules.doubled`).
Each class has violating texts and legitimate texts of the same shape; every text is
written for these tests."""

from __future__ import annotations

import pytest

from pipeline.rules import RuleChecker
from pipeline.rules.doubled import undouble
from pipeline.rules.kinds import ORDINARY
from pipeline.rules.normalize import compact, normalise
from pipeline.rules.view import Squeezed
from tests.test_rules_round12_evasion import BLOCKED, NONE, checker, judged

__all__ = ["checker"]  # the module-scoped fixture, shared with round 12's tests

# -- class 1: the other spaces of Unicode ---------------------------------------------------


@pytest.mark.parametrize("space", ["\u2002", "\u2003", "\u2007", "\u2009", "\u200a", "\u202f"])
def test_unicode_spaces_between_characters_are_separators(checker: RuleChecker, space: str) -> None:
    text = f"晚上一起去练法{space}轮{space}功。"
    judged(checker, text, "A9-05", BLOCKED)
    # the pattern detectors' squeezed view removes them too
    assert Squeezed(f"密{space}码：Qx7{space}#kd2026").text == "密码:Qx7#kd2026"


@pytest.mark.parametrize(
    "text",
    [
        "会议时间为上午\u20099\u2009:\u200930，地点在三楼会议室。",  # thin spaces around a time
        "本次共发放口罩\u202f1\u202f000\u202f只。",  # a narrow no-break space grouping digits
    ],
)
def test_unicode_spaces_in_legitimate_text_find_nothing(checker: RuleChecker, text: str) -> None:
    content = [d for d in checker.check_text(text, ORDINARY) if d.rule.startswith(("A9", "A16"))]
    assert content == []


# -- class 2: every character written twice -------------------------------------------------


def test_a_doubled_run_reads_once_and_keeps_its_length() -> None:
    text = "他说要去赌赌博博网网站站注注册册玩两把"
    read = undouble(normalise(text))
    assert len(read) == len(text)
    assert "赌博网站" in compact(read).text
    assert undouble("高高兴兴快快乐乐") == "高高兴兴快快乐乐"  # four pairs: a greeting
    assert undouble("呵呵呵呵呵呵呵呵呵呵") == "呵呵呵呵呵呵呵呵呵呵"


@pytest.mark.parametrize(
    ("text", "rule", "expected"),
    [
        ("这这个个赌赌博博网网站站注册就送彩金。", "A9-07", BLOCKED),
        ("大大家家都都来来练练法法轮轮功功吧。", "A9-05", BLOCKED),
        # legitimate: reduplicated words and a cheer
        ("请大家把楼道收拾得干干净净整整齐齐，平平安安过新年。", "A9-07", NONE),
        ("加油加油加油！冲冲冲！", "A9-07", NONE),
    ],
)
def test_doubled_characters(checker: RuleChecker, text: str, rule: str, expected: set[str]) -> None:
    judged(checker, text, rule, expected)
