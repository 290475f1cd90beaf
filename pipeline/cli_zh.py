"""argparse's own messages in Simplified Chinese.

argparse looks its messages up through the module-level ``gettext`` functions it imported
(``argparse._`` and ``argparse.ngettext``) at the moment it needs them. Python ships no
Chinese catalogue for them, so ``install`` points those two names at this mapping; any
message not listed stays as argparse wrote it.
"""

from __future__ import annotations

import argparse

MESSAGES = {
    "usage: ": "用法：",
    "positional arguments": "位置参数",
    "options": "选项",
    "optional arguments": "选项",
    "show this help message and exit": "显示本帮助并退出",
    "show program's version number and exit": "显示版本号并退出",
    "the following arguments are required: %s": "缺少必需的参数：%s",
    "invalid choice: %(value)r (choose from %(choices)s)": (
        "无效的选项值 %(value)r（可选：%(choices)s）"
    ),
    "invalid %(type)s value: %(value)r": "无效的 %(type)s 值：%(value)r",
    "unrecognized arguments: %s": "无法识别的参数：%s",
    "argument %(argument_name)s: %(message)s": "参数 %(argument_name)s：%(message)s",
    "expected one argument": "需要一个值",
    "expected at most one argument": "最多需要一个值",
    "expected at least one argument": "至少需要一个值",
    "ambiguous option: %(option)s could match %(matches)s": (
        "选项 %(option)s 有歧义，可能是：%(matches)s"
    ),
    "not allowed with argument %s": "不能与参数 %s 同时使用",
    "ignored explicit argument %r": "忽略了多余的值 %r",
    "one of the arguments %s is required": "参数 %s 中必须提供一个",
    "unexpected option string: %s": "意外的选项：%s",
    "unknown parser %(parser_name)r (choices: %(choices)s)": (
        "未知命令 %(parser_name)r（可选：%(choices)s）"
    ),
    "can't open '%(filename)s': %(error)s": "无法打开「%(filename)s」：%(error)s",
    "%(prog)s: error: %(message)s\n": "%(prog)s：参数错误：%(message)s\n",
}
PLURAL = {("expected %s argument", "expected %s arguments"): "需要 %s 个值"}


def translate(message: str) -> str:
    return MESSAGES.get(message, message)


def ntranslate(singular: str, plural: str, n: int) -> str:
    found = PLURAL.get((singular, plural))
    if found is not None:
        return found
    return singular if n == 1 else plural


def install() -> None:
    """Make argparse speak Chinese (idempotent; call before building any parser)."""
    argparse._ = translate  # type: ignore[attr-defined]
    argparse.ngettext = ntranslate  # type: ignore[attr-defined]
