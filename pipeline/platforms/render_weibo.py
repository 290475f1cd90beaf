"""The Weibo text: a summary (the digest, or the body's opening) plus the archive link.

At most 140 characters in all (counted as Weibo counts: ASCII is half a character), the link to the post's page on the archive site (the app's
registered safe domain) always complete; a repost names its source (第十一条).
"""

from __future__ import annotations

from pipeline.content import Post
from pipeline.platforms.render_common import plain_text, post_url
from pipeline.platforms.weibo import STATUS_MAX, status_length


def render_weibo(post: Post, *, site_url: str, prefix: str = "") -> str:
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
        return f"{head}{summary}{tail} {link}"
    # the longest opening that fits with "…", counted the way Weibo counts (ASCII is half)
    lo, hi = 0, len(summary)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if fits(summary[:mid] + "…"):
            lo = mid
        else:
            hi = mid - 1
    return f"{head}{summary[:lo]}…{tail} {link}"
