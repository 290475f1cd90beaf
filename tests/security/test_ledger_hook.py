"""End to end through the server's post-receive hook: the publisher's ledger commit pushed
back to the bare repository is signed and passes ``step_problems``; a pusher who deletes the
ledger does not get a post published twice."""

from __future__ import annotations

from pathlib import Path

from pipeline.emulators import Emulator
from pipeline.ledger_trust import step_problems, verify_history
from pipeline.review.roster import parse_roster
from tests.hook_support import hook_server, push
from tests.publish_support import (
    env_for,
    git,
    published,
    publisher_env,
    small_repo,
)


def test_hook_publishes_with_a_signed_ledger_commit_and_resists_deletion(
    tmp_path: Path, emulator: Emulator
) -> None:
    repo = small_repo(tmp_path / "unit", ("2026/11/nianmo-fanzha-tixing.md",))
    env = {**env_for(emulator), **publisher_env(repo)}
    bare = hook_server(repo, env, only_post_receive=True)
    first = push(repo, "origin", "main")
    assert first.returncode == 0 and "Traceback" not in first.stderr, first.stderr
    count = sum(len(v) for v in published(emulator).values())
    assert count == 2  # the notice goes to WeChat and Weibo
    head = git(bare, "rev-parse", "main").strip()
    parent = git(bare, "rev-parse", "main^").strip()
    assert git(bare, "log", "-1", "--format=%s", head).startswith("Ledger: publish run")
    roster = parse_roster(git(bare, "show", f"{parent}:content/roster.yml"))
    assert step_problems(bare, parent, head, roster) == []
    assert verify_history(bare, "main").tip == head

    # a pusher deletes the ledger (the pre-receive wiring is the review lead's; the readers
    # refuse on their own): nothing is sent again
    git(repo, "pull", "-q", "--ff-only", "origin", "main")
    git(repo, "rm", "-q", "-r", "ledger")
    git(repo, "commit", "-q", "-m", "Tidy up")
    deleting = git(repo, "rev-parse", "HEAD").strip()
    second = push(repo, "origin", "main")
    assert "发布台账不可信" in second.stderr and deleting[:12] in second.stderr, second.stderr
    assert "Traceback" not in second.stderr
    assert sum(len(v) for v in published(emulator).values()) == count
    roster = parse_roster(git(bare, "show", f"{deleting}^:content/roster.yml"))
    assert any("删除" in p for p in step_problems(bare, f"{deleting}^", deleting, roster))
