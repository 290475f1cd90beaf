"""Post HTML made safe for the public archive: the Markdown body rendered, then cleaned by
the one policy of every output (:mod:`pipeline.html_sanitize`).

Doing it before mkdocs means the safety does not depend on an mkdocs hook, which another
builder (Zensical) would not run.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import markdown

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

EXTENSIONS = ["tables", "fenced_code", "sane_lists", "attr_list"]

# What the cleaner leaves of a refused image or link: an <img> without src (invalid HTML,
# an unnamed image to a screen reader) and an <a> without href (kept only for its text).
_EMPTY_IMG = re.compile(r"<img(?![^>]*\ssrc=)[^>]*>")
_LINK_WITHOUT_HREF = re.compile(r"<a(?![^>]*\shref=)[^>]*>(.*?)</a>", re.DOTALL)

__all__ = [
    "ATTRIBUTES",
    "EXTENSIONS",
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
    converted = markdown.markdown(body, extensions=EXTENSIONS, output_format="html")
    cleaned = clean_html(converted, image_src)
    return _LINK_WITHOUT_HREF.sub(r"\1", _EMPTY_IMG.sub("", cleaned))
