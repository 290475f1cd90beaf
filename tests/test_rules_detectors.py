"""Pattern rules (pipeline/rules/rulefiles/a09-11, a09-12, a10, a17): personal data,
credentials, language norms, opinions."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.rules.detection import Detection
from pipeline.rules.normalize import mask_markup
from pipeline.rules.rule_kinds.rulebook import RuleBook, package_files

BOOK = RuleBook(package_files())


def _of(prefix: str, text: str) -> list[Detection]:
    """The pattern files' findings in ``text`` itself (the checker reads the squeezed
    view of it: tests/test_rules_normalise_everywhere.py)."""
    found = [d for f in BOOK.patterns.squeezed for d in f.detect(text)]
    found += [d for f in BOOK.patterns.masked for d in f.detect(mask_markup(text))]
    return [d for d in found if d.rule.startswith(prefix)]


def pii(text: str) -> list[Detection]:
    return _of("A9-11", text)


def credentials(text: str) -> list[Detection]:
    return _of("A17-", text)


def language(text: str) -> list[Detection]:
    return _of("A10-", text)


def opinion(text: str) -> list[Detection]:
    return _of("A9-12", text)


def rules(detections: list[Detection]) -> list[str]:
    return [d.rule for d in detections]


def test_identity_number_needs_a_valid_checksum_or_its_label() -> None:
    assert rules(pii("身份证号110101199003074514。")) == ["A9-11"]
    assert rules(pii("编号110101199003074515。")) == []  # wrong check digit, no label
    assert rules(pii("编号110101199013074514。")) == []  # month 13
    # Labelled as an identity number, a mistyped check digit still leaks the rest; one
    # finding where both rules match.
    assert rules(pii("身份证号110101199003074515。")) == ["A9-11"]
    assert rules(pii("身份证：110101199003074515")) == ["A9-11"]
    assert rules(pii("身份证号码：110101199013074515")) == []  # month 13


def test_mobile_numbers_but_not_masked_or_hotlines() -> None:
    assert rules(pii("联系人手机13912345678")) == ["A9-11"]
    assert rules(pii("联系人手机139-1234-5678")) == ["A9-11"]
    assert rules(pii("手机尾号139****5678，热线12345，电话0470-7331234")) == []


def test_bank_cards_need_luhn() -> None:
    assert rules(pii("卡号6222021234567890128")) == ["A9-11"]
    assert rules(pii("卡号6222 0212 3456 7890 128")) == ["A9-11"]
    assert rules(pii("卡号6222021234567890127")) == []


@pytest.mark.parametrize("text", ["机密★1年", "秘密 ★", "绝密☆", "密级：机密"])
def test_secrecy_stamps(text: str) -> None:
    assert rules(pii(text)) == ["A9-11"]


def test_secrecy_words_without_a_stamp_pass() -> None:
    assert rules(pii("学习《保守国家秘密法》，不得泄露国家秘密。")) == []


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAA=", "A17-01"),
        ("-----BEGIN RSA PRIVATE KEY-----", "A17-01"),
        ("AppSecret: 3f9a0c1e5b7d2a4f6e8c0b1d3f5a7c9e", "A17-02"),
        ("access_token=ya29aBcDeFgHiJkLmNoPqRsTuV", "A17-02"),
        ("令牌：ghp_abcdefghijklmnopqrstuvwxyz0123456789", "A17-02"),
        ("登录密码：Yks@2026gov", "A17-03"),
        ("password = hunter2hunter2", "A17-03"),
    ],
)
def test_credentials(text: str, rule: str) -> None:
    assert rule in rules(credentials(text))


@pytest.mark.parametrize(
    "text",
    [
        "工作人员不会索要您的银行卡密码、短信验证码。",
        "初始密码为身份证号码后六位。",
        "请妥善保管登录密码，定期修改。",
        "官方不会要求转账到“安全账户”。",
    ],
)
def test_fraud_warnings_are_not_credentials(text: str) -> None:
    assert credentials(text) == []


def test_language_norms() -> None:
    assert rules(language("请携带身份证,户口本办理")) == ["A10-01"]
    assert rules(language("办理时间:工作日")) == ["A10-01"]
    assert rules(language("下载ＡＰＰ办理")) == ["A10-02"]
    assert rules(language("窗口（一楼)办理")) == ["A10-02"]
    assert rules(language("工作日，，周末休息")) == ["A10-03"]
    assert rules(language("真的吗！！")) == ["A10-03"]
    assert language("时间：9:00-17:00，地点：大厅（一楼）。APP、12345……——") == []
    assert language("详见 [链接](https://a.cn/x,y?z) 和 `a,b`") == []


def test_emotional_punctuation_runs() -> None:
    assert rules(opinion("太过分了！！！")) == ["A9-12"]
    assert rules(opinion("为什么???")) == ["A9-12"]
    assert opinion("请注意！办理时间有调整？") == []


@pytest.mark.parametrize(
    "text",
    [
        "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAx1y2z3",
        "服务器配置如下：\n-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAA=",
    ],
)
def test_a_pasted_private_key_alone_is_an_error_of_the_whole_checker(
    text: str, tmp_path: Path
) -> None:
    """The credential rules read the squeezed view (``PRIVATEKEY``): its gate must open on a
    PEM header with no other credential word in the text."""
    from pipeline.rules import RuleChecker

    found = RuleChecker(tmp_path).check_text(text)
    assert any(d.rule == "A17-01" and d.severity == "error" for d in found)
