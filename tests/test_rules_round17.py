"""Issue 12, round 17 (lexical): a negation's scope over a verb phrase. Held-out set 16's
two blocked legitimate posts negate the offence in shapes round 16's refusal reading (a
refusal just before the word) did not reach: a negated verb before a personal-data word,
and a refusal before a quoted list of activities, with ``也不对…设置…`` in a second clause.
The class is read once (``rebuttal.negated``, through ``quoting.forbidden``) for every rule
that lowers on a negation: word lists, combinations, sequences and the anchored semantic
errors. Every text is written for these tests; the counter-cases negate something else and
keep their error."""

from __future__ import annotations

import pytest

from pipeline.rules import RuleChecker
from pipeline.rules.quoting import forbidden
from pipeline.rules.rebuttal import NEGATED, negated
from tests.test_rules_round12_evasion import BLOCKED, NONE, checker, judged
from tests.test_rules_round15 import WARNED

__all__ = ["checker"]  # the module-scoped fixture, shared with round 12's tests

CASES = [
    # legitimate: a negated verb before a personal-data word (a combination of list and data)
    ("拟资助名单只写姓名和所在小区，不公布身份证号和银行卡号。", "A9-11", WARNED),
    ("困难补助名单只列姓名，不公示身份证号码和收入情况。", "A9-11", WARNED),
    # legitimate: a refusal before a quoted or enumerated list of activities (a warning
    # until round 29 read "不开展…" as the account's own denial: no offer at all)
    ("本中心不开展“关注抽奖”“评论送礼”等活动，也不对粉丝数设置考核。", "A16-01", NONE),
    # round 27: the account's own denial (rules/disowned.py) is no offer at all
    ("本号从不举办“点赞抽奖”“转发送礼”之类的活动。", "A16-01", NONE),
    ("我们不会举办任何点赞抽奖活动，也不以关注作为领奖条件。", "A16-01", NONE),
    # legitimate: 也不 in a second clause over the model's strong word
    ("本单位不搞“转发抽奖”，也不对关注人数设置指标，更不会买粉。", "A16-01", NONE),
    # violating: the negation is about something else, or a consequence follows it
    ("不公示也没关系，身份证号和银行卡号发群里。", "A9-11", BLOCKED),
    ("名单不公示也行，身份证号和银行卡号发群里。", "A9-11", BLOCKED),
    ("如果不公示身份证号，就把身份证号发到群里。", "A9-11", BLOCKED),
    ("不开展活动？那就转发集赞抽奖。", "A16-01", BLOCKED),
    ("不开展活动就转发集赞抽奖，关注本号即可参与。", "A16-01", BLOCKED),
    ("不转发集赞就不给奖品。", "A16-01", BLOCKED),
    ("不买粉丝就没流量，买粉找我。", "A16-01", BLOCKED),
    ("转发本条并关注我们，抽取10位粉丝送出礼包。", "A16-01", BLOCKED),
    # legitimate: a notice condemns whoever claims what it names (rebuttal.anyone_claiming)
    ("凡是自称能花钱买到“内部资料”、提前拿到考题的，一律是骗子。", "A9-11", NONE),
    ("凡宣称能低价代办“内部指标”“特批名额”的，均系诈骗，请勿相信。", "A9-11", NONE),
    # violating: a claim called true, or praised, keeps its error
    ("有人声称能提前获取“内部资料”，确实是真的，我已经拿到了。", "A9-11", BLOCKED),
    ("凡声称能提前获取“内部资料”的，都是有真本事的人，赶紧联系。", "A9-11", BLOCKED),
    # violating: the negation is the offence itself (no verb of publishing or organising)
    ("本村今后不再接受党支部领导，村里大小事务交给理事会决定。", "A9-01", BLOCKED),
]


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("社区不对外公开住户的身份证号、手机号和家庭住址。", "家庭住址"),
        ("本账号不开展“转发抽奖”“集赞领奖”等活动。", "集赞"),
        ("我们不组织关注抽奖、转发领红包等活动，也不参与任何刷粉。", "刷粉"),
        ("报名表严禁收集身份证号。", "身份证号"),
    ],
)
def test_the_scope_reaches_over_a_list(text: str, word: str) -> None:
    start = text.index(word)
    assert negated(text, start, start + len(word))
    assert forbidden(text, start, start + len(word))


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("不开展活动？那就转发集赞抽奖。", "集赞"),  # another sentence
        ("不公示而是直接发身份证号。", "身份证号"),  # a turn
        ("如果不公示身份证号，就发群里。", "身份证号"),  # a condition before the negation
        ("不得不公开身份证号。", "身份证号"),  # a double negation
        ("不仅公开身份证号，还公开住址。", "身份证号"),  # 不仅 is no negation
        ("不转发集赞就不给奖品。", "集赞"),  # a consequence after the words
        ("身份证号不公开。", "身份证号"),  # the negation after the words
    ],
)
def test_the_scope_stops(text: str, word: str) -> None:
    start = text.index(word)
    assert not negated(text, start, start + len(word))


# -- class 2: plain wordings the model flags, raised by a call to spread or an offer's terms ----

RAISED = [
    # violating: a rumour with a call to spread it or a cover-up alleged
    ("听说明天自来水厂被投毒了，政府瞒着不报，大家赶紧转给亲戚朋友。", "A9-06", BLOCKED),
    ("内部消息：下个月全区的菜市场都要关停，赶紧散布出去让大家囤货。", "A9-06", BLOCKED),
    # violating: an offer's terms beside contraband, and a crime taught
    ("代购处方安眠药，不问用途，联系我。", "A9-13", BLOCKED),
    # (a gun offered for sale is since round 34 an error of the combination rules under
    # （七） and （十三）, tests/test_rules_round34.py; the semantic raise is shown on knives)
    ("有管制刀具出售，可以微信下单，同城当天到。", "A9-13", BLOCKED),
    ("教你们个来钱快的法子：夜里专挑没人的车，砸窗拿包，抢了就跑。", "A9-07", BLOCKED),
    # legitimate: the same words in a rebuttal and in a service notice
    (
        "市疾控中心提醒：网传“自来水被投毒”系谣言，请勿转发，政府从未瞒着不报任何疫情。",
        "A9-06",
        NONE,
    ),
    ("社区超市为行动不便的老人提供送货上门服务，有需要的联系我。", "A9-13", NONE),
]


# Each lowered finding tells the reviewer why; each raised one names its strong word.
TABLE = [
    (text, rule, expected, NEGATED if expected == WARNED else "") for text, rule, expected in CASES
] + [
    (text, rule, expected, "强信号词" if expected == BLOCKED else "")
    for text, rule, expected in RAISED
]


@pytest.mark.parametrize(("text", "rule", "expected", "note"), TABLE)
def test_each_class_finds_its_violations_and_leaves_its_legitimate_texts(
    checker: RuleChecker, text: str, rule: str, expected: set[str], note: str
) -> None:
    judged(checker, text, rule, expected)
    messages = [d.message for d in checker.check_text(text) if d.rule == rule]
    assert not note or any(note in m for m in messages), (text, messages)
