"""Red team, round 31: exactly once when two ``govmedia inbox send`` run at once in one
clone (the hook's and an operator's). Real processes, the loopback emulator answering
slowly, real signed approvals, a unit repository in ``tmp_path``."""

from __future__ import annotations

from pathlib import Path

from pipeline.emulators import Emulator
from tests.interaction_support import (
    approve_reply,
    comments,
    fetched_comment,
    inbox,
    inbox_env,
    spawn,
    unit_repo,
    write_reply,
)
from tests.publish_support import faults, git, ledger_records, stats

ANSWER = "您好，社保卡补办请到政务服务大厅3号窗口办理。"


def test_two_sends_at_once_answer_a_citizen_once(tmp_path: Path, emulator: Emulator) -> None:
    """Two sends at once each read the ledger before their platform call: neither saw the
    other's intent, and Weibo (which takes a second reply to a comment) showed the
    citizen the approved answer twice, with two ``replied`` records. A send now holds
    the publisher's run lock from its reading of the ledger to its last record, as
    ``--push`` already did: the second waits, reads the first's record and sends nothing."""
    repo = unit_repo(tmp_path / "unit")
    item, _ = fetched_comment(repo, emulator, "weibo", "请问社保卡怎么补办？", "7")
    rel = write_reply(repo, "shebaoka", item, ANSWER)
    approve_reply(repo, rel)
    faults(emulator, {"path": "/2/comments/reply.json", "latency": 3.0, "times": 2})
    env = inbox_env(emulator)
    runs = [spawn(repo, env, "inbox", "send") for _ in range(2)]
    results = [(*run.communicate(timeout=120), run.returncode) for run in runs]
    for out, err, code in results:
        assert code == 0, out + err
    assert stats(emulator)["/2/comments/reply.json"] == 1
    assert comments(emulator)[item]["reply"]["text"] == ANSWER
    events = [r["event"] for r in ledger_records(repo) if r["slug"] == f"interaction:{rel}"]
    assert events == ["interaction-intent", "replied"], events
    assert "没有待发送" in inbox(repo, env, "send").out


def test_a_copy_of_a_sent_answer_under_another_name_is_never_sent_again(
    tmp_path: Path, emulator: Emulator
) -> None:
    """Pinned (held): the ledger keys a send by the reply file's path, so a pusher copies
    the answer already sent to a new path, the same bytes (the same blob the reviewers
    approved). The approvals name a path with the blob (``Approves: <path>@<blob>``), so
    the copy has none: it is skipped as not reviewed and Weibo, which would take a second
    reply, is asked once."""
    repo = unit_repo(tmp_path / "unit")
    item, _ = fetched_comment(repo, emulator, "weibo", "请问社保卡怎么补办？", "7")
    rel = write_reply(repo, "shebaoka", item, ANSWER)
    approve_reply(repo, rel)
    env = inbox_env(emulator)
    first = inbox(repo, env, "send")
    assert first.code == 0 and f"已发送：{rel}" in first.out, first.out + first.err
    copy = write_reply(repo, "shebaoka-2", item, ANSWER)
    blob = git(repo, "rev-parse", f"HEAD:{rel}").strip()
    assert git(repo, "rev-parse", f"HEAD:{copy}").strip() == blob
    again = inbox(repo, env, "send")
    assert f"未发送：{copy}：未完成审核" in again.out, again.out + again.err
    assert stats(emulator)["/2/comments/reply.json"] == 1
    assert not [r for r in ledger_records(repo) if r["slug"] == f"interaction:{copy}"]
