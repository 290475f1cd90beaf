"""Posts read from a project's working tree, never through a symlink leaving the repository."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable
from pathlib import Path

from pipeline.content.collector import Collector
from pipeline.content.limits import too_large
from pipeline.content.model import LoadResult
from pipeline.content.parse import parse_post
from pipeline.lookups import AuthorLookup, ChannelLookup
from pipeline.project import Project


class PostReader:
    """Reads many posts of one project in one run: the project root is resolved once, and
    the real path of each folder once (a post that is a regular file, not a link, has its
    folder's real path and its own name: what ``Path.resolve`` gives, without a system call
    per folder of the path for every post). Links and anything else are resolved in full."""

    def __init__(
        self,
        project: Project,
        *,
        registry: ChannelLookup | None = None,
        roster: AuthorLookup | None = None,
        real_root: Path | None = None,
    ) -> None:
        self.project = project
        self.registry = registry
        self.roster = roster
        self.real_root = real_root or project.root.resolve()
        self._folders: dict[str, Path] = {}
        self._prefix = f"{project.root.absolute()}/"

    def read(self, path: Path) -> LoadResult:
        """Read and validate the post at ``path`` (absolute, or relative to the root)."""
        found = self.raw(path)
        if isinstance(found, LoadResult):
            return found
        return self.parse(*found)

    def raw(self, path: Path) -> tuple[str, bytes] | LoadResult:
        """(repository-relative path, bytes) of the post at ``path`` as :meth:`read` parses
        them, or the result that says why it cannot be read."""
        if not path.is_absolute():
            path = self.project.root / path
        text = str(path)
        # Project.rel, by string: both paths are absolute and normalised by pathlib
        rel = text[len(self._prefix) :] if text.startswith(self._prefix) else self.project.rel(path)
        out = Collector(rel)
        known = self._real_path(path)
        found = _read_inside(self.real_root, path, out, known)
        if found is None:
            return LoadResult(rel, None, out.findings)
        real, raw = found
        return (self.project.rel(real) if known is None and path.is_symlink() else rel), raw

    def regular(self, path: Path) -> tuple[str, os.stat_result] | None:
        """(repository-relative path, ``lstat``) of the regular file at ``path`` (absolute),
        not a link, whose real path is inside the repository (its folder's real path,
        resolved once a folder, as :meth:`raw` finds it); None for anything else, which
        :meth:`raw` then reads or refuses."""
        text = str(path)
        if not text.startswith(self._prefix):
            return None
        try:
            info = os.lstat(path)
        except OSError:
            return None
        known = self._real_path(path, info) if stat.S_ISREG(info.st_mode) else None
        if known is None or not _inside(known[0], self.real_root):
            return None
        return text[len(self._prefix) :], info

    def parse(self, rel: str, raw: bytes) -> LoadResult:
        """Validate the bytes :meth:`raw` read."""
        return parse_post(
            rel, raw, registry=self.registry, roster=self.roster, project=self.project
        )

    def _real_path(self, path: Path, info: os.stat_result | None = None) -> tuple[Path, int] | None:
        """The real path and size of a regular file (its folder's real path, resolved once,
        and its name), or None for anything else (a link, a folder, nothing): then
        ``Path.resolve`` decides. ``info``: the file's ``lstat``, when the caller has it."""
        try:
            info = info or os.lstat(path)
        except OSError:
            return None
        if not stat.S_ISREG(info.st_mode):
            return None
        parent, _, name = str(path).rpartition("/")
        folder = self._folders.get(parent)
        if folder is None:
            try:
                folder = self._folders[parent] = path.parent.resolve()
            except OSError:
                return None
        return folder / name, info.st_size


def read_post(
    project: Project,
    path: Path,
    *,
    registry: ChannelLookup | None = None,
    roster: AuthorLookup | None = None,
    real_root: Path | None = None,
) -> LoadResult:
    """Read and validate the post at ``path`` (absolute, or relative to the project root).

    ``real_root``: ``project.root.resolve()``, worked out once by a caller that reads many
    posts (else for each); such a caller better keeps one :class:`PostReader`."""
    reader = PostReader(project, registry=registry, roster=roster, real_root=real_root)
    return reader.read(path)


def _read_inside(
    root: Path, path: Path, out: Collector, known: tuple[Path, int] | None = None
) -> tuple[Path, bytes] | None:
    """(real path, bytes) of the regular file at ``path`` inside the repository (its real
    path ``root``), or None. ``known``: the real path and size of a regular file (not a
    link) that the caller found with ``lstat``."""
    try:
        real = known[0] if known else path.resolve()
    except OSError as exc:
        out.error(1, "file-unreadable", f"无法读取文件：{exc.strerror}。", unreadable=True)
        return None
    if not _inside(real, root):  # the root itself or below it
        kind = "符号链接指向" if path.is_symlink() else "路径位于"
        out.error(1, "path-outside", f"{kind}仓库之外，出于安全考虑不予读取。", unreadable=True)
        return None
    if known is None and not real.is_file():
        out.error(1, "file-unreadable", "文件不存在或不是普通文件。", unreadable=True)
        return None
    try:
        if too_large(known[1] if known else real.stat().st_size, out):
            return None
        return real, real.read_bytes()
    except OSError as exc:
        out.error(1, "file-unreadable", f"无法读取文件：{exc.strerror}。", unreadable=True)
        return None


def _inside(real: Path, root: Path) -> bool:
    """``real.is_relative_to(root)`` for two resolved paths (absolute, normalised), by
    string: pathlib's comparison of their parts was most of what this check cost a post."""
    folder, path = str(root), str(real)
    return path == folder or path.startswith(folder if folder.endswith("/") else f"{folder}/")


def iter_post_files(project: Project) -> list[Path]:
    """Every ``*.md`` under ``content/posts`` (symlinks included, so they get checked), in
    the order of their paths: what ``sorted(p for p in posts.rglob("*.md") if p.is_file()
    or p.is_symlink())`` gives (no folder reached through a link, a folder it may not read
    left out), one ``scandir`` a folder and no status of a file but a link's."""
    top = project.posts_dir
    if not top.is_dir():
        return []
    found: list[tuple[tuple[str, ...], str]] = []
    stack: list[tuple[str, ...]] = [()]
    while stack:
        here = stack.pop()
        try:
            with os.scandir(os.path.join(top, *here)) as listing:
                entries = list(listing)
        except PermissionError:
            continue
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                stack.append((*here, entry.name))
            elif entry.name.endswith(".md") and (entry.is_symlink() or entry.is_file()):
                found.append(((*here, entry.name), entry.path))
    found.sort()
    return [Path(path) for _, path in found]


def load_posts(
    project: Project,
    paths: Iterable[Path] | None = None,
    *,
    registry: ChannelLookup | None = None,
    roster: AuthorLookup | None = None,
) -> list[LoadResult]:
    files = list(paths) if paths is not None else iter_post_files(project)
    reader = PostReader(project, registry=registry, roster=roster)
    return [reader.read(p) for p in files]
