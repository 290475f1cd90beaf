"""Posts read from a project's working tree, never through a symlink leaving the repository."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from pipeline.content.collector import Collector
from pipeline.content.limits import too_large
from pipeline.content.model import LoadResult
from pipeline.content.parse import parse_post
from pipeline.lookups import AuthorLookup, ChannelLookup
from pipeline.project import Project


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
    posts (else for each)."""
    if not path.is_absolute():
        path = project.root / path
    rel = project.rel(path)
    out = Collector(rel)
    found = _read_inside(real_root or project.root.resolve(), path, out)
    if found is None:
        return LoadResult(rel, None, out.findings)
    real, raw = found
    rel = project.rel(real) if path.is_symlink() else rel
    return parse_post(rel, raw, registry=registry, roster=roster, project=project)


def _read_inside(root: Path, path: Path, out: Collector) -> tuple[Path, bytes] | None:
    """(real path, bytes) of the regular file at ``path`` inside the repository (its real
    path ``root``), or None."""
    try:
        real = path.resolve()
    except OSError as exc:
        out.error(1, "file-unreadable", f"无法读取文件：{exc.strerror}。", unreadable=True)
        return None
    if not real.is_relative_to(root):  # the root itself or below it
        kind = "符号链接指向" if path.is_symlink() else "路径位于"
        out.error(1, "path-outside", f"{kind}仓库之外，出于安全考虑不予读取。", unreadable=True)
        return None
    if not real.is_file():
        out.error(1, "file-unreadable", "文件不存在或不是普通文件。", unreadable=True)
        return None
    try:
        if too_large(real.stat().st_size, out):
            return None
        return real, real.read_bytes()
    except OSError as exc:
        out.error(1, "file-unreadable", f"无法读取文件：{exc.strerror}。", unreadable=True)
        return None


def iter_post_files(project: Project) -> list[Path]:
    """Every ``*.md`` under ``content/posts`` (symlinks included, so they get checked)."""
    if not project.posts_dir.is_dir():
        return []
    return sorted(p for p in project.posts_dir.rglob("*.md") if p.is_file() or p.is_symlink())


def load_posts(
    project: Project,
    paths: Iterable[Path] | None = None,
    *,
    registry: ChannelLookup | None = None,
    roster: AuthorLookup | None = None,
) -> list[LoadResult]:
    files = list(paths) if paths is not None else iter_post_files(project)
    root = project.root.resolve()
    return [read_post(project, p, registry=registry, roster=roster, real_root=root) for p in files]
