"""mkdocs hook: the month archives' nav section opens with govmedia's overview page.

The blog plugin puts its month lists in a "按月归档" section, newest first. With
``navigation.prune`` every page outside that section renders it as a link to its first
entry, and the tabs do the same: the newest month. A post in a new month therefore changed
every page of the site. Putting the overview page ``archive/index.md`` (every month, written
by govmedia, ``pipeline/site/indexes.py``) first makes that link the same for every build,
so such a post changes the overview, the month lists and the pages a post in an existing
month changes, not all of them (docs/dev/site.md, "Rebuilds"). The month lists are grouped
by year, months oldest first within a year, so a month list shows its own year's months and
each other year as one link that a new month does not change.
"""

from __future__ import annotations

from typing import Any

from mkdocs.plugins import event_priority
from mkdocs.structure.nav import Section

OVERVIEW = "archive/index.md"


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
    section.children = [file.page, *_by_year(section)]
    return nav


def visible_nav(items: Any, chain: list[Any]) -> list[object]:
    """The navigation as a page renders it with ``navigation.prune`` and tabs: the sections
    on the page's own path (``chain``) in full, every other section as its title and the
    link to its first page (material's ``render_pruned`` and tabs). The
    page cache keys each page by it (``page_cache.py``)."""
    out: list[object] = []
    for item in items or []:
        children = getattr(item, "children", None)
        if children and not any(item is c for c in chain):
            first = item
            while getattr(first, "children", None):
                first = first.children[0]
            out.append(["pruned", item.title, getattr(first, "url", None)])
        else:
            url = getattr(item, "url", None)
            out.append([type(item).__name__, item.title, url, visible_nav(children, chain)])
    return out
