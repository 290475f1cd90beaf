"""Issue 12, round 48: a gathering at a seat of authority for a task named right after it
(volunteers, tree planting, a drill) is a notice, not a call to gather; the round-38 signal
blocked ``周六上午八点在区政府广场集合开展志愿服务`` whenever the model warned on it. The
calls to gather stay blocked, with a task named beside them too. Every text is written for
this test, none taken from the held-out sets."""

from __future__ import annotations

import pytest

from pipeline.rules import RuleChecker
from pipeline.rules.normalize import compact, normalise
from pipeline.rules.second_signals import signal
from tests.test_rules_round12_evasion import checker
from tests.test_rules_round46 import _errors

__all__ = ["checker"]  # the module-scoped fixture, shared with round 12's tests


def _signal(sentence: str) -> str | None:
    return signal("S9-09", compact(normalise(sentence)).text)


@pytest.mark.parametrize(
    "sentence",
    [
        "周六上午八点在区政府广场集合开展志愿服务",
        "周日早上七点镇政府门口集合，统一参加植树",
        "明天九点街道办门前集中进行消防演练",
        "周五下午三点区法院门口集合后参与义务劳动",
    ],
)
def test_a_gathering_for_a_task_named_after_it_is_no_signal(sentence: str) -> None:
    assert _signal(sentence) is None


@pytest.mark.parametrize(
    ("sentence", "words"),
    [
        ("明早七点县政府门口集合", "明早七点县政府门口集合"),
        ("明早七点县政府门口集合开展志愿服务，人越多越好", "人越多越好"),
        ("周六八点区政府广场集合，去讨个公道", "周六八点区政府广场集合"),
        # the task excuses the meeting it follows, not another in the same sentence
        ("周六八点区政府广场集合开展志愿服务，周日九点县政府门口集合", "周日九点县政府门口集合"),
    ],
)
def test_a_call_to_gather_stays_a_signal(sentence: str, words: str) -> None:
    assert _signal(sentence) == words


def test_the_volunteers_notice_is_not_blocked_and_the_call_is(checker: RuleChecker) -> None:
    assert not _errors(checker, "周六上午八点在区政府广场集合开展志愿服务。", "")
    assert _errors(checker, "明早七点县政府门口集合，人越多越好。", "")
    assert _errors(checker, "明早七点县政府门口集合开展志愿服务，人越多越好。", "")
