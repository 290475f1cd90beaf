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
