"""Issue 12, round 19 (lexical, blocking): plain wordings of the written registers found but
only warned, or missed.

Set 17 (commentaries, essays, letters, minutes, papers) and sets 7–16 left plain wordings
without an error of their item for three causes besides item （十二）'s opinions (warnings
by design): a refuting word that is the violation's own (a rumour waved away, ``谣言也好``,
``别信辟谣``; history denied in its own voice, ``…根本不存在``) read as a refutation or a
frame; strong words of the written register no list named (``举双手赞成``, ``人渣``,
``不在民政部门登记``); and classes no combination read — a body with its own seal, minutes
not yet published copied out in full, secret data disclosed, pupils of an ethnic group kept
apart, sex services to a gathering, a march to besiege an organ, exam questions sold,
protected wildlife offered without a trade word. Every text here is written
for these tests; each class has legitimate texts of the same shape, in formal registers too
(court releases, statistics bulletins, museum and archive texts), that stay unblocked."""

from __future__ import annotations

import pytest

from pipeline.rules import RuleChecker
from pipeline.rules.anchored import anchors, dismissed, refutes
from tests.test_rules_round12_evasion import BLOCKED, NONE, checker, judged_named

__all__ = ["checker"]  # the module-scoped fixture, shared with round 12's tests

# (text, rule, expected, what a message of ``rule`` names: the strong word or the rule's text)
COMBINATIONS = [
    # a body that says in writing it is registered nowhere, and charges
    (
        "“华夏书画名家联谊总会”声明：本会不向任何部门备案，各省理事由总会聘任，每人缴纳年费一万元。",
        "A9-10",
        BLOCKED,
        "未经登记",
    ),
    (
        "市民政局公告：“华夏书画名家联谊总会”未在民政部门登记，以其名义收取会费属非法社会组织活动，依法予以取缔。",
        "A9-10",
        NONE,
        "",
    ),
    # its own seal and its own name
    (
        "研究会私下自刻公章，对外一律用协会名义签合同。",
        "A9-10",
        BLOCKED,
        "未经登记",
    ),
    (
        "区人民法院审结一起伪造印章案：被告人私刻公章，以某协会名义发函骗取赞助，以伪造印章罪判处有期徒刑一年。",
        "A9-10",
        NONE,
        "",
    ),
    # minutes not yet published copied out in full
    (
        "尚未公布的内部会议纪要流出，几位局长的发言很精彩，照录如下，供大家参考。",
        "A9-11",
        BLOCKED,
        "尚未发布",
    ),
    (
        "市统计局第三季度统计分析会议纪要经局务会审定，现予公开，全文如下。",
        "A9-11",
        NONE,
        "",
    ),
    # secret data or drawings disclosed, or sold abroad
    (
        "本文附录首次公开某型号雷达的涉密数据，并与公开文献逐项比对。",
        "A9-02",
        BLOCKED,
        "涉密数据",
    ),
    (
        "市档案馆首次公开一批已解密的绝密级电报，展出至年底。",
        "A9-02",
        NONE,
        "",
    ),
    # pupils or tenants of an ethnic group kept apart; a group called dirty
    (
        "物业群里有人说：以后那个族的就该分开住，别跟我们一个单元。",
        "A9-04",
        BLOCKED,
        "排斥",
    ),
    ("有人在文章里写回民不讲卫生，真是说到我心里了。", "A9-04", BLOCKED, "贬低"),
    (
        "市民族宗教局：房东不得以民族身份不租给承租人，回族群众遇到此类歧视可拨打12345投诉。",
        "A9-04",
        NONE,
        "",
    ),
    (
        "市博物馆回族民俗展介绍：回族群众讲究洁净，重视饮食卫生。",
        "A9-04",
        NONE,
        "",
    ),
    # sex services to a gathering
    (
        "年会结束后有特殊服务安排，已建好群，想参加的扫码。",
        "A9-07",
        BLOCKED,
        "色情",
    ),
    (
        "市养老服务中心为失能老人提供上门按摩、夜间陪护一条龙服务，扫码预约。",
        "A9-07",
        NONE,
        "",
    ),
    (
        "市公安局通报：警方破获一个以“包夜”“全套服务”招揽嫖娼的团伙，抓获犯罪嫌疑人五名。",
        "A9-07",
        NONE,
        "",
    ),
    # exam questions sold before the exam; the police's warning of the same lure
    (
        "报名笔试的私信我，开考前一天提前拿到试题，每科三万，出分后结清尾款。",
        "A9-13",
        BLOCKED,
        "试题",
    ),
    (
        "市公安局提醒：自称考前能拿到题、一科收费数万元的，均为诈骗，请勿轻信。",
        "A9-13",
        NONE,
        "",
    ),
    # protected wildlife offered without a trade word; a rescue centre's report
    ("山上套到两只穿山甲，谁要活的，晚上送到村口。", "A9-13", BLOCKED, "野生动物"),
    (
        "市野生动物救护中心收治一只受伤的穿山甲，经救治后已放归山林。",
        "A9-13",
        NONE,
        "",
    ),
    # a march to besiege an organ
    (
        "工友们，周一大家一起去，把区政府围了，不给说法不走！",
        "A9-09",
        BLOCKED,
        "聚众",
    ),
    (
        "市革命纪念馆新展：一九二七年工人走上街头，包围县署，这是本市工人运动的开端。",
        "A9-09",
        NONE,
        "",
    ),
]

# The model flags the sentence and a round-19 strong word stands in it, or a refuting word
# is the violation's own: an error. The counter-texts report, refute or warn.
ANCHORED = [
    # history denied in the speaker's own voice; the rebuttal that reports the denial
    (
        "读后感：抗战时期的大屠杀根本不存在，教科书该改了。",
        "A9-03",
        BLOCKED,
        "根本不存在",
    ),
    (
        "纪念馆展览以铁证驳斥日本右翼所谓“大屠杀根本不存在”的谬论。",
        "A9-03",
        NONE,
        "",
    ),
    # a rumour waved away by its own author; the bureau's rebuttal
    (
        "不管是不是谣言，听说自来水厂被污染了，家里的水赶紧全部放掉，快转发！",
        "A9-06",
        BLOCKED,
        "快转发",
    ),
    (
        "市水务局辟谣：网传“自来水厂被污染”系谣言，请市民不要转发。",
        "A9-06",
        NONE,
        "",
    ),
    # the written register's strong words
    (
        "评论：把边境的岛屿送给邻国有何不可，我举双手赞成。",
        "A9-03",
        BLOCKED,
        "举双手赞成",
    ),
    (
        "镇人民代表大会审议通过新建卫生院的议案，代表们举双手赞成。",
        "A9-03",
        NONE,
        "",
    ),
    (
        "那个开饭馆的老刘是个人渣，短斤少两还打人，大家转发揭露这个人。",
        "A9-08",
        BLOCKED,
        "人渣",
    ),
    (
        "区人民法院一审宣判：被告人在网络上称他人为“人渣”并散布不实信息，构成诽谤罪。",
        "A9-08",
        NONE,
        "",
    ),
    (
        "“亚太企业家联合会”不在民政部门登记，招收会员单位，副会长一席三万元。",
        "A9-10",
        BLOCKED,
        "未经登记",
    ),
]


@pytest.mark.parametrize(("text", "rule", "expected", "named"), COMBINATIONS + ANCHORED)
def test_each_class_blocks_its_violations_and_leaves_its_legitimate_texts(
    checker: RuleChecker, text: str, rule: str, expected: set[str], named: str
) -> None:
    judged_named(checker, text, rule, expected, named)


@pytest.mark.parametrize(
    ("rule", "word"),
    [
        ("S9-03", "举双手赞成"),
        ("S9-08", "人渣"),
        ("S9-08", "转发揭露"),
        ("S9-10", "不在民政部门登记"),
        ("S9-10", "不向任何部门备案"),
    ],
)
def test_the_round_19_strong_words_are_data(rule: str, word: str) -> None:
    assert word in anchors()[rule]


@pytest.mark.parametrize(
    ("sentence", "refuting"),
    [
        ("谣言也罢，反正明早停气三天，赶快囤罐。", False),
        ("别信辟谣，这药就是能治癌。", False),
        ("那场大屠杀是后人编出来的谎言。", False),
        ("这些英烈故事根本不存在。", False),
        # a denial reported, or a claim called a rumour, still refutes
        ("日本右翼妄称南京大屠杀不存在，铁证如山。", True),
        ("所谓“大屠杀不存在”是彻头彻尾的谎言。", True),
        ("有关超市断货的说法系谣言。", True),
    ],
)
def test_a_refutation_waved_away_or_history_denied_refutes_nothing(
    sentence: str, refuting: bool
) -> None:
    assert refutes(sentence) is refuting


def test_the_dismissed_words_keep_every_offset() -> None:
    text = "谣言也好，快去取钱。辟谣如下。"
    kept = dismissed(text)
    assert len(kept) == len(text)
    assert "谣言" not in kept[:5] and kept[5:] == text[5:]
