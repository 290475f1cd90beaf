"""Images of published posts, copied into the build folder under content-addressed names.

The list is the post's ``referenced_files`` read from the published commit (``archive.py``):
nothing the reviewers did not see, no symlink, nothing from the working tree."""

from __future__ import annotations

from pathlib import Path, PurePosixPath

from pipeline.assetpath import IMAGE_SUFFIXES
from pipeline.site.archive import ArchivePost
from pipeline.site.paths import MEDIA_DIR, media_name
from pipeline.site.replace import write_or_link


def write_images(ap: ArchivePost, docs_dir: Path, previous: Path | None = None) -> dict[str, str]:
    """Copy the post's images; map each body ``src`` to its URL relative to the post page.

    ``previous``: the last generation's folder; an image it holds with the same bytes is
    linked from there, not written again (``replace.write_or_link``)."""
    urls: dict[str, str] = {}
    for src, data in ap.images.items():
        suffix = PurePosixPath(src).suffix.lower()
        if suffix not in IMAGE_SUFFIXES:
            continue
        name = media_name(data, src)
        target = docs_dir / MEDIA_DIR / name
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            write_or_link(target, data, None if previous is None else previous / MEDIA_DIR / name)
        urls[src] = f"../{MEDIA_DIR}/{name}"  # post pages live one folder down
    return urls
