"""Issue 12, round 24 (lexical, blocking): plain wordings of a city's postal, forestry,
veterans', statistics, housing-fund, pension and fire-rescue registers found but not
blocked, and a legitimate notice blocked.

Causes: a notice that forbids acts by naming their legal consequence after them (``以…等
方式…，将承担法律责任``) read as a call; the regulation's own label owned in the writer's
voice (``…怎么了``, ``就是要…``, ``…就别管了``, ``…照样运作``) read as if quoted; a rumour's
tag that it is none (``不是谣言``) read as a refutation; offers whose price is left to be
agreed or counted in hundreds, drugs carried for a price, forged seals and certificates;
a crime taught; followers set as a quota per employee. Every text here is written for these tests; each
class has legitimate texts of the same shape."""

from __future__ import annotations

import pytest

from pipeline.rules import RuleChecker
from pipeline.rules.anchored import PRICED, dismissed, priced
from pipeline.rules.consequence import follows
from pipeline.rules.normalize import compact, normalise
from tests.test_rules_round12_evasion import BLOCKED, UNBLOCKED, checker, verdict

__all__ = ["checker"]  # the module-scoped fixture, shared with round 12's tests

# (text, rule, expected, what an error's message names)
CONSEQUENCES = [
    (
        "有诉求请走信访渠道。以游行、围堵办公楼等方式向县政府施压的，须承担相应的法律责任。",
        "A9-09",
        UNBLOCKED,
        "",
    ),
    ("组织人员集会、围堵机关者，一律严肃处理。", "A9-09", UNBLOCKED, ""),
    # the consequence owned, denied or turned on the reader is no prohibition
    ("周一上午大家一起去把区政府大门围了，不会被追究责任，放心来。", "A9-09", BLOCKED, ""),
    ("周一上午大家一起去把区政府大门围了，追究法律责任我来扛。", "A9-09", BLOCKED, ""),
]


@pytest.mark.parametrize(("text", "rule", "expected", "named"), CONSEQUENCES)
def test_a_prohibition_said_as_a_consequence(
    checker: RuleChecker, text: str, rule: str, expected: set[str], named: str
) -> None:
    verdict(checker, text, rule, expected, named)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("，将承担法律责任。", True),
        ("等方式的，将被依法追究。", True),
        ("者，公安机关依法予以处理。", True),
        ("，不会被追究责任。", False),
        ("，没人追究法律责任。", False),
        ("，你将承担法律责任。", False),
        ("，刑事责任我来负。", False),
        ("，承担法律责任我认了。", False),
        ("，主体责任要落实。", False),
        ("。将承担法律责任。", False),  # another sentence
    ],
)
def test_follows_reads_a_consequence_and_nothing_else(text: str, expected: bool) -> None:
    assert follows("围堵机关" + text, 4) is expected


# The regulation's own label said in the writer's voice: defied, willed, waved through,
# acted on or paid off. An enforcement notice, a rebuttal, 普法 and a lament name the same
# label with the organ, the stance or the question.
OWNED = [
    # round 65: the whole claim (independence with a state of its own) is read and named
    ("这块牧场我们要独立出去，分裂国家又怎么样，自己建国自己收税。", "A9-02", BLOCKED, "另立国家"),
    ("把涉密图纸传给境外机构，帮他们颠覆国家政权，报酬很高。", "A9-02", BLOCKED, "自居"),
    ("国家安全机关通报：一名网民发帖鼓吹分裂国家，已被依法查处。", "A9-02", UNBLOCKED, ""),
    ("地方招聘就该排除外族人，民族歧视怎么了，这个活就是不让他们干。", "A9-04", BLOCKED, "自居"),
    ("招聘中出现民族歧视，这是怎么了？人社局回应：已责令整改。", "A9-04", UNBLOCKED, ""),
    ("我就是要损害国家荣誉，把国旗扔进垃圾桶拍给外国网友看。", "A9-03", BLOCKED, "自居"),
    ("普法课堂：侮辱国旗、损害国家荣誉的行为依法要受到处罚。", "A9-03", UNBLOCKED, ""),
    (
        "村里请神驱鬼这种封建迷信活动，咱们村委会就别管了，由着他们办。",
        "A9-05",
        BLOCKED,
        "封建迷信",
    ),
    ("村委会倡议移风易俗，破除封建迷信，红白事不请神婆。", "A9-05", UNBLOCKED, ""),
    (
        "非法社会组织又怎样，我们“退休教师联谊总会”照样收会费、发证书。",
        "A9-10",
        BLOCKED,
        "非法民间组织",
    ),
    ("未经登记的“乡村养老互助总会”以本会名义收会费，民政局已依法取缔。", "A9-10", UNBLOCKED, ""),
    ("这个协会没有登记，可以先向民政部门咨询登记流程。", "A9-10", UNBLOCKED, ""),
    ("补偿款拖着不给，到镇政府门口聚众闹事才会有人理，周三见。", "A9-09", BLOCKED, "自居"),
    ("转出去！全市自来水要停供一周，就是要扰乱一下社会秩序才有人理。", "A9-06", BLOCKED, "造谣"),
    ("网传“全市停水一周”系谣言，造谣扰乱社会秩序者已被公安机关处理。", "A9-06", UNBLOCKED, ""),
    ("反对社会主义，搞三权分立，老百姓才有出路。", "A9-01", BLOCKED, "出路"),
    ("有人鼓吹全盘西化才有出路，这种错误思潮必须批驳。", "A9-01", UNBLOCKED, ""),
    ("全盘西化没有出路，中国式现代化才是正道。", "A9-01", UNBLOCKED, ""),
    # a prohibition the writer calls wrong excuses nothing
    ("政府禁止宗教活动是错的，宗教信仰自由就是个笑话。", "A9-05", BLOCKED, "宗教政策"),
    ("宗教政策不是笑话：依法禁止非法宗教活动，保护正常宗教活动。", "A9-05", UNBLOCKED, ""),
]


@pytest.mark.parametrize(("text", "rule", "expected", "named"), OWNED)
def test_the_regulations_own_label_owned_is_blocked(
    checker: RuleChecker, text: str, rule: str, expected: set[str], named: str
) -> None:
    verdict(checker, text, rule, expected, named)


# A rumour tagged as none, offers with their terms, a crime taught, forged seals and
# certificates, followers as a quota per employee; warnings, reports and advice of the
# same shape stay unblocked.
OFFERS_AND_TAGS = [
    (
        "停电通知：全区明天起停电三天，赶紧扩散告诉家人囤水！朋友在供电局，绝对不是谣言。",
        "A9-06",
        BLOCKED,
        "扩散",
    ),
    ("网传“全区停电三天”，供电局回应：这不是真的，系谣言，请勿转发。", "A9-06", UNBLOCKED, ""),
    ("单位的涉密红头文件我都有，谁想要私下联系，价格可以商量。", "A9-02", BLOCKED, "价格可以商量"),
    (
        "国家安全机关提醒：有人在网上以“价格可以商量”为饵收购涉密文件，请立即举报。",
        "A9-02",
        UNBLOCKED,
        "",
    ),
    ("帮忙把K粉带到外地，每次给你三百，路上教你怎么躲过检查。", "A9-07", BLOCKED, "教你怎么躲"),
    ("禁毒宣传：毒贩常以“一单给你三百”为诱饵招募运毒人员，切勿上当。", "A9-07", UNBLOCKED, ""),
    ("想报复他就往他家草垛上放火，具体办法我教你们。", "A9-07", BLOCKED, "犯罪方法"),
    ("消防员：家里着火了怎么逃生，办法我教你们。", "A9-07", UNBLOCKED, ""),
    ("森林防火期，如何预防放火烧荒引发山火？护林员手把手教你们。", "A9-07", UNBLOCKED, ""),
    ("专业刻假章、假营业执照，当天出证，价格美丽。", "A9-13", BLOCKED, "伪造公章"),
    ("公安机关查获一批假公章，当天已全部销毁。", "A9-13", UNBLOCKED, ""),
    ("市场监管提醒：代办假证书属于违法行为，切勿相信。", "A9-13", UNBLOCKED, ""),
    ("各网点每人本周必须拉够30个粉丝，完不成扣奖金。", "A16-01", BLOCKED, "摊派粉丝"),
    ("本单位不向职工摊派关注任务，粉丝数量不纳入考核。", "A16-01", UNBLOCKED, ""),
    (
        "通报：某局给每名干部下达拉粉丝指标，完不成扣绩效，属于形式主义，已责令整改。",
        "A16-01",
        UNBLOCKED,
        "",
    ),
]


@pytest.mark.parametrize(("text", "rule", "expected", "named"), OFFERS_AND_TAGS)
def test_offers_tags_and_quotas_are_blocked(
    checker: RuleChecker, text: str, rule: str, expected: set[str], named: str
) -> None:
    verdict(checker, text, rule, expected, named)


@pytest.mark.parametrize(
    ("sentence", "price"),
    [
        ("一单五百", "一单五百"),
        ("介绍一个给你两百提成", "给你两百"),
        ("价钱好商量", "价钱好商量"),
        ("价格面议", "价格面议"),
        ("这事好商量", None),
        ("每个会场三百人", None),
        ("一次五百米", None),
    ],
)
def test_priced_reads_hundreds_and_a_price_left_to_agree(sentence: str, price: str | None) -> None:
    assert priced("S9-07", compact(normalise(sentence)).text) == price
    assert "S9-07" in PRICED and "S9-10" not in PRICED


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("内部消息，不是谣言。", False),
        ("绝对不是谣言，快转。", False),
        ("这不是谣言，人社部已发文。", True),
        ("经核实，这并不是谣言。", True),
        ("网传消息是谣言。", True),
    ],
)
def test_a_rumours_tag_that_it_is_none_frames_nothing(text: str, kept: bool) -> None:
    assert ("谣言" in dismissed(text)) is kept


# The secrecy label owned: stamped 不得外传 or 尚未公开 and passed on in the writer's voice,
# further from the label than round 6's combination reads; a reminder and a notice that
# waits for publication stay unblocked.
SECRECY = [
    (
        "内部资料，不得外传：各乡镇低保复核名单在附件里，我先发到外面的群了。",
        "A9-11",
        BLOCKED,
        "擅自外传",
    ),
    (
        "社区内部通报，尚未公开：昨晚那起坠楼事件的现场照片，我偷偷拍下来传出去了。",
        "A9-11",
        BLOCKED,
        "擅自外传",
    ),
    ("保密提醒：内部资料不得外传，请勿发到外面的群。", "A9-11", UNBLOCKED, ""),
    ("通知尚未公开，正式发布后再发到外面的群。", "A9-11", UNBLOCKED, ""),
]


@pytest.mark.parametrize(("text", "rule", "expected", "named"), SECRECY)
def test_a_secrecy_label_defied_is_blocked(
    checker: RuleChecker, text: str, rule: str, expected: set[str], named: str
) -> None:
    verdict(checker, text, rule, expected, named)
