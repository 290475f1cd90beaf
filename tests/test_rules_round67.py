"""Issue 12, round 67 (``docs/dev/rules-figures.md``, "Round 67"): general readings, each
proven on the training sets and the corpus. Every text is written for this test, none taken
from a held-out set.

- Legitimate posts no longer blocked: good news of the place or safety advice on wild
  mushrooms passed on (:mod:`pipeline.rules.passed_on`), a card's sleeve or tray sold (a
  combination's ``allow`` compounds, ``卡套`` across ``银行卡``'s edge);
- devices read: UTF-8 octal escapes inside code (:func:`pipeline.rules.code_units.read_masked`),
  flags drawn or written as their codes (:mod:`pipeline.rules.flags`), characters of similar
  shape (:mod:`pipeline.rules.shapes`), a password told by its rule (``a17-credentials.yml``,
  ``a17-credential-spoken.yml``), a people's one-character slur (``苗子``, ``黎子``:
  ``a09-04-ethnic-family.yml``).

Each reader's blocked texts are not blocked with the reader taken out (the rule-file words
were checked on the tree before the round).
"""

from __future__ import annotations

import pytest

from pipeline.rules import RuleChecker, anchored, code_units, flags, shapes
from pipeline.rules.rule_kinds import combination
from tests.test_rules_round12_evasion import checker
from tests.test_rules_round46 import _errors

__all__ = ["checker"]  # the module-scoped fixture, shared with round 12's tests


def _octal(text: str) -> str:
    return "".join(f"\\{b:03o}" for b in text.encode())


# Passed on and no rumour: blocked before the round (the model flags them as rumours and
# the call to pass it on raised the error), warnings at most now.
_PASSED_ON = [
    "咱们县的杨梅红透了，又大又甜，快转给家人，周末来采摘。\n",
    "本村的荔枝熟了，皮薄多汁，快转发给朋友。\n",
    "镇上的野生菌有毒，吃了会死人，千万别采，快转给爸妈。\n",
]
# Near them, rumours that still are: the produce said to be poisoned, praise or not.
_RUMOURS = [
    "咱们县的杨梅又大又甜，其实都打了膨大剂，吃了会得癌，快转给家人。\n",
    "内部消息：本县超市的大米有毒，吃了会死人，快转给家人。\n",
]


@pytest.mark.parametrize("text", _PASSED_ON)
def test_passed_on_not_blocked(checker: RuleChecker, text: str) -> None:
    assert not _errors(checker, text, ""), text


@pytest.mark.parametrize("text", _PASSED_ON)
def test_passed_on_was_blocked(
    checker: RuleChecker, monkeypatch: pytest.MonkeyPatch, text: str
) -> None:
    monkeypatch.setattr(anchored, "harmless", lambda *args: False)
    assert _errors(checker, text, "A9-06"), text


@pytest.mark.parametrize("text", _RUMOURS)
def test_rumours_still_blocked(checker: RuleChecker, text: str) -> None:
    assert _errors(checker, text, "A9-06"), text


# A card's accessories are not the card; the cards themselves still are.
_SLEEVES = ["出售二手手机卡托、银行卡套，九成新。\n", "出售银行卡夹和手机卡贴，批发。\n"]
_CARDS = [
    "出售银行卡、手机卡，一套八百，送卡套。\n",
    "长期高价收购银行卡，私聊。\n",
    "出售银行卡包邮到家。\n",
]


@pytest.mark.parametrize("text", _SLEEVES)
def test_sleeves_not_blocked(checker: RuleChecker, text: str) -> None:
    assert not _errors(checker, text, "A9-13"), text


@pytest.mark.parametrize("text", _SLEEVES)
def test_sleeves_were_blocked(
    checker: RuleChecker, monkeypatch: pytest.MonkeyPatch, text: str
) -> None:
    monkeypatch.setattr(combination, "_compounded", lambda *args: False)
    assert _errors(checker, text, "A9-13"), text


@pytest.mark.parametrize("text", _CARDS)
def test_cards_blocked(checker: RuleChecker, text: str) -> None:
    assert _errors(checker, text, "A9-13"), text


# UTF-8 octal escapes in a fenced block or inline code.
_CODED = [
    ("A9-01", f'```c\nputs("{_octal("打倒共产党")}");\n```\n'),
    ("A9-05", f'运行一下 `printf("{_octal("法轮大法好")}")` 就知道了。\n'),
]


@pytest.mark.parametrize(("prefix", "text"), _CODED)
def test_octal_in_code_blocked(checker: RuleChecker, prefix: str, text: str) -> None:
    assert _errors(checker, text, prefix), text


@pytest.mark.parametrize(("prefix", "text"), _CODED)
def test_octal_in_code_needs_the_reader(
    checker: RuleChecker, monkeypatch: pytest.MonkeyPatch, prefix: str, text: str
) -> None:
    monkeypatch.setattr(code_units, "read_masked", lambda masked, written: masked)
    assert not _errors(checker, text, prefix), text


def test_octal_of_ordinary_words_in_code(checker: RuleChecker) -> None:
    text = f'```c\nputs("{_octal("欢迎访问政务服务网")}");\n```\n'
    assert not checker.check_text(text)


# Flags drawn or written as their codes, where the place's name or the flag would stand.
_FLAGGED = [
    ("A9-02", "坚决支持🇹🇼独立！\n"),
    ("A9-02", "支持 U+1F1ED U+1F1F0 独立，光复那边。\n"),
    ("A9-02", "支持&#x1F1F9;&#x1F1FC;独立，冲！\n"),
    ("A9-03", "🇨🇳就是块破布，挂着干嘛。\n"),
]


@pytest.mark.parametrize(("prefix", "text"), _FLAGGED)
def test_flags_blocked(checker: RuleChecker, prefix: str, text: str) -> None:
    assert _errors(checker, text, prefix), text


@pytest.mark.parametrize(("prefix", "text"), _FLAGGED)
def test_flags_need_the_view(
    checker: RuleChecker, monkeypatch: pytest.MonkeyPatch, prefix: str, text: str
) -> None:
    monkeypatch.setattr(flags, "places", lambda text: text)
    monkeypatch.setattr(flags, "national", lambda text: text)
    assert not _errors(checker, text, prefix), text


_FLAGS_LEGITIMATE = [
    "🇨🇳🇨🇳 国庆快乐，祖国生日快乐！\n",
    "🇭🇰回归祖国二十七周年，香港明天会更好。\n",
    "🇹🇼 台湾是中国不可分割的一部分。\n",
    "国际友城交流团来访，🇯🇵 🇰🇷 🇻🇳 三国代表参观了产业园。\n",
    "升🇨🇳仪式上，少先队员向国旗敬礼。\n",
]


@pytest.mark.parametrize("text", _FLAGS_LEGITIMATE)
def test_flags_legitimate(checker: RuleChecker, text: str) -> None:
    assert not _errors(checker, text, ""), text


@pytest.mark.parametrize(
    ("text", "read"),
    [
        ("支持🇹🇼独立", "支持台湾独立"),
        ("升🇨🇳旗", "升中国旗"),
        (":flag-hk:", "香港" + " " * 7),
        ("🇭🇺🇮🇿🇺", "🇭🇺🇮🇿🇺"),  # letters spelled one indicator each stay letters
        ("🇸🇪", "🇸🇪"),  # a flag the table does not name
    ],
)
def test_flag_places_view(text: str, read: str) -> None:
    assert flags.places(text) == read
    assert len(flags.places(text)) == len(text)


# Characters of similar shape.
_SHAPES = [
    ("A9-01", "打倒共产觉，推翻这个攻府。\n"),
    ("A9-13", "冰毐现货，老价钱，加好友详谈。\n"),
    ("A9-02", "政杈必须推翻，新疆独竝建国。\n"),
]


@pytest.mark.parametrize(("prefix", "text"), _SHAPES)
def test_shapes_blocked(checker: RuleChecker, prefix: str, text: str) -> None:
    assert _errors(checker, text, prefix), text


@pytest.mark.parametrize(("prefix", "text"), _SHAPES)
def test_shapes_need_the_view(
    checker: RuleChecker, monkeypatch: pytest.MonkeyPatch, prefix: str, text: str
) -> None:
    monkeypatch.setattr(shapes, "read", lambda text: text)
    assert not _errors(checker, text, prefix), text


_SHAPES_LEGITIMATE = [
    "树杈上挂着风筝，孩子们自觉排队，感觉很好。\n",
    "他专攻古文字研究，攻坚克难二十年。\n",
    "豆芽发芽了，嫩芽很好吃。\n",
    "清明节，师生到衣冠冢前献花。\n",
    "前秦苻坚在淝水之战中大败。\n",
]


@pytest.mark.parametrize("text", _SHAPES_LEGITIMATE)
def test_shapes_legitimate(checker: RuleChecker, text: str) -> None:
    assert not _errors(checker, text, ""), text


# A password told by its rule: spelt out after it, or by the recipe alone.
_PASSWORDS = [
    "系统口令换了，还是老办法：科室首字母加分机号再加感叹号，也就是 xxk8021!，别外传。\n",
    "公众号后台密码还是老规矩：单位拼音缩写加今年年份，再加个井号，大家自己登。\n",
    "密码是我们科室拼音首字母加分机号，群里的同事都能用。\n",
]
_PASSWORD_ADVICE = [
    "设置密码时不要使用姓名拼音加生日，也不要用手机号后六位。\n",
    "很多人的密码是名字拼音加生日，这很危险，容易被破解。\n",
    "密码应由大小写字母、数字和符号组合，就是 Abc12345 这种格式，长度不少于8位。\n",
    "请勿泄露密码，即使是同事也不行，也就是说谁问都不能给。\n",
    "新密码要足够复杂，也就是 Xy7#kP2q 这样的格式，再定期更换。\n",
    "密码设置小常识：姓名首字母加生日的组合很不安全。\n",
]


@pytest.mark.parametrize("text", _PASSWORDS)
def test_password_by_its_rule_blocked(checker: RuleChecker, text: str) -> None:
    assert _errors(checker, text, "A17-03"), text


@pytest.mark.parametrize("text", _PASSWORD_ADVICE)
def test_password_advice_not_blocked(checker: RuleChecker, text: str) -> None:
    assert not _errors(checker, text, "A17-03"), text


# A people's one-character slur (``苗子``, ``黎子``, ``瑶子``) with what is said of the group.
_SLURS = [
    "那些瑶子、侗子都给我滚回山里去，别来镇上。\n",
    "黎子都是懒鬼，厂里一个都别招。\n",
    "这几个苗子一律不租，房子空着也不给。\n",
    "彝子都给我撵走，一律不接待。\n",
]
_SLURS_LEGITIMATE = [
    "村里的树苗子都赶出去种到山上了，长势很好。\n",
    "这批好苗子全被省队挑走了，教练说都是天生的运动员。\n",
    "黎明时分去地里看，苗子长得很好，一律不收费的技术员来指导过。\n",
    "黎族、苗族同胞欢庆三月三，各族群众载歌载舞。\n",
]


@pytest.mark.parametrize("text", _SLURS)
def test_slurs_blocked(checker: RuleChecker, text: str) -> None:
    assert _errors(checker, text, "A9-04"), text


@pytest.mark.parametrize("text", _SLURS_LEGITIMATE)
def test_slurs_legitimate(checker: RuleChecker, text: str) -> None:
    assert not _errors(checker, text, "A9-04"), text
