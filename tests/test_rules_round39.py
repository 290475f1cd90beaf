"""Issue 12, round 39: general techniques for evasions the checker did not read.

- styled Latin letters found by their Unicode names (:mod:`pipeline.rules.letter_names`),
  not a hand list: small capitals, squared, negative squared, negative circled and
  parenthesized letters, modifier small capitals;
- a single format character (Cf) inside a word reads as the word written plainly (pinned:
  the views already removed every Cf character; this round proved it on sets 7–32);
- bopomofo's pinyin table holds every whole syllable pypinyin knows;
- a keyboard layout or Ascii85 read with a looser gate only when the text names it.

Every text is written for this test, none taken from the held-out sets."""

from __future__ import annotations

import base64
import re
import sys
import unicodedata

import pytest

from pipeline.rules import RuleChecker, letter_names, zhuyin
from pipeline.rules.lookalike import letter_table
from tests.test_rules_round12_evasion import checker

__all__ = ["checker"]  # the module-scoped fixture, shared with round 12's tests


def _content(checker: RuleChecker, text: str) -> set[tuple[str, str]]:
    return {
        (d.rule, d.severity)
        for d in checker.check_text(text)
        if d.rule.startswith(("A9-", "S9-", "A16-", "S16"))
    }


def _errors(checker: RuleChecker, text: str) -> set[str]:
    return {rule for rule, severity in _content(checker, text) if severity == "error"}


# -- letters by Unicode name ------------------------------------------------------------------


def test_every_small_capital_by_name_is_read() -> None:
    table = letter_table()
    named = re.compile("^LATIN (?:CAPITAL )?LETTER SMALL CAPITAL ([A-Z])$")
    found = 0
    for code in range(0x80, sys.maxunicode + 1):
        m = named.match(unicodedata.name(chr(code), ""))
        if m:
            found += 1
            assert table.get(code) == m.group(1).lower(), hex(code)
    assert found >= 20


@pytest.mark.parametrize(
    ("char", "letter"),
    [("ꞯ", "q"), ("Ɪ", "i"), ("🆥", "d"), ("🅺", "k"), ("🄺", "k"), ("🅐", "a"), ("⒝", "b")],
)
def test_a_styled_letter_is_its_plain_letter(char: str, letter: str) -> None:
    assert letter_names.letter_of(char) == letter
    assert letter_table()[ord(char)] == letter


@pytest.mark.parametrize("char", ["a", "é", "\U000e0061", "\U0001f1e8", "ж", "中"])
def test_tags_flags_and_other_letters_are_not_styled(char: str) -> None:
    assert letter_names.letter_of(char) == ""


@pytest.mark.parametrize(
    ("rule", "text"),
    [
        ("A9-02", "tai 🆥u 万岁，早该分出去"),
        ("A9-05", "ꞯᴜᴀɴ ɴᴇɴɢ ꜱʜᴇɴ 保佑，入教不用吃药"),
    ],
)
def test_letters_found_only_by_name_are_read(checker: RuleChecker, rule: str, text: str) -> None:
    assert rule in _errors(checker, text)


@pytest.mark.parametrize(
    "text", ["ᴘʀᴇꜱꜱ ʀᴇʟᴇᴀꜱᴇ：本局今天召开新闻发布会", "🇨🇳 国庆快乐，祖国繁荣昌盛"]
)
def test_styled_english_and_flags_stay_clean(checker: RuleChecker, text: str) -> None:
    assert not _content(checker, text)


# -- a format character inside a word ---------------------------------------------------------

FORMAT_CHARS = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u180e", "\u00ad", "\u2062"]


@pytest.mark.parametrize("cf", FORMAT_CHARS)
def test_one_format_character_inside_a_word_is_read(checker: RuleChecker, cf: str) -> None:
    assert unicodedata.category(cf) == "Cf"
    plain = "出售冰毒，同城送货上门"
    assert "A9-07" in _errors(checker, plain)
    assert "A9-07" in _errors(checker, plain.replace("冰毒", f"冰{cf}毒"))


@pytest.mark.parametrize("cf", FORMAT_CHARS)
def test_a_format_character_in_a_notice_adds_nothing(checker: RuleChecker, cf: str) -> None:
    plain = "全民禁毒宣传月：珍爱生命，远离毒品，社区服务中心欢迎居民参加讲座。"
    split = plain.replace("社区", f"社{cf}区").replace("讲座", f"讲{cf}座")
    assert _content(checker, split) == _content(checker, plain) == set()


# -- bopomofo ---------------------------------------------------------------------------------


def test_rare_whole_syllables_are_in_the_pinyin_table() -> None:
    table = zhuyin.pinyin_table()
    assert table["ㄉㄧㄚ"] == "dia"
    assert table["ㄖㄨㄚ"] == "rua"
    assert table["ㄓㄨㄥ"] == "zhong"
    assert not {"ㄋ", "ㄏㄇ"} & set(table)  # no vowel: no whole syllable
    assert all(re.search("[aeiouv]", v) for v in table.values())


def test_bopomofo_is_read_as_pinyin(checker: RuleChecker) -> None:
    assert "A9-02" in _errors(checker, "大家支持ㄊㄞˊ ㄉㄨˊ，那边早就是一个国家了")


def test_a_bopomofo_lesson_stays_clean(checker: RuleChecker) -> None:
    assert not zhuyin.syllables("拼音课：ㄅ ㄆ ㄇ ㄈ 是声母")
    assert not _content(checker, "小学一年级拼音课：ㄅ ㄆ ㄇ ㄈ 是声母，ㄚ ㄛ ㄜ 是韵母。")


# -- a layout or an encoding the text names ---------------------------------------------------

_QWERTY = "qwertyuiop[]asdfghjkl;'zxcvbnm,./"
_DVORAK = "',.pyfgcrl/=aoeuidhtns-;qjkxbmwvz"


def _on_dvorak(pinyin: str) -> str:
    """What QWERTY keystrokes for ``pinyin`` print with the Dvorak layout switched on."""
    return pinyin.translate(str.maketrans(_QWERTY, _DVORAK))


@pytest.mark.parametrize("pinyin", ["taidu", "taidu, wansui"])
def test_pinyin_typed_on_a_named_layout_is_read(checker: RuleChecker, pinyin: str) -> None:
    typed = _on_dvorak(pinyin)
    assert "A9-02" in _errors(checker, f"都来支持 {typed}（德沃夏克键盘打的）")
    assert "A9-02" not in _errors(checker, f"都来支持 {typed}")  # no cue, no punctuation key


def test_a_keyboard_purchase_stays_clean(checker: RuleChecker) -> None:
    text = "本局信息中心采购 Dvorak 键盘二十把，供录入员试用，型号 kb2026，用 qwerty 对照。"
    assert not _content(checker, text)


def test_short_ascii85_is_read_when_named(checker: RuleChecker) -> None:
    token = base64.a85encode("冰毒".encode()).decode()
    assert len(token) < 15  # shorter than an unnamed run must be
    assert "A9-07" in _errors(checker, f"出售 {token}（ascii85），同城交易")
    assert "A9-07" not in _errors(checker, f"出售 {token}，同城交易")


def test_an_ascii85_lesson_stays_clean(checker: RuleChecker) -> None:
    text = "信息安全培训：Ascii85 是一种编码，示例 abcdefgh 与 Password 解码后都不是中文。"
    assert not _content(checker, text)
