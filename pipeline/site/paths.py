"""Where generated pages live in the build folder and where they answer on the site.

A post's URL comes from its slug (its file name) only, never from its title or date, so
it never changes: ``posts/<slug>.html``. The blog plugin's ``post_url_format`` in
``mkdocs.yml`` must stay ``posts/{slug}`` for the same reason.
"""

from __future__ import annotations

POSTS_DIR = "posts"
MEDIA_DIR = "media"


def post_md(slug: str) -> str:
    return f"{POSTS_DIR}/{slug}.md"


def post_url(slug: str) -> str:
    return f"{POSTS_DIR}/{slug}.html"
