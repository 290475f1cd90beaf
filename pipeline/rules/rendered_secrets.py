"""Secrets read in the body as its readers see it, not only as it is written (round 36).

The secret rules (``A17-*``, ``A9-11``) read the Markdown source. Markup a reader never
sees split a credential from its label there: ``管理员**密码**：Kq7v…`` (the label in bold),
``密码：`Kq7v…``` (the value in a code span), ``密码&#65306;Kq7v…`` (the colon as a
character reference), ``[密码](https://…)：Kq7v…`` (the label a link): no rule matched, the
check was clean and every platform showed ``管理员密码：Kq7v…``. So the body is rendered as
the platforms render it, its tags dropped and its character references decoded (tags a
post writes are shown escaped by the platforms: they are dropped too, the value between
them is what a reader reads), and the pattern files read that text; a secret rule's
detection the source's check does not hold at the same words is reported, placed at the
words in the source where its value is found.

Only a body with a character Markdown or HTML gives a meaning to pays for a second look, and
only one whose markup, dropped by a cheap approximation (:func:`unmarked`), uncovers a
secret the source's check does not hold pays for the rendering (and the Markdown import):
a one-post check of an ordinary post stays as light as before.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Iterator, Sequence

from pipeline.content import Post
from pipeline.findings import SECRET_RULES, Finding
from pipeline.rules.compiled_re import compiled
from pipeline.rules.detection import Detection

_MARKUP = compiled(r"[*_`<>&\[\]\\~]")
_TAG = compiled(r"<[^<>\n]{0,200}>")
# The approximation's steps: a link or an image by its text, a footnote mark by its label,
# emphasis, code and strike-through marks and backslash escapes dropped, an underscore
# dropped unless it joins two letters or digits (``sk_live_…`` keeps its own).
_LINK = compiled(r"!?\[([^\]\n]{0,200})\]\([^)\n]{0,500}\)")
_FOOTNOTE = compiled(r"\[\^([^\]\n]{1,20})\]")
_MARKS = compiled(r"[*`~\\]")
_LOOSE_UNDERSCORE = compiled(r"(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])")
_VALUE = 6  # characters of a match's end looked for in the source to place it


def reader_text(body: str) -> str | None:
    """The body's text as a reader of a platform sees it (lines kept), or None when it
    holds no markup or cannot be laid out (its own check says so)."""
    if not _MARKUP.search(body):
        return None
    from pipeline.platforms.errors import Permanent
    from pipeline.platforms.render_common import convert, reused_markdown

    try:
        rendered = convert(reused_markdown(), body, "")
    except Permanent:
        return None
    shown = html.unescape(_TAG.sub("", rendered))
    return html.unescape(_TAG.sub("", shown))  # a tag the post wrote is shown escaped


def unmarked(body: str) -> str:
    """A cheap approximation of :func:`reader_text` (no Markdown parser): the gate before it."""
    text = _FOOTNOTE.sub(r"\1", _LINK.sub(r"\1", body))
    text = _LOOSE_UNDERSCORE.sub("", _MARKS.sub("", _TAG.sub("", text)))
    return html.unescape(text)


def _unheld(
    text: str, source: str, detect: Callable[[str], Sequence[Detection]], body: Sequence[Detection]
) -> Iterator[tuple[Detection, str, int]]:
    """Each secret rule's detection in ``text`` (a reading of ``source``) that the source's
    detections (``body``) do not hold: the detection, its match and where its value starts
    in the source (-1 when it is not found there)."""
    for d in detect(text):
        match = text[d.start : d.end]
        if not d.rule.startswith(SECRET_RULES) or not match.strip():
            continue
        start = _in_source(source, match)
        if start < 0 or not _held(body, start, start + _VALUE):
            yield d, match, start


def rendered_findings(
    post: Post,
    detect: Callable[[str], Sequence[Detection]],
    body: Sequence[Detection],
) -> list[Finding]:
    """The secret rules' detections (``detect``: the pattern files over a text) in the
    body as rendered, less what the source's detections (``body``) hold at the same words."""
    if not _MARKUP.search(post.body):
        return []
    if next(_unheld(unmarked(post.body), post.body, detect, body), None) is None:
        return []  # the cheap reading uncovers nothing: no rendering
    text = reader_text(post.body)
    if text is None:
        return []
    found: list[Finding] = []
    for d, match, start in _unheld(text, post.body, detect, body):
        line, column = post.body_position(start) if start >= 0 else (post.body_line, 1)
        message = (
            f"{d.message.rstrip('。')}（按读者看到的正文识别：Markdown 或 HTML 标记不能隐藏它）。"
        )
        found.append(
            Finding(post.path, line, column, d.rule, d.article, d.severity, message, match)
        )
    return found


def _in_source(body: str, match: str) -> int:
    """Where the end of ``match`` (its value, written without markup) starts in the
    source, or -1."""
    tail = match.strip()[-_VALUE:]
    return body.find(tail) if tail else -1


def _held(body: Sequence[Detection], start: int, end: int) -> bool:
    """A secret rule's detection in the source over these characters."""
    return any(b.rule.startswith(SECRET_RULES) and b.start < end and start < b.end for b in body)
