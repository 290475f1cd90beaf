"""Issue 12, round 21 (lexical): a legitimate warning about an illegal service that
describes the service (what the lender promises, what the agency offers) without naming an
enforcement body is not blocked; an offer of the same shape that adds a disclaimer, speaks
as the service or invites contact stays blocked. Every text here is written for these
tests (loans, surrogacy, organ trade, forged certificates, gambling, wildlife)."""

from __future__ import annotations

import pytest

from pipeline.rules import RuleChecker
from pipeline.rules.warning import warns
from tests.test_rules_round12_evasion import checker, post_findings

__all__ = ["checker"]  # the module-scoped fixture, shared with round 12's tests

# (title, body): a warning of each service, describing it; none may be blocked.
WARNINGS = [
    (
        "校园贷风险提醒",
        "部分网络平台打着“低息、免审核、当天放款”的旗号向在校学生放贷，实际收取高额"
        "“服务费”，逾期后以曝光隐私相要挟。请同学们不要相信此类广告，有资金需求请向学校"
        "资助中心咨询。",
    ),
    (
        "关于代孕的违法提示",
        "买卖卵子、代孕在我国属于违法行为。一些中介以“包性别、包成功”为宣传，收取数十万元"
        "费用，既损害妇女健康，也无任何法律保障，请市民切勿轻信。",
    ),
    (
        "器官买卖风险提示",
        "人体器官买卖是违法行为。有人在网上发帖高价收购肾脏，声称“手术安全、当天拿钱”，"
        "请广大群众切勿参与，保护自身健康。",
    ),
    (
        "警惕假证",
        "网上有人声称可以办理学历证书、职业资格证书，“全国联网可查”。办理、使用假证均属"
        "违法，请不要相信此类信息，职业资格请通过官方渠道查询。",
    ),
    (
        "远离网络赌博",
        "所谓“稳赚不赔”的网络博彩平台，先让参与者小额赢钱，再诱导加大投入。网络赌博是"
        "违法行为，请切勿参与。",
    ),
    (
        "野生动物保护提示",
        "一些短视频账号出售穿山甲鳞片、象牙制品，声称“可入药、能升值”。法律明确禁止非法"
        "收购、出售野生动物及其制品，请不要购买。",
    ),
]

# (title, body, rule): offers of the same services that name the law or warn of others
# and then offer, with a disclaimer or in the service's own voice; each stays blocked.
OFFERS = [
    (
        "海外生育服务",
        "代孕在国内属于违法行为，我们只是帮您对接海外代孕机构，包性别、包成功。",
        "A9-13",
    ),
    (
        "学生贷款",
        "网贷违法的事我们不做，只提供无抵押、免审核、当天放款的学生贷款，风险自担。",
        "A9-13",
    ),
    (
        "证书办理",
        "办假证是违法行为，本公司只提供学历证书办理，全国联网可查，加微信咨询。",
        "A9-13",
    ),
    (
        "娱乐平台",
        "切勿相信小平台！本公司稳赚不赔的博彩平台，充值即送，风险自担。",
        "A9-07",
    ),
    (
        "山货",
        "穿山甲、果子狸现货出售，仅供参考，切勿声张，风险自担。",
        "A9-13",
    ),
]


def _post_findings(checker: RuleChecker, title: str, body: str) -> list[tuple[str, str]]:
    return [(f.rule, f.severity) for f in post_findings(checker, title, body)]


@pytest.mark.parametrize(("title", "body"), WARNINGS)
def test_warning_about_an_illegal_service_is_not_blocked(
    checker: RuleChecker, title: str, body: str
) -> None:
    found = _post_findings(checker, title, body)
    assert not [rule for rule, severity in found if severity == "error"], (title, found)


@pytest.mark.parametrize(("title", "body", "rule"), OFFERS)
def test_offer_with_a_disclaimer_stays_blocked(
    checker: RuleChecker, title: str, body: str, rule: str
) -> None:
    found = _post_findings(checker, title, body)
    assert (rule, "error") in found, (title, found)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("代孕在我国属于违法行为，请勿轻信中介。", True),
        ("网络赌博是违法行为。", True),
        ("请大家提高警惕。", True),
        # a negated warning word, or none at all
        ("这并不属于违法行为，放心办理。", False),
        ("当天放款，无需抵押。", False),
        # a disclaimer, the service's own voice, an invitation, a threat naming the law
        ("代孕属于违法行为，我们只做海外业务。", False),
        ("赌博是违法行为，仅供参考。", False),
        ("切勿相信别家，有意者请联系。", False),
        ("逾期不还属于违法行为，我们将上门催收。", False),
        ("办证违法？风险自担。法律禁止的事本公司不做。", False),
    ],
)
def test_warns(text: str, expected: bool) -> None:
    assert warns(text, 0, len(text)) is expected


def test_only_the_warning_paragraph_is_framed(checker: RuleChecker) -> None:
    """A warning in one paragraph does not cover an offer in the next."""
    warning = "代孕在我国属于违法行为，请市民切勿轻信。"
    offer = "专业代孕，包性别，欢迎来电。"
    alone = {(d.rule, d.severity) for d in checker.check_text(warning)}
    assert ("A9-13", "error") not in alone
    both = checker.check_text(f"{warning}\n\n{offer}")
    errors = [d for d in both if d.rule == "A9-13" and d.severity == "error"]
    assert errors and all(d.start > len(warning) for d in errors), both


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("这帮人渣都是违法犯罪的料，千万不要相信他们。", ("A9-08", "error")),
        ("千万不要相信那个开超市的，他就是个人渣。", ("S9-08", "warning")),
    ],
)
def test_a_warning_word_frames_only_the_items_of_illegal_services(
    checker: RuleChecker, text: str, kept: tuple[str, str]
) -> None:
    """Contempt for a person or a group that says 不要相信 or 违法犯罪 keeps its findings."""
    assert kept in {(d.rule, d.severity) for d in checker.check_text(text)}, text
