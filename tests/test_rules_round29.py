"""Issue 12, round 29: set 25's training misses closed as techniques.

An account's denial said as 不开展任何…, 从未委托…代为…, 也不会… is no offer (an offer after the
denial still is); for 第十七条 a private key's label with a qualifier in brackets
(``SM2私钥(HEX)：``), a key block numbered by ``cat -n``, a browser's ``Cookie:`` header with a
session, a password quoted after ``-U user%`` and a password labelled as encoded
(``password_b64:``). Every key, cookie and password is made at run time from a seeded
generator; each technique has legitimate texts of the same shape."""

from __future__ import annotations

import base64
import random
import string

import pytest

from pipeline.rules import RuleChecker
from tests.test_rules_round12_evasion import checker

__all__ = ["checker"]  # the module-scoped fixture, shared with round 12's tests

RNG = random.Random(29)
ALNUM = string.ascii_letters + string.digits
B64 = ALNUM + "+/"


def rand(size: int, alphabet: str = ALNUM) -> str:
    return "".join(RNG.choice(alphabet) for _ in range(size))


PASSWORD = rand(8) + "#" + rand(3)
HEX_KEY = RNG.randbytes(32).hex()
KEY_LINES = [rand(70, B64) for _ in range(5)]
SESSION = "_2A" + rand(60, ALNUM + "-_")


def _errors(checker: RuleChecker, text: str, prefix: str) -> list[str]:
    return [
        d.rule
        for d in checker.check_text(text)
        if d.rule.startswith(prefix) and d.severity == "error"
    ]


# -- an account's own denial ------------------------------------------------------------------

DISOWNED = [
    "本号不开展任何“关注抽奖”“转发送礼”活动，也从未委托任何机构代为推广或购买粉丝。",
    "本单位不举办任何关注送礼活动，也从未购买粉丝或刷阅读量。",
    "本平台不组织任何“转发抽奖”，也不会委托机构代为推广或购买粉丝。",
    "我们不提供刷量服务，也不会帮人买粉丝。",
    "我局从未委托任何公司代为运营，也不会购买粉丝。",
]
STILL_OFFERS = [
    "本号不开展任何“关注抽奖”活动，但可以帮你买粉丝，价格私聊。",
    "我们从不购买粉丝，但可以帮你买粉丝。",
    "本号不开展刷量，需要买粉丝的私聊。",
    "我们不委托任何机构买粉丝，只要转发本条就送礼品。",
    "本号不做任何推广，也可以帮你买粉丝。",
]


@pytest.mark.parametrize("text", DISOWNED)
def test_a_denial_of_the_accounts_own_doing_is_no_offer(checker: RuleChecker, text: str) -> None:
    assert _errors(checker, text, "A16") == [], text
    assert not [d for d in checker.check_text(text) if d.rule.startswith(("S16", "A9-13"))]


@pytest.mark.parametrize("text", STILL_OFFERS)
def test_an_offer_after_the_denial_stays_blocked(checker: RuleChecker, text: str) -> None:
    assert _errors(checker, text, "A16"), text


# -- 第十七条 -----------------------------------------------------------------------------------


def test_a_private_keys_label_with_a_qualifier_in_brackets(checker: RuleChecker) -> None:
    for label in ("SM2私钥(HEX)：", "私钥（十六进制）：", "private key (hex) = "):
        assert "A17-01" in _errors(checker, f"签名模块的{label}{HEX_KEY}，别外传。", "A17"), label
    for quiet in (
        f"SM2公钥(HEX)：04{HEX_KEY}",
        "私钥（示例）：<your-private-key>",
        "SM2私钥(HEX)：请向管理员申请，不要在群里发送。",
    ):
        assert _errors(checker, quiet, "A17") == [], quiet


def _numbered(lines: list[str], style: str) -> str:
    return "\n".join(style.format(n=n, line=line) for n, line in enumerate(lines, 1))


@pytest.mark.parametrize("style", ["{n:6d}\t{line}", "{n}: {line}", "{n:>3} | {line}"])
def test_a_key_block_numbered_by_line(checker: RuleChecker, style: str) -> None:
    block = [
        "-----BEGIN OPENSSH PRIVATE KEY-----",
        *KEY_LINES,
        "-----END OPENSSH PRIVATE KEY-----",
    ]
    text = "钥匙我直接 cat -n 贴出来了：\n" + _numbered(block, style) + "\n"
    assert "A17-01" in _errors(checker, text, "A17")


def test_line_numbered_code_without_a_secret_passes(checker: RuleChecker) -> None:
    code = [
        "import requests",
        "def fetch(url: str) -> str:",
        "    return requests.get(url, timeout=10).text",
        "# -----BEGIN PUBLIC KEY----- 见附件",
    ]
    text = "示例代码如下：\n" + _numbered(code, "{n:6d}\t{line}") + "\n"
    assert _errors(checker, text, "A17") == []


def test_a_browsers_cookie_header_with_a_session(checker: RuleChecker) -> None:
    for text in (
        f"后台登不上就用我的，从浏览器复制的：Cookie: SUB={SESSION}; SUBP=0033WrSX",
        f"Set-Cookie: JSESSIONID={rand(32, '0123456789ABCDEF')}; Path=/; HttpOnly",
        f"在控制台执行 document.cookie = 'token={rand(40)}' 就能进后台",
    ):
        assert "A17-02" in _errors(checker, text, "A17"), text


def test_a_cookie_notice_and_a_cookie_template_pass(checker: RuleChecker) -> None:
    for text in (
        "本网站使用 Cookie：我们使用 cookie 改善您的浏览体验，您可在浏览器设置中关闭。",
        "请求头示例：Cookie: SESSIONID=<your-session-id>; lang=zh-CN",
        "Cookie: theme=dark; lang=zh-CN; _ga=GA1.2.1234567890.1700000000",
    ):
        assert _errors(checker, text, "A17") == [], text


def test_a_password_quoted_after_the_users_name(checker: RuleChecker) -> None:
    for text in (
        f"共享盘这样连：smbclient //10.12.3.40/share -U admin%'{PASSWORD}'",
        f'smbclient //fs01/docs -U "admin%{PASSWORD}"',
        f'smbclient //fs01/docs -U admin%"{PASSWORD}"',
        f"curl -u admin:'{PASSWORD}' https://10.1.1.1/api",
    ):
        assert "A17-03" in _errors(checker, text, "A17"), text


def test_a_documented_command_with_a_placeholder_passes(checker: RuleChecker) -> None:
    for text in (
        "连接方法：smbclient //server/share -U user%'<password>'",
        "示例：smbclient //10.0.0.1/docs -U user%'your_password'",
        "curl -u admin:'<password>' https://example.gov.cn/api",
    ):
        assert _errors(checker, text, "A17") == [], text


def test_a_password_labelled_as_encoded(checker: RuleChecker) -> None:
    b64 = base64.b64encode(PASSWORD.encode()).decode()
    for text in (
        f"database:\n  user: donate_app\n  password_b64: {b64}   # base64 一下",
        f'DB_PASSWORD_BASE64="{b64}"',
        f"密码（Base64）：{b64}",
        f"db:\n  password_hex: {PASSWORD.encode().hex()}",
    ):
        assert "A17-03" in _errors(checker, text, "A17"), text


def test_an_encoded_placeholder_or_word_passes(checker: RuleChecker) -> None:
    for text in (
        "password_b64: <base64 of your password>",
        "password_b64: " + base64.b64encode(b"password").decode(),
        "password_b64: " + base64.b64encode(b"changeme").decode(),
        "配置项 password_b64 填写 Base64 编码后的密码。",
    ):
        assert _errors(checker, text, "A17") == [], text
