"""Issue 12, round 18 (lexical, blocking): plain wordings found but only warned, or missed.

Training sets 7–16 left 125 plain wordings without an error of their item. Apart from item
（十二）'s opinions and A16-02's click-bait (warnings by design), the causes were: the
semantic layer alone read a sentence that also holds a call to act, an offer's terms, a
penalty or a boast no legitimate post makes (no strong word of ``semantic_anchors.yml``
named it); and classes no combination read — an organisation saying it is not registered
while it charges, following made the price of hype or the condition of a benefit, a draw
counted out (``抽十名``), paid rites of superstition, a crowd called to storm an organ,
papers passed on before publication, a pupil's identity posted, attacks sold as a service
(``rulefiles/a09-a16-combinations-calls-offers.yml``). Every text here is written for these tests;
each class has legitimate texts of the same shape that stay unblocked."""

from __future__ import annotations

import pytest

from pipeline.rules import RuleChecker
from pipeline.rules.anchored import anchors, refutes
from pipeline.rules.rebuttal import negated
from tests.test_rules_round12_evasion import BLOCKED, NONE, checker, judged_named

__all__ = ["checker"]  # the module-scoped fixture, shared with round 12's tests

# (text, rule, expected, what a message of ``rule`` names: the strong word or the rule's text)
COMBINATIONS = [
    # an organisation that says it is not registered and charges
    (
        "“全市电竞选手协会”目前还没注册，先向各战队收取会费，每队八百元，年底统一发会员证。",
        "A9-10",
        BLOCKED,
        "未经登记",
    ),
    (
        "本联合会（筹）即日起受理入会申请，理事单位一席两万元，颁发牌匾。",
        "A9-10",
        BLOCKED,
        "未经登记",
    ),
    (
        "市民政局提醒：未在民政部门登记的“协会”收取会费属于非法社会组织活动，请勿缴纳。",
        "A9-10",
        NONE,
        "",
    ),
    ("市书法家协会已在民政局登记，会员年费一百元，凭会员证参加展览。", "A9-10", NONE, ""),
    # hype that makes following the price of the rest
    ("惊爆！某网红餐厅后厨竟然这样处理剩菜……点击关注查看全文。", "A16-01", BLOCKED, "查看全文"),
    ("关注本号，后台回复“医保”即可查看全文办事指南。", "A16-01", NONE, ""),
    # following made compulsory with a penalty
    ("各村民小组每户必须关注镇公众号，不关注的明年评优一律没份。", "A16-01", BLOCKED, "强制关注"),
    ("本校不以是否关注公众号作为评优条件，未关注的家长也能收到班级通知。", "A16-01", NONE, ""),
    ("未关注本号的居民同样可以通过12345热线办理低保业务。", "A16-01", NONE, ""),
    # the penalty of those who do not comply is a threat, not a refusal (rebuttal.negated)
    (
        "单位要求职工拉亲友关注本单位视频号，未完成的员工不能参加年底评优。",
        "A16-01",
        BLOCKED,
        "强制关注",
    ),
    # a draw counted out after a follow (the sequence rule)
    ("点赞本文并关注我们，抽五名幸运读者送价值两百元的图书卡。", "A16-01", BLOCKED, "抽奖"),
    ("欢迎关注本号，抽一点时间读读这份办事指南。", "A16-01", NONE, ""),
    # paid rites of superstition
    ("活佛下周来小区给孩子摸顶，一次五百元。", "A9-05", BLOCKED, "迷信活动收费"),
    ("本店代办冥婚，双方八字相合，价格面议。", "A9-05", BLOCKED, "迷信活动收费"),
    ("村规民约提倡移风易俗，不请人驱鬼，不搞封建迷信。", "A9-05", NONE, ""),
    # a crowd called to storm an organ
    ("明天早上八点大家一起去围镇政府，冲进去找书记要个说法！", "A9-09", BLOCKED, "冲击、围堵"),
    ("县公安局对聚众冲击镇政府的事件依法处置。", "A9-09", NONE, ""),
    # papers passed on before they are published
    ("局里的会议纪要还没定稿，我先发给大家看看，别往外传。", "A9-11", BLOCKED, "擅自转发"),
    ("会议纪要经审核后正式公布，此前请勿先发给大家传阅。", "A9-11", NONE, ""),
    # a pupil's identity posted beside a tragedy
    ("快讯：某中学一名学生跳楼，附该生照片和家庭住址。", "A9-11", BLOCKED, "个人信息"),
    ("学校提醒：媒体报道不得公开学生姓名和家庭住址，保护未成年人隐私。", "A9-11", NONE, ""),
    (
        "寻人启事：该生十二日放学后未回家，家住城东小区，附照片，请知情者与派出所联系。",
        "A9-11",
        NONE,
        "",
    ),
    # attacks sold as a service
    ("承接DDoS攻击服务，包月价格优惠，联系客服下单。", "A9-13", BLOCKED, "网络攻击"),
    ("网信办提醒：网站遭受DDoS攻击时应及时启动应急预案。", "A9-13", NONE, ""),
    # the flag or the emblem parodied or laid on the floor; being Chinese called a shame
    ("下期互动：征集恶搞版国旗图片，评论区点赞最多的上头条。", "A9-03", BLOCKED, "国家荣誉"),
    ("网店上新：印着国徽图案的门垫，进门踩一踩。", "A9-03", BLOCKED, "国家荣誉"),
    ("依法维护国旗尊严，严禁恶搞国旗国徽。", "A9-03", NONE, ""),
    ("我这辈子最后悔的就是生在中国，是我的耻辱。", "A9-03", BLOCKED, "耻辱"),
    ("铭记百年国耻，勿忘那段屈辱历史。", "A9-03", NONE, ""),
    ("只要给钱，出卖国家利益又怎样，谁在乎。", "A9-03", BLOCKED, "出卖国家利益"),
    ("国家利益高于一切，任何人不得出卖国家利益。", "A9-03", NONE, ""),
    # a bomb lesson to a group
    ("老子教你们做炸弹，材料网上都能买。", "A9-07", BLOCKED, "炸弹"),
]

# The model flags the sentence and a round-18 strong word stands in it: an error that names
# the word. The counter-texts use the word in a rebuttal, a stance or a report.
ANCHORED = [
    ("听说自来水厂要停水一个月，大家快转发，赶紧去超市抢米抢油！", "A9-06", BLOCKED, "快转发"),
    ("网传“自来水厂停水一个月，要赶紧抢米抢油”系谣言，请勿转发。", "A9-06", NONE, ""),
    ("那个开药店的赵某是个强奸犯，大家别去他店里买药。", "A9-08", BLOCKED, "大家别去"),
    ("法院以强奸罪判处被告人有期徒刑五年。", "A9-08", NONE, ""),
    ("谁惹你了跟我说，打断腿一条三千，我帮你动手。", "A9-07", BLOCKED, "打断腿"),
    ("专办假学历，学信网可查，三天出证。", "A9-13", BLOCKED, "假学历"),
    ("学信网可查询学历证书真伪，谨防假学历诈骗。", "A9-13", NONE, ""),
    ("我支持西北五省独立建国，早点分裂出去。", "A9-02", BLOCKED, "独立建国"),
    ("那个民族的人又懒又脏，见到就撵出去。", "A9-04", BLOCKED, "撵出去"),
    ("各民族一律平等，任何人不得歧视少数民族群众。", "A9-04", NONE, ""),
    ("我们坚持党的领导，反对照搬西方多党竞选。", "A9-01", NONE, ""),
    # a fraud word that calls a person names excuses nothing; one that calls a claim a scam does
    ("楼下开超市的王某某就是个骗子加无赖，大家别去他店里买东西。", "A9-08", BLOCKED, "大家别去"),
    ("“买保健品能治百病，大家别去医院”是骗子的话术，请勿相信。", "A9-08", NONE, ""),
]


@pytest.mark.parametrize(("text", "rule", "expected", "named"), COMBINATIONS + ANCHORED)
def test_each_class_blocks_its_violations_and_leaves_its_legitimate_texts(
    checker: RuleChecker, text: str, rule: str, expected: set[str], named: str
) -> None:
    judged_named(checker, text, rule, expected, named)


@pytest.mark.parametrize(
    ("text", "rule", "named"), [(t, r, n) for t, r, e, n in ANCHORED if e == BLOCKED]
)
def test_an_anchored_error_comes_from_a_round_18_word(text: str, rule: str, named: str) -> None:
    """The raised cases are raised by the words this round added, not by another rule."""
    semantic = "S16" if rule == "A16-01" else "S" + rule[1:]
    assert named in anchors()[semantic]


@pytest.mark.parametrize(
    ("sentence", "refuting"),
    [
        ("王某就是个骗子加无赖，大家别去他店里。", False),
        ("卖家是个骗子、诈骗犯，大家别买。", False),
        ("这是骗子的话术，请勿相信。", True),
        ("所谓“内部名额”就是个骗局。", True),
        ("网传停水一个月系谣言。", True),
    ],
)
def test_a_fraud_word_that_calls_a_person_names_refutes_nothing(
    sentence: str, refuting: bool
) -> None:
    assert refutes(sentence) is refuting


@pytest.mark.parametrize(
    ("text", "word", "refusal"),
    [
        ("未完成的员工不能参加年底评优。", "年底评优", False),
        ("员工不能参加年底评优。", "年底评优", True),
        ("本校不开展“关注抽奖”活动。", "关注抽奖", True),
        ("名单不公示身份证号。", "身份证号", True),
    ],
)
def test_a_penalty_for_who_does_not_comply_negates_nothing(
    text: str, word: str, refusal: bool
) -> None:
    at = text.index(word)
    assert negated(text, at, at + len(word)) is refusal
