"""PyYAML's parser messages in Simplified Chinese.

PyYAML builds its errors from a context (``while parsing a block mapping``) and a problem
(``expected <block end>, but found '<scalar>'``), with token names in angle brackets. The
phrases are fixed in its scanner, parser, composer and constructor; each is matched here by
a pattern and rewritten, and the token names are named in Chinese. A phrase not listed is
kept in English after a Chinese lead-in, so nothing is ever lost.
"""

from __future__ import annotations

import re

TOKENS = {
    "<block end>": "缩进块结束",
    "<block mapping start>": "新的映射（可能是缩进不一致）",
    "<block sequence start>": "新的列表（可能是缩进不一致）",
    "<block collection start>": "新的集合",
    "<stream end>": "文件结尾",
    "<stream start>": "文件开头",
    "<document start>": "文档开始标记 ---",
    "<document end>": "文档结束标记 ...",
    "<scalar>": "普通值",
    "<alias>": "别名",
    "<anchor>": "锚点",
    "<tag>": "标签",
    "<flow mapping start>": "{",
    "<flow mapping end>": "}",
    "<flow sequence start>": "[",
    "<flow sequence end>": "]",
    "<block entry>": "列表项 -",
    "<flow entry>": "逗号 ,",
    "<key>": "键",
    "<value>": "值",
}

CONTEXTS = (
    (r"while scanning a simple key", "读取键时"),
    (r"while (?:scanning|parsing) a quoted scalar", "读取引号中的字符串时"),
    (r"expected a single document in the stream", "文件应只包含一个 YAML 文档"),
    (r"while scanning a plain scalar", "读取值时"),
    (r"while scanning a block scalar", "读取多行文本（| 或 >）时"),
    (r"while scanning an? (alias|anchor)", "读取锚点或别名时"),
    (r"while scanning a tag", "读取标签时"),
    (r"while scanning for the next token", "读取下一个记号时"),
    (r"while scanning a directive", "读取指令时"),
    (r"while parsing a block mapping", "解析映射（「字段: 值」）时"),
    (r"while parsing a block collection", "解析列表时"),
    (r"while parsing a block node", "解析缩进块时"),
    (r"while parsing a flow mapping", "解析 { } 映射时"),
    (r"while parsing a flow sequence", "解析 [ ] 列表时"),
    (r"while parsing a flow node", "解析值时"),
    (r"while parsing a node", "解析值时"),
    (r"while constructing a mapping", "构造映射时"),
    (r"found duplicate anchor .*", "锚点重复"),
)

PROBLEMS = (
    (
        r"mapping values are not allowed (?:here|in this context)",
        "此处不能出现「: 」（值中的冒号请加引号）",
    ),
    (r"block sequence entries are not allowed in this context", "此处不能出现列表项「-」"),
    (r"did not find expected (',' or '[\]}]')", "找不到应有的{0}（括号未闭合？）"),
    (r"did not find expected (<[^>]+>)", "找不到应有的{0}"),
    (r"could not find expected ':'", "找不到应有的「:」"),
    (r"did not find expected key", "找不到应有的键（可能是缩进不一致）"),
    (r"did not find expected '-' indicator", "找不到应有的列表项「-」"),
    (r"did not find expected node content", "找不到应有的值"),
    (r"found unexpected end of stream", "文件意外结束（引号或括号未闭合？）"),
    (r"found unexpected ':'", "意外的「:」"),
    (r"found character '(.*)' that cannot start any token", "字符「{0}」不能出现在这里"),
    (r"found character that cannot start any token", "这里的字符不能作为值的开头（请加引号）"),
    (r"found a tab character where an indentation space is expected", "缩进中有制表符，应使用空格"),
    (r"found a tab character that violates indentation", "制表符破坏了缩进，应使用空格"),
    (r"found unknown escape character(?: '?(.*?)'?)?", "未知的转义字符{0}"),
    (r"found undefined alias(?: '?(.*?)'?)?", "未定义的别名{0}"),
    (r"found unhashable key", "键不能是列表或映射"),
    (r"expected a single document in the stream", "应只有一个文档"),
    (r"but found another document", "却发现了另一个文档（多余的 ---？）"),
    (
        r"could not determine a constructor for the tag '?(.*?)'?",
        "不支持的标签{0}",
    ),
    (
        r"expected (<[^>]+>|'[^']*'(?: or '[^']*')*), but (?:found|got) (.*)",
        "应为 {0}，实际是 {1}",
    ),
    (r"expected (.*), but found (.*)", "应为 {0}，实际是 {1}"),
)


def _token(text: str) -> str:
    text = text.strip()
    if text in TOKENS:
        return TOKENS[text]
    quoted = re.fullmatch(r"'(<[^>]+>)'", text)
    if quoted and quoted.group(1) in TOKENS:
        return TOKENS[quoted.group(1)]
    parts = re.split(r" or ", text)
    if len(parts) > 1:
        return " 或 ".join(_token(p) for p in parts)
    return "「" + text.strip("'") + "」"


def _rewrite(text: str, table: tuple[tuple[str, str], ...], *, tokens: bool) -> str | None:
    for pattern, chinese in table:
        found = re.fullmatch(pattern, text.strip())
        if found is not None:
            groups = [_token(g) if tokens else f"「{g}」" for g in found.groups() if g]
            for number in range(2):
                value = groups[number] if number < len(groups) else ""
                chinese = chinese.replace(f"{{{number}}}", value)
            return chinese
    return None


def translate(context: str | None, problem: str | None) -> str:
    """One Chinese sentence for a PyYAML error's context and problem."""
    parts = []
    if context:
        parts.append(_rewrite(context, CONTEXTS, tokens=False) or f"（{context}）")
    if problem:
        tokens = problem.startswith(("expected ", "did not find expected "))
        parts.append(_rewrite(problem, PROBLEMS, tokens=tokens) or f"无法解析（PyYAML：{problem}）")
    return "，".join(parts) or "无法解析"
