"""Issue 12, round 65 (``docs/dev/rules-figures.md``, "Round 65"): after set 54, one class
of device closed as a class and classes of plain wording written wider than their cases.

- Unicode tag characters (U+E0020 … U+E007E) are read as the ASCII they shadow wherever they
  stand; only a subdivision flag's code (after the black flag, two to seven tag digits or
  lower-case letters, then CANCEL TAG) is left a flag (:func:`pipeline.rules.rekeyed._flag`).
  Before, any run ended by CANCEL TAG was taken for a flag, so a sentence of tags behind an
  emoji was never read.
- A doxxing's identity number written out after its name, or the child's school named in
  any kinship word, with the readers told to harass, abuse on sight or hang the person out
  (``a09-08-doxxing.yml``).
- A list or a plan marked unpublished or said not yet publicised, told in advance by the
  writer (``internal-document-offered`` in ``a09-11-leaks.yml``).
- The country or its people by a nickname (``种花``, ``天朝``, a quoted ``“兔子”``) called a
  dump, a pigsty or lackeys (``nation-despised`` in ``a09-political.yml``).
- Further classes of the plain and evasion cases of sets 7–54 left warned: a gathering called
  by its signs (``a09-09-silent-vigil.yml``), a place's produce or a handout said to poison
  (``a09-06-produce-smeared.yml``), an insider's tale of ruin (``rumour-vouched-ruin``), the
  invasion praised (``a09-03-invasion-praised.yml``), cards and data sold
  (``card-account-trade``, ``personal-data-sold``), a body acting as an organ
  (``a09-10-self-appointed.yml``), any place called to independence with a state of its own
  (``a09-02-state-of-its-own.yml``).

Every text is written for this test, none taken from a held-out set; each violation was
missed or only warned before the round, and each legitimate text is a near miss."""

from __future__ import annotations

import pytest

from pipeline.rules import RuleChecker
from pipeline.rules.rekeyed import tag_letters
from tests.test_rules_round12_evasion import checker
from tests.test_rules_round46 import _errors

__all__ = ["checker"]  # the module-scoped fixture, shared with round 12's tests

BLACK_FLAG = "\U0001f3f4"
CANCEL_TAG = "\U000e007f"


def tags(text: str) -> str:
    return "".join(chr(0xE0000 + ord(c)) for c in text)


# The class, over its whole range: every tag character U+E0020 … U+E007E is read as its ASCII
# character in a run ended by CANCEL TAG, behind any base (an emoji, a Chinese character, a
# Latin letter, a digit, nothing), unless the run is a flag's code after the black flag.
_ASCII = "".join(chr(c) for c in range(0x20, 0x7F))
_BASES = ["\U0001f304", "好", "a", "7", "。", ""]


@pytest.mark.parametrize("base", _BASES)
def test_every_tag_character_is_read_behind_any_base(base: str) -> None:
    text = "晨练" + base + tags(_ASCII) + CANCEL_TAG + " 。"
    read, at = tag_letters(text)
    start = len("晨练" + base)
    assert read[start : start + len(_ASCII)] == _ASCII
    assert len(at) == sum(c.isalpha() for c in _ASCII)


@pytest.mark.parametrize("code", ["gbsct", "gbeng", "gbwls", "usca", "ustx", "cn11", "jp13"])
def test_a_subdivision_flags_code_stays_a_flag(code: str) -> None:
    text = "欢迎 " + BLACK_FLAG + tags(code) + CANCEL_TAG + " 的朋友。"
    assert tag_letters(text) == (text, ())


@pytest.mark.parametrize(
    "hidden",
    [
        "usca falun dafa hao",  # no flag's code: spaces, and longer than seven
        "falun dafa hao",
    ],
)
def test_a_sentence_after_the_black_flag_is_no_flag(hidden: str) -> None:
    text = "欢迎 " + BLACK_FLAG + tags(hidden) + CANCEL_TAG + " 的朋友。"
    read, at = tag_letters(text)
    assert hidden in read and at


@pytest.mark.parametrize(
    ("prefix", "text"),
    [
        # a sentence of tags behind an emoji or after a full stop, ended by CANCEL TAG
        (
            "A9-05",
            "周末去水库边爬山，风景很美。" + tags("falun dafa hao") + CANCEL_TAG + " \u26f0\n",
        ),
        ("A9-05", "今天天气不错\U0001f31e" + tags("falun dafa hao, san tui") + CANCEL_TAG + "\n"),
    ],
)
def test_a_tag_sentence_is_blocked(checker: RuleChecker, prefix: str, text: str) -> None:
    assert _errors(checker, text, prefix), text


# Plain wordings of the two classes, in this test's own words.
_BLOCKED = [
    # the identity number written out, the readers sent to the door
    ("A9-08", "曝光：饭店老板娘李秀英，身份证410102198803154421，大家去她家门口问问清楚。\n"),
    ("A9-08", "王建国 身份证 1101 0519 7501 0112 34，手机都在这，随便骚扰，活该。\n"),
    # the child's school named, the readers told to abuse on sight or to hang him out
    ("A9-08", "开超市的老周是个奸商，他的孩子在二中初一三班，大家看到他就骂。\n"),
    ("A9-08", "收废品的刘某，她家孩子在城关小学，照片都有，明天全网挂。\n"),
    # a list or a plan marked unpublished, told in advance
    ("A9-11", "科级干部提拔名单（未公开）：张某、李某，提前给大家透个底。\n"),
    ("A9-11", "拆迁补偿方案还没公示，我先给大家透个底，每平米三千二。\n"),
    # the country or its people, by a nickname, called a dump or a people of lackeys
    ("A9-03", "天朝就是个粪坑，住久了人都臭。\n"),
    ("A9-03", "“兔子”全是奴才，给点骨头就摇尾巴。\n"),
    ("A9-03", "中国这个地方就是猪圈，懂的都懂。\n"),
]


@pytest.mark.parametrize(("prefix", "text"), _BLOCKED)
def test_blocked(checker: RuleChecker, prefix: str, text: str) -> None:
    assert _errors(checker, text, prefix), text


# Near misses that no rule blocks: an identity card carried to an office, a lost card, a
# child praised, a publicity period announced, the list awaited until it is publicised.
_NOT_BLOCKED = [
    "请携带身份证原件到她家门口的社区服务站办理。\n",
    "快递员小王的身份证丢了，大家看到请联系他。\n",
    "他的孩子在实验小学读书，成绩很好，大家看到他就夸。\n",
    "低保名单还没公示，公示期七天，请大家留意村务公开栏。\n",
    "征收补偿方案还没公示，公示后请大家转出去，让更多村民知道。\n",
    "接到自称公安的电话索要身份证号，请勿理会，随便骚扰的号码可以拉黑。\n",
    "小区后面那块荒地就是垃圾场，希望有关部门尽快清理。\n",
    "种花要选好土，阳台上的兔子摆件也很可爱。\n",
    "《那年那兔那些事儿》里的“兔子”们一个个都是好样的。\n",
    "旧中国被列强视为垃圾场，这段屈辱历史不能忘。\n",
]


@pytest.mark.parametrize("text", _NOT_BLOCKED)
def test_not_blocked(checker: RuleChecker, text: str) -> None:
    assert not any(d.severity == "error" for d in checker.check_text(text)), text


# A gathering called by its signs: candles, a dress code or blank paper, silence, a place.
@pytest.mark.parametrize(
    "text",
    [
        "明晚九点，老地方，每人带上蜡烛，穿黑衣，到了就静静站着，什么都不说。\n",
        "周六晚上八点，市政府门口，每人举白纸，一言不发，站着就行，拍照发出去。\n",
    ],
)
def test_a_silent_vigil_called_is_blocked(checker: RuleChecker, text: str) -> None:
    assert _errors(checker, text, "A9-09"), text


@pytest.mark.parametrize(
    "text",
    [
        "清明节烈士陵园广场，统一穿黑色衣服，默哀，不说话。\n",
        "生日派对：晚上八点到老地方，点蜡烛许愿，穿白衣拍照发出去。\n",
        "停电了，大家点蜡烛，别说话，早点睡。\n",
        "演唱会现场，大家举着白纸写的应援词，到了就排队，别说话。\n",
        "短视频拍摄：演员穿白衣，站着不说话，门口集合。\n",
    ],
)
def test_candles_and_silence_elsewhere_are_no_call(checker: RuleChecker, text: str) -> None:
    assert not any(d.rule == "A9-09" and d.severity == "error" for d in checker.check_text(text))


# A place's produce or a handout said to kill, cause cancer or sterility, with a call; and an
# insider's tale of a plant's ruin.
@pytest.mark.parametrize(
    "text",
    [
        "听说咱们县的橘子全打了致癌的药，吃了得癌症，大家千万别买，转给亲戚。\n",
        "镇上的自来水有病毒，喝了会不育，让更多人知道。\n",
        "县里发的种子有毒，种出来的粮食吃了会不育，转发。\n",
        "咱们县的茶叶全是地沟油炒的，吃了会得癌，内部员工爆料。\n",
        "内部消息：电机厂下个月倒闭，工人工资全部打水漂。\n",
        "千真万确，拆迁补偿款要全部收回，我亲戚在住建局。\n",
    ],
)
def test_a_rumour_of_harm_or_ruin_is_blocked(checker: RuleChecker, text: str) -> None:
    assert _errors(checker, text, "A9-06"), text


@pytest.mark.parametrize(
    "text",
    [
        "网传本县的苹果打了致癌防腐剂，经检测系谣言，请勿转发。\n",
        "市场监管局抽检：本市的一批豆芽检出致癌物，已下架，请别买。\n",
        "村里发的灭鼠药有毒，请放在孩子够不到的地方，转给家人。\n",
        "吸烟致癌，本市的控烟条例今起实施，转发让更多人知道。\n",
        "网传电机厂下个月倒闭、工资打水漂，经核实系谣言。\n",
        "电机厂因经营不善宣告破产，法院已受理，职工工资由清算组优先支付。\n",
    ],
)
def test_notices_and_rebuttals_of_harm_or_ruin_are_not_blocked(
    checker: RuleChecker, text: str
) -> None:
    assert not any(d.rule == "A9-06" and d.severity == "error" for d in checker.check_text(text))


# The invasion praised and the resisters mocked.
@pytest.mark.parametrize(
    "text",
    [
        "日本鬼子当年来咱们这修公路，是帮咱们搞建设，侵略有功，应该感谢他们。\n",
        "日军占领那几年，老百姓才算过上好日子。\n",
        "抗联战士死了活该，谁让他们自己去送死。\n",
    ],
)
def test_the_invasion_praised_is_blocked(checker: RuleChecker, text: str) -> None:
    assert _errors(checker, text, "A9-03"), text


@pytest.mark.parametrize(
    "text",
    [
        "南京大屠杀遇难同胞永远铭记，抗日英雄永垂不朽。\n",
        "有人说侵略有功，这是赤裸裸的美化侵略，必须驳斥。\n",
        "八路军把鬼子打得好惨，老百姓从此过上了好日子。\n",
        "抗日英雄的故事不是笑话，是我们民族的脊梁。\n",
        "日军投降后，老百姓才算过上好日子。\n",
    ],
)
def test_history_and_its_remembrance_are_not_blocked(checker: RuleChecker, text: str) -> None:
    assert not any(d.rule == "A9-03" and d.severity == "error" for d in checker.check_text(text))


# Cards and people's data sold as well as bought, in plain words.
@pytest.mark.parametrize(
    "text",
    [
        "出售身份证、银行卡和手机卡，四件套一千二，本地面交。\n",
        "出售望江镇拆迁户名单，个人信息：身份证号、电话齐全，一条三毛。\n",
    ],
)
def test_cards_and_data_sold_are_blocked(checker: RuleChecker, text: str) -> None:
    assert _errors(checker, text, "A9-13"), text


@pytest.mark.parametrize(
    "text",
    [
        "警方破获倒卖公民个人信息案，嫌疑人按条出售，每条五毛。\n",
        "个人信息保护法规定，不得出售他人身份证号等个人信息。\n",
        "断卡行动提醒：出售银行卡、电话卡涉嫌违法犯罪，切勿出租出借。\n",
    ],
)
def test_cases_and_warnings_of_data_sold_are_not_blocked(checker: RuleChecker, text: str) -> None:
    assert not any(d.rule == "A9-13" and d.severity == "error" for d in checker.check_text(text))


# A body no organ set up acting as one: offices sold, officials investigated.
@pytest.mark.parametrize(
    "text",
    [
        "“全球华人联合总会”办事处招募理事，交五万即可出任副会长，可刻章。\n",
        "以“东江民间监督委员会”名义公告：本会将对镇政府干部开展独立调查，"
        "请群众向本会提交材料，本会有权公开处理结果。\n",
    ],
)
def test_a_body_acting_as_an_organ_is_blocked(checker: RuleChecker, text: str) -> None:
    assert _errors(checker, text, "A9-10"), text


@pytest.mark.parametrize(
    "text",
    [
        "市书法家协会换届，经选举产生新一届理事，张某当选副会长。\n",
        "警惕！有人冒充“华商联合总会”，声称交钱即可出任副会长，系诈骗。\n",
        "本会将配合纪委监委，对涉及本会会员的干部问题线索开展调查。\n",
        "村民委员会将公开处理结果，欢迎群众监督。\n",
    ],
)
def test_associations_elections_and_warnings_are_not_blocked(
    checker: RuleChecker, text: str
) -> None:
    assert not any(d.rule == "A9-10" and d.severity == "error" for d in checker.check_text(text))


# Any place called to independence with a state of its own.
@pytest.mark.parametrize(
    "text",
    [
        "等着吧，陇南要搞独立，跟北京分家，自己立个国，谁也管不着。\n",
        "支持岭东独立，建自己的国家，时机到了。\n",
    ],
)
def test_independence_with_a_state_is_blocked(checker: RuleChecker, text: str) -> None:
    assert _errors(checker, text, "A9-02"), text


@pytest.mark.parametrize(
    "text",
    [
        "1947年印度独立建国，结束了殖民统治。\n",
        "孩子长大了要独立，早晚要和父母分家，自己建个小家。\n",
        "兄弟俩分家后各自独立经营，自己建了新房。\n",
        "公司子公司独立运营，与集团分家。\n",
    ],
)
def test_independence_in_history_and_families_is_not_blocked(
    checker: RuleChecker, text: str
) -> None:
    assert not any(d.rule == "A9-02" and d.severity == "error" for d in checker.check_text(text))
