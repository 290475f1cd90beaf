"""Issue 12, round 47: second signals read as classes that sets 7–39 left warnings
(``docs/dev/rules-figures.md``, "Round 47"), and set 39's two blocked legitimate posts fixed
as the classes they belong to, with the same words used as a violation kept blocked. Every
text is written for this test, none taken from the held-out sets."""

from __future__ import annotations

import pytest

from pipeline.rules import RuleChecker
from pipeline.rules.normalize import compact, normalise
from pipeline.rules.second_signals import signal
from tests.test_rules_round12_evasion import checker
from tests.test_rules_round46 import _errors

__all__ = ["checker"]  # the module-scoped fixture, shared with round 12's tests


def _signal(rule: str, sentence: str) -> str | None:
    return signal(rule, compact(normalise(sentence)).text)


# The classes, read on a sentence: each names the act it completes, and the near wording a
# notice uses raises nothing.
@pytest.mark.parametrize(
    ("rule", "sentence", "words"),
    [
        ("S9-06", "化工厂爆炸了，官方在捂，谁也别信通报", "官方在捂"),
        ("S9-06", "码头出事了，消息被封锁了", "消息被封锁"),
        ("S9-06", "江堤垮了，淹死好多人", "淹死好多人"),
        ("S9-06", "食堂的饭有毒，吃死两个学生了", "吃死两个"),
        ("S9-06", "下周要全城停电，转给你家里人", "转给你家里人"),
        ("S9-06", "下月社保停发，不转不是本地人", "不转不是"),
        ("S9-09", "大家到区政府门口坐着，不解决就不走", "不解决就不走"),
        ("S9-09", "明天都去直播基地门口坐一整天", "坐一整天"),
        ("S9-09", "周三都去州府门口，人越多越好", "人越多越好"),
        ("S9-09", "一起去厂门口堵到他们答应为止", "堵到他们答应为止"),
        ("S9-10", "咱们同乡会的公章已经刻好了，会费下周收", "公章已经刻好"),
        ("S9-10", "本委员会不经民政部门登记，今天起收会费", "不经民政部门登记"),
        ("S9-05", "咱们自己办个聚会点，不去宗教局登记", "不去宗教局登记"),
        ("S9-03", "五星红旗拿来擦车正合适", "拿来擦"),
        ("S9-03", "这种破国旗挂着有什么用", "破国旗"),
        ("S9-03", "那些烈士也就是一群炮灰", "烈士也就是一群炮灰"),
        ("S9-03", "课本里的英雄事迹都是编的", "英雄事迹都是编的"),
        ("S9-05", "喝了大师的符水，比医院还管用", "比医院还管用"),
    ],
)
def test_each_class_is_a_second_signal_of_its_item(rule: str, sentence: str, words: str) -> None:
    assert _signal(rule, sentence) == words


@pytest.mark.parametrize(
    ("rule", "sentence"),
    [
        ("S9-06", "区政府压实防汛责任，确保群众安全"),
        ("S9-06", "请把这份防诈提醒转给家里的老人"),
        ("S9-06", "去年汛期有人下河游泳溺亡，请家长看管好孩子"),
        ("S9-09", "政务大厅延时服务，群众排队坐着等候叫号"),
        ("S9-10", "因机构改革，我局启用新公章，原印章同时作废"),
        ("S9-10", "未经登记的社会团体不得以社会团体名义开展活动"),
        ("S9-03", "破损褪色的国旗不能拿来擦桌子，应按规定回收"),
        ("S9-03", "旧国旗不要当抹布用，请交到社区统一处理"),
        ("S9-03", "烈士纪念馆讲述了英雄们的事迹"),
        ("S9-05", "预防接种比事后治疗更重要"),
    ],
)
def test_the_near_wording_of_a_notice_is_no_signal(rule: str, sentence: str) -> None:
    assert _signal(rule, sentence) is None


# The same classes in whole posts: the model's warning and the class make the item's error.
@pytest.mark.parametrize(
    ("text", "prefix"),
    [
        ("城西化工厂今早爆炸，死了十几个工人，消息被封锁了。\n", "A9-06"),
        ("自来水厂水源被污染了，喝了会得癌，转给你家里人。\n", "A9-06"),
        ("下周全区停水一个月，不转不是河湾人！\n", "A9-06"),
        ("周五上午大家到区政府门口坐着，不解决就不走。\n", "A9-09"),
        ("下周一大家去管委会门口坐一整天，看他们管不管。\n", "A9-09"),
        ("咱们老乡商会的公章已经刻好了，会长我来当，会费下周开始收。\n", "A9-10"),
        ("五星红旗拿来擦电瓶车正合适，挂着也没用。\n", "A9-03"),
        ("纪念馆里讲的那些烈士都是土匪，别信课本。\n", "A9-03"),
        ("课本里那些抗战英雄事迹全是编的，纪念馆也是骗人的。\n", "A9-03"),
        ("孩子发烧别打针了，让师父摸摸头发功，比医院管用多了。\n", "A9-05"),
    ],
)
def test_a_flagged_sentence_with_a_class_is_blocked(
    checker: RuleChecker, text: str, prefix: str
) -> None:
    assert _errors(checker, text, prefix), text


# Set 39's first blocked post, as a class: a scammer's words quoted as the call or message
# received (``quoting.CALL_AFTER``), in a paragraph that warns of the fraud, raise no error
# of the strong word inside the quotation; the same words said, not quoted, stay blocked.
def test_a_scam_call_quoted_in_a_warning_is_not_blocked(checker: RuleChecker) -> None:
    text = (
        "接到“你家孩子在学校摔伤了，赶紧转钱交手术费”的电话，先别慌！请先给孩子或老师打电话"
        "问清楚。这类冒充老师的诈骗最近很多。\n"
    )
    assert not _errors(checker, text, "A9-06"), text


def test_the_scam_said_not_quoted_stays_blocked(checker: RuleChecker) -> None:
    text = "孩子在学校出事了，赶紧转钱到这个账户，别告诉别人。\n"
    assert _errors(checker, text, "A9-06"), text


# Set 39's second blocked post, as a class: a firm the account says it never hired for
# followers, and the means it says it does not use (``denied_offer.NEVER_ASKED``,
# ``NEVER_BY``); the means named as the account's own, or a denial turned, stay blocked.
@pytest.mark.parametrize(
    "text",
    [
        "本号从不雇佣第三方“涨粉”，也不采用“转发抽奖”等形式吸引关注。\n",
        "本号从未雇佣任何公司“刷粉”“买量”，也不会采用“转发抽奖”“关注送礼”等形式吸引粉丝。\n",
    ],
)
def test_an_account_denying_hired_followers_or_a_means_passes(
    checker: RuleChecker, text: str
) -> None:
    assert not _errors(checker, text, "A16-"), text


@pytest.mark.parametrize(
    "text",
    [
        "本号通过“关注抽奖”“转发送礼”等方式吸引关注，转发本条即可参加。\n",
        "我们从未委托机构涨粉，但是关注本号就送礼品。\n",
    ],
)
def test_the_means_as_the_accounts_own_stays_blocked(checker: RuleChecker, text: str) -> None:
    assert _errors(checker, text, "A16-"), text


# The constitutional order opposed in the writer's voice: ``反对`` is its claim, not an
# enforcement frame (``anchored.dismissed``); opposing an error about the order is a frame.
def test_the_order_opposed_in_the_writers_voice_is_blocked(checker: RuleChecker) -> None:
    text = "咱们这些老板坚决反对社会主义制度，土地应该全部私有化。\n"
    assert _errors(checker, text, "A9-01"), text


@pytest.mark.parametrize(
    "text",
    [
        "我们坚决反对否定社会主义制度的错误言论，坚持党的领导。\n",
        "有人在网上散布“英雄事迹都是编的”的谣言，已被依法处理。\n",
    ],
)
def test_opposing_an_error_or_reporting_a_slander_is_not_blocked(
    checker: RuleChecker, text: str
) -> None:
    assert not any(d.severity == "error" for d in checker.check_text(text)), text
