"""The editor's pre-commit hook: ``govmedia check`` on the staged posts before each commit.

Written into the clone's own hooks folder (``git rev-parse --git-path hooks``); it runs the
installed govmedia with this interpreter in isolated mode, so nothing in the repository
can change what runs. Teams using the pre-commit framework can use
``.pre-commit-hooks.yaml`` (id ``govmedia-check``) instead.
"""

from __future__ import annotations

import shlex
import sys
from pathlib import Path

from pipeline import git
from pipeline.errors import GovmediaError

MARKER = "# govmedia pre-commit"
SCRIPT = """#!/bin/sh
{marker}: 提交前检查暂存的文章（govmedia install-pre-commit 安装）
files=$(git diff --cached --name-only --diff-filter=ACMR -- 'content/posts/*.md')
[ -z "$files" ] && exit 0
echo "govmedia：提交前检查 $(echo "$files" | wc -l) 篇文章……" >&2
exec {python} -I -m pipeline check $files
"""


def install_pre_commit(repo: Path) -> Path:
    """Install (or refresh) the hook in the clone holding ``repo``; returns its path."""
    root = git.toplevel(repo) if repo.is_dir() else None
    if root is None:
        raise GovmediaError(f"{repo} 不是 git 仓库：请在内容仓库的克隆中运行。")
    found = git.out(["rev-parse", "--git-path", "hooks"], cwd=root).strip()
    hooks = Path(found) if Path(found).is_absolute() else root / found
    hook = hooks / "pre-commit"
    if hook.exists() and MARKER not in hook.read_text(encoding="utf-8", errors="replace"):
        raise GovmediaError(
            f"{hook} 已存在且不是 govmedia 安装的：未覆盖。请合并两个钩子，"
            "或改用 pre-commit 框架（.pre-commit-hooks.yaml 中的 govmedia-check）。"
        )
    hooks.mkdir(parents=True, exist_ok=True)
    tmp = hook.with_name("pre-commit.tmp")
    tmp.write_text(
        SCRIPT.format(marker=MARKER, python=shlex.quote(sys.executable)), encoding="utf-8"
    )
    tmp.chmod(0o755)
    tmp.replace(hook)
    return hook
