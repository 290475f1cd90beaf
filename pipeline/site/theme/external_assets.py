"""mkdocs hook: fail a strict build when a page loads a script, style, font or image from
another host (the archive is offline by rule). One thing only: it reads, never rewrites.

With the page cache on (an incremental ``govmedia build``), the SHA-256 of every file found
clean is kept in the cache's store (``cache_store.py``, under the build's key: this hook's
own source is part of it), and a file with a kept hash is not scanned again: a rebuild
scans only the files whose bytes changed.
"""

from __future__ import annotations

import hashlib
import logging
import re
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from cache_store import STATE, digest, load, store  # beside this hook (mkdocs loads it from here)

log = logging.getLogger("mkdocs.hooks.external_assets")

# src/href of loading elements, CSS url() and @import.
LOADING = re.compile(
    r"<(?:script|img|link|iframe|source|video|audio|embed)\b[^>]*?\b(?:src|href)\s*=\s*[\"']([^\"']+)[\"']"
    r"|url\(\s*[\"']?([^\"')\s]+)|@import\s+[\"']([^\"']+)",
    re.IGNORECASE,
)


def external_urls(text: str, own_host: str) -> list[str]:
    found = []
    for match in LOADING.finditer(text):
        url = next(g for g in match.groups() if g)
        parsed = urlparse(url if not url.startswith("//") else "https:" + url)
        if parsed.scheme in ("http", "https") and parsed.hostname != own_host:
            found.append(url)
    return found


def on_post_build(config: Any, **kwargs: Any) -> None:
    own = urlparse(config.get("site_url") or "").hostname or ""
    site = Path(config["site_dir"])
    key = digest(STATE.build, "clean-files", own) if STATE.folder is not None else None
    entry = load(key) if key is not None else None
    known = set(entry["clean"]) if entry is not None else set()
    clean = []
    for path in sorted(site.rglob("*")):
        if path.suffix not in (".html", ".css", ".js"):
            continue
        data = path.read_bytes()
        tag = hashlib.sha256(data).hexdigest()
        if tag in known:
            clean.append(tag)
            continue
        found = external_urls(data.decode("utf-8", errors="replace"), own)
        for url in found:
            log.warning(
                "%s 引用了外部资源 %s（站点不得加载其他主机的资源）", path.relative_to(site), url
            )
        if not found:
            clean.append(tag)
    if key is not None:
        STATE.used.add(key)
        store(key, {"key": key, "clean": sorted(set(clean))})
