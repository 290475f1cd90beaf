"""Where things live in a unit's content repository (DESIGN.md layout)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pipeline.errors import UsageError

CONTENT_DIR = "content"
POSTS_DIR = "content/posts"
ACCOUNTS_FILE = "content/accounts.yml"
ROSTER_FILE = "content/roster.yml"
LEDGER_DIR = "ledger"


@dataclass(frozen=True, repr=False)
class Project:
    """A content repository and the places of its files."""

    root: Path

    @property
    def posts_dir(self) -> Path:
        return self.root / POSTS_DIR

    @property
    def accounts_file(self) -> Path:
        return self.root / ACCOUNTS_FILE

    @property
    def roster_file(self) -> Path:
        return self.root / ROSTER_FILE

    @property
    def ledger_dir(self) -> Path:
        return self.root / LEDGER_DIR

    def rel(self, path: Path) -> str:
        """Repository-relative POSIX path of ``path`` (which need not exist)."""
        try:
            return path.absolute().relative_to(self.root.absolute()).as_posix()
        except ValueError:
            return path.as_posix()


def find_project(start: Path | None = None) -> Project:
    """The nearest folder at or above ``start`` that holds ``content/``."""
    here = (start or Path.cwd()).absolute()
    for candidate in (here, *here.parents):
        if (candidate / CONTENT_DIR).is_dir():
            return Project(candidate)
    raise UsageError(f"在 {here} 及其上级目录中找不到 content/ 目录：请在内容仓库中运行。")
