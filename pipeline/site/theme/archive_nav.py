"""mkdocs hook: the month archives' nav section opens with govmedia's overview page.

The blog plugin puts its month lists in a "按月归档" section, newest first. With
``navigation.prune`` every page outside that section renders it as a link to its first
entry, and the tabs do the same: the newest month. A post in a new month therefore changed
every page of the site. Putting the overview page ``archive/index.md`` (every month, written
by govmedia, ``pipeline/site/indexes.py``) first makes that link the same for every build,
so such a post changes the overview, the month lists and the pages a post in an existing
month changes, not all of them (docs/dev/site.md, "Rebuilds"). The month lists are grouped
by year, months oldest first within a year. A month list's sidebar shows the overview and
its own year's months only (``shown``), no other year: a post in a new year then changes the
overview and the new year's lists, not every month list's sidebar. The overview lists every
year and month, so every month list stays two links away.
"""

from __future__ import annotations

from typing import Any

from mkdocs.plugins import event_priority
from mkdocs.structure.nav import Section

OVERVIEW = "archive/index.md"


class _State:
    # The hook's own module is not the one page_cache.py imports (mkdocs loads a hook under
    # its file name): the section is marked (``gm_months``), this state is the hook's only.
    section: Section | None = None  # the month archives' section with every year
    children: list[Any] | None = None  # its children while one page renders fewer


STATE = _State()


def _archive_section(items: list[Any]) -> Section | None:
    from material.plugins.blog.structure import Archive

    for item in items:
        children = getattr(item, "children", None) or []
        if isinstance(item, Section) and children and isinstance(children[-1], Archive):
            return item
    return None


def _year(view: Any) -> int:
    return int(view.posts[0].config.date.created.year)


def _by_year(section: Section) -> list[Section]:
    """The month lists grouped in one section a year, newest year first, each year's months
    oldest first: a year's first entry, its pruned link, never changes as months are added."""
    years: dict[int, list[Any]] = {}
    for view in section.children:
        years.setdefault(_year(view), []).append(view)
    groups = []
    for year in sorted(years, reverse=True):
        group = Section(f"{year} 年", sorted(years[year], key=lambda v: v.file.src_uri))
        group.parent = section
        for view in group.children:
            for page in view.pages or [view]:
                page.parent = group
        groups.append(group)
    return groups


@event_priority(-100)  # after the blog plugin attached its sections, before page_cache.py
def on_nav(nav: Any, config: Any, files: Any, **kwargs: Any) -> Any:
    file = files.get_file_from_path(OVERVIEW)
    section = _archive_section(nav.items)
    if file is None or file.page is None or section is None:
        return nav
    file.page.parent = section
    # the blog's chain of <link rel="prev/next">: ..., the last category, the newest month,
    # ..., the oldest month, then what followed it
    tail, head = section.children[0].previous_page, section.children[-1].next_page
    section.children = [file.page, *_by_year(section)]
    _relink([tail, *_in_order(section), head])
    section.gm_months = True  # type: ignore[attr-defined]
    STATE.section, STATE.children = section, None
    return nav


def _in_order(section: Section) -> list[Any]:
    """The overview and the month lists in the sidebar's order."""
    return [section.children[0], *(v for year in section.children[1:] for v in year.children)]


def _relink(pages: list[Any]) -> None:
    """Link ``pages`` to each other in this order, and each paginated page (``page/2``, ...)
    of a view to its view's neighbours, as the blog plugin links them. In the blog's order the
    newest month followed the last category, so every new month changed the ``<link
    rel="next">`` of every page of that category; in the sidebar's order the overview follows
    it, which a new month does not change: a new month changes its neighbours' links only."""
    for tail, page, head in zip(pages, pages[1:], pages[2:], strict=False):
        page.previous_page, page.next_page = tail, head
    if pages[0] is not None:
        pages[0].next_page = pages[1]
    if pages[-1] is not None:
        pages[-1].previous_page = pages[-2]
    for page in pages:
        for paged in (getattr(page, "pages", None) or [])[1:]:
            paged.previous_page, paged.next_page = page.previous_page, page.next_page


def shown(item: Any, chain: list[Any]) -> list[Any]:
    """The children ``item`` shows on a page whose ancestors are ``chain``: the month
    archives' section on a month list (a page inside one of its year sections) shows its
    overview and that year only; every other section, and that one elsewhere, all of them."""
    children = list(getattr(item, "children", None) or [])
    if not getattr(item, "gm_months", False) or len(children) < 2:
        return children
    years = [c for c in children[1:] if any(c is a for a in chain)]
    return [children[0], *years] if years else children


def chain_of(page: Any) -> list[Any]:
    """The sections ``page`` is in, innermost first."""
    chain, parent = [], page.parent
    while parent is not None:
        chain.append(parent)
        parent = parent.parent
    return chain


def _restore() -> None:
    if STATE.section is not None and STATE.children is not None:
        STATE.section.children, STATE.children = STATE.children, None


@event_priority(100)  # before the other hooks' page events: the nav as this page shows it
def on_page_context(context: Any, page: Any, config: Any, nav: Any, **kwargs: Any) -> Any:
    _restore()
    section = STATE.section
    if section is not None:
        children = shown(section, chain_of(page))
        if len(children) != len(section.children):
            STATE.children, section.children = section.children, children
    return context


@event_priority(100)
def on_post_page(output: str, page: Any, config: Any, **kwargs: Any) -> str:
    _restore()
    return output


@event_priority(100)
def on_post_build(config: Any, **kwargs: Any) -> None:
    _restore()


def visible_nav(items: Any, chain: list[Any]) -> list[object]:
    """The navigation as a page renders it with ``navigation.prune`` and tabs: the sections
    on the page's own path (``chain``) in full, every other section as its title and the
    link to its first page (material's ``render_pruned`` and tabs). The
    page cache keys each page by it (``page_cache.py``)."""
    out: list[object] = []
    for item in items or []:
        children = shown(item, chain) if getattr(item, "children", None) else None
        if children and not any(item is c for c in chain):
            first = item
            while getattr(first, "children", None):
                first = first.children[0]
            out.append(["pruned", item.title, getattr(first, "url", None)])
        else:
            url = getattr(item, "url", None)
            out.append([type(item).__name__, item.title, url, visible_nav(children, chain)])
    return out
