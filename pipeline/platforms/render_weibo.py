"""The Weibo text: a summary (the digest, or the body's opening) plus the archive link.

At most 140 characters in all (counted as Weibo counts: ASCII is half a character), the
link to the post's page on the archive site (the app's registered safe domain) always
complete; a repost names its source (第十一条).

Without a digest the summary is the body's opening cut to fit (:func:`opening`), and a
digest too long for the status is cut the same way: texts no reviewer read alone, so
``govmedia check`` reads them as a field of their own (:mod:`pipeline.rules.weibo_field`).
The cut is laid out for the longest archive address and prefix a run may give
(:func:`pipeline.platforms.weibo_text.layout`, round 25), so it is the same text for every
run. This module imports Markdown: the check imports it only for a post that goes to Weibo
without a digest.
"""

from __future__ import annotations

from pipeline.content import Post
from pipeline.platforms.errors import Permanent
from pipeline.platforms.render_common import plain_text, post_url
from pipeline.platforms.weibo_text import PREFIX_RESERVE, address_problem, layout, status_parts


def render_weibo(post: Post, *, site_url: str, prefix: str = "") -> str:
    """The status: ``prefix`` (a correction's note), the title, the summary (the digest, or
    the body's opening, cut to the layout of :func:`weibo_text.layout`), the source of a
    repost and the archive link. The summary is the same for every address and prefix a run
    may give (refused beyond the reserved ones), so it is the text the check read."""
    problem = address_problem(site_url)
    if problem or len(prefix) > len(PREFIX_RESERVE):
        raise Permanent(
            f"{post.path}：微博文字无法排版：{problem or '前缀过长'}。",
            platform="微博",
            call="statuses/share",
        )
    title, summary, _ = layout(post, post.digest or plain_text(post))
    _, tail = status_parts(post)
    return f"{prefix}{title}{summary}{tail} {post_url(post.path, site_url)}"


def opening(post: Post) -> str | None:
    """The summary of the post's Weibo text when it is a cut of the body: the body as plain
    text cut to its longest opening that fits, with "…"; None when the post has a digest
    (``weibo_field`` reads a cut digest without this module) or its whole body fits."""
    found = body_summary(post)
    return found[0] if found is not None and found[1] else None


def body_summary(post: Post) -> tuple[str, bool] | None:
    """The summary of the post's Weibo text when it is made of the body (no digest): the
    body as plain text (links by their text, no formatting, paragraphs joined), cut or not,
    and whether it was cut. Round 39: a whole body that fits is no longer what the body's
    check read either (``约[](…)炮``, ``约\n\n炮`` read as 约炮 here)."""
    if post.digest:
        return None
    _, summary, cut = layout(post, plain_text(post))
    return summary, cut
