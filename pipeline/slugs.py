"""A post's slug (its file name) is its identity everywhere: ledger keys, the app's item id,
the archive URL. Two posts with one slug in different folders would share all of them
(retracting one would take both down), so a slug must be unique across the whole archive.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from pathlib import PurePosixPath

from pipeline.findings import Finding

SLUG_RULE = "A15-SLUG"


def slug_of(path: str) -> str:
    if path.endswith(".md"):
        # A post's path: the stem by string operations (a PurePosixPath per post was most
        # of what the slug check of a one-post check cost at 1,000 posts).
        name = path.rpartition("/")[2]
        return name[:-3] if len(name) > 3 else name
    return PurePosixPath(path).stem


def duplicate_slugs(paths: Iterable[str]) -> dict[str, list[str]]:
    """Slug -> the post paths (sorted) that share it, for every slug used more than once.

    Pure: pass the repository-relative paths of every post (``content/posts/**/*.md``)."""
    by_slug: dict[str, set[str]] = defaultdict(set)
    for path in paths:
        by_slug[slug_of(path)].add(path)
    return {slug: sorted(found) for slug, found in by_slug.items() if len(found) > 1}


def slug_findings(all_paths: Iterable[str], checked: Iterable[str]) -> list[Finding]:
    """An error on each ``checked`` post whose slug another post of ``all_paths`` uses."""
    wanted = set(checked)
    duplicates = duplicate_slugs([*all_paths, *wanted])
    findings = []
    for slug, paths in sorted(duplicates.items()):
        for path in paths:
            if path not in wanted:
                continue
            others = "、".join(p for p in paths if p != path)
            findings.append(
                Finding(
                    path,
                    1,
                    1,
                    SLUG_RULE,
                    "",
                    "error",
                    f"文件名（slug）「{slug}」与 {others} 重复：slug 决定文章的永久网址、"
                    "台账记录与客户端条目，必须在全部文章中唯一（撤稿一篇会连带另一篇）；"
                    "请改用不同的文件名。",
                    slug,
                )
            )
    return findings
