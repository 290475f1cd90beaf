"""The text an item shows, normalised, and its hash: what "altered after publishing" compares.

The hash covers the title and the visible text (tags, entities, white space and image URLs
removed, so that WeChat's own re-hosting of images does not count as an edit). On Weibo
the links are left out too: the platform shortens them (t.cn) in what it shows.
"""

from __future__ import annotations

import hashlib
import html
import re

TAG = re.compile(r"<[^>]+>")
SPACE = re.compile(r"\s+")
URL = re.compile(r"https?://\S+")
DROP_BLOCKS = re.compile(r"<(script|style)\b.*?</\1\s*>", re.S | re.I)


def visible_text(markup: str) -> str:
    """The visible text of an HTML fragment as one line without white space."""
    text = DROP_BLOCKS.sub("", markup)
    text = TAG.sub("", text)
    return SPACE.sub("", html.unescape(text))


def normalised(platform: str, title: str, body: str) -> str:
    """``title`` + the body's visible text (``body`` is HTML, or the Weibo status text)."""
    if platform == "weibo":
        text = SPACE.sub("", URL.sub("", html.unescape(body)))
    else:
        text = visible_text(body)
    return SPACE.sub("", title) + "\n" + text


def content_hash(platform: str, title: str, body: str) -> str:
    return hashlib.sha256(normalised(platform, title, body).encode("utf-8")).hexdigest()


def excerpt(platform: str, title: str, body: str, limit: int = 40) -> str:
    """A short excerpt for reports: the title, else the start of the text."""
    text = (
        SPACE.sub(" ", html.unescape(body)).strip() if platform == "weibo" else visible_text(body)
    )
    head = title.strip() or text
    if title.strip() and text:
        head = f"《{title.strip()}》{text}"
    return head if len(head) <= limit else head[: limit - 1] + "…"
