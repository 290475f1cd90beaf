"""Text rules of Weibo that need no HTTP client nor Markdown (``govmedia check`` imports
this, not the client in :mod:`pipeline.platforms.weibo`), and the status's layout."""

from __future__ import annotations

import re
from pathlib import PurePosixPath

from pipeline.content import Post
from pipeline.site.paths import absolute_post_url

# statuses/share refuses topics: 「#话题#」 (two # around a short text without spaces)
TOPIC = re.compile(r"#[^#\s]{1,64}#")

STATUS_MAX = 140  # characters of a status, counted by :func:`status_length`


def status_length(text: str) -> int:
    """Characters counted against the 140 limit the way Weibo counts them: a Chinese (or any
    non-ASCII) character is one, an ASCII letter, digit, space or sign half a character,
    rounded up (weibo.com's publisher counts bytes in GBK and halves them)."""
    half = sum(1 if ord(ch) < 128 else 2 for ch in text)
    return (half + 1) // 2


# The status is laid out for the longest archive address and prefix a run may give it
# (round 25): the cut of its summary is then the same text on the desk, on the server and
# in every publishing run, whatever ``GOVMEDIA_SITE_URL`` or a correction adds.
SITE_URL_MAX = 64  # characters of the archive address (ASCII, as a URL is)
RESERVED_SITE_URL = "https://" + "x" * (SITE_URL_MAX - len("https://") - 1) + "/"
PREFIX_RESERVE = "【更正】"  # the longest prefix a status gets (a correction's note)


def status_parts(post: Post) -> tuple[str, str]:
    """The status's title head (``【title】``, or "" for a long title) and its tail (a
    repost names its source, 第十一条)."""
    title = f"【{post.title}】" if len(post.title) <= 40 else ""
    tail = f"（转载自{post.source.name}）" if not post.original and post.source else ""
    return title, tail


def layout(post: Post, summary: str) -> tuple[str, str, bool]:
    """(title head, summary, whether it was cut) of the post's status: the longest opening
    of ``summary`` that fits with "…" beside the reserved address and prefix, counted the way
    Weibo counts; the title head is left out when not even ten characters would fit."""
    title, tail = status_parts(post)
    link = absolute_post_url(RESERVED_SITE_URL, PurePosixPath(post.path).stem)

    def fits(text: str) -> bool:
        return status_length(f"{PREFIX_RESERVE}{title}{text}{tail} {link}") <= STATUS_MAX

    if not fits("一" * 10):
        title = ""
    if fits(summary):
        return title, summary, False
    lo, hi = 0, len(summary)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if fits(summary[:mid] + "…"):
            lo = mid
        else:
            hi = mid - 1
    return title, summary[:lo] + "…", True


def address_problem(site_url: str) -> str | None:
    """Why a status cannot be laid out for the archive address ``site_url`` (longer than the
    reserved one, or not ASCII), or None."""
    if not site_url.isascii() or len(site_url.rstrip("/")) + 1 > SITE_URL_MAX:
        return f"归档网站地址（GOVMEDIA_SITE_URL）超过 {SITE_URL_MAX} 个 ASCII 字符"
    return None
