"""The sitemap of a site rebuilt over its changed pages only (``partial.py``).

mkdocs writes ``sitemap.xml`` (every page's URL with the build's date as ``lastmod``) and
``sitemap.xml.gz`` (gzip, its time the build's date). A rebuild that adds and removes no
page has the same URLs: the previous sitemap is kept when its date is the build's, and
otherwise written again with the new date, the gzip file as mkdocs makes it. The previous
file is used only when its hash is the sealed list's and it holds one date.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import re
from datetime import UTC, datetime
from pathlib import Path

from pipeline.site.carry import Files

SITEMAP = "sitemap.xml"
_LASTMOD = re.compile(r"<lastmod>([^<]*)</lastmod>")


def gzipped(text: str, date: str) -> bytes:
    """``sitemap.xml.gz`` as mkdocs writes it (``mkdocs.commands.build._build_theme_template``)."""
    when = datetime.fromisoformat(date).replace(tzinfo=UTC)
    buffer = io.BytesIO()
    name = f"{SITEMAP}.gz"
    with gzip.GzipFile(fileobj=buffer, filename=name, mode="wb", mtime=int(when.timestamp())) as gz:
        gz.write(text.encode("utf-8"))
    return buffer.getvalue()


def redated(out: Path, date: str, files: Files) -> dict[str, bytes] | None:
    """The sitemap files to write for a build on ``date``: none when the previous ones
    carry that date already; None when they cannot be proved."""
    if SITEMAP not in files or f"{SITEMAP}.gz" not in files:
        return None
    try:
        data = (out / SITEMAP).read_bytes()
    except OSError:
        return None
    if hashlib.sha256(data).hexdigest() != files[SITEMAP]:
        return None
    text = data.decode("utf-8")
    dates = set(_LASTMOD.findall(text))
    if dates == {date}:
        return {}
    if len(dates) != 1:
        return None
    text = text.replace(f"<lastmod>{dates.pop()}</lastmod>", f"<lastmod>{date}</lastmod>")
    return {SITEMAP: text.encode("utf-8"), f"{SITEMAP}.gz": gzipped(text, date)}
