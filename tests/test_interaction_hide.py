"""Hiding a citizen's comment (第十二条, 第十七条) on WeChat and the app, over the real
emulator, real git and real signed approvals: the hide order is reviewed like a reply, sent
once, recorded with its reason; one for a comment its author already deleted is recorded
as not done, never retried."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.emulators import Emulator
from tests.interaction_support import (
    approve_reply,
    comments,
    fetched_comment,
    inbox,
    inbox_env,
    plant,
    unit_repo,
    write_reply,
)
from tests.publish_support import ledger_records, stats

HIDE_PATH = {"wechat": "/cgi-bin/comment/delete", "app": "/app/comments/hide"}
REASON = "reason: 含枪支买卖信息（A9-07）\naction: hide\n"


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return unit_repo(tmp_path / "unit")


def _hide_order(repo: Path, emulator: Emulator, platform: str) -> tuple[str, str, str]:
    """A fetched comment selling guns and a hide order for it (not yet approved):
    (inbox item, platform id, the order's path)."""
    item, cid = fetched_comment(repo, emulator, platform, "出售枪支弹药，联系QQ")
    rel = write_reply(repo, "qiangzhi", item, "", folder="moderation", extra=REASON)
    return item, cid, rel


@pytest.mark.parametrize("platform", ["wechat", "app"])
def test_approved_hide_order_hides_the_comment_once_with_its_reason(
    repo: Path, emulator: Emulator, platform: str
) -> None:
    item, _, rel = _hide_order(repo, emulator, platform)
    env = inbox_env(emulator)
    assert inbox(repo, env, "check", rel).code == 0
    early = inbox(repo, env, "send")
    assert "未完成审核" in early.out and not comments(emulator)[item].get("hidden")
    approve_reply(repo, rel)
    sent = inbox(repo, env, "send")
    assert sent.code == 0, sent.out + sent.err
    assert comments(emulator)[item]["hidden"] is True
    assert "没有待发送" in inbox(repo, env, "send").out
    assert stats(emulator)[HIDE_PATH[platform]] == 1
    records = [r for r in ledger_records(repo) if r["slug"] == f"interaction:{rel}"]
    assert [r["event"] for r in records] == ["interaction-intent", "hidden"]
    assert records[-1]["detail"]["reason"] == "含枪支买卖信息（A9-07）"
    assert records[-1]["detail"]["platform"] == platform


@pytest.mark.parametrize("platform", ["wechat", "app"])
def test_hide_order_for_a_comment_its_author_deleted_is_recorded_not_retried(
    repo: Path, emulator: Emulator, platform: str
) -> None:
    _, cid, rel = _hide_order(repo, emulator, platform)
    env = inbox_env(emulator)
    approve_reply(repo, rel)
    plant(emulator, {"kind": "withdraw", "id": cid})
    result = inbox(repo, env, "send")
    assert result.code == 0 and "Traceback" not in result.err
    assert "网民已删除该评论" in result.out
    events = [r["event"] for r in ledger_records(repo) if r["slug"] == f"interaction:{rel}"]
    assert events == ["interaction-intent", "unanswerable"]
    assert "没有待发送" in inbox(repo, env, "send").out
    assert stats(emulator)[HIDE_PATH[platform]] == 1


@pytest.mark.parametrize("platform", ["wechat", "app"])
def test_unapproved_hide_order_never_reaches_the_platform(
    repo: Path, emulator: Emulator, platform: str
) -> None:
    """Only 初审 of two stages: the citizen's comment stays."""
    item, _, rel = _hide_order(repo, emulator, platform)
    env = inbox_env(emulator)
    approve_reply(repo, rel, stages=(1,))
    result = inbox(repo, env, "send")
    assert "未完成审核" in result.out
    assert not comments(emulator)[item].get("hidden")
    assert HIDE_PATH[platform] not in stats(emulator)
