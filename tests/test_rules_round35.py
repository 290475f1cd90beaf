"""Issue 12, round 35: general techniques trained on sets 7–29.

- an internal circular, internal statistics or an unpublished report offered for spreading
  without a secret-grade word (item （十一）, ``rulefiles/a09-11-leaks.yml``,
  ``internal-document-offered``), with enforcement and disclosure law as excuses;
- second signals the owned-label and two-signal combinations lacked: a label shrugged off
  in dialect or for money (``又咋了``, ``给钱就行``, ``关我屁事``), a rumour's truth waved aside
  (``谣言不谣言我不管``), a principle to be abolished right after its name, an ethnic group
  left unnamed or ranked below the others;
- keypad digits typed one syllable a group (three short groups make a run; a word may span
  whole groups, so ``543 726`` reads *jiesan*);
- parenthesized capital letters (U+1F110 …) read as letters.

Every text was written for these tests; each technique has legitimate neighbours of the same
shape (a disciplinary report, disclosure law, a notice of criticism, a rebuttal, a sentence
keeping a principle, equality stated, phone numbers and prices beside a keypad cue), which
must stay without an error."""

from __future__ import annotations

import pytest

from pipeline.rules import RuleChecker, keypad
from pipeline.rules.lookalike import letter_table
from tests.test_rules_round12_evasion import checker
from tests.test_rules_round31 import rule_errors

__all__ = ["checker"]  # the module-scoped fixture, shared with round 12's tests


# -- an internal document offered for spreading: item （十一） -------------------------------

OFFERED = [
    "这份内部统计我拍下来了，全县失业人数比报的多一倍。",
    "尚未公开的环评报告我直接发到网上了，大家自己看。",
    "【内部通报】卫生院两名医生停职的处理意见全文如下，请转发扩散。",
]


@pytest.mark.parametrize("text", OFFERED)
def test_an_internal_document_offered_is_blocked(checker: RuleChecker, text: str) -> None:
    assert "A9-11" in rule_errors(checker, text), text


NOT_OFFERED = [
    "某局干部擅自将内部通报拍下来了发到网上，已被给予处分。",
    "依据政府信息公开条例，内部统计数据不予公开。",
    "内部通报批评三名迟到人员，全文如下。",
    "切勿将尚未公开的文件发到网上。",
]


@pytest.mark.parametrize("text", NOT_OFFERED)
def test_enforcement_and_disclosure_law_stay_clean(checker: RuleChecker, text: str) -> None:
    assert "A9-11" not in rule_errors(checker, text), text


# -- second signals: labels owned, principles abolished, a group ranked ------------------------

SECOND_SIGNALS = [
    ("A9-03", "帮境外账号拍脏乱差视频，损害国家形象给钱就干。"),
    ("A9-03", "国家利益关我什么事，我只管自己赚钱。"),
    ("A9-06", "造谣也没人管，我说水库要垮了，大家快跑。"),
    ("A9-06", "是不是谣言我不管，水库要垮了，转起来。"),
    ("A9-02", "破坏国家统一又咋了，我们自己过。"),
    ("A9-05", "封建迷信也得信，搬家前请先生看日子。"),
    ("A9-01", "社会主义制度必须废除，换成多党制。"),
    ("A9-04", "某族人天生低人一等，别和他们做生意。"),
]


@pytest.mark.parametrize(("rule", "text"), SECOND_SIGNALS)
def test_a_second_signal_makes_an_error(checker: RuleChecker, rule: str, text: str) -> None:
    assert rule in rule_errors(checker, text), text


SECOND_SIGNAL_NEIGHBOURS = [
    "有人说国家利益关我什么事，这种想法要不得。",
    "散布谣言扰乱社会秩序的，公安机关依法处罚。",
    "坚持公有制为主体，彻底废除不合理的收费项目。",
    "旧的落后做法必须彻底废除，坚持党的领导。",
    "各民族一律平等，没有哪个民族低人一等。",
    "听说社区下周义诊，大家转发给家里老人。",
]


@pytest.mark.parametrize("text", SECOND_SIGNAL_NEIGHBOURS)
def test_their_neighbours_stay_without_an_error(checker: RuleChecker, text: str) -> None:
    assert not rule_errors(checker, text), text


# -- keypad digits, one syllable a group -----------------------------------------------------


def keys(pinyin: str) -> str:
    """``pinyin`` typed on the nine-key keypad, one digit a letter, spaces kept."""
    table = str.maketrans("abcdefghijklmnopqrstuvwxyz", "22233344455566677778889999")
    return pinyin.translate(table)


def test_short_keypad_groups_are_a_run() -> None:
    text = f"九宫格打：{keys('tui fan gong chan dang')}。"
    assert "tui fan gong chan dang" in keypad.letters(text)


def test_a_word_spans_whole_groups() -> None:
    assert "jie san" in keypad.letters(f"T9：{keys('nong chang jie san')}")


def test_keypad_groups_are_blocked(checker: RuleChecker) -> None:
    assert "A9-01" in rule_errors(checker, f"九宫格打：{keys('tui fan gong chan dang')}。")


@pytest.mark.parametrize(
    "text",
    [
        "九宫格输入法教学：电话 0471 2345 678，价格 258 元，房号 356 室。",
        "手机键盘坏了，维修点地址：幸福路 88 号，营业时间 9 点到 18 点。",
        "T9 键盘上 234 567 89 是什么？是数字键。",
    ],
)
def test_numbers_beside_a_keypad_cue_stay_as_written(checker: RuleChecker, text: str) -> None:
    assert not rule_errors(checker, text), text


# -- parenthesized capitals ------------------------------------------------------------------


def parenthesized(text: str) -> str:
    return "".join(chr(0x1F110 + ord(c) - ord("a")) if "a" <= c <= "z" else c for c in text)


def test_parenthesized_capitals_are_letters() -> None:
    assert all(letter_table()[0x1F110 + i] == chr(ord("a") + i) for i in range(26))


def test_pinyin_in_parenthesized_capitals_is_blocked(checker: RuleChecker) -> None:
    assert "A9-01" in rule_errors(checker, parenthesized("dadao gongchandang") + "！")


def test_parenthesized_answer_letters_stay_clean(checker: RuleChecker) -> None:
    assert not rule_errors(checker, f"选项 {parenthesized('a')} 正确，{parenthesized('b')} 错误。")
