"""The post as the rest of the pipeline sees it: :class:`Post` and what one load yields."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from typing import Any

from pipeline.findings import Finding


@dataclass(frozen=True)
class Source:
    """The source of a post that is not original."""

    name: str
    url: str
    title: str


@dataclass(frozen=True)
class Waiver:
    """A post's waiver of one rule, with its reason."""

    rule: str
    reason: str
    line: int


@dataclass
class Post:
    """A post as loaded from its Markdown file: front matter and body."""

    path: str  # repository-relative POSIX path
    slug: str
    title: str
    date: dt.date
    author: str
    author_name: str
    author_email: str
    channels: list[str]
    body: str
    body_line: int  # 1-based line of the first body line in the file
    raw: bytes
    category: str = ""
    tags: list[str] = field(default_factory=list)
    original: bool = True
    source: Source | None = None
    digest: str = ""
    cover: str = ""
    waivers: list[Waiver] = field(default_factory=list)
    lines: dict[str, int] = field(default_factory=dict)  # front-matter field -> line
    meta: dict[str, Any] = field(default_factory=dict)

    @property
    def blob(self) -> str:
        """The git blob id of the file exactly as read (what approvals name)."""
        header = f"blob {len(self.raw)}\0".encode()
        return hashlib.sha1(header + self.raw).hexdigest()

    @property
    def text(self) -> str:
        return self.body

    def line_of(self, key: str) -> int:
        return self.lines.get(key, 1)

    def body_position(self, offset: int) -> tuple[int, int]:
        """(line, column) in the file of character ``offset`` within ``body``."""
        before = self.body[:offset]
        line = self.body_line + before.count("\n")
        column = offset - (before.rfind("\n") + 1) + 1
        return line, column


@dataclass
class LoadResult:
    """A file's loaded post (or none) and the findings of loading it."""

    path: str
    post: Post | None
    findings: list[Finding]
