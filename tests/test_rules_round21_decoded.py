"""Issue 12, round 21: decoded views of words in links, of ROT13 and of pinyin written as words.

Every text here is written for these tests. Each device has violations that only its view
reads and legitimate texts of the same shape (a real encyclopaedia link, a Chinese domain
name, English sentences, pinyin names), which must stay quiet."""

from __future__ import annotations

import pytest

from pipeline.rules import RuleChecker, decoded, link_words, pinyin_reader, shifted
from tests.test_rules_round12_evasion import BLOCKED, NONE, checker, judged, judged_named

__all__ = ["checker"]  # the module-scoped fixture, shared with round 12's tests


def _shown(text: str, read: str) -> str:
    """The characters a view put into ``text``, without the padding."""
    return "".join(b for a, b in zip(text, read, strict=True) if a != b).replace(" ", "")


def _content(checker: RuleChecker, text: str) -> list[tuple[str, str]]:
    return [(d.rule, d.severity) for d in checker.check_text(text) if d.rule[:1] in "AS"]


# -- words in links ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "characters"),
    [
        ("https://s.example.org/s?wd=%E5%85%A8%E5%B8%82%E5%81%9C%E6%B0%B4", "全市停水"),
        ("[搜索](https://s.example.org/?q=%e5%81%9c%e6%b0%b4)", "停水"),  # lower-case hex
        ("http://xn--fiqs8s.example/", "中国"),  # a punycode label
        ("XN--FIQS8S", "中国"),
    ],
)
def test_words_in_links_are_read_as_characters(text: str, characters: str) -> None:
    read = link_words.read(text)
    assert len(read) == len(text)
    assert _shown(text, read) == characters


def test_each_character_stands_where_its_bytes_begin() -> None:
    text = "见 https://e.example/?a=%E5%81%9C%E6%B0%B4&b=1"
    read = link_words.read(text)
    start = text.index("%E5")
    assert read[start] == "停" and read[start + 9] == "水"
    assert read[start + 1 : start + 9].strip() == ""
    assert read[: text.index("?a=") + 3] == text[: text.index("?a=") + 3]
    assert read.endswith("&b=1")


@pytest.mark.parametrize(
    "text",
    [
        "https://e.example/search?q=hello%20world%21&lang=en",  # ASCII escapes
        "https://e.example/%E5%81",  # a byte short of a character
        "https://e.example/a%C3%A9b%C3%A9c",  # UTF-8 of accented letters, not Chinese
        "https://e.example/%E5%81%9C",  # one character only
        "xn--bcher-kva.example",  # a German domain (bücher)
        "xn--!!",  # not punycode
        "axn--fiqs8s",  # part of a longer word
    ],
)
def test_other_links_are_not_read(text: str) -> None:
    assert link_words.read(text) == text


CASES_IN_LINKS = [
    (
        "搜这个就懂了：https://s.example.org/s?wd=%E6%8E%A8%E7%BF%BB%E5%85%B1%E4%BA%A7%E5%85%9A",
        "A9-01",
        BLOCKED,
    ),
    (
        "同修们看这里 [链接](https://f.example.net/read?t=%E6%B3%95%E8%BD%AE%E5%A4%A7%E6%B3%95)",
        "A9-05",
        BLOCKED,
    ),
    ("今晚的新网址：http://xn--psssh536cba7935b.org，收藏好。", "A9-05", BLOCKED),
    # Chinese written as it is inside a link target, which the main view masks
    ("[今日要闻](https://n.example.com/a?t=明天全城停水赶紧去抢水) 转给亲戚。", "A9-06", BLOCKED),
]


@pytest.mark.parametrize(("text", "rule", "expected"), CASES_IN_LINKS)
def test_what_only_the_link_view_shows_is_an_error(
    checker: RuleChecker, text: str, rule: str, expected: set[str]
) -> None:
    judged(checker, text, rule, expected)


def test_the_error_names_the_link_reading(checker: RuleChecker) -> None:
    judged_named(checker, CASES_IN_LINKS[2][0], "A9-05", BLOCKED, decoded.LINK_NAME)


@pytest.mark.parametrize(
    "text",
    [
        # a real encyclopaedia link (牙克石市) and a real Chinese domain name (.中国)
        "牙克石市的介绍见 https://zh.wikipedia.org/wiki/%E7%89%99%E5%85%8B%E7%9F%B3%E5%B8%82 。",
        "本局网站也可用中文域名访问：http://xn--gmq65d9xrwrao9xktkr5k2il.xn--fiqs8s/",
        "地图：[停水范围](https://map.example.cn/?q=%E5%85%B4%E5%AE%89%E8%B7%AF%E7%A4%BE%E5%8C%BA)",
        "```\ncurl 'https://api.example.cn/v1/search?q=%E5%9B%BE%E4%B9%A6%E9%A6%86'\n```",
        "[办事指南](https://zwfw.example.cn/guide?name=不动产登记) 可在线预约。",
        "```python\n# 读取本周的活动报名名单\nnames = load('报名表.csv')\n```",
    ],
)
def test_legitimate_links_stay_quiet(checker: RuleChecker, text: str) -> None:
    assert _content(checker, text) == []


# -- shifted letters (ROT13 and other Caesar shifts) ------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "口号：ghv sna mur tr murat sh！",  # tui fan zhe ge zheng fu in ROT13
        "口号：uvj gbo aif hf aifoh gv！",  # the same, each letter one place on
    ],
)
def test_shifted_pinyin_is_moved_back_and_read(text: str) -> None:
    read = shifted.read(text)
    assert len(read) == len(text)
    assert _shown(text, read) == "推翻这个政府"
    assert read[:3] == "口号：" and read[-1] == "！"


@pytest.mark.parametrize(
    "text",
    [
        "Please keep the library quiet during the exam week, and return books on time.",
        "Gur ybat ebnq gb Lnxrfuv vf bcra ntnva gbqnl.",  # English in ROT13: no pinyin
        "hulunbei'er shi renmin zhengfu",  # pinyin itself: the pinyin view's, not this one's
        "Yakeshi Shi Renmin Yiyuan",
        "item by item",  # a run shifted into pinyin, but shorter than six syllables
        "Read item by item, then each with its hits on legitimate texts.",  # part of a run
    ],
)
def test_shifted_reads_no_other_text(text: str) -> None:
    lowered = text.lower()
    assert shifted.read(lowered) == lowered


@pytest.mark.parametrize(
    "text",
    [
        "今天转发这句：ghv sna mur tr murat sh",
        "今天转发这句（往后挪一位）：uvj gbo aif hf aifoh gv",
    ],
)
def test_a_shifted_slogan_is_blocked(checker: RuleChecker, text: str) -> None:
    judged_named(checker, text, "A9-01", BLOCKED, decoded.SHIFTED_NAME)


@pytest.mark.parametrize(
    "text",
    [
        "Welcome to Yakeshi: the forest museum opens at nine and closes at five.",
        "The puzzle of the week is a ROT13 riddle: Jung unf gjb unaqf naq n snpr?",
    ],
)
def test_english_stays_quiet_under_shifted(checker: RuleChecker, text: str) -> None:
    assert _content(checker, text) == []


# -- toneless pinyin written as words ---------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "characters"),
    [
        # a word across the writer's space (齐全 over qi quanshi) or characters read alone
        # inside a written word (全 + 不 for quanbu) go against how the words were written
        ("mingtian qi quanshi tingshui", "明天其全市停水"),
        ("dajia mingtian qi quanbu tingke", "大家明天其全部听课"),
        ("jintian wanshang quanbu tingdian", "今天晚上全部停电"),
        ("huanying lai hulunbeier lvyou", "欢迎来呼伦贝尔旅游"),  # er ends a word, no apostrophe
    ],
)
def test_words_as_written_guide_the_reading(text: str, characters: str) -> None:
    assert _shown(text, pinyin_reader.read(text)) == characters


@pytest.mark.parametrize(
    ("text", "characters"),
    [
        ("míng.tiān.quán.chéng.tíng.shuǐ", "明天全城停水"),  # a dot between syllables
        ("míng·tiān quán·chéng tíng·shuǐ", "明天全城停水"),  # a middle dot between them
    ],
)
def test_syllables_apart_by_dots_are_read(text: str, characters: str) -> None:
    assert _shown(text, pinyin_reader.read(text)) == characters


@pytest.mark.parametrize(
    "text", ["See e.g. yakeshi.gov.cn for details.", "dà.jiā.hǎo", "v1.2.3 of the app"]
)
def test_dotted_names_and_short_runs_are_not_read(text: str) -> None:
    assert pinyin_reader.read(text) == text


def test_a_dotted_rumour_is_blocked(checker: RuleChecker) -> None:
    text = "míng.tiān.quán.chéng.tíng.shuǐ，kuài.qù.qiǎng.shuǐ，别外传。"
    judged(checker, text, "A9-06", BLOCKED)


def test_syllables_written_apart_are_read_as_before() -> None:
    # one syllable a word says nothing of the words: the dictionary alone decides
    assert (
        _shown("wo men yao bao hu huan jing", pinyin_reader.read("wo men yao bao hu huan jing"))
        == "我们要保护环境"
    )


def test_a_rumour_in_circled_pinyin_words_is_blocked(checker: RuleChecker) -> None:
    # mingtian qi quanshi tingshui, kuai qu qiang shui: circled letters, pinyin as words
    text = "ⓜⓘⓝⓖⓣⓘⓐⓝ ⓠⓘ ⓠⓤⓐⓝⓢⓗⓘ ⓣⓘⓝⓖⓢⓗⓤⓘ, ⓚⓤⓐⓘ ⓠⓤ ⓠⓘⓐⓝⓖ ⓢⓗⓤⓘ，转给邻居。"
    judged(checker, text, "A9-06", BLOCKED)


@pytest.mark.parametrize(
    "text",
    [
        "ⓨⓐⓚⓔⓢⓗⓘ ⓢⓗⓘ ⓡⓔⓝⓜⓘⓝ ⓨⓘⓨⓤⓐⓝ 欢迎您",  # a hospital's name in circled letters
        "huanying dajia zhoumo lai senlin gongyuan canguan",  # an invitation
    ],
)
def test_pinyin_names_and_notices_stay_quiet(checker: RuleChecker, text: str) -> None:
    assert [f for f in _content(checker, text) if f[1] == "error"] == []


def test_no_view_for_a_plain_post(checker: RuleChecker) -> None:
    text = "本周六上午九点，市图书馆举办亲子阅读活动，欢迎报名。"
    assert decoded.views(text, text) == []
    judged(checker, text, "A9-06", NONE)
