"""The publish trigger: hooks/post-receive in a real bare repository, real pushes."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from pipeline.emulators import Emulator
from pipeline.publishing import hook
from pipeline.review.hooks import install_hooks
from tests.publish_support import (
    PROJECT_ROOT,
    env_for,
    git,
    published,
    publisher_env,
    running_emulator,
    small_repo,
)


@pytest.fixture
def emulator() -> Iterator[Emulator]:
    yield from running_emulator()


def install(bare: Path) -> None:
    """Only the post-receive hook, as ``govmedia install-hooks`` writes it (this interpreter)."""
    hooks = bare.parent / "only-post-receive"
    hooks.mkdir()
    shutil.copy2(PROJECT_ROOT / "pipeline/review/server_hooks/post-receive", hooks / "post-receive")
    install_hooks(bare, hooks)


def test_post_receive_runs_publish_in_a_work_clone(tmp_path: Path, emulator: Emulator) -> None:
    repo = small_repo(tmp_path / "unit")
    bare = tmp_path / "remote.git"
    git(tmp_path, "init", "-q", "--bare", "-b", "main", str(bare))
    install(bare)
    env = {**env_for(emulator), **publisher_env(repo)}
    (bare / "govmedia.env").write_text(
        "".join(f"{k}={v}\n" for k, v in env.items()), encoding="utf-8"
    )
    git(repo, "remote", "add", "origin", str(bare))
    git(repo, "push", "-q", "origin", "main:other")  # not main: nothing happens
    assert not (bare / hook.WORK).exists()
    push = subprocess.run(
        ["git", "push", "origin", "main"], cwd=repo, capture_output=True, text=True, check=False
    )
    assert push.returncode == 0  # post-receive cannot refuse a push
    assert "govmedia：main 已更新，开始发布" in push.stderr
    assert (bare / hook.WORK / ".git").is_dir()
    assert "本次运行" in push.stderr and "Traceback" not in push.stderr
    assert sum(len(v) for v in published(emulator).values()) == 8  # the 3 posts × their channels
    # the ledger commit went back to the bare repository; the nested push ran nothing
    assert git(bare, "log", "-1", "--format=%s", "main").startswith("Ledger: publish run")
    again = subprocess.run(
        [sys.executable, "-I", "-m", "pipeline.publishing.hook", "--rerun"],
        cwd=bare,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "GIT_DIR": str(bare)},
    )
    assert "发布 0 项" in again.stderr, again.stderr
    assert sum(len(v) for v in published(emulator).values()) == 8
    for secret in env.values():
        if "THROWAWAY" in secret and not secret.startswith("wx"):
            assert secret not in push.stderr


def test_nested_ledger_push_does_not_start_another_run(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv(hook.ACTIVE, "1")
    assert hook.run(tmp_path, [f"{'0' * 40} {'1' * 40} refs/heads/main"]) == 0
    assert not (tmp_path / hook.WORK).exists()


def test_only_main_updates_trigger() -> None:
    zero, one = "0" * 40, "1" * 40
    assert hook.main_updated([f"{zero} {one} refs/heads/main"])
    assert not hook.main_updated([f"{zero} {one} refs/heads/post/x"])
    assert not hook.main_updated([f"{one} {zero} refs/heads/main"])  # deletion


def test_server_env_reads_the_env_file_and_drops_git_variables(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    (tmp_path / "govmedia.env").write_text("export GOVMEDIA_WEIBO_TOKEN='abc'\n# comment\n")
    monkeypatch.setenv("GIT_DIR", str(tmp_path))
    env = hook.server_env(tmp_path)
    assert env["GOVMEDIA_WEIBO_TOKEN"] == "abc" and "GIT_DIR" not in env
    assert env[hook.ACTIVE] == "1"
    assert os.environ["GIT_DIR"] == str(tmp_path)
