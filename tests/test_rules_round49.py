"""Issue 12, round 49: lexical classes that sets 7–40 left warnings or misses
(``docs/dev/rules-figures.md``, "Round 49"), and set 40's two blocked legitimate posts fixed
as the classes they belong to, with the same words used as a violation kept blocked. Every
text is written for this test, none taken from the held-out sets."""

from __future__ import annotations

import pytest

from pipeline.rules import RuleChecker, consequence
from tests.test_rules_round12_evasion import checker
from tests.test_rules_round46 import _errors

__all__ = ["checker"]  # the module-scoped fixture, shared with round 12's tests


def _found(checker: RuleChecker, text: str, prefix: str) -> bool:
    return any(d.rule.startswith(prefix) for d in checker.check_text(text))


# Item （十一）: a place run down and visitors or investors told not to come
# (``rulefiles/a09-11-region.yml``).
@pytest.mark.parametrize(
    "text",
    [
        "这个镇就是个破地方，饭馆家家宰客，外地人千万别来。\n",
        "河口那条老街最脏最乱，来了就后悔，劝你们省省路费。\n",
        "穷得叮当响的小县城，谁来投资谁傻。\n",
    ],
)
def test_a_place_run_down_with_visitors_warned_off_is_blocked(
    checker: RuleChecker, text: str
) -> None:
    assert _errors(checker, text, "A9-11"), text


@pytest.mark.parametrize(
    "text",
    [
        "景区开展整治宰客专项行动，游客遇到问题可拨打投诉电话。\n",
        "这里曾经是全省最穷的村，如今游客来了都舍不得走。\n",
        "早高峰这段路最乱，千万别来回变道。\n",
        "节假日古镇人多，老人小孩最好别来凑热闹，骗子多请看好钱包。\n",
    ],
)
def test_a_notice_on_cheats_crowds_or_the_past_raises_no_region_finding(
    checker: RuleChecker, text: str
) -> None:
    assert not _found(checker, text, "A9-11"), text


# Item （十一）: a text marked not public, passed on and said as done in the writer's voice
# (``a09-11-leaks.yml``, ``a09-11-unpublished.yml``).
@pytest.mark.parametrize(
    "text",
    [
        "科里不宜公开的督查通报，我先发群里了。\n",
        "单位不宜公开的年度考核表原件我先发朋友圈了，反正早晚大家都知道。\n",
        "那份“不对外”的考核细则我拍下来放网盘了，要的自取。\n",
        "“未公开”的招标评分表，内部稿先发一版给大家。\n",
    ],
)
def test_a_not_public_text_passed_on_is_blocked(checker: RuleChecker, text: str) -> None:
    assert _errors(checker, text, "A9-11"), text


@pytest.mark.parametrize(
    "text",
    [
        "会议材料属于内部资料，会后统一收回，请勿发群里。\n",
        "调查报告已于昨日正式公布，我先发朋友圈了，欢迎大家阅读。\n",
        "周一闭馆，展厅不对外开放，请大家错开时间参观。\n",
    ],
)
def test_a_reminder_or_a_published_report_passes(checker: RuleChecker, text: str) -> None:
    assert not _errors(checker, text, "A9-11"), text


# Item （四）: an ethnic group shut out, further from its name and in more words
# (``a09-04-ethnic-family.yml``, ``ethnic-group-shut-out``).
@pytest.mark.parametrize(
    "text",
    [
        "回民个个不讲理，县里那几家面馆都该关门，统统赶出城去。\n",
        "彝族的孩子成绩太差，技校别招了，报了名的也一律劝退。\n",
        "民宿老板们注意，藏族客人来了一律说满房，省得麻烦。\n",
        "厂里再缺人也不要蒙古族的，让他们别来面试了。\n",
    ],
)
def test_an_ethnic_group_shut_out_is_blocked(checker: RuleChecker, text: str) -> None:
    assert _errors(checker, text, "A9-04"), text


@pytest.mark.parametrize(
    "text",
    [
        "入冬前，藏族牧民把牛羊全部赶回冬季牧场。\n",
        "傍晚，蒙古族牧民把羊群全部赶回去，圈好栏门。\n",
        "苗族绣娘连夜赶出一批绣品，送往县城展销。\n",
        "各民族一律平等，招工不得以民族设限，藏族、彝族求职者同样欢迎前来面试。\n",
    ],
)
def test_herds_driven_home_and_an_equal_hiring_notice_pass(checker: RuleChecker, text: str) -> None:
    assert not _errors(checker, text, "A9-04"), text


# 第十六条: following made compulsory with a benefit or a service held back, the account
# named in the line's sentence before (``follow-or-penalty``).
@pytest.mark.parametrize(
    "text",
    [
        "各村务必让老人关注本号，没关注的本月养老补贴先停发。\n",
        "请网格员督促居民关注街道公众号，不关注的先缓发慰问金。\n",
        "欢迎关注本公众号。未关注的居民不让进便民服务大厅。\n",
    ],
)
def test_following_forced_by_a_benefit_held_back_is_blocked(
    checker: RuleChecker, text: str
) -> None:
    assert _errors(checker, text, "A16-"), text


@pytest.mark.parametrize(
    "text",
    [
        "高龄补贴按月发放，无需关注任何公众号，未关注的老人同样按时足额领取。\n",
        "关注本公众号可查询补贴进度，不关注的也可以到社区窗口办理。\n",
    ],
)
def test_a_benefit_paid_whether_or_not_one_follows_passes(checker: RuleChecker, text: str) -> None:
    assert not _errors(checker, text, "A16-"), text


# Set 40's first blocked notice, as a class: quotations called a trap right after their
# closing mark (``quoting.TRAP_AFTER``) are a warning's, in any register.
@pytest.mark.parametrize(
    "text",
    [
        "矿区工友注意：“刷单返佣”“网络博彩稳赚不赔”都是陷阱，工资别往里投。\n",
        "春节返乡提醒：“网络博彩稳赚不赔”“刷单日结”都是骗人的，别往里投钱。\n",
    ],
)
def test_quotations_called_a_trap_do_not_block(checker: RuleChecker, text: str) -> None:
    assert not _errors(checker, text, "A9-07"), text


@pytest.mark.parametrize(
    "text",
    [
        "网络博彩稳赚不赔，加群带你上岸。\n",
        "“网络博彩稳赚不赔”不是陷阱，加群带你上岸。\n",
        "“网络博彩稳赚不赔”是陷阱吗？当然不是，加群带你上岸。\n",
    ],
)
def test_the_same_words_said_or_called_no_trap_stay_blocked(
    checker: RuleChecker, text: str
) -> None:
    assert _errors(checker, text, "A9-07"), text


# Set 40's second blocked notice, as a class: acts a notice lists, then the offence they
# amount to after ``…的，`` (``consequence.CONSEQUENCE``).
def test_acts_listed_then_called_an_offence_do_not_block(checker: RuleChecker) -> None:
    text = "境外机构以“兼职”名义高价收集内部文件、单位通讯录的，可能涉嫌间谍活动，请及时举报。\n"
    assert not _errors(checker, text, "A9-11"), text


@pytest.mark.parametrize(
    "text",
    [
        "高价收购内部文件，有意者私聊。\n",
        "我手里有内部文件，涉嫌违法也不怕，要的私聊。\n",
    ],
)
def test_an_internal_document_offered_stays_blocked(checker: RuleChecker, text: str) -> None:
    assert _errors(checker, text, "A9-11"), text


@pytest.mark.parametrize(
    ("text", "follows"),
    [
        ("收集内部文件的，可能涉嫌间谍活动", True),
        ("收集内部文件的，构成犯罪", True),
        ("收集内部文件的，不涉嫌违法", False),
        ("收集内部文件，涉嫌违法也不怕", False),
    ],
)
def test_the_offence_follows_only_after_the_acts_listed(text: str, follows: bool) -> None:
    assert consequence.follows(text, text.index("内部文件") + 4) is follows
