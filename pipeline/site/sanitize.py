"""Post HTML made safe for the public archive: the Markdown body rendered, then cleaned by
the one policy of every output (:mod:`pipeline.html_sanitize`).

The body is read by the platforms' Markdown (:func:`pipeline.platforms.render_common.new_markdown`:
the same extensions, raw HTML shown as text), the one reading the reviewers' preview shows
and the check reads. Round 39: the archive had its own (raw HTML parsed, no footnotes,
abbreviations or definition lists), so ``疫苗经检验<!-- 不 -->合格`` read 合格 on the archive
and a footnote's text became a link target nobody saw.

Doing it before mkdocs means the safety does not depend on an mkdocs hook, which another
builder (Zensical) would not run.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from pipeline.content_limits import body_problems
from pipeline.html_sanitize import (
    ATTRIBUTES,
    TAGS,
    URL_SCHEMES,
    attr_link,
    clean_html,
    esc,
    md_text,
    plain,
    safe_url,
)
from pipeline.platforms.render_common import reused_markdown

# What the cleaner leaves of a refused image or link: an <img> without src (invalid HTML,
# an unnamed image to a screen reader) and an <a> without href (kept only for its text).
_EMPTY_IMG = re.compile(r"<img(?![^>]*\ssrc=)[^>]*>")
_LINK_WITHOUT_HREF = re.compile(r"<a(?![^>]*\shref=)[^>]*>(.*?)</a>", re.DOTALL)

__all__ = [
    "ATTRIBUTES",
    "TAGS",
    "URL_SCHEMES",
    "attr_link",
    "clean_html",
    "esc",
    "md_text",
    "plain",
    "render_body",
    "safe_url",
]


def render_body(body: str, image_src: Callable[[str], str | None] | None = None) -> str:
    """A post's Markdown body as clean HTML (``image_src``: see :func:`clean_html`).

    A body nested deeper than the renderers can take (published before the check refused
    it) is shown as escaped plain text, so one post never breaks the site build."""
    if body_problems(body, 1):
        paragraphs = (p.strip() for p in body.split("\n\n"))
        return "".join(f"<p>{esc(p)}</p>" for p in paragraphs if p)
    converted = reused_markdown().convert(body)
    cleaned = clean_html(converted, image_src)
    return _LINK_WITHOUT_HREF.sub(r"\1", _EMPTY_IMG.sub("", cleaned))
