"""Issue 12, round 10: legitimate posts that name a word only to deny it, disown it or ask
about it never block (held-out set 10 blocked three), and devices of set 10's evasions
handled as classes. Each class has legitimate texts and violating texts of the same shape;
the texts are written for these tests."""

from __future__ import annotations

import pytest

from pipeline.rules import RuleChecker
from pipeline.rules.kinds import ENFORCEMENT, ORDINARY
from pipeline.rules.rebuttal import asked, denied, rebutted, so_called

NONE: set[str] = set()
WARNED = {"warning"}
BLOCKED = {"error"}


@pytest.fixture(scope="module")
def checker() -> RuleChecker:
    return RuleChecker(None)


def judged(checker: RuleChecker, text: str, rule: str, kind: str, expected: set[str]) -> None:
    """``rule``'s severities on ``text`` are ``expected`` (an error among them when
    ``expected`` is :data:`BLOCKED`)."""
    got = {d.severity for d in checker.check_text(text, kind) if d.rule == rule}
    assert ("error" in got) if expected == BLOCKED else got == expected, (text, got)


# -- class 1: a denial right before the words --------------------------------------------

DENIALS = [
    (
        "本馆举办“我眼中的家乡”征文活动，投稿不需要点赞、评论或转发，也不设任何抽奖。",
        "A16-01",
        NONE,
    ),
    ("镇里的防汛预案已经公布，我镇没有任何封城计划，请大家照常生活。", "A9-06", NONE),
    # Only the follow is waived; the lottery is offered.
    ("无需关注，转发本条即可参与抽奖，送出十份年货。", "A16-01", BLOCKED),
    # One clause, but the denial is a condition of the offer.
    ("不需要关注点赞即可抽奖送出好礼。", "A16-01", BLOCKED),
    ("不需要关注、转发，评论就送出新年台历。", "A16-01", BLOCKED),
    ("关注转发不需要花钱，抽奖送出手机。", "A16-01", BLOCKED),
]


@pytest.mark.parametrize(("text", "rule", "expected"), DENIALS)
def test_a_denial_right_before_every_part_of_a_finding_drops_it(
    checker: RuleChecker, text: str, rule: str, expected: set[str]
) -> None:
    judged(checker, text, rule, ORDINARY, expected)


def test_denied_reads_a_list_and_a_second_clause() -> None:
    text = "参加活动不需要关注、转发或点赞，也不设任何抽奖。"
    assert denied(text, text.index("关注"), text.index("抽奖") + 2)
    assert denied(text, text.index("点赞"), text.index("抽奖") + 2)
    offer = "参加活动不需要关注，转发就抽奖。"
    assert not denied(offer, offer.index("关注"), offer.index("抽奖") + 2)


# -- class 2: a so-called quotation that its sentence condemns -----------------------------

SO_CALLED = [
    ("所谓“刷粉”“买粉”服务违反《反不正当竞争法》，商户切莫花钱上当。", NONE),
    ("网上所谓“涨粉”套餐多是骗局，付款后对方即拉黑。", NONE),
    ("所谓“刷粉”其实很安全，十元一千粉，秒到。", BLOCKED),
    # Condemned, but the finding is not the quotation.
    ("所谓“谣言”全是骗局，刷粉找我，十元一千。", BLOCKED),
    # The sentence calls the so-called service true and the condemnation someone else's.
    ("所谓“刷粉”本来就是事实，说它违法才是谎言，十元一千粉。", BLOCKED),
]


@pytest.mark.parametrize(("text", "expected"), SO_CALLED)
def test_a_so_called_quotation_condemned_in_its_sentence_is_no_finding(
    checker: RuleChecker, text: str, expected: set[str]
) -> None:
    judged(checker, text, "A16-01", ORDINARY, expected)


def test_so_called_needs_the_quotation_to_follow_so_called() -> None:
    text = "所谓“刷粉”“买粉”服务违反法律。"
    assert so_called(text, text.index("买粉"), text.index("买粉") + 2)
    plain = "他说“买粉”很划算，违法也无所谓。"
    assert not so_called(plain, plain.index("买粉"), plain.index("买粉") + 2)


# -- class 3: a rumour reported, then denied ---------------------------------------------

REBUTTALS = [
    ("有网友称“下周即将封城”。经核实，我市并无此安排，交通和商超一切正常。", ENFORCEMENT, NONE),
    ("有网友称“下周即将封城”。经核实，我市并无此安排，交通和商超一切正常。", ORDINARY, NONE),
    ("网传“下周即将封城”。亲戚在政府上班，消息可靠，快去囤货。", ORDINARY, BLOCKED),
    # A denial of a denial confirms the rumour.
    ("网传“下周即将封城”，政府并未否认，大家早做准备。", ORDINARY, BLOCKED),
]


@pytest.mark.parametrize(("text", "kind", "expected"), REBUTTALS)
def test_a_rumour_reported_and_denied_after_the_quotation_is_no_finding(
    checker: RuleChecker, text: str, kind: str, expected: set[str]
) -> None:
    judged(checker, text, "A9-06", kind, expected)


def test_rebutted_needs_a_denial_after_the_quotation() -> None:
    text = "有人称“下周即将封城”。这是真的。"
    assert not rebutted(text, text.index("即将"), text.index("封城") + 2)


# -- class 4: a question about the law, answered -----------------------------------------

QA = "问：帮朋友代开增值税发票收点手续费，犯法吗？答：犯法。没有真实交易开具发票属于虚开，依法追究责任。"
QUESTIONS = [
    (QA, ENFORCEMENT, NONE),
    # In an ordinary post the reviewer still sees it, but it does not block.
    (QA, ORDINARY, WARNED),
    ("代开发票违法吗？不违法，放心找我，价格优惠。", ENFORCEMENT, BLOCKED),
    ("帮人代开发票违法吗？", ORDINARY, BLOCKED),
]


@pytest.mark.parametrize(("text", "kind", "expected"), QUESTIONS)
def test_a_question_about_the_law_answered_unlawful_never_blocks(
    checker: RuleChecker, text: str, kind: str, expected: set[str]
) -> None:
    judged(checker, text, "A9-13", kind, expected)


def test_asked_needs_an_answer_that_calls_it_unlawful() -> None:
    assert not asked("帮人代开发票违法吗？", 2, 6)
    assert asked("帮人代开发票违法吗？答：违法。", 2, 6)


# -- devices of set 10's evasions: each read as the word it writes -----------------------
# (text, rule, expected): BLOCKED texts write a banned word in the device; NONE texts use
# the same device for ordinary words.

INVISIBLE_SEPARATORS = [
    ("加入门\u00ad徒\u00ad会，生病不用吃药。", "A9-05", BLOCKED),  # soft hyphen
    ("快转：银\u180e行\u180e要\u180e倒\u180e闭了", "A9-06", BLOCKED),  # Mongolian vowel separator
    ("法‖轮‖功‖好，大家跟着练。", "A9-05", BLOCKED),
    ("县农商银\u00ad行今年新开三个网点，方便群众办理业务。", "A9-06", NONE),
    ("一季度‖二季度‖三季度的数据见附表，轮‖功能区划见图。", "A9-05", NONE),
]
CIRCLED = [
    ("公众号后台密码：Ⓚⓟ⑦ⓧ②ⓜ＃⑤，别外传。", "A17-03", BLOCKED),
    ("报名须知：Ⓐ 报名时间 Ⓑ 报名地点 Ⓒ 所需材料，详见附件。", "A17-03", NONE),
]
TONE_NUMBERS = [
    ("那个物业经理就是个 chu4sheng1，天天欺负老人。", "A9-08", BLOCKED),
    ("本店谢绝 wei2zu2 顾客，请绕行。", "A9-04", BLOCKED),
    ("普通话小课堂：ni3hao3 就是“你好”，xie4xie4 就是“谢谢”。", "A9-08", NONE),
    ("设备型号 a1b2 与 e5 系列的参数见说明书。", "A9-08", NONE),
]
DIGIT_CHAINS = [
    ("打1倒2共3产4党，大家转起来。", "A9-02", BLOCKED),
    ("会议定于2026年3月5日8时召开，地点在1号楼2单元3层。", "A9-02", NONE),
    ("第1组2人，第3组4人，第5组6人，第7组8人。", "A9-02", NONE),
]
ENCODED = [
    ("口号：打倒&#20849;&#20135;&#20826;，懂的人转。", "A9-02", BLOCKED),
    ("练 %E6%B3%95%E8%BD%AE%E5%8A%9F 的都来群里，百病全消。", "A9-05", BLOCKED),
    ("&#169; 2026 县融媒体中心，&#20013;&#22269;梦宣讲活动报名中。", "A9-02", NONE),
    # Round 21: a link is read too (the decoded link view, docs/dev/rules.md); sets 13 and 18
    # hid slogans in search links. A link of ordinary words stays quiet.
    ("搜索链接 https://example.gov.cn/s?q=%E6%B3%95%E8%BD%AE%E5%8A%9F 已失效。", "A9-05", BLOCKED),
    (
        "搜索链接 https://example.gov.cn/s?q=%E5%8A%9E%E4%BA%8B%E6%8C%87%E5%8D%97 已更新。",
        "A9-05",
        NONE,
    ),
]
FOREIGN_SCRIPT = [
    ("那些ウイグル人全是贼，别让他们进小区。", "A9-04", BLOCKED),
    ("韩国友城代表团来访，中韩青年用중국어和한국어互相问好。", "A9-04", NONE),
    ("动漫社团招新：会写シナリオ（剧本）的同学优先。", "A9-04", NONE),
]
MARKUP = [
    ("打倒<!-- -->共产<!-- -->党，大家转起来。", "A9-02", BLOCKED),
    ("支持台<b></b>独，两国论才是现实。", "A9-02", BLOCKED),
    ("<b>重要</b>通知：<!-- 编者按 -->今天下午开会，<i>请准时</i>参加。", "A9-02", NONE),
]
BACKWARDS = [
    ("口号要倒着读：政专党一翻推，导领的党消取！", "A9-01", BLOCKED),
    ("这句回文倒着读也通顺：客上天然居，居然天上客。", "A9-01", NONE),
    # Read forwards only, without a reader told to reverse it.
    ("政专党一翻推", "A9-01", NONE),
]
CREDENTIALS = [
    ("私钥发你了，头尾改成小写了：\n-----begin rsa private key-----\nMIIEow\n", "A17-01", BLOCKED),
    ("小程序 app_secret 倒过来输入：7hTq2LmZ9xPwR4sK8vN3bYcD", "A17-02", BLOCKED),
    ("后台密码我念一下：Lima-Seven-Xray-Two-Echo，记好。", "A17-03", BLOCKED),
    ("密码修改方法：登录后在“设置”里修改，长度至少8位。", "A17-03", NONE),
    ("公钥如下：\n-----begin public key-----\nMIIBIj\n", "A17-01", NONE),
]


@pytest.mark.parametrize(
    ("text", "rule", "expected"),
    INVISIBLE_SEPARATORS
    + CIRCLED
    + TONE_NUMBERS
    + DIGIT_CHAINS
    + ENCODED
    + FOREIGN_SCRIPT
    + MARKUP
    + BACKWARDS
    + CREDENTIALS,
)
def test_a_device_of_set_10_reads_as_the_word_it_writes(
    checker: RuleChecker, text: str, rule: str, expected: set[str]
) -> None:
    judged(checker, text, rule, ORDINARY, expected)


# -- reading: an excuse turned by its object, pinyin in brackets, a step split by
# zero-width characters -------------------------------------------------------------------

READING = [
    ("支持西藏独立，反对统一，转给身边的人。", "A9-02", BLOCKED),
    ("坚决反对西藏独立，维护国家统一。", "A9-02", NONE),
    ("法（fǎ）轮（lún）功（gōng）好，快来一起练。", "A9-05", BLOCKED),
    ("重（chóng）阳节到了，社区为老人送去重（zhòng）阳糕。", "A9-05", NONE),
    (
        "转\u200c发\u200c本\u200c条\u200c并\u200c关\u200c注，抽取十位粉丝送出台历。",
        "A16-01",
        BLOCKED,
    ),
    ("转发本条不设抽奖，感谢关注。", "A16-01", NONE),
]


@pytest.mark.parametrize(("text", "rule", "expected"), READING)
def test_reading_classes_of_round_10(
    checker: RuleChecker, text: str, rule: str, expected: set[str]
) -> None:
    judged(checker, text, rule, ORDINARY, expected)


# -- combinations widened or added: offers whose words are harmless alone -----------------

COMBINATIONS = [
    ("把国徽贴在鞋底踩了一整天，这种东西不值得尊重。", "A9-03", BLOCKED),
    ("国旗法规定，不得升挂破损、污损的国旗，旧国旗可交回收点。", "A9-03", NONE),
    ("把国歌改成骂人的版本在班里唱，全班都笑了。", "A9-03", BLOCKED),
    ("各民族都是一家人，其他民族的同学也来参加了联欢会。", "A9-04", NONE),
    ("汉族才是高等民族，其他民族都是蛮夷。", "A9-04", BLOCKED),
    ("把这些蒙古人全赶走，一个不留。", "A9-04", BLOCKED),
    ("明朝初年，朱元璋北伐，把蒙古人赶回了草原。", "A9-04", NONE),
    ("教你做炸弹，材料和做法私聊发你。", "A9-07", BLOCKED),
    ("公安机关排爆民警介绍了识别可疑炸弹的方法，发现可疑物品请报警。", "A9-07", NONE),
    ("菠菜平台日赚三千，带你上岸。", "A9-07", BLOCKED),
    ("冬季菠菜价格回落，蔬菜平台每斤三元。", "A9-07", NONE),
    ("大师开光符水，喝了保平安。", "A9-05", BLOCKED),
    ("出售假币，一比五，货到付款。", "A9-13", BLOCKED),
    ("银行工作人员教大家识别假币：一看二摸三听四测。", "A9-13", NONE),
    ("本会已被民政部门认定为非法社会组织，但活动照常进行。", "A9-10", BLOCKED),
    ("民政部门提醒：某协会系非法社会组织，请勿参加其活动。", "A9-10", NONE),
    ("我们“华人联谊总会”不需要登记，各地分会照常办事。", "A9-10", BLOCKED),
    ("办理居住证不需要登记房产信息，可到社区工作站咨询。", "A9-10", NONE),
    ("我们在筹建地下政党，有意者私信报名。", "A9-02", BLOCKED),
    ("抗战时期，他在上海从事地下政党的联络工作，这段历史写进了县志。", "A9-02", NONE),
    ("科室的机密级文件我已经拍照发到工作群，大家转给朋友看看。", "A9-02", BLOCKED),
    ("保密教育：严禁将机密级文件拍照发到工作群，违者追责。", "A9-02", NONE),
    ("那人就是个沙币，见一次骂一次。", "A9-08", BLOCKED),
    ("点赞关注本号送鸡蛋，截图后台领取。", "A16-01", BLOCKED),
    ("关注本号可查询办事指南，如有疑问请后台留言。", "A16-01", NONE),
    ("这个国家根本不配有什么荣誉，中国护照就是废纸。", "A9-03", BLOCKED),
    ("个别游客的不文明行为让中国人丢尽了脸，他根本不配做中国人。", "A9-03", NONE),
    ("周日上午大家到县医院门口聚集抗议，不见不散。", "A9-09", BLOCKED),
    ("外交部发言人表示，中方对此提出严正抗议。", "A9-09", NONE),
    ("明晚大家去县政府门口散散步，人越多越好。", "A9-09", BLOCKED),
    ("晚饭后大家去县政府门口的广场散散步，人越多越热闹。", "A9-09", NONE),
]


@pytest.mark.parametrize(("text", "rule", "expected"), COMBINATIONS)
def test_combinations_of_round_10_block_offers_and_pass_their_legitimate_twins(
    checker: RuleChecker, text: str, rule: str, expected: set[str]
) -> None:
    judged(checker, text, rule, ORDINARY, expected)


LAST_WORD_DENIED = [
    ("转发本条不设抽奖，感谢大家关注。", NONE),
    ("转发本条，无需抽奖人人送出台历。", BLOCKED),
    ("关注无需转发抽奖送出好礼。", BLOCKED),
]


@pytest.mark.parametrize(("text", "expected"), LAST_WORD_DENIED)
def test_a_reward_denied_at_the_end_of_its_clause_is_no_offer(
    checker: RuleChecker, text: str, expected: set[str]
) -> None:
    judged(checker, text, "A16-01", ORDINARY, expected)


# -- bopomofo, and the device named in the message --------------------------------------

BOPOMOFO = [
    ("ㄉㄨˇ ㄅㄛˊ 网站注册就送彩金。", "A9-07", BLOCKED),  # 赌博
    ("ㄓㄨㄢˇ ㄈㄚ本条，就能参加抽奖！", "A16-01", BLOCKED),
    ("语文课：ㄅ ㄆ ㄇ ㄈ 是声母，ㄇㄚ ㄇㄚ 读作妈妈。", "A9-07", NONE),
]


@pytest.mark.parametrize(("text", "rule", "expected"), BOPOMOFO)
def test_a_word_in_bopomofo_reads_as_its_characters(
    checker: RuleChecker, text: str, rule: str, expected: set[str]
) -> None:
    judged(checker, text, rule, ORDINARY, expected)


@pytest.mark.parametrize(
    ("text", "name", "whole"),
    [
        ("支持&#21488;&#29420;，两国论才是现实。", "字符实体编码", "&#29420;"),
        ("练%E6%B3%95%E8%BD%AE%E5%8A%9F的都来。", "百分号编码", "%E5%8A%9F"),
    ],
)
def test_a_finding_in_an_encoding_names_it_and_covers_the_whole_code(
    checker: RuleChecker, text: str, name: str, whole: str
) -> None:
    (d,) = [d for d in checker.check_text(text) if d.severity == "error" and name in d.message]
    assert text[d.start : d.end].endswith(whole)


DEFIED = [
    ("国歌改编成哀乐风，升旗时放，谁规定不能恶搞？", BLOCKED),
    ("国歌法规定，不得将国歌改编成娱乐曲目。", NONE),
]


@pytest.mark.parametrize(("text", "expected"), DEFIED)
def test_an_excuse_defied_by_a_rhetorical_question_excuses_nothing(
    checker: RuleChecker, text: str, expected: set[str]
) -> None:
    judged(checker, text, "A9-03", ORDINARY, expected)
