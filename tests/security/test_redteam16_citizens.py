"""Red team, round 16b: the citizens' side (第十二条). A citizen writes the comment; the
platform only carries it. Each test plants the comment on the real loopback emulator and
runs the real ``govmedia inbox`` in a new process over a git repository in ``tmp_path``."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.emulators import Emulator
from tests.interaction_support import (
    inbox,
    inbox_env,
    inbox_id,
    plant,
    platform_items,
    stored,
    unit_repo,
)

LONG = "请问" + "长" * 2600 + "末尾的话"


@pytest.mark.parametrize("platform", ["app", "wechat", "weibo"])
def test_one_citizens_overlong_comment_never_stops_the_fetch_of_everyone_elses(
    tmp_path: Path, emulator: Emulator, platform: str
) -> None:
    """The inbox bounds a comment to 2,000 characters, and a longer one made the whole page
    a malformed reply: the channel's fetch failed and kept its cursor, so every later run
    read the same page and failed again, and no comment after it on that account was ever
    fetched, triaged or answered. A citizen's text is now kept to its first 2,000
    characters with a note saying so, and the fetch goes on."""
    repo = unit_repo(tmp_path / "unit")
    platform_items(emulator)
    target = {"target": "post-1"} if platform == "app" else {}
    [long] = plant(emulator, {"kind": "comment", "platform": platform, "text": LONG, **target})
    env = inbox_env(emulator)
    first = inbox(repo, env, "fetch")
    assert first.code == 0, first.out + first.err
    [after] = plant(
        emulator, {"kind": "comment", "platform": platform, "text": "大厅周六开门吗？", **target}
    )
    second = inbox(repo, env, "fetch")
    assert second.code == 0, second.out + second.err
    rows = {r["id"]: r for r in stored(repo)}
    assert inbox_id(after) in rows
    kept = rows[inbox_id(long)]["text"]
    assert kept.startswith("请问长") and "末尾的话" not in kept
    assert kept.endswith("（留言超过 2000 字，其后部分未收录）") and len(kept) < 2100
    status = inbox(repo, env, "status")
    assert status.code == 0 and "Traceback" not in status.out + status.err
