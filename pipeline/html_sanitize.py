"""The one HTML policy of every output: archive pages, governance pages, feeds, the WeChat
article, the app's ``content_html`` (ammonia, through nh3).

- :func:`clean_html` — an allow-list: no ``<script>``/``<style>``/``<iframe>``/``<svg>``/
  ``<form>``, no event handler, no ``style`` (unless the caller names the CSS properties
  its own stylesheet inlined), no URL but ``http``/``https``/``mailto``/``tel`` or relative;
- :func:`safe_url` — a URL from data (``source.url``, a platform URL from the ledger, a
  registry link) for an attribute: ``http(s)`` only, else ``""``;
- :func:`esc` — text for HTML; :func:`md_text` — text for Markdown that may hold HTML;
  :func:`plain` — text for a title or meta field (tags removed); :func:`attr_link` and
  :func:`md_link` — a link to a data URL in HTML or Markdown, or only the text when unsafe.

Lower level than both ``pipeline.site`` and ``pipeline.platforms``: it imports neither.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterable
from urllib.parse import urlsplit

import nh3

URL_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
LINK_REL = "noopener noreferrer nofollow"
# Attributes allowed besides nh3's defaults (Markdown's attr_list may add these).
EXTRA_ATTRIBUTES = {"*": {"id", "lang"}, "img": {"alt", "title", "width", "height"}}
# Classes our own renderers put on elements (WeChat's stylesheet); any other is dropped.
CLASSES = {
    "section": {"govmedia"},
    "p": {"source"},
    "sup": {"ref"},
    "ol": {"refs"},
}
TAGS = frozenset(set(nh3.ALLOWED_TAGS) | {"img", "figure", "figcaption", "section"})
# Removed with their content, not just unwrapped.
DROP_WITH_CONTENT = frozenset({"script", "style", "iframe", "object", "embed", "template"})
_ENTITY = re.compile(r"&(?:#|[A-Za-z][A-Za-z0-9]*;)")
_INVISIBLE = re.compile(r"[\x00-\x20\x7f-\x9f\u00ad\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff]")


def _attributes() -> dict[str, set[str]]:
    allowed = {tag: set(attrs) for tag, attrs in nh3.ALLOWED_ATTRIBUTES.items()}
    for tag, attrs in EXTRA_ATTRIBUTES.items():
        allowed.setdefault(tag, set()).update(attrs)
    return allowed


ATTRIBUTES = _attributes()
# Escaped in data so no link, image, attribute list, code span, table cell or emphasis can be
# made from it (``<`` and ``&`` are HTML-escaped first).
MARKDOWN_SYNTAX = "\\`*_{}[]()#!|"
URL_ATTRIBUTES = frozenset({"href", "src", "cite", "action", "formaction", "srcset", "poster"})


def safe_url(value: object, *, relative: bool = False) -> str:
    """``value`` when it is an ``http(s)`` URL with a host (or, with ``relative``, a path
    without a scheme), else ``""``. Entity- and case-obfuscated schemes, control and
    invisible characters, quotes and angle brackets are refused, not repaired."""
    if not isinstance(value, str):
        return ""
    text = value.strip()
    if not text or len(text) > 4096 or _ENTITY.search(text):
        return ""  # a character reference in a URL from data is an obfuscation attempt
    if _INVISIBLE.search(text) or any(ch in text for ch in "\"'<>\\`"):
        return ""
    try:
        parts = urlsplit(text)
        host = parts.hostname
    except ValueError:
        return ""
    scheme = parts.scheme.lower()
    if scheme in ("http", "https") and host:
        return text
    if relative and not scheme and not text.startswith("//"):
        return text
    return ""


def clean_html(
    fragment: str,
    image_src: Callable[[str], str | None] | None = None,
    *,
    styles: Iterable[str] = (),
) -> str:
    """``fragment`` with everything unsafe removed.

    ``image_src`` maps an ``<img src>`` to the copy the output may load (None drops it);
    without it, an image keeps a relative or ``http(s)`` source. ``styles`` names the CSS
    properties a ``style`` attribute may keep (only our own renderers' inlined CSS).
    """
    allowed_styles = set(styles)
    attributes = {tag: set(attrs) for tag, attrs in ATTRIBUTES.items()}
    if allowed_styles:
        attributes.setdefault("*", set()).add("style")

    def attribute_filter(tag: str, attr: str, value: str) -> str | None:
        if tag == "img" and attr == "src":
            if image_src is not None:
                mapped = image_src(value)
                return safe_url(mapped, relative=True) or None if mapped else None
            return safe_url(value, relative=True) or None
        if attr in URL_ATTRIBUTES and _INVISIBLE.search(value.strip()):
            return None  # nh3 checks the scheme; a hidden character never gets that far
        return value

    return nh3.clean(
        fragment,
        tags=set(TAGS),
        clean_content_tags=set(DROP_WITH_CONTENT),
        attributes=attributes,
        attribute_filter=attribute_filter,
        url_schemes=set(URL_SCHEMES),
        link_rel=LINK_REL,
        strip_comments=True,
        allowed_classes={tag: set(names) for tag, names in CLASSES.items()},
        filter_style_properties=allowed_styles or None,
    )


def esc(text: object) -> str:
    """Text escaped for HTML text and attribute values."""
    return html.escape(str(text), quote=True)


def md_text(text: object) -> str:
    """Text for Markdown that allows raw HTML: HTML-escaped, and every character Markdown
    (with attr_list) would read as syntax escaped, so no link, image or attribute list
    can be made from data."""
    escaped = html.escape(str(text), quote=False)
    for ch in MARKDOWN_SYNTAX:
        escaped = escaped.replace(ch, "\\" + ch)
    return escaped


_AMPERSAND = re.compile("&")
_REFERENCE_SPAN = 40  # characters after an ampersand that a reference may take


def plain(text: str) -> str:
    """Text for a title or meta field as written, as WeChat, Weibo and the reviewers'
    preview show it: nothing removed and nothing decoded, angle brackets, double quotes and
    an ampersand that would begin a reference made harmless (full-width), since templates
    print the field unescaped, in text and in attributes. Round 39: tags were removed and references decoded here, so
    ``提供约<x>炮服务``, which the check reads apart, read 提供约炮服务 on the archive."""
    harmless = _AMPERSAND.sub(lambda m: "＆" if _begins_reference(text, m.start()) else "&", text)
    harmless = harmless.replace("<", "＜").replace(">", "＞")
    return harmless.replace('"', "＂").strip()  # round 39: the description is an attribute


def _begins_reference(text: str, at: int) -> bool:
    """Whether the ``&`` at ``at`` begins a character reference a browser (or Jinja's
    ``striptags``) would decode: ``&amp;``, ``&#28846``, ``&copy`` but not ``A&B``."""
    chunk = text[at : at + _REFERENCE_SPAN]
    return html.unescape(chunk) != "&" + html.unescape(chunk[1:])


def attr_link(url: object, text: str, *, rel: str = "noopener noreferrer") -> str:
    """``<a>`` to a data URL when it is http(s); else the escaped text alone."""
    href = safe_url(url)
    if not href:
        return esc(text)
    return f'<a href="{esc(href)}" rel="{esc(rel)}">{esc(text)}</a>'


def md_link(url: object, text: str) -> str:
    """A Markdown link to a data URL when it is http(s); else the escaped text alone."""
    href = safe_url(url)
    if not href:
        return md_text(text)
    href = href.replace("(", "%28").replace(")", "%29")
    return f"[{md_text(text)}]({href})"
