"""Keeping generated files (reports, previews) out of ``git status`` in the editor's clone.

A unit's repository cannot carry a ``.gitignore`` (the server refuses every path outside
``content/`` and ``ledger/``), so the commands that write inside a clone list their output
folder in that clone's own ``info/exclude``: local to the machine, never pushed.

Such a folder is in the working tree, where a branch checked out may have put links (a
pull request on a hosted forge: the unit's server refuses links, a forge does not; git
replaces ignored files with a branch's files without a word). So a command writes into it
only when no folder from the work tree's top down to it is a link (:func:`linked_folder`),
and writes each file through a new file renamed over its path (``atomic_file``), so a
link at a file's path is replaced, never followed (red team 30).
"""

from __future__ import annotations

from pathlib import Path

from pipeline import git
from pipeline.errors import UsageError


def linked_folder(root: Path, directory: Path) -> str | None:
    """The first folder below the work tree ``root`` down to ``directory`` that is a link
    (its path from ``root``), or None; a folder outside ``root`` is the user's to choose."""
    directory = directory.absolute()
    for top in dict.fromkeys((root.absolute(), root.resolve())):
        if directory.is_relative_to(top):
            here = top
            for part in directory.relative_to(top).parts:
                here = here / part
                if here.is_symlink():
                    return here.relative_to(top).as_posix()
            return None
    return None


def refuse_linked(root: Path | None, directory: Path, label: str, hint: str) -> None:
    """UsageError when a folder of the work tree ``root`` down to ``directory`` is a link
    (:func:`linked_folder`), the message beginning with ``label`` and ending with ``hint``;
    nothing when ``root`` is None (outside any work tree)."""
    linked = linked_folder(root, directory) if root is not None else None
    if linked is not None:
        raise UsageError(
            f"{label}：其中的 {linked} 是符号链接（可能是所检出的分支提交的），"
            f"govmedia 不会透过它写入。{hint}"
        )


def ignore_output(directory: Path) -> bool:
    """List ``directory`` in the ``info/exclude`` of the git work tree holding it; True when
    it is ignored afterwards (False when it lies outside any work tree)."""
    directory = directory.absolute()
    existing = next((p for p in (directory, *directory.parents) if p.is_dir()), None)
    if existing is None:
        return False
    root = git.toplevel(existing)
    if root is None:
        return False
    try:
        rel = directory.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return False
    if rel in ("", "."):
        return False
    pattern = f"/{rel}/"
    found = git.out(["rev-parse", "--git-path", "info/exclude"], cwd=root).strip()
    exclude = Path(found) if Path(found).is_absolute() else root / found
    lines = exclude.read_text(encoding="utf-8").splitlines() if exclude.is_file() else []
    if pattern not in lines:
        exclude.parent.mkdir(parents=True, exist_ok=True)
        with exclude.open("a", encoding="utf-8") as fh:
            if lines and lines[-1].strip():
                fh.write("\n")
            fh.write(f"# govmedia 生成的文件（不提交）\n{pattern}\n")
    return True
