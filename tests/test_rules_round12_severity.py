"""Issue 12, round 12 (severity): a term kept at warning because legitimate posts name it
(``港独``, ``色情视频``, ``冰毒``, ``三权分立``, ``自制炸药``) becomes an error when its
sentence offers it, cheers it or teaches how to make it, and no legitimate frame
(enforcement or warning words, a court's register, a quotation, a question, a
prohibition, legal drafting, a negation) covers it (:mod:`pipeline.rules.advocacy`). Each
class has violating texts and legitimate texts of the same shape, written for these tests.
Also the one ``framing.open_quote`` that quoting, rebuttal and framing share."""

from __future__ import annotations

import pytest

from pipeline.rules import RuleChecker
from pipeline.rules.advocacy import marker_near
from pipeline.rules.framing import open_quote
from pipeline.rules.quoting import forbidden

RAISED = "已升为错误"


@pytest.fixture(scope="module")
def checker() -> RuleChecker:
    return RuleChecker(None)


def severities(checker: RuleChecker, text: str, rule: str) -> set[str]:
    return {d.severity for d in checker.check_text(text) if d.rule == rule}


def raised(checker: RuleChecker, text: str, rule: str) -> bool:
    return any(
        d.rule == rule and d.severity == "error" and RAISED in d.message
        for d in checker.check_text(text)
    )


# -- the warned term alone stays a warning ---------------------------------------------

ALONE = [
    ("他在直播中提到港独，随即被平台封号。", "A9-02"),
    ("群里有人发色情视频，大家注意。", "A9-07"),
    ("三权分立是西方国家的一种政治制度安排。", "A9-01"),
]


@pytest.mark.parametrize(("text", "rule"), ALONE)
def test_a_warned_term_alone_stays_a_warning(checker: RuleChecker, text: str, rule: str) -> None:
    assert severities(checker, text, rule) == {"warning"}


# -- offered, cheered or taught: an error ----------------------------------------------

VIOLATING = [
    ("仿真枪，三百元一把，加微信发货。", "A9-07", "元"),  # a price, a contact
    ("冰毒万岁，谁用谁知道。", "A9-07", "万岁"),
    ("藏独必胜，西藏属于藏人。", "A9-02", "必胜"),  # a slogan
    ("疆独万岁！", "A9-02", "万岁"),
    ("我们必须坚持港独路线，让香港脱离中国。", "A9-02", "路线"),
    ("宪政民主才有希望，别再犹豫了。", "A9-01", "才有希望"),  # the way out
    ("手把手教你做仿真枪，材料网上都能买到。", "A9-07", "手把手教"),  # teaching
]


@pytest.mark.parametrize(("text", "rule", "marker"), VIOLATING)
def test_an_offer_a_slogan_or_a_lesson_raises_the_warning(
    checker: RuleChecker, text: str, rule: str, marker: str
) -> None:
    assert raised(checker, text, rule)
    message = next(d.message for d in checker.check_text(text) if RAISED in d.message)
    assert marker in message
    # The reason stands before the advice, which still ends the message.
    assert message.index(RAISED) < message.index("修改建议：")


# -- the same shapes in legitimate posts: never raised ---------------------------------

LEGITIMATE = [
    # enforcement news and an organ's warning
    "警方依法查处一起出售色情视频案，嫌疑人以三十元一百部的价格加微信兜售。",
    "民警提醒：有人以每部一元的价格在群里兜售色情视频，切勿购买。",
    "警惕！有人在群里以“量大从优”兜售冰毒，发现请举报。",
    # a court notice
    "法院审理查明，被告人在微信群发布色情视频，每部收费一元，加微信即可观看。",
    # a slogan quoted to report or rebut it
    "有人在网上喊“藏独必胜”，网警已依法处置。",
    "网传“藏独必胜”的帖子纯属谣言，请勿转发。",
    "他在直播中喊出“港独万岁”，随即被平台封号。",
    # a claim asked about, then answered
    "三权分立才有希望？这种说法站不住脚，我国实行人民代表大会制度。",
    "港独必胜？不过是痴人说梦。",
    # a prohibition, legal drafting, a lesson in recognising it
    "严禁以任何价格买卖毒品，举报电话110。",
    "赌资数额累计达到5万元以上的，属于聚众赌博。",
    "国务院有关部门可以支持有关国家实施毒品原植物替代种植。",
    "禁毒宣传：教你识别冰毒、摇头丸等常见毒品。",
    # a slogan that cheers something else, far from the term
    "他在群里聊起台独的话题，散会时大家一起喊了一句中国女排必胜。",
    "港独分子骂人和那些高喊希特勒万岁的人有什么不同。",
    # a negated marker, and a word that only looks like a price
    "不加微信也能看色情视频？假的。",
    "跟男友一块被抓了，他否认跟毒品有关。",
]


@pytest.mark.parametrize("text", LEGITIMATE)
def test_a_legitimate_frame_is_never_raised(checker: RuleChecker, text: str) -> None:
    found = checker.check_text(text)
    assert not any(RAISED in d.message for d in found)
    assert not any(d.severity == "error" and d.rule.startswith("A9-") for d in found)


def test_tag_derived_public_terms_are_never_raised(checker: RuleChecker) -> None:
    """The bulk tag-derived public terms warn and never block (``lexicons/public``): an
    offer beside one leaves it a warning; a combination is what blocks such offers."""
    found = [d for d in checker.check_text("长期供应原砷酸，量大从优") if d.rule == "A9-13"]
    assert found and all(d.severity == "warning" for d in found)


def test_markers_are_read_in_the_sentence_and_not_negated() -> None:
    text = "本店不加微信。色情视频一律不卖。"
    start = text.index("色情视频")
    assert marker_near(text, start, start + 4) == ""
    text = "色情视频，加微信看。"
    assert marker_near(text, 0, 4) == "加微信"
    text = "绝不支持藏独。"
    start = text.index("藏独")
    assert marker_near(text, start, start + 2) == ""
    text = "我们支持藏独。"
    assert marker_near(text, text.index("藏独"), text.index("藏独") + 2) == "支持"


def test_a_combination_keeps_its_own_message(checker: RuleChecker) -> None:
    """Where a combination already reports the words as an error, its message stays."""
    text = "出售色情视频，三十元一百部，加微信发货。"
    assert all(RAISED not in d.message for d in checker.check_text(text))


# -- one open_quote for quoting, rebuttal and framing ----------------------------------

OPEN_QUOTES = [
    ("他说“好", 2),  # left open
    ("他说“好”，", -1),  # closed
    ('他说"好', 2),  # a straight mark opens
    ('他说"好"，', -1),  # and the next one closes it
    ("甲“乙「丙", 3),  # the innermost mark left open
    ("甲「乙“丙”丁", 1),  # a closed inner quotation leaves the outer one open
    ("甲“乙「丙”丁", -1),  # a closing mark closes what was opened inside it
    ("甲“乙“丙”丁", 1),  # nested marks of one kind: the outer one is open
    ("甲”乙", -1),  # a closing mark with no opener
    ('甲“乙"丙', 3),  # a straight mark inside a curly quotation
    ('甲“乙"丙"丁', 1),
]


@pytest.mark.parametrize(("text", "expected"), OPEN_QUOTES)
def test_open_quote_edge_cases(text: str, expected: int) -> None:
    assert open_quote(text, 0, len(text)) == expected


def test_open_quote_reads_from_lo() -> None:
    text = "“前文。后文"
    assert open_quote(text, 0, len(text)) == 0
    assert open_quote(text, text.index("后"), len(text)) == -1


# -- combinations as data: plain wordings only the semantic layer warned ---------------

COMBINED = [
    # a porn collection offered; a bomb lesson (tag-derived terms: combinations block)
    ("高清色情视频合集，加微信发网盘。", "A9-07", True),
    ("扫黄打非办查获一批色情视频合集，两名嫌疑人被抓获。", "A9-07", False),
    ("教你自制炸药，材料五金店就能买到。", "A9-07", True),
    ("严禁私自制作炸药，五金店出售的化学品须实名登记。", "A9-07", False),
    # fan quotas tied to appraisal (第十六条)
    (
        "各科室务必发动职工关注本号，每人至少拉来二十个粉丝，完成情况与年度考核挂钩。",
        "A16-01",
        True,
    ),
    ("每个村的粉丝数不少于五百，未完成的在全镇通报批评。", "A16-01", True),
    ("政务新媒体不得将粉丝数量纳入考核，坚决纠正摊派关注等形式主义做法。", "A16-01", False),
    ("本号粉丝数突破一万，感谢大家的关注和支持。", "A16-01", False),
    # a list with ID numbers posted up
    ("把全村困难户名单和身份证号码张贴在村委会门口。", "A9-11", True),
    ("低保名单已在公示栏张贴，公示内容为姓名和金额，不含身份证号。", "A9-11", False),
    ("请各户核对身份证号码后，将表格交村委会，不要张贴。", "A9-11", False),
    # 不得外传 labels what follows as secret and passes it on: it forbids nothing
    ("内部文件，不得外传：附全村低保户名单及身份证号码，请张贴在公示栏。", "A9-11", True),
    ("本名单含身份证号码，仅供核对，不得外传，不得张贴。", "A9-11", False),
    ("涉密文件不得外传，严禁把含身份证号码的名单张贴出来。", "A9-11", False),
    # wild animals bought
    ("收购野生画眉、红腹锦鸡，上门取货，现金结算。", "A9-13", True),
    ("林业部门提醒：收购野生鸟类属违法行为，发现请举报。", "A9-13", False),
    ("人工繁育大鲵需取得许可证，无证收购野生大鲵属违法行为。", "A9-13", False),
    # a cover-up claimed, with a call to flee or spread it
    ("听说水厂被投毒了，政府在隐瞒真相，大家赶紧逃离县城。", "A9-06", True),
    ("网传“政府隐瞒真相”系谣言，县水厂供水正常。", "A9-06", False),
    # calls to block a road or to strike on a weekday
    ("明天大家一起去堵高速，让上面知道我们的厉害。", "A9-09", True),
    ("受降雪影响，明天部分路段封闭，请大家避开，不要上高速。", "A9-09", False),
    ("号召全体司机周一罢运，在车站门口集合。", "A9-09", True),
    ("有人在群里号召周一罢运，交通部门已约谈相关企业，运营正常。", "A9-09", False),
    # a blessed charm for sale; violence called for
    ("开过光的符，三百一张，保平安。", "A9-05", True),
    ("破除画符驱邪、请神送鬼等封建迷信，倡导文明新风。", "A9-05", False),
    ("今晚带几个人去他家，把他腿打断，出了事我担着。", "A9-07", True),
    ("他扬言要把对方腿打断，民警依法将其拘留。", "A9-07", False),
    # the fundamental system called outdated or to be thrown away
    ("人民民主专政已经过时，我们应当抛弃现行根本制度。", "A9-01", True),
    ("有人说社会主义道路根本走不通，这是错误观点。", "A9-01", False),
    ("我们都不能抛弃根本制度。", "A9-01", False),
    # the flag trodden on
    ("把国旗踩在脚底下拍照发到网上。", "A9-03", True),
    ("男子将国旗踩在脚下拍视频，被依法处罚。", "A9-03", False),
    # a call to overthrow that also names the crime's words
    ("号召大家组织起来颠覆国家政权，推翻现政府。", "A9-02", True),
    ("被告人以煽动颠覆国家政权罪被判处有期徒刑，其曾在网上鼓吹推翻政府。", "A9-02", False),
    ("国家安全教育日：防范境外势力颠覆国家政权、推翻政府的图谋。", "A9-02", False),
]


@pytest.mark.parametrize(("text", "rule", "blocked"), COMBINED)
def test_combinations_of_round_12(
    checker: RuleChecker, text: str, rule: str, blocked: bool
) -> None:
    assert ("error" in severities(checker, text, rule)) is blocked


def test_a_secrecy_label_is_no_prohibition() -> None:
    text = "不得外传：附名单"
    assert not forbidden(text, text.index("名单"))
    text = "不得张贴名单"
    assert forbidden(text, text.index("名单"))
    text = "不得外传，不得张贴名单"
    assert forbidden(text, text.index("名单"))
