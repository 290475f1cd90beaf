"""Issue 12, round 69 (``docs/dev/rules-figures.md``, "Round 69"): set 57's plain misses read
as classes, and two legitimate wordings mended. Every text is written for this test, none
taken from a held-out set.

- a people driven off the land or refused it in the 把 form, each one met dealt with
  (``a09-04-ethnic-family.yml``);
- a doxxed person with a call that anyone may kill or beat them (``a09-08-doxxing.yml``);
- a place called a cesspit or a stinking pit with the visitor sure to be sorry or fleeced
  (``a09-11-region.yml``);
- a killing taught so that it leaves no trace or passes for an accident
  (``killing-hidden``, ``a09-wordings-combinations.yml``);
- European-language words the concept table lacked (``languages.yml``): a Turkish bet and
  deposit, Czech and other names of Tibetans and Muslims and a landlord's refusal in the
  first person, Esperanto's Chinese flag used as a rag, Dutch "the government is silent"
  and "has broken", Russian feminine names of contempt;
- a Japanese sentence's kanji read with its kana by the concept table
  (:func:`pipeline.rules.languages.foreign_view`; ``languages.yml``'s Japanese words in
  kanji, ``共産党``, ``廃止``, ``独立``, no longer dropped);
- a follow draw's result announced (``a16-follower-marketing.yml``'s ``unless``) and a
  citizen's question whether an unregistered body may act (:mod:`pipeline.rules.asked`, the
  ``unless`` of ``unregistered-group-owned``): not blocked.

Each text of ``_CLASSES`` and ``_MENDED`` fails on the tree before the round (not blocked,
blocked); the near-legitimate texts and the mended texts' violating neighbours are guards
that held there and must still hold.
"""

from __future__ import annotations

import pytest

from pipeline.rules import RuleChecker
from tests.test_rules_round12_evasion import checker
from tests.test_rules_round46 import _errors

__all__ = ["checker"]  # the module-scoped fixture, shared with round 12's tests

# Plain wordings as classes: (text, the rule it breaks).
_CLASSES = [
    ("哈尼族抢了咱们的地，把他们撵出寨子，这笔仇得记着。\n", "A9-04"),
    ("拉祜族来了就抢我们的林地，号召大家把他们都撵出林场，这是咱们的地。\n", "A9-04"),
    ("傣族人又来问租地的事，别把地租给他们，谁租谁就是叛徒。\n", "A9-04"),
    ("这笔账记到彝族头上，以后在街上见一个收拾一个。\n", "A9-04"),
    (
        "扒出来了：东关菜场卖肉的赵某，身份证号370102199001011234，家住柳巷9号，"
        "这种黑心人人人得而诛之！\n",
        "A9-08",
    ),
    ("她家地址是新华路5号3楼，这种人见到她就打，大家记住这张脸。\n", "A9-08"),
    ("想整死那个合伙人又不想坐牢？在他的茶里加点东西，神不知鬼不觉。\n", "A9-07"),
    ("想弄死那个工头？往他的降压药里掺点东西，出了事就说是意外。\n", "A9-07"),
    ("要是想害死谁，在他酒里加点东西，神不知鬼不觉。\n", "A9-07"),
    ("问我们县好不好玩？县城就是个臭水沟，来了包你后悔。\n", "A9-11"),
    ("问我们镇值不值得去？镇上那条河就是个粪坑，劝你别来。\n", "A9-11"),
]
# Near-legitimate texts: history, idiom, classics, village rules, a novel, a safety notice,
# a forensic warning, a teacher's strictness, a police notice against doxxing.
_CLASSES_LEGITIMATE = [
    "清朝时满族统治者曾把汉族流民都撵出柳条边，史称封禁政策。\n",
    "傈僳族村民小组决定：别把地租给外地老板搞违建，这是村规民约。\n",
    "班主任对迟到的学生是见一个收拾一个，一点不留情面。\n",
    "古人说乱臣贼子人人得而诛之，这是《孟子》里的思想，语文课要背。\n",
    "派出所提醒：网传某男子身份证号和住址的帖子是谣言，请勿转发，侵犯隐私要担责。\n",
    "这部推理小说里，凶手如何不留痕迹地杀死受害人，是全书最大的悬念。\n",
    "法医提醒：所谓“不留痕迹”的投毒，现代检测都能查出来，切勿心存侥幸。\n",
    "秋收前请检查刹车，刹车油不足容易出意外，别让一次疏忽害死一个人。\n",
    "他的房间就是个垃圾堆，妈妈说再不收拾就别来吃饭。\n",
    "这片洼地二十年前就是个垃圾坑，如今建成了湿地公园，来了保证你不后悔。\n",
    "村东头那片地以前就是个臭水坑，经过治理，现在成了荷花塘。\n",
]


@pytest.mark.parametrize(("text", "rule"), _CLASSES)
def test_plain_classes(checker: RuleChecker, text: str, rule: str) -> None:
    assert _errors(checker, text, rule), text


@pytest.mark.parametrize("text", _CLASSES_LEGITIMATE)
def test_plain_classes_legitimate(checker: RuleChecker, text: str) -> None:
    assert not _errors(checker, text, "A"), text


# Legitimate wordings blocked before the round: a draw's result announced, a citizen's
# question about an unregistered body.
_MENDED = [
    "关注有奖活动开奖公告：经公证员现场监督，抽出20名幸运读者，每人获赠本地小米一袋。\n",
    "中奖结果公告：上月转发抽奖活动已结束，30名网友的纪念品将于下周寄出。\n",
    "请问：小区的“钓鱼协会”没登记，能收会费吗？\n",
    "咱们小区的“象棋协会”没登记，可以收会费吗？\n",
]
# Questions of the same kind that were not blocked before the round stay unblocked (guards).
_ASKED_CLEAN = [
    "老年合唱团没备案，可以每月收活动费吗？\n",
    "听说村里的“乡贤会”没注册，收的钱合法吗？\n",
]
# Their violating neighbours stay blocked: a draw still open, the body's own defiance.
_STILL_BLOCKED = [
    ("开奖公告下周发布！现在关注本号并转发，抽50名网友送大米。\n", "A16-01"),
    ("我们钓鱼协会没登记又怎样？照样收会费，谁管得着？\n", "A9-10"),
    ("本会没登记，照样收会费，每人每年300元，不交的踢出群。\n", "A9-10"),
]


@pytest.mark.parametrize("text", _MENDED + _ASKED_CLEAN)
def test_mended_not_blocked(checker: RuleChecker, text: str) -> None:
    assert not _errors(checker, text, "A"), text


@pytest.mark.parametrize(("text", "rule"), _STILL_BLOCKED)
def test_mended_neighbours_blocked(checker: RuleChecker, text: str, rule: str) -> None:
    assert _errors(checker, text, rule), text


# Words of European languages in a Chinese post: (text, the rule it breaks).
_LANGUAGES = [
    ("Podnájem v centru: nepronajímáme muslimům, jsou špinaví. 请私信。\n", "A9-04"),
    (
        "紧急！De dijk bij de haven is gebroken en de gemeente zwijgt. Deel dit met iedereen!\n",
        "A9-06",
    ),
    ("Bu akşam gizli salonda bakara var, 300 yatır 100 bonus al. 地址私聊。\n", "A9-07"),
    ("Ili uzis la ĉinan flagon kiel viŝtukon en la kuirejo. 真是太过分了。\n", "A9-03"),
    ("Продавщица с рынка — лгунья и воровка, её зовут Ван Лина. 大家认准她。\n", "A9-08"),
]
# Language lessons, travel, news and literature with the same words (guards).
_LANGUAGES_LEGITIMATE = [
    "世界语课：La tablotuko estas ruĝa kiel la flago de nia klubo. 这句是说桌布像旗子一样红。\n",
    "捷克语租房广告：Pronajímáme byt všem, i muslimům a Tibeťanům, jsou vítáni. 欢迎咨询。\n",
    "荷兰游记：In 1953 is de dijk gebroken, het museum vertelt het verhaal. Deel je foto's met ons!\n",
    "土耳其语课：Futbol bahsi yasa dışıdır, yatırım yapmayın. 足球博彩违法。\n",
    "俄语新闻：Полиция задержала мошенницу, которая обманула пенсионерку. 警方抓获一名嫌疑人。\n",
    "俄语文学课：Роман «Воровка книг» рассказывает о девочке в годы войны。\n",
]


@pytest.mark.parametrize(("text", "rule"), _LANGUAGES)
def test_languages_read(checker: RuleChecker, text: str, rule: str) -> None:
    assert _errors(checker, text, rule), text


@pytest.mark.parametrize("text", _LANGUAGES_LEGITIMATE)
def test_languages_legitimate(checker: RuleChecker, text: str) -> None:
    assert not _errors(checker, text, "A"), text


# Japanese sentences in a Chinese post, the concepts written in kanji: (text, rule).
_JAPANESE = [
    ("友人に言いたい：共産党の指導なんて要らない、今すぐ廃止しろ。\n", "A9-01"),
    ("東トルキスタンの独立を目指して、みんなで立ち上がろう。\n", "A9-02"),
]
# Japanese news, greetings, lessons and history with the same kanji (guards).
_JAPANESE_LEGITIMATE = [
    "日语新闻翻译：日本政府は消費税の廃止を検討していないと発表した。\n",
    "香港の自由な雰囲気を楽しんでください。日语课：这句话是说请享受香港的氛围。\n",
    "台湾からのお客様、ようこそ！台湾游客欢迎来玩。\n",
    "日语课：私たちは台湾独立に断固反対します。这句是“我们坚决反对台独”。\n",
    "日本の歴史教科書：共産党が政権を取った後、土地改革が行われた。\n",
    "香港の自由行攻略：三天两夜怎么玩？\n",
]


@pytest.mark.parametrize(("text", "rule"), _JAPANESE)
def test_japanese_kanji_read(checker: RuleChecker, text: str, rule: str) -> None:
    assert _errors(checker, text, rule), text


@pytest.mark.parametrize("text", _JAPANESE_LEGITIMATE)
def test_japanese_legitimate(checker: RuleChecker, text: str) -> None:
    assert not _errors(checker, text, "A"), text
