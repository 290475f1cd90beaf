"""Issue 12, round 26 (lexical, blocking): plain wordings found but only warned.

Training sets 7–23 were read for the plain wordings that had a finding of their item but no
error (item （十二）'s tempers aside, warnings by design). Causes, each fixed as a class in
the rule data: the regulation's label granted or the act begun in the writer's voice (``…就
宣扬吧``, ``…就从我们…开始``), item （十一）'s second label (the region's image) owned, a leak
waved through (``看看无妨``) after the regulation's own words (``不应对外公开``), a rumour that
shrugs off its label or tags itself as none before a call, a chain message's call, a threat
of death said as a promise, fraud taught, a crowd sent after a person, a march called for as
a question or with the approval waived, believers' benefits withdrawn, a public service given
only to followers, the motherland disowned with a demonstrative (``这个祖国…``). Every text here is written for these tests; each class has legitimate
texts of the same shape (enforcement news, warnings, 辟谣, 普法) that stay unblocked."""

from __future__ import annotations

import pytest

from pipeline.rules import RuleChecker
from pipeline.rules.anchored import dismissed
from tests.test_rules_round12_evasion import BLOCKED, UNBLOCKED, checker, verdict

__all__ = ["checker"]  # the module-scoped fixture, shared with round 12's tests

# (text, rule, expected, what an error's message names)
OWNED = [
    # the act begun and planned under its legal name
    ("大伙听好，分裂国家就从我们寨子开始，先占领乡政府大楼。", "A9-02", BLOCKED, "自居"),
    ("防范危害国家安全的行为，就从我们每个人做起。", "A9-02", UNBLOCKED, ""),
    ("国家安全机关披露：境外间谍企图颠覆国家政权，先占领舆论阵地。", "A9-02", UNBLOCKED, ""),
    ("全市开展打击危害国家安全违法犯罪统一行动。", "A9-02", UNBLOCKED, ""),
    # the superstition label granted
    ("骂我封建迷信，迷信就迷信，这道符贴在门上保平安。", "A9-05", BLOCKED, "封建迷信"),
    ("破除封建迷信，信则灵的说法不可信。", "A9-05", UNBLOCKED, ""),
    ("很多人说封建迷信信则灵，其实是心理作用。", "A9-05", UNBLOCKED, ""),
    # the rumour's label shrugged off
    ("造谣又怎么样，我就说县医院的疫苗全是过期的，有本事来抓我。", "A9-06", BLOCKED, "造谣"),
    ("有人在群里说“造谣又怎么样”，县公安局已依法对其行政拘留。", "A9-06", UNBLOCKED, ""),
    # the region's image harmed on purpose
    ("抹黑家乡又怎样，我就要把镇上最脏的地方拍出来发抖音。", "A9-11", BLOCKED, "区域形象"),
    ("网警提醒：为博流量恶意丑化家乡、影响区域形象的，将依法处理。", "A9-11", UNBLOCKED, ""),
    # the motherland disowned with a demonstrative
    ("守边这么多年图什么，这个祖国不值得爱，我把军装都扔了。", "A9-03", BLOCKED, "国家荣誉"),
    ("有人在网上说“这个祖国不值得爱”，这种历史虚无主义论调必须批驳。", "A9-03", UNBLOCKED, ""),
    # a leak waved through after the regulation's own words
    ("这份方案不对外公开，发给你们看看也无妨。", "A9-11", BLOCKED, "擅自外传"),
    ("征求意见稿暂不对外公开，正式发布后再发到外面的群。", "A9-11", UNBLOCKED, ""),
]


@pytest.mark.parametrize(("text", "rule", "expected", "named"), OWNED)
def test_a_label_granted_or_an_act_begun_is_blocked(
    checker: RuleChecker, text: str, rule: str, expected: set[str], named: str
) -> None:
    verdict(checker, text, rule, expected, named)


CALLS = [
    # a chain message's call and a rumour tagged as none before a call
    ("县里水库要垮坝了 快传 不传的害死全家", "A9-06", BLOCKED, "快传"),
    ("辟谣：网传“水库要垮坝，快传”系谣言，请勿转发。", "A9-06", UNBLOCKED, ""),
    (
        # Round 58: ``不是谣言`` is no rebuttal now, so the hearsay rule's error stands in
        # place of the model's raise on ``瞒着不说``.
        "听说下周全县停水半个月，自来水公司瞒着不说，这不是谣言，赶紧去超市囤水！",
        "A9-06",
        BLOCKED,
        "号召抢购",
    ),
    (
        "网传“停止供油”，经核实这不是谣言，市发改委已发布检修公告，请合理安排出行。",
        "A9-06",
        UNBLOCKED,
        "",
    ),
    # a threat of death said as a promise; fraud taught
    ("再拖欠工资我就把老板全家烧死，说到做到。", "A9-07", BLOCKED, "全家烧死"),
    ("男子扬言“把老板全家烧死”，被警方依法行政拘留。", "A9-07", UNBLOCKED, ""),
    ("教你一招：用去世老人的身份证继续冒领养老金，社保查不出来。", "A9-07", BLOCKED, "教唆犯罪"),
    ("社保局教你一招，识别冒领养老金的骗局。", "A9-07", UNBLOCKED, ""),
    ("社保局工作人员手把手教你们如何认证，防止养老金被冒领。", "A9-07", UNBLOCKED, ""),
    # a crowd sent after a person
    (
        "那个收红包的护士长，谁认识她就把她的名字发群里，让大家去骂她。",
        "A9-08",
        BLOCKED,
        "让大家去骂",
    ),
    (
        "网警提醒：号召“让大家去骂她”的网暴行为涉嫌违法，情节严重的将依法追究责任。",
        "A9-08",
        UNBLOCKED,
        "",
    ),
    # a march called for as a question
    ("拆迁款不到位，咱们是不是该组织一次游行？谁报名？", "A9-09", BLOCKED, "游行"),
    (
        "律师答疑：想组织一次游行，需向公安机关提出申请，获得许可后方可举行。",
        "A9-09",
        UNBLOCKED,
        "",
    ),
    ("元宵节民俗大游行本周六举行，市民可报名参加。", "A9-09", UNBLOCKED, ""),
    ("周六大家上街搞一次大扫除，谁报名？", "A9-09", UNBLOCKED, ""),
    ("据外媒报道，该组织周末在首都举行大游行。", "A9-09", UNBLOCKED, ""),
]


@pytest.mark.parametrize(("text", "rule", "expected", "named"), CALLS)
def test_calls_threats_and_crimes_taught_are_blocked(
    checker: RuleChecker, text: str, rule: str, expected: set[str], named: str
) -> None:
    verdict(checker, text, rule, expected, named)


CONDITIONS = [
    # believers' benefits withdrawn, the freedom of belief waved off
    ("凡是去寺庙烧香的，明年一律停发补助。", "A9-05", BLOCKED, "宗教信仰自由"),
    ("宗教信仰自由到了我们厂就不好使，谁做礼拜就扣奖金。", "A9-05", BLOCKED, "宗教信仰自由"),
    (
        "民政局：低保审核不得以是否信教为条件，某村以进教堂为由取消低保的做法已被纠正。",
        "A9-05",
        UNBLOCKED,
        "",
    ),
    (
        "宪法保障公民宗教信仰自由，任何组织和个人不得强制公民信仰或不信仰宗教。",
        "A9-05",
        UNBLOCKED,
        "",
    ),
    # a public service given only to followers
    ("来办社保卡的，必须先关注我们的公众号才给办。", "A16-01", BLOCKED, "办事条件"),
    ("关注公众号即可在线预约，不关注也可到窗口办理。", "A16-01", UNBLOCKED, ""),
    ("请各科室先关注局公众号，才给你们推送学习资料。", "A16-01", UNBLOCKED, ""),
    (
        "通报：某窗口要求群众必须先关注公众号才给办理业务，属于形式主义，已责令整改。",
        "A16-01",
        UNBLOCKED,
        "",
    ),
]


@pytest.mark.parametrize(("text", "rule", "expected", "named"), CONDITIONS)
def test_conditions_on_belief_and_on_following_are_blocked(
    checker: RuleChecker, text: str, rule: str, expected: set[str], named: str
) -> None:
    verdict(checker, text, rule, expected, named)


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        # the tag before a call to act on the rumour is the rumour's own voice
        ("这不是谣言，赶紧去取钱。", False),
        ("这不是谣言，快转给家人！", False),
        # a report confirms a notice and cites it
        ("这不是谣言，人社部已发文。", True),
        ("这不是谣言。赶紧去看看官方通知。", True),
        # the rumour's label shrugged off; a report of it keeps its frame
        ("散布谣言又怎样？", False),
        ("散布谣言也无所谓。", False),
        ("散布谣言者已被处罚。", True),
    ],
)
def test_a_rumours_tag_before_a_call_and_its_label_shrugged_frame_nothing(
    text: str, kept: bool
) -> None:
    assert ("谣言" in dismissed(text)) is kept
