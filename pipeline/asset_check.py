"""``govmedia check`` findings on the files posts pull in (rule ``A15-ASSET``)."""

from __future__ import annotations

from pathlib import Path

from pipeline.assetpath import ASSET_ARTICLE, ASSET_RULE, IMAGE_MAX_BYTES
from pipeline.assets import worktree_problem
from pipeline.content import Post
from pipeline.findings import Finding
from pipeline.image_meta import ImageUnreadable, stripped
from pipeline.references import Reference, loaded_references, referenced_files


def _finding(post_path: str, ref: Reference, message: str) -> Finding:
    return Finding(
        post_path, ref.line, 1, ASSET_RULE, ASSET_ARTICLE, "error", message, ref.src[:200]
    )


def asset_findings(root: Path | None, post_path: str, text: str) -> list[Finding]:
    """An error for every reference of the post that is refused, and (with the working
    tree at ``root``) for every referenced file that is missing or reached by a symlink."""
    return reference_findings(root, post_path, referenced_files(post_path, text))


def post_asset_findings(root: Path | None, post: Post) -> list[Finding]:
    """:func:`asset_findings` of a post loaded by ``content.parse_post``, without parsing
    its front matter again (:func:`pipeline.references.loaded_references`)."""
    return reference_findings(root, post.path, loaded_references(post))


def reference_findings(root: Path | None, post_path: str, refs: list[Reference]) -> list[Finding]:
    """The findings of ``refs``, a post's references (the check keeps them too)."""
    findings = []
    for ref in refs:
        if not ref.ok:
            findings.append(_finding(post_path, ref, f"{ref.label}不予使用：{ref.reason}"))
            continue
        problem = worktree_problem(root, ref.path) if root is not None else ""
        if not problem and root is not None:
            problem = _unreadable(root / ref.path)
        if problem:
            findings.append(_finding(post_path, ref, f"{ref.label}不可用：{problem}"))
    return findings


def _unreadable(path: Path) -> str:
    """Why the image at ``path`` would not be published (its structure cannot be read:
    another format than its name says, truncated), or "": the publisher and the archive
    refuse it (``assets.published_image``, red team round 37), so the editor hears it here."""
    try:
        data = path.read_bytes()
    except OSError:
        return ""
    if len(data) > IMAGE_MAX_BYTES:
        return ""  # PF-IMAGE and the readers' own bound say so
    try:
        stripped(data)
    except ImageUnreadable as exc:
        return f"{exc}，发布和归档时不会使用它；请换用正常的图片文件。"
    return ""
