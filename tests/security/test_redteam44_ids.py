"""Red team round 44: a platform id ending in a line break.

``Fields.ident`` read an id with ``^[…]+$``, and ``$`` also matches before a final line
break: a listing naming a citizen ``61234\\n`` had that id kept as the citizen's (their
pseudonym and the contact their answer goes to), and a publishing id with a line break
reached the ledger. The real emulator's listing, the real ``govmedia inbox fetch``.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import httpx

from pipeline.emulators import Emulator
from pipeline.interaction.messages import CONTACTS_FILE
from tests.interaction_support import inbox, inbox_env, stored, unit_repo
from tests.publish_support import git


def test_an_id_ending_in_a_line_break_is_a_bad_reply_never_kept(
    tmp_path: Path, emulator: Emulator
) -> None:
    repo = unit_repo(tmp_path / "unit")
    listing = {
        "messages": [
            {
                "id": 5,
                "user": "61234\n",
                "text": "请问社保卡在哪里补办？",
                "created_at": int(time.time()),
            }
        ]
    }
    httpx.post(
        emulator.url + "/_emulator/faults",
        json=[{"path": "/app/messages", "reply": listing}],
        timeout=10,
    ).raise_for_status()
    fetched = inbox(repo, inbox_env(emulator), "fetch")
    assert "（app）（私信）：拉取失败" in fetched.out, fetched.out + fetched.err
    assert "Traceback" not in fetched.err
    assert not [r for r in stored(repo) if r["kind"] == "message"]
    contacts = Path(git(repo, "rev-parse", "--absolute-git-dir").strip()) / CONTACTS_FILE
    assert not contacts.exists() or "\n" not in "".join(json.loads(contacts.read_text()).values())
