"""The publish trigger: hooks/post-receive in a real bare repository, real pushes."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from pipeline.emulators import Emulator
from pipeline.publishing import hook
from tests.hook_support import hook_server, push, rerun
from tests.publish_support import (
    env_for,
    git,
    published,
    publisher_env,
    small_repo,
)


def test_post_receive_runs_publish_in_a_work_clone(tmp_path: Path, emulator: Emulator) -> None:
    repo = small_repo(tmp_path / "unit")
    env = {**env_for(emulator), **publisher_env(repo)}
    bare = hook_server(repo, env, only_post_receive=True)
    git(repo, "push", "-q", "origin", "main:other")  # not main: nothing happens
    assert not (bare / hook.WORK).exists()
    pushed = push(repo)
    assert pushed.returncode == 0  # post-receive cannot refuse a push
    assert "govmedia：main 已更新，开始发布" in pushed.stderr
    assert (bare / hook.WORK / ".git").is_dir()
    assert "本次运行" in pushed.stderr and "Traceback" not in pushed.stderr
    assert sum(len(v) for v in published(emulator).values()) == 8  # the 3 posts × their channels
    # the ledger commit went back to the bare repository; the nested push ran nothing
    assert git(bare, "log", "-1", "--format=%s", "main").startswith("Ledger: publish run")
    again = rerun(bare)
    assert "发布 0 项" in again.stderr, again.stderr
    assert sum(len(v) for v in published(emulator).values()) == 8
    for secret in env.values():
        if "THROWAWAY" in secret and not secret.startswith("wx"):
            assert secret not in pushed.stderr


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
