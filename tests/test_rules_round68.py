"""Issue 12, round 68 (``docs/dev/rules-figures.md``, "Round 68"): readings of devices, each
proven on the training sets and the corpus. Every text is written for this test, none taken
from a held-out set.

- Sino-Korean words in Hangul read as their Chinese in a Chinese post
  (:mod:`pipeline.rules.hangul`), ordinary Korean left as written;
- Palladius Cyrillic in a Chinese post read in one-syllable words, and written as pinyin
  letters for the matcher's pinyin spellings (:mod:`pipeline.rules.palladius`), Russian
  left as written;
- double-pinyin codes with no layout named, read only when a run types nothing but the
  lexicons' terms (:func:`pipeline.rules.double_pinyin.terms_view`);
- a drug offered with a price for the quantity or a password (``a09-13-prohibited-goods.yml``);
- plain wordings as classes: a people's shops smashed, a people called barbarians, a person
  called a deviant with the lodging, an unregistered body's fee (rule files), and the law on
  unregistered bodies told (``unregistered-organisation``'s ``unless``).

Each reader's blocked texts are not blocked with the reader taken out; the rule-file
wordings were checked on the tree before the round (blocked texts not blocked there, the
law told blocked there).
"""

from __future__ import annotations

import pytest

from pipeline.rules import RuleChecker, double_pinyin, hangul, palladius
from tests.test_rules_round12_evasion import checker
from tests.test_rules_round46 import _errors

__all__ = ["checker"]  # the module-scoped fixture, shared with round 12's tests

# Sino-Korean words in a Chinese post: (text, the rule it breaks).
_KOREAN = [
    ("柯湖人就要 분열 조국，谁也拦不住！\n", "A9-02"),
    ("今晚 집회，明早 시위，市政府门口集合，都来！\n", "A9-09"),
    ("법륜 대법 좋아，快 삼퇴 保命，转给亲戚。\n", "A9-05"),
    ("那些 회족 은 다 도둑이다，别让他们进咱们村。\n", "A9-04"),
]
# Korean a Chinese post may hold: a museum, a neighbour, a lesson, an idiom, a court.
_KOREAN_LEGITIMATE = [
    "韩国游客请注意：天安 독립기념관 参观免费，周一闭馆。\n",
    "我们小区的 조선족 阿姨做的冷面特别好吃，大家去尝尝。\n",
    "韩语课：시위 是示威的意思，집회 是集会，考试会考。\n",
    "장족의 발전을 이루었습니다，这句话是说进步很大。\n",
    "韩剧台词：대법원 판결에 따라 회사는 배상해야 합니다，这句怎么翻译？\n",
    "欢迎来首尔！오늘 광화문 광장에서 국가 기념 행사가 있어요，中国游客也可以参加。\n",
]


@pytest.mark.parametrize(("text", "rule"), _KOREAN)
def test_sino_korean_read(checker: RuleChecker, text: str, rule: str) -> None:
    assert _errors(checker, text, rule), text


@pytest.mark.parametrize(("text", "rule"), _KOREAN)
def test_sino_korean_missed_unread(
    checker: RuleChecker, monkeypatch: pytest.MonkeyPatch, text: str, rule: str
) -> None:
    monkeypatch.setattr(hangul, "read", lambda text: text)
    assert not _errors(checker, text, rule), text


@pytest.mark.parametrize("text", _KOREAN_LEGITIMATE)
def test_ordinary_korean_clean(checker: RuleChecker, text: str) -> None:
    assert not _errors(checker, text, ""), text


def test_hangul_view() -> None:
    assert hangul.read("柯湖的 회족은 好人") == "柯湖的 回族은 好人"
    assert hangul.read("법륜대법 好，大家好") == "法轮大法 好，大家好"
    # not heading a compound, not in a Korean text, not inside a word
    assert hangul.read("大法官 대법원 판결，大家好") == "大法官 대법원 판결，大家好"
    assert hangul.read("독립 만세") == "독립 만세"
    assert hangul.read("我们 한국독립 好好好") == "我们 한국독립 好好好"


# Palladius spellings in a Chinese post: (text, the rule it breaks).
_PALLADIUS = [
    ("周末在老地方练 фа лунь гун，带上新的资料。\n", "A9-05"),
    ("有 да ма 和 бин ду 出售，私聊。\n", "A9-07"),
]
_RUSSIAN = [
    "我的俄语老师说 да да 就是对对，по русски 是俄语的意思。\n",
    "俄罗斯游客说 чай 很好喝，我们的茶叶卖得不错。\n",
    "中文名字俄文怎么写：张伟 Чжан Вэй，李娜 Ли На，王芳 Ван Фан。\n",
    "欢迎俄罗斯朋友！Добро пожаловать в Китай，柯湖盐湖景区。\n",
]


@pytest.mark.parametrize(("text", "rule"), _PALLADIUS)
def test_palladius_read(checker: RuleChecker, text: str, rule: str) -> None:
    assert _errors(checker, text, rule), text


@pytest.mark.parametrize(("text", "rule"), _PALLADIUS)
def test_palladius_missed_unread(
    checker: RuleChecker, monkeypatch: pytest.MonkeyPatch, text: str, rule: str
) -> None:
    monkeypatch.setattr(palladius, "_latin", lambda masked, spelled: masked)
    monkeypatch.setattr(palladius, "_chinese_run", lambda run, read: False)
    assert not _errors(checker, text, rule), text


@pytest.mark.parametrize("text", _RUSSIAN)
def test_russian_clean(checker: RuleChecker, text: str) -> None:
    assert not _errors(checker, text, ""), text


def test_palladius_gate() -> None:
    assert palladius.syllables("柯湖有 бин ду 出售") != []
    assert palladius.syllables("бин ду") == []  # no Chinese post
    assert palladius.syllables("我的老师说 да да 就是对") == []  # Russian words alone
    assert palladius.views("有 бин ду 出售呢呢")[-1] == (palladius.LATIN_NAME, "有 bingdu 出售呢呢")


# Double-pinyin codes with no layout named: (text, the rule it breaks).
_CODES = [
    ("周末加群 fa lp da fa，名额有限。\n", "A9-05"),
    ("qd vi iu ub，货到付款，私聊。\n", "A9-07"),
    ("学生党看过来，dl kk bk go，期末不挂科，私聊。\n", "A9-13"),
]
_CODES_LEGITIMATE = [
    "缩写对照：zf gz bg 是政府工作报告，ok go la 是口头禅。\n",
    "to be or not to be, it is up to me.\n",
    "快捷键 ct rl sh 一起按，文件就保存了。\n",
]


@pytest.mark.parametrize(("text", "rule"), _CODES)
def test_codes_read(checker: RuleChecker, text: str, rule: str) -> None:
    assert _errors(checker, text, rule), text


@pytest.mark.parametrize(("text", "rule"), _CODES)
def test_codes_missed_unread(
    checker: RuleChecker, monkeypatch: pytest.MonkeyPatch, text: str, rule: str
) -> None:
    monkeypatch.setattr(double_pinyin, "terms_view", lambda text: text)
    assert not _errors(checker, text, rule), text


@pytest.mark.parametrize("text", _CODES_LEGITIMATE)
def test_codes_clean(checker: RuleChecker, text: str) -> None:
    assert not _errors(checker, text, ""), text


def test_codes_view() -> None:
    assert double_pinyin.terms_view("买 dl kl fa pc 啊") == "买 代  开  发  票  啊"
    assert double_pinyin.terms_view("dl kl") == "dl kl"  # two codes: too few
    assert double_pinyin.terms_view("dl kl fa pc xx") == "dl kl fa pc xx"  # not wholly terms


# A drug offered with a price for the quantity or a password; the anti-drug warning is not.
@pytest.mark.parametrize(
    "text", ["老街有冰毒，量大优惠，来之前打电话。\n", "店里有大麻，暗号“面粉”，现金交易。\n"]
)
def test_drug_offer_terms(checker: RuleChecker, text: str) -> None:
    assert _errors(checker, text, "A9-13"), text


def test_drug_warning_clean(checker: RuleChecker) -> None:
    assert not _errors(checker, "禁毒提醒：毒贩常说冰毒“量大优惠”，发现请举报。\n", "A9-13")


# Plain wordings as classes (rule files; each blocked text was not blocked before the round):
# a people's shops smashed and the people driven off, a people called barbarians and its
# children kept out of school, a person called a deviant with the lodging, an unregistered
# body's own notice of a fee.
_CLASSES = [
    ("壮族人开的店全给我砸了，把他们全撵走！\n", "A9-04"),
    ("苗民一群野蛮人，不让他们的孩子进咱们镇的中学。\n", "A9-04"),
    ("三中的李老师是个变态，大家离他远点，他就住在学校后面的平房。\n", "A9-08"),
    ("“河湾护林联盟”公告：本组织未经民政部门登记，即日起向进山游客自行收取护林费。\n", "A9-10"),
]
_CLASSES_LEGITIMATE = [
    "这家回族面馆装修，老板把旧灶台都砸了重新砌。\n",
    "藏民家访活动顺利开展，孩子们都进了学校。\n",
    "警方通报：抓获一名色狼嫌疑人，他住城东，已被依法拘留。\n",
    "提醒：有团体自称未经民政部门登记也能自行收取会费，这是非法社会组织，请举报。\n",
    # the law told (an unregistered body may not act in its name)
    "问：几个人凑钱办个“钓友联盟”，刻了章就能收会费吗？答：依照《社会团体登记管理条例》，"
    "社会团体须经登记，未登记的“联盟”不能以社团名义活动。\n",
]


@pytest.mark.parametrize(("text", "rule"), _CLASSES)
def test_plain_classes(checker: RuleChecker, text: str, rule: str) -> None:
    assert _errors(checker, text, rule), text


@pytest.mark.parametrize("text", _CLASSES_LEGITIMATE)
def test_plain_classes_legitimate(checker: RuleChecker, text: str) -> None:
    assert not _errors(checker, text, ""), text
