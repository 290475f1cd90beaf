"""Hiding places: text inside markup that still reaches a platform or the archive.

:func:`~pipeline.rules.normalize.mask_markup` blanks code, URLs, link targets and HTML
tags so that no rule reads a URL as words. Some of what it blanks is shown to readers
all the same: the title of a link or image (``[文](url "标题")``, a tooltip on the
archive), the ``title`` and ``alt`` attributes of HTML tags, and HTML comments (kept in
the page source of the archive and in the HTML sent to WeChat). :func:`reveal` puts
those characters back into the masked text, same length, so every rule reads them with
their real offsets.
"""

from __future__ import annotations

import re

from pipeline.rules.compiled_re import Lazy, compiled

_COMMENT_RE = compiled(r"<!--(.*?)-->", re.DOTALL)
# Markup shown as nothing between two characters (round 10: ``汉<!-- -->族``, ``台<b></b>独``):
# an empty comment and an inline formatting tag without attributes are separators, so a
# word they split reads as one word split by separators (an evasion).
# Round 12: inline tags with attributes (``台<span style="color:red">独</span>``) and ruby
# annotations (``<ruby>法<rt>fǎ</rt></ruby>``: the reading shown above a character) too; a
# ``title`` or ``alt`` attribute of such a tag is still read (:func:`reveal` restores it).
_JOINING_RE = compiled(
    r"<!--[ \t]*-->"
    r"|</?(?:b|i|u|s|em|strong|span|font|small|mark|sub|sup|del|ins|ruby|rb)(?:\s[^<>\n]*)?>"
    r"|<rp>[^<>\n]{0,2}</rp>|<rt>[^<>\n]{0,12}</rt>",
    re.IGNORECASE,
)
# Round 16: an inline code span that holds only a few Chinese characters is text set in
# code spans to split it (```变` `态` `色` `狼```), not code: read with its marks as separators.
_CJK_CODE_RE = Lazy("`([\u4e00-\u9fff]{1,4})`")  # compiled when a text first holds a backtick
_LINK_TITLE_RE = compiled(r"\]\([^)\s]*\s+(?:\"([^\"\n]*)\"|'([^'\n]*)'|\(([^)\n]*)\))\s*\)")
_ATTRIBUTE_RE = compiled(
    r"<[a-zA-Z][^>\n]*?\b(?:title|alt|aria-label)\s*=\s*(?:\"([^\"\n]*)\"|'([^'\n]*)')"
)


def _spans(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    if "<!--" in text:
        spans += [m.span(1) for m in _COMMENT_RE.finditer(text)]
    if "](" in text:
        for m in _LINK_TITLE_RE.finditer(text):
            group = next(g for g in (1, 2, 3) if m.group(g) is not None)
            spans.append(m.span(group))
    if "=" in text and "<" in text:
        for m in _ATTRIBUTE_RE.finditer(text):
            for attr in re.finditer(
                r"\b(?:title|alt|aria-label)\s*=\s*(?:\"([^\"\n]*)\"|'([^'\n]*)')",
                text[m.start() : text.find(">", m.start()) + 1 or len(text)],
            ):
                group = 1 if attr.group(1) is not None else 2
                a, b = attr.span(group)
                spans.append((m.start() + a, m.start() + b))
    return spans


def reveal(text: str, masked: str) -> str:
    """``masked`` with the readable parts of markup restored from ``text``, and the markup
    that only splits a word (an empty comment, a bare inline tag) read as separators."""
    if masked is text:
        return masked
    spans = _spans(text)
    joins = [m.span() for m in _JOINING_RE.finditer(text)] if "<" in text else []
    if "`" in text:  # round 16: ``孙` `某` 是个 `变` `态``: words in code spans one by one
        for m in _CJK_CODE_RE.get().finditer(text):
            joins += [(m.start(), m.start() + 1), (m.end() - 1, m.end())]
            spans.append(m.span(1))
    if not spans and not joins:
        return masked
    chars = list(masked)
    for a, b in joins:
        chars[a:b] = " " * (b - a)
    for a, b in spans:
        chars[a:b] = text[a:b]
    return "".join(chars)
