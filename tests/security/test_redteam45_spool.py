"""Red team round 45: the WeChat spool as its server's operator keeps it (第十二条).

The spool grows for ever; an operator rotates it (logrotate, moved aside or copied and
truncated) or cuts away the lines already fetched. ``inbox fetch`` must then read every
citizen's message the next time, none skipped, none stored twice.

The real emulator pushes the messages to a real receiver on loopback (round 44's fixture);
the real ``govmedia inbox fetch`` in new processes.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from pipeline.emulators import Emulator
from pipeline.interaction.store import CURSORS, INTERACTION_DIR
from pipeline.interaction.wechat_push import SPOOL_ENV
from tests.interaction_support import inbox, inbox_env, plant, stored, unit_repo
from tests.security.test_redteam44_numbers import receiver  # noqa: F401  (the fixture)


def _send(emulator: Emulator, tag: str, count: int) -> list[str]:
    texts = [f"请问{tag}第{i}件事怎么办理" for i in range(count)]
    for i, text in enumerate(texts):
        plant(
            emulator, {"kind": "message", "platform": "wechat", "text": text, "user": f"o{tag}{i}"}
        )
    return texts


def _fetch(repo: Path, env: dict[str, str]) -> list[str]:
    fetched = inbox(repo, env, "fetch")
    assert fetched.code == 0, fetched.out + fetched.err
    return [str(row["text"]) for row in stored(repo) if row.get("kind") == "message"]


def _rotate(spool: Path, how: str) -> None:
    if how == "moved":  # logrotate's ``create``: the old file moved aside, a new one begun
        spool.rename(spool.with_name(spool.name + ".1"))
    elif how == "copied-and-truncated":  # logrotate's ``copytruncate``
        spool.with_name(spool.name + ".1").write_bytes(spool.read_bytes())
        os.truncate(spool, 0)


@pytest.mark.parametrize("how", ["moved", "copied-and-truncated"])
def test_a_rotated_spool_never_skips_a_citizens_message(
    tmp_path: Path,
    emulator: Emulator,
    receiver: Path,  # noqa: F811
    how: str,
) -> None:
    repo = unit_repo(tmp_path / "unit")
    env = inbox_env(emulator, **{SPOOL_ENV: str(receiver)})
    before = _send(emulator, "A", 3)
    assert _fetch(repo, env) == before
    unread = _send(emulator, "B", 2)  # received after the last fetch, rotated away
    _rotate(receiver, how)
    assert _fetch(repo, env) == before + unread  # the new spool not begun yet, or empty
    after = _send(emulator, "C", 6)  # more lines than the spool held: none may be skipped
    assert _fetch(repo, env) == before + unread + after
    later = _send(emulator, "D", 1)
    assert _fetch(repo, env) == before + unread + after + later  # and read on from there


def test_a_spool_cut_back_to_its_unfetched_lines_is_read_whole(
    tmp_path: Path,
    emulator: Emulator,
    receiver: Path,  # noqa: F811
) -> None:
    repo = unit_repo(tmp_path / "unit")
    env = inbox_env(emulator, **{SPOOL_ENV: str(receiver)})
    first = _send(emulator, "A", 3)
    assert _fetch(repo, env) == first
    waiting = _send(emulator, "B", 2)
    lines = receiver.read_bytes().splitlines(keepends=True)
    receiver.write_bytes(b"".join(lines[3:]))  # the operator drops what was fetched
    assert _fetch(repo, env) == first + waiting
    more = _send(emulator, "C", 2)
    assert _fetch(repo, env) == first + waiting + more


def test_a_spool_cut_in_its_middle_is_read_again_and_nothing_is_stored_twice(
    tmp_path: Path,
    emulator: Emulator,
    receiver: Path,  # noqa: F811
) -> None:
    """A spool cut in its middle had the line count skip the next messages; a cursor that
    no longer fits (that, or an older receiver's line count) now reads the spool again,
    and the inbox folds what it holds by ``MsgId`` (held: nothing stored twice)."""
    repo = unit_repo(tmp_path / "unit")
    env = inbox_env(emulator, **{SPOOL_ENV: str(receiver)})
    first = _send(emulator, "A", 3)
    assert _fetch(repo, env) == first
    cursors = repo / INTERACTION_DIR / CURSORS
    data = json.loads(cursors.read_text(encoding="utf-8"))
    key = next(k for k in data if k.endswith("#messages"))
    cursors.write_text(json.dumps({**data, key: "2"}), encoding="utf-8")  # a line count
    assert _fetch(repo, env) == first
    lines = receiver.read_bytes().splitlines(keepends=True)
    receiver.write_bytes(lines[0] + lines[2])  # the middle line cut away
    more = _send(emulator, "B", 2)
    assert _fetch(repo, env) == first + more


def test_a_record_still_being_written_is_read_once_it_is_whole(
    tmp_path: Path,
    emulator: Emulator,
    receiver: Path,  # noqa: F811
) -> None:
    """Held: a fetch that finds the spool's last record without its newline (the receiver
    mid-write) reads up to the record before it, and the record whole the next time."""
    repo = unit_repo(tmp_path / "unit")
    env = inbox_env(emulator, **{SPOOL_ENV: str(receiver)})
    first = _send(emulator, "A", 2)
    record = json.dumps(
        {"msg_id": "9045", "user": "oTORN", "text": "请问半条记录", "at": 1765000000},
        ensure_ascii=False,
    ).encode("utf-8")
    with receiver.open("ab") as spool:
        spool.write(record[:20])
    assert _fetch(repo, env) == first
    with receiver.open("ab") as spool:
        spool.write(record[20:] + b"\n")
    assert _fetch(repo, env) == [*first, "请问半条记录"]
