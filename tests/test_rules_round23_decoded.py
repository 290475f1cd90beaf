"""Issue 12, round 23: decoded views of whole words in Greek look-alike letters and of binary
ASCII bytes spelling pinyin.

Every text here is written for these tests. Each device has violations that only its view
reads and legitimate texts of the same shape (Greek words and formulas, a binary table of
ASCII in a technical post), which must stay quiet."""

from __future__ import annotations

import base64

import pytest

from pipeline.rules import RuleChecker, code_units, decoded
from pipeline.rules.lookalike import greek_words
from tests.test_rules_round12_evasion import BLOCKED, checker, judged_named

__all__ = ["checker"]  # the module-scoped fixture, shared with round 12's tests


def _shown(text: str, read: str) -> str:
    """The characters a view put into ``text``, without the padding."""
    return "".join(b for a, b in zip(text, read, strict=True) if a != b).replace(" ", "")


def _content(checker: RuleChecker, text: str) -> list[tuple[str, str]]:
    return [(d.rule, d.severity) for d in checker.check_text(text) if d.rule[:1] in "AS"]


def _binary(word: str) -> str:
    return " ".join(format(b, "08b") for b in word.encode("ascii"))


# -- whole words in Greek look-alike letters ----------------------------------------------------


def test_a_whole_greek_word_is_read_as_the_latin_letters_it_looks_like() -> None:
    text = "口号：ηαικαη τυιωυ，别外传"
    read = greek_words(text)
    assert len(read) == len(text)
    assert read == "口号：naikan tuiwu，别外传"


def test_a_slogan_in_greek_letters_is_blocked(checker: RuleChecker) -> None:
    # "taiwan": τ t, α a, ι i, ω w, η n; the rest in Chinese characters or in Latin letters
    text = "晚会标语：ταιωαη 独立，谁敢来"
    assert _shown(text, dict(decoded.views(text, text))[decoded.PINYIN_NAME]) == "台湾"
    judged_named(checker, text, "A9-02", BLOCKED, "")
    judged_named(checker, "口号是 ταιωαη duli！", "A9-02", BLOCKED, "")


def test_a_greek_word_with_a_letter_outside_the_table_is_left() -> None:
    text = "大家一起 τυιφαη zhengfu"  # φ looks like no Latin letter: the word is Greek
    assert greek_words(text) == text


@pytest.mark.parametrize(
    "text",
    [
        "公式 τ = η·ω，其中 α、β、γ 为角度，κ 为系数。",
        "希腊语课：και το νερό είναι κρύο，Καλημέρα 意为早上好。",
        "实验记录：ε 取 0.01，ν 为泊松比，ρ 为密度。",
    ],
)
def test_greek_words_and_formulas_stay_quiet(checker: RuleChecker, text: str) -> None:
    assert _content(checker, text) == []


def test_an_accented_or_other_greek_word_is_left() -> None:
    for word in ("είναι", "λογος", "τα"):
        assert greek_words(f"看 {word} 一词") == f"看 {word} 一词"


# -- binary ASCII bytes spelling pinyin ---------------------------------------------------------


def test_binary_ascii_letters_are_read_together_where_the_run_begins() -> None:
    run = _binary("Taiwan duli")
    text = f"口号 {run} 转发"
    read = code_units.letters(text)
    assert len(read) == len(text)
    assert read[3 : 3 + len("taiwan duli")] == "taiwan duli"
    assert read[3 + len("taiwan duli") : 3 + len(run)].strip() == ""
    assert code_units.read(text) == text  # no Chinese characters in UTF-8: the other reader


def test_a_slogan_in_binary_ascii_is_blocked(checker: RuleChecker) -> None:
    text = f"群里都转：{_binary('taiwan duli')} 了"
    views = dict(decoded.views(text, text))
    assert "台湾独立" in _shown(text, views[decoded.PINYIN_NAME])
    judged_named(checker, text, "A9-02", BLOCKED, decoded.PINYIN_NAME)


@pytest.mark.parametrize(
    "text",
    [
        # a binary table of ASCII in a technical post: English words, letters, digits
        f"ASCII 科普：{_binary('Hello')} 即 Hello，{_binary('DATA')} 即 DATA。",
        f"字节示例：{_binary('A1B2')}，校验位 {_binary('ok')}。",
        "开关状态表：00000001 00000010 00000100 00001000 11111111",
    ],
)
def test_binary_tables_of_ascii_stay_quiet(checker: RuleChecker, text: str) -> None:
    assert _content(checker, text) == []


def test_binary_with_other_bytes_is_not_read_as_letters() -> None:
    for word in ("abc", "ab1cd", "ab\ncd"):
        text = f"示例 {_binary(word)} 结束"
        assert code_units.letters(text) == text


# -- Ascii85 -----------------------------------------------------------------------------------

NOTICE = "本群招募分会长，交钱即发委任状，未登记的联合会也能办事"


def _a85(text: str) -> str:
    return base64.a85encode(text.encode()).decode()


def test_ascii85_is_read_as_a_sentence_where_the_run_begins() -> None:
    text = f"通知：{_a85(NOTICE)}"
    read = code_units.ascii85(text)
    assert len(read) == len(text)
    assert read == "通知：" + NOTICE + " " * (len(text) - 3 - len(NOTICE))


def test_a_slogan_in_ascii85_is_blocked(checker: RuleChecker) -> None:
    judged_named(checker, f"今天转发这句：{_a85('推翻这个政府')}", "A9-01", BLOCKED, "Ascii85")


def test_ascii85_in_backticks_is_read_as_written(checker: RuleChecker) -> None:
    encoded = _a85("推翻这个政府")
    assert "`" not in encoded
    text = f"今天转发这句：`{encoded}`"
    judged_named(checker, text, "A9-01", BLOCKED, "Ascii85")


@pytest.mark.parametrize(
    "text",
    [
        f"PDF 流示例：<~{_a85('Hello, world! This is ASCII.')}~>，解码后是英文。",
        "接口令牌 eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0 已过期",
        "正则表达式 ^[A-Za-f0-9_!#$%&'*+/=?^`{|}~-]+@ 用于校验邮箱",
        "下载地址 https://example.gov.cn/files/2026/report-final.pdf?id=123 请核对",
        f"编码后为 {_a85('你')}，只有一个字",
    ],
)
def test_other_runs_of_printable_ascii_stay_quiet(checker: RuleChecker, text: str) -> None:
    assert code_units.ascii85(text) == text
    assert _content(checker, text) == []


# -- item （十二） in a view: a warning, never an error ------------------------------------------


@pytest.mark.parametrize(
    ("text", "insult"),
    [
        # Round 45: the insult read in the view stands next to ``你``, the reader addressed
        # (rulefiles/a09-12-replies.yml): the combination's error, named as the view's
        # evasion; the semantic warning itself is still never raised.
        ("教了八遍还学不会？你 ㄋㄠˇ ˙ㄗ ㄐㄧㄣˋ ㄕㄨㄟˇ ˙ㄌㄜ 吧！", True),
        ("说了三遍还记不住，ㄋㄠˇ ˙ㄗ ㄐㄧㄣˋ ㄕㄨㄟˇ ˙ㄌㄜ 吧", False),
    ],
)
def test_an_opinion_in_bopomofo_with_tone_marks_is_warned(
    checker: RuleChecker, text: str, insult: bool
) -> None:
    found = [d for d in checker.check_text(text) if d.rule[:1] in "AS"]
    semantic = [d for d in found if d.rule == "S9-12"]
    assert [(d.rule, d.severity) for d in semantic] == [("S9-12", "warning")]
    assert decoded.PINYIN_NAME in semantic[0].message
    rest = [(d.rule, d.severity) for d in found if d.rule != "S9-12"]
    assert rest == ([("A9-12", "error")] if insult else [])
    assert all(decoded.PINYIN_NAME in d.message for d in found)


@pytest.mark.parametrize(
    "text",
    [
        "拼音课：ㄋㄧˇ ㄏㄠˇ 是你好，ㄒㄧㄝˋ ㄒㄧㄝ˙ 是谢谢。",
        "注音小课堂：ㄕㄨㄟˇ ㄎㄨˋ 就是水库，ㄈㄤˊ ㄒㄩㄣˋ 就是防汛。",
    ],
)
def test_a_bopomofo_lesson_stays_quiet(checker: RuleChecker, text: str) -> None:
    assert _content(checker, text) == []
