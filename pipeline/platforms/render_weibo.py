"""The Weibo text: a summary (the digest, or the body's opening) plus the archive link.

At most 140 characters in all (counted as Weibo counts: ASCII is half a character), the link to the post's page on the archive site (the app's
registered safe domain) always complete; a repost names its source (第十一条).

Without a digest the summary is the body's opening cut to fit (:func:`opening`): a text no
reviewer read alone, so ``govmedia check`` reads it as a field of its own
(:mod:`pipeline.rules.weibo_field`). This module imports Markdown: the check imports it only
for a post that goes to Weibo without a digest.
"""

from __future__ import annotations

from pipeline.content import Post
from pipeline.platforms.render_common import plain_text, post_url
from pipeline.platforms.weibo_text import STATUS_MAX, status_length
from pipeline.site.paths import DEFAULT_SITE_URL


def render_weibo(post: Post, *, site_url: str, prefix: str = "") -> str:
    head, summary, tail, link, _ = _status(post, site_url, prefix)
    return f"{head}{summary}{tail} {link}"


def opening(post: Post, *, site_url: str = DEFAULT_SITE_URL, prefix: str = "") -> str | None:
    """The summary of the post's Weibo text when it is a cut of the body: the body as plain
    text cut to its longest opening that fits, with "…"; None when the post has a digest
    or its whole body fits (then Weibo receives what the body's check read)."""
    if post.digest:
        return None
    _, summary, _, _, cut = _status(post, site_url, prefix)
    return summary if cut else None


def _status(post: Post, site_url: str, prefix: str) -> tuple[str, str, str, str, bool]:
    """(head, summary, tail, link, whether the summary was cut) of the status:
    ``f"{head}{summary}{tail} {link}"``."""
    link = post_url(post.path, site_url)
    head = prefix + (f"【{post.title}】" if len(post.title) <= 40 else "")
    summary = post.digest or plain_text(post)
    tail = ""
    if not post.original and post.source is not None:
        tail = f"（转载自{post.source.name}）"

    def fits(text: str) -> bool:
        return status_length(f"{head}{text}{tail} {link}") <= STATUS_MAX

    if not fits("一" * 10):
        head = prefix
    if fits(summary):
        return head, summary, tail, link, False
    # the longest opening that fits with "…", counted the way Weibo counts (ASCII is half)
    lo, hi = 0, len(summary)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if fits(summary[:mid] + "…"):
            lo = mid
        else:
            hi = mid - 1
    return head, summary[:lo] + "…", tail, link, True
