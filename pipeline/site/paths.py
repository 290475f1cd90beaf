"""Where generated pages live in the build folder and where they answer on the site.

A post's URL comes from its slug (its file name) only, never from its title or date, so
it never changes: ``posts/<slug>.html``. The blog plugin's ``post_url_format`` in
``mkdocs.yml`` must stay ``posts/{slug}`` for the same reason.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import PurePosixPath

POSTS_DIR = "posts"
MEDIA_DIR = "media"
DEFAULT_SITE_URL = "https://gov.example.cn/archive/"
# The HTML of a post page below its excerpt, kept out of its Markdown (theme/post_bodies.py).
BODIES_DIR = ".bodies"
BODY_PLACEHOLDER = '<div class="gm-rest" data-gm-rest=""></div>'
# Raw HTML blocks of a page outside posts/ kept out of its Markdown (theme/post_bodies.py):
# block N of ``BODIES_DIR/<page>.blocks.json`` goes where ``block_placeholder(N)`` stands.
BLOCKS_SUFFIX = ".blocks.json"
BLOCK_PLACEHOLDER = '<div class="gm-block" data-gm-block="{}"></div>'


def block_placeholder(number: int) -> str:
    return BLOCK_PLACEHOLDER.format(number)


def blocks_name(page: str) -> str:
    """Where the raw blocks of ``page`` (a source path ending in ``.md``) are kept under
    ``BODIES_DIR``."""
    return page[: -len(".md")] + BLOCKS_SUFFIX


def site_url() -> str:
    """The archive's public base URL (``GOVMEDIA_SITE_URL``), always ending in ``/``."""
    url = os.environ.get("GOVMEDIA_SITE_URL") or DEFAULT_SITE_URL
    return url if url.endswith("/") else url + "/"


def item_id(slug: str) -> str:
    """The post's feed item id: stable forever (readers drop items whose id changes)."""
    return f"govmedia:{slug}"


def media_name(data: bytes, src: str) -> str:
    """Content-addressed file name of an image under ``media/``."""
    return hashlib.sha256(data).hexdigest()[:20] + PurePosixPath(src).suffix.lower()


def post_md(slug: str) -> str:
    return f"{POSTS_DIR}/{slug}.md"


def post_html_name(slug: str) -> str:
    """Where a post's body HTML is kept under ``BODIES_DIR`` (beside ``post_md``)."""
    return f"{POSTS_DIR}/{slug}.html"


def post_url(slug: str) -> str:
    return f"{POSTS_DIR}/{slug}.html"


def absolute_post_url(base: str, slug: str) -> str:
    """The post's page on the archive at ``base`` (what Weibo links and the app open)."""
    return base.rstrip("/") + "/" + post_url(slug)


def absolute_media_url(base: str, data: bytes, src: str) -> str:
    return base.rstrip("/") + f"/{MEDIA_DIR}/" + media_name(data, src)
