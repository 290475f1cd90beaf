"""mkdocs hook: reuse a post page from the previous build when nothing it is made of changed.

A post page is made of its generated Markdown and metadata, the HTML that fills its
placeholder (``.bodies/``), its place in the site (URL, neighbours, categories), the
navigation it shows (``archive_nav.visible_nav``) and the build itself (this theme folder's
files, the site URL, the versions of mkdocs, mkdocs-material, Markdown, Jinja and jieba). The hash of all of that is the page's
key. A blog view (a page of the home, month or category lists) is keyed the same way by
its own page and every input of the excerpts it shows. On a hit the stored Markdown
conversion, search entries and final HTML are used as they are; on a miss the page is
built as usual and stored under its key. The search index, the sitemap and every other
page are built as always, so the site is the same as a full build's, byte for byte
(tests/site/test_incremental.py); only the search entries of those other pages (jieba's
segmentation of the pages that list every post) are kept under the hash of what they are
made of, and so is each excerpt a view converts (``_patch_excerpts``).

Active only when ``GOVMEDIA_PAGE_CACHE`` names the folder (``govmedia build`` sets it to
the ``page-cache`` store folder inside the checkout's git directory, where no commit can put
a file, owned by the user and writable by nobody else: ``pipeline/site/stores.py``);
entries are JSON, never code, and an entry whose stored key differs is ignored.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any

import excerpt_html  # beside this hook (mkdocs loads hooks from here)
from archive_nav import chain_of, visible_nav  # a hook beside this one (mkdocs loads hooks)
from cache_store import STATE, digest, load, load_page, safe_folder, store, theme_files, versions
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.toc import AnchorLink, get_toc

VARIABLE = "GOVMEDIA_PAGE_CACHE"
PARTIAL_VARIABLE = "GOVMEDIA_PARTIAL"  # as frames.py: the store is read only
TEMPLATE = "gm-cached.html"  # overrides/: writes the stored page as it is
POSTS = "posts/"
PLACEHOLDER = '<div class="gm-rest" data-gm-rest=""></div>'  # as post_bodies.py
BODIES_DIR = ".bodies"


def _search_index_class() -> Any:
    from material.plugins.search.plugin import SearchIndex

    return SearchIndex


def _patch_search() -> None:
    """Search entries of a stored page come from the store; others are recorded."""
    index = _search_index_class()
    if getattr(index.add_entry_from_context, "gm_cached", False):
        return
    original = index.add_entry_from_context

    def add_entry_from_context(self: Any, page: Any) -> None:
        stored = getattr(page, "gm_search", None)
        # a view built again (its excerpts or navigation changed) often has the same text
        view = getattr(page, "gm_view", False)
        key = None
        if stored is None and (view or not hasattr(page, "gm_key")):
            key = page.gm_search_key = _search_key(page)
        entry = load(key) if key is not None else None
        if entry is not None:
            stored = entry["search"]
        if stored is not None:  # read from the store for this page alone: not shared
            self.entries.extend(stored)
            if view:
                page.gm_search_new = stored
            return
        start = len(self.entries)
        original(self, page)
        page.gm_search_new = json.loads(json.dumps(self.entries[start:]))
        if key is not None:
            store(key, {"key": key, "search": page.gm_search_new})

    add_entry_from_context.gm_cached = True  # type: ignore[attr-defined]
    index.add_entry_from_context = add_entry_from_context


def _blog_classes() -> tuple[Any, Any]:
    from material.plugins.blog.plugin import BlogPlugin
    from material.plugins.blog.structure import View

    return BlogPlugin, View


def _patch_blog() -> None:
    """A stored view renders none of its excerpts (its HTML is already whole)."""
    plugin, _ = _blog_classes()
    if getattr(plugin._render, "gm_cached", False):
        return
    original = plugin._render

    def render(self: Any, view: Any) -> Any:
        if getattr(view, "gm_output_key", None) is not None:
            return [], None
        return original(self, view)

    render.gm_cached = True  # type: ignore[attr-defined]
    plugin._render = render


def _patch_excerpts() -> None:
    """An excerpt converted before for a view at the same URL comes from the store: a view
    built again (the home list after a new post shifts every page of it, the month lists
    after a new month) converts no excerpt whose text did not change."""
    from material.plugins.blog.structure import Excerpt

    if getattr(Excerpt.render, "gm_cached", False):
        return
    original = Excerpt.render

    def render(self: Any, page: Any, separator: str) -> None:
        if STATE.folder is None:  # a build without the store, after one that patched
            return original(self, page, separator)  # (in-process runs and tests)
        key = _excerpt_key(page, separator, self.post)
        STATE.used.add(key)
        entry = load(key)
        if entry is None:  # stored with its HTML when the view writes it (excerpt_html.py)
            original(self, page, separator)
            toc, more = _toc_tokens(self.toc.items), self.more
            entry = {"key": key, "md": self.markdown, "content": self.content}
            entry.update(more=more, toc=toc)
        else:
            self.markdown, self.content = entry["md"], entry["content"]
            if entry["more"] is not None:
                self.more = entry["more"]
            self.toc = get_toc(entry["toc"])
        excerpt_html.attach(self, key, entry, excerpt_inputs(self.post))

    render.gm_cached = True  # type: ignore[attr-defined]
    Excerpt.render = render


def _excerpt_key(view: Any, separator: str, post: Any) -> str:
    parts = (post.url, post.file.src_uri, post.title, post._title_from_render, post.markdown)
    return digest(STATE.build, "excerpt", view.url, separator, *parts)


def on_config(config: Any, **kwargs: Any) -> Any:
    value = os.environ.get(VARIABLE)
    STATE.folder = safe_folder(value) if value else None
    STATE.used = set()
    STATE.partial = os.environ.get(PARTIAL_VARIABLE) is not None
    if STATE.folder is None:
        return config
    STATE.build = digest(theme_files(), versions(), config["site_url"])
    _patch_search()
    _patch_blog()
    _patch_excerpts()
    return config


def _nav_of(page: Any) -> str:
    return digest(visible_nav(STATE.nav_items, chain_of(page)))


@event_priority(-1000)  # after the blog plugin and archive_nav.py changed the nav
def on_nav(nav: Any, config: Any, files: Any, **kwargs: Any) -> Any:
    if STATE.folder is not None:
        STATE.nav_items = nav.items
    return nav


def _toc_tokens(items: list[AnchorLink]) -> list[dict[str, Any]]:
    return [
        {"level": i.level, "id": i.id, "name": i.title, "children": _toc_tokens(i.children)}
        for i in items
    ]


def _link(page: Any) -> list[object] | None:
    return None if page is None else [page.url, page.title]


def _parents(page: Any) -> list[object]:
    return [[parent.title, getattr(parent, "url", None)] for parent in chain_of(page)]


def _key(markdown: str, page: Any, config: Any) -> str:
    rest = Path(config["docs_dir"], BODIES_DIR, page.file.src_uri).with_suffix(".html")
    return digest(
        STATE.build,
        _nav_of(page),
        page.file.src_uri,
        page.file.dest_uri,
        page.url,
        page.canonical_url,
        markdown,
        page.meta,
        hashlib.sha256(rest.read_bytes()).hexdigest() if rest.is_file() else None,
        _link(page.previous_page),
        _link(page.next_page),
        _parents(page),
        [[c.title, c.url] for c in getattr(page, "categories", [])],
        getattr(getattr(page, "config", None), "date", None),
    )


def _meta(page: Any) -> dict[str, Any]:
    """The page's metadata as the build gave it (before a hit named the stored template)."""
    meta = dict(page.meta)
    if hasattr(page, "gm_template"):
        meta.pop("template", None)
        if page.gm_template is not None:
            meta["template"] = page.gm_template
    return meta


def excerpt_inputs(post: Any) -> list[object]:
    return [
        post.url,
        post.title,
        post.markdown,
        post._title_from_render,
        _meta(post),
        [[c.title, c.url] for c in getattr(post.excerpt, "categories", None) or []],
        [[c.title, c.url] for c in getattr(post, "categories", [])],
        getattr(getattr(post, "config", None), "date", None),
    ]


def _view_key(blog: Any, page: Any) -> str:
    """Everything a page of a blog view shows: itself, its pagination, its excerpts."""
    posts = page.posts
    at = page.pages.index(page) if page.pages else 0
    if blog._config_pagination(page):
        step = blog._config_pagination_per_page(page)
        posts = posts[at * step : at * step + step]
    page.gm_shown = posts  # on_env: a stored view keeps its excerpts' entries
    return digest(
        STATE.build,
        _nav_of(page),
        "view",
        page.file.src_uri,
        page.url,
        page.canonical_url,
        page.title,
        page.markdown,
        _meta(page),
        page.content,
        _link(page.previous_page),
        _link(page.next_page),
        _parents(page),
        at,
        [p.url for p in page.pages or []],  # the pager: page numbers, not the list's length
        [excerpt_inputs(p) for p in posts],
    )


@event_priority(-1000)  # every page is converted by now; none is written yet
def on_env(env: Any, config: Any, files: Any, **kwargs: Any) -> Any:
    if STATE.folder is None:
        return env
    blog = config.plugins.get("material/blog")
    _, view_class = _blog_classes()
    for file in files.documentation_pages():
        page = file.page
        if blog is None or not isinstance(page, view_class) or file.inclusion.is_excluded():
            continue  # a view left out of a run over changed pages (frames.py) is not built
        key = _view_key(blog, page)
        STATE.used.add(key)
        entry = load_page(key)
        if entry is not None:
            _use_stored_template(page, entry)
            separator = blog.config.post_excerpt_separator
            STATE.used.update(_excerpt_key(page, separator, p) for p in page.gm_shown if p.excerpt)
            if isinstance(entry.get("skey"), str):  # its search entries, for the next change
                STATE.used.add(entry["skey"])
        else:
            page.gm_key, page.gm_view = key, True
            page.gm_rendered = {}
    return env


def _restore(page: Any, entry: dict[str, Any]) -> None:
    def render(config: Any, files: Any) -> None:
        page.content = entry["content"]
        page.toc = get_toc(entry["toc"])
        page._title_from_render = entry["title"]
        page.present_anchor_ids = set(entry["anchors"])

    page.render = render
    _use_stored_template(page, entry)


def _use_stored_template(page: Any, entry: dict[str, Any]) -> None:
    page.gm_search = entry["search"]
    page.gm_output_key, page.gm_output_sha = entry["out"], entry["sha"]
    page.gm_cached_output = None  # read in on_page_context unless carried (carry_over.py)
    STATE.used.add(entry["out"])
    page.gm_template = page.meta.get("template")
    page.meta["template"] = TEMPLATE


def _record(page: Any) -> None:
    original = page.render

    def render(config: Any, files: Any) -> None:
        original(config, files)
        page.gm_rendered = {
            "content": page.content,
            "toc": _toc_tokens(page.toc.items),
            "title": page._title_from_render,
            "anchors": sorted(page.present_anchor_ids or ()),
        }

    page.render = render


@event_priority(-1000)  # after every other plugin changed the Markdown
def on_page_markdown(markdown: str, page: Any, config: Any, files: Any, **kwargs: Any) -> str:
    if STATE.folder is None or not page.file.src_uri.startswith(POSTS):
        return markdown
    if PLACEHOLDER not in markdown:
        return markdown
    key = _key(markdown, page, config)
    STATE.used.add(key)
    entry = load_page(key)
    if entry is not None:
        _restore(page, entry)
    else:
        page.gm_key = key
        _record(page)
    return markdown


@event_priority(-1000)  # the last before the template: a stored page's output, if written
def on_page_context(context: Any, page: Any, config: Any, nav: Any, **kwargs: Any) -> Any:
    key = getattr(page, "gm_output_key", None)
    if key is None or getattr(page, "gm_carried", False) or page.gm_cached_output is not None:
        return context
    entry = load(key)
    if entry is None or not isinstance(entry.get("output"), str):
        raise PluginError(f"页面缓存条目 {key} 在构建中途缺失，请重新运行 govmedia build。")
    page.gm_cached_output = entry["output"]
    return context


@event_priority(-1000)
def on_post_page(output: str, page: Any, config: Any, **kwargs: Any) -> str:
    key = getattr(page, "gm_key", None)
    rendered = getattr(page, "gm_rendered", None)
    search = getattr(page, "gm_search_new", None)
    if STATE.folder is None or key is None or rendered is None or search is None:
        return output
    out = digest(key, "output")
    STATE.used.add(out)
    data = output.encode("utf-8", errors="xmlcharrefreplace")  # the bytes mkdocs writes
    store(out, {"key": out, "output": output})
    sha = hashlib.sha256(data).hexdigest()
    entry = dict(rendered, key=key, search=search, out=out, sha=sha)
    if getattr(page, "gm_view", False) and getattr(page, "gm_search_key", None):
        entry["skey"] = page.gm_search_key  # kept while the view is: see _patch_search
    store(key, entry)
    return output


def _search_key(page: Any) -> str | None:
    """Any other page's search entries are those of its content, table of contents, URL,
    title and metadata (jieba's segmentation of the same text is the same): kept under
    the hash of those. None when the cache is off."""
    if STATE.folder is None:
        return None
    key = digest(
        STATE.build,
        "search",
        page.url,
        page.title,
        page.content,
        _toc_tokens(page.toc.items),
        page.meta,
    )
    STATE.used.add(key)
    return key


def on_post_build(config: Any, **kwargs: Any) -> None:
    """Keep only the entries of this build: the store is as large as the site's posts."""
    if STATE.folder is None or STATE.partial:
        return
    for path in STATE.folder.iterdir():
        if path.suffix in (".json", ".tmp") and path.stem not in STATE.used:
            path.unlink(missing_ok=True)
