"""The page cache's store, shared by the hooks that use it (``page_cache.py``): one JSON
file per entry, named by its key, in a folder of the building user that nobody else can
write; an entry whose stored key differs from its name is ignored. Not a hook itself: the
hooks import it from this folder, which mkdocs puts on the import path while it loads them.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import sys
import tempfile
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError
from private_dir import private_dir  # beside this module (mkdocs loads hooks from here)

HEX64 = re.compile("[0-9a-f]{64}")
PACKAGES = ("mkdocs", "mkdocs-material", "Markdown", "pymdown-extensions", "Jinja2", "jieba")


@dataclass
class State:
    folder: Path | None = None
    build: str = ""
    nav_items: list[Any] = field(default_factory=list)
    used: set[str] = field(default_factory=set)
    partial: bool = False  # a run over some pages only (frames.py): nothing is stored but
    writing: bool = False  # while a page whose frame is the expected one is written


STATE = State()


def digest(*parts: object) -> str:
    text = json.dumps(parts, ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def theme_files() -> list[tuple[str, str]]:
    here = Path(__file__).resolve().parent
    found = []
    for path in sorted(here.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            data = hashlib.sha256(path.read_bytes()).hexdigest()
            found.append((path.relative_to(here).as_posix(), data))
    return found


def versions() -> list[tuple[str, str]]:
    return [(name, metadata.version(name)) for name in PACKAGES] + [("python", sys.version)]


def safe_folder(value: str) -> Path:
    folder = Path(value)
    if not private_dir(os.lstat(folder)):
        raise PluginError(f"页面缓存目录 {folder} 不是本用户独占的普通目录，拒绝使用。")
    return folder


def entry_path(key: str) -> Path:
    assert STATE.folder is not None
    return STATE.folder / f"{key}.json"


def load(key: str) -> dict[str, Any] | None:
    try:
        entry = json.loads(entry_path(key).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return entry if isinstance(entry, dict) and entry.get("key") == key else None


def load_page(key: str) -> dict[str, Any] | None:
    """A stored page whose output is stored too, in its own entry (``out``, read only when
    the page is written: a carried page's is not)."""
    entry = load(key)
    out = None if entry is None else entry.get("out")
    if (
        not isinstance(out, str)
        or not HEX64.fullmatch(out)
        or not isinstance(entry.get("sha"), str)
    ):
        return None
    return entry if entry_path(out).is_file() else None


def store(key: str, entry: dict[str, Any]) -> None:
    if STATE.partial and not STATE.writing:  # made without every page beside it
        return
    handle, name = tempfile.mkstemp(dir=STATE.folder, suffix=".tmp")
    with os.fdopen(handle, "w", encoding="utf-8") as stream:
        json.dump(entry, stream, ensure_ascii=False)
    os.replace(name, entry_path(key))
