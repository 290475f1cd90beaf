"""Text rules of Weibo that need no HTTP client (``govmedia check`` imports this, not the
client in :mod:`pipeline.platforms.weibo`)."""

from __future__ import annotations

import re

# statuses/share refuses topics: 「#话题#」 (two # around a short text without spaces)
TOPIC = re.compile(r"#[^#\s]{1,64}#")

STATUS_MAX = 140  # characters of a status, counted by :func:`status_length`


def status_length(text: str) -> int:
    """Characters counted against the 140 limit the way Weibo counts them: a Chinese (or any
    non-ASCII) character is one, an ASCII letter, digit, space or sign half a character,
    rounded up (weibo.com's publisher counts bytes in GBK and halves them)."""
    half = sum(1 if ord(ch) < 128 else 2 for ch in text)
    return (half + 1) // 2
