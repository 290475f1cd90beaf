"""What the resident builder loads once, and how it proves it is still what it loaded.

The builder (``resident_server.py``) never builds: each build runs in a child forked from
it, so no build's state (the hooks' module state, the patched mkdocs-material classes, the
plugins, jieba's user words, govmedia's own caches) can reach another build. What the parent
holds is code and one piece of data keyed by its source: the modules a build imports
(govmedia's, mkdocs', mkdocs-material's plugins, Python-Markdown's extensions, Jinja, Babel,
jieba) and jieba's prefix dictionary, loaded from jieba's own dictionary (the file jieba
keys its cache by) exactly as the hook ``theme/jieba_load.py`` has it loaded, with no user
word. The theme's hooks are not loaded (mkdocs loads them in the child).

``digest`` hashes the code on disk (every file of the installed ``pipeline`` package, the
theme, its templates and hooks and ``mkdocs.yml`` among them) with the version of Python and
what every installed distribution on the import path says of itself (``installed``: its
``METADATA``, with name and version, and its ``RECORD``, the hash of every file pip put in
place): an upgrade or a reinstall of any package the builder loaded (nh3, the one
sanitiser's engine, MarkupSafe, PyYAML as much as mkdocs) changes it. The builder compares
it before every build and exits when it changed. ``pristine`` checks that the parent still
holds nothing of a build.
"""

from __future__ import annotations

import hashlib
import importlib
import os
import sys
from importlib import metadata
from pathlib import Path

import pipeline

PACKAGE = Path(pipeline.__file__).resolve().parent
# what a build imports: loaded once in the builder, before any build
PRELOAD = (
    "pipeline.site.build",
    "pipeline.commands.build",
    "mkdocs.commands.build",
    "mkdocs.config",
    "mkdocs.config.defaults",
    "mkdocs.structure.pages",
    "material.plugins.blog.plugin",
    "material.plugins.search.plugin",
    "material.plugins.tags.plugin",
    "markdown.extensions.tables",
    "markdown.extensions.attr_list",
    "markdown.extensions.md_in_html",
    "markdown.extensions.toc",
    "pymdownx.slugs",
    "jinja2",
    "babel.dates",
    "pygments",
    "colorama",
)


def installed(path: list[str] | None = None) -> bytes:
    """What the distributions found on ``path`` (the import path by default) say of
    themselves, in the order they are found: each one's ``METADATA`` (name, version) and
    ``RECORD`` (every file it installed, with its hash), or a mark where one is missing."""
    parts: list[str] = []
    for dist in metadata.distributions(path=sys.path if path is None else path):
        for name in ("METADATA", "RECORD"):
            parts.append(dist.read_text(name) or f"<no {name}>")
    return "\0".join(parts).encode("utf-8", "surrogateescape")


def digest() -> str:
    """BLAKE2b of the package's files (path and bytes), Python's version and every
    installed distribution (``installed``)."""
    hashed = hashlib.blake2b(digest_size=32)
    hashed.update(f"{sys.version}\0{sys.executable}\0".encode())
    hashed.update(installed() + b"\0")
    for path in sorted(PACKAGE.rglob("*")):
        if "__pycache__" in path.parts or not path.is_file():
            continue
        hashed.update(os.fsencode(path.relative_to(PACKAGE)) + b"\0")
        hashed.update(path.read_bytes() + b"\0")
    return hashed.hexdigest()


def _jieba() -> tuple[int, int] | None:
    """jieba's prefix dictionary loaded as the hook loads it; its size and total."""
    try:
        import jieba
    except ImportError:
        return None
    from pipeline.site.theme.jieba_load import WholeFileMarshal

    saved = jieba.marshal
    jieba.marshal = WholeFileMarshal()  # type: ignore[assignment]
    try:
        jieba.dt.initialize()
    finally:
        jieba.marshal = saved
    return len(jieba.dt.FREQ), jieba.dt.total


def preload() -> tuple[int, int] | None:
    """Import what a build imports and load jieba's dictionary (without ``pkg_resources``,
    as the build runs); the dictionary's size and total, for ``pristine``."""
    blocked = "pkg_resources" not in sys.modules
    if blocked:
        sys.modules["pkg_resources"] = None  # type: ignore[assignment]
    try:
        for name in PRELOAD:
            importlib.import_module(name)
        return _jieba()
    finally:
        if blocked and sys.modules.get("pkg_resources", False) is None:
            del sys.modules["pkg_resources"]


def forget_caches() -> None:
    """Empty every ``functools`` cache of govmedia's modules (in a fresh child): what the
    builder looked up for itself (``rules.cache.in_work_tree`` of its socket's folder) is
    looked up again by the build, as a fresh process would."""
    for name, module in list(sys.modules.items()):
        if module is None or not (name == "pipeline" or name.startswith("pipeline.")):
            continue
        for value in list(vars(module).values()):
            clear = getattr(value, "cache_clear", None)
            if callable(clear) and hasattr(value, "cache_info"):
                clear()


def theme_modules() -> set[str]:
    return {p.stem for p in (PACKAGE / "site" / "theme").glob("*.py") if p.stem != "__init__"}


def pristine(jieba_state: tuple[int, int] | None) -> str | None:
    """Why the builder no longer holds only what ``preload`` loaded (None: it does)."""
    loaded = theme_modules() & set(sys.modules)
    if loaded:
        return f"theme hooks loaded in the builder: {sorted(loaded)}"
    jieba = sys.modules.get("jieba")
    if jieba_state is not None and jieba is not None:
        dictionary = jieba.dt  # type: ignore[attr-defined]
        if dictionary.user_word_tag_tab or (len(dictionary.FREQ), dictionary.total) != jieba_state:
            return "jieba's dictionary changed in the builder"
    return None
