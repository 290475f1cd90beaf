"""Markup and code between Chinese characters read as the text they display (round 28, issue 12).

The main view masks markup and code (:func:`pipeline.rules.normalize.mask_markup`), and a
separator that is not a space or punctuation breaks a term: set 24 wrote
``$\\text{废}\\,\\text{除}\\,\\text{宪}\\,\\text{法}$`` (LaTeX), ``[b]集[/b][i]体[/i]`` (BBCode),
``["颠", "覆", "国", "家"].join("")`` (a JavaScript array joined); set 21 wrote
``<ruby>践<rt>jiàn</rt>踏…`` (HTML ruby). One technique: markup or code tokens *between
Chinese characters* are what a reader never sees, so this view turns them into spaces and
reads the characters they separate as one text (Markdown emphasis between characters,
``推**翻``, the main view's compacted text already reads). The tokens:

- LaTeX commands (``\\text``, ``\\mathrm``, ``\\,`` …), braces and dollar signs;
- BBCode and HTML tags, with what a ruby annotation (``<rt>``, ``<rp>``) holds, HTML
  comments and entities, and terminal colour escapes (``\\x1b[31m``);
- empty brackets (``颠【】覆【】国``);
- string literals joined in code: quotes, commas, ``+``, ``.``/``..``, ``||``, ``&`` and
  brackets between quoted characters (JavaScript, Python, PHP, Lua, SQL, VB).

Round 39: Markdown's link syntax (``[约](…)[炮](…)``, ``约[](…)炮``) and an attribute list
after an emphasis (``*约*{: .a}炮``), which WeChat, the app and the archive show as 约炮.

A run is read when it holds two separators or more between Chinese characters (one tag around
a word is emphasis, not a disguise; reading it does no harm either). A formula, a tag or code
with no Chinese character between its tokens is left as written. Same length: every finding
keeps its line and column.
"""

from __future__ import annotations

import re

from pipeline.rules.compiled_re import Lazy, compiled

NAME = "标记或代码拆开的文字（LaTeX、BBCode、HTML、终端转义、字符串拼接）"
_CJK = "\u3400-\u4dbf\u4e00-\u9fff"
_TOKEN = (
    r"<!--[^\n]{0,40}?-->"  # HTML comments
    r"|\x1b\[[0-9;]{0,12}[A-Za-z]"  # terminal (ANSI) colour escapes
    r"|!?\[(?=[^\]\n]{0,40}\]\()|\]\([^()\s]{0,300}\)"  # round 39: Markdown link syntax
    r"|\{:[^{}\n]{0,60}\}|\*{1,3}"  # round 39: an attribute list, emphasis beside it
    r"|【】|\[\]|\(\)|（）|「」|『』|〔〕"  # empty brackets
    r"|\\[A-Za-z]+\*?|\\[,;:! ]|[{}$]"  # LaTeX
    r"|\[/?[A-Za-z]{1,10}(?:=[^\]\n]{0,30})?\]"  # BBCode
    r"|<(r[tp])\b[^<>\n]{0,40}>[^<>\n]{0,20}</\1\s*>"  # a ruby annotation and what it holds
    r"|</?[A-Za-z][A-Za-z0-9]{0,10}(?:\s[^<>\n]{0,60})?/?>"  # HTML tags
    r"|&(?:[A-Za-z]{2,8}|#[0-9]{2,6}|#[xX][0-9A-Fa-f]{2,5});"  # HTML entities
    r"|[\"'](?:\s*(?:,|\+|\.{1,2}|\|\||&)?\s*[\[\]()]?\s*)*[\"']"  # joined literals
    r"|[\"']\s*[\]\)]\s*\.\s*join\s*\(\s*[\"'][\"']\s*\)"  # ...].join("")
)
_RUN_RE = Lazy(f"[{_CJK}](?:\\s{{0,2}}(?:{_TOKEN})(?:\\s{{0,2}}(?:{_TOKEN}))*\\s{{0,2}}[{_CJK}])+")
_TOKEN_RE = Lazy(f"(?:{_TOKEN})")
# searched first, with no class of Chinese characters (compiling one costs a one-post check
# about a millisecond): a character that opens a token
_GATE_RE = compiled("[\\\\\\[<&\"'$}\x1b]|【】|（）|「」|『』|〔〕")
SEPARATORS_MIN = 2  # markup or code tokens between characters in a run


def read(text: str) -> str:
    """``text`` with the markup and code tokens between Chinese characters as spaces, where
    a run holds :data:`SEPARATORS_MIN` of them or more; same length."""
    if _GATE_RE.search(text) is None:
        return text
    chars: list[str] | None = None
    for m in _RUN_RE.get().finditer(text):
        run = m.group(0)
        tokens = list(_TOKEN_RE.get().finditer(run))
        if len(tokens) < SEPARATORS_MIN:
            continue
        if chars is None:
            chars = list(text)
        for t in tokens:
            for i in range(m.start() + t.start(), m.start() + t.end()):
                chars[i] = " "
    return text if chars is None else "".join(chars)


SEPARATED_NAME = "字间重复插入的同一分隔符"
# One separator (a mark that is no letter, digit, space or list punctuation) repeated after
# every character of a run of three or more: ``你⸱们⸱这⸱群``, ``本｡市｡最｡穷``, ``不～公～开``.
_SEPARATED_GATE_RE = compiled("([^\\w\\s])\\w\\1\\w")
_SEPARATED_RE = Lazy(
    f"[{_CJK}](?P<sep>[^\\w\\s、，。；：！？“”‘’（）《》,.;:!?()\"']{{1,3}})[{_CJK}]"
    f"(?:(?P=sep)[{_CJK}])+"
)


def separated(text: str) -> str:
    """``text`` with a separator repeated between the characters of a run of three or more
    as spaces; same length."""
    if _SEPARATED_GATE_RE.search(text) is None:
        return text

    def spaced(m: re.Match[str]) -> str:
        return m.group(0).replace(m.group("sep"), " " * len(m.group("sep")))

    return _SEPARATED_RE.get().sub(spaced, text)
