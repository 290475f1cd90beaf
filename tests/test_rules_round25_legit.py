"""Issue 12, round 25 (lexical): legitimate posts blocked. An offer's words inside
enforcement news (查处, 破获, 逮捕, 立案 …) or inside a warning to buyers that names their
consequence (将依法追责) read as reported or warned; a report of an act punished (被给予…处分)
keeps its strong words from raising; an internal-material label used to keep material in
(会后统一收回) is no leak. The same words as an offer — with a call to get in touch, a
disclaimer, the service naming itself, a boast that it was never caught, or a leak shrugged
off — stay blocked. Every text here is written for these tests."""

from __future__ import annotations

import pytest

from pipeline.rules import RuleChecker, consequence
from pipeline.rules.warning import warns
from tests.test_rules_round12_evasion import checker, post_findings

__all__ = ["checker"]  # the module-scoped fixture, shared with round 12's tests

# (title, body): legitimate posts of each class; none may be blocked.
LEGITIMATE = [
    (
        "谨防购买假学历",
        "有不法分子在网上兜售“免考包过”的毕业证书、学位证书，声称网上可查。学历只能通过"
        "正规学习取得，可在学信网核验。购买、使用假学历的，将依法追责。",
    ),
    (
        "代开发票团伙落网",
        "区公安分局会同税务部门破获一个代开发票团伙，该团伙以“低价代开各类发票”招揽客户，"
        "涉案金额500余万元。3名犯罪嫌疑人已被刑事拘留。",
    ),
    (
        "虚开专票案件",
        "县税务局稽查局立案查处一起虚开增值税专用发票案件，涉案公司在无真实业务的情况下"
        "对外虚开专票120份，法定代表人已被逮捕。",
    ),
    ("培训须知", "本次培训讲义属于内部资料，培训结束后统一收回，请勿拍照。"),
    ("违纪通报", "某镇干部将尚未公开的招聘成绩截图发到亲友群，受到党内警告处分。"),
    ("违纪通报", "某局科员擅自将内部文件转发至朋友圈，被给予政务记过处分。"),
    # the advert's call quoted or described by a report, or advised against by a warning
    ("警方通报", "不法分子在朋友圈发布“代开发票，联系微信”的广告，被警方查处。"),
    ("警方通报", "警方查处一个团伙，该团伙专业代开发票，通过微信联系客户。"),
    ("谨防假证", "网上所谓办理各类证件、网上可查的广告，均属违法，请勿私信联系。"),
]

# (title, body, rule): offers and leaks in the same words; each stays blocked.
VIOLATIONS = [
    (
        "发票",
        "近日某地破获一起虚开发票案件，犯罪嫌疑人已被逮捕。很多老板因此找不到渠道。本店长期"
        "专业代开各类发票，税点低，联系微信fp888。",
        "A9-13",
    ),
    (
        "发票",
        "近日某地破获一起虚开发票案件，犯罪嫌疑人已被逮捕。很多老板因此找不到渠道。本店长期"
        "专业代开各类发票，税点低。",
        "A9-13",
    ),
    (
        "证件",
        "警方上月破获一个制售假证团伙。不少人还在找门路。我们办理各类证件，可查可验，私聊。",
        "A9-13",
    ),
    ("证件", "购买假证的将依法追责，但我们办理各类证件，可查可验，后果自负。", "A9-13"),
    ("证件", "办理各类证件，可查可验，购买假证的将依法追责，本公司保证不出事。", "A9-13"),
    ("证件", "办理各类证件，可查可验，违法的事我们不做，后果自负。", "A9-13"),
    ("发票", "这几年从没被查处过，专业代开发票，放心找我。", "A9-13"),
    ("发票", "前几年同行被查处了好几家，我们这里专业代开发票，联系微信fp888。", "A9-13"),
    ("证件", "警惕小作坊假证！本店办理各类证件，可查可验，联系微信zj666。", "A9-13"),
    ("成绩", "我把尚未公开的招聘成绩发到外面的群了，被处分也无所谓。", "A9-11"),
    ("成绩", "尚未公开的招聘成绩先发给大家，谁被处分谁倒霉。", "A9-11"),
    ("资料", "这份内部资料会后统一收回，我先发出来给大家看看。", "A9-11"),
]


def _found(checker: RuleChecker, title: str, body: str) -> list[tuple[str, str]]:
    return [(f.rule, f.severity) for f in post_findings(checker, title, body)]


@pytest.mark.parametrize(("title", "body"), LEGITIMATE)
def test_reported_warned_or_kept_in_is_not_blocked(
    checker: RuleChecker, title: str, body: str
) -> None:
    found = _found(checker, title, body)
    assert not [rule for rule, severity in found if severity == "error"], (title, found)


@pytest.mark.parametrize(("title", "body", "rule"), VIOLATIONS)
def test_offer_or_leak_in_the_same_words_stays_blocked(
    checker: RuleChecker, title: str, body: str, rule: str
) -> None:
    found = _found(checker, title, body)
    assert (rule, "error") in found, (title, found)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("市场监管局查处一家违规企业，没收违法所得。", True),
        ("两名犯罪嫌疑人已被逮捕。", True),
        ("购买、使用假证的，将依法追责。", True),
        # a report denied, or voided by a call, a disclaimer or the service's voice
        ("干了十年从没被查处过。", False),
        ("同行被查处了，我们这里照常办理，联系微信。", False),
        ("同行被查处了，本公司照常办理。", False),
        ("已被逮捕的那家不做了，风险自担。", False),
    ],
)
def test_warns_or_reports(text: str, expected: bool) -> None:
    assert warns(text, 0, len(text)) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("某干部将未公开的名单发到群里，被给予党内警告处分。", True),
        ("某职工将未公开的名单发到群里，受到记过处分。", True),
        ("某职工将未公开的名单发到群里，已被开除。", True),
        # the writer's own leak, the punishment shrugged off or defied, a disclaimer
        ("我将未公开的名单发到群里，被处分也无所谓。", False),
        ("未公开的名单发到群里，被处分也值。", False),
        ("未公开的名单发到群里，不怕被处分。", False),
        ("未公开的名单发到群里，谁被处分谁倒霉。", False),
        ("未公开的名单有偿提供，依法追责与本公司无关。", False),
    ],
)
def test_discipline_imposed_is_a_consequence(text: str, expected: bool) -> None:
    end = text.index("名单") + len("名单")
    assert consequence.follows(text, end) is expected
