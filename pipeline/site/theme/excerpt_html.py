"""An excerpt's rendered HTML kept with its converted text (``page_cache.py``, ``_patch_excerpts``).

A new post shifts every page of the home list and of its category by one post: each such
page is built again, but 19 of its 20 excerpts are the ones it showed before, at the same
URL. The theme's ``blog.html`` (``overrides/``) writes an excerpt's ``gm_html`` when it is
set, in the place and with the bytes ``{% include "partials/post.html" %}`` gives; otherwise
it renders the include as before and hands the text to ``gm_keep``, which keeps it in the
excerpt's entry of the page cache. Only the page's frame (navigation, table of contents,
pager) and the excerpts that moved in are rendered again.

The kept HTML is used only under the hash (``hkey``) of everything ``partials/post.html``
reads of an excerpt besides the build (theme files, versions, site URL: in the excerpt's key):
the excerpt's key (its post's text, title and URL, the view's URL), its converted content and
"more" part, its post's metadata (date, categories, pin, draft, reading time), its own
categories and authors. Not a hook: ``page_cache.py`` imports it from this folder.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from cache_store import digest, store  # beside this module (mkdocs loads hooks from here)


def html_key(excerpt: Any, key: str, inputs: list[object]) -> str:
    """``inputs``: the post's excerpt inputs (``page_cache.excerpt_inputs``)."""
    return digest(
        key,
        "excerpt-html",
        excerpt.content,
        excerpt.more,
        inputs,
        [[c.title, c.url] for c in getattr(excerpt, "categories", None) or []],
        [[a.name, a.avatar] for a in getattr(excerpt, "authors", None) or []],
    )


def _keeper(key: str, entry: dict[str, Any], hkey: str) -> Callable[[str], str]:
    def keep(html: str) -> str:
        store(key, dict(entry, hkey=hkey, html=str(html)))
        return ""  # the template writes the HTML itself

    return keep


def attach(excerpt: Any, key: str, entry: dict[str, Any], inputs: list[object]) -> None:
    """Give the template the kept HTML of ``excerpt`` at this view, or a keeper for it.
    ``entry``: the excerpt's entry as stored (or to be stored) under ``key``."""
    hkey = html_key(excerpt, key, inputs)
    html = entry.get("html")
    if entry.get("hkey") == hkey and isinstance(html, str):
        excerpt.gm_html, excerpt.gm_keep = html, None
        return
    base = {k: v for k, v in entry.items() if k not in ("hkey", "html")}
    excerpt.gm_html, excerpt.gm_keep = None, _keeper(key, base, hkey)
