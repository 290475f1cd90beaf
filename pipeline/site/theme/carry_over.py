"""mkdocs hook: leave unwritten the pages whose file the previous site already holds.

A page the page cache restored (``page_cache.py``: its key, made of everything it is made
of, found in the store) is written as the stored output, byte for byte. When
``govmedia build`` found the previous site intact (every file's SHA-256 as its sealed list
says, no file missing or added: ``pipeline/site/carry.py``), it writes that list into the
staging folder as ``.govmedia-carry-in.json`` and sets ``GOVMEDIA_CARRY``. A restored page
whose stored output has the SHA-256 of the previous site's file at the same path is then
not rendered through its template nor written: every plugin still sees its context (the
search entries, the shards), and its path goes to ``.govmedia-carried.json``, from which
govmedia hard-links the previous file into the new site and checks its hash again. Any
other page is built as always, so the site is a full build's, byte for byte
(tests/site/test_incremental.py). Dot files survive mkdocs' cleaning of the site folder and
are never part of the site (govmedia removes both before the swap).
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from cache_store import STATE  # a module beside this one (mkdocs loads hooks from here)
from mkdocs.commands import build as mkdocs_build
from mkdocs.exceptions import PluginError
from mkdocs.utils.templates import TemplateContext

VARIABLE = "GOVMEDIA_CARRY"
CARRY_IN = ".govmedia-carry-in.json"  # relative path -> SHA-256 of the previous site's file
CARRIED = ".govmedia-carried.json"  # the paths left to govmedia to link
_carry: dict[str, str] = {}
_carried: list[str] = []


def carried(page: Any) -> bool:
    """Whether the previous site's file at this page's path is the page's stored output
    (``page_cache.py`` keeps the SHA-256 of the bytes mkdocs wrote for it)."""
    sha = getattr(page, "gm_output_sha", None)
    return sha is not None and _carry.get(page.file.dest_uri) == sha


def _build_page_or_carry(original: Any) -> Any:
    def build_page(
        page: Any,
        config: Any,
        doc_files: Any,
        nav: Any,
        env: Any,
        dirty: bool = False,
        excluded: bool = False,
    ) -> None:
        if excluded or not carried(page):
            original(page, config, doc_files, nav, env, dirty, excluded)
            return
        # As mkdocs' _build_page up to the template: every plugin's on_page_context runs
        # (search entries, shards). The context is empty: none of the packaged
        # configuration's plugins reads it for a page whose output is already whole.
        config._current_page = page
        page.active = page.gm_carried = True  # page_cache.py: the output is not read
        try:
            context = TemplateContext()
            config.plugins.on_page_context(context, page=page, config=config, nav=nav)
        finally:
            page.active = False
            config._current_page = None
        _carried.append(page.file.dest_uri)

    build_page.gm_carry = True  # type: ignore[attr-defined]
    return build_page


def _read_carry(site_dir: Path) -> dict[str, str]:
    path = site_dir / CARRY_IN
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        raise PluginError(f"找不到或无法读取沿用清单 {path}。") from None
    if not isinstance(data, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in data.items()
    ):
        raise PluginError(f"沿用清单 {path} 格式不对。")
    return data


def on_config(config: Any, **kwargs: Any) -> Any:
    _carry.clear()
    _carried.clear()
    if os.environ.get(VARIABLE) != "1" or STATE.folder is None:
        return config
    _carry.update(_read_carry(Path(config["site_dir"])))
    if not getattr(mkdocs_build._build_page, "gm_carry", False):
        mkdocs_build._build_page = _build_page_or_carry(mkdocs_build._build_page)
    return config


def on_post_build(config: Any, **kwargs: Any) -> None:
    if os.environ.get(VARIABLE) != "1" or STATE.folder is None:
        return
    data = json.dumps(sorted(_carried), ensure_ascii=False)
    Path(config["site_dir"], CARRIED).write_text(data, encoding="utf-8")
