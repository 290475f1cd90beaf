"""Red team round 43: a deletion answered with another post's status.

Weibo answers ``statuses/destroy`` with the status it deleted. The retraction took any
status in the reply as done: answered with another post's status (a platform, or something
on the way, naming another item; the status asked about untouched), the ledger recorded the
post ``retracted`` on Weibo while it stayed on the timeline, and no rerun would try again.
Real repository, the real ``govmedia publish`` as a subprocess, the leader's signed 撤回
order, the loopback emulators answering the deletion with the hostile reply.
"""

from __future__ import annotations

from pathlib import Path

from pipeline.emulators import Emulator
from tests.publish_support import (
    env_for,
    faults,
    ledger_records,
    publish_process,
    published,
    retract_in_process,
    small_repo,
)

POST = "content/posts/2026/11/nianmo-fanzha-tixing.md"
OTHER = "2026/03/zhangshang-app-shangxian.md"


def _status_of(repo: Path, path: str) -> str:
    (record,) = [
        r
        for r in ledger_records(repo)
        if r["event"] == "published" and r["platform"] == "weibo" and r["path"] == path
    ]
    return record["platform_id"]


def _live(emulator: Emulator) -> set[str]:
    return {str(s["id"]) for s in published(emulator)["weibo"]}


def test_a_deletion_answered_with_another_status_is_not_a_retraction(
    tmp_path: Path, emulator: Emulator
) -> None:
    """Attack: the deletion of the post's status is answered with the other post's status;
    the status is still on the timeline. Defence: the reply must name the status deleted;
    the retraction fails on Weibo, says so, and its rerun deletes the right status (the
    other post stays)."""
    repo = small_repo(tmp_path / "unit", (OTHER, POST.removeprefix("content/posts/")))
    assert publish_process(repo, env_for(emulator)).code == 0
    mine, other = _status_of(repo, POST), _status_of(repo, f"content/posts/{OTHER}")
    faults(
        emulator,
        {"path": "/2/statuses/destroy.json", "reply": {"id": int(other), "idstr": other}},
    )
    code, lines = retract_in_process(repo, emulator, POST)
    assert code == 1 and any(line.startswith("撤回失败") for line in lines), lines
    weibo = [
        r for r in ledger_records(repo) if r["event"] == "retracted" and r["platform"] == "weibo"
    ]
    assert weibo == []
    assert {mine, other} <= _live(emulator)
    code, lines = retract_in_process(repo, emulator, POST)
    assert code == 0, lines
    assert other in _live(emulator) and mine not in _live(emulator)
