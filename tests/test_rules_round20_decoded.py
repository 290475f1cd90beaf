"""Issue 12, round 20: decoded views, romanised Chinese read as characters.

Every text here is written for these tests. Each mechanism has violations that only the
decoded view reads and legitimate texts of the same shape (pinyin place names, slogans,
English notices, pinyin sentences that mean nothing wrong), which must stay quiet."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.rules import RuleChecker, decoded, pinyin_reader
from tests.test_rules_round12_evasion import BLOCKED, NONE, checker, judged, judged_named

__all__ = ["checker"]  # the module-scoped fixture, shared with round 12's tests


def _read(text: str) -> str:
    """The characters the reader put into ``text``, without the padding."""
    return "".join(
        b for a, b in zip(text, pinyin_reader.read(text), strict=True) if a != b
    ).replace(" ", "")


# -- the decoder ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "characters"),
    [
        ("wo men yao bao hu huan jing", "我们要保护环境"),  # toneless, spaced
        ("zhongguorenmindaibiaodahui", "中国人民代表大会"),  # joined
        ("shi2 ba4 sui4 yi3 xia4 jin4 zhi3 ru4 nei4", "十八岁以下禁止入内"),  # tone numbers
        ("Qǐng dàjiā àihù huánjìng wèishēng", "请大家爱护环境卫生"),  # tone marks
    ],
)
def test_a_pinyin_run_is_read_as_the_likely_characters(text: str, characters: str) -> None:
    assert _read(text) == characters


def test_the_reading_keeps_every_offset() -> None:
    text = "通知：qing3 da4 jia1 an4 shi2 jiao3 fei4。"
    read = pinyin_reader.read(text)
    assert len(read) == len(text)
    assert read[text.index("qing3")] == "请"
    assert read[text.index("jiao3")] == "缴"
    assert read[:3] == "通知：" and read[-1] == "。"


def test_a_tone_written_chooses_between_homophones() -> None:
    # yi3 xia4 is 以下 (below), yi2 xia4 is 一下 (a moment)
    assert "以下" in _read("liu4 shi2 sui4 yi3 xia4 mian3 fei4 cheng2 che1")
    assert "一下" in _read("qing3 deng3 yi2 xia4 zai4 jin4 lai2")


@pytest.mark.parametrize(
    "text",
    [
        "Welcome to Yakeshi, a city of forests and grasslands.",
        "Please bring your ID card and come early to the service hall.",
        "Hong Kong and Macao",  # short runs of pinyin-shaped English words
        "Yakeshi",  # a place name of three syllables
        "release the machine",  # a vowel syllable never follows a syllable unmarked
    ],
)
def test_english_and_short_names_are_not_read(text: str) -> None:
    assert pinyin_reader.read(text) == text


def test_a_vowel_syllable_needs_a_mark_before_it() -> None:
    assert len(pinyin_reader.decode("xian") or []) == 1  # one syllable: 现, 先 …
    assert pinyin_reader.decode("xian", frozenset({2})) == [("西安", "22")]
    assert pinyin_reader.decode("leasele") is None


def test_no_view_without_a_pinyin_run() -> None:
    assert decoded.views("本周六上午九点，社区将在广场举行健康义诊。") == []
    assert decoded.views("Welcome to the Yakeshi service hall.") == []


# -- findings only the decoded view shows are errors ------------------------------------------

PINYIN_POSTS = [
    # a rumour in tone numbers and in tone marks (the semantic model reads the characters)
    ("ming2tian1 quan2 cheng2 ting2 shui3, kuai4 qu4 tun2 shui3!", "A9-06", BLOCKED),
    ("Tīng shuō míngtiān quán chéng tíng shuǐ, dàjiā kuài qù qiǎng shuǐ", "A9-06", BLOCKED),
    # a call to subvert and a call to secede, toneless and spaced
    ("wo men yao tui fan zhe ge zheng fu", "A9-01", BLOCKED),
    ("xin jiang ying gai du li, ta men bu shi zhong guo ren", "A9-02", BLOCKED),
    # legitimate texts of the same shapes
    ("ming2tian1 quan2 cheng2 tian1 qi4 qing2 lang3, shi4 he2 chu1 you2.", "A9-06", NONE),
    ("wo men yao ai hu zhe ge gong yuan", "A9-01", NONE),
    ("xin jiang de pu tao zhen tian, wo men dou xi huan", "A9-02", NONE),
    ("Hulunbei'er Shi Yakeshi Shi Zhengwu Fuwu Ju", "A9-02", NONE),
    ("标语：Lü Shui Qing Shan Jiu Shi Jin Shan Yin Shan", "A9-06", NONE),
    ("Xin Shidai Zhongguo Tese Shehuizhuyi Sixiang xuexi ban kaiban", "A9-01", NONE),
    (
        "Welcome to Yakeshi! The grassland tour starts at the Wei Lai Bus Station at nine.",
        "A9-06",
        NONE,
    ),
]


@pytest.mark.parametrize(("text", "rule", "expected"), PINYIN_POSTS)
def test_what_only_the_pinyin_view_shows_is_an_error(
    checker: RuleChecker, text: str, rule: str, expected: set[str]
) -> None:
    judged(checker, text, rule, expected)
    if expected == NONE:
        assert not [d for d in checker.check_text(text) if d.rule.startswith(("A", "S"))]


def test_the_error_names_the_reading(checker: RuleChecker) -> None:
    judged_named(
        checker,
        "ming2tian1 quan2 cheng2 ting2 shui3, kuai4 qu4 tun2 shui3!",
        "A9-06",
        BLOCKED,
        decoded.PINYIN_NAME,
    )


def test_a_rumour_the_post_refutes_stays_quiet(checker: RuleChecker) -> None:
    text = "wang shang chuan ming2tian1 quan2 cheng2 ting2 shui3, zhe shi yao yan"
    assert _read(text).endswith("谣言")
    judged(checker, text, "A9-06", NONE)


# -- every way of writing the syllables reaches the same decoder ------------------------------

WRITTEN_OTHERWISE = [
    # Morse of pinyin, a slash between words
    ("练习：- ..- .. / ..-. .- -. / --.. .... . -. --. / ..-. ..-", "推翻政府"),
    # small capitals, Fraktur, double-struck letters
    ("临摹：ᴛᴜɪ ꜰᴀɴ ᴢʜᴇɴɢ ꜰᴜ ʏᴀᴏ ᴋᴜᴀɪ", "推翻政府"),
    ("𝔪𝔦𝔫𝔤 𝔱𝔦𝔞𝔫 𝔮𝔲𝔞𝔫 𝔠𝔥𝔢𝔫𝔤 𝔱𝔦𝔫𝔤 𝔰𝔥𝔲𝔦", "停水"),
    ("𝕨𝕠 𝕞𝕖𝕟 𝕪𝕒𝕠 𝕓𝕒𝕠 𝕙𝕦 𝕙𝕦𝕒𝕟 𝕛𝕚𝕟𝕘", "我们要保护环境"),
    # upside down: turned letters, read from right to left
    ("nɟ ƃuǝɥz uɐɟ ᴉnʇ", "推翻政府"),
]


@pytest.mark.parametrize(("text", "characters"), WRITTEN_OTHERWISE)
def test_other_letter_forms_reach_the_decoder(text: str, characters: str) -> None:
    [(name, view)] = decoded.views(text)
    assert name == decoded.PINYIN_NAME
    assert characters in "".join(view.split())


def test_morse_that_spells_no_pinyin_makes_no_view() -> None:
    assert decoded.views("请看第3-5页……") == []
    assert decoded.views("信号：... --- ... / ... --- ...") == []  # SOS SOS: no syllables


# -- short lines read as one ------------------------------------------------------------------

SHORT_LINES = [
    # two characters a line, and a danmaku log of one or two characters a user
    ("明天\n全城\n停水\n快去\n抢水\n", "明天全城停水快去抢水"),
    ("弹幕：\n网友1：明\n网友2：天\n网友3：全城停水\n网友4：快去抢水\n", "明天全城停水快去抢水"),
]


@pytest.mark.parametrize(("text", "characters"), SHORT_LINES)
def test_short_lines_are_read_as_one(text: str, characters: str) -> None:
    views = dict(decoded.views(text))
    assert characters in "".join(views[decoded.LINES_NAME].split())


def test_a_list_of_long_lines_is_not_joined() -> None:
    text = "议程：\n主持人：王芳同志\n发言人：李明同志\n记录人：张伟同志\n"
    assert decoded.views(text) == []


DECODED_POSTS = [
    ("明天\n全城\n停水\n快去\n抢水\n", "A9-06", BLOCKED),
    ("弹幕：\n网友1：明\n网友2：天\n网友3：全城停水\n网友4：快去抢水\n", "A9-06", BLOCKED),
    (
        "练习：- ..- .. / ..-. .- -. / --.. .... . -. --. / ..-. ..-",
        "A9-01",
        BLOCKED,
    ),
    # legitimate texts of the same shapes
    ("今天\n天气\n晴朗\n适合\n出游\n", "A9-06", NONE),
    ("弹幕：\n网友1：好\n网友2：看\n网友3：主持人真棒\n网友4：明年还来\n", "A9-06", NONE),
    ("𝕨𝕠 𝕞𝕖𝕟 𝕪𝕒𝕠 𝕓𝕒𝕠 𝕙𝕦 𝕙𝕦𝕒𝕟 𝕛𝕚𝕟𝕘", "A9-06", NONE),
]


@pytest.mark.parametrize(("text", "rule", "expected"), DECODED_POSTS)
def test_what_only_a_decoded_view_shows_is_an_error(
    checker: RuleChecker, text: str, rule: str, expected: set[str]
) -> None:
    judged(checker, text, rule, expected)
    if expected == NONE:
        assert not [d for d in checker.check_text(text) if d.rule.startswith(("A", "S"))]


# -- GBK bytes in hexadecimal -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "characters"),
    [
        ("资料（自己转码）：CD A3 CB AE CD A8 D6 AA", "停水通知"),
        ("\\xCD\\xA3\\xCB\\xAE\\xCD\\xA8\\xD6\\xAA", "停水通知"),
        ("%CD%A3%CB%AE%CD%A8%D6%AA", "停水通知"),
    ],
)
def test_gbk_bytes_are_read_as_characters(text: str, characters: str) -> None:
    views = dict(decoded.views(text))
    assert characters in "".join(views[decoded.BYTES_NAME].split())


@pytest.mark.parametrize(
    "text",
    [
        "校验值 sha256: e3b0c44298fc1c149afbf4c8996fb924",  # a hash: most bytes below 0x80
        "主色 #C4DAB2，辅色 #FFFFFF",  # a colour: three bytes
        "设备 MAC 地址 AA BB CC DD EE FF",  # bytes that are no Chinese in GB 18030
        "编号 E58FB0E6B9BE",  # UTF-8: the main view reads it
    ],
)
def test_other_hexadecimal_is_not_read_as_gbk(text: str) -> None:
    assert decoded.views(text) == []


def test_gbk_bytes_of_a_secret_document_are_blocked(checker: RuleChecker) -> None:
    # 内部文件不得外传 (internal document, not to be passed on) in GBK
    text = (
        "发你一份东西，GBK 十六进制：C4 DA B2 BF CE C4 BC FE B2 BB B5 C3 CD E2 B4 AB，明年的名单。"
    )
    judged_named(checker, text, "A9-11", BLOCKED, decoded.BYTES_NAME)
    assert not [d for d in checker.check_text(text.split("：")[0]) if d.rule == "A9-11"]


# -- bopomofo reaches the same decoder --------------------------------------------------------


def test_bopomofo_is_read_as_words_by_the_decoder() -> None:
    from pipeline.rules import notation

    original = "ㄓㄥˋ ㄈㄨˇ ㄗㄞˋ ㄆㄧㄢˋ ㄖㄣˊ"
    masked = notation.decode(original)  # one character per syllable: 政府在片人
    assert "片人" in "".join(masked.split())
    [(name, view)] = decoded.views(masked, original)
    assert name == decoded.PINYIN_NAME
    assert "".join(view.split()) == "政府在骗人"


def test_a_bopomofo_lesson_stays_quiet(checker: RuleChecker) -> None:
    text = "注音练习：ㄋㄧˇ ㄏㄠˇ，ㄒㄧㄝˋ ㄒㄧㄝˋ ㄋㄧˇ，ㄗㄞˋ ㄐㄧㄢˋ。"
    assert not [d for d in checker.check_text(text) if d.rule.startswith(("A", "S"))]


# -- the decoder's index in the private cache -------------------------------------------------


def test_an_edited_index_is_not_read(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from pipeline.rules import cache

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    pinyin_reader.syllable_index.cache_clear()
    try:
        pinyin_reader.syllable_index()
        (path,) = (tmp_path / "xdg" / "govmedia").glob("pinyin-index-*.json")
        assert cache.read_sealed_json(path.name) is not None
        text = path.read_text(encoding="utf-8")
        # a planted reading: 政府 read as 蒸腐, the seal left as it was
        planted = text.replace('["政府",', '["蒸腐",')
        assert planted != text
        path.write_text(planted, encoding="utf-8")
        assert cache.read_sealed_json(path.name) is None  # so the index is built again
    finally:
        pinyin_reader.syllable_index.cache_clear()
