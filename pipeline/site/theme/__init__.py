"""The archive site's look and build configuration, shipped inside the govmedia package.

``mkdocs.yml`` (mkdocs-material settings), ``overrides/`` (templates and CSS),
``external_assets.py`` (an mkdocs hook) and ``jieba_user.txt`` (the search dictionary) are
package data: ``govmedia build`` reads them from here and never from the content
repository, whose files are data only (DESIGN.md, "Trust boundary").
"""

from __future__ import annotations

from pathlib import Path

THEME_DIR = Path(__file__).resolve().parent
CONFIG = THEME_DIR / "mkdocs.yml"
# The environment variable that tells mkdocs.yml where the generated pages are.
DOCS_DIR_VARIABLE = "GOVMEDIA_BUILD_DOCS"
# The environment variable that names the page cache folder (``page_cache.py``).
PAGE_CACHE_VARIABLE = "GOVMEDIA_PAGE_CACHE"
# The environment variable that lets mkdocs leave unchanged pages to carry (``carry_over.py``).
CARRY_VARIABLE = "GOVMEDIA_CARRY"
# The environment variable that names the pages of a run over changed pages only (``frames.py``).
PARTIAL_VARIABLE = "GOVMEDIA_PARTIAL"
