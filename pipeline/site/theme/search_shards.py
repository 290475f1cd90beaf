"""mkdocs hook: split the search index into one shard per year, so that what a reader
downloads to search does not grow with the whole archive.

mkdocs-material's search plugin writes one ``search/search_index.json`` of every page. After
it, this hook writes ``search/<year>.json`` (the entries of the posts dated that year, and of
that year's month list), ``search/site.json`` (every other page: home, accounts, tags,
retractions, feeds, public information) and replaces ``search_index.json`` by a manifest: the
plugin's ``config`` (language, separator: the jieba segmentation is kept as it is) with the
list of shards, newest year first, and no entries. The theme's worker
(``overrides/assets/javascripts/workers/gm-search.js``) loads the shards on demand.

Left out of the shards: list pages after their first (``page/N.html``: the same title, their
excerpts are not indexed). Pages whose front matter says ``gm_search: titles`` (lists of
every post: accounts, tags) keep their section titles only; the search plugin does not
segment their text either (``_patch_search``): it was joined and cut by jieba, run by run,
only to be dropped here, on every rebuild that changes a list of every post. The output
depends only on the pages, in the order mkdocs builds them: an incremental build writes the
same bytes.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from mkdocs.plugins import event_priority

POSTS = "posts/"
SITE = "site"
PAGED = re.compile(r"(?:^|/)page/\d+(?:/index)?\.html$")
SHARDS: dict[str, str] = {}  # page URL -> shard name ("" leaves the page out)
TITLES_ONLY: set[str] = set()
# The tags page's content as the tags plugin writes it (``partials/tags.html``): a title, then
# for each tag its heading and a list of links. Only when the whole page is of this form are
# the lists' items left out of what the search plugin parses: each list is balanced and
# holds no heading, so the sections and their titles are the same; only the text differs,
# which a titles-only page drops.
TITLE = re.compile(r'\s*<h1 id="[^"<>]*">[^<>]*</h1>\s*')
LISTING = re.compile(
    r'<h2 id="[^"<>]*">\s*<span class="md-tag">[^<>]*</span></h2>\s*<ul>'
    r'((?:\s*<li>\s*<a href="[^"<>]*">[^<>]*</a>\s*</li>)*\s*)</ul>\s*'
)


def _titles_only(page: Any) -> bool:
    return page.meta.get("gm_search") == "titles"


def titles_content(content: str) -> str | None:
    """The tags page's content with its lists emptied; None when it is not of that form."""
    found = TITLE.match(content)
    if found is None:
        return None
    parts, at = [content[: found.end()]], found.end()
    while at < len(content):
        found = LISTING.match(content, at)
        if found is None:
            return None
        parts.append(content[at : found.start(1)] + content[found.end(1) : found.end()])
        at = found.end()
    return "".join(parts)


def _patch_search() -> None:
    """The search plugin segments no text of a page whose text the shards leave out
    (``split``): the entries of its sections keep their titles, with an empty text; of the
    tags page it parses the headings, not the lists (``titles_content``)."""
    from material.plugins.search.plugin import SearchIndex

    if getattr(SearchIndex.create_entry_for_section, "gm_titles", False):
        return
    original, add_entry = SearchIndex.create_entry_for_section, SearchIndex.add_entry_from_context

    def add_entry_from_context(self: Any, page: Any) -> None:
        content = page.content
        short = titles_content(content) if _titles_only(page) and content else None
        if short is None:
            add_entry(self, page)
            return
        page.content = short
        try:
            add_entry(self, page)
        finally:
            page.content = content

    def create_entry_for_section(self: Any, section: Any, toc: Any, url: str, page: Any) -> None:
        if _titles_only(page):
            section.text = []  # not joined and segmented by jieba only to be dropped
        original(self, section, toc, url, page)

    create_entry_for_section.gm_titles = True  # type: ignore[attr-defined]
    SearchIndex.create_entry_for_section = create_entry_for_section  # type: ignore[method-assign]
    SearchIndex.add_entry_from_context = add_entry_from_context  # type: ignore[method-assign]


def on_config(config: Any, **kwargs: Any) -> Any:
    SHARDS.clear()
    TITLES_ONLY.clear()
    _patch_search()
    return config


def _year(page: Any) -> str:
    date = getattr(getattr(getattr(page, "config", None), "date", None), "created", None)
    if date is None:
        meta = page.meta.get("date")
        date = meta.get("created") if isinstance(meta, dict) else meta
    return f"{date.year:04d}" if hasattr(date, "year") else SITE


def shard_of(page: Any) -> str:
    if PAGED.search(page.url or ""):
        return ""
    if page.file.src_uri.startswith(POSTS):
        return _year(page)
    if type(page).__name__ == "Archive" and getattr(page, "posts", None):
        return _year(page.posts[0])
    return SITE


@event_priority(100)
def on_page_context(context: Any, page: Any, config: Any, nav: Any, **kwargs: Any) -> Any:
    SHARDS[page.url] = shard_of(page)
    if _titles_only(page):
        TITLES_ONLY.add(page.url)
    return context


def _dump(data: object) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def split(index: dict[str, Any]) -> tuple[dict[str, Any], dict[str, bytes]]:
    """The manifest and the shards (file name -> bytes) of a whole search index."""
    groups: dict[str, list[dict[str, Any]]] = {}
    for doc in index["docs"]:
        url = doc["location"].split("#", 1)[0]
        name = SHARDS.get(url, SITE)
        if not name:
            continue
        if url in TITLES_ONLY:
            doc = dict(doc, text="")
        groups.setdefault(name, []).append(doc)
    years = sorted((n for n in groups if n != SITE), reverse=True)
    files: dict[str, bytes] = {}
    shards = []
    for name in [SITE, *years]:
        data = _dump({"docs": groups.get(name, [])})
        files[f"{name}.json"] = data
        shards.append(
            {
                "name": name,
                "url": f"{name}.json",
                "docs": len(groups.get(name, [])),
                "bytes": len(data),
            }
        )
    manifest = {"config": dict(index["config"], shards=shards), "docs": []}
    return manifest, files


@event_priority(-100)  # after the search plugin wrote the whole index
def on_post_build(config: Any, **kwargs: Any) -> None:
    folder = Path(config["site_dir"], "search")
    path = folder / "search_index.json"
    if not path.is_file():
        return
    manifest, files = split(json.loads(path.read_text(encoding="utf-8")))
    for name, data in files.items():
        (folder / name).write_bytes(data)
    path.write_bytes(_dump(manifest))
