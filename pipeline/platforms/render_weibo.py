"""The Weibo text: a summary (the digest, or the body's opening) plus the archive link.

At most 140 characters in all, the link to the post's page on the archive site (the app's
registered safe domain) always complete; a repost names its source (第十一条).
"""

from __future__ import annotations

from pipeline.content import Post
from pipeline.platforms.render_common import plain_text, post_url
from pipeline.platforms.weibo import STATUS_MAX


def render_weibo(post: Post, *, site_url: str, prefix: str = "") -> str:
    link = post_url(post.path, site_url)
    head = prefix + (f"【{post.title}】" if len(post.title) <= 40 else "")
    summary = post.digest or plain_text(post)
    tail = ""
    if not post.original and post.source is not None:
        tail = f"（转载自{post.source.name}）"
    room = STATUS_MAX - len(head) - len(tail) - len(link) - 1
    if room < 10:
        head = prefix
        room = STATUS_MAX - len(head) - len(tail) - len(link) - 1
    if len(summary) > room:
        summary = summary[: max(room - 1, 0)] + "…"
    return f"{head}{summary}{tail} {link}"
