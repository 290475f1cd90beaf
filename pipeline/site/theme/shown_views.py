"""The run over changed pages when a post's own Markdown changed (a retraction; issue 17).

Not a hook itself: ``frames.py`` calls it. ``partial.py`` then puts every post in the docs
folder, so that the blog plugin makes its ``Post`` of each and every view with the same
posts, pages and navigation as a whole build; this module leaves out of the build every
post and view but those it needs (``InclusionLevel.EXCLUDED``, as the plugin marks its
own), gives the tags plugin every post's tags (its list is made of every tagged page) and
computes a view's frame. A view is a page of the home, month or category lists: its
*frame* is everything it shows but its own Markdown and its excerpts (its navigation,
paths, URLs, title, neighbours, parents, place among its pages), and with it the excerpt
inputs of each post it shows (``page_cache.excerpt_inputs``), so that ``partial.py``
takes a view only when all but the changed posts' excerpts are what the last build showed.
"""

from __future__ import annotations

import json
from typing import Any

from archive_nav import chain_of, visible_nav  # beside this module (mkdocs loads hooks)
from cache_store import STATE, digest
from mkdocs.structure.files import InclusionLevel
from page_cache import excerpt_inputs

POSTS = "posts/"


def _any(level: Any) -> bool:
    return True  # every page, those left out of the build too


def _view_class() -> Any:
    from material.plugins.blog.structure import View

    return View


def is_view(page: Any) -> bool:
    return isinstance(page, _view_class())


def shown(blog: Any, page: Any) -> list[Any]:
    """The posts a page of a view shows (its slice of the view's posts)."""
    posts = list(page.posts)
    if blog._config_pagination(page):
        at = page.pages.index(page) if page.pages else 0
        step = blog._config_pagination_per_page(page)
        posts = posts[at * step : at * step + step]
    return posts


def _link(page: Any) -> list[object] | None:
    return None if page is None else [page.url, page.title]


def view_frame(blog: Any, page: Any, items: list[Any]) -> str:
    """A view's frame and its shown posts' excerpt inputs, as one JSON string:
    ``[frame, [[source of a post, hash of its excerpt inputs], ...]]``."""
    chain = chain_of(page)
    frame = digest(
        STATE.build,
        "view",
        visible_nav(items, chain),
        page.file.src_uri,
        page.file.dest_uri,
        page.url,
        page.canonical_url,
        page.title,
        _link(page.previous_page),
        _link(page.next_page),
        [[parent.title, getattr(parent, "url", None)] for parent in chain],
        page.pages.index(page) if page.pages else 0,
        [p.url for p in page.pages or []],
        len(page.posts),
    )
    posts = [[p.file.src_uri, digest(excerpt_inputs(p))] for p in shown(blog, page)]
    return json.dumps([frame, posts], ensure_ascii=False)


def leave_out(
    config: Any, files: Any, blog: Any, edited: set[str], targets: set[str], keep: set[str]
) -> set[str]:
    """Mark excluded every view that shows none of the ``edited`` posts and is not among
    ``targets``, and every post that is not in ``keep`` nor shown on a view kept. The
    views kept (their source paths). A view left out still has its source read (its
    title: a post's categories name it in the excerpts and navigation)."""
    views: set[str] = set()
    needed = set(keep) | set(edited)
    for file in files.documentation_pages(inclusion=_any):
        page = file.page
        if not is_view(page):
            continue
        posts = shown(blog, page)
        if file.src_uri in targets or any(p.file.src_uri in edited for p in posts):
            views.add(file.src_uri)
            needed.update(p.file.src_uri for p in posts)
        else:
            file.inclusion = InclusionLevel.EXCLUDED
            page.read_source(config)
    for post in blog.blog.posts:
        if post.file.src_uri not in needed:
            post.file.inclusion = InclusionLevel.EXCLUDED
    return views


def tag_every_post(config: Any, files: Any, blog: Any) -> None:
    """Give the tags plugin the tags of every post, in the order a whole build reads them:
    a post built in this run takes its own place again when the plugin reads it, so the
    mappings keep a whole build's order (``tags_in_order`` checks it) and the tags list
    and its export are a whole build's."""
    tags = config.plugins.get("material/tags")
    if tags is None or not tags.config.enabled:
        return
    posts = {id(post) for post in blog.blog.posts}
    for file in files.documentation_pages(inclusion=_any):
        post = file.page
        if id(post) in posts and tags.filter(file) and post.url not in tags.mappings.data:
            tags.mappings.add(post, post.markdown)


def tags_in_order(config: Any, files: Any) -> bool:
    """Whether the tags plugin's pages are in the order of the site's files (as a whole
    build reads them)."""
    tags = config.plugins.get("material/tags")
    if tags is None or not tags.config.enabled:
        return True
    data = tags.mappings.data
    order = [f.page.url for f in files.documentation_pages(inclusion=_any) if f.page is not None]
    return [url for url in order if url in data] == list(data)
