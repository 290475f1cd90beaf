"""Post HTML made safe for the public archive (ammonia, through nh3).

A post's Markdown may hold raw HTML. It is rendered to HTML here, before the site build,
and cleaned with an allow-list: no ``<script>``/``<style>``/``<iframe>``, no event handler
attribute, no ``javascript:``/``data:`` link, no image from another host (the archive
loads nothing from elsewhere). Doing it before mkdocs means the safety does not depend on
an mkdocs hook, which another builder (Zensical) would not run.
"""

from __future__ import annotations

import html
from collections.abc import Callable

import markdown
import nh3

URL_SCHEMES = {"http", "https", "mailto", "tel"}
EXTENSIONS = ["tables", "fenced_code", "sane_lists", "attr_list"]
# Attributes allowed besides nh3's defaults (attr_list may add these).
EXTRA_ATTRIBUTES = {"*": {"id", "lang"}, "img": {"alt", "title", "width", "height"}}


def _attributes() -> dict[str, set[str]]:
    allowed = {tag: set(attrs) for tag, attrs in nh3.ALLOWED_ATTRIBUTES.items()}
    for tag, attrs in EXTRA_ATTRIBUTES.items():
        allowed.setdefault(tag, set()).update(attrs)
    return allowed


ATTRIBUTES = _attributes()
TAGS = set(nh3.ALLOWED_TAGS) - {"img"} | {"img", "figure", "figcaption"}


def clean_html(fragment: str, image_src: Callable[[str], str | None] | None = None) -> str:
    """``fragment`` with everything unsafe removed. ``image_src`` maps an ``<img src>`` to
    the archive's copy (None drops the image source)."""

    def attribute_filter(tag: str, attr: str, value: str) -> str | None:
        if tag == "img" and attr == "src":
            return image_src(value) if image_src else None
        return value

    return nh3.clean(
        fragment,
        tags=TAGS,
        attributes=ATTRIBUTES,
        attribute_filter=attribute_filter,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    )


def render_body(body: str, image_src: Callable[[str], str | None] | None = None) -> str:
    """A post's Markdown body as clean HTML."""
    converted = markdown.markdown(body, extensions=EXTENSIONS, output_format="html")
    return clean_html(converted, image_src)


def plain(text: str) -> str:
    """Text for a title or meta field: tags removed, angle brackets made harmless."""
    stripped = html.unescape(nh3.clean(text, tags=set()))
    return stripped.replace("<", "＜").replace(">", "＞").strip()


def esc(text: str) -> str:
    """Text escaped for HTML (and safe inside Markdown raw HTML blocks)."""
    return html.escape(text, quote=True)
