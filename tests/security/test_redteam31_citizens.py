"""Red team, round 31: the citizens' side (第十二条). Direct messages are planted on the real
loopback emulator, a hostile listing is the emulator's fault injection, the replies carry
real signed approvals and the real ``govmedia inbox`` runs in a new process over a git
repository in ``tmp_path``."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import httpx

from pipeline.emulators import Emulator
from pipeline.interaction.messages import CONTACTS_FILE
from tests.interaction_support import (
    approve_reply,
    inbox,
    inbox_env,
    messages,
    plant,
    stored,
    unit_repo,
    write_reply,
)
from tests.publish_support import git, ledger_records

QUESTION = "请问我的社保卡补办进度如何？"
OTHER = "你好"
# an answer about one citizen's own affair: it must reach that citizen and no one else
ANSWER = "您好，您的社保卡已补办完成，请携带身份证到3号窗口领取。"
CITIZEN, STRANGER = "61234", "69999"


def _citizen_and_stranger(tmp_path: Path, emulator: Emulator) -> tuple[Path, dict[str, str], str]:
    """A unit whose Weibo inbox fetched a message of the citizen's and one of a stranger's:
    the repository, the inbox's environment and the citizen's item id."""
    repo = unit_repo(tmp_path / "unit")
    env = inbox_env(emulator)
    [mine, _] = plant(
        emulator,
        {"kind": "message", "platform": "weibo", "text": QUESTION, "user": CITIZEN},
        {"kind": "message", "platform": "weibo", "text": OTHER, "user": STRANGER},
    )
    item = f"weibo:m{mine['id']}"
    assert inbox(repo, env, "fetch").code == 0
    return repo, env, item


def _contacts(repo: Path) -> dict[str, str]:
    where = Path(git(repo, "rev-parse", "--absolute-git-dir").strip()) / CONTACTS_FILE
    return dict(json.loads(where.read_text(encoding="utf-8")))


def _listing_naming(message: dict[str, object], sender: str) -> dict[str, object]:
    """Weibo's ``direct_messages`` listing that names a stored message again, its text and
    time as stored, under another sender."""
    at = dt.datetime.fromtimestamp(float(str(message["at"])), dt.timezone(dt.timedelta(hours=8)))
    row = {
        "id": int(str(message["id"])),
        "idstr": str(message["id"]),
        "created_at": at.strftime("%a %b %d %H:%M:%S %z %Y"),
        "text": message["text"],
        "sender_id": int(sender),
        "sender": {"id": int(sender), "idstr": sender},
    }
    return {"direct_messages": [row], "total_number": 1}


def test_a_message_listed_again_under_another_sender_is_never_answered_to_that_sender(
    tmp_path: Path, emulator: Emulator
) -> None:
    """A platform's listing (or anything on the way) named a stored message again, same text,
    under another sender. The inbox kept its first record (the citizen's pseudonym), but the
    fetch wrote every listed sender into the server's contacts file, over the one the record
    was made from: the answer the reviewers approved for the citizen's own affair went, by
    ``direct_messages/new``, to the stranger. The contact of a stored message is now taken
    only from a reading whose sender is the record's, and the send checks that the contact
    is the record's citizen (the pseudonym of the contact) before anything goes out."""
    repo, env, item = _citizen_and_stranger(tmp_path, emulator)
    assert _contacts(repo)[item] == CITIZEN
    first_user = next(r["user"] for r in stored(repo) if r["id"] == item)

    listed = messages(emulator)[item]
    httpx.post(
        emulator.url + "/_emulator/faults",
        json=[{"path": "/2/direct_messages.json", "reply": _listing_naming(listed, STRANGER)}],
        timeout=10,
    ).raise_for_status()
    again = inbox(repo, env, "fetch")
    assert again.code == 0, again.out + again.err
    assert [r["user"] for r in stored(repo) if r["id"] == item] == [first_user]
    assert _contacts(repo)[item] == CITIZEN  # the record's citizen, not the listing's

    rel = write_reply(repo, "shebaoka", item, ANSWER)
    approve_reply(repo, rel)
    sent = inbox(repo, env, "send")
    assert sent.code == 0 and f"已发送：{rel}" in sent.out, sent.out + sent.err
    by_user = {m["user"]: m for m in messages(emulator).values()}
    assert [r["text"] for r in by_user[CITIZEN].get("replies", [])] == [ANSWER]
    assert not by_user[STRANGER].get("replies")


def test_a_contact_that_is_not_the_records_citizen_is_never_answered(
    tmp_path: Path, emulator: Emulator
) -> None:
    """The server's contacts file names someone else for a stored message (written before
    this round's fetch, or by anything else on the server): the send compares the contact's
    pseudonym with the inbox record's and sends nothing, saying why; nothing is recorded,
    so once the contact is right the same reply goes out, once."""
    repo, env, item = _citizen_and_stranger(tmp_path, emulator)
    where = Path(git(repo, "rev-parse", "--absolute-git-dir").strip()) / CONTACTS_FILE
    honest = where.read_text(encoding="utf-8")
    where.write_text(json.dumps({**_contacts(repo), item: STRANGER}), encoding="utf-8")

    rel = write_reply(repo, "shebaoka", item, ANSWER)
    approve_reply(repo, rel)
    refused = inbox(repo, env, "send")
    assert f"未发送：{rel}" in refused.out and "不是这条私信的网民" in refused.out, refused.out
    assert STRANGER not in refused.out + refused.err  # the platform id is never printed
    assert not any(m.get("replies") for m in messages(emulator).values())
    assert not [r for r in ledger_records(repo) if r["slug"] == f"interaction:{rel}"]

    where.write_text(honest, encoding="utf-8")
    sent = inbox(repo, env, "send")
    assert sent.code == 0 and f"已发送：{rel}" in sent.out, sent.out + sent.err
    by_user = {m["user"]: m for m in messages(emulator).values()}
    assert [r["text"] for r in by_user[CITIZEN]["replies"]] == [ANSWER]
    assert not by_user[STRANGER].get("replies")
