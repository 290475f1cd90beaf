"""mkdocs hook: each page's frame, and the run over the changed pages only (issue 17).

A page's *frame* is the hash of everything it is made of except its own source files: the
build (the page cache's key of the theme's files, the versions and the site URL), the
navigation it shows (``archive_nav.visible_nav``), its paths and URLs, its neighbours, its
parents, its categories and its date: what ``page_cache.py`` keys a post page by, less its
Markdown, metadata and body. With the page cache on, every build writes the frame of every
page that is not a blog view into ``.govmedia-frames.json`` of the site folder; govmedia
keeps it in the sealed list of the site (``pipeline/site/carry.py``).

When ``GOVMEDIA_PARTIAL`` names source pages with the frames and build key the last build
recorded (``pipeline/site/partial.py``: mkdocs then runs over a docs folder holding those
pages, the pages every navigation needs and a few posts), the page cache is read only
(``cache_store.STATE.partial``: a page converted without every other page beside it is not
stored), but for a named page whose frame is the recorded one and whose conversion logged
nothing (it is what a whole build makes of it); and this hook writes, into
``.govmedia-partial.json``,
the build's key and date, each named page's output path and frame, and why one cannot be taken: a blog view or a list of tags
(made of other pages), a page missing, or anything mkdocs logged about its links while
converting it (a link to a page this run does not hold is then only information, not a
warning). govmedia takes a page only when its frame is the one the last build recorded.

When a post's own Markdown changed (``edited`` in ``GOVMEDIA_PARTIAL``: a retraction), every
post is in the docs folder; after the blog plugin's ``on_nav`` this hook gives the tags
plugin every post's tags and leaves out every post and view the run does not need
(``shown_views.py``), reports the views that show the post with their frames, the frames
of the post's neighbours as they are now, and the pages left out that a page built links
to (govmedia checks the site holds them). Every build records a view's frame
(``shown_views.view_frame``). Once every page is converted, a page not named is excluded:
it is not written.
"""

from __future__ import annotations

import json
import logging
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import shown_views  # beside this hook
from archive_nav import chain_of, visible_nav  # hooks beside this one (mkdocs loads hooks)
from cache_store import STATE, digest
from mkdocs.plugins import event_priority
from mkdocs.structure.files import InclusionLevel
from mkdocs.utils import get_build_date

VARIABLE = "GOVMEDIA_PARTIAL"
FRAMES = ".govmedia-frames.json"  # every page's frame: dest path -> frame
REPORT = ".govmedia-partial.json"  # the named pages' frames and what was found wrong
TAGS_LISTING = "material/tags"


@dataclass
class _Run:
    targets: set[str] = field(default_factory=set)  # source paths named by GOVMEDIA_PARTIAL
    frames: dict[str, str] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    converting: str | None = None  # the named page being converted
    items: list[Any] = field(default_factory=list)
    files: Any = None
    navs: dict[tuple[int, ...], str] = field(default_factory=dict)
    expected: dict[str, Any] = field(default_factory=dict)  # source path -> recorded frame
    build: str = ""  # the recorded build's key
    keep: set[str] = field(default_factory=set)  # named pages the page cache may store
    edited: set[str] = field(default_factory=set)  # posts whose own Markdown changed
    posts: set[str] = field(default_factory=set)  # posts the run needs besides (neighbours)
    views: set[str] = field(default_factory=set)  # views built in this run (edited posts')
    neighbours: dict[str, str] = field(default_factory=dict)  # their frames now: dest -> frame
    links: set[str] = field(default_factory=set)  # pages left out that built pages link to


RUN = _Run()
# mkdocs' message for a link to a page left out of the build (mkdocs/structure/pages.py)
_EXCLUDED = re.compile(
    r"^Doc file '.+' contains a link to '(.+)' which is excluded from the built site\.$"
)


class _LinkLog(logging.Handler):
    """What mkdocs logs about a named page's links while it is converted."""

    def emit(self, record: logging.LogRecord) -> None:
        if RUN.converting is None:
            return
        message = record.getMessage()
        left_out = _EXCLUDED.match(message) if RUN.edited else None
        if left_out is not None:  # a page this run left out: govmedia checks the site has it
            RUN.links.add(left_out.group(1))
        else:
            RUN.problems.append(f"{RUN.converting}: {message}")


_HANDLER = _LinkLog(logging.INFO)


def _partial() -> bool:
    return os.environ.get(VARIABLE) is not None


def on_config(config: Any, **kwargs: Any) -> Any:
    RUN.targets, RUN.frames, RUN.problems, RUN.converting = set(), {}, [], None
    RUN.items, RUN.navs, RUN.keep = [], {}, set()
    RUN.edited, RUN.posts, RUN.views, RUN.neighbours = set(), set(), set(), {}
    RUN.links = set()
    logger = logging.getLogger("mkdocs.structure.pages")
    logger.removeHandler(_HANDLER)
    value = os.environ.get(VARIABLE)
    if value is None or STATE.folder is None:
        return config
    asked = json.loads(value)
    pages = asked.get("pages") if isinstance(asked, dict) else None
    if not isinstance(pages, dict) or not isinstance(asked.get("build"), str):
        RUN.problems.append(f"{VARIABLE} 格式不对")
        return config
    RUN.targets, RUN.expected, RUN.build = set(pages), pages, asked["build"]
    edited, posts = asked.get("edited", []), asked.get("posts", [])
    if not isinstance(edited, list) or not isinstance(posts, list):
        RUN.problems.append(f"{VARIABLE} 格式不对")
        return config
    RUN.edited, RUN.posts = set(map(str, edited)), set(map(str, posts))
    config.validation.links.not_found = logging.INFO  # pages absent here exist in the site
    logger.setLevel(min(logger.getEffectiveLevel(), logging.INFO))
    logger.addHandler(_HANDLER)
    return config


@event_priority(-1000)  # after the blog plugin and archive_nav.py changed the nav
def on_nav(nav: Any, config: Any, files: Any, **kwargs: Any) -> Any:
    RUN.items = nav.items
    blog = config.plugins.get("material/blog")
    if RUN.edited and blog is not None:  # every post is in the docs folder: leave most out
        shown_views.tag_every_post(config, files, blog)  # before: its filter reads inclusion
        RUN.views = shown_views.leave_out(config, files, blog, RUN.edited, RUN.targets, RUN.posts)
        RUN.targets |= RUN.views
    return nav


def _nav(page: Any) -> str:
    chain = chain_of(page)
    known = tuple(id(c) for c in chain)
    if known not in RUN.navs:
        RUN.navs[known] = digest(visible_nav(RUN.items, chain))
    return RUN.navs[known]


def _link(page: Any) -> list[object] | None:
    return None if page is None else [page.url, page.title]


def frame(page: Any) -> str:
    return digest(
        STATE.build,
        _nav(page),
        page.file.src_uri,
        page.file.dest_uri,
        page.url,
        page.canonical_url,
        _link(page.previous_page),
        _link(page.next_page),
        [[parent.title, getattr(parent, "url", None)] for parent in chain_of(page)],
        [[c.title, c.url] for c in getattr(page, "categories", [])],
        getattr(getattr(page, "config", None), "date", None),
    )


def _view(page: Any) -> bool:
    from material.plugins.blog.structure import View

    return isinstance(page, View)


def _listed(page: Any) -> bool:
    """A page made of other pages: a blog view, or the tags list (unless every post's tags
    were given to it in this run, or this is a whole build)."""
    if _view(page):
        return page.file.src_uri not in RUN.views
    return TAGS_LISTING in (page.markdown or "") and _partial() and not RUN.edited


@event_priority(-1000)  # every page is converted by now; none is written yet
def on_env(env: Any, config: Any, files: Any, **kwargs: Any) -> Any:
    if STATE.folder is None:
        return env
    found, RUN.files = set(), files
    if RUN.edited and not shown_views.tags_in_order(config, files):
        RUN.problems.append("tags.md: 标签顺序与完整构建不同")
    blog = config.plugins.get("material/blog")
    for file in files.documentation_pages():
        page = file.page
        if page is None or (_partial() and file.src_uri not in RUN.targets):
            continue
        found.add(file.src_uri)
        if _partial() and _listed(page):
            RUN.problems.append(f"{file.src_uri}: 由其他页面生成")
            continue
        name = file.src_uri if _partial() else file.dest_uri
        if _view(page):
            if blog is not None:
                RUN.frames[name] = shown_views.view_frame(blog, page, RUN.items)
        else:
            RUN.frames[name] = frame(page)
    RUN.problems += [f"{name}: 不在本次构建中" for name in sorted(RUN.targets - found)]
    _neighbours(files)
    _write_targets_only(files)
    wrong = {problem.split(": ", 1)[0] for problem in RUN.problems}
    if RUN.build == STATE.build:  # converted as a whole build would: the store may keep it
        RUN.keep = {n for n in found - wrong if RUN.frames.get(n) == RUN.expected.get(n)}
    return env


def _write_targets_only(files: Any) -> None:
    """In a run over changed pages, every page but the named ones has done its part once
    converted (the navigation, a post's excerpt, its neighbours' titles): none is taken,
    so none is written (its template, its search entries)."""
    if not _partial() or RUN.problems:
        return
    for file in files.documentation_pages():
        if file.src_uri not in RUN.targets:
            file.inclusion = InclusionLevel.EXCLUDED


def _neighbours(files: Any) -> None:
    """The frames of an edited post's neighbours as they are now (its title is in them;
    their pages do not show it, so they are not built again: tests/site/test_partial.py)."""
    for file in files.documentation_pages():
        if file.src_uri in RUN.edited and file.page is not None:
            for other in (file.page.previous_page, file.page.next_page):
                if other is not None and other.file.src_uri.startswith("posts/"):
                    RUN.neighbours[other.file.dest_uri] = frame(other)


@event_priority(200)  # before every other hook's and plugin's page context
def on_page_context(context: Any, page: Any, config: Any, nav: Any, **kwargs: Any) -> Any:
    STATE.writing = page.file.src_uri in RUN.keep
    if page.file.src_uri in RUN.views:  # its excerpts are converted while it is written
        RUN.converting = page.file.src_uri
    return context


@event_priority(-2000)  # after page_cache.py stored the page
def on_post_page(output: str, page: Any, config: Any, **kwargs: Any) -> str:
    STATE.writing = False
    RUN.converting = None
    return output


@event_priority(-2000)  # the last before the conversion
def on_page_markdown(markdown: str, page: Any, config: Any, files: Any, **kwargs: Any) -> str:
    if page.file.src_uri in RUN.targets:
        RUN.converting = page.file.src_uri
    return markdown


@event_priority(2000)  # the first after it
def on_page_content(html: str, page: Any, config: Any, files: Any, **kwargs: Any) -> str:
    RUN.converting = None
    return html


def on_post_build(config: Any, **kwargs: Any) -> None:
    STATE.writing = False
    logging.getLogger("mkdocs.structure.pages").removeHandler(_HANDLER)
    if STATE.folder is None:
        return
    site = Path(config["site_dir"])
    if _partial():
        docs = RUN.files.documentation_pages() if RUN.files is not None else []
        pages = {f.src_uri: f.dest_uri for f in docs if f.src_uri in RUN.targets}
        report = {
            "build": STATE.build,
            "date": get_build_date(),  # the sitemap's
            "pages": {src: [dest, RUN.frames.get(src)] for src, dest in pages.items()},
            "problems": RUN.problems,
            "neighbours": RUN.neighbours,
            "links": sorted(RUN.links),
        }
        (site / REPORT).write_text(json.dumps(report, ensure_ascii=False), encoding="utf-8")
    else:
        data = {"build": STATE.build, "frames": RUN.frames}
        (site / FRAMES).write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
