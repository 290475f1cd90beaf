"""Issue 12, round 11: warnings and replies that name a lure, a superstition or a rumour in
order to stop it never block (held-out set 11 blocked four). Four classes: a state organ's
提示 is its 提醒; a lure quoted as 以“…”名义 or named after 谨防/警惕; a body that stops
what it names (劝阻, 制止, 取缔); a claim quoted as “…”的说法 and then denied. Each class
has legitimate texts and violating texts of the same shape; the texts are written for
these tests."""

from __future__ import annotations

import pytest

from pipeline.rules import RuleChecker
from pipeline.rules.framing import framed
from pipeline.rules.kinds import ORDINARY
from pipeline.rules.quoting import forbidden, reported
from pipeline.rules.rebuttal import rebutted

NONE: set[str] = set()
WARNED = {"warning"}
BLOCKED = {"error"}


def at(text: str, first: str, last: str) -> tuple[str, int, int]:
    """``text`` and the span from ``first`` to the end of ``last`` after it."""
    start = text.index(first)
    return text, start, text.index(last, start) + len(last)


@pytest.fixture(scope="module")
def checker() -> RuleChecker:
    return RuleChecker(None)


# -- class 1: a state organ's warning (提示 as 提醒) ------------------------------------

ORGAN_WARNINGS = [
    (
        "国家安全机关提示：有境外人员以“旅游拍摄”为名，高价收购海军码头、雷达站附近的"
        "照片和视频，发现可疑情况请及时举报。",
        NONE,
    ),
    (
        "国家安全机关提示：近期有境外人员以“兼职调研”为名，高价收购军港、机场等敏感区域的照片。",
        NONE,
    ),
    # Not an organ: a bare 温馨提示 frames nothing, and the offer is plain.
    (
        "温馨提示：有境外人员以“兼职拍照”为名，高价收购军港、机场等敏感区域的照片，有意私聊。",
        BLOCKED,
    ),
    ("高价收购军港、机场等敏感区域的照片，兼职拍照，日结，有意者私聊。", BLOCKED),
]


def test_framed_reads_an_organs_prompt_but_not_a_bare_one() -> None:
    assert framed(*at("市公安局提示：有人冒充客服要求转账。", "冒充", "转账"))
    assert not framed(*at("温馨提示：名额有限，先到先得。", "名额", "先得"))


# -- class 2: a lure quoted as a pretext (以“…”名义) or after 谨防/警惕 -------------------

LURES = [
    ("回复网友：您反映有人在菜市场以“大师”名义给老人算命收费，派出所已到现场处置。", WARNED),
    ("回复网友：有人以“风水大师”的名义在小区摆摊看风水，社区和城管已劝离。", WARNED),
    ("谨防“大师”上门，“跳大神”驱鬼骗钱的事社区已提醒多次。", WARNED),
    # The same pretext in an advert: no register of enforcement or warning.
    ("以“大师”名义给老人算命，一次五十，灵验包退，欢迎预约。", BLOCKED),
    ("村里今晚请人跳大神驱鬼，灵验得很，欢迎大家来看。", BLOCKED),
]


def test_reported_reads_a_finding_that_runs_out_of_a_pretext_quotation() -> None:
    assert reported(*at("有人以“大师”名义给老人算命，派出所已处置。", "大师", "算命"), ORDINARY)
    assert not reported(*at("有人以“大师”名义给老人算命，欢迎预约。", "大师", "算命"), ORDINARY)


# -- class 3: a body that stops what it names (劝阻, 制止, 取缔) ---------------------------

STOPPING = [
    ("村红白理事会将劝阻“跳大神”“驱鬼”等封建迷信活动。", WARNED),
    ("镇文明办志愿者将制止“跳大神”等封建迷信活动，倡导移风易俗。", WARNED),
    # Negated, the verb lets it go on; a verb in another clause stops nothing.
    ("我们不劝阻跳大神，跳大神能驱鬼治病，欢迎来看。", BLOCKED),
    ("有人劝阻也没用，今晚照样跳大神，欢迎来看。", BLOCKED),
]


def test_forbidden_reads_a_stopping_verb_unless_negated() -> None:
    assert forbidden("将劝阻跳大神。", 3)
    assert not forbidden("并不制止跳大神。", 4)
    assert forbidden("禁止跳大神。", 2)


# -- class 4: a claim quoted as “…”的说法, then denied -----------------------------------

CLAIMS = [
    ("回复网友：关于“镇农商银行要倒闭”的说法，人民银行县支行已说明，该行经营正常。", NONE),
    ("回复网友：关于“县村镇银行要倒闭”的传言，经核实，该行运营正常，存款受存款保险保障。", NONE),
    ("关于“农商银行要倒闭”的说法，我有内部消息，千真万确，大家赶紧去取钱。", BLOCKED),
    # Denied in words, then acted on: the rumour is spread.
    ("关于“农商银行要倒闭”的说法，官方说经营正常，但大家还是赶紧去取钱。", BLOCKED),
    ("“农商银行要倒闭”的说法已经传开了，赶紧取钱。", BLOCKED),
]


def test_rebutted_needs_a_claim_word_after_the_quotation_and_a_denial() -> None:
    assert rebutted(*at("关于“银行要倒闭”的说法，该行经营正常。", "银行", "倒闭"))
    assert not rebutted(*at("他说“银行要倒闭”，该行经营正常。", "银行", "倒闭"))
    assert not rebutted(*at("关于“银行要倒闭”的说法，大家都在传。", "银行", "倒闭"))


# -- every class, judged in an ordinary post ----------------------------------------------

CASES = [
    *(("A9-02", text, expected) for text, expected in ORGAN_WARNINGS),
    *(("A9-05", text, expected) for text, expected in LURES + STOPPING),
    *(("A9-06", text, expected) for text, expected in CLAIMS),
]


@pytest.mark.parametrize(("rule", "text", "expected"), CASES)
def test_a_warning_or_reply_does_not_block_and_the_violating_twin_does(
    checker: RuleChecker, rule: str, text: str, expected: set[str]
) -> None:
    """``rule``'s severities are ``expected`` (an error among them for :data:`BLOCKED`);
    a semantic warning on the same sentence stays for the reviewer and is not judged."""
    got = {d.severity for d in checker.check_text(text, ORDINARY) if d.rule == rule}
    assert ("error" in got) if expected == BLOCKED else got == expected, (text, got)
