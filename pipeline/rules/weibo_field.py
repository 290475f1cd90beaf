"""The Weibo text of a post without a digest, checked as a field of its own (round 22).

Without a ``digest`` a post goes to Weibo as the body's opening cut to 140 characters and
"…" (:func:`pipeline.platforms.render_weibo.opening`). The rules read the body whole: a
rumour quoted and denied two sentences later passes, and the cut sends the rumour alone.
So :func:`weibo_findings` reads the cut through the same rule engine, with the post's kind,
and reports what it finds there that the body's check did not (rule ``PF-WEIBO-TEXT``,
the field 微博文本), placed at the words in the body where they can be found. What a secret rule reads in the cut is
masked in these findings' matches (round 35): ``PF-WEIBO-TEXT`` is no secret rule, and
the body's rules need not hold the same secret to mask it by.

Only a post that goes to Weibo without a digest pays for the renderer (and its Markdown
import). A digest longer than the status holds is cut the same way and read the same way
(round 25). The cut is laid out for the longest archive address and prefix a run may give
(:func:`pipeline.platforms.weibo_text.layout`), so the desk, the server and every
publishing run read and send the same text.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from pipeline.content import Post
from pipeline.findings import SECRET_RULES, Finding, masked
from pipeline.rules.detection import Detection

if TYPE_CHECKING:
    from pipeline.governance.registry import Registry

RULE = "PF-WEIBO-TEXT"
FIELD = "微博文本"
_ANCHOR = 4  # characters of a match looked for in the body when the whole match is not there


def goes_to_weibo(post: Post, registry: Registry | None) -> bool:
    """Whether one of the post's channels is a Weibo account (or ``weibo`` itself)."""
    if registry is None:
        return "weibo" in post.channels
    return any((registry.platform_of(c) or c) == "weibo" for c in post.channels)


def weibo_text(post: Post, registry: Registry | None) -> str | None:
    """The text of the post's status that no other check reads: the body as plain text,
    cut or whole (round 39: Weibo's plain text joins what markup and paragraphs kept apart
    in the source), or the digest cut (a digest longer than the status holds beside the
    title and the link), or None (no Weibo channel, or a digest that fits)."""
    found = _summary(post, registry)
    return found[0] if found is not None else None


def _summary(post: Post, registry: Registry | None) -> tuple[str, bool] | None:
    """:func:`weibo_text` and whether it is a cut."""
    if not goes_to_weibo(post, registry):
        return None
    if post.digest:  # the layout needs no Markdown: a digest is plain text
        from pipeline.platforms.weibo_text import layout

        _, summary, cut = layout(post, post.digest)
        return (summary, True) if cut else None
    from pipeline.platforms.errors import Permanent
    from pipeline.platforms.render_weibo import body_summary  # Markdown: only for such a post

    try:
        return body_summary(post)
    except Permanent:  # a body no platform can lay out: the load's own error says so
        return None


def weibo_findings(
    post: Post,
    registry: Registry | None,
    check: Callable[[str], Sequence[Detection]],
    body: Sequence[Detection],
    secrets: set[str] | None = None,
) -> list[Finding]:
    """``check`` (the rule engine with the post's kind) over the post's Weibo text, less
    what its whole source (``body``, the body's detections; a digest checked here) already
    holds at the same words. ``secrets``, when given, receives what a secret rule reads in
    the cut, so the caller masks it in the post's other findings too (round 36)."""
    summary = _summary(post, registry)
    if summary is None:
        return []
    text, cut = summary
    whole = check(post.digest) if post.digest else body
    return text_findings(
        post, text, check, whole, RULE, lambda d: _message(post, d, len(text), cut), secrets
    )


def text_findings(
    post: Post,
    text: str,
    check: Callable[[str], Sequence[Detection]],
    whole: Sequence[Detection],
    rule: str,
    message: Callable[[Detection], str],
    secrets: set[str] | None = None,
) -> list[Finding]:
    """``check`` over ``text`` (a text a platform makes of the post's digest, or of its body
    without one), less what the source's detections (``whole``) hold at the same words,
    each reported as ``rule`` with ``message``; ``secrets`` as :func:`weibo_findings`."""
    source = post.digest or post.body
    found: list[Finding] = []
    if secrets is None:
        secrets = set()  # the cut's credentials: no output shows them (round 35)
    for d in check(text):
        match = text[d.start : d.end]
        if d.rule.startswith(SECRET_RULES) and match:
            secrets.add(match)
        start = _in_body(source, match)
        if start >= 0 and _known(whole, d, start, start + len(match)):
            continue
        line, column = _place(post, start)
        found.append(
            Finding(post.path, line, column, rule, d.article, d.severity, message(d), match)
        )
    return masked(found, {post.path: secrets}) if secrets else found


def _message(post: Post, d: Detection, length: int, cut: bool) -> str:
    what = f"[{d.rule}] {d.message.rstrip('。')}。"
    if not cut:  # round 39: the whole body, as Weibo's plain text joins it
        return (
            f"{FIELD}（微博发布的是正文的纯文本 {length} 个字：链接只留文字，格式和分段去掉，"
            f"前后文字连在一起）：{what}请修改正文，不要用链接、格式或分段拆开文字。"
        )
    source = "摘要（digest）截取" if post.digest else "正文开头截取"
    return (
        f"{FIELD}（微博发布的是{source}的 {length} 个字，后文的澄清、否认或说明不会出现）：{what}"
        + (
            "请缩短 digest 摘要，或把澄清、否认移到摘要开头。"
            if post.digest
            else "请填写 digest 摘要，或把澄清、否认移到正文开头。"
        )
    )


def _place(post: Post, start: int) -> tuple[int, int]:
    """Line and column of the words at ``start`` of the Weibo text's source (the digest's
    line for a digest, a YAML value possibly folded over lines)."""
    if post.digest:
        return post.line_of("digest"), 1
    return post.body_position(start) if start >= 0 else (post.body_line, 1)


def _in_body(body: str, match: str) -> int:
    """Where ``match`` (plain text, whitespace removed) starts in the body, or its first
    characters, or its first one (round 39: a word the plain text joined); -1 when none
    is there."""
    for needle in (match, match[:_ANCHOR], match[:1]):
        if needle:
            start = body.find(needle)
            if start >= 0:
                return start
    return -1


def _known(body: Sequence[Detection], d: Detection, start: int, end: int) -> bool:
    """A body detection of the same rule over these words, as severe or more."""
    return any(
        b.rule == d.rule
        and b.start < max(end, start + 1)
        and start < b.end
        and (b.severity == "error" or d.severity != "error")
        for b in body
    )
