"""mkdocs hook: fail a strict build when a page loads a script, style, font or image from
another host (the archive is offline by rule). One thing only: it reads, never rewrites."""

from __future__ import annotations

import logging
import re
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

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
    for path in sorted(site.rglob("*")):
        if path.suffix not in (".html", ".css", ".js"):
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        for url in external_urls(text, own):
            log.warning(
                "%s 引用了外部资源 %s（站点不得加载其他主机的资源）", path.relative_to(site), url
            )
