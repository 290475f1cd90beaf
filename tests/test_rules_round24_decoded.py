"""Issue 12, round 24: decoded views of Unicode tag characters, UTF-7, uuencode, characters
out of their reading order (subscript places, a two-row rail fence after its cue) and
double-pinyin codes in a text that names the layout; and a main-view warning no longer
standing for the error a decoded view reads.

Every text here is written for these tests. Each device has violations that only its view
reads and legitimate texts of the same shape, which must stay quiet."""

from __future__ import annotations

import base64
import binascii

import pytest

from pipeline.rules import RuleChecker, code_units, decoded, double_pinyin, reordered
from pipeline.rules.detection import Detection
from tests.test_rules_round12_evasion import BLOCKED, checker, judged_named

__all__ = ["checker"]  # the module-scoped fixture, shared with round 12's tests

PHRASE = "推翻社会主义制度"  # blocked in plain characters (A9-01)


def tags(text: str) -> str:
    return "".join(chr(0xE0000 + ord(c)) for c in text)


def utf7(text: str) -> str:
    return "+" + base64.b64encode(text.encode("utf-16-be")).decode().rstrip("=") + "-"


def uuencode(text: str) -> str:
    data = text.encode("utf-8")
    body = "".join(binascii.b2a_uu(data[i : i + 45]).decode() for i in range(0, len(data), 45))
    return f"begin 644 memo.txt\n{body}`\nend\n"


_SQUARE = "abcdefghiklmnopqrstuvwxyz"
_KEYS = str.maketrans("abcdefghijklmnopqrstuvwxyz", "22233344455566677778889999")


def a1z26(pinyin: str) -> str:
    return " ".join("-".join(str(ord(c) - 96) for c in word) for word in pinyin.split())


def polybius(pinyin: str) -> str:
    at = [_SQUARE.index(c) for c in pinyin.replace(" ", "").replace("j", "i")]
    return " ".join(f"{i // 5 + 1}{i % 5 + 1}" for i in at)


def keypad_digits(pinyin: str) -> str:
    return " ".join(word.translate(_KEYS) for word in pinyin.split())


def test_plain_characters_of_the_phrase_are_blocked(checker: RuleChecker) -> None:
    judged_named(checker, f"群里说要{PHRASE}。", "A9-01", BLOCKED, "")


VIOLATIONS = [
    (f"周报末尾：{tags('tuifan shehuizhuyi zhidu')}。", "A9-01", "拼音读作汉字"),
    (f"邮件主题：{utf7(PHRASE)} 附件已发。", "A9-01", "UTF-7"),
    (f"纸条内容：\n{uuencode(PHRASE + '，周末集合')}照着解。", "A9-01", "uuencode"),
    ("按下标读：度₈ 制₇ 义₆ 主₅ 会₄ 社₃ 翻₂ 推₁，周末一起上。", "A9-01", "下标序号"),
    ("老规矩，两行读：推社主制翻会义度。周末见。", "A9-01", "两行栅栏"),
    ("用小鹤双拼打：tvfj uehvvuyi vidu，别用汉字。", "A9-01", "双拼编码"),
    (f"群里那串：{a1z26('tuifan shehuizhuyi zhidu')}，懂的都懂。", "A9-01", "拼音读作汉字"),
    (f"坐标：{polybius('tuifan shehuizhuyi zhidu')}，周末见。", "A9-01", "拼音读作汉字"),
    (f"用九宫格按：{keypad_digits('tuifan shehuizhuyi zhidu')}，照做。", "A9-01", "拼音读作汉字"),
]


@pytest.mark.parametrize(("text", "rule", "named"), VIOLATIONS)
def test_each_device_is_read_and_blocked(
    checker: RuleChecker, text: str, rule: str, named: str
) -> None:
    judged_named(checker, text, rule, BLOCKED, named)


LEGITIMATE = [
    # a subdivision flag is tag characters after a black flag, ended by CANCEL TAG
    "球队来访，欢迎 \U0001f3f4" + tags("gbsct") + "\U000e007f 的朋友。",
    # plus signs in prose, phone numbers and versions; a UTF-7 run of Latin text
    "咨询电话 +86-471-1234567，支持 C++-17 标准。" + utf7("Hello World"),
    # an uuencoded English file in a technical note
    "附件编码示例：\n" + uuencode("Annual report of the archive, page one.").replace("\n`", "\n`"),
    # chemistry subscripts and numbered characters that are no permutation
    "化学课：H₂O 与 CO₂，甲₁ 乙₁ 丙₂ 三组对照。",
    # the cue of two rows in a form's instructions
    "填表说明：请分两行填写：第一行写单位名称第二行写联系电话。",
    # numbers of the shapes of A1Z26, the Polybius square and the keypad: flats, dates,
    # ranks, phone numbers in a post that names the keypad
    "楼号 1-2-3 单元、5-12-3 室，2026-12-04 开放，名次 11 12 13 14 15 21 22 名。",
    "九宫格输入法小课堂：拨打 12345 热线，或 0470-7654321、2345 6789 都能接通。",
    # a post about the input method itself, with codes that read as syllables
    "输入法课堂：小鹤双拼里 ui 打 shi，vs 打 zhong，ww 打 wei，练熟了打字更快。",
]


@pytest.mark.parametrize("text", LEGITIMATE)
def test_legitimate_texts_of_the_same_shapes_stay_quiet(checker: RuleChecker, text: str) -> None:
    found = [d for d in checker.check_text(text) if d.rule[:1] in "AS" and d.rule != "A10-02"]
    assert found == [], (text, found)


def test_views_keep_the_length_and_place_what_they_read() -> None:
    text = f"主题：{utf7(PHRASE)} 完"
    read = code_units.utf7(text)
    assert len(read) == len(text) and read.startswith("主题：+") is False
    assert "".join(read.split())[3:11] == PHRASE
    fence = reordered.read("两行读：推社主制翻会义度。")
    assert fence == "两行读：推翻社会主义制度。"
    marked = reordered.read("生₃ 老₁ 畜₂")
    assert marked.startswith("老畜生") and len(marked) == len("生₃ 老₁ 畜₂")
    layouts = dict(double_pinyin.syllables("小鹤双拼：vs uj"))
    assert [s[2] for s in layouts["小鹤"]] == ["zhong", "shan"]
    assert double_pinyin.syllables("vs uj") == []  # no layout named, nothing read
    flagged = "X" + tags("ab") + "Y"
    assert decoded.tag_letters(flagged) == ("XabY", (1, 2))


def test_a_main_view_warning_does_not_stand_for_a_views_error(checker: RuleChecker) -> None:
    # the model warns on the plain words around the disguise; the view reads the phrase
    text = "老规矩，两行读：推社主制翻会义度。周末在广场集合，谁不来谁就是叛徒。"
    found = checker.check_text(text)
    warned = [d for d in found if d.rule == "S9-01" and d.severity == "warning"]
    raised = [d for d in found if d.rule == "A9-01" and d.severity == "error"]
    assert warned and raised, found
    assert any(w.start < r.end and r.start < w.end for w in warned for r in raised)
    judged_named(checker, text, "A9-01", BLOCKED, "两行栅栏")


def test_an_opinion_read_by_a_view_stays_a_warning(checker: RuleChecker) -> None:
    text = "回复网友：" + tags("ni zhen shi ge shabi") + "。"
    errors = [d for d in checker.check_text(text) if d.rule in ("A9-12", "S9-12")]
    assert errors and all(d.severity == "warning" for d in errors), errors


def test_a_main_view_warning_still_stands_for_the_views_own_semantic_finding() -> None:
    """English prose read as pinyin (a view that changed a few letters) and the model warning
    on it in both views: the view's semantic finding stays the main view's warning, while a
    term the view reads there is an error."""
    text = "Share the same page and tie a banner to the gate."
    view = dict(decoded.views(text, text))
    assert decoded.PINYIN_NAME in view  # English words read as syllables
    span = (0, len(text))
    warning = Detection(*span, "S16", "第十六条", "warning", "m")

    def meant(_view: str) -> list[Detection]:
        return [warning]

    def nothing(_view: str) -> list[Detection]:
        return []

    def term(_view: str) -> list[Detection]:
        return [Detection(*span, "A16-01", "第十六条", "error", "t")]

    assert decoded.findings(nothing, meant, text, [warning], text) == []
    raised = decoded.findings(term, meant, text, [warning], text)
    assert [(d.rule, d.severity) for d in raised] == [("A16-01", "error")]
    # with no main-view warning the view's semantic finding is raised, as before
    alone = decoded.findings(nothing, meant, text, [], text)
    assert [(d.rule, d.severity) for d in alone] == [("A16-01", "error")]
