"""The unit's git server in a test: a bare repository with the server hooks and the
server's settings file, pushes to it and the hook's rerun."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from pipeline.review.hooks import install_hooks
from tests.publish_support import PROJECT_ROOT, git


def hook_server(repo: Path, env: dict[str, str], *, only_post_receive: bool = False) -> Path:
    """A bare repository beside ``repo`` (added as its ``origin``) with the hooks that
    ``govmedia install-hooks`` writes (this interpreter), or its post-receive hook only, and
    ``env`` in its ``govmedia.env``."""
    bare = repo.parent / "remote.git"
    git(repo.parent, "init", "-q", "--bare", "-b", "main", str(bare))
    if only_post_receive:
        hooks = repo.parent / "only-post-receive"
        hooks.mkdir()
        source = PROJECT_ROOT / "pipeline/review/server_hooks/post-receive"
        shutil.copy2(source, hooks / "post-receive")
        install_hooks(bare, hooks)
    else:
        install_hooks(bare)
    (bare / "govmedia.env").write_text(
        "".join(f"{k}={v}\n" for k, v in env.items()), encoding="utf-8"
    )
    git(repo, "remote", "add", "origin", str(bare))
    return bare


def push(repo: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """``git push ARGS`` (``origin main`` by default), refused or not."""
    return subprocess.run(
        ["git", "push", *(args or ("origin", "main"))],
        cwd=repo,
        capture_output=True,
        text=True,
        check=False,
    )


def rerun(bare: Path) -> subprocess.CompletedProcess[str]:
    """The hook's rerun command (``--rerun``) in the bare repository, as the operator types it."""
    return subprocess.run(
        [sys.executable, "-I", "-m", "pipeline.publishing.hook", "--rerun"],
        cwd=bare,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "GIT_DIR": str(bare)},
    )
