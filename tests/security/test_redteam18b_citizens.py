"""Red team, round 18b: the citizens' side (第十二条). The comment is planted on the real
loopback emulator and the real ``govmedia inbox`` runs in a new process over a git
repository in ``tmp_path``."""

from __future__ import annotations

import json
from pathlib import Path

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

FIRST = "请问社保卡补办需要带什么材料？"
SECOND = "你们的答复是假的，大家别信！"


def test_a_comment_id_the_platform_reuses_for_another_text_is_reported_and_kept(
    tmp_path: Path, emulator: Emulator
) -> None:
    """A platform (or something on the way) handed the id of a stored comment back with a
    different text: the fetch took the id as a comment already stored and dropped the new
    text without a word. It is now reported (the account, the comment id, that the text
    differs), the stored record is never replaced, the new text is kept as a second record
    of the id, and ``inbox status`` shows the reviewer both; a re-read adds nothing, and a
    third text is reported without a third record."""
    repo = unit_repo(tmp_path / "unit")
    platform_items(emulator)
    env = inbox_env(emulator)
    [first] = plant(emulator, {"kind": "comment", "platform": "wechat", "text": FIRST})
    assert inbox(repo, env, "fetch").code == 0
    plant(emulator, {"kind": "comment", "platform": "wechat", "text": SECOND, "id": first["id"]})

    second = inbox(repo, env, "fetch")
    assert second.code == 0, second.out + second.err
    said = [line for line in second.out.splitlines() if first["id"] in line]
    assert said and "重复用于另一段不同的文字" in said[0] and "wechat" in said[0], second.out
    rows = [r for r in stored(repo) if r["id"] == inbox_id(first)]
    assert [r["text"] for r in rows] == [FIRST, SECOND]  # the first stays first

    third = inbox(repo, env, "fetch")
    assert third.code == 0 and first["id"] not in third.out, third.out
    assert len([r for r in stored(repo) if r["id"] == inbox_id(first)]) == 2

    # a platform sending yet another text is reported, but cannot grow the inbox
    plant(emulator, {"kind": "comment", "platform": "wechat", "text": "第三段", "id": first["id"]})
    fourth = inbox(repo, env, "fetch")
    assert fourth.code == 0 and "重复用于另一段不同的文字" in fourth.out, fourth.out
    assert len([r for r in stored(repo) if r["id"] == inbox_id(first)]) == 2

    status = inbox(repo, env, "status")
    assert status.code == 0, status.out + status.err
    assert any("[编号重复]" in line and first["id"] in line for line in status.out.splitlines())
    rows = json.loads(inbox(repo, env, "status", "--format", "json").out)
    [row] = [r for r in rows if r["item"] == inbox_id(first)]
    assert row["disputed"].startswith("interaction/")
