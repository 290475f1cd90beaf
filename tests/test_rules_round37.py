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


# -- chat emoji codes between characters (set 31) ------------------------------------------------

EMOJI_CODE_CHAINS = [
    ("A9-01", "推[微笑]翻[微笑]社[微笑]会[微笑]主[微笑]义[微笑]制[微笑]度，就在今晚。"),
    ("A9-05", "法[doge]轮[doge]大[doge]法[doge]好，周末公园见。"),
]

EMOJI_CODES_BETWEEN_WORDS = [
    "今天天气真好[微笑]大家周末愉快[玫瑰]记得点赞[强]转发[强]。",
    "社区义诊[爱心]免费量血压[强]欢迎居民参加[玫瑰]",
    "好[赞]好[赞]学[赞]习，天天向上。",
]


@pytest.mark.parametrize(("rule", "text"), EMOJI_CODE_CHAINS)
def test_emoji_codes_between_characters_are_read_as_gaps(
    checker: RuleChecker, rule: str, text: str
) -> None:
    assert rule in _errors(checker, text), text


@pytest.mark.parametrize("text", EMOJI_CODES_BETWEEN_WORDS)
def test_emoji_codes_between_words_change_nothing(checker: RuleChecker, text: str) -> None:
    assert not _errors(checker, text), text


def test_the_codes_become_spaces_of_the_same_length() -> None:
    from pipeline.rules.han_filler import emoji_codes

    text = "废[捂脸]除[捂脸]人[捂脸]民，点赞[强]转发[强]"
    read = emoji_codes(text)
    assert len(read) == len(text)
    assert read.startswith("废    除    人    民") and read.endswith("点赞[强]转发[强]")
