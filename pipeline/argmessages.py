"""argparse's English error messages in Chinese (the message argparse hands to ``error``)."""

from __future__ import annotations

import re

_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^the following arguments are required: (?P<a>.+)$"), "缺少必需的参数：{a}"),
    (re.compile(r"^unrecognized arguments: (?P<a>.+)$"), "无法识别的参数：{a}"),
    (
        re.compile(
            r"^argument (?P<a>[^:]+): invalid choice: (?P<v>.+?) \(choose from (?P<c>.+)\)$"
        ),
        "参数 {a} 的值 {v} 无效，可选：{c}",
    ),
    (
        re.compile(r"^argument (?P<a>[^:]+): invalid (?P<t>\w+) value: (?P<v>.+)$"),
        "参数 {a} 的值 {v} 无效（应为 {t}）",
    ),
    (re.compile(r"^argument (?P<a>[^:]+): expected one argument$"), "参数 {a} 后面需要一个值"),
    (
        re.compile(r"^argument (?P<a>[^:]+): expected at least one argument$"),
        "参数 {a} 后面至少需要一个值",
    ),
    (
        re.compile(r"^argument (?P<a>[^:]+): not allowed with argument (?P<b>.+)$"),
        "参数 {a} 不能与 {b} 同时使用",
    ),
    (re.compile(r"^one of the arguments (?P<a>.+) is required$"), "必须指定以下参数之一：{a}"),
    (re.compile(r"^argument (?P<a>[^:]+): (?P<m>.+)$"), "参数 {a}：{m}"),
)
_TYPES = {"int": "整数", "float": "数字"}


def translate(message: str) -> str:
    for pattern, template in _PATTERNS:
        m = pattern.match(message)
        if m:
            values = {k: _TYPES.get(v, v) for k, v in m.groupdict().items()}
            return template.format(**values)
    return message


_HELP_WORDS = (
    ("usage: ", "用法："),
    ("positional arguments:", "位置参数："),
    ("options:", "选项："),
    ("show this help message and exit", "显示此帮助并退出"),
    ("show program's version number and exit", "显示版本号并退出"),
)


def translate_help(text: str) -> str:
    """argparse's own words in a usage or help text, in Chinese."""
    for english, chinese in _HELP_WORDS:
        text = text.replace(english, chinese)
    return text
