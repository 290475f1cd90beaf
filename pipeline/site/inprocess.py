"""mkdocs inside govmedia's own process, for a rebuild over the changed pages (``partial.py``).

``govmedia build`` starts mkdocs as a process of its own (``build.run_mkdocs``). That
process buys five things; a run in govmedia's process keeps each or is not made
(``refusal`` names why, and the build then starts the process as before):

- *No credential*: the process gets ``build.mkdocs_env``, with every credential removed,
  so ``!ENV`` in the configuration or any code of the build reads none. Here: only when
  govmedia's own environment holds no credential (the server's hook starts the build with
  such an environment), and ``os.environ`` is that same ``mkdocs_env`` for the run.
- *No import path from the repository or the caller* (``-s -P``, no ``PYTHON*``
  variable): here only when the path this process imports from has none of what those
  flags drop: no working-directory or script entry outside the installation, no
  ``PYTHONPATH`` or ``PYTHONHOME`` in force, no user site-packages, no entry inside the
  content repository or the working directory (``python -I -m pipeline``, the server's
  hook, and the installed ``govmedia`` command qualify; ``python -m pipeline`` in a clone
  does not).
- *A fresh interpreter*: the hooks patch mkdocs-material's classes and keep state in
  their modules, and the search plugin adds its words to jieba's shared dictionary, all
  for the rest of the process. Here only when no mkdocs build has run in this process (no
  theme hook module and no mkdocs-material plugin imported) and jieba's shared dictionary
  is untouched: at most one run per process, as in a process of its own. A child of the
  resident builder (``resident_server.py``, ``forked``) has mkdocs-material's modules
  imported and jieba's prefix dictionary loaded, nothing else: there mkdocs runs in process
  for every build, once, when no theme hook is loaded and jieba holds no user word.
- *The working directory* (the theme folder, where the search dictionary is read): set for
  the run and restored.
- *A fixed hash seed* (``PYTHONHASHSEED=0``): not kept, the seed is this process's. It was
  set when the build first ran mkdocs as a process, with no reason recorded; whole sites
  built with seeds 0, 1, 2, 777 and a random one are the same byte for byte
  (docs/dev/speed.md, "Eighteenth pass"), and the rebuilds run here are compared with a
  ``--full`` build in the tests.

The memory mkdocs uses is then this process's until it exits (a rebuild's peak 21–32 %
higher at 1,000 and 2,000 posts, the same at 10,000: measured in the same pass). mkdocs' log is caught as its
command line writes it (``INFO    -  …``); a warning fails the run as ``--strict`` does,
and any failure is a ``GovmediaError``: the rebuild is then made the usual way.
"""

from __future__ import annotations

import io
import logging
import os
import site
import sys
import zipimport
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager, redirect_stderr, redirect_stdout
from importlib.machinery import FileFinder
from pathlib import Path

from pipeline.errors import GovmediaError
from pipeline.secrets_env import without_credentials
from pipeline.site import theme

# mkdocs-material's plugins the hooks patch: imported means an mkdocs build ran here
PATCHED = ("material.plugins.blog.plugin", "material.plugins.search.plugin")
PATH_VARIABLES = ("PYTHONPATH", "PYTHONHOME")


class _Fork:
    """Set in a child of the resident builder (``resident_server.py``) right after the fork:
    mkdocs' modules are imported there and jieba's prefix dictionary is loaded, but no
    build ran in that process or its parent (``resident_code.pristine``). Cleared by the
    run, so a process still runs mkdocs at most once."""

    pid: int | None = None


FORK = _Fork()


def fresh_fork() -> None:
    """Mark this process as a fresh child of the resident builder."""
    FORK.pid = os.getpid()


def forked() -> bool:
    return FORK.pid is not None and FORK.pid == os.getpid()


def _inside(entry: str, folder: Path) -> bool:
    try:
        path = Path(entry).resolve()
        return path == folder or folder in path.parents
    except (OSError, RuntimeError):
        return True


def _hooked(entry: str) -> bool:
    """A relative entry that a path hook of the installation answers (setuptools' editable
    install), not a folder read from the working directory."""
    importer = sys.path_importer_cache.get(entry)
    return importer is not None and not isinstance(importer, (FileFinder, zipimport.zipimporter))


def _theme_modules() -> set[str]:
    return {p.stem for p in theme.THEME_DIR.glob("*.py") if p.stem != "__init__"}


def _import_path_refusal(
    root: Path, environ: Mapping[str, str], path: Sequence[str], cwd: Path
) -> str | None:
    flags = sys.flags
    installed = [Path(p).resolve() for p in {sys.prefix, sys.base_prefix, sys.exec_prefix}]
    if not flags.ignore_environment and any(environ.get(v) for v in PATH_VARIABLES):
        return "PYTHONPATH or PYTHONHOME is set"
    if not flags.safe_path and path and not any(_inside(path[0], p) for p in installed):
        return "the script's folder or the working directory is on the import path"
    user = site.getusersitepackages() if site.ENABLE_USER_SITE else None
    for entry in path:
        if entry == "" or (user is not None and entry == user):
            return f"import path entry {entry!r}"
        if not os.path.isabs(entry) and not _hooked(entry):
            return f"relative import path entry {entry!r}"
        if os.path.isabs(entry) and (_inside(entry, root) or _inside(entry, cwd)):
            return f"import path entry {entry!r} inside the repository or working directory"
    return None


def refusal(
    root: Path,
    environ: Mapping[str, str],
    path: Sequence[str],
    modules: Mapping[str, object],
    cwd: Path,
) -> str | None:
    """Why mkdocs may not run in this process (None: it may), from its environment,
    import path (``sys.path``), imported modules and working directory."""
    if dict(without_credentials(environ)) != dict(environ):
        return "the environment holds a credential"
    refused = _import_path_refusal(root.resolve(), environ, path, cwd.resolve())
    if refused is not None:
        return refused
    fresh = forked()  # mkdocs' modules and jieba's prefix dictionary loaded, nothing else
    if any(name in modules for name in (*_theme_modules(), *(() if fresh else PATCHED))):
        return "an mkdocs build already ran in this process"
    jieba = modules.get("jieba")
    dictionary = getattr(jieba, "dt", None)
    used = dictionary is not None and (not fresh and dictionary.initialized)
    if used or (dictionary is not None and dictionary.user_word_tag_tab):
        return "jieba's shared dictionary is already in use"
    return None


def import_path_refusal(root: Path) -> str | None:
    """Why this process's import path is not the one ``-s -P`` gives (None: it is)."""
    return _import_path_refusal(root.resolve(), os.environ, sys.path, Path.cwd().resolve())


def why_not(root: Path) -> str | None:
    """``refusal`` for this process as it is."""
    return refusal(root, os.environ, sys.path, sys.modules, Path.cwd())


@contextmanager
def _as_mkdocs_process(env: Mapping[str, str]) -> Iterator[io.StringIO]:
    """This process's environment, working directory and mkdocs' logger as the mkdocs
    process has them (its command line's level, no propagation), restored after; jieba
    opens its files without ``pkg_resources`` as ``build.MKDOCS_MAIN`` makes it. What the
    run writes to standard output or error (jieba's own log, made when it is imported) is
    caught with the log, as the process's output is."""
    saved, cwd = dict(os.environ), os.getcwd()
    logger = logging.getLogger("mkdocs")
    level, propagate = logger.level, logger.propagate
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logging.Formatter("%(levelname)-8s-  %(message)s"))
    blocked = "pkg_resources" not in sys.modules
    os.environ.clear()
    os.environ.update(env)
    try:
        os.chdir(theme.THEME_DIR)
        logger.setLevel(logging.INFO)
        logger.propagate = False
        logger.addHandler(handler)
        if blocked:
            sys.modules["pkg_resources"] = None  # type: ignore[assignment]
        with redirect_stdout(stream), redirect_stderr(stream):
            yield stream
    finally:
        if blocked and sys.modules.get("pkg_resources", False) is None:
            del sys.modules["pkg_resources"]
        logger.removeHandler(handler)
        logger.setLevel(level)
        logger.propagate = propagate
        os.chdir(cwd)
        os.environ.clear()
        os.environ.update(saved)


def run(site_dir: Path, env: Mapping[str, str]) -> str:
    """``mkdocs build --strict -f <theme>/mkdocs.yml -d site_dir`` in this process with
    ``env`` (``build.mkdocs_env``) as its environment; its log. Call only when
    ``why_not`` is None."""
    FORK.pid = None  # once per process, also in a child of the resident builder
    with _as_mkdocs_process(env) as log:
        try:  # mkdocs imported here, as in its process: with its environment and folder
            from mkdocs.commands.build import build
            from mkdocs.config import load_config

            config = load_config(config_file=str(theme.CONFIG), site_dir=str(site_dir), strict=True)
            config.plugins.on_startup(command="build", dirty=False)
            try:
                build(config, dirty=False)
            finally:
                config.plugins.on_shutdown()
        except Exception as error:  # mkdocs' Abort, a plugin's error, any failure of the run
            tail = "\n".join(log.getvalue().strip().splitlines()[-15:])
            raise GovmediaError(
                f"站点构建失败（mkdocs build --strict：{error}）：\n{tail}"
            ) from error
        return log.getvalue()
