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
commits and files, a batch a few hundred. What the hook reads adds up too: each file is
within its readers' limit (``push_sizes``), so their sum, with the commits, is bounded by
``GOVMEDIA_PUSH_MAX_READ_MB`` (:func:`read_problems`). The number of refs one push updates is bounded
the same way (``GOVMEDIA_PUSH_MAX_REFS``): each new branch is compared with every branch of
the server. The same settings give the content check of a
push (``content_gate``) its CPU time and memory: ``GOVMEDIA_PUSH_CHECK_SECONDS`` and
``GOVMEDIA_PUSH_CHECK_MEMORY_MB``. The hook reads them once per push
(:class:`ServerSettings`) and hands them to every check that asks a limit; a value that is
not an integer within its bounds is refused naming ``govmedia.env``'s line and key (or the
environment variable).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from pipeline import envvars, git
from pipeline.errors import ConfigError
from pipeline.review.verify import TARGET_BRANCH

MAX_COMMITS_ENV = "GOVMEDIA_PUSH_MAX_COMMITS"
MAX_FILES_ENV = "GOVMEDIA_PUSH_MAX_FILES"
MAX_REFS_ENV = "GOVMEDIA_PUSH_MAX_REFS"
MAX_READ_ENV = "GOVMEDIA_PUSH_MAX_READ_MB"
DEFAULT_MAX_READ_MB = 64
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


class Limit(NamedTuple):
    """One integer setting of the server: its name, default and bounds."""

    name: str
    default: int
    minimum: int
    maximum: int


MAX_COMMITS = Limit(MAX_COMMITS_ENV, DEFAULT_MAX_COMMITS, 1, 10_000_000)
MAX_FILES = Limit(MAX_FILES_ENV, DEFAULT_MAX_FILES, 1, 10_000_000)
MAX_REFS = Limit(MAX_REFS_ENV, DEFAULT_MAX_REFS, 1, 1_000_000)
CHECK_SECONDS = Limit(SECONDS_ENV, DEFAULT_CHECK_SECONDS, 1, 86_400)
CHECK_MEMORY = Limit(MEMORY_ENV, DEFAULT_CHECK_MEMORY_MB, 64, 1_048_576)
MAX_READ = Limit(MAX_READ_ENV, DEFAULT_MAX_READ_MB, 1, 1_048_576)
MB = 1024 * 1024


@dataclass(frozen=True)
class ServerSettings:
    """The hook's environment with the bare repository's ``govmedia.env`` over it, read
    once per push (:meth:`read`); each value is checked when a limit is asked of it, so a
    wrong value refuses only what that limit judges, as before."""

    env: Mapping[str, str]
    lines: Mapping[str, tuple[str, int]]  # govmedia.env: key -> (value, line)

    @classmethod
    def read(cls, repo: Path) -> ServerSettings:
        return cls(dict(os.environ), envvars.env_file_lines(repo / ENV_FILE))

    def integers(self, *limits: Limit) -> tuple[int, ...]:
        """The value of each of ``limits``: the file's over the environment's, the default
        when neither sets it; a value that is not an integer within its bounds is refused
        (ConfigError naming the file, line and key, or the environment variable)."""
        return tuple(map(self._integer, limits))

    def _integer(self, limit: Limit) -> int:
        name, default, minimum, maximum = limit
        found = self.lines.get(name)
        if found is None:
            return envvars.integer(name, default, minimum=minimum, maximum=maximum, env=self.env)
        value, line = found
        try:
            return envvars.integer(
                name, default, minimum=minimum, maximum=maximum, env={name: value}
            )
        except ConfigError:
            raise ConfigError(
                f"服务器设置文件 {ENV_FILE} 第 {line} 行 {name} 应为 {minimum} 到 {maximum} "
                f"之间的整数，实际为「{value[:40]}」。"
            ) from None


def refs_problems(settings: ServerSettings, count: int) -> list[str]:
    """Chinese reasons to refuse a push that updates ``count`` refs at once: each new branch
    is compared with every branch of the server, so their number is bounded too."""
    (limit,) = settings.integers(MAX_REFS)
    if count <= limit:
        return []
    return [
        f"一次推送更新的分支过多（{count} 个，上限 {limit} 个，服务器设置 {MAX_REFS_ENV}）："
        "服务器未读取即拒绝；请分几次推送。"
    ]


def read_problems(total: int, settings: ServerSettings, *, desk: bool = False) -> list[str]:
    """Chinese reasons to refuse a push whose files and commits the hook would read add up
    to ``total`` bytes over ``GOVMEDIA_PUSH_MAX_READ_MB`` (``push_sizes.read_total``): each
    file is within its readers' limit, but 2,000 of them are gigabytes. ``desk``: the same
    for a reviewer's command on a branch (the limit from the environment)."""
    (limit,) = settings.integers(MAX_READ)
    if total <= limit * MB:
        return []
    what = "该分支" if desk else f"本次推送到 {TARGET_BRANCH} "
    then = (
        "govmedia 未读取即停止：请让作者把改动分成几个分支"
        if desk
        else "服务器未读取即拒绝；请分几次推送"
    )
    return [
        f"{what}的文章、回复、转发、YAML 文件与提交合计过大（{total / MB:.1f} MB，"
        f"上限 {limit} MB，{'设置' if desk else '服务器设置'} {MAX_READ_ENV}）：{then}。"
    ]


def count_problems(repo: Path, old: str, new: str, settings: ServerSettings) -> list[str]:
    """Chinese reasons to refuse ``old..new`` for its number of commits or files."""
    max_commits, max_files = settings.integers(MAX_COMMITS, MAX_FILES)
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
