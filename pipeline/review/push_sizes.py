"""The pre-receive hook refuses, unread, a file too large for any reader of it.

The hook reads the blobs a push brings: every post and reply (front matter, the files it
pulls in), every YAML file under ``content/`` (the YAML gate, the roster of each step). A
blob of spaces compresses a thousand to one, so a push of a few hundred kilobytes made the
hook hold hundreds of megabytes before it refused the files as unapproved. Before anything
reads a blob, the sizes of every blob the push's first-parent commits add or change are
asked of git (``cat-file --batch-check``, which reads no content), and a file over the size
every reader refuses is refused by its size alone: a post, reply or repost over
``content.MAX_BYTES`` (the post loader's limit; a reply or a repost is shorter than any
platform takes), a YAML file over the bytes ``yamlutil.MAX_CHARS`` characters can take in UTF-8,
an image under ``content/`` over ``assetpath.IMAGE_MAX_BYTES`` (the largest any platform
takes; the hook never reads one, but the preview, the build and the publisher do).
What no reader would accept is refused earlier; nothing honest changes. The commits
themselves are read whole too (the history, each one's trailers and signature), so every
commit the push brings, on any parent, is refused unread over ``COMMIT_MAX_BYTES``: a
megabyte, some thousand times an approval with its signature.

``govmedia approve`` and ``govmedia status`` read a branch someone pushed (its commits, the
posts at its tip, the files they pull in) the same way, so they ask the same sizes first
(:func:`branch_oversized`, the sum too, by ``GOVMEDIA_PUSH_MAX_READ_MB`` of the environment)
and stop, naming the file or commit, before reading any of it.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from pipeline import git, git_sizes
from pipeline.assetpath import IMAGE_MAX_BYTES, is_image_path
from pipeline.content import MAX_BYTES
from pipeline.content_limits import shown
from pipeline.interaction.reposts import is_repost_path
from pipeline.project import CONTENT_DIR
from pipeline.review.push_limits import ServerSettings, read_problems
from pipeline.review.verify import kind_of
from pipeline.yamlutil import MAX_CHARS

YAML_MAX_BYTES = 4 * MAX_CHARS + 3  # four bytes a character at most, and a BOM
YAML_SUFFIXES = (".yml", ".yaml")
COMMIT_MAX_BYTES = 1024 * 1024


def limit_of(path: str) -> int | None:
    """The most bytes a reader of ``path`` accepts, or None when no limit applies."""
    if kind_of(path) in ("post", "reply") or is_repost_path(path):
        return MAX_BYTES
    if path.startswith(CONTENT_DIR + "/") and path.endswith(YAML_SUFFIXES):
        return YAML_MAX_BYTES
    if is_image_path(path):
        return IMAGE_MAX_BYTES
    return None


SERVER = "服务器未读取即拒绝"
DESK = "govmedia 未读取即停止：请让作者修正这个分支"


def oversized(repo: Path, steps: Sequence[git.Step], *, refusal: str = SERVER) -> list[str]:
    """Chinese reasons, one per file of the push over its readers' limit (empty: none)."""
    limited = {
        (change.path, change.new_blob): limit
        for step in steps
        for change in step.changes
        if change.status != "D" and (limit := limit_of(change.path)) is not None
    }
    sizes = git_sizes.blob_sizes([blob for _, blob in limited], cwd=repo)
    reasons = []
    for (path, blob), limit in limited.items():
        size = sizes.get(blob, 0)
        if size > limit:
            reasons.append(
                f"{shown(path)}（blob {blob[:10]}）文件过大（{size} 字节，上限 {limit} 字节）："
                f"govmedia 的任何命令都不会读取这样的文件，{refusal}。"
            )
    return reasons


def read_total(repo: Path, rev_range: list[str], steps: Sequence[git.Step]) -> int:
    """The bytes the hook reads of ``rev_range``, from the objects' headers alone: every
    commit (any parent) and every blob of its first-parent ``steps`` that a reader of the
    hook reads (posts, replies, reposts, YAML; the hook never reads an image), each object
    once."""
    blobs = {
        change.new_blob
        for step in steps
        for change in step.changes
        if change.status != "D"
        and limit_of(change.path) is not None
        and not is_image_path(change.path)
    }
    commits = _commit_sizes(rev_range, repo)
    return sum(commits.values()) + sum(git_sizes.blob_sizes(sorted(blobs), cwd=repo).values())


def oversized_commits(repo: Path, old: str, new: str, *, refusal: str = SERVER) -> list[str]:
    """Chinese reasons, one per commit of ``old..new`` (every parent) over the limit."""
    return _commits_over([f"{old}..{new}"], repo, refusal)


def _commit_sizes(rev_range: list[str], repo: Path) -> dict[str, int]:
    _, out, _ = git.run(["rev-list", *rev_range], cwd=repo)
    commits = out.decode("ascii", "replace").split()
    return git_sizes.object_sizes(commits, "commit", cwd=repo)


def _commits_over(rev_range: list[str], repo: Path, refusal: str) -> list[str]:
    sizes = _commit_sizes(rev_range, repo)
    return [
        f"提交 {oid[:10]} 过大（{size} 字节，上限 {COMMIT_MAX_BYTES} 字节）：审核提交的说明与签名"
        f"远小于此，{refusal}。"
        for oid, size in sizes.items()
        if size > COMMIT_MAX_BYTES
    ]


def branch_oversized(repo: Path, base: str | None, head: str = "HEAD") -> list[str]:
    """What :func:`oversized_commits` and :func:`oversized` refuse, for the change from
    ``base`` (None: the whole history) to ``head`` that a reviewer's command reads."""
    rev_range = [f"{base}..{head}"] if base else [head]
    reasons = _commits_over(rev_range, repo, DESK)
    if reasons:
        return reasons
    steps = git.first_parent_steps(rev_range, cwd=repo)
    settings = ServerSettings(dict(os.environ), {})
    return oversized(repo, steps, refusal=DESK) or read_problems(
        read_total(repo, rev_range, steps), settings, desk=True
    )
