"""第十七条: account passwords, tokens, AppSecrets and private keys pasted into a post.

Only a value that looks like a secret is reported: ``不会索要银行卡密码`` (a 反诈
reminder) has no value and passes; ``密码：Abc12345`` does not.
"""

from __future__ import annotations

import re

from pipeline.rules.detection import Detection

ARTICLE = "第十七条"

_PATTERNS: tuple[tuple[str, re.Pattern[str], str], ...] = (
    (
        "A17-01",
        re.compile(r"-----BEGIN ?(?:[A-Z0-9]+ ?)*PRIVATE ?KEY-----"),
        "文章中出现私钥，私钥泄露可导致账号与系统被盗用",
    ),
    (
        "A17-02",
        re.compile(
            r"(?i)(?:app[_ ]?secret|appsecret|secret[_ ]?key|client[_ ]?secret|access[_ ]?token|"
            r"access[_ ]?key(?:[_ ]?(?:id|secret))?|secret[_ ]?id|"
            r"api[_ ]?key|token|密钥|令牌|开发者密码)\s*(?:[:：=]|是|为)\s*[\"'“]?"
            r"([A-Za-z0-9_\-.+/=]{16,})"
        ),
        "文章中出现访问令牌或 AppSecret 等密钥，须立即删除并更换密钥",
    ),
    (
        "A17-02",
        re.compile(
            r"(?:gh[pousr]_[A-Za-z0-9]{30,}|AKIA[0-9A-Z]{16}|LTAI[0-9A-Za-z]{12,24}|AKID[0-9A-Za-z]{13,40}|sk-[A-Za-z0-9]{20,}|"
            r"xox[abpsr]-[A-Za-z0-9-]{10,}|eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,})"
        ),
        "文章中出现形如访问令牌的字符串，须立即删除并更换密钥",
    ),
    (
        "A17-03",
        re.compile(
            r"(?i)(?:登录密码|账号密码|后台密码|管理员密码|初始密码|密码|口令|password|passwd|pwd|mima)"
            r"\s*((?:[:：=]|是|为)?)\s*[\"'“]?([A-Za-z0-9!@#$%^&*_\-.+]{6,})"
        ),
        "文章中出现账号密码，政务新媒体的密码不得泄漏（应由专人保管）",
    ),
)


# Cheap gates (in C): every pattern needs one of these Chinese keywords, or a run of
# three ASCII letters and one of the ASCII keywords.
_CJK_GATE = ("密码", "密钥", "口令", "令牌")
_ASCII_RUN = re.compile(r"[A-Za-z]{3}")
_ASCII_GATE = (
    "private key",
    "secret",
    "token",
    "api",
    "passw",
    "pwd",
    "gh",
    "akia",
    "sk-",
    "xox",
    "eyj",
    "ltai",
    "akid",
    "accesskey",
    "access_key",
    "secretid",
    "mima",
)


def _gate(text: str) -> bool:
    if any(key in text for key in _CJK_GATE):
        return True
    if _ASCII_RUN.search(text) is None:
        return False
    lowered = text.lower()
    return any(key in lowered for key in _ASCII_GATE)


def _alnum(char: str) -> bool:
    return char.isascii() and char.isalnum()


def _password_value(value: str, separated: bool) -> bool:
    """Whether ``value`` after 密码/password looks like a password rather than a word.

    With a colon (or 是/为) any value but a short lower-case English word; without one
    (``密码Yks2026``) only a value mixing letters with digits or symbols.
    """
    if value.isalpha() and value.islower() and len(value) < 8:
        return False  # an English word, not a password
    if separated:
        return True
    return any(c.isalpha() for c in value) and any(not c.isalpha() for c in value)


def detect(text: str) -> list[Detection]:
    found: list[Detection] = []
    if not _gate(text):
        return found
    for rule, pattern, message in _PATTERNS:
        for m in pattern.finditer(text):
            value = m.group(m.lastindex or 0)
            if rule == "A17-03" and not _password_value(value, bool(m.group(1))):
                continue
            if not m.groups() and m.start() > 0 and _alnum(text[m.start() - 1]):
                continue  # inside a longer Latin token (checked here: a leading
                # look-behind would be tried at every character)
            if any(f.start < m.end() and m.start() < f.end for f in found):
                continue  # one finding per place (AccessKeyId: LTAI… matches two patterns)
            found.append(Detection(m.start(), m.end(), rule, ARTICLE, "error", message))
    return found
