"""Issue 12, round 12: devices of held-out set 11's evasions, each undone once in the one
normalisation (so the lexicons, the combinations and the pattern rules all read it), with
the map back to the original kept. Each class has violating texts and legitimate texts of
the same shape; every text is written for these tests."""

from __future__ import annotations

from datetime import date

import pytest

from pipeline.content import parse_post
from pipeline.findings import Finding
from pipeline.rules import RuleChecker
from pipeline.rules.kinds import ORDINARY
from pipeline.rules.lookalike import latin_homoglyphs
from pipeline.rules.normalize import compact, normalise
from pipeline.rules.notation import decode, overridden
from pipeline.rules.view import Squeezed, spelled_digits

NONE: set[str] = set()
BLOCKED = {"error"}


@pytest.fixture(scope="module")
def checker() -> RuleChecker:
    return RuleChecker(None)


def judged(checker: RuleChecker, text: str, rule: str, expected: set[str]) -> None:
    """``rule``'s severities on ``text`` are ``expected`` (an error among them when
    ``expected`` is :data:`BLOCKED`)."""
    got = {d.severity for d in checker.check_text(text, ORDINARY) if d.rule == rule}
    assert ("error" in got) if expected == BLOCKED else got == expected, (text, got)


def judged_named(
    checker: RuleChecker, text: str, rule: str, expected: set[str], named: str
) -> None:
    """:func:`judged`, and an error of ``rule`` whose message names ``named`` (when given)."""
    judged(checker, text, rule, expected)
    errors = [
        d.message for d in checker.check_text(text) if d.rule == rule and d.severity == "error"
    ]
    assert not named or any(named in m for m in errors), (text, errors)


# No error of any rule: the model may still warn the reviewers.
UNBLOCKED = {"warning"}


def verdict(checker: RuleChecker, text: str, rule: str, expected: set[str], named: str) -> None:
    """:func:`judged_named`, or no error of any rule on ``text`` when ``expected`` is
    :data:`UNBLOCKED`."""
    if expected is UNBLOCKED:
        errors = [d.rule for d in checker.check_text(text) if d.severity == "error"]
        assert not errors, (text, errors)
    else:
        judged_named(checker, text, rule, expected, named)


def post_findings(checker: RuleChecker, title: str, body: str) -> list[Finding]:
    """Every finding of a post titled ``title`` with ``body`` (the title read as a post's)."""
    raw = (
        f"---\ntitle: {title}\ndate: 2026-11-20\nauthor: 王芳 <wangfang@example.gov.cn>\n"
        f"channels: [wechat]\n---\n\n{body}\n"
    )
    result = parse_post("content/posts/2026/11/judged.md", raw.encode("utf-8"))
    assert result.post is not None, result.findings
    return checker.check_post(result.post)


def content(checker: RuleChecker, text: str) -> list[str]:
    """The content findings (articles 9, 16 and 17) of ``text``."""
    return [d.rule for d in checker.check_text(text) if d.rule.startswith(("A9", "A16", "A17"))]


# -- class 1: Cyrillic and Greek look-alike letters inside a Latin word ----------------------

HOMOGLYPHS = [
    ("Frее Tibеt nоw，这才是我们的口号！", "A9-02", BLOCKED),  # Cyrillic е and о
    ("打倒gоngсhаndаng，一起喊起来。", "A9-01", BLOCKED),  # Cyrillic о, с, а
    ("Тaiwan indеpendence，早日实现。", "A9-02", BLOCKED),  # capital Т
    ("俄语角：Добро пожаловать（欢迎光临），Москва 是俄罗斯首都。", "A9-02", NONE),
    ("数学课：设 α、β 为方程的两根，求 α+β 的值。", "A9-02", NONE),
    ("图书馆新到希腊文原版《Οδύσσεια》，欢迎借阅。", "A9-07", NONE),
]


def test_only_a_word_that_mixes_scripts_is_read_as_latin() -> None:
    assert latin_homoglyphs("frее tibеt") == "free tibet"
    assert latin_homoglyphs("москва и сеть") == "москва и сеть"
    assert len(normalise("Frее")) == 4


# -- class 2: radical and compatibility forms of characters -----------------------------------

RADICALS = [
    ("⻄藏独⽴、新疆独⽴，早⽇实现。", "A9-02", BLOCKED),
    ("⻢上转给⼤家：台湾独⽴万岁。", "A9-02", BLOCKED),
    # Text copied from a PDF often holds Kangxi radicals for ordinary characters.
    ("⼀、⼯作⽬标：全县⼤⼒推进⼈居环境整治。", "A9-02", NONE),
    ("⼀年之计在于春，⼈勤春来早。", "A9-13", NONE),
]


def test_a_radical_form_is_named_in_the_message(checker: RuleChecker) -> None:
    (d,) = [d for d in checker.check_text("支持⻄藏独⽴。") if d.rule == "A9-02"]
    assert "部首字形" in d.message and d.severity == "error"


# -- class 3: Braille letters -------------------------------------------------------------------

BRAILLE = [
    ("⠋⠁⠇⠥⠝⠛⠕⠝⠛ 学员周日到后山练功。", "A9-05", BLOCKED),
    ("助残日活动：盲文 ⠓⠑⠇⠇⠕ 读作 hello，欢迎体验。", "A9-05", NONE),
    ("盲文\u2800体验\u2800活动\u2800报名\u2800通知", "A9-05", NONE),
]


# -- class 3b: letters in other forms (superscript, small capitals, squared …) -----------------

LETTERS = [
    ("ᶠᵃˡᵘⁿᵍᵒⁿᵍ 好，大家一起练。", "A9-05", BLOCKED),
    ("ꜰᴀʟᴜɴɢᴏɴɢ 学员周日集合。", "A9-05", BLOCKED),
    ("支持 🅃🄸🄱🄴🅃 independence！", "A9-02", BLOCKED),
    ("水分子 H₂O，面积 20 m²，ᴴᴬᴾᴾʸ ᴺᴱᵂ ᵞᴱᴬᴿ！", "A9-05", NONE),
    ("🅿 停车场在东门，⒜ 号窗口办理。", "A9-07", NONE),
]

# -- class 4: blank-looking characters, tags and description characters as separators ----------

BLANKS = [
    ("约\u3164炮\u3164上\u3164门，价格私聊。", "A9-07", BLOCKED),  # Hangul filler
    ("约\u2800炮\u2800上\u2800门，价格私聊。", "A9-07", BLOCKED),  # Braille blank
    ("滚\U000e0020出\U000e0020去，藏\U000e0020族\U000e0020人不配住这里", "A9-04", BLOCKED),
    ("代⿱乃子中心：包生男孩，不成功不收钱。", "A9-13", BLOCKED),
    ("妇幼保健院\u3164孕期\u3164检查\u3164须知", "A9-13", NONE),
    ("识字课：“⿰木木”是林，“⿱艹田”是苗，“⿰女子”是好。", "A9-13", NONE),
    ("国旗\U000e0067\U000e0062升起来了，向国旗敬礼。", "A9-03", NONE),
    ("法\u2061轮\u180b功学员，周日集合。", "A9-05", BLOCKED),  # invisible operator, FVS
    ("藏\u1ab5族\u1dc4人都是贼。", "A9-04", BLOCKED),  # combining marks of other blocks
    # one filler repeated after each character, and blanks written as references
    ("国x旗x就x是x块擦脚布，挂在厕所正合适。", "A9-03", BLOCKED),
    ("法の轮の功の好の，大家一起练。", "A9-05", BLOCKED),
    ("支持台&nbsp;独&nbsp;，早日实现。", "A9-02", BLOCKED),
    ("支持台&#8203;独&#x200b;，早日实现。", "A9-02", BLOCKED),
    ("一草一木一山一水皆有情，国旗在风中飘扬。", "A9-03", NONE),
    ("线路：北京—上海—广州—深圳—香港，全程高铁。", "A9-02", NONE),
    ("A座x号、B座x号已交付，请业主到物业领取钥匙。", "A9-13", NONE),
    # markup shown as nothing: a styled inline tag, a ruby reading
    ('支持台<span style="color:red">独</span>，早日实现。', "A9-02", BLOCKED),
    ("<ruby>法<rt>fǎ</rt>轮<rt>lún</rt>功<rt>gōng</rt></ruby>学员周日集合。", "A9-05", BLOCKED),
    ('<span style="color:red">重要通知</span>：国旗法宣传周活动安排。', "A9-03", NONE),
    ("识字课：<ruby>国<rt>guó</rt>旗<rt>qí</rt></ruby>，我们升国旗。", "A9-03", NONE),
]


# -- class 5: escapes, hexadecimal and Base64 of UTF-8 ------------------------------------------

ENCODINGS = [
    ("记住这三个字：\\u6cd5\\u8f6e\\u529f，真相就在里面。", "A9-05", BLOCKED),
    ("记住这三个字：U+6CD5 U+8F6E U+529F，真相就在里面。", "A9-05", BLOCKED),
    ("我的信念：E58FB0E6B9BEE78BACE7AB8B，自己转一下。", "A9-02", BLOCKED),
    ("我的信念：\\xe5\\x8f\\xb0\\xe7\\x8b\\xac，自己转一下。", "A9-02", BLOCKED),
    ("口号用 base64 发：5rOV6L2u5Yqf，自己解码。", "A9-05", BLOCKED),
    ("程序课：\\u4f60\\u597d 是“你好”的转义写法。", "A9-05", NONE),
    ("发布包校验值 e4d909c290d0fb1ca068ffaddf22cbd0，颜色 #E5E5E5。", "A9-02", NONE),
    ("订单号 5000123456789012，快递单号 6601234567。", "A9-05", NONE),
    ("接口返回 5L2g5aW9（“你好”的 Base64），联调通过。", "A9-05", NONE),
]


NAMED = {
    "信念：E58FB0E6B9BEE78BACE7AB8B。": ("十六进制编码", "E58FB0E6B9BEE78BACE7AB8B"),
    "记住：\\u6cd5\\u8f6e\\u529f。": ("转义序列编码", "\\u6cd5\\u8f6e\\u529f"),
    "口号：5rOV6L2u5Yqf。": ("Base64编码", "5rOV6L2u5Yqf"),
    "今晚约\u3164炮，私聊。": ("空白填充字符", "约\u3164炮"),
    '支持台<span class="x">独</span>。': ("网页标记", '支持台<span class="x">独'),
}


def test_a_finding_in_an_encoding_names_it_and_covers_the_whole_code(
    checker: RuleChecker,
) -> None:
    for text, (name, whole) in NAMED.items():
        errors = [d for d in checker.check_text(text) if d.severity == "error"]
        assert [text[d.start : d.end] for d in errors if name in d.message] == [whole], text


def test_decoding_keeps_the_length() -> None:
    for text in ("E58FB0E6B9BE", "\\u6cd5\\u8f6e", "5rOV6L2u", "\\xe5\\x8f\\xb0\\xe6\\xb9\\xbe"):
        assert len(decode(text)) == len(text)
    assert compact(normalise(decode("5rOV6L2u5Yqf"))).text == "法轮功"


# -- class 6: text displayed backwards by a right-to-left override -----------------------------


def test_an_overridden_run_is_read_as_shown_and_mapped_back(checker: RuleChecker) -> None:
    text = "口号：\u202e府政翻推\u202c，记住。"
    assert overridden(text) == "口号： 推翻政府 ，记住。"
    found = [d for d in checker.check_text(text) if d.rule == "A9-01"]
    assert found and all(d.severity == "error" for d in found)
    assert {text[d.start : d.end] for d in found} == {"府政翻推"}
    assert all("反向显示控制符（推翻政府）" in d.message for d in found)


def test_an_override_around_ordinary_words_is_no_finding(checker: RuleChecker) -> None:
    assert content(checker, "欢迎\u202e会大民人\u202c代表莅临指导。") == []
    assert content(checker, "版权所有\u202e©\u202c 县融媒体中心") == []


# -- class 7: Chinese numerals for the digits of a number (pattern rules) ----------------------

NUMERALS = [
    ("家长刘某，身份证四一〇一二二一九八七〇三一五四六二八，认准这个人。", "A9-11", BLOCKED),
    ("一九四九年十月一日，中华人民共和国成立。", "A9-11", NONE),
    ("二〇二六年一月一日起施行，咨询电话一二三四五。", "A9-11", NONE),
    ("儿歌：一二三四五六七八九十，大家一起数。", "A9-11", NONE),
]


def test_chinese_numerals_keep_the_length_and_dates_stay() -> None:
    assert spelled_digits("四一〇一二二一九") == "41012219"
    assert spelled_digits("二〇二六年") == "二〇二六年"
    squeezed = Squeezed("号码：一三八 〇〇一二 三四五六")
    assert "13800123456" in squeezed.text


@pytest.mark.parametrize(
    ("text", "rule", "expected"),
    HOMOGLYPHS + RADICALS + BRAILLE + LETTERS + BLANKS + ENCODINGS + NUMERALS,
)
def test_each_device_undone_blocks_its_word_and_passes_its_legitimate_twin(
    checker: RuleChecker, text: str, rule: str, expected: set[str]
) -> None:
    judged(checker, text, rule, expected)


# -- every field and the line and column ----------------------------------------------------


def test_a_device_in_the_title_and_the_body_is_found_at_its_line_and_column(
    checker: RuleChecker,
) -> None:
    raw = (
        "---\ntitle: 支持⻄藏独⽴\ndate: 2026-11-20\nauthor: 王芳 <wangfang@example.gov.cn>\n"
        "channels: [wechat]\n---\n\n第一段。\n\n口号：\u202e府政翻推\u202c。\n"
    )
    result = parse_post("content/posts/2026/11/devices.md", raw.encode("utf-8"))
    assert result.post is not None and result.post.date == date(2026, 11, 20)
    places = {(f.rule, f.line, f.column) for f in checker.check_post(result.post)}
    assert ("A9-02", 2, 10) in places  # 支持⻄藏独⽴: the term starts at the 3rd character
    assert ("A9-01", 10, 5) in places  # after 口号：and the control
