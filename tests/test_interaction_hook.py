"""The inbox on the server (第十二条): after a push to main is published, the post-receive
hook fetches citizens' comments and sends the approved replies exactly once, committing the
inbox and the ledger with the publisher key and pushing them back through the pre-receive
hook — a real bare repository with both hooks, real signed approvals, the real emulator."""

from __future__ import annotations

import os
from pathlib import Path

from pipeline.emulators import Emulator
from pipeline.interaction.server_step import run_inbox
from pipeline.publishing import hook
from tests.hook_support import hook_server, push, rerun
from tests.interaction_support import (
    SALT,
    approve_reply,
    comments,
    inbox_env,
    plant,
    platform_items,
    unit_repo,
    write_reply,
)
from tests.publish_support import git, publisher_env, stats

QUESTION = "请问社保卡怎么补办？"
ANSWER = "您好，社保卡补办可在政务服务大厅3号窗口当场办理。"


def test_hook_fetches_the_inbox_and_sends_an_approved_reply_exactly_once(
    tmp_path: Path, emulator: Emulator
) -> None:
    repo = unit_repo(tmp_path / "unit")
    env = {**inbox_env(emulator), **publisher_env(repo)}
    bare = hook_server(repo, env)  # pre-receive and post-receive, as govmedia install-hooks
    platform_items(emulator)
    [planted] = plant(
        emulator, {"kind": "comment", "platform": "weibo", "text": QUESTION, "user": "1888"}
    )
    item = f"weibo:{planted['id']}"
    first = push(repo)
    assert first.returncode == 0 and "Traceback" not in first.stderr, first.stderr
    assert "（weibo）：读取 1 条，新增 1 条" in first.stderr, first.stderr
    # the inbox commit went through the pre-receive hook back to main, signed by the publisher
    subjects = git(bare, "log", "--format=%s", "main").splitlines()
    assert any(s.startswith("Inbox: 1 new item") for s in subjects), subjects
    # the citizen's platform id is stored only as its keyed hash: read the added lines, not
    # the commit and blob ids around them (a hex id may hold the digits "1888" by chance)
    log = git(bare, "log", "-p", "--format=", "main", "--", "interaction").splitlines()
    added = [line for line in log if line.startswith("+") and not line.startswith("+++")]
    assert added and not any("1888" in line for line in added), added

    git(repo, "pull", "-q", "--ff-only", "origin", "main")
    rel = write_reply(repo, "shebaoka", item, ANSWER)
    approve_reply(repo, rel)
    second = push(repo)
    assert second.returncode == 0 and "Traceback" not in second.stderr, second.stderr
    assert f"已发送：{rel}" in second.stderr, second.stderr
    assert comments(emulator)[item]["reply"]["text"] == ANSWER
    ledger = git(bare, "log", "-1", "--format=%s", "main")
    assert ledger.startswith("Ledger: 1 interaction"), ledger
    assert "-----BEGIN SSH SIGNATURE-----" in git(bare, "cat-file", "commit", "main")

    again = rerun(bare)
    assert "没有待发送" in again.stderr, again.stderr
    assert stats(emulator)["/2/comments/reply.json"] == 1
    for secret in env.values():
        if "THROWAWAY" in secret and not secret.startswith("wx"):
            assert secret not in first.stderr + second.stderr + again.stderr


def test_inbox_steps_see_only_the_inbox_variables(tmp_path: Path) -> None:
    """The two steps get the publish step's allowlist plus the salt and the app's API; the
    archive build and git never see the salt (it would let anyone test a citizen's id)."""
    seen: list[tuple[list[str], dict[str, str]]] = []

    def runner(args: list[str], work: Path, env: dict[str, str]) -> int:
        seen.append((args, env))
        return 0

    server = {
        "GOVMEDIA_INTERACTION_SALT": SALT,
        "GOVMEDIA_WEIBO_TOKEN": "2.00THROWAWAY",
        "GOVMEDIA_APP_API": "http://127.0.0.1:1/app",
        "UNRELATED_SECRET": "x",
        "PATH": os.environ.get("PATH", ""),
    }
    base = hook.step_env(server, publish=True)
    assert run_inbox(tmp_path, server, runner, base) == 0
    assert [args for args, _ in seen] == [
        ["inbox", "fetch", "--push"],
        ["inbox", "send", "--push"],
    ]
    for _, env in seen:
        assert env["GOVMEDIA_INTERACTION_SALT"] == SALT
        assert env["GOVMEDIA_APP_API"] == "http://127.0.0.1:1/app"
        assert "UNRELATED_SECRET" not in env
    assert "GOVMEDIA_INTERACTION_SALT" not in hook.step_env(server)
    seen.clear()
    assert run_inbox(tmp_path, {"PATH": "/bin"}, runner, base) == 0 and not seen
