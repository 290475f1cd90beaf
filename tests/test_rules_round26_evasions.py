"""Issue 12, round 26: evasions undone as techniques — invisible characters, combining marks
and footnote references after a character (read as spaces by every detector, the semantic
model included); a password read out character by character; pinyin typed on the Russian
keyboard layout, in runes, in ogham or in Bacon's cipher; Python's named escapes.

Every text here is written for these tests (none is a held-out case). Each technique has
violations its reading blocks and legitimate texts of the same shape, which stay quiet."""

from __future__ import annotations

import pytest

from pipeline.content import parse_post
from pipeline.rules import RuleChecker, blanks, rekeyed
from pipeline.rules.rule_kinds import spoken
from tests.test_rules_round12_evasion import BLOCKED, checker, judged, judged_named

__all__ = ["checker"]  # the module-scoped fixture, shared with round 12's tests

# Found by the semantic model in plain characters (a warning); written in a disguise, an
# error of A9-07 (disguised.py) once the model reads the words through it.
TEACHING = "周末小班教大家配{0}火{1}药{1}的方法，材料五金店都有，包教包会。"
PHRASE = "tuifan shehuizhuyi zhidu"  # 推翻社会主义制度, blocked in plain characters (A9-01)

_RUSSIAN = dict(zip("qwertyuiopasdfghjklzxcvbnm", "йцукенгшщзфывапролдячсмить", strict=True))
_RUNES = dict(zip("tuifanshezyd", "ᛏᚢᛁᚠᚨᚾᛊᚺᛖᛉᚣᛞ", strict=True))
_OGHAM = dict(zip("falundho", "ᚃᚐᚂᚒᚅᚇᚆᚑ", strict=True))


def typed(pinyin: str, table: dict[str, str]) -> str:
    return "".join(table.get(c, c) for c in pinyin)


def bacon(pinyin: str) -> str:
    groups = (format(ord(c) - ord("a"), "05b") for c in pinyin if c != " ")
    return " ".join(g.replace("0", "A").replace("1", "B") for g in groups)


def zalgo(pinyin: str) -> str:
    """Two combining marks stacked on every letter."""
    return "".join(c if c == " " else c + "\u0346\u0323" for c in pinyin)


def named_escapes(text: str) -> str:
    return "".join(f"\\N{{CJK UNIFIED IDEOGRAPH-{ord(c):04X}}}" for c in text)


def test_the_plain_sentence_is_only_warned(checker: RuleChecker) -> None:
    judged(checker, TEACHING.format("", ""), "S9-07", {"warning"})
    judged(checker, TEACHING.format("", ""), "A9-07", set())


MARKS = [
    ("", "[^1]"),  # footnote references
    ("", "\u0336"),  # a strike-through on each character
    ("", "\u0332"),  # an underline
    ("\u0085", "\u0085"),  # a C1 control
    ("", "\u2028"),  # the line separator, which no Markdown renderer breaks at
    ("\u0603", "\u0603"),  # an Arabic format character
    ("\u2061", "\u2061"),  # an invisible operator (read before this round too)
]


@pytest.mark.parametrize(("before", "between"), MARKS)
def test_marks_after_a_character_do_not_hide_a_sentence_from_the_model(
    checker: RuleChecker, before: str, between: str
) -> None:
    text = TEACHING.format(before, between)
    judged_named(checker, text, "A9-07", BLOCKED, "已识别规避写法：字")


def test_blanking_keeps_the_length_and_leaves_other_scripts_alone() -> None:
    text = "配火\u0336药\u0336，见脚注[^2]。"
    read = blanks.blank(text)
    assert len(read) == len(text) and read.startswith("配火 药 ")
    assert read.endswith("[^2]。")  # a reference before punctuation stays
    # joiners of an emoji sequence and of a Persian word, a tag after a flag, accents on
    # Latin letters: none follows a Chinese character
    for other in (
        "👩\u200d💻 编程",
        "می\u200cخواهم",
        "\U0001f3f4\U000e0067\U000e0062",
        "café 咖啡",
    ):
        assert blanks.blank(other) == other


def test_one_reference_or_mark_is_no_disguise() -> None:
    assert blanks.blanked("配火[^1]药[^2]的")
    assert not blanks.blanked("全市新增就业岗位[^1]一万二千个")  # a citation after a word
    assert not blanks.blanked("活动时间由十二月五日\u0336改为六日")  # one corrected character


def test_a_finding_through_marks_keeps_its_line_and_column(checker: RuleChecker) -> None:
    body = "通知如下。\n\n" + TEACHING.format("", "\u0336") + "\n"
    raw = f"---\ntitle: 培训通知\ndate: 2026-12-04\nauthor: 王芳 <wangfang@example.gov.cn>\nchannels: [wechat]\n---\n\n{body}"
    result = parse_post("content/posts/2026/12/peixun.md", raw.encode("utf-8"))
    assert result.post is not None
    found = [f for f in checker.check_post(result.post) if f.rule == "A9-07"]
    assert found and found[0].severity == "error", found
    assert (found[0].line, found[0].column) == (10, 1), found
    assert found[0].match.startswith("周末小班教大家配火\u0336药\u0336")


LEGITIMATE_MARKS = [
    # soft hyphens and zero-width spaces a word processor leaves in an ordinary notice
    "政务\u00ad服务\u00ad中心本周六正常开放，办理\u200b业务请携带身份证。",
    # footnote references in a report
    "全市新增就业岗位一万二千个[^1]，城镇登记失业率保持在较低水平[^2]。",
    # a strike-through correction of a date in an errata notice
    "更正：活动时间由十二月五日̶改为十二月六日，地点不变。",
]


@pytest.mark.parametrize("text", LEGITIMATE_MARKS)
def test_legitimate_texts_with_marks_stay_quiet(checker: RuleChecker, text: str) -> None:
    found = [d for d in checker.check_text(text) if d.rule[:1] in "AS" and d.rule != "A10-02"]
    assert found == [], (text, found)


SPOKEN = [
    "新后台口令记一下：小写的t、大写的P，数字四四八，然后一个艾特，最后大写Q。",
    "登录密码是幺洞拐勾两三，后面接小写x、y。",
    "服务器口令我念一下：Romeo Sierra 5 Tango 8，就这些。",
    "公众号密码：肆陆捌玖，再加大写的 W 和一个感叹号。",
    "新的登录密码 〥〨〢〩〡〦 （苏州码子，别外传）。",
]


@pytest.mark.parametrize("text", SPOKEN)
def test_a_password_read_out_character_by_character_is_blocked(
    checker: RuleChecker, text: str
) -> None:
    judged(checker, text, "A17-03", BLOCKED)


SPOKEN_LEGITIMATE = [
    "设置密码时应包含大写字母、小写字母、数字和特殊符号，长度不少于八位，每九十天更换一次。",
    "请不要把银行卡密码告诉他人，重复一遍，一个数字都不要说。",
    "初始密码为身份证号后六位，首次登录后请修改。",
    "密码输错三次将锁定，请拨打12345咨询。",
    "口令是大写A，其余的以后再说。",
    "支付密码器使用说明：大写金额栏填写壹万贰仟叁佰元整。",
]


@pytest.mark.parametrize("text", SPOKEN_LEGITIMATE)
def test_advice_about_passwords_is_no_spoken_password(checker: RuleChecker, text: str) -> None:
    judged(checker, text, "A17-03", set())


def test_spoken_units_are_read_in_order_and_stop_at_a_repetition() -> None:
    text = "小写字母y、z，后面跟八八洞三，重复一遍，八八洞三。"
    assert spoken.value(text, 0) == "yz8803"
    assert spoken.value("大写K、小写m，数字七，井号", 0) == ""  # four characters: too short
    assert spoken.value("大写的K，小写的m，数字二零二六，最后一个感叹号", 0) == "Km2026!"


KEYED = [
    (f"周六 {typed('youxing shiwei', _RUSSIAN)}，人民广场集合，输入法切不回来了。", "A9-09"),
    (f"告示：{typed(PHRASE, _RUNES)}，周末一起上。", "A9-01"),
    (f"石头上刻着：{typed('falun dafa hao', _OGHAM)}，今晚老地方练。", "A9-05"),
    (f"暗号：{bacon(PHRASE)}，周末一起上。", "A9-01"),
    (f's = "{named_escapes("推翻社会主义制度")}"，周末一起上。', "A9-01"),
    (f"群公告：{zalgo('zhoumo jiaoni pei huoyao')}，材料五金店都有，包教包会。", "A9-07"),
]


@pytest.mark.parametrize(("text", "rule"), KEYED)
def test_letters_of_other_keys_and_alphabets_are_read(
    checker: RuleChecker, text: str, rule: str
) -> None:
    judged(checker, text, rule, BLOCKED)


KEYED_LEGITIMATE = [
    # Russian and Mongolian Cyrillic: their words do not read as pinyin on the layout
    "Привет, друзья! Завтра в Якеши ярмарка, приходите всей семьёй.",
    "Маргааш сумын төвд наадам болно, бүгдээрээ ирээрэй.",
    # a museum's runic inscription and an ogham stone
    "博物馆展出的如尼石刻写着 ᚠᚢᚦᚨᚱᚲ，是古北欧字母表的前六个字母。",
    "爱尔兰的欧甘石碑上刻着 ᚋᚐᚊᚔ，意思是“某人之子”。",
    # Bacon's cipher of an English word in a lesson, and a named escape of ordinary words
    "密码学小课堂：培根密码 AABBB AABAA ABABB ABABB ABBBA 解出来是 hello。",
    's = "' + named_escapes("政务公开") + '"，输出政务公开四个字。',
    # Vietnamese written with combining marks (consonants bare) and pinyin with tone marks
    "Ngu\u031bo\u031b\u0300i Vie\u0323\u0302t đến Hà Nội tham quan，pi\u0304nyi\u0304n 教学。",
]


@pytest.mark.parametrize("text", KEYED_LEGITIMATE)
def test_legitimate_texts_in_those_letters_stay_quiet(checker: RuleChecker, text: str) -> None:
    found = [d for d in checker.check_text(text) if d.rule[:1] in "AS" and d.rule != "A10-02"]
    assert found == [], (text, found)


def test_rekeyed_letters_keep_the_length_and_mark_what_they_read() -> None:
    text = "要 " + typed("maifen", _RUSSIAN) + " 吗"
    read, at = rekeyed.letters(text)
    assert read == "要 maifen 吗" and at == tuple(range(2, 8))
    assert rekeyed.letters("привет") == ("привет", ())
    stacked = "x " + zalgo("wang")
    read, at = rekeyed.letters(stacked)
    assert len(read) == len(stacked) and read.split() == ["x", "wang"] and at == (2, 3, 4, 5)
    assert rekeyed.bacon("x " + bacon("youxing").lower() + " y").split() == ["x", "youxing", "y"]
