"""The server hook's messages: a rerun command that works when copied, honest endings."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from pipeline.publishing import hook
from tests.publish_support import git, small_repo


def _clean_env() -> dict[str, str]:
    return {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("GOVMEDIA_", "GIT_")) and k not in ("PYTHONPATH",)
    }


def test_printed_rerun_command_works_and_says_nothing_was_published(tmp_path: Path) -> None:
    repo = small_repo(tmp_path / "unit")
    bare = tmp_path / "remote.git"
    git(tmp_path, "init", "-q", "--bare", "-b", "main", str(bare))
    git(repo, "remote", "add", "origin", str(bare))
    git(repo, "push", "-q", "origin", "main")
    command = hook.rerun_command(bare)
    assert command.startswith("GIT_DIR=") and sys.executable in command
    run = subprocess.run(
        ["bash", "-c", command],
        cwd=tmp_path,
        env=_clean_env(),
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    assert "本次不发布" in run.stderr
    assert "发布与归档完成" not in run.stderr
    assert "未发布到任何平台" in run.stderr and "Traceback" not in run.stderr
    assert (bare / hook.WORK / ".git").is_dir()


def test_rerun_outside_a_bare_repository_refuses_without_a_nested_clone(tmp_path: Path) -> None:
    repo = small_repo(tmp_path / "unit")
    run = subprocess.run(
        [sys.executable, "-I", "-m", "pipeline.publishing.hook", "--rerun"],
        cwd=repo,
        env=_clean_env(),
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 2 and "不是裸仓库" in run.stderr, run.stderr
    assert "GIT_DIR" in run.stderr and "Traceback" not in run.stderr
    assert not (repo / hook.WORK).exists()
