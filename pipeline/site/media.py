"""Images of published posts, copied into the build folder under content-addressed names.

The list is the post's ``referenced_files`` read from the published commit (``archive.py``):
nothing the reviewers did not see, no symlink, nothing from the working tree."""

from __future__ import annotations

from pathlib import Path, PurePosixPath

from pipeline.assetpath import IMAGE_SUFFIXES
from pipeline.site.archive import ArchivePost
from pipeline.site.paths import MEDIA_DIR, media_name


def write_images(ap: ArchivePost, docs_dir: Path) -> dict[str, str]:
    """Copy the post's images; map each body ``src`` to its URL relative to the post page."""
    urls: dict[str, str] = {}
    for src, data in ap.images.items():
        suffix = PurePosixPath(src).suffix.lower()
        if suffix not in IMAGE_SUFFIXES:
            continue
        name = media_name(data, src)
        target = docs_dir / MEDIA_DIR / name
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        urls[src] = f"../{MEDIA_DIR}/{name}"  # post pages live one folder down
    return urls
