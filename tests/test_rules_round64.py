"""Issue 12, round 64 (``docs/dev/rules-figures.md``, "Round 64"): classes of plain wording
wider than the cases of sets 7–53 that were missed or only warned — a blockade or a storming
with the aim the caller gives it (``a09-09-blockade-aimed.yml``), the law named and defied
(``a09-13-law-defied.yml``, and :data:`pipeline.rules.warning.DEFIED`, which voids the
named prohibition as a warning), the readers sent after a doxxed person in any verb of going
after them (``a09-08-doxxing.yml``), the reader dared to complain in vain or scorned for
asking (``reader-sent-away`` in ``a09-12-replies.yml``), the place called the dirtiest and a
shame (``region-shamed`` in ``a09-11-region.yml``), deposits taken with the capital and a
high return guaranteed (``a09-13-deposits.yml``), people's records handed out by the one who
took them (``personal-records-handed-out`` in ``a09-11-leaks.yml``), the nation's image or
honour disowned (``national-honour-disowned`` in ``a09-offence-owned.yml``), the foundations offered as the answers of a question
asking which to discard (``foundations-quizzed-away`` in ``a09-political.yml``) — and one
false positive mended: a blockade the police ended, reported, is framed
(:data:`pipeline.rules.framing.ENFORCEMENT_WORDS`). Every text is written for this test,
none taken from a held-out set; each violation was missed or only warned before the round,
and each legitimate text is a near miss of the same words."""

from __future__ import annotations

import pytest

from pipeline.rules import RuleChecker
from tests.test_rules_round12_evasion import checker
from tests.test_rules_round46 import _errors

__all__ = ["checker"]  # the module-scoped fixture, shared with round 12's tests

# (rule prefix, text): each class's violations, in wordings of this test's own.
_BLOCKED = [
    # a blockade or a storming with its aim
    ("A9-09", "果农们团结起来，明天一起堵住县道，让冷库老板知道我们的厉害。\n"),
    ("A9-09", "大家把收费站围住，逼他们表态，不给个交代谁也别走。\n"),
    ("A9-09", "周末组织几十个人冲进开发商的售楼处，事情闹大了上面才会重视。\n"),
    ("A9-09", "都去火车站，躺在铁轨上拦住列车，这样上面听见了才会管。\n"),
    ("A9-09", "把厂门堵死，不给个交代就让媒体都拍到。\n"),
    # the law named and defied
    ("A9-13", "有没有门路搞到气枪？法律禁止我们也要买，价格好说。\n"),
    ("A9-13", "这批货法律不允许卖，我们也照卖，谁要谁拿。\n"),
    ("A9-13", "国家禁止的东西偏要买，我们合作社自己凑钱。\n"),
    ("A9-13", "坐牢也要干这一票，弟兄们准备好。\n"),
    ("A9-13", "明知违法也要收，旧手机里的数据我全要。\n"),
    # the readers sent after a doxxed person
    ("A9-08", "他的身份证号我都扒出来了，大家去找他，堵住他别让他跑。\n"),
    ("A9-08", "她的身份证号我发群里了，大家去找她，别让她躲。\n"),
    ("A9-08", "扒出来了，这是他家地址，明天一早去他家堵他。\n"),
    # the reader dared to complain in vain or scorned for asking (item （十二）'s replies)
    ("A9-12", "就你事多，规定就是规定，有本事你去告，告也白告。\n"),
    ("A9-12", "嫌慢就别来办，窗口就这么几个人，傻不傻。\n"),
    ("A9-12", "天天问同样的问题也好意思问？不服去告吧。\n"),
    # the place called the dirtiest and a shame
    ("A9-11", "咱们县城又脏又乱，还好意思叫文明城市，丢人。\n"),
    ("A9-11", "带你们看看本市最烂的地方，这就是所谓的旅游名城，天大的笑话。\n"),
    # deposits taken with the capital and a high return guaranteed
    ("A9-13", "合作社入股保本保息，年底分红两成，介绍亲戚入股再给介绍费。\n"),
    ("A9-13", "我们公司高息吸储，月息三分，比存银行划算多了。\n"),
    # people's records handed out by the one who took them
    ("A9-11", "物业把业主的身份证号码我都拍了，谁要可以发给你。\n"),
    ("A9-11", "我在医院上班，病人名单和病历我都拍下来了，谁要找我。\n"),
    # the nation's image or honour disowned, or to be ruined on purpose
    ("A9-03", "视频播放量最重要，国家的形象跟我没关系。\n"),
    ("A9-03", "只要对方给钱，我就帮他们把中国形象搞臭。\n"),
    # the foundations quizzed away across the question mark
    ("A9-01", "小调查：你认为最该废除的是哪个？1. 人民代表大会制度 2. 公有制 3. 都该。\n"),
    ("A9-01", "【今日投票】中国应该推翻的是什么？A. 党的领导 B. 社会主义制度，评论区选。\n"),
]


@pytest.mark.parametrize(("prefix", "text"), _BLOCKED)
def test_blocked(checker: RuleChecker, prefix: str, text: str) -> None:
    assert _errors(checker, text, prefix), text


# Near misses that no rule blocks: news of a blockade and its end, 普法 and the law kept,
# a grid worker's or a courier's address, a quiz that asks what to keep or what habit to drop.
_NOT_BLOCKED = [
    "有人堵住厂门讨说法，民警到场劝离。\n",
    "今天上午，部分村民堵住厂门讨说法，民警到场后将其劝离，相关诉求已转交镇政府处理。\n",
    "昨日，数十名业主围堵售楼处讨说法，街道已介入调解。\n",
    "消防演练中，救援人员冲进烟雾区，疏散被困群众。\n",
    "法律禁止买卖野生动物，请大家遵守。\n",
    "法律禁止的东西我们坚决不买。\n",
    "法律禁止高空抛物，我们也要提醒家人注意。\n",
    "有人说违法也要干，这种想法是错误的。\n",
    "寻人启事：王某某，家住幸福小区5号楼，走失时穿蓝色外套，请见到的群众联系派出所。\n",
    "小区3单元电梯坏了，物业说明天派人去找他们维修公司。\n",
    "快递员说他住在3号楼，让我去找他取件。\n",
    "对处罚决定不服的，可以依法申请行政复议或者提起行政诉讼。\n",
    "嫌慢别着急，我们已加派窗口，预计排队时间缩短一半。\n",
    "曾经最脏的地方，如今变成了网红打卡点。\n",
    "网友反映老街脏乱差，城管局已派人清理，并将持续整治。\n",
    "后街是全城最脏的地方，希望有关部门管一管。\n",
    "本期储蓄国债保本保息，三年期年化利率2.38%，可到各商业银行网点购买。\n",
    "警惕！凡是承诺保本保息、高额回报的都是非法集资。\n",
    "征地补偿名单已公示，请各户凭身份证号到村委会核对补偿金额明细。\n",
    "请住院病人家属携带病历和身份证号码到窗口办理。\n",
    "国家形象跟我没关系吗？其实息息相关，出境旅游请文明出行。\n",
    "某网红为博流量把国家形象搞臭，已被网信部门依法处理。\n",
    "以下哪项是应当抛弃的封建陋习？A. 包办婚姻 B. 尊老爱幼。\n",
    "小测验：以下哪些做法应该淘汰？A. 高耗能设备 B. 纸质台账。\n",
]


@pytest.mark.parametrize("text", _NOT_BLOCKED)
def test_not_blocked(checker: RuleChecker, text: str) -> None:
    assert not any(d.severity == "error" for d in checker.check_text(text)), text


# The police named by the crowd, not ending it, frame nothing: the call stays an error.
def test_the_police_defied_frame_nothing(checker: RuleChecker) -> None:
    assert _errors(checker, "明天大家一起堵住厂门讨说法，民警来劝离也别走。\n", "A9-09")


# After set 54's measurement (a training set now): an account's denial under a statement's
# bracketed heading is its own voice as much as one without (the heading before its name).
@pytest.mark.parametrize(
    "text",
    [
        "【声明】“青岚发布”从未委托任何机构购买粉丝、点赞或代运营。\n",
        "【郑重声明】云川发布从未委托任何公司代运营。\n",
    ],
)
def test_a_denial_under_a_statements_heading_is_the_accounts_own(
    checker: RuleChecker, text: str
) -> None:
    assert not _errors(checker, text, "A9-13"), text


def test_a_heading_before_an_offer_disowns_nothing(checker: RuleChecker) -> None:
    assert _errors(checker, "【声明】这个号可以代运营，价格优惠。\n", "A9-13")
