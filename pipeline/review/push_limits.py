"""How much one push to main may bring: commits and changed files, counted before reading.

The pre-receive hook judges every first-parent commit of a push and every file it changes
(roster steps, ledger steps, the content check of each post), so its time and memory grow
with their number; the size gate (``push_sizes``) bounds each file, not how many there are.
Before anything else reads the push, git counts its commits (``rev-list --count``) and the
file changes of its first-parent commits (``log --raw``, read only up to what the limit can
take: the listing of a push with millions of files is never held), and a push over either
limit is refused with the numbers and the setting that raises it.

The limits are the server's configuration, never the repository's: the hook's environment
or the bare repository's ``govmedia.env`` (``KEY=value`` lines, the file the post-receive
hook reads its credentials from), ``GOVMEDIA_PUSH_MAX_COMMITS`` and
``GOVMEDIA_PUSH_MAX_FILES``; an honest push (a post, its approvals, a merge) is a few
commits and files, a batch a few hundred. The number of refs one push updates is bounded
the same way (``GOVMEDIA_PUSH_MAX_REFS``): each new branch is compared with every branch of
the server. The same settings give the content check of a
push (``content_gate``) its CPU time and memory: ``GOVMEDIA_PUSH_CHECK_SECONDS`` and
``GOVMEDIA_PUSH_CHECK_MEMORY_MB``.
"""

from __future__ import annotations

import os
from pathlib import Path

from pipeline import envvars, git
from pipeline.review.verify import TARGET_BRANCH

MAX_COMMITS_ENV = "GOVMEDIA_PUSH_MAX_COMMITS"
MAX_FILES_ENV = "GOVMEDIA_PUSH_MAX_FILES"
MAX_REFS_ENV = "GOVMEDIA_PUSH_MAX_REFS"
DEFAULT_MAX_REFS = 100
SECONDS_ENV = "GOVMEDIA_PUSH_CHECK_SECONDS"
MEMORY_ENV = "GOVMEDIA_PUSH_CHECK_MEMORY_MB"
DEFAULT_CHECK_SECONDS = 120
DEFAULT_CHECK_MEMORY_MB = 2048
DEFAULT_MAX_COMMITS = 1000
DEFAULT_MAX_FILES = 2000
ENV_FILE = "govmedia.env"
# One ``--raw -z`` record: two modes, two object ids (SHA-256 at most), a status, the path
# (PATH_MAX at most on the file systems reviewers use) and two NULs.
_RECORD_MAX = 2 * 7 + 2 * 65 + 4 + 4096 + 2


def server_settings(repo: Path) -> dict[str, str]:
    """The hook's environment with the bare repository's ``govmedia.env`` over it."""
    return {**os.environ, **envvars.env_file(repo / ENV_FILE)}


def limits(repo: Path) -> tuple[int, int]:
    """(most commits, most file changes) one push to main may bring."""
    settings = server_settings(repo)
    commits = envvars.integer(
        MAX_COMMITS_ENV, DEFAULT_MAX_COMMITS, minimum=1, maximum=10_000_000, env=settings
    )
    files = envvars.integer(
        MAX_FILES_ENV, DEFAULT_MAX_FILES, minimum=1, maximum=10_000_000, env=settings
    )
    return commits, files


def refs_problems(repo: Path, count: int) -> list[str]:
    """Chinese reasons to refuse a push that updates ``count`` refs at once: each new branch
    is compared with every branch of the server, so their number is bounded too."""
    settings = server_settings(repo)
    limit = envvars.integer(
        MAX_REFS_ENV, DEFAULT_MAX_REFS, minimum=1, maximum=1_000_000, env=settings
    )
    if count <= limit:
        return []
    return [
        f"一次推送更新的分支过多（{count} 个，上限 {limit} 个，服务器设置 {MAX_REFS_ENV}）："
        "服务器未读取即拒绝；请分几次推送。"
    ]


def check_budget(repo: Path) -> tuple[int, int]:
    """(CPU seconds, megabytes of memory) the content check of one push may take."""
    settings = server_settings(repo)
    seconds = envvars.integer(
        SECONDS_ENV, DEFAULT_CHECK_SECONDS, minimum=1, maximum=86_400, env=settings
    )
    memory = envvars.integer(
        MEMORY_ENV, DEFAULT_CHECK_MEMORY_MB, minimum=64, maximum=1_048_576, env=settings
    )
    return seconds, memory


def count_problems(repo: Path, old: str, new: str) -> list[str]:
    """Chinese reasons to refuse ``old..new`` for its number of commits or files."""
    max_commits, max_files = limits(repo)
    _, out, _ = git.run(["rev-list", "--count", f"{old}..{new}"], cwd=repo)
    commits = int(out.strip() or b"0")
    if commits > max_commits:
        return [
            f"本次推送到 {TARGET_BRANCH} 的提交过多（{commits} 个，上限 {max_commits} 个，"
            f"服务器设置 {MAX_COMMITS_ENV}）：服务器未读取即拒绝；请分几次推送。"
        ]
    listing, more = git.run_head(
        [
            "log",
            "--first-parent",
            "--diff-merges=first-parent",
            "--no-renames",
            "--no-abbrev",
            "--raw",
            "-z",
            "--format=",
            f"{old}..{new}",
        ],
        cwd=repo,
        limit=max_files * _RECORD_MAX,
    )
    files = sum(1 for token in listing.split(b"\0") if token.lstrip(b"\n").startswith(b":"))
    if more or files > max_files:
        counted = f"超过 {max_files} 个" if more else f"{files} 个"
        return [
            f"本次推送到 {TARGET_BRANCH} 修改的文件过多（各提交合计 {counted}，上限 {max_files} 个，"
            f"服务器设置 {MAX_FILES_ENV}）：服务器未读取即拒绝；请分几次推送。"
        ]
    return []
