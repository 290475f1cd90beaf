"""Page generators: each writes Markdown pages into the build folder (``docs_dir``).

A generator is ``(project, docs_dir) -> [(nav title, relative .md path), ...]``; the pages
it returns are listed on the hub page ``more.md`` (政务公开). The archive's own pages are
reachable from the fixed ``nav`` of ``mkdocs.yml`` and return nothing. Another area adds
its pages with one line in ``GENERATORS``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from pipeline.governance.site_pages import write_pages as governance_pages
from pipeline.interaction.site_page import answered_page
from pipeline.ledger import Record
from pipeline.project import Project
from pipeline.site.archive import load_archive
from pipeline.site.body_store import BodyStore
from pipeline.site.feeds import write_feeds
from pipeline.site.indexes import write_indexes
from pipeline.site.pages import write_post_pages
from pipeline.site.paths import site_url
from pipeline.unit_time import unit_zone

Generator = Callable[[Project, Path], list[tuple[str, str]]]
SharingGenerator = Callable[
    [Project, Path, BodyStore | None, Sequence[Record] | None], list[tuple[str, str]]
]


def archive_pages(
    project: Project,
    docs_dir: Path,
    store: BodyStore | None = None,
    records: Sequence[Record] | None = None,
    previous: Path | None = None,
) -> list[tuple[str, str]]:
    """Post pages, index pages and feeds from the ledger (``store``: reuse the output of
    unchanged posts, see ``body_store.py``; ``records``: the trusted ledger's, read once;
    ``previous``: the last generation's folder, whose unchanged post files are linked)."""
    archive = load_archive(project, store, records)
    zone = unit_zone(project.root)
    bodies = write_post_pages(archive.posts, docs_dir, zone, store, previous)
    write_indexes(archive, docs_dir, zone)
    write_feeds(archive, bodies, site_url(), docs_dir, store, previous)
    return []


# generators that also take the build's store and the ledger's records (read once a build)
SHARING: tuple[SharingGenerator, ...] = (archive_pages, governance_pages)

GENERATORS: list[Generator] = [
    archive_pages,
    governance_pages,
    answered_page,  # 第十二条: opt-in list of answered questions (pipeline/interaction)
]
