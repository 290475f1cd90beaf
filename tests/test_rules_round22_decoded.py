"""Issue 12, round 22: decoded views of code units in other bases, of Atbash and a shift
kept through a message, of disguised letters (Greek and Cyrillic look-alikes, regional
indicators, the radio spelling alphabet).

Every text here is written for these tests. Each device has violations that only its view
reads and legitimate texts of the same shape (a binary table, octal escapes of ASCII, a
register dump, a TOTP secret, flag emoji, a Greek formula, Russian and Greek words, radio
call signs, English names), which must stay quiet."""

from __future__ import annotations

import base64

import pytest

from pipeline.rules import (
    RuleChecker,
    code_units,
    decoded,
    pinyin_reader,
    shifted,
    spelling_alphabet,
)
from tests.test_rules_round12_evasion import BLOCKED, checker, judged_named

__all__ = ["checker"]  # the module-scoped fixture, shared with round 12's tests

SLOGAN = "推翻这个政府"
_ATBASH = str.maketrans("abcdefghijklmnopqrstuvwxyz", "zyxwvutsrqponmlkjihgfedcba")


def _shown(text: str, read: str) -> str:
    """The characters a view put into ``text``, without the padding."""
    return "".join(b for a, b in zip(text, read, strict=True) if a != b).replace(" ", "")


def _content(checker: RuleChecker, text: str) -> list[tuple[str, str]]:
    return [(d.rule, d.severity) for d in checker.check_text(text) if d.rule[:1] in "AS"]


# -- code units in other bases ----------------------------------------------------------------

ENCODED = [
    " ".join(format(b, "08b") for b in SLOGAN.encode()),  # UTF-8 bytes in binary
    ",".join("0b" + format(ord(c), "016b") for c in SLOGAN),  # UTF-16 units in binary
    "".join(f"\\{b:03o}" for b in SLOGAN.encode()),  # octal escapes of UTF-8
    " ".join(f"{ord(c):04X}" for c in SLOGAN),  # UTF-16 units in hexadecimal
    ", ".join(f"0x{ord(c):04x}" for c in SLOGAN),
    " ".join(f"{b:02X}" for b in SLOGAN.encode()),  # UTF-8 bytes apart by spaces
    base64.b32encode(SLOGAN.encode()).decode(),  # Base32, padded
    base64.b32encode(SLOGAN.encode()).decode().rstrip("="),  # and not
]


@pytest.mark.parametrize("encoded", ENCODED)
def test_code_units_are_read_where_they_are_written(encoded: str) -> None:
    text = f"口令：{encoded}。"
    read = code_units.read(text)
    assert len(read) == len(text)
    assert _shown(text, read) == SLOGAN
    assert read[3] == SLOGAN[0]  # the first character where its first group begins
    assert read[:3] == "口令：" and read.endswith("。")


@pytest.mark.parametrize("encoded", ENCODED)
def test_an_encoded_slogan_is_blocked(checker: RuleChecker, encoded: str) -> None:
    judged_named(checker, f"今天转发这句：{encoded}", "A9-01", BLOCKED, decoded.CODES_NAME)


@pytest.mark.parametrize(
    "text",
    [
        "开关状态表：00000001 00000010 00000100 00001000 11111111",  # bits, not UTF-8 Chinese
        "0b1010101010101010 0b0000111100001111",  # sixteen-bit masks
        'printf("\\101\\102\\103\\104\\105\\106\\n");',  # octal escapes of ASCII
        "chmod 755 run.sh，权限 0644",
        "寄存器 0x3F2A 0x7FFF 0x0000，MAC 3C5A B4E1 9F20",  # a register dump
        "编号 4E00 5F00 两项",  # two units: too few to be read
        "颜色 #E5E5E5，边框 E5 E5 E5",
        "动态口令密钥 JBSWY3DPEHPK3PXP，绑定后自动生成验证码",  # Base32 of no Chinese
        "订单号 ABCDEFGHIJKLMNOPQRST 已受理",
    ],
)
def test_code_units_leave_other_numbers(text: str) -> None:
    assert code_units.read(text) == text


def test_a_binary_table_in_a_technical_post_stays_quiet(checker: RuleChecker) -> None:
    text = (
        "科普：字母 A 是 01000001，B 是 01000010；一个字节八位，例如 11110000 10101010 00001111。"
    )
    assert _content(checker, text) == []


# -- Atbash and one key for a message ---------------------------------------------------------


def test_atbash_pinyin_is_read() -> None:
    text = "口号：" + "tuifan zhengfu".translate(_ATBASH) + "！"
    characters, letters = shifted.views(text)
    assert len(characters) == len(letters) == len(text)
    assert _shown(text, characters) == SLOGAN[:2] + SLOGAN[-2:]
    assert letters[3:-1] == "tuifan zhengfu"


def test_an_atbash_slogan_is_blocked(checker: RuleChecker) -> None:
    text = "倒着读字母表：" + "tui fan zhe ge zheng fu".translate(_ATBASH)
    judged_named(checker, text, "A9-01", BLOCKED, "Atbash")


def test_a_shift_found_in_one_run_is_kept_for_the_next() -> None:
    plain = "ming tian quan shi ting shui, kuai qiang"  # the tail alone: two syllables
    text = plain.translate(
        str.maketrans("abcdefghijklmnopqrstuvwxyz", "fghijklmnopqrstuvwxyzabcde")
    )
    characters, letters = shifted.views(text)
    assert letters == plain
    assert _shown(text, characters).startswith("明天全市停水")
    # the tail alone is no run of six syllables, and no key is found in it
    tail = text[text.index(",") + 2 :]
    assert shifted.views(tail) == (tail, tail)


@pytest.mark.parametrize(
    "text",
    [
        "Gur ybat ebnq gb Lnxrfuv vf bcra ntnva gbqnl.",  # English in ROT13
        "svool dliow",  # English in Atbash: hello world
        "Wizard of oz, and a tin man.",
        "hulunbei'er shi renmin zhengfu",  # pinyin itself
    ],
)
def test_atbash_reads_no_other_text(text: str) -> None:
    lowered = text.lower()
    assert shifted.views(lowered) == (lowered, lowered)


# -- disguised letters ------------------------------------------------------------------------


def test_flag_letters_are_read_as_pinyin_from_two_syllables(checker: RuleChecker) -> None:
    text = "这帮 🇭🇺🇮🇿🇺 都是小偷，别雇"  # huizu in regional-indicator letters
    views = dict(decoded.views(text, text))
    assert "回族" in _shown(text, views[decoded.PINYIN_NAME])
    judged_named(checker, text, "A9-04", BLOCKED, decoded.PINYIN_NAME)


def test_plain_pinyin_of_two_syllables_is_not_read() -> None:
    text = "这帮 huizu 都是小偷，别雇"
    assert pinyin_reader.read(text) == text


def test_greek_look_alikes_are_read_as_pinyin() -> None:
    text = "明天全市 ΤΙΝGSΗUΙ，快去抢水"  # Greek capitals Τ, Ι, Η inside a Latin word
    views = dict(decoded.views(text, text))
    assert "停水" in _shown(text, views[decoded.PINYIN_NAME])


def test_a_greek_capital_tau_is_t(checker: RuleChecker) -> None:
    judged_named(checker, "大家要 ΤUΙFΑΝ 这个政府", "A9-01", BLOCKED, "")
    judged_named(checker, "大家要 ТUІFАN 这个政府", "A9-01", BLOCKED, "")  # Cyrillic Т, І, А


@pytest.mark.parametrize(
    "text",
    [
        "🇨🇳🇫🇷 中法建交六十周年，🇨🇳 🇰🇿 两国友好往来。",
        "🇲🇦🇳🇦 两国代表团参观矿业博览会。",
        "能量 E = mc²，动量变化 Δp = F·Δt，角度 θ，α 粒子，ΑΒΓ 为三角形。",
        "Молодёжный хор и ансамбль «Ελλάδα» выступят в Доме культуры.",
    ],
)
def test_flags_formulas_and_other_scripts_stay_quiet(checker: RuleChecker, text: str) -> None:
    assert _content(checker, text) == []


@pytest.mark.parametrize(
    ("text", "letters"),
    [
        ("tango uniform india foxtrot alpha november", "tuifan"),
        ("x-ray yankee zulu", "xyz"),
        ("whiskey-echo-india", "wei"),
    ],
)
def test_spelling_alphabet_is_read_as_letters(text: str, letters: str) -> None:
    read = spelling_alphabet.read(text)
    assert len(read) == len(text)
    assert read.split() == [letters]


def test_a_spelled_slogan_is_blocked(checker: RuleChecker) -> None:
    text = "大家要 Tango Uniform India Foxtrot Alpha November 这个政府"
    judged_named(checker, text, "A9-01", BLOCKED, "")
    views = dict(decoded.views(text, text))
    assert "推翻" in _shown(text, views[decoded.PINYIN_NAME])


@pytest.mark.parametrize(
    "text",
    [
        "呼号 Bravo Echo 7，收到请回答。Alpha Bravo Charlie 三个小组集合。",
        "Mike、Oscar 和 Victor 三位外教周五到园，Delta 航班晚点。",
        "India Today 与 Lima 的记者参观了矿区。",
    ],
)
def test_call_signs_and_names_stay_quiet(checker: RuleChecker, text: str) -> None:
    assert _content(checker, text) == []
