"""The site's output folder: govmedia replaces only a folder it made itself.

``govmedia build --out DIR`` swaps a freshly built site in for ``DIR`` and deletes the old
one. A marker file written into every site it builds proves that the folder is govmedia's;
a folder without it (a user's documents, ``/``, the home folder, the repository) is refused
unless it is empty, and so is a file. Staging folders carry a marker of their own, so the
leftovers of a killed build are recognised and removed by the next one.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from pipeline.errors import UsageError
from pipeline.local_ignore import refuse_linked

SITE_MARKER = ".govmedia-site"
STAGING_MARKER = ".govmedia-staging"
MARKER_TEXT = "govmedia 生成的站点目录：govmedia build 会整体替换此目录。\n"


def staging_prefix(out: Path) -> str:
    return f".{out.name}-new-"


def check_out(out: Path, project_root: Path) -> None:
    """Refuse an output path that govmedia did not create (UsageError, exit 2)."""
    resolved = out.resolve()
    root = project_root.resolve()
    if resolved == Path(resolved.anchor) or resolved == Path.home().resolve():
        raise UsageError(f"--out {out}：不能把站点输出到根目录或用户主目录。")
    if resolved == root or resolved in root.parents:
        raise UsageError(f"--out {out}：输出目录不能是内容仓库本身或它的上级目录。")
    if out.is_symlink():
        raise UsageError(f"--out {out}：是符号链接，请指定一个普通目录。")
    # a branch may track a link above it: the site would be written where it points
    refuse_linked(project_root, out.parent, f"--out {out}", "请指定不经过链接的目录。")
    if out.exists() and not out.is_dir():
        raise UsageError(f"--out {out}：已存在同名文件，不是目录；govmedia 不会覆盖它。")
    if out.is_dir() and not is_site(out) and any(out.iterdir()):
        raise UsageError(
            f"--out {out}：该目录不是空的，也不是 govmedia 生成的站点（缺少 {SITE_MARKER}），"
            "govmedia 不会删除其中的文件。请指定一个新目录或空目录。"
        )


def is_site(folder: Path) -> bool:
    """A site govmedia built: its marker, or (built before the marker existed) the
    never-commit ``.gitignore`` govmedia wrote beside a mkdocs search index."""
    if (folder / SITE_MARKER).is_file():
        return True
    ignore = folder / ".gitignore"
    try:
        legacy = ignore.is_file() and ignore.read_text(encoding="utf-8") == "*\n"
    except (OSError, UnicodeDecodeError):
        return False
    return legacy and (folder / "search" / "search_index.json").is_file()


def mark_staging(staging: Path) -> None:
    (staging / STAGING_MARKER).write_text(MARKER_TEXT, encoding="utf-8")


def mark_site(staging: Path) -> None:
    """Turn a finished staging folder into a site folder (the marker the next build checks)."""
    (staging / SITE_MARKER).write_text(MARKER_TEXT, encoding="utf-8")
    (staging / STAGING_MARKER).unlink(missing_ok=True)


def clean_stale(out: Path) -> list[Path]:
    """Remove the staging folders of killed builds beside ``out`` (only ours: marked)."""
    removed = []
    if not out.parent.is_dir():
        return removed
    candidates = [*out.parent.glob(staging_prefix(out) + "*"), out.with_name(f".{out.name}.old")]
    for path in candidates:
        if path.is_symlink() or not path.is_dir():
            continue
        if not any(path.iterdir()):  # killed between creating and marking it
            path.rmdir()
            removed.append(path)
        elif (path / STAGING_MARKER).is_file() or (path / SITE_MARKER).is_file():
            shutil.rmtree(path, ignore_errors=True)
            removed.append(path)
    return removed
