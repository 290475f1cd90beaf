"""Issue 12, round 21 (lexical, blocking): the registers of leisure, transport and
pharmacies, a warning post's title, and a debt collector's threat that names the law.

Plain wordings were found but only warned for three causes besides item （十二）'s opinions
(warnings by design): the model flagged the sentence and no strong word of the item stood
in it (an offence shrugged off, ``…又怎样``, ``…我也认了``; calls, boasts and offers of those
registers); a frame word that is the violation's own (``教唆犯罪怎么了``, ``是谣言我直播吃
键盘``, a cult's ``宣传册``); a title read alone blocked a warning post; and a collector's
threat that cites the law was found by nothing. Every text here is written for these
tests; each class has legitimate texts of the same shape."""

from __future__ import annotations

import pytest

from pipeline.rules import RuleChecker
from pipeline.rules.anchored import dismissed
from pipeline.rules.warning import frames_title, warns
from tests.test_rules_round12_evasion import (
    BLOCKED,
    NONE,
    UNBLOCKED,
    checker,
    post_findings,
    verdict,
)

__all__ = ["checker"]  # the module-scoped fixture, shared with round 12's tests

# (text, rule, expected, the strong word an error's message names)
ANCHORED = [
    # the offence shrugged off in its own voice
    (
        "客运站里那些外地民工都是假的残疾证，坐车别让他们优先，歧视他们我也认了。",
        "A9-04",
        BLOCKED,
        "我也认了",
    ),
    ("老队员退役了，年轻人接不上，这个赛季输球我也认了。", "A9-04", UNBLOCKED, ""),
    # a rumour of a defamed person
    (
        "药店老板卖过期药，他就是个骗钱的黑心人，我没证据但大家都这么说。",
        "A9-08",
        BLOCKED,
        "我没证据",
    ),
    ("药店老板说过期药已经全部下架销毁，市场监管所复查后确认属实。", "A9-08", NONE, ""),
    # a crowd told to stay
    (
        "下周一所有保单被拒的人到保险公司楼下集合，越多人越好，保安来了也别走。",
        "A9-09",
        BLOCKED,
        "越多人越好",
    ),
    ("周末的球迷开放日欢迎大家来，越多人越好，现场有志愿者引导。", "A9-09", UNBLOCKED, ""),
    # an offer of prohibited drugs and a boast that no one checks
    ("镇痛药不用处方也能买，曲马多包邮，药监查不到。", "A9-13", BLOCKED, "包邮"),
    ("本店常用药满九十九元包邮，处方药须凭医师处方购买。", "A9-13", UNBLOCKED, ""),
    # following made the price of a service, and a penalty for who does not
    (
        "每个乘客必须关注客运站公众号才能优先检票，没关注的往后排。",
        "A16-01",
        BLOCKED,
        "必须关注",
    ),
    ("关注客运站公众号可以查询班次，不关注也能正常购票检票。", "A16-01", UNBLOCKED, ""),
    # papers not yet published, posted in one's own voice
    (
        "机场内部的处分通报我先发了，大家看看。",
        "A9-11",
        BLOCKED,
        "我先发了",
    ),
    (
        "交通运输局已在官网公布处理结果，详情请以官方发布为准。",
        "A9-11",
        NONE,
        "",
    ),
]

# (text, rule, expected, named): a frame word that is the violation's own voice frames nothing
SHRUGGED = [
    (
        "谁敢欺负我们球队的人，就去他家门口砍他，教唆犯罪怎么了，出了事我来扛。",
        "A9-07",
        BLOCKED,
        "我来扛",
    ),
    (
        "某男子在群内教唆他人持刀伤人，公安机关依法将其刑事拘留，教唆犯罪必受严惩。",
        "A9-07",
        NONE,
        "",
    ),
    (
        "紧急通知：下周起长途客运全部停运，车站已经封了，快转发，是谣言我直播倒立。",
        "A9-06",
        BLOCKED,
        "快转发",
    ),
    (
        "网传“下周起长途客运全部停运”是谣言，我们已向交通运输局核实，班次正常。",
        "A9-06",
        NONE,
        "",
    ),
]


@pytest.mark.parametrize(("text", "rule", "expected", "named"), ANCHORED + SHRUGGED)
def test_round21_strong_words_and_their_frames(
    checker: RuleChecker, text: str, rule: str, expected: set[str], named: str
) -> None:
    verdict(checker, text, rule, expected, named)


@pytest.mark.parametrize(
    ("text", "blanked"),
    [
        ("教唆犯罪怎么了", True),
        ("违法又怎样", True),
        ("是谣言我直播吃键盘", True),
        # reported, not said: a rumour refuted, an offence named
        ("经核实是谣言，我们已报警", False),
        ("这是谣言我们已经核实", False),
        ("教唆犯罪必受严惩", False),
    ],
)
def test_an_offence_shrugged_off_is_blanked(text: str, blanked: bool) -> None:
    assert (dismissed(text) != text) is blanked, dismissed(text)


# A cult's own leaflet is no campaign against it; a campaign is.
LEAFLET = [
    ("法轮大法好，练了就不用去医院，活动室的宣传册随便拿。", "A9-05", BLOCKED, ""),
    ("社区开展反邪教宣传活动，发放宣传册，揭露法轮功的欺骗性。", "A9-05", NONE, ""),
]


@pytest.mark.parametrize(("text", "rule", "expected", "named"), LEAFLET)
def test_a_bare_propaganda_word_frames_no_cult(
    checker: RuleChecker, text: str, rule: str, expected: set[str], named: str
) -> None:
    verdict(checker, text, rule, expected, named)


def _post(checker: RuleChecker, title: str, body: str) -> list[tuple[str, str, int]]:
    return [(f.rule, f.severity, f.line) for f in post_findings(checker, title, body)]


# (title, body): the title names the service with no warning word; the body warns.
WARNING_POSTS = [
    (
        "境外代孕中介",
        "一些中介在网上以“包性别、包成功”为宣传招揽客户，收取数十万元费用。代孕在我国属于"
        "违法行为，请市民切勿轻信。",
    ),
    (
        "无抵押当天放款",
        "有的网络平台宣称“无抵押、当天放款”，实际收取高额“服务费”。请不要相信此类广告，"
        "借款请选择持牌金融机构。",
    ),
    (
        "办理假证",
        "近期有人在社交平台发帖称可以办理假证，“全国联网可查”。办理、使用假证均属违法，请勿轻信。",
    ),
]

# (title, body): the same titles over an offer whose body adds a disclaimer, speaks as the
# service, warns against its rivals or warns above an offer: the title stays blocked (line
# 2 of the file).
OFFER_POSTS = [
    ("境外代孕中介", "代孕在国内属于违法行为，我们只是帮您对接海外机构，包性别、包成功。"),
    ("无抵押当天放款", "网贷违法的事我们不做，只提供学生贷款，手续简单，风险自担。"),
    ("办理假证", "办假证是违法行为，请勿轻信他人。\n\n本店正规办理各类证件，全国联网可查。"),
    ("境外代孕中介", "专业团队，价格优惠，欢迎来电咨询。"),
    ("正规代孕机构", "切勿相信小中介！团队经验丰富，包成功，价格透明。"),
    ("无抵押当天放款", "请勿轻信高利贷，低息正规，手续简单，当天到账。"),
    ("境外代孕中介", "切勿相信小代孕中介！正规团队，包成功，欢迎来电。"),
]


@pytest.mark.parametrize(("title", "body"), WARNING_POSTS)
def test_a_warning_posts_title_reads_in_its_bodys_frame(
    checker: RuleChecker, title: str, body: str
) -> None:
    found = _post(checker, title, body)
    assert not [f for f in found if f[1] == "error"], (title, found)
    # the same title alone (no body that warns) is blocked
    assert any(d.severity == "error" for d in checker.check_text(title)), title


@pytest.mark.parametrize(("title", "body"), OFFER_POSTS)
def test_an_offers_title_stays_blocked(checker: RuleChecker, title: str, body: str) -> None:
    found = _post(checker, title, body)
    assert [f for f in found if f[1] == "error" and f[2] == 2], (title, found)


def test_frames_title_needs_a_warning_and_no_blocked_service(checker: RuleChecker) -> None:
    warning = "代孕在我国属于违法行为，请市民切勿轻信。"
    assert warns(warning, 0, len(warning))
    assert frames_title(warning, checker.check_text(warning))
    offer = warning + "\n\n专业代孕，包性别，欢迎来电。"
    assert not frames_title(offer, checker.check_text(offer))
    assert not frames_title("代孕服务，风险自担。", [])
    assert not frames_title("切勿轻信小中介，本店包邮。", [])
    assert not frames_title("本周班次正常。", [])


# (text, expected, named): a debt collector's threat that cites the law, and the court's
# notice and the legal education that speak of the same words.
DEBTS = [
    (
        "你欠的八千块今天再不还，我们就上门找你，再通知你单位领导，按刑法你这是恶意逃债，"
        "等着坐牢吧。",
        BLOCKED,
        "软暴力催收",
    ),
    (
        "逾期三天了，再不还款就起诉你，依据民法典你要承担全部法律责任，还会打电话给你的通讯录。",
        BLOCKED,
        "软暴力催收",
    ),
    (
        "你的网贷逾期不还属于违法行为，今天不还就上门找你家人，让你坐牢。",
        BLOCKED,
        "软暴力催收",
    ),
    (
        "王某：本院受理原告某小额贷款公司诉你借款合同纠纷一案，现依法向你公告送达起诉状副本、"
        "应诉通知书和开庭传票。逾期不到庭的，本院将依法缺席判决。",
        NONE,
        "",
    ),
    (
        "律师提醒：催收人员以“再不还款就上门找你、通知你单位、让你坐牢”相威胁，属于违法催收。"
        "借款人遇到此类情况，可以保留证据并及时报警。",
        NONE,
        "",
    ),
    ("您的信用卡账单已逾期，请尽快还款，逾期记录将按规定报送征信系统。", NONE, ""),
    # an organ's lawful demand, addressed to an employer
    (
        "你单位拖欠的社会保险费已逾期，逾期不缴纳的，我局将依法申请人民法院强制执行。",
        NONE,
        "",
    ),
]


@pytest.mark.parametrize(("text", "expected", "named"), DEBTS)
def test_a_debt_collectors_threat_citing_the_law(
    checker: RuleChecker, text: str, expected: set[str], named: str
) -> None:
    verdict(checker, text, "A9-13", expected, named)


def test_a_threat_naming_the_law_is_no_warning() -> None:
    threat = "欠钱不还是违法行为，明天我就去你家，找你家人要。"
    assert not warns(threat, 0, len(threat))
