"""Issue 12, round 22 (lexical, blocking): plain wordings of a mining and energy city's
registers found but not blocked, or not found at all.

Causes besides item （十二）'s opinions (warnings by design): an offence called by the law's
own name and owned in the same breath (``…又怎样``, ``组织起来…``, ``…不怕查``), which no
lexicon lists because news and judgments use the name too, and which the model does not
always flag; a flagged sentence whose only strong word is a price (``一份三千``) or a word
of these registers (``我担着``, ``顾不上``, ``个屁`` …); a combination missing a word
(``打残``) or an item (an address posted with a call to go after the person); and a
combination that read the organ's own office as a forger (``办证大厅可查询…``). Every text
here is written for these tests; each class has legitimate texts of the same shape."""

from __future__ import annotations

import pytest

from pipeline.rules import RuleChecker
from pipeline.rules.anchored import PRICED, anchors, priced
from pipeline.rules.normalize import compact, normalise
from tests.test_rules_round12_evasion import BLOCKED, NONE, UNBLOCKED, checker, verdict

__all__ = ["checker"]  # the module-scoped fixture, shared with round 12's tests

# (text, rule, expected, what an error's message names)
OWNED = [
    ("颠覆国家政权的事我们干定了，大家一起干。", "A9-02", BLOCKED, "自居"),
    ("泄露国家秘密又怎样？这批测绘数据我照样卖。", "A9-02", BLOCKED, "自居"),
    ("县人民法院以颠覆国家政权罪判处被告人有期徒刑。", "A9-02", NONE, ""),
    ("社区宣讲：坚决抵制分裂国家、危害国家安全的言行，大家一起守护家园。", "A9-02", NONE, ""),
    ("破坏民族团结我也认了，反正那个村的人我就是不让进厂。", "A9-04", BLOCKED, "自居"),
    ("讲座提醒：民族歧视的言论不能说，大家一起维护民族团结。", "A9-04", NONE, ""),
    ("封建迷信也是有道理的，孩子发烧先去请神婆看看。", "A9-05", BLOCKED, "封建迷信"),
    ("破除封建迷信，孩子发烧请及时就医。", "A9-05", NONE, ""),
    ("拆迁款不给，大家一起去聚众闹事，法不责众。", "A9-09", BLOCKED, "聚众闹事"),
    ("有人在群里号召聚众闹事，派出所提醒：扰乱社会秩序将被依法处理。", "A9-09", NONE, ""),
    ("河道里晚上盗采河沙，没人查，缺人手的联系我。", "A9-13", BLOCKED, "非法采矿"),
    ("自然资源局通报：两起盗采河沙案件已移送公安机关。", "A9-13", NONE, ""),
    ("谁说非法采矿不怕查？县自然资源局今年查处12起。", "A9-13", NONE, ""),
]


@pytest.mark.parametrize(("text", "rule", "expected", "named"), OWNED)
def test_an_offence_named_and_owned_is_blocked(
    checker: RuleChecker, text: str, rule: str, expected: set[str], named: str
) -> None:
    verdict(checker, text, rule, expected, named)


# A price in a sentence the model flags for a trade of item （二） or （十三）; a warning that
# quotes the price, legal drafting and a lawful fee are not offers.
PRICES = [
    ("单位的涉密会议纪要我复印好了，国外那家公司出价三万美元。", "A9-02", BLOCKED, "出价三万"),
    ("代写环评报告，不用现场监测，盖章齐全，每份八千元。", "A9-13", BLOCKED, "每份八千"),
    ("代办假结婚证明，民政系统查得到，一份三千。", "A9-13", BLOCKED, "一份三千"),
    (
        "国家安全机关提醒：有境外人员以三万美元为饵收购涉密资料，请立即报告。",
        "A9-02",
        UNBLOCKED,
        "",
    ),
    (
        "为他人提供虚假证明文件，违法所得数额在五万元以上的，依法追究刑事责任。",
        "A9-13",
        UNBLOCKED,
        "",
    ),
    ("办理居民身份证补领，工本费每张二十元，可在政务大厅缴纳。", "A9-13", UNBLOCKED, ""),
]


@pytest.mark.parametrize(("text", "rule", "expected", "named"), PRICES)
def test_a_price_is_an_offers_strong_word(
    checker: RuleChecker, text: str, rule: str, expected: set[str], named: str
) -> None:
    verdict(checker, text, rule, expected, named)


@pytest.mark.parametrize(
    ("sentence", "price"),
    [
        ("一次五千", "一次五千"),
        ("每本收费八百元", "八百元"),
        ("给你2000块", "2000块"),
        ("营养费八万", "费八万"),
        # a distance, a crowd, a threshold, a sentence of legal drafting
        ("一次五千米长跑", None),
        ("每个会场三千人", None),
        ("五千元以上", None),
        ("数额在五千元的，处以罚款", None),
    ],
)
def test_priced_reads_a_price_and_no_other_number(sentence: str, price: str | None) -> None:
    assert priced("S9-13", compact(normalise(sentence)).text) == price


def test_only_the_items_of_a_trade_take_a_price() -> None:
    assert priced("S9-02", "出价三万美元") == "出价三万"
    assert priced("S9-10", "会费每人八百元") is None
    assert "S9-10" not in PRICED


# The model's flagged sentence and a strong word of these registers (the offence shrugged
# off, boasts and calls); the same words reported or refused stay unblocked.
ANCHORED = [
    ("说什么人民代表大会制度，早就过时了，咱们镇上只听村霸的。", "A9-01", BLOCKED, "早就过时"),
    ("人民代表大会制度过时了吗？代表们用调研数据给出了回答。", "A9-01", UNBLOCKED, ""),
    ("志愿军烈士有什么好纪念的，烈士个屁，就是一群炮灰。", "A9-03", BLOCKED, "个屁"),
    ("志愿军烈士陵园今天迎来清明祭扫，学生们献上鲜花。", "A9-03", NONE, ""),
    ("我就是看不起这个民族，他们来应聘一律不要。", "A9-04", BLOCKED, ""),
    ("各民族互相尊重，招聘不得限定民族。", "A9-04", NONE, ""),
    ("演示一下做个炸弹有多简单：化肥加柴油，把他家的门炸开。", "A9-07", BLOCKED, ""),
    ("消防宣传：家中化肥、柴油要分开存放，远离火源。", "A9-07", NONE, ""),
    ("考试院还没公布的分数线我先透露给补习班了，让他们先招生。", "A9-11", BLOCKED, ""),
    ("考试院将于6月25日公布分数线，请考生以官方发布为准。", "A9-11", NONE, ""),
    ("年货券只发给关注本号并集满五十个赞的居民，未关注的一律不发。", "A16-01", BLOCKED, ""),
    ("年货券按户发放，凭户口簿到社区领取，无需关注任何账号。", "A16-01", NONE, ""),
]


@pytest.mark.parametrize(("text", "rule", "expected", "named"), ANCHORED)
def test_round22_strong_words(
    checker: RuleChecker, text: str, rule: str, expected: set[str], named: str
) -> None:
    verdict(checker, text, rule, expected, named)


@pytest.mark.parametrize(
    ("rule", "word"),
    [(rule, "我担着") for rule in ("S9-01", "S9-07", "S9-13", "S16")]
    + [(rule, "顾不上") for rule in ("S9-02", "S9-09")]
    + [("S9-03", "个屁"), ("S9-08", "都发这儿"), ("S9-11", "我先透露"), ("S16", "未关注的")]
    + [("S9-03", "中国活该"), ("S9-10", "没有登记")],
)
def test_the_round_22_strong_words_are_data(rule: str, word: str) -> None:
    assert word in anchors()[rule]
    assert "S9-12" not in anchors()  # opinions stay warnings


# A combination missing a word (打残) or a class (an address posted with a call to go after
# the person or a threat to expose it, a diagnosis posted with an address, secret work sold
# abroad, sanctions on the country urged, the religious policy mocked, worship as a school's
# routine, a sexual smear of a promotion); an organ's office read as a forger.
COMBINATIONS = [
    ("那个欠钱不还的包工头，周末大家一起去把他打残，看他还敢不敢。", "A9-07", BLOCKED, ""),
    ("上周一起去看望了那位被打残的老矿工，他已经能下地走路了。", "A9-07", NONE, ""),
    (
        "那个收物业费的李某住在幸福小区5栋301，电话是13800000000，大家去找他算账。",
        "A9-08",
        BLOCKED,
        "住址",
    ),
    ("住在幸福小区5栋的独居老人刘大爷今年九十岁，重阳节大家去看望问候他。", "A9-08", NONE, ""),
    ("我手里有他的家庭住址，明天全网公开，看他还敢不敢。", "A9-08", BLOCKED, "身份证号、住址"),
    ("请保护好身份证号码，切勿挂到网上。", "A9-08", NONE, ""),
    (
        "县医院住院部那个病人乙肝确诊，住在向阳小区3栋，大家离他远点。",
        "A9-11",
        BLOCKED,
        "病情并附住址",
    ),
    ("乙肝防治宣传进小区，3栋广场设免费检测点，大家注意点时间。", "A9-11", NONE, ""),
    ("煤矿的军工订单图纸我都留了一套，下周卖给境外买家。", "A9-02", BLOCKED, "涉密资料"),
    ("保密教育课：有人把军工图纸卖给境外买家，被判十年。", "A9-02", NONE, ""),
    ("呼吁各国赶紧制裁中国，越狠越好。", "A9-03", BLOCKED, "制裁"),
    ("外交部发言人：坚决反对美方无理制裁中国企业。", "A9-03", NONE, ""),
    ("宗教信仰自由就是个笑话，庙里想收谁就收谁。", "A9-05", BLOCKED, "宗教政策"),
    ("宗教政策不是摆设，宗教活动场所须依法登记。", "A9-05", NONE, ""),
    ("本校每天早读前统一组织学生诵经，家长不用担心。", "A9-05", BLOCKED, "宗教活动"),
    ("教育局通报：某校组织学生诵经，已责令整改。", "A9-05", NONE, ""),
    ("市佛教协会每周组织信众诵经，欢迎居士参加。", "A9-05", NONE, ""),
    # a smear beside a fraud word (which frames the other combination files)
    ("站长跟领导睡了才当上站长，她老公因为诈骗坐过牢。", "A9-08", BLOCKED, "性关系"),
    ("网传某园长“睡了才拿到许可证”系谣言，发帖人已被依法处理。", "A9-08", NONE, ""),
    ("办证大厅可查询办理进度，请携带身份证。", "A9-13", NONE, ""),
    ("毕业证、资格证，办证包过，官网可查，微信联系。", "A9-13", BLOCKED, "假证件"),
]


@pytest.mark.parametrize(("text", "rule", "expected", "named"), COMBINATIONS)
def test_round22_combinations(
    checker: RuleChecker, text: str, rule: str, expected: set[str], named: str
) -> None:
    verdict(checker, text, rule, expected, named)
